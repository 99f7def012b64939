/* The PostgreSQL schema: the migrations of schema_sqlite.c, numbered alike and meaning the
 * same, in PostgreSQL's dialect. Never edit a migration that has shipped: add the next one,
 * here and in schema_sqlite.c under the same number. Integers are BIGINT (SQLite's are 64
 * bits), ids identity columns, triggers call functions; dates and instants are text as in
 * SQLite, compared as strings (the database's collation must be C: docs/deploy.md). */
#include <stddef.h>

/* The SQL below is laid out by hand, as the statements read best. */
/* clang-format off */
#include "store/sql_rules.h"

/* The triggers that keep the full-text index (migration 3) in step with TABLE: its rows
 * are indexed under id * 16 + CODE with columns BODY and EXTRA; COLS are the columns an
 * update must set to matter. */
#define FULLTEXT_SYNC(table, code, cols, body_extra)                                         \
    "CREATE TRIGGER " table "_fulltext_change AFTER INSERT OR DELETE OR UPDATE OF " cols      \
    " ON " table " FOR EACH ROW EXECUTE FUNCTION rp_fulltext_sync(" code ", " body_extra ");"

/* Migration 20: TABLE's full text indexed once per INSERT statement, from all its new rows
 * (DOC: the arguments of rp_fulltext_doc), and the row trigger kept for updates and
 * deletes. */
#define FULLTEXT_NEW(table, code, cols, doc, body_extra)                                     \
    "CREATE FUNCTION rp_fulltext_new_" table "() RETURNS trigger LANGUAGE plpgsql AS $$"       \
    " BEGIN INSERT INTO fulltext (rid, doc) SELECT id * 16 + " code ", rp_fulltext_doc("      \
    doc ") FROM new_rows; RETURN NULL; END $$;"                                               \
    "DROP TRIGGER " table "_fulltext_change ON " table ";"                                   \
    "CREATE TRIGGER " table "_fulltext_change AFTER DELETE OR UPDATE OF " cols " ON " table  \
    " FOR EACH ROW EXECUTE FUNCTION rp_fulltext_sync(" code ", " body_extra ");"              \
    "CREATE TRIGGER " table "_fulltext_new AFTER INSERT ON " table                            \
    " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"                                   \
    " EXECUTE FUNCTION rp_fulltext_new_" table "();"

/* Migration 29: TABLE's agenda change counters counted once per INSERT statement, by
 * owner, from all its new rows (FUNC: the function that counts them), and the row trigger
 * kept for updates and deletes. */
#define AGENDA_NEW(table, func)                                                              \
    "DROP TRIGGER " table "_agenda ON " table ";"                                            \
    "CREATE TRIGGER " table "_agenda AFTER UPDATE OR DELETE ON " table " FOR EACH ROW"       \
    " EXECUTE FUNCTION " func "();"                                                          \
    "CREATE TRIGGER " table "_agenda_new AFTER INSERT ON " table                             \
    " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION " func "_new();"

/* The trigger that deletes the history of a deleted row of TABLE (kind ENTITY). */
#define HISTORY_GC(table, entity)                                                            \
    "CREATE TRIGGER " table "_history_gc AFTER DELETE ON " table                              \
    " FOR EACH ROW EXECUTE FUNCTION rp_history_gc('" entity "');"

/* Migration 6: a table's owner_id column, filled from its account. */
#define OWNER_COLUMN(t)                                                                        \
    "ALTER TABLE " t " ADD COLUMN owner_id BIGINT;"                                            \
    "UPDATE " t " SET owner_id = (SELECT owner_id FROM accounts WHERE accounts.id = "          \
    t ".account_id);"
#define OWNER_CASCADE(t) " UPDATE " t " SET owner_id = NEW.owner_id WHERE account_id = NEW.id;"
/* Migration 32: index NAME of table T by owner, made again by owner and id. */
#define OWNER_ID_INDEX(name, t)                                                                \
    "DROP INDEX " name ";CREATE INDEX " name " ON " t "(owner_id, id);"

#define ACCOUNT_FACTS_DUE                                                                      \
    "to_char(CAST(substr(two_way, 1, 10) AS date) + CAST(checkin_days - 1 AS integer), "        \
    "'YYYY-MM-DD')"
/* Account facts (migration 16): sql_rules.h, with this engine's date arithmetic. */
#define ACCOUNT_FACTS_FILL(RANGE) RP_SQL_ACCOUNT_FACTS_FILL(ACCOUNT_FACTS_DUE, RANGE)

/* Migration 30: the open stages, and the largest open value counted from the deals (one
 * step down deals_value per stage: PostgreSQL reads stage IN (...) through it in full). */
#define SCALE_OPEN "('lead', 'qualified', 'meeting', 'proposal', 'negotiation')"
#define SCALE_COUNT                                                                            \
    "(SELECT MAX((SELECT MAX(value_cents) FROM deals WHERE deals.stage = open_stages.stage))"  \
    " FROM (VALUES ('lead'), ('qualified'), ('meeting'), ('proposal'), ('negotiation'))"      \
    " AS open_stages (stage))"

