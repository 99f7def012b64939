/* The agenda's candidate queries: each reads only the rows a partial or date index
 * selects (see migration 2), joined with their deal, account and deal facts, so the work
 * grows with what is due, not with the size of the book. Every column is named after the
 * field of struct rp_candidate it fills (read_candidate); a field a query does not name
 * is -1 or NULL. Each reads first the owner its scope is tested on (candidates_sql). */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "store/sql_rules.h"
#include "store/store_internal.h"
#include "base/grow.h"
#include "base/ids.h"
#include "base/banned.h"

#define ACCOUNT_CONTEXT                                                                            \
    "a.id AS account_id, a.name AS account_name, a.\"trigger\" AS \"trigger\", "                   \
    "a.urgency AS urgency, a.style AS style, a.hold_until AS account_hold_until, "                 \
    "a.status AS account_status"
/* The deal, its account and its facts (the FACTS_COLUMNS of store_facts.c, from "facts"). */
#define DEAL_CONTEXT                                                                               \
    "d.id AS deal_id, d.title AS deal_title, d.stage AS stage, d.value_cents AS value_cents, "     \
    "d.currency AS currency, d.decision_by AS decision_by, "                                       \
    "d.decision_process AS decision_process, d.hold_until AS deal_hold_until, " ACCOUNT_CONTEXT    \
    ", f.deal_id AS facts, f.account_id, f.stage, f.is_open, "                                     \
    "f.last_two_way_at, f.last_out_at, f.last_in_at, f.quiet_touches, "                            \
    "f.first_quiet_touch_at, f.open_agreements, f.last_open_due, f.planned_meetings, "             \
    "f.unverified_claims, f.pushes, f.pending_push_at, f.decision_contacts, f.qualify_gaps, "      \
    "f.owner_id, f.last_touch_at, f.quiet_since, f.next_meeting_at"
#define DEAL_JOIN                                                                                  \
    " JOIN accounts a ON a.id = d.account_id LEFT JOIN deal_facts f ON f.deal_id = d.id"
#define FACTS_OF_DEALS                                                                             \
    " FROM deal_facts f JOIN deals d ON d.id = f.deal_id JOIN accounts a ON a.id = d.account_id"
#define OPEN_STAGES "('lead', 'qualified', 'meeting', 'proposal', 'negotiation')"

/* The account's last activity from us or conversation with them, and its last touch. */
#define LAST_REACHED                                                                               \
    "(SELECT MAX(at) FROM activities WHERE account_id = a.id AND (direction = 'out' "              \
    "OR " RP_SQL_TWO_WAY("") "))"
#define LAST_OUT "(SELECT MAX(at) FROM activities WHERE account_id = a.id AND direction = 'out')"
#define LAST_TOUCH                                                                                 \
    "(SELECT MAX(at) FROM activities WHERE account_id = a.id AND " RP_SQL_TOUCH("") ")"

/* What keeps outreach away whatever else holds (core/agenda.c, suppressed), said in SQL so
 * that the deals it keeps away are not read: a hold of the deal (its id DEAL) or of its
 * account (ACCOUNT) running after the day (two parameters: the day, twice). For the whole
 * book the holds are listed once from their indexes; a rep's or a team's deals are few, and
 * the whole book's holds would cost more to list than their rows to read. The sets read
 * from the facts name the facts' account, which their indexes hold (migration 31), so that
 * a deal its account's hold keeps away costs neither its facts row nor its deal row. */
#define HELD_LISTED(DEAL, ACCOUNT)                                                                 \
    DEAL " NOT IN (SELECT id FROM deals WHERE hold_until > ?) AND " ACCOUNT " NOT IN "             \
         "(SELECT id FROM accounts WHERE hold_until > ?)"
#define HELD_FACTS HELD_LISTED("f.deal_id", "f.account_id")
#define HELD_READ                                                                                  \
    "(d.hold_until IS NULL OR d.hold_until <= ?) AND (a.hold_until IS NULL OR a.hold_until <= ?)"
#define NOT_PUSHED "f.pending_push_at IS NULL"
/* No touch that rests the deal on the day in any style (resting): none, or one before the
 * parameter (an instant). */
#define NOT_RESTING "(f.last_touch_at IS NULL OR f.last_touch_at < ?)"
/* No conversation set up after the day (conversation_ahead): parameters the day and its
 * first instant. */
#define NO_CONVERSATION_AHEAD                                                                      \
    "(f.last_open_due IS NULL OR f.last_open_due <= ?) AND (f.next_meeting_at IS NULL OR "         \
    "f.next_meeting_at < ?)"

#define MEETINGS                                                                                   \
    "SELECT " DEAL_CONTEXT ", m.id AS ref_id, (SELECT MIN(contact_id) FROM meeting_attendees "     \
    "WHERE meeting_id = m.id) AS contact_id, m.kind AS text, m.at AS at, m.minutes AS n1 "         \
    "FROM meetings m JOIN deals d ON d.id = m.deal_id" DEAL_JOIN
#define PLANNED_MEETINGS MEETINGS " WHERE m.status = 'planned'"

/* The sets whose items are outreach alone, each with HELD, its test of holds. */
#define CLAIMS(HELD)                                                                               \
    "SELECT " DEAL_CONTEXT ", c.id AS ref_id, c.contact_id AS contact_id, c.text AS text, "        \
    "c.created_at AS at" FACTS_OF_DEALS " JOIN claims c ON c.deal_id = +f.deal_id AND "            \
    "c.status = 'unverified' WHERE f.is_open = 1 AND f.unverified_claims > 0 AND " NOT_PUSHED      \
    " AND " NOT_RESTING " AND " NO_CONVERSATION_AHEAD " AND " HELD
#define QUALIFY(HELD)                                                                              \
    "SELECT " DEAL_CONTEXT ", d.id AS ref_id, f.qualify_gaps AS n1" FACTS_OF_DEALS                 \
    " WHERE f.qualify_gaps <> 0 AND " NOT_PUSHED " AND " NOT_RESTING " AND " NO_CONVERSATION_AHEAD \
    " AND " HELD
