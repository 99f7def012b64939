/* Files in and out through the API: POST /api/v1/imports takes a CSV or vCard body, or the
 * file field of a multipart form as a browser sends it, and answers the same summary as
 * `rapport import ... --json`; GET /api/v1/exports/{name} gives what `rapport export`
 * writes, of what the caller may see (docs/api.md, docs/import.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/http.h"
#include "rapport/import.h"
#include "base/banned.h"

#define UPLOAD_PART_BUFFER 65536 /* what the multipart reader holds of a form at once */

/* An upload's body as it arrives. The file goes to an unlinked temporary file, not to
 * memory, whatever its size; the import reads it once it is all there, so that a slow
 * client does not hold the book's write lock for the time of its upload. */
struct http_upload {
    FILE *spool;                  /* the file's bytes (NULL: out of space or not opened) */
    struct MHD_PostProcessor *pp; /* a multipart form's reader, else NULL */
    size_t bytes;                 /* of the body, for HTTP_UPLOAD_MAX */
    int files;                    /* file fields seen in a form */
    int vcard;                    /* the form's file is a vCard (by its type or name) */
    int failed;                   /* the spool could not be written */
    int bad_form;                 /* the form could not be read */
};

/* Whether the request's Content-Type is TYPE, parameters (charset) aside. */
static int type_is(const struct http_req *req, const char *type)
{
    const char *have = http_header(req, "Content-Type");
    size_t n = strlen(type);
    return have && !strncasecmp(have, type, n) && (have[n] == '\0' || have[n] == ';');
}

static int ends_with(const char *s, const char *end)
{
    size_t n = s ? strlen(s) : 0, m = strlen(end);
    return n >= m && !strcasecmp(s + n - m, end);
}

static void spool(struct http_upload *u, const char *data, size_t size)
{
    if (u->spool && size && fwrite(data, 1, size, u->spool) != size)
        u->failed = 1;
}

/* A multipart form's fields as they come: the first file field is the file (what a
 * browser's <input type="file"> sends); the other fields are not read. */
static enum MHD_Result upload_part(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *filename, const char *type, const char *encoding,
                                   const char *data, uint64_t off, size_t size)
{
    struct http_upload *u = cls;
    (void)kind;
    (void)key;
    (void)encoding;
    if (!filename)
        return MHD_YES;
    if (!off && !u->files++)
        u->vcard = (type && (!strncasecmp(type, "text/vcard", 10) ||
                             !strncasecmp(type, "text/x-vcard", 12) ||
                             !strncasecmp(type, "text/directory", 14))) ||
                   ends_with(filename, ".vcf") || ends_with(filename, ".vcard");
    if (u->files == 1)
        spool(u, data, size);
    return MHD_YES;
}

/* A body sent as a file itself, not in a form. */
static int type_is_file(const struct http_req *req)
{
    return type_is(req, "text/csv") || type_is(req, "text/vcard") || type_is(req, "text/x-vcard");
}

static struct http_upload *upload_open(struct http_req *req)
{
    struct http_upload *u = calloc(1, sizeof(*u));
    int form = type_is(req, "multipart/form-data");
    if (!u || (!form && !type_is_file(req))) /* other bodies are refused (415), not kept */
        return u;
    if (form && !(u->pp = MHD_create_post_processor(req->conn, UPLOAD_PART_BUFFER, upload_part, u)))
        u->bad_form = 1; /* no boundary */
    else if (!(u->spool = tmpfile()))
        u->failed = 1;
    return u;
}

int http_upload_data(struct http_req *req, const char *data, size_t size)
{
    struct http_upload *u = req->upload;
    if (!u && !(u = req->upload = upload_open(req)))
        return 0; /* out of memory: the handler says so */
    if (size > HTTP_UPLOAD_MAX - u->bytes)
        return 1;
    u->bytes += size;
    if (u->failed || u->bad_form)
        return 0;
    if (!u->pp)
        spool(u, data, size);
    else if (MHD_post_process(u->pp, data, size) != MHD_YES)
        u->bad_form = 1;
    return 0;
}

