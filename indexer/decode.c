#include "decode.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unistd.h>
#include <zlib.h>

#include "../common/utf8.h"

fah_read_status fah_read_file(const char *path, fah_buf *out, int *gzipped, char *msg,
                              size_t msglen) {
    fah_buf_reset(out);
    *gzipped = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            snprintf(msg, msglen, "vanished during the run (listed, then removed before it was read)");
            return FAH_READ_VANISHED;
        }
        snprintf(msg, msglen, "cannot open: %s", strerror(errno));
        return FAH_READ_ERRNO;
    }
    unsigned char magic[2];
    ssize_t m = pread(fd, magic, 2, 0);
    if (m == 2 && magic[0] == 0x1f && magic[1] == 0x8b) *gzipped = 1;
    if (!*gzipped) {
        char tmp[65536];
        for (;;) {
            ssize_t r = read(fd, tmp, sizeof tmp);
            if (r < 0) {
                if (errno == EINTR) continue;
                snprintf(msg, msglen, "read error: %s", strerror(errno));
                close(fd);
                return FAH_READ_ERRNO;
            }
            if (r == 0) break;
            if (out->len + (size_t)r > FAH_MAX_FILE_BYTES) {
                snprintf(msg, msglen, "file larger than %u MB", FAH_MAX_FILE_BYTES >> 20);
                close(fd);
                return FAH_READ_TOO_BIG;
            }
            if (fah_buf_append(out, tmp, (size_t)r)) {
                close(fd);
                return FAH_READ_NOMEM;
            }
        }
        close(fd);
        if (fah_buf_reserve(out, 0)) return FAH_READ_NOMEM;
        return FAH_READ_OK;
    }
    gzFile gz = gzdopen(fd, "rb");
    if (!gz) {
        close(fd);
        snprintf(msg, msglen, "cannot start gzip reader");
        return FAH_READ_NOMEM;
    }
    gzbuffer(gz, 128 * 1024);
    char tmp[65536];
    for (;;) {
        int r = gzread(gz, tmp, sizeof tmp);
        if (r < 0) {
            int zerr;
            const char *e = gzerror(gz, &zerr);
            snprintf(msg, msglen, "corrupt gzip data after %zu bytes: %s", out->len, e);
            gzclose(gz);
            return FAH_READ_GZIP;
        }
        if (r == 0) break;
        if (out->len + (size_t)r > FAH_MAX_FILE_BYTES) {
            snprintf(msg, msglen, "file larger than %u MB after decompression",
                     FAH_MAX_FILE_BYTES >> 20);
            gzclose(gz);
            return FAH_READ_TOO_BIG;
        }
        if (fah_buf_append(out, tmp, (size_t)r)) {
            gzclose(gz);
            return FAH_READ_NOMEM;
        }
    }
    int zerr = Z_OK;
    gzerror(gz, &zerr);
    int rc = gzclose(gz);
    if (zerr == Z_BUF_ERROR || rc == Z_BUF_ERROR) {
        snprintf(msg, msglen, "truncated gzip file (ends after %zu decompressed bytes)", out->len);
        return FAH_READ_GZIP;
    }
    if (rc != Z_OK) {
        snprintf(msg, msglen, "gzip error %d", rc);
        return FAH_READ_GZIP;
    }
    if (fah_buf_reserve(out, 0)) return FAH_READ_NOMEM;
    return FAH_READ_OK;
}

