/* The aggregations behind `rapport report`: each query counts and sums in SQL what a report
 * shows, grouped by the keys the core prints; only what needs the user's calendar (days
 * between two instants) or a median comes back one row per record. See store.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "store/sql_rules.h"
#include "store/store_internal.h"
#include "base/grow.h"
#include "base/banned.h"

#define CLOSED_STAGES "('won', 'lost', 'no-decision')"
#define OPEN_STAGES "('lead', 'qualified', 'meeting', 'proposal', 'negotiation')"
#define TWO_WAY RP_SQL_TWO_WAY("t.")
/* A competitor is the same whatever its case or surrounding blanks. */
#define COMPETITOR_KEY "LOWER(TRIM(d.competitor))"

/* A sum of money in two parts, high and low, that SQLite adds without overflowing however
 * many rows there are; money_total() puts them together. */
#define MONEY_SPLIT 1000000000
#define MONEY_SUM "SUM(d.value_cents / 1000000000), SUM(d.value_cents % 1000000000)"

/* Where the range and the acting user's scope go. RANGE(c): the instant column C that
 * places a row in the range; SCOPE(x): the owner of table alias X (each record carries its
 * account's owner). Both are marks that report_query() replaces: a range end that is not
 * given is no condition at all, so that the planner is not led to an index range that
 * holds every row. */
#define MARK "/*"
#define RANGE(c) " " MARK "range:" #c "*/"
#define SCOPE(x) " " MARK "scope:" #x ".owner_id*/"

/* The activities of the range by style and two-way contact, counted one by one; OWNER,
 * the alias whose owner the scope is on. */
#define CONTACTS_OF(owner)                                                                         \
    "SELECT a.style, NULL, NULL, NULL, NULL, CASE WHEN " TWO_WAY " THEN 1 ELSE 0 END, "            \
    "COUNT(*), 0 FROM activities t JOIN accounts a ON a.id = t.account_id "                        \
    "WHERE t.direction IN ('in', 'out')" RANGE(t.at) SCOPE(owner) " GROUP BY a.style, 6"
#define CONTACTS_SQL CONTACTS_OF(t)
/* The same for the parts of days at a range's ends, less than a day of the book's
 * activities: read by their time (activities_at) whatever the scope, the owner an
 * expression so that SQLite does not read every activity of the scope's owners instead. */
#define CONTACTS_AT_SQL CONTACTS_OF(+t)

/* The same from the counts per UTC day of migration 19. */
#define CONTACT_DAYS_SQL                                                                           \
    "SELECT style, NULL, NULL, NULL, NULL, two_way, SUM(n), 0 FROM contact_days WHERE 1 = 1"

/* The meetings of the range by kind, status and length, and the same from the counts per
 * UTC day of migration 21. */
#define MEETINGS_SQL                                                                               \
    "SELECT m.kind, m.status, NULL, NULL, NULL, m.minutes, COUNT(*), 0 FROM meetings m "           \
    "WHERE 1 = 1" RANGE(m.at) SCOPE(m) " GROUP BY m.kind, m.status, m.minutes"
#define MEETING_DAYS_SQL                                                                           \
    "SELECT kind, status, NULL, NULL, NULL, minutes, SUM(n), 0 FROM meeting_days WHERE 1 = 1"

/* The same per owner (migration 33), for a rep's or a team's, read owner by owner from
 * their primary keys. */
#define CONTACT_OWNER_DAYS_SQL                                                                     \
    "SELECT style, NULL, NULL, NULL, NULL, two_way, SUM(n), 0 FROM contact_owner_days WHERE 1 = 1"
#define MEETING_OWNER_DAYS_SQL                                                                     \
    "SELECT kind, status, NULL, NULL, NULL, minutes, SUM(n), 0 FROM meeting_owner_days "           \
    "WHERE 1 = 1"

/* The same for the whole book from the closed deals of migration 21, each beside its
 * account's trigger. */
#define CLOSED_DEALS_SQL                                                                           \
    "SELECT c.\"trigger\", c.stage, c.opened_at, c.closed_at, NULL, 0, 0, 0 FROM closed_deals c "  \
    "WHERE 1 = 1" RANGE(c.closed_at)

/* The closed deals of the range in the groups of their outcomes, reasons and competitors.
 * STAGE is the column or, for the whole book, an expression: then no index on the stage is
 * preferred and SQLite reads a range's deals through deals_closed_at. */
