/* The record model of librapport: the kinds of record, their fields and the closed
 * vocabularies they take, records as values of those fields, and the description of the
 * schema they are kept in. The store (src/store) reads and writes records by these tables
 * and knows nothing above them; the rules that give the words a meaning (which stages are
 * open, how long a meeting takes) are the core's, in rapport.h. */
#ifndef RAPPORT_MODEL_H
#define RAPPORT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "rapport/status.h"

/* The schema of an open database: its engine ("sqlite" or "postgresql", static), the
 * number of migrations it had when opened and has now (opening applies the missing ones)
 * and how many this rapport knows. */
struct rp_schema {
    const char *engine;
    int64_t opened_at, version, known;
};

/* Who acts, as rp_db_act_as found them in the users table: kept by a caller that checked a
 * credential, to act as the same user again with rp_db_act_again while the database stands
 * where it stood (rp_db_version) and no user row was read. */
struct rp_actor {
    int64_t id; /* 0: the local user, unrestricted */
    char role[16], team[64];
};
/* What a commit changed, as its program published it (rp_db_publish_change): WHAT is the
 * publisher's own code, BY and CREDENTIAL what it needs to tell what. */
struct rp_change {
    int64_t commit; /* its number (rp_db_changes) */
    int what;
    struct rp_actor by;
    uint64_t credential;
};
/* Told of each commit of a handle that changes anything (rp_db_watch_commits): BEFORE,
 * with ARG, inside the transaction, counted (rp_db_changes), the write lock held, just
 * before it is committed (a failure is the commit's: it is not made). */
struct rp_commit_watch {
    enum rp_status (*before)(void *arg);
    void *arg;
};

/* ---- record kinds and fields ------------------------------------------------------ */

enum rp_kind_id {
    RP_ACCOUNT,
    RP_CONTACT,
    RP_DEAL,
    RP_ACTIVITY,
    RP_AGREEMENT,
    RP_MEETING,
    RP_CLAIM,
    RP_STATEMENT,
    RP_INVOICE,
    RP_PUSH,
    RP_HISTORY,
    RP_USER,
    RP_KIND_COUNT
};

enum rp_type {
    RP_T_ID,       /* the record's own id */
    RP_T_REF,      /* id of a record of field.ref */
    RP_T_TEXT,     /* free UTF-8 text */
    RP_T_NAME,     /* text that must not be blank */
    RP_T_INT,      /* a whole number >= 0 */
    RP_T_BOOL,     /* yes/no; JSON true/false */
    RP_T_DATE,     /* a local calendar day, stored as days */
    RP_T_INSTANT,  /* an instant, stored as epoch seconds */
    RP_T_ENUM,     /* one word of field.vocab */
    RP_T_MONEY,    /* minor units, entered as "1,200.50" */
    RP_T_EMAIL,    /* an e-mail address */
    RP_T_CURRENCY, /* ISO 4217 code, kept upper case */
};

enum rp_field_flag {
    RP_F_REQUIRED = 1 << 0, /* must be given on create */
    RP_F_INPUT = 1 << 1,    /* the user may give it on create */
    RP_F_EDIT = 1 << 2,     /* the user may change it with edit / PATCH */
    RP_F_LIST = 1 << 3,     /* shown as a column in list tables */
};

struct rp_field {
    const char *name; /* JSON member and SQL column */
    enum rp_type type;
    unsigned flags;
    const char *const *vocab; /* RP_T_ENUM: NULL-terminated */
    enum rp_kind_id ref;      /* RP_T_REF */
    const char *def;          /* default on create, as input text, or NULL */
    const char *flag;         /* command-line flag without "--", or NULL for name */
    const char *help;
};

struct rp_kind {
    enum rp_kind_id id;
    const char *name;  /* "account" */
    const char *table; /* "accounts" (also the API collection) */
    const struct rp_field *fields;
    size_t nfields;
};

/* The table of kind ID. Static, as are the kinds' field tables and vocabularies. */
const struct rp_kind *rp_kind_get(enum rp_kind_id id);
/* The kind whose name or table is S, or NULL. Static. */
const struct rp_kind *rp_kind_find(const char *s);
/* Index of the field named NAME (or whose flag is NAME), or -1. */
int rp_kind_field(const struct rp_kind *kind, const char *name);
/* The closed vocabularies of DESIGN.md section 3, NULL-terminated. */
extern const char *const rp_vocab_trigger[],
    *const rp_vocab_urgency[],
        *const rp_vocab_style[],
            *const rp_vocab_risk[],
                *const rp_vocab_role[],
                    *const rp_vocab_stage[],
                        *const rp_vocab_activity_kind[],
                            *const rp_vocab_direction[],
                                *const rp_vocab_outcome[],
                                    *const rp_vocab_meeting_kind[],
                                        *const rp_vocab_meeting_status[],
                                            *const rp_vocab_claim_status[],
                                                *const rp_vocab_loss_reason[],
                                                    *const rp_vocab_push_outcome[],
                                                        *const rp_vocab_account_status[],
                                                            *const rp_vocab_user_role[],
                                                                *const rp_vocab_asked_by[];
