/* Unit tests of the headline-and-lead ranking: the slot layout
 * (common/lead.h), what the indexer stores (indexer/docbuild.c) and the
 * weight a search adds (query/leadrank.h, xap/fx_lead.cc). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/buf.h"
#include "../../common/lead.h"
#include "../../common/schema.h"
#include "../../indexer/docbuild.h"
#include "../../query/leadrank.h"
#include "../../query/parse.h"
#include "../../stemmer/analyzer.h"
#include "../../xap/fx.h"

static char dir[256];
static fah_analyzer *an;

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/fahras-test-lead-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    return fah_analyzer_new(FAH_STEM_LIGHT, &an, NULL, 0);
}

static int teardown(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    fah_analyzer_delete(an);
    return system(cmd);
}

static void test_lead_add(void **state) {
    (void)state;
    fah_lead l;
    fah_lead_reset(&l);
    assert_int_equal(fah_lead_hash("ماكرون", strlen("ماكرون")), fah_lead_hash("ماكرون", strlen("ماكرون")));
    uint16_t a = fah_lead_hash("ماكرون", strlen("ماكرون")), b = fah_lead_hash("زيار", strlen("زيار"));
    assert_int_not_equal(a, b);
    fah_lead_add(&l, a, 0);
    fah_lead_add(&l, b, 3);
    fah_lead_add(&l, a, 7);                  /* a later occurrence: kept at 0 */
    fah_lead_add(&l, 0x1234, FAH_LEAD_WORDS); /* past the lead: ignored */
    assert_int_equal(l.n, 2);
    assert_int_equal(fah_lead_size(&l), 6);
    const unsigned char want[6] = {a & 0xff, a >> 8, 0, b & 0xff, b >> 8, 3};
    assert_memory_equal(l.bytes, want, 6);
    /* full: further stems are dropped, not written past the buffer */
    fah_lead_reset(&l);
    for (unsigned i = 0; i < FAH_LEAD_MAX + 10; i++) fah_lead_add(&l, (uint16_t)(1000 + i), i % FAH_LEAD_WORDS);
    assert_int_equal(l.n, FAH_LEAD_MAX);
}

