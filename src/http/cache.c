/* Answers to reads, reused while nothing they show has changed. One cache serves a
 * server's worker threads; each checks its own connection's version of the database
 * (rp_db_version, kept in its struct http_cache_view), which changes with every commit:
 * its own, the other threads', other programs'. Every commit
 * of a server (this one or another on the same database) publishes in its transaction
 * what it changes (http_commits_watch, rp_db_publish_change). When the version has
 * changed, the worker reads how many commits the database has had and the changes
 * published since it last looked (rp_db_changes), in one statement: when they
 * account for every commit since, only what they may have changed is dropped (a rep's
 * write drops the answers of the users who may see what that rep may change and keeps
 * another rep's; a login drops nothing; a logout the answers of its session); when one
 * commit published nothing (another program's: the command line's), or one may have
 * changed everything, all are dropped.
 *
 * The cache accounts for the commits up to the highest count a worker has read; a worker
 * whose read transaction began before that keeps nothing it makes (it may show what a
 * commit since changed), but may be answered from what others made, which is newer.
 *
 * An answer is found by the credential that asked (a token or session is one user's,
 * checked before: http_authenticate), today's date, the route and the query string, so
 * nobody gets another's answer and "today" turns over at midnight; an answer is at most
 * KEEP_SECONDS old. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/http.h"
#include "base/banned.h"

/* Slots in sets of CACHE_WAYS: a key may sit in any slot of its set, so that two keys
 * whose hashes meet (tokens are random) do not keep evicting each other. */
#define CACHE_SETS 512u
#define CACHE_WAYS 4u
#define CACHE_SLOTS (CACHE_SETS * CACHE_WAYS)
#define KEEP_SECONDS 5

/* The most changes a worker looks at when the database moved: further behind, it drops
 * everything. */
#define CHANGES_MAX 256u

/* Referenced by its cache entry and by each answer sent from it, so that an entry dropped
 * by one thread never frees what another is sending. */
struct http_kept {
    atomic_size_t refs;
    size_t bytes;
    char text[];
};

struct cache_entry {
    char *key;
    struct http_kept *body; /* one reference */
    size_t bytes;
    const char *content_type, *filename; /* as the handler gave them (static) */
    time_t made;                         /* on the monotonic clock */
    struct rp_actor asker;               /* who it was made for */
    uint64_t credential; /* the hash of the credential that asked (http_text_hash) */
};

struct http_cache {
    pthread_mutex_t lock; /* over everything below */
    size_t budget, bytes;
    int64_t commits; /* the commits of the database accounted for */
    struct cache_entry slots[CACHE_SLOTS];
};

