/* The rules of DESIGN.md section 3 that statements test on an activity's columns (named
 * with the prefix P: "" or "t."), written once for every statement and both engines'
 * schemas; core/rules.c says the same in C (rp_activity_is_two_way). */
#ifndef RP_STORE_SQL_RULES_H
#define RP_STORE_SQL_RULES_H

/* Two-way contact: inbound that was not a missed call, or outbound that reached them. */
#define RP_SQL_TWO_WAY(P)                                                                          \
    "((" P "direction = 'in' AND COALESCE(" P "outcome, '') NOT IN ('no-answer', "                 \
    "'left-message')) OR (" P "direction = 'out' AND " P "outcome IN ('connected', "               \
    "'replied', 'held')))"
/* A touch: outbound that did not reach them. */
#define RP_SQL_TOUCH(P)                                                                            \
    "(" P "direction = 'out' AND COALESCE(" P "outcome, '') NOT IN ('connected', 'replied', "      \
    "'held'))"

/* Account facts (migration 16): each account's last two-way contact (its own activities
 * and its deals' facts, which count held meetings), its last touch that did not reach
 * them, and, for a customer with check-ins, the first day a check-in can be due: a day
 * before the interval ends (a local day may be a UTC day behind), or the day it was made
 * when there has been no two-way contact yet. The agenda reads only accounts whose day
 * has come. DUE: the day two_way plus checkin_days - 1, in the engine's date arithmetic;
 * RANGE selects the accounts (a.id). */
#define RP_SQL_ACCOUNT_FACTS_FILL(DUE, RANGE)                                                      \
    "INSERT INTO account_facts (account_id, owner_id, last_two_way_at, last_touch_at,"             \
    "  checkin_due_on)"                                                                            \
    " SELECT id, owner_id, two_way, touch, CASE WHEN checkin_days IS NOT NULL AND"                 \
    "  status = 'customer' THEN CASE WHEN two_way IS NULL THEN substr(created_at, 1, 10)"          \
    "  ELSE " DUE " END END FROM (SELECT a.id, a.owner_id, a.checkin_days,"                        \
    "  a.status, a.created_at, NULLIF(GREATEST(COALESCE((SELECT MAX(at) FROM activities"           \
    "  WHERE account_id = a.id AND " RP_SQL_TWO_WAY(                                               \
        "") "), ''), COALESCE((SELECT"                                                             \
            "  MAX(last_two_way_at) FROM deal_facts WHERE account_id = a.id), '')), '') AS "       \
            "two_way,"                                                                             \
            "  (SELECT MAX(at) FROM activities WHERE account_id = a.id AND " RP_SQL_TOUCH(         \
                "") ") AS touch FROM accounts a WHERE " RANGE ") s"

/* closed_days (migration 24): the closed deals per UTC day of closing in the win/loss
 * report's groups. A competitor or reason not recorded is '' beside a 0 flag, so that
 * every group has a key of values (NULLs would never meet in a primary key); the columns
 * of the key, and their values for a deal's columns (P: "" or "new." / "old."). */
#define RP_SQL_CLOSED_DAYS_KEY                                                                     \
    "stage, currency, competitor, has_competitor, close_reason, has_reason, day"
#define RP_SQL_CLOSED_DAYS_VALUES(P)                                                               \
    P "stage, " P "currency, COALESCE(" P "competitor, ''), CASE WHEN " P "competitor IS NULL"     \
      " THEN 0 ELSE 1 END, COALESCE(" P "close_reason, ''), CASE WHEN " P "close_reason IS NULL"   \
      " THEN 0 ELSE 1 END, SUBSTR(" P "closed_at, 1, 10)"

#endif
