/* Unit tests of the Xapian wrapper (xap/fx.h): round trip and error paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../xap/fx.h"

static char dir[256];

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/fahras-test-fx-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_missing_database(void **state) {
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/nothing-here", dir);
    fx_db *db = (fx_db *)1;
    fx_error e;
    fx_status st = fx_db_open(path, &db, &e);
    assert_int_equal(st, FX_ERR_NOT_FOUND);
    assert_null(db);
    assert_true(strlen(e.msg) > 0);
    /* writable without create: also not found */
    st = fx_db_open_writable(path, 0, &db, &e);
    assert_true(st == FX_ERR_NOT_FOUND || st == FX_ERR_OPENING);
    assert_null(db);
}

static void test_not_a_database(void **state) {
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/plain", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("not a database\n", f);
    fclose(f);
    fx_db *db;
    fx_error e;
    fx_status st = fx_db_open(path, &db, &e);
    assert_int_not_equal(st, FX_OK);
    assert_null(db);
}

static void test_locked_database(void **state) {
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/locked", dir);
    fx_db *w1, *w2;
    fx_error e;
    assert_int_equal(fx_db_open_writable(path, 1, &w1, &e), FX_OK);
    fx_status st = fx_db_open_writable(path, 1, &w2, &e);
    assert_int_equal(st, FX_ERR_LOCKED);
    assert_null(w2);
    assert_non_null(strstr(e.msg, "Lock"));
    /* readers are not blocked by the writer */
    fx_db *r;
    assert_int_equal(fx_db_open(path, &r, &e), FX_OK);
    fx_db_close(r);
    fx_db_close(w1);
    /* and once released, a new writer gets it */
    assert_int_equal(fx_db_open_writable(path, 1, &w2, &e), FX_OK);
    fx_db_close(w2);
}

static void test_overlong_term(void **state) {
    (void)state;
    fx_doc *d;
    fx_error e;
    assert_int_equal(fx_doc_new(&d, &e), FX_OK);
    char big[FX_MAX_TERM_BYTES + 2];
    memset(big, 'a', sizeof big);
    assert_int_equal(fx_doc_add_term(d, big, FX_MAX_TERM_BYTES + 1, 1, &e), FX_ERR_TERM_TOO_LONG);
    assert_non_null(strstr(e.msg, "longer"));
    assert_int_equal(fx_doc_add_posting(d, big, FX_MAX_TERM_BYTES + 1, 1, 1, &e),
                     FX_ERR_TERM_TOO_LONG);
    assert_int_equal(fx_doc_add_boolean_term(d, big, 0, &e), FX_ERR_INVALID_ARG);
    assert_int_equal(fx_doc_add_term(d, big, FX_MAX_TERM_BYTES, 1, &e), FX_OK);
    fx_query *q;
    assert_int_equal(fx_query_term(big, FX_MAX_TERM_BYTES + 1, 1, 0, &q, &e), FX_ERR_TERM_TOO_LONG);
    assert_null(q);
    fx_doc_free(d);
}

static void test_round_trip(void **state) {
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/rt", dir);
    fx_db *w;
    fx_error e;
    assert_int_equal(fx_db_open_writable(path, 1, &w, &e), FX_OK);
    const char *words[][3] = {{"Qa", "ماء", "نهر"}, {"Qb", "ماء", "سد"}, {"Qc", "حدود", "نهر"}};
    for (int i = 0; i < 3; i++) {
        fx_doc *d;
        assert_int_equal(fx_doc_new(&d, &e), FX_OK);
        assert_int_equal(fx_doc_add_posting(d, words[i][1], strlen(words[i][1]), 1, 1, &e), FX_OK);
        assert_int_equal(fx_doc_add_posting(d, words[i][2], strlen(words[i][2]), 2, 1, &e), FX_OK);
        assert_int_equal(fx_doc_add_boolean_term(d, words[i][0], 2, &e), FX_OK);
        assert_int_equal(fx_doc_set_value(d, 0, "2018", 4, &e), FX_OK);
        assert_int_equal(fx_doc_set_data(d, words[i][0], 2, &e), FX_OK);
        assert_int_equal(fx_db_replace_by_term(w, words[i][0], 2, d, NULL, &e), FX_OK);
        fx_doc_free(d);
    }
    assert_int_equal(fx_db_set_metadata(w, "k", "v", 1, &e), FX_OK);
    assert_int_equal(fx_db_commit(w, &e), FX_OK);
    fx_db_close(w);

    fx_db *r;
    assert_int_equal(fx_db_open(path, &r, &e), FX_OK);
    uint32_t n;
    assert_int_equal(fx_db_doccount(r, &n, &e), FX_OK);
    assert_int_equal(n, 3);
    char *v;
    size_t vl;
    assert_int_equal(fx_db_get_metadata(r, "k", &v, &vl, &e), FX_OK);
    assert_string_equal(v, "v");
    free(v);
    assert_int_equal(fx_db_get_metadata(r, "absent", &v, &vl, &e), FX_OK);
    assert_null(v);
    /* writing through a read-only handle is refused */
    assert_int_equal(fx_db_commit(r, &e), FX_ERR_INVALID_ARG);

    fx_query *a, *b, *ab;
    assert_int_equal(fx_query_term("ماء", strlen("ماء"), 1, 1, &a, &e), FX_OK);
    assert_int_equal(fx_query_term("نهر", strlen("نهر"), 1, 2, &b, &e), FX_OK);
    fx_query *pair[2] = {a, b};
    assert_int_equal(fx_query_combine(FX_OP_PHRASE, pair, 2, 0, &ab, &e), FX_OK);
    fx_search_opts so;
    memset(&so, 0, sizeof so);
    so.limit = 10;
    fx_mset *m;
    assert_int_equal(fx_search(r, ab, &so, &m, &e), FX_OK);
    assert_int_equal(fx_mset_size(m), 1);
    char *data;
    size_t dl;
    assert_int_equal(fx_mset_data(m, 0, &data, &dl, &e), FX_OK);
    assert_int_equal(dl, 2);
    assert_memory_equal(data, "Qa", 2);
    free(data);
    fx_mset_free(m);
    /* OR finds all three, best first */
    fx_query *or;
    assert_int_equal(fx_query_combine(FX_OP_OR, pair, 2, 0, &or, &e), FX_OK);
    assert_int_equal(fx_search(r, or, &so, &m, &e), FX_OK);
    assert_int_equal(fx_mset_size(m), 3);
    assert_true(fx_mset_weight(m, 0) >= fx_mset_weight(m, 2));
    fx_mset_free(m);
    fx_docid id;
    assert_int_equal(fx_db_find_by_term(r, "Qz", 2, &id, &e), FX_ERR_NOT_FOUND_DOC);
    assert_int_equal(fx_db_find_by_term(r, "Qc", 2, &id, &e), FX_OK);
    assert_int_equal(fx_db_get_value(r, id, 0, &v, &vl, &e), FX_OK);
    assert_string_equal(v, "2018");
    free(v);
    fx_query_free(a);
    fx_query_free(b);
    fx_query_free(ab);
    fx_query_free(or);
    fx_db_close(r);
}

