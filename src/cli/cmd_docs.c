/* rapport man and rapport completion: the manual page and the shell completions, made from
 * the command table like --help, so that the three never disagree. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "base/banned.h"

/* Text for roff: backslashes and hyphens escaped, no control line by accident. */
static void roff(const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", stdout);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", stdout);
        else if (*s == '-')
            fputs("\\-", stdout);
        else
            fputc(*s, stdout);
    }
}

static void man_opt(void *ctx, const char *name, const char *arg, const char *help)
{
    fputs(".TP\n\\fB\\-\\-", stdout);
    roff(name);
    fputs("\\fR", stdout);
    if (arg) {
        fputs(" \\fI", stdout);
        roff(arg);
        fputs("\\fR", stdout);
    }
    fputc('\n', stdout);
    roff(help ? help : "");
    fputc('\n', stdout);
}

static void man_page(void)
{
    printf(".TH RAPPORT 1 \"\" \"rapport %s\" \"User Commands\"\n.SH NAME\n"
           "rapport \\- keep every promise made to every customer\n.SH SYNOPSIS\n"
           ".B rapport\n[\\fIglobal options\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n"
           ".SH DESCRIPTION\nRapport is a follow\\-up CRM: it remembers what you agreed with "
           "each customer, what you told them and what they claimed, and every morning "
           "(\\fBrapport today\\fR) tells you whom to contact and why, with the words to use.\n"
           "Every command answers \\fB\\-\\-help\\fR and \\fB\\-\\-json\\fR.\n"
           ".SH GLOBAL OPTIONS\n",
           RAPPORT_VERSION);
    for (const struct cli_opt *o = cli_global_opts(); o->name; o++)
        man_opt(NULL, o->name, o->arg, o->help);
    printf(".SH COMMANDS\n");
    for (const struct cli_cmd *c = cli_commands; c->name; c++) {
        printf(".SS \"");
        roff(c->name);
        printf("\"\n.B rapport ");
        roff(c->name);
        printf("\n");
        roff(c->usage);
        printf("\n.PP\n");
        roff(c->summary);
        printf("\n");
        if (c->kind >= 0 || c->opts) {
            printf(".RS\n");
            cli_each_opt(c, man_opt, NULL);
            printf(".RE\n");
        }
    }
    printf(".SH EXIT STATUS\n0 ok, 1 internal or I/O error, 2 usage, 3 not found, 4 invalid "
           "input or conflict.\n.SH ENVIRONMENT\n.TP\n.B RAPPORT_DB\nthe database "
           "(\\fB\\-\\-db\\fR)\n.TP\n.B RAPPORT_USER\nthe login to act as "
           "(\\fB\\-\\-user\\fR)\n.TP\n.B RAPPORT_NOW\nact as if it were then "
           "(\\fB\\-\\-now\\fR)\n.TP\n.B COLUMNS\nthe width tables and the agenda fit\n.TP\n"
           ".B NO_COLOR\nno colour on a terminal\n.SH FILES\n.TP\n"
           ".I $XDG_DATA_HOME/rapport/rapport.db\nthe database when no other is given "
           "(\\fI~/.local/share/rapport/rapport.db\\fR)\n");
}

/* ---- completion ---------------------------------------------------------------------- */

struct words {
    char text[4096];
    size_t len;
};

static void words_add(struct words *w, const char *prefix, const char *word)
{
    int n = snprintf(w->text + w->len, sizeof(w->text) - w->len, "%s%s%s", w->len ? " " : "",
                     prefix, word);
    if (n > 0 && (size_t)n < sizeof(w->text) - w->len)
        w->len += (size_t)n;
}

static void opt_word(void *ctx, const char *name, const char *arg, const char *help)
{
    words_add(ctx, "--", name);
}

/* The first words of the commands, each once: "today account contact ...". */
static void first_words(struct words *w)
{
    for (const struct cli_cmd *c = cli_commands; c->name; c++) {
        char word[64];
        size_t n = strcspn(c->name, " ");
        int dup = 0;
        snprintf(word, sizeof(word), "%.*s", (int)n, c->name);
        for (const struct cli_cmd *p = cli_commands; p < c && !dup; p++)
            dup = strcspn(p->name, " ") == n && !strncmp(p->name, word, n);
        if (!dup)
            words_add(w, "", word);
    }
}

/* The second words of GROUP ("add list show" for "account"). */
static void second_words(const char *group, size_t n, struct words *w)
{
    for (const struct cli_cmd *c = cli_commands; c->name; c++)
        if (!strncmp(c->name, group, n) && c->name[n] == ' ')
            words_add(w, "", c->name + n + 1);
}

