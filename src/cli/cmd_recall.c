/* rapport recall and rapport search: what was said, claimed, done and agreed, as a
 * timeline or ranked by the words asked for; one line per entry for people, a JSON array
 * for scripts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

#define DEFAULT_LIMIT 50
#define MAX_LIMIT 100000

/* The positional words joined by spaces, or NULL when none were given. */
static char *query_words(const struct cli_args *a)
{
    struct rp_buf b = RP_BUF_INIT;
    size_t n = cli_npos(a);
    if (!n)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (rp_buf_addf(&b, "%s%s", i ? " " : "", cli_pos(a, i)))
            break;
    return rp_buf_detach(&b);
}

static const char *str(const json_t *e, const char *key)
{
    const char *s = json_string_value(json_object_get(e, key));
    return s ? s : "";
}

/* "claim [unverified]", "call out, no-answer", "agreement [open]", "deal [proposal]". */
static void type_label(struct cli_grid *g, const json_t *e)
{
    const char *type = str(e, "type"), *outcome = str(e, "outcome");
    if (!strcmp(type, "activity"))
        cli_grid_addf(g, "%s %s%s%s", str(e, "kind"), str(e, "direction"), *outcome ? ", " : "",
                      outcome);
    else if (!strcmp(type, "claim") || !strcmp(type, "agreement"))
        cli_grid_addf(g, "%s [%s]", type, str(e, "status"));
    else if (!strcmp(type, "deal"))
        cli_grid_addf(g, "deal [%s]", str(e, "stage"));
    else
        cli_grid_add(g, type);
}

/* The text with what goes with it: a claim's note, an agreement's day, a need, a title. */
static void text_cell(struct cli_grid *g, const json_t *e)
{
    const char *type = str(e, "type"), *text = str(e, "text");
    const char *extra = !strcmp(type, "claim")     ? str(e, "note")
                        : !strcmp(type, "account") ? str(e, "need")
                        : !strcmp(type, "contact") ? str(e, "title")
                                                   : "";
    if (!strcmp(type, "agreement"))
        cli_grid_addf(g, "due %s%s%s", str(e, "due_on"), *text ? ": " : "", text);
    else if (*extra)
        cli_grid_addf(g, "%s (%s)", text, extra);
    else
        cli_grid_add(g, text);
}

/* One line per entry: date, [account,] type, contact, text. */
static enum rp_status print_entries(struct cli *c, json_t *arr, int with_account, const char *none)
{
    struct cli_grid g;
    size_t i;
    json_t *e;
    enum rp_status rc = RP_OK;
    if (c->json)
        return cli_print_json(c, arr);
    if (!json_array_size(arr))
        printf("(%s)\n", none);
    cli_grid_init(&g, with_account ? 5 : 4, 0);
    json_array_foreach(arr, i, e)
    {
        cli_grid_add(&g, str(e, "date"));
        if (with_account)
            cli_grid_add(&g, str(e, "account"));
        type_label(&g, e);
        cli_grid_add(&g, str(e, "contact"));
        text_cell(&g, e);
    }
    rc = cli_grid_print(c, &g, "");
    cli_grid_release(&g);
    json_decref(arr);
    return rc;
}

enum rp_status cmd_recall(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *account = cli_opt(a, "account");
    char *query = query_words(a);
    int64_t id = 0;
    size_t limit = 0;
    json_t *arr = NULL;
    enum rp_status rc = RP_OK;
    if (!account)
        rc = rp_db_fail(c->db, RP_ERR_USAGE, "account",
                        "missing --account (usage: rapport %s "
                        "%s)",
                        cmd->name, cmd->usage);
    else if (rp_parse_int64(account, 1, INT64_MAX, &id))
        rc = rp_db_fail(c->db, RP_ERR_INVALID, "account",
                        "invalid account id '%s' (expected a "
                        "positive whole number)",
                        account);
    if (!rc && !(rc = cli_limit_opt(c, a, DEFAULT_LIMIT, MAX_LIMIT, &limit)) &&
        !(rc = rp_recall_account(c->db, id, query, limit, &arr)))
        rc = print_entries(c, arr, 0, query ? "no matches" : "nothing recorded yet");
    free(query);
    return rc;
}

enum rp_status cmd_search(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    char *query = query_words(a);
    size_t limit = 0;
    json_t *arr = NULL;
    enum rp_status rc = RP_OK;
    if (!query)
        rc = rp_db_fail(c->db, RP_ERR_USAGE, "query", "missing QUERY (usage: rapport %s %s)",
                        cmd->name, cmd->usage);
    if (!rc && !(rc = cli_limit_opt(c, a, DEFAULT_LIMIT, MAX_LIMIT, &limit)) &&
        !(rc = rp_recall_search(c->db, query, limit, &arr)))
        rc = print_entries(c, arr, 1, "no matches");
    free(query);
    return rc;
}
