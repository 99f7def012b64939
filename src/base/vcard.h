/* vCard in (2.1, 3.0 and 4.0, RFC 6350) and out (4.0).
 *
 * The reader streams cards: folded lines, escaped ',' ';' '\' and newlines, QUOTED-PRINTABLE
 * values (with soft line breaks) in the CHARSET they name, Apple's "item1." groups, and
 * parameters written either way (TYPE=WORK or 2.1's bare WORK). It keeps what a contact
 * needs: FN, N, the first EMAIL and TEL (a PREF one first), ORG (without departments) and
 * TITLE; everything else, PHOTO included, is skipped. */
#ifndef RP_VCARD_H
#define RP_VCARD_H

#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"
#include "rapport/status.h"

#define RP_VCARD_LINE_MAX ((size_t)8 << 20) /* bytes in one unfolded line (a photo) */

enum rp_vcard_field {
    RP_VC_FN,
    RP_VC_FAMILY,
    RP_VC_GIVEN,
    RP_VC_MIDDLE,
    RP_VC_EMAIL,
    RP_VC_TEL,
    RP_VC_ORG,
    RP_VC_TITLE,
    RP_VC_NFIELDS
};

/* One card: NUL-terminated UTF-8 values ("" when absent), and the line its BEGIN is on. */
struct rp_vcard {
    char *v[RP_VC_NFIELDS];
    int64_t line;
};

struct rp_vcard_reader;

enum rp_status rp_vcard_open(FILE *in, struct rp_vcard_reader **out);
void rp_vcard_free(struct rp_vcard_reader *r);
/* The next card into *card (borrowed until the next call): 1, 0 at the end, -1 on an error
 * (rp_vcard_errmsg). */
int rp_vcard_next(struct rp_vcard_reader *r, struct rp_vcard *card);
const char *rp_vcard_errmsg(const struct rp_vcard_reader *r);
uint64_t rp_vcard_bytes(const struct rp_vcard_reader *r);

/* Appends "NAME:value\r\n" to B with the value escaped (ESCAPE_SEMI: ';' too) and the line
 * folded at 75 bytes, never inside a UTF-8 character. */
enum rp_status rp_vcard_line(struct rp_buf *b, const char *name, const char *value,
                             int escape_semi);

#endif
