/* Taking the book out: CSV of one kind for spreadsheets and other CRMs (read back by
 * rp_import_csv), and the whole book as JSON, a backup rp_import_json restores. Records are
 * read a page at a time, so an export of millions of rows runs in little memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/vcard.h"
#include "core/db.h"
#include "rapport/import.h"
#include "store/store_bulk.h"
#include "base/banned.h"

#define EXPORT_PAGE 2000
#define COL_ACCOUNT (-2) /* the name of the record's account */
#define COL_DEAL (-3)    /* the title of the record's deal */

struct export_col {
    const char *header;
    int field; /* a field index, or COL_ACCOUNT / COL_DEAL */
};

/* Headers a spreadsheet user reads, and that rp_import_csv recognises. */
static const struct export_col account_cols[] = {{"Name", RP_ACCOUNT_NAME},
                                                 {"Industry", RP_ACCOUNT_INDUSTRY},
                                                 {"Trigger", RP_ACCOUNT_TRIGGER},
                                                 {"Need", RP_ACCOUNT_NEED},
                                                 {"Urgency", RP_ACCOUNT_URGENCY},
                                                 {"Style", RP_ACCOUNT_STYLE},
                                                 {"Risk", RP_ACCOUNT_RISK},
                                                 {"Current provider", RP_ACCOUNT_PROVIDER},
                                                 {"Contract ends", RP_ACCOUNT_CONTRACT_ENDS},
                                                 {"Binding", RP_ACCOUNT_BINDING},
                                                 {"Status", RP_ACCOUNT_STATUS},
                                                 {"Created", RP_ACCOUNT_CREATED_AT},
                                                 {"Rapport ID", RP_ACCOUNT_ID},
                                                 {NULL, 0}};
static const struct export_col contact_cols[] = {
    {"Name", RP_CONTACT_NAME},     {"Job Title", RP_CONTACT_TITLE},
    {"Email", RP_CONTACT_EMAIL},   {"Phone", RP_CONTACT_PHONE},
    {"Role", RP_CONTACT_ROLE},     {"Primary", RP_CONTACT_PRIMARY},
    {"Company", COL_ACCOUNT},      {"Created", RP_CONTACT_CREATED_AT},
    {"Rapport ID", RP_CONTACT_ID}, {NULL, 0}};
static const struct export_col deal_cols[] = {{"Deal Name", RP_DEAL_TITLE},
                                              {"Company", COL_ACCOUNT},
                                              {"Amount", RP_DEAL_VALUE_CENTS},
                                              {"Currency", RP_DEAL_CURRENCY},
                                              {"Stage", RP_DEAL_STAGE},
                                              {"Close Date", RP_DEAL_DECISION_BY},
                                              {"Decision process", RP_DEAL_DECISION_PROCESS},
                                              {"Competitor", RP_DEAL_COMPETITOR},
                                              {"Lost reason", RP_DEAL_CLOSE_REASON},
                                              {"Opened", RP_DEAL_OPENED_AT},
                                              {"Closed", RP_DEAL_CLOSED_AT},
                                              {"Rapport ID", RP_DEAL_ID},
                                              {NULL, 0}};
static const struct export_col activity_cols[] = {{"Date", RP_ACTIVITY_AT},
                                                  {"Company", COL_ACCOUNT},
                                                  {"Deal", COL_DEAL},
                                                  {"Kind", RP_ACTIVITY_KIND},
                                                  {"Direction", RP_ACTIVITY_DIRECTION},
                                                  {"Outcome", RP_ACTIVITY_OUTCOME},
                                                  {"Text", RP_ACTIVITY_TEXT},
                                                  {"Rapport ID", RP_ACTIVITY_ID},
                                                  {NULL, 0}};

/* The last account and deal named, since a kind's records come grouped by them. */
struct export_names {
    int64_t account_id, deal_id;
    char *account, *deal;
};

static enum rp_status name_of(struct rp_db *db, enum rp_kind_id kind, int64_t id, int64_t *last,
                              char **name)
{
    struct rp_record r;
    if (!id || id == *last)
        return RP_OK;
    enum rp_status rc = rp_get(db, kind, id, &r);
    if (rc)
        return rc;
    free(*name);
    *name = strdup(rp_record_str(&r, kind == RP_ACCOUNT ? RP_ACCOUNT_NAME : RP_DEAL_TITLE));
    *last = *name ? id : 0;
    rp_record_release(&r);
    return *name ? RP_OK : rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
}

