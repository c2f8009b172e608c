#include "record.h"

#include <string.h>

static const char *const keys[FAH_F_END] = {
    NULL, "id", "title", "date", "source", "url", "author", "category", "path", "abstract", "body"};

const char *fah_field_key(fah_field f) { return f > 0 && f < FAH_F_END ? keys[f] : NULL; }

int fah_record_begin(fah_buf *b) {
    fah_buf_reset(b);
    return fah_buf_append(b, "\0\1", 2);
}

int fah_record_put(fah_buf *b, fah_field f, const char *s, size_t len) {
    if (!s) return 0;
    unsigned char h[5] = {(unsigned char)f, (unsigned char)len, (unsigned char)(len >> 8),
                          (unsigned char)(len >> 16), (unsigned char)(len >> 24)};
    if (len > 0xffffffffu) return -1;
    return fah_buf_append(b, (const char *)h, 5) || fah_buf_append(b, s, len) ? -1 : 0;
}

int fah_record_parse(const char *data, size_t len, fah_record *r) {
    memset(r, 0, sizeof *r);
    if (len < 2 || data[0] != 0 || data[1] != 1) return -1;
    size_t i = 2;
    while (i < len) {
        if (len - i < 5) return -1;
        const unsigned char *h = (const unsigned char *)data + i;
        size_t n = (size_t)h[1] | (size_t)h[2] << 8 | (size_t)h[3] << 16 | (size_t)h[4] << 24;
        i += 5;
        if (n > len - i) return -1;
        if (h[0] > 0 && h[0] < FAH_F_END) {
            r->v[h[0]] = data + i;
            r->len[h[0]] = n;
        }
        i += n;
    }
    return 0;
}

json_t *fah_record_json(const char *data, size_t len) {
    fah_record r;
    if (fah_record_parse(data, len, &r) != 0) return json_loadb(data, len, 0, NULL); /* legacy JSON */
    json_t *o = json_object();
    for (int f = FAH_F_ID; o && f < FAH_F_END; f++) {
        /* title, abstract and body went through the display clean-up (valid
         * UTF-8); the other fields are checked (an invalid one is null) */
        json_t *v = !r.v[f] ? NULL
                    : f == FAH_F_TITLE || f == FAH_F_ABSTRACT || f == FAH_F_BODY ? json_stringn_nocheck(r.v[f], r.len[f])
                                                                                   : json_stringn(r.v[f], r.len[f]);
        json_object_set_new_nocheck(o, keys[f], v ? v : json_null());
    }
    return o;
}

int fah_record_from_json(const json_t *o, fah_buf *b) {
    if (fah_record_begin(b)) return -1;
    for (int f = FAH_F_ID; f < FAH_F_END; f++) {
        const json_t *v = json_object_get(o, keys[f]);
        if (json_is_string(v) &&
            fah_record_put(b, (fah_field)f, json_string_value(v), json_string_length(v)))
            return -1;
    }
    return 0;
}
