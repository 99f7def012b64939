/* The verbs of the practice: agreeing a next step, logging contact, booking meetings,
 * holding off, verifying claims, moving deals. Each keeps the history a manager would
 * want to read later. Callers wrap each verb in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "core/db.h"
#include "core/rules.h"
#include "base/banned.h"

static enum rp_status deal_must_be_open(struct rp_db *db, int64_t deal_id)
{
    struct rp_record deal;
    enum rp_status rc = rp_get(db, RP_DEAL, deal_id, &deal);
    if (rc)
        return rc;
    const char *stage = rp_record_str(&deal, RP_DEAL_STAGE);
    if (!rp_stage_is_open(stage))
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "deal_id",
                        "deal %lld is closed (%s; reopen it "
                        "with 'rapport deal stage %lld <stage>')",
                        (long long)deal_id, stage, (long long)deal_id);
    rp_record_release(&deal);
    return rc;
}

/* After the sale the customer is served: a won deal takes training and support meetings. */
static enum rp_status deal_takes_meeting(struct rp_db *db, int64_t deal_id, const char *kind)
{
    struct rp_record deal;
    enum rp_status rc = rp_get(db, RP_DEAL, deal_id, &deal);
    if (rc)
        return rc;
    int after_sale = kind && (!strcmp(kind, "training") || !strcmp(kind, "support"));
    if (!(after_sale && !strcmp(rp_record_str(&deal, RP_DEAL_STAGE), "won")))
        rc = deal_must_be_open(db, deal_id);
    rp_record_release(&deal);
    return rc;
}

enum rp_status rp_agreement_add(struct rp_db *db, struct rp_record *rec)
{
    int64_t deal = rp_record_int(rec, RP_AGREEMENT_DEAL_ID, 0), n;
    int64_t made = rp_record_int(rec, RP_AGREEMENT_MADE_ON, rp_db_today(db));
    enum rp_status rc;
    if (rp_record_int(rec, RP_AGREEMENT_DUE_ON, made) < made)
        return rp_db_fail(db, RP_ERR_INVALID, "due_on",
                          "the agreed day is before the day it "
                          "was agreed (--on must be on or after --made-on, default today)");
    if (deal && (rc = deal_must_be_open(db, deal)))
        return rc;
    /* The new next step supersedes the open one: the deal's, or the account's own. */
    if (deal && ((rc = rp_store_agreements_close(db->store, deal, INT64_MAX, "superseded",
                                                 rp_db_now(db), &n)) ||
                 (rc = rp_facts_dirty(db, RP_DEAL, deal))))
        return rc;
    if (!deal && rp_record_int(rec, RP_AGREEMENT_ACCOUNT_ID, 0) &&
        (rc = rp_store_account_agreements_close(db->store,
                                                rp_record_int(rec, RP_AGREEMENT_ACCOUNT_ID, 0), 1,
                                                INT64_MAX, "superseded", rp_db_now(db), &n)))
        return rc;
    return rp_create(db, rec);
}

/* The local day the hold of an account or deal was set, from its history (-1 when
 * unknown). */
static enum rp_status hold_set_day(struct rp_db *db, enum rp_kind_id kind, int64_t id, int64_t *day)
{
    struct rp_records history = {0};
    enum rp_status rc = rp_history(db, kind, id, &history);
    *day = -1;
    for (size_t i = 0; !rc && i < history.n; i++) {
        const struct rp_record *h = &history.items[i];
        if (!strcmp(rp_record_str(h, RP_HISTORY_FIELD), "hold") && rp_record_str(h, RP_HISTORY_TO))
            *day = rp_local_date(rp_record_int(h, RP_HISTORY_AT, 0));
    }
    rp_records_release(&history);
    return rc;
}

/* Practice 3: "not before the 14th unless he calls" — their own call lifts the hold of
 * the account, or of the deal it was about. The call in which they asked for room (that
 * day or before) does not: only contact on a later day does, as with agreements ("contact
 * since it was made"). */
