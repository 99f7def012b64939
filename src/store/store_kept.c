/* Kept pages (migration 23): a page of records as last made for a scope and a query, with
 * the change counters it was made at, and the most recently made of each scope only. */
#include <string.h>

#include "store/store_internal.h"
#include "base/banned.h"

/* How many pages each scope keeps: a few pages of each collection with the filters one
 * uses; the oldest made goes first. */
#define KEPT_PAGES_MAX 32

/* The stamp of the scope's owners (the same as the agenda's, store_agenda.c, and everyone's
 * alone), and the body kept for the query at that stamp, if any: one statement. The LIMIT
 * keeps the stamp a subquery of its own on PostgreSQL (store_agenda.c says why). */
#define PAGE_STAMP(marks)                                                                          \
    "SELECT s.marks, s.everyone, k.body FROM (SELECT " marks " AS marks, " EVERYONE_MARKS          \
    " AS everyone LIMIT 1) s LEFT JOIN kept_pages k ON k.scope_user = ? AND k.scope_team = ? "     \
    "AND k.query = ? AND k.marks = s.marks AND k.everyone = s.everyone"

/* Binds the key's scope as parameters N and N + 1. */
static enum rp_status bind_scope(struct rp_store *st, struct rp_stmt *stmt, int n,
                                 const struct rp_page_key *key)
{
    enum rp_status rc = st->drv->bind_int(stmt, n, key->scope ? key->scope->user_id : 0);
    const char *team =
        key->scope && key->scope->user_id && key->scope->team ? key->scope->team : "";
    return rc ? rc : st->drv->bind_text(stmt, n + 1, team);
}

enum rp_status rp_store_kept_page(struct rp_store *st, const struct rp_page_key *key,
                                  struct rp_page_stamp *stamp, struct rp_buf *out, int *found)
{
    static const char *const sql[] = {
        PAGE_STAMP(MARKS_ALL),
        PAGE_STAMP(MARKS_ONE),
        PAGE_STAMP(MARKS_TEAM),
    };
    int row = 0, n = 0;
    struct rp_stmt *stmt;
    const char *body = NULL;
    size_t len = 0;
    enum rp_status rc = store_prepare(st, sql[store_marks_shape(key->scope)], &stmt);
    *found = 0;
    if (rc || (rc = store_marks_bind(st, stmt, &n, key->scope)) ||
        (rc = bind_scope(st, stmt, n + 1, key)) ||
        (rc = st->drv->bind_text(stmt, n + 3, key->query)) ||
        (rc = st->drv->step(stmt, &row, st->err)))
        return rc;
    *stamp = (struct rp_page_stamp){0, 0};
    if (row) {
        stamp->marks = st->drv->column_int(stmt, 0);
        stamp->everyone = st->drv->column_int(stmt, 1);
        if (store_col_text(st, stmt, 2, &body, &len) && !(rc = rp_buf_add(out, body, len)))
            *found = 1;
    }
    st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_keep_page(struct rp_store *st, const struct rp_page_key *key,
                                  const struct rp_page_stamp *stamp, const char *body)
{
    struct rp_stmt *stmt;
    enum rp_status rc;
    if ((rc = store_prepare(st,
                            "INSERT INTO kept_pages (scope_user, scope_team, query, made, marks, "
                            "everyone, body) VALUES (?, ?, ?, (SELECT COALESCE(MAX(made), 0) + 1 "
                            "FROM kept_pages WHERE scope_user = ? AND scope_team = ?), ?, ?, ?) "
                            "ON CONFLICT (scope_user, scope_team, query) DO UPDATE SET "
                            "made = excluded.made, marks = excluded.marks, "
                            "everyone = excluded.everyone, body = excluded.body",
                            &stmt)) ||
        (rc = bind_scope(st, stmt, 1, key)) || (rc = st->drv->bind_text(stmt, 3, key->query)) ||
        (rc = bind_scope(st, stmt, 4, key)) || (rc = st->drv->bind_int(stmt, 6, stamp->marks)) ||
        (rc = st->drv->bind_int(stmt, 7, stamp->everyone)) ||
        (rc = st->drv->bind_text(stmt, 8, body)) || (rc = store_run_later(st, stmt)))
        return rc;
    /* The scope's oldest beyond the bound: one step down its index. */
    if ((rc = store_prepare(st,
                            "DELETE FROM kept_pages WHERE scope_user = ? AND scope_team = ? AND "
                            "made <= (SELECT made FROM kept_pages WHERE scope_user = ? AND "
                            "scope_team = ? ORDER BY made DESC LIMIT 1 OFFSET ?)",
                            &stmt)) ||
        (rc = bind_scope(st, stmt, 1, key)) || (rc = bind_scope(st, stmt, 3, key)) ||
        (rc = st->drv->bind_int(stmt, 5, KEPT_PAGES_MAX)))
        return rc;
    return store_run_later(st, stmt);
}
