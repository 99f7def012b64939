/* Tests for rapport seed (src/seed/, core/load.c and store/store_bulk.c): the same seed
 * writes the same book, another seed another; the book has the shape the issue asks for, uses every
 * word of every vocabulary, leaves the agenda's deal facts exactly as the core derives
 * them, and gives a Monday's agenda of many kinds; a book is only seeded into an empty
 * database. */
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

static char *dir;

static void seed_setup(void)
{
    cr_assert_eq(rp_tz_set("UTC"), 0);
    dir = tu_tmpdir();
}

static void seed_teardown(void)
{
    tu_rmtree(dir);
    free(dir);
}

TestSuite(seed, .init = seed_setup, .fini = seed_teardown, .timeout = 120);

static struct rp_db *open_db(const char *name)
{
    char *path = tu_database(dir, name);
    struct rp_db *db;
    cr_assert_eq(rp_db_open(path, &db), RP_OK, "open %s: %s", path, db ? rp_db_errmsg(db) : "");
    free(path);
    rp_db_set_now(db, NOON_2026_11_23);
    return db;
}

static struct rp_db *seeded(const char *name, size_t accounts, uint64_t seed,
                            struct rp_seed_counts *counts)
{
    struct rp_db *db = open_db(name);
    struct rp_seed_options o = {accounts, seed, 0};
    struct rp_seed_counts ignored;
    enum rp_status rc = rp_seed(db, &o, counts ? counts : &ignored, NULL, NULL);
    cr_assert_eq(rc, RP_OK, "seed: %s", rp_db_errmsg(db));
    return db;
}

static void list_all(struct rp_db *db, enum rp_kind_id kind, struct rp_records *out)
{
    struct rp_query q = {kind, NULL, 0, -1, 0, 0, 0};
    *out = (struct rp_records){0};
    cr_assert_eq(rp_list(db, &q, out), RP_OK, "list %s: %s", rp_kind_get(kind)->name,
                 rp_db_errmsg(db));
}

/* Every record of every kind of the book, as JSON text (owned). */
static char *book_text(struct rp_db *db)
{
    static const enum rp_kind_id kinds[] = {
        RP_ACCOUNT, RP_CONTACT,   RP_DEAL,    RP_ACTIVITY, RP_AGREEMENT, RP_MEETING,
        RP_CLAIM,   RP_STATEMENT, RP_INVOICE, RP_PUSH,     RP_HISTORY,
    };
    json_t *all = json_object();
    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        struct rp_records list;
        list_all(db, kinds[k], &list);
        json_object_set_new(all, rp_kind_get(kinds[k])->table, rp_records_to_json(&list));
        rp_records_release(&list);
    }
    char *text = json_dumps(all, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(all);
    cr_assert_not_null(text);
    return text;
}

Test(seed, same_seed_same_book)
{
    struct rp_db *a = seeded("a.db", 150, 7, NULL), *b = seeded("b.db", 150, 7, NULL);
    char *ta = book_text(a), *tb = book_text(b);
    cr_expect(strlen(ta) > 100000, "a book of 150 accounts is only %zu bytes", strlen(ta));
    cr_expect(strcmp(ta, tb) == 0, "two books of seed 7 differ");
    free(ta);
    free(tb);
    rp_db_close(a);
    rp_db_close(b);
}

Test(seed, other_seed_other_book)
{
    struct rp_db *a = seeded("a.db", 60, 7, NULL), *b = seeded("b.db", 60, 8, NULL);
    char *ta = book_text(a), *tb = book_text(b);
    cr_expect(strcmp(ta, tb) != 0, "seeds 7 and 8 wrote the same book");
    free(ta);
    free(tb);
    rp_db_close(a);
    rp_db_close(b);
}

/* A team's book: each rep owns an equal block of accounts and everything in them, sees
 * only that, and the agenda is theirs. */
