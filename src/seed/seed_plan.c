/* The planner of `rapport seed`: one account's whole history as dated events, drawn from
 * the random stream alone (no database), so that the same seed always plans the same book.
 *
 * Each deal is planned in its own business-day coordinates from 0, then laid out: the
 * newest deal ends where its scenario needs it relative to today, older deals end before
 * the next one starts. After-sale events (cards, check-ins, invoices) are planned last, in
 * absolute days, around the deals. seed.c writes the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "seed/seed_internal.h"
#include "rapport/rapport.h"
#include "base/banned.h"

#define DAY_START (8 * 60 + 15) /* the first minute of a working morning */
#define DAY_LAST (20 * 60)      /* nothing is planned later in a day */

/* The state of planning one deal (or the after-sale life of an account). */
struct plan {
    struct seed_book *b;
    struct seed_account *a;
    struct seed_rng *r;
    int deal;    /* index of the deal being planned, -1 for the account */
    int contact; /* the deal's main contact */
    int stage;
    int64_t day; /* cursor, business days */
    int minute;
    int64_t last_day; /* the latest event so far: events never go back in time */
    int last_minute;
    short open_claims[8]; /* claim slots not yet resolved */
    int nopen_claims;
    struct seed_ev scratch; /* where events go when memory ran out */
};

static int64_t rnd(struct plan *p, int64_t lo, int64_t hi)
{
    return rp_seed_range(p->r, lo, hi);
}

static int chance(struct plan *p, int permille)
{
    return rp_seed_chance(p->r, permille);
}

static const char *say(struct plan *p, enum seed_say what)
{
    return rp_seed_pick(p->r, rp_seed_says[what]);
}

/* ---- events ----------------------------------------------------------------------- */

static struct seed_ev *ev_add(struct plan *p, int type)
{
    struct seed_account *a = p->a;
    if (RP_GROW(a->ev, a->nev + 1, a->cap)) {
        a->failed = 1;
        return &p->scratch;
    }
    if (p->day < p->last_day || (p->day == p->last_day && p->minute < p->last_minute)) {
        p->day = p->last_day;
        p->minute = p->last_minute;
    }
    struct seed_ev *e = &a->ev[a->nev];
    *e = (struct seed_ev){0};
    e->seq = (uint32_t)a->nev++;
    e->type = (signed char)type;
    e->day = p->day;
    e->minute = (short)p->minute;
    e->deal = (signed char)p->deal;
    e->contact = (signed char)p->contact;
    e->kind = e->dir = e->outcome = -1;
    e->slot = e->ref = -1;
    p->last_day = p->day;
    p->last_minute = p->minute;
    p->minute += (int)rnd(p, 4, 35);
    if (p->minute > DAY_LAST)
        p->minute = DAY_LAST;
    return e;
}

static short new_slot(struct plan *p)
{
    return (short)p->a->nslots++;
}

/* Moves the cursor N business days on, to a morning. */
static void next_day(struct plan *p, int64_t n)
{
    p->day += n;
    p->minute = (int)rnd(p, DAY_START, 11 * 60 + 30);
}

static void wait_days(struct plan *p, int64_t lo, int64_t hi)
{
    next_day(p, rnd(p, lo, hi));
}

/* Any contact of the account, favouring the deal's main one. */
static int some_contact(struct plan *p)
{
    return chance(p, 650) ? p->contact : (int)rnd(p, 0, p->a->ncontacts - 1);
}

static void act(struct plan *p, int kind, int dir, int outcome, const char *text)
{
    struct seed_ev *e = ev_add(p, SEED_EV_ACT);
    e->kind = (signed char)kind;
    e->dir = (signed char)dir;
    e->outcome = (signed char)outcome;
    e->text = text;
    e->contact = (signed char)(kind == K_NOTE ? -1 : some_contact(p));
}

static void stage(struct plan *p, int to)
{
    if (to == p->stage)
        return;
    struct seed_ev *e = ev_add(p, SEED_EV_STAGE);
    e->kind = (signed char)to;
    p->stage = to;
}

static void agree(struct plan *p, int64_t due, const char *note)
{
    struct seed_ev *e = ev_add(p, SEED_EV_AGREE);
    e->at2 = due;
    e->text = note;
}

/* An outbound touch that did not reach them. */
static void touch(struct plan *p, enum seed_say what)
{
    static const int weights[] = {35, 40, 25};
    switch (rp_seed_weighted(p->r, weights, 3)) {
    case 0:
        act(p, K_CALL, D_OUT, O_NO_ANSWER, say(p, SAY_ATTEMPT));
        break;
    case 1:
        act(p, K_VOICEMAIL, D_OUT, O_LEFT_MESSAGE, say(p, what));
        break;
    default:
        act(p, K_EMAIL, D_OUT, -1, say(p, what));
    }
}

