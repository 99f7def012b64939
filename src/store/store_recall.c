/* Recall and full-text search: an account's statements, claims, activities and agreements
 * in time order, and ranked matches from the full-text index of migration 3. Which rows
 * match, and how well, is the engine's (driver.h: fulltext_hits_sql); the records they are
 * joined to are the same for every engine. See store.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/grow.h"
#include "base/banned.h"

/* Columns of every branch: type, id, account_id, account, deal_id, deal, contact_id,
 * contact, at, text, note, status, kind, direction, outcome, due. */
#define RECALL_COLUMNS 16
#define ACCOUNT_JOIN(x) " JOIN accounts a ON a.id = " x ".account_id"
#define PEOPLE_JOIN(x)                                                                             \
    ACCOUNT_JOIN(x)                                                                                \
    " LEFT JOIN deals d ON d.id = " x ".deal_id"                                                   \
    " LEFT JOIN contacts c ON c.id = " x ".contact_id"

#define SAID_SELECT                                                                                \
    "SELECT 1 AS type, s.id AS id, s.account_id AS account_id, a.name, s.deal_id, d.title, "       \
    "s.contact_id, c.name, s.at AS at, s.text, NULL, NULL, NULL, NULL, NULL, NULL"
#define CLAIM_SELECT                                                                               \
    "SELECT 2, s.id, s.account_id, a.name, s.deal_id, d.title, s.contact_id, c.name, "             \
    "s.created_at, s.text, s.note, s.status, NULL, NULL, NULL, NULL"
#define ACTIVITY_SELECT                                                                            \
    "SELECT 3, s.id, s.account_id, a.name, s.deal_id, d.title, s.contact_id, c.name, s.at, "       \
    "s.text, NULL, NULL, s.kind, s.direction, s.outcome, NULL"
#define AGREEMENT_SELECT                                                                           \
    "SELECT 4, s.id, s.account_id, a.name, s.deal_id, d.title, s.contact_id, c.name, "             \
    "s.created_at, s.note, NULL, s.status, NULL, NULL, NULL, s.due_on"
#define ACCOUNT_SELECT                                                                             \
    "SELECT 5, a.id, a.id, a.name, NULL, NULL, NULL, NULL, a.created_at, a.name, a.need, "         \
    "a.status, NULL, NULL, NULL, NULL"
#define CONTACT_SELECT                                                                             \
    "SELECT 6, s.id, s.account_id, a.name, NULL, NULL, s.id, s.name, s.created_at, s.name, "       \
    "s.title, NULL, NULL, NULL, NULL, NULL"
#define DEAL_SELECT                                                                                \
    "SELECT 7, s.id, s.account_id, a.name, s.id, s.title, NULL, NULL, s.opened_at, s.title, "      \
    "NULL, s.stage, NULL, NULL, NULL, NULL"

static const char recall_sql[] = SAID_SELECT " FROM statements s" PEOPLE_JOIN(
    "s") " WHERE s.account_id = ?"
         " UNION ALL " CLAIM_SELECT " FROM claims s" PEOPLE_JOIN(
             "s") " WHERE s.account_id = ?"
                  " UNION ALL " ACTIVITY_SELECT " FROM activities s" PEOPLE_JOIN(
                      "s") " WHERE s.account_id = ?"
                           " UNION ALL " AGREEMENT_SELECT
                           " FROM agreements s" PEOPLE_JOIN("s") " WHERE s.account_id = ?"
                                                                 " ORDER BY at, type, id";

/* The index's rows that match, then each joined to its record by the row id's type. */
#define HIT_JOIN(table, code)                                                                      \
    " FROM ranked h JOIN " table " s ON s.id = h.r / 16 AND h.r % 16 = " code
/* A hit's record's time and account, by the row id's type, as the branches below name
 * them: one primary-key lookup. X: the alias of the hit. */
#define HIT_COLUMN(x, s, c, a, ct, d)                                                              \
    "CASE " x ".r % 16 WHEN 1 THEN (SELECT " s " FROM statements WHERE id = " x ".r / 16) "        \
    "WHEN 2 THEN (SELECT " c " FROM claims WHERE id = " x ".r / 16) "                              \
    "WHEN 3 THEN (SELECT " s " FROM activities WHERE id = " x ".r / 16) "                          \
    "WHEN 4 THEN (SELECT " c " FROM agreements WHERE id = " x ".r / 16) "                          \
    "WHEN 5 THEN " a " WHEN 6 THEN (SELECT " ct " FROM contacts WHERE id = " x ".r / 16) "         \
    "WHEN 7 THEN (SELECT " d " FROM deals WHERE id = " x ".r / 16) END"
#define HIT_AT                                                                                     \
    HIT_COLUMN("b", "at", "created_at", "(SELECT created_at FROM accounts WHERE id = b.r / 16)",   \
               "created_at", "opened_at")