Test(seed, a_teams_book)
{
    struct rp_db *db = open_db("team.db");
    struct rp_seed_options o = {40, 1, 4};
    struct rp_seed_counts n;
    struct rp_records accounts = {0}, deals = {0};
    cr_assert_eq(rp_seed(db, &o, &n, NULL, NULL), RP_OK, "%s", rp_db_errmsg(db));
    int64_t rep2;
    cr_assert_eq(rp_user_find(db, "rep2@team.example", &rep2), RP_OK);
    cr_assert_eq(rp_db_act_as(db, rep2), RP_OK, "%s", rp_db_errmsg(db));
    struct rp_query qa = {RP_ACCOUNT, NULL, 0, -1, 0, 0, 0};
    struct rp_query qd = {RP_DEAL, NULL, 0, -1, 0, 0, 0};
    cr_assert_eq(rp_list(db, &qa, &accounts), RP_OK);
    cr_assert_eq(rp_list(db, &qd, &deals), RP_OK);
    cr_expect_eq(accounts.n, 10, "rep 2 of 4 owns a quarter of 40 accounts");
    for (size_t i = 0; i < accounts.n; i++) {
        cr_expect_eq(accounts.items[i].v[0].i, (int64_t)(11 + i), "the second block");
        cr_expect_eq(rp_record_int(&accounts.items[i], RP_ACCOUNT_OWNER_ID, 0), rep2);
    }
    cr_expect(deals.n > 0);
    for (size_t i = 0; i < deals.n; i++)
        cr_expect_eq(rp_record_int(&deals.items[i], RP_DEAL_OWNER_ID, 0), rep2);
    struct rp_agenda agenda;
    cr_assert_eq(rp_agenda_build(db, rp_db_today(db), 1, &agenda), RP_OK);
    for (size_t i = 0; i < agenda.n; i++)
        cr_expect(agenda.items[i].account_id >= 11 && agenda.items[i].account_id <= 20,
                  "an item of account %lld is not rep 2's", (long long)agenda.items[i].account_id);
    rp_agenda_release(&agenda);
    rp_records_release(&accounts);
    rp_records_release(&deals);
    rp_db_close(db);
}

/* The seed chooses its ids itself; records made after it take the next ones (on
 * PostgreSQL, its identities are moved past the seed's ids). */
Test(seed, records_made_after_it)
{
    struct rp_seed_counts n;
    struct rp_db *db = seeded("after.db", 30, 1, &n);
    struct rp_record acct, deal;
    cr_assert_eq(rp_record_init(&acct, RP_ACCOUNT), RP_OK);
    cr_assert_eq(rp_record_set_text(db, &acct, RP_ACCOUNT_NAME, "After the seed"), RP_OK);
    cr_assert_eq(rp_create(db, &acct), RP_OK, "%s", rp_db_errmsg(db));
    cr_expect_eq(acct.v[0].i, 31, "the account after the 30 seeded");
    cr_assert_eq(rp_record_init(&deal, RP_DEAL), RP_OK);
    cr_assert_eq(rp_record_set_text(db, &deal, RP_DEAL_TITLE, "New deal"), RP_OK);
    rp_record_set_int(&deal, RP_DEAL_ACCOUNT_ID, acct.v[0].i);
    cr_assert_eq(rp_create(db, &deal), RP_OK, "%s", rp_db_errmsg(db));
    cr_expect_gt(deal.v[0].i, n.n[RP_DEAL], "a deal after the seeded ones");
    rp_record_release(&acct);
    rp_record_release(&deal);
    rp_db_close(db);
}

Test(seed, only_into_an_empty_database)
{
    struct rp_seed_counts n;
    struct rp_db *db = seeded("a.db", 5, 1, &n);
    char *before = book_text(db);
    struct rp_seed_options o = {5, 2, 0};
    cr_assert_eq(rp_seed(db, &o, &n, NULL, NULL), RP_ERR_CONFLICT);
    cr_expect(strstr(rp_db_errmsg(db), "already has accounts") != NULL, "%s", rp_db_errmsg(db));
    char *after = book_text(db);
    cr_expect(strcmp(before, after) == 0, "a refused seed changed the database");
    free(before);
    free(after);
    rp_db_close(db);
}

/* ---- one book of 1000 accounts, looked at from every side -------------------------------- */

/* How many of LIST have FIELD equal to ID, for each ID in 1..n (counts[id]). */
static int64_t *count_by(const struct rp_records *list, int field, int64_t n)
{
    int64_t *counts = calloc((size_t)n + 1, sizeof(*counts));
    cr_assert_not_null(counts);
    for (size_t i = 0; i < list->n; i++) {
        int64_t id = rp_record_int(&list->items[i], field, 0);
        cr_assert(id >= 1 && id <= n, "reference %lld out of range", (long long)id);
        counts[id]++;
    }
    return counts;
}

