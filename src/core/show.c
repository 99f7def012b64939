/* One account or deal with everything that belongs to it, as JSON: what `account show`
 * and `deal show` print with --json and what GET /accounts/{id}/overview and
 * /deals/{id}/overview answer, so the salesperson recalls the whole relationship at once. */
#include <stdlib.h>

#include "core/db.h"
#include "base/banned.h"

struct show_section {
    enum rp_kind_id kind;
    int field; /* the reference to the shown record */
    const char *key;
    int newest_first;
};

static const struct show_section account_sections[] = {
    {RP_CONTACT, RP_CONTACT_ACCOUNT_ID, "contacts", 0},
    {RP_DEAL, RP_DEAL_ACCOUNT_ID, "deals", 0},
    {RP_AGREEMENT, RP_AGREEMENT_ACCOUNT_ID, "agreements", 0},
    {RP_ACTIVITY, RP_ACTIVITY_ACCOUNT_ID, "activities", 1},
    {RP_STATEMENT, RP_STATEMENT_ACCOUNT_ID, "statements", 1},
    {RP_INVOICE, RP_INVOICE_ACCOUNT_ID, "invoices", 0},
    {0, 0, NULL, 0},
};

/* A deal's meetings come with their attendees, so they are not a plain section. */
static const struct show_section deal_sections[] = {
    {RP_AGREEMENT, RP_AGREEMENT_DEAL_ID, "agreements", 0},
    {RP_CLAIM, RP_CLAIM_DEAL_ID, "claims", 0},
    {RP_STATEMENT, RP_STATEMENT_DEAL_ID, "statements", 1},
    {RP_ACTIVITY, RP_ACTIVITY_DEAL_ID, "activities", 1},
    {0, 0, NULL, 0},
};

static enum rp_status show_set(struct rp_db *db, json_t *obj, const char *key, json_t *value)
{
    if (!value || json_object_set_new(obj, key, value))
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    return RP_OK;
}

static enum rp_status show_section_add(struct rp_db *db, json_t *obj, int64_t id,
                                       const struct show_section *s)
{
    struct rp_records list = {0};
    enum rp_status rc = rp_list_by(db, s->kind, s->field, id, -1, s->newest_first, &list);
    if (!rc)
        rc = show_set(db, obj, s->key, rp_records_to_json(&list));
    rp_records_release(&list);
    return rc;
}

static enum rp_status show_meetings(struct rp_db *db, json_t *obj, int64_t deal_id)
{
    struct rp_records list = {0};
    json_t *arr = json_array();
    enum rp_status rc =
        arr ? rp_list_by(db, RP_MEETING, RP_MEETING_DEAL_ID, deal_id, RP_MEETING_AT, 0, &list)
            : rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t i = 0; i < list.n && !rc; i++) {
        int64_t *ids = NULL;
        size_t n = 0;
        json_t *m = rp_record_to_json(&list.items[i]), *att = json_array();
        if (!(rc = rp_meeting_attendees(db, list.items[i].v[0].i, &ids, &n)))
            for (size_t k = 0; k < n; k++)
                json_array_append_new(att, json_integer(ids[k]));
        free(ids);
        json_object_set_new(m, "attendees", att);
        json_array_append_new(arr, m);
    }
    rp_records_release(&list);
    if (rc) {
        json_decref(arr);
        return rc;
    }
    return show_set(db, obj, "meetings", arr);
}

static enum rp_status show_deal_extra(struct rp_db *db, json_t *obj, int64_t id)
{
    struct rp_score score;
    enum rp_status rc = show_meetings(db, obj, id);
    if (!rc && !(rc = rp_deal_score(db, id, &score)))
        rc = show_set(db, obj, "score", rp_score_to_json(&score));
    return rc;
}

enum rp_status rp_show_json(struct rp_db *db, enum rp_kind_id kind, int64_t id, json_t **out)
{
    const struct show_section *s = kind == RP_DEAL ? deal_sections : account_sections;
    struct rp_records history = {0};
    struct rp_record rec;
    json_t *obj = NULL;
    enum rp_status rc;
    *out = NULL;
    if ((rc = rp_get(db, kind, id, &rec)))
        return rc;
    obj = rp_record_to_json(&rec);
    rp_record_release(&rec);
    if (!obj)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (kind == RP_DEAL)
        rc = show_deal_extra(db, obj, id);
    for (; s->key && !rc; s++)
        rc = show_section_add(db, obj, id, s);
    if (!rc && !(rc = rp_history(db, kind, id, &history)))
        rc = show_set(db, obj, "history", rp_records_to_json(&history));
    rp_records_release(&history);
    if (rc) {
        json_decref(obj);
        return rc;
    }
    *out = obj;
    return RP_OK;
}
