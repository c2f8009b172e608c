#include "parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/buf.h"
#include "../common/schema.h"
#include "../common/utf8.h"
#include "request.h"

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
    char last_norm[128]; /* the last word's normalized form (for word*) */
    size_t last_norm_len;
    int prefix_mode;     /* analyzing a word*: highlight by prefix, not by the word */
} pctx;

/* Record a copy of q as an --explain part labelled label[0..len). */
static int add_part(fah_qterms *terms, const char *label, size_t len, const fx_query *q) {
    fx_query *copy = NULL;
    if (!q || fx_query_copy(q, &copy, NULL) != FX_OK) return -1;
    return fah_qterms_add_part(terms, label, len, copy);
}

static int on_word(void *vctx, const fah_token *t) {
    pctx *c = vctx;
    if (t->colocated && c->in_phrase) return 0; /* a phrase matches the words as written */
    if (t->norm_len < sizeof c->last_norm) {
        memcpy(c->last_norm, t->norm, t->norm_len);
        c->last_norm_len = t->norm_len;
    }
    if (!c->prefix_mode && fah_qterms_add(c->terms, t->norm, t->norm_len, t->stem, t->stem_len)) goto oom;
    c->qpos++;
    fx_query *surface = NULL;
    if (fx_query_term(t->norm, t->norm_len, 1, c->qpos, &surface, NULL) != FX_OK) {
        /* an over-long word cannot match anything indexed: ignore it */
        return 0;
    }
    if (c->in_phrase) return qpush(&c->phrase, surface) ? (c->fail = 1) : 0;
    if (!c->stemmed) {
        if (add_part(c->terms, t->norm, t->norm_len, surface)) goto oom;
        return qpush(c->items, surface) ? (c->fail = 1) : 0;
    }
    fah_buf zt = FAH_BUF_INIT;
    fah_buf_puts(&zt, FAH_PREFIX_STEM);
    fah_buf_append(&zt, t->stem, t->stem_len);
    fx_query *stem = NULL, *both = NULL;
    fx_status st = fx_query_term(zt.data, zt.len, 1, c->qpos, &stem, NULL);
    fah_buf_free(&zt);
    if (st != FX_OK) {
        if (add_part(c->terms, t->norm, t->norm_len, surface)) goto oom;
        return qpush(c->items, surface) ? (c->fail = 1) : 0;
    }
    fx_query *exact = NULL;
    st = fx_query_scale(surface, FAH_EXACT_FORM_WEIGHT, &exact, NULL);
    fx_query_free(surface);
    if (st != FX_OK) {
        fx_query_free(stem);
        goto oom;
    }
    /* every article with the spelling has its stem: stem AND_MAYBE spelling
     * matches and weighs as stem OR spelling, and lets Xapian look the
     * spelling up only in the stem's matches */
    fx_query *pair[2] = {stem, exact};
    st = fx_query_combine(FX_OP_AND_MAYBE, pair, 2, 0, &both, NULL);
    fx_query_free(stem);
    fx_query_free(exact);
    if (st != FX_OK) goto oom;
    if (add_part(c->terms, t->norm, t->norm_len, both)) {
        fx_query_free(both);
        goto oom;
    }
    return qpush(c->items, both) ? (c->fail = 1) : 0;
oom:
    c->fail = 1;
    return 1;
}


/* ---- the query language (parse.h) ---------------------------------------
 * Recursive descent over the display-cleaned query text:
 *   seq     := andx { [OR] andx }        adjacent items: OR (the default)
 *   andx    := notx { AND notx }
 *   notx    := unary { NOT unary }       a NOT b: a AND_NOT b
 *   unary   := '-' primary | primary      -x: excluded from its sequence
 *   primary := '(' seq ')' | "phrase" [~N] | source:V | date:A..B | word[*]
 */

typedef struct parser {
    fah_analyzer *an;
    const char *s;      /* cleaned query text */
    size_t n, i;
    pctx *c;
    qlist filters;      /* source:, date: */
    char *err;
    size_t errlen;
    fah_parse_status st;
    int depth;
    const fah_entity_resolver *res;
    int weighted_entities; /* entity items weighted by mentions (no text) */
    int ntext, nent;       /* text items and entity items parsed */
} parser;