/* OFFSET 0 keeps PostgreSQL from making the NOT EXISTS an anti-join: its plan for all
 * parameters (store_plan_once) then read every card of the book for a few won deals; as it
 * is, each deal's account's cards are looked up through their index. */
#define WON(HELD)                                                                                  \
    "SELECT " DEAL_CONTEXT ", d.id AS ref_id, d.closed_at AS at FROM deals d" DEAL_JOIN            \
    " WHERE d.stage = 'won' AND d.closed_at >= ? AND d.closed_at < ? AND " HELD                    \
    " AND NOT EXISTS (SELECT 1 FROM activities WHERE account_id = d.account_id AND "               \
    "kind = 'card' AND at >= d.closed_at LIMIT 1 OFFSET 0)"
#define NO_NEXT_STEP(HELD)                                                                         \
    "SELECT " DEAL_CONTEXT ", d.id AS ref_id" FACTS_OF_DEALS " WHERE f.is_open = 1 AND "           \
    "f.open_agreements = 0 AND f.planned_meetings = 0 AND " NOT_PUSHED " AND " NOT_RESTING         \
    " AND " HELD
/* A touch before the deal went quiet rests nothing; each stage quiet long enough. */
#define STALE(HELD)                                                                                \
    "SELECT " DEAL_CONTEXT ", d.id AS ref_id" FACTS_OF_DEALS " WHERE f.is_open = 1 AND "           \
    "f.quiet_since < ? AND " NOT_PUSHED " AND (f.last_touch_at IS NULL OR "                        \
    "f.last_touch_at < ? OR f.last_touch_at < f.quiet_since) AND " HELD                            \
    " AND f.quiet_since < CASE d.stage WHEN 'lead' THEN ? WHEN 'qualified' THEN ? "                \
    "WHEN 'meeting' THEN ? WHEN 'proposal' THEN ? WHEN 'negotiation' THEN ? ELSE ? END"

static const char *const candidate_sql[] = {
    [RP_CAND_MEETINGS] = PLANNED_MEETINGS " AND m.at >= ? AND m.at < ?",
    [RP_CAND_PAST_MEETINGS] = PLANNED_MEETINGS " AND m.at < ?",
    [RP_CAND_NOSHOWS] = MEETINGS " WHERE m.status = 'no-show' AND m.at >= ? AND m.at < ?",
    [RP_CAND_AGREEMENTS] =
        "SELECT " DEAL_CONTEXT ", g.id AS ref_id, g.contact_id AS contact_id, g.note AS text, "
        "CASE WHEN g.deal_id IS NULL THEN " LAST_OUT " END AS at, g.made_on AS day1, "
        "g.due_on AS day2, CASE WHEN g.deal_id IS NULL THEN " LAST_TOUCH " END AS at2 "
        "FROM agreements g JOIN accounts a ON a.id = g.account_id LEFT JOIN deals d ON "
        "d.id = g.deal_id LEFT JOIN deal_facts f ON f.deal_id = g.deal_id "
        "WHERE g.status = 'open' AND g.due_on <= ?",
    [RP_CAND_ACCOUNT_HOLDS] =
        "SELECT " ACCOUNT_CONTEXT ", a.id AS ref_id, a.hold_reason AS text, " LAST_REACHED
        " AS at, a.hold_until AS day1 FROM accounts a WHERE a.hold_until >= ? AND "
        "a.hold_until <= ?",
    [RP_CAND_DEAL_HOLDS] =
        "SELECT " DEAL_CONTEXT ", d.id AS ref_id, d.hold_reason AS text, d.hold_until AS day1 "
        "FROM deals d" DEAL_JOIN " WHERE d.hold_until >= ? AND d.hold_until <= ?",
    [RP_CAND_INVOICES] = "SELECT " ACCOUNT_CONTEXT
                         ", i.id AS ref_id, i.number AS text, i.currency AS text2, " LAST_OUT
                         " AS at, i.due_on AS day1, i.promised_on AS day2, i.amount_cents AS n1 "
                         "FROM invoices i JOIN accounts a ON a.id = i.account_id "
                         "WHERE i.paid_on IS NULL AND i.due_on < ?",
    /* Pending pushes sent by P1 that are answered (an inbound contact since) or were sent
     * before P2 (an instant: old enough to count as ignored on the day), the answer read
     * from the facts before the deal and its account are. */
    [RP_CAND_PUSHES] =
        "SELECT " DEAL_CONTEXT ", p.id AS ref_id, p.subject AS text, p.sent_at AS at "
        "FROM pushes p JOIN deals d ON d.id = p.deal_id" DEAL_JOIN
        " WHERE p.outcome = 'pending' AND p.sent_at <= ? AND (p.sent_at < ? OR EXISTS "
        "(SELECT 1 FROM deal_facts x WHERE x.deal_id = p.deal_id AND x.last_in_at >= p.sent_at))",
    [RP_CAND_PUSH_READY] =
        "SELECT " DEAL_CONTEXT ", d.id AS ref_id" FACTS_OF_DEALS " WHERE f.is_open = 1 AND "
        "f.pushes = 0 AND f.quiet_touches > 0 AND f.first_quiet_touch_at <= ?",
    /* Driven by the facts of open deals with unverified claims, not by every claim. */
    [RP_CAND_CLAIMS] = CLAIMS(HELD_FACTS),
    [RP_CAND_QUALIFY] = QUALIFY(HELD_FACTS),
    /* Customers whose check-in may be due by day P1 (account facts, migration 16). */
    [RP_CAND_CHECKINS] =
        "SELECT " ACCOUNT_CONTEXT ", a.id AS ref_id, x.last_two_way_at AS at, "
        "a.checkin_days AS n1, x.last_touch_at AS at2 FROM account_facts x JOIN accounts a ON "
        "a.id = x.account_id WHERE x.checkin_due_on <= ? AND a.checkin_days IS NOT NULL AND "
        "a.status = 'customer'",
    [RP_CAND_WON] = WON(HELD_LISTED("d.id", "d.account_id")),
    [RP_CAND_NO_NEXT_STEP] = NO_NEXT_STEP(HELD_FACTS),
    [RP_CAND_STALE] = STALE(HELD_FACTS),
    /* Their calls we missed, with nothing from us (or a conversation) on the account since. */
    [RP_CAND_MISSED_CALLS] =
        "SELECT " DEAL_CONTEXT ", t.id AS ref_id, t.contact_id AS contact_id, t.kind AS text, "
        "t.at AS at FROM activities t JOIN accounts a ON a.id = t.account_id LEFT JOIN deals d "
        "ON d.id = t.deal_id LEFT JOIN deal_facts f ON f.deal_id = t.deal_id "
        "WHERE t.direction = 'in' AND t.outcome IN ('no-answer', 'left-message') AND t.at < ? "
        "AND NOT EXISTS (SELECT 1 FROM activities o WHERE o.account_id = t.account_id AND "
        "(o.at > t.at OR (o.at = t.at AND o.id > t.id)) AND (o.direction = 'out' "
        "OR " RP_SQL_TWO_WAY("") "))",
    /* Prospects talking to us because their contract ends, without an open deal, whose
     * current contract ends P1..P2 (dates); at = the last activity. (With a deal open, its
     * own items carry the conversation.) */
    [RP_CAND_CONTRACTS] =
        "SELECT " ACCOUNT_CONTEXT ", a.id AS ref_id, a.provider AS text, (SELECT MAX(at) FROM "
        "activities WHERE account_id = a.id) AS at, a.contract_ends AS day1 "
        "FROM accounts a WHERE a.contract_ends IS NOT NULL AND a.status = 'prospect' AND "
        "a.\"trigger\" = 'contract-ending' AND a.contract_ends >= ? AND a.contract_ends <= ? "
        "AND NOT EXISTS (SELECT 1 FROM deals WHERE account_id = a.id AND stage IN " OPEN_STAGES ")",
};

