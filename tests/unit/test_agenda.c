/* The agenda's reads together (core/agenda.c, store/store_agenda.c): the contacts and the
 * records its drafts are made from are read for many items at a time
 * (rp_store_records_in); every draft must be the one made for its item alone, from reads
 * of one record at a time (rp_draft_for without them), for the whole book and for a rep. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/json_out.h"
#include "core/db.h"
#include "core/drafts.h"
#include "seed/seed.h"
#include "store/store.h"
#include "testutil.h"

#define NOON_2026_11_23 (INT64_C(20780) * 86400 + 12 * 3600) /* a Monday */

static char *dir;

static void agenda_setup(void)
{
    cr_assert_eq(rp_tz_set("UTC"), 0);
    dir = tu_tmpdir();
}

static void agenda_teardown(void)
{
    tu_rmtree(dir);
    free(dir);
}

TestSuite(agenda, .init = agenda_setup, .fini = agenda_teardown, .timeout = 300);

static struct rp_db *opened(const char *path)
{
    struct rp_db *db;
    cr_assert_eq(rp_db_open(path, &db), RP_OK, "open %s: %s", path, db ? rp_db_errmsg(db) : "");
    rp_db_set_now(db, NOON_2026_11_23);
    return db;
}

/* A team's book of ACCOUNTS accounts and 3 reps, on the morning of 2026-11-23, in the
 * database PATH (NULL: a new one). */
static struct rp_db *seeded_in(const char *path, size_t accounts)
{
    char *made = path ? NULL : tu_database(dir, "agenda.db");
    struct rp_db *db = opened(path ? path : made);
    free(made);
    struct rp_seed_options o = {accounts, 4, 3};
    struct rp_seed_counts n;
    cr_assert_eq(rp_seed(db, &o, &n, NULL, NULL), RP_OK, "seed: %s", rp_db_errmsg(db));
    return db;
}

static struct rp_db *seeded(size_t accounts)
{
    return seeded_in(NULL, accounts);
}

static int strings_equal(char **a, size_t na, char **b, size_t nb)
{
    for (size_t i = 0; na == nb && i < na; i++)
        if (strcmp(a[i], b[i]))
            return 0;
    return na == nb;
}

/* Item IT's draft, made alone: no contacts, records or settings handed to it. */
static void expect_draft_alone(struct rp_db *db, const struct rp_agenda_item *it, const char *who)
{
    struct rp_draft alone;
    struct rp_draft_request req = {.kind = (enum rp_draft_kind)(it->draft_due - 1),
                                   .account_id = it->account_id,
                                   .deal_id = it->deal_id,
                                   .contact_id = it->contact_id,
                                   .ref_id = it->ref_id,
                                   .day = it->date,
                                   .won_on = -1};
    cr_assert_eq(rp_draft_for(db, &req, &alone), RP_OK, "%s %s: %s", who, it->id, rp_db_errmsg(db));
    cr_expect_str_eq(it->draft.subject, alone.subject, "%s %s: subject", who, it->id);
    cr_expect_str_eq(it->draft.body, alone.body, "%s %s: body", who, it->id);
    cr_expect(strings_equal(it->draft.to, it->draft.nto, alone.to, alone.nto), "%s %s: to", who,
              it->id);
    cr_expect(strings_equal(it->draft.cc, it->draft.ncc, alone.cc, alone.ncc), "%s %s: cc", who,
              it->id);
    rp_draft_release(&alone);
}

/* Every draft of a week's agenda as WHO sees it is the one made alone; the drafts of each
 * kind of record read together are among them. */
static void expect_drafts_alone(struct rp_db *db, const char *who)
{
    struct rp_agenda a;
    size_t by_ref[RP_KIND_COUNT + 1] = {0}, thanks = 0;
    cr_assert_eq(rp_agenda_build(db, rp_db_today(db), 7, &a), RP_OK, "%s: %s", who,
                 rp_db_errmsg(db));
    for (size_t i = 0; i < a.n; i++) {
        const struct rp_agenda_item *it = &a.items[i];
        if (!it->has_draft)
            continue;
        by_ref[rp_draft_ref_kind((enum rp_draft_kind)(it->draft_due - 1))]++;
        thanks += it->draft_due - 1 == RP_DRAFT_THANK_YOU;
        expect_draft_alone(db, it, who);
    }
    cr_expect_gt(by_ref[RP_AGREEMENT], 0, "%s: no follow-up drafts", who);
    cr_expect_gt(by_ref[RP_MEETING], 0, "%s: no meeting drafts", who);
    cr_expect_gt(by_ref[RP_INVOICE], 0, "%s: no payment drafts", who);
    cr_expect_gt(thanks, 0, "%s: no thank-you drafts", who);
    rp_agenda_release(&a);
}

