/* Who is asking: a session cookie (from POST /login) or an API token (Authorization:
 * Bearer). Unsafe methods on a cookie session need the CSRF token, or a same-origin
 * Origin / Sec-Fetch-Site. Failed logins are limited per account and per address
 * (rp_login_allowed, counted in the database for every server). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/date.h"
#include "http/http.h"
#include "base/banned.h"

#define SESSION_COOKIE "rapport_session"

static int is_unsafe(const char *method)
{
    return strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "OPTIONS");
}

/* The request comes from a page of this server: Sec-Fetch-Site says so, or Origin names
 * the host the request was sent to. */
static int same_origin(const struct http_req *req)
{
    const char *site = http_header(req, "Sec-Fetch-Site");
    const char *origin = http_header(req, "Origin"), *host = http_header(req, "Host");
    if (site && !strcmp(site, "same-origin"))
        return 1;
    if (!origin || !host)
        return 0;
    const char *rest = !strncmp(origin, "http://", 7)    ? origin + 7
                       : !strncmp(origin, "https://", 8) ? origin + 8
                                                         : NULL;
    return rest && !strcmp(rest, host);
}

static int csrf_ok(const struct http_req *req)
{
    const char *token = http_header(req, "X-CSRF-Token");
    if (token && req->session_csrf && !strcmp(token, req->session_csrf))
        return 1;
    return same_origin(req);
}

static const char *session_cookie(const struct http_req *req)
{
    const char *v =
        MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, "__Host-" SESSION_COOKIE);
    return v ? v : MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, SESSION_COOKIE);
}

const char *http_credential(const struct http_req *req, int *is_session)
{
    const char *auth = http_header(req, "Authorization");
    *is_session = 0;
    if (auth && !strncasecmp(auth, "Bearer ", 7))
        return auth + 7;
    *is_session = 1;
    return session_cookie(req);
}

/* Credentials found good, kept per worker thread so that a request does not read the
 * token (or session) and the user again: an entry serves while the database stands where
 * it stood when the credential was checked (so a revoked token, a disabled user or an ended
 * session is refused on the very next request) and within the same second of the clock
 * (expiry times are whole seconds, so whether one passed can only change when the second
 * does). Slots are found by a hash of the credential; a newcomer takes the slot over. */
#define AUTH_SLOTS 64u

struct auth_entry {
    char *credential; /* owned; NULL: the slot is free */
    int is_session;
    int64_t user, second, version[2];
    char *csrf; /* a session's CSRF token (owned) */
    struct rp_actor actor;
};

struct http_auth_cache {
    struct auth_entry slots[AUTH_SLOTS];
};

struct http_auth_cache *http_auth_cache_new(void)
{
    return calloc(1, sizeof(struct http_auth_cache));
}

static void auth_drop(struct auth_entry *e)
{
    free(e->credential);
    free(e->csrf);
    *e = (struct auth_entry){0};
}

void http_auth_cache_free(struct http_auth_cache *c)
{
    if (!c)
        return;
    for (unsigned i = 0; i < AUTH_SLOTS; i++)
        auth_drop(&c->slots[i]);
    free(c);
}

static struct auth_entry *auth_slot(struct http_auth_cache *c, const char *credential)
{
    unsigned h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)credential; *p; p++)
        h = (h ^ *p) * 16777619u;
    return &c->slots[h % AUTH_SLOTS];
}

/* The kept check of the request's credential, when it still holds. */
static struct auth_entry *auth_kept(struct http_req *req, const char *credential, int is_session)
{
    const int64_t *version;
    if (!req->auth || !credential || !(version = http_version(req)))
        return NULL;
    struct auth_entry *e = auth_slot(req->auth, credential);
    if (!e->credential || e->is_session != is_session || strcmp(e->credential, credential) ||
        e->second != rp_db_now(req->db) || memcmp(e->version, version, sizeof(e->version)))
        return NULL;
    return e;
}

