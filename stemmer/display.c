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

/* Canonical combining class of the harakat U+064B-U+0652 (27..34) and
 * U+0670 (35); other marks are not handled by the fast path. */
static int harakat_ccc(unsigned c) {
    if (c >= 0x064B && c <= 0x0652) return 27 + (int)(c - 0x064B);
    if (c == 0x0670) return 35;
    return -1;
}

/* Is text already display text: valid UTF-8, NFC, and free of everything
 * the steps below change?  True for most Arabic news; then the text is
 * copied as it is, without the UTF-16 round trip through ICU. */
static int already_clean(const char *text, size_t len) {
    const unsigned char *u = (const unsigned char *)text;
    int last_ccc = 0;
    for (size_t i = 0; i < len;) {
        unsigned c = u[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return 0;
            i++;
            last_ccc = 0;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
            c = ((c & 0x1F) << 6) | (u[i + 1] & 0x3F);
            i += 2;
            if (c < 0xAE) return 0;                      /* C1 controls, NBSP, soft hyphen */
            if (c >= 0x0300 && c < 0x0370) return 0;     /* Latin combining marks */
            if (c >= 0x0600 && c <= 0x06FF) {
                int ccc = harakat_ccc(c);
                if (ccc > 0) {
                    if (ccc < last_ccc) return 0;        /* not in canonical order */
                    last_ccc = ccc;
                    continue;
                }
                if ((c >= 0x0610 && c <= 0x061A) || c == 0x061C || (c >= 0x0653 && c <= 0x065F) ||
                    (c >= 0x06D6 && c <= 0x06ED))
                    return 0;                            /* other marks, ALM */
            }
            last_ccc = 0;
            continue;
        }
        if (c == 0xE2 && i + 2 < len && (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
            c = ((c & 0x0F) << 12) | ((unsigned)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
            /* general punctuation without spaces, format and bidi characters */
            if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E)) {
                i += 3;
                last_ccc = 0;
                continue;
            }
        }
        return 0;
    }
    return 1;
}

int fah_display_clean(fah_display *d, const char *text, size_t len, fah_buf *out) {
    fah_buf_reset(out);
    if (len == 0) return fah_buf_reserve(out, 0);
    if (already_clean(text, len)) return fah_buf_append(out, text, len);
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
