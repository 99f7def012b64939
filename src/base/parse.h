/* Checked parsers and validators for outside input. Each returns 0 when the whole string is
 * valid and -1 otherwise, writing its output only on success. */
#ifndef RP_PARSE_H
#define RP_PARSE_H

#include <stdint.h>

/* A decimal integer in [min, max]; no sign but '-', no blanks, no trailing bytes. */
int rp_parse_int64(const char *s, int64_t min, int64_t max, int64_t *out);

/* The largest amount of money accepted, in minor units: under 10^15 (ten trillion in major
 * units), so that sums of many stay far from the limits of 64-bit integers. */
#define RP_MONEY_MAX INT64_C(999999999999999)

/* A non-negative amount of money in major units with at most two decimals ("1200",
 * "1200.5", "1,200.50"), as minor units (cents), at most RP_MONEY_MAX. Commas group
 * thousands only. */
int rp_parse_money(const char *s, int64_t *cents);

/* yes|no|unknown → 1|0|-1. */
int rp_parse_tristate(const char *s, int *out);

/* An addr-spec a mail server would accept: local@domain.tld, no blanks or controls. */
int rp_valid_email(const char *s);

/* An active ISO 4217 code ("EUR"); lowercase is accepted. */
int rp_valid_currency(const char *s);

/* Well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF) with no ASCII
 * control characters (C0 and DEL) but tab, newline and carriage return. */
int rp_valid_text(const char *s);

#endif
