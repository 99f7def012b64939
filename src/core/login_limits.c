/* The login rate limit: failed logins counted per account and per client address, each in
 * its own window. The counts are kept in the database, so that every server in front of it
 * counts together and a restart forgets nothing. */
#include <ctype.h>

#include "core/db.h"
#include "base/banned.h"

#define LOGIN_WINDOW 300    /* seconds */
#define ACCOUNT_FAILURES 10 /* per e-mail address tried */
#define ADDRESS_FAILURES 50 /* per client address: an office shares one */
#define KEY_SIZE 160

/* "a:" + client address or "u:" + folded e-mail: keys are compared whole, so two never
 * share a count. */
static void login_key(char key[KEY_SIZE], char kind, const char *s)
{
    size_t n = 0;
    key[n++] = kind;
    key[n++] = ':';
    for (; *s && n < KEY_SIZE - 1; s++)
        key[n++] = (char)tolower((unsigned char)*s);
    key[n] = '\0';
}

static int64_t window_start(struct rp_db *db)
{
    return rp_db_now(db) - LOGIN_WINDOW;
}

enum rp_status rp_login_allowed(struct rp_db *db, const char *address, const char *email,
                                int *allowed)
{
    char a[KEY_SIZE], u[KEY_SIZE];
    int64_t by_address = 0, by_account = 0;
    login_key(a, 'a', address);
    login_key(u, 'u', email);
    enum rp_status rc = rp_store_login_failures(db->store, a, window_start(db), &by_address);
    if (!rc)
        rc = rp_store_login_failures(db->store, u, window_start(db), &by_account);
    *allowed = !rc && by_address < ADDRESS_FAILURES && by_account < ACCOUNT_FAILURES;
    return rc;
}

enum rp_status rp_login_failed(struct rp_db *db, const char *address, const char *email)
{
    char a[KEY_SIZE], u[KEY_SIZE];
    login_key(a, 'a', address);
    login_key(u, 'u', email);
    enum rp_status rc = rp_store_login_failed(db->store, a, rp_db_now(db), window_start(db));
    return rc ? rc : rp_store_login_failed(db->store, u, rp_db_now(db), window_start(db));
}

/* Not the address's count: logging in to one's own account must not buy more guesses at
 * others'. */
enum rp_status rp_login_succeeded(struct rp_db *db, const char *email)
{
    char u[KEY_SIZE];
    login_key(u, 'u', email);
    return rp_store_login_clear(db->store, u);
}
