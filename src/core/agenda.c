/* `rapport today`: DESIGN.md section 4. For each day, each rule reads its candidates from
 * the store (an indexed query each), decides with the deal's facts whether the item is on
 * the agenda, and says what to do and, where a message is due, drafts it. Holds suppress
 * outreach; a pending push silences the deal until it is answered or ignored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "core/db.h"
#include "core/drafts.h"
#include "core/rules.h"
#include "base/banned.h"

/* The kinds in priority order. */
enum kind {
    K_MEETING, K_TOO_SHORT, K_MISSED, K_DUE, K_HOLD_ENDS, K_PAYMENT_LATE, K_PUSH_IGNORED,
    K_PUSH_SUGGESTED, K_NO_SHOW, K_VERIFY_CLAIM, K_QUALIFY, K_CHECKIN, K_THANK_YOU,
    K_NO_NEXT_STEP, K_COUNT
};

static const char *const kind_names[K_COUNT] = {
    "meeting",      "meeting-too-short", "followup-missed", "followup-due", "hold-ends",
    "payment-late", "push-ignored",      "push-suggested",  "no-show",      "verify-claim",
    "qualify",      "checkin-due",       "thank-you",       "no-next-step",
};

struct agenda_settings {
    int64_t grace[3]; /* by style: direct, standard, gentle */
    int64_t push_touches, push_silence, push_ignored, noshow_days, thankyou_days, window;
};

struct agenda_run {
    struct rp_db *db;
    struct agenda_settings set;
    int64_t max_value;
    int64_t day;      /* D */
    size_t day_start; /* index of D's first item in out */
    struct rp_agenda *out;
};

static enum rp_status load_settings(struct rp_db *db, struct agenda_settings *s)
{
    static const char *const keys[] = {"grace.direct", "grace.standard", "grace.gentle",
                                       "push.touches", "push.silence-days",
                                       "push.ignored-days", "noshow.days", "thankyou.days",
                                       "decision.window-days"};
    int64_t *dest[] = {&s->grace[0],    &s->grace[1],      &s->grace[2],
                       &s->push_touches, &s->push_silence, &s->push_ignored,
                       &s->noshow_days,  &s->thankyou_days, &s->window};
    enum rp_status rc = RP_OK;
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]) && !rc; i++)
        rc = rp_config_int(db, keys[i], dest[i]);
    return rc;
}

static int64_t grace_of(const struct agenda_run *r, const char *style)
{
    int i = style ? rp_vocab_index(rp_vocab_style, style) : -1;
    return r->set.grace[i < 0 ? 1 : i];
}

static int is_outreach(enum kind k)
{
    return k != K_MEETING && k != K_TOO_SHORT && k != K_PAYMENT_LATE;
}

/* Holds: while one runs (D < until), no outreach. A pending push: no outreach but the
 * push's own follow-through, until they answer. */
static int suppressed(const struct agenda_run *r, enum kind k, const struct rp_candidate *c)
{
    if (!is_outreach(k))
        return 0;
    if (c->account_hold_until > r->day || c->deal_hold_until > r->day)
        return 1;
    return k != K_PUSH_IGNORED && c->has_facts && c->facts.pending_push_at >= 0;
}

static int candidate_score(const struct agenda_run *r, const struct rp_candidate *c)
{
    if (!c->deal_id)
        return 0;
    struct rp_score_input in = {c->trigger, c->urgency, c->decision_by,
                                c->has_facts ? c->facts.decision_contacts : 0, c->value_cents,
                                r->max_value, r->day, r->set.window};
    struct rp_score s;
    rp_score_compute(&in, &s);
    return s.total;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static struct rp_agenda_item *item_new(struct agenda_run *r)
{
    struct rp_agenda *a = r->out;
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 32;
        struct rp_agenda_item *items = realloc(a->items, cap * sizeof(*items));
        if (!items)
            return NULL;
        a->items = items;
        a->cap = cap;
    }
    struct rp_agenda_item *it = &a->items[a->n++];
    memset(it, 0, sizeof(*it));
    return it;
}

