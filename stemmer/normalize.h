/*
 * normalize.h - per-token Arabic normalization (DESIGN.md step 3).
 *
 * Input: one token of display text (UTF-8, already NFC and without
 * presentation forms: see display.h).  Output: the normalized surface form,
 * the string fahras indexes as the unprefixed term.  Rules (one pass, per
 * code point, no context); the pitfall numbers refer to
 * shared/anchors/REFERENCE.md section 3:
 *   deleted   tashkeel U+064B-U+065F (#1), superscript alef U+0670 (#2),
 *             tatweel U+0640 (#3), honorifics/small marks U+0610-U+061A,
 *             Quranic marks U+06D6-U+06ED (#13, incl. small waw/yeh
 *             U+06E5/U+06E6), extended marks U+08D3-U+08FF (#4), U+FFFD;
 *   -> ا      أ إ آ ٱ and wavy/high-hamza alefs U+0672 U+0673 U+0675 (#5, #5b)
 *   -> ء      ؤ ئ and high-hamza waw/yeh U+0676-U+0678 (#5c): decision, so
 *             that مسؤول and مسئول (both current spellings) are one term;
 *             the cost, conflating ؤ/ئ words with their rare ء spelling, is
 *             accepted
 *   -> ي      ى U+0649 (#6), ی U+06CC, ې U+06D0, ے U+06D2, ۓ U+06D3 (#6b)
 *   -> ه      ة U+0629 (#7), ۀ U+06C0, ہ U+06C1, ۂ U+06C2, ۃ U+06C3, ھ U+06BE,
 *             ە U+06D5 (#7b)
 *   -> ك      ک U+06A9, ڪ U+06AA (#8)
 *   -> 0-9    Arabic-Indic U+0660-U+0669 and Persian U+06F0-U+06F9 digits (#9)
 *   -> .      Arabic decimal separator U+066B; -> , thousands U+066C and
 *             the Arabic comma U+060C when inside a number (#9c)
 *   case      Unicode simple case folding (u_foldCase) for everything else.
 * The alef that carries tanween fath (اتفاقاً) stays, as it does when the
 * mark is not written (اتفاقا): the stemmer decides about it for both
 * (light_stem.h), so جداً and جدا stay one term.
 */
#ifndef FAHRAS_NORMALIZE_H
#define FAHRAS_NORMALIZE_H

#include <stddef.h>

#include "../common/buf.h"

/* Normalize tok[0..len) into `out` (appended after reset).  Returns 0, -1 on
 * out of memory.  The result may be empty (a token of marks only). */
int fah_normalize_token(const char *tok, size_t len, fah_buf *out);

/* Is `cp` a letter of the Arabic block as produced by the normalizer
 * (U+0621-U+064A)? */
int fah_is_arabic_letter(unsigned cp);

#endif
