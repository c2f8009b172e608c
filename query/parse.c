#include "parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/schema.h"
#include "../common/utf8.h"

/* Weight of a match on the query word's own normalized spelling, added to
 * the stem match's: a small preference for the exact spelling among
 * articles that match by stem.  Measured with scripts/eval on the 20
 * development topics (light stemmer, analyzer v3), nDCG@10 / MAP:
 * 0 -> 0.929 / 0.933, 0.02 -> 0.922 / 0.938, 0.05 -> 0.912 / 0.946,
 * 0.1 -> 0.912 / 0.946 (analyzer v1: 1.0 -> 0.887, 0.3 -> 0.898). */
#define FAH_EXACT_FORM_WEIGHT 0.02

/* « » “ ” „ delimit phrases like '"': rewrite them in place (each is 2 or
 * 3 UTF-8 bytes; the replacement is '"' plus spaces, which the word breaker
 * ignores, so the error positions stay right in characters). */
static void quotes_to_ascii(fah_buf *b) {
    for (size_t i = 0; i + 1 < b->len; i++) {
        unsigned char c0 = (unsigned char)b->data[i], c1 = (unsigned char)b->data[i + 1];
        if (c0 == 0xC2 && (c1 == 0xAB || c1 == 0xBB)) {
            b->data[i] = '"';
            memmove(b->data + i + 1, b->data + i + 2, b->len - i - 1);
            b->len--;
        } else if (i + 2 < b->len && c0 == 0xE2 && c1 == 0x80 &&
                   ((unsigned char)b->data[i + 2] == 0x9C || (unsigned char)b->data[i + 2] == 0x9D ||
                    (unsigned char)b->data[i + 2] == 0x9E)) {
            b->data[i] = '"';
            memmove(b->data + i + 1, b->data + i + 3, b->len - i - 2);
            b->len -= 2;
        }
    }
}

typedef struct qlist {
    fx_query **v;
    size_t n, cap;
} qlist;

static int qpush(qlist *l, fx_query *q) {
    if (!q) return -1;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        fx_query **v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            fx_query_free(q);
            return -1;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = q;
    return 0;
}

