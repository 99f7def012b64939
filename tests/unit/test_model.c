/* Tests for the record model through librapport's public API against a real SQLite file:
 * field validation (rp_record_set_text / rp_record_set_json), the JSON and text shapes of
 * records, creating, changing and deleting them, transactions, the verbs of the practice
 * and settings. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "base/buf.h"
#include "base/date.h"
#include "rapport/rapport.h"
#include "testutil.h"

#define DAY INT64_C(86400)
#define D_2026_11_23 INT64_C(20780)
#define NOON (D_2026_11_23 * DAY + 12 * 3600)

static char *dir;
static struct rp_db *db;

static void model_setup(void)
{
    char *path;
    cr_assert_eq(rp_tz_set("UTC"), 0);
    dir = tu_tmpdir();
    path = tu_database(dir, "model.db");
    cr_assert_eq(rp_db_open(path, &db), RP_OK, "open: %s", db ? rp_db_errmsg(db) : "?");
    free(path);
    rp_db_set_now(db, NOON);
}

static void model_teardown(void)
{
    rp_db_close(db);
    tu_rmtree(dir);
    free(dir);
}

TestSuite(field, .init = model_setup, .fini = model_teardown);
TestSuite(json, .init = model_setup, .fini = model_teardown);
TestSuite(crud, .init = model_setup, .fini = model_teardown);
TestSuite(verbs, .init = model_setup, .fini = model_teardown);
TestSuite(config, .init = model_setup, .fini = model_teardown);

/* ---- helpers ------------------------------------------------------------------------ */

static void must(enum rp_status rc)
{
    cr_assert_eq(rc, RP_OK, "%s (%s)", rp_db_errmsg(db), rp_strerror(rc));
}

/* The error of a failing call: its status, message and field. */
static void failed(enum rp_status rc, enum rp_status want, const char *msg, const char *field)
{
    cr_assert_eq(rc, want, "got %s (%s), want %s", rp_strerror(rc), rp_db_errmsg(db),
                 rp_strerror(want));
    cr_assert_str_eq(rp_db_errmsg(db), msg);
    if (field)
        cr_assert_str_eq(rp_db_errfield(db) ? rp_db_errfield(db) : "(none)", field);
}

/* Creates a record of KIND from NAME=VALUE pairs given as text, and returns its id. */
static int64_t make(enum rp_kind_id kind, ...)
{
    struct rp_record r;
    va_list ap;
    must(rp_record_init(&r, kind));
    va_start(ap, kind);
    for (const char *name; (name = va_arg(ap, const char *));) {
        const char *value = va_arg(ap, const char *);
        int f = rp_kind_field(r.kind, name);
        cr_assert_geq(f, 0, "no field %s", name);
        must(rp_record_set_text(db, &r, f, value));
    }
    va_end(ap);
    if (kind == RP_ACTIVITY)
        must(rp_activity_log(db, &r));
    else if (kind == RP_AGREEMENT)
        must(rp_agreement_add(db, &r));
    else
        must(rp_create(db, &r));
    int64_t id = r.v[0].i;
    rp_record_release(&r);
    return id;
}

static void get(enum rp_kind_id kind, int64_t id, struct rp_record *out)
{
    must(rp_get(db, kind, id, out));
}

static size_t count(enum rp_kind_id kind)
{
    struct rp_records list = {0};
    struct rp_query q = {kind, NULL, 0, -1, 0, 0, 0};
    must(rp_list(db, &q, &list));
    size_t n = list.n;
    rp_records_release(&list);
    return n;
}

/* The history of a record as "field:from>to:reason" lines joined by '|'. */
static char *history(enum rp_kind_id kind, int64_t id)
{
    struct rp_records h = {0};
    struct rp_buf b = RP_BUF_INIT;
    must(rp_history(db, kind, id, &h));
    for (size_t i = 0; i < h.n; i++) {
        const struct rp_record *r = &h.items[i];
        const char *from = rp_record_str(r, RP_HISTORY_FROM), *to = rp_record_str(r, RP_HISTORY_TO);
        const char *why = rp_record_str(r, RP_HISTORY_REASON);
        rp_buf_addf(&b, "%s%s:%s>%s:%s", i ? "|" : "", rp_record_str(r, RP_HISTORY_FIELD),
                    from ? from : "-", to ? to : "-", why ? why : "-");
    }
    rp_records_release(&h);
    return rp_buf_detach(&b);
}

static void history_is(enum rp_kind_id kind, int64_t id, const char *want)
{
    char *got = history(kind, id);
    cr_assert_str_eq(got, want, "history of %s %lld: got '%s', want '%s'", rp_kind_get(kind)->name,
                     (long long)id, got, want);
    free(got);
}

/* ---- rp_record_set_text: every type ------------------------------------------------ */

static struct rp_record rec;

static void text_ok(enum rp_kind_id kind, int f, const char *text)
{
    rp_record_release(&rec);
    must(rp_record_init(&rec, kind));
    must(rp_record_set_text(db, &rec, f, text));
    cr_assert(rec.v[f].set, "%s set from '%s'", rec.kind->fields[f].name, text);
}

static void text_bad(enum rp_kind_id kind, int f, const char *text, const char *msg)
{
    rp_record_release(&rec);
    must(rp_record_init(&rec, kind));
    /* A value set before must survive the failed attempt. */
    rp_record_set_int(&rec, f, 77);
    failed(rp_record_set_text(db, &rec, f, text), RP_ERR_INVALID, msg, rec.kind->fields[f].name);
    cr_assert(rec.v[f].set && rec.v[f].i == 77, "'%s' changed the field on failure", text);
    rp_record_release(&rec);
}

Test(field, ids_and_references)
{
    text_ok(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, "42");
    cr_assert_eq(rec.v[RP_CONTACT_ACCOUNT_ID].i, 42);
    text_ok(RP_CONTACT, RP_CONTACT_ID, "9223372036854775807");
    cr_assert_eq(rec.v[RP_CONTACT_ID].i, INT64_MAX);
    text_bad(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, "0",
             "invalid account id '0' (expected a positive whole number)");
    text_bad(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, "-3",
             "invalid account id '-3' (expected a positive whole number)");
    text_bad(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, "4x",
             "invalid account id '4x' (expected a positive whole number)");
    text_bad(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, " 4",
             "invalid account id ' 4' (expected a positive whole number)");
    text_bad(RP_ACTIVITY, RP_ACTIVITY_DEAL_ID, "1.5",
             "invalid deal id '1.5' (expected a positive whole number)");
    text_bad(RP_DEAL, RP_DEAL_ID, "x", "invalid deal id 'x' (expected a positive whole number)");
    rp_record_release(&rec);
}

Test(field, whole_numbers)
{
    text_ok(RP_MEETING, RP_MEETING_MINUTES, "0");
    cr_assert_eq(rec.v[RP_MEETING_MINUTES].i, 0);
    text_ok(RP_MEETING, RP_MEETING_MINUTES, "1000000");
    cr_assert_eq(rec.v[RP_MEETING_MINUTES].i, 1000000);
    text_bad(RP_MEETING, RP_MEETING_MINUTES, "-1",
             "invalid minutes '-1' (expected a whole number from 0 to 1000000)");
    text_bad(RP_MEETING, RP_MEETING_MINUTES, "1000001",
             "invalid minutes '1000001' (expected a whole number from 0 to 1000000)");
    text_bad(RP_MEETING, RP_MEETING_MINUTES, "30min",
             "invalid minutes '30min' (expected a whole number from 0 to 1000000)");
    rp_record_release(&rec);
}

Test(field, booleans)
{
    static const char *const yes[] = {"yes", "true", "1"}, *const no[] = {"no", "false", "0"};
    for (int i = 0; i < 3; i++) {
        text_ok(RP_CONTACT, RP_CONTACT_PRIMARY, yes[i]);
        cr_assert_eq(rec.v[RP_CONTACT_PRIMARY].i, 1, "%s", yes[i]);
        text_ok(RP_CONTACT, RP_CONTACT_PRIMARY, no[i]);
        cr_assert_eq(rec.v[RP_CONTACT_PRIMARY].i, 0, "%s", no[i]);
    }
    text_bad(RP_CONTACT, RP_CONTACT_PRIMARY, "maybe",
             "invalid primary 'maybe' (expected yes or no)");
    text_bad(RP_CONTACT, RP_CONTACT_PRIMARY, "YES", "invalid primary 'YES' (expected yes or no)");
    rp_record_release(&rec);
}

