/* Reading, creating, changing and deleting records of any kind: defaults, references,
 * timestamps and history are applied here so that every surface gets them alike. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "core/db.h"
#include "base/banned.h"

enum rp_status rp_get(struct rp_db *db, enum rp_kind_id kind, int64_t id, struct rp_record *out)
{
    enum rp_status rc = rp_record_init(out, kind);
    if (rc)
        return rp_db_fail(db, rc, NULL, "out of memory");
    rc = rp_store_get(db->store, id, out);
    if (!rc)
        rc = rp_scope_check(db, out);
    if (rc)
        rp_record_release(out);
    return rc;
}

/* How a list is read: into a list of records, or as JSON text (rp_list_json); or, with
 * neither, only sent ahead (rp_list_ahead). */
struct list_into {
    struct rp_records *records;
    struct rp_buf *json;
    size_t max, *n;
    int64_t *last_id;
};

enum rp_status rp_list_match(struct rp_db *db, const struct rp_query *q, struct rp_record *match)
{
    enum rp_status rc = rp_record_init(match, q->kind);
    if (rc)
        return rp_db_fail(db, rc, NULL, "out of memory");
    for (size_t i = 0; i < q->nfilters && !rc; i++)
        rc = rp_record_set_text(db, match, q->filters[i].field, q->filters[i].text);
    if (rc)
        rp_record_release(match);
    return rc;
}

static enum rp_status list_records(struct rp_db *db, const struct rp_query *q,
                                   const struct list_into *into)
{
    struct rp_record match;
    enum rp_status rc = rp_list_match(db, q, &match);
    if (rc)
        return rc;
    struct rp_scope scope;
    rp_scope_of(db, &scope);
    struct rp_store_query sq = {&match,        &scope,      q->order_field,
                                q->descending, q->after_id, q->limit};
    if (!rc && into->json)
        rc = rp_store_list_json(db->store, match.kind, &sq, into->max, into->json, into->n,
                                into->last_id);
    else if (!rc && into->records)
        rc = rp_store_list(db->store, match.kind, &sq, into->records);
    else if (!rc)
        rp_store_list_ahead(db->store, match.kind, &sq);
    rp_record_release(&match);
    return rc;
}

enum rp_status rp_list(struct rp_db *db, const struct rp_query *q, struct rp_records *out)
{
    struct list_into into = {.records = out};
    return list_records(db, q, &into);
}

enum rp_status rp_list_json(struct rp_db *db, const struct rp_query *q, size_t max,
                            struct rp_buf *out, size_t *n, int64_t *last_id)
{
    struct list_into into = {NULL, out, max, n, last_id};
    return list_records(db, q, &into);
}

void rp_list_ahead(struct rp_db *db, const struct rp_query *q)
{
    struct list_into into = {0};
    if (rp_store_reads_ahead(db->store))
        list_records(db, q, &into);
}

void rp_get_ahead(struct rp_db *db, enum rp_kind_id kind, int64_t id)
{
    rp_store_get_ahead(db->store, kind, id);
}

enum rp_status rp_get_json(struct rp_db *db, enum rp_kind_id kind, int64_t id, struct rp_buf *out)
{
    struct rp_record keys;
    size_t start = out->len;
    enum rp_status rc = rp_record_init(&keys, kind);
    if (rc)
        return rp_db_fail(db, rc, NULL, "out of memory");
    rc = rp_store_get_json(db->store, id, &keys, out);
    if (!rc)
        rc = rp_scope_check(db, &keys);
    if (rc && out->data) {
        out->len = start;
        out->data[start] = '\0';
    }
    rp_record_release(&keys);
    return rc;
}

enum rp_status rp_list_by(struct rp_db *db, enum rp_kind_id kind, int field, int64_t id,
                          int order_field, int descending, struct rp_records *out)
{
    char text[24];
    snprintf(text, sizeof(text), "%lld", (long long)id);
    struct rp_filter filter = {field, text};
    struct rp_query q = {kind, &filter, 1, order_field, descending, 0, 0};
    return rp_list(db, &q, out);
}

static int kind_field_named(const struct rp_kind *kind, const char *name)
{
    for (size_t f = 0; f < kind->nfields; f++)
        if (!strcmp(kind->fields[f].name, name))
            return (int)f;
    return -1;
}

