/* Deal facts: what the agenda rules need to know about a deal's history (the last two-way
 * contact, the touches since, open agreements, meetings, claims, pushes, who decides),
 * derived from its records whenever they change, so that `rapport today` reads a few
 * indexed rows instead of every deal's history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/rules.h"
#include "base/grow.h"
#include "base/banned.h"

static int event_cmp(const void *a, const void *b)
{
    const struct rp_contact_event *x = a, *y = b;
    if (x->at != y->at)
        return (x->at > y->at) - (x->at < y->at);
    return (x->seq > y->seq) - (x->seq < y->seq);
}

void rp_facts_start(struct rp_deal_facts *f, const struct rp_record *deal, int64_t account_id,
                    int64_t owner_id)
{
    *f = (struct rp_deal_facts){.deal_id = deal->v[0].i,
                                .account_id = account_id,
                                .last_two_way_at = -1,
                                .last_out_at = -1,
                                .last_in_at = -1,
                                .first_quiet_touch_at = -1,
                                .last_open_due = -1,
                                .pending_push_at = -1,
                                .owner_id = owner_id,
                                .last_touch_at = -1,
                                .quiet_since = -1,
                                .next_meeting_at = -1};
    snprintf(f->stage, sizeof(f->stage), "%s", rp_record_str(deal, RP_DEAL_STAGE));
    f->is_open = rp_stage_is_open(f->stage);
}

void rp_facts_meeting(struct rp_deal_facts *f, const struct rp_record *meeting)
{
    if (strcmp(rp_record_str(meeting, RP_MEETING_STATUS), "planned"))
        return;
    f->planned_meetings++;
    int64_t at = rp_record_int(meeting, RP_MEETING_AT, -1);
    f->next_meeting_at = at > f->next_meeting_at ? at : f->next_meeting_at;
}

int64_t rp_facts_agreed_at(const struct rp_records *agreements, int64_t deal_id)
{
    int64_t last = -1;
    for (size_t i = 0; i < agreements->n; i++) {
        const struct rp_record *g = &agreements->items[i];
        int64_t at = rp_record_int(g, RP_AGREEMENT_CREATED_AT, -1);
        if (rp_record_int(g, RP_AGREEMENT_DEAL_ID, 0) == deal_id && at > last)
            last = at;
    }
    return last;
}

/* Quiet since the last sign of life: a two-way contact or, later, a next step agreed (it
 * was agreed with them); else since the deal opened. */
void rp_facts_finish(struct rp_deal_facts *f, const struct rp_record *deal,
                     const struct rp_record *account, int64_t agreed_at)
{
    f->qualify_gaps = rp_qualify_gaps(deal, account, f->decision_contacts);
    f->quiet_since =
        f->last_two_way_at >= 0 ? f->last_two_way_at : rp_record_int(deal, RP_DEAL_OPENED_AT, -1);
    if (agreed_at > f->quiet_since)
        f->quiet_since = agreed_at;
}

/* A two-way contact resets the quiet touches (practice 6 counts touches since). */
void rp_facts_fold(struct rp_contact_event *ev, size_t n, struct rp_deal_facts *f)
{
    for (size_t i = 0; i < n; i++)
        ev[i].seq = i;
    if (n)
        qsort(ev, n, sizeof(*ev), event_cmp);
    for (size_t i = 0; i < n; i++) {
        if (ev[i].in)
            f->last_in_at = ev[i].at;
        if (ev[i].out)
            f->last_out_at = ev[i].at;
        if (ev[i].two_way) {
            f->last_two_way_at = ev[i].at;
            f->quiet_touches = 0;
            f->first_quiet_touch_at = -1;
        } else if (ev[i].out) {
            f->last_touch_at = ev[i].at;
            if (f->quiet_touches++ == 0)
                f->first_quiet_touch_at = ev[i].at;
        }
    }
}