/* A two-way contact: they answered, called, wrote back or we visited. */
static void reached(struct plan *p, const char *text)
{
    static const int weights[] = {45, 20, 15, 12, 4, 4};
    switch (rp_seed_weighted(p->r, weights, 6)) {
    case 0:
        act(p, K_CALL, D_OUT, O_CONNECTED, text);
        break;
    case 1:
        act(p, K_CALL, D_IN, O_CONNECTED, text);
        break;
    case 2:
        act(p, K_EMAIL, D_IN, -1, text);
        break;
    case 3:
        act(p, K_EMAIL, D_OUT, O_REPLIED, text);
        break;
    case 4:
        act(p, K_TEXT, D_IN, -1, text);
        break;
    default:
        act(p, K_VISIT, D_OUT, O_HELD, text);
    }
}

/* Tries until they answer: most answer at once, some after a few touches. */
static void reach(struct plan *p, enum seed_say what)
{
    static const int weights[] = {80, 15, 4, 1};
    int attempts = rp_seed_weighted(p->r, weights, 4);
    for (int i = 0; i < attempts; i++) {
        touch(p, SAY_ATTEMPT);
        wait_days(p, 1, 3);
    }
    reached(p, say(p, what));
}

/* ---- claims and statements ---------------------------------------------------------- */

static void claim(struct plan *p)
{
    if (p->nopen_claims == (int)(sizeof(p->open_claims) / sizeof(p->open_claims[0])))
        return;
    struct seed_ev *e = ev_add(p, SEED_EV_CLAIM);
    e->text = rp_seed_pick(p->r, rp_seed_claims);
    e->contact = (signed char)some_contact(p);
    e->slot = new_slot(p);
    p->open_claims[p->nopen_claims++] = e->slot;
}

/* Practice 5: a claim is clarified, verified or contradicted once asked about. */
static void resolve_claims(struct plan *p, int permille)
{
    static const int weights[] = {0, 35, 35, 30};
    int kept = 0;
    for (int i = 0; i < p->nopen_claims; i++) {
        if (!chance(p, permille)) {
            p->open_claims[kept++] = p->open_claims[i];
            continue;
        }
        struct seed_ev *e = ev_add(p, SEED_EV_CLAIM_STATUS);
        e->ref = p->open_claims[i];
        e->kind = (signed char)rp_seed_weighted(p->r, weights, 4);
        e->text2 = rp_seed_pick(p->r, rp_seed_claim_notes[e->kind]);
    }
    p->nopen_claims = kept;
}

static void said(struct plan *p)
{
    struct seed_ev *e = ev_add(p, SEED_EV_SAID);
    e->text = rp_seed_pick(p->r, rp_seed_statements);
}

/* ---- meetings ----------------------------------------------------------------------- */

static const int minutes_needed[] = {60, 45, 60, 45, 30, 30, 60, 30};

static int meeting_minute(struct plan *p)
{
    return (int)rnd(p, 18, 32) * 30; /* 9:00 to 16:00 on the half hour */
}

/* Books a meeting on DAY and returns its event (valid until the next ev_add). */
static struct seed_ev *book(struct plan *p, int kind, int64_t day, int minute, int minutes)
{
    struct seed_ev *e = ev_add(p, SEED_EV_MEET);
    e->kind = (signed char)kind;
    e->at2 = day;
    e->n = minute;
    e->m = minutes;
    e->slot = new_slot(p);
    e->contacts = (unsigned char)(1u << p->contact);
    for (int i = 0; i < p->a->ncontacts; i++)
        if (chance(p, 250))
            e->contacts |= (unsigned char)(1u << i);
    return e;
}

/* Minutes too few for KIND: practice 2 says reschedule rather than rush it. */
static int short_minutes(struct plan *p, int kind)
{
    int need = minutes_needed[kind];
    return need > 30 && chance(p, 500) ? need - 30 : need - 15;
}

static void meeting_status(struct plan *p, short slot, int status)
{
    struct seed_ev *e = ev_add(p, SEED_EV_MEET_STATUS);
    e->ref = slot;
    e->kind = (signed char)status;
}

static short move_meeting(struct plan *p, short slot, int64_t day, int minute, int minutes)
{
    struct seed_ev *e = ev_add(p, SEED_EV_MEET_MOVE);
    e->ref = slot;
    e->at2 = day;
    e->n = minute;
    e->m = minutes;
    e->slot = new_slot(p);
    return e->slot;
}

static void meeting_held(struct plan *p, short slot, int kind)
{
    meeting_status(p, slot, MS_HELD);
    if (chance(p, 350))
        act(p, kind == MK_DEMO ? K_DEMO : K_MEETING, D_OUT, O_HELD, say(p, SAY_MEETING));
    if (chance(p, 150))
        act(p, K_NOTE, D_NONE, -1, say(p, SAY_NOTE));
    if (chance(p, 250))
        claim(p);
}

