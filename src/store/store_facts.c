/* Reading a deal's inputs and writing its derived facts row; see store.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "store/store_internal.h"
#include "base/banned.h"

/* The rows of STMT, records of KIND, added to OUT; STMT is reset. */
static enum rp_status facts_input_read(struct rp_store *st, struct rp_stmt *stmt,
                                       enum rp_kind_id kind, struct rp_records *out)
{
    struct rp_record rec = {0};
    enum rp_status rc;
    int row;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row)
        if ((rc = rp_record_init(&rec, kind)) || (rc = store_read_row(st, stmt, &rec)) ||
            (rc = rp_records_push(out, &rec)))
            break;
    rp_record_release(&rec);
    st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_deal_activities(struct rp_store *st, int64_t deal_id, int64_t account_id,
                                        struct rp_records *out)
{
    const struct rp_kind *kind = rp_kind_get(RP_ACTIVITY);
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_stmt *stmt;
    enum rp_status rc = rp_buf_adds(&sql, "SELECT ");
    if (!rc)
        rc = store_add_columns(&sql, kind);
    if (!rc)
        rc = rp_buf_adds(&sql, " FROM activities WHERE deal_id = ? UNION ALL SELECT ");
    if (!rc)
        rc = store_add_columns(&sql, kind);
    if (!rc)
        rc = rp_buf_adds(&sql, " FROM activities WHERE account_id = ? AND deal_id IS NULL "
                               "ORDER BY 8, 1");
    if (rc || (rc = store_prepare(st, rp_buf_str(&sql), &stmt)) ||
        (rc = st->drv->bind_int(stmt, 1, deal_id)) || (rc = st->drv->bind_int(stmt, 2, account_id)))
        goto out;
    rc = facts_input_read(st, stmt, RP_ACTIVITY, out);
out:
    rp_buf_release(&sql);
    return rc;
}

/* Where each list of rp_store_facts_inputs comes from: KIND's rows whose COLUMN is one of
 * the deals' ids, or (OF_ACCOUNTS) one of their accounts' ids, ordered by ORDER (the
 * activities' statement is facts_input_sql's own). */
static const struct facts_source {
    enum rp_kind_id kind;
    const char *column;
    int of_accounts;
    const char *order;
} facts_sources[RP_FACTS_INPUTS] = {
    [RP_FACTS_DEALS] = {RP_DEAL, "id", 0, "id"},
    [RP_FACTS_ACCOUNTS] = {RP_ACCOUNT, "id", 1, "id"},
    [RP_FACTS_AGREEMENTS] = {RP_AGREEMENT, "deal_id", 0, "deal_id, id"},
    [RP_FACTS_MEETINGS] = {RP_MEETING, "deal_id", 0, "deal_id, id"},
    [RP_FACTS_CLAIMS] = {RP_CLAIM, "deal_id", 0, "deal_id, id"},
    [RP_FACTS_PUSHES] = {RP_PUSH, "deal_id", 0, "deal_id, id"},
    [RP_FACTS_CONTACTS] = {RP_CONTACT, "account_id", 1, "account_id, id"},
    [RP_FACTS_ACTIVITIES] = {RP_ACTIVITY, NULL, 0, NULL},
};

/* A batch of one deal, the common write, has statements of its own: `IN (?)` is read as
 * `= ?`, where sixteen values, most of them NULL, cost SQLite a list to build and
 * PostgreSQL a plan of sixteen values. */
static size_t facts_width(size_t n)
{
    return n == 1 ? 1 : RP_FACTS_BATCH;
}

/* " IN (...)" of WIDTH deals' ids, or of their accounts' ids. */
static enum rp_status facts_in(struct rp_buf *sql, size_t width, int of_accounts)
{
    enum rp_status rc = rp_buf_adds(
        sql, of_accounts ? " IN (SELECT account_id FROM deals WHERE id IN (?" : " IN (?");
    for (size_t i = 1; i < width && !rc; i++)
        rc = rp_buf_adds(sql, ", ?");
    return rc ? rc : rp_buf_adds(sql, of_accounts ? "))" : ")");
}

/* The statement of list K of rp_store_facts_inputs; its parameters are WIDTH deals' ids,
 * once (twice for the activities), then SCOPE's. */
