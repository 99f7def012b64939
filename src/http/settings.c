/* GET and PUT /api/v1/settings: the team's settings (rapport config), without the server's
 * own (smtp.*, server.*, audit.*). PUT changes several at once, all or none. */
#include "http/http.h"
#include "base/banned.h"

static enum rp_status answer(struct http_req *req, struct http_res *res)
{
    json_t *items = NULL;
    enum rp_status rc = rp_settings_json(req->db, &items);
    if (rc)
        return http_fail(req, res, rc);
    res->json = json_pack("{s:o}", "items", items);
    return RP_OK;
}

enum rp_status http_settings(struct http_req *req, struct http_res *res,
                             const struct http_route *route)
{
    return answer(req, res);
}

/* Each member of the body is a setting's new value; null or "" restores its default. */
enum rp_status http_settings_put(struct http_req *req, struct http_res *res,
                                 const struct http_route *route)
{
    const char *key;
    json_t *value;
    enum rp_status rc = RP_OK;
    if (!json_object_size(req->json))
        rc = rp_db_fail(req->db, RP_ERR_USAGE, NULL,
                        "nothing to change (give settings as "
                        "{\"key\": \"value\"})");
    json_object_foreach(req->json, key, value)
    {
        if (rc)
            break;
        if (!json_is_string(value) && !json_is_null(value))
            rc = rp_db_fail(req->db, RP_ERR_INVALID, key,
                            "invalid %s (expected a string or "
                            "null)",
                            key);
        else
            rc = rp_config_team_set(req->db, key, json_string_value(value));
    }
    return rc ? http_fail(req, res, rc) : answer(req, res);
}
