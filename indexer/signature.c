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
    uint32_t min[FAH_SIG_HASHES];
    for (size_t k = 0; k < FAH_SIG_HASHES; k++) min[k] = 0xffffffffu;
    size_t nsh = n >= 3 ? n - 2 : n;
    for (size_t i = 0; i < nsh; i++) {
        uint64_t sh = n >= 3 ? mix(words[i] ^ mix(words[i + 1] ^ mix(words[i + 2]))) : mix(words[i]);
        for (size_t k = 0; k < FAH_SIG_HASHES; k++) {
            uint32_t h = (uint32_t)(mix(sh + (uint64_t)k * 0x632be59bd9b4e019ULL) >> 32);
            if (h < min[k]) min[k] = h;
        }
    }
    for (size_t k = 0; k < FAH_SIG_HASHES; k++) {
        out[4 * k] = (unsigned char)(min[k] >> 24);
        out[4 * k + 1] = (unsigned char)(min[k] >> 16);
        out[4 * k + 2] = (unsigned char)(min[k] >> 8);
        out[4 * k + 3] = (unsigned char)min[k];
    }
}

double fah_signature_similarity(const char *a, size_t alen, const char *b, size_t blen) {
    if (!a || !b || alen != FAH_SIG_BYTES || blen != FAH_SIG_BYTES) return 0;
    size_t same = 0;
    for (size_t k = 0; k < FAH_SIG_HASHES; k++) same += memcmp(a + 4 * k, b + 4 * k, 4) == 0;
    return (double)same / FAH_SIG_HASHES;
}
