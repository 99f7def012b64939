/* Correcting mistakes: editing what was logged, agreed, booked, claimed or said, cancelling
 * an agreement, deleting a wrong entry, each with a line in the history, and the checks that
 * catch a typo'd date before it turns the agenda upside down. Also a contact's track record:
 * the meetings they held, missed or moved and whether they answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "core/db.h"
#include "core/rules.h"
#include "base/ids.h"
#include "base/banned.h"

#define DAY_SECONDS 86400

/* ---- the typo checks ---------------------------------------------------------------- */

enum rp_status rp_check_activity_at(struct rp_db *db, const struct rp_record *act)
{
    int64_t now = rp_db_now(db), at = rp_record_int(act, RP_ACTIVITY_AT, now);
    char typed[RP_INSTANT_LEN], then[RP_INSTANT_LEN];
    if (at <= now + DAY_SECONDS)
        return RP_OK;
    rp_instant_format(at, typed);
    rp_instant_format(now, then);
    return rp_db_fail(db, RP_ERR_INVALID, "at",
                      "activity time '%s' is more than a day in the "
                      "future (it is now %s; a typo? --force logs it anyway)",
                      typed, then);
}

enum rp_status rp_check_meeting_at(struct rp_db *db, const struct rp_record *m)
{
    const char *status = rp_record_str(m, RP_MEETING_STATUS);
    int64_t at = rp_record_int(m, RP_MEETING_AT, rp_db_now(db));
    char typed[RP_INSTANT_LEN], today[RP_DATE_LEN];
    if ((status && strcmp(status, "planned")) || rp_local_date(at) >= rp_db_today(db))
        return RP_OK;
    rp_instant_format(at, typed);
    rp_date_format(rp_db_today(db), today);
    return rp_db_fail(db, RP_ERR_INVALID, "at",
                      "meeting time '%s' is in the past (today is "
                      "%s; a typo? --force books it anyway)",
                      typed, today);
}

/* ---- edits -------------------------------------------------------------------------- */

static int correctable(enum rp_kind_id kind)
{
    return kind == RP_ACTIVITY || kind == RP_AGREEMENT || kind == RP_MEETING || kind == RP_CLAIM ||
           kind == RP_STATEMENT;
}

/* What the edit must respect, by kind: the same rules as when the record was made. */
static enum rp_status check_edit(struct rp_db *db, const struct rp_record *old,
                                 const struct rp_record *rec, const struct rp_edit *e)
{
    const unsigned char *ch = e->changed;
    enum rp_status rc = RP_OK;
    switch (rec->kind->id) {
    case RP_ACTIVITY:
        if (ch[RP_ACTIVITY_AT] && !e->force)
            rc = rp_check_activity_at(db, rec);
        break;
    case RP_AGREEMENT:
        if (!ch[RP_AGREEMENT_DUE_ON])
            break;
        if (strcmp(rp_record_str(old, RP_AGREEMENT_STATUS), "open"))
            rc = rp_db_fail(db, RP_ERR_CONFLICT, "due_on",
                            "agreement %lld is %s, not open (its "
                            "day can no longer move; agree a new next step instead)",
                            (long long)rec->v[0].i, rp_record_str(old, RP_AGREEMENT_STATUS));
        else if (rp_record_int(rec, RP_AGREEMENT_DUE_ON, 0) <
                 rp_record_int(rec, RP_AGREEMENT_MADE_ON, 0))
            rc = rp_db_fail(db, RP_ERR_INVALID, "due_on",
                            "the agreed day is before the day it "
                            "was agreed (--on must be on or after --made-on)");
        break;
    case RP_MEETING:
        if (ch[RP_MEETING_MINUTES])
            rc = rp_meeting_minutes_check(db, rec);
        if (!rc && ch[RP_MEETING_AT] && !e->force)
            rc = rp_check_meeting_at(db, rec);
        break;
    default:
        break;
    }
    return rc;
}

/* A field's value as history keeps it: as people read it, but an instant in UTC (RFC 3339),
 * so that the line means the same in every zone. */
static enum rp_status history_value(const struct rp_record *rec, int f, struct rp_buf *b)
{
    char at[RP_INSTANT_LEN];
    if (rec->kind->fields[f].type != RP_T_INSTANT || !rec->v[f].set)
        return rp_field_format(rec, f, b);
    rp_instant_format(rec->v[f].i, at);
    return rp_buf_adds(b, at);
}