/* Adds an item of kind K for candidate C with the texts built in SUMMARY and ACTION. */
static enum rp_status add_item(struct agenda_run *r, enum kind k, const struct rp_candidate *c,
                               int64_t due, struct rp_buf *summary, struct rp_buf *action,
                               struct rp_agenda_item **out)
{
    struct rp_agenda_item *it = item_new(r);
    if (!it)
        return rp_db_fail(r->db, RP_ERR_INTERNAL, NULL, "out of memory");
    it->kind = kind_names[k];
    it->kind_rank = (int)k;
    it->date = r->day;
    it->account_id = c->account_id;
    it->deal_id = c->deal_id;
    it->contact_id = c->contact_id > 0 ? c->contact_id : 0;
    it->ref_id = c->ref_id;
    it->account = dup_or_null(c->account_name);
    it->deal = dup_or_null(c->deal_title);
    it->due = due;
    it->score = candidate_score(r, c);
    it->summary = rp_buf_detach(summary);
    it->action = rp_buf_detach(action);
    if (out)
        *out = it;
    return RP_OK;
}

/* "1 day", "2 days" */
static const char *days_word(int64_t n)
{
    return n == 1 ? "day" : "days";
}

static void date_text(struct rp_buf *b, int64_t day)
{
    char s[RP_DATE_LEN];
    rp_date_format(day, s);
    rp_buf_adds(b, s);
}

static void time_text(struct rp_buf *b, int64_t at)
{
    char s[RP_LOCAL_LEN];
    rp_local_format(at, s);
    rp_buf_adds(b, s + 11);
}

typedef enum rp_status (*rule_fn)(struct agenda_run *r, const struct rp_candidate *c);

/* Fetches the candidates of SET and applies RULE to each that is not suppressed for K. */
static enum rp_status apply(struct agenda_run *r, enum kind k, enum rp_candidate_set set,
                            const char *p1, const char *p2, rule_fn rule)
{
    struct rp_candidates list = {0};
    struct rp_scope scope;
    rp_scope_of(r->db, &scope);
    enum rp_status rc = rp_store_candidates(r->db->store, set, p1, p2, &scope, &list);
    for (size_t i = 0; i < list.n && !rc; i++)
        if (!suppressed(r, k, &list.items[i]))
            rc = rule(r, &list.items[i]);
    rp_candidates_release(&list);
    return rc;
}

/* ---- the rules, in priority order ------------------------------------------------ */

/* Practice 2: a meeting today. */
static enum rp_status rule_meeting(struct agenda_run *r, const struct rp_candidate *c)
{
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "%s meeting at ", c->text);
    time_text(&s, c->at);
    rp_buf_addf(&s, " (%lld min): %s", (long long)c->n1, c->deal_title);
    rp_buf_addf(&a, "Prepare: reread what you told them and what they claimed (rapport deal "
                    "show %lld)", (long long)c->deal_id);
    return add_item(r, K_MEETING, c, r->day, &s, &a, NULL);
}

/* Practice 2: an introduction needs an hour; if they only have half, reschedule. */
static enum rp_status rule_too_short(struct agenda_run *r, const struct rp_candidate *c)
{
    int need = rp_meeting_minutes_needed(c->text);
    if (c->n1 >= need)
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "%s meeting on ", c->text);
    date_text(&s, rp_local_date(c->at));
    rp_buf_addf(&s, " has %lld of the %d minutes it needs", (long long)c->n1, need);
    rp_buf_adds(&a, "Offer to reschedule so it gets the time it needs, or a quick call if the "
                    "need is immediate");
    struct rp_agenda_item *it;
    enum rp_status rc = add_item(r, K_TOO_SHORT, c, rp_local_date(c->at), &s, &a, &it);
    return rc ? rc : rp_draft_attach(r->db, RP_DRAFT_TOO_SHORT, c, r->day, it);
}

