/* Working days: which weekdays a salesperson works, and the holidays they do not. Grace
 * periods and retry intervals of the agenda count working days, so that a Friday agreement
 * with a direct customer is missed on Monday, not on Saturday. */
#ifndef RP_WORKDAYS_H
#define RP_WORKDAYS_H

#include <stddef.h>
#include <stdint.h>

#define RP_MAX_HOLIDAYS 400

struct rp_workweek {
    unsigned char works[7];            /* by rp_date_weekday: 0 Monday .. 6 Sunday */
    int64_t holidays[RP_MAX_HOLIDAYS]; /* sorted day numbers */
    size_t nholidays;
};

/* DAYS: weekday names or ranges, "mon-fri" or "mon,tue,thu" (three letters, any case);
 * HOLIDAYS: dates separated by commas or blanks, possibly empty. 0, or -1 with WHY set to
 * what is wrong (a borrowed static string or the offending part copied into WHY). */
int rp_workweek_parse(struct rp_workweek *w, const char *days, const char *holidays, char *why,
                      size_t whysize);
/* Monday to Friday, no holidays. */
void rp_workweek_default(struct rp_workweek *w);

int rp_workday_is(const struct rp_workweek *w, int64_t day);
/* DAY itself when it is a working day, else the next working day. */
int64_t rp_workday_on_or_after(const struct rp_workweek *w, int64_t day);
/* The Nth working day after DAY (N >= 1); DAY itself for N <= 0. */
int64_t rp_workday_add(const struct rp_workweek *w, int64_t day, int64_t n);

#endif
