/* The database handle: the store, the sticky error, the clock, and settings. */
#include "core/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "base/locale.h"
#include "base/parse.h"
#include "base/workdays.h"
#include "base/banned.h"

static enum rp_status db_open(const char *path, const struct rp_store_ahead *ahead,
                              struct rp_db **out)
{
    struct rp_db *db = calloc(1, sizeof(*db));
    *out = NULL;
    if (!db)
        return RP_ERR_INTERNAL;
    rp_error_init(&db->err);
    *out = db;
    return rp_store_open_ahead(path, ahead, &db->err, &db->store);
}

enum rp_status rp_db_open_ahead(const char *path, int settings, const char *email,
                                struct rp_db **out)
{
    struct rp_store_ahead ahead = {settings, email, 1};
    return db_open(path, &ahead, out);
}

enum rp_status rp_db_open(const char *path, struct rp_db **out)
{
    return db_open(path, NULL, out);
}

static void config_forget(struct rp_db *db);

void rp_db_close(struct rp_db *db)
{
    if (!db)
        return;
    rp_store_close(db->store);
    rp_error_release(&db->err);
    rp_mail_free(db->held);
    config_forget(db);
    free(db->dirty_deals.ids);
    free(db->dirty_accounts.ids);
    free(db->dirty_account_deals.ids);
    free(db);
}

const char *rp_db_errmsg(const struct rp_db *db)
{
    return rp_buf_str(&db->err.msg);
}

const char *rp_db_errfield(const struct rp_db *db)
{
    return db->err.field[0] ? db->err.field : NULL;
}

enum rp_status rp_db_fail(struct rp_db *db, enum rp_status code, const char *field, const char *fmt,
                          ...)
{
    va_list ap;
    va_start(ap, fmt);
    rp_error_vset(&db->err, code, field, fmt, ap);
    va_end(ap);
    return code;
}

void rp_db_set_deadline(struct rp_db *db, int64_t ms)
{
    rp_store_set_deadline(db->store, ms);
}

void rp_db_set_now(struct rp_db *db, int64_t epoch)
{
    db->now = epoch;
}

int64_t rp_db_now(const struct rp_db *db)
{
    return db->now ? db->now : (int64_t)time(NULL);
}

int64_t rp_db_today(const struct rp_db *db)
{
    return rp_local_date(rp_db_now(db));
}

void rp_db_schema(struct rp_db *db, struct rp_schema *out)
{
    rp_store_schema(db->store, out);
}

enum rp_status rp_db_version(struct rp_db *db, int64_t version[2])
{
    return rp_store_version(db->store, version);
}

void rp_db_watch_commits(struct rp_db *db, const struct rp_commit_watch *w)
{
    rp_store_watch_commits(db->store, w);
}

enum rp_status rp_db_publish_change(struct rp_db *db, const struct rp_change *ch)
{
    return rp_store_publish_change(db->store, ch);
}

enum rp_status rp_db_changes(struct rp_db *db, int64_t after, struct rp_change *out, size_t max,
                             size_t *n, int64_t *count)
{
    return rp_store_changes(db->store, after, out, max, n, count);
}

void rp_db_changes_ahead(struct rp_db *db, int64_t after, size_t max)
{
    rp_store_changes_ahead(db->store, after, max);
}

enum rp_status rp_db_part_begin(struct rp_db *db)
{
    rp_facts_forget(db);
    return rp_store_savepoint(db->store);
}

enum rp_status rp_db_part_end(struct rp_db *db)
{
    enum rp_status rc = rp_facts_flush(db);
    return rc ? rc : rp_store_release(db->store);
}

void rp_db_part_undo(struct rp_db *db)
{
    rp_facts_forget(db);
    rp_store_rollback_to(db->store);
}

enum rp_status rp_db_begin_read(struct rp_db *db)
{
    db->actor_read_in_tx = 0;
    return rp_store_begin_read(db->store);
}

int rp_db_snapshot(struct rp_db *db)
{
    if (rp_store_in_transaction(db->store))
        return 0;
    db->actor_read_in_tx = 0;
    return !rp_store_begin_read(db->store);
}

void rp_db_snapshot_end(struct rp_db *db, int began)
{
    if (began)
        rp_store_rollback(db->store);
}

enum rp_status rp_db_begin(struct rp_db *db)
{
    db->actor_read_in_tx = 0;
    return rp_store_begin(db->store);
}

enum rp_status rp_db_set_durable(struct rp_db *db, int durable)
{
    return rp_store_set_durable(db->store, durable);
}

enum rp_status rp_db_commit(struct rp_db *db)
{
    enum rp_status rc = rp_facts_flush(db);
    return rc ? rc : rp_store_commit(db->store);
}

