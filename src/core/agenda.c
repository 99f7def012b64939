/* `rapport today`: DESIGN.md section 4. For each day, each rule reads its candidates from
 * the store (an indexed query each), decides with the deal's facts whether the item is on
 * the agenda, and says what to do and, where a message is due, drafts it.
 *
 * The agenda keeps two promises. Nothing slips: every live deal comes back when it should
 * (reminders repeat until they answer, a past meeting asks how it went, their call asks to
 * be returned, a deal quiet for too long is stale). Nothing nags: an item acted on goes
 * quiet until its next real moment (a retry interval after a touch, a promised day), and
 * one situation gives one item (the reach-out kinds below are one per deal and day, and an
 * account-level one yields to its deals'). Holds suppress outreach; a pending push silences
 * the deal until it is answered or ignored. Grace and intervals count working days. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/json_out.h"
#include "base/workdays.h"
#include "core/db.h"
#include "core/drafts.h"
#include "core/rules.h"
#include "base/grow.h"
#include "base/ids.h"
#include "base/banned.h"

/* The kinds in priority order. */
enum kind {
    K_MEETING,
    K_TOO_SHORT,
    K_MEETING_OUTCOME,
    K_PUSH_ANSWERED,
    K_CALL_BACK,
    K_MISSED,
    K_DUE,
    K_HOLD_ENDS,
    K_PAYMENT_LATE,
    K_PUSH_IGNORED,
    K_PUSH_SUGGESTED,
    K_NO_SHOW,
    K_VERIFY_CLAIM,
    K_QUALIFY,
    K_CONTRACT_ENDS,
    K_CHECKIN,
    K_THANK_YOU,
    K_STALE,
    K_NO_NEXT_STEP,
    K_COUNT
};

static const char *const kind_names[K_COUNT] = {
    "meeting",         "meeting-too-short", "meeting-outcome", "push-answered", "call-back",
    "followup-missed", "followup-due",      "hold-ends",       "payment-late",  "push-ignored",
    "push-suggested",  "no-show",           "verify-claim",    "qualify",       "contract-ends",
    "checkin-due",     "thank-you",         "stale",           "no-next-step",
};

static const char *const kind_titles[K_COUNT] = {
    "Meetings today",   "Meetings too short", "How did it go?",   "Answers to your push",
    "Calls to return",  "Missed follow-ups",  "Follow-ups due",   "Holds ending",
    "Late payments",    "Pushes ignored",     "Time for a push",  "No-shows",
    "Claims to verify", "To qualify",         "Contracts ending", "Check-ins due",
    "Thank-you cards",  "Gone quiet",         "No next step",
};

/* The record each kind's item is about (its id's number); hold-ends is a deal's or, with an
 * "a" before the number, an account's. */
static const enum rp_kind_id kind_refs[K_COUNT] = {
    [K_MEETING] = RP_MEETING,    [K_TOO_SHORT] = RP_MEETING,   [K_MEETING_OUTCOME] = RP_MEETING,
    [K_PUSH_ANSWERED] = RP_PUSH, [K_CALL_BACK] = RP_ACTIVITY,  [K_MISSED] = RP_AGREEMENT,
    [K_DUE] = RP_AGREEMENT,      [K_HOLD_ENDS] = RP_DEAL,      [K_PAYMENT_LATE] = RP_INVOICE,
    [K_PUSH_IGNORED] = RP_PUSH,  [K_PUSH_SUGGESTED] = RP_DEAL, [K_NO_SHOW] = RP_MEETING,
    [K_VERIFY_CLAIM] = RP_CLAIM, [K_QUALIFY] = RP_DEAL,        [K_CONTRACT_ENDS] = RP_ACCOUNT,
    [K_CHECKIN] = RP_ACCOUNT,    [K_THANK_YOU] = RP_DEAL,      [K_STALE] = RP_DEAL,
    [K_NO_NEXT_STEP] = RP_DEAL,
};

int rp_agenda_kind_ref(const char *kind, size_t len)
{
    for (int k = 0; k < K_COUNT; k++)
        if (strlen(kind_names[k]) == len && !strncmp(kind, kind_names[k], len))
            return (int)kind_refs[k];
    return -1;
}

const char *rp_agenda_kind_title(int kind_rank)
{
    return kind_rank >= 0 && kind_rank < K_COUNT ? kind_titles[kind_rank] : "";
}

/* What a kind is: outreach (a hold or a pending push keeps it away) and reach-out (one per
 * deal and day: the one message or call that deal gets today). */
enum { OUTREACH = 1, REACH_OUT = 2 };
static const unsigned char kind_traits[K_COUNT] = {
    [K_MISSED] = OUTREACH | REACH_OUT,
    [K_DUE] = OUTREACH | REACH_OUT,
    [K_HOLD_ENDS] = OUTREACH | REACH_OUT,
    [K_PUSH_IGNORED] = OUTREACH | REACH_OUT,
    [K_PUSH_SUGGESTED] = OUTREACH | REACH_OUT,
    [K_NO_SHOW] = OUTREACH | REACH_OUT,
    [K_VERIFY_CLAIM] = OUTREACH,
    [K_QUALIFY] = OUTREACH,
    [K_CONTRACT_ENDS] = OUTREACH | REACH_OUT,
    [K_CHECKIN] = OUTREACH | REACH_OUT,
    [K_THANK_YOU] = OUTREACH,
    [K_STALE] = OUTREACH | REACH_OUT,
    [K_NO_NEXT_STEP] = OUTREACH | REACH_OUT,
    [K_PUSH_ANSWERED] = REACH_OUT,
    [K_CALL_BACK] = REACH_OUT,
};

struct agenda_settings {
    int64_t grace[3], retry[3]; /* by style: direct, standard, gentle */
    int64_t stale[5];           /* by open stage */
    int64_t push_touches, push_silence, push_ignored, noshow_days, thankyou_days, window;
    int64_t checkin_retry, payment_retry, contract_notice;
    struct rp_workweek week;
};

struct agenda_run {
    struct rp_db *db;
    struct agenda_settings set;
    int64_t max_value;
    int64_t day;               /* D */
    size_t day_start;          /* index of D's first item in out */
    struct rp_snoozes snoozes; /* in force after the first day */
    struct rp_agenda *out;
    /* the deals of D's items before out->items[deals_to], sorted (deal_has_item_today) */
    int64_t *deals;
    size_t ndeals, deals_to;
};

static enum rp_status load_settings(struct rp_db *db, struct agenda_settings *s)
{
    static const char *const keys[] = {
        "grace.direct",         "grace.standard",     "grace.gentle",       "retry.direct",
        "retry.standard",       "retry.gentle",       "stale.lead",         "stale.qualified",
        "stale.meeting",        "stale.proposal",     "stale.negotiation",  "push.touches",
        "push.silence-days",    "push.ignored-days",  "noshow.days",        "thankyou.days",
        "decision.window-days", "checkin.retry-days", "payment.retry-days", "contract.notice-days"};
    int64_t *dest[] = {&s->grace[0],     &s->grace[1],      &s->grace[2],      &s->retry[0],
                       &s->retry[1],     &s->retry[2],      &s->stale[0],      &s->stale[1],
                       &s->stale[2],     &s->stale[3],      &s->stale[4],      &s->push_touches,
                       &s->push_silence, &s->push_ignored,  &s->noshow_days,   &s->thankyou_days,
                       &s->window,       &s->checkin_retry, &s->payment_retry, &s->contract_notice};
    enum rp_status rc = RP_OK;
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]) && !rc; i++)
        rc = rp_config_int(db, keys[i], dest[i]);
    return rc ? rc : rp_config_workweek(db, &s->week);
}

static int style_index(const char *style)
{
    int i = style ? rp_vocab_index(rp_vocab_style, style) : -1;
    return i < 0 ? 1 : i;
}

/* The Nth working day after DAY (DAY itself for N 0). */
static int64_t workdays_after(const struct agenda_run *r, int64_t day, int64_t n)
{
    return rp_workday_add(&r->set.week, day, n);
}

/* DAY, or the next working day when DAY is not one: nothing falls due on a Sunday. */
static int64_t working(const struct agenda_run *r, int64_t day)
{
    return rp_workday_on_or_after(&r->set.week, day);
}

static int64_t day_of(int64_t instant)
{
    return instant >= 0 ? rp_local_date(instant) : -1;
}

/* The last touch and the last outbound activity of a candidate: from the deal's facts, or
 * for an account's own agreement from the candidate's columns. */
static int64_t last_touch(const struct rp_candidate *c)
{
    return c->has_facts ? c->facts.last_touch_at : c->deal_id ? -1 : c->at2;
}

static int64_t last_out(const struct rp_candidate *c)
{
    return c->has_facts ? c->facts.last_out_at : c->deal_id ? -1 : c->at;
}

/* Nothing nags: after a touch at or after SINCE (an instant), a reach-out rests for the
 * style's retry interval. Whether it rests on D. */
static int resting(const struct agenda_run *r, const struct rp_candidate *c, int64_t since)
{
    int64_t touch = last_touch(c);
    if (touch < 0 || touch < since)
        return 0;
    return r->day < workdays_after(r, day_of(touch), r->set.retry[style_index(c->style)]);
}

/* Holds: while one runs (D < until), no outreach. A pending push: no outreach but the
 * push's own follow-through, until they answer. */
static int suppressed(const struct agenda_run *r, enum kind k, const struct rp_candidate *c)
{
    if (!(kind_traits[k] & OUTREACH))
        return 0;
    if (c->account_hold_until > r->day || c->deal_hold_until > r->day)
        return 1;
    return k != K_PUSH_IGNORED && c->has_facts && c->facts.pending_push_at >= 0;
}

static int candidate_score(const struct agenda_run *r, const struct rp_candidate *c)
{
    if (!c->deal_id)
        return 0;
    struct rp_score_input in = {
        c->trigger,     c->urgency,   c->decision_by, c->has_facts ? c->facts.decision_contacts : 0,
        c->value_cents, r->max_value, r->day,         r->set.window};
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
    if (RP_GROW(a->items, a->n + 1, a->cap))
        return NULL;
    struct rp_agenda_item *it = &a->items[a->n++];
    memset(it, 0, sizeof(*it));
    return it;
}

/* The item id: the kind and the record it is about. An account's hold is told apart from a
 * deal's by an "a" before the account id. */
static void item_id(struct rp_agenda_item *it)
{
    int account_hold = !strcmp(it->kind, "hold-ends") && !it->deal_id;
    snprintf(it->id, sizeof(it->id), "%s:%s%lld", it->kind, account_hold ? "a" : "",
             (long long)it->ref_id);
}

/* The end of the snooze in force on D for item ID, else 0. A snoozed item stays in the
 * day's list while the rules run (it is the deal's item today: no other takes its place)
 * and is left out at the end. */
