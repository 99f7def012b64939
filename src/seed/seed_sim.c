/* Playing a seed plan: each event changes the account's records the way its verb would
 * (verbs.c, crud.c, close.c, push.c), with the same history lines, but in memory, so that
 * a whole account is written at once with no reads. A change to a verb's side effects
 * belongs here too; test_seed.c compares the result with what the core derives itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/grow.h"
#include "seed/seed_internal.h"
#include "base/banned.h"

/* ---- records ----------------------------------------------------------------------------- */

struct rp_record *rp_seed_new(struct seed_run *r, enum rp_kind_id kind)
{
    struct rp_records *list = &r->rows[kind];
    struct rp_record rec;
    if (rp_record_init(&rec, kind)) {
        r->oom = 1;
        return NULL;
    }
    rp_record_set_int(&rec, 0, r->next[kind]++);
    int owner = rp_kind_field(rec.kind, "owner_id");
    if (r->owner && owner >= 0)
        rp_record_set_int(&rec, owner, r->owner);
    if (rp_records_push(list, &rec)) {
        rp_record_release(&rec);
        r->oom = 1;
        return NULL;
    }
    r->counts->n[kind]++;
    return &list->items[list->n - 1];
}

struct rp_record *rp_seed_row(struct seed_run *r, enum rp_kind_id kind, int64_t id)
{
    return &r->rows[kind].items[id - r->first[kind]];
}

static void sim_str(struct seed_run *r, struct rp_record *rec, int f, const char *s)
{
    if (rec && rp_record_set_str(rec, f, s && *s ? s : NULL))
        r->oom = 1;
}

static void sim_int(struct rp_record *rec, int f, int64_t i)
{
    if (rec)
        rp_record_set_int(rec, f, i);
}

static int64_t sim_today(const struct seed_run *r)
{
    return r->day;
}

static int64_t sim_date(const struct seed_run *r, const struct seed_ev *e)
{
    return e->flags & SEED_F_TODAY ? r->book.today : rp_seed_bday_to_date(e->at2);
}

static int64_t sim_instant(struct seed_run *r, int64_t day, int minute)
{
    return rp_seed_instant(&r->clock, day, minute);
}

/* rp_history_add: FIELD of a record went FROM -> TO because REASON. */
static void sim_history(struct seed_run *r, enum rp_kind_id kind, int64_t id, const char *field,
                        const char *from, const char *to, const char *reason)
{
    struct rp_record *h = rp_seed_new(r, RP_HISTORY);
    sim_str(r, h, RP_HISTORY_ENTITY, rp_kind_get(kind)->name);
    sim_int(h, RP_HISTORY_ENTITY_ID, id);
    sim_str(r, h, RP_HISTORY_FIELD, field);
    sim_str(r, h, RP_HISTORY_FROM, from);
    sim_str(r, h, RP_HISTORY_TO, to);
    sim_str(r, h, RP_HISTORY_REASON, reason);
    sim_int(h, RP_HISTORY_AT, r->now);
}

/* A status field changed, with its history line (verbs.c set_status, crud.c rp_update). */
static void sim_status(struct seed_run *r, struct rp_record *rec, int f, int updated_f,
                       const char *to, const char *reason)
{
    char from[32];
    snprintf(from, sizeof(from), "%s", rp_record_str(rec, f));
    sim_history(r, rec->kind->id, rec->v[0].i, rec->kind->fields[f].name, from, to, reason);
    sim_str(r, rec, f, to);
    if (updated_f >= 0)
        sim_int(rec, updated_f, r->now);
}

/* rp_store_agreements_close: open agreements of DEAL (0: of the account, as
 * rp_store_account_agreements_close) due by DUE_BY become STATUS. */
