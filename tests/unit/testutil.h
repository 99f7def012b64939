/* Helpers shared by the Criterion unit tests: a scratch directory per test. */
#ifndef RP_TESTUTIL_H
#define RP_TESTUTIL_H

/* Creates a fresh, empty directory under $RAPPORT_TEST_TMP (created if missing) or /tmp and
 * returns its path. Owned: free() it, normally after tu_rmtree(). Aborts the test on
 * failure. */
char *tu_tmpdir(void);

/* Removes dir and everything below it, without following symbolic links. NULL is a no-op. */
void tu_rmtree(const char *dir);

/* The database a test opens: the file NAME in DIR, or, when ctest runs the test against
 * PostgreSQL (RAPPORT_TEST_PG_STATE and RAPPORT_PGTMP set: the unit-pg/ tests), a new
 * empty database on the test server that tests/pg/pgtmp started. Owned: free() it. */
char *tu_database(const char *dir, const char *name);
/* Whether tests run against PostgreSQL. */
int tu_pg(void);

#endif
