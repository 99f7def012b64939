/* The database handle's insides, shared by the files of the core. */
#ifndef RP_CORE_DB_H
#define RP_CORE_DB_H

#include "base/error.h"
#include "rapport/rapport.h"
#include "store/store.h"

struct rp_db {
    struct rp_store *store;
    struct rp_error err;
    int64_t now; /* epoch seconds; 0 means the real clock */
    /* Deals and accounts whose facts are derived again at commit, and the accounts whose
     * every deal's are. */
    struct rp_dirty {
        int64_t *ids;
        size_t n, cap;
        int64_t max; /* the largest id: a larger one is new without a search */
    } dirty_deals, dirty_accounts, dirty_account_deals;
    struct rp_actor actor;
    /* The last credential hashed and its hash (users.c token_hash_kept). */
    struct rp_hashed {
        char token[80];
        size_t len; /* 0: none kept */
        char hash[65];
    } hashed;
    int actor_read_in_tx; /* rp_db_act_as read the actor in the open transaction */
    int hidden;           /* a record out of the actor's scope was asked for (rp_db_was_hidden) */
    /* While one owner's part of a kept agenda is made (agenda_keep.c): the scope the
     * agenda reads in place of the actor's (rp_scope_of), else NULL. */
    const struct rp_scope *part_scope;
    int mail_mode;        /* enum rp_mail_mode: what rp_mail_send does */
    struct rp_mail *held; /* the message rp_mail_send kept in RP_MAIL_HOLD */
    struct rp_config_kept {
        int depth;     /* rp_config_keep calls not yet dropped */
        char **values; /* by index in the settings table, once read; NULL: never set */
    } kept;
};

/* A read of several statements sees one snapshot of the book, and locks the file once
 * rather than for every statement: rp_db_snapshot begins a read transaction unless one
 * is open (1 when it began one), rp_db_snapshot_end ends the one it began. */
int rp_db_snapshot(struct rp_db *db);
void rp_db_snapshot_end(struct rp_db *db, int began);

/* Whether user ID is the acting user, read by rp_db_act_as in the open transaction: it
 * exists, and need not be read again to know so. */
int rp_db_is_actor_read(const struct rp_db *db, int64_t id);

/* Acts as U, the users row just read, unless it is disabled. Releases U. */
enum rp_status rp_db_act_as_row(struct rp_db *db, struct rp_record *u);

/* The scope of the acting user, for store queries. */
void rp_scope_of(const struct rp_db *db, struct rp_scope *out);
/* RP_ERR_NOTFOUND (worded as for a missing record) when the acting user may not see REC. */
enum rp_status rp_scope_check(struct rp_db *db, const struct rp_record *rec);
/* RP_ERR_FORBIDDEN when the acting user may not write records of KIND at all (users). */
enum rp_status rp_scope_may_write(struct rp_db *db, enum rp_kind_id kind);
/* Whether the acting user may give an account to OWNER (0: nobody). */
enum rp_status rp_scope_owner_allowed(struct rp_db *db, int64_t owner);

/* The record whose set fields are Q's filters, parsed as their fields say (owned:
 * rp_record_release, on success only). */
enum rp_status rp_list_match(struct rp_db *db, const struct rp_query *q, struct rp_record *match);

/* Sends the read of every setting that rp_config_keep keeps ahead, unless it is kept already,
 * as rp_list_ahead. */
void rp_config_ahead(struct rp_db *db);

/* Sends the first reads of rp_agenda_build from FROM ahead (the settings, the largest
 * open value, the snoozes), as rp_list_ahead: for a caller that reads one statement more
 * first (a kept agenda's stamp). */
void rp_agenda_build_ahead(struct rp_db *db, int64_t from);

/* Sends rp_list_json's statement for Q with the next statement, in its round trip, where
 * the engine has round trips: a call before any other round trip uses its answer. */
void rp_list_ahead(struct rp_db *db, const struct rp_query *q);

/* What rp_create does before it writes REC, but for its references: defaults, owner,
 * required fields, timestamps. The caller (a bulk importer) sets account_id and owner_id
 * as rp_create would derive them, writes REC, and marks the facts it affects. */
enum rp_status rp_create_fill(struct rp_db *db, struct rp_record *rec);

/* Notes that the facts of a deal (kind RP_DEAL) or of every deal of an account
 * (RP_ACCOUNT) must be derived again; outside a transaction they are at once. */
enum rp_status rp_facts_dirty(struct rp_db *db, enum rp_kind_id kind, int64_t id);
/* Refreshes the facts of every deal marked dirty, then those of their accounts (called by
 * rp_db_commit). */
