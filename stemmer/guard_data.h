/*
 * guard_data.h - the light stemmer's guard tables, derived from corpus
 * statistics by scripts/derive-stem-guards (which documents the rules and
 * thresholds) and generated into guard_data.c.  Each table is a list of
 * normalized words (normalize.h) sorted by byte value.
 */
#ifndef FAHRAS_GUARD_DATA_H
#define FAHRAS_GUARD_DATA_H

#include <stddef.h>

/* Words whose first letter (و ف ب ك ل) is part of the stem, not a proclitic. */
extern const char *const fah_guard_keep_proclitic[];
extern const size_t fah_guard_keep_proclitic_count;

/* Words whose final ه (ة) is not removed: without it they are another word. */
extern const char *const fah_guard_keep_teh[];
extern const size_t fah_guard_keep_teh_count;

/* Words ending in هما كما هم كم نا that is not an attached pronoun. */
extern const char *const fah_guard_keep_pronoun[];
extern const size_t fah_guard_keep_pronoun_count;

/* Words whose final ا is the accusative (tanween) alef, removed. */
extern const char *const fah_guard_strip_alef[];
extern const size_t fah_guard_strip_alef_count;

#endif
