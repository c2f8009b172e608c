#include "manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "idtable.h"

#define PREFIX "fahras.f:"

struct fah_manifest {
    fah_mentry *v;
    size_t n, cap;
    size_t *slot;       /* path hash index: entry index + 1, 0 = empty */
    size_t nslots;
    /* id -> number of entries listing it */
    char **ids;
    size_t *refs;
    size_t nids, capids;
};

static void key_of(const char *path, char key[64]) {
    uint64_t a = fah_fnv1a(path, strlen(path), FAH_FNV_OFFSET);
    uint64_t b = fah_fnv1a(path, strlen(path), 0x9e3779b97f4a7c15ULL);
    snprintf(key, 64, PREFIX "%016llx%016llx", (unsigned long long)a, (unsigned long long)b);
}

/* Slot of `id` in the reference-count hash table (open addressing,
 * doubled when half full); (size_t)-1 when absent and create is 0. */
static size_t id_slot(fah_manifest *m, const char *id, int create) {
    if (m->capids == 0) {
        m->capids = 1024;
        m->ids = calloc(m->capids, sizeof *m->ids);
        m->refs = calloc(m->capids, sizeof *m->refs);
    }
    if (create && m->nids * 2 >= m->capids) {
        size_t cap = m->capids * 2;
        char **ni = calloc(cap, sizeof *ni);
        size_t *nr = calloc(cap, sizeof *nr);
        for (size_t i = 0; i < m->capids; i++) {
            if (!m->ids[i]) continue;
            size_t k = fah_fnv1a(m->ids[i], strlen(m->ids[i]), FAH_FNV_OFFSET) & (cap - 1);
            while (ni[k]) k = (k + 1) & (cap - 1);
            ni[k] = m->ids[i];
            nr[k] = m->refs[i];
        }
        free(m->ids);
        free(m->refs);
        m->ids = ni;
        m->refs = nr;
        m->capids = cap;
    }
    size_t k = fah_fnv1a(id, strlen(id), FAH_FNV_OFFSET) & (m->capids - 1);
    while (m->ids[k]) {
        if (strcmp(m->ids[k], id) == 0) return k;
        k = (k + 1) & (m->capids - 1);
    }
    if (!create) return (size_t)-1;
    m->ids[k] = strdup(id);
    m->refs[k] = 0;
    m->nids++;
    return k;
}

static void ref(fah_manifest *m, char *const *ids, size_t n, int delta) {
    for (size_t i = 0; i < n; i++) {
        size_t k = id_slot(m, ids[i], delta > 0);
        if (k == (size_t)-1) continue;
        if (delta > 0) m->refs[k]++;
        else if (m->refs[k]) m->refs[k]--;
    }
}

size_t fah_manifest_id_refs(fah_manifest *m, const char *id) {
    size_t k = id_slot(m, id, 0);
    return k == (size_t)-1 ? 0 : m->refs[k];
}

static void free_entry(fah_mentry *e) {
    free(e->path);
    for (size_t i = 0; i < e->nids; i++) free(e->ids[i]);
    free(e->ids);
    memset(e, 0, sizeof *e);
}

static void index_entry(fah_manifest *m, size_t i) {
    if (m->n * 2 >= m->nslots) {
        size_t ns = m->nslots ? m->nslots * 2 : 1024;
        while (ns < m->n * 2 + 2) ns *= 2;
        size_t *sl = calloc(ns, sizeof *sl);
        if (!sl) return;
        free(m->slot);
        m->slot = sl;
        m->nslots = ns;
        for (size_t j = 0; j < m->n; j++) {
            if (j == i || !m->v[j].path) continue;
            size_t k = fah_fnv1a(m->v[j].path, strlen(m->v[j].path), FAH_FNV_OFFSET) & (ns - 1);
            while (m->slot[k]) k = (k + 1) & (ns - 1);
            m->slot[k] = j + 1;
        }
    }
    size_t k = fah_fnv1a(m->v[i].path, strlen(m->v[i].path), FAH_FNV_OFFSET) & (m->nslots - 1);
    while (m->slot[k]) k = (k + 1) & (m->nslots - 1);
    m->slot[k] = i + 1;
}

static fah_mentry *add_entry(fah_manifest *m) {
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        fah_mentry *v = realloc(m->v, cap * sizeof *v);
        if (!v) return NULL;
        m->v = v;
        m->cap = cap;
    }
    fah_mentry *e = &m->v[m->n++];
    memset(e, 0, sizeof *e);
    return e;
}

/* Parse a stored value into e. 0 or -1. */
static int parse_value(const char *v, size_t len, fah_mentry *e) {
    char *copy = strndup(v, len);
    if (!copy) return -1;
    char *line = copy, *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    /* version 1: ver size mtime path; version 2: ver size mtime hash path */
    int want = line[0] == '2' ? 5 : 4;
    char *f[5];
    int nf = 0;
    for (char *p = line; nf < want && p; nf++) {
        f[nf] = p;
        p = nf < want - 1 ? strchr(p, '\t') : NULL;
        if (p) *p++ = '\0';
    }
    if (nf < want || strcmp(f[0], want == 5 ? "2" : "1") != 0) {
        free(copy);
        return -1;
    }
    e->size = atoll(f[1]);
    e->mtime_ns = atoll(f[2]);
    if (want == 5 && strlen(f[3]) == 32) {
        e->has_hash = 1;
        for (int i = 0; i < 16; i++) {
            unsigned x;
            if (sscanf(f[3] + 2 * i, "%2x", &x) != 1) e->has_hash = 0;
            e->hash[i] = (unsigned char)x;
        }
    }
    e->path = strdup(f[want - 1]);
    for (char *p = nl ? nl + 1 : NULL; p && *p;) {
        char *q = strchr(p, '\n');
        if (q) *q = '\0';
        char **ids = realloc(e->ids, (e->nids + 1) * sizeof *ids);
        if (!ids) break;
        e->ids = ids;
        e->ids[e->nids++] = strdup(p);
        p = q ? q + 1 : NULL;
    }
    free(copy);
    return 0;
}

