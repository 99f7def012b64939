/* Tests for the draft template language (core/template.c) and the locales' days and
 * amounts (base/locale.c). */
#include <stdint.h>
#include <string.h>

#include <criterion/criterion.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/locale.h"
#include "core/drafts.h"
#include "core/template.h"

#define ALL (UINT32_MAX >> (32 - RP_V_COUNT))
#define BIT(v) (1u << (v))

/* TEXT rendered with VARS; a static buffer for the assertion. */
static const char *render(const char *text, const struct rp_tpl_vars *vars)
{
    static char out[4096];
    struct rp_buf b = RP_BUF_INIT;
    cr_assert_eq(rp_tpl_render(text, vars, &b), 0);
    cr_assert_lt(b.len, sizeof(out));
    memcpy(out, rp_buf_str(&b), b.len + 1);
    rp_buf_release(&b);
    return out;
}

/* The message of checking TEXT (ALLOWED), or "" when it passes. */
static const char *check(const char *text, uint32_t allowed)
{
    static char err[1024];
    err[0] = '\0';
    int rc = rp_tpl_check(text, allowed, "test drafts", err, sizeof(err));
    cr_assert_eq(rc, err[0] ? -1 : 0, "rc %d but message '%s'", rc, err);
    return err;
}

Test(template, fills_placeholders)
{
    struct rp_tpl_vars v = {0};
    v.v[RP_V_FIRST_NAME] = "Eva";
    v.v[RP_V_DEAL] = "Fleet tracking";
    cr_assert_str_eq(render("Hello {first_name}, about {deal}.", &v),
                     "Hello Eva, about Fleet tracking.");
    /* No value renders as nothing. */
    cr_assert_str_eq(render("[{topic}]", &v), "[]");
    cr_assert_str_eq(render("{{first_name} {{ }", &v), "{first_name} { }");
}

Test(template, sections)
{
    struct rp_tpl_vars v = {0};
    v.v[RP_V_TOPIC] = "the partner meeting";
    const char *t = "We agreed{#topic} to talk about {topic}{/topic}.{#tried} I tried.{/tried}"
                    "{^tried} As promised.{/tried}";
    cr_assert_str_eq(render(t, &v), "We agreed to talk about the partner meeting. As promised.");
    v.v[RP_V_TOPIC] = "";
    v.v[RP_V_TRIED] = "yes";
    cr_assert_str_eq(render(t, &v), "We agreed. I tried.");
    /* Nested: the inner one shows only inside a shown outer one. */
    v.v[RP_V_DEAL] = "D";
    cr_assert_str_eq(render("{#topic}a{#deal}b{/deal}{/topic}{#deal}c{^topic}d{/topic}{/deal}", &v),
                     "cd");
}

Test(template, capitalizes_a_value_that_starts_a_sentence)
{
    struct rp_tpl_vars v = {0};
    v.v[RP_V_MEETING_DAY] = "mardi 7 juillet";
    v.v[RP_V_TOPIC] = "été";
    cr_assert_str_eq(render("{meeting_day}, ok. {topic} et {topic}.\n{meeting_day}", &v),
                     "Mardi 7 juillet, ok. Été et été.\nMardi 7 juillet");
    /* Names keep their spelling. */
    v.v[RP_V_DEAL] = "eBay listing";
    v.v[RP_V_ACCOUNT] = "de Vries";
    cr_assert_str_eq(render("{deal}: ok. {account}", &v), "eBay listing: ok. de Vries");
}

Test(template, utf8_passes_through)
{
    struct rp_tpl_vars v = {0};
    v.v[RP_V_CONTACT_NAME] = "Zoë Ångström 山田";
    cr_assert_str_eq(render("Grüße – {contact_name} ✓", &v), "Grüße – Zoë Ångström 山田 ✓");
    cr_assert_str_eq(check("Grüße – {contact_name} ✓", ALL), "");
}

Test(template, unknown_placeholder_is_refused_by_name)
{
    const char *e = check("Hi {first_name}, {frist_name}", ALL);
    cr_assert(strstr(e, "unknown placeholder {frist_name}"), "%s", e);
    e = check("{#nope}x{/nope}", ALL);
    cr_assert(strstr(e, "unknown placeholder {nope}"), "%s", e);
}