/* The records of LIST whose FIELD is ID (LIST is ordered by FIELD): a view into it. */
static struct rp_records records_of(const struct rp_records *list, int field, int64_t id)
{
    size_t from = 0, to;
    while (from < list->n && rp_record_int(&list->items[from], field, 0) != id)
        from++;
    for (to = from; to < list->n && rp_record_int(&list->items[to], field, 0) == id;)
        to++;
    return (struct rp_records){list->items + from, to - from, 0};
}

/* Contact events of the deal: its activities (of ACTS, the deals' and their accounts') and
 * its held meetings. */
static enum rp_status contact_events(struct rp_db *db, const struct rp_record *deal,
                                     const struct rp_records *acts,
                                     const struct rp_records *meetings, struct rp_deal_facts *f)
{
    int64_t id = deal->v[0].i, account = rp_record_int(deal, RP_DEAL_ACCOUNT_ID, 0);
    struct rp_contact_event *ev = calloc(acts->n + meetings->n + 1, sizeof(*ev));
    size_t n = 0;
    if (!ev)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t i = 0; i < acts->n; i++) {
        const struct rp_record *a = &acts->items[i];
        int64_t of = rp_record_int(a, RP_ACTIVITY_DEAL_ID, 0);
        if (of ? of != id : rp_record_int(a, RP_ACTIVITY_ACCOUNT_ID, 0) != account)
            continue;
        const char *dir = rp_record_str(a, RP_ACTIVITY_DIRECTION);
        ev[n++] = (struct rp_contact_event){rp_record_int(a, RP_ACTIVITY_AT, 0),
                                            rp_activity_is_two_way(a), !strcmp(dir, "out"),
                                            !strcmp(dir, "in"), 0};
    }
    for (size_t i = 0; i < meetings->n; i++)
        if (!strcmp(rp_record_str(&meetings->items[i], RP_MEETING_STATUS), "held"))
            ev[n++] = (struct rp_contact_event){
                rp_record_int(&meetings->items[i], RP_MEETING_AT, 0), 1, 0, 0, 0};
    rp_facts_fold(ev, n, f);
    free(ev);
    return RP_OK;
}

static void count_records(const struct rp_records *agreements, const struct rp_records *meetings,
                          const struct rp_records *claims, const struct rp_records *pushes,
                          const struct rp_records *contacts, struct rp_deal_facts *f)
{
    for (size_t i = 0; i < agreements->n; i++) {
        const struct rp_record *a = &agreements->items[i];
        if (strcmp(rp_record_str(a, RP_AGREEMENT_STATUS), "open"))
            continue;
        f->open_agreements++;
        int64_t due = rp_record_int(a, RP_AGREEMENT_DUE_ON, -1);
        f->last_open_due = due > f->last_open_due ? due : f->last_open_due;
    }
    for (size_t i = 0; i < meetings->n; i++)
        rp_facts_meeting(f, &meetings->items[i]);
    for (size_t i = 0; i < claims->n; i++)
        f->unverified_claims +=
            !strcmp(rp_record_str(&claims->items[i], RP_CLAIM_STATUS), "unverified");
    for (size_t i = 0; i < pushes->n; i++) {
        const struct rp_record *p = &pushes->items[i];
        int64_t at = rp_record_int(p, RP_PUSH_SENT_AT, -1);
        f->pushes++;
        if (!strcmp(rp_record_str(p, RP_PUSH_OUTCOME), "pending") && at > f->pending_push_at)
            f->pending_push_at = at;
    }
    for (size_t i = 0; i < contacts->n; i++)
        f->decision_contacts +=
            rp_role_decides(rp_record_str(&contacts->items[i], RP_CONTACT_ROLE));
}