/* Books a meeting of KIND a few days out and plays it through to a held meeting, with the
 * reschedules, cancellations and no-shows of real calendars on the way. */
static void meeting(struct plan *p, int kind, int depth)
{
    static const int fates[] = {80, 7, 8, 4}; /* held, no-show, moved by them, cancelled */
    int64_t day = p->day + rnd(p, 3, 8);
    int minute = meeting_minute(p), need = minutes_needed[kind];
    int minutes = chance(p, 120) ? short_minutes(p, kind) : need;
    int fate = depth ? 0 : rp_seed_weighted(p->r, fates, 4);
    short slot = book(p, kind, day, minute, minutes)->slot;
    if (p->stage < S_MEETING)
        stage(p, S_MEETING);
    if (minutes < need && chance(p, 600)) {
        next_day(p, 1);
        act(p, K_EMAIL, D_OUT, O_REPLIED, "Asked for the full hour instead of rushing it");
        minutes = need;
        slot = move_meeting(p, slot, day += rnd(p, 1, 4), minute, minutes);
    }
    if (fate == 2) {
        p->day = day - 1;
        act(p, K_EMAIL, D_IN, -1, say(p, SAY_MOVE));
        slot = move_meeting(p, slot, day += rnd(p, 2, 6), minute, 0);
    } else if (fate == 3) {
        p->day = day - 1;
        act(p, K_EMAIL, D_IN, -1, say(p, SAY_MOVE));
        meeting_status(p, slot, MS_CANCELLED);
        meeting(p, kind, depth + 1);
        return;
    } else if (chance(p, 200)) {
        p->day = day - 1;
        act(p, K_TEXT, D_IN, -1, say(p, SAY_CONFIRM));
    }
    p->day = day;
    p->minute = minute + minutes;
    if (fate != 1) {
        meeting_held(p, slot, kind);
        return;
    }
    meeting_status(p, slot, MS_NO_SHOW);
    act(p, K_MEETING, D_OUT, O_NO_SHOW, say(p, SAY_NOSHOW));
    wait_days(p, 1, 2);
    reach(p, SAY_REACHED);
    meeting(p, kind, depth + 1);
}

/* ---- the stages of a deal ------------------------------------------------------------- */

/* The first conversation, which opens the deal: they came to us, or we called them. */
static void first_contact(struct plan *p, int deal)
{
    const char *trigger = p->a->trigger;
    int inbound = trigger && (!strcmp(trigger, "inbound") || !strcmp(trigger, "referral"));
    int upsell = p->a->deal[deal].upsell;
    if (!inbound && !upsell && (!trigger || !strcmp(trigger, "cold-call") || chance(p, 500))) {
        for (int64_t i = rnd(p, 0, 1); i > 0; i--) {
            touch(p, SAY_ATTEMPT);
            wait_days(p, 1, 4);
        }
        p->deal = deal;
        ev_add(p, SEED_EV_DEAL);
        act(p, K_CALL, D_OUT, O_CONNECTED, say(p, SAY_COLD));
        return;
    }
    p->deal = deal;
    ev_add(p, SEED_EV_DEAL);
    const char *text = upsell ? say(p, SAY_CHECKIN) : say(p, SAY_FIRST_IN);
    if (chance(p, 500))
        act(p, K_CALL, D_IN, O_CONNECTED, text);
    else
        act(p, K_EMAIL, D_IN, -1, text);
}

/* Practice 1, in the first conversation or in a call agreed for it. */
static void qualify(struct plan *p, int unqualified)
{
    if (chance(p, 500)) {
        int64_t due = p->day + rnd(p, 2, 6);
        agree(p, due, "Call to qualify: budget, timeline, who decides");
        p->day = due;
        p->minute = (int)rnd(p, DAY_START, 15 * 60);
        reach(p, SAY_QUALIFY);
    }
    stage(p, S_QUALIFIED);
    if (!unqualified) {
        struct seed_ev *e = ev_add(p, SEED_EV_DEAL_INFO);
        e->at2 = p->day + rnd(p, 20, 80);
        e->text = chance(p, 850) ? rp_seed_pick(p->r, rp_seed_processes) : NULL;
    }
    if (chance(p, 250))
        claim(p);
}

/* A pause they asked for: an account hold their own call lifts, or a deal hold that runs
 * out before we call again (practice 3). */
static void pause(struct plan *p)
{
    int64_t until = p->day + rnd(p, 8, 25);
    struct seed_ev *e = ev_add(p, chance(p, 500) ? SEED_EV_HOLD_ACCOUNT : SEED_EV_HOLD_DEAL);
    e->at2 = until;
    e->n = 1;
    e->text = say(p, SAY_ROOM);
    if (e->type == SEED_EV_HOLD_ACCOUNT && chance(p, 700)) {
        wait_days(p, 3, until - p->day - 1);
        act(p, K_CALL, D_IN, O_CONNECTED, say(p, SAY_REVIVED));
        return;
    }
    p->day = until;
    reach(p, SAY_REACHED);
}

