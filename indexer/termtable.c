#include "termtable.h"

#include <stdlib.h>
#include <string.h>

typedef struct entry {
    uint32_t hash;
    uint32_t off;      /* term bytes in the arena */
    uint32_t len;
    uint32_t wdf;
    uint32_t npos, cappos;
    uint32_t *pos;     /* positions (malloc()ed, kept across resets) */
} entry;

struct fah_termtable {
    entry *e;          /* entries in insertion order */
    size_t n, cap;
    uint32_t *slot;    /* index+1 into e, 0 = empty */
    size_t nslots;
    char *arena;
    size_t used, acap;
};

int fah_termtable_new(fah_termtable **out) {
    fah_termtable *t = calloc(1, sizeof *t);
    if (!t) return -1;
    t->nslots = 4096;
    t->slot = calloc(t->nslots, sizeof *t->slot);
    t->acap = 1 << 16;
    t->arena = malloc(t->acap);
    if (!t->slot || !t->arena) {
        fah_termtable_delete(t);
        return -1;
    }
    *out = t;
    return 0;
}

void fah_termtable_delete(fah_termtable *t) {
    if (!t) return;
    for (size_t i = 0; i < t->cap; i++) free(t->e[i].pos);
    free(t->e);
    free(t->slot);
    free(t->arena);
    free(t);
}

void fah_termtable_reset(fah_termtable *t) {
    memset(t->slot, 0, t->nslots * sizeof *t->slot);
    t->n = 0;
    t->used = 0;
}

size_t fah_termtable_count(const fah_termtable *t) { return t->n; }

static int rehash(fah_termtable *t) {
    size_t ns = t->nslots * 2;
    uint32_t *s = calloc(ns, sizeof *s);
    if (!s) return -1;
    for (size_t i = 0; i < t->n; i++) {
        size_t k = t->e[i].hash & (ns - 1);
        while (s[k]) k = (k + 1) & (ns - 1);
        s[k] = (uint32_t)i + 1;
    }
    free(t->slot);
    t->slot = s;
    t->nslots = ns;
    return 0;
}

int fah_termtable_add(fah_termtable *t, const char *term, size_t len, uint32_t pos,
                      uint32_t wdfinc) {
    if (len == 0 || len > FX_MAX_TERM_BYTES) return 0;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)term[i]) * 16777619u;
    size_t k = h & (t->nslots - 1);
    entry *en = NULL;
    while (t->slot[k]) {
        entry *c = &t->e[t->slot[k] - 1];
        if (c->hash == h && c->len == len && memcmp(t->arena + c->off, term, len) == 0) {
            en = c;
            break;
        }
        k = (k + 1) & (t->nslots - 1);
    }
    if (!en) {
        if (t->n == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 512;
            entry *e = realloc(t->e, cap * sizeof *e);
            if (!e) return -1;
            memset(e + t->cap, 0, (cap - t->cap) * sizeof *e);
            t->e = e;
            t->cap = cap;
        }
        if (t->used + len > t->acap) {
            size_t ac = t->acap * 2;
            while (ac < t->used + len) ac *= 2;
            char *a = realloc(t->arena, ac);
            if (!a) return -1;
            t->arena = a;
            t->acap = ac;
        }
        memcpy(t->arena + t->used, term, len);
        en = &t->e[t->n];
        en->hash = h;
        en->off = (uint32_t)t->used;
        en->len = (uint32_t)len;
        en->wdf = 0;
        en->npos = 0;
        t->used += len;
        t->slot[k] = (uint32_t)++t->n;
        if (t->n * 2 > t->nslots && rehash(t)) return -1;
    }
    en->wdf += wdfinc;
    if (pos) {
        if (en->npos == en->cappos) {
            uint32_t cap = en->cappos ? en->cappos * 2 : 4;
            uint32_t *p = realloc(en->pos, cap * sizeof *p);
            if (!p) return -1;
            en->pos = p;
            en->cappos = cap;
        }
        en->pos[en->npos++] = pos;
    }
    return 0;
}

fx_status fah_termtable_flush(fah_termtable *t, fx_doc *doc, fx_error *err) {
    for (size_t i = 0; i < t->n; i++) {
        entry *e = &t->e[i];
        fx_status st;
        st = fx_doc_add_positions(doc, t->arena + e->off, e->len, e->pos, e->npos, e->wdf, err);
        if (st != FX_OK) return st;
    }
    fah_termtable_reset(t);
    return FX_OK;
}
