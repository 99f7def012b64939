/* Reports: how deals end, how pushes are answered, what the pipeline holds and how contact
 * goes (docs/reports.md defines every figure). The store counts and sums; this file turns
 * its rows into shares, averages, medians and the weighted forecast, as one JSON object
 * that the command line prints and the HTTP API serves as it is. Money is never added
 * across currencies: every amount is a list of per-currency values. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "core/db.h"
#include "base/ids.h"
#include "base/banned.h"

const char *const rp_report_names[] = {"winloss", "push", "pipeline", "activity", NULL};

static const char *const closed_stages[] = {"won", "lost", "no-decision", NULL};

struct report {
    struct rp_db *db;
    char from[RP_INSTANT_LEN], to[RP_INSTANT_LEN]; /* from <= t < to; "" when open */
    json_t *obj;                                   /* the report being built */
    int oom;                                       /* a member could not be added */
    struct rp_local_dates *dates;                  /* local days of instants; NULL: none yet */
};

/* Sets KEY of OBJ to V (stolen), noting when memory ran out. */
static void put(struct report *r, json_t *obj, const char *key, json_t *v)
{
    if (!v || !obj || json_object_set_new(obj, key, v))
        r->oom = 1;
}

static void append(struct report *r, json_t *arr, json_t *v)
{
    if (!v || json_array_append_new(arr, v))
        r->oom = 1;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* PART of WHOLE in percent with one decimal; null when WHOLE is 0. */
static json_t *share(int64_t part, int64_t whole)
{
    return whole ? json_real(round(1000.0 * (double)part / (double)whole) / 10) : json_null();
}

/* TOTAL / N with one decimal; null when N is 0. */
static json_t *average(int64_t total, int64_t n)
{
    return n ? json_real(round(10.0 * (double)total / (double)n) / 10) : json_null();
}

/* The median of N numbers (sorted in place), with one decimal; null when N is 0. */
static json_t *median(int64_t *v, size_t n)
{
    if (!n)
        return json_null();
    qsort(v, n, sizeof(*v), rp_int64_cmp);
    size_t mid = n / 2;
    double m = n % 2 ? (double)v[mid] : ((double)v[mid - 1] + (double)v[mid]) / 2;
    return json_real(round(10 * m) / 10);
}

/* Adds CENTS to MEMBER of the entry for CURRENCY in VALUES, an array kept in currency
 * order. */
/* A + B, held at INT64_MAX rather than wrapping: a total of money too large to be real
 * (only data written before amounts were bounded) must not fail or turn negative. */
static int64_t money_sum(int64_t a, int64_t b)
{
    int64_t sum;
    return __builtin_add_overflow(a, b, &sum) ? INT64_MAX : sum;
}

static void money_add(struct report *r, json_t *values, const char *currency, const char *member,
                      int64_t cents)
{
    size_t i, n = json_array_size(values);
    json_t *entry = NULL;
    currency = currency ? currency : "";
    for (i = 0; i < n && !entry; i++) {
        json_t *e = json_array_get(values, i);
        int cmp = strcmp(json_string_value(json_object_get(e, "currency")), currency);
        if (cmp > 0)
            break;
        entry = cmp ? NULL : e;
    }
    if (!entry) {
        entry = json_pack("{s:s}", "currency", currency);
        if (!entry || json_array_insert_new(values, i, entry)) {
            r->oom = 1;
            return;
        }
    }
    json_int_t have = json_integer_value(json_object_get(entry, member));
    put(r, entry, member, json_integer(money_sum(have, cents)));
}

static int key_is(const struct rp_report_row *row, int k, const char *s)
{
    return row->key[k] && !strcmp(row->key[k], s);
}

/* The sum of number N over the rows whose key 0 is S (all rows when S is NULL). */
static int64_t rows_sum(const struct rp_report_rows *rows, const char *s, int n)
{
    int64_t sum = 0;
    for (size_t i = 0; i < rows->n; i++)
        if (!s || key_is(&rows->items[i], 0, s))
            sum += rows->items[i].n[n];
    return sum;
}

/* Local calendar days from instant text A to instant text B; 0 when either is unreadable
 * (or memory ran out, which R notes). */
static int64_t days_between(struct report *r, const char *a, const char *b)
{
    int64_t ta, tb;
    if (!a || !b || rp_instant_parse(a, &ta) || rp_instant_parse(b, &tb))
        return 0;
    if (!r->dates && !(r->dates = rp_local_dates_new())) {
        r->oom = 1;
        return 0;
    }
    return rp_local_dates_of(r->dates, tb) - rp_local_dates_of(r->dates, ta);
}

static enum rp_status fetch(struct report *r, enum rp_report_query q, struct rp_report_rows *rows)
{
    struct rp_scope scope;
    rp_scope_of(r->db, &scope);
    return rp_store_report(r->db->store, q, *r->from ? r->from : NULL, *r->to ? r->to : NULL,
                           &scope, rows);
}

/* ---- winloss --------------------------------------------------------------------------- */

static void winloss_outcomes(struct report *r, const struct rp_report_rows *rows)
{
    int64_t closed = rows_sum(rows, NULL, 0);
    json_t *outcomes = json_array();
    for (int s = 0; closed_stages[s]; s++) {
        int64_t deals = rows_sum(rows, closed_stages[s], 0);
        json_t *values = json_array();
        for (size_t i = 0; i < rows->n; i++)
            if (key_is(&rows->items[i], 0, closed_stages[s]))
                money_add(r, values, rows->items[i].key[1], "value_cents", rows->items[i].n[1]);
        append(r, outcomes,
               json_pack("{s:s,s:I,s:o,s:o}", "outcome", closed_stages[s], "deals",
                         (json_int_t)deals, "pct", share(deals, closed), "values", values));
    }
    put(r, r->obj, "closed", json_integer(closed));
    put(r, r->obj, "win_pct", share(rows_sum(rows, "won", 0), closed));
    put(r, r->obj, "outcomes", outcomes);
}

/* Deals per competitor: n[0] all, then won, lost, no-decision. */
struct tally {
    const char *name; /* NULL: not recorded */
    int64_t n[4];
};

static int tally_cmp(const void *a, const void *b)
{
    const struct tally *x = a, *y = b;
    if (!x->name != !y->name)
        return x->name ? -1 : 1;
    if (x->n[0] != y->n[0])
        return x->n[0] > y->n[0] ? -1 : 1;
    return x->name ? strcmp(x->name, y->name) : 0;
}

/* Folds the rows (in competitor order) into tallies. No competitor and a blank one sort
 * first and next to each other: both are "not recorded". */
static size_t competitor_tallies(const struct rp_report_rows *rows, struct tally *t)
{
    size_t n = 0;
    const char *key = NULL;
    for (size_t i = 0; i < rows->n; i++) {
        const struct rp_report_row *row = &rows->items[i];
        const char *fold = row->key[4] && *row->key[4] ? row->key[4] : NULL;
        if (!n || (fold == NULL) != (key == NULL) || (fold && strcmp(fold, key)))
            t[n++] = (struct tally){fold ? row->key[3] : NULL, {0}};
        key = fold;
        int s = rp_vocab_index(closed_stages, row->key[0]);
        t[n - 1].n[0] += row->n[0];
        if (s >= 0)
            t[n - 1].n[1 + s] += row->n[0];
    }
    return n;
}

static void winloss_competitors(struct report *r, const struct rp_report_rows *rows)
{
    struct tally *t = calloc(rows->n + 1, sizeof(*t));
    json_t *arr = json_array();
    if (!t || !arr) {
        r->oom = 1;
        free(t);
        json_decref(arr);
        return;
    }
    size_t n = competitor_tallies(rows, t);
    qsort(t, n, sizeof(*t), tally_cmp);
    for (size_t i = 0; i < n; i++)
        append(r, arr,
               json_pack("{s:o,s:I,s:I,s:I,s:I}", "competitor", str_or_null(t[i].name), "deals",
                         (json_int_t)t[i].n[0], "won", (json_int_t)t[i].n[1], "lost",
                         (json_int_t)t[i].n[2], "no_decision", (json_int_t)t[i].n[3]));
    free(t);
    put(r, r->obj, "by_competitor", arr);
}

/* The lost deals' rows merged by their reason (key 2) into T; the number of tallies. */
static size_t reason_tallies(const struct rp_report_rows *rows, struct tally *t)
{
    size_t n = 0;
    for (size_t i = 0; i < rows->n; i++) {
        const struct rp_report_row *row = &rows->items[i];
        size_t k = 0;
        if (!key_is(row, 0, "lost"))
            continue;
        while (k < n && !(t[k].name == row->key[2] ||
                          (t[k].name && row->key[2] && !strcmp(t[k].name, row->key[2]))))
            k++;
        if (k == n)
            t[n++] = (struct tally){row->key[2], {0}};
        t[k].n[0] += row->n[0];
    }
    return n;
}

static void winloss_reasons(struct report *r, const struct rp_report_rows *rows)
{
    struct tally *t = calloc(rows->n + 1, sizeof(*t));
    int64_t lost = rows_sum(rows, "lost", 0);
    json_t *arr = json_array();
    if (!t || !arr) {
        r->oom = 1;
        free(t);
        json_decref(arr);
        return;
    }
    size_t n = reason_tallies(rows, t);
    qsort(t, n, sizeof(*t), tally_cmp);
    for (size_t i = 0; i < n; i++)
        append(r, arr,
               json_pack("{s:o,s:I,s:o}", "reason", str_or_null(t[i].name), "deals",
                         (json_int_t)t[i].n[0], "pct", share(t[i].n[0], lost)));
    free(t);
    put(r, r->obj, "lost", json_integer(lost));
    put(r, r->obj, "by_reason", arr);
}

#define NTRIGGERS 9 /* rp_vocab_trigger; one more slot for "not recorded" */

/* The days to close as the closed deals come, one at a time (there is one row per deal). */
struct cycles {
    struct report *r;
    int64_t sum[NTRIGGERS + 1][4]; /* per trigger: closed deals, their days, won, their days */
    char last[32];                 /* the last trigger looked up ("" none yet): deals */
    int last_t;                    /* in a row often share one; and its index */
};

/* The index of trigger KEY in rp_vocab_trigger, or -1. */
static int cycles_trigger(struct cycles *c, const char *key)
{
    if (!key)
        return -1;
    if (!*c->last || strcmp(c->last, key)) {
        c->last_t = rp_vocab_index(rp_vocab_trigger, key);
        snprintf(c->last, sizeof(c->last), "%s", c->last_t >= 0 ? key : "");
    }
    return c->last_t;
}

static void cycles_add(const struct rp_report_row *row, void *ctx)
{
    struct cycles *c = ctx;
    int t = cycles_trigger(c, row->key[0]);
    int64_t days = days_between(c->r, row->key[2], row->key[3]);
    t = t < 0 || t >= NTRIGGERS ? NTRIGGERS : t;
    c->sum[t][0]++;
    c->sum[t][1] += days;
    if (key_is(row, 1, "won"))
        c->sum[t][2]++, c->sum[t][3] += days;
}

static void winloss_cycles(struct report *r, const struct cycles *c)
{
    json_t *arr = json_array();
    for (int t = 0; t <= NTRIGGERS; t++)
        if (c->sum[t][0])
            append(r, arr,
                   json_pack("{s:o,s:I,s:o,s:I,s:o}", "trigger",
                             str_or_null(t < NTRIGGERS ? rp_vocab_trigger[t] : NULL), "deals",
                             (json_int_t)c->sum[t][0], "average_days",
                             average(c->sum[t][1], c->sum[t][0]), "won", (json_int_t)c->sum[t][2],
                             "won_average_days", average(c->sum[t][3], c->sum[t][2])));
    put(r, r->obj, "days_to_close", arr);
}

static enum rp_status report_winloss(struct report *r)
{
    struct cycles cycles = {.r = r};
    struct rp_report_rows rows[2] = {{0}, {.each = cycles_add, .ctx = &cycles}};
    enum rp_status rc;
    if (!(rc = fetch(r, RP_RQ_CLOSED, &rows[0])) && !(rc = fetch(r, RP_RQ_CYCLES, &rows[1]))) {
        winloss_outcomes(r, &rows[0]);
        winloss_reasons(r, &rows[0]);
        winloss_competitors(r, &rows[0]);
        winloss_cycles(r, &cycles);
    }
    rp_report_rows_release(&rows[0]);
    rp_report_rows_release(&rows[1]);
    return rc;
}

/* ---- push -------------------------------------------------------------------------------- */

static void push_outcomes(struct report *r, const struct rp_report_rows *rows)
{
    static const char *const settled[] = {"ignored", "informed", "revived", NULL};
    int64_t sent = rows_sum(rows, NULL, 0), pending = rows_sum(rows, "pending", 0);
    json_t *arr = json_array();
    for (int i = 0; settled[i]; i++) {
        int64_t n = rows_sum(rows, settled[i], 0);
        append(r, arr,
               json_pack("{s:s,s:I,s:o}", "outcome", settled[i], "pushes", (json_int_t)n, "pct",
                         share(n, sent - pending)));
    }
    put(r, r->obj, "sent", json_integer(sent));
    put(r, r->obj, "pending", json_integer(pending));
    put(r, r->obj, "settled", json_integer(sent - pending));
    put(r, r->obj, "outcomes", arr);
    put(r, r->obj, "revival_pct", share(rows_sum(rows, "revived", 0), sent - pending));
}

static void push_answers(struct report *r, const struct rp_report_rows *rows)
{
    int64_t *days = calloc(rows->n + 1, sizeof(*days));
    if (!days) {
        r->oom = 1;
        return;
    }
    for (size_t i = 0; i < rows->n; i++)
        days[i] = days_between(r, rows->items[i].key[0], rows->items[i].key[1]);
    put(r, r->obj, "answered", json_integer((json_int_t)rows->n));
    put(r, r->obj, "median_days_to_answer", median(days, rows->n));
    free(days);
}

static enum rp_status report_push(struct report *r)
{
    struct rp_report_rows rows[2] = {{0}};
    enum rp_status rc;
    if (!(rc = fetch(r, RP_RQ_PUSHES, &rows[0])) && !(rc = fetch(r, RP_RQ_ANSWERS, &rows[1]))) {
        push_outcomes(r, &rows[0]);
        push_answers(r, &rows[1]);
    }
    rp_report_rows_release(&rows[0]);
    rp_report_rows_release(&rows[1]);
    return rc;
}

/* ---- pipeline ---------------------------------------------------------------------------- */

#define NOPEN 5 /* lead .. negotiation, the first words of rp_vocab_stage */

/* The forecast.<stage> settings: how likely a deal at each open stage is to be won. */
static enum rp_status stage_percents(struct report *r, int64_t pct[NOPEN])
{
    enum rp_status rc = RP_OK;
    for (int s = 0; s < NOPEN && !rc; s++) {
        char key[32];
        snprintf(key, sizeof(key), "forecast.%s", rp_vocab_stage[s]);
        rc = rp_config_int(r->db, key, &pct[s]);
    }
    return rc;
}

static void pipeline_stages(struct report *r, const struct rp_report_rows *rows,
                            const int64_t pct[NOPEN])
{
    json_t *stages = json_array(), *forecast = json_array();
    for (int s = 0; s < NOPEN; s++) {
        json_t *values = json_array();
        for (size_t i = 0; i < rows->n; i++) {
            const struct rp_report_row *row = &rows->items[i];
            if (!key_is(row, 0, rp_vocab_stage[s]))
                continue;
            /* PCT is at most 100, so neither product can overflow. */
            int64_t weighted = row->n[1] / 100 * pct[s] + (row->n[1] % 100 * pct[s] + 50) / 100;
            money_add(r, values, row->key[1], "value_cents", row->n[1]);
            money_add(r, values, row->key[1], "weighted_cents", weighted);
            money_add(r, forecast, row->key[1], "deals", row->n[0]);
            money_add(r, forecast, row->key[1], "value_cents", row->n[1]);
            money_add(r, forecast, row->key[1], "weighted_cents", weighted);
        }
        append(r, stages,
               json_pack("{s:s,s:I,s:I,s:o}", "stage", rp_vocab_stage[s], "probability_pct",
                         (json_int_t)pct[s], "deals",
                         (json_int_t)rows_sum(rows, rp_vocab_stage[s], 0), "values", values));
    }
    put(r, r->obj, "open", json_integer(rows_sum(rows, NULL, 0)));
    put(r, r->obj, "stages", stages);
    put(r, r->obj, "forecast", forecast);
}

static void pipeline_no_next_step(struct report *r, const struct rp_report_rows *rows)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < rows->n; i++) {
        const struct rp_report_row *row = &rows->items[i];
        append(r, arr,
               json_pack("{s:I,s:s?,s:I,s:s?,s:s?,s:I,s:s?,s:o}", "deal_id", (json_int_t)row->n[0],
                         "deal", row->key[0], "account_id", (json_int_t)row->n[1], "account",
                         row->key[1], "stage", row->key[2], "value_cents", (json_int_t)row->n[2],
                         "currency", row->key[3], "last_contact_at", str_or_null(row->key[4])));
    }
    put(r, r->obj, "no_next_step", arr);
}

