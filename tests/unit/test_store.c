/* Tests for the store (store/store.c over its driver) against a real SQLite file, and run
 * again by ctest against a real PostgreSQL (unit-pg/test_store): migrations, reading and
 * writing records, lists, settings, transactions, foreign keys. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "base/date.h"
#include "base/error.h"
#include "store/store_bulk.h"
#include "store/store_internal.h"
#include "testutil.h"

extern const char *const rp_schema_sqlite[];
extern const char *const rp_schema_pg[];

#define NOON_2026_11_23 (INT64_C(20780) * 86400 + 12 * 3600)

static char *dir, *path;
static struct rp_error err;
static struct rp_store *st;

static void store_setup(void)
{
    cr_assert_eq(rp_tz_set("UTC"), 0);
    dir = tu_tmpdir();
    path = tu_database(dir, "store.db");
    rp_error_init(&err);
    cr_assert_eq(rp_store_open(path, &err, &st), RP_OK, "open: %s", err.msg.data);
}

static void store_teardown(void)
{
    rp_store_close(st);
    rp_error_release(&err);
    tu_rmtree(dir);
    free(dir);
    free(path);
}

TestSuite(store, .init = store_setup, .fini = store_teardown);

/* Runs SQL on the database through a connection of its own and returns the first column of
 * every row as text joined by SEP (owned), or NULL when there is no row. */
static char *peek_all(const char *sql, const char *sep)
{
    struct rp_error perr;
    struct rp_store *other;
    struct rp_stmt *q;
    struct rp_buf out = RP_BUF_INIT;
    int row, rows = 0;
    rp_error_init(&perr);
    cr_assert_eq(rp_store_open(path, &perr, &other), RP_OK, "%s", perr.msg.data);
    cr_assert_eq(store_prepare(other, sql, &q), RP_OK, "%s: %s", sql, perr.msg.data);
    while (other->drv->step(q, &row, &perr) == RP_OK && row) {
        if (rows++)
            rp_buf_adds(&out, sep);
        rp_buf_adds(&out, other->drv->column_null(q, 0) ? "(null)" : other->drv->column_text(q, 0));
    }
    other->drv->reset(q);
    rp_store_close(other);
    rp_error_release(&perr);
    char *text = rp_buf_detach(&out);
    if (!rows) {
        free(text);
        return NULL;
    }
    return text;
}

static char *peek(const char *sql)
{
    return peek_all(sql, ",");
}

static void peek_is(const char *sql, const char *want)
{
    char *got = peek(sql);
    cr_assert_str_eq(got ? got : "(null)", want, "%s: got '%s', want '%s'", sql,
                     got ? got : "(null)", want);
    free(got);
}

static void peek_is_all(const char *sql, const char *want)
{
    char *got = peek_all(sql, " ");
    cr_assert_str_eq(got ? got : "(null)", want, "%s: got '%s', want '%s'", sql,
                     got ? got : "(null)", want);
    free(got);
}

static int migrations_known(void)
{
    int n = 0;
    const char *const *schema = tu_pg() ? rp_schema_pg : rp_schema_sqlite;
    while (schema[n])
        n++;
    return n;
}

/* A new account record, ready to insert. */
static void account(struct rp_record *a, const char *name)
{
    cr_assert_eq(rp_record_init(a, RP_ACCOUNT), RP_OK);
    rp_record_set_str(a, RP_ACCOUNT_NAME, name);
    rp_record_set_str(a, RP_ACCOUNT_STYLE, "standard");
    rp_record_set_str(a, RP_ACCOUNT_STATUS, "prospect");
    rp_record_set_int(a, RP_ACCOUNT_CREATED_AT, NOON_2026_11_23);
    rp_record_set_int(a, RP_ACCOUNT_UPDATED_AT, NOON_2026_11_23);
}

static int64_t insert_account(const char *name)
{
    struct rp_record a;
    account(&a, name);
    cr_assert_eq(rp_store_insert(st, &a), RP_OK, "%s", err.msg.data);
    int64_t id = a.v[0].i;
    rp_record_release(&a);
    return id;
}

static int64_t insert_contact(int64_t account_id, const char *name)
{
    struct rp_record c;
    cr_assert_eq(rp_record_init(&c, RP_CONTACT), RP_OK);
    rp_record_set_int(&c, RP_CONTACT_ACCOUNT_ID, account_id);
    rp_record_set_str(&c, RP_CONTACT_NAME, name);
    rp_record_set_str(&c, RP_CONTACT_ROLE, "unknown");
    rp_record_set_int(&c, RP_CONTACT_CREATED_AT, NOON_2026_11_23);
    rp_record_set_int(&c, RP_CONTACT_UPDATED_AT, NOON_2026_11_23);
    enum rp_status rc = rp_store_insert(st, &c);
    int64_t id = rc ? -(int64_t)rc : c.v[0].i;
    rp_record_release(&c);
    return id;
}

static int64_t insert_deal(int64_t account_id, const char *title, int64_t cents)
{
    struct rp_record d;
    cr_assert_eq(rp_record_init(&d, RP_DEAL), RP_OK);
    rp_record_set_int(&d, RP_DEAL_ACCOUNT_ID, account_id);
    rp_record_set_str(&d, RP_DEAL_TITLE, title);
    rp_record_set_int(&d, RP_DEAL_VALUE_CENTS, cents);
    rp_record_set_str(&d, RP_DEAL_CURRENCY, "EUR");
    rp_record_set_str(&d, RP_DEAL_STAGE, "lead");
    rp_record_set_int(&d, RP_DEAL_OPENED_AT, NOON_2026_11_23);
    rp_record_set_int(&d, RP_DEAL_UPDATED_AT, NOON_2026_11_23);
    cr_assert_eq(rp_store_insert(st, &d), RP_OK, "%s", err.msg.data);
    int64_t id = d.v[0].i;
    rp_record_release(&d);
    return id;
}

static int64_t insert_agreement(int64_t account_id, int64_t deal_id, int64_t due)
{
    struct rp_record g;
    cr_assert_eq(rp_record_init(&g, RP_AGREEMENT), RP_OK);
    rp_record_set_int(&g, RP_AGREEMENT_ACCOUNT_ID, account_id);
    rp_record_set_int(&g, RP_AGREEMENT_DEAL_ID, deal_id);
    rp_record_set_int(&g, RP_AGREEMENT_MADE_ON, 20780);
    rp_record_set_int(&g, RP_AGREEMENT_DUE_ON, due);
    rp_record_set_str(&g, RP_AGREEMENT_STATUS, "open");
    rp_record_set_int(&g, RP_AGREEMENT_CREATED_AT, NOON_2026_11_23);
    cr_assert_eq(rp_store_insert(st, &g), RP_OK, "%s", err.msg.data);
    int64_t id = g.v[0].i;
    rp_record_release(&g);
    return id;
}

static int64_t count(enum rp_kind_id kind, int field, int64_t value)
{
    int64_t n = -1;
    cr_assert_eq(rp_store_count(st, rp_kind_get(kind), field, value, &n), RP_OK, "%s",
                 err.msg.data);
    return n;
}

/* ---- opening and migrating ----------------------------------------------------------- */

