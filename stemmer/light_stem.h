/*
 * light_stem.h - fahras's Arabic light stemmer (Light10 family).
 *
 * API in the style of libstemmer: an opaque handle, explicit byte lengths,
 * a result owned by the handle, no global state.
 *
 * Input: a token already normalized by fah_normalize_token() (UTF-8).  A
 * token that is not made only of Arabic letters U+0621-U+064A is returned
 * unchanged.  Rules (analyzer version 3), after Larkey, Ballesteros &
 * Connell, "Light Stemming for Arabic Information Retrieval" (2007; light10,
 * REFERENCE.md section 1d), applied as one round, repeated until the word no
 * longer changes (so the stemmer is idempotent, and والالتزام, الالتزام and
 * التزام meet):
 *   prefixes, at most one per round:
 *     - one article وال بال كال فال, else ال لل, when at least 3 letters are
 *       left (light10 allows 2: الله would become له, الآن أن);
 *     - else one proclitic و ف ب ك ل when at least 3 letters are left and the
 *       word is not in the keep_proclitic table (guard_data.h: words that
 *       take the article themselves, or whose remainder is rare on its own,
 *       measured on SaudiNewsNet), so وقال -> قال but وزير, واحد, كتاب,
 *       بطاطس, لبنان keep their first letter; فهم keeps it by length;
 *   suffixes, each tried once per round in this order (light10's list):
 *     ها ان ات ون ين يه ية, then ه ة ي, each when at least 3 letters are left
 *     (light10 allows 2; with rounds repeated that merged مدينة, مدة and مدى,
 *     قوانين and قوات, لاهاي and لا); ه is kept on words in the keep_teh table (الحديدة is not
 *     الحديد), and ات becomes ه on their plurals;
 *     one attached pronoun هما كما هم كم نا (at least 3 letters left)
 *     unless the word is in keep_pronoun (تفاهم), tried after light10's
 *     list and before ه ة ي; neither ي nor يه/ية is removed after ا
 *     (الولايات and ولاية -> ولاي, not ولا; نهاية -> نهاي);
 *     last, the accusative alef written without tanween (اتفاقا -> اتفاق)
 *     on words in the strip_alef table only.
 * Lengths are counted in letters.  Stems are never empty.
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
 * larger than FAH_STEM_MAX_BYTES; the caller should then index the word
 * unstemmed. */
int fah_stemmer_stem(fah_stemmer *s, const char *word, size_t len, const char **stem,
                     size_t *stemlen);

/* Leave the leaders' names of names.h whole (on: 1, the default) or stem
 * them like other words (0: as analyzer versions before 9 did, to search
 * their databases).  Call before the first fah_stemmer_stem. */
void fah_stemmer_keep_names(fah_stemmer *s, int on);

/* A handle that applies plain light10 instead (one pass, no guard tables,
 * REFERENCE.md 1d): the baseline fahras is measured against. */
int fah_stemmer_new_light10(fah_stemmer **out);

void fah_stemmer_delete(fah_stemmer *s);

#define FAH_STEM_MAX_BYTES 256

#endif
