/* Tests for the JSON text writer in base/json_out.c: its strings are what jansson writes
 * for the same text, escape what JSON needs escaped, keep UTF-8 and replace bytes that are
 * not UTF-8; a record written by it reads the same as rp_record_to_json dumped. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <jansson.h>

#include "base/json_out.h"
#include "rapport/rapport.h"

/* S written by the writer, as a new string (free()). */
static char *written(const char *s, size_t len)
{
    struct rp_buf b = RP_BUF_INIT;
    cr_assert_eq(rp_json_out_strn(&b, s, len), RP_OK);
    return rp_buf_detach(&b);
}

/* S as jansson writes it (S must be valid UTF-8). */
static char *by_jansson(const char *s, size_t len)
{
    json_t *j = json_stringn(s, len);
    cr_assert_not_null(j, "not valid UTF-8: %s", s);
    char *out = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(j);
    return out;
}

static void same_as_jansson(const char *s, size_t len)
{
    char *mine = written(s, len), *theirs = by_jansson(s, len);
    cr_assert_str_eq(mine, theirs);
    free(mine);
    free(theirs);
}

Test(json_out, escapes_quotes_backslashes_and_controls)
{
    char *s = written("a\"b\\c/d\b\f\n\r\t\x01\x1f\x7f", 15);
    cr_assert_str_eq(s, "\"a\\\"b\\\\c/d\\b\\f\\n\\r\\t\\u0001\\u001F\x7f\"");
    free(s);
}

Test(json_out, every_ascii_byte_as_jansson_writes_it)
{
    for (int c = 0; c < 0x80; c++) {
        char text[3] = {'x', (char)c, 'y'};
        same_as_jansson(text, 3);
    }
}

Test(json_out, keeps_utf8_as_it_is)
{
    const char *names[] = {"Müller & Söhne GmbH",
                           "Łódź",
                           "東京",
                           "emoji \xF0\x9F\x98\x80 end",
                           "\xE2\x80\xA8 line separator",
                           "\xC2\x80",
                           "\xF4\x8F\xBF\xBF",
                           ""};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        same_as_jansson(names[i], strlen(names[i]));
}

Test(json_out, replaces_bytes_that_are_not_utf8)
{
    /* a lone continuation byte, a cut sequence, an overlong '/', a surrogate, past U+10FFFF */
    const char *bad[] = {"a\x80z", "a\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"};
    const char *want[] = {"\"a\xEF\xBF\xBDz\"",
                          "\"a\xEF\xBF\xBD\"",
                          "\"\xEF\xBF\xBD\xEF\xBF\xBD\"",
                          "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"",
                          "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"",
                          "\"\xEF\xBF\xBD\""};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char *s = written(bad[i], strlen(bad[i]));
        cr_assert_str_eq(s, want[i], "for input %zu", i);
        json_error_t err;
        json_t *back = json_loads(s, JSON_DECODE_ANY, &err);
        cr_assert_not_null(back, "not JSON: %s (%s)", s, err.text);
        json_decref(back);
        free(s);
    }
}

Test(json_out, random_text_reads_back)
{
    srand(7);
    for (int round = 0; round < 2000; round++) {
        unsigned char text[64];
        size_t n = (size_t)(rand() % 64);
        for (size_t i = 0; i < n; i++)
            text[i] = (unsigned char)(rand() % 256);
        char *s = written((const char *)text, n);
        json_error_t err;
        json_t *back = json_loads(s, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
        cr_assert(json_is_string(back), "not a JSON string: %s (%s)", s, err.text);
        /* Valid UTF-8 comes back unchanged, and is written as jansson writes it. */
        json_t *direct = json_stringn((const char *)text, n);
        if (direct) {
            cr_assert_eq(json_string_length(back), n);
            cr_assert(!memcmp(json_string_value(back), text, n));
            same_as_jansson((const char *)text, n);
        }
        json_decref(direct);
        json_decref(back);
        free(s);
    }
}

Test(json_out, numbers_keys_and_values)
{
    struct rp_buf b = RP_BUF_INIT;
    json_t *v = json_pack("{s:[i,b,n],s:f}", "a\"", 1, 1, "x", 2.5);
    cr_assert_eq(rp_buf_addc(&b, '{'), RP_OK);
    cr_assert_eq(rp_json_out_key(&b, "min", 1), RP_OK);
    cr_assert_eq(rp_json_out_int(&b, INT64_MIN), RP_OK);
    cr_assert_eq(rp_json_out_key(&b, "tree", 0), RP_OK);
    cr_assert_eq(rp_json_out_value(&b, v), RP_OK);
    cr_assert_eq(rp_json_out_key(&b, "none", 0), RP_OK);
    cr_assert_eq(rp_json_out_value(&b, NULL), RP_OK);
    cr_assert_eq(rp_buf_addc(&b, '}'), RP_OK);
    cr_assert_str_eq(rp_buf_str(&b), "{\"min\":-9223372036854775808,"
                                     "\"tree\":{\"a\\\"\":[1,true,null],\"x\":2.5},\"none\":null}");
    json_decref(v);
    rp_buf_release(&b);
}

Test(json_out, fails_past_the_cap_without_overrunning)
{
    struct rp_buf b;
    rp_buf_init(&b, 8);
    cr_assert_neq(rp_json_out_str(&b, "far too long for eight"), RP_OK);
    cr_assert_leq(b.len, 8);
    rp_buf_release(&b);
}

/* Every kind's record, with its fields unset and then set, reads the same both ways. */
Test(json_out, records_as_rp_record_to_json_dumps_them)
{
    for (int k = 0; k < RP_KIND_COUNT; k++) {
        struct rp_record rec;
        cr_assert_eq(rp_record_init(&rec, (enum rp_kind_id)k), RP_OK);
        for (int pass = 0; pass < 2; pass++) {
            if (pass)
                for (size_t f = 0; f < rec.kind->nfields; f++) {
                    rec.v[f].set = 1;
                    rec.v[f].i = (int64_t)(f * 86400 + 12345);
                    free(rec.v[f].s);
                    rec.v[f].s = strdup(f % 2 ? "Müller \"&\" \\ Söhne\n\ttab" : "plain");
                }
            json_t *j = rp_record_to_json(&rec);
            char *want = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
            struct rp_buf b = RP_BUF_INIT;
            cr_assert_eq(rp_record_write_json(&rec, &b), RP_OK);
            cr_assert_str_eq(rp_buf_str(&b), want, "kind %s", rec.kind->name);
            rp_buf_release(&b);
            free(want);
            json_decref(j);
        }
        rp_record_release(&rec);
    }
}
