#include "normalize.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unicode/uchar.h>

#include "../common/utf8.h"

int fah_is_arabic_letter(unsigned cp) { return cp >= 0x0621 && cp <= 0x064A && cp != 0x0640; }

/* Map one code point; returns 0 to delete it. */
static unsigned fold(unsigned c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c >= 0x0600 && c <= 0x06FF) {
        if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 ||
            (c >= 0x0610 && c <= 0x061A) || (c >= 0x06D6 && c <= 0x06ED))
            return 0;
        switch (c) {
            case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
            case 0x0675:
                return 0x0627;
            case 0x0624: case 0x0626: case 0x0676: case 0x0677: case 0x0678:
                return 0x0621;
            case 0x0649: case 0x06CC: case 0x06D0: case 0x06D2: case 0x06D3:
                return 0x064A;
            case 0x0629: case 0x06C0: case 0x06C1: case 0x06C2: case 0x06C3: case 0x06BE:
            case 0x06D5:
                return 0x0647;
            case 0x06A9: case 0x06AA:
                return 0x0643;
            case 0x066B:
                return '.';
            case 0x066C: case 0x060C:
                return ',';
            default:
                break;
        }
        if (c >= 0x0660 && c <= 0x0669) return '0' + (c - 0x0660);
        if (c >= 0x06F0 && c <= 0x06F9) return '0' + (c - 0x06F0);
        return c;
    }
    if (c >= 0x08D3 && c <= 0x08FF) return 0;
    if (c == 0xFFFD) return 0;
    return (unsigned)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT);
}

/* fold() for every code point below U+0800 (ASCII and the Arabic block),
 * filled once per process from fold() itself, read-only afterwards.  The
 * results there are below U+10000 (simple case folding stays in the BMP). */
#define FOLD_TABLE_SIZE 0x800
static uint16_t fold_table[FOLD_TABLE_SIZE];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static void fold_table_fill(void) {
    for (unsigned c = 0; c < FOLD_TABLE_SIZE; c++) fold_table[c] = (uint16_t)fold(c);
}

int fah_normalize_token(const char *tok, size_t len, fah_buf *out) {
    pthread_once(&fold_once, fold_table_fill);
    fah_buf_reset(out);
    if (fah_buf_reserve(out, len)) return -1;
    size_t i = 0;
    while (i < len) {
        unsigned c = fah_utf8_next(tok, len, &i);
        unsigned f = c < FOLD_TABLE_SIZE ? fold_table[c] : fold(c);
        if (!f) continue;
        if (f >= 0x80 && f < 0x800) { /* room was reserved: len >= output for 2-byte input */
            if (out->len + 2 >= out->cap && fah_buf_reserve(out, 2)) return -1;
            out->data[out->len++] = (char)(0xC0 | (f >> 6));
            out->data[out->len++] = (char)(0x80 | (f & 0x3F));
            continue;
        }
        if (fah_buf_put_utf8(out, f)) return -1;
    }
    out->data[out->len] = '\0';
    return 0;
}
