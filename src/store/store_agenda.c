/* The agenda's candidate queries: each reads only the rows a partial or date index
 * selects (see migration 2), joined with their deal, account and deal facts, so the work
 * grows with what is due, not with the size of the book. */
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/banned.h"

/* The deal and account context, then the facts (FACTS_COLUMNS order). */
#define DEAL_CONTEXT                                                                           \
    "d.id, d.title, d.stage, d.value_cents, d.currency, d.decision_by, d.decision_process, "   \
    "d.hold_until, a.id, a.name, a.\"trigger\", a.urgency, a.style, a.hold_until, a.status, "  \
    "f.deal_id, f.account_id, f.stage, f.is_open, f.last_two_way_at, f.last_out_at, "          \
    "f.last_in_at, f.quiet_touches, f.first_quiet_touch_at, f.open_agreements, "               \
    "f.last_open_due, f.planned_meetings, f.unverified_claims, f.pushes, f.pending_push_at, "  \
    "f.decision_contacts, f.qualify_gaps, f.owner_id, f.last_touch_at, f.quiet_since, "     \
    "f.next_meeting_at, "
#define ACCOUNT_CONTEXT                                                                        \
    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, a.id, a.name, a.\"trigger\", a.urgency, " \
    "a.style, a.hold_until, a.status, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "  \
    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
#define DEAL_JOIN                                                                              \
    " JOIN accounts a ON a.id = d.account_id LEFT JOIN deal_facts f ON f.deal_id = d.id"
#define CONTEXT_COLUMNS 36
#define OPEN_STAGES "('lead', 'qualified', 'meeting', 'proposal', 'negotiation')"
/* DESIGN.md section 3: inbound, or outbound that reached them. */
#define TWO_WAY "((direction = 'in' AND COALESCE(outcome, '') NOT IN ('no-answer', " \
                "'left-message')) OR (direction = 'out' AND outcome IN ('connected', " \
                "'replied', 'held')))"

/* The account's last activity from us or conversation with them, and its last touch. */
#define LAST_REACHED                                                                           \
    "(SELECT MAX(at) FROM activities WHERE account_id = a.id AND (direction = 'out' OR "       \
    TWO_WAY "))"
#define LAST_OUT "(SELECT MAX(at) FROM activities WHERE account_id = a.id AND direction = 'out')"
#define LAST_TOUCH                                                                             \
    "(SELECT MAX(at) FROM activities WHERE account_id = a.id AND direction = 'out' AND "       \
    "COALESCE(outcome, '') NOT IN ('connected', 'replied', 'held'))"