#define HIT_ACCOUNT                                                                                \
    HIT_COLUMN("h", "account_id", "account_id", "h.r / 16", "account_id", "account_id")
/* After the engine's hits: those of the account (search_account, when one is asked for)
 * and of the acting user's scope, the newest first (by row id), at most the next
 * parameter: a word in a large share of the book is ranked among its newest matches, so
 * that the engine does not score every one. Ranking needs only the index: the hits as
 * good as the LIMIT-th (the next parameter is LIMIT - 1) are ordered as the answer is,
 * ties by their record's time, which is one lookup each; only the best LIMIT (the last
 * parameter) are joined to everything an entry shows. Every hit has its record (the index
 * is kept in step), so nothing else could be among the best. */
static const char search_picked[] = ", picked (r, score) AS (SELECT h.r, h.score FROM hits h "
                                    "WHERE 1 = 1";
static const char search_account[] = " AND " HIT_ACCOUNT " = ?";
static const char search_best[] =
    " ORDER BY h.r DESC LIMIT ?), best (r, score) AS (SELECT r, score FROM picked WHERE "
    "score <= COALESCE((SELECT score FROM picked ORDER BY score LIMIT 1 OFFSET ?), score)), "
    "ranked (r, score) AS (SELECT b.r, b.score FROM best b ORDER BY b.score, " HIT_AT
    " DESC, b.r % 16, b.r / 16 LIMIT ?)";
static const char search_sql[] = " SELECT * FROM (" SAID_SELECT ", h.score AS score" HIT_JOIN(
    "statements", "1") PEOPLE_JOIN("s") " UNION ALL " CLAIM_SELECT ", h.score" HIT_JOIN("claims",
                                                                                        "2")
    PEOPLE_JOIN("s") " UNION ALL " ACTIVITY_SELECT ", h.score" HIT_JOIN("activities", "3")
        PEOPLE_JOIN("s") " UNION ALL " AGREEMENT_SELECT ", h.score" HIT_JOIN("agreements", "4")
            PEOPLE_JOIN("s") " UNION ALL " ACCOUNT_SELECT
                             ", h.score FROM ranked h JOIN accounts a ON a.id = h.r / 16 "
                             "AND h.r % 16 = 5"
                             " UNION ALL " CONTACT_SELECT
                             ", h.score" HIT_JOIN("contacts", "6") ACCOUNT_JOIN(
                                 "s") " UNION ALL " DEAL_SELECT ", h.score" HIT_JOIN("deals", "7")
                                 ACCOUNT_JOIN("s") ") AS found ORDER BY score, at DESC, type, id";

static struct rp_recall_row *recall_push(struct rp_recall_rows *rows)
{
    if (RP_GROW(rows->items, rows->n + 1, rows->cap))
        return NULL;
    struct rp_recall_row *r = &rows->items[rows->n++];
    memset(r, 0, sizeof(*r));
    return r;
}

static int col_copy(struct rp_store *st, struct rp_stmt *stmt, int col, char **out)
{
    if (st->drv->column_null(stmt, col))
        return 0;
    *out = strdup(st->drv->column_text(stmt, col));
    return *out ? 0 : -1;
}

static int64_t col_id(struct rp_store *st, struct rp_stmt *stmt, int col)
{
    return st->drv->column_null(stmt, col) ? 0 : st->drv->column_int(stmt, col);
}

/* Reads the current row; -1 when a copy could not be made. */
static int recall_read(struct rp_store *st, struct rp_stmt *s, struct rp_recall_row *r)
{
    r->type = (enum rp_recall_type)st->drv->column_int(s, 0);
    r->id = col_id(st, s, 1);
    r->account_id = col_id(st, s, 2);
    r->deal_id = col_id(st, s, 4);
    r->contact_id = col_id(st, s, 6);
    r->at = store_col_instant(st, s, 8);
    r->due = store_col_date(st, s, 15);
    char **text[] = {&r->account, &r->deal, &r->contact,   &r->text,   &r->note,
                     &r->status,  &r->kind, &r->direction, &r->outcome};
    static const int cols[] = {3, 5, 7, 9, 10, 11, 12, 13, 14};
    for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
        if (col_copy(st, s, cols[i], text[i]))
            return -1;
    return 0;
}

static enum rp_status recall_rows(struct rp_store *st, struct rp_stmt *stmt,
                                  struct rp_recall_rows *out)
{
    int row;
    enum rp_status rc;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row) {
        struct rp_recall_row *r = recall_push(out);
        if (!r || recall_read(st, stmt, r)) {
            rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
            break;
        }
    }
    st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_recall(struct rp_store *st, int64_t account, struct rp_recall_rows *out)
{
    struct rp_stmt *stmt;
    enum rp_status rc = store_prepare(st, recall_sql, &stmt);
    for (int i = 1; i <= 4 && !rc; i++)
        rc = st->drv->bind_int(stmt, i, account);
    return rc ? rc : recall_rows(st, stmt, out);
}

