/* The SQLite backend: one file, WAL, foreign keys on, a busy timeout so that concurrent
 * writers wait rather than fail. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/driver.h"
#include "base/banned.h"

extern const char *const rp_schema_sqlite[];
extern const char rp_account_facts_sqlite[];

/* When the statements of this thread's connection must stop (CLOCK_MONOTONIC ns), 0 for
 * never. A connection is used by one thread at a time, so the bound is the thread's. */
static _Thread_local int64_t deadline_ns;

/* How long a statement waits for another connection's lock. */
#define BUSY_WAIT_MS 5000

static int64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Called every few thousand virtual machine steps; non-zero interrupts the statement. */
static int progress_cb(void *unused)
{
    (void)unused;
    return deadline_ns && monotonic_ns() > deadline_ns;
}

static void sqlite_set_deadline(void *conn, int64_t ms)
{
    (void)conn;
    deadline_ns = ms ? monotonic_ns() + ms * 1000000 : 0;
}

static void sqlite_set_busy_wait(void *conn, int wait)
{
    sqlite3_busy_timeout(conn, wait ? BUSY_WAIT_MS : 0);
}

static enum rp_status sqlite_fail(sqlite3 *db, struct rp_error *err, int rc)
{
    int ext = sqlite3_extended_errcode(db);
    enum rp_status code = RP_ERR_INTERNAL;
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        return rp_error_set(err, RP_ERR_BUSY, NULL,
                            "database is busy (another program is "
                            "writing; try again)");
    if (rc == SQLITE_INTERRUPT)
        return rp_error_set(err, RP_ERR_BUSY, NULL,
                            "the request took too long (narrow it, "
                            "or try again later)");
    /* The constraint's SQL names tables and columns; the caller hears only what it means. */
    if (rc == SQLITE_CONSTRAINT)
        return rp_error_set(err, RP_ERR_CONFLICT, NULL,
                            "conflicts with another record (a "
                            "value that must be unique is taken, or a record referred to is "
                            "missing)");
    return rp_error_set(err, code, NULL, "database error (%s)",
                        ext ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

static enum rp_status sqlite_exec(void *conn, const char *sql, struct rp_error *err)
{
    sqlite3 *db = conn;
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? RP_OK : sqlite_fail(db, err, rc);
}

/* Turning a new file to WAL needs an exclusive lock, and SQLite answers BUSY at once
 * rather than wait for it (waiting while holding a shared lock could deadlock), so a few
 * processes opening a new database together must retry. */
static int sqlite_wal(sqlite3 *db)
{
    int rc;
    for (int i = 0; i < 500; i++) {
        if ((rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL)) != SQLITE_BUSY)
            break;
        sqlite3_sleep(10);
    }
    return rc;
}

static int trace_cb(unsigned t, void *c, void *p, void *x)
{
    (void)c;
    if (t == SQLITE_TRACE_PROFILE) {
        char *sql = sqlite3_expanded_sql(p);
        fprintf(stderr, "%.3f ms: %.3000s\n", (double)*(sqlite3_int64 *)x / 1e6, sql);
        sqlite3_free(sql);
    }
    return 0;
}

/* Compares two values that are not NULL as SQLite orders them: numbers before text,
 * text by its bytes (BINARY collation). */
static int sqlite_value_cmp(sqlite3_value *a, sqlite3_value *b)
{
    int ta = sqlite3_value_numeric_type(a), tb = sqlite3_value_numeric_type(b);
    int na = ta == SQLITE_INTEGER || ta == SQLITE_FLOAT,
        nb = tb == SQLITE_INTEGER || tb == SQLITE_FLOAT;
    if (na != nb)
        return na ? -1 : 1;
    if (na) {
        double x = sqlite3_value_double(a), y = sqlite3_value_double(b);
        return (x > y) - (x < y);
    }
    const unsigned char *x = sqlite3_value_text(a), *y = sqlite3_value_text(b);
    int lx = sqlite3_value_bytes(a), ly = sqlite3_value_bytes(b);
    int c = memcmp(x, y, (size_t)(lx < ly ? lx : ly));
    return c ? c : (lx > ly) - (lx < ly);
}

/* GREATEST(a, b, ...), as PostgreSQL has it, so that statements can be written once: the
 * largest argument by SQLite's ordering, NULL when any is NULL (as SQLite's MAX(a, b)). */
static void greatest_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    sqlite3_value *best = NULL;
    for (int i = 0; i < argc; i++) {
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
            sqlite3_result_null(ctx);
            return;
        }
        if (!best || sqlite_value_cmp(argv[i], best) > 0)
            best = argv[i];
    }
    if (best)
        sqlite3_result_value(ctx, best);
}

