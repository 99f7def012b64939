/* The JSON bodies of every write route: any bytes as JSON, and each member of an object
 * set on a record of every kind, as the server's handlers do, then printed back both ways
 * (a jansson tree, and the text writer of base/json_out.c, which must agree byte for
 * byte). Values are refused with an error, never crash or pass unchecked. The input as a
 * string, whatever its bytes, must come out of the text writer as a JSON string. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_out.h"
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
    json_t *tree = rp_record_to_json(&rec);
    char *want =
        tree ? json_dumps(tree, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15)) : NULL;
    struct rp_buf text = RP_BUF_INIT;
    if (rp_record_write_json(&rec, &text) || (want && strcmp(want, rp_buf_str(&text))))
        abort();
    rp_buf_release(&text);
    free(want);
    json_decref(tree);
    rp_record_release(&rec);
}

/* Any bytes written as a string read back as one; valid UTF-8 reads back unchanged. */
static void write_string(const uint8_t *data, size_t size)
{
    struct rp_buf text = RP_BUF_INIT;
    json_error_t err;
    if (rp_json_out_strn(&text, (const char *)data, size))
        abort();
    json_t *back = json_loads(rp_buf_str(&text), JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    json_t *direct = json_stringn((const char *)data, size);
    if (!json_is_string(back) || (direct && !json_equal(back, direct)))
        abort();
    json_decref(direct);
    json_decref(back);
    rp_buf_release(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t err;
    write_string(data, size);
    json_t *body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
    if (json_is_object(body))
        for (int k = 0; k < RP_KIND_COUNT; k++)
            fill(fuzz_db(), (enum rp_kind_id)k, body);
    json_decref(body);
    return 0;
}
