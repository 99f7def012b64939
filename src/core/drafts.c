/* The messages Rapport drafts: the reminder of a missed agreed date and the push. Plain,
 * warm and short, in the words of practices 3 and 6. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "core/db.h"
#include "core/drafts.h"
#include "core/rules.h"
#include "base/banned.h"

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
                     strings_json(d->cc, d->ncc), "subject", d->subject ? d->subject : "",
                     "body", d->body ? d->body : "");
}

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
static const struct rp_record *main_recipient(const struct rp_records *contacts,
                                              int64_t preferred)
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

/* "Hello Eva," from the first word of the name. */
static void greeting(struct rp_buf *b, const struct rp_record *to)
{
    const char *name = to ? rp_record_str(to, RP_CONTACT_NAME) : NULL;
    if (!name) {
        rp_buf_adds(b, "Hello,\n\n");
        return;
    }
    size_t n = strcspn(name, " ");
    rp_buf_addf(b, "Hello %.*s,\n\n", (int)n, name);
}

/* "Tuesday, 24 November" */
static void long_date(struct rp_buf *b, int64_t day)
{
    static const char *const wd[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
    static const char *const mon[] = {"January", "February", "March",     "April",
                                      "May",     "June",     "July",      "August",
                                      "September", "October", "November", "December"};
    int64_t y;
    unsigned m, d;
    rp_civil_from_days(day, &y, &m, &d);
    rp_buf_addf(b, "%s, %u %s", wd[rp_date_weekday(day)], d, mon[m - 1]);
}

static enum rp_status finish(struct rp_db *db, struct rp_buf *subject, struct rp_buf *body,
                             struct rp_draft *out)
{
    if (!subject->data || !body->data) {
        rp_buf_release(subject);
        rp_buf_release(body);
        rp_draft_release(out);
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    out->subject = rp_buf_detach(subject);
    out->body = rp_buf_detach(body);
    return RP_OK;
}

enum rp_status rp_followup_draft(struct rp_db *db, int64_t account, int64_t contact,
                                 int64_t made_on, int64_t due_on, const char *note,
                                 struct rp_draft *out)
{
    struct rp_records contacts = {0};
    struct rp_buf subject = RP_BUF_INIT, body = RP_BUF_INIT;
    *out = (struct rp_draft){0};
    enum rp_status rc =
        rp_list_by(db, RP_CONTACT, RP_CONTACT_ACCOUNT_ID, account, -1, 0, &contacts);
    if (rc)
        return rc;
    const struct rp_record *to = main_recipient(&contacts, contact);
    if (to && add_address(&out->to, &out->nto, rp_record_str(to, RP_CONTACT_EMAIL)))
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    rp_buf_adds(&subject, "Our call, as agreed on ");
    long_date(&subject, made_on);
    greeting(&body, to);
    rp_buf_adds(&body, "when we spoke on ");
    long_date(&body, made_on);
    rp_buf_adds(&body, ", we agreed to talk again on ");
    long_date(&body, due_on);
    rp_buf_adds(&body, ". I haven't been able to reach you since, so I'm following up as "
                       "promised");
    if (note && *note)
        rp_buf_addf(&body, " (%s)", note);
    rp_buf_adds(&body, ".\n\nWhen would suit you for a short call this week?\n\n"
                       "Best regards\n");
    rp_records_release(&contacts);
    return rc ? rc : finish(db, &subject, &body, out);
}

enum rp_status rp_push_draft(struct rp_db *db, int64_t deal_id, struct rp_draft *out)
{
    struct rp_record deal;
    struct rp_records contacts = {0};
    struct rp_buf subject = RP_BUF_INIT, body = RP_BUF_INIT;
    *out = (struct rp_draft){0};
    enum rp_status rc = rp_get(db, RP_DEAL, deal_id, &deal);
    if (rc)
        return rc;
    if ((rc = rp_list_by(db, RP_CONTACT, RP_CONTACT_ACCOUNT_ID,
                          rp_record_int(&deal, RP_DEAL_ACCOUNT_ID, 0), -1, 0, &contacts)))
        goto out;
    /* To the primary contact (else a decision maker), copied to everyone else involved. */
    const struct rp_record *to = main_recipient(&contacts, 0);
    for (size_t i = 0; i < contacts.n && !rc; i++) {
        const struct rp_record *c = &contacts.items[i];
        const char *email = rp_record_str(c, RP_CONTACT_EMAIL);
        if (email && add_address(c == to ? &out->to : &out->cc, c == to ? &out->nto : &out->ncc,
                                 email))
            rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    }
    const char *title = rp_record_str(&deal, RP_DEAL_TITLE);
    rp_buf_addf(&subject, "%s: may I close the file?", title);
    greeting(&body, to);
    rp_buf_addf(&body,
                "I believe our proposal for %s answered everything you needed. As I haven't "
                "heard back, I assume you have chosen another provider, and that is fine.\n\n"
                "May I ask whom you chose, and where their offer had the advantage? Your answer "
                "helps us get better, and I won't follow up on this again.\n\n"
                "Thank you for your time, and all the best\n",
                title);
    if (!rc)
        rc = finish(db, &subject, &body, out);
out:
    rp_buf_release(&subject);
    rp_buf_release(&body);
    rp_records_release(&contacts);
    rp_record_release(&deal);
    if (rc)
        rp_draft_release(out);
    return rc;
}
