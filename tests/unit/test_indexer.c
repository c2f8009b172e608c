/* Unit tests of corpus reading: SGML records, plain text, dates, decoding,
 * file types, the id table, and the analyzer-version check on open. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/dbopen.h"
#include "../../common/exitcodes.h"
#include "../../common/schema.h"
#include "../../indexer/date.h"
#include "../../indexer/decode.h"
#include "../../indexer/filetype.h"
#include "../../indexer/ingest.h"
#include "../../indexer/idtable.h"
#include "../../indexer/plaintext.h"
#include "../../indexer/sgml.h"
#include "records.h"

static void test_sgml(void **state) {
    (void)state;
    const char *f =
        "<DOC>\n<DOCNO>AB-1</DOCNO>\n<URL>http://x/?a=1&b=2</URL>\n<SRC>src</SRC>\n"
        "<TITLE>عنوان &amp; آخر</TITLE>\n<TIME>Sun, 18 Feb 2018 12:26:59 GMT</TIME>\n"
        "<ABSTRACT>\nملخص\n</ABSTRACT>\n<TEXT>\n<P>فقرة أولى</P><P>فقرة 3 < 4 \x02</P>\n</TEXT>\n</DOC>\n"
        "<DOC>\n<DOCNO>AB-2</DOCNO>\n<HEADLINE>ثاني</HEADLINE>\n<BODY>نص</BODY>\n"
        "<doc>\n<DOCNO>AB-3</DOCNO>\n<TEXT>بدون نهاية";
    assert_true(fah_sgml_detect(f, strlen(f)));
    assert_false(fah_sgml_detect("Title: x\n\n<DOC>", 16));
    recs r = {0};
    size_t unterminated = 0;
    assert_int_equal(fah_sgml_parse(f, strlen(f), keep, &r, &unterminated), 0);
    assert_int_equal(r.n, 3);
    assert_int_equal(unterminated, 2);
    assert_string_equal(r.a[0].id, "AB-1");
    assert_string_equal(r.a[0].title, "عنوان & آخر");
    assert_string_equal(r.a[0].url, "http://x/?a=1&b=2");
    assert_string_equal(r.a[0].date_raw, "Sun, 18 Feb 2018 12:26:59 GMT");
    assert_string_equal(r.a[0].abstract, "ملخص");
    assert_string_equal(r.a[0].body, "فقرة أولى\nفقرة 3 < 4 \x02");
    assert_int_equal(r.a[0].line, 1);
    assert_string_equal(r.a[1].id, "AB-2");
    assert_string_equal(r.a[1].title, "ثاني");
    assert_string_equal(r.a[1].body, "نص");
    assert_int_equal(r.a[1].record, 2);
    assert_int_equal(r.a[1].line, 14);
    assert_string_equal(r.a[2].id, "AB-3");
    assert_string_equal(r.a[2].body, "بدون نهاية");
    for (int i = 0; i < r.n; i++) fah_article_clear(&r.a[i]);
    /* missing closing tags end at the next line that opens a tag */
    const char *g = "<DOC>\n<DOCNO>X-2\n<TITLE>عنوان\n<TIME>2018-01-02\n<TEXT>\nنص\n</TEXT>\n</DOC>\n";
    r.n = 0;
    assert_int_equal(fah_sgml_parse(g, strlen(g), keep, &r, &unterminated), 0);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.a[0].id, "X-2");
    assert_string_equal(r.a[0].title, "عنوان");
    assert_string_equal(r.a[0].date_raw, "2018-01-02");
    assert_string_equal(r.a[0].body, "نص");
    fah_article_clear(&r.a[0]);
    /* one-line fields fold white space */
    const char *hd = "<DOC><HEADER>رأس</HEADER><DATELINE>القاهرة</DATELINE><TEXT>x</TEXT></DOC>";
    r.n = 0;
    assert_int_equal(fah_sgml_parse(hd, strlen(hd), keep, &r, &unterminated), 0);
    assert_string_equal(r.a[0].title, "رأس");
    assert_string_equal(r.a[0].author, "القاهرة");
    fah_article_clear(&r.a[0]);
    const char *h = "<DOC><TITLE>  سطر\n  ثان </TITLE><TEXT>x</TEXT></DOC>";
    r.n = 0;
    assert_int_equal(fah_sgml_parse(h, strlen(h), keep, &r, &unterminated), 0);
    assert_string_equal(r.a[0].title, "سطر ثان");
    fah_article_clear(&r.a[0]);
}