static enum rp_status report_pipeline(struct report *r)
{
    struct rp_report_rows rows[2] = {{0}};
    int64_t pct[NOPEN];
    enum rp_status rc;
    if (!(rc = stage_percents(r, pct)) && !(rc = fetch(r, RP_RQ_OPEN, &rows[0])) &&
        !(rc = fetch(r, RP_RQ_NO_NEXT_STEP, &rows[1]))) {
        pipeline_stages(r, &rows[0], pct);
        pipeline_no_next_step(r, &rows[1]);
    }
    rp_report_rows_release(&rows[0]);
    rp_report_rows_release(&rows[1]);
    return rc;
}

/* ---- activity ---------------------------------------------------------------------------- */

/* The won deals come as numbers of touches, each with how many deals had that many. */
static void activity_touches(struct report *r, const struct rp_report_rows *rows)
{
    size_t deals = 0, k = 0;
    int64_t total = 0;
    for (size_t i = 0; i < rows->n; i++)
        deals += (size_t)rows->items[i].n[1];
    int64_t *touches = calloc(deals + 1, sizeof(*touches));
    if (!touches) {
        r->oom = 1;
        return;
    }
    for (size_t i = 0; i < rows->n; i++)
        for (int64_t d = 0; d < rows->items[i].n[1]; d++)
            total += touches[k++] = rows->items[i].n[0];
    put(r, r->obj, "won_deals", json_integer((json_int_t)deals));
    put(r, r->obj, "touches", json_integer(total));
    put(r, r->obj, "touches_per_won_deal", average(total, (int64_t)deals));
    put(r, r->obj, "median_touches_per_won_deal", median(touches, deals));
    free(touches);
}

