/* Tests for the checked parsers and validators in base/parse.c. */
#include <stdint.h>
#include <string.h>

#include <criterion/criterion.h>

#include "base/parse.h"

/* A sentinel that no parser under test produces, to check outputs are untouched. */
#define UNTOUCHED ((int64_t)0x5a5a5a5a)

static void int64_ok(const char *s, int64_t min, int64_t max, int64_t want)
{
    int64_t v = UNTOUCHED;
    cr_assert_eq(rp_parse_int64(s, min, max, &v), 0, "'%s' should parse", s);
    cr_assert_eq(v, want, "'%s' gave %lld, want %lld", s, (long long)v, (long long)want);
}

static void int64_bad(const char *s, int64_t min, int64_t max)
{
    int64_t v = UNTOUCHED;
    cr_assert_eq(rp_parse_int64(s, min, max, &v), -1, "'%s' should be rejected", s);
    cr_assert_eq(v, UNTOUCHED, "'%s' wrote its output on failure", s);
}

Test(parse_int64, plain_values)
{
    int64_ok("0", INT64_MIN, INT64_MAX, 0);
    int64_ok("-0", INT64_MIN, INT64_MAX, 0);
    int64_ok("42", INT64_MIN, INT64_MAX, 42);
    int64_ok("-42", INT64_MIN, INT64_MAX, -42);
    int64_ok("007", INT64_MIN, INT64_MAX, 7);
}

Test(parse_int64, bounds)
{
    int64_ok("9223372036854775807", INT64_MIN, INT64_MAX, INT64_MAX);
    int64_ok("-9223372036854775808", INT64_MIN, INT64_MAX, INT64_MIN);
    int64_ok("-9223372036854775807", INT64_MIN, INT64_MAX, INT64_MIN + 1);
    int64_ok("00000000000000000000009223372036854775807", INT64_MIN, INT64_MAX, INT64_MAX);
}

Test(parse_int64, overflow)
{
    int64_bad("9223372036854775808", INT64_MIN, INT64_MAX);
    int64_bad("-9223372036854775809", INT64_MIN, INT64_MAX);
    int64_bad("18446744073709551615", INT64_MIN, INT64_MAX); /* UINT64_MAX */
    int64_bad("18446744073709551616", INT64_MIN, INT64_MAX); /* UINT64_MAX + 1 */
    int64_bad("-18446744073709551616", INT64_MIN, INT64_MAX);
    int64_bad("99999999999999999999999999999999", INT64_MIN, INT64_MAX);
}

Test(parse_int64, range)
{
    int64_ok("1", 1, 10, 1);
    int64_ok("10", 1, 10, 10);
    int64_bad("0", 1, 10);
    int64_bad("11", 1, 10);
    int64_bad("-1", 0, INT64_MAX);
    int64_bad("9223372036854775807", INT64_MIN, INT64_MAX - 1);
    int64_bad("-9223372036854775808", INT64_MIN + 1, INT64_MAX);
}

