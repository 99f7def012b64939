/* The aggregations behind `rapport report`: each query counts and sums in SQL what a report
 * shows, grouped by the keys the core prints; only what needs the user's calendar (days
 * between two instants) or a median comes back one row per record. See store.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/banned.h"

#define CLOSED_STAGES "('won', 'lost', 'no-decision')"
#define OPEN_STAGES "('lead', 'qualified', 'meeting', 'proposal', 'negotiation')"
/* DESIGN.md section 3: inbound, or outbound that reached them. */
#define TWO_WAY "((t.direction = 'in' AND COALESCE(t.outcome, '') NOT IN ('no-answer', " \
                "'left-message')) OR (t.direction = 'out' AND t.outcome IN ('connected', " \
                "'replied', 'held')))"
/* A competitor is the same whatever its case or surrounding blanks. */
#define COMPETITOR_KEY "LOWER(TRIM(d.competitor))"

/* A sum of money in two parts, high and low, that SQLite adds without overflowing however
 * many rows there are; money_total() puts them together. */
#define MONEY_SPLIT 1000000000
#define MONEY_SUM "SUM(d.value_cents / 1000000000), SUM(d.value_cents % 1000000000)"

/* Where the acting user's scope goes: by the account of the row's table alias X. */
#define SCOPE_MARK "/*scope:"
#define SCOPE(x) " " SCOPE_MARK #x "*/"

/* Every query binds FROM and TO, in this order, then the scope's parameters, and returns
 * five keys then three numbers. */
static const char *const report_sql[] = {
    [RP_RQ_CLOSED] =
        "SELECT d.stage, d.currency, NULL, NULL, NULL, COUNT(*), " MONEY_SUM " "
        "FROM deals d WHERE d.stage IN " CLOSED_STAGES " AND d.closed_at >= ? AND "
        "d.closed_at < ?" SCOPE(d) " GROUP BY d.stage, d.currency ORDER BY d.stage, d.currency",
    [RP_RQ_COMPETITORS] =
        "SELECT MIN(TRIM(d.competitor)), d.stage, " COMPETITOR_KEY ", NULL, NULL, COUNT(*), 0, 0 "
        "FROM deals d WHERE d.stage IN " CLOSED_STAGES " AND d.closed_at >= ? AND "
        "d.closed_at < ?" SCOPE(d) " GROUP BY " COMPETITOR_KEY ", d.stage ORDER BY " COMPETITOR_KEY
        ", d.stage",
    [RP_RQ_REASONS] =
        "SELECT d.close_reason, NULL, NULL, NULL, NULL, COUNT(*), 0, 0 FROM deals d "
        "WHERE d.stage = 'lost' AND d.closed_at >= ? AND d.closed_at < ?" SCOPE(d)
        " GROUP BY d.close_reason ORDER BY d.close_reason",
    [RP_RQ_CYCLES] =
        "SELECT a.\"trigger\", d.stage, d.opened_at, d.closed_at, NULL, 0, 0, 0 "
        "FROM deals d JOIN accounts a ON a.id = d.account_id WHERE d.stage IN " CLOSED_STAGES
        " AND d.closed_at >= ? AND d.closed_at < ?" SCOPE(d) " ORDER BY d.id",
    [RP_RQ_PUSHES] =
        "SELECT p.outcome, NULL, NULL, NULL, NULL, COUNT(*), 0, 0 FROM pushes p "
        "WHERE p.sent_at >= ? AND p.sent_at < ?" SCOPE(p) " GROUP BY p.outcome ORDER BY p.outcome",
    [RP_RQ_ANSWERS] =
        "SELECT p.sent_at, p.outcome_at, NULL, NULL, NULL, 0, 0, 0 FROM pushes p "
        "WHERE p.outcome IN ('informed', 'revived') AND p.outcome_at IS NOT NULL AND "
        "p.sent_at >= ? AND p.sent_at < ?" SCOPE(p) " ORDER BY p.id",
    [RP_RQ_OPEN] =
        "SELECT d.stage, d.currency, NULL, NULL, NULL, COUNT(*), " MONEY_SUM " "
        "FROM deals d WHERE d.stage IN " OPEN_STAGES " AND d.opened_at >= ? AND "
        "d.opened_at < ?" SCOPE(d) " GROUP BY d.stage, d.currency ORDER BY d.stage, d.currency",
    [RP_RQ_NO_NEXT_STEP] =
        "SELECT d.title, a.name, d.stage, d.currency, f.last_two_way_at, d.id, a.id, "
        "d.value_cents FROM deal_facts f JOIN deals d ON d.id = f.deal_id "
        "JOIN accounts a ON a.id = d.account_id WHERE f.is_open = 1 AND "
        "f.open_agreements = 0 AND f.planned_meetings = 0 AND d.opened_at >= ? AND "
        "d.opened_at < ?" SCOPE(d) " ORDER BY d.value_cents DESC, d.id",
    [RP_RQ_WON_TOUCHES] =
        "SELECT NULL, NULL, NULL, NULL, NULL, (SELECT COUNT(*) FROM activities t "
        "WHERE t.deal_id = d.id AND t.direction = 'out' AND t.at <= d.closed_at), 0, 0 "
        "FROM deals d WHERE d.stage = 'won' AND d.closed_at >= ? AND d.closed_at < ?" SCOPE(d)
        " ORDER BY d.id",
    [RP_RQ_CONTACTS] =
        "SELECT a.style, NULL, NULL, NULL, NULL, CASE WHEN " TWO_WAY " THEN 1 ELSE 0 END, "
        "COUNT(*), 0 FROM activities t JOIN accounts a ON a.id = t.account_id "
        "WHERE t.direction IN ('in', 'out') AND t.at >= ? AND t.at < ?" SCOPE(t)
        " GROUP BY a.style, 6 ORDER BY a.style, 6",
    [RP_RQ_MEETINGS] =
        "SELECT m.kind, m.status, NULL, NULL, NULL, m.minutes, COUNT(*), 0 FROM meetings m "
        "WHERE m.at >= ? AND m.at < ?" SCOPE(m) " GROUP BY m.kind, m.status, m.minutes "
        "ORDER BY m.kind, m.status, m.minutes",
};

