/* Sending a draft as an RFC 5322 message through SMTP with libcurl: smtp:// upgrades with
 * STARTTLS when the server offers it, smtps:// is TLS from the start. */
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "core/db.h"
#include "base/banned.h"

/* libcurl, loaded the first time a push is sent: linked in, its dependencies (TLS,
 * Kerberos, LDAP, ...) would slow the start of every command. */
static struct curl_api {
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    int loaded;
} curl;
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

/* Converts a symbol's address to a function pointer of the right type. */
#define CURL_SYM(lib, field, name) (*(void **)(&curl.field) = dlsym(lib, name))

static void curl_load(void)
{
    static const char *const names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"};
    void *lib = NULL;
    for (size_t i = 0; !lib && i < sizeof(names) / sizeof(names[0]); i++)
        lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return;
    curl.loaded = CURL_SYM(lib, easy_init, "curl_easy_init") &&
                  CURL_SYM(lib, easy_setopt, "curl_easy_setopt") &&
                  CURL_SYM(lib, easy_perform, "curl_easy_perform") &&
                  CURL_SYM(lib, easy_cleanup, "curl_easy_cleanup") &&
                  CURL_SYM(lib, easy_strerror, "curl_easy_strerror") &&
                  CURL_SYM(lib, slist_append, "curl_slist_append") &&
                  CURL_SYM(lib, slist_free_all, "curl_slist_free_all");
}

struct mail_reader {
    const char *data;
    size_t left;
};

static size_t mail_read(char *ptr, size_t size, size_t nmemb, void *ctx)
{
    struct mail_reader *r = ctx;
    size_t n = size * nmemb < r->left ? size * nmemb : r->left;
    memcpy(ptr, r->data, n);
    r->data += n;
    r->left -= n;
    return n;
}

/* "Mon, 23 Nov 2026 12:00:00 +0000" */
static void mail_date(struct rp_buf *b, int64_t now)
{
    static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int64_t days = now / 86400, secs = now % 86400, y;
    unsigned m, d;
    rp_civil_from_days(days, &y, &m, &d);
    rp_buf_addf(b, "Date: %s, %u %s %lld %02d:%02d:%02d +0000\r\n", wd[rp_date_weekday(days)], d,
                mon[m - 1], (long long)y, (int)(secs / 3600), (int)(secs % 3600 / 60),
                (int)(secs % 60));
}

/* A header value that is not plain printable ASCII is sent as an RFC 2047 encoded word,
 * which also keeps a newline in a deal title from starting a header of its own. */
static void mail_header_text(struct rp_buf *b, const char *name, const char *value)
{
    int plain = 1;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        plain &= *p >= 0x20 && *p < 0x7f;
    if (plain) {
        rp_buf_addf(b, "%s: %s\r\n", name, value);
        return;
    }
    size_t len = strlen(value);
    size_t cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *enc = malloc(cap);
    if (!enc)
        return;
    sodium_bin2base64(enc, cap, (const unsigned char *)value, len, sodium_base64_VARIANT_ORIGINAL);
    rp_buf_addf(b, "%s: =?UTF-8?B?%s?=\r\n", name, enc);
    free(enc);
}

static void mail_list(struct rp_buf *b, const char *name, char **list, size_t n)
{
    if (!n)
        return;
    rp_buf_addf(b, "%s: ", name);
    for (size_t i = 0; i < n; i++)
        rp_buf_addf(b, "%s%s", i ? ", " : "", list[i]);
    rp_buf_adds(b, "\r\n");
}

static enum rp_status mail_compose(struct rp_db *db, const char *from, const struct rp_draft *d,
                                   struct rp_buf *msg)
{
    unsigned char id[16];
    char hex[33];
    randombytes_buf(id, sizeof(id));
    sodium_bin2hex(hex, sizeof(hex), id, sizeof(id));
    mail_date(msg, rp_db_now(db));
    rp_buf_addf(msg, "From: %s\r\n", from);
    mail_list(msg, "To", d->to, d->nto);
    mail_list(msg, "Cc", d->cc, d->ncc);
    mail_header_text(msg, "Subject", d->subject);
    rp_buf_addf(msg, "Message-ID: <%s%s>\r\n", hex, strchr(from, '@'));
    rp_buf_adds(msg, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                     "Content-Transfer-Encoding: 8bit\r\n\r\n");
    for (const char *p = d->body; *p; p++) {
        if (*p == '\n' && (p == d->body || p[-1] != '\r'))
            rp_buf_addc(msg, '\r');
        rp_buf_addc(msg, *p);
    }
    if (msg->len < 2 || strcmp(msg->data + msg->len - 2, "\r\n"))
        rp_buf_adds(msg, "\r\n");
    return msg->data ? RP_OK : rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
}

