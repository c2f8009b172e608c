#include "light_stem.h"

#include <stdlib.h>
#include <string.h>

#include "../common/utf8.h"
#include "normalize.h"

#define MAXL (FAH_STEM_MAX_BYTES / 2)

struct fah_stemmer {
    unsigned w[MAXL];
    char out[FAH_STEM_MAX_BYTES * 2 + 1];
};

enum {
    ALEF = 0x0627, BEH = 0x0628, TEH_M = 0x0629, TEH = 0x062A, FEH = 0x0641, KAF = 0x0643,
    LAM = 0x0644, NOON = 0x0646, HEH = 0x0647, WAW = 0x0648, YEH = 0x064A
};

int fah_stemmer_new(fah_stemmer **out) {
    *out = calloc(1, sizeof **out);
    return *out ? 0 : -1;
}

void fah_stemmer_delete(fah_stemmer *s) { free(s); }

static int starts(const unsigned *w, size_t n, const unsigned *p, size_t pn) {
    if (n < pn) return 0;
    for (size_t i = 0; i < pn; i++)
        if (w[i] != p[i]) return 0;
    return 1;
}

static int ends(const unsigned *w, size_t n, const unsigned *p, size_t pn) {
    if (n < pn) return 0;
    for (size_t i = 0; i < pn; i++)
        if (w[n - pn + i] != p[i]) return 0;
    return 1;
}

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
        s->w[n++] = c;
    }
    if (!arabic) {
        memcpy(s->out, word, len);
        s->out[len] = '\0';
        *stem = s->out;
        *stemlen = len;
        return 0;
    }
    unsigned *w = s->w;
    size_t off = 0; /* letters removed at the front */

    /* 1-2. وال (and the other three-letter articles) first; else the
     * conjunction و, then one article */
    static const unsigned art3[][3] = {{WAW, ALEF, LAM}, {BEH, ALEF, LAM}, {KAF, ALEF, LAM},
                                       {FEH, ALEF, LAM}};
    static const unsigned art2[][2] = {{ALEF, LAM}, {LAM, LAM}};
    int done = 0;
    if (n >= 5 && starts(w, n, art3[0], 3)) {
        off = 3;
        done = 1;
    } else if (n >= 5 && w[0] == WAW) {
        off = 1;
    }
    for (size_t k = 1; k < 4 && !done; k++)
        if (n - off >= 5 && starts(w + off, n - off, art3[k], 3)) {
            off += 3;
            done = 1;
        }
    for (size_t k = 0; k < 2 && !done; k++)
        if (n - off >= 4 && starts(w + off, n - off, art2[k], 2)) {
            off += 2;
            done = 1;
        }
    w += off;
    n -= off;

    /* 3. suffixes, each tried once in order */
    static const unsigned suf2[][2] = {{HEH, ALEF}, {ALEF, NOON}, {ALEF, TEH}, {WAW, NOON},
                                       {YEH, NOON}, {YEH, HEH},   {YEH, TEH_M}};
    for (size_t k = 0; k < 7; k++)
        if (n >= 4 && ends(w, n, suf2[k], 2)) n -= 2;
    static const unsigned suf1[] = {HEH, TEH_M, YEH};
    for (size_t k = 0; k < 3; k++)
        if (n >= 3 && w[n - 1] == suf1[k]) n -= 1;

    size_t o = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned c = w[k];
        s->out[o++] = (char)(0xC0 | (c >> 6));
        s->out[o++] = (char)(0x80 | (c & 0x3F));
    }
    s->out[o] = '\0';
    *stem = s->out;
    *stemlen = o;
    return 0;
}
