/* librapport: the model, the rules and the store of Rapport, a sales follow-up CRM.
 *
 * Everything is a record of one of the kinds below, described by a table of fields; the
 * command line, the HTTP API and the importers read and write records through the same
 * tables, so a field is validated, stored and printed in one place. The verbs at the end
 * (hold, stage, log, ...) change records the way a salesperson's practice says, keeping
 * history of every state change.
 *
 * Memory: every pointer this header hands out says who owns it, in SQLite's words.
 * "Owned" is the caller's, freed with the function named (free(), json_decref(), or the
 * _release/_close of its struct); a struct filled through an OUT parameter is set only on
 * success, and then released with its _release function. "Borrowed" stays the library's,
 * valid until the event named and never freed by the caller. "Static" lives as long as the
 * program. JSON values are new references (json_decref) unless said otherwise; a function
 * returning json_t * returns NULL when out of memory. Release functions accept what is
 * empty or zeroed, and rp_db_close accepts NULL. */
#ifndef RAPPORT_H
#define RAPPORT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "rapport/model.h"
#include "rapport/status.h"

/* ---- the database handle ---------------------------------------------------------- */

/* An open Rapport database with the session's clock and zone. Its last error message is
 * sticky: rp_db_errmsg() reads it until the next failing call. */
struct rp_db;

/* Opens (creating and migrating when needed) the database at PATH. *out is owned: close it
 * with rp_db_close. On failure *out is still set when a handle could be made, so
 * rp_db_errmsg() can explain; close it then too (else it is NULL). */
enum rp_status rp_db_open(const char *path, struct rp_db **out);
/* The same, for a process that runs one command and ends (the engine keeps less in memory),
 * whose first reads are every setting (SETTINGS: a read kept by rp_config_keep) and the
 * user with e-mail EMAIL (unless NULL: rp_db_act_as_email): where the engine makes that
 * cheaper (PostgreSQL), they are read with the open, in its round trip, and those reads,
 * when they come first, are answered from it. */
enum rp_status rp_db_open_ahead(const char *path, int settings, const char *email,
                                struct rp_db **out);
/* Closes DB and frees everything it holds; NULL is nothing to do. */
void rp_db_close(struct rp_db *db);
/* The last error, "" when none; borrowed, valid until the next call on db. */
const char *rp_db_errmsg(const struct rp_db *db);
/* The field the last error is about, or NULL; borrowed, valid until the next call on db. */
const char *rp_db_errfield(const struct rp_db *db);
/* Records an error on db and returns CODE; FIELD may be NULL. */
enum rp_status rp_db_fail(struct rp_db *db, enum rp_status code, const char *field, const char *fmt,
                          ...) __attribute__((format(printf, 4, 5)));

/* Bounds the time every later statement may run, MS milliseconds from now (0: no bound):
 * one that runs past it stops with RP_ERR_BUSY. The server bounds each request so. */
void rp_db_set_deadline(struct rp_db *db, int64_t ms);

/* "Now" for every rule: the real clock unless set (--now). */
void rp_db_set_now(struct rp_db *db, int64_t epoch);
int64_t rp_db_now(const struct rp_db *db);
/* Today in the user's zone. */
int64_t rp_db_today(const struct rp_db *db);
/* Where the database stands: two numbers that change together with anything in it, by
 * this handle or any other, and only then. What was read at one version may be reused
 * while a later call returns the same two numbers. */
enum rp_status rp_db_version(struct rp_db *db, int64_t version[2]);
/* Has W (struct rp_commit_watch, rapport/model.h; copied) told of each commit through DB
 * that changes anything; NULL stops it. The server publishes its own commits so
 * (http/cache.c). */
void rp_db_watch_commits(struct rp_db *db, const struct rp_commit_watch *w);
/* Records, in the open transaction, what its commit changes (struct rp_change, below), for
 * every program on the database to read with the commit's number (rp_db_changes): called
 * from a watch's BEFORE. Only the last 1024 commits' changes are kept. */
enum rp_status rp_db_publish_change(struct rp_db *db, const struct rp_change *ch);
/* How many commits have changed the database, by any program, into *COUNT (every write
 * transaction of librapport that changes anything counts itself once, in the same
 * transaction, a bulk load too, so the Nth such commit is commit number N), and the
 * changes published by the commits after commit AFTER, in the order of their commits,
 * into OUT[0..MAX); *N is how many there are, MAX + 1 when there are more than MAX. A
 * commit that published none (another program's) is missing from them. Read in the open
 * transaction's snapshot when one is open. */
enum rp_status rp_db_changes(struct rp_db *db, int64_t after, struct rp_change *out, size_t max,
                             size_t *n, int64_t *count);
/* Where the engine has round trips (PostgreSQL), sends rp_db_changes's read with the next
 * statement, in its round trip: a call with the same values before any other round trip
 * uses its answer. A shortcut only: nothing else changes. */
void rp_db_changes_ahead(struct rp_db *db, int64_t after, size_t max);
/* The schema of the open database (struct rp_schema, rapport/model.h). */
void rp_db_schema(struct rp_db *db, struct rp_schema *out);

/* Acts as user ID from now on: reps see and change their own accounts and what belongs to
 * them, managers their team's, admins everything. 0 returns to the unrestricted local
 * user. A disabled or missing user is RP_ERR_AUTH. */
enum rp_status rp_db_act_as(struct rp_db *db, int64_t user_id);
/* rp_db_act_as for the user with e-mail EMAIL (any case), found and read in one statement;
 * RP_ERR_NOTFOUND when there is none. */
