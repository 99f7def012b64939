/* GET /api/v1/openapi.json: the OpenAPI 3.1 document of the API, made from the route table
 * (routes.c) and the field tables of the records (store/record.c), so it describes what the
 * server does and cannot drift from it. Only what those tables do not hold is written
 * here: the bodies of the action routes and the shapes of the few singleton answers. The
 * document is made once per process. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "base/banned.h"

/* A JSON document being built; the first failure (out of memory) is remembered. */
struct oa {
    json_t *doc, *schemas;
    int oom;
};

/* Sets KEY of OBJ to VALUE (stolen, as jansson does even when it fails); a NULL VALUE or
 * OBJ marks the document failed. */
static void oa_set(struct oa *oa, json_t *obj, const char *key, json_t *value)
{
    if (!obj || !value || json_object_set_new(obj, key, value))
        oa->oom = 1;
    if (!obj)
        json_decref(value);
}

static void oa_push(struct oa *oa, json_t *arr, json_t *value)
{
    if (!arr || !value || json_array_append_new(arr, value))
        oa->oom = 1;
    if (!arr)
        json_decref(value);
}

static json_t *oa_ref(const char *kind, const char *name)
{
    char ref[128];
    snprintf(ref, sizeof(ref), "#/components/%s/%s", kind, name);
    return json_pack("{s:s}", "$ref", ref);
}

/* "account" -> "Account", with SUFFIX ("Create", "Patch", "List"). */
static void oa_name(const char *kind, const char *suffix, char *out, size_t size)
{
    snprintf(out, size, "%s%s", kind, suffix);
    if (*out >= 'a' && *out <= 'z')
        *out = (char)(*out - 'a' + 'A');
}

