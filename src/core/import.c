/* rp_import_csv: rows of another CRM's export become accounts, contacts and deals. What the
 * book already holds is indexed once, by folded name and e-mail, so a row costs a few
 * lookups in memory. New records get what rp_create would give them (rp_create_fill: ids,
 * owners, defaults, timestamps) and wait in a batch that the store writes many rows a
 * statement (store_bulk.h); then new deals get their history line and, like the accounts
 * that gained people, their agenda facts, and deals the source had closed are closed
 * through rp_deal_close. Merges into records already written go through rp_update. All of
 * it is one transaction: a crash or Ctrl-C leaves the whole import or nothing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/map.h"
#include "base/vcard.h"
#include "core/db.h"
#include "core/import_cols.h"
#include "store/store_bulk.h"
#include "rapport/import.h"
#include "base/grow.h"
#include "base/ids.h"
#include "base/banned.h"

#define IMPORT_PAGE 5000  /* records read at a time when indexing the book */
#define IMPORT_BATCH 2048 /* new records of a kind kept before they are written */
/* SQLite's page cache while importing: enough for the indexes that a million contacts grow
 * to stay in memory, within the import's budget of 100 MB (docs/import.md). */
#define IMPORT_CACHE_KIB 16384
/* New records of a kind from which, when they outnumber what its table held, the table's
 * indexes are set aside and built again from sorted keys once the rows are in: several
 * times cheaper than growing them a random key at a time, and never more than twice the
 * import's own rows to sort. */
#define IMPORT_ASIDE_MIN (8 * IMPORT_BATCH)

/* New records of one kind not yet written. Ids are handed out in order, so the record with
 * id X is items[X - (next - n)]; ids below FIRST were in the book before the import. */
struct import_batch {
    struct rp_records recs;
    int64_t first, next;
    int account_field, owner_field; /* the kind's account_id and owner_id, or -1 */
};

/* A deal the source system had closed, closed once it is written. */
struct import_close {
    int64_t id;
    char *stage, *lost_reason;
};

struct import {
    struct rp_db *db;
    const struct rp_import_options *o;
    struct rp_csv *csv;
    struct rp_vcard_reader *vcard;
    struct rp_vcard card; /* the card read last (its values the reader's) */
    struct import_cols cols;
    char **header;
    size_t nheader;
    struct rp_map accounts; /* folded name -> id */
    struct rp_map people;   /* lower-case e-mail, or "account id/folded name" -> id */
    struct rp_map deals;    /* "account id/folded title" -> id */
    int names;              /* people are indexed by name too (once a row needs it) */
    /* The kind's indexes were set aside once (and stay once built again). */
    int aside_tried[RP_DEAL + 1];
    struct rp_store_bulk *bulk;
    struct import_batch batch[RP_DEAL + 1];
    struct import_close *closes;
    size_t nclose, capclose;
    int64_t *touched; /* accounts of the book that gained people or deals: their facts */
    size_t ntouched, captouched;
    int64_t owner_account, owner; /* the owner of the book's account used last */
    int64_t rows, added[RP_KIND_COUNT], merged, unchanged, rejected;
    json_t *rejects;
    struct rp_buf key, reason, name;
};

/* ---- keys --------------------------------------------------------------------------- */

/* Names compare case- and blank-insensitively: blanks trimmed and runs of them made one,
 * ASCII and Latin-1 letters lower-cased ("MÜLLER  GmbH" is "müller gmbh"). */
static enum rp_status fold(struct rp_buf *out, const char *s)
{
    rp_buf_reset(out);
    /* The folded text is never longer than S: written straight into the buffer. */
    if (rp_buf_reserve(out, strlen(s)))
        return RP_ERR_INTERNAL;
    char *o = out->data;
    int blank = 0;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            blank = 1;
            continue;
        }
        if (blank)
            *o++ = ' ';
        blank = 0;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (c == 0xc3 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9e &&
                 (unsigned char)s[1] != 0x97) {
            *o++ = (char)c;
            c = (unsigned char)(s[1] + 32);
            s++;
        }
        *o++ = (char)c;
    }
    *o = '\0';
    out->len = (size_t)(o - out->data);
    return RP_OK;
}

static enum rp_status key_in_account(struct rp_buf *out, int64_t account, const char *name)
{
    struct rp_buf folded = RP_BUF_INIT;
    enum rp_status rc = fold(&folded, name);
    rp_buf_reset(out);
    if (!rc)
        rc = rp_buf_addf(out, "%lld/%s", (long long)account, rp_buf_str(&folded));
    rp_buf_release(&folded);
    return rc;
}

static enum rp_status key_email(struct rp_buf *out, const char *email)
{
    size_t n = strlen(email);
    rp_buf_reset(out);
    if (rp_buf_reserve(out, n + 1))
        return RP_ERR_INTERNAL;
    out->data[0] = '@';
    for (size_t i = 0; i < n; i++)
        out->data[i + 1] = (char)(email[i] >= 'A' && email[i] <= 'Z' ? email[i] + 32 : email[i]);
    out->data[n + 1] = '\0';
    out->len = n + 1;
    return RP_OK;
}

/* ---- what the book holds -------------------------------------------------------------- */