#define CLOSED_SQL(stage)                                                                          \
    "SELECT d.stage, d.currency, d.close_reason, TRIM(d.competitor), " COMPETITOR_KEY              \
    ", COUNT(*), " MONEY_SUM " FROM deals d WHERE " stage " IN " CLOSED_STAGES                     \
    RANGE(d.closed_at) SCOPE(d) " GROUP BY d.stage, d.currency, d.competitor, d.close_reason"
/* The order the core folds the spellings of one competitor in: the first (the first
 * stage's smallest) names them. */
#define CLOSED_ORDER " ORDER BY 5, 1, 4"
/* The same with the stage an expression, which no index is chosen for: the whole book's
 * range is read through deals_closed_at, and a team's deals by their owners (rather than
 * every closed deal of the book through deals_close_groups). */
#define CLOSED_BY_OTHER_INDEX CLOSED_SQL("d.stage || ''") CLOSED_ORDER

/* Each won deal's touches, a deal each (the whole book's come from won_touches); WON is
 * the condition on the stage. */
#define WON_DEALS_TOUCHES(won)                                                                     \
    "SELECT NULL, NULL, NULL, NULL, NULL, (SELECT COUNT(*) FROM activities t "                     \
    "WHERE t.deal_id = d.id AND t.direction = 'out' AND t.at <= d.closed_at), 1, 0 "               \
    "FROM deals d WHERE " won                                                                      \
    RANGE(d.closed_at) SCOPE(d) " ORDER BY d.id"

/* The same from the counts per UTC day of migration 24; a group whose deals have all
 * gone keeps a row with no deals. */
#define CLOSED_DAYS_SQL                                                                            \
    "SELECT stage, currency, CASE WHEN has_reason = 1 THEN close_reason END, CASE WHEN "           \
    "has_competitor = 1 THEN TRIM(competitor) END, CASE WHEN has_competitor = 1 THEN "             \
    "LOWER(TRIM(competitor)) END, SUM(n), SUM(value_high), SUM(value_low) FROM closed_days "       \
    "WHERE 1 = 1"
#define CLOSED_DAYS_GROUP                                                                          \
    " GROUP BY stage, currency, competitor, has_competitor, close_reason, has_reason "             \
    "HAVING SUM(n) > 0"

/* The whole book's won deals by their touches, from won_touches (migration 24). */
#define WON_TOUCHES_SQL                                                                            \
    "SELECT NULL, NULL, NULL, NULL, NULL, w.touches, COUNT(*), 0 FROM won_touches w "              \
    "WHERE 1 = 1" RANGE(w.closed_at) " GROUP BY w.touches"
/* A team's the same way: its won deals by their owners and stage (deals_owner), each
 * with its row of won_touches, rather than counting each one's activities. */
#define TEAM_WON_TOUCHES_SQL                                                                       \
    "SELECT NULL, NULL, NULL, NULL, NULL, w.touches, COUNT(*), 0 FROM deals d "                    \
    "CROSS JOIN won_touches w WHERE w.deal_id = d.id AND d.stage = 'won'" RANGE(d.closed_at)       \
        SCOPE(d) " GROUP BY w.touches"

/* Every query binds the range's ends that are given (FROM, then TO), then the scope's
 * parameters, and returns five keys then three numbers. */
