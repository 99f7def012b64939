/* The sticky error of a handle: a status, the field it is about, and a one-line message
 * ("cannot parse date '2026-13-45' (expected YYYY-MM-DD)"). */
#ifndef RP_ERROR_H
#define RP_ERROR_H

#include <stdarg.h>

#include "base/buf.h"
#include "rapport/status.h"

struct rp_error {
    enum rp_status code;
    char field[48];
    struct rp_buf msg;
};

void rp_error_init(struct rp_error *err);
void rp_error_release(struct rp_error *err);
/* Replaces the error and returns CODE; FIELD may be NULL. */
enum rp_status rp_error_set(struct rp_error *err, enum rp_status code, const char *field,
                            const char *fmt, ...) __attribute__((format(printf, 4, 5)));
enum rp_status rp_error_vset(struct rp_error *err, enum rp_status code, const char *field,
                             const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

/* The error of a reader of outside input (csv.c, vcard.c), which stops at the first: a
 * one-line message ("line 12 is not valid UTF-8") and whether there was one. */
struct rp_read_error {
    struct rp_buf msg;
    int failed;
};

/* Records the message, unless an earlier one was; returns -1 (a reader's failing result). */
int rp_read_fail(struct rp_read_error *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
