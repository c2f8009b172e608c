/*
 * sgml.h - TREC/ANT-style SGML newswire records.
 *
 * A file holds one or many <DOC> ... </DOC> records; inside, fields are
 * <TAG>content</TAG> pairs.  Real files are not well-formed XML (raw '&',
 * stray '<', control characters), so this reads tags, not XML: each field is
 * the text between its opening tag and its own closing tag (or, when that
 * is missing, the start of the next line that opens a tag), character
 * references are decoded, one-line fields (all but ABSTRACT and TEXT/BODY)
 * have their white space runs folded to one space, and markup inside TEXT/BODY (<P>) becomes line
 * breaks.  Field tags (case-insensitive), first match wins:
 *   id        DOCNO DOCID          title     TITLE HEADLINE HEADER
 *   date      TIME DATE DATE_TIME  source    SRC SOURCE
 *   url       URL                  author    AUTHOR BYLINE DATELINE
 *   category  CAT                  abstract  ABSTRACT
 *   body      TEXT BODY
 */
#ifndef FAHRAS_SGML_H
#define FAHRAS_SGML_H

#include <stddef.h>

#include "article.h"

/* Does buf look like SGML records (a "<DOC>" or "<DOC " tag among the first
 * non-blank bytes)? */
int fah_sgml_detect(const char *buf, size_t len);

/* Parse every record of buf[0..len) (UTF-8 text), handing each to cb, which
 * takes ownership of the article's fields (it must clear them).  A record
 * without </DOC> ends at the next <DOC> or at the end of the file, and is
 * counted in *unterminated.  Returns 0, the callback's non-zero value, or
 * -1 when out of memory. */
int fah_sgml_parse(const char *buf, size_t len, fah_article_cb cb, void *ctx,
                   size_t *unterminated);

#endif
