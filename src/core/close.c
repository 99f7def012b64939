/* Closing deals (practice 7: learn from every outcome) and the push (practice 6): a loss
 * needs a concrete reason and the competitor; a push is recorded once, and what comes
 * back closes the deal, informs the loss, or revives it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "core/db.h"
#include "base/banned.h"

static enum rp_status check_reason(struct rp_db *db, const char *reason, const char *note)
{
    char words[256];
    rp_vocab_list(rp_vocab_loss_reason, words, sizeof(words));
    if (!reason)
        return rp_db_fail(db, RP_ERR_USAGE, "reason",
                          "missing --reason (a loss needs a concrete "
                          "reason: %s)",
                          words);
    if (rp_vocab_index(rp_vocab_loss_reason, reason) < 0)
        return rp_db_fail(db, RP_ERR_INVALID, "reason",
                          "invalid reason '%s' (expected one of "
                          "%s)",
                          reason, words);
    if (!strcmp(reason, "other") && (!note || !*note))
        return rp_db_fail(db, RP_ERR_INVALID, "note",
                          "reason 'other' needs a --note saying "
                          "what it was");
    return RP_OK;
}

/* The first won deal makes a prospect a customer. */
static enum rp_status make_customer(struct rp_db *db, int64_t account_id)
{
    struct rp_record acc;
    unsigned char changed[RP_ACCOUNT_NFIELDS] = {0};
    enum rp_status rc = rp_get(db, RP_ACCOUNT, account_id, &acc);
    if (rc)
        return rc;
    if (!strcmp(rp_record_str(&acc, RP_ACCOUNT_STATUS), "prospect")) {
        changed[RP_ACCOUNT_STATUS] = 1;
        if (rp_record_set_str(&acc, RP_ACCOUNT_STATUS, "customer"))
            rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
        else
            rc = rp_update(db, &acc, changed);
    }
    rp_record_release(&acc);
    return rc;
}

/* A deal lost or undecided has no meetings left to hold: the planned ones are cancelled,
 * each with its history. */
static enum rp_status cancel_meetings(struct rp_db *db, int64_t deal_id, const char *stage)
{
    struct rp_records list = {0};
    char reason[32];
    enum rp_status rc = rp_list_by(db, RP_MEETING, RP_MEETING_DEAL_ID, deal_id, -1, 0, &list);
    snprintf(reason, sizeof(reason), "deal %s", stage);
    for (size_t i = 0; i < list.n && !rc; i++)
        if (!strcmp(rp_record_str(&list.items[i], RP_MEETING_STATUS), "planned"))
            rc = rp_record_set_status(db, &list.items[i], RP_MEETING_STATUS, "cancelled", "planned",
                                      reason);
    rp_records_release(&list);
    return rc;
}

/* The account's hold was about this sale when no other deal of the account is open. */
static enum rp_status lift_sale_holds(struct rp_db *db, const struct rp_record *deal)
{
    int64_t account = rp_record_int(deal, RP_DEAL_ACCOUNT_ID, 0);
    int64_t *ids = NULL;
    size_t n = 0, open = 0;
    struct rp_record acc;
    enum rp_status rc = RP_OK;
    if (deal->v[RP_DEAL_HOLD_UNTIL].set)
        rc = rp_deal_hold(db, deal->v[0].i, -1, "deal won");
    if (rc || (rc = rp_store_open_deal_ids(db->store, account, &ids, &n)))
        return rc;
    for (size_t i = 0; i < n; i++)
        open += ids[i] != deal->v[0].i;
    free(ids);
    if (open || (rc = rp_get(db, RP_ACCOUNT, account, &acc)))
        return rc;
    if (acc.v[RP_ACCOUNT_HOLD_UNTIL].set)
        rc = rp_account_hold(db, account, -1, 0, "deal won");
    rp_record_release(&acc);
    return rc;
}

static enum rp_status close_won(struct rp_db *db, const struct rp_record *deal)
{
    int64_t id = deal->v[0].i, n;
    enum rp_status rc =
        rp_store_agreements_close(db->store, id, rp_db_today(db), "kept", rp_db_now(db), &n);
    if (!rc)
        rc = rp_store_agreements_close(db->store, id, INT64_MAX, "cancelled", rp_db_now(db), &n);
    if (!rc)
        rc = lift_sale_holds(db, deal);
    return rc ? rc : make_customer(db, rp_record_int(deal, RP_DEAL_ACCOUNT_ID, 0));
}

static enum rp_status set_close_fields(struct rp_db *db, struct rp_record *deal,
                                       const struct rp_close *c, unsigned char *changed)
{
    enum rp_status rc = RP_OK;
    rp_record_set_int(deal, RP_DEAL_CLOSED_AT, rp_db_now(db));
    rp_record_set_int(deal, RP_DEAL_UPDATED_AT, rp_db_now(db));
    changed[RP_DEAL_CLOSED_AT] = changed[RP_DEAL_STAGE] = changed[RP_DEAL_UPDATED_AT] = 1;
    changed[RP_DEAL_CLOSE_REASON] = changed[RP_DEAL_CLOSE_NOTE] = 1;
    if (rp_record_set_str(deal, RP_DEAL_STAGE, c->stage) ||
        rp_record_set_str(deal, RP_DEAL_CLOSE_REASON, c->reason))
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    if ((rc = rp_record_set_text(db, deal, RP_DEAL_CLOSE_NOTE, c->note ? c->note : "")))
        return rc;
    if (c->competitor) {
        changed[RP_DEAL_COMPETITOR] = 1;
        rc = rp_record_set_text(db, deal, RP_DEAL_COMPETITOR, c->competitor);
    }
    return rc;
}

enum rp_status rp_deal_close(struct rp_db *db, int64_t id, const struct rp_close *c)
{
    struct rp_record deal;
    unsigned char changed[RP_DEAL_NFIELDS] = {0};
    int64_t n;
    enum rp_status rc = rp_get(db, RP_DEAL, id, &deal);
    if (rc)
        return rc;
    const char *from = rp_record_str(&deal, RP_DEAL_STAGE);
    char *was = strdup(from);
    if (!rp_stage_is_open(from))
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "stage", "deal %lld is already closed (%s)",
                        (long long)id, from);
    else if (!strcmp(c->stage, "lost"))
        rc = check_reason(db, c->reason, c->note);
    if (!rc && !was)
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (!rc && !(rc = set_close_fields(db, &deal, c, changed)) &&
        !(rc = rp_history_add(db, RP_DEAL, id, "stage", was, c->stage,
                              c->note ? c->note : c->reason)))
        rc = rp_store_update(db->store, &deal, changed);
    /* A lost or undecided deal has nothing left to agree. A won one closes what the sale
     * left open: agreements due by today were kept by the signing, later ones are no longer
     * needed, and a hold asked for during the sale no longer stands. After the sale,
     * agreements are made anew (with the account, or on training and support meetings). */
    if (!rc && strcmp(c->stage, "won") &&
        !(rc = rp_store_agreements_close(db->store, id, INT64_MAX, "cancelled", rp_db_now(db), &n)))
        rc = cancel_meetings(db, id, c->stage);
    if (!rc && !strcmp(c->stage, "won"))
        rc = close_won(db, &deal);
    if (!rc)
        rc = rp_facts_dirty(db, RP_DEAL, id);
    free(was);
    rp_record_release(&deal);
    return rc;
}
