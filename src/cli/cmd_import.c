/* rapport import and rapport export: files in and out (docs/import.md), with a progress
 * bar on a terminal, a summary of what happened to every row, and refused rows written
 * where the user can fix them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/csv.h"
#include "cli/cli.h"
#include "rapport/import.h"
#include "base/banned.h"

#define BAR_WIDTH 24

const struct cli_opt cmd_import_csv_opts[] = {
    {"kind", 1, "accounts|contacts|deals", "what the rows are (required)"},
    {"map", 1, "COLUMN=FIELD", "read COLUMN as FIELD (or ignore it); repeat for several"},
    {"dry-run", 0, NULL, "say what would happen and change nothing"},
    {"strict", 0, NULL, "refuse the whole file on the first refused row (exit 4)"},
    {"rejects", 1, "FILE",
     "write refused rows there as CSV, with the reason, to fix and "
     "import again"},
    {NULL, 0, NULL, NULL},
};
const struct cli_opt cmd_import_vcard_opts[] = {
    {"dry-run", 0, NULL, "say what would happen and change nothing"},
    {"strict", 0, NULL, "refuse the whole file on the first refused card (exit 4)"},
    {"rejects", 1, "FILE", "write refused cards there as CSV, with the reason"},
    {NULL, 0, NULL, NULL},
};
const struct cli_opt cmd_export_csv_opts[] = {
    {"kind", 1, "accounts|contacts|deals|activities", "what to export (required)"},
    {"output", 1, "FILE", "write there instead of standard output"},
    {NULL, 0, NULL, NULL},
};
const struct cli_opt cmd_export_json_opts[] = {
    {"output", 1, "FILE", "write there instead of standard output"},
    {NULL, 0, NULL, NULL},
};

/* ---- progress ------------------------------------------------------------------------- */

struct import_progress {
    int tty;
    uint64_t total; /* the file's size, 0 when unknown (standard input) */
    double started, shown;
    FILE *rejects;
    int wrote_header;
};

static double import_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Rows, rows per second and, when the size is known, a bar and the time left; redrawn at
 * most ten times a second, on a terminal only. */
static void import_progress_show(void *ctx, uint64_t bytes, int64_t rows)
{
    struct import_progress *p = ctx;
    double now = import_clock(), spent = now - p->started;
    if (!p->tty || now - p->shown < 0.1)
        return;
    p->shown = now;
    double rate = spent > 0 ? (double)rows / spent : 0;
    fprintf(stderr, "\rimporting ");
    if (p->total) {
        double done = (double)bytes / (double)p->total;
        int fill = (int)(BAR_WIDTH * (done > 1 ? 1 : done));
        char bar[BAR_WIDTH + 1];
        memset(bar, '#', (size_t)fill);
        memset(bar + fill, '.', (size_t)(BAR_WIDTH - fill));
        bar[BAR_WIDTH] = '\0';
        double left = done > 0 ? spent / done - spent : 0;
        fprintf(stderr, "[%s] %3d%%  ", bar, (int)(100 * done));
        fprintf(stderr, "%lld rows  %.0f rows/s  ETA %.0f s\033[K", (long long)rows, rate, left);
    } else {
        fprintf(stderr, "%lld rows  %.0f rows/s\033[K", (long long)rows, rate);
    }
    fflush(stderr);
}

static void import_progress_end(struct import_progress *p)
{
    if (p->tty && p->shown > 0) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
}

/* A refused row goes to the --rejects file: the file's own columns, then the reason. */
static void import_reject_write(void *ctx, const struct rp_import_reject *r)
{
    struct import_progress *p = ctx;
    struct rp_buf line = RP_BUF_INIT;
    if (!p->rejects)
        return;
    if (!p->wrote_header) {
        for (size_t i = 0; i < r->nheader; i++)
            rp_csv_cell(&line, r->header[i], i == 0);
        rp_csv_cell(&line, "Rejected because", r->nheader == 0);
        rp_buf_adds(&line, "\r\n");
        p->wrote_header = 1;
    }
    for (size_t i = 0; i < r->nheader || i < r->nfields; i++)
        rp_csv_cell(&line, i < r->nfields ? r->fields[i] : "", i == 0);
    rp_csv_cell(&line, r->reason, 0);
    rp_buf_adds(&line, "\r\n");
    fwrite(line.data, 1, line.len, p->rejects);
    rp_buf_release(&line);
}

/* ---- import csv ------------------------------------------------------------------------- */

