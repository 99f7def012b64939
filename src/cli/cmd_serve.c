/* rapport serve: runs the team server, the program rapport-server installed beside this
 * one, in place of this process; and rapport export ics, which rapport-server writes, since
 * it links libical and this program does not (its start-up stays that of a small C
 * program). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

/* Answers kept for reuse, in MiB: the default and the most rapport-server takes. */
#define DEFAULT_CACHE_MIB 24
#define MAX_CACHE_MIB 4096
/* How long one request may hold a worker, in ms: the default, and the most, which stays
 * under the 10 s the server gives requests in flight when it is told to stop. */
#define DEFAULT_BUDGET_MS 5000
#define MAX_BUDGET_MS 8000

/* The path of rapport-server in the directory of this executable. */
static int server_path(char *out, size_t size)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0)
        return -1;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    return snprintf(out, size, "%s/rapport-server", self) >= (int)size ? -1 : 0;
}

enum rp_status cmd_serve(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *listen = cli_opt(a, "listen"), *cache = cli_opt(a, "cache-mb");
    const char *budget = cli_opt(a, "request-budget"), *proxy = cli_opt(a, "trust-proxy");
    char path[PATH_MAX], now[24], budget_text[24];
    int64_t cache_mib = DEFAULT_CACHE_MIB, budget_ms = DEFAULT_BUDGET_MS;
    unsigned char addr[16];
    if (cache && rp_parse_int64(cache, 0, MAX_CACHE_MIB, &cache_mib))
        return rp_db_fail(c->db, RP_ERR_INVALID, "cache-mb",
                          "invalid --cache-mb '%s' (expected "
                          "0 to %d)",
                          cache, MAX_CACHE_MIB);
    if (budget && rp_parse_int64(budget, 1, MAX_BUDGET_MS, &budget_ms))
        return rp_db_fail(c->db, RP_ERR_INVALID, "request-budget",
                          "invalid --request-budget "
                          "'%s' (expected 1 to %d milliseconds)",
                          budget, MAX_BUDGET_MS);
    if (proxy && inet_pton(AF_INET, proxy, addr) != 1 && inet_pton(AF_INET6, proxy, addr) != 1)
        return rp_db_fail(c->db, RP_ERR_INVALID, "trust-proxy",
                          "invalid --trust-proxy '%s' "
                          "(expected an IP address, e.g. 127.0.0.1)",
                          proxy);
    if (server_path(path, sizeof(path)))
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "cannot find rapport-server");
    /* A team's server may keep its database elsewhere (database.url): this one then only
     * says where. */
    char *url = NULL;
    enum rp_status rc = rp_config_get(c->db, "database.url", &url);
    if (rc)
        return rc;
    const char *target = *url ? url : c->db_path;
    char cache_text[24];
    snprintf(now, sizeof(now), "%lld", (long long)c->fixed_now);
    snprintf(cache_text, sizeof(cache_text), "%lld", (long long)cache_mib);
    snprintf(budget_text, sizeof(budget_text), "%lld", (long long)budget_ms);
    char *const argv[] = {path,
                          (char *)target,
                          (char *)(listen ? listen : "127.0.0.1:8080"),
                          now,
                          cache_text,
                          budget_text,
                          (char *)(proxy ? proxy : ""),
                          NULL};
    fflush(stdout);
    execv(path, argv);
    free(url);
    return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "cannot start '%s' (%s)", path,
                      strerror(errno));
}

/* The calendar that the acting user's feed serves (http/calendar.c), written by
 * rapport-server --ics in place of this process, to standard output or --output FILE. */
enum rp_status cmd_export_ics(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *output = cli_opt(a, "output");
    char path[PATH_MAX], now[24], user[24];
    if (server_path(path, sizeof(path)))
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "cannot find rapport-server");
    if (output) {
        int fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            return rp_db_fail(c->db, RP_ERR_INTERNAL, "output", "cannot write '%s' (%s)", output,
                              strerror(errno));
        fflush(stdout);
        dup2(fd, STDOUT_FILENO);
        close(fd);
    }
    snprintf(now, sizeof(now), "%lld", (long long)c->fixed_now);
    snprintf(user, sizeof(user), "%lld", (long long)rp_db_actor(c->db));
    char *const argv[] = {path, "--ics", (char *)c->db_path, now, user, NULL};
    fflush(stdout);
    execv(path, argv);
    return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "cannot start '%s' (%s)", path,
                      strerror(errno));
}