/* The tables of the hits' records by the row id's type, each with its index on the
 * owner. A rep's search checks each hit against that index, where the rep's rows sit side
 * by side (the same few pages, read again and again), rather than reading each hit's
 * record, most of them another's, for its account: on the 100k-account book, a word in
 * 14,000 activities took 34 ms as a rep (17 ms for the whole book), 6 ms so. An account's
 * hit is the account's own id; a team's search is checked by account as before (its
 * several owners make the hint slower). */
static const struct {
    int type;
    const char *table, *index;
} hit_owners[] = {
    {1, "statements", "statements_owner"}, {2, "claims", "claims_owner"},
    {3, "activities", "activities_owner"}, {4, "agreements", "agreements_owner"},
    {6, "contacts", "contacts_owner"},     {7, "deals", "deals_owner_id"},
};
#define HIT_OWNERS (sizeof(hit_owners) / sizeof(hit_owners[0]))

static enum rp_status search_scope_sql(struct rp_store *st, struct rp_buf *sql,
                                       const struct rp_scope *scope)
{
    if (!store_scope_one_owner(scope))
        return store_scope_sql(sql, NULL, HIT_ACCOUNT, scope);
    enum rp_status rc = rp_buf_adds(sql, " AND CASE h.r % 16");
    for (size_t i = 0; i < HIT_OWNERS && !rc; i++)
        if (!(rc = rp_buf_addf(sql, " WHEN %d THEN EXISTS (SELECT 1 FROM ", hit_owners[i].type)) &&
            !(rc = store_add_index_hint(st, sql, hit_owners[i].table, hit_owners[i].index)))
            rc = rp_buf_adds(sql, " WHERE id = h.r / 16 AND owner_id = ?)");
    if (!rc)
        rc = rp_buf_adds(sql, " WHEN 5 THEN h.r / 16 IN (SELECT id FROM accounts WHERE "
                              "owner_id = ?) END");
    return rc;
}

static enum rp_status search_scope_bind(struct rp_store *st, struct rp_stmt *stmt, int *n,
                                        const struct rp_scope *scope)
{
    enum rp_status rc = RP_OK;
    if (!store_scope_one_owner(scope))
        return store_scope_bind(st, stmt, n, scope);
    for (size_t i = 0; i <= HIT_OWNERS && !rc; i++)
        rc = st->drv->bind_int(stmt, ++*n, scope->user_id);
    return rc;
}

/* Hits ranked among at most this many of the newest (or LIMIT, when more). */
#define SEARCH_NEWEST 2000

enum rp_status rp_store_search(struct rp_store *st, const char *words, int64_t account,
                               size_t limit, const struct rp_scope *scope,
                               struct rp_recall_rows *out)
{
    struct rp_buf match = RP_BUF_INIT, sql = RP_BUF_INIT;
    struct rp_stmt *stmt;
    int n = 1;
    int64_t most = limit ? (int64_t)limit : INT64_MAX;
    int64_t newest = limit ? (most > SEARCH_NEWEST ? most : SEARCH_NEWEST) : INT64_MAX;
    enum rp_status rc = st->drv->fulltext_match(words, &match);
    if (!rc && !(rc = rp_buf_adds(&sql, st->drv->fulltext_hits_sql)) &&
        !(rc = rp_buf_adds(&sql, search_picked)) &&
        !(rc = account ? rp_buf_adds(&sql, search_account) : RP_OK) &&
        !(rc = search_scope_sql(st, &sql, scope)) && !(rc = rp_buf_adds(&sql, search_best)))
        rc = rp_buf_adds(&sql, search_sql);
    if (rc)
        rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    if (rc || (rc = store_prepare(st, rp_buf_str(&sql), &stmt)))
        goto out;
    if ((rc = st->drv->bind_text(stmt, n, rp_buf_str(&match))) ||
        (account && (rc = st->drv->bind_int(stmt, ++n, account))) ||
        (rc = search_scope_bind(st, stmt, &n, scope)) ||
        (rc = st->drv->bind_int(stmt, ++n, newest)) ||
        (rc = st->drv->bind_int(stmt, ++n, most - 1)) || (rc = st->drv->bind_int(stmt, ++n, most)))
        goto out;
    rc = recall_rows(st, stmt, out);
out:
    rp_buf_release(&sql);
    rp_buf_release(&match);
    return rc;
}

void rp_recall_rows_release(struct rp_recall_rows *rows)
{
    for (size_t i = 0; i < rows->n; i++) {
        struct rp_recall_row *r = &rows->items[i];
        char *strings[] = {r->account, r->deal, r->contact,   r->text,   r->note,
                           r->status,  r->kind, r->direction, r->outcome};
        for (size_t k = 0; k < sizeof(strings) / sizeof(strings[0]); k++)
            free(strings[k]);
    }
    free(rows->items);
    *rows = (struct rp_recall_rows){0};
}
