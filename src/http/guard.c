/* Guards against clients that hold the server's resources without finishing a request: a
 * deadline for each request's headers, and a cap on the memory that bodies being received
 * hold in all. libmicrohttpd's own connection timeout restarts with every byte, so a
 * client that trickles its headers a byte at a time would keep its connection forever;
 * here the clock starts when the connection opens (or its previous request ends) and
 * is not pushed back by anything the client sends. */
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
    time_t since;   /* when its next request's headers began to be awaited */
    int in_request; /* headers in, the answer not yet sent */
    int cut;        /* shut down for missing the deadline */
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

void http_guard_sweep(void)
{
    time_t now = guard_now();
    pthread_mutex_lock(&guard_lock);
    for (struct guard_conn *c = conns; c; c = c->next) {
        if (c->in_request || c->cut || now - c->since < HTTP_HEADER_SECONDS ||
            c->fd == MHD_INVALID_SOCKET)
            continue;
        /* The server's event loop sees the socket end and closes the connection in its
         * own thread; the descriptor stays valid until then. */
        shutdown(c->fd, SHUT_RDWR);
        c->cut = 1;
    }
    pthread_mutex_unlock(&guard_lock);
}

int http_guard_body_reserve(size_t bytes)
{
    int ok;
    pthread_mutex_lock(&guard_lock);
    ok = bytes <= HTTP_BODIES_MAX - body_bytes;
    if (ok)
        body_bytes += bytes;
    pthread_mutex_unlock(&guard_lock);
    return ok;
}

void http_guard_body_release(size_t bytes)
{
    pthread_mutex_lock(&guard_lock);
    body_bytes -= bytes;
    pthread_mutex_unlock(&guard_lock);
}
