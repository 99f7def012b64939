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
    int64_t *dirty; /* deals whose facts are refreshed at commit */
    size_t ndirty, capdirty;
    int64_t dirty_max; /* the largest id in dirty: a larger one is new without a search */
    struct rp_actor {
        int64_t id; /* 0: the local user, unrestricted */
        char role[16], team[64];
    } actor;
    int hidden; /* a record out of the actor's scope was asked for (rp_db_was_hidden) */
};

/* The scope of the acting user, for store queries. */
void rp_scope_of(const struct rp_db *db, struct rp_scope *out);
/* RP_ERR_NOTFOUND (worded as for a missing record) when the acting user may not see REC. */
enum rp_status rp_scope_check(struct rp_db *db, const struct rp_record *rec);
/* RP_ERR_FORBIDDEN when the acting user may not write records of KIND at all (users). */
enum rp_status rp_scope_may_write(struct rp_db *db, enum rp_kind_id kind);
/* Whether the acting user may give an account to OWNER (0: nobody). */
enum rp_status rp_scope_owner_allowed(struct rp_db *db, int64_t owner);

/* What rp_create does before it writes REC, but for its references: defaults, owner,
 * required fields, timestamps. The caller (a bulk importer) sets account_id and owner_id
 * as rp_create would derive them, writes REC, and marks the facts it affects. */
enum rp_status rp_create_fill(struct rp_db *db, struct rp_record *rec);

/* Notes that the facts of a deal (kind RP_DEAL) or of every deal of an account
 * (RP_ACCOUNT) must be derived again; outside a transaction they are at once. */
enum rp_status rp_facts_dirty(struct rp_db *db, enum rp_kind_id kind, int64_t id);
/* Refreshes the facts of every deal marked dirty (called by rp_db_commit). */
enum rp_status rp_facts_flush(struct rp_db *db);
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
/* Marks what a created, changed or deleted record affects. */
enum rp_status rp_facts_dirty_record(struct rp_db *db, const struct rp_record *rec);

/* Appends a line to the history of a record: FIELD went FROM → TO, because REASON. */
enum rp_status rp_history_add(struct rp_db *db, enum rp_kind_id kind, int64_t id,
                              const char *field, const char *from, const char *to,
                              const char *reason);

#endif