static json_t *oa_vocab(const char *const *vocab)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && vocab[i]; i++)
        if (json_array_append_new(arr, json_string(vocab[i]))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

/* The JSON Schema of a value of field FD, as JSON carries it. */
static json_t *oa_field(const struct rp_field *fd)
{
    json_t *s;
    switch (fd->type) {
    case RP_T_ID:
    case RP_T_REF:
        s = json_pack("{s:s,s:i}", "type", "integer", "minimum", 1);
        break;
    case RP_T_INT:
        s = json_pack("{s:s,s:i}", "type", "integer", "minimum", 0);
        break;
    case RP_T_MONEY:
        s = json_pack("{s:s,s:i,s:s}", "type", "integer", "minimum", 0, "description",
                      "an amount in minor units (cents) of the currency");
        break;
    case RP_T_BOOL:
        s = json_pack("{s:s}", "type", "boolean");
        break;
    case RP_T_DATE:
        s = json_pack("{s:s,s:s}", "type", "string", "format", "date");
        break;
    case RP_T_INSTANT:
        s = json_pack("{s:s,s:s}", "type", "string", "format", "date-time");
        break;
    case RP_T_ENUM:
        s = json_pack("{s:s,s:o}", "type", "string", "enum", oa_vocab(fd->vocab));
        break;
    case RP_T_EMAIL:
        s = json_pack("{s:s,s:s}", "type", "string", "format", "email");
        break;
    case RP_T_CURRENCY:
        s = json_pack("{s:s,s:s}", "type", "string", "pattern", "^[A-Za-z]{3}$");
        break;
    case RP_T_NAME:
        s = json_pack("{s:s,s:i}", "type", "string", "minLength", 1);
        break;
    default:
        s = json_pack("{s:s}", "type", "string");
    }
    if (s && fd->help && fd->type != RP_T_MONEY &&
        json_object_set_new(s, "description", json_string(fd->help))) {
        json_decref(s);
        return NULL;
    }
    if (s && fd->type == RP_T_REF)
        json_object_set_new(s, "x-rapport-ref", json_string(rp_kind_get(fd->ref)->name));
    return s;
}

/* The schema allowing null as well: a field that is not set, or one cleared with null. */
static json_t *oa_nullable(json_t *s)
{
    json_t *type = json_object_get(s, "type"), *vocab = json_object_get(s, "enum");
    if (!type)
        return s;
    json_object_set_new(s, "type", json_pack("[O,s]", type, "null"));
    if (vocab)
        json_array_append_new(vocab, json_null());
    return s;
}

/* Whether a stored record always has a value for FD (so it cannot be cleared either). */
static int oa_always_set(const struct rp_field *fd)
{
    return fd->type == RP_T_ID || (fd->flags & RP_F_REQUIRED) || fd->def ||
           fd->type == RP_T_CURRENCY;
}

/* An object schema of the fields of FIELDS (N of them) that have one of FLAGS, or of all
 * of them (an answer: every member is there) when FLAGS is 0. REQUIRE (a create): the
 * fields with RP_F_REQUIRED must be given, and null gives the others their default. A
 * value may be null when the field may be unset, or (in a body) cleared. */
static json_t *oa_object(struct oa *oa, const struct rp_field *fields, size_t n, unsigned flags,
                         int require)
{
    json_t *props = json_object(), *req = json_array();
    for (size_t f = 0; f < n; f++) {
        const struct rp_field *fd = &fields[f];
        if (flags && !(fd->flags & flags))
            continue;
        json_t *s = oa_field(fd);
        if (s && (require ? !(fd->flags & RP_F_REQUIRED) : !oa_always_set(fd)))
            s = oa_nullable(s);
        oa_set(oa, props, fd->name, s);
        if (!flags || (require && (fd->flags & RP_F_REQUIRED)))
            oa_push(oa, req, json_string(fd->name));
    }
    return json_pack("{s:s,s:o,s:o,s:b}", "type", "object", "properties", props, "required", req,
                     "additionalProperties", 0);
}

/* Members a create or a patch takes beside the fields (records.c reads them). */
static void oa_create_extras(struct oa *oa, const struct rp_kind *kind, json_t *schema)
{
    json_t *props = json_object_get(schema, "properties");
    if (kind->id == RP_MEETING)
        oa_set(oa, props, "attendees",
               json_pack("{s:s,s:i,s:{s:s,s:i},s:s}", "type", "array", "maxItems", 100, "items",
                         "type", "integer", "minimum", 1, "description",
                         "the contacts who attend (ids, of the meeting's account); in a patch "
                         "they replace the attendees"));
    if (kind->id == RP_MEETING || kind->id == RP_ACTIVITY)
        oa_set(oa, props, "force",
               json_pack("{s:s,s:s}", "type", "boolean", "description",
                         "accept a time that looks like a typo: an activity more than a day "
                         "ahead, a planned meeting on a day before today (else 422)"));
    if (kind->id == RP_USER) {
        oa_set(oa, props, "password",
               json_pack("{s:s,s:i,s:i}", "type", "string", "minLength", 8, "maxLength", 1024));
        oa_push(oa, json_object_get(schema, "required"), json_string("password"));
    }
}

/* Kind under components/schemas, and with BODIES KindCreate, KindPatch and KindList. */
static void oa_kind(struct oa *oa, const struct rp_kind *kind, int bodies)
{
    char name[64], ref[64];
    oa_name(kind->name, bodies ? "List" : "", name, sizeof(name));
    if (json_object_get(oa->schemas, name))
        return;
    oa_name(kind->name, "", name, sizeof(name));
    if (!json_object_get(oa->schemas, name)) {
        json_t *rec = oa_object(oa, kind->fields, kind->nfields, 0, 0);
        /* GET /contacts/{id} adds the contact's track record (not in lists). */
        if (kind->id == RP_CONTACT)
            oa_set(oa, json_object_get(rec, "properties"), "track_record",
                   oa_ref("schemas", "TrackRecord"));
        oa_set(oa, oa->schemas, name, rec);
    }
    if (!bodies)
        return;
    json_t *create = oa_object(oa, kind->fields, kind->nfields, RP_F_INPUT, 1);
    oa_create_extras(oa, kind, create);
    oa_name(kind->name, "Create", ref, sizeof(ref));
    oa_set(oa, oa->schemas, ref, create);
    json_t *patch = oa_object(oa, kind->fields, kind->nfields, RP_F_EDIT, 0);
    if (kind->id != RP_USER)
        oa_create_extras(oa, kind, patch);
    oa_name(kind->name, "Patch", ref, sizeof(ref));
    oa_set(oa, oa->schemas, ref, patch);
    oa_name(kind->name, "List", ref, sizeof(ref));
    oa_set(oa, oa->schemas, ref,
           json_pack("{s:s,s:[s,s],s:{s:{s:s,s:o},s:{s:[s,s],s:s}}}", "type", "object", "required",
                     "items", "next", "properties", "items", "type", "array", "items",
                     oa_ref("schemas", name), "next", "type", "integer", "null", "description",
                     "pass as ?after= for the next page; null on the last"));
}

/* ---- the bodies of the action routes --------------------------------------------------- */

static const char *const push_modes[] = {"draft", "send", "record", NULL};
static const char *const answers[] = {"ignored", "informed", "revived", NULL};
static const char *const open_stages[] = {"lead",     "qualified",   "meeting",
                                          "proposal", "negotiation", NULL};

#define MEMBER(name, type, vocab, required, help)                                                  \
    {                                                                                              \
        name, type, (required) ? RP_F_REQUIRED | RP_F_INPUT : RP_F_INPUT, vocab, 0, NULL, NULL,    \
            help                                                                                   \
    }
#define NOTE MEMBER("note", RP_T_TEXT, NULL, 0, "a note for the history")
#define REASON(req) MEMBER("reason", RP_T_ENUM, rp_vocab_loss_reason, req, "why it was lost")
#define COMPETITOR MEMBER("competitor", RP_T_TEXT, NULL, 0, "who won it instead")

static const struct action_doc {
    const char *verb;
    int kind; /* -1: any */
    const char *summary;
    struct rp_field members[4]; /* up to a NULL name */
} action_docs[] = {
    {"push",
     RP_DEAL,
     "the push: draft it, send it through SMTP, or record one sent otherwise",
     {MEMBER("mode", RP_T_ENUM, push_modes, 1,
             "draft answers the draft; send and record "
             "answer the push record (201)")}},
    {"push-outcome",
     RP_DEAL,
     "what came back from the pending push",
     {MEMBER("outcome", RP_T_ENUM, answers, 1, NULL), COMPETITOR, REASON(0), NOTE}},
    {"won", RP_DEAL, "close the deal as won", {COMPETITOR, NOTE}},
    {"lost", RP_DEAL, "close the deal as lost (other needs a note)", {REASON(1), COMPETITOR, NOTE}},
    {"no-decision", RP_DEAL, "close the deal: they decided nothing", {COMPETITOR, NOTE}},
    {"stage",
     RP_DEAL,
     "move an open deal (or reopen a closed one) to an open stage",
     {MEMBER("stage", RP_T_ENUM, open_stages, 1, NULL),
      MEMBER("reason", RP_T_TEXT, NULL, 0, "why")}},
    {"hold",
     RP_DEAL,
     "hold outreach about the deal until a day (no until: lift the hold)",
     {MEMBER("until", RP_T_DATE, NULL, 0, "the day outreach may start again"),
      MEMBER("unless_inbound", RP_T_BOOL, NULL, 0,
             "their own contact about the deal on a later day lifts the hold"),
      MEMBER("reason", RP_T_TEXT, NULL, 0, "why")}},
    {"hold-cancel", -1, "lift the hold now (409 when there is none)", {{0}}},
    {"cancel", RP_AGREEMENT, "the agreed next step is off: the deal needs a new one", {NOTE}},
    {"hold",
     RP_ACCOUNT,
     "hold outreach to the account until a day (no until: lift the hold)",
     {MEMBER("until", RP_T_DATE, NULL, 0, "the day outreach may start again"),
      MEMBER("unless_inbound", RP_T_BOOL, NULL, 0, "their own call lifts the hold"),
      MEMBER("reason", RP_T_TEXT, NULL, 0, "why")}},
    {"checkin",
     RP_ACCOUNT,
     "how often a customer wants a check-in (0 stops them)",
     {MEMBER("every", RP_T_INT, NULL, 1, "days, 0 to 3650")}},
    {"held", RP_MEETING, "the meeting took place", {{0}}},
    {"no-show", RP_MEETING, "they did not come, without notice", {{0}}},
    {"cancel", RP_MEETING, "the meeting is cancelled", {{0}}},
    {"reschedule",
     RP_MEETING,
     "move the meeting: it is marked rescheduled and a successor "
     "with the same kind and attendees is booked (answered)",
     {MEMBER("at", RP_T_INSTANT, NULL, 1, "the new start"),
      MEMBER("minutes", RP_T_INT, NULL, 0, "1 to 1440; default: the same length"),
      MEMBER("by", RP_T_ENUM, rp_vocab_asked_by, 0, "who asked to move it"),
      MEMBER("force", RP_T_BOOL, NULL, 0, "move it to a day before today all the same")}},
    {"verify", RP_CLAIM, "the claim is verified", {NOTE}},
    {"clarify", RP_CLAIM, "the claim is clarified with an example", {NOTE}},
    {"contradict", RP_CLAIM, "the claim turned out false", {NOTE}},
    {"paid",
     RP_INVOICE,
     "the invoice is paid",
     {MEMBER("on", RP_T_DATE, NULL, 0, "the day it was paid (default: today)")}},
    {"promise",
     RP_INVOICE,
     "they promised to pay by a day: no reminder before it",
     {MEMBER("on", RP_T_DATE, NULL, 1, "the day they promised to pay by")}},
    {"merge",
     -1,
     "the same one entered twice: what belongs to it moves onto the record kept, whose empty "
     "fields take its values; it is deleted (answers the record kept)",
     {MEMBER("into", RP_T_INT, NULL, 1, "the id of the record to keep")}},
};

static const struct action_doc *oa_action_doc(const struct http_route *r)
{
    for (size_t i = 0; i < sizeof(action_docs) / sizeof(action_docs[0]); i++)
        if (!strcmp(action_docs[i].verb, r->verb) &&
            (action_docs[i].kind < 0 || action_docs[i].kind == r->kind))
            return &action_docs[i];
    return NULL;
}

/* ---- operations ------------------------------------------------------------------------- */

static json_t *oa_json_content(json_t *schema)
{
    return json_pack("{s:{s:o}}", "application/json", "schema", schema);
}

static json_t *oa_answer(const char *description, json_t *schema)
{
    return json_pack("{s:s,s:o}", "description", description, "content", oa_json_content(schema));
}

/* Adds the error answers the route can give, by what its flags and pattern say. */
static void oa_errors(struct oa *oa, const struct http_route *r, json_t *answers_obj)
{
    static const struct {
        unsigned status;
        const char *name;
    } errors[] = {{400, "BadRequest"},
                  {401, "Unauthorized"},
                  {403, "Forbidden"},
                  {404, "NotFound"},
                  {409, "Conflict"},
                  {413, "TooLarge"},
                  {415, "UnsupportedMediaType"},
                  {422, "Invalid"},
                  {429, "RateLimited"}};
    int body = (r->flags & (HTTP_BODY | HTTP_UPLOAD)) != 0, login = r->handler == http_login;
    /* Query arguments are checked on lists and the reads that are not one record. */
    int query = r->handler == http_list || (!strcmp(r->method, "GET") && r->kind < 0 &&
                                            !(r->flags & HTTP_PUBLIC) && r->handler != http_me);
    int gives[] = {body || query,
                   !(r->flags & HTTP_PUBLIC) || login,
                   !(r->flags & HTTP_PUBLIC),
                   strchr(r->pattern, '{') != NULL,
                   (r->flags & HTTP_WRITES) != 0,
                   body,
                   body,
                   body || query,
                   login};
    for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
        char status[8];
        if (!gives[i])
            continue;
        snprintf(status, sizeof(status), "%u", errors[i].status);
        oa_set(oa, answers_obj, status, oa_ref("responses", errors[i].name));
    }
    oa_set(oa, answers_obj, "default", oa_ref("responses", "Error"));
}

