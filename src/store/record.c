/* The record model: the closed vocabularies of DESIGN.md section 3 and one field table per
 * kind of record (rapport/model.h). Every surface (CLI flags, JSON bodies, CSV columns)
 * validates through these tables (core/value.c), so a rule about a field lives once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport/model.h"
#include "base/grow.h"
#include "base/banned.h"

#define VOCAB(name, ...) const char *const rp_vocab_##name[] = {__VA_ARGS__, NULL}

VOCAB(account_status, "prospect", "customer", "former");
VOCAB(trigger, "moving", "new-office", "growth", "new-staff", "contract-ending", "referral",
      "inbound", "cold-call", "other");
VOCAB(urgency, "none", "low", "medium", "high");
VOCAB(style, "direct", "standard", "gentle");
VOCAB(risk, "low", "medium", "high");
VOCAB(role, "decision-maker", "co-decider", "veto", "influencer", "user", "gatekeeper", "unknown");
VOCAB(stage, "lead", "qualified", "meeting", "proposal", "negotiation", "won", "lost",
      "no-decision");
VOCAB(activity_kind, "call", "email", "meeting", "demo", "voicemail", "text", "visit", "note",
      "card");
VOCAB(direction, "in", "out", "none");
VOCAB(outcome, "connected", "replied", "held", "no-answer", "left-message", "no-show");
VOCAB(meeting_kind, "intro", "discovery", "demo", "proposal", "follow-up", "signing", "training",
      "support");
VOCAB(meeting_status, "planned", "held", "no-show", "rescheduled", "cancelled");
VOCAB(claim_status, "unverified", "clarified", "verified", "contradicted");
VOCAB(loss_reason, "price", "turnaround", "support", "features", "trust", "timing", "relationship",
      "status-quo", "other");
VOCAB(push_outcome, "pending", "ignored", "informed", "revived");
VOCAB(user_role, "rep", "manager", "admin");
VOCAB(asked_by, "us", "them");
static VOCAB(binding, "yes", "no", "unknown");
static VOCAB(agreement_status, "open", "kept", "superseded", "cancelled");
static VOCAB(push_mode, "send", "record");

int rp_vocab_index(const char *const *vocab, const char *word)
{
    for (int i = 0; vocab[i]; i++)
        if (!strcmp(vocab[i], word))
            return i;
    return -1;
}

const char *rp_vocab_list(const char *const *vocab, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; vocab[i] && n < size; i++) {
        int w = snprintf(out + n, size - n, "%s%s", i ? ", " : "", vocab[i]);
        n += w > 0 ? (size_t)w : 0;
    }
    return out;
}

/* Shorthands for the field tables. */
#define IN (RP_F_INPUT | RP_F_EDIT)
#define REQ (RP_F_REQUIRED | RP_F_INPUT)
#define LIST RP_F_LIST
#define ID_FIELD                                                                                   \
    {                                                                                              \
        "id", RP_T_ID, LIST, NULL, 0, NULL, NULL, "record id"                                      \
    }
#define STAMP(name)                                                                                \
    {                                                                                              \
        name, RP_T_INSTANT, 0, NULL, 0, NULL, NULL, NULL                                           \
    }
/* What belongs to an account is its owner's: derived from the account, never set. */
#define OWNER_FIELD                                                                                \
    {                                                                                              \
        "owner_id", RP_T_REF, 0, NULL, RP_USER, NULL, NULL, "the account's owner"                  \
    }

