/* The SQLite schema, as numbered migrations applied in order at open. Never edit a
 * migration that has shipped: add the next one. Column names match the field tables of
 * store/record.c; dates are 'YYYY-MM-DD' text and instants RFC 3339 UTC text, so both sort
 * and compare as strings. */
#include <stddef.h>

/* The SQL below is laid out by hand, as the statements read best. */
/* clang-format off */
#include "store/sql_rules.h"

/* The triggers that keep the full-text index (migration 3) in step with TABLE, whose
 * rows are indexed under id * 16 + CODE with columns BODY and EXTRA (OLD_EXTRA and
 * NEW_EXTRA: old.x and new.x, or NULL); COLS are the columns an update must set to
 * matter. An external-content index is told what to forget with the old values. */
#define FULLTEXT_OLD(code, body, extra)                                                      \
    "INSERT INTO fulltext (fulltext, rowid, body, extra) VALUES ('delete', old.id * 16 + "    \
    code ", old." body ", " extra ");"
#define FULLTEXT_NEW(code, body, extra)                                                      \
    "INSERT INTO fulltext (rowid, body, extra) VALUES (new.id * 16 + " code ", new." body     \
    ", " extra ");"
#define FULLTEXT_SYNC(table, code, cols, body, old_extra, new_extra)                         \
    "CREATE TRIGGER " table "_fulltext_insert AFTER INSERT ON " table " BEGIN "               \
    FULLTEXT_NEW(code, body, new_extra) " END;"                                               \
    "CREATE TRIGGER " table "_fulltext_delete AFTER DELETE ON " table " BEGIN "               \
    FULLTEXT_OLD(code, body, old_extra) " END;"                                               \
    "CREATE TRIGGER " table "_fulltext_update AFTER UPDATE OF " cols " ON " table " BEGIN "   \
    FULLTEXT_OLD(code, body, old_extra) FULLTEXT_NEW(code, body, new_extra) " END;"

/* The trigger that deletes the history of a deleted row of TABLE (kind ENTITY). */
#define HISTORY_GC(table, entity)                                                            \
    "CREATE TRIGGER " table "_history_gc AFTER DELETE ON " table " BEGIN "                    \
    "DELETE FROM history WHERE entity = '" entity "' AND entity_id = old.id; END;"

/* Migration 22: the agenda change counter of OWNER (an SQL expression; NULL counts as 0,
 * everyone's) counted up; the triggers of a table whose rows have an owner, and of one
 * every agenda reads (COLUMNS: " OF ..." for the updates that count, or ""). */
#define AGENDA_MARK(owner)                                                                         \
    "INSERT INTO agenda_marks (owner_id, n) VALUES (COALESCE(" owner ", 0), 1)"                  \
    " ON CONFLICT (owner_id) DO UPDATE SET n = n + 1;"
#define AGENDA_MARKS_OWNED(t)                                                                      \
    "CREATE TRIGGER " t "_agenda_insert AFTER INSERT ON " t " BEGIN " AGENDA_MARK("new.owner_id") \
    " END;"                                                                                        \
    "CREATE TRIGGER " t "_agenda_delete AFTER DELETE ON " t " BEGIN " AGENDA_MARK("old.owner_id") \
    " END;"                                                                                        \
    "CREATE TRIGGER " t "_agenda_update AFTER UPDATE ON " t " BEGIN " AGENDA_MARK("old.owner_id") \
    AGENDA_MARK("new.owner_id") " END;"
#define AGENDA_MARKS_ALL(t, columns)                                                               \
    "CREATE TRIGGER " t "_agenda_insert AFTER INSERT ON " t " BEGIN " AGENDA_MARK("0") " END;"   \
    "CREATE TRIGGER " t "_agenda_delete AFTER DELETE ON " t " BEGIN " AGENDA_MARK("0") " END;"   \
    "CREATE TRIGGER " t "_agenda_update AFTER UPDATE" columns " ON " t " BEGIN " AGENDA_MARK("0") \
    " END;"

/* Migration 6: a table's owner_id column, filled from its account. */
#define OWNER_COLUMN(t)                                                                        \
    "ALTER TABLE " t " ADD COLUMN owner_id INTEGER;"                                           \
    "UPDATE " t " SET owner_id = (SELECT owner_id FROM accounts WHERE accounts.id = "          \
    t ".account_id);"
#define OWNER_CASCADE(t) " UPDATE " t " SET owner_id = new.owner_id WHERE account_id = new.id;"

#define ACCOUNT_FACTS_DUE "date(substr(two_way, 1, 10), (checkin_days - 1) || ' days')"
/* Account facts (migration 16): sql_rules.h, with this engine's date arithmetic. */
#define ACCOUNT_FACTS_FILL(RANGE) RP_SQL_ACCOUNT_FACTS_FILL(ACCOUNT_FACTS_DUE, RANGE)
/* Migration 19: whether activity X was two-way contact, and the triggers' changes to
 * contact_days: add X (new.*), take X away (old.*), and add SIGN times an account's
 * activities under STYLE (an account's style changed, or the account is deleted). */
#define TWO_WAY(x) "CASE WHEN " RP_SQL_TWO_WAY(x ".") " THEN 1 ELSE 0 END"
#define CONTACT_DAYS_FILL                                                                      \
    "INSERT INTO contact_days (day, style, two_way, n)"                                         \
    "  SELECT SUBSTR(t.at, 1, 10), a.style, " TWO_WAY("t") ", COUNT(*)"                         \
    "  FROM activities t JOIN accounts a ON a.id = t.account_id"                                \
    "  WHERE t.direction IN ('in', 'out') GROUP BY 1, 2, 3;"
#define CONTACT_DAYS_UPSERT " ON CONFLICT (day, style, two_way) DO UPDATE SET n = contact_days.n + excluded.n;"
#define CONTACT_DAYS_ADD(x)                                                                    \
    "INSERT INTO contact_days (day, style, two_way, n) SELECT SUBSTR(" x ".at, 1, 10), a.style, " \
    TWO_WAY(x) ", 1 FROM accounts a WHERE a.id = " x ".account_id AND " x ".direction IN ('in',"  \
    " 'out')" CONTACT_DAYS_UPSERT
#define CONTACT_DAYS_TAKE(x)                                                                   \
    "UPDATE contact_days SET n = n - 1 WHERE " x ".direction IN ('in', 'out') AND day = "       \
    "SUBSTR(" x ".at, 1, 10) AND two_way = " TWO_WAY(x) " AND style = (SELECT style FROM "      \
    "accounts WHERE id = " x ".account_id);"
#define CONTACT_DAYS_MOVE(style, sign)                                                         \
    "INSERT INTO contact_days (day, style, two_way, n) SELECT SUBSTR(t.at, 1, 10), " style ", " \
    TWO_WAY("t") ", " sign " * COUNT(*) FROM activities t WHERE t.account_id = old.id AND "     \
    "t.direction IN ('in', 'out') GROUP BY 1, 3" CONTACT_DAYS_UPSERT

/* Migration 20: the closed deals with their account's trigger (closed_deals), as the
 * triggers below keep them: deal X (new) added again when its stage is a closed one. */
#define CLOSED_STAGES_SQL "('won', 'lost', 'no-decision')"
#define CLOSED_DEALS_COLUMNS "closed_deals (deal_id, \"trigger\", stage, opened_at, closed_at)"
#define CLOSED_DEALS_FILL                                                                      \
    "INSERT INTO " CLOSED_DEALS_COLUMNS " SELECT d.id, a.\"trigger\", d.stage, d.opened_at,"     \
    " d.closed_at FROM deals d JOIN accounts a ON a.id = d.account_id"                          \
    " WHERE d.stage IN " CLOSED_STAGES_SQL ";"
#define CLOSED_DEALS_ADD                                                                       \
    "INSERT INTO " CLOSED_DEALS_COLUMNS " SELECT new.id, (SELECT \"trigger\" FROM accounts"      \
    " WHERE id = new.account_id), new.stage, new.opened_at, new.closed_at"                      \
    " WHERE new.stage IN " CLOSED_STAGES_SQL ";"

/* Migration 20: meeting_days, the meetings per UTC day, kind, status and length: fill,
 * add meeting X (new.*), take it away (old.*). */