const char *const rp_schema_pg[] = {
    /* 1: every record of the model, and rp_sync_ids(), which moves each identity past
     * the largest id after a bulk load has chosen ids itself (store_bulk.c). */
    "CREATE FUNCTION rp_sync_ids() RETURNS void LANGUAGE plpgsql AS $$"
    " DECLARE r record; BEGIN"
    " FOR r IN SELECT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
    "   JOIN pg_namespace n ON n.oid = c.relnamespace"
    "   WHERE a.attname = 'id' AND a.attidentity <> '' AND n.nspname = current_schema() LOOP"
    "   EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''),"
    "     COALESCE(MAX(id), 0) + 1, false) FROM %I', r.relname, r.relname);"
    " END LOOP; END $$;"
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE accounts ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name TEXT NOT NULL, industry TEXT, \"trigger\" TEXT,"
    "  need TEXT, urgency TEXT, style TEXT NOT NULL, risk TEXT, provider TEXT,"
    "  contract_ends TEXT, binding TEXT, status TEXT NOT NULL, hold_until TEXT,"
    "  hold_unless_inbound BIGINT NOT NULL DEFAULT 0, hold_reason TEXT, checkin_days BIGINT,"
    "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX accounts_hold ON accounts(hold_until) WHERE hold_until IS NOT NULL;"
    "CREATE INDEX accounts_checkin ON accounts(checkin_days) WHERE checkin_days IS NOT NULL;"
    "CREATE TABLE contacts ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL, title TEXT, email TEXT, phone TEXT, role TEXT NOT NULL,"
    "  \"primary\" BIGINT NOT NULL DEFAULT 0, created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE INDEX contacts_account ON contacts(account_id);"
    "CREATE TABLE deals ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  title TEXT NOT NULL, value_cents BIGINT NOT NULL DEFAULT 0, currency TEXT NOT NULL,"
    "  stage TEXT NOT NULL, decision_by TEXT, decision_process TEXT, competitor TEXT,"
    "  close_reason TEXT, close_note TEXT, hold_until TEXT, hold_reason TEXT,"
    "  opened_at TEXT NOT NULL, closed_at TEXT, updated_at TEXT NOT NULL);"
    "CREATE INDEX deals_account ON deals(account_id);"
    "CREATE INDEX deals_stage ON deals(stage);"
    "CREATE TABLE activities ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id BIGINT REFERENCES deals(id) ON DELETE CASCADE,"
    "  contact_id BIGINT REFERENCES contacts(id) ON DELETE SET NULL,"
    "  kind TEXT NOT NULL, direction TEXT NOT NULL, outcome TEXT, at TEXT NOT NULL, text TEXT,"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX activities_account ON activities(account_id, at);"
    "CREATE INDEX activities_deal ON activities(deal_id, at);"
    "CREATE INDEX activities_contact ON activities(contact_id);"
    "CREATE TABLE agreements ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id BIGINT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
    "  contact_id BIGINT REFERENCES contacts(id) ON DELETE SET NULL,"
    "  made_on TEXT NOT NULL, due_on TEXT NOT NULL, note TEXT, status TEXT NOT NULL,"
    "  closed_at TEXT, created_at TEXT NOT NULL);"
    "CREATE INDEX agreements_deal ON agreements(deal_id, status);"
    "CREATE INDEX agreements_open ON agreements(due_on) WHERE status = 'open';"
    "CREATE INDEX agreements_contact ON agreements(contact_id);"
    "CREATE TABLE meetings ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id BIGINT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
    "  at TEXT NOT NULL, minutes BIGINT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,"
    "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX meetings_deal ON meetings(deal_id);"
    "CREATE INDEX meetings_status ON meetings(status, at);"
    "CREATE TABLE meeting_attendees ("
    "  meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
    "  contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (meeting_id, contact_id));"
    "CREATE INDEX meeting_attendees_contact ON meeting_attendees(contact_id);"
    "CREATE TABLE claims ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id BIGINT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
    "  contact_id BIGINT REFERENCES contacts(id) ON DELETE SET NULL,"
    "  text TEXT NOT NULL, status TEXT NOT NULL, note TEXT, created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE INDEX claims_deal ON claims(deal_id, status);"
    "CREATE INDEX claims_contact ON claims(contact_id);"
    "CREATE TABLE statements ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id BIGINT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
    "  contact_id BIGINT REFERENCES contacts(id) ON DELETE SET NULL,"
    "  text TEXT NOT NULL, at TEXT NOT NULL);"
    "CREATE INDEX statements_account ON statements(account_id, at);"
    "CREATE INDEX statements_deal ON statements(deal_id);"
    "CREATE INDEX statements_contact ON statements(contact_id);"
    "CREATE TABLE invoices ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  number TEXT, amount_cents BIGINT NOT NULL, currency TEXT NOT NULL,"
    "  due_on TEXT NOT NULL, paid_on TEXT, created_at TEXT NOT NULL);"
    "CREATE INDEX invoices_account ON invoices(account_id);"
    "CREATE INDEX invoices_unpaid ON invoices(due_on) WHERE paid_on IS NULL;"
    "CREATE TABLE pushes ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id BIGINT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
    "  mode TEXT NOT NULL, sent_at TEXT NOT NULL, \"to\" TEXT, cc TEXT, subject TEXT,"
    "  body TEXT, outcome TEXT NOT NULL, competitor TEXT, reason TEXT, note TEXT,"
    "  outcome_at TEXT);"
    "CREATE INDEX pushes_deal ON pushes(deal_id);"
    "CREATE INDEX pushes_pending ON pushes(sent_at) WHERE outcome = 'pending';"
    "CREATE TABLE history ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, entity TEXT NOT NULL, entity_id BIGINT NOT NULL,"
    "  field TEXT NOT NULL, \"from\" TEXT, \"to\" TEXT, reason TEXT, at TEXT NOT NULL);"
    "CREATE INDEX history_entity ON history(entity, entity_id);",

    /* 2: what the agenda needs without scanning every deal. deal_facts is derived from a
     * deal's records (core/facts.c refreshes a deal's row whenever they change), so each
     * agenda rule reads only the rows its partial index selects. */
    "CREATE TABLE deal_facts ("
    "  deal_id BIGINT PRIMARY KEY REFERENCES deals(id) ON DELETE CASCADE,"
    "  account_id BIGINT NOT NULL, stage TEXT NOT NULL, is_open BIGINT NOT NULL,"
    "  last_two_way_at TEXT, last_out_at TEXT, last_in_at TEXT,"
    "  quiet_touches BIGINT NOT NULL, first_quiet_touch_at TEXT,"
    "  open_agreements BIGINT NOT NULL, last_open_due TEXT, planned_meetings BIGINT NOT NULL,"
    "  unverified_claims BIGINT NOT NULL, pushes BIGINT NOT NULL, pending_push_at TEXT,"
    "  decision_contacts BIGINT NOT NULL, qualify_gaps BIGINT NOT NULL);"
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

    /* 3: full-text search for recall and search. One index over the text of seven tables;
     * a row's id is the record's id * 16 + its type (store.h, enum rp_recall_type), so
     * each trigger finds its row by id. Text is folded as SQLite's unicode61 with
     * remove_diacritics folds it: ASCII punctuation separates words, ICU's lower() folds
     * the case of every script (the simple dictionary would fold ASCII only under the C
     * collation) and unaccent takes the accents off ('muller' finds 'Müller'). */
    "CREATE EXTENSION IF NOT EXISTS unaccent;"
    "CREATE TEXT SEARCH CONFIGURATION rapport (COPY = simple);"
    "ALTER TEXT SEARCH CONFIGURATION rapport ALTER MAPPING FOR asciiword, word, numword,"
    "  asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart"
    "  WITH unaccent, simple;"
    "CREATE FUNCTION rp_fulltext_doc(body text, extra text) RETURNS tsvector"
    "  LANGUAGE sql STABLE AS $$ SELECT to_tsvector('rapport', lower(translate("
    "  COALESCE(body, '') || ' ' || COALESCE(extra, ''),"
    "  '!\"#$%&''()*+,-./:;<=>?@[\\]^_`{|}~', repeat(' ', 32)) COLLATE \"und-x-icu\")) $$;"
    "CREATE TABLE fulltext (rid BIGINT PRIMARY KEY, doc tsvector NOT NULL);"
    "CREATE INDEX fulltext_doc ON fulltext USING gin (doc);"
    /* TG_ARGV: the type code, the body column, the extra column if any. */
    "CREATE FUNCTION rp_fulltext_sync() RETURNS trigger LANGUAGE plpgsql AS $$"
    " DECLARE j jsonb; BEGIN"
    " IF TG_OP <> 'INSERT' THEN"
    "   DELETE FROM fulltext WHERE rid = OLD.id * 16 + TG_ARGV[0]::int; END IF;"
    " IF TG_OP <> 'DELETE' THEN j := to_jsonb(NEW);"
    "   INSERT INTO fulltext (rid, doc) VALUES (NEW.id * 16 + TG_ARGV[0]::int,"
    "     rp_fulltext_doc(j ->> TG_ARGV[1], CASE WHEN TG_NARGS > 2 THEN j ->> TG_ARGV[2] END));"
    " END IF; RETURN NULL; END $$;"
    "INSERT INTO fulltext (rid, doc)"
    "  SELECT id * 16 + 1, rp_fulltext_doc(text, NULL) FROM statements"
    "  UNION ALL SELECT id * 16 + 2, rp_fulltext_doc(text, note) FROM claims"
    "  UNION ALL SELECT id * 16 + 3, rp_fulltext_doc(text, NULL) FROM activities"
    "  UNION ALL SELECT id * 16 + 4, rp_fulltext_doc(note, NULL) FROM agreements"
    "  UNION ALL SELECT id * 16 + 5, rp_fulltext_doc(name, need) FROM accounts"
    "  UNION ALL SELECT id * 16 + 6, rp_fulltext_doc(name, NULL) FROM contacts"
    "  UNION ALL SELECT id * 16 + 7, rp_fulltext_doc(title, NULL) FROM deals;"
    FULLTEXT_SYNC("statements", "1", "text", "'text'")
    FULLTEXT_SYNC("claims", "2", "text, note", "'text', 'note'")
    FULLTEXT_SYNC("activities", "3", "text", "'text'")
    FULLTEXT_SYNC("agreements", "4", "note", "'note'")
    FULLTEXT_SYNC("accounts", "5", "name, need", "'name', 'need'")
    FULLTEXT_SYNC("contacts", "6", "name", "'name'")
    FULLTEXT_SYNC("deals", "7", "title", "'title'"),

    /* 4: the team: users with roles, their sessions and API tokens (stored as hashes only),
     * an audit log, and an owner for every account (what belongs to an account is its
     * owner's). */
    "CREATE TABLE users ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE,"
    "  role TEXT NOT NULL, team TEXT, disabled BIGINT NOT NULL DEFAULT 0,"
    "  password_hash TEXT, calendar_secret TEXT UNIQUE, created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE INDEX users_team ON users(team);"
    "CREATE TABLE sessions ("
    "  token_hash TEXT PRIMARY KEY,"
    "  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    "  csrf_token TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);"
    "CREATE INDEX sessions_user ON sessions(user_id);"
    "CREATE TABLE api_tokens ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    "  token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT);"
    "CREATE INDEX api_tokens_user ON api_tokens(user_id);"
    "CREATE TABLE audit_log ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, user_id BIGINT, action TEXT NOT NULL,"
    "  entity TEXT, entity_id BIGINT, detail TEXT, address TEXT);"
    "CREATE INDEX audit_log_at ON audit_log(at);"
    "ALTER TABLE accounts ADD COLUMN owner_id BIGINT REFERENCES users(id) ON DELETE SET NULL;"
    "CREATE INDEX accounts_owner ON accounts(owner_id);",

    /* 5: a deleted record's history goes with it. Foreign-key cascades fire these triggers
     * too. */
    "CREATE FUNCTION rp_history_gc() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " DELETE FROM history WHERE entity = TG_ARGV[0] AND entity_id = OLD.id;"
    " RETURN NULL; END $$;"
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
    "CREATE FUNCTION rp_owner_cascade() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    OWNER_CASCADE("contacts") OWNER_CASCADE("deals") OWNER_CASCADE("activities")
    OWNER_CASCADE("agreements") OWNER_CASCADE("meetings") OWNER_CASCADE("claims")
    OWNER_CASCADE("statements") OWNER_CASCADE("invoices") OWNER_CASCADE("pushes")
    OWNER_CASCADE("deal_facts") " RETURN NULL; END $$;"
    "CREATE TRIGGER accounts_owner_cascade AFTER UPDATE OF owner_id ON accounts"
    "  FOR EACH ROW EXECUTE FUNCTION rp_owner_cascade();"
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
    "  quiet_since = GREATEST(COALESCE(last_two_way_at,"
    "    (SELECT opened_at FROM deals WHERE deals.id = deal_facts.deal_id)),"
    "    (SELECT MAX(created_at) FROM agreements WHERE agreements.deal_id ="
    "    deal_facts.deal_id)),"
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
     * becomes optional. */
    "ALTER TABLE agreements ALTER COLUMN deal_id DROP NOT NULL;",

    /* 10: correcting mistakes. A deal's hold may end when they get in touch, as an
     * account's does; a meeting remembers who asked to move it; a history line says which
     * user made the change (NULL: the local user); and the history of a deleted activity
     * or statement goes with it (migration 5), now that they can be edited and deleted. */
    "ALTER TABLE deals ADD COLUMN hold_unless_inbound BIGINT NOT NULL DEFAULT 0;"
    "ALTER TABLE meetings ADD COLUMN rescheduled_by TEXT;"
    "ALTER TABLE history ADD COLUMN user_id BIGINT;"
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
    "CREATE UNIQUE INDEX users_email_folded ON users (LOWER(email));"
    "CREATE INDEX sessions_expires ON sessions(expires_at);"
    "ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;",

    /* 14: working the agenda. An item snoozed, or dealt with until its next moment, stays
     * off the agenda before "until"; new two-way contact with the account cancels it. */
    "CREATE TABLE snoozes ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, item TEXT NOT NULL,"
    "  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  deal_id BIGINT REFERENCES deals(id) ON DELETE CASCADE,"
    "  reason TEXT NOT NULL, \"until\" TEXT NOT NULL, created_at TEXT NOT NULL,"
    "  cancelled_at TEXT, owner_id BIGINT);"
    "CREATE INDEX snoozes_active ON snoozes(\"until\") WHERE cancelled_at IS NULL;"
    "CREATE INDEX snoozes_owner_active ON snoozes(owner_id, \"until\")"
    "  WHERE cancelled_at IS NULL;"
    "CREATE INDEX snoozes_account ON snoozes(account_id) WHERE cancelled_at IS NULL;"
    "CREATE FUNCTION rp_owner_cascade_snoozes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    OWNER_CASCADE("snoozes") " RETURN NULL; END $$;"
    "CREATE TRIGGER accounts_owner_snoozes AFTER UPDATE OF owner_id ON accounts"
    "  FOR EACH ROW EXECUTE FUNCTION rp_owner_cascade_snoozes();",

    /* 15: a late payment promised for a day waits for that day. */
    "ALTER TABLE invoices ADD COLUMN promised_on TEXT;",

    /* 16: account facts, so that the check-ins due are read through an index by day. */
    "CREATE TABLE account_facts ("
    "  account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,"
    "  owner_id BIGINT, last_two_way_at TEXT, last_touch_at TEXT, checkin_due_on TEXT);"
    "CREATE INDEX account_facts_checkin ON account_facts(checkin_due_on)"
    "  WHERE checkin_due_on IS NOT NULL;"
    "CREATE INDEX account_facts_owner_checkin ON account_facts(owner_id, checkin_due_on)"
    "  WHERE checkin_due_on IS NOT NULL;"
    "CREATE FUNCTION rp_owner_cascade_account_facts() RETURNS trigger LANGUAGE plpgsql AS"
    " $$ BEGIN UPDATE account_facts SET owner_id = NEW.owner_id WHERE account_id = NEW.id;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER accounts_owner_account_facts AFTER UPDATE OF owner_id ON accounts"
    "  FOR EACH ROW EXECUTE FUNCTION rp_owner_cascade_account_facts();"
    ACCOUNT_FACTS_FILL("1 = 1") ";",

    /* 17: failed logins per key (an account or a client address) in the window that began
     * at "since", kept in the database so that every server counts them together. */
    "CREATE TABLE login_failures ("
    "  key TEXT PRIMARY KEY, since TEXT NOT NULL, failures BIGINT NOT NULL);"
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
    "  day TEXT NOT NULL, style TEXT NOT NULL, two_way INTEGER NOT NULL, n BIGINT NOT NULL,"
    "  PRIMARY KEY (day, style, two_way));"
    "CREATE FUNCTION rp_two_way(direction text, outcome text) RETURNS integer"
    "  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN " RP_SQL_TWO_WAY("") " THEN 1 ELSE 0 END"
    "  $$;"
    "INSERT INTO contact_days (day, style, two_way, n)"
    "  SELECT SUBSTR(t.at, 1, 10), a.style, rp_two_way(t.direction, t.outcome), COUNT(*)"
    "  FROM activities t JOIN accounts a ON a.id = t.account_id"
    "  WHERE t.direction IN ('in', 'out') GROUP BY 1, 2, 3;"
    "CREATE FUNCTION rp_contact_days_activity() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_OP <> 'INSERT' AND OLD.direction IN ('in', 'out') THEN"
    "  UPDATE contact_days SET n = n - 1 WHERE day = SUBSTR(OLD.at, 1, 10) AND"
    "   two_way = rp_two_way(OLD.direction, OLD.outcome) AND"
    "   style = (SELECT style FROM accounts WHERE id = OLD.account_id);"
    " END IF;"
    " IF TG_OP <> 'DELETE' AND NEW.direction IN ('in', 'out') THEN"
    "  INSERT INTO contact_days (day, style, two_way, n)"
    "   SELECT SUBSTR(NEW.at, 1, 10), a.style, rp_two_way(NEW.direction, NEW.outcome), 1"
    "   FROM accounts a WHERE a.id = NEW.account_id"
    "   ON CONFLICT (day, style, two_way) DO UPDATE SET n = contact_days.n + excluded.n;"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER activities_rollup AFTER INSERT OR DELETE OR UPDATE OF at, direction,"
    "  outcome, account_id ON activities FOR EACH ROW EXECUTE FUNCTION"
    "  rp_contact_days_activity();"
    /* An account's activities ($1) under style $2, $3 times. */
    "CREATE FUNCTION rp_contact_days_move(bigint, text, integer) RETURNS void"
    "  LANGUAGE sql AS $$"
    "  INSERT INTO contact_days (day, style, two_way, n)"
    "  SELECT SUBSTR(t.at, 1, 10), $2, rp_two_way(t.direction, t.outcome), $3 * COUNT(*)"
    "  FROM activities t WHERE t.account_id = $1 AND t.direction IN ('in', 'out')"
    "  GROUP BY 1, 3 ON CONFLICT (day, style, two_way) DO UPDATE"
    "  SET n = contact_days.n + excluded.n $$;"
    "CREATE FUNCTION rp_contact_days_account() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_OP = 'UPDATE' THEN PERFORM rp_contact_days_move(NEW.id, NEW.style, 1); END IF;"
    " PERFORM rp_contact_days_move(OLD.id, OLD.style, -1);"
    " RETURN OLD; END $$;"
    "CREATE TRIGGER accounts_rollup_style AFTER UPDATE OF style ON accounts FOR EACH ROW"
    "  WHEN (OLD.style IS DISTINCT FROM NEW.style) EXECUTE FUNCTION rp_contact_days_account();"
    "CREATE TRIGGER accounts_rollup_delete BEFORE DELETE ON accounts FOR EACH ROW"
    "  EXECUTE FUNCTION rp_contact_days_account();",

    /* 20: what inserts add to the full-text index and to contact_days, added once per
     * statement from all its new rows rather than row by row through PL/pgSQL: a COPY or
     * a multi-row INSERT of a bulk load (seed, import) spent most of its time in those
     * triggers. Updates and deletes keep the row triggers. */
    FULLTEXT_NEW("statements", "1", "text", "text, NULL", "'text'")
    FULLTEXT_NEW("claims", "2", "text, note", "text, note", "'text', 'note'")
    FULLTEXT_NEW("activities", "3", "text", "text, NULL", "'text'")
    FULLTEXT_NEW("agreements", "4", "note", "note, NULL", "'note'")
    FULLTEXT_NEW("accounts", "5", "name, need", "name, need", "'name', 'need'")
    FULLTEXT_NEW("contacts", "6", "name", "name, NULL", "'name'")
    FULLTEXT_NEW("deals", "7", "title", "title, NULL", "'title'")
    "CREATE FUNCTION rp_contact_days_new() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " INSERT INTO contact_days (day, style, two_way, n)"
    "  SELECT SUBSTR(t.at, 1, 10), a.style, rp_two_way(t.direction, t.outcome), COUNT(*)"
    "  FROM new_rows t JOIN accounts a ON a.id = t.account_id"
    "  WHERE t.direction IN ('in', 'out') GROUP BY 1, 2, 3"
    "  ON CONFLICT (day, style, two_way) DO UPDATE SET n = contact_days.n + excluded.n;"
    " RETURN NULL; END $$;"
    "DROP TRIGGER activities_rollup ON activities;"
    "CREATE TRIGGER activities_rollup AFTER DELETE OR UPDATE OF at, direction, outcome,"
    "  account_id ON activities FOR EACH ROW EXECUTE FUNCTION rp_contact_days_activity();"
    "CREATE TRIGGER activities_rollup_new AFTER INSERT ON activities"
    "  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
    "  EXECUTE FUNCTION rp_contact_days_new();",
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
    /* The closed deals with their account's trigger, for the win/loss report's days to
     * close (schema_sqlite.c says why), kept by the triggers below. */
    "CREATE TABLE closed_deals ("
    "  deal_id BIGINT PRIMARY KEY, \"trigger\" TEXT, stage TEXT NOT NULL,"
    "  opened_at TEXT NOT NULL, closed_at TEXT);"
    "INSERT INTO closed_deals (deal_id, \"trigger\", stage, opened_at, closed_at)"
    "  SELECT d.id, a.\"trigger\", d.stage, d.opened_at, d.closed_at"
    "  FROM deals d JOIN accounts a ON a.id = d.account_id"
    "  WHERE d.stage IN ('won', 'lost', 'no-decision');"
    "CREATE FUNCTION rp_closed_deals_deal() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_OP <> 'INSERT' THEN DELETE FROM closed_deals WHERE deal_id = OLD.id; END IF;"
    " IF TG_OP <> 'DELETE' AND NEW.stage IN ('won', 'lost', 'no-decision') THEN"
    "  INSERT INTO closed_deals (deal_id, \"trigger\", stage, opened_at, closed_at)"
    "   VALUES (NEW.id, (SELECT \"trigger\" FROM accounts WHERE id = NEW.account_id),"
    "   NEW.stage, NEW.opened_at, NEW.closed_at);"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER deals_rollup AFTER INSERT OR DELETE OR UPDATE OF stage, opened_at,"
    "  closed_at, account_id ON deals FOR EACH ROW EXECUTE FUNCTION rp_closed_deals_deal();"
    "CREATE FUNCTION rp_closed_deals_account() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " UPDATE closed_deals SET \"trigger\" = NEW.\"trigger\""
    "  WHERE deal_id IN (SELECT id FROM deals WHERE account_id = NEW.id);"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER accounts_rollup_trigger AFTER UPDATE OF \"trigger\" ON accounts"
    "  FOR EACH ROW WHEN (OLD.\"trigger\" IS DISTINCT FROM NEW.\"trigger\")"
    "  EXECUTE FUNCTION rp_closed_deals_account();"
    /* The meetings per UTC day, kind, status and length (schema_sqlite.c says why). */
    "CREATE TABLE meeting_days ("
    "  kind TEXT NOT NULL, status TEXT NOT NULL, minutes BIGINT NOT NULL, day TEXT NOT NULL,"
    "  n BIGINT NOT NULL, PRIMARY KEY (kind, status, minutes, day));"
    "INSERT INTO meeting_days (day, kind, status, minutes, n) SELECT SUBSTR(at, 1, 10), kind,"
    "  status, minutes, COUNT(*) FROM meetings GROUP BY 1, 2, 3, 4;"
    "CREATE FUNCTION rp_meeting_days() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_OP <> 'INSERT' THEN"
    "  UPDATE meeting_days SET n = n - 1 WHERE kind = OLD.kind AND status = OLD.status AND"
    "   minutes = OLD.minutes AND day = SUBSTR(OLD.at, 1, 10);"
    " END IF;"
    " IF TG_OP <> 'DELETE' THEN"
    "  INSERT INTO meeting_days (day, kind, status, minutes, n)"
    "   VALUES (SUBSTR(NEW.at, 1, 10), NEW.kind, NEW.status, NEW.minutes, 1)"
    "   ON CONFLICT (kind, status, minutes, day) DO UPDATE SET n = meeting_days.n + 1;"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER meetings_rollup AFTER INSERT OR DELETE OR UPDATE OF at, kind, status,"
    "  minutes ON meetings FOR EACH ROW EXECUTE FUNCTION rp_meeting_days();",
    /* 22: kept agendas (schema_sqlite.c says why): a change counter per owner, counted up
     * by triggers on every table the agenda reads, and each user's agenda as last made.
     * A bulk load (rapport.bulk on, store_pg.c) counts once, as a change to everyone's:
     * counting one row up for every row loaded would be slower the more it loads (each
     * update of a row leaves PostgreSQL another version of it to step over). */
    "CREATE TABLE agenda_marks (owner_id BIGINT PRIMARY KEY, n BIGINT NOT NULL);"
    "CREATE TABLE kept_agendas ("
    "  user_id BIGINT NOT NULL, day TEXT NOT NULL, days BIGINT NOT NULL, tz TEXT NOT NULL,"
    "  marks BIGINT NOT NULL, max_value BIGINT NOT NULL, body TEXT NOT NULL,"
    "  PRIMARY KEY (user_id, day, days, tz));"
    "CREATE FUNCTION rp_agenda_mark(owner BIGINT) RETURNS void LANGUAGE sql AS $$"
    " INSERT INTO agenda_marks (owner_id, n) VALUES (COALESCE(owner, 0), 1)"
    "  ON CONFLICT (owner_id) DO UPDATE SET n = agenda_marks.n + 1 $$;"
    "CREATE FUNCTION rp_agenda_owned() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF current_setting('rapport.bulk', true) = 'on' THEN RETURN NULL; END IF;"
    " IF TG_OP <> 'INSERT' THEN PERFORM rp_agenda_mark(OLD.owner_id); END IF;"
    " IF TG_OP = 'INSERT' THEN PERFORM rp_agenda_mark(NEW.owner_id);"
    " ELSIF TG_OP = 'UPDATE' THEN"
    "  IF NEW.owner_id IS DISTINCT FROM OLD.owner_id THEN PERFORM rp_agenda_mark(NEW.owner_id);"
    "  END IF;"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE FUNCTION rp_agenda_attendees() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF current_setting('rapport.bulk', true) = 'on' THEN RETURN NULL; END IF;"
    " IF TG_OP <> 'INSERT' THEN"
    "  PERFORM rp_agenda_mark((SELECT owner_id FROM meetings WHERE id = OLD.meeting_id));"
    " END IF;"
    " IF TG_OP <> 'DELETE' THEN"
    "  PERFORM rp_agenda_mark((SELECT owner_id FROM meetings WHERE id = NEW.meeting_id));"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE FUNCTION rp_agenda_everyone() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF current_setting('rapport.bulk', true) = 'on' THEN RETURN NULL; END IF;"
    " PERFORM rp_agenda_mark(0); RETURN NULL; END $$;"
    "CREATE TRIGGER accounts_agenda AFTER INSERT OR UPDATE OR DELETE ON accounts"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER contacts_agenda AFTER INSERT OR UPDATE OR DELETE ON contacts"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER deals_agenda AFTER INSERT OR UPDATE OR DELETE ON deals"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER activities_agenda AFTER INSERT OR UPDATE OR DELETE ON activities"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER agreements_agenda AFTER INSERT OR UPDATE OR DELETE ON agreements"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER meetings_agenda AFTER INSERT OR UPDATE OR DELETE ON meetings"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER claims_agenda AFTER INSERT OR UPDATE OR DELETE ON claims"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER statements_agenda AFTER INSERT OR UPDATE OR DELETE ON statements"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER invoices_agenda AFTER INSERT OR UPDATE OR DELETE ON invoices"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER pushes_agenda AFTER INSERT OR UPDATE OR DELETE ON pushes"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER snoozes_agenda AFTER INSERT OR UPDATE OR DELETE ON snoozes"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER deal_facts_agenda AFTER INSERT OR UPDATE OR DELETE ON deal_facts"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER account_facts_agenda AFTER INSERT OR UPDATE OR DELETE ON account_facts"
    "  FOR EACH ROW EXECUTE FUNCTION rp_agenda_owned();"
    "CREATE TRIGGER meeting_attendees_agenda AFTER INSERT OR UPDATE OR DELETE ON"
    "  meeting_attendees FOR EACH ROW EXECUTE FUNCTION rp_agenda_attendees();"
    "CREATE TRIGGER settings_agenda AFTER INSERT OR UPDATE OR DELETE ON settings"
    "  FOR EACH STATEMENT EXECUTE FUNCTION rp_agenda_everyone();"
    "CREATE TRIGGER templates_agenda AFTER INSERT OR UPDATE OR DELETE ON templates"
    "  FOR EACH STATEMENT EXECUTE FUNCTION rp_agenda_everyone();"
    "CREATE TRIGGER users_agenda AFTER INSERT OR DELETE OR UPDATE OF name, email, role, team,"
    "  disabled ON users FOR EACH STATEMENT EXECUTE FUNCTION rp_agenda_everyone();",
    /* 23: kept pages (schema_sqlite.c says why). */
    "CREATE TABLE kept_pages ("
    "  scope_user BIGINT NOT NULL, scope_team TEXT NOT NULL, query TEXT NOT NULL,"
    "  made BIGINT NOT NULL, marks BIGINT NOT NULL, everyone BIGINT NOT NULL,"
    "  body TEXT NOT NULL, PRIMARY KEY (scope_user, scope_team, query));"
    "CREATE INDEX kept_pages_made ON kept_pages(scope_user, scope_team, made);"
    "DELETE FROM kept_agendas;"
    "ALTER TABLE kept_agendas ADD COLUMN everyone BIGINT NOT NULL DEFAULT 0;",
    /* 24: the win/loss report's closed deals per UTC day of closing in its groups, and each
     * won deal's outbound activities up to its close (schema_sqlite.c says why), kept by the
     * triggers below; inserts of activities are counted once per statement. The push
     * report's pushes by outcome, from an index that holds all it reads of them. */
    "CREATE INDEX deals_closed_at ON deals(closed_at);"
    "CREATE INDEX pushes_report ON pushes(outcome, sent_at, outcome_at, owner_id);"
    "CREATE TABLE closed_days ("
    "  stage TEXT NOT NULL, currency TEXT NOT NULL, competitor TEXT NOT NULL,"
    "  has_competitor INTEGER NOT NULL, close_reason TEXT NOT NULL, has_reason INTEGER NOT NULL,"
    "  day TEXT NOT NULL, n BIGINT NOT NULL, value_high BIGINT NOT NULL,"
    "  value_low BIGINT NOT NULL, PRIMARY KEY (" RP_SQL_CLOSED_DAYS_KEY "));"
    "INSERT INTO closed_days (" RP_SQL_CLOSED_DAYS_KEY ", n, value_high, value_low) SELECT "
    RP_SQL_CLOSED_DAYS_VALUES("") ", COUNT(*), SUM(value_cents / 1000000000),"
    "  SUM(value_cents % 1000000000) FROM deals WHERE stage IN ('won', 'lost', 'no-decision')"
    "  AND closed_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;"
    "CREATE FUNCTION rp_closed_days_deal() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_OP <> 'INSERT' AND OLD.stage IN ('won', 'lost', 'no-decision') AND"
    "  OLD.closed_at IS NOT NULL THEN"
    "  UPDATE closed_days SET n = n - 1, value_high = value_high - OLD.value_cents / 1000000000,"
    "   value_low = value_low - OLD.value_cents % 1000000000"
    "   WHERE (" RP_SQL_CLOSED_DAYS_KEY ") = (" RP_SQL_CLOSED_DAYS_VALUES("OLD.") ");"
    " END IF;"
    " IF TG_OP <> 'DELETE' AND NEW.stage IN ('won', 'lost', 'no-decision') AND"
    "  NEW.closed_at IS NOT NULL THEN"
    "  INSERT INTO closed_days (" RP_SQL_CLOSED_DAYS_KEY ", n, value_high, value_low) VALUES ("
    RP_SQL_CLOSED_DAYS_VALUES("NEW.") ", 1, NEW.value_cents / 1000000000,"
    "   NEW.value_cents % 1000000000) ON CONFLICT (" RP_SQL_CLOSED_DAYS_KEY ") DO UPDATE"
    "   SET n = closed_days.n + 1, value_high = closed_days.value_high + excluded.value_high,"
    "   value_low = closed_days.value_low + excluded.value_low;"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER deals_rollup_close AFTER INSERT OR DELETE OR UPDATE OF stage, currency,"
    "  competitor, close_reason, closed_at, value_cents ON deals FOR EACH ROW"
    "  EXECUTE FUNCTION rp_closed_days_deal();"
    "CREATE TABLE won_touches ("
    "  deal_id BIGINT PRIMARY KEY, closed_at TEXT, touches BIGINT NOT NULL);"
    "CREATE INDEX won_touches_closed ON won_touches(closed_at, touches);"
    "INSERT INTO won_touches (deal_id, closed_at, touches) SELECT d.id, d.closed_at,"
    "  (SELECT COUNT(*) FROM activities t WHERE t.deal_id = d.id AND t.direction = 'out'"
    "  AND t.at <= d.closed_at) FROM deals d WHERE d.stage = 'won';"
    "CREATE FUNCTION rp_won_touches_deal() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_OP <> 'INSERT' THEN DELETE FROM won_touches WHERE deal_id = OLD.id; END IF;"
    " IF TG_OP <> 'DELETE' AND NEW.stage = 'won' THEN"
    "  INSERT INTO won_touches (deal_id, closed_at, touches) VALUES (NEW.id, NEW.closed_at,"
    "   (SELECT COUNT(*) FROM activities t WHERE t.deal_id = NEW.id AND t.direction = 'out'"
    "   AND t.at <= NEW.closed_at));"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER deals_rollup_won AFTER INSERT OR DELETE OR UPDATE OF stage, closed_at"
    "  ON deals FOR EACH ROW EXECUTE FUNCTION rp_won_touches_deal();"
    "CREATE FUNCTION rp_won_touches_activity() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_OP <> 'INSERT' AND OLD.direction = 'out' THEN"
    "  UPDATE won_touches SET touches = touches - 1"
    "   WHERE deal_id = OLD.deal_id AND OLD.at <= closed_at;"
    " END IF;"
    " IF TG_OP <> 'DELETE' AND NEW.direction = 'out' THEN"
    "  UPDATE won_touches SET touches = touches + 1"
    "   WHERE deal_id = NEW.deal_id AND NEW.at <= closed_at;"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER activities_rollup_touch AFTER DELETE OR UPDATE OF deal_id, direction, at"
    "  ON activities FOR EACH ROW EXECUTE FUNCTION rp_won_touches_activity();"
    "CREATE FUNCTION rp_won_touches_new() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " UPDATE won_touches w SET touches = w.touches + c.n FROM (SELECT t.deal_id, COUNT(*) AS n"
    "  FROM new_rows t JOIN won_touches x ON x.deal_id = t.deal_id"
    "  WHERE t.direction = 'out' AND t.at <= x.closed_at GROUP BY t.deal_id) c"
    "  WHERE w.deal_id = c.deal_id;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER activities_rollup_touch_new AFTER INSERT ON activities"
    "  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
    "  EXECUTE FUNCTION rp_won_touches_new();",
    /* 25: the count of commits (schema_sqlite.c says why). */
    "CREATE TABLE rp_commits (id BIGINT PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);"
    "INSERT INTO rp_commits (id, n) VALUES (1, 0);",
    /* 26: thank-you cards by account and day (schema_sqlite.c says why). */
    "CREATE INDEX activities_cards ON activities(account_id, at) WHERE kind = 'card';",
    /* 27: kept agendas in parts (schema_sqlite.c says why). */
    "CREATE TABLE kept_parts ("
    "  user_id BIGINT NOT NULL, day TEXT NOT NULL, days BIGINT NOT NULL, tz TEXT NOT NULL,"
    "  owner_id BIGINT NOT NULL, marks BIGINT NOT NULL, everyone BIGINT NOT NULL,"
    "  max_value BIGINT NOT NULL, built BIGINT NOT NULL, body TEXT NOT NULL,"
    "  PRIMARY KEY (user_id, day, days, tz, owner_id));",
    /* 28: the agenda made afresh reads fewer pages (schema_sqlite.c says how). */
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
    /* 29: what inserts add to the agenda change counters, added once per statement from
     * all its new rows, by owner, as the row triggers counted them: a bulk load (a COPY)
     * ran a PL/pgSQL call a row, and stood the counters aside to save it (rapport.bulk),
     * counting the load once as everyone's change, where SQLite counts it by owner. So do
     * the roll-ups of new meetings and deals. Updates and deletes keep the row triggers.
     * The full text's ASCII punctuation becomes spaces by one regular expression rather
     * than translate(), which took half of a document's time: the same text. */
    "CREATE OR REPLACE FUNCTION rp_fulltext_doc(body text, extra text) RETURNS tsvector"
    "  LANGUAGE sql STABLE AS $$ SELECT to_tsvector('rapport', lower(regexp_replace("
    "  COALESCE(body, '') || ' ' || COALESCE(extra, ''), '[!-/:-@[-`{-~]', ' ', 'g')"
    "  COLLATE \"und-x-icu\")) $$;"
    "CREATE OR REPLACE FUNCTION rp_agenda_owned() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " PERFORM rp_agenda_mark(OLD.owner_id);"
    " IF TG_OP = 'UPDATE' AND NEW.owner_id IS DISTINCT FROM OLD.owner_id THEN"
    "  PERFORM rp_agenda_mark(NEW.owner_id);"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE FUNCTION rp_agenda_owned_new() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " INSERT INTO agenda_marks (owner_id, n)"
    "  SELECT COALESCE(owner_id, 0), COUNT(*) FROM new_rows GROUP BY 1"
    "  ON CONFLICT (owner_id) DO UPDATE SET n = agenda_marks.n + excluded.n;"
    " RETURN NULL; END $$;"
    "CREATE OR REPLACE FUNCTION rp_agenda_attendees() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    " PERFORM rp_agenda_mark((SELECT owner_id FROM meetings WHERE id = OLD.meeting_id));"
    " IF TG_OP = 'UPDATE' THEN"
    "  PERFORM rp_agenda_mark((SELECT owner_id FROM meetings WHERE id = NEW.meeting_id));"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE FUNCTION rp_agenda_attendees_new() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " INSERT INTO agenda_marks (owner_id, n)"
    "  SELECT COALESCE(m.owner_id, 0), COUNT(*) FROM new_rows a"
    "  LEFT JOIN meetings m ON m.id = a.meeting_id GROUP BY 1"
    "  ON CONFLICT (owner_id) DO UPDATE SET n = agenda_marks.n + excluded.n;"
    " RETURN NULL; END $$;"
    "CREATE OR REPLACE FUNCTION rp_agenda_everyone() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN PERFORM rp_agenda_mark(0); RETURN NULL; END $$;"
    AGENDA_NEW("accounts", "rp_agenda_owned") AGENDA_NEW("contacts", "rp_agenda_owned")
    AGENDA_NEW("deals", "rp_agenda_owned") AGENDA_NEW("activities", "rp_agenda_owned")
    AGENDA_NEW("agreements", "rp_agenda_owned") AGENDA_NEW("meetings", "rp_agenda_owned")
    AGENDA_NEW("claims", "rp_agenda_owned") AGENDA_NEW("statements", "rp_agenda_owned")
    AGENDA_NEW("invoices", "rp_agenda_owned") AGENDA_NEW("pushes", "rp_agenda_owned")
    AGENDA_NEW("snoozes", "rp_agenda_owned") AGENDA_NEW("deal_facts", "rp_agenda_owned")
    AGENDA_NEW("account_facts", "rp_agenda_owned")
    AGENDA_NEW("meeting_attendees", "rp_agenda_attendees")
    "CREATE FUNCTION rp_meeting_days_new() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " INSERT INTO meeting_days (day, kind, status, minutes, n)"
    "  SELECT SUBSTR(at, 1, 10), kind, status, minutes, COUNT(*) FROM new_rows"
    "  GROUP BY 1, 2, 3, 4"
    "  ON CONFLICT (kind, status, minutes, day) DO UPDATE SET n = meeting_days.n + excluded.n;"
    " RETURN NULL; END $$;"
    "DROP TRIGGER meetings_rollup ON meetings;"
    "CREATE TRIGGER meetings_rollup AFTER DELETE OR UPDATE OF at, kind, status, minutes"
    "  ON meetings FOR EACH ROW EXECUTE FUNCTION rp_meeting_days();"
    "CREATE TRIGGER meetings_rollup_new AFTER INSERT ON meetings"
    "  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
    "  EXECUTE FUNCTION rp_meeting_days_new();"
    "CREATE FUNCTION rp_deals_rollup_new() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " INSERT INTO closed_deals (deal_id, \"trigger\", stage, opened_at, closed_at)"
    "  SELECT d.id, a.\"trigger\", d.stage, d.opened_at, d.closed_at"
    "  FROM new_rows d LEFT JOIN accounts a ON a.id = d.account_id"
    "  WHERE d.stage IN ('won', 'lost', 'no-decision');"
    " INSERT INTO closed_days (" RP_SQL_CLOSED_DAYS_KEY ", n, value_high, value_low) SELECT "
    RP_SQL_CLOSED_DAYS_VALUES("") ", COUNT(*), SUM(value_cents / 1000000000),"
    "  SUM(value_cents % 1000000000) FROM new_rows"
    "  WHERE stage IN ('won', 'lost', 'no-decision') AND closed_at IS NOT NULL"
    "  GROUP BY 1, 2, 3, 4, 5, 6, 7 ON CONFLICT (" RP_SQL_CLOSED_DAYS_KEY ") DO UPDATE"
    "  SET n = closed_days.n + excluded.n,"
    "  value_high = closed_days.value_high + excluded.value_high,"
    "  value_low = closed_days.value_low + excluded.value_low;"
    " INSERT INTO won_touches (deal_id, closed_at, touches) SELECT d.id, d.closed_at,"
    "  (SELECT COUNT(*) FROM activities t WHERE t.deal_id = d.id AND t.direction = 'out'"
    "  AND t.at <= d.closed_at) FROM new_rows d WHERE d.stage = 'won';"
    " RETURN NULL; END $$;"
    "DROP TRIGGER deals_rollup ON deals;"
    "CREATE TRIGGER deals_rollup AFTER DELETE OR UPDATE OF stage, opened_at, closed_at,"
    "  account_id ON deals FOR EACH ROW EXECUTE FUNCTION rp_closed_deals_deal();"
    "DROP TRIGGER deals_rollup_close ON deals;"
    "CREATE TRIGGER deals_rollup_close AFTER DELETE OR UPDATE OF stage, currency, competitor,"
    "  close_reason, closed_at, value_cents ON deals FOR EACH ROW"
    "  EXECUTE FUNCTION rp_closed_days_deal();"
    "DROP TRIGGER deals_rollup_won ON deals;"
    "CREATE TRIGGER deals_rollup_won AFTER DELETE OR UPDATE OF stage, closed_at ON deals"
    "  FOR EACH ROW EXECUTE FUNCTION rp_won_touches_deal();"
    "CREATE TRIGGER deals_rollup_new AFTER INSERT ON deals"
    "  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
    "  EXECUTE FUNCTION rp_deals_rollup_new();",
    /* 30: the largest open deal value kept in one row (schema_sqlite.c says why). New
     * deals raise it once per statement, from all its new rows (a bulk load's too); a deal
     * changed or deleted that was or may now be the largest has it counted again (the
     * largest of each open stage, down deals_value). Never set aside by a bulk load. */
    "CREATE TABLE agenda_scale (id BIGINT PRIMARY KEY CHECK (id = 1), max_value BIGINT);"
    "INSERT INTO agenda_scale (id, max_value) VALUES (1, " SCALE_COUNT ");"
    "CREATE FUNCTION rp_scale_new() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " UPDATE agenda_scale SET max_value = n.v FROM (SELECT MAX(value_cents) AS v FROM new_rows"
    "  WHERE stage IN " SCALE_OPEN ") n"
    "  WHERE n.v > agenda_scale.max_value OR (agenda_scale.max_value IS NULL AND n.v IS NOT NULL);"
    " RETURN NULL; END $$;"
    "CREATE FUNCTION rp_scale_changed() RETURNS trigger LANGUAGE plpgsql AS $$"
    " DECLARE m BIGINT; BEGIN"
    " IF TG_OP = 'UPDATE' AND NEW.stage = OLD.stage AND"
    "  NEW.value_cents IS NOT DISTINCT FROM OLD.value_cents THEN RETURN NULL; END IF;"
    " SELECT max_value INTO m FROM agenda_scale;"
    " IF (OLD.stage IN " SCALE_OPEN " AND (OLD.value_cents >= m OR m IS NULL)) OR"
    "  (TG_OP = 'UPDATE' AND NEW.stage IN " SCALE_OPEN " AND (NEW.value_cents >= m OR m IS NULL))"
    " THEN UPDATE agenda_scale SET max_value = " SCALE_COUNT "; END IF;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER deals_scale_new AFTER INSERT ON deals REFERENCING NEW TABLE AS new_rows"
    "  FOR EACH STATEMENT EXECUTE FUNCTION rp_scale_new();"
    "CREATE TRIGGER deals_scale_changed AFTER DELETE OR UPDATE OF stage, value_cents ON deals"
    "  FOR EACH ROW EXECUTE FUNCTION rp_scale_changed();",
    /* 31: the sets of open deals that are outreach alone test their account's hold and
     * their owner from their index, and the pending pushes find their deal in pushes_report
     * (schema_sqlite.c says why). */
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
    /* 32: a user's page of records (the API's lists, by id) read from an index in that
     * order, as SQLite's index by owner gives it (it holds the rowid after the owner): an
     * index of the owner alone lists the owner's rows in no order, and PostgreSQL read the
     * primary key from the first id instead, past every row of the owners before (a page
     * of contacts for the fourth rep of a 100,000-account book: 21,000 rows of others). */
    OWNER_ID_INDEX("accounts_owner", "accounts") OWNER_ID_INDEX("contacts_owner", "contacts")
    OWNER_ID_INDEX("deals_owner_id", "deals") OWNER_ID_INDEX("activities_owner", "activities")
    OWNER_ID_INDEX("agreements_owner", "agreements")
    OWNER_ID_INDEX("meetings_owner_id", "meetings") OWNER_ID_INDEX("claims_owner", "claims")
    OWNER_ID_INDEX("statements_owner", "statements")
    OWNER_ID_INDEX("invoices_owner", "invoices"),
    /* 33: contact_days and meeting_days per owner (schema_sqlite.c says why): a record's
     * insert counted once per statement, its change or delete row by row, an account's
     * style change before it is made and the account's delete before its activities go. */
    "CREATE TABLE contact_owner_days ("
    "  owner_id BIGINT NOT NULL, day TEXT NOT NULL, style TEXT NOT NULL,"
    "  two_way INTEGER NOT NULL, n BIGINT NOT NULL,"
    "  PRIMARY KEY (owner_id, day, style, two_way));"
    "INSERT INTO contact_owner_days (owner_id, day, style, two_way, n)"
    "  SELECT t.owner_id, SUBSTR(t.at, 1, 10), a.style, rp_two_way(t.direction, t.outcome),"
    "  COUNT(*) FROM activities t JOIN accounts a ON a.id = t.account_id"
    "  WHERE t.direction IN ('in', 'out') AND t.owner_id IS NOT NULL GROUP BY 1, 2, 3, 4;"
    "CREATE FUNCTION rp_contact_owner_days_activity() RETURNS trigger LANGUAGE plpgsql"
    "  AS $$ BEGIN"
    " IF TG_OP <> 'INSERT' AND OLD.direction IN ('in', 'out') AND OLD.owner_id IS NOT NULL"
    "  THEN UPDATE contact_owner_days SET n = n - 1 WHERE owner_id = OLD.owner_id AND"
    "   day = SUBSTR(OLD.at, 1, 10) AND two_way = rp_two_way(OLD.direction, OLD.outcome) AND"
    "   style = (SELECT style FROM accounts WHERE id = OLD.account_id);"
    " END IF;"
    " IF TG_OP <> 'DELETE' AND NEW.direction IN ('in', 'out') AND NEW.owner_id IS NOT NULL"
    "  THEN INSERT INTO contact_owner_days (owner_id, day, style, two_way, n)"
    "   SELECT NEW.owner_id, SUBSTR(NEW.at, 1, 10), a.style,"
    "   rp_two_way(NEW.direction, NEW.outcome), 1 FROM accounts a WHERE a.id = NEW.account_id"
    "   ON CONFLICT (owner_id, day, style, two_way) DO UPDATE"
    "   SET n = contact_owner_days.n + excluded.n;"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER activities_rollup_owner AFTER DELETE OR UPDATE OF at, direction, outcome,"
    "  account_id, owner_id ON activities FOR EACH ROW"
    "  EXECUTE FUNCTION rp_contact_owner_days_activity();"
    "CREATE FUNCTION rp_contact_owner_days_new() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " INSERT INTO contact_owner_days (owner_id, day, style, two_way, n)"
    "  SELECT t.owner_id, SUBSTR(t.at, 1, 10), a.style, rp_two_way(t.direction, t.outcome),"
    "  COUNT(*) FROM new_rows t JOIN accounts a ON a.id = t.account_id"
    "  WHERE t.direction IN ('in', 'out') AND t.owner_id IS NOT NULL GROUP BY 1, 2, 3, 4"
    "  ON CONFLICT (owner_id, day, style, two_way) DO UPDATE"
    "  SET n = contact_owner_days.n + excluded.n;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER activities_rollup_owner_new AFTER INSERT ON activities"
    "  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
    "  EXECUTE FUNCTION rp_contact_owner_days_new();"
    /* An account's activities ($1) under style $2, $3 times, each under its owner. */
    "CREATE FUNCTION rp_contact_owner_days_move(bigint, text, integer) RETURNS void"
    "  LANGUAGE sql AS $$"
    "  INSERT INTO contact_owner_days (owner_id, day, style, two_way, n)"
    "  SELECT t.owner_id, SUBSTR(t.at, 1, 10), $2, rp_two_way(t.direction, t.outcome),"
    "  $3 * COUNT(*) FROM activities t WHERE t.account_id = $1 AND"
    "  t.direction IN ('in', 'out') AND t.owner_id IS NOT NULL GROUP BY 1, 2, 4"
    "  ON CONFLICT (owner_id, day, style, two_way) DO UPDATE"
    "  SET n = contact_owner_days.n + excluded.n $$;"
    "CREATE FUNCTION rp_contact_owner_days_account() RETURNS trigger LANGUAGE plpgsql"
    "  AS $$ BEGIN"
    " PERFORM rp_contact_owner_days_move(OLD.id, OLD.style, -1);"
    " IF TG_OP = 'UPDATE' THEN"
    "  PERFORM rp_contact_owner_days_move(NEW.id, NEW.style, 1); RETURN NEW;"
    " END IF;"
    " RETURN OLD; END $$;"
    "CREATE TRIGGER accounts_rollup_owner_style BEFORE UPDATE OF style ON accounts"
    "  FOR EACH ROW WHEN (OLD.style IS DISTINCT FROM NEW.style)"
    "  EXECUTE FUNCTION rp_contact_owner_days_account();"
    "CREATE TRIGGER accounts_rollup_owner_delete BEFORE DELETE ON accounts FOR EACH ROW"
    "  EXECUTE FUNCTION rp_contact_owner_days_account();"
    "CREATE TABLE meeting_owner_days ("
    "  owner_id BIGINT NOT NULL, day TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,"
    "  minutes BIGINT NOT NULL, n BIGINT NOT NULL,"
    "  PRIMARY KEY (owner_id, day, kind, status, minutes));"
    "INSERT INTO meeting_owner_days (owner_id, day, kind, status, minutes, n)"
    "  SELECT owner_id, SUBSTR(at, 1, 10), kind, status, minutes, COUNT(*) FROM meetings"
    "  WHERE owner_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5;"
    "CREATE FUNCTION rp_meeting_owner_days() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_OP <> 'INSERT' AND OLD.owner_id IS NOT NULL THEN"
    "  UPDATE meeting_owner_days SET n = n - 1 WHERE owner_id = OLD.owner_id AND"
    "   day = SUBSTR(OLD.at, 1, 10) AND kind = OLD.kind AND status = OLD.status AND"
    "   minutes = OLD.minutes;"
    " END IF;"
    " IF TG_OP <> 'DELETE' AND NEW.owner_id IS NOT NULL THEN"
    "  INSERT INTO meeting_owner_days (owner_id, day, kind, status, minutes, n)"
    "   VALUES (NEW.owner_id, SUBSTR(NEW.at, 1, 10), NEW.kind, NEW.status, NEW.minutes, 1)"
    "   ON CONFLICT (owner_id, day, kind, status, minutes) DO UPDATE"
    "   SET n = meeting_owner_days.n + 1;"
    " END IF;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER meetings_rollup_owner AFTER DELETE OR UPDATE OF at, kind, status, minutes,"
    "  owner_id ON meetings FOR EACH ROW EXECUTE FUNCTION rp_meeting_owner_days();"
    "CREATE FUNCTION rp_meeting_owner_days_new() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " INSERT INTO meeting_owner_days (owner_id, day, kind, status, minutes, n)"
    "  SELECT owner_id, SUBSTR(at, 1, 10), kind, status, minutes, COUNT(*) FROM new_rows"
    "  WHERE owner_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5"
    "  ON CONFLICT (owner_id, day, kind, status, minutes) DO UPDATE"
    "  SET n = meeting_owner_days.n + excluded.n;"
    " RETURN NULL; END $$;"
    "CREATE TRIGGER meetings_rollup_owner_new AFTER INSERT ON meetings"
    "  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
    "  EXECUTE FUNCTION rp_meeting_owner_days_new();",
    /* 34: what each commit of a server changed (schema_sqlite.c says why). */
    "CREATE TABLE rp_changes ("
    "  n BIGINT NOT NULL, what BIGINT NOT NULL, user_id BIGINT NOT NULL,"
    "  role TEXT NOT NULL, team TEXT NOT NULL, credential BIGINT NOT NULL);"
    "CREATE INDEX rp_changes_n ON rp_changes(n);",
    NULL,
};

/* The same fill for the accounts with ids from parameter 1 to parameter 2. */
const char rp_account_facts_pg[] = ACCOUNT_FACTS_FILL("a.id BETWEEN ? AND ?");
/* clang-format on */
