/* The drafts the core composes (docs/drafts.md): one call, rp_draft_for, builds the
 * message an agenda item calls for from the user's template (else the default) for the
 * account's persistence style. rp_push_draft is the public form of the push (rapport.h). */
#ifndef RP_DRAFTS_H
#define RP_DRAFTS_H

#include <stdint.h>

#include "rapport/rapport.h"
#include "store/store.h"

/* In the order of rp_draft_kinds. */
enum rp_draft_kind {
    RP_DRAFT_FOLLOWUP_MISSED,
    RP_DRAFT_NO_SHOW,
    RP_DRAFT_TOO_SHORT,
    RP_DRAFT_PAYMENT_LATE,
    RP_DRAFT_CHECKIN,
    RP_DRAFT_THANK_YOU,
    RP_DRAFT_PUSH,
    RP_DRAFT_KIND_COUNT
};

/* What a draft is about; ids are 0 where there is none. */
struct rp_draft_request {
    enum rp_draft_kind kind;
    int64_t account_id, deal_id;
    int64_t contact_id; /* whom the item names (the agreement's contact, an attendee) */
    int64_t ref_id;     /* the agreement (followup-missed), meeting (no-show,
                         * meeting-too-short) or invoice (payment-late) */
    int64_t day;        /* the agenda's day: days late and new dates count from it */
    /* What the caller already read, so that it is not read again; NULL: read it. Borrowed. */
    const char *account_name, *style, *deal_title;
};

/* Builds the draft REQ calls for into OUT (released by the caller, also on failure).
 * Addressed to the person the agreement or meeting was with when they have an e-mail
 * address, else the primary contact, else a decision maker, else anyone with an
 * address; the push goes To that person and Cc everyone else with an address. An
 * agreement's note is never quoted; its topic may be. */
enum rp_status rp_draft_for(struct rp_db *db, const struct rp_draft_request *req,
                            struct rp_draft *out);

/* The draft of KIND for agenda candidate C on day DAY, into IT's draft, marking IT as
 * having one: the agenda's one call per rule. */
enum rp_status rp_draft_attach(struct rp_db *db, enum rp_draft_kind kind,
                               const struct rp_candidate *c, int64_t day,
                               struct rp_agenda_item *it);

/* ---- the defaults (drafts_text.c) ---------------------------------------------------- */

struct rp_draft_text {
    const char *subject, *body;
};

/* A draft kind: the placeholders its drafts fill (bits of enum rp_tpl_var) and its
 * default texts by style (direct, standard, gentle). */
struct rp_draft_kind_def {
    const char *name;
    uint32_t vars;
    struct rp_draft_text text[3];
};

extern const struct rp_draft_kind_def rp_draft_defs[RP_DRAFT_KIND_COUNT];

#endif