/* Sets a timestamp field of REC to now, when the kind has it. */
static void stamp(struct rp_db *db, struct rp_record *rec, const char *name)
{
    int f = kind_field_named(rec->kind, name);
    if (f >= 0)
        rp_record_set_int(rec, f, rp_db_now(db));
}

/* What a create gives each field of a kind that the caller left unset, and the kind's
 * timestamps, read from its field table once (an import creates records by the million,
 * and finding each field by name again would cost more than the rest of the filling). */
enum fill_how { FILL_NONE, FILL_DEFAULT, FILL_TEXT, FILL_CURRENCY, FILL_NOW, FILL_TODAY };
#define FILL_FIELDS_MAX 32
#define FILL_STAMPS 3
static const char *const fill_stamps[FILL_STAMPS] = {"created_at", "updated_at", "opened_at"};

struct kind_fill {
    unsigned char how[FILL_FIELDS_MAX]; /* enum fill_how */
    int stamps[FILL_STAMPS];            /* fields of fill_stamps, or -1 */
};

static struct kind_fill kind_fills[RP_KIND_COUNT];
static pthread_once_t kind_fills_once = PTHREAD_ONCE_INIT;

static enum fill_how fill_how_of(const struct rp_field *fd)
{
    /* A required field is the user's to give (a meeting's time is not "now"). */
    if (fd->flags & RP_F_REQUIRED)
        return FILL_NONE;
    /* A default is a value of its field: one of text is copied as it is, not checked again
     * for every record. */
    if (fd->def && (fd->type == RP_T_TEXT || fd->type == RP_T_NAME || fd->type == RP_T_ENUM))
        return FILL_TEXT;
    if (fd->def)
        return FILL_DEFAULT;
    if (fd->type == RP_T_CURRENCY)
        return FILL_CURRENCY;
    if (fd->type == RP_T_INSTANT && (!strcmp(fd->name, "at") || !strcmp(fd->name, "sent_at")))
        return FILL_NOW;
    return !strcmp(fd->name, "made_on") ? FILL_TODAY : FILL_NONE;
}

static void kind_fills_make(void)
{
    for (int k = 0; k < RP_KIND_COUNT; k++) {
        const struct rp_kind *kind = rp_kind_get((enum rp_kind_id)k);
        struct kind_fill *fill = &kind_fills[k];
        if (kind->nfields > FILL_FIELDS_MAX)
            abort();
        for (size_t f = 0; f < kind->nfields; f++)
            fill->how[f] = (unsigned char)fill_how_of(&kind->fields[f]);
        for (int i = 0; i < FILL_STAMPS; i++)
            fill->stamps[i] = kind_field_named(kind, fill_stamps[i]);
    }
}

static const struct kind_fill *kind_fill(const struct rp_kind *kind)
{
    pthread_once(&kind_fills_once, kind_fills_make);
    return &kind_fills[kind->id];
}

static enum rp_status fill_defaults(struct rp_db *db, struct rp_record *rec)
{
    const struct kind_fill *fill = kind_fill(rec->kind);
    enum rp_status rc = RP_OK;
    for (size_t f = 0; f < rec->kind->nfields && !rc; f++) {
        const struct rp_field *fd = &rec->kind->fields[f];
        if (rec->v[f].set)
            continue;
        switch ((enum fill_how)fill->how[f]) {
        case FILL_DEFAULT:
            rc = rp_record_set_text(db, rec, (int)f, fd->def);
            break;
        case FILL_TEXT:
            if (rp_record_set_str(rec, (int)f, fd->def))
                rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
            break;
        case FILL_CURRENCY: {
            char *cur;
            if (!(rc = rp_config_get(db, "currency", &cur)))
                rc = rp_record_set_text(db, rec, (int)f, cur);
            free(cur);
            break;
        }
        case FILL_NOW:
            rp_record_set_int(rec, (int)f, rp_db_now(db));
            break;
        case FILL_TODAY:
            rp_record_set_int(rec, (int)f, rp_db_today(db));
            break;
        case FILL_NONE:
            break;
        }
    }
    return rc;
}