/* Practice 3: the agreed day passed in silence; remind them of exactly that. */
static enum rp_status rule_missed(struct agenda_run *r, const struct rp_candidate *c)
{
    const struct rp_deal_facts *f = &c->facts;
    int64_t made = c->day1, due = c->day2;
    if (due + grace_of(r, c->style) >= r->day || !c->has_facts)
        return RP_OK;
    if (f->last_two_way_at >= 0 && rp_local_date(f->last_two_way_at) > made)
        return RP_OK;
    if (f->last_out_at >= 0 && rp_local_date(f->last_out_at) > due)
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    struct rp_agenda_item *it;
    rp_buf_adds(&s, "On ");
    date_text(&s, made);
    rp_buf_adds(&s, " you agreed to speak again on ");
    date_text(&s, due);
    rp_buf_adds(&s, "; nothing since");
    rp_buf_adds(&a, "Remind them of exactly that agreement (draft below)");
    enum rp_status rc = add_item(r, K_MISSED, c, due, &s, &a, &it);
    return rc ? rc : rp_draft_attach(r->db, RP_DRAFT_FOLLOWUP_MISSED, c, r->day, it);
}

/* Practice 3: the agreed day is today (or just passed, within the style's grace). */
static enum rp_status rule_due(struct agenda_run *r, const struct rp_candidate *c)
{
    int64_t due = c->day2;
    if (r->day < due || r->day > due + grace_of(r, c->style))
        return RP_OK;
    if (c->has_facts && c->facts.last_out_at >= 0 && rp_local_date(c->facts.last_out_at) >= due)
        return RP_OK; /* already followed up */
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_adds(&s, due == r->day ? "Agreed to speak today" : "Agreed to speak on ");
    if (due != r->day)
        date_text(&s, due);
    if (c->text)
        rp_buf_addf(&s, ": %s", c->text);
    rp_buf_adds(&a, "Contact them as agreed on ");
    date_text(&a, c->day1);
    return add_item(r, K_DUE, c, due, &s, &a, NULL);
}

static enum rp_status rule_hold_ends(struct agenda_run *r, const struct rp_candidate *c)
{
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "Hold on the %s ends today", c->deal_id ? "deal" : "account");
    if (c->text)
        rp_buf_addf(&s, " (%s)", c->text);
    rp_buf_adds(&a, "You may reach out again: pick up where you left off");
    return add_item(r, K_HOLD_ENDS, c, c->day1, &s, &a, NULL);
}

/* Practice 8: notice late payments. */
static enum rp_status rule_payment_late(struct agenda_run *r, const struct rp_candidate *c)
{
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    struct rp_record amount;
    if (rp_record_init(&amount, RP_INVOICE))
        return rp_db_fail(r->db, RP_ERR_INTERNAL, NULL, "out of memory");
    rp_record_set_int(&amount, RP_INVOICE_AMOUNT_CENTS, c->n1);
    rp_buf_addf(&s, "Invoice %s for ", c->text ? c->text : "(no number)");
    rp_field_format(&amount, RP_INVOICE_AMOUNT_CENTS, &s);
    rp_buf_addf(&s, " %s is %lld %s late (due ", c->text2, (long long)(r->day - c->day1),
                days_word(r->day - c->day1));
    date_text(&s, c->day1);
    rp_buf_adds(&s, ")");
    rp_buf_adds(&a, "Ask kindly about the payment, and check the invoice reached the right "
                    "person");
    rp_record_release(&amount);
    struct rp_agenda_item *it;
    enum rp_status rc = add_item(r, K_PAYMENT_LATE, c, c->day1, &s, &a, &it);
    return rc ? rc : rp_draft_attach(r->db, RP_DRAFT_PAYMENT_LATE, c, r->day, it);
}

