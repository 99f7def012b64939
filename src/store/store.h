/* The store: every read and write of records, in portable SQL over a driver (driver.h).
 * The core calls only these functions; nothing above the store knows which engine runs.
 * Records are read into caller-initialized struct rp_record (rapport.h); strings the
 * store puts there are owned by the record. */
#ifndef RP_STORE_H
#define RP_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "rapport/model.h"

struct rp_store;

/* Opens TARGET (a SQLite file path, or a postgresql:// URL) and brings its schema up to
 * date; a schema newer than this rapport knows is an error. Errors go to ERR, which must
 * outlive the store. */
enum rp_status rp_store_open(const char *target, struct rp_error *err, struct rp_store **out);
/* What the opener reads first: every setting (rp_store_settings_get), and the user with
 * e-mail USER_EMAIL unless NULL (rp_store_user_get_by_email); BRIEF: the store is a
 * process's that runs one command and ends (the engine may keep less in memory). */
struct rp_store_ahead {
    int settings;
    const char *user_email;
    int brief;
};
/* rp_store_open, with AHEAD read together with the schema version where the engine makes
 * that cheaper (PostgreSQL: in the same round trip), and used by the opener's first reads
 * when nothing came between (an upgrade, or any other statement, makes them run again). */
enum rp_status rp_store_open_ahead(const char *target, const struct rp_store_ahead *ahead,
                                   struct rp_error *err, struct rp_store **out);
void rp_store_close(struct rp_store *st);
/* See rp_db_schema. */
void rp_store_schema(const struct rp_store *st, struct rp_schema *out);

/* See rp_db_set_deadline. */
void rp_store_set_deadline(struct rp_store *st, int64_t ms);

enum rp_status rp_store_begin(struct rp_store *st);
/* The same, but RP_ERR_BUSY at once rather than waiting when another holds the lock. */
enum rp_status rp_store_begin_now(struct rp_store *st);
/* A part of the open write transaction that can be undone alone: savepoint starts it,
 * release keeps it (in the transaction, still to be committed), rollback_to undoes it. */
enum rp_status rp_store_savepoint(struct rp_store *st);
enum rp_status rp_store_release(struct rp_store *st);
void rp_store_rollback_to(struct rp_store *st);
/* A transaction that reads: every statement until the rollback sees one snapshot (what was
 * committed before its first statement, and nothing committed since), and the file is
 * locked once rather than once per statement. Nothing may write in it: PostgreSQL refuses. */
enum rp_status rp_store_begin_read(struct rp_store *st);
enum rp_status rp_store_commit(struct rp_store *st);
/* See rp_db_commit_kept. */
enum rp_status rp_store_commit_kept(struct rp_store *st);
/* For a load written in many transactions (LOADING 1) or back to the usual (0): a page
 * cache of 128 MiB, statement journals in memory, and commits that do not wait for the
 * disk (synchronous NORMAL: a power cut may lose the last transactions, never the
 * file's integrity). None may be open. */
enum rp_status rp_store_set_loading(struct rp_store *st, int loading);
void rp_store_rollback(struct rp_store *st);
/* See rp_db_set_durable. */
enum rp_status rp_store_set_durable(struct rp_store *st, int durable);
int rp_store_in_transaction(const struct rp_store *st);
/* The round trips to the database the store waited for so far; 0 where statements cost
 * none (SQLite). For tests that pin what a write costs. */
int64_t rp_store_round_trips(const struct rp_store *st);
/* Whether writers waiting for the write lock get it in turn (driver.h). */
int rp_store_writers_queue(const struct rp_store *st);
/* Whether the engine sends statements ahead (the *_ahead calls): it has round trips. */
int rp_store_reads_ahead(const struct rp_store *st);
/* See rp_db_version. */
enum rp_status rp_store_version(struct rp_store *st, int64_t version[2]);
/* See rp_db_publish_change, rp_db_changes and rp_db_changes_ahead. */
enum rp_status rp_store_publish_change(struct rp_store *st, const struct rp_change *ch);
enum rp_status rp_store_changes(struct rp_store *st, int64_t after, struct rp_change *out,
                                size_t max, size_t *n, int64_t *count);
void rp_store_changes_ahead(struct rp_store *st, int64_t after, size_t max);
/* See rp_db_watch_commits. */
struct rp_commit_watch;
void rp_store_watch_commits(struct rp_store *st, const struct rp_commit_watch *w);

/* Inserts the set fields of REC and sets its id. */
enum rp_status rp_store_insert(struct rp_store *st, struct rp_record *rec);
/* Reads record ID into OUT (initialized for KIND); RP_ERR_NOTFOUND when absent. */
enum rp_status rp_store_get(struct rp_store *st, int64_t id, struct rp_record *out);
/* Sends the read of record ID of KIND (rp_store_get, rp_store_get_json) with the next
 * round trip, where the engine has round trips: a read of it before any other round trip
 * uses its answer. */
