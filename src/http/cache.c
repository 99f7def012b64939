/* Answers to reads, reused while nothing they show has changed. Each worker thread keeps
 * its own, and checks its connection's version of the database (rp_db_version), which
 * changes with every commit: its own, the other threads', other programs'. When it has
 * changed, the worker reads what the server's writer published (http_cache_changed)
 * since it last looked: when every change since is one of those, only the answers of the
 * users who may see what the writing user may change are dropped (a rep's write keeps
 * another rep's answers, and drops their manager's and the admins'); when the version moved
 * and nothing was published, or something may have changed everything, all are dropped.
 * The writer publishes a change before it commits it, so a version that shows a write
 * always comes with its change published. A commit by another program (or another
 * connection of this server) that falls just after one of the writer's is taken for the
 * writer's until the writer notices it, at its next transaction or within a second when
 * idle (then everything is dropped).
 *
 * An answer is found by the credential that asked (a token or session is one user's,
 * checked before: http_authenticate), today's date, the route and the query string, so
 * nobody gets another's answer and "today" turns over at midnight; an answer is at most
 * KEEP_SECONDS old. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/http.h"
#include "base/banned.h"

/* Slots in sets of CACHE_WAYS: a key may sit in any slot of its set, so that two keys
 * whose hashes meet (tokens are random) do not keep evicting each other. */
#define CACHE_SETS 256u
#define CACHE_WAYS 4u
#define CACHE_SLOTS (CACHE_SETS * CACHE_WAYS)
#define KEEP_SECONDS 5

#define CHANGES_MAX 256u

struct cache_entry {
    char *key;
    struct MHD_Response *response; /* the reference made with it, released on eviction */
    size_t bytes;
    time_t made;           /* on the monotonic clock */
    struct rp_actor asker; /* who it was made for */
};

struct http_cache {
    size_t budget, bytes;
    int64_t version[2];
    uint64_t seen; /* the last change of the writer's looked at */
    struct cache_entry slots[CACHE_SLOTS];
};

/* The changes the writer published, the last CHANGES_MAX of them: change number N is
 * ring[N % CHANGES_MAX]; one with ALL set may have changed anything, one with NONE
 * nothing an answer shows; one not yet DONE may still be committing (a worker looks at it
 * again, until it is). */
static struct {
    pthread_mutex_t lock;
    uint64_t last;
    struct change {
        int all, none, done;
        struct rp_actor by;
    } ring[CHANGES_MAX];
} changes = {.lock = PTHREAD_MUTEX_INITIALIZER};

static uint64_t publish(const struct rp_actor *by, int none)
{
    pthread_mutex_lock(&changes.lock);
    uint64_t n = ++changes.last;
    struct change *ch = &changes.ring[n % CHANGES_MAX];
    ch->all = !by && !none;
    ch->none = none;
    ch->done = 0;
    if (by)
        ch->by = *by;
    pthread_mutex_unlock(&changes.lock);
    return n;
}

uint64_t http_cache_changed(const struct rp_actor *by)
{
    return publish(by, 0);
}

uint64_t http_cache_unchanged(void)
{
    return publish(NULL, 1);
}

void http_cache_committed(uint64_t from, uint64_t to)
{
    pthread_mutex_lock(&changes.lock);
    for (uint64_t n = from; n && n <= to; n++)
        changes.ring[n % CHANGES_MAX].done = 1;
    pthread_mutex_unlock(&changes.lock);
}

struct http_cache *http_cache_new(size_t budget)
{
    struct http_cache *c = budget ? calloc(1, sizeof(*c)) : NULL;
    if (c)
        c->budget = budget;
    return c;
}

static void drop(struct http_cache *c, struct cache_entry *e)
{
    if (!e->key)
        return;
    MHD_destroy_response(e->response);
    free(e->key);
    c->bytes -= e->bytes;
    *e = (struct cache_entry){0};
}

static void flush(struct http_cache *c)
{
    for (unsigned i = 0; i < CACHE_SLOTS; i++)
        drop(c, &c->slots[i]);
}

/* Whether A may see records that B may change: everything is the local user's and the
 * admins'; a manager's scope is their team; anyone else's, their own. */
static int everything(const struct rp_actor *x)
{
    return !x->id || !strcmp(x->role, "admin");
}

static int team_wide(const struct rp_actor *x)
{
    return !strcmp(x->role, "manager") && x->team[0];
}

static int scopes_meet(const struct rp_actor *a, const struct rp_actor *b)
{
    if (everything(a) || everything(b) || a->id == b->id)
        return 1;
    return (team_wide(a) || team_wide(b)) && !strcmp(a->team, b->team);
}

/* The database moved since C last looked: drops what the writer's changes since may have
 * changed, or everything when they do not account for the move. A change still being
 * committed is looked at again next time: answers made meanwhile may predate it. */