enum rp_status rp_db_act_as_email(struct rp_db *db, const char *email);
/* rp_db_act_as for the user of API token TOKEN, found and read in one statement, into
 * *ID; RP_ERR_AUTH, as rp_token_user, unless the token is neither revoked nor expired and
 * its user enabled. */
enum rp_status rp_db_act_as_token(struct rp_db *db, const char *token, int64_t *id);
/* The same for the user of login session TOKEN, as rp_session_user, its CSRF token in
 * *CSRF (owned: free()). */
enum rp_status rp_db_act_as_session(struct rp_db *db, const char *token, int64_t *id, char **csrf);
/* Sends rp_db_act_as_session's read of TOKEN with the next statement, as
 * rp_db_changes_ahead. */
void rp_db_session_ahead(struct rp_db *db, const char *token);
/* Sends rp_db_act_as_token's read of TOKEN with the next statement, as
 * rp_db_changes_ahead. */
void rp_db_token_ahead(struct rp_db *db, const char *token);
/* The acting user's id, 0 for the unrestricted local user. */
int64_t rp_db_actor(const struct rp_db *db);
/* Who acts (struct rp_actor, rapport/model.h), and acting as them again. */
void rp_db_acting(const struct rp_db *db, struct rp_actor *out);
void rp_db_act_again(struct rp_db *db, const struct rp_actor *actor);
/* Whether, since the last rp_db_act_as, a record that exists but is out of the acting
 * user's scope was asked for (and answered RP_ERR_NOTFOUND, like a missing one): a
 * denial worth an audit line. */
int rp_db_was_hidden(const struct rp_db *db);

/* One command's writes are one transaction: all or nothing. */
enum rp_status rp_db_begin(struct rp_db *db);
enum rp_status rp_db_commit(struct rp_db *db);
/* The commit of a transaction that wrote only answers kept for reuse (rp_agenda_keep,
 * rp_page_keep): made from the records, they change nothing anyone is shown, so the commit
 * is not counted as a change of the book and no server drops the answers it keeps. */
enum rp_status rp_db_commit_kept(struct rp_db *db);
void rp_db_rollback(struct rp_db *db);
/* One command's writes as a part of the open transaction, so that several commands can be
 * committed together (the server's group commit): part_begin starts it, part_end keeps it
 * (derived facts brought up to date, all still to be committed with rp_db_commit),
 * part_undo undoes it alone. */
enum rp_status rp_db_part_begin(struct rp_db *db);
enum rp_status rp_db_part_end(struct rp_db *db);
void rp_db_part_undo(struct rp_db *db);
/* Several reads as one: they see the database as it stood at the first of them (and the
 * file is locked once). End it with rp_db_rollback; nothing in it may write. */
enum rp_status rp_db_begin_read(struct rp_db *db);
/* Whether the commits that follow wait for the disk (DURABLE 1, the usual) or not (0: for
 * what a power cut may take without harm, answers kept for reuse; a commit that does not
 * wait never costs the file's integrity, nor what was committed before it, and the next
 * one that waits makes it durable too). No transaction may be open. */
enum rp_status rp_db_set_durable(struct rp_db *db, int durable);

/* ---- rules about the vocabularies ------------------------------------------------- */

/* Minutes a meeting of KIND needs (intro 60, ...), 0 for an unknown kind. */
int rp_meeting_minutes_needed(const char *kind);
/* Whether STAGE is lead..negotiation. */
int rp_stage_is_open(const char *stage);

/* ---- records from outside text and JSON ------------------------------------------- */

/* Sets field F from outside text, validating it for the field's type; an error names the
 * field and what it accepts. Empty text clears an optional field. */
enum rp_status rp_record_set_text(struct rp_db *db, struct rp_record *rec, int f, const char *text);
/* Sets field F from a JSON value of the matching type (null clears it). */
enum rp_status rp_record_set_json(struct rp_db *db, struct rp_record *rec, int f,
                                  const json_t *value);

/* DESIGN.md section 3: whether ACTIVITY is two-way contact, inbound or outbound that
 * reached them. A call of theirs that we missed (inbound, no-answer or left-message) is
 * not a conversation: it is a call to return. */
int rp_activity_is_two_way(const struct rp_record *activity);

/* The field's value as people read it ("2026-11-24", "1,200.50", "yes"); "" when unset.
 * Owned by BUF's caller: appended to buf. */
struct rp_buf;
enum rp_status rp_field_format(const struct rp_record *rec, int f, struct rp_buf *buf);
/* The record as a JSON object with every field (null when unset); a list as an array of
 * them. New references (json_decref), NULL when out of memory. */
json_t *rp_record_to_json(const struct rp_record *rec);
json_t *rp_records_to_json(const struct rp_records *list);
/* The same object as rp_record_to_json, byte for byte as json_dumps writes it compactly,
 * appended to BUF as text: no tree is built (base/json_out.h). */
enum rp_status rp_record_write_json(const struct rp_record *rec, struct rp_buf *buf);

/* ---- reading and writing records -------------------------------------------------- */

/* Record ID of KIND into OUT (owned: rp_record_release); RP_ERR_NOTFOUND when it does not
 * exist or the acting user does not see it. */
enum rp_status rp_get(struct rp_db *db, enum rp_kind_id kind, int64_t id, struct rp_record *out);

struct rp_filter {
    int field;
    const char *text; /* compared for equality after the field's own parsing */
};

