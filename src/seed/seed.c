/* `rapport seed`: a deterministic, realistic book of business for demos, manual testing and
 * benchmarks. seed_plan.c plans each account's history from the random stream, seed_sim.c
 * plays it the way the verbs would, and this file writes each account's records and their
 * history through the core's loader (rapport/load.h), which derives the agenda's deal
 * facts from them (the verbs read back every reference they check, which for a million
 * activities takes minutes, not seconds), in short transactions that let other programs
 * write between them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rapport/load.h"
#include "seed/seed.h"
#include "seed/seed_internal.h"
#include "base/banned.h"

static enum rp_status seed_oom(struct seed_run *r)
{
    return rp_db_fail(r->db, RP_ERR_INTERNAL, NULL, "out of memory");
}

/* ---- writing a group of accounts ---------------------------------------------------------- */

/* Parents before children, so that every reference exists when its row is written. */
static const enum rp_kind_id seed_order[] = {
    RP_ACCOUNT, RP_CONTACT,   RP_DEAL,    RP_MEETING, RP_ACTIVITY, RP_AGREEMENT,
    RP_CLAIM,   RP_STATEMENT, RP_INVOICE, RP_PUSH,    RP_HISTORY,
};

/* The records of account A of the group, by kind: from where it starts to where the next
 * one does. */
static void seed_slice(const struct seed_run *r, size_t a, struct rp_records *rows)
{
    for (int k = 0; k < RP_KIND_COUNT; k++) {
        size_t from = r->group[a][k], to = a + 1 < r->ngroup ? r->group[a + 1][k] : r->rows[k].n;
        rows[k] = (struct rp_records){.items = r->rows[k].items + from, .n = to - from};
    }
}

static enum rp_status seed_write(struct seed_run *r)
{
    enum rp_status rc = RP_OK;
    for (size_t k = 0; k < sizeof(seed_order) / sizeof(seed_order[0]) && !rc; k++) {
        const struct rp_records *list = &r->rows[seed_order[k]];
        rc = rp_load_records(r->db, list->items, list->n);
        if (!rc && seed_order[k] == RP_MEETING)
            rc = rp_load_attendees(r->db, (const int64_t(*)[2])r->attendees, r->nattendees);
    }
    struct rp_records rows[SEED_GROUP][RP_KIND_COUNT];
    for (size_t a = 0; a < r->ngroup; a++)
        seed_slice(r, a, rows[a]);
    if (!rc)
        rc = rp_load_facts(r->db, (const struct rp_records(*)[RP_KIND_COUNT])rows, r->ngroup);
    const struct rp_records *accounts = &r->rows[RP_ACCOUNT];
    if (!rc && accounts->n)
        rc = rp_load_account_facts(r->db, accounts->items[0].v[0].i,
                                   accounts->items[accounts->n - 1].v[0].i);
    return rc;
}

static void seed_clear(struct seed_run *r)
{
    for (int k = 0; k < RP_KIND_COUNT; k++) {
        struct rp_records *list = &r->rows[k];
        for (size_t i = 0; i < list->n; i++)
            rp_record_release(&list->items[i]);
        list->n = 0;
        r->first[k] = r->next[k];
    }
    r->nattendees = 0;
    r->ngroup = 0;
}

static enum rp_status seed_slots(struct seed_run *r)
{
    size_t need = (size_t)r->acc.nslots;
    if (need <= r->nslot)
        return RP_OK;
    int64_t *slot = realloc(r->slot, need * sizeof(*slot));
    if (!slot)
        return seed_oom(r);
    r->slot = slot;
    r->nslot = need;
    return RP_OK;
}

/* Moves the clock to business day BDAY at MINUTE. */
static void seed_at(struct seed_run *r, int64_t bday, int minute)
{
    r->day = rp_seed_bday_to_date(bday);
    r->now = rp_seed_instant(&r->clock, r->day, minute);
}

/* Plans the next account and plays its events in time order. */
static enum rp_status seed_one(struct seed_run *r)
{
    struct seed_account *a = &r->acc;
    enum rp_status rc = RP_OK;
    for (int k = 0; k < RP_KIND_COUNT; k++)
        r->group[r->ngroup][k] = r->start[k] = r->rows[k].n;
    r->ngroup++;
    r->attendees_start = r->nattendees;
    rp_seed_plan_account(&r->book, a);
    if (a->failed)
        return seed_oom(r);
    if ((rc = seed_slots(r)))
        return rc;
    seed_at(r, a->created, 9 * 60);
    rp_seed_play_account(r);
    for (size_t i = 0; i < a->nev && !r->oom; i++) {
        seed_at(r, a->ev[i].day, a->ev[i].minute);
        rp_seed_play(r, &a->ev[i]);
    }
    return r->oom ? seed_oom(r) : RP_OK;
}

/* ---- the book -------------------------------------------------------------------------------- */