Test(field, dates)
{
    text_ok(RP_ACCOUNT, RP_ACCOUNT_CONTRACT_ENDS, "2026-11-24");
    cr_assert_eq(rec.v[RP_ACCOUNT_CONTRACT_ENDS].i, D_2026_11_23 + 1);
    text_ok(RP_ACCOUNT, RP_ACCOUNT_CONTRACT_ENDS, "2028-02-29");
    text_bad(RP_ACCOUNT, RP_ACCOUNT_CONTRACT_ENDS, "2026-02-29",
             "cannot parse date '2026-02-29' for contract-ends (expected YYYY-MM-DD)");
    text_bad(RP_ACCOUNT, RP_ACCOUNT_CONTRACT_ENDS, "2026-02-30",
             "cannot parse date '2026-02-30' for contract-ends (expected YYYY-MM-DD)");
    text_bad(RP_ACCOUNT, RP_ACCOUNT_CONTRACT_ENDS, "2026-11-24T10:00",
             "cannot parse date '2026-11-24T10:00' for contract-ends (expected YYYY-MM-DD)");
    text_bad(RP_INVOICE, RP_INVOICE_DUE_ON, "24.11.2026",
             "cannot parse date '24.11.2026' for due (expected YYYY-MM-DD)");
    rp_record_release(&rec);
}

Test(field, instants)
{
    text_ok(RP_ACTIVITY, RP_ACTIVITY_AT, "2026-11-24T09:30:00Z");
    cr_assert_eq(rec.v[RP_ACTIVITY_AT].i, (D_2026_11_23 + 1) * DAY + 9 * 3600 + 1800);
    text_ok(RP_ACTIVITY, RP_ACTIVITY_AT, "2026-11-24T09:30+02:00");
    cr_assert_eq(rec.v[RP_ACTIVITY_AT].i, (D_2026_11_23 + 1) * DAY + 7 * 3600 + 1800);
    /* A bare date is noon of that day, a time without offset is local. */
    text_ok(RP_ACTIVITY, RP_ACTIVITY_AT, "2026-11-24");
    cr_assert_eq(rec.v[RP_ACTIVITY_AT].i, (D_2026_11_23 + 1) * DAY + 12 * 3600);
    cr_assert_eq(rp_tz_set("Europe/Berlin"), 0);
    text_ok(RP_ACTIVITY, RP_ACTIVITY_AT, "2026-11-24 09:30");
    cr_assert_eq(rec.v[RP_ACTIVITY_AT].i, (D_2026_11_23 + 1) * DAY + 8 * 3600 + 1800);
    text_bad(RP_ACTIVITY, RP_ACTIVITY_AT, "2026-11-24T24:00",
             "cannot parse time '2026-11-24T24:00' for at (expected YYYY-MM-DDTHH:MM, local or "
             "with Z or an offset)");
    text_bad(RP_ACTIVITY, RP_ACTIVITY_AT, "tomorrow",
             "cannot parse time 'tomorrow' for at (expected YYYY-MM-DDTHH:MM, local or with Z "
             "or an offset)");
    rp_record_release(&rec);
}

Test(field, vocabularies)
{
    text_ok(RP_ACCOUNT, RP_ACCOUNT_TRIGGER, "contract-ending");
    cr_assert_str_eq(rec.v[RP_ACCOUNT_TRIGGER].s, "contract-ending");
    text_bad(RP_ACCOUNT, RP_ACCOUNT_TRIGGER, "moved",
             "invalid trigger 'moved' (expected one of moving, new-office, growth, new-staff, "
             "contract-ending, referral, inbound, cold-call, other)");
    text_bad(RP_ACCOUNT, RP_ACCOUNT_TRIGGER, "Moving",
             "invalid trigger 'Moving' (expected one of moving, new-office, growth, new-staff, "
             "contract-ending, referral, inbound, cold-call, other)");
    text_bad(RP_ACTIVITY, RP_ACTIVITY_DIRECTION, "both",
             "invalid dir 'both' (expected one of in, out, none)");
    text_bad(RP_MEETING, RP_MEETING_KIND, "lunch",
             "invalid kind 'lunch' (expected one of intro, discovery, demo, proposal, follow-up, "
             "signing, training, support)");
    text_bad(RP_CONTACT, RP_CONTACT_ROLE, "boss",
             "invalid role 'boss' (expected one of decision-maker, co-decider, veto, influencer, "
             "user, gatekeeper, unknown)");
    rp_record_release(&rec);
}

Test(field, money)
{
    static const struct {
        const char *text;
        int64_t cents;
    } good[] = {{"0", 0},
                {"7", 700},
                {"0.5", 50},
                {"0.07", 7},
                {"1,200.50", 120050},
                {"1200.5", 120050},
                {"1,000,000", 100000000}};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        text_ok(RP_DEAL, RP_DEAL_VALUE_CENTS, good[i].text);
        cr_assert_eq(rec.v[RP_DEAL_VALUE_CENTS].i, good[i].cents, "%s", good[i].text);
    }
    static const char *const bad[] = {"-1", "1.234", "1,00", "1,0000", ".5",
                                      "1.", "1e3",   "€5",   "5 EUR",  "99999999999999999999"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char msg[160];
        snprintf(msg, sizeof(msg),
                 "invalid amount '%s' for value (expected a non-negative "
                 "amount like 1,200.50, under 10,000,000,000,000)",
                 bad[i]);
        text_bad(RP_DEAL, RP_DEAL_VALUE_CENTS, bad[i], msg);
    }
    text_bad(RP_INVOICE, RP_INVOICE_AMOUNT_CENTS, "x",
             "invalid amount 'x' for amount (expected a non-negative amount like 1,200.50, "
             "under 10,000,000,000,000)");
    rp_record_release(&rec);
}

/* String-valued failures leave a string unchanged. */
static void string_bad(enum rp_kind_id kind, int f, const char *text, const char *msg)
{
    rp_record_release(&rec);
    must(rp_record_init(&rec, kind));
    must(rp_record_set_str(&rec, f, "before"));
    failed(rp_record_set_text(db, &rec, f, text), RP_ERR_INVALID, msg, rec.kind->fields[f].name);
    cr_assert_str_eq(rp_record_str(&rec, f), "before");
    rp_record_release(&rec);
}

Test(field, email_and_currency)
{
    text_ok(RP_CONTACT, RP_CONTACT_EMAIL, "Eva.Hartmann+crm@hartmann-partner.co.uk");
    cr_assert_str_eq(rec.v[RP_CONTACT_EMAIL].s, "Eva.Hartmann+crm@hartmann-partner.co.uk");
    static const char *const bad[] = {"plain", "a@b",     "@b.de",   "a@@b.de", "a b@c.de",
                                      "a@.de", "a@b..de", "a@b.de.", "<a@b.de>"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char msg[128];
        snprintf(msg, sizeof(msg), "invalid e-mail address '%s' (expected name@example.com)",
                 bad[i]);
        string_bad(RP_CONTACT, RP_CONTACT_EMAIL, bad[i], msg);
    }
    text_ok(RP_DEAL, RP_DEAL_CURRENCY, "chf");
    cr_assert_str_eq(rec.v[RP_DEAL_CURRENCY].s, "CHF");
    string_bad(RP_DEAL, RP_DEAL_CURRENCY, "EURO",
               "invalid currency 'EURO' (expected a three-letter ISO 4217 code like EUR)");
    string_bad(RP_DEAL, RP_DEAL_CURRENCY, "E1R",
               "invalid currency 'E1R' (expected a three-letter ISO 4217 code like EUR)");
    rp_record_release(&rec);
}

