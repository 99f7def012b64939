/* account show and deal show: one record with everything that belongs to it, so the
 * salesperson can recall the whole relationship before picking up the phone. */
#include <stdio.h>
#include <stdlib.h>

#include "base/date.h"
#include "cli/cli.h"
#include "base/banned.h"

struct section {
    enum rp_kind_id kind;
    int field; /* the reference to the shown record */
    const char *key, *title;
    int newest_first;
};

/* Prints REC then each section; as JSON, one object with a member per section. */
static enum rp_status show_with(struct cli *c, struct rp_record *rec,
                                const struct section *sections, json_t *extra,
                                const char *extra_line)
{
    json_t *obj = c->json ? rp_record_to_json(rec) : NULL;
    struct rp_records list = {0}, history = {0};
    enum rp_status rc = RP_OK;
    if (c->json && !obj)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (!c->json)
        rc = cli_print_record(c, rec);
    if (!c->json && extra_line)
        printf("%s\n", extra_line);
    for (const struct section *s = sections; s->key && !rc; s++) {
        if (!(rc = rp_list_by(c->db, s->kind, s->field, rec->v[0].i, -1, s->newest_first,
                              &list)))
            rc = cli_section(c, obj, s->key, s->title, &list);
        rp_records_release(&list);
    }
    if (!rc && !(rc = rp_history(c->db, rec->kind->id, rec->v[0].i, &history)))
        rc = cli_section(c, obj, "history", "History", &history);
    rp_records_release(&history);
    if (!rc && obj && extra)
        json_object_update(obj, extra);
    if (!rc && obj)
        return cli_print_json(c, obj);
    json_decref(obj);
    return rc;
}

enum rp_status cmd_account_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    static const struct section sections[] = {
        {RP_CONTACT, RP_CONTACT_ACCOUNT_ID, "contacts", "Contacts", 0},
        {RP_DEAL, RP_DEAL_ACCOUNT_ID, "deals", "Deals", 0},
        {RP_ACTIVITY, RP_ACTIVITY_ACCOUNT_ID, "activities", "Activity, newest first", 1},
        {RP_STATEMENT, RP_STATEMENT_ACCOUNT_ID, "statements", "What you told them", 1},
        {RP_INVOICE, RP_INVOICE_ACCOUNT_ID, "invoices", "Invoices", 0},
        {0, 0, NULL, NULL, 0},
    };
    struct rp_record rec;
    int64_t id;
    enum rp_status rc = cli_id(c, a, 0, "account", &id);
    if (rc || (rc = rp_get(c->db, RP_ACCOUNT, id, &rec)))
        return rc;
    rc = show_with(c, &rec, sections, NULL, NULL);
    rp_record_release(&rec);
    return rc;
}

/* Meetings with their attendees' ids, as JSON. */
static json_t *meeting_attendees_json(struct cli *c, int64_t deal_id)
{
    struct rp_records list = {0};
    json_t *arr = json_array();
    if (!arr || rp_list_by(c->db, RP_MEETING, RP_MEETING_DEAL_ID, deal_id, RP_MEETING_AT, 0,
                           &list)) {
        json_decref(arr);
        return NULL;
    }
    for (size_t i = 0; i < list.n; i++) {
        int64_t *ids = NULL;
        size_t n = 0;
        json_t *m = rp_record_to_json(&list.items[i]), *att = json_array();
        if (!rp_meeting_attendees(c->db, list.items[i].v[0].i, &ids, &n))
            for (size_t k = 0; k < n; k++)
                json_array_append_new(att, json_integer(ids[k]));
        free(ids);
        json_object_set_new(m, "attendees", att);
        json_array_append_new(arr, m);
    }
    rp_records_release(&list);
    return arr;
}

enum rp_status cmd_deal_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    static const struct section sections[] = {
        {RP_MEETING, RP_MEETING_DEAL_ID, "meetings", "Meetings", 0},
        {RP_AGREEMENT, RP_AGREEMENT_DEAL_ID, "agreements", "Agreed next steps", 0},
        {RP_CLAIM, RP_CLAIM_DEAL_ID, "claims", "What they claimed", 0},
        {RP_STATEMENT, RP_STATEMENT_DEAL_ID, "statements", "What you told them", 1},
        {RP_ACTIVITY, RP_ACTIVITY_DEAL_ID, "activities", "Activity, newest first", 1},
        {0, 0, NULL, NULL, 0},
    };
    struct rp_record rec;
    int64_t id;
    json_t *extra = NULL;
    enum rp_status rc = cli_id(c, a, 0, "deal", &id);
    if (rc || (rc = rp_get(c->db, RP_DEAL, id, &rec)))
        return rc;
    struct rp_score score;
    if ((rc = rp_deal_score(c->db, id, &score))) {
        rp_record_release(&rec);
        return rc;
    }
    /* In JSON each meeting also lists its attendees. */
    if (c->json)
        extra = json_pack("{s:o*,s:o*}", "meetings", meeting_attendees_json(c, id), "score",
                          rp_score_to_json(&score));
    char line[160];
    snprintf(line, sizeof(line), "\nScore %d of 100: trigger %d, urgency %d, decision date %d, "
             "decision contact %d, value %d", score.total, score.trigger,
             score.urgency, score.decision, score.contact, score.value);
    rc = show_with(c, &rec, sections, extra, line);
    json_decref(extra);
    rp_record_release(&rec);
    return rc;
}