/* The same sets for a rep or a team, their holds read with each row (HELD_READ). */
static const char *const own_candidate_sql[RP_CAND_COUNT] = {
    [RP_CAND_CLAIMS] = CLAIMS(HELD_READ), [RP_CAND_QUALIFY] = QUALIFY(HELD_READ),
    [RP_CAND_WON] = WON(HELD_READ),       [RP_CAND_NO_NEXT_STEP] = NO_NEXT_STEP(HELD_READ),
    [RP_CAND_STALE] = STALE(HELD_READ),
};

/* The owner column of the table each set is read from, for the acting user's scope. */
static const char *const candidate_owner[] = {
    [RP_CAND_MEETINGS] = "m.owner_id",      [RP_CAND_NOSHOWS] = "m.owner_id",
    [RP_CAND_PAST_MEETINGS] = "m.owner_id", [RP_CAND_AGREEMENTS] = "g.owner_id",
    [RP_CAND_ACCOUNT_HOLDS] = "a.owner_id", [RP_CAND_DEAL_HOLDS] = "d.owner_id",
    [RP_CAND_INVOICES] = "i.owner_id",      [RP_CAND_PUSHES] = "p.owner_id",
    [RP_CAND_PUSH_READY] = "f.owner_id",    [RP_CAND_CLAIMS] = "f.owner_id",
    [RP_CAND_QUALIFY] = "f.owner_id",       [RP_CAND_CHECKINS] = "x.owner_id",
    [RP_CAND_WON] = "d.owner_id",           [RP_CAND_NO_NEXT_STEP] = "f.owner_id",
    [RP_CAND_STALE] = "f.owner_id",         [RP_CAND_MISSED_CALLS] = "t.owner_id",
    [RP_CAND_CONTRACTS] = "a.owner_id",
};

/* The fields a candidate query may name, by column name. */
enum cand_field {
    CF_DEAL_ID,
    CF_DEAL_TITLE,
    CF_STAGE,
    CF_VALUE_CENTS,
    CF_CURRENCY,
    CF_DECISION_BY,
    CF_DECISION_PROCESS,
    CF_DEAL_HOLD_UNTIL,
    CF_ACCOUNT_ID,
    CF_ACCOUNT_NAME,
    CF_TRIGGER,
    CF_URGENCY,
    CF_STYLE,
    CF_ACCOUNT_HOLD_UNTIL,
    CF_ACCOUNT_STATUS,
    CF_FACTS,
    CF_REF_ID,
    CF_CONTACT_ID,
    CF_TEXT,
    CF_TEXT2,
    CF_AT,
    CF_DAY1,
    CF_DAY2,
    CF_N1,
    CF_AT2,
    CF_OWNER_ID,
    CF_COUNT,
    CF_NONE = -1
};

static const char *const cand_field_names[CF_COUNT] = {
    "deal_id",
    "deal_title",
    "stage",
    "value_cents",
    "currency",
    "decision_by",
    "decision_process",
    "deal_hold_until",
    "account_id",
    "account_name",
    "trigger",
    "urgency",
    "style",
    "account_hold_until",
    "account_status",
    "facts",
    "ref_id",
    "contact_id",
    "text",
    "text2",
    "at",
    "day1",
    "day2",
    "n1",
    "at2",
    "owner_id",
};

#define CAND_MAX_COLUMNS STORE_CAND_COLUMNS
/* The map slot of the short meetings' statement (rp_store_short_meetings). */
#define CAND_SHORT RP_CAND_COUNT

/* Which field each column of STMT fills; the facts block after "facts" is read whole. */
static int cand_columns(struct rp_store *st, struct rp_stmt *stmt, signed char *map)
{
    int n = st->drv->column_count(stmt);
    for (int col = 0; col < n && col < CAND_MAX_COLUMNS; col++) {
        const char *name = st->drv->column_name(stmt, col);
        map[col] = CF_NONE;
        for (int f = 0; f < CF_COUNT && map[col] == CF_NONE; f++)
            if (!strcmp(name, cand_field_names[f]))
                map[col] = (signed char)f;
        if (map[col] == CF_FACTS)
            for (int k = 1; k < STORE_FACTS_COLUMNS && col + 1 < n; k++)
                map[++col] = CF_NONE;
    }
    return n < CAND_MAX_COLUMNS ? n : CAND_MAX_COLUMNS;
}