static void sim_agreements_close(struct seed_run *r, int64_t deal, int64_t due_by,
                                 const char *status)
{
    struct rp_records *list = &r->rows[RP_AGREEMENT];
    for (size_t i = r->start[RP_AGREEMENT]; i < list->n; i++) {
        struct rp_record *g = &list->items[i];
        if ((deal && rp_record_int(g, RP_AGREEMENT_DEAL_ID, 0) != deal) ||
            strcmp(rp_record_str(g, RP_AGREEMENT_STATUS), "open") ||
            rp_record_int(g, RP_AGREEMENT_DUE_ON, 0) > due_by)
            continue;
        sim_str(r, g, RP_AGREEMENT_STATUS, status);
        sim_int(g, RP_AGREEMENT_CLOSED_AT, r->now);
    }
}

static void sim_refs(struct seed_run *r, struct rp_record *rec, const struct seed_ev *e,
                     int account_f, int deal_f, int contact_f)
{
    sim_int(rec, account_f, r->account);
    if (deal_f >= 0 && e->deal >= 0)
        sim_int(rec, deal_f, r->deal[e->deal]);
    if (contact_f >= 0 && e->contact >= 0)
        sim_int(rec, contact_f, r->contact[e->contact]);
}

/* ---- the account and its people ----------------------------------------------------------- */

static void sim_contact(struct seed_run *r, int i)
{
    const struct seed_contact *c = &r->acc.contact[i];
    struct rp_record *rec = rp_seed_new(r, RP_CONTACT);
    if (!rec)
        return;
    r->contact[i] = rec->v[0].i;
    sim_int(rec, RP_CONTACT_ACCOUNT_ID, r->account);
    sim_str(r, rec, RP_CONTACT_NAME, c->name);
    sim_str(r, rec, RP_CONTACT_TITLE, c->title);
    sim_str(r, rec, RP_CONTACT_EMAIL, c->email);
    sim_str(r, rec, RP_CONTACT_PHONE, c->phone);
    sim_str(r, rec, RP_CONTACT_ROLE, rp_vocab_role[c->role]);
    sim_int(rec, RP_CONTACT_PRIMARY, c->primary);
    sim_int(rec, RP_CONTACT_CREATED_AT, r->now);
    sim_int(rec, RP_CONTACT_UPDATED_AT, r->now);
}

void rp_seed_play_account(struct seed_run *r)
{
    const struct seed_account *a = &r->acc;
    struct rp_record *rec = rp_seed_new(r, RP_ACCOUNT);
    if (!rec)
        return;
    r->account = rec->v[0].i;
    sim_str(r, rec, RP_ACCOUNT_NAME, a->name);
    sim_str(r, rec, RP_ACCOUNT_INDUSTRY, a->industry);
    sim_str(r, rec, RP_ACCOUNT_TRIGGER, a->trigger);
    sim_str(r, rec, RP_ACCOUNT_NEED, a->need);
    sim_str(r, rec, RP_ACCOUNT_URGENCY, a->urgency);
    sim_str(r, rec, RP_ACCOUNT_STYLE, a->style);
    sim_str(r, rec, RP_ACCOUNT_RISK, a->risk);
    sim_str(r, rec, RP_ACCOUNT_PROVIDER, a->provider);
    sim_str(r, rec, RP_ACCOUNT_BINDING, a->binding);
    sim_str(r, rec, RP_ACCOUNT_STATUS, "prospect");
    sim_int(rec, RP_ACCOUNT_HOLD_UNLESS_INBOUND, 0);
    if (a->contract_ends >= 0)
        sim_int(rec, RP_ACCOUNT_CONTRACT_ENDS, rp_seed_bday_to_date(a->contract_ends));
    sim_int(rec, RP_ACCOUNT_CREATED_AT, r->now);
    sim_int(rec, RP_ACCOUNT_UPDATED_AT, r->now);
    for (int i = 0; i < a->ncontacts; i++)
        sim_contact(r, i);
}

