/* Tests for the JSON written straight from the statement (rp_list_json, rp_get_json): for
 * every kind of record of a seeded book, with free text full of what JSON must escape
 * (control characters, quotes, backslashes), non-ASCII UTF-8 and a byte that is not UTF-8,
 * a page is exactly the records read into rp_record and written by rp_record_write_json,
 * the answer the server gave before, and a record by id likewise. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "base/date.h"
#include "core/db.h"
#include "seed/seed.h"
#include "testutil.h"

#define NOON_2026_11_23 (INT64_C(20780) * 86400 + 12 * 3600) /* a Monday */

static const char tricky[] = "ctl \x01\x1f\x7f \"quoted\" back\\slash /\n\r\t\b\f "
                             "M\xC3\xBCller \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80 "
                             "\xE2\x80\xA8 bad\xFF byte";
/* PostgreSQL refuses to store text that is not UTF-8: there, the text stops before it. */
#define TRICKY_UTF8_LEN (sizeof(tricky) - sizeof(" bad\xFF byte"))

static char *dir;
static struct rp_db *db;

static void rows_setup(void)
{
    cr_assert_eq(rp_tz_set("UTC"), 0);
    dir = tu_tmpdir();
    char *path = tu_database(dir, "book.db");
    cr_assert_eq(rp_db_open(path, &db), RP_OK, "open %s: %s", path, db ? rp_db_errmsg(db) : "");
    free(path);
    rp_db_set_now(db, NOON_2026_11_23);
    struct rp_seed_options o = {6, 7, 2};
    struct rp_seed_counts counts;
    cr_assert_eq(rp_seed(db, &o, &counts, NULL, NULL), RP_OK, "seed: %s", rp_db_errmsg(db));
}

static void rows_teardown(void)
{
    rp_db_close(db);
    tu_rmtree(dir);
    free(dir);
}

TestSuite(json_rows, .init = rows_setup, .fini = rows_teardown, .timeout = 120);

static void list_all(enum rp_kind_id kind, struct rp_records *out)
{
    struct rp_query q = {kind, NULL, 0, -1, 0, 0, 0};
    *out = (struct rp_records){0};
    cr_assert_eq(rp_list(db, &q, out), RP_OK, "list: %s", rp_db_errmsg(db));
}

/* Gives every free-text field of the first record of KIND (when there is one) the tricky
 * text, as stored, past the validation of the verbs. */
static void make_tricky(enum rp_kind_id kind)
{
    struct rp_records list;
    list_all(kind, &list);
    if (list.n) {
        struct rp_record *rec = &list.items[0];
        unsigned char changed[64] = {0};
        for (size_t f = 0; f < rec->kind->nfields; f++) {
            if (rec->kind->fields[f].type != RP_T_TEXT && rec->kind->fields[f].type != RP_T_NAME)
                continue;
            char text[sizeof(tricky)];
            snprintf(text, sizeof(text), "%.*s",
                     tu_pg() ? (int)TRICKY_UTF8_LEN : (int)sizeof(tricky), tricky);
            cr_assert_eq(rp_record_set_str(rec, (int)f, text), RP_OK);
            changed[f] = 1;
        }
        cr_assert_eq(rp_store_update(db->store, rec, changed), RP_OK, "%s", rp_db_errmsg(db));
    }
    rp_records_release(&list);
}

/* The records of KIND written one by one from rp_record, comma-separated. */
static char *by_records(enum rp_kind_id kind, size_t *n)
{
    struct rp_records list;
    struct rp_buf want = RP_BUF_INIT;
    list_all(kind, &list);
    for (size_t i = 0; i < list.n; i++) {
        if (i)
            cr_assert_eq(rp_buf_addc(&want, ','), RP_OK);
        cr_assert_eq(rp_record_write_json(&list.items[i], &want), RP_OK);
    }
    *n = list.n;
    rp_records_release(&list);
    return want.data ? rp_buf_detach(&want) : strdup("");
}

