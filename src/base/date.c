/* Civil-calendar arithmetic and RFC 3339 parsing; see date.h. */
#include "base/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar, by counting whole
 * 400-year eras from March 1st so that leap days fall at the end of each year. */
int64_t rp_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void rp_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    unsigned doe = (unsigned)(days - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int days_in_month(int y, int m)
{
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : len[m - 1];
}

/* Reads "YYYY-MM-DD" at the start of s without looking past it. */
static int date_prefix(const char *s, int *y, int *m, int *d)
{
    if (digits(s, 4, y) || s[4] != '-' || digits(s + 5, 2, m) || s[7] != '-' || digits(s + 8, 2, d))
        return -1;
    if (*y < 1900 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
        return -1;
    return 0;
}

int rp_date_parse(const char *s, int64_t *days)
{
    int y, m, d;
    if (strlen(s) != 10 || date_prefix(s, &y, &m, &d))
        return -1;
    *days = rp_days_from_civil(y, (unsigned)m, (unsigned)d);
    return 0;
}

/* Writes v as exactly n decimal digits (the last n when it has more). Formatting by hand
 * rather than with snprintf() keeps GCC's -Wformat-truncation quiet: it cannot see that the
 * fields fit, and snprintf() is also the slow part of printing a long agenda. */
static void put_digits(char *out, unsigned v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* "YYYY-MM-DD" without the NUL; years outside 0-9999 wrap (they never come from parsing). */
static void put_date(char *out, int64_t y, unsigned m, unsigned d)
{
    put_digits(out, (unsigned)((y % 10000 + 10000) % 10000), 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
}

/* "HH:MM" without the NUL. */
static void put_time(char *out, unsigned h, unsigned mi)
{
    put_digits(out, h, 2);
    out[2] = ':';
    put_digits(out + 3, mi, 2);
}

void rp_date_format(int64_t days, char out[RP_DATE_LEN])
{
    int64_t y;
    unsigned m, d;
    rp_civil_from_days(days, &y, &m, &d);
    put_date(out, y, m, d);
    out[10] = '\0';
}

int rp_date_weekday(int64_t days)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int64_t w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* "HH:MM[:SS[.fraction]]" at s; returns the bytes read or -1. */
static int time_part(const char *s, int *h, int *mi, int *sec)
{
    const char *p = s;
    if (digits(p, 2, h) || p[2] != ':' || digits(p + 3, 2, mi))
        return -1;
    p += 5;
    *sec = 0;
    if (*p == ':') {
        if (digits(p + 1, 2, sec))
            return -1;
        p += 3;
        if (*p == '.') {
            p++;
            if (!isdigit((unsigned char)*p))
                return -1;
            while (isdigit((unsigned char)*p))
                p++;
        }
    }
    if (*h > 23 || *mi > 59 || *sec > 60)
        return -1;
    return (int)(p - s);
}

/* "Z", "+HH:MM" or "-HH:MM" as seconds east of UTC; -1 on anything else. */
static int zone_offset(const char *s, int64_t *off)
{
    if ((s[0] == 'Z' || s[0] == 'z') && !s[1]) {
        *off = 0;
        return 0;
    }
    int h, m;
    if ((s[0] != '+' && s[0] != '-') || digits(s + 1, 2, &h) || s[3] != ':' ||
        digits(s + 4, 2, &m) || s[6] || h > 23 || m > 59)
        return -1;
    *off = (s[0] == '-' ? -1 : 1) * (int64_t)(h * 3600 + m * 60);
    return 0;
}

/* The instants a date of years 1900-9999 can name: an offset must not carry one past
 * either end, where it could no longer be written as YYYY. */
#define INSTANT_MIN (-2208988800LL)  /* 1900-01-01T00:00:00Z */
#define INSTANT_MAX (253402300799LL) /* 9999-12-31T23:59:59Z */

static int instant_in_range(int64_t epoch, int64_t *out)
{
    if (epoch < INSTANT_MIN || epoch > INSTANT_MAX)
        return -1;
    *out = epoch;
    return 0;
}

int rp_instant_parse(const char *s, int64_t *epoch)
{
    int y, mo, d, h, mi, sec;
    if (strlen(s) < 16 || date_prefix(s, &y, &mo, &d) ||
        (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
        return -1;
    int n = time_part(s + 11, &h, &mi, &sec);
    if (n < 0)
        return -1;
    const char *rest = s + 11 + n;
    int64_t days = rp_days_from_civil(y, (unsigned)mo, (unsigned)d);
    if (!*rest)
        return instant_in_range(rp_local_instant(days, h, mi) + sec, epoch);
    int64_t off;
    if (zone_offset(rest, &off))
        return -1;
    return instant_in_range(days * 86400 + h * 3600 + mi * 60 + sec - off, epoch);
}

int rp_date_canonical(const char *s, size_t len)
{
    int y, m, d;
    return len == RP_DATE_LEN - 1 && !date_prefix(s, &y, &m, &d);
}

int rp_instant_canonical(const char *s, size_t len)
{
    int y, mo, d, h, mi, sec;
    return len == RP_INSTANT_LEN - 1 && !date_prefix(s, &y, &mo, &d) && s[10] == 'T' &&
           !digits(s + 11, 2, &h) && s[13] == ':' && !digits(s + 14, 2, &mi) && s[16] == ':' &&
           !digits(s + 17, 2, &sec) && s[19] == 'Z' && h < 24 && mi < 60 && sec < 60;
}

void rp_instant_format(int64_t epoch, char out[RP_INSTANT_LEN])
{
    int64_t days = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400;
    unsigned secs = (unsigned)(epoch - days * 86400);
    rp_date_format(days, out);
    out[10] = 'T';
    put_time(out + 11, secs / 3600, secs % 3600 / 60);
    out[16] = ':';
    put_digits(out + 17, secs % 60, 2);
    out[19] = 'Z';
    out[20] = '\0';
}

int64_t rp_local_date(int64_t epoch)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    localtime_r(&t, &tm);
    return rp_days_from_civil(tm.tm_year + 1900, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday);
}

#define LOCAL_DAYS 4096 /* UTC days kept, by day number modulo this */

struct rp_local_dates {
    int64_t day[LOCAL_DAYS];         /* the UTC day kept in each slot */
    int64_t shift[LOCAL_DAYS];       /* wall clock minus UTC through all of that day, seconds */
    unsigned char state[LOCAL_DAYS]; /* 0: nothing kept, 1: one shift all day, 2: not */
};

struct rp_local_dates *rp_local_dates_new(void)
{
    return calloc(1, sizeof(struct rp_local_dates));
}

/* Seconds from the epoch to the wall-clock time of EPOCH, read as if it were UTC. */
static int64_t wall_seconds(int64_t epoch)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    localtime_r(&t, &tm);
    return rp_days_from_civil(tm.tm_year + 1900, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday) *
               86400 +
           tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

/* Keeps UTC day DAY in slot I: its shift when the wall clock keeps one from the day's first
 * second to its last, looked at every hour (zones change their offset months apart). */
static void local_day_keep(struct rp_local_dates *c, size_t i, int64_t day)
{
    int64_t start = day * 86400, shift = wall_seconds(start) - start;
    int same = 1;
    for (int h = 1; h <= 24 && same; h++) {
        int64_t t = start + h * 3600 - (h == 24);
        same = wall_seconds(t) - t == shift;
    }
    c->day[i] = day;
    c->shift[i] = shift;
    c->state[i] = same ? 1 : 2;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b < 0);
}

int64_t rp_local_dates_of(struct rp_local_dates *c, int64_t epoch)
{
    int64_t day = floor_div(epoch, 86400);
    size_t i = (size_t)(day & (LOCAL_DAYS - 1));
    if (!c->state[i] || c->day[i] != day)
        local_day_keep(c, i, day);
    return c->state[i] == 1 ? floor_div(epoch + c->shift[i], 86400) : rp_local_date(epoch);
}

int64_t rp_local_instant(int64_t days, int hour, int minute)
{
    int64_t y;
    unsigned m, d;
    rp_civil_from_days(days, &y, &m, &d);
    struct tm tm = {0};
    tm.tm_year = (int)y - 1900;
    tm.tm_mon = (int)m - 1;
    tm.tm_mday = (int)d;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

void rp_local_format(int64_t epoch, char out[RP_LOCAL_LEN])
{
    time_t t = (time_t)epoch;
    struct tm tm;
    localtime_r(&t, &tm);
    put_date(out, (int64_t)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday);
    out[10] = ' ';
    put_time(out + 11, (unsigned)tm.tm_hour, (unsigned)tm.tm_min);
    out[16] = '\0';
}

int rp_tz_exists(const char *zone)
{
    if (!*zone || zone[0] == '/' || strstr(zone, "..") || strlen(zone) > 64)
        return 0;
    if (!strcmp(zone, "UTC"))
        return 1;
    /* A zone is a TZif file; zoneinfo also holds tables (zone.tab) that are not zones. */
    char path[128], magic[4];
    snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(magic, 1, sizeof(magic), f);
    fclose(f);
    return n == sizeof(magic) && !memcmp(magic, "TZif", 4);
}

int rp_tz_set(const char *zone)
{
    if (!rp_tz_exists(zone))
        return -1;
    if (setenv("TZ", zone, 1))
        return -1;
    tzset();
    return 0;
}
