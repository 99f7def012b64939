/* Bulk loading for `rapport seed` (and later importers): records whose ids the caller
 * chose, into a database it knows holds none of them yet, without reading anything back.
 * The caller is responsible for what the verbs would have checked (references, defaults,
 * timestamps); the schema still enforces its constraints. */
#ifndef RP_STORE_BULK_H
#define RP_STORE_BULK_H

#include <stdint.h>

#include "store/store.h"

struct rp_store_bulk;

/* Begins a bulk load in a transaction of its own (none may be open): a larger page cache,
 * statement journals in memory, a rollback journal instead of the WAL when this is the
 * only connection, and the indexes and full-text triggers set aside (SQLite's FTS5 writes
 * a segment per statement, and an index built from sorted keys at the end costs a fraction
 * of one grown row by row). Nothing may be read through a dropped index meanwhile. *out is
 * owned: pass it to rp_store_bulk_commit, which builds the indexes, puts the triggers back,
 * rebuilds the full-text index once and commits, or to rp_store_bulk_rollback. Either
 * restores the settings (and the WAL). */
enum rp_status rp_store_bulk_begin(struct rp_store *st, struct rp_store_bulk **out);
/* The same for a load into a book that may be large and in use (an import): the page
 * cache is CACHE_KIB instead, and the indexes stay, so that the work grows with what is
 * loaded, not with what the book held. Only the full-text and agenda counter insert
 * triggers of accounts, contacts and deals are set aside: write those through
 * rp_store_bulk_insert, which indexes each batch's text with one statement (FTS5 writes a
 * segment per statement) and counts the records by owner, added to the agenda change
 * counters at commit as the triggers would have, row by row. */
enum rp_status rp_store_bulk_begin_keep(struct rp_store *st, int64_t cache_kib,
                                        struct rp_store_bulk **out);
enum rp_status rp_store_bulk_commit(struct rp_store *st, struct rp_store_bulk *b);
void rp_store_bulk_rollback(struct rp_store *st, struct rp_store_bulk *b);

/* The id the next record of KIND would get: one more than the largest stored. */
enum rp_status rp_store_bulk_next_id(struct rp_store *st, const struct rp_kind *kind, int64_t *id);
/* Inserts the N records RECS, all of one kind and each with its id set, binding every
 * field (unset ones as NULL, so the caller sets every NOT NULL column), many rows per
 * statement. */
enum rp_status rp_store_bulk_insert_all(struct rp_store *st, const struct rp_record *recs,
                                        size_t n);
/* The same, in a load begun with rp_store_bulk_begin_keep: the records, new and with
 * consecutive ids, are also indexed for full-text search, by rp_store_bulk_fulltext or at
 * the latest by rp_store_bulk_commit. */
enum rp_status rp_store_bulk_insert(struct rp_store *st, struct rp_store_bulk *b,
                                    const struct rp_record *recs, size_t n);
/* Indexes the full text of the records rp_store_bulk_insert wrote since the last call:
 * call it before anything updates or deletes one of them (their triggers take out of the
 * full-text index what they expect to be there). */
enum rp_status rp_store_bulk_fulltext(struct rp_store *st, struct rp_store_bulk *b);
/* In a load begun with rp_store_bulk_begin_keep that writes more records of KIND than its
 * table held: sets aside the table's indexes led by its account reference (new rows land
 * all over them), to be built from sorted keys by rp_store_bulk_indexes or at the latest
 * by rp_store_bulk_commit. Nothing may read through them meanwhile. Nothing for a driver
 * that sets nothing aside. */
enum rp_status rp_store_bulk_set_aside(struct rp_store *st, struct rp_store_bulk *b,
                                       const struct rp_kind *kind);
int rp_store_bulk_is_aside(const struct rp_store_bulk *b, const struct rp_kind *kind);
/* Builds the indexes rp_store_bulk_set_aside set aside. */
enum rp_status rp_store_bulk_indexes(struct rp_store *st, struct rp_store_bulk *b);

#endif
