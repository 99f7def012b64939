/* Writing JSON text straight into a growable buffer, for the answers the server makes
 * most often (pages of records): no tree of values to build, walk and free. The text is
 * the same as jansson's compact output of the same values (tests/unit/test_json_out.c
 * compares the two): strings escape '"', '\\' and control characters (\b \f \n \r \t or
 * \u00XX), and keep every other character, non-ASCII UTF-8 included, as it is; a byte
 * that is not valid UTF-8 is written as U+FFFD, so the text is always valid JSON.
 *
 * Each function appends to BUF and returns RP_OK, or the buffer's error when it would pass
 * its cap or memory runs out (then the buffer holds part of the value: discard it). */
#ifndef RP_JSON_OUT_H
#define RP_JSON_OUT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* S (NUL-terminated) as a quoted, escaped JSON string. */
enum rp_status rp_json_out_str(struct rp_buf *buf, const char *s);
/* The LEN bytes at S as a quoted, escaped JSON string. */
enum rp_status rp_json_out_strn(struct rp_buf *buf, const char *s, size_t len);
enum rp_status rp_json_out_int(struct rp_buf *buf, int64_t i);
/* "KEY": (a quoted key and its colon), preceded by a comma unless FIRST. */
enum rp_status rp_json_out_key(struct rp_buf *buf, const char *key, int first);
/* The same for NAME, a name that needs no escape (a field's name: letters, digits, '_'). */
enum rp_status rp_json_out_name(struct rp_buf *buf, const char *name, int first);
/* A jansson value, as json_dumps writes it compactly (for the rare parts of an answer that
 * are built as trees); NULL writes null. */
enum rp_status rp_json_out_value(struct rp_buf *buf, const json_t *value);

/* Hands on LEN bytes of text at S (to a file): RP_OK, or the failure to stop with. */
typedef enum rp_status rp_json_out_flush(const char *s, size_t len, void *arg);
#define RP_JSON_OUT_CHUNK ((size_t)64 << 10)

/* The compact JSON text TEXT (LEN bytes: as this writer or jansson's JSON_COMPACT writes
 * it) written again as jansson's JSON_INDENT(STEP) writes the same value: each member and
 * element on a line of its own, STEP spaces deeper than its container, "key": value, and
 * {} and [] when empty. The text is only re-spaced, never parsed: megabytes cost about
 * what copying them does. With FLUSH, BUF is handed to FLUSH (with ARG) and emptied each
 * time it holds RP_JSON_OUT_CHUNK bytes or more, and holds the rest at the end: a large
 * text is written out without a copy of it all. */
enum rp_status rp_json_out_indent(struct rp_buf *buf, const char *text, size_t len, int step,
                                  rp_json_out_flush *flush, void *arg);

#endif