static void catch_up(struct http_cache *c)
{
    struct change seen[CHANGES_MAX];
    size_t n = 0;
    uint64_t pending = 0;
    pthread_mutex_lock(&changes.lock);
    uint64_t last = changes.last, first = c->seen + 1;
    int all = last < first || last - c->seen > CHANGES_MAX;
    if (all && last - c->seen > CHANGES_MAX)
        first = last - CHANGES_MAX + 1;
    for (uint64_t i = first; i <= last; i++) {
        seen[n] = changes.ring[i % CHANGES_MAX];
        all |= seen[n].all;
        if (!seen[n++].done && !pending)
            pending = i;
    }
    pthread_mutex_unlock(&changes.lock);
    c->seen = pending ? pending - 1 : last;
    if (all) {
        flush(c);
        return;
    }
    for (unsigned i = 0; i < CACHE_SLOTS; i++)
        for (size_t k = 0; c->slots[i].key && k < n; k++)
            if (!seen[k].none && scopes_meet(&c->slots[i].asker, &seen[k].by))
                drop(c, &c->slots[i]);
}

void http_cache_free(struct http_cache *c)
{
    if (!c)
        return;
    flush(c);
    free(c);
}

#define KEY_MAX 8192

struct key_builder {
    struct rp_buf buf;
    int failed;
};

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    struct key_builder *k = cls;
    /* Length-prefixed, so that no argument's text can pass for another's. */
    k->failed |= rp_buf_addf(&k->buf, " %zu:%s", strlen(key), key) != RP_OK;
    if (value)
        k->failed |= rp_buf_addf(&k->buf, "=%zu:%s", strlen(value), value) != RP_OK;
    return k->failed ? MHD_NO : MHD_YES;
}

/* Who asks, the day, the route and the arguments; NULL when too long to keep. */
static char *make_key(struct http_req *req)
{
    struct key_builder k = {.failed = 0};
    rp_buf_init(&k.buf, KEY_MAX);
    int is_session;
    const char *credential = http_credential(req, &is_session);
    if (!credential)
        return NULL;
    k.failed = rp_buf_addf(&k.buf, "%d %zu:%s %lld %s %zu:%s", is_session, strlen(credential),
                           credential, (long long)rp_db_today(req->db), req->method,
                           strlen(req->url), req->url) != RP_OK;
    if (!k.failed)
        MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, add_arg, &k);
    if (k.failed) {
        rp_buf_release(&k.buf);
        return NULL;
    }
    return rp_buf_detach(&k.buf);
}

static time_t monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

static struct cache_entry *set_of(struct http_cache *c, const char *key)
{
    unsigned h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 16777619u;
    return &c->slots[(h % CACHE_SETS) * CACHE_WAYS];
}

static struct cache_entry *find_in_set(struct cache_entry *set, const char *key)
{
    for (unsigned i = 0; i < CACHE_WAYS; i++)
        if (set[i].key && !strcmp(set[i].key, key))
            return &set[i];
    return NULL;
}

/* The slot a new answer takes in SET: a free one, or the oldest answer's. */
static struct cache_entry *slot_to_fill(struct cache_entry *set)
{
    struct cache_entry *oldest = &set[0];
    for (unsigned i = 0; i < CACHE_WAYS; i++) {
        if (!set[i].key)
            return &set[i];
        if (set[i].made < oldest->made)
            oldest = &set[i];
    }
    return oldest;
}

struct MHD_Response *http_cache_find(struct http_cache *c, struct http_req *req)
{
    const int64_t *version;
    if (!c || !(version = http_version(req)))
        return NULL;
    if (memcmp(version, c->version, sizeof(c->version))) {
        catch_up(c);
        memcpy(c->version, version, sizeof(c->version));
    }
    if (!(req->cache_key = make_key(req)))
        return NULL;
    struct cache_entry *e = find_in_set(set_of(c, req->cache_key), req->cache_key);
    if (!e)
        return NULL;
    if (monotonic_seconds() - e->made <= KEEP_SECONDS)
        return e->response;
    drop(c, e);
    return NULL;
}

int http_cache_keep(struct http_cache *c, struct http_req *req, struct MHD_Response *r,
                    size_t bytes)
{
    if (!c || !req->cache_key || bytes > c->budget / 8)
        return 0;
    struct cache_entry *set = set_of(c, req->cache_key);
    struct cache_entry *e = find_in_set(set, req->cache_key);
    if (!e)
        e = slot_to_fill(set);
    drop(c, e);
    if (c->bytes + bytes > c->budget)
        flush(c);
    *e = (struct cache_entry){req->cache_key, r, bytes, monotonic_seconds(), req->asker};
    req->cache_key = NULL;
    c->bytes += bytes;
    return 1;
}
