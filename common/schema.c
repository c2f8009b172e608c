#include "schema.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../stemmer/normalize.h"
#include "../xap/fx.h"
#include "buf.h"

static uint64_t fnv1a(const char *s, uint64_t h) {
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

size_t fah_id_term(const char *id, char *buf, size_t buflen) {
    size_t n = strlen(id);
    if (1 + n <= FX_MAX_TERM_BYTES && n + 2 <= buflen) {
        buf[0] = 'Q';
        memcpy(buf + 1, id, n + 1);
        return n + 1;
    }
    uint64_t a = fnv1a(id, 14695981039346656037ULL);
    uint64_t b = fnv1a(id, 0x9e3779b97f4a7c15ULL);
    return (size_t)snprintf(buf, buflen, "Q#%016llx%016llx", (unsigned long long)a,
                            (unsigned long long)b);
}

int fah_source_term(const char *source, fah_buf *out) {
    fah_buf_reset(out);
    fah_buf norm = FAH_BUF_INIT;
    if (fah_buf_puts(out, FAH_PREFIX_SOURCE)) return -1;
    int rc = 0, space = 0;
    for (const char *p = source; *p && rc == 0;) {
        while (*p == ' ' || *p == '\t' || *p == '\n') {
            space = 1;
            p++;
        }
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != '\n') e++;
        if (e > p) {
            if (space && out->len > 2) rc |= fah_buf_putc(out, ' ');
            rc |= fah_normalize_token(p, (size_t)(e - p), &norm);
            rc |= fah_buf_append(out, norm.data, norm.len);
        }
        space = 0;
        p = e;
    }
    fah_buf_free(&norm);
    if (out->len > FX_MAX_TERM_BYTES) out->len = FX_MAX_TERM_BYTES; /* a very long name: its start */
    if (out->data) out->data[out->len] = '\0';
    return rc ? -1 : 0;
}