static const char *const report_sql[] = {
    /* One pass over the closed deals gives every figure of their outcomes, reasons and
     * competitors: grouped in the order of deals_close_groups (migration 21), which
     * needs no sorting of the deals, only of the groups. The core merges the spellings
     * of one competitor, which come next to each other, the first (the first stage's
     * smallest) naming them. */
    [RP_RQ_CLOSED] = CLOSED_SQL("d.stage") CLOSED_ORDER,
    /* A scope's closed deals (the whole book's come from closed_deals), each joined to
     * its account; without a scope, deal by deal in the order of their accounts
     * (deals_account): the stage is an expression so that no index on it is preferred,
     * since in the order of closing the accounts' pages are read over and over. (An
     * account's owner is its deals'.) */
    [RP_RQ_CYCLES] = "SELECT a.\"trigger\", d.stage, d.opened_at, d.closed_at, NULL, 0, 0, 0 "
                     "FROM deals d CROSS JOIN accounts a WHERE a.id = d.account_id AND "
                     "d.stage || '' IN " CLOSED_STAGES RANGE(d.closed_at) SCOPE(d),
    [RP_RQ_PUSHES] =
        "SELECT p.outcome, NULL, NULL, NULL, NULL, COUNT(*), 0, 0 FROM pushes p WHERE 1 = 1" RANGE(
            p.sent_at) SCOPE(p) " GROUP BY p.outcome ORDER BY p.outcome",
    /* In no order (the core takes their median), so that pushes_report (migration 24)
     * answers it alone. */
    [RP_RQ_ANSWERS] =
        "SELECT p.sent_at, p.outcome_at, NULL, NULL, NULL, 0, 0, 0 FROM pushes p "
        "WHERE p.outcome IN ('informed', 'revived') AND p.outcome_at IS NOT NULL" RANGE(p.sent_at)
            SCOPE(p),
    [RP_RQ_OPEN] = "SELECT d.stage, d.currency, NULL, NULL, NULL, COUNT(*), " MONEY_SUM " "
                   "FROM deals d WHERE d.stage IN " OPEN_STAGES RANGE(d.opened_at)
                       SCOPE(d) " GROUP BY d.stage, d.currency ORDER BY d.stage, d.currency",
    /* From the few deals with no next step (a partial index holds them): SQLite would
     * rather walk every deal by value to save sorting these. */
    [RP_RQ_NO_NEXT_STEP] =
        "SELECT d.title, a.name, d.stage, d.currency, f.last_two_way_at, d.id, a.id, "
        "d.value_cents FROM deal_facts f CROSS JOIN deals d "
        "JOIN accounts a ON a.id = d.account_id WHERE d.id = f.deal_id AND f.is_open = 1 AND "
        "f.open_agreements = 0 AND f.planned_meetings = 0" RANGE(d.opened_at)
            SCOPE(d) " ORDER BY d.value_cents DESC, d.id",
    [RP_RQ_WON_TOUCHES] = WON_DEALS_TOUCHES("d.stage IN " CLOSED_STAGES " AND d.stage = 'won'"),
    [RP_RQ_CONTACTS] = CONTACTS_SQL " ORDER BY a.style, 6",
    [RP_RQ_MEETINGS] = MEETINGS_SQL " ORDER BY m.kind, m.status, m.minutes",
};

/* The queries counted per UTC day by a roll-up: its query, grouped as the records', the
 * records' query for the parts of days, and the order of the rows, if any; OWNERS, the
 * same roll-up per owner (NULL: a scope reads the records), grouped as DAYS. */
static const struct {
    const char *days, *group, *records, *order, *owners;
} rollups[] = {
    [RP_RQ_CONTACTS] = {CONTACT_DAYS_SQL, " GROUP BY style, two_way", CONTACTS_AT_SQL, "",
                        CONTACT_OWNER_DAYS_SQL},
    [RP_RQ_MEETINGS] = {MEETING_DAYS_SQL, " GROUP BY kind, status, minutes", MEETINGS_SQL, "",
                        MEETING_OWNER_DAYS_SQL},
    [RP_RQ_CLOSED] = {CLOSED_DAYS_SQL, CLOSED_DAYS_GROUP, CLOSED_SQL("d.stage || ''"), CLOSED_ORDER,
                      NULL},
};

/* The whole book's queries read from a roll-up of their records, for any range. */
static const char *const book_sql[] = {
    [RP_RQ_CLOSED] = CLOSED_BY_OTHER_INDEX,
    [RP_RQ_CYCLES] = CLOSED_DEALS_SQL,
    [RP_RQ_WON_TOUCHES] = WON_TOUCHES_SQL,
};

/* A team's queries that would otherwise read every such deal of the book through an index
 * on the stage: with the stage an expression, the deals are read by their owners; its won
 * deals by their owners and stage together, each beside its count in won_touches. */
static const char *const team_sql[] = {
    [RP_RQ_CLOSED] = CLOSED_BY_OTHER_INDEX,
    [RP_RQ_WON_TOUCHES] = TEAM_WON_TOUCHES_SQL,
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
    if (RP_GROW(rows->items, rows->n + 1, rows->cap))
        return NULL;
    struct rp_report_row *r = &rows->items[rows->n++];
    memset(r, 0, sizeof(*r));
    return r;
}

/* The keys' text: a report may have a row per closed deal, and one allocation each for
 * their keys costs more than the query. */
#define TEXT_BLOCK 65536
struct rp_report_text {
    struct rp_report_text *next;
    size_t used, cap;
    char data[];
};