static enum rp_status facts_input_sql(struct rp_buf *sql, enum rp_facts_input k, size_t width,
                                      const struct rp_scope *scope)
{
    const struct rp_kind *kind = rp_kind_get(facts_sources[k].kind);
    enum rp_status rc = rp_buf_adds(sql, "SELECT ");
    if (!rc && !(rc = store_add_columns(sql, kind)))
        rc = rp_buf_addf(sql, " FROM %s WHERE ", kind->table);
    if (k == RP_FACTS_ACTIVITIES) {
        if (!rc && !(rc = rp_buf_adds(sql, "deal_id")) && !(rc = facts_in(sql, width, 0)) &&
            !(rc = rp_buf_adds(sql, " UNION ALL SELECT ")) &&
            !(rc = store_add_columns(sql, kind)) &&
            !(rc = rp_buf_adds(sql, " FROM activities WHERE account_id")) &&
            !(rc = facts_in(sql, width, 1)))
            /* The unary plus: by the accounts' index, not the deal's (most have none). */
            rc = rp_buf_adds(sql, " AND +deal_id IS NULL ORDER BY 8, 1");
        return rc;
    }
    /* The unary plus keeps the planner on the ids' index, as for an account's list. */
    if (!rc && !(rc = rp_buf_addf(sql, "\"%s\"", facts_sources[k].column)) &&
        !(rc = facts_in(sql, width, facts_sources[k].of_accounts)) &&
        !(rc = store_scope_sql(sql, "+owner_id", NULL, scope)))
        rc = rp_buf_addf(sql, " ORDER BY %s", facts_sources[k].order);
    return rc;
}

/* Prepares and binds list K's statement into *OUT. */
static enum rp_status facts_input_stmt(struct rp_store *st, enum rp_facts_input k,
                                       const int64_t *ids, size_t n, const struct rp_scope *scope,
                                       struct rp_stmt **out)
{
    struct rp_buf sql = RP_BUF_INIT;
    size_t width = facts_width(n);
    int p = 0;
    enum rp_status rc = facts_input_sql(&sql, k, width, scope);
    if (!rc)
        rc = store_prepare(st, rp_buf_str(&sql), out);
    rp_buf_release(&sql);
    /* A short batch is filled up with NULL, which IN finds nothing for. */
    for (int copy = 0; copy < (k == RP_FACTS_ACTIVITIES ? 2 : 1); copy++)
        for (size_t i = 0; i < width && !rc; i++)
            rc = i < n ? st->drv->bind_int(*out, ++p, ids[i]) : st->drv->bind_null(*out, ++p);
    if (!rc && k != RP_FACTS_ACTIVITIES)
        rc = store_scope_bind(st, *out, &p, scope);
    if (rc && *out)
        st->drv->reset(*out);
    return rc;
}

enum rp_status rp_store_facts_inputs(struct rp_store *st, const int64_t *ids, size_t n,
                                     const struct rp_scope *scope,
                                     struct rp_records out[RP_FACTS_INPUTS])
{
    struct rp_stmt *stmt[RP_FACTS_INPUTS] = {0};
    enum rp_status rc = RP_OK;
    int k;
    if (n > RP_FACTS_BATCH)
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "too many deals for one read");
    for (k = 0; k < RP_FACTS_INPUTS && !rc; k++)
        rc = facts_input_stmt(st, (enum rp_facts_input)k, ids, n, scope, &stmt[k]);
    /* The first to run takes the others with it, in its round trip. */
    for (k = 1; !rc && k < RP_FACTS_INPUTS; k++)
        store_send_ahead(st, stmt[k]);
    for (k = 0; k < RP_FACTS_INPUTS && !rc; k++)
        rc = facts_input_read(st, stmt[k], facts_sources[k].kind, &out[k]);
    for (k = 0; rc && k < RP_FACTS_INPUTS; k++) /* none left bound, or half read */
        if (stmt[k])
            st->drv->reset(stmt[k]);
    if (rc == RP_ERR_INTERNAL && !st->err->msg.len)
        rp_error_set(st->err, rc, NULL, "out of memory");
    return rc;
}

static enum rp_status bind_instant(struct rp_store *st, struct rp_stmt *stmt, int i, int64_t t)
{
    char text[RP_INSTANT_LEN];
    if (t < 0)
        return st->drv->bind_null(stmt, i);
    rp_instant_format(t, text);
    return st->drv->bind_text(stmt, i, text);
}

static enum rp_status bind_date(struct rp_store *st, struct rp_stmt *stmt, int i, int64_t d)
{
    char text[RP_DATE_LEN];
    if (d < 0)
        return st->drv->bind_null(stmt, i);
    rp_date_format(d, text);
    return st->drv->bind_text(stmt, i, text);
}

#define FACTS_COLUMNS                                                                              \
    "deal_id, account_id, stage, is_open, last_two_way_at, last_out_at, last_in_at, "              \
    "quiet_touches, first_quiet_touch_at, open_agreements, last_open_due, planned_meetings, "      \
    "unverified_claims, pushes, pending_push_at, decision_contacts, qualify_gaps, owner_id, "      \
    "last_touch_at, quiet_since, next_meeting_at"

