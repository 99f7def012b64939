/* rapport: the command line. Finds the command in the table (commands.c), parses its
 * options and the global ones wherever they stand, opens the database, runs the command
 * in one transaction when it writes, and maps the status to the exit code. */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/parse.h"
#include "cli/cli.h"
#include "base/banned.h"

static const struct cli_opt global_opts[] = {
    {"db", 1, "PATH", "database: a file, or a postgresql:// URL (env RAPPORT_DB)"},
    {"now", 1, "DATE|INSTANT", "act as if it were then (env RAPPORT_NOW)"},
    {"json", 0, NULL, "print JSON"},
    {"jsonl", 0, NULL,
     "print JSON Lines: a list one compact object a line, anything else on "
     "one line"},
    {"tz", 1, "ZONE", "your time zone, e.g. Europe/Berlin"},
    {"user", 1, "EMAIL",
     "act as this login (env RAPPORT_USER, setting user; default: the "
     "only login, if there is one)"},
    {"help", 0, NULL, "show help"},
    {NULL, 0, NULL, NULL},
};

/* DESIGN.md section 5: 0 ok, 1 internal or I/O (a mail server that fails too), 2 usage,
 * 3 not found, 4 invalid or conflict. */
static int exit_code(enum rp_status rc)
{
    static const int codes[] = {
        [RP_OK] = 0,
        [RP_ERR_INTERNAL] = 1,
        [RP_ERR_USAGE] = 2,
        [RP_ERR_NOTFOUND] = 3,
        [RP_ERR_INVALID] = 4,
        [RP_ERR_CONFLICT] = 4,
        [RP_ERR_FORBIDDEN] = 4,
        [RP_ERR_AUTH] = 4,
        [RP_ERR_UNAVAILABLE] = 1,
        [RP_ERR_BUSY] = 1,
    };
    return (unsigned)rc < sizeof(codes) / sizeof(codes[0]) ? codes[rc] : 1;
}

static int fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("rapport: ", stderr);
    vfprintf(stderr, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): started above */
    fputc('\n', stderr);
    va_end(ap);
    return code;
}

static const struct cli_cmd *find_command(int argc, char **argv, int *used)
{
    char two[64];
    if (argc >= 2) {
        snprintf(two, sizeof(two), "%s %s", argv[0], argv[1]);
        for (const struct cli_cmd *c = cli_commands; c->name; c++)
            if (!strcmp(c->name, two)) {
                *used = 2;
                return c;
            }
    }
    for (const struct cli_cmd *c = cli_commands; argc >= 1 && c->name; c++)
        if (!strcmp(c->name, argv[0])) {
            *used = 1;
            return c;
        }
    return NULL;
}

/* Whether WORD starts some command ("account" for "account add"). */
static int is_group(const char *word)
{
    size_t n = strlen(word);
    for (const struct cli_cmd *c = cli_commands; c->name; c++)
        if (!strncmp(c->name, word, n) && c->name[n] == ' ')
            return 1;
    return 0;
}

static int field_is_option(const struct cli_cmd *cmd, const struct rp_field *f)
{
    if (!(f->flags & cmd->field_flags))
        return 0;
    if (cmd->field_flags == RP_F_LIST)
        return f->type == RP_T_ENUM || f->type == RP_T_REF || f->type == RP_T_BOOL;
    return cmd->positional == NULL || strcmp(f->name, cmd->positional) != 0;
}

/* Looks NAME up among the command's options; *takes_value tells whether it needs one. */
static int lookup_opt(const struct cli_cmd *cmd, const char *name, int *takes_value)
{
    for (const struct cli_opt *o = global_opts; o->name; o++)
        if (!strcmp(o->name, name))
            return *takes_value = o->takes_value, 1;
    for (const struct cli_opt *o = cmd ? cmd->opts : NULL; o && o->name; o++)
        if (!strcmp(o->name, name))
            return *takes_value = o->takes_value, 1;
    if (!cmd || cmd->kind < 0)
        return 0;
    const struct rp_kind *kind = rp_kind_get((enum rp_kind_id)cmd->kind);
    for (size_t f = 0; f < kind->nfields; f++) {
        const struct rp_field *fd = &kind->fields[f];
        if (field_is_option(cmd, fd) && !strcmp(cli_field_opt(fd), name))
            return *takes_value = fd->type != RP_T_BOOL, 1;
    }
    return 0;
}

