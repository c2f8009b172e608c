#include "textutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/buf.h"

const char *fah_memcasemem(const char *hay, size_t len, const char *needle) {
    size_t n = strlen(needle);
    if (n == 0) return hay;
    if (len < n) return NULL;
    char first = (char)tolower((unsigned char)needle[0]);
    if (!isalpha((unsigned char)first)) {
        /* a needle that starts with '<' (tags): memchr finds the candidates */
        const char *p = hay, *end = hay + len - n + 1;
        while (p < end && (p = memchr(p, first, (size_t)(end - p))) != NULL) {
            if (strncasecmp(p + 1, needle + 1, n - 1) == 0) return p;
            p++;
        }
        return NULL;
    }
    for (size_t i = 0; i + n <= len; i++) {
        if ((char)tolower((unsigned char)hay[i]) != first) continue;
        if (strncasecmp(hay + i, needle, n) == 0) return hay + i;
    }
    return NULL;
}

size_t fah_count_lines(const char *s, size_t len) {
    size_t n = 0;
    const char *p = s, *end = s + len;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* Decode a character reference at s[i] ('&'); on success append and return
 * its length, else 0. */
static size_t decode_ref(const char *s, size_t len, size_t i, fah_buf *out) {
    static const struct { const char *name; unsigned cp; } named[] = {
        {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''},
        {"nbsp;", 0xA0}, {"laquo;", 0xAB}, {"raquo;", 0xBB}, {"hellip;", 0x2026},
        {"ndash;", 0x2013}, {"mdash;", 0x2014}, {"zwnj;", 0x200C}, {"zwj;", 0x200D},
        {"rlm;", 0x200F}, {"lrm;", 0x200E},
    };
    size_t rest = len - i - 1;
    const char *p = s + i + 1;
    if (rest >= 2 && p[0] == '#') {
        unsigned long v = 0;
        size_t k = 1;
        int hex = (p[1] == 'x' || p[1] == 'X');
        if (hex) k = 2;
        size_t digits = 0;
        while (k < rest && digits < 8) {
            char c = p[k];
            if (hex ? isxdigit((unsigned char)c) : isdigit((unsigned char)c)) {
                v = v * (hex ? 16 : 10) + (unsigned long)(isdigit((unsigned char)c) ? c - '0' : (tolower((unsigned char)c) - 'a' + 10));
                k++;
                digits++;
            } else {
                break;
            }
        }
        if (digits == 0 || k >= rest || p[k] != ';') return 0;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) v = 0xFFFD;
        fah_buf_put_utf8(out, (unsigned)v);
        return k + 2;
    }
    for (size_t n = 0; n < sizeof named / sizeof named[0]; n++) {
        size_t l = strlen(named[n].name);
        if (rest >= l && memcmp(p, named[n].name, l) == 0) {
            fah_buf_put_utf8(out, named[n].cp);
            return l + 1;
        }
    }
    return 0;
}

char *fah_text_extract(const char *s, size_t len, int strip_tags) {
    while (len && is_ws(*s)) {
        s++;
        len--;
    }
    while (len && is_ws(s[len - 1])) len--;
    fah_buf b = FAH_BUF_INIT;
    if (fah_buf_reserve(&b, len)) return NULL;
    for (size_t i = 0; i < len;) {
        char c = s[i];
        if (c == '&') {
            size_t n = decode_ref(s, len, i, &b);
            if (n) {
                i += n;
                continue;
            }
        } else if (c == '<' && strip_tags) {
            /* <P>, </P>, <P ...>: a tag name of ASCII letters */
            size_t k = i + 1;
            if (k < len && s[k] == '/') k++;
            size_t name = k;
            while (k < len && isalpha((unsigned char)s[k])) k++;
            if (k > name && k < len && (s[k] == '>' || s[k] == ' ')) {
                const char *gt = memchr(s + k, '>', len - k);
                if (gt && gt - (s + k) < 200) {
                    while (b.len && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\t'))
                        b.data[--b.len] = '\0';
                    if (b.len && b.data[b.len - 1] != '\n') fah_buf_putc(&b, '\n');
                    i = (size_t)(gt - s) + 1;
                    continue;
                }
            }
        }
        /* the run up to the next '&' or '<' in one copy */
        size_t j = i + 1;
        while (j < len && s[j] != '&' && s[j] != '<') j++;
        if (fah_buf_append(&b, s + i, j - i)) {
            fah_buf_free(&b);
            return NULL;
        }
        i = j;
    }
    /* trim again: tags may have left newlines at the ends */
    while (b.len && is_ws(b.data[b.len - 1])) b.data[--b.len] = '\0';
    size_t lead = 0;
    while (lead < b.len && is_ws(b.data[lead])) lead++;
    if (lead) {
        memmove(b.data, b.data + lead, b.len - lead + 1);
        b.len -= lead;
    }
    return fah_buf_steal(&b);
}

char *fah_one_line(char *s) {
    if (!s) return s;
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; s[i]; i++) {
        if (is_ws(s[i])) {
            space = 1;
            continue;
        }
        if (space && o) s[o++] = ' ';
        space = 0;
        s[o++] = s[i];
    }
    s[o] = '\0';
    return s;
}