static json_t *oa_param(const char *name, const char *in, int required, json_t *schema,
                        const char *description)
{
    return json_pack("{s:s,s:s,s:b,s:o,s:s*}", "name", name, "in", in, "required", required,
                     "schema", schema, "description", description);
}

/* The query parameters of a list: the cursor and a filter per listed field. */
static void oa_list_params(struct oa *oa, const struct rp_kind *kind, json_t *params)
{
    oa_push(oa, params,
            oa_param("limit", "query", 0,
                     json_pack("{s:s,s:i,s:i,s:i}", "type", "integer", "minimum", 1, "maximum", 500,
                               "default", 50),
                     "how many records to answer"));
    oa_push(oa, params,
            oa_param("after", "query", 0, json_pack("{s:s,s:i}", "type", "integer", "minimum", 0),
                     "the next of a previous page: records with larger ids"));
    for (size_t f = 0; f < kind->nfields; f++)
        if (kind->fields[f].flags & RP_F_LIST)
            oa_push(oa, params,
                    oa_param(kind->fields[f].name, "query", 0, oa_field(&kind->fields[f]),
                             "only records with this "
                             "value (booleans: yes or no)"));
}

static json_t *oa_action_body(struct oa *oa, const struct action_doc *d)
{
    size_t n = 0;
    while (n < sizeof(d->members) / sizeof(d->members[0]) && d->members[n].name)
        n++;
    json_t *s = oa_object(oa, d->members, n, RP_F_INPUT, 1);
    return json_pack("{s:b,s:o}", "required", 1, "content", oa_json_content(s));
}

