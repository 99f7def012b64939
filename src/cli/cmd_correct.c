/* Correcting mistakes from the command line: edit what was logged, agreed, booked, claimed
 * or said, cancel an agreement, lift a hold. Each change leaves a line in the history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

/* Sets the fields given as options and, after the id, the positional field of CMD. */
static enum rp_status fill_edit(struct cli *c, const struct cli_cmd *cmd, const struct cli_args *a,
                                struct rp_record *rec, unsigned char *changed)
{
    const struct rp_kind *kind = rec->kind;
    enum rp_status rc = RP_OK;
    size_t pos = 0;
    for (size_t i = 0; i < a->n && !rc; i++) {
        const struct cli_arg *arg = &a->items[i];
        int f = -1;
        if (!arg->name && pos++ > 0 && cmd->positional)
            f = rp_kind_field(kind, cmd->positional);
        else if (arg->name)
            for (size_t k = 0; k < kind->nfields && f < 0; k++)
                if ((kind->fields[k].flags & RP_F_EDIT) &&
                    !strcmp(cli_field_opt(&kind->fields[k]), arg->name))
                    f = (int)k;
        if (f < 0)
            continue;
        rc = rp_record_set_text(c->db, rec, f, arg->value);
        changed[f] = 1;
    }
    return rc;
}

/* Every --contact ID of a meeting edit: its attendees, replacing the old ones. */
static enum rp_status attendees(struct cli *c, const struct cli_args *a, struct rp_edit *e,
                                int64_t **ids)
{
    *ids = calloc(a->n + 1, sizeof(**ids));
    if (!*ids)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "out of memory");
    for (size_t i = 0; i < a->n; i++) {
        if (!a->items[i].name || strcmp(a->items[i].name, "contact"))
            continue;
        if (rp_parse_int64(a->items[i].value, 1, INT64_MAX, &(*ids)[e->nattendees]))
            return rp_db_fail(c->db, RP_ERR_INVALID, "contact",
                              "invalid --contact '%s' "
                              "(expected a contact id)",
                              a->items[i].value);
        e->nattendees++;
        e->set_attendees = 1;
    }
    e->attendees = *ids;
    return RP_OK;
}

enum rp_status cmd_correct(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const struct rp_kind *kind = rp_kind_get((enum rp_kind_id)cmd->kind);
    struct rp_record rec;
    unsigned char changed[64] = {0};
    struct rp_edit e = {changed, NULL, 0, 0, cli_flag(a, "force"), 0, NULL};
    int64_t id, *ids = NULL;
    enum rp_status rc = cli_id(c, a, 0, kind->name, &id);
    if (rc || (rc = rp_get(c->db, kind->id, id, &rec)))
        return rc;
    if (!(rc = fill_edit(c, cmd, a, &rec, changed)) &&
        (kind->id != RP_MEETING || !(rc = attendees(c, a, &e, &ids))) &&
        !memchr(changed, 1, sizeof(changed)) && !e.set_attendees)
        rc = rp_db_fail(c->db, RP_ERR_USAGE, NULL, "nothing to change (see 'rapport %s --help')",
                        cmd->name);
    if (!rc && !(rc = rp_record_correct(c->db, &rec, &e))) {
        json_t *warnings = kind->id == RP_MEETING ? cli_short_warning(&rec, e.short_by) : NULL;
        if (c->json && warnings) {
            json_t *obj = rp_record_to_json(&rec);
            json_object_set_new(obj, "warnings", warnings);
            rc = cli_print_json(c, obj);
        } else {
            json_decref(warnings);
            rc = cli_print_done(c, &rec, "updated %s %lld", kind->name, (long long)id);
        }
    }
    free(ids);
    rp_record_release(&rec);
    return rc;
}

enum rp_status cmd_agree_cancel(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    struct rp_record rec;
    int64_t id;
    enum rp_status rc = cli_id(c, a, 0, "agreement", &id);
    if (rc || (rc = rp_agreement_cancel(c->db, id, cli_opt(a, "note"))) ||
        (rc = rp_get(c->db, RP_AGREEMENT, id, &rec)))
        return rc;
    rc = cli_print_done(c, &rec, "agreement %lld cancelled", (long long)id);
    rp_record_release(&rec);
    return rc;
}

enum rp_status cmd_hold_cancel(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *account = cli_opt(a, "account"), *deal = cli_opt(a, "deal");
    const char *reason = cli_opt(a, "reason"), *which = account ? "account" : "deal";
    enum rp_kind_id kind = account ? RP_ACCOUNT : RP_DEAL;
    struct rp_record rec;
    int64_t id;
    enum rp_status rc;
    if (!account == !deal)
        return rp_db_fail(c->db, RP_ERR_USAGE, account ? "deal" : "account",
                          "give --account ID "
                          "or --deal ID (one of them)");
    if (rp_parse_int64(account ? account : deal, 1, INT64_MAX, &id))
        return rp_db_fail(c->db, RP_ERR_INVALID, which, "invalid --%s '%s' (expected an id)", which,
                          account ? account : deal);
    if (!reason)
        reason = "cancelled";
    if ((rc = account ? rp_account_hold(c->db, id, -1, 0, reason)
                      : rp_deal_hold(c->db, id, -1, reason)) ||
        (rc = rp_get(c->db, kind, id, &rec)))
        return rc;
    rc = cli_print_done(c, &rec, "%s %lld hold lifted", which, (long long)id);
    rp_record_release(&rec);
    return rc;
}
