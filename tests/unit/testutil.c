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
