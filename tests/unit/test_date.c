/* Tests for the calendar arithmetic, date and instant parsing in base/date.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>

#include "base/date.h"

#define DAY INT64_C(86400)

/* Every test starts in UTC whatever the environment says; a test that needs another zone
 * sets it (Criterion runs each test in its own process, so nothing leaks). */
static void in_utc(void)
{
    cr_assert_eq(rp_tz_set("UTC"), 0);
}

TestSuite(date, .init = in_utc);
TestSuite(instant, .init = in_utc);
TestSuite(local, .init = in_utc);

static int64_t civil(int64_t y, unsigned m, unsigned d)
{
    return rp_days_from_civil(y, m, d);
}

static int64_t utc(int64_t y, unsigned mo, unsigned d, int h, int mi, int s)
{
    return civil(y, mo, d) * DAY + h * 3600 + mi * 60 + s;
}

static void date_ok(const char *s, int64_t want)
{
    int64_t v = -12345;
    cr_assert_eq(rp_date_parse(s, &v), 0, "'%s' should parse", s);
    cr_assert_eq(v, want, "'%s' gave day %lld, want %lld", s, (long long)v, (long long)want);
}

static void date_bad(const char *s)
{
    int64_t v = -12345;
    cr_assert_eq(rp_date_parse(s, &v), -1, "'%s' should be rejected", s);
    cr_assert_eq(v, -12345, "'%s' wrote its output on failure", s);
}

Test(date, known_days)
{
    cr_assert_eq(civil(1970, 1, 1), 0);
    cr_assert_eq(civil(1969, 12, 31), -1);
    cr_assert_eq(civil(1900, 1, 1), -25567);
    cr_assert_eq(civil(2000, 2, 29), 11016);
    cr_assert_eq(civil(2024, 2, 29), 19782);
    cr_assert_eq(civil(2026, 11, 24), 20781);
    cr_assert_eq(civil(9999, 12, 31), 2932896);
    cr_assert_eq(civil(0, 3, 1), -719468);
}

Test(date, parse)
{
    date_ok("1970-01-01", 0);
    date_ok("2026-11-24", 20781);
    date_ok("1900-01-01", -25567);
    date_ok("9999-12-31", 2932896);
    date_ok("2026-01-31", civil(2026, 1, 31));
    date_ok("2026-04-30", civil(2026, 4, 30));
    date_ok("2026-12-31", civil(2026, 12, 31));
}

Test(date, leap_years)
{
    date_ok("2024-02-29", 19782);
    date_ok("2000-02-29", 11016); /* divisible by 400 */
    date_ok("2400-02-29", civil(2400, 2, 29));
    date_bad("2023-02-29");
    date_bad("1900-02-29"); /* divisible by 100, not by 400 */
    date_bad("2100-02-29");
    date_bad("2024-02-30");
    cr_assert_eq(civil(2024, 3, 1) - civil(2024, 2, 28), 2);
    cr_assert_eq(civil(2023, 3, 1) - civil(2023, 2, 28), 1);
    cr_assert_eq(civil(2025, 1, 1) - civil(2024, 1, 1), 366);
    cr_assert_eq(civil(2101, 1, 1) - civil(2100, 1, 1), 365);
}