#define MEETING_DAYS_FILL                                                                      \
    "INSERT INTO meeting_days (day, kind, status, minutes, n) SELECT SUBSTR(at, 1, 10), kind,"  \
    " status, minutes, COUNT(*) FROM meetings GROUP BY 1, 2, 3, 4;"
#define MEETING_DAYS_ADD(x)                                                                    \
    "INSERT INTO meeting_days (day, kind, status, minutes, n) VALUES (SUBSTR(" x ".at, 1, 10), " \
    x ".kind, " x ".status, " x ".minutes, 1) ON CONFLICT (kind, status, minutes, day) DO UPDATE" \
    " SET n = meeting_days.n + 1;"
#define MEETING_DAYS_TAKE(x)                                                                   \
    "UPDATE meeting_days SET n = n - 1 WHERE kind = " x ".kind AND status = " x ".status AND"   \
    " minutes = " x ".minutes AND day = SUBSTR(" x ".at, 1, 10);"

/* Migration 23: closed_days (sql_rules.h): fill, add deal X (new.*), take it away (old.*). */
#define CLOSED_DAYS_FILL                                                                       \
    "INSERT INTO closed_days (" RP_SQL_CLOSED_DAYS_KEY ", n, value_high, value_low) SELECT "          \
    RP_SQL_CLOSED_DAYS_VALUES("") ", COUNT(*), SUM(value_cents / 1000000000),"                         \
    " SUM(value_cents % 1000000000) FROM deals WHERE stage IN " CLOSED_STAGES_SQL               \
    " AND closed_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;"
#define CLOSED_DAYS_ADD                                                                        \
    "INSERT INTO closed_days (" RP_SQL_CLOSED_DAYS_KEY ", n, value_high, value_low) SELECT "          \
    RP_SQL_CLOSED_DAYS_VALUES("new.") ", 1, new.value_cents / 1000000000, new.value_cents %"           \
    " 1000000000 WHERE new.stage IN " CLOSED_STAGES_SQL " AND new.closed_at IS NOT NULL"        \
    " ON CONFLICT (" RP_SQL_CLOSED_DAYS_KEY ") DO UPDATE SET n = closed_days.n + 1, value_high ="      \
    " closed_days.value_high + excluded.value_high, value_low = closed_days.value_low +"        \
    " excluded.value_low;"
#define CLOSED_DAYS_TAKE                                                                       \
    "UPDATE closed_days SET n = n - 1, value_high = value_high - old.value_cents / 1000000000," \
    " value_low = value_low - old.value_cents % 1000000000 WHERE old.stage IN "                 \
    CLOSED_STAGES_SQL " AND old.closed_at IS NOT NULL AND (" RP_SQL_CLOSED_DAYS_KEY ") = ("            \
    RP_SQL_CLOSED_DAYS_VALUES("old.") ");"

/* Migration 23: won_touches, each won deal's outbound activities up to its close: fill,
 * add deal X (new) when won, count one activity X (new or old) in or out by SIGN. */
#define WON_TOUCHES_COUNT(x)                                                                   \
    "(SELECT COUNT(*) FROM activities t WHERE t.deal_id = " x ".id AND t.direction = 'out'"     \
    " AND t.at <= " x ".closed_at)"
#define WON_TOUCHES_FILL                                                                       \
    "INSERT INTO won_touches (deal_id, closed_at, touches) SELECT d.id, d.closed_at, "         \
    WON_TOUCHES_COUNT("d") " FROM deals d WHERE d.stage = 'won';"
#define WON_TOUCHES_ADD                                                                        \
    "INSERT INTO won_touches (deal_id, closed_at, touches) SELECT new.id, new.closed_at, "     \
    WON_TOUCHES_COUNT("new") " WHERE new.stage = 'won';"
#define WON_TOUCHES_COUNT_ONE(x, sign)                                                         \
    "UPDATE won_touches SET touches = touches " sign " 1 WHERE " x ".direction = 'out' AND"     \
    " deal_id = " x ".deal_id AND " x ".at <= closed_at;"

/* Migration 30: the open stages, the largest open value as kept and as counted from the
 * deals, and whether deal X (old or new) is open and may be the largest. */
#define SCALE_OPEN "('lead', 'qualified', 'meeting', 'proposal', 'negotiation')"
#define SCALE "(SELECT max_value FROM agenda_scale)"
#define SCALE_COUNT "(SELECT MAX(value_cents) FROM deals WHERE stage IN " SCALE_OPEN ")"
#define SCALE_REACHES(x) \
    "(" x ".stage IN " SCALE_OPEN " AND (" x ".value_cents >= " SCALE " OR " SCALE " IS NULL))"

/* Migration 33: contact_days and meeting_days per owner (the records' own owner_id; a
 * record with none is in no scope and not counted): fill, add record X (new.*), take it
 * away (old.*), and add SIGN times an account's activities under STYLE, each under its
 * owner. */
#define CONTACT_OWNER_COLUMNS "contact_owner_days (owner_id, day, style, two_way, n)"
#define CONTACT_OWNER_FILL                                                                     \
    "INSERT INTO " CONTACT_OWNER_COLUMNS " SELECT t.owner_id, SUBSTR(t.at, 1, 10), a.style, "   \
    TWO_WAY("t") ", COUNT(*) FROM activities t JOIN accounts a ON a.id = t.account_id"          \
    " WHERE t.direction IN ('in', 'out') AND t.owner_id IS NOT NULL GROUP BY 1, 2, 3, 4;"
#define CONTACT_OWNER_UPSERT                                                                   \
    " ON CONFLICT (owner_id, day, style, two_way) DO UPDATE SET n = contact_owner_days.n +"     \
    " excluded.n;"
#define CONTACT_OWNER_ADD(x)                                                                   \
    "INSERT INTO " CONTACT_OWNER_COLUMNS " SELECT " x ".owner_id, SUBSTR(" x ".at, 1, 10),"     \
    " a.style, " TWO_WAY(x) ", 1 FROM accounts a WHERE a.id = " x ".account_id AND " x          \
    ".direction IN ('in', 'out') AND " x ".owner_id IS NOT NULL" CONTACT_OWNER_UPSERT
#define CONTACT_OWNER_TAKE(x)                                                                  \
    "UPDATE contact_owner_days SET n = n - 1 WHERE " x ".direction IN ('in', 'out') AND"        \
    " owner_id = " x ".owner_id AND day = SUBSTR(" x ".at, 1, 10) AND two_way = " TWO_WAY(x)     \
    " AND style = (SELECT style FROM accounts WHERE id = " x ".account_id);"
#define CONTACT_OWNER_MOVE(style, sign)                                                        \
    "INSERT INTO " CONTACT_OWNER_COLUMNS " SELECT t.owner_id, SUBSTR(t.at, 1, 10), " style ", " \
    TWO_WAY("t") ", " sign " * COUNT(*) FROM activities t WHERE t.account_id = old.id AND"      \
    " t.direction IN ('in', 'out') AND t.owner_id IS NOT NULL GROUP BY 1, 2, 4"                 \
    CONTACT_OWNER_UPSERT
#define MEETING_OWNER_COLUMNS "meeting_owner_days (owner_id, day, kind, status, minutes, n)"
#define MEETING_OWNER_FILL                                                                     \
    "INSERT INTO " MEETING_OWNER_COLUMNS " SELECT owner_id, SUBSTR(at, 1, 10), kind, status,"   \
    " minutes, COUNT(*) FROM meetings WHERE owner_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5;"
#define MEETING_OWNER_ADD(x)                                                                   \
    "INSERT INTO " MEETING_OWNER_COLUMNS " SELECT " x ".owner_id, SUBSTR(" x ".at, 1, 10), " x  \
    ".kind, " x ".status, " x ".minutes, 1 WHERE " x ".owner_id IS NOT NULL ON CONFLICT"        \
    " (owner_id, day, kind, status, minutes) DO UPDATE SET n = meeting_owner_days.n + 1;"