Test(field, text_and_names)
{
    const char *nasty = "O'Brien \"x\" '); DROP TABLE accounts;-- <script>alert(1)</script>\n"
                        "\tZoë 東京 🚀\r\n";
    text_ok(RP_ACCOUNT, RP_ACCOUNT_NEED, nasty);
    cr_assert_str_eq(rec.v[RP_ACCOUNT_NEED].s, nasty);
    text_ok(RP_ACCOUNT, RP_ACCOUNT_NAME, "  Acme  ");
    cr_assert_str_eq(rec.v[RP_ACCOUNT_NAME].s, "  Acme  ");
    string_bad(RP_ACCOUNT, RP_ACCOUNT_NEED, "\xff\xfe",
               "invalid need (not UTF-8 text, or it holds control characters)");
    string_bad(RP_ACCOUNT, RP_ACCOUNT_NEED, "\xc0\xaf",
               "invalid need (not UTF-8 text, or it holds control characters)");
    string_bad(RP_ACCOUNT, RP_ACCOUNT_NAME, "red\x1b[31m",
               "invalid name (not UTF-8 text, or it holds control characters)");
    string_bad(RP_ACCOUNT, RP_ACCOUNT_NAME, "", "name must not be empty");
    string_bad(RP_ACCOUNT, RP_ACCOUNT_NAME, " \t\n", "name must not be empty");
    string_bad(RP_DEAL, RP_DEAL_TITLE, "", "title must not be empty");
    string_bad(RP_ACTIVITY, RP_ACTIVITY_KIND, "", "kind must not be empty");

    char *big = malloc(65538);
    cr_assert_not_null(big);
    memset(big, 'x', 65537);
    big[65537] = '\0';
    string_bad(RP_ACCOUNT, RP_ACCOUNT_NEED, big, "need is too long (65537 bytes, at most 65536)");
    big[65536] = '\0';
    text_ok(RP_ACCOUNT, RP_ACCOUNT_NEED, big);
    big[501] = '\0';
    string_bad(RP_ACCOUNT, RP_ACCOUNT_NAME, big, "name is too long (501 bytes, at most 500)");
    big[500] = '\0';
    text_ok(RP_ACCOUNT, RP_ACCOUNT_NAME, big);
    free(big);
    rp_record_release(&rec);
}

Test(field, empty_text_clears_an_optional_field)
{
    text_ok(RP_ACCOUNT, RP_ACCOUNT_INDUSTRY, "Logistics");
    must(rp_record_set_text(db, &rec, RP_ACCOUNT_INDUSTRY, ""));
    cr_assert_eq(rec.v[RP_ACCOUNT_INDUSTRY].set, 0);
    cr_assert_null(rp_record_str(&rec, RP_ACCOUNT_INDUSTRY));
    rp_record_release(&rec);
    text_ok(RP_ACCOUNT, RP_ACCOUNT_CONTRACT_ENDS, "2027-01-01");
    must(rp_record_set_text(db, &rec, RP_ACCOUNT_CONTRACT_ENDS, "  "));
    cr_assert_eq(rec.v[RP_ACCOUNT_CONTRACT_ENDS].set, 0);
    rp_record_release(&rec);
}

/* ---- rp_record_set_json ------------------------------------------------------------ */

static enum rp_status set_json(enum rp_kind_id kind, int f, json_t *value)
{
    rp_record_release(&rec);
    must(rp_record_init(&rec, kind));
    enum rp_status rc = rp_record_set_json(db, &rec, f, value);
    json_decref(value);
    return rc;
}

Test(json, good_values)
{
    must(set_json(RP_ACCOUNT, RP_ACCOUNT_NAME, json_string("Café Müller 🙂")));
    cr_assert_str_eq(rec.v[RP_ACCOUNT_NAME].s, "Café Müller 🙂");
    must(set_json(RP_CONTACT, RP_CONTACT_PRIMARY, json_true()));
    cr_assert_eq(rec.v[RP_CONTACT_PRIMARY].i, 1);
    must(set_json(RP_CONTACT, RP_CONTACT_PRIMARY, json_false()));
    cr_assert(rec.v[RP_CONTACT_PRIMARY].set && rec.v[RP_CONTACT_PRIMARY].i == 0);
    /* Money in JSON is minor units, as the API prints it. */
    must(set_json(RP_DEAL, RP_DEAL_VALUE_CENTS, json_integer(120050)));
    cr_assert_eq(rec.v[RP_DEAL_VALUE_CENTS].i, 120050);
    must(set_json(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, json_integer(5)));
    cr_assert_eq(rec.v[RP_CONTACT_ACCOUNT_ID].i, 5);
    must(set_json(RP_MEETING, RP_MEETING_MINUTES, json_integer(45)));
    cr_assert_eq(rec.v[RP_MEETING_MINUTES].i, 45);
    must(set_json(RP_INVOICE, RP_INVOICE_DUE_ON, json_string("2026-12-01")));
    cr_assert_eq(rec.v[RP_INVOICE_DUE_ON].i, D_2026_11_23 + 8);
    must(set_json(RP_ACTIVITY, RP_ACTIVITY_AT, json_string("2026-11-23T12:00:00Z")));
    cr_assert_eq(rec.v[RP_ACTIVITY_AT].i, NOON);
    must(set_json(RP_ACCOUNT, RP_ACCOUNT_TRIGGER, json_string("referral")));
    cr_assert_str_eq(rec.v[RP_ACCOUNT_TRIGGER].s, "referral");
    must(set_json(RP_DEAL, RP_DEAL_CURRENCY, json_string("eur")));
    cr_assert_str_eq(rec.v[RP_DEAL_CURRENCY].s, "EUR");
    must(set_json(RP_ACCOUNT, RP_ACCOUNT_INDUSTRY, json_null()));
    cr_assert_eq(rec.v[RP_ACCOUNT_INDUSTRY].set, 0);
    rp_record_release(&rec);
}

Test(json, bad_values)
{
    failed(set_json(RP_ACCOUNT, RP_ACCOUNT_NAME, json_integer(3)), RP_ERR_INVALID,
           "invalid name (expected a string)", "name");
    failed(set_json(RP_ACCOUNT, RP_ACCOUNT_NAME, json_null()), RP_ERR_INVALID,
           "name must not be empty", "name");
    failed(set_json(RP_ACCOUNT, RP_ACCOUNT_NAME, json_stringn("a\0b", 3)), RP_ERR_INVALID,
           "invalid name (contains a NUL character)", "name");
    failed(set_json(RP_ACCOUNT, RP_ACCOUNT_TRIGGER, json_string("moved")), RP_ERR_INVALID,
           "invalid trigger 'moved' (expected one of moving, new-office, growth, new-staff, "
           "contract-ending, referral, inbound, cold-call, other)",
           "trigger");
    failed(set_json(RP_CONTACT, RP_CONTACT_PRIMARY, json_string("yes")), RP_ERR_INVALID,
           "invalid primary (expected true or false)", "primary");
    failed(set_json(RP_CONTACT, RP_CONTACT_PRIMARY, json_integer(1)), RP_ERR_INVALID,
           "invalid primary (expected true or false)", "primary");
    failed(set_json(RP_DEAL, RP_DEAL_VALUE_CENTS, json_integer(-1)), RP_ERR_INVALID,
           "invalid value_cents -1 (expected a non-negative amount in minor units, under "
           "10^15)",
           "value_cents");
    failed(set_json(RP_DEAL, RP_DEAL_VALUE_CENTS, json_integer(INT64_MAX)), RP_ERR_INVALID,
           "invalid value_cents 9223372036854775807 (expected a non-negative amount in minor "
           "units, under 10^15)",
           "value_cents");
    failed(set_json(RP_DEAL, RP_DEAL_VALUE_CENTS, json_string("12.00")), RP_ERR_INVALID,
           "invalid value_cents (expected a whole number)", "value_cents");
    failed(set_json(RP_DEAL, RP_DEAL_VALUE_CENTS, json_real(12.5)), RP_ERR_INVALID,
           "invalid value_cents (expected a whole number)", "value_cents");
    failed(set_json(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, json_integer(0)), RP_ERR_INVALID,
           "invalid account id '0' (expected a positive whole number)", "account_id");
    failed(set_json(RP_CONTACT, RP_CONTACT_ACCOUNT_ID, json_string("5")), RP_ERR_INVALID,
           "invalid account_id (expected a whole number)", "account_id");
    failed(set_json(RP_MEETING, RP_MEETING_MINUTES, json_integer(-30)), RP_ERR_INVALID,
           "invalid minutes '-30' (expected a whole number from 0 to 1000000)", "minutes");
    failed(set_json(RP_INVOICE, RP_INVOICE_DUE_ON, json_string("2026-12-32")), RP_ERR_INVALID,
           "cannot parse date '2026-12-32' for due (expected YYYY-MM-DD)", "due_on");
    failed(set_json(RP_INVOICE, RP_INVOICE_DUE_ON, json_integer(20800)), RP_ERR_INVALID,
           "invalid due_on (expected a string)", "due_on");
    failed(set_json(RP_CONTACT, RP_CONTACT_EMAIL, json_string("nope")), RP_ERR_INVALID,
           "invalid e-mail address 'nope' (expected name@example.com)", "email");
    rp_record_release(&rec);
}

