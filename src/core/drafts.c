/* The messages Rapport drafts (docs/drafts.md): the user's templates and the defaults,
 * and the building of a draft for an agenda item from the records it is about. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/locale.h"
#include "base/parse.h"
#include "core/db.h"
#include "core/drafts.h"
#include "core/rules.h"
#include "core/template.h"
#include "base/banned.h"

#define SUBJECT_MAX 300
#define BODY_MAX 20000

const char *const rp_draft_kinds[] = {
    "followup-missed",
    "no-show",
    "meeting-too-short",
    "payment-late",
    "checkin-due",
    "thank-you",
    "push",
    NULL,
};

void rp_draft_release(struct rp_draft *d)
{
    for (size_t i = 0; i < d->nto; i++)
        free(d->to[i]);
    for (size_t i = 0; i < d->ncc; i++)
        free(d->cc[i]);
    free(d->to);
    free(d->cc);
    free(d->subject);
    free(d->body);
    *d = (struct rp_draft){0};
}

static json_t *strings_json(char **list, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        json_array_append_new(arr, json_string(list[i]));
    return arr;
}

json_t *rp_draft_to_json(const struct rp_draft *d)
{
    return json_pack("{s:o,s:o,s:s,s:s}", "to", strings_json(d->to, d->nto), "cc",
                     strings_json(d->cc, d->ncc), "subject", d->subject ? d->subject : "", "body",
                     d->body ? d->body : "");
}

/* ---- templates ------------------------------------------------------------------------ */

/* The indexes of KIND in rp_draft_kinds and STYLE in rp_vocab_style (NULL: standard). */
static enum rp_status template_find(struct rp_db *db, const char *kind, const char *style, int *k,
                                    int *s)
{
    char list[256];
    *k = kind ? rp_vocab_index(rp_draft_kinds, kind) : -1;
    *s = rp_vocab_index(rp_vocab_style, style ? style : "standard");
    if (*k < 0) {
        rp_db_fail(db, RP_ERR_NOTFOUND, "kind", "no draft kind '%s' (expected one of %s)",
                   kind ? kind : "", rp_vocab_list(rp_draft_kinds, list, sizeof(list)));
        return RP_ERR_NOTFOUND;
    }
    if (*s < 0) {
        rp_db_fail(db, RP_ERR_INVALID, "style", "invalid style '%s' (expected one of %s)", style,
                   rp_vocab_list(rp_vocab_style, list, sizeof(list)));
        return RP_ERR_INVALID;
    }
    return RP_OK;
}

void rp_template_release(struct rp_template *t)
{
    free(t->subject);
    free(t->body);
    t->subject = t->body = NULL;
}

json_t *rp_template_to_json(const struct rp_template *t)
{
    int k = rp_vocab_index(rp_draft_kinds, t->kind);
    json_t *names = json_array();
    for (int v = 0; names && k >= 0 && v < RP_V_COUNT; v++)
        if (rp_draft_defs[k].vars & (1u << v))
            json_array_append_new(names, json_string(rp_tpl_names[v]));
    return json_pack("{s:s,s:s,s:b,s:s,s:s,s:o}", "kind", t->kind, "style", t->style, "custom",
                     t->custom, "subject", t->subject, "body", t->body, "placeholders", names);
}

/* The template of kind K and style S into OUT: SUBJECT and BODY (copied) when the user
 * wrote one (SUBJECT not NULL), else the default. */
static enum rp_status template_make(struct rp_db *db, int k, int s, const char *subject,
                                    const char *body, struct rp_template *out)
{
    out->kind = rp_draft_kinds[k];
    out->style = rp_vocab_style[s];
    out->custom = subject != NULL;
    out->subject = strdup(out->custom ? subject : rp_draft_defs[k].text[s].subject);
    out->body = strdup(out->custom ? body : rp_draft_defs[k].text[s].body);
    if (out->subject && out->body)
        return RP_OK;
    rp_template_release(out);
    return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
}

enum rp_status rp_template_get(struct rp_db *db, const char *kind, const char *style,
                               struct rp_template *out)
{
    int k, s, found = 0;
    char *subject = NULL, *body = NULL;
    enum rp_status rc = template_find(db, kind, style, &k, &s);
    if (!rc)
        rc = rp_store_template_get(db->store, rp_draft_kinds[k], rp_vocab_style[s], &subject, &body,
                                   &found);
    if (!rc)
        rc = template_make(db, k, s, found ? subject : NULL, body, out);
    free(subject);
    free(body);
    return rc;
}

