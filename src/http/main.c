/* rapport-server: the team server, started by `rapport serve` (which checks the options,
 * opens and migrates the database, and sets the zone) as
 * rapport-server DB ADDR:PORT NOW-EPOCH CACHE-MIB BUDGET-MS TRUSTED-PROXY. It is a program of its own so that the command
 * line does not load the HTTP and calendar libraries on every call. */
#include <stdio.h>
#include <stdlib.h>

#include "base/parse.h"
#include "http/http.h"
#include "base/banned.h"

int main(int argc, char **argv)
{
    int64_t now, cache_mib, budget_ms;
    if (argc != 7 || rp_parse_int64(argv[3], 0, INT64_MAX, &now) ||
        rp_parse_int64(argv[4], 0, HTTP_CACHE_MIB_MAX, &cache_mib) ||
        rp_parse_int64(argv[5], 1, HTTP_BUDGET_MS_MAX, &budget_ms)) {
        fprintf(stderr, "rapport: rapport-server is started by 'rapport serve'\n");
        return 2;
    }
    struct http_server_options o = {argv[1], argv[2], now, 0, (size_t)cache_mib << 20,
                                    budget_ms, *argv[6] ? argv[6] : NULL};
    return rp_http_serve(&o);
}
