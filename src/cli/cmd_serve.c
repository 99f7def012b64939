/* rapport serve: the team server (src/http). */
#include "cli/cli.h"
#include "http/http.h"
#include "base/banned.h"

enum rp_status cmd_serve(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *listen = cli_opt(a, "listen");
    struct http_server_options o = {c->db_path, listen ? listen : "127.0.0.1:8080",
                                    c->fixed_now, 0};
    int code = rp_http_serve(&o);
    if (code)
        return rp_db_fail(c->db, code == 2 ? RP_ERR_USAGE : RP_ERR_INTERNAL, "listen",
                          "the server could not start");
    return RP_OK;
}
