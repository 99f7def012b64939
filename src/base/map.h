/* A map from text keys to numbers (open addressing): the importers' index of what the book
 * already holds by e-mail and by name. Keys are not kept, only two independent hashes of
 * each (88 bits in all), so that an entry takes 16 bytes whatever the key's length and the
 * index of a million contacts fits in a few tens of megabytes. Two keys are confused only
 * when both hashes agree: for a million keys, odds of about 1 in 10^14. Values are
 * numbers from 0 to 2^40 - 1 (record ids). */
#ifndef RP_MAP_H
#define RP_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "rapport/status.h"

struct rp_map_slot {
    uint64_t hash;  /* 0 for an empty slot */
    uint64_t check; /* the second hash (its top 24 bits) and the value (40 bits) */
};

struct rp_map {
    struct rp_map_slot *slots;
    size_t n, cap; /* cap is 0 or a power of two */
};

#define RP_MAP_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void rp_map_release(struct rp_map *m);
/* Sets KEY to VALUE, replacing an earlier value. RP_ERR_INTERNAL when out of memory or
 * VALUE is out of range. */
enum rp_status rp_map_put(struct rp_map *m, const char *key, int64_t value);
/* 1 and *value when KEY is there, else 0. */
int rp_map_get(const struct rp_map *m, const char *key, int64_t *value);
/* Asks the processor to fetch KEY's slot while the caller does other work: a lookup in a
 * table of megabytes otherwise waits on memory. */
void rp_map_prefetch(const struct rp_map *m, const char *key);

#endif