Test(json_rows, a_page_is_its_records_written_one_by_one_for_every_kind)
{
    for (int k = 0; k < RP_KIND_COUNT; k++)
        make_tricky((enum rp_kind_id)k);
    int tricky_seen = 0;
    for (int k = 0; k < RP_KIND_COUNT; k++) {
        enum rp_kind_id kind = (enum rp_kind_id)k;
        size_t want_n, n = 0;
        int64_t last = 0;
        char *want = by_records(kind, &want_n);
        struct rp_buf page = RP_BUF_INIT;
        struct rp_query q = {kind, NULL, 0, -1, 0, 0, 0};
        cr_assert_eq(rp_list_json(db, &q, SIZE_MAX, &page, &n, &last), RP_OK, "%s",
                     rp_db_errmsg(db));
        cr_assert_eq(n, want_n, "kind %s", rp_kind_get(kind)->name);
        cr_assert_str_eq(page.data ? page.data : "", want, "kind %s", rp_kind_get(kind)->name);
        tricky_seen += want_n && strstr(want, "\\u0001\\u001F\x7f \\\"quoted\\\" back\\\\slash") &&
                       (tu_pg() || strstr(want, "bad\xEF\xBF\xBD byte"));
        rp_buf_release(&page);
        free(want);
    }
    cr_assert_geq(tricky_seen, 8, "the tricky text was written escaped in most kinds");
}

Test(json_rows, a_page_stops_at_its_size_and_says_where)
{
    struct rp_records list;
    list_all(RP_CONTACT, &list);
    cr_assert_geq(list.n, 4);
    struct rp_buf page = RP_BUF_INIT, want = RP_BUF_INIT;
    struct rp_query q = {RP_CONTACT, NULL, 0, -1, 0, list.items[0].v[0].i, 4};
    size_t n = 0;
    int64_t last = 0;
    cr_assert_eq(rp_list_json(db, &q, 3, &page, &n, &last), RP_OK);
    cr_assert_eq(n, 4, "one row more than the page says there are more");
    cr_assert_eq(last, list.items[3].v[0].i);
    for (size_t i = 1; i < 4; i++) {
        if (i > 1)
            rp_buf_addc(&want, ',');
        rp_record_write_json(&list.items[i], &want);
    }
    cr_assert_str_eq(rp_buf_str(&page), rp_buf_str(&want));
    rp_buf_release(&page);
    rp_buf_release(&want);
    rp_records_release(&list);
}

Test(json_rows, a_record_by_id_is_the_record_written)
{
    for (int k = 0; k < RP_KIND_COUNT; k++)
        make_tricky((enum rp_kind_id)k);
    for (int k = 0; k < RP_KIND_COUNT; k++) {
        struct rp_records list;
        list_all((enum rp_kind_id)k, &list);
        for (size_t i = 0; i < list.n && i < 5; i++) {
            struct rp_buf got = RP_BUF_INIT, want = RP_BUF_INIT;
            cr_assert_eq(rp_buf_adds(&got, "before "), RP_OK);
            cr_assert_eq(rp_get_json(db, (enum rp_kind_id)k, list.items[i].v[0].i, &got), RP_OK);
            cr_assert_eq(rp_buf_adds(&want, "before "), RP_OK);
            cr_assert_eq(rp_record_write_json(&list.items[i], &want), RP_OK);
            cr_assert_str_eq(rp_buf_str(&got), rp_buf_str(&want), "kind %s",
                             rp_kind_get((enum rp_kind_id)k)->name);
            rp_buf_release(&got);
            rp_buf_release(&want);
        }
        rp_records_release(&list);
    }
}

Test(json_rows, a_record_out_of_scope_or_missing_leaves_the_text_as_it_was)
{
    struct rp_records accounts;
    list_all(RP_ACCOUNT, &accounts);
    int64_t other = 0;
    int64_t rep = rp_record_int(&accounts.items[0], RP_ACCOUNT_OWNER_ID, 0);
    for (size_t i = 0; i < accounts.n && !other; i++)
        if (rp_record_int(&accounts.items[i], RP_ACCOUNT_OWNER_ID, 0) != rep)
            other = accounts.items[i].v[0].i;
    cr_assert_neq(other, 0, "the book has two reps' accounts");
    cr_assert_eq(rp_db_act_as(db, rep), RP_OK);
    struct rp_buf got = RP_BUF_INIT;
    cr_assert_eq(rp_buf_adds(&got, "kept"), RP_OK);
    cr_assert_eq(rp_get_json(db, RP_ACCOUNT, other, &got), RP_ERR_NOTFOUND);
    cr_assert(rp_db_was_hidden(db));
    cr_assert_eq(rp_get_json(db, RP_ACCOUNT, 999999, &got), RP_ERR_NOTFOUND);
    cr_assert_str_eq(rp_buf_str(&got), "kept");
    cr_assert_eq(rp_get_json(db, RP_ACCOUNT, accounts.items[0].v[0].i, &got), RP_OK);
    rp_buf_release(&got);
    rp_records_release(&accounts);
}

