/* The one status code every librapport function returns; RP_OK is zero so that
 * `if (rc)` reads naturally. */
#ifndef RAPPORT_STATUS_H
#define RAPPORT_STATUS_H

enum rp_status {
    RP_OK = 0,
    RP_ERR_INTERNAL,    /* I/O, out of memory, a database failure */
    RP_ERR_USAGE,       /* the request is malformed: unknown command or flag, missing argument */
    RP_ERR_NOTFOUND,    /* a record that does not exist */
    RP_ERR_INVALID,     /* a value outside its domain: bad date, unknown enum value, empty name */
    RP_ERR_CONFLICT,    /* a valid value that contradicts the records: closing a closed deal */
    RP_ERR_FORBIDDEN,   /* the acting user may see the record but not change it */
    RP_ERR_AUTH,        /* no valid login, session or token */
    RP_ERR_UNAVAILABLE, /* a service outside Rapport failed: the mail server refused */
    RP_ERR_BUSY, /* try again later: the database stayed locked, or a request ran out of time */
};

/* A short lowercase name for the status ("not found"); static storage. */
const char *rp_strerror(enum rp_status rc);

#endif