static const struct rp_field account_fields[] = {
    [RP_ACCOUNT_ID] = ID_FIELD,
    [RP_ACCOUNT_NAME] = {"name", RP_T_NAME, REQ | RP_F_EDIT | LIST, NULL, 0, NULL, NULL,
                         "the company's name"},
    [RP_ACCOUNT_INDUSTRY] = {"industry", RP_T_TEXT, IN, NULL, 0, NULL, NULL, "industry"},
    [RP_ACCOUNT_TRIGGER] = {"trigger", RP_T_ENUM, IN | LIST, rp_vocab_trigger, 0, NULL, NULL,
                            "why they are talking to us"},
    [RP_ACCOUNT_NEED] = {"need", RP_T_TEXT, IN, NULL, 0, NULL, NULL, "what they need"},
    [RP_ACCOUNT_URGENCY] = {"urgency", RP_T_ENUM, IN | LIST, rp_vocab_urgency, 0, NULL, NULL,
                            "how urgent the need is"},
    [RP_ACCOUNT_STYLE] = {"style", RP_T_ENUM, IN, rp_vocab_style, 0, "standard", NULL,
                          "how firmly to persist"},
    [RP_ACCOUNT_RISK] = {"risk", RP_T_ENUM, IN, rp_vocab_risk, 0, NULL, NULL,
                         "tolerance for change"},
    [RP_ACCOUNT_PROVIDER] = {"provider", RP_T_TEXT, IN, NULL, 0, NULL, NULL, "current provider"},
    [RP_ACCOUNT_CONTRACT_ENDS] = {"contract_ends", RP_T_DATE, IN, NULL, 0, NULL, "contract-ends",
                                  "when the current contract ends"},
    [RP_ACCOUNT_BINDING] = {"binding", RP_T_ENUM, IN, rp_vocab_binding, 0, NULL, NULL,
                            "whether that contract binds them"},
    [RP_ACCOUNT_STATUS] = {"status", RP_T_ENUM, RP_F_EDIT | LIST, rp_vocab_account_status, 0,
                           "prospect", NULL, "prospect, customer or former"},
    [RP_ACCOUNT_HOLD_UNTIL] = {"hold_until", RP_T_DATE, LIST, NULL, 0, NULL, NULL, NULL},
    [RP_ACCOUNT_HOLD_UNLESS_INBOUND] = {"hold_unless_inbound", RP_T_BOOL, 0, NULL, 0, "no", NULL,
                                        NULL},
    [RP_ACCOUNT_HOLD_REASON] = {"hold_reason", RP_T_TEXT, 0, NULL, 0, NULL, NULL, NULL},
    [RP_ACCOUNT_CHECKIN_DAYS] = {"checkin_days", RP_T_INT, 0, NULL, 0, NULL, NULL, NULL},
    [RP_ACCOUNT_CREATED_AT] = STAMP("created_at"),
    [RP_ACCOUNT_UPDATED_AT] = STAMP("updated_at"),
    [RP_ACCOUNT_OWNER_ID] = {"owner_id", RP_T_REF, IN | LIST, NULL, RP_USER, NULL, "owner",
                             "the user it belongs to (default: you)"},
};

static const struct rp_field contact_fields[] = {
    [RP_CONTACT_ID] = ID_FIELD,
    [RP_CONTACT_ACCOUNT_ID] = {"account_id", RP_T_REF, REQ | RP_F_EDIT | LIST, NULL, RP_ACCOUNT,
                               NULL, "account", "the contact's account"},
    [RP_CONTACT_NAME] = {"name", RP_T_NAME, REQ | RP_F_EDIT | LIST, NULL, 0, NULL, NULL,
                         "full name"},
    [RP_CONTACT_TITLE] = {"title", RP_T_TEXT, IN | LIST, NULL, 0, NULL, NULL, "job title"},
    [RP_CONTACT_EMAIL] = {"email", RP_T_EMAIL, IN | LIST, NULL, 0, NULL, NULL, "e-mail address"},
    [RP_CONTACT_PHONE] = {"phone", RP_T_TEXT, IN | LIST, NULL, 0, NULL, NULL, "phone number"},
    [RP_CONTACT_ROLE] = {"role", RP_T_ENUM, IN | LIST, rp_vocab_role, 0, "unknown", NULL,
                         "part in the decision"},
    [RP_CONTACT_PRIMARY] = {"primary", RP_T_BOOL, IN | LIST, NULL, 0, "no", NULL,
                            "the account's main contact"},
    [RP_CONTACT_CREATED_AT] = STAMP("created_at"),
    [RP_CONTACT_UPDATED_AT] = STAMP("updated_at"),
    [RP_CONTACT_OWNER_ID] = OWNER_FIELD,
};

