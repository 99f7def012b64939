/* Sets of record ids as sorted arrays; see ids.h. */
#include "base/ids.h"

#include <stdlib.h>

#include "base/banned.h"

int rp_int64_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

size_t rp_ids_sort(int64_t *ids, size_t n)
{
    size_t count = 0;
    if (n)
        qsort(ids, n, sizeof(*ids), rp_int64_cmp);
    for (size_t i = 0; i < n; i++)
        if (!count || ids[count - 1] != ids[i])
            ids[count++] = ids[i];
    return count;
}

size_t rp_ids_find(const int64_t *ids, size_t n, int64_t id)
{
    const int64_t *hit = n ? bsearch(&id, ids, n, sizeof(*ids), rp_int64_cmp) : NULL;
    return hit ? (size_t)(hit - ids) : n;
}