static void qclear(qlist *l) {
    for (size_t i = 0; i < l->n; i++) fx_query_free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

typedef struct {
    fah_analyzer *an;
    qlist *items;      /* free words go here */
    qlist phrase;      /* phrase words */
    int in_phrase;
    int stemmed;
    fah_qterms *terms;
    int fail;
    unsigned qpos;
} pctx;

static int on_word(void *vctx, const fah_token *t) {
    pctx *c = vctx;
    if (t->colocated && c->in_phrase) return 0; /* a phrase matches the words as written */
    if (fah_qterms_add(c->terms, t->norm, t->norm_len, t->stem, t->stem_len)) goto oom;
    c->qpos++;
    fx_query *surface = NULL;
    if (fx_query_term(t->norm, t->norm_len, 1, c->qpos, &surface, NULL) != FX_OK) {
        /* an over-long word cannot match anything indexed: ignore it */
        return 0;
    }
    if (c->in_phrase) return qpush(&c->phrase, surface) ? (c->fail = 1) : 0;
    if (!c->stemmed) return qpush(c->items, surface) ? (c->fail = 1) : 0;
    fah_buf zt = FAH_BUF_INIT;
    fah_buf_puts(&zt, FAH_PREFIX_STEM);
    fah_buf_append(&zt, t->stem, t->stem_len);
    fx_query *stem = NULL, *both = NULL;
    fx_status st = fx_query_term(zt.data, zt.len, 1, c->qpos, &stem, NULL);
    fah_buf_free(&zt);
    if (st != FX_OK) return qpush(c->items, surface) ? (c->fail = 1) : 0;
    fx_query *exact = NULL;
    st = fx_query_scale(surface, FAH_EXACT_FORM_WEIGHT, &exact, NULL);
    fx_query_free(surface);
    if (st != FX_OK) {
        fx_query_free(stem);
        goto oom;
    }
    fx_query *pair[2] = {stem, exact};
    st = fx_query_combine(FX_OP_OR, pair, 2, 0, &both, NULL);
    fx_query_free(stem);
    fx_query_free(exact);
    if (st != FX_OK) goto oom;
    return qpush(c->items, both) ? (c->fail = 1) : 0;
oom:
    c->fail = 1;
    return 1;
}

fah_parse_status fah_query_parse(fah_analyzer *an, const char *text, fx_query **out,
                                 fah_qterms *terms, char *errmsg, size_t errlen) {
    *out = NULL;
    fah_buf clean = FAH_BUF_INIT;
    size_t len = strlen(text);
    size_t bad = fah_utf8_invalid_at(text, len);
    if (bad != (size_t)-1) {
        snprintf(errmsg, errlen,
                 "the query is not valid UTF-8 (byte %zu); check the terminal's or cron's locale", bad);
        return FAH_PARSE_SYNTAX;
    }
    if (fah_analyzer_display(an, text, len, &clean)) return FAH_PARSE_NOMEM;
    quotes_to_ascii(&clean);
    qlist items = {0};
    pctx c = {an, &items, {0}, 0, fah_analyzer_stem_kind(an) != FAH_STEM_NONE, terms, 0, 0};
    fah_parse_status rs = FAH_PARSE_OK;
    const char *s = clean.data ? clean.data : "";
    size_t n = clean.len, i = 0;
    while (i < n && rs == FAH_PARSE_OK) {
        const char *q = memchr(s + i, '"', n - i);
        size_t seg_end = q ? (size_t)(q - s) : n;
        if (seg_end > i && fah_analyzer_tokenize(an, s + i, seg_end - i, 1, on_word, &c) < 0)
            rs = FAH_PARSE_NOMEM;
        if (c.fail) rs = FAH_PARSE_NOMEM;
        if (!q || rs != FAH_PARSE_OK) break;
        const char *close = memchr(q + 1, '"', n - (size_t)(q + 1 - s));
        if (!close) {
            snprintf(errmsg, errlen, "unclosed quote at character %zu: %s",
                     fah_utf8_count(s, (size_t)(q - s)) + 1, s);
            rs = FAH_PARSE_SYNTAX;
            break;
        }
        c.in_phrase = 1;
        size_t ps = (size_t)(q + 1 - s), pe = (size_t)(close - s);
        if (pe > ps && fah_analyzer_tokenize(an, s + ps, pe - ps, 1, on_word, &c) < 0)
            rs = FAH_PARSE_NOMEM;
        c.in_phrase = 0;
        if (c.fail) rs = FAH_PARSE_NOMEM;
        if (rs == FAH_PARSE_OK && c.phrase.n) {
            fx_query *ph = NULL;
            fx_query_op op = c.phrase.n > 1 ? FX_OP_PHRASE : FX_OP_OR;
            if (fx_query_combine(op, c.phrase.v, c.phrase.n, 0, &ph, NULL) != FX_OK ||
                qpush(&items, ph))
                rs = FAH_PARSE_NOMEM;
        }
        qclear(&c.phrase);
        i = pe + 1;
    }
    qclear(&c.phrase);
    fah_buf_free(&clean);
    if (rs == FAH_PARSE_OK && items.n == 0) {
        snprintf(errmsg, errlen,
                 "the query has no searchable words (punctuation and marks are ignored, and words "
                 "longer than %d bytes are not indexed)", FAH_MAX_WORD_BYTES);
        rs = FAH_PARSE_EMPTY;
    }
    if (rs == FAH_PARSE_OK) {
        if (items.n == 1) {
            *out = items.v[0];
            items.n = 0;
        } else if (fx_query_combine(FX_OP_OR, items.v, items.n, 0, out, NULL) != FX_OK) {
            rs = FAH_PARSE_NOMEM;
        }
    }
    if (rs == FAH_PARSE_NOMEM) snprintf(errmsg, errlen, "out of memory");
    qclear(&items);
    return rs;
}
