/* Column recognition for imports; see import_cols.h. A header is compared with its letters
 * and digits only, lower case: "E-mail 1 - Value", "email1value" and "EMAIL 1 VALUE" are the
 * same column. */
#include "core/import_cols.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "base/banned.h"

const char *const rp_import_fields[] = {
    "name",        "first_name", "middle_name",
    "last_name",   "email",      "phone",
    "title",       "company",    "role",
    "industry",    "need",       "provider",
    "trigger",     "urgency",    "value",
    "currency",    "stage",      "status",
    "decision_by", "competitor", "decision_process",
    "lost_reason", "deleted",    NULL,
};

#define A (1u << RP_ACCOUNT)
#define C (1u << RP_CONTACT)
#define D (1u << RP_DEAL)

/* A recognised header. RANK orders the columns that fill one target (lower first); an
 * ALONE column is used only when no other column fills its target (Outlook's "Title" is
 * Mr. or Ms. beside its "Job Title"). docs/import.md lists this table. */
struct known_header {
    const char *norm;
    unsigned kinds;
    enum import_target target;
    int rank, alone;
};

static const struct known_header known_headers[] = {
    /* people: plain, HubSpot, Pipedrive, Salesforce, Google, Outlook */
    {"name", C | A, IT_NAME, 5, 0},
    {"fullname", C, IT_NAME, 4, 0},
    {"displayname", C, IT_NAME, 4, 0},
    {"personname", C, IT_NAME, 4, 0},
    {"contactname", C, IT_NAME, 4, 0},
    {"firstname", C, IT_FIRST, 1, 0},
    {"givenname", C, IT_FIRST, 2, 0},
    {"middlename", C, IT_MIDDLE, 1, 0},
    {"additionalname", C, IT_MIDDLE, 2, 0},
    {"lastname", C, IT_LAST, 1, 0},
    {"familyname", C, IT_LAST, 2, 0},
    {"surname", C, IT_LAST, 3, 0},
    {"email", C, IT_EMAIL, 1, 0},
    {"emailaddress", C, IT_EMAIL, 1, 0},
    {"workemail", C, IT_EMAIL, 1, 0},
    {"primaryemail", C, IT_EMAIL, 1, 0},
    {"personemail", C, IT_EMAIL, 1, 0},
    {"personemailwork", C, IT_EMAIL, 1, 0},
    {"email1value", C, IT_EMAIL, 1, 0},
    {"personemailhome", C, IT_EMAIL, 3, 0},
    {"personemailother", C, IT_EMAIL, 4, 0},
    {"email2value", C, IT_EMAIL, 5, 0},
    {"email2address", C, IT_EMAIL, 5, 0},
    {"email3address", C, IT_EMAIL, 6, 0},
    {"phone", C, IT_PHONE, 1, 0},
    {"phonenumber", C, IT_PHONE, 1, 0},
    {"businessphone", C, IT_PHONE, 1, 0},
    {"workphone", C, IT_PHONE, 1, 0},
    {"personphone", C, IT_PHONE, 1, 0},
    {"personphonework", C, IT_PHONE, 1, 0},
    {"phone1value", C, IT_PHONE, 1, 0},
    {"mobilephone", C, IT_PHONE, 2, 0},
    {"mobilephonenumber", C, IT_PHONE, 2, 0},
    {"mobile", C, IT_PHONE, 2, 0},
    {"personphonemobile", C, IT_PHONE, 2, 0},
    {"phone2value", C, IT_PHONE, 3, 0},
    {"homephone", C, IT_PHONE, 4, 0},
    {"personphonehome", C, IT_PHONE, 4, 0},
    {"otherphone", C, IT_PHONE, 5, 0},
    {"jobtitle", C, IT_TITLE, 1, 0},
    {"personjobtitle", C, IT_TITLE, 1, 0},
    {"organizationtitle", C, IT_TITLE, 1, 0},
    {"organization1title", C, IT_TITLE, 1, 0},
    {"position", C, IT_TITLE, 2, 0},
    {"title", C, IT_TITLE, 3, 1},
    {"company", C | D, IT_COMPANY, 1, 0},
    {"companyname", C | D, IT_COMPANY, 1, 0},
    {"associatedcompany", C | D, IT_COMPANY, 2, 0},
    {"organization", C | D, IT_COMPANY, 2, 0},
    {"organizationname", C | D, IT_COMPANY, 2, 0},
    {"organization1name", C, IT_COMPANY, 2, 0},
    {"personorganization", C, IT_COMPANY, 2, 0},
    {"dealorganization", D, IT_COMPANY, 2, 0},
    {"accountname", C | D, IT_COMPANY, 3, 0},
    {"account", C | D, IT_COMPANY, 4, 0},
    {"employer", C, IT_COMPANY, 5, 0},
    {"role", C, IT_ROLE, 1, 0},
    /* companies */
    {"companyname", A, IT_NAME, 1, 0},
    {"company", A, IT_NAME, 2, 0},
    {"organizationname", A, IT_NAME, 2, 0},
    {"organization", A, IT_NAME, 3, 0},
    {"accountname", A, IT_NAME, 3, 0},
    {"account", A, IT_NAME, 4, 0},
    {"industry", A, IT_INDUSTRY, 1, 0},
    {"organizationindustry", A, IT_INDUSTRY, 1, 0},
    {"need", A, IT_NEED, 1, 0},
    {"provider", A, IT_PROVIDER, 1, 0},
    {"currentprovider", A, IT_PROVIDER, 1, 0},
    {"trigger", A, IT_TRIGGER, 1, 0},
    {"urgency", A, IT_URGENCY, 1, 0},
    /* deals */
    {"dealname", D, IT_NAME, 1, 0},
    {"dealtitle", D, IT_NAME, 1, 0},
    {"opportunityname", D, IT_NAME, 1, 0},
    {"title", D, IT_NAME, 2, 0},
    {"name", D, IT_NAME, 3, 0},
    {"deal", D, IT_NAME, 4, 0},
    {"amount", D, IT_VALUE, 1, 0},
    {"value", D, IT_VALUE, 1, 0},
    {"dealvalue", D, IT_VALUE, 1, 0},
    {"dealamount", D, IT_VALUE, 1, 0},
    {"amountincompanycurrency", D, IT_VALUE, 2, 0},
    {"currency", D, IT_CURRENCY, 1, 0},
    {"dealcurrency", D, IT_CURRENCY, 1, 0},
    {"currencyisocode", D, IT_CURRENCY, 1, 0},
    {"currencycode", D, IT_CURRENCY, 1, 0},
    {"dealcurrencycode", D, IT_CURRENCY, 1, 0},
    {"stage", D, IT_STAGE, 1, 0},
    {"dealstage", D, IT_STAGE, 1, 0},
    {"stagename", D, IT_STAGE, 1, 0},
    {"pipelinestage", D, IT_STAGE, 2, 0},
    {"status", D, IT_STATUS, 1, 0},
    {"dealstatus", D, IT_STATUS, 1, 0},
    {"closedate", D, IT_DECISION_BY, 1, 0},
    {"expectedclosedate", D, IT_DECISION_BY, 1, 0},
    {"dealexpectedclosedate", D, IT_DECISION_BY, 1, 0},
    {"decisionby", D, IT_DECISION_BY, 1, 0},
    {"competitor", D, IT_COMPETITOR, 1, 0},
    {"competitors", D, IT_COMPETITOR, 1, 0},
    {"decisionprocess", D, IT_PROCESS, 1, 0},
    {"lostreason", D, IT_LOST_REASON, 1, 0},
    {"deallostreason", D, IT_LOST_REASON, 1, 0},
    {"closedlostreason", D, IT_LOST_REASON, 1, 0},
    {"lossreason", D, IT_LOST_REASON, 1, 0},
    /* every kind: a record deleted in the source system */
    {"isdeleted", A | C | D, IT_DELETED, 1, 0},
    {"deleted", A | C | D, IT_DELETED, 1, 0},
};

