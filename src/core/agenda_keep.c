/* Kept agendas: an agenda once made is kept in the database with the stamp of what it was
 * made from (store.h: struct rp_agenda_stamp), and answered again while the stamp stands.
 * Triggers count every change to what the agenda reads, by whichever program makes it
 * (the CLI while the server runs, a second server), so a kept agenda is only ever the
 * one the records would give now. It depends on the day, not the hour: every rule counts
 * days. RAPPORT_AGENDA_KEEP=off makes every agenda afresh (to compare, and to measure). */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "core/db.h"
#include "base/banned.h"

struct rp_agenda_kept {
    int64_t user_id, day, today;
    int days;
    char *tz, *body;
    struct rp_agenda_stamp stamp;
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
                                       int64_t today)
{
    struct rp_agenda_kept *k = calloc(1, sizeof(*k));
    if (!k)
        return NULL;
    *k = (struct rp_agenda_kept){key->user_id,    key->day,     today, key->days,
                                 strdup(key->tz), strdup(body), *stamp};
    if (!k->tz || !k->body) {
        rp_agenda_kept_free(k);
        return NULL;
    }
    return k;
}

void rp_agenda_kept_free(struct rp_agenda_kept *k)
{
    if (!k)
        return;
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

enum rp_status rp_agenda_answer(struct rp_db *db, int64_t from, int days, struct rp_buf *buf,
                                struct rp_agenda_kept **keep)
{
    struct rp_agenda_stamp stamp;
    struct rp_agenda_key key;
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
    enum rp_status rc = rp_store_agenda_stamp(db->store, &scope, &stamp);
    if (!rc)
        rc = rp_store_kept_agenda(db->store, &key, &stamp, buf, &found);
    if (!rc && !found && !(rc = made_afresh(db, from, days, buf)) && keep &&
        !(*keep = kept_new(&key, &stamp, rp_buf_str(buf) + start, rp_db_today(db))))
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
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
    rc = rp_store_keep_agenda(db->store, &key, &k->stamp, k->body, k->today);
    if (own && !rc)
        rc = rp_store_commit(db->store);
    if (own && rc)
        rp_store_rollback(db->store);
    return rc;
}

enum rp_status rp_agenda_read(struct rp_db *db, int64_t from, int days, struct rp_agenda *out)
{
    struct rp_buf text = RP_BUF_INIT;
    struct rp_agenda_kept *keep = NULL;
    if (!keeping())
        return rp_agenda_build(db, from, days, out);
    enum rp_status rc = rp_agenda_answer(db, from, days, &text, &keep);
    /* Not kept when it cannot be at once (a read-only file, another program writing):
     * the answer stands all the same. */
    if (!rc && keep)
        rp_agenda_keep(db, keep);
    rp_agenda_kept_free(keep);
    if (!rc && (rc = rp_agenda_from_json(rp_buf_str(&text), out)))
        rc = rp_db_fail(db, rc, NULL, "the agenda could not be read back");
    rp_buf_release(&text);
    return rc;
}