/* Index of WORD in VOCAB, or -1. */
int rp_vocab_index(const char *const *vocab, const char *word);
/* The words of VOCAB as "a, b, c" in OUT (cut short to fit SIZE); returns OUT. */
const char *rp_vocab_list(const char *const *vocab, char *out, size_t size);

/* Field indexes, in the order of each kind's table (store/record.c). */
enum {
    RP_ACCOUNT_ID,
    RP_ACCOUNT_NAME,
    RP_ACCOUNT_INDUSTRY,
    RP_ACCOUNT_TRIGGER,
    RP_ACCOUNT_NEED,
    RP_ACCOUNT_URGENCY,
    RP_ACCOUNT_STYLE,
    RP_ACCOUNT_RISK,
    RP_ACCOUNT_PROVIDER,
    RP_ACCOUNT_CONTRACT_ENDS,
    RP_ACCOUNT_BINDING,
    RP_ACCOUNT_STATUS,
    RP_ACCOUNT_HOLD_UNTIL,
    RP_ACCOUNT_HOLD_UNLESS_INBOUND,
    RP_ACCOUNT_HOLD_REASON,
    RP_ACCOUNT_CHECKIN_DAYS,
    RP_ACCOUNT_CREATED_AT,
    RP_ACCOUNT_UPDATED_AT,
    RP_ACCOUNT_OWNER_ID,
    RP_ACCOUNT_NFIELDS
};
enum {
    RP_CONTACT_ID,
    RP_CONTACT_ACCOUNT_ID,
    RP_CONTACT_NAME,
    RP_CONTACT_TITLE,
    RP_CONTACT_EMAIL,
    RP_CONTACT_PHONE,
    RP_CONTACT_ROLE,
    RP_CONTACT_PRIMARY,
    RP_CONTACT_CREATED_AT,
    RP_CONTACT_UPDATED_AT,
    RP_CONTACT_OWNER_ID,
    RP_CONTACT_NFIELDS
};
enum {
    RP_DEAL_ID,
    RP_DEAL_ACCOUNT_ID,
    RP_DEAL_TITLE,
    RP_DEAL_VALUE_CENTS,
    RP_DEAL_CURRENCY,
    RP_DEAL_STAGE,
    RP_DEAL_DECISION_BY,
    RP_DEAL_DECISION_PROCESS,
    RP_DEAL_COMPETITOR,
    RP_DEAL_CLOSE_REASON,
    RP_DEAL_CLOSE_NOTE,
    RP_DEAL_HOLD_UNTIL,
    RP_DEAL_HOLD_REASON,
    RP_DEAL_OPENED_AT,
    RP_DEAL_CLOSED_AT,
    RP_DEAL_UPDATED_AT,
    RP_DEAL_OWNER_ID,
    RP_DEAL_HOLD_UNLESS_INBOUND,
    RP_DEAL_NFIELDS
};
enum {
    RP_ACTIVITY_ID,
    RP_ACTIVITY_ACCOUNT_ID,
    RP_ACTIVITY_DEAL_ID,
    RP_ACTIVITY_CONTACT_ID,
    RP_ACTIVITY_KIND,
    RP_ACTIVITY_DIRECTION,
    RP_ACTIVITY_OUTCOME,
    RP_ACTIVITY_AT,
    RP_ACTIVITY_TEXT,
    RP_ACTIVITY_CREATED_AT,
    RP_ACTIVITY_OWNER_ID,
    RP_ACTIVITY_NFIELDS
};
enum {
    RP_AGREEMENT_ID,
    RP_AGREEMENT_ACCOUNT_ID,
    RP_AGREEMENT_DEAL_ID,
    RP_AGREEMENT_CONTACT_ID,
    RP_AGREEMENT_MADE_ON,
    RP_AGREEMENT_DUE_ON,
    RP_AGREEMENT_TOPIC,
    RP_AGREEMENT_NOTE,
    RP_AGREEMENT_STATUS,
    RP_AGREEMENT_CLOSED_AT,
    RP_AGREEMENT_CREATED_AT,
    RP_AGREEMENT_OWNER_ID,
    RP_AGREEMENT_NFIELDS
};
enum {
    RP_MEETING_ID,
    RP_MEETING_ACCOUNT_ID,
    RP_MEETING_DEAL_ID,
    RP_MEETING_AT,
    RP_MEETING_MINUTES,
    RP_MEETING_KIND,
    RP_MEETING_STATUS,
    RP_MEETING_CREATED_AT,
    RP_MEETING_UPDATED_AT,
    RP_MEETING_OWNER_ID,
    RP_MEETING_RESCHEDULED_BY,
    RP_MEETING_NFIELDS
};
enum {
    RP_CLAIM_ID,
    RP_CLAIM_ACCOUNT_ID,
    RP_CLAIM_DEAL_ID,
    RP_CLAIM_CONTACT_ID,
    RP_CLAIM_TEXT,
    RP_CLAIM_STATUS,
    RP_CLAIM_NOTE,
    RP_CLAIM_CREATED_AT,
    RP_CLAIM_UPDATED_AT,
    RP_CLAIM_OWNER_ID,
    RP_CLAIM_NFIELDS
};
enum {
    RP_STATEMENT_ID,
    RP_STATEMENT_ACCOUNT_ID,
    RP_STATEMENT_DEAL_ID,
    RP_STATEMENT_CONTACT_ID,
    RP_STATEMENT_TEXT,
    RP_STATEMENT_AT,
    RP_STATEMENT_OWNER_ID,
    RP_STATEMENT_NFIELDS
};
enum {
    RP_INVOICE_ID,
    RP_INVOICE_ACCOUNT_ID,
    RP_INVOICE_NUMBER,
    RP_INVOICE_AMOUNT_CENTS,
    RP_INVOICE_CURRENCY,
    RP_INVOICE_DUE_ON,
    RP_INVOICE_PAID_ON,
    RP_INVOICE_CREATED_AT,
    RP_INVOICE_OWNER_ID,
    RP_INVOICE_PROMISED_ON,
    RP_INVOICE_NFIELDS
};
enum {
    RP_PUSH_ID,
    RP_PUSH_ACCOUNT_ID,
    RP_PUSH_DEAL_ID,
    RP_PUSH_MODE,
    RP_PUSH_SENT_AT,
    RP_PUSH_TO,
    RP_PUSH_CC,
    RP_PUSH_SUBJECT,
    RP_PUSH_BODY,
    RP_PUSH_OUTCOME,
    RP_PUSH_COMPETITOR,
    RP_PUSH_REASON,
    RP_PUSH_NOTE,
    RP_PUSH_OUTCOME_AT,
    RP_PUSH_OWNER_ID,
    RP_PUSH_NFIELDS
};
enum {
    RP_USER_ID,
    RP_USER_NAME,
    RP_USER_EMAIL,
    RP_USER_ROLE,
    RP_USER_TEAM,
    RP_USER_DISABLED,
    RP_USER_CREATED_AT,
    RP_USER_UPDATED_AT,
    RP_USER_NFIELDS
};
enum {
    RP_HISTORY_ID,
    RP_HISTORY_ENTITY,
    RP_HISTORY_ENTITY_ID,
    RP_HISTORY_FIELD,
    RP_HISTORY_FROM,
    RP_HISTORY_TO,
    RP_HISTORY_REASON,
    RP_HISTORY_AT,
    RP_HISTORY_USER_ID,
    RP_HISTORY_NFIELDS
};

