#include "leadrank.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/lead.h"
#include "../common/schema.h"

struct fah_leadrank {
    double scale;   /* the text query's largest possible weight */
    size_t n;
    uint16_t *hash; /* fah_lead_hash of each word's stem */
    double *share;  /* its share of the words' idf (sums to 1) */
};

void fah_leadrank_delete(fah_leadrank *lr) {
    if (!lr) return;
    free(lr->hash);
    free(lr->share);
    free(lr);
}

fx_status fah_leadrank_new(fx_db *db, fah_analyzer *an, const fah_qterms *qt, fah_leadrank **out,
                           fx_error *err) {
    *out = NULL;
    int stemmed = fah_analyzer_stem_kind(an) != FAH_STEM_NONE;
    uint32_t ndocs = 0;
    fx_status st = fx_db_doccount(db, &ndocs, err);
    if (st != FX_OK) return st;
    if (!ndocs || !qt->n || !qt->text) return FX_OK;
    fah_leadrank *lr = calloc(1, sizeof *lr);
    fah_buf term = FAH_BUF_INIT;
    double total = 0;
    if (!lr || !(lr->hash = calloc(qt->n, sizeof *lr->hash)) ||
        !(lr->share = calloc(qt->n, sizeof *lr->share))) {
        st = FX_ERR_NOMEM;
        goto fail;
    }
    for (size_t i = 0; i < qt->n; i++) {
        if (qt->excluded[i]) continue;
        const char *w = stemmed ? qt->stem[i] : qt->norm[i];
        uint16_t h = fah_lead_hash(w, strlen(w));
        size_t k = 0;
        while (k < lr->n && lr->hash[k] != h) k++;
        if (k < lr->n) continue; /* two spellings of one stem count once */
        fah_buf_reset(&term);
        if ((stemmed && fah_buf_puts(&term, FAH_PREFIX_STEM)) || fah_buf_puts(&term, w)) {
            st = FX_ERR_NOMEM;
            goto fail;
        }
        uint32_t df = 0;
        if ((st = fx_db_termfreq(db, term.data, term.len, &df, err)) != FX_OK) goto fail;
        lr->hash[lr->n] = h;
        lr->share[lr->n] = log((double)ndocs / (df ? df : 1));
        total += lr->share[lr->n];
        lr->n++;
    }
    fah_buf_free(&term);
    if (!lr->n || total <= 0) {
        fah_leadrank_delete(lr);
        return FX_OK;
    }
    for (size_t k = 0; k < lr->n; k++) lr->share[k] /= total;
    /* the scale: what the words can weigh at most (no document is read) */
    fx_search_opts so;
    memset(&so, 0, sizeof so);
    fx_mset *m = NULL;
    if ((st = fx_search(db, qt->text, &so, &m, err)) != FX_OK) goto fail;
    lr->scale = fx_mset_max_possible(m);
    fx_mset_free(m);
    if (lr->scale <= 0) {
        fah_leadrank_delete(lr);
        return FX_OK;
    }
    *out = lr;
    return FX_OK;
fail:
    fah_buf_free(&term);
    fah_leadrank_delete(lr);
    if (st == FX_ERR_NOMEM && err) snprintf(err->msg, sizeof err->msg, "out of memory");
    return st;
}

double fah_leadrank_weight(const fah_leadrank *lr, const char *val, size_t len) {
    const unsigned char *v = (const unsigned char *)val;
    double w = 0;
    for (size_t i = 0; i < lr->n; i++) {
        unsigned char lo = (unsigned char)(lr->hash[i] & 0xff), hi = (unsigned char)(lr->hash[i] >> 8);
        for (size_t k = 0; k + 3 <= len; k += 3) {
            if (v[k] == lo && v[k + 1] == hi) {
                w += lr->share[i] * (FAH_LEAD_COVER + FAH_LEAD_EARLY / (1.0 + v[k + 2]));
                break; /* entries hold first occurrences only */
            }
        }
    }
    return w;
}

typedef struct {
    double score;
    uint32_t i;
} ranked;

/* block by block (FAH_LEAD_BLOCK hits of Xapian's order), by score within */
static int by_score(const void *a, const void *b) {
    const ranked *x = a, *y = b;
    uint32_t bx = x->i / FAH_LEAD_BLOCK, by = y->i / FAH_LEAD_BLOCK;
    if (bx != by) return bx < by ? -1 : 1;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

fx_status fah_leadrank_rerank(const fah_leadrank *lr, fx_db *db, fx_mset *m, uint32_t n, double *score,
                              double *lead, uint32_t *order, fx_error *err) {
    for (uint32_t i = 0; i < n; i++) {
        order[i] = i;
        score[i] = fx_mset_weight(m, i);
        lead[i] = 0;
    }
    if (!lr || !n) return FX_OK;
    fx_docid *ids = malloc(n * sizeof *ids);
    char **vals = calloc(n, sizeof *vals);
    size_t *lens = calloc(n, sizeof *lens);
    ranked *r = malloc(n * sizeof *r);
    fx_status st = FX_OK;
    if (!ids || !vals || !lens || !r) {
        st = FX_ERR_NOMEM;
        if (err) snprintf(err->msg, sizeof err->msg, "out of memory");
        goto out;
    }
    for (uint32_t i = 0; i < n; i++) ids[i] = fx_mset_docid(m, i);
    if ((st = fx_db_get_values(db, FAH_SLOT_LEAD, ids, n, vals, lens, err)) != FX_OK) goto out;
    for (uint32_t i = 0; i < n; i++) {
        lead[i] = lr->scale * fah_leadrank_weight(lr, vals[i], lens[i]);
        score[i] += lead[i];
        r[i].score = score[i];
        r[i].i = i;
    }
    qsort(r, n, sizeof *r, by_score);
    for (uint32_t k = 0; k < n; k++) order[k] = r[k].i;
out:
    free(r);
    for (uint32_t i = 0; vals && i < n; i++) free(vals[i]);
    free(vals);
    free(lens);
    free(ids);
    return st;
}
