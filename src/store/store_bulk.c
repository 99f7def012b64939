/* Bulk loading; see store_bulk.h. The INSERT text is assembled with memcpy rather than
 * printf, since a seed writes millions of rows through a handful of statement shapes that
 * the statement cache keeps prepared. */
#include "store/store_bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/grow.h"
#include "store/store_internal.h"
#include "base/banned.h"

/* schema_sqlite.c: the roll-ups counted again from their records. */
extern const char rp_schema_sqlite_rollups[];

#define BULK_SQL_MAX 65536
#define BULK_ROWS 128 /* rows per multi-row INSERT */

/* N records of OWNER, for its agenda change counter. */
struct bulk_marks {
    int64_t owner, n;
};

struct rp_store_bulk {
    char **schema; /* CREATE INDEX and CREATE TRIGGER statements set aside */
    size_t n;
    int64_t cache_size, temp_store;
    int64_t cache_kib; /* the load's page cache */
    int settings;      /* cache_size and temp_store were changed */
    int keep;          /* the indexes and triggers stay */
    int64_t changes;   /* the connection's own changes when the load began (driver.h) */
    /* Ids of the records written since their full text was last indexed, by kind: the
     * text is indexed in one statement per kind (FTS5 writes a segment per statement, and
     * once it has been written in a transaction every later statement pays for its
     * savepoint), when the load ends or a write needs it there (rp_store_bulk_fulltext). */
    int64_t text_first[RP_KIND_COUNT], text_last[RP_KIND_COUNT];
    unsigned aside; /* kinds whose indexes were set aside by rp_store_bulk_set_aside */
    /* The records rp_store_bulk_insert wrote while their table's agenda insert trigger was
     * set aside, counted by owner (0 for none), as that trigger counts them: added to the
     * agenda change counters at commit, so that every counter ends as if each row had
     * counted itself up (migration 22). */
    struct bulk_marks *marks;
    size_t nmarks, capmarks;
};

struct bulk_sql {
    char text[BULK_SQL_MAX];
    size_t len;
    int overflow;
};

/* Empty, without clearing the whole text (an insert of a batch builds one per statement). */
static void bulk_sql_init(struct bulk_sql *b)
{
    b->text[0] = '\0';
    b->len = 0;
    b->overflow = 0;
}

static void bulk_add(struct bulk_sql *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n >= sizeof(b->text)) {
        b->overflow = 1;
        return;
    }
    memcpy(b->text + b->len, s, n + 1);
    b->len += n;
}

/* INSERT INTO table (every column from field FROM: 0, or 1 to leave the id to the table)
 * VALUES (...), ... with ROWS rows. */
static int bulk_sql_all(struct bulk_sql *b, const struct rp_kind *kind, size_t rows, size_t from)
{
    bulk_add(b, "INSERT INTO ");
    bulk_add(b, kind->table);
    bulk_add(b, " (");
    for (size_t f = from; f < kind->nfields; f++) {
        bulk_add(b, f > from ? ", \"" : "\"");
        bulk_add(b, kind->fields[f].name);
        bulk_add(b, "\"");
    }
    bulk_add(b, ") VALUES ");
    for (size_t r = 0; r < rows; r++)
        for (size_t f = from; f < kind->nfields; f++)
            bulk_add(b, f > from ? ", ?" : r ? "), (?" : "(?");
    bulk_add(b, ")");
    return b->overflow ? -1 : 0;
}

/* The text of the few instants a statement's rows share (the import's one "now"),
 * formatted once and kept until the statement has run. */
#define BULK_INSTANTS 4
struct bulk_instants {
    int64_t at[BULK_INSTANTS];
    char text[BULK_INSTANTS][RP_INSTANT_LEN];
    int n;
};

static const char *bulk_instant(struct bulk_instants *in, int64_t at)
{
    for (int i = 0; i < in->n; i++)
        if (in->at[i] == at)
            return in->text[i];
    if (in->n == BULK_INSTANTS)
        return NULL;
    in->at[in->n] = at;
    rp_instant_format(at, in->text[in->n]);
    return in->text[in->n++];
}