/* One history line per field the edit changed (status and stage have their own). */
static enum rp_status history_edits(struct rp_db *db, const struct rp_record *old,
                                    const struct rp_record *rec, const unsigned char *changed)
{
    struct rp_buf from = RP_BUF_INIT, to = RP_BUF_INIT;
    enum rp_status rc = RP_OK;
    for (size_t f = 1; f < rec->kind->nfields && !rc; f++) {
        const char *name = rec->kind->fields[f].name;
        if (!changed[f] || !strcmp(name, "status") || !strcmp(name, "stage"))
            continue;
        rp_buf_reset(&from);
        rp_buf_reset(&to);
        if ((rc = history_value(old, (int)f, &from)) || (rc = history_value(rec, (int)f, &to))) {
            rc = rp_db_fail(db, rc, NULL, "out of memory");
            break;
        }
        if (strcmp(rp_buf_str(&from), rp_buf_str(&to)))
            rc = rp_history_add(db, rec->kind->id, rec->v[0].i, name,
                                from.len ? rp_buf_str(&from) : NULL,
                                to.len ? rp_buf_str(&to) : NULL, "edited");
    }
    rp_buf_release(&from);
    rp_buf_release(&to);
    return rc;
}

static enum rp_status ids_text(struct rp_db *db, const int64_t *ids, size_t n, struct rp_buf *b)
{
    for (size_t i = 0; i < n; i++)
        if (rp_buf_addf(b, "%s%lld", i ? ", " : "", (long long)ids[i]))
            return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    return RP_OK;
}

/* Replaces the attendees of meeting M with those of E, with a history line. */
static enum rp_status replace_attendees(struct rp_db *db, const struct rp_record *m,
                                        const struct rp_edit *e)
{
    int64_t *was = NULL, *now = calloc(e->nattendees + 1, sizeof(*now));
    size_t n = 0, k = 0;
    struct rp_buf from = RP_BUF_INIT, to = RP_BUF_INIT;
    if (!now)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    enum rp_status rc = rp_meeting_attendees(db, m->v[0].i, &was, &n);
    /* Sorted and without repeats, as the store lists them. */
    for (size_t i = 0; !rc && i < e->nattendees; i++)
        now[k++] = e->attendees[i];
    size_t unique = rc ? 0 : rp_ids_sort(now, k);
    if (!rc && !(rc = ids_text(db, was, n, &from)) && !(rc = ids_text(db, now, unique, &to)) &&
        strcmp(rp_buf_str(&from), rp_buf_str(&to)) &&
        !(rc = rp_store_attendees_clear(db->store, m->v[0].i)) &&
        !(rc = rp_meeting_attendees_set(db, m, now, unique)))
        rc = rp_history_add(db, RP_MEETING, m->v[0].i, "attendees",
                            from.len ? rp_buf_str(&from) : NULL, to.len ? rp_buf_str(&to) : NULL,
                            "edited");
    rp_buf_release(&from);
    rp_buf_release(&to);
    free(was);
    free(now);
    return rc;
}

enum rp_status rp_record_correct(struct rp_db *db, struct rp_record *rec, struct rp_edit *e)
{
    struct rp_record own = {0};
    const struct rp_record *old = e->was ? e->was : &own;
    enum rp_kind_id kind = rec->kind->id;
    enum rp_status rc;
    e->short_by = 0;
    if (!correctable(kind))
        return rp_update_was(db, rec, e->was, e->changed);
    if (!e->was && (rc = rp_get(db, kind, rec->v[0].i, &own)))
        return rc;
    if (!(rc = check_edit(db, old, rec, e)) && !(rc = history_edits(db, old, rec, e->changed)) &&
        !(rc = rp_update_was(db, rec, old, e->changed)) && kind == RP_MEETING && e->set_attendees)
        rc = replace_attendees(db, rec, e);
    /* Contact corrected into what it was counts as logged: it may lift a hold or keep
     * agreements. */
    if (!rc && kind == RP_ACTIVITY &&
        (e->changed[RP_ACTIVITY_DIRECTION] || e->changed[RP_ACTIVITY_OUTCOME] ||
         e->changed[RP_ACTIVITY_AT]))
        rc = rp_activity_effects(db, rec);
    if (!rc && kind == RP_MEETING)
        e->short_by = rp_meeting_short_by(rec);
    rp_record_release(&own);
    return rc;
}

