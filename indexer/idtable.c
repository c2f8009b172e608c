#include "idtable.h"

#include <stdlib.h>
#include <string.h>

typedef struct entry {
    char *id;
    size_t file;
    uint64_t fp;
    struct entry *next;
} entry;

struct fah_idtable {
    entry **b;
    size_t nb, n;
};

uint64_t fah_fnv1a(const void *p, size_t n, uint64_t h) {
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int fah_idtable_new(fah_idtable **out) {
    fah_idtable *t = calloc(1, sizeof *t);
    if (!t) return -1;
    t->nb = 1024;
    t->b = calloc(t->nb, sizeof *t->b);
    if (!t->b) {
        free(t);
        return -1;
    }
    *out = t;
    return 0;
}

void fah_idtable_delete(fah_idtable *t) {
    if (!t) return;
    for (size_t i = 0; i < t->nb; i++) {
        entry *e = t->b[i];
        while (e) {
            entry *n = e->next;
            free(e->id);
            free(e);
            e = n;
        }
    }
    free(t->b);
    free(t);
}

static int grow(fah_idtable *t) {
    size_t nb = t->nb * 2;
    entry **b = calloc(nb, sizeof *b);
    if (!b) return -1;
    for (size_t i = 0; i < t->nb; i++) {
        entry *e = t->b[i];
        while (e) {
            entry *n = e->next;
            size_t h = fah_fnv1a(e->id, strlen(e->id), FAH_FNV_OFFSET) & (nb - 1);
            e->next = b[h];
            b[h] = e;
            e = n;
        }
    }
    free(t->b);
    t->b = b;
    t->nb = nb;
    return 0;
}

int fah_idtable_add(fah_idtable *t, const char *id, size_t file, uint64_t fp, size_t *prev_file) {
    size_t h = fah_fnv1a(id, strlen(id), FAH_FNV_OFFSET) & (t->nb - 1);
    for (entry *e = t->b[h]; e; e = e->next) {
        if (strcmp(e->id, id) != 0) continue;
        *prev_file = e->file;
        if (e->file == file) return FAH_ID_SAME_FILE;
        return e->fp == fp ? FAH_ID_SAME_CONTENT : FAH_ID_CONFLICT;
    }
    if (t->n >= t->nb && grow(t)) return -1;
    h = fah_fnv1a(id, strlen(id), FAH_FNV_OFFSET) & (t->nb - 1);
    entry *e = malloc(sizeof *e);
    if (!e || !(e->id = strdup(id))) {
        free(e);
        return -1;
    }
    e->file = file;
    e->fp = fp;
    e->next = t->b[h];
    t->b[h] = e;
    t->n++;
    return FAH_ID_NEW;
}
