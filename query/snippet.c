#include "snippet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/utf8.h"

typedef struct tok {
    size_t start, end;
    size_t cstart; /* code-point offset of start */
    size_t cend;   /* ... of end */
    int match;     /* query word index or -1 */
} tok;

typedef struct span {
    size_t start, end;
} span;

typedef struct {
    tok *v;
    size_t n, cap;
    span *co;      /* matched colocated tokens (joined compound names) */
    size_t nco, capco;
    const fah_qterms *q;
    const char *text;
    size_t last_byte, last_cp; /* incremental code-point counting */
    int fail;
    /* early stop: once a window of max_chars holds every query word (at most
     * 64 of them), no later window can show more of them, so tokenizing
     * stops max_chars after it (the window's right context) */
    size_t max_chars, want;
    int complete;
    size_t stop_cp;
} tctx;

static int on_tok(void *vctx, const fah_token *t) {
    tctx *c = vctx;
    if (t->colocated) {
        if (fah_qterms_match(c->q, t->norm, t->norm_len, t->stem, t->stem_len) < 0) return 0;
        if (c->nco == c->capco) {
            size_t cap = c->capco ? c->capco * 2 : 16;
            span *v = realloc(c->co, cap * sizeof *v);
            if (!v) {
                c->fail = 1;
                return 1;
            }
            c->co = v;
            c->capco = cap;
        }
        c->co[c->nco].start = t->start;
        c->co[c->nco].end = t->end;
        c->nco++;
        /* the words under the joined name count as matched */
        for (size_t k = c->n; k > 0 && c->v[k - 1].start >= t->start; k--)
            if (c->v[k - 1].match < 0) c->v[k - 1].match = (int)fah_qterms_count(c->q);
        return 0;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        tok *v = realloc(c->v, cap * sizeof *v);
        if (!v) {
            c->fail = 1;
            return 1;
        }
        c->v = v;
        c->cap = cap;
    }
    tok *k = &c->v[c->n++];
    k->start = t->start;
    k->end = t->end;
    k->cstart = c->last_cp + fah_utf8_count_valid(c->text + c->last_byte, t->start - c->last_byte);
    k->cend = k->cstart + fah_utf8_count_valid(c->text + t->start, t->end - t->start);
    c->last_byte = t->end;
    c->last_cp = k->cend;
    k->match = fah_qterms_match(c->q, t->norm, t->norm_len, t->stem, t->stem_len);
    if (c->complete) return k->cstart > c->stop_cp ? 2 : 0;
    if (k->match >= 0 && c->want && c->want <= 64) {
        uint64_t seen = 0;
        size_t distinct = 0;
        for (size_t j = c->n; j > 0 && c->v[j - 1].cstart + c->max_chars >= k->cstart; j--) {
            int m = c->v[j - 1].match;
            if (m >= 0 && m < 64 && !(seen >> m & 1)) {
                seen |= 1ULL << m;
                distinct++;
            }
        }
        if (distinct == c->want) {
            c->complete = 1;
            c->stop_cp = k->cstart + c->max_chars;
        }
    }
    return 0;
}

#define CONTEXT_WORDS 4

/* Light stemming (light_stem.h) only strips affixes, and rewrites at most
 * the last letter (-ات -> -ه), so a word whose stem is a query word's stem
 * contains that stem without its last letter: words that contain none of
 * these cores need no stem (a third of a snippet's cost was stemming). */
typedef struct {
    const char *core[64];
    size_t len[64];
    size_t n;
} cores;

static int want_stem(void *vctx, const char *norm, size_t len) {
    const cores *k = vctx;
    for (size_t i = 0; i < k->n; i++) {
        size_t cl = k->len[i];
        if (cl > len) continue;
        const char *c = k->core[i];
        /* words are short: a plain scan beats memmem's set-up */
        for (size_t at = 0; at + cl <= len; at++)
            if (norm[at] == c[0] && (cl == 1 || norm[at + 1] == c[1]) && memcmp(norm + at, c, cl) == 0) return 1;
    }
    return 0;
}

