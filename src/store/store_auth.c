/* Users' secrets, sessions, API tokens and the audit log: the rows that never travel as
 * records. Only hashes of tokens are stored. */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/grow.h"
#include "store/store_internal.h"
#include "base/banned.h"

/* Runs SQL with text/int parameters given as a small array; reads one text (or int)
 * column of the first row when OUT_TEXT (or OUT_INT) is given. */
struct sql_arg {
    const char *text;
    int64_t i;
};

static enum rp_status run1(struct rp_store *st, const char *sql, const struct sql_arg *args,
                           int nargs, char **out_text, int64_t *out_int, int *found)
{
    struct rp_stmt *stmt;
    int row;
    enum rp_status rc = store_prepare(st, sql, &stmt);
    for (int i = 0; !rc && i < nargs; i++)
        rc = args[i].text ? st->drv->bind_text(stmt, i + 1, args[i].text)
                          : st->drv->bind_int(stmt, i + 1, args[i].i);
    if (rc || (rc = st->drv->step(stmt, &row, st->err)))
        return rc;
    if (found)
        *found = row;
    if (row && out_text && !(*out_text = strdup(st->drv->column_text(stmt, 0))))
        rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    if (row && out_int)
        *out_int = st->drv->column_int(stmt, 0);
    if (!rc && row && !out_text && !out_int)
        rc = store_run(st, stmt);
    else
        st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_other_admins(struct rp_store *st, int64_t id, int64_t *n)
{
    struct sql_arg a[] = {{NULL, id}};
    *n = 0;
    return run1(st,
                "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0 AND "
                "id <> ?",
                a, 1, NULL, n, NULL);
}

enum rp_status rp_store_user_by_email(struct rp_store *st, const char *email, int64_t *id,
                                      int *found)
{
    struct sql_arg a[] = {{email, 0}};
    struct rp_buf sql = RP_BUF_INIT;
    enum rp_status rc = rp_buf_addf(&sql, "SELECT id FROM users WHERE %s", st->drv->email_equals);
    if (rc)
        rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    else
        rc = run1(st, rp_buf_str(&sql), a, 1, NULL, id, found);
    rp_buf_release(&sql);
    return rc;
}

/* The statement of rp_store_user_get_by_email, prepared, with EMAIL bound. */
static enum rp_status user_by_email(struct rp_store *st, const char *email, struct rp_stmt **out)
{
    struct rp_buf sql = RP_BUF_INIT;
    enum rp_status rc = rp_buf_adds(&sql, "SELECT ");
    if (!rc)
        rc = store_add_columns(&sql, rp_kind_get(RP_USER));
    if (!rc)
        rc = rp_buf_addf(&sql, " FROM users WHERE %s", st->drv->email_equals);
    if (rc)
        rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    else if (!(rc = store_prepare(st, rp_buf_str(&sql), out)))
        rc = st->drv->bind_text(*out, 1, email);
    rp_buf_release(&sql);
    return rc;
}

void store_user_by_email_ahead(struct rp_store *st, const char *email)
{
    struct rp_stmt *stmt = NULL;
    if (!user_by_email(st, email, &stmt))
        store_send_ahead(st, stmt);
}

enum rp_status rp_store_user_get_by_email(struct rp_store *st, const char *email,
                                          struct rp_record *out)
{
    struct rp_stmt *stmt = NULL;
    int row = 0;
    enum rp_status rc;
    if ((rc = user_by_email(st, email, &stmt)) || (rc = st->drv->step(stmt, &row, st->err)))
        goto out;
    if (!row)
        rc = rp_error_set(st->err, RP_ERR_NOTFOUND, "email", "no user with e-mail '%s'", email);
    else
        rc = store_read_row(st, stmt, out);
out:
    if (stmt)
        st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_user_password(struct rp_store *st, int64_t id, char **hash, int *found)
{
    struct sql_arg a[] = {{NULL, id}};
    return run1(st, "SELECT password_hash FROM users WHERE id = ? AND password_hash IS NOT NULL", a,
                1, hash, NULL, found);
}

enum rp_status rp_store_user_set_password(struct rp_store *st, int64_t id, const char *hash)
{
    struct sql_arg a[] = {{hash, 0}, {NULL, id}};
    return run1(st, "UPDATE users SET password_hash = ? WHERE id = ?", a, 2, NULL, NULL, NULL);
}

enum rp_status rp_store_user_calendar(struct rp_store *st, int64_t id, char **secret, int *found)
{
    struct sql_arg a[] = {{NULL, id}};
    return run1(st,
                "SELECT calendar_secret FROM users WHERE id = ? AND calendar_secret IS NOT "
                "NULL",
                a, 1, secret, NULL, found);
}

enum rp_status rp_store_user_set_calendar(struct rp_store *st, int64_t id, const char *secret)
{
    struct sql_arg a[] = {{secret, 0}, {NULL, id}};
    return run1(st, "UPDATE users SET calendar_secret = ? WHERE id = ?", a, 2, NULL, NULL, NULL);
}

enum rp_status rp_store_user_by_calendar(struct rp_store *st, const char *secret, int64_t *id,
                                         int *found)
{
    struct sql_arg a[] = {{secret, 0}};
    return run1(st, "SELECT id FROM users WHERE calendar_secret = ? AND disabled = 0", a, 1, NULL,
                id, found);
}

/* What follows the user's columns in the statements that find the user of a credential
 * and read them, with a session's CSRF token after them: the token's hash is parameter 1,
 * the instant now parameter 2. */
static const char *const actor_tails[RP_STORE_CREDENTIALS] = {
    [RP_STORE_TOKEN] = " FROM users WHERE id = (SELECT user_id FROM api_tokens WHERE "
                       "token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR "
                       "expires_at > ?)) AND disabled = 0",
    [RP_STORE_SESSION] = ", s.csrf FROM users JOIN (SELECT user_id AS user_of, csrf_token AS "
                         "csrf FROM sessions WHERE token_hash = ? AND expires_at > ?) s ON "
                         "id = s.user_of WHERE disabled = 0",
};

/* Statement WHICH, prepared once per connection, with HASH and NOW bound. */
static enum rp_status actor_bound(struct rp_store *st, enum rp_store_credential which,
                                  const char *hash, int64_t now, struct rp_stmt **out)
{
    struct rp_buf sql = RP_BUF_INIT;
    char n[RP_INSTANT_LEN];
    enum rp_status rc = RP_OK;
    if (!st->actor[which]) {
        if (rp_buf_adds(&sql, "SELECT ") || store_add_columns(&sql, rp_kind_get(RP_USER)) ||
            rp_buf_adds(&sql, actor_tails[which]))
            rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
        else
            rc = st->drv->prepare(st->conn, rp_buf_str(&sql), &st->actor[which], st->err);
        rp_buf_release(&sql);
    }
    *out = st->actor[which];
    rp_instant_format(now, n);
    if (!rc && !(rc = st->drv->bind_text(*out, 1, hash)))
        rc = st->drv->bind_text(*out, 2, n);
    return rc;
}

void rp_store_actor_ahead(struct rp_store *st, enum rp_store_credential which, const char *hash,
                          int64_t now)
{
    struct rp_stmt *stmt = NULL;
    if (rp_store_reads_ahead(st) && !actor_bound(st, which, hash, now, &stmt))
        store_send_ahead(st, stmt);
}

enum rp_status rp_store_actor(struct rp_store *st, enum rp_store_credential which, const char *hash,
                              int64_t now, struct rp_record *user, char **csrf, int *found)
{
    struct rp_stmt *stmt = NULL;
    int row = 0;
    enum rp_status rc = actor_bound(st, which, hash, now, &stmt);
    if (!rc && !(rc = st->drv->step(stmt, &row, st->err)) && row &&
        !(rc = store_read_row(st, stmt, user)) && csrf &&
        !(*csrf = strdup(st->drv->column_text(stmt, RP_USER_NFIELDS))))
        rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    if (stmt)
        st->drv->reset(stmt);
    *found = row;
    return rc;
}

enum rp_status rp_store_session_put(struct rp_store *st, const char *hash, int64_t user,
                                    const char *csrf, int64_t created, int64_t expires)
{
    char c[RP_INSTANT_LEN], e[RP_INSTANT_LEN];
    rp_instant_format(created, c);
    rp_instant_format(expires, e);
    struct sql_arg a[] = {{hash, 0}, {NULL, user}, {csrf, 0}, {c, 0}, {e, 0}};
    return run1(st,
                "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
                "expires_at) VALUES (?, ?, ?, ?, ?)",
                a, 5, NULL, NULL, NULL);
}

enum rp_status rp_store_session_delete(struct rp_store *st, const char *hash)
{
    struct sql_arg a[] = {{hash, 0}};
    return run1(st, "DELETE FROM sessions WHERE token_hash = ?", a, 1, NULL, NULL, NULL);
}

enum rp_status rp_store_sessions_prune(struct rp_store *st, int64_t now)
{
    char n[RP_INSTANT_LEN];
    rp_instant_format(now, n);
    struct sql_arg a[] = {{n, 0}};
    return run1(st, "DELETE FROM sessions WHERE expires_at <= ?", a, 1, NULL, NULL, NULL);
}

enum rp_status rp_store_login_failures(struct rp_store *st, const char *key, int64_t since,
                                       int64_t *failures)
{
    char s[RP_INSTANT_LEN];
    rp_instant_format(since, s);
    struct sql_arg a[] = {{key, 0}, {s, 0}};
    *failures = 0;
    return run1(st, "SELECT failures FROM login_failures WHERE key = ? AND since > ?", a, 2, NULL,
                failures, NULL);
}

enum rp_status rp_store_login_failed(struct rp_store *st, const char *key, int64_t now,
                                     int64_t since)
{
    char n[RP_INSTANT_LEN], s[RP_INSTANT_LEN];
    rp_instant_format(now, n);
    rp_instant_format(since, s);
    struct sql_arg prune[] = {{s, 0}};
    struct sql_arg a[] = {{key, 0}, {n, 0}, {s, 0}, {s, 0}};
    enum rp_status rc =
        run1(st, "DELETE FROM login_failures WHERE since <= ?", prune, 1, NULL, NULL, NULL);
    /* One statement, so that two servers counting the same key at once both count. */
    return rc ? rc
              : run1(st,
                     "INSERT INTO login_failures (key, since, failures) VALUES (?, ?, 1) "
                     "ON CONFLICT (key) DO UPDATE SET "
                     "failures = CASE WHEN login_failures.since <= ? THEN 1 "
                     "ELSE login_failures.failures + 1 END, "
                     "since = CASE WHEN login_failures.since <= ? THEN excluded.since "
                     "ELSE login_failures.since END",
                     a, 4, NULL, NULL, NULL);
}

enum rp_status rp_store_login_clear(struct rp_store *st, const char *key)
{
    struct sql_arg a[] = {{key, 0}};
    return run1(st, "DELETE FROM login_failures WHERE key = ?", a, 1, NULL, NULL, NULL);
}

enum rp_status rp_store_sessions_end(struct rp_store *st, int64_t user)
{
    struct sql_arg a[] = {{NULL, user}};
    return run1(st, "DELETE FROM sessions WHERE user_id = ?", a, 1, NULL, NULL, NULL);
}

enum rp_status rp_store_token_put(struct rp_store *st, int64_t user, const char *hash,
                                  int64_t created, int64_t expires)
{
    char c[RP_INSTANT_LEN], e[RP_INSTANT_LEN];
    rp_instant_format(created, c);
    rp_instant_format(expires, e);
    struct sql_arg a[] = {{NULL, user}, {hash, 0}, {c, 0}, {expires ? e : NULL, 0}};
    if (!expires)
        return run1(st,
                    "INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES "
                    "(?, ?, ?)",
                    a, 3, NULL, NULL, NULL);
    return run1(st,
                "INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at) "
                "VALUES (?, ?, ?, ?)",
                a, 4, NULL, NULL, NULL);
}

static int64_t instant_or_none(struct rp_store *st, struct rp_stmt *s, int col)
{
    return st->drv->column_null(s, col) ? -1 : store_col_instant(st, s, col);
}

enum rp_status rp_store_token_list(struct rp_store *st, int64_t user, struct rp_token_rows *out)
{
    struct rp_stmt *stmt;
    int row;
    enum rp_status rc = store_prepare(st,
                                      "SELECT id, user_id, created_at, expires_at, "
                                      "revoked_at FROM api_tokens WHERE user_id = ? "
                                      "ORDER BY id",
                                      &stmt);
    if (rc || (rc = st->drv->bind_int(stmt, 1, user)))
        return rc;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row) {
        if (RP_GROW(out->items, out->n + 1, out->cap)) {
            rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
            break;
        }
        out->items[out->n++] =
            (struct rp_token_row){st->drv->column_int(stmt, 0), st->drv->column_int(stmt, 1),
                                  store_col_instant(st, stmt, 2), instant_or_none(st, stmt, 3),
                                  instant_or_none(st, stmt, 4)};
    }
    st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_token_owner(struct rp_store *st, int64_t id, int64_t *user, int *found)
{
    struct sql_arg a[] = {{NULL, id}};
    return run1(st, "SELECT user_id FROM api_tokens WHERE id = ?", a, 1, NULL, user, found);
}

enum rp_status rp_store_token_revoke(struct rp_store *st, int64_t id, int64_t user, int64_t now)
{
    char n[RP_INSTANT_LEN];
    rp_instant_format(now, n);
    struct sql_arg a[] = {{n, 0}, {NULL, id}, {NULL, user}};
    return run1(st,
                "UPDATE api_tokens SET revoked_at = ? WHERE revoked_at IS NULL AND "
                "(id = ? OR user_id = ?)",
                a, 3, NULL, NULL, NULL);
}

enum rp_status rp_store_audit(struct rp_store *st, int64_t at, int64_t user, const char *action,
                              const char *entity, int64_t entity_id, const char *detail,
                              const char *address)
{
    char t[RP_INSTANT_LEN];
    struct rp_stmt *stmt;
    rp_instant_format(at, t);
    enum rp_status rc = store_prepare(st,
                                      "INSERT INTO audit_log (at, user_id, action, entity, "
                                      "entity_id, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                      &stmt);
    if (rc || (rc = st->drv->bind_text(stmt, 1, t)) ||
        (rc = user ? st->drv->bind_int(stmt, 2, user) : st->drv->bind_null(stmt, 2)) ||
        (rc = st->drv->bind_text(stmt, 3, action)) ||
        (rc = entity ? st->drv->bind_text(stmt, 4, entity) : st->drv->bind_null(stmt, 4)) ||
        (rc = entity_id ? st->drv->bind_int(stmt, 5, entity_id) : st->drv->bind_null(stmt, 5)) ||
        (rc = detail ? st->drv->bind_text(stmt, 6, detail) : st->drv->bind_null(stmt, 6)) ||
        (rc = address ? st->drv->bind_text(stmt, 7, address) : st->drv->bind_null(stmt, 7)))
        return rc;
    return store_run_later(st, stmt);
}

enum rp_status rp_store_audit_prune(struct rp_store *st, int64_t before)
{
    char t[RP_INSTANT_LEN];
    rp_instant_format(before, t);
    struct sql_arg a[] = {{t, 0}};
    return run1(st, "DELETE FROM audit_log WHERE at < ?", a, 1, NULL, NULL, NULL);
}

static enum rp_status audit_row(struct rp_store *st, struct rp_stmt *s, struct rp_audit_rows *rows)
{
    if (RP_GROW(rows->items, rows->n + 1, rows->cap))
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    struct rp_audit_row *r = &rows->items[rows->n++];
    *r = (struct rp_audit_row){.id = st->drv->column_int(s, 0),
                               .at = store_col_instant(st, s, 1),
                               .user_id = st->drv->column_int(s, 2),
                               .entity_id = st->drv->column_int(s, 3)};
    char **text[] = {&r->user, &r->action, &r->entity, &r->detail, &r->address};
    for (int i = 0; i < 5; i++)
        if (!st->drv->column_null(s, 4 + i) && !(*text[i] = strdup(st->drv->column_text(s, 4 + i))))
            return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    return RP_OK;
}

enum rp_status rp_store_audit_list(struct rp_store *st, int64_t before_id, const char *since,
                                   int64_t user, size_t limit, struct rp_audit_rows *out)
{
    struct rp_stmt *stmt;
    int row, n = 0;
    enum rp_status rc = store_prepare(
        st,
        "SELECT l.id, l.at, COALESCE(l.user_id, 0), COALESCE(l.entity_id, 0), u.email, "
        "l.action, l.entity, l.detail, l.address FROM audit_log l LEFT JOIN users u ON "
        "u.id = l.user_id WHERE l.id < ? AND l.at >= ? AND (? = 0 OR l.user_id = ?) "
        "ORDER BY l.id DESC LIMIT ?",
        &stmt);
    if (rc || (rc = st->drv->bind_int(stmt, ++n, before_id ? before_id : INT64_MAX)) ||
        (rc = st->drv->bind_text(stmt, ++n, since ? since : "")) ||
        (rc = st->drv->bind_int(stmt, ++n, user)) || (rc = st->drv->bind_int(stmt, ++n, user)) ||
        (rc = st->drv->bind_int(stmt, ++n, (int64_t)limit)))
        return rc;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row && !(rc = audit_row(st, stmt, out)))
        ;
    st->drv->reset(stmt);
    return rc;
}

void rp_audit_rows_release(struct rp_audit_rows *rows)
{
    for (size_t i = 0; i < rows->n; i++) {
        struct rp_audit_row *r = &rows->items[i];
        free(r->user);
        free(r->action);
        free(r->entity);
        free(r->detail);
        free(r->address);
    }
    free(rows->items);
    *rows = (struct rp_audit_rows){0};
}

enum rp_status rp_store_accounts_adopt(struct rp_store *st, int64_t user)
{
    struct sql_arg a[] = {{NULL, user}};
    return run1(st, "UPDATE accounts SET owner_id = ? WHERE owner_id IS NULL", a, 1, NULL, NULL,
                NULL);
}