/* Fills OP (summary, body, answers) for a route of a record collection. */
static void oa_record_op(struct oa *oa, const struct http_route *r, json_t *op, json_t *params)
{
    const struct rp_kind *kind = rp_kind_get((enum rp_kind_id)r->kind);
    char name[64], body[64], summary[160];
    json_t *answers_obj = json_object_get(op, "responses");
    oa_name(kind->name, "", name, sizeof(name));
    oa_kind(oa, kind, 1);
    if (r->handler == http_list) {
        snprintf(summary, sizeof(summary), "list %s (as you see them)", kind->table);
        oa_list_params(oa, kind, params);
        oa_name(kind->name, "List", body, sizeof(body));
        oa_set(oa, answers_obj, "200", oa_answer("a page of records", oa_ref("schemas", body)));
    } else if (r->handler == http_create || r->handler == http_patch) {
        int create = r->handler == http_create;
        snprintf(summary, sizeof(summary), "%s %s %s", create ? "create" : "change",
                 create ? "a" : "the", kind->name);
        oa_name(kind->name, create ? "Create" : "Patch", body, sizeof(body));
        oa_set(oa, op, "requestBody",
               json_pack("{s:b,s:o}", "required", 1, "content",
                         oa_json_content(oa_ref("schemas", body))));
        oa_set(oa, answers_obj, create ? "201" : "200",
               oa_answer(create ? "the created record" : "the changed record",
                         oa_ref("schemas", name)));
    } else if (r->handler == http_read) {
        snprintf(summary, sizeof(summary), "one %s", kind->name);
        oa_set(oa, answers_obj, "200", oa_answer("the record", oa_ref("schemas", name)));
    } else if (r->handler == http_delete) {
        snprintf(summary, sizeof(summary), "delete a %s", kind->name);
        oa_push(oa, params,
                oa_param("force", "query", 0,
                         json_pack("{s:s,s:[s]}", "type", "string", "enum", "true"),
                         "also delete what belongs to it (else 409)"));
        oa_set(oa, answers_obj, "200",
               oa_answer("deleted",
                         json_pack("{s:s,s:{s:{s:s},s:{s:s}}}", "type", "object", "properties",
                                   "id", "type", "integer", "deleted", "type", "boolean")));
    } else {
        const struct action_doc *d = oa_action_doc(r);
        snprintf(summary, sizeof(summary), "%s", d ? d->summary : r->verb);
        if (d && strcmp(r->method, "DELETE"))
            oa_set(oa, op, "requestBody", oa_action_body(oa, d));
        if (!strcmp(r->verb, "push")) {
            oa_kind(oa, rp_kind_get(RP_PUSH), 0);
            oa_set(oa, answers_obj, "200",
                   oa_answer("the draft (mode draft)", oa_ref("schemas", "Draft")));
            oa_set(oa, answers_obj, "201",
                   oa_answer("the push record (send, record)", oa_ref("schemas", "Push")));
        } else {
            oa_set(oa, answers_obj, "200",
                   oa_answer("the record after the action", oa_ref("schemas", name)));
        }
    }
    oa_set(oa, op, "summary", json_string(summary));
}

/* ---- the routes that are not record collections ---------------------------------------- */

static json_t *oa_object_of(const char *member, json_t *schema)
{
    return json_pack("{s:s,s:[s],s:{s:o}}", "type", "object", "required", member, "properties",
                     member, schema);
}

static json_t *oa_status_answer(void)
{
    return oa_answer("up", oa_object_of("status", json_pack("{s:s}", "type", "string")));
}

static json_t *oa_login_answer(void)
{
    return oa_answer("logged in; Set-Cookie carries the session", oa_ref("schemas", "LoginResult"));
}

static json_t *oa_logout_answer(void)
{
    return oa_answer("logged out",
                     oa_object_of("logged_out", json_pack("{s:s}", "type", "boolean")));
}

static json_t *oa_me_answer(void)
{
    return oa_answer("you", oa_ref("schemas", "Me"));
}

static json_t *oa_rotate_answer(void)
{
    return oa_answer(
        "the new feed",
        oa_object_of("calendar_url", json_pack("{s:s,s:s}", "type", "string", "format", "uri")));
}

static json_t *oa_calendar_answer(void)
{
    return json_pack("{s:s,s:{s:{s:{s:s}}}}", "description", "iCalendar (RFC 5545)", "content",
                     "text/calendar", "schema", "type", "string");
}

/* The summary of an import, as `rapport import ... --json` prints it (docs/import.md). */
static json_t *oa_import_answer(void)
{
    json_t *count = json_pack("{s:s,s:i}", "type", "integer", "minimum", 0);
    json_t *added = json_pack("{s:s,s:{s:O,s:O,s:O}}", "type", "object", "properties", "accounts",
                              count, "contacts", count, "deals", count);
    json_t *reject = json_pack("{s:s,s:{s:O,s:{s:s}}}", "type", "object", "properties", "line",
                               count, "reason", "type", "string");
    json_t *schema = json_pack(
        "{s:s,s:[s,s,s,s,s,s,s],s:{s:{s:s,s:[s,s,s]},s:{s:s},s:{s:s},s:{s:s},s:O,s:o,s:O,s:O,"
        "s:O,s:{s:s,s:o},s:{s:s},s:{s:s,s:{s:s}}}}",
        "type", "object", "required", "kind", "rows", "added", "merged", "unchanged", "rejected",
        "rejects", "properties", "kind", "type", "string", "enum", "accounts", "contacts", "deals",
        "dry_run", "type", "boolean", "encoding", "type", "string", "separator", "type", "string",
        "rows", count, "added", added, "merged", count, "unchanged", count, "rejected", count,
        "rejects", "type", "array", "items", reject, "columns", "type", "object", "unknown_columns",
        "type", "array", "items", "type", "string");
    json_decref(count);
    return oa_answer("what happened to every row (with dry_run=1: what would)", schema);
}

static void oa_import_params(struct oa *oa, json_t *params)
{
    json_t *flag = json_pack("{s:s,s:[i,i]}", "type", "integer", "enum", 0, 1);
    oa_push(oa, params,
            oa_param("kind", "query", 0,
                     json_pack("{s:s,s:[s,s,s]}", "type", "string", "enum", "accounts", "contacts",
                               "deals"),
                     "what the rows are: required for CSV; a vCard is a contact"));
    oa_push(oa, params,
            oa_param("dry_run", "query", 0, json_deep_copy(flag),
                     "1: do everything, then change nothing"));
    oa_push(oa, params,
            oa_param("strict", "query", 0, flag,
                     "1: refuse the whole file at the first refused row (422)"));
}

static json_t *oa_export_answer(void)
{
    json_t *text = json_pack("{s:s}", "type", "string");
    json_t *answer =
        json_pack("{s:s,s:{s:{s:O},s:{s:O},s:{s:O}}}", "description",
                  "the file, offered for saving (Content-Disposition)", "content", "text/csv",
                  "schema", text, "text/vcard", "schema", text, "application/json", "schema", text);
    json_decref(text);
    return answer;
}

static json_t *oa_any_answer(void)
{
    return oa_answer("the answer", json_pack("{s:s}", "type", "object"));
}

static json_t *oa_items_answer(void)
{
    return oa_answer("the entries, best match first with q",
                     oa_object_of("items", json_pack("{s:s,s:{s:s}}", "type", "array", "items",
                                                     "type", "object")));
}

static json_t *oa_agenda_answer(void)
{
    return oa_answer("the agenda", oa_ref("schemas", "Agenda"));
}

static json_t *oa_day_schema(void)
{
    return json_pack("{s:s,s:s}", "type", "string", "format", "date");
}

