/* Query strings: a search's words (the ?q= of /search and /recall) go through the checks,
 * the FTS5 match expression built from them and the query itself on a small book. Any
 * input answers rows or a clean error, never an FTS5 syntax error or a crash. */
#include <assert.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "rapport/rapport.h"

static struct rp_db *fuzz_db(void)
{
    static struct rp_db *db;
    struct rp_record rec;
    if (db)
        return db;
    if (rp_db_open(":memory:", &db) || rp_record_init(&rec, RP_ACCOUNT) ||
        rp_record_set_text(db, &rec, rp_kind_field(rec.kind, "name"), "Acme \"quoted\" Ünïcödé") ||
        rp_create(db, &rec))
        abort();
    rp_record_release(&rec);
    return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rp_db *db = fuzz_db();
    char *q = fuzz_text(data, size);
    json_t *out = NULL;
    enum rp_status rc = rp_recall_search(db, q, 50, &out);
    /* Only the user's input can be wrong: never the SQL built from it. */
    assert(rc == RP_OK || rc == RP_ERR_USAGE || rc == RP_ERR_INVALID);
    assert(rc != RP_OK || json_is_array(out));
    json_decref(out);
    free(q);
    return 0;
}