/* A copy of the LEN bytes at S, kept in ROWS' text; NULL when memory ran out. */
static char *text_copy(struct rp_report_rows *rows, const char *s, size_t len)
{
    struct rp_report_text *t = rows->text;
    if (!t || t->cap - t->used < len + 1) {
        size_t cap = len + 1 > TEXT_BLOCK ? len + 1 : TEXT_BLOCK;
        if (!(t = malloc(sizeof(*t) + cap)))
            return NULL;
        *t = (struct rp_report_text){rows->text, 0, cap};
        rows->text = t;
    }
    char *copy = memcpy(t->data + t->used, s, len);
    copy[len] = '\0';
    t->used += len + 1;
    return copy;
}

/* Reads the current row into R, its keys' text into ROWS (NULL: the keys point at the
 * statement's text, until its next step); -1 when memory ran out. */
static int row_read(struct rp_store *st, struct rp_stmt *stmt, struct rp_report_rows *rows,
                    struct rp_report_row *r)
{
    for (int k = 0; k < 5; k++) {
        size_t len = 0;
        const char *text = NULL;
        if (!store_col_text(st, stmt, k, &text, &len))
            text = NULL;
        if (text && !rows)
            r->key[k] = (char *)text;
        else if (text && !(r->key[k] = text_copy(rows, text, len)))
            return -1;
    }
    for (int k = 0; k < 3; k++)
        r->n[k] = st->drv->column_int(stmt, 5 + k);
    return 0;
}

/* The condition of a range on COLUMN: the ends that are given, or only that there is
 * an instant (which a bound would have implied). */
static enum rp_status range_sql(struct rp_buf *sql, const char *column, const char *from,
                                const char *to)
{
    enum rp_status rc = RP_OK;
    if (!from && !to)
        return rp_buf_addf(sql, " AND %s IS NOT NULL", column);
    if (from)
        rc = rp_buf_addf(sql, " AND %s >= ?", column);
    if (!rc && to)
        rc = rp_buf_addf(sql, " AND %s < ?", column);
    return rc;
}

/* The query T with its marks replaced by the range's condition and the clause limiting
 * it to SCOPE. */
static enum rp_status report_query(const char *t, const char *from, const char *to,
                                   const struct rp_scope *scope, struct rp_buf *sql)
{
    const char *mark;
    enum rp_status rc = RP_OK;
    while (!rc && (mark = strstr(t, MARK))) {
        const char *what = mark + strlen(MARK), *end = strstr(what, "*/");
        char column[32];
        int is_range = !strncmp(what, "range:", 6);
        snprintf(column, sizeof(column), "%.*s", (int)(end - what - 6), what + 6);
        rc = rp_buf_add(sql, t, (size_t)(mark - t));
        if (!rc)
            rc = is_range ? range_sql(sql, column, from, to)
                          : store_owners_scope_sql(sql, column, scope);
        t = end + 2;
    }
    return rc ? rc : rp_buf_adds(sql, t);
}

/* Binds the texts of ARGS (up to N of them; NULL: none) from parameter *AT on. */
static enum rp_status bind_texts(struct rp_store *st, struct rp_stmt *stmt, int *at,
                                 const char *const *args, size_t n)
{
    enum rp_status rc = RP_OK;
    for (size_t i = 0; i < n && !rc; i++)
        if (args[i])
            rc = st->drv->bind_text(stmt, ++*at, args[i]);
    return rc;
}

/* Reads the rows of STMT into OUT and resets it. */
static enum rp_status report_rows(struct rp_store *st, enum rp_report_query q, struct rp_stmt *stmt,
                                  struct rp_report_rows *out)
{
    int row;
    enum rp_status rc;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row) {
        struct rp_report_row one = {0}, *r = out->each ? &one : row_push(out);
        if (!r || row_read(st, stmt, out->each ? NULL : out, r)) {
            rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
            break;
        }
        if (q == RP_RQ_CLOSED || q == RP_RQ_OPEN) {
            r->n[1] = money_total(r->n[1], r->n[2]);
            r->n[2] = 0;
        }
        if (out->each)
            out->each(r, out->ctx);
    }
    st->drv->reset(stmt);
    return rc;
}

/* The UTC day (number) that instant text AT falls on, plus one when UP and AT is not its
 * start: the first whole day from AT (UP) or the day AT ends the whole days before. */
static int64_t whole_day(const char *at, int up)
{
    int64_t t = 0;
    rp_instant_parse(at, &t);
    int64_t day = t / 86400 - (t % 86400 < 0);
    return day + (up && t != day * 86400);
}

