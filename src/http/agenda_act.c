/* Working the agenda over HTTP: POST /agenda/{item}/done, /snooze and /send, and GET
 * /snoozes, the same as rapport done, snooze and send (core/act.c). */
#include <string.h>

#include "base/date.h"
#include "http/http.h"
#include "base/banned.h"

/* Refuses members of the body other than the NULL-terminated ALLOWED. */
static enum rp_status only_members(struct http_req *req, const char *const *allowed)
{
    const char *key;
    json_t *value;
    json_object_foreach(req->json, key, value)
    {
        size_t i = 0;
        while (allowed[i] && strcmp(allowed[i], key))
            i++;
        if (!allowed[i])
            return rp_db_fail(req->db, RP_ERR_INVALID, key, "unknown field '%s'", key);
    }
    return RP_OK;
}

/* The activity described by the body's "log" object and "text". */
static enum rp_status done_log(struct http_req *req, const json_t *log, struct rp_record *rec)
{
    static const char *const allowed[] = {"kind", "dir", "outcome", "contact_id", "at", NULL};
    static const int fields[] = {RP_ACTIVITY_KIND, RP_ACTIVITY_DIRECTION, RP_ACTIVITY_OUTCOME,
                                 RP_ACTIVITY_CONTACT_ID, RP_ACTIVITY_AT};
    const char *key, *text;
    json_t *value;
    enum rp_status rc = rp_record_init(rec, RP_ACTIVITY);
    if (rc || !json_is_object(log))
        return rc ? rp_db_fail(req->db, rc, NULL, "out of memory")
                  : rp_db_fail(req->db, RP_ERR_INVALID, "log",
                               "log must be an object with "
                               "kind, dir, outcome, contact_id, at");
    rp_record_set_str(rec, RP_ACTIVITY_DIRECTION, "out");
    json_object_foreach((json_t *)log, key, value)
    {
        size_t i = 0;
        while (allowed[i] && strcmp(allowed[i], key))
            i++;
        if (!allowed[i])
            return rp_db_fail(req->db, RP_ERR_INVALID, key, "unknown field '%s' in log", key);
        if ((rc = rp_record_set_json(req->db, rec, fields[i], value)))
            return rc;
    }
    if (!rec->v[RP_ACTIVITY_KIND].set)
        return rp_db_fail(req->db, RP_ERR_INVALID, "kind", "log needs a kind (call, email, ...)");
    if (!(rc = http_text_member(req, "text", &text)) && text)
        rc = rp_record_set_text(req->db, rec, RP_ACTIVITY_TEXT, text);
    return rc;
}

static void answer_until(struct http_res *res, const char *item, int64_t until,
                         const struct rp_record *log)
{
    char day[RP_DATE_LEN];
    rp_date_format(until, day);
    res->json = json_pack("{s:s,s:s,s:o}", "item", item, "until", day, "activity",
                          log ? rp_record_to_json(log) : json_null());
}

enum rp_status http_item_done(struct http_req *req, struct http_res *res,
                              const struct http_route *route)
{
    static const char *const allowed[] = {"log", "text", NULL};
    char item[64];
    struct rp_record log = {0};
    const json_t *log_json = json_object_get(req->json, "log");
    int64_t until;
    http_word(req, item, sizeof(item));
    enum rp_status rc = only_members(req, allowed);
    if (!rc && !log_json && json_object_get(req->json, "text"))
        rc = rp_db_fail(req->db, RP_ERR_INVALID, "text",
                        "text describes the log: give log "
                        "too");
    if (!rc && log_json)
        rc = done_log(req, log_json, &log);
    if (!rc && !(rc = rp_item_done(req->db, item, log_json ? &log : NULL, &until)))
        answer_until(res, item, until, log_json ? &log : NULL);
    rp_record_release(&log);
    return rc ? http_fail(req, res, rc) : RP_OK;
}

enum rp_status http_item_snooze(struct http_req *req, struct http_res *res,
                                const struct http_route *route)
{
    static const char *const allowed[] = {"until", "days", NULL};
    char item[64];
    const json_t *days = json_object_get(req->json, "days");
    int64_t until = -1;
    http_word(req, item, sizeof(item));
    enum rp_status rc = only_members(req, allowed);
    if (!rc)
        rc = http_date_member(req, "until", &until);
    if (!rc && !days == (until < 0))
        rc = rp_db_fail(req->db, RP_ERR_INVALID, "until",
                        "give until (a date) or days (not "
                        "both)");
    if (!rc && days &&
        (!json_is_integer(days) || json_integer_value(days) < 1 || json_integer_value(days) > 3650))
        rc = rp_db_fail(req->db, RP_ERR_INVALID, "days",
                        "days must be a whole number from 1 "
                        "to 3650");
    if (!rc && days)
        until = rp_db_today(req->db) + json_integer_value(days);
    if (!rc && !(rc = rp_item_snooze(req->db, item, until)))
        answer_until(res, item, until, NULL);
    return rc ? http_fail(req, res, rc) : RP_OK;
}

enum rp_status http_item_send(struct http_req *req, struct http_res *res,
                              const struct http_route *route)
{
    static const char *const allowed[] = {"subject", "body", NULL};
    char item[64];
    const char *subject = NULL, *body = NULL;
    struct rp_record sent = {0};
    http_word(req, item, sizeof(item));
    enum rp_status rc = only_members(req, allowed);
    if (!rc && !(rc = http_text_member(req, "subject", &subject)) &&
        !(rc = http_text_member(req, "body", &body)) &&
        !(rc = rp_item_send(req->db, item, subject, body, &sent)))
        res->json = json_pack("{s:s,s:s,s:o}", "item", item, "recorded_as", sent.kind->name,
                              "record", rp_record_to_json(&sent));
    rp_record_release(&sent);
    return rc ? http_fail(req, res, rc) : RP_OK;
}

enum rp_status http_snoozes(struct http_req *req, struct http_res *res,
                            const struct http_route *route)
{
    json_t *list = rp_snoozes_json(req->db);
    if (!list)
        return http_fail(req, res, rp_db_fail(req->db, RP_ERR_INTERNAL, NULL, "out of memory"));
    res->json = json_pack("{s:o}", "items", list);
    return RP_OK;
}
