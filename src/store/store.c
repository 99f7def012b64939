/* Records to SQL and back; see store.h. Column names come only from the constant field
 * tables, every value is a bound parameter. Prepared statements are cached by their text,
 * so a bulk load prepares each statement once. */
#include "base/grow.h"
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "base/json_out.h"
#include "base/banned.h"

/* Makes STMT ready to run again: rewound when the caller binds all its parameters anew. */
static void store_rewind(struct rp_store *st, struct rp_stmt *stmt, int bound)
{
    if (bound && st->drv->rewind)
        st->drv->rewind(stmt);
    else
        st->drv->reset(stmt);
}

/* A ready-to-bind statement for SQL, from the cache when it was prepared before. */
static enum rp_status store_prepare_as(struct rp_store *st, const char *sql, int bound,
                                       struct rp_stmt **out)
{
    for (size_t i = 0; i < st->ncache; i++) {
        if (!strcmp(st->cache[i].sql, sql)) {
            store_rewind(st, st->cache[i].stmt, bound);
            *out = st->cache[i].stmt;
            return RP_OK;
        }
    }
    struct rp_stmt *stmt;
    enum rp_status rc = st->drv->prepare(st->conn, sql, &stmt, st->err);
    if (rc)
        return rc;
    if (st->ncache == STORE_CACHE_MAX) {
        st->ncache--;
        free(st->cache[st->ncache].sql);
        st->drv->finalize(st->cache[st->ncache].stmt);
    }
    char *copy = strdup(sql);
    if (!copy) {
        st->drv->finalize(stmt);
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    memmove(st->cache + 1, st->cache, st->ncache * sizeof(st->cache[0]));
    st->cache[0] = (struct cached_stmt){copy, stmt};
    st->ncache++;
    *out = stmt;
    return RP_OK;
}

enum rp_status store_prepare(struct rp_store *st, const char *sql, struct rp_stmt **out)
{
    return store_prepare_as(st, sql, 0, out);
}

enum rp_status store_prepare_bound(struct rp_store *st, const char *sql, struct rp_stmt **out)
{
    return store_prepare_as(st, sql, 1, out);
}

static enum rp_status store_run_as(struct rp_store *st, struct rp_stmt *stmt, int bound)
{
    int row;
    enum rp_status rc;
    do {
        rc = st->drv->step(stmt, &row, st->err);
    } while (!rc && row);
    store_rewind(st, stmt, bound);
    return rc;
}

/* Runs a statement that returns no rows to the caller. */
enum rp_status store_run(struct rp_store *st, struct rp_stmt *stmt)
{
    return store_run_as(st, stmt, 0);
}

enum rp_status store_run_later(struct rp_store *st, struct rp_stmt *stmt)
{
    return st->drv->run_later ? st->drv->run_later(stmt, st->err) : store_run(st, stmt);
}

enum rp_status store_run_bound(struct rp_store *st, struct rp_stmt *stmt)
{
    return store_run_as(st, stmt, 1);
}

void store_plan_once(struct rp_store *st, struct rp_stmt *stmt)
{
    if (st->drv->plan_once)
        st->drv->plan_once(stmt);
}

/* The schema version of the database: how many migrations it has. A new database has no
 * table of migrations: the read fails there (once: the open makes the table), which
 * PostgreSQL's log shows as a missing table. Reading it by dynamic SQL that finds the table
 * missing without an error (query_to_xml) cost each new PostgreSQL connection 0.6 million
 * instructions more, a quarter of the server's work for `rapport config get tz`. */
static enum rp_status store_version(struct rp_store *st, int64_t *have)
{
    struct rp_stmt *q;
    int row;
    enum rp_status rc;
    if ((rc = store_prepare(st, "SELECT COALESCE(MAX(version), 0) FROM rp_migrations", &q)) ||
        (rc = st->drv->step(q, &row, st->err)))
        return rc;
    *have = row ? st->drv->column_int(q, 0) : 0;
    st->drv->reset(q);
    return RP_OK;
}

/* The version read first: an up-to-date database, which is every open but the first after
 * an upgrade, costs that one statement and no DDL. */
static enum rp_status store_migrate(struct rp_store *st)
{
    int64_t known = 0, have, v;
    while (st->drv->migrations[known])
        known++;
    st->schema_known = known;
    struct rp_error *err = st->err, none;
    rp_error_init(&none);
    st->err = &none; /* no table of migrations yet is no error */
    enum rp_status rc = store_version(st, &st->schema_opened);
    st->err = err;
    rp_error_release(&none);
    if (rc && !(rc = st->drv->exec(st->conn, st->drv->migrations_table_sql, st->err)))
        rc = store_version(st, &st->schema_opened);
    /* Another process may be migrating the same database: the version is read again once
     * the write lock is held, so each migration runs exactly once. */
    for (have = st->schema_opened; !rc && have < known;) {
        if ((rc = rp_store_begin(st)) || (rc = store_version(st, &v)) || v != have) {
            rp_store_rollback(st);
            if (!rc)
                have = v;
            continue;
        }
        struct rp_stmt *ins;
        char now[RP_INSTANT_LEN];
        rp_instant_format((int64_t)time(NULL), now);
        if ((rc = st->drv->exec(st->conn, st->drv->migrations[v], st->err)) ||
            (rc = store_prepare(st,
                                "INSERT INTO rp_migrations (version, applied_at) "
                                "VALUES (?, ?)",
                                &ins)) ||
            (rc = st->drv->bind_int(ins, 1, v + 1)) || (rc = st->drv->bind_text(ins, 2, now)) ||
            (rc = store_run(st, ins)) || (rc = rp_store_commit(st))) {
            rp_store_rollback(st);
            return rc;
        }
        have = v + 1;
    }
    st->schema_now = have;
    if (!rc && have > known)
        rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL,
                          "database schema version %lld is "
                          "newer than this rapport's %lld (upgrade rapport)",
                          (long long)have, (long long)known);
    return rc;
}

const struct rp_driver *rp_driver_for(const char *target)
{
    if (!strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11))
        return &rp_driver_pg;
    return &rp_driver_sqlite;
}

#define SETTINGS_ALL "SELECT key, value FROM settings"

/* Sends the reads of AHEAD with the next round trip (the schema version's). Only a
 * shortcut: what cannot be sent ahead is read when asked for. */
static void store_read_ahead(struct rp_store *st, const struct rp_store_ahead *ahead)
{
    if (ahead->settings)
        rp_store_settings_ahead(st);
    if (ahead->user_email)
        store_user_by_email_ahead(st, ahead->user_email);
}