static enum rp_status index_record(struct import *im, const struct rp_record *r)
{
    enum rp_status rc = RP_OK;
    int64_t id = r->v[0].i;
    switch (r->kind->id) {
    case RP_ACCOUNT:
        if (!(rc = fold(&im->key, rp_record_str(r, RP_ACCOUNT_NAME))))
            rc = rp_map_put(&im->accounts, rp_buf_str(&im->key), id);
        break;
    case RP_CONTACT:
        if (rp_record_str(r, RP_CONTACT_EMAIL) &&
            !(rc = key_email(&im->key, rp_record_str(r, RP_CONTACT_EMAIL))))
            rc = rp_map_put(&im->people, rp_buf_str(&im->key), id);
        if (!rc && im->names &&
            !(rc = key_in_account(&im->key, rp_record_int(r, RP_CONTACT_ACCOUNT_ID, 0),
                                  rp_record_str(r, RP_CONTACT_NAME))))
            rc = rp_map_put(&im->people, rp_buf_str(&im->key), id);
        break;
    case RP_DEAL:
        if (!(rc = key_in_account(&im->key, rp_record_int(r, RP_DEAL_ACCOUNT_ID, 0),
                                  rp_record_str(r, RP_DEAL_TITLE))))
            rc = rp_map_put(&im->deals, rp_buf_str(&im->key), id);
        break;
    default:
        break;
    }
    return rc ? rp_db_fail(im->db, RP_ERR_INTERNAL, NULL, "out of memory") : RP_OK;
}

/* Indexes the records of KIND the acting user sees, a page at a time. */
static enum rp_status index_kind(struct import *im, enum rp_kind_id kind)
{
    int64_t after = 0;
    enum rp_status rc = RP_OK;
    for (;;) {
        struct rp_records page = {0};
        struct rp_query q = {kind, NULL, 0, -1, 0, after, IMPORT_PAGE};
        if ((rc = rp_list(im->db, &q, &page)))
            return rc;
        for (size_t i = 0; i < page.n && !rc; i++)
            rc = index_record(im, &page.items[i]);
        size_t n = page.n;
        if (n)
            after = page.items[n - 1].v[0].i;
        rp_records_release(&page);
        if (rc || n < IMPORT_PAGE)
            return rc;
    }
}

/* ---- rejects ---------------------------------------------------------------------------- */

