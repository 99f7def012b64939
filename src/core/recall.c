/* Recall and search. Practice 4, be consistent: direct customers repeat back what you said
 * three weeks ago, so everything you told an account, everything they claimed and how it
 * stands, and every note and contact come back in a second, in time order or ranked by
 * words from the full-text index the store keeps in step with every write. */
#include <string.h>

#include "base/date.h"
#include "base/parse.h"
#include "core/db.h"
#include "base/banned.h"

#define QUERY_MAX 1000
/* The most words one search may hold: each is a lookup in the index, and all must match,
 * so more only cost time and find less. */
#define QUERY_WORDS_MAX 8
#define BLANKS " \t\n\r\f\v"

static const char *const type_names[] = {
    [RP_RECALL_SAID] = "said",         [RP_RECALL_CLAIM] = "claim",
    [RP_RECALL_ACTIVITY] = "activity", [RP_RECALL_AGREEMENT] = "agreement",
    [RP_RECALL_ACCOUNT] = "account",   [RP_RECALL_CONTACT] = "contact",
    [RP_RECALL_DEAL] = "deal",
};

static json_t *id_or_null(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

/* Sets KEY of E to S, or null; -1 when memory ran out. */
static int set_text(json_t *e, const char *key, const char *s)
{
    return json_object_set_new(e, key, s ? json_string(s) : json_null());
}

/* The members only some types have. */
static int entry_details(json_t *e, const struct rp_recall_row *row)
{
    char due[RP_DATE_LEN];
    switch (row->type) {
    case RP_RECALL_CLAIM:
        return set_text(e, "status", row->status) | set_text(e, "note", row->note);
    case RP_RECALL_ACTIVITY:
        return set_text(e, "kind", row->kind) | set_text(e, "direction", row->direction) |
               set_text(e, "outcome", row->outcome);
    case RP_RECALL_AGREEMENT:
        if (row->due >= 0)
            rp_date_format(row->due, due);
        return set_text(e, "status", row->status) |
               set_text(e, "due_on", row->due >= 0 ? due : NULL);
    case RP_RECALL_ACCOUNT:
        return set_text(e, "need", row->note) | set_text(e, "status", row->status);
    case RP_RECALL_CONTACT:
        return set_text(e, "title", row->note);
    case RP_RECALL_DEAL:
        return set_text(e, "stage", row->status);
    default:
        return 0;
    }
}

/* One entry; RANK is its place among ranked matches, 0 in a timeline. */
static json_t *entry_json(const struct rp_recall_row *row, size_t rank)
{
    char at[RP_INSTANT_LEN] = "", day[RP_DATE_LEN] = "";
    const char *type = type_names[row->type];
    if (row->type == RP_RECALL_ACTIVITY && row->kind && !strcmp(row->kind, "note"))
        type = "note";
    if (row->at >= 0) {
        rp_instant_format(row->at, at);
        rp_date_format(rp_local_date(row->at), day);
    }
    json_t *e = json_pack("{s:s,s:I,s:s?,s:s?,s:o,s:s?,s:o,s:s?,s:o,s:s?,s:s?}", "type", type, "id",
                          (json_int_t)row->id, "at", *at ? at : NULL, "date", *day ? day : NULL,
                          "account_id", id_or_null(row->account_id), "account", row->account,
                          "deal_id", id_or_null(row->deal_id), "deal", row->deal, "contact_id",
                          id_or_null(row->contact_id), "contact", row->contact, "text", row->text);
    if (e && (entry_details(e, row) ||
              (rank && json_object_set_new(e, "rank", json_integer((json_int_t)rank))))) {
        json_decref(e);
        return NULL;
    }
    return e;
}

static enum rp_status rows_json(struct rp_db *db, const struct rp_recall_rows *rows, int ranked,
                                json_t **out)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < rows->n; i++) {
        json_t *e = entry_json(&rows->items[i], ranked ? i + 1 : 0);
        if (!e || json_array_append_new(arr, e)) {
            json_decref(arr);
            arr = NULL;
        }
    }
    if (!arr)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    *out = arr;
    return RP_OK;
}

/* The number of different runs of non-blank bytes in QUERY (at most QUERY_MAX bytes). */
static size_t distinct_words(const char *query)
{
    size_t words = 0;
    for (const char *p = query + strspn(query, BLANKS); *p; p += strspn(p, BLANKS)) {
        size_t n = strcspn(p, BLANKS);
        int seen = 0;
        for (const char *q = query + strspn(query, BLANKS); q < p && !seen;
             q += strspn(q, BLANKS)) {
            size_t m = strcspn(q, BLANKS);
            seen = m == n && !memcmp(p, q, n);
            q += m;
        }
        words += !seen;
        p += n;
    }
    return words;
}

/* Words to look for: UTF-8 text, not only blanks, of a sensible length. */
static enum rp_status check_query(struct rp_db *db, const char *query)
{
    if (!query || !query[strspn(query, " \t\n\r\f\v")])
        return rp_db_fail(db, RP_ERR_USAGE, "query",
                          "empty search query (give the words to "
                          "look for)");
    if (rp_valid_text(query))
        return rp_db_fail(db, RP_ERR_INVALID, "query",
                          "invalid search query (not UTF-8 text, "
                          "or it holds control characters)");
    if (strlen(query) > QUERY_MAX)
        return rp_db_fail(db, RP_ERR_INVALID, "query",
                          "search query is too long (%zu bytes, at "
                          "most %d)",
                          strlen(query), QUERY_MAX);
    size_t words = distinct_words(query);
    if (words > QUERY_WORDS_MAX)
        return rp_db_fail(db, RP_ERR_INVALID, "query",
                          "search query has too many different "
                          "words (%zu, at most %d)",
                          words, QUERY_WORDS_MAX);
    return RP_OK;
}

enum rp_status rp_recall_account(struct rp_db *db, int64_t account_id, const char *query,
                                 size_t limit, json_t **out)
{
    struct rp_record account;
    struct rp_recall_rows rows = {0};
    struct rp_scope scope;
    rp_scope_of(db, &scope);
    enum rp_status rc = rp_get(db, RP_ACCOUNT, account_id, &account);
    if (rc)
        return rc;
    rp_record_release(&account);
    if (query && (rc = check_query(db, query)))
        return rc;
    if (query)
        rc = rp_store_search(db->store, query, account_id, limit, &scope, &rows);
    else
        rc = rp_store_recall(db->store, account_id, &rows);
    if (!rc)
        rc = rows_json(db, &rows, query != NULL, out);
    rp_recall_rows_release(&rows);
    return rc;
}

enum rp_status rp_recall_search(struct rp_db *db, const char *query, size_t limit, json_t **out)
{
    struct rp_recall_rows rows = {0};
    struct rp_scope scope;
    rp_scope_of(db, &scope);
    enum rp_status rc = check_query(db, query);
    if (!rc)
        rc = rp_store_search(db->store, query, 0, limit, &scope, &rows);
    if (!rc)
        rc = rows_json(db, &rows, 1, out);
    rp_recall_rows_release(&rows);
    return rc;
}
