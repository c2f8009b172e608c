#include "analyzer.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "../common/utf8.h"
#include "../xap/fx.h"
#include "display.h"
#include "light_stem.h"
#include "wordbreak.h"
#include "normalize.h"
#include <string.h>

/* A cache of stems: news text is Zipfian, so most words were stemmed a
 * moment ago.  Direct-mapped, STEM_CACHE_SLOTS slots; entries live in an
 * arena that is emptied (with the slots) when it fills.  Sizes measured on
 * SaudiNewsNet (scripts/bench analyzer, table mode): 2^12 slots 20.7 MB/s,
 * 2^14 with a 1 MiB arena 23.4 MB/s, 2^15 / 2 MiB 22.0, 2^17 / 8 MiB 15-17
 * (cache misses cost more than stemming again). */
#define STEM_CACHE_SLOTS (1u << 14)
#define STEM_CACHE_ARENA (1u << 20)

typedef struct cache_slot {
    uint32_t hash;
    uint32_t off;     /* arena offset of "norm\0stem\0"; 0 = empty */
    uint16_t nlen, slen;
} cache_slot;

struct fah_analyzer {
    fah_stem_kind kind;
    cache_slot *cache;
    char *arena;
    size_t arena_used;
    fah_display *display;
    fah_stemmer *light;
    fx_stem *snowball;
    char *snow_out; /* last Snowball result (malloc()ed by fx) */
    UBreakIterator *bi;
    fah_buf norm;
    fah_buf prev;      /* normalized previous word, for compound names */
    size_t prev_start;
    unsigned prev_pos;
    int prev_compound; /* the previous word starts a compound name */
    int no_fast_break; /* 1: always use ICU's word break (tests) */
    fah_buf joined;
};

const char *fah_stem_kind_name(fah_stem_kind k) {
    switch (k) {
        case FAH_STEM_LIGHT: return "light";
        case FAH_STEM_SNOWBALL: return "snowball";
        case FAH_STEM_NONE: return "none";
        case FAH_STEM_LIGHT10: return "light10";
    }
    return "light";
}

int fah_stem_kind_parse(const char *name, fah_stem_kind *out) {
    if (!strcmp(name, "light")) *out = FAH_STEM_LIGHT;
    else if (!strcmp(name, "snowball")) *out = FAH_STEM_SNOWBALL;
    else if (!strcmp(name, "none")) *out = FAH_STEM_NONE;
    else if (!strcmp(name, "light10")) *out = FAH_STEM_LIGHT10;
    else return -1;
    return 0;
}

int fah_analyzer_new(fah_stem_kind kind, fah_analyzer **out, char *errbuf, size_t errlen) {
    *out = NULL;
    fah_analyzer *a = calloc(1, sizeof *a);
    if (!a) goto oom;
    a->kind = kind;
    if (fah_display_new(&a->display)) {
        if (errbuf) snprintf(errbuf, errlen, "cannot load ICU normalization data");
        goto fail;
    }
    UErrorCode st = U_ZERO_ERROR;
    a->bi = ubrk_open(UBRK_WORD, "ar", NULL, 0, &st);
    if (U_FAILURE(st)) {
        if (errbuf) snprintf(errbuf, errlen, "ICU word break iterator: %s", u_errorName(st));
        goto fail;
    }
    a->cache = calloc(STEM_CACHE_SLOTS, sizeof *a->cache);
    a->arena = malloc(STEM_CACHE_ARENA);
    if (!a->cache || !a->arena) goto oom;
    a->arena_used = 1; /* offset 0 means empty */
    if (kind == FAH_STEM_LIGHT && fah_stemmer_new(&a->light)) goto oom;
    if (kind == FAH_STEM_LIGHT10 && fah_stemmer_new_light10(&a->light)) goto oom;
    if (kind == FAH_STEM_SNOWBALL) {
        fx_error e;
        if (fx_stem_new("arabic", &a->snowball, &e) != FX_OK) {
            if (errbuf) snprintf(errbuf, errlen, "Snowball arabic stemmer: %s", e.msg);
            goto fail;
        }
    }
    *out = a;
    return 0;
oom:
    if (errbuf) snprintf(errbuf, errlen, "out of memory");
fail:
    fah_analyzer_delete(a);
    return -1;
}

void fah_analyzer_delete(fah_analyzer *a) {
    if (!a) return;
    fah_display_delete(a->display);
    fah_stemmer_delete(a->light);
    fx_stem_free(a->snowball);
    free(a->snow_out);
    if (a->bi) ubrk_close(a->bi);
    free(a->cache);
    free(a->arena);
    fah_buf_free(&a->norm);
    fah_buf_free(&a->prev);
    fah_buf_free(&a->joined);
    free(a);
}

