/* Kept agendas: an agenda once made is kept in the database with the stamp of what it was
 * made from (store.h: struct rp_agenda_stamp), and answered again while the stamp stands.
 * Triggers count every change to what the agenda reads, by whichever program makes it
 * (the CLI while the server runs, a second server), so a kept agenda is only ever the
 * one the records would give now. It depends on the day, not the hour: every rule counts
 * days. RAPPORT_AGENDA_KEEP=off makes every agenda afresh (to compare, and to measure).
 *
 * An agenda is made of parts, one per owner in the user's scope (and one for the records
 * without an owner, in the whole book's): each part is the agenda of that owner's records
 * alone, kept with that owner's counter (with everyone's and the largest open value), so
 * that after a write only the writer's part is made again and the others are merged as
 * kept. Every rule reads one account's records, which all have the account's owner, and
 * the order of items is total (rp_agenda_item_cmp): the merge of the parts is the agenda
 * made for the whole scope at once (docs/agenda.md, "Kept agendas"). */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json_out.h"
#include "core/db.h"
#include "base/grow.h"
#include "base/banned.h"

struct rp_agenda_kept {
    int64_t user_id, day, today;
    int days;
    char *tz, *body; /* body: the agenda to keep whole, or NULL */
    struct rp_agenda_stamp stamp;
    struct rp_agenda_parts parts; /* the bodies of those made afresh, to keep */
};

static int keeping(void)
{
    const char *v = getenv("RAPPORT_AGENDA_KEEP");
    return !v || (strcmp(v, "off") && strcmp(v, "0"));
}

/* The agenda's key: the zone is the process's (base/date.h: rp_tz_set sets TZ). */
static void key_of(const struct rp_db *db, int64_t from, int days, struct rp_agenda_key *key)
{
    const char *tz = getenv("TZ");
    *key = (struct rp_agenda_key){db->actor.id, from, days, tz ? tz : ""};
}

static struct rp_agenda_kept *kept_new(const struct rp_agenda_key *key,
                                       const struct rp_agenda_stamp *stamp, const char *body,
                                       int64_t today, struct rp_agenda_parts *parts)
{
    struct rp_agenda_kept *k = calloc(1, sizeof(*k));
    if (!k)
        return NULL;
    *k = (struct rp_agenda_kept){key->user_id, key->day,        today,
                                 key->days,    strdup(key->tz), body ? strdup(body) : NULL,
                                 *stamp,       *parts};
    *parts = (struct rp_agenda_parts){0};
    if (!k->tz || (body && !k->body)) {
        rp_agenda_kept_free(k);
        return NULL;
    }
    return k;
}

void rp_agenda_kept_free(struct rp_agenda_kept *k)
{
    if (!k)
        return;
    rp_agenda_parts_release(&k->parts);
    free(k->tz);
    free(k->body);
    free(k);
}

static enum rp_status made_afresh(struct rp_db *db, int64_t from, int days, struct rp_buf *buf)
{
    struct rp_agenda agenda;
    enum rp_status rc = rp_agenda_build(db, from, days, &agenda);
    if (rc)
        return rc;
    rc = rp_agenda_write_json(&agenda, buf);
    rp_agenda_release(&agenda);
    return rc;
}

/* ---- parts ------------------------------------------------------------------------------
 * A part's text: a line per item, in the agenda's order: the fields of its place in that
 * order (rp_agenda_item_cmp's), where its rank's digit is in its JSON, and its JSON as
 * rp_agenda_write_json writes it at rank 0 (JSON holds no raw line break). */