Test(store, open_creates_and_migrates)
{
    char want[16];
    snprintf(want, sizeof(want), "%d", migrations_known());
    peek_is("SELECT count(*) FROM rp_migrations", want);
    peek_is("SELECT max(version) FROM rp_migrations", want);
    peek_is("SELECT count(*) FROM rp_migrations WHERE applied_at LIKE '____-__-__T__:__:__Z'",
            want);
    peek_is(tu_pg() ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                      "current_schema() AND table_name IN ('settings',"
                      "'accounts','contacts','deals','activities','agreements','meetings',"
                      "'meeting_attendees','claims','statements','invoices','pushes','history')"
                    : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                      "('settings','accounts','contacts','deals','activities','agreements',"
                      "'meetings','meeting_attendees','claims','statements','invoices',"
                      "'pushes','history')",
            "13");
    if (!tu_pg())
        peek_is("PRAGMA journal_mode", "wal");
}

Test(store, reopening_does_not_migrate_again)
{
    int64_t id = insert_account("Kept");
    char *before = peek("SELECT version || applied_at FROM rp_migrations ORDER BY version");
    rp_store_close(st);
    st = NULL;
    cr_assert_eq(rp_store_open(path, &err, &st), RP_OK, "reopen: %s", err.msg.data);
    char *after = peek("SELECT version || applied_at FROM rp_migrations ORDER BY version");
    cr_assert_str_eq(after, before);
    free(before);
    free(after);
    struct rp_record a;
    cr_assert_eq(rp_record_init(&a, RP_ACCOUNT), RP_OK);
    cr_assert_eq(rp_store_get(st, id, &a), RP_OK);
    cr_assert_str_eq(rp_record_str(&a, RP_ACCOUNT_NAME), "Kept");
    rp_record_release(&a);
}

Test(store, refuses_a_newer_schema)
{
    char sql[128];
    snprintf(sql, sizeof(sql), "INSERT INTO rp_migrations VALUES (%d, '2030-01-01T00:00:00Z')",
             migrations_known() + 5);
    cr_assert_eq(st->drv->exec(st->conn, sql, &err), RP_OK, "%s", err.msg.data);
    rp_store_close(st);
    st = NULL;
    cr_assert_eq(rp_store_open(path, &err, &st), RP_ERR_INTERNAL);
    cr_assert_null(st);
    cr_assert(strstr(err.msg.data, "newer than this rapport"), "%s", err.msg.data);
}

Test(store, open_fails_cleanly_on_a_bad_path)
{
    struct rp_store *other = NULL;
    cr_assert_eq(rp_store_open("/nonexistent-dir/x/y.db", &err, &other), RP_ERR_INTERNAL);
    cr_assert_null(other);
    cr_assert(strstr(err.msg.data, "cannot open database '/nonexistent-dir/x/y.db'"), "%s",
              err.msg.data);
    if (!tu_pg())
        return;
    /* Port 1 of the loopback address: nothing listens there. */
    cr_assert_eq(rp_store_open("postgresql://rapport@127.0.0.1:1/none", &err, &other),
                 RP_ERR_INTERNAL);
    cr_assert_null(other);
    cr_assert(strstr(err.msg.data, "cannot connect to PostgreSQL ("), "%s", err.msg.data);
}

/* ---- records --------------------------------------------------------------------------- */

Test(store, insert_and_get_every_type)
{
    const char *nasty = "O'Brien \"x\" '); DROP TABLE accounts;-- <b>é 東京 🚀\n\ttab";
    struct rp_record a, b;
    account(&a, nasty);
    rp_record_set_str(&a, RP_ACCOUNT_TRIGGER, "moving");
    rp_record_set_int(&a, RP_ACCOUNT_CONTRACT_ENDS, 20900);
    rp_record_set_int(&a, RP_ACCOUNT_HOLD_UNLESS_INBOUND, 1);
    rp_record_set_int(&a, RP_ACCOUNT_CHECKIN_DAYS, 30);
    cr_assert_eq(rp_store_insert(st, &a), RP_OK, "%s", err.msg.data);
    cr_assert_eq(a.v[0].set, 1);
    cr_assert_eq(a.v[0].i, 1);
    cr_assert_eq(rp_record_init(&b, RP_ACCOUNT), RP_OK);
    cr_assert_eq(rp_store_get(st, 1, &b), RP_OK);
    cr_assert_str_eq(rp_record_str(&b, RP_ACCOUNT_NAME), nasty);
    cr_assert_str_eq(rp_record_str(&b, RP_ACCOUNT_TRIGGER), "moving");
    cr_assert_eq(rp_record_int(&b, RP_ACCOUNT_CONTRACT_ENDS, -1), 20900);
    cr_assert_eq(rp_record_int(&b, RP_ACCOUNT_HOLD_UNLESS_INBOUND, -1), 1);
    cr_assert_eq(rp_record_int(&b, RP_ACCOUNT_CHECKIN_DAYS, -1), 30);
    cr_assert_eq(rp_record_int(&b, RP_ACCOUNT_CREATED_AT, -1), NOON_2026_11_23);
    cr_assert_eq(b.v[RP_ACCOUNT_INDUSTRY].set, 0);
    cr_assert_null(rp_record_str(&b, RP_ACCOUNT_INDUSTRY));
    cr_assert_eq(b.v[RP_ACCOUNT_HOLD_UNTIL].set, 0);
    /* Dates and instants are stored as text that sorts. */
    peek_is("SELECT contract_ends || ' ' || created_at FROM accounts WHERE id = 1",
            "2027-03-23 2026-11-23T12:00:00Z");
    peek_is("SELECT count(*) FROM accounts", "1");
    rp_record_release(&a);
    rp_record_release(&b);
}

Test(store, get_not_found)
{
    struct rp_record a;
    cr_assert_eq(rp_record_init(&a, RP_DEAL), RP_OK);
    cr_assert_eq(rp_store_get(st, 42, &a), RP_ERR_NOTFOUND);
    cr_assert_str_eq(err.msg.data, "deal 42 not found");
    cr_assert_str_eq(err.field, "id");
    rp_record_release(&a);
}

Test(store, update_writes_only_what_changed)
{
    int64_t id = insert_account("Before");
    struct rp_record a;
    unsigned char changed[RP_ACCOUNT_NFIELDS] = {0};
    cr_assert_eq(rp_record_init(&a, RP_ACCOUNT), RP_OK);
    cr_assert_eq(rp_store_get(st, id, &a), RP_OK);
    rp_record_set_str(&a, RP_ACCOUNT_NAME, "After");
    rp_record_set_str(&a, RP_ACCOUNT_STYLE, "gentle"); /* not flagged: must stay */
    rp_record_set_str(&a, RP_ACCOUNT_NEED, "x");
    changed[RP_ACCOUNT_NAME] = changed[RP_ACCOUNT_NEED] = 1;
    cr_assert_eq(rp_store_update(st, &a, changed), RP_OK, "%s", err.msg.data);
    peek_is("SELECT name || ' ' || style || ' ' || need FROM accounts", "After standard x");
    rp_record_clear(&a, RP_ACCOUNT_NEED);
    changed[RP_ACCOUNT_NAME] = 0;
    cr_assert_eq(rp_store_update(st, &a, changed), RP_OK);
    peek_is("SELECT coalesce(need, 'NULL') FROM accounts", "NULL");
    rp_record_release(&a);
}

