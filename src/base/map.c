/* Text-keyed map of hashes; see map.h. */
#include "base/map.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "base/banned.h"

#define MAP_VALUE_BITS 40
#define MAP_VALUE_MASK ((UINT64_C(1) << MAP_VALUE_BITS) - 1)

/* splitmix64's finalizer, so that keys differing in their last bytes spread over the low
 * bits that pick a slot. */
static uint64_t map_mix(uint64_t h)
{
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

/* Two hashes of KEY: FNV-1a from two offset bases. *hash is never 0 (an empty slot). */
static void map_hash(const char *key, uint64_t *hash, uint64_t *check)
{
    uint64_t a = 1469598103934665603ULL, b = 0x9e3779b97f4a7c15ULL;
    for (const unsigned char *s = (const unsigned char *)key; *s; s++) {
        a = (a ^ *s) * 1099511628211ULL;
        b = (b ^ *s) * 0x100000001b3ULL + 0x2545f4914f6cdd1dULL;
    }
    *hash = map_mix(a);
    *hash += !*hash;
    *check = map_mix(b) & ~MAP_VALUE_MASK;
}

static struct rp_map_slot *map_find(const struct rp_map_slot *slots, size_t cap, uint64_t hash,
                                    uint64_t check)
{
    size_t i = (size_t)hash & (cap - 1);
    while (slots[i].hash && (slots[i].hash != hash || (slots[i].check & ~MAP_VALUE_MASK) != check))
        i = (i + 1) & (cap - 1);
    return (struct rp_map_slot *)&slots[i];
}

/* Slots of a large map in huge pages where the system has them: a lookup lands anywhere in
 * tens of megabytes, and with small pages nearly every one also misses the processor's
 * table of pages. */
#define MAP_HUGE_PAGE ((size_t)2 << 20)

static struct rp_map_slot *map_slots_new(size_t cap)
{
    size_t size = cap * sizeof(struct rp_map_slot);
    void *slots = NULL;
    if (size < MAP_HUGE_PAGE)
        return calloc(cap, sizeof(struct rp_map_slot));
    if (posix_memalign(&slots, MAP_HUGE_PAGE, size))
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(slots, size, MADV_HUGEPAGE);
#endif
    memset(slots, 0, size);
    return slots;
}

static enum rp_status map_grow(struct rp_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    struct rp_map_slot *slots = map_slots_new(cap);
    if (!slots)
        return RP_ERR_INTERNAL;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].hash)
            *map_find(slots, cap, m->slots[i].hash, m->slots[i].check & ~MAP_VALUE_MASK) =
                m->slots[i];
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return RP_OK;
}

void rp_map_release(struct rp_map *m)
{
    free(m->slots);
    *m = (struct rp_map)RP_MAP_INIT;
}

enum rp_status rp_map_put(struct rp_map *m, const char *key, int64_t value)
{
    uint64_t hash, check;
    if (value < 0 || (uint64_t)value > MAP_VALUE_MASK)
        return RP_ERR_INTERNAL;
    if ((m->n + 1) * 4 > m->cap * 3 && map_grow(m))
        return RP_ERR_INTERNAL;
    map_hash(key, &hash, &check);
    struct rp_map_slot *s = map_find(m->slots, m->cap, hash, check);
    m->n += !s->hash;
    s->hash = hash;
    s->check = check | (uint64_t)value;
    return RP_OK;
}

int rp_map_get(const struct rp_map *m, const char *key, int64_t *value)
{
    uint64_t hash, check;
    if (!m->cap)
        return 0;
    map_hash(key, &hash, &check);
    const struct rp_map_slot *s = map_find(m->slots, m->cap, hash, check);
    if (s->hash)
        *value = (int64_t)(s->check & MAP_VALUE_MASK);
    return s->hash != 0;
}

void rp_map_prefetch(const struct rp_map *m, const char *key)
{
    uint64_t hash, check;
    if (!m->cap)
        return;
    map_hash(key, &hash, &check);
    __builtin_prefetch(&m->slots[(size_t)hash & (m->cap - 1)]);
}