const char *fah_binary_reason(const char *raw, size_t len) {
    static const struct { const char *sig; size_t n; const char *what; } sigs[] = {
        {"%PDF", 4, "PDF document"},
        {"\x89PNG", 4, "PNG image"},
        {"\xFF\xD8\xFF", 3, "JPEG image"},
        {"GIF8", 4, "GIF image"},
        {"PK\x03\x04", 4, "ZIP archive or office document (unpack it first)"},
        {"\xD0\xCF\x11\xE0", 4, "legacy office document"},
        {"7z\xBC\xAF", 4, "7-Zip archive (unpack it first)"},
        {"Rar!", 4, "RAR archive (unpack it first)"},
        {"\x7F" "ELF", 4, "executable"},
    };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (len >= sigs[i].n && memcmp(raw, sigs[i].sig, sigs[i].n) == 0) return sigs[i].what;
    if (len >= 262 && memcmp(raw + 257, "ustar", 5) == 0) return "tar archive (unpack it first)";
    if (fah_utf16_guess(raw, len)) return NULL;
    if (len >= 2 && (((unsigned char)raw[0] == 0xFF && (unsigned char)raw[1] == 0xFE) ||
                     ((unsigned char)raw[0] == 0xFE && (unsigned char)raw[1] == 0xFF)))
        return NULL; /* UTF-16 with BOM */
    /* Text files may carry a stray NUL (the cp1256 corpus ends each file
     * with one); binary data has many. */
    size_t probe = len < 65536 ? len : 65536, nul = 0, ctl = 0;
    for (size_t i = 0; i < probe; i++) {
        unsigned char c = (unsigned char)raw[i];
        nul += c == '\0';
        /* C0 controls other than tab, LF, FF and CR, and DEL: text in any
         * encoding read here (UTF-8, the Arabic code pages) has next to none;
         * random or compressed bytes have about 12% */
        ctl += (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7F;
    }
    if (nul > 8 && nul * 100 > probe) return "binary data (NUL bytes)";
    if (ctl > 16 && ctl * 50 > probe) return "binary data (control bytes)";
    return NULL;
}

static int convert(const char *enc, const char *raw, size_t len, fah_buf *out, char *msg,
                   size_t msglen) {
    UErrorCode st = U_ZERO_ERROR;
    UConverter *from = ucnv_open(enc, &st);
    if (U_FAILURE(st)) {
        snprintf(msg, msglen, "unknown encoding '%s'", enc);
        return -1;
    }
    UConverter *to = ucnv_open("UTF-8", &st);
    if (U_FAILURE(st)) {
        ucnv_close(from);
        snprintf(msg, msglen, "ICU UTF-8 converter: %s", u_errorName(st));
        return -1;
    }
    fah_buf_reset(out);
    size_t cap = len * 3 + 16;
    if (fah_buf_reserve(out, cap)) {
        ucnv_close(from);
        ucnv_close(to);
        return -1;
    }
    char *target = out->data;
    const char *source = raw;
    ucnv_convertEx(to, from, &target, out->data + cap, &source, raw + len, NULL, NULL, NULL, NULL,
                   1, 1, &st);
    ucnv_close(from);
    ucnv_close(to);
    if (U_FAILURE(st)) {
        snprintf(msg, msglen, "conversion from %s failed: %s", enc, u_errorName(st));
        return -1;
    }
    out->len = (size_t)(target - out->data);
    out->data[out->len] = '\0';
    return 0;
}

int fah_utf16_guess(const char *raw, size_t len) {
    size_t probe = len < 4096 ? len : 4096;
    probe &= ~(size_t)1;
    if (probe < 8) return 0;
    size_t hi_odd = 0, hi_even = 0;
    for (size_t i = 0; i < probe; i += 2) {
        unsigned char a = (unsigned char)raw[i], b = (unsigned char)raw[i + 1];
        if (b == 0x00 || b == 0x06) hi_odd++;
        if (a == 0x00 || a == 0x06) hi_even++;
    }
    size_t pairs = probe / 2;
    if (hi_odd * 10 >= pairs * 7 && hi_even * 10 < pairs * 2) return 'L';
    if (hi_even * 10 >= pairs * 7 && hi_odd * 10 < pairs * 2) return 'B';
    return 0;
}

/* Score a legacy decoding: Arabic letters count for it; Latin-1 letters,
 * C1 controls and substitution characters against it. */
static long legacy_score(const fah_buf *b, size_t *arabic, size_t *nonascii) {
    *arabic = *nonascii = 0;
    long bad = 0;
    int prev_arabic = 0, pending_latin = 0; /* a Latin-1 letter right after an Arabic one */
    int prev_ascii = 0, prev_arabic_any = 0;
    for (size_t i = 0; i < b->len;) {
        unsigned cp;
        if ((unsigned char)b->data[i] < 0x80) {
            cp = (unsigned char)b->data[i++];
            if (cp == 0x1A) bad++; /* ICU's substitute for an unmapped byte */
        } else {
            cp = fah_utf8_next(b->data, b->len, &i);
            (*nonascii)++;
        }
        int is_arabic = cp >= 0x0621 && cp <= 0x064A;
        int is_latin1 = cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7;
        int is_ascii_letter = (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
        /* an Arabic letter glued to a Latin one: ISO-8859-6 reading French
         * accents (é -> ى, è -> و) */
        if ((is_arabic && prev_ascii) || (is_ascii_letter && prev_arabic_any)) bad++;
        prev_ascii = is_ascii_letter;
        prev_arabic_any = is_arabic;
        if (is_arabic) {
            (*arabic)++;
            if (pending_latin) bad++; /* Arabic, Latin-1, Arabic: a mis-decoding */
        }
        if ((cp >= 0x80 && cp < 0xA0) || cp == 0xFFFD) bad++;
        /* French words in Windows-1256 text (déclaré) are fine: a Latin-1
         * letter counts against the decoding only between Arabic letters */
        pending_latin = is_latin1 && prev_arabic;
        if (!is_latin1) prev_arabic = is_arabic;
    }
    return (long)*arabic - 3 * bad;
}

void fah_normalize_newlines(fah_buf *b) {
    size_t o = 0;
    for (size_t i = 0; i < b->len; i++) {
        char c = b->data[i];
        if (c == '\0') c = ' ';
        if (c == '\r') {
            if (i + 1 < b->len && b->data[i + 1] == '\n') continue;
            c = '\n';
        }
        b->data[o++] = c;
    }
    b->len = o;
    if (b->data) b->data[o] = '\0';
}

static int decode_raw(const char *raw, size_t len, const char *forced, fah_buf *out,
                      fah_decoded *info, char *msg, size_t msglen);

int fah_decode(const char *raw, size_t len, const char *forced, fah_buf *out, fah_decoded *info,
               char *msg, size_t msglen) {
    int rc = decode_raw(raw, len, forced, out, info, msg, msglen);
    if (rc == 0) fah_normalize_newlines(out);
    return rc;
}

int fah_check_encoding(const char *name) {
    UErrorCode st = U_ZERO_ERROR;
    UConverter *c = ucnv_open(name, &st);
    if (U_FAILURE(st)) return -1;
    ucnv_close(c);
    return 0;
}

static int decode_raw(const char *raw, size_t len, const char *forced, fah_buf *out,
                      fah_decoded *info, char *msg, size_t msglen) {
    memset(info, 0, sizeof *info);
    info->invalid_at = (size_t)-1;
    const unsigned char *u = (const unsigned char *)raw;
    if (forced) {
        info->encoding = forced;
        return convert(forced, raw, len, out, msg, msglen);
    }
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        info->encoding = "UTF-16LE";
        return convert("UTF-16LE", raw + 2, len - 2, out, msg, msglen);
    }
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        info->encoding = "UTF-16BE";
        return convert("UTF-16BE", raw + 2, len - 2, out, msg, msglen);
    }
    int u16 = fah_utf16_guess(raw, len);
    if (u16) { /* 0x00/0x06 in every other byte: even as "valid UTF-8" that is not text */
        info->encoding = u16 == 'L' ? "UTF-16LE" : "UTF-16BE";
        info->guessed = 1;
        snprintf(info->note, sizeof info->note, "no byte-order mark; read as %s", info->encoding);
        return convert(info->encoding, raw, len, out, msg, msglen);
    }
    size_t skip = (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ? 3 : 0;
    size_t bad = fah_utf8_invalid_at(raw + skip, len - skip);
    if (bad == (size_t)-1) {
        info->encoding = "UTF-8";
        fah_buf_reset(out);
        return fah_buf_append(out, raw + skip, len - skip);
    }
    info->invalid_at = bad + skip;
    /* Mostly UTF-8 with a few bad bytes (a cut or damaged file): keep
     * UTF-8, the bad bytes become U+FFFD.  Legacy Arabic text has almost
     * no valid multi-byte UTF-8 sequences, so a ratio of 20 valid
     * sequences per invalid byte separates the two. */
    size_t valid = 0, invalid = 0;
    for (size_t i = skip; i < len;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t at = i;
        unsigned cp = fah_utf8_next(raw, len, &i);
        if (cp == 0xFFFD && i == at + 1) invalid++;
        else valid++;
    }
    info->guessed = 1;
    if (valid >= 20 * invalid) {
        info->encoding = "UTF-8";
        snprintf(info->note, sizeof info->note,
                 "mostly UTF-8 but with %zu invalid byte(s) (first at byte offset %zu), read as U+FFFD",
                 invalid, info->invalid_at);
        fah_buf_reset(out);
        return fah_buf_append(out, raw + skip, len - skip);
    }
    /* legacy Arabic code pages: try both, keep the better */
    fah_buf alt = FAH_BUF_INIT;
    size_t ar1, na1, ar2, na2;
    if (convert("windows-1256", raw, len, out, msg, msglen)) return -1;
    long s1 = legacy_score(out, &ar1, &na1);
    if (convert("ISO-8859-6", raw, len, &alt, msg, msglen)) {
        fah_buf_free(&alt);
        return -1;
    }
    long s2 = legacy_score(&alt, &ar2, &na2);
    size_t ar = ar1, na = na1;
    info->encoding = "windows-1256";
    if (s2 > s1) {
        fah_buf tmp = *out;
        *out = alt;
        alt = tmp;
        info->encoding = "ISO-8859-6";
        ar = ar2;
        na = na2;
    }
    fah_buf_free(&alt);
    int unsure = na == 0 || ar * 2 < na;
    snprintf(info->note, sizeof info->note,
             "not UTF-8 (first invalid byte at offset %zu); decoded as %s%s (use --encoding to choose)",
             info->invalid_at, info->encoding,
             unsure ? ", but UNSURE: few Arabic letters came out" : "");
    return 0;
}