static int64_t snoozed_until(const struct agenda_run *r, const char *id)
{
    for (size_t i = 0; i < r->snoozes.n; i++)
        if (r->snoozes.items[i].until > r->day && !strcmp(r->snoozes.items[i].item, id))
            return r->snoozes.items[i].until;
    return 0;
}

/* Adds an item of kind K for candidate C with the texts built in SUMMARY and ACTION. */
static enum rp_status add_item(struct agenda_run *r, enum kind k, const struct rp_candidate *c,
                               int64_t due, struct rp_buf *summary, struct rp_buf *action,
                               struct rp_agenda_item **out)
{
    struct rp_agenda_item *it = item_new(r);
    if (!it) {
        rp_buf_release(summary);
        rp_buf_release(action);
        rp_db_fail(r->db, RP_ERR_INTERNAL, NULL, "out of memory");
        return RP_ERR_INTERNAL;
    }
    it->kind = kind_names[k];
    it->kind_rank = (int)k;
    it->date = r->day;
    it->account_id = c->account_id;
    it->deal_id = c->deal_id;
    it->contact_id = c->contact_id > 0 ? c->contact_id : 0;
    it->ref_id = c->ref_id;
    it->owner_id = c->owner_id;
    it->account = dup_or_null(c->account_name);
    it->deal = dup_or_null(c->deal_title);
    it->at = -1;
    it->due = due;
    it->score = candidate_score(r, c);
    it->last_touch_at = last_touch(c);
    it->last_two_way_at = c->has_facts ? c->facts.last_two_way_at : -1;
    it->summary = rp_buf_detach(summary);
    it->action = rp_buf_detach(action);
    item_id(it);
    it->snoozed_until = snoozed_until(r, it->id);
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

/* Marks IT as calling for a draft of KIND, built once the agenda's items are settled
 * (fill_who): an item that yields to another costs no draft. */
static enum rp_status draft_due(struct rp_agenda_item *it, enum rp_draft_kind kind,
                                const struct rp_candidate *c)
{
    it->draft_due = (int)kind + 1;
    it->style = rp_vocab_style[style_index(c->style)];
    return RP_OK;
}

typedef enum rp_status (*rule_fn)(struct agenda_run *r, const struct rp_candidate *c);

/* Applies RULE to each candidate of LIST (read with status RC) not suppressed for K. */
static enum rp_status apply_each(struct agenda_run *r, enum kind k,
                                 const struct rp_candidates *list, enum rp_status rc, rule_fn rule)
{
    for (size_t i = 0; i < list->n && !rc; i++)
        if (!suppressed(r, k, &list->items[i]))
            rc = rule(r, &list->items[i]);
    return rc;
}

/* As apply_each, then releases LIST. */
static enum rp_status apply_to(struct agenda_run *r, enum kind k, struct rp_candidates *list,
                               enum rp_status rc, rule_fn rule)
{
    rc = apply_each(r, k, list, rc, rule);
    rp_candidates_release(list);
    return rc;
}

/* A day's candidate set's parameters, as build_day reads them. */
struct day_read {
    const char *p[10];
    int n;
};

/* D's place in the agenda's days, 0 for its first. */
static int day_index(const struct agenda_run *r, int64_t D)
{
    return (int)(D - r->out->from);
}

/* The candidates of SET with the parameters of READS (by set). */
static enum rp_status read_day(struct agenda_run *r, const struct day_read *reads,
                               enum rp_candidate_set set, struct rp_candidates *list)
{
    struct rp_scope scope;
    rp_scope_of(r->db, &scope);
    return rp_store_candidates(r->db->store, set, reads[set].p, reads[set].n, &scope,
                               day_index(r, r->day), list);
}

/* Fetches the candidates of SET with the parameters of READS and applies RULE to them. */
static enum rp_status apply_day(struct agenda_run *r, enum kind k, const struct day_read *reads,
                                enum rp_candidate_set set, rule_fn rule)
{
    struct rp_candidates list = {0};
    enum rp_status rc = read_day(r, reads, set, &list);
    return apply_to(r, k, &list, rc, rule);
}

/* A future conversation is already set up: an agreed day after D or a meeting from D on.
 * Questions to ask (claims to verify, qualification) wait for it. */
static int conversation_ahead(const struct agenda_run *r, const struct rp_candidate *c)
{
    const struct rp_deal_facts *f = &c->facts;
    return c->has_facts && (f->last_open_due > r->day || day_of(f->next_meeting_at) >= r->day);
}

/* The deals of D's items are kept sorted up to an item, sorted again once those after it
 * outnumber them: a whole book's day has thousands of items, and thousands of stale deals
 * to test, which a look through every item made quadratic. Without memory for them, every
 * item is looked through. */
static void deals_sort(struct agenda_run *r)
{
    size_t n = r->out->n;
    int64_t *deals = realloc(r->deals, (n - r->day_start) * sizeof(*deals));
    if (!deals)
        return;
    r->deals = deals;
    r->ndeals = 0;
    for (size_t i = r->day_start; i < n; i++)
        deals[r->ndeals++] = r->out->items[i].deal_id;
    r->ndeals = rp_ids_sort(deals, r->ndeals);
    r->deals_to = n;
}

static int deal_has_item_today(struct agenda_run *r, int64_t deal_id)
{
    if (r->out->n - r->deals_to > r->ndeals + 16)
        deals_sort(r);
    if (rp_ids_find(r->deals, r->ndeals, deal_id) < r->ndeals)
        return 1;
    for (size_t i = r->deals_to; i < r->out->n; i++)
        if (r->out->items[i].deal_id == deal_id)
            return 1;
    return 0;
}

/* ---- the rules, in priority order ------------------------------------------------ */

static int meeting_short_by(const struct rp_candidate *c)
{
    int need = rp_meeting_minutes_needed(c->text);
    return c->n1 < need ? need - (int)c->n1 : 0;
}

/* Practice 2: a meeting today, with a warning when it is too short for its kind. */
static enum rp_status rule_meeting(struct agenda_run *r, const struct rp_candidate *c)
{
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    struct rp_agenda_item *it;
    rp_buf_addf(&s, "%s meeting at ", c->text);
    time_text(&s, c->at);
    rp_buf_addf(&s, " (%lld min): %s", (long long)c->n1, c->deal_title);
    if (meeting_short_by(c))
        rp_buf_addf(&s, "; %d minute%s short of the %d it needs", meeting_short_by(c),
                    meeting_short_by(c) == 1 ? "" : "s", rp_meeting_minutes_needed(c->text));
    rp_buf_addf(&a,
                "Prepare: reread what you told them and what they claimed (rapport deal "
                "show %lld)",
                (long long)c->deal_id);
    if (meeting_short_by(c))
        rp_buf_adds(&a, "; if the time is too short, offer to reschedule");
    enum rp_status rc = add_item(r, K_MEETING, c, r->day, &s, &a, &it);
    if (!rc)
        it->at = c->at;
    return rc;
}

/* Practice 2: an introduction needs an hour; if they only have half, reschedule. On the
 * meeting's own day the meeting item carries the warning. */
static enum rp_status rule_too_short(struct agenda_run *r, const struct rp_candidate *c)
{
    int need = rp_meeting_minutes_needed(c->text);
    if (c->n1 >= need || day_of(c->at) <= r->day)
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    struct rp_agenda_item *it;
    rp_buf_addf(&s, "%s meeting on ", c->text);
    date_text(&s, day_of(c->at));
    rp_buf_addf(&s, " has %lld of the %d minutes it needs", (long long)c->n1, need);
    rp_buf_addf(&a,
                "Offer to reschedule so it gets the time it needs, or a quick call if the "
                "need is immediate (rapport meet reschedule %lld --at TIME --minutes %d)",
                (long long)c->ref_id, need);
    enum rp_status rc = add_item(r, K_TOO_SHORT, c, day_of(c->at), &s, &a, &it);
    if (!rc)
        it->at = c->at;
    return rc ? rc : draft_due(it, RP_DRAFT_TOO_SHORT, c);
}

/* Nothing slips: a planned meeting whose day has passed asks how it went. */
static enum rp_status rule_meeting_outcome(struct agenda_run *r, const struct rp_candidate *c)
{
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    struct rp_agenda_item *it;
    rp_buf_addf(&s, "How did the %s meeting of ", c->text);
    date_text(&s, day_of(c->at));
    rp_buf_adds(&s, " go? It is still marked planned");
    rp_buf_addf(&a,
                "Record it: rapport meet held %lld (then agree the next step), meet no-show "
                "%lld, or meet reschedule %lld --at TIME",
                (long long)c->ref_id, (long long)c->ref_id, (long long)c->ref_id);
    enum rp_status rc = add_item(r, K_MEETING_OUTCOME, c, day_of(c->at), &s, &a, &it);
    if (!rc)
        it->at = c->at;
    return rc;
}

/* Practice 6: about 30% come back after the push ("wait, we're not done!"): answer at once. */
static enum rp_status rule_push_answered(struct agenda_run *r, const struct rp_candidate *c)
{
    if (!c->has_facts || c->facts.last_in_at < c->at || day_of(c->facts.last_in_at) > r->day)
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_adds(&s, "They answered your push of ");
    date_text(&s, day_of(c->at));
    rp_buf_adds(&s, " on ");
    date_text(&s, day_of(c->facts.last_in_at));
    rp_buf_addf(&a,
                "Respond today, then record what they said (rapport push outcome --deal %lld "
                "revived|informed) and agree the next step",
                (long long)c->deal_id);
    return add_item(r, K_PUSH_ANSWERED, c, day_of(c->facts.last_in_at), &s, &a, NULL);
}

/* "He called and I missed it": not a conversation, a call to return. */
static enum rp_status rule_call_back(struct agenda_run *r, const struct rp_candidate *c)
{
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "They tried to reach you (%s on ", c->text);
    date_text(&s, day_of(c->at));
    rp_buf_adds(&s, ") and nobody answered");
    rp_buf_adds(&a, "Call them back");
    return add_item(r, K_CALL_BACK, c, day_of(c->at), &s, &a, NULL);
}

/* Practice 6: a deal in proposal or negotiation, silent after several touches over two
 * weeks, with everything answered (no agreed day ahead, no meeting, no open claim) and
 * never pushed. Then reminders give way to the push. */
static int push_ready(const struct agenda_run *r, const struct rp_candidate *c)
{
    const struct rp_deal_facts *f = &c->facts;
    if (!c->has_facts || !c->stage ||
        (strcmp(c->stage, "proposal") && strcmp(c->stage, "negotiation")))
        return 0;
    if (f->quiet_touches < r->set.push_touches ||
        r->day < working(r, day_of(f->first_quiet_touch_at) + r->set.push_silence))
        return 0;
    return !((f->last_open_due >= 0 && f->last_open_due >= r->day) || f->planned_meetings ||
             f->unverified_claims || f->pushes);
}