/* Kind columns: ref_id, contact_id, text, text2, at, day1, day2, n1, at2. */
static const char *const candidate_sql[] = {
    [RP_CAND_MEETINGS] =
        "SELECT " DEAL_CONTEXT "m.id, (SELECT MIN(contact_id) FROM meeting_attendees "
        "WHERE meeting_id = m.id), m.kind, NULL, m.at, NULL, NULL, m.minutes, NULL "
        "FROM meetings m JOIN deals d ON d.id = m.deal_id" DEAL_JOIN
        " WHERE m.status = 'planned' AND m.at >= ? AND m.at < ?",
    [RP_CAND_NOSHOWS] =
        "SELECT " DEAL_CONTEXT "m.id, (SELECT MIN(contact_id) FROM meeting_attendees "
        "WHERE meeting_id = m.id), m.kind, NULL, m.at, NULL, NULL, m.minutes, NULL "
        "FROM meetings m JOIN deals d ON d.id = m.deal_id" DEAL_JOIN
        " WHERE m.status = 'no-show' AND m.at >= ? AND m.at < ?",
    [RP_CAND_AGREEMENTS] =
        "SELECT " DEAL_CONTEXT "g.id, g.contact_id, g.note, NULL, CASE WHEN g.deal_id IS NULL "
        "THEN " LAST_OUT " END, g.made_on, g.due_on, NULL, CASE WHEN g.deal_id IS NULL THEN "
        LAST_TOUCH " END FROM agreements g JOIN accounts a ON "
        "a.id = g.account_id LEFT JOIN deals d ON d.id = g.deal_id LEFT JOIN deal_facts f ON "
        "f.deal_id = g.deal_id WHERE g.status = 'open' AND g.due_on <= ?",
    [RP_CAND_ACCOUNT_HOLDS] =
        "SELECT " ACCOUNT_CONTEXT "a.id, NULL, a.hold_reason, NULL, " LAST_REACHED ", "
        "a.hold_until, NULL, NULL, NULL FROM accounts a WHERE a.hold_until >= ? AND a.hold_until <= ?",
    [RP_CAND_DEAL_HOLDS] =
        "SELECT " DEAL_CONTEXT "d.id, NULL, d.hold_reason, NULL, NULL, d.hold_until, NULL, NULL, "
        "NULL FROM deals d" DEAL_JOIN " WHERE d.hold_until >= ? AND d.hold_until <= ?",
    [RP_CAND_INVOICES] =
        "SELECT " ACCOUNT_CONTEXT "i.id, NULL, i.number, i.currency, " LAST_OUT ", i.due_on, "
        "i.promised_on, i.amount_cents, NULL FROM invoices i JOIN accounts a ON a.id = i.account_id "
        "WHERE i.paid_on IS NULL AND i.due_on < ?",
    [RP_CAND_PUSHES] =
        "SELECT " DEAL_CONTEXT "p.id, NULL, p.subject, NULL, p.sent_at, NULL, NULL, NULL, NULL "
        "FROM pushes p JOIN deals d ON d.id = p.deal_id" DEAL_JOIN
        " WHERE p.outcome = 'pending' AND p.sent_at <= ?",
    [RP_CAND_PUSH_READY] =
        "SELECT " DEAL_CONTEXT "d.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
        "FROM deal_facts f JOIN deals d ON d.id = f.deal_id JOIN accounts a ON "
        "a.id = d.account_id WHERE f.is_open = 1 AND f.pushes = 0 AND f.quiet_touches > 0 AND "
        "f.first_quiet_touch_at <= ?",
    /* Driven by the facts of open deals with unverified claims, not by every claim. */
    [RP_CAND_CLAIMS] =
        "SELECT " DEAL_CONTEXT "c.id, c.contact_id, c.text, NULL, c.created_at, NULL, NULL, NULL, "
        "NULL "
        "FROM deal_facts f JOIN deals d ON d.id = f.deal_id JOIN accounts a ON "
        "a.id = d.account_id JOIN claims c ON c.deal_id = f.deal_id AND c.status = 'unverified' "
        "WHERE f.is_open = 1 AND f.unverified_claims > 0",
    [RP_CAND_QUALIFY] =
        "SELECT " DEAL_CONTEXT "d.id, NULL, NULL, NULL, NULL, NULL, NULL, f.qualify_gaps, NULL "
        "FROM deal_facts f JOIN deals d ON d.id = f.deal_id JOIN accounts a ON "
        "a.id = d.account_id WHERE f.qualify_gaps <> 0",
    [RP_CAND_CHECKINS] =
        /* The later of the account's own two-way activities and its deals' facts (which
         * count held meetings too), both through indexes by account. */
        "SELECT " ACCOUNT_CONTEXT "a.id, NULL, NULL, NULL, NULLIF(MAX("
        "COALESCE((SELECT MAX(at) FROM activities WHERE account_id = a.id AND " TWO_WAY "), ''), "
        "COALESCE((SELECT MAX(last_two_way_at) FROM deal_facts WHERE account_id = a.id), '')), "
        "''), "
        "NULL, NULL, a.checkin_days, " LAST_TOUCH " FROM accounts a "
        "WHERE a.checkin_days IS NOT NULL AND a.status = 'customer'",
    [RP_CAND_WON] =
        "SELECT " DEAL_CONTEXT "d.id, NULL, NULL, NULL, d.closed_at, NULL, NULL, "
        "(SELECT COUNT(*) FROM activities WHERE account_id = d.account_id AND kind = 'card' AND "
        "at >= d.closed_at), NULL FROM deals d" DEAL_JOIN
        " WHERE d.stage = 'won' AND d.closed_at >= ?",
    [RP_CAND_NO_NEXT_STEP] =
        "SELECT " DEAL_CONTEXT "d.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
        "FROM deal_facts f JOIN deals d ON d.id = f.deal_id JOIN accounts a ON "
        "a.id = d.account_id WHERE f.is_open = 1 AND f.open_agreements = 0 AND "
        "f.planned_meetings = 0 AND f.pending_push_at IS NULL",
    [RP_CAND_STALE] =
        "SELECT " DEAL_CONTEXT "d.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
        "FROM deal_facts f JOIN deals d ON d.id = f.deal_id JOIN accounts a ON "
        "a.id = d.account_id WHERE f.is_open = 1 AND f.quiet_since <= ?",
    /* Their calls we missed, with nothing from us (or a conversation) on the account since. */
    [RP_CAND_MISSED_CALLS] =
        "SELECT " DEAL_CONTEXT "t.id, t.contact_id, t.kind, NULL, t.at, NULL, NULL, NULL, NULL "
        "FROM activities t JOIN accounts a ON a.id = t.account_id LEFT JOIN deals d ON "
        "d.id = t.deal_id LEFT JOIN deal_facts f ON f.deal_id = t.deal_id "
        "WHERE t.direction = 'in' AND t.outcome IN ('no-answer', 'left-message') AND t.at < ? "
        "AND NOT EXISTS (SELECT 1 FROM activities o WHERE o.account_id = t.account_id AND "
        "(o.at > t.at OR (o.at = t.at AND o.id > t.id)) AND (o.direction = 'out' OR " TWO_WAY
        "))",
    /* Prospects without an open deal whose current contract ends P1..P2 (dates); at = the
     * last activity. (With a deal open, its own items carry the conversation.) */
    [RP_CAND_CONTRACTS] =
        "SELECT " ACCOUNT_CONTEXT "a.id, NULL, a.provider, NULL, (SELECT MAX(at) FROM "
        "activities WHERE account_id = a.id), a.contract_ends, NULL, NULL, NULL "
        "FROM accounts a WHERE a.contract_ends IS NOT NULL AND a.status = 'prospect' AND "
        "a.contract_ends >= ? AND a.contract_ends <= ? AND NOT EXISTS (SELECT 1 FROM deals "
        "WHERE account_id = a.id AND stage IN " OPEN_STAGES ")",
};