void rp_store_get_ahead(struct rp_store *st, enum rp_kind_id kind, int64_t id);
/* Writes record ID of the kind of KEYS as its JSON object into OUT, and sets the ids and
 * references (id, owner, account) of KEYS from it, for the scope check. */
enum rp_status rp_store_get_json(struct rp_store *st, int64_t id, struct rp_record *keys,
                                 struct rp_buf *out);
/* Writes the fields flagged in CHANGED (kind->nfields flags). */
enum rp_status rp_store_update(struct rp_store *st, const struct rp_record *rec,
                               const unsigned char *changed);
enum rp_status rp_store_delete(struct rp_store *st, const struct rp_kind *kind, int64_t id);

/* Whose records a query may return: all (user_id 0), a rep's own accounts and what belongs
 * to them, or a manager's and their team's (team set); user_id -1: the records without an
 * owner (one part of a kept agenda, core/agenda_keep.c). */
struct rp_scope {
    int64_t user_id;
    const char *team;
};

struct rp_store_query {
    const struct rp_record *match; /* its set fields must be equal; NULL for all */
    const struct rp_scope *scope;  /* NULL: no restriction */
    int order_field;               /* -1: by id */
    int descending;
    int64_t after_id; /* only ids greater than this */
    size_t limit;     /* 0: no limit */
};
enum rp_status rp_store_list(struct rp_store *st, const struct rp_kind *kind,
                             const struct rp_store_query *q, struct rp_records *out);
/* The same records written as JSON objects (as rp_record_write_json writes them) straight
 * from the statement into OUT, separated by commas, at most MAX of them: *N is how many
 * rows there were (MAX + 1 when there are more), *LAST_ID the id of the last one written.
 * Nothing is allocated per row. */
enum rp_status rp_store_list_json(struct rp_store *st, const struct rp_kind *kind,
                                  const struct rp_store_query *q, size_t max, struct rp_buf *out,
                                  size_t *n, int64_t *last_id);
/* Sends the statement of rp_store_list and rp_store_list_json for Q with the next round
 * trip, where the engine has round trips: either call with the same query then uses its
 * answer. */
void rp_store_list_ahead(struct rp_store *st, const struct rp_kind *kind,
                         const struct rp_store_query *q);
/* How many records of KIND have FIELD equal to VALUE. */
enum rp_status rp_store_count(struct rp_store *st, const struct rp_kind *kind, int field,
                              int64_t value, int64_t *n);

/* *value is owned (free()), NULL when the key was never set. */
enum rp_status rp_store_setting_get(struct rp_store *st, const char *key, char **value);
/* The values of the N settings KEYS in one read: VALUES[i] is owned (free()), NULL when
 * KEYS[i] was never set; all NULL on failure. */
enum rp_status rp_store_settings_get(struct rp_store *st, const char *const *keys, size_t n,
                                     char **values);
/* Sends rp_store_settings_get's read (of every setting, whatever the keys) ahead, as
 * rp_store_candidates_ahead. */
void rp_store_settings_ahead(struct rp_store *st);
/* VALUE NULL removes the key. */
enum rp_status rp_store_setting_set(struct rp_store *st, const char *key, const char *value);

enum rp_status rp_store_attendee_add(struct rp_store *st, int64_t meeting_id, int64_t contact_id);
/* Adds the N attendees PAIRS (meeting id, contact id) of meetings loaded in this
 * transaction, each pair once: as one stream of rows where the driver has one (COPY). */
enum rp_status rp_store_attendees_load(struct rp_store *st, const int64_t (*pairs)[2], size_t n);
/* *ids is owned (free()). */
enum rp_status rp_store_attendees(struct rp_store *st, int64_t meeting_id, int64_t **ids,
                                  size_t *n);
enum rp_status rp_store_attendees_clear(struct rp_store *st, int64_t meeting_id);
/* The meetings contact CONTACT_ID attends, oldest id first; *ids is owned (free()). */
enum rp_status rp_store_contact_meetings(struct rp_store *st, int64_t contact_id, int64_t **ids,
                                         size_t *n);

/* Sets STATUS and closed_at AT on the open agreements of DEAL due on or before DUE_BY
 * (all open ones when DUE_BY is INT64_MAX); *n gets how many changed. */
enum rp_status rp_store_agreements_close(struct rp_store *st, int64_t deal_id, int64_t due_by,
                                         const char *status, int64_t at, int64_t *n);