static void check_shape(struct rp_db *db, const struct rp_seed_counts *n)
{
    struct rp_records contacts, deals;
    cr_expect_eq(n->n[RP_ACCOUNT], 1000);
    /* About 10 activities per account (100k accounts, about 1M activities). */
    cr_expect(n->n[RP_ACTIVITY] >= 8000 && n->n[RP_ACTIVITY] <= 13000, "%lld activities",
              (long long)n->n[RP_ACTIVITY]);
    list_all(db, RP_CONTACT, &contacts);
    list_all(db, RP_DEAL, &deals);
    cr_expect_eq((int64_t)contacts.n, n->n[RP_CONTACT]);
    int64_t *per_account = count_by(&contacts, RP_CONTACT_ACCOUNT_ID, 1000);
    for (int64_t a = 1; a <= 1000; a++)
        cr_expect(per_account[a] >= 2 && per_account[a] <= 6, "account %lld has %lld contacts",
                  (long long)a, (long long)per_account[a]);
    free(per_account);
    per_account = count_by(&deals, RP_DEAL_ACCOUNT_ID, 1000);
    for (int64_t a = 1; a <= 1000; a++)
        cr_expect(per_account[a] >= 1 && per_account[a] <= 3, "account %lld has %lld deals",
                  (long long)a, (long long)per_account[a]);
    free(per_account);
    rp_records_release(&contacts);
    rp_records_release(&deals);
}

/* Nothing happened after now: every activity, statement and history line is in the past,
 * and every planned meeting is today or later. */
static void check_clock(struct rp_db *db)
{
    struct rp_records acts, meetings, history;
    list_all(db, RP_ACTIVITY, &acts);
    list_all(db, RP_MEETING, &meetings);
    list_all(db, RP_HISTORY, &history);
    for (size_t i = 0; i < acts.n; i++)
        cr_expect(rp_record_int(&acts.items[i], RP_ACTIVITY_AT, 0) < NOON_2026_11_23,
                  "activity %lld is in the future", (long long)acts.items[i].v[0].i);
    for (size_t i = 0; i < history.n; i++)
        cr_expect(rp_record_int(&history.items[i], RP_HISTORY_AT, 0) < NOON_2026_11_23,
                  "history %lld is in the future", (long long)history.items[i].v[0].i);
    for (size_t i = 0; i < meetings.n; i++) {
        const struct rp_record *m = &meetings.items[i];
        if (!strcmp(rp_record_str(m, RP_MEETING_STATUS), "planned"))
            cr_expect(rp_local_date(rp_record_int(m, RP_MEETING_AT, 0)) >= 20780,
                      "planned meeting %lld is in the past", (long long)m->v[0].i);
        else
            cr_expect(rp_record_int(m, RP_MEETING_AT, 0) < NOON_2026_11_23,
                      "meeting %lld is %s in the future", (long long)m->v[0].i,
                      rp_record_str(m, RP_MEETING_STATUS));
    }
    rp_records_release(&acts);
    rp_records_release(&meetings);
    rp_records_release(&history);
}

struct vocab_use {
    enum rp_kind_id kind;
    int field;
    const char *const *vocab;
};

/* Every word of VOCAB appears in FIELD of some record of KIND. */
static void check_vocab(struct rp_db *db, const struct vocab_use *u)
{
    struct rp_records list;
    list_all(db, u->kind, &list);
    for (size_t w = 0; u->vocab[w]; w++) {
        size_t i = 0;
        while (i < list.n && !(rp_record_str(&list.items[i], u->field) &&
                               !strcmp(rp_record_str(&list.items[i], u->field), u->vocab[w])))
            i++;
        cr_expect(i < list.n, "no %s has %s '%s'", rp_kind_get(u->kind)->name,
                  rp_kind_get(u->kind)->fields[u->field].name, u->vocab[w]);
    }
    rp_records_release(&list);
}

