/* Unit tests of the query language (query/parse.h): every operator, the
 * precedence, filters, and the error positions of syntax faults. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../query/parse.h"

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

/* Xapian's description of the parsed query (static buffer). */
static const char *desc(const char *q) {
    static char out[4000];
    fx_query *x = NULL;
    fah_qterms qt = {0};
    char err[600];
    fah_parse_status st = fah_query_parse(an, q, &x, &qt, err, sizeof err);
    if (st != FAH_PARSE_OK) fprintf(stderr, "%s: %s\n", q, err);
    assert_int_equal(st, FAH_PARSE_OK);
    char *d = NULL;
    assert_int_equal(fx_query_describe(x, &d, NULL), FX_OK);
    snprintf(out, sizeof out, "%s", d);
    free(d);
    fx_query_free(x);
    fah_qterms_free(&qt);
    return out;
}

/* The error message of a query that must not parse. */
static const char *error_of(const char *q) {
    static char err[600];
    fx_query *x = NULL;
    fah_qterms qt = {0};
    assert_int_equal(fah_query_parse(an, q, &x, &qt, err, sizeof err), FAH_PARSE_SYNTAX);
    assert_null(x);
    fah_qterms_free(&qt);
    return err;
}

static void test_operators(void **s) {
    (void)s;
    assert_non_null(strstr(desc("ماكرون ميركل"), " OR "));
    assert_non_null(strstr(desc("ماكرون AND ميركل"), " AND "));
    assert_non_null(strstr(desc("ماكرون -ميركل"), "AND_NOT"));
    assert_non_null(strstr(desc("ماكرون NOT ميركل"), "AND_NOT"));
    assert_non_null(strstr(desc("(ماكرون OR ميركل) AND ليبيا"), " AND "));
    /* precedence: a b AND c = a OR (b AND c) */
    const char *d = desc("سوريا ماكرون AND ميركل");
    assert_non_null(strstr(d, " OR "));
    assert_non_null(strstr(d, " AND "));
    /* operators are upper-case words only: "and" is a word */
    assert_null(strstr(desc("peace and war"), " AND "));
}

static void test_phrases(void **s) {
    (void)s;
    assert_non_null(strstr(desc("\"ضبط الحدود\""), "PHRASE 2"));
    assert_non_null(strstr(desc("«ضبط الحدود»"), "PHRASE 2"));
    /* "a b"~N: any order within count + N */
    assert_non_null(strstr(desc("\"محمد سلمان\"~1"), "NEAR 3"));
    /* a phrase typed without hamza still matches the normalized forms */
    assert_non_null(strstr(desc("\"ازمة المياه\""), "PHRASE 2"));
}

static void test_prefix_and_filters(void **s) {
    (void)s;
    assert_non_null(strstr(desc("اقتصاد*"), "WILDCARD"));
    assert_non_null(strstr(desc("title:\"أزمة المياه\""), " PHRASE 2 "));
    assert_non_null(strstr(desc("title:\"أزمة المياه\"~2"), " NEAR 4 "));
    assert_non_null(strstr(error_of("title:\"أزمة المياه\"~x"), "~ after a phrase needs a number"));
    assert_non_null(strstr(desc("title:المياه"), "Sميا"));
    const char *d = desc("ماكرون source:france24");
    assert_non_null(strstr(d, "FILTER"));
    assert_non_null(strstr(d, "XSfrance24"));
    assert_non_null(strstr(desc("ماكرون date:2018-05..2018-07"), "VALUE_RANGE"));
    assert_non_null(strstr(desc("ماكرون date:2018"), "VALUE_RANGE"));
    /* Arabic comma and semicolon separate items */
    assert_non_null(strstr(desc("ماكرون،ميركل؛ليبيا"), " OR "));
}

static void test_errors(void **s) {
    (void)s;
    assert_non_null(strstr(error_of("(ماكرون"), "unclosed parenthesis at character 1"));
    assert_non_null(strstr(error_of("ماكرون)"), "')' without '(' at character 7"));
    assert_non_null(strstr(error_of("OR ماكرون"), "OR needs a word before it at character 1"));
    assert_non_null(strstr(error_of("ماكرون OR"), "OR needs a word after it at character 8"));
    assert_non_null(strstr(error_of("ماكرون AND"), "AND needs a word after it at character 8"));
    assert_non_null(strstr(error_of("NOT ماكرون"), "NOT needs a word before it"));
    assert_non_null(strstr(error_of("-ماكرون"), "only excluded words"));
    assert_non_null(strstr(error_of("\"ماكرون ميركل"), "unclosed quote at character 1"));
    assert_non_null(strstr(error_of("\"a b\"~x"), "~ after a phrase"));
    assert_non_null(strstr(error_of("ماكرون date:2018-13"), "date: takes"));
    assert_non_null(strstr(error_of("ماكرون source:"), "source: needs a name"));
    assert_non_null(strstr(error_of("ماكرون title:"), "title: needs a word"));
    assert_non_null(strstr(error_of("ماكرون NOT NOT ميركل"), "NOT needs a word after it"));
    assert_non_null(strstr(error_of("\"اقتصاد* مصر\""), "inside a phrase"));
    assert_non_null(strstr(error_of("محمد~1"), "~N goes after a quoted phrase"));
    assert_non_null(strstr(error_of("المياه date:2018..2017"), "ends before it starts"));
    /* without a resolver (parse.h), entity items are an error that says so */
    assert_non_null(strstr(error_of("(leader:ماكرون OR المياه)"), "not available here"));
    /* the message shows where */
    assert_non_null(strstr(error_of("ماكرون (ميركل"), "ماكرون [HERE](ميركل"));
}

/* The words of a query and which of them were only asked to be absent
 * ("+" kept, "-" excluded), in order: what the headline-and-lead weight
 * (leadrank.h) counts. */
static const char *excluded_marks(const char *q) {
    static char out[64];
    fx_query *x = NULL;
    fah_qterms qt = {0};
    char err[600];
    assert_int_equal(fah_query_parse(an, q, &x, &qt, err, sizeof err), FAH_PARSE_OK);
    size_t i = 0;
    for (; i < qt.n && i + 1 < sizeof out; i++) out[i] = qt.excluded[i] ? '-' : '+';
    out[i] = '\0';
    fx_query_free(x);
    fah_qterms_free(&qt);
    return out;
}

static void test_excluded_words(void **s) {
    (void)s;
    assert_string_equal(excluded_marks("ماكرون ميركل"), "++");
    assert_string_equal(excluded_marks("ماكرون -ميركل"), "+-");
    assert_string_equal(excluded_marks("ماكرون NOT ميركل"), "+-");
    assert_string_equal(excluded_marks("ماكرون -(ميركل OR ترامب) بوتين"), "+--+");
    assert_string_equal(excluded_marks("ماكرون AND -\"انجيلا ميركل\""), "+--");
    assert_string_equal(excluded_marks("(ماكرون -ميركل) OR ترامب"), "+-+");
    assert_string_equal(excluded_marks("+ماكرون ميركل"), "++");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_prefix_and_filters),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_excluded_words),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
