/* Unit tests of the JSON, HTML and feed readers, legacy-encoding detection
 * and Arabic/Hijri dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../indexer/date.h"
#include "../../indexer/decode.h"
#include "../../indexer/html.h"
#include "../../indexer/json.h"
#include "records.h"

static void test_json_array(void **state) {
    (void)state;
    const char *j = "[\n {\"source\": \"okaz\", \"url\": \"http://x\", \"date_extracted\": \"2015-07-21 02:51:32\",\n"
                    "  \"title\": \"عنوان &amp; آخر\", \"author\": \"كاتب\", \"content\": \"نص <p>فقرة</p>\"},\n"
                    " {\"id\": 42, \"headline\": \"ثان\", \"text\": \"نص ثان\"},\n"
                    " {\"title\": \"\", \"content\": \"\"}\n]";
    recs r = {0};
    fah_json_error e;
    assert_true(fah_json_multi(j, strlen(j)));
    assert_int_equal(fah_json_parse(j, strlen(j), keep, &r, &e), 0);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.a[0].title, "عنوان & آخر");
    assert_string_equal(r.a[0].source, "okaz");
    assert_string_equal(r.a[0].date_raw, "2015-07-21 02:51:32");
    assert_string_equal(r.a[0].author, "كاتب");
    assert_string_equal(r.a[0].body, "نص\nفقرة");
    assert_int_equal(r.a[0].line, 2);
    assert_string_equal(r.a[1].id, "42");
    assert_string_equal(r.a[1].title, "ثان");
    assert_null(r.a[2].title);
    assert_null(r.a[2].body);
    assert_int_equal(r.a[2].record, 3);
    clear_recs(&r);
}

static void test_json_lines_and_errors(void **state) {
    (void)state;
    const char *l = "{\"title\": \"أ\", \"content\": \"1\"}\n\n{\"title\": \"ب\", \"content\": \"2\"}\n"
                    "{\"title\": \"ج\", \"content\": broken}\n{\"title\": \"د\"}\n";
    recs r = {0};
    fah_json_error e;
    assert_int_equal(fah_json_parse(l, strlen(l), keep, &r, &e), 1);
    assert_int_equal(r.n, 3); /* the bad line is skipped, the others kept */
    assert_int_equal(e.bad_lines, 1);
    assert_int_equal(e.line, 4);
    assert_int_equal(e.record, 2);
    assert_string_equal(r.a[2].title, "د");
    clear_recs(&r);
    const char *cut = "[{\"title\": \"أ\"}, {\"title\": \"ب\"";
    assert_int_equal(fah_json_parse(cut, strlen(cut), keep, &r, &e), 1);
    assert_int_equal(r.n, 1);
    clear_recs(&r);
    const char *one = "{\n  \"title\": \"مقال واحد\",\n  \"body\": \"نص\"\n}\n";
    assert_false(fah_json_multi(one, strlen(one)) && 0);
    assert_int_equal(fah_json_parse(one, strlen(one), keep, &r, &e), 0);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.a[0].title, "مقال واحد");
    clear_recs(&r);
}

static void test_json_shapes(void **state) {
    (void)state;
    recs r = {0};
    fah_json_error e;
    const char *api = "{\"status\": \"ok\", \"articles\": [{\"title\": \"أ\", \"content\": \"نص\", "
                      "\"source\": {\"name\": \"وكالة\"}}, {\"title\": \"ب\"}]}";
    assert_int_equal(fah_json_parse(api, strlen(api), keep, &r, &e), 0);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.a[0].source, "وكالة");
    clear_recs(&r);
    const char *arr = "{\"title\": \"ج\", \"body\": [\"الفقرة الأولى\", \"الفقرة الثانية\"], "
                      "\"author\": [\"علي حسن\", \"منى سعيد\"]}";
    assert_int_equal(fah_json_parse(arr, strlen(arr), keep, &r, &e), 0);
    assert_string_equal(r.a[0].body, "الفقرة الأولى\nالفقرة الثانية");
    assert_string_equal(r.a[0].author, "علي حسن, منى سعيد");
    clear_recs(&r);
}

