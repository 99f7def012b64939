/* The HTTP server: libmicrohttpd with an internal thread pool on epoll; one SQLite
 * connection per worker thread; bodies capped; every response carries the security
 * headers; SIGINT/SIGTERM stop accepting and let requests in flight finish. GETs outside
 * /api/ are the web app's (assets.c). */
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "base/parse.h"
#include "http/http.h"
#include "base/banned.h"

static pthread_key_t worker_key;
static char listen_url[96];
static const struct http_server_options *options;

/* The answers the worker threads may reuse (cache.c). */
static struct http_cache *answers;

/* What each worker thread keeps: its connection, what that connection's commits change
 * (a login's, a logout's, an import's), what it last saw of the database for the answers
 * kept, and the credentials it found good. */
struct worker {
    struct rp_db *db;
    struct http_commits commits;
    struct http_cache_view view;
    struct http_auth_cache *auth;
    /* The database's version at this worker's last read, and whether it had moved since
     * the read before (read_ahead). */
    int64_t seen[2];
    int moving;
};

static void worker_release(void *p)
{
    struct worker *w = p;
    http_auth_cache_free(w->auth);
    rp_db_close(w->db);
    free(w);
}

/* This worker thread's own connection; NULL when the database cannot open. */
static struct worker *thread_worker(void)
{
    struct worker *w = pthread_getspecific(worker_key);
    if (w)
        return w;
    if (!(w = calloc(1, sizeof(*w))))
        return NULL;
    if (rp_db_open(options->db_path, &w->db)) {
        fprintf(stderr, "rapport: %s\n", w->db ? rp_db_errmsg(w->db) : "out of memory");
        worker_release(w);
        return NULL;
    }
    if (options->now)
        rp_db_set_now(w->db, options->now);
    http_commits_watch(&w->commits, w->db);
    w->auth = http_auth_cache_new();
    pthread_setspecific(worker_key, w);
    return w;
}

/* rp_status to HTTP status and error code: the one table of the mapping. */
static const struct {
    unsigned status;
    const char *code;
} status_map[] = {
    [RP_OK] = {200, "ok"},
    [RP_ERR_INTERNAL] = {500, "internal"},
    [RP_ERR_USAGE] = {400, "bad_request"},
    [RP_ERR_NOTFOUND] = {404, "not_found"},
    [RP_ERR_INVALID] = {422, "invalid"},
    [RP_ERR_CONFLICT] = {409, "conflict"},
    [RP_ERR_FORBIDDEN] = {403, "forbidden"},
    [RP_ERR_AUTH] = {401, "unauthorized"},
    [RP_ERR_UNAVAILABLE] = {502, "bad_gateway"},
    [RP_ERR_BUSY] = {503, "unavailable"},
};

void http_error(struct http_res *res, unsigned status, const char *code, const char *message,
                const char *field)
{
    json_decref(res->json);
    free(res->text);
    res->text = NULL;
    res->text_len = 0;
    res->status = status;
    res->json =
        json_pack("{s:{s:s,s:s,s:s?}}", "error", "code", code, "message", message, "field", field);
}

enum rp_status http_fail(struct http_req *req, struct http_res *res, enum rp_status rc)
{
    unsigned i = (unsigned)rc < sizeof(status_map) / sizeof(status_map[0]) ? rc : RP_ERR_INTERNAL;
    const char *msg = req->db ? rp_db_errmsg(req->db) : "";
    /* Internal details stay in the server's log, not in the answer. */
    if (rc == RP_ERR_INTERNAL) {
        fprintf(stderr, "rapport: %s %s: %s\n", req->method, req->url, msg);
        msg = "internal error";
    }
    http_error(res, status_map[i].status, status_map[i].code, *msg ? msg : rp_strerror(rc),
               req->db && rc != RP_ERR_INTERNAL ? rp_db_errfield(req->db) : NULL);
    return rc;
}

void http_json_begin(struct rp_buf *out)
{
    rp_buf_init(out, RP_BUF_DEFAULT_MAX);
}

enum rp_status http_json_end(struct http_req *req, struct http_res *res, struct rp_buf *out,
                             enum rp_status rc)
{
    if (rc) {
        rp_buf_release(out);
        return http_fail(req, res, rc);
    }
    json_decref(res->json);
    res->json = NULL;
    free(res->text);
    res->text_len = out->len;
    res->text = rp_buf_detach(out);
    res->content_type = "application/json";
    return RP_OK;
}

