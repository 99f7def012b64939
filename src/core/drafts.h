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
    const struct rp_records *contacts; /* the account's contacts */
    struct rp_draft_shared *shared;    /* what every draft of a batch reads alike */
    const struct rp_record *ref;       /* the record of ref_id */
    int64_t won_on; /* a thank-you's: the day the deal was won; -1: read the deal */
    /* An agreement's: the last touch among the deal's activities and the account's own
     * (INT64_MIN: none); NULL: read them. */
    const int64_t *last_touch;
};

/* The kind of record a draft of KIND is about (its request's ref_id); RP_KIND_COUNT for
 * none. */
enum rp_kind_id rp_draft_ref_kind(enum rp_draft_kind kind);

/* What the drafts of one batch (an agenda) share, read at the first draft that needs it:
 * the draft settings, the sender and each (kind, style) template. Zero it before the first
 * use; release it with rp_draft_shared_release. */
struct rp_draft_shared {
    int loaded, templates_loaded;
    int locale;
    char *sender, *signature; /* as the placeholders show them */
    struct rp_template tpl[RP_DRAFT_KIND_COUNT][3];
};

void rp_draft_shared_release(struct rp_draft_shared *s);
/* Reads S now rather than at the first draft that needs it; nothing when it was read. */
enum rp_status rp_draft_shared_load(struct rp_db *db, struct rp_draft_shared *s);
/* Sends the reads of rp_draft_shared_load (the sender's user where no setting names the
 * sender, the templates) ahead, as rp_list_ahead; where rp_config_keep is in force, the
 * draft settings are read with none of their own. */
void rp_draft_shared_ahead(struct rp_db *db);

/* Builds the draft REQ calls for into OUT (released by the caller, also on failure).
 * Addressed to the person the agreement or meeting was with when they have an e-mail
 * address, else the primary contact, else a decision maker, else anyone with an
 * address; the push goes To that person and Cc everyone else with an address. An
 * agreement's note is never quoted; its topic may be. */
enum rp_status rp_draft_for(struct rp_db *db, const struct rp_draft_request *req,
                            struct rp_draft *out);

/* The draft agenda item IT was marked for (its draft_due), into IT's draft, from the
 * account's CONTACTS, the item's record REF (NULL: read it), for an agreement the last
 * touch LAST_TOUCH (as struct rp_draft_request has it) and what SHARED holds: built once
 * the day's items are settled, for the items kept only. */
enum rp_status rp_draft_attach(struct rp_db *db, struct rp_agenda_item *it,
                               const struct rp_records *contacts, const struct rp_record *ref,
                               const int64_t *last_touch, struct rp_draft_shared *shared);

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
