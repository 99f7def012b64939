/* rapport report: the figures of docs/reports.md as aligned tables for people (shares in
 * percent with one decimal, money per currency) or as the report's JSON for scripts. The
 * core computes every figure; this file only lays out what the JSON holds. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "cli/cli.h"
#include "base/banned.h"

#define RIGHT(k) (1u << (k))

static json_int_t num(const json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static const char *str(const json_t *o, const char *key, const char *none)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : none;
}

/* A percentage with one decimal, or "-" when there is nothing to divide. */
static void pct_cell(struct cli_grid *g, const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    if (json_is_number(v))
        cli_grid_addf(g, "%.1f%%", json_number_value(v));
    else
        cli_grid_add(g, "-");
}

static void tenths_cell(struct cli_grid *g, const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    if (json_is_number(v))
        cli_grid_addf(g, "%.1f", json_number_value(v));
    else
        cli_grid_add(g, "-");
}

static void money_text(struct cli_grid *g, const json_t *entry, const char *member)
{
    struct rp_buf b = RP_BUF_INIT;
    cli_money(&b, num(entry, member), str(entry, "currency", ""));
    cli_grid_add(g, rp_buf_str(&b));
    rp_buf_release(&b);
}

/* Ends a row whose NLEAD first cells are in with the amounts of VALUES (MEMBER, and
 * MEMBER2 unless NULL) in its first currency, "-" when there is none; every further
 * currency gets a row of its own under it. Money is never added across currencies. */
static void money_cells(struct cli_grid *g, size_t nlead, const json_t *values, const char *member,
                        const char *member2)
{
    size_t i;
    const json_t *v;
    if (!json_array_size(values)) {
        cli_grid_add(g, "-");
        if (member2)
            cli_grid_add(g, "-");
    }
    json_array_foreach(values, i, v)
    {
        for (size_t k = 0; i && k < nlead; k++)
            cli_grid_add(g, "");
        money_text(g, v, member);
        if (member2)
            money_text(g, v, member2);
    }
}

static void print_title(const json_t *rep, const char *title)
{
    const char *since = str(rep, "since", NULL), *until = str(rep, "until", NULL);
    if (since && until)
        printf("%s, %s to %s\n", title, since, until);
    else if (since || until)
        printf("%s, %s %s\n", title, since ? "since" : "until", since ? since : until);
    else
        printf("%s, all time\n", title);
}

/* Prints G under a blank line and TITLE, or "(none)" when it holds only its header. */
static enum rp_status section(struct cli *c, const char *title, struct cli_grid *g)
{
    enum rp_status rc = RP_OK;
    printf("\n%s\n", title);
    if (g->n <= g->ncols)
        printf("  (none)\n");
    else
        rc = cli_grid_print(c, g, "  ");
    cli_grid_release(g);
    return rc;
}

/* ---- winloss ------------------------------------------------------------------------- */

static void winloss_outcomes(struct cli_grid *g, const json_t *rep)
{
    size_t i;
    const json_t *o;
    cli_grid_init(g, 4, RIGHT(1) | RIGHT(2) | RIGHT(3));
    cli_grid_row(g, "outcome", "deals", "share", "value", NULL);
    json_array_foreach(json_object_get(rep, "outcomes"), i, o)
    {
        cli_grid_add(g, str(o, "outcome", ""));
        cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(o, "deals"));
        pct_cell(g, o, "pct");
        money_cells(g, 3, json_object_get(o, "values"), "value_cents", NULL);
    }
    cli_grid_add(g, "closed");
    cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(rep, "closed"));
    cli_grid_row(g, "", "", NULL);
}

static void winloss_competitors(struct cli_grid *g, const json_t *rep)
{
    static const char *const cols[] = {"deals", "won", "lost", "no_decision"};
    size_t i;
    const json_t *o;
    cli_grid_init(g, 5, RIGHT(1) | RIGHT(2) | RIGHT(3) | RIGHT(4));
    cli_grid_row(g, "competitor", "deals", "won", "lost", "no-decision", NULL);
    json_array_foreach(json_object_get(rep, "by_competitor"), i, o)
    {
        cli_grid_add(g, str(o, "competitor", "(not recorded)"));
        for (int k = 0; k < 4; k++)
            cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(o, cols[k]));
    }
}

