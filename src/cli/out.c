/* What the command line prints: records as aligned text for people, JSON for scripts. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/grow.h"
#include "base/json_out.h"
#include "cli/cli.h"
#include "base/banned.h"

#define CELL_MAX 60 /* columns of a table cell when the terminal's width is unknown */

enum rp_status cli_print_json(struct cli *c, json_t *value)
{
    const size_t any = JSON_ENCODE_ANY | JSON_REAL_PRECISION(15);
    int rc = 0;
    if (!value)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (c->jsonl && json_is_array(value)) {
        /* JSON Lines: a list streams, one compact object a line (none for an empty list) */
        size_t i;
        json_t *item;
        json_array_foreach(value, i, item)
        {
            if (!rc)
                rc = json_dumpf(item, stdout, JSON_COMPACT | any) || fputc('\n', stdout) == EOF;
        }
    } else {
        rc = json_dumpf(value, stdout, (c->jsonl ? JSON_COMPACT : JSON_INDENT(2)) | any) ||
             fputc('\n', stdout) == EOF;
    }
    json_decref(value);
    if (rc)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "cannot write output");
    return RP_OK;
}

/* Writes LEN bytes at S on stdout; *ARG (an int) set when it cannot. */
static enum rp_status print_chunk(const char *s, size_t len, void *arg)
{
    if (fwrite(s, 1, len, stdout) == len)
        return RP_OK;
    *(int *)arg = 1;
    return RP_ERR_INTERNAL;
}

enum rp_status cli_print_json_text(struct cli *c, const char *text, size_t len)
{
    struct rp_buf out = RP_BUF_INIT;
    int unwritten = 0;
    enum rp_status rc = RP_OK;
    if (c->jsonl)
        rc = print_chunk(text, len, &unwritten);
    else if (!(rc = rp_json_out_indent(&out, text, len, 2, print_chunk, &unwritten)))
        rc = print_chunk(out.data ? out.data : "", out.len, &unwritten);
    if (!rc)
        rc = print_chunk("\n", 1, &unwritten);
    rp_buf_release(&out);
    if (rc)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL,
                          unwritten ? "cannot write output" : "out of memory");
    return RP_OK;
}

/* Names of referenced records, looked up once per table: "Acme" for account 3. */
struct names {
    struct {
        enum rp_kind_id kind;
        int64_t id;
        char *name;
    } * items;
    size_t n, cap;
};

static const char *record_label(const struct rp_record *rec);

static void names_release(struct names *n)
{
    for (size_t i = 0; i < n->n; i++)
        free(n->items[i].name);
    free(n->items);
}

/* The name of record ID of KIND, or NULL when it has none or cannot be read (another
 * user's, deleted). Borrowed from N. */
static const char *names_get(struct cli *c, struct names *n, enum rp_kind_id kind, int64_t id)
{
    struct rp_record rec;
    for (size_t i = 0; i < n->n; i++)
        if (n->items[i].kind == kind && n->items[i].id == id)
            return n->items[i].name;
    if (RP_GROW(n->items, n->n + 1, n->cap))
        return NULL;
    char *name = NULL;
    if (!rp_get(c->db, kind, id, &rec)) {
        const char *label = record_label(&rec);
        name = label ? strdup(label) : NULL;
        rp_record_release(&rec);
    }
    n->items[n->n].kind = kind;
    n->items[n->n].id = id;
    n->items[n->n++].name = name;
    return name;
}

/* One cell as people read it: names for references, money with its currency. */
static void cell(struct cli *c, struct names *names, const struct rp_record *rec, int f,
                 struct rp_buf *b)
{
    const struct rp_field *fd = &rec->kind->fields[f];
    const char *name;
    if (!rec->v[f].set)
        return;
    if (fd->type == RP_T_REF && (name = names_get(c, names, fd->ref, rec->v[f].i)))
        rp_buf_adds(b, name);
    else if (fd->type == RP_T_MONEY) {
        int cf = rp_kind_field(rec->kind, "currency");
        cli_money(b, rec->v[f].i, cf >= 0 ? rp_record_str(rec, cf) : NULL);
        while (b->len && b->data[b->len - 1] == ' ')
            b->data[--b->len] = '\0';
    } else
        rp_field_format(rec, f, b);
}

/* The columns of a list (LIST_ONLY) or a record: its fields, but the currency goes with
 * the amount. */
static size_t table_columns(const struct rp_kind *kind, int *cols, size_t max, int list_only)
{
    size_t n = 0;
    int has_money = 0;
    for (size_t f = 0; f < kind->nfields; f++)
        has_money |= kind->fields[f].type == RP_T_MONEY;
    for (size_t f = 0; f < kind->nfields && n < max; f++)
        if ((!list_only || (kind->fields[f].flags & RP_F_LIST)) &&
            !(has_money && kind->fields[f].type == RP_T_CURRENCY))
            cols[n++] = (int)f;
    return n;
}