static enum rp_status check_required(struct rp_db *db, const struct rp_record *rec)
{
    for (size_t f = 0; f < rec->kind->nfields; f++) {
        const struct rp_field *fd = &rec->kind->fields[f];
        if ((fd->flags & RP_F_REQUIRED) && !rec->v[f].set)
            return rp_db_fail(db, RP_ERR_USAGE, fd->name, "missing %s for the %s (%s)",
                              fd->flag ? fd->flag : fd->name, rec->kind->name,
                              fd->help ? fd->help : "required");
    }
    return RP_OK;
}

/* The account a referenced record belongs to (an account is its own). */
static enum rp_status ref_account(struct rp_db *db, enum rp_kind_id kind, int64_t id,
                                  int64_t *account)
{
    struct rp_record r;
    enum rp_status rc = rp_get(db, kind, id, &r);
    if (rc)
        return rc;
    int af = kind_field_named(r.kind, "account_id");
    *account = kind == RP_ACCOUNT ? id : af >= 0 ? rp_record_int(&r, af, 0) : 0;
    rp_record_release(&r);
    return RP_OK;
}

/* The owner_id of a record that belongs to an account (derived from the account), or -1. */
static int derived_owner_field(const struct rp_kind *kind)
{
    return kind->id == RP_ACCOUNT ? -1 : kind_field_named(kind, "owner_id");
}

/* What belongs to an account is its owner's: the owner is copied, so that the agenda finds
 * a user's records through indexes that start with the owner. */
static enum rp_status derive_owner(struct rp_db *db, struct rp_record *rec, int64_t account)
{
    int of = derived_owner_field(rec->kind);
    struct rp_record acc;
    if (of < 0)
        return RP_OK;
    enum rp_status rc = rp_get(db, RP_ACCOUNT, account, &acc);
    if (rc)
        return rc;
    if (acc.v[RP_ACCOUNT_OWNER_ID].set)
        rp_record_set_int(rec, of, acc.v[RP_ACCOUNT_OWNER_ID].i);
    else
        rp_record_clear(rec, of);
    rp_record_release(&acc);
    return RP_OK;
}

/* Every reference must exist, and all of them must point into one account, which
 * becomes the record's account_id when it was not given (a deal implies its account). */
static enum rp_status check_refs(struct rp_db *db, struct rp_record *rec)
{
    int af = kind_field_named(rec->kind, "account_id");
    int64_t account = af >= 0 ? rp_record_int(rec, af, 0) : 0;
    enum rp_status rc = RP_OK;
    for (size_t f = 0; f < rec->kind->nfields && !rc; f++) {
        const struct rp_field *fd = &rec->kind->fields[f];
        int64_t owner;
        if (fd->type != RP_T_REF || !rec->v[f].set || (int)f == derived_owner_field(rec->kind))
            continue;
        if (fd->ref == RP_USER && rp_db_is_actor_read(db, rec->v[f].i))
            continue; /* exists: rp_db_act_as read it in this transaction */
        if ((rc = ref_account(db, fd->ref, rec->v[f].i, &owner)))
            return rc;
        if (af < 0 || (int)f == af || fd->ref == RP_USER)
            continue;
        if (account && owner != account)
            return rp_db_fail(db, RP_ERR_INVALID, fd->name,
                              "%s %lld belongs to another account "
                              "(account %lld, not %lld)",
                              rp_kind_get(fd->ref)->name, (long long)rec->v[f].i, (long long)owner,
                              (long long)account);
        account = owner;
    }
    if (af >= 0 && account)
        rp_record_set_int(rec, af, account);
    if (af >= 0 && !account && rec->kind->id != RP_ACCOUNT)
        return rp_db_fail(db, RP_ERR_USAGE, "account_id", "missing account or deal for the %s",
                          rec->kind->name);
    return account ? derive_owner(db, rec, account) : RP_OK;
}