/* The facts of DEAL of ACCOUNT, from IN (rp_store_facts_inputs of a batch with the deal). */
static enum rp_status facts_derive(struct rp_db *db, const struct rp_record *deal,
                                   const struct rp_record *account, const struct rp_records *in,
                                   struct rp_deal_facts *f)
{
    int64_t id = deal->v[0].i;
    struct rp_records agreements = records_of(&in[RP_FACTS_AGREEMENTS], RP_AGREEMENT_DEAL_ID, id),
                      meetings = records_of(&in[RP_FACTS_MEETINGS], RP_MEETING_DEAL_ID, id),
                      claims = records_of(&in[RP_FACTS_CLAIMS], RP_CLAIM_DEAL_ID, id),
                      pushes = records_of(&in[RP_FACTS_PUSHES], RP_PUSH_DEAL_ID, id),
                      contacts = records_of(&in[RP_FACTS_CONTACTS], RP_CONTACT_ACCOUNT_ID,
                                            account->v[0].i);
    rp_facts_start(f, deal, account->v[0].i, rp_record_int(account, RP_ACCOUNT_OWNER_ID, 0));
    enum rp_status rc = contact_events(db, deal, &in[RP_FACTS_ACTIVITIES], &meetings, f);
    if (!rc) {
        count_records(&agreements, &meetings, &claims, &pushes, &contacts, f);
        rp_facts_finish(f, deal, account, rp_facts_agreed_at(&agreements, id));
    }
    return rc;
}

/* Marks ID in SET once. Searched from the newest: a deal's account, or the deals of one
 * account, come one after another, so the common repeat is found at once. */
static enum rp_status dirty_add(struct rp_db *db, struct rp_dirty *set, int64_t id)
{
    for (size_t i = set->n; id <= set->max && i-- > 0;)
        if (set->ids[i] == id)
            return RP_OK;
    if (RP_GROW(set->ids, set->n + 1, set->cap))
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    set->ids[set->n++] = id;
    set->max = id > set->max ? id : set->max;
    return RP_OK;
}

/* The record of LIST (ordered by id) with id ID, else read by rp_get into *OWN, which then
 * tells what became of it: not found (deleted, or out of the actor's scope) or an error. */
static enum rp_status batch_record(struct rp_db *db, const struct rp_records *list,
                                   enum rp_kind_id kind, int64_t id, struct rp_record *own,
                                   const struct rp_record **out)
{
    struct rp_records one = records_of(list, 0, id);
    *out = one.n ? one.items : NULL;
    if (*out)
        return RP_OK;
    enum rp_status rc = rp_get(db, kind, id, own);
    *out = rc ? NULL : own;
    return rc;
}

/* Derives again the facts of the N deals IDS (at most RP_FACTS_BATCH) from their records,
 * read together; a deal that is gone has no facts left to derive. */
static enum rp_status facts_refresh(struct rp_db *db, const int64_t *ids, size_t n)
{
    struct rp_records in[RP_FACTS_INPUTS] = {{0}};
    struct rp_scope scope;
    rp_scope_of(db, &scope);
    enum rp_status rc = rp_store_facts_inputs(db->store, ids, n, &scope, in);
    for (size_t i = 0; i < n && !rc; i++) {
        struct rp_record own_deal = {0}, own_account = {0};
        const struct rp_record *deal, *account;
        struct rp_deal_facts f;
        rc = batch_record(db, &in[RP_FACTS_DEALS], RP_DEAL, ids[i], &own_deal, &deal);
        if (rc == RP_ERR_NOTFOUND) {
            rc = RP_OK; /* deleted with its facts */
            continue;
        }
        int64_t account_id = deal ? rp_record_int(deal, RP_DEAL_ACCOUNT_ID, 0) : 0;
        if (!rc &&
            !(rc = batch_record(db, &in[RP_FACTS_ACCOUNTS], RP_ACCOUNT, account_id, &own_account,
                                &account)) &&
            !(rc = facts_derive(db, deal, account, in, &f)) &&
            !(rc = rp_store_facts_put(db->store, &f)))
            rc = dirty_add(db, &db->dirty_accounts, account_id);
        rp_record_release(&own_account);
        rp_record_release(&own_deal);
    }
    for (size_t k = 0; k < RP_FACTS_INPUTS; k++)
        rp_records_release(&in[k]);
    return rc;
}