static int is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

static void skip_ws(parser *p) {
    while (p->i < p->n) {
        unsigned char ch = (unsigned char)p->s[p->i];
        if (is_space((char)ch)) {
            p->i++;
        } else if (ch == 0xD8 && p->i + 1 < p->n &&
                   ((unsigned char)p->s[p->i + 1] == 0x8C || (unsigned char)p->s[p->i + 1] == 0x9B)) {
            p->i += 2; /* Arabic comma ، and semicolon ؛ separate items */
        } else if (ch == ',' || ch == ';') {
            p->i++;
        } else {
            break;
        }
    }
}

static void fail_at(parser *p, size_t at, const char *what) {
    if (p->st != FAH_PARSE_OK) return;
    p->st = FAH_PARSE_SYNTAX;
    snprintf(p->err, p->errlen, "%s at character %zu: %.*s[HERE]%s", what, fah_utf8_count(p->s, at) + 1,
             (int)at, p->s, p->s + at);
}

static void oom(parser *p) {
    if (p->st == FAH_PARSE_OK) {
        p->st = FAH_PARSE_NOMEM;
        snprintf(p->err, p->errlen, "out of memory");
    }
}

/* An operator word at the cursor (whole word, upper case): its length, else 0. */
static size_t op_at(parser *p, const char *op) {
    size_t l = strlen(op);
    if (p->i + l > p->n || memcmp(p->s + p->i, op, l) != 0) return 0;
    if (p->i + l < p->n && !is_space(p->s[p->i + l]) && p->s[p->i + l] != '(' && p->s[p->i + l] != '"')
        return 0;
    return l;
}

/* Combine `l` with op; NULL for an empty list; frees the parts. */
static fx_query *combine(parser *p, fx_query_op op, qlist *l, uint32_t window) {
    fx_query *q = NULL;
    if (l->n == 1) {
        q = l->v[0];
        l->n = 0;
    } else if (l->n > 1 && fx_query_combine(op, l->v, l->n, window, &q, NULL) != FX_OK) {
        oom(p);
    }
    qclear(l);
    return q;
}

/* Analyze text[0..len) into items (words) or phrase words (in_phrase). */
static int analyze_into(parser *p, const char *t, size_t len, qlist *items, int in_phrase) {
    pctx *c = p->c;
    qlist *saved = c->items;
    c->items = items;
    c->in_phrase = in_phrase;
    int rc = len ? fah_analyzer_tokenize(p->an, t, len, 1, on_word, c) : 0;
    c->in_phrase = 0;
    c->items = saved;
    if (rc < 0 || c->fail) {
        oom(p);
        return -1;
    }
    return 0;
}

static fx_query *parse_seq(parser *p, int in_paren);

/* After a closing quote: "a b"~N, the words in any order within their
 * count + N positions.  *slop = N, or -1 when no ~ follows; -1 on error. */
static int parse_slop(parser *p, long *slop) {
    *slop = -1;
    if (p->i < p->n && p->s[p->i] == '~') {
        char *end;
        *slop = strtol(p->s + p->i + 1, &end, 10);
        if (end == p->s + p->i + 1 || *slop < 0 || *slop > 100) {
            fail_at(p, p->i, "~ after a phrase needs a number of words from 0 to 100");
            return -1;
        }
        p->i = (size_t)(end - p->s);
    }
    return 0;
}

/* The words of a phrase: one word alone, else PHRASE, or NEAR with a slop. */
static fx_query *phrase_of(parser *p, qlist *words, long slop) {
    if (words->n == 1) return combine(p, FX_OP_OR, words, 0);
    if (slop >= 0) return combine(p, FX_OP_NEAR, words, (uint32_t)(words->n + (size_t)slop));
    return combine(p, FX_OP_PHRASE, words, 0);
}