static void header_norm(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (; *s && n + 1 < size; s++)
        if (isalnum((unsigned char)*s))
            out[n++] = (char)tolower((unsigned char)*s);
    out[n] = '\0';
}

static const struct known_header *header_find(enum rp_kind_id kind, const char *text)
{
    char norm[128];
    header_norm(text, norm, sizeof(norm));
    for (size_t i = 0; i < sizeof(known_headers) / sizeof(known_headers[0]); i++)
        if ((known_headers[i].kinds & (1u << kind)) && !strcmp(known_headers[i].norm, norm))
            return &known_headers[i];
    return NULL;
}

static int target_named(const char *field)
{
    for (int t = 0; rp_import_fields[t]; t++)
        if (!strcmp(rp_import_fields[t], field))
            return t;
    return -1;
}

/* The --map entry for column COL, or NULL. Columns are named as in the header, case and
 * surrounding blanks ignored. */
static const struct rp_import_map *map_for(const char *col, const struct rp_import_map *map,
                                           size_t nmap)
{
    for (size_t i = nmap; i-- > 0;)
        if (!strcasecmp(map[i].column, col))
            return &map[i];
    return NULL;
}

static enum rp_status check_map(char *const *header, size_t n, const struct rp_import_map *map,
                                size_t nmap, char *err, size_t errsize)
{
    for (size_t i = 0; i < nmap; i++) {
        size_t k = 0;
        while (k < n && strcasecmp(header[k], map[i].column))
            k++;
        if (k == n) {
            snprintf(err, errsize, "no column '%s' in the file's header (--map COLUMN=FIELD)",
                     map[i].column);
            return RP_ERR_USAGE;
        }
        if (strcmp(map[i].field, "ignore") && target_named(map[i].field) < 0) {
            snprintf(err, errsize,
                     "unknown field '%s' in --map (expected ignore or one of "
                     "name, first_name, last_name, email, phone, title, company, role, "
                     "industry, value, currency, stage, decision_by, ...; see "
                     "docs/import.md)",
                     map[i].field);
            return RP_ERR_USAGE;
        }
    }
    return RP_OK;
}