/* Practice 6: they ignored the push; that is an answer. */
static enum rp_status rule_push_ignored(struct agenda_run *r, const struct rp_candidate *c)
{
    if (rp_local_date(c->at) > r->day - r->set.push_ignored)
        return RP_OK;
    if (c->has_facts && c->facts.last_in_at >= c->at)
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "No answer %lld %s after the push of ",
                (long long)(r->day - rp_local_date(c->at)),
                days_word(r->day - rp_local_date(c->at)));
    date_text(&s, rp_local_date(c->at));
    rp_buf_addf(&a, "Close it as no-decision (rapport push outcome --deal %lld ignored) and "
                    "leave them alone", (long long)c->deal_id);
    return add_item(r, K_PUSH_IGNORED, c, rp_local_date(c->at), &s, &a, NULL);
}

/* Practice 6: everything answered, then silence despite several touches: one push. */
static enum rp_status rule_push_suggested(struct agenda_run *r, const struct rp_candidate *c)
{
    const struct rp_deal_facts *f = &c->facts;
    if (!c->stage || (strcmp(c->stage, "proposal") && strcmp(c->stage, "negotiation")))
        return RP_OK;
    if (f->quiet_touches < r->set.push_touches ||
        rp_local_date(f->first_quiet_touch_at) > r->day - r->set.push_silence)
        return RP_OK;
    if ((f->last_open_due >= 0 && f->last_open_due >= r->day) || f->planned_meetings ||
        f->unverified_claims || f->pushes)
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    struct rp_agenda_item *it;
    rp_buf_addf(&s, "Silent after %lld touches since ", (long long)f->quiet_touches);
    date_text(&s, rp_local_date(f->first_quiet_touch_at));
    rp_buf_adds(&s, "; everything answered");
    rp_buf_addf(&a, "Send one push to everyone involved (rapport push send --deal %lld), then "
                    "leave them alone", (long long)c->deal_id);
    enum rp_status rc = add_item(r, K_PUSH_SUGGESTED, c, -1, &s, &a, &it);
    if (!rc && !(rc = rp_push_draft(r->db, c->deal_id, &it->draft)))
        it->has_draft = 1;
    return rc;
}

/* Practice 2: track no-shows without notice, and reschedule. */
static enum rp_status rule_no_show(struct agenda_run *r, const struct rp_candidate *c)
{
    if (c->has_facts && c->facts.last_two_way_at > c->at)
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "No-show without notice at the %s meeting of ", c->text);
    date_text(&s, rp_local_date(c->at));
    rp_buf_adds(&a, "Reschedule: ask what came up and offer two new times");
    struct rp_agenda_item *it;
    enum rp_status rc = add_item(r, K_NO_SHOW, c, rp_local_date(c->at), &s, &a, &it);
    return rc ? rc : rp_draft_attach(r->db, RP_DRAFT_NO_SHOW, c, r->day, it);
}

/* Practice 5: a claim is a claim until clarified with an example. */
static enum rp_status rule_verify_claim(struct agenda_run *r, const struct rp_candidate *c)
{
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "They said: \"%s\" (unverified)", c->text);
    rp_buf_addf(&a, "Ask for clarification and an example, then rapport claim verify|clarify|"
                    "contradict %lld", (long long)c->ref_id);
    return add_item(r, K_VERIFY_CLAIM, c, -1, &s, &a, NULL);
}

/* Practice 1: why now, when do they decide, who else decides. */
static enum rp_status rule_qualify(struct agenda_run *r, const struct rp_candidate *c)
{
    static const struct {
        int gap;
        const char *what, *question;
    } gaps[] = {
        {RP_GAP_TRIGGER, "trigger", "Why are you looking at this now, what changed?"},
        {RP_GAP_DECISION, "decision date", "When will you decide, and how (budget review, "
                                           "management meeting)?"},
        {RP_GAP_DECIDERS, "deciders", "Who else decides with you, and does anyone have a "
                                      "veto?"},
    };
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    int first = 1;
    rp_buf_addf(&s, "At stage %s without ", c->stage);
    rp_buf_adds(&a, "Ask:");
    for (size_t i = 0; i < sizeof(gaps) / sizeof(gaps[0]); i++) {
        if (!(c->n1 & gaps[i].gap))
            continue;
        rp_buf_addf(&s, "%s%s", first ? "" : ", ", gaps[i].what);
        rp_buf_addf(&a, " %s", gaps[i].question);
        first = 0;
    }
    return add_item(r, K_QUALIFY, c, -1, &s, &a, NULL);
}