/* ---- the shapes of records ---------------------------------------------------------- */

/* The JSON member of a record is VALUE (compact JSON text). */
static void member_is(json_t *obj, const char *key, const char *want)
{
    json_t *v = json_object_get(obj, key);
    cr_assert_not_null(v, "no member %s", key);
    char *got = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    cr_assert_str_eq(got, want, "%s: got %s, want %s", key, got, want);
    free(got);
}

/* Every field is a member, in the order of the field table; unset ones are null. */
static void members_are_fields(json_t *obj, const struct rp_record *r)
{
    cr_assert_eq(json_object_size(obj), r->kind->nfields);
    size_t f = 0;
    for (void *it = json_object_iter(obj); it; it = json_object_iter_next(obj, it), f++) {
        cr_assert_str_eq(json_object_iter_key(it), r->kind->fields[f].name);
        if (!r->v[f].set)
            cr_assert(json_is_null(json_object_iter_value(it)), "%s is not null",
                      r->kind->fields[f].name);
    }
}

Test(json, record_shape)
{
    int64_t acc = make(RP_ACCOUNT, "name", "Acme \"A\"", "contract_ends", "2027-03-31", NULL);
    int64_t deal = make(RP_DEAL, "account_id", "1", "title", "Fleet", "value_cents", "1,200.50",
                        "decision_by", "2026-12-18", NULL);
    make(RP_CONTACT, "account_id", "1", "name", "Eva", "primary", "yes", NULL);
    struct rp_record a, d, c;
    get(RP_ACCOUNT, acc, &a);
    get(RP_DEAL, deal, &d);
    get(RP_CONTACT, 1, &c);
    json_t *ja = rp_record_to_json(&a), *jd = rp_record_to_json(&d), *jc = rp_record_to_json(&c);
    members_are_fields(ja, &a);
    members_are_fields(jd, &d);
    members_are_fields(jc, &c);
    member_is(ja, "id", "1");
    member_is(ja, "name", "\"Acme \\\"A\\\"\"");
    member_is(ja, "industry", "null");
    member_is(ja, "style", "\"standard\"");
    member_is(ja, "contract_ends", "\"2027-03-31\"");
    member_is(ja, "hold_until", "null");
    member_is(ja, "hold_unless_inbound", "false");
    member_is(ja, "checkin_days", "null");
    member_is(ja, "created_at", "\"2026-11-23T12:00:00Z\"");
    member_is(jd, "account_id", "1");
    member_is(jd, "value_cents", "120050");
    member_is(jd, "currency", "\"USD\"");
    member_is(jd, "decision_by", "\"2026-12-18\"");
    member_is(jd, "opened_at", "\"2026-11-23T12:00:00Z\"");
    member_is(jd, "closed_at", "null");
    member_is(jc, "primary", "true");
    member_is(jc, "email", "null");
    /* A list is an array of the same objects. */
    struct rp_records list = {0};
    struct rp_query q = {RP_DEAL, NULL, 0, -1, 0, 0, 0};
    must(rp_list(db, &q, &list));
    json_t *arr = rp_records_to_json(&list);
    cr_assert(json_is_array(arr) && json_array_size(arr) == 1);
    cr_assert(json_equal(json_array_get(arr, 0), jd));
    json_decref(arr);
    rp_records_release(&list);
    json_decref(ja);
    json_decref(jd);
    json_decref(jc);
    rp_record_release(&a);
    rp_record_release(&d);
    rp_record_release(&c);
}

static void format_is(const struct rp_record *r, int f, const char *want)
{
    struct rp_buf b = RP_BUF_INIT;
    must(rp_field_format(r, f, &b));
    cr_assert_str_eq(rp_buf_str(&b), want, "%s: got '%s', want '%s'", r->kind->fields[f].name,
                     rp_buf_str(&b), want);
    rp_buf_release(&b);
}

Test(json, text_format)
{
    struct rp_record r;
    must(rp_record_init(&r, RP_DEAL));
    static const struct {
        int64_t cents;
        const char *text;
    } money[] = {{0, "0.00"},
                 {7, "0.07"},
                 {50, "0.50"},
                 {120050, "1,200.50"},
                 {99999, "999.99"},
                 {100000000, "1,000,000.00"},
                 {12345678901, "123,456,789.01"}};
    for (size_t i = 0; i < sizeof(money) / sizeof(money[0]); i++) {
        rp_record_set_int(&r, RP_DEAL_VALUE_CENTS, money[i].cents);
        format_is(&r, RP_DEAL_VALUE_CENTS, money[i].text);
    }
    rp_record_set_int(&r, RP_DEAL_DECISION_BY, D_2026_11_23);
    format_is(&r, RP_DEAL_DECISION_BY, "2026-11-23");
    rp_record_set_int(&r, RP_DEAL_OPENED_AT, NOON + 5 * 60);
    format_is(&r, RP_DEAL_OPENED_AT, "2026-11-23 12:05");
    format_is(&r, RP_DEAL_CLOSED_AT, "");
    cr_assert_eq(rp_tz_set("Asia/Tokyo"), 0);
    format_is(&r, RP_DEAL_OPENED_AT, "2026-11-23 21:05");
    rp_record_release(&r);
    must(rp_record_init(&r, RP_CONTACT));
    rp_record_set_int(&r, RP_CONTACT_PRIMARY, 1);
    format_is(&r, RP_CONTACT_PRIMARY, "yes");
    rp_record_set_int(&r, RP_CONTACT_PRIMARY, 0);
    format_is(&r, RP_CONTACT_PRIMARY, "no");
    rp_record_release(&r);
}

/* ---- creating, reading, changing, deleting -------------------------------------------- */

