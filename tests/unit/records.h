/* records.h - collect the articles a reader hands over (up to 8). For tests. */
#ifndef FAHRAS_TEST_RECORDS_H
#define FAHRAS_TEST_RECORDS_H

#include "../../indexer/article.h"

typedef struct {
    fah_article a[8];
    int n;
} recs;

static inline int keep(void *ctx, fah_article *a) {
    recs *r = ctx;
    if (r->n < 8) r->a[r->n++] = *a;
    else fah_article_clear(a);
    return 0;
}

static inline void clear_recs(recs *r) {
    for (int i = 0; i < r->n; i++) fah_article_clear(&r->a[i]);
    r->n = 0;
}

#endif