/* ---- records ---------------------------------------------------------------------- */

/* One field's value: `i` for ids, numbers, booleans, dates (days) and instants (epoch
 * seconds); `s` (owned) for text, enums, e-mail and currency. */
struct rp_value {
    int set;
    int64_t i;
    char *s;
};

struct rp_record {
    const struct rp_kind *kind;
    struct rp_value *v; /* kind->nfields values, owned */
};

struct rp_records {
    struct rp_record *items;
    size_t n, cap;
};

/* An empty record of KIND in REC (its values owned by REC): release it with
 * rp_record_release, which frees the values and leaves REC empty (releasing an empty or
 * zeroed record is nothing to do). A list owns its records: rp_records_release releases
 * each and the array, and leaves LIST empty. */
enum rp_status rp_record_init(struct rp_record *rec, enum rp_kind_id kind);
void rp_record_release(struct rp_record *rec);
/* A copy of SRC into DST, its values DST's own (release it with rp_record_release). */
enum rp_status rp_record_copy(struct rp_record *dst, const struct rp_record *src);
void rp_records_release(struct rp_records *list);
/* Takes REC (leaving it empty) onto the end of LIST, which owns it from then on. */
enum rp_status rp_records_push(struct rp_records *list, struct rp_record *rec);

void rp_record_set_int(struct rp_record *rec, int f, int64_t i);
/* Copies S; NULL clears. */
enum rp_status rp_record_set_str(struct rp_record *rec, int f, const char *s);
void rp_record_clear(struct rp_record *rec, int f);
/* The value of a text-like field, or NULL when unset. Borrowed: valid until the field is
 * set again or REC is released. */
const char *rp_record_str(const struct rp_record *rec, int f);
/* The value of a numeric field, or DEF when unset. */
int64_t rp_record_int(const struct rp_record *rec, int f, int64_t def);

#endif
