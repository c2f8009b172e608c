#include "lead.h"

#include <xxhash.h>

uint16_t fah_lead_hash(const char *stem, size_t len) {
    uint64_t h = XXH3_64bits(stem, len);
    return (uint16_t)(h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48));
}

void fah_lead_reset(fah_lead *l) { l->n = 0; }

void fah_lead_add(fah_lead *l, uint16_t h, unsigned word) {
    if (word >= FAH_LEAD_WORDS || l->n >= FAH_LEAD_MAX) return;
    unsigned char lo = (unsigned char)(h & 0xff), hi = (unsigned char)(h >> 8);
    for (size_t i = 0; i < l->n; i++)
        if (l->bytes[3 * i] == lo && l->bytes[3 * i + 1] == hi) return;
    l->bytes[3 * l->n] = lo;
    l->bytes[3 * l->n + 1] = hi;
    l->bytes[3 * l->n + 2] = (unsigned char)word;
    l->n++;
}

size_t fah_lead_size(const fah_lead *l) { return 3 * l->n; }