/* HIGH * MONEY_SPLIT + LOW, or INT64_MAX when that is more than 64 bits hold. */
static int64_t money_total(int64_t high, int64_t low)
{
    int64_t total;
    if (__builtin_mul_overflow(high, (int64_t)MONEY_SPLIT, &total) ||
        __builtin_add_overflow(total, low, &total))
        return INT64_MAX;
    return total;
}

static struct rp_report_row *row_push(struct rp_report_rows *rows)
{
    if (rows->n == rows->cap) {
        size_t cap = rows->cap ? rows->cap * 2 : 16;
        struct rp_report_row *items = realloc(rows->items, cap * sizeof(*items));
        if (!items)
            return NULL;
        rows->items = items;
        rows->cap = cap;
    }
    struct rp_report_row *r = &rows->items[rows->n++];
    memset(r, 0, sizeof(*r));
    return r;
}

/* Reads the current row into R; -1 when a copy could not be made. */
static int row_read(struct rp_store *st, struct rp_stmt *stmt, struct rp_report_row *r)
{
    for (int k = 0; k < 5; k++) {
        if (st->drv->column_null(stmt, k))
            continue;
        if (!(r->key[k] = strdup(st->drv->column_text(stmt, k))))
            return -1;
    }
    for (int k = 0; k < 3; k++)
        r->n[k] = st->drv->column_int(stmt, 5 + k);
    return 0;
}

/* The query of Q with its scope mark replaced by the clause limiting it to SCOPE. */
static enum rp_status report_query(enum rp_report_query q, const struct rp_scope *scope,
                                   struct rp_buf *sql)
{
    const char *t = report_sql[q], *mark = strstr(t, SCOPE_MARK);
    char column[24];
    snprintf(column, sizeof(column), "%c.account_id", mark[strlen(SCOPE_MARK)]);
    enum rp_status rc = rp_buf_add(sql, t, (size_t)(mark - t));
    if (!rc)
        rc = store_scope_sql(sql, NULL, column, scope);
    if (!rc)
        rc = rp_buf_adds(sql, strstr(mark, "*/") + 2);
    return rc;
}

enum rp_status rp_store_report(struct rp_store *st, enum rp_report_query q, const char *from,
                               const char *to, const struct rp_scope *scope,
                               struct rp_report_rows *out)
{
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_stmt *stmt;
    int row, n = 2;
    enum rp_status rc = report_query(q, scope, &sql);
    if (!rc)
        rc = store_prepare(st, rp_buf_str(&sql), &stmt);
    rp_buf_release(&sql);
    if (rc || (rc = st->drv->bind_text(stmt, 1, from)) ||
        (rc = st->drv->bind_text(stmt, 2, to)) || (rc = store_scope_bind(st, stmt, &n, scope)))
        return rc;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row) {
        struct rp_report_row *r = row_push(out);
        if (!r || row_read(st, stmt, r)) {
            rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
            break;
        }
        if (q == RP_RQ_CLOSED || q == RP_RQ_OPEN) {
            r->n[1] = money_total(r->n[1], r->n[2]);
            r->n[2] = 0;
        }
    }
    st->drv->reset(stmt);
    return rc;
}

void rp_report_rows_release(struct rp_report_rows *rows)
{
    for (size_t i = 0; i < rows->n; i++)
        for (int k = 0; k < 5; k++)
            free(rows->items[i].key[k]);
    free(rows->items);
    *rows = (struct rp_report_rows){0};
}