static enum rp_status store_set_brief(struct rp_store *st)
{
    if (!st->brief || !st->drv->brief_sql)
        return RP_OK;
    return st->drv->exec(st->conn, st->drv->brief_sql, st->err);
}

enum rp_status rp_store_open_ahead(const char *target, const struct rp_store_ahead *ahead,
                                   struct rp_error *err, struct rp_store **out)
{
    struct rp_store *st = calloc(1, sizeof(*st));
    if (!st)
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, "out of memory");
    st->drv = rp_driver_for(target);
    st->err = err;
    st->brief = ahead && ahead->brief;
    enum rp_status rc = st->drv->open(target, &st->conn, err);
    if (!rc)
        rc = store_set_brief(st);
    if (!rc && ahead && rp_store_reads_ahead(st))
        store_read_ahead(st, ahead);
    if (!rc)
        rc = store_migrate(st);
    st->counting = !rc;
    if (rc) {
        rp_store_close(st);
        return rc;
    }
    *out = st;
    return RP_OK;
}

enum rp_status rp_store_open(const char *target, struct rp_error *err, struct rp_store **out)
{
    return rp_store_open_ahead(target, NULL, err, out);
}

void rp_store_schema(const struct rp_store *st, struct rp_schema *out)
{
    out->engine = st->drv->name;
    out->opened_at = st->schema_opened;
    out->version = st->schema_now;
    out->known = st->schema_known;
}

void rp_store_close(struct rp_store *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->ncache; i++) {
        free(st->cache[i].sql);
        st->drv->finalize(st->cache[i].stmt);
    }
    for (size_t i = 0; i < STORE_LISTS_MAX; i++)
        st->drv->finalize(st->lists[i].stmt);
    for (size_t i = 0; i < RP_KIND_COUNT; i++)
        st->drv->finalize(st->get[i]);
    st->drv->finalize(st->version);
    for (size_t i = 0; i < RP_STORE_CREDENTIALS; i++)
        st->drv->finalize(st->actor[i]);
    for (size_t i = 0; i < STORE_CONTROLS; i++)
        st->drv->finalize(st->control[i]);
    for (size_t i = 0; i < RP_CAND_COUNT + 1; i++)
        for (size_t k = 0; k < STORE_CAND_SHAPES; k++)
            for (size_t d = 0; d < RP_STORE_DAYS_AHEAD; d++)
                st->drv->finalize(st->cand[i][k][d]);
    for (size_t i = 0; i < RP_KIND_COUNT; i++) {
        free(st->names[i].text);
        free(st->names[i].at);
    }
    if (st->conn)
        st->drv->close(st->conn);
    free(st);
}

/* Runs transaction control statement WHICH (SQL), prepared once where the engine allows:
 * parsing "BEGIN" and "ROLLBACK" again was a twentieth of a page of records' time. */
static enum rp_status store_control(struct rp_store *st, enum store_control which, const char *sql,
                                    struct rp_error *err)
{
    if (!st->drv->prepare_control)
        return st->drv->exec(st->conn, sql, err);
    enum rp_status rc = RP_OK;
    int row;
    if (!st->control[which])
        rc = st->drv->prepare(st->conn, sql, &st->control[which], err);
    if (!rc)
        rc = st->drv->step(st->control[which], &row, err);
    if (st->control[which])
        st->drv->reset(st->control[which]);
    return rc;
}

enum rp_status rp_store_begin(struct rp_store *st)
{
    enum rp_status rc = store_control(st, STORE_BEGIN_WRITE, st->drv->begin_write, st->err);
    if (!rc)
        st->in_tx = 1;
    st->changes_at_begin = st->drv->own_changes(st->conn);
    return rc;
}

enum rp_status rp_store_begin_now(struct rp_store *st)
{
    if (st->drv->set_busy_wait)
        st->drv->set_busy_wait(st->conn, 0);
    enum rp_status rc = rp_store_begin(st);
    if (st->drv->set_busy_wait)
        st->drv->set_busy_wait(st->conn, 1);
    return rc;
}

enum rp_status rp_store_savepoint(struct rp_store *st)
{
    return st->drv->exec(st->conn, "SAVEPOINT rp_part", st->err);
}

enum rp_status rp_store_release(struct rp_store *st)
{
    return st->drv->exec(st->conn, "RELEASE rp_part", st->err);
}

void rp_store_rollback_to(struct rp_store *st)
{
    struct rp_error ignored;
    rp_error_init(&ignored);
    st->drv->exec(st->conn, "ROLLBACK TO rp_part; RELEASE rp_part", &ignored);
    rp_error_release(&ignored);
}

enum rp_status rp_store_begin_read(struct rp_store *st)
{
    enum rp_status rc = store_control(st, STORE_BEGIN_READ, st->drv->begin_read, st->err);
    if (!rc)
        st->in_tx = 1;
    st->changes_at_begin = st->drv->own_changes(st->conn);
    return rc;
}

/* The commits whose changes stay in rp_changes for servers to catch up with: a server
 * further behind than these has more changes to look at than it keeps answers for. Each
 * commit forgets the changes of the one CHANGES_KEPT + 1 before it: every number is
 * reached once, and a lookup of one number is an index's, where "every number older"
 * makes PostgreSQL's generic plan read the whole table at every commit. */
#define CHANGES_KEPT 1024

/* Whether the open transaction changed anything since it began. */
static int store_changed(struct rp_store *st)
{
    return st->counting && st->drv->own_changes(st->conn) != st->changes_at_begin;
}

/* Counts the open transaction as the next commit (migration 25) and forgets the changes
 * of commits long past (migration 34). One row, updated under the write lock: the count
 * is the order in which commits are made, on both engines. Nothing waits for either
 * statement's answer (on PostgreSQL they go out with the COMMIT). */
static enum rp_status store_count_commit(struct rp_store *st)
{
    struct rp_stmt *q;
    enum rp_status rc;
    if ((rc = store_prepare(st, "UPDATE rp_commits SET n = n + 1", &q)) ||
        (rc = store_run_later(st, q)) ||
        (rc = store_prepare(st, "DELETE FROM rp_changes WHERE n = (SELECT n FROM rp_commits) - ?",
                            &q)) ||
        (rc = st->drv->bind_int(q, 1, CHANGES_KEPT + 1)))
        return rc;
    return store_run_later(st, q);
}

/* Commits the open transaction, counted as a change of the book (COUNT 1) when it
 * changed anything, or not (0: it wrote only answers kept for reuse). */
