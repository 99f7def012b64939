/* rapport migrate: opening a database applies the migrations it lacks (each in its own
 * transaction, one process at a time); this command does only that, and says what was
 * applied and where the schema stands. */
#include <stdio.h>

#include "cli/cli.h"
#include "base/banned.h"

enum rp_status cmd_migrate(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_schema s;
    rp_db_schema(c->db, &s);
    if (c->json)
        return cli_print_json(c, json_pack("{s:s,s:I,s:I,s:I}", "engine", s.engine, "version",
                                           (json_int_t)s.version, "applied",
                                           (json_int_t)(s.version - s.opened_at), "known",
                                           (json_int_t)s.known));
    if (s.version == s.opened_at)
        printf("%s schema %lld is up to date\n", s.engine, (long long)s.version);
    else
        printf("%s schema %lld: applied migrations %lld to %lld\n", s.engine, (long long)s.version,
               (long long)s.opened_at + 1, (long long)s.version);
    return RP_OK;
}