enum rp_status rp_db_commit_kept(struct rp_db *db)
{
    return rp_store_commit_kept(db->store);
}

void rp_db_rollback(struct rp_db *db)
{
    rp_facts_forget(db);
    rp_store_rollback(db->store);
}

enum rp_status rp_history_add(struct rp_db *db, enum rp_kind_id kind, int64_t id, const char *field,
                              const char *from, const char *to, const char *reason)
{
    struct rp_record h;
    enum rp_status rc = rp_record_init(&h, RP_HISTORY);
    if (rc)
        return rp_db_fail(db, rc, NULL, "out of memory");
    if ((rc = rp_record_set_str(&h, RP_HISTORY_ENTITY, rp_kind_get(kind)->name)) ||
        (rc = rp_record_set_str(&h, RP_HISTORY_FIELD, field)) ||
        (rc = rp_record_set_str(&h, RP_HISTORY_FROM, from)) ||
        (rc = rp_record_set_str(&h, RP_HISTORY_TO, to)) ||
        (rc = rp_record_set_str(&h, RP_HISTORY_REASON, reason)))
        rc = rp_db_fail(db, rc, NULL, "out of memory");
    if (!rc) {
        rp_record_set_int(&h, RP_HISTORY_ENTITY_ID, id);
        rp_record_set_int(&h, RP_HISTORY_AT, rp_db_now(db));
        if (rp_db_actor(db))
            rp_record_set_int(&h, RP_HISTORY_USER_ID, rp_db_actor(db));
        rc = rp_store_insert(db->store, &h);
    }
    rp_record_release(&h);
    return rc;
}

/* ---- settings ----------------------------------------------------------------------- */

static const struct rp_setting settings[] = {
    {"currency", "USD", RP_T_CURRENCY, "currency of new deals and invoices"},
    {"tz", "", RP_T_TEXT, "your time zone, e.g. Europe/Berlin (default: the system's)"},
    {"user", "", RP_T_EMAIL,
     "the login the command line acts as without --user (default: "
     "the only login, if there is one)"},
    {"grace.direct", "0", RP_T_INT,
     "days after an agreed date before a direct customer is "
     "reminded"},
    {"grace.standard", "1", RP_T_INT, "the same for the standard style"},
    {"grace.gentle", "3", RP_T_INT, "the same for the gentle style"},
    {"push.touches", "3", RP_T_INT, "touches since the last two-way contact before a push"},
    {"push.silence-days", "14", RP_T_INT, "days since the first of those touches"},
    {"push.ignored-days", "14", RP_T_INT,
     "days a push may go unanswered before it counts as "
     "ignored"},
    {"retry.direct", "2", RP_T_INT,
     "working days after an unanswered reminder before a direct "
     "customer is reminded again"},
    {"retry.standard", "3", RP_T_INT, "the same for the standard style"},
    {"retry.gentle", "5", RP_T_INT, "the same for the gentle style"},
    {"stale.lead", "30", RP_T_INT,
     "working days without two-way contact before a lead is "
     "stale"},
    {"stale.qualified", "20", RP_T_INT, "the same for a qualified deal"},
    {"stale.meeting", "15", RP_T_INT, "the same for a deal at stage meeting"},
    {"stale.proposal", "10", RP_T_INT, "the same for a deal at stage proposal"},
    {"stale.negotiation", "10", RP_T_INT, "the same for a deal in negotiation"},
    {"checkin.retry-days", "5", RP_T_INT,
     "working days after a check-in touch before the "
     "check-in shows again"},
    {"payment.retry-days", "5", RP_T_INT,
     "working days after asking about a late payment "
     "before asking again"},
    {"contract.notice-days", "60", RP_T_INT,
     "days before a prospect's current contract ends "
     "to call them"},
    {"workdays", "mon-fri", RP_T_TEXT, "the days you work, e.g. mon-fri or mon,tue,thu"},
    {"holidays", "", RP_T_TEXT, "days off, YYYY-MM-DD separated by commas"},
    {"noshow.days", "7", RP_T_INT, "days a no-show stays on the agenda"},
    {"thankyou.days", "14", RP_T_INT, "days after a win to send a thank-you card"},
    {"decision.window-days", "90", RP_T_INT,
     "a decision date this close adds to a deal's "
     "score"},
    {"smtp.url", "", RP_T_TEXT, "mail server for push send, smtp://host:port or smtps://"},
    {"smtp.from", "", RP_T_EMAIL, "your sender address"},
    {"smtp.user", "", RP_T_TEXT, "mail server login"},
    {"smtp.password-file", "", RP_T_TEXT, "file holding the mail server password"},
    {"draft.locale", "en-US", RP_T_TEXT,
     "how drafts write dates and amounts: en-US, en-GB, "
     "de-DE or fr-FR"},
    {"draft.sender", "", RP_T_TEXT,
     "your name in drafts, {sender} (default: your user's "
     "name)"},
    {"draft.signature", "", RP_T_TEXT,
     "the lines under a draft, {signature} (default: "
     "{sender})"},
    {"forecast.lead", "10", RP_T_INT,
     "percent (0-100) of a lead's value in the weighted "
     "forecast"},
    {"forecast.qualified", "20", RP_T_INT, "the same for a qualified deal"},
    {"forecast.meeting", "40", RP_T_INT, "the same for a deal at stage meeting"},
    {"forecast.proposal", "60", RP_T_INT, "the same for a deal at stage proposal"},
    {"forecast.negotiation", "80", RP_T_INT, "the same for a deal in negotiation"},
    {"server.public-url", "", RP_T_TEXT,
     "the server's address as its users reach it, e.g. "
     "https://crm.example.com (default: where it listens)"},
    {"database.url", "", RP_T_TEXT,
     "the team's PostgreSQL database that rapport serve uses "
     "instead of this one, postgresql://user@host:port/dbname"},
    {"audit.keep-days", "365", RP_T_INT,
     "days the audit log keeps a line (0: forever); older "
     "lines go at the next login"},
    {NULL, NULL, RP_T_TEXT, NULL},
};