struct rp_query {
    enum rp_kind_id kind;
    const struct rp_filter *filters;
    size_t nfilters;
    int order_field; /* -1: by id */
    int descending;
    int64_t after_id; /* cursor: only ids after this one in id order; 0 for none */
    size_t limit;     /* 0: no limit */
};

/* The records Q selects that the acting user sees, appended to OUT (owned:
 * rp_records_release; start it zeroed). */
enum rp_status rp_list(struct rp_db *db, const struct rp_query *q, struct rp_records *out);
/* The same records written as JSON text into OUT, each object as rp_record_write_json
 * writes it, separated by commas, at most MAX of them (Q's limit may ask for one more, to
 * learn whether there are more): *N is how many there were, *LAST_ID the id of the last
 * one written. The text goes straight from the statement into OUT: no record is made. */
enum rp_status rp_list_json(struct rp_db *db, const struct rp_query *q, size_t max,
                            struct rp_buf *out, size_t *n, int64_t *last_id);
/* Record ID of KIND, when the acting user may see it, written into OUT as rp_get and
 * rp_record_write_json would write it; on failure OUT is as it was. */
enum rp_status rp_get_json(struct rp_db *db, enum rp_kind_id kind, int64_t id, struct rp_buf *out);
/* Where the engine has round trips (PostgreSQL), sends rp_get_json's read of record ID
 * with the next statement, in its round trip (before the caller is known: who may see it
 * is checked when it is asked for). A shortcut only. */
void rp_get_ahead(struct rp_db *db, enum rp_kind_id kind, int64_t id);
/* The records of KIND whose reference FIELD is ID (a deal's meetings, an account's
 * contacts), ordered by ORDER_FIELD (-1: by id), newest first when DESCENDING; OUT as for
 * rp_list. */
enum rp_status rp_list_by(struct rp_db *db, enum rp_kind_id kind, int field, int64_t id,
                          int order_field, int descending, struct rp_records *out);

/* Creates REC (kind fields already set from input): fills defaults, checks required
 * fields and references, derives account ids from deals, and writes it. On success
 * REC holds the stored record with its id. Does not begin a transaction. */
enum rp_status rp_create(struct rp_db *db, struct rp_record *rec);
/* Writes the fields of REC marked in CHANGED (an array of kind->nfields flags). */
enum rp_status rp_update(struct rp_db *db, struct rp_record *rec, const unsigned char *changed);
/* Deletes a record; an account or deal with dependent records is a conflict unless FORCE. */
enum rp_status rp_delete(struct rp_db *db, enum rp_kind_id kind, int64_t id, int force);

/* ---- the verbs of the practice ---------------------------------------------------- */

/* Adds an agreement ("we speak again on Tuesday"); an earlier open agreement on the same
 * deal is superseded. */
enum rp_status rp_agreement_add(struct rp_db *db, struct rp_record *rec);
/* Logs an activity. Inbound contact lifts an unless-inbound hold on its account, and a
 * two-way contact keeps the deal's open agreements that are due by then. */
enum rp_status rp_activity_log(struct rp_db *db, struct rp_record *rec);
/* The same, but unless FORCE an activity more than a day in the future is refused as a
 * likely typo (RP_ERR_INVALID on "at"), as the command line and the API do;
 * rp_activity_log takes any time. */
enum rp_status rp_activity_log_checked(struct rp_db *db, struct rp_record *rec, int force);
/* Books a meeting with its attendees. *short_by is set to the minutes it lacks for its
 * kind (0 when long enough): the caller warns, the meeting is booked anyway. */
enum rp_status rp_meeting_add(struct rp_db *db, struct rp_record *rec, const int64_t *attendees,
                              size_t nattendees, int *short_by);
/* The same, but unless FORCE a meeting on a day before today is refused as a likely typo,
 * as the command line and the API do; rp_meeting_add takes any time. */
enum rp_status rp_meeting_add_checked(struct rp_db *db, struct rp_record *rec,
                                      const int64_t *attendees, size_t nattendees, int force,
                                      int *short_by);
/* The contact ids of meeting MEETING_ID's attendees: *ids owned (free()), *n of them. */
enum rp_status rp_meeting_attendees(struct rp_db *db, int64_t meeting_id, int64_t **ids, size_t *n);
enum rp_status rp_meeting_set_status(struct rp_db *db, int64_t id, const char *status);
/* Marks a planned meeting rescheduled and books its successor at AT (MINUTES 0 keeps the
 * length) with the same kind and attendees; *new_id is the successor. A day before today
 * is refused as a likely typo (rp_meeting_move can force it). */
enum rp_status rp_meeting_reschedule(struct rp_db *db, int64_t id, int64_t at, int64_t minutes,
                                     int64_t *new_id, int *short_by);
struct rp_reschedule {
    int64_t at, minutes; /* the new start; the new length (0 keeps it) */
    const char *by;      /* who asked: "us", "them", or NULL when not known */
    int force;           /* book it even on a day before today */
};
/* rp_meeting_reschedule, saying who asked (kept in the old meeting's rescheduled_by and
 * its history). */
enum rp_status rp_meeting_move(struct rp_db *db, int64_t id, const struct rp_reschedule *r,
                               int64_t *new_id, int *short_by);
enum rp_status rp_claim_set_status(struct rp_db *db, int64_t id, const char *status,
                                   const char *note);
enum rp_status rp_deal_set_stage(struct rp_db *db, int64_t id, const char *stage,
                                 const char *reason);
/* Holds outreach to an account (or deal) until UNTIL; UNTIL < 0 lifts the hold. */
enum rp_status rp_account_hold(struct rp_db *db, int64_t id, int64_t until, int unless_inbound,
                               const char *reason);
