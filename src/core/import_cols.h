/* How the columns of an imported file are read: the headers other CRMs and address books
 * write, recognised by name (docs/import.md lists them), and --map overrides. */
#ifndef RP_CORE_IMPORT_COLS_H
#define RP_CORE_IMPORT_COLS_H

#include <stddef.h>

#include "rapport/import.h"

/* What a column holds; the order of rp_import_fields. */
enum import_target {
    IT_NAME,
    IT_FIRST,
    IT_MIDDLE,
    IT_LAST,
    IT_EMAIL,
    IT_PHONE,
    IT_TITLE,
    IT_COMPANY,
    IT_ROLE,
    IT_INDUSTRY,
    IT_NEED,
    IT_PROVIDER,
    IT_TRIGGER,
    IT_URGENCY,
    IT_VALUE,
    IT_CURRENCY,
    IT_STAGE,
    IT_STATUS,
    IT_DECISION_BY,
    IT_COMPETITOR,
    IT_PROCESS,
    IT_LOST_REASON,
    IT_DELETED,
    IT_COUNT
};

#define IMPORT_COLS_PER_TARGET 8

/* The columns of a header read for one kind: for each target, the columns that fill it,
 * best first (a row takes the first of them that is not empty). */
struct import_cols {
    size_t col[IT_COUNT][IMPORT_COLS_PER_TARGET];
    size_t n[IT_COUNT];
    json_t *columns; /* {"Header": "field"} for the summary; owned */
    json_t *unknown; /* ["Header", ...] ignored columns; owned */
};

/* Reads HEADER for KIND with the user's MAP; a --map naming a column the header lacks or
 * an unknown field is RP_ERR_USAGE with the reason in ERR (a buffer of ERRSIZE). */
enum rp_status import_cols_read(struct import_cols *c, enum rp_kind_id kind, char *const *header,
                                size_t n, const struct rp_import_map *map, size_t nmap, char *err,
                                size_t errsize);
void import_cols_release(struct import_cols *c);
/* The value of target T in a row's FIELDS: the first non-blank of its columns, or NULL.
 * Borrowed from FIELDS. */
const char *import_cols_get(const struct import_cols *c, int t, char *const *fields, size_t n);

#endif
