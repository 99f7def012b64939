/* The team's users: passwords hashed with argon2id, login sessions and API tokens as random
 * tokens of which only a hash is stored, calendar secrets, and the audit log. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "core/db.h"
#include "base/banned.h"

#define TOKEN_BYTES 32

static enum rp_status sodium_ready(struct rp_db *db)
{
    if (sodium_init() < 0)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "cannot initialize libsodium");
    return RP_OK;
}

/* A new random token as hex (owned), with PREFIX so a leaked token says what it is. */
static char *token_new(const char *prefix)
{
    unsigned char raw[TOKEN_BYTES];
    char hex[TOKEN_BYTES * 2 + 1];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
    size_t n = strlen(prefix) + sizeof(hex);
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s%s", prefix, hex);
    sodium_memzero(raw, sizeof(raw));
    return out;
}

/* What the database keeps of a token: its BLAKE2b hash, as hex. */
static void token_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof(h));
}

static enum rp_status hash_password(struct rp_db *db, const char *password, char *out)
{
    size_t len = strlen(password);
    if (len < 8 || len > 1024)
        return rp_db_fail(db, RP_ERR_INVALID, "password",
                          "a password needs 8 to 1024 "
                          "characters");
    /* argon2id, 2 passes over 64 MiB: above the floor of 19 MiB and 2 passes. */
    if (crypto_pwhash_str_alg(out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory hashing the password");
    return RP_OK;
}

static enum rp_status is_first_user(struct rp_db *db, int *first)
{
    struct rp_records users = {0};
    struct rp_query q = {RP_USER, NULL, 0, -1, 0, 0, 1};
    enum rp_status rc = rp_list(db, &q, &users);
    *first = !rc && users.n == 0;
    rp_records_release(&users);
    return rc;
}

enum rp_status rp_user_add(struct rp_db *db, struct rp_record *user, const char *password)
{
    char hash[crypto_pwhash_STRBYTES];
    int64_t existing;
    int found;
    /* Who may not add users learns nothing: not which e-mails exist, nor after a hash. */
    enum rp_status rc = rp_scope_may_write(db, RP_USER);
    if (!rc)
        rc = sodium_ready(db);
    if (!rc && user->v[RP_USER_EMAIL].set &&
        !(rc = rp_store_user_by_email(db->store, rp_record_str(user, RP_USER_EMAIL), &existing,
                                      &found)) &&
        found)
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "email", "a user with e-mail '%s' already exists",
                        rp_record_str(user, RP_USER_EMAIL));
    int first = 0;
    if (!rc)
        rc = is_first_user(db, &first);
    if (!rc && !(rc = hash_password(db, password, hash)) && !(rc = rp_create(db, user)))
        rc = rp_store_user_set_password(db->store, user->v[0].i, hash);
    /* A book kept before there were logins belongs to its first user. */
    if (!rc && first)
        rc = rp_store_accounts_adopt(db->store, user->v[0].i);
    sodium_memzero(hash, sizeof(hash));
    return rc;
}

enum rp_status rp_user_find(struct rp_db *db, const char *email, int64_t *id)
{
    int found;
    enum rp_status rc = rp_store_user_by_email(db->store, email, id, &found);
    if (!rc && !found)
        rc = rp_db_fail(db, RP_ERR_NOTFOUND, "email", "no user with e-mail '%s'", email);
    return rc;
}

/* A hash to verify against when the user does not exist, so that both cases take the same
 * time and say the same thing. Made once per process. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
    if (crypto_pwhash_str_alg(dummy_hash, "not a password", 14, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
        dummy_hash[0] = '\0';
}

enum rp_status rp_user_login(struct rp_db *db, const char *email, const char *password, int64_t *id)
{
    char *hash = NULL;
    int found = 0, user_found = 0;
    enum rp_status rc = sodium_ready(db);
    if (!rc)
        rc = rp_store_user_by_email(db->store, email, id, &user_found);
    if (!rc && user_found)
        rc = rp_store_user_password(db->store, *id, &hash, &found);
    if (rc)
        return rc;
    pthread_once(&dummy_once, dummy_make);
    int ok = crypto_pwhash_str_verify(found ? hash : dummy_hash, password, strlen(password)) == 0;
    free(hash);
    if (!ok || !found)
        return rp_db_fail(db, RP_ERR_AUTH, "password", "wrong e-mail or password");
    return rp_db_act_as(db, *id);
}

enum rp_status rp_user_set_password(struct rp_db *db, int64_t id, const char *password)
{
    char hash[crypto_pwhash_STRBYTES];
    enum rp_status rc = sodium_ready(db);
    if (!rc && !(rc = hash_password(db, password, hash)) &&
        !(rc = rp_store_user_set_password(db->store, id, hash)))
        rc = rp_store_sessions_end(db->store, id);
    sodium_memzero(hash, sizeof(hash));
    return rc;
}

enum rp_status rp_user_token_new(struct rp_db *db, int64_t id, int64_t expires, char **token)
{
    char hash[65];
    enum rp_status rc = sodium_ready(db);
    if (!rc && expires && expires <= rp_db_now(db))
        rc = rp_db_fail(db, RP_ERR_INVALID, "expires", "a token's expiry must be in the future");
    char *t = rc ? NULL : token_new("rpt_");
    if (!rc && !t)
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (!rc) {
        token_hash(t, hash);
        rc = rp_store_token_put(db->store, id, hash, rp_db_now(db), expires);
    }
    if (rc)
        free(t);
    else
        *token = t;
    return rc;
}

/* TOKEN's hash, kept on DB for the next check of the same token: a read's check, sent
 * ahead and then run, hashes it once. Borrowed: valid until the next call. */
static const char *token_hash_kept(struct rp_db *db, const char *token)
{
    struct rp_hashed *k = &db->hashed;
    size_t len = strlen(token);
    if (k->len && k->len == len && !sodium_memcmp(k->token, token, len))
        return k->hash;
    token_hash(token, k->hash);
    k->len = len < sizeof(k->token) ? len : 0; /* a longer one is no token of ours */
    memcpy(k->token, token, k->len);
    return k->hash;
}

/* What a credential of each kind that is refused says. */
static const char *const credential_refused[RP_STORE_CREDENTIALS] = {
    [RP_STORE_TOKEN] = "invalid, expired or revoked API token",
    [RP_STORE_SESSION] = "not logged in, or the session has ended",
};

/* The user of credential TOKEN of kind WHICH into *ID, acting as them when ACT, and a
 * session's CSRF token into *CSRF (owned) unless CSRF is NULL; all on success only.
 * RP_ERR_AUTH unless the credential is live and its user enabled. */
static enum rp_status credential_user(struct rp_db *db, enum rp_store_credential which,
                                      const char *token, int act, int64_t *id, char **csrf)
{
    struct rp_record u;
    char *c = NULL;
    int found = 0;
    int64_t user = 0;
    if (act)
        rp_db_act_again(db, &(struct rp_actor){0}); /* nobody acts until the user is read */
    enum rp_status rc = sodium_ready(db);
    if (!rc && (rc = rp_record_init(&u, RP_USER)))
        rc = rp_db_fail(db, rc, NULL, "out of memory");
    if (rc)
        return rc;
    rc = rp_store_actor(db->store, which, token_hash_kept(db, token), rp_db_now(db), &u,
                        csrf ? &c : NULL, &found);
    if (!rc && !found)
        rc = rp_db_fail(db, RP_ERR_AUTH, NULL, "%s", credential_refused[which]);
    if (!rc)
        user = u.v[RP_USER_ID].i;
    if (!rc && act)
        rc = rp_db_act_as_row(db, &u); /* which releases U */
    else
        rp_record_release(&u);
    if (rc) {
        free(c);
        return rc;
    }
    *id = user;
    if (csrf)
        *csrf = c;
    return RP_OK;
}

static void credential_ahead(struct rp_db *db, enum rp_store_credential which, const char *token)
{
    if (rp_store_reads_ahead(db->store) && !sodium_ready(db))
        rp_store_actor_ahead(db->store, which, token_hash_kept(db, token), rp_db_now(db));
}

enum rp_status rp_token_user(struct rp_db *db, const char *token, int64_t *id)
{
    return credential_user(db, RP_STORE_TOKEN, token, 0, id, NULL);
}

enum rp_status rp_db_act_as_token(struct rp_db *db, const char *token, int64_t *id)
{
    return credential_user(db, RP_STORE_TOKEN, token, 1, id, NULL);
}

void rp_db_token_ahead(struct rp_db *db, const char *token)
{
    credential_ahead(db, RP_STORE_TOKEN, token);
}

/* Whether the acting user may see and revoke the tokens of user ID. */
static int may_manage_tokens(struct rp_db *db, int64_t id)
{
    struct rp_scope scope;
    rp_scope_of(db, &scope);
    return !scope.user_id || scope.user_id == id;
}

static json_t *instant_json(int64_t at)
{
    char text[RP_INSTANT_LEN];
    if (at < 0)
        return json_null();
    rp_instant_format(at, text);
    return json_string(text);
}

static json_t *token_json(const struct rp_token_row *t, int64_t now)
{
    int active = t->revoked < 0 && (t->expires < 0 || t->expires > now);
    return json_pack("{s:I,s:I,s:o,s:o,s:o,s:b}", "id", (json_int_t)t->id, "user_id",
                     (json_int_t)t->user_id, "created_at", instant_json(t->created), "expires_at",
                     instant_json(t->expires), "revoked_at", instant_json(t->revoked), "active",
                     active);
}

enum rp_status rp_user_tokens(struct rp_db *db, int64_t id, json_t **out)
{
    struct rp_token_rows rows = {0};
    struct rp_record user;
    if (!may_manage_tokens(db, id))
        return rp_db_fail(db, RP_ERR_FORBIDDEN, "id", "only admins see other users' tokens");
    enum rp_status rc = rp_get(db, RP_USER, id, &user);
    if (rc)
        return rc;
    rp_record_release(&user);
    json_t *arr = NULL;
    if (!(rc = rp_store_token_list(db->store, id, &rows)) && (arr = json_array()))
        for (size_t i = 0; i < rows.n && arr; i++)
            if (json_array_append_new(arr, token_json(&rows.items[i], rp_db_now(db)))) {
                json_decref(arr);
                arr = NULL;
            }
    if (!rc && !arr)
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    free(rows.items);
    if (!rc)
        *out = arr;
    return rc;
}

enum rp_status rp_user_token_revoke(struct rp_db *db, int64_t token_id)
{
    int64_t owner;
    int found;
    enum rp_status rc = rp_store_token_owner(db->store, token_id, &owner, &found);
    if (!rc && (!found || !may_manage_tokens(db, owner)))
        rc = rp_db_fail(db, RP_ERR_NOTFOUND, "id", "no API token %lld", (long long)token_id);
    if (!rc)
        rc = rp_store_token_revoke(db->store, token_id, 0, rp_db_now(db));
    return rc;
}

enum rp_status rp_session_new(struct rp_db *db, int64_t id, char **token, char **csrf)
{
    char hash[65];
    enum rp_status rc = sodium_ready(db);
    char *t = rc ? NULL : token_new(""), *c = rc ? NULL : token_new("");
    if (!rc && (!t || !c))
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    /* Each login clears the sessions that have expired and the audit lines past their
     * keeping, so neither piles up. */
    if (!rc)
        rc = rp_store_sessions_prune(db->store, rp_db_now(db));
    if (!rc)
        rc = rp_audit_prune(db);
    if (!rc) {
        token_hash(t, hash);
        rc = rp_store_session_put(db->store, hash, id, c, rp_db_now(db),
                                  rp_db_now(db) + RP_SESSION_SECONDS);
    }
    if (rc) {
        free(t);
        free(c);
        return rc;
    }
    *token = t;
    *csrf = c;
    return RP_OK;
}

enum rp_status rp_session_user(struct rp_db *db, const char *token, int64_t *id, char **csrf)
{
    return credential_user(db, RP_STORE_SESSION, token, 0, id, csrf);
}

enum rp_status rp_db_act_as_session(struct rp_db *db, const char *token, int64_t *id, char **csrf)
{
    return credential_user(db, RP_STORE_SESSION, token, 1, id, csrf);
}

void rp_db_session_ahead(struct rp_db *db, const char *token)
{
    credential_ahead(db, RP_STORE_SESSION, token);
}

enum rp_status rp_session_end(struct rp_db *db, const char *token)
{
    char hash[65];
    enum rp_status rc = sodium_ready(db);
    if (rc)
        return rc;
    token_hash(token, hash);
    return rp_store_session_delete(db->store, hash);
}

enum rp_status rp_user_sessions_end(struct rp_db *db, int64_t id)
{
    return rp_store_sessions_end(db->store, id);
}

enum rp_status rp_calendar_secret(struct rp_db *db, int64_t id, int rotate, char **secret)
{
    int found = 0;
    enum rp_status rc = sodium_ready(db);
    if (!rc && !rotate)
        rc = rp_store_user_calendar(db->store, id, secret, &found);
    if (rc || found)
        return rc;
    char *s = token_new("");
    if (!s)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    if ((rc = rp_store_user_set_calendar(db->store, id, s))) {
        free(s);
        return rc;
    }
    *secret = s;
    return RP_OK;
}

enum rp_status rp_calendar_user(struct rp_db *db, const char *secret, int64_t *id)
{
    int found;
    enum rp_status rc = rp_store_user_by_calendar(db->store, secret, id, &found);
    if (!rc && !found)
        rc = rp_db_fail(db, RP_ERR_NOTFOUND, NULL, "no such calendar");
    return rc;
}

/* What a line of the audit log keeps of a detail (a path, a verb), in bytes: enough to
 * read, not enough to fill the disk with long URLs. */
#define AUDIT_DETAIL_MAX 200

/* DETAIL kept to its first AUDIT_DETAIL_MAX bytes, cut between characters, into CUT. */
static const char *audit_detail(const char *detail, char cut[AUDIT_DETAIL_MAX + 4])
{
    if (!detail || strlen(detail) <= AUDIT_DETAIL_MAX)
        return detail;
    size_t n = AUDIT_DETAIL_MAX;
    while (n && ((unsigned char)detail[n] & 0xC0) == 0x80) /* not inside a character */
        n--;
    snprintf(cut, AUDIT_DETAIL_MAX + 4, "%.*s...", (int)n, detail);
    return cut;
}

enum rp_status rp_audit(struct rp_db *db, const char *action, const char *entity, int64_t entity_id,
                        const char *detail, const char *address)
{
    char cut[AUDIT_DETAIL_MAX + 4];
    return rp_store_audit(db->store, rp_db_now(db), db->actor.id, action, entity, entity_id,
                          audit_detail(detail, cut), address);
}

enum rp_status rp_audit_write(struct rp_db *db, const struct rp_audit_line *lines, size_t n)
{
    char cut[AUDIT_DETAIL_MAX + 4];
    enum rp_status rc = n ? rp_db_begin(db) : RP_OK;
    for (size_t i = 0; i < n && !rc; i++)
        rc = rp_store_audit(db->store, lines[i].at, lines[i].user_id, lines[i].action, NULL, 0,
                            audit_detail(lines[i].detail, cut), lines[i].address);
    if (n && !rc)
        rc = rp_db_commit(db);
    if (n && rc)
        rp_db_rollback(db);
    return rc;
}

enum rp_status rp_audit_prune(struct rp_db *db)
{
    int64_t days;
    enum rp_status rc = rp_config_int(db, "audit.keep-days", &days);
    if (rc || !days)
        return rc;
    return rp_store_audit_prune(db->store, rp_db_now(db) - days * 86400);
}

static json_t *audit_row_json(const struct rp_audit_row *r)
{
    char at[RP_INSTANT_LEN];
    rp_instant_format(r->at, at);
    return json_pack("{s:I,s:s,s:o,s:s?,s:s,s:s?,s:o,s:s?,s:s?}", "id", (json_int_t)r->id, "at", at,
                     "user_id", r->user_id ? json_integer(r->user_id) : json_null(), "user",
                     r->user, "action", r->action ? r->action : "", "entity", r->entity,
                     "entity_id", r->entity_id ? json_integer(r->entity_id) : json_null(), "detail",
                     r->detail, "address", r->address);
}

enum rp_status rp_audit_may_read(struct rp_db *db)
{
    struct rp_scope scope;
    rp_scope_of(db, &scope);
    if (scope.user_id)
        return rp_db_fail(db, RP_ERR_FORBIDDEN, NULL, "only an admin may read the audit log");
    return RP_OK;
}

enum rp_status rp_audit_list(struct rp_db *db, const struct rp_audit_query *q, json_t **out)
{
    struct rp_audit_rows rows = {0};
    char since[RP_DATE_LEN];
    enum rp_status rc = rp_audit_may_read(db);
    if (rc)
        return rc;
    if (q->since_day >= 0)
        rp_date_format(q->since_day, since);
    rc = rp_store_audit_list(db->store, q->before_id, q->since_day >= 0 ? since : NULL, q->user_id,
                             q->limit, &rows);
    json_t *arr = rc ? NULL : json_array();
    for (size_t i = 0; arr && i < rows.n; i++) {
        if (json_array_append_new(arr, audit_row_json(&rows.items[i]))) {
            json_decref(arr);
            arr = NULL;
        }
    }
    rp_audit_rows_release(&rows);
    if (!rc && !arr)
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    *out = arr;
    return rc;
}