static const struct rp_field deal_fields[] = {
    [RP_DEAL_ID] = ID_FIELD,
    [RP_DEAL_ACCOUNT_ID] = {"account_id", RP_T_REF, REQ | LIST, NULL, RP_ACCOUNT, NULL, "account",
                            "the deal's account"},
    [RP_DEAL_TITLE] = {"title", RP_T_NAME, REQ | RP_F_EDIT | LIST, NULL, 0, NULL, NULL,
                       "what is being sold"},
    [RP_DEAL_VALUE_CENTS] = {"value_cents", RP_T_MONEY, IN | LIST, NULL, 0, "0", "value",
                             "amount, e.g. 12,000.00"},
    [RP_DEAL_CURRENCY] = {"currency", RP_T_CURRENCY, IN, NULL, 0, NULL, NULL,
                          "ISO 4217 code (default: setting currency)"},
    [RP_DEAL_STAGE] = {"stage", RP_T_ENUM, RP_F_INPUT | LIST, rp_vocab_stage, 0, "lead", NULL,
                       "the deal's stage (a new deal starts at an open one: lead to "
                       "negotiation)"},
    [RP_DEAL_DECISION_BY] = {"decision_by", RP_T_DATE, IN | LIST, NULL, 0, NULL, "decision-by",
                             "when they decide"},
    [RP_DEAL_DECISION_PROCESS] = {"decision_process", RP_T_TEXT, IN, NULL, 0, NULL,
                                  "decision-process", "how they decide"},
    [RP_DEAL_COMPETITOR] = {"competitor", RP_T_TEXT, IN, NULL, 0, NULL, NULL,
                            "who else they consider"},
    [RP_DEAL_CLOSE_REASON] = {"close_reason", RP_T_ENUM, 0, rp_vocab_loss_reason, 0, NULL, NULL,
                              NULL},
    [RP_DEAL_CLOSE_NOTE] = {"close_note", RP_T_TEXT, 0, NULL, 0, NULL, NULL, NULL},
    [RP_DEAL_HOLD_UNTIL] = {"hold_until", RP_T_DATE, 0, NULL, 0, NULL, NULL, NULL},
    [RP_DEAL_HOLD_REASON] = {"hold_reason", RP_T_TEXT, 0, NULL, 0, NULL, NULL, NULL},
    [RP_DEAL_OPENED_AT] = STAMP("opened_at"),
    [RP_DEAL_CLOSED_AT] = STAMP("closed_at"),
    [RP_DEAL_UPDATED_AT] = STAMP("updated_at"),
    [RP_DEAL_OWNER_ID] = OWNER_FIELD,
    [RP_DEAL_HOLD_UNLESS_INBOUND] = {"hold_unless_inbound", RP_T_BOOL, 0, NULL, 0, "no", NULL,
                                     NULL},
};

static const struct rp_field activity_fields[] = {
    [RP_ACTIVITY_ID] = ID_FIELD,
    [RP_ACTIVITY_ACCOUNT_ID] = {"account_id", RP_T_REF, RP_F_INPUT | LIST, NULL, RP_ACCOUNT, NULL,
                                "account", "the account"},
    [RP_ACTIVITY_DEAL_ID] = {"deal_id", RP_T_REF, RP_F_INPUT | LIST, NULL, RP_DEAL, NULL, "deal",
                             "the deal"},
    [RP_ACTIVITY_CONTACT_ID] = {"contact_id", RP_T_REF, IN | LIST, NULL, RP_CONTACT, NULL,
                                "contact", "who it was with"},
    [RP_ACTIVITY_KIND] = {"kind", RP_T_ENUM, REQ | RP_F_EDIT | LIST, rp_vocab_activity_kind, 0,
                          NULL, NULL, "what happened"},
    [RP_ACTIVITY_DIRECTION] = {"direction", RP_T_ENUM, REQ | RP_F_EDIT | LIST, rp_vocab_direction,
                               0, NULL, "dir", "who reached out"},
    [RP_ACTIVITY_OUTCOME] = {"outcome", RP_T_ENUM, IN | LIST, rp_vocab_outcome, 0, NULL, NULL,
                             "how it went"},
    [RP_ACTIVITY_AT] = {"at", RP_T_INSTANT, IN | LIST, NULL, 0, NULL, NULL, "when (default: now)"},
    [RP_ACTIVITY_TEXT] = {"text", RP_T_TEXT, IN | LIST, NULL, 0, NULL, NULL, "what was said"},
    [RP_ACTIVITY_CREATED_AT] = STAMP("created_at"),
    [RP_ACTIVITY_OWNER_ID] = OWNER_FIELD,
};

