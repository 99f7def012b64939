/* rapport serve: the HTTP JSON API on libmicrohttpd. server.c runs the daemon and the
 * request lifecycle, routes.c is the route table, auth.c logins, sessions and CSRF, and
 * the handlers live in one file per family. */
#ifndef RP_HTTP_H
#define RP_HTTP_H

#include <jansson.h>
#include <microhttpd.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "rapport/rapport.h"

#define HTTP_BODY_MAX ((size_t)1 << 20)
/* The body of a route open to anyone (the login): a password of 1,024 bytes, escaped. */
#define HTTP_PUBLIC_BODY_MAX ((size_t)8 << 10)
/* What all bodies being received may hold at once (two imports); past it, 503. */
#define HTTP_BODIES_MAX ((size_t)128 << 20)
/* A request's headers must be in this many seconds after its connection opened or its
 * previous request ended, however they trickle. */
#define HTTP_HEADER_SECONDS 10
/* A body must then come at this many bytes a second on average (the headers' 10 s
 * besides): a 1 MiB body within 26 s, an import of 64 MiB within 17 minutes. */
#define HTTP_BODY_MIN_RATE ((size_t)64 << 10)
/* The bodies one user may be receiving at once, and the memory their bodies may hold: an
 * import and a few others, so that one login cannot take all of HTTP_BODIES_MAX. */
#define HTTP_USER_BODIES 16u
#define HTTP_USER_BODY_BYTES (HTTP_UPLOAD_MAX + 4 * HTTP_BODY_MAX)
/* Open connections: in all, and from one client address (a tenth, so that one address
 * trickling requests leaves room for the others). */
#define HTTP_CONNECTIONS_MAX 1000u
#define HTTP_CONNECTIONS_PER_ADDRESS 100u
/* The body of an import (HTTP_UPLOAD): a file of a quarter of a million contacts. */
#define HTTP_UPLOAD_MAX ((size_t)64 << 20)
#define HTTP_MAX_PARAMS 2
#define HTTP_CACHE_MIB_MAX 4096
/* The most a request may hold a worker (ms): under the 10 s drain on SIGTERM. */
#define HTTP_BUDGET_MS_MAX 8000
/* Where the calendar feeds live: HTTP_CAL_PREFIX "<secret>.ics". */
#define HTTP_CAL_PREFIX RP_CAL_PATH

struct http_server_options {
    const char *db_path;
    const char *listen;        /* "127.0.0.1:8080" */
    int64_t now;               /* a fixed clock (--now), 0 for the real one */
    unsigned threads;          /* 0: one per core */
    size_t cache_bytes;        /* for answers kept for reuse, shared by the threads; 0: none */
    int64_t budget_ms;         /* the longest one request's statements may run */
    const char *trusted_proxy; /* whose X-Forwarded-* headers count; NULL: nobody's */
};

/* Runs the server until SIGINT or SIGTERM, then lets requests in flight finish. */
int rp_http_serve(const struct http_server_options *o);

/* What a handler answers: a status and a JSON body (owned), or raw text of a type. */
struct http_res {
    unsigned status;
    json_t *json;
    char *text;
    size_t text_len; /* of text, when known (http_json_end); 0: counted when sent */
    const char *content_type;
    char *set_cookie;     /* owned */
    const char *filename; /* offered for saving (Content-Disposition), or NULL */
    /* An answer kept from before (X-Rapport-Cache: hit): its bytes, one reference to
     * them held for this answer (http_kept_release). */
    struct http_kept *kept;
};

struct http_route;
struct http_upload;

/* Where a write stands (writer.c). */
enum { HTTP_WRITE_NONE, HTTP_WRITE_QUEUED, HTTP_WRITE_DONE };

