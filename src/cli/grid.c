/* Aligned text tables for people (reports, recall, search): cells of UTF-8 text, columns
 * padded to their widest cell as a terminal shows it, numbers aligned to the right. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/grow.h"
#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

/* Whether code point CP takes two columns on a terminal: East Asian wide and full-width
 * characters, and the common emoji blocks. */
static int wide(unsigned long cp)
{
    static const unsigned long ranges[][2] = {
        {0x1100, 0x115f},   {0x2e80, 0x303e},   {0x3041, 0x33ff}, {0x3400, 0x4dbf},
        {0x4e00, 0x9fff},   {0xa000, 0xa4cf},   {0xac00, 0xd7a3}, {0xf900, 0xfaff},
        {0xfe30, 0xfe4f},   {0xff00, 0xff60},   {0xffe0, 0xffe6}, {0x1f300, 0x1f64f},
        {0x1f900, 0x1f9ff}, {0x20000, 0x3fffd},
    };
    for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
        if (cp >= ranges[i][0] && cp <= ranges[i][1])
            return 1;
    return 0;
}

size_t cli_text_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned long cp = *p;
        int more = *p >= 0xf0 ? 3 : *p >= 0xe0 ? 2 : *p >= 0xc0 ? 1 : 0;
        cp &= more ? 0x3fu >> more : 0x7fu;
        for (p++; more-- && (*p & 0xc0) == 0x80; p++)
            cp = cp << 6 | (*p & 0x3fu);
        /* combining accents take no column of their own */
        if (cp < 0x300 || cp > 0x36f)
            w += 1 + (size_t)wide(cp);
    }
    return w;
}

void cli_grid_init(struct cli_grid *g, size_t ncols, unsigned right)
{
    *g = (struct cli_grid){.ncols = ncols, .right = right};
}

void cli_grid_release(struct cli_grid *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->cells[i]);
    free(g->cells);
    *g = (struct cli_grid){0};
}