static const struct rp_field agreement_fields[] = {
    [RP_AGREEMENT_ID] = ID_FIELD,
    [RP_AGREEMENT_ACCOUNT_ID] = {"account_id", RP_T_REF, RP_F_INPUT | LIST, NULL, RP_ACCOUNT, NULL,
                                 "account",
                                 "the account, for a next step after the sale "
                                 "(else the deal's)"},
    [RP_AGREEMENT_DEAL_ID] = {"deal_id", RP_T_REF, RP_F_INPUT | LIST, NULL, RP_DEAL, NULL, "deal",
                              "the deal"},
    [RP_AGREEMENT_CONTACT_ID] = {"contact_id", RP_T_REF, IN | LIST, NULL, RP_CONTACT, NULL,
                                 "contact", "who agreed"},
    [RP_AGREEMENT_MADE_ON] = {"made_on", RP_T_DATE, RP_F_INPUT | LIST, NULL, 0, NULL, "made-on",
                              "when it was agreed (default: today)"},
    [RP_AGREEMENT_DUE_ON] = {"due_on", RP_T_DATE, REQ | RP_F_EDIT | LIST, NULL, 0, NULL, "on",
                             "the day you agreed to speak again"},
    [RP_AGREEMENT_TOPIC] = {"topic", RP_T_TEXT, IN, NULL, 0, NULL, NULL,
                            "what you will talk about, quoted in drafts ('the partner "
                            "meeting')"},
    [RP_AGREEMENT_NOTE] = {"note", RP_T_TEXT, IN | LIST, NULL, 0, NULL, NULL,
                           "what was agreed, for you alone: never in a message"},
    [RP_AGREEMENT_STATUS] = {"status", RP_T_ENUM, LIST, rp_vocab_agreement_status, 0, "open", NULL,
                             NULL},
    [RP_AGREEMENT_CLOSED_AT] = STAMP("closed_at"),
    [RP_AGREEMENT_CREATED_AT] = STAMP("created_at"),
    [RP_AGREEMENT_OWNER_ID] = OWNER_FIELD,
};

static const struct rp_field meeting_fields[] = {
    [RP_MEETING_ID] = ID_FIELD,
    [RP_MEETING_ACCOUNT_ID] = {"account_id", RP_T_REF, LIST, NULL, RP_ACCOUNT, NULL, "account",
                               NULL},
    [RP_MEETING_DEAL_ID] = {"deal_id", RP_T_REF, REQ | LIST, NULL, RP_DEAL, NULL, "deal",
                            "the deal"},
    [RP_MEETING_AT] = {"at", RP_T_INSTANT, REQ | RP_F_EDIT | LIST, NULL, 0, NULL, NULL,
                       "when it starts"},
    [RP_MEETING_MINUTES] = {"minutes", RP_T_INT, REQ | RP_F_EDIT | LIST, NULL, 0, NULL, NULL,
                            "how long they have"},
    [RP_MEETING_KIND] = {"kind", RP_T_ENUM, REQ | RP_F_EDIT | LIST, rp_vocab_meeting_kind, 0, NULL,
                         NULL, "what the meeting is for"},
    [RP_MEETING_STATUS] = {"status", RP_T_ENUM, LIST, rp_vocab_meeting_status, 0, "planned", NULL,
                           NULL},
    [RP_MEETING_CREATED_AT] = STAMP("created_at"),
    [RP_MEETING_UPDATED_AT] = STAMP("updated_at"),
    [RP_MEETING_OWNER_ID] = OWNER_FIELD,
    [RP_MEETING_RESCHEDULED_BY] = {"rescheduled_by", RP_T_ENUM, 0, rp_vocab_asked_by, 0, NULL, NULL,
                                   NULL},
};

