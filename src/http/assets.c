/* Serves the web app: the embedded files of assets.h at every GET outside /api/. Hashed
 * files are cached for a year; index.html, also the answer for the app's own paths
 * (/deals/12, /pipeline), is revalidated by its ETag. Every answer carries the security
 * headers and a Content-Security-Policy that allows only this server's own scripts. */
#include <string.h>

#include "http/assets.h"
#include "http/http.h"
#include "base/banned.h"

#define ASSETS_CSP                                                                                 \
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "              \
    "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "                  \
    "form-action 'self'; frame-ancestors 'none'"

int http_is_asset_path(const char *url)
{
    return strncmp(url, "/api/", 5) != 0 && strcmp(url, "/api") != 0;
}

/* The asset at URL; index.html for a path of the app; NULL for a missing hashed file. */
static const struct http_asset *asset_find(const char *url)
{
    const struct http_asset *index = NULL;
    for (const struct http_asset *a = http_assets; a->path; a++) {
        if (!strcmp(a->path, url))
            return a;
        if (!strcmp(a->path, "/"))
            index = a;
    }
    return strncmp(url, "/assets/", 8) ? index : NULL;
}

/* Whether the client takes gzip: listed in Accept-Encoding, and not with q=0. */
static int accepts_gzip(const char *accept)
{
    const char *p = accept ? strstr(accept, "gzip") : NULL;
    if (!p)
        return 0;
    p += 4;
    p += strspn(p, " ");
    if (*p != ';')
        return 1;
    p++;
    p += strspn(p, " ");
    if (strncmp(p, "q=", 2))
        return 1;
    p += 2;
    size_t zeros = strspn(p, "0.");
    return !zeros || (p[zeros] && p[zeros] != ',' && p[zeros] != ' ');
}

static int etag_matches(const char *if_none_match, const char *etag)
{
    return if_none_match && (strstr(if_none_match, etag) || !strcmp(if_none_match, "*"));
}

static void asset_headers(struct MHD_Response *r, const struct http_asset *a)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy", ASSETS_CSP);
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(r, "Cache-Control",
                            a->immutable ? "public, max-age=31536000, "
                                           "immutable"
                                         : "no-cache");
    MHD_add_response_header(r, "ETag", a->etag);
    MHD_add_response_header(r, "Vary", "Accept-Encoding");
}

static enum MHD_Result asset_not_found(struct MHD_Connection *conn)
{
    static const char body[] = "{\"error\":{\"code\":\"not_found\",\"message\":\"no such file\","
                               "\"field\":null}}";
    struct MHD_Response *r =
        MHD_create_response_from_buffer(sizeof(body) - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "application/json");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy", "default-src 'none'");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ok = MHD_queue_response(conn, 404, r);
    MHD_destroy_response(r);
    return ok;
}

enum MHD_Result http_asset_send(struct http_req *req)
{
    const struct http_asset *a = asset_find(req->url);
    if (!a)
        return asset_not_found(req->conn);
    int not_modified = etag_matches(http_header(req, "If-None-Match"), a->etag);
    int gz = !not_modified && accepts_gzip(http_header(req, "Accept-Encoding"));
    struct MHD_Response *r = MHD_create_response_from_buffer(not_modified ? 0
                                                             : gz         ? a->gz_len
                                                                          : a->len,
                                                             (void *)(not_modified ? ""
                                                                      : gz ? (const void *)a->gz
                                                                           : (const void *)a->data),
                                                             MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    asset_headers(r, a);
    if (!not_modified)
        MHD_add_response_header(r, "Content-Type", a->content_type);
    if (gz)
        MHD_add_response_header(r, "Content-Encoding", "gzip");
    enum MHD_Result ok = MHD_queue_response(req->conn, not_modified ? 304 : 200, r);
    MHD_destroy_response(r);
    return ok;
}
