/*
 * parse.h - from the text a user typed to a Xapian query.
 *
 * Grammar (this version): a sequence of words and "quoted phrases".
 *   word      analyzed like document text (analyzer.h); matches documents
 *             with the same stem (Z term) or the same normalized form, the
 *             latter adding a little weight (exact-form boost, see parse.c)
 *   "a b c"   the normalized forms a b c at consecutive positions; « »
 *             and “ ” delimit phrases too
 * Items are combined with OR; BM25 ranks articles with more of the words
 * (and rarer ones) first.  The query text goes through the same display
 * clean-up as documents (NFC, bidi controls removed, ...).
 */
#ifndef FAHRAS_PARSE_H
#define FAHRAS_PARSE_H

#include <stddef.h>

#include "../stemmer/analyzer.h"
#include "../xap/fx.h"
#include "qterms.h"

typedef enum fah_parse_status {
    FAH_PARSE_OK = 0,
    FAH_PARSE_SYNTAX,   /* message and position in errmsg */
    FAH_PARSE_EMPTY,    /* no searchable word */
    FAH_PARSE_NOMEM
} fah_parse_status;

/* Parse `text`; *out gets the query (free with fx_query_free), `terms`
 * (zero-initialized by the caller) the analyzed words for highlighting. */
fah_parse_status fah_query_parse(fah_analyzer *an, const char *text, fx_query **out,
                                 fah_qterms *terms, char *errmsg, size_t errlen);

#endif