static const struct rp_field claim_fields[] = {
    [RP_CLAIM_ID] = ID_FIELD,
    [RP_CLAIM_ACCOUNT_ID] = {"account_id", RP_T_REF, LIST, NULL, RP_ACCOUNT, NULL, "account", NULL},
    [RP_CLAIM_DEAL_ID] = {"deal_id", RP_T_REF, REQ | LIST, NULL, RP_DEAL, NULL, "deal", "the deal"},
    [RP_CLAIM_CONTACT_ID] = {"contact_id", RP_T_REF, IN | LIST, NULL, RP_CONTACT, NULL, "contact",
                             "who said it"},
    [RP_CLAIM_TEXT] = {"text", RP_T_NAME, REQ | RP_F_EDIT | LIST, NULL, 0, NULL, NULL,
                       "what they told you"},
    [RP_CLAIM_STATUS] = {"status", RP_T_ENUM, LIST, rp_vocab_claim_status, 0, "unverified", NULL,
                         NULL},
    [RP_CLAIM_NOTE] = {"note", RP_T_TEXT, RP_F_EDIT | LIST, NULL, 0, NULL, NULL,
                       "the example or evidence"},
    [RP_CLAIM_CREATED_AT] = STAMP("created_at"),
    [RP_CLAIM_UPDATED_AT] = STAMP("updated_at"),
    [RP_CLAIM_OWNER_ID] = OWNER_FIELD,
};

static const struct rp_field statement_fields[] = {
    [RP_STATEMENT_ID] = ID_FIELD,
    [RP_STATEMENT_ACCOUNT_ID] = {"account_id", RP_T_REF, LIST, NULL, RP_ACCOUNT, NULL, "account",
                                 NULL},
    [RP_STATEMENT_DEAL_ID] = {"deal_id", RP_T_REF, REQ | LIST, NULL, RP_DEAL, NULL, "deal",
                              "the deal"},
    [RP_STATEMENT_CONTACT_ID] = {"contact_id", RP_T_REF, IN | LIST, NULL, RP_CONTACT, NULL,
                                 "contact", "whom you told"},
    [RP_STATEMENT_TEXT] = {"text", RP_T_NAME, REQ | RP_F_EDIT | LIST, NULL, 0, NULL, NULL,
                           "what you told them"},
    [RP_STATEMENT_AT] = {"at", RP_T_INSTANT, RP_F_INPUT | LIST, NULL, 0, NULL, NULL,
                         "when (default: now)"},
    [RP_STATEMENT_OWNER_ID] = OWNER_FIELD,
};

static const struct rp_field invoice_fields[] = {
    [RP_INVOICE_ID] = ID_FIELD,
    [RP_INVOICE_ACCOUNT_ID] = {"account_id", RP_T_REF, REQ | LIST, NULL, RP_ACCOUNT, NULL,
                               "account", "the customer"},
    [RP_INVOICE_NUMBER] = {"number", RP_T_TEXT, IN | LIST, NULL, 0, NULL, NULL, "invoice number"},
    [RP_INVOICE_AMOUNT_CENTS] = {"amount_cents", RP_T_MONEY, REQ | RP_F_EDIT | LIST, NULL, 0, NULL,
                                 "amount", "amount, e.g. 1,200.00"},
    [RP_INVOICE_CURRENCY] = {"currency", RP_T_CURRENCY, IN | LIST, NULL, 0, NULL, NULL,
                             "ISO 4217 code (default: setting currency)"},
    [RP_INVOICE_DUE_ON] = {"due_on", RP_T_DATE, REQ | RP_F_EDIT | LIST, NULL, 0, NULL, "due",
                           "payment due date"},
    [RP_INVOICE_PAID_ON] = {"paid_on", RP_T_DATE, LIST, NULL, 0, NULL, NULL, NULL},
    [RP_INVOICE_CREATED_AT] = STAMP("created_at"),
    [RP_INVOICE_OWNER_ID] = OWNER_FIELD,
    [RP_INVOICE_PROMISED_ON] = {"promised_on", RP_T_DATE, RP_F_EDIT | LIST, NULL, 0, NULL,
                                "promised", "the day they promised to pay by"},
};