const char *http_arg(const struct http_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

enum rp_status http_int_arg(struct http_req *req, const char *name, int64_t min, int64_t max,
                            int64_t *out)
{
    const char *s = http_arg(req, name);
    if (s && rp_parse_int64(s, min, max, out))
        return rp_db_fail(req->db, RP_ERR_INVALID, name,
                          "invalid %s '%s' (expected a whole "
                          "number from %lld to %lld)",
                          name, s, (long long)min, (long long)max);
    return RP_OK;
}

int http_from_trusted_proxy(const struct http_req *req)
{
    return options->trusted_proxy && !strcmp(req->peer, options->trusted_proxy);
}

const char *http_listen_url(void)
{
    return listen_url;
}

const char *http_header(const struct http_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const int64_t *http_version(struct http_req *req)
{
    if (!req->versioned && req->db && !rp_db_version(req->db, req->version))
        req->versioned = 1;
    return req->versioned ? req->version : NULL;
}

static void add_security_headers(struct MHD_Response *r)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; frame-ancestors 'none'");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
}

/* The body of RES as text, handed over (free()); NULL when out of memory. */
static char *response_text(struct http_res *res)
{
    char *text = res->text;
    res->text = NULL;
    if (!text) {
        text = res->json
                   ? json_dumps(res->json, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))
                   : NULL;
        res->content_type = "application/json";
    }
    return text ? text : strdup("{}");
}

/* RES's headers on R, its response; an answer kept from before says so (X-Rapport-Cache:
 * hit). */
static void add_headers(struct http_req *req, const struct http_res *res, struct MHD_Response *r,
                        unsigned status, int kept)
{
    add_security_headers(r);
    MHD_add_response_header(r, "Content-Type", res->content_type);
    if (res->set_cookie)
        MHD_add_response_header(r, "Set-Cookie", res->set_cookie);
    if (res->filename) {
        char disposition[128];
        snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s\"", res->filename);
        MHD_add_response_header(r, "Content-Disposition", disposition);
    }
    if (status == 503)
        MHD_add_response_header(r, "Retry-After", "1");
    if (http_over_tls(req))
        MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
    if (kept)
        MHD_add_response_header(r, "X-Rapport-Cache", "hit");
}