static enum rp_status export_row(struct rp_db *db, const struct export_col *cols,
                                 const struct rp_record *r, struct export_names *names,
                                 struct rp_buf *line)
{
    struct rp_buf cell = RP_BUF_INIT;
    enum rp_status rc = RP_OK;
    int af = rp_kind_field(r->kind, "account_id"), df = rp_kind_field(r->kind, "deal_id");
    for (size_t i = 0; cols[i].header && !rc; i++) {
        rp_buf_reset(&cell);
        if (cols[i].field == COL_ACCOUNT && !(rc = name_of(db, RP_ACCOUNT, rp_record_int(r, af, 0),
                                                           &names->account_id, &names->account)))
            rc = rp_buf_adds(&cell, names->account ? names->account : "");
        else if (cols[i].field == COL_DEAL && rp_record_int(r, df, 0) &&
                 !(rc = name_of(db, RP_DEAL, rp_record_int(r, df, 0), &names->deal_id,
                                &names->deal)))
            rc = rp_buf_adds(&cell, names->deal ? names->deal : "");
        else if (cols[i].field >= 0)
            rc = rp_field_format(r, cols[i].field, &cell);
        if (!rc)
            rc = rp_csv_cell(line, rp_buf_str(&cell), i == 0);
    }
    rp_buf_release(&cell);
    return rc ? rc : rp_buf_adds(line, "\r\n");
}

static const struct export_col *export_cols(enum rp_kind_id kind)
{
    return kind == RP_ACCOUNT    ? account_cols
           : kind == RP_CONTACT  ? contact_cols
           : kind == RP_DEAL     ? deal_cols
           : kind == RP_ACTIVITY ? activity_cols
                                 : NULL;
}

static enum rp_status write_out(struct rp_db *db, FILE *out, struct rp_buf *b)
{
    if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "cannot write the export");
    rp_buf_reset(b);
    return RP_OK;
}

static enum rp_status export_csv_run(struct rp_db *db, enum rp_kind_id kind, FILE *out,
                                     int64_t *rows)
{
    const struct export_col *cols = export_cols(kind);
    struct export_names names = {0, 0, NULL, NULL};
    struct rp_buf line = RP_BUF_INIT;
    enum rp_status rc = RP_OK;
    int64_t after = 0;
    size_t n = EXPORT_PAGE;
    *rows = 0;
    if (!cols)
        return rp_db_fail(db, RP_ERR_USAGE, "kind", "cannot export %s as CSV",
                          rp_kind_get(kind)->table);
    for (size_t i = 0; cols[i].header && !rc; i++)
        rc = rp_csv_cell(&line, cols[i].header, i == 0);
    if (!rc && !(rc = rp_buf_adds(&line, "\r\n")))
        rc = write_out(db, out, &line);
    while (!rc && n == EXPORT_PAGE) {
        struct rp_records page = {0};
        struct rp_query q = {kind, NULL, 0, -1, 0, after, EXPORT_PAGE};
        rc = rp_list(db, &q, &page);
        for (size_t i = 0; i < page.n && !rc; i++)
            if (!(rc = export_row(db, cols, &page.items[i], &names, &line)))
                rc = write_out(db, out, &line);
        n = page.n;
        after = n ? page.items[n - 1].v[0].i : after;
        *rows += (int64_t)(rc ? 0 : n);
        rp_records_release(&page);
    }
    free(names.account);
    free(names.deal);
    rp_buf_release(&line);
    return rc;
}

/* ---- vCard ------------------------------------------------------------------------------------
 */

