/* Sticky errors; see error.h. */
#include "base/error.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

const char *rp_strerror(enum rp_status rc)
{
    static const char *const names[] = {
        [RP_OK] = "ok",
        [RP_ERR_INTERNAL] = "internal error",
        [RP_ERR_USAGE] = "usage error",
        [RP_ERR_NOTFOUND] = "not found",
        [RP_ERR_INVALID] = "invalid input",
        [RP_ERR_CONFLICT] = "conflict",
        [RP_ERR_FORBIDDEN] = "forbidden",
        [RP_ERR_AUTH] = "not logged in",
        [RP_ERR_UNAVAILABLE] = "unavailable",
        [RP_ERR_BUSY] = "busy",
    };
    if ((unsigned)rc < sizeof(names) / sizeof(names[0]) && names[rc])
        return names[rc];
    return "unknown error";
}

void rp_error_init(struct rp_error *err)
{
    err->code = RP_OK;
    err->field[0] = '\0';
    rp_buf_init(&err->msg, 4096);
}

void rp_error_release(struct rp_error *err)
{
    rp_buf_release(&err->msg);
}

enum rp_status rp_error_vset(struct rp_error *err, enum rp_status code, const char *field,
                             const char *fmt, va_list ap)
{
    /* Written apart and then swapped in: the new message may quote the old one
     * (rp_db_errmsg as an argument). */
    struct rp_buf msg;
    rp_buf_init(&msg, err->msg.max);
    err->code = code;
    snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
    if (rp_buf_vaddf(&msg, fmt, ap))
        rp_buf_adds(&msg, rp_strerror(code));
    rp_buf_release(&err->msg);
    err->msg = msg;
    return code;
}

enum rp_status rp_error_set(struct rp_error *err, enum rp_status code, const char *field,
                            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rp_error_vset(err, code, field, fmt, ap);
    va_end(ap);
    return code;
}

int rp_read_fail(struct rp_read_error *e, const char *fmt, ...)
{
    if (e->failed)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    rp_buf_reset(&e->msg);
    rp_buf_vaddf(&e->msg, fmt, ap);
    va_end(ap);
    e->failed = 1;
    return -1;
}
