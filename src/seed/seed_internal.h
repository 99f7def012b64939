/* The insides of `rapport seed` (seed/seed.h), shared by seed.c (writing), seed_plan.c and
 * seed_people.c (planning), seed_sim.c (playing) and seed_words.c (word lists and the
 * random stream). Like any program on librapport, the seed uses only its public API.
 *
 * An account's whole history is first planned as a list of dated events (struct seed_ev),
 * using only the random stream; seed.c then sorts the events by time and writes each one
 * through the verbs with the clock set to its moment, so timestamps, history rows and the
 * verbs' side effects (agreements kept, holds lifted) are those of a real history.
 *
 * Days in a plan are business days (Monday to Friday) counted from an arbitrary origin;
 * rp_seed_bday_to_date() turns them into calendar days. */
#ifndef RP_SEED_INTERNAL_H
#define RP_SEED_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "rapport/rapport.h"
#include "seed/seed.h"

/* ---- the random stream ------------------------------------------------------------ */

/* splitmix64: tiny, fast, and the same on every platform. */
struct seed_rng {
    uint64_t s;
};

uint64_t rp_seed_rand(struct seed_rng *r);
/* Uniform in [lo, hi]. */
int64_t rp_seed_range(struct seed_rng *r, int64_t lo, int64_t hi);
/* True PERMILLE times in a thousand. */
int rp_seed_chance(struct seed_rng *r, int permille);
/* One word of a NULL-terminated list. */
const char *rp_seed_pick(struct seed_rng *r, const char *const *list);
/* An index drawn by WEIGHTS (N of them, not all zero). */
int rp_seed_weighted(struct seed_rng *r, const int *weights, int n);

/* ---- business days ---------------------------------------------------------------- */

/* The business-day number of calendar DAY; a Saturday or Sunday gets the next Monday's. */
int64_t rp_seed_bday(int64_t day);
int64_t rp_seed_bday_to_date(int64_t bday);

/* The instant of MINUTE (after midnight, local) on calendar DAY, for minutes from 4:00 on:
 * mktime once per day (a few days remembered), the rest by arithmetic from noon. */
struct seed_clock {
    int64_t day[4], noon[4];
    unsigned char known[4];
};
int64_t rp_seed_instant(struct seed_clock *c, int64_t day, int minute);

/* ---- word lists (seed_words.c), NULL-terminated ------------------------------------- */

struct seed_industry {
    const char *name;
    const char *const *words; /* what follows the company's name: "Dental", "Law Group" */
};

extern const struct seed_industry rp_seed_industries[];
extern const size_t rp_seed_nindustries;
extern const char *const rp_seed_first_names[],
    *const rp_seed_last_names[], *const rp_seed_name_heads[],
                                     *const rp_seed_name_tails[],
                                         *const rp_seed_legal[],
                                             *const rp_seed_competitors[],
                                                 *const rp_seed_claims[],
                                                     *const rp_seed_claim_notes[][5],
                                                         *const rp_seed_statements[],
                                                             *const rp_seed_processes[],
                                                                 *const rp_seed_needs[],
                                                                     *const rp_seed_loss_notes[],
                                                                         *const rp_seed_tlds[];

/* Activity texts by the moment they belong to. */
enum seed_say {
    SAY_FIRST_IN,  /* they reached out first */
    SAY_COLD,      /* our cold call got through */
    SAY_ATTEMPT,   /* nobody answered */
    SAY_REACHED,   /* a follow-up call or e-mail got an answer */
    SAY_QUALIFY,   /* the qualifying conversation */
    SAY_MEETING,   /* a meeting took place */
    SAY_NOTE,      /* a note to self */
    SAY_CONFIRM,   /* a text confirming a meeting */
    SAY_MOVE,      /* they asked to move a meeting */
    SAY_PROPOSAL,  /* the proposal went out */
    SAY_CHASE,     /* following up on silence */
    SAY_NEGOTIATE, /* terms, discounts */
    SAY_SIGNED,    /* they signed */
    SAY_LOST,      /* they told us they chose someone else */
    SAY_REVIVED,   /* they came back after a push */
    SAY_ROOM,      /* they asked for room */
    SAY_CHECKIN,   /* a customer check-in */
    SAY_UPDATE,    /* a small update to a customer */
    SAY_CARD,      /* a card */
    SAY_NOSHOW,    /* after a no-show */
    SAY_AGREE,     /* the next step agreed */
    SAY_COUNT
};
extern const char *const *const rp_seed_says[SAY_COUNT];

/* ---- vocabulary indexes ------------------------------------------------------------ */

