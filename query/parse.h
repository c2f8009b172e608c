/*
 * parse.h - from the text a user typed to a Xapian query.
 *
 * Grammar:
 *   word      analyzed like document text (analyzer.h); matches documents
 *             with the same stem (Z term) or the same normalized form, the
 *             latter adding a little weight (exact-form boost, see parse.c)
 *   "a b c"   the normalized forms a b c at consecutive positions; « »
 *             and “ ” delimit phrases too
 *   "a b"~N   the words in any order within (their count + N) positions
 *             ("محمد سلمان"~1 matches محمد بن سلمان)
 *   word*     every indexed normalized form starting with the word's
 *             normalized form (at most 1,000, the most frequent)
 *   a b       either (OR: BM25 ranks articles with more of the words, and
 *             rarer ones, first; measured against AND_MAYBE(OR, AND): no gain)
 *   a OR b, a AND b, a NOT b, -a, +a, ( ... )   precedence NOT > AND >
 *             OR/adjacency; -a excludes a from its group
 *   title:word, title:"a b", title:"a b"~N   a word in the title, the
 *             words as a phrase of title stems, or within a window;
 *             weighted like words
 *   source:NAME, date:2018-05..2018-07 (also date:2018, date:..2018-07)
 *             filters (no weight)
 *   leader:NAME, country:NAME, topic:NAME (NAME a word or "words")  the
 *             articles tagged with the entity, resolved by the caller's
 *             fah_entity_resolver; at the top level request.h takes them
 *             out first as filters of the whole query, so the parser sees
 *             only those inside ( ) or next to OR / NOT / -: conditions of
 *             the expression, weightless beside text, weighted by mentions
 *             when the query has no text
 * Arabic ، and ؛ separate items like spaces.  Syntax errors give
 * FAH_PARSE_SYNTAX with the character position and the query with
 * [HERE] at the fault.  The query text goes through the same display
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
    FAH_PARSE_FILTERS,  /* only filters (source:, date:): *out is their weightless
                           conjunction, to restrict another query or list all */
    FAH_PARSE_NOMEM
} fah_parse_status;

#include "../tagger/gazetteer.h"

/* Resolves leader:/country:/topic: items: *out gets the query of the
 * articles tagged with the entity `name` (weighted by its mentions when
 * `weighted`, else weightless).  Returns 0, or -1 with a message in err
 * (unknown or ambiguous name, untagged database). */
typedef struct fah_entity_resolver {
    int (*resolve)(void *ctx, fah_ent_kind kind, const char *name, int weighted, fx_query **out,
                   char *err, size_t errlen);
    void *ctx;
} fah_entity_resolver;

/* Parse `text`; *out gets the query (free with fx_query_free), `terms`
 * (zero-initialized by the caller) the analyzed words for highlighting.
 * leader:/country:/topic: items are a syntax error (no resolver). */
fah_parse_status fah_query_parse(fah_analyzer *an, const char *text, fx_query **out,
                                 fah_qterms *terms, char *errmsg, size_t errlen);

/* The same with entity items resolved by `res` (may be NULL). */
fah_parse_status fah_query_parse_with(fah_analyzer *an, const char *text, const fah_entity_resolver *res,
                                      fx_query **out, fah_qterms *terms, char *errmsg, size_t errlen);

#endif