/* Changes record ID of KIND through SET (given the record and the changed fields), then
 * checks that the page holding it, and the record by id, are the record written by
 * rp_record_write_json, and returns the page's text (free()). */
static char *page_after(enum rp_kind_id kind, void (*set)(struct rp_record *, unsigned char *))
{
    struct rp_records list;
    list_all(kind, &list);
    cr_assert_geq(list.n, 2);
    unsigned char changed[64] = {0};
    set(&list.items[0], changed);
    cr_assert_eq(rp_store_update(db->store, &list.items[0], changed), RP_OK, "%s",
                 rp_db_errmsg(db));
    rp_records_release(&list);
    size_t want_n, n = 0;
    int64_t last = 0;
    char *want = by_records(kind, &want_n);
    struct rp_buf page = RP_BUF_INIT;
    struct rp_query q = {kind, NULL, 0, -1, 0, 0, 0};
    cr_assert_eq(rp_list_json(db, &q, SIZE_MAX, &page, &n, &last), RP_OK, "%s", rp_db_errmsg(db));
    cr_assert_eq(n, want_n);
    cr_assert_str_eq(rp_buf_str(&page), want);
    free(want);
    return rp_buf_detach(&page);
}

static void awkward_account(struct rp_record *rec, unsigned char *changed)
{
    /* A value larger than the room a page reserves at first, made of what needs escapes. */
    size_t big = 300000;
    char *huge = malloc(big + 1);
    cr_assert_not_null(huge);
    for (size_t i = 0; i < big; i++)
        huge[i] = "a\"\\\n\x01\xC3\xBC"[i % 7];
    huge[big] = '\0'; /* it ends after a whole pattern's 'a': valid UTF-8, for PostgreSQL */
    cr_assert_eq(rp_record_set_str(rec, RP_ACCOUNT_NEED, huge), RP_OK);
    cr_assert_eq(rp_record_set_str(rec, RP_ACCOUNT_PROVIDER, ""), RP_OK);
    rp_record_set_int(rec, RP_ACCOUNT_HOLD_UNLESS_INBOUND, 1);
    rp_record_set_int(rec, RP_ACCOUNT_CHECKIN_DAYS, INT64_MAX);
    free(huge);
    changed[RP_ACCOUNT_NEED] = changed[RP_ACCOUNT_PROVIDER] = 1;
    changed[RP_ACCOUNT_HOLD_UNLESS_INBOUND] = changed[RP_ACCOUNT_CHECKIN_DAYS] = 1;
}

Test(json_rows, huge_empty_boolean_and_extreme_values_are_written_as_their_records)
{
    char *page = page_after(RP_ACCOUNT, awkward_account);
    cr_assert_not_null(strstr(page, "\"need\":\"a\\\"\\\\\\n\\u0001\xC3\xBC"
                                    "a\\\""));
    cr_assert_not_null(strstr(page, "\"provider\":\"\""));
    cr_assert_not_null(strstr(page, "\"hold_unless_inbound\":true"));
    cr_assert_not_null(strstr(page, "\"hold_unless_inbound\":false"));
    cr_assert_not_null(strstr(page, "\"checkin_days\":9223372036854775807"));
    cr_assert_not_null(strstr(page, "\"checkin_days\":null"));
    cr_assert_gt(strlen(page), 300000 * 2, "the escapes of the huge value are all there");
    free(page);
}

static void extreme_deal(struct rp_record *rec, unsigned char *changed)
{
    rp_record_set_int(rec, RP_DEAL_VALUE_CENTS, INT64_MIN);
    rp_record_clear(rec, RP_DEAL_COMPETITOR);
    changed[RP_DEAL_VALUE_CENTS] = changed[RP_DEAL_COMPETITOR] = 1;
}

Test(json_rows, the_smallest_integer_and_a_null_text_are_written_as_their_records)
{
    char *page = page_after(RP_DEAL, extreme_deal);
    cr_assert_not_null(strstr(page, "\"value_cents\":-9223372036854775808"));
    cr_assert_not_null(strstr(page, "\"competitor\":null"));
    free(page);
}