uint64_t http_text_hash(const char *text)
{
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

static enum rp_status publish(struct http_commits *w, enum http_change what,
                              const struct rp_actor *by)
{
    struct rp_change ch = {.what = what, .credential = w->credential};
    if (by)
        ch.by = *by;
    return rp_db_publish_change(w->db, &ch);
}

/* What the commit about to be made changes, published with it (the watch's BEFORE) and
 * forgotten: the commit is made with it or not at all. */
static enum rp_status commits_before(void *arg)
{
    struct http_commits *w = arg;
    enum rp_status rc = RP_OK;
    if (w->all)
        rc = publish(w, HTTP_CHANGE_ALL, NULL);
    for (size_t i = 0; !w->all && !rc && i < w->n; i++)
        rc = publish(w, HTTP_CHANGE_BY, &w->by[i]);
    if (!w->all && !w->n)
        rc = publish(w, w->what, NULL);
    http_commits_forget(w);
    return rc;
}

void http_commits_watch(struct http_commits *w, struct rp_db *db)
{
    *w = (struct http_commits){.what = HTTP_CHANGE_ALL, .db = db};
    rp_db_watch_commits(db, &(struct rp_commit_watch){commits_before, w});
}

void http_commits_note(struct http_commits *w, const struct rp_actor *by)
{
    for (size_t i = 0; by && i < w->n; i++)
        if (w->by[i].id == by->id && !strcmp(w->by[i].role, by->role) &&
            !strcmp(w->by[i].team, by->team))
            return;
    if (!by || w->n == HTTP_COMMITS_BY_MAX)
        w->all = 1;
    else
        w->by[w->n++] = *by;
}

void http_commits_forget(struct http_commits *w)
{
    w->n = 0;
    w->all = 0;
}

struct http_cache *http_cache_new(size_t budget)
{
    struct http_cache *c = budget ? calloc(1, sizeof(*c)) : NULL;
    if (c && pthread_mutex_init(&c->lock, NULL)) {
        free(c);
        return NULL;
    }
    if (c)
        c->budget = budget;
    return c;
}

void http_kept_release(void *p)
{
    struct http_kept *k = p;
    if (k && atomic_fetch_sub(&k->refs, 1) == 1)
        free(k);
}

struct MHD_Response *http_kept_response(struct http_kept *k)
{
    return MHD_create_response_from_buffer_with_free_callback_cls(k->bytes, k->text,
                                                                  http_kept_release, k);
}

static void drop(struct http_cache *c, struct cache_entry *e)
{
    if (!e->key)
        return;
    http_kept_release(e->body);
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

/* Whether cached answer E may show what change CH changed. */
static int changed_by(const struct cache_entry *e, const struct rp_change *ch)
{
    switch (ch->what) {
    case HTTP_CHANGE_NONE:
        return 0;
    case HTTP_CHANGE_BY:
        return scopes_meet(&e->asker, &ch->by);
    case HTTP_CHANGE_CREDENTIAL:
        return e->credential == ch->credential;
    default:
        return 1;
    }
}

/* Whether the changes CH[0..N) account for every commit after FROM up to COUNT (those
 * of FROM and before are passed over), and none of them may have changed anything. */
static int changes_tell(int64_t from, int64_t count, const struct rp_change *ch, size_t n)
{
    int64_t next = from;
    for (size_t i = 0; i < n; i++) {
        if (ch[i].commit <= from)
            continue;
        if (ch[i].commit != next && ch[i].commit != next + 1)
            return 0; /* a commit between published nothing (another program's) */
        next = ch[i].commit;
        if (ch[i].what == HTTP_CHANGE_ALL)
            return 0;
    }
    return next == count;
}

/* Drops what the changes CH[0..N) of the commits after C's up to COUNT may have changed,
 * or everything when they do not tell. */
static void drop_changed(struct http_cache *c, int64_t count, const struct rp_change *ch, size_t n)
{
    if (n > CHANGES_MAX || !changes_tell(c->commits, count, ch, n)) {
        flush(c);
        return;
    }
    for (unsigned i = 0; i < CACHE_SLOTS; i++)
        for (size_t k = 0; c->slots[i].key && k < n; k++)
            if (ch[k].commit > c->commits && changed_by(&c->slots[i], &ch[k]))
                drop(c, &c->slots[i]);
}

static int64_t commits_accounted(struct http_cache *c)
{
    pthread_mutex_lock(&c->lock);
    int64_t n = c->commits;
    pthread_mutex_unlock(&c->lock);
    return n;
}

/* V's connection moved since it last looked: reads the count of commits and the changes
 * since those the cache accounted for (rp_db_changes) in the request's read transaction,
 * so that the answers made in it are of that moment, and drops what the commits the cache
 * had not accounted for changed. When they cannot be read, drops everything, and V
 * neither keeps nor finds answers until they are (0). */
static int catch_up(struct http_cache *c, struct http_cache_view *v, struct rp_db *db)
{
    static _Thread_local struct rp_change seen[CHANGES_MAX];
    size_t n = 0;
    int64_t count = -1, after = v->asked ? v->after : commits_accounted(c);
    int failed = rp_db_changes(db, after, seen, CHANGES_MAX, &n, &count) != RP_OK;
    v->asked = 0;
    pthread_mutex_lock(&c->lock);
    if (failed) {
        flush(c);
        count = -1; /* keeps nothing until it reads again */
    } else if (count > c->commits) {
        drop_changed(c, count, seen, n);
        c->commits = count;
    }
    pthread_mutex_unlock(&c->lock);
    v->commits = count;
    return !failed;
}

void http_cache_ahead(struct http_cache *c, struct http_cache_view *v, struct rp_db *db)
{
    if (!c)
        return;
    v->after = commits_accounted(c);
    v->asked = 1;
    rp_db_changes_ahead(db, v->after, CHANGES_MAX);
}

void http_cache_free(struct http_cache *c)
{
    if (!c)
        return;
    flush(c);
    pthread_mutex_destroy(&c->lock);
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
    return &c->slots[(http_text_hash(key) % CACHE_SETS) * CACHE_WAYS];
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

/* Answers RES with E's answer, referenced. */
static void answer_from(const struct cache_entry *e, struct http_res *res)
{
    atomic_fetch_add(&e->body->refs, 1);
    res->kept = e->body;
    res->content_type = e->content_type;
    res->filename = e->filename;
    res->status = 200;
}

int http_cache_find(struct http_cache *c, struct http_cache_view *v, struct http_req *req,
                    struct http_res *res)
{
    const int64_t *version;
    if (!c || !(version = http_version(req)))
        return 0;
    if (memcmp(version, v->version, sizeof(v->version))) {
        if (!catch_up(c, v, req->db))
            return 0;
        memcpy(v->version, version, sizeof(v->version));
    }
    if (!(req->cache_key = make_key(req)))
        return 0;
    int found = 0;
    pthread_mutex_lock(&c->lock);
    struct cache_entry *e = find_in_set(set_of(c, req->cache_key), req->cache_key);
    if (e && monotonic_seconds() - e->made > KEEP_SECONDS)
        drop(c, e);
    else if (e) {
        answer_from(e, res);
        found = 1;
    }
    pthread_mutex_unlock(&c->lock);
    if (found) {
        free(req->cache_key); /* not kept again */
        req->cache_key = NULL;
    }
    return found;
}

int http_cache_keep(struct http_cache *c, const struct http_cache_view *v, struct http_req *req,
                    const char *text, size_t bytes, const struct http_res *res)
{
    if (!c || !req->cache_key || bytes > c->budget / 8 || v->commits < 0)
        return 0;
    struct http_kept *body = malloc(sizeof(*body) + bytes);
    if (!body)
        return 0;
    atomic_init(&body->refs, 1);
    body->bytes = bytes;
    memcpy(body->text, text, bytes);
    int is_session;
    const char *credential = http_credential(req, &is_session);
    struct cache_entry made = {req->cache_key, body,
                               bytes,          res->content_type,
                               res->filename,  monotonic_seconds(),
                               req->asker,     credential ? http_text_hash(credential) : 0};
    int kept = 0;
    pthread_mutex_lock(&c->lock);
    /* An answer of a moment before commits the cache accounted for may show what they
     * changed: not kept. */
    if (v->commits >= c->commits) {
        struct cache_entry *set = set_of(c, made.key);
        struct cache_entry *e = find_in_set(set, made.key);
        if (!e)
            e = slot_to_fill(set);
        drop(c, e);
        if (c->bytes + bytes > c->budget)
            flush(c);
        *e = made;
        c->bytes += bytes;
        kept = 1;
    }
    pthread_mutex_unlock(&c->lock);
    if (kept)
        req->cache_key = NULL;
    else
        free(body);
    return kept;
}