/* The same for the agreements of ACCOUNT: every one (what is said to the account is said
 * for all of its deals), or WITHOUT_DEAL only those made with the account itself. */
enum rp_status rp_store_account_agreements_close(struct rp_store *st, int64_t account_id,
                                                 int without_deal, int64_t due_by,
                                                 const char *status, int64_t at, int64_t *n);

/* ---- draft templates (store_templates.c) ------------------------------------------- */

/* The user's template of KIND and STYLE: *found 0 when there is none; strings owned. */
enum rp_status rp_store_template_get(struct rp_store *st, const char *kind, const char *style,
                                     char **subject, char **body, int *found);
/* Every template the user wrote, in one read: *out (owned: rp_store_templates_free), *n of
 * them (*out NULL when none). */
struct rp_store_template {
    char *kind, *style, *subject, *body;
};
enum rp_status rp_store_templates(struct rp_store *st, struct rp_store_template **out, size_t *n);
/* Sends rp_store_templates' read ahead, as rp_store_candidates_ahead. */
void rp_store_templates_ahead(struct rp_store *st);
void rp_store_templates_free(struct rp_store_template *t, size_t n);
/* Writes it (AT: epoch seconds); SUBJECT NULL deletes it. */
enum rp_status rp_store_template_put(struct rp_store *st, const char *kind, const char *style,
                                     const char *subject, const char *body, int64_t at);

/* ---- users, sessions, tokens, audit (store_auth.c) ------------------------------------ */

/* *found is 0 when there is no such row; strings are owned (free()). */
enum rp_status rp_store_user_by_email(struct rp_store *st, const char *email, int64_t *id,
                                      int *found);
/* The user with e-mail EMAIL (as rp_store_user_by_email matches it) into OUT, a record of
 * kind RP_USER; RP_ERR_NOTFOUND when there is none. One statement. */
enum rp_status rp_store_user_get_by_email(struct rp_store *st, const char *email,
                                          struct rp_record *out);
enum rp_status rp_store_user_password(struct rp_store *st, int64_t id, char **hash, int *found);
enum rp_status rp_store_user_set_password(struct rp_store *st, int64_t id, const char *hash);
enum rp_status rp_store_user_calendar(struct rp_store *st, int64_t id, char **secret, int *found);
enum rp_status rp_store_user_set_calendar(struct rp_store *st, int64_t id, const char *secret);
enum rp_status rp_store_user_by_calendar(struct rp_store *st, const char *secret, int64_t *id,
                                         int *found);
enum rp_status rp_store_session_put(struct rp_store *st, const char *hash, int64_t user,
                                    const char *csrf, int64_t created, int64_t expires);
enum rp_status rp_store_session_delete(struct rp_store *st, const char *hash);
enum rp_status rp_store_sessions_end(struct rp_store *st, int64_t user);
/* Deletes the lines of the audit log older than BEFORE. */
enum rp_status rp_store_audit_prune(struct rp_store *st, int64_t before);
/* Deletes the sessions expired at NOW. */
enum rp_status rp_store_sessions_prune(struct rp_store *st, int64_t now);
/* Failed logins of KEY in the window that began after SINCE (0 when none). */
enum rp_status rp_store_login_failures(struct rp_store *st, const char *key, int64_t since,
                                       int64_t *failures);
/* Counts a failed login of KEY at NOW: a window that began at or before SINCE starts
 * again; windows that ended are forgotten. */
enum rp_status rp_store_login_failed(struct rp_store *st, const char *key, int64_t now,
                                     int64_t since);
enum rp_status rp_store_login_clear(struct rp_store *st, const char *key);
/* One line of the audit log; strings owned, NULL when none; ids 0 when none. */
struct rp_audit_row {
    int64_t id, at, user_id, entity_id;
    char *user, *action, *entity, *detail, *address; /* user: the e-mail address */
};
struct rp_audit_rows {
    struct rp_audit_row *items;
    size_t n, cap;
};
/* The audit log, newest first: lines with ids below BEFORE_ID (0: from the newest), at or
 * after SINCE (an instant or day as text, NULL: from the start), of USER (0: anyone's), at
 * most LIMIT. */
enum rp_status rp_store_audit_list(struct rp_store *st, int64_t before_id, const char *since,
                                   int64_t user, size_t limit, struct rp_audit_rows *out);
void rp_audit_rows_release(struct rp_audit_rows *rows);
/* How many admins who are not disabled there are besides user ID. */
enum rp_status rp_store_other_admins(struct rp_store *st, int64_t id, int64_t *n);
/* EXPIRES: the instant the token stops working, 0 for never. */
enum rp_status rp_store_token_put(struct rp_store *st, int64_t user, const char *hash,
                                  int64_t created, int64_t expires);
