/*
 * plaintext.h - one article per plain-text file.
 *
 * Layout accepted:
 *   - an optional header block at the very start: lines `Key: value` with
 *     Key one of Title, Date, Source, URL, Author, Category, Id (ASCII,
 *     case-insensitive), ended by a blank line; the rest is the body;
 *   - otherwise, when the first non-blank line looks like a headline (at most
 *     FAH_TITLE_MAX_CHARS characters, not ending in . ! ? ؟ : ، and followed
 *     by more text), it is the title and the rest is the body;
 *   - otherwise the whole file is the body and the article has no title.
 */
#ifndef FAHRAS_PLAINTEXT_H
#define FAHRAS_PLAINTEXT_H

#include <stddef.h>

#include "article.h"

#define FAH_TITLE_MAX_CHARS 150

/* Parse buf[0..len) (UTF-8) into *a (fields malloc()ed; clear with
 * fah_article_clear).  Returns 0, -1 when out of memory. */
int fah_plaintext_parse(const char *buf, size_t len, fah_article *a);

#endif
