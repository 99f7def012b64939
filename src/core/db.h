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
};

/* Appends a line to the history of a record: FIELD went FROM → TO, because REASON. */
enum rp_status rp_history_add(struct rp_db *db, enum rp_kind_id kind, int64_t id,
                              const char *field, const char *from, const char *to,
                              const char *reason);

#endif
