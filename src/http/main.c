/* rapport-server: the team server, started by `rapport serve` (which checks the options,
 * opens and migrates the database, and sets the zone) as
 * rapport-server DB ADDR:PORT NOW-EPOCH CACHE-MIB BUDGET-MS TRUSTED-PROXY, and the writer of
 * `rapport export ics` as rapport-server --ics DB NOW-EPOCH USER-ID (0: the unrestricted
 * local user). It is a program of its own so that the command line does not load the HTTP
 * and calendar libraries on every call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "http/http.h"
#include "base/banned.h"

/* The calendar of USER on standard output, written only once it is whole. */
static int write_ics(const char *db_path, int64_t now, int64_t user)
{
    struct rp_db *db = NULL;
    char *text = NULL;
    enum rp_status rc = rp_db_open(db_path, &db);
    if (!rc && now)
        rp_db_set_now(db, now);
    if (!rc && user)
        rc = rp_db_act_as(db, user);
    if (!rc)
        rc = http_ical_build(db, &text);
    if (!rc && (fputs(text, stdout) == EOF || fflush(stdout)))
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "cannot write the calendar");
    if (rc)
        fprintf(stderr, "rapport: %s\n", db ? rp_db_errmsg(db) : "out of memory");
    free(text);
    rp_db_close(db);
    return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
    int64_t now, cache_mib, budget_ms, user;
    if (argc == 5 && !strcmp(argv[1], "--ics") && !rp_parse_int64(argv[3], 0, INT64_MAX, &now) &&
        !rp_parse_int64(argv[4], 0, INT64_MAX, &user))
        return write_ics(argv[2], now, user);
    if (argc != 7 || rp_parse_int64(argv[3], 0, INT64_MAX, &now) ||
        rp_parse_int64(argv[4], 0, HTTP_CACHE_MIB_MAX, &cache_mib) ||
        rp_parse_int64(argv[5], 1, HTTP_BUDGET_MS_MAX, &budget_ms)) {
        fprintf(stderr, "rapport: rapport-server is started by 'rapport serve'\n");
        return 2;
    }
    struct http_server_options o = {
        argv[1], argv[2], now, 0, (size_t)cache_mib << 20, budget_ms, *argv[6] ? argv[6] : NULL};
    return rp_http_serve(&o);
}