static void proposal(struct plan *p, int may_pause)
{
    wait_days(p, 1, 3);
    act(p, K_EMAIL, D_OUT, -1, say(p, SAY_PROPOSAL));
    stage(p, S_PROPOSAL);
    for (int n = chance(p, 600) ? (int)rnd(p, 1, 2) : 0; n > 0; n--)
        said(p);
    if (may_pause && chance(p, 60))
        pause(p);
    int64_t due = p->day + rnd(p, 3, 7);
    agree(p, due, "Walk through the proposal together");
    if (chance(p, 150)) {
        /* They call ahead to move it: the new day supersedes the agreed one. */
        next_day(p, rnd(p, 1, due - p->day - 1));
        act(p, K_CALL, D_IN, O_CONNECTED, "Asked to move our call to later in the week");
        due += rnd(p, 1, 3);
        agree(p, due, "Walk through the proposal together (moved)");
    }
    p->day = due;
    if (chance(p, 300))
        meeting(p, MK_PROPOSAL, 1);
    else
        reach(p, SAY_REACHED);
    resolve_claims(p, 700);
}

static void negotiation(struct plan *p)
{
    wait_days(p, 1, 4);
    if (chance(p, 500))
        act(p, K_EMAIL, D_IN, -1, say(p, SAY_NEGOTIATE));
    stage(p, S_NEGOTIATION);
    if (chance(p, 500))
        said(p);
    if (chance(p, 150))
        claim(p);
    int64_t due = p->day + rnd(p, 2, 6);
    agree(p, due, "Answer on the terms");
    p->day = due;
    reach(p, SAY_NEGOTIATE);
}

/* Three or four touches into silence, the way a proposal goes quiet. */
static void silence(struct plan *p)
{
    int n = chance(p, 700) ? 3 : 4;
    for (int i = 0; i < n; i++) {
        wait_days(p, 3, 5);
        touch(p, SAY_CHASE);
    }
}

/* Practice 6: one clear message, copied to everyone involved. */
static short push(struct plan *p)
{
    struct seed_ev *e = ev_add(p, SEED_EV_PUSH);
    e->slot = new_slot(p);
    return e->slot;
}

static void push_outcome(struct plan *p, short slot, int outcome, int reason,
                         const char *competitor)
{
    struct seed_ev *e = ev_add(p, SEED_EV_PUSH_OUTCOME);
    e->ref = slot;
    e->kind = (signed char)outcome;
    e->outcome = (signed char)reason;
    e->competitor = competitor;
    e->text = reason >= 0             ? rp_seed_loss_notes[reason]
              : outcome == PO_IGNORED ? "Push ignored; closed and left them alone"
                                      : NULL;
}

/* The first meeting of a deal: an introduction for a prospect, for a customer whatever
 * the new business needs. */
static int first_meeting_kind(struct plan *p, int deal)
{
    static const int upsell[] = {MK_FOLLOW_UP, MK_TRAINING, MK_SUPPORT, MK_DISCOVERY};
    if (p->a->deal[deal].upsell)
        return upsell[rnd(p, 0, 3)];
    return chance(p, 800) ? MK_INTRO : MK_DISCOVERY;
}

/* Plays a deal from its first contact up to STAGE (an open one), ending on a two-way
 * contact. */
static void progress(struct plan *p, int deal, int to, int unqualified)
{
    first_contact(p, deal);
    if (to >= S_QUALIFIED)
        qualify(p, unqualified);
    if (to >= S_MEETING) {
        meeting(p, first_meeting_kind(p, deal), 0);
        if (!p->a->deal[deal].upsell && chance(p, 300))
            meeting(p, MK_DEMO, 0);
    }
    if (to >= S_PROPOSAL)
        proposal(p, 1);
}

/* ---- endings -------------------------------------------------------------------------- */

static int loss_reason(struct plan *p)
{
    static const int weights[LR_COUNT] = {25, 8, 10, 10, 8, 12, 7, 14, 6};
    return rp_seed_weighted(p->r, weights, LR_COUNT);
}

static const char *loss_competitor(struct plan *p, int deal, int reason)
{
    if (reason == LR_STATUS_QUO)
        return p->a->provider;
    if (reason == LR_OTHER || (reason == LR_TIMING && chance(p, 600)))
        return NULL;
    if (p->a->deal[deal].competitor && chance(p, 700))
        return p->a->deal[deal].competitor;
    return rp_seed_pick(p->r, rp_seed_competitors);
}

static void close_deal(struct plan *p, int to, int reason, const char *competitor, const char *note)
{
    resolve_claims(p, 750);
    struct seed_ev *e = ev_add(p, SEED_EV_CLOSE);
    e->kind = (signed char)to;
    e->outcome = (signed char)reason;
    e->competitor = competitor;
    e->text = note;
}