Test(agenda, drafts_read_together_are_the_drafts_made_alone)
{
    struct rp_db *db = seeded(1000);
    expect_drafts_alone(db, "the whole book");
    cr_assert_eq(rp_db_act_as(db, 2), RP_OK, "%s", rp_db_errmsg(db));
    expect_drafts_alone(db, "rep 2");
    rp_db_close(db);
}

/* Records read together are the records read one by one, by id or by account, and only
 * those the acting user may see. */
Test(agenda, records_in_are_records_by_id)
{
    struct rp_db *db = seeded(120);
    int64_t ids[150];
    size_t n = 0;
    for (int64_t id = 1; n < sizeof(ids) / sizeof(ids[0]); id += 2)
        ids[n++] = id;
    for (int as = 0; as <= 2; as += 2) {
        struct rp_records list = {0};
        struct rp_scope scope;
        cr_assert_eq(rp_db_act_as(db, as), RP_OK, "%s", rp_db_errmsg(db));
        rp_scope_of(db, &scope);
        cr_assert_eq(rp_store_records_in(db->store, RP_MEETING, 0, ids, n, &scope, &list), RP_OK,
                     "%s", rp_db_errmsg(db));
        size_t k = 0, seen = 0;
        for (size_t i = 0; i < n; i++) {
            struct rp_record one;
            if (rp_get(db, RP_MEETING, ids[i], &one))
                continue; /* missing, or not the rep's */
            seen++;
            cr_assert_lt(k, list.n, "as %d: meeting %lld not read together", as, (long long)ids[i]);
            json_t *a = rp_record_to_json(&one), *b = rp_record_to_json(&list.items[k++]);
            cr_expect(json_equal(a, b), "as %d: meeting %lld differs", as, (long long)ids[i]);
            json_decref(a);
            json_decref(b);
            rp_record_release(&one);
        }
        cr_expect_eq(k, list.n, "as %d: %zu read together, %zu one by one", as, list.n, k);
        cr_expect_gt(seen, as ? 5 : 100, "as %d: only %zu meetings", as, seen);
        rp_records_release(&list);
    }
    rp_db_close(db);
}

/* A build reads every setting in one read and keeps them for the build only: a change
 * through the same handle is seen at once, and one through another handle (another
 * process, the server's writer) by the next piece of work. */
Test(agenda, settings_are_kept_for_one_piece_of_work)
{
    char *path = tu_database(dir, "agenda.db");
    struct rp_db *db = opened(path), *other = opened(path);
    char *v = NULL;
    rp_config_keep(db);
    cr_assert_eq(rp_config_get(db, "grace.standard", &v), RP_OK, "%s", rp_db_errmsg(db));
    cr_expect_str_eq(v, "1");
    free(v);
    cr_assert_eq(rp_config_set(db, "grace.standard", "4"), RP_OK, "%s", rp_db_errmsg(db));
    cr_assert_eq(rp_config_get(db, "grace.standard", &v), RP_OK, "%s", rp_db_errmsg(db));
    cr_expect_str_eq(v, "4", "its own change, while kept");
    free(v);
    cr_assert_eq(rp_config_get(db, "no.such", &v), RP_ERR_INVALID, "unknown keys stay unknown");
    rp_config_drop(db);
    cr_assert_eq(rp_config_set(other, "grace.standard", "6"), RP_OK, "%s", rp_db_errmsg(other));
    cr_assert_eq(rp_config_get(db, "grace.standard", &v), RP_OK, "%s", rp_db_errmsg(db));
    cr_expect_str_eq(v, "6", "another handle's change, after the drop");
    free(v);
    rp_db_close(other);
    rp_db_close(db);
    free(path);
}