/* Whether field F is text, which the candidate's one block of texts holds. */
static int cand_field_is_text(enum cand_field f)
{
    switch (f) {
    case CF_DEAL_TITLE:
    case CF_STAGE:
    case CF_CURRENCY:
    case CF_ACCOUNT_NAME:
    case CF_TRIGGER:
    case CF_URGENCY:
    case CF_STYLE:
    case CF_ACCOUNT_STATUS:
    case CF_TEXT:
    case CF_TEXT2:
        return 1;
    default:
        return 0;
    }
}

/* Column COL's text copied to *AT, which moves past it; NULL for NULL. */
static char *col_str(struct rp_store *st, struct rp_stmt *stmt, int col, char **at)
{
    if (st->drv->column_null(stmt, col))
        return NULL;
    const char *text = st->drv->column_text(stmt, col);
    size_t len = strlen(text) + 1;
    char *out = memcpy(*at, text, len);
    *at += len;
    return out;
}

static int64_t col_int(struct rp_store *st, struct rp_stmt *stmt, int col)
{
    return st->drv->column_null(stmt, col) ? -1 : st->drv->column_int(stmt, col);
}

static void read_field(struct rp_store *st, struct rp_stmt *s, int col, enum cand_field f,
                       struct rp_candidate *c, char **at)
{
    switch (f) {
    case CF_DEAL_ID:
        c->deal_id = col_int(st, s, col) < 0 ? 0 : col_int(st, s, col);
        break;
    case CF_DEAL_TITLE:
        c->deal_title = col_str(st, s, col, at);
        break;
    case CF_STAGE:
        c->stage = col_str(st, s, col, at);
        break;
    case CF_VALUE_CENTS:
        c->value_cents = col_int(st, s, col);
        break;
    case CF_CURRENCY:
        c->currency = col_str(st, s, col, at);
        break;
    case CF_DECISION_BY:
        c->decision_by = store_col_date(st, s, col);
        break;
    case CF_DECISION_PROCESS:
        c->has_decision_process = !st->drv->column_null(s, col);
        break;
    case CF_DEAL_HOLD_UNTIL:
        c->deal_hold_until = store_col_date(st, s, col);
        break;
    case CF_ACCOUNT_ID:
        c->account_id = col_int(st, s, col);
        break;
    case CF_ACCOUNT_NAME:
        c->account_name = col_str(st, s, col, at);
        break;
    case CF_TRIGGER:
        c->trigger = col_str(st, s, col, at);
        break;
    case CF_URGENCY:
        c->urgency = col_str(st, s, col, at);
        break;
    case CF_STYLE:
        c->style = col_str(st, s, col, at);
        break;
    case CF_ACCOUNT_HOLD_UNTIL:
        c->account_hold_until = store_col_date(st, s, col);
        break;
    case CF_ACCOUNT_STATUS:
        c->account_status = col_str(st, s, col, at);
        break;
    case CF_FACTS:
        if ((c->has_facts = !st->drv->column_null(s, col)))
            store_read_facts(st, s, col, &c->facts);
        break;
    case CF_REF_ID:
        c->ref_id = col_int(st, s, col);
        break;
    case CF_CONTACT_ID:
        c->contact_id = col_int(st, s, col);
        break;
    case CF_TEXT:
        c->text = col_str(st, s, col, at);
        break;
    case CF_TEXT2:
        c->text2 = col_str(st, s, col, at);
        break;
    case CF_AT:
        c->at = store_col_instant(st, s, col);
        break;
    case CF_DAY1:
        c->day1 = store_col_date(st, s, col);
        break;
    case CF_DAY2:
        c->day2 = store_col_date(st, s, col);
        break;
    case CF_N1:
        c->n1 = col_int(st, s, col);
        break;
    case CF_AT2:
        c->at2 = store_col_instant(st, s, col);
        break;
    case CF_OWNER_ID:
        c->owner_id = st->drv->column_null(s, col) ? 0 : st->drv->column_int(s, col);
        break;
    default:
        break;
    }
}

/* The current row into C, every field a query does not name -1 or NULL; its texts in one
 * block (c->texts), rather than an allocation each. */
static enum rp_status read_candidate(struct rp_store *st, struct rp_stmt *s, const signed char *map,
                                     int ncols, struct rp_candidate *c)
{
    size_t need = 0;
    char *at;
    *c = (struct rp_candidate){.value_cents = -1,
                               .decision_by = -1,
                               .deal_hold_until = -1,
                               .account_id = -1,
                               .account_hold_until = -1,
                               .ref_id = -1,
                               .contact_id = -1,
                               .at = -1,
                               .day1 = -1,
                               .day2 = -1,
                               .n1 = -1,
                               .at2 = -1};
    for (int col = 0; col < ncols; col++)
        if (map[col] != CF_NONE && cand_field_is_text((enum cand_field)map[col]) &&
            !st->drv->column_null(s, col))
            need += strlen(st->drv->column_text(s, col)) + 1;
    if (!(c->texts = malloc(need + 1))) /* one block even with no text: at is never NULL */
        return rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
    at = c->texts;
    for (int col = 0; col < ncols; col++)
        if (map[col] != CF_NONE)
            read_field(st, s, col, (enum cand_field)map[col], c, &at);
    return RP_OK;
}

void rp_candidates_release(struct rp_candidates *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->items[i].texts);
    free(list->items);
    *list = (struct rp_candidates){0};
}

static struct rp_candidate *candidate_push(struct rp_candidates *list)
{
    return RP_GROW(list->items, list->n + 1, list->cap) ? NULL : &list->items[list->n++];
}

/* Appends the rows of STMT (bound, run here) to OUT; SLOT keeps its columns' fields, the
 * same for every statement of a set whatever its scope. */