static void end_won(struct plan *p)
{
    if (chance(p, 500)) {
        meeting(p, MK_SIGNING, 1);
    } else {
        wait_days(p, 1, 4);
        act(p, K_EMAIL, D_IN, -1, say(p, SAY_SIGNED));
    }
    resolve_claims(p, 900);
    close_deal(p, S_WON, -1, NULL, say(p, SAY_SIGNED));
}

/* Lost, told to us directly or in answer to a push (which closes the deal itself). */
static void end_lost(struct plan *p, int deal)
{
    int reason = loss_reason(p);
    const char *competitor = loss_competitor(p, deal, reason);
    if (p->stage >= S_PROPOSAL && chance(p, 300)) {
        silence(p);
        wait_days(p, 2, 4);
        short slot = push(p);
        wait_days(p, 2, 8);
        act(p, K_EMAIL, D_IN, -1, say(p, SAY_LOST));
        resolve_claims(p, 750);
        push_outcome(p, slot, PO_INFORMED, reason, competitor);
        return;
    }
    if (chance(p, 350)) {
        /* A next step was agreed, but their answer comes first: closing cancels it. */
        agree(p, p->day + rnd(p, 5, 9), say(p, SAY_AGREE));
        wait_days(p, 1, 4);
    } else {
        wait_days(p, 2, 10);
    }
    if (chance(p, 600))
        act(p, K_EMAIL, D_IN, -1, say(p, SAY_LOST));
    else
        act(p, K_CALL, D_IN, O_CONNECTED, say(p, SAY_LOST));
    close_deal(p, S_LOST, reason, competitor, rp_seed_loss_notes[reason]);
}

/* Silence after a push (ignored: the push outcome closes it), or a project on ice. */
static void end_no_decision(struct plan *p)
{
    if (p->stage >= S_PROPOSAL && chance(p, 650)) {
        silence(p);
        wait_days(p, 2, 4);
        short slot = push(p);
        next_day(p, rnd(p, 11, 20));
        resolve_claims(p, 750);
        push_outcome(p, slot, PO_IGNORED, -1, NULL);
        return;
    }
    wait_days(p, 3, 10);
    act(p, K_CALL, D_OUT, O_CONNECTED, "They put the project on ice");
    close_deal(p, S_NO_DECISION, -1, NULL, "Project shelved; no decision");
}

/* A push that brought them back ("wait, we're not done!"), about three times in ten. */
static void revived(struct plan *p)
{
    silence(p);
    wait_days(p, 2, 4);
    short slot = push(p);
    wait_days(p, 2, 9);
    act(p, K_EMAIL, D_IN, -1, say(p, SAY_REVIVED));
    push_outcome(p, slot, PO_REVIVED, -1, NULL);
}

/* A deal that closed: where it stopped depends on how it ended. */
static void closed_deal(struct plan *p, int deal, int to, int unqualified)
{
    static const int lost_at[] = {0, 10, 20, 45, 25};
    static const int nd_at[] = {0, 0, 15, 60, 25};
    int upto = to == S_WON    ? (chance(p, 500) ? S_NEGOTIATION : S_PROPOSAL)
               : to == S_LOST ? rp_seed_weighted(p->r, lost_at, 5)
                              : rp_seed_weighted(p->r, nd_at, 5);
    progress(p, deal, upto < S_PROPOSAL ? upto : S_PROPOSAL, unqualified);
    if (to != S_NO_DECISION && upto >= S_PROPOSAL && chance(p, 100))
        revived(p);
    if (upto >= S_NEGOTIATION)
        negotiation(p);
    if (to == S_WON)
        end_won(p);
    else if (to == S_LOST)
        end_lost(p, deal);
    else
        end_no_decision(p);
}

/* ---- open deals: where they stand today --------------------------------------------- */

static int scenario_draw(struct seed_book *b)
{
    static const int cards[SEED_SC_COUNT] = {117, 36, 14, 8, 4, 4, 2, 4, 3, 2, 2, 2, 2};
    if (!b->ndeck) {
        size_t n = 0;
        for (int sc = 0; sc < SEED_SC_COUNT; sc++)
            for (int i = 0; i < cards[sc] && n < sizeof(b->deck); i++)
                b->deck[n++] = (unsigned char)sc;
        for (size_t i = n - 1; i > 0; i--) {
            size_t j = (size_t)rp_seed_range(&b->rng, 0, (int64_t)i);
            unsigned char t = b->deck[i];
            b->deck[i] = b->deck[j];
            b->deck[j] = t;
        }
        b->ndeck = n;
    }
    return b->deck[--b->ndeck];
}

