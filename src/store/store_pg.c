/* The PostgreSQL backend, through libpq. libpq is loaded when a postgresql:// database is
 * opened, not linked: its dependencies (TLS, Kerberos, LDAP) would cost every command of a
 * SQLite user start-up time. Statements are prepared on the server under names of their
 * own, with `?` rewritten to `$n`; results come back whole (a statement's rows are read
 * at its first step). A lost connection makes statements fail with RP_ERR_BUSY (503 from
 * the server) and is opened again at the next statement outside a transaction, so a
 * restarted server is used again without anyone's help. */
#include <dlfcn.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "store/driver.h"
#include "base/banned.h"

extern const char *const rp_schema_pg[];
extern const char rp_account_facts_pg[];

/* The advisory locks of the store: one taken by every write transaction, so that writers
 * run one at a time as SQLite's do (docs/deploy.md says why), and one for creating the
 * table of migrations. Each is the book's: its first key says which lock, its second is
 * the schema the book's tables are in, so that books in other schemas of the same database
 * do not wait for each other. */
#define PG_WRITE_LOCK "72425569, hashtext(current_schema())"
#define PG_SCHEMA_LOCK "72425570, hashtext(current_schema())"

static struct {
    int loaded;
    PGconn *(*connectdb)(const char *);
    ConnStatusType (*status)(const PGconn *);
    char *(*error_message)(const PGconn *);
    void (*finish)(PGconn *);
    void (*reset)(PGconn *);
    PQnoticeProcessor (*set_notice_processor)(PGconn *, PQnoticeProcessor, void *);
    PGresult *(*exec)(PGconn *, const char *);
    PGresult *(*prepare)(PGconn *, const char *, const char *, int, const Oid *);
    PGresult *(*exec_prepared)(PGconn *, const char *, int, const char *const *, const int *,
                               const int *, int);
    ExecStatusType (*result_status)(const PGresult *);
    char *(*result_error_field)(const PGresult *, int);
    void (*clear)(PGresult *);
    int (*ntuples)(const PGresult *);
    int (*getisnull)(const PGresult *, int, int);
    char *(*getvalue)(const PGresult *, int, int);
    int (*nfields)(const PGresult *);
    char *(*fname)(const PGresult *, int);
    char *(*cmd_status)(PGresult *);
    char *(*cmd_tuples)(PGresult *);
    int (*enter_pipeline)(PGconn *);
    int (*exit_pipeline)(PGconn *);
    int (*pipeline_sync)(PGconn *);
    int (*send_query_params)(PGconn *, const char *, int, const Oid *, const char *const *,
                             const int *, const int *, int);
    int (*send_prepare)(PGconn *, const char *, const char *, int, const Oid *);
    int (*send_query_prepared)(PGconn *, const char *, int, const char *const *, const int *,
                               const int *, int);
    PGresult *(*get_result)(PGconn *);
    int (*put_copy_data)(PGconn *, const char *, int);
    int (*put_copy_end)(PGconn *, const char *);
} pq;

#define PQ_SYM(lib, field, name) (*(void **)(&pq.field) = dlsym(lib, name))

/* How libpq is loaded. Binding its two dozen libraries (TLS, Kerberos, LDAP) takes most of
 * a command's start on PostgreSQL, so their functions are bound as they are first called
 * (RTLD_LAZY: most of Kerberos's never are), and their symbols are looked up in libpq's own
 * libraries before the program's (RTLD_DEEPBIND: each of those lookups would first miss in
 * every library rapport links). AddressSanitizer refuses RTLD_DEEPBIND. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PQ_SANITIZED 1
#endif
#endif
#if defined(RTLD_DEEPBIND) && !defined(__SANITIZE_ADDRESS__) && !defined(PQ_SANITIZED)
#define PQ_DLOPEN_FLAGS (RTLD_LAZY | RTLD_LOCAL | RTLD_DEEPBIND)
#else
#define PQ_DLOPEN_FLAGS (RTLD_LAZY | RTLD_LOCAL)
#endif

static void pq_load_once(void)
{
    void *lib = dlopen("libpq.so.5", PQ_DLOPEN_FLAGS);
    if (!lib)
        return;
    pq.loaded =
        PQ_SYM(lib, connectdb, "PQconnectdb") && PQ_SYM(lib, status, "PQstatus") &&
        PQ_SYM(lib, error_message, "PQerrorMessage") && PQ_SYM(lib, finish, "PQfinish") &&
        PQ_SYM(lib, reset, "PQreset") &&
        PQ_SYM(lib, set_notice_processor, "PQsetNoticeProcessor") && PQ_SYM(lib, exec, "PQexec") &&
        PQ_SYM(lib, prepare, "PQprepare") && PQ_SYM(lib, exec_prepared, "PQexecPrepared") &&
        PQ_SYM(lib, result_status, "PQresultStatus") &&
        PQ_SYM(lib, result_error_field, "PQresultErrorField") && PQ_SYM(lib, clear, "PQclear") &&
        PQ_SYM(lib, ntuples, "PQntuples") && PQ_SYM(lib, getisnull, "PQgetisnull") &&
        PQ_SYM(lib, getvalue, "PQgetvalue") && PQ_SYM(lib, nfields, "PQnfields") &&
        PQ_SYM(lib, fname, "PQfname") && PQ_SYM(lib, cmd_status, "PQcmdStatus") &&
        PQ_SYM(lib, cmd_tuples, "PQcmdTuples") &&
        PQ_SYM(lib, enter_pipeline, "PQenterPipelineMode") &&
        PQ_SYM(lib, exit_pipeline, "PQexitPipelineMode") &&
        PQ_SYM(lib, pipeline_sync, "PQpipelineSync") &&
        PQ_SYM(lib, send_query_params, "PQsendQueryParams") &&
        PQ_SYM(lib, send_prepare, "PQsendPrepare") &&
        PQ_SYM(lib, send_query_prepared, "PQsendQueryPrepared") &&
        PQ_SYM(lib, get_result, "PQgetResult") && PQ_SYM(lib, put_copy_data, "PQputCopyData") &&
        PQ_SYM(lib, put_copy_end, "PQputCopyEnd");
}

/* The server's threads may open their first connections together. */
static int pq_load(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, pq_load_once);
    return pq.loaded;
}

/* At most this many commands wait for the next statement's round trip, and this many
 * statements to be read ahead with it (pg_read_ahead): a week of the agenda's days, 18
 * reads each (RP_STORE_DAYS_AHEAD), and the few before them. */
#define PG_LATER_MAX 32
#define PG_AHEAD_MAX 160

struct pg_stmt;