static enum rp_status candidates_read(struct rp_store *st, struct rp_stmt *stmt, int slot,
                                      struct rp_candidates *out)
{
    enum rp_status rc;
    int row;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row) {
        struct rp_candidate *c = candidate_push(out);
        if (!c) {
            rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
            break;
        }
        if (!st->cand_ncols[slot])
            st->cand_ncols[slot] = cand_columns(st, stmt, st->cand_map[slot]);
        if ((rc = read_candidate(st, stmt, st->cand_map[slot], st->cand_ncols[slot], c))) {
            out->n--;
            break;
        }
    }
    st->drv->reset(stmt);
    return rc;
}

/* SQL (a set's SELECT) narrowed to SCOPE on its column OWNER into TEXT, with OWNER read
 * first (the candidate's owner_id: the agenda of several owners is parted by it). */
static enum rp_status candidates_sql(struct rp_buf *text, const char *sql, const char *owner,
                                     const struct rp_scope *scope)
{
    static const char select[] = "SELECT ";
    enum rp_status rc =
        rp_buf_addf(text, "%s%s AS owner_id, %s", select, owner, sql + sizeof(select) - 1);
    return rc ? rc : store_owners_scope_sql(text, owner, scope);
}

/* The sets whose best plan depends on the parameters' values, planned for each run. The
 * check-ins' plan for all values (PostgreSQL's, on the 100,000-account book) joined every
 * customer account of the book with a check-in cadence to a rep's few due facts: 12-30 ms
 * for what its plan for the day's values reads in 0.1 ms, at each agenda made again. */
static const unsigned char candidate_planned_each_run[RP_CAND_COUNT] = {
    [RP_CAND_CHECKINS] = 1,
};

/* Which of a read's statements serves the agenda's day DAY (0: its first): each of the
 * days whose reads go ahead together (rp_store_days_ahead) has statements of its own. */
static int day_slot(const struct rp_store *st, int day)
{
    return day % rp_store_days_ahead(st);
}

/* Where SLOT's statement for SCOPE's shape and DAY is kept. */
static struct rp_stmt **cand_slot(struct rp_store *st, int slot, const struct rp_scope *scope,
                                  int day)
{
    return &st->cand[slot][store_cand_shape(scope)][day_slot(st, day)];
}

/* The statement of SLOT (a set, or CAND_SHORT) for SCOPE and DAY, prepared from SQL (on
 * its column OWNER) once per connection by the scope's shape and the day's slot. A
 * candidates' statement is planned once (store_plan_once), but for the sets above:
 * planning one for each agenda made afresh cost about as much as running it, on
 * PostgreSQL. */
static enum rp_status cand_stmt(struct rp_store *st, int slot, const char *sql, const char *owner,
                                const struct rp_scope *scope, int day, struct rp_stmt **stmt)
{
    struct rp_stmt **at = cand_slot(st, slot, scope, day);
    struct rp_buf text = RP_BUF_INIT;
    enum rp_status rc = RP_OK;
    if (!*at) {
        rc = candidates_sql(&text, sql, owner, scope);
        if (!rc && !(rc = st->drv->prepare(st->conn, rp_buf_str(&text), at, st->err)) &&
            !(slot < RP_CAND_COUNT && candidate_planned_each_run[slot]))
            store_plan_once(st, *at);
        rp_buf_release(&text);
    } else {
        st->drv->reset(*at);
    }
    *stmt = *at;
    return rc;
}

/* SET's statement for SCOPE and DAY with its N parameters PARAMS bound, in *STMT. */
static enum rp_status candidates_bound(struct rp_store *st, enum rp_candidate_set set,
                                       const char *const *params, int n,
                                       const struct rp_scope *scope, int day, struct rp_stmt **stmt)
{
    int own = store_cand_shape(scope) && own_candidate_sql[set];
    enum rp_status rc = cand_stmt(st, (int)set, own ? own_candidate_sql[set] : candidate_sql[set],
                                  candidate_owner[set], scope, day, stmt);
    for (int i = 0; i < n && !rc; i++)
        rc = st->drv->bind_text(*stmt, i + 1, params[i]);
    if (!rc)
        rc = store_scope_bind(st, *stmt, &n, scope);
    if (rc && *stmt)
        st->drv->reset(*stmt);
    return rc;
}

enum rp_status rp_store_candidates(struct rp_store *st, enum rp_candidate_set set,
                                   const char *const *params, int n, const struct rp_scope *scope,
                                   int day, struct rp_candidates *out)
{
    struct rp_stmt *stmt = NULL;
    enum rp_status rc = candidates_bound(st, set, params, n, scope, day, &stmt);
    return rc ? rc : candidates_read(st, stmt, (int)set, out);
}

/* A failure here is the read's to tell, when it runs the statement itself. */
void rp_store_candidates_ahead(struct rp_store *st, enum rp_candidate_set set,
                               const char *const *params, int n, const struct rp_scope *scope,
                               int day)
{
    struct rp_stmt *stmt = NULL;
    if (rp_store_reads_ahead(st) && !candidates_bound(st, set, params, n, scope, day, &stmt))
        store_send_ahead(st, stmt);
}

/* The whole book's: one term per kind, each reading only its short meetings from
 * meetings_report (kind, status, minutes, at), not every meeting planned from FROM on. */
#define SHORT_MEETING "(m.kind = ? AND m.status = 'planned' AND m.minutes < ? AND m.at >= ?)"

/* The statement of rp_store_short_meetings for N kinds: a user's or a team's meetings are
 * few, read by owner, status and time (meetings_owner), each kind's need then compared. */
static enum rp_status short_meetings_sql(struct rp_buf *sql, size_t n, int scoped)
{
    enum rp_status rc = RP_OK;
    if (scoped) {
        rc = rp_buf_adds(sql, PLANNED_MEETINGS " AND m.at >= ? AND m.minutes < CASE m.kind");
        for (size_t i = 0; i < n && !rc; i++)
            rc = rp_buf_adds(sql, " WHEN ? THEN ?");
        return rc ? rc : rp_buf_adds(sql, " ELSE 0 END");
    }
    rc = rp_buf_adds(sql, MEETINGS " WHERE (");
    for (size_t i = 0; i < n && !rc; i++)
        rc = rp_buf_adds(sql, i ? " OR " SHORT_MEETING : SHORT_MEETING);
    return rc ? rc : rp_buf_adds(sql, n ? ")" : "1 = 0)");
}

