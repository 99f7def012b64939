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

#endif
