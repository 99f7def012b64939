/* The small rules shared by the deal facts and the agenda; see rules.h. */
#include "core/rules.h"

#include <math.h>
#include <string.h>

#include "base/banned.h"

int rp_activity_is_missed_inbound(const struct rp_record *act)
{
    const char *dir = rp_record_str(act, RP_ACTIVITY_DIRECTION);
    const char *out = rp_record_str(act, RP_ACTIVITY_OUTCOME);
    return dir && !strcmp(dir, "in") && out &&
           (!strcmp(out, "no-answer") || !strcmp(out, "left-message"));
}

int rp_activity_is_two_way(const struct rp_record *act)
{
    const char *dir = rp_record_str(act, RP_ACTIVITY_DIRECTION);
    const char *out = rp_record_str(act, RP_ACTIVITY_OUTCOME);
    if (dir && !strcmp(dir, "in"))
        return !rp_activity_is_missed_inbound(act);
    return dir && !strcmp(dir, "out") && out &&
           (!strcmp(out, "connected") || !strcmp(out, "replied") || !strcmp(out, "held"));
}

int rp_role_decides(const char *role)
{
    return role && (!strcmp(role, "decision-maker") || !strcmp(role, "co-decider") ||
                    !strcmp(role, "veto"));
}

int rp_qualify_gaps(const struct rp_record *deal, const struct rp_record *account,
                    int64_t decision_contacts)
{
    const char *stage = rp_record_str(deal, RP_DEAL_STAGE);
    if (!rp_stage_is_open(stage) || !strcmp(stage, "lead"))
        return 0;
    int gaps = 0;
    if (!rp_record_str(account, RP_ACCOUNT_TRIGGER))
        gaps |= RP_GAP_TRIGGER;
    if (!deal->v[RP_DEAL_DECISION_BY].set && !rp_record_str(deal, RP_DEAL_DECISION_PROCESS))
        gaps |= RP_GAP_DECISION;
    if (!decision_contacts)
        gaps |= RP_GAP_DECIDERS;
    return gaps;
}

/* Practice 1: a specific event makes a short cycle; a cold call the lowest rung. */
static int trigger_points(const char *trigger)
{
    static const struct {
        const char *trigger;
        int points;
    } table[] = {{"moving", 30},    {"new-office", 30},      {"growth", 30},
                 {"new-staff", 30}, {"contract-ending", 30}, {"referral", 25},
                 {"inbound", 25},   {"other", 10},           {"cold-call", 0}};
    for (size_t i = 0; trigger && i < sizeof(table) / sizeof(table[0]); i++)
        if (!strcmp(table[i].trigger, trigger))
            return table[i].points;
    return 0;
}

static int urgency_points(const char *urgency)
{
    int i = urgency ? rp_vocab_index(rp_vocab_urgency, urgency) : -1;
    return i < 0 ? 0 : i * 10;
}

/* 0-10 on a log scale against the largest open deal, so one whale does not flatten the
 * rest: 1,000 against 100,000 ranks 6, not 0. */
static int value_points(int64_t value, int64_t max)
{
    if (value <= 0 || max <= 0)
        return 0;
    if (value >= max)
        return 10;
    return (int)lround(10.0 * log1p((double)value) / log1p((double)max));
}

void rp_score_compute(const struct rp_score_input *in, struct rp_score *out)
{
    out->trigger = trigger_points(in->trigger);
    out->urgency = urgency_points(in->urgency);
    out->decision =
        in->decision_by >= in->today && in->decision_by <= in->today + in->window_days ? 20 : 0;
    out->contact = in->decision_contacts > 0 ? 10 : 0;
    out->value = value_points(in->value_cents, in->max_open_value);
    out->total = out->trigger + out->urgency + out->decision + out->contact + out->value;
}
