/* Snoozed and dismissed agenda items; see store.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/grow.h"
#include "store/store_internal.h"
#include "base/banned.h"

enum rp_status rp_store_snooze_add(struct rp_store *st, const struct rp_snooze *s)
{
    char until[RP_DATE_LEN], at[RP_INSTANT_LEN];
    struct rp_stmt *stmt;
    enum rp_status rc;
    rp_date_format(s->until, until);
    rp_instant_format(s->created_at, at);
    if ((rc = store_prepare(st,
                            "INSERT INTO snoozes (item, account_id, deal_id, reason, "
                            "\"until\", created_at, owner_id) VALUES (?, ?, ?, ?, ?, ?, "
                            "(SELECT owner_id FROM accounts WHERE id = ?))",
                            &stmt)) ||
        (rc = st->drv->bind_text(stmt, 1, s->item)) ||
        (rc = st->drv->bind_int(stmt, 2, s->account_id)) ||
        (rc = s->deal_id ? st->drv->bind_int(stmt, 3, s->deal_id) : st->drv->bind_null(stmt, 3)) ||
        (rc = st->drv->bind_text(stmt, 4, s->reason)) ||
        (rc = st->drv->bind_text(stmt, 5, until)) || (rc = st->drv->bind_text(stmt, 6, at)) ||
        (rc = st->drv->bind_int(stmt, 7, s->account_id)))
        return rc;
    return store_run(st, stmt);
}

enum rp_status rp_store_snoozes_cancel(struct rp_store *st, int64_t account_id, int64_t deal_id,
                                       int64_t at)
{
    char when[RP_INSTANT_LEN];
    struct rp_stmt *stmt;
    enum rp_status rc;
    rp_instant_format(at, when);
    if ((rc = store_prepare(st,
                            "UPDATE snoozes SET cancelled_at = ? WHERE account_id = ? AND "
                            "cancelled_at IS NULL AND (? = 0 OR deal_id IS NULL OR "
                            "deal_id = ?)",
                            &stmt)) ||
        (rc = st->drv->bind_text(stmt, 1, when)) || (rc = st->drv->bind_int(stmt, 2, account_id)) ||
        (rc = st->drv->bind_int(stmt, 3, deal_id)) || (rc = st->drv->bind_int(stmt, 4, deal_id)))
        return rc;
    return store_run(st, stmt);
}

static enum rp_status snooze_push(struct rp_snoozes *list, const struct rp_snooze *s)
{
    if (RP_GROW(list->items, list->n + 1, list->cap))
        return RP_ERR_INTERNAL;
    list->items[list->n++] = *s;
    return RP_OK;
}

/* rp_store_snoozes' statement for DAY and SCOPE, bound, in *STMT. */
static enum rp_status snoozes_bound(struct rp_store *st, int64_t day, const struct rp_scope *scope,
                                    struct rp_stmt **stmt)
{
    struct rp_buf sql = RP_BUF_INIT;
    char from[RP_DATE_LEN];
    int n = 1;
    rp_date_format(day, from);
    enum rp_status rc = rp_buf_adds(&sql, "SELECT id, item, account_id, deal_id, reason, "
                                          "\"until\", created_at FROM snoozes WHERE "
                                          "cancelled_at IS NULL AND \"until\" > ?");
    if (!rc)
        rc = store_scope_sql(&sql, "owner_id", NULL, scope);
    if (!rc)
        rc = rp_buf_adds(&sql, " ORDER BY \"until\", id");
    if (!rc)
        rc = store_prepare(st, rp_buf_str(&sql), stmt);
    rp_buf_release(&sql);
    if (rc || (rc = st->drv->bind_text(*stmt, 1, from)))
        return rc;
    return store_scope_bind(st, *stmt, &n, scope);
}

void rp_store_snoozes_ahead(struct rp_store *st, int64_t day, const struct rp_scope *scope)
{
    struct rp_stmt *stmt;
    if (rp_store_reads_ahead(st) && !snoozes_bound(st, day, scope, &stmt))
        store_send_ahead(st, stmt);
}

enum rp_status rp_store_snoozes(struct rp_store *st, int64_t day, const struct rp_scope *scope,
                                struct rp_snoozes *out)
{
    struct rp_stmt *stmt;
    int row;
    enum rp_status rc = snoozes_bound(st, day, scope, &stmt);
    if (rc)
        return rc;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row) {
        struct rp_snooze s = {0};
        s.id = st->drv->column_int(stmt, 0);
        snprintf(s.item, sizeof(s.item), "%s", st->drv->column_text(stmt, 1));
        s.account_id = st->drv->column_int(stmt, 2);
        s.deal_id = st->drv->column_null(stmt, 3) ? 0 : st->drv->column_int(stmt, 3);
        snprintf(s.reason, sizeof(s.reason), "%s", st->drv->column_text(stmt, 4));
        s.until = store_col_date(st, stmt, 5);
        s.created_at = store_col_instant(st, stmt, 6);
        if (snooze_push(out, &s)) {
            rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
            break;
        }
    }
    st->drv->reset(stmt);
    return rc;
}

void rp_snoozes_release(struct rp_snoozes *list)
{
    free(list->items);
    *list = (struct rp_snoozes){0};
}