/* The closest option of CMD (or a global one) to the unknown NAME into BEST; 0 if none. */
static int suggest_opt(const struct cli_cmd *cmd, const char *name, char *best, size_t size)
{
    struct cli_suggest s;
    cli_suggest_init(&s, name);
    for (const struct cli_opt *o = global_opts; o->name; o++)
        cli_suggest_try(&s, o->name);
    for (const struct cli_opt *o = cmd ? cmd->opts : NULL; o && o->name; o++)
        cli_suggest_try(&s, o->name);
    if (cmd && cmd->kind >= 0) {
        const struct rp_kind *kind = rp_kind_get((enum rp_kind_id)cmd->kind);
        for (size_t f = 0; f < kind->nfields; f++)
            if (field_is_option(cmd, &kind->fields[f]))
                cli_suggest_try(&s, cli_field_opt(&kind->fields[f]));
    }
    return s.best[0] ? snprintf(best, size, "%s", s.best) : 0;
}

static int unknown_opt(const struct cli_cmd *cmd, const char *name)
{
    char best[64], see[128];
    if (suggest_opt(cmd, name, best, sizeof(best)))
        snprintf(see, sizeof(see), "did you mean --%s?", best);
    else
        snprintf(see, sizeof(see), "see 'rapport%s%s --help'", cmd ? " " : "",
                 cmd ? cmd->name : "");
    if (cmd)
        return fail(2, "unknown option '--%s' for 'rapport %s' (%s)", name, cmd->name, see);
    return fail(2, "unknown option '--%s' (%s)", name, see);
}

static int add_arg(struct cli_args *a, const char *name, const char *value)
{
    struct cli_arg *items = realloc(a->items, (a->n + 1) * sizeof(*items));
    if (!items)
        return -1;
    a->items = items;
    a->items[a->n++] = (struct cli_arg){name, value};
    return 0;
}

/* Splits argv into options and positionals. Option names point into argv, so "--x=v"
 * is cut in place. */
static int parse_args(const struct cli_cmd *cmd, int argc, char **argv, struct cli_args *a)
{
    int only_pos = 0;
    for (int i = 0; i < argc; i++) {
        char *arg = argv[i];
        if (only_pos || arg[0] != '-' || arg[1] == '\0' || (arg[1] != '-' && strcmp(arg, "-h"))) {
            if (add_arg(a, NULL, arg))
                return fail(1, "out of memory");
            continue;
        }
        if (!strcmp(arg, "--")) {
            only_pos = 1;
            continue;
        }
        char *name = !strcmp(arg, "-h") ? "help" : arg + 2;
        char *eq = strchr(name, '=');
        if (eq)
            *eq = '\0';
        int takes_value;
        if (!lookup_opt(cmd, name, &takes_value))
            return unknown_opt(cmd, name);
        const char *value = eq ? eq + 1 : "yes";
        if (takes_value && !eq) {
            if (i + 1 >= argc)
                return fail(2, "option '--%s' needs a value (see 'rapport %s --help')", name,
                            cmd ? cmd->name : "");
            value = argv[++i];
        }
        if (add_arg(a, name, value))
            return fail(1, "out of memory");
    }
    return 0;
}

static void print_opt(const char *name, const char *arg, const char *help)
{
    char left[64];
    snprintf(left, sizeof(left), "--%s%s%s", name, arg ? " " : "", arg ? arg : "");
    printf("  %-28s %s\n", left, help ? help : "");
}

/* What a field's option takes, as help and messages show it: "--on DATE", "--stage S". */
static const char *field_arg(const struct rp_field *f)
{
    static char word[2];
    switch (f->type) {
    case RP_T_ID:
    case RP_T_REF:
        return "ID";
    case RP_T_DATE:
        return "DATE";
    case RP_T_INSTANT:
        return "INSTANT";
    case RP_T_MONEY:
        return "AMOUNT";
    case RP_T_INT:
        return "N";
    case RP_T_EMAIL:
        return "EMAIL";
    case RP_T_CURRENCY:
        return "CODE";
    case RP_T_BOOL:
        return NULL;
    case RP_T_ENUM:
        word[0] = (char)(cli_field_opt(f)[0] - 'a' + 'A');
        return word;
    default:
        return "S";
    }
}

