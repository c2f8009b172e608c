/*
 * json.h - articles from JSON: a top-level array of article objects (a
 * crawler dump), JSON Lines (one object per line), or a single object.
 * Parsed with jansson, one record at a time (json_loadb with
 * JSON_DISABLE_EOF_CHECK), so memory holds the file's text plus one record.
 *
 * Field names (case-sensitive, first present wins; string or number):
 *   id        id _id docno guid
 *   title     title headline
 *   body      content text body article articleBody
 *   abstract  description summary lead abstract
 *   date      date published publish_date published_at date_extracted
 *             datePublished pubDate time timestamp
 *   source    source outlet site newspaper publisher
 *   url       url link
 *   author    author byline writer
 *   category  category section
 * HTML character references in strings are decoded; strings that carry
 * paragraph markup (<p>, <br>) have their tags removed; a field holding an
 * array of strings is joined (paragraphs with line breaks, names with ", ").
 * A top-level object whose "articles", "items", "data", "results", "docs"
 * or "posts" member is an array of objects (NewsAPI and similar exports)
 * is read as that array.  In JSON Lines an invalid line is skipped and
 * reported; the other lines are read.
 */
#ifndef FAHRAS_JSON_H
#define FAHRAS_JSON_H

#include <stddef.h>

#include "article.h"

typedef struct fah_json_error {
    size_t bad_lines; /* JSON Lines: lines skipped as invalid (line/offset/text: the first) */
    size_t line;      /* 1-based line of the error */
    size_t offset;    /* byte offset of the error */
    size_t record;    /* records handed over before it */
    char text[200];
} fah_json_error;

/* Parse buf[0..len).  Returns 0 when the whole input was read, 1 when
 * malformed JSON was met (err says where: for an array, parsing stopped
 * there and the records before it were handed over; for JSON Lines,
 * err->bad_lines lines were skipped and all others handed over), -1 when
 * out of memory, or the callback's non-zero value. */
int fah_json_parse(const char *buf, size_t len, fah_article_cb cb, void *ctx, fah_json_error *err);

/* Does the input hold more than one record (array with 2+ elements, or 2+
 * lines)?  Cheap look used to decide how ids are formed. */
int fah_json_multi(const char *buf, size_t len);

#endif