#define MEETING_OWNER_TAKE(x)                                                                  \
    "UPDATE meeting_owner_days SET n = n - 1 WHERE owner_id = " x ".owner_id AND day ="         \
    " SUBSTR(" x ".at, 1, 10) AND kind = " x ".kind AND status = " x ".status AND minutes = "    \
    x ".minutes;"

const char *const rp_schema_sqlite[] = {
    /* 1: every record of the model */
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE accounts ("
    "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, industry TEXT, \"trigger\" TEXT,"
    "  need TEXT, urgency TEXT, style TEXT NOT NULL, risk TEXT, provider TEXT,"
    "  contract_ends TEXT, binding TEXT, status TEXT NOT NULL, hold_until TEXT,"
    "  hold_unless_inbound INTEGER NOT NULL DEFAULT 0, hold_reason TEXT, checkin_days INTEGER,"
    "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX accounts_hold ON accounts(hold_until) WHERE hold_until IS NOT NULL;"
    "CREATE INDEX accounts_checkin ON accounts(checkin_days) WHERE checkin_days IS NOT NULL;"
    "CREATE TABLE contacts ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL, title TEXT, email TEXT, phone TEXT, role TEXT NOT NULL,"
    "  \"primary\" INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE INDEX contacts_account ON contacts(account_id);"
    "CREATE TABLE deals ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  title TEXT NOT NULL, value_cents INTEGER NOT NULL DEFAULT 0, currency TEXT NOT NULL,"
    "  stage TEXT NOT NULL, decision_by TEXT, decision_process TEXT, competitor TEXT,"
    "  close_reason TEXT, close_note TEXT, hold_until TEXT, hold_reason TEXT,"
    "  opened_at TEXT NOT NULL, closed_at TEXT, updated_at TEXT NOT NULL);"
    "CREATE INDEX deals_account ON deals(account_id);"
    "CREATE INDEX deals_stage ON deals(stage);"
    "CREATE TABLE activities ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id INTEGER REFERENCES deals(id) ON DELETE CASCADE,"
    "  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
    "  kind TEXT NOT NULL, direction TEXT NOT NULL, outcome TEXT, at TEXT NOT NULL, text TEXT,"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX activities_account ON activities(account_id, at);"
    "CREATE INDEX activities_deal ON activities(deal_id, at);"
    "CREATE INDEX activities_contact ON activities(contact_id);"
    "CREATE TABLE agreements ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
    "  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
    "  made_on TEXT NOT NULL, due_on TEXT NOT NULL, note TEXT, status TEXT NOT NULL,"
    "  closed_at TEXT, created_at TEXT NOT NULL);"
    "CREATE INDEX agreements_deal ON agreements(deal_id, status);"
    "CREATE INDEX agreements_open ON agreements(due_on) WHERE status = 'open';"
    "CREATE INDEX agreements_contact ON agreements(contact_id);"
    "CREATE TABLE meetings ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
    "  at TEXT NOT NULL, minutes INTEGER NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,"
    "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX meetings_deal ON meetings(deal_id);"
    "CREATE INDEX meetings_status ON meetings(status, at);"
    "CREATE TABLE meeting_attendees ("
    "  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
    "  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (meeting_id, contact_id));"
    "CREATE INDEX meeting_attendees_contact ON meeting_attendees(contact_id);"
    "CREATE TABLE claims ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
    "  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
    "  text TEXT NOT NULL, status TEXT NOT NULL, note TEXT, created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE INDEX claims_deal ON claims(deal_id, status);"
    "CREATE INDEX claims_contact ON claims(contact_id);"
    "CREATE TABLE statements ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
    "  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
    "  text TEXT NOT NULL, at TEXT NOT NULL);"
    "CREATE INDEX statements_account ON statements(account_id, at);"
    "CREATE INDEX statements_deal ON statements(deal_id);"
    "CREATE INDEX statements_contact ON statements(contact_id);"
    "CREATE TABLE invoices ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  number TEXT, amount_cents INTEGER NOT NULL, currency TEXT NOT NULL,"
    "  due_on TEXT NOT NULL, paid_on TEXT, created_at TEXT NOT NULL);"
    "CREATE INDEX invoices_account ON invoices(account_id);"
    "CREATE INDEX invoices_unpaid ON invoices(due_on) WHERE paid_on IS NULL;"
    "CREATE TABLE pushes ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
    "  mode TEXT NOT NULL, sent_at TEXT NOT NULL, \"to\" TEXT, cc TEXT, subject TEXT,"
    "  body TEXT, outcome TEXT NOT NULL, competitor TEXT, reason TEXT, note TEXT,"
    "  outcome_at TEXT);"
    "CREATE INDEX pushes_deal ON pushes(deal_id);"
    "CREATE INDEX pushes_pending ON pushes(sent_at) WHERE outcome = 'pending';"
    "CREATE TABLE history ("
    "  id INTEGER PRIMARY KEY, entity TEXT NOT NULL, entity_id INTEGER NOT NULL,"
    "  field TEXT NOT NULL, \"from\" TEXT, \"to\" TEXT, reason TEXT, at TEXT NOT NULL);"
    "CREATE INDEX history_entity ON history(entity, entity_id);",

    /* 2: what the agenda needs without scanning every deal. deal_facts is derived from a
     * deal's records (core/facts.c refreshes a deal's row whenever they change), so each
     * agenda rule reads only the rows its partial index selects. */
    "CREATE TABLE deal_facts ("
    "  deal_id INTEGER PRIMARY KEY REFERENCES deals(id) ON DELETE CASCADE,"
    "  account_id INTEGER NOT NULL, stage TEXT NOT NULL, is_open INTEGER NOT NULL,"
    "  last_two_way_at TEXT, last_out_at TEXT, last_in_at TEXT,"
    "  quiet_touches INTEGER NOT NULL, first_quiet_touch_at TEXT,"
    "  open_agreements INTEGER NOT NULL, last_open_due TEXT, planned_meetings INTEGER NOT NULL,"
    "  unverified_claims INTEGER NOT NULL, pushes INTEGER NOT NULL, pending_push_at TEXT,"
    "  decision_contacts INTEGER NOT NULL, qualify_gaps INTEGER NOT NULL);"
    "CREATE INDEX deal_facts_account ON deal_facts(account_id);"
    "CREATE INDEX deal_facts_push ON deal_facts(first_quiet_touch_at)"
    "  WHERE is_open = 1 AND pushes = 0 AND quiet_touches > 0;"
    "CREATE INDEX deal_facts_next_step ON deal_facts(deal_id) WHERE is_open = 1 AND"
    "  open_agreements = 0 AND planned_meetings = 0 AND pending_push_at IS NULL;"
    "CREATE INDEX deal_facts_qualify ON deal_facts(deal_id) WHERE qualify_gaps <> 0;"
    "CREATE INDEX deal_facts_pending ON deal_facts(pending_push_at)"
    "  WHERE pending_push_at IS NOT NULL;"
    "CREATE INDEX deals_hold ON deals(hold_until) WHERE hold_until IS NOT NULL;"
    "CREATE INDEX deals_closed ON deals(stage, closed_at);"
    "CREATE INDEX deals_value ON deals(stage, value_cents);"
    "CREATE INDEX claims_unverified ON claims(deal_id) WHERE status = 'unverified';",

    /* 3: full-text search for recall and search. One FTS5 index over the text of seven
     * tables; a row's id is the record's id * 16 + its type (store.h, enum
     * rp_recall_type), so each trigger finds its row by id, and the view is the content
     * the index was built from ('rebuild', 'integrity-check'). unicode61 folds case and,
     * with remove_diacritics 2, accents: 'muller' finds 'Müller'. */
    "CREATE VIEW fulltext_source (rid, body, extra) AS"
    "  SELECT id * 16 + 1, text, NULL FROM statements"
    "  UNION ALL SELECT id * 16 + 2, text, note FROM claims"
    "  UNION ALL SELECT id * 16 + 3, text, NULL FROM activities"
    "  UNION ALL SELECT id * 16 + 4, note, NULL FROM agreements"
    "  UNION ALL SELECT id * 16 + 5, name, need FROM accounts"
    "  UNION ALL SELECT id * 16 + 6, name, NULL FROM contacts"
    "  UNION ALL SELECT id * 16 + 7, title, NULL FROM deals;"
    "CREATE VIRTUAL TABLE fulltext USING fts5(body, extra, content = 'fulltext_source',"
    "  content_rowid = 'rid', tokenize = 'unicode61 remove_diacritics 2');"
    "INSERT INTO fulltext (fulltext) VALUES ('rebuild');"
    FULLTEXT_SYNC("statements", "1", "text", "text", "NULL", "NULL")
    FULLTEXT_SYNC("claims", "2", "text, note", "text", "old.note", "new.note")
    FULLTEXT_SYNC("activities", "3", "text", "text", "NULL", "NULL")
    FULLTEXT_SYNC("agreements", "4", "note", "note", "NULL", "NULL")
    FULLTEXT_SYNC("accounts", "5", "name, need", "name", "old.need", "new.need")
    FULLTEXT_SYNC("contacts", "6", "name", "name", "NULL", "NULL")
    FULLTEXT_SYNC("deals", "7", "title", "title", "NULL", "NULL"),

    /* 4: the team: users with roles, their sessions and API tokens (stored as hashes only),
     * an audit log, and an owner for every account (what belongs to an account is its
     * owner's). */
    "CREATE TABLE users ("
    "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE,"
    "  role TEXT NOT NULL, team TEXT, disabled INTEGER NOT NULL DEFAULT 0,"
    "  password_hash TEXT, calendar_secret TEXT UNIQUE, created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE INDEX users_team ON users(team);"
    "CREATE TABLE sessions ("
    "  token_hash TEXT PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    "  csrf_token TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);"
    "CREATE INDEX sessions_user ON sessions(user_id);"
    "CREATE TABLE api_tokens ("
    "  id INTEGER PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    "  token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT);"
    "CREATE INDEX api_tokens_user ON api_tokens(user_id);"
    "CREATE TABLE audit_log ("
    "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id INTEGER, action TEXT NOT NULL,"
    "  entity TEXT, entity_id INTEGER, detail TEXT, address TEXT);"
    "CREATE INDEX audit_log_at ON audit_log(at);"
    "ALTER TABLE accounts ADD COLUMN owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL;"
    "CREATE INDEX accounts_owner ON accounts(owner_id);",

    /* 5: a deleted record's history goes with it. SQLite gives a new row the id after the
     * largest, so deleting the newest account freed its id, and the next account showed
     * the old one's history. Foreign-key cascades fire these triggers too. */
    HISTORY_GC("accounts", "account") HISTORY_GC("deals", "deal")
    HISTORY_GC("agreements", "agreement") HISTORY_GC("meetings", "meeting")
    HISTORY_GC("claims", "claim"),

    /* 6: every record carries its account's owner (set by the core, cascaded here when an
     * account changes hands), so that a user's agenda and lists read indexes that start
     * with the owner: the work grows with the user's own records, not the team's. */
    OWNER_COLUMN("contacts") OWNER_COLUMN("deals") OWNER_COLUMN("activities")
    OWNER_COLUMN("agreements") OWNER_COLUMN("meetings") OWNER_COLUMN("claims")
    OWNER_COLUMN("statements") OWNER_COLUMN("invoices") OWNER_COLUMN("pushes")
    OWNER_COLUMN("deal_facts")
    "CREATE TRIGGER accounts_owner_cascade AFTER UPDATE OF owner_id ON accounts BEGIN"
    OWNER_CASCADE("contacts") OWNER_CASCADE("deals") OWNER_CASCADE("activities")
    OWNER_CASCADE("agreements") OWNER_CASCADE("meetings") OWNER_CASCADE("claims")
    OWNER_CASCADE("statements") OWNER_CASCADE("invoices") OWNER_CASCADE("pushes")
    OWNER_CASCADE("deal_facts") " END;"
    "CREATE INDEX contacts_owner ON contacts(owner_id);"
    "CREATE INDEX deals_owner ON deals(owner_id, stage, closed_at);"
    "CREATE INDEX deals_owner_hold ON deals(owner_id, hold_until) WHERE hold_until IS NOT NULL;"
    "CREATE INDEX activities_owner ON activities(owner_id);"
    "CREATE INDEX agreements_owner_open ON agreements(owner_id, due_on) WHERE status = 'open';"
    "CREATE INDEX meetings_owner ON meetings(owner_id, status, at);"
    "CREATE INDEX meetings_account ON meetings(account_id);"
    "CREATE INDEX agreements_account ON agreements(account_id);"
    "CREATE INDEX claims_account ON claims(account_id);"
    "CREATE INDEX pushes_account ON pushes(account_id);"
    "CREATE INDEX claims_owner ON claims(owner_id);"
    "CREATE INDEX statements_owner ON statements(owner_id);"
    "CREATE INDEX invoices_owner_unpaid ON invoices(owner_id, due_on) WHERE paid_on IS NULL;"
    "CREATE INDEX pushes_owner_pending ON pushes(owner_id, sent_at) WHERE outcome = 'pending';"
    "CREATE INDEX accounts_owner_hold ON accounts(owner_id, hold_until)"
    "  WHERE hold_until IS NOT NULL;"
    "CREATE INDEX accounts_owner_checkin ON accounts(owner_id) WHERE checkin_days IS NOT NULL;"
    "CREATE INDEX deal_facts_owner_push ON deal_facts(owner_id, first_quiet_touch_at)"
    "  WHERE is_open = 1 AND pushes = 0 AND quiet_touches > 0;"
    "CREATE INDEX deal_facts_owner_next_step ON deal_facts(owner_id) WHERE is_open = 1 AND"
    "  open_agreements = 0 AND planned_meetings = 0 AND pending_push_at IS NULL;"
    "CREATE INDEX deal_facts_owner_qualify ON deal_facts(owner_id) WHERE qualify_gaps <> 0;"
    "CREATE INDEX deal_facts_claims ON deal_facts(deal_id)"
    "  WHERE is_open = 1 AND unverified_claims > 0;"
    "CREATE INDEX deal_facts_owner_claims ON deal_facts(owner_id)"
    "  WHERE is_open = 1 AND unverified_claims > 0;",

    /* 7: lists page by id (the API) or sort deals by when they opened or by value (the
     * command line), a user's own or everyone's, from an index in that order instead of
     * sorting every matching row for each page. */
    "CREATE INDEX deals_owner_id ON deals(owner_id);"
    "CREATE INDEX deals_owner_opened ON deals(owner_id, opened_at);"
    "CREATE INDEX deals_opened ON deals(opened_at);"
    "CREATE INDEX deals_owner_value ON deals(owner_id, value_cents DESC);"
    "CREATE INDEX deals_by_value ON deals(value_cents DESC);"
    "CREATE INDEX agreements_owner ON agreements(owner_id);"
    "CREATE INDEX meetings_owner_id ON meetings(owner_id);"
    "CREATE INDEX invoices_owner ON invoices(owner_id);",

    /* 8: the follow-up engine's second pass. Facts for the reminders that repeat until they
     * answer (the last touch), for the safety net of deals without two-way contact (quiet
     * since), and for meetings whose day has passed; indexes for missed calls to return and
     * for prospects whose current contract is about to end. Existing facts are filled in
     * here the way core/facts.c derives them. */
    "ALTER TABLE deal_facts ADD COLUMN last_touch_at TEXT;"
    "ALTER TABLE deal_facts ADD COLUMN quiet_since TEXT;"
    "ALTER TABLE deal_facts ADD COLUMN next_meeting_at TEXT;"
    "UPDATE deal_facts SET"
    "  quiet_since = MAX(COALESCE(last_two_way_at,"
    "    (SELECT opened_at FROM deals WHERE deals.id = deal_facts.deal_id)),"
    "    COALESCE((SELECT MAX(created_at) FROM agreements WHERE agreements.deal_id ="
    "    deal_facts.deal_id), '')),"
    "  next_meeting_at = (SELECT MAX(at) FROM meetings WHERE meetings.deal_id ="
    "    deal_facts.deal_id AND status = 'planned'),"
    "  last_touch_at = (SELECT MAX(at) FROM activities t WHERE (t.deal_id = deal_facts.deal_id"
    "    OR (t.account_id = deal_facts.account_id AND t.deal_id IS NULL))"
    "    AND t.direction = 'out' AND COALESCE(t.outcome, '') NOT IN ('connected', 'replied',"
    "    'held'));"
    "CREATE INDEX deal_facts_quiet ON deal_facts(quiet_since) WHERE is_open = 1;"
    "CREATE INDEX deal_facts_owner_quiet ON deal_facts(owner_id, quiet_since) WHERE is_open = 1;"
    "CREATE INDEX activities_missed ON activities(at)"
    "  WHERE direction = 'in' AND outcome IN ('no-answer', 'left-message');"
    "CREATE INDEX activities_owner_missed ON activities(owner_id, at)"
    "  WHERE direction = 'in' AND outcome IN ('no-answer', 'left-message');"
    "CREATE INDEX accounts_contract ON accounts(contract_ends)"
    "  WHERE contract_ends IS NOT NULL AND status = 'prospect';"
    "CREATE INDEX accounts_owner_contract ON accounts(owner_id, contract_ends)"
    "  WHERE contract_ends IS NOT NULL AND status = 'prospect';",

    /* 9: after the sale, next steps are agreed with the account itself: an agreement's deal
     * becomes optional. SQLite changes a column's constraint by building the table anew;
     * legacy renaming leaves the view and triggers that name the table alone (they name it
     * again once the new table has its name). */
    "PRAGMA legacy_alter_table = ON;"
    "CREATE TABLE agreements_new ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id INTEGER REFERENCES deals(id) ON DELETE CASCADE,"
    "  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
    "  made_on TEXT NOT NULL, due_on TEXT NOT NULL, note TEXT, status TEXT NOT NULL,"
    "  closed_at TEXT, created_at TEXT NOT NULL, owner_id INTEGER);"
    "INSERT INTO agreements_new (id, account_id, deal_id, contact_id, made_on, due_on, note,"
    "  status, closed_at, created_at, owner_id)"
    "  SELECT id, account_id, deal_id, contact_id, made_on, due_on, note, status, closed_at,"
    "  created_at, owner_id FROM agreements;"
    "DROP TABLE agreements;"
    "ALTER TABLE agreements_new RENAME TO agreements;"
    "PRAGMA legacy_alter_table = OFF;"
    "CREATE INDEX agreements_deal ON agreements(deal_id, status);"
    "CREATE INDEX agreements_open ON agreements(due_on) WHERE status = 'open';"
    "CREATE INDEX agreements_contact ON agreements(contact_id);"
    "CREATE INDEX agreements_owner_open ON agreements(owner_id, due_on) WHERE status = 'open';"
    "CREATE INDEX agreements_account ON agreements(account_id);"
    "CREATE INDEX agreements_owner ON agreements(owner_id);"
    FULLTEXT_SYNC("agreements", "4", "note", "note", "NULL", "NULL")
    HISTORY_GC("agreements", "agreement"),

    /* 10: correcting mistakes. A deal's hold may end when they get in touch, as an
     * account's does; a meeting remembers who asked to move it; a history line says which
     * user made the change (NULL: the local user); and the history of a deleted activity
     * or statement goes with it (migration 5), now that they can be edited and deleted. */
    "ALTER TABLE deals ADD COLUMN hold_unless_inbound INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE meetings ADD COLUMN rescheduled_by TEXT;"
    "ALTER TABLE history ADD COLUMN user_id INTEGER;"
    HISTORY_GC("activities", "activity") HISTORY_GC("statements", "statement"),

    /* 11: what an agreement is about, which a draft may quote ("the partner meeting");
     * the note stays private. */
    "ALTER TABLE agreements ADD COLUMN topic TEXT;",

    /* 12: the user's own draft templates, one per draft kind and persistence style; a
     * kind and style without a row uses the default compiled into Rapport. */
    "CREATE TABLE templates ("
    "  kind TEXT NOT NULL, style TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL, PRIMARY KEY (kind, style));",

    /* 13: e-mail addresses are unique whatever their case (ASCII folded, as the
     * lookups compare them); session expiry is looked up by time; API tokens may expire. */
    "CREATE UNIQUE INDEX users_email_folded ON users(email COLLATE NOCASE);"
    "CREATE INDEX sessions_expires ON sessions(expires_at);"
    "ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;",

    /* 14: working the agenda. An item snoozed, or dealt with until its next moment, stays
     * off the agenda before "until"; new two-way contact with the account cancels it. */
    "CREATE TABLE snoozes ("
    "  id INTEGER PRIMARY KEY, item TEXT NOT NULL,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id INTEGER REFERENCES deals(id) ON DELETE CASCADE,"
    "  reason TEXT NOT NULL, \"until\" TEXT NOT NULL, created_at TEXT NOT NULL,"
    "  cancelled_at TEXT, owner_id INTEGER);"
    "CREATE INDEX snoozes_active ON snoozes(\"until\") WHERE cancelled_at IS NULL;"
    "CREATE INDEX snoozes_owner_active ON snoozes(owner_id, \"until\")"
    "  WHERE cancelled_at IS NULL;"
    "CREATE INDEX snoozes_account ON snoozes(account_id) WHERE cancelled_at IS NULL;"
    "CREATE TRIGGER accounts_owner_snoozes AFTER UPDATE OF owner_id ON accounts BEGIN"
    OWNER_CASCADE("snoozes") " END;",

    /* 15: a late payment promised for a day waits for that day. */
    "ALTER TABLE invoices ADD COLUMN promised_on TEXT;",

    /* 16: account facts, so that the check-ins due are read through an index by day. */
    "CREATE TABLE account_facts ("
    "  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,"
    "  owner_id INTEGER, last_two_way_at TEXT, last_touch_at TEXT, checkin_due_on TEXT);"
    "CREATE INDEX account_facts_checkin ON account_facts(checkin_due_on)"
    "  WHERE checkin_due_on IS NOT NULL;"
    "CREATE INDEX account_facts_owner_checkin ON account_facts(owner_id, checkin_due_on)"
    "  WHERE checkin_due_on IS NOT NULL;"
    "CREATE TRIGGER accounts_owner_account_facts AFTER UPDATE OF owner_id ON accounts BEGIN"
    " UPDATE account_facts SET owner_id = new.owner_id WHERE account_id = new.id; END;"
    ACCOUNT_FACTS_FILL("1 = 1") ";",

    /* 17: failed logins per key (an account or a client address) in the window that began
     * at "since", kept in the database so that every server counts them together. */
    "CREATE TABLE login_failures ("
    "  key TEXT PRIMARY KEY, since TEXT NOT NULL, failures INTEGER NOT NULL);"
    "CREATE INDEX login_failures_since ON login_failures(since);",

    /* 18: the reports read only indexes: closed and open deals with what their figures
     * need (by stage, and by account: the account index grows), a deal's outbound activities by time, meetings by
     * what they are counted by, and the open deals with no next step
     * (docs/internals/reports.md). */
    "CREATE INDEX deals_closed_report ON deals(stage, closed_at, currency, value_cents,"
    "  opened_at, account_id, close_reason, competitor);"
    "CREATE INDEX deals_open_report ON deals(stage, opened_at, currency, value_cents);"
    "DROP INDEX deals_account;"
    "CREATE INDEX deals_account ON deals(account_id, stage, closed_at, opened_at);"
    "CREATE INDEX activities_deal_out ON activities(deal_id, direction, at);"
    "CREATE INDEX meetings_report ON meetings(kind, status, minutes, at);"
    "CREATE INDEX deal_facts_no_next_step ON deal_facts(deal_id)"
    "  WHERE is_open = 1 AND open_agreements = 0 AND planned_meetings = 0;",
    /* 19: the activity report's contacts, counted per UTC day, account style and whether
     * they were two-way (inbound, or outbound that reached them; store_report.c), so that
     * the whole book's report reads a few thousand rows instead of every activity, and the
     * parts of days at the ends of a range through activities_at. Kept by
     * the triggers below through every way of writing: an activity added, changed or
     * deleted, an account's style changed, an account deleted (before its activities go,
     * whose own trigger then finds no account). */
    "CREATE INDEX activities_at ON activities(at, direction, outcome, account_id);"
    "CREATE TABLE contact_days ("
    "  day TEXT NOT NULL, style TEXT NOT NULL, two_way INTEGER NOT NULL, n INTEGER NOT NULL,"
    "  PRIMARY KEY (day, style, two_way));"
    CONTACT_DAYS_FILL
    "CREATE TRIGGER activities_rollup_insert AFTER INSERT ON activities"
    "  WHEN new.direction IN ('in', 'out') BEGIN " CONTACT_DAYS_ADD("new") " END;"
    "CREATE TRIGGER activities_rollup_delete AFTER DELETE ON activities"
    "  WHEN old.direction IN ('in', 'out') BEGIN " CONTACT_DAYS_TAKE("old") " END;"
    "CREATE TRIGGER activities_rollup_update AFTER UPDATE OF at, direction, outcome, account_id"
    "  ON activities BEGIN " CONTACT_DAYS_TAKE("old") CONTACT_DAYS_ADD("new") " END;"
    "CREATE TRIGGER accounts_rollup_style AFTER UPDATE OF style ON accounts"
    "  WHEN old.style IS NOT new.style BEGIN " CONTACT_DAYS_MOVE("new.style", "1")
    CONTACT_DAYS_MOVE("old.style", "-1") " END;"
    "CREATE TRIGGER accounts_rollup_delete BEFORE DELETE ON accounts BEGIN "
    CONTACT_DAYS_MOVE("old.style", "-1") " END;",
    /* 20: PostgreSQL's insert triggers made statement triggers (schema_pg.c); nothing to
     * do here. */
    "SELECT 1;",
    /* 21: the win/loss report's closed deals in the order of its groups (stage, currency,
     * competitor, reason), with the close time and value, so that one index-only pass
     * gives its outcomes, reasons and competitors without sorting the deals; and the
     * deals of a stage by id with their close time (the activity report's won deals, in
     * the order of their activities in activities_deal_out), in the same order as the
     * index on the stage alone that it replaces. */
    "CREATE INDEX deals_close_groups ON deals(stage, currency, competitor, close_reason,"
    "  closed_at, value_cents);"
    "DROP INDEX deals_stage;"
    "CREATE INDEX deals_stage ON deals(stage, id, closed_at);"
    /* The win/loss report's days to close by trigger for the whole book read every
     * closed deal with its account's trigger: closed_deals holds them side by side, so
     * that the report reads one narrow table instead of looking up an account for every
     * deal (store_report.c). Kept by the triggers below through every way of writing: a
     * deal added, deleted (with its account, too) or changed (stage, dates, account: a
     * merge moves deals), an account's trigger changed. */
    "CREATE TABLE closed_deals ("
    "  deal_id INTEGER PRIMARY KEY, \"trigger\" TEXT, stage TEXT NOT NULL,"
    "  opened_at TEXT NOT NULL, closed_at TEXT);"
    CLOSED_DEALS_FILL
    "CREATE TRIGGER deals_rollup_insert AFTER INSERT ON deals BEGIN " CLOSED_DEALS_ADD " END;"
    "CREATE TRIGGER deals_rollup_delete AFTER DELETE ON deals BEGIN"
    "  DELETE FROM closed_deals WHERE deal_id = old.id; END;"
    "CREATE TRIGGER deals_rollup_update AFTER UPDATE OF stage, opened_at, closed_at, account_id"
    "  ON deals BEGIN DELETE FROM closed_deals WHERE deal_id = old.id; " CLOSED_DEALS_ADD " END;"
    "CREATE TRIGGER accounts_rollup_trigger AFTER UPDATE OF \"trigger\" ON accounts"
    "  WHEN old.\"trigger\" IS NOT new.\"trigger\" BEGIN UPDATE closed_deals SET \"trigger\" ="
    "  new.\"trigger\" WHERE deal_id IN (SELECT id FROM deals WHERE account_id = new.id); END;"
    /* The activity report's meetings for the whole book, counted per UTC day, kind,
     * status and length, as contact_days counts contacts (migration 19), in the order of
     * the report's groups; kept by the triggers below: a meeting added, deleted (with its
     * deal or account, too) or changed. */
    "CREATE TABLE meeting_days ("
    "  kind TEXT NOT NULL, status TEXT NOT NULL, minutes INTEGER NOT NULL, day TEXT NOT NULL,"
    "  n INTEGER NOT NULL, PRIMARY KEY (kind, status, minutes, day)) WITHOUT ROWID;"
    MEETING_DAYS_FILL
    "CREATE TRIGGER meetings_rollup_insert AFTER INSERT ON meetings BEGIN "
    MEETING_DAYS_ADD("new") " END;"
    "CREATE TRIGGER meetings_rollup_delete AFTER DELETE ON meetings BEGIN "
    MEETING_DAYS_TAKE("old") " END;"
    "CREATE TRIGGER meetings_rollup_update AFTER UPDATE OF at, kind, status, minutes ON meetings"
    "  BEGIN " MEETING_DAYS_TAKE("old") MEETING_DAYS_ADD("new") " END;",
    /* 22: kept agendas. A change counter per owner (0: everyone's, for what every agenda
     * reads: settings, templates, users, and records without an owner), counted up by
     * triggers on every table the agenda reads, whoever writes; and each user's agenda as
     * last made, with the sum of the counters of its scope and the largest open deal value
     * (the deal score's scale) it was made at. An agenda kept is answered again while both
     * stand (core/agenda_keep.c). */
    "CREATE TABLE agenda_marks (owner_id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
    "CREATE TABLE kept_agendas ("
    "  user_id INTEGER NOT NULL, day TEXT NOT NULL, days INTEGER NOT NULL, tz TEXT NOT NULL,"
    "  marks INTEGER NOT NULL, max_value INTEGER NOT NULL, body TEXT NOT NULL,"
    "  PRIMARY KEY (user_id, day, days, tz));"
    AGENDA_MARKS_OWNED("accounts") AGENDA_MARKS_OWNED("contacts") AGENDA_MARKS_OWNED("deals")
    AGENDA_MARKS_OWNED("activities") AGENDA_MARKS_OWNED("agreements")
    AGENDA_MARKS_OWNED("meetings") AGENDA_MARKS_OWNED("claims") AGENDA_MARKS_OWNED("statements")
    AGENDA_MARKS_OWNED("invoices") AGENDA_MARKS_OWNED("pushes") AGENDA_MARKS_OWNED("snoozes")
    AGENDA_MARKS_OWNED("deal_facts") AGENDA_MARKS_OWNED("account_facts")
    "CREATE TRIGGER meeting_attendees_agenda_insert AFTER INSERT ON meeting_attendees BEGIN "
    AGENDA_MARK("(SELECT owner_id FROM meetings WHERE id = new.meeting_id)") " END;"
    "CREATE TRIGGER meeting_attendees_agenda_delete AFTER DELETE ON meeting_attendees BEGIN "
    AGENDA_MARK("(SELECT owner_id FROM meetings WHERE id = old.meeting_id)") " END;"
    "CREATE TRIGGER meeting_attendees_agenda_update AFTER UPDATE ON meeting_attendees BEGIN "
    AGENDA_MARK("(SELECT owner_id FROM meetings WHERE id = old.meeting_id)")
    AGENDA_MARK("(SELECT owner_id FROM meetings WHERE id = new.meeting_id)") " END;"
    AGENDA_MARKS_ALL("settings", "") AGENDA_MARKS_ALL("templates", "")
    AGENDA_MARKS_ALL("users", " OF name, email, role, team, disabled"),
    /* 23: kept pages. A page of records (GET /api/v1/accounts and the other collections
     * whose records have an owner) as last made for a scope (a user: 0 for everyone's, with
     * the team of a manager) and a query (its kind, filters, cursor and size), with the
     * sum of the agenda change counters of the scope and everyone's counter alone (which
     * counts every change of who is in a team) that it was made at: answered again while
     * both stand (core/page_keep.c). The most recently made of each scope are kept. */
    "CREATE TABLE kept_pages ("
    "  scope_user INTEGER NOT NULL, scope_team TEXT NOT NULL, query TEXT NOT NULL,"
    "  made INTEGER NOT NULL, marks INTEGER NOT NULL, everyone INTEGER NOT NULL,"
    "  body TEXT NOT NULL, PRIMARY KEY (scope_user, scope_team, query));"
    "CREATE INDEX kept_pages_made ON kept_pages(scope_user, scope_team, made);"
    /* A kept agenda's stamp gets everyone's counter alone too (see struct rp_page_stamp):
     * the agendas kept before it are made again. */
    "DELETE FROM kept_agendas;"
    "ALTER TABLE kept_agendas ADD COLUMN everyone INTEGER NOT NULL DEFAULT 0;",
    /* 24: the win/loss report's closed deals counted per UTC day of closing in its groups
     * (stage, currency, competitor as written, reason) with their value, so that the whole
     * book's report reads a few thousand rows instead of every closed deal, and the parts of
     * days at the ends of a range through deals_closed_at; and each won deal's outbound
     * activities up to its close (the activity report's touches), so that it reads one row
     * per won deal instead of counting each one's activities. Kept by the triggers below
     * through every way of writing: a deal added, deleted (with its account, too) or
     * changed (stage, currency, competitor, reason, close time, value), an activity added,
     * deleted (with its deal or account) or changed (deal, direction, time). The push
     * report's pushes by outcome, from an index that holds all it reads of them. */
    "CREATE INDEX deals_closed_at ON deals(closed_at);"
    "CREATE INDEX pushes_report ON pushes(outcome, sent_at, outcome_at, owner_id);"
    "CREATE TABLE closed_days ("
    "  stage TEXT NOT NULL, currency TEXT NOT NULL, competitor TEXT NOT NULL,"
    "  has_competitor INTEGER NOT NULL, close_reason TEXT NOT NULL, has_reason INTEGER NOT NULL,"
    "  day TEXT NOT NULL, n INTEGER NOT NULL, value_high INTEGER NOT NULL,"
    "  value_low INTEGER NOT NULL, PRIMARY KEY (" RP_SQL_CLOSED_DAYS_KEY ")) WITHOUT ROWID;"
    CLOSED_DAYS_FILL
    "CREATE TRIGGER deals_rollup_close_insert AFTER INSERT ON deals BEGIN " CLOSED_DAYS_ADD
    " END;"
    "CREATE TRIGGER deals_rollup_close_delete AFTER DELETE ON deals BEGIN " CLOSED_DAYS_TAKE
    " END;"
    "CREATE TRIGGER deals_rollup_close_update AFTER UPDATE OF stage, currency, competitor,"
    "  close_reason, closed_at, value_cents ON deals BEGIN " CLOSED_DAYS_TAKE CLOSED_DAYS_ADD
    " END;"
    "CREATE TABLE won_touches ("
    "  deal_id INTEGER PRIMARY KEY, closed_at TEXT, touches INTEGER NOT NULL);"
    "CREATE INDEX won_touches_closed ON won_touches(closed_at, touches);"
    WON_TOUCHES_FILL
    "CREATE TRIGGER deals_rollup_won_insert AFTER INSERT ON deals BEGIN " WON_TOUCHES_ADD
    " END;"
    "CREATE TRIGGER deals_rollup_won_delete AFTER DELETE ON deals BEGIN"
    "  DELETE FROM won_touches WHERE deal_id = old.id; END;"
    "CREATE TRIGGER deals_rollup_won_update AFTER UPDATE OF stage, closed_at ON deals BEGIN"
    "  DELETE FROM won_touches WHERE deal_id = old.id; " WON_TOUCHES_ADD " END;"
    "CREATE TRIGGER activities_rollup_touch_insert AFTER INSERT ON activities BEGIN "
    WON_TOUCHES_COUNT_ONE("new", "+") " END;"
    "CREATE TRIGGER activities_rollup_touch_delete AFTER DELETE ON activities BEGIN "
    WON_TOUCHES_COUNT_ONE("old", "-") " END;"
    "CREATE TRIGGER activities_rollup_touch_update AFTER UPDATE OF deal_id, direction, at"
    "  ON activities BEGIN " WON_TOUCHES_COUNT_ONE("old", "-") WON_TOUCHES_COUNT_ONE("new", "+")
    " END;",
    /* 25: the count of commits that changed anything, by every program: each write
     * transaction counts itself up once at its commit (store.c), so that a server that
     * sees the database move can tell whether the commits since were all its own
     * (http/cache.c). */
    "CREATE TABLE rp_commits (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);"
    "INSERT INTO rp_commits (id, n) VALUES (1, 0);",
    /* 26: the thank-you cards sent to each account by day, so that the agenda's deals won
     * lately look up whether a card went out since without reading the account's other
     * activities. */
    "CREATE INDEX activities_cards ON activities(account_id, at) WHERE kind = 'card';",
    /* 27: kept agendas in parts, one per owner (0: the records without one): the items a
     * user's agenda holds from one owner's records, for the agenda's user, first day,
     * number of days and zone, with the owner's change counter, everyone's and the largest
     * open value it was made at; BUILT counts how often it was made. A user's agenda is the
     * merge of the parts of the owners in their scope (core/agenda_keep.c). */
    "CREATE TABLE kept_parts ("
    "  user_id INTEGER NOT NULL, day TEXT NOT NULL, days INTEGER NOT NULL, tz TEXT NOT NULL,"
    "  owner_id INTEGER NOT NULL, marks INTEGER NOT NULL, everyone INTEGER NOT NULL,"
    "  max_value INTEGER NOT NULL, built INTEGER NOT NULL, body TEXT NOT NULL,"
    "  PRIMARY KEY (user_id, day, days, tz, owner_id));",
    /* 28: the agenda made afresh reads fewer pages. The prospects whose contract ends are
     * read from an index of only those the rule asks about (trigger contract-ending), with
     * every column it reads, so that no account row is read; whether such an account has a
     * deal open, from an index of the open deals alone. The sets of open deals that are
     * outreach alone (gone quiet, no next step, claims to verify, qualification) test the
     * pending push and the last touch (and the conversation set up ahead) from their
     * index, so that a deal's facts row is read only when those let it through. */
    "DROP INDEX accounts_contract;"
    "DROP INDEX accounts_owner_contract;"
    "CREATE INDEX accounts_contract_ending ON accounts(contract_ends, name, \"trigger\","
    "  urgency, style, hold_until, status, provider) WHERE contract_ends IS NOT NULL AND"
    "  status = 'prospect' AND \"trigger\" = 'contract-ending';"
    "CREATE INDEX accounts_owner_contract_ending ON accounts(owner_id, contract_ends, name,"
    "  \"trigger\", urgency, style, hold_until, status, provider) WHERE contract_ends IS NOT"
    "  NULL AND status = 'prospect' AND \"trigger\" = 'contract-ending';"
    "CREATE INDEX deals_open_account ON deals(account_id, stage)"
    "  WHERE stage IN ('lead', 'qualified', 'meeting', 'proposal', 'negotiation');"
    "DROP INDEX deal_facts_quiet;"
    "CREATE INDEX deal_facts_quiet ON deal_facts(quiet_since, pending_push_at, last_touch_at)"
    "  WHERE is_open = 1;"
    "DROP INDEX deal_facts_no_next_step;"
    "CREATE INDEX deal_facts_no_next_step ON deal_facts(pending_push_at, last_touch_at)"
    "  WHERE is_open = 1 AND open_agreements = 0 AND planned_meetings = 0;"
    "DROP INDEX deal_facts_claims;"
    "CREATE INDEX deal_facts_claims ON deal_facts(pending_push_at, last_touch_at,"
    "  last_open_due, next_meeting_at) WHERE is_open = 1 AND unverified_claims > 0;"
    "DROP INDEX deal_facts_qualify;"
    "CREATE INDEX deal_facts_qualify ON deal_facts(pending_push_at, last_touch_at,"
    "  last_open_due, next_meeting_at) WHERE qualify_gaps <> 0;",
    /* 29: PostgreSQL's agenda counters and roll-ups of new rows counted per statement, and
     * its full text's punctuation taken out faster (schema_pg.c); nothing to do here. */
    "SELECT 1;",
    /* 30: the largest open deal value (the deal scores' scale, in every kept agenda's
     * stamp) kept in one row, so that an agenda's stamp reads no deal: PostgreSQL plans a
     * statement that reads deals with every one of its indexes, which was most of a kept
     * agenda's time for a command. A new deal can only raise it; a deal changed (its stage
     * or value) or deleted that was or may now be the largest has it counted again (a
     * step down deals_value per open stage); no other can change it. NULL: no open deal
     * has a value. */
    "CREATE TABLE agenda_scale (id INTEGER PRIMARY KEY CHECK (id = 1), max_value INTEGER);"
    "INSERT INTO agenda_scale (id, max_value) VALUES (1, " SCALE_COUNT ");"
    "CREATE TRIGGER deals_scale_insert AFTER INSERT ON deals WHEN new.stage IN " SCALE_OPEN
    " AND (new.value_cents > " SCALE " OR " SCALE " IS NULL) BEGIN"
    " UPDATE agenda_scale SET max_value = new.value_cents; END;"
    "CREATE TRIGGER deals_scale_update AFTER UPDATE OF stage, value_cents ON deals WHEN"
    " (old.stage IS NOT new.stage OR old.value_cents IS NOT new.value_cents) AND"
    " (" SCALE_REACHES("old") " OR " SCALE_REACHES("new") ") BEGIN"
    " UPDATE agenda_scale SET max_value = " SCALE_COUNT "; END;"
    "CREATE TRIGGER deals_scale_delete AFTER DELETE ON deals WHEN " SCALE_REACHES("old")
    " BEGIN UPDATE agenda_scale SET max_value = " SCALE_COUNT "; END;",
    /* 31: the sets of open deals that are outreach alone test their account's hold and
     * their owner from their index too (the facts' account_id and owner_id), so that a deal
     * whose account is on hold, or outside a manager's team, costs neither its facts row nor
     * its deal row; and the pending pushes, the deal of each from pushes_report, so that a
     * push neither answered nor old enough to count as ignored is left out without its row
     * being read (store_agenda.c). */
    "DROP INDEX deal_facts_quiet;"
    "CREATE INDEX deal_facts_quiet ON deal_facts(quiet_since, pending_push_at, last_touch_at,"
    "  account_id, owner_id) WHERE is_open = 1;"
    "DROP INDEX deal_facts_no_next_step;"
    "CREATE INDEX deal_facts_no_next_step ON deal_facts(pending_push_at, last_touch_at,"
    "  account_id, owner_id) WHERE is_open = 1 AND open_agreements = 0 AND planned_meetings = 0;"
    "DROP INDEX deal_facts_claims;"
    "CREATE INDEX deal_facts_claims ON deal_facts(pending_push_at, last_touch_at,"
    "  last_open_due, next_meeting_at, account_id, owner_id) WHERE is_open = 1 AND"
    "  unverified_claims > 0;"
    "DROP INDEX deal_facts_qualify;"
    "CREATE INDEX deal_facts_qualify ON deal_facts(pending_push_at, last_touch_at,"
    "  last_open_due, next_meeting_at, account_id, owner_id) WHERE qualify_gaps <> 0;"
    "DROP INDEX pushes_report;"
    "CREATE INDEX pushes_report ON pushes(outcome, sent_at, outcome_at, owner_id, deal_id);",
    /* 32: PostgreSQL's indexes by owner made to hold the id after it (schema_pg.c); here
     * every index holds the rowid after its columns already: nothing to do. */
    "SELECT 1;",
    /* 33: the activity report's contacts and meetings counted per owner too (the records'
     * owner_id), as contact_days and meeting_days count them for the whole book, so that a
     * rep's or a team's report reads a few rows per owner and UTC day from an index that
     * begins with the owner, instead of each of their activities joined to its account for
     * the style. Kept by the triggers below through every way of writing: a record added,
     * deleted or changed (also its owner: an account that changes hands moves its records,
     * a merge moves them to another account), an account's style changed (before the
     * change, so that the activities still have the owner they are counted under, should
     * the owner change in the same statement) or the account deleted (before its
     * activities go, whose own trigger then finds no account). */
    "CREATE TABLE contact_owner_days ("
    "  owner_id INTEGER NOT NULL, day TEXT NOT NULL, style TEXT NOT NULL,"
    "  two_way INTEGER NOT NULL, n INTEGER NOT NULL,"
    "  PRIMARY KEY (owner_id, day, style, two_way)) WITHOUT ROWID;"
    CONTACT_OWNER_FILL
    "CREATE TRIGGER activities_rollup_owner_insert AFTER INSERT ON activities"
    "  WHEN new.direction IN ('in', 'out') BEGIN " CONTACT_OWNER_ADD("new") " END;"
    "CREATE TRIGGER activities_rollup_owner_delete AFTER DELETE ON activities"
    "  WHEN old.direction IN ('in', 'out') BEGIN " CONTACT_OWNER_TAKE("old") " END;"
    "CREATE TRIGGER activities_rollup_owner_update AFTER UPDATE OF at, direction, outcome,"
    "  account_id, owner_id ON activities BEGIN " CONTACT_OWNER_TAKE("old")
    CONTACT_OWNER_ADD("new") " END;"
    "CREATE TRIGGER accounts_rollup_owner_style BEFORE UPDATE OF style ON accounts"
    "  WHEN old.style IS NOT new.style BEGIN " CONTACT_OWNER_MOVE("new.style", "1")
    CONTACT_OWNER_MOVE("old.style", "-1") " END;"
    "CREATE TRIGGER accounts_rollup_owner_delete BEFORE DELETE ON accounts BEGIN "
    CONTACT_OWNER_MOVE("old.style", "-1") " END;"
    "CREATE TABLE meeting_owner_days ("
    "  owner_id INTEGER NOT NULL, day TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,"
    "  minutes INTEGER NOT NULL, n INTEGER NOT NULL,"
    "  PRIMARY KEY (owner_id, day, kind, status, minutes)) WITHOUT ROWID;"
    MEETING_OWNER_FILL
    "CREATE TRIGGER meetings_rollup_owner_insert AFTER INSERT ON meetings BEGIN "
    MEETING_OWNER_ADD("new") " END;"
    "CREATE TRIGGER meetings_rollup_owner_delete AFTER DELETE ON meetings BEGIN "
    MEETING_OWNER_TAKE("old") " END;"
    "CREATE TRIGGER meetings_rollup_owner_update AFTER UPDATE OF at, kind, status, minutes,"
    "  owner_id ON meetings BEGIN " MEETING_OWNER_TAKE("old") MEETING_OWNER_ADD("new") " END;",
    /* 34: what each commit of a server changed, numbered by the commit (rp_commits), in
     * its transaction: any server that sees the database move reads the changes since it
     * last looked and drops only the answers they may touch (http/cache.c), where before
     * another server's commit dropped them all. WHAT, the user BY (id, role, team) and the
     * credential are the server's own (http/cache.c); a commit that wrote no row (the
     * command line's) may have changed anything. The last 1024 commits' rows are kept
     * (store.c). */
    "CREATE TABLE rp_changes ("
    "  n INTEGER NOT NULL, what INTEGER NOT NULL, user_id INTEGER NOT NULL,"
    "  role TEXT NOT NULL, team TEXT NOT NULL, credential INTEGER NOT NULL);"
    "CREATE INDEX rp_changes_n ON rp_changes(n);",
    NULL,
};

/* The same fill for the accounts with ids from parameter 1 to parameter 2. */
const char rp_account_facts_sqlite[] = ACCOUNT_FACTS_FILL("a.id BETWEEN ? AND ?");

/* The roll-ups counted again from their records, after a bulk load that set their
 * triggers (named TABLE_rollup_*) aside: store_bulk.c. */
const char rp_schema_sqlite_rollups[] =
    "DELETE FROM contact_days;" CONTACT_DAYS_FILL "DELETE FROM closed_deals;" CLOSED_DEALS_FILL
    "DELETE FROM meeting_days;" MEETING_DAYS_FILL "DELETE FROM closed_days;" CLOSED_DAYS_FILL
    "DELETE FROM won_touches;" WON_TOUCHES_FILL "DELETE FROM contact_owner_days;"
    CONTACT_OWNER_FILL "DELETE FROM meeting_owner_days;" MEETING_OWNER_FILL;
/* clang-format on */