/* Keeps the check just made of the request's credential (the acting user is set). */
static void auth_keep(struct http_req *req, const char *credential, int is_session)
{
    const int64_t *version;
    if (!req->auth || !(version = http_version(req)))
        return;
    struct auth_entry *e = auth_slot(req->auth, credential);
    auth_drop(e);
    e->credential = strdup(credential);
    e->csrf = req->session_csrf ? strdup(req->session_csrf) : NULL;
    if (!e->credential || (req->session_csrf && !e->csrf)) {
        auth_drop(e);
        return;
    }
    e->is_session = is_session;
    e->user = req->user;
    e->second = rp_db_now(req->db);
    memcpy(e->version, version, sizeof(e->version));
    rp_db_acting(req->db, &e->actor);
}

static enum rp_status auth_reuse(struct http_req *req, const struct auth_entry *e)
{
    req->user = e->user;
    req->by_session = e->is_session;
    if (e->csrf && !(req->session_csrf = strdup(e->csrf)))
        return rp_db_fail(req->db, RP_ERR_INTERNAL, NULL, "out of memory");
    rp_db_act_again(req->db, &e->actor);
    return RP_OK;
}

/* The credential checked in the database, and, when ACT, the acting user set from it: in
 * one statement either way. */
static enum rp_status auth_check(struct http_req *req, const char *credential, int is_session,
                                 int act)
{
    enum rp_status rc;
    if (!credential)
        return rp_db_fail(req->db, RP_ERR_AUTH, NULL,
                          "log in first (POST /api/v1/login), or "
                          "send an API token as Authorization: Bearer");
    if (is_session) {
        req->by_session = 1;
        rc = act ? rp_db_act_as_session(req->db, credential, &req->user, &req->session_csrf)
                 : rp_session_user(req->db, credential, &req->user, &req->session_csrf);
    } else {
        rc = act ? rp_db_act_as_token(req->db, credential, &req->user)
                 : rp_token_user(req->db, credential, &req->user);
    }
    if (!rc && act)
        auth_keep(req, credential, is_session);
    return rc;
}

enum rp_status http_authenticate(struct http_req *req, struct http_res *res)
{
    int is_session;
    const char *credential = http_credential(req, &is_session);
    /* A write's user is acted as by the writer, in its transaction (writer.c): here the
     * credential alone is checked (a disabled user's is refused), in one statement, where
     * a kept check would cost one too (the database's version). */
    int writes = req->route && (req->route->flags & HTTP_WRITES);
    const struct auth_entry *e = writes ? NULL : auth_kept(req, credential, is_session);
    enum rp_status rc = e ? auth_reuse(req, e) : auth_check(req, credential, is_session, !writes);
    if (!rc && req->by_session && is_unsafe(req->method) && !csrf_ok(req))
        rc = rp_db_fail(req->db, RP_ERR_FORBIDDEN, NULL, "missing or wrong X-CSRF-Token");
    return rc ? http_fail(req, res, rc) : RP_OK;
}

void http_auth_ahead(struct http_req *req, int moving)
{
    int is_session;
    const char *credential = http_credential(req, &is_session);
    const struct auth_entry *e = credential && req->auth ? auth_slot(req->auth, credential) : NULL;
    int kept_now = e && e->credential && e->is_session == is_session &&
                   !strcmp(e->credential, credential) && e->second == rp_db_now(req->db);
    if (!credential || (kept_now && !moving))
        return;
    if (is_session)
        rp_db_session_ahead(req->db, credential);
    else
        rp_db_token_ahead(req->db, credential);
}

enum rp_status http_act_again(struct http_req *req)
{
    int is_session;
    const char *credential = http_credential(req, &is_session);
    const struct auth_entry *e = auth_kept(req, credential, is_session);
    if (!e || e->user != req->user)
        return rp_db_act_as(req->db, req->user);
    rp_db_act_again(req->db, &e->actor);
    return RP_OK;
}

/* Cookies are __Host- and Secure, and answers carry HSTS, when the request came over TLS
 * through the trusted proxy. */
int http_over_tls(const struct http_req *req)
{
    const char *proto = http_header(req, "X-Forwarded-Proto");
    return http_from_trusted_proxy(req) && proto && !strcasecmp(proto, "https");
}