static void check_vocabularies(struct rp_db *db)
{
    static const char *const binding[] = {"yes", "no", "unknown", NULL};
    static const char *const agreement[] = {"open", "kept", "superseded", "cancelled", NULL};
    const struct vocab_use uses[] = {
        {RP_ACCOUNT, RP_ACCOUNT_TRIGGER, rp_vocab_trigger},
        {RP_ACCOUNT, RP_ACCOUNT_URGENCY, rp_vocab_urgency},
        {RP_ACCOUNT, RP_ACCOUNT_STYLE, rp_vocab_style},
        {RP_ACCOUNT, RP_ACCOUNT_RISK, rp_vocab_risk},
        {RP_ACCOUNT, RP_ACCOUNT_STATUS, rp_vocab_account_status},
        {RP_ACCOUNT, RP_ACCOUNT_BINDING, binding},
        {RP_CONTACT, RP_CONTACT_ROLE, rp_vocab_role},
        {RP_DEAL, RP_DEAL_STAGE, rp_vocab_stage},
        {RP_DEAL, RP_DEAL_CLOSE_REASON, rp_vocab_loss_reason},
        {RP_ACTIVITY, RP_ACTIVITY_KIND, rp_vocab_activity_kind},
        {RP_ACTIVITY, RP_ACTIVITY_DIRECTION, rp_vocab_direction},
        {RP_ACTIVITY, RP_ACTIVITY_OUTCOME, rp_vocab_outcome},
        {RP_AGREEMENT, RP_AGREEMENT_STATUS, agreement},
        {RP_MEETING, RP_MEETING_KIND, rp_vocab_meeting_kind},
        {RP_MEETING, RP_MEETING_STATUS, rp_vocab_meeting_status},
        {RP_CLAIM, RP_CLAIM_STATUS, rp_vocab_claim_status},
        {RP_PUSH, RP_PUSH_OUTCOME, rp_vocab_push_outcome},
    };
    for (size_t i = 0; i < sizeof(uses) / sizeof(uses[0]); i++)
        check_vocab(db, &uses[i]);
}

static void expect_facts_equal(const struct rp_deal_facts *x, const struct rp_deal_facts *y)
{
    long long id = (long long)x->deal_id;
    cr_expect_str_eq(x->stage, y->stage, "deal %lld", id);
    cr_expect_eq(x->account_id, y->account_id, "deal %lld account", id);
    cr_expect_eq(x->is_open, y->is_open, "deal %lld is_open", id);
    cr_expect_eq(x->last_two_way_at, y->last_two_way_at, "deal %lld last_two_way_at", id);
    cr_expect_eq(x->last_out_at, y->last_out_at, "deal %lld last_out_at", id);
    cr_expect_eq(x->last_in_at, y->last_in_at, "deal %lld last_in_at", id);
    cr_expect_eq(x->quiet_touches, y->quiet_touches, "deal %lld quiet_touches", id);
    cr_expect_eq(x->first_quiet_touch_at, y->first_quiet_touch_at, "deal %lld first quiet", id);
    cr_expect_eq(x->open_agreements, y->open_agreements, "deal %lld open_agreements", id);
    cr_expect_eq(x->last_open_due, y->last_open_due, "deal %lld last_open_due", id);
    cr_expect_eq(x->planned_meetings, y->planned_meetings, "deal %lld planned", id);
    cr_expect_eq(x->unverified_claims, y->unverified_claims, "deal %lld unverified", id);
    cr_expect_eq(x->pushes, y->pushes, "deal %lld pushes", id);
    cr_expect_eq(x->pending_push_at, y->pending_push_at, "deal %lld pending_push_at", id);
    cr_expect_eq(x->decision_contacts, y->decision_contacts, "deal %lld deciders", id);
    cr_expect_eq(x->qualify_gaps, y->qualify_gaps, "deal %lld qualify_gaps", id);
}

/* The seed derives the deal facts itself (as the verbs would have left them); the core's
 * own derivation from the written records must agree, deal by deal. */
static void check_facts(struct rp_db *db, int64_t deals)
{
    struct rp_deal_facts *seeded = calloc((size_t)deals + 1, sizeof(*seeded));
    cr_assert_not_null(seeded);
    for (int64_t id = 1; id <= deals; id++)
        cr_assert_eq(rp_store_facts_get(db->store, id, &seeded[id]), RP_OK, "facts of %lld",
                     (long long)id);
    cr_assert_eq(rp_db_begin(db), RP_OK);
    cr_assert_eq(rp_facts_rebuild(db), RP_OK, "%s", rp_db_errmsg(db));
    cr_assert_eq(rp_db_commit(db), RP_OK);
    for (int64_t id = 1; id <= deals; id++) {
        struct rp_deal_facts derived;
        cr_assert_eq(rp_store_facts_get(db->store, id, &derived), RP_OK);
        expect_facts_equal(&seeded[id], &derived);
    }
    free(seeded);
}