enum rp_status rp_facts_flush(struct rp_db *db);
/* Forgets what was marked dirty (the transaction was rolled back). */
void rp_facts_forget(struct rp_db *db);
/* A contact with a deal's people: an activity or a held meeting. */
struct rp_contact_event {
    int64_t at;
    int two_way, out, in;
    size_t seq; /* set by rp_facts_fold: events at the same instant keep their order */
};
/* Folds EV (in the order recorded) into the contact facts of F, in time order: the last
 * two-way, outbound and inbound contact, and the touches since the last two-way contact.
 * Sorts EV. */
void rp_facts_fold(struct rp_contact_event *ev, size_t n, struct rp_deal_facts *f);
/* Deriving a deal's facts, in three steps shared with the loader: START clears F for DEAL,
 * MEETING counts one of its meetings, FINISH adds what follows from the rest. */
void rp_facts_start(struct rp_deal_facts *f, const struct rp_record *deal, int64_t account_id,
                    int64_t owner_id);
void rp_facts_meeting(struct rp_deal_facts *f, const struct rp_record *meeting);
void rp_facts_finish(struct rp_deal_facts *f, const struct rp_record *deal,
                     const struct rp_record *account, int64_t agreed_at);
/* When the newest of AGREEMENTS of DEAL_ID was agreed (-1 when none). */
int64_t rp_facts_agreed_at(const struct rp_records *agreements, int64_t deal_id);
/* Marks what a created, changed or deleted record affects. */
enum rp_status rp_facts_dirty_record(struct rp_db *db, const struct rp_record *rec);
/* rp_update of REC, which was OLD (as rp_get read it in this transaction; NULL: read it). */
enum rp_status rp_update_was(struct rp_db *db, struct rp_record *rec, const struct rp_record *old,
                             const unsigned char *changed);

/* The working week of the settings workdays and holidays. */
struct rp_workweek;
enum rp_status rp_config_workweek(struct rp_db *db, struct rp_workweek *w);

/* Appends a line to the history of a record: FIELD went FROM → TO, because REASON. */
enum rp_status rp_history_add(struct rp_db *db, enum rp_kind_id kind, int64_t id, const char *field,
                              const char *from, const char *to, const char *reason);

/* Changes REC's status field F to STATUS with a history line giving REASON; MUST_BE, when
 * not NULL, is the status it must have (else RP_ERR_CONFLICT). */
enum rp_status rp_record_set_status(struct rp_db *db, struct rp_record *rec, int f,
                                    const char *status, const char *must_be, const char *reason);
/* What logged contact implies: inbound lifts unless-inbound holds of its account and deal,
 * two-way contact keeps the deal's agreements due by then. */
enum rp_status rp_activity_effects(struct rp_db *db, const struct rp_record *act);
/* The typo checks (correct.c): an activity more than a day ahead, a planned meeting on a
 * day before today; RP_ERR_INVALID naming "at" and what was typed. */
enum rp_status rp_check_activity_at(struct rp_db *db, const struct rp_record *act);
enum rp_status rp_check_meeting_at(struct rp_db *db, const struct rp_record *m);
enum rp_status rp_meeting_minutes_check(struct rp_db *db, const struct rp_record *m);
/* Adds ATTENDEES (contacts of M's account) to meeting M. */
enum rp_status rp_meeting_attendees_set(struct rp_db *db, const struct rp_record *m,
                                        const int64_t *attendees, size_t nattendees);
/* The minutes meeting M lacks for its kind, 0 when long enough. */
int rp_meeting_short_by(const struct rp_record *m);
/* Writes the line a deleted record leaves in the history of its deal (or account). */
enum rp_status rp_history_deleted(struct rp_db *db, const struct rp_record *rec);

/* The agenda's order (agenda.c): by day, kind priority, meeting time, score (highest
 * first), due day, then deal, account and record ids; a total order of the items of an
 * agenda, which kept agendas merged from parts reproduce (agenda_keep.c). */
int rp_agenda_item_cmp(const struct rp_agenda_item *a, const struct rp_agenda_item *b);
/* Item IT as rp_agenda_write_json writes it at RANK (from 1). */
enum rp_status rp_agenda_write_item(struct rp_buf *b, const struct rp_agenda_item *it, size_t rank);
/* What rp_agenda_write_json writes before A's items: up to the items' '['. */
enum rp_status rp_agenda_write_head(const struct rp_agenda *a, struct rp_buf *buf);

#endif
