/* Group commit: every write route of the server runs on one connection of its own, in a
 * thread of its own. A worker thread that receives a write suspends the connection and
 * queues the request; the writer takes every request queued by then, runs each as a part
 * of one transaction (a failing one is undone alone), commits them all with one sync to
 * disk, and only then resumes their connections, whose answers go out. So nothing is
 * acknowledged before it is durable, writers never wait on each other's locks, and under
 * load one sync serves many requests. A write that sends mail is undone once its message
 * is composed, and comes back to be written for good once the message went out
 * (mailer.c): the writer never waits on a mail server. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "http/http.h"
#include "base/banned.h"

/* The most requests one commit takes: a bound on how long the first of them waits. */
#define GROUP_MAX 64
/* The most answers (agendas, pages) waiting to be kept: more are made afresh again rather
 * than queued. */
#define KEEP_MAX 16

/* An answer to keep: an agenda or a page. */
struct writer_kept {
    struct rp_agenda_kept *agenda;
    struct rp_page_kept *page;
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct http_queue queue;
    int stop, running;
    pthread_t thread;
    struct rp_db *db;
    int64_t budget_ms;
    struct http_commits commits; /* what its commits change, published (cache.c) */
    /* Writes of the denials' audit lines asked for and made (http_writer_denials). */
    uint64_t denials_asked, denials_done;
    pthread_cond_t denials_wake;
    struct writer_kept keep[KEEP_MAX]; /* answers to keep (http_writer_keep) */
    size_t nkeep;
    int lazy; /* commits do not wait for the disk: see keep_answers */
} writer = {.lock = PTHREAD_MUTEX_INITIALIZER,
            .wake = PTHREAD_COND_INITIALIZER,
            .denials_wake = PTHREAD_COND_INITIALIZER};

/* Notes the change a kept write makes, published with the group's commit: what its user
 * may change, or anything for the team's settings and templates. */
static void writer_note(const struct http_req *req)
{
    const char *verb = req->route->verb;
    int team_wide =
        req->route->kind < 0 && verb && (!strcmp(verb, "settings") || !strcmp(verb, "template"));
    http_commits_note(&writer.commits, team_wide ? NULL : &req->asker);
}

/* Runs WRITE on the writer's connection as a commit that changes no kept answer. */
static void writer_quietly(void (*write)(void *arg), void *arg)
{
    http_commits_forget(&writer.commits);
    writer.commits.what = HTTP_CHANGE_NONE;
    write(arg);
    writer.commits.what = HTTP_CHANGE_ALL;
}

/* Runs one request's write as a part of the open transaction, with its audit line;
 * whether it is to be committed. */
static int write_part(struct http_req *req)
{
    const struct http_route *route = req->route;
    struct http_res *res = &req->wres;
    struct rp_db *db = writer.db;
    enum rp_status rc;
    req->db = db;
    rp_db_set_deadline(db, writer.budget_ms);
    rp_db_mail_mode(db, req->mail_sent ? RP_MAIL_SENT : RP_MAIL_HOLD);
    if ((rc = rp_db_act_as(db, req->user)) || (rc = rp_db_part_begin(db))) {
        http_fail(req, res, rc);
        return 0;
    }
    rp_db_acting(db, &req->asker);
    rc = route->handler(req, res, route);
    if (!rc && res->status < 300 && !req->mail_sent && (req->mail = rp_mail_take(db))) {
        /* Checked and composed: undone until the message has gone out. */
        json_decref(res->json);
        *res = (struct http_res){0};
        rp_db_part_undo(db);
        return 0;
    }
    if (!rc && res->status < 300) {
        const char *entity =
            route->kind >= 0 ? rp_kind_get((enum rp_kind_id)route->kind)->name : NULL;
        char what[160];
        snprintf(what, sizeof(what), "%s %s", req->method, route->pattern);
        rc = rp_audit(db, what, entity, req->ids[0], route->verb, req->address);
        if (!rc)
            rc = rp_db_part_end(db);
        if (rc)
            http_fail(req, res, rc);
    }
    req->hidden = rp_db_was_hidden(db);
    if (rc || res->status >= 300) {
        if (req->mail_sent)
            http_fail(req, res, rp_mail_unrecorded(db));
        rp_db_part_undo(db);
        return 0;
    }
    return 1;
}

/* Makes the writer's commits wait for the disk again, if keep_answers could not: nothing
 * is acknowledged that did not reach it. */