static void activity_styles(struct report *r, const struct rp_report_rows *rows)
{
    json_t *arr = json_array();
    int64_t all = 0, all_two_way = 0;
    for (int s = 0; rp_vocab_style[s]; s++) {
        int64_t contacts = 0, two_way = 0;
        for (size_t i = 0; i < rows->n; i++)
            if (key_is(&rows->items[i], 0, rp_vocab_style[s])) {
                contacts += rows->items[i].n[1];
                two_way += rows->items[i].n[0] ? rows->items[i].n[1] : 0;
            }
        all += contacts;
        all_two_way += two_way;
        append(r, arr,
               json_pack("{s:s,s:I,s:I,s:o}", "style", rp_vocab_style[s], "contacts",
                         (json_int_t)contacts, "two_way", (json_int_t)two_way, "pct",
                         share(two_way, contacts)));
    }
    put(r, r->obj, "contacts", json_integer(all));
    put(r, r->obj, "two_way", json_integer(all_two_way));
    put(r, r->obj, "two_way_pct", share(all_two_way, all));
    put(r, r->obj, "two_way_by_style", arr);
}

static void activity_meetings(struct report *r, const struct rp_report_rows *rows)
{
    /* booked, then one count per status (planned, held, no-show, rescheduled, cancelled),
     * too short, and too short then rescheduled */
    int64_t n[8] = {0};
    int rescheduled = rp_vocab_index(rp_vocab_meeting_status, "rescheduled");
    for (size_t i = 0; i < rows->n; i++) {
        const struct rp_report_row *row = &rows->items[i];
        int status = rp_vocab_index(rp_vocab_meeting_status, row->key[1] ? row->key[1] : "");
        int too_short = row->n[0] < rp_meeting_minutes_needed(row->key[0] ? row->key[0] : "");
        n[0] += row->n[1];
        if (status >= 0 && status < 5)
            n[1 + status] += row->n[1];
        n[6] += too_short ? row->n[1] : 0;
        n[7] += too_short && status == rescheduled ? row->n[1] : 0;
    }
    put(r, r->obj, "meetings",
        json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:o,s:o,s:I,s:o,s:I}", "booked", (json_int_t)n[0],
                  "planned", (json_int_t)n[1], "held", (json_int_t)n[2], "no_show",
                  (json_int_t)n[3], "rescheduled", (json_int_t)n[4], "cancelled", (json_int_t)n[5],
                  "no_show_pct", share(n[3], n[2] + n[3]), "rescheduled_pct", share(n[4], n[0]),
                  "too_short", (json_int_t)n[6], "too_short_pct", share(n[6], n[0]),
                  "too_short_rescheduled", (json_int_t)n[7]));
}

