/* The per-user iCalendar feed (GET /api/v1/cal/{secret}.ics): the planned meetings and the
 * agreed follow-up days of open agreements the user sees, built with libical. A feed is
 * reached by its secret alone, so calendar apps can subscribe without a login; rotating
 * the secret (POST /api/v1/me/calendar, rapport user calendar --rotate) revokes the old URL. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "http/http.h"
#include "base/banned.h"

#define CAL_SUFFIX ".ics"
#define CAL_SECRET_MAX 128

/* The URL comes from the setting server.public-url, else from where the server listens:
 * never from the request's Host header, which any client can set. */
char *http_calendar_url(const struct http_req *req, const char *secret)
{
    char *base = NULL;
    struct rp_buf url = RP_BUF_INIT;
    if (rp_config_get(req->db, "server.public-url", &base))
        return NULL;
    size_t n = strlen(base);
    while (n && base[n - 1] == '/')
        n--;
    if (rp_buf_addf(&url, "%.*s" HTTP_CAL_PREFIX "%s" CAL_SUFFIX, n ? (int)n : 1000,
                    n ? base : http_listen_url(), secret)) {
        free(base);
        rp_buf_release(&url);
        return NULL;
    }
    free(base);
    return rp_buf_detach(&url);
}

static struct icaltimetype cal_instant(int64_t epoch)
{
    return icaltime_from_timet_with_zone((time_t)epoch, 0, icaltimezone_get_utc_timezone());
}

/* A local calendar day as an iCalendar DATE (all-day events float: no zone). */
static struct icaltimetype cal_day(int64_t days)
{
    struct icaltimetype t = icaltime_null_date();
    int64_t year;
    unsigned month, day;
    rp_civil_from_days(days, &year, &month, &day);
    t.year = (int)year;
    t.month = (int)month;
    t.day = (int)day;
    return t;
}

/* "LEAD: <deal> (<account>)" for the deal a meeting or agreement belongs to. */
static enum rp_status cal_summary(struct rp_db *db, const char *lead, int64_t deal_id,
                                  struct rp_buf *out)
{
    struct rp_record deal = {0}, account = {0};
    enum rp_status rc = rp_get(db, RP_DEAL, deal_id, &deal);
    if (!rc)
        rc = rp_get(db, RP_ACCOUNT, rp_record_int(&deal, RP_DEAL_ACCOUNT_ID, 0), &account);
    if (!rc)
        rc = rp_buf_addf(out, "%s: %s (%s)", lead, rp_record_str(&deal, RP_DEAL_TITLE),
                         rp_record_str(&account, RP_ACCOUNT_NAME));
    rp_record_release(&deal);
    rp_record_release(&account);
    return rc;
}

struct cal_event {
    char uid[64];
    const char *summary, *description; /* description may be NULL */
    struct icaltimetype start, end;
};

static void cal_add_event(icalcomponent *cal, const struct cal_event *e, int64_t now)
{
    icalcomponent *ev = icalcomponent_new_vevent();
    icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(cal_instant(now)));
    icalcomponent_add_property(ev, icalproperty_new_dtstart(e->start));
    icalcomponent_add_property(ev, icalproperty_new_dtend(e->end));
    icalcomponent_add_property(ev, icalproperty_new_summary(e->summary));
    if (e->description)
        icalcomponent_add_property(ev, icalproperty_new_description(e->description));
    icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
    icalcomponent_add_component(cal, ev);
}

/* Lists the records of KIND whose status is STATUS, as the acting user sees them. */
static enum rp_status cal_list(struct rp_db *db, enum rp_kind_id kind, int status_field,
                               const char *status, int order, struct rp_records *out)
{
    struct rp_filter filter = {status_field, status};
    struct rp_query q = {kind, &filter, 1, order, 0, 0, 0};
    return rp_list(db, &q, out);
}

static enum rp_status cal_meetings(struct rp_db *db, icalcomponent *cal)
{
    struct rp_records list = {0};
    struct rp_buf summary = RP_BUF_INIT, lead = RP_BUF_INIT;
    enum rp_status rc =
        cal_list(db, RP_MEETING, RP_MEETING_STATUS, "planned", RP_MEETING_AT, &list);
    for (size_t i = 0; i < list.n && !rc; i++) {
        const struct rp_record *m = &list.items[i];
        int64_t at = rp_record_int(m, RP_MEETING_AT, 0);
        struct cal_event e = {.start = cal_instant(at),
                              .end =
                                  cal_instant(at + 60 * rp_record_int(m, RP_MEETING_MINUTES, 0))};
        rp_buf_reset(&summary);
        rp_buf_reset(&lead);
        if ((rc = rp_buf_addf(&lead, "%s meeting", rp_record_str(m, RP_MEETING_KIND))) ||
            (rc = cal_summary(db, rp_buf_str(&lead), rp_record_int(m, RP_MEETING_DEAL_ID, 0),
                              &summary)))
            break;
        snprintf(e.uid, sizeof(e.uid), "meeting-%lld@rapport", (long long)m->v[0].i);
        e.summary = rp_buf_str(&summary);
        cal_add_event(cal, &e, rp_db_now(db));
    }
    rp_buf_release(&summary);
    rp_buf_release(&lead);
    rp_records_release(&list);
    return rc;
}