/* Practice 8: check in as they grow. Every N days: due N days after the last two-way
 * contact, and on the agenda from that day. */
static enum rp_status rule_checkin(struct agenda_run *r, const struct rp_candidate *c)
{
    int64_t last = c->at >= 0 ? rp_local_date(c->at) : -1;
    if (last >= 0 && r->day - last < c->n1)
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    if (last >= 0)
        rp_buf_addf(&s, "Check-in due: no two-way contact for %lld %s (every %lld)",
                    (long long)(r->day - last), days_word(r->day - last), (long long)c->n1);
    else
        rp_buf_addf(&s, "Check-in due: no two-way contact yet (every %lld %s)",
                    (long long)c->n1, days_word(c->n1));
    rp_buf_adds(&a, "Check in: how is it going, what has changed, any new people or plans?");
    struct rp_agenda_item *it;
    enum rp_status rc = add_item(r, K_CHECKIN, c, last >= 0 ? last + c->n1 : -1, &s, &a, &it);
    return rc ? rc : rp_draft_attach(r->db, RP_DRAFT_CHECKIN, c, r->day, it);
}

/* Practice 8: thank them. */
static enum rp_status rule_thank_you(struct agenda_run *r, const struct rp_candidate *c)
{
    int64_t won = rp_local_date(c->at);
    if (c->n1 > 0 || won > r->day)
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_adds(&s, "Won on ");
    date_text(&s, won);
    rp_buf_adds(&s, "; no thank-you card yet");
    rp_buf_adds(&a, "Send a thank-you card and offer coaching to get them started (log it "
                    "with --kind card)");
    struct rp_agenda_item *it;
    enum rp_status rc = add_item(r, K_THANK_YOU, c, won, &s, &a, &it);
    return rc ? rc : rp_draft_attach(r->db, RP_DRAFT_THANK_YOU, c, r->day, it);
}

static int deal_has_item_today(const struct agenda_run *r, int64_t deal_id)
{
    for (size_t i = r->day_start; i < r->out->n; i++)
        if (r->out->items[i].deal_id == deal_id)
            return 1;
    return 0;
}

/* Practice 3: every open deal deserves an agreed next step. */
static enum rp_status rule_no_next_step(struct agenda_run *r, const struct rp_candidate *c)
{
    if (deal_has_item_today(r, c->deal_id))
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "No next step agreed (stage %s)", c->stage);
    rp_buf_addf(&a, "Agree the next step (rapport agree --deal %lld --on DATE) or book a "
                    "meeting", (long long)c->deal_id);
    return add_item(r, K_NO_NEXT_STEP, c, -1, &s, &a, NULL);
}

/* ---- assembling the day ------------------------------------------------------------- */

static int item_cmp(const void *pa, const void *pb)
{
    const struct rp_agenda_item *a = pa, *b = pb;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->kind_rank != b->kind_rank)
        return a->kind_rank - b->kind_rank;
    if (a->score != b->score)
        return b->score - a->score;
    if (a->due != b->due)
        return a->due < b->due ? -1 : 1;
    if (a->deal_id != b->deal_id)
        return a->deal_id < b->deal_id ? -1 : 1;
    return (a->account_id > b->account_id) - (a->account_id < b->account_id);
}

static void instant_text(int64_t day, char out[RP_INSTANT_LEN])
{
    rp_instant_format(rp_local_instant(day, 0, 0), out);
}

