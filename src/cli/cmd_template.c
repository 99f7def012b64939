/* rapport template list | show | edit | reset: the texts drafts are made from
 * (docs/drafts.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "base/banned.h"

#define TEMPLATE_FILE_MAX 65536

const struct cli_opt cmd_template_style_opt[] = {
    {"style", 1, "S", "direct|standard|gentle (default: standard)"},
    {NULL, 0, NULL, NULL},
};
const struct cli_opt cmd_template_edit_opts[] = {
    {"style", 1, "S", "direct|standard|gentle (default: standard)"},
    {"subject", 1, "S", "the new subject"},
    {"body", 1, "S", "the new body"},
    {"file", 1, "F", "read the new body from file F ('-': standard input)"},
    {NULL, 0, NULL, NULL},
};

/* The KIND argument, or a usage error. */
static enum rp_status kind_arg(struct cli *c, const struct cli_cmd *cmd, const struct cli_args *a,
                               const char **kind)
{
    if (!(*kind = cli_pos(a, 0)))
        return rp_db_fail(c->db, RP_ERR_USAGE, "kind",
                          "missing draft kind (usage: rapport %s "
                          "%s)",
                          cmd->name, cmd->usage);
    return RP_OK;
}

enum rp_status cmd_template_list(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    json_t *list = NULL;
    enum rp_status rc = rp_templates_json(c->db, &list);
    if (rc || c->json)
        return rc ? rc : cli_print_json(c, list);
    struct cli_grid g;
    size_t i;
    json_t *t;
    cli_grid_init(&g, 4, 0);
    cli_grid_row(&g, "KIND", "STYLE", "CHANGED", "SUBJECT", NULL);
    json_array_foreach(list, i, t)
    {
        cli_grid_row(&g, json_string_value(json_object_get(t, "kind")),
                     json_string_value(json_object_get(t, "style")),
                     json_is_true(json_object_get(t, "custom")) ? "yes" : "-",
                     json_string_value(json_object_get(t, "subject")), NULL);
    }
    rc = cli_grid_print(c, &g, "");
    cli_grid_release(&g);
    json_decref(list);
    return rc;
}

static enum rp_status print_template(struct cli *c, const char *kind, const char *style)
{
    struct rp_template t;
    enum rp_status rc = rp_template_get(c->db, kind, style, &t);
    if (rc)
        return rc;
    if (c->json)
        rc = cli_print_json(c, rp_template_to_json(&t));
    else
        printf("Subject: %s\n\n%s", t.subject, t.body);
    rp_template_release(&t);
    return rc;
}

enum rp_status cmd_template_show(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *kind;
    enum rp_status rc = kind_arg(c, cmd, a, &kind);
    return rc ? rc : print_template(c, kind, cli_opt(a, "style"));
}

/* Reads all of F (at most TEMPLATE_FILE_MAX bytes) into B. */
static enum rp_status read_file(struct cli *c, const char *path, struct rp_buf *b)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    char chunk[4096];
    size_t n;
    int too_large = 0;
    if (!f)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, "file", "cannot read '%s' (%s)", path,
                          strerror(errno));
    rp_buf_init(b, TEMPLATE_FILE_MAX);
    while (!too_large && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        too_large = rp_buf_add(b, chunk, n) != RP_OK;
    int failed = ferror(f);
    if (f != stdin)
        fclose(f);
    if (too_large)
        return rp_db_fail(c->db, RP_ERR_INVALID, "file",
                          "'%s' is too large for a template (at "
                          "most %d bytes)",
                          path, TEMPLATE_FILE_MAX);
    if (failed)
        return rp_db_fail(c->db, RP_ERR_INTERNAL, "file", "cannot read '%s'", path);
    return RP_OK;
}

