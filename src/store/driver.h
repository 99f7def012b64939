/* The database engine beneath the store: an ops table that each backend (SQLite now,
 * PostgreSQL later) fills. Statements are written once, in portable SQL with `?`
 * placeholders; a backend that numbers its parameters rewrites them in prepare. */
#ifndef RP_DRIVER_H
#define RP_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"

struct rp_stmt;

struct rp_driver {
    const char *name;
    enum rp_status (*open)(const char *target, void **conn, struct rp_error *err);
    void (*close)(void *conn);
    /* Runs SQL without parameters (schema, transaction control); may hold several
     * statements. */
    enum rp_status (*exec)(void *conn, const char *sql, struct rp_error *err);
    enum rp_status (*prepare)(void *conn, const char *sql, struct rp_stmt **out,
                              struct rp_error *err);
    /* Makes a statement ready to bind and run again. */
    void (*reset)(struct rp_stmt *st);
    /* Sends bound statement ST with the connection's next round trip (after that round
     * trip's own statement, skipped when it fails), and keeps its answer for ST's next
     * step: used then if no other round trip came between and the same values are bound
     * again; else ST runs again at that step. A failure of ST is its next run's to tell.
     * NULL where every statement costs no round trip anyway (SQLite). */
    void (*read_ahead)(struct rp_stmt *st);
    /* Runs bound statement ST, which returns no rows and whose answer nothing waits for (a
     * write of the transaction), with the connection's next round trip, ahead of that round
     * trip's own statement; a failure of ST is that round trip's. It runs at once where it
     * cannot wait (outside a transaction). ST is left ready to bind again. NULL where every
     * statement costs no round trip anyway (SQLite). */
    enum rp_status (*run_later)(struct rp_stmt *st, struct rp_error *err);
    /* The same for a statement whose every parameter is bound anew before it runs again:
     * the old values may stay bound meanwhile (clearing a statement of a thousand
     * parameters is a pass over them all). NULL: the driver has no such thing. */
    void (*rewind)(struct rp_stmt *st);
    void (*finalize)(struct rp_stmt *st);
    /* Marks a prepared statement to be planned once for all its parameters' values rather
     * than for each run's, where that was measured cheaper; NULL where the engine plans
     * statements once anyway (SQLite). */
    void (*plan_once)(struct rp_stmt *st);
    /* Parameters are numbered from 1; text is copied. */
    enum rp_status (*bind_null)(struct rp_stmt *st, int i);
    enum rp_status (*bind_int)(struct rp_stmt *st, int i, int64_t v);
    enum rp_status (*bind_text)(struct rp_stmt *st, int i, const char *s);
    /* The same for text that stays as it is until the statement has run and is reset or
     * rewound, bound without a copy (bulk loads); NULL when the driver has no such thing. */
    enum rp_status (*bind_text_kept)(struct rp_stmt *st, int i, const char *s);
    /* Advances to the next row: *row is 1 on a row, 0 when done. A violated unique or
     * foreign key constraint is RP_ERR_CONFLICT. */
    enum rp_status (*step)(struct rp_stmt *st, int *row, struct rp_error *err);
    /* Columns of the current row, numbered from 0; text is borrowed until the next step. */
    int (*column_null)(struct rp_stmt *st, int col);
    int64_t (*column_int)(struct rp_stmt *st, int col);
    const char *(*column_text)(struct rp_stmt *st, int col);
    /* The number of columns of ST's rows, and the name of each (an alias where given). */
    int (*column_count)(struct rp_stmt *st);
    const char *(*column_name)(struct rp_stmt *st, int col);
    /* Column COL in one call, for writing rows out: 0 for NULL; else 1, with its integer in
     * *I when AS_INT, or its text in *S (borrowed until the next step) and its length in
     * *LEN. Optional (NULL: the store uses the calls above, two and a strlen a column). */
    int (*column_cell)(struct rp_stmt *st, int col, int as_int, int64_t *i, const char **s,
                       size_t *len);
    /* A query of one integer that changes when another connection commits a change, and
     * the number of rows this connection has changed so far: together they tell whether
     * the database may have changed since they were last read. */
    const char *others_version_sql;
    int64_t (*own_changes)(void *conn);
    /* The round trips to the database CONN waited for so far; NULL where statements cost
     * none (SQLite). */
    int64_t (*round_trips)(void *conn);
    /* Statements of CONN that run more than MS milliseconds from now stop with
     * RP_ERR_BUSY; 0 lifts the bound. */
    void (*set_deadline)(void *conn, int64_t ms);
    /* Whether a statement that finds the database locked waits for it as usual (WAIT 1) or
     * fails at once with RP_ERR_BUSY (0). Optional (NULL: it always waits). */
    void (*set_busy_wait)(void *conn, int wait);
    /* "BEGIN IMMEDIATE" (SQLite: take the write lock now) or "BEGIN". */
    const char *begin_write;
    /* A transaction whose statements all read one snapshot: SQLite's "BEGIN" (WAL keeps
     * the snapshot of the first read), PostgreSQL's REPEATABLE READ (at READ COMMITTED
     * each statement would see the commits made since the last). */
    const char *begin_read;
    /* Whether BEGIN, COMMIT and ROLLBACK may be prepared once and stepped (SQLite), rather
     * than run as text each time (rp_store_begin_read and the others). */
    int prepare_control;
    /* The schema, one migration per entry, oldest first, NULL-terminated. */
    const char *const *migrations;
    /* Makes the table of migrations (rp_migrations: version, applied_at) when it is missing,
     * safely when several processes open a new database at once. */
    const char *migrations_table_sql;