static void oa_agenda_params(struct oa *oa, json_t *params)
{
    oa_push(oa, params,
            oa_param("date", "query", 0, oa_day_schema(), "the first day (default: today)"));
    oa_push(oa, params,
            oa_param("days", "query", 0,
                     json_pack("{s:s,s:i,s:i}", "type", "integer", "minimum", 1, "maximum", 31),
                     "how many days (default 1)"));
}

static void oa_report_params(struct oa *oa, json_t *params)
{
    /* The {name} of /reports/{name} is one of the reports. */
    json_t *name = json_object_get(json_array_get(params, 0), "schema");
    oa_set(oa, name, "enum", oa_vocab(rp_report_names));
    oa_push(oa, params,
            oa_param("since", "query", 0, oa_day_schema(), "the first day (default: open)"));
    oa_push(oa, params,
            oa_param("until", "query", 0, oa_day_schema(), "the last day (default: open)"));
}

static void oa_query_param(struct oa *oa, json_t *params, int required)
{
    oa_push(oa, params,
            oa_param("q", "query", required, json_pack("{s:s}", "type", "string"),
                     "words; each must start a word of an entry"));
}

static void oa_recall_params(struct oa *oa, json_t *params)
{
    oa_push(oa, params,
            oa_param("account", "query", 1, json_pack("{s:s,s:i}", "type", "integer", "minimum", 1),
                     "the account"));
    oa_query_param(oa, params, 0);
}

static void oa_search_params(struct oa *oa, json_t *params)
{
    oa_query_param(oa, params, 1);
}

static void oa_audit_params(struct oa *oa, json_t *params)
{
    json_t *id = json_pack("{s:s,s:i}", "type", "integer", "minimum", 1);
    oa_push(oa, params,
            oa_param("since", "query", 0, oa_day_schema(),
                     "from this UTC day on (default: the beginning)"));
    oa_push(oa, params,
            oa_param("user_id", "query", 0, json_deep_copy(id), "only what this user did"));
    oa_push(oa, params,
            oa_param("before", "query", 0, json_deep_copy(id),
                     "lines older than this id: the next of the previous page"));
    oa_push(oa, params,
            oa_param("limit", "query", 0,
                     json_pack("{s:s,s:i,s:i}", "type", "integer", "minimum", 1, "maximum", 500),
                     "at most this many (default 50)"));
    json_decref(id);
}

static json_t *oa_templates_answer(void)
{
    return oa_answer("every template, kind by kind, each style in turn",
                     oa_object_of("items", json_pack("{s:s,s:o}", "type", "array", "items",
                                                     oa_ref("schemas", "Template"))));
}

static json_t *oa_template_answer(void)
{
    return oa_answer("the template", oa_ref("schemas", "Template"));
}

static void oa_template_params(struct oa *oa, json_t *params)
{
    /* The {name} of /templates/{name} is a draft kind. */
    json_t *name = json_object_get(json_array_get(params, 0), "schema");
    oa_set(oa, name, "enum", oa_vocab(rp_draft_kinds));
    oa_push(oa, params,
            oa_param("style", "query", 0,
                     json_pack("{s:s,s:o}", "type", "string", "enum", oa_vocab(rp_vocab_style)),
                     "the persistence style (default: standard)"));
}

static void oa_tokens_params(struct oa *oa, json_t *params)
{
    oa_push(oa, params,
            oa_param("user_id", "query", 0, json_pack("{s:s,s:i}", "type", "integer", "minimum", 1),
                     "another user's tokens (admins only)"));
}

static json_t *oa_settings_answer(void)
{
    return oa_answer("the team's settings", oa_ref("schemas", "Settings"));
}

static json_t *oa_token_answer(void)
{
    return oa_answer("the new token (shown this once) and its entry of the list",
                     oa_ref("schemas", "NewToken"));
}

static const struct singleton_doc {
    enum rp_status (*handler)(struct http_req *, struct http_res *, const struct http_route *);
    const char *summary;
    json_t *(*answer)(void);                       /* the 200 answer */
    void (*params)(struct oa *oa, json_t *params); /* query parameters, or NULL */
    const char *body;                              /* the body's schema, or NULL */
} singleton_docs[] = {
    {http_healthz, "whether the server is up", oa_status_answer, NULL, NULL},
    {http_login, "log in: a session cookie and the CSRF token for unsafe requests", oa_login_answer,
     NULL, "Login"},
    {http_logout, "end this session", oa_logout_answer, NULL, NULL},
    {http_me, "who you are, and your calendar feed", oa_me_answer, NULL, NULL},
    {http_tokens,
     "your API tokens (admins: ?user_id= for another's), never the tokens "
     "themselves",
     oa_items_answer, oa_tokens_params, NULL},
    {http_token_revoke, "revoke one of your API tokens (admins: anyone's)", oa_any_answer, NULL,
     NULL},
    {http_token_new, "a new API token for you (201), shown this once", oa_token_answer, NULL,
     "TokenCreate"},
    {http_calendar_rotate, "a new calendar secret: the old feed URL stops working",
     oa_rotate_answer, NULL, NULL},
    {http_calendar, "a user's calendar feed: planned meetings and agreed follow-up days",
     oa_calendar_answer, NULL, NULL},
    {http_openapi, "this document (OpenAPI 3.1)", oa_any_answer, NULL, NULL},
    {http_agenda, "the agenda: whom to contact and why, in priority order", oa_agenda_answer,
     oa_agenda_params, NULL},
    {http_item_done,
     "deal with an agenda item ({name} is its id): log what you did; it stays "
     "off the agenda until its next moment",
     oa_any_answer, NULL, "ItemDone"},
    {http_item_snooze, "keep an agenda item off the agenda until a day", oa_any_answer, NULL,
     "ItemSnooze"},
    {http_item_send, "send an agenda item's draft by e-mail (SMTP) and record it as a touch",
     oa_any_answer, NULL, "ItemSend"},
    {http_snoozes, "snoozed items and items dealt with, soonest end first", oa_items_answer, NULL,
     NULL},
    {http_report, "a report over a range of days (docs/reports.md)", oa_any_answer,
     oa_report_params, NULL},
    {http_recall, "everything said, claimed and done with an account", oa_items_answer,
     oa_recall_params, NULL},
    {http_search, "find words in everything recorded, across all accounts", oa_items_answer,
     oa_search_params, NULL},
    {http_audit, "the audit log, newest first (admins only)", oa_items_answer, oa_audit_params,
     NULL},
    {http_templates, "the templates drafts are made from (docs/drafts.md)", oa_templates_answer,
     NULL, NULL},
    {http_template_get, "one draft template", oa_template_answer, oa_template_params, NULL},
    {http_template_put,
     "change a draft template (admins and managers); a placeholder it cannot "
     "fill is refused, named",
     oa_template_answer, oa_template_params, "TemplateChange"},
    {http_template_reset, "put the default template back (admins and managers)", oa_template_answer,
     oa_template_params, NULL},
    {http_settings,
     "the team's settings (rapport config), without the server's own (smtp.*, "
     "server.*, audit.*)",
     oa_settings_answer, NULL, NULL},
    {http_settings_put,
     "change settings (admins and managers): {key: value}, null restores "
     "the default; all or none",
     oa_settings_answer, NULL, "SettingsChange"},
    {http_account_overview,
     "an account with its contacts, deals, activities, statements, "
     "invoices and history (as account show --json)",
     oa_any_answer, NULL, NULL},
    {http_deal_overview,
     "a deal with its meetings, agreements, claims, statements, "
     "activities, history and score with its factors (as deal show --json)",
     oa_any_answer, NULL, NULL},
    {http_import,
     "import a CSV (text/csv) or vCard (text/vcard) file, as the body or as a "
     "multipart form's file field, up to 64 MiB: all of it or, on an error, "
     "nothing (docs/import.md)",
     oa_import_answer, oa_import_params, NULL},
    {http_export,
     "export what you may see: accounts.csv, contacts.csv, deals.csv, "
     "activities.csv, contacts.vcf, or book.json (the whole book, admins only)",
     oa_export_answer, NULL, NULL},
};

