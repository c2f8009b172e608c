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
 *   - otherwise Windows-1256 (the common legacy Arabic code page) with a
 *     warning, unless `forced` names an ICU converter to use instead.
 * Line ends are then normalized: CRLF and a lone CR become LF.
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
    FAH_READ_GZIP,      /* corrupt or truncated gzip stream */
    FAH_READ_TOO_BIG,   /* more than FAH_MAX_FILE_BYTES */
    FAH_READ_NOMEM
} fah_read_status;

/* Read `path` into out (reset first).  *gzipped tells whether it was
 * compressed.  On failure msg (msglen bytes) says why. */
fah_read_status fah_read_file(const char *path, fah_buf *out, int *gzipped, char *msg,
                              size_t msglen);

typedef struct fah_decoded {
    const char *encoding;  /* "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1256", or forced */
    int guessed;           /* 1 when the encoding is a fallback guess */
    size_t invalid_at;     /* for a fallback, offset of the first byte that was not UTF-8 */
} fah_decoded;

/* Decode raw[0..len) into UTF-8 text in out.  `forced` is NULL or an ICU
 * converter name.  Returns 0, or -1 (unknown converter, out of memory) with
 * msg set. */
int fah_decode(const char *raw, size_t len, const char *forced, fah_buf *out, fah_decoded *info,
               char *msg, size_t msglen);

/* 0 when ICU has a converter called `name`, else -1. */
int fah_check_encoding(const char *name);

/* Does raw look like a binary (non-text) file: more than 1% NUL bytes (and more than 8) in the first
 * 64 KiB without a UTF-16 BOM, or a known binary signature (PDF, PNG, JPEG, GIF, ZIP, ...)?
 * Returns a short reason or NULL. */
const char *fah_binary_reason(const char *raw, size_t len);

#endif
