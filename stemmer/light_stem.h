/*
 * light_stem.h - fahras's Arabic light stemmer (Light10 family).
 *
 * API in the style of libstemmer: an opaque handle, explicit byte lengths,
 * a result owned by the handle, no global state.
 *
 * Input: a token already normalized by fah_normalize_token() (UTF-8).  A
 * token that is not made only of Arabic letters U+0621-U+064A is returned
 * unchanged.  Rules (version 1), after Larkey, Ballesteros & Connell,
 * "Light Stemming for Arabic Information Retrieval" (light10; also
 * REFERENCE.md section 1d):
 *   1. و is removed when at least 4 letters remain (light10 allows 3; the
 *      stricter guard keeps وزير, واحد, ورق whole);
 *   2. then one definite article ال وال بال كال فال لل (longest first) is
 *      removed when at least 2 letters remain;
 *   3. then the suffixes ها ان ات ون ين يه ية ه ة ي are tried once each, in
 *      that order, and removed when at least 2 letters remain.
 */
#ifndef FAHRAS_LIGHT_STEM_H
#define FAHRAS_LIGHT_STEM_H

#include <stddef.h>

typedef struct fah_stemmer fah_stemmer;

/* New stemmer; returns 0, or -1 when out of memory (*out is then NULL). */
int fah_stemmer_new(fah_stemmer **out);

/* Stem word[0..len).  On success returns 0 and points *stem at a
 * NUL-terminated result of *stemlen bytes, owned by the handle and valid
 * until the next call or fah_stemmer_delete().  Returns -1 when len is
 * larger than the handle's limit (FAH_STEM_MAX_BYTES); the caller should
 * then index the word unstemmed. */
int fah_stemmer_stem(fah_stemmer *s, const char *word, size_t len, const char **stem,
                     size_t *stemlen);

void fah_stemmer_delete(fah_stemmer *s);

#define FAH_STEM_MAX_BYTES 256

#endif