static enum rp_status report_activity(struct report *r)
{
    struct rp_report_rows rows[3] = {{0}};
    enum rp_status rc;
    if (!(rc = fetch(r, RP_RQ_WON_TOUCHES, &rows[0])) &&
        !(rc = fetch(r, RP_RQ_CONTACTS, &rows[1])) && !(rc = fetch(r, RP_RQ_MEETINGS, &rows[2]))) {
        activity_touches(r, &rows[0]);
        activity_styles(r, &rows[1]);
        activity_meetings(r, &rows[2]);
    }
    for (int i = 0; i < 3; i++)
        rp_report_rows_release(&rows[i]);
    return rc;
}

/* ---- the reports ------------------------------------------------------------------------- */

static const struct {
    const char *name;
    enum rp_status (*build)(struct report *r);
} reports[] = {
    {"winloss", report_winloss},
    {"push", report_push},
    {"pipeline", report_pipeline},
    {"activity", report_activity},
};

static json_t *date_or_null(int64_t day)
{
    char text[RP_DATE_LEN];
    if (day < 0)
        return json_null();
    rp_date_format(day, text);
    return json_string(text);
}

/* The range as instants: local midnight of SINCE up to local midnight after UNTIL. */
static enum rp_status report_range(struct rp_db *db, const struct rp_range *range, struct report *r)
{
    int64_t since = range ? range->since : -1, until = range ? range->until : -1;
    if (since >= 0 && until >= 0 && since > until) {
        char a[RP_DATE_LEN], b[RP_DATE_LEN];
        rp_date_format(since, a);
        rp_date_format(until, b);
        return rp_db_fail(db, RP_ERR_INVALID, "since",
                          "the range starts after it ends "
                          "(--since %s, --until %s)",
                          a, b);
    }
    if (since >= 0)
        rp_instant_format(rp_local_instant(since, 0, 0), r->from);
    /* Up to the last day a date can name is up to the end: the day after it has no text. */
    if (until >= 0 && until < RP_DAY_MAX)
        rp_instant_format(rp_local_instant(until + 1, 0, 0), r->to);
    return RP_OK;
}