fah_stem_kind fah_analyzer_stem_kind(const fah_analyzer *a) { return a->kind; }

int fah_analyzer_display(fah_analyzer *a, const char *text, size_t len, fah_buf *out) {
    return fah_display_clean(a->display, text, len, out);
}

int fah_analyzer_stem(fah_analyzer *a, const char *norm, size_t len, const char **stem,
                      size_t *stemlen) {
    switch (a->kind) {
        case FAH_STEM_LIGHT:
        case FAH_STEM_LIGHT10:
            if (fah_stemmer_stem(a->light, norm, len, stem, stemlen) == 0) return 0;
            break;
        case FAH_STEM_SNOWBALL: {
            free(a->snow_out);
            a->snow_out = NULL;
            size_t n;
            if (fx_stem_apply(a->snowball, norm, len, &a->snow_out, &n, NULL) == FX_OK) {
                *stem = a->snow_out;
                *stemlen = n;
                return 0;
            }
            break;
        }
        case FAH_STEM_NONE:
            break;
    }
    *stem = norm;
    *stemlen = len;
    return 0;
}

enum { CLS_NONE, CLS_ARABIC, CLS_DIGIT, CLS_OTHER };

/* Script class of a code point for splitting words; marks and punctuation
 * are CLS_NONE (they never split). */
static int char_class_rule(unsigned c) {
    if (c >= 0x0621 && c <= 0x064A) return c == 0x0640 ? CLS_NONE : CLS_ARABIC; /* the common case */
    if (c < 0x80) {
        if (c >= '0' && c <= '9') return CLS_DIGIT;
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return CLS_OTHER;
        return CLS_NONE;
    }
    if (u_isdigit((UChar32)c)) return CLS_DIGIT;
    int8_t t = u_charType((UChar32)c);
    if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK ||
        t == U_FORMAT_CHAR || !u_isalpha((UChar32)c))
        return CLS_NONE;
    if ((c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
        (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF))
        return CLS_ARABIC;
    return CLS_OTHER;
}

/* char_class_rule below U+0800, filled once per process, read-only after. */
#define CC_TABLE_SIZE 0x800
static uint8_t cc_table[CC_TABLE_SIZE];
static pthread_once_t cc_once = PTHREAD_ONCE_INIT;

static void cc_table_fill(void) {
    for (unsigned c = 0; c < CC_TABLE_SIZE; c++) cc_table[c] = (uint8_t)char_class_rule(c);
}

static inline int char_class(unsigned c) { return c < CC_TABLE_SIZE ? cc_table[c] : char_class_rule(c); }

/* Is norm[0..n) the first word of a compound name (عبد ابو ابي ابا, maybe
 * after one proclitic و ف ب ك ل)?  Returns the byte offset of the name
 * part plus one, or 0. */
static size_t compound_first(const char *n, size_t len) {
    if (len != 6 && len != 8) return 0; /* three letters, or four with a proclitic */
    static const char *const first[] = {"عبد", "ابو", "ابي", "ابا"};
    static const char *const procl[] = {"و", "ف", "ب", "ك", "ل"};
    for (size_t p = 0; p <= 5; p++) {
        size_t off = 0;
        if (p < 5) {
            if (len < 2 || memcmp(n, procl[p], 2) != 0) continue;
            off = 2;
        }
        for (size_t i = 0; i < sizeof first / sizeof first[0]; i++)
            if (strlen(first[i]) == len - off && memcmp(first[i], n + off, len - off) == 0)
                return off + 1;
    }
    return 0;
}

static int arabic_word(const char *n, size_t len) {
    /* fah_is_arabic_letter on the UTF-8 bytes: U+0621-U+063F is D8 A1-BF,
     * U+0641-U+064A is D9 81-8A */
    const unsigned char *u = (const unsigned char *)n;
    if (len == 0 || len % 2) return 0;
    for (size_t i = 0; i < len; i += 2) {
        if (u[i] == 0xD8) {
            if (u[i + 1] < 0xA1 || u[i + 1] > 0xBF) return 0;
        } else if (u[i] != 0xD9 || u[i + 1] < 0x81 || u[i + 1] > 0x8A) {
            return 0;
        }
    }
    return 1;
}

/* fah_analyzer_stem through the cache (direct-mapped: a colliding word
 * replaces the slot's entry). */
