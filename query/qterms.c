#include "qterms.h"

#include "../xap/fx.h"

#include <stdlib.h>
#include <string.h>

/* a (NUL-terminated) equals b[0..blen): compared byte by byte, since most
 * document words differ from a query word within the first letters */
static inline int eq(const char *a, const char *b, size_t blen) {
    size_t i = 0;
    while (i < blen && a[i] == b[i]) i++;
    return i == blen && a[i] == '\0';
}

int fah_qterms_add(fah_qterms *q, const char *norm, size_t nlen, const char *stem, size_t slen) {
    for (size_t i = 0; i < q->n; i++)
        if (eq(q->norm[i], norm, nlen)) return 0;
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 8;
        char **a = realloc(q->norm, cap * sizeof *a);
        if (!a) return -1;
        q->norm = a;
        char **b = realloc(q->stem, cap * sizeof *b);
        if (!b) return -1;
        q->stem = b;
        unsigned char *x = realloc(q->excluded, cap);
        if (!x) return -1;
        q->excluded = x;
        q->cap = cap;
    }
    q->norm[q->n] = strndup(norm, nlen);
    q->stem[q->n] = strndup(stem, slen);
    if (!q->norm[q->n] || !q->stem[q->n]) {
        free(q->norm[q->n]);
        free(q->stem[q->n]);
        return -1;
    }
    q->excluded[q->n] = 0;
    q->n++;
    return 0;
}

void fah_qterms_exclude_from(fah_qterms *q, size_t from) {
    for (size_t i = from; i < q->n; i++) q->excluded[i] = 1;
}

int fah_qterms_match(const fah_qterms *q, const char *norm, size_t nlen, const char *stem,
                     size_t slen) {
    for (size_t i = 0; i < q->n; i++)
        if (eq(q->norm[i], norm, nlen)) return (int)i;
    for (size_t i = 0; i < q->n; i++)
        if (eq(q->stem[i], stem, slen)) return (int)i;
    for (size_t k = 0; k < q->nprefix; k++) {
        size_t pl = strlen(q->prefix[k]);
        if (pl <= nlen && memcmp(q->prefix[k], norm, pl) == 0) return (int)(q->n + k);
    }
    return -1;
}

int fah_qterms_add_prefix(fah_qterms *q, const char *norm, size_t nlen) {
    if (q->nprefix == q->capprefix) {
        size_t cap = q->capprefix ? q->capprefix * 2 : 4;
        char **a = realloc(q->prefix, cap * sizeof *a);
        if (!a) return -1;
        q->prefix = a;
        q->capprefix = cap;
    }
    if (!(q->prefix[q->nprefix] = strndup(norm, nlen))) return -1;
    q->nprefix++;
    return 0;
}

size_t fah_qterms_count(const fah_qterms *q) { return q->n + q->nprefix; }

int fah_qterms_add_part(fah_qterms *q, const char *label, size_t len, struct fx_query *part) {
    if (q->nparts == q->capparts) {
        size_t cap = q->capparts ? q->capparts * 2 : 8;
        char **l = realloc(q->part_label, cap * sizeof *l);
        if (!l) {
            fx_query_free(part);
            return -1;
        }
        q->part_label = l;
        struct fx_query **v = realloc(q->part_q, cap * sizeof *v);
        if (!v) {
            fx_query_free(part);
            return -1;
        }
        q->part_q = v;
        q->capparts = cap;
    }
    if (!(q->part_label[q->nparts] = strndup(label, len))) {
        fx_query_free(part);
        return -1;
    }
    q->part_q[q->nparts++] = part;
    return 0;
}

void fah_qterms_free(fah_qterms *q) {
    for (size_t i = 0; i < q->nparts; i++) {
        free(q->part_label[i]);
        fx_query_free(q->part_q[i]);
    }
    free(q->part_label);
    free(q->part_q);
    for (size_t i = 0; i < q->n; i++) {
        free(q->norm[i]);
        free(q->stem[i]);
    }
    free(q->norm);
    free(q->stem);
    free(q->excluded);
    fx_query_free(q->text);
    for (size_t k = 0; k < q->nprefix; k++) free(q->prefix[k]);
    free(q->prefix);
    memset(q, 0, sizeof *q);
}