enum rp_status rp_deal_hold(struct rp_db *db, int64_t id, int64_t until, const char *reason);
/* A deal's hold that, with UNLESS_INBOUND, their own contact on a later day lifts, as an
 * account's does. */
enum rp_status rp_deal_hold_unless(struct rp_db *db, int64_t id, int64_t until, int unless_inbound,
                                   const char *reason);
enum rp_status rp_invoice_paid(struct rp_db *db, int64_t id, int64_t on);
/* They promised to pay invoice ID by ON (today or later): the late payment waits for it. */
enum rp_status rp_invoice_promise(struct rp_db *db, int64_t id, int64_t on);
/* Sets how often a customer account wants a check-in; 0 stops check-ins. */
enum rp_status rp_account_checkin(struct rp_db *db, int64_t id, int64_t every_days);
/* Derives the agenda facts of every deal again (after a bulk load or an upgrade). */
enum rp_status rp_facts_rebuild(struct rp_db *db);
/* The history of one record, oldest first, into OUT (as for rp_list). */
enum rp_status rp_history(struct rp_db *db, enum rp_kind_id kind, int64_t id,
                          struct rp_records *out);
/* An account (RP_ACCOUNT) or deal (RP_DEAL) with everything that belongs to it, as
 * `account show` / `deal show --json` print it: the record, one array per kind of record
 * that references it, its history, and for a deal its meetings' attendees and its score.
 * *OUT is owned (json_decref). */
enum rp_status rp_show_json(struct rp_db *db, enum rp_kind_id kind, int64_t id, json_t **out);

/* ---- correcting mistakes ---------------------------------------------------------- */

/* An edit: which fields of the record changed (kind->nfields flags), and for a meeting
 * its new attendees (replacing all of them when SET_ATTENDEES). */
struct rp_edit {
    const unsigned char *changed;
    const int64_t *attendees;
    size_t nattendees;
    int set_attendees;
    int force;    /* accept a time that looks like a typo (see rp_activity_log_checked) */
    int short_by; /* out: the minutes an edited meeting lacks for its kind */
    /* The record as rp_get read it in this transaction, before the change, when the caller
     * kept a copy: it is not read again (NULL: it is). */
    const struct rp_record *was;
};
/* Corrects REC, an activity, agreement, meeting, claim or statement read with rp_get and
 * changed in place: the same checks as when it was made (an agreed day only moves while
 * the agreement is open), a history line for every field that changed, and what the
 * change implies (an activity that becomes two-way keeps agreements, as when logged; the
 * deal's agenda facts). Other kinds are written with rp_update. */
enum rp_status rp_record_correct(struct rp_db *db, struct rp_record *rec, struct rp_edit *e);
/* Cancels an open agreement ("we no longer speak on Tuesday"), with NOTE in its history:
 * the deal needs a next step again. */
enum rp_status rp_agreement_cancel(struct rp_db *db, int64_t id, const char *note);
/* What the record of contact ID says of them: {"meetings_held", "no_shows",
 * "reschedules", "rescheduled_by_them", "rescheduled_by_us", "cancelled",
 * "calls_unanswered", "last_touch_at", "last_inbound_at", "last_two_way_at",
 * "last_reply": {"at", "kind", "id"} or null, "meetings": [...]} (new reference). */
enum rp_status rp_contact_track_record(struct rp_db *db, int64_t id, json_t **out);

/* ---- merging duplicates ------------------------------------------------------------ */

/* Merges account or contact FROM (of KIND) into INTO, the one kept, all or nothing (call it
 * inside a transaction): what belongs to FROM moves to INTO (an account's contacts, deals,
 * activities, agreements, meetings, claims, statements, invoices, pushes and snoozes; a
 * contact's activities, agreements, claims, statements and meetings), INTO's empty fields
 * (unset, or at their default) take FROM's values, FROM's history becomes INTO's, a line in
 * the account's history says what was merged, and FROM is deleted. RP_ERR_INVALID for
 * FROM == INTO or two contacts of different accounts, RP_ERR_NOTFOUND for a record the
 * acting user does not see, RP_ERR_USAGE for another kind. OUT, when not NULL, receives
 * INTO as it is now (owned: rp_record_release). */
enum rp_status rp_record_merge(struct rp_db *db, enum rp_kind_id kind, int64_t from, int64_t into,
                               struct rp_record *out);
/* What adding REC, a new account or contact not stored, would have duplicated: fills
 * INTO's empty fields from REC and adds nothing. A contact's account, when REC gives one,
 * must be INTO's (RP_ERR_INVALID). OUT as for rp_record_merge. */
enum rp_status rp_record_merge_new(struct rp_db *db, const struct rp_record *rec, int64_t into,
                                   struct rp_record *out);

/* ---- the agenda (DESIGN.md section 4) ------------------------------------------------ */

/* A message ready to send: recipients' addresses, subject and body; all owned by the
 * draft, freed by rp_draft_release (which leaves it empty). */
struct rp_draft {
    char **to, **cc;
    size_t nto, ncc;
    char *subject, *body;
};
void rp_draft_release(struct rp_draft *d);
/* {"to", "cc", "subject", "body"}: a new reference. */
json_t *rp_draft_to_json(const struct rp_draft *d);

/* One item of the agenda. Its strings and its draft are owned by the agenda that holds it
 * (struct rp_agenda), freed with it by rp_agenda_release. */

