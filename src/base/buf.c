/* Growable byte buffer; see buf.h. */
#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

void rp_buf_init(struct rp_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

void rp_buf_release(struct rp_buf *b)
{
    free(b->data);
    rp_buf_init(b, b->max);
}

void rp_buf_reset(struct rp_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static enum rp_status buf_grow(struct rp_buf *b, size_t extra)
{
    if (extra > b->max || b->len > b->max - extra)
        return RP_ERR_INVALID;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return RP_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return RP_ERR_INTERNAL;
    b->data = p;
    b->cap = cap;
    return RP_OK;
}

enum rp_status rp_buf_reserve(struct rp_buf *b, size_t extra)
{
    enum rp_status rc = buf_grow(b, extra);
    if (!rc && !b->len)
        b->data[0] = '\0';
    return rc;
}

enum rp_status rp_buf_add(struct rp_buf *b, const void *data, size_t len)
{
    enum rp_status rc = buf_grow(b, len);
    if (rc)
        return rc;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return RP_OK;
}

enum rp_status rp_buf_adds(struct rp_buf *b, const char *s)
{
    return rp_buf_add(b, s, strlen(s));
}

enum rp_status rp_buf_addc(struct rp_buf *b, char c)
{
    if (b->len + 1 < b->cap && b->len < b->max) { /* room already: the common case */
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return RP_OK;
    }
    return rp_buf_add(b, &c, 1);
}

enum rp_status rp_buf_add_int(struct rp_buf *b, int64_t i)
{
    char text[24], *p = text + sizeof(text);
    /* By hand: printf's machinery was a tenth of writing a page of records. */
    uint64_t u = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (i < 0)
        *--p = '-';
    return rp_buf_add(b, p, (size_t)(text + sizeof(text) - p));
}

enum rp_status rp_buf_vaddf(struct rp_buf *b, const char *fmt, va_list ap)
{
    /* Written where it goes when it fits, so that printf runs once, not twice. */
    size_t room = b->cap > b->len ? b->cap - b->len : 0;
    char *at = room ? b->data + b->len : NULL;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(at, room, fmt, ap);
    enum rp_status rc = n < 0 ? RP_ERR_INTERNAL : buf_grow(b, (size_t)n);
    if (!rc && (size_t)n >= room)
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
    va_end(again);
    if (rc && at)
        *at = '\0';
    if (!rc)
        b->len += (size_t)n;
    return rc;
}

enum rp_status rp_buf_addf(struct rp_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum rp_status rc = rp_buf_vaddf(b, fmt, ap);
    va_end(ap);
    return rc;
}

const char *rp_buf_str(const struct rp_buf *b)
{
    return b->data ? b->data : "";
}

char *rp_buf_detach(struct rp_buf *b)
{
    char *s = b->data ? b->data : calloc(1, 1);
    rp_buf_init(b, b->max);
    return s;
}