/* The answers of a route that is not a record collection; one the table does not know
 * still gets a generic entry. */
static void oa_singleton_op(struct oa *oa, const struct http_route *r, json_t *op, json_t *params)
{
    const struct singleton_doc *d = NULL;
    for (size_t i = 0; i < sizeof(singleton_docs) / sizeof(singleton_docs[0]); i++)
        if (singleton_docs[i].handler == r->handler)
            d = &singleton_docs[i];
    if (d && d->params)
        d->params(oa, params);
    if (d && d->body)
        oa_set(oa, op, "requestBody",
               json_pack("{s:b,s:o}", "required", 1, "content",
                         oa_json_content(oa_ref("schemas", d->body))));
    if (r->flags & HTTP_UPLOAD)
        oa_set(oa, op, "requestBody",
               json_pack("{s:b,s:{s:{s:{s:s}},s:{s:{s:s}},s:{s:{s:s,s:{s:{s:s,s:s}}}}}}",
                         "required", 1, "content", "text/csv", "schema", "type", "string",
                         "text/vcard", "schema", "type", "string", "multipart/form-data", "schema",
                         "type", "object", "properties", "file", "type", "string", "format",
                         "binary"));
    oa_set(oa, op, "summary", json_string(d ? d->summary : r->pattern));
    /* A new token is a created thing: 201, as the collections' creations. */
    oa_set(oa, json_object_get(op, "responses"), r->handler == http_token_new ? "201" : "200",
           d ? d->answer() : oa_any_answer());
}

/* "/api/v1/deals/{id}/push" + POST -> "post_deals_by_id_push". */
static json_t *oa_operation_id(const struct http_route *r)
{
    char id[160];
    size_t n = 0;
    for (const char *m = r->method; *m && n < sizeof(id) - 1; m++)
        id[n++] = (char)(*m >= 'A' && *m <= 'Z' ? *m - 'A' + 'a' : *m);
    for (const char *p = r->pattern + strlen("/api/v1"); *p && n < sizeof(id) - 8; p++) {
        if (!strncmp(p, "{id}", 4)) {
            memcpy(id + n, "by_id", 5);
            n += 5;
            p += 3;
        } else if (*p == '{' || *p == '}') {
            continue;
        } else {
            int word = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
            id[n++] = (char)(word ? *p : '_');
        }
    }
    id[n] = '\0';
    return json_string(id);
}

static json_t *oa_security(const struct http_route *r)
{
    if (r->flags & HTTP_PUBLIC)
        return json_array();
    /* A cookie session needs the CSRF token on unsafe methods; a bearer token does not. */
    if (strcmp(r->method, "GET"))
        return json_pack("[{s:[],s:[]},{s:[]}]", "session", "csrf", "bearer");
    return json_pack("[{s:[]},{s:[]}]", "session", "bearer");
}