/* rp_update of the account's status: the history says "edited", as crud.c writes it. */
static void sim_account_status(struct seed_run *r, const char *status)
{
    struct rp_record *a = rp_seed_row(r, RP_ACCOUNT, r->account);
    if (strcmp(rp_record_str(a, RP_ACCOUNT_STATUS), status))
        sim_status(r, a, RP_ACCOUNT_STATUS, RP_ACCOUNT_UPDATED_AT, status, "edited");
}

/* ---- deals -------------------------------------------------------------------------------- */

static void sim_deal(struct seed_run *r, const struct seed_ev *e)
{
    const struct seed_deal *d = &r->acc.deal[e->deal];
    struct rp_record *rec = rp_seed_new(r, RP_DEAL);
    if (!rec)
        return;
    r->deal[e->deal] = rec->v[0].i;
    sim_int(rec, RP_DEAL_ACCOUNT_ID, r->account);
    sim_str(r, rec, RP_DEAL_TITLE, d->title);
    sim_int(rec, RP_DEAL_VALUE_CENTS, d->value_cents);
    sim_str(r, rec, RP_DEAL_CURRENCY, r->currency);
    sim_str(r, rec, RP_DEAL_STAGE, "lead");
    sim_str(r, rec, RP_DEAL_COMPETITOR, d->competitor);
    sim_int(rec, RP_DEAL_HOLD_UNLESS_INBOUND, 0);
    sim_int(rec, RP_DEAL_OPENED_AT, r->now);
    sim_int(rec, RP_DEAL_UPDATED_AT, r->now);
    sim_history(r, RP_DEAL, rec->v[0].i, "stage", NULL, "lead", "opened");
}

static void sim_deal_info(struct seed_run *r, const struct seed_ev *e)
{
    struct rp_record *d = rp_seed_row(r, RP_DEAL, r->deal[e->deal]);
    sim_int(d, RP_DEAL_DECISION_BY, sim_date(r, e));
    sim_str(r, d, RP_DEAL_DECISION_PROCESS, e->text);
    sim_int(d, RP_DEAL_UPDATED_AT, r->now);
}

/* rp_deal_set_stage (an open stage). */
static void sim_stage(struct seed_run *r, const struct seed_ev *e)
{
    struct rp_record *d = rp_seed_row(r, RP_DEAL, r->deal[e->deal]);
    sim_status(r, d, RP_DEAL_STAGE, RP_DEAL_UPDATED_AT, rp_vocab_stage[e->kind], NULL);
}

static void sim_hold(struct seed_run *r, struct rp_record *rec, int until_f, int reason_f,
                     int64_t until, const char *reason);

/* rp_deal_close's close_won: holds asked for during the sale no longer stand. */
static void sim_won_holds(struct seed_run *r, struct rp_record *d)
{
    const struct rp_records *deals = &r->rows[RP_DEAL];
    int open = 0;
    if (d->v[RP_DEAL_HOLD_UNTIL].set)
        sim_hold(r, d, RP_DEAL_HOLD_UNTIL, RP_DEAL_HOLD_REASON, -1, "deal won");
    for (size_t i = r->start[RP_DEAL]; i < deals->n; i++)
        open |= &deals->items[i] != d &&
                rp_stage_is_open(rp_record_str(&deals->items[i], RP_DEAL_STAGE));
    struct rp_record *a = rp_seed_row(r, RP_ACCOUNT, r->account);
    if (!open && a->v[RP_ACCOUNT_HOLD_UNTIL].set) {
        rp_record_set_int(a, RP_ACCOUNT_HOLD_UNLESS_INBOUND, 0);
        sim_hold(r, a, RP_ACCOUNT_HOLD_UNTIL, RP_ACCOUNT_HOLD_REASON, -1, "deal won");
    }
}

/* rp_deal_close: won makes the account a customer and closes what the sale left open, lost
 * and no-decision cancel what was agreed. */
