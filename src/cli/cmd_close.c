/* won, lost, no-decision and the push: closing deals and the one message to the silent. */
#include <stdio.h>
#include <string.h>

#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

/* The deal, as ID or --deal ID, and nothing else positional. */
static enum rp_status deal_opt(struct cli *c, const struct cli_args *a, int64_t *id)
{
    size_t used;
    enum rp_status rc = cli_target(c, a, "deal", &used, id);
    if (!rc && cli_npos(a) > used)
        rc = rp_db_fail(c->db, RP_ERR_USAGE, NULL,
                        "unexpected argument '%s' (give the deal "
                        "once: its id, or --deal ID)",
                        cli_pos(a, used));
    return rc;
}

static enum rp_status print_deal(struct cli *c, int64_t id, const char *what)
{
    struct rp_record deal;
    enum rp_status rc = rp_get(c->db, RP_DEAL, id, &deal);
    if (rc)
        return rc;
    rc = cli_print_done(c, &deal, "deal %lld %s", (long long)id, what);
    rp_record_release(&deal);
    return rc;
}

enum rp_status cmd_close(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    int64_t id;
    struct rp_close close = {cmd->name, cli_opt(a, "reason"), cli_opt(a, "competitor"),
                             cli_opt(a, "note")};
    enum rp_status rc = deal_opt(c, a, &id);
    if (rc || (rc = rp_deal_close(c->db, id, &close)))
        return rc;
    return print_deal(c, id,
                      !strcmp(cmd->name, "won")    ? "won: thank them, and offer coaching"
                      : !strcmp(cmd->name, "lost") ? "lost: noted what beat us"
                                                   : "closed without a decision");
}

static void print_draft(const struct rp_draft *d)
{
    printf("To: ");
    for (size_t i = 0; i < d->nto; i++)
        printf("%s%s", i ? ", " : "", d->to[i]);
    printf("\n");
    if (d->ncc) {
        printf("Cc: ");
        for (size_t i = 0; i < d->ncc; i++)
            printf("%s%s", i ? ", " : "", d->cc[i]);
        printf("\n");
    }
    printf("Subject: %s\n\n%s", d->subject, d->body);
}

enum rp_status cmd_push_draft(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_draft d;
    int64_t id;
    enum rp_status rc = deal_opt(c, a, &id);
    if (rc || (rc = rp_push_draft(c->db, id, &d)))
        return rc;
    if (c->json)
        rc = cli_print_json(c, rp_draft_to_json(&d));
    else
        print_draft(&d);
    rp_draft_release(&d);
    return rc;
}

struct push_write {
    int64_t id;
    const char *mode;
    const struct rp_draft *d;
    struct rp_record push;
};

static enum rp_status push_write(struct rp_db *db, void *ctx)
{
    struct push_write *w = ctx;
    rp_record_release(&w->push);
    enum rp_status rc = rp_push_record(db, w->id, w->mode, w->d, &w->push);
    if (!rc && !strcmp(w->mode, "send"))
        rc = rp_mail_send(db, w->d);
    return rc;
}

/* Records the push of deal ID; for "send", the push is checked (open deal, none pending)
 * before anything is sent, the message sent with no lock held, and the record kept only
 * once the mail server took it. */
static enum rp_status push_and_record(struct cli *c, int64_t id, const char *mode)
{
    struct rp_draft d;
    struct push_write w = {id, mode, &d, {0}};
    enum rp_status rc = rp_push_draft(c->db, id, &d);
    if (rc)
        return rc;
    if (!(rc = rp_db_write_mailing(c->db, push_write, &w)))
        rc = cli_print_done(c, &w.push,
                            "push %s for deal %lld to %zu recipient%s; now leave "
                            "them alone",
                            !strcmp(mode, "send") ? "sent" : "recorded", (long long)id,
                            d.nto + d.ncc, d.nto + d.ncc == 1 ? "" : "s");
    rp_record_release(&w.push);
    rp_draft_release(&d);
    return rc;
}

enum rp_status cmd_push_send(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    int64_t id;
    enum rp_status rc = deal_opt(c, a, &id);
    if (rc)
        return rc;
    return push_and_record(c, id, strstr(cmd->name, "send") ? "send" : "record");
}

enum rp_status cmd_push_outcome(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_record push = {0};
    int64_t id;
    size_t used;
    enum rp_status rc = cli_target(c, a, "deal", &used, &id);
    struct rp_push_answer answer = {cli_pos(a, used), cli_opt(a, "competitor"),
                                    cli_opt(a, "reason"), cli_opt(a, "note")};
    if (rc)
        return rc;
    if (cli_npos(a) > used + 1)
        return rp_db_fail(c->db, RP_ERR_USAGE, NULL,
                          "unexpected argument '%s' (usage: rapport "
                          "%s %s)",
                          cli_pos(a, used + 1), cmd->name, cmd->usage);
    if (!answer.outcome)
        return rp_db_fail(c->db, RP_ERR_USAGE, "outcome",
                          "missing the outcome (usage: rapport %s %s)", cmd->name, cmd->usage);
    if ((rc = rp_push_outcome(c->db, id, &answer, &push)))
        return rc;
    rc = cli_print_done(c, &push, "push on deal %lld: %s", (long long)id, answer.outcome);
    rp_record_release(&push);
    return rc;
}