enum rp_status rp_agreement_cancel(struct rp_db *db, int64_t id, const char *note)
{
    struct rp_record a;
    unsigned char changed[RP_AGREEMENT_NFIELDS] = {0};
    enum rp_status rc = rp_get(db, RP_AGREEMENT, id, &a);
    if (rc)
        return rc;
    if (!(rc = rp_record_set_status(db, &a, RP_AGREEMENT_STATUS, "cancelled", "open",
                                    note ? note : "cancelled"))) {
        rp_record_set_int(&a, RP_AGREEMENT_CLOSED_AT, rp_db_now(db));
        changed[RP_AGREEMENT_CLOSED_AT] = 1;
        rc = rp_update(db, &a, changed);
    }
    rp_record_release(&a);
    return rc;
}

/* ---- deletions ---------------------------------------------------------------------- */

/* "call out no-answer at 2026-11-20T09:00:00Z": what a deleted record was. */
static enum rp_status describe(const struct rp_record *rec, struct rp_buf *b)
{
    static const struct {
        enum rp_kind_id kind;
        int f[3];
    } shown[] = {
        {RP_ACTIVITY, {RP_ACTIVITY_KIND, RP_ACTIVITY_DIRECTION, RP_ACTIVITY_OUTCOME}},
        {RP_AGREEMENT, {RP_AGREEMENT_DUE_ON, RP_AGREEMENT_STATUS, RP_AGREEMENT_NOTE}},
        {RP_MEETING, {RP_MEETING_KIND, RP_MEETING_AT, RP_MEETING_STATUS}},
        {RP_CLAIM, {RP_CLAIM_TEXT, RP_CLAIM_STATUS, -1}},
        {RP_STATEMENT, {RP_STATEMENT_TEXT, -1, -1}},
    };
    enum rp_status rc = rp_buf_addf(b, "%s %lld:", rec->kind->name, (long long)rec->v[0].i);
    for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
        for (int k = 0; shown[i].kind == rec->kind->id && k < 3 && !rc; k++)
            if (shown[i].f[k] >= 0 && rec->v[shown[i].f[k]].set && !(rc = rp_buf_addc(b, ' ')))
                rc = history_value(rec, shown[i].f[k], b);
    if (!rc && rec->kind->id == RP_ACTIVITY && !(rc = rp_buf_adds(b, " at ")))
        rc = history_value(rec, RP_ACTIVITY_AT, b);
    return rc;
}

enum rp_status rp_history_deleted(struct rp_db *db, const struct rp_record *rec)
{
    struct rp_buf what = RP_BUF_INIT;
    int deal_f = rp_kind_field(rec->kind, "deal_id"),
        acc_f = rp_kind_field(rec->kind, "account_id");
    enum rp_status rc = RP_OK;
    if (!correctable(rec->kind->id))
        return RP_OK;
    if (describe(rec, &what))
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    else if (deal_f >= 0 && rec->v[deal_f].set)
        rc = rp_history_add(db, RP_DEAL, rec->v[deal_f].i, rec->kind->name, rp_buf_str(&what), NULL,
                            "deleted");
    else if (acc_f >= 0 && rec->v[acc_f].set)
        rc = rp_history_add(db, RP_ACCOUNT, rec->v[acc_f].i, rec->kind->name, rp_buf_str(&what),
                            NULL, "deleted");
    rp_buf_release(&what);
    return rc;
}

/* ---- a contact's track record ------------------------------------------------------- */

struct track {
    int64_t held, no_shows, moved, moved_them, moved_us, cancelled, unanswered, unanswered_since;
    int64_t last_touch, last_in, last_two_way;
    json_t *reply; /* the last reply, or NULL */
};

static void track_reply(struct track *t, int64_t at, const char *what, const char *idname,
                        int64_t id)
{
    char when[RP_INSTANT_LEN];
    rp_instant_format(at, when);
    json_decref(t->reply);
    t->reply = json_pack("{s:s,s:s,s:I}", "at", when, "what", what, idname, (json_int_t)id);
    t->last_two_way = at;
}