Test(store, list_filters_orders_limits_and_pages)
{
    int64_t a1 = insert_account("A1"), a2 = insert_account("A2");
    insert_deal(a1, "d1", 500);
    insert_deal(a2, "d2", 100);
    insert_deal(a1, "d3", 900);
    insert_deal(a1, "d4", 100);
    struct rp_records out = {0};
    struct rp_store_query q = {.match = NULL, .order_field = -1};

    cr_assert_eq(rp_store_list(st, rp_kind_get(RP_DEAL), &q, &out), RP_OK);
    cr_assert_eq(out.n, 4);
    for (size_t i = 0; i < out.n; i++)
        cr_assert_eq(out.items[i].v[0].i, (int64_t)i + 1);
    rp_records_release(&out);

    struct rp_record match;
    cr_assert_eq(rp_record_init(&match, RP_DEAL), RP_OK);
    rp_record_set_int(&match, RP_DEAL_ACCOUNT_ID, a1);
    q = (struct rp_store_query){
        .match = &match, .order_field = RP_DEAL_VALUE_CENTS, .descending = 1};
    cr_assert_eq(rp_store_list(st, rp_kind_get(RP_DEAL), &q, &out), RP_OK);
    cr_assert_eq(out.n, 3);
    cr_assert_str_eq(rp_record_str(&out.items[0], RP_DEAL_TITLE), "d3");
    cr_assert_str_eq(rp_record_str(&out.items[1], RP_DEAL_TITLE), "d1");
    cr_assert_str_eq(rp_record_str(&out.items[2], RP_DEAL_TITLE), "d4");
    rp_records_release(&out);

    /* Ascending by value, ties by id; limited. */
    q = (struct rp_store_query){.order_field = RP_DEAL_VALUE_CENTS, .limit = 2};
    cr_assert_eq(rp_store_list(st, rp_kind_get(RP_DEAL), &q, &out), RP_OK);
    cr_assert_eq(out.n, 2);
    cr_assert_str_eq(rp_record_str(&out.items[0], RP_DEAL_TITLE), "d2");
    cr_assert_str_eq(rp_record_str(&out.items[1], RP_DEAL_TITLE), "d4");
    rp_records_release(&out);

    /* A cursor: ids after 2, newest first and oldest first. */
    q = (struct rp_store_query){.order_field = -1, .after_id = 2};
    cr_assert_eq(rp_store_list(st, rp_kind_get(RP_DEAL), &q, &out), RP_OK);
    cr_assert_eq(out.n, 2);
    cr_assert_eq(out.items[0].v[0].i, 3);
    cr_assert_eq(out.items[1].v[0].i, 4);
    rp_records_release(&out);
    q = (struct rp_store_query){.order_field = -1, .descending = 1, .limit = 1};
    cr_assert_eq(rp_store_list(st, rp_kind_get(RP_DEAL), &q, &out), RP_OK);
    cr_assert_eq(out.n, 1);
    cr_assert_eq(out.items[0].v[0].i, 4);
    rp_records_release(&out);

    /* Two filters, one of them text; nothing matching is an empty list. */
    rp_record_set_str(&match, RP_DEAL_TITLE, "d2");
    q = (struct rp_store_query){.match = &match, .order_field = -1};
    cr_assert_eq(rp_store_list(st, rp_kind_get(RP_DEAL), &q, &out), RP_OK);
    cr_assert_eq(out.n, 0);
    rp_records_release(&out);
    rp_record_set_int(&match, RP_DEAL_ACCOUNT_ID, a2);
    cr_assert_eq(rp_store_list(st, rp_kind_get(RP_DEAL), &q, &out), RP_OK);
    cr_assert_eq(out.n, 1);
    cr_assert_eq(rp_record_int(&out.items[0], RP_DEAL_VALUE_CENTS, -1), 100);
    rp_records_release(&out);
    rp_record_release(&match);
}

/* The records of no owner (the scope of an agenda's unowned part) and one user's records
 * are lists of the same shape but different SQL: each gets its own statement. */
Test(store, lists_of_no_owner_and_of_one_user_differ)
{
    cr_assert_eq(st->drv->exec(st->conn,
                               "INSERT INTO users (name, email, role, created_at, updated_at) "
                               "VALUES ('Ada', 'ada@example.com', 'rep', '2026-11-23T12:00:00Z', "
                               "'2026-11-23T12:00:00Z')",
                               &err),
                 RP_OK, "%s", err.msg.data);
    insert_account("Nobody's");
    struct rp_record a;
    account(&a, "Ada's");
    rp_record_set_int(&a, RP_ACCOUNT_OWNER_ID, 1);
    cr_assert_eq(rp_store_insert(st, &a), RP_OK, "%s", err.msg.data);
    rp_record_release(&a);
    struct rp_scope nobody = {-1, NULL}, ada = {1, NULL};
    const char *want[] = {"Nobody's", "Ada's"};
    const struct rp_scope *scopes[] = {&nobody, &ada};
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 2; i++) {
            struct rp_records out = {0};
            struct rp_store_query q = {.scope = scopes[i], .order_field = -1, .limit = 50};
            cr_assert_eq(rp_store_list(st, rp_kind_get(RP_ACCOUNT), &q, &out), RP_OK, "%s",
                         err.msg.data);
            cr_assert_eq(out.n, 1, "scope %d, round %d: %zu accounts", i, round, out.n);
            cr_assert_str_eq(rp_record_str(&out.items[0], RP_ACCOUNT_NAME), want[i]);
            rp_records_release(&out);
        }
}

Test(store, count)
{
    int64_t a1 = insert_account("A1"), a2 = insert_account("A2");
    insert_contact(a1, "x");
    insert_contact(a1, "y");
    insert_contact(a2, "z");
    cr_assert_eq(count(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, a1), 2);
    cr_assert_eq(count(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, a2), 1);
    cr_assert_eq(count(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, 99), 0);
}

/* ---- settings ----------------------------------------------------------------------- */

Test(store, settings)
{
    char *v = (char *)"untouched";
    cr_assert_eq(rp_store_setting_get(st, "currency", &v), RP_OK);
    cr_assert_null(v);
    cr_assert_eq(rp_store_setting_set(st, "currency", "EUR"), RP_OK);
    cr_assert_eq(rp_store_setting_set(st, "currency", "CHF"), RP_OK);
    cr_assert_eq(rp_store_setting_get(st, "currency", &v), RP_OK);
    cr_assert_str_eq(v, "CHF");
    free(v);
    peek_is("SELECT count(*) FROM settings", "1");
    cr_assert_eq(rp_store_setting_set(st, "currency", NULL), RP_OK);
    cr_assert_eq(rp_store_setting_get(st, "currency", &v), RP_OK);
    cr_assert_null(v);
    peek_is("SELECT count(*) FROM settings", "0");
}

/* The setting KEY as one read of every setting gives it (owned; NULL when never set). */
static char *setting_of_all(const char *key)
{
    const char *keys[] = {key};
    char *values[1];
    cr_assert_eq(rp_store_settings_get(st, keys, 1, values), RP_OK, "%s", err.msg.data);
    return values[0];
}

/* The name of the user with e-mail EMAIL (owned). */
static char *user_named(const char *email)
{
    struct rp_record u;
    cr_assert_eq(rp_record_init(&u, RP_USER), RP_OK);
    cr_assert_eq(rp_store_user_get_by_email(st, email, &u), RP_OK, "%s", err.msg.data);
    char *name = strdup(rp_record_str(&u, RP_USER_NAME));
    rp_record_release(&u);
    return name;
}