/* Field F's value V: a record's own text without a copy where the driver can (the records
 * and IN outlive the statement's run, and every parameter is bound again before the
 * statement runs next). */
static enum rp_status bulk_bind(struct rp_store *st, struct rp_stmt *stmt, int i,
                                const struct rp_field *f, const struct rp_value *v,
                                struct bulk_instants *in)
{
    int text = f->type != RP_T_DATE && f->type != RP_T_INSTANT && f->type != RP_T_ID &&
               f->type != RP_T_REF && f->type != RP_T_INT && f->type != RP_T_BOOL &&
               f->type != RP_T_MONEY;
    const char *kept = !v->set || !st->drv->bind_text_kept ? NULL
                       : text                              ? v->s
                       : f->type == RP_T_INSTANT           ? bulk_instant(in, v->i)
                                                           : NULL;
    if (kept)
        return st->drv->bind_text_kept(stmt, i, kept);
    return store_bind_value(st, stmt, i, f, v);
}

/* Whether the largest id of KIND's table is LAST. */
static enum rp_status bulk_last_is(struct rp_store *st, const struct rp_kind *kind, int64_t last)
{
    int64_t next;
    enum rp_status rc = rp_store_bulk_next_id(st, kind, &next);
    if (rc || next == last + 1)
        return rc;
    return rp_error_set(st->err, RP_ERR_INTERNAL, NULL,
                        "bulk insert into %s numbered its rows unexpectedly", kind->table);
}

/* Writes ROWS records from RECS through SQL, the statement of bulk_sql_all for them from
 * field FROM. Rows left to the table to number (FROM 1) get one more than its largest id
 * each, in order, which is what they were given: checked after the statement. */
static enum rp_status bulk_rows(struct rp_store *st, const char *sql, const struct rp_record *recs,
                                size_t rows, size_t from)
{
    const struct rp_kind *kind = recs[0].kind;
    struct bulk_instants instants = {.n = 0};
    struct rp_stmt *stmt;
    enum rp_status rc;
    int n = 0;
    if ((rc = store_prepare_bound(st, sql, &stmt)))
        return rc;
    for (size_t r = 0; r < rows && !rc; r++)
        for (size_t f = from; f < kind->nfields && !rc; f++)
            rc = bulk_bind(st, stmt, ++n, &kind->fields[f], &recs[r].v[f], &instants);
    if (rc) {
        st->drv->reset(stmt);
        return rc;
    }
    if ((rc = store_run_bound(st, stmt)) || !from)
        return rc;
    return bulk_last_is(st, kind, recs[rows - 1].v[0].i);
}

/* rp_store_bulk_insert_all, the ids from field FROM on. */
static enum rp_status bulk_insert(struct rp_store *st, const struct rp_record *recs, size_t n,
                                  size_t from)
{
    /* What is left after the full statements goes a few rows at a time, then one at a
     * time: three shapes of statement a kind in the cache, each one's text made once a
     * call. */
    static const size_t shapes[] = {BULK_ROWS, BULK_ROWS / 8, 1};
    struct bulk_sql sql;
    enum rp_status rc = RP_OK;
    size_t i = 0;
    if (store_copy_fits(st, n))
        return store_copy_rows(st, recs, n);
    for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]) && !rc; k++) {
        if (i + shapes[k] > n)
            continue;
        bulk_sql_init(&sql);
        if (bulk_sql_all(&sql, recs[0].kind, shapes[k], from))
            return rp_error_set(st->err, RP_ERR_INTERNAL, NULL,
                                "bulk insert into %s has too many columns", recs[0].kind->table);
        for (; i + shapes[k] <= n && !rc; i += shapes[k])
            rc = bulk_rows(st, sql.text, recs + i, shapes[k], from);
    }
    return rc;
}

enum rp_status rp_store_bulk_insert_all(struct rp_store *st, const struct rp_record *recs, size_t n)
{
    return bulk_insert(st, recs, n, 0);
}

