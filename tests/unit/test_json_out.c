/* Tests for the JSON text writer in base/json_out.c: its strings are what jansson writes
 * for the same text, escape what JSON needs escaped, keep UTF-8 and replace bytes that are
 * not UTF-8; a record written by it reads the same as rp_record_to_json dumped. */
#include <stdio.h>
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

/* TEXT (compact JSON) indented by the writer is what jansson writes with JSON_INDENT(2). */
static void indented_as_jansson(const char *text)
{
    json_error_t err;
    json_t *v = json_loads(text, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    cr_assert_not_null(v, "not JSON: %s (%s)", text, err.text);
    char *want = json_dumps(v, JSON_INDENT(2) | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
    struct rp_buf b = RP_BUF_INIT;
    cr_assert_eq(rp_json_out_indent(&b, text, strlen(text), 2, NULL, NULL), RP_OK);
    cr_assert_str_eq(rp_buf_str(&b), want, "for %s", text);
    rp_buf_release(&b);
    free(want);
    json_decref(v);
}

Test(json_out, indented_as_jansson_writes_it)
{
    const char *texts[] = {
        "{}",
        "[]",
        "{\"a\":{},\"b\":[],\"c\":[{}],\"d\":[[]]}",
        "{\"date\":\"2026-11-23\",\"items\":[{\"id\":\"meeting:1\",\"rank\":1,\"deal\":null,"
        "\"draft\":{\"to\":[\"a@b.c\",\"d@e.f\"],\"cc\":[],\"body\":\"Hi,\\n\\nthanks\"}}]}",
        "{\"s\":\"{[,:]}\",\"t\":\"a\\\"b\",\"u\":\"c\\\\\",\"v\":\"\\\\\\\"\",\"w\":"
        "\"x\\\\\\\\\"}",
        "{\"k:{\":\"]\",\"n\":-12,\"b\":true,\"f\":false,\"z\":null}",
        "[1,[2,[3,[4,{\"deep\":[5]}]]],\"M\xC3\xBCller \xE6\x9D\xB1\xE4\xBA\xAC\"]",
        "{\"ctl\":\"\\u0001\\u001F\\t\\r\\b\\f\",\"slash\":\"a/b\"}",
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        indented_as_jansson(texts[i]);
}

/* A random value: objects, arrays, strings of any character, numbers, and the literals. */
static json_t *random_value(int depth)
{
    int pick = rand() % (depth > 4 ? 4 : 6);
    if (pick == 0)
        return json_integer(rand() % 2001 - 1000);
    if (pick == 1)
        return rand() % 3 ? json_boolean(rand() % 2) : json_null();
    if (pick == 2 || pick == 3) {
        static const char alphabet[] = "ab {}[],:\"\\/\n\t\x01 \xC3\xA9";
        char s[16];
        size_t n = (size_t)(rand() % 12), k = 0;
        while (k < n) {
            size_t at = (size_t)rand() % (sizeof(alphabet) - 1);
            if (alphabet[at] == '\xC3') /* a whole two-byte character */
                s[k++] = '\xC3', s[k++] = '\xA9';
            else if (alphabet[at] != '\xA9')
                s[k++] = alphabet[at];
        }
        return json_stringn(s, k);
    }
    json_t *c = pick == 4 ? json_object() : json_array();
    for (int i = rand() % 4; i > 0; i--) {
        char key[8];
        snprintf(key, sizeof(key), "k%d:%c", i, "{[,\"]"[rand() % 5]);
        if (pick == 4)
            json_object_set_new(c, key, random_value(depth + 1));
        else
            json_array_append_new(c, random_value(depth + 1));
    }
    return c;
}

Test(json_out, random_values_indented_as_jansson_writes_them)
{
    srand(11);
    for (int round = 0; round < 2000; round++) {
        json_t *v = random_value(0);
        char *compact = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        cr_assert_not_null(compact);
        indented_as_jansson(compact);
        free(compact);
        json_decref(v);
    }
}

Test(json_out, indenting_fails_past_the_cap)
{
    struct rp_buf b;
    rp_buf_init(&b, 16);
    cr_assert_neq(rp_json_out_indent(&b, "{\"a\":[1,2,3],\"b\":{\"c\":4}}", 25, 2, NULL, NULL),
                  RP_OK);
    cr_assert_leq(b.len, 16);
    rp_buf_release(&b);
}

static enum rp_status collect(const char *s, size_t len, void *arg)
{
    return rp_buf_add(arg, s, len);
}

/* Written out in pieces as it goes, the text is the same as written at once. */
Test(json_out, indented_in_pieces_as_at_once)
{
    struct rp_buf text = RP_BUF_INIT, whole = RP_BUF_INIT, pieces = RP_BUF_INIT, rest = RP_BUF_INIT;
    cr_assert_eq(rp_buf_adds(&text, "{\"items\":["), RP_OK);
    for (int i = 0; i < 5000; i++)
        cr_assert_eq(rp_buf_addf(&text, "%s{\"id\":%d,\"s\":\"a,b:{c}\\\"\",\"e\":[],\"o\":{}}",
                                 i ? "," : "", i),
                     RP_OK);
    cr_assert_eq(rp_buf_adds(&text, "]}"), RP_OK);
    cr_assert_eq(rp_json_out_indent(&whole, text.data, text.len, 2, NULL, NULL), RP_OK);
    cr_assert_gt(whole.len, 2 * RP_JSON_OUT_CHUNK);
    cr_assert_eq(rp_json_out_indent(&rest, text.data, text.len, 2, collect, &pieces), RP_OK);
    cr_assert_lt(rest.len, RP_JSON_OUT_CHUNK);
    cr_assert_eq(rp_buf_add(&pieces, rest.data, rest.len), RP_OK);
    cr_assert_str_eq(rp_buf_str(&pieces), rp_buf_str(&whole));
    indented_as_jansson(text.data);
    rp_buf_release(&text);
    rp_buf_release(&whole);
    rp_buf_release(&pieces);
    rp_buf_release(&rest);
}