static enum rp_status store_commit(struct rp_store *st, int count)
{
    enum rp_status rc = RP_OK;
    if (st->loading && st->drv->bulk_end_sql)
        rc = st->drv->exec(st->conn, st->drv->bulk_end_sql, st->err);
    int counted = !rc && count && store_changed(st);
    if (counted && !(rc = store_count_commit(st)) && st->watch.before)
        rc = st->watch.before(st->watch.arg);
    if (!rc)
        rc = store_control(st, STORE_COMMIT, "COMMIT", st->err);
    if (!rc)
        st->in_tx = 0;
    return rc;
}

enum rp_status rp_store_commit(struct rp_store *st)
{
    return store_commit(st, 1);
}

enum rp_status rp_store_commit_kept(struct rp_store *st)
{
    return store_commit(st, 0);
}

enum rp_status rp_store_publish_change(struct rp_store *st, const struct rp_change *ch)
{
    struct rp_stmt *q;
    enum rp_status rc =
        store_prepare(st,
                      "INSERT INTO rp_changes (n, what, user_id, role, team, credential)"
                      " VALUES ((SELECT n FROM rp_commits), ?, ?, ?, ?, ?)",
                      &q);
    if (rc || (rc = st->drv->bind_int(q, 1, ch->what)) ||
        (rc = st->drv->bind_int(q, 2, ch->by.id)) || (rc = st->drv->bind_text(q, 3, ch->by.role)) ||
        (rc = st->drv->bind_text(q, 4, ch->by.team)) ||
        (rc = st->drv->bind_int(q, 5, (int64_t)ch->credential)))
        return rc;
    return store_run_later(st, q);
}

/* The count of commits in every row, beside each change after parameter 1 (at most
 * parameter 2 of them), or beside NULLs when there is none. */
static const char changes_sql[] =
    "SELECT c.n, ch.n, ch.what, ch.user_id, ch.role, ch.team, ch.credential FROM rp_commits c"
    " LEFT JOIN (SELECT n, what, user_id, role, team, credential FROM rp_changes WHERE n > ?"
    " ORDER BY n LIMIT ?) ch ON 1 = 1 ORDER BY ch.n";

static enum rp_status changes_stmt(struct rp_store *st, int64_t after, size_t max,
                                   struct rp_stmt **q)
{
    enum rp_status rc = store_prepare(st, changes_sql, q);
    if (!rc && !(rc = st->drv->bind_int(*q, 1, after)))
        rc = st->drv->bind_int(*q, 2, (int64_t)max + 1);
    return rc;
}

void rp_store_changes_ahead(struct rp_store *st, int64_t after, size_t max)
{
    struct rp_stmt *q;
    if (rp_store_reads_ahead(st) && !changes_stmt(st, after, max, &q))
        store_send_ahead(st, q);
}

static void change_read(struct rp_store *st, struct rp_stmt *q, struct rp_change *ch)
{
    *ch = (struct rp_change){.commit = st->drv->column_int(q, 1),
                             .what = (int)st->drv->column_int(q, 2),
                             .credential = (uint64_t)st->drv->column_int(q, 6)};
    ch->by.id = st->drv->column_int(q, 3);
    snprintf(ch->by.role, sizeof(ch->by.role), "%s", st->drv->column_text(q, 4));
    snprintf(ch->by.team, sizeof(ch->by.team), "%s", st->drv->column_text(q, 5));
}

enum rp_status rp_store_changes(struct rp_store *st, int64_t after, struct rp_change *out,
                                size_t max, size_t *n, int64_t *count)
{
    struct rp_stmt *q;
    int row = 0, rows = 0;
    enum rp_status rc = changes_stmt(st, after, max, &q);
    *n = 0;
    while (!rc && !(rc = st->drv->step(q, &row, st->err)) && row) {
        *count = st->drv->column_int(q, 0);
        rows++;
        if (st->drv->column_null(q, 1))
            continue;
        if (*n < max)
            change_read(st, q, &out[*n]);
        ++*n;
    }
    st->drv->reset(q);
    if (!rc && !rows)
        rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "the count of commits is missing");
    return rc;
}

void rp_store_watch_commits(struct rp_store *st, const struct rp_commit_watch *w)
{
    st->watch = w ? *w : (struct rp_commit_watch){0};
}

void rp_store_rollback(struct rp_store *st)
{
    if (!st->in_tx)
        return;
    struct rp_error ignored;
    rp_error_init(&ignored);
    store_control(st, STORE_ROLLBACK, "ROLLBACK", &ignored);
    rp_error_release(&ignored);
    st->in_tx = 0;
}

enum rp_status rp_store_set_loading(struct rp_store *st, int loading)
{
    enum rp_status rc = RP_OK;
    st->loading = loading;
    /* PostgreSQL's settings are the server's but one: while loading, commits do not wait
     * for the disk (each would wait for all the WAL its rows wrote), as SQLite's
     * synchronous NORMAL below. bulk_end_sql's commit then waits again, for them all. */
    if (!st->drv->bulk_set_aside && (rc = rp_store_set_durable(st, !loading)))
        return rc;
    /* A load chose ids itself (rp_store_bulk_next_id): the next insert's must come after. */
    if (!loading && st->drv->bulk_end_sql)
        rc = st->drv->exec(st->conn, st->drv->bulk_end_sql, st->err);
    if (rc || !st->drv->bulk_set_aside)
        return rc;
    rc = st->drv->exec(st->conn,
                       loading ? "PRAGMA cache_size = -131072; "
                                 "PRAGMA temp_store = MEMORY; PRAGMA synchronous = NORMAL"
                               : "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT; "
                                 "PRAGMA synchronous = FULL",
                       st->err);
    return rc || loading ? rc : store_set_brief(st);
}

enum rp_status rp_store_set_durable(struct rp_store *st, int durable)
{
    return st->drv->set_durable(st->conn, durable, st->err);
}

void rp_store_set_deadline(struct rp_store *st, int64_t ms)
{
    st->drv->set_deadline(st->conn, ms);
}

int rp_store_in_transaction(const struct rp_store *st)
{
    return st->in_tx;
}

int64_t rp_store_round_trips(const struct rp_store *st)
{
    return st->drv->round_trips ? st->drv->round_trips(st->conn) : 0;
}

int rp_store_days_ahead(const struct rp_store *st)
{
    return rp_store_reads_ahead(st) && !st->brief ? RP_STORE_DAYS_AHEAD : 1;
}

int rp_store_writers_queue(const struct rp_store *st)
{
    return st->drv->writers_queue;
}

int rp_store_reads_ahead(const struct rp_store *st)
{
    return st->drv->read_ahead != NULL;
}

void store_send_ahead(struct rp_store *st, struct rp_stmt *stmt)
{
    if (stmt && st->drv->read_ahead)
        st->drv->read_ahead(stmt);
}