/* A rep's write marks whole accounts, some twice: their deals' facts, derived again in
 * batches as the rep sees the book, are the seed's. */
Test(seed, facts_derived_again_as_a_rep)
{
    struct rp_db *db = open_db("rep-facts.db");
    struct rp_seed_options o = {120, 1, 4};
    struct rp_seed_counts n;
    struct rp_records accounts = {0};
    cr_assert_eq(rp_seed(db, &o, &n, NULL, NULL), RP_OK, "%s", rp_db_errmsg(db));
    int64_t rep2, deals = n.n[RP_DEAL];
    struct rp_deal_facts *seeded = calloc((size_t)deals + 1, sizeof(*seeded));
    cr_assert_not_null(seeded);
    for (int64_t id = 1; id <= deals; id++)
        cr_assert_eq(rp_store_facts_get(db->store, id, &seeded[id]), RP_OK);
    cr_assert_eq(
        rp_store_facts_put(db->store,
                           &(struct rp_deal_facts){.deal_id = 1, .account_id = 1, .stage = "lead"}),
        RP_OK, "%s", rp_db_errmsg(db));
    cr_assert_eq(rp_user_find(db, "rep2@team.example", &rep2), RP_OK);
    cr_assert_eq(rp_db_act_as(db, rep2), RP_OK, "%s", rp_db_errmsg(db));
    struct rp_query qa = {RP_ACCOUNT, NULL, 0, -1, 0, 0, 0};
    cr_assert_eq(rp_list(db, &qa, &accounts), RP_OK);
    cr_assert_gt(accounts.n, 16, "too few accounts for two batches");
    cr_assert_eq(rp_db_begin(db), RP_OK);
    for (size_t i = 0; i < accounts.n; i++)
        for (int twice = 0; twice < 2; twice++)
            cr_assert_eq(rp_facts_dirty(db, RP_ACCOUNT, accounts.items[i].v[0].i), RP_OK);
    cr_assert_eq(rp_db_commit(db), RP_OK, "%s", rp_db_errmsg(db));
    for (int64_t id = 2; id <= deals; id++) {
        struct rp_deal_facts derived;
        cr_assert_eq(rp_store_facts_get(db->store, id, &derived), RP_OK);
        expect_facts_equal(&seeded[id], &derived);
    }
    struct rp_deal_facts first;
    cr_assert_eq(rp_store_facts_get(db->store, 1, &first), RP_OK);
    if (seeded[1].owner_id == rep2)
        expect_facts_equal(&seeded[1], &first);
    else /* out of rep 2's sight: left as it was */
        cr_expect_eq(first.quiet_since, 0, "deal 1 derived again as rep 2");
    rp_records_release(&accounts);
    free(seeded);
    rp_db_close(db);
}

/* An account with N deals, of the book's first 100 deals. */
static int64_t account_with_deals(struct rp_db *db, size_t n)
{
    struct rp_records deals;
    size_t count[101] = {0};
    int64_t found = 0;
    list_all(db, RP_DEAL, &deals);
    for (size_t i = 0; i < deals.n; i++) {
        int64_t a = rp_record_int(&deals.items[i], RP_DEAL_ACCOUNT_ID, 0);
        if (a > 0 && a <= 100)
            count[a]++;
    }
    for (int64_t a = 1; a <= 100 && !found; a++)
        found = count[a] == n ? a : 0;
    rp_records_release(&deals);
    cr_assert_gt(found, 0, "no account with %zu deals", n);
    return found;
}

/* The change the server publishes with a rep's commit (http/cache.c). */
static enum rp_status publish_as_the_server(void *arg)
{
    static const struct rp_change by_a_rep = {.what = 2, .by = {7, "rep", "North"}};
    return rp_db_publish_change(arg, &by_a_rep);
}