/* The full-text rows of the records of a kind with ids FIRST to LAST, as the insert
 * trigger of migration 3 writes them one by one. */
static enum rp_status bulk_fulltext(struct rp_store *st, const struct rp_kind *kind, int64_t first,
                                    int64_t last)
{
    static const struct {
        enum rp_kind_id kind;
        const char *sql;
    } text[] = {
        {RP_ACCOUNT, "INSERT INTO fulltext (rowid, body, extra) SELECT id * 16 + 5, name, need "
                     "FROM accounts WHERE id BETWEEN ? AND ?"},
        {RP_CONTACT, "INSERT INTO fulltext (rowid, body, extra) SELECT id * 16 + 6, name, NULL "
                     "FROM contacts WHERE id BETWEEN ? AND ?"},
        {RP_DEAL, "INSERT INTO fulltext (rowid, body, extra) SELECT id * 16 + 7, title, NULL "
                  "FROM deals WHERE id BETWEEN ? AND ?"},
    };
    struct rp_stmt *stmt;
    enum rp_status rc;
    for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
        if (text[i].kind != kind->id)
            continue;
        if ((rc = store_prepare(st, text[i].sql, &stmt)))
            return rc;
        if ((rc = st->drv->bind_int(stmt, 1, first)) || (rc = st->drv->bind_int(stmt, 2, last))) {
            st->drv->reset(stmt);
            return rc;
        }
        return store_run(st, stmt);
    }
    return RP_OK;
}

/* Whether KIND's table's insert trigger TABLE_WHAT_insert was set aside. */
static int bulk_set_aside(const struct rp_store_bulk *b, const struct rp_kind *kind,
                          const char *what)
{
    char name[64];
    snprintf(name, sizeof(name), "CREATE TRIGGER %s_%s_insert ", kind->table, what);
    for (size_t i = 0; i < b->n; i++)
        if (!strncmp(b->schema[i], name, strlen(name)))
            return 1;
    return 0;
}

/* Counts N more records of OWNER. */
static enum rp_status bulk_mark(struct rp_store *st, struct rp_store_bulk *b, int64_t owner,
                                int64_t n)
{
    for (size_t i = 0; i < b->nmarks; i++)
        if (b->marks[i].owner == owner) {
            b->marks[i].n += n;
            return RP_OK;
        }
    if (RP_GROW(b->marks, b->nmarks + 1, b->capmarks))
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    b->marks[b->nmarks++] = (struct bulk_marks){owner, n};
    return RP_OK;
}

/* The N records RECS counted by owner, runs of one owner at a time. */
static enum rp_status bulk_count_owners(struct rp_store *st, struct rp_store_bulk *b,
                                        const struct rp_record *recs, size_t n)
{
    int f = rp_kind_field(recs[0].kind, "owner_id");
    enum rp_status rc = RP_OK;
    size_t run = 0;
    if (f < 0)
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "%s have no owner",
                            recs[0].kind->table);
    for (size_t i = 1; i <= n && !rc; i++) {
        int64_t owner = recs[run].v[f].set ? recs[run].v[f].i : 0;
        if (i < n && (recs[i].v[f].set ? recs[i].v[f].i : 0) == owner)
            continue;
        rc = bulk_mark(st, b, owner, (int64_t)(i - run));
        run = i;
    }
    return rc;
}

/* The counts of bulk_count_owners added to the agenda change counters. */
static enum rp_status bulk_marks_add(struct rp_store *st, struct rp_store_bulk *b)
{
    struct rp_stmt *stmt;
    enum rp_status rc = RP_OK;
    for (size_t i = 0; i < b->nmarks && !rc; i++) {
        if ((rc = store_prepare(st,
                                "INSERT INTO agenda_marks (owner_id, n) VALUES (?, ?) ON "
                                "CONFLICT (owner_id) DO UPDATE SET n = agenda_marks.n + "
                                "excluded.n",
                                &stmt)))
            break;
        if ((rc = st->drv->bind_int(stmt, 1, b->marks[i].owner)) ||
            (rc = st->drv->bind_int(stmt, 2, b->marks[i].n))) {
            st->drv->reset(stmt);
            break;
        }
        rc = store_run(st, stmt);
    }
    b->nmarks = 0;
    return rc;
}

