/* CSV reading over libcsv and writing; see csv.h. The input is read in chunks, converted to
 * UTF-8 when it is in another encoding, and fed to libcsv one line at a time so that every
 * row knows the line it starts on. The rows of a chunk are handed out as one batch; from a
 * regular file, a thread of the reader's own reads and parses the next chunk while the
 * caller works through the rows of the last one. */
#include "base/csv.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/parse.h"
#include "base/grow.h"
#include "base/banned.h"

#define CSV_CHUNK 65536

/* Values are kept as written: libcsv would trim blanks around unquoted fields (and, with a
 * tab separator, eat empty fields). */
static int csv_no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* A row parsed and not yet handed out: its fields are entries FIRST to FIRST + N - 1 of
 * its batch's field offsets. */
struct csv_rowq {
    size_t first, n;
    int64_t line;
};

/* The rows parsed from the input read last and not yet handed out: their text one after
 * the other in ROWS, where each field begins in OFFS, and each row in Q. They are kept
 * until all were handed out, then the next read reuses the room: rows cost no allocation
 * each. */
struct csv_batch {
    struct rp_buf rows;
    size_t *offs;
    size_t noffs, capoffs;
    struct csv_rowq *q;
    size_t qhead, qn, qcap;
    uint64_t bytes; /* of input read when the batch was parsed */
    int failed;     /* reading failed (the reader's message): none of its rows count */
    int end;        /* the input ended before any row */
    int ready;      /* parsed, and not yet given back by the caller (a thread's batch) */
};

/* A thread that parses batches ahead of the caller, two of them taking turns. */
struct csv_ahead {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop;
};

struct rp_csv {
    FILE *in;
    struct csv_parser p;
    int parser_ready;
    iconv_t cd; /* (iconv_t)-1 for UTF-8 input */
    const char *encoding;
    char sep;
    int detected, sep_found, eof;
    unsigned char raw[CSV_CHUNK];
    size_t rawlen;      /* undecoded bytes kept for the next chunk (a split character) */
    struct rp_buf text; /* the decoded chunk */
    int64_t line;       /* the line being fed */
    uint64_t bytes;
    /* the row being parsed: its fields one after the other, each ended by a NUL, and where
     * each begins */
    struct rp_buf row;
    size_t *starts;
    size_t n, cap;
    int64_t row_line;
    struct csv_batch batch[2];
    struct csv_batch *fill;  /* the batch being parsed */
    int reading;             /* the batch being handed out */
    struct csv_ahead *ahead; /* NULL: batches are parsed when the caller needs one */
    char **fields;           /* the row handed out last */
    size_t capfields;
    struct rp_read_error err;
};

static void csv_ahead_start(struct rp_csv *r);
static void csv_ahead_stop(struct rp_csv *r);

enum rp_status rp_csv_open(FILE *in, struct rp_csv **out)
{
    struct rp_csv *r = calloc(1, sizeof(*r));
    if (!r)
        return RP_ERR_INTERNAL;
    r->in = in;
    r->cd = (iconv_t)-1;
    r->encoding = "UTF-8";
    r->sep = ',';
    r->line = 1;
    rp_buf_init(&r->text, 4 * CSV_CHUNK + 16);
    rp_buf_init(&r->err.msg, 512);
    rp_buf_init(&r->row, (size_t)RP_CSV_FIELDS_MAX * (RP_CSV_FIELD_MAX + 1));
    for (int i = 0; i < 2; i++)
        rp_buf_init(&r->batch[i].rows,
                    (size_t)RP_CSV_FIELDS_MAX * (RP_CSV_FIELD_MAX + 1) + 8 * CSV_CHUNK);
    r->fill = &r->batch[0];
    r->batch[0].ready = 1; /* empty: the first call parses (or waits for) the other */
    r->reading = 0;
    if (csv_init(&r->p, CSV_STRICT_FINI | CSV_APPEND_NULL)) {
        free(r);
        return RP_ERR_INTERNAL;
    }
    r->parser_ready = 1;
    csv_set_space_func(&r->p, csv_no_space);
    csv_ahead_start(r);
    *out = r;
    return RP_OK;
}