enum rp_status rp_store_version(struct rp_store *st, int64_t version[2])
{
    int row = 0;
    enum rp_status rc = RP_OK;
    if (!st->version)
        rc = st->drv->prepare(st->conn, st->drv->others_version_sql, &st->version, st->err);
    if (!rc && !(rc = st->drv->step(st->version, &row, st->err)) && row)
        version[0] = st->drv->column_int(st->version, 0);
    if (st->version)
        st->drv->reset(st->version);
    version[1] = st->drv->own_changes(st->conn);
    return rc;
}

enum rp_status store_bind_value(struct rp_store *st, struct rp_stmt *stmt, int i,
                                const struct rp_field *f, const struct rp_value *v)
{
    if (!v->set)
        return st->drv->bind_null(stmt, i);
    char text[RP_INSTANT_LEN];
    switch (f->type) {
    case RP_T_DATE:
        rp_date_format(v->i, text);
        return st->drv->bind_text(stmt, i, text);
    case RP_T_INSTANT:
        rp_instant_format(v->i, text);
        return st->drv->bind_text(stmt, i, text);
    case RP_T_ID:
    case RP_T_REF:
    case RP_T_INT:
    case RP_T_BOOL:
    case RP_T_MONEY:
        return st->drv->bind_int(stmt, i, v->i);
    default:
        return st->drv->bind_text(stmt, i, v->s);
    }
}

static enum rp_status store_read_value(struct rp_store *st, struct rp_stmt *stmt, int col,
                                       const struct rp_field *f, struct rp_value *v)
{
    free(v->s);
    *v = (struct rp_value){0};
    if (st->drv->column_null(stmt, col))
        return RP_OK;
    v->set = 1;
    const char *text;
    switch (f->type) {
    case RP_T_DATE:
        text = st->drv->column_text(stmt, col);
        if (rp_date_parse(text, &v->i))
            goto corrupt;
        return RP_OK;
    case RP_T_INSTANT:
        text = st->drv->column_text(stmt, col);
        if (rp_instant_parse(text, &v->i))
            goto corrupt;
        return RP_OK;
    case RP_T_ID:
    case RP_T_REF:
    case RP_T_INT:
    case RP_T_BOOL:
    case RP_T_MONEY:
        v->i = st->drv->column_int(stmt, col);
        return RP_OK;
    default:
        v->s = strdup(st->drv->column_text(stmt, col));
        return v->s ? RP_OK : rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    }
corrupt:
    v->set = 0;
    return rp_error_set(st->err, RP_ERR_INTERNAL, f->name, "stored %s '%s' is malformed", f->name,
                        text);
}

enum rp_status store_add_columns(struct rp_buf *sql, const struct rp_kind *kind)
{
    enum rp_status rc = RP_OK;
    /* No printf: every read of a record builds this list, which for an export of a million
     * rows was a third of its time. */
    for (size_t f = 0; f < kind->nfields && !rc; f++)
        if (!(rc = rp_buf_adds(sql, f ? ", \"" : "\"")) &&
            !(rc = rp_buf_adds(sql, kind->fields[f].name)))
            rc = rp_buf_adds(sql, "\"");
    return rc;
}

/* Writes column COL of STMT's current row, the value of field F, as JSON, as
 * rp_record_write_json would write it once read: a date or an instant as stored, when it is
 * what rp_date_format / rp_instant_format write (always, for rows Rapport wrote), else read
 * and written again. */
static enum rp_status store_write_value(struct rp_store *st, struct rp_stmt *stmt, int col,
                                        const struct rp_field *f, struct rp_buf *out)
{
    int is_int = f->type == RP_T_ID || f->type == RP_T_REF || f->type == RP_T_INT ||
                 f->type == RP_T_MONEY || f->type == RP_T_BOOL;
    int64_t i = 0;
    const char *text = NULL;
    size_t len = 0;
    int present;
    if (st->drv->column_cell) {
        present = st->drv->column_cell(stmt, col, is_int, &i, &text, &len);
    } else if ((present = !st->drv->column_null(stmt, col)) && is_int) {
        i = st->drv->column_int(stmt, col);
    } else if (present) {
        text = st->drv->column_text(stmt, col);
        len = strlen(text);
    }
    if (!present)
        return rp_buf_add(out, "null", 4);
    if (f->type == RP_T_BOOL)
        return i ? rp_buf_add(out, "true", 4) : rp_buf_add(out, "false", 5);
    if (is_int)
        return rp_json_out_int(out, i);
    if ((f->type != RP_T_DATE && f->type != RP_T_INSTANT) ||
        (f->type == RP_T_DATE ? rp_date_canonical(text, len) : rp_instant_canonical(text, len)))
        return rp_json_out_strn(out, text, len);
    struct rp_value v = {0};
    char again[RP_INSTANT_LEN];
    enum rp_status rc = store_read_value(st, stmt, col, f, &v);
    if (rc)
        return rc;
    if (f->type == RP_T_DATE)
        rp_date_format(v.i, again);
    else
        rp_instant_format(v.i, again);
    return rp_json_out_str(out, again);
}

/* KIND's JSON names, made at its first use (see struct store_names). */
static const struct store_names *store_names_of(struct rp_store *st, const struct rp_kind *kind)
{
    struct store_names *n = &st->names[kind->id];
    struct rp_buf text = RP_BUF_INIT;
    size_t *at;
    if (n->text)
        return n;
    if (!(at = calloc(kind->nfields + 1, sizeof(*at))))
        return NULL;
    for (size_t f = 0; f < kind->nfields; f++) {
        at[f] = text.len;
        if (rp_buf_addc(&text, f ? ',' : '{') || rp_json_out_name(&text, kind->fields[f].name, 1)) {
            rp_buf_release(&text);
            free(at);
            return NULL;
        }
    }
    at[kind->nfields] = text.len;
    n->at = at;
    n->text = rp_buf_detach(&text);
    return n;
}

/* Writes STMT's current row, a record of KIND, as its JSON object. */
static enum rp_status store_write_row(struct rp_store *st, struct rp_stmt *stmt,
                                      const struct rp_kind *kind, struct rp_buf *out)
{
    const struct store_names *names = store_names_of(st, kind);
    enum rp_status rc = names ? RP_OK : RP_ERR_INTERNAL;
    for (size_t f = 0; !rc && f < kind->nfields; f++) {
        /* The name copied in place: a checked append for each was a tenth of a page. */
        size_t n = names->at[f + 1] - names->at[f];
        if (!(rc = rp_buf_reserve(out, n + 1))) {
            memcpy(out->data + out->len, names->text + names->at[f], n);
            out->len += n;
            out->data[out->len] = '\0';
            rc = store_write_value(st, stmt, (int)f, &kind->fields[f], out);
        }
    }
    return rc ? rc : rp_buf_addc(out, '}');
}

