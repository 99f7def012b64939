/* Mail goes out in a thread of its own, so that a slow mail server holds up no write. A
 * write route that sends mail (push with "send", an agenda item's send) passes through
 * the writer twice: the first time everything is checked, the message composed and held,
 * and the write undone (writer.c); here the message is sent; on success the request goes
 * back to the writer, which writes it again with the message marked sent and commits.
 * A message the mail server refused is answered 502 with nothing recorded. While a
 * message to some recipients is on its way (sent or being recorded), another to the same
 * recipients is refused (409): the first one's record would make the second a conflict
 * once it was too late, the message already sent. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "base/banned.h"

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct http_queue waiting; /* to be sent */
    struct http_req *flying;   /* from being held to being recorded (or refused) */
    int running;
    pthread_t thread;
} mailer = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};
static atomic_int mailer_stop;

static int give_up(void)
{
    return atomic_load(&mailer_stop);
}

/* Takes REQ out of the messages on their way; the caller holds the lock. */
static void unfly(struct http_req *req)
{
    struct http_req **p = &mailer.flying;
    while (*p && *p != req)
        p = &(*p)->next_flying;
    if (*p)
        *p = req->next_flying;
    req->next_flying = NULL;
}

/* Answers REQ with the error of its message and hands it back to its connection. */
static void refuse(struct http_req *req, unsigned status, const char *code, const char *why)
{
    http_error(&req->wres, status, code, why, NULL);
    rp_mail_free(req->mail);
    req->mail = NULL;
    req->write_state = HTTP_WRITE_DONE;
    MHD_resume_connection(req->conn);
}

static void *mailer_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mailer.lock);
    for (;;) {
        while (!mailer.waiting.head && !atomic_load(&mailer_stop))
            pthread_cond_wait(&mailer.wake, &mailer.lock);
        struct http_req *req = http_queue_pop(&mailer.waiting);
        if (!req)
            break;
        pthread_mutex_unlock(&mailer.lock);
        int failed = rp_mail_deliver(req->mail, give_up);
        pthread_mutex_lock(&mailer.lock);
        if (failed) {
            unfly(req);
            refuse(req, 502, "bad_gateway", rp_mail_error(req->mail));
            continue;
        }
        rp_mail_free(req->mail);
        req->mail = NULL;
        req->mail_sent = 1;
        http_writer_requeue(req);
    }
    pthread_mutex_unlock(&mailer.lock);
    return NULL;
}

int http_mailer_start(void)
{
    atomic_store(&mailer_stop, 0);
    if (pthread_create(&mailer.thread, NULL, mailer_main, NULL))
        return -1;
    mailer.running = 1;
    return 0;
}

void http_mailer_stop(void)
{
    if (!mailer.running)
        return;
    pthread_mutex_lock(&mailer.lock);
    atomic_store(&mailer_stop, 1);
    pthread_cond_signal(&mailer.wake);
    pthread_mutex_unlock(&mailer.lock);
    pthread_join(mailer.thread, NULL);
    mailer.running = 0;
    pthread_mutex_lock(&mailer.lock);
    for (struct http_req *req; (req = http_queue_pop(&mailer.waiting));) {
        unfly(req);
        refuse(req, 503, "unavailable", "the server is stopping; nothing was sent");
    }
    pthread_mutex_unlock(&mailer.lock);
}

void http_mailer_submit(struct http_req *req)
{
    const char *to = rp_mail_recipients(req->mail);
    char why[600];
    pthread_mutex_lock(&mailer.lock);
    struct http_req *other = mailer.flying;
    while (other && strcmp(other->mail_to, to))
        other = other->next_flying;
    if (other || atomic_load(&mailer_stop) || !(req->mail_to = strdup(to))) {
        if (other) {
            snprintf(why, sizeof(why),
                     "a message to %s is being sent already; see whether it "
                     "was recorded before sending another",
                     to);
            refuse(req, 409, "conflict", why);
        } else {
            refuse(req, 503, "unavailable", "the server is stopping; nothing was sent");
        }
    } else {
        req->next_flying = mailer.flying;
        mailer.flying = req;
        http_queue_push(&mailer.waiting, req);
        pthread_cond_signal(&mailer.wake);
    }
    pthread_mutex_unlock(&mailer.lock);
}

void http_mailer_recorded(struct http_req *req)
{
    pthread_mutex_lock(&mailer.lock);
    unfly(req);
    pthread_mutex_unlock(&mailer.lock);
}