/* Adds a document whose id term is `id` and whose one word is `word`. */
static void add_doc(fx_db *w, const char *id, const char *word) {
    fx_doc *d;
    fx_error e;
    assert_int_equal(fx_doc_new(&d, &e), FX_OK);
    assert_int_equal(fx_doc_add_posting(d, word, strlen(word), 1, 1, &e), FX_OK);
    assert_int_equal(fx_doc_add_boolean_term(d, id, strlen(id), &e), FX_OK);
    assert_int_equal(fx_doc_set_data(d, id, strlen(id), &e), FX_OK);
    assert_int_equal(fx_db_replace_by_term(w, id, strlen(id), d, NULL, &e), FX_OK);
    fx_doc_free(d);
}

/* Batch mode: only fx_db_commit reaches the disk; closing drops the rest,
 * metadata included. */
static void test_batches(void **state) {
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/batches", dir);
    fx_db *w;
    fx_error e;
    assert_int_equal(fx_db_open_writable(path, 1, &w, &e), FX_OK);
    assert_int_equal(fx_db_begin_batches(w, &e), FX_OK);
    add_doc(w, "Qa", "ماء");
    assert_int_equal(fx_db_set_metadata(w, "k", "1", 1, &e), FX_OK);
    assert_int_equal(fx_db_commit(w, &e), FX_OK);
    add_doc(w, "Qb", "سد");
    assert_int_equal(fx_db_set_metadata(w, "k", "2", 1, &e), FX_OK);
    fx_db_close(w); /* no commit: Qb and k=2 are dropped */
    fx_db *r;
    uint32_t n;
    char *v;
    size_t vl;
    assert_int_equal(fx_db_open(path, &r, &e), FX_OK);
    assert_int_equal(fx_db_doccount(r, &n, &e), FX_OK);
    assert_int_equal(n, 1);
    assert_int_equal(fx_db_get_metadata(r, "k", &v, &vl, &e), FX_OK);
    assert_string_equal(v, "1");
    free(v);
    fx_db_close(r);
}

/* fx_db_relocate swaps the id term and the data and keeps the other terms
 * with their positions. */
static void test_relocate(void **state) {
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/reloc", dir);
    fx_db *w;
    fx_error e;
    assert_int_equal(fx_db_open_writable(path, 1, &w, &e), FX_OK);
    add_doc(w, "Qold", "نهر");
    assert_int_equal(fx_db_relocate(w, "Qold", 4, "Qnew", 4, "moved", 5, &e), FX_OK);
    assert_int_equal(fx_db_relocate(w, "Qgone", 5, "Qx", 2, "x", 1, &e), FX_ERR_NOT_FOUND_DOC);
    assert_int_equal(fx_db_commit(w, &e), FX_OK);
    uint32_t tf = 9;
    assert_int_equal(fx_db_termfreq(w, "Qold", 4, &tf, &e), FX_OK);
    assert_int_equal(tf, 0);
    fx_docid id;
    assert_int_equal(fx_db_find_by_term(w, "Qnew", 4, &id, &e), FX_OK);
    char *data;
    size_t dl;
    assert_int_equal(fx_db_get_data(w, id, &data, &dl, &e), FX_OK);
    assert_string_equal(data, "moved");
    free(data);
    assert_int_equal(fx_db_find_by_term(w, "نهر", strlen("نهر"), &id, &e), FX_OK);
    fx_db_close(w);
}

static void test_snowball(void **state) {
    (void)state;
    fx_stem *s;
    fx_error e;
    assert_int_equal(fx_stem_new("no-such-language", &s, &e), FX_ERR_INVALID_ARG);
    assert_int_equal(fx_stem_new("arabic", &s, &e), FX_OK);
    char *out;
    size_t n;
    assert_int_equal(fx_stem_apply(s, "المعلمات", strlen("المعلمات"), &out, &n, &e), FX_OK);
    assert_string_equal(out, "معلم");
    free(out);
    fx_stem_free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_database), cmocka_unit_test(test_not_a_database),
        cmocka_unit_test(test_locked_database),  cmocka_unit_test(test_overlong_term),
        cmocka_unit_test(test_round_trip),       cmocka_unit_test(test_snowball),
        cmocka_unit_test(test_batches),          cmocka_unit_test(test_relocate),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