/* Sends a kept answer: its bytes are the cache's, referenced until sent. */
static enum MHD_Result send_kept(struct http_req *req, struct http_res *res)
{
    struct MHD_Response *r = http_kept_response(res->kept);
    if (!r)
        return MHD_NO; /* respond() lets the reference go */
    res->kept = NULL;
    add_headers(req, res, r, 200, 1);
    enum MHD_Result ok = MHD_queue_response(req->conn, 200, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result send_response(struct http_req *req, struct http_res *res)
{
    if (res->kept)
        return send_kept(req, res);
    size_t len = res->text ? res->text_len : 0;
    char *text = response_text(res);
    len = len || !text ? len : strlen(text);
    unsigned status = res->status ? res->status : 200;
    struct MHD_Response *r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(text);
        return MHD_NO;
    }
    add_headers(req, res, r, status, 0);
    enum MHD_Result ok = MHD_queue_response(req->conn, status, r);
    struct worker *w = pthread_getspecific(worker_key);
    if (status == 200 && w && req->cache_key)
        http_cache_keep(answers, &w->view, req, text, len, res);
    MHD_destroy_response(r);
    return ok;
}

static int is_json(const char *type)
{
    static const char json[] = "application/json";
    return type && !strncasecmp(type, json, sizeof(json) - 1) &&
           (type[sizeof(json) - 1] == '\0' || type[sizeof(json) - 1] == ';');
}

/* The JSON object body of a write; 415 or 400 when it is not one. */
static int parse_body(struct http_req *req, struct http_res *res)
{
    json_error_t err;
    if (!is_json(http_header(req, "Content-Type"))) {
        http_error(res, 415, "unsupported_media_type", "send the body as application/json", NULL);
        return -1;
    }
    req->json = json_loadb(req->body.len ? req->body.data : "", req->body.len,
                           JSON_REJECT_DUPLICATES, &err);
    if (!req->json || !json_is_object(req->json)) {
        char msg[256];
        snprintf(msg, sizeof(msg),
                 req->json ? "the body must be a JSON object" : "malformed JSON (%s, at byte %d)",
                 err.text, err.position);
        http_error(res, 400, "bad_request", msg, NULL);
        return -1;
    }
    return 0;
}

/* The most body ROUTE takes: 0 for routes that take none (what comes is dropped), a small
 * one where no login is needed, so that strangers cannot make the server hold much, a
 * file's for an import. */
static size_t body_limit(const struct http_route *route)
{
    if (route->flags & HTTP_UPLOAD)
        return HTTP_UPLOAD_MAX;
    if (!(route->flags & HTTP_BODY))
        return 0;
    return route->flags & HTTP_PUBLIC ? HTTP_PUBLIC_BODY_MAX : HTTP_BODY_MAX;
}

/* Gives the request this worker's connection for one step of its handling (admission,
 * then the answer), with a budget of its own and nobody acting yet; -1 with an answer in
 * RES when the database cannot be opened. */
static int request_enter(struct http_req *req, struct http_res *res, struct worker **out)
{
    struct worker *w = thread_worker();
    if (!w) {
        http_error(res, 500, "internal", "the database is not available", NULL);
        return -1;
    }
    req->db = w->db;
    req->auth = w->auth;
    req->commits = &w->commits;
    req->versioned = 0;
    rp_db_act_as(req->db, 0);
    /* No request holds a worker for long, whatever it asks: its statements stop. */
    rp_db_set_deadline(req->db, options->budget_ms);
    if (out)
        *out = w;
    return 0;
}

static void request_leave(struct http_req *req)
{
    if (req->db) {
        rp_db_set_deadline(req->db, 0);
        rp_db_act_as(req->db, 0);
    }
}

static void too_large(const struct http_req *req, struct http_res *res)
{
    size_t limit = body_limit(req->route);
    http_error(res, 413, "too_large",
               limit == HTTP_UPLOAD_MAX ? "the body is larger than 64 MiB"
               : limit == HTTP_BODY_MAX ? "the body is larger than 1 MiB"
                                        : "the body is larger than 8 KiB",
               NULL);
}

/* Whether a body of the size the headers announce may come: its memory is reserved from
 * the total all bodies may hold and from the caller's share (503 or 429 when that is
 * taken), and one too large is refused (413: at once to strangers and to clients that wait
 * for 100 Continue; a logged-in client's is read to the end and dropped, so that it can
 * hear why). A body without a length may be as large as the route allows. Either way it
 * must come in by its deadline, or the connection is cut (guard.c). */
static void admit_body(struct http_req *req, struct http_res *res)
{
    size_t limit = body_limit(req->route), want = 0;
    const char *length = http_header(req, "Content-Length");
    const char *expect = http_header(req, "Expect");
    int64_t n;
    if (!limit)
        return;
    if (length && !rp_parse_int64(length, 0, INT64_MAX, &n))
        want = (uint64_t)n > limit ? limit + 1 : (size_t)n;
    else if (http_header(req, "Transfer-Encoding"))
        want = limit;
    if (want > limit) {
        req->too_large = 1;
        if (!req->user || (expect && !strcasecmp(expect, "100-continue")))
            too_large(req, res);
        else
            http_guard_body_begin(req->conn, 0, 0, limit);
        return;
    }
    unsigned refused = http_guard_body_begin(req->conn, req->user, want, want);
    if (refused == 429)
        http_error(res, 429, "rate_limited",
                   "you are sending too many bodies at once; wait "
                   "for them to finish",
                   NULL);
    else if (refused)
        http_error(res, 503, "unavailable",
                   "the server is receiving too many bodies at once; "
                   "try again",
                   NULL);
    if (refused)
        return;
    req->reserved = want;
    /* An upload goes to a temporary file as it comes (transfer.c): what it reserves is
     * that file's room, which bounds the disk that uploads at once may take. */
    if (!(req->route->flags & HTTP_UPLOAD))
        rp_buf_init(&req->body, want);
}

/* What the headers alone decide, before any body is read: the route (404, 405), the
 * caller (401, 403), the body's size (413, 503). An answer in RES when the
 * request ends here. */
static void admit(struct http_req *req, struct http_res *res)
{
    unsigned status = http_route_find(req, &req->route);
    if (status) {
        http_error(res, status, status == 404 ? "not_found" : "method_not_allowed",
                   status == 404 ? "no such route" : "method not allowed on this route", NULL);
        return;
    }
    if (request_enter(req, res, NULL))
        return;
    const char *length = http_header(req, "Content-Length");
    req->auth_later = (req->route->flags & HTTP_KEEP) && !(req->route->flags & HTTP_PUBLIC) &&
                      (!length || !strcmp(length, "0")) && !http_header(req, "Transfer-Encoding");
    if (!(req->route->flags & HTTP_PUBLIC) && !req->auth_later && http_authenticate(req, res)) {
        http_denial_log(req, res, 0);
        return;
    }
    admit_body(req, res);
}

/* What a read's first steps read when the database's version has moved goes out with the
 * version, in its round trip (on PostgreSQL): the caller's check, the count of commits, a
 * record asked for by id. Sent while the version moves at this worker's reads (as under
 * other servers' writes), and the caller's check when the credential kept is not of this
 * second: otherwise a kept credential and a kept answer need none of them, and they would
 * be run for nothing. */
static void read_ahead(struct http_req *req, struct worker *w)
{
    if (req->auth_later)
        http_auth_ahead(req, w->moving);
    if (w->moving)
        http_cache_ahead(answers, &w->view, req->db);
    if (w->moving && (req->route->flags & HTTP_RECORD))
        http_read_ahead(req, req->route);
}

static void note_version(struct worker *w, struct http_req *req)
{
    if (!req->versioned)
        return;
    w->moving = memcmp(w->seen, req->version, sizeof(w->seen)) != 0;
    memcpy(w->seen, req->version, sizeof(w->seen));
}

/* The answer to an admitted request, its body (if any) in. */
static void handle(struct http_req *req, struct http_res *res)
{
    const struct http_route *route = req->route;
    enum rp_status rc;
    if (req->too_large) {
        too_large(req, res);
        return;
    }
    struct worker *w;
    if (request_enter(req, res, &w))
        return;
    /* A read's statements run in one read transaction, its caller's check included. */
    int reading = (route->flags & HTTP_KEEP) && !rp_db_begin_read(req->db);
    if (reading)
        read_ahead(req, w);
    /* The caller checked now, or, when admission did, the same user looked at again: the
     * body took its time. A write's user is looked at by the writer, in its transaction. */
    if (!(route->flags & (HTTP_PUBLIC | HTTP_WRITES)) &&
        (rc = req->auth_later ? http_authenticate(req, res) : http_act_again(req))) {
        if (!req->auth_later) /* http_authenticate answers itself */
            http_fail(req, res, rc);
        if (reading)
            rp_db_rollback(req->db);
        http_denial_log(req, res, 0);
        return;
    }
    if (reading)
        note_version(w, req);
    /* A kept answer is sent from here, not with the headers: an answer queued before
     * libmicrohttpd has read the whole request closes the connection. */
    if ((route->flags & HTTP_KEEP) && http_cache_find(answers, &w->view, req, res)) {
        if (reading)
            rp_db_rollback(req->db);
        return;
    }
    if ((route->flags & HTTP_BODY) && parse_body(req, res))
        return;
    if (route->flags & HTTP_WRITES) {
        req->write_state = HTTP_WRITE_QUEUED;
        return;
    }
    /* What commits on this connection (an import, a login) may change anything, unless
     * the handler says less. */
    w->commits.what = HTTP_CHANGE_ALL;
    route->handler(req, res, route);
    w->commits.what = HTTP_CHANGE_ALL;
    rp_db_acting(req->db, &req->asker);
    if (reading)
        rp_db_rollback(req->db);
    if (!(route->flags & HTTP_PUBLIC)) /* the login audits its own failures */
        http_denial_log(req, res, rp_db_was_hidden(req->db));
}

/* The last address of X-Forwarded-For (the one the proxy itself added) into OUT, when it
 * is an IPv4 or IPv6 address; 0 otherwise. */
static int forwarded_for(const struct http_req *req, char out[64])
{
    const char *xff = http_header(req, "X-Forwarded-For");
    if (!xff)
        return 0;
    const char *last = strrchr(xff, ',');
    last = last ? last + 1 : xff;
    while (*last == ' ' || *last == '\t')
        last++;
    size_t n = strcspn(last, " \t");
    unsigned char bin[sizeof(struct in6_addr)];
    if (!n || n >= 64)
        return 0;
    memcpy(out, last, n);
    out[n] = '\0';
    return inet_pton(AF_INET, out, bin) == 1 || inet_pton(AF_INET6, out, bin) == 1;
}

/* The peer's address, and the client's: the peer's, or from the trusted proxy the one it
 * says it forwards for, so that rate limits and the audit log name the real client. */
static void client_address(struct http_req *req)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    snprintf(req->peer, sizeof(req->peer), "unknown");
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, req->peer,
                  sizeof(req->peer));
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, req->peer,
                  sizeof(req->peer));
    if (!http_from_trusted_proxy(req) || !forwarded_for(req, req->address))
        snprintf(req->address, sizeof(req->address), "%s", req->peer);
}