static void reopen_ahead(const char *email)
{
    struct rp_store_ahead ahead = {1, email, 0};
    rp_store_close(st);
    st = NULL;
    cr_assert_eq(rp_store_open_ahead(path, &ahead, &err, &st), RP_OK, "%s", err.msg.data);
}

/* The reads sent with the open (in its round trip, on PostgreSQL) answer the same as reads
 * of their own; anything between them and the open, or other values asked for, makes them
 * read again. */
Test(store, reads_ahead_with_the_open)
{
    cr_assert_eq(st->drv->exec(st->conn,
                               "INSERT INTO users (name, email, role, created_at, updated_at) "
                               "VALUES ('Ada', 'ada@example.com', 'rep', '2026-11-23T12:00:00Z', "
                               "'2026-11-23T12:00:00Z'), ('Bo', 'bo@example.com', 'rep', "
                               "'2026-11-23T12:00:00Z', '2026-11-23T12:00:00Z')",
                               &err),
                 RP_OK, "%s", err.msg.data);
    cr_assert_eq(rp_store_setting_set(st, "tz", "Europe/Berlin"), RP_OK);
    char *v;

    reopen_ahead("ADA@example.com");
    cr_assert_str_eq(v = setting_of_all("tz"), "Europe/Berlin");
    free(v);
    cr_assert_str_eq(v = user_named("ADA@example.com"), "Ada");
    free(v);

    reopen_ahead("ada@example.com");
    cr_assert_str_eq(v = user_named("bo@example.com"), "Bo"); /* another value bound */
    free(v);
    cr_assert_eq(rp_store_setting_set(st, "tz", "Asia/Tokyo"), RP_OK); /* a write between */
    cr_assert_str_eq(v = setting_of_all("tz"), "Asia/Tokyo");
    free(v);
    cr_assert_str_eq(v = user_named("ada@example.com"), "Ada");
    free(v);

    /* A new database: nothing to read ahead yet, the open makes it all the same. */
    char *fresh = tu_database(dir, "fresh.db");
    struct rp_store *other = NULL;
    struct rp_store_ahead ahead = {1, "ada@example.com", 0};
    cr_assert_eq(rp_store_open_ahead(fresh, &ahead, &err, &other), RP_OK, "%s", err.msg.data);
    struct rp_store *was = st;
    st = other;
    cr_assert_null(setting_of_all("tz"));
    st = was;
    rp_store_close(other);
    free(fresh);
}

/* The page cache of ST's own connection, as SQLite's PRAGMA cache_size gives it. */
static int64_t cache_size_of(struct rp_store *s)
{
    struct rp_stmt *q;
    int row;
    cr_assert_eq(store_prepare(s, "PRAGMA cache_size", &q), RP_OK, "%s", err.msg.data);
    cr_assert_eq(s->drv->step(q, &row, &err), RP_OK, "%s", err.msg.data);
    cr_assert(row);
    int64_t kib = s->drv->column_int(q, 0);
    s->drv->reset(q);
    return kib;
}

/* A process that runs one command keeps a small page cache (SQLite: 512 KiB), also after a
 * load; other opens (a server's connections) keep SQLite's 2,000 KiB. */
Test(store, a_brief_process_keeps_a_small_page_cache)
{
    if (tu_pg())
        return;
    cr_assert_eq(cache_size_of(st), -2000);
    struct rp_store_ahead ahead = {0, NULL, 1};
    rp_store_close(st);
    st = NULL;
    cr_assert_eq(rp_store_open_ahead(path, &ahead, &err, &st), RP_OK, "%s", err.msg.data);
    cr_assert_eq(cache_size_of(st), -512);
    cr_assert_eq(rp_store_set_loading(st, 1), RP_OK, "%s", err.msg.data);
    cr_assert_eq(cache_size_of(st), -131072);
    cr_assert_eq(rp_store_set_loading(st, 0), RP_OK, "%s", err.msg.data);
    cr_assert_eq(cache_size_of(st), -512);
}

/* The largest open value as migration 30 keeps it is the one the deals give. */
static void scale_is_counted(const char *after)
{
    char *kept = peek("SELECT COALESCE(max_value, -1) FROM agenda_scale");
    char *counted = peek("SELECT COALESCE(MAX(value_cents), -1) FROM deals WHERE stage IN "
                         "('lead', 'qualified', 'meeting', 'proposal', 'negotiation')");
    cr_assert_str_eq(kept, counted, "after %s", after);
    free(kept);
    free(counted);
}

Test(store, the_largest_open_value_is_kept)
{
    static const char *const steps[] = {
        "UPDATE deals SET stage = 'won', closed_at = '2026-11-23T12:00:00Z' WHERE "
        "value_cents = 900",
        "UPDATE deals SET value_cents = 1200 WHERE value_cents = 300",
        "UPDATE deals SET title = 'renamed' WHERE value_cents = 1200",
        "UPDATE deals SET value_cents = 100 WHERE value_cents = 1200",
        "UPDATE deals SET stage = 'qualified', closed_at = NULL WHERE stage = 'won'",
        "DELETE FROM deals WHERE value_cents = 900",
        "UPDATE deals SET value_cents = value_cents * 3",
        "UPDATE deals SET value_cents = 0 WHERE value_cents = 1500",
        "UPDATE deals SET stage = 'lost', closed_at = '2026-11-23T12:00:00Z'",
        "UPDATE deals SET stage = 'lead', closed_at = NULL WHERE value_cents = 300",
        "DELETE FROM accounts",
    };
    scale_is_counted("nothing");
    int64_t a = insert_account("Scale");
    insert_deal(a, "one", 500);
    insert_deal(a, "two", 900);
    insert_deal(a, "three", 300);
    scale_is_counted("three new deals");
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        cr_assert_eq(st->drv->exec(st->conn, steps[i], &err), RP_OK, "%s: %s", steps[i],
                     err.msg.data);
        scale_is_counted(steps[i]);
    }
}

/* ---- transactions ------------------------------------------------------------------- */

Test(store, rollback_leaves_nothing)
{
    cr_assert_eq(rp_store_in_transaction(st), 0);
    cr_assert_eq(rp_store_begin(st), RP_OK);
    cr_assert_eq(rp_store_in_transaction(st), 1);
    int64_t id = insert_account("Gone");
    insert_contact(id, "Gone too");
    cr_assert_eq(rp_store_setting_set(st, "currency", "EUR"), RP_OK);
    rp_store_rollback(st);
    cr_assert_eq(rp_store_in_transaction(st), 0);
    peek_is("SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM contacts) + "
            "(SELECT count(*) FROM settings)",
            "0");
    /* A rollback outside a transaction is harmless. */
    rp_store_rollback(st);
}

Test(store, commit_is_durable_across_reopen)
{
    cr_assert_eq(rp_store_begin(st), RP_OK);
    insert_account("Stays");
    cr_assert_eq(rp_store_commit(st), RP_OK);
    cr_assert_eq(rp_store_in_transaction(st), 0);
    rp_store_close(st);
    st = NULL;
    cr_assert_eq(rp_store_open(path, &err, &st), RP_OK);
    peek_is("SELECT name FROM accounts", "Stays");
}

/* PostgreSQL answers the COMMIT of a transaction that an error aborted with "ROLLBACK" and
 * no error: the commit must fail, not pass for one made. (SQLite keeps a transaction open
 * and whole after a failed statement: its commit is made.) */
/* Whether a commit made now waits for the disk, as the engine says it in st's own
 * connection: PostgreSQL's synchronous_commit, SQLite's synchronous (2 FULL, 1 NORMAL). */
