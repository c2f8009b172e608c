#include "wordbreak.h"

#include <pthread.h>
#include <stdint.h>

#include "../common/utf8.h"

/* Word_Break classes of UAX #29 for the supported characters. */
enum { WB_UNSUPPORTED, WB_OTHER, WB_ALETTER, WB_NUMERIC, WB_EXTEND, WB_MIDNUM, WB_MIDLETTER,
       WB_MIDNUMLET, WB_SQUOTE };

static int wb_class_rule(unsigned c) {
    if (c < 0x80) {
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return WB_ALETTER;
        if (c >= '0' && c <= '9') return WB_NUMERIC;
        switch (c) {
            case ',': case ';': return WB_MIDNUM;
            case '.': return WB_MIDNUMLET;
            case '\'': return WB_SQUOTE;
            /* '_' is ExtendNumLet; ICU joins e-mail addresses across '@' */
            case '_': case '@': case '\r': case '\v': case '\f': return WB_UNSUPPORTED;
            default: return c < 0x20 && c != '\t' && c != '\n' ? WB_UNSUPPORTED : WB_OTHER;
        }
    }
    if (c >= 0x0600 && c <= 0x06FF) {
        if ((c >= 0x0620 && c <= 0x064A) || c == 0x066E || c == 0x066F ||
            (c >= 0x0671 && c <= 0x06D3) || c == 0x06D5 || c == 0x06E5 || c == 0x06E6 ||
            c == 0x06EE || c == 0x06EF || (c >= 0x06FA && c <= 0x06FC) || c == 0x06FF)
            return WB_ALETTER;
        if ((c >= 0x0660 && c <= 0x0669) || c == 0x066B || (c >= 0x06F0 && c <= 0x06F9))
            return WB_NUMERIC;
        if ((c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
            (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 ||
            c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED))
            return WB_EXTEND;
        if (c == 0x060C || c == 0x060D || c == 0x066C) return WB_MIDNUM;
        if (c == 0x061B || c == 0x061E || c == 0x061F || c == 0x066A || c == 0x066D || c == 0x06D4)
            return WB_OTHER;
        return WB_UNSUPPORTED;
    }
    if (c == 0x00AB || c == 0x00BB) return WB_OTHER;
    if (c == 0x2018 || c == 0x2019 || c == 0x2024) return WB_MIDNUMLET;
    if ((c >= 0x2010 && c <= 0x2017) || (c >= 0x201A && c <= 0x2023) || c == 0x2026)
        return WB_OTHER;
    return WB_UNSUPPORTED;
}

/* wb_class_rule for every code point below U+0800 (ASCII and the two-byte
 * UTF-8 range, which holds the whole Arabic block): one load instead of a
 * chain of range tests.  Filled once per process (pthread_once) from the
 * rule above; read-only afterwards, so threads may share it. */
#define WB_TABLE_SIZE 0x800
static uint8_t wb_table[WB_TABLE_SIZE];
static pthread_once_t wb_once = PTHREAD_ONCE_INIT;

static void wb_table_fill(void) {
    for (unsigned c = 0; c < WB_TABLE_SIZE; c++) wb_table[c] = (uint8_t)wb_class_rule(c);
}

static inline int wb_class(unsigned c) { return c < WB_TABLE_SIZE ? wb_table[c] : wb_class_rule(c); }

/* Class of the next character at or after *i that is not Extend (WB4),
 * without consuming it; *after gets the offset just past it. */
static int peek_class(const char *t, size_t len, size_t i, size_t *after) {
    while (i < len) {
        int c = wb_class(fah_utf8_next(t, len, &i));
        if (c != WB_EXTEND) {
            *after = i;
            return c;
        }
    }
    *after = len;
    return WB_OTHER; /* end of text */
}

/* The scan.  lazy: no pass over the whole text first; every character is
 * classified before a decision uses it, and an unsupported one ends the
 * scan with 1 (what was reported is then void). */
static int scan(const char *t, size_t len, fah_span_cb cb, void *ctx, int lazy) {
    size_t i = 0, gap = 0;
    while (i < len) {
        size_t start = i;
        int c = wb_class(fah_utf8_next(t, len, &i));
        if (lazy && c == WB_UNSUPPORTED) return 1;
        if (c != WB_ALETTER && c != WB_NUMERIC) continue; /* part of a gap (WB4: marks too) */
        /* a word starts at `start` */
        if (start > gap) {
            int rc = cb(ctx, gap, start, 0);
            if (rc) return rc;
        }
        int prev = c;
        for (;;) {
            size_t after;
            int n = peek_class(t, len, i, &after);
            if (lazy && n == WB_UNSUPPORTED) return 1;
            if (n == WB_ALETTER || n == WB_NUMERIC) { /* WB5, WB8, WB9, WB10 */
                prev = n;
                i = after;
                continue;
            }
            if (n == WB_MIDLETTER || n == WB_MIDNUMLET || n == WB_SQUOTE || n == WB_MIDNUM) {
                size_t after2;
                int n2 = peek_class(t, len, after, &after2);
                if (lazy && n2 == WB_UNSUPPORTED) return 1;
                int letters = prev == WB_ALETTER && n2 == WB_ALETTER &&
                              (n == WB_MIDLETTER || n == WB_MIDNUMLET || n == WB_SQUOTE); /* WB6/7 */
                int digits = prev == WB_NUMERIC && n2 == WB_NUMERIC &&
                             (n == WB_MIDNUM || n == WB_MIDNUMLET || n == WB_SQUOTE); /* WB11/12 */
                if (letters || digits) {
                    prev = n2;
                    i = after2;
                    continue;
                }
            }
            break;
        }
        /* trailing marks belong to the word (WB4) */
        while (i < len) {
            size_t j = i;
            int k = wb_class(fah_utf8_next(t, len, &j));
            if (lazy && k == WB_UNSUPPORTED) return 1;
            if (k != WB_EXTEND) break;
            i = j;
        }
        int rc = cb(ctx, start, i, 1);
        if (rc) return rc;
        gap = i;
    }
    if (len > gap) return cb(ctx, gap, len, 0);
    return 0;
}

int fah_fast_words(const char *t, size_t len, fah_span_cb cb, void *ctx) {
    pthread_once(&wb_once, wb_table_fill);
    for (size_t i = 0; i < len;) {
        unsigned c = fah_utf8_next(t, len, &i);
        if (c == 0xFFFD || wb_class(c) == WB_UNSUPPORTED) return 1;
    }
    return scan(t, len, cb, ctx, 0);
}

int fah_fast_words_lazy(const char *t, size_t len, fah_span_cb cb, void *ctx) {
    pthread_once(&wb_once, wb_table_fill);
    return scan(t, len, cb, ctx, 1);
}