/* The template of kind K and style S among ROWS, the user's templates. */
static enum rp_status template_pick(struct rp_db *db, const struct rp_store_template *rows,
                                    size_t n, int k, int s, struct rp_template *out)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].kind, rp_draft_kinds[k]) && !strcmp(rows[i].style, rp_vocab_style[s]))
            return template_make(db, k, s, rows[i].subject, rows[i].body, out);
    return template_make(db, k, s, NULL, NULL, out);
}

/* Every template (kind by kind, each style in turn) into ALL, in one read of the store. */
static enum rp_status templates_read_all(struct rp_db *db, struct rp_template all[][3])
{
    struct rp_store_template *rows = NULL;
    size_t n = 0;
    enum rp_status rc = rp_store_templates(db->store, &rows, &n);
    for (int k = 0; !rc && k < RP_DRAFT_KIND_COUNT; k++)
        for (int s = 0; !rc && s < 3; s++)
            rc = template_pick(db, rows, n, k, s, &all[k][s]);
    rp_store_templates_free(rows, n);
    for (int i = 0; rc && i < RP_DRAFT_KIND_COUNT; i++)
        for (int j = 0; j < 3; j++)
            rp_template_release(&all[i][j]);
    return rc;
}

/* Templates speak for the whole team: admins and managers change them. */
static enum rp_status template_may_change(struct rp_db *db)
{
    if (!db->actor.id || !strcmp(db->actor.role, "admin") || !strcmp(db->actor.role, "manager"))
        return RP_OK;
    return rp_db_fail(db, RP_ERR_FORBIDDEN, NULL,
                      "cannot change templates (only admins and "
                      "managers change the team's templates)");
}

static enum rp_status template_check(struct rp_db *db, int k, const char *field, const char *text,
                                     size_t max)
{
    char err[768], what[64];
    if (rp_valid_text(text))
        return rp_db_fail(db, RP_ERR_INVALID, field, "invalid template %s (not UTF-8 text)", field);
    if (strlen(text) > max)
        return rp_db_fail(db, RP_ERR_INVALID, field,
                          "template %s is too long (at most %zu "
                          "bytes)",
                          field, max);
    if (!strcmp(field, "subject") && (!*text || strpbrk(text, "\r\n")))
        return rp_db_fail(db, RP_ERR_INVALID, field,
                          "invalid template subject (one line, not "
                          "empty)");
    snprintf(what, sizeof(what), "%s drafts", rp_draft_kinds[k]);
    if (rp_tpl_check(text, rp_draft_defs[k].vars, what, err, sizeof(err)))
        return rp_db_fail(db, RP_ERR_INVALID, field, "%s", err);
    return RP_OK;
}

enum rp_status rp_template_set(struct rp_db *db, const char *kind, const char *style,
                               const char *subject, const char *body)
{
    struct rp_template t = {0};
    int k, s;
    enum rp_status rc;
    if ((rc = template_find(db, kind, style, &k, &s)) || (rc = template_may_change(db)) ||
        (subject && (rc = template_check(db, k, "subject", subject, SUBJECT_MAX))) ||
        (body && (rc = template_check(db, k, "body", body, BODY_MAX))) ||
        (rc = rp_template_get(db, kind, style, &t)))
        return rc;
    rc = rp_store_template_put(db->store, t.kind, t.style, subject ? subject : t.subject,
                               body ? body : t.body, rp_db_now(db));
    rp_template_release(&t);
    return rc;
}

enum rp_status rp_template_reset(struct rp_db *db, const char *kind, const char *style)
{
    int k, s;
    enum rp_status rc;
    if ((rc = template_find(db, kind, style, &k, &s)) || (rc = template_may_change(db)))
        return rc;
    return rp_store_template_put(db->store, rp_draft_kinds[k], rp_vocab_style[s], NULL, NULL, 0);
}

enum rp_status rp_templates_json(struct rp_db *db, json_t **out)
{
    struct rp_template all[RP_DRAFT_KIND_COUNT][3] = {{{0}}};
    json_t *list = json_array();
    enum rp_status rc = list ? RP_OK : rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    if (!rc)
        rc = templates_read_all(db, all);
    for (int k = 0; k < RP_DRAFT_KIND_COUNT; k++)
        for (int s = 0; s < 3; s++) {
            if (!rc && json_array_append_new(list, rp_template_to_json(&all[k][s])))
                rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
            rp_template_release(&all[k][s]);
        }
    if (rc) {
        json_decref(list);
        return rc;
    }
    *out = list;
    return RP_OK;
}

