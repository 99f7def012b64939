/* vCard reading and writing; see vcard.h. Lines are read one at a time, unfolded into
 * logical lines, and each property of interest decoded: quoted-printable, then its charset,
 * then the escapes. */
#include "base/vcard.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/parse.h"
#include "base/banned.h"

struct rp_vcard_reader {
    FILE *in;
    char *phys; /* the physical line read ahead, without its line end */
    size_t physcap;
    int have_phys, eof;
    int64_t line; /* of phys */
    uint64_t bytes;
    struct rp_buf logical, value;
    struct rp_read_error err;
    struct rp_vcard card;
    int email_pref, tel_pref;
};

enum rp_status rp_vcard_open(FILE *in, struct rp_vcard_reader **out)
{
    struct rp_vcard_reader *r = calloc(1, sizeof(*r));
    if (!r)
        return RP_ERR_INTERNAL;
    r->in = in;
    rp_buf_init(&r->logical, RP_VCARD_LINE_MAX);
    rp_buf_init(&r->value, RP_VCARD_LINE_MAX);
    rp_buf_init(&r->err.msg, 512);
    *out = r;
    return RP_OK;
}

static void vc_card_clear(struct rp_vcard *c)
{
    for (int i = 0; i < RP_VC_NFIELDS; i++) {
        free(c->v[i]);
        c->v[i] = NULL;
    }
}

void rp_vcard_free(struct rp_vcard_reader *r)
{
    if (!r)
        return;
    free(r->phys);
    rp_buf_release(&r->logical);
    rp_buf_release(&r->value);
    rp_buf_release(&r->err.msg);
    vc_card_clear(&r->card);
    free(r);
}

const char *rp_vcard_errmsg(const struct rp_vcard_reader *r)
{
    return rp_buf_str(&r->err.msg);
}

uint64_t rp_vcard_bytes(const struct rp_vcard_reader *r)
{
    return r->bytes;
}

/* Reads the next physical line into r->phys; 0 at the end of the input. */
static int vc_read(struct rp_vcard_reader *r)
{
    ssize_t n = getline(&r->phys, &r->physcap, r->in);
    if (n < 0) {
        r->have_phys = 0;
        return ferror(r->in) ? rp_read_fail(&r->err, "cannot read the file (%s)", strerror(errno))
                             : 0;
    }
    r->bytes += (uint64_t)n;
    r->line++;
    if ((size_t)n > RP_VCARD_LINE_MAX)
        return rp_read_fail(&r->err, "line %lld is longer than %zu bytes (not a vCard file?)",
                            (long long)r->line, RP_VCARD_LINE_MAX);
    if (memchr(r->phys, '\0', (size_t)n))
        return rp_read_fail(&r->err, "line %lld holds binary data (not a vCard file)",
                            (long long)r->line);
    while (n > 0 && (r->phys[n - 1] == '\n' || r->phys[n - 1] == '\r'))
        r->phys[--n] = '\0';
    r->have_phys = 1;
    return 1;
}

static int vc_is_qp(const char *line)
{
    const char *colon = strchr(line, ':');
    size_t n = colon ? (size_t)(colon - line) : strlen(line);
    for (size_t i = 0; i + 16 <= n; i++)
        if (!strncasecmp(line + i, "QUOTED-PRINTABLE", 16))
            return 1;
    return 0;
}

/* The next logical line: folded continuations (a leading blank) and quoted-printable soft
 * line breaks (a trailing '=') joined. *start is its first physical line. */
static int vc_logical(struct rp_vcard_reader *r, int64_t *start)
{
    if (!r->have_phys && vc_read(r) <= 0)
        return r->err.failed ? -1 : 0;
    rp_buf_reset(&r->logical);
    *start = r->line;
    if (rp_buf_adds(&r->logical, r->phys))
        return rp_read_fail(&r->err, "line %lld is too long", (long long)r->line);
    for (;;) {
        int qp_soft = r->logical.len && r->logical.data[r->logical.len - 1] == '=' &&
                      vc_is_qp(r->logical.data);
        int got = vc_read(r);
        if (got < 0)
            return -1;
        if (!got)
            return 1;
        if (qp_soft) {
            r->logical.data[--r->logical.len] = '\0';
            if (rp_buf_adds(&r->logical, r->phys))
                return rp_read_fail(&r->err, "line %lld is too long", (long long)r->line);
        } else if (r->phys[0] == ' ' || r->phys[0] == '\t') {
            if (rp_buf_adds(&r->logical, r->phys + 1))
                return rp_read_fail(&r->err, "line %lld is too long", (long long)r->line);
        } else {
            return 1;
        }
    }
}

/* ---- one property ------------------------------------------------------------------------ */