static int commits_wait(void)
{
    struct rp_stmt *q;
    int row;
    const char *sql =
        tu_pg() ? "SELECT CASE current_setting('synchronous_commit') WHEN 'off' THEN 0 ELSE 1 END"
                : "SELECT synchronous = 2 FROM pragma_synchronous";
    cr_assert_eq(store_prepare(st, sql, &q), RP_OK, "%s", err.msg.data);
    cr_assert_eq(st->drv->step(q, &row, st->err), RP_OK, "%s", err.msg.data);
    cr_assert(row);
    int waits = st->drv->column_int(q, 0) != 0;
    st->drv->reset(q);
    return waits;
}

/* Commits that need not wait for the disk (kept answers) do not, and those after wait
 * again; on PostgreSQL the setting is the write transaction's own, asked with its BEGIN, so
 * that it costs no round trip and nothing of it is left on the connection. */
Test(store, commits_wait_for_the_disk_again_after_lazy_ones)
{
    if (tu_pg()) /* as a server configured so would (the test cluster's default is off) */
        cr_assert_eq(st->drv->exec(st->conn, "SET synchronous_commit = on", st->err), RP_OK);
    cr_assert(commits_wait());
    cr_assert_eq(rp_store_set_durable(st, 0), RP_OK, "%s", err.msg.data);
    cr_assert_eq(rp_store_begin(st), RP_OK, "%s", err.msg.data);
    insert_account("Lazy");
    cr_assert(!commits_wait(), "a lazy write transaction waits for the disk");
    cr_assert_eq(rp_store_commit(st), RP_OK, "%s", err.msg.data);
    cr_assert_eq(rp_store_set_durable(st, 1), RP_OK, "%s", err.msg.data);
    cr_assert(commits_wait(), "lazy after rp_store_set_durable(1)");
    cr_assert_eq(rp_store_begin(st), RP_OK, "%s", err.msg.data);
    insert_account("Durable");
    cr_assert(commits_wait(), "a write transaction after the lazy ones does not wait");
    cr_assert_eq(rp_store_commit(st), RP_OK, "%s", err.msg.data);
    peek_is_all("SELECT name FROM accounts ORDER BY name", "Durable Lazy");
}

Test(store, a_commit_of_a_transaction_an_error_aborted_fails)
{
    cr_assert_eq(rp_store_begin(st), RP_OK);
    cr_assert_neq(st->drv->exec(st->conn, "SELECT * FROM no_such_table", st->err), RP_OK);
    enum rp_status rc = rp_store_commit(st);
    if (tu_pg())
        cr_assert_neq(rc, RP_OK, "a commit that PostgreSQL rolled back passed for one made");
    else
        cr_assert_eq(rc, RP_OK, "%s", err.msg.data);
    rp_store_rollback(st);
    cr_assert_eq(rp_store_in_transaction(st), 0);
    cr_assert_eq(rp_store_begin(st), RP_OK, "%s", err.msg.data);
    insert_account("After");
    cr_assert_eq(rp_store_commit(st), RP_OK, "%s", err.msg.data);
    peek_is("SELECT name FROM accounts", "After");
}

/* ---- writes run later (store_run_later) --------------------------------------------- */

#define SETTING_ADD "INSERT INTO settings (key, value) VALUES (?, ?)"
#define SETTING_SET "UPDATE settings SET value = ? WHERE key = ?"

/* Runs SQL (two text parameters) later in the open transaction; the status, or RC when
 * RC is already a failure (nothing runs after one). */
static enum rp_status later(enum rp_status rc, const char *sql, const char *a, const char *b)
{
    struct rp_stmt *q;
    if (rc || (rc = store_prepare(st, sql, &q)))
        return rc;
    cr_assert_eq(st->drv->bind_text(q, 1, a), RP_OK);
    cr_assert_eq(st->drv->bind_text(q, 2, b), RP_OK);
    return store_run_later(st, q);
}

/* A transaction of writes run later: its status, the first failure's (on PostgreSQL a
 * write's failure is the next round trip's, here the commit's); rolled back on one. */
static enum rp_status writes_later(const char *const (*writes)[3], size_t n)
{
    enum rp_status rc = rp_store_begin(st);
    for (size_t i = 0; i < n; i++)
        rc = later(rc, writes[i][0], writes[i][1], writes[i][2]);
    if (!rc)
        rc = rp_store_commit(st);
    if (rc)
        rp_store_rollback(st);
    return rc;
}

/* On PostgreSQL a write run later goes out with the next round trip, prepared there first
 * on its first run: a round trip that fails leaves the statements it did not prepare to be
 * prepared again at their next run (the second transaction's update would fail on a
 * statement the server never made), the connection usable and the data as it was. */
Test(store, a_failed_first_run_later_leaves_its_statement_to_prepare_again)
{
    const char *const failing[][3] = {
        {SETTING_ADD, "fresh", "1"},
        {SETTING_ADD, "taken", "again"}, /* a conflict */
        {SETTING_SET, "changed", "taken"},
    };
    const char *const next[][3] = {
        {SETTING_ADD, "after", "2"},
        {SETTING_SET, "changed", "taken"},
    };
    cr_assert_eq(st->drv->exec(st->conn,
                               "INSERT INTO settings (key, value) VALUES ('taken', "
                               "'first')",
                               st->err),
                 RP_OK, "%s", err.msg.data);
    cr_assert_eq(writes_later(failing, 3), RP_ERR_CONFLICT, "%s", err.msg.data);
    cr_assert_eq(rp_store_in_transaction(st), 0);
    peek_is_all("SELECT key || '=' || value FROM settings WHERE key IN ('after', 'fresh', "
                "'taken') ORDER BY key",
                "taken=first");
    cr_assert_eq(writes_later(next, 2), RP_OK, "%s", err.msg.data);
    peek_is_all("SELECT key || '=' || value FROM settings WHERE key IN ('after', 'fresh', "
                "'taken') ORDER BY key",
                "after=2 taken=changed");
}

/* A statement PostgreSQL refuses when it prepares it (SQLite, at once) fails each time it
 * is run, for what it says, not for a statement missing on the server, and leaves the
 * connection usable. */
Test(store, a_write_refused_at_its_preparing_fails_each_time_for_itself)
{
    const char *const refused[][3] = {
        {SETTING_ADD, "before", "1"},
        {"INSERT INTO no_such_table (key, value) VALUES (?, ?)", "a", "b"},
    };
    const char *const fine[][3] = {{SETTING_ADD, "fine", "1"}};
    for (int i = 0; i < 2; i++) {
        cr_assert_neq(writes_later(refused, 2), RP_OK, "run %d", i);
        cr_assert(strstr(err.msg.data, "no_such_table"), "run %d: %s", i, err.msg.data);
    }
    cr_assert_eq(writes_later(fine, 1), RP_OK, "%s", err.msg.data);
    peek_is_all("SELECT key FROM settings WHERE key IN ('before', 'fine') ORDER BY key", "fine");
}

/* A write run later undone by the rollback to its part's savepoint is never sent, nor is
 * its statement's preparing: its next run prepares it. */