static const struct rp_field push_fields[] = {
    [RP_PUSH_ID] = ID_FIELD,
    [RP_PUSH_ACCOUNT_ID] = {"account_id", RP_T_REF, LIST, NULL, RP_ACCOUNT, NULL, "account", NULL},
    [RP_PUSH_DEAL_ID] = {"deal_id", RP_T_REF, REQ | LIST, NULL, RP_DEAL, NULL, "deal", NULL},
    [RP_PUSH_MODE] = {"mode", RP_T_ENUM, RP_F_INPUT | LIST, rp_vocab_push_mode, 0, "record", NULL,
                      NULL},
    [RP_PUSH_SENT_AT] = {"sent_at", RP_T_INSTANT, RP_F_INPUT | LIST, NULL, 0, NULL, NULL, NULL},
    [RP_PUSH_TO] = {"to", RP_T_TEXT, RP_F_INPUT, NULL, 0, NULL, NULL, NULL},
    [RP_PUSH_CC] = {"cc", RP_T_TEXT, RP_F_INPUT, NULL, 0, NULL, NULL, NULL},
    [RP_PUSH_SUBJECT] = {"subject", RP_T_TEXT, RP_F_INPUT, NULL, 0, NULL, NULL, NULL},
    [RP_PUSH_BODY] = {"body", RP_T_TEXT, RP_F_INPUT, NULL, 0, NULL, NULL, NULL},
    [RP_PUSH_OUTCOME] = {"outcome", RP_T_ENUM, LIST, rp_vocab_push_outcome, 0, "pending", NULL,
                         NULL},
    [RP_PUSH_COMPETITOR] = {"competitor", RP_T_TEXT, 0, NULL, 0, NULL, NULL, NULL},
    [RP_PUSH_REASON] = {"reason", RP_T_ENUM, 0, rp_vocab_loss_reason, 0, NULL, NULL, NULL},
    [RP_PUSH_NOTE] = {"note", RP_T_TEXT, 0, NULL, 0, NULL, NULL, NULL},
    [RP_PUSH_OUTCOME_AT] = STAMP("outcome_at"),
    [RP_PUSH_OWNER_ID] = OWNER_FIELD,
};

static const struct rp_field history_fields[] = {
    [RP_HISTORY_ID] = ID_FIELD,
    [RP_HISTORY_ENTITY] = {"entity", RP_T_TEXT, LIST, NULL, 0, NULL, NULL, NULL},
    [RP_HISTORY_ENTITY_ID] = {"entity_id", RP_T_INT, LIST, NULL, 0, NULL, NULL, NULL},
    [RP_HISTORY_FIELD] = {"field", RP_T_TEXT, LIST, NULL, 0, NULL, NULL, NULL},
    [RP_HISTORY_FROM] = {"from", RP_T_TEXT, LIST, NULL, 0, NULL, NULL, NULL},
    [RP_HISTORY_TO] = {"to", RP_T_TEXT, LIST, NULL, 0, NULL, NULL, NULL},
    [RP_HISTORY_REASON] = {"reason", RP_T_TEXT, LIST, NULL, 0, NULL, NULL, NULL},
    [RP_HISTORY_AT] = {"at", RP_T_INSTANT, LIST, NULL, 0, NULL, NULL, NULL},
    [RP_HISTORY_USER_ID] = {"user_id", RP_T_INT, LIST, NULL, 0, NULL, NULL, "who"},
};

static const struct rp_field user_fields[] = {
    [RP_USER_ID] = ID_FIELD,
    [RP_USER_NAME] = {"name", RP_T_NAME, REQ | RP_F_EDIT | LIST, NULL, 0, NULL, NULL, "full name"},
    [RP_USER_EMAIL] = {"email", RP_T_EMAIL, REQ | RP_F_EDIT | LIST, NULL, 0, NULL, NULL,
                       "login e-mail address"},
    [RP_USER_ROLE] = {"role", RP_T_ENUM, REQ | RP_F_EDIT | LIST, rp_vocab_user_role, 0, NULL, NULL,
                      "rep: own accounts; manager: the team's; admin: everything"},
    [RP_USER_TEAM] = {"team", RP_T_TEXT, IN | LIST, NULL, 0, NULL, NULL, "team name"},
    [RP_USER_DISABLED] = {"disabled", RP_T_BOOL, RP_F_EDIT | LIST, NULL, 0, "no", NULL,
                          "a disabled user cannot log in"},
    [RP_USER_CREATED_AT] = STAMP("created_at"),
    [RP_USER_UPDATED_AT] = STAMP("updated_at"),
};

#define KIND(id, name, table, fields)                                                              \
    [id] = {id, name, table, fields, sizeof(fields) / sizeof((fields)[0])}