static enum rp_status lift_hold_on_inbound(struct rp_db *db, const struct rp_record *act,
                                           enum rp_kind_id kind, int64_t id)
{
    struct rp_record rec;
    int64_t set_on = -1;
    enum rp_status rc = rp_get(db, kind, id, &rec);
    if (rc)
        return rc;
    int deal = kind == RP_DEAL;
    int64_t until = rp_record_int(&rec, deal ? RP_DEAL_HOLD_UNTIL : RP_ACCOUNT_HOLD_UNTIL, -1);
    int unless = (int)rp_record_int(
        &rec, deal ? RP_DEAL_HOLD_UNLESS_INBOUND : RP_ACCOUNT_HOLD_UNLESS_INBOUND, 0);
    int64_t day = rp_local_date(rp_record_int(act, RP_ACTIVITY_AT, rp_db_now(db)));
    if (until > day && unless && !(rc = hold_set_day(db, kind, id, &set_on)) && day > set_on) {
        char on[RP_DATE_LEN], reason[128];
        rp_date_format(day, on);
        snprintf(reason, sizeof(reason), "lifted by inbound %s on %s (activity %lld)",
                 rp_record_str(act, RP_ACTIVITY_KIND), on, (long long)act->v[0].i);
        rc = deal ? rp_deal_hold(db, id, -1, reason) : rp_account_hold(db, id, -1, 0, reason);
    }
    rp_record_release(&rec);
    return rc;
}

enum rp_status rp_activity_effects(struct rp_db *db, const struct rp_record *rec)
{
    enum rp_status rc = RP_OK;
    const char *dir = rp_record_str(rec, RP_ACTIVITY_DIRECTION);
    int64_t deal = rp_record_int(rec, RP_ACTIVITY_DEAL_ID, 0), n;
    if (!strcmp(dir, "in") &&
        ((rc = lift_hold_on_inbound(db, rec, RP_ACCOUNT,
                                    rp_record_int(rec, RP_ACTIVITY_ACCOUNT_ID, 0))) ||
         (deal && (rc = lift_hold_on_inbound(db, rec, RP_DEAL, deal)))))
        return rc;
    int64_t day = rp_local_date(rp_record_int(rec, RP_ACTIVITY_AT, 0));
    if (!rp_activity_is_two_way(rec))
        return RP_OK;
    /* Speaking with them keeps what was agreed for that day or before; a conversation with
     * the account (no deal named) keeps it for every deal of the account. */
    int64_t account = rp_record_int(rec, RP_ACTIVITY_ACCOUNT_ID, 0);
    /* New two-way contact is a new situation: what was snoozed comes back when due. */
    if ((rc = rp_store_snoozes_cancel(db->store, account, deal, rp_db_now(db))))
        return rc;
    if (deal && (rc = rp_store_agreements_close(db->store, deal, day, "kept", rp_db_now(db), &n)))
        return rc;
    rc = rp_store_account_agreements_close(db->store, account, deal != 0, day, "kept",
                                           rp_db_now(db), &n);
    return rc ? rc : rp_facts_dirty(db, deal ? RP_DEAL : RP_ACCOUNT, deal ? deal : account);
}

enum rp_status rp_activity_log(struct rp_db *db, struct rp_record *rec)
{
    return rp_activity_log_checked(db, rec, 1);
}

enum rp_status rp_activity_log_checked(struct rp_db *db, struct rp_record *rec, int force)
{
    enum rp_status rc;
    if ((!force && (rc = rp_check_activity_at(db, rec))) || (rc = rp_create(db, rec)))
        return rc;
    return rp_activity_effects(db, rec);
}

int rp_meeting_short_by(const struct rp_record *m)
{
    int need = rp_meeting_minutes_needed(rp_record_str(m, RP_MEETING_KIND));
    int64_t have = rp_record_int(m, RP_MEETING_MINUTES, 0);
    return have < need ? need - (int)have : 0;
}

enum rp_status rp_meeting_minutes_check(struct rp_db *db, const struct rp_record *m)
{
    int64_t minutes = rp_record_int(m, RP_MEETING_MINUTES, 1);
    if (minutes < 1 || minutes > 1440)
        return rp_db_fail(db, RP_ERR_INVALID, "minutes",
                          "invalid minutes '%lld' (expected 1 to "
                          "1440)",
                          (long long)minutes);
    return RP_OK;
}