void cli_grid_add(struct cli_grid *g, const char *text)
{
    if (RP_GROW(g->cells, g->n + 1, g->cap)) {
        g->oom = 1;
        return;
    }
    char *copy = strdup(text ? text : "");
    if (!copy)
        g->oom = 1;
    /* one line per row: breaks in the text become spaces */
    for (char *p = copy; p && *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    g->cells[g->n++] = copy;
}

void cli_grid_addf(struct cli_grid *g, const char *fmt, ...)
{
    struct rp_buf b = RP_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    if (rp_buf_vaddf(&b, fmt, ap))
        g->oom = 1;
    va_end(ap);
    cli_grid_add(g, rp_buf_str(&b));
    rp_buf_release(&b);
}

void cli_grid_row(struct cli_grid *g, ...)
{
    va_list ap;
    va_start(ap, g);
    for (const char *cell; (cell = va_arg(ap, const char *));)
        cli_grid_add(g, cell);
    va_end(ap);
}

static void pad(struct rp_buf *line, size_t n)
{
    while (n--)
        rp_buf_addc(line, ' ');
}

/* Prints LINE without the blanks that empty last cells leave at its end. */
static void put_line(struct rp_buf *line)
{
    while (line->len && line->data[line->len - 1] == ' ')
        line->data[--line->len] = '\0';
    printf("%s\n", rp_buf_str(line));
    rp_buf_reset(line);
}

size_t cli_width(void)
{
    const char *env = getenv("COLUMNS");
    struct winsize ws;
    int64_t n;
    if (env && *env && !rp_parse_int64(env, 20, 10000, &n))
        return (size_t)n;
    if (isatty(STDOUT_FILENO) && !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col >= 20)
        return ws.ws_col;
    return 0;
}

/* Byte length of the longest start of S that fits MAX columns. */
static size_t fit_bytes(const char *s, size_t max)
{
    size_t len = 0, w = 0;
    while (s[len]) {
        size_t next = len + 1;
        while (((unsigned char)s[next] & 0xc0) == 0x80)
            next++;
        char one[8] = {0};
        memcpy(one, s + len, next - len < 7 ? next - len : 7);
        size_t cw = cli_text_width(one);
        if (w + cw > max)
            break;
        w += cw;
        len = next;
    }
    return len;
}

/* S cut to MAX columns: at the last word that fits, with "..." (mid-word only when a
 * word alone is longer than half the room). */
static void cut_cell(const char *s, size_t max, struct rp_buf *out)
{
    if (cli_text_width(s) <= max) {
        rp_buf_adds(out, s);
        return;
    }
    size_t room = max > 3 ? max - 3 : 0, len = fit_bytes(s, room), word = len;
    while (word > 0 && s[word] != ' ')
        word--;
    if (word > 0 && word * 2 >= len)
        len = word;
    while (len > 0 && s[len - 1] == ' ')
        len--;
    rp_buf_add(out, s, len);
    rp_buf_adds(out, "...");
}

/* Narrows the widest text columns until a line fits TOTAL columns; none below 16, so
 * that dates, times and short names stay whole. */
static void fit_widths(size_t *width, size_t ncols, unsigned right, size_t indent, size_t total)
{
    for (;;) {
        size_t sum = indent, widest = ncols;
        for (size_t k = 0; k < ncols; k++) {
            sum += width[k] + (k ? 2 : 0);
            if (!(right >> k & 1) && width[k] > 16 && (widest == ncols || width[k] > width[widest]))
                widest = k;
        }
        if (sum <= total || widest == ncols)
            return;
        width[widest]--;
    }
}

enum rp_status cli_grid_print(struct cli *c, const struct cli_grid *g, const char *indent)
{
    return cli_grid_print_fit(c, g, indent, 0);
}

enum rp_status cli_grid_print_fit(struct cli *c, const struct cli_grid *g, const char *indent,
                                  size_t cell_max)
{
    size_t width[32] = {0}, ncols = g->ncols < 32 ? g->ncols : 32, term = cli_width();
    struct rp_buf line = RP_BUF_INIT, cut = RP_BUF_INIT;
    if (g->oom)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t i = 0; i < g->n; i++) {
        size_t w = cli_text_width(g->cells[i]), k = i % g->ncols;
        if (!term && cell_max && w > cell_max)
            w = cell_max;
        if (k < ncols && w > width[k])
            width[k] = w;
    }
    if (term)
        fit_widths(width, ncols, g->right, strlen(indent), term);
    for (size_t i = 0; i < g->n; i++) {
        size_t k = i % g->ncols;
        int right = k < ncols && (g->right >> k & 1);
        rp_buf_reset(&cut);
        if (k < ncols)
            cut_cell(g->cells[i], width[k], &cut);
        else
            rp_buf_adds(&cut, g->cells[i]);
        size_t w = cli_text_width(rp_buf_str(&cut));
        if (!k)
            rp_buf_adds(&line, indent);
        if (right)
            pad(&line, width[k] - w);
        rp_buf_adds(&line, rp_buf_str(&cut));
        if (k + 1 == g->ncols || i + 1 == g->n) {
            put_line(&line);
            continue;
        }
        if (!right && k < ncols)
            pad(&line, width[k] - w);
        rp_buf_adds(&line, "  ");
    }
    rp_buf_release(&line);
    rp_buf_release(&cut);
    return RP_OK;
}

void cli_money(struct rp_buf *b, int64_t cents, const char *currency)
{
    char digits[32];
    int n = snprintf(digits, sizeof(digits), "%lld", (long long)(cents / 100));
    for (int i = 0; i < n; i++) {
        if (i && digits[i - 1] != '-' && (n - i) % 3 == 0)
            rp_buf_addc(b, ',');
        rp_buf_addc(b, digits[i]);
    }
    rp_buf_addf(b, ".%02d %s", (int)(cents < 0 ? -(cents % 100) : cents % 100),
                currency ? currency : "");
}
