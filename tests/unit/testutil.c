/* Scratch directories for unit tests; see testutil.h. */
/* nftw() is an X/Open interface. */
#define _XOPEN_SOURCE 700

#include "testutil.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>

char *tu_tmpdir(void)
{
    const char *base = getenv("RAPPORT_TEST_TMP");
    if (!base || !*base)
        base = "/tmp";
    /* ctest points RAPPORT_TEST_TMP at a directory in the build tree nobody created yet. */
    if (mkdir(base, 0700) && errno != EEXIST)
        cr_assert_fail("cannot create '%s' (%s)", base, strerror(errno));
    size_t len = strlen(base) + sizeof("/rapport-XXXXXX");
    char *dir = malloc(len);
    cr_assert_not_null(dir);
    snprintf(dir, len, "%s/rapport-XXXXXX", base);
    if (!mkdtemp(dir))
        cr_assert_fail("cannot create a directory under '%s' (%s)", base, strerror(errno));
    return dir;
}

static int tu_rmtree_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    return remove(path);
}

void tu_rmtree(const char *dir)
{
    if (!dir)
        return;
    /* FTW_DEPTH visits a directory after its contents, so it is empty when removed. */
    if (nftw(dir, tu_rmtree_entry, 16, FTW_DEPTH | FTW_PHYS))
        cr_log_warn("cannot remove '%s' (%s)", dir, strerror(errno));
}

int tu_pg(void)
{
    const char *state = getenv("RAPPORT_TEST_PG_STATE");
    return state && *state;
}

char *tu_database(const char *dir, const char *name)
{
    char line[512];
    if (!tu_pg()) {
        snprintf(line, sizeof(line), "%s/%s", dir, name);
        char *path = strdup(line);
        cr_assert_not_null(path);
        return path;
    }
    const char *pgtmp = getenv("RAPPORT_PGTMP");
    cr_assert(pgtmp && *pgtmp, "RAPPORT_PGTMP is not set");
    snprintf(line, sizeof(line), "'%s' createdb '%s'", pgtmp, getenv("RAPPORT_TEST_PG_STATE"));
    FILE *p = popen(line, "r");
    cr_assert_not_null(p, "cannot run %s", line);
    char *url = fgets(line, sizeof(line), p) ? strdup(line) : NULL;
    int rc = pclose(p);
    cr_assert(url && rc == 0, "pgtmp createdb failed (%d)", rc);
    url[strcspn(url, "\n")] = '\0';
    return url;
}