/* rp_store_short_meetings' statement, bound, in *STMT. Kept by the scope's shape and the
 * day: N is the vocabulary's count of meeting kinds, the same at every call. */
static enum rp_status short_meetings_bound(struct rp_store *st, const char *from,
                                           const char *const *kinds, const int *needs, size_t n,
                                           const struct rp_scope *scope, int day,
                                           struct rp_stmt **stmt)
{
    struct rp_buf sql = RP_BUF_INIT;
    int scoped = scope && scope->user_id, k = 0;
    /* The text is wanted only to prepare the statement, the first time. */
    enum rp_status rc =
        *cand_slot(st, CAND_SHORT, scope, day) ? RP_OK : short_meetings_sql(&sql, n, scoped);
    if (!rc)
        rc = cand_stmt(st, CAND_SHORT, rp_buf_str(&sql), "m.owner_id", scope, day, stmt);
    rp_buf_release(&sql);
    if (!rc && scoped)
        rc = st->drv->bind_text(*stmt, ++k, from);
    for (size_t i = 0; i < n && !rc; i++)
        if (!(rc = st->drv->bind_text(*stmt, ++k, kinds[i])) &&
            !(rc = st->drv->bind_int(*stmt, ++k, needs[i])) && !scoped)
            rc = st->drv->bind_text(*stmt, ++k, from);
    if (!rc)
        rc = store_scope_bind(st, *stmt, &k, scope);
    if (rc && *stmt)
        st->drv->reset(*stmt);
    return rc;
}

enum rp_status rp_store_short_meetings(struct rp_store *st, const char *from,
                                       const char *const *kinds, const int *needs, size_t n,
                                       const struct rp_scope *scope, int day,
                                       struct rp_candidates *out)
{
    struct rp_stmt *stmt = NULL;
    enum rp_status rc = short_meetings_bound(st, from, kinds, needs, n, scope, day, &stmt);
    return rc ? rc : candidates_read(st, stmt, CAND_SHORT, out);
}

void rp_store_short_meetings_ahead(struct rp_store *st, const char *from, const char *const *kinds,
                                   const int *needs, size_t n, const struct rp_scope *scope,
                                   int day)
{
    struct rp_stmt *stmt = NULL;
    if (rp_store_reads_ahead(st) &&
        !short_meetings_bound(st, from, kinds, needs, n, scope, day, &stmt))
        store_send_ahead(st, stmt);
}

#define MAX_OPEN_VALUE "SELECT MAX(value_cents) FROM deals WHERE stage IN " OPEN_STAGES

void rp_store_max_open_value_ahead(struct rp_store *st)
{
    struct rp_stmt *stmt;
    if (rp_store_reads_ahead(st) && !store_prepare(st, MAX_OPEN_VALUE, &stmt))
        store_send_ahead(st, stmt);
}

enum rp_status rp_store_max_open_value(struct rp_store *st, int64_t *max)
{
    struct rp_stmt *stmt;
    int row;
    enum rp_status rc = store_prepare(st, MAX_OPEN_VALUE, &stmt);
    if (rc || (rc = st->drv->step(stmt, &row, st->err)))
        return rc;
    *max = row && !st->drv->column_null(stmt, 0) ? st->drv->column_int(stmt, 0) : 0;
    st->drv->reset(stmt);
    return RP_OK;
}

/* Ids per statement of rp_store_records_in: one statement text, however many. */
#define RECORDS_BATCH 64

/* KIND's columns, each that USED (NULL: all) leaves out read as NULL. */
static enum rp_status records_in_columns(struct rp_buf *sql, const struct rp_kind *kind,
                                         const unsigned char *used)
{
    enum rp_status rc = RP_OK;
    if (!used)
        return store_add_columns(sql, kind);
    for (size_t f = 0; f < kind->nfields && !rc; f++)
        if (!(rc = rp_buf_adds(sql, f ? ", " : "")))
            rc = used[f] ? rp_buf_addf(sql, "\"%s\"", kind->fields[f].name)
                         : rp_buf_adds(sql, "NULL");
    return rc;
}

/* The statement of rp_store_records_in, the fields USED (NULL: all) read, into SQL. */
static enum rp_status records_in_sql(struct rp_buf *sql, const struct rp_kind *kind, int field,
                                     const unsigned char *used, const struct rp_scope *scope)
{
    const char *column = kind->fields[field].name;
    enum rp_status rc = rp_buf_adds(sql, "SELECT ");
    if (!rc && !(rc = records_in_columns(sql, kind, used)))
        rc = rp_buf_addf(sql, " FROM %s WHERE \"%s\" IN (?", kind->table, column);
    for (int i = 1; i < RECORDS_BATCH && !rc; i++)
        rc = rp_buf_adds(sql, ", ?");
    /* The unary plus keeps the planner on the column's index, as for an account's list. */
    if (!rc && !(rc = rp_buf_addc(sql, ')')) &&
        !(rc = store_scope_sql(sql, "+owner_id", NULL, scope)))
        rc = field ? rp_buf_addf(sql, " ORDER BY \"%s\", id", column)
                   : rp_buf_adds(sql, " ORDER BY id");
    return rc;
}

/* SQL (of records_in_sql or last_touches_sql) with the batch of IDS (N) from AT bound, and
 * SCOPE's parameters after it (NULL: none), in *STMT. A short last batch is filled up with
 * NULL, which IN finds nothing for. Repeated ids would do the same, but PostgreSQL's
 * planner counts the rows of each value it is given: one account's deal repeated 64 times
 * made it read every activity of the book rather than the deal's through its index, at
 * each agenda made after a write. */
