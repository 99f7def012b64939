/* Calendar dates and instants.
 *
 * A date is a day number (days since 1970-01-01) in the user's time zone; an instant is
 * seconds since the epoch, written as RFC 3339 UTC ("2026-11-24T09:30:00Z"). The user's
 * zone is the process's TZ, set once with rp_tz_set(). */
#ifndef RP_DATE_H
#define RP_DATE_H

#include <stddef.h>
#include <stdint.h>

#define RP_DATE_LEN 11              /* "YYYY-MM-DD" + NUL */
#define RP_INSTANT_LEN 21           /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */
#define RP_LOCAL_LEN 17             /* "YYYY-MM-DD HH:MM" + NUL */
#define RP_DAY_MAX INT64_C(2932896) /* 9999-12-31, the last day a date can name */

int64_t rp_days_from_civil(int64_t y, unsigned m, unsigned d);
void rp_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

/* Strict YYYY-MM-DD naming a real calendar day (years 1900-9999). 0 or -1. */
int rp_date_parse(const char *s, int64_t *days);
void rp_date_format(int64_t days, char out[RP_DATE_LEN]);
/* 0 Monday .. 6 Sunday. */
int rp_date_weekday(int64_t days);

/* An RFC 3339 instant ("...Z" or "...+02:00"), or a local date-time
 * "YYYY-MM-DD[T| ]HH:MM[:SS]" read in the user's zone, from 1900-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z (an offset that carries it past either end is refused). 0 or -1. */
int rp_instant_parse(const char *s, int64_t *epoch);
/* Whether the LEN bytes at S are exactly what rp_date_format (rp_instant_format) writes for
 * some day (instant): then parsing and writing them again gives them back unchanged. */
int rp_date_canonical(const char *s, size_t len);
int rp_instant_canonical(const char *s, size_t len);
void rp_instant_format(int64_t epoch, char out[RP_INSTANT_LEN]);

/* The user's local calendar day of an instant, and the instant of a local wall time. */
int64_t rp_local_date(int64_t epoch);
int64_t rp_local_instant(int64_t days, int hour, int minute);
void rp_local_format(int64_t epoch, char out[RP_LOCAL_LEN]);

/* rp_local_date() for many instants (a report reads one or two per record): each UTC day's
 * distance from the user's wall clock is found once and kept, and an instant of a day
 * whose distance is the same all through it needs no call to the C library. A day with a
 * change of offset (or a leap second) is answered instant by instant. Make it with
 * rp_local_dates_new(), free it with free(); the zone must not change meanwhile. */
struct rp_local_dates;
struct rp_local_dates *rp_local_dates_new(void);
int64_t rp_local_dates_of(struct rp_local_dates *dates, int64_t epoch);

/* Whether ZONE names a time zone this machine knows. */
int rp_tz_exists(const char *zone);
/* Makes ZONE ("Europe/Berlin", "UTC") the user's zone; -1 when no such zone exists. */
int rp_tz_set(const char *zone);

#endif
