/* Working the agenda: each item of `rapport today` can be dealt with (done, with what was
 * done logged), snoozed, or answered by sending its draft. An item dealt with stays off the
 * agenda until its next moment; a snooze until the day asked. Both are cancelled by new
 * two-way contact with the account, which makes a new situation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/parse.h"
#include "base/workdays.h"
#include "core/db.h"
#include "base/banned.h"

/* Checks that ITEM names a record the user may see: "kind:ID" ("hold-ends:aID" for an
 * account's hold). */
static enum rp_status item_parse(struct rp_db *db, const char *item)
{
    const char *colon = item ? strchr(item, ':') : NULL;
    int kind = colon ? rp_agenda_kind_ref(item, (size_t)(colon - item)) : -1;
    const char *ref = colon ? colon + 1 : NULL;
    int64_t id;
    struct rp_record rec;
    if (kind == RP_DEAL && !strncmp(item, "hold-ends:", 10) && *ref == 'a') {
        kind = RP_ACCOUNT;
        ref++;
    }
    if (kind < 0 || rp_parse_int64(ref, 1, INT64_MAX, &id))
        return rp_db_fail(db, RP_ERR_NOTFOUND, "item",
                          "no agenda item '%s' (expected KIND:ID "
                          "as rapport today shows it, e.g. followup-missed:12)",
                          item ? item : "");
    enum rp_status rc = rp_get(db, (enum rp_kind_id)kind, id, &rec);
    if (!rc)
        rp_record_release(&rec);
    return rc;
}

/* Why ITEM, a real record, is not on today's agenda. */
static enum rp_status item_gone(struct rp_db *db, const char *item)
{
    struct rp_snoozes list = {0};
    struct rp_scope scope;
    rp_scope_of(db, &scope);
    enum rp_status rc = rp_store_snoozes(db->store, rp_db_today(db), &scope, &list);
    for (size_t i = 0; !rc && i < list.n; i++) {
        if (strcmp(list.items[i].item, item))
            continue;
        char until[RP_DATE_LEN];
        rp_date_format(list.items[i].until, until);
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "item",
                        "'%s' is %s until %s (rapport snooze "
                        "list)",
                        item, strcmp(list.items[i].reason, "done") ? "snoozed" : "dealt with",
                        until);
    }
    rp_snoozes_release(&list);
    if (!rc)
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "item",
                        "'%s' is not on today's agenda (dealt "
                        "with, or not due today)",
                        item);
    return rc;
}

enum rp_status rp_item_find(struct rp_db *db, const char *item, struct rp_agenda *agenda,
                            struct rp_agenda_item **out)
{
    enum rp_status rc = item_parse(db, item);
    if (rc || (rc = rp_agenda_build(db, rp_db_today(db), 1, agenda)))
        return rc;
    for (size_t i = 0; i < agenda->n; i++)
        if (!strcmp(agenda->items[i].id, item)) {
            *out = &agenda->items[i];
            return RP_OK;
        }
    rp_agenda_release(agenda);
    rc = item_gone(db, item);
    return rc ? rc : RP_ERR_NOTFOUND;
}

/* Items of a day: dealt with, they are gone for that day only. */
static int is_of_the_day(const char *kind)
{
    return !strcmp(kind, "meeting") || !strcmp(kind, "followup-due") || !strcmp(kind, "hold-ends");
}

/* The item's next moment after being dealt with: tomorrow for an item of the day, else
 * after the account's retry interval in working days. */
static enum rp_status next_moment(struct rp_db *db, const struct rp_agenda_item *it, int64_t *until)
{
    int64_t today = rp_db_today(db), retry = 3;
    struct rp_workweek week;
    struct rp_record acc;
    char key[32];
    enum rp_status rc;
    if (is_of_the_day(it->kind)) {
        *until = today + 1;
        return RP_OK;
    }
    if ((rc = rp_get(db, RP_ACCOUNT, it->account_id, &acc)))
        return rc;
    snprintf(key, sizeof(key), "retry.%s", rp_record_str(&acc, RP_ACCOUNT_STYLE));
    rp_record_release(&acc);
    if ((rc = rp_config_int(db, key, &retry)) || (rc = rp_config_workweek(db, &week)))
        return rc;
    *until = rp_workday_add(&week, today, retry > 0 ? retry : 1);
    return RP_OK;
}

static enum rp_status keep_off(struct rp_db *db, const struct rp_agenda_item *it,
                               const char *reason, int64_t until)
{
    struct rp_snooze s = {.account_id = it->account_id,
                          .deal_id = it->deal_id,
                          .until = until,
                          .created_at = rp_db_now(db)};
    snprintf(s.item, sizeof(s.item), "%s", it->id);
    snprintf(s.reason, sizeof(s.reason), "%s", reason);
    return rp_store_snooze_add(db->store, &s);
}

/* Fills the activity LOG's deal, account and contact from the item where not given. */
static void log_for_item(struct rp_record *log, const struct rp_agenda_item *it)
{
    if (it->deal_id && !log->v[RP_ACTIVITY_DEAL_ID].set && !log->v[RP_ACTIVITY_ACCOUNT_ID].set)
        rp_record_set_int(log, RP_ACTIVITY_DEAL_ID, it->deal_id);
    if (!it->deal_id && !log->v[RP_ACTIVITY_ACCOUNT_ID].set)
        rp_record_set_int(log, RP_ACTIVITY_ACCOUNT_ID, it->account_id);
    if (it->contact_id && !log->v[RP_ACTIVITY_CONTACT_ID].set)
        rp_record_set_int(log, RP_ACTIVITY_CONTACT_ID, it->contact_id);
}