enum rp_status rp_meeting_attendees_set(struct rp_db *db, const struct rp_record *m,
                                        const int64_t *attendees, size_t nattendees)
{
    int64_t account = rp_record_int(m, RP_MEETING_ACCOUNT_ID, 0);
    enum rp_status rc = RP_OK;
    for (size_t i = 0; i < nattendees && !rc; i++) {
        struct rp_record c;
        if ((rc = rp_get(db, RP_CONTACT, attendees[i], &c)))
            break;
        if (rp_record_int(&c, RP_CONTACT_ACCOUNT_ID, 0) != account)
            rc = rp_db_fail(db, RP_ERR_INVALID, "contact_id",
                            "contact %lld belongs to another "
                            "account",
                            (long long)attendees[i]);
        rp_record_release(&c);
        if (!rc)
            rc = rp_store_attendee_add(db->store, m->v[0].i, attendees[i]);
    }
    return rc;
}

enum rp_status rp_meeting_add(struct rp_db *db, struct rp_record *rec, const int64_t *attendees,
                              size_t nattendees, int *short_minutes)
{
    return rp_meeting_add_checked(db, rec, attendees, nattendees, 1, short_minutes);
}

enum rp_status rp_meeting_add_checked(struct rp_db *db, struct rp_record *rec,
                                      const int64_t *attendees, size_t nattendees, int force,
                                      int *short_minutes)
{
    int64_t deal = rp_record_int(rec, RP_MEETING_DEAL_ID, 0);
    enum rp_status rc;
    if ((rc = rp_meeting_minutes_check(db, rec)) || (!force && (rc = rp_check_meeting_at(db, rec))))
        return rc;
    if (deal && (rc = deal_takes_meeting(db, deal, rp_record_str(rec, RP_MEETING_KIND))))
        return rc;
    if ((rc = rp_create(db, rec)) ||
        (rc = rp_meeting_attendees_set(db, rec, attendees, nattendees)))
        return rc;
    *short_minutes = rp_meeting_short_by(rec);
    return rc;
}

enum rp_status rp_meeting_attendees(struct rp_db *db, int64_t meeting_id, int64_t **ids, size_t *n)
{
    return rp_store_attendees(db->store, meeting_id, ids, n);
}

enum rp_status rp_record_set_status(struct rp_db *db, struct rp_record *rec, int f,
                                    const char *status, const char *must_be, const char *reason)
{
    const char *from = rp_record_str(rec, f);
    unsigned char changed[32] = {0};
    if (must_be && strcmp(from, must_be))
        return rp_db_fail(db, RP_ERR_CONFLICT, "status", "%s %lld is %s, not %s", rec->kind->name,
                          (long long)rec->v[0].i, from, must_be);
    enum rp_status rc =
        rp_history_add(db, rec->kind->id, rec->v[0].i, "status", from, status, reason);
    if (!rc && rp_record_set_str(rec, f, status))
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    changed[f] = 1;
    /* Written first, the status is no longer a change to rp_update, which stamps updated_at
     * and would log it a second time, as "edited" and without the reason. */
    if (!rc)
        rc = rp_store_update(db->store, rec, changed);
    return rc ? rc : rp_update(db, rec, changed);
}

enum rp_status rp_meeting_set_status(struct rp_db *db, int64_t id, const char *status)
{
    struct rp_record m;
    int64_t n;
    enum rp_status rc = rp_get(db, RP_MEETING, id, &m);
    if (rc)
        return rc;
    rc = rp_record_set_status(db, &m, RP_MEETING_STATUS, status, "planned", NULL);
    /* A meeting held is two-way contact: it keeps the agreements due by its day. */
    if (!rc && !strcmp(status, "held"))
        if (!(rc = rp_store_agreements_close(db->store, rp_record_int(&m, RP_MEETING_DEAL_ID, 0),
                                             rp_local_date(rp_record_int(&m, RP_MEETING_AT, 0)),
                                             "kept", rp_db_now(db), &n)))
            rc = rp_facts_dirty(db, RP_DEAL, rp_record_int(&m, RP_MEETING_DEAL_ID, 0));
    rp_record_release(&m);
    return rc;
}