struct rp_agenda_item {
    const char *kind;                        /* "meeting", "followup-missed", ...; static */
    int kind_rank;                           /* the kind's place in the priority order, 0 first */
    int64_t date;                            /* the day it is on the agenda */
    int64_t account_id, deal_id, contact_id; /* 0 when none */
    int64_t ref_id; /* the record it is about: meeting, agreement, invoice, push, claim, deal
                     * or account (a hold, a check-in) */
    char *account, *deal;
    char id[40];           /* stable while the situation stands: "<kind>:<record id>" */
    int64_t snoozed_until; /* while the agenda is built: the snooze in force, else 0 */
    int64_t owner_id;      /* while the agenda is built: its records' owner, 0 for none */
    int64_t at;            /* the instant it concerns (a meeting's start), -1 none */
    int64_t due;           /* the day it concerns (meeting day, agreed day, invoice due), -1 none */
    int score;             /* the deal's score, 0 for account-level items */
    char *summary, *action;
    int has_draft;
    struct rp_draft draft;
    /* while the agenda is built: 1 + the draft kind it calls for (drafts.h), else 0; and
     * the account's persistence style (static) the draft is written in */
    int draft_due;
    const char *style;
    /* whom to contact: the item's contact, else the account's primary (or a decider); the
     * last touch and the last two-way contact (instants, -1 none) */
    struct rp_agenda_who {
        int64_t id;
        char *name, *email, *phone;
    } who;
    int64_t last_touch_at, last_two_way_at;
};

struct rp_agenda {
    int64_t from; /* first day */
    int days;
    struct rp_agenda_item *items; /* ordered: by day, kind priority, score, due */
    size_t n, cap;
    char *text; /* read back (rp_agenda_from_text): the text its items' strings are in */
};

/* ---- working the agenda (act.c) ---------------------------------------------------- */

/* Today's item ITEM ("kind:ID" as rapport today shows it) in *OUT, which lives in AGENDA
 * (release it with rp_agenda_release). RP_ERR_NOTFOUND when ITEM names no record the user
 * may see; RP_ERR_CONFLICT, saying why, when it is not on today's agenda. */
enum rp_status rp_item_find(struct rp_db *db, const char *item, struct rp_agenda *agenda,
                            struct rp_agenda_item **out);
/* Deals with ITEM: logs LOG (an activity with at least kind and direction, or NULL) on the
 * item's deal or account and contact, then keeps the item off the agenda until its next
 * moment (*UNTIL): tomorrow for an item of the day, else after the retry interval. */
enum rp_status rp_item_done(struct rp_db *db, const char *item, struct rp_record *log,
                            int64_t *until);
/* Keeps ITEM off the agenda before UNTIL (a day after today). */
enum rp_status rp_item_snooze(struct rp_db *db, const char *item, int64_t until);
/* Sends ITEM's draft through SMTP (SUBJECT and BODY replace the draft's when not NULL),
 * recorded as a touch with its recipients (a push for push-suggested) in *OUT (owned);
 * the item is then dealt with. Call inside a transaction: a refusal of the mail server
 * comes last, and rolling back undoes the record. */
enum rp_status rp_item_send(struct rp_db *db, const char *item, const char *subject,
                            const char *body, struct rp_record *out);
/* The snoozes in force (and items dealt with until their next moment), soonest end first,
 * as a JSON array (new reference), NULL when out of memory. */
json_t *rp_snoozes_json(struct rp_db *db);

/* The record kind (enum rp_kind_id) an item of agenda kind KIND (its first LEN bytes) is
 * about, -1 for no such kind. */
int rp_agenda_kind_ref(const char *kind, size_t len);
/* The heading of a kind's group ("Missed follow-ups"), by its kind_rank. Static. */
const char *rp_agenda_kind_title(int kind_rank);
/* The agenda for DAYS days from FROM (a local date), as the records stand, into OUT
 * (owned: rp_agenda_release, which frees its items and leaves it empty). */
enum rp_status rp_agenda_build(struct rp_db *db, int64_t from, int days, struct rp_agenda *out);
void rp_agenda_release(struct rp_agenda *a);
/* {"date", "items": [...]} for one day, or {"from", "days", "items"} for several: a new
 * reference. */
json_t *rp_agenda_to_json(const struct rp_agenda *a);
/* The same object appended to BUF as compact JSON text, no tree built (base/json_out.h). */
enum rp_status rp_agenda_write_json(const struct rp_agenda *a, struct rp_buf *buf);

/* The agenda read back from the text rp_agenda_write_json wrote, into OUT (owned, as from
 * rp_agenda_build; its items carry what the text carries, and no instant of their own). */
enum rp_status rp_agenda_from_json(const char *text, struct rp_agenda *out);
/* The same from TEXT (malloc'd), which OUT takes, whatever the outcome: read in place, its
 * items' strings are in it, and rp_agenda_release frees it. */
enum rp_status rp_agenda_from_text(char *text, struct rp_agenda *out);

/* ---- kept agendas (agenda_keep.c) ---------------------------------------------------- */

/* An agenda made afresh, to be kept for the next read (rp_agenda_keep). */
struct rp_agenda_kept;
/* The acting user's agenda for DAYS days from FROM, as rp_agenda_write_json writes it,
 * appended to BUF: the one kept while nothing it reads has changed since (by any program),
 * else made afresh, and then, when KEEP is not NULL, *KEEP is what to keep of it (owned:
 * rp_agenda_kept_free), else NULL. */
enum rp_status rp_agenda_answer(struct rp_db *db, int64_t from, int days, struct rp_buf *buf,
                                struct rp_agenda_kept **keep);
