/* The route table of /api/v1 (DESIGN.md section 6) and the matching of a request to it. */
#include <string.h>

#include "base/date.h"
#include "base/parse.h"
#include "http/http.h"
#include "base/banned.h"

#define W (HTTP_WRITES | HTTP_BODY)
#define COLLECTION(kind, path)                                                                     \
    {"GET", "/api/v1/" path, http_list, HTTP_KEEP, kind, NULL},                                    \
        {"POST", "/api/v1/" path, http_create, W, kind, NULL},                                     \
        {"GET", "/api/v1/" path "/{id}", http_read, HTTP_KEEP | HTTP_RECORD, kind, NULL},          \
        {"PATCH", "/api/v1/" path "/{id}", http_patch, W, kind, NULL},                             \
    {                                                                                              \
        "DELETE", "/api/v1/" path "/{id}", http_delete, HTTP_WRITES, kind, NULL                    \
    }
#define ACTION(path, verb, kind)                                                                   \
    {                                                                                              \
        "POST", "/api/v1/" path, http_action, W, kind, verb                                        \
    }

const struct http_route http_routes[] = {
    {"GET", "/api/v1/healthz", http_healthz, HTTP_PUBLIC, -1, NULL},
    {"POST", "/api/v1/login", http_login, HTTP_PUBLIC | HTTP_BODY, -1, NULL},
    {"POST", "/api/v1/logout", http_logout, 0, -1, NULL},
    {"GET", "/api/v1/me", http_me, 0, -1, NULL},
    {"POST", "/api/v1/me/calendar", http_calendar_rotate, HTTP_WRITES, -1, "rotate calendar"},
    {"GET", "/api/v1/me/tokens", http_tokens, 0, -1, NULL},
    {"POST", "/api/v1/me/tokens", http_token_new, W, -1, "new token"},
    {"DELETE", "/api/v1/me/tokens/{id}", http_token_revoke, HTTP_WRITES, -1, "revoke token"},
    {"GET", "/api/v1/cal/{name}", http_calendar, HTTP_PUBLIC, -1, NULL},
    {"GET", "/api/v1/openapi.json", http_openapi, HTTP_PUBLIC, -1, NULL},
    {"GET", "/api/v1/agenda", http_agenda, HTTP_KEEP, -1, NULL},
    {"POST", "/api/v1/agenda/{name}/done", http_item_done, W, -1, "done"},
    {"POST", "/api/v1/agenda/{name}/snooze", http_item_snooze, W, -1, "snooze"},
    {"POST", "/api/v1/agenda/{name}/send", http_item_send, W, -1, "send"},
    {"GET", "/api/v1/snoozes", http_snoozes, HTTP_KEEP, -1, NULL},
    {"GET", "/api/v1/reports/{name}", http_report, HTTP_KEEP, -1, NULL},
    {"GET", "/api/v1/recall", http_recall, HTTP_KEEP, -1, NULL},
    {"GET", "/api/v1/search", http_search, HTTP_KEEP, -1, NULL},
    {"GET", "/api/v1/audit", http_audit, 0, -1, NULL},
    {"GET", "/api/v1/templates", http_templates, HTTP_KEEP, -1, NULL},
    {"GET", "/api/v1/templates/{name}", http_template_get, HTTP_KEEP, -1, NULL},
    {"PUT", "/api/v1/templates/{name}", http_template_put, W, -1, "template"},
    {"DELETE", "/api/v1/templates/{name}", http_template_reset, HTTP_WRITES, -1, "template"},
    {"GET", "/api/v1/settings", http_settings, HTTP_KEEP, -1, NULL},
    {"PUT", "/api/v1/settings", http_settings_put, W, -1, "settings"},
    {"GET", "/api/v1/accounts/{id}/overview", http_account_overview, HTTP_KEEP, -1, NULL},
    {"GET", "/api/v1/deals/{id}/overview", http_deal_overview, HTTP_KEEP, -1, NULL},
    {"POST", "/api/v1/imports", http_import, HTTP_UPLOAD, -1, "import"},
    {"GET", "/api/v1/exports/{name}", http_export, 0, -1, NULL},
    COLLECTION(RP_ACCOUNT, "accounts"),
    COLLECTION(RP_CONTACT, "contacts"),
    COLLECTION(RP_DEAL, "deals"),
    COLLECTION(RP_ACTIVITY, "activities"),
    COLLECTION(RP_AGREEMENT, "agreements"),
    COLLECTION(RP_MEETING, "meetings"),
    COLLECTION(RP_CLAIM, "claims"),
    COLLECTION(RP_STATEMENT, "statements"),
    COLLECTION(RP_INVOICE, "invoices"),
    COLLECTION(RP_USER, "users"),
    ACTION("deals/{id}/push", "push", RP_DEAL),
    ACTION("deals/{id}/push-outcome", "push-outcome", RP_DEAL),
    ACTION("deals/{id}/won", "won", RP_DEAL),
    ACTION("deals/{id}/lost", "lost", RP_DEAL),
    ACTION("deals/{id}/no-decision", "no-decision", RP_DEAL),
    ACTION("deals/{id}/stage", "stage", RP_DEAL),
    ACTION("deals/{id}/hold", "hold", RP_DEAL),
    {"DELETE", "/api/v1/deals/{id}/hold", http_action, HTTP_WRITES, RP_DEAL, "hold-cancel"},
    ACTION("accounts/{id}/hold", "hold", RP_ACCOUNT),
    {"DELETE", "/api/v1/accounts/{id}/hold", http_action, HTTP_WRITES, RP_ACCOUNT, "hold-cancel"},
    ACTION("agreements/{id}/cancel", "cancel", RP_AGREEMENT),
    ACTION("accounts/{id}/checkin", "checkin", RP_ACCOUNT),
    ACTION("meetings/{id}/held", "held", RP_MEETING),
    ACTION("meetings/{id}/no-show", "no-show", RP_MEETING),
    ACTION("meetings/{id}/cancel", "cancel", RP_MEETING),
    ACTION("meetings/{id}/reschedule", "reschedule", RP_MEETING),
    ACTION("claims/{id}/verify", "verify", RP_CLAIM),
    ACTION("claims/{id}/clarify", "clarify", RP_CLAIM),
    ACTION("claims/{id}/contradict", "contradict", RP_CLAIM),
    ACTION("invoices/{id}/paid", "paid", RP_INVOICE),
    ACTION("invoices/{id}/promise", "promise", RP_INVOICE),
    {"POST", "/api/v1/accounts/{id}/merge", http_merge, W, RP_ACCOUNT, "merge"},
    {"POST", "/api/v1/contacts/{id}/merge", http_merge, W, RP_CONTACT, "merge"},
    {NULL, NULL, NULL, 0, -1, NULL},
};

