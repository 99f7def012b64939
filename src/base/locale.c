/* Names of days and months, the order a letter writes a day in, and the separators of
 * amounts, for each locale of rp_locales. */
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/locale.h"
#include "base/banned.h"

const char *const rp_locales[] = {"en-US", "en-GB", "de-DE", "fr-FR", NULL};

enum date_order {
    MONTH_DAY,     /* Tuesday, July 7 */
    DAY_MONTH,     /* Tuesday 7 July */
    DAY_DOT_MONTH, /* Dienstag, 7. Juli */
};

struct locale_words {
    const char *const *day; /* Monday first */
    const char *const *month;
    enum date_order order;
    const char *thousands, *decimal;
};

static const char *const en_days[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};
static const char *const en_months[12] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
static const char *const de_days[7] = {"Montag",  "Dienstag", "Mittwoch", "Donnerstag",
                                       "Freitag", "Samstag",  "Sonntag"};
static const char *const de_months[12] = {"Januar",    "Februar", "März",     "April",
                                          "Mai",       "Juni",    "Juli",     "August",
                                          "September", "Oktober", "November", "Dezember"};
static const char *const fr_days[7] = {"lundi",    "mardi",  "mercredi", "jeudi",
                                       "vendredi", "samedi", "dimanche"};
static const char *const fr_months[12] = {"janvier",   "février", "mars",     "avril",
                                          "mai",       "juin",    "juillet",  "août",
                                          "septembre", "octobre", "novembre", "décembre"};

/* In the order of rp_locales. French groups thousands with a no-break space. */
static const struct locale_words words[] = {
    {en_days, en_months, MONTH_DAY, ",", "."},
    {en_days, en_months, DAY_MONTH, ",", "."},
    {de_days, de_months, DAY_DOT_MONTH, ".", ","},
    {fr_days, fr_months, DAY_MONTH, "\u00a0", ","},
};

int rp_locale_find(const char *name)
{
    for (int i = 0; name && rp_locales[i]; i++)
        if (!strcmp(rp_locales[i], name))
            return i;
    return -1;
}

static const struct locale_words *locale_of(int locale)
{
    int n = (int)(sizeof(words) / sizeof(words[0]));
    return &words[locale >= 0 && locale < n ? locale : 0];
}

void rp_locale_date(struct rp_buf *b, int locale, int64_t day)
{
    const struct locale_words *w = locale_of(locale);
    int64_t y;
    unsigned m, d;
    rp_civil_from_days(day, &y, &m, &d);
    const char *wd = w->day[rp_date_weekday(day)], *mon = w->month[m - 1];
    switch (w->order) {
    case MONTH_DAY:
        rp_buf_addf(b, "%s, %s %u", wd, mon, d);
        break;
    case DAY_MONTH:
        rp_buf_addf(b, "%s %u %s", wd, d, mon);
        break;
    case DAY_DOT_MONTH:
        rp_buf_addf(b, "%s, %u. %s", wd, d, mon);
        break;
    }
}

void rp_locale_amount(struct rp_buf *b, int locale, int64_t cents)
{
    const struct locale_words *w = locale_of(locale);
    char digits[24];
    int64_t whole = cents / 100;
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole && n < sizeof(digits));
    while (n--) {
        rp_buf_addc(b, digits[n]);
        if (n && n % 3 == 0)
            rp_buf_adds(b, w->thousands);
    }
    rp_buf_addf(b, "%s%02d", w->decimal, (int)(cents % 100));
}
