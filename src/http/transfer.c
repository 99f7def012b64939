/* Files in and out through the API: POST /api/v1/imports takes a CSV or vCard body and
 * answers the same summary as `rapport import ... --json`; GET /api/v1/exports/{name} gives
 * what `rapport export` writes, of what the caller may see (docs/api.md, docs/import.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/http.h"
#include "rapport/import.h"
#include "base/banned.h"

/* Whether the request's Content-Type is TYPE, parameters (charset) aside. */
static int type_is(const struct http_req *req, const char *type)
{
    const char *have = http_header(req, "Content-Type");
    size_t n = strlen(type);
    return have && !strncasecmp(have, type, n) && (have[n] == '\0' || have[n] == ';');
}

/* ?kind=, ?dry_run= and ?strict= into O; *vcard from the body's type. */
static enum rp_status import_options(struct http_req *req, struct http_res *res,
                                     struct rp_import_options *o, int *vcard)
{
    static const char *const kinds[] = {"accounts", "contacts", "deals"};
    const char *kind = http_arg(req, "kind");
    int64_t dry_run = 0, strict = 0;
    *vcard = type_is(req, "text/vcard") || type_is(req, "text/x-vcard");
    if (!*vcard && !type_is(req, "text/csv")) {
        http_error(res, 415, "unsupported_media_type", "send the file as text/csv or text/vcard",
                   NULL);
        return RP_ERR_USAGE;
    }
    enum rp_status rc = http_int_arg(req, "dry_run", 0, 1, &dry_run);
    if (!rc)
        rc = http_int_arg(req, "strict", 0, 1, &strict);
    if (rc)
        return http_fail(req, res, rc);
    o->kind = RP_CONTACT;
    o->dry_run = (int)dry_run;
    o->strict = (int)strict;
    for (size_t i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (!strcmp(kind, kinds[i]))
            o->kind = (enum rp_kind_id)i;
    if ((!kind && !*vcard) || (kind && strcmp(kind, kinds[o->kind])) ||
        (*vcard && o->kind != RP_CONTACT))
        return http_fail(
            req, res,
            rp_db_fail(req->db, RP_ERR_USAGE, "kind", "%s kind '%s' (expected %s)",
                       kind ? "unknown" : "missing", kind ? kind : "",
                       *vcard ? "contacts, or none, for vCards" : "accounts, contacts or deals"));
    return RP_OK;
}

enum rp_status http_import(struct http_req *req, struct http_res *res,
                           const struct http_route *route)
{
    struct rp_import_options o = {0};
    json_t *summary = NULL;
    int vcard;
    enum rp_status rc = import_options(req, res, &o, &vcard);
    if (rc)
        return rc;
    /* An empty body is read as an empty file, which the importer refuses clearly. */
    FILE *in =
        req->body.len ? fmemopen(req->body.data, req->body.len, "rb") : fopen("/dev/null", "rb");
    if (!in)
        return http_fail(req, res, rp_db_fail(req->db, RP_ERR_INTERNAL, NULL, "out of memory"));
    rc = vcard ? rp_import_vcard(req->db, in, &o, &summary)
               : rp_import_csv(req->db, in, &o, &summary);
    fclose(in);
    if (rc) {
        json_decref(summary);
        return http_fail(req, res, rc);
    }
    /* The import commits on its own; its audit line follows in a transaction of its own. */
    if (!o.dry_run && !(rc = rp_db_begin(req->db)) &&
        ((rc = rp_audit(req->db, "POST /api/v1/imports", NULL, 0,
                        json_string_value(json_object_get(summary, "kind")), req->address)) ||
         (rc = rp_db_commit(req->db))))
        rp_db_rollback(req->db);
    res->json = summary;
    return RP_OK;
}

/* What each export name gives. */
static const struct export_file {
    const char *name;
    int kind; /* a record kind for CSV, RP_CONTACT for vCard, -1 for the whole book */
    int vcard;
    const char *type;
} export_files[] = {
    {"accounts.csv", RP_ACCOUNT, 0, "text/csv; charset=utf-8"},
    {"contacts.csv", RP_CONTACT, 0, "text/csv; charset=utf-8"},
    {"deals.csv", RP_DEAL, 0, "text/csv; charset=utf-8"},
    {"activities.csv", RP_ACTIVITY, 0, "text/csv; charset=utf-8"},
    {"contacts.vcf", RP_CONTACT, 1, "text/vcard; charset=utf-8"},
    {"book.json", -1, 0, "application/json"},
};

static enum rp_status export_write(struct rp_db *db, const struct export_file *f, FILE *out)
{
    json_t *counts = NULL;
    int64_t rows;
    enum rp_status rc = f->kind < 0 ? rp_export_json(db, out, &counts)
                        : f->vcard  ? rp_export_vcard(db, out, &rows)
                                    : rp_export_csv(db, (enum rp_kind_id)f->kind, out, &rows);
    json_decref(counts);
    return rc;
}

enum rp_status http_export(struct http_req *req, struct http_res *res,
                           const struct http_route *route)
{
    const struct export_file *f = NULL;
    char *text = NULL;
    size_t len = 0;
    for (size_t i = 0; i < sizeof(export_files) / sizeof(export_files[0]); i++)
        if (!strcmp(req->word, export_files[i].name))
            f = &export_files[i];
    if (!f)
        return http_fail(req, res,
                         rp_db_fail(req->db, RP_ERR_NOTFOUND, "name",
                                    "no such export '%s' (expected accounts.csv, contacts.csv, "
                                    "deals.csv, activities.csv, contacts.vcf or book.json)",
                                    req->word));
    FILE *out = open_memstream(&text, &len);
    enum rp_status rc = out ? export_write(req->db, f, out)
                            : rp_db_fail(req->db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (out && fclose(out) && !rc)
        rc = rp_db_fail(req->db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (rc) {
        free(text);
        return http_fail(req, res, rc);
    }
    res->text = text;
    res->content_type = f->type;
    res->filename = f->name;
    return RP_OK;
}
