/* Who may see and change what: every account has an owner; what belongs to an account
 * (contacts, deals, activities, ...) is its owner's. Reps see their own, managers their
 * team's, admins everything. A record the actor may not see is reported exactly like a
 * record that does not exist. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "base/banned.h"

enum rp_status rp_db_act_as_row(struct rp_db *db, struct rp_record *u)
{
    int64_t user_id = u->v[RP_USER_ID].i;
    enum rp_status rc = RP_OK;
    if (rp_record_int(u, RP_USER_DISABLED, 0)) {
        rc = rp_db_fail(db, RP_ERR_AUTH, NULL, "user %lld is disabled", (long long)user_id);
        goto out;
    }
    db->actor.id = user_id;
    db->actor_read_in_tx = rp_store_in_transaction(db->store);
    snprintf(db->actor.role, sizeof(db->actor.role), "%s", rp_record_str(u, RP_USER_ROLE));
    const char *team = rp_record_str(u, RP_USER_TEAM);
    snprintf(db->actor.team, sizeof(db->actor.team), "%s", team ? team : "");
out:
    rp_record_release(u);
    return rc;
}

static void act_as_nobody(struct rp_db *db)
{
    memset(&db->actor, 0, sizeof(db->actor));
    db->actor_read_in_tx = 0;
    db->hidden = 0;
}

enum rp_status rp_db_act_as(struct rp_db *db, int64_t user_id)
{
    struct rp_record u;
    act_as_nobody(db);
    if (!user_id)
        return RP_OK;
    /* A database that cannot answer is no reason to refuse the user: its error stands. */
    enum rp_status rc = rp_get(db, RP_USER, user_id, &u);
    if (rc == RP_ERR_NOTFOUND)
        return rp_db_fail(db, RP_ERR_AUTH, NULL, "no such user");
    if (rc) /* the database failed (it may be restarting): not the user's fault */
        return rc;
    return rp_db_act_as_row(db, &u);
}

enum rp_status rp_db_act_as_email(struct rp_db *db, const char *email)
{
    struct rp_record u;
    act_as_nobody(db);
    enum rp_status rc = rp_record_init(&u, RP_USER);
    if (rc)
        return rp_db_fail(db, rc, NULL, "out of memory");
    if ((rc = rp_store_user_get_by_email(db->store, email, &u))) {
        rp_record_release(&u);
        return rc;
    }
    return rp_db_act_as_row(db, &u);
}

int rp_db_is_actor_read(const struct rp_db *db, int64_t id)
{
    return id && id == db->actor.id && db->actor_read_in_tx && rp_store_in_transaction(db->store);
}

int64_t rp_db_actor(const struct rp_db *db)
{
    return db->actor.id;
}

void rp_db_acting(const struct rp_db *db, struct rp_actor *out)
{
    *out = db->actor;
}

void rp_db_act_again(struct rp_db *db, const struct rp_actor *actor)
{
    db->actor = *actor;
    db->actor_read_in_tx = 0;
    db->hidden = 0;
}

int rp_db_was_hidden(const struct rp_db *db)
{
    return db->hidden;
}

static int unrestricted(const struct rp_db *db)
{
    return !db->actor.id || !strcmp(db->actor.role, "admin");
}

void rp_scope_of(const struct rp_db *db, struct rp_scope *out)
{
    if (db->part_scope) {
        *out = *db->part_scope;
        return;
    }
    out->user_id = unrestricted(db) ? 0 : db->actor.id;
    out->team = !strcmp(db->actor.role, "manager") && db->actor.team[0] ? db->actor.team : NULL;
}

/* Whether the actor's scope covers accounts owned by OWNER. */
static enum rp_status owner_in_scope(struct rp_db *db, int64_t owner, int *yes)
{
    struct rp_record u;
    *yes = unrestricted(db) || (owner && owner == db->actor.id);
    if (*yes || !owner || strcmp(db->actor.role, "manager") || !db->actor.team[0])
        return RP_OK;
    enum rp_status rc = rp_record_init(&u, RP_USER);
    if (!rc && !(rc = rp_store_get(db->store, owner, &u))) {
        const char *team = rp_record_str(&u, RP_USER_TEAM);
        *yes = team && !strcmp(team, db->actor.team);
    }
    rp_record_release(&u);
    return rc == RP_ERR_NOTFOUND ? RP_OK : rc;
}

/* The owner of the account a record belongs to (0: none); *scoped is 0 for records that
 * belong to no account (users, history). */
static enum rp_status record_owner(struct rp_db *db, const struct rp_record *rec, int64_t *owner,
                                   int *scoped)
{
    int af = rp_kind_field(rec->kind, "account_id");
    *owner = 0;
    *scoped = rec->kind->id == RP_ACCOUNT || af >= 0;
    if (rec->kind->id == RP_ACCOUNT) {
        *owner = rp_record_int(rec, RP_ACCOUNT_OWNER_ID, 0);
        return RP_OK;
    }
    if (af < 0 || !rec->v[af].set)
        return RP_OK;
    struct rp_record acc;
    enum rp_status rc = rp_record_init(&acc, RP_ACCOUNT);
    if (!rc && !(rc = rp_store_get(db->store, rec->v[af].i, &acc)))
        *owner = rp_record_int(&acc, RP_ACCOUNT_OWNER_ID, 0);
    rp_record_release(&acc);
    return rc;
}

enum rp_status rp_scope_check(struct rp_db *db, const struct rp_record *rec)
{
    int64_t owner;
    int scoped, yes = 1;
    if (unrestricted(db))
        return RP_OK;
    enum rp_status rc = record_owner(db, rec, &owner, &scoped);
    if (!rc && scoped)
        rc = owner_in_scope(db, owner, &yes);
    if (!rc && !yes) {
        db->hidden = 1;
        rc = rp_db_fail(db, RP_ERR_NOTFOUND, "id", "%s %lld not found", rec->kind->name,
                        (long long)rec->v[0].i);
    }
    return rc;
}

enum rp_status rp_scope_owner_allowed(struct rp_db *db, int64_t owner)
{
    int yes;
    enum rp_status rc = owner_in_scope(db, owner, &yes);
    if (!rc && !yes)
        rc = rp_db_fail(db, RP_ERR_FORBIDDEN, "owner_id",
                        "you may not give accounts to user "
                        "%lld",
                        (long long)owner);
    return rc;
}

enum rp_status rp_scope_may_write(struct rp_db *db, enum rp_kind_id kind)
{
    if (kind == RP_USER && !unrestricted(db))
        return rp_db_fail(db, RP_ERR_FORBIDDEN, NULL, "only an admin may change users");
    return RP_OK;
}
