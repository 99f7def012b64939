/* Answers to reads, reused while the database stands where it stood when they were made.
 * Each worker thread keeps its own, checked against its own connection (rp_db_version),
 * which sees every change: its own, the other threads', other programs'. An answer is
 * found by the credential that asked (a token or session is one user's), today's date,
 * the route and the query string, so nobody gets another's answer and "today" turns over
 * at midnight; an answer is at most KEEP_SECONDS old, so that a session that expires by
 * the clock alone stops being served. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/http.h"
#include "base/banned.h"

#define CACHE_SLOTS 256u
#define KEEP_SECONDS 5

struct cache_entry {
    char *key;
    struct MHD_Response *response; /* the reference made with it, released on eviction */
    size_t bytes;
    time_t made; /* on the monotonic clock */
};

struct http_cache {
    size_t budget, bytes;
    int64_t version[2];
    struct cache_entry slots[CACHE_SLOTS];
};

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

static unsigned slot_of(const char *key)
{
    unsigned h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h % CACHE_SLOTS;
}

struct MHD_Response *http_cache_find(struct http_cache *c, struct http_req *req)
{
    const int64_t *version;
    if (!c || !(version = http_version(req)))
        return NULL;
    if (memcmp(version, c->version, sizeof(c->version))) {
        flush(c);
        memcpy(c->version, version, sizeof(c->version));
    }
    if (!(req->cache_key = make_key(req)))
        return NULL;
    struct cache_entry *e = &c->slots[slot_of(req->cache_key)];
    if (!e->key || strcmp(e->key, req->cache_key))
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
    struct cache_entry *e = &c->slots[slot_of(req->cache_key)];
    drop(c, e);
    if (c->bytes + bytes > c->budget)
        flush(c);
    *e = (struct cache_entry){req->cache_key, r, bytes, monotonic_seconds()};
    req->cache_key = NULL;
    c->bytes += bytes;
    return 1;
}