static char *session_set_cookie(const struct http_req *req, const char *token, int max_age)
{
    char *out = malloc(256);
    if (out)
        snprintf(out, 256, "%s%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s",
                 http_over_tls(req) ? "__Host-" : "", SESSION_COOKIE, token, max_age,
                 http_over_tls(req) ? "; Secure" : "");
    return out;
}

static json_t *user_json(struct http_req *req, int64_t id)
{
    struct rp_record u;
    if (rp_get(req->db, RP_USER, id, &u))
        return NULL;
    json_t *j = rp_record_to_json(&u);
    rp_record_release(&u);
    return j;
}

static enum rp_status start_session(struct http_req *req, struct http_res *res, int64_t id)
{
    char *token = NULL, *csrf = NULL;
    enum rp_status rc = rp_session_new(req->db, id, &token, &csrf);
    if (!rc)
        rc = rp_audit(req->db, "login", "user", id, NULL, req->address);
    if (!rc && !(rc = rp_db_commit(req->db))) {
        res->set_cookie = session_set_cookie(req, token, RP_SESSION_SECONDS);
        res->json = json_pack("{s:o*,s:s}", "user", user_json(req, id), "csrf_token", csrf);
    }
    free(token);
    free(csrf);
    return rc;
}

enum rp_status http_login(struct http_req *req, struct http_res *res,
                          const struct http_route *route)
{
    const char *email = json_string_value(json_object_get(req->json, "email"));
    const char *password = json_string_value(json_object_get(req->json, "password"));
    int64_t id;
    /* Sessions, failed logins and audit lines: nothing a kept answer shows (cache.c). */
    req->commits->what = HTTP_CHANGE_NONE;
    if (!email || !password) {
        http_error(res, 400, "bad_request", "send {\"email\": ..., \"password\": ...}",
                   email ? "password" : "email");
        return RP_ERR_USAGE;
    }
    int allowed;
    enum rp_status rc = rp_login_allowed(req->db, req->address, email, &allowed);
    if (rc)
        return http_fail(req, res, rc);
    if (!allowed) {
        http_error(res, 429, "rate_limited", "too many failed logins; wait a few minutes", NULL);
        return RP_ERR_FORBIDDEN;
    }
    if ((rc = rp_db_begin(req->db)))
        return http_fail(req, res, rc);
    if (rp_user_login(req->db, email, password, &id)) {
        rp_db_rollback(req->db);
        if ((rc = rp_db_begin(req->db)) || (rc = rp_login_failed(req->db, req->address, email)) ||
            (rc = rp_audit(req->db, "login failed", NULL, 0, NULL, req->address)) ||
            (rc = rp_db_commit(req->db))) {
            rp_db_rollback(req->db);
            return http_fail(req, res, rc);
        }
        rp_db_fail(req->db, RP_ERR_AUTH, "password", "wrong e-mail or password");
        return http_fail(req, res, RP_ERR_AUTH);
    }
    if ((rc = rp_login_succeeded(req->db, email)) || (rc = start_session(req, res, id))) {
        rp_db_rollback(req->db);
        return http_fail(req, res, rc);
    }
    return RP_OK;
}

enum rp_status http_logout(struct http_req *req, struct http_res *res,
                           const struct http_route *route)
{
    const char *cookie = session_cookie(req);
    /* The session ends: only the answers kept for it go (cache.c). */
    req->commits->what = req->by_session && cookie ? HTTP_CHANGE_CREDENTIAL : HTTP_CHANGE_NONE;
    req->commits->credential = cookie ? http_text_hash(cookie) : 0;
    enum rp_status rc = rp_db_begin(req->db);
    if (!rc && req->by_session && cookie)
        rc = rp_session_end(req->db, cookie);
    if (!rc)
        rc = rp_audit(req->db, "logout", "user", req->user, NULL, req->address);
    if (!rc)
        rc = rp_db_commit(req->db);
    if (rc) {
        rp_db_rollback(req->db);
        return http_fail(req, res, rc);
    }
    res->set_cookie = session_set_cookie(req, "", 0);
    res->json = json_pack("{s:b}", "logged_out", 1);
    return RP_OK;
}