/* Matches URL against PATTERN segment by segment, capturing {id} and {name}. */
static int match(const char *pattern, const char *url, struct http_req *req)
{
    int nids = 0;
    while (*pattern && *url) {
        if (*pattern != '/' || *url != '/')
            return 0;
        pattern++;
        url++;
        size_t pl = strcspn(pattern, "/"), ul = strcspn(url, "/");
        char seg[32];
        if (pl == 4 && !strncmp(pattern, "{id}", 4)) {
            int64_t id;
            if (ul == 0 || ul >= sizeof(seg) || nids == HTTP_MAX_PARAMS)
                return 0;
            memcpy(seg, url, ul);
            seg[ul] = '\0';
            if (rp_parse_int64(seg, 1, INT64_MAX, &id))
                return 0;
            req->ids[nids++] = id;
        } else if (pl == 6 && !strncmp(pattern, "{name}", 6)) {
            if (!ul)
                return 0;
            req->word = url;
        } else if (pl != ul || strncmp(pattern, url, pl)) {
            return 0;
        }
        pattern += pl;
        url += ul;
    }
    return !*pattern && !*url;
}

void http_word(const struct http_req *req, char *out, size_t size)
{
    size_t n = strcspn(req->word, "/");
    if (n >= size)
        n = size - 1;
    memcpy(out, req->word, n);
    out[n] = '\0';
}

enum rp_status http_text_member(struct http_req *req, const char *name, const char **out)
{
    json_t *v = json_object_get(req->json, name);
    *out = NULL;
    if (!v || json_is_null(v))
        return RP_OK;
    if (!json_is_string(v))
        return rp_db_fail(req->db, RP_ERR_INVALID, name, "invalid %s (expected a string)", name);
    *out = json_string_value(v);
    return RP_OK;
}

enum rp_status http_date_member(struct http_req *req, const char *name, int64_t *days)
{
    const char *s;
    if (http_text_member(req, name, &s) || (s && rp_date_parse(s, days)))
        return rp_db_fail(req->db, RP_ERR_INVALID, name,
                          "invalid %s (expected a date "
                          "YYYY-MM-DD)",
                          name);
    return RP_OK;
}

unsigned http_route_find(struct http_req *req, const struct http_route **route)
{
    int path_known = 0;
    for (const struct http_route *r = http_routes; r->method; r++) {
        if (!match(r->pattern, req->url, req))
            continue;
        path_known = 1;
        if (!strcmp(r->method, req->method)) {
            *route = r;
            return 0;
        }
    }
    return path_known ? 405 : 404;
}