/* F as parameters 1 to 21 of STMT, in the order of FACTS_COLUMNS. */
static enum rp_status facts_bind(struct rp_store *st, struct rp_stmt *stmt,
                                 const struct rp_deal_facts *f)
{
    const struct rp_driver *d = st->drv;
    enum rp_status rc;
    if ((rc = d->bind_int(stmt, 1, f->deal_id)) || (rc = d->bind_int(stmt, 2, f->account_id)) ||
        (rc = d->bind_text(stmt, 3, f->stage)) || (rc = d->bind_int(stmt, 4, f->is_open)) ||
        (rc = bind_instant(st, stmt, 5, f->last_two_way_at)) ||
        (rc = bind_instant(st, stmt, 6, f->last_out_at)) ||
        (rc = bind_instant(st, stmt, 7, f->last_in_at)) ||
        (rc = d->bind_int(stmt, 8, f->quiet_touches)) ||
        (rc = bind_instant(st, stmt, 9, f->first_quiet_touch_at)) ||
        (rc = d->bind_int(stmt, 10, f->open_agreements)) ||
        (rc = bind_date(st, stmt, 11, f->last_open_due)) ||
        (rc = d->bind_int(stmt, 12, f->planned_meetings)) ||
        (rc = d->bind_int(stmt, 13, f->unverified_claims)) ||
        (rc = d->bind_int(stmt, 14, f->pushes)) ||
        (rc = bind_instant(st, stmt, 15, f->pending_push_at)) ||
        (rc = d->bind_int(stmt, 16, f->decision_contacts)) ||
        (rc = d->bind_int(stmt, 17, f->qualify_gaps)) ||
        (rc = f->owner_id ? d->bind_int(stmt, 18, f->owner_id) : d->bind_null(stmt, 18)) ||
        (rc = bind_instant(st, stmt, 19, f->last_touch_at)) ||
        (rc = bind_instant(st, stmt, 20, f->quiet_since)) ||
        (rc = bind_instant(st, stmt, 21, f->next_meeting_at)))
        return rc;
    return RP_OK;
}

enum rp_status rp_store_facts_put(struct rp_store *st, const struct rp_deal_facts *f)
{
    struct rp_stmt *stmt;
    enum rp_status rc = store_prepare(
        st,
        "INSERT INTO deal_facts (" FACTS_COLUMNS ") "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
        "(deal_id) DO "
        "UPDATE SET account_id = excluded.account_id, stage = excluded.stage, "
        "is_open = excluded.is_open, last_two_way_at = excluded.last_two_way_at, "
        "last_out_at = excluded.last_out_at, last_in_at = excluded.last_in_at, "
        "quiet_touches = excluded.quiet_touches, "
        "first_quiet_touch_at = excluded.first_quiet_touch_at, "
        "open_agreements = excluded.open_agreements, last_open_due = excluded.last_open_due, "
        "planned_meetings = excluded.planned_meetings, "
        "unverified_claims = excluded.unverified_claims, pushes = excluded.pushes, "
        "pending_push_at = excluded.pending_push_at, "
        "decision_contacts = excluded.decision_contacts, qualify_gaps = excluded.qualify_gaps, "
        "owner_id = excluded.owner_id, last_touch_at = excluded.last_touch_at, "
        "quiet_since = excluded.quiet_since, next_meeting_at = excluded.next_meeting_at",
        &stmt);
    if (rc)
        return rc;
    if ((rc = facts_bind(st, stmt, f))) {
        st->drv->reset(stmt);
        return rc;
    }
    return store_run_later(st, stmt);
}

static enum rp_status facts_copy_bind(struct rp_store *st, struct rp_stmt *stmt, const void *ctx,
                                      size_t r)
{
    return facts_bind(st, stmt, (const struct rp_deal_facts *)ctx + r);
}

enum rp_status rp_store_facts_load(struct rp_store *st, const struct rp_deal_facts *f, size_t n)
{
    enum rp_status rc = RP_OK;
    if (store_copy_fits(st, n))
        return store_copy_each(st, "deal_facts (" FACTS_COLUMNS ")", 21, n, facts_copy_bind, f);
    for (size_t i = 0; i < n && !rc; i++)
        rc = rp_store_facts_put(st, &f[i]);
    return rc;
}

int64_t store_col_instant(struct rp_store *st, struct rp_stmt *stmt, int col)
{
    int64_t t;
    if (st->drv->column_null(stmt, col) || rp_instant_parse(st->drv->column_text(stmt, col), &t))
        return -1;
    return t;
}

