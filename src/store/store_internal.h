/* What the files of the store share: the handle, the statement cache and the helpers
 * that move field values between records and SQL. Not for use outside src/store. */
#ifndef RP_STORE_INTERNAL_H
#define RP_STORE_INTERNAL_H

#include "base/buf.h"
#include "store/driver.h"
#include "store/store.h"

#define STORE_CACHE_MAX 64
/* The most columns a candidate statement of the agenda has. */
#define STORE_CAND_COLUMNS 64
/* The shapes of a scope: the whole book, one user, a team, the records without an owner. */
#define STORE_CAND_SHAPES 4

struct cached_stmt {
    char *sql;
    struct rp_stmt *stmt;
};

#define STORE_LISTS_MAX 32

/* What decides the SQL of a list query (store.c list_sql): kind, filtered fields, scope,
 * order, cursor and limit. */
struct list_shape {
    int kind, order, descending, after, limit, scope;
    uint64_t match; /* one bit per filtered field */
};

struct shaped_stmt {
    struct list_shape shape;
    struct rp_stmt *stmt;
};

/* The transaction control statements a store keeps prepared (driver prepare_control). */
enum store_control {
    STORE_BEGIN_READ,
    STORE_BEGIN_WRITE,
    STORE_COMMIT,
    STORE_ROLLBACK,
    STORE_CONTROLS
};

struct rp_store {
    const struct rp_driver *drv;
    void *conn;
    struct rp_error *err;
    int in_tx;
    /* A load in many transactions chooses ids itself (rp_store_set_loading): each of its
     * commits first moves the engine's own numbering past them (bulk_end_sql), since other
     * programs write between its transactions. */
    int loading;
    int brief; /* a process's that runs one command (rp_store_ahead) */
    struct cached_stmt cache[STORE_CACHE_MAX];
    size_t ncache;
    /* Statements built from the field tables, kept without their text being made again:
     * a record by id per kind, and list queries by shape (replaced round-robin). */
    struct rp_stmt *get[RP_KIND_COUNT];
    struct rp_stmt *version; /* asked before most requests of a server (rp_store_version) */
    struct rp_stmt *actor[RP_STORE_CREDENTIALS]; /* a request's caller (store_auth.c actor_bound) */
    /* The commits counted (migration 25): from when the schema is up to date, each
     * transaction whose own changes moved since it began counts itself at its commit, and
     * the watch is told (rp_db_watch_commits). */
    int counting;
    int64_t changes_at_begin;
    struct rp_commit_watch watch;
    struct rp_stmt *control[STORE_CONTROLS]; /* BEGIN, COMMIT, ROLLBACK (store_control) */
    /* Each kind's JSON names, written once: '{"id":' then ',"name":' and so on, field F's
     * from at[F] to at[F + 1] of text (store_write_row). */
    struct store_names {
        char *text;
        size_t *at; /* kind->nfields + 1 offsets */
    } names[RP_KIND_COUNT];
    struct shaped_stmt lists[STORE_LISTS_MAX];
    size_t nlists;
    int64_t schema_opened, schema_now, schema_known; /* rp_store_schema */
    /* The agenda's candidate statements by set (the short meetings' last), scope (whole
     * book, one user, a team, the records without an owner: store_cand_shape) and the
     * day's slot, and which field each column of a set fills, learnt from its first row
     * (store_agenda.c). */
    struct rp_stmt *cand[RP_CAND_COUNT + 1][STORE_CAND_SHAPES][RP_STORE_DAYS_AHEAD];
    int cand_ncols[RP_CAND_COUNT + 1];
    signed char cand_map[RP_CAND_COUNT + 1][STORE_CAND_COLUMNS];
};

/* A reset statement for SQL, prepared once and cached. Borrowed: valid until the store
 * closes; finish with it (step to the end or reset) before preparing the same SQL. */
enum rp_status store_prepare(struct rp_store *st, const char *sql, struct rp_stmt **out);
/* Steps STMT to its end and resets it. */
enum rp_status store_run(struct rp_store *st, struct rp_stmt *stmt);
/* The same for a write of the transaction whose answer nothing waits for: where statements
 * cost round trips, it goes out with the next one (the driver's run_later), and its
 * failure is that statement's. */
enum rp_status store_run_later(struct rp_store *st, struct rp_stmt *stmt);
/* Has the engine plan STMT once for all parameters' values (the driver's plan_once): for a
 * statement a server runs often whose planning was measured to cost as much as running. */
void store_plan_once(struct rp_store *st, struct rp_stmt *stmt);
/* Counts up the agenda change counter every agenda reads (migration 22): a load's rows
 * count as a change to everyone's agenda (store_bulk.c). */
enum rp_status store_mark_everyone(struct rp_store *st);
/* store_prepare and store_run for a statement whose every parameter the caller binds each
 * time it runs (a bulk insert): between runs it is rewound, its bindings not cleared. */
enum rp_status store_prepare_bound(struct rp_store *st, const char *sql, struct rp_stmt **out);
enum rp_status store_run_bound(struct rp_store *st, struct rp_stmt *stmt);
enum rp_status store_bind_value(struct rp_store *st, struct rp_stmt *stmt, int i,
                                const struct rp_field *f, const struct rp_value *v);
