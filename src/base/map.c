/* Text-keyed map; see map.h. */
#include "base/map.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static uint64_t map_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static struct rp_map_slot *map_find(const struct rp_map_slot *slots, size_t cap, const char *key)
{
    size_t i = (size_t)map_hash(key) & (cap - 1);
    while (slots[i].key && strcmp(slots[i].key, key))
        i = (i + 1) & (cap - 1);
    return (struct rp_map_slot *)&slots[i];
}

static enum rp_status map_grow(struct rp_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    struct rp_map_slot *slots = calloc(cap, sizeof(*slots));
    if (!slots)
        return RP_ERR_INTERNAL;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *map_find(slots, cap, m->slots[i].key) = m->slots[i];
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return RP_OK;
}

void rp_map_release(struct rp_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    *m = (struct rp_map)RP_MAP_INIT;
}

enum rp_status rp_map_put(struct rp_map *m, const char *key, int64_t value)
{
    if ((m->n + 1) * 4 > m->cap * 3 && map_grow(m))
        return RP_ERR_INTERNAL;
    struct rp_map_slot *s = map_find(m->slots, m->cap, key);
    if (!s->key) {
        if (!(s->key = strdup(key)))
            return RP_ERR_INTERNAL;
        m->n++;
    }
    s->value = value;
    return RP_OK;
}

int rp_map_get(const struct rp_map *m, const char *key, int64_t *value)
{
    if (!m->cap)
        return 0;
    const struct rp_map_slot *s = map_find(m->slots, m->cap, key);
    if (s->key)
        *value = s->value;
    return s->key != NULL;
}