/* The first draft of kind KIND in A (NULL when none). */
static const struct rp_agenda_item *first_draft(const struct rp_agenda *a, enum rp_draft_kind kind)
{
    for (size_t i = 0; i < a->n; i++)
        if (a->items[i].has_draft && a->items[i].draft_due - 1 == (int)kind)
            return &a->items[i];
    return NULL;
}

/* What another handle changes between two builds (a setting, a template) is in the
 * second: nothing read for one build is kept for the next. */
Test(agenda, a_build_sees_what_changed_before_it)
{
    char *path = tu_database(dir, "agenda.db");
    struct rp_db *db = seeded_in(path, 300), *other = opened(path);
    struct rp_agenda a, b;
    cr_assert_eq(rp_agenda_build(db, rp_db_today(db), 7, &a), RP_OK, "%s", rp_db_errmsg(db));
    const struct rp_agenda_item *it = first_draft(&a, RP_DRAFT_FOLLOWUP_MISSED);
    cr_assert_not_null(it, "a follow-up draft");
    cr_assert_null(strstr(it->draft.body, "Signed elsewhere"));
    const char *style = it->style ? it->style : "standard";
    cr_assert_eq(rp_config_set(other, "draft.signature", "Signed elsewhere"), RP_OK, "%s",
                 rp_db_errmsg(other));
    cr_assert_eq(rp_template_set(other, "followup-missed", style, "Changed elsewhere", NULL), RP_OK,
                 "%s", rp_db_errmsg(other));
    cr_assert_eq(rp_agenda_build(db, rp_db_today(db), 7, &b), RP_OK, "%s", rp_db_errmsg(db));
    const struct rp_agenda_item *again = first_draft(&b, RP_DRAFT_FOLLOWUP_MISSED);
    cr_assert_not_null(again, "the follow-up draft again");
    cr_expect_str_eq(again->id, it->id, "the same item");
    cr_expect_str_eq(again->draft.subject, "Changed elsewhere", "the changed template");
    cr_expect_not_null(strstr(again->draft.body, "Signed elsewhere"), "the changed signature: %s",
                       again->draft.body);
    rp_agenda_release(&a);
    rp_agenda_release(&b);
    rp_db_close(other);
    rp_db_close(db);
    free(path);
}

static int id_cmp(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return (a > b) - (a < b);
}

/* The last touch among ACTIVITIES (outbound, not reaching them), INT64_MIN for none. */
static int64_t last_touch_of(const struct rp_records *activities)
{
    int64_t last = INT64_MIN;
    for (size_t i = 0; i < activities->n; i++) {
        const struct rp_record *a = &activities->items[i];
        int64_t at = rp_record_int(a, RP_ACTIVITY_AT, 0);
        if (!strcmp(rp_record_str(a, RP_ACTIVITY_DIRECTION), "out") && !rp_activity_is_two_way(a) &&
            at > last)
            last = at;
    }
    return last;
}

/* The last touches read together, 64 ids a statement, are those of each deal's own
 * activities and each account's without a deal, read one at a time. */
Test(agenda, last_touches_read_together_are_those_read_alone)
{
    struct rp_db *db = seeded(150);
    int64_t *deals, accounts[150], *last = NULL;
    size_t nd;
    cr_assert_eq(rp_store_deal_ids(db->store, 0, &deals, &nd), RP_OK, "%s", rp_db_errmsg(db));
    cr_assert_gt(nd, 64, "too few deals for two statements");
    qsort(deals, nd, sizeof(*deals), id_cmp);
    for (size_t i = 0; i < 150; i++)
        accounts[i] = (int64_t)i + 1;
    for (int by_account = 0; by_account <= 1; by_account++) {
        const int64_t *ids = by_account ? accounts : deals;
        size_t n = by_account ? 150 : nd, touched = 0;
        last = realloc(last, n * sizeof(*last));
        cr_assert(last);
        cr_assert_eq(rp_store_last_touches(db->store, by_account, ids, n, last), RP_OK, "%s",
                     rp_db_errmsg(db));
        for (size_t i = 0; i < n; i++) {
            struct rp_records acts = {0};
            cr_assert_eq(rp_store_deal_activities(db->store, by_account ? 0 : ids[i],
                                                  by_account ? ids[i] : 0, &acts),
                         RP_OK, "%s", rp_db_errmsg(db));
            cr_expect_eq(last[i], last_touch_of(&acts), "%s %lld", by_account ? "account" : "deal",
                         (long long)ids[i]);
            touched += last[i] != INT64_MIN;
            rp_records_release(&acts);
        }
        cr_expect_gt(touched, 0, "no %s touched", by_account ? "account" : "deal");
    }
    free(last);
    free(deals);
    rp_db_close(db);
}

