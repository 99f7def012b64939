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
/* The id the next record of KIND would get: one more than the largest stored. */
enum rp_status rp_load_next_id(struct rp_db *db, enum rp_kind_id kind, int64_t *id);
/* Inserts the N records RECS, all of one kind and each with its id set, binding every
 * field (unset ones as NULL, so the caller sets every required one). In a transaction. */
enum rp_status rp_load_records(struct rp_db *db, const struct rp_record *recs, size_t n);
/* Adds contact CONTACT_ID to the attendees of meeting MEETING_ID (both loaded). */
enum rp_status rp_load_attendee(struct rp_db *db, int64_t meeting_id, int64_t contact_id);
/* Derives and stores the agenda facts of every deal of one loaded account. ROWS holds, by
 * kind, the account (rows[RP_ACCOUNT], one record) and what belongs to it, each list in
 * the order recorded; the records are borrowed for the call. */
enum rp_status rp_load_facts(struct rp_db *db, const struct rp_records rows[RP_KIND_COUNT]);
/* Derives the account facts of the loaded accounts with ids FIRST to LAST, once their deals'
 * facts are loaded. */
enum rp_status rp_load_account_facts(struct rp_db *db, int64_t first, int64_t last);

#endif