static enum rp_status sqlite_open(const char *target, void **conn, struct rp_error *err)
{
    sqlite3 *db = NULL;
    /* A handle is used by one thread at a time (the server opens one per thread), so
     * SQLite's own locking of the connection is not needed. */
    int rc = sqlite3_open_v2(
        target, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        rp_error_set(err, RP_ERR_INTERNAL, NULL, "cannot open database '%s' (%s)", target,
                     db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return RP_ERR_INTERNAL;
    }
    sqlite3_busy_timeout(db, BUSY_WAIT_MS);
    sqlite3_create_function(db, "greatest", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            greatest_fn, NULL, NULL);
    sqlite3_progress_handler(db, 4000, progress_cb, NULL);
    if (getenv("RAPPORT_TRACE"))
        sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, trace_cb, NULL);
    /* FULL makes every acknowledged commit survive a power cut, not only a crash. */
    enum rp_status st =
        sqlite_wal(db) == SQLITE_OK
            ? sqlite_exec(db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;", err)
            : RP_ERR_INTERNAL;
    if (st) {
        rp_error_set(err, st, NULL, "cannot open database '%s' (%s)", target, sqlite3_errmsg(db));
        sqlite3_close(db);
        return st;
    }
    *conn = db;
    return RP_OK;
}

static void sqlite_close(void *conn)
{
    sqlite3_close(conn);
}

static enum rp_status sqlite_prepare(void *conn, const char *sql, struct rp_stmt **out,
                                     struct rp_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK)
        return sqlite_fail(conn, err, rc);
    *out = (struct rp_stmt *)st;
    return RP_OK;
}

static void sqlite_reset(struct rp_stmt *st)
{
    sqlite3_reset((sqlite3_stmt *)st);
    sqlite3_clear_bindings((sqlite3_stmt *)st);
}

static void sqlite_rewind(struct rp_stmt *st)
{
    sqlite3_reset((sqlite3_stmt *)st);
}

static void sqlite_finalize(struct rp_stmt *st)
{
    sqlite3_finalize((sqlite3_stmt *)st);
}

static enum rp_status bind_status(int rc)
{
    return rc == SQLITE_OK ? RP_OK : RP_ERR_INTERNAL;
}

static enum rp_status sqlite_bind_null(struct rp_stmt *st, int i)
{
    return bind_status(sqlite3_bind_null((sqlite3_stmt *)st, i));
}

static enum rp_status sqlite_bind_int(struct rp_stmt *st, int i, int64_t v)
{
    return bind_status(sqlite3_bind_int64((sqlite3_stmt *)st, i, v));
}

static enum rp_status sqlite_bind_text(struct rp_stmt *st, int i, const char *s)
{
    return bind_status(sqlite3_bind_text((sqlite3_stmt *)st, i, s, -1, SQLITE_TRANSIENT));
}

static enum rp_status sqlite_bind_text_kept(struct rp_stmt *st, int i, const char *s)
{
    return bind_status(sqlite3_bind_text((sqlite3_stmt *)st, i, s, -1, SQLITE_STATIC));
}

static enum rp_status sqlite_step(struct rp_stmt *st, int *row, struct rp_error *err)
{
    sqlite3_stmt *s = (sqlite3_stmt *)st;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
        *row = rc == SQLITE_ROW;
        return RP_OK;
    }
    return sqlite_fail(sqlite3_db_handle(s), err, rc);
}

static int sqlite_column_null(struct rp_stmt *st, int col)
{
    return sqlite3_column_type((sqlite3_stmt *)st, col) == SQLITE_NULL;
}

static int64_t sqlite_column_int(struct rp_stmt *st, int col)
{
    return sqlite3_column_int64((sqlite3_stmt *)st, col);
}

static const char *sqlite_column_text(struct rp_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text((sqlite3_stmt *)st, col);
    return s ? (const char *)s : "";
}

static int sqlite_column_count(struct rp_stmt *st)
{
    return sqlite3_column_count((sqlite3_stmt *)st);
}

static const char *sqlite_column_name(struct rp_stmt *st, int col)
{
    const char *name = sqlite3_column_name((sqlite3_stmt *)st, col);
    return name ? name : "";
}

static int sqlite_column_cell(struct rp_stmt *st, int col, int as_int, int64_t *i, const char **s,
                              size_t *len)
{
    /* The value once, then its parts: each sqlite3_column_* call enters and leaves the
     * connection's API, three times a column for a page of records. The value is used on
     * this connection's thread alone, as the unprotected value it is may be. */
    sqlite3_value *v = sqlite3_column_value((sqlite3_stmt *)st, col);
    const unsigned char *text;
    if (as_int) {
        *i = sqlite3_value_int64(v);
        return sqlite3_value_type(v) != SQLITE_NULL;
    }
    if (!(text = sqlite3_value_text(v))) { /* NULL, or out of memory: read as column_text does */
        *s = "";
        *len = 0;
        return sqlite3_value_type(v) != SQLITE_NULL;
    }
    *s = (const char *)text;
    *len = (size_t)sqlite3_value_bytes(v);
    return 1;
}