/* A's JSON as rapport today --json prints it: jansson's tree of it, dumped. */
static char *dumped(const struct rp_agenda *a)
{
    json_t *j = rp_agenda_to_json(a);
    cr_assert_not_null(j);
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
    json_decref(j);
    return s;
}

/* The agenda of DAYS days as WHO sees it, written as text, indented, is byte for byte the
 * tree jansson dumps; read back in place, it is the same agenda. */
static void expect_text_as_tree(struct rp_db *db, int days, const char *who)
{
    struct rp_agenda a, back;
    struct rp_buf text = RP_BUF_INIT, indented = RP_BUF_INIT;
    cr_assert_eq(rp_agenda_build(db, rp_db_today(db), days, &a), RP_OK, "%s: %s", who,
                 rp_db_errmsg(db));
    cr_assert_gt(a.n, 0, "%s: nothing to do", who);
    char *want = dumped(&a);
    cr_assert_eq(rp_agenda_write_json(&a, &text), RP_OK);
    cr_assert_eq(rp_json_out_indent(&indented, text.data, text.len, 2, NULL, NULL), RP_OK);
    cr_assert_str_eq(rp_buf_str(&indented), want, "%s, %d days", who, days);
    cr_assert_eq(rp_agenda_from_text(rp_buf_detach(&text), &back), RP_OK, "%s", who);
    cr_assert_eq(back.n, a.n);
    char *again = dumped(&back);
    cr_assert_str_eq(again, want, "%s, %d days, read back", who, days);
    free(again);
    free(want);
    rp_agenda_release(&back);
    rp_agenda_release(&a);
    rp_buf_release(&indented);
}

Test(agenda, its_text_is_the_tree_jansson_dumps)
{
    struct rp_db *db = seeded(300);
    expect_text_as_tree(db, 1, "the whole book");
    expect_text_as_tree(db, 7, "the whole book");
    cr_assert_eq(rp_db_act_as(db, 2), RP_OK, "%s", rp_db_errmsg(db));
    expect_text_as_tree(db, 7, "rep 2");
    rp_db_close(db);
}

/* Text that is not an agenda is refused, and frees what it read. */
Test(agenda, text_that_is_not_an_agenda_is_refused)
{
    const char *bad[] = {"",
                         "{}",
                         "{\"date\":\"2026-11-23\",\"items\":[{\"id\":\"x\"}]}",
                         "{\"date\":\"2026-11-23\",\"items\":[{\"id\":\"meeting:1\",\"kind\":"
                         "\"meeting\",\"summary\":\"s\",\"action\":\"a\",\"draft\":{\"to\":[\"t"
                         "\"]}}]}",
                         "{\"date\":\"2026-11-23\",\"items\":[] trailing",
                         "{\"date\":\"2026-11-23\",\"items\":[{\"id\":\"meeting:1\",\"kind\":"
                         "\"meeting\",\"summary\":\"unterminated"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct rp_agenda a;
        cr_expect_neq(rp_agenda_from_json(bad[i], &a), RP_OK, "%s", bad[i]);
        cr_expect_eq(a.n, 0);
        cr_expect_null(a.text);
    }
    struct rp_agenda a;
    cr_assert_eq(rp_agenda_from_json("{\"date\":\"2026-11-23\",\"items\":[{\"id\":\"meeting:7\","
                                     "\"kind\":\"meeting\",\"summary\":\"caf\\u00e9 \\ud83d\\ude00"
                                     "\",\"action\":\"a\\\\b\\\"c\\/d\\n\"}]}",
                                     &a),
                 RP_OK);
    cr_assert_eq(a.n, 1);
    cr_expect_str_eq(a.items[0].summary, "caf\xC3\xA9 \xF0\x9F\x98\x80");
    cr_expect_str_eq(a.items[0].action, "a\\b\"c/d\n");
    cr_expect_eq(a.items[0].ref_id, 7);
    rp_agenda_release(&a);
}