/* Adds column K to target T keeping the columns ranked, best first. */
static void cols_add(struct import_cols *c, int t, size_t k, const int *rank, int r)
{
    size_t i = c->n[t];
    if (i == IMPORT_COLS_PER_TARGET)
        return;
    while (i > 0 && rank[c->col[t][i - 1]] > r) {
        c->col[t][i] = c->col[t][i - 1];
        i--;
    }
    c->col[t][i] = k;
    c->n[t]++;
}

enum rp_status import_cols_read(struct import_cols *c, enum rp_kind_id kind, char *const *header,
                                size_t n, const struct rp_import_map *map, size_t nmap, char *err,
                                size_t errsize)
{
    int rank[RP_CSV_FIELDS_MAX];
    memset(c, 0, sizeof(*c));
    enum rp_status rc = check_map(header, n, map, nmap, err, errsize);
    if (rc)
        return rc;
    c->columns = json_object();
    c->unknown = json_array();
    if (!c->columns || !c->unknown)
        return RP_ERR_INTERNAL;
    /* Alone columns wait until every other column has been placed. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < n && k < RP_CSV_FIELDS_MAX; k++) {
            const struct rp_import_map *m = map_for(header[k], map, nmap);
            const struct known_header *h = m ? NULL : header_find(kind, header[k]);
            int t = m ? target_named(m->field) : h ? (int)h->target : -1;
            if (pass == 0 && !m && !h && *header[k])
                json_array_append_new(c->unknown, json_string(header[k]));
            if (pass == 1 && h && h->alone && c->n[t])
                json_array_append_new(c->unknown, json_string(header[k]));
            if (t < 0 || (pass == 0) != !(h && h->alone) || (h && h->alone && c->n[t]))
                continue;
            rank[k] = m ? 0 : h->rank;
            cols_add(c, t, k, rank, rank[k]);
            json_object_set_new(c->columns, header[k], json_string(rp_import_fields[t]));
        }
    return RP_OK;
}

void import_cols_release(struct import_cols *c)
{
    json_decref(c->columns);
    json_decref(c->unknown);
    c->columns = c->unknown = NULL;
}

const char *import_cols_get(const struct import_cols *c, int t, char *const *fields, size_t n)
{
    for (size_t i = 0; i < c->n[t]; i++) {
        size_t k = c->col[t][i];
        if (k < n && fields[k][0])
            return fields[k];
    }
    return NULL;
}
