/* rapport today: the morning agenda for people, grouped by kind, most urgent first, each
 * item with what to do, fitted to the terminal (80 columns when it is not one); colour only
 * on a terminal, NO_COLOR honoured. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

#define WIDTH 80
#define COMMAND_MAX 60 /* a command hint longer than this may break */

/* How to print: the colours, the width to wrap to (asked of the terminal once), and the
 * text to print: a whole book's agenda is megabytes of short words, which stdio's calls
 * one at a time made most of the command's time; it is written a chunk at a time. */
struct style {
    const char *bold, *dim, *accent, *off;
    size_t width;
    struct rp_buf out;
    int failed; /* out of memory, or stdout refused a chunk: the command fails */
};

static void pick_style(struct style *st)
{
    const char *no = getenv("NO_COLOR");
    size_t width = cli_width() ? cli_width() : WIDTH;
    if (isatty(STDOUT_FILENO) && !(no && *no))
        *st = (struct style){"\033[1m", "\033[2m", "\033[36m", "\033[0m", width, RP_BUF_INIT, 0};
    else
        *st = (struct style){"", "", "", "", width, RP_BUF_INIT, 0};
}

#define CHUNK ((size_t)64 << 10)

/* Writes out what ST holds; 0 when stdout refused it. */
static int flushed(struct style *st)
{
    int ok = fwrite(st->out.data ? st->out.data : "", 1, st->out.len, stdout) == st->out.len;
    rp_buf_reset(&st->out);
    return ok;
}

static void put(struct style *st, const char *s, size_t n)
{
    struct rp_buf *b = &st->out;
    if (b->len + n < b->cap) { /* a word at a time: most often room for it */
        memcpy(b->data + b->len, s, n);
        b->data[b->len += n] = '\0';
    } else {
        st->failed |= rp_buf_add(b, s, n) != RP_OK;
    }
    if (b->len >= CHUNK)
        st->failed |= !flushed(st);
}

static void puts_(struct style *st, const char *s)
{
    put(st, s, strlen(s));
}

static void putf(struct style *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct style *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    st->failed |= rp_buf_vaddf(&st->out, fmt, ap) != RP_OK;
    va_end(ap);
    put(st, "", 0);
}

/* Bytes of the next word of P; a command hint ("rapport meet held 3") is one word, so a
 * line never breaks inside it: it runs to a word ending in ) , ; or . or before a "(". */
static size_t word_len(const char *p)
{
    size_t n = 0;
    while (p[n] && p[n] != ' ' && p[n] != '\n') /* words are short: no call for them */
        n++;
    if (p[0] != 'r' && p[0] != '(')
        return n;
    if (strncmp(p, "rapport ", 8) && strncmp(p, "(rapport ", 9))
        return n;
    while (p[n] == ' ' && p[n + 1] && p[n + 1] != '(' && !strchr("),;.", p[n - 1])) {
        size_t next = strcspn(p + n + 1, " \n");
        if (n + 1 + next > COMMAND_MAX)
            break;
        n += 1 + next;
    }
    return n;
}

/* Prints TEXT wrapped to the style's width, each line starting with PREFIX (FIRST on the
 * first); newlines in TEXT are kept. */
static void wrapped(struct style *st, const char *first, const char *prefix, const char *text)
{
    size_t indent = strlen(prefix), col = strlen(first), width = st->width;
    int line_start = 1;
    put(st, first, col);
    for (const char *p = text; *p;) {
        if (*p == '\n' || *p == ' ') {
            if (*p++ == '\n') {
                put(st, "\n", 1);
                put(st, prefix, indent);
                col = indent;
                line_start = 1;
            }
            continue;
        }
        size_t word = word_len(p);
        if (!line_start && col + 1 + word > width) {
            put(st, "\n", 1);
            put(st, prefix, indent);
            col = indent;
            line_start = 1;
        }
        if (!line_start) {
            put(st, " ", 1);
            col++;
        }
        put(st, p, word);
        col += word;
        p += word;
        line_start = 0;
    }
    put(st, "\n", 1);
}

static void print_draft(const struct rp_draft *d, struct style *st)
{
    puts_(st, "    ");
    puts_(st, st->dim);
    puts_(st, "| To: ");
    for (size_t i = 0; i < d->nto; i++) {
        puts_(st, i ? ", " : "");
        puts_(st, d->to[i]);
    }
    if (!d->nto)
        puts_(st, "(no address on file)");
    if (d->ncc) {
        puts_(st, "\n    | Cc: ");
        for (size_t i = 0; i < d->ncc; i++) {
            puts_(st, i ? ", " : "");
            puts_(st, d->cc[i]);
        }
    }
    puts_(st, "\n    | Subject: ");
    puts_(st, d->subject);
    puts_(st, "\n");
    /* The body without its closing newlines. */
    size_t len = strlen(d->body);
    while (len && d->body[len - 1] == '\n')
        len--;
    char *body = strndup(d->body, len);
    wrapped(st, "    | ", "    | ", body ? body : "");
    st->failed |= !body;
    free(body);
    puts_(st, st->off);
}

/* Appends S to the text of *N bytes at DST (SIZE bytes of room), as far as it fits with
 * its NUL: snprintf's truncation, without its machinery for each of thousands of items. */
static void cat(char *dst, size_t size, size_t *n, const char *s)
{
    size_t len = strlen(s);
    if (*n + 1 >= size)
        return;
    if (len > size - 1 - *n)
        len = size - 1 - *n;
    memcpy(dst + *n, s, len);
    dst[ *n += len] = '\0';
}