static enum rp_status track_meetings(struct rp_db *db, int64_t contact, struct track *t,
                                     json_t *list)
{
    int64_t *ids = NULL;
    size_t n = 0;
    enum rp_status rc = rp_store_contact_meetings(db->store, contact, &ids, &n);
    for (size_t i = 0; i < n && !rc; i++) {
        struct rp_record m;
        if ((rc = rp_get(db, RP_MEETING, ids[i], &m)))
            break;
        const char *status = rp_record_str(&m, RP_MEETING_STATUS);
        const char *by = rp_record_str(&m, RP_MEETING_RESCHEDULED_BY);
        int64_t at = rp_record_int(&m, RP_MEETING_AT, 0);
        t->held += !strcmp(status, "held");
        t->no_shows += !strcmp(status, "no-show");
        t->cancelled += !strcmp(status, "cancelled");
        if (!strcmp(status, "rescheduled")) {
            t->moved++;
            t->moved_them += by && !strcmp(by, "them");
            t->moved_us += by && !strcmp(by, "us");
        }
        if (!strcmp(status, "held") && at >= t->last_two_way) {
            track_reply(t, at, "meeting held", "meeting_id", m.v[0].i);
        }
        json_array_append_new(list, rp_record_to_json(&m));
        rp_record_release(&m);
    }
    free(ids);
    return rc;
}

/* An outbound call that did not reach them. */
static int unanswered_call(const struct rp_record *a)
{
    const char *kind = rp_record_str(a, RP_ACTIVITY_KIND);
    return !strcmp(rp_record_str(a, RP_ACTIVITY_DIRECTION), "out") &&
           (!strcmp(kind, "call") || !strcmp(kind, "voicemail")) && !rp_activity_is_two_way(a);
}

static enum rp_status track_activities(struct rp_db *db, int64_t contact, struct track *t)
{
    struct rp_records acts = {0};
    enum rp_status rc =
        rp_list_by(db, RP_ACTIVITY, RP_ACTIVITY_CONTACT_ID, contact, RP_ACTIVITY_AT, 0, &acts);
    for (size_t i = 0; i < acts.n && !rc; i++) {
        const struct rp_record *a = &acts.items[i];
        const char *dir = rp_record_str(a, RP_ACTIVITY_DIRECTION);
        int64_t at = rp_record_int(a, RP_ACTIVITY_AT, 0);
        char what[48];
        if (!strcmp(dir, "out") && at > t->last_touch)
            t->last_touch = at;
        if (!strcmp(dir, "in") && at > t->last_in)
            t->last_in = at;
        t->unanswered += unanswered_call(a);
        if (rp_activity_is_two_way(a) && at >= t->last_two_way) {
            snprintf(what, sizeof(what), "%s %s", rp_record_str(a, RP_ACTIVITY_KIND), dir);
            track_reply(t, at, what, "activity_id", a->v[0].i);
        }
    }
    for (size_t i = 0; i < acts.n && !rc; i++)
        t->unanswered_since += unanswered_call(&acts.items[i]) &&
                               rp_record_int(&acts.items[i], RP_ACTIVITY_AT, 0) > t->last_two_way;
    rp_records_release(&acts);
    return rc;
}

static json_t *instant_or_null(int64_t at)
{
    char when[RP_INSTANT_LEN];
    if (at < 0)
        return json_null();
    rp_instant_format(at, when);
    return json_string(when);
}

enum rp_status rp_contact_track_record(struct rp_db *db, int64_t id, json_t **out)
{
    struct rp_record c;
    struct track t = {.last_touch = -1, .last_in = -1, .last_two_way = -1};
    json_t *meetings = json_array();
    enum rp_status rc = meetings ? rp_get(db, RP_CONTACT, id, &c)
                                 : rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (rc) {
        json_decref(meetings);
        return rc;
    }
    rp_record_release(&c);
    if ((rc = track_meetings(db, id, &t, meetings)) || (rc = track_activities(db, id, &t))) {
        json_decref(meetings);
        json_decref(t.reply);
        return rc;
    }
    *out = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:o}", "meetings_held",
                     (json_int_t)t.held, "no_shows", (json_int_t)t.no_shows, "reschedules",
                     (json_int_t)t.moved, "rescheduled_by_them", (json_int_t)t.moved_them,
                     "rescheduled_by_us", (json_int_t)t.moved_us, "cancelled",
                     (json_int_t)t.cancelled, "calls_unanswered", (json_int_t)t.unanswered,
                     "calls_unanswered_since_reply", (json_int_t)t.unanswered_since,
                     "last_touch_at", instant_or_null(t.last_touch), "last_inbound_at",
                     instant_or_null(t.last_in), "last_two_way_at", instant_or_null(t.last_two_way),
                     "last_reply", t.reply ? t.reply : json_null(), "meetings", meetings);
    return *out ? RP_OK : rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
}
