#include "plaintext.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/utf8.h"
#include "textutil.h"

static int blank_line(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i])) return 0;
    return 1;
}

/* Which article field a header key names, or NULL. */
static char **header_slot(fah_article *a, const char *key, size_t klen) {
    static const char *names[] = {"title", "date", "source", "url", "author", "category", "id"};
    char **slots[] = {&a->title, &a->date_raw, &a->source, &a->url, &a->author, &a->category,
                      &a->id};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == klen && strncasecmp(key, names[i], klen) == 0) return slots[i];
    return NULL;
}

/* Try the header block; returns bytes consumed (0 if there is none), or
 * (size_t)-1 when out of memory. */
static size_t parse_header(const char *buf, size_t len, fah_article *a) {
    size_t i = 0;
    int fields = 0;
    while (i < len) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t le = nl ? (size_t)(nl - buf) : len;
        const char *line = buf + i;
        size_t ll = le - i;
        if (blank_line(line, ll)) {
            if (fields) return nl ? le + 1 : le;
            return 0;
        }
        const char *colon = memchr(line, ':', ll);
        if (!colon) return fields ? i : 0;
        char **slot = header_slot(a, line, (size_t)(colon - line));
        if (!slot) return fields ? i : 0;
        char *v = fah_text_extract(colon + 1, ll - (size_t)(colon + 1 - line), 0);
        if (!v) return (size_t)-1;
        free(*slot);
        *slot = v;
        fields++;
        i = nl ? le + 1 : le;
    }
    return fields ? len : 0;
}

int fah_plaintext_parse(const char *buf, size_t len, fah_article *a) {
    memset(a, 0, sizeof *a);
    a->record = 1;
    a->line = 1;
    size_t i = 0;
    if (len >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
        (unsigned char)buf[2] == 0xBF)
        i = 3;
    size_t h = parse_header(buf + i, len - i, a);
    if (h == (size_t)-1) goto oom;
    if (h) {
        i += h;
    } else {
        /* first non-blank line as a headline? */
        size_t j = i;
        while (j < len && isspace((unsigned char)buf[j])) j++;
        const char *nl = memchr(buf + j, '\n', len - j);
        size_t le = nl ? (size_t)(nl - buf) : len;
        size_t k = le;
        while (k > j && isspace((unsigned char)buf[k - 1])) k--;
        size_t chars = fah_utf8_count(buf + j, k - j);
        int more = 0;
        for (size_t m = le; m < len; m++)
            if (!isspace((unsigned char)buf[m])) {
                more = 1;
                break;
            }
        int ends_sentence = 0;
        if (k > j) {
            const char *e = buf + k;
            ends_sentence = e[-1] == '.' || e[-1] == '!' || e[-1] == '?' || e[-1] == ':' ||
                            (k - j >= 2 && (unsigned char)e[-2] == 0xD8 &&
                             ((unsigned char)e[-1] == 0x9F || (unsigned char)e[-1] == 0x8C));
        }
        if (more && chars > 0 && chars <= FAH_TITLE_MAX_CHARS && !ends_sentence) {
            a->title = fah_text_extract(buf + j, k - j, 0);
            if (!a->title) goto oom;
            i = le;
        }
    }
    a->body = fah_text_extract(buf + i, len - i, 0);
    if (!a->body) goto oom;
    return 0;
oom:
    fah_article_clear(a);
    return -1;
}
