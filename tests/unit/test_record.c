/* Unit tests of the stored-data record (common/record.h): fields round-trip
 * (absent ones stay absent, embedded NUL bytes kept), truncated data is
 * refused, legacy JSON data still reads, and JSON re-encodes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../common/record.h"

static void test_round_trip(void **state) {
    (void)state;
    fah_buf b = FAH_BUF_INIT;
    const char body[] = "نص الخبر\0بعد صفر";
    assert_int_equal(fah_record_begin(&b), 0);
    assert_int_equal(fah_record_put(&b, FAH_F_ID, "FAH-1", 5), 0);
    assert_int_equal(fah_record_put(&b, FAH_F_TITLE, "عنوان", strlen("عنوان")), 0);
    assert_int_equal(fah_record_put(&b, FAH_F_URL, NULL, 0), 0); /* absent */
    assert_int_equal(fah_record_put(&b, FAH_F_BODY, body, sizeof body - 1), 0);
    fah_record r;
    assert_int_equal(fah_record_parse(b.data, b.len, &r), 0);
    assert_int_equal(r.len[FAH_F_ID], 5);
    assert_memory_equal(r.v[FAH_F_ID], "FAH-1", 5);
    assert_null(r.v[FAH_F_URL]);
    assert_int_equal(r.len[FAH_F_BODY], sizeof body - 1);
    assert_memory_equal(r.v[FAH_F_BODY], body, sizeof body - 1);
    json_t *o = fah_record_json(b.data, b.len);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "title")), "عنوان");
    assert_true(json_is_null(json_object_get(o, "url")));
    assert_int_equal(json_string_length(json_object_get(o, "body")), sizeof body - 1);
    /* JSON back to a record: the same bytes */
    fah_buf b2 = FAH_BUF_INIT;
    assert_int_equal(fah_record_from_json(o, &b2), 0);
    assert_int_equal(b2.len, b.len);
    assert_memory_equal(b2.data, b.data, b.len);
    /* every truncation is refused, never read past the end */
    for (size_t n = 2; n < b.len; n++)
        if (fah_record_parse(b.data, n, &r) == 0) assert_true(n == 2 || b.data[n] < FAH_F_END);
    json_decref(o);
    fah_buf_free(&b);
    fah_buf_free(&b2);
}

static void test_legacy_json(void **state) {
    (void)state;
    const char *js = "{\"id\":\"X\",\"title\":\"قديم\",\"url\":null,\"path\":\"a/b.txt\",\"body\":\"نص\"}";
    fah_record r;
    assert_int_equal(fah_record_parse(js, strlen(js), &r), -1);
    json_t *o = fah_record_json(js, strlen(js));
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "path")), "a/b.txt");
    json_decref(o);
    assert_null(fah_record_json("neither", 7));
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_round_trip), cmocka_unit_test(test_legacy_json)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
