/* Bringing a book in from CSV files of other CRMs, spreadsheets and address books, and
 * taking it out again (docs/import.md). */
#ifndef RAPPORT_IMPORT_H
#define RAPPORT_IMPORT_H

#include <stdint.h>
#include <stdio.h>

#include "rapport/rapport.h"

/* A column the user names for a field (--map COLUMN=FIELD); FIELD "ignore" skips it. */
struct rp_import_map {
    const char *column, *field;
};

/* A row that was refused: its line, why, and its cells with the file's header (all
 * borrowed for the call). */
struct rp_import_reject {
    int64_t line;
    const char *reason;
    char *const *header, *const *fields;
    size_t nheader, nfields;
};

struct rp_import_options {
    enum rp_kind_id kind; /* RP_ACCOUNT, RP_CONTACT or RP_DEAL */
    const struct rp_import_map *map;
    size_t nmap;
    int strict;  /* the first refused row refuses the whole file (RP_ERR_INVALID) */
    int dry_run; /* do everything, then roll back */
    /* Each called when not NULL: progress after every row (BYTES of input read), reject
     * for every refused row. */
    void (*progress)(void *ctx, uint64_t bytes, int64_t rows);
    void (*reject)(void *ctx, const struct rp_import_reject *r);
    void *ctx;
};

/* The names --map accepts, NULL-terminated. */
extern const char *const rp_import_fields[];

/* Imports the CSV text read from IN as records of o->kind, in one transaction of its own
 * (call it outside one): everything or, on an error, nothing. Companies are found or made
 * as accounts by name (case and blanks ignored); contacts already in the book with the
 * same e-mail (or the same name at the same account) and deals with the same title at
 * the same account are merged: their empty fields filled, nothing overwritten. New records
 * belong to the acting user. *summary (a new JSON object, also on a refused --strict file)
 * tells rows, added, merged, unchanged and rejected, each reject's line and reason, how
 * the columns were read, and which were ignored. A file that cannot be read as CSV is
 * RP_ERR_INVALID and changes nothing. */
enum rp_status rp_import_csv(struct rp_db *db, FILE *in, const struct rp_import_options *o,
                             json_t **summary);

/* The same for vCards (2.1, 3.0, 4.0): each card is a contact, its ORG the company. */
enum rp_status rp_import_vcard(struct rp_db *db, FILE *in, const struct rp_import_options *o,
                               json_t **summary);
/* Every contact the acting user may see as a vCard 4.0 (FN, N, EMAIL, TEL, ORG, TITLE). */
enum rp_status rp_export_vcard(struct rp_db *db, FILE *out, int64_t *rows);

/* Writes every record of KIND (RP_ACCOUNT, RP_CONTACT, RP_DEAL or RP_ACTIVITY) the acting
 * user may see to OUT as CSV with a header a spreadsheet user reads, safe to open in a
 * spreadsheet (csv.h); what it writes imports back. *rows gets how many. */
enum rp_status rp_export_csv(struct rp_db *db, enum rp_kind_id kind, FILE *out, int64_t *rows);

/* The whole book (every record of every kind, meeting attendees, history, settings) as
 * one JSON document on OUT; only for an admin or the unrestricted local user. */
enum rp_status rp_export_json(struct rp_db *db, FILE *out, json_t **counts);
/* Restores what rp_export_json wrote into an empty database, ids and all, and derives the
 * agenda facts again. *counts is a new object of records written by collection. */
enum rp_status rp_import_json(struct rp_db *db, FILE *in, json_t **counts);

#endif
