/* Merging duplicates: an account or a contact entered twice becomes one. What belonged to
 * the duplicate moves to the one kept, the kept one's empty fields take the duplicate's
 * values, the duplicate's history becomes the kept one's, and a line in the account's
 * history says what was merged; then the duplicate is deleted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "core/db.h"
#include "base/banned.h"

/* Whether field F of REC is empty: unset, or at its default (DEFS holds the defaults). */
static int merge_empty(const struct rp_record *rec, const struct rp_record *defs, int f)
{
    const struct rp_value *v = &rec->v[f], *d = &defs->v[f];
    if (!v->set)
        return 1;
    if (!d->set)
        return 0;
    return v->s || d->s ? v->s && d->s && !strcmp(v->s, d->s) : v->i == d->i;
}

/* Whether the user gives field F (a name, a choice, a date, ...; not an id or a stamp). */
static int merge_fillable(const struct rp_field *fd)
{
    return (fd->flags & (RP_F_INPUT | RP_F_EDIT)) && fd->type != RP_T_ID && fd->type != RP_T_REF;
}

/* KEEP's empty fields take FROM's values (those FROM has that are not empty), written with
 * rp_update when any did. */
static enum rp_status merge_fill(struct rp_db *db, struct rp_record *keep,
                                 const struct rp_record *from)
{
    const struct rp_kind *kind = keep->kind;
    struct rp_record defs;
    unsigned char *changed = calloc(kind->nfields, 1);
    int any = 0;
    enum rp_status rc = changed ? rp_record_init(&defs, kind->id) : RP_ERR_INTERNAL;
    if (rc) {
        free(changed);
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    for (size_t f = 1; f < kind->nfields && !rc; f++)
        if (kind->fields[f].def)
            rc = rp_record_set_text(db, &defs, (int)f, kind->fields[f].def);
    for (size_t f = 1; f < kind->nfields && !rc; f++) {
        const struct rp_value *v = &from->v[f];
        if (!merge_fillable(&kind->fields[f]) || !merge_empty(keep, &defs, (int)f) ||
            merge_empty(from, &defs, (int)f))
            continue;
        if (v->s)
            rc = rp_record_set_str(keep, (int)f, v->s);
        else
            rp_record_set_int(keep, (int)f, v->i);
        changed[f] = 1;
        any = 1;
    }
    if (!rc && any)
        rc = rp_update(db, keep, changed);
    rp_record_release(&defs);
    free(changed);
    return rc;
}

/* A contact's account, an account itself. */
static int64_t merge_account_of(const struct rp_record *rec)
{
    return rec->kind->id == RP_CONTACT ? rp_record_int(rec, RP_CONTACT_ACCOUNT_ID, 0) : rec->v[0].i;
}

static enum rp_status merge_kind(struct rp_db *db, enum rp_kind_id kind)
{
    if (kind != RP_ACCOUNT && kind != RP_CONTACT)
        return rp_db_fail(db, RP_ERR_USAGE, NULL, "only accounts and contacts can be merged");
    return RP_OK;
}

/* Checked once both are found, so that a record the user does not see is not found, into
 * itself or not. */
static enum rp_status merge_not_itself(struct rp_db *db, const struct rp_record *from,
                                       const struct rp_record *keep)
{
    if (from->v[0].i != keep->v[0].i)
        return RP_OK;
    return rp_db_fail(db, RP_ERR_INVALID, NULL, "cannot merge %s %lld into itself",
                      from->kind->name, (long long)from->v[0].i);
}

/* Two contacts of different accounts are two people as far as the records go: their
 * activities and agreements belong to their accounts. */
static enum rp_status merge_same_account(struct rp_db *db, const struct rp_record *from,
                                         const struct rp_record *keep)
{
    if (from->kind->id != RP_CONTACT || merge_account_of(from) == merge_account_of(keep))
        return RP_OK;
    return rp_db_fail(db, RP_ERR_INVALID, NULL,
                      "contact %lld is of account %lld and contact "
                      "%lld of account %lld (merge the accounts first)",
                      (long long)from->v[0].i, (long long)merge_account_of(from),
                      (long long)keep->v[0].i, (long long)merge_account_of(keep));
}

/* The line in the kept account's history: "contact 7: Bob <bob@acme.example>" merged
 * into contact 3. */
static enum rp_status merge_history_line(struct rp_db *db, const struct rp_record *from,
                                         const struct rp_record *keep)
{
    struct rp_buf was = RP_BUF_INIT, now = RP_BUF_INIT;
    int name = rp_kind_field(from->kind, "name"), email = rp_kind_field(from->kind, "email");
    const char *kind = from->kind->name;
    enum rp_status rc =
        rp_buf_addf(&was, "%s %lld: %s", kind, (long long)from->v[0].i, rp_record_str(from, name));
    if (!rc && email >= 0 && rp_record_str(from, email))
        rc = rp_buf_addf(&was, " <%s>", rp_record_str(from, email));
    if (!rc)
        rc = rp_buf_addf(&now, "%s %lld", kind, (long long)keep->v[0].i);
    rc = rc ? rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory")
            : rp_history_add(db, RP_ACCOUNT, merge_account_of(keep), kind, rp_buf_str(&was),
                             rp_buf_str(&now), "merged");
    rp_buf_release(&was);
    rp_buf_release(&now);
    return rc;
}

/* The primary contacts of account ACCOUNT into OUT. */
static enum rp_status merge_primaries(struct rp_db *db, int64_t account, struct rp_records *out)
{
    char id[24];
    snprintf(id, sizeof(id), "%lld", (long long)account);
    struct rp_filter filters[] = {{RP_CONTACT_ACCOUNT_ID, id}, {RP_CONTACT_PRIMARY, "yes"}};
    struct rp_query q = {RP_CONTACT, filters, 2, -1, 0, 0, 0};
    return rp_list(db, &q, out);
}

/* An account has one primary contact: the kept account's stays so, the duplicate's is
 * primary no more when the kept account has one. */
static enum rp_status merge_one_primary(struct rp_db *db, int64_t from, int64_t into)
{
    struct rp_records kept = {0}, dup = {0};
    unsigned char changed[RP_CONTACT_NFIELDS] = {0};
    enum rp_status rc = merge_primaries(db, into, &kept);
    if (!rc && kept.n)
        rc = merge_primaries(db, from, &dup);
    changed[RP_CONTACT_PRIMARY] = 1;
    for (size_t i = 0; i < dup.n && !rc; i++) {
        rp_record_set_int(&dup.items[i], RP_CONTACT_PRIMARY, 0);
        rc = rp_store_update(db->store, &dup.items[i], changed);
    }
    rp_records_release(&kept);
    rp_records_release(&dup);
    return rc;
}

static enum rp_status merge_move(struct rp_db *db, const struct rp_record *from,
                                 const struct rp_record *keep)
{
    enum rp_status rc;
    if (from->kind->id == RP_CONTACT)
        return rp_store_merge_contact(db->store, from->v[0].i, keep->v[0].i);
    if ((rc = merge_one_primary(db, from->v[0].i, keep->v[0].i)))
        return rc;
    return rp_store_merge_account(db->store, from->v[0].i, keep->v[0].i,
                                  rp_record_int(keep, RP_ACCOUNT_OWNER_ID, 0));
}

enum rp_status rp_record_merge(struct rp_db *db, enum rp_kind_id kind, int64_t from, int64_t into,
                               struct rp_record *out)
{
    struct rp_record dup = {0}, keep = {0};
    enum rp_status rc = merge_kind(db, kind);
    if (rc || (rc = rp_get(db, kind, from, &dup)) || (rc = rp_get(db, kind, into, &keep)) ||
        (rc = merge_not_itself(db, &dup, &keep)) || (rc = merge_same_account(db, &dup, &keep)) ||
        (rc = merge_fill(db, &keep, &dup)) || (rc = merge_move(db, &dup, &keep)) ||
        (rc = merge_history_line(db, &dup, &keep)) ||
        (rc = rp_store_delete(db->store, rp_kind_get(kind), from)))
        goto out;
    rc = rp_facts_dirty(db, RP_ACCOUNT, merge_account_of(&keep));
out:
    rp_record_release(&dup);
    if (!rc && out)
        *out = keep;
    else
        rp_record_release(&keep);
    return rc;
}

enum rp_status rp_record_merge_new(struct rp_db *db, const struct rp_record *rec, int64_t into,
                                   struct rp_record *out)
{
    struct rp_record keep = {0};
    enum rp_status rc = merge_kind(db, rec->kind->id);
    if (rc || (rc = rp_get(db, rec->kind->id, into, &keep)))
        goto out;
    if (rec->kind->id == RP_CONTACT && rec->v[RP_CONTACT_ACCOUNT_ID].set &&
        rec->v[RP_CONTACT_ACCOUNT_ID].i != merge_account_of(&keep))
        rc = rp_db_fail(db, RP_ERR_INVALID, NULL,
                        "contact %lld is of account %lld, not of "
                        "account %lld",
                        (long long)into, (long long)merge_account_of(&keep),
                        (long long)rec->v[RP_CONTACT_ACCOUNT_ID].i);
    if (!rc)
        rc = merge_fill(db, &keep, rec);
out:
    if (!rc && out)
        *out = keep;
    else
        rp_record_release(&keep);
    return rc;
}
