/* Merging a duplicate account or contact into the one kept: every row that refers to the
 * duplicate refers to the kept one instead; see store.h. Table and column names come from
 * the field tables (and the two tables that are not records), values are bound. */
#include "store/store_internal.h"
#include "base/banned.h"

/* UPDATE TABLE SET SET_COL = TO[, owner_id = OWNER] WHERE WHERE_COL = FROM [AND EXTRA]. */
static enum rp_status merge_move(struct rp_store *st, const char *table, const char *col,
                                 int64_t from, int64_t to, int with_owner, int64_t owner)
{
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_stmt *stmt;
    int i = 1;
    enum rp_status rc = rp_buf_addf(&sql, "UPDATE %s SET \"%s\" = ?%s WHERE \"%s\" = ?", table, col,
                                    with_owner ? ", owner_id = ?" : "", col);
    if (rc || (rc = store_prepare(st, rp_buf_str(&sql), &stmt)) ||
        (rc = st->drv->bind_int(stmt, i++, to)))
        goto out;
    if (with_owner)
        rc = owner ? st->drv->bind_int(stmt, i++, owner) : st->drv->bind_null(stmt, i++);
    if (!rc && !(rc = st->drv->bind_int(stmt, i, from)))
        rc = store_run(st, stmt);
out:
    rp_buf_release(&sql);
    return rc;
}

/* The history of the duplicate itself becomes the kept record's. */
static enum rp_status merge_history(struct rp_store *st, enum rp_kind_id kind, int64_t from,
                                    int64_t into)
{
    struct rp_stmt *stmt;
    enum rp_status rc;
    if ((rc = store_prepare(st,
                            "UPDATE history SET entity_id = ? WHERE entity = ? AND "
                            "entity_id = ?",
                            &stmt)) ||
        (rc = st->drv->bind_int(stmt, 1, into)) ||
        (rc = st->drv->bind_text(stmt, 2, rp_kind_get(kind)->name)) ||
        (rc = st->drv->bind_int(stmt, 3, from)))
        return rc;
    return store_run(st, stmt);
}

enum rp_status rp_store_merge_account(struct rp_store *st, int64_t from, int64_t into,
                                      int64_t owner)
{
    enum rp_status rc = RP_OK;
    for (int k = 0; k < RP_KIND_COUNT && !rc; k++) {
        const struct rp_kind *kind = rp_kind_get((enum rp_kind_id)k);
        if (k != RP_ACCOUNT && rp_kind_field(kind, "account_id") >= 0)
            rc = merge_move(st, kind->table, "account_id", from, into,
                            rp_kind_field(kind, "owner_id") >= 0, owner);
    }
    if (!rc)
        rc = merge_move(st, "snoozes", "account_id", from, into, 1, owner);
    return rc ? rc : merge_history(st, RP_ACCOUNT, from, into);
}

enum rp_status rp_store_merge_contact(struct rp_store *st, int64_t from, int64_t into)
{
    struct rp_stmt *stmt;
    enum rp_status rc = RP_OK;
    for (int k = 0; k < RP_KIND_COUNT && !rc; k++) {
        const struct rp_kind *kind = rp_kind_get((enum rp_kind_id)k);
        int f = rp_kind_field(kind, "contact_id");
        if (f >= 0 && kind->fields[f].type == RP_T_REF && kind->fields[f].ref == RP_CONTACT)
            rc = merge_move(st, kind->table, "contact_id", from, into, 0, 0);
    }
    /* A meeting both attended keeps one attendee. */
    if (rc ||
        (rc = store_prepare(st,
                            "DELETE FROM meeting_attendees WHERE contact_id = ? AND "
                            "meeting_id IN (SELECT meeting_id FROM meeting_attendees "
                            "WHERE contact_id = ?)",
                            &stmt)) ||
        (rc = st->drv->bind_int(stmt, 1, from)) || (rc = st->drv->bind_int(stmt, 2, into)) ||
        (rc = store_run(st, stmt)) ||
        (rc = merge_move(st, "meeting_attendees", "contact_id", from, into, 0, 0)))
        return rc;
    return merge_history(st, RP_CONTACT, from, into);
}