static enum rp_status writer_durable(void)
{
    if (writer.lazy && !rp_db_set_durable(writer.db, 1))
        writer.lazy = 0;
    return writer.lazy ? rp_db_fail(writer.db, RP_ERR_INTERNAL, NULL,
                                    "commits cannot be made to wait for the disk")
                       : RP_OK;
}

/* Writes and commits the group GROUP[0..N); every request has its answer after. */
static void write_group(struct http_req **group, size_t n)
{
    int keep[GROUP_MAX], kept = 0;
    enum rp_status rc = writer_durable();
    if (!rc)
        rc = rp_db_begin(writer.db);
    http_commits_forget(&writer.commits);
    for (size_t i = 0; i < n; i++) {
        group[i]->db = writer.db;
        keep[i] = !rc && write_part(group[i]);
        if (rc)
            http_fail(group[i], &group[i]->wres, rc);
        if (keep[i])
            writer_note(group[i]);
        kept |= keep[i];
    }
    rp_db_set_deadline(writer.db, 0);
    rp_db_act_as(writer.db, 0);
    rp_db_mail_mode(writer.db, RP_MAIL_NOW);
    if (rc)
        return;
    /* Requests that failed were undone: the commit is for those that did not, and when
     * none is left there is nothing to commit. */
    if (!kept) {
        rp_db_rollback(writer.db);
        return;
    }
    rc = rp_db_commit(writer.db);
    if (rc) {
        char why[512];
        snprintf(why, sizeof(why), "%s", rp_db_errmsg(writer.db));
        for (size_t i = 0; i < n; i++) {
            rp_db_fail(writer.db, rc, NULL, "%s", why);
            if (keep[i])
                http_fail(group[i], &group[i]->wres,
                          group[i]->mail_sent ? rp_mail_unrecorded(writer.db) : rc);
        }
        rp_db_rollback(writer.db);
    }
}

static void denials_flush(void *arg)
{
    (void)arg;
    http_denials_flush(writer.db);
}

/* Writes the denials' audit lines queued by now, for those who asked; called with the
 * writer's lock held, which it lets go meanwhile. */
static void writer_denials(void)
{
    uint64_t asked = writer.denials_asked;
    pthread_mutex_unlock(&writer.lock);
    if (!writer_durable())
        writer_quietly(denials_flush, NULL);
    pthread_mutex_lock(&writer.lock);
    writer.denials_done = asked;
    pthread_cond_broadcast(&writer.denials_wake);
}

/* Keeps the answers KEEP[0..N) in one commit of their own, and frees them. A kept answer
 * changes no answer: the commit is not counted (rp_db_commit_kept), and no server drops
 * anything for it. Nothing waits for it, and a power cut may take it without harm (the
 * answer is made afresh again): it does not wait for the disk, which would hold the next
 * writes back. */
static void keep_answers(struct writer_kept *keep, size_t n)
{
    enum rp_status rc = rp_db_set_durable(writer.db, 0);
    writer.lazy = 1;
    if (!rc)
        rc = rp_db_begin(writer.db);
    for (size_t i = 0; i < n && !rc; i++)
        rc = keep[i].agenda ? rp_agenda_keep(writer.db, keep[i].agenda)
                            : rp_page_keep(writer.db, keep[i].page);
    if (!rc)
        rc = rp_db_commit_kept(writer.db);
    if (rc)
        rp_db_rollback(writer.db);
    writer_durable(); /* else again before the next commit */
    for (size_t i = 0; i < n; i++) {
        rp_agenda_kept_free(keep[i].agenda);
        rp_page_kept_free(keep[i].page);
    }
}

