/*
 * utf8.h - UTF-8 decoding helpers (RFC 3629).
 */
#ifndef FAHRAS_UTF8_H
#define FAHRAS_UTF8_H

#include <stddef.h>

/* Decode the code point at s[*i] (i < len), advance *i past it, and return
 * it.  An ill-formed sequence (overlong, surrogate, > U+10FFFF, truncated)
 * consumes one byte and returns U+FFFD. */
unsigned fah_utf8_next_slow(const char *s, size_t len, size_t *i);

static inline unsigned fah_utf8_next(const char *s, size_t len, size_t *i) {
    const unsigned char *u = (const unsigned char *)s + *i;
    if (u[0] < 0x80) {
        (*i)++;
        return u[0];
    }
    /* two-byte sequences (Arabic, Latin-1 ...) */
    if (u[0] >= 0xC2 && u[0] <= 0xDF && *i + 1 < len && (u[1] & 0xC0) == 0x80) {
        *i += 2;
        return ((unsigned)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    }
    return fah_utf8_next_slow(s, len, i);
}

/* Byte offset of the first ill-formed sequence in s[0..len), or (size_t)-1
 * when all of it is valid UTF-8. */
size_t fah_utf8_invalid_at(const char *s, size_t len);

/* Number of code points in s[0..len) (ill-formed bytes count one each). */
size_t fah_utf8_count(const char *s, size_t len);

/* The same for text known to be valid UTF-8 (display text): the bytes that
 * do not continue a sequence (not 10xxxxxx), a loop the compiler
 * vectorizes. */
static inline size_t fah_utf8_count_valid(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

#endif
