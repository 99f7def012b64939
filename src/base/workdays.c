/* Working days; see workdays.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/workdays.h"
#include "base/banned.h"

static const char *const weekday_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static int weekday_of(const char *s, size_t n)
{
    for (int i = 0; i < 7; i++)
        if (n == 3 && !strncasecmp(s, weekday_names[i], 3))
            return i;
    return -1;
}

static void why_part(char *why, size_t whysize, const char *what, const char *s, size_t n)
{
    snprintf(why, whysize, "%s '%.*s'", what, (int)(n > 40 ? 40 : n), s);
}

/* One item of the weekday list: "mon" or "mon-fri" (a range may wrap: "sat-tue"). */
static int parse_days_item(struct rp_workweek *w, const char *s, size_t n, char *why,
                           size_t whysize)
{
    const char *dash = memchr(s, '-', n);
    int from = weekday_of(s, dash ? (size_t)(dash - s) : n);
    int to = dash ? weekday_of(dash + 1, n - (size_t)(dash - s) - 1) : from;
    if (from < 0 || to < 0) {
        why_part(why, whysize, "unknown weekday", s, n);
        return -1;
    }
    for (int d = from;; d = (d + 1) % 7) {
        w->works[d] = 1;
        if (d == to)
            break;
    }
    return 0;
}

static int holiday_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int parse_holiday(struct rp_workweek *w, const char *s, size_t n, char *why, size_t whysize)
{
    char text[RP_DATE_LEN];
    int64_t day;
    if (n >= sizeof(text) || (memcpy(text, s, n), text[n] = '\0', rp_date_parse(text, &day))) {
        why_part(why, whysize, "not a date (YYYY-MM-DD)", s, n);
        return -1;
    }
    if (w->nholidays == RP_MAX_HOLIDAYS) {
        snprintf(why, whysize, "more than %d holidays", RP_MAX_HOLIDAYS);
        return -1;
    }
    w->holidays[w->nholidays++] = day;
    return 0;
}

typedef int (*item_fn)(struct rp_workweek *w, const char *s, size_t n, char *why, size_t whysize);

/* Calls ITEM for each part of LIST separated by commas or blanks. */
static int each_item(struct rp_workweek *w, const char *list, item_fn item, char *why,
                     size_t whysize)
{
    const char *seps = ", \t";
    for (const char *p = list; *p;) {
        p += strspn(p, seps);
        size_t n = strcspn(p, seps);
        if (n && item(w, p, n, why, whysize))
            return -1;
        p += n;
    }
    return 0;
}

int rp_workweek_parse(struct rp_workweek *w, const char *days, const char *holidays, char *why,
                      size_t whysize)
{
    memset(w, 0, sizeof(*w));
    if (each_item(w, days ? days : "", parse_days_item, why, whysize) ||
        each_item(w, holidays ? holidays : "", parse_holiday, why, whysize))
        return -1;
    if (!memchr(w->works, 1, sizeof(w->works))) {
        snprintf(why, whysize, "no working day in the week");
        return -1;
    }
    qsort(w->holidays, w->nholidays, sizeof(w->holidays[0]), holiday_cmp);
    return 0;
}

void rp_workweek_default(struct rp_workweek *w)
{
    memset(w, 0, sizeof(*w));
    memset(w->works, 1, 5);
}

int rp_workday_is(const struct rp_workweek *w, int64_t day)
{
    if (!w->works[rp_date_weekday(day)])
        return 0;
    return !bsearch(&day, w->holidays, w->nholidays, sizeof(day), holiday_cmp);
}

/* A week always has a working day and holidays are finite, so these loops end. */
int64_t rp_workday_on_or_after(const struct rp_workweek *w, int64_t day)
{
    while (!rp_workday_is(w, day))
        day++;
    return day;
}

int64_t rp_workday_add(const struct rp_workweek *w, int64_t day, int64_t n)
{
    for (; n > 0; n--)
        day = rp_workday_on_or_after(w, day + 1);
    return day;
}