/* The first day an agreement due on DUE counts as missed: after the style's grace, in
 * working days (a Friday agreement with a direct customer is missed on Monday). */
static int64_t missed_from(const struct agenda_run *r, const struct rp_candidate *c, int64_t due)
{
    return workdays_after(r, working(r, due), r->set.grace[style_index(c->style)] + 1);
}

/* Practice 3: the agreed day passed in silence; remind them of exactly that, and again at
 * the style's interval until they answer or you push. A two-way contact on or after the
 * agreed day keeps the agreement (it is closed then); contact between the day it was made
 * and the agreed day does not. A touch on the agreed day is not yet a reminder. */
static enum rp_status rule_missed(struct agenda_run *r, const struct rp_candidate *c)
{
    int64_t made = c->day1, due = c->day2, touched = day_of(last_touch(c));
    if (r->day < missed_from(r, c, due) ||
        (c->has_facts && day_of(c->facts.last_two_way_at) >= due))
        return RP_OK;
    if (resting(r, c, rp_local_instant(due + 1, 0, 0)) || push_ready(r, c))
        return RP_OK;
    int reminded = touched > due;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    struct rp_agenda_item *it;
    rp_buf_adds(&s, "On ");
    date_text(&s, made);
    rp_buf_adds(&s, " you agreed to speak again on ");
    date_text(&s, due);
    if (reminded) {
        rp_buf_adds(&s, "; reminded on ");
        date_text(&s, touched);
        rp_buf_adds(&s, ", no answer yet");
    } else {
        rp_buf_adds(&s, "; nothing since");
    }
    rp_buf_adds(&a, reminded ? "Remind them again (draft below), or push if everything is "
                               "answered"
                             : "Remind them of exactly that agreement (draft below)");
    enum rp_status rc = add_item(r, K_MISSED, c, due, &s, &a, &it);
    return rc ? rc : draft_due(it, RP_DRAFT_FOLLOWUP_MISSED, c);
}

/* Practice 3: the agreed day is today (or just passed, within the style's grace). */
static enum rp_status rule_due(struct agenda_run *r, const struct rp_candidate *c)
{
    int64_t due = c->day2;
    if (r->day < due || r->day >= missed_from(r, c, due))
        return RP_OK;
    if (day_of(last_out(c)) >= due)
        return RP_OK; /* already followed up */
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_adds(&s, due == r->day ? "Agreed to speak today" : "Agreed to speak on ");
    if (due != r->day)
        date_text(&s, due);
    if (c->text)
        rp_buf_addf(&s, ": %s", c->text);
    rp_buf_adds(&a, due == r->day ? "Contact them today, as you agreed on "
                                  : "Contact them now, as you agreed on ");
    date_text(&a, c->day1);
    return add_item(r, K_DUE, c, due, &s, &a, NULL);
}

/* Practice 3: the room they asked for is over. Gone once you have reached out or spoken. */
static enum rp_status rule_hold_ends(struct agenda_run *r, const struct rp_candidate *c)
{
    int64_t reached = c->deal_id ? (c->has_facts ? c->facts.last_out_at : -1) : c->at;
    if (c->deal_id && c->has_facts && c->facts.last_two_way_at > reached)
        reached = c->facts.last_two_way_at;
    if (day_of(reached) >= r->day)
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "Hold on the %s ends today", c->deal_id ? "deal" : "account");
    if (c->text)
        rp_buf_addf(&s, " (%s)", c->text);
    rp_buf_adds(&a, "You may reach out again: pick up where you left off");
    return add_item(r, K_HOLD_ENDS, c, c->day1, &s, &a, NULL);
}

/* Practice 8: notice late payments, and ask again at an interval, not every morning; a
 * promise to pay by a day is waited for. */
static enum rp_status rule_payment_late(struct agenda_run *r, const struct rp_candidate *c)
{
    int64_t due = c->day1, asked = day_of(c->at), promised = c->day2;
    int64_t since = promised > due ? promised : due;
    if (r->day < working(r, since + 1))
        return RP_OK;
    if (asked > since && r->day < workdays_after(r, asked, r->set.payment_retry))
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    struct rp_record amount;
    if (rp_record_init(&amount, RP_INVOICE))
        return rp_db_fail(r->db, RP_ERR_INTERNAL, NULL, "out of memory");
    rp_record_set_int(&amount, RP_INVOICE_AMOUNT_CENTS, c->n1);
    rp_buf_addf(&s, "Invoice %s for ", c->text ? c->text : "(no number)");
    rp_field_format(&amount, RP_INVOICE_AMOUNT_CENTS, &s);
    rp_buf_addf(&s, " %s is %lld %s late (due ", c->text2, (long long)(r->day - due),
                days_word(r->day - due));
    date_text(&s, due);
    rp_buf_adds(&s, ")");
    if (promised >= 0) {
        rp_buf_adds(&s, "; promised by ");
        date_text(&s, promised);
    }
    if (asked > due) {
        rp_buf_adds(&s, "; last contact ");
        date_text(&s, asked);
    }
    rp_buf_addf(&a,
                "Ask kindly about the payment, and check the invoice reached the right "
                "person (rapport invoice paid %lld once it is in, or invoice promise %lld "
                "--on DATE)",
                (long long)c->ref_id, (long long)c->ref_id);
    rp_record_release(&amount);
    struct rp_agenda_item *it;
    enum rp_status rc = add_item(r, K_PAYMENT_LATE, c, due, &s, &a, &it);
    return rc ? rc : draft_due(it, RP_DRAFT_PAYMENT_LATE, c);
}

/* Practice 6: they ignored the push; that is an answer. */
static enum rp_status rule_push_ignored(struct agenda_run *r, const struct rp_candidate *c)
{
    int64_t sent = day_of(c->at);
    if (r->day < working(r, sent + r->set.push_ignored))
        return RP_OK;
    if (c->has_facts && c->facts.last_in_at >= c->at)
        return RP_OK; /* answered: push-answered */
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "No answer %lld %s after the push of ", (long long)(r->day - sent),
                days_word(r->day - sent));
    date_text(&s, sent);
    rp_buf_addf(&a,
                "Close it as no-decision (rapport push outcome --deal %lld ignored) and "
                "leave them alone",
                (long long)c->deal_id);
    return add_item(r, K_PUSH_IGNORED, c, sent, &s, &a, NULL);
}

/* Practice 6: everything answered, then silence despite several touches: one push. */
static enum rp_status rule_push_suggested(struct agenda_run *r, const struct rp_candidate *c)
{
    const struct rp_deal_facts *f = &c->facts;
    if (!push_ready(r, c))
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    struct rp_agenda_item *it;
    rp_buf_addf(&s, "Silent after %lld touches since ", (long long)f->quiet_touches);
    date_text(&s, day_of(f->first_quiet_touch_at));
    rp_buf_adds(&s, "; everything answered");
    rp_buf_addf(&a,
                "Send one push to everyone involved (rapport push send --deal %lld), then "
                "leave them alone",
                (long long)c->deal_id);
    enum rp_status rc = add_item(r, K_PUSH_SUGGESTED, c, -1, &s, &a, &it);
    return rc ? rc : draft_due(it, RP_DRAFT_PUSH, c);
}

/* A training or support meeting of a won deal: the customer is served after the sale. */
static int after_sale(const struct rp_candidate *c)
{
    return c->stage && !strcmp(c->stage, "won") && c->text &&
           (!strcmp(c->text, "training") || !strcmp(c->text, "support"));
}

/* Practice 2: track no-shows without notice, and reschedule. Once a new meeting is booked,
 * or after a touch (for the retry interval), it rests. */
static enum rp_status rule_no_show(struct agenda_run *r, const struct rp_candidate *c)
{
    const struct rp_deal_facts *f = &c->facts;
    if (c->has_facts && (f->last_two_way_at > c->at || f->next_meeting_at > c->at))
        return RP_OK;
    if (resting(r, c, c->at) || !(c->has_facts && (f->is_open || after_sale(c))))
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "No-show without notice at the %s meeting of ", c->text);
    date_text(&s, day_of(c->at));
    rp_buf_addf(&a,
                "Reschedule: ask what came up and offer two new times (rapport meet "
                "reschedule %lld --at TIME)",
                (long long)c->ref_id);
    struct rp_agenda_item *it;
    enum rp_status rc = add_item(r, K_NO_SHOW, c, day_of(c->at), &s, &a, &it);
    return rc ? rc : draft_due(it, RP_DRAFT_NO_SHOW, c);
}

/* Practice 5: a claim is a claim until clarified with an example. Asked at the next
 * conversation: when one is set up already, the question waits for it. */
static enum rp_status rule_verify_claim(struct agenda_run *r, const struct rp_candidate *c)
{
    if (conversation_ahead(r, c) || resting(r, c, 0))
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "They said: \"%s\" (unverified)", c->text);
    rp_buf_addf(&a,
                "Ask for clarification and an example, then rapport claim verify|clarify|"
                "contradict %lld",
                (long long)c->ref_id);
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
        {RP_GAP_DECISION, "decision date",
         "When will you decide, and how (budget review, "
         "management meeting)?"},
        {RP_GAP_DECIDERS, "deciders",
         "Who else decides with you, and does anyone have a "
         "veto?"},
    };
    if (conversation_ahead(r, c) || resting(r, c, 0))
        return RP_OK;
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

/* Practice 1: a contract ending is a trigger; call some weeks before it ends, once. */
static enum rp_status rule_contract_ends(struct agenda_run *r, const struct rp_candidate *c)
{
    int64_t ends = c->day1, window = ends - r->set.contract_notice;
    if (r->day < working(r, window) || day_of(c->at) >= window)
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "Their contract%s%s ends on ", c->text ? " with " : "", c->text ? c->text : "");
    date_text(&s, ends);
    rp_buf_adds(&a, "Call them now: the end of a contract is the moment to decide");
    return add_item(r, K_CONTRACT_ENDS, c, ends, &s, &a, NULL);
}

/* Practice 8: check in as they grow. Every N days: due N days after the last two-way
 * contact (on a working day). A small update from you rests it for the retry interval. */
