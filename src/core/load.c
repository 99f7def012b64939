/* Loading records built in memory (rapport/load.h): the store's bulk inserts, and the deal
 * facts derived from the records in hand the way facts.c derives them from the store. */
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/rules.h"
#include "rapport/load.h"
#include "store/store_bulk.h"
#include "base/banned.h"

enum rp_status rp_load_mode(struct rp_db *db, int on)
{
    return rp_store_set_loading(db->store, on);
}

int rp_load_writers_queue(struct rp_db *db)
{
    return rp_store_writers_queue(db->store);
}

enum rp_status rp_load_next_id(struct rp_db *db, enum rp_kind_id kind, int64_t *id)
{
    return rp_store_bulk_next_id(db->store, rp_kind_get(kind), id);
}

enum rp_status rp_load_records(struct rp_db *db, const struct rp_record *recs, size_t n)
{
    return rp_store_bulk_insert_all(db->store, recs, n);
}

enum rp_status rp_load_attendees(struct rp_db *db, const int64_t (*pairs)[2], size_t n)
{
    return rp_store_attendees_load(db->store, pairs, n);
}

/* Contact with the deal: its activities, the account's without a deal, held meetings. */
static enum rp_status load_fold_contact(struct rp_db *db, const struct rp_records *rows,
                                        int64_t deal, struct rp_deal_facts *f)
{
    const struct rp_records *acts = &rows[RP_ACTIVITY], *meets = &rows[RP_MEETING];
    struct rp_contact_event *ev = calloc(acts->n + meets->n + 1, sizeof(*ev));
    size_t n = 0;
    if (!ev)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t i = 0; i < acts->n; i++) {
        const struct rp_record *a = &acts->items[i];
        const char *dir = rp_record_str(a, RP_ACTIVITY_DIRECTION);
        if (rp_record_int(a, RP_ACTIVITY_DEAL_ID, deal) != deal)
            continue;
        ev[n++] = (struct rp_contact_event){rp_record_int(a, RP_ACTIVITY_AT, 0),
                                            rp_activity_is_two_way(a), !strcmp(dir, "out"),
                                            !strcmp(dir, "in"), 0};
    }
    for (size_t i = 0; i < meets->n; i++) {
        const struct rp_record *m = &meets->items[i];
        if (rp_record_int(m, RP_MEETING_DEAL_ID, 0) == deal &&
            !strcmp(rp_record_str(m, RP_MEETING_STATUS), "held"))
            ev[n++] = (struct rp_contact_event){rp_record_int(m, RP_MEETING_AT, 0), 1, 0, 0, 0};
    }
    rp_facts_fold(ev, n, f);
    free(ev);
    return RP_OK;
}

/* Open agreements, planned meetings, unverified claims, pushes, who decides. */
static void load_count(const struct rp_records *rows, int64_t deal, struct rp_deal_facts *f)
{
    const struct rp_records *g = &rows[RP_AGREEMENT], *m = &rows[RP_MEETING];
    const struct rp_records *c = &rows[RP_CLAIM], *p = &rows[RP_PUSH];
    const struct rp_records *people = &rows[RP_CONTACT];
    for (size_t i = 0; i < g->n; i++) {
        const struct rp_record *a = &g->items[i];
        int64_t due = rp_record_int(a, RP_AGREEMENT_DUE_ON, -1);
        if (rp_record_int(a, RP_AGREEMENT_DEAL_ID, 0) != deal ||
            strcmp(rp_record_str(a, RP_AGREEMENT_STATUS), "open"))
            continue;
        f->open_agreements++;
        f->last_open_due = due > f->last_open_due ? due : f->last_open_due;
    }
    for (size_t i = 0; i < m->n; i++)
        if (rp_record_int(&m->items[i], RP_MEETING_DEAL_ID, 0) == deal)
            rp_facts_meeting(f, &m->items[i]);
    for (size_t i = 0; i < c->n; i++)
        f->unverified_claims += rp_record_int(&c->items[i], RP_CLAIM_DEAL_ID, 0) == deal &&
                                !strcmp(rp_record_str(&c->items[i], RP_CLAIM_STATUS), "unverified");
    for (size_t i = 0; i < p->n; i++) {
        const struct rp_record *push = &p->items[i];
        int64_t at = rp_record_int(push, RP_PUSH_SENT_AT, -1);
        if (rp_record_int(push, RP_PUSH_DEAL_ID, 0) != deal)
            continue;
        f->pushes++;
        if (!strcmp(rp_record_str(push, RP_PUSH_OUTCOME), "pending") && at > f->pending_push_at)
            f->pending_push_at = at;
    }
    for (size_t i = 0; i < people->n; i++)
        f->decision_contacts += rp_role_decides(rp_record_str(&people->items[i], RP_CONTACT_ROLE));
}

/* The facts of the deals of one account (ROWS, as rp_load_facts takes them) into *FACTS
 * from *N on. */
static enum rp_status load_account_facts(struct rp_db *db, const struct rp_records *rows,
                                         struct rp_deal_facts *facts, size_t *n)
{
    const struct rp_record *account = &rows[RP_ACCOUNT].items[0];
    const struct rp_records *deals = &rows[RP_DEAL];
    int64_t owner = rp_record_int(account, RP_ACCOUNT_OWNER_ID, 0);
    enum rp_status rc = RP_OK;
    for (size_t i = 0; i < deals->n && !rc; i++) {
        const struct rp_record *deal = &deals->items[i];
        struct rp_deal_facts *f = &facts[(*n)++];
        rp_facts_start(f, deal, account->v[0].i, owner);
        if ((rc = load_fold_contact(db, rows, deal->v[0].i, f)))
            break;
        load_count(rows, deal->v[0].i, f);
        rp_facts_finish(f, deal, account, rp_facts_agreed_at(&rows[RP_AGREEMENT], deal->v[0].i));
    }
    return rc;
}

enum rp_status rp_load_facts(struct rp_db *db, const struct rp_records (*accounts)[RP_KIND_COUNT],
                             size_t n)
{
    size_t ndeals = 0, nfacts = 0;
    for (size_t a = 0; a < n; a++)
        ndeals += accounts[a][RP_DEAL].n;
    struct rp_deal_facts *facts = calloc(ndeals + 1, sizeof(*facts));
    enum rp_status rc = RP_OK;
    if (!facts)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t a = 0; a < n && !rc; a++)
        rc = load_account_facts(db, accounts[a], facts, &nfacts);
    if (!rc)
        rc = rp_store_facts_load(db->store, facts, nfacts);
    free(facts);
    return rc;
}

enum rp_status rp_load_account_facts(struct rp_db *db, int64_t first, int64_t last)
{
    return rp_store_account_facts_refresh(db->store, first, last);
}
