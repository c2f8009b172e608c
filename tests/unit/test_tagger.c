/* Unit tests of the entity tagger (tagger/tagger.h) with the built-in
 * gazetteers: each test is a kind of fault the rules exist for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tagger/gazetteer.h"
#include "../../tagger/tagger.h"

static fah_analyzer *an;
static fah_gazetteer *gaz;
static fah_tagger *tg;

static int setup(void **s) {
    (void)s;
    char err[300];
    if (fah_analyzer_new(FAH_STEM_LIGHT, &an, err, sizeof err)) return -1;
    if (fah_gazetteer_new(an, NULL, 0, NULL, 0, &gaz, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return fah_tagger_new(gaz, &tg);
}

static int teardown(void **s) {
    (void)s;
    fah_tagger_delete(tg);
    fah_gazetteer_delete(gaz);
    fah_analyzer_delete(an);
    return 0;
}

typedef struct {
    const char *text;
} feed_ctx;

static int feed(void *ctx, const fah_token *t) {
    return fah_tagger_token(tg, t, ((feed_ctx *)ctx)->text);
}

/* Tag one body text (dated `year`) and return the keys found, "L:x C:y ...". */
static const char *tags_of(const char *text, int year) {
    static char out[2000];
    fah_tagger_begin(tg, year);
    feed_ctx c = {text};
    fah_tagger_skip_dateline(tg, text, strlen(text));
    assert_int_equal(fah_analyzer_tokenize(an, text, strlen(text), 1, feed, &c), 0);
    assert_int_equal(fah_tagger_field_end(tg), 0);
    const fah_tag *t;
    size_t n = fah_tagger_tags(tg, &t);
    snprintf(out, sizeof out, " ");
    for (size_t i = 0; i < n; i++) {
        char key[300];
        fah_gazetteer_key(gaz, (size_t)t[i].entity, key, sizeof key);
        if (t[i].mentions) snprintf(out + strlen(out), sizeof out - strlen(out), "%s ", key);
        if (t[i].metonyms) snprintf(out + strlen(out), sizeof out - strlen(out), "M%s ", key);
    }
    return out;
}

static int has(const char *tags, const char *key) {
    char k[300];
    snprintf(k, sizeof k, " %s ", key);
    return strstr(tags, k) != NULL;
}

/* proclitics and the article on a country name; nisba forms */
static void test_prefixes(void **s) {
    (void)s;
    assert_true(has(tags_of("وصل الوفد وبالعراق اجتماع", 2018), "C:IQ"));
    assert_true(has(tags_of("زيارة للعراق", 2018), "C:IQ"));
    assert_true(has(tags_of("قال مسؤولون عراقيون", 2018), "C:IQ"));
    assert_true(has(tags_of("الحكومة العراقية", 2018), "C:IQ"));
}

/* a `not` phrase hides the name inside it; a metonym counts apart */
static void test_not_and_metonym(void **s) {
    (void)s;
    const char *t = tags_of("نشرت صحيفة واشنطن بوست تقريرا عن جورج واشنطن", 2018);
    assert_false(has(t, "C:US"));
    assert_false(has(t, "MC:US"));
    t = tags_of("وقالت واشنطن إنها ترفض القرار", 2018);
    assert_true(has(t, "MC:US"));
    assert_false(has(t, "C:US"));
}

/* ambiguous short forms need a title */
static void test_titled(void **s) {
    (void)s;
    assert_true(has(tags_of("قال الرئيس الأسد إن", 2018), "L:bashar-al-assad"));
    assert_true(has(tags_of("استقبل الرئيس السوري الأسد الوفد", 2018), "L:bashar-al-assad"));
    assert_false(has(tags_of("شاهد الزوار الأسد في حديقة الحيوان", 2018), "L:bashar-al-assad"));
}

/* a name two leaders share goes to whoever held office that year */
static void test_year(void **s) {
    (void)s;
    const char *t = tags_of("استقبل الملك عبدالله الوفد", 2018);
    assert_true(has(t, "L:abdullah-ii"));
    assert_false(has(t, "L:abdullah-bin-abdulaziz"));
}

/* a title after a place noun names a place */
static void test_named_after(void **s) {
    (void)s;
    const char *t = tags_of("أقيمت المباراة في مدينة الملك عبد الله الرياضية بجدة", 2018);
    assert_false(has(t, "L:abdullah-ii"));
    assert_false(has(t, "L:abdullah-bin-abdulaziz"));
}