void cli_each_opt(const struct cli_cmd *cmd, cli_opt_fn *fn, void *ctx)
{
    const struct rp_kind *kind = cmd->kind >= 0 ? rp_kind_get((enum rp_kind_id)cmd->kind) : NULL;
    for (size_t f = 0; kind && f < kind->nfields; f++) {
        const struct rp_field *fd = &kind->fields[f];
        struct rp_buf help = RP_BUF_INIT;
        if (!field_is_option(cmd, fd))
            continue;
        rp_buf_adds(&help, fd->help ? fd->help : fd->name);
        for (int i = 0; fd->type == RP_T_ENUM && fd->vocab[i]; i++)
            rp_buf_addf(&help, "%s%s", i ? "|" : ": ", fd->vocab[i]);
        if ((fd->flags & RP_F_REQUIRED) && cmd->field_flags == RP_F_INPUT)
            rp_buf_adds(&help, " (required)");
        fn(ctx, cli_field_opt(fd), field_arg(fd), rp_buf_str(&help));
        rp_buf_release(&help);
    }
    for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
        fn(ctx, o->name, o->arg, o->help);
}

const struct cli_opt *cli_global_opts(void)
{
    return global_opts;
}

static void help_opt(void *ctx, const char *name, const char *arg, const char *help)
{
    print_opt(name, arg, help);
}

static void print_command_help(const struct cli_cmd *cmd)
{
    printf("usage: rapport %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
    if (cmd->kind >= 0 || cmd->opts)
        printf("\noptions:\n");
    cli_each_opt(cmd, help_opt, NULL);
    printf("\nglobal options: --db PATH, --user EMAIL, --now DATE|INSTANT, --json, --jsonl, "
           "--tz ZONE\n");
}

static void print_overview(const char *group)
{
    printf("usage: rapport [--db PATH] [--user EMAIL] [--now DATE] [--json] [--tz ZONE] "
           "COMMAND [ARGS]\n\n"
           "Rapport remembers every promise made to every customer and tells you each\n"
           "morning whom to contact and why.\n\ncommands:\n");
    size_t n = group ? strlen(group) : 0;
    for (const struct cli_cmd *c = cli_commands; c->name; c++) {
        if (group && (strncmp(c->name, group, n) || (c->name[n] && c->name[n] != ' ')))
            continue;
        printf("  %-20s %s\n", c->name, c->summary);
    }
    printf("\n'rapport COMMAND --help' explains a command. Exit codes: 0 ok, 1 internal error,\n"
           "2 usage, 3 not found, 4 invalid input or conflict.\n");
}

/* The database path: --db, then RAPPORT_DB, then $XDG_DATA_HOME/rapport/rapport.db. */
static int default_db_path(struct rp_buf *path)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (xdg && *xdg)
        rp_buf_addf(path, "%s/rapport", xdg);
    else if (home && *home)
        rp_buf_addf(path, "%s/.local/share/rapport", home);
    else
        return fail(1, "cannot find a place for the database (set --db or RAPPORT_DB)");
    /* mkdir -p: a fresh home has no ~/.local yet. */
    for (char *p = path->data + 1;; p++) {
        if (*p && *p != '/')
            continue;
        char end = *p;
        *p = '\0';
        if (mkdir(path->data, 0700) && errno != EEXIST)
            return fail(1, "cannot create '%s' (%s)", path->data, strerror(errno));
        *p = end;
        if (!end)
            break;
    }
    rp_buf_adds(path, "/rapport.db");
    return 0;
}