struct smtp_settings {
    char *url, *from, *user, *password_file;
};

static void smtp_settings_release(struct smtp_settings *s)
{
    free(s->url);
    free(s->from);
    free(s->user);
    free(s->password_file);
}

static enum rp_status smtp_settings_load(struct rp_db *db, struct smtp_settings *s)
{
    enum rp_status rc;
    if ((rc = rp_config_get(db, "smtp.url", &s->url)) ||
        (rc = rp_config_get(db, "smtp.from", &s->from)) ||
        (rc = rp_config_get(db, "smtp.user", &s->user)) ||
        (rc = rp_config_get(db, "smtp.password-file", &s->password_file)))
        return rc;
    if (!*s->url || !*s->from)
        return rp_db_fail(db, RP_ERR_INVALID, "smtp.url",
                          "push send needs a mail server (rapport "
                          "config set smtp.url smtp://host:port, and smtp.from you@example.com)");
    return RP_OK;
}

/* The password is the first line of smtp.password-file, never a setting of its own. */
static enum rp_status read_password(struct rp_db *db, const char *path, char **out)
{
    FILE *f = fopen(path, "r");
    char line[512];
    if (!f)
        return rp_db_fail(db, RP_ERR_INTERNAL, "smtp.password-file",
                          "cannot read smtp.password-file "
                          "'%s'",
                          path);
    if (!fgets(line, sizeof(line), f))
        line[0] = '\0';
    fclose(f);
    line[strcspn(line, "\r\n")] = '\0';
    *out = strdup(line);
    return *out ? RP_OK : rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
}

/* A message composed, with what it takes to send it: no handle needed. */
struct rp_mail {
    struct smtp_settings s;
    char *password;
    struct rp_buf msg;
    struct curl_slist *rcpt;
    char *recipients;
    int (*give_up)(void);
    char error[CURL_ERROR_SIZE + 256];
};

void rp_mail_free(struct rp_mail *m)
{
    if (!m)
        return;
    if (m->password) {
        sodium_memzero(m->password, strlen(m->password));
        free(m->password);
    }
    smtp_settings_release(&m->s);
    rp_buf_release(&m->msg);
    if (m->rcpt)
        curl.slist_free_all(m->rcpt);
    free(m->recipients);
    free(m);
}

const char *rp_mail_error(const struct rp_mail *m)
{
    return m->error;
}

const char *rp_mail_recipients(const struct rp_mail *m)
{
    return m->recipients;
}

static enum rp_status mail_recipients(struct rp_db *db, const struct rp_draft *d, struct rp_mail *m)
{
    struct rp_buf all = RP_BUF_INIT;
    for (size_t i = 0; i < d->nto + d->ncc; i++) {
        const char *to = i < d->nto ? d->to[i] : d->cc[i - d->nto];
        struct curl_slist *more = curl.slist_append(m->rcpt, to);
        if (!more) {
            rp_buf_release(&all);
            return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
        }
        m->rcpt = more;
        rp_buf_addf(&all, "%s%s", i ? ", " : "", to);
    }
    m->recipients = rp_buf_detach(&all);
    return m->recipients ? RP_OK : rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
}

/* Everything rp_mail_deliver needs for D, checked and composed into *OUT. */
static enum rp_status mail_prepare(struct rp_db *db, const struct rp_draft *d, struct rp_mail **out)
{
    struct rp_mail *m = calloc(1, sizeof(*m));
    enum rp_status rc;
    *out = NULL;
    if (!m)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    rp_buf_init(&m->msg, RP_BUF_DEFAULT_MAX);
    pthread_once(&curl_once, curl_load);
    rc = smtp_settings_load(db, &m->s);
    if (!rc && !d->nto)
        rc = rp_db_fail(db, RP_ERR_INVALID, "to",
                        "nobody to send to (no contact of the account "
                        "has an e-mail address)");
    if (!rc && !curl.loaded)
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL,
                        "cannot load libcurl to send mail "
                        "(install libcurl4)");
    if (!rc && sodium_init() < 0)
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "cannot initialize libsodium");
    if (!rc && *m->s.password_file)
        rc = read_password(db, m->s.password_file, &m->password);
    if (!rc)
        rc = mail_compose(db, m->s.from, d, &m->msg);
    if (!rc)
        rc = mail_recipients(db, d, m);
    if (rc)
        rp_mail_free(m);
    else
        *out = m;
    return rc;
}

static int mail_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                         curl_off_t ulnow)
{
    const struct rp_mail *m = ctx;
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    return m->give_up && m->give_up();
}