Test(date, impossible_days)
{
    static const char *const bad[] = {
        "2026-13-45", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "2026-04-31",
        "2026-06-31", "2026-09-31", "2026-11-31", "1899-12-31", "0000-01-01", "2026-99-99",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        date_bad(bad[i]);
}

Test(date, shape)
{
    /* The last one starts with a fullwidth digit two. */
    static const char *const bad[] = {
        "",
        "2026",
        "2026-01",
        "2026-1-05",
        "2026-01-5",
        "26-01-05",
        "20260105",
        "2026/01/05",
        "2026.01.05",
        "2026-01-05 ",
        " 2026-01-05",
        "2026-01-05x",
        "2026-01-05\n",
        "2026-01-05T00:00",
        "+026-01-05",
        "-026-01-05",
        "2026-+1-05",
        "2026-01--5",
        "2026-01-05-",
        "1O26-01-05",
        "10000-01-01",
        "2026-01-05Z",
        "\xef\xbc\x92"
        "026-01-05",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        date_bad(bad[i]);
}

Test(date, format)
{
    char out[RP_DATE_LEN];
    rp_date_format(0, out);
    cr_assert_str_eq(out, "1970-01-01");
    rp_date_format(-1, out);
    cr_assert_str_eq(out, "1969-12-31");
    rp_date_format(19782, out);
    cr_assert_str_eq(out, "2024-02-29");
    rp_date_format(-25567, out);
    cr_assert_str_eq(out, "1900-01-01");
    rp_date_format(2932896, out);
    cr_assert_str_eq(out, "9999-12-31");
}

/* Checks every day in 1600..9999 (and some way around it) against the C library and against
 * its neighbours, then format → parse back within the range the parser accepts. */
Test(date, round_trip_wide_range)
{
    int64_t first = civil(1000, 1, 1), last = civil(10500, 12, 31);
    int64_t py = 0;
    unsigned pm = 0, pd = 0;
    for (int64_t n = first; n <= last; n++) {
        int64_t y;
        unsigned m, d;
        rp_civil_from_days(n, &y, &m, &d);
        cr_assert(m >= 1 && m <= 12 && d >= 1 && d <= 31, "day %lld", (long long)n);
        cr_assert_eq(rp_days_from_civil(y, m, d), n, "day %lld", (long long)n);
        if (n > first) {
            int next_month = d == 1 && (m == pm + 1 || (m == 1 && pm == 12 && y == py + 1));
            cr_assert(d == pd + 1 ? m == pm && y == py : next_month, "day %lld", (long long)n);
        }
        py = y, pm = m, pd = d;

        struct tm tm;
        time_t t = (time_t)(n * DAY);
        cr_assert_not_null(gmtime_r(&t, &tm));
        cr_assert(tm.tm_year + 1900 == y && tm.tm_mon + 1 == (int)m && tm.tm_mday == (int)d,
                  "day %lld: libc says %d-%d-%d", (long long)n, tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday);
        cr_assert_eq(rp_date_weekday(n), (tm.tm_wday + 6) % 7, "day %lld", (long long)n);

        if (y >= 1900 && y <= 9999) {
            char s[RP_DATE_LEN];
            int64_t back;
            rp_date_format(n, s);
            cr_assert_eq(rp_date_parse(s, &back), 0, "'%s'", s);
            cr_assert_eq(back, n, "'%s'", s);
        }
    }
}

Test(date, round_trip_far_from_epoch)
{
    static const int64_t days[] = {-100000000, -719468, -719469,   -146097,         -1,
                                   0,          146097,  100000000, INT64_C(1) << 40};
    for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
        int64_t y;
        unsigned m, d;
        rp_civil_from_days(days[i], &y, &m, &d);
        cr_assert_eq(rp_days_from_civil(y, m, d), days[i], "day %lld", (long long)days[i]);
    }
}

Test(date, weekday)
{
    cr_assert_eq(rp_date_weekday(0), 3); /* 1970-01-01, a Thursday */
    cr_assert_eq(rp_date_weekday(-1), 2);
    cr_assert_eq(rp_date_weekday(-7), 3);
    cr_assert_eq(rp_date_weekday(-25567), 0); /* 1900-01-01, a Monday */
    cr_assert_eq(rp_date_weekday(civil(2000, 1, 1)), 5);
    cr_assert_eq(rp_date_weekday(civil(2026, 11, 24)), 1);
    cr_assert_eq(rp_date_weekday(civil(2026, 11, 29)), 6);
    cr_assert_eq(rp_date_weekday(civil(2024, 2, 29)), 3);
}

static void instant_ok(const char *s, int64_t want)
{
    int64_t v = -12345;
    cr_assert_eq(rp_instant_parse(s, &v), 0, "'%s' should parse", s);
    cr_assert_eq(v, want, "'%s' gave %lld, want %lld", s, (long long)v, (long long)want);
}

static void instant_bad(const char *s)
{
    int64_t v = -12345;
    cr_assert_eq(rp_instant_parse(s, &v), -1, "'%s' should be rejected", s);
    cr_assert_eq(v, -12345, "'%s' wrote its output on failure", s);
}

Test(instant, utc)
{
    instant_ok("2026-11-24T09:30:00Z", INT64_C(1795512600));
    instant_ok("1970-01-01T00:00:00Z", 0);
    instant_ok("1969-12-31T23:59:59Z", -1);
    instant_ok("2026-11-24t09:30:00z", INT64_C(1795512600));
    instant_ok("2024-02-29T23:59:59Z", utc(2024, 3, 1, 0, 0, 0) - 1);
    instant_ok("9999-12-31T23:59:59Z", utc(10000, 1, 1, 0, 0, 0) - 1);
    instant_ok("1900-01-01T00:00:00Z", -25567 * DAY);
}

/* An offset must not carry an instant outside the years a date can be written in. */
Test(instant, edges)
{
    instant_bad("9999-12-31T23:00:00-05:00");
    instant_bad("9999-12-31T23:59:59-00:01");
    instant_bad("1900-01-01T00:00:00+01:00");
    instant_bad("1900-01-01T00:59:59+01:00");
    instant_ok("1900-01-01T01:00:00+01:00", -25567 * DAY);
    instant_ok("9999-12-31T18:59:59-05:00", utc(10000, 1, 1, 0, 0, 0) - 1);
}

Test(instant, offsets)
{
    int64_t at = INT64_C(1795512600); /* 2026-11-24T09:30:00Z */
    instant_ok("2026-11-24T11:30:00+02:00", at);
    instant_ok("2026-11-24T04:00:00-05:30", at);
    instant_ok("2026-11-24T09:30:00+00:00", at);
    instant_ok("2026-11-24T09:30:00-00:00", at);
    instant_ok("2026-11-25T09:29:00+23:59", at);
    instant_ok("2026-11-23T09:31:00-23:59", at);
    /* An offset can move the instant across a day, month and year boundary. */
    instant_ok("2027-01-01T01:00:00+02:00", utc(2026, 12, 31, 23, 0, 0));
    instant_ok("2026-12-31T22:00:00-03:00", utc(2027, 1, 1, 1, 0, 0));
}

Test(instant, fractions_are_truncated)
{
    int64_t at = INT64_C(1795512600);
    instant_ok("2026-11-24T09:30:00.0Z", at);
    instant_ok("2026-11-24T09:30:00.999999999Z", at);
    instant_ok("2026-11-24T09:30:00.5+01:00", at - 3600);
    instant_bad("2026-11-24T09:30:00.Z");
    instant_bad("2026-11-24T09:30:00.+01:00");
    instant_bad("2026-11-24T09:30:00.5.5Z");
    instant_bad("2026-11-24T09:30:00,5Z");
}

Test(instant, local_in_utc)
{
    int64_t at = INT64_C(1795512600);
    instant_ok("2026-11-24T09:30", at);
    instant_ok("2026-11-24 09:30", at);
    instant_ok("2026-11-24T09:30:00", at);
    instant_ok("2026-11-24 09:30:59", at + 59);
    instant_ok("2026-11-24 09:30:59.75", at + 59);
}

Test(instant, rejects)
{
    static const char *const bad[] = {
        "",
        "2026-11-24",
        "2026-11-24T",
        "2026-11-24T09",
        "2026-11-24T9:30:00Z",
        "2026-11-24T09:3Z",
        "2026-11-24X09:30:00Z",
        "2026-11-24  09:30",
        "2026-11-24T24:00:00Z",
        "2026-11-24T09:60:00Z",
        "2026-11-24T09:30:61Z",
        "2026-11-24T09:30:0Z",
        "2026-02-30T09:30:00Z",
        "2023-02-29T09:30:00Z",
        "2026-13-01T09:30:00Z",
        "1899-12-31T23:59:59Z",
        "2026-11-24T09:30:00ZZ",
        "2026-11-24T09:30:00Zjunk",
        "2026-11-24T09:30:00 Z",
        "2026-11-24T09:30:00Z ",
        "2026-11-24T09:30:00 ",
        "2026-11-24T09:30:00+02",
        "2026-11-24T09:30:00+0200",
        "2026-11-24T09:30:00+2:00",
        "2026-11-24T09:30:00+02:00:00",
        "2026-11-24T09:30:00+24:00",
        "2026-11-24T09:30:00+02:60",
        "2026-11-24T09:30:00*02:00",
        "2026-11-24T09:30:00UTC",
        "2026-11-24T09:30:00GMT+1",
        "2026-11-24T-9:30:00Z",
        "2026-11-24T09:-3:00Z",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        instant_bad(bad[i]);
}

Test(instant, format)
{
    char out[RP_INSTANT_LEN];
    rp_instant_format(0, out);
    cr_assert_str_eq(out, "1970-01-01T00:00:00Z");
    rp_instant_format(-1, out);
    cr_assert_str_eq(out, "1969-12-31T23:59:59Z");
    rp_instant_format(-DAY, out);
    cr_assert_str_eq(out, "1969-12-31T00:00:00Z");
    rp_instant_format(-DAY - 1, out);
    cr_assert_str_eq(out, "1969-12-30T23:59:59Z");
    rp_instant_format(INT64_C(1795512600), out);
    cr_assert_str_eq(out, "2026-11-24T09:30:00Z");
    rp_instant_format(utc(2024, 2, 29, 23, 59, 59), out);
    cr_assert_str_eq(out, "2024-02-29T23:59:59Z");
    rp_instant_format(utc(9999, 12, 31, 23, 59, 59), out);
    cr_assert_str_eq(out, "9999-12-31T23:59:59Z");
    rp_instant_format(-25567 * DAY, out);
    cr_assert_str_eq(out, "1900-01-01T00:00:00Z");
}

Test(instant, round_trip)
{
    /* A spread of instants from 1900 to 9999, including both sides of the epoch. */
    int64_t lo = -25567 * DAY, hi = utc(9999, 12, 31, 23, 59, 59);
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
        int64_t t = lo + (int64_t)(x % (uint64_t)(hi - lo + 1));
        char s[RP_INSTANT_LEN];
        int64_t back;
        rp_instant_format(t, s);
        cr_assert_eq(strlen(s), RP_INSTANT_LEN - 1, "'%s'", s);
        cr_assert_eq(rp_instant_parse(s, &back), 0, "'%s'", s);
        cr_assert_eq(back, t, "'%s'", s);
    }
}

Test(local, tz_set)
{
    cr_assert_eq(rp_tz_set("Europe/Berlin"), 0);
    cr_assert_eq(rp_tz_set("America/New_York"), 0);
    cr_assert_eq(rp_tz_set("UTC"), 0);
    static const char *const bad[] = {
        "",
        "Nowhere/Atlantis",
        "Europe",
        "/etc/localtime",
        "../../etc/passwd",
        "Europe/../Europe/Berlin",
        "Europe/Berlin ",
        "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Berlin",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        cr_assert_eq(rp_tz_set(bad[i]), -1, "'%s' should be rejected", bad[i]);
}

Test(local, tz_exists)
{
    cr_assert(rp_tz_exists("UTC"));
    cr_assert(rp_tz_exists("Europe/Berlin"));
    cr_assert_not(rp_tz_exists(""));
    cr_assert_not(rp_tz_exists("Nowhere/Atlantis"));
    cr_assert_not(rp_tz_exists("Europe"));
    cr_assert_not(rp_tz_exists("../../etc/passwd"));
}

Test(local, berlin_parse)
{
    cr_assert_eq(rp_tz_set("Europe/Berlin"), 0);
    /* Winter is UTC+1, summer UTC+2; an explicit offset ignores the zone. */
    instant_ok("2026-01-15 12:00", utc(2026, 1, 15, 11, 0, 0));
    instant_ok("2026-07-01T12:00:00", utc(2026, 7, 1, 10, 0, 0));
    instant_ok("2026-07-01T12:00:00Z", utc(2026, 7, 1, 12, 0, 0));
    instant_ok("2026-07-01T12:00:00+05:00", utc(2026, 7, 1, 7, 0, 0));
    /* Clocks go forward at 02:00 on 2026-03-29 and back at 03:00 on 2026-10-25. */
    instant_ok("2026-03-29 01:30", INT64_C(1774744200));
    instant_ok("2026-03-29 03:30", INT64_C(1774747800));
    instant_ok("2026-10-24 12:00", utc(2026, 10, 24, 10, 0, 0));
    instant_ok("2026-10-25 12:00", utc(2026, 10, 25, 11, 0, 0));
}

Test(local, berlin_dst_days)
{
    cr_assert_eq(rp_tz_set("Europe/Berlin"), 0);
    int64_t spring = civil(2026, 3, 29), autumn = civil(2026, 10, 25);
    cr_assert_eq(rp_local_instant(spring, 0, 0), INT64_C(1774738800));
    cr_assert_eq(rp_local_instant(spring + 1, 0, 0) - rp_local_instant(spring, 0, 0), 23 * 3600);
    cr_assert_eq(rp_local_instant(autumn, 0, 0), INT64_C(1792879200));
    cr_assert_eq(rp_local_instant(autumn + 1, 0, 0), INT64_C(1792969200));
    cr_assert_eq(rp_local_instant(autumn + 1, 0, 0) - rp_local_instant(autumn, 0, 0), 25 * 3600);
    cr_assert_eq(rp_local_instant(spring, 12, 0), utc(2026, 3, 29, 10, 0, 0));
    cr_assert_eq(rp_local_instant(spring - 1, 12, 0), utc(2026, 3, 28, 11, 0, 0));
    /* 02:30 does not exist on the spring day; whatever mktime picks lies within the gap. */
    int64_t gap = rp_local_instant(spring, 2, 30);
    cr_assert(gap >= utc(2026, 3, 29, 0, 30, 0) && gap <= utc(2026, 3, 29, 1, 30, 0));
}

Test(local, berlin_dates)
{
    cr_assert_eq(rp_tz_set("Europe/Berlin"), 0);
    /* Local midnight is 23:00Z in winter and 22:00Z in summer. */
    cr_assert_eq(rp_local_date(utc(2026, 1, 15, 22, 59, 59)), civil(2026, 1, 15));
    cr_assert_eq(rp_local_date(utc(2026, 1, 15, 23, 0, 0)), civil(2026, 1, 16));
    cr_assert_eq(rp_local_date(utc(2026, 7, 1, 21, 59, 59)), civil(2026, 7, 1));
    cr_assert_eq(rp_local_date(utc(2026, 7, 1, 22, 0, 0)), civil(2026, 7, 2));
    cr_assert_eq(rp_local_date(utc(2026, 3, 28, 22, 59, 59)), civil(2026, 3, 28));
    cr_assert_eq(rp_local_date(utc(2026, 3, 28, 23, 0, 0)), civil(2026, 3, 29));
    cr_assert_eq(rp_local_date(utc(2026, 12, 31, 23, 30, 0)), civil(2027, 1, 1));

    char out[RP_LOCAL_LEN];
    rp_local_format(utc(2026, 7, 1, 10, 0, 0), out);
    cr_assert_str_eq(out, "2026-07-01 12:00");
    rp_local_format(utc(2026, 1, 15, 23, 5, 59), out);
    cr_assert_str_eq(out, "2026-01-16 00:05");
    rp_local_format(INT64_C(1774747800), out);
    cr_assert_str_eq(out, "2026-03-29 03:30");
}

Test(local, utc_is_identity)
{
    cr_assert_eq(rp_local_date(utc(2026, 11, 24, 23, 59, 59)), civil(2026, 11, 24));
    cr_assert_eq(rp_local_date(-1), -1);
    cr_assert_eq(rp_local_instant(civil(2026, 11, 24), 9, 30), INT64_C(1795512600));
    char out[RP_LOCAL_LEN];
    rp_local_format(INT64_C(1795512600), out);
    cr_assert_str_eq(out, "2026-11-24 09:30");
}

/* rp_local_dates_of answers what rp_local_date does for every instant: in zones with
 * summer time, half-hour and quarter-hour offsets, offsets changed at midnight, a day
 * skipped, leap seconds; over two centuries (a day's slot is taken by another day more
 * than eleven years away) and densely across a few years of changes. */
Test(local, dates_kept)
{
    static const char *const zones[] = {"UTC",
                                        "Europe/Berlin",
                                        "America/St_Johns",
                                        "Asia/Kathmandu",
                                        "Pacific/Apia",
                                        "Australia/Lord_Howe",
                                        "America/Sao_Paulo",
                                        "Africa/Casablanca",
                                        "Antarctica/Troll",
                                        "right/UTC",
                                        "Pacific/Chatham",
                                        NULL};
    for (int z = 0; zones[z]; z++) {
        if (rp_tz_set(zones[z]))
            continue; /* a machine without that zone */
        struct rp_local_dates *dates = rp_local_dates_new();
        cr_assert_not_null(dates);
        for (int64_t t = utc(1900, 1, 1, 0, 0, 0); t < utc(2100, 1, 1, 0, 0, 0); t += 104729)
            cr_assert_eq(rp_local_dates_of(dates, t), rp_local_date(t), "%s at %lld", zones[z],
                         (long long)t);
        for (int64_t t = utc(2010, 1, 1, 0, 0, 0); t < utc(2013, 1, 1, 0, 0, 0); t += 1201) {
            int64_t back = utc(2013, 1, 1, 0, 0, 0) - (t - utc(2010, 1, 1, 0, 0, 0));
            cr_assert_eq(rp_local_dates_of(dates, t), rp_local_date(t), "%s at %lld", zones[z],
                         (long long)t);
            cr_assert_eq(rp_local_dates_of(dates, back), rp_local_date(back), "%s at %lld",
                         zones[z], (long long)back);
        }
        free(dates);
    }
}
