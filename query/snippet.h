/*
 * snippet.h - a passage of a document's display text around the words that
 * matched a query, with the byte ranges of those words.
 *
 * The text is tokenized by the same analyzer as the index and the query, so
 * a word matched through any variant (hamza, ى/ي, ة/ه, tashkeel) or stem is
 * found.  The snippet is a substring of the text that starts and ends on
 * word boundaries (never inside a UTF-8 sequence or a word) and holds at
 * most `max_chars` code points; it is chosen to contain as many distinct
 * query words as possible, then as many matches, with a few words of
 * context before the first.
 */
#ifndef FAHRAS_SNIPPET_H
#define FAHRAS_SNIPPET_H

#include <stddef.h>

#include "../stemmer/analyzer.h"
#include "qterms.h"

typedef struct fah_snippet {
    size_t start, end;     /* byte range of the snippet in the text */
    size_t (*hl)[2];       /* highlight ranges, byte offsets relative to start */
    size_t nhl;
} fah_snippet;

/* Compute the snippet of text[0..len) for `q`.  Tokenizing stops
 * max_chars after the first window that holds every query word (no later
 * window can hold more).  Returns 0, -1 when out of memory or the word
 * break fails.  Free with fah_snippet_free(). */
int fah_snippet_make(fah_analyzer *an, const char *text, size_t len, const fah_qterms *q,
                     size_t max_chars, fah_snippet *out);

void fah_snippet_free(fah_snippet *s);

#endif
