#include "leadrank.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/lead.h"
#include "../common/schema.h"

fx_status fah_leadrank_add(fx_db *db, fah_analyzer *an, fah_qterms *qt, fx_query **text,
                           fx_error *err) {
    int stemmed = fah_analyzer_stem_kind(an) != FAH_STEM_NONE;
    uint32_t ndocs = 0;
    fx_status st = fx_db_doccount(db, &ndocs, err);
    if (st != FX_OK) return st;
    if (!ndocs || !qt->n) return FX_OK;
    uint16_t *hash = calloc(qt->n, sizeof *hash);
    double *share = calloc(qt->n, sizeof *share);
    fah_buf term = FAH_BUF_INIT;
    fx_mset *m = NULL;
    fx_query *lead = NULL, *both = NULL;
    size_t n = 0;
    double total = 0;
    if (!hash || !share) {
        st = FX_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < qt->n; i++) {
        if (qt->excluded[i]) continue;
        const char *w = stemmed ? qt->stem[i] : qt->norm[i];
        uint16_t h = fah_lead_hash(w, strlen(w));
        size_t k = 0;
        while (k < n && hash[k] != h) k++;
        if (k < n) continue; /* two spellings of one stem count once */
        fah_buf_reset(&term);
        if (stemmed) fah_buf_puts(&term, FAH_PREFIX_STEM);
        fah_buf_puts(&term, w);
        uint32_t df = 0;
        if ((st = fx_db_termfreq(db, term.data, term.len, &df, err)) != FX_OK) goto out;
        hash[n] = h;
        share[n] = log((double)ndocs / (df ? df : 1));
        total += share[n];
        n++;
    }
    if (!n || total <= 0) goto out;
    for (size_t k = 0; k < n; k++) share[k] /= total;
    fx_search_opts so;
    memset(&so, 0, sizeof so);
    so.limit = 0;
    if ((st = fx_search(db, *text, &so, &m, err)) != FX_OK) goto out;
    double top = fx_mset_max_possible(m);
    if (top <= 0) goto out;
    if ((st = fx_query_lead(FAH_SLOT_LEAD, hash, share, n, FAH_LEAD_COVER * top, FAH_LEAD_EARLY * top,
                            &lead, err)) != FX_OK)
        goto out;
    fx_query *pair[2] = {*text, lead};
    if ((st = fx_query_combine(FX_OP_AND_MAYBE, pair, 2, 0, &both, err)) != FX_OK) goto out;
    if (fah_qterms_add_part(qt, "lead", 4, lead)) {
        lead = NULL; /* freed by fah_qterms_add_part */
        fx_query_free(both);
        st = FX_ERR_NOMEM;
        goto out;
    }
    lead = NULL; /* owned by qt now */
    fx_query_free(*text);
    *text = both;
out:
    fx_query_free(lead);
    fx_mset_free(m);
    fah_buf_free(&term);
    free(hash);
    free(share);
    if (st == FX_ERR_NOMEM && err) snprintf(err->msg, sizeof err->msg, "out of memory");
    return st;
}
