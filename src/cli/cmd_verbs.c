/* Commands that change a record's state rather than its fields: holds, stages, meeting
 * and claim outcomes, payments, check-ins and settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

/* The last word of the command's name: "held" of "meet held". */
static const char *verb_of(const struct cli_cmd *cmd)
{
    const char *sp = strrchr(cmd->name, ' ');
    return sp ? sp + 1 : cmd->name;
}

static enum rp_status print_record_done(struct cli *c, enum rp_kind_id kind, int64_t id,
                                        const char *what)
{
    struct rp_record rec;
    enum rp_status rc = rp_get(c->db, kind, id, &rec);
    if (rc)
        return rc;
    rc = cli_print_done(c, &rec, "%s %lld %s", rec.kind->name, (long long)id, what);
    rp_record_release(&rec);
    return rc;
}

/* --until DATE, or --clear to lift the hold (until = -1). */
static enum rp_status hold_until(struct cli *c, const struct cli_args *a, int64_t *until)
{
    if (cli_flag(a, "clear")) {
        if (cli_opt(a, "until"))
            return rp_db_fail(c->db, RP_ERR_USAGE, "until", "give --until or --clear, not both");
        *until = -1;
        return RP_OK;
    }
    return cli_date_opt(c, a, "until", until);
}

static enum rp_status ref_opt(struct cli *c, const struct cli_args *a, const char *name,
                              int64_t *id)
{
    const char *s;
    enum rp_status rc = cli_need(c, a, name, &s);
    if (!rc && rp_parse_int64(s, 1, INT64_MAX, id))
        rc = rp_db_fail(c->db, RP_ERR_INVALID, name,
                        "invalid %s id '%s' (expected a positive "
                        "whole number)",
                        name, s);
    return rc;
}

enum rp_status cmd_hold(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    int64_t id = 0, until = 0, deal, contact;
    enum rp_status rc = cli_opt(a, "from") && !cli_opt(a, "account")
                            ? cli_item_refs(c, cli_opt(a, "from"), &id, &deal, &contact)
                            : ref_opt(c, a, "account", &id);
    if (rc || (rc = hold_until(c, a, &until)) ||
        (rc = rp_account_hold(c->db, id, until, cli_flag(a, "unless-inbound"),
                              cli_opt(a, "reason"))))
        return rc;
    return print_record_done(c, RP_ACCOUNT, id, until < 0 ? "hold lifted" : "on hold");
}

enum rp_status cmd_deal_hold(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    int64_t id = 0, until = 0;
    enum rp_status rc;
    if ((rc = cli_id(c, a, 0, "deal", &id)) || (rc = hold_until(c, a, &until)) ||
        (rc = rp_deal_hold_unless(c->db, id, until, cli_flag(a, "unless-inbound"),
                                  cli_opt(a, "reason"))))
        return rc;
    return print_record_done(c, RP_DEAL, id, until < 0 ? "hold lifted" : "on hold");
}

enum rp_status cmd_checkin(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    int64_t id, every;
    const char *s;
    enum rp_status rc;
    size_t used;
    if ((rc = cli_target(c, a, "account", &used, &id)) || (rc = cli_need(c, a, "every", &s)))
        return rc;
    if (rp_parse_int64(s, 0, 3650, &every))
        return rp_db_fail(c->db, RP_ERR_INVALID, "every",
                          "invalid --every '%s' (expected days "
                          "from 0 to 3650)",
                          s);
    if ((rc = rp_account_checkin(c->db, id, every)))
        return rc;
    return print_record_done(c, RP_ACCOUNT, id, every ? "will get check-ins" : "gets no check-ins");
}

