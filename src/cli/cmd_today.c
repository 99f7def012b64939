/* rapport today: the morning agenda for people, grouped by kind, most urgent first, each
 * item with what to do, fitted to the terminal (80 columns when it is not one); colour only
 * on a terminal, NO_COLOR honoured. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/date.h"
#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

#define WIDTH 80
#define COMMAND_MAX 60 /* a command hint longer than this may break */

/* How to print: the colours, and the width to wrap to (asked of the terminal once). */
struct style {
    const char *bold, *dim, *accent, *off;
    size_t width;
};

static struct style pick_style(void)
{
    const char *no = getenv("NO_COLOR");
    size_t width = cli_width() ? cli_width() : WIDTH;
    if (isatty(STDOUT_FILENO) && !(no && *no))
        return (struct style){"\033[1m", "\033[2m", "\033[36m", "\033[0m", width};
    return (struct style){"", "", "", "", width};
}

/* Bytes of the next word of P; a command hint ("rapport meet held 3") is one word, so a
 * line never breaks inside it: it runs to a word ending in ) , ; or . or before a "(". */
static size_t word_len(const char *p)
{
    size_t n = strcspn(p, " \n");
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

/* Prints TEXT wrapped to WIDTH columns, each line starting with PREFIX (FIRST on the
 * first); newlines in TEXT are kept. */
static void wrapped(size_t width, const char *first, const char *prefix, const char *text)
{
    size_t indent = strlen(prefix), col = strlen(first);
    int line_start = 1;
    fputs(first, stdout);
    for (const char *p = text; *p;) {
        if (*p == '\n' || *p == ' ') {
            if (*p++ == '\n') {
                printf("\n%s", prefix);
                col = indent;
                line_start = 1;
            }
            continue;
        }
        size_t word = word_len(p);
        if (!line_start && col + 1 + word > width) {
            printf("\n%s", prefix);
            col = indent;
            line_start = 1;
        }
        if (!line_start) {
            fputc(' ', stdout);
            col++;
        }
        fwrite(p, 1, word, stdout);
        col += word;
        p += word;
        line_start = 0;
    }
    fputc('\n', stdout);
}

static void print_draft(const struct rp_draft *d, const struct style *st)
{
    printf("    %s| To: ", st->dim);
    for (size_t i = 0; i < d->nto; i++)
        printf("%s%s", i ? ", " : "", d->to[i]);
    if (!d->nto)
        printf("(no address on file)");
    if (d->ncc) {
        printf("\n    | Cc: ");
        for (size_t i = 0; i < d->ncc; i++)
            printf("%s%s", i ? ", " : "", d->cc[i]);
    }
    printf("\n    | Subject: %s\n", d->subject);
    char *body = strdup(d->body);
    size_t len = body ? strlen(body) : 0;
    while (len && body[len - 1] == '\n')
        body[--len] = '\0';
    wrapped(st->width, "    | ", "    | ", body ? body : "");
    free(body);
    printf("%s", st->off);
}

/* What to type to act on IT: each command a unit the wrapping never breaks. */
static void print_hints(const struct rp_agenda_item *it, const struct style *st)
{
    char hints[256];
    int send = it->has_draft && it->draft.nto;
    snprintf(hints, sizeof(hints), "rapport done %s, rapport snooze %s --days N%s%s", it->id,
             it->id, send ? ", rapport send " : "", send ? it->id : "");
    fputs(st->dim, stdout);
    wrapped(st->width, "    $ ", "      ", hints);
    fputs(st->off, stdout);
}

static void print_item(const struct rp_agenda_item *it, const struct style *st)
{
    char head[512];
    int n = snprintf(head, sizeof(head), "%s", it->account ? it->account : "");
    if (it->deal)
        snprintf(head + n, sizeof(head) - (size_t)n, "%s%s", n ? ": " : "", it->deal);
    printf("  %s*%s %s", st->accent, st->off, head);
    if (it->deal_id)
        printf("  %s[deal %lld, score %d]%s", st->dim, (long long)it->deal_id, it->score, st->off);
    else if (it->account_id)
        printf("  %s[account %lld]%s", st->dim, (long long)it->account_id, st->off);
    fputc('\n', stdout);
    wrapped(st->width, "    ", "    ", it->summary);
    wrapped(st->width, "    -> ", "       ", it->action);
    if (it->has_draft)
        print_draft(&it->draft, st);
    print_hints(it, st);
}

static void print_day_header(int64_t day, size_t count, const struct style *st)
{
    static const char *const wd[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
    char date[RP_DATE_LEN];
    rp_date_format(day, date);
    printf("%s%s %s%s: %zu thing%s to do\n", st->bold, wd[rp_date_weekday(day)], date, st->off,
           count, count == 1 ? "" : "s");
}

static void print_agenda(const struct rp_agenda *a)
{
    struct style st = pick_style();
    size_t i = 0;
    for (int d = 0; d < a->days; d++) {
        int64_t day = a->from + d;
        size_t count = 0;
        while (i + count < a->n && a->items[i + count].date == day)
            count++;
        if (d)
            fputc('\n', stdout);
        print_day_header(day, count, &st);
        if (!count)
            printf("  Nothing due. A good day to prospect.\n");
        int kind = -1;
        for (size_t k = i; k < i + count; k++) {
            const struct rp_agenda_item *it = &a->items[k];
            if (it->kind_rank != kind) {
                size_t same = 0;
                for (size_t m = k; m < i + count && a->items[m].kind_rank == it->kind_rank; m++)
                    same++;
                printf("\n%s%s (%zu)%s\n", st.bold, rp_agenda_kind_title(it->kind_rank), same,
                       st.off);
                kind = it->kind_rank;
            }
            print_item(it, &st);
        }
        i += count;
    }
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
    enum rp_status rc = rp_agenda_read(c->db, rp_db_today(c->db), (int)days, &agenda);
    if (rc)
        return rc;
    if (c->json)
        rc = cli_print_json(c, rp_agenda_to_json(&agenda));
    else
        print_agenda(&agenda);
    rp_agenda_release(&agenda);
    return rc;
}