static void test_html_page(void **state) {
    (void)state;
    const char *page =
        "<!DOCTYPE html><html><head><title>عنوان الصفحة | الموقع</title>"
        "<meta property='og:title' content='حريق في مصفاة النفط'>"
        "<meta property='article:published_time' content='2018-05-02T10:00:00+03:00'>"
        "<meta property='og:site_name' content='جريدة'><script>var a = 'نص مخفي';</script></head>"
        "<body><div class='top-menu'><a>الرئيسية</a> <a>رياضة</a></div>"
        "<div class='cookie-notice'>نستخدم الكوكيز</div>"
        "<article><h1>حريق في مصفاة النفط</h1><p>اندلع حريق كبير.</p><p>وتمت السيطرة عليه.</p>"
        "<p><strong>اقرأ أيضا:</strong></p><ul><li>خبر قديم</li></ul>"
        "<div class='social-share'>شارك</div></article>"
        "<footer>حقوق النشر</footer></body></html>";
    fah_article a;
    assert_true(fah_html_detect(page, strlen(page)));
    assert_int_equal(fah_html_parse(page, strlen(page), &a), 0);
    assert_string_equal(a.title, "حريق في مصفاة النفط");
    assert_string_equal(a.date_raw, "2018-05-02T10:00:00+03:00");
    assert_string_equal(a.source, "جريدة");
    assert_string_equal(a.body, "اندلع حريق كبير.\nوتمت السيطرة عليه.");
    fah_article_clear(&a);
    /* JSON-LD fills what meta tags do not give; the article with the most
     * text wins over teaser cards */
    const char *ld = "<html><head><script type='application/ld+json'>{\"@context\": \"https://schema.org\", "
                     "\"@type\": \"NewsArticle\", \"headline\": \"عنوان من البيانات\", "
                     "\"datePublished\": \"2019-02-11T10:20:00+02:00\", \"author\": {\"name\": \"هبة\"}, "
                     "\"publisher\": {\"name\": \"الصحيفة\"}}</script></head><body>"
                     "<article class='card'><p>عاجل قصير</p></article>"
                     "<article><p>النص الكامل للمقال وهو أطول من البطاقة بكثير جدا.</p></article>"
                     "<article class='card'><p>بطاقة</p></article></body></html>";
    assert_int_equal(fah_html_parse(ld, strlen(ld), &a), 0);
    assert_string_equal(a.title, "عنوان من البيانات");
    assert_string_equal(a.date_raw, "2019-02-11T10:20:00+02:00");
    assert_string_equal(a.author, "هبة");
    assert_string_equal(a.source, "الصحيفة");
    assert_string_equal(a.body, "النص الكامل للمقال وهو أطول من البطاقة بكثير جدا.");
    fah_article_clear(&a);
    /* no meta, no article: <h1> and <body>, <time datetime> */
    const char *bare = "<html><body><h1>عنوان</h1><time datetime='2019-01-02'>2 يناير</time><p>نص</p></body></html>";
    assert_int_equal(fah_html_parse(bare, strlen(bare), &a), 0);
    assert_string_equal(a.title, "عنوان");
    assert_string_equal(a.date_raw, "2019-01-02");
    fah_article_clear(&a);
}

static void test_feeds(void **state) {
    (void)state;
    const char *rss =
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0' "
        "xmlns:dc='http://purl.org/dc/elements/1.1/'><channel><title>وكالة</title>"
        "<item><title>خبر أول</title><link>http://a/1</link><guid>g1</guid>"
        "<pubDate>Sun, 18 Feb 2018 12:26:59 GMT</pubDate><dc:creator>محرر</dc:creator>"
        "<description>&lt;p&gt;نص &lt;b&gt;الخبر&lt;/b&gt;&lt;/p&gt;</description></item>"
        "<item><title>خبر ثان</title><description>نص ثان</description></item></channel></rss>";
    recs r = {0};
    char msg[200];
    assert_true(fah_feed_detect(rss, strlen(rss)));
    assert_int_equal(fah_feed_parse(rss, strlen(rss), keep, &r, msg, sizeof msg), 0);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.a[0].title, "خبر أول");
    assert_string_equal(r.a[0].body, "نص الخبر");
    assert_string_equal(r.a[0].url, "http://a/1");
    assert_string_equal(r.a[0].id, "g1");
    assert_string_equal(r.a[0].source, "وكالة");
    assert_string_equal(r.a[0].author, "محرر");
    assert_string_equal(r.a[0].date_raw, "Sun, 18 Feb 2018 12:26:59 GMT");
    clear_recs(&r);
    const char *atom =
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>موقع</title>"
        "<entry><title>مدخل</title><link href='http://b/1'/><id>urn:1</id>"
        "<published>2018-03-01T08:00:00Z</published><content type='html'>&lt;p&gt;محتوى&lt;/p&gt;</content>"
        "<author><name>كاتبة</name></author></entry></feed>";
    assert_int_equal(fah_feed_parse(atom, strlen(atom), keep, &r, msg, sizeof msg), 0);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.a[0].url, "http://b/1");
    assert_string_equal(r.a[0].body, "محتوى");
    assert_string_equal(r.a[0].author, "كاتبة");
    assert_string_equal(r.a[0].date_raw, "2018-03-01T08:00:00Z");
    clear_recs(&r);
    /* a raw & does not stop entity decoding; a broken item costs only itself */
    const char *amp = "<rss><channel><title>ق</title><item><title>الحكومة & المعارضة</title>"
                      "<link>https://x/?a=1&b=2</link><description>&lt;p&gt;نص&lt;/p&gt;</description></item>"
                      "<item><title>مكسور</title><description>نص <b>غامق</description></item>"
                      "<item><title>ثالث</title><description>سليم</description></item></channel></rss>";
    assert_int_equal(fah_feed_parse(amp, strlen(amp), keep, &r, msg, sizeof msg), 0);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.a[0].title, "الحكومة & المعارضة");
    assert_string_equal(r.a[0].url, "https://x/?a=1&b=2");
    assert_string_equal(r.a[0].body, "نص");
    assert_string_equal(r.a[2].title, "ثالث");
    assert_non_null(strstr(msg, "not well-formed"));
    clear_recs(&r);
}