static enum rp_status import_kind(struct cli *c, const char *kind, int export, enum rp_kind_id *out)
{
    static const struct {
        const char *name;
        enum rp_kind_id kind;
        int export_only;
    } kinds[] = {{"accounts", RP_ACCOUNT, 0},
                 {"contacts", RP_CONTACT, 0},
                 {"deals", RP_DEAL, 0},
                 {"activities", RP_ACTIVITY, 1}};
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (!strcmp(kinds[i].name, kind) && (export || !kinds[i].export_only)) {
            *out = kinds[i].kind;
            return RP_OK;
        }
    return rp_db_fail(c->db, RP_ERR_USAGE, "kind", "unknown --kind '%s' (expected %s)", kind,
                      export ? "accounts, contacts, deals or activities"
                             : "accounts, contacts or deals");
}

/* Every --map COLUMN=FIELD, split at the last '='. MAP is owned: free() it. */
static enum rp_status import_maps(struct cli *c, const struct cli_args *a,
                                  struct rp_import_map **map, size_t *n)
{
    *map = calloc(a->n + 1, sizeof(**map));
    *n = 0;
    if (!*map)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t i = 0; i < a->n; i++) {
        struct cli_arg *arg = &a->items[i];
        if (!arg->name || strcmp(arg->name, "map"))
            continue;
        char *eq = strrchr(arg->value, '=');
        if (!eq || eq == arg->value || !eq[1])
            return rp_db_fail(c->db, RP_ERR_USAGE, "map",
                              "invalid --map '%s' (expected "
                              "COLUMN=FIELD)",
                              arg->value);
        *eq = '\0';
        (*map)[(*n)++] = (struct rp_import_map){arg->value, eq + 1};
    }
    return RP_OK;
}

static enum rp_status open_input(struct cli *c, const char *path, FILE **in, uint64_t *size)
{
    struct stat st;
    *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    *size = 0;
    if (!*in)
        return rp_db_fail(c->db, errno == ENOENT ? RP_ERR_NOTFOUND : RP_ERR_INTERNAL, "file",
                          "cannot open '%s' (%s)", path, strerror(errno));
    if (!fstat(fileno(*in), &st) && S_ISDIR(st.st_mode)) {
        fclose(*in);
        *in = NULL;
        return rp_db_fail(c->db, RP_ERR_INVALID, "file", "cannot import '%s' (a directory)", path);
    }
    if (!fstat(fileno(*in), &st) && S_ISREG(st.st_mode))
        *size = (uint64_t)st.st_size;
    return RP_OK;
}

static void print_summary(const json_t *s, const char *file)
{
    const json_t *added = json_object_get(s, "added");
    printf("%s%s: %lld rows (%s, '%s'): %lld accounts, %lld contacts, %lld deals added; %lld "
           "merged, %lld unchanged, %lld rejected\n",
           json_is_true(json_object_get(s, "dry_run")) ? "dry run, nothing changed: " : "", file,
           (long long)json_integer_value(json_object_get(s, "rows")),
           json_string_value(json_object_get(s, "encoding")),
           !strcmp(json_string_value(json_object_get(s, "separator")), "\t")
               ? "tab"
               : json_string_value(json_object_get(s, "separator")),
           (long long)json_integer_value(json_object_get(added, "accounts")),
           (long long)json_integer_value(json_object_get(added, "contacts")),
           (long long)json_integer_value(json_object_get(added, "deals")),
           (long long)json_integer_value(json_object_get(s, "merged")),
           (long long)json_integer_value(json_object_get(s, "unchanged")),
           (long long)json_integer_value(json_object_get(s, "rejected")));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(s, "rejects"), i, v)
        printf("  line %lld: %s\n", (long long)json_integer_value(json_object_get(v, "line")),
               json_string_value(json_object_get(v, "reason")));
    json_t *unknown = json_object_get(s, "unknown_columns");
    if (json_array_size(unknown)) {
        printf("ignored columns:");
        json_array_foreach(unknown, i, v) printf("%s %s", i ? "," : "", json_string_value(v));
        printf("\n");
    }
}

enum rp_status cmd_import_csv(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    int vcard = !strcmp(cmd->name, "import vcard");
    const char *path = cli_pos(a, 0), *kind_name, *rejects = cli_opt(a, "rejects");
    struct import_progress p = {isatty(STDERR_FILENO), 0, import_clock(), 0, NULL, 0};
    struct rp_import_options o = {0};
    struct rp_import_map *map = NULL;
    json_t *summary = NULL;
    FILE *in = NULL;
    enum rp_status rc;
    if (!path)
        return rp_db_fail(c->db, RP_ERR_USAGE, "file", "missing FILE (or - for standard input)");
    if (!vcard &&
        ((rc = cli_need(c, a, "kind", &kind_name)) || (rc = import_kind(c, kind_name, 0, &o.kind))))
        goto out;
    if ((rc = import_maps(c, a, &map, &o.nmap)))
        goto out;
    if ((rc = open_input(c, path, &in, &p.total)))
        goto out;
    if (rejects && !(p.rejects = fopen(rejects, "wb"))) {
        rc = rp_db_fail(c->db, RP_ERR_INTERNAL, "rejects", "cannot write '%s' (%s)", rejects,
                        strerror(errno));
        goto out;
    }
    o.map = map;
    o.strict = cli_flag(a, "strict");
    o.dry_run = cli_flag(a, "dry-run");
    o.progress = import_progress_show;
    o.reject = import_reject_write;
    o.ctx = &p;
    rc = vcard ? rp_import_vcard(c->db, in, &o, &summary) : rp_import_csv(c->db, in, &o, &summary);
    import_progress_end(&p);
    if (!rc)
        rc = c->json ? cli_print_json(c, json_incref(summary))
                     : (print_summary(summary, path), RP_OK);
out:
    if (p.rejects && fclose(p.rejects) && !rc)
        rc = rp_db_fail(c->db, RP_ERR_INTERNAL, "rejects", "cannot write '%s'", rejects);
    if (in && in != stdin)
        fclose(in);
    json_decref(summary);
    free(map);
    return rc;
}