static void test_plaintext(void **state) {
    (void)state;
    fah_article a;
    const char *h = "Title: عنوان المقال\nDate: 2022-03-14T09:30:00+03:00\nSource: s\nURL: u\n\nالنص.\n";
    assert_int_equal(fah_plaintext_parse(h, strlen(h), &a), 0);
    assert_string_equal(a.title, "عنوان المقال");
    assert_string_equal(a.date_raw, "2022-03-14T09:30:00+03:00");
    assert_string_equal(a.source, "s");
    assert_string_equal(a.body, "النص.");
    fah_article_clear(&a);
    const char *t = "عنوان قصير\n\nالنص الأول.\nالثاني.";
    assert_int_equal(fah_plaintext_parse(t, strlen(t), &a), 0);
    assert_string_equal(a.title, "عنوان قصير");
    assert_string_equal(a.body, "النص الأول.\nالثاني.");
    fah_article_clear(&a);
    /* a first line that ends a sentence is body, not title */
    const char *s = "إيلاف من لندن: أعلن الرئيس.\nثم.";
    assert_int_equal(fah_plaintext_parse(s, strlen(s), &a), 0);
    assert_null(a.title);
    assert_string_equal(a.body, s);
    fah_article_clear(&a);
    /* a single line is body */
    assert_int_equal(fah_plaintext_parse("سطر واحد", strlen("سطر واحد"), &a), 0);
    assert_null(a.title);
    fah_article_clear(&a);
}

static void date_is(const char *in, const char *iso, const char *key) {
    fah_date d;
    char b1[48], b2[24];
    if (fah_date_parse(in, &d) != 0) fail_msg("cannot parse %s", in);
    fah_date_iso(&d, b1);
    fah_date_key(&d, b2);
    assert_string_equal(b1, iso);
    assert_string_equal(b2, key);
}

static void test_dates(void **state) {
    (void)state;
    date_is("Sun, 18 Feb 2018 12:26:59 GMT", "2018-02-18T12:26:59+00:00", "20180218122659");
    date_is("Mon, 23 Jul 2018 00:36:02 +0400", "2018-07-23T00:36:02+04:00", "20180722203602");
    date_is("23 Jul 2018 00:36 -0130", "2018-07-23T00:36:00-01:30", "20180723020600");
    date_is("2022-03-14T09:30:00+03:00", "2022-03-14T09:30:00+03:00", "20220314063000");
    date_is("2015-07-21 10:05:00", "2015-07-21T10:05:00+00:00", "20150721100500");
    date_is("2018-02-18", "2018-02-18", "20180218000000");
    date_is("2018-02-18T12:00:00.123Z", "2018-02-18T12:00:00+00:00", "20180218120000");
    date_is("05/08/2015", "2015-08-05", "20150805000000");
    date_is("٢٠١٨-١٠-٠٥", "2018-10-05", "20181005000000");
    fah_date d;
    assert_int_equal(fah_date_parse("2018-02-30", &d), -1);
    assert_int_equal(fah_date_parse("yesterday", &d), -1);
    assert_int_equal(fah_date_parse("Sun, 18 Foo 2018", &d), -1);
    assert_int_equal(fah_date_parse("", &d), -1);
}