/* Sends RES, the request's answer, and lets it go. */
static enum MHD_Result respond(struct http_req *req, struct http_res *res)
{
    request_leave(req);
    req->answered = 1;
    enum MHD_Result ok = send_response(req, res);
    json_decref(res->json);
    free(res->text);
    free(res->set_cookie);
    http_kept_release(res->kept);
    *res = (struct http_res){0};
    return ok;
}

/* A write the writer has made durable (or failed): its answer, and its denial's audit
 * line on this worker's connection. */
static enum MHD_Result written(struct http_req *req)
{
    struct worker *w = thread_worker();
    req->write_state = HTTP_WRITE_NONE;
    req->db = w ? w->db : NULL;
    http_denial_log(req, &req->wres, req->hidden);
    return respond(req, &req->wres);
}

/* The first call for a request: its headers are in, its body (if any) not yet read. */
static enum MHD_Result on_headers(struct MHD_Connection *conn, const char *url, const char *method,
                                  void **ctx)
{
    struct http_res res = {0};
    struct http_req *req = calloc(1, sizeof(*req));
    if (!req)
        return MHD_NO;
    req->conn = conn;
    req->url = url;
    req->method = method;
    rp_buf_init(&req->body, 0);
    client_address(req);
    *ctx = req;
    http_guard_request(conn, 1);
    if ((!strcmp(method, "GET") || !strcmp(method, "HEAD")) && http_is_asset_path(url)) {
        req->answered = 1;
        return http_asset_send(req);
    }
    admit(req, &res);
    if (res.status)
        return respond(req, &res);
    request_leave(req);
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **ctx)
{
    struct http_req *req = *ctx;
    struct http_res res = {0};
    if (!req)
        return on_headers(conn, url, method, ctx);
    if (*upload_size) {
        if (!req->answered && !req->too_large && (req->route->flags & HTTP_UPLOAD))
            req->too_large = http_upload_data(req, upload, *upload_size);
        else if (!req->answered && body_limit(req->route) && !req->too_large &&
                 rp_buf_add(&req->body, upload, *upload_size))
            req->too_large = 1;
        *upload_size = 0;
        return MHD_YES;
    }
    if (req->answered)
        return MHD_YES;
    http_guard_body_end(conn);
    if (req->write_state == HTTP_WRITE_DONE)
        return written(req);
    handle(req, &res);
    if (req->write_state == HTTP_WRITE_QUEUED) {
        request_leave(req);
        http_writer_submit(req);
        return MHD_YES;
    }
    return respond(req, &res);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **ctx,
                         enum MHD_RequestTerminationCode why)
{
    struct http_req *req = *ctx;
    http_guard_request(conn, 0);
    if (!req)
        return;
    http_guard_body_release(conn, req->reserved);
    rp_buf_release(&req->body);
    http_upload_free(req->upload);
    json_decref(req->json);
    free(req->session_csrf);
    free(req->cache_key);
    rp_mail_free(req->mail);
    free(req->mail_to);
    json_decref(req->wres.json);
    free(req->wres.text);
    free(req->wres.set_cookie);
    free(req);
    *ctx = NULL;
}