/* ---- export ---------------------------------------------------------------------------- */

/* Standard output, or --output FILE (written whole or removed). */
static enum rp_status export_open(struct cli *c, const struct cli_args *a, FILE **out)
{
    const char *path = cli_opt(a, "output");
    *out = path ? fopen(path, "wb") : stdout;
    if (!*out)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, "output", "cannot write '%s' (%s)", path,
                          strerror(errno));
    return RP_OK;
}

static enum rp_status export_close(struct cli *c, const struct cli_args *a, FILE *out,
                                   enum rp_status rc)
{
    const char *path = cli_opt(a, "output");
    if (fflush(out) && !rc)
        rc = rp_db_fail(c->db, RP_ERR_INTERNAL, "output", "cannot write '%s' (%s)",
                        path ? path : "standard output", strerror(errno));
    if (path && fclose(out) && !rc)
        rc = rp_db_fail(c->db, RP_ERR_INTERNAL, "output", "cannot write '%s'", path);
    if (path && rc)
        remove(path);
    return rc;
}

enum rp_status cmd_export_csv(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *kind_name;
    enum rp_kind_id kind = RP_ACCOUNT;
    int64_t rows = 0;
    FILE *out;
    enum rp_status rc;
    if ((rc = cli_need(c, a, "kind", &kind_name)) || (rc = import_kind(c, kind_name, 1, &kind)) ||
        (rc = export_open(c, a, &out)))
        return rc;
    rc = export_close(c, a, out, rp_export_csv(c->db, kind, out, &rows));
    if (!rc && cli_opt(a, "output"))
        rc = c->json ? cli_print_json(c, json_pack("{s:s, s:I, s:s}", "kind", kind_name, "rows",
                                                   (json_int_t)rows, "file", cli_opt(a, "output")))
                     : (printf("exported %lld %s to %s\n", (long long)rows, kind_name,
                               cli_opt(a, "output")),
                        RP_OK);
    return rc;
}

enum rp_status cmd_export_vcard(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    int64_t rows = 0;
    FILE *out;
    enum rp_status rc = export_open(c, a, &out);
    if (rc)
        return rc;
    rc = export_close(c, a, out, rp_export_vcard(c->db, out, &rows));
    if (!rc && cli_opt(a, "output"))
        rc = c->json
                 ? cli_print_json(c, json_pack("{s:s, s:I, s:s}", "kind", "contacts", "rows",
                                               (json_int_t)rows, "file", cli_opt(a, "output")))
                 : (printf("exported %lld contacts to %s\n", (long long)rows, cli_opt(a, "output")),
                    RP_OK);
    return rc;
}

enum rp_status cmd_export_json(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    json_t *counts = NULL;
    FILE *out;
    enum rp_status rc = export_open(c, a, &out);
    if (rc)
        return rc;
    rc = export_close(c, a, out, rp_export_json(c->db, out, &counts));
    if (!rc && cli_opt(a, "output"))
        rc = c->json ? cli_print_json(c, json_incref(counts))
                     : (printf("exported the book to %s\n", cli_opt(a, "output")), RP_OK);
    json_decref(counts);
    return rc;
}

enum rp_status cmd_import_json(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *path = cli_pos(a, 0);
    json_t *counts = NULL;
    uint64_t size;
    FILE *in;
    enum rp_status rc;
    if (!path)
        return rp_db_fail(c->db, RP_ERR_USAGE, "file", "missing FILE (or - for standard input)");
    if ((rc = open_input(c, path, &in, &size)))
        return rc;
    rc = rp_import_json(c->db, in, &counts);
    if (in != stdin)
        fclose(in);
    if (!rc)
        rc = c->json ? cli_print_json(c, json_incref(counts))
                     : (printf("restored the book from %s\n", path), RP_OK);
    json_decref(counts);
    return rc;
}