/* ---- building a draft ------------------------------------------------------------------ */

/* What a draft is built from: the records it is about and the placeholders' values. */
struct draft_build {
    struct rp_db *db;
    const struct rp_draft_request *req;
    struct rp_record account, deal, own_ref;
    const struct rp_record *ref;       /* the request's, else own_ref */
    const struct rp_records *contacts; /* the request's, else own_contacts */
    struct rp_records own_contacts;
    struct rp_draft_shared *shared; /* the request's, else own_shared */
    struct rp_draft_shared own_shared;
    int64_t preferred; /* the contact to write to, when they have an address */
    const char *style; /* the account's persistence style; borrowed */
    struct rp_buf val[RP_V_COUNT];
};

static int add_address(char ***list, size_t *n, const char *address)
{
    char **grown = realloc(*list, (*n + 1) * sizeof(**list));
    if (!grown)
        return -1;
    *list = grown;
    if (!(grown[*n] = strdup(address)))
        return -1;
    (*n)++;
    return 0;
}

/* The contact to write to: PREFERRED if it has an address, else the primary contact,
 * else the decision maker, else a co-decider or veto holder, else anyone with an address;
 * NULL when nobody has one. */
static const struct rp_record *main_recipient(const struct rp_records *contacts, int64_t preferred)
{
    const struct rp_record *primary = NULL, *maker = NULL, *decider = NULL, *any = NULL;
    for (size_t i = 0; i < contacts->n; i++) {
        const struct rp_record *c = &contacts->items[i];
        const char *role = rp_record_str(c, RP_CONTACT_ROLE);
        if (!rp_record_str(c, RP_CONTACT_EMAIL))
            continue;
        if (c->v[0].i == preferred)
            return c;
        if (!primary && rp_record_int(c, RP_CONTACT_PRIMARY, 0))
            primary = c;
        if (!maker && role && !strcmp(role, "decision-maker"))
            maker = c;
        if (!decider && rp_role_decides(role))
            decider = c;
        if (!any)
            any = c;
    }
    return primary ? primary : maker ? maker : decider ? decider : any;
}

/* "Eva" of "Eva Stein", and of "Dr. Eva Stein": a title ends with a full stop. */
static void first_name(struct rp_buf *b, const char *name)
{
    const char *p = name;
    for (;;) {
        size_t n = strcspn(p, " ");
        if (n && p[n - 1] == '.' && p[n] == ' ' && p[n + 1]) {
            p += n + 1;
            continue;
        }
        rp_buf_add(b, p, n);
        return;
    }
}

static void set_day(struct draft_build *b, enum rp_tpl_var v, int64_t day)
{
    if (day >= 0)
        rp_locale_date(&b->val[v], b->shared->locale, day);
}

static void set_int(struct draft_build *b, enum rp_tpl_var v, int64_t n)
{
    rp_buf_addf(&b->val[v], "%lld", (long long)n);
}

/* The Nth working day (Monday to Friday) after DAY. */
static int64_t working_day_after(int64_t day, int n)
{
    while (n > 0)
        if (rp_date_weekday(++day) < 5)
            n--;
    return day;
}

/* Whether an outbound touch since DAY went unanswered: only then may a draft say "I
 * haven't been able to reach you". */
static enum rp_status tried_since(struct draft_build *b, int64_t day, int *tried)
{
    struct rp_records acts = {0};
    int64_t from = rp_local_instant(day, 0, 0);
    const int64_t *last = b->req->last_touch;
    if (last) {
        *tried = *last >= from;
        return RP_OK;
    }
    enum rp_status rc =
        rp_store_deal_activities(b->db->store, b->req->deal_id, b->req->account_id, &acts);
    *tried = 0;
    for (size_t i = 0; !rc && i < acts.n && !*tried; i++) {
        const struct rp_record *a = &acts.items[i];
        const char *dir = rp_record_str(a, RP_ACTIVITY_DIRECTION);
        *tried = dir && !strcmp(dir, "out") && rp_record_int(a, RP_ACTIVITY_AT, 0) >= from &&
                 !rp_activity_is_two_way(a);
    }
    rp_records_release(&acts);
    return rc;
}

