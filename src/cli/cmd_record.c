/* The commands every kind of record shares: add, list, show, edit, delete. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
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

/* An account of the same name or a contact of the same e-mail as the new REC is most often
 * the same one entered twice: say so on stderr (and in JSON), with what to do about it. */
static json_t *duplicate_warning(struct cli *c, const struct rp_record *rec)
{
    int f = rec->kind->id == RP_ACCOUNT   ? RP_ACCOUNT_NAME
            : rec->kind->id == RP_CONTACT ? RP_CONTACT_EMAIL
                                          : -1;
    struct rp_records same = {0};
    json_t *warnings = NULL;
    if (f < 0 || !rp_record_str(rec, f))
        return NULL;
    struct rp_filter filter = {f, rp_record_str(rec, f)};
    struct rp_query q = {rec->kind->id, &filter, 1, -1, 0, 0, 2};
    if (rp_list(c->db, &q, &same))
        return NULL;
    for (size_t i = 0; i < same.n && !warnings; i++) {
        int64_t other = same.items[i].v[0].i, id = rec->v[0].i;
        char text[600];
        if (other == id)
            continue;
        snprintf(text, sizeof(text),
                 "%s %lld has the same %s '%s' (if it is the same %s: "
                 "'rapport %s merge %lld --into %lld'; next time, add with --merge-into %lld)",
                 rec->kind->name, (long long)other, f == RP_ACCOUNT_NAME ? "name" : "e-mail",
                 rp_record_str(rec, f), rec->kind->name, rec->kind->name, (long long)id,
                 (long long)other, (long long)other);
        fprintf(stderr, "rapport: warning: %s\n", text);
        warnings = json_pack("[s]", text);
    }
    rp_records_release(&same);
    return warnings;
}

/* An id given as option NAME. */
static enum rp_status id_opt(struct cli *c, const char *name, const char *text, int64_t *id)
{
    if (rp_parse_int64(text, 1, INT64_MAX, id))
        return rp_db_fail(c->db, RP_ERR_INVALID, NULL,
                          "invalid --%s id '%s' (expected a "
                          "positive whole number)",
                          name, text);
    return RP_OK;
}

/* add --merge-into ID: the new record is the existing one entered again. Nothing is added;
 * the existing one's empty fields take what was given. */
static enum rp_status add_merged(struct cli *c, const struct rp_record *rec, const char *into)
{
    struct rp_record keep;
    enum rp_status rc = id_opt(c, "merge-into", into, &c->created_id);
    if (rc || (rc = rp_record_merge_new(c->db, rec, c->created_id, &keep)))
        return rc;
    rc = cli_print_done(c, &keep, "nothing added: merged into %s %lld: %s", keep.kind->name,
                        (long long)c->created_id,
                        rp_record_str(&keep, rp_kind_field(keep.kind, "name")));
    rp_record_release(&keep);
    return rc;
}

/* account merge, contact merge: ID --into ID. */
enum rp_status cmd_merge(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_record keep;
    const char *text;
    int64_t from, into;
    enum rp_status rc = cli_id(c, a, 0, rp_kind_get((enum rp_kind_id)cmd->kind)->name, &from);
    if (rc || (rc = cli_need(c, a, "into", &text)) || (rc = id_opt(c, "into", text, &into)) ||
        (rc = rp_record_merge(c->db, (enum rp_kind_id)cmd->kind, from, into, &keep)))
        return rc;
    rc = cli_print_done(c, &keep, "merged %s %lld into %lld: %s", keep.kind->name, (long long)from,
                        (long long)into, rp_record_str(&keep, rp_kind_field(keep.kind, "name")));
    rp_record_release(&keep);
    return rc;
}