/* A command waiting for the next round trip: SQL without parameters, a run of a prepared
 * statement (pg_run_later), or the statement's preparing, ahead of its first run. */
struct pg_cmd {
    char *text;    /* the SQL, or the prepared statement's name */
    char **params; /* the run's values (owned), NULL for SQL and a preparing */
    int nparams;
    char *sql;             /* a preparing: the statement's SQL (owned), else NULL */
    struct pg_stmt *parse; /* the statement it prepares, NULL once finalized */
};

struct pg_conn {
    PGconn *pg;
    unsigned generation; /* counts reconnections: statements prepared before are gone */
    unsigned next_name;
    int64_t changes;
    int64_t timeout_ms, timeout_applied; /* statement_timeout wanted and in force */
    int session_applied;                 /* PG_SESSION_SQL in force */
    int in_tx, read_only;
    int lazy;        /* write transactions commit without waiting for the disk (pg_set_durable) */
    int begin_later; /* 1 + the place in later of a BEGIN not sent yet, or 0 */
    int unread;      /* a read-only transaction's COMMIT went out, its answer is unread */
    struct rp_buf forget; /* DEALLOCATE statements for the next round trip */
    /* Commands sent ahead of the next statement, in its round trip (pg_later), nwrites
     * of them writes of the transaction (pg_run_later). */
    struct pg_cmd later[PG_LATER_MAX];
    int nlater, nwrites;
    /* Statements to read ahead with the next round trip, and the count of round trips:
     * an answer read ahead is used only before the next one. */
    struct pg_stmt *ahead[PG_AHEAD_MAX];
    int nahead;
    unsigned trips;
    int64_t waits; /* the round trips whose answers were waited for (pg_round_trips) */
};

struct pg_stmt {
    struct pg_conn *conn;
    char *sql; /* with $n placeholders */
    char name[24];
    unsigned generation;
    int parsing; /* prepared by a command waiting for the next round trip (pg_run_later) */
    int nparams;
    int generic; /* planned once for all parameters from its second run (pg_plan_once) */
    unsigned runs;
    int copy; /* rows of a COPY (pg_copy_begin), gathered in data */
    struct rp_buf data;
    char **params;
    PGresult *res;
    int row, nrows;
    int queued;     /* in conn->ahead */
    unsigned early; /* res is an answer read ahead in round trip number early, not stepped */
};

/* Whether S is to be prepared with its next run: it is neither prepared on this connection
 * nor waiting to be, with the next round trip (pg_run_later). */
static int pg_unprepared(const struct pg_stmt *s)
{
    return s->generation != s->conn->generation && !s->parsing;
}

static void pg_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* The one-line message of a libpq error text (which may span lines). */
static const char *first_line(const char *msg, int *len)
{
    *len = (int)strcspn(msg ? msg : "", "\n");
    return msg ? msg : "";
}

static int connection_lost(const struct pg_conn *c)
{
    return pq.status(c->pg) != CONNECTION_OK;
}

static enum rp_status unavailable(struct pg_conn *c, struct rp_error *err)
{
    int n;
    const char *msg = first_line(pq.error_message(c->pg), &n);
    return rp_error_set(err, RP_ERR_BUSY, NULL, "database is unavailable (%.*s; try again)", n,
                        msg);
}

/* Maps a failed result to a status: SQLSTATE class 23 (a constraint) is a conflict;
 * serialization failures, deadlocks, lock and statement timeouts, and a server going away
 * are RP_ERR_BUSY, as SQLite's BUSY is. */
