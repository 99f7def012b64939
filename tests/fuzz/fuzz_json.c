/* The JSON bodies of every write route: any bytes as JSON, and each member of an object
 * set on a record of every kind, as the server's handlers do, then printed back. Values
 * are refused with an error, never crash or pass unchecked. */
#include <jansson.h>
#include <stdlib.h>

#include "fuzz.h"
#include "rapport/rapport.h"

static struct rp_db *fuzz_db(void)
{
    static struct rp_db *db;
    if (!db && rp_db_open(":memory:", &db))
        abort();
    return db;
}

static void fill(struct rp_db *db, enum rp_kind_id kind, json_t *body)
{
    struct rp_record rec;
    const char *key;
    json_t *value;
    if (rp_record_init(&rec, kind))
        abort();
    json_object_foreach(body, key, value)
    {
        int f = rp_kind_field(rec.kind, key);
        if (f >= 0)
            (void)rp_record_set_json(db, &rec, f, value);
    }
    json_decref(rp_record_to_json(&rec));
    rp_record_release(&rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t err;
    json_t *body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
    if (json_is_object(body))
        for (int k = 0; k < RP_KIND_COUNT; k++)
            fill(fuzz_db(), (enum rp_kind_id)k, body);
    json_decref(body);
    return 0;
}
