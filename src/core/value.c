/* Field values from outside text or JSON, and back to text and JSON. Every check a field
 * needs (dates, vocabularies, amounts, e-mail, sizes) is made here and nowhere else. */
#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/json_out.h"
#include "base/parse.h"
#include "rapport/rapport.h"
#include "base/banned.h"

#define TEXT_MAX 65536
#define NAME_MAX_LEN 500

/* How a field is called in messages: its command-line flag when it has one. */
static const char *field_label(const struct rp_field *f)
{
    return f->flag ? f->flag : f->name;
}

static enum rp_status bad_vocab(struct rp_db *db, const struct rp_field *f, const char *text)
{
    struct rp_buf allowed = RP_BUF_INIT;
    for (int i = 0; f->vocab[i]; i++)
        rp_buf_addf(&allowed, "%s%s", i ? ", " : "", f->vocab[i]);
    enum rp_status rc =
        rp_db_fail(db, RP_ERR_INVALID, f->name, "invalid %s '%s' (expected one of %s)",
                   field_label(f), text, rp_buf_str(&allowed));
    rp_buf_release(&allowed);
    return rc;
}

static int is_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

static enum rp_status parse_bool(const char *text, int64_t *out)
{
    static const char *const yes[] = {"yes", "true", "1", NULL};
    static const char *const no[] = {"no", "false", "0", NULL};
    if (rp_vocab_index(yes, text) >= 0)
        *out = 1;
    else if (rp_vocab_index(no, text) >= 0)
        *out = 0;
    else
        return RP_ERR_INVALID;
    return RP_OK;
}

/* Instants accept a bare date too, read as noon of that day in the user's zone. */
static int parse_instant(const char *text, int64_t *out)
{
    int64_t days;
    if (!rp_date_parse(text, &days)) {
        *out = rp_local_instant(days, 12, 0);
        return 0;
    }
    return rp_instant_parse(text, out);
}

static enum rp_status set_number(struct rp_db *db, struct rp_record *rec, int f, const char *text)
{
    const struct rp_field *fd = &rec->kind->fields[f];
    int64_t v;
    switch (fd->type) {
    case RP_T_ID:
    case RP_T_REF:
        if (rp_parse_int64(text, 1, INT64_MAX, &v))
            return rp_db_fail(db, RP_ERR_INVALID, fd->name,
                              "invalid %s id '%s' (expected a "
                              "positive whole number)",
                              fd->type == RP_T_ID ? rec->kind->name : field_label(fd), text);
        break;
    case RP_T_INT:
        if (rp_parse_int64(text, 0, 1000000, &v))
            return rp_db_fail(db, RP_ERR_INVALID, fd->name,
                              "invalid %s '%s' (expected a whole "
                              "number from 0 to 1000000)",
                              field_label(fd), text);
        break;
    case RP_T_BOOL:
        if (parse_bool(text, &v))
            return rp_db_fail(db, RP_ERR_INVALID, fd->name,
                              "invalid %s '%s' (expected yes or "
                              "no)",
                              field_label(fd), text);
        break;
    case RP_T_DATE:
        if (rp_date_parse(text, &v))
            return rp_db_fail(db, RP_ERR_INVALID, fd->name,
                              "cannot parse date '%s' for %s "
                              "(expected YYYY-MM-DD)",
                              text, field_label(fd));
        break;
    case RP_T_INSTANT:
        if (parse_instant(text, &v))
            return rp_db_fail(db, RP_ERR_INVALID, fd->name,
                              "cannot parse time '%s' for %s "
                              "(expected YYYY-MM-DDTHH:MM, local or with Z or an offset)",
                              text, field_label(fd));
        break;
    default: /* RP_T_MONEY */
        if (rp_parse_money(text, &v))
            return rp_db_fail(
                db, RP_ERR_INVALID, fd->name,
                "invalid amount '%s' for %s "
                "(expected a non-negative amount like 1,200.50, under 10,000,000,000,000)",
                text, field_label(fd));
    }
    rp_record_set_int(rec, f, v);
    return RP_OK;
}