static enum rp_status pg_fail(struct pg_conn *c, PGresult *res, struct rp_error *err)
{
    const char *state = res ? pq.result_error_field(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? pq.result_error_field(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    int n;
    if (!state && connection_lost(c))
        return unavailable(c, err);
    if (state && !strncmp(state, "23", 2))
        return rp_error_set(err, RP_ERR_CONFLICT, NULL,
                            "conflicts with another record (a "
                            "value that must be unique is taken, or a record referred to is "
                            "missing)");
    if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03")))
        return rp_error_set(err, RP_ERR_BUSY, NULL,
                            "database is busy (another program is "
                            "writing; try again)");
    if (state && !strcmp(state, "57014"))
        return rp_error_set(err, RP_ERR_BUSY, NULL,
                            "the request took too long (narrow it, "
                            "or try again later)");
    if (state && (!strncmp(state, "08", 2) || !strncmp(state, "57P", 3)))
        return unavailable(c, err);
    msg = first_line(msg ? msg : pq.error_message(c->pg), &n);
    /* The store's statements live as long as the connection: a pooler that hands each
     * transaction another server connection (pgbouncer's transaction pooling) loses them. */
    if (state && (!strcmp(state, "42P05") || !strcmp(state, "26000")))
        return rp_error_set(err, RP_ERR_INTERNAL, NULL,
                            "database error (%.*s; through a connection pooler, rapport "
                            "needs session pooling)",
                            n, msg);
    return rp_error_set(err, RP_ERR_INTERNAL, NULL, "database error (%.*s)", n, msg);
}

/* Runs SQL that returns nothing the caller reads. */
static enum rp_status pg_run(struct pg_conn *c, const char *sql, struct rp_error *err)
{
    c->waits++;
    PGresult *res = pq.exec(c->pg, sql);
    ExecStatusType s = res ? pq.result_status(res) : PGRES_FATAL_ERROR;
    enum rp_status rc = RP_OK;
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
        rc = pg_fail(c, res, err);
    pq.clear(res);
    return rc;
}

/* As SQLite's busy timeout: a writer waits for the write lock 5 s at most. No JIT: the
 * store's statements each read few rows, and a large book's estimates would make
 * PostgreSQL compile some of them, at tens of milliseconds each, for every process. */
#define PG_SESSION_SQL                                                                             \
    "SELECT set_config('lock_timeout', '5s', false), "                                             \
    "set_config('client_min_messages', 'warning', false), set_config('jit', 'off', false)"

/* A preparing freed before its answer came leaves its statement to be prepared again. */
static void pg_cmd_free(struct pg_cmd *cmd)
{
    for (int i = 0; cmd->params && i < cmd->nparams; i++)
        free(cmd->params[i]);
    free(cmd->params);
    free(cmd->text);
    free(cmd->sql);
    if (cmd->parse)
        cmd->parse->parsing = 0;
}

/* Takes the command at AT out of those waiting. */
static void pg_later_drop(struct pg_conn *c, int at)
{
    c->nwrites -= c->later[at].params != NULL;
    pg_cmd_free(&c->later[at]);
    memmove(c->later + at, c->later + at + 1, (size_t)(c->nlater - at - 1) * sizeof(c->later[0]));
    c->nlater--;
}

static void pg_later_clear(struct pg_conn *c)
{
    for (int i = 0; i < c->nlater; i++)
        pg_cmd_free(&c->later[i]);
    c->nlater = c->nwrites = 0;
    c->begin_later = 0;
}

/* The statements the store's cache let go of, each a "DEALLOCATE name;" in c->forget,
 * told to the server ahead of the next statement, in its round trip (pg_later; a closing
 * connection forgets them all). Only outside a transaction: in a failed one, the
 * DEALLOCATE would fail, and the ROLLBACK after it with it. */
static enum rp_status pg_later(struct pg_conn *c, const char *sql, struct rp_error *err);

static enum rp_status pg_forget(struct pg_conn *c, struct rp_error *err)
{
    enum rp_status rc = RP_OK;
    if (c->in_tx || !c->forget.len)
        return RP_OK;
    char *text = c->forget.data; /* NUL-terminated: len is not 0 */
    for (char *end; !rc && (end = strchr(text, ';')); text = end + 1) {
        *end = '\0';
        rc = pg_later(c, text, err);
    }
    rp_buf_reset(&c->forget);
    return rc;
}

/* Reads what is left of a round trip's answers up to its end, and leaves pipeline mode. */
static void pg_pipeline_end(struct pg_conn *c)
{
    for (int nulls = 0; nulls < 2 && !connection_lost(c);) {
        PGresult *res = pq.get_result(c->pg);
        if (!res) {
            nulls++;
            continue;
        }
        nulls = 0;
        int sync = pq.result_status(res) == PGRES_PIPELINE_SYNC;
        pq.clear(res);
        if (sync)
            break;
    }
    pq.exit_pipeline(c->pg);
}

/* Opens the connection again when it was lost, unless a transaction was under way (its
 * work is gone: the caller hears of it and rolls back). */
static enum rp_status pg_ready(struct pg_conn *c, struct rp_error *err)
{
    c->trips++; /* something goes out: what was read ahead is old from now on */
    if (c->unread) {
        c->unread = 0;
        pg_pipeline_end(c);
    }
    if (!connection_lost(c))
        return RP_OK;
    if (c->in_tx)
        return unavailable(c, err);
    pq.reset(c->pg);
    if (connection_lost(c))
        return unavailable(c, err);
    c->generation++;
    pg_later_clear(c);
    rp_buf_reset(&c->forget); /* the new connection never had them */
    c->timeout_applied = 0;
    c->session_applied = 0;
    return RP_OK;
}

/* A command that cannot fail on a healthy connection (a savepoint, its release, the
 * statement timeout) waits to go out with the next statement, in its round trip: each
 * request the server writes costs two round trips fewer. Its failure, if any, is the
 * next statement's. */
static enum rp_status pg_round_trip(struct pg_conn *c, struct pg_stmt *s, const char *sql,
                                    PGresult **out, struct rp_error *err);

static enum rp_status pg_later(struct pg_conn *c, const char *sql, struct rp_error *err)
{
    PGresult *none;
    enum rp_status rc;
    if (c->nlater == PG_LATER_MAX && (rc = pg_round_trip(c, NULL, NULL, &none, err)))
        return rc;
    struct pg_cmd cmd = {strdup(sql), NULL, 0, NULL, NULL};
    if (!cmd.text)
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, "out of memory");
    c->later[c->nlater++] = cmd;
    return RP_OK;
}

/* One round trip (libpq's pipeline mode): the commands waiting (pg_later), then S's
 * statement (prepared first when this connection has not prepared it yet) or SQL (one
 * statement without parameters) when given. *out is the answer of the last, owned by the
 * caller; the status is the first failure's (the server skips what follows one). */
/* What went out for a statement read ahead, besides it (pg_ahead_send). */
enum { AHEAD_PREPARED = 1, AHEAD_GENERIC = 2 };

/* Sends the statements waiting to be read ahead (each prepared first where this connection
 * has not prepared it yet, and planned once as pg_round_trip plans its own) into SENT, and
 * what went out with each into HOW. */
static int pg_ahead_send(struct pg_conn *c, struct pg_stmt **sent, int *how)
{
    int ok = 1;
    for (int i = 0; ok && i < c->nahead; i++) {
        struct pg_stmt *a = sent[i] = c->ahead[i];
        a->queued = 0;
        how[i] =
            (pg_unprepared(a) ? AHEAD_PREPARED : 0) | (a->generic && a->runs ? AHEAD_GENERIC : 0);
        if (how[i] & AHEAD_PREPARED) {
            snprintf(a->name, sizeof(a->name), "rp%u", c->next_name++);
            ok = pq.send_prepare(c->pg, a->name, a->sql, 0, NULL);
        }
        if (ok && (how[i] & AHEAD_GENERIC))
            ok = pq.send_query_params(c->pg, "SET plan_cache_mode = force_generic_plan", 0, NULL,
                                      NULL, NULL, NULL, 0);
        ok = ok && pq.send_query_prepared(c->pg, a->name, a->nparams,
                                          (const char *const *)a->params, NULL, NULL, 0);
        if (ok && (how[i] & AHEAD_GENERIC))
            ok = pq.send_query_params(c->pg, "RESET plan_cache_mode", 0, NULL, NULL, NULL, NULL, 0);
    }
    c->nahead = 0;
    return ok;
}

/* Reads the answers of the N statements read ahead (pg_ahead_send): each kept on its
 * statement for its next step; a failure is left for its next run to meet. */
static void pg_ahead_read(struct pg_conn *c, struct pg_stmt **sent, const int *how, int n)
{
    for (int i = 0; i < n; i++) {
        int prepared = how[i] & AHEAD_PREPARED, generic = !!(how[i] & AHEAD_GENERIC);
        int answer = prepared + generic, results = answer + 1 + generic;
        for (int k = 0; k < results; k++) {
            PGresult *res = pq.get_result(c->pg), *end;
            if (!res)
                return;
            ExecStatusType status = pq.result_status(res);
            if (prepared && !k && status == PGRES_COMMAND_OK) {
                sent[i]->generation = c->generation;
            } else if (k == answer && status == PGRES_TUPLES_OK) {
                struct pg_stmt *a = sent[i];
                a->res = res;
                res = NULL;
                a->early = c->trips;
                a->row = -1;
                a->nrows = pq.ntuples(a->res);
                a->runs++;
            }
            pq.clear(res);
            while ((end = pq.get_result(c->pg))) /* the NULL after each answer */
                pq.clear(end);
        }
    }
}

/* CMD, a preparing sent ahead of its statement's first run (pg_run_later), succeeded: the
 * statement is prepared on this connection, or, when it was finalized meanwhile, is to be
 * forgotten there (pg_forget). */
static void pg_prepared_later(struct pg_conn *c, const struct pg_cmd *cmd)
{
    if (cmd->parse)
        cmd->parse->generation = c->generation;
    else
        rp_buf_addf(&c->forget, "DEALLOCATE %s;", cmd->text);
}

static enum rp_status pg_round_trip(struct pg_conn *c, struct pg_stmt *s, const char *sql,
                                    PGresult **out, struct rp_error *err)
{
    int prepare = s && pg_unprepared(s), generic = s && s->generic && s->runs;
    int last = s || sql, n = c->nlater + prepare + last + 2 * generic;
    int ok = pq.enter_pipeline(c->pg), nahead = c->nahead, how[PG_AHEAD_MAX];
    struct pg_stmt *ahead[PG_AHEAD_MAX];
    enum rp_status rc = RP_OK;
    *out = NULL;
    c->waits++;
    if (prepare)
        snprintf(s->name, sizeof(s->name), "rp%u", c->next_name++);
    for (int i = 0; ok && i < c->nlater; i++) {
        const struct pg_cmd *cmd = &c->later[i];
        if (cmd->sql)
            ok = pq.send_prepare(c->pg, cmd->text, cmd->sql, 0, NULL);
        else if (cmd->params)
            ok = pq.send_query_prepared(c->pg, cmd->text, cmd->nparams,
                                        (const char *const *)cmd->params, NULL, NULL, 0);
        else
            ok = pq.send_query_params(c->pg, cmd->text, 0, NULL, NULL, NULL, NULL, 0);
    }
    if (ok && prepare)
        ok = pq.send_prepare(c->pg, s->name, s->sql, 0, NULL);
    if (ok && generic)
        ok = pq.send_query_params(c->pg, "SET plan_cache_mode = force_generic_plan", 0, NULL, NULL,
                                  NULL, NULL, 0);
    if (ok && s)
        ok = pq.send_query_prepared(c->pg, s->name, s->nparams, (const char *const *)s->params,
                                    NULL, NULL, 0);
    if (ok && generic)
        ok = pq.send_query_params(c->pg, "RESET plan_cache_mode", 0, NULL, NULL, NULL, NULL, 0);
    else if (ok && sql)
        ok = pq.send_query_params(c->pg, sql, 0, NULL, NULL, NULL, NULL, 0);
    ok = ok && pg_ahead_send(c, ahead, how) && pq.pipeline_sync(c->pg);
    int nlater = c->nlater;
    for (int i = 0; ok && i < n; i++) {
        PGresult *res = pq.get_result(c->pg), *end;
        ExecStatusType status = res ? pq.result_status(res) : PGRES_FATAL_ERROR;
        if (!res)
            ok = 0;
        else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            if (status != PGRES_PIPELINE_ABORTED && !rc)
                rc = pg_fail(c, res, err);
        } else if (i < nlater && c->later[i].sql) {
            pg_prepared_later(c, &c->later[i]);
        } else if (prepare && i == nlater) {
            s->generation = c->generation;
        } else if (last && i == n - 1 - generic) {
            *out = res;
            res = NULL;
        }
        pq.clear(res);
        while (ok && (end = pq.get_result(c->pg))) /* the NULL after each answer */
            pq.clear(end);
    }
    pg_later_clear(c); /* a preparing without its answer leaves its statement unprepared */
    if (!ok && !rc)
        rc = pg_fail(c, NULL, err);
    if (ok)
        pg_ahead_read(c, ahead, how, nahead);
    pg_pipeline_end(c);
    if (rc) {
        /* A SET of the round trip may have been undone with it. */
        c->timeout_applied = -1;
        c->session_applied = 0;
        pq.clear(*out);
        *out = NULL;
    }
    return rc;
}

