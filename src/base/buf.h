/* A growable, NUL-terminated byte buffer with a size cap: the one way text is built.
 *
 * Initialize with rp_buf_init() (or RP_BUF_INIT), append, then either read `data`
 * (borrowed, valid until the next append or release) or take ownership with
 * rp_buf_detach() (free() the result). Appending past `max` fails and leaves the buffer
 * as it was. */
#ifndef RP_BUF_H
#define RP_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "rapport/status.h"

struct rp_buf {
    char *data; /* always NUL-terminated once anything was appended; "" otherwise */
    size_t len;
    size_t cap;
    size_t max; /* the largest len allowed */
};

#define RP_BUF_DEFAULT_MAX ((size_t)64 << 20)
#define RP_BUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0, RP_BUF_DEFAULT_MAX                                                             \
    }

void rp_buf_init(struct rp_buf *b, size_t max);
void rp_buf_release(struct rp_buf *b);
void rp_buf_reset(struct rp_buf *b);
/* Makes room for EXTRA more bytes (and the NUL), so that appending them cannot fail. */
enum rp_status rp_buf_reserve(struct rp_buf *b, size_t extra);
enum rp_status rp_buf_add(struct rp_buf *b, const void *data, size_t len);
enum rp_status rp_buf_adds(struct rp_buf *b, const char *s);
enum rp_status rp_buf_addc(struct rp_buf *b, char c);
/* I in decimal. */
enum rp_status rp_buf_add_int(struct rp_buf *b, int64_t i);
enum rp_status rp_buf_addf(struct rp_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
enum rp_status rp_buf_vaddf(struct rp_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* The contents, never NULL (an empty buffer gives ""). Borrowed. */
const char *rp_buf_str(const struct rp_buf *b);
/* Hands out the contents (free() them) and leaves the buffer empty. Never NULL. */
char *rp_buf_detach(struct rp_buf *b);

#endif