/* activity show, meet show, ...: one record and its history. */
enum rp_status cmd_record_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    static const struct section none[] = {{0, 0, NULL, NULL, 0}};
    enum rp_kind_id kind = (enum rp_kind_id)cmd->kind;
    struct rp_record rec;
    int64_t id;
    json_t *extra = NULL;
    enum rp_status rc = cli_id(c, a, 0, rp_kind_get(kind)->name, &id);
    if (rc || (rc = rp_get(c->db, kind, id, &rec)))
        return rc;
    if (kind == RP_MEETING && c->json) {
        int64_t *ids = NULL;
        size_t n = 0;
        json_t *att = json_array();
        if (!(rc = rp_meeting_attendees(c->db, id, &ids, &n)))
            for (size_t k = 0; k < n; k++)
                json_array_append_new(att, json_integer(ids[k]));
        free(ids);
        extra = json_pack("{s:o}", "attendees", att);
    }
    if (!rc)
        rc = show_with(c, &rec, none, extra, NULL);
    json_decref(extra);
    rp_record_release(&rec);
    return rc;
}

static void print_track_record(const json_t *t)
{
    const json_t *reply = json_object_get(t, "last_reply");
    printf("\nTrack record\n  meetings held %lld, no-shows %lld, rescheduled %lld (asked by "
           "them %lld, by us %lld), cancelled %lld\n",
           (long long)json_integer_value(json_object_get(t, "meetings_held")),
           (long long)json_integer_value(json_object_get(t, "no_shows")),
           (long long)json_integer_value(json_object_get(t, "reschedules")),
           (long long)json_integer_value(json_object_get(t, "rescheduled_by_them")),
           (long long)json_integer_value(json_object_get(t, "rescheduled_by_us")),
           (long long)json_integer_value(json_object_get(t, "cancelled")));
    printf("  calls unanswered %lld (%lld since the last reply)\n",
           (long long)json_integer_value(json_object_get(t, "calls_unanswered")),
           (long long)json_integer_value(json_object_get(t, "calls_unanswered_since_reply")));
    int64_t at;
    char when[RP_LOCAL_LEN];
    if (json_is_object(reply) &&
        !rp_instant_parse(json_string_value(json_object_get(reply, "at")), &at)) {
        rp_local_format(at, when);
        printf("  last reply %s (%s)\n", when, json_string_value(json_object_get(reply, "what")));
    }
    else
        printf("  last reply: none yet\n");
}

enum rp_status cmd_contact_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_record rec;
    struct rp_records meetings = {0};
    int64_t id;
    json_t *track = NULL;
    enum rp_status rc = cli_id(c, a, 0, "contact", &id);
    if (rc || (rc = rp_get(c->db, RP_CONTACT, id, &rec)))
        return rc;
    if ((rc = rp_contact_track_record(c->db, id, &track))) {
        rp_record_release(&rec);
        return rc;
    }
    if (c->json) {
        json_t *obj = rp_record_to_json(&rec);
        json_object_set_new(obj, "track_record", track);
        rp_record_release(&rec);
        return cli_print_json(c, obj);
    }
    rc = cli_print_record(c, &rec);
    print_track_record(track);
    /* The meetings they attend, as a table. */
    const json_t *list = json_object_get(track, "meetings"), *m;
    size_t i;
    json_array_foreach(list, i, m)
    {
        struct rp_record r;
        if (rc || (rc = rp_get(c->db, RP_MEETING,
                               json_integer_value(json_object_get(m, "id")), &r)))
            break;
        rc = rp_records_push(&meetings, &r);
    }
    if (!rc && meetings.n)
        rc = cli_section(c, NULL, "meetings", "Meetings", &meetings);
    rp_records_release(&meetings);
    json_decref(track);
    rp_record_release(&rec);
    return rc;
}