static enum rp_status part_line(struct rp_buf *text, struct rp_buf *json,
                                const struct rp_agenda_item *it)
{
    rp_buf_reset(json);
    enum rp_status rc = rp_agenda_write_item(json, it, 0);
    /* The id and the kind come first, and hold no quote. */
    const char *rank = rc ? NULL : strstr(rp_buf_str(json), "\"rank\":0");
    if (rc || !rank)
        return rc ? rc : RP_ERR_INTERNAL;
    rc = rp_buf_addf(text, "%lld %d %lld %d %lld %lld %lld %lld %zu ", (long long)it->date,
                     it->kind_rank, (long long)it->at, it->score, (long long)it->due,
                     (long long)it->deal_id, (long long)it->account_id, (long long)it->ref_id,
                     (size_t)(rank - rp_buf_str(json)) + 7);
    if (!rc && !(rc = rp_buf_add(text, rp_buf_str(json), json->len)))
        rc = rp_buf_addc(text, '\n');
    return rc;
}

/* OWNER's part (0: the records without an owner) of the acting user's agenda for DAYS
 * days from FROM, made afresh into *OUT (owned): the agenda made with the scope of that
 * owner's records in place of the user's, and the user's own words (their drafts' sender). */
static enum rp_status part_made(struct rp_db *db, int64_t owner, int64_t from, int days, char **out)
{
    struct rp_scope part = {owner ? owner : -1, NULL};
    struct rp_buf text = RP_BUF_INIT, json = RP_BUF_INIT;
    const struct rp_scope *was = db->part_scope;
    struct rp_agenda a;
    db->part_scope = &part;
    enum rp_status rc = rp_agenda_build(db, from, days, &a);
    db->part_scope = was;
    if (rc)
        return rc;
    for (size_t i = 0; i < a.n && !rc; i++)
        rc = part_line(&text, &json, &a.items[i]);
    rp_agenda_release(&a);
    rp_buf_release(&json);
    if (rc) {
        rp_buf_release(&text);
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    *out = rp_buf_detach(&text);
    return *out ? RP_OK : rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
}

static int part_owner_cmp(const void *pa, const void *pb)
{
    int64_t a = ((const struct rp_agenda_part *)pa)->owner_id;
    int64_t b = ((const struct rp_agenda_part *)pb)->owner_id;
    return (a > b) - (a < b);
}

/* The text of OWNER's part in TEXTS, by the place of its part in PARTS (sorted by owner);
 * NULL when OWNER has none. */
static struct rp_buf *part_text(const struct rp_agenda_parts *parts, struct rp_buf *texts,
                                int64_t owner)
{
    struct rp_agenda_part key = {.owner_id = owner};
    const struct rp_agenda_part *p =
        bsearch(&key, parts->items, parts->n, sizeof(*parts->items), part_owner_cmp);
    return p ? &texts[p - parts->items] : NULL;
}

/* Every part of PARTS made afresh at once: the agenda of the user's whole scope, made in
 * one go (each of its reads over every owner together: a few round trips, not a few per
 * part), its items parted by their records' owner. That is each part as made alone: every
 * rule reads one account's records, which all have the account's owner. An item of an
 * owner the scope lists no part for is in none, as in no part made alone. */
static enum rp_status parts_made_together(struct rp_db *db, int64_t from, int days,
                                          struct rp_agenda_parts *parts)
{
    struct rp_buf json = RP_BUF_INIT, *texts = malloc(parts->n * sizeof(*texts));
    struct rp_agenda a;
    if (!texts)
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t i = 0; i < parts->n; i++)
        texts[i] = (struct rp_buf)RP_BUF_INIT;
    enum rp_status rc = rp_agenda_build(db, from, days, &a);
    if (rc) {
        free(texts);
        return rc;
    }
    qsort(parts->items, parts->n, sizeof(*parts->items), part_owner_cmp);
    for (size_t i = 0; i < a.n && !rc; i++) {
        struct rp_buf *text = part_text(parts, texts, a.items[i].owner_id);
        if (text)
            rc = part_line(text, &json, &a.items[i]);
    }
    for (size_t i = 0; i < parts->n; i++) {
        struct rp_agenda_part *p = &parts->items[i];
        if (!rc && !(p->body = rp_buf_detach(&texts[i])))
            rc = RP_ERR_INTERNAL;
        p->made = !rc;
        rp_buf_release(&texts[i]);
    }
    rp_agenda_release(&a);
    rp_buf_release(&json);
    free(texts);
    return rc ? rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory") : RP_OK;
}