enum rp_status rp_item_done(struct rp_db *db, const char *item, struct rp_record *log,
                            int64_t *until)
{
    struct rp_agenda agenda = {0};
    struct rp_agenda_item *it;
    enum rp_status rc = rp_item_find(db, item, &agenda, &it);
    if (rc)
        return rc;
    if (log) {
        log_for_item(log, it);
        rc = rp_activity_log_checked(db, log, 0);
    }
    if (!rc && !(rc = next_moment(db, it, until)))
        rc = keep_off(db, it, "done", *until);
    rp_agenda_release(&agenda);
    return rc;
}

enum rp_status rp_item_snooze(struct rp_db *db, const char *item, int64_t until)
{
    struct rp_agenda agenda = {0};
    struct rp_agenda_item *it;
    char day[RP_DATE_LEN];
    if (until <= rp_db_today(db)) {
        rp_date_format(until, day);
        return rp_db_fail(db, RP_ERR_INVALID, "until",
                          "cannot snooze until %s (expected a day "
                          "after today)",
                          day);
    }
    enum rp_status rc = rp_item_find(db, item, &agenda, &it);
    if (!rc)
        rc = keep_off(db, it, "snooze", until);
    rp_agenda_release(&agenda);
    return rc;
}

/* "To: a, b\nCc: c\nSubject: s\n\nbody": what was sent, as the activity's text. */
static char *sent_text(const struct rp_draft *d)
{
    struct rp_buf b = RP_BUF_INIT;
    rp_buf_adds(&b, "To: ");
    for (size_t i = 0; i < d->nto; i++)
        rp_buf_addf(&b, "%s%s", i ? ", " : "", d->to[i]);
    for (size_t i = 0; i < d->ncc; i++)
        rp_buf_addf(&b, "%s%s", i ? ", " : "\nCc: ", d->cc[i]);
    rp_buf_addf(&b, "\nSubject: %s\n\n%s", d->subject, d->body);
    return rp_buf_detach(&b);
}

static enum rp_status replace_text(struct rp_db *db, char **field, const char *text)
{
    char *copy;
    if (!text)
        return RP_OK;
    if (rp_valid_text(text) || !*text)
        return rp_db_fail(db, RP_ERR_INVALID, "body",
                          "the message must be text (UTF-8, not "
                          "empty)");
    if (!(copy = strdup(text)))
        return rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    free(*field);
    *field = copy;
    return RP_OK;
}

/* Records the message as a touch (an e-mail out) on the item's deal or account. */
static enum rp_status record_sent(struct rp_db *db, const struct rp_agenda_item *it,
                                  const struct rp_draft *d, struct rp_record *out)
{
    char *text = sent_text(d);
    enum rp_status rc = rp_record_init(out, RP_ACTIVITY);
    if (rc || !text || rp_record_set_str(out, RP_ACTIVITY_KIND, "email") ||
        rp_record_set_str(out, RP_ACTIVITY_DIRECTION, "out") ||
        rp_record_set_str(out, RP_ACTIVITY_TEXT, text))
        rc = rp_db_fail(db, RP_ERR_INTERNAL, NULL, "out of memory");
    free(text);
    if (!rc) {
        log_for_item(out, it);
        rc = rp_activity_log(db, out);
    }
    return rc;
}

enum rp_status rp_item_send(struct rp_db *db, const char *item, const char *subject,
                            const char *body, struct rp_record *out)
{
    struct rp_agenda agenda = {0};
    struct rp_agenda_item *it;
    int64_t until;
    enum rp_status rc = rp_item_find(db, item, &agenda, &it);
    if (rc)
        return rc;
    if (!it->has_draft || !it->draft.nto)
        rc = rp_db_fail(db, RP_ERR_CONFLICT, "item",
                        "'%s' has no message to send (%s); call "
                        "them instead",
                        item,
                        it->has_draft ? "no e-mail address on file" : "it calls for no message");
    if (!rc && !(rc = replace_text(db, &it->draft.subject, subject)))
        rc = replace_text(db, &it->draft.body, body);
    if (!rc && !strcmp(it->kind, "push-suggested"))
        rc = rp_push_record(db, it->deal_id, "send", &it->draft, out);
    else if (!rc)
        rc = record_sent(db, it, &it->draft, out);
    /* Sent last: a refusal undoes the record (the caller rolls back). */
    if (!rc && !(rc = next_moment(db, it, &until)) && !(rc = keep_off(db, it, "done", until)))
        rc = rp_mail_send(db, &it->draft);
    if (rc)
        rp_record_release(out);
    rp_agenda_release(&agenda);
    return rc;
}

json_t *rp_snoozes_json(struct rp_db *db)
{
    struct rp_snoozes list = {0};
    struct rp_scope scope;
    char until[RP_DATE_LEN], at[RP_INSTANT_LEN];
    json_t *arr = json_array();
    rp_scope_of(db, &scope);
    if (!arr || rp_store_snoozes(db->store, rp_db_today(db), &scope, &list)) {
        json_decref(arr);
        return NULL;
    }
    for (size_t i = 0; i < list.n; i++) {
        const struct rp_snooze *s = &list.items[i];
        rp_date_format(s->until, until);
        rp_instant_format(s->created_at, at);
        json_array_append_new(
            arr, json_pack("{s:I,s:s,s:I,s:o,s:s,s:s,s:s}", "id", (json_int_t)s->id, "item",
                           s->item, "account_id", (json_int_t)s->account_id, "deal_id",
                           s->deal_id ? json_integer(s->deal_id) : json_null(), "reason", s->reason,
                           "until", until, "created_at", at));
    }
    rp_snoozes_release(&list);
    return arr;
}