static enum rp_status rule_checkin(struct agenda_run *r, const struct rp_candidate *c)
{
    int64_t last = day_of(c->at), touched = day_of(c->at2);
    int64_t due = last >= 0 ? working(r, last + c->n1) : -1;
    if (r->day < due)
        return RP_OK;
    if (touched >= 0 && touched >= due && r->day < workdays_after(r, touched, r->set.checkin_retry))
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    if (last >= 0)
        rp_buf_addf(&s, "Check-in due: no two-way contact for %lld %s (every %lld)",
                    (long long)(r->day - last), days_word(r->day - last), (long long)c->n1);
    else
        rp_buf_addf(&s, "Check-in due: no two-way contact yet (every %lld %s)", (long long)c->n1,
                    days_word(c->n1));
    rp_buf_adds(&a, "Check in: how is it going, what has changed, any new people or plans?");
    struct rp_agenda_item *it;
    enum rp_status rc = add_item(r, K_CHECKIN, c, last >= 0 ? last + c->n1 : -1, &s, &a, &it);
    return rc ? rc : draft_due(it, RP_DRAFT_CHECKIN, c);
}

/* Practice 8: thank them. */
static enum rp_status rule_thank_you(struct agenda_run *r, const struct rp_candidate *c)
{
    int64_t won = day_of(c->at);
    if (won > r->day)
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_adds(&s, "Won on ");
    date_text(&s, won);
    rp_buf_adds(&s, "; no thank-you card yet");
    rp_buf_adds(&a, "Send a thank-you card and offer coaching to get them started (log it "
                    "with --kind card)");
    struct rp_agenda_item *it;
    enum rp_status rc = add_item(r, K_THANK_YOU, c, won, &s, &a, &it);
    return rc ? rc : draft_due(it, RP_DRAFT_THANK_YOU, c);
}

static int64_t stale_days(const struct agenda_run *r, const char *stage)
{
    int i = stage ? rp_vocab_index(rp_vocab_stage, stage) : -1;
    return i >= 0 && i < 5 ? r->set.stale[i] : r->set.stale[0];
}

/* A conversation is set up within the coming working week: an agreed day or a meeting. */
static int conversation_soon(const struct agenda_run *r, const struct rp_candidate *c)
{
    const struct rp_deal_facts *f = &c->facts;
    int64_t soon = workdays_after(r, r->day, 5), meeting = day_of(f->next_meeting_at);
    return (f->last_open_due >= r->day && f->last_open_due <= soon) ||
           (meeting >= r->day && meeting <= soon);
}

/* The safety net (Pipedrive's rotting deals): an open deal without two-way contact for the
 * stage's working days comes back, whatever its agreements say (an agreed day months away
 * does not keep a deal alive), unless something else for it is on today's agenda or a
 * conversation is set up within the week. */
static enum rp_status rule_stale(struct agenda_run *r, const struct rp_candidate *c)
{
    const struct rp_deal_facts *f = &c->facts;
    int64_t quiet = day_of(f->quiet_since);
    if (!c->has_facts || r->day < workdays_after(r, quiet, stale_days(r, c->stage)) ||
        resting(r, c, f->quiet_since) || conversation_soon(r, c) ||
        deal_has_item_today(r, c->deal_id))
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    if (f->last_two_way_at >= 0 && f->last_two_way_at == f->quiet_since)
        rp_buf_addf(&s, "No two-way contact for %lld days (since ", (long long)(r->day - quiet));
    else
        rp_buf_addf(&s,
                    "Nothing heard for %lld days (no two-way contact since the deal opened "
                    "or its next step was agreed, on ",
                    (long long)(r->day - quiet));
    date_text(&s, quiet);
    rp_buf_addf(&s, "; stage %s)", c->stage);
    rp_buf_addf(&a,
                "Reach them: a call, or a short note with something useful; then agree the "
                "next step (rapport agree --deal %lld --on DATE)",
                (long long)c->deal_id);
    return add_item(r, K_STALE, c, quiet, &s, &a, NULL);
}

/* Practice 3: every open deal deserves an agreed next step. */
static enum rp_status rule_no_next_step(struct agenda_run *r, const struct rp_candidate *c)
{
    if (deal_has_item_today(r, c->deal_id) || resting(r, c, 0))
        return RP_OK;
    struct rp_buf s = RP_BUF_INIT, a = RP_BUF_INIT;
    rp_buf_addf(&s, "No next step agreed (stage %s)", c->stage);
    rp_buf_addf(&a,
                "Agree the next step (rapport agree --deal %lld --on DATE) or book a "
                "meeting",
                (long long)c->deal_id);
    return add_item(r, K_NO_NEXT_STEP, c, -1, &s, &a, NULL);
}

/* ---- assembling the day ------------------------------------------------------------- */

int rp_agenda_item_cmp(const struct rp_agenda_item *a, const struct rp_agenda_item *b)
{
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->kind_rank != b->kind_rank)
        return a->kind_rank - b->kind_rank;
    if (a->at != b->at)
        return a->at < b->at ? -1 : 1; /* meetings by time */
    if (a->score != b->score)
        return b->score - a->score;
    if (a->due != b->due)
        return a->due < b->due ? -1 : 1;
    if (a->deal_id != b->deal_id)
        return a->deal_id < b->deal_id ? -1 : 1;
    if (a->account_id != b->account_id)
        return a->account_id < b->account_id ? -1 : 1;
    return (a->ref_id > b->ref_id) - (a->ref_id < b->ref_id);
}

static int item_cmp(const void *pa, const void *pb)
{
    return rp_agenda_item_cmp(pa, pb);
}

static void instant_text(int64_t day, char out[RP_INSTANT_LEN])
{
    rp_instant_format(rp_local_instant(day, 0, 0), out);
}

/* The latest day from which N working days have passed by D: what is quiet or rested
 * since then has waited long enough (workdays_after grows with its day, and N working days
 * span at least N days). Looser, never tighter, should the search stop early. */
static int64_t waited_since(const struct agenda_run *r, int64_t D, int64_t n)
{
    int64_t day = D - (n > 0 ? n : 0);
    for (int i = 0; i < 400 && workdays_after(r, day, n) > D; i++)
        day--;
    return day;
}

/* The bounds by which the store leaves out deals the rules would pass over on D anyway
 * (store_agenda.c): a touch from TOUCHED on rests a deal in every style; a deal at stage
 * i is stale only if quiet before QUIET[i] (the open stages in order, then any other), at
 * any stage only if quiet before QUIET_ANY. */
struct day_bounds {
    char day[RP_DATE_LEN], start[RP_INSTANT_LEN], next[RP_INSTANT_LEN];
    char touched[RP_INSTANT_LEN], quiet[6][RP_INSTANT_LEN], quiet_any[RP_INSTANT_LEN];
};

static void day_bounds(const struct agenda_run *r, int64_t D, struct day_bounds *b)
{
    int64_t rested = waited_since(r, D, r->set.retry[0]), stale[5];
    for (int s = 1; s < 3; s++) {
        int64_t since = waited_since(r, D, r->set.retry[s]);
        rested = since > rested ? since : rested;
    }
    for (int i = 0; i < 5; i++)
        stale[i] = waited_since(r, D, r->set.stale[i]);
    int64_t quiet = stale[0];
    for (int i = 1; i < 5; i++)
        quiet = stale[i] > quiet ? stale[i] : quiet;
    rp_date_format(D, b->day);
    instant_text(D, b->start);
    instant_text(D + 1, b->next);
    instant_text(rested + 1, b->touched);
    instant_text(quiet + 1, b->quiet_any);
    for (int i = 0; i < 6; i++)
        instant_text(stale[i < 5 ? i : 0] + 1, b->quiet[i]);
}

static void item_release(struct rp_agenda_item *it);

/* A reach-out item of the day, for grouping them by account. */
struct reach {
    int64_t account_id;
    size_t i; /* its index in out */
};