/* An item of a part, for the merge: its place in the order and its JSON in the part. */
struct merge_item {
    struct rp_agenda_item at;
    const char *json;
    size_t len, rank_at;
};

struct merge {
    struct merge_item *items;
    size_t n, cap;
};

/* The merge sorts references to its items: an item is a few hundred bytes to move. */
struct merge_ref {
    const struct merge_item *item;
};

static int merge_cmp(const void *pa, const void *pb)
{
    return rp_agenda_item_cmp(&((const struct merge_ref *)pa)->item->at,
                              &((const struct merge_ref *)pb)->item->at);
}

/* A number of a part's line and the space after it; *BAD set when there is none. As
 * part_line writes them: digits (at most 18, or strtoll reads them), perhaps a minus. */
static int64_t field(const char **p, int *bad)
{
    const char *s = *p + (**p == '-'), *digits = s;
    char *after = NULL;
    uint64_t u = 0;
    while (*s >= '0' && *s <= '9' && s - digits < 18)
        u = u * 10 + (uint64_t)(*s++ - '0');
    int64_t v = **p == '-' ? -(int64_t)u : (int64_t)u;
    if (*s >= '0' && *s <= '9') {
        v = strtoll(*p, &after, 10);
        s = after;
    }
    *bad |= s == digits || *s != ' ';
    *p = s + (*s == ' ');
    return v;
}

/* How many lines (items) BODY holds. */
static size_t lines_of(const char *body)
{
    size_t n = 0;
    for (const char *p = body; (p = strchr(p, '\n')); p++)
        n++;
    return n;
}

/* The items of part text BODY into M; 0 when it is not such a text. */
static int part_read(const char *body, struct merge *m)
{
    int bad = 0;
    for (const char *p = body; *p && !bad;) {
        struct merge_item *it;
        if (RP_GROW(m->items, m->n + 1, m->cap))
            return 0;
        it = &m->items[m->n++];
        memset(it, 0, sizeof(*it));
        it->at.date = field(&p, &bad);
        it->at.kind_rank = (int)field(&p, &bad);
        it->at.at = field(&p, &bad);
        it->at.score = (int)field(&p, &bad);
        it->at.due = field(&p, &bad);
        it->at.deal_id = field(&p, &bad);
        it->at.account_id = field(&p, &bad);
        it->at.ref_id = field(&p, &bad);
        it->rank_at = (size_t)field(&p, &bad);
        const char *line_end = strchr(p, '\n');
        bad |= !line_end || it->rank_at >= (size_t)(line_end - p);
        it->json = p;
        it->len = line_end ? (size_t)(line_end - p) : 0;
        p = line_end ? line_end + 1 : p;
    }
    return !bad;
}

/* The agenda for DAYS days from FROM merged from PARTS (every body set) into BUF, as
 * rp_agenda_write_json writes it: their items in the agenda's order, ranked anew. Room for
 * the items and the text is made once: the whole book's are megabytes. */
