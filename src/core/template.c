/* Parsing and filling draft templates. A tag is '{', an optional '#', '^' or '/', a name
 * of lowercase letters, underscores and digits (not first), and '}'; anything else after a '{' is
 * an error when checked, so a typo is caught when a template is saved, not when it is sent. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "core/template.h"
#include "base/banned.h"

const char *const rp_tpl_names[RP_V_COUNT] = {
    "first_name",     "contact_name", "account", "deal",      "sender",
    "signature",      "made_on",      "due_on",  "topic",     "tried",
    "meeting_day",    "meeting_kind", "minutes", "new_day_1", "new_day_2",
    "needed_minutes", "invoice",      "amount",  "days_late", "won_on",
};

#define MAX_DEPTH 8

/* The placeholders whose values are words that take a capital at the start of a sentence
 * (a French day, a topic); names keep the spelling they were given ("eBay"). */
#define CAPITALIZED                                                                                \
    ((1u << RP_V_MADE_ON) | (1u << RP_V_DUE_ON) | (1u << RP_V_TOPIC) | (1u << RP_V_MEETING_DAY) |  \
     (1u << RP_V_MEETING_KIND) | (1u << RP_V_NEW_DAY_1) | (1u << RP_V_NEW_DAY_2) |                 \
     (1u << RP_V_WON_ON))

struct tag {
    char sigil;       /* 0, '#', '^' or '/' */
    const char *name; /* within the text */
    size_t len;       /* of the name */
    size_t size;      /* of the whole tag, braces included; 0: not a tag */
};

/* Reads the tag at P (which points at '{'). */
static struct tag tag_at(const char *p)
{
    struct tag t = {0};
    const char *q = p + 1;
    if (*q == '#' || *q == '^' || *q == '/')
        t.sigil = *q++;
    t.name = q;
    while ((*q >= 'a' && *q <= 'z') || *q == '_' || (q > t.name && *q >= '0' && *q <= '9'))
        q++;
    t.len = (size_t)(q - t.name);
    if (t.len && *q == '}')
        t.size = (size_t)(q + 1 - p);
    return t;
}

static int var_of(const char *name, size_t len)
{
    for (int i = 0; i < RP_V_COUNT; i++)
        if (strlen(rp_tpl_names[i]) == len && !strncmp(rp_tpl_names[i], name, len))
            return i;
    return -1;
}

static void names_of(uint32_t set, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < RP_V_COUNT && n < size; i++)
        if (set & (1u << i)) {
            int w = snprintf(out + n, size - n, "%s{%s}", n ? ", " : "", rp_tpl_names[i]);
            n += w > 0 ? (size_t)w : 0;
        }
}

/* The tag at P as written, for messages: at most 40 bytes. */
static int shown(const char *p)
{
    size_t n = strcspn(p + 1, "{}\n");
    return (int)(n > 40 ? 40 : n + (p[1 + n] == '}') + 1);
}

