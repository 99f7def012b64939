/* CSV in and out, as spreadsheets and other CRMs write it (RFC 4180 and its quirks).
 *
 * The reader streams a file row by row through libcsv: quoted fields with separators,
 * quotes and line breaks; CRLF, LF or CR line ends; a UTF-8 byte order mark; ',', ';' or
 * tab as the separator, found from the first line; UTF-8, or Windows-1252 (which covers
 * Latin-1) when the start of the file is not UTF-8, converted to UTF-8; UTF-16 with its
 * byte order mark (Excel's "Unicode text"). Blank lines are skipped. A file that is
 * binary, not valid text in its encoding, ends inside a quoted field or has a field longer
 * than RP_CSV_FIELD_MAX is an error naming the line.
 *
 * The writer quotes what needs quoting and, for cells a spreadsheet would run as a formula
 * (OWASP: a leading '=', '+', '-', '@', tab or carriage return), puts a ' in front. */
#ifndef RP_CSV_H
#define RP_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"
#include "rapport/status.h"

#define RP_CSV_FIELD_MAX ((size_t)1 << 20) /* bytes in one field */
#define RP_CSV_FIELDS_MAX 1024             /* fields in one row */

struct rp_csv;

/* One row: NUL-terminated UTF-8 fields, borrowed until the next rp_csv_next. LINE is the
 * line of the file the row starts on (1 for the first). */
struct rp_csv_row {
    char **fields;
    size_t n;
    int64_t line;
};

/* Reads from IN (not closed by rp_csv_free). *out is owned: rp_csv_free(). */
enum rp_status rp_csv_open(FILE *in, struct rp_csv **out);
void rp_csv_free(struct rp_csv *r);
/* The next row into *row: 1 when there was one, 0 at the end, -1 on an error
 * (rp_csv_errmsg says which). */
int rp_csv_next(struct rp_csv *r, struct rp_csv_row *row);
/* "line 12 is not valid UTF-8"; borrowed. */
const char *rp_csv_errmsg(const struct rp_csv *r);
/* What was found: the separator, and "UTF-8", "Windows-1252", "UTF-16LE" or "UTF-16BE". */
char rp_csv_separator(const struct rp_csv *r);
const char *rp_csv_encoding(const struct rp_csv *r);
/* Bytes of input read so far (for progress). */
uint64_t rp_csv_bytes(const struct rp_csv *r);

/* Appends one cell (a ',' first unless FIRST) to B, quoted when it holds a separator, a
 * quote or a line break, and made safe for spreadsheets as said above. */
enum rp_status rp_csv_cell(struct rp_buf *b, const char *text, int first);
/* Whether TEXT would be taken for a formula, so rp_csv_cell prefixes it. */
int rp_csv_formula_like(const char *text);

#endif