static void test_decode(void **state) {
    (void)state;
    fah_buf out = FAH_BUF_INIT;
    fah_decoded info;
    char msg[200];
    /* UTF-8 with BOM */
    assert_int_equal(fah_decode("\xef\xbb\xbf" "نص", 7, NULL, &out, &info, msg, sizeof msg), 0);
    assert_string_equal(out.data, "نص");
    assert_string_equal(info.encoding, "UTF-8");
    /* Windows-1256: "وزارة الصحة" */
    const char cp[] = "\xe6\xd2\xc7\xd1\xc9 \xc7\xe1\xd5\xcd\xc9";
    assert_int_equal(fah_decode(cp, strlen(cp), NULL, &out, &info, msg, sizeof msg), 0);
    assert_string_equal(out.data, "وزارة الصحة");
    assert_true(info.guessed);
    assert_int_equal(info.invalid_at, 0);
    /* UTF-16LE with BOM: "نص" */
    const char u16[] = "\xff\xfe\x46\x06\x35\x06";
    assert_int_equal(fah_decode(u16, 6, NULL, &out, &info, msg, sizeof msg), 0);
    assert_string_equal(out.data, "نص");
    /* forced encoding, and an unknown one */
    assert_int_equal(fah_decode(cp, strlen(cp), "windows-1256", &out, &info, msg, sizeof msg), 0);
    assert_string_equal(out.data, "وزارة الصحة");
    assert_int_equal(fah_decode(cp, strlen(cp), "no-such-charset", &out, &info, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "no-such-charset"));
    /* UTF-8 with one damaged byte stays UTF-8 */
    char damaged[400] = "";
    for (int i = 0; i < 30; i++) strcat(damaged, "نص ");
    size_t dl = strlen(damaged);
    damaged[10] = '\xff';
    assert_int_equal(fah_decode(damaged, dl, NULL, &out, &info, msg, sizeof msg), 0);
    assert_string_equal(info.encoding, "UTF-8");
    assert_true(info.guessed);
    assert_int_equal(info.invalid_at, 10);
    /* CRLF and lone CR become LF */
    assert_int_equal(fah_decode("a\r\nb\rc", 6, NULL, &out, &info, msg, sizeof msg), 0);
    assert_string_equal(out.data, "a\nb\nc");
    assert_int_equal(fah_check_encoding("windows-1256"), 0);
    /* a file listed, then removed before it is read */
    int gz;
    char rmsg[200];
    assert_int_equal(fah_read_file("/nonexistent/fahras/vanished.txt", &out, &gz, rmsg, sizeof rmsg),
                     FAH_READ_VANISHED);
    assert_non_null(strstr(rmsg, "vanished"));
    assert_int_equal(fah_check_encoding("no-such-charset"), -1);
    fah_buf_free(&out);
    assert_non_null(fah_binary_reason("%PDF-1.4", 8));
    char nuls[1000];
    memset(nuls, 'a', sizeof nuls);
    for (int i = 0; i < 1000; i += 50) nuls[i] = '\0';
    assert_non_null(fah_binary_reason(nuls, sizeof nuls));
    assert_null(fah_binary_reason("text with one trailing NUL\0", 27)); /* the cp1256 corpus */
    assert_null(fah_binary_reason("\xff\xfe\x46\x00", 4));
    assert_null(fah_binary_reason("نص", strlen("نص")));
}

static void test_filetype(void **state) {
    (void)state;
    assert_non_null(fah_skip_by_name("README.md"));
    assert_non_null(fah_skip_by_name("x/archive.tar.gz"));
    assert_null(fah_skip_by_name("a/b.txt"));
    assert_null(fah_skip_by_name("a/b.txt.gz"));
    assert_int_equal(fah_detect_format("  <DOC>\n", 8), FAH_FMT_SGML);
    assert_int_equal(fah_detect_format("[{\"a\":1}]", 9), FAH_FMT_JSON);
    assert_int_equal(fah_detect_format("{\"a\":1}\n{\"a\":2}", 15), FAH_FMT_JSON);
    const char *rss = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel></channel></rss>";
    assert_int_equal(fah_detect_format(rss, strlen(rss)), FAH_FMT_FEED);
    const char *html = "<!DOCTYPE html><html><body>x</body></html>";
    assert_int_equal(fah_detect_format(html, strlen(html)), FAH_FMT_HTML);
    assert_int_equal(fah_detect_format("نص", strlen("نص")), FAH_FMT_TEXT);
    fah_format f;
    assert_int_equal(fah_format_parse("jsonl", &f), 0);
    assert_int_equal(f, FAH_FMT_JSON);
    assert_int_equal(fah_format_parse("pdf", &f), -1);
}

