/* Property tests over the 100,000 most frequent word types of SaudiNewsNet
 * (shared/corpus/saudinewsnet): normalization is idempotent, stemming is
 * idempotent on its own output, and no stem is empty. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../../common/buf.h"
#include "../../stemmer/analyzer.h"
#include "../../stemmer/light_stem.h"
#include "../../stemmer/normalize.h"
#include "saudi_texts.h"
#include "shared_path.h"

#define TOP 100000

typedef struct {
    char *w;
    size_t n;
} slot;

static slot *tab;
static size_t cap = 1 << 21, used;

static uint64_t hash(const char *s, size_t n) {
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static void count(const char *s, size_t n) {
    size_t i = hash(s, n) & (cap - 1);
    while (tab[i].w) {
        if (strlen(tab[i].w) == n && memcmp(tab[i].w, s, n) == 0) {
            tab[i].n++;
            return;
        }
        i = (i + 1) & (cap - 1);
    }
    if (used * 2 > cap) return; /* table full: rare types are dropped */
    tab[i].w = strndup(s, n);
    tab[i].n = 1;
    used++;
}

static const char *cur_text;

static int on_tok(void *ctx, const fah_token *t) {
    (void)ctx;
    count(cur_text + t->start, t->end - t->start);
    return 0;
}

typedef struct {
    fah_analyzer *an;
    fah_buf *clean;
} count_ctx;

static void count_text(const char *s, size_t n, void *vctx) {
    count_ctx *c = vctx;
    assert_int_equal(fah_analyzer_display(c->an, s, n, c->clean), 0);
    cur_text = c->clean->data ? c->clean->data : "";
    assert_int_equal(fah_analyzer_tokenize(c->an, cur_text, c->clean->len, 1, on_tok, NULL), 0);
}

static int by_count(const void *a, const void *b) {
    const slot *x = a, *y = b;
    return (x->n < y->n) - (x->n > y->n);
}

static void test_properties(void **state) {
    (void)state;
    char dir[1024];
    shared_path("corpus/saudinewsnet", dir, sizeof dir);
    tab = calloc(cap, sizeof *tab);
    assert_non_null(tab);
    fah_analyzer *none;
    assert_int_equal(fah_analyzer_new(FAH_STEM_NONE, &none, NULL, 0), 0);
    fah_buf clean = FAH_BUF_INIT, text = FAH_BUF_INIT;
    count_ctx cc = {none, &clean};
    size_t files = for_each_saudi_text(dir, count_text, &cc);
    assert_true(files >= 1);
    /* the most frequent types */
    size_t m = 0;
    for (size_t i = 0; i < cap; i++)
        if (tab[i].w) tab[m++] = tab[i];
    qsort(tab, m, sizeof *tab, by_count);
    size_t top = m < TOP ? m : TOP;
    printf("%zu word types, checking the %zu most frequent\n", m, top);
    fah_stemmer *st;
    assert_int_equal(fah_stemmer_new(&st), 0);
    fah_buf n1 = FAH_BUF_INIT, n2 = FAH_BUF_INIT;
    char s1[FAH_STEM_MAX_BYTES + 1];
    size_t bad_norm = 0, bad_stem = 0, empty = 0;
    for (size_t i = 0; i < top; i++) {
        const char *w = tab[i].w;
        fah_normalize_token(w, strlen(w), &n1);
        fah_normalize_token(n1.data, n1.len, &n2);
        if (n1.len != n2.len || memcmp(n1.data, n2.data, n1.len) != 0) {
            if (bad_norm++ < 10) printf("normalize not idempotent: %s -> %s -> %s\n", w, n1.data, n2.data);
        }
        if (n1.len == 0) continue; /* a word of marks only is not indexed */
        const char *out;
        size_t ol;
        if (fah_stemmer_stem(st, n1.data, n1.len, &out, &ol) != 0) continue;
        if (ol == 0) {
            if (empty++ < 10) printf("empty stem: %s\n", w);
            continue;
        }
        memcpy(s1, out, ol + 1);
        if (fah_stemmer_stem(st, s1, ol, &out, &ol) != 0 || strcmp(out, s1) != 0) {
            if (bad_stem++ < 10) printf("stem not idempotent: %s -> %s -> %s\n", n1.data, s1, out);
        }
    }
    printf("normalization not idempotent: %zu; stemming not idempotent: %zu; empty stems: %zu\n",
           bad_norm, bad_stem, empty);
    assert_int_equal(bad_norm, 0);
    assert_int_equal(bad_stem, 0);
    assert_int_equal(empty, 0);
    fah_stemmer_delete(st);
    fah_buf_free(&n1);
    fah_buf_free(&n2);
    fah_buf_free(&clean);
    fah_buf_free(&text);
    fah_analyzer_delete(none);
    for (size_t i = 0; i < m; i++) free(tab[i].w);
    free(tab);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_properties)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