int fah_snippet_make(fah_analyzer *an, const char *text, size_t len, const fah_qterms *q,
                     size_t max_chars, fah_snippet *out) {
    memset(out, 0, sizeof *out);
    tctx c = {NULL, 0, 0, NULL, 0, 0, q, text, 0, 0, 0, max_chars, fah_qterms_count(q), 0, 0};
    cores k = {{0}, {0}, 0};
    fah_stem_kind sk = fah_analyzer_stem_kind(an);
    int filter = (sk == FAH_STEM_LIGHT || sk == FAH_STEM_LIGHT10) && q->n <= 64;
    for (size_t i = 0; filter && i < q->n; i++) {
        const char *st = q->stem[i];
        size_t sl = strlen(st), cut = sl;
        while (cut > 0 && ((unsigned char)st[cut - 1] & 0xC0) == 0x80) cut--; /* the last code point */
        if (cut > 0) cut--;
        k.core[k.n] = st;
        k.len[k.n++] = cut > 0 ? cut : sl;
    }
    int trc = fah_analyzer_tokenize_lazy(an, text, len, 1, filter ? want_stem : NULL, &k, on_tok, &c);
    if (trc == FAH_TOKENIZE_RESTART) {
        /* a character for ICU's word break: start over (a few percent of articles) */
        free(c.co);
        tctx fresh = {c.v, 0, c.cap, NULL, 0, 0, q, text, 0, 0, 0, max_chars, fah_qterms_count(q), 0, 0};
        c = fresh;
        trc = fah_analyzer_tokenize_filtered(an, text, len, 1, filter ? want_stem : NULL, &k, on_tok, &c);
    }
    if (trc < 0 || c.fail) {
        free(c.v);
        free(c.co);
        return -1;
    }
    free(c.co);
    if (c.n == 0) {
        /* no words: the first max_chars code points, cut at a character */
        size_t i = 0, k = 0;
        while (i < len && k < max_chars) {
            fah_utf8_next(text, len, &i);
            k++;
        }
        out->start = 0;
        out->end = i;
        free(c.v);
        return 0;
    }
    size_t best_s = 0, best_e = 0;
    long best_score = -1;
    unsigned char *seen = calloc(fah_qterms_count(q) + 1, 1);
    if (!seen) {
        free(c.v);
        return -1;
    }
    for (size_t a = 0; a < c.n; a++) {
        if (c.v[a].match < 0 && !(a == 0 && best_score < 0)) continue;
        size_t s = a >= CONTEXT_WORDS ? a - CONTEXT_WORDS : 0;
        if (c.v[a].match < 0) s = 0;
        memset(seen, 0, fah_qterms_count(q) + 1);
        long distinct = 0, matches = 0;
        size_t e = s;
        /* extend while the window fits */
        while (e < c.n) {
            if (e > s && c.v[e].cend - c.v[s].cstart > max_chars) break;
            if (c.v[e].match >= 0) {
                matches++;
                if (!seen[c.v[e].match]) {
                    seen[c.v[e].match] = 1;
                    distinct++;
                }
            }
            e++;
        }
        long score = distinct * 1000 + matches;
        if (score > best_score) {
            best_score = score;
            best_s = s;
            best_e = e - 1;
        }
    }
    free(seen);
    out->start = best_s == 0 ? 0 : c.v[best_s].start;
    out->end = c.v[best_e].end;
    size_t nh = 0;
    for (size_t k = best_s; k <= best_e; k++)
        if (c.v[k].match >= 0) nh++;
    if (nh) {
        out->hl = malloc(nh * sizeof *out->hl);
        if (!out->hl) {
            free(c.v);
            return -1;
        }
        for (size_t k = best_s; k <= best_e; k++)
            if (c.v[k].match >= 0) {
                out->hl[out->nhl][0] = c.v[k].start - out->start;
                out->hl[out->nhl][1] = c.v[k].end - out->start;
                out->nhl++;
            }
    }
    free(c.v);
    return 0;
}

void fah_snippet_free(fah_snippet *s) {
    free(s->hl);
    memset(s, 0, sizeof *s);
}