/* Index articles (title, body) into a new database at dir/name. */
static fx_db *make_db(const char *name, const char *const arts[][3], size_t n) {
    char path[400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    fx_db *w;
    fx_error e;
    assert_int_equal(fx_db_open_writable(path, 1, &w, &e), FX_OK);
    fah_docbuilder *b;
    assert_int_equal(fah_docbuilder_new(an, &b), 0);
    for (size_t i = 0; i < n; i++) {
        fah_article art;
        memset(&art, 0, sizeof art);
        art.title = (char *)arts[i][1];
        art.body = (char *)arts[i][2];
        fah_built out;
        assert_int_equal(fah_docbuild(b, &art, arts[i][0], "t.txt", &out, &e), FX_OK);
        assert_int_equal(fx_db_replace_by_term(w, out.idterm, out.idterm_len, out.doc, NULL, &e), FX_OK);
    }
    fah_docbuilder_delete(b);
    assert_int_equal(fx_db_commit(w, &e), FX_OK);
    fx_db_close(w);
    fx_db *r;
    assert_int_equal(fx_db_open(path, &r, &e), FX_OK);
    return r;
}

/* The slot's word index of `stem`, or -1 when it is not in the lead. */
static int lead_index(const char *v, size_t len, const char *stem) {
    uint16_t h = fah_lead_hash(stem, strlen(stem));
    for (size_t k = 0; k + 3 <= len; k += 3)
        if ((unsigned char)v[k] == (h & 0xff) && (unsigned char)v[k + 1] == (h >> 8))
            return (unsigned char)v[k + 2];
    return -1;
}

static void test_indexed_lead(void **state) {
    (void)state;
    /* the body's 50 words: word 0 "قال", then filler, "الحدود" at body word 45 */
    fah_buf body = FAH_BUF_INIT;
    fah_buf_puts(&body, "قال الرئيس");
    for (int i = 2; i < 45; i++) fah_buf_puts(&body, " كلمة");
    fah_buf_puts(&body, " الحدود والمياه");
    const char *const arts[][3] = {{"a1", "ماكرون يزور واشنطن", body.data}};
    fx_db *r = make_db("slot", arts, 1);
    fx_docid id;
    fx_error e;
    assert_int_equal(fx_db_find_by_term(r, "Qa1", 3, &id, &e), FX_OK);
    char *v;
    size_t vl;
    assert_int_equal(fx_db_get_value(r, id, FAH_SLOT_LEAD, &v, &vl, &e), FX_OK);
    assert_int_equal(vl % 3, 0);
    assert_int_equal(lead_index(v, vl, "ماكرون"), 0);  /* stems, as the light stemmer gives them */
    assert_int_equal(lead_index(v, vl, "يزور"), 1);
    assert_int_equal(lead_index(v, vl, "قال"), 3);   /* counted on from the title, no field gap */
    assert_int_equal(lead_index(v, vl, "كلمه"), 5);  /* first occurrence only */
    assert_int_equal(lead_index(v, vl, "حدود"), -1); /* word 48: past the lead */
    assert_int_equal(vl, 3 * 6);                       /* 6 distinct stems, each once */
    free(v);
    fx_db_close(r);
    fah_buf_free(&body);
}

/* The mset index of the hit with id term `idterm`, or -1. */
static int hit_of(fx_db *r, fx_mset *m, const char *idterm) {
    fx_docid id;
    if (fx_db_find_by_term(r, idterm, strlen(idterm), &id, NULL) != FX_OK) return -1;
    for (uint32_t i = 0; i < fx_mset_size(m); i++)
        if (fx_mset_docid(m, i) == id) return (int)i;
    return -1;
}

static void test_ranking(void **state) {
    (void)state;
    /* b names ماكرون as often as a, in a body as long, but later: BM25
     * alone ties a and b; the lead weight puts a first */
    fah_buf tail = FAH_BUF_INIT, early = FAH_BUF_INIT;
    for (int i = 0; i < 60; i++) {
        fah_buf_puts(&tail, " خبر");
        fah_buf_puts(&early, " خبر");
    }
    fah_buf_puts(&tail, " ماكرون");
    const char *const arts[][3] = {
        {"b", "زيارة", tail.data},            /* body word 60: past the lead */
        {"a", "ماكرون", early.data},          /* the headline's first word */
        {"c", "عن زيارة ماكرون", early.data}, /* headline word 2 */
        {"d", "زيارة", early.data},           /* no ماكرون */
    };
    fx_db *r = make_db("rank", arts, 4);
    fx_query *q;
    fah_qterms qt = {0};
    char err[300];
    fx_error e;
    /* ترامب is excluded: it takes no share (a gets the whole weight) */
    assert_int_equal(fah_query_parse(an, "ماكرون -ترامب", &q, &qt, err, sizeof err), FAH_PARSE_OK);
    assert_int_equal(fx_query_copy(q, &qt.text, NULL), FX_OK); /* as fah_request_query sets it */
    fah_leadrank *lr;
    assert_int_equal(fah_leadrank_new(r, an, &qt, &lr, &e), FX_OK);
    assert_non_null(lr);
    fx_search_opts so;
    memset(&so, 0, sizeof so);
    so.limit = 10;
    fx_mset *m;
    assert_int_equal(fx_search(r, q, &so, &m, &e), FX_OK);
    assert_int_equal(fx_mset_size(m), 3);
    int ia = hit_of(r, m, "Qa"), ib = hit_of(r, m, "Qb"), ic = hit_of(r, m, "Qc");
    assert_true(ia >= 0 && ib >= 0 && ic >= 0);
    double top = fx_mset_max_possible(m);
    assert_true(top > 0);
    double score[3], lead[3];
    uint32_t order[3];
    assert_int_equal(fah_leadrank_rerank(lr, r, m, 3, score, lead, order, &e), FX_OK);
    assert_true(fabs(lead[ia] - top * (FAH_LEAD_COVER + FAH_LEAD_EARLY)) < 1e-9);
    assert_true(fabs(lead[ic] - top * (FAH_LEAD_COVER + FAH_LEAD_EARLY / 3)) < 1e-9);
    assert_true(lead[ib] == 0);
    for (int i = 0; i < 3; i++) assert_true(fabs(score[i] - (fx_mset_weight(m, i) + lead[i])) < 1e-9);
    assert_int_equal(order[0], ia);
    assert_true(score[order[0]] >= score[order[1]] && score[order[1]] >= score[order[2]]);
    fx_mset_free(m);
    fah_leadrank_delete(lr);
    fx_query_free(q);
    fah_qterms_free(&qt);

    /* two words: each counts by its idf share */
    assert_int_equal(fah_query_parse(an, "ماكرون زيارة", &q, &qt, err, sizeof err), FAH_PARSE_OK);
    assert_int_equal(fx_query_copy(q, &qt.text, NULL), FX_OK);
    assert_int_equal(fah_leadrank_new(r, an, &qt, &lr, &e), FX_OK);
    fah_lead l;
    fah_lead_reset(&l);
    fah_lead_add(&l, fah_lead_hash("ماكرون", strlen("ماكرون")), 0);
    double only_m = fah_leadrank_weight(lr, (const char *)l.bytes, fah_lead_size(&l));
    fah_lead_add(&l, fah_lead_hash("زيار", strlen("زيار")), 1);
    double both = fah_leadrank_weight(lr, (const char *)l.bytes, fah_lead_size(&l));
    /* df: ماكرون in a, b, c; زيارة in b, c, d: equal idf, half each */
    double sm = 0.5, sz = 0.5;
    assert_true(fabs(only_m - sm * (FAH_LEAD_COVER + FAH_LEAD_EARLY)) < 1e-9);
    assert_true(fabs(both - only_m - sz * (FAH_LEAD_COVER + FAH_LEAD_EARLY / 2)) < 1e-9);
    assert_true(fah_leadrank_weight(lr, NULL, 0) == 0);
    fah_leadrank_delete(lr);
    fx_query_free(q);
    fah_qterms_free(&qt);

    /* a word every article has (idf 0, like في) counts for nothing */
    assert_int_equal(fah_query_parse(an, "خبر ماكرون", &q, &qt, err, sizeof err), FAH_PARSE_OK);
    assert_int_equal(fx_query_copy(q, &qt.text, NULL), FX_OK);
    assert_int_equal(fah_leadrank_new(r, an, &qt, &lr, &e), FX_OK);
    fah_lead_reset(&l);
    fah_lead_add(&l, fah_lead_hash("خبر", strlen("خبر")), 0);
    assert_true(fah_leadrank_weight(lr, (const char *)l.bytes, fah_lead_size(&l)) == 0);
    fah_lead_add(&l, fah_lead_hash("ماكرون", strlen("ماكرون")), 1);
    assert_true(fabs(fah_leadrank_weight(lr, (const char *)l.bytes, fah_lead_size(&l)) -
                     (FAH_LEAD_COVER + FAH_LEAD_EARLY / 2)) < 1e-9);
    fah_leadrank_delete(lr);
    fx_query_free(q);
    fah_qterms_free(&qt);
    fx_db_close(r);
    fah_buf_free(&tail);
    fah_buf_free(&early);
}

/* Blocks: the order is BM25's cut into blocks of FAH_LEAD_BLOCK hits,
 * each reordered alone, so it does not depend on how many hits a page
 * fetched (pages never repeat or skip an article). */
static void test_blocks(void **state) {
    (void)state;
    /* 120 articles with the word (BM25 falls with the body length; every
     * third one has it in its headline) and 60 without */
    enum { N = 180 };
    static char titles[N][64], bodies[N][4096];
    const char *arts[N][3];
    static char ids[N][8];
    for (int i = 0; i < N; i++) {
        snprintf(ids[i], sizeof ids[i], "n%d", i);
        snprintf(titles[i], sizeof titles[i], "%s", i < 120 && i % 3 == 0 ? "ماكرون يزور" : "زيارة");
        size_t o = 0;
        o += (size_t)snprintf(bodies[i] + o, sizeof bodies[i] - o, i < 120 ? "ماكرون" : "خبر");
        for (int k = 0; k < 45 + i; k++) o += (size_t)snprintf(bodies[i] + o, sizeof bodies[i] - o, " خبر");
        arts[i][0] = ids[i];
        arts[i][1] = titles[i];
        arts[i][2] = bodies[i];
    }
    fx_db *r = make_db("blocks", (const char *const(*)[3])arts, N);
    fx_query *q;
    fah_qterms qt = {0};
    char err[300];
    fx_error e;
    assert_int_equal(fah_query_parse(an, "ماكرون", &q, &qt, err, sizeof err), FAH_PARSE_OK);
    assert_int_equal(fx_query_copy(q, &qt.text, NULL), FX_OK);
    fah_leadrank *lr;
    assert_int_equal(fah_leadrank_new(r, an, &qt, &lr, &e), FX_OK);
    assert_non_null(lr);
    fx_search_opts so;
    memset(&so, 0, sizeof so);
    uint32_t want[2] = {FAH_LEAD_BLOCK, 2 * FAH_LEAD_BLOCK};
    fx_docid first[2][2 * FAH_LEAD_BLOCK];
    for (int t = 0; t < 2; t++) {
        so.limit = want[t];
        fx_mset *m;
        assert_int_equal(fx_search(r, q, &so, &m, &e), FX_OK);
        uint32_t n = fx_mset_size(m);
        assert_int_equal(n, want[t]);
        double score[2 * FAH_LEAD_BLOCK], lead[2 * FAH_LEAD_BLOCK];
        uint32_t order[2 * FAH_LEAD_BLOCK];
        assert_int_equal(fah_leadrank_rerank(lr, r, m, n, score, lead, order, &e), FX_OK);
        for (uint32_t k = 0; k < n; k++) {
            first[t][k] = fx_mset_docid(m, order[k]);
            /* each block holds its own hits, best first */
            assert_int_equal(order[k] / FAH_LEAD_BLOCK, k / FAH_LEAD_BLOCK);
            if (k % FAH_LEAD_BLOCK) assert_true(score[order[k - 1]] >= score[order[k]]);
        }
        /* the headline articles lead their block */
        assert_true(lead[order[0]] > 0);
        fx_mset_free(m);
    }
    /* a page of 50 is the first 50 of a list of 100 */
    assert_memory_equal(first[0], first[1], FAH_LEAD_BLOCK * sizeof(fx_docid));
    fah_leadrank_delete(lr);
    fx_query_free(q);
    fah_qterms_free(&qt);
    fx_db_close(r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lead_add),
        cmocka_unit_test(test_indexed_lead),
        cmocka_unit_test(test_ranking),
        cmocka_unit_test(test_blocks),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