static enum rp_status merged(struct rp_db *db, const struct rp_agenda_parts *parts, int64_t from,
                             int days, struct rp_buf *buf)
{
    struct merge m = {0};
    struct merge_ref *order = NULL;
    size_t lines = 0, bytes = 0;
    enum rp_status rc = RP_OK;
    for (size_t i = 0; i < parts->n; i++) {
        lines += lines_of(parts->items[i].body);
        bytes += strlen(parts->items[i].body);
    }
    if (RP_GROW(m.items, lines + 1, m.cap) || rp_buf_reserve(buf, bytes + 64))
        rc = RP_ERR_INTERNAL;
    for (size_t i = 0; i < parts->n && !rc; i++)
        if (!part_read(parts->items[i].body, &m))
            rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL,
                            "a kept part of the agenda could not be read");
    if (!rc && m.n && !(order = malloc(m.n * sizeof(*order))))
        rc = RP_ERR_INTERNAL;
    for (size_t i = 0; i < m.n && !rc; i++)
        order[i].item = &m.items[i];
    if (!rc && m.n)
        qsort(order, m.n, sizeof(*order), merge_cmp);
    if (!rc)
        rc = rp_agenda_write_head(&(struct rp_agenda){.from = from, .days = days}, buf);
    for (size_t i = 0; i < m.n && !rc; i++) {
        const struct merge_item *it = order[i].item;
        if ((i && (rc = rp_buf_addc(buf, ','))) || (rc = rp_buf_add(buf, it->json, it->rank_at)) ||
            (rc = rp_json_out_int(buf, (int64_t)i + 1)))
            break;
        rc = rp_buf_add(buf, it->json + it->rank_at + 1, it->len - it->rank_at - 1);
    }
    if (!rc)
        rc = rp_buf_adds(buf, "]}");
    free(order);
    free(m.items);
    return rc == RP_ERR_INTERNAL && !db->err.msg.len ? rp_db_fail(db, rc, NULL, "out of memory")
                                                     : rc;
}

static int parts_kept(const struct rp_agenda_parts *parts)
{
    for (size_t i = 0; i < parts->n; i++)
        if (parts->items[i].body)
            return 1;
    return 0;
}

/* KEY's agenda into BUF, merged from the parts of the owners of SCOPE: those kept at
 * STAMP as they are, the others made afresh (kept in PARTS, made, for rp_agenda_keep);
 * all in one agenda of the whole scope when none is kept, on PostgreSQL. */
static enum rp_status made_of_parts(struct rp_db *db, const struct rp_scope *scope,
                                    const struct rp_agenda_key *key,
                                    const struct rp_agenda_stamp *stamp, struct rp_buf *buf,
                                    struct rp_agenda_parts *parts)
{
    /* What an agenda made afresh reads first goes out with the parts: the settings and the
     * largest open value, read for any part made, and the scope's snoozes, for all. */
    rp_agenda_build_ahead(db, key->day);
    enum rp_status rc = rp_store_agenda_parts(db->store, scope, key, stamp, parts);
    rp_config_keep(db); /* the settings read once for every part made */
    /* Together only where statements cost round trips: on SQLite each part made alone
     * reads its owner's rows through the owner's indexes, which for a week of the whole
     * book took half the time of the whole scope's statements. */
    if (!rc && parts->n > 1 && rp_store_reads_ahead(db->store) && !parts_kept(parts))
        rc = parts_made_together(db, key->day, key->days, parts);
    for (size_t i = 0; i < parts->n && !rc; i++) {
        struct rp_agenda_part *p = &parts->items[i];
        if (!p->body && !(rc = part_made(db, p->owner_id, key->day, key->days, &p->body)))
            p->made = 1;
    }
    rp_config_drop(db);
    if (!rc)
        rc = merged(db, parts, key->day, key->days, buf);
    /* Only what was made afresh is kept again. */
    for (size_t i = 0; i < parts->n; i++)
        if (!parts->items[i].made) {
            free(parts->items[i].body);
            parts->items[i].body = NULL;
        }
    return rc;
}

static int parts_made(const struct rp_agenda_parts *parts)
{
    for (size_t i = 0; i < parts->n; i++)
        if (parts->items[i].made)
            return 1;
    return 0;
}