static void sim_close(struct seed_run *r, int64_t id, const char *stage, const char *reason,
                      const char *competitor, const char *note)
{
    struct rp_record *d = rp_seed_row(r, RP_DEAL, id);
    sim_status(r, d, RP_DEAL_STAGE, -1, stage, note ? note : reason);
    sim_int(d, RP_DEAL_CLOSED_AT, r->now);
    sim_str(r, d, RP_DEAL_CLOSE_REASON, reason);
    sim_str(r, d, RP_DEAL_CLOSE_NOTE, note);
    if (competitor)
        sim_str(r, d, RP_DEAL_COMPETITOR, competitor);
    if (strcmp(stage, "won")) {
        sim_agreements_close(r, id, INT64_MAX, "cancelled");
        return;
    }
    sim_agreements_close(r, id, sim_today(r), "kept");
    sim_agreements_close(r, id, INT64_MAX, "cancelled");
    sim_won_holds(r, d);
    sim_account_status(r, "customer");
}

static void sim_close_event(struct seed_run *r, const struct seed_ev *e)
{
    sim_close(r, r->deal[e->deal], rp_vocab_stage[e->kind],
              e->outcome >= 0 ? rp_vocab_loss_reason[e->outcome] : NULL, e->competitor, e->text);
}

/* ---- contact and agreements ----------------------------------------------------------------- */

/* rp_account_hold and rp_deal_hold: UNTIL < 0 lifts the hold. */
static void sim_hold(struct seed_run *r, struct rp_record *rec, int until_f, int reason_f,
                     int64_t until, const char *reason)
{
    char from[RP_DATE_LEN] = "", to[RP_DATE_LEN] = "";
    if (rec->v[until_f].set)
        rp_date_format(rec->v[until_f].i, from);
    if (until >= 0) {
        rp_date_format(until, to);
        rp_record_set_int(rec, until_f, until);
    } else {
        rp_record_clear(rec, until_f);
    }
    sim_str(r, rec, reason_f, until >= 0 ? reason : NULL);
    sim_int(rec, rec->kind->id == RP_ACCOUNT ? RP_ACCOUNT_UPDATED_AT : RP_DEAL_UPDATED_AT, r->now);
    sim_history(r, rec->kind->id, rec->v[0].i, "hold", *from ? from : NULL, *to ? to : NULL,
                reason);
}

/* Practice 3: their own call lifts an unless-inbound hold. */
static void sim_inbound(struct seed_run *r, const struct rp_record *act)
{
    struct rp_record *a = rp_seed_row(r, RP_ACCOUNT, r->account);
    int64_t day = r->day;
    char on[RP_DATE_LEN], reason[128];
    if (rp_record_int(a, RP_ACCOUNT_HOLD_UNTIL, -1) <= day ||
        !rp_record_int(a, RP_ACCOUNT_HOLD_UNLESS_INBOUND, 0))
        return;
    rp_date_format(day, on);
    snprintf(reason, sizeof(reason), "lifted by inbound %s on %s (activity %lld)",
             rp_record_str(act, RP_ACTIVITY_KIND), on, (long long)act->v[0].i);
    rp_record_set_int(a, RP_ACCOUNT_HOLD_UNLESS_INBOUND, 0);
    sim_hold(r, a, RP_ACCOUNT_HOLD_UNTIL, RP_ACCOUNT_HOLD_REASON, -1, reason);
}