/* Sets the user's zone (--tz, else the tz setting, else the system's) and the clock. */
static int setup_clock(struct cli *c, const struct cli_args *a)
{
    const char *tz = cli_opt(a, "tz");
    char *configured = NULL;
    if (!tz && !rp_config_get(c->db, "tz", &configured) && *configured)
        tz = configured;
    if (tz && rp_tz_set(tz)) {
        int code = fail(4, "unknown time zone '%s' (expected a name like Europe/Berlin)", tz);
        free(configured);
        return code;
    }
    free(configured);
    const char *now = cli_opt(a, "now");
    if (!now)
        now = getenv("RAPPORT_NOW");
    if (now && *now) {
        int64_t t, days;
        if (!rp_date_parse(now, &days))
            t = rp_local_instant(days, 12, 0);
        else if (rp_instant_parse(now, &t))
            return fail(4,
                        "cannot parse --now '%s' (expected YYYY-MM-DD or an RFC 3339 "
                        "instant)",
                        now);
        rp_db_set_now(c->db, t);
        c->fixed_now = t;
    }
    return 0;
}

/* Acts as the login EMAIL (named by FROM), found and read in one statement. */
static int act_as_email(struct cli *c, const char *email, const char *from)
{
    enum rp_status rc = rp_db_act_as_email(c->db, email);
    if (rc == RP_ERR_NOTFOUND)
        return fail(3, "no login '%s' for %s (see 'rapport user list')", email, from);
    if (rc)
        return fail(rc == RP_ERR_AUTH ? 4 : 1, "%s", rp_db_errmsg(c->db));
    return 0;
}

/* Acts as the only login when there is exactly one, else as the unrestricted local user. */
static int act_as_only_user(struct cli *c)
{
    struct rp_records users = {0};
    struct rp_query q = {RP_USER, NULL, 0, -1, 0, 0, 2};
    if (rp_list(c->db, &q, &users))
        return fail(1, "%s", rp_db_errmsg(c->db));
    int64_t id = users.n == 1 ? users.items[0].v[0].i : 0;
    c->logins = users.n;
    rp_records_release(&users);
    return rp_db_act_as(c->db, id) ? fail(4, "%s", rp_db_errmsg(c->db)) : 0;
}

/* The CLI acts as --user, else RAPPORT_USER, else the setting user, else the only user
 * when there is exactly one; with none, or several and no choice, it is the unrestricted
 * local user, who may read everything but not create what nobody would own. */
/* The login named by --user or RAPPORT_USER (FROM says which), or NULL. */
static const char *given_user(const struct cli_args *a, const char **from)
{
    const char *email = cli_opt(a, "user");
    *from = "--user";
    if (!email && (email = getenv("RAPPORT_USER")))
        *from = "RAPPORT_USER";
    return email && *email ? email : NULL;
}

static int setup_user(struct cli *c, const struct cli_args *a)
{
    const char *from, *email = given_user(a, &from);
    char *configured = NULL;
    int code;
    if ((!email || !*email) && !rp_config_get(c->db, "user", &configured) && *configured)
        email = configured, from = "the setting user";
    if (email && *email)
        code = act_as_email(c, email, from);
    else
        code = act_as_only_user(c);
    free(configured);
    return code;
}

/* The field of CMD's record kind called FIELD in an error, when the user gives it on this
 * command (as an option or the positional argument), or NULL. */
static const struct rp_field *error_field(const struct cli_cmd *cmd, const char *field)
{
    if (!field || cmd->kind < 0)
        return NULL;
    const struct rp_kind *kind = rp_kind_get((enum rp_kind_id)cmd->kind);
    for (size_t f = 0; f < kind->nfields; f++) {
        const struct rp_field *fd = &kind->fields[f];
        if (strcmp(fd->name, field))
            continue;
        int positional = cmd->positional && !strcmp(cmd->positional, fd->name);
        return positional || field_is_option(cmd, fd) ? fd : NULL;
    }
    return NULL;
}

/* How the user types field F on CMD: "--on" or, for the positional argument, "NAME". */
static void typed_name(const struct cli_cmd *cmd, const struct rp_field *f, struct rp_buf *out)
{
    if (cmd->positional && !strcmp(cmd->positional, f->name)) {
        for (const char *p = f->name; *p; p++)
            rp_buf_addc(out, (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p));
        return;
    }
    rp_buf_addf(out, "--%s", cli_field_opt(f));
}

/* Whether MSG has WORD at POS as a whole word. */
static int word_at(const char *msg, const char *pos, const char *word)
{
    size_t n = strlen(word);
    int before = pos == msg || pos[-1] == ' ' || pos[-1] == '(' || word[0] == '-';
    return before && !strncmp(pos, word, n) && (!pos[n] || strchr(" ',:)", pos[n]));
}

