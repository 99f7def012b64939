/* The collections: list (filters, cursor), create, read, patch and delete of every kind of
 * record, validated by the same field tables as the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_out.h"
#include "base/parse.h"
#include "http/http.h"
#include "base/banned.h"

#define LIST_DEFAULT 50
#define LIST_MAX 500

struct list_filters {
    struct http_req *req;
    const struct rp_kind *kind;
    struct rp_filter items[16];
    size_t n;
    const char *bad;
    int no_value; /* BAD is a filter given without "=value" */
};

static enum MHD_Result collect_filter(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    struct list_filters *lf = cls;
    if (!strcmp(key, "limit") || !strcmp(key, "after"))
        return MHD_YES;
    int f = rp_kind_field(lf->kind, key);
    if (f < 0 || strcmp(lf->kind->fields[f].name, key) ||
        !(lf->kind->fields[f].flags & RP_F_LIST) || lf->n == 16 || !value) {
        lf->bad = key;
        lf->no_value = f >= 0 && !value;
        return MHD_NO;
    }
    lf->items[lf->n++] = (struct rp_filter){f, value};
    return MHD_YES;
}

enum rp_status http_list(struct http_req *req, struct http_res *res, const struct http_route *route)
{
    struct list_filters lf = {.req = req, .kind = rp_kind_get((enum rp_kind_id)route->kind)};
    struct rp_buf out;
    int64_t limit = LIST_DEFAULT, after = 0;
    enum rp_status rc;
    MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, collect_filter, &lf);
    if (lf.bad && lf.no_value)
        return http_fail(req, res,
                         rp_db_fail(req->db, RP_ERR_USAGE, lf.bad,
                                    "filter '%s' has "
                                    "no value (expected %s=VALUE)",
                                    lf.bad, lf.bad));
    if (lf.bad)
        return http_fail(req, res,
                         rp_db_fail(req->db, RP_ERR_USAGE, lf.bad,
                                    "unknown filter "
                                    "'%s' for %s",
                                    lf.bad, lf.kind->table));
    if ((rc = http_int_arg(req, "limit", 1, LIST_MAX, &limit)) ||
        (rc = http_int_arg(req, "after", 0, INT64_MAX, &after)))
        return http_fail(req, res, rc);
    /* One row more than the page says whether there is a next one. */
    struct rp_query q = {lf.kind->id, lf.items, lf.n, -1, 0, after, (size_t)limit + 1};
    struct rp_page_kept *keep = NULL;
    http_json_begin(&out);
    /* Room for a page of the usual size at once, rather than growing into it. An answer
     * the server keeps for reuse (cache.c) is not kept in the database too (http_agenda
     * says why). */
    if (!(rc = rp_buf_reserve(&out, (size_t)limit * 512)))
        rc = rp_page_answer(req->db, &q, (size_t)limit, &out, req->cache_key ? NULL : &keep);
    if (keep)
        http_writer_keep_page(keep);
    return http_json_end(req, res, &out, rc);
}

/* Adds member NAME (when VALUE is not NULL; the reference is taken) as the last of the
 * object that OUT ends with. */
static enum rp_status add_member(struct rp_buf *out, const char *name, json_t *value)
{
    enum rp_status rc = RP_OK;
    if (value) {
        out->data[--out->len] = '\0'; /* the closing brace */
        if (!(rc = rp_json_out_key(out, name, 0)) && !(rc = rp_json_out_value(out, value)))
            rc = rp_buf_addc(out, '}');
    }
    json_decref(value);
    return rc;
}

/* The answer for a record: its JSON object, with an extra member NAME (when VALUE is not
 * NULL; the reference is taken) as the last. */
static enum rp_status record_answer(struct http_req *req, struct http_res *res,
                                    const struct rp_record *rec, const char *name, json_t *value)
{
    struct rp_buf out;
    http_json_begin(&out);
    enum rp_status rc = rp_record_write_json(rec, &out);
    if (rc)
        json_decref(value);
    else
        rc = add_member(&out, name, value);
    return http_json_end(req, res, &out, rc);
}