/* Positions in the vocabularies of rapport.h, which are part of the contract. */
enum { K_CALL, K_EMAIL, K_MEETING, K_DEMO, K_VOICEMAIL, K_TEXT, K_VISIT, K_NOTE, K_CARD };
enum { D_IN, D_OUT, D_NONE };
enum { O_CONNECTED, O_REPLIED, O_HELD, O_NO_ANSWER, O_LEFT_MESSAGE, O_NO_SHOW };
enum { S_LEAD, S_QUALIFIED, S_MEETING, S_PROPOSAL, S_NEGOTIATION, S_WON, S_LOST, S_NO_DECISION };
enum {
    MK_INTRO,
    MK_DISCOVERY,
    MK_DEMO,
    MK_PROPOSAL,
    MK_FOLLOW_UP,
    MK_SIGNING,
    MK_TRAINING,
    MK_SUPPORT
};
enum { MS_PLANNED, MS_HELD, MS_NO_SHOW, MS_RESCHEDULED, MS_CANCELLED };
enum { CS_UNVERIFIED, CS_CLARIFIED, CS_VERIFIED, CS_CONTRADICTED };
enum { PO_PENDING, PO_IGNORED, PO_INFORMED, PO_REVIVED };
enum {
    LR_PRICE,
    LR_TURNAROUND,
    LR_SUPPORT,
    LR_FEATURES,
    LR_TRUST,
    LR_TIMING,
    LR_RELATIONSHIP,
    LR_STATUS_QUO,
    LR_OTHER,
    LR_COUNT
};

/* ---- the plan of one account ------------------------------------------------------ */

enum seed_ev_type {
    SEED_EV_DEAL,         /* open deal `deal` */
    SEED_EV_DEAL_INFO,    /* the decision date (at2) and process (text) became known */
    SEED_EV_ACT,          /* log an activity: kind, dir, outcome (vocabulary indexes), text */
    SEED_EV_AGREE,        /* agree the next step on day at2 */
    SEED_EV_STAGE,        /* move the deal to stage `kind` (vocabulary index) */
    SEED_EV_MEET,         /* book meeting `slot` on day at2 at minute n, minutes m, kind */
    SEED_EV_MEET_STATUS,  /* meeting `ref` was held, a no-show or cancelled (text) */
    SEED_EV_MEET_MOVE,    /* meeting `ref` moves to day at2 minute n (m minutes) as `slot` */
    SEED_EV_CLAIM,        /* they claim `text`; the claim is `slot` */
    SEED_EV_CLAIM_STATUS, /* claim `ref` turned out `text` (a status), with note text2 */
    SEED_EV_SAID,         /* we told them `text` */
    SEED_EV_PUSH,         /* the push message, as `slot` */
    SEED_EV_PUSH_OUTCOME, /* push `ref` got outcome `kind`; reason `outcome`, competitor */
    SEED_EV_HOLD_ACCOUNT, /* hold the account until day at2 (n: unless inbound) */
    SEED_EV_HOLD_DEAL,    /* hold the deal until day at2 */
    SEED_EV_CLOSE,        /* close the deal: stage `kind`, reason `outcome`, competitor */
    SEED_EV_CHECKIN,      /* check in with the customer every n days */
    SEED_EV_INVOICE,      /* invoice `slot` of n cents, due on day at2, numbered m */
    SEED_EV_PAID,         /* invoice `ref` was paid */
    SEED_EV_FORMER,       /* the customer left */
};

/* SEED_EV_*.flags */
#define SEED_F_TODAY 1u /* at2 is today's calendar day, whatever the business days say */

struct seed_ev {
    int64_t day; /* business day */
    int64_t at2; /* a second business day: due, meeting, hold end, decision */
    int64_t n, m;
    const char *text, *text2, *competitor;
    uint32_t seq; /* order of planning, to keep same-minute events in order */
    short minute; /* minutes after local midnight */
    signed char type, deal, contact;
    signed char kind, dir, outcome;
    short slot, ref;               /* -1 when unused */
    unsigned char flags, contacts; /* contacts: bit mask of meeting attendees */
};

#define SEED_MAX_CONTACTS 6
#define SEED_MAX_DEALS 3

struct seed_contact {
    char name[64];
    char email[128];
    char phone[24];
    const char *title;
    int role; /* index in rp_vocab_role */
    int primary;
};

struct seed_deal {
    char title[96];
    int64_t value_cents;
    const char *competitor; /* who else they consider, or NULL */
    int stage;              /* the stage it ends in (index in rp_vocab_stage) */
    int scenario;           /* SEED_SC_* for the open deal */
    int upsell;             /* sold to an existing customer */
    int64_t start, end;     /* business days after layout */
};

