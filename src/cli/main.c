/* rapport: the command line. Finds the command in the table (commands.c), parses its
 * options and the global ones wherever they stand, opens the database, runs the command
 * in one transaction when it writes, and maps the status to the exit code. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "cli/cli.h"
#include "base/banned.h"

static const struct cli_opt global_opts[] = {
    {"db", 1, "PATH", "database file (env RAPPORT_DB)"},
    {"now", 1, "DATE|INSTANT", "act as if it were then (env RAPPORT_NOW)"},
    {"json", 0, NULL, "print JSON"},
    {"tz", 1, "ZONE", "your time zone, e.g. Europe/Berlin"},
    {"user", 1, "EMAIL", "act as this user (default: the only user, if there is one)"},
    {"help", 0, NULL, "show help"},
    {NULL, 0, NULL, NULL},
};

/* DESIGN.md section 5: 0 ok, 1 internal or I/O (a mail server that fails too), 2 usage,
 * 3 not found, 4 invalid or conflict. */
static int exit_code(enum rp_status rc)
{
    static const int codes[] = {
        [RP_OK] = 0,          [RP_ERR_INTERNAL] = 1, [RP_ERR_USAGE] = 2,
        [RP_ERR_NOTFOUND] = 3, [RP_ERR_INVALID] = 4,  [RP_ERR_CONFLICT] = 4,
        [RP_ERR_FORBIDDEN] = 4, [RP_ERR_AUTH] = 4, [RP_ERR_UNAVAILABLE] = 1,
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
        if (only_pos || arg[0] != '-' || arg[1] == '\0' ||
            (arg[1] != '-' && strcmp(arg, "-h"))) {
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
            return fail(2, "unknown option '--%s'%s%s%s (see --help)", name,
                        cmd ? " for 'rapport " : "", cmd ? cmd->name : "", cmd ? "'" : "");
        const char *value = eq ? eq + 1 : "yes";
        if (takes_value && !eq) {
            if (i + 1 >= argc)
                return fail(2, "option '--%s' needs a value", name);
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

static void print_field_opts(const struct cli_cmd *cmd)
{
    const struct rp_kind *kind = rp_kind_get((enum rp_kind_id)cmd->kind);
    for (size_t f = 0; f < kind->nfields; f++) {
        const struct rp_field *fd = &kind->fields[f];
        struct rp_buf help = RP_BUF_INIT;
        if (!field_is_option(cmd, fd))
            continue;
        rp_buf_adds(&help, fd->help ? fd->help : fd->name);
        for (int i = 0; fd->type == RP_T_ENUM && fd->vocab[i]; i++)
            rp_buf_addf(&help, "%s%s", i ? "|" : ": ", fd->vocab[i]);
        if ((fd->flags & RP_F_REQUIRED) && cmd->field_flags != RP_F_EDIT)
            rp_buf_adds(&help, " (required)");
        print_opt(cli_field_opt(fd), fd->type == RP_T_BOOL ? NULL : "VALUE", rp_buf_str(&help));
        rp_buf_release(&help);
    }
}

static void print_command_help(const struct cli_cmd *cmd)
{
    printf("usage: rapport %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
    if (cmd->kind >= 0 || cmd->opts)
        printf("\noptions:\n");
    if (cmd->kind >= 0)
        print_field_opts(cmd);
    for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
        print_opt(o->name, o->arg, o->help);
    printf("\nglobal options: --db PATH, --now DATE|INSTANT, --json, --tz ZONE\n");
}

static void print_overview(const char *group)
{
    printf("usage: rapport [--db PATH] [--now DATE] [--json] [--tz ZONE] COMMAND [ARGS]\n\n"
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
            return fail(4, "cannot parse --now '%s' (expected YYYY-MM-DD or an RFC 3339 "
                           "instant)", now);
        rp_db_set_now(c->db, t);
        c->fixed_now = t;
    }
    return 0;
}

/* The CLI acts as --user (or RAPPORT_USER), else as the only user when there is exactly
 * one; with none, or several and no choice, it is the unrestricted local user. */
static int setup_user(struct cli *c, const struct cli_args *a)
{
    const char *email = cli_opt(a, "user");
    int64_t id = 0;
    if (!email)
        email = getenv("RAPPORT_USER");
    if (email && *email) {
        if (rp_user_find(c->db, email, &id))
            return fail(3, "%s", rp_db_errmsg(c->db));
    } else {
        struct rp_records users = {0};
        struct rp_query q = {RP_USER, NULL, 0, -1, 0, 0, 2};
        if (rp_list(c->db, &q, &users))
            return fail(1, "%s", rp_db_errmsg(c->db));
        id = users.n == 1 ? users.items[0].v[0].i : 0;
        rp_records_release(&users);
    }
    if (rp_db_act_as(c->db, id))
        return fail(4, "%s", rp_db_errmsg(c->db));
    return 0;
}

static int run_command(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    enum rp_status rc = RP_OK;
    if (cmd->writes && (rc = rp_db_begin(c->db)))
        goto out;
    rc = cmd->run(c, cmd, a);
    if (cmd->writes) {
        if (rc)
            rp_db_rollback(c->db);
        else
            rc = rp_db_commit(c->db);
    }
out:
    if (rc)
        return fail(exit_code(rc), "%s", *rp_db_errmsg(c->db) ? rp_db_errmsg(c->db)
                                                            : rp_strerror(rc));
    return 0;
}

static int open_and_run(const struct cli_cmd *cmd, struct cli_args *a)
{
    struct cli c = {0};
    struct rp_buf path = RP_BUF_INIT;
    const char *db = cli_opt(a, "db");
    int code;
    if (!db)
        db = getenv("RAPPORT_DB");
    if ((!db || !*db) && (code = default_db_path(&path)))
        goto out;
    if (!db || !*db)
        db = rp_buf_str(&path);
    c.json = cli_flag(a, "json");
    c.db_path = db;
    if (rp_db_open(db, &c.db)) {
        code = fail(1, "%s", c.db ? rp_db_errmsg(c.db) : "out of memory");
        goto out;
    }
    /* Managing logins needs the database file, not a login: user commands act unrestricted. */
    if (!(code = setup_clock(&c, a)) && (!strncmp(cmd->name, "user ", 5) ||
                                         !(code = setup_user(&c, a))))
        code = run_command(&c, cmd, a);
out:
    rp_db_close(c.db);
    rp_buf_release(&path);
    return code;
}

/* No command matched: an overview, a group's commands, or an error. */
static int no_command(int argc, char **argv, int saw_help)
{
    if (argc == 0 || !strcmp(argv[0], "help")) {
        print_overview(NULL);
        return saw_help || argc ? 0 : 2;
    }
    if (!is_group(argv[0]))
        return fail(2, "unknown command '%s' (see 'rapport --help')", argv[0]);
    if (argc == 1 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        print_overview(argv[0]);
        return argc == 1 && !saw_help ? 2 : 0;
    }
    return fail(2, "unknown command '%s %s' (see 'rapport %s --help')", argv[0], argv[1],
                argv[0]);
}

int main(int argc, char **argv)
{
    struct cli_args a = {0};
    int first = 1, used = 0, saw_help = 0, code;
    /* Global options may come before the command. */
    while (first < argc && argv[first][0] == '-' && strcmp(argv[first], "--")) {
        int takes_value;
        char *name = argv[first] + (argv[first][1] == '-' ? 2 : 1);
        if (!strcmp(name, "version"))
            return printf("rapport %s\n", RAPPORT_VERSION) < 0;
        saw_help |= !strcmp(name, "help") || !strcmp(name, "h");
        if (strchr(name, '=') || !lookup_opt(NULL, name, &takes_value) || !takes_value)
            first++;
        else if (first + 1 < argc)
            first += 2;
        else
            return fail(2, "option '--%s' needs a value", name);
    }
    const struct cli_cmd *cmd = find_command(argc - first, argv + first, &used);
    if (!cmd)
        return no_command(argc - first, argv + first, saw_help);
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
