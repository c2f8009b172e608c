#include "analyzer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "../xap/fx.h"
#include "display.h"
#include "light_stem.h"
#include "normalize.h"

struct fah_analyzer {
    fah_stem_kind kind;
    fah_display *display;
    fah_stemmer *light;
    fx_stem *snowball;
    char *snow_out; /* last Snowball result (malloc()ed by fx) */
    UBreakIterator *bi;
    fah_buf norm;
};

const char *fah_stem_kind_name(fah_stem_kind k) {
    switch (k) {
        case FAH_STEM_LIGHT: return "light";
        case FAH_STEM_SNOWBALL: return "snowball";
        case FAH_STEM_NONE: return "none";
    }
    return "light";
}

int fah_stem_kind_parse(const char *name, fah_stem_kind *out) {
    if (!strcmp(name, "light")) *out = FAH_STEM_LIGHT;
    else if (!strcmp(name, "snowball")) *out = FAH_STEM_SNOWBALL;
    else if (!strcmp(name, "none")) *out = FAH_STEM_NONE;
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
    if (kind == FAH_STEM_LIGHT && fah_stemmer_new(&a->light)) goto oom;
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
    fah_buf_free(&a->norm);
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

int fah_analyzer_tokenize(fah_analyzer *a, const char *text, size_t len, unsigned first_pos,
                          fah_token_cb cb, void *ctx) {
    if (len == 0) return 0;
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &st);
    if (U_FAILURE(st)) return -1;
    ubrk_setUText(a->bi, ut, &st);
    if (U_FAILURE(st)) {
        utext_close(ut);
        return -1;
    }
    int rc = 0;
    unsigned pos = first_pos;
    int32_t start = ubrk_first(a->bi);
    for (int32_t end = ubrk_next(a->bi); end != UBRK_DONE; start = end, end = ubrk_next(a->bi)) {
        int32_t status = ubrk_getRuleStatus(a->bi);
        if (status < UBRK_WORD_NUMBER) continue; /* spaces, punctuation */
        if (fah_normalize_token(text + start, (size_t)(end - start), &a->norm)) {
            rc = -1;
            break;
        }
        if (a->norm.len == 0) continue; /* marks only */
        fah_token tok;
        tok.norm = a->norm.data;
        tok.norm_len = a->norm.len;
        tok.start = (size_t)start;
        tok.end = (size_t)end;
        tok.pos = pos++;
        tok.is_number = status < UBRK_WORD_NUMBER_LIMIT;
        if (a->norm.len > FAH_MAX_WORD_BYTES) continue;
        if (tok.is_number || a->kind == FAH_STEM_NONE) {
            tok.stem = tok.norm;
            tok.stem_len = tok.norm_len;
        } else {
            fah_analyzer_stem(a, tok.norm, tok.norm_len, &tok.stem, &tok.stem_len);
        }
        rc = cb(ctx, &tok);
        if (rc) break;
    }
    utext_close(ut);
    return rc;
}