/* rp_activity_log. */
static void sim_activity(struct seed_run *r, const struct seed_ev *e)
{
    struct rp_record *rec = rp_seed_new(r, RP_ACTIVITY);
    if (!rec)
        return;
    sim_refs(r, rec, e, RP_ACTIVITY_ACCOUNT_ID, RP_ACTIVITY_DEAL_ID, RP_ACTIVITY_CONTACT_ID);
    sim_str(r, rec, RP_ACTIVITY_KIND, rp_vocab_activity_kind[e->kind]);
    sim_str(r, rec, RP_ACTIVITY_DIRECTION, rp_vocab_direction[e->dir]);
    sim_str(r, rec, RP_ACTIVITY_OUTCOME, e->outcome >= 0 ? rp_vocab_outcome[e->outcome] : NULL);
    sim_int(rec, RP_ACTIVITY_AT, r->now);
    sim_str(r, rec, RP_ACTIVITY_TEXT, e->text);
    sim_int(rec, RP_ACTIVITY_CREATED_AT, r->now);
    if (e->dir == D_IN)
        sim_inbound(r, rec);
    /* A two-way contact keeps the agreements due by then. */
    if (!rp_activity_is_two_way(rec))
        return;
    sim_agreements_close(r, e->deal >= 0 ? r->deal[e->deal] : 0, sim_today(r), "kept");
}

/* rp_agreement_add: the new agreement supersedes the open one. */
static void sim_agreement(struct seed_run *r, const struct seed_ev *e)
{
    sim_agreements_close(r, r->deal[e->deal], INT64_MAX, "superseded");
    struct rp_record *rec = rp_seed_new(r, RP_AGREEMENT);
    sim_refs(r, rec, e, RP_AGREEMENT_ACCOUNT_ID, RP_AGREEMENT_DEAL_ID, RP_AGREEMENT_CONTACT_ID);
    sim_int(rec, RP_AGREEMENT_MADE_ON, sim_today(r));
    sim_int(rec, RP_AGREEMENT_DUE_ON, sim_date(r, e));
    sim_str(r, rec, RP_AGREEMENT_NOTE, e->text);
    sim_str(r, rec, RP_AGREEMENT_STATUS, "open");
    sim_int(rec, RP_AGREEMENT_CREATED_AT, r->now);
}

/* ---- meetings ------------------------------------------------------------------------------ */

static void sim_attendee(struct seed_run *r, int64_t meeting, int64_t contact)
{
    if (RP_GROW(r->attendees, r->nattendees + 1, r->capattendees)) {
        r->oom = 1;
        return;
    }
    r->attendees[r->nattendees][0] = meeting;
    r->attendees[r->nattendees++][1] = contact;
}

/* rp_meeting_add; returns the meeting's id. */
static int64_t sim_book(struct seed_run *r, int64_t deal, int64_t at, int64_t minutes,
                        const char *kind, unsigned contacts)
{
    struct rp_record *rec = rp_seed_new(r, RP_MEETING);
    if (!rec)
        return 0;
    int64_t id = rec->v[0].i;
    sim_int(rec, RP_MEETING_ACCOUNT_ID, r->account);
    sim_int(rec, RP_MEETING_DEAL_ID, deal);
    sim_int(rec, RP_MEETING_AT, at);
    sim_int(rec, RP_MEETING_MINUTES, minutes);
    sim_str(r, rec, RP_MEETING_KIND, kind);
    sim_str(r, rec, RP_MEETING_STATUS, "planned");
    sim_int(rec, RP_MEETING_CREATED_AT, r->now);
    sim_int(rec, RP_MEETING_UPDATED_AT, r->now);
    for (int i = 0; i < r->acc.ncontacts; i++)
        if (contacts & (1u << i))
            sim_attendee(r, id, r->contact[i]);
    return id;
}

static void sim_meeting(struct seed_run *r, const struct seed_ev *e)
{
    int64_t at = sim_instant(r, sim_date(r, e), (int)e->n);
    r->slot[e->slot] =
        sim_book(r, r->deal[e->deal], at, e->m, rp_vocab_meeting_kind[e->kind], e->contacts);
}

/* rp_meeting_set_status: a meeting held is two-way contact on its day. */
static void sim_meeting_status(struct seed_run *r, const struct seed_ev *e)
{
    struct rp_record *m = rp_seed_row(r, RP_MEETING, r->slot[e->ref]);
    const char *status = rp_vocab_meeting_status[e->kind];
    sim_status(r, m, RP_MEETING_STATUS, RP_MEETING_UPDATED_AT, status, NULL);
    if (e->kind == MS_HELD)
        sim_agreements_close(r, rp_record_int(m, RP_MEETING_DEAL_ID, 0),
                             rp_local_date(rp_record_int(m, RP_MEETING_AT, 0)), "kept");
}