enum rp_status rp_agenda_answer(struct rp_db *db, int64_t from, int days, struct rp_buf *buf,
                                struct rp_agenda_kept **keep)
{
    struct rp_agenda_stamp stamp;
    struct rp_agenda_key key;
    struct rp_agenda_parts parts = {0};
    struct rp_scope scope;
    size_t start = buf->len;
    int found = 0;
    if (keep)
        *keep = NULL;
    if (!keeping())
        return made_afresh(db, from, days, buf);
    /* The stamp and the agenda are read in one snapshot: the stamp is what it was made at. */
    int began = rp_db_snapshot(db);
    rp_scope_of(db, &scope);
    key_of(db, from, days, &key);
    /* One owner's agenda is one part, kept whole as it is made; any other is merged from
     * its parts. Of those, the ones made afresh are kept; the merge itself only once every
     * part was kept: the read right after a write keeps the one part it made, not megabytes
     * more, and the read after it keeps the merge for the reads that follow. */
    int whole = scope.user_id && !scope.team;
    /* A caller that keeps its answers itself (KEEP NULL: a server's memory) finds one kept
     * here only when another program kept it: what the agenda made afresh reads first goes
     * out with the stamp, in its round trip. */
    if (!keep && whole)
        rp_agenda_build_ahead(db, from);
    enum rp_status rc = rp_store_kept_agenda(db->store, &scope, &key, &stamp, buf, &found);
    if (!rc && !found && whole)
        rc = made_afresh(db, from, days, buf);
    else if (!rc && !found)
        rc = made_of_parts(db, &scope, &key, &stamp, buf, &parts);
    int merge_kept = whole || !parts_made(&parts);
    if (!rc && !found && keep &&
        !(*keep = kept_new(&key, &stamp, merge_kept ? rp_buf_str(buf) + start : NULL,
                           rp_db_today(db), &parts)))
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    rp_agenda_parts_release(&parts);
    rp_db_snapshot_end(db, began);
    return rc;
}

enum rp_status rp_agenda_keep(struct rp_db *db, const struct rp_agenda_kept *k)
{
    struct rp_agenda_key key = {k->user_id, k->day, k->days, k->tz};
    int own = !rp_store_in_transaction(db->store);
    enum rp_status rc = own ? rp_store_begin_now(db->store) : RP_OK;
    if (rc)
        return rc;
    if (k->body)
        rc = rp_store_keep_agenda(db->store, &key, &k->stamp, k->body, k->today);
    if (!rc && k->parts.n)
        rc = rp_store_forget_agenda_parts(db->store, k->user_id, k->today);
    for (size_t i = 0; i < k->parts.n && !rc; i++)
        if (k->parts.items[i].made)
            rc = rp_store_keep_agenda_part(db->store, &key, &k->stamp, &k->parts.items[i]);
    if (own && !rc)
        rc = rp_store_commit_kept(db->store);
    if (own && rc)
        rp_store_rollback(db->store);
    return rc;
}

/* Keeps K in a commit that does not wait for the disk, as the server's writer keeps its
 * answers: a kept agenda is what a power cut may take without harm (it is made again), and
 * the database is never harmed by it (a WAL file: synchronous NORMAL). The commits that
 * follow wait again; when they cannot be made to, that is the command's failure. */
static enum rp_status keep_lazily(struct rp_db *db, const struct rp_agenda_kept *k)
{
    int lazy = !rp_store_in_transaction(db->store) && !rp_db_set_durable(db, 0);
    rp_agenda_keep(db, k);
    if (lazy && rp_db_set_durable(db, 1))
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "commits cannot be made to wait for the disk");
    return RP_OK;
}

enum rp_status rp_agenda_read_json(struct rp_db *db, int64_t from, int days, struct rp_buf *out)
{
    struct rp_agenda_kept *keep = NULL;
    enum rp_status rc = rp_agenda_answer(db, from, days, out, &keep);
    /* Not kept when it cannot be at once (a read-only file, another program writing):
     * the answer stands all the same. */
    if (!rc && keep)
        rc = keep_lazily(db, keep);
    rp_agenda_kept_free(keep);
    return rc;
}

enum rp_status rp_agenda_read(struct rp_db *db, int64_t from, int days, struct rp_agenda *out)
{
    struct rp_buf text = RP_BUF_INIT;
    if (!keeping())
        return rp_agenda_build(db, from, days, out);
    enum rp_status rc = rp_agenda_read_json(db, from, days, &text);
    if (rc) {
        rp_buf_release(&text);
        return rc;
    }
    if ((rc = rp_agenda_from_text(rp_buf_detach(&text), out)))
        rc = rp_db_fail(db, rc, NULL, "the agenda could not be read back");
    return rc;
}
