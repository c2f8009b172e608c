/*
 * wordbreak.h - a fast word-boundary scanner for the common case, proven
 * against ICU's word break iterator.
 *
 * For text made only of the characters listed in wordbreak.c (ASCII letters,
 * digits and punctuation except '_', Arabic letters, digits, harakat and
 * punctuation, a few quotes and dashes), it finds exactly the words that
 * UAX #29 (ICU's UBRK_WORD) finds, applying rules WB4-WB12 directly to
 * UTF-8.  For any other text it declines, and the caller uses ICU.
 * tests/unit/test_wordbreak.c checks the two agree on the real corpora.
 */
#ifndef FAHRAS_WORDBREAK_H
#define FAHRAS_WORDBREAK_H

#include <stddef.h>

/* Called for each word text[start..end) and for each run between words
 * (is_word = 0).  Non-zero stops the scan. */
typedef int (*fah_span_cb)(void *ctx, size_t start, size_t end, int is_word);

/* Returns 1 (declined: text has a character outside the supported set;
 * nothing was reported), 0 after scanning all of it, or the callback's
 * non-zero value. */
int fah_fast_words(const char *text, size_t len, fah_span_cb cb, void *ctx);

/* fah_fast_words without the pass over the whole text that decides first:
 * each character is checked when the scan reaches it, so a caller whose
 * callback stops early (snippets) pays only for the text before the stop.
 * Returns 1 when it reaches a character outside the supported set: the
 * spans reported until then are void (ICU may split the text differently
 * near it) and the caller starts over; otherwise as fah_fast_words.  The
 * spans it reports before stopping are the ones ICU reports for the whole
 * text: UAX #29 rules WB4-WB12 decide a boundary from at most the two
 * characters after it (skipping Extend), and those were checked. */
int fah_fast_words_lazy(const char *text, size_t len, fah_span_cb cb, void *ctx);

#endif