static void winloss_reasons(struct cli_grid *g, const json_t *rep)
{
    size_t i;
    const json_t *o;
    cli_grid_init(g, 3, RIGHT(1) | RIGHT(2));
    cli_grid_row(g, "reason", "deals", "share", NULL);
    json_array_foreach(json_object_get(rep, "by_reason"), i, o)
    {
        cli_grid_add(g, str(o, "reason", "(not recorded)"));
        cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(o, "deals"));
        pct_cell(g, o, "pct");
    }
}

static void winloss_days(struct cli_grid *g, const json_t *rep)
{
    size_t i;
    const json_t *o;
    cli_grid_init(g, 5, RIGHT(1) | RIGHT(2) | RIGHT(3) | RIGHT(4));
    cli_grid_row(g, "trigger", "closed", "avg days", "won", "avg days (won)", NULL);
    json_array_foreach(json_object_get(rep, "days_to_close"), i, o)
    {
        cli_grid_add(g, str(o, "trigger", "(not recorded)"));
        cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(o, "deals"));
        tenths_cell(g, o, "average_days");
        cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(o, "won"));
        tenths_cell(g, o, "won_average_days");
    }
}

static enum rp_status print_winloss(struct cli *c, const json_t *rep)
{
    struct cli_grid g;
    struct rp_buf rate = RP_BUF_INIT;
    enum rp_status rc;
    print_title(rep, "Win and loss");
    fputc('\n', stdout);
    winloss_outcomes(&g, rep);
    rc = cli_grid_print(c, &g, "  ");
    cli_grid_release(&g);
    if (json_is_number(json_object_get(rep, "win_pct")))
        rp_buf_addf(&rate, "%.1f%%", json_number_value(json_object_get(rep, "win_pct")));
    printf("\n  Win rate: %s of closed deals\n", rate.len ? rp_buf_str(&rate) : "-");
    rp_buf_release(&rate);
    winloss_competitors(&g, rep);
    if (!rc)
        rc = section(c, "By competitor", &g);
    winloss_reasons(&g, rep);
    if (!rc)
        rc = section(c, "Why deals were lost", &g);
    winloss_days(&g, rep);
    if (!rc)
        rc = section(c, "Days to close, by trigger", &g);
    cli_grid_release(&g);
    return rc;
}

/* ---- push ---------------------------------------------------------------------------- */

static enum rp_status print_push(struct cli *c, const json_t *rep)
{
    struct cli_grid g;
    size_t i;
    const json_t *o;
    print_title(rep, "Pushes");
    fputc('\n', stdout);
    cli_grid_init(&g, 3, RIGHT(1) | RIGHT(2));
    cli_grid_row(&g, "pushes", "count", "of settled", NULL);
    cli_grid_add(&g, "sent");
    cli_grid_addf(&g, "%" JSON_INTEGER_FORMAT, num(rep, "sent"));
    cli_grid_add(&g, "");
    cli_grid_add(&g, "pending");
    cli_grid_addf(&g, "%" JSON_INTEGER_FORMAT, num(rep, "pending"));
    cli_grid_add(&g, "");
    json_array_foreach(json_object_get(rep, "outcomes"), i, o)
    {
        cli_grid_add(&g, str(o, "outcome", ""));
        cli_grid_addf(&g, "%" JSON_INTEGER_FORMAT, num(o, "pushes"));
        pct_cell(&g, o, "pct");
    }
    enum rp_status rc = cli_grid_print(c, &g, "  ");
    cli_grid_release(&g);
    cli_grid_init(&g, 1, 0);
    pct_cell(&g, rep, "revival_pct");
    tenths_cell(&g, rep, "median_days_to_answer");
    if (!rc && !g.oom)
        printf("\n  Revival rate: %s of settled pushes (the practice expects about 30%%)\n"
               "  Median days to an answer: %s (answered: %" JSON_INTEGER_FORMAT ")\n",
               g.cells[0], g.cells[1], num(rep, "answered"));
    cli_grid_release(&g);
    return rc;
}

/* ---- pipeline ------------------------------------------------------------------------ */