/* Query Q (one that has a roll-up) over a range that holds a whole UTC day or more: the
 * whole days from the roll-up (the whole book's, or per owner for SCOPE), and the parts of
 * days at either end (a range is made of local days) from the records themselves. The
 * rows of one group may come more than once: the core adds them up. */
static enum rp_status report_rolled_up(struct rp_store *st, enum rp_report_query q,
                                       const char *from, const char *to,
                                       const struct rp_scope *scope, struct rp_report_rows *out)
{
    char lo[RP_DATE_LEN], hi[RP_DATE_LEN], lo_at[RP_INSTANT_LEN], hi_at[RP_INSTANT_LEN];
    int64_t first = from ? whole_day(from, 1) : 0, end = to ? whole_day(to, 0) : 0;
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_stmt *stmt = NULL;
    int n = 0, scoped = scope && scope->user_id;
    rp_date_format(first, lo);
    rp_date_format(end, hi);
    rp_instant_format(first * 86400, lo_at);
    rp_instant_format(end * 86400, hi_at);
    /* Parameters: the days and the scope, then each end's part and the scope: FROM up to
     * the first whole day, and from the end of the last one up to TO. */
    int head = from && strcmp(from, lo_at), tail = to && strcmp(hi_at, to);
    const char *parts[3][2] = {{from ? lo : NULL, to ? hi : NULL},
                               {head ? from : NULL, head ? lo_at : NULL},
                               {tail ? hi_at : NULL, tail ? to : NULL}};
    enum rp_status rc = rp_buf_adds(&sql, scoped ? rollups[q].owners : rollups[q].days);
    if (!rc && from)
        rc = rp_buf_adds(&sql, " AND day >= ?");
    if (!rc && to)
        rc = rp_buf_adds(&sql, " AND day < ?");
    if (!rc && scoped)
        rc = store_owners_scope_sql(&sql, "owner_id", scope);
    if (!rc)
        rc = rp_buf_adds(&sql, rollups[q].group);
    for (int edge = 1; edge < 3 && !rc; edge++)
        if (parts[edge][0]) {
            if (!(rc = rp_buf_adds(&sql, " UNION ALL ")))
                rc = report_query(rollups[q].records, "", "", scoped ? scope : NULL, &sql);
        }
    if (!rc)
        rc = rp_buf_adds(&sql, rollups[q].order);
    if (!rc)
        rc = store_prepare(st, rp_buf_str(&sql), &stmt);
    rp_buf_release(&sql);
    for (int part = 0; part < 3 && !rc; part++)
        if ((part == 0 || parts[part][0]) && !(rc = bind_texts(st, stmt, &n, parts[part], 2)) &&
            scoped)
            rc = store_scope_bind(st, stmt, &n, scope);
    return rc ? rc : report_rows(st, q, stmt, out);
}

enum rp_status rp_store_report(struct rp_store *st, enum rp_report_query q, const char *from,
                               const char *to, const struct rp_scope *scope,
                               struct rp_report_rows *out)
{
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_stmt *stmt = NULL;
    int n = 0;
    int book = !(scope && scope->user_id);
    /* A scope reads its owners' roll-up where there is one: a team's records are many. */
    if (q < sizeof(rollups) / sizeof(rollups[0]) && rollups[q].days &&
        (book || (rollups[q].owners && store_cand_shape(scope) != 3)) &&
        !(from && to && whole_day(from, 1) >= whole_day(to, 0)))
        return report_rolled_up(st, q, from, to, scope, out);
    /* Otherwise a scope reads the records: one rep's are few, a team's read owner by owner. */
    const char *t = book && q < sizeof(book_sql) / sizeof(book_sql[0]) && book_sql[q]
                        ? book_sql[q]
                        : report_sql[q];
    if (store_cand_shape(scope) == 2 && q < sizeof(team_sql) / sizeof(team_sql[0]) && team_sql[q])
        t = team_sql[q];
    enum rp_status rc = report_query(t, from, to, scope, &sql);
    if (!rc)
        rc = store_prepare(st, rp_buf_str(&sql), &stmt);
    rp_buf_release(&sql);
    if (rc || (rc = bind_texts(st, stmt, &n, (const char *const[]){from, to}, 2)) ||
        (rc = store_scope_bind(st, stmt, &n, scope)))
        return rc;
    return report_rows(st, q, stmt, out);
}

void rp_report_rows_release(struct rp_report_rows *rows)
{
    for (struct rp_report_text *t = rows->text, *next; t; t = next) {
        next = t->next;
        free(t);
    }
    free(rows->items);
    *rows = (struct rp_report_rows){0};
}