/* RC of writing JSON text: a buffer past its cap (RP_ERR_INVALID) is out of memory, like
 * a buffer that could not grow. */
static enum rp_status store_json_status(struct rp_store *st, enum rp_status rc)
{
    if (rc == RP_ERR_INVALID || (rc == RP_ERR_INTERNAL && !st->err->msg.len))
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    return rc;
}

enum rp_status store_read_row(struct rp_store *st, struct rp_stmt *stmt, struct rp_record *rec)
{
    enum rp_status rc = RP_OK;
    for (size_t f = 0; f < rec->kind->nfields && !rc; f++)
        rc = store_read_value(st, stmt, (int)f, &rec->kind->fields[f], &rec->v[f]);
    return rc;
}

enum rp_status rp_store_insert(struct rp_store *st, struct rp_record *rec)
{
    const struct rp_kind *kind = rec->kind;
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_stmt *stmt;
    int n = 0, row;
    enum rp_status rc = rp_buf_addf(&sql, "INSERT INTO %s (", kind->table);
    for (size_t f = 1; f < kind->nfields && !rc; f++)
        if (rec->v[f].set)
            rc = rp_buf_addf(&sql, "%s\"%s\"", n++ ? ", " : "", kind->fields[f].name);
    for (int i = 0; i < n && !rc; i++)
        rc = rp_buf_adds(&sql, i ? ", ?" : ") VALUES (?");
    if (!rc)
        rc = rp_buf_adds(&sql, n ? ") RETURNING id" : "DEFAULT VALUES RETURNING id");
    if (rc || (rc = store_prepare(st, rp_buf_str(&sql), &stmt)))
        goto out;
    n = 0;
    for (size_t f = 1; f < kind->nfields && !rc; f++)
        if (rec->v[f].set)
            rc = store_bind_value(st, stmt, ++n, &kind->fields[f], &rec->v[f]);
    if (rc || (rc = st->drv->step(stmt, &row, st->err)))
        goto out;
    rec->v[0].set = 1;
    rec->v[0].i = st->drv->column_int(stmt, 0);
    rc = store_run(st, stmt);
out:
    rp_buf_release(&sql);
    return rc;
}

/* The statement that reads one record of KIND by id, prepared once per connection. */
static enum rp_status get_stmt(struct rp_store *st, const struct rp_kind *kind,
                               struct rp_stmt **out)
{
    struct rp_buf sql = RP_BUF_INIT;
    enum rp_status rc = RP_OK;
    if (!st->get[kind->id]) {
        rc = rp_buf_adds(&sql, "SELECT ");
        if (!rc)
            rc = store_add_columns(&sql, kind);
        if (!rc)
            rc = rp_buf_addf(&sql, " FROM %s WHERE id = ?", kind->table);
        if (!rc)
            rc = st->drv->prepare(st->conn, rp_buf_str(&sql), &st->get[kind->id], st->err);
    }
    rp_buf_release(&sql);
    *out = st->get[kind->id];
    return rc;
}

/* Steps KIND's statement of record ID onto its row (the caller reads it, then resets
 * *STMT); RP_ERR_NOTFOUND, reset, when there is none. */
static enum rp_status get_row(struct rp_store *st, const struct rp_kind *kind, int64_t id,
                              struct rp_stmt **stmt)
{
    int row = 0;
    enum rp_status rc;
    *stmt = NULL;
    if (!(rc = get_stmt(st, kind, stmt)) && !(rc = st->drv->bind_int(*stmt, 1, id)) &&
        !(rc = st->drv->step(*stmt, &row, st->err)) && !row)
        rc = rp_error_set(st->err, RP_ERR_NOTFOUND, "id", "%s %lld not found", kind->name,
                          (long long)id);
    if (rc && *stmt)
        st->drv->reset(*stmt);
    return rc;
}

void rp_store_get_ahead(struct rp_store *st, enum rp_kind_id kind, int64_t id)
{
    struct rp_stmt *stmt;
    if (rp_store_reads_ahead(st) && !get_stmt(st, rp_kind_get(kind), &stmt) &&
        !st->drv->bind_int(stmt, 1, id))
        store_send_ahead(st, stmt);
}