static void pipeline_stages(struct cli_grid *g, const json_t *rep)
{
    size_t i;
    const json_t *o;
    cli_grid_init(g, 5, RIGHT(1) | RIGHT(2) | RIGHT(3) | RIGHT(4));
    cli_grid_row(g, "stage", "chance", "deals", "value", "weighted", NULL);
    json_array_foreach(json_object_get(rep, "stages"), i, o)
    {
        cli_grid_add(g, str(o, "stage", ""));
        cli_grid_addf(g, "%" JSON_INTEGER_FORMAT "%%", num(o, "probability_pct"));
        cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(o, "deals"));
        money_cells(g, 3, json_object_get(o, "values"), "value_cents", "weighted_cents");
    }
    cli_grid_row(g, "all open", "", NULL);
    cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(rep, "open"));
    money_cells(g, 3, json_object_get(rep, "forecast"), "value_cents", "weighted_cents");
}

/* The local day of an RFC 3339 instant, or "never". */
static void day_cell(struct cli_grid *g, const char *instant)
{
    int64_t t;
    char day[RP_DATE_LEN];
    if (!instant || rp_instant_parse(instant, &t)) {
        cli_grid_add(g, "never");
        return;
    }
    rp_date_format(rp_local_date(t), day);
    cli_grid_add(g, day);
}

static void pipeline_no_next_step(struct cli_grid *g, const json_t *rep)
{
    size_t i;
    const json_t *o;
    cli_grid_init(g, 6, RIGHT(0) | RIGHT(4));
    cli_grid_row(g, "deal", "title", "account", "stage", "value", "last two-way", NULL);
    json_array_foreach(json_object_get(rep, "no_next_step"), i, o)
    {
        struct rp_buf b = RP_BUF_INIT;
        cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(o, "deal_id"));
        cli_grid_row(g, str(o, "deal", ""), str(o, "account", ""), str(o, "stage", ""), NULL);
        cli_money(&b, num(o, "value_cents"), str(o, "currency", ""));
        cli_grid_add(g, rp_buf_str(&b));
        rp_buf_release(&b);
        day_cell(g, str(o, "last_contact_at", NULL));
    }
}

static enum rp_status print_pipeline(struct cli *c, const json_t *rep)
{
    struct cli_grid g;
    print_title(rep, "Pipeline");
    fputc('\n', stdout);
    pipeline_stages(&g, rep);
    enum rp_status rc = cli_grid_print(c, &g, "  ");
    cli_grid_release(&g);
    if (!rc)
        printf("\n  Weighted forecast: each open deal's value times its stage's chance\n"
               "  (rapport config set forecast.STAGE PERCENT).\n");
    pipeline_no_next_step(&g, rep);
    if (!rc)
        rc = section(c, "No next step (no open agreement, no planned meeting)", &g);
    cli_grid_release(&g);
    return rc;
}

/* ---- activity ------------------------------------------------------------------------ */

static void activity_styles(struct cli_grid *g, const json_t *rep)
{
    size_t i;
    const json_t *o;
    cli_grid_init(g, 4, RIGHT(1) | RIGHT(2) | RIGHT(3));
    cli_grid_row(g, "style", "contacts", "two-way", "rate", NULL);
    json_array_foreach(json_object_get(rep, "two_way_by_style"), i, o)
    {
        cli_grid_add(g, str(o, "style", ""));
        cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(o, "contacts"));
        cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(o, "two_way"));
        pct_cell(g, o, "pct");
    }
    cli_grid_add(g, "all");
    cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(rep, "contacts"));
    cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(rep, "two_way"));
    pct_cell(g, rep, "two_way_pct");
}

/* One line of the meetings table: what, how many, and the share it is read as. */
static void meeting_row(struct cli_grid *g, const json_t *m, const char *label, const char *key,
                        const char *pct_key, const char *of)
{
    cli_grid_add(g, label);
    cli_grid_addf(g, "%" JSON_INTEGER_FORMAT, num(m, key));
    if (pct_key)
        pct_cell(g, m, pct_key);
    else
        cli_grid_add(g, "");
    cli_grid_add(g, of);
}

