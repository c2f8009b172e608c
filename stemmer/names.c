#include "names.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../tagger/embedded.h"
#include "normalize.h"


static char **names;
static size_t nnames;
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static int cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Add the one-word values of a field's '|'-separated list v[0..len). */
static void add_values(const char *v, size_t len, size_t *cap) {
    static const char article[] = "\xd8\xa7\xd9\x84"; /* ال */
    size_t i = 0;
    while (i <= len) {
        size_t j = i;
        while (j < len && v[j] != '|') j++;
        if (j > i && !memchr(v + i, ' ', j - i)) {
            fah_buf b = FAH_BUF_INIT;
            if (fah_normalize_token(v + i, j - i, &b) == 0 && b.len) {
                const char *s = b.data;
                size_t n = b.len;
                if (n > 4 + 4 && memcmp(s, article, 4) == 0) s += 4, n -= 4;
                /* two letters or fewer have no suffix to lose */
                if (n >= 6 && nnames == *cap) {
                    char **v = realloc(names, (*cap * 2 + 64) * sizeof *v);
                    if (v) names = v, *cap = *cap * 2 + 64;
                }
                if (n >= 6 && nnames < *cap) {
                    char *c = malloc(n + 1);
                    if (c) {
                        memcpy(c, s, n);
                        c[n] = '\0';
                        names[nnames++] = c;
                    }
                }
            }
            fah_buf_free(&b);
        }
        i = j + 1;
    }
}

static void fill(void) {
    size_t cap = 0;
    for (const fah_embedded_file *f = fah_gazetteer_files; f->name; f++) {
        const char *p = f->data, *end = f->data + f->len;
        while (p < end) {
            const char *eol = memchr(p, '\n', (size_t)(end - p));
            if (!eol) eol = end;
            if ((size_t)(eol - p) > 7 && memcmp(p, "leader\t", 7) == 0) {
                const char *q = p;
                while (q < eol) {
                    const char *tab = memchr(q, '\t', (size_t)(eol - q));
                    if (!tab) tab = eol;
                    size_t fl = (size_t)(tab - q);
                    if (fl > 3 && memcmp(q, "ar=", 3) == 0) add_values(q + 3, fl - 3, &cap);
                    else if (fl > 6 && memcmp(q, "alias=", 6) == 0) add_values(q + 6, fl - 6, &cap);
                    else if (fl > 7 && memcmp(q, "titled=", 7) == 0) add_values(q + 7, fl - 7, &cap);
                    q = tab + 1;
                }
            }
            p = eol + 1;
        }
    }
    if (names) qsort(names, nnames, sizeof *names, cmp);
}

int fah_stem_is_name(const char *word) {
    pthread_once(&names_once, fill);
    return nnames && bsearch(&word, names, nnames, sizeof *names, cmp) != NULL;
}