void http_upload_free(struct http_upload *u)
{
    if (!u)
        return;
    if (u->pp)
        MHD_destroy_post_processor(u->pp);
    if (u->spool)
        fclose(u->spool);
    free(u);
}

/* The file of the body: a file itself, or a multipart form's first file field, read to
 * its end; *vcard from its type. 415 for other bodies, 400 for a form that cannot be read
 * or has no file. */
static enum rp_status upload_file(struct http_req *req, struct http_res *res, int *vcard)
{
    struct http_upload *u = req->upload;
    int form = type_is(req, "multipart/form-data");
    *vcard = type_is(req, "text/vcard") || type_is(req, "text/x-vcard");
    if (!form && !type_is_file(req)) {
        http_error(res, 415, "unsupported_media_type",
                   "send the file as text/csv or text/vcard, or as the file field of a "
                   "multipart/form-data form",
                   NULL);
        return RP_ERR_USAGE;
    }
    if (!form)
        return RP_OK;
    /* The reader says whether the form ended as it should (its closing boundary). */
    if (u && u->pp && MHD_destroy_post_processor(u->pp) != MHD_YES)
        u->bad_form = 1;
    if (u)
        u->pp = NULL;
    if (!u || u->bad_form || !u->files) {
        http_error(res, 400, "bad_request",
                   u && u->files ? "the multipart form is malformed or cut short"
                                 : "the multipart form has no file field",
                   "file");
        return RP_ERR_USAGE;
    }
    *vcard = u->vcard;
    return RP_OK;
}

/* ?kind=, ?dry_run= and ?strict= into O, for a file that is a vCard when VCARD. */
static enum rp_status import_options(struct http_req *req, struct http_res *res,
                                     struct rp_import_options *o, int vcard)
{
    static const char *const kinds[] = {"accounts", "contacts", "deals"};
    const char *kind = http_arg(req, "kind");
    int64_t dry_run = 0, strict = 0;
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
    if ((!kind && !vcard) || (kind && strcmp(kind, kinds[o->kind])) ||
        (vcard && o->kind != RP_CONTACT))
        return http_fail(
            req, res,
            rp_db_fail(req->db, RP_ERR_USAGE, "kind", "%s kind '%s' (expected %s)",
                       kind ? "unknown" : "missing", kind ? kind : "",
                       vcard ? "contacts, or none, for vCards" : "accounts, contacts or deals"));
    return RP_OK;
}

/* The spooled file from its start; an empty body is read as an empty file, which the
 * importer refuses clearly. NULL when it cannot be read back. */
static FILE *upload_input(struct http_req *req)
{
    struct http_upload *u = req->upload;
    if (!u || (!u->spool && !u->failed))
        return fopen("/dev/null", "rb");
    if (u->failed || fflush(u->spool) || fseek(u->spool, 0, SEEK_SET))
        return NULL;
    return u->spool;
}

/* The import commits on its own; its audit line follows in a transaction of its own, and
 * the import stands even when that line cannot be written. */
static void import_audit(struct http_req *req, const json_t *summary)
{
    if (rp_db_begin(req->db))
        return;
    if (rp_audit(req->db, "POST /api/v1/imports", NULL, 0,
                 json_string_value(json_object_get(summary, "kind")), req->address) ||
        rp_db_commit(req->db))
        rp_db_rollback(req->db);
}

enum rp_status http_import(struct http_req *req, struct http_res *res,
                           const struct http_route *route)
{
    struct rp_import_options o = {0};
    json_t *summary = NULL;
    int vcard;
    enum rp_status rc = upload_file(req, res, &vcard);
    if (rc || (rc = import_options(req, res, &o, vcard)))
        return rc;
    FILE *in = upload_input(req);
    if (!in)
        return http_fail(req, res,
                         rp_db_fail(req->db, RP_ERR_INTERNAL, NULL,
                                    "cannot keep the upload (no space for a temporary file)"));
    rc = vcard ? rp_import_vcard(req->db, in, &o, &summary)
               : rp_import_csv(req->db, in, &o, &summary);
    if (!req->upload || in != req->upload->spool)
        fclose(in);
    if (rc) {
        json_decref(summary);
        return http_fail(req, res, rc);
    }
    if (!o.dry_run)
        import_audit(req, summary);
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
