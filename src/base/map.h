/* A map from text keys to numbers (open addressing, FNV-1a): the importers' index of what
 * the book already holds by e-mail and by name. Keys are copied. */
#ifndef RP_MAP_H
#define RP_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "rapport/status.h"

struct rp_map_slot {
    char *key; /* owned; NULL for an empty slot */
    int64_t value;
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
/* Sets KEY to VALUE, replacing an earlier value. */
enum rp_status rp_map_put(struct rp_map *m, const char *key, int64_t value);
/* 1 and *value when KEY is there, else 0. */
int rp_map_get(const struct rp_map *m, const char *key, int64_t *value);

#endif