static enum rp_status build_day(struct agenda_run *r)
{
    char d0[RP_INSTANT_LEN], d1[RP_INSTANT_LEN], noshow[RP_INSTANT_LEN], quiet[RP_INSTANT_LEN];
    char ignored[RP_INSTANT_LEN], won[RP_INSTANT_LEN], day[RP_DATE_LEN];
    int64_t D = r->day;
    instant_text(D, d0);
    instant_text(D + 1, d1);
    instant_text(D - r->set.noshow_days, noshow);
    instant_text(D - r->set.push_silence + 1, quiet);
    instant_text(D - r->set.push_ignored + 1, ignored);
    instant_text(D - r->set.thankyou_days, won);
    rp_date_format(D, day);
    r->day_start = r->out->n;
    enum rp_status rc;
    if ((rc = apply(r, K_MEETING, RP_CAND_MEETINGS, d0, d1, rule_meeting)) ||
        (rc = apply(r, K_TOO_SHORT, RP_CAND_MEETINGS, d0, "9999", rule_too_short)) ||
        (rc = apply(r, K_MISSED, RP_CAND_AGREEMENTS, day, NULL, rule_missed)) ||
        (rc = apply(r, K_DUE, RP_CAND_AGREEMENTS, day, NULL, rule_due)) ||
        (rc = apply(r, K_HOLD_ENDS, RP_CAND_ACCOUNT_HOLDS, day, day, rule_hold_ends)) ||
        (rc = apply(r, K_HOLD_ENDS, RP_CAND_DEAL_HOLDS, day, day, rule_hold_ends)) ||
        (rc = apply(r, K_PAYMENT_LATE, RP_CAND_INVOICES, day, NULL, rule_payment_late)) ||
        (rc = apply(r, K_PUSH_IGNORED, RP_CAND_PUSHES, ignored, NULL, rule_push_ignored)) ||
        (rc = apply(r, K_PUSH_SUGGESTED, RP_CAND_PUSH_READY, quiet, NULL, rule_push_suggested)) ||
        (rc = apply(r, K_NO_SHOW, RP_CAND_NOSHOWS, noshow, d1, rule_no_show)) ||
        (rc = apply(r, K_VERIFY_CLAIM, RP_CAND_CLAIMS, NULL, NULL, rule_verify_claim)) ||
        (rc = apply(r, K_QUALIFY, RP_CAND_QUALIFY, NULL, NULL, rule_qualify)) ||
        (rc = apply(r, K_CHECKIN, RP_CAND_CHECKINS, NULL, NULL, rule_checkin)) ||
        (rc = apply(r, K_THANK_YOU, RP_CAND_WON, won, NULL, rule_thank_you)) ||
        (rc = apply(r, K_NO_NEXT_STEP, RP_CAND_NO_NEXT_STEP, NULL, NULL, rule_no_next_step)))
        return rc;
    return RP_OK;
}

static void item_release(struct rp_agenda_item *it)
{
    free(it->account);
    free(it->deal);
    free(it->summary);
    free(it->action);
    rp_draft_release(&it->draft);
}

/* Over several days an item shows on the first day it applies only: the same kind for
 * the same record again on a later day is a repeat, even where its words count the days
 * ("2 days late"). Items are sorted by day, so the first one kept is the earliest. */
static void drop_repeats(struct rp_agenda *a)
{
    size_t keep = 0;
    for (size_t i = 0; i < a->n; i++) {
        struct rp_agenda_item *it = &a->items[i];
        int seen = 0;
        for (size_t k = 0; k < keep && !seen; k++) {
            const struct rp_agenda_item *o = &a->items[k];
            seen = o->date < it->date && o->kind_rank == it->kind_rank &&
                   o->ref_id == it->ref_id && o->deal_id == it->deal_id &&
                   o->account_id == it->account_id;
        }
        if (seen)
            item_release(it);
        else
            a->items[keep++] = *it;
    }
    a->n = keep;
}

