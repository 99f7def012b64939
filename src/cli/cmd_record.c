/* The commands every kind of record shares: add, list, show, edit, delete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

/* Logging contact and agreeing a next step do more than store a record. */
static enum rp_status create_record(struct cli *c, struct rp_record *rec, int force)
{
    switch (rec->kind->id) {
    case RP_ACTIVITY:
        return rp_activity_log_checked(c->db, rec, force);
    case RP_AGREEMENT:
        return rp_agreement_add(c->db, rec);
    default:
        return rp_create(c->db, rec);
    }
}

/* --from ITEM: the deal (else the account) and the contact of an agenda item, where the
 * command line did not name them. */
static enum rp_status fill_from_item(struct cli *c, const char *item, struct rp_record *rec)
{
    int df = rp_kind_field(rec->kind, "deal_id"), af = rp_kind_field(rec->kind, "account_id");
    int cf = rp_kind_field(rec->kind, "contact_id");
    int64_t account, deal, contact;
    enum rp_status rc = cli_item_refs(c, item, &account, &deal, &contact);
    if (rc || (df >= 0 && rec->v[df].set) || (af >= 0 && rec->v[af].set))
        return rc;
    if (deal && df >= 0)
        rp_record_set_int(rec, df, deal);
    else if (af >= 0)
        rp_record_set_int(rec, af, account);
    if (contact && cf >= 0 && !rec->v[cf].set)
        rp_record_set_int(rec, cf, contact);
    return RP_OK;
}

enum rp_status cmd_add(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_record rec;
    enum rp_status rc = rp_record_init(&rec, (enum rp_kind_id)cmd->kind);
    if (rc)
        return rp_db_fail(c->db, rc, NULL, "out of memory");
    if (cmd->positional && !cli_pos(a, 0) &&
        (rec.kind->fields[rp_kind_field(rec.kind, cmd->positional)].flags & RP_F_REQUIRED))
        rc = rp_db_fail(c->db, RP_ERR_USAGE, cmd->positional, "missing %s (usage: rapport %s %s)",
                        cmd->positional, cmd->name, cmd->usage);
    if (!rc && !(rc = cli_fill(c, cmd, a, &rec, NULL)) &&
        !(rc = cli_opt(a, "from") ? fill_from_item(c, cli_opt(a, "from"), &rec) : RP_OK) &&
        !(rc = create_record(c, &rec, cli_flag(a, "force"))))
        rc = cli_print_created(c, &rec, NULL);
    rp_record_release(&rec);
    return rc;
}

static enum rp_status list_order(struct cli *c, const struct cli_args *a, struct rp_query *q)
{
    const char *sort = cli_opt(a, "sort");
    if (!sort || !strcmp(sort, "age")) {
        q->order_field = q->kind == RP_DEAL ? RP_DEAL_OPENED_AT : -1;
    } else if (!strcmp(sort, "score") && q->kind == RP_DEAL) {
        q->order_field = -1; /* sorted after reading, see sort_by_score */
    } else if (!strcmp(sort, "value") && q->kind == RP_DEAL) {
        q->order_field = RP_DEAL_VALUE_CENTS;
        q->descending = 1;
    } else {
        return rp_db_fail(c->db, RP_ERR_INVALID, "sort", "invalid --sort '%s' (expected one of "
                          "score, value, age)", sort);
    }
    return RP_OK;
}

struct scored {
    int score;
    struct rp_record rec;
};

static int scored_cmp(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;
    if (x->score != y->score)
        return y->score - x->score;
    return (x->rec.v[0].i > y->rec.v[0].i) - (x->rec.v[0].i < y->rec.v[0].i);
}

/* deal list --sort score: highest score first, as the agenda orders deals. */
static enum rp_status sort_by_score(struct cli *c, struct rp_records *list)
{
    struct scored *tmp = calloc(list->n + 1, sizeof(*tmp));
    enum rp_status rc = RP_OK;
    if (!tmp)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t i = 0; i < list->n && !rc; i++) {
        struct rp_score s;
        rc = rp_deal_score(c->db, list->items[i].v[0].i, &s);
        tmp[i] = (struct scored){rc ? 0 : s.total, list->items[i]};
    }
    if (!rc) {
        qsort(tmp, list->n, sizeof(*tmp), scored_cmp);
        for (size_t i = 0; i < list->n; i++)
            list->items[i] = tmp[i].rec;
    }
    free(tmp);
    return rc;
}

enum rp_status cmd_list(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const struct rp_kind *kind = rp_kind_get((enum rp_kind_id)cmd->kind);
    struct rp_filter filters[16];
    struct rp_query q = {kind->id, filters, 0, -1, 0, 0, 0};
    struct rp_records list = {0};
    const char *after = cli_opt(a, "after");
    for (size_t i = 0; i < a->n && q.nfilters < 16; i++) {
        int f = a->items[i].name ? rp_kind_field(kind, a->items[i].name) : -1;
        if (f >= 0)
            filters[q.nfilters++] = (struct rp_filter){f, a->items[i].value};
    }
    enum rp_status rc = cli_limit_opt(c, a, 0, 1000000, &q.limit);
    if (rc)
        return rc;
    if (after && rp_parse_int64(after, 0, INT64_MAX, &q.after_id))
        return rp_db_fail(c->db, RP_ERR_INVALID, "after", "invalid --after '%s' (expected an "
                          "id)", after);
    const char *sort = cli_opt(a, "sort");
    rc = list_order(c, a, &q);
    if (!rc && !(rc = rp_list(c->db, &q, &list)) && sort && !strcmp(sort, "score"))
        rc = sort_by_score(c, &list);
    if (!rc)
        rc = cli_print_table(c, &list, NULL);
    rp_records_release(&list);
    return rc;
}

enum rp_status cmd_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_record rec;
    int64_t id;
    enum rp_status rc = cli_id(c, a, 0, rp_kind_get((enum rp_kind_id)cmd->kind)->name, &id);
    if (rc || (rc = rp_get(c->db, (enum rp_kind_id)cmd->kind, id, &rec)))
        return rc;
    rc = cli_print_record(c, &rec);
    rp_record_release(&rec);
    return rc;
}

enum rp_status cmd_edit(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_record rec;
    unsigned char changed[64] = {0};
    int64_t id;
    enum rp_status rc = cli_id(c, a, 0, rp_kind_get((enum rp_kind_id)cmd->kind)->name, &id);
    if (rc || (rc = rp_get(c->db, (enum rp_kind_id)cmd->kind, id, &rec)))
        return rc;
    if (!(rc = cli_fill(c, cmd, a, &rec, changed)) && !memchr(changed, 1, sizeof(changed)))
        rc = rp_db_fail(c->db, RP_ERR_USAGE, NULL, "nothing to change (see 'rapport %s --help')",
                        cmd->name);
    if (!rc && !(rc = rp_update(c->db, &rec, changed)))
        rc = cli_print_done(c, &rec, "updated %s %lld", rec.kind->name, (long long)id);
    rp_record_release(&rec);
    return rc;
}

enum rp_status cmd_delete(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const struct rp_kind *kind = rp_kind_get((enum rp_kind_id)cmd->kind);
    int64_t id;
    enum rp_status rc = cli_id(c, a, 0, kind->name, &id);
    if (rc || (rc = rp_delete(c->db, kind->id, id, cli_flag(a, "force"))))
        return rc;
    if (c->json)
        return cli_print_json(c, json_pack("{s:I,s:b}", "id", (json_int_t)id, "deleted", 1));
    printf("deleted %s %lld\n", kind->name, (long long)id);
    return RP_OK;
}
