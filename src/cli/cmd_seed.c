/* rapport seed: writes a realistic demo (or benchmark) book into an empty database, with a
 * progress bar when stderr is a terminal and a summary of what it wrote. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/parse.h"
#include "cli/cli.h"
#include "seed/seed.h"
#include "base/banned.h"

#define SEED_MAX_ACCOUNTS 10000000
#define BAR_WIDTH 30

const struct cli_opt cmd_seed_opts[] = {
    {"accounts", 1, "N", "how many accounts (required; about 10 activities each)"},
    {"seed", 1, "S", "the random seed: the same seed writes the same book (default 1)"},
    {"reps", 1, "R", "a team's book: R reps, each owning an equal share (default 0: nobody's)"},
    {NULL, 0, NULL, NULL},
};

struct seed_progress {
    int tty;
    double started, shown; /* monotonic seconds */
};

static double seed_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Redraws the bar at most ten times a second, and once at the end. */
static void seed_progress_show(void *ctx, size_t done, size_t total)
{
    struct seed_progress *p = ctx;
    double now = seed_clock();
    if (!p->tty || (done < total && now - p->shown < 0.1))
        return;
    p->shown = now;
    int fill = (int)((double)BAR_WIDTH * (double)done / (double)total);
    char bar[BAR_WIDTH + 1];
    memset(bar, '#', (size_t)fill);
    memset(bar + fill, '.', (size_t)(BAR_WIDTH - fill));
    bar[BAR_WIDTH] = '\0';
    fprintf(stderr, "\rseeding [%s] %3d%%  %zu/%zu accounts  %.1f s", bar,
            (int)(100.0 * (double)done / (double)total), done, total, now - p->started);
    if (done == total)
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

static enum rp_status seed_options(struct cli *c, const struct cli_args *a,
                                   struct rp_seed_options *o)
{
    const char *accounts, *seed = cli_opt(a, "seed"), *reps = cli_opt(a, "reps");
    int64_t n, s = 1, r = 0;
    enum rp_status rc = cli_need(c, a, "accounts", &accounts);
    if (rc)
        return rc;
    if (rp_parse_int64(accounts, 1, SEED_MAX_ACCOUNTS, &n))
        return rp_db_fail(c->db, RP_ERR_INVALID, "accounts",
                          "invalid --accounts '%s' "
                          "(expected a whole number from 1 to %d)",
                          accounts, SEED_MAX_ACCOUNTS);
    if (seed && rp_parse_int64(seed, 0, INT64_MAX, &s))
        return rp_db_fail(c->db, RP_ERR_INVALID, "seed",
                          "invalid --seed '%s' (expected a "
                          "whole number from 0)",
                          seed);
    if (reps && (rp_parse_int64(reps, 0, n, &r)))
        return rp_db_fail(c->db, RP_ERR_INVALID, "reps",
                          "invalid --reps '%s' (expected a whole "
                          "number from 0 to the number of accounts)",
                          reps);
    o->accounts = (size_t)n;
    o->seed = (uint64_t)s;
    o->reps = (size_t)r;
    return RP_OK;
}

static enum rp_status seed_summary(struct cli *c, const struct rp_seed_options *o,
                                   const struct rp_seed_counts *n, double seconds)
{
    if (c->json) {
        static const enum rp_kind_id kinds[] = {
            RP_ACCOUNT, RP_CONTACT,   RP_DEAL,    RP_ACTIVITY, RP_AGREEMENT, RP_MEETING,
            RP_CLAIM,   RP_STATEMENT, RP_INVOICE, RP_PUSH,     RP_HISTORY,
        };
        json_t *obj = json_object();
        for (size_t k = 0; obj && k < sizeof(kinds) / sizeof(kinds[0]); k++)
            json_object_set_new(obj, rp_kind_get(kinds[k])->table, json_integer(n->n[kinds[k]]));
        if (obj)
            json_object_set_new(obj, "seed", json_integer((json_int_t)o->seed));
        if (obj)
            json_object_set_new(obj, "seconds", json_real(seconds));
        return cli_print_json(c, obj);
    }
    printf("seeded %lld accounts, %lld contacts, %lld deals, %lld activities, %lld agreements, "
           "%lld meetings, %lld claims, %lld invoices, %lld pushes in %.1f s (seed %llu)\n",
           (long long)n->n[RP_ACCOUNT], (long long)n->n[RP_CONTACT], (long long)n->n[RP_DEAL],
           (long long)n->n[RP_ACTIVITY], (long long)n->n[RP_AGREEMENT], (long long)n->n[RP_MEETING],
           (long long)n->n[RP_CLAIM], (long long)n->n[RP_INVOICE], (long long)n->n[RP_PUSH],
           seconds, (unsigned long long)o->seed);
    return RP_OK;
}

enum rp_status cmd_seed(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_seed_options o;
    struct rp_seed_counts n;
    struct seed_progress p = {isatty(STDERR_FILENO), seed_clock(), 0};
    enum rp_status rc = seed_options(c, a, &o);
    if (rc || (rc = rp_seed(c->db, &o, &n, seed_progress_show, &p)))
        return rc;
    return seed_summary(c, &o, &n, seed_clock() - p.started);
}