static void test_legacy_encodings(void **state) {
    (void)state;
    fah_buf out = FAH_BUF_INIT;
    fah_decoded info;
    char msg[200];
    /* "وزارة الصحة" in ISO-8859-6 and in Windows-1256 */
    const char iso[] = "\xe8\xd2\xc7\xd1\xc9 \xc7\xe4\xd5\xcd\xc9";
    assert_int_equal(fah_decode(iso, strlen(iso), NULL, &out, &info, msg, sizeof msg), 0);
    assert_string_equal(info.encoding, "ISO-8859-6");
    assert_string_equal(out.data, "وزارة الصحة");
    const char cp[] = "\xe6\xd2\xc7\xd1\xc9 \xc7\xe1\xd5\xcd\xc9";
    assert_int_equal(fah_decode(cp, strlen(cp), NULL, &out, &info, msg, sizeof msg), 0);
    assert_string_equal(info.encoding, "windows-1256");
    assert_string_equal(out.data, "وزارة الصحة");
    assert_non_null(strstr(info.note, "windows-1256"));
    /* Windows-1256 Arabic with French words (Maghreb archives) */
    const char fr[] = "\xe6\xd2\xc7\xd1\xc9 \xc7\xe1\xd5\xcd\xc9 a d\xe9" "clar\xe9 \xe0 la presse \xe9t\xe9 "
                      "\xc7\xe1\xcc\xe1\xd3\xc9";
    assert_int_equal(fah_decode(fr, strlen(fr), NULL, &out, &info, msg, sizeof msg), 0);
    assert_string_equal(info.encoding, "windows-1256");
    assert_non_null(strstr(out.data, "déclaré"));
    /* UTF-16LE without a BOM */
    const char u16[] = "\x48\x06\x32\x06\x27\x06\x31\x06\x29\x06\x20\x00";
    assert_int_equal(fah_utf16_guess(u16, 12), 'L');
    assert_int_equal(fah_decode(u16, 12, NULL, &out, &info, msg, sizeof msg), 0);
    assert_string_equal(out.data, "وزارة ");
    assert_null(fah_binary_reason(u16, 12));
    fah_buf_free(&out);
}

static void date_is(const char *in, const char *iso) {
    fah_date d;
    char b[48];
    if (fah_date_parse(in, &d) != 0) fail_msg("cannot parse %s", in);
    fah_date_iso(&d, b);
    if (strcmp(b, iso) != 0) fail_msg("%s -> %s, want %s", in, b, iso);
}

static void test_arabic_dates(void **state) {
    (void)state;
    date_is("15 أيلول/سبتمبر 2018", "2018-09-15");
    date_is("الاثنين 23 تموز 2018 10:30", "2018-07-23T10:30:00+00:00");
    date_is("٥ تشرين الأول ٢٠١٨", "2018-10-05");
    date_is("3 جانفي 2019", "2019-01-03");
    date_is("12 كانون الثاني 2020", "2020-01-12");
    date_is("1 مايو 2016", "2016-05-01");
    /* Hijri (Umm al-Qura): 15 Ramadan 1436 = 2 July 2015; 1 Muharram 1440 = 11 Sep 2018 */
    date_is("15 رمضان 1436 هـ", "2015-07-02");
    date_is("1 محرم 1440", "2018-09-11");
    date_is("2 ذو الحجة 1439 هـ", "2018-08-13");
    date_is("1 محرم 1440هـ", "2018-09-11");                      /* هـ glued to the year */
    date_is("5 أكتوبر 2018 - 10:30 م", "2018-10-05T22:30:00+00:00"); /* م: afternoon */
    date_is("5 أكتوبر 2018 10:30 صباحاً", "2018-10-05T10:30:00+00:00");
    date_is("18 Feb 2018 12:26:59 EST", "2018-02-18T12:26:59-05:00");
    date_is("2018/10/05", "2018-10-05");
    date_is("5-10-2018", "2018-10-05");
    date_is("05.10.2018", "2018-10-05");
    fah_date d;
    assert_int_equal(fah_date_parse("15 رمضان", &d), -1);   /* no year */
    assert_int_equal(fah_date_parse("أمس", &d), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_array),     cmocka_unit_test(test_json_lines_and_errors),
        cmocka_unit_test(test_json_shapes),
        cmocka_unit_test(test_html_page),      cmocka_unit_test(test_feeds),
        cmocka_unit_test(test_legacy_encodings), cmocka_unit_test(test_arabic_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
