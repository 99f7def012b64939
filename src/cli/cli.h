/* The rapport command line: the command table, parsed arguments and output helpers
 * shared by the cmd_*.c files. */
#ifndef RP_CLI_H
#define RP_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "rapport/rapport.h"

struct cli_opt {
    const char *name; /* without "--" */
    int takes_value;
    const char *arg; /* shown in help: "ID", "DATE" */
    const char *help;
};

struct cli_arg {
    const char *name; /* option name, or NULL for a positional argument */
    const char *value;
};

struct cli_args {
    struct cli_arg *items;
    size_t n;
};

struct cli;

/* One entry of the command table (commands.c), written with named initializers: a field
 * left out is 0 or NULL, except kind, which every entry gives (-1 for none). */
struct cli_cmd {
    const char *name;  /* "account add" */
    const char *usage; /* after the name: "NAME --account ID [flags]" */
    const char *summary;
    enum rp_status (*run)(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
    int writes;                 /* runs in one write transaction */
    int kind;                   /* the record kind it works on, or -1 */
    unsigned field_flags;       /* fields with these flags are options (RP_F_INPUT/EDIT/LIST) */
    const char *positional;     /* the field the positional argument sets, or NULL */
    int maxpos;                 /* how many positional arguments it takes */
    const struct cli_opt *opts; /* further options, NULL-name terminated, or NULL */
};

struct cli {
    struct rp_db *db;
    const char *db_path;
    int64_t fixed_now; /* --now, or 0 */
    int json;
    int jsonl; /* --jsonl: JSON Lines (json is set too) */
    const char *user_tz;
    size_t logins;      /* with no acting user chosen: how many logins there are (at most 2) */
    int64_t created_id; /* the record the command created, for its audit line */
};

/* All commands, terminated by a NULL name. */
extern const struct cli_cmd cli_commands[];

/* Calls FN with every option of CMD as its --help shows it: the fields it sets (help with
 * their vocabulary, "(required)" where they are), then its own; ARG is NULL for a flag. */
typedef void cli_opt_fn(void *ctx, const char *name, const char *arg, const char *help);
void cli_each_opt(const struct cli_cmd *cmd, cli_opt_fn *fn, void *ctx);
/* The options every command takes, NULL-name terminated. */
const struct cli_opt *cli_global_opts(void);

/* ---- arguments ------------------------------------------------------------------- */

/* The value of option NAME (the last one given), or NULL. */
const char *cli_opt(const struct cli_args *a, const char *name);
int cli_flag(const struct cli_args *a, const char *name);
/* The I-th positional argument, or NULL. */
const char *cli_pos(const struct cli_args *a, size_t i);
size_t cli_npos(const struct cli_args *a);
/* A required record id: the I-th positional, checked. */
enum rp_status cli_id(struct cli *c, const struct cli_args *a, size_t i, const char *what,
                      int64_t *id);
/* The record a command acts on, given either way: "won 3" or "won --deal 3" (NAME is the
 * option). *USED is how many positional arguments that took (0 or 1). */
enum rp_status cli_target(struct cli *c, const struct cli_args *a, const char *name, size_t *used,
                          int64_t *id);
/* A required option, or a usage error naming it. */
enum rp_status cli_need(struct cli *c, const struct cli_args *a, const char *name,
                        const char **value);
enum rp_status cli_date_opt(struct cli *c, const struct cli_args *a, const char *name,
                            int64_t *days);
/* --limit N, from 1 to MAX, into *LIMIT; DEFAULT_N when it is not given. */
enum rp_status cli_limit_opt(struct cli *c, const struct cli_args *a, size_t default_n, int64_t max,
                             size_t *limit);
/* Sets the fields of REC given as options (and the positional field) of CMD. */
enum rp_status cli_fill(struct cli *c, const struct cli_cmd *cmd, const struct cli_args *a,
                        struct rp_record *rec, unsigned char *changed);
/* The option name of field F: its flag, else its name with '-' for '_'. Static storage. */
const char *cli_field_opt(const struct rp_field *f);

/* ---- "did you mean" (suggest.c) ---------------------------------------------------- */

/* Offer each candidate with cli_suggest_try; BEST is then the closest one near enough to
 * TYPED to be a typo of it (a copy), or empty. */
struct cli_suggest {
    const char *typed;
    char best[64];
    size_t dist;
};
void cli_suggest_init(struct cli_suggest *s, const char *typed);
void cli_suggest_try(struct cli_suggest *s, const char *candidate);

/* ---- output ---------------------------------------------------------------------- */

/* Prints a JSON value (stealing the reference) on stdout. */
enum rp_status cli_print_json(struct cli *c, json_t *value);
/* The same for an object already written as compact JSON text (LEN bytes at TEXT, as
 * base/json_out.h writes it): the same bytes, without a tree of it. */
enum rp_status cli_print_json_text(struct cli *c, const char *text, size_t len);
/* Prints one record: "field  value" lines, or JSON. */
enum rp_status cli_print_record(struct cli *c, const struct rp_record *rec);
/* Prints records as an aligned table of their list columns (or a JSON array), with names
 * for references and amounts with their currency, fitted to the terminal. */
enum rp_status cli_print_table(struct cli *c, const struct rp_records *list, const char *title);
/* The same with a score column (and JSON member) after the id; SCORES[i] < 0 shows "-". */
enum rp_status cli_print_table_scored(struct cli *c, const struct rp_records *list,
                                      const char *title, const int *scores);
/* Prints "created account 3: Acme" (or the record as JSON, plus WARNINGS when given). */
enum rp_status cli_print_created(struct cli *c, const struct rp_record *rec, json_t *warnings);
/* Prints a one-line confirmation, or the record as JSON. */
enum rp_status cli_print_done(struct cli *c, const struct rp_record *rec, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Adds the table of a related list under KEY of OBJ (JSON), or prints it with a title. */
enum rp_status cli_section(struct cli *c, json_t *obj, const char *key, const char *title,
                           const struct rp_records *list);

/* ---- aligned tables (grid.c) ----------------------------------------------------------- */

/* A table of text cells filled row by row, left to right; cells are copied, and breaks in
 * their text become spaces. Memory trouble is remembered and reported by cli_grid_print. */
struct cli_grid {
    size_t ncols;
    unsigned right; /* bit K set: column K holds numbers, aligned right */
    char **cells;
    size_t n, cap;
    int oom;
};

void cli_grid_init(struct cli_grid *g, size_t ncols, unsigned right);
void cli_grid_release(struct cli_grid *g);
/* Appends one cell; NULL is an empty cell. */
void cli_grid_add(struct cli_grid *g, const char *text);
void cli_grid_addf(struct cli_grid *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends the cells given, up to a NULL: a header, or a row of text. */
void cli_grid_row(struct cli_grid *g, ...) __attribute__((sentinel));
/* Prints the rows, each after INDENT, columns two spaces apart, fitted to the terminal:
 * the widest text columns give way, their cells cut at a word with "...". */
enum rp_status cli_grid_print(struct cli *c, const struct cli_grid *g, const char *indent);
/* The same; cells are also cut at CELL_MAX columns when the terminal's width is unknown. */
enum rp_status cli_grid_print_fit(struct cli *c, const struct cli_grid *g, const char *indent,
                                  size_t cell_max);
/* The terminal's width: $COLUMNS, else the terminal's own, else 0 (not a terminal). */
size_t cli_width(void);
/* Columns UTF-8 text takes on a terminal: wide East Asian characters count two. */
size_t cli_text_width(const char *s);
/* Appends an amount as people read it: "12,000.00 EUR". */
struct rp_buf;
void cli_money(struct rp_buf *b, int64_t cents, const char *currency);

/* Practice 2: a meeting shorter than its kind needs is booked all the same, with a warning
 * on stderr; returns it as a JSON array for --json (new reference), NULL when none. */
json_t *cli_short_warning(const struct rp_record *m, int short_by);

/* ---- the command families ---------------------------------------------------------- */

enum rp_status cmd_add(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_list(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_edit(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_delete(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_merge(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_account_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_hold(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_checkin(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_contact_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_record_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_correct(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_agree_cancel(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_hold_cancel(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_deal_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_deal_stage(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_deal_hold(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_meet_add(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_meet_status(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_meet_reschedule(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_claim_status(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_invoice_paid(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_invoice_promise(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_close(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_push_draft(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_push_send(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_push_outcome(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_user_add(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_user_token(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_user_tokens(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_user_password(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_user_calendar(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_user_audit(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_serve(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_today(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_done(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_snooze(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_snooze_list(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_send(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
/* The account, deal and contact of today's agenda item ITEM (0 where none). */
enum rp_status cli_item_refs(struct cli *c, const char *item, int64_t *account, int64_t *deal,
                             int64_t *contact);
enum rp_status cmd_config_get(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_config_set(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_report(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_recall(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_search(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_seed(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_migrate(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_man(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_completion(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
extern const struct cli_opt cmd_seed_opts[];
enum rp_status cmd_template_list(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_template_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_template_edit(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_template_reset(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
extern const struct cli_opt cmd_template_style_opt[], cmd_template_edit_opts[];
enum rp_status cmd_import_csv(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_import_json(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_export_csv(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_export_json(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_export_vcard(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
enum rp_status cmd_export_ics(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a);
extern const struct cli_opt cmd_import_vcard_opts[];
extern const struct cli_opt cmd_import_csv_opts[], cmd_export_csv_opts[], cmd_export_json_opts[];

#endif