static fx_query *parse_phrase(parser *p) {
    size_t open = p->i;
    const char *close = memchr(p->s + p->i + 1, '"', p->n - p->i - 1);
    if (!close) {
        fail_at(p, open, "unclosed quote");
        return NULL;
    }
    size_t ps = p->i + 1, pe = (size_t)(close - p->s);
    const char *star = memchr(p->s + ps, '*', pe - ps);
    if (star) {
        fail_at(p, (size_t)(star - p->s), "word* cannot be used inside a phrase");
        return NULL;
    }
    p->i = pe + 1;
    qlist words = {0};
    if (analyze_into(p, p->s + ps, pe - ps, &p->c->phrase, 1)) return NULL;
    words = p->c->phrase;
    memset(&p->c->phrase, 0, sizeof p->c->phrase);
    long slop;
    if (parse_slop(p, &slop)) {
        qclear(&words);
        return NULL;
    }
    if (!words.n) return NULL; /* "" or only punctuation: nothing to match */
    fx_query *q = phrase_of(p, &words, slop);
    if (q && add_part(p->c->terms, p->s + open, p->i - open, q)) oom(p);
    return q;
}

/* The end of a bare item (word or field value) at the cursor. */
static size_t item_end(parser *p) {
    size_t e = p->i;
    while (e < p->n && !is_space(p->s[e]) && p->s[e] != '(' && p->s[e] != ')' && p->s[e] != '"') {
        unsigned char ch = (unsigned char)p->s[e];
        if (ch == 0xD8 && e + 1 < p->n && ((unsigned char)p->s[e + 1] == 0x8C || (unsigned char)p->s[e + 1] == 0x9B))
            break;
        e++;
    }
    return e;
}

/* The value after a field name (skip bytes from the cursor): a "quoted"
 * text or a bare item, as [*vs, *ve); the cursor moves past it.  0, or -1
 * after an unclosed quote (error set). */
static int field_value(parser *p, size_t skip, size_t *vs, size_t *ve) {
    p->i += skip;
    *vs = p->i;
    if (p->i < p->n && p->s[p->i] == '"') {
        const char *close = memchr(p->s + p->i + 1, '"', p->n - p->i - 1);
        if (!close) {
            fail_at(p, p->i, "unclosed quote");
            return -1;
        }
        *vs = p->i + 1;
        *ve = (size_t)(close - p->s);
        p->i = *ve + 1;
    } else {
        *ve = item_end(p);
        p->i = *ve;
    }
    return 0;
}

/* source:NAME (nl 6) or date:PERIOD (nl 4): a filter, no item. */
static fx_query *parse_field(parser *p, size_t nl) {
    size_t at = p->i, vs, ve;
    if (field_value(p, nl + 1, &vs, &ve)) return NULL;
    if (ve == vs) {
        fail_at(p, at, nl == 6 ? "source: needs a name" : "date: needs a period (2018, 2018-05, 2018-05..2018-07)");
        return NULL;
    }
    char val[512];
    snprintf(val, sizeof val, "%.*s", (int)(ve - vs), p->s + vs);
    fx_query *f = NULL;
    if (nl == 6) { /* source: */
        fah_buf t = FAH_BUF_INIT;
        if (fah_source_term(val, &t) || t.len <= 2 || fx_query_term(t.data, t.len, 1, 0, &f, NULL) != FX_OK)
            fail_at(p, at, "source: needs a name");
        fah_buf_free(&t);
    } else { /* date:A, date:A..B, date:..B, date:A.. */
        char *dots = strstr(val, "..");
        char lo[32], hi[32];
        const char *a = val, *b = val;
        if (dots) {
            *dots = '\0';
            b = dots + 2;
        }
        int bad = (*a && fah_period_key(a, 0, lo)) || (*b && fah_period_key(b, 1, hi)) || (!*a && !*b);
        if (!bad && *a && *b && strcmp(lo, hi) > 0) {
            fail_at(p, at, "date: the range ends before it starts");
            return NULL;
        }
        if (bad || fx_query_value_range(FAH_SLOT_LOCAL_DATE, *a ? lo : NULL, 14, *b ? hi : NULL, 14, &f, NULL) != FX_OK)
            fail_at(p, at, "date: takes YYYY, YYYY-MM or YYYY-MM-DD, or a range A..B");
    }
    if (f && qpush(&p->filters, f)) oom(p);
    return NULL; /* a filter adds no item */
}