/* a dateline is not a mention */
static void test_dateline(void **s) {
    (void)s;
    const char *t = tags_of("دبي، الإمارات العربية المتحدة (CNN)-- أعلنت مصر عن خطة جديدة", 2018);
    assert_false(has(t, "C:AE"));
    assert_true(has(t, "C:EG"));
}

/* a name a leader and a country share: the leader; with ال: the country */
static void test_leader_over_country(void **s) {
    (void)s;
    assert_true(has(tags_of("قال كاميرون إن", 2012), "L:david-cameron"));
    assert_false(has(tags_of("قال كاميرون إن", 2012), "C:CM"));
    assert_true(has(tags_of("وصل الوفد إلى الكاميرون", 2012), "C:CM"));
}

/* a title then an unknown name: a candidate, never a leader */
static void test_candidate(void **s) {
    (void)s;
    fah_tagger_begin(tg, 2018);
    const char *text = "قال الرئيس الفرنسي جان دوبون إن";
    feed_ctx c = {text};
    assert_int_equal(fah_analyzer_tokenize(an, text, strlen(text), 1, feed, &c), 0);
    assert_int_equal(fah_tagger_field_end(tg), 0);
    const char *const *names;
    const unsigned *counts;
    size_t n = fah_tagger_candidates(tg, &names, &counts);
    assert_int_equal(n, 1);
    assert_string_equal(names[0], "جان دوبون");
    const fah_tag *t;
    size_t nt = fah_tagger_tags(tg, &t);
    for (size_t i = 0; i < nt; i++)
        assert_int_not_equal(fah_gazetteer_entity(gaz, (size_t)t[i].entity)->kind, FAH_ENT_LEADER);
}

/* topics: one passing mention is not enough, repeated strong triggers are */
static void test_topic_rule(void **s) {
    (void)s;
    assert_false(has(tags_of("ناقش الطرفان أزمة المياه والتجارة والسياحة", 2018), "T:water-crisis"));
    assert_true(has(tags_of("تتفاقم أزمة المياه في البصرة. وتقول الحكومة إن أزمة المياه سببها شح المياه "
                            "وتراجع الموارد المائية",
                            2018),
                    "T:water-crisis"));
}

/* what users type for --leader/--country/--topic */
static void test_resolve(void **s) {
    (void)s;
    long other;
    long k = fah_gazetteer_resolve(gaz, an, FAH_ENT_LEADER, "ماكرون", &other);
    assert_true(k >= 0);
    assert_string_equal(fah_gazetteer_entity(gaz, (size_t)k)->id, "emmanuel-macron");
    assert_int_equal(fah_gazetteer_resolve(gaz, an, FAH_ENT_LEADER, "Macron", &other), k);
    assert_int_equal(fah_gazetteer_resolve(gaz, an, FAH_ENT_LEADER, "emmanuel-macron", &other), k);
    k = fah_gazetteer_resolve(gaz, an, FAH_ENT_COUNTRY, "العراق", &other);
    assert_true(k >= 0);
    assert_string_equal(fah_gazetteer_entity(gaz, (size_t)k)->id, "IQ");
    assert_int_equal(fah_gazetteer_resolve(gaz, an, FAH_ENT_COUNTRY, "iq", &other), k);
    assert_int_equal(fah_gazetteer_resolve(gaz, an, FAH_ENT_COUNTRY, "Iraq", &other), k);
    k = fah_gazetteer_resolve(gaz, an, FAH_ENT_TOPIC, "ضبط الحدود", &other);
    assert_true(k >= 0);
    assert_string_equal(fah_gazetteer_entity(gaz, (size_t)k)->id, "border-control");
    assert_int_equal(fah_gazetteer_resolve(gaz, an, FAH_ENT_TOPIC, "لا موضوع بهذا الاسم", &other), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prefixes),       cmocka_unit_test(test_not_and_metonym),
        cmocka_unit_test(test_titled),         cmocka_unit_test(test_year),
        cmocka_unit_test(test_named_after),    cmocka_unit_test(test_dateline),
        cmocka_unit_test(test_leader_over_country), cmocka_unit_test(test_candidate),
        cmocka_unit_test(test_topic_rule),     cmocka_unit_test(test_resolve),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