static void stem_cached(fah_analyzer *a, const char *norm, size_t len, const char **stem,
                        size_t *stemlen) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)norm[i]) * 16777619u;
    cache_slot *c = &a->cache[h & (STEM_CACHE_SLOTS - 1)];
    if (c->off && c->hash == h && c->nlen == len && memcmp(a->arena + c->off, norm, len) == 0) {
        *stem = a->arena + c->off + len + 1;
        *stemlen = c->slen;
        return;
    }
    fah_analyzer_stem(a, norm, len, stem, stemlen);
    size_t need = len + *stemlen + 2;
    if (len > UINT16_MAX || *stemlen > UINT16_MAX || need > STEM_CACHE_ARENA / 2) return;
    if (a->arena_used + need > STEM_CACHE_ARENA) {
        memset(a->cache, 0, STEM_CACHE_SLOTS * sizeof *a->cache);
        a->arena_used = 1;
    }
    char *p = a->arena + a->arena_used;
    memcpy(p, norm, len);
    p[len] = '\0';
    memcpy(p + len + 1, *stem, *stemlen);
    p[len + 1 + *stemlen] = '\0';
    c->hash = h;
    c->off = (uint32_t)a->arena_used;
    c->nlen = (uint16_t)len;
    c->slen = (uint16_t)*stemlen;
    a->arena_used += need;
    *stem = p + len + 1;
}

typedef struct span_ctx {
    fah_analyzer *a;
    const char *text;
    unsigned pos;
    fah_token_cb cb;
    void *ctx;
    fah_stem_filter want_stem; /* NULL: stem every word */
    void *fctx;
} span_ctx;

static void stem_token(fah_analyzer *a, fah_token *tok, const span_ctx *c) {
    if (tok->is_number || a->kind == FAH_STEM_NONE ||
        (c->want_stem && !c->want_stem(c->fctx, tok->norm, tok->norm_len))) {
        tok->stem = tok->norm;
        tok->stem_len = tok->norm_len;
    } else {
        stem_cached(a, tok->norm, tok->norm_len, &tok->stem, &tok->stem_len);
    }
}

/* Normalize, stem and hand over the word text[s..e) (and a joined compound
 * name ending with it). */
static int emit(span_ctx *c, size_t s, size_t e, int is_number) {
    fah_analyzer *a = c->a;
    const char *text = c->text;
    unsigned *pos = &c->pos;
    fah_token_cb cb = c->cb;
    void *ctx = c->ctx;
    if (fah_normalize_token(text + s, e - s, &a->norm)) return -1;
    if (a->norm.len == 0) return 0; /* marks only */
    fah_token tok;
    memset(&tok, 0, sizeof tok);
    tok.norm = a->norm.data;
    tok.norm_len = a->norm.len;
    tok.start = s;
    tok.end = e;
    tok.pos = (*pos)++;
    tok.is_number = is_number;
    int was_compound = a->prev_compound;
    a->prev_compound = 0;
    if (a->norm.len > FAH_MAX_WORD_BYTES) return 0; /* counted, not indexed */
    int arabic = !is_number && arabic_word(tok.norm, tok.norm_len);
    /* keep this word for a compound name with the next one */
    size_t cf = arabic ? compound_first(tok.norm, tok.norm_len) : 0;
    if (cf) {
        fah_buf_reset(&a->prev);
        if (fah_buf_append(&a->prev, tok.norm + cf - 1, tok.norm_len - (cf - 1))) return -1;
        a->prev_start = s;
        a->prev_pos = tok.pos;
        a->prev_compound = 1;
    }
    if (was_compound && arabic) {
        fah_buf_reset(&a->joined);
        if (fah_buf_append(&a->joined, a->prev.data, a->prev.len) ||
            fah_buf_append(&a->joined, tok.norm, tok.norm_len))
            return -1;
    }
    stem_token(a, &tok, c);
    int rc = cb(ctx, &tok);
    if (rc || !(was_compound && arabic)) return rc;
    fah_token j;
    memset(&j, 0, sizeof j);
    j.norm = a->joined.data;
    j.norm_len = a->joined.len;
    j.start = a->prev_start;
    j.end = e;
    j.pos = a->prev_pos;
    j.colocated = 1;
    stem_token(a, &j, c);
    return cb(ctx, &j);
}