/* Sets the fields of REC from the members of the body that may be set (FLAG), skipping
 * the names in EXTRA; an unknown or read-only member is 422. */
static enum rp_status fill(struct http_req *req, struct rp_record *rec, unsigned flag,
                           const char *const *extra, unsigned char *changed)
{
    const char *key;
    json_t *value;
    json_object_foreach(req->json, key, value)
    {
        int skip = 0;
        for (size_t i = 0; extra && extra[i]; i++)
            skip |= !strcmp(extra[i], key);
        if (skip)
            continue;
        int f = rp_kind_field(rec->kind, key);
        if (f < 0 || strcmp(rec->kind->fields[f].name, key))
            return rp_db_fail(req->db, RP_ERR_INVALID, key,
                              "unknown field '%s' (not a field of %s)", key, rec->kind->table);
        if (!(rec->kind->fields[f].flags & flag))
            return rp_db_fail(req->db, RP_ERR_INVALID, key, "field '%s' cannot be %s here", key,
                              flag == RP_F_EDIT ? "changed" : "set");
        enum rp_status rc = rp_record_set_json(req->db, rec, f, value);
        if (rc)
            return rc;
        if (changed)
            changed[f] = 1;
    }
    return RP_OK;
}

static enum rp_status attendees(struct http_req *req, int64_t **ids, size_t *n)
{
    json_t *list = json_object_get(req->json, "attendees"), *v;
    size_t i;
    *ids = NULL;
    *n = 0;
    if (!list)
        return RP_OK;
    if (!json_is_array(list) || json_array_size(list) > 100)
        return rp_db_fail(req->db, RP_ERR_INVALID, "attendees",
                          "attendees must be an array of "
                          "up to 100 contact ids");
    *ids = calloc(json_array_size(list) + 1, sizeof(**ids));
    if (!*ids)
        return rp_db_fail(req->db, RP_ERR_INTERNAL, NULL, "out of memory");
    json_array_foreach(list, i, v)
    {
        if (!json_is_integer(v) || json_integer_value(v) < 1)
            return rp_db_fail(req->db, RP_ERR_INVALID, "attendees",
                              "attendees must be contact "
                              "ids");
        (*ids)[(*n)++] = json_integer_value(v);
    }
    return RP_OK;
}

/* "force": true accepts a time that looks like a typo (see rp_activity_log_checked). */
static enum rp_status force_member(struct http_req *req, int *force)
{
    json_t *v = json_object_get(req->json, "force");
    if (v && !json_is_boolean(v))
        return rp_db_fail(req->db, RP_ERR_INVALID, "force", "force must be true or false");
    *force = json_is_true(v);
    return RP_OK;
}

static json_t *short_warning(const struct rp_record *m, int short_by)
{
    char msg[160];
    if (!short_by)
        return NULL;
    snprintf(msg, sizeof(msg), "meeting is too short: %s meetings need %d minutes (%d short)",
             rp_record_str(m, RP_MEETING_KIND),
             rp_meeting_minutes_needed(rp_record_str(m, RP_MEETING_KIND)), short_by);
    return json_pack("[s]", msg);
}

static enum rp_status create_meeting(struct http_req *req, struct rp_record *rec, int force,
                                     json_t **extra)
{
    int64_t *ids = NULL;
    size_t n = 0;
    int short_by = 0;
    enum rp_status rc = attendees(req, &ids, &n);
    if (!rc)
        rc = rp_meeting_add_checked(req->db, rec, ids, n, force, &short_by);
    free(ids);
    if (!rc)
        *extra = short_warning(rec, short_by);
    return rc;
}

static enum rp_status create_user(struct http_req *req, struct rp_record *rec)
{
    const char *password = json_string_value(json_object_get(req->json, "password"));
    if (!password)
        return rp_db_fail(req->db, RP_ERR_INVALID, "password", "a new user needs a password");
    return rp_user_add(req->db, rec, password);
}