Test(store, a_write_run_later_undone_by_its_part_is_prepared_at_its_next_run)
{
    cr_assert_eq(rp_store_begin(st), RP_OK, "%s", err.msg.data);
    cr_assert_eq(rp_store_savepoint(st), RP_OK, "%s", err.msg.data);
    cr_assert_eq(later(RP_OK, SETTING_ADD, "part", "undone"), RP_OK, "%s", err.msg.data);
    rp_store_rollback_to(st);
    cr_assert_eq(later(RP_OK, SETTING_ADD, "part", "kept"), RP_OK, "%s", err.msg.data);
    cr_assert_eq(rp_store_commit(st), RP_OK, "%s", err.msg.data);
    peek_is_all("SELECT value FROM settings WHERE key = 'part'", "kept");
}

/* The commits counted (migration 25), as the server's answer cache reads them: each
 * transaction that changes anything counts once, whatever it changes and however many rows
 * (a bulk load too), and the watch is told before it is made, and may publish its changes
 * with it (migration 34), for every connection to read by its number; one undone, or one
 * that changed nothing, does not count. */
static int watched_before, watch_fails;
static const struct rp_change published = {
    .what = 7, .by = {42, "manager", "North"}, .credential = 0xF00DFACEDEADBEEFu};

static enum rp_status watch_before(void *arg)
{
    cr_assert_eq(arg, &watched_before);
    cr_assert_eq(rp_store_in_transaction(st), 1, "told before the commit is made");
    watched_before++;
    if (watch_fails)
        return rp_error_set(&err, RP_ERR_INTERNAL, NULL, "the watch fails");
    return rp_store_publish_change(st, &published);
}

/* The changes published after commit AFTER, read through S: how many, the first in *FIRST,
 * the count of commits in *COUNT. */
static size_t read_changes(struct rp_store *s, int64_t after, struct rp_change *first,
                           int64_t *count)
{
    struct rp_change got[4];
    size_t n = 0;
    *count = -1;
    cr_assert_eq(rp_store_changes(s, after, got, 4, &n, count), RP_OK, "%s", err.msg.data);
    if (n && first)
        *first = got[0];
    return n;
}

static int64_t commits(struct rp_store *s)
{
    int64_t count;
    read_changes(s, 0, NULL, &count);
    return count;
}

static size_t changes_after(struct rp_store *s, int64_t after, struct rp_change *first)
{
    int64_t count;
    return read_changes(s, after, first, &count);
}

Test(store, each_commit_that_changes_anything_counts_once)
{
    rp_store_watch_commits(st, &(struct rp_commit_watch){watch_before, &watched_before});
    int64_t n = commits(st);
    cr_assert_eq(rp_store_begin(st), RP_OK);
    insert_contact(insert_account("Counted"), "Once");
    cr_assert_eq(rp_store_commit(st), RP_OK, "%s", err.msg.data);
    cr_assert_eq(commits(st), n + 1, "two rows, one commit");
    cr_assert_eq(watched_before, 1, "the watch was told");
    struct rp_change ch = {0};
    cr_assert_eq(changes_after(st, n, &ch), 1, "its change was published");
    cr_assert_eq(ch.commit, n + 1, "with its number");
    cr_assert(ch.what == published.what && ch.by.id == published.by.id &&
                  !strcmp(ch.by.role, published.by.role) &&
                  !strcmp(ch.by.team, published.by.team) && ch.credential == published.credential,
              "and read back as it was published");

    watched_before = 0;
    cr_assert_eq(rp_store_begin(st), RP_OK);
    insert_account("Undone");
    rp_store_rollback(st);
    cr_assert_eq(rp_store_begin(st), RP_OK);
    cr_assert_eq(rp_store_commit(st), RP_OK);
    cr_assert_eq(commits(st), n + 1, "an undone transaction and an empty one do not count");
    cr_assert_eq(watched_before, 0, "nor are they told of");
    cr_assert_eq(changes_after(st, n + 1, NULL), 0, "nor publish anything");

    struct rp_record recs[3];
    int64_t first;
    cr_assert_eq(rp_store_bulk_next_id(st, rp_kind_get(RP_ACCOUNT), &first), RP_OK);
    for (int i = 0; i < 3; i++) {
        account(&recs[i], "Loaded");
        recs[i].v[0] = (struct rp_value){.set = 1, .i = first + i};
        rp_record_set_int(&recs[i], RP_ACCOUNT_HOLD_UNLESS_INBOUND, 0);
    }
    cr_assert_eq(rp_store_begin(st), RP_OK);
    cr_assert_eq(rp_store_bulk_insert_all(st, recs, 3), RP_OK, "%s", err.msg.data);
    cr_assert_eq(rp_store_commit(st), RP_OK, "%s", err.msg.data);
    for (int i = 0; i < 3; i++)
        rp_record_release(&recs[i]);
    cr_assert_eq(commits(st), n + 2, "a load of several rows counts once");

    struct rp_store *other = NULL;
    cr_assert_eq(rp_store_open(path, &err, &other), RP_OK, "%s", err.msg.data);
    cr_assert_eq(rp_store_begin(other), RP_OK);
    cr_assert_eq(rp_store_setting_set(other, "currency", "EUR"), RP_OK);
    cr_assert_eq(rp_store_commit(other), RP_OK);
    cr_assert_eq(commits(st), n + 3, "another connection's commit counts, read from this one");
    cr_assert_eq(watched_before, 1, "and is not told to this one's watch");
    cr_assert_eq(changes_after(other, n + 1, &ch), 1, "this one's changes read from the other");
    cr_assert_eq(ch.commit, n + 2, "the load's");
    rp_store_close(other);
    rp_store_watch_commits(st, NULL);
}

/* A transaction that wrote only an answer kept for reuse (an agenda made from the records)
 * changes nothing anyone is shown: its commit is not counted, nor told to the watch, so
 * that no server drops its answers for it (the command line's `rapport today` keeps one). */
Test(store, a_commit_of_kept_answers_is_not_counted)
{
    rp_store_watch_commits(st, &(struct rp_commit_watch){watch_before, &watched_before});
    watched_before = 0;
    int64_t n = commits(st);
    struct rp_agenda_key key = {.user_id = 1, .day = 20000, .days = 1, .tz = "UTC"};
    cr_assert_eq(rp_store_begin(st), RP_OK);
    cr_assert_eq(rp_store_keep_agenda(st, &key, &(struct rp_agenda_stamp){0}, "{}", 20000), RP_OK,
                 "%s", err.msg.data);
    cr_assert_eq(rp_store_commit_kept(st), RP_OK, "%s", err.msg.data);
    peek_is("SELECT body FROM kept_agendas", "{}");
    cr_assert_eq(commits(st), n, "the kept agenda's commit is not counted");
    cr_assert_eq(watched_before, 0, "nor told of");
    cr_assert_eq(rp_store_begin(st), RP_OK);
    insert_account("Counted");
    cr_assert_eq(rp_store_commit(st), RP_OK, "%s", err.msg.data);
    cr_assert_eq(commits(st), n + 1, "the next change is counted, and only once");
    rp_store_watch_commits(st, NULL);
}

Test(store, a_watch_that_fails_fails_the_commit)
{
    rp_store_watch_commits(st, &(struct rp_commit_watch){watch_before, &watched_before});
    int64_t n = commits(st);
    watch_fails = 1;
    cr_assert_eq(rp_store_begin(st), RP_OK);
    insert_account("Refused by the watch");
    cr_assert_neq(rp_store_commit(st), RP_OK, "a watch that fails fails the commit");
    rp_store_rollback(st);
    watch_fails = 0;
    cr_assert_eq(commits(st), n, "it does not count");
    peek_is("SELECT COUNT(*) FROM accounts WHERE name = 'Refused by the watch'", "0");
    rp_store_watch_commits(st, NULL);
}