static enum rp_status unknown_report(struct rp_db *db, const char *name)
{
    if (!name)
        return rp_db_fail(db, RP_ERR_USAGE, "report",
                          "missing report name (expected one of "
                          "winloss, push, pipeline, activity)");
    return rp_db_fail(db, RP_ERR_USAGE, "report",
                      "unknown report '%s' (expected one of "
                      "winloss, push, pipeline, activity)",
                      name);
}

enum rp_status rp_report_build(struct rp_db *db, const char *name, const struct rp_range *range,
                               json_t **out)
{
    struct report r = {.db = db};
    size_t i = 0;
    enum rp_status rc;
    while (name && i < sizeof(reports) / sizeof(reports[0]) && strcmp(reports[i].name, name))
        i++;
    if (!name || i == sizeof(reports) / sizeof(reports[0]))
        return unknown_report(db, name);
    if ((rc = report_range(db, range, &r)))
        return rc;
    r.obj =
        json_pack("{s:s,s:o,s:o}", "report", name, "since", date_or_null(range ? range->since : -1),
                  "until", date_or_null(range ? range->until : -1));
    if (!r.obj)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    rc = reports[i].build(&r);
    free(r.dates);
    if (!rc && r.oom)
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (rc) {
        json_decref(r.obj);
        return rc;
    }
    *out = r.obj;
    return RP_OK;
}