/* An option of CMD's own table named NAME, or NULL. */
static const struct cli_opt *command_opt(const struct cli_cmd *cmd, const char *name)
{
    for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
        if (!strcmp(o->name, name))
            return o;
    return NULL;
}

/* MSG with its first whole word LABEL written as TYPED; for an id ("invalid account id
 * '7x'") the word "id" after it goes too, as the flag says so. */
static void replace_word(const char *msg, const char *label, const char *typed, int is_id,
                         struct rp_buf *out)
{
    const char *dashed = strstr(msg, typed);
    /* a message that already names the flag is left as it is */
    if (dashed && word_at(msg, dashed, typed))
        return (void)rp_buf_adds(out, msg);
    for (const char *p = msg; *p; p++) {
        if (!word_at(msg, p, label))
            continue;
        rp_buf_add(out, msg, (size_t)(p - msg));
        rp_buf_adds(out, typed);
        p += strlen(label);
        if (is_id && !strncmp(p, " id ", 4))
            p += 3;
        rp_buf_adds(out, p);
        return;
    }
    rp_buf_adds(out, msg);
}

/* The core names fields as the model does ("missing on for the agreement"); the command
 * line says it the way the user types it ("missing --on DATE"). This is the one place
 * where field names become flags. */
static void error_text(const struct cli_cmd *cmd, struct rp_db *db, enum rp_status rc,
                       struct rp_buf *out)
{
    const char *msg = *rp_db_errmsg(db) ? rp_db_errmsg(db) : rp_strerror(rc);
    const char *field = rp_db_errfield(db);
    const struct rp_field *f = error_field(cmd, field);
    const char *label = f ? (f->flag ? f->flag : f->name) : NULL;
    int missing = rc == RP_ERR_USAGE && !strncmp(msg, "missing ", 8);
    if (missing && field && !strcmp(field, "account_id") && error_field(cmd, "deal_id")) {
        rp_buf_addf(out, "missing --deal ID%s (what it is about)", f ? " or --account ID" : "");
        return;
    }
    if (missing && field && !strcmp(field, "id")) {
        rp_buf_addf(out, "missing ID (usage: rapport %s %s)", cmd->name, cmd->usage);
        return;
    }
    if (!f && field && command_opt(cmd, field)) {
        char typed[64];
        snprintf(typed, sizeof(typed), "--%s", field);
        replace_word(msg, field, typed,
                     command_opt(cmd, field)->arg && !strcmp(command_opt(cmd, field)->arg, "ID"),
                     out);
        return;
    }
    if (f && rc == RP_ERR_USAGE && !strncmp(msg, "missing ", 8) && word_at(msg, msg + 8, label)) {
        rp_buf_adds(out, "missing ");
        typed_name(cmd, f, out);
        if (field_arg(f) && !(cmd->positional && !strcmp(cmd->positional, f->name)))
            rp_buf_addf(out, " %s", field_arg(f));
        if (cmd->positional && !strcmp(cmd->positional, f->name))
            rp_buf_addf(out, " (usage: rapport %s %s)", cmd->name, cmd->usage);
        else
            rp_buf_addf(out, " (%s)", f->help ? f->help : "required");
        return;
    }
    if (f) {
        struct rp_buf typed = RP_BUF_INIT;
        typed_name(cmd, f, &typed);
        replace_word(msg, label, rp_buf_str(&typed), f->type == RP_T_REF, out);
        rp_buf_release(&typed);
        return;
    }
    rp_buf_adds(out, msg);
}

/* The audit line of a change made here, as the server writes one for each of its own:
 * "rapport deal stage", the record (the one created, else the id given), "command line". */
static enum rp_status audit_command(struct cli *c, const struct cli_cmd *cmd,
                                    const struct cli_args *a)
{
    int64_t id = c->created_id;
    const char *pos = cli_pos(a, 0);
    char what[96];
    if (!id && pos)
        rp_parse_int64(pos, 1, INT64_MAX, &id);
    snprintf(what, sizeof(what), "rapport %s", cmd->name);
    return rp_audit(c->db, what,
                    cmd->kind >= 0 ? rp_kind_get((enum rp_kind_id)cmd->kind)->name : NULL, id,
                    "command line", NULL);
}