static void bash_completion(void)
{
    struct words first = {0}, globals = {0};
    first_words(&first);
    for (const struct cli_opt *o = cli_global_opts(); o->name; o++)
        words_add(&globals, "--", o->name);
    printf("# bash completion for rapport (rapport completion bash), made from its command "
           "table\n_rapport_words()\n{\n    case \"$1\" in\n");
    for (const struct cli_cmd *c = cli_commands; c->name; c++) {
        struct words opts = {0};
        cli_each_opt(c, opt_word, &opts);
        printf("    '%s') echo '%s' ;;\n", c->name, opts.text);
    }
    for (const struct cli_cmd *c = cli_commands; c->name; c++) {
        size_t n = strcspn(c->name, " ");
        struct words sub = {0};
        if (!c->name[n] ||
            (c != cli_commands && !strncmp(c[-1].name, c->name, n) && c[-1].name[n] == ' '))
            continue;
        second_words(c->name, n, &sub);
        printf("    '%.*s +') echo '%s' ;;\n", (int)n, c->name, sub.text);
    }
    printf("    esac\n}\n\n_rapport()\n{\n"
           "    local cur=${COMP_WORDS[COMP_CWORD]} cmd='' w i\n"
           "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
           "        w=${COMP_WORDS[i]}\n"
           "        [[ $w == -* ]] && continue\n"
           "        if [[ -z $cmd ]]; then cmd=$w; elif [[ -n $(_rapport_words \"$cmd $w\") || "
           "-n $(_rapport_words \"$cmd +\") ]]; then cmd=\"$cmd $w\"; break; else break; fi\n"
           "    done\n"
           "    if [[ $cur == -* ]]; then\n"
           "        COMPREPLY=($(compgen -W \"$(_rapport_words \"$cmd\") %s\" -- \"$cur\"))\n"
           "    elif [[ -z $cmd ]]; then\n"
           "        COMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n"
           "    elif [[ $cmd != *' '* ]]; then\n"
           "        COMPREPLY=($(compgen -W \"$(_rapport_words \"$cmd +\")\" -- \"$cur\"))\n"
           "    fi\n}\ncomplete -o default -F _rapport rapport\n",
           globals.text, first.text);
}

static void fish_opt(void *ctx, const char *name, const char *arg, const char *help)
{
    const char *cond = ctx;
    printf("complete -c rapport -n '%s' -l %s%s -d '", cond, name, arg ? " -r" : "");
    for (const char *p = help ? help : ""; *p; p++)
        printf(*p == '\'' ? "\\'" : "%c", *p);
    printf("'\n");
}

static void fish_completion(void)
{
    struct words first = {0};
    first_words(&first);
    printf("# fish completion for rapport (rapport completion fish), made from its command "
           "table\ncomplete -c rapport -f\n"
           "complete -c rapport -n '__fish_use_subcommand' -a '%s'\n",
           first.text);
    for (const struct cli_opt *o = cli_global_opts(); o->name; o++)
        fish_opt((void *)"true", o->name, o->arg, o->help);
    for (const struct cli_cmd *c = cli_commands; c->name; c++) {
        char cond[160];
        size_t n = strcspn(c->name, " ");
        if (c->name[n])
            snprintf(cond, sizeof(cond),
                     "__fish_seen_subcommand_from %.*s; and "
                     "__fish_seen_subcommand_from %s",
                     (int)n, c->name, c->name + n + 1);
        else
            snprintf(cond, sizeof(cond), "__fish_seen_subcommand_from %s", c->name);
        if (c->name[n])
            printf("complete -c rapport -n '__fish_seen_subcommand_from %.*s' -a '%s' -d '%s'\n",
                   (int)n, c->name, c->name + n + 1, c->summary);
        cli_each_opt(c, fish_opt, cond);
    }
}

enum rp_status cmd_man(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    man_page();
    return RP_OK;
}

enum rp_status cmd_completion(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *shell = cli_pos(a, 0);
    if (!shell)
        return rp_db_fail(c->db, RP_ERR_USAGE, NULL, "missing SHELL (usage: rapport %s %s)",
                          cmd->name, cmd->usage);
    if (!strcmp(shell, "bash"))
        bash_completion();
    else if (!strcmp(shell, "zsh")) {
        printf("# zsh completion for rapport: the bash one, through bashcompinit\n"
               "autoload -U +X bashcompinit && bashcompinit\n");
        bash_completion();
    } else if (!strcmp(shell, "fish"))
        fish_completion();
    else
        return rp_db_fail(c->db, RP_ERR_INVALID, NULL,
                          "unknown shell '%s' (expected bash, "
                          "zsh or fish)",
                          shell);
    return RP_OK;
}
