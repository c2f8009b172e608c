#include "display.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

struct fah_display {
    const UNormalizer2 *nfc;
    const UNormalizer2 *nfkc;
    UChar *u16;     /* decoded input */
    int32_t u16cap;
    UChar *nfcbuf;  /* NFC of the input */
    int32_t nfccap;
};

int fah_display_new(fah_display **out) {
    *out = NULL;
    UErrorCode st = U_ZERO_ERROR;
    fah_display *d = calloc(1, sizeof *d);
    if (!d) return -1;
    d->nfc = unorm2_getNFCInstance(&st);
    d->nfkc = unorm2_getNFKCInstance(&st);
    if (U_FAILURE(st)) {
        free(d);
        return -1;
    }
    *out = d;
    return 0;
}

void fah_display_delete(fah_display *d) {
    if (!d) return;
    free(d->u16);
    free(d->nfcbuf);
    free(d);
}

static int grow(UChar **p, int32_t *cap, int32_t need) {
    if (need <= *cap) return 0;
    int32_t c = *cap ? *cap : 256;
    while (c < need) c *= 2;
    UChar *n = realloc(*p, (size_t)c * sizeof(UChar));
    if (!n) return -1;
    *p = n;
    *cap = c;
    return 0;
}

static int is_ignorable(UChar32 c) {
    return c == 0x00AD || c == 0x061C || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

static int is_space_sep(UChar32 c) {
    return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

static int is_presentation_form(UChar32 c) {
    return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

/* Append the NFKC decomposition of presentation form `c`, dropping leading
 * spaces NFKC inserts before isolated harakat. */
static int put_presentation(fah_display *d, UChar32 c, fah_buf *out) {
    UChar src[2], dst[64];
    int32_t n = 0;
    U16_APPEND_UNSAFE(src, n, c);
    UErrorCode st = U_ZERO_ERROR;
    int32_t m = unorm2_normalize(d->nfkc, src, n, dst, 64, &st);
    if (U_FAILURE(st)) return fah_buf_put_utf8(out, (unsigned)c);
    int32_t i = 0;
    while (i < m && dst[i] == 0x20) i++;
    while (i < m) {
        UChar32 k;
        U16_NEXT(dst, i, m, k);
        if (fah_buf_put_utf8(out, (unsigned)k)) return -1;
    }
    return 0;
}

int fah_display_clean(fah_display *d, const char *text, size_t len, fah_buf *out) {
    fah_buf_reset(out);
    if (len == 0) return fah_buf_reserve(out, 0);
    if (len > (size_t)INT32_MAX / 2) return -1;
    UErrorCode st = U_ZERO_ERROR;
    int32_t n16 = 0;
    if (grow(&d->u16, &d->u16cap, (int32_t)len + 1)) return -1;
    u_strFromUTF8WithSub(d->u16, d->u16cap, &n16, text, (int32_t)len, 0xFFFD, NULL, &st);
    if (U_FAILURE(st)) return -1;
    /* NFC never more than triples length (UAX #15 "Stabilization Policy"). */
    int32_t nfclen;
    if (unorm2_quickCheck(d->nfc, d->u16, n16, &st) == UNORM_YES && U_SUCCESS(st)) {
        nfclen = -1; /* already NFC: use u16 directly */
    } else {
        st = U_ZERO_ERROR;
        if (grow(&d->nfcbuf, &d->nfccap, n16 * 3 + 1)) return -1;
        nfclen = unorm2_normalize(d->nfc, d->u16, n16, d->nfcbuf, d->nfccap, &st);
        if (U_FAILURE(st)) return -1;
    }
    const UChar *s = nfclen < 0 ? d->u16 : d->nfcbuf;
    int32_t sl = nfclen < 0 ? n16 : nfclen;
    if (fah_buf_reserve(out, len + 16)) return -1;
    for (int32_t i = 0; i < sl;) {
        UChar32 c;
        U16_NEXT(s, i, sl, c);
        if (c < 0x80) {
            if (c == '\r') continue;
            if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) c = ' ';
            if (fah_buf_putc(out, (char)c)) return -1;
            continue;
        }
        if (c >= 0x80 && c < 0xA0) c = ' ';
        else if (is_ignorable(c)) continue;
        else if (is_space_sep(c)) c = ' ';
        else if (is_presentation_form(c)) {
            if (put_presentation(d, c, out)) return -1;
            continue;
        }
        if (fah_buf_put_utf8(out, (unsigned)c)) return -1;
    }
    return 0;
}