static void test_idtable(void **state) {
    (void)state;
    fah_idtable *t;
    size_t prev;
    assert_int_equal(fah_idtable_new(&t), 0);
    char id[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(id, sizeof id, "ID-%d", i);
        assert_int_equal(fah_idtable_add(t, id, (size_t)i, (uint64_t)i, &prev), FAH_ID_NEW);
    }
    assert_int_equal(fah_idtable_add(t, "ID-7", 9000, 7, &prev), FAH_ID_SAME_CONTENT);
    assert_int_equal(prev, 7);
    assert_int_equal(fah_idtable_add(t, "ID-7", 9000, 8, &prev), FAH_ID_CONFLICT);
    assert_int_equal(fah_idtable_add(t, "ID-7", 7, 8, &prev), FAH_ID_SAME_FILE);
    fah_idtable_delete(t);
}

static void test_id_term(void **state) {
    (void)state;
    char buf[400], longid[300];
    assert_int_equal(fah_id_term("AB-1", buf, sizeof buf), 5);
    assert_string_equal(buf, "QAB-1");
    memset(longid, 'x', 299);
    longid[299] = '\0';
    size_t n = fah_id_term(longid, buf, sizeof buf);
    assert_int_equal(n, 34);
    assert_memory_equal(buf, "Q#", 2);
    longid[0] = 'y';
    char buf2[400];
    fah_id_term(longid, buf2, sizeof buf2);
    assert_string_not_equal(buf, buf2);
}

static void test_version_check(void **state) {
    (void)state;
    char dir[] = "/tmp/fahras-test-ver-XXXXXX";
    assert_non_null(mkdtemp(dir));
    fx_db *w;
    fx_error e;
    assert_int_equal(fx_db_open_writable(dir, 1, &w, &e), FX_OK);
    fx_doc *d;
    fx_doc_new(&d, &e);
    fx_doc_add_term(d, "x", 1, 1, &e);
    fx_db_replace_by_term(w, "Qx", 2, d, NULL, &e);
    fx_doc_free(d);
    fx_db_set_metadata(w, FAH_META_ANALYZER, "0", 1, &e);
    fx_db_set_metadata(w, FAH_META_STEMMER, "light", 5, &e);
    assert_int_equal(fx_db_commit(w, &e), FX_OK);
    fx_db_close(w);
    fx_db *r = NULL;
    fah_stem_kind k;
    assert_int_equal(fah_open_for_reading(dir, &r, &k), FAH_EXIT_VERSION);
    assert_null(r);
    assert_int_equal(fx_db_open_writable(dir, 1, &w, &e), FX_OK);
    fx_db_set_metadata(w, FAH_META_ANALYZER, FAH_ANALYZER_VERSION, strlen(FAH_ANALYZER_VERSION), &e);
    fx_db_set_metadata(w, FAH_META_STEMMER, "snowball", 8, &e);
    fx_db_commit(w, &e);
    fx_db_close(w);
    assert_int_equal(fah_open_for_reading(dir, &r, &k), 0);
    assert_int_equal(k, FAH_STEM_SNOWBALL);
    fx_db_close(r);
    assert_int_equal(fah_open_for_reading("/nonexistent/fahras-db", &r, &k), FAH_EXIT_DB);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sgml),      cmocka_unit_test(test_plaintext),
        cmocka_unit_test(test_dates),     cmocka_unit_test(test_decode),
        cmocka_unit_test(test_filetype),  cmocka_unit_test(test_idtable),
        cmocka_unit_test(test_id_term),   cmocka_unit_test(test_version_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
