/* Tests for reports (core/report.c) and recall (core/recall.c) through librapport's public
 * API against a real SQLite file: ranges read in the user's zone, days counted on the
 * user's calendar, the forecast's rounding, errors, and the full-text index of migration 3
 * (its backfill of an older database, and its UTF-8 folding). The figures on a whole
 * history are checked end to end by tests/cli/t-report.sh. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "base/date.h"
#include "rapport/rapport.h"
#include "testutil.h"

extern const char *const rp_schema_sqlite[];

static char *dir;
static char path[512];
static struct rp_db *db;

static void open_db(void)
{
    cr_assert_eq(rp_db_open(path, &db), RP_OK, "open: %s", db ? rp_db_errmsg(db) : "?");
}

static void setup(void)
{
    cr_assert_eq(rp_tz_set("UTC"), 0);
    dir = tu_tmpdir();
    char *where = tu_database(dir, "report.db");
    snprintf(path, sizeof(path), "%s", where);
    free(where);
}

static void teardown(void)
{
    rp_db_close(db);
    tu_rmtree(dir);
    free(dir);
}

TestSuite(report, .init = setup, .fini = teardown);
TestSuite(recall, .init = setup, .fini = teardown);

/* ---- helpers ------------------------------------------------------------------------ */

static void must(enum rp_status rc)
{
    cr_assert_eq(rc, RP_OK, "%s (%s)", rp_db_errmsg(db), rp_strerror(rc));
}

/* Sets the clock to AT, an RFC 3339 instant or a local "YYYY-MM-DDTHH:MM". */
static void now(const char *at)
{
    int64_t t;
    cr_assert_eq(rp_instant_parse(at, &t), 0, "bad instant %s", at);
    rp_db_set_now(db, t);
}

/* Creates a record of KIND at instant AT from NAME, VALUE pairs; returns its id. */
static int64_t make(const char *at, enum rp_kind_id kind, ...)
{
    struct rp_record r;
    va_list ap;
    now(at);
    must(rp_record_init(&r, kind));
    va_start(ap, kind);
    for (const char *name; (name = va_arg(ap, const char *));) {
        int f = rp_kind_field(r.kind, name);
        cr_assert_geq(f, 0, "no field %s", name);
        must(rp_record_set_text(db, &r, f, va_arg(ap, const char *)));
    }
    va_end(ap);
    must(rp_db_begin(db));
    must(kind == RP_ACTIVITY ? rp_activity_log(db, &r) : rp_create(db, &r));
    must(rp_db_commit(db));
    int64_t id = r.v[0].i;
    rp_record_release(&r);
    return id;
}

static void close_deal(const char *at, int64_t id, const char *stage, const char *reason)
{
    struct rp_close c = {stage, reason, NULL, NULL};
    now(at);
    must(rp_db_begin(db));
    must(rp_deal_close(db, id, &c));
    must(rp_db_commit(db));
}

static json_t *report(const char *name, int64_t since, int64_t until)
{
    struct rp_range range = {since, until};
    json_t *out = NULL;
    must(rp_report_build(db, name, &range, &out));
    cr_assert_not_null(out);
    return out;
}

static int64_t day(const char *s)
{
    int64_t d;
    cr_assert_eq(rp_date_parse(s, &d), 0);
    return d;
}

/* The JSON at a path of object keys and array indexes ("outcomes", 0, "deals"), compact. */
static char *at_path(json_t *v, const char *where)
{
    char key[64];
    for (const char *p = where; v && *p;) {
        size_t n = strcspn(p, ".");
        snprintf(key, sizeof(key), "%.*s", (int)n, p);
        v = *key >= '0' && *key <= '9' ? json_array_get(v, (size_t)strtoul(key, NULL, 10))
                                       : json_object_get(v, key);
        p += n + (p[n] == '.');
    }
    return v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))
             : strdup("(missing)");
}

static void expect(json_t *obj, const char *where, const char *want)
{
    char *got = at_path(obj, where);
    cr_expect_str_eq(got, want, "%s is %s, want %s", where, got, want);
    free(got);
}

/* ---- reports ------------------------------------------------------------------------ */

/* The range is of the user's days: in Berlin, 23:30 UTC on March 1 is already March 2,
 * and a deal opened late on March 1 and closed just after midnight on March 3 (both
 * Berlin time) took two days, not the one UTC would say. */
