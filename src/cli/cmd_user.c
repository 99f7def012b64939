/* rapport user: the team's logins. Passwords come from a prompt (or stdin when it is not a
 * terminal), never from a flag, so they stay out of shell history and process lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "base/date.h"
#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

#define PASSWORD_MAX 1024

/* Reads one line into BUF without echo on a terminal. */
static int read_secret(const char *prompt, char *buf, size_t size)
{
    struct termios old, quiet;
    int tty = isatty(STDIN_FILENO);
    if (tty) {
        fprintf(stderr, "%s", prompt);
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char *line = fgets(buf, (int)size, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!line)
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

static enum rp_status ask_password(struct cli *c, char *buf, size_t size)
{
    char again[PASSWORD_MAX + 2];
    if (read_secret("password: ", buf, size))
        return rp_db_fail(c->db, RP_ERR_USAGE, "password",
                          "no password given (type it at the "
                          "prompt, or pipe it on stdin)");
    if (isatty(STDIN_FILENO) &&
        (read_secret("again: ", again, sizeof(again)) || strcmp(buf, again)))
        return rp_db_fail(c->db, RP_ERR_INVALID, "password", "the passwords do not match");
    return RP_OK;
}

enum rp_status cmd_user_add(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_record user;
    char password[PASSWORD_MAX + 2];
    enum rp_status rc = rp_record_init(&user, RP_USER);
    if (rc)
        return rp_db_fail(c->db, rc, NULL, "out of memory");
    if (!cli_pos(a, 0))
        rc = rp_db_fail(c->db, RP_ERR_USAGE, "name", "missing NAME (usage: rapport %s %s)",
                        cmd->name, cmd->usage);
    if (!rc && !(rc = cli_fill(c, cmd, a, &user, NULL)) &&
        !(rc = ask_password(c, password, sizeof(password))) &&
        !(rc = rp_user_add(c->db, &user, password)))
        rc = cli_print_created(c, &user, NULL);
    memset(password, 0, sizeof(password));
    rp_record_release(&user);
    return rc;
}

/* The user named by the EMAIL positional argument. */
static enum rp_status user_arg(struct cli *c, const struct cli_cmd *cmd, const struct cli_args *a,
                               int64_t *id)
{
    const char *email = cli_pos(a, 0);
    if (!email)
        return rp_db_fail(c->db, RP_ERR_USAGE, "email", "missing EMAIL (usage: rapport %s %s)",
                          cmd->name, cmd->usage);
    return rp_user_find(c->db, email, id);
}

static enum rp_status token_revoke(struct cli *c, const char *text)
{
    int64_t id = 0;
    if (rp_parse_int64(text, 1, INT64_MAX, &id))
        return rp_db_fail(c->db, RP_ERR_INVALID, "revoke",
                          "invalid token id '%s' (expected a "
                          "positive whole number)",
                          text);
    enum rp_status rc = rp_user_token_revoke(c->db, id);
    if (!rc && c->json)
        rc = cli_print_json(c, json_pack("{s:I,s:b}", "id", (json_int_t)id, "revoked", 1));
    else if (!rc)
        printf("revoked API token %lld\n", (long long)id);
    return rc;
}

/* --expires: a day (its start in the user's zone) or an instant. */
static enum rp_status token_expiry(struct cli *c, const char *text, int64_t *at)
{
    int64_t day;
    *at = 0;
    if (!text)
        return RP_OK;
    if (!rp_date_parse(text, &day)) {
        *at = rp_local_instant(day, 0, 0);
        return RP_OK;
    }
    if (rp_instant_parse(text, at))
        return rp_db_fail(c->db, RP_ERR_INVALID, "expires",
                          "cannot parse time '%s' for "
                          "--expires (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
                          text);
    return RP_OK;
}

enum rp_status cmd_user_token(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    char *token = NULL;
    int64_t id = 0, expires = 0;
    const char *revoke = cli_opt(a, "revoke");
    if (revoke && cli_pos(a, 0))
        return rp_db_fail(c->db, RP_ERR_USAGE, "revoke",
                          "give an e-mail or --revoke ID, not "
                          "both");
    if (revoke)
        return token_revoke(c, revoke);
    enum rp_status rc = user_arg(c, cmd, a, &id);
    if (rc || (rc = token_expiry(c, cli_opt(a, "expires"), &expires)) ||
        (rc = rp_user_token_new(c->db, id, expires, &token)))
        return rc;
    if (c->json)
        rc = cli_print_json(c, json_pack("{s:I,s:s}", "user_id", (json_int_t)id, "token", token));
    else
        printf("%s\n", token);
    if (!c->json && isatty(STDOUT_FILENO))
        fprintf(stderr, "rapport: this token is shown once; keep it like a password\n");
    free(token);
    return rc;
}

enum rp_status cmd_user_tokens(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    json_t *list = NULL;
    int64_t id = 0;
    enum rp_status rc = user_arg(c, cmd, a, &id);
    if (rc || (rc = rp_user_tokens(c->db, id, &list)))
        return rc;
    if (c->json)
        return cli_print_json(c, list);
    size_t i;
    json_t *t;
    json_array_foreach(list, i, t)
    {
        const char *expires = json_string_value(json_object_get(t, "expires_at"));
        const char *revoked = json_string_value(json_object_get(t, "revoked_at"));
        printf("%lld  created %s  %s%s\n", (long long)json_integer_value(json_object_get(t, "id")),
               json_string_value(json_object_get(t, "created_at")),
               revoked   ? "revoked "
               : expires ? "expires "
                         : "active",
               revoked   ? revoked
               : expires ? expires
                         : "");
    }
    json_decref(list);
    return RP_OK;
}

enum rp_status cmd_user_password(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *email = cli_pos(a, 0);
    char password[PASSWORD_MAX + 2];
    int64_t id = 0;
    enum rp_status rc = user_arg(c, cmd, a, &id);
    if (!rc && !(rc = ask_password(c, password, sizeof(password))) &&
        !(rc = rp_user_set_password(c->db, id, password)))
        printf("password changed for %s; their sessions have ended\n", email);
    memset(password, 0, sizeof(password));
    return rc;
}

/* The feed's path; the server's address goes before it (GET /api/v1/me shows it whole). */
enum rp_status cmd_user_calendar(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    char *secret = NULL;
    int64_t id = 0;
    enum rp_status rc = user_arg(c, cmd, a, &id);
    if (rc || (rc = rp_calendar_secret(c->db, id, cli_flag(a, "rotate"), &secret)))
        return rc;
    if (c->json)
        rc = cli_print_json(c, json_pack("{s:I,s:s++}", "user_id", (json_int_t)id, "path",
                                         RP_CAL_PATH, secret, ".ics"));
    else
        printf(RP_CAL_PATH "%s.ics\n", secret);
    free(secret);
    return rc;
}

#define AUDIT_DEFAULT 50
#define AUDIT_MAX 100000

/* The audit log's filters: --since DATE, --by EMAIL, --limit N. */
static enum rp_status audit_query(struct cli *c, const struct cli_args *a, struct rp_audit_query *q)
{
    const char *by = cli_opt(a, "by");
    enum rp_status rc = RP_OK;
    *q = (struct rp_audit_query){.since_day = -1};
    if (cli_opt(a, "since"))
        rc = cli_date_opt(c, a, "since", &q->since_day);
    if (!rc)
        rc = cli_limit_opt(c, a, AUDIT_DEFAULT, AUDIT_MAX, &q->limit);
    if (!rc && by)
        rc = rp_user_find(c->db, by, &q->user_id);
    return rc;
}

/* "deal 12", "account", or "". */
static void audit_record(struct cli_grid *g, const json_t *e)
{
    const char *entity = json_string_value(json_object_get(e, "entity"));
    json_int_t id = json_integer_value(json_object_get(e, "entity_id"));
    if (entity && id)
        cli_grid_addf(g, "%s %lld", entity, (long long)id);
    else
        cli_grid_add(g, entity ? entity : "");
}

enum rp_status cmd_user_audit(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_audit_query q;
    json_t *arr = NULL, *e;
    size_t i;
    enum rp_status rc = audit_query(c, a, &q);
    if (rc || (rc = rp_audit_list(c->db, &q, &arr)))
        return rc;
    if (c->json)
        return cli_print_json(c, arr);
    if (!json_array_size(arr))
        printf("(nothing in the audit log)\n");
    struct cli_grid g;
    cli_grid_init(&g, 6, 0);
    json_array_foreach(arr, i, e)
    {
        const char *user = json_string_value(json_object_get(e, "user"));
        const char *detail = json_string_value(json_object_get(e, "detail"));
        const char *address = json_string_value(json_object_get(e, "address"));
        cli_grid_add(&g, json_string_value(json_object_get(e, "at")));
        cli_grid_add(&g, user ? user : "-");
        cli_grid_add(&g, json_string_value(json_object_get(e, "action")));
        audit_record(&g, e);
        cli_grid_add(&g, detail ? detail : "");
        cli_grid_add(&g, address ? address : "");
    }
    rc = cli_grid_print(c, &g, "");
    cli_grid_release(&g);
    json_decref(arr);
    return rc;
}
