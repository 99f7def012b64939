/* The floor under every rapport command on PostgreSQL, for bench/run: a process that
 * loads libpq as rapport does (dlopen of libpq.so.5) and then does no more than it is
 * asked to.
 *
 *   pgfloor load               loads libpq and exits
 *   pgfloor connect URL        loads libpq, connects to URL and disconnects
 *   pgfloor query URL SQL      the same, with SQL run once in between
 *
 * libpq is loaded with the flags of src/store/store_pg.c (PQ_DLOPEN_FLAGS), which says why.
 * Exits 0 on success, 1 on a failure (its message on standard error). */
#define _GNU_SOURCE /* RTLD_DEEPBIND */
#include <dlfcn.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

static void *sym(void *lib, const char *name)
{
    void *p = dlsym(lib, name);
    if (!p)
        fprintf(stderr, "pgfloor: no %s in libpq.so.5\n", name);
    return p;
}

int main(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "load") && argc < 3) ||
        (!strcmp(argv[1], "query") && argc < 4)) {
        fprintf(stderr, "usage: pgfloor load | connect URL | query URL SQL\n");
        return 2;
    }
    void *lib = dlopen("libpq.so.5", RTLD_LAZY | RTLD_LOCAL | RTLD_DEEPBIND);
    if (!lib) {
        fprintf(stderr, "pgfloor: %s\n", dlerror());
        return 1;
    }
    if (!strcmp(argv[1], "load"))
        return 0;
    PGconn *(*connectdb)(const char *) = (PGconn * (*)(const char *)) sym(lib, "PQconnectdb");
    ConnStatusType (*status)(const PGconn *) =
        (ConnStatusType(*)(const PGconn *))sym(lib, "PQstatus");
    char *(*message)(const PGconn *) = (char *(*)(const PGconn *))sym(lib, "PQerrorMessage");
    void (*finish)(PGconn *) = (void (*)(PGconn *))sym(lib, "PQfinish");
    PGresult *(*exec)(PGconn *, const char *) =
        (PGresult * (*)(PGconn *, const char *)) sym(lib, "PQexec");
    ExecStatusType (*result_status)(const PGresult *) =
        (ExecStatusType(*)(const PGresult *))sym(lib, "PQresultStatus");
    void (*clear)(PGresult *) = (void (*)(PGresult *))sym(lib, "PQclear");
    if (!connectdb || !status || !message || !finish || !exec || !result_status || !clear)
        return 1;
    PGconn *pg = connectdb(argv[2]);
    int rc = 0;
    if (status(pg) != CONNECTION_OK) {
        fprintf(stderr, "pgfloor: %s", message(pg));
        rc = 1;
    } else if (!strcmp(argv[1], "query")) {
        PGresult *res = exec(pg, argv[3]);
        ExecStatusType s = result_status(res);
        if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
            fprintf(stderr, "pgfloor: %s", message(pg));
            rc = 1;
        }
        clear(res);
    }
    finish(pg);
    return rc;
}