void rp_csv_free(struct rp_csv *r)
{
    if (!r)
        return;
    csv_ahead_stop(r);
    if (r->parser_ready)
        csv_free(&r->p);
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    rp_buf_release(&r->row);
    free(r->starts);
    for (int i = 0; i < 2; i++) {
        rp_buf_release(&r->batch[i].rows);
        free(r->batch[i].offs);
        free(r->batch[i].q);
    }
    free(r->fields);
    rp_buf_release(&r->text);
    rp_buf_release(&r->err.msg);
    free(r);
}

const char *rp_csv_errmsg(const struct rp_csv *r)
{
    return rp_buf_str(&r->err.msg);
}

char rp_csv_separator(const struct rp_csv *r)
{
    return r->sep;
}

const char *rp_csv_encoding(const struct rp_csv *r)
{
    return r->encoding;
}

uint64_t rp_csv_bytes(const struct rp_csv *r)
{
    return r->batch[r->reading].bytes;
}

/* ---- libcsv callbacks ------------------------------------------------------------------ */

static size_t count_newlines(const char *s, size_t len)
{
    size_t n = 0;
    for (const char *p = s; (p = memchr(p, '\n', len - (size_t)(p - s))); p++)
        n++;
    return n;
}

static void csv_on_field(void *data, size_t len, void *ctx)
{
    struct rp_csv *r = ctx;
    if (r->err.failed)
        return;
    if (!r->n)
        r->row_line = r->line - (int64_t)count_newlines(data ? data : "", data ? len : 0);
    if (len > RP_CSV_FIELD_MAX) {
        rp_read_fail(&r->err, "line %lld has a field longer than %zu bytes (not a CSV file?)",
                     (long long)r->row_line, RP_CSV_FIELD_MAX);
        return;
    }
    if (r->n >= RP_CSV_FIELDS_MAX) {
        rp_read_fail(&r->err, "line %lld has more than %d fields", (long long)r->row_line,
                     RP_CSV_FIELDS_MAX);
        return;
    }
    if (RP_GROW(r->starts, r->n + 1, r->cap)) {
        rp_read_fail(&r->err, "out of memory");
        return;
    }
    size_t start = r->row.len;
    if ((len && data && rp_buf_add(&r->row, data, len)) || rp_buf_add(&r->row, "", 1)) {
        rp_read_fail(&r->err, "out of memory");
        return;
    }
    r->starts[r->n++] = start;
    const char *text = r->row.data + start;
    if (memchr(text, '\0', len) || rp_valid_text(text))
        rp_read_fail(&r->err, "line %lld is not valid %s text (binary data or a wrong encoding)",
                     (long long)r->row_line, r->encoding);
}

static void csv_on_row(int term, void *ctx)
{
    struct rp_csv *r = ctx;
    struct csv_batch *b = r->fill;
    size_t base = b->rows.len;
    (void)term;
    if (r->err.failed)
        return;
    if (RP_GROW(b->q, b->qn + 1, b->qcap) || RP_GROW(b->offs, b->noffs + r->n, b->capoffs) ||
        rp_buf_add(&b->rows, r->row.data ? r->row.data : "", r->row.len)) {
        rp_read_fail(&r->err, "out of memory");
        return;
    }
    for (size_t i = 0; i < r->n; i++)
        b->offs[b->noffs + i] = base + r->starts[i];
    b->q[b->qn++] = (struct csv_rowq){b->noffs, r->n, r->row_line};
    b->noffs += r->n;
    rp_buf_reset(&r->row);
    r->n = 0;
}

/* ---- decoding --------------------------------------------------------------------------- */

/* The offset of the first byte of S that is not UTF-8, or -1; a sequence cut at the end does
 * not count when MORE (the chunk is not the last). *multi counts the well-formed sequences
 * of more than one byte before it. */
static long utf8_broken(const unsigned char *s, size_t len, int more, size_t *multi)
{
    *multi = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        size_t n = c < 0x80             ? 1
                   : (c & 0xe0) == 0xc0 ? 2
                   : (c & 0xf0) == 0xe0 ? 3
                   : (c & 0xf8) == 0xf0 ? 4
                                        : 0;
        if (!n || (n == 2 && c < 0xc2) || (n == 4 && c > 0xf4))
            return (long)i;
        if (i + n > len)
            return more ? -1 : (long)i;
        for (size_t k = 1; k < n; k++)
            if ((s[i + k] & 0xc0) != 0x80)
                return (long)i;
        *multi += n > 1;
        i += n;
    }
    return -1;
}