/* Only the last commits' changes are kept: a server further behind drops everything. */
Test(store, changes_of_commits_long_past_are_forgotten)
{
    rp_store_watch_commits(st, &(struct rp_commit_watch){watch_before, &watched_before});
    cr_assert_eq(rp_store_begin(st), RP_OK);
    insert_account("Long ago");
    cr_assert_eq(rp_store_commit(st), RP_OK, "%s", err.msg.data);
    int64_t n = commits(st);
    cr_assert_eq(changes_after(st, n - 1, NULL), 1);
    cr_assert_eq(rp_store_begin(st), RP_OK);
    cr_assert_eq(st->drv->exec(st->conn, "UPDATE rp_commits SET n = n + 1023", &err), RP_OK);
    cr_assert_eq(rp_store_commit(st), RP_OK, "%s", err.msg.data);
    cr_assert_eq(changes_after(st, n - 1, NULL), 2, "kept 1,024 commits on");
    cr_assert_eq(rp_store_begin(st), RP_OK);
    insert_account("Now");
    cr_assert_eq(rp_store_commit(st), RP_OK, "%s", err.msg.data);
    struct rp_change ch = {0};
    cr_assert_eq(changes_after(st, n - 1, &ch), 2, "forgotten 1,025 commits on");
    cr_assert_eq(ch.commit, n + 1024, "the oldest kept is 1,024 commits back");
    rp_store_watch_commits(st, NULL);
}

Test(store, a_read_transaction_reads_one_snapshot)
{
    int64_t id = insert_account("A");
    insert_contact(id, "Before");
    cr_assert_eq(rp_store_begin_read(st), RP_OK, "%s", err.msg.data);
    cr_assert_eq(count(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, id), 1);
    /* Committed by another connection between two statements of the read. */
    struct rp_store *mine = st;
    cr_assert_eq(rp_store_open(path, &err, &st), RP_OK, "%s", err.msg.data);
    cr_assert_gt(insert_contact(id, "During"), 0, "%s", err.msg.data);
    rp_store_close(st);
    st = mine;
    cr_assert_eq(count(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, id), 1,
                 "the read saw a commit made after it began");
    /* A read transaction writes nothing. */
    if (tu_pg())
        cr_assert_lt(insert_contact(id, "Refused"), 0);
    rp_store_rollback(st);
    cr_assert_eq(count(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, id), 2);
}

/* ---- foreign keys ------------------------------------------------------------------- */

Test(store, foreign_keys_are_enforced)
{
    int64_t rc = insert_contact(99, "Orphan");
    cr_assert_eq(rc, -RP_ERR_CONFLICT, "insert gave %lld (%s)", (long long)rc, err.msg.data);
    cr_assert(strstr(err.msg.data, "a record referred to is missing"), "%s", err.msg.data);
    peek_is("SELECT count(*) FROM contacts", "0");
}

Test(store, delete_cascades)
{
    int64_t a1 = insert_account("A1"), a2 = insert_account("A2");
    int64_t c1 = insert_contact(a1, "c1"), c2 = insert_contact(a2, "c2");
    int64_t d1 = insert_deal(a1, "d1", 0);
    insert_deal(a2, "d2", 0);
    insert_agreement(a1, d1, 20790);
    struct rp_record act;
    cr_assert_eq(rp_record_init(&act, RP_ACTIVITY), RP_OK);
    rp_record_set_int(&act, RP_ACTIVITY_ACCOUNT_ID, a2);
    rp_record_set_int(&act, RP_ACTIVITY_CONTACT_ID, c2);
    rp_record_set_str(&act, RP_ACTIVITY_KIND, "call");
    rp_record_set_str(&act, RP_ACTIVITY_DIRECTION, "in");
    rp_record_set_int(&act, RP_ACTIVITY_AT, NOON_2026_11_23);
    rp_record_set_int(&act, RP_ACTIVITY_CREATED_AT, NOON_2026_11_23);
    cr_assert_eq(rp_store_insert(st, &act), RP_OK, "%s", err.msg.data);
    rp_record_release(&act);

    /* Deleting a contact keeps the activity, without its contact. */
    cr_assert_eq(rp_store_delete(st, rp_kind_get(RP_CONTACT), c2), RP_OK);
    peek_is("SELECT contact_id FROM activities", "(null)");
    /* Deleting an account takes its contacts, deals and their agreements along. */
    cr_assert_eq(rp_store_delete(st, rp_kind_get(RP_ACCOUNT), a1), RP_OK);
    cr_assert_eq(count(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, a1), 0);
    cr_assert_eq(count(RP_DEAL, RP_DEAL_ACCOUNT_ID, a1), 0);
    cr_assert_eq(count(RP_AGREEMENT, RP_AGREEMENT_DEAL_ID, d1), 0);
    cr_assert_eq(count(RP_DEAL, RP_DEAL_ACCOUNT_ID, a2), 1);
    struct rp_record c;
    cr_assert_eq(rp_record_init(&c, RP_CONTACT), RP_OK);
    cr_assert_eq(rp_store_get(st, c1, &c), RP_ERR_NOTFOUND);
    rp_record_release(&c);
}

/* ---- meetings and agreements ------------------------------------------------------- */

Test(store, attendees)
{
    int64_t a = insert_account("A"), d = insert_deal(a, "d", 0);
    int64_t c1 = insert_contact(a, "c1"), c2 = insert_contact(a, "c2");
    struct rp_record m;
    cr_assert_eq(rp_record_init(&m, RP_MEETING), RP_OK);
    rp_record_set_int(&m, RP_MEETING_ACCOUNT_ID, a);
    rp_record_set_int(&m, RP_MEETING_DEAL_ID, d);
    rp_record_set_int(&m, RP_MEETING_AT, NOON_2026_11_23);
    rp_record_set_int(&m, RP_MEETING_MINUTES, 60);
    rp_record_set_str(&m, RP_MEETING_KIND, "intro");
    rp_record_set_str(&m, RP_MEETING_STATUS, "planned");
    rp_record_set_int(&m, RP_MEETING_CREATED_AT, NOON_2026_11_23);
    rp_record_set_int(&m, RP_MEETING_UPDATED_AT, NOON_2026_11_23);
    cr_assert_eq(rp_store_insert(st, &m), RP_OK, "%s", err.msg.data);
    cr_assert_eq(rp_store_attendee_add(st, m.v[0].i, c2), RP_OK);
    cr_assert_eq(rp_store_attendee_add(st, m.v[0].i, c1), RP_OK);
    cr_assert_eq(rp_store_attendee_add(st, m.v[0].i, c2), RP_OK);
    int64_t *ids = NULL;
    size_t n = 0;
    cr_assert_eq(rp_store_attendees(st, m.v[0].i, &ids, &n), RP_OK);
    cr_assert_eq(n, 2);
    cr_assert_eq(ids[0], c1);
    cr_assert_eq(ids[1], c2);
    free(ids);
    cr_assert_eq(rp_store_attendee_add(st, m.v[0].i, 99), RP_ERR_CONFLICT);
    cr_assert_eq(rp_store_delete(st, rp_kind_get(RP_CONTACT), c1), RP_OK);
    cr_assert_eq(rp_store_attendees(st, m.v[0].i, &ids, &n), RP_OK);
    cr_assert_eq(n, 1);
    cr_assert_eq(ids[0], c2);
    free(ids);
    rp_record_release(&m);
}

