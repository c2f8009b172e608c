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
    assert_int_equal(fah_lead_hash("ماكر", strlen("ماكر")), fah_lead_hash("ماكر", strlen("ماكر")));
    uint16_t a = fah_lead_hash("ماكر", strlen("ماكر")), b = fah_lead_hash("زيار", strlen("زيار"));
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
    assert_int_equal(lead_index(v, vl, "ماكر"), 0);  /* stems, as the light stemmer gives them */
    assert_int_equal(lead_index(v, vl, "يزور"), 1);
    assert_int_equal(lead_index(v, vl, "قال"), 3);   /* counted on from the title, no field gap */
    assert_int_equal(lead_index(v, vl, "كلمه"), 5);  /* first occurrence only */
    assert_int_equal(lead_index(v, vl, "حدود"), -1); /* word 48: past the lead */
    assert_int_equal(vl, 3 * 6);                       /* 6 distinct stems, each once */
    free(v);
    fx_db_close(r);
    fah_buf_free(&body);
}

/* Weight of the article with id term `idterm` under q (0 if unmatched). */
static double weight_of(fx_db *r, const fx_query *q, const char *idterm) {
    fx_query *idq, *f;
    assert_int_equal(fx_query_term(idterm, strlen(idterm), 1, 0, &idq, NULL), FX_OK);
    const fx_query *pair[2] = {q, idq};
    assert_int_equal(fx_query_combine(FX_OP_FILTER, (fx_query *const *)pair, 2, 0, &f, NULL), FX_OK);
    fx_search_opts so;
    memset(&so, 0, sizeof so);
    so.limit = 1;
    fx_mset *m;
    assert_int_equal(fx_search(r, f, &so, &m, NULL), FX_OK);
    double w = fx_mset_size(m) ? fx_mset_weight(m, 0) : 0;
    fx_mset_free(m);
    fx_query_free(f);
    fx_query_free(idq);
    return w;
}

static void test_ranking(void **state) {
    (void)state;
    /* b and c name ماكرون as often as a, in a body as long, but later:
     * BM25 alone ties a and b; the lead weight puts a first */
    fah_buf tail = FAH_BUF_INIT, early = FAH_BUF_INIT, none = FAH_BUF_INIT;
    for (int i = 0; i < 60; i++) {
        fah_buf_puts(&tail, " خبر");
        fah_buf_puts(&early, " خبر");
        fah_buf_puts(&none, " خبر");
    }
    fah_buf_puts(&tail, " ماكرون");
    const char *const arts[][3] = {
        {"a", "ماكرون", early.data},           /* the headline's first word */
        {"b", "زيارة", tail.data},             /* body word 60 */
        {"c", "عن زيارة ماكرون", early.data},  /* headline word 2 */
        {"d", "زيارة", none.data},
    };
    fx_db *r = make_db("rank", arts, 4);
    fx_query *q;
    fah_qterms qt = {0};
    char err[300];
    assert_int_equal(fah_query_parse(an, "ماكرون -ترامب", &q, &qt, err, sizeof err), FAH_PARSE_OK);
    double before_a = weight_of(r, q, "Qa"), before_b = weight_of(r, q, "Qb");
    fx_error e;
    fx_search_opts so;
    memset(&so, 0, sizeof so);
    fx_mset *m;
    assert_int_equal(fx_search(r, q, &so, &m, &e), FX_OK);
    double top = fx_mset_max_possible(m);
    fx_mset_free(m);
    assert_true(top > 0);
    assert_int_equal(fah_leadrank_add(r, an, &qt, &q, &e), FX_OK);
    /* the explain part is the lead query */
    assert_string_equal(qt.part_label[qt.nparts - 1], "lead");
    /* a: every (non-excluded) word in the lead, at word 0: cover + early */
    assert_true(fabs(weight_of(r, q, "Qa") - (before_a + top * (FAH_LEAD_COVER + FAH_LEAD_EARLY))) < 1e-9);
    /* b: past the lead: nothing added */
    assert_true(fabs(weight_of(r, q, "Qb") - before_b) < 1e-9);
    /* c: at word 2: cover + early / 3 */
    double lead_c = weight_of(r, qt.part_q[qt.nparts - 1], "Qc");
    assert_true(fabs(lead_c - top * (FAH_LEAD_COVER + FAH_LEAD_EARLY / 3)) < 1e-9);
    /* d does not match the text: the lead part adds no match */
    assert_true(weight_of(r, q, "Qd") == 0);
    fx_search_opts o2;
    memset(&o2, 0, sizeof o2);
    o2.limit = 10;
    assert_int_equal(fx_search(r, q, &o2, &m, &e), FX_OK);
    assert_int_equal(fx_mset_size(m), 3);
    fx_mset_free(m);
    fx_query_free(q);
    fah_qterms_free(&qt);
    fx_db_close(r);
    fah_buf_free(&tail);
    fah_buf_free(&early);
    fah_buf_free(&none);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lead_add),
        cmocka_unit_test(test_indexed_lead),
        cmocka_unit_test(test_ranking),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
