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

/* Contact events of the deal: its activities and its held meetings. */
static enum rp_status contact_events(struct rp_db *db, const struct rp_record *deal,
                                     const struct rp_records *meetings, struct rp_deal_facts *f)
{
    struct rp_records acts = {0};
    enum rp_status rc = rp_store_deal_activities(db->store, deal->v[0].i,
                                                 rp_record_int(deal, RP_DEAL_ACCOUNT_ID, 0), &acts);
    struct rp_contact_event *ev = rc ? NULL : calloc(acts.n + meetings->n + 1, sizeof(*ev));
    size_t n = 0;
    if (!rc && !ev)
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t i = 0; ev && i < acts.n; i++) {
        const struct rp_record *a = &acts.items[i];
        const char *dir = rp_record_str(a, RP_ACTIVITY_DIRECTION);
        ev[n++] = (struct rp_contact_event){rp_record_int(a, RP_ACTIVITY_AT, 0),
                                            rp_activity_is_two_way(a), !strcmp(dir, "out"),
                                            !strcmp(dir, "in"), 0};
    }
    for (size_t i = 0; ev && i < meetings->n; i++)
        if (!strcmp(rp_record_str(&meetings->items[i], RP_MEETING_STATUS), "held"))
            ev[n++] = (struct rp_contact_event){
                rp_record_int(&meetings->items[i], RP_MEETING_AT, 0), 1, 0, 0, 0};
    if (!rc)
        rp_facts_fold(ev, n, f);
    free(ev);
    rp_records_release(&acts);
    return rc;
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

static enum rp_status facts_derive(struct rp_db *db, const struct rp_record *deal,
                                   const struct rp_record *account, struct rp_deal_facts *f)
{
    struct rp_records lists[5] = {{0}};
    int64_t id = deal->v[0].i;
    enum rp_status rc;
    rp_facts_start(f, deal, account->v[0].i, rp_record_int(account, RP_ACCOUNT_OWNER_ID, 0));
    if (!(rc = rp_list_by(db, RP_AGREEMENT, RP_AGREEMENT_DEAL_ID, id, -1, 0, &lists[0])) &&
        !(rc = rp_list_by(db, RP_MEETING, RP_MEETING_DEAL_ID, id, -1, 0, &lists[1])) &&
        !(rc = rp_list_by(db, RP_CLAIM, RP_CLAIM_DEAL_ID, id, -1, 0, &lists[2])) &&
        !(rc = rp_list_by(db, RP_PUSH, RP_PUSH_DEAL_ID, id, -1, 0, &lists[3])) &&
        !(rc = rp_list_by(db, RP_CONTACT, RP_CONTACT_ACCOUNT_ID, account->v[0].i, -1, 0,
                          &lists[4])) &&
        !(rc = contact_events(db, deal, &lists[1], f))) {
        count_records(&lists[0], &lists[1], &lists[2], &lists[3], &lists[4], f);
        rp_facts_finish(f, deal, account, rp_facts_agreed_at(&lists[0], id));
    }
    for (size_t i = 0; i < 5; i++)
        rp_records_release(&lists[i]);
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

static enum rp_status facts_refresh(struct rp_db *db, int64_t deal_id)
{
    struct rp_record deal, account;
    struct rp_deal_facts f;
    enum rp_status rc = rp_get(db, RP_DEAL, deal_id, &deal);
    if (rc == RP_ERR_NOTFOUND)
        return RP_OK; /* deleted with its facts */
    if (rc)
        return rc;
    int64_t account_id = rp_record_int(&deal, RP_DEAL_ACCOUNT_ID, 0);
    if (!(rc = rp_get(db, RP_ACCOUNT, account_id, &account))) {
        if (!(rc = facts_derive(db, &deal, &account, &f)) &&
            !(rc = rp_store_facts_put(db->store, &f)))
            rc = dirty_add(db, &db->dirty_accounts, account_id);
        rp_record_release(&account);
    }
    rp_record_release(&deal);
    return rc;
}

enum rp_status rp_facts_dirty(struct rp_db *db, enum rp_kind_id kind, int64_t id)
{
    int64_t *ids = NULL;
    size_t n = 0;
    enum rp_status rc = RP_OK;
    if (kind == RP_DEAL)
        rc = dirty_add(db, &db->dirty_deals, id);
    else if (!(rc = dirty_add(db, &db->dirty_accounts, id)) &&
             !(rc = rp_store_deal_ids(db->store, id, &ids, &n)))
        for (size_t i = 0; i < n && !rc; i++)
            rc = dirty_add(db, &db->dirty_deals, ids[i]);
    free(ids);
    if (!rc && !rp_store_in_transaction(db->store))
        rc = rp_facts_flush(db);
    return rc;
}

/* Deals first: an account's facts read its deals'. */
enum rp_status rp_facts_flush(struct rp_db *db)
{
    enum rp_status rc = RP_OK;
    for (size_t i = 0; i < db->dirty_deals.n && !rc; i++)
        rc = facts_refresh(db, db->dirty_deals.ids[i]);
    for (size_t i = 0; i < db->dirty_accounts.n && !rc; i++)
        rc = rp_store_account_facts_refresh(db->store, db->dirty_accounts.ids[i],
                                            db->dirty_accounts.ids[i]);
    rp_facts_forget(db);
    return rc;
}

void rp_facts_forget(struct rp_db *db)
{
    db->dirty_deals.n = db->dirty_accounts.n = 0;
    db->dirty_deals.max = db->dirty_accounts.max = 0;
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
    for (size_t i = 0; i < n && !rc; i++)
        rc = facts_refresh(db, ids[i]);
    free(ids);
    rp_facts_forget(db);
    return rc ? rc : rp_store_account_facts_refresh(db->store, 1, INT64_MAX);
}