static void activity_meetings(struct cli_grid *g, const json_t *rep)
{
    const json_t *m = json_object_get(rep, "meetings");
    cli_grid_init(g, 4, RIGHT(1) | RIGHT(2));
    meeting_row(g, m, "booked", "booked", NULL, "");
    meeting_row(g, m, "held", "held", NULL, "");
    meeting_row(g, m, "no-show", "no_show", "no_show_pct", "of held and no-show");
    meeting_row(g, m, "rescheduled", "rescheduled", "rescheduled_pct", "of booked");
    meeting_row(g, m, "cancelled", "cancelled", NULL, "");
    meeting_row(g, m, "planned", "planned", NULL, "");
    meeting_row(g, m, "too short", "too_short", "too_short_pct", "of booked");
    meeting_row(g, m, "too short, rescheduled", "too_short_rescheduled", NULL, "");
}

static enum rp_status print_activity(struct cli *c, const json_t *rep)
{
    struct cli_grid g;
    print_title(rep, "Activity");
    cli_grid_init(&g, 1, 0);
    tenths_cell(&g, rep, "touches_per_won_deal");
    tenths_cell(&g, rep, "median_touches_per_won_deal");
    if (!g.oom)
        printf("\n  Touches per won deal: %s (median %s; touches: %" JSON_INTEGER_FORMAT
               ", deals won: %" JSON_INTEGER_FORMAT ")\n",
               g.cells[0], g.cells[1], num(rep, "touches"), num(rep, "won_deals"));
    cli_grid_release(&g);
    activity_styles(&g, rep);
    enum rp_status rc = section(c, "Two-way contact, by style", &g);
    activity_meetings(&g, rep);
    printf("\nMeetings\n");
    if (!rc)
        rc = cli_grid_print(c, &g, "  ");
    cli_grid_release(&g);
    return rc;
}

/* ---- the command ---------------------------------------------------------------------- */

static const struct {
    const char *name;
    enum rp_status (*print)(struct cli *c, const json_t *rep);
} printers[] = {
    {"winloss", print_winloss},
    {"push", print_push},
    {"pipeline", print_pipeline},
    {"activity", print_activity},
};

/* --since / --until: optional local dates; -1 when not given. */
static enum rp_status date_opt(struct cli *c, const struct cli_args *a, const char *name,
                               int64_t *day)
{
    const char *s = cli_opt(a, name);
    *day = -1;
    if (s && rp_date_parse(s, day))
        return rp_db_fail(c->db, RP_ERR_INVALID, name,
                          "cannot parse date '%s' for --%s "
                          "(expected YYYY-MM-DD)",
                          s, name);
    return RP_OK;
}

/* Like cli_print_json, with shares written as 33.3 rather than 33.299999999999997. */
static enum rp_status print_json(struct cli *c, json_t *rep)
{
    int rc = json_dumpf(rep, stdout,
                        (c->jsonl ? JSON_COMPACT : JSON_INDENT(2)) | JSON_REAL_PRECISION(15));
    json_decref(rep);
    if (rc || fputc('\n', stdout) == EOF)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "cannot write output");
    return RP_OK;
}

/* A usage error listing the reports there are. */
static enum rp_status unknown_report(struct cli *c, const char *name)
{
    struct rp_buf names = RP_BUF_INIT;
    for (size_t i = 0; rp_report_names[i]; i++)
        rp_buf_addf(&names, "%s%s", i ? ", " : "", rp_report_names[i]);
    enum rp_status rc = name ? rp_db_fail(c->db, RP_ERR_USAGE, "report",
                                          "unknown report '%s' (expected one of "
                                          "%s)",
                                          name, rp_buf_str(&names))
                             : rp_db_fail(c->db, RP_ERR_USAGE, "report",
                                          "missing report name (expected one of "
                                          "%s)",
                                          rp_buf_str(&names));
    rp_buf_release(&names);
    return rc;
}

enum rp_status cmd_report(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *name = cli_pos(a, 0);
    struct rp_range range;
    json_t *rep = NULL;
    size_t i = 0, n = sizeof(printers) / sizeof(printers[0]);
    while (name && i < n && strcmp(printers[i].name, name))
        i++;
    if (!name || i == n)
        return unknown_report(c, name);
    enum rp_status rc;
    if ((rc = date_opt(c, a, "since", &range.since)) ||
        (rc = date_opt(c, a, "until", &range.until)) ||
        (rc = rp_report_build(c->db, name, &range, &rep)))
        return rc;
    if (c->json)
        return print_json(c, rep);
    rc = printers[i].print(c, rep);
    json_decref(rep);
    return rc;
}