/* Changes ACCOUNT's need as the server writes a PATCH (a part of a transaction, with its
 * audit line, the record read once, the change published with the commit); the round
 * trips it cost. */
static int64_t change_as_the_server(struct rp_db *db, int64_t account, const char *need)
{
    struct rp_record rec, was;
    unsigned char changed[RP_ACCOUNT_NFIELDS] = {0};
    struct rp_edit e = {changed, NULL, 0, 0, 0, 0, &was};
    rp_db_watch_commits(db, &(struct rp_commit_watch){publish_as_the_server, db});
    int64_t trips = rp_store_round_trips(db->store);
    cr_assert_eq(rp_db_begin(db), RP_OK, "%s", rp_db_errmsg(db));
    cr_assert_eq(rp_db_part_begin(db), RP_OK, "%s", rp_db_errmsg(db));
    cr_assert_eq(rp_get(db, RP_ACCOUNT, account, &rec), RP_OK, "%s", rp_db_errmsg(db));
    cr_assert_eq(rp_record_copy(&was, &rec), RP_OK);
    cr_assert_eq(rp_record_set_str(&rec, RP_ACCOUNT_NEED, need), RP_OK);
    changed[RP_ACCOUNT_NEED] = 1;
    cr_assert_eq(rp_record_correct(db, &rec, &e), RP_OK, "%s", rp_db_errmsg(db));
    cr_assert_eq(rp_audit(db, "PATCH /api/v1/accounts/{id}", "account", account, NULL, NULL), RP_OK,
                 "%s", rp_db_errmsg(db));
    cr_assert_eq(rp_db_part_end(db), RP_OK, "%s", rp_db_errmsg(db));
    cr_assert_eq(rp_db_commit(db), RP_OK, "%s", rp_db_errmsg(db));
    trips = rp_store_round_trips(db->store) - trips;
    rp_db_watch_commits(db, NULL);
    rp_record_release(&was);
    rp_record_release(&rec);
    return trips;
}

/* What a change to an account costs PostgreSQL (docs/deploy.md): its deals' facts and its
 * own go out with the part's end, however many deals it has; one more round trip fails
 * this test. The facts written are those a rebuild derives. */
Test(seed, an_account_changed_in_few_round_trips)
{
    struct rp_seed_counts n;
    struct rp_db *db = seeded("changed.db", 60, 1, &n);
    int64_t one = account_with_deals(db, 1), two = account_with_deals(db, 2);
    change_as_the_server(db, one, "first, to prepare the statements");
    int64_t trips_one = change_as_the_server(db, one, "a faster close");
    int64_t trips_two = change_as_the_server(db, two, "a second opinion");
    if (rp_store_round_trips(db->store)) { /* PostgreSQL */
        cr_expect_eq(trips_one, 7, "a change to an account with one deal: %lld round trips",
                     (long long)trips_one);
        cr_expect_eq(trips_two, 7, "a change to an account with two deals: %lld round trips",
                     (long long)trips_two);
    }
    check_facts(db, n.n[RP_DEAL]);
    rp_db_close(db);
}

/* Reads like a rep's Monday: a few dozen things to do, of many kinds. */
static void check_agenda(struct rp_db *db)
{
    struct rp_agenda agenda = {0};
    const char *kinds[32];
    size_t nkinds = 0;
    cr_assert_eq(rp_agenda_build(db, 20780, 1, &agenda), RP_OK, "%s", rp_db_errmsg(db));
    for (size_t i = 0; i < agenda.n; i++) {
        size_t k = 0;
        while (k < nkinds && strcmp(kinds[k], agenda.items[i].kind))
            k++;
        if (k == nkinds && nkinds < 32)
            kinds[nkinds++] = agenda.items[i].kind;
    }
    cr_expect(agenda.n >= 15 && agenda.n <= 80, "%zu things to do on a Monday", agenda.n);
    cr_expect(nkinds >= 12, "only %zu kinds of things to do", nkinds);
    rp_agenda_release(&agenda);
}

Test(seed, a_book_of_1000_accounts)
{
    struct rp_seed_counts n;
    struct rp_db *db = seeded("book.db", 1000, 1, &n);
    check_shape(db, &n);
    check_clock(db);
    check_vocabularies(db);
    check_facts(db, n.n[RP_DEAL]);
    check_agenda(db);
    rp_db_close(db);
}