int rp_mail_deliver(struct rp_mail *m, int (*give_up)(void))
{
    struct mail_reader reader = {m->msg.data, m->msg.len};
    char errbuf[CURL_ERROR_SIZE] = "";
    CURL *h = curl.easy_init();
    if (!h) {
        snprintf(m->error, sizeof(m->error), "cannot start the mail client");
        return -1;
    }
    m->give_up = give_up;
    curl.easy_setopt(h, CURLOPT_URL, m->s.url);
    curl.easy_setopt(h, CURLOPT_MAIL_FROM, m->s.from);
    curl.easy_setopt(h, CURLOPT_MAIL_RCPT, m->rcpt);
    curl.easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    curl.easy_setopt(h, CURLOPT_READFUNCTION, mail_read);
    curl.easy_setopt(h, CURLOPT_READDATA, &reader);
    curl.easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl.easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 15L);
    curl.easy_setopt(h, CURLOPT_TIMEOUT, 60L);
    curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, mail_progress);
    curl.easy_setopt(h, CURLOPT_XFERINFODATA, m);
    curl.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    if (*m->s.user) {
        curl.easy_setopt(h, CURLOPT_USERNAME, m->s.user);
        curl.easy_setopt(h, CURLOPT_PASSWORD, m->password ? m->password : "");
    }
    CURLcode res = curl.easy_perform(h);
    curl.easy_cleanup(h);
    if (res == CURLE_OK)
        return 0;
    snprintf(m->error, sizeof(m->error), "cannot send the message through %s (%s)", m->s.url,
             res == CURLE_ABORTED_BY_CALLBACK ? "the server is stopping"
             : *errbuf                        ? errbuf
                                              : curl.easy_strerror(res));
    return -1;
}

void rp_db_mail_mode(struct rp_db *db, enum rp_mail_mode mode)
{
    db->mail_mode = (int)mode;
    if (mode == RP_MAIL_HOLD) {
        rp_mail_free(db->held);
        db->held = NULL;
    }
}

struct rp_mail *rp_mail_take(struct rp_db *db)
{
    struct rp_mail *m = db->held;
    db->held = NULL;
    return m;
}

enum rp_status rp_mail_send(struct rp_db *db, const struct rp_draft *d)
{
    struct rp_mail *m;
    enum rp_status rc;
    if (db->mail_mode == RP_MAIL_SENT)
        return RP_OK;
    if ((rc = mail_prepare(db, d, &m)) || !m)
        return rc ? rc : RP_ERR_INTERNAL;
    if (db->mail_mode == RP_MAIL_HOLD) {
        rp_mail_free(db->held);
        db->held = m;
        return RP_OK;
    }
    if (rp_mail_deliver(m, NULL))
        rc = rp_db_fail(db, RP_ERR_UNAVAILABLE, NULL, "%s", m->error);
    rp_mail_free(m);
    return rc;
}

enum rp_status rp_mail_unrecorded(struct rp_db *db)
{
    char why[512];
    snprintf(why, sizeof(why), "%s", rp_db_errmsg(db));
    rp_db_fail(db, RP_ERR_CONFLICT, NULL,
               "the message was sent, but could not be recorded "
               "(%s); do not send it again",
               why);
    return RP_ERR_CONFLICT;
}

/* One run of WRITE in a transaction of its own, committed when KEEP. */
static enum rp_status write_once(struct rp_db *db, enum rp_status (*write)(struct rp_db *, void *),
                                 void *ctx, int keep)
{
    enum rp_status rc = rp_db_begin(db);
    if (rc)
        return rc;
    rc = write(db, ctx);
    if (rc || !keep)
        rp_db_rollback(db);
    else
        rc = rp_db_commit(db);
    return rc;
}

enum rp_status rp_db_write_mailing(struct rp_db *db,
                                   enum rp_status (*write)(struct rp_db *db, void *ctx), void *ctx)
{
    rp_db_mail_mode(db, RP_MAIL_HOLD);
    enum rp_status rc = write_once(db, write, ctx, 0);
    struct rp_mail *m = rp_mail_take(db);
    rp_db_mail_mode(db, RP_MAIL_NOW);
    if (!rc && m && rp_mail_deliver(m, NULL))
        rc = rp_db_fail(db, RP_ERR_UNAVAILABLE, NULL, "%s", m->error);
    if (!rc) {
        rp_db_mail_mode(db, m ? RP_MAIL_SENT : RP_MAIL_NOW);
        rc = write_once(db, write, ctx, 1);
        rp_db_mail_mode(db, RP_MAIL_NOW);
        if (rc && m)
            rc = rp_mail_unrecorded(db);
    }
    rp_mail_free(m);
    return rc;
}