/* The credentials a request may carry: an API token, or a login session's token. */
enum rp_store_credential { RP_STORE_TOKEN, RP_STORE_SESSION, RP_STORE_CREDENTIALS };
/* The user of the credential of kind WHICH with hash HASH, live at NOW (a token neither
 * revoked nor expired, a session not expired), whose user is enabled, read into USER
 * (initialized for RP_USER) in one statement, with a session's CSRF token into *CSRF
 * (owned: free()) unless CSRF is NULL, as it must be for a token; *FOUND 0 when there is
 * none. */
enum rp_status rp_store_actor(struct rp_store *st, enum rp_store_credential which, const char *hash,
                              int64_t now, struct rp_record *user, char **csrf, int *found);
/* Sends rp_store_actor's statement ahead, with the next round trip, where the engine has
 * round trips; the call with the same arguments then uses its answer. */
void rp_store_actor_ahead(struct rp_store *st, enum rp_store_credential which, const char *hash,
                          int64_t now);
/* One API token as listed (never its hash); instants -1 when not set. */
struct rp_token_row {
    int64_t id, user_id, created, expires, revoked;
};
struct rp_token_rows {
    struct rp_token_row *items;
    size_t n, cap;
};
/* USER's tokens, oldest first; release OUT with free(out->items). */
enum rp_status rp_store_token_list(struct rp_store *st, int64_t user, struct rp_token_rows *out);
/* The user token ID belongs to. */
enum rp_status rp_store_token_owner(struct rp_store *st, int64_t id, int64_t *user, int *found);
/* Revokes token ID (at NOW), or every token of USER when ID is 0; revoked ones stay so. */
enum rp_status rp_store_token_revoke(struct rp_store *st, int64_t id, int64_t user, int64_t now);
/* Gives every account without an owner to USER. */
enum rp_status rp_store_accounts_adopt(struct rp_store *st, int64_t user);
enum rp_status rp_store_audit(struct rp_store *st, int64_t at, int64_t user, const char *action,
                              const char *entity, int64_t entity_id, const char *detail,
                              const char *address);

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
    int64_t owner_id;        /* the account's owner, 0 for none */
    int64_t last_touch_at;   /* the last outbound activity that did not reach them */
    int64_t quiet_since;     /* the last two-way contact, else when the deal opened */
    int64_t next_meeting_at; /* the latest planned meeting */
};

/* The activities that concern a deal (its own and its account's without a deal), oldest
 * first, into OUT. */
enum rp_status rp_store_deal_activities(struct rp_store *st, int64_t deal_id, int64_t account_id,
                                        struct rp_records *out);
/* The records the facts of deals are derived from (rp_store_facts_inputs), each list in
 * out[] by its place here. */
enum rp_facts_input {
    RP_FACTS_DEALS,      /* the deals, by id */
    RP_FACTS_ACCOUNTS,   /* their accounts, by id */
    RP_FACTS_AGREEMENTS, /* the deals' agreements, meetings, claims and pushes, each by */
    RP_FACTS_MEETINGS,   /* deal_id then id */
    RP_FACTS_CLAIMS,
    RP_FACTS_PUSHES,
    RP_FACTS_CONTACTS,   /* the accounts' contacts, by account_id then id */
    RP_FACTS_ACTIVITIES, /* the deals' activities and their accounts' of no deal, by at
                          * then id, in any scope (as rp_store_deal_activities) */
    RP_FACTS_INPUTS
};
/* Deals whose facts inputs one call reads. */
#define RP_FACTS_BATCH 16
/* Reads into OUT (empty lists) the inputs of the facts of the N deals IDS (at most
 * RP_FACTS_BATCH), every list but the activities limited to SCOPE: one statement a list,
 * all sent in one round trip where the engine has round trips. */
enum rp_status rp_store_facts_inputs(struct rp_store *st, const int64_t *ids, size_t n,
                                     const struct rp_scope *scope,
                                     struct rp_records out[RP_FACTS_INPUTS]);
enum rp_status rp_store_facts_put(struct rp_store *st, const struct rp_deal_facts *f);
/* Stores the facts rows of the N deals F, none of which has one yet (deals loaded in this
 * transaction): as one stream of rows where the driver has one (COPY). */
enum rp_status rp_store_facts_load(struct rp_store *st, const struct rp_deal_facts *f, size_t n);
enum rp_status rp_store_facts_get(struct rp_store *st, int64_t deal_id, struct rp_deal_facts *f);
/* Derives again the account facts (the last two-way contact and touch, the first day a
 * check-in can be due) of the accounts with ids FIRST to LAST, from their activities and
 * their deals' facts. */
