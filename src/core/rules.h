/* The rules of the practice as pure functions of records, facts and a day: what counts as
 * two-way contact, who decides, what qualification lacks, and the deal score. The agenda
 * (agenda.c) applies them; deal facts (facts.c) are derived with them. */
#ifndef RP_RULES_H
#define RP_RULES_H

#include "rapport/rapport.h"

/* Qualification gaps (practice 1), as bits of rp_qualify_gaps(). */
enum {
    RP_GAP_TRIGGER = 1,  /* why are they talking to us at all? */
    RP_GAP_DECISION = 2, /* when and how do they decide? */
    RP_GAP_DECIDERS = 4, /* who else decides, who has a veto? */
};

/* rp_activity_is_two_way (rapport.h): inbound, or outbound that reached them. */
int rp_activity_is_missed_inbound(const struct rp_record *activity);
/* decision-maker, co-decider or veto. */
int rp_role_decides(const char *role);
/* The gaps of an open deal at stage qualified or later; 0 for others. */
int rp_qualify_gaps(const struct rp_record *deal, const struct rp_record *account,
                    int64_t decision_contacts);

struct rp_score_input {
    const char *trigger, *urgency;
    int64_t decision_by; /* days, -1 unknown */
    int64_t decision_contacts;
    int64_t value_cents, max_open_value;
    int64_t today, window_days;
};
void rp_score_compute(const struct rp_score_input *in, struct rp_score *out);

#endif
