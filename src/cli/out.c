/* What the command line prints: records as aligned text for people, JSON for scripts. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "base/banned.h"

#define CELL_MAX 40 /* display columns of a table cell before it is cut with "..." */

enum rp_status cli_print_json(struct cli *c, json_t *value)
{
    if (!value)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
    int rc = json_dumpf(value, stdout, JSON_INDENT(2) | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
    json_decref(value);
    if (rc || fputc('\n', stdout) == EOF)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "cannot write output");
    return RP_OK;
}

/* Display width of UTF-8 text: one column per code point (continuation bytes are free). */
static size_t text_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        w += ((unsigned char)s[i] & 0xc0) != 0x80;
    return w;
}

/* Byte length of the first MAX columns of S. */
static size_t cut_at(const char *s, size_t max)
{
    size_t w = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xc0) != 0x80 && w++ == max)
            break;
    }
    return i;
}

/* One table cell: newlines and tabs become spaces, long text is cut. */
static char *cell(const struct rp_record *rec, int f)
{
    struct rp_buf b = RP_BUF_INIT;
    rp_field_format(rec, f, &b);
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] == '\n' || b.data[i] == '\t' || b.data[i] == '\r')
            b.data[i] = ' ';
    if (text_width(rp_buf_str(&b), b.len) > CELL_MAX) {
        b.len = cut_at(b.data, CELL_MAX - 3);
        b.data[b.len] = '\0';
        rp_buf_adds(&b, "...");
    }
    return rp_buf_detach(&b);
}

static void print_padded(const char *s, size_t width, int last)
{
    fputs(s, stdout);
    if (last)
        return;
    for (size_t w = text_width(s, strlen(s)); w < width + 2; w++)
        fputc(' ', stdout);
}

enum rp_status cli_print_table(struct cli *c, const struct rp_records *list, const char *title)
{
    if (c->json)
        return cli_print_json(c, rp_records_to_json(list));
    if (title)
        printf("%s\n", title);
    if (!list->n) {
        printf("  (none)\n");
        return RP_OK;
    }
    const struct rp_kind *kind = list->items[0].kind;
    int cols[32];
    size_t ncols = 0, width[32] = {0};
    for (size_t f = 0; f < kind->nfields && ncols < 32; f++)
        if (kind->fields[f].flags & RP_F_LIST)
            cols[ncols++] = (int)f;
    char **cells = calloc(list->n * ncols + 1, sizeof(*cells));
    if (!cells)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t k = 0; k < ncols; k++)
        width[k] = strlen(kind->fields[cols[k]].name);
    for (size_t i = 0; i < list->n; i++)
        for (size_t k = 0; k < ncols; k++) {
            char *s = cells[i * ncols + k] = cell(&list->items[i], cols[k]);
            size_t w = text_width(s, strlen(s));
            width[k] = w > width[k] ? w : width[k];
        }
    for (size_t k = 0; k < ncols; k++)
        print_padded(kind->fields[cols[k]].name, width[k], k + 1 == ncols);
    fputc('\n', stdout);
    for (size_t i = 0; i < list->n; i++) {
        for (size_t k = 0; k < ncols; k++)
            print_padded(cells[i * ncols + k], width[k], k + 1 == ncols);
        fputc('\n', stdout);
    }
    for (size_t i = 0; i < list->n * ncols; i++)
        free(cells[i]);
    free(cells);
    return RP_OK;
}

enum rp_status cli_print_record(struct cli *c, const struct rp_record *rec)
{
    if (c->json)
        return cli_print_json(c, rp_record_to_json(rec));
    const struct rp_kind *kind = rec->kind;
    size_t width = 0;
    for (size_t f = 0; f < kind->nfields; f++)
        if (rec->v[f].set && strlen(kind->fields[f].name) > width)
            width = strlen(kind->fields[f].name);
    for (size_t f = 0; f < kind->nfields; f++) {
        struct rp_buf b = RP_BUF_INIT;
        if (!rec->v[f].set)
            continue;
        rp_field_format(rec, (int)f, &b);
        printf("%-*s  %s\n", (int)width, kind->fields[f].name, rp_buf_str(&b));
        rp_buf_release(&b);
    }
    return RP_OK;
}

/* A record's one-line name for messages: its name, title or text. */
static const char *record_label(const struct rp_record *rec)
{
    static const char *const fields[] = {"name", "title", "text", "number", NULL};
    for (int i = 0; fields[i]; i++) {
        int f = rp_kind_field(rec->kind, fields[i]);
        if (f >= 0 && rp_record_str(rec, f))
            return rp_record_str(rec, f);
    }
    return NULL;
}

enum rp_status cli_print_created(struct cli *c, const struct rp_record *rec, json_t *warnings)
{
    if (c->json) {
        json_t *obj = rp_record_to_json(rec);
        if (obj && warnings)
            json_object_set(obj, "warnings", warnings);
        return cli_print_json(c, obj);
    }
    const char *label = record_label(rec);
    printf("added %s %lld%s%s\n", rec->kind->name, (long long)rec->v[0].i, label ? ": " : "",
           label ? label : "");
    return RP_OK;
}

enum rp_status cli_print_done(struct cli *c, const struct rp_record *rec, const char *fmt, ...)
{
    if (c->json)
        return cli_print_json(c, rp_record_to_json(rec));
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): started above */
    va_end(ap);
    fputc('\n', stdout);
    return RP_OK;
}

enum rp_status cli_section(struct cli *c, json_t *obj, const char *key, const char *title,
                           const struct rp_records *list)
{
    if (c->json) {
        json_t *arr = rp_records_to_json(list);
        if (!arr || json_object_set_new(obj, key, arr))
            return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
        return RP_OK;
    }
    fputc('\n', stdout);
    return cli_print_table(c, list, title);
}