/* Keeps K for the next read: in the open write transaction, else in one of its own taken
 * only when no other program is writing (RP_ERR_BUSY otherwise, nothing kept). */
enum rp_status rp_agenda_keep(struct rp_db *db, const struct rp_agenda_kept *k);
void rp_agenda_kept_free(struct rp_agenda_kept *k);
/* rp_agenda_answer appended to OUT, kept at once when it can be: the agenda a person
 * reads (rapport today --json). */
enum rp_status rp_agenda_read_json(struct rp_db *db, int64_t from, int days, struct rp_buf *out);
/* The same into OUT (read back: rp_agenda_from_text): rapport today. */
enum rp_status rp_agenda_read(struct rp_db *db, int64_t from, int days, struct rp_agenda *out);

/* ---- kept pages (page_keep.c) -------------------------------------------------------- */

/* A page of records made afresh, to be kept for the next read (rp_page_keep). */
struct rp_page_kept;
/* The page of the records Q selects that the acting user sees, at most MAX of them (Q's
 * limit asks for one more, to learn whether there is a next page), appended to BUF as
 * {"items":[...],"next":ID or null} (ID: the last one written): the one kept for the same
 * query in the same scope while nothing it shows has changed since (by any program), else
 * made afresh, and then, when KEEP is not NULL, *KEEP is what to keep of it (owned:
 * rp_page_kept_free), else NULL. */
enum rp_status rp_page_answer(struct rp_db *db, const struct rp_query *q, size_t max,
                              struct rp_buf *buf, struct rp_page_kept **keep);
/* Keeps K for the next read, as rp_agenda_keep keeps an agenda. */
enum rp_status rp_page_keep(struct rp_db *db, const struct rp_page_kept *k);
void rp_page_kept_free(struct rp_page_kept *k);

/* ---- drafts and their templates (docs/drafts.md) --------------------------------------- */

/* The kinds of draft, the agenda kinds that call for a message, NULL-terminated:
 * "followup-missed", "no-show", "meeting-too-short", "payment-late", "checkin-due",
 * "thank-you", "push". Each has a template per persistence style (rp_vocab_style). */
extern const char *const rp_draft_kinds[];

/* One template: its subject and body, and whether the user changed it (custom) or it is
 * the default. kind and style are static; subject and body owned. */
struct rp_template {
    const char *kind, *style;
    char *subject, *body;
    int custom;
};
/* Frees subject and body, leaving T empty. */
void rp_template_release(struct rp_template *t);
/* {"kind", "style", "custom", "subject", "body", "placeholders": [names it may use]}: a new
 * reference. */
json_t *rp_template_to_json(const struct rp_template *t);
/* The template of KIND and STYLE into OUT (owned: rp_template_release): RP_ERR_NOTFOUND for
 * an unknown kind, RP_ERR_INVALID for an unknown style. */
enum rp_status rp_template_get(struct rp_db *db, const char *kind, const char *style,
                               struct rp_template *out);
/* Saves the template of KIND and STYLE; a NULL SUBJECT or BODY keeps what it is now. A
 * placeholder that is unknown, or has no value in drafts of KIND, is RP_ERR_INVALID naming
 * it, and nothing is saved. Only admins and managers (and the local user) may. */
enum rp_status rp_template_set(struct rp_db *db, const char *kind, const char *style,
                               const char *subject, const char *body);
/* Back to the default. */
enum rp_status rp_template_reset(struct rp_db *db, const char *kind, const char *style);
/* Every template, kind by kind in the order of rp_draft_kinds, each style in turn, as a new
 * JSON array of rp_template_to_json objects. */
enum rp_status rp_templates_json(struct rp_db *db, json_t **out);

/* DESIGN.md section 4: a deal's score, 0-100, and the factors it is made of. */
struct rp_score {
    int total, trigger, urgency, decision, contact, value;
};
enum rp_status rp_deal_score(struct rp_db *db, int64_t deal_id, struct rp_score *out);
/* {"total", "trigger", ...}: a new reference. */
json_t *rp_score_to_json(const struct rp_score *s);

/* ---- closing deals and the push (practices 6 and 7) --------------------------------- */

struct rp_close {
    const char *stage;      /* won, lost or no-decision */
    const char *reason;     /* a loss reason; required for lost ("other" needs a note) */
    const char *competitor; /* who won it instead; NULL keeps the deal's */
    const char *note;
};
/* Closes an open deal with history; won makes the account a customer, lost and
 * no-decision cancel its open agreements. A closed deal reopens with rp_deal_set_stage. */
enum rp_status rp_deal_close(struct rp_db *db, int64_t id, const struct rp_close *c);

/* The push message for a deal (DESIGN.md section 4, "The push draft") into OUT (owned:
 * rp_draft_release). */
enum rp_status rp_push_draft(struct rp_db *db, int64_t deal_id, struct rp_draft *out);
/* Records a push of D sent by MODE ("send": through SMTP, "record": by other means) on an
 * open deal without a pending push; OUT receives the push record (owned:
 * rp_record_release). */
enum rp_status rp_push_record(struct rp_db *db, int64_t deal_id, const char *mode,
                              const struct rp_draft *d, struct rp_record *out);
/* Sends D through the smtp.* settings; nothing is recorded. Fails with RP_ERR_UNAVAILABLE
 * (and the server's word) when the server does not accept it. What it does depends on the
 * handle's mail mode (below). */
enum rp_status rp_mail_send(struct rp_db *db, const struct rp_draft *d);

