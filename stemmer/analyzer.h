/*
 * analyzer.h - fahras's one analysis path, shared by the indexer, the query
 * parser and snippet highlighting (DESIGN.md "Arabic analysis").
 *
 * fah_analyzer_display() turns decoded text into display text (display.h).
 * fah_analyzer_tokenize() splits display text into words with ICU's word
 * break iterator (UAX #29; ubrk_open(UBRK_WORD)) or, for text made only of
 * common Arabic and ASCII characters, an equivalent fast scanner
 * (wordbreak.h), then splits a word where
 * Arabic letters meet Latin letters or digits (decision: iPhoneالجديد,
 * كوفيد١٩ and ٢٠٢٠م are two words each, so both parts are searchable;
 * Latin letters with digits, as in covid19 or 5G, stay one word), normalizes each word
 * (normalize.h) and stems it with the chosen stemmer, handing every token to
 * a callback together with its byte offsets in the text it was given, in
 * the manner of SQLite FTS5's xTokenize.
 *
 * Compound names (decision): after a word عبد, ابو, ابي or ابا (normalized)
 * followed by an Arabic word, the two joined (عبدالله, ابوظبي) are handed
 * over too, as a colocated token at the first word's position (as FTS5's
 * FTS5_TOKEN_COLOCATED).  So عبد الله and عبدالله, أبو ظبي and أبوظبي find
 * each other, whichever way the query or the article writes them.
 */
#ifndef FAHRAS_ANALYZER_H
#define FAHRAS_ANALYZER_H

#include <stddef.h>

#include "../common/buf.h"

/* Version of the analysis rules; stored in every database, and a database
 * built with another version must be rebuilt (exit code 4). Raise it with
 * any change that alters the terms or values produced for some input
 * (6: the date filters' value slot FAH_SLOT_LOCAL_DATE; 7: the headline and
 * lead slot FAH_SLOT_LEAD; 8: signatures leave the headline out; 9: the
 * light stemmer leaves leaders' names whole, stemmer/names.h). */
#define FAH_ANALYZER_VERSION "9"
/* The oldest analyzer version whose databases this fahras still searches
 * correctly: 7 only added FAH_SLOT_LEAD, 8 changed what the copy
 * signatures cover, and 9's names rule is undone for them by
 * fah_analyzer_match_version.  So a version 6-8 database is searched (a
 * 6 without the headline-and-lead weight, 6 and 7 collapsing copies by
 * their older signatures) until `index --full` rebuilds it; indexing into
 * it still exits 4.  fah_analyzer_version_readable() tells. */
#define FAH_ANALYZER_READABLE_SINCE 6

/* 1 when a database built by analyzer version `ver` (a decimal string:
 * digits, no leading zero) can be searched by this fahras: the current
 * version or one from FAH_ANALYZER_READABLE_SINCE on; 0 otherwise (NULL,
 * other strings, newer versions). */
int fah_analyzer_version_readable(const char *ver);

/* 1 when `ver` is a version number above this fahras's: a database from a
 * newer fahras, which this one must not rebuild on its own (a downgrade). */
int fah_analyzer_version_newer(const char *ver);

/* Tokens longer than this after normalization are not indexed (they are
 * still counted for positions).  Xapian's TermGenerator uses 64 bytes. */
#define FAH_MAX_WORD_BYTES 120

typedef enum fah_stem_kind {
    FAH_STEM_LIGHT = 0,   /* light_stem.h */
    FAH_STEM_SNOWBALL,    /* Xapian::Stem("arabic"), Snowball (Chelli & Aries) */
    FAH_STEM_NONE,
    FAH_STEM_LIGHT10      /* plain light10: the evaluation baseline (light_stem.h) */
} fah_stem_kind;

/* "light" / "snowball" / "none" / "light10" <-> kind; parse returns -1 when unknown. */
const char *fah_stem_kind_name(fah_stem_kind k);
int fah_stem_kind_parse(const char *name, fah_stem_kind *out);