static int reach_cmp(const void *pa, const void *pb)
{
    const struct reach *a = pa, *b = pb;
    if (a->account_id != b->account_id)
        return a->account_id < b->account_id ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* Whether reach-out item G[K] yields to another of its account's G[0..N): a deal's to an
 * earlier one of the same deal, an account-level one to any of a deal or an earlier one. */
static int yields(const struct agenda_run *r, const struct reach *g, size_t n, size_t k,
                  const unsigned char *dropped)
{
    const struct rp_agenda_item *it = &r->out->items[g[k].i];
    for (size_t m = 0; m < n; m++) {
        size_t j = g[m].i;
        const struct rp_agenda_item *o = &r->out->items[j];
        if (m == k || dropped[j - r->day_start])
            continue;
        if (it->deal_id ? o->deal_id == it->deal_id && j < g[k].i : (o->deal_id || j < g[k].i))
            return 1;
    }
    return 0;
}

/* One situation, one item; and snoozed items leave. The day's reach-out items are taken
 * account by account, each in the order of the day. */
static enum rp_status one_per_situation(struct agenda_run *r)
{
    size_t n = r->out->n - r->day_start, keep = r->day_start, nreach = 0;
    unsigned char *dropped = calloc(n + 1, 1);
    struct reach *reach = malloc((n + 1) * sizeof(*reach));
    if (!dropped || !reach) {
        free(dropped);
        free(reach);
        return rp_db_fail(r->db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    for (size_t i = r->day_start; i < r->out->n; i++)
        if (kind_traits[r->out->items[i].kind_rank] & REACH_OUT)
            reach[nreach++] = (struct reach){r->out->items[i].account_id, i};
    qsort(reach, nreach, sizeof(*reach), reach_cmp);
    for (size_t g = 0, end; g < nreach; g = end) {
        for (end = g + 1; end < nreach && reach[end].account_id == reach[g].account_id; end++)
            ;
        for (size_t k = 0; k < end - g; k++)
            dropped[reach[g + k].i - r->day_start] =
                (unsigned char)yields(r, reach + g, end - g, k, dropped);
    }
    for (size_t i = r->day_start; i < r->out->n; i++) {
        if (dropped[i - r->day_start] || r->out->items[i].snoozed_until)
            item_release(&r->out->items[i]);
        else
            r->out->items[keep++] = r->out->items[i];
    }
    r->out->n = keep;
    free(dropped);
    free(reach);
    return RP_OK;
}

/* The minutes each meeting kind needs, in NEEDS by the kind's place; returns the count. */
static size_t meeting_needs(int needs[16])
{
    size_t n = 0;
    for (; n < 16 && rp_vocab_meeting_kind[n]; n++)
        needs[n] = rp_meeting_minutes_needed(rp_vocab_meeting_kind[n]);
    return n;
}

/* Meetings planned from FROM on with fewer minutes than their kind needs. */
static enum rp_status apply_too_short(struct agenda_run *r, const char *from)
{
    int needs[16];
    size_t n = meeting_needs(needs);
    struct rp_candidates list = {0};
    struct rp_scope scope;
    rp_scope_of(r->db, &scope);
    enum rp_status rc = rp_store_short_meetings(r->db->store, from, rp_vocab_meeting_kind, needs, n,
                                                &scope, day_index(r, r->day), &list);
    return apply_to(r, K_TOO_SHORT, &list, rc, rule_too_short);
}

/* A day's reads: the parameters of each candidate set (READS, by set) and of its short
 * meetings (from D1), with the texts they point into. */
struct day_plan {
    char d0[RP_INSTANT_LEN], d1[RP_INSTANT_LEN], noshow[RP_INSTANT_LEN], quiet[RP_INSTANT_LEN];
    char won[RP_INSTANT_LEN], ignored[RP_INSTANT_LEN], notice[RP_DATE_LEN];
    struct day_bounds b;
    struct day_read reads[RP_CAND_COUNT];
};

/* D's reads into P, which they point into: P stays where it is while they are used. */
static void day_plan(const struct agenda_run *r, int64_t D, struct day_plan *p)
{
    instant_text(D, p->d0);
    instant_text(D + 1, p->d1);
    instant_text(D - r->set.noshow_days, p->noshow);
    instant_text(D - r->set.push_silence + 1, p->quiet);
    instant_text(D - r->set.thankyou_days, p->won);
    /* A push is ignored on D only if sent by D less the days to wait (rule_push_ignored). */
    instant_text(D - r->set.push_ignored + 1, p->ignored);
    rp_date_format(D + r->set.contract_notice, p->notice);
    day_bounds(r, D, &p->b);
    const struct day_bounds *b = &p->b;
    const char *day = b->day;
    const struct day_read reads[RP_CAND_COUNT] = {
        [RP_CAND_MEETINGS] = {{p->d0, p->d1}, 2},
        [RP_CAND_PAST_MEETINGS] = {{p->d0}, 1},
        [RP_CAND_PUSHES] = {{p->d1, p->ignored}, 2},
        [RP_CAND_MISSED_CALLS] = {{p->d1}, 1},
        [RP_CAND_AGREEMENTS] = {{day}, 1},
        [RP_CAND_ACCOUNT_HOLDS] = {{day, day}, 2},
        [RP_CAND_DEAL_HOLDS] = {{day, day}, 2},
        [RP_CAND_INVOICES] = {{day}, 1},
        [RP_CAND_PUSH_READY] = {{p->quiet}, 1},
        [RP_CAND_NOSHOWS] = {{p->noshow, p->d1}, 2},
        [RP_CAND_CLAIMS] = {{b->touched, day, b->start, day, day}, 5},
        [RP_CAND_QUALIFY] = {{b->touched, day, b->start, day, day}, 5},
        [RP_CAND_CONTRACTS] = {{day, p->notice}, 2},
        [RP_CAND_CHECKINS] = {{day}, 1},
        [RP_CAND_WON] = {{p->won, b->next, day, day}, 4},
        [RP_CAND_STALE] = {{b->quiet_any, b->touched, day, day, b->quiet[0], b->quiet[1],
                            b->quiet[2], b->quiet[3], b->quiet[4], b->quiet[5]},
                           10},
        [RP_CAND_NO_NEXT_STEP] = {{b->touched, day, day}, 3},
    };
    memcpy(p->reads, reads, sizeof(reads));
}

/* Sends D's reads (P's) ahead, so that they go to the database together with the first
 * (PostgreSQL: one round trip, not twenty); the rules run between them read nothing from
 * it. */
static void read_day_ahead(struct agenda_run *r, int64_t D, const struct day_plan *p)
{
    int needs[16];
    size_t nkinds = meeting_needs(needs);
    struct rp_scope scope;
    rp_scope_of(r->db, &scope);
    for (int set = 0; set < RP_CAND_COUNT; set++)
        rp_store_candidates_ahead(r->db->store, (enum rp_candidate_set)set, p->reads[set].p,
                                  p->reads[set].n, &scope, day_index(r, D));
    rp_store_short_meetings_ahead(r->db->store, p->d1, rp_vocab_meeting_kind, needs, nkinds, &scope,
                                  day_index(r, D));
}

/* Sends ahead the reads of D and of the days after it that the store has statements of
 * their own for (rp_store_days_ahead): a week of the agenda in one round trip. */
static void read_days_ahead(struct agenda_run *r, int64_t D)
{
    int64_t end = r->out->from + r->out->days;
    if (!rp_store_reads_ahead(r->db->store))
        return;
    for (int64_t day = D; day < end && day < D + rp_store_days_ahead(r->db->store); day++) {
        struct day_plan p;
        day_plan(r, day, &p);
        read_day_ahead(r, day, &p);
    }
}

static enum rp_status build_day(struct agenda_run *r)
{
    struct day_plan plan;
    const struct day_read *reads = plan.reads;
    r->day_start = r->deals_to = r->out->n;
    r->ndeals = 0;
    day_plan(r, r->day, &plan);
    if (day_index(r, r->day) % rp_store_days_ahead(r->db->store) == 0)
        read_days_ahead(r, r->day);
    /* Pending pushes and open agreements each feed two rules: read once for both. */
    struct rp_candidates pushes = {0}, agreements = {0};
    enum rp_status rc;
    if ((rc = apply_day(r, K_MEETING, reads, RP_CAND_MEETINGS, rule_meeting)) ||
        (rc = apply_too_short(r, plan.d1)) ||
        (rc =
             apply_day(r, K_MEETING_OUTCOME, reads, RP_CAND_PAST_MEETINGS, rule_meeting_outcome)) ||
        (rc = apply_each(r, K_PUSH_ANSWERED, &pushes, read_day(r, reads, RP_CAND_PUSHES, &pushes),
                         rule_push_answered)) ||
        (rc = apply_day(r, K_CALL_BACK, reads, RP_CAND_MISSED_CALLS, rule_call_back)) ||
        (rc = apply_each(r, K_MISSED, &agreements,
                         read_day(r, reads, RP_CAND_AGREEMENTS, &agreements), rule_missed)) ||
        (rc = apply_to(r, K_DUE, &agreements, RP_OK, rule_due)) ||
        (rc = apply_day(r, K_HOLD_ENDS, reads, RP_CAND_ACCOUNT_HOLDS, rule_hold_ends)) ||
        (rc = apply_day(r, K_HOLD_ENDS, reads, RP_CAND_DEAL_HOLDS, rule_hold_ends)) ||
        (rc = apply_day(r, K_PAYMENT_LATE, reads, RP_CAND_INVOICES, rule_payment_late)) ||
        (rc = apply_to(r, K_PUSH_IGNORED, &pushes, RP_OK, rule_push_ignored)) ||
        (rc = apply_day(r, K_PUSH_SUGGESTED, reads, RP_CAND_PUSH_READY, rule_push_suggested)) ||
        (rc = apply_day(r, K_NO_SHOW, reads, RP_CAND_NOSHOWS, rule_no_show)) ||
        (rc = apply_day(r, K_VERIFY_CLAIM, reads, RP_CAND_CLAIMS, rule_verify_claim)) ||
        (rc = apply_day(r, K_QUALIFY, reads, RP_CAND_QUALIFY, rule_qualify)) ||
        (rc = apply_day(r, K_CONTRACT_ENDS, reads, RP_CAND_CONTRACTS, rule_contract_ends)) ||
        (rc = apply_day(r, K_CHECKIN, reads, RP_CAND_CHECKINS, rule_checkin)) ||
        (rc = apply_day(r, K_THANK_YOU, reads, RP_CAND_WON, rule_thank_you)) ||
        (rc = apply_day(r, K_STALE, reads, RP_CAND_STALE, rule_stale)) ||
        (rc = apply_day(r, K_NO_NEXT_STEP, reads, RP_CAND_NO_NEXT_STEP, rule_no_next_step))) {
        rp_candidates_release(&pushes);
        rp_candidates_release(&agreements);
        return rc;
    }
    return one_per_situation(r);
}

static void who_release(struct rp_agenda_who *w)
{
    free(w->name);
    free(w->email);
    free(w->phone);
}

static void item_release(struct rp_agenda_item *it)
{
    who_release(&it->who);
    free(it->account);
    free(it->deal);
    free(it->summary);
    free(it->action);
    rp_draft_release(&it->draft);
}

/* Whether A and B are the same kind for the same record (on any day). */
/* By situation (kind, reference, deal, account), then, when WITH_DAY, by day. */
static int situation_order(const struct rp_agenda_item *a, const struct rp_agenda_item *b,
                           int with_day)
{
    int64_t ka[] = {a->kind_rank, a->ref_id, a->deal_id, a->account_id, a->date};
    int64_t kb[] = {b->kind_rank, b->ref_id, b->deal_id, b->account_id, b->date};
    size_t n = sizeof(ka) / sizeof(*ka) - !with_day;
    for (size_t i = 0; i < n; i++)
        if (ka[i] != kb[i])
            return ka[i] < kb[i] ? -1 : 1;
    return 0;
}

static int situation_cmp(const void *pa, const void *pb)
{
    return situation_order(*(const struct rp_agenda_item *const *)pa,
                           *(const struct rp_agenda_item *const *)pb, 1);
}

/* Over several days an item shows on the first day it applies only: the same kind for
 * the same record again on a later day is a repeat, even where its words count the days
 * ("2 days late"). The items sorted by situation and day find the repeats: those after
 * their situation's first day (a whole book's week has tens of thousands of items, which
 * a look back through those kept for each made quadratic). */
static enum rp_status drop_repeats(struct rp_db *db, struct rp_agenda *a)
{
    struct rp_agenda_item **by = malloc((a->n + 1) * sizeof(struct rp_agenda_item *));
    unsigned char *repeat = calloc(a->n + 1, 1);
    size_t keep = 0;
    if (!by || !repeat) {
        free(by);
        free(repeat);
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    for (size_t i = 0; i < a->n; i++)
        by[i] = &a->items[i];
    qsort(by, a->n, sizeof(struct rp_agenda_item *), situation_cmp);
    for (size_t i = 1, first = 0; i < a->n; i++) {
        if (situation_order(by[first], by[i], 0))
            first = i;
        else if (by[i]->date > by[first]->date)
            repeat[by[i] - a->items] = 1;
    }
    for (size_t i = 0; i < a->n; i++) {
        if (repeat[i])
            item_release(&a->items[i]);
        else
            a->items[keep++] = a->items[i];
    }
    a->n = keep;
    free(by);
    free(repeat);
    return RP_OK;
}

/* The account's contact to call when an item names none: the primary, else one who
 * decides, else the first. */
static const struct rp_record *account_contact(const struct rp_records *contacts)
{
    const struct rp_record *decider = NULL;
    for (size_t i = 0; i < contacts->n; i++) {
        if (rp_record_int(&contacts->items[i], RP_CONTACT_PRIMARY, 0))
            return &contacts->items[i];
        if (!decider && rp_role_decides(rp_record_str(&contacts->items[i], RP_CONTACT_ROLE)))
            decider = &contacts->items[i];
    }
    return decider ? decider : contacts->n ? &contacts->items[0] : NULL;
}

static void who_set(struct rp_agenda_who *w, const struct rp_record *c)
{
    w->id = c->v[0].i;
    w->name = dup_or_null(rp_record_str(c, RP_CONTACT_NAME));
    w->email = dup_or_null(rp_record_str(c, RP_CONTACT_EMAIL));
    w->phone = dup_or_null(rp_record_str(c, RP_CONTACT_PHONE));
}

/* An item, for sorting by account without moving the items. */
struct item_ref {
    struct rp_agenda_item *item;
};

static int item_account_cmp(const void *pa, const void *pb)
{
    const struct item_ref *a = pa, *b = pb;
    return (a->item->account_id > b->item->account_id) -
           (a->item->account_id < b->item->account_id);
}

/* The items' accounts into IDS, ascending (BY_ACCOUNT, N, is sorted so); returns how many. */
static size_t item_accounts(const struct item_ref *by_account, size_t n, int64_t *ids)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (!count || ids[count - 1] != by_account[i].item->account_id)
            ids[count++] = by_account[i].item->account_id;
    return count;
}

/* The contacts of the items' accounts, read together, ascending by account and by id
 * within one. */
static enum rp_status read_contacts(struct rp_db *db, const struct item_ref *by_account, size_t n,
                                    struct rp_records *out)
{
    struct rp_scope scope;
    int64_t *ids = malloc((n + 1) * sizeof(*ids));
    if (!ids)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    rp_scope_of(db, &scope);
    enum rp_status rc =
        rp_store_contacts_of(db->store, ids, item_accounts(by_account, n, ids), &scope, out);
    free(ids);
    return rc;
}

/* The contacts of ACCOUNT in ALL (by account), from *AT on, as a borrowed list. */
static struct rp_records contacts_of(const struct rp_records *all, size_t *at, int64_t account)
{
    while (*at < all->n && rp_record_int(&all->items[*at], RP_CONTACT_ACCOUNT_ID, 0) < account)
        (*at)++;
    size_t first = *at;
    while (*at < all->n && rp_record_int(&all->items[*at], RP_CONTACT_ACCOUNT_ID, 0) == account)
        (*at)++;
    return (struct rp_records){all->items + first, *at - first, 0};
}

/* The records the drafts read by kind (agreements, meetings, invoices): read_refs. */
static const enum rp_kind_id ref_kinds[] = {RP_AGREEMENT, RP_MEETING, RP_INVOICE};
#define REF_KINDS (sizeof(ref_kinds) / sizeof(ref_kinds[0]))

/* The ids of the records of KIND the drafts of A's items are about into IDS, ascending;
 * returns how many. */
static size_t draft_refs(const struct rp_agenda *a, enum rp_kind_id kind, int64_t *ids)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->items[i].draft_due &&
            rp_draft_ref_kind((enum rp_draft_kind)(a->items[i].draft_due - 1)) == kind)
            ids[n++] = a->items[i].ref_id;
    return rp_ids_sort(ids, n);
}

/* The records the drafts of A's items are about, read together, each kind's into
 * REFS[kind] by id. */
static enum rp_status read_refs(struct rp_db *db, const struct rp_agenda *a,
                                struct rp_records refs[RP_KIND_COUNT])
{
    struct rp_scope scope;
    enum rp_status rc = RP_OK;
    int64_t *ids = malloc((a->n + 1) * sizeof(*ids));
    if (!ids)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    rp_scope_of(db, &scope);
    for (size_t k = 0; k < REF_KINDS && !rc; k++) {
        size_t count = draft_refs(a, ref_kinds[k], ids);
        if (count)
            rc = rp_store_records_in(db->store, ref_kinds[k], 0, ids, count, &scope,
                                     &refs[ref_kinds[k]]);
    }
    free(ids);
    return rc;
}

static int touch_draft(const struct rp_agenda_item *it)
{
    return it->draft_due &&
           rp_draft_ref_kind((enum rp_draft_kind)(it->draft_due - 1)) == RP_AGREEMENT;
}

/* The deals (into DEALS, *ND) and accounts (ACCOUNTS, *NA) whose last touches the drafts
 * of A's agreements ask about, each ascending. */
static void touch_ids(const struct rp_agenda *a, int64_t *deals, size_t *nd, int64_t *accounts,
                      size_t *na)
{
    *nd = *na = 0;
    for (size_t i = 0; i < a->n; i++) {
        if (!touch_draft(&a->items[i]))
            continue;
        if (a->items[i].deal_id)
            deals[(*nd)++] = a->items[i].deal_id;
        accounts[(*na)++] = a->items[i].account_id;
    }
    *nd = rp_ids_sort(deals, *nd);
    *na = rp_ids_sort(accounts, *na);
}

/* The last touches the drafts of A's agreements ask about (whether a reminder went
 * unanswered): each deal's among its own activities, each account's among its own without
 * a deal, read together; LAST[i] the later of the two for item i. */
static enum rp_status read_touches(struct rp_db *db, const struct rp_agenda *a, int64_t *last)
{
    size_t nd, na;
    int64_t *ids = malloc((4 * a->n + 1) * sizeof(*ids));
    enum rp_status rc = RP_OK;
    if (!ids)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    int64_t *deals = ids, *accounts = ids + a->n, *deal_last = ids + 2 * a->n,
            *account_last = ids + 3 * a->n;
    touch_ids(a, deals, &nd, accounts, &na);
    if (nd)
        rc = rp_store_last_touches(db->store, 0, deals, nd, deal_last);
    if (!rc && na)
        rc = rp_store_last_touches(db->store, 1, accounts, na, account_last);
    for (size_t i = 0; i < a->n && !rc; i++) {
        size_t d = rp_ids_find(deals, nd, a->items[i].deal_id);
        size_t k = rp_ids_find(accounts, na, a->items[i].account_id);
        int64_t by_deal = d < nd ? deal_last[d] : INT64_MIN;
        int64_t by_account = k < na ? account_last[k] : INT64_MIN;
        last[i] = by_deal > by_account ? by_deal : by_account;
    }
    free(ids);
    return rc;
}

/* Whether an item of A calls for a draft. */
static int drafts_due(const struct rp_agenda *a)
{
    for (size_t i = 0; i < a->n; i++)
        if (a->items[i].draft_due)
            return 1;
    return 0;
}

/* Sends the reads of fill_who ahead, in the order it reads them, so that they go to the
 * database together with the first (PostgreSQL: one round trip, not five or more). A read
 * of more ids than one statement takes (store.h) is sent ahead only in part, and the
 * sending stops there: its next statement is a round trip, which drops what was read
 * ahead after it. IDS has room for 2 * A->n ids. */
static void fill_who_ahead(struct rp_db *db, const struct rp_agenda *a,
                           const struct item_ref *by_account, int64_t *ids)
{
    struct rp_scope scope;
    size_t n, nd, na;
    int whole = 1;
    rp_scope_of(db, &scope);
    for (size_t k = 0; k < REF_KINDS && whole; k++)
        if ((n = draft_refs(a, ref_kinds[k], ids)))
            whole = rp_store_records_in_ahead(db->store, ref_kinds[k], 0, ids, n, &scope);
    touch_ids(a, ids, &nd, ids + a->n, &na);
    if (whole && nd)
        whole = rp_store_last_touches_ahead(db->store, 0, ids, nd);
    if (whole && na)
        whole = rp_store_last_touches_ahead(db->store, 1, ids + a->n, na);
    if (whole && drafts_due(a))
        rp_draft_shared_ahead(db);
    if (whole)
        rp_store_contacts_of_ahead(db->store, ids, item_accounts(by_account, a->n, ids), &scope);
}

/* Item IT's draft's record in REFS (by id), NULL when it has none or it was not read. */
static const struct rp_record *item_ref(const struct rp_agenda_item *it,
                                        const struct rp_records refs[RP_KIND_COUNT])
{
    enum rp_kind_id kind = rp_draft_ref_kind((enum rp_draft_kind)(it->draft_due - 1));
    if (kind == RP_KIND_COUNT)
        return NULL;
    const struct rp_records *list = &refs[kind];
    size_t lo = 0, hi = list->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (list->items[mid].v[0].i < it->ref_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < list->n && list->items[lo].v[0].i == it->ref_id ? &list->items[lo] : NULL;
}

/* Whom to contact for each item, and its draft: the items' accounts' contacts and the
 * drafts' records read together, the draft settings and templates once for the agenda. */
static enum rp_status fill_who(struct rp_db *db, struct rp_agenda *a)
{
    struct rp_records all = {0}, contacts = {0}, refs[RP_KIND_COUNT] = {{0}};
    struct rp_draft_shared shared = {0};
    struct item_ref *by_account = calloc(a->n + 1, sizeof(*by_account));
    /* TOUCHES has room for fill_who_ahead's ids too. */
    int64_t loaded = 0, *touches = malloc((2 * a->n + 1) * sizeof(*touches));
    size_t at = 0;
    if (!by_account || !touches) {
        free(by_account);
        free(touches);
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    for (size_t i = 0; i < a->n; i++)
        by_account[i].item = &a->items[i];
    qsort(by_account, a->n, sizeof(*by_account), item_account_cmp);
    if (rp_store_reads_ahead(db->store))
        fill_who_ahead(db, a, by_account, touches);
    /* The contacts last: theirs is the longest list of ids, the one most likely to take
     * more than one statement. */
    enum rp_status rc = read_refs(db, a, refs);
    if (!rc)
        rc = read_touches(db, a, touches);
    if (!rc && drafts_due(a))
        rc = rp_draft_shared_load(db, &shared);
    if (!rc)
        rc = read_contacts(db, by_account, a->n, &all);
    for (size_t i = 0; i < a->n && !rc; i++) {
        struct rp_agenda_item *it = by_account[i].item;
        const struct rp_record *c = NULL;
        if (it->account_id != loaded) {
            contacts = contacts_of(&all, &at, it->account_id);
            loaded = it->account_id;
        }
        for (size_t k = 0; it->contact_id && k < contacts.n && !c; k++)
            if (contacts.items[k].v[0].i == it->contact_id)
                c = &contacts.items[k];
        if (c || (c = account_contact(&contacts)))
            who_set(&it->who, c);
        if (it->draft_due)
            rc = rp_draft_attach(db, it, &contacts, item_ref(it, refs),
                                 touch_draft(it) ? &touches[it - a->items] : NULL, &shared);
    }
    rp_draft_shared_release(&shared);
    rp_records_release(&all);
    for (size_t k = 0; k < RP_KIND_COUNT; k++)
        rp_records_release(&refs[k]);
    free(by_account);
    free(touches);
    return rc;
}

void rp_agenda_build_ahead(struct rp_db *db, int64_t from)
{
    struct rp_scope scope;
    rp_scope_of(db, &scope);
    rp_config_ahead(db);
    rp_store_max_open_value_ahead(db->store);
    rp_store_snoozes_ahead(db->store, from, &scope);
}

enum rp_status rp_agenda_build(struct rp_db *db, int64_t from, int days, struct rp_agenda *out)
{
    struct agenda_run r = {.db = db, .out = out};
    *out = (struct rp_agenda){.from = from, .days = days};
    struct rp_scope scope;
    rp_scope_of(db, &scope);
    int began = rp_db_snapshot(db);
    rp_config_keep(db);
    rp_agenda_build_ahead(db, from);
    enum rp_status rc = load_settings(db, &r.set);
    if (!rc)
        rc = rp_store_max_open_value(db->store, &r.max_value);
    if (!rc)
        rc = rp_store_snoozes(db->store, from, &scope, &r.snoozes);
    for (int i = 0; i < days && !rc; i++) {
        r.day = from + i;
        rc = build_day(&r);
    }
    rp_snoozes_release(&r.snoozes);
    free(r.deals);
    if (!rc && out->n)
        qsort(out->items, out->n, sizeof(*out->items), item_cmp);
    if (!rc && days > 1)
        rc = drop_repeats(db, out);
    if (rc || (rc = fill_who(db, out)))
        rp_agenda_release(out);
    rp_config_drop(db);
    rp_db_snapshot_end(db, began);
    return rc;
}

void rp_agenda_release(struct rp_agenda *a)
{
    for (size_t i = 0; i < a->n; i++) {
        /* Read back, the items' strings are the text's (rp_agenda_from_text). */
        if (!a->text) {
            item_release(&a->items[i]);
            continue;
        }
        free(a->items[i].draft.to);
        free(a->items[i].draft.cc);
    }
    free(a->items);
    free(a->text);
    a->items = NULL;
    a->text = NULL;
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

static json_t *instant_or_null(int64_t at)
{
    char s[RP_INSTANT_LEN];
    if (at < 0)
        return json_null();
    rp_instant_format(at, s);
    return json_string(s);
}

/* Whom to contact: their name, e-mail and phone; with a phone and no e-mail, what to say on
 * the call (the draft's words, else the action). */
static json_t *who_json(const struct rp_agenda_item *it)
{
    const struct rp_agenda_who *w = &it->who;
    if (!w->id)
        return json_null();
    json_t *o = json_pack("{s:I,s:s?,s:s?,s:s?}", "id", (json_int_t)w->id, "name", w->name, "email",
                          w->email, "phone", w->phone);
    if (o && w->phone && !w->email)
        json_object_set_new(o, "call_script",
                            json_string(it->has_draft ? it->draft.body : it->action));
    return o;
}

static json_t *item_json(const struct rp_agenda_item *it, size_t rank)
{
    json_t *o = json_pack(
        "{s:s,s:s,s:I,s:o,s:s?,s:o,s:s?,s:o,s:o,s:o,s:i,s:s,s:s}", "id", it->id, "kind", it->kind,
        "rank", (json_int_t)rank, "account_id", id_or_null(it->account_id), "account", it->account,
        "deal_id", id_or_null(it->deal_id), "deal", it->deal, "contact_id",
        id_or_null(it->contact_id), "date", date_or_null(it->date), "due", date_or_null(it->due),
        "score", it->score, "summary", it->summary, "action", it->action);
    if (o && it->has_draft)
        json_object_set_new(o, "draft", rp_draft_to_json(&it->draft));
    if (o)
        json_object_set_new(o, "contact", who_json(it));
    if (o)
        json_object_set_new(o, "last_touch", instant_or_null(it->last_touch_at));
    if (o)
        json_object_set_new(o, "last_two_way", instant_or_null(it->last_two_way_at));
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

/* ---- the same, written as text -------------------------------------------------------- */

/* "KEY": then the string S, or null. */
static enum rp_status out_str(struct rp_buf *b, const char *key, const char *s)
{
    enum rp_status rc = rp_json_out_key(b, key, 0);
    return rc ? rc : s ? rp_json_out_str(b, s) : rp_buf_adds(b, "null");
}

static enum rp_status out_id(struct rp_buf *b, const char *key, int64_t id)
{
    enum rp_status rc = rp_json_out_key(b, key, 0);
    return rc ? rc : id > 0 ? rp_json_out_int(b, id) : rp_buf_adds(b, "null");
}

static enum rp_status out_date(struct rp_buf *b, const char *key, int64_t day, int first)
{
    char s[RP_DATE_LEN];
    enum rp_status rc = rp_json_out_key(b, key, first);
    if (rc || day < 0)
        return rc ? rc : rp_buf_adds(b, "null");
    rp_date_format(day, s);
    return rp_json_out_str(b, s);
}

static enum rp_status out_instant(struct rp_buf *b, const char *key, int64_t at)
{
    char s[RP_INSTANT_LEN];
    if (at < 0)
        return out_str(b, key, NULL);
    rp_instant_format(at, s);
    return out_str(b, key, s);
}

static enum rp_status out_strings(struct rp_buf *b, const char *key, char **list, size_t n)
{
    enum rp_status rc = rp_json_out_key(b, key, 0);
    if (!rc)
        rc = rp_buf_addc(b, '[');
    for (size_t i = 0; !rc && i < n; i++)
        if (!(rc = i ? rp_buf_addc(b, ',') : RP_OK))
            rc = rp_json_out_str(b, list[i]);
    return rc ? rc : rp_buf_addc(b, ']');
}

static enum rp_status out_draft(struct rp_buf *b, const struct rp_draft *d)
{
    enum rp_status rc = rp_json_out_key(b, "draft", 0);
    if (rc || (rc = rp_buf_adds(b, "{\"to\":[")))
        return rc;
    for (size_t i = 0; !rc && i < d->nto; i++)
        if (!(rc = i ? rp_buf_addc(b, ',') : RP_OK))
            rc = rp_json_out_str(b, d->to[i]);
    if (rc || (rc = rp_buf_addc(b, ']')) || (rc = out_strings(b, "cc", d->cc, d->ncc)) ||
        (rc = out_str(b, "subject", d->subject ? d->subject : "")) ||
        (rc = out_str(b, "body", d->body ? d->body : "")))
        return rc;
    return rp_buf_addc(b, '}');
}

/* As who_json. */
static enum rp_status out_who(struct rp_buf *b, const struct rp_agenda_item *it)
{
    const struct rp_agenda_who *w = &it->who;
    enum rp_status rc = rp_json_out_key(b, "contact", 0);
    if (rc || !w->id)
        return rc ? rc : rp_buf_adds(b, "null");
    if ((rc = rp_buf_adds(b, "{\"id\":")) || (rc = rp_json_out_int(b, w->id)) ||
        (rc = out_str(b, "name", w->name)) || (rc = out_str(b, "email", w->email)) ||
        (rc = out_str(b, "phone", w->phone)))
        return rc;
    if (w->phone && !w->email)
        rc = out_str(b, "call_script", it->has_draft ? it->draft.body : it->action);
    return rc ? rc : rp_buf_addc(b, '}');
}

/* As item_json. */
static enum rp_status out_item(struct rp_buf *b, const struct rp_agenda_item *it, size_t rank)
{
    enum rp_status rc;
    if ((rc = rp_buf_adds(b, "{\"id\":")) || (rc = rp_json_out_str(b, it->id)) ||
        (rc = out_str(b, "kind", it->kind)) || (rc = rp_json_out_key(b, "rank", 0)) ||
        (rc = rp_json_out_int(b, (int64_t)rank)) ||
        (rc = out_id(b, "account_id", it->account_id)) ||
        (rc = out_str(b, "account", it->account)) || (rc = out_id(b, "deal_id", it->deal_id)) ||
        (rc = out_str(b, "deal", it->deal)) || (rc = out_id(b, "contact_id", it->contact_id)) ||
        (rc = out_date(b, "date", it->date, 0)) || (rc = out_date(b, "due", it->due, 0)) ||
        (rc = rp_json_out_key(b, "score", 0)) || (rc = rp_json_out_int(b, it->score)) ||
        (rc = out_str(b, "summary", it->summary)) || (rc = out_str(b, "action", it->action)) ||
        (it->has_draft && (rc = out_draft(b, &it->draft))) || (rc = out_who(b, it)) ||
        (rc = out_instant(b, "last_touch", it->last_touch_at)) ||
        (rc = out_instant(b, "last_two_way", it->last_two_way_at)))
        return rc;
    return rp_buf_addc(b, '}');
}

enum rp_status rp_agenda_write_item(struct rp_buf *b, const struct rp_agenda_item *it, size_t rank)
{
    return out_item(b, it, rank);
}

enum rp_status rp_agenda_write_head(const struct rp_agenda *a, struct rp_buf *buf)
{
    enum rp_status rc = rp_buf_addc(buf, '{');
    if (rc || (rc = out_date(buf, a->days == 1 ? "date" : "from", a->from, 1)))
        return rc;
    if (a->days != 1 &&
        ((rc = rp_json_out_key(buf, "days", 0)) || (rc = rp_json_out_int(buf, a->days))))
        return rc;
    if ((rc = rp_json_out_key(buf, "items", 0)))
        return rc;
    return rp_buf_addc(buf, '[');
}

enum rp_status rp_agenda_write_json(const struct rp_agenda *a, struct rp_buf *buf)
{
    enum rp_status rc = rp_agenda_write_head(a, buf);
    if (rc)
        return rc;
    for (size_t i = 0; !rc && i < a->n; i++)
        if (!(rc = i ? rp_buf_addc(buf, ',') : RP_OK))
            rc = out_item(buf, &a->items[i], i + 1);
    return rc ? rc : rp_buf_adds(buf, "]}");
}

/* ---- the same, read back --------------------------------------------------------------
 * A reader of exactly what rp_agenda_write_json writes (any member order; unknown members
 * skipped), straight into the items, in place: each string is decoded where it stands in
 * the text (a decoded string is never longer than its JSON) and the items point into it. A
 * kept agenda of the whole book is megabytes: a tree of it, or a copy of each of its
 * strings, would cost more than the rest of the command. */

struct json_in {
    char *p;
    int bad;
};

static void in_space(struct json_in *in)
{
    while (*in->p == ' ' || *in->p == '\n' || *in->p == '\r' || *in->p == '\t')
        in->p++;
}

/* Whether the next token is C (then taken). */
static int in_take(struct json_in *in, char c)
{
    in_space(in);
    if (*in->p != c)
        return 0;
    in->p++;
    return 1;
}

static void in_expect(struct json_in *in, char c)
{
    if (!in_take(in, c))
        in->bad = 1;
}

static int in_null(struct json_in *in)
{
    in_space(in);
    if (in->p[0] != 'n' || strncmp(in->p, "null", 4))
        return 0;
    in->p += 4;
    return 1;
}

static unsigned in_hex4(struct json_in *in)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = *in->p;
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) {
            in->bad = 1;
            return 0xFFFD;
        }
        v = v * 16 + (unsigned)d;
        in->p++;
    }
    return v;
}

/* Code point CP as UTF-8 at OUT; the bytes written. */
static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A \u escape after its "\u": a surrogate pair is one code point. Its UTF-8 is shorter
 * than its escape (3 bytes for 6, 4 for 12). */
static unsigned in_escaped_cp(struct json_in *in)
{
    unsigned cp = in_hex4(in);
    if (cp >= 0xD800 && cp < 0xDC00 && in->p[0] == '\\' && in->p[1] == 'u') {
        in->p += 2;
        unsigned lo = in_hex4(in);
        return lo >= 0xDC00 && lo < 0xE000 ? 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                                           : 0xFFFD;
    }
    return cp >= 0xD800 && cp < 0xE000 ? 0xFFFD : cp;
}

/* A string, or null (NULL, not bad): decoded in place, NUL-terminated where its closing
 * quote was or before. Borrowed from the text. */
static char *in_str(struct json_in *in)
{
    static const char simple[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
    if (in_null(in) || !in_take(in, '"'))
        return NULL;
    char *start = in->p, *out = in->p;
    for (;;) {
        size_t run = strcspn(in->p, "\"\\");
        if (out != in->p)
            memmove(out, in->p, run);
        out += run;
        in->p += run;
        if (*in->p != '\\')
            break;
        char c = in->p[1];
        const char *e = c ? strchr(simple, c) : NULL;
        in->p += 2;
        if (c == 'u')
            out += put_utf8(out, in_escaped_cp(in));
        else if (e && (e - simple) % 2 == 0) {
            *out++ = e[1];
        } else {
            in->bad = 1;
            return NULL;
        }
    }
    if (*in->p != '"') { /* unterminated */
        in->bad = 1;
        return NULL;
    }
    in->p++;
    *out = '\0';
    return start;
}

/* An integer, or null (0). The writer's integers are ids, scores and counts: digits,
 * perhaps a minus, without a call for each. */
static int64_t in_int(struct json_in *in)
{
    if (in_null(in))
        return 0;
    int minus = *in->p == '-';
    char *p = in->p + minus;
    const char *digits = p;
    uint64_t v = 0;
    while (*p >= '0' && *p <= '9' && p - digits < 18)
        v = v * 10 + (uint64_t)(*p++ - '0');
    if (p == digits || (*p >= '0' && *p <= '9')) { /* none, or more than 18 */
        char *end;
        long long big = strtoll(in->p, &end, 10);
        in->bad |= end == in->p;
        in->p = end;
        return (int64_t)big;
    }
    in->p = p;
    return minus ? -(int64_t)v : (int64_t)v;
}

static int64_t in_day(struct json_in *in)
{
    int64_t day;
    const char *s = in_str(in);
    return s && !rp_date_parse(s, &day) ? day : -1;
}

static int64_t in_instant(struct json_in *in)
{
    int64_t at;
    const char *s = in_str(in);
    return s && !rp_instant_parse(s, &at) ? at : -1;
}

static void in_value_skip(struct json_in *in);

/* The members of an object: for each, KEY is its name and MEMBER reads its value. */
#define IN_OBJECT(in, key, ...)                                                                    \
    do {                                                                                           \
        in_expect((in), '{');                                                                      \
        if (in_take((in), '}'))                                                                    \
            break;                                                                                 \
        do {                                                                                       \
            const char *key = in_str((in));                                                        \
            in_expect((in), ':');                                                                  \
            if (!key || (in)->bad) {                                                               \
                (in)->bad = 1;                                                                     \
                break;                                                                             \
            }                                                                                      \
            __VA_ARGS__                                                                            \
        } while (!(in)->bad && in_take((in), ','));                                                \
        in_expect((in), '}');                                                                      \
    } while (0)

static void in_value_skip(struct json_in *in)
{
    in_space(in);
    if (*in->p == '"') {
        in_str(in);
    } else if (*in->p == '{') {
        IN_OBJECT(in, key, in_value_skip(in););
    } else if (*in->p == '[') {
        in->p++;
        if (!in_take(in, ']')) {
            do
                in_value_skip(in);
            while (!in->bad && in_take(in, ','));
            in_expect(in, ']');
        }
    } else {
        size_t n = strcspn(in->p, ",}] \n\r\t");
        in->bad |= !n;
        in->p += n;
    }
}

/* A list of strings into *OUT (an array of its own, of strings borrowed from the text). */
static void in_strings(struct json_in *in, char ***out, size_t *n)
{
    size_t cap = 0;
    in_expect(in, '[');
    if (in->bad || in_take(in, ']'))
        return;
    do {
        char *s = in_str(in);
        if (!s || RP_GROW(*out, *n + 1, cap)) {
            in->bad = 1;
            return;
        }
        (*out)[(*n)++] = s;
    } while (in_take(in, ','));
    in_expect(in, ']');
}

static void in_draft(struct json_in *in, struct rp_draft *d)
{
    IN_OBJECT(in, key, {
        if (!strcmp(key, "to"))
            in_strings(in, &d->to, &d->nto);
        else if (!strcmp(key, "cc"))
            in_strings(in, &d->cc, &d->ncc);
        else if (!strcmp(key, "subject") && !d->subject)
            d->subject = in_str(in);
        else if (!strcmp(key, "body") && !d->body)
            d->body = in_str(in);
        else
            in_value_skip(in);
    });
}

static void in_who(struct json_in *in, struct rp_agenda_who *w)
{
    if (in_null(in))
        return;
    IN_OBJECT(in, key, {
        if (!strcmp(key, "id"))
            w->id = in_int(in);
        else if (!strcmp(key, "name") && !w->name)
            w->name = in_str(in);
        else if (!strcmp(key, "email") && !w->email)
            w->email = in_str(in);
        else if (!strcmp(key, "phone") && !w->phone)
            w->phone = in_str(in);
        else
            in_value_skip(in);
    });
}

/* Whether KEY is NAME: the first letters tell most members apart without a call. */
static int is_key(const char *key, const char *name)
{
    return key[0] == name[0] && key[1] == name[1] && !strcmp(key, name);
}

static void in_kind(struct json_in *in, struct rp_agenda_item *it)
{
    const char *kind = in_str(in);
    int k = 0;
    while (kind && k < K_COUNT && !is_key(kind, kind_names[k]))
        k++;
    if (!kind || k >= K_COUNT) {
        in->bad = 1;
        return;
    }
    it->kind = kind_names[k];
    it->kind_rank = k;
}

static void in_id(struct json_in *in, struct rp_agenda_item *it)
{
    const char *id = in_str(in);
    const char *ref = id ? strchr(id, ':') : NULL;
    if (!ref || strlen(id) >= sizeof(it->id)) {
        in->bad = 1;
    } else {
        snprintf(it->id, sizeof(it->id), "%s", id);
        it->ref_id = strtoll(ref + 1 + (ref[1] == 'a'), NULL, 10);
    }
}

/* One item's member KEY; its strings each read once (a repeated member is skipped). */
static void in_member(struct json_in *in, const char *key, struct rp_agenda_item *it)
{
    if (is_key(key, "id"))
        in_id(in, it);
    else if (is_key(key, "kind"))
        in_kind(in, it);
    else if (is_key(key, "account_id"))
        it->account_id = in_int(in);
    else if (is_key(key, "deal_id"))
        it->deal_id = in_int(in);
    else if (is_key(key, "contact_id"))
        it->contact_id = in_int(in);
    else if (is_key(key, "score"))
        it->score = (int)in_int(in);
    else if (is_key(key, "date"))
        it->date = in_day(in);
    else if (is_key(key, "due"))
        it->due = in_day(in);
    else if (is_key(key, "last_touch"))
        it->last_touch_at = in_instant(in);
    else if (is_key(key, "last_two_way"))
        it->last_two_way_at = in_instant(in);
    else if (is_key(key, "account") && !it->account)
        it->account = in_str(in);
    else if (is_key(key, "deal") && !it->deal)
        it->deal = in_str(in);
    else if (is_key(key, "summary") && !it->summary)
        it->summary = in_str(in);
    else if (is_key(key, "action") && !it->action)
        it->action = in_str(in);
    else if (is_key(key, "draft") && !it->has_draft) {
        it->has_draft = 1;
        in_draft(in, &it->draft);
    } else if (is_key(key, "contact") && !it->who.id)
        in_who(in, &it->who);
    else
        in_value_skip(in);
}

static void in_item(struct json_in *in, struct rp_agenda_item *it)
{
    *it = (struct rp_agenda_item){
        .date = -1, .at = -1, .due = -1, .last_touch_at = -1, .last_two_way_at = -1};
    IN_OBJECT(in, key, in_member(in, key, it););
    if (!it->kind || !it->summary || !it->action ||
        (it->has_draft && (!it->draft.subject || !it->draft.body)))
        in->bad = 1;
}

static void in_items(struct json_in *in, struct rp_agenda *out)
{
    in_expect(in, '[');
    if (in->bad || in_take(in, ']'))
        return;
    do {
        if (RP_GROW(out->items, out->n + 1, out->cap)) {
            in->bad = 1;
            return;
        }
        in_item(in, &out->items[out->n++]);
    } while (!in->bad && in_take(in, ','));
    in_expect(in, ']');
}

enum rp_status rp_agenda_from_text(char *text, struct rp_agenda *out)
{
    struct json_in in = {text, 0};
    int items = 0;
    *out = (struct rp_agenda){.from = -1, .days = 1, .text = text};
    IN_OBJECT(&in, key, {
        if (!strcmp(key, "date") || !strcmp(key, "from"))
            out->from = in_day(&in);
        else if (!strcmp(key, "days"))
            out->days = (int)in_int(&in);
        else if (!strcmp(key, "items") && !items++)
            in_items(&in, out);
        else
            in_value_skip(&in);
    });
    in_space(&in);
    if (in.bad || *in.p || !items || out->from < 0 || out->days < 1) {
        rp_agenda_release(out);
        return RP_ERR_INTERNAL;
    }
    return RP_OK;
}

enum rp_status rp_agenda_from_json(const char *text, struct rp_agenda *out)
{
    char *copy = strdup(text);
    if (!copy) {
        *out = (struct rp_agenda){.from = -1, .days = 1};
        return RP_ERR_INTERNAL;
    }
    return rp_agenda_from_text(copy, out);
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
