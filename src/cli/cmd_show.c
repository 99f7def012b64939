/* account show and deal show: one record with everything that belongs to it, so the
 * salesperson can recall the whole relationship before picking up the phone. As JSON it is
 * the core's rp_show_json, the same object the API's overview routes answer. */
#include <stdio.h>
#include <stdlib.h>

#include "base/date.h"
#include "cli/cli.h"
#include "base/banned.h"

struct section {
    enum rp_kind_id kind;
    int field; /* the reference to the shown record */
    const char *title;
    int newest_first;
};

/* Prints REC, EXTRA_LINE, then each section and the history, as tables. */
static enum rp_status show_text(struct cli *c, struct rp_record *rec,
                                const struct section *sections, const char *extra_line)
{
    struct rp_records list = {0}, history = {0};
    enum rp_status rc = cli_print_record(c, rec);
    if (!rc && extra_line)
        printf("%s\n", extra_line);
    for (const struct section *s = sections; s->title && !rc; s++) {
        if (!(rc = rp_list_by(c->db, s->kind, s->field, rec->v[0].i, -1, s->newest_first, &list)))
            rc = cli_section(c, NULL, NULL, s->title, &list);
        rp_records_release(&list);
    }
    if (!rc && !(rc = rp_history(c->db, rec->kind->id, rec->v[0].i, &history)))
        rc = cli_section(c, NULL, NULL, "History", &history);
    rp_records_release(&history);
    return rc;
}

/* Shows record ID of KIND: JSON from the core, or tables (with EXTRA_LINE for a deal). */
static enum rp_status show(struct cli *c, enum rp_kind_id kind, int64_t id,
                           const struct section *sections, const char *extra_line)
{
    struct rp_record rec;
    enum rp_status rc;
    if (c->json) {
        json_t *obj;
        if ((rc = rp_show_json(c->db, kind, id, &obj)))
            return rc;
        return cli_print_json(c, obj);
    }
    if ((rc = rp_get(c->db, kind, id, &rec)))
        return rc;
    rc = show_text(c, &rec, sections, extra_line);
    rp_record_release(&rec);
    return rc;
}

enum rp_status cmd_account_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    static const struct section sections[] = {
        {RP_CONTACT, RP_CONTACT_ACCOUNT_ID, "Contacts", 0},
        {RP_DEAL, RP_DEAL_ACCOUNT_ID, "Deals", 0},
        {RP_AGREEMENT, RP_AGREEMENT_ACCOUNT_ID, "Agreed next steps", 0},
        {RP_ACTIVITY, RP_ACTIVITY_ACCOUNT_ID, "Activity, newest first", 1},
        {RP_STATEMENT, RP_STATEMENT_ACCOUNT_ID, "What you told them", 1},
        {RP_INVOICE, RP_INVOICE_ACCOUNT_ID, "Invoices", 0},
        {0, 0, NULL, 0},
    };
    int64_t id;
    enum rp_status rc = cli_id(c, a, 0, "account", &id);
    return rc ? rc : show(c, RP_ACCOUNT, id, sections, NULL);
}

enum rp_status cmd_deal_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    static const struct section sections[] = {
        {RP_MEETING, RP_MEETING_DEAL_ID, "Meetings", 0},
        {RP_AGREEMENT, RP_AGREEMENT_DEAL_ID, "Agreed next steps", 0},
        {RP_CLAIM, RP_CLAIM_DEAL_ID, "What they claimed", 0},
        {RP_STATEMENT, RP_STATEMENT_DEAL_ID, "What you told them", 1},
        {RP_ACTIVITY, RP_ACTIVITY_DEAL_ID, "Activity, newest first", 1},
        {0, 0, NULL, 0},
    };
    struct rp_score score;
    int64_t id;
    enum rp_status rc = cli_id(c, a, 0, "deal", &id);
    if (rc || c->json)
        return rc ? rc : show(c, RP_DEAL, id, sections, NULL);
    if ((rc = rp_deal_score(c->db, id, &score)))
        return rc;
    char line[160];
    snprintf(line, sizeof(line),
             "\nScore %d of 100: trigger %d, urgency %d, decision date %d, "
             "decision contact %d, value %d",
             score.total, score.trigger, score.urgency, score.decision, score.contact, score.value);
    return show(c, RP_DEAL, id, sections, line);
}

/* activity show, meet show, ...: one record and its history. */
/* One record, its history and (for a meeting) its attendees, as JSON into *OUT. */
static enum rp_status record_json(struct cli *c, const struct rp_record *rec, json_t **out)
{
    struct rp_records history = {0};
    json_t *obj = rp_record_to_json(rec);
    enum rp_status rc = obj ? rp_history(c->db, rec->kind->id, rec->v[0].i, &history)
                            : rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (!rc)
        json_object_set_new(obj, "history", rp_records_to_json(&history));
    rp_records_release(&history);
    if (!rc && rec->kind->id == RP_MEETING) {
        int64_t *ids = NULL;
        size_t n = 0;
        json_t *att = json_array();
        if (!(rc = rp_meeting_attendees(c->db, rec->v[0].i, &ids, &n)))
            for (size_t k = 0; k < n; k++)
                json_array_append_new(att, json_integer(ids[k]));
        free(ids);
        json_object_set_new(obj, "attendees", att);
    }
    if (rc)
        json_decref(obj);
    else
        *out = obj;
    return rc;
}

enum rp_status cmd_record_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    static const struct section none[] = {{0, 0, NULL, 0}};
    enum rp_kind_id kind = (enum rp_kind_id)cmd->kind;
    struct rp_record rec;
    int64_t id;
    enum rp_status rc = cli_id(c, a, 0, rp_kind_get(kind)->name, &id);
    if (rc || (rc = rp_get(c->db, kind, id, &rec)))
        return rc;
    if (c->json) {
        json_t *obj = NULL;
        rc = record_json(c, &rec, &obj);
        rp_record_release(&rec);
        return rc ? rc : cli_print_json(c, obj);
    }
    rc = show_text(c, &rec, none, NULL);
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
    } else
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
        if (rc ||
            (rc = rp_get(c->db, RP_MEETING, json_integer_value(json_object_get(m, "id")), &r)))
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