/* A write that sends mail holds no lock while it talks to the mail server: it runs once
 * with the mail held (RP_MAIL_HOLD: everything is checked, and rp_mail_send composes the
 * message and keeps it instead of sending it) and is undone; the kept message is sent
 * with no transaction open (rp_mail_deliver); then the write runs again with the mail
 * sent (RP_MAIL_SENT: rp_mail_send does nothing) and is committed. A message is never
 * recorded as sent unless the mail server took it. rp_db_write_mailing does all this for
 * one handle; the server's writer does it across its threads. */
enum rp_mail_mode { RP_MAIL_NOW, RP_MAIL_HOLD, RP_MAIL_SENT };
struct rp_mail;
void rp_db_mail_mode(struct rp_db *db, enum rp_mail_mode mode);
/* The message held since the mode was set to RP_MAIL_HOLD (the caller's: rp_mail_free),
 * or NULL when none was. */
struct rp_mail *rp_mail_take(struct rp_db *db);
/* Sends M; 0, or -1 with the reason in rp_mail_error(M). Uses no handle, so any thread
 * may call it; it gives up when GIVE_UP (if not NULL), asked every second, says so. */
int rp_mail_deliver(struct rp_mail *m, int (*give_up)(void));
const char *rp_mail_error(const struct rp_mail *m);
/* The message's recipients, one text: two messages to the same people at once are one
 * too many (the server refuses the second while the first is being sent). */
const char *rp_mail_recipients(const struct rp_mail *m);
void rp_mail_free(struct rp_mail *m);
/* The error of a write whose message went out but whose record then failed: a conflict,
 * saying so, so that nobody sends it again. Returns RP_ERR_CONFLICT. */
enum rp_status rp_mail_unrecorded(struct rp_db *db);
/* Runs WRITE(DB, CTX) as a write that may send mail, each run in a transaction of its
 * own: held, sent, then again and committed. WRITE must give the same result when run
 * twice (it releases what a run before it left in CTX). When the second run fails though
 * the message went out, the error says so. */
enum rp_status rp_db_write_mailing(struct rp_db *db,
                                   enum rp_status (*write)(struct rp_db *db, void *ctx), void *ctx);

struct rp_push_answer {
    const char *outcome; /* ignored, informed or revived */
    const char *competitor, *reason, *note;
};
/* Records what came back from the deal's pending push: ignored closes the deal as
 * no-decision, informed closes it lost (a reason is required), revived keeps it open (or
 * reopens it). OUT receives the updated push record (owned: rp_record_release). */
enum rp_status rp_push_outcome(struct rp_db *db, int64_t deal_id, const struct rp_push_answer *a,
                               struct rp_record *out);

/* ---- users, sessions and tokens (DESIGN.md section 6) -------------------------------- */

/* Creates USER (name, email, role, team set from input) with PASSWORD hashed with argon2id.
 * Only an admin (or the unrestricted local user) may. */
enum rp_status rp_user_add(struct rp_db *db, struct rp_record *user, const char *password);
enum rp_status rp_user_find(struct rp_db *db, const char *email, int64_t *id);
enum rp_status rp_user_set_password(struct rp_db *db, int64_t id, const char *password);
/* Checks the password; on success *id is the user and the handle acts as them. A wrong
 * e-mail and a wrong password are the same RP_ERR_AUTH. */
enum rp_status rp_user_login(struct rp_db *db, const char *email, const char *password,
                             int64_t *id);
/* The login rate limit, counted in the database so that every server shares it: whether a
 * login to EMAIL from ADDRESS may be tried now (failures are counted per client address and
 * per account, each in its own window), a failure to count, and a success, which clears the
 * account's count. */
enum rp_status rp_login_allowed(struct rp_db *db, const char *address, const char *email,
                                int *allowed);
enum rp_status rp_login_failed(struct rp_db *db, const char *address, const char *email);
enum rp_status rp_login_succeeded(struct rp_db *db, const char *email);
/* A new API token for user ID (owned: show it once, free()); only its hash is kept. It
 * works until revoked, or until the instant EXPIRES when that is not 0. */
enum rp_status rp_user_token_new(struct rp_db *db, int64_t id, int64_t expires, char **token);
/* User ID's API tokens, oldest first, as a JSON array of {id, user_id, created_at,
 * expires_at, revoked_at, active} (a new reference). The acting user's own, or anyone's
 * for admins. */
enum rp_status rp_user_tokens(struct rp_db *db, int64_t id, json_t **out);
/* Revokes API token TOKEN_ID: the acting user's own, or anyone's for admins; another's is
 * RP_ERR_NOTFOUND, like one that does not exist. Revoking twice is not an error. */
enum rp_status rp_user_token_revoke(struct rp_db *db, int64_t token_id);
/* The user of API token TOKEN into *ID, without acting as them (the statement of
 * rp_db_act_as_token); RP_ERR_AUTH unless the token is neither revoked nor expired and its
 * user enabled. */
enum rp_status rp_token_user(struct rp_db *db, const char *token, int64_t *id);
/* How long a login session lasts. */
#define RP_SESSION_SECONDS (14 * 86400)
/* A new login session, for RP_SESSION_SECONDS: its token and CSRF token (both owned:
 * free()). */
enum rp_status rp_session_new(struct rp_db *db, int64_t id, char **token, char **csrf);
/* The user of a live session whose user is enabled (RP_ERR_AUTH otherwise); *csrf (owned:
 * free()) is its CSRF token when csrf is not NULL. */
