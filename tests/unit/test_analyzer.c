/* Unit tests of the analyzer: display clean-up, normalization, the light
 * stemmer and tokenization with byte offsets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../stemmer/analyzer.h"
#include "../../stemmer/light_stem.h"
#include "../../stemmer/normalize.h"

static void norm_is(const char *in, const char *want) {
    fah_buf b = FAH_BUF_INIT;
    assert_int_equal(fah_normalize_token(in, strlen(in), &b), 0);
    if (strcmp(b.data ? b.data : "", want) != 0) fail_msg("normalize(%s) = %s, want %s", in, b.data, want);
    fah_buf_free(&b);
}

static void test_normalize(void **state) {
    (void)state;
    norm_is("أحمد", "احمد");
    norm_is("إعلان", "اعلان");
    norm_is("آمن", "امن");
    norm_is("ٱلرحمن", "الرحمن");          /* alef wasla */
    norm_is("مستشفى", "مستشفي");          /* ى -> ي */
    norm_is("مدرسة", "مدرسه");            /* ة -> ه */
    norm_is("جديــــدة", "جديده");        /* tatweel */
    norm_is("الشَّعْبُ", "الشعب");         /* tashkeel */
    norm_is("الرحمٰن", "الرحمن");          /* superscript alef */
    norm_is("کتاب", "كتاب");              /* keheh */
    norm_is("فارسی", "فارسي");            /* Farsi yeh */
    norm_is("مسؤول", "مسءول");            /* decision: ؤ and ئ fold to ء */
    norm_is("مسئول", "مسءول");
    norm_is("٢٠١٠", "2010");
    norm_is("۲۰۱۰", "2010");
    norm_is("٣٫١٤", "3.14");
    norm_is("iPhone", "iphone");
    norm_is("ĞÜNEŞ", "ğüneş");
    norm_is("\xd9\x8b", "");               /* a lone tanween: nothing left */
}

static void stem_is(fah_stemmer *s, const char *in, const char *want) {
    const char *out;
    size_t n;
    assert_int_equal(fah_stemmer_stem(s, in, strlen(in), &out, &n), 0);
    if (strcmp(out, want) != 0) fail_msg("stem(%s) = %s, want %s", in, out, want);
}

static void test_light_stem(void **state) {
    (void)state;
    fah_stemmer *s;
    assert_int_equal(fah_stemmer_new(&s), 0);
    stem_is(s, "الكتاب", "كتاب");
    stem_is(s, "والكتاب", "كتاب");
    stem_is(s, "بالصبر", "صبر");
    stem_is(s, "الصبر", "صبر");
    stem_is(s, "للكتاب", "كتاب");
    stem_is(s, "المعلمات", "معلم");
    stem_is(s, "المسلمون", "مسلم");
    stem_is(s, "اللاجءين", "لاجء");
    stem_is(s, "فهم", "فهم");      /* no bare ف stripping: فهم stays */
    stem_is(s, "كتاب", "كتاب");    /* no bare ك stripping */
    stem_is(s, "وزير", "وزير");    /* و kept when fewer than 4 letters would remain */
    stem_is(s, "واحد", "واحد");
    stem_is(s, "بطاطس", "بطاطس");
    stem_is(s, "كتابها", "كتاب");
    stem_is(s, "الحج", "حج");      /* light10: at least 2 letters must remain */
    stem_is(s, "الم", "الم");
    stem_is(s, "iphone", "iphone"); /* not Arabic: unchanged */
    stem_is(s, "2010", "2010");
    const char *out;
    size_t n;
    char big[FAH_STEM_MAX_BYTES + 2];
    memset(big, 'a', sizeof big);
    assert_int_equal(fah_stemmer_stem(s, big, sizeof big, &out, &n), -1);
    fah_stemmer_delete(s);
}

static void test_display(void **state) {
    (void)state;
    fah_analyzer *a;
    assert_int_equal(fah_analyzer_new(FAH_STEM_LIGHT, &a, NULL, 0), 0);
    fah_buf b = FAH_BUF_INIT;
    /* decomposed hamza composes (NFC) */
    assert_int_equal(fah_analyzer_display(a, "\xd8\xa7\xd9\x94", 4, &b), 0);
    assert_string_equal(b.data, "أ");
    /* presentation forms-B and the lam-alef ligature */
    const char *pf = "ﺍﻟﺤﻜﻮﻣﺔ ﺍﻟﻼﺟﺌﻴﻦ";
    assert_int_equal(fah_analyzer_display(a, pf, strlen(pf), &b), 0);
    assert_string_equal(b.data, "الحكومة اللاجئين");
    /* isolated harakat form: no stray space (NFKC would insert U+0020) */
    const char *iso = "ولد\xef\xb9\xb0"; /* U+FE70 */
    assert_int_equal(fah_analyzer_display(a, iso, strlen(iso), &b), 0);
    assert_string_equal(b.data, "ولد\xd9\x8b");
    /* bidi controls removed, NBSP to space, CR dropped, tashkeel kept */
    const char *bidi = "\xe2\x80\x8f" "وزير\xc2\xa0الخارجية\r\nأكَّدَ";
    assert_int_equal(fah_analyzer_display(a, bidi, strlen(bidi), &b), 0);
    assert_string_equal(b.data, "وزير الخارجية\nأكَّدَ");
    /* ZWNJ joins */
    const char *zw = "كتاب\xe2\x80\x8cها";
    assert_int_equal(fah_analyzer_display(a, zw, strlen(zw), &b), 0);
    assert_string_equal(b.data, "كتابها");
    /* invalid UTF-8 becomes U+FFFD */
    assert_int_equal(fah_analyzer_display(a, "a\xffz", 3, &b), 0);
    assert_string_equal(b.data, "a\xef\xbf\xbdz");
    fah_buf_free(&b);
    fah_analyzer_delete(a);
}

