/* Growing arrays: the one realloc-doubling push. */
#include <stdint.h>
#include <stdlib.h>

#include "base/grow.h"
#include "base/banned.h"

int rp_grow(void **items, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 16;
    if (need <= *cap)
        return 0;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return -1;
        n *= 2;
    }
    if (n > SIZE_MAX / size)
        return -1;
    void *p = realloc(*items, n * size);
    if (!p)
        return -1;
    *items = p;
    *cap = n;
    return 0;
}