/* Undoes %XX escapes, except in a request path that holds an escaped slash or NUL: left as
 * it came, it matches no route (404), where decoded "/accounts%2f1" would read as
 * "/accounts/1" and "/accounts/1%00" end early at the NUL. Query values decode as usual
 * (MHD hands only the path over starting with '/'). */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
    (void)cls;
    (void)conn;
    for (const char *p = strchr(s, '%'); *s == '/' && p; p = strchr(p + 1, '%'))
        if (!strncasecmp(p, "%2f", 3) || !strncmp(p, "%00", 3))
            return strlen(s);
    return MHD_http_unescape(s);
}

/* "127.0.0.1:8080", or ":8080" for every address. */
static int parse_listen(const char *listen, struct sockaddr_in *addr)
{
    const char *colon = strrchr(listen, ':');
    char host[64];
    int64_t port;
    if (!colon || (size_t)(colon - listen) >= sizeof(host) ||
        rp_parse_int64(colon + 1, 0, 65535, &port))
        return -1;
    snprintf(host, sizeof(host), "%.*s", (int)(colon - listen), listen);
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_port = htons((uint16_t)port);
    if (!*host)
        addr->sin_addr.s_addr = htonl(INADDR_ANY);
    else if (inet_pton(AF_INET, host, &addr->sin_addr) != 1)
        return -1;
    return 0;
}