static enum rp_status seed_start(struct seed_run *r)
{
    struct rp_records some = {0};
    struct rp_query q = {RP_ACCOUNT, NULL, 0, -1, 0, 0, 1};
    char *currency = NULL;
    enum rp_status rc = rp_list(r->db, &q, &some);
    if (!rc && some.n)
        rc = rp_db_fail(r->db, RP_ERR_CONFLICT, NULL,
                        "the database already has accounts (seed "
                        "writes a whole book into an empty database; use --db NEW.db)");
    rp_records_release(&some);
    if (!rc && !(rc = rp_config_get(r->db, "currency", &currency)))
        snprintf(r->currency, sizeof(r->currency), "%s", currency);
    free(currency);
    for (int k = 0; k < RP_KIND_COUNT && !rc; k++)
        if (k != RP_USER)
            rc = rp_load_next_id(r->db, (enum rp_kind_id)k, &r->next[k]);
    seed_clear(r);
    return rc;
}

/* The team of a team's book: rep1@team.example ... in teams of ten, without passwords
 * (`rapport user password EMAIL` gives one). */
static enum rp_status seed_reps(struct seed_run *r, size_t reps)
{
    enum rp_status rc = RP_OK;
    for (size_t k = 1; k <= reps && !rc; k++) {
        struct rp_record u;
        char name[32], email[64], team[32];
        snprintf(name, sizeof(name), "Rep %zu", k);
        snprintf(email, sizeof(email), "rep%zu@team.example", k);
        snprintf(team, sizeof(team), "team-%zu", (k - 1) / 10 + 1);
        if (rp_record_init(&u, RP_USER))
            return seed_oom(r);
        if (!(rc = rp_record_set_text(r->db, &u, RP_USER_NAME, name)) &&
            !(rc = rp_record_set_text(r->db, &u, RP_USER_EMAIL, email)) &&
            !(rc = rp_record_set_text(r->db, &u, RP_USER_ROLE, "rep")) &&
            !(rc = rp_record_set_text(r->db, &u, RP_USER_TEAM, team)) &&
            !(rc = rp_create(r->db, &u)) && k == 1)
            r->first_rep = u.v[0].i;
        rp_record_release(&u);
    }
    return rc;
}

static void seed_release(struct seed_run *r)
{
    seed_clear(r);
    for (int k = 0; k < RP_KIND_COUNT; k++)
        free(r->rows[k].items);
    free(r->acc.ev);
    free(r->slot);
    free(r->attendees);
}

/* The book is written in transactions of a few groups of accounts, each holding the write
 * lock for at most SEED_HOLD_MS and followed by a pause longer than SQLite's longest sleep
 * between two tries for the lock (100 ms), so that another program's write waits about a
 * second, well within its busy timeout, and never for the whole load. Where writers wait
 * in turn (PostgreSQL), one waiting gets the lock at the commit, without a pause. */
#define SEED_HOLD_MS 1000
#define SEED_PAUSE_MS 150

static int64_t seed_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Begins a transaction; the ids of what it writes follow whatever others wrote since the
 * last one. */
static enum rp_status seed_begin(struct seed_run *r)
{
    enum rp_status rc = rp_db_begin(r->db);
    for (int k = 0; k < RP_KIND_COUNT && !rc; k++) {
        int64_t next;
        if (k == RP_USER || (rc = rp_load_next_id(r->db, (enum rp_kind_id)k, &next)))
            continue;
        if (next > r->next[k])
            r->first[k] = r->next[k] = next;
    }
    r->since_ms = seed_clock_ms();
    return rc;
}

static enum rp_status seed_commit(struct seed_run *r)
{
    enum rp_status rc = rp_db_commit(r->db);
    struct timespec pause = {0, SEED_PAUSE_MS * 1000000L};
    if (!rc && !rp_load_writers_queue(r->db))
        nanosleep(&pause, NULL);
    return rc;
}

enum rp_status rp_seed(struct rp_db *db, const struct rp_seed_options *o,
                       struct rp_seed_counts *counts,
                       void (*progress)(void *ctx, size_t done, size_t total), void *ctx)
{
    struct seed_run r = {.db = db, .counts = counts};
    *counts = (struct rp_seed_counts){0};
    rp_seed_book_init(&r.book, o->seed, rp_db_today(db));
    enum rp_status rc = rp_load_mode(db, 1);
    if (!rc)
        rc = rp_db_begin(db);
    if (!rc)
        rc = seed_start(&r);
    if (!rc)
        rc = seed_reps(&r, o->reps);
    if (!rc)
        rc = seed_commit(&r);
    int open = 0;
    for (size_t i = 0; i < o->accounts && !rc; i++) {
        if (!open && !(rc = seed_begin(&r)))
            open = 1;
        /* Rep k owns the k-th equal block of the accounts. */
        r.owner = o->reps ? r.first_rep + (int64_t)(i * o->reps / o->accounts) : 0;
        if (!rc)
            rc = seed_one(&r);
        if (!rc && ((i + 1) % SEED_GROUP == 0 || i + 1 == o->accounts)) {
            rc = seed_write(&r);
            seed_clear(&r);
            if (!rc && (i + 1 == o->accounts || seed_clock_ms() - r.since_ms >= SEED_HOLD_MS)) {
                open = 0;
                rc = seed_commit(&r);
            }
        }
        if (!rc && progress)
            progress(ctx, i + 1, o->accounts);
    }
    if (rc)
        rp_db_rollback(db);
    /* The book is written; the last transaction reaches the disk with the next one. */
    if (rp_load_mode(db, 0) && !rc)
        rc = RP_ERR_INTERNAL;
    seed_release(&r);
    return rc;
}