/* Who asked to move meeting M: us or them. */
static enum rp_status set_asked_by(struct rp_db *db, struct rp_record *m, const char *by)
{
    unsigned char changed[RP_MEETING_NFIELDS] = {0};
    changed[RP_MEETING_RESCHEDULED_BY] = 1;
    if (rp_record_set_str(m, RP_MEETING_RESCHEDULED_BY, by))
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    return rp_update(db, m, changed);
}

enum rp_status rp_meeting_reschedule(struct rp_db *db, int64_t id, int64_t at, int64_t minutes,
                                     int64_t *new_id, int *short_minutes)
{
    struct rp_reschedule r = {at, minutes, NULL, 0};
    return rp_meeting_move(db, id, &r, new_id, short_minutes);
}

enum rp_status rp_meeting_move(struct rp_db *db, int64_t id, const struct rp_reschedule *r,
                               int64_t *new_id, int *short_minutes)
{
    struct rp_record old, next;
    int64_t *attendees = NULL, at = r->at, minutes = r->minutes;
    size_t n = 0;
    char reason[96];
    if (r->by && rp_vocab_index(rp_vocab_asked_by, r->by) < 0)
        return rp_db_fail(db, RP_ERR_INVALID, "by",
                          "invalid --by '%s' (expected us or them: "
                          "who asked to move it)",
                          r->by);
    enum rp_status rc = rp_get(db, RP_MEETING, id, &old);
    if (rc)
        return rc;
    if ((rc = rp_record_init(&next, RP_MEETING))) {
        rp_record_release(&old);
        return rp_db_fail(db, rc, NULL, "out of memory");
    }
    rp_record_set_int(&next, RP_MEETING_DEAL_ID, rp_record_int(&old, RP_MEETING_DEAL_ID, 0));
    rp_record_set_int(&next, RP_MEETING_AT, at);
    rp_record_set_int(&next, RP_MEETING_MINUTES,
                      minutes ? minutes : rp_record_int(&old, RP_MEETING_MINUTES, 0));
    if (rp_record_set_str(&next, RP_MEETING_KIND, rp_record_str(&old, RP_MEETING_KIND)))
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (!rc && !(rc = rp_meeting_attendees(db, id, &attendees, &n)) &&
        !(rc = rp_meeting_add_checked(db, &next, attendees, n, r->force, short_minutes))) {
        snprintf(reason, sizeof(reason), "moved to meeting %lld%s", (long long)next.v[0].i,
                 !r->by                   ? ""
                 : !strcmp(r->by, "them") ? " at their request"
                                          : " at our request");
        rc = r->by ? set_asked_by(db, &old, r->by) : RP_OK;
        /* A no-show stays one in the record; the new meeting answers it. */
        if (!rc && strcmp(rp_record_str(&old, RP_MEETING_STATUS), "no-show"))
            rc =
                rp_record_set_status(db, &old, RP_MEETING_STATUS, "rescheduled", "planned", reason);
        else if (!rc)
            rc = rp_history_add(db, RP_MEETING, old.v[0].i, "rescheduled", NULL, NULL, reason);
    }
    if (!rc)
        *new_id = next.v[0].i;
    free(attendees);
    rp_record_release(&next);
    rp_record_release(&old);
    return rc;
}

enum rp_status rp_claim_set_status(struct rp_db *db, int64_t id, const char *status,
                                   const char *note)
{
    struct rp_record c;
    enum rp_status rc = rp_get(db, RP_CLAIM, id, &c);
    if (rc)
        return rc;
    /* The same status again only makes sense with a new note (a better example). */
    int same = !strcmp(rp_record_str(&c, RP_CLAIM_STATUS), status);
    if (same && !note) {
        rp_record_release(&c);
        return rp_db_fail(db, RP_ERR_CONFLICT, "status", "claim %lld is already %s", (long long)id,
                          status);
    }
    if (note) {
        unsigned char changed[RP_CLAIM_NFIELDS] = {0};
        changed[RP_CLAIM_NOTE] = 1;
        if (!(rc = rp_record_set_text(db, &c, RP_CLAIM_NOTE, note)))
            rc = rp_update(db, &c, changed);
    }
    if (!rc && !same)
        rc = rp_record_set_status(db, &c, RP_CLAIM_STATUS, status, NULL, note);
    rp_record_release(&c);
    return rc;
}