enum rp_status rp_store_account_facts_refresh(struct rp_store *st, int64_t first, int64_t last);
/* Ids of the deals of ACCOUNT (all of them when ACCOUNT is 0); *ids owned (free()). */
enum rp_status rp_store_deal_ids(struct rp_store *st, int64_t account, int64_t **ids, size_t *n);
/* Ids of the open deals of ACCOUNT; *ids owned (free()). */
enum rp_status rp_store_open_deal_ids(struct rp_store *st, int64_t account, int64_t **ids,
                                      size_t *n);

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
    int64_t ref_id, contact_id, at, day1, day2, n1, at2;
    char *text, *text2;
    char *texts;      /* owned: the block every text above points into */
    int64_t owner_id; /* the owner of the record the scope is tested on, 0 for none */
};

struct rp_candidates {
    struct rp_candidate *items;
    size_t n, cap;
};

enum rp_candidate_set {
    RP_CAND_MEETINGS,      /* planned meetings, P1 <= at < P2 (instants) */
    RP_CAND_NOSHOWS,       /* no-show meetings, P1 <= at < P2 */
    RP_CAND_PAST_MEETINGS, /* meetings still planned before P1 (instant) */
    RP_CAND_AGREEMENTS,    /* open agreements due on or before P1 (date), the deal's or the
                            * account's own; for the account's own, at = our last activity
                            * on the account and at2 = the last touch */
    RP_CAND_ACCOUNT_HOLDS, /* account holds ending P1..P2 (dates); at = the last time we
                            * reached out or spoke */
    RP_CAND_DEAL_HOLDS,    /* deal holds ending P1..P2 */
    RP_CAND_INVOICES,      /* unpaid invoices due before P1 (date); at = our last activity
                            * on the account, day2 = the day they promised to pay by */
    RP_CAND_PUSHES,        /* pending pushes sent at or before P1 (instant), answered since
                            * or sent before P2 (instant) */
    RP_CAND_PUSH_READY,    /* open, never-pushed deals quiet since P1 (instant) or longer */
    RP_CAND_CLAIMS,        /* unverified claims on open deals, without the deals the rules
                            * pass over (P1..P5: see RP_CAND_QUALIFY) */
    RP_CAND_QUALIFY,       /* open deals with qualification gaps, but those with a pending
                            * push, a touch at or after P1 (instant), an agreement due after
                            * P2 (date) or a meeting from P3 (instant) on, or a deal or
                            * account hold ending after P4 / P5 (dates) */
    RP_CAND_CHECKINS,      /* customers whose check-in may be due by P1 (date); at = last
                            * two-way contact, at2 = the last touch */
    RP_CAND_WON,           /* deals won from P1 until before P2 (instants), no card sent
                            * since, no hold ending after P3 / P4 (dates) */
    RP_CAND_NO_NEXT_STEP,  /* open deals without agreement, meeting or pending push, no
                            * touch at or after P1 (instant), no hold ending after P2 / P3 */
    RP_CAND_STALE,         /* open deals without two-way contact since before P1, no
                            * pending push, no touch at or after P2 unless before the quiet
                            * began, no hold ending after P3 / P4, and quiet since before
                            * P5..P9 for the open stages in order (P10 for any other) */
    RP_CAND_MISSED_CALLS,  /* their calls before P1 (instant) not answered by us since */
    RP_CAND_CONTRACTS,     /* prospects whose contract ends P1..P2 (dates); at = last
                            * activity */
    RP_CAND_COUNT
};

/* The most days of an agenda whose reads can go ahead together: the reads below for the
 * agenda's day DAY (0: its first) and for DAY + 1 are statements of their own, so that
 * those of a week go ahead in one round trip, but DAY + RP_STORE_DAYS_AHEAD's are DAY's. */
#define RP_STORE_DAYS_AHEAD 7
/* How many days' reads go ahead together on ST: RP_STORE_DAYS_AHEAD where reads go ahead
 * and the connection lasts; 1 in a process that runs one command (rp_store_ahead's brief),
 * where each day's statements would be prepared, planned and used once: a week's 126 cost
 * more than six round trips. */
int rp_store_days_ahead(const struct rp_store *st);
/* Appends the candidates of SET to OUT. P are the set's N parameters (P1, P2, ...) as
 * text: dates YYYY-MM-DD, instants RFC 3339. */
enum rp_status rp_store_candidates(struct rp_store *st, enum rp_candidate_set set,
                                   const char *const *p, int n, const struct rp_scope *scope,
                                   int day, struct rp_candidates *out);
/* Appends to OUT the meetings planned from FROM (an instant) on that are shorter than
 * their kind needs: a meeting of kind KINDS[i] needs NEEDS[i] minutes (N kinds, the
 * vocabulary's: the same at every call; other kinds need none). Read as RP_CAND_MEETINGS. */