enum rp_status http_me(struct http_req *req, struct http_res *res, const struct http_route *route)
{
    char *secret = NULL, *url = NULL;
    enum rp_status rc = rp_db_begin(req->db);
    if (!rc && !(rc = rp_calendar_secret(req->db, req->user, 0, &secret)))
        rc = rp_db_commit(req->db);
    if (rc)
        rp_db_rollback(req->db);
    if (!rc && !(url = http_calendar_url(req, secret)))
        rc = rp_db_fail(req->db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (!rc)
        res->json = json_pack("{s:o*,s:s}", "user", user_json(req, req->user), "calendar_url", url);
    free(secret);
    free(url);
    return rc ? http_fail(req, res, rc) : RP_OK;
}

/* GET /api/v1/me/tokens[?user_id=N]: the caller's API tokens, or (admins) another's. */
enum rp_status http_tokens(struct http_req *req, struct http_res *res,
                           const struct http_route *route)
{
    int64_t user = req->user;
    json_t *items = NULL;
    enum rp_status rc = http_int_arg(req, "user_id", 1, INT64_MAX, &user);
    if (rc || (rc = rp_user_tokens(req->db, user, &items)))
        return http_fail(req, res, rc);
    res->json = json_pack("{s:o}", "items", items);
    return RP_OK;
}

/* DELETE /api/v1/me/tokens/{id}: revokes one of the caller's tokens (admins: anyone's). */
enum rp_status http_token_revoke(struct http_req *req, struct http_res *res,
                                 const struct http_route *route)
{
    enum rp_status rc = rp_user_token_revoke(req->db, req->ids[0]);
    if (rc)
        return http_fail(req, res, rc);
    res->json = json_pack("{s:I,s:b}", "id", (json_int_t)req->ids[0], "revoked", 1);
    return RP_OK;
}

/* The body's "expires": a day (its start in the server's zone) or an instant; 0 for none. */
static enum rp_status token_expiry(struct http_req *req, int64_t *at)
{
    const json_t *v = json_object_get(req->json, "expires");
    const char *text = json_string_value(v);
    int64_t day;
    *at = 0;
    if (!v || json_is_null(v))
        return RP_OK;
    if (text && !rp_date_parse(text, &day)) {
        *at = rp_local_instant(day, 0, 0);
        return RP_OK;
    }
    if (text && !rp_instant_parse(text, at))
        return RP_OK;
    return rp_db_fail(req->db, RP_ERR_INVALID, "expires",
                      "invalid expires (expected "
                      "YYYY-MM-DD or an RFC 3339 instant)");
}

/* POST /api/v1/me/tokens {"expires"}: a new API token for the caller, shown this once, with
 * its entry of the list (the newest of the caller's). */
enum rp_status http_token_new(struct http_req *req, struct http_res *res,
                              const struct http_route *route)
{
    const char *key;
    json_t *value, *items = NULL, *entry = NULL;
    char *token = NULL;
    int64_t expires = 0;
    enum rp_status rc = RP_OK;
    json_object_foreach(req->json, key, value)
    {
        if (!rc && strcmp(key, "expires"))
            rc = rp_db_fail(req->db, RP_ERR_INVALID, key,
                            "unknown field '%s' (expected "
                            "expires)",
                            key);
    }
    if (!rc && !(rc = token_expiry(req, &expires)) &&
        !(rc = rp_user_token_new(req->db, req->user, expires, &token)))
        rc = rp_user_tokens(req->db, req->user, &items);
    for (size_t i = 0; !rc && i < json_array_size(items); i++) {
        json_t *t = json_array_get(items, i);
        if (!entry || json_integer_value(json_object_get(t, "id")) >
                          json_integer_value(json_object_get(entry, "id")))
            entry = t;
    }
    if (!rc && entry && !json_object_set_new(entry, "token", json_string(token))) {
        res->status = 201;
        res->json = json_incref(entry);
    } else if (!rc) {
        rc = rp_db_fail(req->db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    json_decref(items);
    free(token);
    return rc ? http_fail(req, res, rc) : RP_OK;
}

enum rp_status http_healthz(struct http_req *req, struct http_res *res,
                            const struct http_route *route)
{
    res->json = json_pack("{s:s}", "status", "ok");
    return RP_OK;
}