static void oa_route(struct oa *oa, json_t *paths, const struct http_route *r)
{
    json_t *item = json_object_get(paths, r->pattern), *params = json_array();
    if (!item)
        oa_set(oa, paths, r->pattern, item = json_object());
    const char *rest = r->pattern + strlen("/api/v1/");
    /* Tagged by the first segment: "deals", "me", "cal". */
    json_t *op =
        json_pack("{s:o,s:[o],s:o,s:{}}", "operationId", oa_operation_id(r), "tags",
                  json_stringn(rest, strcspn(rest, "/.")), "security", oa_security(r), "responses");
    if (strstr(r->pattern, "{id}"))
        oa_push(oa, params,
                oa_param("id", "path", 1, json_pack("{s:s,s:i}", "type", "integer", "minimum", 1),
                         "record id"));
    if (strstr(r->pattern, "{name}"))
        oa_push(oa, params,
                oa_param("name", "path", 1, json_pack("{s:s}", "type", "string"),
                         r->handler == http_calendar       ? "the secret, then .ics"
                         : strstr(r->pattern, "templates") ? "the draft kind"
                         : r->handler == http_export ? "accounts.csv, contacts.csv, deals.csv, "
                                                       "activities.csv, contacts.vcf or book.json"
                                                     : NULL));
    if (r->kind >= 0)
        oa_record_op(oa, r, op, params);
    else
        oa_singleton_op(oa, r, op, params);
    oa_errors(oa, r, json_object_get(op, "responses"));
    if (json_array_size(params))
        oa_set(oa, op, "parameters", json_incref(params));
    json_decref(params);
    char method[16];
    snprintf(method, sizeof(method), "%s", r->method);
    for (char *p = method; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    oa_set(oa, item, method, op);
}

/* ---- the fixed parts --------------------------------------------------------------------- */

/* A contact's track record (rp_contact_track_record). */
static json_t *oa_track_record(void)
{
    static const char *const counts[] = {"meetings_held",
                                         "no_shows",
                                         "reschedules",
                                         "rescheduled_by_them",
                                         "rescheduled_by_us",
                                         "cancelled",
                                         "calls_unanswered",
                                         "calls_unanswered_since_reply",
                                         NULL};
    static const char *const instants[] = {"last_touch_at", "last_inbound_at", "last_two_way_at",
                                           NULL};
    json_t *props = json_object(), *req = json_array();
    for (size_t i = 0; counts[i]; i++) {
        json_object_set_new(props, counts[i],
                            json_pack("{s:s,s:i}", "type", "integer", "minimum", 0));
        json_array_append_new(req, json_string(counts[i]));
    }
    for (size_t i = 0; instants[i]; i++) {
        json_object_set_new(
            props, instants[i],
            json_pack("{s:[s,s],s:s}", "type", "string", "null", "format", "date-time"));
        json_array_append_new(req, json_string(instants[i]));
    }
    json_object_set_new(props, "last_reply",
                        json_pack("{s:[s,s],s:{s:{s:s},s:{s:s},s:{s:s},s:{s:s}}}", "type", "object",
                                  "null", "properties", "at", "type", "string", "what", "type",
                                  "string", "activity_id", "type", "integer", "meeting_id", "type",
                                  "integer"));
    json_object_set_new(
        props, "meetings",
        json_pack("{s:s,s:o}", "type", "array", "items", oa_ref("schemas", "Meeting")));
    json_array_append_new(req, json_string("last_reply"));
    json_array_append_new(req, json_string("meetings"));
    return json_pack("{s:s,s:o,s:o,s:s}", "type", "object", "properties", props, "required", req,
                     "description",
                     "meetings held, missed and moved, calls unanswered, the "
                     "last reply");
}

static void oa_fixed_schemas(struct oa *oa)
{
    oa_set(oa, oa->schemas, "Error",
           json_pack("{s:s,s:[s],s:{s:{s:s,s:[s,s,s],s:{s:{s:s},s:{s:s},s:{s:[s,s]}}}}}", "type",
                     "object", "required", "error", "properties", "error", "type", "object",
                     "required", "code", "message", "field", "properties", "code", "type", "string",
                     "message", "type", "string", "field", "type", "string", "null"));
    oa_set(oa, oa->schemas, "Login",
           json_pack("{s:s,s:[s,s],s:{s:{s:s,s:s},s:{s:s}}}", "type", "object", "required", "email",
                     "password", "properties", "email", "type", "string", "format", "email",
                     "password", "type", "string"));
    oa_set(oa, oa->schemas, "LoginResult",
           json_pack("{s:s,s:[s,s],s:{s:o,s:{s:s,s:s}}}", "type", "object", "required", "user",
                     "csrf_token", "properties", "user", oa_ref("schemas", "User"), "csrf_token",
                     "type", "string", "description",
                     "send as X-CSRF-Token on unsafe requests of this session"));
    oa_set(oa, oa->schemas, "Me",
           json_pack("{s:s,s:[s,s],s:{s:o,s:{s:s,s:s}}}", "type", "object", "required", "user",
                     "calendar_url", "properties", "user", oa_ref("schemas", "User"),
                     "calendar_url", "type", "string", "format", "uri"));
    oa_set(oa, oa->schemas, "Draft",
           json_pack("{s:s,s:[s,s,s,s],s:{s:{s:s,s:{s:s}},s:{s:s,s:{s:s}},s:{s:s},s:{s:s}}}",
                     "type", "object", "required", "to", "cc", "subject", "body", "properties",
                     "to", "type", "array", "items", "type", "string", "cc", "type", "array",
                     "items", "type", "string", "subject", "type", "string", "body", "type",
                     "string"));
    oa_set(oa, oa->schemas, "TrackRecord", oa_track_record());
    oa_set(oa, oa->schemas, "Template",
           json_pack("{s:s,s:[s,s,s,s,s,s],s:{s:{s:s,s:o},s:{s:s,s:o},s:{s:s},s:{s:s},s:{s:s},"
                     "s:{s:s,s:{s:s}}}}",
                     "type", "object", "required", "kind", "style", "custom", "subject", "body",
                     "placeholders", "properties", "kind", "type", "string", "enum",
                     oa_vocab(rp_draft_kinds), "style", "type", "string", "enum",
                     oa_vocab(rp_vocab_style), "custom", "type", "boolean", "subject", "type",
                     "string", "body", "type", "string", "placeholders", "type", "array", "items",
                     "type", "string"));
    oa_set(oa, oa->schemas, "TemplateChange",
           json_pack("{s:s,s:b,s:{s:{s:s},s:{s:s}}}", "type", "object", "additionalProperties", 0,
                     "properties", "subject", "type", "string", "body", "type", "string"));
    oa_set(oa, oa->schemas, "Settings",
           json_pack("{s:s,s:[s],s:{s:{s:s,s:{s:s,s:[s,s,s,s],s:{s:{s:s},s:{s:s},s:{s:s},"
                     "s:{s:s}}}}}}",
                     "type", "object", "required", "items", "properties", "items", "type", "array",
                     "items", "type", "object", "required", "key", "value", "default", "help",
                     "properties", "key", "type", "string", "value", "type", "string", "default",
                     "type", "string", "help", "type", "string"));
    oa_set(oa, oa->schemas, "SettingsChange",
           json_pack("{s:s,s:i,s:{s:[s,s]}}", "type", "object", "minProperties", 1,
                     "additionalProperties", "type", "string", "null"));
    oa_set(oa, oa->schemas, "TokenCreate",
           json_pack("{s:s,s:b,s:{s:{s:s,s:s}}}", "type", "object", "additionalProperties", 0,
                     "properties", "expires", "type", "string", "description",
                     "YYYY-MM-DD (its start) or an RFC 3339 instant; none: never"));
    oa_set(oa, oa->schemas, "NewToken",
           json_pack("{s:s,s:[s,s,s],s:{s:{s:s},s:{s:s},s:{s:s},s:{s:s},s:{s:[s,s]},"
                     "s:{s:[s,s]},s:{s:s}}}",
                     "type", "object", "required", "id", "token", "active", "properties", "id",
                     "type", "integer", "user_id", "type", "integer", "token", "type", "string",
                     "created_at", "type", "string", "expires_at", "type", "string", "null",
                     "revoked_at", "type", "string", "null", "active", "type", "boolean"));
    oa_set(oa, oa->schemas, "ItemDone",
           json_pack("{s:s,s:b,s:{s:{s:s,s:{s:{s:s},s:{s:s},s:{s:s},s:{s:s},s:{s:s}}},"
                     "s:{s:s}}}",
                     "type", "object", "additionalProperties", 0, "properties", "log", "type",
                     "object", "properties", "kind", "type", "string", "dir", "type", "string",
                     "outcome", "type", "string", "contact_id", "type", "integer", "at", "type",
                     "string", "text", "type", "string"));
    oa_set(oa, oa->schemas, "ItemSnooze",
           json_pack("{s:s,s:b,s:{s:{s:s,s:s},s:{s:s,s:i,s:i}}}", "type", "object",
                     "additionalProperties", 0, "properties", "until", "type", "string", "format",
                     "date", "days", "type", "integer", "minimum", 1, "maximum", 3650));
    oa_set(oa, oa->schemas, "ItemSend",
           json_pack("{s:s,s:b,s:{s:{s:s},s:{s:s}}}", "type", "object", "additionalProperties", 0,
                     "properties", "subject", "type", "string", "body", "type", "string"));
    oa_set(oa, oa->schemas, "Agenda",
           json_pack(
               "{s:s,s:[s],s:{s:{s:s,s:s},s:{s:s,s:s},s:{s:s},s:{s:s,s:{s:s,s:{"
               "s:{s:s},s:{s:s},s:{s:s},s:{s:[s,s]},s:{s:[s,s]},s:{s:[s,s]},s:{s:[s,s]},"
               "s:{s:[s,s]},s:{s:s},s:{s:[s,s]},s:{s:s},s:{s:s},s:{s:s},s:o,s:o,s:{s:[s,s]},"
               "s:{s:[s,s]}}}}}}",
               "type", "object", "required", "items", "properties", "date", "type", "string",
               "format", "date", "from", "type", "string", "format", "date", "days", "type",
               "integer", "items", "type", "array", "items", "type", "object", "properties", "id",
               "type", "string", "kind", "type", "string", "rank", "type", "integer", "account_id",
               "type", "integer", "null", "account", "type", "string", "null", "deal_id", "type",
               "integer", "null", "deal", "type", "string", "null", "contact_id", "type", "integer",
               "null", "date", "type", "string", "due", "type", "string", "null", "score", "type",
               "integer", "summary", "type", "string", "action", "type", "string", "draft",
               oa_ref("schemas", "Draft"), "contact",
               json_pack("{s:[s,s],s:{s:{s:s},s:{s:s},s:{s:[s,s]},s:{s:[s,s]},s:{s:s}}}", "type",
                         "object", "null", "properties", "id", "type", "integer", "name", "type",
                         "string", "email", "type", "string", "null", "phone", "type", "string",
                         "null", "call_script", "type", "string"),
               "last_touch", "type", "string", "null", "last_two_way", "type", "string", "null"));
}

static void oa_fixed_responses(struct oa *oa, json_t *components)
{
    static const char *const names[][2] = {
        {"BadRequest", "malformed JSON, not an object, a missing member or an unknown filter"},
        {"Unauthorized", "no valid session or token (or a wrong login)"},
        {"Forbidden", "CSRF token missing or wrong, or visible but not yours to change"},
        {"NotFound", "no such record, or not one you may see"},
        {"Conflict", "contradicts the records (closing a closed deal, dependents left)"},
        {"TooLarge", "the body is larger than 1 MiB"},
        {"UnsupportedMediaType", "the body is not application/json"},
        {"Invalid", "a value outside its domain, or an unknown field"},
        {"RateLimited", "too many failed logins from this address; wait a few minutes"},
        {"Error", "an error"},
    };
    json_t *responses = json_object();
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        oa_set(oa, responses, names[i][0], oa_answer(names[i][1], oa_ref("schemas", "Error")));
    oa_set(oa, components, "responses", responses);
    oa_set(oa, components, "securitySchemes",
           json_pack("{s:{s:s,s:s,s:s,s:s},s:{s:s,s:s,s:s,s:s},s:{s:s,s:s,s:s}}", "session", "type",
                     "apiKey", "in", "cookie", "name", "rapport_session", "description",
                     "from POST /api/v1/login", "csrf", "type", "apiKey", "in", "header", "name",
                     "X-CSRF-Token", "description", "the csrf_token of the login answer", "bearer",
                     "type", "http", "scheme", "bearer", "description",
                     "an API token from rapport user token EMAIL"));
}

static json_t *oa_build(void)
{
    struct oa oa = {0};
    json_t *components = json_object(), *paths = json_object();
    oa.schemas = json_object();
    oa.doc = json_pack("{s:s,s:{s:s,s:s,s:s},s:[{s:s}],s:o,s:o}", "openapi", "3.1.0", "info",
                       "title", "Rapport API", "version", RAPPORT_VERSION, "description",
                       "The HTTP JSON API of Rapport, a sales follow-up CRM (docs/api.md).",
                       "servers", "url", "/", "paths", paths, "components", components);
    oa_set(&oa, components, "schemas", oa.schemas);
    oa_fixed_schemas(&oa);
    oa_kind(&oa, rp_kind_get(RP_USER), 0);
    for (const struct http_route *r = http_routes; r->method; r++)
        oa_route(&oa, paths, r);
    oa_fixed_responses(&oa, components);
    if (oa.oom) {
        json_decref(oa.doc);
        return NULL;
    }
    return oa.doc;
}

static char *openapi_text;
static pthread_once_t openapi_once = PTHREAD_ONCE_INIT;

static void openapi_make(void)
{
    json_t *doc = oa_build();
    openapi_text = doc ? json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
}

enum rp_status http_openapi(struct http_req *req, struct http_res *res,
                            const struct http_route *route)
{
    pthread_once(&openapi_once, openapi_make);
    if (!openapi_text || !(res->text = strdup(openapi_text))) {
        http_error(res, 500, "internal", "cannot make the OpenAPI document", NULL);
        return RP_ERR_INTERNAL;
    }
    res->content_type = "application/json";
    return RP_OK;
}