static enum rp_status vcard_contact(struct rp_db *db, const struct rp_record *r,
                                    struct export_names *names, struct rp_buf *b)
{
    static const struct {
        const char *prop;
        int field;
    } props[] = {
        {"EMAIL", RP_CONTACT_EMAIL}, {"TEL", RP_CONTACT_PHONE}, {"TITLE", RP_CONTACT_TITLE}};
    enum rp_status rc = rp_buf_adds(b, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
    if (!rc)
        rc = rp_vcard_line(b, "FN", rp_record_str(r, RP_CONTACT_NAME), 0);
    for (size_t i = 0; i < sizeof(props) / sizeof(props[0]) && !rc; i++)
        if (rp_record_str(r, props[i].field))
            rc = rp_vcard_line(b, props[i].prop, rp_record_str(r, props[i].field), 0);
    if (!rc &&
        !(rc = name_of(db, RP_ACCOUNT, rp_record_int(r, RP_CONTACT_ACCOUNT_ID, 0),
                       &names->account_id, &names->account)) &&
        names->account && strcmp(names->account, rp_record_str(r, RP_CONTACT_NAME)))
        rc = rp_vcard_line(b, "ORG", names->account, 1);
    return rc ? rc : rp_buf_adds(b, "END:VCARD\r\n");
}

static enum rp_status export_vcard_run(struct rp_db *db, FILE *out, int64_t *rows)
{
    struct export_names names = {0, 0, NULL, NULL};
    struct rp_buf b = RP_BUF_INIT;
    enum rp_status rc = RP_OK;
    int64_t after = 0;
    size_t n = EXPORT_PAGE;
    *rows = 0;
    while (!rc && n == EXPORT_PAGE) {
        struct rp_records page = {0};
        struct rp_query q = {RP_CONTACT, NULL, 0, -1, 0, after, EXPORT_PAGE};
        rc = rp_list(db, &q, &page);
        for (size_t i = 0; i < page.n && !rc; i++)
            if (!(rc = vcard_contact(db, &page.items[i], &names, &b)))
                rc = write_out(db, out, &b);
        n = page.n;
        after = n ? page.items[n - 1].v[0].i : after;
        *rows += (int64_t)(rc ? 0 : n);
        rp_records_release(&page);
    }
    free(names.account);
    rp_buf_release(&b);
    return rc;
}

/* ---- the whole book as JSON ------------------------------------------------------------- */

/* The kinds of a backup, in an order where every reference points backwards. */
static const enum rp_kind_id backup_kinds[] = {
    RP_USER,    RP_ACCOUNT, RP_CONTACT,   RP_DEAL,    RP_ACTIVITY, RP_AGREEMENT,
    RP_MEETING, RP_CLAIM,   RP_STATEMENT, RP_INVOICE, RP_PUSH,     RP_HISTORY,
};
#define NBACKUP (sizeof(backup_kinds) / sizeof(backup_kinds[0]))
#define BACKUP_FORMAT "rapport-backup"

static enum rp_status backup_unrestricted(struct rp_db *db, const char *what)
{
    struct rp_scope scope;
    rp_scope_of(db, &scope);
    if (scope.user_id)
        return rp_db_fail(db, RP_ERR_FORBIDDEN, NULL, "only an admin may %s the whole book", what);
    return RP_OK;
}

static enum rp_status dump_json(struct rp_db *db, FILE *out, json_t *value)
{
    int bad = !value || json_dumpf(value, out, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(value);
    return bad ? rp_db_fail(db, RP_ERR_INTERNAL, NULL, "cannot write the export") : RP_OK;
}

/* "name": [records...] for one kind, and for meetings their attendees. */
static enum rp_status export_kind_json(struct rp_db *db, FILE *out, enum rp_kind_id kind,
                                       json_int_t *count)
{
    enum rp_status rc = RP_OK;
    int64_t after = 0;
    size_t n = EXPORT_PAGE;
    fprintf(out, ",\n\"%s\": [", rp_kind_get(kind)->table);
    while (!rc && n == EXPORT_PAGE) {
        struct rp_records page = {0};
        struct rp_query q = {kind, NULL, 0, -1, 0, after, EXPORT_PAGE};
        rc = rp_list(db, &q, &page);
        for (size_t i = 0; i < page.n && !rc; i++) {
            json_t *obj = rp_record_to_json(&page.items[i]);
            int64_t *ids = NULL;
            size_t na = 0;
            if (kind == RP_MEETING && obj &&
                !(rc = rp_meeting_attendees(db, page.items[i].v[0].i, &ids, &na))) {
                json_t *arr = json_array();
                for (size_t k = 0; arr && k < na; k++)
                    json_array_append_new(arr, json_integer(ids[k]));
                json_object_set_new(obj, "attendees", arr);
            }
            free(ids);
            fputs(*count ? ",\n" : "\n", out);
            if (!rc)
                rc = dump_json(db, out, obj);
            else
                json_decref(obj);
            (*count)++;
        }
        n = page.n;
        after = n ? page.items[n - 1].v[0].i : after;
        rp_records_release(&page);
    }
    fputs("]", out);
    return rc;
}

static enum rp_status export_settings(struct rp_db *db, FILE *out)
{
    json_t *obj = json_object();
    enum rp_status rc = RP_OK;
    for (const struct rp_setting *s = rp_settings(); obj && s->key && !rc; s++) {
        char *value = NULL;
        if (!(rc = rp_store_setting_get(db->store, s->key, &value)) && value)
            json_object_set_new(obj, s->key, json_string(value));
        free(value);
    }
    fputs(",\n\"settings\": ", out);
    return rc ? rc : dump_json(db, out, obj);
}

static enum rp_status export_json_run(struct rp_db *db, FILE *out, json_t **counts)
{
    enum rp_status rc = backup_unrestricted(db, "export");
    *counts = NULL;
    json_t *obj = json_object();
    if (rc || !obj) {
        json_decref(obj);
        return rc ? rc : rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    fprintf(out, "{\"format\": \"%s\", \"version\": 1", BACKUP_FORMAT);
    for (size_t k = 0; k < NBACKUP && !rc; k++) {
        json_int_t n = 0;
        rc = export_kind_json(db, out, backup_kinds[k], &n);
        json_object_set_new(obj, rp_kind_get(backup_kinds[k])->table, json_integer(n));
    }
    if (!rc)
        rc = export_settings(db, out);
    fputs("}\n", out);
    if (rc || ferror(out)) {
        json_decref(obj);
        return rc ? rc : rp_db_fail(db, RP_ERR_INTERNAL, NULL, "cannot write the export");
    }
    *counts = obj;
    return RP_OK;
}

/* ---- restoring ------------------------------------------------------------------------------- */

static enum rp_status restore_record(struct rp_db *db, enum rp_kind_id kind, json_t *obj,
                                     size_t index, struct rp_record *rec)
{
    enum rp_status rc = rp_record_init(rec, kind);
    if (rc)
        return rp_db_fail(db, rc, NULL, "out of memory");
    if (!json_is_object(obj))
        rc = rp_db_fail(db, RP_ERR_INVALID, NULL, "%s[%zu] is not an object",
                        rp_kind_get(kind)->table, index);
    for (size_t f = 0; !rc && f < rec->kind->nfields; f++) {
        json_t *v = json_object_get(obj, rec->kind->fields[f].name);
        if (v && (rc = rp_record_set_json(db, rec, (int)f, v)))
            rc = rp_db_fail(db, RP_ERR_INVALID, NULL, "cannot restore %s[%zu] (%s)",
                            rp_kind_get(kind)->table, index, rp_db_errmsg(db));
    }
    if (!rc && !rec->v[0].set)
        rc = rp_db_fail(db, RP_ERR_INVALID, NULL, "cannot restore %s[%zu] (no id)",
                        rp_kind_get(kind)->table, index);
    return rc;
}

static enum rp_status restore_kind(struct rp_db *db, json_t *doc, enum rp_kind_id kind,
                                   json_t *counts)
{
    json_t *arr = json_object_get(doc, rp_kind_get(kind)->table), *v;
    struct rp_records batch = {0};
    enum rp_status rc = RP_OK;
    size_t i;
    if (arr && !json_is_array(arr))
        return rp_db_fail(db, RP_ERR_INVALID, NULL,
                          "cannot restore the backup (%s is not an "
                          "array)",
                          rp_kind_get(kind)->table);
    json_array_foreach(arr, i, v)
    {
        struct rp_record rec;
        if ((rc = restore_record(db, kind, v, i, &rec)) || (rc = rp_records_push(&batch, &rec))) {
            rp_record_release(&rec);
            break;
        }
        if (batch.n == EXPORT_PAGE || i + 1 == json_array_size(arr)) {
            rc = rp_store_bulk_insert_all(db->store, batch.items, batch.n);
            rp_records_release(&batch);
            batch = (struct rp_records){0};
        }
        if (rc)
            break;
    }
    rp_records_release(&batch);
    json_object_set_new(counts, rp_kind_get(kind)->table, json_integer((json_int_t)(rc ? 0 : i)));
    return rc;
}

/* Attendees after every meeting and contact is in. */
static enum rp_status restore_attendees(struct rp_db *db, json_t *doc)
{
    json_t *m, *att;
    size_t i, k;
    enum rp_status rc = RP_OK;
    json_array_foreach(json_object_get(doc, "meetings"), i, m)
        json_array_foreach(json_object_get(m, "attendees"), k, att) if (!rc) rc =
            rp_store_attendee_add(db->store, json_integer_value(json_object_get(m, "id")),
                                  json_integer_value(att));
    return rc;
}

static enum rp_status restore_settings(struct rp_db *db, json_t *doc)
{
    const char *key;
    json_t *v;
    enum rp_status rc = RP_OK;
    json_object_foreach(json_object_get(doc, "settings"), key, v) if (!rc) rc =
        json_is_string(v) ? rp_config_set(db, key, json_string_value(v))
                          : rp_db_fail(db, RP_ERR_INVALID, NULL,
                                       "cannot restore "
                                       "setting '%s' (not a string)",
                                       key);
    return rc;
}

/* A backup goes only into a database without records of any kind. */
static enum rp_status restore_check_empty(struct rp_db *db)
{
    for (size_t k = 0; k < NBACKUP; k++) {
        int64_t n;
        enum rp_status rc = rp_store_bulk_next_id(db->store, rp_kind_get(backup_kinds[k]), &n);
        if (rc)
            return rc;
        if (n != 1)
            return rp_db_fail(db, RP_ERR_CONFLICT, NULL,
                              "cannot restore into a database that "
                              "already has %s (use a new --db)",
                              rp_kind_get(backup_kinds[k])->table);
    }
    return RP_OK;
}

static enum rp_status restore_all(struct rp_db *db, json_t *doc, json_t *counts)
{
    struct rp_store_bulk *bulk = NULL;
    enum rp_status rc = rp_store_bulk_begin(db->store, &bulk);
    for (size_t k = 0; k < NBACKUP && !rc; k++)
        rc = restore_kind(db, doc, backup_kinds[k], counts);
    if (!rc && !(rc = restore_attendees(db, doc)) && !(rc = restore_settings(db, doc)))
        rc = rp_store_bulk_commit(db->store, bulk);
    else if (bulk)
        rp_store_bulk_rollback(db->store, bulk);
    if (!rc && !(rc = rp_db_begin(db))) {
        if (!(rc = rp_facts_rebuild(db)))
            rc = rp_db_commit(db);
        else
            rp_db_rollback(db);
    }
    return rc;
}

enum rp_status rp_import_json(struct rp_db *db, FILE *in, json_t **counts)
{
    json_error_t err;
    *counts = NULL;
    enum rp_status rc = backup_unrestricted(db, "restore");
    if (rc || (rc = restore_check_empty(db)))
        return rc;
    json_t *doc = json_loadf(in, JSON_REJECT_DUPLICATES, &err), *obj = json_object();
    const char *format = json_string_value(json_object_get(doc, "format"));
    if (!doc)
        rc = rp_db_fail(db, RP_ERR_INVALID, NULL, "cannot restore the backup (line %d: %s)",
                        err.line, err.text);
    else if (!format || strcmp(format, BACKUP_FORMAT))
        rc = rp_db_fail(db, RP_ERR_INVALID, NULL,
                        "cannot restore the file (not a backup "
                        "written by rapport export json)");
    else if (!obj)
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    else
        rc = restore_all(db, doc, obj);
    json_decref(doc);
    if (rc)
        json_decref(obj);
    else
        *counts = obj;
    return rc;
}

enum rp_status rp_export_csv(struct rp_db *db, enum rp_kind_id kind, FILE *out, int64_t *rows)
{
    int began = rp_db_snapshot(db);
    enum rp_status rc = export_csv_run(db, kind, out, rows);
    rp_db_snapshot_end(db, began);
    return rc;
}

enum rp_status rp_export_vcard(struct rp_db *db, FILE *out, int64_t *rows)
{
    int began = rp_db_snapshot(db);
    enum rp_status rc = export_vcard_run(db, out, rows);
    rp_db_snapshot_end(db, began);
    return rc;
}

enum rp_status rp_export_json(struct rp_db *db, FILE *out, json_t **counts)
{
    int began = rp_db_snapshot(db);
    enum rp_status rc = export_json_run(db, out, counts);
    rp_db_snapshot_end(db, began);
    return rc;
}
