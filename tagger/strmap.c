#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

typedef struct slot {
    char *key;
    size_t len;
    unsigned char *recs;
    size_t n, cap;
} slot;

struct fah_strmap {
    slot *s;
    size_t cap, used, recsize;
};

/* XXH3: FNV-1a's low bits, which the mask keeps, depend only on the low
 * bits of each byte, and Arabic UTF-8 bytes differ little there: long
 * probe runs (measured: half of the tagger's time). */
static uint64_t hash(const char *p, size_t n) { return XXH3_64bits(p, n); }

fah_strmap *fah_strmap_new(size_t recsize) {
    fah_strmap *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->cap = 256;
    m->recsize = recsize;
    if (!(m->s = calloc(m->cap, sizeof *m->s))) {
        free(m);
        return NULL;
    }
    return m;
}

void fah_strmap_delete(fah_strmap *m) {
    if (!m) return;
    for (size_t i = 0; i < m->cap; i++) {
        free(m->s[i].key);
        free(m->s[i].recs);
    }
    free(m->s);
    free(m);
}

static slot *find(slot *s, size_t cap, const char *key, size_t len) {
    size_t k = hash(key, len) & (cap - 1);
    while (s[k].key && !(s[k].len == len && memcmp(s[k].key, key, len) == 0)) k = (k + 1) & (cap - 1);
    return &s[k];
}

static int grow(fah_strmap *m) {
    size_t cap = m->cap * 2;
    slot *ns = calloc(cap, sizeof *ns);
    if (!ns) return -1;
    for (size_t i = 0; i < m->cap; i++)
        if (m->s[i].key) *find(ns, cap, m->s[i].key, m->s[i].len) = m->s[i];
    free(m->s);
    m->s = ns;
    m->cap = cap;
    return 0;
}

int fah_strmap_add(fah_strmap *m, const char *key, size_t len, const void *rec, int unique) {
    if ((m->used + 1) * 2 > m->cap && grow(m)) return -1;
    slot *s = find(m->s, m->cap, key, len);
    if (!s->key) {
        if (!(s->key = malloc(len + 1))) return -1;
        memcpy(s->key, key, len);
        s->key[len] = '\0';
        s->len = len;
        m->used++;
    }
    if (unique)
        for (size_t i = 0; i < s->n; i++)
            if (memcmp(s->recs + i * m->recsize, rec, m->recsize) == 0) return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 2;
        unsigned char *r = realloc(s->recs, cap * m->recsize);
        if (!r) return -1;
        s->recs = r;
        s->cap = cap;
    }
    memcpy(s->recs + s->n * m->recsize, rec, m->recsize);
    s->n++;
    return 0;
}

const void *fah_strmap_get(const fah_strmap *m, const char *key, size_t len, size_t *n) {
    slot *s = find(m->s, m->cap, key, len);
    *n = s->key ? s->n : 0;
    return s->key ? s->recs : NULL;
}
