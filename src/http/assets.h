/* The web app's files, embedded at build time (web/build.mjs writes the table) and served
 * by assets.c at every path outside /api/. */
#ifndef RP_HTTP_ASSETS_H
#define RP_HTTP_ASSETS_H

#include <stddef.h>

struct http_asset {
    const char *path; /* "/" for index.html, "/assets/app-<hash>.js", ... */
    const char *content_type;
    const char *etag; /* quoted, from the content */
    int immutable;    /* a hashed name: cached for a year */
    const unsigned char *data;
    size_t len;
    const unsigned char *gz; /* the same, gzip-compressed */
    size_t gz_len;
};

/* Ends with an entry whose path is NULL. */
extern const struct http_asset http_assets[];

#endif