/* Bytes Windows-1252 leaves undefined: a file with them is in no encoding we know. */
static int cp1252_undefined(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == 0x81 || s[i] == 0x8d || s[i] == 0x8f || s[i] == 0x90 || s[i] == 0x9d)
            return 1;
    return 0;
}

/* Decides the encoding from the first chunk and drops a byte order mark. */
static int csv_detect(struct rp_csv *r, size_t *skip)
{
    const unsigned char *s = r->raw;
    size_t len = r->rawlen;
    const char *from = NULL;
    size_t multi;
    long bad;
    *skip = 0;
    if (len >= 2 && ((s[0] == 0xff && s[1] == 0xfe) || (s[0] == 0xfe && s[1] == 0xff))) {
        from = s[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
        *skip = 2;
    } else if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) {
        *skip = 3;
    } else if (memchr(s, '\0', len)) {
        return rp_read_fail(&r->err, "line 1 holds binary data (not a CSV text file)");
    } else if ((bad = utf8_broken(s, len, !r->eof, &multi)) >= 0) {
        /* Text that is UTF-8 up to a bad byte is broken UTF-8, not another encoding. */
        if (multi)
            return rp_read_fail(&r->err, "line %lld is not valid UTF-8 text",
                                1 + (long long)count_newlines((const char *)s, (size_t)bad));
        if (cp1252_undefined(s, len))
            return rp_read_fail(&r->err, "the file is neither UTF-8 nor Windows-1252 text (binary "
                                         "data?)");
        from = "WINDOWS-1252";
    }
    if (!from)
        return 0;
    r->encoding = !strcmp(from, "WINDOWS-1252") ? "Windows-1252" : from;
    r->cd = iconv_open("UTF-8", from);
    return r->cd == (iconv_t)-1
               ? rp_read_fail(&r->err, "cannot convert %s text (%s)", r->encoding, strerror(errno))
               : 0;
}

/* Decodes the raw bytes (after SKIP) into r->text, keeping a character cut at the end. */
static int csv_decode(struct rp_csv *r, size_t skip)
{
    rp_buf_reset(&r->text);
    if (r->cd == (iconv_t)-1) {
        if (rp_buf_add(&r->text, r->raw + skip, r->rawlen - skip))
            return rp_read_fail(&r->err, "out of memory");
        r->rawlen = 0;
        return 0;
    }
    char out[4 * CSV_CHUNK];
    char *in = (char *)r->raw + skip, *o = out;
    size_t inleft = r->rawlen - skip, outleft = sizeof(out);
    if (iconv(r->cd, &in, &inleft, &o, &outleft) == (size_t)-1 && errno != EINVAL)
        return rp_read_fail(&r->err, "line %lld is not valid %s text", (long long)r->line,
                            r->encoding);
    if (inleft && r->eof)
        return rp_read_fail(&r->err, "the file ends in the middle of a %s character", r->encoding);
    memmove(r->raw, in, inleft);
    r->rawlen = inleft;
    if (rp_buf_add(&r->text, out, (size_t)(o - out)))
        return rp_read_fail(&r->err, "out of memory");
    return 0;
}

/* The separator is whichever of ',', ';' and tab the first line has most of outside quotes
 * (a comma on a tie). */
static void csv_detect_separator(struct rp_csv *r)
{
    size_t comma = 0, semi = 0, tab = 0;
    int quoted = 0;
    for (const char *s = rp_buf_str(&r->text); *s && (quoted || (*s != '\n' && *s != '\r')); s++) {
        quoted ^= *s == '"';
        comma += !quoted && *s == ',';
        semi += !quoted && *s == ';';
        tab += !quoted && *s == '\t';
    }
    r->sep = ',';
    if (semi > comma && semi >= tab)
        r->sep = ';';
    else if (tab > comma && tab > semi)
        r->sep = '\t';
    csv_set_delim(&r->p, (unsigned char)r->sep);
}