enum rp_status rp_store_short_meetings(struct rp_store *st, const char *from,
                                       const char *const *kinds, const int *needs, size_t n,
                                       const struct rp_scope *scope, int day,
                                       struct rp_candidates *out);
/* The same reads sent ahead, with the next statement's round trip where the engine has
 * round trips: the calls above with the same arguments then use their answers, if nothing
 * else went to the database in between. */
void rp_store_candidates_ahead(struct rp_store *st, enum rp_candidate_set set, const char *const *p,
                               int n, const struct rp_scope *scope, int day);
void rp_store_short_meetings_ahead(struct rp_store *st, const char *from, const char *const *kinds,
                                   const int *needs, size_t n, const struct rp_scope *scope,
                                   int day);
void rp_candidates_release(struct rp_candidates *list);
/* The last touch (an outbound activity that did not reach them) of each of the deals IDS
 * (N of them, distinct, ascending) among its own activities, or with ACCOUNTS of each of
 * those accounts among its activities without a deal, into LAST[i] (INT64_MIN: none): a
 * statement for every 64 ids. */
enum rp_status rp_store_last_touches(struct rp_store *st, int accounts, const int64_t *ids,
                                     size_t n, int64_t *last);
/* The contacts of the accounts IDS (N of them, distinct) that SCOPE lets one see, appended
 * to OUT by account, then by id: a few statements for many accounts. Only what the agenda
 * reads of them is set: the id, account, name, e-mail, phone, role and whether primary. */
enum rp_status rp_store_contacts_of(struct rp_store *st, const int64_t *ids, size_t n,
                                    const struct rp_scope *scope, struct rp_records *out);
/* The records of KIND whose field FIELD (0: the id; else an id column with an index, such
 * as account_id) is one of IDS (N of them, distinct) and whose owner SCOPE lets one see,
 * appended to OUT by that field, then by id: a statement for every 64 ids. */
enum rp_status rp_store_records_in(struct rp_store *st, enum rp_kind_id kind, int field,
                                   const int64_t *ids, size_t n, const struct rp_scope *scope,
                                   struct rp_records *out);
/* The largest value among open deals (0 when none). */
enum rp_status rp_store_max_open_value(struct rp_store *st, int64_t *max);
/* The reads above sent ahead, as rp_store_candidates_ahead: of the first three, the first
 * statement (of the first 64 ids); each says whether that is all of the read. */
int rp_store_last_touches_ahead(struct rp_store *st, int accounts, const int64_t *ids, size_t n);
int rp_store_contacts_of_ahead(struct rp_store *st, const int64_t *ids, size_t n,
                               const struct rp_scope *scope);
int rp_store_records_in_ahead(struct rp_store *st, enum rp_kind_id kind, int field,
                              const int64_t *ids, size_t n, const struct rp_scope *scope);
void rp_store_max_open_value_ahead(struct rp_store *st);

/* ---- kept agendas (store_agenda.c, migration 22) ---------------------------------- */

/* What an agenda was made at: the sum of the change counters of its scope's owners and of
 * everyone's (counted up by triggers on every table it reads), everyone's alone (see
 * struct rp_page_stamp), and the largest open deal value (its deal scores' scale, from
 * every owner's deals). Equal stamps: equal agendas. */
struct rp_agenda_stamp {
    int64_t marks, max_value, everyone;
};
/* The key of a kept agenda: its user (0: the unrestricted local user), first day, number of
 * days and time zone. */
struct rp_agenda_key {
    int64_t user_id, day;
    int days;
    const char *tz;
};
/* The stamp of SCOPE's agenda now into *STAMP, and appended to OUT the agenda kept for KEY
 * at that stamp; *found 0 (OUT unchanged) when none is. One statement. */
enum rp_status rp_store_kept_agenda(struct rp_store *st, const struct rp_scope *scope,
                                    const struct rp_agenda_key *key, struct rp_agenda_stamp *stamp,
                                    struct rp_buf *out, int *found);
/* Keeps BODY for KEY at STAMP, in place of the one kept before, and forgets the user's
 * agendas from days before TODAY: writes nothing waits for (store_run_later), which in a
 * transaction go out with the next statement, their failure that statement's. */
enum rp_status rp_store_keep_agenda(struct rp_store *st, const struct rp_agenda_key *key,
                                    const struct rp_agenda_stamp *stamp, const char *body,
                                    int64_t today);

/* ---- kept agendas in parts (store_parts.c, migration 27) ----------------------------- */

/* One owner's part of a user's agenda (core/agenda_keep.c): its owner (0: the records
 * without one), the owner's change counter (MARKS), and the part as rp_agenda_parts text
 * (BODY: kept at the stamp, else NULL until made); MADE when made afresh, to be kept. */