/* rp_meeting_reschedule: the successor keeps kind, deal and attendees. */
static void sim_meeting_move(struct seed_run *r, const struct seed_ev *e)
{
    int64_t old = r->slot[e->ref], at = sim_instant(r, sim_date(r, e), (int)e->n);
    struct rp_record *m = rp_seed_row(r, RP_MEETING, old);
    int64_t deal = rp_record_int(m, RP_MEETING_DEAL_ID, 0);
    int64_t minutes = e->m ? e->m : rp_record_int(m, RP_MEETING_MINUTES, 0);
    char kind[16], reason[64];
    unsigned contacts = 0;
    snprintf(kind, sizeof(kind), "%s", rp_record_str(m, RP_MEETING_KIND));
    for (size_t i = r->attendees_start; i < r->nattendees; i++)
        for (int c = 0; c < r->acc.ncontacts; c++)
            if (r->attendees[i][0] == old && r->attendees[i][1] == r->contact[c])
                contacts |= 1u << c;
    int64_t id = sim_book(r, deal, at, minutes, kind, contacts);
    r->slot[e->slot] = id;
    snprintf(reason, sizeof(reason), "moved to meeting %lld", (long long)id);
    m = rp_seed_row(r, RP_MEETING, old);
    sim_status(r, m, RP_MEETING_STATUS, RP_MEETING_UPDATED_AT, "rescheduled", reason);
}

/* ---- claims, statements, pushes -------------------------------------------------------------- */

static void sim_claim(struct seed_run *r, const struct seed_ev *e)
{
    struct rp_record *rec = rp_seed_new(r, RP_CLAIM);
    if (!rec)
        return;
    r->slot[e->slot] = rec->v[0].i;
    sim_refs(r, rec, e, RP_CLAIM_ACCOUNT_ID, RP_CLAIM_DEAL_ID, RP_CLAIM_CONTACT_ID);
    sim_str(r, rec, RP_CLAIM_TEXT, e->text);
    sim_str(r, rec, RP_CLAIM_STATUS, "unverified");
    sim_int(rec, RP_CLAIM_CREATED_AT, r->now);
    sim_int(rec, RP_CLAIM_UPDATED_AT, r->now);
}

/* rp_claim_set_status. */
static void sim_claim_status(struct seed_run *r, const struct seed_ev *e)
{
    struct rp_record *c = rp_seed_row(r, RP_CLAIM, r->slot[e->ref]);
    sim_str(r, c, RP_CLAIM_NOTE, e->text2);
    sim_status(r, c, RP_CLAIM_STATUS, RP_CLAIM_UPDATED_AT, rp_vocab_claim_status[e->kind],
               e->text2);
}

static void sim_statement(struct seed_run *r, const struct seed_ev *e)
{
    struct rp_record *rec = rp_seed_new(r, RP_STATEMENT);
    sim_refs(r, rec, e, RP_STATEMENT_ACCOUNT_ID, RP_STATEMENT_DEAL_ID, RP_STATEMENT_CONTACT_ID);
    sim_str(r, rec, RP_STATEMENT_TEXT, e->text);
    sim_int(rec, RP_STATEMENT_AT, r->now);
}

/* DESIGN.md section 4, the push draft: to the primary contact (else whoever decides),
 * copied to everyone else with an address. */
static int sim_push_to(const struct seed_account *a)
{
    if (a->contact[a->primary].email[0])
        return a->primary;
    for (int i = 0; i < a->ncontacts; i++)
        if (a->contact[i].email[0] && a->contact[i].role <= 2)
            return i;
    for (int i = 0; i < a->ncontacts; i++)
        if (a->contact[i].email[0])
            return i;
    return -1;
}