static enum rp_status fill_agreement(struct draft_build *b)
{
    const struct rp_record *g = b->ref;
    int64_t made = rp_record_int(g, RP_AGREEMENT_MADE_ON, -1);
    int tried;
    enum rp_status rc = tried_since(b, made, &tried);
    b->preferred = rp_record_int(g, RP_AGREEMENT_CONTACT_ID, b->preferred);
    set_day(b, RP_V_MADE_ON, made);
    set_day(b, RP_V_DUE_ON, rp_record_int(g, RP_AGREEMENT_DUE_ON, -1));
    if (rp_record_str(g, RP_AGREEMENT_TOPIC))
        rp_buf_adds(&b->val[RP_V_TOPIC], rp_record_str(g, RP_AGREEMENT_TOPIC));
    if (tried)
        rp_buf_adds(&b->val[RP_V_TRIED], "yes");
    return rc;
}

static enum rp_status fill_meeting(struct draft_build *b)
{
    const char *kind = rp_record_str(b->ref, RP_MEETING_KIND);
    set_day(b, RP_V_MEETING_DAY, rp_local_date(rp_record_int(b->ref, RP_MEETING_AT, 0)));
    /* "our introductory meeting"; the other kinds read as they are. */
    rp_buf_adds(&b->val[RP_V_MEETING_KIND], kind && !strcmp(kind, "intro") ? "introductory"
                                            : kind                         ? kind
                                                                           : "");
    set_int(b, RP_V_MINUTES, rp_record_int(b->ref, RP_MEETING_MINUTES, 0));
    set_int(b, RP_V_NEEDED_MINUTES, rp_meeting_minutes_needed(kind));
    /* Two new times, leaving them a day to answer. */
    set_day(b, RP_V_NEW_DAY_1, working_day_after(b->req->day, 2));
    set_day(b, RP_V_NEW_DAY_2, working_day_after(b->req->day, 3));
    return RP_OK;
}

static enum rp_status fill_invoice(struct draft_build *b)
{
    const struct rp_record *i = b->ref;
    int64_t due = rp_record_int(i, RP_INVOICE_DUE_ON, -1);
    const char *currency = rp_record_str(i, RP_INVOICE_CURRENCY);
    if (rp_record_str(i, RP_INVOICE_NUMBER))
        rp_buf_adds(&b->val[RP_V_INVOICE], rp_record_str(i, RP_INVOICE_NUMBER));
    rp_locale_amount(&b->val[RP_V_AMOUNT], b->shared->locale,
                     rp_record_int(i, RP_INVOICE_AMOUNT_CENTS, 0));
    if (currency)
        rp_buf_addf(&b->val[RP_V_AMOUNT], " %s", currency);
    set_day(b, RP_V_DUE_ON, due);
    set_int(b, RP_V_DAYS_LATE, due >= 0 && b->req->day > due ? b->req->day - due : 0);
    return RP_OK;
}

void rp_draft_shared_release(struct rp_draft_shared *s)
{
    free(s->sender);
    free(s->signature);
    for (int k = 0; k < RP_DRAFT_KIND_COUNT; k++)
        for (int i = 0; i < 3; i++)
            rp_template_release(&s->tpl[k][i]);
    *s = (struct rp_draft_shared){0};
}

void rp_draft_shared_ahead(struct rp_db *db)
{
    char *sender = NULL;
    if (!rp_config_get(db, "draft.sender", &sender) && !*sender && db->actor.id)
        rp_get_ahead(db, RP_USER, db->actor.id);
    free(sender);
    rp_store_templates_ahead(db->store);
}

/* The draft settings: the locale; {sender}, the draft.sender setting, else the acting
 * user's name; {signature}, the draft.signature setting, else the sender. */
static enum rp_status shared_settings(struct rp_db *db, struct rp_draft_shared *s)
{
    char *locale = NULL, *sender = NULL, *signature = NULL;
    struct rp_record user = {0};
    struct rp_buf who = RP_BUF_INIT;
    enum rp_status rc;
    if (s->loaded)
        return RP_OK;
    if ((rc = rp_config_get(db, "draft.locale", &locale)) ||
        (rc = rp_config_get(db, "draft.sender", &sender)) ||
        (rc = rp_config_get(db, "draft.signature", &signature)))
        goto out;
    rp_buf_adds(&who, sender);
    if (!*sender && db->actor.id && !rp_get(db, RP_USER, db->actor.id, &user))
        rp_buf_adds(&who, rp_record_str(&user, RP_USER_NAME));
    s->locale = rp_locale_find(locale);
    s->sender = strdup(rp_buf_str(&who));
    s->signature = strdup(*signature ? signature : rp_buf_str(&who));
    if (!s->sender || !s->signature)
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    s->loaded = !rc;
out:
    rp_buf_release(&who);
    rp_record_release(&user);
    free(locale);
    free(sender);
    free(signature);
    return rc;
}