struct rp_agenda_part {
    int64_t owner_id, marks;
    char *body;
    int made;
};
struct rp_agenda_parts {
    struct rp_agenda_part *items;
    size_t n, cap;
};
/* Appends to OUT the parts of the owners SCOPE covers (the whole book: everyone's and every
 * user's), by owner: each owner's counter now, and the part kept for KEY at that counter,
 * everyone's counter and the largest open value of STAMP, if any (else its body NULL). */
enum rp_status rp_store_agenda_parts(struct rp_store *st, const struct rp_scope *scope,
                                     const struct rp_agenda_key *key,
                                     const struct rp_agenda_stamp *stamp,
                                     struct rp_agenda_parts *out);
/* Keeps PART of KEY's agenda, made at its counter and STAMP's everyone's and largest open
 * value, in place of the one kept before (counting up how often it was made). This and
 * the forgetting below are writes nothing waits for (store_run_later): in a transaction,
 * a part's keeping goes out with the next statement, its failure that statement's. */
enum rp_status rp_store_keep_agenda_part(struct rp_store *st, const struct rp_agenda_key *key,
                                         const struct rp_agenda_stamp *stamp,
                                         const struct rp_agenda_part *part);
/* Forgets USER_ID's parts of agendas from days before TODAY. */
enum rp_status rp_store_forget_agenda_parts(struct rp_store *st, int64_t user_id, int64_t today);
void rp_agenda_parts_release(struct rp_agenda_parts *parts);

/* ---- kept pages (store_kept.c) ----------------------------------------------------- */

/* What a page of records was made at: the sum of the change counters of its scope's owners
 * and of everyone's (as for an agenda), and everyone's alone, which counts every change of
 * who is in a team (so that a scope that lost an owner cannot sum to an old stamp again).
 * Equal stamps: equal pages. */
struct rp_page_stamp {
    int64_t marks, everyone;
};
/* The key of a kept page: the scope it was read in and its query (core/page_keep.c). */
struct rp_page_key {
    const struct rp_scope *scope;
    const char *query;
};
/* *STAMP: the stamp of KEY's scope now; appended to OUT, the page kept for KEY at that
 * stamp (*found 1), if any (else *found 0, OUT unchanged). */
enum rp_status rp_store_kept_page(struct rp_store *st, const struct rp_page_key *key,
                                  struct rp_page_stamp *stamp, struct rp_buf *out, int *found);
/* Keeps BODY for KEY at STAMP, in place of the one kept before, and forgets the scope's
 * pages made longest ago beyond the most it keeps: writes nothing waits for
 * (store_run_later), which in a transaction go out with the next statement, their failure
 * that statement's. */
enum rp_status rp_store_keep_page(struct rp_store *st, const struct rp_page_key *key,
                                  const struct rp_page_stamp *stamp, const char *body);

/* ---- snoozed and dismissed agenda items (store_snooze.c) ---------------------------- */

/* An agenda item kept off the agenda before UNTIL (a date): snoozed ("snooze"), or dealt
 * with until its next moment ("done"). New two-way contact with the account cancels it. */
struct rp_snooze {
    int64_t id;
    char item[40]; /* the agenda item's id */
    int64_t account_id, deal_id;
    char reason[8];
    int64_t until, created_at;
};

struct rp_snoozes {
    struct rp_snooze *items;
    size_t n, cap;
};

enum rp_status rp_store_snooze_add(struct rp_store *st, const struct rp_snooze *s);
/* Cancels at AT the snoozes of DEAL and of the account's own items (DEAL 0: every snooze
 * of the account). */
enum rp_status rp_store_snoozes_cancel(struct rp_store *st, int64_t account_id, int64_t deal_id,
                                       int64_t at);
/* The snoozes in force after DAY (until > DAY) within SCOPE, soonest end first. */
enum rp_status rp_store_snoozes(struct rp_store *st, int64_t day, const struct rp_scope *scope,
                                struct rp_snoozes *out);
/* Sends rp_store_snoozes' read ahead, as rp_store_candidates_ahead. */
void rp_store_snoozes_ahead(struct rp_store *st, int64_t day, const struct rp_scope *scope);
void rp_snoozes_release(struct rp_snoozes *list);

/* ---- reports (store_report.c) ------------------------------------------------------ */

/* One row of a report query: text keys and numbers, as each query below says; a key is
 * NULL and a number 0 where the query has none. */
struct rp_report_row {
    char *key[5];
    int64_t n[3];
};

struct rp_report_text; /* the rows' keys, a few blocks of text (store_report.c) */

