/* The user's draft templates: one row per draft kind and persistence style. */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "store/store_internal.h"
#include "base/banned.h"

static char *dup_col(struct rp_store *st, struct rp_stmt *stmt, int col)
{
    return strdup(st->drv->column_text(stmt, col));
}

enum rp_status rp_store_template_get(struct rp_store *st, const char *kind, const char *style,
                                     char **subject, char **body, int *found)
{
    struct rp_stmt *stmt;
    int row;
    enum rp_status rc;
    if ((rc = store_prepare(st,
                            "SELECT subject, body FROM templates WHERE kind = ? AND "
                            "style = ?",
                            &stmt)) ||
        (rc = st->drv->bind_text(stmt, 1, kind)) || (rc = st->drv->bind_text(stmt, 2, style)) ||
        (rc = st->drv->step(stmt, &row, st->err)))
        return rc;
    char *s = row ? dup_col(st, stmt, 0) : NULL, *b = row ? dup_col(st, stmt, 1) : NULL;
    st->drv->reset(stmt);
    if (row && (!s || !b)) {
        free(s);
        free(b);
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    *subject = s;
    *body = b;
    *found = row;
    return RP_OK;
}

void rp_store_templates_free(struct rp_store_template *t, size_t n)
{
    for (size_t i = 0; t && i < n; i++) {
        free(t[i].kind);
        free(t[i].style);
        free(t[i].subject);
        free(t[i].body);
    }
    free(t);
}

/* The current row of STMT onto the end of LIST. */
static enum rp_status templates_push(struct rp_store *st, struct rp_stmt *stmt,
                                     struct rp_store_template **list, size_t *n)
{
    struct rp_store_template *grown = realloc(*list, (*n + 1) * sizeof(**list));
    if (!grown)
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    *list = grown;
    struct rp_store_template *t = &grown[(*n)++];
    *t = (struct rp_store_template){dup_col(st, stmt, 0), dup_col(st, stmt, 1),
                                    dup_col(st, stmt, 2), dup_col(st, stmt, 3)};
    if (!t->kind || !t->style || !t->subject || !t->body)
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    return RP_OK;
}

#define TEMPLATES_ALL "SELECT kind, style, subject, body FROM templates"

void rp_store_templates_ahead(struct rp_store *st)
{
    struct rp_stmt *stmt;
    if (rp_store_reads_ahead(st) && !store_prepare(st, TEMPLATES_ALL, &stmt))
        store_send_ahead(st, stmt);
}

enum rp_status rp_store_templates(struct rp_store *st, struct rp_store_template **out, size_t *n)
{
    struct rp_store_template *list = NULL;
    struct rp_stmt *stmt;
    size_t count = 0;
    int row = 1;
    enum rp_status rc = store_prepare(st, TEMPLATES_ALL, &stmt);
    if (rc)
        return rc;
    while (!rc && !(rc = st->drv->step(stmt, &row, st->err)) && row)
        rc = templates_push(st, stmt, &list, &count);
    st->drv->reset(stmt);
    if (rc) {
        rp_store_templates_free(list, count);
        return rc;
    }
    *out = list;
    *n = count;
    return RP_OK;
}

enum rp_status rp_store_template_put(struct rp_store *st, const char *kind, const char *style,
                                     const char *subject, const char *body, int64_t at)
{
    struct rp_stmt *stmt;
    char stamp[RP_INSTANT_LEN];
    enum rp_status rc;
    if (!subject) {
        if ((rc = store_prepare(st, "DELETE FROM templates WHERE kind = ? AND style = ?", &stmt)) ||
            (rc = st->drv->bind_text(stmt, 1, kind)) || (rc = st->drv->bind_text(stmt, 2, style)))
            return rc;
        return store_run(st, stmt);
    }
    rp_instant_format(at, stamp);
    if ((rc = store_prepare(st,
                            "INSERT INTO templates (kind, style, subject, body, updated_at) "
                            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, style) DO UPDATE SET "
                            "subject = excluded.subject, body = excluded.body, "
                            "updated_at = excluded.updated_at",
                            &stmt)) ||
        (rc = st->drv->bind_text(stmt, 1, kind)) || (rc = st->drv->bind_text(stmt, 2, style)) ||
        (rc = st->drv->bind_text(stmt, 3, subject)) || (rc = st->drv->bind_text(stmt, 4, body)) ||
        (rc = st->drv->bind_text(stmt, 5, stamp)))
        return rc;
    return store_run(st, stmt);
}
