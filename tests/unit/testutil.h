/* Helpers shared by the Criterion unit tests: a scratch directory per test. */
#ifndef RP_TESTUTIL_H
#define RP_TESTUTIL_H

/* Creates a fresh, empty directory under $RAPPORT_TEST_TMP (created if missing) or /tmp and
 * returns its path. Owned: free() it, normally after tu_rmtree(). Aborts the test on
 * failure. */
char *tu_tmpdir(void);

/* Removes dir and everything below it, without following symbolic links. NULL is a no-op. */
void tu_rmtree(const char *dir);

#endif
