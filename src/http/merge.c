/* POST /api/v1/accounts/{id}/merge and /contacts/{id}/merge {"into": ID}: the record {id},
 * entered twice, becomes record ID, as `rapport account merge` and `contact merge` do
 * (rp_record_merge). Answers the record kept. */
#include "http/http.h"
#include "base/banned.h"

enum rp_status http_merge(struct http_req *req, struct http_res *res,
                          const struct http_route *route)
{
    enum rp_kind_id kind = (enum rp_kind_id)route->kind;
    json_t *into = json_object_get(req->json, "into");
    struct rp_record keep;
    enum rp_status rc;
    if (!json_is_integer(into) || json_integer_value(into) < 1)
        rc = rp_db_fail(req->db, RP_ERR_INVALID, "into", "into must be the id of the %s to keep",
                        rp_kind_get(kind)->name);
    else
        rc = rp_record_merge(req->db, kind, req->ids[0], json_integer_value(into), &keep);
    if (rc)
        return http_fail(req, res, rc);
    res->json = rp_record_to_json(&keep);
    rp_record_release(&keep);
    return RP_OK;
}
