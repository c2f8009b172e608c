/* The fast word scanner (stemmer/wordbreak.h) against ICU's word break
 * iterator: the same tokens (offsets, normalized forms, stems) for every
 * title and text of SaudiNewsNet (62,060 texts, 99% of them taken by the
 * fast path) and for hand-made edge cases of UAX #29 rules WB4-WB12; the
 * lazy scan (fah_analyzer_tokenize_lazy) stopped after 1-97 tokens gives a
 * prefix of ICU's tokens or asks to start over. */
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
#include "../../stemmer/wordbreak.h"
#include "saudi_texts.h"
#include "shared_path.h"

static fah_analyzer *fast, *icu;
static fah_buf clean, got_fast, got_icu, got_lazy;
static size_t texts, fast_texts, mismatches, lazy_restarts;

/* the lazy scan stopped by its callback after `left` tokens (snippets) */
typedef struct {
    fah_buf *b;
    size_t left;
} stop_ctx;

static int record_until(void *vctx, const fah_token *t) {
    stop_ctx *c = vctx;
    fah_buf_printf(c->b, "%zu-%zu:%s/%s/%u|", t->start, t->end, t->norm, t->stem, t->pos);
    return --c->left == 0 ? 2 : 0;
}

static int record(void *ctx, const fah_token *t) {
    fah_buf *b = ctx;
    fah_buf_printf(b, "%zu-%zu:%s/%s/%u|", t->start, t->end, t->norm, t->stem, t->pos);
    return 0;
}

static int count_span(void *ctx, size_t s, size_t e, int w) {
    (void)ctx, (void)s, (void)e, (void)w;
    return 0;
}

static void compare(const char *raw, size_t len) {
    assert_int_equal(fah_analyzer_display(fast, raw, len, &clean), 0);
    const char *t = clean.data ? clean.data : "";
    fah_buf_reset(&got_fast);
    fah_buf_reset(&got_icu);
    fah_buf_reserve(&got_fast, 0);
    fah_buf_reserve(&got_icu, 0);
    assert_int_equal(fah_analyzer_tokenize(fast, t, clean.len, 1, record, &got_fast), 0);
    assert_int_equal(fah_analyzer_tokenize(icu, t, clean.len, 1, record, &got_icu), 0);
    texts++;
    if (fah_fast_words(t, clean.len, count_span, NULL) == 0) fast_texts++;
    /* the lazy scan: its tokens until a stop are a prefix of ICU's, or it
     * asks to start over (then the text is not for the fast path) */
    fah_buf_reset(&got_lazy);
    fah_buf_reserve(&got_lazy, 0);
    stop_ctx sc = {&got_lazy, texts % 97 + 1};
    int lrc = fah_analyzer_tokenize_lazy(fast, t, clean.len, 1, NULL, NULL, record_until, &sc);
    if (lrc == FAH_TOKENIZE_RESTART) {
        lazy_restarts++;
        assert_int_not_equal(fah_fast_words(t, clean.len, count_span, NULL), 0);
    } else {
        assert_true(lrc == 0 || lrc == 2);
        if (strncmp(got_lazy.data, got_icu.data, got_lazy.len) != 0 && mismatches++ < 5)
            printf("LAZY MISMATCH\n  lazy: %.200s\n  icu:  %.200s\n", got_lazy.data, got_icu.data);
    }
    if (strcmp(got_fast.data, got_icu.data) != 0) {
        if (mismatches++ < 5) {
            size_t k = 0;
            while (got_fast.data[k] && got_fast.data[k] == got_icu.data[k]) k++;
            size_t from = k > 80 ? k - 80 : 0;
            printf("MISMATCH at token text offset %zu\n  fast: %.200s\n  icu:  %.200s\n", k,
                   got_fast.data + from, got_icu.data + from);
        }
    }
}

static void test_edge_cases(void **state) {
    (void)state;
    const char *cases[] = {
        "قال:نعم a:b 3:4 a.b 3.14 ٣٫١٤ ١٬٠٠٠ 1,000 1;5 ١،٥ it's 'quoted' a.'b",
        "الشَّعْبُ  ً ولدٌ، ثم؟ «نعم» (قال) — … “مرحبا” ‘هنا’ a‘b 3’4",
        "covid19 كوفيد١٩ ٢٠٢٠م iPhoneالجديد a.b.c ... 3..4 .5 5. ,5 :a a: 'a a' ٪٥٠ ٥٠٪",
        "\nَ\nكلمة\tكلمة  -كلمة- ١-٢ a-b ۔ ؛ ؍ · a·b",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) compare(cases[i], strlen(cases[i]));
    assert_int_equal(mismatches, 0);
}

static void compare_cb(const char *s, size_t n, void *ctx) {
    (void)ctx;
    compare(s, n);
}

static void test_saudinewsnet(void **state) {
    (void)state;
    char dir[1024];
    shared_path("corpus/saudinewsnet", dir, sizeof dir);
    texts = fast_texts = 0;
    assert_true(for_each_saudi_text(dir, compare_cb, NULL) > 0);
    printf("SaudiNewsNet: %zu texts, %zu of them (%.0f%%) on the fast path, %zu lazy restarts, %zu mismatches\n",
           texts, fast_texts, 100.0 * (double)fast_texts / (double)(texts ? texts : 1), lazy_restarts, mismatches);
    assert_true(texts > 50000);
    assert_int_equal(mismatches, 0);
}

int main(void) {
    if (fah_analyzer_new(FAH_STEM_LIGHT, &fast, NULL, 0) || fah_analyzer_new(FAH_STEM_LIGHT, &icu, NULL, 0))
        return 1;
    fah_analyzer_set_fast_break(icu, 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edge_cases),
        cmocka_unit_test(test_saudinewsnet),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fah_analyzer_delete(fast);
    fah_analyzer_delete(icu);
    return rc;
}