enum rp_status cmd_deal_stage(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    int64_t id;
    const char *stage = cli_pos(a, 1);
    enum rp_status rc = cli_id(c, a, 0, "deal", &id);
    if (rc)
        return rc;
    if (!stage)
        return rp_db_fail(c->db, RP_ERR_USAGE, "stage", "missing STAGE (usage: rapport %s %s)",
                          cmd->name, cmd->usage);
    if (!rp_stage_is_open(stage))
        return rp_db_fail(c->db, RP_ERR_INVALID, "stage",
                          "invalid stage '%s' (expected one of "
                          "lead, qualified, meeting, proposal, negotiation; close a deal with "
                          "rapport won, lost or no-decision)",
                          stage);
    if ((rc = rp_deal_set_stage(c->db, id, stage, cli_opt(a, "reason"))))
        return rc;
    return print_record_done(c, RP_DEAL, id, "moved");
}

json_t *cli_short_warning(const struct rp_record *m, int short_by)
{
    char msg[256];
    if (!short_by)
        return NULL;
    snprintf(msg, sizeof(msg),
             "meeting is too short: %s meetings need %d minutes, this one "
             "has %lld (%d short); offer to reschedule, or a quick call if the need is "
             "immediate",
             rp_record_str(m, RP_MEETING_KIND),
             rp_meeting_minutes_needed(rp_record_str(m, RP_MEETING_KIND)),
             (long long)rp_record_int(m, RP_MEETING_MINUTES, 0), short_by);
    fprintf(stderr, "rapport: warning: %s\n", msg);
    return json_pack("[s]", msg);
}