const struct rp_setting *rp_settings(void)
{
    return settings;
}

static const struct rp_setting *setting_find(struct rp_db *db, const char *key)
{
    for (const struct rp_setting *s = settings; s->key; s++)
        if (!strcmp(s->key, key))
            return s;
    rp_db_fail(db, RP_ERR_INVALID, "key", "unknown setting '%s' (see 'rapport config get')", key);
    return NULL;
}

#define SETTING_COUNT (sizeof(settings) / sizeof(settings[0]) - 1)

void rp_config_keep(struct rp_db *db)
{
    db->kept.depth++;
}

static void config_forget(struct rp_db *db)
{
    for (size_t i = 0; db->kept.values && i < SETTING_COUNT; i++)
        free(db->kept.values[i]);
    free(db->kept.values);
    db->kept.values = NULL;
}

void rp_config_drop(struct rp_db *db)
{
    if (db->kept.depth > 0 && !--db->kept.depth)
        config_forget(db);
}

/* Every setting in one read, into db->kept. */
static enum rp_status config_read_all(struct rp_db *db)
{
    const char *keys[SETTING_COUNT];
    char **values = calloc(SETTING_COUNT, sizeof(*values));
    if (!values)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t i = 0; i < SETTING_COUNT; i++)
        keys[i] = settings[i].key;
    enum rp_status rc = rp_store_settings_get(db->store, keys, SETTING_COUNT, values);
    if (rc)
        free(values);
    else
        db->kept.values = values;
    return rc;
}

void rp_config_ahead(struct rp_db *db)
{
    if (!db->kept.values)
        rp_store_settings_ahead(db->store);
}

/* The value of setting S as stored (NULL: never set), owned, from what is kept when
 * rp_config_keep is in force. */
static enum rp_status config_stored(struct rp_db *db, const struct rp_setting *s, char **out)
{
    enum rp_status rc;
    const char *kept;
    *out = NULL;
    if (!db->kept.depth)
        return rp_store_setting_get(db->store, s->key, out);
    if (!db->kept.values && (rc = config_read_all(db)))
        return rc;
    if ((kept = db->kept.values[s - settings]) && !(*out = strdup(kept)))
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    return RP_OK;
}

enum rp_status rp_config_get(struct rp_db *db, const char *key, char **out)
{
    const struct rp_setting *s = setting_find(db, key);
    char *value = NULL;
    if (!s)
        return RP_ERR_INVALID;
    enum rp_status rc = config_stored(db, s, &value);
    if (rc)
        return rc;
    if (!value && !(value = strdup(s->def)))
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    *out = value;
    return RP_OK;
}

enum rp_status rp_config_int(struct rp_db *db, const char *key, int64_t *out)
{
    char *value = NULL;
    enum rp_status rc = rp_config_get(db, key, &value);
    if (rc)
        return rc;
    if (rp_parse_int64(value, 0, 1000000, out))
        rc = rp_db_fail(db, RP_ERR_INVALID, key, "setting %s is not a number ('%s')", key, value);
    free(value);
    return rc;
}

/* Settings that are the server's business (the mail server, its address, the audit log's
 * keeping): the command line changes them, the API neither shows nor changes them. */