/* title:word, title:"a b", title:"a b"~N: the title terms (schema.h S,
 * positional) of the words: one word, a phrase of title stems, or the
 * words within a window; weighted by BM25 like words. */
static int on_title_word(void *vctx, const fah_token *t) {
    parser *p = vctx;
    if (t->colocated) return 0;
    fah_buf tb = FAH_BUF_INIT;
    fah_buf_puts(&tb, FAH_PREFIX_TITLE);
    if (p->c->stemmed) fah_buf_append(&tb, t->stem, t->stem_len);
    else fah_buf_append(&tb, t->norm, t->norm_len);
    fx_query *q = NULL;
    p->c->qpos++;
    int rc = fx_query_term(tb.data, tb.len, 1, p->c->qpos, &q, NULL) == FX_OK ? qpush(&p->c->phrase, q) : 0;
    if (rc == 0) rc = fah_qterms_add(p->c->terms, t->norm, t->norm_len, t->stem, t->stem_len);
    fah_buf_free(&tb);
    if (rc) p->c->fail = 1;
    return rc;
}

static fx_query *parse_title(parser *p) {
    size_t at = p->i, vs, ve;
    if (field_value(p, 6, &vs, &ve)) return NULL;
    qclear(&p->c->phrase);
    if (ve > vs && fah_analyzer_tokenize(p->an, p->s + vs, ve - vs, 1, on_title_word, p) < 0) oom(p);
    if (p->c->fail) oom(p);
    if (!p->c->phrase.n) {
        qclear(&p->c->phrase);
        if (p->st == FAH_PARSE_OK) fail_at(p, at, "title: needs a word or \"words\"");
        return NULL;
    }
    qlist words = p->c->phrase;
    memset(&p->c->phrase, 0, sizeof p->c->phrase);
    long slop = -1;
    if (vs > at + 6 && p->s[vs - 1] == '"' && parse_slop(p, &slop)) {
        qclear(&words);
        return NULL;
    }
    fx_query *q = phrase_of(p, &words, slop);
    if (q && add_part(p->c->terms, p->s + at, p->i - at, q)) oom(p);
    return q;
}

static fx_query *parse_word(parser *p) {
    size_t ws = p->i, we = item_end(p);
    const char *tilde = memchr(p->s + ws, '~', we - ws);
    if (tilde && tilde > p->s + ws && tilde[1] >= '0' && tilde[1] <= '9') {
        fail_at(p, (size_t)(tilde - p->s), "~N goes after a quoted phrase: \"a b\"~N");
        return NULL;
    }
    p->i = we;
    int prefix = we > ws + 1 && p->s[we - 1] == '*';
    qlist items = {0};
    if (prefix) {
        /* word*: every indexed spelling that starts with the word's normalized form */
        p->c->last_norm_len = 0;
        p->c->prefix_mode = 1;
        int rc = analyze_into(p, p->s + ws, we - 1 - ws, &p->c->phrase, 1);
        p->c->prefix_mode = 0;
        if (rc) return NULL;
        qclear(&p->c->phrase); /* only the normalized form is wanted */
        if (!p->c->last_norm_len) return NULL;
        fx_query *w = NULL;
        if (fx_query_wildcard(p->c->last_norm, p->c->last_norm_len, 1000, &w, NULL) != FX_OK) {
            fail_at(p, ws, "a prefix* needs at least one letter");
            return NULL;
        }
        if (add_part(p->c->terms, p->s + ws, we - ws, w) ||
            fah_qterms_add_prefix(p->c->terms, p->c->last_norm, p->c->last_norm_len))
            oom(p);
        return w;
    }
    if (analyze_into(p, p->s + ws, we - ws, &items, 0)) return NULL;
    return combine(p, FX_OP_OR, &items, 0);
}

static fx_query *count_text(parser *p, fx_query *q) {
    if (q) p->ntext++;
    return q;
}

/* leader:NAME, country:NAME, topic:NAME (field length fl) inside the
 * expression: the resolver's query. */
