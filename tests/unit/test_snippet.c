/* Unit tests of snippets and highlights: variants and stems are highlighted,
 * offsets survive removed marks, snippets are substrings on word bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../query/parse.h"
#include "../../query/snippet.h"

static fah_analyzer *an;

static int setup(void **s) {
    (void)s;
    return fah_analyzer_new(FAH_STEM_LIGHT, &an, NULL, 0);
}
static int teardown(void **s) {
    (void)s;
    fah_analyzer_delete(an);
    return 0;
}

/* Highlighted words of `text` for `query`, joined by '|'. */
static void marked(const char *text, const char *query, size_t max, char *out, size_t outlen,
                   fah_snippet *sn) {
    fah_qterms q = {0};
    fx_query *xq;
    char err[200];
    assert_int_equal(fah_query_parse(an, query, &xq, &q, err, sizeof err), FAH_PARSE_OK);
    assert_int_equal(fah_snippet_make(an, text, strlen(text), &q, max, sn), 0);
    out[0] = '\0';
    for (size_t i = 0; i < sn->nhl; i++) {
        size_t n = strlen(out);
        snprintf(out + n, outlen - n, "%s%.*s", i ? "|" : "", (int)(sn->hl[i][1] - sn->hl[i][0]),
                 text + sn->start + sn->hl[i][0]);
    }
    fx_query_free(xq);
    fah_qterms_free(&q);
}

static void test_variant_only(void **state) {
    (void)state;
    fah_snippet sn;
    char got[512];
    /* the query's spelling does not occur: hamza, ى, ة variants and stems */
    marked("التقى رئيس الوزراء العراقي مصطفى الكاظمي وفداً", "الكاظمى", 200, got, sizeof got, &sn);
    assert_string_equal(got, "الكاظمي");
    fah_snippet_free(&sn);
    marked("أكَّدَ الرَّئِيسُ دَعْمَ الاقتصاد المحلي", "الرئيس", 200, got, sizeof got, &sn);
    assert_string_equal(got, "الرَّئِيسُ");
    fah_snippet_free(&sn);
    marked("دعا الرئيس المواطنين إلى التحلي بالصبر خلال الأزمة", "الصبر ازمه", 200, got, sizeof got, &sn);
    assert_string_equal(got, "بالصبر|الأزمة");
    fah_snippet_free(&sn);
    marked("وقّعت الحكومة الاتفاق مع البنك الدولي في العاصمة", "الحكومة", 200, got, sizeof got, &sn);
    assert_string_equal(got, "الحكومة");
    fah_snippet_free(&sn);
}

/* word*: every word whose normalized form starts with the prefix is
 * highlighted (hamza and ة variants included), and the prefix word itself is
 * not highlighted through its stem alone */
static void test_prefix(void **state) {
    (void)state;
    fah_snippet sn;
    char got[512];
    marked("قال المحلل السياسي إن السياسة الخارجية تغيرت وإن الأسواق هادئة", "السياس*", 200, got,
           sizeof got, &sn);
    assert_string_equal(got, "السياسي|السياسة");
    fah_snippet_free(&sn);
    marked("أعلنت الحكومة عن اعتقالات جديدة واعتقل آخرون", "اعتقال*", 200, got, sizeof got, &sn);
    assert_string_equal(got, "اعتقالات");
    fah_snippet_free(&sn);
    marked("أعلنت الحكومة عن اعتقالات جديدة في الأسواق", "اعتقال* الحكومه", 200, got, sizeof got, &sn);
    assert_string_equal(got, "الحكومة|اعتقالات");
    fah_snippet_free(&sn);
}

static void test_window(void **state) {
    (void)state;
    fah_snippet sn;
    char got[512];
    const char *text =
        "عقد مجلس الوزراء اجتماعه الأسبوعي برئاسة رئيس الحكومة. وناقش المجلس خطة لدعم الاقتصاد "
        "الوطني وتشجيع الاستثمار. وأكد الوزراء ضرورة الإسراع في تنفيذ المشاريع.";
    marked(text, "الاقتصاد", 40, got, sizeof got, &sn);
    assert_string_equal(got, "الاقتصاد");
    /* a substring, on word boundaries, at most 40 characters */
    assert_true(sn.start > 0);
    assert_true(sn.end <= strlen(text));
    assert_true(text[sn.start - 1] == ' ');
    assert_true(sn.end == strlen(text) || text[sn.end] == ' ' || text[sn.end] == '.');
    fah_snippet_free(&sn);
    /* no match: the start of the text */
    marked(text, "كمبيوتر", 30, got, sizeof got, &sn);
    assert_int_equal(sn.nhl, 0);
    assert_int_equal(sn.start, 0);
    fah_snippet_free(&sn);
}

static void test_parse_errors(void **state) {
    (void)state;
    fah_qterms q = {0};
    fx_query *xq;
    char err[200];
    assert_int_equal(fah_query_parse(an, "\"أزمة المياه", &xq, &q, err, sizeof err), FAH_PARSE_SYNTAX);
    assert_non_null(strstr(err, "character 1"));
    fah_qterms_free(&q);
    assert_int_equal(fah_query_parse(an, "؟ ، !", &xq, &q, err, sizeof err), FAH_PARSE_EMPTY);
    fah_qterms_free(&q);
    assert_int_equal(fah_query_parse(an, "\xd8", &xq, &q, err, sizeof err), FAH_PARSE_SYNTAX);
    fah_qterms_free(&q);
    assert_int_equal(fah_query_parse(an, "\"سعر الفائدة\" البنك", &xq, &q, err, sizeof err), FAH_PARSE_OK);
    char *desc;
    assert_int_equal(fx_query_describe(xq, &desc, NULL), FX_OK);
    assert_non_null(strstr(desc, "PHRASE 2"));
    free(desc);
    fx_query_free(xq);
    fah_qterms_free(&q);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_variant_only),
        cmocka_unit_test(test_prefix), cmocka_unit_test(test_window),
        cmocka_unit_test(test_parse_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