struct vc_prop {
    char *name; /* upper case, group removed */
    char *value;
    int qp, pref;
    char charset[32];
};

/* Whether a TYPE list ("WORK,PREF", "pref") names PREF. */
static int vc_has_pref(const char *types)
{
    for (const char *s = types; *s; s++)
        if (!strncasecmp(s, "PREF", 4))
            return 1;
    return 0;
}

static void vc_param(struct vc_prop *p, char *param)
{
    char *eq = strchr(param, '=');
    char *val = eq ? eq + 1 : param;
    if (eq)
        *eq = '\0';
    if (*val == '"') {
        val++;
        val[strcspn(val, "\"")] = '\0';
    }
    if (eq && !strcasecmp(param, "CHARSET"))
        snprintf(p->charset, sizeof(p->charset), "%s", val);
    else if (!strcasecmp(val, "QUOTED-PRINTABLE"))
        p->qp = 1;
    else if (((!eq || !strcasecmp(param, "TYPE")) && vc_has_pref(val)) ||
             (eq && !strcasecmp(param, "PREF")))
        p->pref = 1;
}

/* Splits LINE (changed in place) into name, parameters and value. */
static int vc_split(char *line, struct vc_prop *p)
{
    int quoted = 0;
    char *s = line, *params;
    memset(p, 0, sizeof(*p));
    for (; *s && (quoted || *s != ':'); s++)
        quoted ^= *s == '"';
    if (!*s)
        return -1;
    *s = '\0';
    p->value = s + 1;
    params = strchr(line, ';');
    if (params)
        *params++ = '\0';
    char *dot = strrchr(line, '.');
    p->name = dot ? dot + 1 : line;
    for (char *c = p->name; *c; c++)
        *c = (char)toupper((unsigned char)*c);
    while (params && *params) {
        char *next = params + strcspn(params, ";");
        char end = *next;
        *next = '\0';
        vc_param(p, params);
        params = end ? next + 1 : next;
    }
    return 0;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                  : -1;
}

