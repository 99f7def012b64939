/* "Did you mean": the closest of a set of words to one mistyped, by edit distance. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "base/banned.h"

#define WORD_MAX 64

/* Levenshtein distance of A and B, with a swap of two neighbours counted as one edit
 * (the commonest typo: "--vaule"). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t d[WORD_MAX + 1][WORD_MAX + 1];
    if (la > WORD_MAX || lb > WORD_MAX)
        return WORD_MAX;
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

void cli_suggest_init(struct cli_suggest *s, const char *typed)
{
    *s = (struct cli_suggest){.typed = typed, .dist = WORD_MAX};
}

void cli_suggest_try(struct cli_suggest *s, const char *candidate)
{
    size_t d = distance(s->typed, candidate);
    /* close enough to be a typo: two edits, one for short words; or a prefix of it */
    size_t limit = strlen(s->typed) <= 4 ? 1 : 2;
    if (!strncmp(candidate, s->typed, strlen(s->typed)) && strlen(s->typed) >= 3)
        d = d < limit ? d : limit;
    if (d <= limit && d < s->dist) {
        snprintf(s->best, sizeof(s->best), "%s", candidate);
        s->dist = d;
    }
}