static void *writer_main(void *arg)
{
    (void)arg;
    struct http_req *group[GROUP_MAX];
    pthread_mutex_lock(&writer.lock);
    for (;;) {
        while (!writer.queue.head && !writer.nkeep && !writer.stop &&
               writer.denials_done == writer.denials_asked)
            pthread_cond_wait(&writer.wake, &writer.lock);
        if (writer.denials_done != writer.denials_asked) {
            writer_denials();
            continue;
        }
        /* The requests first: an answer kept later is only made afresh once more. */
        if (!writer.queue.head && writer.nkeep) {
            struct writer_kept keep[KEEP_MAX];
            size_t nkeep = writer.nkeep;
            for (size_t i = 0; i < nkeep; i++)
                keep[i] = writer.keep[i];
            writer.nkeep = 0;
            pthread_mutex_unlock(&writer.lock);
            keep_answers(keep, nkeep);
            pthread_mutex_lock(&writer.lock);
            continue;
        }
        if (!writer.queue.head)
            break;
        size_t n = 0;
        while (n < GROUP_MAX && (group[n] = http_queue_pop(&writer.queue)))
            n++;
        pthread_mutex_unlock(&writer.lock);
        write_group(group, n);
        for (size_t i = 0; i < n; i++) {
            group[i]->db = NULL;
            if (group[i]->mail) {
                http_mailer_submit(group[i]);
                continue;
            }
            if (group[i]->mail_sent)
                http_mailer_recorded(group[i]);
            group[i]->write_state = HTTP_WRITE_DONE;
            MHD_resume_connection(group[i]->conn);
        }
        pthread_mutex_lock(&writer.lock);
    }
    writer_denials(); /* the last lines, queued while the server drained */
    pthread_mutex_unlock(&writer.lock);
    return NULL;
}

int http_writer_start(const char *db_path, int64_t now, int64_t budget_ms)
{
    if (rp_db_open(db_path, &writer.db)) {
        fprintf(stderr, "rapport: %s\n", writer.db ? rp_db_errmsg(writer.db) : "out of memory");
        rp_db_close(writer.db);
        writer.db = NULL;
        return -1;
    }
    if (now)
        rp_db_set_now(writer.db, now);
    writer.budget_ms = budget_ms;
    writer.stop = 0;
    http_commits_watch(&writer.commits, writer.db);
    if (pthread_create(&writer.thread, NULL, writer_main, NULL)) {
        rp_db_close(writer.db);
        writer.db = NULL;
        return -1;
    }
    writer.running = 1;
    return 0;
}

void http_writer_stop(void)
{
    if (!writer.running)
        return;
    pthread_mutex_lock(&writer.lock);
    writer.stop = 1;
    pthread_cond_signal(&writer.wake);
    pthread_mutex_unlock(&writer.lock);
    pthread_join(writer.thread, NULL);
    rp_db_close(writer.db);
    writer.db = NULL;
    writer.running = 0;
}

void http_writer_denials(int wait)
{
    pthread_mutex_lock(&writer.lock);
    uint64_t ticket = ++writer.denials_asked;
    pthread_cond_signal(&writer.wake);
    while (wait && writer.running && writer.denials_done < ticket)
        pthread_cond_wait(&writer.denials_wake, &writer.lock);
    pthread_mutex_unlock(&writer.lock);
}

void http_queue_push(struct http_queue *q, struct http_req *req)
{
    req->next_write = NULL;
    if (q->tail)
        q->tail->next_write = req;
    else
        q->head = req;
    q->tail = req;
}

struct http_req *http_queue_pop(struct http_queue *q)
{
    struct http_req *req = q->head;
    if (req && !(q->head = req->next_write))
        q->tail = NULL;
    return req;
}

/* Queues REQ, its connection suspended. */
static void writer_queue(struct http_req *req)
{
    req->write_state = HTTP_WRITE_QUEUED;
    pthread_mutex_lock(&writer.lock);
    http_queue_push(&writer.queue, req);
    pthread_cond_signal(&writer.wake);
    pthread_mutex_unlock(&writer.lock);
}

void http_writer_submit(struct http_req *req)
{
    MHD_suspend_connection(req->conn);
    writer_queue(req);
}

/* Queues K to be kept, or frees it when the queue is full or the writer stops. */
static void writer_keep(struct writer_kept k)
{
    pthread_mutex_lock(&writer.lock);
    if (writer.running && !writer.stop && writer.nkeep < KEEP_MAX) {
        writer.keep[writer.nkeep++] = k;
        k = (struct writer_kept){0};
        pthread_cond_signal(&writer.wake);
    }
    pthread_mutex_unlock(&writer.lock);
    rp_agenda_kept_free(k.agenda);
    rp_page_kept_free(k.page);
}

void http_writer_keep(struct rp_agenda_kept *k)
{
    writer_keep((struct writer_kept){k, NULL});
}

void http_writer_keep_page(struct rp_page_kept *k)
{
    writer_keep((struct writer_kept){NULL, k});
}

void http_writer_requeue(struct http_req *req)
{
    writer_queue(req);
}