/* The server's housekeeping, once a second in a thread of its own: connections past
 * their header deadline are cut, and the queued audit lines of denials written (by the
 * writer, whose commits drop no kept answer that they do not change). */
static pthread_mutex_t keeper_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t keeper_wake = PTHREAD_COND_INITIALIZER;
static int keeper_stop;

static void *keeper_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&keeper_lock);
    while (!keeper_stop) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec++;
        pthread_cond_timedwait(&keeper_wake, &keeper_lock, &ts);
        pthread_mutex_unlock(&keeper_lock);
        http_guard_sweep();
        http_writer_denials(0);
        pthread_mutex_lock(&keeper_lock);
    }
    pthread_mutex_unlock(&keeper_lock);
    return NULL;
}

static void keeper_end(pthread_t keeper)
{
    pthread_mutex_lock(&keeper_lock);
    keeper_stop = 1;
    pthread_cond_signal(&keeper_wake);
    pthread_mutex_unlock(&keeper_lock);
    pthread_join(keeper, NULL);
}

/* Stops accepting, waits up to 10 s for the requests in flight, then stops. */
static atomic_int draining;

/* libmicrohttpd's accept policy: no new connection once the server is stopping. */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
    (void)cls, (void)addr, (void)len;
    return atomic_load(&draining) ? MHD_NO : MHD_YES;
}

/* Stops taking connections, waits up to 10 s for the requests in flight, then stops.
 * (MHD_quiesce_daemon would race the epoll loop of libmicrohttpd 0.9.75 for the listening
 * socket, and the loser aborts the process; the accept policy turns newcomers away.) */
static void drain(struct MHD_Daemon *d)
{
    atomic_store(&draining, 1);
    for (int i = 0; i < 100; i++) {
        const union MHD_DaemonInfo *info =
            MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (!info || !info->num_connections)
            break;
        struct timespec ts = {0, 100L * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    /* Messages still on their way are given up, and their requests answered. */
    http_mailer_stop();
    MHD_stop_daemon(d);
}

int rp_http_serve(const struct http_server_options *o)
{
    struct sockaddr_in addr;
    sigset_t stop;
    int sig;
    options = o;
    if (parse_listen(o->listen, &addr)) {
        fprintf(stderr,
                "rapport: cannot listen on '%s' (expected ADDRESS:PORT, e.g. "
                "127.0.0.1:8080)\n",
                o->listen);
        return 2;
    }
    pthread_key_create(&worker_key, worker_release);
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    if (http_writer_start(o->db_path, o->now, o->budget_ms)) {
        fprintf(stderr, "rapport: cannot open the database '%s' for writing\n", o->db_path);
        return 1;
    }
    if (http_mailer_start()) {
        fprintf(stderr, "rapport: cannot start the mail thread\n");
        http_writer_stop();
        return 1;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = o->threads ? o->threads : cores > 0 ? (unsigned)cores : 1u;
    answers = http_cache_new(o->cache_bytes);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME, 0, on_accept,
        NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, HTTP_CONNECTIONS_MAX,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, HTTP_CONNECTIONS_PER_ADDRESS,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32 * 1024,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION,
        http_guard_notify, NULL, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr,
                "rapport: cannot listen on %s (in use, or not an address of this "
                "machine)\n",
                o->listen);
        http_mailer_stop();
        http_writer_stop();
        http_cache_free(answers);
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &addr.sin_addr, host, sizeof(host));
    snprintf(listen_url, sizeof(listen_url), "http://%s:%u",
             addr.sin_addr.s_addr == htonl(INADDR_ANY) ? "localhost" : host,
             info ? info->port : ntohs(addr.sin_port));
    printf("rapport: serving http://%s:%u/ (Ctrl-C to stop)\n", host,
           info ? info->port : ntohs(addr.sin_port));
    fflush(stdout);
    pthread_t keeper;
    int keeping = !pthread_create(&keeper, NULL, keeper_main, NULL);
    sigwait(&stop, &sig);
    fprintf(stderr, "rapport: stopping; finishing requests in flight\n");
    drain(d);
    http_writer_stop();
    http_cache_free(answers);
    if (keeping)
        keeper_end(keeper);
    return 0;
}