/* Feeds decoded text to libcsv line by line, stopping at the first error. */
static int csv_feed(struct rp_csv *r)
{
    const char *s = rp_buf_str(&r->text), *end = s + r->text.len;
    while (s < end && !r->err.failed) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
        if (csv_parse(&r->p, s, n, csv_on_field, csv_on_row, r) != n && !r->err.failed)
            return rp_read_fail(&r->err, "line %lld cannot be read (%s)", (long long)r->line,
                                csv_strerror(csv_error(&r->p)));
        if (r->p.entry_pos > RP_CSV_FIELD_MAX)
            return rp_read_fail(&r->err,
                                "line %lld has a field longer than %zu bytes (not a CSV file?)",
                                (long long)r->line, RP_CSV_FIELD_MAX);
        r->line += nl != NULL;
        s += n;
    }
    return r->err.failed ? -1 : 0;
}

/* The line where the row being parsed starts: its finished fields, then the open one. */
static int64_t csv_open_line(const struct rp_csv *r)
{
    if (r->n)
        return r->row_line;
    return r->line - (int64_t)count_newlines((const char *)r->p.entry_buf, r->p.entry_pos);
}

/* Reads, decodes and parses one more chunk; at the end of the input, finishes the last
 * row. */
static int csv_fill(struct rp_csv *r)
{
    size_t skip = 0;
    rp_buf_reset(&r->text);
    size_t got = fread(r->raw + r->rawlen, 1, sizeof(r->raw) - r->rawlen, r->in);
    if (ferror(r->in))
        return rp_read_fail(&r->err, "cannot read the file (%s)", strerror(errno));
    r->bytes += got;
    r->rawlen += got;
    r->eof = got == 0 || feof(r->in);
    if (!r->detected && r->rawlen && (r->detected = 1) && csv_detect(r, &skip))
        return -1;
    if (r->rawlen && csv_decode(r, skip))
        return -1;
    if (!r->sep_found && r->text.len) {
        r->sep_found = 1;
        csv_detect_separator(r);
    }
    if (r->text.len && csv_feed(r))
        return -1;
    if (r->eof && !r->rawlen) {
        /* libcsv reports an open quote at the end only in its strict mode, which would also
         * refuse the stray quotes spreadsheets write; its state says it (2: FIELD_BEGUN). */
        if (r->p.quoted && r->p.pstate == 2)
            return rp_read_fail(&r->err,
                                "the file ends inside a quoted field that starts on line %lld "
                                "(truncated?)",
                                (long long)csv_open_line(r));
        if (csv_fini(&r->p, csv_on_field, csv_on_row, r) && !r->err.failed)
            return rp_read_fail(&r->err,
                                "the file ends inside a quoted field that starts on line %lld "
                                "(truncated?)",
                                (long long)r->row_line);
    }
    return r->err.failed ? -1 : 0;
}

/* ---- batches ------------------------------------------------------------------------------ */

/* Parses the next rows of the input into r->fill: at least one, unless the input ended or
 * reading failed. */
static void csv_parse_batch(struct rp_csv *r)
{
    struct csv_batch *b = r->fill;
    b->qhead = b->qn = b->noffs = 0;
    rp_buf_reset(&b->rows);
    while (!b->qn && !r->err.failed && !(r->eof && !r->rawlen))
        if (csv_fill(r))
            break;
    b->bytes = r->bytes;
    b->failed = r->err.failed;
    b->end = !b->qn;
}

/* The thread: parses a batch whenever one was given back, until the input ends or reading
 * fails. */
static void *csv_ahead_run(void *arg)
{
    struct rp_csv *r = arg;
    struct csv_ahead *a = r->ahead;
    for (int i = 1, done = 0; !done; i ^= 1) {
        pthread_mutex_lock(&a->mu);
        while (r->batch[i].ready && !a->stop)
            pthread_cond_wait(&a->cv, &a->mu);
        done = a->stop;
        pthread_mutex_unlock(&a->mu);
        if (done)
            break;
        r->fill = &r->batch[i];
        csv_parse_batch(r);
        pthread_mutex_lock(&a->mu);
        r->batch[i].ready = 1;
        done = r->batch[i].failed || r->batch[i].end;
        pthread_cond_broadcast(&a->cv);
        pthread_mutex_unlock(&a->mu);
    }
    return NULL;
}