/* The stage an open deal in scenario SC has reached. */
static int open_stage(struct plan *p, int sc)
{
    static const int stages[] = {12, 20, 25, 28, 15};
    int meets = sc == SEED_SC_MEETING || sc == SEED_SC_MEETING_TODAY ||
                sc == SEED_SC_MEETING_SHORT || sc == SEED_SC_NO_SHOW;
    if (sc == SEED_SC_SILENT || sc == SEED_SC_PUSHED || sc == SEED_SC_PUSH_IGNORED)
        return chance(p, 600) ? S_PROPOSAL : S_NEGOTIATION;
    int stage = rp_seed_weighted(p->r, stages, 5);
    return meets && stage == S_LEAD ? S_QUALIFIED : stage; /* qualified before a meeting */
}

static int next_meeting_kind(struct plan *p, int deal)
{
    if (p->stage <= S_QUALIFIED)
        return first_meeting_kind(p, deal);
    if (p->stage == S_MEETING)
        return MK_DEMO;
    if (p->stage == S_PROPOSAL)
        return MK_PROPOSAL;
    return chance(p, 500) ? MK_FOLLOW_UP : MK_SIGNING;
}

/* Books the next meeting on DAY (or today), long enough or not; returns its slot and sets
 * *ends to the minute it ends. */
static short book_next(struct plan *p, int deal, int64_t day, int today, int too_short, int *ends)
{
    int kind = next_meeting_kind(p, deal), minute = meeting_minute(p);
    int minutes = too_short ? short_minutes(p, kind) : minutes_needed[kind];
    struct seed_ev *e = book(p, kind, day, minute, minutes);
    short slot = e->slot;
    if (today)
        e->flags |= SEED_F_TODAY;
    if (p->stage < S_MEETING)
        stage(p, S_MEETING);
    *ends = minute + minutes;
    return slot;
}

static void hold_until(struct plan *p, int64_t until, int today)
{
    struct seed_ev *e = ev_add(p, chance(p, 500) ? SEED_EV_HOLD_DEAL : SEED_EV_HOLD_ACCOUNT);
    e->at2 = until;
    e->n = chance(p, 600);
    e->text = say(p, SAY_ROOM);
    if (today)
        e->flags |= SEED_F_TODAY;
}

/* The scenario's last steps after the final two-way contact at p->day (L). Returns x:
 * today is x business days after L. */
static int64_t open_tail(struct plan *p, int deal, int sc)
{
    int64_t L = p->day, x, k, first;
    int ends;
    short slot;
    switch (sc) {
    case SEED_SC_AGREED:
        x = rnd(p, 1, 8);
        agree(p, L + x + rnd(p, 1, 12), say(p, SAY_AGREE));
        return x;
    case SEED_SC_MEETING:
        x = rnd(p, 1, 6);
        book_next(p, deal, L + x + rnd(p, 1, 10), 0, 0, &ends);
        return x;
    case SEED_SC_HELD:
        x = rnd(p, 1, 10);
        hold_until(p, L + x + rnd(p, 3, 30), 0);
        return x;
    case SEED_SC_AGREED_TODAY:
        x = rnd(p, 2, 8);
        agree(p, L + x, say(p, SAY_AGREE));
        if (!p->a->failed)
            p->a->ev[p->a->nev - 1].flags |= SEED_F_TODAY;
        return x;
    case SEED_SC_MEETING_TODAY:
        x = rnd(p, 2, 8);
        book_next(p, deal, L + x, 1, 0, &ends);
        return x;
    case SEED_SC_MEETING_SHORT:
        x = rnd(p, 1, 6);
        book_next(p, deal, L + x + rnd(p, 0, 5), 0, 1, &ends);
        return x;
    case SEED_SC_MISSED:
        k = rnd(p, 2, 6);
        agree(p, L + k, say(p, SAY_AGREE));
        return k + rnd(p, 2, 8);
    case SEED_SC_SILENT:
        wait_days(p, 3, 5);
        first = p->day;
        touch(p, SAY_CHASE);
        silence(p);
        k = first - L;
        x = p->day - L + 1;
        return (x > k + 11 ? x : k + 11) + rnd(p, 0, 4);
    case SEED_SC_PUSHED:
    case SEED_SC_PUSH_IGNORED:
        silence(p);
        wait_days(p, 2, 4);
        push(p);
        return p->day - L + (sc == SEED_SC_PUSHED ? rnd(p, 1, 8) : rnd(p, 11, 20));
    case SEED_SC_NO_SHOW:
        k = rnd(p, 2, 5);
        x = k + rnd(p, 1, 4);
        slot = book_next(p, deal, L + k, 0, 0, &ends);
        p->day = L + k;
        p->minute = ends;
        meeting_status(p, slot, MS_NO_SHOW);
        act(p, K_MEETING, D_OUT, O_NO_SHOW, say(p, SAY_NOSHOW));
        if (x - k > 1 && chance(p, 500)) {
            next_day(p, 1);
            act(p, K_EMAIL, D_OUT, -1, say(p, SAY_NOSHOW));
        }
        return x;
    case SEED_SC_HOLD_ENDS:
        x = rnd(p, 3, 15);
        hold_until(p, L + x, 1);
        return x;
    default: /* SEED_SC_NO_NEXT */
        return rnd(p, 6, 15);
    }
}

