/* GET /api/v1/templates, and GET, PUT and DELETE /api/v1/templates/{kind}?style=: the
 * templates drafts are made from (docs/drafts.md). DELETE puts the default back. */
#include <string.h>

#include "http/http.h"
#include "base/banned.h"

/* The {kind} segment of the route. */
static enum rp_status answer(struct http_req *req, struct http_res *res, const char *kind)
{
    struct rp_template t;
    enum rp_status rc = rp_template_get(req->db, kind, http_arg(req, "style"), &t);
    if (rc)
        return http_fail(req, res, rc);
    res->json = rp_template_to_json(&t);
    rp_template_release(&t);
    return RP_OK;
}

enum rp_status http_templates(struct http_req *req, struct http_res *res,
                              const struct http_route *route)
{
    json_t *list = NULL;
    enum rp_status rc = rp_templates_json(req->db, &list);
    if (rc)
        return http_fail(req, res, rc);
    res->json = json_pack("{s:o}", "items", list);
    return RP_OK;
}

enum rp_status http_template_get(struct http_req *req, struct http_res *res,
                                 const struct http_route *route)
{
    char kind[64];
    http_word(req, kind, sizeof(kind));
    return answer(req, res, kind);
}

/* A member of the body that must be a string when given. */
enum rp_status http_template_put(struct http_req *req, struct http_res *res,
                                 const struct http_route *route)
{
    char kind[64];
    const char *key, *subject, *body;
    json_t *value;
    enum rp_status rc = RP_OK;
    http_word(req, kind, sizeof(kind));
    json_object_foreach(req->json, key, value)
    {
        if (!rc && strcmp(key, "subject") && strcmp(key, "body"))
            rc = rp_db_fail(req->db, RP_ERR_INVALID, key,
                            "unknown field '%s' for a template "
                            "(expected subject, body)",
                            key);
    }
    if (!rc && !(rc = http_text_member(req, "subject", &subject)) &&
        !(rc = http_text_member(req, "body", &body)) && !subject && !body)
        rc = rp_db_fail(req->db, RP_ERR_USAGE, NULL, "nothing to change (give subject or body)");
    if (!rc)
        rc = rp_template_set(req->db, kind, http_arg(req, "style"), subject, body);
    return rc ? http_fail(req, res, rc) : answer(req, res, kind);
}

enum rp_status http_template_reset(struct http_req *req, struct http_res *res,
                                   const struct http_route *route)
{
    char kind[64];
    http_word(req, kind, sizeof(kind));
    enum rp_status rc = rp_template_reset(req->db, kind, http_arg(req, "style"));
    return rc ? http_fail(req, res, rc) : answer(req, res, kind);
}