enum rp_kind_id rp_draft_ref_kind(enum rp_draft_kind kind)
{
    static const enum rp_kind_id ref_kind[RP_DRAFT_KIND_COUNT] = {
        RP_AGREEMENT,  RP_MEETING,    RP_MEETING,   RP_INVOICE,
        RP_KIND_COUNT, RP_KIND_COUNT, RP_KIND_COUNT};
    return ref_kind[kind];
}

/* Reads the records of the request and fills every placeholder but the contact's. */
static enum rp_status draft_load(struct draft_build *b)
{
    const struct rp_draft_request *q = b->req;
    enum rp_kind_id ref_kind = rp_draft_ref_kind(q->kind);
    enum rp_status rc = RP_OK;
    /* The deal is read for the day it was won, or when its title was not given. */
    int won = q->kind == RP_DRAFT_THANK_YOU, deal = q->deal_id && (!q->deal_title || won);
    if (won && q->won_on >= 0)
        deal = !q->deal_title;
    b->ref = q->ref ? q->ref : &b->own_ref;
    if ((!(q->account_name && q->style) &&
         (rc = rp_get(b->db, RP_ACCOUNT, q->account_id, &b->account))) ||
        (deal && (rc = rp_get(b->db, RP_DEAL, q->deal_id, &b->deal))) ||
        (ref_kind != RP_KIND_COUNT && !q->ref &&
         (rc = rp_get(b->db, ref_kind, q->ref_id, &b->own_ref))) ||
        (!q->contacts && (rc = rp_list_by(b->db, RP_CONTACT, RP_CONTACT_ACCOUNT_ID, q->account_id,
                                          -1, 0, &b->own_contacts))) ||
        (rc = shared_settings(b->db, b->shared)))
        return rc;
    b->contacts = q->contacts ? q->contacts : &b->own_contacts;
    rp_buf_adds(&b->val[RP_V_SENDER], b->shared->sender);
    rp_buf_adds(&b->val[RP_V_SIGNATURE], b->shared->signature);
    b->preferred = q->contact_id;
    b->style = q->style ? q->style : rp_record_str(&b->account, RP_ACCOUNT_STYLE);
    rp_buf_adds(&b->val[RP_V_ACCOUNT],
                q->account_name ? q->account_name : rp_record_str(&b->account, RP_ACCOUNT_NAME));
    if (q->deal_id) {
        rp_buf_adds(&b->val[RP_V_DEAL],
                    q->deal_title ? q->deal_title : rp_record_str(&b->deal, RP_DEAL_TITLE));
        if (won && q->won_on >= 0)
            set_day(b, RP_V_WON_ON, q->won_on);
        else if (deal && rp_record_int(&b->deal, RP_DEAL_CLOSED_AT, -1) >= 0)
            set_day(b, RP_V_WON_ON, rp_local_date(rp_record_int(&b->deal, RP_DEAL_CLOSED_AT, 0)));
    }
    if (ref_kind == RP_AGREEMENT)
        rc = fill_agreement(b);
    else if (ref_kind == RP_MEETING)
        rc = fill_meeting(b);
    else if (ref_kind == RP_INVOICE)
        rc = fill_invoice(b);
    return rc;
}

/* The recipients: To the main recipient; the push also Cc everyone else with an address. */
static enum rp_status draft_address(struct draft_build *b, const struct rp_record *to,
                                    struct rp_draft *out)
{
    int oom = to && add_address(&out->to, &out->nto, rp_record_str(to, RP_CONTACT_EMAIL));
    for (size_t i = 0; b->req->kind == RP_DRAFT_PUSH && i < b->contacts->n && !oom; i++) {
        const struct rp_record *c = &b->contacts->items[i];
        const char *email = rp_record_str(c, RP_CONTACT_EMAIL);
        if (c != to && email)
            oom = add_address(&out->cc, &out->ncc, email);
    }
    return oom ? rp_db_fail(b->db, RP_ERR_INTERNAL, NULL, "out of memory") : RP_OK;
}

/* Every template, once per batch, in one read. */
static enum rp_status shared_templates(struct rp_db *db, struct rp_draft_shared *s)
{
    enum rp_status rc = RP_OK;
    if (!s->templates_loaded && !(rc = templates_read_all(db, s->tpl)))
        s->templates_loaded = 1;
    return rc;
}