enum rp_status rp_deal_set_stage(struct rp_db *db, int64_t id, const char *stage,
                                 const char *reason)
{
    struct rp_record d;
    unsigned char changed[RP_DEAL_NFIELDS] = {0};
    enum rp_status rc = rp_get(db, RP_DEAL, id, &d);
    if (rc)
        return rc;
    const char *from = rp_record_str(&d, RP_DEAL_STAGE);
    if (!strcmp(from, stage)) {
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "stage", "deal %lld is already at stage %s",
                        (long long)id, stage);
        goto out;
    }
    if (!rp_stage_is_open(from)) {
        /* Reopening: the close no longer stands. */
        rp_record_clear(&d, RP_DEAL_CLOSED_AT);
        rp_record_clear(&d, RP_DEAL_CLOSE_REASON);
        rp_record_clear(&d, RP_DEAL_CLOSE_NOTE);
        changed[RP_DEAL_CLOSED_AT] = changed[RP_DEAL_CLOSE_REASON] = 1;
        changed[RP_DEAL_CLOSE_NOTE] = 1;
    }
    if ((rc = rp_history_add(db, RP_DEAL, id, "stage", from, stage, reason)))
        goto out;
    if (rp_record_set_str(&d, RP_DEAL_STAGE, stage)) {
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
        goto out;
    }
    changed[RP_DEAL_STAGE] = changed[RP_DEAL_UPDATED_AT] = 1;
    rp_record_set_int(&d, RP_DEAL_UPDATED_AT, rp_db_now(db));
    if (!(rc = rp_store_update(db->store, &d, changed)))
        rc = rp_facts_dirty(db, RP_DEAL, id);
out:
    rp_record_release(&d);
    return rc;
}

/* Writes a hold (UNTIL >= 0) or lifts it (UNTIL < 0) on an account or deal, with history. */
static enum rp_status set_hold(struct rp_db *db, struct rp_record *rec, int until_f, int reason_f,
                               int64_t until, const char *reason)
{
    unsigned char changed[RP_ACCOUNT_NFIELDS] = {0};
    char from[RP_DATE_LEN] = "", to[RP_DATE_LEN] = "";
    int64_t today = rp_db_today(db);
    if (until >= 0 && until <= today) {
        rp_date_format(until, to);
        return rp_db_fail(db, RP_ERR_INVALID, "until", "hold date %s is not after today", to);
    }
    if (rec->v[until_f].set)
        rp_date_format(rec->v[until_f].i, from);
    if (until < 0 && !rec->v[until_f].set)
        return rp_db_fail(db, RP_ERR_CONFLICT, "until", "%s %lld has no hold to lift",
                          rec->kind->name, (long long)rec->v[0].i);
    if (until >= 0) {
        rp_date_format(until, to);
        rp_record_set_int(rec, until_f, until);
    } else {
        rp_record_clear(rec, until_f);
    }
    if (rp_record_set_str(rec, reason_f, until >= 0 ? reason : NULL))
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    changed[until_f] = changed[reason_f] = 1;
    changed[rec->kind->id == RP_ACCOUNT ? RP_ACCOUNT_HOLD_UNLESS_INBOUND
                                        : RP_DEAL_HOLD_UNLESS_INBOUND] = 1;
    int updated_f = rec->kind->id == RP_ACCOUNT ? RP_ACCOUNT_UPDATED_AT : RP_DEAL_UPDATED_AT;
    rp_record_set_int(rec, updated_f, rp_db_now(db));
    changed[updated_f] = 1;
    enum rp_status rc = rp_history_add(db, rec->kind->id, rec->v[0].i, "hold", *from ? from : NULL,
                                       *to ? to : NULL, reason);
    return rc ? rc : rp_store_update(db->store, rec, changed);
}