static fx_query *parse_entity(parser *p, fah_ent_kind kind, size_t fl) {
    size_t at = p->i, vs, ve;
    if (field_value(p, fl, &vs, &ve)) return NULL;
    char field[16];
    snprintf(field, sizeof field, "%.*s", (int)fl, p->s + at);
    if (ve == vs) {
        char msg[80];
        snprintf(msg, sizeof msg, "%s needs a name", field);
        fail_at(p, at, msg);
        return NULL;
    }
    if (!p->res) {
        fail_at(p, at, "leader:, country: and topic: are not available here");
        return NULL;
    }
    char name[512], msg[600];
    snprintf(name, sizeof name, "%.*s", (int)(ve - vs), p->s + vs);
    fx_query *q = NULL;
    if (p->res->resolve(p->res->ctx, kind, name, p->weighted_entities, &q, msg, sizeof msg)) {
        fail_at(p, at, msg);
        return NULL;
    }
    p->nent++;
    return q;
}

/* A leader:/country:/topic: field name at the cursor (any case): its
 * length, and its kind in *kind; else 0. */
static size_t entity_field_at(parser *p, fah_ent_kind *kind) {
    static const struct { const char *f; fah_ent_kind k; } fs[] = {
        {"leader:", FAH_ENT_LEADER}, {"country:", FAH_ENT_COUNTRY}, {"topic:", FAH_ENT_TOPIC}};
    for (size_t i = 0; i < 3; i++) {
        size_t l = strlen(fs[i].f);
        if (p->i + l <= p->n && strncasecmp(p->s + p->i, fs[i].f, l) == 0) {
            *kind = fs[i].k;
            return l;
        }
    }
    return 0;
}

static fx_query *parse_primary_item(parser *p, int *neg) {
    skip_ws(p);
    *neg = 0;
    if (p->i >= p->n) return NULL;
    if (p->s[p->i] == '-' && p->i + 1 < p->n && !is_space(p->s[p->i + 1])) {
        *neg = 1;
        p->i++;
    } else if (p->s[p->i] == '+' && p->i + 1 < p->n && !is_space(p->s[p->i + 1])) {
        p->i++;
    }
    char ch = p->s[p->i];
    if (ch == '(') {
        size_t open = p->i++;
        if (++p->depth > 50) {
            fail_at(p, open, "parentheses nested too deep");
            return NULL;
        }
        fx_query *q = parse_seq(p, 1);
        p->depth--;
        skip_ws(p);
        if (p->st != FAH_PARSE_OK) {
            fx_query_free(q);
            return NULL;
        }
        if (p->i >= p->n || p->s[p->i] != ')') {
            fx_query_free(q);
            fail_at(p, open, "unclosed parenthesis");
            return NULL;
        }
        p->i++;
        return q;
    }
    if (ch == ')') return NULL;
    if (ch == '"') return count_text(p, parse_phrase(p));
    if (p->i + 7 <= p->n && memcmp(p->s + p->i, "source:", 7) == 0) return parse_field(p, 6);
    if (p->i + 5 <= p->n && memcmp(p->s + p->i, "date:", 5) == 0) return parse_field(p, 4);
    if (p->i + 6 <= p->n && memcmp(p->s + p->i, "title:", 6) == 0) return count_text(p, parse_title(p));
    fah_ent_kind kind;
    size_t fl = entity_field_at(p, &kind);
    if (fl) return parse_entity(p, kind, fl);
    return count_text(p, parse_word(p));
}

/* A primary; the words of an excluded one (-x) are marked in the query's
 * words, so ranking by them (the headline and lead weight) leaves them out. */
static fx_query *parse_primary(parser *p, int *neg) {
    size_t from = p->c->terms->n;
    fx_query *q = parse_primary_item(p, neg);
    if (*neg) fah_qterms_exclude_from(p->c->terms, from);
    return q;
}

/* Apply the excluded items of a group: q AND_NOT (OR of excluded). */
static fx_query *exclude(parser *p, fx_query *q, qlist *neg, size_t at) {
    if (!neg->n) return q;
    fx_query *n = combine(p, FX_OP_OR, neg, 0);
    if (!q) {
        fx_query_free(n);
        fail_at(p, at, "only excluded words (-word, NOT): say what to look for too");
        return NULL;
    }
    fx_query *pair[2] = {q, n}, *r = NULL;
    if (fx_query_combine(FX_OP_AND_NOT, pair, 2, 0, &r, NULL) != FX_OK) oom(p);
    fx_query_free(q);
    fx_query_free(n);
    return r;
}