/* ---- the deals of an account ------------------------------------------------------------ */

static void plan_init(struct plan *p, struct seed_book *b, struct seed_account *a)
{
    *p = (struct plan){0};
    p->b = b;
    p->a = a;
    p->r = &b->rng;
    p->deal = -1;
    p->contact = a->primary;
    p->stage = S_LEAD;
    p->minute = DAY_START;
    p->last_day = INT64_MIN / 2;
}

/* An open deal: played up to its stage, then to where its scenario stands today. Returns
 * today's day in the deal's coordinates. */
static int64_t open_deal(struct plan *p, int deal, int unqualified)
{
    struct seed_deal *d = &p->a->deal[deal];
    int sc = scenario_draw(p->b), to = open_stage(p, sc);
    int quiet = sc == SEED_SC_SILENT || sc == SEED_SC_PUSHED || sc == SEED_SC_PUSH_IGNORED;
    progress(p, deal, to < S_PROPOSAL ? to : S_PROPOSAL, unqualified);
    if (to >= S_NEGOTIATION)
        negotiation(p);
    /* A push needs every claim answered; elsewhere a few stay open to verify. */
    if (!quiet && chance(p, 40)) {
        if (!p->nopen_claims)
            claim(p);
    } else {
        resolve_claims(p, 1000);
    }
    int64_t last = p->day, x = open_tail(p, deal, sc);
    d->scenario = sc;
    d->stage = p->stage;
    return last + x;
}

static void shift(struct seed_account *a, size_t from, int64_t by)
{
    for (size_t i = from; i < a->nev; i++) {
        a->ev[i].day += by;
        a->ev[i].at2 += by;
    }
}

/* Plans the deals newest first: the newest ends today (open) or some time ago, each older
 * one a while before the next began. */
static void plan_deals(struct seed_book *b, struct seed_account *a)
{
    int64_t next_start = b->btoday;
    for (int k = a->ndeals - 1; k >= 0; k--) {
        struct seed_deal *d = &a->deal[k];
        struct plan p;
        size_t from = a->nev;
        int64_t end_rel, end;
        int unqualified = rp_seed_chance(&b->rng, 15);
        plan_init(&p, b, a);
        if (d->stage == S_LEAD) {
            end_rel = open_deal(&p, k, unqualified);
            end = b->btoday;
        } else {
            closed_deal(&p, k, d->stage, unqualified);
            end_rel = p.last_day;
            end = next_start - (k == a->ndeals - 1 ? rp_seed_range(&b->rng, 1, 400)
                                                   : rp_seed_range(&b->rng, 15, 150));
        }
        shift(a, from, end - end_rel);
        d->start = from < a->nev ? a->ev[from].day : end;
        d->end = end;
        next_start = d->start;
    }
}

/* ---- after the sale (practice 8) ------------------------------------------------------ */

/* Whether DAY falls while a deal after FIRST runs: then that deal carries the contact. */
static int64_t busy_until(const struct seed_account *a, int first, int64_t day)
{
    for (int k = first + 1; k < a->ndeals; k++)
        if (day >= a->deal[k].start - 2 && day <= a->deal[k].end + 3)
            return a->deal[k].end + 3;
    return 0;
}

static void checkin(struct plan *p)
{
    static const int weights[] = {45, 20, 15, 12, 8};
    const char *text = say(p, SAY_CHECKIN);
    switch (rp_seed_weighted(p->r, weights, 5)) {
    case 0:
        act(p, K_CALL, D_OUT, O_CONNECTED, text);
        break;
    case 1:
        act(p, K_EMAIL, D_OUT, O_REPLIED, text);
        break;
    case 2:
        act(p, K_EMAIL, D_IN, -1, text);
        break;
    case 3:
        act(p, K_VISIT, D_OUT, O_HELD, text);
        break;
    default:
        act(p, K_CALL, D_IN, O_CONNECTED, text);
    }
}

/* Keeps in touch from FROM until STOP: check-ins every CADENCE days when one is set,
 * otherwise small updates and their occasional call. */
static void relationship(struct plan *p, int first_win, int64_t from, int64_t stop, int64_t cadence)
{
    int64_t every = cadence * 5 / 7, t = from;
    p->last_day = INT64_MIN / 2;
    for (;;) {
        t += every ? every * rnd(p, 85, 98) / 100 : rnd(p, 90, 180);
        int64_t busy = busy_until(p->a, first_win, t);
        if (busy)
            t = busy + rnd(p, 1, 5);
        if (t >= stop)
            break;
        p->day = t;
        p->minute = (int)rnd(p, DAY_START, 16 * 60);
        if (every)
            checkin(p);
        else if (chance(p, 300))
            act(p, K_CALL, D_IN, O_CONNECTED, say(p, SAY_CHECKIN));
        else
            act(p, K_EMAIL, D_OUT, -1, say(p, SAY_UPDATE));
    }
}