/* The owner column of the table each set is read from, for the acting user's scope. */
static const char *const candidate_owner[] = {
    [RP_CAND_MEETINGS] = "m.owner_id",      [RP_CAND_NOSHOWS] = "m.owner_id",
    [RP_CAND_AGREEMENTS] = "g.owner_id",    [RP_CAND_ACCOUNT_HOLDS] = "a.owner_id",
    [RP_CAND_DEAL_HOLDS] = "d.owner_id",    [RP_CAND_INVOICES] = "i.owner_id",
    [RP_CAND_PUSHES] = "p.owner_id",        [RP_CAND_PUSH_READY] = "f.owner_id",
    [RP_CAND_CLAIMS] = "f.owner_id",        [RP_CAND_QUALIFY] = "f.owner_id",
    [RP_CAND_CHECKINS] = "a.owner_id",      [RP_CAND_WON] = "d.owner_id",
    [RP_CAND_NO_NEXT_STEP] = "f.owner_id",  [RP_CAND_STALE] = "f.owner_id",
    [RP_CAND_MISSED_CALLS] = "t.owner_id",  [RP_CAND_CONTRACTS] = "a.owner_id",
};

static char *col_str(struct rp_store *st, struct rp_stmt *stmt, int col)
{
    return st->drv->column_null(stmt, col) ? NULL : strdup(st->drv->column_text(stmt, col));
}

static int64_t col_int(struct rp_store *st, struct rp_stmt *stmt, int col)
{
    return st->drv->column_null(stmt, col) ? -1 : st->drv->column_int(stmt, col);
}

