/*
 * record.h - the stored data of an article document (Xapian document
 * data): the fields that `show`, snippets and result lines need, in a
 * binary layout that reads without parsing:
 *   byte 0x00, byte 0x01 (format 1), then per present field:
 *   1 byte field code (fah_field), 4 bytes little-endian length, the bytes.
 * Absent fields (JSON null in output) are simply not written.  Documents
 * written before format 1 hold a JSON object with the same keys; the
 * readers accept both (fah_record_json).  Chosen over JSON by measurement:
 * jansson parsed stored articles at about 160 instructions per byte, a
 * third of a search's time with snippets (callgrind, 210 queries, ant-5k).
 */
#ifndef FAHRAS_RECORD_H
#define FAHRAS_RECORD_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"

typedef enum fah_field {
    FAH_F_ID = 1, FAH_F_TITLE, FAH_F_DATE, FAH_F_SOURCE, FAH_F_URL, FAH_F_AUTHOR, FAH_F_CATEGORY,
    FAH_F_PATH, FAH_F_ABSTRACT, FAH_F_BODY,
    FAH_F_END
} fah_field;

/* JSON key of a field ("id", "title", ...). */
const char *fah_field_key(fah_field f);

/* Start a record in b (reset first).  0 or -1 (memory). */
int fah_record_begin(fah_buf *b);

/* Append field f with s[0..len) (UTF-8, not checked; NULL: nothing is
 * written, the field is absent).  0 or -1 (memory). */
int fah_record_put(fah_buf *b, fah_field f, const char *s, size_t len);

typedef struct fah_record {
    const char *v[FAH_F_END]; /* into the data; NULL when absent */
    size_t len[FAH_F_END];
} fah_record;

/* Point r's fields into data[0..len) (no copies).  0, or -1 when the data
 * is not a format-1 record (then it may be legacy JSON). */
int fah_record_parse(const char *data, size_t len, fah_record *r);

/* The stored data as a JSON object with every field's key (null when
 * absent): a format-1 record, or legacy JSON data.  New reference, or NULL
 * when the data is neither. */
json_t *fah_record_json(const char *data, size_t len);

/* Encode a JSON object with these keys (string or null values; other keys
 * ignored) as a format-1 record into b.  0 or -1 (memory). */
int fah_record_from_json(const json_t *o, fah_buf *b);

#endif
