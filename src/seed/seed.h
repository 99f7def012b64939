/* `rapport seed`: a deterministic, realistic book of business for demos, manual testing
 * and benchmarks. A module of its own on librapport's public API (rapport/rapport.h, and
 * rapport/load.h to write many records at once); the command line (cli/cmd_seed.c) and the
 * tests call it. */
#ifndef RP_SEED_H
#define RP_SEED_H

#include <stddef.h>
#include <stdint.h>

#include "rapport/rapport.h"

struct rp_seed_options {
    size_t accounts; /* how many accounts to write */
    uint64_t seed;   /* the same seed (and clock and zone) writes the same book */
    size_t reps;     /* a team's book: this many reps (without passwords), each owning an
                      * equal block of the accounts; 0: the accounts are nobody's */
};

/* Records written, by kind. */
struct rp_seed_counts {
    int64_t n[RP_KIND_COUNT];
};

/* Writes a realistic book of business into an empty database: accounts with contacts,
 * deals at every stage and a history of activities, agreements, meetings, claims,
 * invoices and pushes leading up to today (rp_db_now), with the history and agenda facts
 * the verbs would have left. About 10 activities per account. PROGRESS, when not NULL, is
 * called after each account. Runs in a transaction of its own, all or nothing: call it
 * outside one. */
enum rp_status rp_seed(struct rp_db *db, const struct rp_seed_options *o,
                       struct rp_seed_counts *counts,
                       void (*progress)(void *ctx, size_t done, size_t total), void *ctx);

#endif