/* Refuses the row: the reason (printf-style) is kept for the summary and the callback. */
static enum rp_status reject(struct import *im, const struct rp_csv_row *row, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static enum rp_status reject(struct import *im, const struct rp_csv_row *row, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rp_buf_reset(&im->reason);
    rp_buf_vaddf(&im->reason, fmt, ap);
    va_end(ap);
    im->rejected++;
    json_t *entry =
        json_pack("{s:I, s:s}", "line", (json_int_t)row->line, "reason", rp_buf_str(&im->reason));
    if (!entry || json_array_append_new(im->rejects, entry))
        return rp_db_fail(im->db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (im->o->reject) {
        struct rp_import_reject r = {
            row->line, rp_buf_str(&im->reason), im->header, row->fields, im->nheader, row->n};
        im->o->reject(im->o->ctx, &r);
    }
    if (im->o->strict)
        return rp_db_fail(im->db, RP_ERR_INVALID, NULL,
                          "line %lld: %s (--strict: nothing was "
                          "imported)",
                          (long long)row->line, rp_buf_str(&im->reason));
    return RP_OK;
}

/* Sets field F of REC from TEXT; a value the field refuses rejects the row (*refused). */
static enum rp_status set_or_reject(struct import *im, const struct rp_csv_row *row,
                                    struct rp_record *rec, int f, const char *text, int *refused)
{
    if (*refused || !text)
        return RP_OK;
    enum rp_status rc = rp_record_set_text(im->db, rec, f, text);
    if (rc != RP_ERR_INVALID && rc != RP_ERR_USAGE)
        return rc;
    *refused = 1;
    return reject(im, row, "%s", rp_db_errmsg(im->db));
}

/* ---- cells ------------------------------------------------------------------------------ */

/* Blanks around a cell go, and a ' that a spreadsheet export put before a formula-like
 * value (rapport export does) is taken off again. */
static void cell_clean(char *s)
{
    size_t len = strlen(s), start = 0;
    while (start < len &&
           (s[start] == ' ' || s[start] == '\t' || s[start] == '\n' || s[start] == '\r'))
        start++;
    while (len > start &&
           (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    if (s[start] == '\'' && len > start + 1 && rp_csv_formula_like(s + start + 1))
        start++;
    memmove(s, s + start, len - start);
    s[len - start] = '\0';
}

/* Google Contacts writes several values into one cell, " ::: " apart: the first is kept. */
static const char *first_value(char *s)
{
    char *sep = s ? strstr(s, " ::: ") : NULL;
    if (sep)
        *sep = '\0';
    return s;
}

static const char *get(struct import *im, const struct rp_csv_row *row, int t)
{
    return import_cols_get(&im->cols, t, row->fields, row->n);
}

static int row_blank(const struct rp_csv_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        if (row->fields[i][0])
            return 0;
    return 1;
}

static int is_yes(const char *s)
{
    return s && (!strcasecmp(s, "true") || !strcasecmp(s, "yes") || !strcmp(s, "1") ||
                 !strcasecmp(s, "deleted"));
}

/* ---- merging ------------------------------------------------------------------------------ */

/* A field counts as empty when unset, or still at its default (a role "unknown", a value
 * of 0). */
static int field_empty(const struct rp_record *r, int f)
{
    const struct rp_field *fd = &r->kind->fields[f];
    if (!r->v[f].set)
        return 1;
    if (fd->type == RP_T_MONEY)
        return r->v[f].i == 0;
    return fd->def && fd->type == RP_T_ENUM && !strcmp(r->v[f].s, fd->def);
}

/* The new record ID of KIND while it waits in its batch, else NULL. */
static struct rp_record *pending(struct import *im, enum rp_kind_id kind, int64_t id)
{
    struct import_batch *b = &im->batch[kind];
    int64_t start = b->next - (int64_t)b->recs.n;
    return id >= start && id < b->next ? &b->recs.items[id - start] : NULL;
}

/* The indexes set aside built again, before anything may read through them. */
static enum rp_status indexes_back(struct import *im)
{
    return rp_store_bulk_indexes(im->db->store, im->bulk);
}

/* Fills the empty FIELDS of record ID from NEW: the first value wins. Counts the record
 * as merged, or unchanged when there was nothing to fill. */
static enum rp_status merge(struct import *im, int64_t id, const struct rp_record *new,
                            const int *fields)
{
    struct rp_record old, *target = pending(im, new->kind->id, id);
    unsigned char changed[32] = {0};
    int any = 0;
    enum rp_status rc = RP_OK;
    /* A record this import wrote gets its full text before an update takes it out. */
    if (!target && id >= im->batch[new->kind->id].first &&
        (rc = rp_store_bulk_fulltext(im->db->store, im->bulk)))
        return rc;
    if (!target && (rc = rp_get(im->db, new->kind->id, id, &old)))
        return rc;
    if (!target)
        target = &old;
    for (size_t i = 0; !rc && fields[i] >= 0; i++) {
        int f = fields[i];
        if (!field_empty(target, f) || field_empty(new, f))
            continue;
        if (new->v[f].s)
            rc = rp_record_set_str(target, f, new->v[f].s);
        else
            rp_record_set_int(target, f, new->v[f].i);
        changed[f] = any = 1;
    }
    if (!rc && any && target == &old && !(rc = indexes_back(im)))
        rc = rp_update(im->db, &old, changed);
    if (!rc) {
        im->merged += any;
        im->unchanged += !any;
    }
    if (target == &old)
        rp_record_release(&old);
    return rc;
}

/* ---- new records ---------------------------------------------------------------------------- */

static enum rp_status import_oom(struct import *im)
{
    return rp_db_fail(im->db, RP_ERR_INTERNAL, NULL, "out of memory");
}

static enum rp_status grow(struct import *im, void **items, size_t *cap, size_t n, size_t size)
{
    return rp_grow(items, cap, n + 1, size) ? import_oom(im) : RP_OK;
}

/* A written deal's first history line, as rp_create writes it, and its facts to derive. */
static enum rp_status deal_written(struct import *im, const struct rp_record *deal)
{
    enum rp_status rc = rp_history_add(im->db, RP_DEAL, deal->v[0].i, "stage", NULL,
                                       rp_record_str(deal, RP_DEAL_STAGE), "opened");
    return rc ? rc : rp_facts_dirty(im->db, RP_DEAL, deal->v[0].i);
}

/* Writes every batch, parents first. */
static enum rp_status batch_write(struct import *im)
{
    enum rp_status rc = RP_OK;
    for (int k = RP_ACCOUNT; k <= RP_DEAL; k++) {
        struct rp_records *recs = &im->batch[k].recs;
        if (!rc && recs->n && !im->aside_tried[k] && im->added[k] >= IMPORT_ASIDE_MIN &&
            im->added[k] >= im->batch[k].first) {
            im->aside_tried[k] = 1;
            rc = rp_store_bulk_set_aside(im->db->store, im->bulk, recs->items[0].kind);
        }
        if (!rc && recs->n)
            rc = rp_store_bulk_insert(im->db->store, im->bulk, recs->items, recs->n);
        for (size_t i = 0; !rc && k == RP_DEAL && i < recs->n; i++)
            rc = deal_written(im, &recs->items[i]);
        /* The list keeps its room for the next batch. */
        for (size_t i = 0; i < recs->n; i++)
            rp_record_release(&recs->items[i]);
        recs->n = 0;
    }
    return rc;
}

/* What belongs to an account is its owner's: the importer's for an account it made (as
 * rp_create gives one), else read from the book. An account of the book that gains a
 * record is noted, for its deals' facts. */
static enum rp_status account_owner(struct import *im, int64_t account, int64_t *owner)
{
    struct rp_record acc;
    enum rp_status rc;
    *owner = rp_db_actor(im->db);
    if (account >= im->batch[RP_ACCOUNT].first)
        return RP_OK;
    if (account != im->owner_account) {
        if ((rc = rp_get(im->db, RP_ACCOUNT, account, &acc)))
            return rc;
        im->owner = rp_record_int(&acc, RP_ACCOUNT_OWNER_ID, 0);
        im->owner_account = account;
        rp_record_release(&acc);
        if ((rc = grow(im, (void **)&im->touched, &im->captouched, im->ntouched,
                       sizeof(*im->touched))))
            return rc;
        im->touched[im->ntouched++] = account;
    }
    *owner = im->owner;
    return RP_OK;
}

/* Takes REC (left empty) as the next new record of its kind, at ACCOUNT unless it is an
 * account, with what rp_create would give it; writes the batches when one is full. */
static enum rp_status batch_add(struct import *im, struct rp_record *rec, int64_t account)
{
    enum rp_kind_id kind = rec->kind->id;
    struct import_batch *b = &im->batch[kind];
    int64_t owner;
    enum rp_status rc;
    if (kind != RP_ACCOUNT) {
        if ((rc = account_owner(im, account, &owner)))
            return rc;
        rp_record_set_int(rec, b->account_field, account);
        if (owner)
            rp_record_set_int(rec, b->owner_field, owner);
    }
    if ((rc = rp_create_fill(im->db, rec)))
        return rc;
    rp_record_set_int(rec, 0, b->next);
    if ((rc = index_record(im, rec)))
        return rc;
    if (rp_records_push(&b->recs, rec))
        return import_oom(im);
    b->next++;
    im->added[kind]++;
    return b->recs.n >= IMPORT_BATCH ? batch_write(im) : RP_OK;
}

/* The account named NAME: found (case and blanks ignored) or, when CREATE, made. *id is 0
 * when it is not there and not made. */
static enum rp_status account_for(struct import *im, const char *name, int create, int64_t *id)
{
    struct rp_record acc;
    enum rp_status rc = fold(&im->key, name);
    *id = 0;
    if (rc)
        return import_oom(im);
    if (rp_map_get(&im->accounts, rp_buf_str(&im->key), id) || !create)
        return RP_OK;
    if ((rc = rp_record_init(&acc, RP_ACCOUNT)))
        return rp_db_fail(im->db, rc, NULL, "out of memory");
    if (!(rc = rp_record_set_text(im->db, &acc, RP_ACCOUNT_NAME, name)))
        rc = batch_add(im, &acc, 0);
    if (!rc)
        *id = im->batch[RP_ACCOUNT].next - 1;
    rp_record_release(&acc);
    return rc;
}

/* The book's contacts by name as well: what a row without an e-mail is matched by. */
static enum rp_status index_names(struct import *im)
{
    enum rp_status rc;
    if (im->names)
        return RP_OK;
    im->names = 1;
    if ((rc = batch_write(im)) || (rc = indexes_back(im)))
        return rc;
    return index_kind(im, RP_CONTACT);
}

/* ---- one row of each kind ------------------------------------------------------------------ */

static enum rp_status account_row(struct import *im, const struct rp_csv_row *row,
                                  struct rp_record *rec, int *refused)
{
    static const int fill[] = {RP_ACCOUNT_INDUSTRY, RP_ACCOUNT_NEED,    RP_ACCOUNT_PROVIDER,
                               RP_ACCOUNT_TRIGGER,  RP_ACCOUNT_URGENCY, -1};
    static const struct {
        int target, field;
    } cells[] = {{IT_NAME, RP_ACCOUNT_NAME},       {IT_INDUSTRY, RP_ACCOUNT_INDUSTRY},
                 {IT_NEED, RP_ACCOUNT_NEED},       {IT_PROVIDER, RP_ACCOUNT_PROVIDER},
                 {IT_TRIGGER, RP_ACCOUNT_TRIGGER}, {IT_URGENCY, RP_ACCOUNT_URGENCY}};
    enum rp_status rc = RP_OK;
    int64_t id;
    if (!get(im, row, IT_NAME))
        return *refused = 1, reject(im, row, "no company name");
    for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]) && !rc; i++)
        rc = set_or_reject(im, row, rec, cells[i].field, get(im, row, cells[i].target), refused);
    if (rc || *refused || (rc = account_for(im, get(im, row, IT_NAME), 0, &id)))
        return rc;
    return id ? merge(im, id, rec, fill) : batch_add(im, rec, 0);
}

/* First, middle and last names as one, when there is no full name. */
static enum rp_status person_name(struct import *im, const struct rp_csv_row *row,
                                  struct rp_buf *out)
{
    const char *full = get(im, row, IT_NAME);
    enum rp_status rc = RP_OK;
    if (full)
        return rp_buf_adds(out, full);
    for (int t = IT_FIRST; t <= IT_LAST && !rc; t++) {
        const char *part = get(im, row, t);
        if (part && out->len)
            rc = rp_buf_addc(out, ' ');
        if (part && !rc)
            rc = rp_buf_adds(out, part);
    }
    return rc;
}

static enum rp_status contact_merge_or_add(struct import *im, struct rp_record *rec,
                                           const char *company)
{
    static const int fill[] = {RP_CONTACT_TITLE, RP_CONTACT_EMAIL, RP_CONTACT_PHONE,
                               RP_CONTACT_ROLE, -1};
    const char *email = rp_record_str(rec, RP_CONTACT_EMAIL);
    int64_t id = 0, account;
    enum rp_status rc = RP_OK;
    if (email && !(rc = key_email(&im->key, email)) &&
        rp_map_get(&im->people, rp_buf_str(&im->key), &id))
        return merge(im, id, rec, fill);
    if (rc || (rc = account_for(im, company, 1, &account)) || (!email && (rc = index_names(im))))
        return rc;
    if (!email && !(rc = key_in_account(&im->key, account, rp_record_str(rec, RP_CONTACT_NAME))) &&
        rp_map_get(&im->people, rp_buf_str(&im->key), &id))
        return merge(im, id, rec, fill);
    return rc ? import_oom(im) : batch_add(im, rec, account);
}

/* The slots of the row's e-mail and company in the book's index are fetched while the
 * row's values are checked and copied. */
static void contact_prefetch(struct import *im, const char *email, const char *company)
{
    if (email && !key_email(&im->key, email))
        rp_map_prefetch(&im->people, rp_buf_str(&im->key));
    if (company && !fold(&im->key, company))
        rp_map_prefetch(&im->accounts, rp_buf_str(&im->key));
}

static enum rp_status contact_row(struct import *im, const struct rp_csv_row *row,
                                  struct rp_record *rec, int *refused)
{
    struct rp_buf *name = &im->name;
    const char *email = first_value((char *)get(im, row, IT_EMAIL));
    enum rp_status rc;
    contact_prefetch(im, email, get(im, row, IT_COMPANY));
    rp_buf_reset(name);
    rc = person_name(im, row, name);
    if (!rc && !name->len && email)
        rc = rp_buf_adds(name, email);
    if (!rc && !name->len) {
        *refused = 1;
        rc = reject(im, row, "no name and no e-mail address");
    }
    if (!rc)
        rc = set_or_reject(im, row, rec, RP_CONTACT_NAME, rp_buf_str(name), refused);
    if (!rc)
        rc = set_or_reject(im, row, rec, RP_CONTACT_EMAIL, email, refused);
    if (!rc)
        rc = set_or_reject(im, row, rec, RP_CONTACT_PHONE,
                           first_value((char *)get(im, row, IT_PHONE)), refused);
    if (!rc)
        rc = set_or_reject(im, row, rec, RP_CONTACT_TITLE, get(im, row, IT_TITLE), refused);
    if (!rc)
        rc = set_or_reject(im, row, rec, RP_CONTACT_ROLE, get(im, row, IT_ROLE), refused);
    /* A person without a company gets an account of their own name. */
    const char *company = get(im, row, IT_COMPANY);
    if (!rc && !*refused)
        rc = contact_merge_or_add(im, rec, company ? company : rp_buf_str(name));
    return rc;
}

/* The stages other CRMs name, folded to letters, and Rapport's word for each. */
static const char *stage_word(const char *text)
{
    static const struct {
        const char *from, *to;
    } stages[] = {
        {"lead", "lead"},
        {"new", "lead"},
        {"prospecting", "lead"},
        {"appointmentscheduled", "lead"},
        {"leadin", "lead"},
        {"open", "lead"},
        {"qualified", "qualified"},
        {"qualification", "qualified"},
        {"qualifiedtobuy", "qualified"},
        {"needsanalysis", "qualified"},
        {"contactmade", "qualified"},
        {"valueproposition", "qualified"},
        {"iddecisionmakers", "qualified"},
        {"perceptionanalysis", "qualified"},
        {"meeting", "meeting"},
        {"presentationscheduled", "meeting"},
        {"demoscheduled", "meeting"},
        {"meetingscheduled", "meeting"},
        {"meetingarranged", "meeting"},
        {"proposal", "proposal"},
        {"proposalmade", "proposal"},
        {"proposalpricequote", "proposal"},
        {"decisionmakerboughtin", "proposal"},
        {"negotiation", "negotiation"},
        {"negotiationreview", "negotiation"},
        {"negotiationsstarted", "negotiation"},
        {"contractsent", "negotiation"},
        {"won", "won"},
        {"closedwon", "won"},
        {"lost", "lost"},
        {"closedlost", "lost"},
        {"nodecision", "no-decision"},
        {"deleted", "deleted"},
    };
    char norm[64];
    size_t n = 0;
    for (; *text && n + 1 < sizeof(norm); text++)
        if ((*text >= 'a' && *text <= 'z') || (*text >= '0' && *text <= '9'))
            norm[n++] = *text;
        else if (*text >= 'A' && *text <= 'Z')
            norm[n++] = (char)(*text + 32);
    norm[n] = '\0';
    for (size_t i = 0; i < sizeof(stages) / sizeof(stages[0]); i++)
        if (!strcmp(stages[i].from, norm))
            return stages[i].to;
    return NULL;
}

/* Amounts as spreadsheets write them: "€ 1.200,50" and "24.000,00" (a decimal comma) or
 * "$1,200.50", made "1200.50" for the money parser. Anything else is left to refuse. */
static void amount_clean(char *s)
{
    char *out = s, *last_sep = NULL;
    const char *digits = s + strcspn(s, "0123456789");
    size_t end = strlen(s);
    while (end > 0 && !(s[end - 1] >= '0' && s[end - 1] <= '9'))
        end--;
    if (!*digits || (size_t)(digits - s) > end || strchr(s, '-'))
        return;
    for (char *p = (char *)digits; p < s + end; p++)
        if (*p == '.' || *p == ',')
            last_sep = p;
    int decimal_comma = last_sep && *last_sep == ',' && s + end - last_sep - 1 <= 2;
    for (const char *p = digits; p < s + end; p++) {
        if (*p == ' ' || *p == '\'' || (*p == (decimal_comma ? '.' : ',')))
            continue;
        *out++ = (char)(*p == ',' ? '.' : *p);
    }
    *out = '\0';
}

/* A close date may come with a time ("2026-11-23 10:00"): the day is what counts. */
static const char *day_part(char *s)
{
    if (s && strlen(s) > 10 && (s[10] == ' ' || s[10] == 'T'))
        s[10] = '\0';
    return s;
}

/* Closes a deal that the source system had closed: lost needs a reason, so one of ours
 * written there is kept and anything else is "other" with their words as the note. */
static enum rp_status deal_close(struct import *im, int64_t id, const char *stage,
                                 const char *lost_reason)
{
    struct rp_close c = {stage, NULL, NULL, NULL};
    if (!strcmp(stage, "lost")) {
        int known = lost_reason && rp_vocab_index(rp_vocab_loss_reason, lost_reason) >= 0 &&
                    strcmp(lost_reason, "other");
        c.reason = known ? lost_reason : "other";
        c.note = known ? NULL : lost_reason ? lost_reason : "lost before the import";
    }
    return rp_deal_close(im->db, id, &c);
}

/* Deals are closed once written, when the whole file has been read. */
static enum rp_status close_later(struct import *im, int64_t id, const char *stage,
                                  const char *lost_reason)
{
    enum rp_status rc =
        grow(im, (void **)&im->closes, &im->capclose, im->nclose, sizeof(*im->closes));
    if (rc)
        return rc;
    struct import_close *c = &im->closes[im->nclose];
    *c = (struct import_close){id, strdup(stage), lost_reason ? strdup(lost_reason) : NULL};
    if (!c->stage || (lost_reason && !c->lost_reason)) {
        free(c->stage);
        free(c->lost_reason);
        return import_oom(im);
    }
    im->nclose++;
    return RP_OK;
}

/* After the last row: the batches written, the closed deals closed, and the facts of the
 * deals of the book's accounts that gained people marked for derivation at commit. */
static enum rp_status import_finish(struct import *im)
{
    enum rp_status rc = batch_write(im);
    /* The last row is read: the index of the book goes before the table indexes are built
     * (their sort wants the memory). */
    rp_map_release(&im->accounts);
    rp_map_release(&im->people);
    rp_map_release(&im->deals);
    if (!rc)
        rc = indexes_back(im);
    if (!rc && im->nclose)
        rc = rp_store_bulk_fulltext(im->db->store, im->bulk);
    for (size_t i = 0; !rc && i < im->nclose; i++)
        rc = deal_close(im, im->closes[i].id, im->closes[i].stage, im->closes[i].lost_reason);
    im->ntouched = rp_ids_sort(im->touched, im->ntouched);
    for (size_t i = 0; !rc && i < im->ntouched; i++)
        rc = rp_facts_dirty(im->db, RP_ACCOUNT, im->touched[i]);
    return rc;
}

static enum rp_status deal_add(struct import *im, struct rp_record *rec, const char *company,
                               const char *stage, const char *lost_reason)
{
    static const int fill[] = {RP_DEAL_VALUE_CENTS, RP_DEAL_DECISION_BY, RP_DEAL_DECISION_PROCESS,
                               RP_DEAL_COMPETITOR, -1};
    int64_t account, id;
    enum rp_status rc = account_for(im, company, 1, &account);
    if (rc || (rc = key_in_account(&im->key, account, rp_record_str(rec, RP_DEAL_TITLE))))
        return rc;
    if (rp_map_get(&im->deals, rp_buf_str(&im->key), &id))
        return merge(im, id, rec, fill);
    if ((rc = rp_record_set_str(rec, RP_DEAL_STAGE, rp_stage_is_open(stage) ? stage : "lead")) ||
        (rc = batch_add(im, rec, account)))
        return rc;
    return rp_stage_is_open(stage)
               ? RP_OK
               : close_later(im, im->batch[RP_DEAL].next - 1, stage, lost_reason);
}

static enum rp_status deal_row(struct import *im, const struct rp_csv_row *row,
                               struct rp_record *rec, int *refused)
{
    static const struct {
        int target, field;
    } cells[] = {{IT_NAME, RP_DEAL_TITLE},
                 {IT_VALUE, RP_DEAL_VALUE_CENTS},
                 {IT_CURRENCY, RP_DEAL_CURRENCY},
                 {IT_DECISION_BY, RP_DEAL_DECISION_BY},
                 {IT_PROCESS, RP_DEAL_DECISION_PROCESS},
                 {IT_COMPETITOR, RP_DEAL_COMPETITOR}};
    const char *status = get(im, row, IT_STATUS), *stage_text = get(im, row, IT_STAGE);
    const char *stage = status && stage_word(status) && strcmp(stage_word(status), "lead")
                            ? stage_word(status)
                        : stage_text ? stage_word(stage_text)
                                     : "lead";
    const char *company = get(im, row, IT_COMPANY);
    enum rp_status rc = RP_OK;
    day_part((char *)get(im, row, IT_DECISION_BY));
    if (get(im, row, IT_VALUE))
        amount_clean((char *)get(im, row, IT_VALUE));
    if (!get(im, row, IT_NAME))
        return *refused = 1, reject(im, row, "a deal without a name");
    if (!stage)
        return *refused = 1, reject(im, row,
                                    "unknown stage '%s' (expected lead, qualified, "
                                    "meeting, proposal, negotiation, won or lost, or a stage "
                                    "name of HubSpot, Pipedrive or Salesforce)",
                                    stage_text);
    if (!strcmp(stage, "deleted"))
        return *refused = 1, reject(im, row, "deleted in the source system");
    if (!company)
        return *refused = 1, reject(im, row, "a deal without a company");
    for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]) && !rc; i++)
        rc = set_or_reject(im, row, rec, cells[i].field, get(im, row, cells[i].target), refused);
    if (rc || *refused)
        return rc;
    return deal_add(im, rec, company, stage, get(im, row, IT_LOST_REASON));
}