static enum rp_status set_string(struct rp_db *db, struct rp_record *rec, int f, const char *text)
{
    const struct rp_field *fd = &rec->kind->fields[f];
    size_t len = strlen(text);
    if (rp_valid_text(text))
        return rp_db_fail(db, RP_ERR_INVALID, fd->name,
                          "invalid %s (not UTF-8 text, or it holds "
                          "control characters)",
                          field_label(fd));
    if (len > TEXT_MAX || (fd->type == RP_T_NAME && len > NAME_MAX_LEN))
        return rp_db_fail(db, RP_ERR_INVALID, fd->name, "%s is too long (%zu bytes, at most %d)",
                          field_label(fd), len, fd->type == RP_T_NAME ? NAME_MAX_LEN : TEXT_MAX);
    if (fd->type == RP_T_ENUM && rp_vocab_index(fd->vocab, text) < 0)
        return bad_vocab(db, fd, text);
    if (fd->type == RP_T_EMAIL && rp_valid_email(text))
        return rp_db_fail(db, RP_ERR_INVALID, fd->name,
                          "invalid e-mail address '%s' (expected "
                          "name@example.com)",
                          text);
    if (fd->type == RP_T_CURRENCY && rp_valid_currency(text))
        return rp_db_fail(db, RP_ERR_INVALID, fd->name,
                          "invalid currency '%s' (expected a "
                          "three-letter ISO 4217 code like EUR)",
                          text);
    if (rp_record_set_str(rec, f, text))
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (fd->type == RP_T_CURRENCY)
        for (char *p = rec->v[f].s; *p; p++)
            *p = (char)toupper((unsigned char)*p);
    return RP_OK;
}

enum rp_status rp_record_set_text(struct rp_db *db, struct rp_record *rec, int f, const char *text)
{
    const struct rp_field *fd = &rec->kind->fields[f];
    if (is_blank(text)) {
        if (fd->type == RP_T_NAME || (fd->flags & RP_F_REQUIRED))
            return rp_db_fail(db, RP_ERR_INVALID, fd->name, "%s must not be empty",
                              field_label(fd));
        rp_record_clear(rec, f);
        return RP_OK;
    }
    switch (fd->type) {
    case RP_T_TEXT:
    case RP_T_NAME:
    case RP_T_ENUM:
    case RP_T_EMAIL:
    case RP_T_CURRENCY:
        return set_string(db, rec, f, text);
    default:
        return set_number(db, rec, f, text);
    }
}

static int type_is_string(enum rp_type t)
{
    return t == RP_T_TEXT || t == RP_T_NAME || t == RP_T_ENUM || t == RP_T_EMAIL ||
           t == RP_T_CURRENCY || t == RP_T_DATE || t == RP_T_INSTANT;
}

enum rp_status rp_record_set_json(struct rp_db *db, struct rp_record *rec, int f,
                                  const json_t *value)
{
    const struct rp_field *fd = &rec->kind->fields[f];
    char num[32];
    if (json_is_null(value))
        return rp_record_set_text(db, rec, f, "");
    /* A JSON string may hold a NUL byte; C text would silently end there. */
    if (type_is_string(fd->type) && json_is_string(value) &&
        strlen(json_string_value(value)) != json_string_length(value))
        return rp_db_fail(db, RP_ERR_INVALID, fd->name, "invalid %s (contains a NUL character)",
                          fd->name);
    if (type_is_string(fd->type) && json_is_string(value))
        return rp_record_set_text(db, rec, f, json_string_value(value));
    if (fd->type == RP_T_BOOL && json_is_boolean(value)) {
        rp_record_set_int(rec, f, json_is_true(value));
        return RP_OK;
    }
    if (fd->type == RP_T_MONEY && json_is_integer(value)) {
        /* Minor units, within the bound of amounts given as text (set_number). */
        json_int_t cents = json_integer_value(value);
        if (cents < 0 || cents > RP_MONEY_MAX)
            return rp_db_fail(db, RP_ERR_INVALID, fd->name,
                              "invalid %s %" JSON_INTEGER_FORMAT
                              " (expected a non-negative amount in minor units, under 10^15)",
                              fd->name, cents);
        rp_record_set_int(rec, f, cents);
        return RP_OK;
    }
    if ((fd->type == RP_T_ID || fd->type == RP_T_REF || fd->type == RP_T_INT) &&
        json_is_integer(value)) {
        snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        return rp_record_set_text(db, rec, f, num);
    }
    return rp_db_fail(db, RP_ERR_INVALID, fd->name, "invalid %s (expected %s)", fd->name,
                      type_is_string(fd->type) ? "a string"
                      : fd->type == RP_T_BOOL  ? "true or false"
                                               : "a whole number");
}

