/* The audit lines of denials (401, 403, and 404 for a record that exists but is not the
 * caller's). They are written in batches: each line is queued here and the server's
 * housekeeping has the writer write the queue in one transaction a second (or before the
 * log is read), so that a flood of denials costs one write to the disk a second, not one a
 * request; the writer publishes that commit as one that drops no kept answer (cache.c). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/http.h"
#include "base/banned.h"

/* Anonymous denials (a 401 without a login) cost nothing to send, so they are logged
 * sparingly: one line per address per ANON_WINDOW seconds, saying how many more came
 * since the last, and at most ANON_PER_SECOND lines a second from everyone. */
#define ANON_WINDOW 60
#define ANON_PER_SECOND 10
#define ANON_SLOTS 1024
/* Lines waiting for the next write; more in one second are counted, not kept. */
#define QUEUE_MAX 256

static struct anon_slot {
    char address[64];
    time_t since;
    unsigned long unlogged;
} anon_slots[ANON_SLOTS];
static time_t anon_second;
static unsigned anon_lines;

static struct queued {
    int64_t at, user_id;
    char detail[512]; /* rp_audit_write keeps the first 200 bytes, whole characters */
    char address[64];
} queue[QUEUE_MAX];
static size_t queued;
static unsigned long dropped;
static pthread_mutex_t denials_lock = PTHREAD_MUTEX_INITIALIZER;

/* Whether to log this anonymous denial from ADDRESS; *unlogged: how many from it were not
 * logged before it. Two addresses that share a slot only cost an extra line. Called with
 * denials_lock held. */
static int anon_denial_due(const char *address, unsigned long *unlogged)
{
    unsigned h = 5381;
    for (const char *p = address; *p; p++)
        h = h * 33 + (unsigned char)*p;
    time_t now = time(NULL);
    int due = 0;
    struct anon_slot *s = &anon_slots[h % ANON_SLOTS];
    if (now != anon_second) {
        anon_second = now;
        anon_lines = 0;
    }
    if ((strcmp(s->address, address) || now - s->since >= ANON_WINDOW) &&
        anon_lines < ANON_PER_SECOND) {
        *unlogged = strcmp(s->address, address) ? 0 : s->unlogged;
        snprintf(s->address, sizeof(s->address), "%s", address);
        s->since = now;
        s->unlogged = 0;
        anon_lines++;
        due = 1;
    }
    if (!due)
        s->unlogged++;
    return due;
}

void http_denial_log(struct http_req *req, const struct http_res *res, int hidden)
{
    unsigned long unlogged = 0;
    if (res->status != 401 && res->status != 403 && !(res->status == 404 && hidden))
        return;
    pthread_mutex_lock(&denials_lock);
    if (req->user || res->status != 401 || anon_denial_due(req->address, &unlogged)) {
        if (queued == QUEUE_MAX) {
            dropped++;
        } else {
            struct queued *q = &queue[queued++];
            q->at = req->db ? rp_db_now(req->db) : (int64_t)time(NULL);
            q->user_id = req->user;
            snprintf(q->address, sizeof(q->address), "%s", req->address);
            if (unlogged)
                snprintf(q->detail, sizeof(q->detail),
                         "(%lu more from this address since "
                         "the last line) %.400s",
                         unlogged, req->url);
            else
                snprintf(q->detail, sizeof(q->detail), "%.400s", req->url);
        }
    }
    pthread_mutex_unlock(&denials_lock);
}

void http_denials_flush(struct rp_db *db)
{
    static struct queued taken[QUEUE_MAX + 1];
    static pthread_mutex_t flush_lock = PTHREAD_MUTEX_INITIALIZER;
    struct rp_audit_line lines[QUEUE_MAX + 1];
    size_t n;
    /* One flush at a time owns TAKEN; the queue itself is held only to copy it. */
    pthread_mutex_lock(&flush_lock);
    pthread_mutex_lock(&denials_lock);
    n = queued;
    memcpy(taken, queue, n * sizeof(*taken));
    if (dropped) {
        taken[n] = (struct queued){.at = rp_db_now(db)};
        snprintf(taken[n].detail, sizeof(taken[n].detail),
                 "(%lu denials not logged: too many in one second)", dropped);
        snprintf(taken[n].address, sizeof(taken[n].address), "-");
        n++;
    }
    queued = 0;
    dropped = 0;
    pthread_mutex_unlock(&denials_lock);
    for (size_t i = 0; i < n; i++)
        lines[i] = (struct rp_audit_line){taken[i].at, taken[i].user_id, "denied", taken[i].detail,
                                          taken[i].address};
    if (n && rp_audit_write(db, lines, n))
        fprintf(stderr, "rapport: cannot write %zu audit lines: %s\n", n, rp_db_errmsg(db));
    pthread_mutex_unlock(&flush_lock);
}
