#include "light_stem.h"

#include <stdlib.h>
#include <string.h>

#include "../common/utf8.h"
#include "guard_data.h"
#include "names.h"
#include "normalize.h"

#define MAXL (FAH_STEM_MAX_BYTES / 2)

struct fah_stemmer {
    int light10;     /* 1: plain light10, the reference baseline */
    int legacy_names; /* 1: stem leaders' names like other words (before analyzer 9) */
    unsigned w[MAXL];
    unsigned tmp[MAXL];
    char key[FAH_STEM_MAX_BYTES + 3]; /* UTF-8 of the current word, for table look-ups */
    char out[FAH_STEM_MAX_BYTES + 1];
};

enum {
    ALEF = 0x0627, BEH = 0x0628, TEH_M = 0x0629, TEH = 0x062A, FEH = 0x0641, KAF = 0x0643,
    LAM = 0x0644, MEEM = 0x0645, NOON = 0x0646, HEH = 0x0647, WAW = 0x0648, YEH = 0x064A
};

int fah_stemmer_new(fah_stemmer **out) {
    *out = calloc(1, sizeof **out);
    return *out ? 0 : -1;
}

int fah_stemmer_new_light10(fah_stemmer **out) {
    if (fah_stemmer_new(out)) return -1;
    (*out)->light10 = 1;
    return 0;
}

void fah_stemmer_delete(fah_stemmer *s) { free(s); }

static int starts(const unsigned *w, size_t n, unsigned a, unsigned b, unsigned c, size_t pn) {
    if (n < pn) return 0;
    if (w[0] != a || w[1] != b) return 0;
    return pn == 2 || w[2] == c;
}

static int ends2(const unsigned *w, size_t n, unsigned a, unsigned b) {
    return n >= 2 && w[n - 2] == a && w[n - 1] == b;
}

/* Plain light10 (Larkey, Ballesteros & Connell; REFERENCE.md 1d), one pass:
 * و when more than 3 letters; one of ال وال بال كال فال لل when at least 2
 * letters remain; then, when more than 2 letters, each suffix of the list
 * once, in order, when at least 2 letters remain. */
static void light10(unsigned *w, size_t *n) {
    size_t len = *n, off = 0;
    if (len > 3 && w[0] == WAW) off = 1;
    static const unsigned a3[][3] = {{WAW, ALEF, LAM}, {BEH, ALEF, LAM}, {KAF, ALEF, LAM},
                                     {FEH, ALEF, LAM}};
    int done = 0;
    if (len - off >= 2 + 2 && starts(w + off, len - off, ALEF, LAM, 0, 2)) {
        off += 2;
        done = 1;
    }
    for (size_t k = 0; k < 4 && !done; k++)
        if (len - off >= 3 + 2 && starts(w + off, len - off, a3[k][0], a3[k][1], a3[k][2], 3)) {
            off += 3;
            done = 1;
        }
    if (!done && len - off >= 2 + 2 && starts(w + off, len - off, LAM, LAM, 0, 2)) off += 2;
    memmove(w, w + off, (len - off) * sizeof *w);
    len -= off;
    if (len > 2) {
        static const unsigned suf2[][2] = {{HEH, ALEF}, {ALEF, NOON}, {ALEF, TEH}, {WAW, NOON},
                                           {YEH, NOON}, {YEH, HEH},   {YEH, TEH_M}};
        for (size_t k = 0; k < 7; k++)
            if (len >= 4 && ends2(w, len, suf2[k][0], suf2[k][1])) len -= 2;
        static const unsigned suf1[] = {HEH, TEH_M, YEH};
        for (size_t k = 0; k < 3; k++)
            if (len >= 3 && w[len - 1] == suf1[k]) len -= 1;
    }
    *n = len;
}