enum rp_status rp_store_get(struct rp_store *st, int64_t id, struct rp_record *out)
{
    struct rp_stmt *stmt;
    enum rp_status rc = get_row(st, out->kind, id, &stmt);
    if (rc)
        return rc;
    rc = store_read_row(st, stmt, out);
    st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_get_json(struct rp_store *st, int64_t id, struct rp_record *keys,
                                 struct rp_buf *out)
{
    const struct rp_kind *kind = keys->kind;
    struct rp_stmt *stmt;
    enum rp_status rc = get_row(st, kind, id, &stmt);
    if (rc)
        return rc;
    for (size_t f = 0; f < kind->nfields; f++)
        if ((kind->fields[f].type == RP_T_ID || kind->fields[f].type == RP_T_REF) &&
            !st->drv->column_null(stmt, (int)f))
            keys->v[f] = (struct rp_value){.set = 1, .i = st->drv->column_int(stmt, (int)f)};
    rc = store_json_status(st, store_write_row(st, stmt, kind, out));
    st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_update(struct rp_store *st, const struct rp_record *rec,
                               const unsigned char *changed)
{
    const struct rp_kind *kind = rec->kind;
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_stmt *stmt;
    int n = 0;
    enum rp_status rc = rp_buf_addf(&sql, "UPDATE %s SET ", kind->table);
    for (size_t f = 1; f < kind->nfields && !rc; f++)
        if (changed[f])
            rc = rp_buf_addf(&sql, "%s\"%s\" = ?", n++ ? ", " : "", kind->fields[f].name);
    if (!n)
        goto out;
    if (rc || (rc = rp_buf_adds(&sql, " WHERE id = ?")) ||
        (rc = store_prepare(st, rp_buf_str(&sql), &stmt)))
        goto out;
    n = 0;
    for (size_t f = 1; f < kind->nfields && !rc; f++)
        if (changed[f])
            rc = store_bind_value(st, stmt, ++n, &kind->fields[f], &rec->v[f]);
    if (!rc)
        rc = st->drv->bind_int(stmt, n + 1, rec->v[0].i);
    if (!rc)
        rc = store_run(st, stmt);
out:
    rp_buf_release(&sql);
    return rc;
}

enum rp_status rp_store_delete(struct rp_store *st, const struct rp_kind *kind, int64_t id)
{
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_stmt *stmt;
    enum rp_status rc = rp_buf_addf(&sql, "DELETE FROM %s WHERE id = ?", kind->table);
    if (!rc && !(rc = store_prepare(st, rp_buf_str(&sql), &stmt)) &&
        !(rc = st->drv->bind_int(stmt, 1, id)))
        rc = store_run(st, stmt);
    rp_buf_release(&sql);
    return rc;
}

static int scope_restricted(const struct rp_scope *scope)
{
    return scope && scope->user_id;
}

enum rp_status store_scope_sql(struct rp_buf *sql, const char *owner, const char *account,
                               const struct rp_scope *scope)
{
    enum rp_status rc = RP_OK;
    const char *col = owner ? owner : "owner_id";
    if (!scope_restricted(scope) || (!owner && !account))
        return RP_OK;
    if (account)
        rc = rp_buf_addf(sql, " AND %s IN (SELECT id FROM accounts WHERE 1 = 1", account);
    if (!rc && scope->user_id < 0)
        rc = rp_buf_addf(sql, " AND %s IS NULL", col);
    else if (!rc && !scope->team)
        rc = rp_buf_addf(sql, " AND %s = ?", col);
    else if (!rc)
        rc = rp_buf_addf(sql, " AND (%s = ? OR %s IN (SELECT id FROM users WHERE team = ?))", col,
                         col);
    if (!rc && account)
        rc = rp_buf_adds(sql, ")");
    return rc;
}

/* The same condition for a statement that should read a scope's rows by their owner (the
 * agenda's candidates, the reports): a team's owners as one list (the manager, then the
 * team), which the indexes that begin with the owner are searched by. As "the manager or
 * one of the team" SQLite read every owner's rows through the whole book's index and
 * dropped nine in ten of them. The parameters are store_scope_sql's (store_scope_bind). */
enum rp_status store_owners_scope_sql(struct rp_buf *sql, const char *owner,
                                      const struct rp_scope *scope)
{
    if (store_cand_shape(scope) != 2)
        return store_scope_sql(sql, owner, NULL, scope);
    return rp_buf_addf(sql, " AND %s IN (SELECT ? UNION ALL SELECT id FROM users WHERE team = ?)",
                       owner);
}

enum rp_status store_scope_bind(struct rp_store *st, struct rp_stmt *stmt, int *n,
                                const struct rp_scope *scope)
{
    enum rp_status rc;
    if (!scope_restricted(scope) || scope->user_id < 0)
        return RP_OK;
    if ((rc = st->drv->bind_int(stmt, ++*n, scope->user_id)) || !scope->team)
        return rc;
    return st->drv->bind_text(stmt, ++*n, scope->team);
}

int store_marks_shape(const struct rp_scope *scope)
{
    return !scope || !scope->user_id ? 0 : scope->team ? 2 : 1;
}

enum rp_status store_marks_bind(struct rp_store *st, struct rp_stmt *stmt, int *n,
                                const struct rp_scope *scope)
{
    enum rp_status rc = store_scope_bind(st, stmt, n, scope);
    if (!rc && store_marks_shape(scope) == 2)
        rc = st->drv->bind_int(stmt, ++*n, scope->user_id);
    return rc;
}

int store_col_text(struct rp_store *st, struct rp_stmt *stmt, int col, const char **text,
                   size_t *len)
{
    int64_t unused;
    if (st->drv->column_cell)
        return st->drv->column_cell(stmt, col, 0, &unused, text, len);
    if (st->drv->column_null(stmt, col))
        return 0;
    *text = st->drv->column_text(stmt, col);
    *len = strlen(*text);
    return 1;
}

int store_cand_shape(const struct rp_scope *scope)
{
    if (!scope_restricted(scope))
        return 0;
    return scope->user_id < 0 ? 3 : scope->team ? 2 : 1;
}

int store_scope_one_owner(const struct rp_scope *scope)
{
    return scope_restricted(scope) && scope->user_id > 0 && !scope->team;
}

enum rp_status store_add_index_hint(struct rp_store *st, struct rp_buf *sql, const char *table,
                                    const char *index)
{
    enum rp_status rc = rp_buf_adds(sql, table);
    if (!rc && st->drv->index_hint)
        rc = rp_buf_addf(sql, "%s%s", st->drv->index_hint, index);
    return rc;
}

/* Accounts and what belongs to them carry the owner (what belongs to an account has its
 * owner copied); anything else is not scoped. */
static int kind_scoped(const struct rp_kind *kind, const char **owner, const char **account)
{
    *owner = rp_kind_field(kind, "owner_id") >= 0 ? "owner_id" : NULL;
    *account = !*owner && rp_kind_field(kind, "account_id") >= 0 ? "account_id" : NULL;
    return *owner || *account;
}

static enum rp_status list_sql(struct rp_buf *sql, const struct rp_kind *kind,
                               const struct rp_store_query *q)
{
    enum rp_status rc = rp_buf_adds(sql, "SELECT ");
    if (!rc)
        rc = store_add_columns(sql, kind);
    if (!rc)
        rc = rp_buf_addf(sql, " FROM %s WHERE 1 = 1", kind->table);
    for (size_t f = 0; q->match && f < kind->nfields && !rc; f++)
        if (q->match->v[f].set)
            rc = rp_buf_addf(sql, " AND \"%s\" = ?", kind->fields[f].name);
    const char *owner, *account;
    /* With other filters (an account, a deal) their indexes are the selective ones: a
     * unary plus keeps the planner from preferring the index on the owner. */
    int filtered = 0;
    for (size_t f = 0; q->match && f < kind->nfields; f++)
        filtered |= q->match->v[f].set;
    if (!rc && kind_scoped(kind, &owner, &account))
        rc = store_scope_sql(sql, owner && filtered ? "+owner_id" : owner, account, q->scope);
    if (!rc && q->after_id)
        rc = rp_buf_adds(sql, " AND id > ?");
    if (!rc && q->order_field > 0)
        rc = rp_buf_addf(sql, " ORDER BY \"%s\" %s, id", kind->fields[q->order_field].name,
                         q->descending ? "DESC" : "ASC");
    else if (!rc)
        rc = rp_buf_addf(sql, " ORDER BY id %s", q->descending ? "DESC" : "ASC");
    if (!rc && q->limit)
        rc = rp_buf_adds(sql, " LIMIT ?");
    return rc;
}

static enum rp_status list_bind(struct rp_store *st, struct rp_stmt *stmt,
                                const struct rp_kind *kind, const struct rp_store_query *q)
{
    int n = 0;
    enum rp_status rc = RP_OK;
    for (size_t f = 0; q->match && f < kind->nfields && !rc; f++)
        if (q->match->v[f].set)
            rc = store_bind_value(st, stmt, ++n, &kind->fields[f], &q->match->v[f]);
    const char *owner, *account;
    if (!rc && kind_scoped(kind, &owner, &account))
        rc = store_scope_bind(st, stmt, &n, q->scope);
    if (!rc && q->after_id)
        rc = st->drv->bind_int(stmt, ++n, q->after_id);
    if (!rc && q->limit)
        rc = st->drv->bind_int(stmt, ++n, (int64_t)q->limit);
    return rc;
}

/* What decides the text of a list query: equal shapes share one prepared statement. */
static struct list_shape list_shape_of(const struct rp_kind *kind, const struct rp_store_query *q)
{
    struct list_shape k = {.kind = (int)kind->id,
                           .order = q->order_field,
                           .descending = q->descending,
                           .after = q->after_id != 0,
                           .limit = q->limit != 0};
    for (size_t f = 0; q->match && f < kind->nfields; f++)
        if (q->match->v[f].set)
            k.match |= (uint64_t)1 << f;
    k.scope = store_cand_shape(q->scope); /* the records of no owner have SQL of their own */
    return k;
}

/* Whether Q is a page by id narrowed by nothing but the caller's scope, whose plan does not
 * depend on the values (store_plan_once): the index by owner and id (migration 32), or
 * the primary key for everyone's. Planned for a rep's own id, PostgreSQL took the rep's
 * count of rows from its statistics, and when the rep owned a few percent of the book it
 * walked the primary key past the other owners' rows (2,000 accounts, 21,000 contacts
 * for a page of 50): ten times the work, planned again for each page. */
static int list_planned_once(const struct rp_kind *kind, const struct rp_store_query *q)
{
    for (size_t f = 0; q->match && f < kind->nfields; f++)
        if (q->match->v[f].set)
            return 0;
    return q->order_field <= 0;
}

/* The list statement for Q, prepared once per shape and connection, bound and ready. */
static enum rp_status list_prepare(struct rp_store *st, const struct rp_kind *kind,
                                   const struct rp_store_query *q, struct rp_stmt **out)
{
    struct list_shape k = list_shape_of(kind, q);
    struct shaped_stmt *slot = NULL;
    for (size_t i = 0; i < STORE_LISTS_MAX && !slot; i++)
        if (st->lists[i].stmt && !memcmp(&st->lists[i].shape, &k, sizeof(k)))
            slot = &st->lists[i];
    if (!slot) {
        struct rp_buf sql = RP_BUF_INIT;
        struct rp_stmt *stmt;
        enum rp_status rc = list_sql(&sql, kind, q);
        if (!rc)
            rc = st->drv->prepare(st->conn, rp_buf_str(&sql), &stmt, st->err);
        rp_buf_release(&sql);
        if (rc)
            return rc;
        if (list_planned_once(kind, q))
            store_plan_once(st, stmt);
        slot = &st->lists[st->nlists++ % STORE_LISTS_MAX];
        st->drv->finalize(slot->stmt);
        *slot = (struct shaped_stmt){k, stmt};
    }
    *out = slot->stmt;
    st->drv->reset(*out);
    return list_bind(st, *out, kind, q);
}

enum rp_status rp_store_list(struct rp_store *st, const struct rp_kind *kind,
                             const struct rp_store_query *q, struct rp_records *out)
{
    struct rp_stmt *stmt;
    struct rp_record rec = {0};
    int row = 0;
    enum rp_status rc = list_prepare(st, kind, q, &stmt);
    if (rc)
        goto out;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row) {
        if ((rc = rp_record_init(&rec, kind->id)) || (rc = store_read_row(st, stmt, &rec)) ||
            (rc = rp_records_push(out, &rec)))
            break;
    }
    rp_record_release(&rec);
    st->drv->reset(stmt);
out:
    if (rc == RP_ERR_INTERNAL && !st->err->msg.len)
        rp_error_set(st->err, rc, NULL, "out of memory");
    return rc;
}

void rp_store_list_ahead(struct rp_store *st, const struct rp_kind *kind,
                         const struct rp_store_query *q)
{
    struct rp_stmt *stmt;
    if (rp_store_reads_ahead(st) && !list_prepare(st, kind, q, &stmt))
        store_send_ahead(st, stmt);
}

enum rp_status rp_store_list_json(struct rp_store *st, const struct rp_kind *kind,
                                  const struct rp_store_query *q, size_t max, struct rp_buf *out,
                                  size_t *n, int64_t *last_id)
{
    struct rp_stmt *stmt;
    int row = 0;
    enum rp_status rc = list_prepare(st, kind, q, &stmt);
    *n = 0;
    while (!rc && !(rc = st->drv->step(stmt, &row, st->err)) && row) {
        if ((*n)++ == max)
            break;
        if (*n > 1 && (rc = rp_buf_addc(out, ',')))
            break;
        *last_id = st->drv->column_int(stmt, 0);
        rc = store_write_row(st, stmt, kind, out);
    }
    rc = store_json_status(st, rc);
    if (stmt)
        st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_count(struct rp_store *st, const struct rp_kind *kind, int field,
                              int64_t value, int64_t *n)
{
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_stmt *stmt;
    int row;
    enum rp_status rc = rp_buf_addf(&sql, "SELECT COUNT(*) FROM %s WHERE \"%s\" = ?", kind->table,
                                    kind->fields[field].name);
    if (rc || (rc = store_prepare(st, rp_buf_str(&sql), &stmt)) ||
        (rc = st->drv->bind_int(stmt, 1, value)) || (rc = st->drv->step(stmt, &row, st->err)))
        goto out;
    *n = row ? st->drv->column_int(stmt, 0) : 0;
    st->drv->reset(stmt);
out:
    rp_buf_release(&sql);
    return rc;
}

enum rp_status rp_store_setting_get(struct rp_store *st, const char *key, char **value)
{
    struct rp_stmt *stmt;
    int row;
    enum rp_status rc;
    if ((rc = store_prepare(st, "SELECT value FROM settings WHERE key = ?", &stmt)) ||
        (rc = st->drv->bind_text(stmt, 1, key)) || (rc = st->drv->step(stmt, &row, st->err)))
        return rc;
    char *v = row ? strdup(st->drv->column_text(stmt, 0)) : NULL;
    st->drv->reset(stmt);
    if (row && !v)
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    *value = v;
    return RP_OK;
}

/* The value of a row of settings into VALUES at its key's index in KEYS (N of them);
 * unknown keys are left out. */
static enum rp_status settings_row(struct rp_store *st, struct rp_stmt *stmt,
                                   const char *const *keys, size_t n, char **values)
{
    const char *key = st->drv->column_text(stmt, 0);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(keys[i], key))
            continue;
        free(values[i]);
        if (!(values[i] = strdup(st->drv->column_text(stmt, 1))))
            return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
        break;
    }
    return RP_OK;
}