static void sim_push_text(struct seed_run *r, struct rp_record *rec, int deal)
{
    const struct seed_account *a = &r->acc;
    struct rp_buf cc = RP_BUF_INIT, body = RP_BUF_INIT, subject = RP_BUF_INIT;
    int to = sim_push_to(a);
    const char *name = to >= 0 ? a->contact[to].name : "there";
    for (int i = 0; i < a->ncontacts; i++)
        if (i != to && a->contact[i].email[0])
            rp_buf_addf(&cc, "%s%s", cc.len ? ", " : "", a->contact[i].email);
    rp_buf_addf(&subject, "%s: may I close the file?", a->deal[deal].title);
    rp_buf_addf(&body,
                "Hello %.*s,\n\nI believe our proposal for %s answered everything you "
                "needed. As I haven't heard back, I assume you have chosen another "
                "provider, and that is fine.\n\nMay I ask whom you chose, and where "
                "their offer had the advantage? Your answer helps us get better, and I "
                "won't follow up on this again.\n\nThank you for your time, and all the "
                "best\n",
                (int)strcspn(name, " "), name, a->deal[deal].title);
    sim_str(r, rec, RP_PUSH_TO, to >= 0 ? a->contact[to].email : NULL);
    sim_str(r, rec, RP_PUSH_CC, rp_buf_str(&cc));
    sim_str(r, rec, RP_PUSH_SUBJECT, rp_buf_str(&subject));
    sim_str(r, rec, RP_PUSH_BODY, rp_buf_str(&body));
    rp_buf_release(&cc);
    rp_buf_release(&subject);
    rp_buf_release(&body);
}

/* rp_push_record, as sent from the rep's own mail client. */
static void sim_push(struct seed_run *r, const struct seed_ev *e)
{
    struct rp_record *rec = rp_seed_new(r, RP_PUSH);
    if (!rec)
        return;
    r->slot[e->slot] = rec->v[0].i;
    sim_refs(r, rec, e, RP_PUSH_ACCOUNT_ID, RP_PUSH_DEAL_ID, -1);
    sim_str(r, rec, RP_PUSH_MODE, "record");
    sim_int(rec, RP_PUSH_SENT_AT, r->now);
    sim_str(r, rec, RP_PUSH_OUTCOME, "pending");
    sim_push_text(r, rec, e->deal);
}

/* rp_push_outcome: ignored closes the deal undecided, informed closes it lost with what we
 * learned, revived keeps it open. */
static void sim_push_outcome(struct seed_run *r, const struct seed_ev *e)
{
    struct rp_record *p = rp_seed_row(r, RP_PUSH, r->slot[e->ref]);
    const char *reason = e->outcome >= 0 ? rp_vocab_loss_reason[e->outcome] : NULL;
    sim_int(p, RP_PUSH_OUTCOME_AT, r->now);
    sim_str(r, p, RP_PUSH_OUTCOME, rp_vocab_push_outcome[e->kind]);
    sim_str(r, p, RP_PUSH_REASON, reason);
    sim_str(r, p, RP_PUSH_COMPETITOR, e->competitor);
    sim_str(r, p, RP_PUSH_NOTE, e->text);
    if (e->kind == PO_IGNORED)
        sim_close(r, r->deal[e->deal], "no-decision", NULL, NULL,
                  e->text ? e->text : "push ignored");
    else if (e->kind == PO_INFORMED)
        sim_close(r, r->deal[e->deal], "lost", reason, e->competitor, e->text);
}

/* ---- money and the customer's life ----------------------------------------------------------- */