static int run_command(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    enum rp_status rc = RP_OK;
    if (cmd->writes && (rc = rp_db_begin(c->db)))
        goto out;
    rc = cmd->run(c, cmd, a);
    if (cmd->writes && !rc)
        rc = audit_command(c, cmd, a);
    if (cmd->writes) {
        if (rc)
            rp_db_rollback(c->db);
        else
            rc = rp_db_commit(c->db);
    }
out:
    if (rc) {
        struct rp_buf text = RP_BUF_INIT;
        error_text(cmd, c->db, rc, &text);
        int code = fail(exit_code(rc), "%s", rp_buf_str(&text));
        rp_buf_release(&text);
        return code;
    }
    return 0;
}

/* The heap a command grows into (SQLite's schema, its statements and page cache), made
 * at once; called before the first malloc, which then takes HEAP_READY more from brk than
 * it needs. On a virtual machine a page fault costs about 13 us, and the heap takes a page
 * at a time as it is first touched: on the 100k-account book a search faulted 600 times,
 * 140 so; MADV_POPULATE_WRITE makes the pages in one call (about 2 us each). Where it fails
 * (Linux before 5.14) nothing changes; under AddressSanitizer malloc takes nothing from
 * brk, and nothing is made. */
#define HEAP_READY (2 << 20)

static void heap_ready(void)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    char *start = sbrk(0);
    mallopt(M_TOP_PAD, HEAP_READY);
    char *first = malloc(1);
    char *end = sbrk(0);
    char *from = (char *)(((uintptr_t)start + page - 1) & ~(page - 1));
    if (first && start != (char *)-1 && end > from)
        madvise(from, (size_t)(end - from), MADV_POPULATE_WRITE);
    free(first);
}

static int open_and_run(const struct cli_cmd *cmd, struct cli_args *a)
{
    struct cli c = {0};
    struct rp_buf path = RP_BUF_INIT;
    const char *db = cli_opt(a, "db");
    int code;
    if (!db)
        db = getenv("RAPPORT_DB");
    /* what is made from the command table alone needs no database, and makes none */
    if (cmd->run == cmd_man || cmd->run == cmd_completion)
        db = ":memory:";
    if ((!db || !*db) && (code = default_db_path(&path)))
        goto out;
    if (!db || !*db)
        db = rp_buf_str(&path);
    c.jsonl = cli_flag(a, "jsonl");
    c.json = c.jsonl || cli_flag(a, "json");
    c.db_path = db;
    /* Managing logins and settings needs the database file, not a login: user and config
     * commands act unrestricted (and so can mend a setting user that names nobody). */
    int as_user = strncmp(cmd->name, "user ", 5) && strncmp(cmd->name, "config ", 7);
    const char *from, *email = as_user ? given_user(a, &from) : NULL;
    /* The setup's first reads (the settings tz and user, the user) go with the open. */
    if (rp_db_open_ahead(db, !cli_opt(a, "tz") || (as_user && !email), email, &c.db)) {
        code = fail(1, "%s", c.db ? rp_db_errmsg(c.db) : "out of memory");
        goto out;
    }
    /* The settings of the setup (tz, user) in one read. */
    rp_config_keep(c.db);
    if (!(code = setup_clock(&c, a)) && as_user)
        code = setup_user(&c, a);
    rp_config_drop(c.db);
    if (!code)
        code = run_command(&c, cmd, a);
out:
    rp_db_close(c.db);
    rp_buf_release(&path);
    return code;
}

/* The command words of GROUP ("add, list, show") in OUT. */
static void group_words(const char *group, struct rp_buf *out)
{
    size_t n = strlen(group);
    for (const struct cli_cmd *c = cli_commands; c->name; c++)
        if (!strncmp(c->name, group, n) && c->name[n] == ' ')
            rp_buf_addf(out, "%s%s", out->len ? ", " : "", c->name + n + 1);
}