Test(template, placeholder_without_value_in_the_kind_is_refused)
{
    const char *e = check("Invoice {invoice}", BIT(RP_V_FIRST_NAME) | BIT(RP_V_DEAL));
    cr_assert(strstr(e, "placeholder {invoice} has no value in test drafts"), "%s", e);
    cr_assert(strstr(e, "{first_name}, {deal}"), "%s", e);
}

Test(template, malformed_tags_are_refused)
{
    cr_assert(strstr(check("a { b", ALL), "stray '{'"));
    cr_assert(strstr(check("{First_name}", ALL), "stray '{'"));
    cr_assert(strstr(check("{#topic}open", ALL), "section {#topic} is not closed"));
    cr_assert(strstr(check("{/topic}", ALL), "{/topic} closes no open section"));
    cr_assert(strstr(check("{#topic}{#deal}{/topic}{/deal}", ALL), "closes no open section"));
    cr_assert_str_eq(check("{#topic}{^deal}{/deal}{/topic}{{ }", ALL), "");
}

Test(template, every_default_passes_its_own_check)
{
    for (int k = 0; k < RP_DRAFT_KIND_COUNT; k++)
        for (int s = 0; s < 3; s++) {
            const struct rp_draft_text *t = &rp_draft_defs[k].text[s];
            cr_assert_str_eq(check(t->subject, rp_draft_defs[k].vars), "", "%s/%d subject",
                             rp_draft_defs[k].name, s);
            cr_assert_str_eq(check(t->body, rp_draft_defs[k].vars), "", "%s/%d body",
                             rp_draft_defs[k].name, s);
            /* Only followup-missed may claim an attempt, and only in a {#tried} section. */
            const char *claim = strstr(t->body, "reach you");
            if (claim)
                cr_assert(strstr(t->body, "{#tried}I haven't been able to reach you"), "%s",
                          rp_draft_defs[k].name);
        }
}

static const char *day_in(const char *locale, int64_t y, unsigned m, unsigned d)
{
    static char out[128];
    struct rp_buf b = RP_BUF_INIT;
    rp_locale_date(&b, rp_locale_find(locale), rp_days_from_civil(y, m, d));
    memcpy(out, rp_buf_str(&b), b.len + 1);
    rp_buf_release(&b);
    return out;
}

Test(locale, dates)
{
    cr_assert_str_eq(day_in("en-US", 2026, 7, 7), "Tuesday, July 7");
    cr_assert_str_eq(day_in("en-GB", 2026, 7, 7), "Tuesday 7 July");
    cr_assert_str_eq(day_in("de-DE", 2026, 7, 7), "Dienstag, 7. Juli");
    cr_assert_str_eq(day_in("fr-FR", 2026, 7, 7), "mardi 7 juillet");
    cr_assert_str_eq(day_in("de-DE", 2027, 3, 1), "Montag, 1. März");
    cr_assert_str_eq(day_in("fr-FR", 2026, 8, 16), "dimanche 16 août");
    cr_assert_str_eq(day_in("fr-FR", 2026, 12, 31), "jeudi 31 décembre");
    cr_assert_str_eq(day_in("en-US", 2026, 11, 23), "Monday, November 23");
}

Test(locale, names)
{
    cr_assert_eq(rp_locale_find("en-US"), 0);
    cr_assert_eq(rp_locale_find("fr-FR"), 3);
    cr_assert_eq(rp_locale_find("fr"), -1);
    cr_assert_eq(rp_locale_find(NULL), -1);
}

static const char *amount_in(const char *locale, int64_t cents)
{
    static char out[64];
    struct rp_buf b = RP_BUF_INIT;
    rp_locale_amount(&b, rp_locale_find(locale), cents);
    memcpy(out, rp_buf_str(&b), b.len + 1);
    rp_buf_release(&b);
    return out;
}

Test(locale, amounts)
{
    cr_assert_str_eq(amount_in("en-US", 120050), "1,200.50");
    cr_assert_str_eq(amount_in("en-GB", 5), "0.05");
    cr_assert_str_eq(amount_in("de-DE", 123456789), "1.234.567,89");
    cr_assert_str_eq(amount_in("fr-FR", 120000), "1\u00a0200,00");
    cr_assert_str_eq(amount_in("en-US", 99900), "999.00");
}