/* An account has one primary contact: marking one clears the others. */
static enum rp_status contact_primary(struct rp_db *db, const struct rp_record *contact)
{
    char account[24];
    struct rp_records others = {0};
    snprintf(account, sizeof(account), "%lld",
             (long long)rp_record_int(contact, RP_CONTACT_ACCOUNT_ID, 0));
    struct rp_filter filters[] = {{RP_CONTACT_ACCOUNT_ID, account}, {RP_CONTACT_PRIMARY, "yes"}};
    struct rp_query q = {RP_CONTACT, filters, 2, -1, 0, 0, 0};
    enum rp_status rc = rp_list(db, &q, &others);
    unsigned char changed[RP_CONTACT_NFIELDS] = {0};
    changed[RP_CONTACT_PRIMARY] = 1;
    for (size_t i = 0; i < others.n && !rc; i++) {
        if (others.items[i].v[0].i == contact->v[0].i)
            continue;
        rp_record_set_int(&others.items[i], RP_CONTACT_PRIMARY, 0);
        rc = rp_store_update(db->store, &others.items[i], changed);
    }
    rp_records_release(&others);
    return rc;
}

/* A new account is the actor's unless given to someone they may give it to. */
static enum rp_status check_owner(struct rp_db *db, struct rp_record *rec, int is_new)
{
    if (rec->kind->id != RP_ACCOUNT)
        return RP_OK;
    if (is_new && !rec->v[RP_ACCOUNT_OWNER_ID].set && rp_db_actor(db))
        rp_record_set_int(rec, RP_ACCOUNT_OWNER_ID, rp_db_actor(db));
    return rp_scope_owner_allowed(db, rp_record_int(rec, RP_ACCOUNT_OWNER_ID, 0));
}

/* Everything rp_create does before the write, the references checked when REFS. */
static enum rp_status create_fill(struct rp_db *db, struct rp_record *rec, int refs)
{
    enum rp_status rc;
    if ((rc = rp_scope_may_write(db, rec->kind->id)) || (rc = fill_defaults(db, rec)) ||
        (rc = check_owner(db, rec, 1)) || (refs && (rc = check_refs(db, rec))) ||
        (rc = check_required(db, rec)))
        return rc;
    if (rec->kind->id == RP_DEAL && !rp_stage_is_open(rp_record_str(rec, RP_DEAL_STAGE)))
        return rp_db_fail(db, RP_ERR_INVALID, "stage",
                          "a new deal starts at an open stage "
                          "(lead, qualified, meeting, proposal, negotiation); close it with "
                          "rapport won, lost or no-decision");
    const struct kind_fill *fill = kind_fill(rec->kind);
    for (int i = 0; i < FILL_STAMPS; i++)
        if (fill->stamps[i] >= 0)
            rp_record_set_int(rec, fill->stamps[i], rp_db_now(db));
    return RP_OK;
}

enum rp_status rp_create_fill(struct rp_db *db, struct rp_record *rec)
{
    return create_fill(db, rec, 0);
}

enum rp_status rp_create(struct rp_db *db, struct rp_record *rec)
{
    enum rp_status rc;
    if ((rc = create_fill(db, rec, 1)) || (rc = rp_store_insert(db->store, rec)) ||
        (rc = rp_facts_dirty_record(db, rec)))
        return rc;
    if (rec->kind->id == RP_CONTACT && rp_record_int(rec, RP_CONTACT_PRIMARY, 0))
        rc = contact_primary(db, rec);
    if (rec->kind->id == RP_DEAL)
        rc = rp_history_add(db, RP_DEAL, rec->v[0].i, "stage", NULL,
                            rp_record_str(rec, RP_DEAL_STAGE), "opened");
    return rc;
}

/* Status and stage changes keep history; other edits are plain. */
static enum rp_status update_history(struct rp_db *db, const struct rp_record *old,
                                     const struct rp_record *rec, const unsigned char *changed)
{
    enum rp_status rc = RP_OK;
    for (size_t f = 1; f < rec->kind->nfields && !rc; f++) {
        const char *name = rec->kind->fields[f].name;
        const char *from = rp_record_str(old, (int)f), *to = rp_record_str(rec, (int)f);
        if (!changed[f] || (strcmp(name, "status") && strcmp(name, "stage")))
            continue;
        if (from && to && !strcmp(from, to))
            continue;
        rc = rp_history_add(db, rec->kind->id, rec->v[0].i, name, from, to, "edited");
    }
    return rc;
}

/* A field that always has a value (required, defaulted, a currency) cannot be cleared: say
 * so, rather than fail on the store's NOT NULL. */