enum rp_status rp_store_bulk_insert(struct rp_store *st, struct rp_store_bulk *b,
                                    const struct rp_record *recs, size_t n)
{
    /* New records of a load that keeps the indexes come after every id of their table, in
     * order: SQLite numbers such rows itself without looking each id up first. */
    enum rp_status rc = bulk_insert(st, recs, n, b->keep && st->drv->bulk_set_aside ? 1 : 0);
    enum rp_kind_id k;
    if (rc || !n || !b->keep)
        return rc;
    if (bulk_set_aside(b, recs[0].kind, "agenda") && (rc = bulk_count_owners(st, b, recs, n)))
        return rc;
    if (!bulk_set_aside(b, recs[0].kind, "fulltext"))
        return RP_OK;
    k = recs[0].kind->id;
    for (size_t i = 0; i < n; i++) {
        int64_t id = recs[i].v[0].i;
        if (!b->text_last[k] || id < b->text_first[k])
            b->text_first[k] = id;
        if (id > b->text_last[k])
            b->text_last[k] = id;
    }
    return RP_OK;
}

enum rp_status rp_store_bulk_fulltext(struct rp_store *st, struct rp_store_bulk *b)
{
    enum rp_status rc = RP_OK;
    for (int k = 0; k < RP_KIND_COUNT && !rc; k++) {
        if (!b->text_last[k])
            continue;
        rc = bulk_fulltext(st, rp_kind_get((enum rp_kind_id)k), b->text_first[k], b->text_last[k]);
        b->text_first[k] = b->text_last[k] = 0;
    }
    return rc;
}

enum rp_status rp_store_bulk_next_id(struct rp_store *st, const struct rp_kind *kind, int64_t *id)
{
    struct bulk_sql sql;
    struct rp_stmt *stmt;
    int row;
    enum rp_status rc;
    bulk_sql_init(&sql);
    bulk_add(&sql, "SELECT COALESCE(MAX(id), 0) + 1 FROM ");
    bulk_add(&sql, kind->table);
    if ((rc = store_prepare(st, sql.text, &stmt)) || (rc = st->drv->step(stmt, &row, st->err)))
        return rc;
    *id = row ? st->drv->column_int(stmt, 0) : 1;
    st->drv->reset(stmt);
    return RP_OK;
}

/* ---- bulk mode ------------------------------------------------------------------------- */

/* While loading: a 128 MiB page cache, and statement journals (each multi-row INSERT
 * with foreign keys keeps one) in memory instead of temporary files. */
#define BULK_CACHE_KIB 131072
#define BULK_TEMP "PRAGMA temp_store = MEMORY"
/* A rollback journal while loading: the pages of a growing file need no journal, so each
 * is written once instead of to the WAL and then again by the checkpoint. It needs the
 * only connection to the file; with others open the load stays in WAL. */
#define BULK_JOURNAL "PRAGMA journal_mode = DELETE"
#define BULK_JOURNAL_END "PRAGMA journal_mode = WAL"
/* While an index is built: SQLite's sorter sorts runs as large as the page cache in
 * memory, then merges them from temporary files. Runs of a few MiB sort faster (they fit
 * the CPU's caches), and merged from files (the page cache of the system) rather than
 * from temporary files kept in memory, which are read back through a list of chunks:
 * the contacts' account index of a million-row import builds in half the time. */
#define BULK_SORT "PRAGMA temp_store = FILE; PRAGMA cache_size = -4096"

static void bulk_free(struct rp_store_bulk *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++)
        free(b->schema[i]);
    free(b->schema);
    free(b->marks);
    free(b);
}

static enum rp_status bulk_int(struct rp_store *st, const char *sql, int64_t *out)
{
    struct rp_stmt *stmt;
    int row;
    enum rp_status rc;
    if ((rc = store_prepare(st, sql, &stmt)) || (rc = st->drv->step(stmt, &row, st->err)))
        return rc;
    *out = row ? st->drv->column_int(stmt, 0) : 0;
    st->drv->reset(stmt);
    return RP_OK;
}

