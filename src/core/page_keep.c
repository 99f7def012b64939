/* Kept pages: a page of records once made is kept in the database with the stamp of what
 * it was made from (store.h: struct rp_page_stamp), and answered again, to a caller of the
 * same scope asking the same query, while the stamp stands. The agenda's change counters
 * (migration 22) count every change to a record with an owner, by whichever program makes
 * it, so a kept page is only ever the one the records would give now. Only the kinds whose
 * records have an owner are kept (their tables have the counters' triggers); a page shows
 * the columns of its own table alone. RAPPORT_PAGE_KEEP=off makes every page afresh (to
 * compare, and to measure). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json_out.h"
#include "core/db.h"
#include "base/banned.h"

struct rp_page_kept {
    int64_t scope_user;
    char *scope_team, *query, *body;
    struct rp_page_stamp stamp;
};

static int keeping(const struct rp_kind *kind)
{
    const char *v = getenv("RAPPORT_PAGE_KEEP");
    return (!v || (strcmp(v, "off") && strcmp(v, "0"))) && rp_kind_field(kind, "owner_id") >= 0;
}

static enum rp_status page_afresh(struct rp_db *db, const struct rp_query *q, size_t max,
                                  struct rp_buf *buf)
{
    size_t n = 0;
    int64_t last_id = 0;
    enum rp_status rc;
    if (!(rc = rp_buf_adds(buf, "{\"items\":[")) &&
        !(rc = rp_list_json(db, q, max, buf, &n, &last_id)) &&
        !(rc = rp_buf_adds(buf, "],\"next\":")))
        rc = n > max ? rp_json_out_int(buf, last_id) : rp_buf_adds(buf, "null");
    return rc ? rc : rp_buf_addc(buf, '}');
}

/* The query's text, from its filters as parsed (an instant given as a date depends on
 * the zone), each value with its length: equal texts, equal queries. */
static enum rp_status query_text(const struct rp_query *q, size_t max,
                                 const struct rp_record *match, struct rp_buf *out)
{
    const struct rp_kind *kind = match->kind;
    enum rp_status rc = rp_buf_addf(out, "%s %d %d %" PRId64 " %zu %zu", kind->table,
                                    q->order_field, q->descending, q->after_id, q->limit, max);
    for (size_t f = 0; f < kind->nfields && !rc; f++) {
        const struct rp_value *v = &match->v[f];
        if (v->set && v->s)
            rc = rp_buf_addf(out, " %zu=s%zu:%s", f, strlen(v->s), v->s);
        else if (v->set)
            rc = rp_buf_addf(out, " %zu=i%" PRId64, f, v->i);
    }
    return rc;
}

static struct rp_page_kept *kept_new(const struct rp_scope *scope, const char *query,
                                     const struct rp_page_stamp *stamp, const char *body)
{
    struct rp_page_kept *k = calloc(1, sizeof(*k));
    if (!k)
        return NULL;
    *k = (struct rp_page_kept){scope->user_id, strdup(scope->team ? scope->team : ""),
                               strdup(query), strdup(body), *stamp};
    if (!k->scope_team || !k->query || !k->body) {
        rp_page_kept_free(k);
        return NULL;
    }
    return k;
}

void rp_page_kept_free(struct rp_page_kept *k)
{
    if (!k)
        return;
    free(k->scope_team);
    free(k->query);
    free(k->body);
    free(k);
}

enum rp_status rp_page_answer(struct rp_db *db, const struct rp_query *q, size_t max,
                              struct rp_buf *buf, struct rp_page_kept **keep)
{
    struct rp_buf query = RP_BUF_INIT;
    struct rp_record match;
    struct rp_page_stamp stamp;
    struct rp_scope scope;
    size_t start = buf->len;
    int found = 0;
    if (keep)
        *keep = NULL;
    if (!keeping(rp_kind_get(q->kind)))
        return page_afresh(db, q, max, buf);
    enum rp_status rc = rp_list_match(db, q, &match);
    if (rc)
        return rc;
    if ((rc = query_text(q, max, &match, &query)))
        rc = rp_db_fail(db, rc, NULL, "out of memory");
    rp_record_release(&match);
    rp_scope_of(db, &scope);
    struct rp_page_key key = {&scope, rp_buf_str(&query)};
    /* The stamp and the page are read in one snapshot: the stamp is what it was made at. */
    int began = rp_db_snapshot(db);
    /* A caller that keeps no page (the server keeps its answers in memory) finds one only
     * when another program kept it: the page's own statement goes out with the kept one's,
     * in its round trip, to be used when none is. */
    if (!rc && !keep)
        rp_list_ahead(db, q);
    if (!rc && !(rc = rp_store_kept_page(db->store, &key, &stamp, buf, &found)) && !found)
        rc = page_afresh(db, q, max, buf);
    if (!rc && !found && keep &&
        !(*keep = kept_new(&scope, key.query, &stamp, rp_buf_str(buf) + start)))
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    rp_db_snapshot_end(db, began);
    rp_buf_release(&query);
    return rc;
}

enum rp_status rp_page_keep(struct rp_db *db, const struct rp_page_kept *k)
{
    struct rp_scope scope = {k->scope_user, k->scope_team[0] ? k->scope_team : NULL};
    struct rp_page_key key = {&scope, k->query};
    int own = !rp_store_in_transaction(db->store);
    enum rp_status rc = own ? rp_store_begin_now(db->store) : RP_OK;
    if (rc)
        return rc;
    rc = rp_store_keep_page(db->store, &key, &k->stamp, k->body);
    if (own && !rc)
        rc = rp_store_commit_kept(db->store);
    if (own && rc)
        rp_store_rollback(db->store);
    return rc;
}
