/* Guards against clients that hold the server's resources without finishing a request: a
 * deadline for each request's headers and one for its body, a cap on the memory that
 * bodies being received hold in all, and a smaller one for the bodies of one user.
 * libmicrohttpd's own connection timeout restarts with every byte, so a client that
 * trickles a request a byte at a time would keep its connection forever; here the clock
 * starts when the connection opens (or its previous request ends, or its headers came
 * in) and is not pushed back by anything the client sends. */
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "http/http.h"
#include "base/banned.h"

/* One open connection, from libmicrohttpd's "started" notice to its "closed" one. */
struct guard_conn {
    struct guard_conn *prev, *next;
    MHD_socket fd;
    time_t since;    /* when its next request's headers began to be awaited */
    int in_request;  /* headers in, the answer not yet sent */
    int cut;         /* shut down for missing the deadline */
    time_t body_due; /* when the body being received must be in; 0 when none is */
    int64_t user;    /* whose body it holds, 0 when none */
    size_t body;     /* the bytes reserved for it */
};

static pthread_mutex_t guard_lock = PTHREAD_MUTEX_INITIALIZER;
static struct guard_conn *conns;
static size_t body_bytes;

static time_t guard_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

void http_guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                       enum MHD_ConnectionNotificationCode code)
{
    (void)cls;
    struct guard_conn *c = *socket_context;
    pthread_mutex_lock(&guard_lock);
    if (code == MHD_CONNECTION_NOTIFY_STARTED && (c = calloc(1, sizeof(*c)))) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        c->fd = ci ? ci->connect_fd : MHD_INVALID_SOCKET;
        c->since = guard_now();
        c->next = conns;
        if (conns)
            conns->prev = c;
        conns = c;
        *socket_context = c;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && c) {
        /* Called before libmicrohttpd closes the socket: once unlinked here, the sweep
         * cannot shut down a descriptor that has been reused. */
        if (c->prev)
            c->prev->next = c->next;
        else
            conns = c->next;
        if (c->next)
            c->next->prev = c->prev;
        free(c);
        *socket_context = NULL;
    }
    pthread_mutex_unlock(&guard_lock);
}

static struct guard_conn *guard_of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

void http_guard_request(struct MHD_Connection *conn, int started)
{
    pthread_mutex_lock(&guard_lock);
    struct guard_conn *c = guard_of(conn);
    if (c) {
        c->in_request = started;
        if (!started)
            c->since = guard_now();
    }
    pthread_mutex_unlock(&guard_lock);
}

/* Whether connection C has missed its deadline at NOW: its headers' or its body's. */
static int guard_late(const struct guard_conn *c, time_t now)
{
    if (c->in_request)
        return c->body_due && now >= c->body_due;
    return now - c->since >= HTTP_HEADER_SECONDS;
}

void http_guard_sweep(void)
{
    time_t now = guard_now();
    pthread_mutex_lock(&guard_lock);
    for (struct guard_conn *c = conns; c; c = c->next) {
        if (c->cut || c->fd == MHD_INVALID_SOCKET || !guard_late(c, now))
            continue;
        /* The server's event loop sees the socket end and closes the connection in its
         * own thread; the descriptor stays valid until then. */
        shutdown(c->fd, SHUT_RDWR);
        c->cut = 1;
    }
    pthread_mutex_unlock(&guard_lock);
}

unsigned http_guard_body_begin(struct MHD_Connection *conn, int64_t user, size_t reserve,
                               size_t awaited)
{
    size_t mine = 0, count = 0;
    unsigned status = 0;
    pthread_mutex_lock(&guard_lock);
    struct guard_conn *c = guard_of(conn);
    for (struct guard_conn *o = conns; user && o; o = o->next)
        if (o->user == user) {
            mine += o->body;
            count += o->body_due != 0;
        }
    if (user && (count >= HTTP_USER_BODIES || reserve > HTTP_USER_BODY_BYTES - mine))
        status = 429;
    else if (reserve > HTTP_BODIES_MAX - body_bytes)
        status = 503;
    if (!status) {
        body_bytes += reserve;
        if (c) {
            c->user = user;
            c->body = reserve;
            c->body_due =
                guard_now() + HTTP_HEADER_SECONDS + (time_t)(awaited / HTTP_BODY_MIN_RATE);
        }
    }
    pthread_mutex_unlock(&guard_lock);
    return status;
}

void http_guard_body_end(struct MHD_Connection *conn)
{
    pthread_mutex_lock(&guard_lock);
    struct guard_conn *c = guard_of(conn);
    if (c)
        c->body_due = 0;
    pthread_mutex_unlock(&guard_lock);
}

void http_guard_body_release(struct MHD_Connection *conn, size_t bytes)
{
    pthread_mutex_lock(&guard_lock);
    struct guard_conn *c = guard_of(conn);
    if (c) {
        c->body_due = 0;
        c->user = 0;
        c->body = 0;
    }
    body_bytes -= bytes;
    pthread_mutex_unlock(&guard_lock);
}
