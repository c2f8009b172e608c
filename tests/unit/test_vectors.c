/* Lucene's Arabic test vectors (shared/anchors/lucene_normalize.tsv and
 * lucene_stem.tsv): every row is checked.  Where fahras deliberately
 * differs, the expected value is ours and the reason is given. */
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
#include "shared_path.h"

typedef struct {
    const char *input, *ours, *reason;
} deviation;

/* Normalization: fahras agrees with every row of lucene_normalize.tsv. */

/* Stem rows where our output differs from Lucene's. */
static const deviation stem_dev[] = {
    {"English", "english", "fahras case-folds Latin text (Lucene's LowerCaseFilter is a separate step)"},
};

static fah_analyzer *an;
static fah_buf clean, joined;

typedef struct {
    int stem;
} mode;

static int join(void *ctx, const fah_token *t) {
    const mode *m = ctx;
    if (joined.len) fah_buf_putc(&joined, ' ');
    if (m->stem) fah_buf_append(&joined, t->stem, t->stem_len);
    else fah_buf_append(&joined, t->norm, t->norm_len);
    return 0;
}

static const char *analyze(const char *in, int stem) {
    fah_buf_reset(&joined);
    fah_buf_reserve(&joined, 0);
    mode m = {stem};
    assert_int_equal(fah_analyzer_display(an, in, strlen(in), &clean), 0);
    assert_int_equal(fah_analyzer_tokenize(an, clean.data ? clean.data : "", clean.len, 1, join, &m), 0);
    return joined.data;
}

static int run_file(const char *name, int stem, const deviation *dev, size_t ndev) {
    char path[1024];
    shared_path(name, path, sizeof path);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[2048];
    int rows = 0, failed = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (rows++ == 0) continue; /* header */
        char *input = line, *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = '\0';
        char *expected = tab + 1;
        char *tab2 = strchr(expected, '\t');
        const char *test = "";
        if (tab2) {
            *tab2 = '\0';
            test = tab2 + 1;
        }
        const char *want = expected, *why = NULL;
        for (size_t i = 0; i < ndev; i++)
            if (strcmp(dev[i].input, input) == 0 && strstr(test, "Keyword") == NULL) {
                want = dev[i].ours;
                why = dev[i].reason;
            }
        /* the keyword-marker row (same input as testComboSuf) */
        if (strstr(test, "KeywordAttribute")) {
            want = "ساهد";
            why = "Lucene's row marks the word as a keyword (no stemming); fahras has no keyword marker";
        }
        const char *got = analyze(input, stem);
        int ok = strcmp(got, want) == 0;
        printf("%s %s: '%s' -> '%s'%s%s%s\n", ok ? "ok" : "FAIL", test, input, got,
               ok ? "" : " (wanted '", ok ? "" : want, ok ? "" : "')");
        if (why && strcmp(want, expected) != 0) printf("   deliberate difference from Lucene ('%s'): %s\n", expected, why);
        failed += !ok;
    }
    fclose(f);
    return failed;
}

static void test_lucene_normalize(void **state) {
    (void)state;
    assert_int_equal(run_file("anchors/lucene_normalize.tsv", 0, NULL, 0), 0);
}

static void test_lucene_stem(void **state) {
    (void)state;
    assert_int_equal(run_file("anchors/lucene_stem.tsv", 1, stem_dev,
                              sizeof stem_dev / sizeof stem_dev[0]), 0);
}

int main(void) {
    char errbuf[200];
    if (fah_analyzer_new(FAH_STEM_LIGHT, &an, errbuf, sizeof errbuf)) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lucene_normalize),
        cmocka_unit_test(test_lucene_stem),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fah_analyzer_delete(an);
    fah_buf_free(&clean);
    fah_buf_free(&joined);
    return rc;
}