struct rp_report_rows {
    struct rp_report_row *items;
    size_t n, cap;
    struct rp_report_text *text; /* owned; the keys point into it */
    /* When set, each row is handed to EACH as it is read, with its keys valid during the
     * call only, and none is kept: a report that folds a row per record need not hold
     * them all. */
    void (*each)(const struct rp_report_row *row, void *ctx);
    void *ctx;
};

/* The report queries. FROM and TO bound the instant that places a record in the range
 * (closed_at, sent_at, opened_at, at: FROM <= t < TO, both RFC 3339; NULL: that end is
 * open); groups come ordered by their keys. */
enum rp_report_query {
    RP_RQ_CLOSED,       /* closed deals by closed_at: stage, currency, close_reason (NULL
                         * none), competitor as written (trimmed; NULL none) and folded to
                         * compare, ordered by the folded competitor, stage and spelling;
                         * n0 deals, n1 value */
    RP_RQ_CYCLES,       /* closed deals, one row each: trigger, stage, opened_at, closed_at */
    RP_RQ_PUSHES,       /* pushes by sent_at: outcome; n0 pushes */
    RP_RQ_ANSWERS,      /* informed or revived pushes, one row each in no order: sent_at,
                         * outcome_at */
    RP_RQ_OPEN,         /* open deals by opened_at: stage, currency; n0 deals, n1 value */
    RP_RQ_NO_NEXT_STEP, /* open deals by opened_at with no open agreement and no planned
                         * meeting, one row each: title, account, stage, currency, last
                         * two-way contact; n0 deal id, n1 account id, n2 value */
    RP_RQ_WON_TOUCHES,  /* deals won by closed_at: n0 outbound activities on a deal up to
                         * its close, n1 deals with that many (a number may come more
                         * than once) */
    RP_RQ_CONTACTS,     /* in and out activities by at: account style; n0 two-way (0 or 1),
                         * n1 activities */
    RP_RQ_MEETINGS,     /* meetings by at: kind, status; n0 minutes, n1 meetings */
};

enum rp_status rp_store_report(struct rp_store *st, enum rp_report_query q, const char *from,
                               const char *to, const struct rp_scope *scope,
                               struct rp_report_rows *out);
void rp_report_rows_release(struct rp_report_rows *rows);

/* ---- recall and full-text search (store_recall.c) ----------------------------------- */

/* What a recalled entry is; also the low four bits of its full-text row id (migration 3). */
enum rp_recall_type {
    RP_RECALL_SAID = 1,  /* a statement: what I told them */
    RP_RECALL_CLAIM,     /* what they claimed; note and status */
    RP_RECALL_ACTIVITY,  /* kind, direction, outcome */
    RP_RECALL_AGREEMENT, /* note, status, due */
    RP_RECALL_ACCOUNT,   /* text is the name, note the need (search only) */
    RP_RECALL_CONTACT,   /* text is the name, note the title (search only) */
    RP_RECALL_DEAL,      /* text is the title, status the stage (search only) */
};

/* One recalled record. at is epoch seconds, due days (-1 none); ids 0 when none; strings
 * owned, NULL when none. */
struct rp_recall_row {
    enum rp_recall_type type;
    int64_t id, account_id, deal_id, contact_id, at, due;
    char *account, *deal, *contact, *text, *note, *status, *kind, *direction, *outcome;
};

struct rp_recall_rows {
    struct rp_recall_row *items;
    size_t n, cap;
};

/* Statements, claims, activities and agreements of ACCOUNT, oldest first. */
enum rp_status rp_store_recall(struct rp_store *st, int64_t account, struct rp_recall_rows *out);
/* Records whose text matches every word of WORDS (each word matches a word starting with
 * it, accents and case ignored), best match first; within ACCOUNT unless it is 0; at most
 * LIMIT (0: all). Any text is safe: the words are quoted, never parsed as a query. */
enum rp_status rp_store_search(struct rp_store *st, const char *words, int64_t account,
                               size_t limit, const struct rp_scope *scope,
                               struct rp_recall_rows *out);
void rp_recall_rows_release(struct rp_recall_rows *rows);

/* ---- merging duplicates (store_merge.c) -------------------------------------------- */

/* Every row that refers to account FROM refers to INTO instead, owned by OWNER (0: nobody):
 * the records of every kind, the snoozes, and the history of FROM itself. FROM is left
 * with nothing; deleting it is the caller's. */
enum rp_status rp_store_merge_account(struct rp_store *st, int64_t from, int64_t into,
                                      int64_t owner);
/* The same for contact FROM: activities, agreements, claims, statements, the meetings it
 * attended (one attendee where both attended), its history. */
enum rp_status rp_store_merge_contact(struct rp_store *st, int64_t from, int64_t into);

#endif