static enum rp_status import_row(struct import *im, const struct rp_csv_row *row)
{
    struct rp_record rec;
    int refused = 0;
    for (size_t i = 0; i < row->n; i++)
        cell_clean(row->fields[i]);
    if (row_blank(row))
        return reject(im, row, "empty row");
    if (is_yes(get(im, row, IT_DELETED)))
        return reject(im, row, "deleted in the source system");
    enum rp_status rc = rp_record_init(&rec, im->o->kind);
    if (rc)
        return rp_db_fail(im->db, rc, NULL, "out of memory");
    rc = im->o->kind == RP_ACCOUNT   ? account_row(im, row, &rec, &refused)
         : im->o->kind == RP_CONTACT ? contact_row(im, row, &rec, &refused)
                                     : deal_row(im, row, &rec, &refused);
    rp_record_release(&rec);
    return rc;
}

/* ---- the file -------------------------------------------------------------------------------- */

static enum rp_status csv_failed(struct import *im)
{
    return rp_db_fail(im->db, RP_ERR_INVALID, NULL, "cannot import the file (%s)",
                      im->csv ? rp_csv_errmsg(im->csv) : rp_vcard_errmsg(im->vcard));
}

/* A header must have a column for what identifies a record of the kind. */
static enum rp_status check_header(struct import *im)
{
    const struct import_cols *c = &im->cols;
    const char *need = NULL;
    if (im->o->kind == RP_CONTACT && !c->n[IT_NAME] && !c->n[IT_FIRST] && !c->n[IT_LAST] &&
        !c->n[IT_EMAIL])
        need = "a name or e-mail column";
    else if (im->o->kind != RP_CONTACT && !c->n[IT_NAME])
        need = im->o->kind == RP_DEAL ? "a deal name column" : "a company name column";
    if (!need)
        return RP_OK;
    return rp_db_fail(im->db, RP_ERR_INVALID, NULL,
                      "cannot import the file (its header has no "
                      "%s; name one with --map COLUMN=FIELD, see docs/import.md)",
                      need);
}