/* One request while it is handled. */
struct http_req {
    struct MHD_Connection *conn;
    const char *method, *url;
    const struct http_route *route; /* found from the headers */
    struct rp_buf body;
    struct http_upload *upload; /* an HTTP_UPLOAD route's body, spooled (transfer.c) */
    size_t reserved;            /* of the bodies' memory (guard.c), for this one */
    int too_large;
    /* A read that came without a body: its caller is checked with the answer, in the
     * answer's read transaction, not once more at admission (server.c admit). */
    int auth_later;
    int answered; /* an answer is queued: what else comes is dropped */
    json_t *json; /* the parsed body of a request that has one */
    struct rp_db *db;
    int64_t user;                 /* the logged-in user, 0 when none */
    int by_session;               /* authenticated by the session cookie (so CSRF applies) */
    char *session_csrf;           /* the session's CSRF token (owned) */
    int64_t ids[HTTP_MAX_PARAMS]; /* {id} segments of the route, in order */
    const char *word;             /* a {name} segment of the route (borrowed from url) */
    char *cache_key;              /* what the answer is kept under, when it may be (owned) */
    struct http_auth_cache *auth; /* the worker's credentials found good (borrowed) */
    struct rp_actor asker;        /* who the answer of a read was made for, who wrote a write */
    struct http_commits *commits; /* what the commits of the request's connection change */
    int64_t version[2];           /* where the database stood at this step (http_version) */
    int versioned;
    char address[64]; /* the client's: the peer's, or what the trusted proxy says */
    char peer[64];    /* the address the connection comes from */
    /* A write handed to the writer thread (with its route, above): its answer once
     * written, whether a record out of the user's scope was asked for, and the queue's
     * link. */
    int write_state;
    struct http_res wres;
    int hidden;
    struct http_req *next_write;
    /* A write that sends mail (mailer.c): the message held by its first pass through the
     * writer, whom it goes to, whether it went out (so the next pass records it), and the
     * link of the messages on their way. */
    struct rp_mail *mail;
    char *mail_to;
    int mail_sent;
    struct http_req *next_flying;
};

/* Sets RES to the JSON error for RC from the handle's message. Returns RC. */
enum rp_status http_fail(struct http_req *req, struct http_res *res, enum rp_status rc);
/* Sets RES to an error of an HTTP status that has no rp_status (413, 415, 429, ...). */
void http_error(struct http_res *res, unsigned status, const char *code, const char *message,
                const char *field);
/* An answer written as JSON text (base/json_out.h) rather than built as a tree: begin
 * makes OUT empty; end hands OUT over to RES as its body when RC is RP_OK, and otherwise
 * releases it and sets RES to the error of RC. Returns RC. */
void http_json_begin(struct rp_buf *out);
enum rp_status http_json_end(struct http_req *req, struct http_res *res, struct rp_buf *out,
                             enum rp_status rc);
/* A query-string argument, or NULL. */
const char *http_arg(const struct http_req *req, const char *name);
/* Query-string argument NAME as a whole number from MIN to MAX into *OUT (left as it was
 * when absent); RP_ERR_INVALID naming it otherwise. */
enum rp_status http_int_arg(struct http_req *req, const char *name, int64_t min, int64_t max,
                            int64_t *out);
/* Whether the request came from the proxy named by serve --trust-proxy. */
int http_from_trusted_proxy(const struct http_req *req);
/* A request header, or NULL. */
const char *http_header(const struct http_req *req, const char *name);
/* Where the database stands (rp_db_version), asked once per step of the request (its
 * admission, its answer) however many parts want it; NULL when it cannot be asked. */
const int64_t *http_version(struct http_req *req);

struct http_route {
    const char *method;
    const char *pattern; /* "/api/v1/deals/{id}/push"; {id} a positive integer, {name} a word */
    enum rp_status (*handler)(struct http_req *req, struct http_res *res,
                              const struct http_route *route);
    unsigned flags;
    int kind;         /* the record kind of collection routes, else -1 */
    const char *verb; /* what an action route does */
};

enum {
    HTTP_PUBLIC = 1,  /* no login needed */
    HTTP_WRITES = 2,  /* runs in one write transaction */
    HTTP_BODY = 4,    /* takes a JSON body */
    HTTP_KEEP = 8,    /* a read whose answers may be kept and reused (cache.c) */
    HTTP_UPLOAD = 16, /* takes a file as its body (up to HTTP_UPLOAD_MAX, spooled), not JSON */
    HTTP_RECORD = 32, /* reads record {id} of its kind: sent with the version (http_read_ahead) */
};

extern const struct http_route http_routes[];
/* Member NAME of the JSON body: a string into *OUT (borrowed from the body), NULL when absent
 * or null; RP_ERR_INVALID naming it otherwise. */
enum rp_status http_text_member(struct http_req *req, const char *name, const char **out);
/* The same for a date YYYY-MM-DD into *DAYS, left as it was when absent. */
enum rp_status http_date_member(struct http_req *req, const char *name, int64_t *days);
/* The route's {name} segment (up to the next '/'), cut to fit SIZE, into OUT. */
void http_word(const struct http_req *req, char *out, size_t size);
/* The route for METHOD and URL: 0 and *route, or 404 / 405 when none matches. */
unsigned http_route_find(struct http_req *req, const struct http_route **route);