enum rp_status rp_draft_shared_load(struct rp_db *db, struct rp_draft_shared *s)
{
    enum rp_status rc = shared_settings(db, s);
    return rc ? rc : shared_templates(db, s);
}

/* The template of the request's kind in the account's style. */
static enum rp_status draft_template(struct draft_build *b, struct rp_template **out)
{
    int k, s;
    enum rp_status rc = template_find(b->db, rp_draft_kinds[b->req->kind], b->style, &k, &s);
    if (!rc)
        rc = shared_templates(b->db, b->shared);
    *out = rc ? NULL : &b->shared->tpl[k][s];
    return rc;
}

static enum rp_status draft_render(struct draft_build *b, struct rp_draft *out)
{
    struct rp_tpl_vars vars;
    struct rp_template *t;
    struct rp_buf subject = RP_BUF_INIT, body = RP_BUF_INIT;
    enum rp_status rc = draft_template(b, &t);
    if (rc)
        return rc;
    for (int v = 0; v < RP_V_COUNT; v++)
        vars.v[v] = rp_buf_str(&b->val[v]);
    if (rp_tpl_render(t->subject, &vars, &subject) || rp_tpl_render(t->body, &vars, &body))
        rc = rp_db_fail(b->db, RP_ERR_INTERNAL, NULL, "out of memory");
    else {
        out->subject = rp_buf_detach(&subject);
        out->body = rp_buf_detach(&body);
    }
    rp_buf_release(&subject);
    rp_buf_release(&body);
    return rc;
}

enum rp_status rp_draft_for(struct rp_db *db, const struct rp_draft_request *req,
                            struct rp_draft *out)
{
    struct draft_build b = {.db = db, .req = req, .shared = req->shared};
    if (!b.shared)
        b.shared = &b.own_shared;
    for (int v = 0; v < RP_V_COUNT; v++)
        rp_buf_init(&b.val[v], 4096);
    *out = (struct rp_draft){0};
    enum rp_status rc = draft_load(&b);
    if (!rc) {
        const struct rp_record *to = main_recipient(b.contacts, b.preferred);
        if (to) {
            rp_buf_adds(&b.val[RP_V_CONTACT_NAME], rp_record_str(to, RP_CONTACT_NAME));
            first_name(&b.val[RP_V_FIRST_NAME], rp_record_str(to, RP_CONTACT_NAME));
        }
        if (!(rc = draft_address(&b, to, out)))
            rc = draft_render(&b, out);
    }
    for (int v = 0; v < RP_V_COUNT; v++)
        rp_buf_release(&b.val[v]);
    rp_records_release(&b.own_contacts);
    rp_draft_shared_release(&b.own_shared);
    rp_record_release(&b.account);
    rp_record_release(&b.deal);
    rp_record_release(&b.own_ref);
    if (rc)
        rp_draft_release(out);
    return rc;
}

enum rp_status rp_draft_attach(struct rp_db *db, struct rp_agenda_item *it,
                               const struct rp_records *contacts, const struct rp_record *ref,
                               const int64_t *last_touch, struct rp_draft_shared *shared)
{
    enum rp_draft_kind kind = (enum rp_draft_kind)(it->draft_due - 1);
    struct rp_draft_request req = {.kind = kind,
                                   .account_id = it->account_id,
                                   .deal_id = it->deal_id,
                                   .contact_id = it->contact_id,
                                   .ref_id = it->ref_id,
                                   .day = it->date,
                                   .account_name = it->account,
                                   .style = it->style ? it->style : "standard",
                                   .deal_title = it->deal,
                                   .contacts = contacts,
                                   .shared = shared,
                                   .ref = ref,
                                   /* A thank-you is due on the day the deal was won. */
                                   .won_on = kind == RP_DRAFT_THANK_YOU ? it->due : -1,
                                   .last_touch = last_touch};
    enum rp_status rc = rp_draft_for(db, &req, &it->draft);
    it->has_draft = !rc;
    return rc;
}

enum rp_status rp_push_draft(struct rp_db *db, int64_t deal_id, struct rp_draft *out)
{
    struct rp_record deal;
    enum rp_status rc = rp_get(db, RP_DEAL, deal_id, &deal);
    if (rc)
        return rc;
    struct rp_draft_request req = {.kind = RP_DRAFT_PUSH,
                                   .account_id = rp_record_int(&deal, RP_DEAL_ACCOUNT_ID, 0),
                                   .deal_id = deal_id,
                                   .day = rp_db_today(db),
                                   .won_on = -1};
    rp_record_release(&deal);
    return rp_draft_for(db, &req, out);
}