static fx_query *parse_notx(parser *p, int *neg) {
    fx_query *q = parse_primary(p, neg);
    for (;;) {
        skip_ws(p);
        size_t l = op_at(p, "NOT");
        if (!l || p->st != FAH_PARSE_OK) return q;
        size_t at = p->i;
        p->i += l;
        skip_ws(p);
        /* NOT NOT b, NOT OR b: an operator is not the word NOT needs */
        int n2;
        size_t from = p->c->terms->n;
        fx_query *r = op_at(p, "NOT") || op_at(p, "AND") || op_at(p, "OR") ? NULL : parse_primary(p, &n2);
        fah_qterms_exclude_from(p->c->terms, from);
        if (!r) {
            fx_query_free(q);
            if (p->st == FAH_PARSE_OK) fail_at(p, at, "NOT needs a word after it");
            return NULL;
        }
        if (!q) {
            fx_query_free(r);
            fail_at(p, at, "NOT needs a word before it (or write -word)");
            return NULL;
        }
        fx_query *pair[2] = {q, r}, *x = NULL;
        if (fx_query_combine(FX_OP_AND_NOT, pair, 2, 0, &x, NULL) != FX_OK) oom(p);
        fx_query_free(q);
        fx_query_free(r);
        q = x;
    }
}

static fx_query *parse_andx(parser *p, int *neg) {
    qlist pos = {0}, negs = {0};
    size_t start = p->i;
    int n0;
    fx_query *q = parse_notx(p, &n0);
    if (q && qpush(n0 ? &negs : &pos, q)) oom(p);
    int had_and = 0;
    for (;;) {
        skip_ws(p);
        size_t l = op_at(p, "AND");
        if (!l || p->st != FAH_PARSE_OK) break;
        size_t at = p->i;
        p->i += l;
        had_and = 1;
        int n1;
        fx_query *r = parse_notx(p, &n1);
        if (!r) {
            if (p->st == FAH_PARSE_OK) fail_at(p, at, "AND needs a word after it");
            break;
        }
        if (!pos.n && !negs.n) {
            fx_query_free(r);
            fail_at(p, at, "AND needs a word before it");
            break;
        }
        if (qpush(n1 ? &negs : &pos, r)) oom(p);
    }
    if (p->st != FAH_PARSE_OK) {
        qclear(&pos);
        qclear(&negs);
        return NULL;
    }
    /* a lone -word goes to the enclosing sequence */
    if (!had_and && !pos.n && negs.n == 1) {
        *neg = 1;
        return combine(p, FX_OP_OR, &negs, 0);
    }
    *neg = 0;
    return exclude(p, combine(p, FX_OP_AND, &pos, 0), &negs, start);
}

static fx_query *parse_seq(parser *p, int in_paren) {
    qlist pos = {0}, negs = {0};
    size_t start = p->i;
    for (;;) {
        skip_ws(p);
        if (p->i >= p->n || p->st != FAH_PARSE_OK) break;
        if (p->s[p->i] == ')') {
            if (in_paren) break;
            fail_at(p, p->i, "')' without '('");
            break;
        }
        size_t l = op_at(p, "OR");
        if (l) {
            if (!pos.n && !negs.n) {
                fail_at(p, p->i, "OR needs a word before it");
                break;
            }
            size_t at = p->i;
            p->i += l;
            skip_ws(p);
            if (p->i >= p->n || p->s[p->i] == ')' || op_at(p, "OR") || op_at(p, "AND")) {
                fail_at(p, at, "OR needs a word after it");
                break;
            }
            continue;
        }
        if (op_at(p, "AND") || op_at(p, "NOT")) {
            fail_at(p, p->i, op_at(p, "AND") ? "AND needs a word before it" : "NOT needs a word before it (or write -word)");
            break;
        }
        int neg;
        size_t before = p->i;
        fx_query *q = parse_andx(p, &neg);
        if (q && qpush(neg ? &negs : &pos, q)) oom(p);
        if (p->i == before) p->i++; /* nothing consumed: skip a stray byte */
    }
    if (p->st != FAH_PARSE_OK) {
        qclear(&pos);
        qclear(&negs);
        return NULL;
    }
    return exclude(p, combine(p, FX_OP_OR, &pos, 0), &negs, start);
}