/* Runs $VISUAL or $EDITOR (else vi) on PATH. */
static enum rp_status run_editor(struct cli *c, const char *path)
{
    const char *editor = getenv("VISUAL");
    if (!editor || !*editor)
        editor = getenv("EDITOR");
    if (!editor || !*editor)
        editor = "vi";
    pid_t pid = fork();
    if (pid == 0) {
        execlp("sh", "sh", "-c", "$0 \"$1\"", editor, path, (char *)NULL);
        _exit(127);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL,
                          "the editor '%s' failed (nothing "
                          "changed)",
                          editor);
    return RP_OK;
}

/* The template as the editor shows it: "Subject: ..." on the first line, a blank line, the
 * body. Splits the edited text in B into *subject and *body (pointers into B's data, which
 * is changed). */
static enum rp_status split_edited(struct cli *c, struct rp_buf *b, const char **subject,
                                   const char **body)
{
    char *nl = b->len ? strchr(b->data, '\n') : NULL;
    if (!nl || strncmp(b->data, "Subject: ", 9))
        return rp_db_fail(c->db, RP_ERR_INVALID, "subject",
                          "the edited template must start "
                          "with a 'Subject: ' line (nothing changed)");
    *nl = '\0';
    *subject = b->data + 9;
    *body = nl[1] == '\n' ? nl + 2 : nl + 1;
    return RP_OK;
}

static enum rp_status edit_in_editor(struct cli *c, const char *kind, const char *style,
                                     struct rp_buf *edited, const char **subject, const char **body)
{
    struct rp_template t;
    char path[] = "/tmp/rapport-template-XXXXXX";
    enum rp_status rc = rp_template_get(c->db, kind, style, &t);
    if (rc)
        return rc;
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        rp_template_release(&t);
        return rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "cannot make a file to edit (%s)",
                          strerror(errno));
    }
    int bad = fprintf(f, "Subject: %s\n\n%s", t.subject, t.body) < 0;
    bad |= fclose(f) != 0;
    rp_template_release(&t);
    if (bad)
        rc = rp_db_fail(c->db, RP_ERR_INTERNAL, NULL, "cannot write '%s'", path);
    if (!rc && !(rc = run_editor(c, path)) && !(rc = read_file(c, path, edited)))
        rc = split_edited(c, edited, subject, body);
    unlink(path);
    return rc;
}

enum rp_status cmd_template_edit(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *kind, *style = cli_opt(a, "style");
    const char *subject = cli_opt(a, "subject"), *body = cli_opt(a, "body");
    const char *file = cli_opt(a, "file");
    struct rp_buf text = RP_BUF_INIT;
    struct rp_template t;
    enum rp_status rc;
    if ((rc = kind_arg(c, cmd, a, &kind)) || (rc = rp_template_get(c->db, kind, style, &t)))
        return rc;
    rp_template_release(&t);
    if (body && file)
        return rp_db_fail(c->db, RP_ERR_USAGE, "file", "give --body or --file, not both");
    if (file) {
        rc = read_file(c, file, &text);
        body = rp_buf_str(&text);
    } else if (!subject && !body && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
        rc = edit_in_editor(c, kind, style, &text, &subject, &body);
    else if (!subject && !body)
        rc = rp_db_fail(c->db, RP_ERR_USAGE, NULL,
                        "nothing to change (give --subject, --body "
                        "or --file, or run it on a terminal to use $EDITOR)");
    if (!rc && !(rc = rp_db_begin(c->db))) {
        if ((rc = rp_template_set(c->db, kind, style, subject, body)) || (rc = rp_db_commit(c->db)))
            rp_db_rollback(c->db);
    }
    rp_buf_release(&text);
    return rc ? rc : print_template(c, kind, style);
}

enum rp_status cmd_template_reset(struct cli *c, const struct cli_cmd *cmd, struct cli_args *a)
{
    const char *kind;
    enum rp_status rc;
    if ((rc = kind_arg(c, cmd, a, &kind)) ||
        (rc = rp_template_reset(c->db, kind, cli_opt(a, "style"))))
        return rc;
    return print_template(c, kind, cli_opt(a, "style"));
}