/* auth.c */
/* Finds the user of the request (session cookie or bearer token), checks CSRF for unsafe
 * methods of cookie sessions; RP_ERR_AUTH or RP_ERR_FORBIDDEN on failure. Acts as the
 * user, except for a route that writes: the writer does, in its transaction. */
enum rp_status http_authenticate(struct http_req *req, struct http_res *res);
/* Sends http_authenticate's read of the request's API token or session with the database's
 * next statement (rp_db_token_ahead, rp_db_session_ahead): a read's version and its
 * caller's check go out in one round trip. Unless MOVING (the version moved at the
 * worker's last read), not when the worker kept the credential's check in this second:
 * the version alone may then do. */
void http_auth_ahead(struct http_req *req, int moving);
/* Acts as req->user again, for the answer after the admission: without reading the user
 * when the credential's check still holds (see http_auth_cache). */
enum rp_status http_act_again(struct http_req *req);
/* Each worker thread's credentials found good, reused while the database is unchanged
 * and within the second they were checked in (auth.c). */
struct http_auth_cache;
struct http_auth_cache *http_auth_cache_new(void);
void http_auth_cache_free(struct http_auth_cache *c);
/* The credential the request carries, the one http_authenticate checks: an API token
 * (*is_session 0) or a session cookie (1); NULL when none. Borrowed from the request. */
const char *http_credential(const struct http_req *req, int *is_session);
/* Whether the request came over TLS: through the trusted proxy (serve --trust-proxy),
 * which says so in X-Forwarded-Proto; the header from anyone else counts for nothing. */
int http_over_tls(const struct http_req *req);
/* "http://ADDRESS:PORT" where the server listens (static storage). */
const char *http_listen_url(void);