enum rp_status rp_store_settings_get(struct rp_store *st, const char *const *keys, size_t n,
                                     char **values)
{
    struct rp_stmt *stmt;
    int row = 1;
    for (size_t i = 0; i < n; i++)
        values[i] = NULL;
    enum rp_status rc = store_prepare(st, SETTINGS_ALL, &stmt);
    if (rc)
        return rc;
    while (!rc && !(rc = st->drv->step(stmt, &row, st->err)) && row)
        rc = settings_row(st, stmt, keys, n, values);
    st->drv->reset(stmt);
    for (size_t i = 0; rc && i < n; i++) {
        free(values[i]);
        values[i] = NULL;
    }
    return rc;
}

void rp_store_settings_ahead(struct rp_store *st)
{
    struct rp_stmt *stmt;
    if (rp_store_reads_ahead(st) && !store_prepare(st, SETTINGS_ALL, &stmt))
        store_send_ahead(st, stmt);
}

enum rp_status rp_store_setting_set(struct rp_store *st, const char *key, const char *value)
{
    struct rp_stmt *stmt;
    enum rp_status rc;
    if (!value) {
        if ((rc = store_prepare(st, "DELETE FROM settings WHERE key = ?", &stmt)) ||
            (rc = st->drv->bind_text(stmt, 1, key)))
            return rc;
        return store_run(st, stmt);
    }
    if ((rc = store_prepare(st,
                            "INSERT INTO settings (key, value) VALUES (?, ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            &stmt)) ||
        (rc = st->drv->bind_text(stmt, 1, key)) || (rc = st->drv->bind_text(stmt, 2, value)))
        return rc;
    return store_run(st, stmt);
}

enum rp_status rp_store_attendee_add(struct rp_store *st, int64_t meeting_id, int64_t contact_id)
{
    struct rp_stmt *stmt;
    enum rp_status rc;
    if ((rc = store_prepare(st,
                            "INSERT INTO meeting_attendees (meeting_id, contact_id) "
                            "VALUES (?, ?) ON CONFLICT DO NOTHING",
                            &stmt)) ||
        (rc = st->drv->bind_int(stmt, 1, meeting_id)) ||
        (rc = st->drv->bind_int(stmt, 2, contact_id)))
        return rc;
    return store_run(st, stmt);
}

enum rp_status store_collect_ids(struct rp_store *st, struct rp_stmt *stmt, int64_t **ids,
                                 size_t *n)
{
    int64_t *list = NULL;
    size_t count = 0, cap = 0;
    int row;
    enum rp_status rc;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row) {
        if (RP_GROW(list, count + 1, cap)) {
            rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
            break;
        }
        list[count++] = st->drv->column_int(stmt, 0);
    }
    st->drv->reset(stmt);
    if (rc) {
        free(list);
        return rc;
    }
    *ids = list;
    *n = count;
    return RP_OK;
}

enum rp_status rp_store_attendees(struct rp_store *st, int64_t meeting_id, int64_t **ids, size_t *n)
{
    struct rp_stmt *stmt;
    enum rp_status rc;
    if ((rc = store_prepare(st,
                            "SELECT contact_id FROM meeting_attendees "
                            "WHERE meeting_id = ? ORDER BY contact_id",
                            &stmt)) ||
        (rc = st->drv->bind_int(stmt, 1, meeting_id)))
        return rc;
    return store_collect_ids(st, stmt, ids, n);
}

enum rp_status rp_store_attendees_clear(struct rp_store *st, int64_t meeting_id)
{
    struct rp_stmt *stmt;
    enum rp_status rc;
    if ((rc = store_prepare(st, "DELETE FROM meeting_attendees WHERE meeting_id = ?", &stmt)) ||
        (rc = st->drv->bind_int(stmt, 1, meeting_id)))
        return rc;
    return store_run(st, stmt);
}

enum rp_status rp_store_contact_meetings(struct rp_store *st, int64_t contact_id, int64_t **ids,
                                         size_t *n)
{
    struct rp_stmt *stmt;
    enum rp_status rc;
    if ((rc = store_prepare(st,
                            "SELECT meeting_id FROM meeting_attendees "
                            "WHERE contact_id = ? ORDER BY meeting_id",
                            &stmt)) ||
        (rc = st->drv->bind_int(stmt, 1, contact_id)))
        return rc;
    return store_collect_ids(st, stmt, ids, n);
}

static enum rp_status agreements_close(struct rp_store *st, const char *sql, int64_t id,
                                       int64_t due_by, const char *status, int64_t at, int64_t *n)
{
    struct rp_stmt *stmt = NULL;
    char due[RP_DATE_LEN] = "9999-12-31", when[RP_INSTANT_LEN];
    int row;
    enum rp_status rc;
    if (due_by != INT64_MAX)
        rp_date_format(due_by, due);
    rp_instant_format(at, when);
    if ((rc = store_prepare(st, sql, &stmt)) || (rc = st->drv->bind_text(stmt, 1, status)) ||
        (rc = st->drv->bind_text(stmt, 2, when)) || (rc = st->drv->bind_int(stmt, 3, id)) ||
        (rc = st->drv->bind_text(stmt, 4, due)))
        return rc;
    *n = 0;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row)
        (*n)++;
    st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_agreements_close(struct rp_store *st, int64_t deal_id, int64_t due_by,
                                         const char *status, int64_t at, int64_t *n)
{
    return agreements_close(st,
                            "UPDATE agreements SET status = ?, closed_at = ? WHERE "
                            "deal_id = ? AND status = 'open' AND due_on <= ? RETURNING id",
                            deal_id, due_by, status, at, n);
}

enum rp_status rp_store_account_agreements_close(struct rp_store *st, int64_t account_id,
                                                 int without_deal, int64_t due_by,
                                                 const char *status, int64_t at, int64_t *n)
{
    return agreements_close(st,
                            without_deal ? "UPDATE agreements SET status = ?, closed_at = ? "
                                           "WHERE account_id = ? AND deal_id IS NULL AND "
                                           "status = 'open' AND due_on <= ? RETURNING id"
                                         : "UPDATE agreements SET status = ?, closed_at = ? "
                                           "WHERE account_id = ? AND status = 'open' AND "
                                           "due_on <= ? RETURNING id",
                            account_id, due_by, status, at, n);
}