static int unknown_command(const char *first, const char *second)
{
    struct cli_suggest s;
    char typed[128];
    snprintf(typed, sizeof(typed), "%s%s%s", first, second ? " " : "", second ? second : "");
    cli_suggest_init(&s, typed);
    for (const struct cli_cmd *c = cli_commands; c->name; c++) {
        char word[64];
        /* a group alone ("account") when one word was typed */
        snprintf(word, sizeof(word), "%.*s", (int)strcspn(c->name, " "), c->name);
        cli_suggest_try(&s, second ? c->name : word);
    }
    if (s.best[0])
        return fail(2, "unknown command '%s' (did you mean '%s'?)", typed, s.best);
    if (second)
        return fail(2, "unknown command '%s' (see 'rapport %s --help')", typed, first);
    return fail(2, "unknown command '%s' (see 'rapport --help')", typed);
}

/* No command matched: an overview on request, else a one-line error that says what to
 * type. BAD_OPT is the first unknown option before the command, if any. */
static int no_command(int argc, char **argv, int saw_help, const char *bad_opt)
{
    if (argc > 0 && !strcmp(argv[0], "help") && argc > 1) {
        /* "rapport help deal list" is "rapport deal list --help" */
        int used = 0;
        const struct cli_cmd *cmd = find_command(argc - 1, argv + 1, &used);
        if (cmd)
            return print_command_help(cmd), 0;
        if (!is_group(argv[1]))
            return unknown_command(argv[1], argc > 2 ? argv[2] : NULL);
        return print_overview(argv[1]), 0;
    }
    if (bad_opt)
        return unknown_opt(NULL, bad_opt);
    if (saw_help || (argc > 0 && !strcmp(argv[0], "help"))) {
        print_overview(argc > 0 && strcmp(argv[0], "help") ? argv[0] : NULL);
        return 0;
    }
    if (argc == 0)
        return fail(2, "missing command (try 'rapport today', or 'rapport --help' for all "
                       "of them)");
    if (!is_group(argv[0]))
        return unknown_command(argv[0], NULL);
    if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
        return print_overview(argv[0]), 0;
    if (argc == 1) {
        struct rp_buf words = RP_BUF_INIT;
        group_words(argv[0], &words);
        int code = fail(2, "missing command after '%s' (one of: %s)", argv[0], rp_buf_str(&words));
        rp_buf_release(&words);
        return code;
    }
    return unknown_command(argv[0], argv[1]);
}

int main(int argc, char **argv)
{
    struct cli_args a = {0};
    int first = 1, used = 0, saw_help = 0, code;
    const char *bad_opt = NULL;
    /* Global options may come before the command. */
    while (first < argc && argv[first][0] == '-' && strcmp(argv[first], "--")) {
        int takes_value = 0, known;
        char *name = argv[first] + (argv[first][1] == '-' ? 2 : 1);
        if (!strcmp(name, "version"))
            return printf("rapport %s\n", RAPPORT_VERSION) < 0;
        saw_help |= !strcmp(name, "help") || !strcmp(name, "h");
        known = lookup_opt(NULL, name, &takes_value) || !strcmp(name, "h");
        if (!known && !bad_opt)
            bad_opt = name;
        if (strchr(name, '=') || !known || !takes_value)
            first++;
        else if (first + 1 < argc)
            first += 2;
        else
            return fail(2, "option '--%s' needs a value", name);
    }
    const struct cli_cmd *cmd = find_command(argc - first, argv + first, &used);
    if (!cmd)
        return no_command(argc - first, argv + first, saw_help, bad_opt);
    heap_ready();
    /* Re-parse everything but the command words, so globals before it count too. */
    for (int i = first; i < first + used; i++)
        argv[i] = NULL;
    char **rest = malloc((size_t)argc * sizeof(*rest));
    int nrest = 0;
    if (!rest)
        return fail(1, "out of memory");
    for (int i = 1; i < argc; i++)
        if (argv[i])
            rest[nrest++] = argv[i];
    code = parse_args(cmd, nrest, rest, &a);
    if (!code && cli_flag(&a, "help"))
        print_command_help(cmd);
    else if (!code && cli_npos(&a) > (size_t)cmd->maxpos)
        code = fail(2, "unexpected argument '%s' (usage: rapport %s %s)",
                    cli_pos(&a, (size_t)cmd->maxpos), cmd->name, cmd->usage);
    else if (!code)
        code = open_and_run(cmd, &a);
    free(a.items);
    free(rest);
    return code;
}