/* An account's deals are marked at the flush, once however often the account was. */
enum rp_status rp_facts_dirty(struct rp_db *db, enum rp_kind_id kind, int64_t id)
{
    enum rp_status rc = RP_OK;
    if (kind == RP_DEAL)
        rc = dirty_add(db, &db->dirty_deals, id);
    else if (!(rc = dirty_add(db, &db->dirty_accounts, id)))
        rc = dirty_add(db, &db->dirty_account_deals, id);
    if (!rc && !rp_store_in_transaction(db->store))
        rc = rp_facts_flush(db);
    return rc;
}

/* Marks the deals of the accounts marked whole (rp_facts_dirty). */
static enum rp_status dirty_expand(struct rp_db *db)
{
    enum rp_status rc = RP_OK;
    for (size_t i = 0; i < db->dirty_account_deals.n && !rc; i++) {
        int64_t *ids = NULL;
        size_t n = 0;
        rc = rp_store_deal_ids(db->store, db->dirty_account_deals.ids[i], &ids, &n);
        for (size_t k = 0; k < n && !rc; k++)
            rc = dirty_add(db, &db->dirty_deals, ids[k]);
        free(ids);
    }
    return rc;
}

/* Deals first: an account's facts read its deals'. */
enum rp_status rp_facts_flush(struct rp_db *db)
{
    enum rp_status rc = dirty_expand(db);
    for (size_t i = 0; i < db->dirty_deals.n && !rc; i += RP_FACTS_BATCH) {
        size_t n = db->dirty_deals.n - i;
        rc = facts_refresh(db, db->dirty_deals.ids + i, n < RP_FACTS_BATCH ? n : RP_FACTS_BATCH);
    }
    for (size_t i = 0; i < db->dirty_accounts.n && !rc; i++)
        rc = rp_store_account_facts_refresh(db->store, db->dirty_accounts.ids[i],
                                            db->dirty_accounts.ids[i]);
    rp_facts_forget(db);
    return rc;
}

void rp_facts_forget(struct rp_db *db)
{
    db->dirty_deals.n = db->dirty_accounts.n = db->dirty_account_deals.n = 0;
    db->dirty_deals.max = db->dirty_accounts.max = db->dirty_account_deals.max = 0;
}

enum rp_status rp_facts_dirty_record(struct rp_db *db, const struct rp_record *rec)
{
    int deal_f = rp_kind_field(rec->kind, "deal_id");
    int64_t deal = deal_f >= 0 ? rp_record_int(rec, deal_f, 0) : 0;
    switch (rec->kind->id) {
    case RP_DEAL: { /* its account's facts read the deal's, which go with a deleted deal */
        enum rp_status rc =
            dirty_add(db, &db->dirty_accounts, rp_record_int(rec, RP_DEAL_ACCOUNT_ID, 0));
        return rc ? rc : rp_facts_dirty(db, RP_DEAL, rec->v[0].i);
    }
    case RP_ACCOUNT:
        return rp_facts_dirty(db, RP_ACCOUNT, rec->v[0].i);
    case RP_CONTACT:
        return rp_facts_dirty(db, RP_ACCOUNT, rp_record_int(rec, RP_CONTACT_ACCOUNT_ID, 0));
    case RP_ACTIVITY:
        return deal ? rp_facts_dirty(db, RP_DEAL, deal)
                    : rp_facts_dirty(db, RP_ACCOUNT, rp_record_int(rec, RP_ACTIVITY_ACCOUNT_ID, 0));
    case RP_AGREEMENT:
    case RP_MEETING:
    case RP_CLAIM:
    case RP_PUSH:
        return deal ? rp_facts_dirty(db, RP_DEAL, deal) : RP_OK;
    default:
        return RP_OK;
    }
}

enum rp_status rp_facts_rebuild(struct rp_db *db)
{
    int64_t *ids = NULL;
    size_t n = 0;
    enum rp_status rc = rp_store_deal_ids(db->store, 0, &ids, &n);
    for (size_t i = 0; i < n && !rc; i += RP_FACTS_BATCH)
        rc = facts_refresh(db, ids + i, n - i < RP_FACTS_BATCH ? n - i : RP_FACTS_BATCH);
    free(ids);
    rp_facts_forget(db);
    return rc ? rc : rp_store_account_facts_refresh(db->store, 1, INT64_MAX);
}