Test(crud, create_fills_defaults)
{
    int64_t id = make(RP_ACCOUNT, "name", "Acme", NULL);
    cr_assert_eq(id, 1);
    struct rp_record a;
    get(RP_ACCOUNT, id, &a);
    cr_assert_str_eq(rp_record_str(&a, RP_ACCOUNT_STYLE), "standard");
    cr_assert_str_eq(rp_record_str(&a, RP_ACCOUNT_STATUS), "prospect");
    cr_assert_eq(rp_record_int(&a, RP_ACCOUNT_HOLD_UNLESS_INBOUND, -1), 0);
    cr_assert_eq(rp_record_int(&a, RP_ACCOUNT_CREATED_AT, -1), NOON);
    cr_assert_eq(rp_record_int(&a, RP_ACCOUNT_UPDATED_AT, -1), NOON);
    rp_record_release(&a);
    /* The currency setting is the default of new deals and invoices. */
    int64_t d1 = make(RP_DEAL, "account_id", "1", "title", "d1", NULL);
    must(rp_config_set(db, "currency", "chf"));
    int64_t d2 = make(RP_DEAL, "account_id", "1", "title", "d2", NULL);
    int64_t inv =
        make(RP_INVOICE, "account_id", "1", "amount_cents", "10", "due_on", "2026-12-01", NULL);
    struct rp_record d, i;
    get(RP_DEAL, d1, &d);
    cr_assert_str_eq(rp_record_str(&d, RP_DEAL_CURRENCY), "USD");
    cr_assert_str_eq(rp_record_str(&d, RP_DEAL_STAGE), "lead");
    cr_assert_eq(rp_record_int(&d, RP_DEAL_VALUE_CENTS, -1), 0);
    rp_record_release(&d);
    get(RP_DEAL, d2, &d);
    cr_assert_str_eq(rp_record_str(&d, RP_DEAL_CURRENCY), "CHF");
    rp_record_release(&d);
    get(RP_INVOICE, inv, &i);
    cr_assert_str_eq(rp_record_str(&i, RP_INVOICE_CURRENCY), "CHF");
    rp_record_release(&i);
    /* Opening a deal is the first line of its history. */
    history_is(RP_DEAL, d1, "stage:->lead:opened");
    /* An agreement is made today by default; an activity happens now. */
    int64_t g = make(RP_AGREEMENT, "deal_id", "1", "due_on", "2026-12-01", NULL);
    int64_t act = make(RP_ACTIVITY, "deal_id", "1", "kind", "note", "direction", "none", NULL);
    get(RP_AGREEMENT, g, &i);
    cr_assert_eq(rp_record_int(&i, RP_AGREEMENT_MADE_ON, -1), D_2026_11_23);
    cr_assert_str_eq(rp_record_str(&i, RP_AGREEMENT_STATUS), "open");
    cr_assert_eq(rp_record_int(&i, RP_AGREEMENT_ACCOUNT_ID, -1), 1);
    rp_record_release(&i);
    get(RP_ACTIVITY, act, &i);
    cr_assert_eq(rp_record_int(&i, RP_ACTIVITY_AT, -1), NOON);
    rp_record_release(&i);
}

static enum rp_status create(enum rp_kind_id kind, const char *f1, const char *v1, const char *f2,
                             const char *v2)
{
    struct rp_record r;
    must(rp_record_init(&r, kind));
    if (f1)
        must(rp_record_set_text(db, &r, rp_kind_field(r.kind, f1), v1));
    if (f2)
        must(rp_record_set_text(db, &r, rp_kind_field(r.kind, f2), v2));
    enum rp_status rc = rp_create(db, &r);
    rp_record_release(&r);
    return rc;
}

Test(crud, create_checks_required_fields_and_references)
{
    make(RP_ACCOUNT, "name", "A1", NULL);
    make(RP_ACCOUNT, "name", "A2", NULL);
    make(RP_DEAL, "account_id", "2", "title", "In A2", NULL);
    failed(create(RP_CONTACT, "account_id", "1", NULL, NULL), RP_ERR_USAGE,
           "missing name for the contact (full name)", "name");
    failed(create(RP_CONTACT, "name", "X", NULL, NULL), RP_ERR_USAGE,
           "missing account or deal for the contact", "account_id");
    failed(create(RP_CONTACT, "name", "X", "account_id", "99"), RP_ERR_NOTFOUND,
           "account 99 not found", "id");
    failed(create(RP_MEETING, "deal_id", "1", "minutes", "60"), RP_ERR_USAGE,
           "missing at for the meeting (when it starts)", "at");
    failed(create(RP_ACTIVITY, "account_id", "1", "deal_id", "1"), RP_ERR_INVALID,
           "deal 1 belongs to another account (account 2, not 1)", "deal_id");
    cr_assert_eq(count(RP_CONTACT), 0);
    cr_assert_eq(count(RP_MEETING), 0);
    cr_assert_eq(count(RP_ACTIVITY), 0);
    /* A deal implies its account. */
    int64_t act = make(RP_ACTIVITY, "deal_id", "1", "kind", "call", "direction", "out", NULL);
    struct rp_record a;
    get(RP_ACTIVITY, act, &a);
    cr_assert_eq(rp_record_int(&a, RP_ACTIVITY_ACCOUNT_ID, -1), 2);
    rp_record_release(&a);
}

Test(crud, get_and_list)
{
    struct rp_record r;
    failed(rp_get(db, RP_DEAL, 7, &r), RP_ERR_NOTFOUND, "deal 7 not found", "id");
    make(RP_ACCOUNT, "name", "A", "trigger", "referral", NULL);
    make(RP_ACCOUNT, "name", "B", "trigger", "inbound", NULL);
    make(RP_ACCOUNT, "name", "C", "trigger", "referral", NULL);
    struct rp_records list = {0};
    struct rp_filter by_trigger = {RP_ACCOUNT_TRIGGER, "referral"};
    struct rp_query q = {RP_ACCOUNT, &by_trigger, 1, -1, 1, 0, 0};
    must(rp_list(db, &q, &list));
    cr_assert_eq(list.n, 2);
    cr_assert_str_eq(rp_record_str(&list.items[0], RP_ACCOUNT_NAME), "C");
    cr_assert_str_eq(rp_record_str(&list.items[1], RP_ACCOUNT_NAME), "A");
    rp_records_release(&list);
    q = (struct rp_query){RP_ACCOUNT, NULL, 0, RP_ACCOUNT_NAME, 0, 1, 1};
    must(rp_list(db, &q, &list));
    cr_assert_eq(list.n, 1);
    cr_assert_str_eq(rp_record_str(&list.items[0], RP_ACCOUNT_NAME), "B");
    rp_records_release(&list);
    /* A filter is parsed like the field: a bad one is an error, not an empty list. */
    struct rp_filter bad = {RP_ACCOUNT_TRIGGER, "moved"};
    q = (struct rp_query){RP_ACCOUNT, &bad, 1, -1, 0, 0, 0};
    cr_assert_eq(rp_list(db, &q, &list), RP_ERR_INVALID);
    cr_assert_eq(list.n, 0);
}

Test(crud, update_stamps_and_keeps_status_history)
{
    int64_t id = make(RP_ACCOUNT, "name", "A", NULL);
    struct rp_record a;
    unsigned char changed[RP_ACCOUNT_NFIELDS] = {0};
    get(RP_ACCOUNT, id, &a);
    must(rp_record_set_text(db, &a, RP_ACCOUNT_NAME, "A renamed"));
    must(rp_record_set_text(db, &a, RP_ACCOUNT_STATUS, "former"));
    changed[RP_ACCOUNT_NAME] = changed[RP_ACCOUNT_STATUS] = 1;
    rp_db_set_now(db, NOON + DAY);
    must(rp_update(db, &a, changed));
    rp_record_release(&a);
    get(RP_ACCOUNT, id, &a);
    cr_assert_str_eq(rp_record_str(&a, RP_ACCOUNT_NAME), "A renamed");
    cr_assert_eq(rp_record_int(&a, RP_ACCOUNT_UPDATED_AT, -1), NOON + DAY);
    cr_assert_eq(rp_record_int(&a, RP_ACCOUNT_CREATED_AT, -1), NOON);
    rp_record_release(&a);
    history_is(RP_ACCOUNT, id, "status:prospect>former:edited");
}

Test(crud, one_primary_contact_per_account)
{
    make(RP_ACCOUNT, "name", "A", NULL);
    int64_t c1 = make(RP_CONTACT, "account_id", "1", "name", "c1", "primary", "yes", NULL);
    int64_t c2 = make(RP_CONTACT, "account_id", "1", "name", "c2", "primary", "yes", NULL);
    struct rp_record c;
    get(RP_CONTACT, c1, &c);
    cr_assert_eq(rp_record_int(&c, RP_CONTACT_PRIMARY, -1), 0);
    rp_record_release(&c);
    get(RP_CONTACT, c2, &c);
    cr_assert_eq(rp_record_int(&c, RP_CONTACT_PRIMARY, -1), 1);
    rp_record_release(&c);
}