static const struct rp_kind kinds[RP_KIND_COUNT] = {
    KIND(RP_ACCOUNT, "account", "accounts", account_fields),
    KIND(RP_CONTACT, "contact", "contacts", contact_fields),
    KIND(RP_DEAL, "deal", "deals", deal_fields),
    KIND(RP_ACTIVITY, "activity", "activities", activity_fields),
    KIND(RP_AGREEMENT, "agreement", "agreements", agreement_fields),
    KIND(RP_MEETING, "meeting", "meetings", meeting_fields),
    KIND(RP_CLAIM, "claim", "claims", claim_fields),
    KIND(RP_STATEMENT, "statement", "statements", statement_fields),
    KIND(RP_INVOICE, "invoice", "invoices", invoice_fields),
    KIND(RP_PUSH, "push", "pushes", push_fields),
    KIND(RP_HISTORY, "history", "history", history_fields),
    KIND(RP_USER, "user", "users", user_fields),
};

const struct rp_kind *rp_kind_get(enum rp_kind_id id)
{
    return (unsigned)id < RP_KIND_COUNT ? &kinds[id] : NULL;
}

const struct rp_kind *rp_kind_find(const char *s)
{
    for (size_t i = 0; i < RP_KIND_COUNT; i++)
        if (!strcmp(kinds[i].name, s) || !strcmp(kinds[i].table, s))
            return &kinds[i];
    return NULL;
}

int rp_kind_field(const struct rp_kind *kind, const char *name)
{
    for (size_t f = 0; f < kind->nfields; f++) {
        const struct rp_field *fd = &kind->fields[f];
        if (!strcmp(fd->name, name) || (fd->flag && !strcmp(fd->flag, name)))
            return (int)f;
    }
    return -1;
}

enum rp_status rp_record_init(struct rp_record *rec, enum rp_kind_id kind)
{
    rec->kind = rp_kind_get(kind);
    rec->v = calloc(rec->kind->nfields, sizeof(*rec->v));
    return rec->v ? RP_OK : RP_ERR_INTERNAL;
}

void rp_record_release(struct rp_record *rec)
{
    if (!rec->v)
        return;
    for (size_t f = 0; f < rec->kind->nfields; f++)
        free(rec->v[f].s);
    free(rec->v);
    rec->v = NULL;
}

enum rp_status rp_record_copy(struct rp_record *dst, const struct rp_record *src)
{
    enum rp_status rc = rp_record_init(dst, src->kind->id);
    for (size_t f = 0; f < src->kind->nfields && !rc; f++) {
        dst->v[f] = (struct rp_value){src->v[f].set, src->v[f].i, NULL};
        if (src->v[f].s && !(dst->v[f].s = strdup(src->v[f].s)))
            rc = RP_ERR_INTERNAL;
    }
    if (rc)
        rp_record_release(dst);
    return rc;
}

void rp_records_release(struct rp_records *list)
{
    for (size_t i = 0; i < list->n; i++)
        rp_record_release(&list->items[i]);
    free(list->items);
    *list = (struct rp_records){0};
}

enum rp_status rp_records_push(struct rp_records *list, struct rp_record *rec)
{
    if (RP_GROW(list->items, list->n + 1, list->cap))
        return RP_ERR_INTERNAL;
    list->items[list->n++] = *rec;
    rec->v = NULL;
    return RP_OK;
}

void rp_record_clear(struct rp_record *rec, int f)
{
    free(rec->v[f].s);
    rec->v[f] = (struct rp_value){0};
}

void rp_record_set_int(struct rp_record *rec, int f, int64_t i)
{
    rp_record_clear(rec, f);
    rec->v[f].set = 1;
    rec->v[f].i = i;
}

enum rp_status rp_record_set_str(struct rp_record *rec, int f, const char *s)
{
    char *copy = NULL;
    if (s && !(copy = strdup(s)))
        return RP_ERR_INTERNAL;
    rp_record_clear(rec, f);
    rec->v[f].set = s != NULL;
    rec->v[f].s = copy;
    return RP_OK;
}

const char *rp_record_str(const struct rp_record *rec, int f)
{
    return rec->v[f].set ? rec->v[f].s : NULL;
}

int64_t rp_record_int(const struct rp_record *rec, int f, int64_t def)
{
    return rec->v[f].set ? rec->v[f].i : def;
}