struct seed_account {
    char name[96];
    char domain[64];
    const char *industry, *trigger, *need, *urgency, *style, *risk, *provider, *binding;
    int64_t contract_ends; /* business day, or -1 */
    int64_t created;       /* business day */
    int ncontacts, ndeals;
    struct seed_contact contact[SEED_MAX_CONTACTS];
    struct seed_deal deal[SEED_MAX_DEALS];
    int primary; /* index of the primary contact */
    struct seed_ev *ev;
    size_t nev, cap;
    int nslots;
    int failed; /* out of memory while planning */
};

/* The book as a whole: the stream, today, and what spans accounts. */
struct seed_book {
    struct seed_rng rng;
    int64_t today;  /* calendar day D */
    int64_t btoday; /* rp_seed_bday(D): the first business day not in the past */
    int64_t invoice_no;
    unsigned char deck[200]; /* the scenarios of open deals, dealt in shuffled order */
    size_t ndeck;
};

/* Open-deal scenarios: where each open deal stands on D, so that the agenda's rules fire
 * for a realistic minority. */
enum seed_scenario {
    SEED_SC_AGREED,        /* a next step agreed for a later day: quiet */
    SEED_SC_MEETING,       /* a meeting booked in the coming days: quiet */
    SEED_SC_HELD,          /* asked for room until a later day: quiet */
    SEED_SC_PUSHED,        /* pushed a few days ago: quiet */
    SEED_SC_AGREED_TODAY,  /* followup-due */
    SEED_SC_MEETING_TODAY, /* meeting */
    SEED_SC_MEETING_SHORT, /* meeting-too-short */
    SEED_SC_MISSED,        /* followup-missed (or followup-due within grace) */
    SEED_SC_SILENT,        /* push-suggested */
    SEED_SC_PUSH_IGNORED,  /* push-ignored */
    SEED_SC_NO_SHOW,       /* no-show */
    SEED_SC_HOLD_ENDS,     /* hold-ends */
    SEED_SC_NO_NEXT,       /* no-next-step */
    SEED_SC_COUNT
};

void rp_seed_book_init(struct seed_book *b, uint64_t seed, int64_t today);
/* Draws the next account's name, profile, people and deals (seed_people.c); a deal's
 * stage is where it ends, S_LEAD for the one still open. */
void rp_seed_make_account(struct seed_book *b, struct seed_account *a);
/* Plans account number INDEX into A (whose event list is reused). Sorts the events by
 * time. A->failed is set when memory ran out. */
void rp_seed_plan_account(struct seed_book *b, struct seed_account *a);

/* ---- playing the plan (seed_sim.c) ------------------------------------------------ */

/* Accounts played before their records are written together, many rows per statement. */
#define SEED_GROUP 64

/* A group of accounts' records as the verbs would have left them, built in memory with
 * the ids they will have, then written together (seed.c). */
struct seed_run {
    struct rp_db *db;
    struct seed_book book;
    struct seed_account acc;
    struct rp_records rows[RP_KIND_COUNT]; /* the group's records, by kind, by id */
    int64_t first[RP_KIND_COUNT];          /* the id of rows[k].items[0] */
    size_t start[RP_KIND_COUNT];           /* where the account being played starts */
    int64_t next[RP_KIND_COUNT];           /* the id the next record of kind k gets */
    int64_t since_ms;                      /* when the open transaction began */
    int64_t (*attendees)[2];               /* meeting id, contact id */
    size_t nattendees, capattendees, attendees_start;
    int64_t account, contact[SEED_MAX_CONTACTS], deal[SEED_MAX_DEALS];
    int64_t *slot;
    size_t nslot;
    size_t group[SEED_GROUP][RP_KIND_COUNT]; /* where each account of the group starts */
    size_t ngroup;
    int64_t now, day; /* the moment of the event being played, and its calendar day */
    struct seed_clock clock;
    char currency[8];
    int64_t first_rep, owner; /* the reps' first user id; the account being played's owner */
    int oom;                  /* memory ran out while playing */
    struct rp_seed_counts *counts;
};

/* A new record of KIND with the next id, appended to the account's rows; valid until the
 * next one of the same kind. */
struct rp_record *rp_seed_new(struct seed_run *r, enum rp_kind_id kind);
/* The record of KIND with ID (of the account being played). */
struct rp_record *rp_seed_row(struct seed_run *r, enum rp_kind_id kind, int64_t id);
/* Creates the account and its contacts, then plays event E. */
void rp_seed_play_account(struct seed_run *r);
void rp_seed_play(struct seed_run *r, const struct seed_ev *e);

#endif
