/* The push (practice 6): one clear message to everyone involved when they have gone silent
 * after every answer; recorded once, then its answer decides the deal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "core/db.h"
#include "base/banned.h"

static enum rp_status pending_push(struct rp_db *db, int64_t deal_id, struct rp_records *out)
{
    char id[24];
    snprintf(id, sizeof(id), "%lld", (long long)deal_id);
    struct rp_filter filters[] = {{RP_PUSH_DEAL_ID, id}, {RP_PUSH_OUTCOME, "pending"}};
    struct rp_query q = {RP_PUSH, filters, 2, -1, 1, 0, 1};
    return rp_list(db, &q, out);
}

static char *join(char **list, size_t n)
{
    struct rp_buf b = RP_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        rp_buf_addf(&b, "%s%s", i ? ", " : "", list[i]);
    return n ? rp_buf_detach(&b) : NULL;
}

enum rp_status rp_push_record(struct rp_db *db, int64_t deal_id, const char *mode,
                              const struct rp_draft *d, struct rp_record *out)
{
    struct rp_record deal;
    struct rp_records pending = {0};
    enum rp_status rc = rp_get(db, RP_DEAL, deal_id, &deal);
    if (rc)
        return rc;
    if (!rp_stage_is_open(rp_record_str(&deal, RP_DEAL_STAGE)))
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "deal_id", "deal %lld is closed (%s)",
                        (long long)deal_id, rp_record_str(&deal, RP_DEAL_STAGE));
    rp_record_release(&deal);
    if (!rc && !(rc = pending_push(db, deal_id, &pending)) && pending.n)
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "deal_id",
                        "deal %lld was already pushed and the "
                        "push is pending (record what came back: rapport push outcome --deal "
                        "%lld ignored|informed|revived)",
                        (long long)deal_id, (long long)deal_id);
    rp_records_release(&pending);
    if (rc || (rc = rp_record_init(out, RP_PUSH)))
        return rc;
    char *to = join(d->to, d->nto), *cc = join(d->cc, d->ncc);
    rp_record_set_int(out, RP_PUSH_DEAL_ID, deal_id);
    if (rp_record_set_str(out, RP_PUSH_MODE, mode) || rp_record_set_str(out, RP_PUSH_TO, to) ||
        rp_record_set_str(out, RP_PUSH_CC, cc) ||
        rp_record_set_str(out, RP_PUSH_SUBJECT, d->subject) ||
        rp_record_set_str(out, RP_PUSH_BODY, d->body))
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    free(to);
    free(cc);
    if (!rc)
        rc = rp_create(db, out);
    if (rc)
        rp_record_release(out);
    return rc;
}

/* The open stage the deal had before it was closed, from its history. */
static enum rp_status last_open_stage(struct rp_db *db, int64_t deal_id, char *stage, size_t n)
{
    struct rp_records history = {0};
    enum rp_status rc = rp_history(db, RP_DEAL, deal_id, &history);
    snprintf(stage, n, "proposal");
    for (size_t i = 0; !rc && i < history.n; i++) {
        const char *to = rp_record_str(&history.items[i], RP_HISTORY_TO);
        if (!strcmp(rp_record_str(&history.items[i], RP_HISTORY_FIELD), "stage") && to &&
            rp_stage_is_open(to))
            snprintf(stage, n, "%s", to);
    }
    rp_records_release(&history);
    return rc;
}

/* What the answer does to the deal: ignored closes it undecided, informed closes it lost
 * with what we learned, revived keeps (or puts) it open. */
static enum rp_status apply_answer(struct rp_db *db, const struct rp_record *deal,
                                   const struct rp_push_answer *a)
{
    int64_t id = deal->v[0].i;
    int open = rp_stage_is_open(rp_record_str(deal, RP_DEAL_STAGE));
    if (!strcmp(a->outcome, "revived")) {
        char stage[16];
        enum rp_status rc = open ? RP_OK : last_open_stage(db, id, stage, sizeof(stage));
        return rc || open ? rc : rp_deal_set_stage(db, id, stage, "revived by the push");
    }
    if (!open)
        return RP_OK;
    struct rp_close c = {"no-decision", NULL, NULL, a->note ? a->note : "push ignored"};
    if (!strcmp(a->outcome, "informed"))
        c = (struct rp_close){"lost", a->reason, a->competitor, a->note};
    return rp_deal_close(db, id, &c);
}

static enum rp_status check_answer(struct rp_db *db, const struct rp_push_answer *a)
{
    char outcomes[128], reasons[256];
    /* An answer is any outcome but the first, "pending". */
    rp_vocab_list(rp_vocab_push_outcome + 1, outcomes, sizeof(outcomes));
    rp_vocab_list(rp_vocab_loss_reason, reasons, sizeof(reasons));
    if (rp_vocab_index(rp_vocab_push_outcome, a->outcome) <= 0)
        return rp_db_fail(db, RP_ERR_INVALID, "outcome",
                          "invalid outcome '%s' (expected one "
                          "of %s)",
                          a->outcome, outcomes);
    if (a->reason && rp_vocab_index(rp_vocab_loss_reason, a->reason) < 0)
        return rp_db_fail(db, RP_ERR_INVALID, "reason",
                          "invalid reason '%s' (expected one of "
                          "%s)",
                          a->reason, reasons);
    if (!strcmp(a->outcome, "informed") && !a->reason)
        return rp_db_fail(db, RP_ERR_USAGE, "reason",
                          "missing --reason (what did the other "
                          "product have: %s)",
                          reasons);
    return RP_OK;
}

enum rp_status rp_push_outcome(struct rp_db *db, int64_t deal_id, const struct rp_push_answer *a,
                               struct rp_record *out)
{
    struct rp_records pending = {0};
    struct rp_record deal;
    unsigned char changed[RP_PUSH_NFIELDS] = {0};
    enum rp_status rc = rp_get(db, RP_DEAL, deal_id, &deal);
    if (rc)
        return rc;
    if ((rc = check_answer(db, a)) || (rc = pending_push(db, deal_id, &pending)))
        goto out;
    if (!pending.n) {
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "deal_id", "deal %lld has no pending push",
                        (long long)deal_id);
        goto out;
    }
    struct rp_record *p = &pending.items[0];
    rp_record_set_int(p, RP_PUSH_OUTCOME_AT, rp_db_now(db));
    if (rp_record_set_str(p, RP_PUSH_OUTCOME, a->outcome) ||
        rp_record_set_str(p, RP_PUSH_REASON, a->reason) ||
        rp_record_set_str(p, RP_PUSH_COMPETITOR, a->competitor)) {
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
        goto out;
    }
    if ((rc = rp_record_set_text(db, p, RP_PUSH_NOTE, a->note ? a->note : "")) ||
        (rc = rp_record_set_text(db, p, RP_PUSH_COMPETITOR, a->competitor ? a->competitor : "")))
        goto out;
    changed[RP_PUSH_OUTCOME] = changed[RP_PUSH_OUTCOME_AT] = changed[RP_PUSH_REASON] = 1;
    changed[RP_PUSH_COMPETITOR] = changed[RP_PUSH_NOTE] = 1;
    if (!(rc = rp_update(db, p, changed)) && !(rc = apply_answer(db, &deal, a))) {
        *out = *p;
        p->v = NULL;
    }
out:
    rp_records_release(&pending);
    rp_record_release(&deal);
    return rc;
}
