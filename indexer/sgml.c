#include "sgml.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "textutil.h"

int fah_sgml_detect(const char *buf, size_t len) {
    size_t i = 0;
    if (len >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
        (unsigned char)buf[2] == 0xBF)
        i = 3;
    while (i < len && isspace((unsigned char)buf[i])) i++;
    if (len - i < 5) return 0;
    return buf[i] == '<' && strncasecmp(buf + i + 1, "DOC", 3) == 0 &&
           (buf[i + 4] == '>' || buf[i + 4] == ' ');
}

/* Find the field <tag>...</tag> inside rec[0..len); returns a malloc()ed
 * extracted string, NULL if absent (*oom set when allocation failed). */
static char *field(const char *rec, size_t len, const char *tag, int strip, int *oom) {
    char open[32], close[32];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *o = fah_memcasemem(rec, len, open);
    if (!o) return NULL;
    const char *start = o + strlen(open);
    size_t rest = len - (size_t)(start - rec);
    const char *c = fah_memcasemem(start, rest, close);
    if (!c) {
        /* no closing tag: the field ends where the next line opens a tag */
        for (const char *p = start; (p = memchr(p, '\n', rest - (size_t)(p - start))) != NULL; p++) {
            size_t left = rest - (size_t)(p - start);
            if (left >= 3 && p[1] == '<' && (isalpha((unsigned char)p[2]) || p[2] == '/')) {
                c = p;
                break;
            }
        }
    }
    size_t flen = c ? (size_t)(c - start) : rest;
    char *v = fah_text_extract(start, flen, strip);
    if (!v) {
        *oom = 1;
        return NULL;
    }
    if (!*v) {
        free(v);
        return NULL;
    }
    return v;
}

static char *first_field(const char *rec, size_t len, const char *const *tags, int strip,
                         int *oom) {
    for (; *tags; tags++) {
        char *v = field(rec, len, *tags, strip, oom);
        if (v || *oom) return v;
    }
    return NULL;
}

int fah_sgml_parse(const char *buf, size_t len, fah_article_cb cb, void *ctx,
                   size_t *unterminated) {
    static const char *const t_id[] = {"DOCNO", "DOCID", NULL};
    static const char *const t_title[] = {"TITLE", "HEADLINE", "HEADER", NULL};
    static const char *const t_date[] = {"TIME", "DATE", "DATE_TIME", NULL};
    static const char *const t_src[] = {"SRC", "SOURCE", NULL};
    static const char *const t_url[] = {"URL", NULL};
    static const char *const t_author[] = {"AUTHOR", "BYLINE", "DATELINE", NULL};
    static const char *const t_cat[] = {"CAT", NULL};
    static const char *const t_abs[] = {"ABSTRACT", NULL};
    static const char *const t_body[] = {"TEXT", "BODY", NULL};
    size_t recno = 0, line = 1, line_at = 0;
    if (unterminated) *unterminated = 0;
    const char *p = buf, *end = buf + len;
    for (;;) {
        const char *d = fah_memcasemem(p, (size_t)(end - p), "<DOC>");
        const char *d2 = fah_memcasemem(p, (size_t)(end - p), "<DOC ");
        if (!d || (d2 && d2 < d)) d = d2;
        if (!d) break;
        const char *body = memchr(d, '>', (size_t)(end - d));
        body = body ? body + 1 : end;
        const char *close = fah_memcasemem(body, (size_t)(end - body), "</DOC>");
        const char *next = fah_memcasemem(body, (size_t)(end - body), "<DOC>");
        const char *rec_end;
        if (close && (!next || close < next)) {
            rec_end = close;
            p = close + 6;
        } else {
            rec_end = next ? next : end;
            p = rec_end;
            if (unterminated) (*unterminated)++;
        }
        line += fah_count_lines(buf + line_at, (size_t)(d - buf) - line_at);
        line_at = (size_t)(d - buf);
        size_t rl = (size_t)(rec_end - body);
        fah_article a;
        memset(&a, 0, sizeof a);
        int oom = 0;
        a.id = fah_one_line(first_field(body, rl, t_id, 0, &oom));
        a.title = fah_one_line(first_field(body, rl, t_title, 1, &oom));
        a.date_raw = fah_one_line(first_field(body, rl, t_date, 0, &oom));
        a.source = fah_one_line(first_field(body, rl, t_src, 0, &oom));
        a.url = fah_one_line(first_field(body, rl, t_url, 0, &oom));
        a.author = fah_one_line(first_field(body, rl, t_author, 1, &oom));
        a.category = fah_one_line(first_field(body, rl, t_cat, 0, &oom));
        a.abstract = first_field(body, rl, t_abs, 1, &oom);
        a.body = first_field(body, rl, t_body, 1, &oom);
        a.record = ++recno;
        a.offset = (size_t)(d - buf);
        a.line = line;
        if (oom) {
            fah_article_clear(&a);
            return -1;
        }
        int rc = cb(ctx, &a);
        if (rc) return rc;
        if (p >= end) break;
    }
    return 0;
}