static void vc_qp_decode(char *s)
{
    char *o = s;
    for (; *s; s++) {
        int hi, lo;
        if (*s == '=' && (hi = hexval(s[1])) >= 0 && (lo = hexval(s[2])) >= 0) {
            *o++ = (char)(hi * 16 + lo);
            s += 2;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

/* TEXT (of CHARSET, or UTF-8 with Windows-1252 as the fallback for 2.1's 8-bit text) as UTF-8
 * in r->value. */
static int vc_to_utf8(struct rp_vcard_reader *r, const char *text, const char *charset,
                      int64_t line)
{
    rp_buf_reset(&r->value);
    if ((!*charset || !strcasecmp(charset, "UTF-8")) && !rp_valid_text(text))
        return rp_buf_adds(&r->value, text) ? rp_read_fail(&r->err, "out of memory") : 0;
    iconv_t cd =
        iconv_open("UTF-8", *charset && strcasecmp(charset, "UTF-8") ? charset : "WINDOWS-1252");
    if (cd == (iconv_t)-1)
        return rp_read_fail(&r->err, "line %lld names an unknown charset '%s'", (long long)line,
                            charset);
    char out[4096], *in = (char *)text;
    size_t inleft = strlen(text);
    int bad = 0;
    while (inleft && !bad) {
        char *o = out;
        size_t outleft = sizeof(out);
        bad = iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 && errno != E2BIG;
        if (rp_buf_add(&r->value, out, (size_t)(o - out)))
            bad = 1;
    }
    iconv_close(cd);
    if (bad || rp_valid_text(rp_buf_str(&r->value)))
        return rp_read_fail(&r->err, "line %lld is not valid %s text", (long long)line,
                            *charset ? charset : "UTF-8");
    return 0;
}

/* Component K (0 first) of a structured value, unescaped: "a\;b;c" has "a;b" and "c"; K
 * -1 is the whole value unescaped. */
static char *vc_component(const char *s, int k)
{
    struct rp_buf b = RP_BUF_INIT;
    int i = 0;
    rp_buf_adds(&b, "");
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            if (i == k || k < 0)
                rp_buf_addc(&b, (char)((*s == 'n' || *s == 'N') ? '\n' : *s));
        } else if (*s == ';' && k >= 0) {
            i++;
        } else if (i == k || k < 0) {
            rp_buf_addc(&b, *s);
        }
    }
    return rp_buf_detach(&b);
}

static void vc_set(struct rp_vcard *c, enum rp_vcard_field f, char *value)
{
    free(c->v[f]);
    c->v[f] = value;
}

static int vc_prop(struct rp_vcard_reader *r, struct vc_prop *p, int64_t line)
{
    struct rp_vcard *c = &r->card;
    static const char *const wanted[] = {"FN", "N", "EMAIL", "TEL", "ORG", "TITLE", NULL};
    int w = 0;
    while (wanted[w] && strcmp(wanted[w], p->name))
        w++;
    if (!wanted[w])
        return 0;
    if (p->qp)
        vc_qp_decode(p->value);
    if (vc_to_utf8(r, p->value, p->charset, line))
        return -1;
    const char *v = rp_buf_str(&r->value);
    if (!strcmp(p->name, "N")) {
        vc_set(c, RP_VC_FAMILY, vc_component(v, 0));
        vc_set(c, RP_VC_GIVEN, vc_component(v, 1));
        vc_set(c, RP_VC_MIDDLE, vc_component(v, 2));
    } else if (!strcmp(p->name, "ORG")) {
        vc_set(c, RP_VC_ORG, vc_component(v, 0));
    } else {
        enum rp_vcard_field f = !strcmp(p->name, "FN")      ? RP_VC_FN
                                : !strcmp(p->name, "EMAIL") ? RP_VC_EMAIL
                                : !strcmp(p->name, "TEL")   ? RP_VC_TEL
                                                            : RP_VC_TITLE;
        int *pref = f == RP_VC_EMAIL ? &r->email_pref : f == RP_VC_TEL ? &r->tel_pref : NULL;
        if (c->v[f] && *c->v[f] && (!pref || *pref || !p->pref))
            return 0;
        if (pref)
            *pref = p->pref;
        vc_set(c, f, vc_component(v, -1));
    }
    return 0;
}

int rp_vcard_next(struct rp_vcard_reader *r, struct rp_vcard *card)
{
    int64_t line, begin = 0;
    int got;
    vc_card_clear(&r->card);
    while ((got = vc_logical(r, &line)) > 0) {
        struct vc_prop p;
        char *text = r->logical.data;
        if (!*text && !begin)
            continue;
        if (!begin && strcasecmp(text, "BEGIN:VCARD"))
            return rp_read_fail(&r->err, "line %lld is not in a vCard (expected BEGIN:VCARD)",
                                (long long)line);
        if (!begin) {
            begin = line;
            r->email_pref = r->tel_pref = 0;
            continue;
        }
        if (!strcasecmp(text, "END:VCARD")) {
            for (int i = 0; i < RP_VC_NFIELDS; i++)
                if (!r->card.v[i] && !(r->card.v[i] = strdup("")))
                    return rp_read_fail(&r->err, "out of memory");
            *card = r->card;
            card->line = begin;
            return 1;
        }
        if (!*text)
            continue;
        if (vc_split(text, &p))
            return rp_read_fail(&r->err, "line %lld is not a vCard property (NAME:value)",
                                (long long)line);
        if (!strcmp(p.name, "BEGIN"))
            return rp_read_fail(&r->err, "line %lld begins a vCard inside the one from line %lld",
                                (long long)line, (long long)begin);
        if (vc_prop(r, &p, line))
            return -1;
    }
    if (got < 0)
        return -1;
    if (begin)
        return rp_read_fail(&r->err,
                            "the file ends inside the vCard that begins on line %lld "
                            "(truncated?)",
                            (long long)begin);
    return 0;
}

/* ---- writing ------------------------------------------------------------------------------ */

enum rp_status rp_vcard_line(struct rp_buf *b, const char *name, const char *value, int escape_semi)
{
    struct rp_buf line = RP_BUF_INIT;
    enum rp_status rc = rp_buf_addf(&line, "%s:", name);
    for (const char *s = value; *s && !rc; s++) {
        if (*s == '\n')
            rc = rp_buf_adds(&line, "\\n");
        else if (*s == '\r')
            continue;
        else if (*s == '\\' || *s == ',' || (escape_semi && *s == ';'))
            rc = rp_buf_addf(&line, "\\%c", *s);
        else
            rc = rp_buf_addc(&line, *s);
    }
    /* Fold at 75 bytes, moving back to the start of a UTF-8 character. */
    size_t at = 0, width = 75;
    while (!rc && line.len - at > width) {
        size_t cut = at + width;
        while (cut > at && ((unsigned char)line.data[cut] & 0xc0) == 0x80)
            cut--;
        rc = rp_buf_add(b, line.data + at, cut - at);
        if (!rc)
            rc = rp_buf_adds(b, "\r\n ");
        at = cut;
        width = 74;
    }
    if (!rc && !(rc = rp_buf_add(b, line.data + at, line.len - at)))
        rc = rp_buf_adds(b, "\r\n");
    rp_buf_release(&line);
    return rc;
}
