/* Checked parsers for numbers, money, e-mail addresses and text; see parse.h. */
#include "base/parse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int rp_parse_int64(const char *s, int64_t min, int64_t max, int64_t *out)
{
    const char *p = s;
    int neg = 0;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    if (!isdigit((unsigned char)*p))
        return -1;
    uint64_t v = 0;
    for (; isdigit((unsigned char)*p); p++) {
        unsigned d = (unsigned)(*p - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (*p)
        return -1;
    int64_t r;
    if (neg) {
        if (v > (uint64_t)INT64_MAX + 1)
            return -1;
        r = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
    } else {
        if (v > (uint64_t)INT64_MAX)
            return -1;
        r = (int64_t)v;
    }
    if (r < min || r > max)
        return -1;
    *out = r;
    return 0;
}

/* Digits of the integer part, with optional thousands commas placed every three digits. */
static int money_whole(const char **pp, int64_t *whole)
{
    const char *p = *pp;
    int64_t v = 0;
    int digits = 0, group = -1;
    for (; isdigit((unsigned char)*p) || *p == ','; p++) {
        if (*p == ',') {
            if (digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3))
                return -1;
            group = 0;
            continue;
        }
        if (v > (INT64_MAX / 100 - 9) / 10)
            return -1;
        v = v * 10 + (*p - '0');
        digits++;
        if (group >= 0)
            group++;
    }
    if (digits == 0 || (group >= 0 && group != 3))
        return -1;
    *pp = p;
    *whole = v;
    return 0;
}

int rp_parse_money(const char *s, int64_t *cents)
{
    const char *p = s;
    int64_t whole, frac = 0;
    if (money_whole(&p, &whole))
        return -1;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)p[0]))
            return -1;
        frac = (p[0] - '0') * 10;
        p++;
        if (isdigit((unsigned char)*p))
            frac += *p++ - '0';
    }
    if (*p || whole > RP_MONEY_MAX / 100)
        return -1;
    *cents = whole * 100 + frac;
    return 0;
}

int rp_parse_tristate(const char *s, int *out)
{
    static const struct {
        const char *word;
        int value;
    } words[] = {{"yes", 1}, {"no", 0}, {"unknown", -1}};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (!strcmp(s, words[i].word)) {
            *out = words[i].value;
            return 0;
        }
    }
    return -1;
}

/* The characters an address may not hold outside quotes, by a switch rather than a search
 * of a string of them: an import checks every character of a million addresses. */
static int email_char(unsigned char c)
{
    switch (c) {
    case '@':
    case '<':
    case '>':
    case '(':
    case ')':
    case '[':
    case ']':
    case '\\':
    case ',':
    case ';':
    case ':':
    case '"':
        return 0;
    default:
        return c > 0x20 && c != 0x7f;
    }
}

int rp_valid_email(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || strlen(s) > 254)
        return -1;
    for (const char *p = s; *p; p++)
        if (p != at && !email_char((unsigned char)*p))
            return -1;
    const char *domain = at + 1;
    const char *dot = strrchr(domain, '.');
    if (!dot || dot == domain || !dot[1] || strstr(domain, "..") || domain[0] == '.')
        return -1;
    return 0;
}

/* The active codes of ISO 4217 (currencies, funds and precious metals; not the test code
 * XTS or XXX for none), sorted for bsearch. */
static const char iso4217[][4] = {
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
    "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
    "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL",
    "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES",
    "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR",
    "XOF", "XPD", "XPF", "XPT", "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
};

static int code_cmp(const void *key, const void *item)
{
    return strcmp(key, item);
}

int rp_valid_currency(const char *s)
{
    char code[4];
    for (int i = 0; i < 3; i++) {
        if (!isalpha((unsigned char)s[i]))
            return -1;
        code[i] = (char)toupper((unsigned char)s[i]);
    }
    code[3] = '\0';
    if (s[3])
        return -1;
    return bsearch(code, iso4217, sizeof(iso4217) / sizeof(iso4217[0]), sizeof(iso4217[0]),
                   code_cmp)
               ? 0
               : -1;
}

/* Length of the UTF-8 sequence starting at p, or 0 when it is malformed. */
static size_t utf8_seq(const unsigned char *p)
{
    if (p[0] < 0x80)
        return 1;
    size_t n;
    uint32_t cp;
    if ((p[0] & 0xe0) == 0xc0) {
        n = 2;
        cp = p[0] & 0x1f;
    } else if ((p[0] & 0xf0) == 0xe0) {
        n = 3;
        cp = p[0] & 0x0f;
    } else if ((p[0] & 0xf8) == 0xf0) {
        n = 4;
        cp = p[0] & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3f);
    }
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

int rp_valid_text(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        /* Printable ASCII, most of any text, is passed over in a loop of its own. */
        while (*p >= 0x20 && *p < 0x7f)
            p++;
        if (!*p)
            break;
        /* Other controls (ESC above all) could rewrite a terminal when the text is shown. */
        if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7f)
            return -1;
        size_t n = utf8_seq(p);
        if (!n)
            return -1;
        p += n;
    }
    return 0;
}