Test(crud, delete_refuses_dependents_unless_forced)
{
    make(RP_ACCOUNT, "name", "A", NULL);
    make(RP_ACCOUNT, "name", "B", NULL);
    make(RP_CONTACT, "account_id", "1", "name", "c", NULL);
    make(RP_DEAL, "account_id", "1", "title", "d", NULL);
    make(RP_DEAL, "account_id", "1", "title", "e", NULL);
    make(RP_AGREEMENT, "deal_id", "1", "due_on", "2026-12-01", NULL);
    make(RP_CLAIM, "deal_id", "1", "text", "we are bound", NULL);
    failed(rp_delete(db, RP_ACCOUNT, 1, 0), RP_ERR_CONFLICT,
           "account 1 still has 1 contact, 2 deals (use --force to delete them with it)", "id");
    failed(rp_delete(db, RP_DEAL, 1, 0), RP_ERR_CONFLICT,
           "deal 1 still has 1 agreement, 1 claim (use --force to delete them with it)", "id");
    failed(rp_delete(db, RP_ACCOUNT, 9, 1), RP_ERR_NOTFOUND, "account 9 not found", "id");
    cr_assert_eq(count(RP_DEAL), 2);
    must(rp_delete(db, RP_DEAL, 2, 0));
    must(rp_delete(db, RP_ACCOUNT, 1, 1));
    cr_assert_eq(count(RP_ACCOUNT), 1);
    cr_assert_eq(count(RP_CONTACT) + count(RP_DEAL) + count(RP_AGREEMENT) + count(RP_CLAIM), 0);
}

/* ---- transactions ------------------------------------------------------------------- */

Test(crud, rollback_leaves_nothing)
{
    must(rp_db_begin(db));
    make(RP_ACCOUNT, "name", "A", NULL);
    make(RP_DEAL, "account_id", "1", "title", "d", NULL);
    must(rp_config_set(db, "currency", "EUR"));
    cr_assert_eq(count(RP_DEAL), 1);
    rp_db_rollback(db);
    cr_assert_eq(count(RP_ACCOUNT) + count(RP_DEAL) + count(RP_HISTORY), 0);
    char *cur;
    must(rp_config_get(db, "currency", &cur));
    cr_assert_str_eq(cur, "USD");
    free(cur);
}

Test(crud, a_failing_verb_in_a_transaction_leaves_nothing)
{
    make(RP_ACCOUNT, "name", "A", NULL);
    make(RP_ACCOUNT, "name", "B", NULL);
    int64_t mine = make(RP_CONTACT, "account_id", "1", "name", "mine", NULL);
    int64_t theirs = make(RP_CONTACT, "account_id", "2", "name", "theirs", NULL);
    make(RP_DEAL, "account_id", "1", "title", "d", NULL);
    size_t history_before = count(RP_HISTORY);

    /* The meeting is written before its second attendee is found to be someone else's. */
    struct rp_record m;
    int64_t attendees[] = {mine, theirs};
    int short_by = -1;
    must(rp_db_begin(db));
    must(rp_record_init(&m, RP_MEETING));
    must(rp_record_set_text(db, &m, RP_MEETING_DEAL_ID, "1"));
    must(rp_record_set_text(db, &m, RP_MEETING_AT, "2026-12-01T10:00:00Z"));
    must(rp_record_set_text(db, &m, RP_MEETING_MINUTES, "60"));
    must(rp_record_set_text(db, &m, RP_MEETING_KIND, "intro"));
    failed(rp_meeting_add(db, &m, attendees, 2, &short_by), RP_ERR_INVALID,
           "contact 2 belongs to another account", "contact_id");
    cr_assert_eq(count(RP_MEETING), 1);
    rp_db_rollback(db);
    rp_record_release(&m);
    cr_assert_eq(count(RP_MEETING), 0);
    int64_t *ids = NULL;
    size_t n = 9;
    must(rp_meeting_attendees(db, 1, &ids, &n));
    cr_assert_eq(n, 0);
    free(ids);

    /* A reschedule whose old meeting is not planned any more books nothing. */
    int64_t first = 0;
    must(rp_db_begin(db));
    must(rp_record_init(&m, RP_MEETING));
    must(rp_record_set_text(db, &m, RP_MEETING_DEAL_ID, "1"));
    must(rp_record_set_text(db, &m, RP_MEETING_AT, "2026-12-01T10:00:00Z"));
    must(rp_record_set_text(db, &m, RP_MEETING_MINUTES, "60"));
    must(rp_record_set_text(db, &m, RP_MEETING_KIND, "intro"));
    must(rp_meeting_add(db, &m, attendees, 1, &short_by));
    first = m.v[0].i;
    must(rp_meeting_set_status(db, first, "cancelled"));
    must(rp_db_commit(db));
    rp_record_release(&m);
    size_t meetings = count(RP_MEETING), history_now = count(RP_HISTORY);
    int64_t new_id = 0;
    /* (An id given out in a transaction rolled back stays used on PostgreSQL.) */
    char msg[64];
    snprintf(msg, sizeof(msg), "meeting %lld is cancelled, not planned", (long long)first);
    must(rp_db_begin(db));
    failed(rp_meeting_reschedule(db, first, NOON + 3 * DAY, 0, &new_id, &short_by), RP_ERR_CONFLICT,
           msg, "status");
    rp_db_rollback(db);
    cr_assert_eq(count(RP_MEETING), meetings);
    cr_assert_eq(count(RP_HISTORY), history_now);
    cr_assert_eq(history_now, history_before + 1);
}

/* ---- the verbs ----------------------------------------------------------------------- */

static void status_is(enum rp_kind_id kind, int64_t id, int f, const char *want)
{
    struct rp_record r;
    get(kind, id, &r);
    cr_assert_str_eq(rp_record_str(&r, f), want, "%s %lld", rp_kind_get(kind)->name, (long long)id);
    rp_record_release(&r);
}

Test(verbs, agreements_supersede_and_closed_deals_refuse)
{
    make(RP_ACCOUNT, "name", "A", NULL);
    make(RP_DEAL, "account_id", "1", "title", "d1", NULL);
    make(RP_DEAL, "account_id", "1", "title", "d2", NULL);
    int64_t g1 = make(RP_AGREEMENT, "deal_id", "1", "due_on", "2026-11-26", NULL);
    int64_t other = make(RP_AGREEMENT, "deal_id", "2", "due_on", "2026-11-26", NULL);
    int64_t g2 = make(RP_AGREEMENT, "deal_id", "1", "due_on", "2026-11-27", NULL);
    status_is(RP_AGREEMENT, g1, RP_AGREEMENT_STATUS, "superseded");
    status_is(RP_AGREEMENT, g2, RP_AGREEMENT_STATUS, "open");
    status_is(RP_AGREEMENT, other, RP_AGREEMENT_STATUS, "open");
    struct rp_record d;
    unsigned char changed[RP_DEAL_NFIELDS] = {0};
    get(RP_DEAL, 2, &d);
    must(rp_record_set_str(&d, RP_DEAL_STAGE, "won"));
    changed[RP_DEAL_STAGE] = 1;
    must(rp_update(db, &d, changed));
    rp_record_release(&d);
    struct rp_record g;
    must(rp_record_init(&g, RP_AGREEMENT));
    must(rp_record_set_text(db, &g, RP_AGREEMENT_DEAL_ID, "2"));
    must(rp_record_set_text(db, &g, RP_AGREEMENT_DUE_ON, "2026-12-01"));
    failed(rp_agreement_add(db, &g), RP_ERR_CONFLICT,
           "deal 2 is closed (won; reopen it with 'rapport deal stage 2 <stage>')", "deal_id");
    rp_record_release(&g);
    status_is(RP_AGREEMENT, other, RP_AGREEMENT_STATUS, "open");
}

