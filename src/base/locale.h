/* Days and amounts in the words of a locale, for the messages Rapport drafts. The names
 * are tables here rather than the C library's locales, which a machine may not have
 * installed; all text is UTF-8. */
#ifndef RP_LOCALE_H
#define RP_LOCALE_H

#include <stdint.h>

struct rp_buf;

/* The locales known, NULL-terminated: "en-US" (the default), "en-GB", "de-DE", "fr-FR". */
extern const char *const rp_locales[];

/* Index of NAME in rp_locales, or -1. */
int rp_locale_find(const char *name);

/* Appends DAY (days since 1970-01-01) as LOCALE writes a day in a letter: en-US "Tuesday,
 * July 7", en-GB "Tuesday 7 July", de-DE "Dienstag, 7. Juli", fr-FR "mardi 7 juillet". */
void rp_locale_date(struct rp_buf *b, int locale, int64_t day);

/* Appends CENTS (minor units, >= 0) with the locale's separators: "1,200.50" (en),
 * "1.200,50" (de), "1 200,50" (fr, with a no-break space). */
void rp_locale_amount(struct rp_buf *b, int locale, int64_t cents);

#endif