typedef struct fah_token {
    const char *norm;   /* normalized surface form (NUL-terminated) */
    size_t norm_len;
    const char *stem;   /* stem; equals norm when the word is not stemmed */
    size_t stem_len;
    size_t start, end;  /* byte range of the word in the analyzed text */
    unsigned pos;       /* word position, from 1 */
    int is_number;      /* the word is made of digits (and number punctuation) */
    int colocated;      /* 1: an extra term at the previous word's position (a
                           compound name joined, see below), spanning
                           [start, end) over both words */
} fah_token;

/* Return 0 to continue, non-zero to stop (that value is then returned by
 * fah_analyzer_tokenize).  Pointers in `tok` are valid during the call only. */
typedef int (*fah_token_cb)(void *ctx, const fah_token *tok);

typedef struct fah_analyzer fah_analyzer;

/* Analyze as analyzer version `ver` did (a database's stored version;
 * NULL or the current one: no change), for searching a database of a
 * readable older version: before 9 the light stemmer stemmed leaders'
 * names like other words.  Call right after fah_analyzer_new. */
void fah_analyzer_match_version(fah_analyzer *a, const char *ver);


/* New analyzer using stemmer `kind`.  Returns 0, or -1 (ICU or Xapian
 * failure, out of memory) with a message in errbuf when it is not NULL. */
int fah_analyzer_new(fah_stem_kind kind, fah_analyzer **out, char *errbuf, size_t errlen);
void fah_analyzer_delete(fah_analyzer *a);
fah_stem_kind fah_analyzer_stem_kind(const fah_analyzer *a);

/* Display text of text[0..len) into `out` (see display.h). 0 or -1. */
int fah_analyzer_display(fah_analyzer *a, const char *text, size_t len, fah_buf *out);

/* Tokenize display text[0..len), numbering positions from first_pos.
 * Returns 0, the callback's non-zero value, or -1 on an ICU failure. */
int fah_analyzer_tokenize(fah_analyzer *a, const char *text, size_t len, unsigned first_pos,
                          fah_token_cb cb, void *ctx);

/* Decides whether a normalized word needs its stem: 1 yes, 0 no. */
typedef int (*fah_stem_filter)(void *ctx, const char *norm, size_t len);

/* fah_analyzer_tokenize, stemming only the words `want_stem` accepts (the
 * others get stem = norm): for callers that compare stems with a few known
 * ones and can rule most words out first (snippets).  want_stem NULL: every
 * word is stemmed. */
int fah_analyzer_tokenize_filtered(fah_analyzer *a, const char *text, size_t len, unsigned first_pos,
                                   fah_stem_filter want_stem, void *fctx, fah_token_cb cb, void *ctx);

/* Returned by fah_analyzer_tokenize_lazy: start over with
 * fah_analyzer_tokenize_filtered. */
#define FAH_TOKENIZE_RESTART (-2)

/* fah_analyzer_tokenize_filtered for a caller whose callback stops early
 * once it has what it needs (snippets stop a window after every query word
 * was seen): the fast word break checks characters as it reaches them
 * (fah_fast_words_lazy) rather than the whole text before the first word.
 * Returns as fah_analyzer_tokenize_filtered, or FAH_TOKENIZE_RESTART when
 * the text holds a character only ICU's word break handles: the tokens
 * handed over so far are void, and the caller discards them and calls
 * fah_analyzer_tokenize_filtered. */
int fah_analyzer_tokenize_lazy(fah_analyzer *a, const char *text, size_t len, unsigned first_pos,
                               fah_stem_filter want_stem, void *fctx, fah_token_cb cb, void *ctx);

/* Use the fast word scanner where it applies (on, the default) or always
 * ICU's iterator (off); both give the same words (wordbreak.h). */
void fah_analyzer_set_fast_break(fah_analyzer *a, int on);

/* Stem one normalized word with the analyzer's stemmer: *stem points into
 * the analyzer (valid until its next call).  Returns 0 or -1. */
int fah_analyzer_stem(fah_analyzer *a, const char *norm, size_t len, const char **stem,
                      size_t *stemlen);

#endif