enum rp_status rp_session_user(struct rp_db *db, const char *token, int64_t *id, char **csrf);
enum rp_status rp_session_end(struct rp_db *db, const char *token);
enum rp_status rp_user_sessions_end(struct rp_db *db, int64_t id);
/* Where a user's calendar feed is served: RP_CAL_PATH "<secret>.ics" (server and CLI). */
#define RP_CAL_PATH "/api/v1/cal/"
/* The user's calendar feed secret (owned: free()), made on first use or when ROTATE (which
 * revokes the old URL). */
enum rp_status rp_calendar_secret(struct rp_db *db, int64_t id, int rotate, char **secret);
enum rp_status rp_calendar_user(struct rp_db *db, const char *secret, int64_t *id);
/* Appends to the audit log: who (the acting user), when, what; never a secret. DETAIL
 * is kept to its first 200 bytes. */
enum rp_status rp_audit(struct rp_db *db, const char *action, const char *entity, int64_t entity_id,
                        const char *detail, const char *address);
/* A line of the audit log written later than it happened (see rp_audit_write). */
struct rp_audit_line {
    int64_t at, user_id; /* user_id 0: nobody logged in */
    const char *action, *detail, *address;
};
/* Appends the N LINES, each with its own time and user, in one transaction of its own
 * (none may be open): one write to the disk for many lines. */
enum rp_status rp_audit_write(struct rp_db *db, const struct rp_audit_line *lines, size_t n);
/* Deletes the lines older than the setting audit.keep-days (0: keeps them all). */
enum rp_status rp_audit_prune(struct rp_db *db);
/* Which lines of the audit log to read: before_id 0 from the newest, since_day -1 from
 * the first (days are UTC days, as the log's times are UTC), user_id 0 anyone's. */
struct rp_audit_query {
    int64_t before_id, since_day, user_id;
    size_t limit;
};
/* RP_OK when the acting user may read the audit log (admins and the unrestricted local
 * user), else RP_ERR_FORBIDDEN. */
enum rp_status rp_audit_may_read(struct rp_db *db);
/* The audit log, newest first, as a new JSON array of {id, at, user_id, user (e-mail),
 * action, entity, entity_id, detail, address}. Only admins (and the unrestricted local
 * user) may read it: RP_ERR_FORBIDDEN for others. */
enum rp_status rp_audit_list(struct rp_db *db, const struct rp_audit_query *q, json_t **out);

/* ---- settings --------------------------------------------------------------------- */

struct rp_setting {
    const char *key;
    const char *def;
    enum rp_type type; /* RP_T_INT, RP_T_TEXT, RP_T_EMAIL, ... */
    const char *help;
};

/* The known settings, terminated by a NULL key. Static. */
const struct rp_setting *rp_settings(void);
/* The value of KEY (its default when never set) into *out, owned (free()). */
enum rp_status rp_config_get(struct rp_db *db, const char *key, char **out);
/* Between rp_config_keep and rp_config_drop, rp_config_get answers from one read of every
 * setting rather than one read each: for work that asks for several (an agenda build, a
 * command's setup). What rp_config_set changes meanwhile is read again; nested pairs share
 * the outer one's read, and the last drop forgets it, so that the next piece of work sees
 * what another process changed since. */
void rp_config_keep(struct rp_db *db);
void rp_config_drop(struct rp_db *db);
/* KEY's value as a number. */
enum rp_status rp_config_int(struct rp_db *db, const char *key, int64_t *out);
/* Validates and stores VALUE for KEY; NULL restores the default. */
enum rp_status rp_config_set(struct rp_db *db, const char *key, const char *value);

/* Whether KEY is one of the team's settings (the API's), not the server's own (smtp.*,
 * server.*, audit.*). */
int rp_setting_shared(const char *key);
/* The team's settings as a new JSON array of {key, value, default, help}. */
enum rp_status rp_settings_json(struct rp_db *db, json_t **out);
/* rp_config_set for a team setting, by an admin or manager (RP_ERR_FORBIDDEN for a rep). */
enum rp_status rp_config_team_set(struct rp_db *db, const char *key, const char *value);

/* ---- reports (docs/reports.md) ------------------------------------------------------- */

/* The local days a report covers, both ends included; -1 leaves an end open. */
struct rp_range {
    int64_t since, until;
};

/* The reports: "winloss", "push", "pipeline", "activity"; NULL-terminated. */
extern const char *const rp_report_names[];

/* Computes report NAME over RANGE as a JSON object (docs/reports.md gives every member);
 * *out is a new reference. An unknown NAME is RP_ERR_USAGE, a RANGE that ends before it
 * starts RP_ERR_INVALID. Reads only. */
enum rp_status rp_report_build(struct rp_db *db, const char *name, const struct rp_range *range,
                               json_t **out);

/* ---- recall and search --------------------------------------------------------------- */

/* Everything recorded with account ACCOUNT_ID: what you told them, what they claimed (with
 * its status), activities and notes, and agreements, oldest first. With QUERY (not NULL)
 * only the entries matching every word of it, best match first, at most LIMIT (0: all).
 * Words match words that start with them, whatever their case and accents. *out is a new
 * JSON array; an account that does not exist is RP_ERR_NOTFOUND, a blank QUERY
 * RP_ERR_USAGE. */
enum rp_status rp_recall_account(struct rp_db *db, int64_t account_id, const char *query,
                                 size_t limit, json_t **out);
/* The same matching across every account, also finding accounts, contacts and deals by
 * name or title. */
enum rp_status rp_recall_search(struct rp_db *db, const char *query, size_t limit, json_t **out);

#endif
