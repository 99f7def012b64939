/* The rules of DESIGN.md section 3 that statements test on an activity's columns (named
 * with the prefix P: "" or "t."), written once for every statement and both engines'
 * schemas; core/rules.c says the same in C (rp_activity_is_two_way). */
#ifndef RP_STORE_SQL_RULES_H
#define RP_STORE_SQL_RULES_H

/* Two-way contact: inbound that was not a missed call, or outbound that reached them. */
#define RP_SQL_TWO_WAY(P)                                                                      \
    "((" P "direction = 'in' AND COALESCE(" P "outcome, '') NOT IN ('no-answer', "            \
    "'left-message')) OR (" P "direction = 'out' AND " P "outcome IN ('connected', "           \
    "'replied', 'held')))"
/* A touch: outbound that did not reach them. */
#define RP_SQL_TOUCH(P)                                                                        \
    "(" P "direction = 'out' AND COALESCE(" P "outcome, '') NOT IN ('connected', 'replied', "  \
    "'held'))"

#endif
