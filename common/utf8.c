#include "utf8.h"

unsigned fah_utf8_next_slow(const char *str, size_t len, size_t *i) {
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return c;
    }
    unsigned cp, min;
    size_t n;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1; cp = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2; cp = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3; cp = c & 0x07; min = 0x10000;
    } else {
        *i = p + 1;
        return 0xFFFD;
    }
    if (p + n >= len) { /* truncated sequence */
        *i = p + 1;
        return 0xFFFD;
    }
    for (size_t k = 1; k <= n; k++) {
        unsigned cc = s[p + k];
        if ((cc & 0xC0) != 0x80) {
            *i = p + 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = p + 1;
        return 0xFFFD;
    }
    *i = p + n + 1;
    return cp;
}

size_t fah_utf8_invalid_at(const char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t start = i;
        unsigned cp = fah_utf8_next(s, len, &i);
        if (cp == 0xFFFD && i == start + 1) return start;
    }
    return (size_t)-1;
}

size_t fah_utf8_count(const char *s, size_t len) {
    size_t i = 0, n = 0;
    while (i < len) {
        fah_utf8_next(s, len, &i);
        n++;
    }
    return n;
}