enum rp_status rp_account_hold(struct rp_db *db, int64_t id, int64_t until, int unless_inbound,
                               const char *reason)
{
    struct rp_record a;
    enum rp_status rc = rp_get(db, RP_ACCOUNT, id, &a);
    if (rc)
        return rc;
    rp_record_set_int(&a, RP_ACCOUNT_HOLD_UNLESS_INBOUND, until >= 0 && unless_inbound);
    rc = set_hold(db, &a, RP_ACCOUNT_HOLD_UNTIL, RP_ACCOUNT_HOLD_REASON, until, reason);
    rp_record_release(&a);
    return rc;
}

enum rp_status rp_deal_hold(struct rp_db *db, int64_t id, int64_t until, const char *reason)
{
    return rp_deal_hold_unless(db, id, until, 0, reason);
}

enum rp_status rp_deal_hold_unless(struct rp_db *db, int64_t id, int64_t until, int unless_inbound,
                                   const char *reason)
{
    struct rp_record d;
    enum rp_status rc = rp_get(db, RP_DEAL, id, &d);
    if (rc)
        return rc;
    rp_record_set_int(&d, RP_DEAL_HOLD_UNLESS_INBOUND, until >= 0 && unless_inbound);
    rc = set_hold(db, &d, RP_DEAL_HOLD_UNTIL, RP_DEAL_HOLD_REASON, until, reason);
    rp_record_release(&d);
    return rc;
}

enum rp_status rp_invoice_paid(struct rp_db *db, int64_t id, int64_t on)
{
    struct rp_record inv;
    unsigned char changed[RP_INVOICE_NFIELDS] = {0};
    enum rp_status rc = rp_get(db, RP_INVOICE, id, &inv);
    if (rc)
        return rc;
    if (inv.v[RP_INVOICE_PAID_ON].set) {
        char paid[RP_DATE_LEN];
        rp_date_format(inv.v[RP_INVOICE_PAID_ON].i, paid);
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "id", "invoice %lld was already paid on %s",
                        (long long)id, paid);
    } else {
        rp_record_set_int(&inv, RP_INVOICE_PAID_ON, on);
        changed[RP_INVOICE_PAID_ON] = 1;
        rc = rp_store_update(db->store, &inv, changed);
    }
    rp_record_release(&inv);
    return rc;
}

enum rp_status rp_invoice_promise(struct rp_db *db, int64_t id, int64_t on)
{
    struct rp_record inv;
    unsigned char changed[RP_INVOICE_NFIELDS] = {0};
    char day[RP_DATE_LEN];
    enum rp_status rc = rp_get(db, RP_INVOICE, id, &inv);
    if (rc)
        return rc;
    rp_date_format(on, day);
    if (inv.v[RP_INVOICE_PAID_ON].set)
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "id", "invoice %lld is already paid", (long long)id);
    else if (on < rp_db_today(db))
        rc = rp_db_fail(db, RP_ERR_INVALID, "on",
                        "a promise to pay by %s is in the past "
                        "(expected today or later)",
                        day);
    if (!rc) {
        rp_record_set_int(&inv, RP_INVOICE_PROMISED_ON, on);
        changed[RP_INVOICE_PROMISED_ON] = 1;
        rc = rp_update(db, &inv, changed);
    }
    rp_record_release(&inv);
    return rc;
}

enum rp_status rp_account_checkin(struct rp_db *db, int64_t id, int64_t every_days)
{
    struct rp_record a;
    unsigned char changed[RP_ACCOUNT_NFIELDS] = {0};
    enum rp_status rc = rp_get(db, RP_ACCOUNT, id, &a);
    if (rc)
        return rc;
    if (every_days)
        rp_record_set_int(&a, RP_ACCOUNT_CHECKIN_DAYS, every_days);
    else
        rp_record_clear(&a, RP_ACCOUNT_CHECKIN_DAYS);
    changed[RP_ACCOUNT_CHECKIN_DAYS] = 1;
    rc = rp_update(db, &a, changed);
    rp_record_release(&a);
    return rc;
}