static enum rp_status pg_apply_timeout(struct pg_conn *c, struct rp_error *err)
{
    if (c->timeout_ms == c->timeout_applied)
        return RP_OK;
    char sql[64];
    snprintf(sql, sizeof(sql), "SET statement_timeout = %lld", (long long)c->timeout_ms);
    enum rp_status rc = pg_later(c, sql, err);
    if (!rc)
        c->timeout_applied = c->timeout_ms;
    return rc;
}

/* The statements to forget, the session's settings and the statement timeout, when they
 * are not in force (on a new connection, or after a failure or rollback that may have
 * undone them), go out with the next statement, in its round trip. Never ahead of a
 * rollback: in a failed transaction they would fail, and the rollback with them. */
static enum rp_status pg_settings(struct pg_conn *c, struct rp_error *err)
{
    enum rp_status rc = pg_forget(c, err);
    if (!rc && !c->session_applied && !(rc = pg_later(c, PG_SESSION_SQL, err)))
        c->session_applied = 1;
    return rc ? rc : pg_apply_timeout(c, err);
}

/* Counts the rows a data-changing statement changed (rp_store_version). */
static void pg_count_changes(struct pg_conn *c, PGresult *res)
{
    const char *status = pq.cmd_status(res);
    if (!strncmp(status, "INSERT", 6) || !strncmp(status, "UPDATE", 6) ||
        !strncmp(status, "DELETE", 6) || !strncmp(status, "COPY", 4))
        c->changes += strtoll(pq.cmd_tuples(res), NULL, 10);
}

/* Runs SQL of several statements, after the commands waiting. libpq tells only the last
 * one's rows: text that may change rows counts as a change (rp_store_version, and a
 * transaction's count of commits, store.c). */
static enum rp_status pg_run_all(struct pg_conn *c, const char *sql, struct rp_error *err)
{
    PGresult *res = NULL;
    enum rp_status rc = c->nlater ? pg_round_trip(c, NULL, NULL, &res, err) : RP_OK;
    if (!rc && (strstr(sql, "INSERT") || strstr(sql, "UPDATE") || strstr(sql, "DELETE")))
        c->changes++;
    return rc ? rc : pg_run(c, sql, err);
}

/* The end of a read-only transaction: a COMMIT sent without waiting for its answer (it
 * cannot fail; a failed transaction's COMMIT is a rollback), read before the next command
 * goes out (pg_ready). */
static void pg_end_read(struct pg_conn *c)
{
    int ok = pq.enter_pipeline(c->pg);
    ok = ok && pq.send_query_params(c->pg, "COMMIT", 0, NULL, NULL, NULL, NULL, 0);
    ok = ok && pq.pipeline_sync(c->pg);
    if (ok)
        c->unread = 1;
    else
        pg_pipeline_end(c);
}

/* The end of a transaction. One whose BEGIN has not gone out yet ends without a word to
 * the server. A read-only one ends in COMMIT even when asked to roll back: nothing it did
 * differs, and the settings sent in its round trips stay in force. */
