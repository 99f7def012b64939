/* Loading a book of records built in memory, with the ids they will have, many rows per
 * statement and nothing read back: what `rapport seed` (src/seed/) writes with. The loader
 * answers for what the verbs would have checked (references, defaults, timestamps, history
 * lines); the schema still enforces its constraints, and the agenda's deal facts are
 * derived here, by the core, from the records as loaded. */
#ifndef RAPPORT_LOAD_H
#define RAPPORT_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "rapport/rapport.h"

/* Settings for a long load (a larger page cache, statement journals in memory) while ON,
 * the usual ones again when not. Call outside a transaction. */
enum rp_status rp_load_mode(struct rp_db *db, int on);
/* Whether other writers waiting for the database get it in turn when a transaction of the
 * load commits (PostgreSQL), so that the load need not pause between its transactions to
 * let them in (SQLite's writers retry after sleeps of up to 100 ms). */
int rp_load_writers_queue(struct rp_db *db);
/* The id the next record of KIND would get: one more than the largest stored. */
enum rp_status rp_load_next_id(struct rp_db *db, enum rp_kind_id kind, int64_t *id);
/* Inserts the N records RECS, all of one kind and each with its id set, binding every
 * field (unset ones as NULL, so the caller sets every required one). In a transaction. */
enum rp_status rp_load_records(struct rp_db *db, const struct rp_record *recs, size_t n);
/* Adds the N attendees PAIRS (meeting id, contact id; both loaded, each pair once). */
enum rp_status rp_load_attendees(struct rp_db *db, const int64_t (*pairs)[2], size_t n);
/* Derives and stores the agenda facts of every deal of N loaded accounts. ACCOUNTS[i] holds,
 * by kind, the account (ACCOUNTS[i][RP_ACCOUNT], one record) and what belongs to it, each
 * list in the order recorded; the records are borrowed for the call. */
enum rp_status rp_load_facts(struct rp_db *db, const struct rp_records (*accounts)[RP_KIND_COUNT],
                             size_t n);
/* Derives the account facts of the loaded accounts with ids FIRST to LAST, once their deals'
 * facts are loaded. */
enum rp_status rp_load_account_facts(struct rp_db *db, int64_t first, int64_t last);

#endif