enum rp_status cmd_add(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_record rec;
    const char *into = cli_opt(a, "merge-into");
    enum rp_status rc = rp_record_init(&rec, (enum rp_kind_id)cmd->kind);
    if (rc)
        return rp_db_fail(c->db, rc, NULL, "out of memory");
    if (cmd->positional && !cli_pos(a, 0) &&
        (rec.kind->fields[rp_kind_field(rec.kind, cmd->positional)].flags & RP_F_REQUIRED))
        rc = rp_db_fail(c->db, RP_ERR_USAGE, cmd->positional, "missing %s (usage: rapport %s %s)",
                        cmd->positional, cmd->name, cmd->usage);
    /* Once there are logins, an account nobody owns is one nobody sees. */
    if (!rc && !into && rec.kind->id == RP_ACCOUNT && !rp_db_actor(c->db) && c->logins > 1 &&
        !cli_opt(a, "owner"))
        rc = rp_db_fail(c->db, RP_ERR_USAGE, NULL,
                        "whose is the new account? (there are "
                        "several logins: give --user EMAIL or --owner ID, or 'rapport config "
                        "set user EMAIL')");
    if (!rc && !(rc = cli_fill(c, cmd, a, &rec, NULL)) &&
        !(rc = cli_opt(a, "from") ? fill_from_item(c, cli_opt(a, "from"), &rec) : RP_OK)) {
        if (into) {
            rc = add_merged(c, &rec, into);
        } else if (!(rc = create_record(c, &rec, cli_flag(a, "force")))) {
            json_t *warnings = duplicate_warning(c, &rec);
            rc = cli_print_created(c, &rec, warnings);
            json_decref(warnings);
        }
    }
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
        return rp_db_fail(c->db, RP_ERR_INVALID, "sort",
                          "invalid --sort '%s' (expected one of "
                          "score, value, age)",
                          sort);
    }
    return RP_OK;
}

struct scored {
    int score; /* -1: a closed deal, which has none */
    struct rp_record rec;
};

static int scored_cmp(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;
    if (x->score != y->score)
        return y->score - x->score;
    return (x->rec.v[0].i > y->rec.v[0].i) - (x->rec.v[0].i < y->rec.v[0].i);
}

/* deal list --sort score: open deals, highest score first as the agenda ranks them, then
 * the closed ones; the first LIMIT of all of them (0: all). Scores go into *SCORES. */
static enum rp_status sort_by_score(struct cli *c, struct rp_records *list, size_t limit,
                                    int **scores)
{
    struct scored *tmp = calloc(list->n + 1, sizeof(*tmp));
    enum rp_status rc = RP_OK;
    if (!tmp || !(*scores = calloc(list->n + 1, sizeof(**scores)))) {
        free(tmp);
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    for (size_t i = 0; i < list->n && !rc; i++) {
        struct rp_score s = {0};
        const char *stage = rp_record_str(&list->items[i], RP_DEAL_STAGE);
        int open = stage && rp_stage_is_open(stage);
        if (open)
            rc = rp_deal_score(c->db, list->items[i].v[0].i, &s);
        tmp[i] = (struct scored){open ? s.total : -1, list->items[i]};
    }
    if (!rc) {
        qsort(tmp, list->n, sizeof(*tmp), scored_cmp);
        for (size_t i = 0; i < list->n; i++) {
            list->items[i] = tmp[i].rec;
            (*scores)[i] = tmp[i].score;
        }
        for (size_t i = limit; limit && i < list->n; i++)
            rp_record_release(&list->items[i]);
        if (limit && limit < list->n)
            list->n = limit;
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
    int *scores = NULL;
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
        return rp_db_fail(c->db, RP_ERR_INVALID, "after",
                          "invalid --after '%s' (expected an "
                          "id)",
                          after);
    const char *sort = cli_opt(a, "sort");
    int by_score = sort && !strcmp(sort, "score");
    size_t limit = q.limit;
    /* the best N of all of them: the limit applies after the sort */
    if (by_score)
        q.limit = 0;
    rc = list_order(c, a, &q);
    if (!rc && !(rc = rp_list(c->db, &q, &list)) && by_score)
        rc = sort_by_score(c, &list, limit, &scores);
    if (!rc)
        rc = cli_print_table_scored(c, &list, NULL, scores);
    free(scores);
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
