/* JSON text written straight into a buffer; see json_out.h. */
#include "base/json_out.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* The length of the valid UTF-8 sequence at S (of at most N bytes), 0 when invalid:
 * overlong forms, surrogates and code points past U+10FFFF are invalid, as for jansson. */
static size_t utf8_valid(const unsigned char *s, size_t n)
{
    unsigned c = s[0], cp;
    size_t len;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, cp = c & 0x07;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* The escape of byte C that must not appear raw in a string, or NULL when it may. */
static const char *escape_of(unsigned char c, char spare[8])
{
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\b':
        return "\\b";
    case '\f':
        return "\\f";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    default:
        if (c >= 0x20)
            return NULL;
        snprintf(spare, 8, "\\u%04X", c);
        return spare;
    }
}

/* Bytes that need more than copying: a quote, a backslash, a control character, or the
 * start of a multi-byte sequence (checked for validity). */
/* clang-format off */
#define CARE_16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const unsigned char needs_care[256] = {
    CARE_16(1), CARE_16(1), /* control characters */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* '"' */
    CARE_16(0), CARE_16(0),
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* '\\' */
    CARE_16(0), CARE_16(0),
    CARE_16(1), CARE_16(1), CARE_16(1), CARE_16(1), /* 0x80 and up */
    CARE_16(1), CARE_16(1), CARE_16(1), CARE_16(1),
};
/* clang-format on */

/* Appends the N bytes at S, for which room was reserved. */
static void put(struct rp_buf *buf, const void *s, size_t n)
{
    memcpy(buf->data + buf->len, s, n);
    buf->len += n;
    buf->data[buf->len] = '\0';
}

/* Whether any of the 8 bytes of W needs care: the classic SWAR tests (a byte below 0x20,
 * equal to '"' or '\\', or with its high bit set), so that plain ASCII is passed over a
 * word at a time. */
static int word_needs_care(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    uint64_t t = (w - ones * 0x20) | (quote - ones) | (backslash - ones);
    return ((t & ~w) | w) & highs ? 1 : 0;
}

enum rp_status rp_json_out_strn(struct rp_buf *buf, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len, *run = p;
    char spare[8];
    /* Most text needs no escape: room for it and its quotes is made once. */
    enum rp_status rc = rp_buf_reserve(buf, len + 2);
    if (rc)
        return rc;
    put(buf, "\"", 1);
    while (!rc && p < end) {
        uint64_t w;
        if (end - p >= 8 && (memcpy(&w, p, 8), !word_needs_care(w))) {
            p += 8;
            continue;
        }
        if (!needs_care[*p]) {
            p++;
            continue;
        }
        const char *esc = *p < 0x80 ? escape_of(*p, spare) : NULL;
        size_t n = esc ? 0 : utf8_valid(p, (size_t)(end - p));
        if (n) {
            p += n;
            continue;
        }
        rc = rp_buf_add(buf, run, (size_t)(p - run));
        if (!rc)
            rc = rp_buf_adds(buf, esc ? esc : "\xEF\xBF\xBD");
        run = ++p;
    }
    if (!rc && !(rc = rp_buf_reserve(buf, (size_t)(p - run) + 1))) {
        put(buf, run, (size_t)(p - run));
        put(buf, "\"", 1);
    }
    return rc;
}

enum rp_status rp_json_out_str(struct rp_buf *buf, const char *s)
{
    return rp_json_out_strn(buf, s, strlen(s));
}

enum rp_status rp_json_out_int(struct rp_buf *buf, int64_t i)
{
    return rp_buf_add_int(buf, i);
}

enum rp_status rp_json_out_name(struct rp_buf *buf, const char *name, int first)
{
    size_t n = strlen(name);
    enum rp_status rc = rp_buf_reserve(buf, n + 4);
    if (rc)
        return rc;
    if (!first)
        put(buf, ",", 1);
    put(buf, "\"", 1);
    put(buf, name, n);
    put(buf, "\":", 2);
    return RP_OK;
}