enum rp_status cmd_meet_add(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_record rec;
    int64_t *attendees = calloc(a->n + 1, sizeof(*attendees));
    size_t n = 0;
    int short_by = 0;
    json_t *warnings = NULL;
    enum rp_status rc = rp_record_init(&rec, RP_MEETING);
    if (rc || !attendees) {
        free(attendees);
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    for (size_t i = 0; i < a->n && !rc; i++)
        if (a->items[i].name && !strcmp(a->items[i].name, "contact") &&
            rp_parse_int64(a->items[i].value, 1, INT64_MAX, &attendees[n++]))
            rc = rp_db_fail(c->db, RP_ERR_INVALID, "contact",
                            "invalid contact id '%s' "
                            "(expected a positive whole number)",
                            a->items[i].value);
    if (!rc && !(rc = cli_fill(c, cmd, a, &rec, NULL)))
        rc = rp_meeting_add_checked(c->db, &rec, attendees, n, cli_flag(a, "force"), &short_by);
    if (!rc)
        warnings = cli_short_warning(&rec, short_by);
    if (!rc)
        rc = cli_print_created(c, &rec, warnings);
    json_decref(warnings);
    free(attendees);
    rp_record_release(&rec);
    return rc;
}

enum rp_status cmd_meet_status(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    static const struct {
        const char *verb, *status, *done;
    } verbs[] = {{"held", "held", "held"},
                 {"no-show", "no-show", "marked no-show"},
                 {"cancel", "cancelled", "cancelled"}};
    int64_t id;
    enum rp_status rc = cli_id(c, a, 0, "meeting", &id);
    for (size_t i = 0; !rc && i < sizeof(verbs) / sizeof(verbs[0]); i++) {
        if (strcmp(verbs[i].verb, verb_of(cmd)))
            continue;
        if ((rc = rp_meeting_set_status(c->db, id, verbs[i].status)))
            return rc;
        return print_record_done(c, RP_MEETING, id, verbs[i].done);
    }
    return rc;
}

enum rp_status cmd_meet_reschedule(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_record probe;
    int64_t id = 0, new_id = 0, minutes = 0;
    const char *m = cli_opt(a, "minutes");
    int short_by = 0;
    enum rp_status rc;
    if ((rc = cli_id(c, a, 0, "meeting", &id)) || (rc = rp_record_init(&probe, RP_MEETING)))
        return rc;
    const char *at;
    if (!(rc = cli_need(c, a, "at", &at)))
        rc = rp_record_set_text(c->db, &probe, RP_MEETING_AT, at);
    if (!rc && m && (rp_parse_int64(m, 1, 1440, &minutes)))
        rc = rp_db_fail(c->db, RP_ERR_INVALID, "minutes",
                        "invalid --minutes '%s' (expected 1 "
                        "to 1440)",
                        m);
    struct rp_reschedule r = {rp_record_int(&probe, RP_MEETING_AT, 0), minutes, cli_opt(a, "by"),
                              cli_flag(a, "force")};
    if (!rc)
        rc = rp_meeting_move(c->db, id, &r, &new_id, &short_by);
    rp_record_release(&probe);
    if (rc || (rc = rp_get(c->db, RP_MEETING, new_id, &probe)))
        return rc;
    json_t *warnings = cli_short_warning(&probe, short_by);
    if (c->json)
        rc = cli_print_created(c, &probe, warnings);
    else
        printf("meeting %lld booked; meeting %lld is marked rescheduled\n", (long long)new_id,
               (long long)id);
    json_decref(warnings);
    rp_record_release(&probe);
    return rc;
}

enum rp_status cmd_claim_status(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    static const char *const verbs[][2] = {
        {"verify", "verified"}, {"clarify", "clarified"}, {"contradict", "contradicted"}};
    int64_t id;
    enum rp_status rc = cli_id(c, a, 0, "claim", &id);
    for (size_t i = 0; !rc && i < sizeof(verbs) / sizeof(verbs[0]); i++) {
        if (strcmp(verbs[i][0], verb_of(cmd)))
            continue;
        if ((rc = rp_claim_set_status(c->db, id, verbs[i][1], cli_opt(a, "note"))))
            return rc;
        return print_record_done(c, RP_CLAIM, id, verbs[i][1]);
    }
    return rc;
}

enum rp_status cmd_invoice_paid(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    int64_t id, on = rp_db_today(c->db);
    enum rp_status rc = cli_id(c, a, 0, "invoice", &id);
    if (!rc && cli_opt(a, "on"))
        rc = cli_date_opt(c, a, "on", &on);
    if (rc || (rc = rp_invoice_paid(c->db, id, on)))
        return rc;
    return print_record_done(c, RP_INVOICE, id, "paid");
}

enum rp_status cmd_invoice_promise(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    int64_t id, on;
    enum rp_status rc = cli_id(c, a, 0, "invoice", &id);
    if (rc || (rc = cli_date_opt(c, a, "on", &on)) || (rc = rp_invoice_promise(c->db, id, on)))
        return rc;
    return print_record_done(c, RP_INVOICE, id, "promised");
}

enum rp_status cmd_config_get(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *only = cli_pos(a, 0);
    char *value = NULL;
    enum rp_status rc;
    if (only) {
        if ((rc = rp_config_get(c->db, only, &value)))
            return rc;
        rc = c->json ? cli_print_json(c, json_pack("{s:s}", only, value))
                     : (printf("%s\n", value), RP_OK);
        free(value);
        return rc;
    }
    json_t *obj = json_object();
    rc = RP_OK;
    for (const struct rp_setting *s = rp_settings(); s->key && !rc; s++) {
        if ((rc = rp_config_get(c->db, s->key, &value)))
            break;
        if (c->json)
            json_object_set_new(obj, s->key, json_string(value));
        else
            printf("%-22s %-24s %s\n", s->key, *value ? value : "-", s->help);
        free(value);
    }
    if (!rc && c->json)
        return cli_print_json(c, obj);
    json_decref(obj);
    return rc;
}

enum rp_status cmd_config_set(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *key = cli_pos(a, 0), *value = cli_pos(a, 1);
    char *now = NULL;
    if (!key)
        return rp_db_fail(c->db, RP_ERR_USAGE, "key",
                          "missing setting name (see 'rapport "
                          "config get')");
    enum rp_status rc = rp_config_set(c->db, key, value);
    if (!rc && !(rc = rp_config_get(c->db, key, &now))) {
        if (c->json)
            rc = cli_print_json(c, json_pack("{s:s}", key, now));
        else
            printf("%s = %s\n", key, *now ? now : "(unset)");
    }
    free(now);
    return rc;
}