/* Keeps the text of the first column of each of STMT's rows (CREATE statements) in B. */
static enum rp_status bulk_keep_rows(struct rp_store *st, struct rp_store_bulk *b,
                                     struct rp_stmt *stmt)
{
    int row;
    enum rp_status rc;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row) {
        char *sql = strdup(st->drv->column_text(stmt, 0));
        char **grown = sql ? realloc(b->schema, (b->n + 1) * sizeof(*grown)) : NULL;
        if (!grown) {
            free(sql);
            rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
            break;
        }
        b->schema = grown;
        b->schema[b->n++] = sql;
    }
    st->drv->reset(stmt);
    return rc;
}

/* The indexes (built again at the end from sorted keys, which is several times faster than
 * growing them row by row), the full-text triggers (migration 3 names them
 * TABLE_fulltext_*), the roll-ups' (TABLE_rollup_*: counted again at the end) and the
 * agenda change counters' (TABLE_agenda_*: the load counts as a change to every agenda) of
 * the database, indexes first. A load that keeps the indexes sets aside only the insert
 * triggers of the full text and the agenda counters of the tables it writes in bulk: each
 * would run a statement a row, and the load does their work once (rp_store_bulk_insert). */
static enum rp_status bulk_schema(struct rp_store *st, struct rp_store_bulk *b)
{
    struct rp_stmt *stmt;
    enum rp_status rc = store_prepare(st,
                                      b->keep ? "SELECT sql FROM sqlite_master WHERE type = "
                                                "'trigger' AND name IN ('accounts_fulltext_"
                                                "insert', 'contacts_fulltext_insert', "
                                                "'deals_fulltext_insert', 'accounts_agenda_"
                                                "insert', 'contacts_agenda_insert', "
                                                "'deals_agenda_insert') ORDER BY name"
                                              : "SELECT sql FROM sqlite_master WHERE (type = "
                                                "'index' AND sql IS NOT NULL) OR (type = "
                                                "'trigger' AND (name LIKE '%\\_fulltext\\_%' "
                                                "ESCAPE '\\' OR name LIKE '%\\_rollup\\_%' "
                                                "ESCAPE '\\' OR name LIKE '%\\_agenda\\_%' "
                                                "ESCAPE '\\')) ORDER BY type, name",
                                      &stmt);
    return rc ? rc : bulk_keep_rows(st, b, stmt);
}

/* "DROP INDEX name" or "DROP TRIGGER name" for "CREATE [UNIQUE] INDEX name ..." or
 * "CREATE TRIGGER name ...". */
static enum rp_status bulk_drop(struct rp_store *st, const char *create)
{
    static const struct {
        const char *create, *drop;
    } forms[] = {{"CREATE INDEX ", "DROP INDEX "},
                 {"CREATE UNIQUE INDEX ", "DROP INDEX "},
                 {"CREATE TRIGGER ", "DROP TRIGGER "}};
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        size_t len = strlen(forms[i].create);
        if (strncmp(create, forms[i].create, len))
            continue;
        const char *name = create + len;
        size_t n = strcspn(name, " (");
        struct bulk_sql sql;
        bulk_sql_init(&sql);
        bulk_add(&sql, forms[i].drop);
        if (n >= 128 || sql.len + n >= sizeof(sql.text))
            break;
        memcpy(sql.text + sql.len, name, n);
        sql.text[sql.len + n] = '\0';
        return st->drv->exec(st->conn, sql.text, st->err);
    }
    return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "unexpected schema entry '%.40s'", create);
}

static void bulk_try(struct rp_store *st, const char *sql)
{
    struct rp_error ignored;
    rp_error_init(&ignored);
    st->drv->exec(st->conn, sql, &ignored);
    rp_error_release(&ignored);
}