static enum rp_status check_cleared(struct rp_db *db, const struct rp_record *rec,
                                    const unsigned char *changed)
{
    for (size_t f = 1; f < rec->kind->nfields; f++) {
        const struct rp_field *fd = &rec->kind->fields[f];
        if (changed[f] && !rec->v[f].set &&
            (fd->def || (fd->flags & RP_F_REQUIRED) || fd->type == RP_T_CURRENCY))
            return rp_db_fail(db, RP_ERR_INVALID, fd->name,
                              "%s cannot be cleared (give a new "
                              "value instead)",
                              fd->name);
    }
    return RP_OK;
}

static int active_admin(const struct rp_record *user)
{
    const char *role = rp_record_str(user, RP_USER_ROLE);
    return role && !strcmp(role, "admin") && !rp_record_int(user, RP_USER_DISABLED, 0);
}

/* A team that has an admin keeps one: the last may not be demoted, disabled or deleted
 * (AFTER NULL), or nobody could manage the logins over the API. */
static enum rp_status keep_an_admin(struct rp_db *db, const struct rp_record *before,
                                    const struct rp_record *after)
{
    int64_t others;
    if (before->kind->id != RP_USER || !active_admin(before) || (after && active_admin(after)))
        return RP_OK;
    const char *role = after ? rp_record_str(after, RP_USER_ROLE) : NULL;
    const char *field = !after ? "id" : role && !strcmp(role, "admin") ? "disabled" : "role";
    enum rp_status rc = rp_store_other_admins(db->store, before->v[0].i, &others);
    if (!rc && !others)
        rc = rp_db_fail(db, RP_ERR_CONFLICT, field,
                        "user %lld is the last admin (make another "
                        "user admin first)",
                        (long long)before->v[0].i);
    return rc;
}

/* E-mail addresses are one login each whatever their case: another user's address in other
 * letters would let one password open two names. */
static enum rp_status check_email_free(struct rp_db *db, const struct rp_record *rec,
                                       const unsigned char *changed)
{
    int64_t other;
    int found;
    if (rec->kind->id != RP_USER || !changed[RP_USER_EMAIL] || !rec->v[RP_USER_EMAIL].set)
        return RP_OK;
    const char *email = rp_record_str(rec, RP_USER_EMAIL);
    enum rp_status rc = rp_store_user_by_email(db->store, email, &other, &found);
    if (!rc && found && other != rec->v[0].i)
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "email", "a user with e-mail '%s' already exists",
                        email);
    return rc;
}

/* Disabling a user ends their sessions and revokes their API tokens at once: enabling
 * them again later must not bring back credentials that may have leaked meanwhile. */
static enum rp_status end_sessions_if_disabled(struct rp_db *db, const struct rp_record *rec)
{
    if (rec->kind->id != RP_USER || !rp_record_int(rec, RP_USER_DISABLED, 0))
        return RP_OK;
    enum rp_status rc = rp_store_sessions_end(db->store, rec->v[0].i);
    return rc ? rc : rp_store_token_revoke(db->store, 0, rec->v[0].i, rp_db_now(db));
}

enum rp_status rp_update(struct rp_db *db, struct rp_record *rec, const unsigned char *changed)
{
    return rp_update_was(db, rec, NULL, changed);
}