Test(verbs, two_way_contact_keeps_agreements_due_by_then)
{
    make(RP_ACCOUNT, "name", "A", NULL);
    make(RP_DEAL, "account_id", "1", "title", "d", NULL);
    int64_t g = make(RP_AGREEMENT, "deal_id", "1", "due_on", "2026-11-26", NULL);
    /* Touches are not two-way contact. */
    make(RP_ACTIVITY, "deal_id", "1", "kind", "call", "direction", "out", "outcome", "no-answer",
         "at", "2026-11-26T09:00:00Z", NULL);
    make(RP_ACTIVITY, "deal_id", "1", "kind", "email", "direction", "out", "at",
         "2026-11-26T10:00:00Z", NULL);
    make(RP_ACTIVITY, "deal_id", "1", "kind", "note", "direction", "none", "at",
         "2026-11-27T10:00:00Z", NULL);
    /* Two-way, but before the agreed day. */
    make(RP_ACTIVITY, "deal_id", "1", "kind", "call", "direction", "out", "outcome", "connected",
         "at", "2026-11-25T09:00:00Z", NULL);
    status_is(RP_AGREEMENT, g, RP_AGREEMENT_STATUS, "open");
    make(RP_ACTIVITY, "deal_id", "1", "kind", "meeting", "direction", "out", "outcome", "held",
         "at", "2026-11-26T16:00:00Z", NULL);
    status_is(RP_AGREEMENT, g, RP_AGREEMENT_STATUS, "kept");
    struct rp_record r;
    get(RP_AGREEMENT, g, &r);
    cr_assert_eq(rp_record_int(&r, RP_AGREEMENT_CLOSED_AT, -1), NOON);
    rp_record_release(&r);
    /* Inbound counts whatever its outcome. */
    int64_t g2 = make(RP_AGREEMENT, "deal_id", "1", "due_on", "2026-11-30", NULL);
    make(RP_ACTIVITY, "deal_id", "1", "kind", "email", "direction", "in", "at",
         "2026-12-01T08:00:00Z", NULL);
    status_is(RP_AGREEMENT, g2, RP_AGREEMENT_STATUS, "kept");
}

Test(verbs, inbound_lifts_an_unless_inbound_hold)
{
    make(RP_ACCOUNT, "name", "Unless", NULL);
    make(RP_ACCOUNT, "name", "Plain", NULL);
    must(rp_account_hold(db, 1, D_2026_11_23 + 21, 1, "not before the 14th unless he calls"));
    must(rp_account_hold(db, 2, D_2026_11_23 + 21, 0, NULL));
    make(RP_ACTIVITY, "account_id", "1", "kind", "call", "direction", "out", "outcome", "connected",
         NULL);
    make(RP_ACTIVITY, "account_id", "2", "kind", "call", "direction", "in", NULL);
    struct rp_record a;
    get(RP_ACCOUNT, 1, &a);
    cr_assert_eq(rp_record_int(&a, RP_ACCOUNT_HOLD_UNTIL, -1), D_2026_11_23 + 21);
    rp_record_release(&a);
    get(RP_ACCOUNT, 2, &a);
    cr_assert_eq(rp_record_int(&a, RP_ACCOUNT_HOLD_UNTIL, -1), D_2026_11_23 + 21);
    rp_record_release(&a);
    rp_db_set_now(db, NOON + 2 * DAY);
    int64_t act = make(RP_ACTIVITY, "account_id", "1", "kind", "email", "direction", "in", NULL);
    get(RP_ACCOUNT, 1, &a);
    cr_assert_eq(a.v[RP_ACCOUNT_HOLD_UNTIL].set, 0);
    cr_assert_eq(rp_record_int(&a, RP_ACCOUNT_HOLD_UNLESS_INBOUND, -1), 0);
    cr_assert_null(rp_record_str(&a, RP_ACCOUNT_HOLD_REASON));
    rp_record_release(&a);
    char want[256];
    snprintf(want, sizeof(want),
             "hold:->2026-12-14:not before the 14th unless he calls|"
             "hold:2026-12-14>-:lifted by inbound email on 2026-11-25 (activity %lld)",
             (long long)act);
    history_is(RP_ACCOUNT, 1, want);
    history_is(RP_ACCOUNT, 2, "hold:->2026-12-14:-");
}

Test(verbs, holds)
{
    make(RP_ACCOUNT, "name", "A", NULL);
    make(RP_DEAL, "account_id", "1", "title", "d", NULL);
    failed(rp_account_hold(db, 1, D_2026_11_23, 0, NULL), RP_ERR_INVALID,
           "hold date 2026-11-23 is not after today", "until");
    failed(rp_account_hold(db, 1, -1, 0, NULL), RP_ERR_CONFLICT, "account 1 has no hold to lift",
           "until");
    failed(rp_deal_hold(db, 1, D_2026_11_23 - 3, NULL), RP_ERR_INVALID,
           "hold date 2026-11-20 is not after today", "until");
    failed(rp_deal_hold(db, 9, D_2026_11_23 + 3, NULL), RP_ERR_NOTFOUND, "deal 9 not found", "id");
    must(rp_deal_hold(db, 1, D_2026_11_23 + 40, "budget frozen"));
    must(rp_deal_hold(db, 1, -1, "they called"));
    history_is(RP_DEAL, 1,
               "stage:->lead:opened|hold:->2027-01-02:budget frozen|"
               "hold:2027-01-02>-:they called");
}

Test(verbs, meetings)
{
    make(RP_ACCOUNT, "name", "A", NULL);
    int64_t c1 = make(RP_CONTACT, "account_id", "1", "name", "c1", NULL);
    int64_t c2 = make(RP_CONTACT, "account_id", "1", "name", "c2", NULL);
    make(RP_DEAL, "account_id", "1", "title", "d", NULL);
    struct rp_record m;
    int64_t attendees[] = {c2, c1};
    int short_by = -1;
    must(rp_record_init(&m, RP_MEETING));
    must(rp_record_set_text(db, &m, RP_MEETING_DEAL_ID, "1"));
    must(rp_record_set_text(db, &m, RP_MEETING_AT, "2026-11-30T09:00:00Z"));
    must(rp_record_set_text(db, &m, RP_MEETING_MINUTES, "30"));
    must(rp_record_set_text(db, &m, RP_MEETING_KIND, "intro"));
    must(rp_meeting_add(db, &m, attendees, 2, &short_by));
    cr_assert_eq(short_by, 30);
    cr_assert_str_eq(rp_record_str(&m, RP_MEETING_STATUS), "planned");
    cr_assert_eq(rp_record_int(&m, RP_MEETING_ACCOUNT_ID, -1), 1);
    int64_t first = m.v[0].i;
    rp_record_release(&m);
    cr_assert_eq(rp_meeting_minutes_needed("discovery"), 45);
    cr_assert_eq(rp_meeting_minutes_needed("nonsense"), 0);

    int64_t next = 0;
    rp_db_set_now(db, NOON + DAY);
    must(rp_meeting_reschedule(db, first, NOON + 10 * DAY, 60, &next, &short_by));
    cr_assert_eq(short_by, 0);
    cr_assert_neq(next, first);
    status_is(RP_MEETING, first, RP_MEETING_STATUS, "rescheduled");
    get(RP_MEETING, next, &m);
    cr_assert_str_eq(rp_record_str(&m, RP_MEETING_STATUS), "planned");
    cr_assert_str_eq(rp_record_str(&m, RP_MEETING_KIND), "intro");
    cr_assert_eq(rp_record_int(&m, RP_MEETING_MINUTES, -1), 60);
    cr_assert_eq(rp_record_int(&m, RP_MEETING_AT, -1), NOON + 10 * DAY);
    rp_record_release(&m);
    int64_t *ids = NULL;
    size_t n = 0;
    must(rp_meeting_attendees(db, next, &ids, &n));
    cr_assert(n == 2 && ids[0] == c1 && ids[1] == c2);
    free(ids);
    get(RP_MEETING, first, &m);
    cr_assert_eq(rp_record_int(&m, RP_MEETING_UPDATED_AT, -1), NOON + DAY);
    rp_record_release(&m);
    char want[96];
    snprintf(want, sizeof(want), "status:planned>rescheduled:moved to meeting %lld",
             (long long)next);
    history_is(RP_MEETING, first, want);

    must(rp_meeting_set_status(db, next, "no-show"));
    failed(rp_meeting_set_status(db, next, "held"), RP_ERR_CONFLICT,
           "meeting 2 is no-show, not planned", "status");
    history_is(RP_MEETING, next, "status:planned>no-show:-");
}

