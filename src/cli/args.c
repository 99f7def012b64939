/* Parsed command-line arguments: looking options up and turning them into fields. */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

const char *cli_opt(const struct cli_args *a, const char *name)
{
    const char *value = NULL;
    for (size_t i = 0; i < a->n; i++)
        if (a->items[i].name && !strcmp(a->items[i].name, name))
            value = a->items[i].value;
    return value;
}

int cli_flag(const struct cli_args *a, const char *name)
{
    const char *v = cli_opt(a, name);
    return v && strcmp(v, "no") && strcmp(v, "false") && strcmp(v, "0");
}

const char *cli_pos(const struct cli_args *a, size_t i)
{
    for (size_t k = 0; k < a->n; k++)
        if (!a->items[k].name && i-- == 0)
            return a->items[k].value;
    return NULL;
}

size_t cli_npos(const struct cli_args *a)
{
    size_t n = 0;
    for (size_t k = 0; k < a->n; k++)
        n += !a->items[k].name;
    return n;
}

enum rp_status cli_id(struct cli *c, const struct cli_args *a, size_t i, const char *what,
                      int64_t *id)
{
    const char *s = cli_pos(a, i);
    if (!s)
        return rp_db_fail(c->db, RP_ERR_USAGE, "id", "missing %s id", what);
    if (rp_parse_int64(s, 1, INT64_MAX, id))
        return rp_db_fail(c->db, RP_ERR_INVALID, "id",
                          "invalid %s id '%s' (expected a positive "
                          "whole number)",
                          what, s);
    return RP_OK;
}

enum rp_status cli_target(struct cli *c, const struct cli_args *a, const char *name, size_t *used,
                          int64_t *id)
{
    const char *opt = cli_opt(a, name), *pos = cli_pos(a, 0);
    *used = opt ? 0 : 1;
    if (!opt && !pos)
        return rp_db_fail(c->db, RP_ERR_USAGE, NULL,
                          "missing --%s ID (or the id alone, after "
                          "the command)",
                          name);
    const char *s = opt ? opt : pos;
    if (rp_parse_int64(s, 1, INT64_MAX, id))
        return rp_db_fail(c->db, RP_ERR_INVALID, name,
                          "invalid %s id '%s' (expected a positive "
                          "whole number)",
                          name, s);
    return RP_OK;
}

enum rp_status cli_need(struct cli *c, const struct cli_args *a, const char *name,
                        const char **value)
{
    *value = cli_opt(a, name);
    if (!*value)
        return rp_db_fail(c->db, RP_ERR_USAGE, name, "missing --%s", name);
    return RP_OK;
}

enum rp_status cli_date_opt(struct cli *c, const struct cli_args *a, const char *name,
                            int64_t *days)
{
    const char *s;
    enum rp_status rc = cli_need(c, a, name, &s);
    if (rc)
        return rc;
    if (rp_date_parse(s, days))
        return rp_db_fail(c->db, RP_ERR_INVALID, name,
                          "cannot parse date '%s' for --%s "
                          "(expected YYYY-MM-DD)",
                          s, name);
    return RP_OK;
}

enum rp_status cli_limit_opt(struct cli *c, const struct cli_args *a, size_t default_n, int64_t max,
                             size_t *limit)
{
    const char *s = cli_opt(a, "limit");
    int64_t n;
    *limit = default_n;
    if (!s)
        return RP_OK;
    if (rp_parse_int64(s, 1, max, &n))
        return rp_db_fail(c->db, RP_ERR_INVALID, "limit",
                          "invalid --limit '%s' (expected a "
                          "whole number from 1 to %lld)",
                          s, (long long)max);
    *limit = (size_t)n;
    return RP_OK;
}

const char *cli_field_opt(const struct rp_field *f)
{
    static char name[64];
    if (f->flag)
        return f->flag;
    snprintf(name, sizeof(name), "%s", f->name);
    for (char *p = name; *p; p++)
        if (*p == '_')
            *p = '-';
    return name;
}

enum rp_status cli_fill(struct cli *c, const struct cli_cmd *cmd, const struct cli_args *a,
                        struct rp_record *rec, unsigned char *changed)
{
    const struct rp_kind *kind = rec->kind;
    enum rp_status rc = RP_OK;
    for (size_t i = 0; i < a->n && !rc; i++) {
        const struct cli_arg *arg = &a->items[i];
        int f = -1;
        if (!arg->name && cmd->positional)
            f = rp_kind_field(kind, cmd->positional);
        else if (arg->name)
            for (size_t k = 0; k < kind->nfields && f < 0; k++)
                if ((kind->fields[k].flags & cmd->field_flags) &&
                    !strcmp(cli_field_opt(&kind->fields[k]), arg->name))
                    f = (int)k;
        if (f < 0)
            continue;
        rc = rp_record_set_text(c->db, rec, f, arg->value);
        if (changed)
            changed[f] = 1;
    }
    return rc;
}