/* The handler families. */
enum rp_status http_list(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_create(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_read(struct http_req *, struct http_res *, const struct http_route *);
/* Sends http_read's read of its record with the database's version, in its round trip:
 * before the caller is checked, only read, not answered (HTTP_RECORD). */
void http_read_ahead(struct http_req *req, const struct http_route *route);
enum rp_status http_patch(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_delete(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_action(struct http_req *, struct http_res *, const struct http_route *);
/* merge.c: POST /accounts/{id}/merge, /contacts/{id}/merge. */
enum rp_status http_merge(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_agenda(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_report(struct http_req *, struct http_res *, const struct http_route *);
/* agenda_act.c: POST /agenda/{item}/done|snooze|send, GET /snoozes. */
enum rp_status http_item_done(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_item_snooze(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_item_send(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_snoozes(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_recall(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_search(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_audit(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_templates(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_template_get(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_template_put(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_template_reset(struct http_req *, struct http_res *, const struct http_route *);
/* settings.c: GET and PUT /settings, the team's settings. */
enum rp_status http_settings(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_settings_put(struct http_req *, struct http_res *, const struct http_route *);
/* GET /accounts/{id}/overview and /deals/{id}/overview: as `account show` / `deal show --json`. */
enum rp_status http_account_overview(struct http_req *, struct http_res *,
                                     const struct http_route *);
enum rp_status http_deal_overview(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_healthz(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_login(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_logout(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_me(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_tokens(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_token_revoke(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_token_new(struct http_req *, struct http_res *, const struct http_route *);

/* guard.c: limits on what clients that do not finish their requests can hold. */
/* libmicrohttpd's MHD_OPTION_NOTIFY_CONNECTION: follows each connection from open to close. */
void http_guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                       enum MHD_ConnectionNotificationCode code);
/* A request on CONN has its headers in (STARTED 1), or was answered (0): the next one's
 * headers are awaited from then on. */
void http_guard_request(struct MHD_Connection *conn, int started);
/* Shuts down every connection whose request's headers missed HTTP_HEADER_SECONDS. */
void http_guard_sweep(void);
/* A body of USER's (0 for none) on CONN may come: RESERVE bytes of the memory bodies may
 * hold, in all (HTTP_BODIES_MAX) and of one user (HTTP_USER_BODY_BYTES, with at most
 * HTTP_USER_BODIES being received), and AWAITED bytes to be in by its deadline (the
 * headers' time and a second for each HTTP_BODY_MIN_RATE bytes). 0 when it may, else the
 * status of the refusal: 503 when all bodies' memory is taken, 429 when the user's is. */
unsigned http_guard_body_begin(struct MHD_Connection *conn, int64_t user, size_t reserve,
                               size_t awaited);
/* The body on CONN is in: no deadline from now on. */
void http_guard_body_end(struct MHD_Connection *conn);
/* The request on CONN is over: what it reserved (BYTES) is free again. */
void http_guard_body_release(struct MHD_Connection *conn, size_t bytes);

/* denials.c */
/* Queues the audit line of a denial in RES (401, 403, a 404 for a record out of the
 * caller's scope: HIDDEN); anonymous ones sparingly (one line per address a minute). */
void http_denial_log(struct http_req *req, const struct http_res *res, int hidden);
/* Writes the queued lines in one transaction through DB, the writer's connection (see
 * http_writer_denials, which publishes that commit as one that changes no kept answer). */
void http_denials_flush(struct rp_db *db);

/* cache.c: a server's answers to reads, reused while the database is unchanged. */
struct http_cache;
/* What one worker thread's connection showed of the database when it last looked. */
struct http_cache_view {
    int64_t version[2]; /* rp_db_version */
    int64_t commits;    /* the count of commits then; -1: unknown */
    int64_t after;      /* what http_cache_ahead asked for, when ASKED */
    int asked;
};
/* A cache of up to BUDGET bytes of answers, for all worker threads; NULL (no caching) when
 * BUDGET is 0. */
struct http_cache *http_cache_new(size_t budget);
void http_cache_free(struct http_cache *c);
/* A kept answer's bytes, shared by the cache and the answers being sent from it. */
struct http_kept;
/* The response of K's bytes; it takes the reference RES held (http_kept_release is its
 * free callback); NULL when out of memory, the reference still held. */
struct MHD_Response *http_kept_response(struct http_kept *k);
/* Lets go of one reference to K; the last frees it. */
void http_kept_release(void *k);
/* Answers RES with the kept answer to REQ (res->kept), if one was made for the same
 * credential, day, route and query string, and nothing it shows may have changed since
 * (nor more than a few seconds passed); else 0, with req->cache_key set for
 * http_cache_keep. V is the asking worker's, REQ's connection its. Called after
 * authentication (so a credential revoked, a user disabled or a session ended gets no
 * kept answer). */
int http_cache_find(struct http_cache *c, struct http_cache_view *v, struct http_req *req,
                    struct http_res *res);
/* Sends the reads http_cache_find makes when the database has moved ahead, with DB's next
 * statement (rp_db_changes_ahead); nothing without a cache. */
void http_cache_ahead(struct http_cache *c, struct http_cache_view *v, struct rp_db *db);
/* Keeps a copy of TEXT (BYTES), the answer RES gave to REQ (made for req->asker) through
 * V's connection; 0 when it was not kept. */
int http_cache_keep(struct http_cache *c, const struct http_cache_view *v, struct http_req *req,
                    const char *text, size_t bytes, const struct http_res *res);

/* What a commit of a server's connection changes, as the answer cache sees it: anything;
 * nothing an answer shows (a login, the audit lines of denials, a kept agenda); what
 * certain users may change (struct http_commits' by); or only the answers asked with one
 * credential (a logout: that session's). Kept in the database with the commit
 * (rp_changes): the numbers stay. */
enum http_change {
    HTTP_CHANGE_ALL = 0,
    HTTP_CHANGE_NONE = 1,
    HTTP_CHANGE_BY = 2,
    HTTP_CHANGE_CREDENTIAL = 3
};

/* The most users one commit's changes are noted for (the writer's group, writer.c); a
 * commit of more may have changed anything. Each is a row written with the commit. */
#define HTTP_COMMITS_BY_MAX 16

/* What the commits of one connection of the server change (the writer's, each worker's),
 * published in each commit's transaction for every server's caches (cache.c). Owned by
 * the thread that uses the connection. */
struct http_commits {
    struct rp_db *db;
    /* Changes noted for the open transaction (http_commits_note), published for its
     * commit and then forgotten: anything (ALL), or what the users BY may change. */
    int all;
    size_t n;
    struct rp_actor by[HTTP_COMMITS_BY_MAX];
    /* What a commit changes when nothing was noted for it (HTTP_CHANGE_ALL unless the
     * caller knows better), and for HTTP_CHANGE_CREDENTIAL the credential's hash. */
    enum http_change what;
    uint64_t credential;
};
/* Publishes every commit through DB that changes anything as W says (rp_db_watch_commits);
 * W must outlive DB's use, and starts with HTTP_CHANGE_ALL and nothing noted. */
void http_commits_watch(struct http_commits *w, struct rp_db *db);
/* Notes a change of the open transaction: what BY may change, or (BY NULL) anything. */
void http_commits_note(struct http_commits *w, const struct rp_actor *by);
/* Forgets what was noted (a transaction that will not be committed). */
void http_commits_forget(struct http_commits *w);
/* FNV-1a of TEXT: how kept answers and changes name a credential (http_credential's
 * text), and how a kept answer's key picks its set. */
uint64_t http_text_hash(const char *text);

/* A first-in first-out list of requests through req->next_write (the writer's and the
 * mail thread's queues); the caller holds the queue's lock. pop answers NULL when empty. */
struct http_queue {
    struct http_req *head, *tail;
};
void http_queue_push(struct http_queue *q, struct http_req *req);
struct http_req *http_queue_pop(struct http_queue *q);

/* writer.c: the one connection that writes for the write routes, committing the requests
 * queued together (group commit). start opens it (-1 when it cannot); stop finishes what
 * is queued and closes it. submit suspends REQ's connection and queues REQ (req->route and
 * req->user set); when its write is durable, or failed, req->wres holds the answer,
 * req->write_state is HTTP_WRITE_DONE and the connection is resumed. */
int http_writer_start(const char *db_path, int64_t now, int64_t budget_ms);
void http_writer_stop(void);
void http_writer_submit(struct http_req *req);
/* Hands K (owned) to the writer to keep, between its groups of requests; it is dropped
 * when the writer does not run or has many waiting. */
void http_writer_keep(struct rp_agenda_kept *k);
void http_writer_keep_page(struct rp_page_kept *k);
/* Queues REQ, still suspended, for its second pass once its message went out (mailer.c). */
void http_writer_requeue(struct http_req *req);
/* Has the writer write the queued audit lines of denials (http_denials_flush) on its own
 * connection, in one commit that drops no kept answer; with WAIT, returns once they are
 * written (or the writer stopped). */
void http_writer_denials(int wait);

/* mailer.c: the thread that talks to the mail server for the write routes. submit takes
 * over REQ, whose first pass through the writer held a message (req->mail): it is sent,
 * and REQ requeued to the writer, or answered (502 when the mail server refused it, 409
 * when a message to the same recipients is on its way) and resumed. recorded says that
 * the writer's second pass is over. stop gives up on the messages not yet sent (503). */
int http_mailer_start(void);
void http_mailer_stop(void);
void http_mailer_submit(struct http_req *req);
void http_mailer_recorded(struct http_req *req);

/* assets.c: the web app. Whether URL is outside /api/ (a path of the app or one of its
 * files), and the answer to a GET or HEAD of it. */
int http_is_asset_path(const char *url);
enum MHD_Result http_asset_send(struct http_req *req);

/* calendar.c */
/* The absolute URL of the calendar feed of SECRET, as the client reached this server
 * (owned, free()); NULL when out of memory. */
char *http_calendar_url(const struct http_req *req, const char *secret);
/* The calendar of the acting user as iCalendar text (owned, free()): planned meetings and
 * the agreed days of open agreements. The feed below and `rapport export ics` (through
 * rapport-server --ics) write it. */
enum rp_status http_ical_build(struct rp_db *db, char **out);
/* GET /api/v1/cal/{secret}.ics (public) and POST /api/v1/me/calendar (a new secret). */
enum rp_status http_calendar(struct http_req *, struct http_res *, const struct http_route *);
enum rp_status http_calendar_rotate(struct http_req *, struct http_res *,
                                    const struct http_route *);

/* transfer.c: POST /api/v1/imports (a CSV or vCard body, or a multipart form's file; in
 * its own transaction) and GET /api/v1/exports/{name}. */
enum rp_status http_import(struct http_req *, struct http_res *, const struct http_route *);
/* The next SIZE bytes of an upload's body as they arrive: kept on disk (the file of a
 * multipart form taken out of it as it comes), not in memory. 1 when the body is larger
 * than HTTP_UPLOAD_MAX. */
int http_upload_data(struct http_req *req, const char *data, size_t size);
void http_upload_free(struct http_upload *u);
enum rp_status http_export(struct http_req *, struct http_res *, const struct http_route *);

/* openapi.c: GET /api/v1/openapi.json, made from http_routes and the field tables. */
enum rp_status http_openapi(struct http_req *, struct http_res *, const struct http_route *);

#endif