enum rp_status rp_json_out_key(struct rp_buf *buf, const char *key, int first)
{
    enum rp_status rc = first ? RP_OK : rp_buf_addc(buf, ',');
    if (!rc)
        rc = rp_json_out_str(buf, key);
    return rc ? rc : rp_buf_addc(buf, ':');
}

static int dump_part(const char *text, size_t size, void *data)
{
    return rp_buf_add(data, text, size) ? -1 : 0;
}

enum rp_status rp_json_out_value(struct rp_buf *buf, const json_t *value)
{
    if (!value)
        return rp_buf_adds(buf, "null");
    return json_dump_callback(value, dump_part, buf,
                              JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))
               ? RP_ERR_INTERNAL
               : RP_OK;
}

/* A newline and DEPTH steps of STEP spaces. */
static enum rp_status indent_line(struct rp_buf *buf, size_t depth, size_t step)
{
    size_t n = depth * step;
    enum rp_status rc = rp_buf_reserve(buf, n + 1);
    if (rc)
        return rc;
    buf->data[buf->len++] = '\n';
    memset(buf->data + buf->len, ' ', n);
    buf->len += n;
    buf->data[buf->len] = '\0';
    return RP_OK;
}

/* The end of the string whose opening quote is before P (its closing quote), or END. */
static const char *string_end(const char *p, const char *end)
{
    for (;;) {
        const char *q = memchr(p, '"', (size_t)(end - p));
        if (!q)
            return end;
        size_t slashes = 0;
        while (q - slashes > p && q[-1 - (ptrdiff_t)slashes] == '\\')
            slashes++;
        if (slashes % 2 == 0)
            return q;
        p = q + 1;
    }
}

/* What the indenting writer does with a byte outside strings: 0 copy it, 1 its own case. */
static const unsigned char structural[256] = {
    ['"'] = 1, ['{'] = 1, ['['] = 1,  ['}'] = 1,  [']'] = 1,  [','] = 1,
    [':'] = 1, [' '] = 1, ['\n'] = 1, ['\r'] = 1, ['\t'] = 1,
};

enum rp_status rp_json_out_indent(struct rp_buf *buf, const char *text, size_t len, int step,
                                  rp_json_out_flush *flush, void *arg)
{
    const char *p = text, *end = text + len;
    size_t depth = 0, width = step > 0 ? (size_t)step : 0;
    enum rp_status rc = rp_buf_reserve(buf, flush ? RP_JSON_OUT_CHUNK * 2 : len + len / 2);
    while (!rc && p < end) {
        const char *run = p;
        while (p < end && !structural[(unsigned char)*p])
            p++;
        if (p > run && (rc = rp_buf_add(buf, run, (size_t)(p - run))))
            break;
        if (p == end)
            break;
        char c = *p++;
        if (c == '"') {
            const char *q = string_end(p, end);
            rc = rp_buf_add(buf, p - 1, (size_t)(q - p) + 1 + (q < end));
            p = q + (q < end);
        } else if ((c == '{' && p < end && *p == '}') || (c == '[' && p < end && *p == ']')) {
            rc = rp_buf_add(buf, p++ - 1, 2); /* empty: jansson writes {} and [] */
        } else if (c == '{' || c == '[') {
            if (!(rc = rp_buf_addc(buf, c)))
                rc = indent_line(buf, ++depth, width);
        } else if (c == '}' || c == ']') {
            depth -= depth > 0;
            if (!(rc = indent_line(buf, depth, width)))
                rc = rp_buf_addc(buf, c);
        } else if (c == ',') {
            if (!(rc = rp_buf_addc(buf, ',')))
                rc = indent_line(buf, depth, width);
        } else if (c == ':') {
            rc = rp_buf_add(buf, ": ", 2);
        } /* else white space between tokens: none in indented text but its own */
        if (!rc && flush && buf->len >= RP_JSON_OUT_CHUNK) {
            rc = flush(buf->data, buf->len, arg);
            rp_buf_reset(buf);
        }
    }
    return rc;
}
