/*
 * buf.h - a growable byte buffer (always NUL-terminated).
 *
 * Ownership: the buffer owns `data`; fah_buf_free() releases it.  Functions
 * return 0 on success, -1 when memory runs out (the buffer is left valid).
 */
#ifndef FAHRAS_BUF_H
#define FAHRAS_BUF_H

#include <stddef.h>

typedef struct fah_buf {
    char *data;   /* NUL-terminated; NULL until the first append */
    size_t len;   /* bytes used, excluding the NUL */
    size_t cap;   /* bytes allocated */
} fah_buf;

#define FAH_BUF_INIT {NULL, 0, 0}

int fah_buf_reserve(fah_buf *b, size_t extra);
int fah_buf_append(fah_buf *b, const char *s, size_t n);
int fah_buf_puts(fah_buf *b, const char *s);
int fah_buf_putc(fah_buf *b, char c);
int fah_buf_printf(fah_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append code point `cp` encoded as UTF-8. */
int fah_buf_put_utf8(fah_buf *b, unsigned cp);
void fah_buf_reset(fah_buf *b);
void fah_buf_free(fah_buf *b);
/* Hand the data to the caller (malloc()ed, never NULL on success) and reset. */
char *fah_buf_steal(fah_buf *b);

#endif