Test(report, range_and_days_in_the_users_zone)
{
    cr_assert_eq(rp_tz_set("Europe/Berlin"), 0);
    open_db();
    make("2026-02-01T09:00:00Z", RP_ACCOUNT, "name", "Acme", "trigger", "referral", NULL);
    int64_t deal = make("2026-03-01T22:30:00Z", RP_DEAL, "title", "Lab", "account_id", "1",
                        "value_cents", "100", "currency", "EUR", "stage", "proposal", NULL);
    close_deal("2026-03-02T23:30:00Z", deal, "won", NULL);

    json_t *r = report("winloss", day("2026-03-03"), day("2026-03-03"));
    expect(r, "closed", "1");
    expect(r, "since", "\"2026-03-03\"");
    expect(r, "days_to_close.0",
           "{\"trigger\":\"referral\",\"deals\":1,\"average_days\":2.0,"
           "\"won\":1,\"won_average_days\":2.0}");
    json_decref(r);
    r = report("winloss", -1, day("2026-03-02"));
    expect(r, "closed", "0");
    json_decref(r);
    /* Opened at 22:30 and 23:30 UTC on March 1: in Berlin, on March 1 and on March 2. */
    make("2026-03-01T22:30:00Z", RP_DEAL, "title", "Mar 1", "account_id", "1", NULL);
    make("2026-03-01T23:30:00Z", RP_DEAL, "title", "Mar 2", "account_id", "1", NULL);
    r = report("pipeline", day("2026-03-02"), -1);
    expect(r, "open", "1");
    expect(r, "no_next_step.0.deal", "\"Mar 2\"");
    json_decref(r);
}

/* The weighted value of each stage is rounded to the nearest cent, half up; the settings
 * give the chances. */
Test(report, forecast_rounding_and_settings)
{
    open_db();
    make("2026-03-01T09:00:00Z", RP_ACCOUNT, "name", "Acme", NULL);
    /* Leads worth 9 cents: at 10%, 0.9 cents, rounded to 1. */
    make("2026-03-01T09:00:00Z", RP_DEAL, "title", "a", "account_id", "1", "value_cents", "0.05",
         "stage", "lead", NULL);
    make("2026-03-01T09:00:00Z", RP_DEAL, "title", "b", "account_id", "1", "value_cents", "0.04",
         "stage", "lead", NULL);
    make("2026-03-01T09:00:00Z", RP_DEAL, "title", "c", "account_id", "1", "value_cents", "10",
         "currency", "JPY", "stage", "negotiation", NULL);
    json_t *r = report("pipeline", -1, -1);
    expect(r, "stages.0.values",
           "[{\"currency\":\"USD\",\"value_cents\":9,"
           "\"weighted_cents\":1}]");
    expect(r, "forecast",
           "[{\"currency\":\"JPY\",\"deals\":1,\"value_cents\":1000,"
           "\"weighted_cents\":800},{\"currency\":\"USD\",\"deals\":2,"
           "\"value_cents\":9,\"weighted_cents\":1}]");
    json_decref(r);
    must(rp_config_set(db, "forecast.negotiation", "25"));
    must(rp_config_set(db, "forecast.lead", "100"));
    r = report("pipeline", -1, -1);
    expect(r, "stages.4.probability_pct", "25");
    expect(r, "forecast.0.weighted_cents", "250");
    expect(r, "forecast.1.weighted_cents", "9");
    json_decref(r);
    cr_assert_eq(rp_config_set(db, "forecast.lead", "101"), RP_ERR_INVALID);
}

Test(report, empty_book)
{
    open_db();
    json_t *r = report("push", -1, -1);
    expect(r, "sent", "0");
    expect(r, "revival_pct", "null");
    expect(r, "median_days_to_answer", "null");
    json_decref(r);
    r = report("activity", -1, -1);
    expect(r, "touches_per_won_deal", "null");
    expect(r, "meetings.no_show_pct", "null");
    expect(r, "two_way_by_style.2",
           "{\"style\":\"gentle\",\"contacts\":0,\"two_way\":0,"
           "\"pct\":null}");
    json_decref(r);
    must(rp_report_build(db, "winloss", NULL, &r));
    expect(r, "outcomes.2",
           "{\"outcome\":\"no-decision\",\"deals\":0,\"pct\":null,"
           "\"values\":[]}");
    json_decref(r);
}

