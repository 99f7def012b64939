/* The action routes (POST /api/v1/<collection>/{id}/<verb>) and the agenda: the same
 * verbs as the command line, with JSON bodies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/parse.h"
#include "http/http.h"
#include "base/banned.h"

/* A string member of the body, NULL when absent or null; *bad is set when it is there but
 * not a string. */
static const char *text(struct http_req *req, const char *key, const char **bad)
{
    json_t *v = json_object_get(req->json, key);
    if (v && !json_is_null(v) && !json_is_string(v))
        *bad = key;
    return json_string_value(v);
}

static enum rp_status act_push(struct http_req *req, struct http_res *res, const char *mode)
{
    struct rp_draft d;
    struct rp_record push = {0};
    enum rp_status rc;
    if (!mode || (strcmp(mode, "draft") && strcmp(mode, "send") && strcmp(mode, "record")))
        return rp_db_fail(req->db, RP_ERR_INVALID, "mode",
                          "invalid mode (expected draft, send "
                          "or record)");
    if ((rc = rp_push_draft(req->db, req->ids[0], &d)))
        return rc;
    /* Recorded before it is sent, so a closed or already pushed deal sends nothing; a send
     * that fails rolls the record back with the request's transaction. */
    if (!strcmp(mode, "draft")) {
        res->json = rp_draft_to_json(&d);
    } else if (!(rc = rp_push_record(req->db, req->ids[0], mode, &d, &push)) &&
               !(rc = strcmp(mode, "send") ? RP_OK : rp_mail_send(req->db, &d))) {
        res->status = 201;
        res->json = rp_record_to_json(&push);
    }
    rp_record_release(&push);
    rp_draft_release(&d);
    return rc;
}

static enum rp_status act_deal(struct http_req *req, struct http_res *res, const char *verb)
{
    const char *bad = NULL;
    const char *reason = text(req, "reason", &bad), *competitor = text(req, "competitor", &bad);
    const char *note = text(req, "note", &bad), *mode = text(req, "mode", &bad);
    const char *outcome = text(req, "outcome", &bad), *stage = text(req, "stage", &bad);
    int64_t until = -1;
    if (bad)
        return rp_db_fail(req->db, RP_ERR_INVALID, bad, "%s must be a string", bad);
    if (!strcmp(verb, "push"))
        return act_push(req, res, mode);
    if (!strcmp(verb, "push-outcome")) {
        struct rp_push_answer a = {outcome ? outcome : "", competitor, reason, note};
        struct rp_record push;
        enum rp_status rc = rp_push_outcome(req->db, req->ids[0], &a, &push);
        if (!rc)
            rp_record_release(&push);
        return rc;
    }
    if (!strcmp(verb, "stage")) {
        if (!stage || !rp_stage_is_open(stage))
            return rp_db_fail(req->db, RP_ERR_INVALID, "stage",
                              "invalid stage (expected an "
                              "open stage: lead, qualified, meeting, proposal, negotiation)");
        return rp_deal_set_stage(req->db, req->ids[0], stage, reason);
    }
    if (!strcmp(verb, "hold-cancel"))
        return rp_deal_hold(req->db, req->ids[0], -1, "cancelled");
    if (!strcmp(verb, "hold")) {
        enum rp_status rc = http_date_member(req, "until", &until);
        return rc ? rc
                  : rp_deal_hold_unless(req->db, req->ids[0], until,
                                        json_is_true(json_object_get(req->json, "unless_inbound")),
                                        reason);
    }
    struct rp_close c = {verb, reason, competitor, note};
    return rp_deal_close(req->db, req->ids[0], &c);
}

static enum rp_status act_account(struct http_req *req, const char *verb)
{
    const char *bad = NULL, *reason = text(req, "reason", &bad);
    int64_t until = -1;
    enum rp_status rc;
    if (!strcmp(verb, "checkin")) {
        json_t *every = json_object_get(req->json, "every");
        if (!json_is_integer(every) || json_integer_value(every) < 0 ||
            json_integer_value(every) > 3650)
            return rp_db_fail(req->db, RP_ERR_INVALID, "every",
                              "every must be days from 0 to "
                              "3650");
        return rp_account_checkin(req->db, req->ids[0], json_integer_value(every));
    }
    if (!strcmp(verb, "hold-cancel"))
        return rp_account_hold(req->db, req->ids[0], -1, 0, "cancelled");
    if (bad || (rc = http_date_member(req, "until", &until)))
        return bad ? rp_db_fail(req->db, RP_ERR_INVALID, bad, "%s must be a string", bad) : rc;
    return rp_account_hold(req->db, req->ids[0], until,
                           json_is_true(json_object_get(req->json, "unless_inbound")), reason);
}