int rp_setting_shared(const char *key)
{
    return strncmp(key, "smtp.", 5) && strncmp(key, "server.", 7) && strncmp(key, "audit.", 6);
}

enum rp_status rp_settings_json(struct rp_db *db, json_t **out)
{
    json_t *items = json_array();
    enum rp_status rc = items ? RP_OK : rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (const struct rp_setting *s = settings; s->key && !rc; s++) {
        char *value = NULL;
        if (!rp_setting_shared(s->key) || (rc = rp_config_get(db, s->key, &value)))
            continue;
        if (json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s}", "key", s->key, "value",
                                                   value, "default", s->def, "help", s->help)))
            rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
        free(value);
    }
    if (rc)
        json_decref(items);
    else
        *out = items;
    return rc;
}

/* The settings speak for the whole team, as the templates do: admins and managers change
 * them (and the local user). */
enum rp_status rp_config_team_set(struct rp_db *db, const char *key, const char *value)
{
    if (!rp_setting_shared(key))
        return rp_db_fail(db, RP_ERR_INVALID, key, "unknown setting '%s'", key);
    if (db->actor.id && strcmp(db->actor.role, "admin") && strcmp(db->actor.role, "manager"))
        return rp_db_fail(db, RP_ERR_FORBIDDEN, key,
                          "cannot change settings (only admins and "
                          "managers change the team's settings)");
    return rp_config_set(db, key, value);
}

static enum rp_status workweek_check(struct rp_db *db, const struct rp_setting *s,
                                     const char *value)
{
    struct rp_workweek w;
    char why[96] = "";
    int days = !strcmp(s->key, "workdays");
    if (!rp_workweek_parse(&w, days ? value : "mon-fri", days ? "" : value, why, sizeof(why)))
        return RP_OK;
    return rp_db_fail(db, RP_ERR_INVALID, s->key, "invalid %s: %s (%s)", s->key, why, s->help);
}

enum rp_status rp_config_workweek(struct rp_db *db, struct rp_workweek *w)
{
    char *days = NULL, *holidays = NULL, why[96] = "";
    enum rp_status rc = rp_config_get(db, "workdays", &days);
    if (!rc)
        rc = rp_config_get(db, "holidays", &holidays);
    if (!rc && rp_workweek_parse(w, days, holidays, why, sizeof(why)))
        rc = rp_db_fail(db, RP_ERR_INVALID, "workdays",
                        "invalid working days: %s (rapport "
                        "config set workdays|holidays)",
                        why);
    free(days);
    free(holidays);
    return rc;
}

static enum rp_status setting_check(struct rp_db *db, const struct rp_setting *s, const char *value)
{
    int64_t n;
    int ok = 1;
    if (s->type == RP_T_INT)
        ok = !rp_parse_int64(value, 0, strncmp(s->key, "forecast.", 9) ? 3650 : 100, &n);
    else if (s->type == RP_T_CURRENCY)
        ok = !rp_valid_currency(value);
    else if (s->type == RP_T_EMAIL)
        ok = !rp_valid_email(value);
    else if (!strcmp(s->key, "tz"))
        ok = rp_tz_exists(value);
    else if (!strcmp(s->key, "workdays") || !strcmp(s->key, "holidays"))
        return workweek_check(db, s, value);
    else if (!strcmp(s->key, "draft.locale"))
        ok = rp_locale_find(value) >= 0;
    else if (!strcmp(s->key, "smtp.url"))
        ok = !strncmp(value, "smtp://", 7) || !strncmp(value, "smtps://", 8);
    else if (!strcmp(s->key, "database.url"))
        ok = !strncmp(value, "postgresql://", 13) || !strncmp(value, "postgres://", 11);
    if (ok && rp_valid_text(value) == 0 && strlen(value) <= 1024)
        return RP_OK;
    return rp_db_fail(db, RP_ERR_INVALID, s->key, "invalid value '%s' for %s (%s)", value, s->key,
                      s->help);
}

enum rp_status rp_config_set(struct rp_db *db, const char *key, const char *value)
{
    const struct rp_setting *s = setting_find(db, key);
    if (!s)
        return RP_ERR_INVALID;
    config_forget(db);
    if (value && *value) {
        enum rp_status rc = setting_check(db, s, value);
        if (rc)
            return rc;
    }
    if (s->type == RP_T_CURRENCY && value && *value) {
        char upper[4] = {0};
        for (int i = 0; i < 3; i++)
            upper[i] = (char)(value[i] & ~0x20);
        return rp_store_setting_set(db->store, key, upper);
    }
    return rp_store_setting_set(db->store, key, value && *value ? value : NULL);
}