int64_t store_col_date(struct rp_store *st, struct rp_stmt *stmt, int col)
{
    int64_t d;
    if (st->drv->column_null(stmt, col) || rp_date_parse(st->drv->column_text(stmt, col), &d))
        return -1;
    return d;
}

/* Reads the FACTS_COLUMNS of the current row, starting at column COL. */
void store_read_facts(struct rp_store *st, struct rp_stmt *stmt, int col, struct rp_deal_facts *f)
{
    const struct rp_driver *d = st->drv;
    f->deal_id = d->column_int(stmt, col);
    f->account_id = d->column_int(stmt, col + 1);
    snprintf(f->stage, sizeof(f->stage), "%s", d->column_text(stmt, col + 2));
    f->is_open = (int)d->column_int(stmt, col + 3);
    f->last_two_way_at = store_col_instant(st, stmt, col + 4);
    f->last_out_at = store_col_instant(st, stmt, col + 5);
    f->last_in_at = store_col_instant(st, stmt, col + 6);
    f->quiet_touches = d->column_int(stmt, col + 7);
    f->first_quiet_touch_at = store_col_instant(st, stmt, col + 8);
    f->open_agreements = d->column_int(stmt, col + 9);
    f->last_open_due = store_col_date(st, stmt, col + 10);
    f->planned_meetings = d->column_int(stmt, col + 11);
    f->unverified_claims = d->column_int(stmt, col + 12);
    f->pushes = d->column_int(stmt, col + 13);
    f->pending_push_at = store_col_instant(st, stmt, col + 14);
    f->decision_contacts = d->column_int(stmt, col + 15);
    f->qualify_gaps = d->column_int(stmt, col + 16);
    f->owner_id = d->column_int(stmt, col + 17);
    f->last_touch_at = store_col_instant(st, stmt, col + 18);
    f->quiet_since = store_col_instant(st, stmt, col + 19);
    f->next_meeting_at = store_col_instant(st, stmt, col + 20);
}

enum rp_status rp_store_facts_get(struct rp_store *st, int64_t deal_id, struct rp_deal_facts *f)
{
    struct rp_stmt *stmt;
    int row;
    enum rp_status rc;
    if ((rc = store_prepare(st, "SELECT " FACTS_COLUMNS " FROM deal_facts WHERE deal_id = ?",
                            &stmt)) ||
        (rc = st->drv->bind_int(stmt, 1, deal_id)) || (rc = st->drv->step(stmt, &row, st->err)))
        return rc;
    if (row)
        store_read_facts(st, stmt, 0, f);
    st->drv->reset(stmt);
    return row ? RP_OK
               : rp_error_set(st->err, RP_ERR_NOTFOUND, "deal_id", "no facts for deal %lld",
                              (long long)deal_id);
}

enum rp_status rp_store_open_deal_ids(struct rp_store *st, int64_t account, int64_t **ids,
                                      size_t *n)
{
    struct rp_stmt *stmt;
    enum rp_status rc = store_prepare(st,
                                      "SELECT id FROM deals WHERE account_id = ? AND stage "
                                      "IN ('lead', 'qualified', 'meeting', 'proposal', "
                                      "'negotiation')",
                                      &stmt);
    if (rc || (rc = st->drv->bind_int(stmt, 1, account)))
        return rc;
    return store_collect_ids(st, stmt, ids, n);
}

enum rp_status rp_store_deal_ids(struct rp_store *st, int64_t account, int64_t **ids, size_t *n)
{
    struct rp_stmt *stmt;
    enum rp_status rc = store_prepare(st,
                                      account ? "SELECT id FROM deals WHERE account_id = ?"
                                              : "SELECT id FROM deals WHERE 0 <> ?",
                                      &stmt);
    if (rc || (rc = st->drv->bind_int(stmt, 1, account ? account : 1)))
        return rc;
    return store_collect_ids(st, stmt, ids, n);
}

enum rp_status rp_store_account_facts_refresh(struct rp_store *st, int64_t first, int64_t last)
{
    const char *sql[] = {"DELETE FROM account_facts WHERE account_id BETWEEN ? AND ?",
                         st->drv->account_facts_sql};
    enum rp_status rc = RP_OK;
    for (size_t i = 0; i < 2 && !rc; i++) {
        struct rp_stmt *stmt = NULL;
        /* Run for each account a request changes: its plan would cost more than it. */
        if (!(rc = store_prepare(st, sql[i], &stmt)) && i)
            store_plan_once(st, stmt);
        if (!rc && !(rc = st->drv->bind_int(stmt, 1, first)) &&
            !(rc = st->drv->bind_int(stmt, 2, last)))
            rc = store_run_later(st, stmt);
        else if (stmt)
            st->drv->reset(stmt);
    }
    return rc;
}