static enum rp_status format_money(int64_t cents, struct rp_buf *buf)
{
    char digits[32];
    int n = snprintf(digits, sizeof(digits), "%" PRId64, cents / 100);
    enum rp_status rc = RP_OK;
    for (int i = 0; i < n && !rc; i++) {
        if (i && (n - i) % 3 == 0)
            rc = rp_buf_addc(buf, ',');
        if (!rc)
            rc = rp_buf_addc(buf, digits[i]);
    }
    return rc ? rc : rp_buf_addf(buf, ".%02d", (int)(cents % 100));
}

enum rp_status rp_field_format(const struct rp_record *rec, int f, struct rp_buf *buf)
{
    const struct rp_value *v = &rec->v[f];
    char text[RP_INSTANT_LEN];
    if (!v->set)
        return RP_OK;
    switch (rec->kind->fields[f].type) {
    case RP_T_ID:
    case RP_T_REF:
    case RP_T_INT:
        return rp_buf_addf(buf, "%" PRId64, v->i);
    case RP_T_BOOL:
        return rp_buf_adds(buf, v->i ? "yes" : "no");
    case RP_T_DATE:
        rp_date_format(v->i, text);
        return rp_buf_adds(buf, text);
    case RP_T_INSTANT:
        rp_local_format(v->i, text);
        return rp_buf_adds(buf, text);
    case RP_T_MONEY:
        return format_money(v->i, buf);
    default:
        return rp_buf_adds(buf, v->s);
    }
}

static json_t *value_to_json(const struct rp_field *fd, const struct rp_value *v)
{
    char text[RP_INSTANT_LEN];
    if (!v->set)
        return json_null();
    switch (fd->type) {
    case RP_T_ID:
    case RP_T_REF:
    case RP_T_INT:
    case RP_T_MONEY:
        return json_integer(v->i);
    case RP_T_BOOL:
        return json_boolean(v->i);
    case RP_T_DATE:
        rp_date_format(v->i, text);
        return json_string(text);
    case RP_T_INSTANT:
        rp_instant_format(v->i, text);
        return json_string(text);
    default:
        return json_string(v->s);
    }
}

json_t *rp_record_to_json(const struct rp_record *rec)
{
    json_t *obj = json_object();
    for (size_t f = 0; obj && f < rec->kind->nfields; f++) {
        const struct rp_field *fd = &rec->kind->fields[f];
        if (json_object_set_new(obj, fd->name, value_to_json(fd, &rec->v[f]))) {
            json_decref(obj);
            return NULL;
        }
    }
    return obj;
}

static enum rp_status value_write_json(const struct rp_field *fd, const struct rp_value *v,
                                       struct rp_buf *buf)
{
    char text[RP_INSTANT_LEN];
    if (!v->set)
        return rp_buf_add(buf, "null", 4);
    switch (fd->type) {
    case RP_T_ID:
    case RP_T_REF:
    case RP_T_INT:
    case RP_T_MONEY:
        return rp_json_out_int(buf, v->i);
    case RP_T_BOOL:
        return v->i ? rp_buf_add(buf, "true", 4) : rp_buf_add(buf, "false", 5);
    case RP_T_DATE:
        rp_date_format(v->i, text);
        return rp_json_out_str(buf, text);
    case RP_T_INSTANT:
        rp_instant_format(v->i, text);
        return rp_json_out_str(buf, text);
    default:
        return rp_json_out_str(buf, v->s);
    }
}

enum rp_status rp_record_write_json(const struct rp_record *rec, struct rp_buf *buf)
{
    enum rp_status rc = rp_buf_addc(buf, '{');
    for (size_t f = 0; !rc && f < rec->kind->nfields; f++) {
        const struct rp_field *fd = &rec->kind->fields[f];
        if (!(rc = rp_json_out_key(buf, fd->name, f == 0)))
            rc = value_write_json(fd, &rec->v[f], buf);
    }
    return rc ? rc : rp_buf_addc(buf, '}');
}

json_t *rp_records_to_json(const struct rp_records *list)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < list->n; i++) {
        if (json_array_append_new(arr, rp_record_to_json(&list->items[i]))) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}