static void sim_invoice(struct seed_run *r, const struct seed_ev *e)
{
    char number[32];
    struct rp_record *rec = rp_seed_new(r, RP_INVOICE);
    if (!rec)
        return;
    r->slot[e->slot] = rec->v[0].i;
    snprintf(number, sizeof(number), "INV-%06lld", (long long)e->m);
    sim_int(rec, RP_INVOICE_ACCOUNT_ID, r->account);
    sim_str(r, rec, RP_INVOICE_NUMBER, number);
    sim_int(rec, RP_INVOICE_AMOUNT_CENTS, e->n);
    sim_str(r, rec, RP_INVOICE_CURRENCY, r->currency);
    sim_int(rec, RP_INVOICE_DUE_ON, sim_date(r, e));
    sim_int(rec, RP_INVOICE_CREATED_AT, r->now);
}

static void sim_checkin(struct seed_run *r, int64_t every)
{
    struct rp_record *a = rp_seed_row(r, RP_ACCOUNT, r->account);
    if (every)
        rp_record_set_int(a, RP_ACCOUNT_CHECKIN_DAYS, every);
    else
        rp_record_clear(a, RP_ACCOUNT_CHECKIN_DAYS);
    sim_int(a, RP_ACCOUNT_UPDATED_AT, r->now);
}

static void sim_account_hold(struct seed_run *r, const struct seed_ev *e)
{
    struct rp_record *a = rp_seed_row(r, RP_ACCOUNT, r->account);
    rp_record_set_int(a, RP_ACCOUNT_HOLD_UNLESS_INBOUND, e->n != 0);
    sim_hold(r, a, RP_ACCOUNT_HOLD_UNTIL, RP_ACCOUNT_HOLD_REASON, sim_date(r, e), e->text);
}

static void sim_deal_hold(struct seed_run *r, const struct seed_ev *e)
{
    struct rp_record *d = rp_seed_row(r, RP_DEAL, r->deal[e->deal]);
    sim_hold(r, d, RP_DEAL_HOLD_UNTIL, RP_DEAL_HOLD_REASON, sim_date(r, e), e->text);
}

void rp_seed_play(struct seed_run *r, const struct seed_ev *e)
{
    switch (e->type) {
    case SEED_EV_DEAL:
        sim_deal(r, e);
        break;
    case SEED_EV_DEAL_INFO:
        sim_deal_info(r, e);
        break;
    case SEED_EV_ACT:
        sim_activity(r, e);
        break;
    case SEED_EV_AGREE:
        sim_agreement(r, e);
        break;
    case SEED_EV_STAGE:
        sim_stage(r, e);
        break;
    case SEED_EV_MEET:
        sim_meeting(r, e);
        break;
    case SEED_EV_MEET_STATUS:
        sim_meeting_status(r, e);
        break;
    case SEED_EV_MEET_MOVE:
        sim_meeting_move(r, e);
        break;
    case SEED_EV_CLAIM:
        sim_claim(r, e);
        break;
    case SEED_EV_CLAIM_STATUS:
        sim_claim_status(r, e);
        break;
    case SEED_EV_SAID:
        sim_statement(r, e);
        break;
    case SEED_EV_PUSH:
        sim_push(r, e);
        break;
    case SEED_EV_PUSH_OUTCOME:
        sim_push_outcome(r, e);
        break;
    case SEED_EV_HOLD_ACCOUNT:
        sim_account_hold(r, e);
        break;
    case SEED_EV_HOLD_DEAL:
        sim_deal_hold(r, e);
        break;
    case SEED_EV_CLOSE:
        sim_close_event(r, e);
        break;
    case SEED_EV_CHECKIN:
        sim_checkin(r, e->n);
        break;
    case SEED_EV_INVOICE:
        sim_invoice(r, e);
        break;
    case SEED_EV_PAID:
        sim_int(rp_seed_row(r, RP_INVOICE, r->slot[e->ref]), RP_INVOICE_PAID_ON, sim_today(r));
        break;
    case SEED_EV_FORMER:
        sim_account_status(r, "former");
        sim_checkin(r, 0);
        break;
    }
}