static void bulk_settings_restore(struct rp_store *st, const struct rp_store_bulk *b)
{
    char sql[96];
    snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld; PRAGMA temp_store = %lld",
             (long long)b->cache_size, (long long)b->temp_store);
    bulk_try(st, sql);
    bulk_try(st, BULK_JOURNAL_END);
    bulk_try(st, "PRAGMA foreign_keys = ON");
}

enum rp_status store_mark_everyone(struct rp_store *st)
{
    return st->drv->exec(st->conn,
                         "INSERT INTO agenda_marks (owner_id, n) VALUES (0, 1) ON CONFLICT "
                         "(owner_id) DO UPDATE SET n = agenda_marks.n + 1",
                         st->err);
}

/* The settings first: SQLite decides where statement journals go when a transaction
 * begins. */
static enum rp_status bulk_start(struct rp_store *st, struct rp_store_bulk *b, int64_t cache_kib)
{
    char cache[64];
    enum rp_status rc;
    if (rp_store_in_transaction(st))
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "bulk load inside a transaction");
    if (!st->drv->bulk_set_aside)
        return rp_store_begin(st);
    snprintf(cache, sizeof(cache), "PRAGMA cache_size = %lld", (long long)-cache_kib);
    if ((rc = bulk_int(st, "PRAGMA cache_size", &b->cache_size)) ||
        (rc = bulk_int(st, "PRAGMA temp_store", &b->temp_store)) ||
        (rc = st->drv->exec(st->conn, cache, st->err)) ||
        (rc = st->drv->exec(st->conn, BULK_TEMP, st->err)))
        return rc;
    b->settings = 1;
    b->cache_kib = cache_kib;
    bulk_try(st, BULK_JOURNAL);
    /* The loader makes its references itself, from what it read in this same transaction;
     * checking each row's again against its parent's table costs a lookup a row. */
    if (b->keep && (rc = st->drv->exec(st->conn, "PRAGMA foreign_keys = OFF", st->err)))
        return rc;
    if ((rc = rp_store_begin(st)) || (rc = bulk_schema(st, b)))
        return rc;
    for (size_t i = 0; i < b->n && !rc; i++)
        rc = bulk_drop(st, b->schema[i]);
    return rc;
}

static enum rp_status bulk_begin(struct rp_store *st, int keep, int64_t cache_kib,
                                 struct rp_store_bulk **out)
{
    struct rp_store_bulk *b = calloc(1, sizeof(*b));
    enum rp_status rc;
    if (!b)
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    b->keep = keep;
    b->changes = st->drv->own_changes ? st->drv->own_changes(st->conn) : -1;
    if ((rc = bulk_start(st, b, cache_kib))) {
        rp_store_bulk_rollback(st, b);
        return rc;
    }
    *out = b;
    return RP_OK;
}

enum rp_status rp_store_bulk_begin(struct rp_store *st, struct rp_store_bulk **out)
{
    return bulk_begin(st, 0, BULK_CACHE_KIB, out);
}

enum rp_status rp_store_bulk_begin_keep(struct rp_store *st, int64_t cache_kib,
                                        struct rp_store_bulk **out)
{
    return bulk_begin(st, 1, cache_kib, out);
}

/* The plain indexes of TABLE led by its account reference, set aside as bulk_start does:
 * the schema keeps their CREATE statements, which rp_store_bulk_indexes or the commit runs
 * again. New rows land all over these (their accounts are spread through the file), while
 * the other indexes of new rows grow at their end (owners, timestamps) or not at all (the
 * partial ones), which costs less than building them again. */
static enum rp_status bulk_indexes_aside(struct rp_store *st, struct rp_store_bulk *b,
                                         const char *table)
{
    struct rp_stmt *stmt;
    size_t from = b->n;
    enum rp_status rc = store_prepare(st,
                                      "SELECT sql FROM sqlite_master WHERE type = 'index' AND "
                                      "tbl_name = ?1 AND sql LIKE 'CREATE INDEX % ON ' || ?1 || "
                                      "'(account\\_id%' ESCAPE '\\' ORDER BY name",
                                      &stmt);
    if (rc)
        return rc;
    rc = st->drv->bind_text(stmt, 1, table);
    if (!rc)
        rc = bulk_keep_rows(st, b, stmt);
    for (size_t i = from; i < b->n && !rc; i++)
        rc = bulk_drop(st, b->schema[i]);
    return rc;
}

