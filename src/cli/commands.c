/* The command table: every command of DESIGN.md section 5 that exists, its usage, and the
 * function that runs it. Options that set fields come from the field tables (store/record.c). */
#include "cli/cli.h"

#define ADD (RP_F_INPUT)
#define EDIT (RP_F_EDIT)
#define FILTER (RP_F_LIST)

static const struct cli_opt force_opt[] = {
    {"force", 0, NULL, "also delete what belongs to it"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt list_opts[] = {
    {"limit", 1, "N", "show at most N"},
    {"after", 1, "ID", "only ids after ID (paging)"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt deal_list_opts[] = {
    {"sort", 1, "score|value|age", "order (default: age, oldest first)"},
    {"limit", 1, "N", "show at most N"},
    {"after", 1, "ID", "only ids after ID (paging)"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt reason_opt[] = {
    {"reason", 1, "S", "why"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt deal_hold_opts[] = {
    {"until", 1, "DATE", "no outreach before this day (required)"},
    {"unless-inbound", 0, NULL, "their own call or e-mail about the deal lifts the hold"},
    {"reason", 1, "S", "why, e.g. 'budget frozen until Q2'"},
    {"clear", 0, NULL, "lift the hold now"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt hold_opts[] = {
    {"account", 1, "ID", "the account (required unless --from)"},
    {"from", 1, "ITEM", "the account of this agenda item"},
    {"until", 1, "DATE", "no outreach before this day (required)"},
    {"unless-inbound", 0, NULL, "their own call or e-mail lifts the hold"},
    {"reason", 1, "S", "why, e.g. 'asked for room until the 14th'"},
    {"clear", 0, NULL, "lift the hold now"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt checkin_opts[] = {
    {"account", 1, "ID", "the customer account (or give its id after the command)"},
    {"every", 1, "DAYS", "days between check-ins; 0 stops them (required)"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt meet_opts[] = {
    {"contact", 1, "ID", "an attendee; repeat for several"},
    {"force", 0, NULL, "book it even on a day before today"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt meet_edit_opts[] = {
    {"contact", 1, "ID", "an attendee; repeat for several (replaces the attendees)"},
    {"force", 0, NULL, "move a planned meeting to a day before today all the same"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt reschedule_opts[] = {
    {"at", 1, "INSTANT", "the new start (required)"},
    {"minutes", 1, "N", "the new length (default: unchanged)"},
    {"by", 1, "us|them", "who asked to move it"},
    {"force", 0, NULL, "move it to a day before today all the same"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt log_opts[] = {
    {"force", 0, NULL, "log it even more than a day in the future"},
    {"from", 1, "ITEM", "on the deal (or account) and contact of this agenda item"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt promise_opts[] = {
    {"on", 1, "DATE", "the day they promised to pay by (required)"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt agree_opts[] = {
    {"from", 1, "ITEM", "answer this agenda item: its deal (or account) and contact"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt done_opts[] = {
    {"log", 1, "KIND", "log what you did: call, email, voicemail, text, visit, ..."},
    {"dir", 1, "D", "with --log: out (default), in or none"},
    {"outcome", 1, "O", "with --log: connected, replied, no-answer, left-message, ..."},
    {"contact", 1, "ID", "with --log: whom (default: the item's contact)"},
    {"at", 1, "INSTANT", "with --log: when (default: now)"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt snooze_opts[] = {
    {"until", 1, "DATE", "not before this day"},
    {"days", 1, "N", "not for N days"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt send_opts[] = {
    {"subject", 1, "S", "instead of the draft's subject"},
    {"body", 1, "S", "instead of the draft's text"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt cancel_opts[] = {
    {"note", 1, "S", "why it is off"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt hold_cancel_opts[] = {
    {"account", 1, "ID", "the account whose hold ends"},
    {"deal", 1, "ID", "the deal whose hold ends"},
    {"reason", 1, "S", "why (default: cancelled)"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt note_opt[] = {
    {"note", 1, "S", "the example or evidence"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt paid_opts[] = {
    {"on", 1, "DATE", "payment day (default: today)"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_opt calendar_opts[] = {
    {"rotate", 0, NULL, "make a new secret: the old feed URL stops working"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt audit_opts[] = {
    {"since", 1, "DATE", "from this UTC day on (default: the beginning)"},
    {"by", 1, "EMAIL", "only what this user did"},
    {"limit", 1, "N", "at most N lines, newest first (default 50)"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt token_opts[] = {
    {"expires", 1, "DATE|INSTANT", "the token stops working then (default: when revoked)"},
    {"revoke", 1, "ID", "revoke API token ID (see user tokens) instead"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt serve_opts[] = {
    {"listen", 1, "ADDR:PORT", "where to listen (default 127.0.0.1:8080; port 0: any free)"},
    {"cache-mb", 1, "N", "memory for answers kept while the data is unchanged (default 24; "
                         "0: none)"},
    {"request-budget", 1, "MS", "the longest a request may hold a worker, in milliseconds "
                                "(default 5000; at most 8000)"},
    {"trust-proxy", 1, "ADDR", "the address of a reverse proxy whose X-Forwarded-* headers "
                               "are believed (default: none)"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt today_opts[] = {
    {"days", 1, "N", "the coming N days, day by day (default 1)"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt report_opts[] = {
    {"since", 1, "DATE", "from this day on (default: the beginning)"},
    {"until", 1, "DATE", "up to and including this day (default: today and later)"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt recall_opts[] = {
    {"account", 1, "ID", "the account (required)"},
    {"limit", 1, "N", "with a query, show the N best matches (default 50)"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt search_opts[] = {
    {"limit", 1, "N", "show the N best matches (default 50)"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_opt deal_opt[] = {
    {"deal", 1, "ID", "the deal (or give its id after the command)"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt won_opts[] = {
    {"deal", 1, "ID", "the deal (or give its id after the command)"},
    {"note", 1, "S", "what made it work"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt no_decision_opts[] = {
    {"deal", 1, "ID", "the deal (or give its id after the command)"},
    {"note", 1, "S", "what they said, e.g. 'staying with what they have'"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt lost_opts[] = {
    {"deal", 1, "ID", "the deal (or give its id after the command)"},
    {"reason", 1, "R", "price|turnaround|support|features|trust|timing|relationship|status-quo|"
                       "other (required; other needs --note)"},
    {"competitor", 1, "S", "who won it"},
    {"note", 1, "S", "the concrete reason, in their words"},
    {NULL, 0, NULL, NULL},
};
static const struct cli_opt outcome_opts[] = {
    {"deal", 1, "ID", "the deal (or give its id first: push outcome ID OUTCOME)"},
    {"competitor", 1, "S", "whom they chose (informed)"},
    {"reason", 1, "R", "where that product had the advantage (informed: required)"},
    {"note", 1, "S", "what they said"},
    {NULL, 0, NULL, NULL},
};

const struct cli_cmd cli_commands[] = {
    {"today", "[--days N]", "whom to contact today and why, with the words to use", cmd_today, 0,
     -1, 0, NULL, 0, today_opts},
    {"done", "ITEM [--log KIND [--dir D] [--outcome O] [--contact ID] [--at INSTANT] [TEXT]]",
     "deal with an agenda item (log what you did); it goes until its next moment", cmd_done, 1,
     -1, 0, NULL, 2, done_opts},
    {"snooze", "ITEM --until DATE | --days N", "keep an agenda item away until a day",
     cmd_snooze, 1, -1, 0, NULL, 1, snooze_opts},
    {"snooze list", "", "snoozed items and items dealt with, and until when", cmd_snooze_list,
     0, -1, 0, NULL, 0, NULL},
    {"send", "ITEM [--subject S] [--body S]", "send an agenda item's draft by e-mail and "
     "record it", cmd_send, 0, -1, 0, NULL, 1, send_opts},
    {"account add", "NAME [options]", "add a prospect's account", cmd_add, 1, RP_ACCOUNT, ADD,
     "name", 1, NULL},
    {"account list", "[--status S] [--trigger T]", "list accounts", cmd_list, 0, RP_ACCOUNT,
     FILTER, NULL, 0, list_opts},
    {"account show", "ID", "an account with its contacts, deals and history", cmd_account_show,
     0, RP_ACCOUNT, 0, NULL, 1, NULL},
    {"account edit", "ID [options]", "change an account", cmd_edit, 1, RP_ACCOUNT, EDIT, NULL, 1,
     NULL},
    {"account delete", "ID [--force]", "delete an account", cmd_delete, 1, RP_ACCOUNT, 0, NULL,
     1, force_opt},
    {"contact add", "NAME --account ID [options]", "add a person at an account", cmd_add, 1,
     RP_CONTACT, ADD, "name", 1, NULL},
    {"contact list", "[--account ID] [--role R]", "list contacts", cmd_list, 0, RP_CONTACT,
     FILTER, NULL, 0, list_opts},
    {"contact show", "ID", "a contact and their track record: meetings held, missed and moved, "
     "calls unanswered, the last reply", cmd_contact_show, 0, RP_CONTACT, 0, NULL, 1, NULL},
    {"contact edit", "ID [options]", "change a contact", cmd_edit, 1, RP_CONTACT, EDIT, NULL, 1,
     NULL},
    {"contact delete", "ID", "delete a contact", cmd_delete, 1, RP_CONTACT, 0, NULL, 1, NULL},
    {"deal add", "TITLE --account ID [options]", "open a deal", cmd_add, 1, RP_DEAL, ADD,
     "title", 1, NULL},
    {"deal list", "[--stage S] [--account ID] [--sort score|value|age]", "list deals",
     cmd_list, 0, RP_DEAL, FILTER, NULL, 0, deal_list_opts},
    {"deal show", "ID", "a deal with everything agreed, said and claimed", cmd_deal_show, 0,
     RP_DEAL, 0, NULL, 1, NULL},
    {"deal edit", "ID [options]", "change a deal", cmd_edit, 1, RP_DEAL, EDIT, NULL, 1, NULL},
    {"deal stage", "ID STAGE [--reason S]", "move a deal to another open stage",
     cmd_deal_stage, 1, RP_DEAL, 0, NULL, 2, reason_opt},
    {"deal hold", "ID --until DATE [--unless-inbound] [--reason S]",
     "no outreach on this deal until a day",
     cmd_deal_hold, 1, -1, 0, NULL, 1, deal_hold_opts},
    {"deal delete", "ID [--force]", "delete a deal", cmd_delete, 1, RP_DEAL, 0, NULL, 1,
     force_opt},
    {"log", "--deal ID | --account ID --kind K --dir D [options] [TEXT]",
     "log a call, e-mail, meeting or note", cmd_add, 1, RP_ACTIVITY, ADD, "text", 1, log_opts},
    {"activity list", "[--account ID] [--deal ID] [--kind K]", "list logged activities",
     cmd_list, 0, RP_ACTIVITY, FILTER, NULL, 0, list_opts},
    {"activity show", "ID", "a logged activity with its history", cmd_record_show, 0,
     RP_ACTIVITY, 0, NULL, 1, NULL},
    {"activity edit", "ID [--kind K] [--dir D] [--outcome O] [--contact ID] [--at INSTANT] "
     "[TEXT] [--force]", "correct a logged activity", cmd_correct, 1, RP_ACTIVITY, EDIT, "text",
     2, log_opts},
    {"activity delete", "ID", "delete an activity logged by mistake", cmd_delete, 1,
     RP_ACTIVITY, 0, NULL, 1, NULL},
    {"agree", "--deal ID | --account ID | --from ITEM --on DATE [--contact ID] [--topic S] "
     "[--note S]", "record the next step you agreed", cmd_add, 1, RP_AGREEMENT, ADD, NULL, 0,
     agree_opts},
    {"agree cancel", "ID [--note S]", "the agreed next step is off", cmd_agree_cancel, 1, -1, 0,
     NULL, 1, cancel_opts},
    {"agree edit", "ID [--on DATE] [--contact ID] [--note S]", "correct an agreed next step",
     cmd_correct, 1, RP_AGREEMENT, EDIT, NULL, 1, NULL},
    {"agreement list", "[--deal ID] [--status S]", "list agreements", cmd_list, 0, RP_AGREEMENT,
     FILTER, NULL, 0, list_opts},
    {"agreement show", "ID", "an agreement with its history", cmd_record_show, 0, RP_AGREEMENT,
     0, NULL, 1, NULL},
    {"hold", "--account ID --until DATE [--unless-inbound] [--reason S]",
     "no outreach to an account until a day", cmd_hold, 1, -1, 0, NULL, 0, hold_opts},
    {"hold cancel", "--account ID | --deal ID [--reason S]", "lift a hold now", cmd_hold_cancel,
     1, -1, 0, NULL, 0, hold_cancel_opts},
    {"meet add", "--deal ID --at INSTANT --minutes N --kind K [--contact ID]...",
     "book a meeting", cmd_meet_add, 1, RP_MEETING, ADD, NULL, 0, meet_opts},
    {"meet list", "[--deal ID] [--status S]", "list meetings", cmd_list, 0, RP_MEETING, FILTER,
     NULL, 0, list_opts},
    {"meet show", "ID", "a meeting with its history", cmd_record_show, 0, RP_MEETING, 0, NULL, 1,
     NULL},
    {"meet edit", "ID [--minutes N] [--kind K] [--at INSTANT] [--contact ID]... [--force]",
     "correct a meeting (--contact replaces the attendees)", cmd_correct, 1, RP_MEETING, EDIT,
     NULL, 1, meet_edit_opts},
    {"meet held", "ID", "the meeting took place", cmd_meet_status, 1, -1, 0, NULL, 1, NULL},
    {"meet no-show", "ID", "they did not come and did not warn", cmd_meet_status, 1, -1, 0,
     NULL, 1, NULL},
    {"meet cancel", "ID", "the meeting is off", cmd_meet_status, 1, -1, 0, NULL, 1, NULL},
    {"meet reschedule", "ID --at INSTANT [--minutes N] [--by us|them]", "move a meeting",
     cmd_meet_reschedule, 1, -1, 0, NULL, 1, reschedule_opts},
    {"said", "--deal ID [--contact ID] TEXT", "remember what you told them", cmd_add, 1,
     RP_STATEMENT, ADD, "text", 1, NULL},
    {"statement list", "[--deal ID] [--account ID]", "list what you told them", cmd_list, 0,
     RP_STATEMENT, FILTER, NULL, 0, list_opts},
    {"statement show", "ID", "what you told them, with its history", cmd_record_show, 0,
     RP_STATEMENT, 0, NULL, 1, NULL},
    {"statement edit", "ID TEXT [--contact ID]", "correct what you noted you told them",
     cmd_correct, 1, RP_STATEMENT, EDIT, "text", 2, NULL},
    {"statement delete", "ID", "delete a statement noted by mistake", cmd_delete, 1,
     RP_STATEMENT, 0, NULL, 1, NULL},
    {"claim add", "--deal ID [--contact ID] TEXT", "note what they told you, to verify",
     cmd_add, 1, RP_CLAIM, ADD, "text", 1, NULL},
    {"claim list", "[--deal ID] [--status S]", "list claims", cmd_list, 0, RP_CLAIM, FILTER,
     NULL, 0, list_opts},
    {"claim show", "ID", "a claim with its history", cmd_record_show, 0, RP_CLAIM, 0, NULL, 1,
     NULL},
    {"claim edit", "ID [TEXT] [--contact ID] [--note S]", "correct a claim", cmd_correct, 1,
     RP_CLAIM, EDIT, "text", 2, NULL},
    {"claim verify", "ID [--note S]", "the claim holds", cmd_claim_status, 1, -1, 0, NULL, 1,
     note_opt},
    {"claim clarify", "ID [--note S]", "they explained it with an example", cmd_claim_status, 1,
     -1, 0, NULL, 1, note_opt},
    {"claim contradict", "ID [--note S]", "the claim turned out false", cmd_claim_status, 1, -1,
     0, NULL, 1, note_opt},
    {"invoice add", "--account ID --amount A --due DATE [--number S]", "record an invoice",
     cmd_add, 1, RP_INVOICE, ADD, NULL, 0, NULL},
    {"invoice list", "[--account ID]", "list invoices", cmd_list, 0, RP_INVOICE, FILTER, NULL, 0,
     list_opts},
    {"invoice paid", "ID [--on DATE]", "the invoice was paid", cmd_invoice_paid, 1, -1, 0, NULL,
     1, paid_opts},
    {"invoice promise", "ID --on DATE", "they promised to pay by a day: no reminder before",
     cmd_invoice_promise, 1, -1, 0, NULL, 1, promise_opts},
    {"checkin", "ID | --account ID --every DAYS", "check in with a customer every so often",
     cmd_checkin, 1, -1, 0, NULL, 1, checkin_opts},
    {"won", "ID | --deal ID [--note S]", "the deal is won", cmd_close, 1, -1, 0, NULL, 1,
     won_opts},
    {"lost", "ID | --deal ID --reason R [--competitor S] [--note S]",
     "the deal is lost: say to whom and why", cmd_close, 1, -1, 0, NULL, 1, lost_opts},
    {"no-decision", "ID | --deal ID [--note S]", "they decided nothing (status quo)", cmd_close,
     1, -1, 0, NULL, 1, no_decision_opts},
    {"push draft", "ID | --deal ID", "the push message for a silent deal", cmd_push_draft, 0,
     -1, 0, NULL, 1, deal_opt},
    {"push send", "ID | --deal ID", "send the push through SMTP and record it", cmd_push_send, 0,
     -1, 0, NULL, 1, deal_opt},
    {"push record", "ID | --deal ID", "record a push you sent from your own mail client",
     cmd_push_send, 0, -1, 0, NULL, 1, deal_opt},
    {"push outcome", "ID | --deal ID ignored|informed|revived [--competitor S] [--reason R]",
     "what came back from the push", cmd_push_outcome, 1, -1, 0, NULL, 2, outcome_opts},
    {"report", "winloss|push|pipeline|activity [--since DATE] [--until DATE]",
     "how deals end, pushes are answered, the pipeline and contact go", cmd_report, 0, -1, 0,
     NULL, 1, report_opts},
    {"recall", "--account ID [QUERY]", "everything said, claimed and done with an account",
     cmd_recall, 0, -1, 0, NULL, 64, recall_opts},
    {"search", "QUERY", "find words in everything recorded, across all accounts", cmd_search, 0,
     -1, 0, NULL, 64, search_opts},
    {"user add", "NAME --email E --role rep|manager|admin [--team T]",
     "add a login (the password is asked for, or read from stdin)", cmd_user_add, 1, RP_USER,
     RP_F_INPUT, "name", 1, NULL},
    {"user list", "[--role R]", "list the team's logins", cmd_list, 0, RP_USER, RP_F_LIST, NULL,
     0, list_opts},
    {"user edit", "ID [--name S] [--email E] [--role R] [--team T] [--disabled]",
     "change a login; --disabled ends its sessions", cmd_edit, 1, RP_USER, RP_F_EDIT, NULL, 1,
     NULL},
    {"user token", "EMAIL [--expires DATE|INSTANT] | --revoke ID",
     "print a new API token for a user (shown once), or revoke one", cmd_user_token, 1, -1, 0,
     NULL, 1, token_opts},
    {"user tokens", "EMAIL", "list a user's API tokens (never the tokens themselves)",
     cmd_user_tokens, 0, -1, 0, NULL, 1, NULL},
    {"user password", "EMAIL", "set a new password (asked for, or read from stdin)",
     cmd_user_password, 1, -1, 0, NULL, 1, NULL},
    {"user calendar", "EMAIL [--rotate]", "print the path of a user's calendar feed",
     cmd_user_calendar, 1, -1, 0, NULL, 1, calendar_opts},
    {"user audit", "[--since DATE] [--by EMAIL] [--limit N]",
     "the audit log: every change, login and denial, newest first", cmd_user_audit, 0, -1, 0,
     NULL, 0, audit_opts},
    {"serve", "[--listen ADDR:PORT]", "run the team server: the HTTP API and calendar feeds",
     cmd_serve, 0, -1, 0, NULL, 0, serve_opts},
    {"config get", "[KEY]", "show settings", cmd_config_get, 0, -1, 0, NULL, 1, NULL},
    {"config set", "KEY [VALUE]", "change a setting (no VALUE: back to default)",
     cmd_config_set, 1, -1, 0, NULL, 2, NULL},
    {"template list", "", "the templates drafts are made from, by kind and style",
     cmd_template_list, 0, -1, 0, NULL, 0, NULL},
    {"template show", "KIND [--style S]", "a draft template with its placeholders",
     cmd_template_show, 0, -1, 0, NULL, 1, cmd_template_style_opt},
    {"template edit", "KIND [--style S] [--subject S] [--body S | --file F]",
     "change a draft template (on a terminal, without options: in $EDITOR)", cmd_template_edit,
     0, -1, 0, NULL, 1, cmd_template_edit_opts},
    {"template reset", "KIND [--style S]", "back to the default template", cmd_template_reset,
     1, -1, 0, NULL, 1, cmd_template_style_opt},
    {"migrate", "", "bring the database's schema up to date and say where it stands",
     cmd_migrate, 0, -1, 0, NULL, 0, NULL},
    {"seed", "--accounts N [--seed S]", "write a realistic demo book into an empty database",
     cmd_seed, 0, -1, 0, NULL, 0, cmd_seed_opts},
    {"import csv", "FILE|- --kind accounts|contacts|deals [--map COLUMN=FIELD]... [--dry-run] "
     "[--strict] [--rejects FILE]", "bring in accounts, contacts or deals from a CSV file",
     cmd_import_csv, 0, -1, 0, NULL, 1, cmd_import_csv_opts},
    {"import vcard", "FILE|- [--dry-run] [--strict] [--rejects FILE]",
     "bring in contacts from vCards (a phone's or an address book's)", cmd_import_csv, 0, -1, 0,
     NULL, 1, cmd_import_vcard_opts},
    {"export vcard", "[--output FILE]", "the contacts you see as vCard 4.0", cmd_export_vcard,
     0, -1, 0, NULL, 0, cmd_export_json_opts},
    {"import json", "FILE|-", "restore a backup made by export json into an empty database",
     cmd_import_json, 0, -1, 0, NULL, 1, NULL},
    {"export csv", "--kind accounts|contacts|deals|activities [--output FILE]",
     "what you see of a kind, as CSV for a spreadsheet or another CRM", cmd_export_csv, 0, -1,
     0, NULL, 0, cmd_export_csv_opts},
    {"export ics", "[--output FILE]",
     "your planned meetings and agreed follow-up days as iCalendar (RFC 5545)", cmd_export_ics,
     0, -1, 0, NULL, 0, cmd_export_json_opts},
    {"export json", "[--output FILE]", "the whole book with its history, as a backup",
     cmd_export_json, 0, -1, 0, NULL, 0, cmd_export_json_opts},
    {"completion", "bash|zsh|fish", "shell completion, e.g. eval \"$(rapport completion bash)\"",
     cmd_completion, 0, -1, 0, NULL, 1, NULL},
    {"man", "", "the manual page, e.g. man -l <(rapport man)", cmd_man, 0, -1, 0, NULL, 0, NULL},
    {NULL, NULL, NULL, NULL, 0, -1, 0, NULL, 0, NULL},
};