/* UTF-8 of w[0..n) (+ optional extra letter) into s->key. */
static const char *key(struct fah_stemmer *s, const unsigned *w, size_t n, unsigned extra) {
    size_t o = 0;
    for (size_t k = 0; k < n; k++) {
        s->key[o++] = (char)(0xC0 | (w[k] >> 6));
        s->key[o++] = (char)(0x80 | (w[k] & 0x3F));
    }
    if (extra) {
        s->key[o++] = (char)(0xC0 | (extra >> 6));
        s->key[o++] = (char)(0x80 | (extra & 0x3F));
    }
    s->key[o] = '\0';
    return s->key;
}

static int cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int in_table(const char *const *table, size_t count, const char *word) {
    return bsearch(&word, table, count, sizeof *table, cmp) != NULL;
}

/* One round of the suffix rules over w[0..*n); returns 1 if it changed.
 * scripts/derive-stem-guards has the same rules in Python: keep them in
 * step. */
static int suffix_round(struct fah_stemmer *s, unsigned *w, size_t *n) {
    size_t len = *n;
    int changed = 0;
    /* light10's list, each once, in order */
    static const unsigned suf2[][2] = {{HEH, ALEF}, {ALEF, NOON}, {ALEF, TEH}, {WAW, NOON},
                                       {YEH, NOON}, {YEH, HEH},   {YEH, TEH_M}};
    for (size_t k = 0; k < 7; k++) {
        if (len < 5 || !ends2(w, len, suf2[k][0], suf2[k][1])) continue;
        /* -ايه/-اية: the ي belongs to the word (ولاية, نهاية, حماية), not a nisba */
        if (suf2[k][0] == YEH && w[len - 3] == ALEF) continue;
        if (suf2[k][0] == ALEF && suf2[k][1] == TEH &&
            in_table(fah_guard_keep_teh, fah_guard_keep_teh_count, key(s, w, len - 2, HEH))) {
            w[len - 2] = HEH; /* plural of a word that keeps its ة: -ات -> -ه */
            len -= 1;
        } else {
            len -= 2;
        }
        changed = 1;
    }
    /* attached pronouns هما كما هم كم نا (at least 3 letters left); the
     * feminine plurals هن كن are rare in news and mostly end other words
     * (يتمكن is not يتم + كن) */
    static const unsigned pron[][3] = {{HEH, MEEM, ALEF}, {KAF, MEEM, ALEF}, {HEH, MEEM, 0},
                                       {KAF, MEEM, 0},    {NOON, ALEF, 0}};
    for (size_t k = 0; k < 5; k++) {
        size_t pl = pron[k][2] ? 3 : 2;
        if (len < pl + 3) continue;
        int match = 1;
        for (size_t j = 0; j < pl; j++)
            if (w[len - pl + j] != pron[k][j]) match = 0;
        if (!match) continue;
        if (!in_table(fah_guard_keep_pronoun, fah_guard_keep_pronoun_count, key(s, w, len, 0))) {
            len -= pl;
            changed = 1;
        }
        break;
    }
    static const unsigned suf1[] = {HEH, TEH_M, YEH};
    for (size_t k = 0; k < 3; k++) {
        if (len < 4 || w[len - 1] != suf1[k]) continue;
        if (suf1[k] == HEH && in_table(fah_guard_keep_teh, fah_guard_keep_teh_count, key(s, w, len, 0)))
            continue;
        if (suf1[k] == YEH && w[len - 2] == ALEF) continue; /* -اي: ولاي(ة), لاهاي, شاي */
        len -= 1;
        changed = 1;
    }
    /* the accusative alef of words in the strip_alef table */
    if (len >= 4 && w[len - 1] == ALEF &&
        in_table(fah_guard_strip_alef, fah_guard_strip_alef_count, key(s, w, len, 0))) {
        len -= 1;
        changed = 1;
    }
    *n = len;
    return changed;
}

/* Does the word keep its first letter?  It is looked up with its suffixes
 * removed, as the table lists it. */
