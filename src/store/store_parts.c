/* Kept agendas in parts (migration 27): the items of a user's agenda from one owner's
 * records (owner 0: the records without one), each kept with the owner's change counter,
 * everyone's and the largest open value it was made at (core/agenda_keep.c). */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "store/store_internal.h"
#include "base/grow.h"
#include "base/banned.h"

/* The owners of a scope by its shape (store_cand_shape): everyone's and every user's for
 * the whole book (records without an owner are part 0's), one user's own, a manager's and
 * their team's; each with its counter now and its part kept at that stamp, if any. In no
 * order (the merge orders the items): sorting the rows would copy every body through a
 * sorter, which spills megabytes to a temporary file (most of the statement's time). */
#define PART_OWNERS_ALL "SELECT 0 AS owner_id UNION SELECT id FROM users"
#define PART_OWNERS_ONE "SELECT CAST(? AS BIGINT) AS owner_id"
#define PART_OWNERS_TEAM PART_OWNERS_ONE " UNION SELECT id FROM users WHERE team = ?"
#define PARTS_AT_STAMP                                                                             \
    ") o LEFT JOIN agenda_marks m ON m.owner_id = o.owner_id LEFT JOIN kept_parts p ON "           \
    "p.user_id = ? AND p.day = ? AND p.days = ? AND p.tz = ? AND p.owner_id = o.owner_id AND "     \
    "p.marks = COALESCE(m.n, 0) AND p.everyone = ? AND p.max_value = ?"
#define PARTS_SELECT "SELECT o.owner_id, COALESCE(m.n, 0), p.body FROM ("

/* Binds KEY and STAMP from parameter N + 1 on. */
static enum rp_status bind_part_key(struct rp_store *st, struct rp_stmt *stmt, int n,
                                    const struct rp_agenda_key *key,
                                    const struct rp_agenda_stamp *stamp)
{
    char day[RP_DATE_LEN];
    enum rp_status rc;
    rp_date_format(key->day, day);
    if ((rc = st->drv->bind_int(stmt, n + 1, key->user_id)) ||
        (rc = st->drv->bind_text(stmt, n + 2, day)) ||
        (rc = st->drv->bind_int(stmt, n + 3, key->days)) ||
        (rc = st->drv->bind_text(stmt, n + 4, key->tz)))
        return rc;
    if ((rc = st->drv->bind_int(stmt, n + 5, stamp->everyone)))
        return rc;
    return st->drv->bind_int(stmt, n + 6, stamp->max_value);
}

static enum rp_status part_push(struct rp_agenda_parts *out, int64_t owner, int64_t marks,
                                const char *body)
{
    if (RP_GROW(out->items, out->n + 1, out->cap))
        return RP_ERR_INTERNAL;
    struct rp_agenda_part *p = &out->items[out->n];
    *p = (struct rp_agenda_part){owner, marks, NULL, 0};
    if (body && !(p->body = strdup(body)))
        return RP_ERR_INTERNAL;
    out->n++;
    return RP_OK;
}

enum rp_status rp_store_agenda_parts(struct rp_store *st, const struct rp_scope *scope,
                                     const struct rp_agenda_key *key,
                                     const struct rp_agenda_stamp *stamp,
                                     struct rp_agenda_parts *out)
{
    static const char *const sql[] = {
        PARTS_SELECT PART_OWNERS_ALL PARTS_AT_STAMP,
        PARTS_SELECT PART_OWNERS_ONE PARTS_AT_STAMP,
        PARTS_SELECT PART_OWNERS_TEAM PARTS_AT_STAMP,
    };
    int shape = store_cand_shape(scope), n = 0, row = 0;
    struct rp_stmt *stmt = NULL;
    enum rp_status rc = shape < 3 ? store_prepare(st, sql[shape], &stmt)
                                  : rp_error_set(st->err, RP_ERR_INTERNAL, NULL,
                                                 "no agenda is kept for the records without owner");
    if (rc || (rc = store_scope_bind(st, stmt, &n, scope)) ||
        (rc = bind_part_key(st, stmt, n, key, stamp)))
        return rc;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row) {
        const char *body = st->drv->column_null(stmt, 2) ? NULL : st->drv->column_text(stmt, 2);
        if ((rc = part_push(out, st->drv->column_int(stmt, 0), st->drv->column_int(stmt, 1),
                            body))) {
            rp_error_set(st->err, rc, NULL, "out of memory");
            break;
        }
    }
    st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_keep_agenda_part(struct rp_store *st, const struct rp_agenda_key *key,
                                         const struct rp_agenda_stamp *stamp,
                                         const struct rp_agenda_part *part)
{
    char day[RP_DATE_LEN];
    struct rp_stmt *stmt;
    enum rp_status rc;
    rp_date_format(key->day, day);
    if ((rc = store_prepare(st,
                            "INSERT INTO kept_parts (user_id, day, days, tz, owner_id, marks, "
                            "everyone, max_value, built, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                            "1, ?) ON CONFLICT (user_id, day, days, tz, owner_id) DO UPDATE SET "
                            "marks = excluded.marks, everyone = excluded.everyone, max_value = "
                            "excluded.max_value, built = kept_parts.built + 1, body = "
                            "excluded.body",
                            &stmt)) ||
        (rc = st->drv->bind_int(stmt, 1, key->user_id)) ||
        (rc = st->drv->bind_text(stmt, 2, day)) || (rc = st->drv->bind_int(stmt, 3, key->days)) ||
        (rc = st->drv->bind_text(stmt, 4, key->tz)) ||
        (rc = st->drv->bind_int(stmt, 5, part->owner_id)) ||
        (rc = st->drv->bind_int(stmt, 6, part->marks)) ||
        (rc = st->drv->bind_int(stmt, 7, stamp->everyone)) ||
        (rc = st->drv->bind_int(stmt, 8, stamp->max_value)) ||
        (rc = st->drv->bind_text(stmt, 9, part->body)))
        return rc;
    return store_run_later(st, stmt);
}

enum rp_status rp_store_forget_agenda_parts(struct rp_store *st, int64_t user_id, int64_t today)
{
    char past[RP_DATE_LEN];
    struct rp_stmt *stmt;
    enum rp_status rc;
    rp_date_format(today, past);
    if ((rc = store_prepare(st, "DELETE FROM kept_parts WHERE user_id = ? AND day < ?", &stmt)) ||
        (rc = st->drv->bind_int(stmt, 1, user_id)) || (rc = st->drv->bind_text(stmt, 2, past)))
        return rc;
    return store_run_later(st, stmt);
}

void rp_agenda_parts_release(struct rp_agenda_parts *parts)
{
    for (size_t i = 0; i < parts->n; i++)
        free(parts->items[i].body);
    free(parts->items);
    *parts = (struct rp_agenda_parts){0};
}