enum rp_status rp_agenda_build(struct rp_db *db, int64_t from, int days, struct rp_agenda *out)
{
    struct agenda_run r = {.db = db, .out = out};
    *out = (struct rp_agenda){.from = from, .days = days};
    enum rp_status rc = load_settings(db, &r.set);
    if (!rc)
        rc = rp_store_max_open_value(db->store, &r.max_value);
    for (int i = 0; i < days && !rc; i++) {
        r.day = from + i;
        rc = build_day(&r);
    }
    if (rc) {
        rp_agenda_release(out);
        return rc;
    }
    if (out->n)
        qsort(out->items, out->n, sizeof(*out->items), item_cmp);
    if (days > 1)
        drop_repeats(out);
    return RP_OK;
}

void rp_agenda_release(struct rp_agenda *a)
{
    for (size_t i = 0; i < a->n; i++)
        item_release(&a->items[i]);
    free(a->items);
    a->items = NULL;
    a->n = a->cap = 0;
}

static json_t *id_or_null(int64_t id)
{
    return id > 0 ? json_integer(id) : json_null();
}

static json_t *date_or_null(int64_t day)
{
    char s[RP_DATE_LEN];
    if (day < 0)
        return json_null();
    rp_date_format(day, s);
    return json_string(s);
}

static json_t *item_json(const struct rp_agenda_item *it, size_t rank)
{
    json_t *o = json_pack("{s:s,s:I,s:o,s:s?,s:o,s:s?,s:o,s:o,s:o,s:i,s:s,s:s}", "kind",
                          it->kind, "rank", (json_int_t)rank, "account_id",
                          id_or_null(it->account_id), "account", it->account, "deal_id",
                          id_or_null(it->deal_id), "deal", it->deal, "contact_id",
                          id_or_null(it->contact_id), "date", date_or_null(it->date), "due",
                          date_or_null(it->due), "score", it->score, "summary", it->summary,
                          "action", it->action);
    if (o && it->has_draft)
        json_object_set_new(o, "draft", rp_draft_to_json(&it->draft));
    return o;
}

json_t *rp_agenda_to_json(const struct rp_agenda *a)
{
    json_t *items = json_array();
    for (size_t i = 0; items && i < a->n; i++)
        json_array_append_new(items, item_json(&a->items[i], i + 1));
    if (a->days == 1)
        return json_pack("{s:o,s:o}", "date", date_or_null(a->from), "items", items);
    return json_pack("{s:o,s:i,s:o}", "from", date_or_null(a->from), "days", a->days, "items",
                     items);
}

enum rp_status rp_deal_score(struct rp_db *db, int64_t deal_id, struct rp_score *out)
{
    struct rp_record deal, account;
    struct rp_deal_facts f = {0};
    int64_t max = 0, window = 90;
    enum rp_status rc = rp_get(db, RP_DEAL, deal_id, &deal);
    if (rc)
        return rc;
    if (!(rc = rp_get(db, RP_ACCOUNT, rp_record_int(&deal, RP_DEAL_ACCOUNT_ID, 0), &account))) {
        rc = rp_store_facts_get(db->store, deal_id, &f);
        if (!rc && !(rc = rp_store_max_open_value(db->store, &max)) &&
            !(rc = rp_config_int(db, "decision.window-days", &window))) {
            struct rp_score_input in = {rp_record_str(&account, RP_ACCOUNT_TRIGGER),
                                        rp_record_str(&account, RP_ACCOUNT_URGENCY),
                                        rp_record_int(&deal, RP_DEAL_DECISION_BY, -1),
                                        f.decision_contacts,
                                        rp_record_int(&deal, RP_DEAL_VALUE_CENTS, 0),
                                        max,
                                        rp_db_today(db),
                                        window};
            rp_score_compute(&in, out);
        }
        rp_record_release(&account);
    }
    rp_record_release(&deal);
    return rc;
}

json_t *rp_score_to_json(const struct rp_score *s)
{
    return json_pack("{s:i,s:{s:i,s:i,s:i,s:i,s:i}}", "total", s->total, "factors", "trigger",
                     s->trigger, "urgency", s->urgency, "decision_date", s->decision,
                     "decision_contact", s->contact, "value", s->value);
}