enum rp_status cli_print_table(struct cli *c, const struct rp_records *list, const char *title)
{
    return cli_print_table_scored(c, list, title, NULL);
}

enum rp_status cli_print_table_scored(struct cli *c, const struct rp_records *list,
                                      const char *title, const int *scores)
{
    if (c->json) {
        json_t *arr = rp_records_to_json(list);
        for (size_t i = 0; arr && scores && i < list->n; i++)
            if (scores[i] >= 0)
                json_object_set_new(json_array_get(arr, i), "score", json_integer(scores[i]));
        return cli_print_json(c, arr);
    }
    if (title)
        printf("%s\n", title);
    if (!list->n) {
        printf("  (none)\n");
        return RP_OK;
    }
    const struct rp_kind *kind = list->items[0].kind;
    int cols[31];
    size_t ncols = table_columns(kind, cols, 31, 1), extra = scores ? 1 : 0;
    unsigned right = 1u; /* the id */
    struct cli_grid g;
    struct names names = {0};
    struct rp_buf b = RP_BUF_INIT;
    for (size_t k = 0; k < ncols; k++) {
        enum rp_type t = kind->fields[cols[k]].type;
        if (t == RP_T_MONEY || t == RP_T_INT)
            right |= 1u << (k + extra);
    }
    cli_grid_init(&g, ncols + extra, right | (scores ? 2u : 0u));
    for (size_t k = 0; k < ncols; k++) {
        cli_grid_add(&g, cli_field_opt(&kind->fields[cols[k]]));
        if (k == 0 && scores)
            cli_grid_add(&g, "score");
    }
    for (size_t i = 0; i < list->n; i++)
        for (size_t k = 0; k < ncols; k++) {
            rp_buf_reset(&b);
            cell(c, &names, &list->items[i], cols[k], &b);
            cli_grid_add(&g, rp_buf_str(&b));
            if (k == 0 && scores && scores[i] >= 0)
                cli_grid_addf(&g, "%d", scores[i]);
            else if (k == 0 && scores)
                cli_grid_add(&g, "-");
        }
    enum rp_status rc = cli_grid_print_fit(c, &g, "", CELL_MAX);
    rp_buf_release(&b);
    names_release(&names);
    cli_grid_release(&g);
    return rc;
}

enum rp_status cli_print_record(struct cli *c, const struct rp_record *rec)
{
    if (c->json)
        return cli_print_json(c, rp_record_to_json(rec));
    const struct rp_kind *kind = rec->kind;
    struct names names = {0};
    struct rp_buf b = RP_BUF_INIT;
    struct cli_grid g;
    int cols[31];
    size_t ncols = table_columns(kind, cols, 31, 0);
    cli_grid_init(&g, 2, 0);
    for (size_t k = 0; k < ncols; k++) {
        if (!rec->v[cols[k]].set)
            continue;
        rp_buf_reset(&b);
        cell(c, &names, rec, cols[k], &b);
        cli_grid_add(&g, cli_field_opt(&kind->fields[cols[k]]));
        cli_grid_add(&g, rp_buf_str(&b));
    }
    enum rp_status rc = cli_grid_print(c, &g, "");
    rp_buf_release(&b);
    names_release(&names);
    cli_grid_release(&g);
    return rc;
}

/* A record's one-line name for messages: its name, title or text. */
static const char *record_label(const struct rp_record *rec)
{
    static const char *const fields[] = {"name", "title", "text", "number", NULL};
    for (int i = 0; fields[i]; i++) {
        int f = rp_kind_field(rec->kind, fields[i]);
        if (f >= 0 && rp_record_str(rec, f))
            return rp_record_str(rec, f);
    }
    return NULL;
}

enum rp_status cli_print_created(struct cli *c, const struct rp_record *rec, json_t *warnings)
{
    c->created_id = rec->v[0].i;
    if (c->json) {
        json_t *obj = rp_record_to_json(rec);
        if (obj && warnings)
            json_object_set(obj, "warnings", warnings);
        return cli_print_json(c, obj);
    }
    const char *label = record_label(rec);
    printf("added %s %lld%s%s\n", rec->kind->name, (long long)rec->v[0].i, label ? ": " : "",
           label ? label : "");
    return RP_OK;
}

enum rp_status cli_print_done(struct cli *c, const struct rp_record *rec, const char *fmt, ...)
{
    if (c->json)
        return cli_print_json(c, rp_record_to_json(rec));
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): started above */
    va_end(ap);
    fputc('\n', stdout);
    return RP_OK;
}

enum rp_status cli_section(struct cli *c, json_t *obj, const char *key, const char *title,
                           const struct rp_records *list)
{
    if (c->json) {
        json_t *arr = rp_records_to_json(list);
        if (!arr || json_object_set_new(obj, key, arr))
            return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
        return RP_OK;
    }
    fputc('\n', stdout);
    return cli_print_table(c, list, title);
}
