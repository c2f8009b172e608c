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
    stem_is(s, "المعلمات", "معلمه");  /* معلمة is in keep_teh: plural -ات -> -ه */
    stem_is(s, "المعلمه", "معلمه");
    stem_is(s, "المعلمين", "معلم");
    stem_is(s, "الحديدة", "حديده");   /* Hodeidah is not iron */
    stem_is(s, "الحديد", "حديد");
    stem_is(s, "وقال", "قال");         /* conjunction و removed */
    stem_is(s, "فقال", "قال");
    stem_is(s, "وزارة", "وزار");       /* الوزارة exists: و is part of the stem */
    stem_is(s, "وزار", "وزار");        /* and the stem is a fixpoint */
    stem_is(s, "لبنان", "لبن");        /* ل kept (بنان is rare); ان is a suffix to light10 */
    stem_is(s, "فاطفالهم", "اطفال");   /* ف and the pronoun هم */
    stem_is(s, "تفاهم", "تفاهم");      /* تفا is no word: هم is not a pronoun here */
    stem_is(s, "اتفاقا", "اتفاق");     /* accusative alef */
    stem_is(s, "ايضا", "ايضا");        /* not in strip_alef: the alef stays */
    stem_is(s, "الي", "الي");          /* إلى and إلا stay apart */
    stem_is(s, "الا", "الا");
    stem_is(s, "شيء", "شيء");          /* شيء and شي stay apart */
    stem_is(s, "شي", "شي");
    stem_is(s, "والالتزام", "تزام");   /* rounds repeat until nothing changes */
    stem_is(s, "تزام", "تزام");
    stem_is(s, "المسلمون", "مسلم");
    stem_is(s, "اللاجءين", "لاجء");
    stem_is(s, "فهم", "فهم");      /* no bare ف stripping: فهم stays */
    stem_is(s, "كتاب", "كتاب");    /* no bare ك stripping */
    stem_is(s, "وزير", "وزير");    /* و kept when fewer than 4 letters would remain */
    stem_is(s, "واحد", "واحد");
    stem_is(s, "بطاطس", "بطاطس");
    stem_is(s, "كتابها", "كتاب");
    stem_is(s, "الحج", "الحج");    /* at least 3 letters must remain (light10: 2) */
    stem_is(s, "الحجاج", "حجاج");
    stem_is(s, "الله", "الل");     /* not له */
    stem_is(s, "الولايات", "ولاي"); /* not ولا */
    stem_is(s, "ولاية", "ولاي");
    stem_is(s, "يتمكن", "يتمكن");  /* كن is no pronoun here; not يتم */
    stem_is(s, "مدينة", "مدين");   /* مدة, مدى stay apart */
    stem_is(s, "مدة", "مده");
    stem_is(s, "تركيا", "تركيا");  /* not ترك */
    stem_is(s, "الم", "الم");
    /* leaders' names (names.h) keep their letters; their proclitics go */
    stem_is(s, "ماكرون", "ماكرون"); /* not ماكر (cunning) */
    stem_is(s, "لماكرون", "ماكرون");
    stem_is(s, "السيسي", "سيسي");
    stem_is(s, "والسيسي", "سيسي");
    stem_is(s, "سيسيه", "سيس");     /* Cissé is another word now */
    stem_is(s, "سلمان", "سلمان");   /* not سلم (peace) */
    stem_is(s, "بوتين", "بوتين");   /* its ب is no proclitic */
    stem_is(s, "ولماكرون", "ماكرون"); /* two proclitics: the name before the suffix rules */
    stem_is(s, "وللسيسي", "سيسي");
    stem_is(s, "وبالسيسي", "سيسي");
    stem_is(s, "ولبوتين", "بوتين");
    /* as analyzer versions before 9 did (searching their databases) */
    fah_stemmer *old;
    assert_int_equal(fah_stemmer_new(&old), 0);
    fah_stemmer_keep_names(old, 0);
    stem_is(old, "ماكرون", "ماكر");
    stem_is(old, "والسيسي", "سيس");
    stem_is(old, "الكتاب", "كتاب");
    fah_stemmer_delete(old);
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
    const char *want[] = {"قال", "الوزير", "في", "مؤتمر", "صحفي", "ان", "الازمه", "انتهت", "نعم", "3.14", "و", "1,000"};
    assert_int_equal(k.n, 12);
    for (int i = 0; i < 12; i++) {
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
    assert_int_equal(k.pos[11], 12);
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

/* Words of `text` after display clean-up and tokenization: "norm|norm|..." */
static void words_are(fah_analyzer *a, const char *text, const char *want) {
    fah_buf clean = FAH_BUF_INIT, out = FAH_BUF_INIT;
    assert_int_equal(fah_analyzer_display(a, text, strlen(text), &clean), 0);
    toks k = {0};
    assert_int_equal(fah_analyzer_tokenize(a, clean.data ? clean.data : "", clean.len, 1, collect, &k), 0);
    for (int i = 0; i < k.n; i++) {
        if (i) fah_buf_putc(&out, '|');
        fah_buf_puts(&out, k.norm[i]);
    }
    fah_buf_reserve(&out, 0);
    if (strcmp(out.data, want) != 0) fail_msg("words(%s) = %s, want %s", text, out.data, want);
    fah_buf_free(&clean);
    fah_buf_free(&out);
}

/* Every row of the Unicode pitfall table (shared/anchors/REFERENCE.md
 * section 3) with its decided behaviour; the row number is in the comment. */
static void test_pitfalls(void **state) {
    (void)state;
    fah_analyzer *a;
    assert_int_equal(fah_analyzer_new(FAH_STEM_LIGHT, &a, NULL, 0), 0);
    /* 1 tashkeel removed, in either mark order (NFC reorders shadda+fatha) */
    words_are(a, "الشَّعب الشَّعب", "الشعب|الشعب");
    words_are(a, "\xd8\xb4\xd9\x91\xd9\x8e\xd8\xb9\xd8\xa8", "شعب"); /* ش shadda fatha ع ب */
    /* 2 superscript alef removed */
    words_are(a, "الرحمٰن هٰذا", "الرحمن|هذا");
    /* 3 tatweel removed, also the presentation forms carrying it */
    words_are(a, "جديــــدة \xef\xb9\xb7", "جديده");
    /* 4 other marks removed; decomposed madda/hamza compose first */
    words_are(a, "كتاب\xd9\x93 \xd8\xa7\xd9\x93\xd9\x85\xd9\x86 محمد\xd8\x90", "كتاب|امن|محمد");
    /* 5 hamza seats on alef */
    words_are(a, "أحمد إسلام آمن", "احمد|اسلام|امن");
    /* 5b alef wasla and wavy/high-hamza alefs */
    words_are(a, "ٱلرحمن \xd9\xb2\xd9\x84\xd9\x81 \xd9\xb5\xd9\x84\xd9\x81", "الرحمن|الف|الف");
    /* 5c hamza on waw/yeh (decision: both to ء), bare hamza kept */
    words_are(a, "مسؤول مسئول سماء", "مسءول|مسءول|سماء");
    /* 6 alef maqsura to yeh */
    words_are(a, "على مستشفى", "علي|مستشفي");
    /* 6b Farsi yeh, yeh barree */
    words_are(a, "فارسی \xd8\xb9\xdb\x92", "فارسي|عي");
    /* 7 teh marbuta to heh */
    words_are(a, "مدرسة مدرسه", "مدرسه|مدرسه");
    /* 7b heh/teh variants */
    words_are(a, "زادہ ھذا \xd8\xb2\xd8\xa7\xd8\xaf\xdb\x80 \xd8\xb2\xd8\xa7\xd8\xaf\xdb\x83 \xd8\xb2\xd8\xa7\xd8\xaf\xdb\x95", "زاده|هذا|زاده|زاده|زاده");
    /* 8 keheh to kaf; پ چ ژ گ kept (distinct letters of foreign names) */
    words_are(a, "کتاب گوگل", "كتاب|گوگل");
    /* 9, 9b Arabic-Indic and Persian digits to ASCII */
    words_are(a, "٢٠٢٤ ۲۰۲۴", "2024|2024");
    /* 9c number punctuation: decimal ٫ -> '.', thousands ٬ and ، -> ',';
     * ٪ separates */
    words_are(a, "٣٫١٤ ١٬٠٠٠ ١،٥ ٥٠٪", "3.14|1,000|1,5|50");
    /* 10 presentation forms-B, lam-alef, isolated harakat without a space */
    words_are(a, "ﺍﻟﻌﺮﺑﻴﺔ ﻻ ولد\xef\xb9\xb0", "العربيه|لا|ولد");
    /* 10b forms-A: ﷲ, ﷺ expands to its four words (decision), ﷽ kept
     * as a symbol (no word) */
    words_are(a, "ﷲ ﷺ ﷽", "الله|صلي|الله|عليه|وسلم");
    /* 11 ZWNJ and ZWJ removed: the word is joined (decision) */
    words_are(a, "كتاب\xe2\x80\x8cها كتاب\xe2\x80\x8dها", "كتابها|كتابها");
    /* 11b ZWSP, word joiner, BOM removed: joined */
    words_are(a, "كتاب\xe2\x80\x8bها كتاب\xe2\x81\xa0ها كتاب\xef\xbb\xbfها", "كتابها|كتابها|كتابها");
    /* 12 LRM, RLM, ALM removed */
    words_are(a, "كل\xe2\x80\x8eمة كلمة\xe2\x80\x8f \xd8\x9cكلمة", "كلمه|كلمه|كلمه");
    /* 12b bidi embeddings, overrides, isolates removed */
    words_are(a, "\xe2\x80\xabكلمة\xe2\x80\xac \xe2\x81\xa7كلمة\xe2\x81\xa9", "كلمه|كلمه");
    /* 12c soft hyphen removed */
    words_are(a, "كل\xc2\xadمة", "كلمه");
    /* 12d no-break spaces separate (U+202F no longer joins) */
    words_are(a, "كلمة\xc2\xa0أخرى كلمة\xe2\x80\xafأخرى", "كلمه|اخري|كلمه|اخري");
    /* 13 Quranic marks removed; a mark alone is no word */
    words_are(a, "قال\xdb\x9a ربك \xdb\x9b ۝١", "قال|ربك|1");
    /* 14 Arabic punctuation separates */
    words_are(a, "قال، ثم؛ لماذا؟ «نعم» ۔ انتهى", "قال|ثم|لماذا|نعم|انتهي");
    /* 15 mixed script: split where Arabic meets Latin or digits (decision) */
    words_are(a, "iPhoneالجديد كوفيد١٩ ٢٠٢٠م covid19", "iphone|الجديد|كوفيد|19|2020|م|covid19");
    fah_analyzer_delete(a);
}

static void test_compound_names(void **state) {
    (void)state;
    fah_analyzer *a;
    assert_int_equal(fah_analyzer_new(FAH_STEM_LIGHT, &a, NULL, 0), 0);
    const char *text = "الملك عبد الله وأبو ظبي";
    toks k = {0};
    assert_int_equal(fah_analyzer_tokenize(a, text, strlen(text), 1, collect, &k), 0);
    /* الملك, عبد, الله, عبدالله (colocated at عبد's position), وابو, ظبي,
     * ابوظبي (the proclitic و is not part of the joined name) */
    assert_int_equal(k.n, 7);
    assert_string_equal(k.norm[6], "ابوظبي");
    assert_int_equal(k.pos[6], k.pos[4]);
    assert_string_equal(k.norm[3], "عبدالله");
    assert_int_equal(k.pos[3], k.pos[1]);
    assert_int_equal(k.start[3], k.start[1]);
    assert_int_equal(k.end[3], k.end[2]);
    fah_analyzer_delete(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize), cmocka_unit_test(test_light_stem),
        cmocka_unit_test(test_display),   cmocka_unit_test(test_tokenize),
        cmocka_unit_test(test_stem_kinds), cmocka_unit_test(test_pitfalls),
        cmocka_unit_test(test_compound_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