typedef struct {
    fx_db *db;
    fah_manifest *m;
    int fail;
} load_ctx;

static int on_key(void *vctx, const char *key, size_t len) {
    load_ctx *c = vctx;
    char k[128];
    if (len >= sizeof k) return 0;
    memcpy(k, key, len);
    k[len] = '\0';
    char *val = NULL;
    size_t vl;
    if (fx_db_get_metadata(c->db, k, &val, &vl, NULL) != FX_OK || !val) return 0;
    fah_mentry *e = add_entry(c->m);
    if (!e) {
        free(val);
        c->fail = 1;
        return 1;
    }
    if (parse_value(val, vl, e)) {
        c->m->n--; /* unreadable entry: ignored */
    } else {
        ref(c->m, e->ids, e->nids, +1);
        index_entry(c->m, c->m->n - 1);
    }
    free(val);
    return 0;
}

int fah_manifest_load(fx_db *db, fah_manifest **out, fx_error *err) {
    fah_manifest *m = calloc(1, sizeof *m);
    if (!m) return -1;
    load_ctx c = {db, m, 0};
    if (fx_db_metadata_keys(db, PREFIX, on_key, &c, err) != FX_OK || c.fail) {
        fah_manifest_delete(m);
        return -1;
    }
    *out = m;
    return 0;
}

void fah_manifest_delete(fah_manifest *m) {
    if (!m) return;
    for (size_t i = 0; i < m->n; i++) free_entry(&m->v[i]);
    free(m->v);
    free(m->slot);
    for (size_t i = 0; i < m->capids; i++) free(m->ids[i]);
    free(m->ids);
    free(m->refs);
    free(m);
}

size_t fah_manifest_count(const fah_manifest *m) { return m->n; }
fah_mentry *fah_manifest_at(fah_manifest *m, size_t i) { return &m->v[i]; }

fah_mentry *fah_manifest_find(fah_manifest *m, const char *path) {
    if (!m->nslots) return NULL;
    size_t k = fah_fnv1a(path, strlen(path), FAH_FNV_OFFSET) & (m->nslots - 1);
    while (m->slot[k]) {
        fah_mentry *e = &m->v[m->slot[k] - 1];
        if (e->path && strcmp(e->path, path) == 0) return e;
        k = (k + 1) & (m->nslots - 1);
    }
    return NULL;
}

fx_status fah_manifest_put(fah_manifest *m, fx_db *db, const char *path, long long size,
                           long long mtime_ns, const unsigned char *hash, char *const *ids,
                           size_t nids, fx_error *err) {
    fah_buf v = FAH_BUF_INIT;
    char hex[33] = "-";
    for (int i = 0; hash && i < 16; i++) snprintf(hex + 2 * i, 3, "%02x", hash[i]);
    fah_buf_printf(&v, "2\t%lld\t%lld\t%s\t%s", size, mtime_ns, hex, path);
    for (size_t i = 0; i < nids; i++) {
        fah_buf_putc(&v, '\n');
        fah_buf_puts(&v, ids[i]);
    }
    char key[64];
    key_of(path, key);
    fx_status st = fx_db_set_metadata(db, key, v.data, v.len, err);
    fah_buf_free(&v);
    if (st != FX_OK) return st;
    /* copy first: ids, path and hash may point into the entry being replaced */
    char **nv = nids ? calloc(nids, sizeof *nv) : NULL;
    char *npath = strdup(path);
    int oom = !npath || (nids && !nv);
    for (size_t i = 0; !oom && i < nids; i++) oom = !(nv[i] = strdup(ids[i]));
    unsigned char h[16];
    if (hash) memcpy(h, hash, 16);
    if (oom) {
        for (size_t i = 0; nv && i < nids; i++) free(nv[i]);
        free(nv);
        free(npath);
        return FX_ERR_NOMEM;
    }
    fah_mentry *e = fah_manifest_find(m, path);
    int fresh = 0;
    if (e) {
        ref(m, e->ids, e->nids, -1);
        for (size_t i = 0; i < e->nids; i++) free(e->ids[i]);
        free(e->ids);
        free(e->path);
    } else {
        e = add_entry(m);
        if (!e) {
            for (size_t i = 0; i < nids; i++) free(nv[i]);
            free(nv);
            free(npath);
            return FX_ERR_NOMEM;
        }
        fresh = 1;
    }
    e->path = npath;
    e->size = size;
    e->mtime_ns = mtime_ns;
    e->has_hash = hash != NULL;
    if (hash) memcpy(e->hash, h, 16);
    e->seen = 1;
    if (fresh) index_entry(m, (size_t)(e - m->v));
    e->ids = nv;
    e->nids = nids;
    ref(m, e->ids, e->nids, +1);
    return FX_OK;
}

fx_status fah_manifest_remove(fah_manifest *m, fx_db *db, const char *path, fx_error *err) {
    char key[64];
    key_of(path, key);
    fx_status st = fx_db_set_metadata(db, key, "", 0, err); /* empty value deletes the key */
    if (st != FX_OK) return st;
    fah_mentry *e = fah_manifest_find(m, path);
    if (e) {
        ref(m, e->ids, e->nids, -1);
        free(e->path);
        e->path = NULL; /* tombstone: skipped by find */
    }
    return FX_OK;
}
