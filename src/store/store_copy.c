/* Bulk inserts through the driver's own loading path (PostgreSQL's COPY): the records of
 * rp_store_bulk_insert_all as one stream of rows instead of many INSERT statements, each
 * of which costs the server a parse and the client a round trip. */
#include "store/store_internal.h"
#include "base/banned.h"

/* Below this many rows, INSERT statements cost fewer round trips than a COPY's two. */
#define COPY_MIN_ROWS 4

int store_copy_fits(const struct rp_store *st, size_t n)
{
    return st->drv->copy_begin && n >= COPY_MIN_ROWS;
}

enum rp_status store_copy_rows(struct rp_store *st, const struct rp_record *recs, size_t n)
{
    const struct rp_kind *kind = recs[0].kind;
    struct rp_buf target = RP_BUF_INIT;
    struct rp_stmt *stmt = NULL;
    enum rp_status rc = rp_buf_adds(&target, kind->table);
    int row;
    if (!rc && !(rc = rp_buf_adds(&target, " (")) && !(rc = store_add_columns(&target, kind)))
        rc = rp_buf_adds(&target, ")");
    if (rc) {
        rp_buf_release(&target);
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    rc = st->drv->copy_begin(st->conn, rp_buf_str(&target), (int)kind->nfields, &stmt, st->err);
    rp_buf_release(&target);
    for (size_t r = 0; r < n && !rc; r++) {
        for (size_t f = 0; f < kind->nfields && !rc; f++)
            rc = store_bind_value(st, stmt, (int)f + 1, &kind->fields[f], &recs[r].v[f]);
        if (!rc)
            rc = st->drv->step(stmt, &row, st->err);
    }
    if (!stmt)
        return rc;
    enum rp_status end = st->drv->copy_end(stmt, rc != RP_OK, st->err);
    return rc ? rc : end;
}
