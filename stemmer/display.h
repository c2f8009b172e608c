/*
 * display.h - Unicode clean-up that turns decoded text into fahras's
 * "stored display text" (DESIGN.md, Arabic analysis step 1).
 *
 * Steps, in order:
 *  1. UTF-8 in; ill-formed sequences become U+FFFD (the caller decides
 *     whether that deserves a warning: see fah_utf8_invalid_at()).
 *  2. NFC (Unicode Standard Annex #15), so alef + U+0654 composes to U+0623
 *     and stacked marks get canonical order.
 *  3. Arabic Presentation Forms-A and -B (U+FB50-U+FDFF, U+FE70-U+FEFF) are
 *     replaced by their NFKC decomposition (base letters; lam-alef ligatures
 *     to two letters) WITHOUT the U+0020 that NFKC puts before isolated
 *     harakat forms (U+FE70..FE7E, U+FC5E..FC63).  Multi-word ligatures such
 *     as U+FDFA and U+FDFB expand to their words (decision: their words are
 *     searchable; the spaces between the words stay).  U+FDFD has no
 *     decomposition and is kept.
 *  4. Default-ignorable format characters are removed: U+00AD, U+061C,
 *     U+200B-U+200F, U+202A-U+202E, U+2060-U+2064, U+2066-U+2069, U+FEFF.
 *     Removing ZWSP/ZWNJ/ZWJ JOINS the letters around them (decision, as
 *     Xapian and NFKC_Casefold do; Persian-style کتاب‌ها becomes one word).
 *  5. Space separators (U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F,
 *     U+3000) become U+0020; CR is dropped (CRLF -> LF); other C0/C1 controls
 *     and NUL become U+0020 (tab and LF are kept).
 * Tashkeel and tatweel are kept: the display text is what users read.
 */
#ifndef FAHRAS_DISPLAY_H
#define FAHRAS_DISPLAY_H

#include <stddef.h>

#include "../common/buf.h"

typedef struct fah_display fah_display;

/* New clean-up handle (reusable buffers).  Returns 0, or -1 on ICU failure
 * or out of memory. */
int fah_display_new(fah_display **out);

/* Clean text[0..len) into `out` (reset first).  Returns 0, or -1 on ICU
 * failure / out of memory (out is then empty). */
int fah_display_clean(fah_display *d, const char *text, size_t len, fah_buf *out);

void fah_display_delete(fah_display *d);

#endif