/* In WAL, a commit at NORMAL is not synced; the next one at FULL syncs the log with it, and
 * a checkpoint syncs the log first. */
static enum rp_status sqlite_set_durable(void *conn, int durable, struct rp_error *err)
{
    return sqlite_exec(conn, durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL",
                       err);
}

/* ---- full-text search (FTS5, migration 3) ----------------------------------------- */

#define BLANKS " \t\n\r\f\v"
/* A word shorter than this (in characters) is matched whole, not as a prefix: "a"* would
 * make the index read the entries of every word that starts with an a. */
#define PREFIX_MIN 2

static size_t utf8_chars(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

/* Whether the N bytes at WORD appear as a word of WORDS before it. */
static int seen_before(const char *words, const char *word, size_t n)
{
    for (const char *p = words + strspn(words, BLANKS); p < word; p += strspn(p, BLANKS)) {
        size_t m = strcspn(p, BLANKS);
        if (m == n && !memcmp(p, word, n))
            return 1;
        p += m;
    }
    return 0;
}

/* The user's words as an FTS5 query: each distinct run of non-blank bytes becomes a quoted
 * term ("word", a quote inside doubled; a prefix term "word"* when it is long enough), and
 * all of them must match. Quoted, every character is literal, so no input can be an FTS5
 * syntax error; a term the tokenizer finds no word in (punctuation alone) drops out of
 * the match. */
static enum rp_status sqlite_fulltext_match(const char *words, struct rp_buf *out)
{
    enum rp_status rc = RP_OK;
    const char *p = words + strspn(words, BLANKS);
    while (!rc && *p) {
        size_t n = strcspn(p, BLANKS);
        if (!seen_before(words, p, n)) {
            rc = rp_buf_adds(out, out->len ? " \"" : "\"");
            for (size_t i = 0; i < n && !rc; i++)
                rc = p[i] == '"' ? rp_buf_adds(out, "\"\"") : rp_buf_addc(out, p[i]);
            if (!rc)
                rc = rp_buf_adds(out, utf8_chars(p, n) >= PREFIX_MIN ? "\"*" : "\"");
        }
        p += n;
        p += strspn(p, BLANKS);
    }
    return rc;
}

static int64_t sqlite_own_changes(void *conn)
{
    return sqlite3_total_changes64(conn);
}

const struct rp_driver rp_driver_sqlite = {
    .name = "sqlite",
    .open = sqlite_open,
    .close = sqlite_close,
    .exec = sqlite_exec,
    .prepare = sqlite_prepare,
    .reset = sqlite_reset,
    .finalize = sqlite_finalize,
    .bind_null = sqlite_bind_null,
    .bind_int = sqlite_bind_int,
    .bind_text = sqlite_bind_text,
    .bind_text_kept = sqlite_bind_text_kept,
    .rewind = sqlite_rewind,
    .step = sqlite_step,
    .column_null = sqlite_column_null,
    .column_int = sqlite_column_int,
    .column_text = sqlite_column_text,
    .column_count = sqlite_column_count,
    .column_name = sqlite_column_name,
    .column_cell = sqlite_column_cell,
    .others_version_sql = "PRAGMA data_version",
    .own_changes = sqlite_own_changes,
    .set_deadline = sqlite_set_deadline,
    .set_busy_wait = sqlite_set_busy_wait,
    .begin_write = "BEGIN IMMEDIATE",
    .begin_read = "BEGIN",
    .prepare_control = 1,
    .migrations = rp_schema_sqlite,
    .migrations_table_sql = "CREATE TABLE IF NOT EXISTS rp_migrations (version INTEGER PRIMARY "
                            "KEY, applied_at TEXT NOT NULL)",
    .account_facts_sql = rp_account_facts_sqlite,
    .fulltext_hits_sql = "WITH hits (r, score) AS NOT MATERIALIZED (SELECT rowid, "
                         "bm25(fulltext) FROM "
                         "fulltext WHERE fulltext MATCH ?)",
    .fulltext_match = sqlite_fulltext_match,
    .bulk_set_aside = 1,
    .bulk_end_sql = NULL,
    .set_durable = sqlite_set_durable,
    /* Such a process reads most pages once, and each page its cache keeps is fresh memory,
     * one page fault: on the 100k-account book of `make bench`, SQLite's 2,000 KiB made a
     * search fault 990 times, 610 with this (each fault costs about as much as reading a
     * page again). */
    .brief_sql = "PRAGMA cache_size = -512",
    .email_equals = "email = ? COLLATE NOCASE",
    .index_hint = " INDEXED BY ",
    .writers_queue = 0,
};