typedef struct {
    char norm[16][64], stem[16][64];
    size_t start[16], end[16];
    unsigned pos[16];
    int n;
} toks;

static int collect(void *ctx, const fah_token *t) {
    toks *k = ctx;
    if (k->n == 16) return 1;
    snprintf(k->norm[k->n], 64, "%.*s", (int)t->norm_len, t->norm);
    snprintf(k->stem[k->n], 64, "%.*s", (int)t->stem_len, t->stem);
    k->start[k->n] = t->start;
    k->end[k->n] = t->end;
    k->pos[k->n] = t->pos;
    k->n++;
    return 0;
}

static void test_tokenize(void **state) {
    (void)state;
    fah_analyzer *a;
    assert_int_equal(fah_analyzer_new(FAH_STEM_LIGHT, &a, NULL, 0), 0);
    const char *text = "قال الوزير، في مؤتمر صحفي؛ إن الأزمة انتهت؟ «نعم» ٣٫١٤ و١٬٠٠٠";
    toks k = {0};
    assert_int_equal(fah_analyzer_tokenize(a, text, strlen(text), 1, collect, &k), 0);
    const char *want[] = {"قال", "الوزير", "في", "مؤتمر", "صحفي", "ان", "الازمه", "انتهت", "نعم", "3.14", "و1,000"};
    assert_int_equal(k.n, 11);
    for (int i = 0; i < 11; i++) {
        if (i == 3) continue; /* مؤتمر folds ؤ */
        assert_string_equal(k.norm[i], want[i]);
    }
    assert_string_equal(k.norm[3], "مءتمر");
    assert_string_equal(k.stem[1], "وزير");
    assert_string_equal(k.stem[6], "ازم");
    /* offsets point at the original bytes */
    assert_memory_equal(text + k.start[1], "الوزير", strlen("الوزير"));
    assert_int_equal(k.end[1] - k.start[1], strlen("الوزير"));
    assert_int_equal(k.pos[0], 1);
    assert_int_equal(k.pos[10], 11);
    /* offsets through removed marks: the token spans the vocalized bytes */
    const char *voc = "أكَّدَ الرَّئِيسُ";
    k.n = 0;
    assert_int_equal(fah_analyzer_tokenize(a, voc, strlen(voc), 1, collect, &k), 0);
    assert_int_equal(k.n, 2);
    assert_string_equal(k.norm[0], "اكد");
    assert_int_equal(k.end[0], strlen("أكَّدَ"));
    assert_string_equal(k.norm[1], "الرءيس");
    assert_int_equal(k.end[1], strlen(voc));
    fah_analyzer_delete(a);
}

static void test_stem_kinds(void **state) {
    (void)state;
    fah_stem_kind k;
    assert_int_equal(fah_stem_kind_parse("snowball", &k), 0);
    assert_int_equal(k, FAH_STEM_SNOWBALL);
    assert_int_equal(fah_stem_kind_parse("porter", &k), -1);
    fah_analyzer *a;
    assert_int_equal(fah_analyzer_new(FAH_STEM_SNOWBALL, &a, NULL, 0), 0);
    toks t = {0};
    const char *text = "المعلمات";
    assert_int_equal(fah_analyzer_tokenize(a, text, strlen(text), 1, collect, &t), 0);
    assert_string_equal(t.stem[0], "معلم");
    fah_analyzer_delete(a);
    assert_int_equal(fah_analyzer_new(FAH_STEM_NONE, &a, NULL, 0), 0);
    t.n = 0;
    assert_int_equal(fah_analyzer_tokenize(a, text, strlen(text), 1, collect, &t), 0);
    assert_string_equal(t.stem[0], "المعلمات");
    fah_analyzer_delete(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize), cmocka_unit_test(test_light_stem),
        cmocka_unit_test(test_display),   cmocka_unit_test(test_tokenize),
        cmocka_unit_test(test_stem_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