/* Appends the quoted column names of KIND, comma-separated. */
enum rp_status store_add_columns(struct rp_buf *sql, const struct rp_kind *kind);
/* Sends STMT, prepared and bound, with the next round trip, where the engine has round
 * trips (rp_store_reads_ahead, which a caller asks before it prepares a statement to send):
 * the next step of STMT, bound the same, reads its answer. Every *_ahead call sends its
 * statement so; one it could not prepare or bind it leaves to the read, which then tells why. */
void store_send_ahead(struct rp_store *st, struct rp_stmt *stmt);
/* Reads the user with e-mail EMAIL ahead (rp_store_open_ahead). */
void store_user_by_email_ahead(struct rp_store *st, const char *email);
/* Reads the current row (columns in the order of store_add_columns) into REC. */
enum rp_status store_read_row(struct rp_store *st, struct rp_stmt *stmt, struct rp_record *rec);

/* Steps STMT to its end, collecting its first column as ids into *ids (owned, free()). */
enum rp_status store_collect_ids(struct rp_store *st, struct rp_stmt *stmt, int64_t **ids,
                                 size_t *n);
/* Appends " AND ..." limiting rows to SCOPE, by the account owner column OWNER or, for
 * rows that belong to an account, by the owner of the account in column ACCOUNT (nothing
 * for an unrestricted scope); store_scope_bind binds its parameters from *n + 1 on. */
enum rp_status store_scope_sql(struct rp_buf *sql, const char *owner, const char *account,
                               const struct rp_scope *scope);
/* store_scope_sql for a statement that should read by owner: a team as one list of owners. */
enum rp_status store_owners_scope_sql(struct rp_buf *sql, const char *owner,
                                      const struct rp_scope *scope);
enum rp_status store_scope_bind(struct rp_store *st, struct rp_stmt *stmt, int *n,
                                const struct rp_scope *scope);
/* Whether SCOPE limits what is seen to one user's own (a rep's, not a team's). */
int store_scope_one_owner(const struct rp_scope *scope);
/* SCOPE's shape, 0 to STORE_CAND_SHAPES - 1: the whole book, one user, a team, the
 * records without an owner. */
int store_cand_shape(const struct rp_scope *scope);
/* Appends TABLE, with the driver's hint to read it through INDEX where it takes one. */
enum rp_status store_add_index_hint(struct rp_store *st, struct rp_buf *sql, const char *table,
                                    const char *index);

/* Whether N records are loaded faster through the driver's COPY (store_copy.c), and
 * loads them so: rp_store_bulk_insert_all's contract. */
int store_copy_fits(const struct rp_store *st, size_t n);
enum rp_status store_copy_rows(struct rp_store *st, const struct rp_record *recs, size_t n);
/* Binds row R of CTX's rows as parameters 1 to the COPY's number of columns. */
typedef enum rp_status (*store_copy_bind_fn)(struct rp_store *st, struct rp_stmt *stmt,
                                             const void *ctx, size_t r);
/* Writes N rows of NCOLS columns into TARGET ("table (column, ...)") through the driver's
 * COPY (which store_copy_fits said it has), each bound by BIND. */
enum rp_status store_copy_each(struct rp_store *st, const char *target, int ncols, size_t n,
                               store_copy_bind_fn bind, const void *ctx);

/* An RFC 3339 instant or YYYY-MM-DD date column as epoch seconds or days; -1 when NULL. */
int64_t store_col_instant(struct rp_store *st, struct rp_stmt *stmt, int col);
int64_t store_col_date(struct rp_store *st, struct rp_stmt *stmt, int col);
/* Reads the deal_facts columns (in table order, STORE_FACTS_COLUMNS of them) of the
 * current row from column COL on. */
#define STORE_FACTS_COLUMNS 21
void store_read_facts(struct rp_store *st, struct rp_stmt *stmt, int col, struct rp_deal_facts *f);

/* The sum of the change counters (agenda_marks) of the owners in a scope, each looked up by
 * its key, for the stamps of kept agendas and pages: SQLite makes "owner_id = 0 OR owner_id
 * = ?" a list to search, a temporary table built and dropped at every run, which was a third
 * of a kept agenda's read. The statement of shape store_marks_shape() takes its parameters
 * from store_marks_bind: MARKS_ONE the user's id; MARKS_TEAM the manager's id, the team, and
 * the manager's id again (a manager is in their team, counted once). Everyone's counter
 * alone is in every stamp too. */
#define MARKS_OF(owner) "COALESCE((SELECT n FROM agenda_marks WHERE owner_id = " owner "), 0)"
#define MARKS_ALL "(SELECT COALESCE(SUM(n), 0) FROM agenda_marks)"
#define MARKS_ONE MARKS_OF("0") " + " MARKS_OF("?")
#define MARKS_TEAM                                                                                 \
    MARKS_ONE " + (SELECT COALESCE(SUM(m.n), 0) FROM users u JOIN agenda_marks m ON "              \
              "m.owner_id = u.id WHERE u.team = ? AND u.id <> ?)"
#define EVERYONE_MARKS "(SELECT COALESCE(MAX(n), 0) FROM agenda_marks WHERE owner_id = 0)"
/* 0: everyone's (MARKS_ALL), 1: a user's (MARKS_ONE), 2: a manager's (MARKS_TEAM). */
int store_marks_shape(const struct rp_scope *scope);
enum rp_status store_marks_bind(struct rp_store *st, struct rp_stmt *stmt, int *n,
                                const struct rp_scope *scope);

/* Column COL of STMT's current row as text, with its length; 0 when it is NULL. */
int store_col_text(struct rp_store *st, struct rp_stmt *stmt, int col, const char **text,
                   size_t *len);

#endif