/* Starts the thread for a regular file (whose reads never wait on anyone); a reader
 * without one parses each batch when the caller needs it. */
static void csv_ahead_start(struct rp_csv *r)
{
    struct stat st;
    int fd = fileno(r->in);
    if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) ||
        !(r->ahead = calloc(1, sizeof(*r->ahead))))
        return;
    if (pthread_mutex_init(&r->ahead->mu, NULL)) {
        free(r->ahead);
        r->ahead = NULL;
        return;
    }
    if (pthread_cond_init(&r->ahead->cv, NULL)) {
        pthread_mutex_destroy(&r->ahead->mu);
        free(r->ahead);
        r->ahead = NULL;
        return;
    }
    if (pthread_create(&r->ahead->thread, NULL, csv_ahead_run, r)) {
        pthread_cond_destroy(&r->ahead->cv);
        pthread_mutex_destroy(&r->ahead->mu);
        free(r->ahead);
        r->ahead = NULL;
    }
}

static void csv_ahead_stop(struct rp_csv *r)
{
    struct csv_ahead *a = r->ahead;
    if (!a)
        return;
    pthread_mutex_lock(&a->mu);
    a->stop = 1;
    pthread_cond_broadcast(&a->cv);
    pthread_mutex_unlock(&a->mu);
    pthread_join(a->thread, NULL);
    pthread_cond_destroy(&a->cv);
    pthread_mutex_destroy(&a->mu);
    free(a);
    r->ahead = NULL;
}

/* Gives the batch handed out back and makes the other one the batch handed out: parsed
 * now, or by the thread. */
static void csv_next_batch(struct rp_csv *r)
{
    struct csv_ahead *a = r->ahead;
    int next = r->reading ^ 1;
    if (!a) {
        r->fill = &r->batch[next];
        csv_parse_batch(r);
        r->reading = next;
        return;
    }
    pthread_mutex_lock(&a->mu);
    r->batch[r->reading].ready = 0;
    pthread_cond_broadcast(&a->cv);
    while (!r->batch[next].ready)
        pthread_cond_wait(&a->cv, &a->mu);
    pthread_mutex_unlock(&a->mu);
    r->reading = next;
}

int rp_csv_next(struct rp_csv *r, struct rp_csv_row *row)
{
    struct csv_batch *b = &r->batch[r->reading];
    if (b->qhead == b->qn && !b->failed && !b->end) {
        csv_next_batch(r);
        b = &r->batch[r->reading];
    }
    if (b->failed)
        return -1;
    if (b->qhead == b->qn)
        return 0;
    const struct csv_rowq *q = &b->q[b->qhead++];
    if (RP_GROW(r->fields, q->n, r->capfields)) {
        csv_ahead_stop(r);
        b->failed = 1;
        return rp_read_fail(&r->err, "out of memory");
    }
    for (size_t i = 0; i < q->n; i++)
        r->fields[i] = b->rows.data + b->offs[q->first + i];
    *row = (struct rp_csv_row){r->fields, q->n, q->line};
    return 1;
}

/* ---- writing ---------------------------------------------------------------------------- */

int rp_csv_formula_like(const char *text)
{
    return text && (*text == '=' || *text == '+' || *text == '-' || *text == '@' || *text == '\t' ||
                    *text == '\r');
}

enum rp_status rp_csv_cell(struct rp_buf *b, const char *text, int first)
{
    enum rp_status rc = first ? RP_OK : rp_buf_addc(b, ',');
    if (!text || rc)
        return rc;
    int formula = rp_csv_formula_like(text);
    if (!formula && !text[strcspn(text, ",\"\r\n")])
        return rp_buf_adds(b, text);
    rc = rp_buf_addc(b, '"');
    if (!rc && formula)
        rc = rp_buf_addc(b, '\'');
    for (const char *s = text; *s && !rc; s++)
        rc = *s == '"' ? rp_buf_add(b, "\"\"", 2) : rp_buf_addc(b, *s);
    return rc ? rc : rp_buf_addc(b, '"');
}