static enum rp_status pg_end(struct pg_conn *c, const char *sql, struct rp_error *err)
{
    int read_only = c->read_only, rollback = !strcmp(sql, "ROLLBACK") && !read_only;
    PGresult *res = NULL;
    c->in_tx = c->read_only = 0;
    if (c->begin_later) {
        pg_later_drop(c, c->begin_later - 1);
        c->begin_later = 0;
        return RP_OK;
    }
    if (rollback) {
        /* What a rollback undoes may include the settings made in its transaction. */
        c->timeout_applied = -1;
        c->session_applied = 0;
        pg_later_clear(c); /* a savepoint and its release are moot */
    }
    enum rp_status rc = pg_ready(c, err);
    if (!rc && read_only && !c->nlater) {
        pg_end_read(c);
        return RP_OK;
    }
    if (!rc)
        rc = pg_round_trip(c, NULL, rollback ? sql : "COMMIT", &res, err);
    /* PostgreSQL answers the COMMIT of a transaction an error aborted with "ROLLBACK" and
     * no error: nothing of it may be taken as written. */
    if (!rc && !rollback && res && strcmp(pq.cmd_status(res), "COMMIT"))
        rc = rp_error_set(err, RP_ERR_INTERNAL, NULL, "PostgreSQL rolled the transaction back (%s)",
                          pq.cmd_status(res));
    pq.clear(res);
    return rc;
}

/* The writes waiting since the savepoint a ROLLBACK TO goes back to are undone with it:
 * they are never sent, nor are the preparings of their statements. */
static void pg_later_undo(struct pg_conn *c)
{
    int from = 0;
    for (int i = 0; i < c->nlater; i++)
        if (!c->later[i].params && !strncmp(c->later[i].text, "SAVEPOINT", 9))
            from = i + 1;
    for (int i = c->nlater; i-- > from;)
        if (c->later[i].params || c->later[i].sql)
            pg_later_drop(c, i);
}

/* An asynchronous commit: its WAL is flushed by the next synchronous one, if not before.
 * Asked of each write transaction in its BEGIN's round trip (SET LOCAL), so that asking
 * costs no round trip and no setting outlives the transaction. */
static enum rp_status pg_set_durable(void *conn, int durable, struct rp_error *err)
{
    (void)err;
    ((struct pg_conn *)conn)->lazy = !durable;
    return RP_OK;
}

/* SQL of several statements beginning a write transaction, which does not wait for the
 * disk when the connection is lazy. */
static enum rp_status pg_begin_write(struct pg_conn *c, const char *sql, struct rp_error *err)
{
    if (!c->lazy)
        return pg_run_all(c, sql, err);
    struct rp_buf lazy = RP_BUF_INIT;
    enum rp_status rc = rp_buf_addf(&lazy, "%s; SET LOCAL synchronous_commit = off", sql);
    rc = rc ? rp_error_set(err, RP_ERR_INTERNAL, NULL, "out of memory")
            : pg_run_all(c, rp_buf_str(&lazy), err);
    rp_buf_release(&lazy);
    return rc;
}

/* Transaction control is seen here, to know whether a lost connection took a transaction
 * with it. A BEGIN of one statement cannot fail on a working connection: it goes out with
 * the transaction's first statement, in its round trip. */
static enum rp_status pg_exec(void *conn, const char *sql, struct rp_error *err)
{
    struct pg_conn *c = conn;
    int begin = !strncmp(sql, "BEGIN", 5), several = strchr(sql, ';') != NULL;
    PGresult *res = NULL;
    if (!strcmp(sql, "COMMIT") || !strcmp(sql, "ROLLBACK"))
        return pg_end(c, sql, err);
    int rollback = !strncmp(sql, "ROLLBACK", 8);
    if (rollback) {
        c->timeout_applied = -1;
        c->session_applied = 0;
        pg_later_undo(c);
    }
    enum rp_status rc = pg_ready(c, err);
    /* SQL of several statements is sent alone (pg_run_all): the settings would cost a round
     * trip of their own, worth it only for those of the session (the lock timeout). */
    if (!rc && !rollback && (!several || !c->session_applied))
        rc = pg_settings(c, err);
    if (!rc && begin && !several && !(rc = pg_later(c, sql, err))) {
        c->begin_later = c->nlater;
        c->in_tx = 1;
        c->read_only = strstr(sql, "READ ONLY") != NULL;
        return RP_OK;
    }
    /* A part with writes waiting ends in a round trip of its own: a failure of one of them
     * is the part's, undone alone (rp_store_rollback_to), not the next part's. */
    if (!rc &&
        (!strcmp(sql, "SAVEPOINT rp_part") || (!strcmp(sql, "RELEASE rp_part") && !c->nwrites)))
        return pg_later(c, sql, err);
    if (!rc && several)
        rc = begin ? pg_begin_write(c, sql, err) : pg_run_all(c, sql, err);
    else if (!rc)
        rc = pg_round_trip(c, NULL, sql, &res, err);
    if (res)
        pg_count_changes(c, res);
    pq.clear(res);
    if (!rc && begin)
        c->in_tx = 1;
    else if (rc && begin && !connection_lost(c))
        pq.clear(pq.exec(c->pg, "ROLLBACK")); /* BEGIN ran, the lock timed out */
    return rc;
}

static enum rp_status pg_open(const char *target, void **out, struct rp_error *err)
{
    if (!pq_load())
        return rp_error_set(err, RP_ERR_INTERNAL, NULL,
                            "cannot use PostgreSQL (libpq.so.5 of "
                            "PostgreSQL 14 or later is not installed: apt-get install libpq5)");
    struct pg_conn *c = calloc(1, sizeof(*c));
    if (!c)
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, "out of memory");
    c->forget = (struct rp_buf)RP_BUF_INIT;
    c->pg = pq.connectdb(target);
    enum rp_status rc = RP_OK;
    if (!c->pg || connection_lost(c)) {
        int n;
        const char *msg = first_line(c->pg ? pq.error_message(c->pg) : "out of memory", &n);
        rc =
            rp_error_set(err, RP_ERR_INTERNAL, NULL, "cannot connect to PostgreSQL (%.*s)", n, msg);
        goto out;
    }
    /* The session's settings go out with the first statement (pg_settings). */
    pq.set_notice_processor(c->pg, pg_quiet, NULL);
out:
    if (rc) {
        if (c->pg)
            pq.finish(c->pg);
        rp_buf_release(&c->forget);
        free(c);
        return rc;
    }
    *out = c;
    return RP_OK;
}

