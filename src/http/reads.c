/* Read-only routes over the history: reports, recall, search, the audit log, and an account
 * or deal with everything that belongs to it. */
#include <string.h>

#include "base/date.h"
#include "base/parse.h"
#include "http/http.h"
#include "base/banned.h"

#define SEARCH_LIMIT 50

static enum rp_status day_arg(struct http_req *req, const char *name, int64_t *day)
{
    const char *s = http_arg(req, name);
    *day = -1;
    if (s && rp_date_parse(s, day))
        return rp_db_fail(req->db, RP_ERR_INVALID, name,
                          "invalid %s '%s' (expected "
                          "YYYY-MM-DD)",
                          name, s);
    return RP_OK;
}

enum rp_status http_report(struct http_req *req, struct http_res *res,
                           const struct http_route *route)
{
    struct rp_range range;
    char name[32];
    size_t n = strcspn(req->word, "/");
    json_t *out = NULL;
    enum rp_status rc;
    if (n >= sizeof(name))
        n = sizeof(name) - 1;
    memcpy(name, req->word, n);
    name[n] = '\0';
    if ((rc = day_arg(req, "since", &range.since)) || (rc = day_arg(req, "until", &range.until)) ||
        (rc = rp_report_build(req->db, name, &range, &out)))
        return http_fail(req, res, rc == RP_ERR_USAGE ? RP_ERR_NOTFOUND : rc);
    res->json = out;
    return RP_OK;
}

enum rp_status http_recall(struct http_req *req, struct http_res *res,
                           const struct http_route *route)
{
    const char *account = http_arg(req, "account"), *q = http_arg(req, "q");
    int64_t id;
    json_t *out = NULL;
    enum rp_status rc;
    if (!account || rp_parse_int64(account, 1, INT64_MAX, &id))
        return http_fail(req, res,
                         rp_db_fail(req->db, RP_ERR_USAGE, "account",
                                    "recall needs "
                                    "?account=ID"));
    if ((rc = rp_recall_account(req->db, id, q, q ? SEARCH_LIMIT : 0, &out)))
        return http_fail(req, res, rc);
    res->json = json_pack("{s:o}", "items", out);
    return RP_OK;
}

enum rp_status http_search(struct http_req *req, struct http_res *res,
                           const struct http_route *route)
{
    const char *q = http_arg(req, "q");
    json_t *out = NULL;
    enum rp_status rc;
    if (!q)
        return http_fail(req, res, rp_db_fail(req->db, RP_ERR_USAGE, "q", "search needs ?q="));
    if ((rc = rp_recall_search(req->db, q, SEARCH_LIMIT, &out)))
        return http_fail(req, res, rc);
    res->json = json_pack("{s:o}", "items", out);
    return RP_OK;
}

#define AUDIT_DEFAULT 50
#define AUDIT_MAX 500

enum rp_status http_audit(struct http_req *req, struct http_res *res,
                          const struct http_route *route)
{
    struct rp_audit_query q = {.since_day = -1};
    int64_t limit = AUDIT_DEFAULT;
    json_t *items = NULL;
    enum rp_status rc;
    if ((rc = day_arg(req, "since", &q.since_day)) ||
        (rc = http_int_arg(req, "user_id", 1, INT64_MAX, &q.user_id)) ||
        (rc = http_int_arg(req, "before", 1, INT64_MAX, &q.before_id)) ||
        (rc = http_int_arg(req, "limit", 1, AUDIT_MAX, &limit)))
        return http_fail(req, res, rc);
    q.limit = (size_t)limit;
    if ((rc = rp_audit_may_read(req->db)))
        return http_fail(req, res, rc);
    http_writer_denials(1); /* the lines still queued are read too */
    if ((rc = rp_audit_list(req->db, &q, &items)))
        return http_fail(req, res, rc);
    size_t n = json_array_size(items);
    json_t *last = n == q.limit ? json_object_get(json_array_get(items, n - 1), "id") : NULL;
    res->json = json_pack("{s:o,s:O}", "items", items, "next", last ? last : json_null());
    return RP_OK;
}

static enum rp_status overview(struct http_req *req, struct http_res *res, enum rp_kind_id kind)
{
    json_t *out = NULL;
    enum rp_status rc = rp_show_json(req->db, kind, req->ids[0], &out);
    if (rc)
        return http_fail(req, res, rc);
    res->json = out;
    return RP_OK;
}

enum rp_status http_account_overview(struct http_req *req, struct http_res *res,
                                     const struct http_route *route)
{
    return overview(req, res, RP_ACCOUNT);
}

enum rp_status http_deal_overview(struct http_req *req, struct http_res *res,
                                  const struct http_route *route)
{
    return overview(req, res, RP_DEAL);
}