static fah_parse_status parse_once(fah_analyzer *an, const char *text, const fah_entity_resolver *res,
                                   int weighted, int *only_entities, fx_query **out, fah_qterms *terms,
                                   char *errmsg, size_t errlen) {
    *out = NULL;
    size_t len = strlen(text);
    size_t bad = fah_utf8_invalid_at(text, len);
    if (bad != (size_t)-1) {
        snprintf(errmsg, errlen,
                 "the query is not valid UTF-8 (byte %zu); check the terminal's or cron's locale", bad);
        return FAH_PARSE_SYNTAX;
    }
    fah_buf clean = FAH_BUF_INIT;
    if (fah_analyzer_display(an, text, len, &clean)) return FAH_PARSE_NOMEM;
    quotes_to_ascii(&clean);
    pctx c = {an, NULL, {0}, 0, fah_analyzer_stem_kind(an) != FAH_STEM_NONE, terms, 0, 0, {0}, 0, 0};
    parser p = {an, clean.data ? clean.data : "", clean.len, 0, &c, {0}, errmsg, errlen, FAH_PARSE_OK, 0,
                res, weighted, 0, 0};
    fx_query *q = parse_seq(&p, 0);
    qclear(&c.phrase);
    if (p.st == FAH_PARSE_OK && !q && p.filters.n) {
        /* only source:/date: filters: their conjunction, weightless */
        fx_query *f = combine(&p, FX_OP_AND, &p.filters, 0);
        if (f && fx_query_scale(f, 0.0, &q, NULL) != FX_OK) oom(&p);
        fx_query_free(f);
        fah_buf_free(&clean);
        *only_entities = 0;
        if (p.st != FAH_PARSE_OK) {
            fx_query_free(q);
            return p.st;
        }
        *out = q;
        return FAH_PARSE_FILTERS;
    }
    if (p.st == FAH_PARSE_OK && !q) {
        qclear(&p.filters);
        snprintf(errmsg, errlen,
                 "the query has no searchable words (punctuation and marks are ignored, and words "
                 "longer than %d bytes are not indexed)", FAH_MAX_WORD_BYTES);
        p.st = FAH_PARSE_EMPTY;
    }
    if (p.st == FAH_PARSE_OK && p.filters.n) {
        fx_query *f = combine(&p, FX_OP_AND, &p.filters, 0), *pair[2] = {q, f}, *r = NULL;
        if (f && fx_query_combine(FX_OP_FILTER, pair, 2, 0, &r, NULL) == FX_OK) {
            fx_query_free(q);
            q = r;
        }
        fx_query_free(f);
    }
    qclear(&p.filters);
    fah_buf_free(&clean);
    *only_entities = p.nent > 0 && p.ntext == 0;
    if (p.st != FAH_PARSE_OK) {
        fx_query_free(q);
        return p.st;
    }
    *out = q;
    return FAH_PARSE_OK;
}

fah_parse_status fah_query_parse_with(fah_analyzer *an, const char *text, const fah_entity_resolver *res,
                                      fx_query **out, fah_qterms *terms, char *errmsg, size_t errlen) {
    int only = 0;
    fah_parse_status st = parse_once(an, text, res, 0, &only, out, terms, errmsg, errlen);
    if (st == FAH_PARSE_OK && only) {
        /* entity conditions and no text: rank by the entities' mentions */
        fx_query_free(*out);
        fah_qterms_free(terms);
        st = parse_once(an, text, res, 1, &only, out, terms, errmsg, errlen);
    }
    return st;
}

fah_parse_status fah_query_parse(fah_analyzer *an, const char *text, fx_query **out,
                                 fah_qterms *terms, char *errmsg, size_t errlen) {
    return fah_query_parse_with(an, text, NULL, out, terms, errmsg, errlen);
}
