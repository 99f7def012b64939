/* Working the agenda from the command line: rapport done, snooze, send, and --from ITEM on
 * agree and hold, each acting on an item of `rapport today` by its id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

enum rp_status cli_item_refs(struct cli *c, const char *item, int64_t *account, int64_t *deal,
                             int64_t *contact)
{
    struct rp_agenda agenda = {0};
    struct rp_agenda_item *it;
    enum rp_status rc = rp_item_find(c->db, item, &agenda, &it);
    if (rc)
        return rc;
    *account = it->account_id;
    *deal = it->deal_id;
    *contact = it->contact_id;
    rp_agenda_release(&agenda);
    return RP_OK;
}

/* The activity that `done --log KIND` records: --dir (default out), --outcome, --contact,
 * --at and the text, each checked as `rapport log` checks it. */
static enum rp_status done_log(struct cli *c, const struct cli_args *a, struct rp_record *log)
{
    static const struct {
        const char *opt;
        int field;
    } fields[] = {{"log", RP_ACTIVITY_KIND},
                  {"dir", RP_ACTIVITY_DIRECTION},
                  {"outcome", RP_ACTIVITY_OUTCOME},
                  {"contact", RP_ACTIVITY_CONTACT_ID},
                  {"at", RP_ACTIVITY_AT}};
    enum rp_status rc = rp_record_init(log, RP_ACTIVITY);
    if (rc)
        return rp_db_fail(c->db, rc, NULL, "out of memory");
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]) && !rc; i++) {
        const char *v = cli_opt(a, fields[i].opt);
        if (!v && fields[i].field == RP_ACTIVITY_DIRECTION)
            v = "out";
        if (v)
            rc = rp_record_set_text(c->db, log, fields[i].field, v);
    }
    if (!rc && cli_pos(a, 1))
        rc = rp_record_set_text(c->db, log, RP_ACTIVITY_TEXT, cli_pos(a, 1));
    return rc;
}

static enum rp_status item_arg(struct cli *c, const struct cli_cmd *cmd, const struct cli_args *a,
                               const char **item)
{
    *item = cli_pos(a, 0);
    if (!*item)
        return rp_db_fail(c->db, RP_ERR_USAGE, "item",
                          "missing ITEM, the id rapport today "
                          "shows (usage: rapport %s %s)",
                          cmd->name, cmd->usage);
    return RP_OK;
}

static enum rp_status print_until(struct cli *c, const char *item, const char *what, int64_t until,
                                  const struct rp_record *log)
{
    char day[RP_DATE_LEN];
    rp_date_format(until, day);
    if (c->json)
        return cli_print_json(c, json_pack("{s:s,s:s,s:o}", "item", item, "until", day, "activity",
                                           log ? rp_record_to_json(log) : json_null()));
    if (log)
        printf("logged activity %lld; ", (long long)log->v[0].i);
    printf("%s %s until %s\n", item, what, day);
    return RP_OK;
}

enum rp_status cmd_done(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_record log = {0};
    const char *item;
    int64_t until;
    int logs = cli_opt(a, "log") != NULL;
    enum rp_status rc = item_arg(c, cmd, a, &item);
    if (!rc && !logs && (cli_opt(a, "dir") || cli_opt(a, "outcome") || cli_pos(a, 1)))
        rc = rp_db_fail(c->db, RP_ERR_USAGE, "log",
                        "--dir, --outcome and TEXT describe what "
                        "you logged: give --log KIND too (call, email, voicemail, ...)");
    if (!rc && logs)
        rc = done_log(c, a, &log);
    if (!rc && !(rc = rp_item_done(c->db, item, logs ? &log : NULL, &until)))
        rc = print_until(c, item, "dealt with: off the agenda", until, logs ? &log : NULL);
    rp_record_release(&log);
    return rc;
}

enum rp_status cmd_snooze(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *item, *days = cli_opt(a, "days");
    int64_t until = 0, n;
    enum rp_status rc = item_arg(c, cmd, a, &item);
    if (!rc && !days == !cli_opt(a, "until"))
        rc = rp_db_fail(c->db, RP_ERR_USAGE, "until",
                        "give --until DATE or --days N (not "
                        "both)");
    if (!rc && days && rp_parse_int64(days, 1, 3650, &n))
        rc = rp_db_fail(c->db, RP_ERR_INVALID, "days",
                        "invalid --days '%s' (expected 1 to "
                        "3650)",
                        days);
    if (!rc && days)
        until = rp_db_today(c->db) + n;
    else if (!rc)
        rc = cli_date_opt(c, a, "until", &until);
    if (!rc && !(rc = rp_item_snooze(c->db, item, until)))
        rc = print_until(c, item, "snoozed: off the agenda", until, NULL);
    return rc;
}

enum rp_status cmd_snooze_list(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    json_t *list = rp_snoozes_json(c->db), *s;
    size_t i;
    if (!list)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "cannot read the snoozes");
    if (c->json)
        return cli_print_json(c, list);
    if (!json_array_size(list))
        printf("Nothing snoozed.\n");
    json_array_foreach(list, i, s)
        printf("%-28s %-8s until %s\n", json_string_value(json_object_get(s, "item")),
               strcmp(json_string_value(json_object_get(s, "reason")), "done") ? "snoozed" : "done",
               json_string_value(json_object_get(s, "until")));
    json_decref(list);
    return RP_OK;
}

struct send_write {
    const char *item, *subject, *body;
    struct rp_record sent;
};

static enum rp_status send_write(struct rp_db *db, void *ctx)
{
    struct send_write *w = ctx;
    rp_record_release(&w->sent);
    enum rp_status rc = rp_item_send(db, w->item, w->subject, w->body, &w->sent);
    return rc ? rc : rp_audit(db, "rapport send", NULL, 0, "command line", NULL);
}

/* Sends with no lock held while the mail server is talked to (rp_db_write_mailing), so the
 * command runs its own transactions. */
enum rp_status cmd_send(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct send_write w = {NULL, cli_opt(a, "subject"), cli_opt(a, "body"), {0}};
    enum rp_status rc = item_arg(c, cmd, a, &w.item);
    if (rc || (rc = rp_db_write_mailing(c->db, send_write, &w)))
        return rc;
    rc = cli_print_done(c, &w.sent, "sent %s and recorded it as %s %lld", w.item, w.sent.kind->name,
                        (long long)w.sent.v[0].i);
    rp_record_release(&w.sent);
    return rc;
}
