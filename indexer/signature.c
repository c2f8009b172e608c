#include "signature.h"

#include <string.h>

/* splitmix64 (Steele, Lea & Flood 2014): well-mixed 64-bit values from a
 * counter, used both to combine words into shingles and as the family of
 * hash functions. */
static uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

void fah_signature(const uint64_t *words, size_t n, unsigned char out[FAH_SIG_BYTES]) {
    /* one permutation hashing: each shingle's hash picks a bin (its top 6
     * bits) and competes for that bin's minimum (its low 32 bits) */
    uint16_t min[FAH_SIG_HASHES];
    unsigned char filled[FAH_SIG_HASHES] = {0};
    for (size_t k = 0; k < FAH_SIG_HASHES; k++) min[k] = 0xffffu;
    size_t nsh = n >= 3 ? n - 2 : n;
    for (size_t i = 0; i < nsh; i++) {
        uint64_t h = n >= 3 ? mix(words[i] ^ mix(words[i + 1] ^ mix(words[i + 2]))) : mix(words[i]);
        unsigned bin = (unsigned)(h >> 57);
        uint16_t v = (uint16_t)h;
        if (v < min[bin]) min[bin] = v;
        filled[bin] = 1;
    }
    /* densification by rotation: an empty bin takes the next filled bin's
     * value (to the right, circularly) plus its distance times a constant */
    if (nsh) {
        for (size_t k = 0; k < FAH_SIG_HASHES; k++) {
            if (filled[k]) continue;
            for (size_t t = 1; t < FAH_SIG_HASHES; t++) {
                size_t j = (k + t) % FAH_SIG_HASHES;
                if (filled[j]) {
                    min[k] = (uint16_t)(min[j] + t * 0x9e37u);
                    break;
                }
            }
        }
    }
    for (size_t k = 0; k < FAH_SIG_HASHES; k++) {
        out[2 * k] = (unsigned char)(min[k] >> 8);
        out[2 * k + 1] = (unsigned char)min[k];
    }
}

double fah_signature_similarity(const char *a, size_t alen, const char *b, size_t blen) {
    if (!a || !b || alen != FAH_SIG_BYTES || blen != FAH_SIG_BYTES) return 0;
    size_t same = 0;
    for (size_t k = 0; k < FAH_SIG_HASHES; k++) same += a[2 * k] == b[2 * k] && a[2 * k + 1] == b[2 * k + 1];
    return (double)same / FAH_SIG_HASHES;
}

void fah_signature_article(const uint64_t *words, size_t n, size_t ntitle, unsigned char out[FAH_SIG_BYTES]) {
    if (ntitle <= n && n - ntitle >= FAH_SIG_MIN_BODY_WORDS) fah_signature(words + ntitle, n - ntitle, out);
    else fah_signature(words, n, out);
}
