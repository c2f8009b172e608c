#include "spell.h"

#include <stdlib.h>
#include <string.h>

#include "../common/utf8.h"

/* Code points of a UTF-8 string (at most 64). */
static size_t cps(const char *s, size_t len, uint32_t *out) {
    size_t n = 0, i = 0;
    while (i < len && n < 64) {
        unsigned char c = (unsigned char)s[i];
        size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        uint32_t cp = l == 1 ? c : l == 2 ? (c & 0x1F) : l == 3 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k < l && i + k < len; k++) cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3F);
        out[n++] = cp;
        i += l;
    }
    return n;
}

static unsigned levenshtein(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, unsigned cap) {
    unsigned row[65];
    for (size_t j = 0; j <= nb; j++) row[j] = (unsigned)j;
    for (size_t i = 1; i <= na; i++) {
        unsigned prev = row[0], best = (unsigned)i;
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= nb; j++) {
            unsigned cur = row[j];
            unsigned v = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < v) v = row[j] + 1;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            row[j] = v;
            prev = cur;
            if (v < best) best = v;
        }
        if (best > cap) return cap + 1;
    }
    return row[nb];
}

typedef struct {
    uint32_t w[64];
    size_t nw;
    unsigned cap, best_d;
    uint32_t best_tf;
    char best[256];
} spell_ctx;

static int on_term(void *ctx, const char *term, size_t len, uint32_t tf) {
    spell_ctx *c = ctx;
    if (len >= sizeof c->best) return 0;
    uint32_t t[64];
    size_t nt = cps(term, len, t);
    if ((nt > c->nw ? nt - c->nw : c->nw - nt) > c->cap) return 0;
    unsigned d = levenshtein(c->w, c->nw, t, nt, c->cap);
    if (d == 0 || d > c->cap) return 0;
    if (d < c->best_d || (d == c->best_d && tf > c->best_tf)) {
        c->best_d = d;
        c->best_tf = tf;
        memcpy(c->best, term, len);
        c->best[len] = '\0';
    }
    return 0;
}

int fah_spell_suggest(fx_db *db, const fah_qterms *qt, fah_buf *out) {
    int replaced = 0;
    fah_buf_reset(out);
    for (size_t i = 0; i < qt->n; i++) {
        const char *w = qt->norm[i];
        size_t wl = strlen(w);
        uint32_t tf = 0;
        fx_db_termfreq(db, w, wl, &tf, NULL);
        if (out->len) fah_buf_putc(out, ' ');
        if (tf || wl < 2) {
            fah_buf_puts(out, w);
            continue;
        }
        spell_ctx c;
        memset(&c, 0, sizeof c);
        c.nw = cps(w, wl, c.w);
        c.cap = c.nw <= 4 ? 1 : 2;
        c.best_d = c.cap + 1;
        /* the candidates: terms with the same first letter */
        unsigned char f = (unsigned char)w[0];
        size_t fl = f < 0x80 ? 1 : f < 0xE0 ? 2 : f < 0xF0 ? 3 : 4;
        fx_db_allterms(db, w, fl, on_term, &c, NULL);
        if (c.best[0]) {
            fah_buf_puts(out, c.best);
            replaced++;
        } else {
            fah_buf_puts(out, w);
        }
    }
    return replaced;
}
