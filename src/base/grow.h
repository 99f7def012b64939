/* Growing arrays: the one realloc-doubling push. */
#ifndef RP_GROW_H
#define RP_GROW_H

#include <stddef.h>

/* Makes room for NEED elements of SIZE bytes in *ITEMS, whose capacity is *CAP, doubling
 * it (from 16); *ITEMS and *CAP change only on success. Returns 0, or -1 when out of
 * memory (the array is left as it was). */
int rp_grow(void **items, size_t *cap, size_t need, size_t size);

/* RP_GROW(array, need, cap) for a typed array: 0 or -1 as rp_grow. */
#define RP_GROW(items, need, cap) rp_grow((void **)&(items), &(cap), (need), sizeof(*(items)))

#endif