static enum rp_status read_header(struct import *im)
{
    struct rp_csv_row row;
    char err[256];
    int got = rp_csv_next(im->csv, &row);
    if (got < 0)
        return csv_failed(im);
    if (!got)
        return rp_db_fail(im->db, RP_ERR_INVALID, NULL,
                          "cannot import the file (it is empty; "
                          "expected a header line first)");
    if (!(im->header = calloc(row.n, sizeof(char *))))
        return rp_db_fail(im->db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t i = 0; i < row.n; i++) {
        cell_clean(row.fields[i]);
        if (!(im->header[im->nheader++] = strdup(row.fields[i])))
            return rp_db_fail(im->db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    enum rp_status rc = import_cols_read(&im->cols, im->o->kind, im->header, im->nheader,
                                         im->o->map, im->o->nmap, err, sizeof(err));
    if (rc == RP_ERR_USAGE)
        return rp_db_fail(im->db, rc, "map", "%s", err);
    return rc ? rp_db_fail(im->db, rc, NULL, "out of memory") : check_header(im);
}

/* The next row of the file, 1, or 0 at its end, or -1 (and the reader's message). */
static int next_row(struct import *im, struct rp_csv_row *row)
{
    if (im->csv)
        return rp_csv_next(im->csv, row);
    int got = rp_vcard_next(im->vcard, &im->card);
    if (got > 0)
        *row = (struct rp_csv_row){im->card.v, RP_VC_NFIELDS, im->card.line};
    return got;
}

static enum rp_status import_rows(struct import *im)
{
    struct rp_csv_row row;
    enum rp_status rc = RP_OK;
    int got;
    while (!rc && (got = next_row(im, &row)) > 0) {
        im->rows++;
        rc = import_row(im, &row);
        if (im->o->progress)
            im->o->progress(im->o->ctx, im->csv ? rp_csv_bytes(im->csv) : rp_vcard_bytes(im->vcard),
                            im->rows);
    }
    return rc ? rc : got < 0 ? csv_failed(im) : import_finish(im);
}

static json_t *import_summary(struct import *im)
{
    static const char *const kinds[] = {"accounts", "contacts", "deals"};
    json_t *added =
        json_pack("{s:I, s:I, s:I}", "accounts", (json_int_t)im->added[RP_ACCOUNT], "contacts",
                  (json_int_t)im->added[RP_CONTACT], "deals", (json_int_t)im->added[RP_DEAL]);
    char sep[2] = {',', '\0'};
    if (im->csv)
        sep[0] = rp_csv_separator(im->csv);
    return json_pack("{s:s, s:b, s:s, s:s, s:I, s:o, s:I, s:I, s:I, s:O, s:O, s:O}", "kind",
                     kinds[im->o->kind], "dry_run", im->o->dry_run, "encoding",
                     im->csv ? rp_csv_encoding(im->csv) : "UTF-8", "separator", sep, "rows",
                     (json_int_t)im->rows, "added", added, "merged", (json_int_t)im->merged,
                     "unchanged", (json_int_t)im->unchanged, "rejected", (json_int_t)im->rejected,
                     "rejects", im->rejects, "columns", im->cols.columns, "unknown_columns",
                     im->cols.unknown);
}

static void import_release(struct import *im)
{
    rp_csv_free(im->csv);
    rp_vcard_free(im->vcard);
    import_cols_release(&im->cols);
    for (size_t i = 0; i < im->nheader; i++)
        free(im->header[i]);
    free(im->header);
    rp_map_release(&im->accounts);
    rp_map_release(&im->people);
    rp_map_release(&im->deals);
    for (int k = RP_ACCOUNT; k <= RP_DEAL; k++)
        rp_records_release(&im->batch[k].recs);
    for (size_t i = 0; i < im->nclose; i++) {
        free(im->closes[i].stage);
        free(im->closes[i].lost_reason);
    }
    free(im->closes);
    free(im->touched);
    json_decref(im->rejects);
    rp_buf_release(&im->key);
    rp_buf_release(&im->reason);
    rp_buf_release(&im->name);
}

/* New records are numbered from the next id of each kind. */
static enum rp_status batch_start(struct import *im)
{
    enum rp_status rc = RP_OK;
    for (int k = RP_ACCOUNT; k <= RP_DEAL && !rc; k++) {
        const struct rp_kind *kind = rp_kind_get((enum rp_kind_id)k);
        struct import_batch *b = &im->batch[k];
        rc = rp_store_bulk_next_id(im->db->store, kind, &b->next);
        b->first = b->next;
        b->account_field = rp_kind_field(kind, "account_id");
        b->owner_field = rp_kind_field(kind, "owner_id");
    }
    return rc;
}

/* Reads the file's rows in one transaction (the header first, for CSV), and sums up. */
static enum rp_status import_run(struct import *im, json_t **summary)
{
    const struct rp_import_options *o = im->o;
    enum rp_status rc = RP_OK;
    if (!(im->rejects = json_array()))
        rc = rp_db_fail(im->db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (!rc && !(rc = rp_store_bulk_begin_keep(im->db->store, IMPORT_CACHE_KIB, &im->bulk))) {
        if (!(rc = im->csv ? read_header(im) : RP_OK) && !(rc = index_kind(im, RP_ACCOUNT)) &&
            (o->kind == RP_ACCOUNT || !(rc = index_kind(im, o->kind))) && !(rc = batch_start(im)))
            rc = import_rows(im);
        if (!rc && !o->dry_run && !(rc = rp_facts_flush(im->db)))
            rc = rp_store_bulk_commit(im->db->store, im->bulk);
        else {
            rp_db_rollback(im->db);
            rp_store_bulk_rollback(im->db->store, im->bulk);
        }
    }
    if ((!rc || im->rejected) && im->cols.columns)
        *summary = import_summary(im);
    if (!rc && !*summary)
        rc = rp_db_fail(im->db, RP_ERR_INTERNAL, NULL, "out of memory");
    import_release(im);
    return rc;
}

enum rp_status rp_import_csv(struct rp_db *db, FILE *in, const struct rp_import_options *o,
                             json_t **summary)
{
    struct import im = {
        .db = db, .o = o, .key = RP_BUF_INIT, .reason = RP_BUF_INIT, .name = RP_BUF_INIT};
    *summary = NULL;
    if (o->kind != RP_ACCOUNT && o->kind != RP_CONTACT && o->kind != RP_DEAL)
        return rp_db_fail(db, RP_ERR_USAGE, "kind",
                          "cannot import records of kind '%s' "
                          "(expected accounts, contacts or deals)",
                          rp_kind_get(o->kind)->name);
    if (rp_csv_open(in, &im.csv))
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    return import_run(&im, summary);
}

/* A card's values are read as the columns of a contacts file with these headers. */
static char *const vcard_header[RP_VC_NFIELDS] = {
    [RP_VC_FN] = "Full Name",     [RP_VC_FAMILY] = "Family Name",
    [RP_VC_GIVEN] = "Given Name", [RP_VC_MIDDLE] = "Additional Name",
    [RP_VC_EMAIL] = "Email",      [RP_VC_TEL] = "Phone",
    [RP_VC_ORG] = "Company",      [RP_VC_TITLE] = "Job Title",
};

enum rp_status rp_import_vcard(struct rp_db *db, FILE *in, const struct rp_import_options *o,
                               json_t **summary)
{
    struct rp_import_options co = *o;
    struct import im = {
        .db = db, .o = &co, .key = RP_BUF_INIT, .reason = RP_BUF_INIT, .name = RP_BUF_INIT};
    char err[128];
    co.kind = RP_CONTACT;
    *summary = NULL;
    if (rp_vcard_open(in, &im.vcard) ||
        import_cols_read(&im.cols, RP_CONTACT, vcard_header, RP_VC_NFIELDS, NULL, 0, err,
                         sizeof(err))) {
        import_release(&im);
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    if (!(im.header = calloc(RP_VC_NFIELDS, sizeof(char *))))
        return import_release(&im), rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (; im.nheader < RP_VC_NFIELDS; im.nheader++)
        if (!(im.header[im.nheader] = strdup(vcard_header[im.nheader])))
            return import_release(&im), rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    return import_run(&im, summary);
}