/* One word (from ICU or the fast scanner) or the run between two words. */
static int on_span(void *vctx, size_t start, size_t end, int is_word) {
    span_ctx *c = vctx;
    fah_analyzer *a = c->a;
    const char *text = c->text;
    if (!is_word) {
        /* spaces, punctuation: a compound name does not span sentence punctuation */
        for (size_t k = start; k < end; k++)
            if (text[k] != ' ') a->prev_compound = 0;
        return 0;
    }
    /* the common case: only U+0600-U+067F without Arabic-Indic digits
     * (two-byte UTF-8 led by D8 or D9, but not D9 A0-A9): every character
     * is CLS_ARABIC or CLS_NONE, so nothing splits the word */
    const unsigned char *u = (const unsigned char *)text;
    size_t k = start;
    if ((end - start) % 2 == 0) {
        while (k < end && (u[k] == 0xD8 || (u[k] == 0xD9 && (u[k + 1] < 0xA0 || u[k + 1] > 0xA9)))) k += 2;
        if (k == end) return emit(c, start, end, 0);
    }
    /* split the word where Arabic letters meet Latin letters or digits
     * (iPhoneالجديد, كوفيد١٩, ٢٠٢٠م): each part is a word */
    size_t i = start, run = start;
    int cls = CLS_NONE, only_digits = 1, rc = 0;
    while (i < end && rc == 0) {
        size_t at = i;
        int k = char_class(fah_utf8_next(text, end, &i));
        if (k == CLS_NONE) continue;
        if (cls != CLS_NONE && k != cls && (k == CLS_ARABIC || cls == CLS_ARABIC)) {
            rc = emit(c, run, at, only_digits);
            run = at;
            only_digits = 1;
        }
        cls = k;
        if (k != CLS_DIGIT) only_digits = 0;
    }
    if (rc == 0) rc = emit(c, run, end, only_digits && cls == CLS_DIGIT);
    return rc;
}

void fah_analyzer_set_fast_break(fah_analyzer *a, int on) { a->no_fast_break = !on; }

int fah_analyzer_tokenize_lazy(fah_analyzer *a, const char *text, size_t len, unsigned first_pos,
                               fah_stem_filter want_stem, void *fctx, fah_token_cb cb, void *ctx) {
    if (len == 0) return 0;
    if (a->no_fast_break) return fah_analyzer_tokenize_filtered(a, text, len, first_pos, want_stem, fctx, cb, ctx);
    span_ctx c = {a, text, first_pos, cb, ctx, want_stem, fctx};
    pthread_once(&cc_once, cc_table_fill);
    a->prev_compound = 0;
    int rc = fah_fast_words_lazy(text, len, on_span, &c);
    return rc == 1 ? FAH_TOKENIZE_RESTART : rc;
}

int fah_analyzer_tokenize(fah_analyzer *a, const char *text, size_t len, unsigned first_pos,
                          fah_token_cb cb, void *ctx) {
    return fah_analyzer_tokenize_filtered(a, text, len, first_pos, NULL, NULL, cb, ctx);
}

int fah_analyzer_tokenize_filtered(fah_analyzer *a, const char *text, size_t len, unsigned first_pos,
                                   fah_stem_filter want_stem, void *fctx, fah_token_cb cb, void *ctx) {
    if (len == 0) return 0;
    span_ctx c = {a, text, first_pos, cb, ctx, want_stem, fctx};
    pthread_once(&cc_once, cc_table_fill);
    a->prev_compound = 0;
    if (!a->no_fast_break) {
        int rc = fah_fast_words(text, len, on_span, &c);
        if (rc != 1) return rc;
    }
    UErrorCode st = U_ZERO_ERROR;
    UText utext = UTEXT_INITIALIZER; /* on the stack: no allocation per call */
    UText *ut = utext_openUTF8(&utext, text, (int64_t)len, &st);
    if (U_FAILURE(st)) return -1;
    ubrk_setUText(a->bi, ut, &st);
    if (U_FAILURE(st)) {
        utext_close(ut);
        return -1;
    }
    int rc = 0;
    int32_t start = ubrk_first(a->bi);
    for (int32_t end = ubrk_next(a->bi); end != UBRK_DONE && rc == 0;
         start = end, end = ubrk_next(a->bi))
        rc = on_span(&c, (size_t)start, (size_t)end, ubrk_getRuleStatus(a->bi) >= UBRK_WORD_NUMBER);
    utext_close(ut);
    return rc;
}

/* ver as a version number: digits only, no leading zero; -1 otherwise */
static long version_number(const char *ver) {
    if (!ver || !*ver || (ver[0] == '0' && ver[1]) || strlen(ver) > 9) return -1;
    long v = 0;
    for (const char *p = ver; *p; p++) {
        if (*p < '0' || *p > '9') return -1;
        v = v * 10 + (*p - '0');
    }
    return v;
}

void fah_analyzer_match_version(fah_analyzer *a, const char *ver) {
    long v = version_number(ver);
    if (a->light && v > 0 && v < 9) fah_stemmer_keep_names(a->light, 0);
}

int fah_analyzer_version_readable(const char *ver) {
    long v = version_number(ver), now = version_number(FAH_ANALYZER_VERSION);
    return v >= FAH_ANALYZER_READABLE_SINCE && v <= now;
}

int fah_analyzer_version_newer(const char *ver) {
    return version_number(ver) > version_number(FAH_ANALYZER_VERSION);
}