static enum rp_status act_meeting(struct http_req *req, const char *verb)
{
    static const char *const statuses[][2] = {
        {"held", "held"}, {"no-show", "no-show"}, {"cancel", "cancelled"}};
    for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
        if (!strcmp(verb, statuses[i][0]))
            return rp_meeting_set_status(req->db, req->ids[0], statuses[i][1]);
    struct rp_record probe;
    int64_t new_id, minutes = 0;
    int short_by;
    json_t *m = json_object_get(req->json, "minutes"), *force = json_object_get(req->json, "force");
    const char *bad = NULL, *by = text(req, "by", &bad);
    if (bad || (force && !json_is_boolean(force)))
        return rp_db_fail(req->db, RP_ERR_INVALID, bad ? bad : "force", "%s",
                          bad ? "by must be \"us\" or \"them\"" : "force must be true or false");
    enum rp_status rc = rp_record_init(&probe, RP_MEETING);
    if (rc)
        return rc;
    rc = rp_record_set_json(req->db, &probe, RP_MEETING_AT, json_object_get(req->json, "at"));
    if (!rc && !probe.v[RP_MEETING_AT].set)
        rc = rp_db_fail(req->db, RP_ERR_INVALID, "at", "reschedule needs the new start, at");
    if (!rc && m &&
        (!json_is_integer(m) || json_integer_value(m) < 1 || json_integer_value(m) > 1440))
        rc = rp_db_fail(req->db, RP_ERR_INVALID, "minutes", "minutes must be 1 to 1440");
    if (!rc && m)
        minutes = json_integer_value(m);
    struct rp_reschedule r = {rp_record_int(&probe, RP_MEETING_AT, 0), minutes, by,
                              json_is_true(force)};
    if (!rc)
        rc = rp_meeting_move(req->db, req->ids[0], &r, &new_id, &short_by);
    if (!rc)
        req->ids[0] = new_id; /* answer with the new meeting */
    rp_record_release(&probe);
    return rc;
}

static enum rp_status act_claim(struct http_req *req, const char *verb)
{
    static const char *const statuses[][2] = {
        {"verify", "verified"}, {"clarify", "clarified"}, {"contradict", "contradicted"}};
    const char *bad = NULL, *note = text(req, "note", &bad);
    if (bad)
        return rp_db_fail(req->db, RP_ERR_INVALID, bad, "%s must be a string", bad);
    for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
        if (!strcmp(verb, statuses[i][0]))
            return rp_claim_set_status(req->db, req->ids[0], statuses[i][1], note);
    return rp_db_fail(req->db, RP_ERR_USAGE, NULL, "unknown claim action");
}

static enum rp_status act_agreement_cancel(struct http_req *req)
{
    const char *bad = NULL, *note = text(req, "note", &bad);
    if (bad)
        return rp_db_fail(req->db, RP_ERR_INVALID, bad, "%s must be a string", bad);
    return rp_agreement_cancel(req->db, req->ids[0], note);
}

enum rp_status http_action(struct http_req *req, struct http_res *res,
                           const struct http_route *route)
{
    enum rp_kind_id kind = (enum rp_kind_id)route->kind;
    int64_t on = rp_db_today(req->db);
    enum rp_status rc;
    switch (kind) {
    case RP_DEAL:
        rc = act_deal(req, res, route->verb);
        break;
    case RP_ACCOUNT:
        rc = act_account(req, route->verb);
        break;
    case RP_MEETING:
        rc = act_meeting(req, route->verb);
        break;
    case RP_CLAIM:
        rc = act_claim(req, route->verb);
        break;
    case RP_AGREEMENT: /* agreements/{id}/cancel */
        rc = act_agreement_cancel(req);
        break;
    default: /* invoices/{id}/paid, invoices/{id}/promise */
        rc = http_date_member(req, "on", &on);
        if (!rc && !strcmp(route->verb, "promise"))
            rc = on < 0 ? rp_db_fail(req->db, RP_ERR_INVALID, "on",
                                     "missing on, the day they "
                                     "promised to pay by")
                        : rp_invoice_promise(req->db, req->ids[0], on);
        else if (!rc)
            rc = rp_invoice_paid(req->db, req->ids[0], on < 0 ? rp_db_today(req->db) : on);
    }
    if (rc)
        return http_fail(req, res, rc);
    if (res->json)
        return RP_OK;
    struct rp_record rec;
    if ((rc = rp_get(req->db, kind, req->ids[0], &rec)))
        return http_fail(req, res, rc);
    res->json = rp_record_to_json(&rec);
    rp_record_release(&rec);
    return RP_OK;
}

enum rp_status http_agenda(struct http_req *req, struct http_res *res,
                           const struct http_route *route)
{
    const char *date = http_arg(req, "date"), *days_text = http_arg(req, "days");
    int64_t from = -1, days = 1;
    if (!date) /* the day in the server's zone is worked out only when it is the one asked */
        from = rp_db_today(req->db);
    else if (rp_date_parse(date, &from))
        return http_fail(req, res,
                         rp_db_fail(req->db, RP_ERR_INVALID, "date",
                                    "invalid date "
                                    "'%s' (expected YYYY-MM-DD)",
                                    date));
    if (days_text && rp_parse_int64(days_text, 1, 31, &days))
        return http_fail(req, res,
                         rp_db_fail(req->db, RP_ERR_INVALID, "days",
                                    "invalid days "
                                    "'%s' (expected 1 to 31)",
                                    days_text));
    if (from + days - 1 > RP_DAY_MAX)
        return http_fail(req, res,
                         rp_db_fail(req->db, RP_ERR_INVALID, date ? "date" : "days",
                                    "the agenda would run past 9999-12-31"));
    struct rp_agenda_kept *keep = NULL;
    struct rp_buf out;
    http_json_begin(&out);
    /* An answer the server keeps for reuse (cache.c) is not kept in the database too: that
     * commit would come after the answer, unordered with the caller's next steps. */
    enum rp_status rc =
        rp_agenda_answer(req->db, from, (int)days, &out, req->cache_key ? NULL : &keep);
    if (keep)
        http_writer_keep(keep);
    return http_json_end(req, res, &out, rc);
}
