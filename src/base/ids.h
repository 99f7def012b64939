/* Sets of record ids as sorted arrays of int64_t. */
#ifndef RP_IDS_H
#define RP_IDS_H

#include <stddef.h>
#include <stdint.h>

/* qsort's and bsearch's comparison of two int64_t. */
int rp_int64_cmp(const void *a, const void *b);

/* Sorts IDS (N) ascending and drops repeats; the new count. */
size_t rp_ids_sort(int64_t *ids, size_t n);

/* The position of ID in IDS (N, ascending), N when it is not there. */
size_t rp_ids_find(const int64_t *ids, size_t n, int64_t id);

#endif