Test(report, errors)
{
    struct rp_range backwards = {day("2026-03-02"), day("2026-03-01")};
    json_t *r = NULL;
    open_db();
    cr_assert_eq(rp_report_build(db, "forecast", NULL, &r), RP_ERR_USAGE);
    cr_assert_str_eq(rp_db_errmsg(db), "unknown report 'forecast' (expected one of winloss, "
                                       "push, pipeline, activity)");
    cr_assert_eq(rp_report_build(db, NULL, NULL, &r), RP_ERR_USAGE);
    cr_assert_eq(rp_report_build(db, "push", &backwards, &r), RP_ERR_INVALID);
    cr_assert_null(r);
    for (int i = 0; rp_report_names[i]; i++) {
        char want[32];
        snprintf(want, sizeof(want), "\"%s\"", rp_report_names[i]);
        must(rp_report_build(db, rp_report_names[i], NULL, &r));
        expect(r, "report", want);
        json_decref(r);
    }
}

/* ---- recall and search -------------------------------------------------------------- */

static json_t *search(const char *query)
{
    json_t *out = NULL;
    must(rp_recall_search(db, query, 0, &out));
    return out;
}

/* Case is folded in every script, accents are removed from Latin letters (the unicode61
 * tokenizer keeps Cyrillic ё apart from е). */
Test(recall, folds_case_and_accents)
{
    open_db();
    make("2026-03-01T09:00:00Z", RP_ACCOUNT, "name", "Müller Bau", NULL);
    make("2026-03-01T09:00:00Z", RP_CONTACT, "name", "Ирина Ёлкина", "account_id", "1", NULL);
    make("2026-03-01T09:00:00Z", RP_DEAL, "title", "Crème brûlée", "account_id", "1", NULL);
    static const char *const found[][2] = {
        {"muller", "account"}, {"MÜLLER", "account"}, {"ёлкина", "contact"},
        {"ЁЛКИНА", "contact"}, {"ирина", "contact"},  {"creme brulee", "deal"},
        {"CRÈME", "deal"},
    };
    for (size_t i = 0; i < sizeof(found) / sizeof(found[0]); i++) {
        json_t *r = search(found[i][0]);
        cr_expect_eq(json_array_size(r), 1, "'%s' found %zu", found[i][0], json_array_size(r));
        cr_expect_str_eq(json_string_value(json_object_get(json_array_get(r, 0), "type")),
                         found[i][1], "'%s'", found[i][0]);
        json_decref(r);
    }
}

Test(recall, errors)
{
    json_t *r = NULL;
    char long_query[1100];
    open_db();
    make("2026-03-01T09:00:00Z", RP_ACCOUNT, "name", "Acme", NULL);
    cr_assert_eq(rp_recall_account(db, 2, NULL, 0, &r), RP_ERR_NOTFOUND);
    cr_assert_eq(rp_recall_account(db, 1, " \t", 0, &r), RP_ERR_USAGE);
    cr_assert_eq(rp_recall_search(db, "", 0, &r), RP_ERR_USAGE);
    cr_assert_eq(rp_recall_search(db, NULL, 0, &r), RP_ERR_USAGE);
    cr_assert_eq(rp_recall_search(db, "caf\xc3", 0, &r), RP_ERR_INVALID);
    memset(long_query, 'a', sizeof(long_query) - 1);
    long_query[sizeof(long_query) - 1] = '\0';
    cr_assert_eq(rp_recall_search(db, long_query, 0, &r), RP_ERR_INVALID);
    cr_assert_null(r);
    must(rp_recall_account(db, 1, NULL, 0, &r));
    cr_assert_eq(json_array_size(r), 0);
    json_decref(r);
}

/* Migration 3 indexes what a database already held: a database made before it (schema
 * version 2) finds its old records once opened by this rapport. */