enum rp_status http_create(struct http_req *req, struct http_res *res,
                           const struct http_route *route)
{
    static const char *const extra[] = {"attendees", "password", "force", NULL};
    struct rp_record rec;
    json_t *warnings = NULL;
    int force = 0;
    enum rp_status rc = rp_record_init(&rec, (enum rp_kind_id)route->kind);
    if (rc)
        return http_fail(req, res, rc);
    if (!(rc = force_member(req, &force)) && !(rc = fill(req, &rec, RP_F_INPUT, extra, NULL))) {
        switch (rec.kind->id) {
        case RP_ACTIVITY:
            rc = rp_activity_log_checked(req->db, &rec, force);
            break;
        case RP_AGREEMENT:
            rc = rp_agreement_add(req->db, &rec);
            break;
        case RP_MEETING:
            rc = create_meeting(req, &rec, force, &warnings);
            break;
        case RP_USER:
            rc = create_user(req, &rec);
            break;
        default:
            rc = rp_create(req->db, &rec);
        }
    }
    if (rc) {
        rp_record_release(&rec);
        json_decref(warnings);
        return http_fail(req, res, rc);
    }
    req->ids[0] = rec.v[0].i;
    res->status = 201;
    rc = record_answer(req, res, &rec, "warnings", warnings);
    rp_record_release(&rec);
    return rc;
}

void http_read_ahead(struct http_req *req, const struct http_route *route)
{
    rp_get_ahead(req->db, (enum rp_kind_id)route->kind, req->ids[0]);
}

enum rp_status http_read(struct http_req *req, struct http_res *res, const struct http_route *route)
{
    struct rp_buf out;
    json_t *track = NULL;
    enum rp_kind_id kind = (enum rp_kind_id)route->kind;
    enum rp_status rc;
    http_json_begin(&out);
    /* A contact comes with their track record: meetings held, missed, moved; replies. */
    if (!(rc = rp_get_json(req->db, kind, req->ids[0], &out)) && kind == RP_CONTACT &&
        !(rc = rp_contact_track_record(req->db, req->ids[0], &track)))
        rc = add_member(&out, "track_record", track);
    return http_json_end(req, res, &out, rc);
}

enum rp_status http_patch(struct http_req *req, struct http_res *res,
                          const struct http_route *route)
{
    static const char *const extra[] = {"attendees", "force", NULL};
    struct rp_record rec, was = {0};
    unsigned char changed[64] = {0};
    int64_t *ids = NULL;
    struct rp_edit e = {changed, NULL, 0, 0, 0, 0, &was};
    enum rp_kind_id kind = (enum rp_kind_id)route->kind;
    enum rp_status rc = rp_get(req->db, kind, req->ids[0], &rec);
    if (rc)
        return http_fail(req, res, rc);
    /* The record as read, so that the change is not read again. */
    if ((rc = rp_record_copy(&was, &rec))) {
        rp_record_release(&rec);
        return http_fail(req, res, rp_db_fail(req->db, rc, NULL, "out of memory"));
    }
    /* Only a meeting has attendees; for other kinds the member is unknown, as in fill. */
    if (!(rc = force_member(req, &e.force)) &&
        !(rc = fill(req, &rec, RP_F_EDIT, kind == RP_MEETING ? extra : extra + 1, changed)) &&
        kind == RP_MEETING && json_object_get(req->json, "attendees") &&
        !(rc = attendees(req, &ids, &e.nattendees))) {
        e.attendees = ids;
        e.set_attendees = 1;
    }
    if (!rc)
        rc = rp_record_correct(req->db, &rec, &e);
    if (!rc)
        rc = record_answer(req, res, &rec, "warnings",
                           kind == RP_MEETING ? short_warning(&rec, e.short_by) : NULL);
    free(ids);
    rp_record_release(&was);
    rp_record_release(&rec);
    return rc ? http_fail(req, res, rc) : RP_OK;
}

enum rp_status http_delete(struct http_req *req, struct http_res *res,
                           const struct http_route *route)
{
    const char *force = http_arg(req, "force");
    enum rp_status rc = rp_delete(req->db, (enum rp_kind_id)route->kind, req->ids[0],
                                  force && !strcmp(force, "true"));
    if (rc)
        return http_fail(req, res, rc);
    res->json = json_pack("{s:I,s:b}", "id", (json_int_t)req->ids[0], "deleted", 1);
    return RP_OK;
}