static void pg_close(void *conn)
{
    struct pg_conn *c = conn;
    if (!c)
        return;
    /* The last read's COMMIT is answered before the connection closes: a pooler (such as
     * pgbouncer) drops a server connection whose client left in the middle of an answer,
     * and the next client would wait for a new one. */
    if (c->unread && !connection_lost(c))
        pg_pipeline_end(c);
    pq.finish(c->pg);
    pg_later_clear(c);
    rp_buf_release(&c->forget);
    free(c);
}

/* SQL with each `?` outside quotes and comments turned into $1, $2, ...; *n gets how
 * many. */
static enum rp_status pg_rewrite(const char *sql, struct rp_buf *out, int *n)
{
    enum rp_status rc = RP_OK;
    *n = 0;
    for (const char *p = sql; *p && !rc; p++) {
        if (*p == '\'' || *p == '"') {
            const char *end = strchr(p + 1, *p);
            size_t len = end ? (size_t)(end - p) + 1 : strlen(p);
            rc = rp_buf_add(out, p, len);
            p += len - 1;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            size_t len = end ? (size_t)(end - p) + 2 : strlen(p);
            rc = rp_buf_add(out, p, len);
            p += len - 1;
        } else if (*p == '?') {
            rc = rp_buf_addf(out, "$%d", ++*n);
        } else {
            rc = rp_buf_addc(out, *p);
        }
    }
    return rc;
}

static void pg_finalize(struct rp_stmt *st);

static enum rp_status pg_prepare(void *conn, const char *sql, struct rp_stmt **out,
                                 struct rp_error *err)
{
    struct pg_stmt *s = calloc(1, sizeof(*s));
    struct rp_buf text = RP_BUF_INIT;
    enum rp_status rc = s ? pg_rewrite(sql, &text, &s->nparams) : RP_ERR_INTERNAL;
    if (!rc && (!(s->sql = rp_buf_detach(&text)) ||
                !(s->params = calloc((size_t)s->nparams + 1, sizeof(*s->params)))))
        rc = RP_ERR_INTERNAL;
    rp_buf_release(&text);
    if (rc) {
        pg_finalize((struct rp_stmt *)s);
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    /* Prepared on the server with its first run, in the same round trip. */
    s->conn = conn;
    s->generation = ((struct pg_conn *)conn)->generation - 1;
    *out = (struct rp_stmt *)s;
    return RP_OK;
}

/* PostgreSQL plans a prepared statement again at each run for its parameters' values,
 * unless it finds a plan for all values as cheap; for the statements marked so, planning
 * cost as much as running, and the plan for all values is as good. A process that runs one
 * once plans it as PostgreSQL would. */
static void pg_plan_once(struct rp_stmt *st)
{
    ((struct pg_stmt *)st)->generic = 1;
}

/* Lets go of an answer read ahead and not used. */
static void pg_drop_early(struct pg_stmt *s)
{
    if (!s->early)
        return;
    s->early = 0;
    pq.clear(s->res);
    s->res = NULL;
}

/* Takes S out of the statements waiting to be read ahead. */
static void pg_unqueue(struct pg_stmt *s)
{
    struct pg_conn *c = s->conn;
    for (int i = 0; s->queued && i < c->nahead; i++)
        if (c->ahead[i] == s) {
            for (int j = i + 1; j < c->nahead; j++)
                c->ahead[j - 1] = c->ahead[j];
            c->nahead--;
            s->queued = 0;
        }
}

static void pg_read_ahead(struct rp_stmt *st)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    struct pg_conn *c = s->conn;
    /* Read ahead with the same values (pg_bind drops it otherwise), and nothing has gone out
     * since: its answer stands. */
    if (s->early && s->early == c->trips)
        return;
    pg_drop_early(s);
    if (s->queued || s->copy || s->res || c->nahead == PG_AHEAD_MAX)
        return;
    c->ahead[c->nahead++] = s;
    s->queued = 1;
}

static void pg_reset(struct rp_stmt *st)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    /* What is read ahead keeps its values, to be bound the same again before it is used. */
    if (s->early || s->queued)
        return;
    pq.clear(s->res);
    s->res = NULL;
    for (int i = 0; i < s->nparams; i++) {
        free(s->params[i]);
        s->params[i] = NULL;
    }
}

static void pg_finalize(struct rp_stmt *st)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    if (!s)
        return;
    if (s->queued)
        pg_unqueue(s);
    for (int i = 0; s->parsing && i < s->conn->nlater; i++)
        if (s->conn->later[i].parse == s)
            s->conn->later[i].parse = NULL; /* forgotten once prepared */
    pg_drop_early(s);
    if (s->params)
        pg_reset(st);
    /* The server forgets it with the connection; a long-lived connection would keep
     * one per evicted cache entry, so it is told (pg_forget). */
    if (s->conn && s->name[0] && s->generation == s->conn->generation)
        rp_buf_addf(&s->conn->forget, "DEALLOCATE %s;", s->name);
    free(s->params);
    free(s->sql);
    free(s);
}

static enum rp_status pg_bind(struct rp_stmt *st, int i, char *value)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    if (i < 1 || i > s->nparams) {
        free(value);
        return RP_ERR_INTERNAL;
    }
    const char *was = s->params[i - 1];
    if (s->early && (was && value ? strcmp(was, value) != 0 : was != value))
        pg_drop_early(s);
    free(s->params[i - 1]);
    s->params[i - 1] = value;
    return RP_OK;
}

static enum rp_status pg_bind_null(struct rp_stmt *st, int i)
{
    return pg_bind(st, i, NULL);
}

static enum rp_status pg_bind_int(struct rp_stmt *st, int i, int64_t v)
{
    char text[24];
    snprintf(text, sizeof(text), "%lld", (long long)v);
    char *copy = strdup(text);
    return copy ? pg_bind(st, i, copy) : RP_ERR_INTERNAL;
}

static enum rp_status pg_bind_text(struct rp_stmt *st, int i, const char *v)
{
    char *copy = strdup(v);
    return copy ? pg_bind(st, i, copy) : RP_ERR_INTERNAL;
}

static enum rp_status pg_step(struct rp_stmt *st, int *row, struct rp_error *err);

/* Whether S's run can wait for the next round trip (pg_run_later), with room for the
 * settings, its preparing and the plan's SET and RESET around it. */
static int pg_can_wait(const struct pg_stmt *s)
{
    const struct pg_conn *c = s->conn;
    return c->in_tx && !c->begin_later && !c->read_only && !s->copy && !s->queued && !s->early &&
           !s->res && c->nlater + 6 <= PG_LATER_MAX;
}