Test(recall, migration_backfills_the_index)
{
    if (tu_pg())
        cr_skip_test("builds a version-2 database with SQLite itself");
    sqlite3 *raw;
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(raw,
                              "CREATE TABLE rp_migrations (version INTEGER PRIMARY KEY, "
                              "applied_at TEXT NOT NULL);"
                              "INSERT INTO rp_migrations VALUES (1, '2026-01-01T00:00:00Z'), "
                              "(2, '2026-01-01T00:00:00Z');",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    for (int i = 0; i < 2; i++)
        cr_assert_eq(sqlite3_exec(raw, rp_schema_sqlite[i], NULL, NULL, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(raw,
                              "INSERT INTO accounts (name, style, status, created_at, updated_at)"
                              " VALUES ('Åkesson AB', 'standard', 'prospect', "
                              "'2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z');"
                              "INSERT INTO activities (account_id, kind, direction, at, text, "
                              "created_at) VALUES (1, 'note', 'none', '2026-01-03T00:00:00Z', "
                              "'Fika med Åsa på fredag', '2026-01-03T00:00:00Z');",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    sqlite3_close(raw);
    open_db();
    json_t *r = search("akesson");
    cr_expect_eq(json_array_size(r), 1);
    json_decref(r);
    r = search("asa fredag");
    cr_expect_eq(json_array_size(r), 1);
    cr_expect_str_eq(json_string_value(json_object_get(json_array_get(r, 0), "type")), "note");
    json_decref(r);
}

/* The search's SQL as the store prepared it, caught on the store's own connection. */
static char *search_sql;

static int catch_search(unsigned type, void *ctx, void *stmt, void *sql)
{
    (void)type, (void)ctx, (void)stmt;
    if (!search_sql && strstr(sql, "fulltext MATCH"))
        search_sql = strdup(sql);
    return 0;
}

static int trace_connection(sqlite3 *conn, char **err, const void *api)
{
    (void)err, (void)api;
    sqlite3_trace_v2(conn, SQLITE_TRACE_STMT, catch_search, NULL);
    return SQLITE_OK;
}

/* A rep's search reads only the rep's records: the scope is a condition of the query (its
 * plan looks the rep's accounts up by owner), not a filter of what the query returned, so
 * that a limit counts the rep's matches, however many others' there are. */
Test(recall, scope_is_in_the_query)
{
    sqlite3 *raw;
    sqlite3_stmt *plan;
    char owner[24], sql[16384];
    int by_owner = 0;
    json_t *r;
    if (tu_pg())
        cr_skip_test("reads SQLite's own query plan");
    sqlite3_auto_extension((void (*)(void))trace_connection);
    open_db();
    int64_t mine = make("2026-03-01T09:00:00Z", RP_USER, "name", "Rita", "email",
                        "rita@example.com", "role", "rep", NULL);
    int64_t theirs = make("2026-03-01T09:00:00Z", RP_USER, "name", "Otto", "email",
                          "otto@example.com", "role", "rep", NULL);
    snprintf(owner, sizeof(owner), "%lld", (long long)theirs);
    for (int i = 0; i < 30; i++)
        make("2026-03-01T09:00:00Z", RP_ACCOUNT, "name", "Widget Works", "owner_id", owner, NULL);
    snprintf(owner, sizeof(owner), "%lld", (long long)mine);
    int64_t account =
        make("2026-03-01T09:00:00Z", RP_ACCOUNT, "name", "Widget Mine", "owner_id", owner, NULL);
    must(rp_db_act_as(db, mine));
    must(rp_recall_search(db, "widget", 5, &r));
    cr_expect_eq(json_array_size(r), 1, "found %zu", json_array_size(r));
    cr_expect_eq(json_integer_value(json_object_get(json_array_get(r, 0), "account_id")), account);
    json_decref(r);
    sqlite3_reset_auto_extension();
    cr_assert_not_null(search_sql);
    snprintf(sql, sizeof(sql), "EXPLAIN QUERY PLAN %s", search_sql);
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(raw, sql, -1, &plan, NULL), SQLITE_OK, "%s",
                 sqlite3_errmsg(raw));
    while (sqlite3_step(plan) == SQLITE_ROW)
        by_owner |= strstr((const char *)sqlite3_column_text(plan, 3), "accounts_owner") != NULL;
    sqlite3_finalize(plan);
    sqlite3_close(raw);
    free(search_sql);
    cr_expect(by_owner, "the plan looks accounts up by owner");
}