static enum rp_status ids_bound(struct rp_store *st, const char *sql, const int64_t *ids, size_t n,
                                size_t at, const struct rp_scope *scope, struct rp_stmt **stmt)
{
    int k = 0;
    enum rp_status rc = store_prepare(st, sql, stmt);
    if (rc)
        return rc;
    store_plan_once(st, *stmt); /* by the ids' index whatever they are */
    for (size_t i = 0; i < RECORDS_BATCH && !rc; i++, k++)
        rc = at + i < n ? st->drv->bind_int(*stmt, k + 1, ids[at + i])
                        : st->drv->bind_null(*stmt, k + 1);
    if (!rc && scope)
        rc = store_scope_bind(st, *stmt, &k, scope);
    return rc;
}

/* rp_store_records_in, the fields USED (NULL: all) read, the others left unset. */
static enum rp_status records_in(struct rp_store *st, enum rp_kind_id kind_id, int field,
                                 const unsigned char *used, const int64_t *ids, size_t n,
                                 const struct rp_scope *scope, struct rp_records *out)
{
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_record rec = {0};
    enum rp_status rc = records_in_sql(&sql, rp_kind_get(kind_id), field, used, scope);
    for (size_t at = 0; at < n && !rc; at += RECORDS_BATCH) {
        struct rp_stmt *stmt = NULL;
        int row = 0;
        rc = ids_bound(st, rp_buf_str(&sql), ids, n, at, scope, &stmt);
        while (!rc && !(rc = st->drv->step(stmt, &row, st->err)) && row)
            if (!(rc = rp_record_init(&rec, kind_id)) && !(rc = store_read_row(st, stmt, &rec)))
                rc = rp_records_push(out, &rec);
        rp_record_release(&rec);
        if (stmt)
            st->drv->reset(stmt);
    }
    rp_buf_release(&sql);
    if (rc == RP_ERR_INTERNAL && !st->err->msg.len)
        rp_error_set(st->err, rc, NULL, "out of memory");
    return rc;
}

/* Sends the first statement of records_in ahead; whether it is the only one. */
static int records_in_ahead(struct rp_store *st, enum rp_kind_id kind_id, int field,
                            const unsigned char *used, const int64_t *ids, size_t n,
                            const struct rp_scope *scope)
{
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_stmt *stmt;
    if (rp_store_reads_ahead(st) && n &&
        !records_in_sql(&sql, rp_kind_get(kind_id), field, used, scope) &&
        !ids_bound(st, rp_buf_str(&sql), ids, n, 0, scope, &stmt))
        store_send_ahead(st, stmt);
    rp_buf_release(&sql);
    return n <= RECORDS_BATCH;
}

enum rp_status rp_store_records_in(struct rp_store *st, enum rp_kind_id kind_id, int field,
                                   const int64_t *ids, size_t n, const struct rp_scope *scope,
                                   struct rp_records *out)
{
    return records_in(st, kind_id, field, NULL, ids, n, scope, out);
}

int rp_store_records_in_ahead(struct rp_store *st, enum rp_kind_id kind_id, int field,
                              const int64_t *ids, size_t n, const struct rp_scope *scope)
{
    return records_in_ahead(st, kind_id, field, NULL, ids, n, scope);
}

/* The largest instant of each id's rows of STMT (bound, run here: rows of an id and an
 * instant) into LAST, by the position of the id in IDS (N, ascending). */
static enum rp_status latest_by_id(struct rp_store *st, struct rp_stmt *stmt, const int64_t *ids,
                                   size_t n, int64_t *last)
{
    enum rp_status rc;
    int row;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row) {
        int64_t id = st->drv->column_int(stmt, 0), at;
        const char *text = st->drv->column_text(stmt, 1);
        if (rp_instant_parse(text, &at)) {
            rc = rp_error_set(st->err, RP_ERR_INTERNAL, "at", "stored at '%s' is malformed", text);
            break;
        }
        size_t i = rp_ids_find(ids, n, id);
        if (i < n && at > last[i])
            last[i] = at;
    }
    st->drv->reset(stmt);
    return rc;
}

/* The statement of rp_store_last_touches into SQL. */
static enum rp_status last_touches_sql(struct rp_buf *sql, int accounts)
{
    enum rp_status rc =
        rp_buf_adds(sql, accounts ? "SELECT account_id, at FROM activities WHERE account_id IN (?"
                                  : "SELECT deal_id, at FROM activities WHERE deal_id IN (?");
    for (int i = 1; i < RECORDS_BATCH && !rc; i++)
        rc = rp_buf_adds(sql, ", ?");
    return rc ? rc
              : rp_buf_adds(sql, accounts ? ") AND +deal_id IS NULL AND " RP_SQL_TOUCH("")
                                          : ") AND " RP_SQL_TOUCH(""));
}

enum rp_status rp_store_last_touches(struct rp_store *st, int accounts, const int64_t *ids,
                                     size_t n, int64_t *last)
{
    struct rp_buf sql = RP_BUF_INIT;
    enum rp_status rc = last_touches_sql(&sql, accounts);
    for (size_t i = 0; i < n; i++)
        last[i] = INT64_MIN;
    for (size_t at = 0; at < n && !rc; at += RECORDS_BATCH) {
        struct rp_stmt *stmt = NULL;
        if (!(rc = ids_bound(st, rp_buf_str(&sql), ids, n, at, NULL, &stmt)))
            rc = latest_by_id(st, stmt, ids, n, last);
        else if (stmt)
            st->drv->reset(stmt);
    }
    rp_buf_release(&sql);
    if (rc == RP_ERR_INTERNAL && !st->err->msg.len)
        rp_error_set(st->err, rc, NULL, "out of memory");
    return rc;
}

int rp_store_last_touches_ahead(struct rp_store *st, int accounts, const int64_t *ids, size_t n)
{
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_stmt *stmt;
    if (rp_store_reads_ahead(st) && n && !last_touches_sql(&sql, accounts) &&
        !ids_bound(st, rp_buf_str(&sql), ids, n, 0, NULL, &stmt))
        store_send_ahead(st, stmt);
    rp_buf_release(&sql);
    return n <= RECORDS_BATCH;
}