/* V in decimal. */
static void put_int(struct style *st, int64_t v)
{
    st->failed |= rp_buf_add_int(&st->out, v) != RP_OK;
    put(st, "", 0);
}

/* What to type to act on IT: each command a unit the wrapping never breaks. */
static void print_hints(const struct rp_agenda_item *it, struct style *st)
{
    char hints[256] = "";
    size_t n = 0;
    int send = it->has_draft && it->draft.nto;
    cat(hints, sizeof(hints), &n, "rapport done ");
    cat(hints, sizeof(hints), &n, it->id);
    cat(hints, sizeof(hints), &n, ", rapport snooze ");
    cat(hints, sizeof(hints), &n, it->id);
    cat(hints, sizeof(hints), &n, " --days N");
    cat(hints, sizeof(hints), &n, send ? ", rapport send " : "");
    cat(hints, sizeof(hints), &n, send ? it->id : "");
    puts_(st, st->dim);
    wrapped(st, "    $ ", "      ", hints);
    puts_(st, st->off);
}

static void print_item(const struct rp_agenda_item *it, struct style *st)
{
    char head[512] = "";
    size_t n = 0;
    cat(head, sizeof(head), &n, it->account ? it->account : "");
    if (it->deal) {
        cat(head, sizeof(head), &n, n ? ": " : "");
        cat(head, sizeof(head), &n, it->deal);
    }
    puts_(st, "  ");
    puts_(st, st->accent);
    puts_(st, "*");
    puts_(st, st->off);
    puts_(st, " ");
    put(st, head, n);
    if (it->deal_id || it->account_id) {
        puts_(st, "  ");
        puts_(st, st->dim);
        puts_(st, it->deal_id ? "[deal " : "[account ");
        put_int(st, it->deal_id ? it->deal_id : it->account_id);
        if (it->deal_id) {
            puts_(st, ", score ");
            put_int(st, it->score);
        }
        puts_(st, "]");
        puts_(st, st->off);
    }
    put(st, "\n", 1);
    wrapped(st, "    ", "    ", it->summary);
    wrapped(st, "    -> ", "       ", it->action);
    if (it->has_draft)
        print_draft(&it->draft, st);
    print_hints(it, st);
}

static void print_day_header(int64_t day, size_t count, struct style *st)
{
    static const char *const wd[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
    char date[RP_DATE_LEN];
    rp_date_format(day, date);
    putf(st, "%s%s %s%s: %zu thing%s to do\n", st->bold, wd[rp_date_weekday(day)], date, st->off,
         count, count == 1 ? "" : "s");
}

static void print_days(const struct rp_agenda *a, struct style *st)
{
    size_t i = 0;
    for (int d = 0; d < a->days; d++) {
        int64_t day = a->from + d;
        size_t count = 0;
        while (i + count < a->n && a->items[i + count].date == day)
            count++;
        if (d)
            put(st, "\n", 1);
        print_day_header(day, count, st);
        if (!count)
            puts_(st, "  Nothing due. A good day to prospect.\n");
        int kind = -1;
        for (size_t k = i; k < i + count; k++) {
            const struct rp_agenda_item *it = &a->items[k];
            if (it->kind_rank != kind) {
                size_t same = 0;
                for (size_t m = k; m < i + count && a->items[m].kind_rank == it->kind_rank; m++)
                    same++;
                putf(st, "\n%s%s (%zu)%s\n", st->bold, rp_agenda_kind_title(it->kind_rank), same,
                     st->off);
                kind = it->kind_rank;
            }
            print_item(it, st);
        }
        i += count;
    }
}

static enum rp_status print_agenda(struct cli *c, const struct rp_agenda *a)
{
    struct style st;
    enum rp_status rc = RP_OK;
    pick_style(&st);
    st.failed = rp_buf_reserve(&st.out, CHUNK + 4096) != RP_OK;
    print_days(a, &st);
    if (st.failed || !flushed(&st))
        rc = rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "cannot write output");
    rp_buf_release(&st.out);
    return rc;
}

/* The agenda as its JSON text (kept, or made afresh), printed as that text: no tree of a
 * whole book's items. */
static enum rp_status print_json(struct cli *c, int days)
{
    struct rp_buf text = RP_BUF_INIT;
    enum rp_status rc = rp_agenda_read_json(c->db, rp_db_today(c->db), days, &text);
    if (!rc)
        rc = cli_print_json_text(c, text.data ? text.data : "", text.len);
    rp_buf_release(&text);
    return rc;
}

enum rp_status cmd_today(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *days_text = cli_opt(a, "days");
    int64_t days = 1;
    struct rp_agenda agenda;
    if (days_text && rp_parse_int64(days_text, 1, 366, &days))
        return rp_db_fail(c->db, RP_ERR_INVALID, "days",
                          "invalid --days '%s' (expected 1 to "
                          "366)",
                          days_text);
    if (rp_db_today(c->db) + days - 1 > RP_DAY_MAX)
        return rp_db_fail(c->db, RP_ERR_INVALID, "days", "the agenda would run past 9999-12-31");
    if (c->json)
        return print_json(c, (int)days);
    enum rp_status rc = rp_agenda_read(c->db, rp_db_today(c->db), (int)days, &agenda);
    if (rc)
        return rc;
    rc = print_agenda(c, &agenda);
    rp_agenda_release(&agenda);
    return rc;
}
