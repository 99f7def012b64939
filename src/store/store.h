/* The store: every read and write of records, in portable SQL over a driver (driver.h).
 * The core calls only these functions; nothing above the store knows which engine runs.
 * Records are read into caller-initialized struct rp_record (rapport.h); strings the
 * store puts there are owned by the record. */
#ifndef RP_STORE_H
#define RP_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "rapport/rapport.h"

struct rp_store;

/* Opens TARGET (a SQLite file path) and brings its schema up to date. Errors go to ERR,
 * which must outlive the store. */
enum rp_status rp_store_open(const char *target, struct rp_error *err, struct rp_store **out);
void rp_store_close(struct rp_store *st);

enum rp_status rp_store_begin(struct rp_store *st);
enum rp_status rp_store_commit(struct rp_store *st);
void rp_store_rollback(struct rp_store *st);
int rp_store_in_transaction(const struct rp_store *st);

/* Inserts the set fields of REC and sets its id. */
enum rp_status rp_store_insert(struct rp_store *st, struct rp_record *rec);
/* Reads record ID into OUT (initialized for KIND); RP_ERR_NOTFOUND when absent. */
enum rp_status rp_store_get(struct rp_store *st, int64_t id, struct rp_record *out);
/* Writes the fields flagged in CHANGED (kind->nfields flags). */
enum rp_status rp_store_update(struct rp_store *st, const struct rp_record *rec,
                               const unsigned char *changed);
enum rp_status rp_store_delete(struct rp_store *st, const struct rp_kind *kind, int64_t id);

struct rp_store_query {
    const struct rp_record *match; /* its set fields must be equal; NULL for all */
    int order_field;               /* -1: by id */
    int descending;
    int64_t after_id; /* only ids greater than this */
    size_t limit;     /* 0: no limit */
};
enum rp_status rp_store_list(struct rp_store *st, const struct rp_kind *kind,
                             const struct rp_store_query *q, struct rp_records *out);
/* How many records of KIND have FIELD equal to VALUE. */
enum rp_status rp_store_count(struct rp_store *st, const struct rp_kind *kind, int field,
                              int64_t value, int64_t *n);

/* *value is owned (free()), NULL when the key was never set. */
enum rp_status rp_store_setting_get(struct rp_store *st, const char *key, char **value);
/* VALUE NULL removes the key. */
enum rp_status rp_store_setting_set(struct rp_store *st, const char *key, const char *value);

enum rp_status rp_store_attendee_add(struct rp_store *st, int64_t meeting_id, int64_t contact_id);
/* *ids is owned (free()). */
enum rp_status rp_store_attendees(struct rp_store *st, int64_t meeting_id, int64_t **ids,
                                  size_t *n);

/* Sets STATUS and closed_at AT on the open agreements of DEAL due on or before DUE_BY
 * (all open ones when DUE_BY is INT64_MAX); *n gets how many changed. */
enum rp_status rp_store_agreements_close(struct rp_store *st, int64_t deal_id, int64_t due_by,
                                         const char *status, int64_t at, int64_t *n);

/* ---- deal facts (store_facts.c) ---------------------------------------------------- */

/* What the agenda knows about a deal without reading its history again: derived from the
 * deal's records by core/facts.c. Instants are epoch seconds, dates days; -1 when none. */
struct rp_deal_facts {
    int64_t deal_id, account_id;
    char stage[16];
    int is_open;
    int64_t last_two_way_at, last_out_at, last_in_at;
    int64_t quiet_touches, first_quiet_touch_at;
    int64_t open_agreements, last_open_due, planned_meetings;
    int64_t unverified_claims, pushes, pending_push_at;
    int64_t decision_contacts, qualify_gaps;
};

/* The activities that concern a deal (its own and its account's without a deal), oldest
 * first, into OUT. */
enum rp_status rp_store_deal_activities(struct rp_store *st, int64_t deal_id, int64_t account_id,
                                        struct rp_records *out);
enum rp_status rp_store_facts_put(struct rp_store *st, const struct rp_deal_facts *f);
enum rp_status rp_store_facts_get(struct rp_store *st, int64_t deal_id, struct rp_deal_facts *f);
/* Ids of the deals of ACCOUNT (all of them when ACCOUNT is 0); *ids owned (free()). */
enum rp_status rp_store_deal_ids(struct rp_store *st, int64_t account, int64_t **ids, size_t *n);

/* ---- agenda candidates (store_agenda.c) --------------------------------------------- */

/* A row the agenda rules look at: the deal and account it concerns (deal_id 0 for an
 * account-level row) with the deal's facts, and the columns of the record that made it a
 * candidate (a meeting, an agreement, an invoice, ...). Strings are owned. */
struct rp_candidate {
    int64_t deal_id, value_cents, decision_by, deal_hold_until;
    char *deal_title, *stage, *currency;
    int has_decision_process;
    int64_t account_id, account_hold_until;
    char *account_name, *trigger, *urgency, *style, *account_status;
    int has_facts;
    struct rp_deal_facts facts;
    /* the candidate record: its id, contact, text, a second text, an instant, two days and
     * a number, each -1 / NULL where the set has none */
    int64_t ref_id, contact_id, at, day1, day2, n1;
    char *text, *text2;
};

struct rp_candidates {
    struct rp_candidate *items;
    size_t n, cap;
};

enum rp_candidate_set {
    RP_CAND_MEETINGS,      /* planned meetings, P1 <= at < P2 (instants) */
    RP_CAND_NOSHOWS,       /* no-show meetings, P1 <= at < P2 */
    RP_CAND_AGREEMENTS,    /* open agreements due on or before P1 (date) */
    RP_CAND_ACCOUNT_HOLDS, /* account holds ending P1..P2 (dates) */
    RP_CAND_DEAL_HOLDS,    /* deal holds ending P1..P2 */
    RP_CAND_INVOICES,      /* unpaid invoices due before P1 (date) */
    RP_CAND_PUSHES,        /* pending pushes sent at or before P1 (instant) */
    RP_CAND_PUSH_READY,    /* open, never-pushed deals quiet since P1 (instant) or longer */
    RP_CAND_CLAIMS,        /* unverified claims on open deals */
    RP_CAND_QUALIFY,       /* open deals with qualification gaps */
    RP_CAND_CHECKINS,      /* customers with a check-in cadence; at = last two-way contact */
    RP_CAND_WON,           /* deals won at or after P1 (instant); n1 = cards since */
    RP_CAND_NO_NEXT_STEP,  /* open deals without agreement, meeting or pending push */
};

/* Appends the candidates of SET to OUT. P1 and P2 are the set's bounds as text (dates
 * YYYY-MM-DD, instants RFC 3339), NULL where the set takes none. */
enum rp_status rp_store_candidates(struct rp_store *st, enum rp_candidate_set set,
                                   const char *p1, const char *p2, struct rp_candidates *out);
void rp_candidates_release(struct rp_candidates *list);
/* The largest value among open deals (0 when none). */
enum rp_status rp_store_max_open_value(struct rp_store *st, int64_t *max);

#endif
