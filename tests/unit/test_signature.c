/* Unit tests of the near-duplicate signature (indexer/signature.h):
 * identical word lists agree everywhere, a copy with one word in 300
 * changed (a re-crawl with another footer) stays above the 0.9 collapse
 * threshold, unrelated texts stay far below it, and the estimate tracks the
 * true Jaccard similarity of the shingle sets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../indexer/signature.h"

static uint64_t word(uint64_t i) {
    uint64_t x = i * 0x9e3779b97f4a7c15ULL + 12345;
    x ^= x >> 31;
    return x * 0xbf58476d1ce4e5b9ULL;
}

static double sim(const uint64_t *a, size_t na, const uint64_t *b, size_t nb) {
    unsigned char sa[FAH_SIG_BYTES], sb[FAH_SIG_BYTES];
    fah_signature(a, na, sa);
    fah_signature(b, nb, sb);
    return fah_signature_similarity((const char *)sa, sizeof sa, (const char *)sb, sizeof sb);
}

static void test_copies(void **state) {
    (void)state;
    uint64_t a[300], b[300], c[300];
    for (size_t i = 0; i < 300; i++) {
        a[i] = b[i] = word(i);
        c[i] = word(i + 100000);
    }
    assert_true(sim(a, 300, a, 300) == 1.0);
    b[299] = word(777777); /* the last word differs: 1 of 298 shingles */
    assert_true(sim(a, 300, b, 300) >= 0.9);
    assert_true(sim(a, 300, c, 300) < 0.2);
    /* short texts (fewer shingles than bins) still compare */
    assert_true(sim(a, 5, a, 5) == 1.0);
    assert_true(sim(a, 5, c, 5) < 0.5);
    assert_true(fah_signature_similarity("x", 1, "x", 1) == 0);
}

static void test_estimate(void **state) {
    (void)state;
    /* a 600-word text and a version whose last third differs: true Jaccard
     * of shingles = 398 shared / (598 + 200) ~ 0.5 */
    static uint64_t a[600], b[600];
    for (size_t i = 0; i < 600; i++) {
        a[i] = word(i);
        b[i] = i < 400 ? word(i) : word(i + 5000);
    }
    double s = sim(a, 600, b, 600);
    assert_true(s > 0.3 && s < 0.7);
}

/* fah_signature_article leaves the headline out when enough words follow
 * it: a 100-word article re-crawled under a reworded 10-word headline is a
 * copy; with fewer than FAH_SIG_MIN_BODY_WORDS after the headline, the
 * headline counts. */
static void test_headline(void **state) {
    (void)state;
    uint64_t a[110], b[110];
    for (int i = 0; i < 110; i++) a[i] = b[i] = word((uint64_t)i + 5000);
    for (int i = 0; i < 10; i++) b[i] = word((uint64_t)i + 9000); /* another headline */
    unsigned char sa[FAH_SIG_BYTES], sb[FAH_SIG_BYTES];
    fah_signature_article(a, 110, 10, sa);
    fah_signature_article(b, 110, 10, sb);
    assert_true(fah_signature_similarity((const char *)sa, sizeof sa, (const char *)sb, sizeof sb) == 1.0);
    /* with the headline, the same pair falls under the collapse threshold */
    assert_true(sim(a, 110, b, 110) < 0.9);
    /* a short text: 10 headline words and 15 more, all of them count */
    fah_signature_article(a, 25, 10, sa);
    fah_signature_article(b, 25, 10, sb);
    assert_true(fah_signature_similarity((const char *)sa, sizeof sa, (const char *)sb, sizeof sb) < 0.9);
    unsigned char sall[FAH_SIG_BYTES];
    fah_signature(a, 25, sall);
    assert_memory_equal(sa, sall, sizeof sa);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_copies), cmocka_unit_test(test_estimate),
                                       cmocka_unit_test(test_headline)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
