#include "schema.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../xap/fx.h"

static uint64_t fnv1a(const char *s, uint64_t h) {
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

size_t fah_id_term(const char *id, char *buf, size_t buflen) {
    size_t n = strlen(id);
    if (1 + n <= FX_MAX_TERM_BYTES && n + 2 <= buflen) {
        buf[0] = 'Q';
        memcpy(buf + 1, id, n + 1);
        return n + 1;
    }
    uint64_t a = fnv1a(id, 14695981039346656037ULL);
    uint64_t b = fnv1a(id, 0x9e3779b97f4a7c15ULL);
    return (size_t)snprintf(buf, buflen, "Q#%016llx%016llx", (unsigned long long)a,
                            (unsigned long long)b);
}