/* Whom to contact and the drafts read these alone: the title and the times would be a
 * copy and two parses of each contact for nothing. */
static void contacts_used(unsigned char used[RP_CONTACT_NFIELDS])
{
    static const int fields[] = {0,
                                 RP_CONTACT_ACCOUNT_ID,
                                 RP_CONTACT_NAME,
                                 RP_CONTACT_EMAIL,
                                 RP_CONTACT_PHONE,
                                 RP_CONTACT_ROLE,
                                 RP_CONTACT_PRIMARY};
    memset(used, 0, RP_CONTACT_NFIELDS);
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        used[fields[i]] = 1;
}

enum rp_status rp_store_contacts_of(struct rp_store *st, const int64_t *ids, size_t n,
                                    const struct rp_scope *scope, struct rp_records *out)
{
    unsigned char used[RP_CONTACT_NFIELDS];
    contacts_used(used);
    return records_in(st, RP_CONTACT, RP_CONTACT_ACCOUNT_ID, used, ids, n, scope, out);
}

int rp_store_contacts_of_ahead(struct rp_store *st, const int64_t *ids, size_t n,
                               const struct rp_scope *scope)
{
    unsigned char used[RP_CONTACT_NFIELDS];
    contacts_used(used);
    return records_in_ahead(st, RP_CONTACT, RP_CONTACT_ACCOUNT_ID, used, ids, n, scope);
}

/* ---- kept agendas -------------------------------------------------------------------- */

/* KEY as parameters AT to AT + 3. */
static enum rp_status bind_key(struct rp_store *st, struct rp_stmt *stmt, int at,
                               const struct rp_agenda_key *key)
{
    char day[RP_DATE_LEN];
    enum rp_status rc;
    rp_date_format(key->day, day);
    if ((rc = st->drv->bind_int(stmt, at, key->user_id)) ||
        (rc = st->drv->bind_text(stmt, at + 1, day)) ||
        (rc = st->drv->bind_int(stmt, at + 2, key->days)))
        return rc;
    return st->drv->bind_text(stmt, at + 3, key->tz);
}

/* The stamp of a scope (its owners' counters first; the largest open value as migration 30
 * keeps it, reading no deal), and the agenda kept at it for a key, if any: a stamp is read
 * and compared in the same statement (one round trip). The stamp's
 * LIMIT keeps it a subquery of its own: PostgreSQL would otherwise plan and run each of its
 * values twice, for the join and for the answer. */
#define STAMP_OF(marks)                                                                            \
    "SELECT s.marks, s.max_value, s.everyone, k.body FROM (SELECT " marks " AS marks, "            \
    "COALESCE((SELECT max_value FROM agenda_scale), 0) AS max_value, " EVERYONE_MARKS              \
    " AS everyone LIMIT 1) s LEFT JOIN kept_agendas k ON k.user_id = ? AND k.day = ? AND "         \
    "k.days = ? AND k.tz = ? AND k.marks = s.marks AND k.max_value = s.max_value AND "             \
    "k.everyone = s.everyone"

enum rp_status rp_store_kept_agenda(struct rp_store *st, const struct rp_scope *scope,
                                    const struct rp_agenda_key *key, struct rp_agenda_stamp *stamp,
                                    struct rp_buf *out, int *found)
{
    static const char *const sql[] = {
        STAMP_OF(MARKS_ALL),
        STAMP_OF(MARKS_ONE),
        STAMP_OF(MARKS_TEAM),
    };
    int row, n = 0;
    struct rp_stmt *stmt;
    const char *body = NULL;
    size_t len = 0;
    enum rp_status rc = store_prepare(st, sql[store_marks_shape(scope)], &stmt);
    *found = 0;
    /* The key's parameters follow the stamp's. */
    if (rc || (rc = store_marks_bind(st, stmt, &n, scope)) ||
        (rc = bind_key(st, stmt, n + 1, key)) || (rc = st->drv->step(stmt, &row, st->err)))
        return rc;
    stamp->marks = row ? st->drv->column_int(stmt, 0) : 0;
    stamp->max_value = row ? st->drv->column_int(stmt, 1) : 0;
    stamp->everyone = row ? st->drv->column_int(stmt, 2) : 0;
    /* The body comes with its length: an agenda is tens of kilobytes, not to be counted. */
    if (row && store_col_text(st, stmt, 3, &body, &len) && !(rc = rp_buf_add(out, body, len)))
        *found = 1;
    st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_keep_agenda(struct rp_store *st, const struct rp_agenda_key *key,
                                    const struct rp_agenda_stamp *stamp, const char *body,
                                    int64_t today)
{
    char past[RP_DATE_LEN];
    struct rp_stmt *stmt;
    enum rp_status rc;
    rp_date_format(today, past);
    if ((rc = store_prepare(st, "DELETE FROM kept_agendas WHERE user_id = ? AND day < ?", &stmt)) ||
        (rc = st->drv->bind_int(stmt, 1, key->user_id)) ||
        (rc = st->drv->bind_text(stmt, 2, past)) || (rc = store_run_later(st, stmt)))
        return rc;
    if ((rc = store_prepare(st,
                            "INSERT INTO kept_agendas (user_id, day, days, tz, marks, "
                            "max_value, body, everyone) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON "
                            "CONFLICT (user_id, day, days, tz) DO UPDATE SET marks = "
                            "excluded.marks, max_value = excluded.max_value, body = "
                            "excluded.body, everyone = excluded.everyone",
                            &stmt)) ||
        (rc = bind_key(st, stmt, 1, key)) || (rc = st->drv->bind_int(stmt, 5, stamp->marks)) ||
        (rc = st->drv->bind_int(stmt, 6, stamp->max_value)) ||
        (rc = st->drv->bind_text(stmt, 7, body)) ||
        (rc = st->drv->bind_int(stmt, 8, stamp->everyone)))
        return rc;
    return store_run_later(st, stmt);
}
