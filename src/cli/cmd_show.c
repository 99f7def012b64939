/* account show and deal show: one record with everything that belongs to it, so the
 * salesperson can recall the whole relationship before picking up the phone. As JSON it is
 * the core's rp_show_json, the same object the API's overview routes answer. */
#include <stdio.h>

#include "cli/cli.h"
#include "base/banned.h"

struct section {
    enum rp_kind_id kind;
    int field; /* the reference to the shown record */
    const char *title;
    int newest_first;
};

/* Prints REC, EXTRA_LINE, then each section and the history, as tables. */
static enum rp_status show_text(struct cli *c, struct rp_record *rec,
                                const struct section *sections, const char *extra_line)
{
    struct rp_records list = {0}, history = {0};
    enum rp_status rc = cli_print_record(c, rec);
    if (!rc && extra_line)
        printf("%s\n", extra_line);
    for (const struct section *s = sections; s->title && !rc; s++) {
        if (!(rc = rp_list_by(c->db, s->kind, s->field, rec->v[0].i, -1, s->newest_first,
                              &list)))
            rc = cli_section(c, NULL, NULL, s->title, &list);
        rp_records_release(&list);
    }
    if (!rc && !(rc = rp_history(c->db, rec->kind->id, rec->v[0].i, &history)))
        rc = cli_section(c, NULL, NULL, "History", &history);
    rp_records_release(&history);
    return rc;
}

/* Shows record ID of KIND: JSON from the core, or tables (with EXTRA_LINE for a deal). */
static enum rp_status show(struct cli *c, enum rp_kind_id kind, int64_t id,
                           const struct section *sections, const char *extra_line)
{
    struct rp_record rec;
    enum rp_status rc;
    if (c->json) {
        json_t *obj;
        if ((rc = rp_show_json(c->db, kind, id, &obj)))
            return rc;
        return cli_print_json(c, obj);
    }
    if ((rc = rp_get(c->db, kind, id, &rec)))
        return rc;
    rc = show_text(c, &rec, sections, extra_line);
    rp_record_release(&rec);
    return rc;
}

enum rp_status cmd_account_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    static const struct section sections[] = {
        {RP_CONTACT, RP_CONTACT_ACCOUNT_ID, "Contacts", 0},
        {RP_DEAL, RP_DEAL_ACCOUNT_ID, "Deals", 0},
        {RP_ACTIVITY, RP_ACTIVITY_ACCOUNT_ID, "Activity, newest first", 1},
        {RP_STATEMENT, RP_STATEMENT_ACCOUNT_ID, "What you told them", 1},
        {RP_INVOICE, RP_INVOICE_ACCOUNT_ID, "Invoices", 0},
        {0, 0, NULL, 0},
    };
    int64_t id;
    enum rp_status rc = cli_id(c, a, 0, "account", &id);
    return rc ? rc : show(c, RP_ACCOUNT, id, sections, NULL);
}

enum rp_status cmd_deal_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    static const struct section sections[] = {
        {RP_MEETING, RP_MEETING_DEAL_ID, "Meetings", 0},
        {RP_AGREEMENT, RP_AGREEMENT_DEAL_ID, "Agreed next steps", 0},
        {RP_CLAIM, RP_CLAIM_DEAL_ID, "What they claimed", 0},
        {RP_STATEMENT, RP_STATEMENT_DEAL_ID, "What you told them", 1},
        {RP_ACTIVITY, RP_ACTIVITY_DEAL_ID, "Activity, newest first", 1},
        {0, 0, NULL, 0},
    };
    struct rp_score score;
    int64_t id;
    enum rp_status rc = cli_id(c, a, 0, "deal", &id);
    if (rc || c->json)
        return rc ? rc : show(c, RP_DEAL, id, sections, NULL);
    if ((rc = rp_deal_score(c->db, id, &score)))
        return rc;
    char line[160];
    snprintf(line, sizeof(line), "\nScore %d of 100: trigger %d, urgency %d, decision date %d, "
             "decision contact %d, value %d", score.total, score.trigger,
             score.urgency, score.decision, score.contact, score.value);
    return show(c, RP_DEAL, id, sections, line);
}