static enum rp_status cal_agreements(struct rp_db *db, icalcomponent *cal)
{
    struct rp_records list = {0};
    struct rp_buf summary = RP_BUF_INIT;
    enum rp_status rc =
        cal_list(db, RP_AGREEMENT, RP_AGREEMENT_STATUS, "open", RP_AGREEMENT_DUE_ON, &list);
    for (size_t i = 0; i < list.n && !rc; i++) {
        const struct rp_record *a = &list.items[i];
        int64_t due = rp_record_int(a, RP_AGREEMENT_DUE_ON, 0);
        struct cal_event e = {.start = cal_day(due),
                              .end = cal_day(due + 1),
                              .description = rp_record_str(a, RP_AGREEMENT_NOTE)};
        rp_buf_reset(&summary);
        if ((rc =
                 cal_summary(db, "Follow up", rp_record_int(a, RP_AGREEMENT_DEAL_ID, 0), &summary)))
            break;
        snprintf(e.uid, sizeof(e.uid), "agreement-%lld@rapport", (long long)a->v[0].i);
        e.summary = rp_buf_str(&summary);
        cal_add_event(cal, &e, rp_db_now(db));
    }
    rp_buf_release(&summary);
    rp_records_release(&list);
    return rc;
}

enum rp_status http_ical_build(struct rp_db *db, char **out)
{
    icalcomponent *cal = icalcomponent_new_vcalendar();
    enum rp_status rc = RP_OK;
    char *text = NULL;
    if (!cal)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(
        cal, icalproperty_new_prodid("-//Rapport//Rapport " RAPPORT_VERSION "//EN"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalproperty *name = icalproperty_new_x("Rapport");
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(cal, name);
    if (!(rc = cal_meetings(db, cal)) && !(rc = cal_agreements(db, cal))) {
        char *ical = icalcomponent_as_ical_string_r(cal);
        if (!ical || !(text = strdup(ical)))
            rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
        icalmemory_free_buffer(ical);
    }
    icalcomponent_free(cal);
    if (!rc)
        *out = text;
    return rc;
}

/* The user a feed name ("<secret>.ics") belongs to; any failure reads as a missing feed,
 * so a wrong, revoked or disabled user's secret says nothing more. */
static enum rp_status cal_owner(struct http_req *req, int64_t *user)
{
    char secret[CAL_SECRET_MAX + 1];
    size_t len = req->word ? strlen(req->word) : 0, slen = sizeof(CAL_SUFFIX) - 1;
    if (len <= slen || len - slen > CAL_SECRET_MAX || strcmp(req->word + len - slen, CAL_SUFFIX))
        return rp_db_fail(req->db, RP_ERR_NOTFOUND, NULL, "no such calendar");
    memcpy(secret, req->word, len - slen);
    secret[len - slen] = '\0';
    if (rp_calendar_user(req->db, secret, user) || rp_db_act_as(req->db, *user))
        return rp_db_fail(req->db, RP_ERR_NOTFOUND, NULL, "no such calendar");
    return RP_OK;
}

enum rp_status http_calendar(struct http_req *req, struct http_res *res,
                             const struct http_route *route)
{
    int64_t user;
    char *text = NULL;
    enum rp_status rc = cal_owner(req, &user);
    if (!rc)
        rc = http_ical_build(req->db, &text);
    if (rc)
        return http_fail(req, res, rc);
    res->text = text;
    res->content_type = "text/calendar; charset=utf-8";
    return RP_OK;
}

enum rp_status http_calendar_rotate(struct http_req *req, struct http_res *res,
                                    const struct http_route *route)
{
    char *secret = NULL, *url = NULL;
    enum rp_status rc = rp_calendar_secret(req->db, req->user, 1, &secret);
    if (!rc && !(url = http_calendar_url(req, secret)))
        rc = rp_db_fail(req->db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (!rc)
        res->json = json_pack("{s:s}", "calendar_url", url);
    free(secret);
    free(url);
    return rc ? http_fail(req, res, rc) : RP_OK;
}