/* Prepares S with the next round trip, ahead of its first run there (pg_run_later): S is
 * prepared once that round trip says so (pg_prepared_later), and is prepared again at its
 * next run when the round trip fails. */
static enum rp_status pg_prepare_later(struct pg_conn *c, struct pg_stmt *s, struct rp_error *err)
{
    struct pg_cmd cmd = {NULL, NULL, 0, strdup(s->sql), NULL};
    snprintf(s->name, sizeof(s->name), "rp%u", c->next_name++);
    if (!cmd.sql || !(cmd.text = strdup(s->name))) {
        pg_cmd_free(&cmd);
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    cmd.parse = s;
    s->parsing = 1;
    c->later[c->nlater++] = cmd;
    return RP_OK;
}

/* Runs S, which returns no rows, ahead of the next round trip's statement, in its round
 * trip: a write of the transaction whose answer nothing waits for, prepared there first
 * when this connection has not prepared it yet. It counts as a change now; its failure is
 * that round trip's (see pg_exec for a part's end). Where it cannot wait (outside a
 * transaction), it runs now. S is left ready to bind again. */
static enum rp_status pg_run_later(struct rp_stmt *st, struct rp_error *err)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    struct pg_conn *c = s->conn;
    int row, generic = s->generic && s->runs;
    enum rp_status rc = RP_OK;
    if (!pg_can_wait(s)) {
        do {
            rc = pg_step(st, &row, err);
        } while (!rc && row);
        pg_reset(st);
        return rc;
    }
    if ((rc = pg_settings(c, err)) || (pg_unprepared(s) && (rc = pg_prepare_later(c, s, err))) ||
        (generic && (rc = pg_later(c, "SET plan_cache_mode = force_generic_plan", err)))) {
        pg_reset(st);
        return rc;
    }
    struct pg_cmd cmd = {strdup(s->name), calloc((size_t)s->nparams + 1, sizeof(char *)),
                         s->nparams, NULL, NULL};
    if (!cmd.text || !cmd.params) {
        pg_cmd_free(&cmd);
        pg_reset(st);
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    for (int i = 0; i < s->nparams; i++) {
        cmd.params[i] = s->params[i];
        s->params[i] = NULL;
    }
    c->later[c->nlater++] = cmd;
    c->nwrites++;
    c->changes++;
    c->trips++; /* what was read ahead was read before this write */
    s->runs++;
    return generic ? pg_later(c, "RESET plan_cache_mode", err) : RP_OK;
}

static enum rp_status pg_execute(struct pg_stmt *s, struct rp_error *err)
{
    struct pg_conn *c = s->conn;
    enum rp_status rc = pg_ready(c, err);
    if (!rc)
        rc = pg_settings(c, err);
    if (!rc)
        rc = pg_round_trip(c, s, NULL, &s->res, err);
    if (rc)
        return rc;
    s->runs++;
    pg_count_changes(c, s->res);
    s->row = -1;
    s->nrows = pq.ntuples(s->res);
    return RP_OK;
}

/* ---- COPY ------------------------------------------------------------------------------ */

/* Rows are sent in pieces of about this many bytes. */
#define PG_COPY_CHUNK 262144

static enum rp_status pg_copy_begin(void *conn, const char *target, int ncols, struct rp_stmt **out,
                                    struct rp_error *err)
{
    struct pg_conn *c = conn;
    struct pg_stmt *s = calloc(1, sizeof(*s));
    struct rp_buf sql = RP_BUF_INIT;
    PGresult *res = NULL;
    enum rp_status rc = RP_OK;
    if (!s || !(s->params = calloc((size_t)ncols + 1, sizeof(*s->params))) ||
        rp_buf_addf(&sql, "COPY %s FROM STDIN", target)) {
        rc = rp_error_set(err, RP_ERR_INTERNAL, NULL, "out of memory");
        goto out;
    }
    s->conn = c;
    s->copy = 1;
    s->nparams = ncols;
    s->data = (struct rp_buf)RP_BUF_INIT;
    if ((rc = pg_ready(c, err)) || (rc = pg_settings(c, err)) ||
        (c->nlater && (rc = pg_round_trip(c, NULL, NULL, &res, err))))
        goto out;
    c->waits++;
    res = pq.exec(c->pg, rp_buf_str(&sql));
    if (!res || pq.result_status(res) != PGRES_COPY_IN)
        rc = pg_fail(c, res, err);
out:
    pq.clear(res);
    rp_buf_release(&sql);
    if (rc) {
        if (s)
            s->copy = 0; /* no COPY to end */
        free(s ? s->params : NULL);
        free(s);
        return rc;
    }
    *out = (struct rp_stmt *)s;
    return RP_OK;
}

static const char *copy_escape(char c)
{
    switch (c) {
    case '\t':
        return "\\t";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    default:
        return "\\\\";
    }
}

/* VALUE in COPY's text format: backslash, tab, newline and carriage return escaped. */
static enum rp_status pg_copy_value(struct rp_buf *out, const char *value)
{
    enum rp_status rc = RP_OK;
    if (!value)
        return rp_buf_adds(out, "\\N");
    for (const char *p = value; *p && !rc;) {
        size_t n = strcspn(p, "\\\t\n\r");
        rc = rp_buf_add(out, p, n);
        p += n;
        if (*p && !rc) {
            rc = rp_buf_adds(out, copy_escape(*p));
            p++;
        }
    }
    return rc;
}

static enum rp_status pg_copy_send(struct pg_stmt *s, struct rp_error *err)
{
    if (s->data.len && pq.put_copy_data(s->conn->pg, s->data.data, (int)s->data.len) != 1)
        return pg_fail(s->conn, NULL, err);
    rp_buf_reset(&s->data);
    return RP_OK;
}

/* Adds the bound row to the data, and sends the data once there is enough of it. */
static enum rp_status pg_copy_row(struct pg_stmt *s, struct rp_error *err)
{
    enum rp_status rc = RP_OK;
    for (int i = 0; i < s->nparams && !rc; i++) {
        if (i)
            rc = rp_buf_addc(&s->data, '\t');
        if (!rc)
            rc = pg_copy_value(&s->data, s->params[i]);
        free(s->params[i]);
        s->params[i] = NULL;
    }
    if (!rc)
        rc = rp_buf_addc(&s->data, '\n');
    if (rc)
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, "out of memory");
    return s->data.len >= PG_COPY_CHUNK ? pg_copy_send(s, err) : RP_OK;
}