int rp_tpl_check(const char *text, uint32_t allowed, const char *what, char *err, size_t size)
{
    struct tag open[MAX_DEPTH];
    size_t depth = 0;
    char list[512];
    for (const char *p = text; *p; p++) {
        if (*p != '{')
            continue;
        if (p[1] == '{') {
            p++;
            continue;
        }
        struct tag t = tag_at(p);
        int v = t.size ? var_of(t.name, t.len) : -1;
        if (!t.size) {
            snprintf(err, size,
                     "stray '{' at '%.*s' (a placeholder is {name}; write {{ for a "
                     "brace)",
                     shown(p), p);
            return -1;
        }
        if (v < 0) {
            names_of(UINT32_MAX >> (32 - RP_V_COUNT), list, sizeof(list));
            snprintf(err, size, "unknown placeholder {%.*s} (known: %s)", (int)t.len, t.name, list);
            return -1;
        }
        if (!(allowed & (1u << v))) {
            names_of(allowed, list, sizeof(list));
            snprintf(err, size, "placeholder {%s} has no value in %s (these do: %s)",
                     rp_tpl_names[v], what, list);
            return -1;
        }
        if (t.sigil == '#' || t.sigil == '^') {
            if (depth == MAX_DEPTH) {
                snprintf(err, size, "sections nested too deep at {%c%s}", t.sigil, rp_tpl_names[v]);
                return -1;
            }
            open[depth++] = t;
        } else if (t.sigil == '/') {
            if (!depth || open[depth - 1].len != t.len ||
                strncmp(open[depth - 1].name, t.name, t.len)) {
                snprintf(err, size, "{/%s} closes no open section {#%s}", rp_tpl_names[v],
                         rp_tpl_names[v]);
                return -1;
            }
            depth--;
        }
        p += t.size - 1;
    }
    if (depth) {
        const struct tag *t = &open[depth - 1];
        snprintf(err, size, "section {%c%.*s} is not closed with {/%.*s}", t->sigil, (int)t->len,
                 t->name, (int)t->len, t->name);
        return -1;
    }
    return 0;
}

/* Whether what OUT holds so far ends where a sentence starts. */
static int sentence_starts(const struct rp_buf *out)
{
    const char *s = rp_buf_str(out);
    size_t n = out->len;
    if (!n || s[n - 1] == '\n')
        return 1;
    return n >= 2 && s[n - 1] == ' ' && strchr(".!?", s[n - 2]);
}

/* Appends VALUE with its first letter made a capital: ASCII, and the Latin-1 letters of
 * UTF-8 (à..þ, "mardi" -> "Mardi", "été" -> "Été"). */
static int add_capitalized(struct rp_buf *out, const char *value)
{
    unsigned char c0 = (unsigned char)value[0], c1 = c0 ? (unsigned char)value[1] : 0;
    if (c0 >= 'a' && c0 <= 'z')
        return rp_buf_addc(out, (char)(c0 - 32)) || rp_buf_adds(out, value + 1) ? -1 : 0;
    if (c0 == 0xc3 && c1 >= 0xa0 && c1 <= 0xbe && c1 != 0xb7) {
        char head[2] = {(char)c0, (char)(c1 - 32)};
        return rp_buf_add(out, head, 2) || rp_buf_adds(out, value + 2) ? -1 : 0;
    }
    return rp_buf_adds(out, value) ? -1 : 0;
}

int rp_tpl_render(const char *text, const struct rp_tpl_vars *vars, struct rp_buf *out)
{
    int shown_at[MAX_DEPTH];      /* whether each open section shows */
    size_t depth = 0, hidden = 0; /* hidden: open sections that do not show */
    const char *p = text;
    while (*p) {
        size_t plain = strcspn(p, "{");
        if (plain && !hidden && rp_buf_add(out, p, plain))
            return -1;
        p += plain;
        if (!*p)
            break;
        if (p[1] == '{') {
            if (!hidden && rp_buf_addc(out, '{'))
                return -1;
            p += 2;
            continue;
        }
        struct tag t = tag_at(p);
        int v = t.size ? var_of(t.name, t.len) : -1;
        if (v < 0) {
            if (!hidden && rp_buf_addc(out, '{'))
                return -1;
            p++;
            continue;
        }
        const char *value = vars->v[v] && *vars->v[v] ? vars->v[v] : NULL;
        if ((t.sigil == '#' || t.sigil == '^') && depth < MAX_DEPTH) {
            int show = t.sigil == '#' ? value != NULL : value == NULL;
            shown_at[depth++] = show;
            hidden += !show;
        } else if (t.sigil == '/' && depth) {
            hidden -= !shown_at[--depth];
        } else if (!t.sigil && value && !hidden) {
            int failed = (CAPITALIZED & (1u << v)) && sentence_starts(out)
                             ? add_capitalized(out, value)
                             : rp_buf_adds(out, value) != RP_OK;
            if (failed)
                return -1;
        }
        p += t.size;
    }
    return 0;
}