enum rp_status rp_store_bulk_set_aside(struct rp_store *st, struct rp_store_bulk *b,
                                       const struct rp_kind *kind)
{
    if (!b->keep || !st->drv->bulk_set_aside || (b->aside & (1u << kind->id)))
        return RP_OK;
    b->aside |= 1u << kind->id;
    return bulk_indexes_aside(st, b, kind->table);
}

int rp_store_bulk_is_aside(const struct rp_store_bulk *b, const struct rp_kind *kind)
{
    return (b->aside & (1u << kind->id)) != 0;
}

static int bulk_is_index(const char *create)
{
    return !strncmp(create, "CREATE INDEX ", 13);
}

/* Builds the indexes set aside by rp_store_bulk_set_aside, keeping the triggers' entries. */
enum rp_status rp_store_bulk_indexes(struct rp_store *st, struct rp_store_bulk *b)
{
    enum rp_status rc = RP_OK;
    size_t kept = 0, i = 0;
    char load[96];
    while (i < b->n && !bulk_is_index(b->schema[i]))
        i++;
    if (i == b->n)
        return RP_OK;
    if (b->settings)
        bulk_try(st, BULK_SORT);
    for (i = 0; i < b->n; i++) {
        if (!rc && bulk_is_index(b->schema[i])) {
            rc = st->drv->exec(st->conn, b->schema[i], st->err);
            if (!rc) {
                free(b->schema[i]);
                continue;
            }
        }
        b->schema[kept++] = b->schema[i];
    }
    b->n = kept;
    b->aside = 0;
    snprintf(load, sizeof(load), "%s; PRAGMA cache_size = %lld", BULK_TEMP,
             (long long)-b->cache_kib);
    if (b->settings)
        bulk_try(st, load);
    return rc;
}

/* Indexes and triggers back, the full-text index rebuilt from its content and the roll-ups
 * counted again, then commit. */
enum rp_status rp_store_bulk_commit(struct rp_store *st, struct rp_store_bulk *b)
{
    enum rp_status rc = RP_OK;
    int64_t fulltext = 0;
    /* Before the indexes and roll-ups are made again, which write rows whatever was loaded. */
    int loaded = b->changes < 0 || st->drv->own_changes(st->conn) != b->changes;
    if (b->keep && !(rc = rp_store_bulk_fulltext(st, b)))
        rc = bulk_marks_add(st, b);
    for (size_t i = 0; i < b->n && !rc; i++)
        rc = st->drv->exec(st->conn, b->schema[i], st->err);
    if (!rc && !b->keep && st->drv->bulk_set_aside)
        rc = bulk_int(st, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'fulltext'", &fulltext);
    if (!rc && st->drv->bulk_end_sql)
        rc = st->drv->exec(st->conn, st->drv->bulk_end_sql, st->err);
    if (!rc && fulltext &&
        !(rc = st->drv->exec(st->conn, "INSERT INTO fulltext (fulltext) VALUES ('rebuild')",
                             st->err)))
        rc = st->drv->exec(st->conn, rp_schema_sqlite_rollups, st->err);
    /* Whatever was loaded, every agenda kept is made again (migration 22). */
    if (!rc && loaded)
        rc = store_mark_everyone(st);
    if (!rc)
        rc = rp_store_commit(st);
    if (rc) {
        rp_store_bulk_rollback(st, b);
        return rc;
    }
    if (b->settings)
        bulk_settings_restore(st, b);
    bulk_free(b);
    return RP_OK;
}

void rp_store_bulk_rollback(struct rp_store *st, struct rp_store_bulk *b)
{
    if (!b)
        return;
    rp_store_rollback(st);
    if (b->settings)
        bulk_settings_restore(st, b);
    bulk_free(b);
}
