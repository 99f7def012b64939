/* Bulk inserts through the driver's own loading path (PostgreSQL's COPY): rows as one
 * stream instead of many INSERT statements, each of which costs the server a parse and
 * the client a round trip. */
#include "store/store_internal.h"
#include "base/banned.h"

/* Below this many rows, INSERT statements cost fewer round trips than a COPY's two. */
#define COPY_MIN_ROWS 4

int store_copy_fits(const struct rp_store *st, size_t n)
{
    return st->drv->copy_begin && n >= COPY_MIN_ROWS;
}

enum rp_status store_copy_each(struct rp_store *st, const char *target, int ncols, size_t n,
                               store_copy_bind_fn bind, const void *ctx)
{
    struct rp_stmt *stmt = NULL;
    enum rp_status rc = st->drv->copy_begin(st->conn, target, ncols, &stmt, st->err);
    int row;
    for (size_t r = 0; r < n && !rc; r++)
        if (!(rc = bind(st, stmt, ctx, r)))
            rc = st->drv->step(stmt, &row, st->err);
    if (!stmt)
        return rc;
    enum rp_status end = st->drv->copy_end(stmt, rc != RP_OK, st->err);
    return rc ? rc : end;
}

/* Record R of the records CTX, every field. */
static enum rp_status copy_bind_record(struct rp_store *st, struct rp_stmt *stmt, const void *ctx,
                                       size_t r)
{
    const struct rp_record *rec = (const struct rp_record *)ctx + r;
    enum rp_status rc = RP_OK;
    for (size_t f = 0; f < rec->kind->nfields && !rc; f++)
        rc = store_bind_value(st, stmt, (int)f + 1, &rec->kind->fields[f], &rec->v[f]);
    return rc;
}

enum rp_status store_copy_rows(struct rp_store *st, const struct rp_record *recs, size_t n)
{
    const struct rp_kind *kind = recs[0].kind;
    struct rp_buf target = RP_BUF_INIT;
    enum rp_status rc = rp_buf_adds(&target, kind->table);
    if (!rc && !(rc = rp_buf_adds(&target, " (")) && !(rc = store_add_columns(&target, kind)))
        rc = rp_buf_adds(&target, ")");
    if (rc) {
        rp_buf_release(&target);
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    rc = store_copy_each(st, rp_buf_str(&target), (int)kind->nfields, n, copy_bind_record, recs);
    rp_buf_release(&target);
    return rc;
}

/* Pair R of the (meeting, contact) pairs CTX. */
static enum rp_status copy_bind_attendee(struct rp_store *st, struct rp_stmt *stmt, const void *ctx,
                                         size_t r)
{
    const int64_t(*pairs)[2] = ctx;
    enum rp_status rc = st->drv->bind_int(stmt, 1, pairs[r][0]);
    return rc ? rc : st->drv->bind_int(stmt, 2, pairs[r][1]);
}

enum rp_status rp_store_attendees_load(struct rp_store *st, const int64_t (*pairs)[2], size_t n)
{
    enum rp_status rc = RP_OK;
    if (store_copy_fits(st, n))
        return store_copy_each(st, "meeting_attendees (meeting_id, contact_id)", 2, n,
                               copy_bind_attendee, pairs);
    for (size_t i = 0; i < n && !rc; i++)
        rc = rp_store_attendee_add(st, pairs[i][0], pairs[i][1]);
    return rc;
}