enum rp_status rp_update_was(struct rp_db *db, struct rp_record *rec, const struct rp_record *was,
                             const unsigned char *changed)
{
    struct rp_record own = {0};
    const struct rp_record *old = was ? was : &own;
    enum rp_status rc = rp_scope_may_write(db, rec->kind->id);
    if (rc || (!was && (rc = rp_get(db, rec->kind->id, rec->v[0].i, &own))))
        return rc;
    if ((rc = check_cleared(db, rec, changed)) || (rc = keep_an_admin(db, old, rec)) ||
        (rc = check_email_free(db, rec, changed)) ||
        (rec->kind->id == RP_ACCOUNT && changed[RP_ACCOUNT_OWNER_ID] &&
         (rc = check_owner(db, rec, 0)))) {
        rp_record_release(&own);
        return rc;
    }
    unsigned char *all = calloc(rec->kind->nfields, 1);
    if (!all) {
        rp_record_release(&own);
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    memcpy(all, changed, rec->kind->nfields);
    int uf = kind_field_named(rec->kind, "updated_at"), of = derived_owner_field(rec->kind);
    if (uf >= 0) {
        stamp(db, rec, "updated_at");
        all[uf] = 1;
    }
    if (of >= 0)
        all[of] = 1;
    if (!(rc = check_refs(db, rec)) && !(rc = update_history(db, old, rec, all)) &&
        !(rc = rp_store_update(db->store, rec, all)) && !(rc = rp_facts_dirty_record(db, old)) &&
        !(rc = rp_facts_dirty_record(db, rec)) && !(rc = end_sessions_if_disabled(db, rec)) &&
        rec->kind->id == RP_CONTACT && rp_record_int(rec, RP_CONTACT_PRIMARY, 0))
        rc = contact_primary(db, rec);
    free(all);
    rp_record_release(&own);
    return rc;
}

struct dependent {
    enum rp_kind_id kind;
    int field;
    const char *one, *many;
};

/* What deleting an account or a deal would take with it. */
static enum rp_status count_dependents(struct rp_db *db, enum rp_kind_id kind, int64_t id,
                                       struct rp_buf *what)
{
    static const struct dependent account_deps[] = {
        {RP_CONTACT, RP_CONTACT_ACCOUNT_ID, "contact", "contacts"},
        {RP_DEAL, RP_DEAL_ACCOUNT_ID, "deal", "deals"},
        {RP_ACTIVITY, RP_ACTIVITY_ACCOUNT_ID, "activity", "activities"},
        {RP_INVOICE, RP_INVOICE_ACCOUNT_ID, "invoice", "invoices"},
        {0, -1, NULL, NULL}};
    static const struct dependent deal_deps[] = {
        {RP_ACTIVITY, RP_ACTIVITY_DEAL_ID, "activity", "activities"},
        {RP_AGREEMENT, RP_AGREEMENT_DEAL_ID, "agreement", "agreements"},
        {RP_MEETING, RP_MEETING_DEAL_ID, "meeting", "meetings"},
        {RP_CLAIM, RP_CLAIM_DEAL_ID, "claim", "claims"},
        {RP_STATEMENT, RP_STATEMENT_DEAL_ID, "statement", "statements"},
        {0, -1, NULL, NULL}};
    const struct dependent *deps = kind == RP_ACCOUNT ? account_deps
                                   : kind == RP_DEAL  ? deal_deps
                                                      : NULL;
    enum rp_status rc = RP_OK;
    for (; deps && deps->one && !rc; deps++) {
        int64_t n;
        if ((rc = rp_store_count(db->store, rp_kind_get(deps->kind), deps->field, id, &n)) || !n)
            continue;
        rc = rp_buf_addf(what, "%s%lld %s", what->len ? ", " : "", (long long)n,
                         n == 1 ? deps->one : deps->many);
    }
    return rc;
}

enum rp_status rp_delete(struct rp_db *db, enum rp_kind_id kind, int64_t id, int force)
{
    struct rp_record rec;
    struct rp_buf what = RP_BUF_INIT;
    enum rp_status rc = rp_scope_may_write(db, kind);
    if (!rc && kind == RP_USER && id == rp_db_actor(db))
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "id", "you cannot delete your own login");
    if (rc || (rc = rp_get(db, kind, id, &rec)))
        return rc;
    rc = keep_an_admin(db, &rec, NULL);
    if (!rc && kind != RP_DEAL)
        rc = rp_facts_dirty_record(db, &rec);
    if (!rc)
        rc = rp_history_deleted(db, &rec);
    rp_record_release(&rec);
    if (!rc && !force && !(rc = count_dependents(db, kind, id, &what)) && what.len)
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "id",
                        "%s %lld still has %s (use --force to delete "
                        "them with it)",
                        rp_kind_get(kind)->name, (long long)id, rp_buf_str(&what));
    if (!rc)
        rc = rp_store_delete(db->store, rp_kind_get(kind), id);
    rp_buf_release(&what);
    return rc;
}

enum rp_status rp_history(struct rp_db *db, enum rp_kind_id kind, int64_t id,
                          struct rp_records *out)
{
    char idtext[24];
    snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
    struct rp_filter filters[] = {{RP_HISTORY_ENTITY, rp_kind_get(kind)->name},
                                  {RP_HISTORY_ENTITY_ID, idtext}};
    struct rp_query q = {RP_HISTORY, filters, 2, -1, 0, 0, 0};
    return rp_list(db, &q, out);
}