Test(store, agreements_close)
{
    int64_t a = insert_account("A"), d1 = insert_deal(a, "d1", 0), d2 = insert_deal(a, "d2", 0);
    int64_t g1 = insert_agreement(a, d1, 20785), g2 = insert_agreement(a, d1, 20790);
    insert_agreement(a, d2, 20780);
    int64_t n = -1;
    /* Due on or before the 2026-11-28 (day 20785): only g1 of deal 1. */
    cr_assert_eq(rp_store_agreements_close(st, d1, 20785, "kept", NOON_2026_11_23, &n), RP_OK);
    cr_assert_eq(n, 1);
    char sql[128];
    snprintf(sql, sizeof(sql), "SELECT status || ' ' || closed_at FROM agreements WHERE id = %lld",
             (long long)g1);
    peek_is(sql, "kept 2026-11-23T12:00:00Z");
    /* Already closed ones are not closed again; INT64_MAX closes every open one. */
    cr_assert_eq(
        rp_store_agreements_close(st, d1, INT64_MAX, "superseded", NOON_2026_11_23 + 60, &n),
        RP_OK);
    cr_assert_eq(n, 1);
    snprintf(sql, sizeof(sql), "SELECT status FROM agreements WHERE id = %lld", (long long)g2);
    peek_is(sql, "superseded");
    peek_is("SELECT status FROM agreements WHERE deal_id = 2 ORDER BY id", "open");
    cr_assert_eq(rp_store_agreements_close(st, d1, INT64_MAX, "kept", NOON_2026_11_23, &n), RP_OK);
    cr_assert_eq(n, 0);
}

/* ---- history ------------------------------------------------------------------------ */

static void add_history(const char *entity, int64_t id)
{
    struct rp_record h;
    cr_assert_eq(rp_record_init(&h, RP_HISTORY), RP_OK);
    rp_record_set_str(&h, RP_HISTORY_ENTITY, entity);
    rp_record_set_int(&h, RP_HISTORY_ENTITY_ID, id);
    rp_record_set_str(&h, RP_HISTORY_FIELD, "status");
    rp_record_set_int(&h, RP_HISTORY_AT, NOON_2026_11_23);
    cr_assert_eq(rp_store_insert(st, &h), RP_OK, "%s", err.msg.data);
    rp_record_release(&h);
}

Test(store, history_goes_with_its_record)
{
    int64_t a1 = insert_account("A1"), a2 = insert_account("A2");
    int64_t d1 = insert_deal(a1, "d1", 0), d2 = insert_deal(a2, "d2", 0);
    int64_t g1 = insert_agreement(a1, d1, 20790);
    add_history("account", a1);
    add_history("account", a2);
    add_history("deal", d1);
    add_history("deal", d2);
    add_history("agreement", g1);
    /* Deleting a deal takes its history and its agreements' along. */
    cr_assert_eq(rp_store_delete(st, rp_kind_get(RP_DEAL), d1), RP_OK);
    peek_is_all("SELECT entity || entity_id FROM history ORDER BY id", "account1 account2 deal2");
    /* Deleting an account, its own and its deals' (by the cascade). */
    cr_assert_eq(rp_store_delete(st, rp_kind_get(RP_ACCOUNT), a2), RP_OK);
    peek_is_all("SELECT entity || entity_id FROM history ORDER BY id", "account1");
    /* The next account takes none of the old history (on SQLite, it takes the freed id). */
    int64_t a3 = insert_account("A3");
    cr_assert(tu_pg() || a3 == a2);
    char sql[96];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM history WHERE entity_id = %lld",
             (long long)a3);
    peek_is(sql, "0");
}

/* A bulk load writes what it was given, whichever way the engine takes the rows: PostgreSQL
 * loads a batch of several by COPY (escaped text) and a single row by INSERT; text with
 * the characters COPY escapes, NULLs and non-ASCII reads back the same from both. */
Test(store, bulk_rows_read_back_alike)
{
    static const char *const names[] = {"tab\there", "line\nbreak",    "cr\rhere", "back\\slash",
                                        "\\N",       "Zoë's \"café\"", "tail\\"};
    enum { N = sizeof(names) / sizeof(names[0]) };
    struct rp_record recs[N];
    int64_t first;
    cr_assert_eq(rp_store_bulk_next_id(st, rp_kind_get(RP_ACCOUNT), &first), RP_OK);
    for (int i = 0; i < N; i++) {
        account(&recs[i], names[i]);
        recs[i].v[0] = (struct rp_value){.set = 1, .i = first + i};
        rp_record_set_int(&recs[i], RP_ACCOUNT_HOLD_UNLESS_INBOUND, 0); /* NOT NULL */
        if (i % 2)
            rp_record_set_str(&recs[i], RP_ACCOUNT_NEED, names[N - 1 - i]);
    }
    cr_assert_eq(rp_store_begin(st), RP_OK);
    /* Six at once (COPY on PostgreSQL), then the last alone (an INSERT). */
    cr_assert_eq(rp_store_bulk_insert_all(st, recs, N - 1), RP_OK, "%s", err.msg.data);
    cr_assert_eq(rp_store_bulk_insert_all(st, recs + N - 1, 1), RP_OK, "%s", err.msg.data);
    cr_assert_eq(rp_store_commit(st), RP_OK, "%s", err.msg.data);
    for (int i = 0; i < N; i++) {
        struct rp_record got;
        cr_assert_eq(rp_record_init(&got, RP_ACCOUNT), RP_OK);
        cr_assert_eq(rp_store_get(st, first + i, &got), RP_OK, "%s", err.msg.data);
        cr_assert_str_eq(rp_record_str(&got, RP_ACCOUNT_NAME), names[i]);
        if (i % 2)
            cr_assert_str_eq(rp_record_str(&got, RP_ACCOUNT_NEED), names[N - 1 - i]);
        else
            cr_assert_null(rp_record_str(&got, RP_ACCOUNT_NEED));
        cr_assert_null(rp_record_str(&got, RP_ACCOUNT_INDUSTRY));
        cr_assert_eq(rp_record_int(&got, RP_ACCOUNT_CREATED_AT, 0), NOON_2026_11_23);
        rp_record_release(&got);
    }
    peek_is("SELECT COUNT(*) FROM accounts", "7");

    /* A batch that breaks a constraint (an id taken) is refused whole, and the store goes
     * on: nothing of it was written. */
    for (int i = 0; i < N; i++)
        recs[i].v[0].i += N - 1; /* the first of them is the one inserted last above */
    cr_assert_eq(rp_store_begin(st), RP_OK);
    cr_assert_eq(rp_store_bulk_insert_all(st, recs, N - 1), RP_ERR_CONFLICT);
    rp_store_rollback(st);
    peek_is("SELECT COUNT(*) FROM accounts", "7");
    cr_assert_eq(rp_store_begin(st), RP_OK);
    cr_assert_eq(rp_store_bulk_insert_all(st, recs + 1, N - 1), RP_OK, "%s", err.msg.data);
    cr_assert_eq(rp_store_commit(st), RP_OK, "%s", err.msg.data);
    peek_is("SELECT COUNT(*) FROM accounts", "13");
    for (int i = 0; i < N; i++)
        rp_record_release(&recs[i]);
}