static int keeps_first_letter(struct fah_stemmer *s, const unsigned *w, size_t n) {
    memcpy(s->tmp, w, n * sizeof *w);
    while (suffix_round(s, s->tmp, &n)) {
    }
    return in_table(fah_guard_keep_proclitic, fah_guard_keep_proclitic_count, key(s, s->tmp, n, 0));
}

/* Length of the proclitic w starts with, before the guard tables have
 * their say: وال بال كال فال 3, ال لل 2, و ف ب ك ل 1 (at least 3 letters
 * left), else 0. */
static size_t proclitic_len(const unsigned *w, size_t len) {
    if (len >= 6 && (starts(w, len, WAW, ALEF, LAM, 3) || starts(w, len, BEH, ALEF, LAM, 3) ||
                     starts(w, len, KAF, ALEF, LAM, 3) || starts(w, len, FEH, ALEF, LAM, 3)))
        return 3;
    if (len >= 5 && (starts(w, len, ALEF, LAM, 0, 2) || starts(w, len, LAM, LAM, 0, 2))) return 2;
    if (len >= 4 && (w[0] == WAW || w[0] == FEH || w[0] == BEH || w[0] == KAF || w[0] == LAM)) return 1;
    return 0;
}

/* Is w[0..len), or what is left of it after one or two more proclitics
 * (ولماكرون, وللسيسي: the suffix rules must not reach the name first), a
 * leader's name?  Then move the name to the front of w, set *n, return 1. */
static int to_name(struct fah_stemmer *s, unsigned *w, size_t len, size_t *n) {
    size_t off = 0;
    for (int k = 0; k < 3; k++) {
        if (fah_stem_is_name(key(s, w + off, len - off, 0))) {
            if (off) memmove(w, w + off, (len - off) * sizeof *w);
            *n = len - off;
            return 1;
        }
        size_t p = proclitic_len(w + off, len - off);
        if (!p) break;
        off += p;
    }
    return 0;
}

/* One round: at most one prefix, then the suffix rules; 1 if it changed. */
static int round_once(struct fah_stemmer *s, unsigned *w, size_t *n) {
    size_t len = *n;
    /* a leader's name (names.h) keeps its letters: ماكرون, بوتين, لافروف */
    if (!s->legacy_names && fah_stem_is_name(key(s, w, len, 0))) return 0;
    size_t off = proclitic_len(w, len);
    if (off == 1 && keeps_first_letter(s, w, len)) off = 0; /* فهم, لبنان: the letter is the word's */
    if (off) {
        memmove(w, w + off, (len - off) * sizeof *w);
        len -= off;
    }
    /* a name under its proclitics keeps its letters: والسيسي -> سيسي, not سيس */
    if (!s->legacy_names && to_name(s, w, len, n)) return 1;
    int changed = suffix_round(s, w, &len) || off;
    *n = len;
    return changed;
}

void fah_stemmer_keep_names(fah_stemmer *s, int on) { s->legacy_names = !on; }

int fah_stemmer_stem(fah_stemmer *s, const char *word, size_t len, const char **stem,
                     size_t *stemlen) {
    if (len > FAH_STEM_MAX_BYTES) return -1;
    size_t n = 0, i = 0;
    int arabic = 1;
    while (i < len) {
        unsigned c = fah_utf8_next(word, len, &i);
        if (!fah_is_arabic_letter(c)) {
            arabic = 0;
            break;
        }
        s->w[n++] = c == TEH_M ? HEH : c; /* as the normalizer does, for the tables */
    }
    if (!arabic) {
        memcpy(s->out, word, len);
        s->out[len] = '\0';
        *stem = s->out;
        *stemlen = len;
        return 0;
    }
    if (s->light10) {
        light10(s->w, &n);
    } else {
        /* each changing round removes at least one letter: at most n rounds */
        while (round_once(s, s->w, &n)) {
        }
    }
    key(s, s->w, n, 0);
    memcpy(s->out, s->key, 2 * n + 1);
    *stem = s->out;
    *stemlen = 2 * n;
    return 0;
}
