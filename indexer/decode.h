/*
 * decode.h - reading a corpus file into UTF-8 text.
 *
 * fah_read_file() reads a file whole, decompressing gzip (RFC 1952) with
 * zlib when the file starts with the gzip magic bytes.  fah_decode() turns
 * the bytes into UTF-8:
 *   - UTF-8 BOM: removed;  UTF-16 LE/BE BOM: converted with ICU (ucnv);
 *   - valid UTF-8 (RFC 3629): kept as is;
 *   - UTF-8 with a few ill-formed bytes (at least 20 valid multi-byte
 *     sequences per bad byte): kept as UTF-8, bad bytes become U+FFFD later,
 *     with a warning (`guessed`);
 *   - UTF-16 without a BOM, when the high bytes (0x00 for ASCII, 0x06 for
 *     Arabic) fill one byte position of each pair;
 *   - otherwise a legacy code page: the text is decoded as Windows-1256 and
 *     as ISO-8859-6 and the one giving more Arabic letters and fewer Latin-1
 *     letters, controls and unmapped bytes wins; when even the winner has
 *     less than half Arabic letters among its non-ASCII characters the note
 *     says the guess is unsure.  `forced` (an ICU converter name) bypasses
 *     all of this.
 * Line ends are then normalized: CRLF and a lone CR become LF; NUL bytes
 * become spaces.
 */
#ifndef FAHRAS_DECODE_H
#define FAHRAS_DECODE_H

#include <stddef.h>

#include "../common/buf.h"

/* Largest file read, in bytes after decompression. */
#define FAH_MAX_FILE_BYTES (256u * 1024u * 1024u)

typedef enum fah_read_status {
    FAH_READ_OK = 0,
    FAH_READ_ERRNO,     /* open/read failed: see errno text in msg */
    FAH_READ_VANISHED,  /* the file was removed after it was listed */
    FAH_READ_GZIP,      /* corrupt or truncated gzip stream */
    FAH_READ_TOO_BIG,   /* more than FAH_MAX_FILE_BYTES */
    FAH_READ_NOMEM
} fah_read_status;

/* Read `path` into out (reset first).  *gzipped tells whether it was
 * compressed.  On failure msg (msglen bytes) says why. */
fah_read_status fah_read_file(const char *path, fah_buf *out, int *gzipped, char *msg,
                              size_t msglen);

typedef struct fah_decoded {
    const char *encoding;  /* "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1256", "ISO-8859-6", or forced */
    int guessed;           /* 1 when the encoding is a fallback guess */
    size_t invalid_at;     /* for a fallback, offset of the first byte that was not UTF-8 */
    char note[240];        /* a message for the user when guessed, else "" */
} fah_decoded;

/* Does raw look like UTF-16 without a BOM?  Returns 'L' (little endian),
 * 'B' (big endian) or 0. */
int fah_utf16_guess(const char *raw, size_t len);

/* Decode raw[0..len) into UTF-8 text in out.  `forced` is NULL or an ICU
 * converter name.  Returns 0, or -1 (unknown converter, out of memory) with
 * msg set. */
int fah_decode(const char *raw, size_t len, const char *forced, fah_buf *out, fah_decoded *info,
               char *msg, size_t msglen);

/* In place: CRLF and lone CR (old Mac files) to LF, NUL to a space (the
 * parsers work on C strings). */
void fah_normalize_newlines(fah_buf *b);

/* 0 when ICU has a converter called `name`, else -1. */
int fah_check_encoding(const char *name);

/* Does raw look like a binary (non-text) file: more than 1% NUL bytes (and more than 8) in the first
 * 64 KiB without a UTF-16 BOM, or a known binary signature (PDF, PNG, JPEG, GIF, ZIP, ...)?
 * Returns a short reason or NULL. */
const char *fah_binary_reason(const char *raw, size_t len);

#endif