Test(verbs, claims)
{
    make(RP_ACCOUNT, "name", "A", NULL);
    make(RP_DEAL, "account_id", "1", "title", "d", NULL);
    int64_t c = make(RP_CLAIM, "deal_id", "1", "text", "we have a binding contract", NULL);
    status_is(RP_CLAIM, c, RP_CLAIM_STATUS, "unverified");
    must(rp_claim_set_status(db, c, "clarified", "ends in June, 3 months notice"));
    must(rp_claim_set_status(db, c, "verified", NULL));
    struct rp_record r;
    get(RP_CLAIM, c, &r);
    cr_assert_str_eq(rp_record_str(&r, RP_CLAIM_STATUS), "verified");
    cr_assert_str_eq(rp_record_str(&r, RP_CLAIM_NOTE), "ends in June, 3 months notice");
    rp_record_release(&r);
    history_is(RP_CLAIM, c,
               "status:unverified>clarified:ends in June, 3 months notice|"
               "status:clarified>verified:-");
    failed(rp_claim_set_status(db, 9, "verified", NULL), RP_ERR_NOTFOUND, "claim 9 not found",
           "id");
    failed(rp_claim_set_status(db, c, "contradicted", "bad\x01"), RP_ERR_INVALID,
           "invalid note (not UTF-8 text, or it holds control characters)", "note");
}

Test(verbs, deal_stages_and_reopening)
{
    make(RP_ACCOUNT, "name", "A", NULL);
    int64_t d = make(RP_DEAL, "account_id", "1", "title", "d", NULL);
    must(rp_deal_set_stage(db, d, "proposal", "offer sent"));
    failed(rp_deal_set_stage(db, d, "proposal", NULL), RP_ERR_CONFLICT,
           "deal 1 is already at stage proposal", "stage");
    failed(rp_deal_set_stage(db, 9, "lead", NULL), RP_ERR_NOTFOUND, "deal 9 not found", "id");
    /* Closed by hand here; reopening clears what the close said. */
    struct rp_record r;
    unsigned char changed[RP_DEAL_NFIELDS] = {0};
    get(RP_DEAL, d, &r);
    must(rp_record_set_str(&r, RP_DEAL_STAGE, "lost"));
    must(rp_record_set_text(db, &r, RP_DEAL_CLOSE_REASON, "price"));
    must(rp_record_set_text(db, &r, RP_DEAL_CLOSE_NOTE, "too dear"));
    rp_record_set_int(&r, RP_DEAL_CLOSED_AT, NOON);
    changed[RP_DEAL_STAGE] = changed[RP_DEAL_CLOSE_REASON] = changed[RP_DEAL_CLOSE_NOTE] = 1;
    changed[RP_DEAL_CLOSED_AT] = 1;
    must(rp_update(db, &r, changed));
    rp_record_release(&r);
    must(rp_deal_set_stage(db, d, "negotiation", "they came back"));
    get(RP_DEAL, d, &r);
    cr_assert_str_eq(rp_record_str(&r, RP_DEAL_STAGE), "negotiation");
    cr_assert_eq(r.v[RP_DEAL_CLOSE_REASON].set + r.v[RP_DEAL_CLOSE_NOTE].set +
                     r.v[RP_DEAL_CLOSED_AT].set,
                 0);
    rp_record_release(&r);
    history_is(RP_DEAL, d,
               "stage:->lead:opened|stage:lead>proposal:offer sent|"
               "stage:proposal>lost:edited|stage:lost>negotiation:they came back");
    cr_assert(rp_stage_is_open("negotiation") && !rp_stage_is_open("won") &&
              !rp_stage_is_open("nonsense"));
}

Test(verbs, invoices_and_checkins)
{
    make(RP_ACCOUNT, "name", "A", NULL);
    int64_t inv =
        make(RP_INVOICE, "account_id", "1", "amount_cents", "1,200", "due_on", "2026-12-01", NULL);
    must(rp_invoice_paid(db, inv, D_2026_11_23));
    failed(rp_invoice_paid(db, inv, D_2026_11_23 + 1), RP_ERR_CONFLICT,
           "invoice 1 was already paid on 2026-11-23", "id");
    failed(rp_invoice_paid(db, 5, D_2026_11_23), RP_ERR_NOTFOUND, "invoice 5 not found", "id");
    struct rp_record r;
    get(RP_INVOICE, inv, &r);
    cr_assert_eq(rp_record_int(&r, RP_INVOICE_PAID_ON, -1), D_2026_11_23);
    cr_assert_eq(rp_record_int(&r, RP_INVOICE_AMOUNT_CENTS, -1), 120000);
    rp_record_release(&r);
    must(rp_account_checkin(db, 1, 30));
    get(RP_ACCOUNT, 1, &r);
    cr_assert_eq(rp_record_int(&r, RP_ACCOUNT_CHECKIN_DAYS, -1), 30);
    rp_record_release(&r);
    must(rp_account_checkin(db, 1, 0));
    get(RP_ACCOUNT, 1, &r);
    cr_assert_eq(r.v[RP_ACCOUNT_CHECKIN_DAYS].set, 0);
    rp_record_release(&r);
}

/* ---- settings ------------------------------------------------------------------------ */

static void setting_is(const char *key, const char *want)
{
    char *v = NULL;
    must(rp_config_get(db, key, &v));
    cr_assert_str_eq(v, want, "%s: got '%s', want '%s'", key, v, want);
    free(v);
}

Test(config, defaults_set_and_reset)
{
    setting_is("currency", "USD");
    setting_is("grace.standard", "1");
    setting_is("push.silence-days", "14");
    setting_is("smtp.url", "");
    int64_t n = -1;
    must(rp_config_int(db, "decision.window-days", &n));
    cr_assert_eq(n, 90);
    must(rp_config_set(db, "grace.standard", "2"));
    setting_is("grace.standard", "2");
    must(rp_config_set(db, "currency", "eur"));
    setting_is("currency", "EUR");
    must(rp_config_set(db, "tz", "Europe/Berlin"));
    setting_is("tz", "Europe/Berlin");
    must(rp_config_set(db, "grace.standard", NULL));
    setting_is("grace.standard", "1");
    must(rp_config_set(db, "currency", ""));
    setting_is("currency", "USD");
    must(rp_config_set(db, "tz", NULL));
    size_t known = 0;
    for (const struct rp_setting *s = rp_settings(); s->key; s++, known++)
        setting_is(s->key, s->def);
    cr_assert_eq(known, 40);
}

Test(config, bad_keys_and_values)
{
    char *v = NULL;
    failed(rp_config_get(db, "grace", &v), RP_ERR_INVALID,
           "unknown setting 'grace' (see 'rapport config get')", "key");
    cr_assert_null(v);
    failed(rp_config_set(db, "nonsense", "1"), RP_ERR_INVALID,
           "unknown setting 'nonsense' (see 'rapport config get')", "key");
    failed(rp_config_set(db, "grace.direct", "-1"), RP_ERR_INVALID,
           "invalid value '-1' for grace.direct (days after an agreed date before a direct "
           "customer is reminded)",
           "grace.direct");
    failed(rp_config_set(db, "noshow.days", "3651"), RP_ERR_INVALID,
           "invalid value '3651' for noshow.days (days a no-show stays on the agenda)",
           "noshow.days");
    failed(rp_config_set(db, "currency", "EURO"), RP_ERR_INVALID,
           "invalid value 'EURO' for currency (currency of new deals and invoices)", "currency");
    failed(rp_config_set(db, "smtp.from", "me"), RP_ERR_INVALID,
           "invalid value 'me' for smtp.from (your sender address)", "smtp.from");
    failed(rp_config_set(db, "smtp.url", "http://x"), RP_ERR_INVALID,
           "invalid value 'http://x' for smtp.url (mail server for push send, smtp://host:port "
           "or smtps://)",
           "smtp.url");
    failed(rp_config_set(db, "tz", "Mars/Olympus"), RP_ERR_INVALID,
           "invalid value 'Mars/Olympus' for tz (your time zone, e.g. Europe/Berlin (default: "
           "the system's))",
           "tz");
    setting_is("grace.direct", "0");
    setting_is("currency", "USD");
}