static void read_candidate(struct rp_store *st, struct rp_stmt *s, struct rp_candidate *c)
{
    c->deal_id = col_int(st, s, 0);
    c->deal_id = c->deal_id < 0 ? 0 : c->deal_id;
    c->deal_title = col_str(st, s, 1);
    c->stage = col_str(st, s, 2);
    c->value_cents = col_int(st, s, 3);
    c->currency = col_str(st, s, 4);
    c->decision_by = store_col_date(st, s, 5);
    c->has_decision_process = !st->drv->column_null(s, 6);
    c->deal_hold_until = store_col_date(st, s, 7);
    c->account_id = col_int(st, s, 8);
    c->account_name = col_str(st, s, 9);
    c->trigger = col_str(st, s, 10);
    c->urgency = col_str(st, s, 11);
    c->style = col_str(st, s, 12);
    c->account_hold_until = store_col_date(st, s, 13);
    c->account_status = col_str(st, s, 14);
    c->has_facts = !st->drv->column_null(s, 15);
    if (c->has_facts)
        store_read_facts(st, s, 15, &c->facts);
    int k = CONTEXT_COLUMNS;
    c->ref_id = col_int(st, s, k);
    c->contact_id = col_int(st, s, k + 1);
    c->text = col_str(st, s, k + 2);
    c->text2 = col_str(st, s, k + 3);
    c->at = store_col_instant(st, s, k + 4);
    c->day1 = store_col_date(st, s, k + 5);
    c->day2 = store_col_date(st, s, k + 6);
    c->n1 = col_int(st, s, k + 7);
    c->at2 = store_col_instant(st, s, k + 8);
}

static void candidate_release(struct rp_candidate *c)
{
    char *strings[] = {c->deal_title, c->stage,   c->currency, c->account_name, c->trigger,
                       c->urgency,    c->style,   c->account_status, c->text,   c->text2};
    for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
        free(strings[i]);
}

void rp_candidates_release(struct rp_candidates *list)
{
    for (size_t i = 0; i < list->n; i++)
        candidate_release(&list->items[i]);
    free(list->items);
    *list = (struct rp_candidates){0};
}

static struct rp_candidate *candidate_push(struct rp_candidates *list)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 32;
        struct rp_candidate *items = realloc(list->items, cap * sizeof(*items));
        if (!items)
            return NULL;
        list->items = items;
        list->cap = cap;
    }
    struct rp_candidate *c = &list->items[list->n++];
    memset(c, 0, sizeof(*c));
    return c;
}

enum rp_status rp_store_candidates(struct rp_store *st, enum rp_candidate_set set,
                                   const char *p1, const char *p2, const struct rp_scope *scope,
                                   struct rp_candidates *out)
{
    struct rp_buf sql = RP_BUF_INIT;
    struct rp_stmt *stmt;
    int row, n = (p1 != NULL) + (p2 != NULL);
    enum rp_status rc = rp_buf_adds(&sql, candidate_sql[set]);
    if (!rc)
        rc = store_scope_sql(&sql, candidate_owner[set], NULL, scope);
    if (!rc)
        rc = store_prepare(st, rp_buf_str(&sql), &stmt);
    rp_buf_release(&sql);
    if (rc || (p1 && (rc = st->drv->bind_text(stmt, 1, p1))) ||
        (p2 && (rc = st->drv->bind_text(stmt, 2, p2))) ||
        (rc = store_scope_bind(st, stmt, &n, scope)))
        return rc;
    while (!(rc = st->drv->step(stmt, &row, st->err)) && row) {
        struct rp_candidate *c = candidate_push(out);
        if (!c) {
            rc = rp_error_set(st->err, RP_ERR_INTERNAL, NULL, "out of memory");
            break;
        }
        read_candidate(st, stmt, c);
    }
    st->drv->reset(stmt);
    return rc;
}

enum rp_status rp_store_max_open_value(struct rp_store *st, int64_t *max)
{
    struct rp_stmt *stmt;
    int row;
    enum rp_status rc = store_prepare(st, "SELECT MAX(value_cents) FROM deals WHERE stage IN "
                                          OPEN_STAGES, &stmt);
    if (rc || (rc = st->drv->step(stmt, &row, st->err)))
        return rc;
    *max = row && !st->drv->column_null(stmt, 0) ? st->drv->column_int(stmt, 0) : 0;
    st->drv->reset(stmt);
    return RP_OK;
}