static enum rp_status pg_copy_end(struct rp_stmt *st, int abandon, struct rp_error *err)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    struct pg_conn *c = s->conn;
    enum rp_status rc = abandon ? RP_OK : pg_copy_send(s, err);
    int ended = pq.put_copy_end(c->pg, abandon || rc ? "abandoned" : NULL) == 1;
    PGresult *res;
    while ((res = pq.get_result(c->pg))) {
        if (pq.result_status(res) == PGRES_COMMAND_OK)
            pg_count_changes(c, res);
        else if (!rc && !abandon)
            rc = pg_fail(c, res, err);
        pq.clear(res);
    }
    if (!ended && !rc && !abandon)
        rc = pg_fail(c, NULL, err);
    s->copy = 0;
    rp_buf_release(&s->data);
    pg_finalize(st); /* never prepared: nothing to forget */
    return rc;
}

static enum rp_status pg_step(struct rp_stmt *st, int *row, struct rp_error *err)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    enum rp_status rc;
    if (s->copy) {
        *row = 0;
        return pg_copy_row(s, err);
    }
    pg_unqueue(s); /* it runs now */
    if (s->early && s->early != s->conn->trips)
        pg_drop_early(s);
    s->early = 0; /* the answer read ahead is this run's */
    if (!s->res && (rc = pg_execute(s, err)))
        return rc;
    if (s->row < s->nrows)
        s->row++;
    *row = s->row < s->nrows;
    return RP_OK;
}

static int pg_column_null(struct rp_stmt *st, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    return pq.getisnull(s->res, s->row, col);
}

static int64_t pg_column_int(struct rp_stmt *st, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    return strtoll(pq.getvalue(s->res, s->row, col), NULL, 10);
}

static const char *pg_column_text(struct rp_stmt *st, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    return pq.getvalue(s->res, s->row, col);
}

static int pg_column_count(struct rp_stmt *st)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    return s->res ? pq.nfields(s->res) : 0;
}

static const char *pg_column_name(struct rp_stmt *st, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    const char *name = s->res ? pq.fname(s->res, col) : NULL;
    return name ? name : "";
}

static int64_t pg_own_changes(void *conn)
{
    return ((struct pg_conn *)conn)->changes;
}

static int64_t pg_round_trips(void *conn)
{
    return ((struct pg_conn *)conn)->waits;
}

static void pg_set_deadline(void *conn, int64_t ms)
{
    ((struct pg_conn *)conn)->timeout_ms = ms;
}

/* ---- full-text search --------------------------------------------------------------- */

#define BLANKS " \t\n\r\f\v"
/* As in SQLite (store_sqlite.c): a word shorter than this is matched whole. */
#define PREFIX_MIN 2

/* A run of letters and digits; bytes of multi-byte characters count as letters, as the
 * text search parser counts their characters. */
static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static size_t utf8_chars(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

/* One of the user's words (N bytes at W) as a tsquery: its runs of letters and digits as
 * quoted lexemes, each following the last as in a phrase, the last one a prefix when it is
 * long enough; nothing when it has no letter or digit. */
static enum rp_status pg_word(const char *w, size_t n, struct rp_buf *out)
{
    enum rp_status rc = RP_OK;
    int first = 1;
    size_t i = 0;
    while (i < n && !rc) {
        while (i < n && !word_byte((unsigned char)w[i]))
            i++;
        size_t start = i;
        while (i < n && word_byte((unsigned char)w[i]))
            i++;
        if (i == start)
            break;
        rc = rp_buf_adds(out, first ? (out->len ? " & (" : "(") : " <-> ");
        first = 0;
        if (!rc)
            rc = rp_buf_addc(out, '\'');
        if (!rc)
            rc = rp_buf_add(out, w + start, i - start);
        int last = 1;
        for (size_t j = i; j < n; j++)
            last &= !word_byte((unsigned char)w[j]);
        if (!rc)
            rc = rp_buf_adds(out,
                             last && utf8_chars(w + start, i - start) >= PREFIX_MIN ? "':*" : "'");
    }
    if (!rc && !first)
        rc = rp_buf_addc(out, ')');
    return rc;
}

/* The user's words as a tsquery for to_tsquery: every word must match. Only letters and
 * digits reach the query, inside quotes, so no input is tsquery syntax. */
static enum rp_status pg_fulltext_match(const char *words, struct rp_buf *out)
{
    enum rp_status rc = RP_OK;
    const char *p = words + strspn(words, BLANKS);
    while (!rc && *p) {
        size_t n = strcspn(p, BLANKS);
        rc = pg_word(p, n, out);
        p += n;
        p += strspn(p, BLANKS);
    }
    return rc;
}

const struct rp_driver rp_driver_pg = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .reset = pg_reset,
    .read_ahead = pg_read_ahead,
    .run_later = pg_run_later,
    .finalize = pg_finalize,
    .plan_once = pg_plan_once,
    .bind_null = pg_bind_null,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .step = pg_step,
    .column_null = pg_column_null,
    .column_int = pg_column_int,
    .column_text = pg_column_text,
    .column_count = pg_column_count,
    .column_name = pg_column_name,
    /* What a statement can see: it changes when any transaction commits (or begins to
     * write), and only then; hashed to one integer. */
    .others_version_sql = "SELECT hashtextextended(pg_current_snapshot()::text, 0)",
    .own_changes = pg_own_changes,
    .round_trips = pg_round_trips,
    .set_deadline = pg_set_deadline,
    .begin_write = "BEGIN ISOLATION LEVEL READ COMMITTED; "
                   "SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK ")",
    .begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    .migrations = rp_schema_pg,
    /* CREATE TABLE IF NOT EXISTS is not safe against itself: one process at a time, each
     * holding the lock until its statement commits (the two run as one transaction). */
    .migrations_table_sql = "SELECT pg_advisory_xact_lock(" PG_SCHEMA_LOCK "); "
                            "CREATE TABLE IF NOT EXISTS rp_migrations (version BIGINT PRIMARY "
                            "KEY, applied_at TEXT NOT NULL)",
    .account_facts_sql = rp_account_facts_pg,
    .fulltext_hits_sql = "WITH hits (r, score) AS NOT MATERIALIZED (SELECT rid, "
                         "-ts_rank(doc, q) FROM "
                         "fulltext, to_tsquery('rapport', lower(? COLLATE \"und-x-icu\")) q "
                         "WHERE doc @@ q)",
    .fulltext_match = pg_fulltext_match,
    .bulk_set_aside = 0,
    /* A load chose ids itself: the identity sequences move past them. */
    .bulk_end_sql = "SELECT rp_sync_ids()",
    .set_durable = pg_set_durable,
    .copy_begin = pg_copy_begin,
    .copy_end = pg_copy_end,
    .email_equals = "LOWER(email) = LOWER(?)",
    .index_hint = NULL, /* its planner takes no hints */
    .writers_queue = 1,
};