Test(parse_int64, garbage)
{
    /* The last two are an Arabic-Indic and a fullwidth digit one. */
    static const char *const bad[] = {
        "",     "-",   "+1",  " 1",  "1 ",  "1\n", "\t1",   "1a",       "a1",
        "0x10", "1e3", "1.0", "--1", "-+1", "1-",  "1,000", "\xd9\xa1", "\xef\xbc\x91",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        int64_bad(bad[i], INT64_MIN, INT64_MAX);
}

static void money_ok(const char *s, int64_t want)
{
    int64_t v = UNTOUCHED;
    cr_assert_eq(rp_parse_money(s, &v), 0, "'%s' should parse", s);
    cr_assert_eq(v, want, "'%s' gave %lld cents, want %lld", s, (long long)v, (long long)want);
}

static void money_bad(const char *s)
{
    int64_t v = UNTOUCHED;
    cr_assert_eq(rp_parse_money(s, &v), -1, "'%s' should be rejected", s);
    cr_assert_eq(v, UNTOUCHED, "'%s' wrote its output on failure", s);
}

Test(parse_money, amounts)
{
    money_ok("0", 0);
    money_ok("0.05", 5);
    money_ok("0.5", 50);
    money_ok("0.50", 50);
    money_ok("1200", 120000);
    money_ok("1200.5", 120050);
    money_ok("1,200.50", 120050);
    money_ok("1,200", 120000);
    money_ok("999", 99900);
    money_ok("12,345,678.90", 1234567890);
    money_ok("100,000", 10000000);
}

/* Amounts stay under 10^15 minor units, so that sums of many cannot overflow. */
Test(parse_money, bound)
{
    money_ok("9999999999999.99", RP_MONEY_MAX);
    money_ok("9,999,999,999,999", RP_MONEY_MAX - 99);
    money_bad("10000000000000");
    money_bad("10,000,000,000,000.00");
    money_bad("92233720368547758.07");
}

Test(parse_money, thousands_grouping)
{
    money_bad("1,20.00");
    money_bad("1,2000");
    money_bad("12,34");
    money_bad("1234,567"); /* a first group is at most three digits */
    money_bad(",100");
    money_bad("1,");
    money_bad("1,,000");
    money_bad("1,000,00");
    money_bad("1,000.");
}

Test(parse_money, shape)
{
    static const char *const bad[] = {
        "",    "-5",  "-0",  "+5",   ".5", "5.",    "12.345",    "1.2.3", " 5",   "5 ",
        "5\n", "5e2", "0x5", "1.5a", "$5", "5 EUR", "1,200.5,0", "1.-5",  "1._5", "NaN",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        money_bad(bad[i]);
}

Test(parse_money, overflow)
{
    money_bad("90,000,000,000,000,000.99"); /* fits 64 bits, but is past RP_MONEY_MAX */
    money_bad("92233720368547758.08");      /* INT64_MAX + 1 cents */
    money_bad("99999999999999999999");
    money_bad("999,999,999,999,999,999,999");
    money_bad("184467440737095516.16");
}

Test(parse_tristate, words)
{
    int v = 7;
    cr_assert_eq(rp_parse_tristate("yes", &v), 0);
    cr_assert_eq(v, 1);
    cr_assert_eq(rp_parse_tristate("no", &v), 0);
    cr_assert_eq(v, 0);
    cr_assert_eq(rp_parse_tristate("unknown", &v), 0);
    cr_assert_eq(v, -1);
    v = 7;
    static const char *const bad[] = {"", "Yes", "YES", "y", "n", "true", "yes ", "unknow"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        cr_assert_eq(rp_parse_tristate(bad[i], &v), -1, "'%s' should be rejected", bad[i]);
    cr_assert_eq(v, 7);
}

Test(valid_email, good)
{
    static const char *const good[] = {
        "a@b.co",
        "anna.schmidt@example.com",
        "first+tag@sub.example.co.uk",
        "o'brien@example.ie",
        "x_y-z@host-name.example",
        "M\xc3\xbcller@example.de", /* UTF-8 local part, as SMTPUTF8 allows */
    };
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        cr_assert_eq(rp_valid_email(good[i]), 0, "'%s' should be valid", good[i]);
}

Test(valid_email, bad)
{
    static const char *const bad[] = {
        "",
        "plain",
        "@example.com",
        "anna@",
        "anna@example",
        "anna@@example.com",
        "anna@ex@ample.com",
        "anna@.example.com",
        "anna@example.",
        "anna@example..com",
        "anna@.com",
        "an na@example.com",
        "anna@exa mple.com",
        " anna@example.com",
        "anna@example.com ",
        "anna@example.com\n",
        "anna\t@example.com",
        "\"anna\"@example.com",
        "Anna <anna@example.com>",
        "anna@example.com, bob@example.com",
        "anna;bob@example.com",
        "anna@[127.0.0.1]",
        "anna\x7f@example.com",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        cr_assert_eq(rp_valid_email(bad[i]), -1, "'%s' should be invalid", bad[i]);
}

Test(valid_email, length_limit)
{
    char s[300];
    /* 254 characters in all is the most SMTP carries in a path. */
    memset(s, 'a', sizeof(s));
    memcpy(s + 254 - 12, "@example.com", 12);
    s[254] = '\0';
    cr_assert_eq(rp_valid_email(s), 0);
    memset(s, 'a', sizeof(s));
    memcpy(s + 255 - 12, "@example.com", 12);
    s[255] = '\0';
    cr_assert_eq(rp_valid_email(s), -1);
}

Test(valid_currency, codes)
{
    cr_assert_eq(rp_valid_currency("EUR"), 0);
    cr_assert_eq(rp_valid_currency("usd"), 0);
    cr_assert_eq(rp_valid_currency("Chf"), 0);
    cr_assert_eq(rp_valid_currency("AED"), 0); /* the first and last codes of the table */
    cr_assert_eq(rp_valid_currency("ZWL"), 0);
    cr_assert_eq(rp_valid_currency("XAU"), 0);
    static const char *const bad[] = {
        "XYZ", "ABC", "EUX", "XXX",  "XTS",  "AAA", "ZZZ",          "",          "E", "EU", "EURO",
        "EU1", "1EU", "E R", "EUR ", " EUR", "E-R", "\xe2\x82\xac", "EU\xc3\x9f"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        cr_assert_eq(rp_valid_currency(bad[i]), -1, "'%s' should be invalid", bad[i]);
}

Test(valid_text, good)
{
    static const char *const good[] = {
        "",
        "plain ASCII, with punctuation!",
        "tab\there and\nnewlines\n",
        "windows\r\nline endings",
        "M\xc3\xbcller GmbH", /* U+00FC, 2 bytes */
        "\xe2\x82\xac 1.200", /* U+20AC, 3 bytes */
        "\xf0\x9f\x98\x80",   /* U+1F600, 4 bytes */
        "\xc2\x80",           /* U+0080, smallest 2-byte */
        "\xe0\xa0\x80",       /* U+0800, smallest 3-byte */
        "\xf0\x90\x80\x80",   /* U+10000, smallest 4-byte */
        "\xed\x9f\xbf",       /* U+D7FF, just below the surrogates */
        "\xee\x80\x80",       /* U+E000, just above them */
        "\xef\xbf\xbf",       /* U+FFFF */
        "\xf4\x8f\xbf\xbf",   /* U+10FFFF, the last code point */
    };
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        cr_assert_eq(rp_valid_text(good[i]), 0, "text #%zu should be valid", i);
}

Test(valid_text, malformed_utf8)
{
    static const char *const bad[] = {
        "\x80",                     /* a lone continuation byte */
        "a\xbf",                    /* another one after ASCII */
        "\xc3",                     /* truncated 2-byte sequence at the end */
        "\xc3(",                    /* ... and before ASCII */
        "\xe2\x82",                 /* truncated 3-byte sequence */
        "\xf0\x9f\x98",             /* truncated 4-byte sequence */
        "\xc0\x80",                 /* overlong NUL */
        "\xc1\xbf",                 /* overlong U+007F */
        "\xe0\x80\xaf",             /* overlong '/' */
        "\xe0\x9f\xbf",             /* overlong U+07FF */
        "\xf0\x80\x80\xaf",         /* overlong '/' in 4 bytes */
        "\xf0\x8f\xbf\xbf",         /* overlong U+FFFF */
        "\xed\xa0\x80",             /* U+D800, a high surrogate */
        "\xed\xbf\xbf",             /* U+DFFF, a low surrogate */
        "\xed\xa0\xbd\xed\xb8\x80", /* a surrogate pair, CESU-8 style */
        "\xf4\x90\x80\x80",         /* U+110000, past the last code point */
        "\xf5\x80\x80\x80",         /* lead bytes F5..FF never occur */
        "\xf8\x88\x80\x80\x80",     /* a 5-byte form */
        "\xfe",
        "\xff",
        "ok \xe2\x28\xa1 not", /* a bad continuation in the middle */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        cr_assert_eq(rp_valid_text(bad[i]), -1, "text #%zu should be invalid", i);
}

Test(valid_text, control_characters)
{
    static const char *const bad[] = {
        "\x01",       "bell\a",        "back\bspace", "escape \x1b[31mred",
        "form\ffeed", "vertical\vtab", "\x1f",        "delete\x7f",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        cr_assert_eq(rp_valid_text(bad[i]), -1, "text #%zu should be invalid", i);
}