    /* The dialect's differences, used by the files of the store that need them. */
    /* Full-text search (store_recall.c): a WITH clause naming hits (r, score), the rows of
     * the index (record id * 16 + type) matching parameter 1, lower scores better, NOT
     * MATERIALIZED so that a query of the newest hits scores only those; and the user's
     * words as that parameter, any text made safe. */
    const char *fulltext_hits_sql;
    enum rp_status (*fulltext_match)(const char *words, struct rp_buf *out);
    /* Bulk loading (store_bulk.c): whether indexes and full-text triggers are set aside
     * while loading and built at the end (SQLite), and SQL run before the load commits
     * (NULL: none). */
    int bulk_set_aside;
    /* Account facts (store_facts.c): fills account_facts for the accounts with ids from
     * parameter 1 to parameter 2 (the dates are the engine's arithmetic). */
    const char *account_facts_sql;
    /* Makes the commits that follow not wait for the disk (DURABLE 0), or wait again
     * (rp_db_set_durable; no transaction open). */
    enum rp_status (*set_durable)(void *conn, int durable, struct rp_error *err);
    /* Run when a process that runs one command and ends opens the store (rp_store_ahead;
     * NULL: nothing). */
    const char *brief_sql;
    /* Run when a load ends, before it commits (NULL: nothing). */
    const char *bulk_end_sql;
    /* Bulk loading through the engine's own path (PostgreSQL's COPY), NULL where there is
     * none (SQLite's multi-row INSERTs are as fast). copy_begin readies rows for TARGET
     * ("table (column, ...)", NCOLS columns); each row's values are bound as parameters 1
     * to NCOLS of *OUT and sent by step; copy_end ends the load and frees *OUT, abandoning
     * what was sent when ABANDON is set. A violated constraint is RP_ERR_CONFLICT, from
     * step or copy_end. */
    enum rp_status (*copy_begin)(void *conn, const char *target, int ncols, struct rp_stmt **out,
                                 struct rp_error *err);
    enum rp_status (*copy_end)(struct rp_stmt *st, int abandon, struct rp_error *err);
    /* users.email equal to parameter 1 with ASCII case folded (store_auth.c). */
    const char *email_equals;
    /* A hint to read a table through one of its indexes, written after the table's name
     * and followed by the index's name (SQLite: " INDEXED BY "), where the planner's own
     * choice was measured slower (store_add_index_hint); NULL where the engine takes no
     * such hint. */
    const char *index_hint;
    /* Whether writers waiting for the write lock get it in the order they asked
     * (PostgreSQL's lock queue), rather than each trying again after a sleep (SQLite's
     * busy handler), which a writer that takes it again at once can starve. */
    int writers_queue;
};

extern const struct rp_driver rp_driver_sqlite;
extern const struct rp_driver rp_driver_pg;

/* The driver for TARGET: PostgreSQL for a postgresql:// or postgres:// URL, else SQLite
 * (a file path). */
const struct rp_driver *rp_driver_for(const char *target);

#endif