/* One invoice on DAY of CENTS, paid around its due date unless it is still due, or late. */
static void invoice(struct plan *p, int64_t day, int64_t cents, int late)
{
    int64_t due = day + 22, paid = chance(p, 800) ? due - rnd(p, 0, 10) : due + rnd(p, 1, 10);
    if (day >= p->b->btoday)
        return;
    p->last_day = INT64_MIN / 2;
    p->day = day;
    p->minute = (int)rnd(p, DAY_START, 16 * 60);
    struct seed_ev *e = ev_add(p, SEED_EV_INVOICE);
    e->slot = new_slot(p);
    e->n = cents;
    e->m = ++p->b->invoice_no;
    e->at2 = due;
    short slot = e->slot;
    if (paid <= day)
        paid = day + 1;
    /* A late payer holds back a recent invoice, not one from years ago. */
    if (paid >= p->b->btoday || (late && due < p->b->btoday && due >= p->b->btoday - 30))
        return;
    p->day = paid;
    e = ev_add(p, SEED_EV_PAID);
    e->ref = slot;
}

/* Invoices for a won deal: one for a small one, two halves, or four quarters. */
static void invoices(struct plan *p, const struct seed_deal *d, int late)
{
    int64_t v = d->value_cents, w = d->end;
    if (v < 1500000) {
        invoice(p, w + rnd(p, 1, 3), v, late);
    } else if (v < 6000000) {
        invoice(p, w + 2, v / 2, 0);
        invoice(p, w + rnd(p, 30, 45), v - v / 2, late);
    } else {
        for (int q = 0; q < 4; q++)
            invoice(p, w + 2 + 65 * q, q < 3 ? v / 4 : v - 3 * (v / 4), late && q == 3);
    }
}

static void thank_you(struct plan *p, int deal)
{
    p->last_day = INT64_MIN / 2;
    p->day = p->a->deal[deal].end + rnd(p, 1, 8);
    if (p->day >= p->b->btoday || !chance(p, 880))
        return;
    p->deal = deal;
    p->minute = (int)rnd(p, DAY_START, 16 * 60);
    act(p, K_CARD, D_OUT, -1, say(p, SAY_CARD));
    p->deal = -1;
}

static void after_sale(struct seed_book *b, struct seed_account *a)
{
    static const int cadences[] = {30, 45, 60, 90};
    struct plan p;
    int first = -1, last = a->ndeals - 1;
    plan_init(&p, b, a);
    for (int k = 0; k < a->ndeals; k++) {
        if (a->deal[k].stage != S_WON)
            continue;
        if (first < 0)
            first = k;
        thank_you(&p, k);
        invoices(&p, &a->deal[k], k == last && chance(&p, 25));
    }
    if (first < 0)
        return;
    int64_t cadence = chance(&p, 500) ? cadences[rnd(&p, 0, 3)] : 0, stop = b->btoday;
    if (cadence) {
        p.last_day = INT64_MIN / 2;
        p.day = a->deal[first].end + 1;
        ev_add(&p, SEED_EV_CHECKIN)->n = cadence;
        if (chance(&p, 25))
            stop -= cadence * 5 / 7 + rnd(&p, 2, 15); /* overdue */
    }
    const struct seed_deal *d = &a->deal[last];
    if (d->stage == S_WON && d->end < b->btoday - 150 && chance(&p, 70)) {
        stop = d->end + rnd(&p, 60, b->btoday - d->end - 1);
        p.last_day = INT64_MIN / 2;
        p.day = stop;
        ev_add(&p, SEED_EV_FORMER);
    }
    relationship(&p, first, a->deal[first].end, stop, cadence);
}

static int ev_cmp(const void *pa, const void *pb)
{
    const struct seed_ev *x = pa, *y = pb;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->minute != y->minute)
        return x->minute < y->minute ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void rp_seed_book_init(struct seed_book *b, uint64_t seed, int64_t today)
{
    *b = (struct seed_book){0};
    b->rng.s = seed;
    rp_seed_rand(&b->rng); /* so that seeds 0, 1, 2 do not start alike */
    b->today = today;
    b->btoday = rp_seed_bday(today);
}

void rp_seed_plan_account(struct seed_book *b, struct seed_account *a)
{
    a->nev = 0;
    a->nslots = 0;
    a->failed = 0;
    rp_seed_make_account(b, a);
    plan_deals(b, a);
    after_sale(b, a);
    int64_t first = b->btoday;
    for (size_t i = 0; i < a->nev; i++)
        if (a->ev[i].day < first)
            first = a->ev[i].day;
    a->created = first - rp_seed_range(&b->rng, 0, 5);
    qsort(a->ev, a->nev, sizeof(*a->ev), ev_cmp);
}
