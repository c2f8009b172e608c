#include "json.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "textutil.h"

static char *field(json_t *o, const char *const *names, int *oom) {
    for (; *names; names++) {
        json_t *v = json_object_get(o, *names);
        if (!v) continue;
        char num[64];
        const char *s = NULL;
        size_t n = 0;
        if (json_is_string(v)) {
            s = json_string_value(v);
            n = json_string_length(v);
        } else if (json_is_integer(v)) {
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
            s = num;
            n = strlen(num);
        } else if (json_is_real(v)) {
            snprintf(num, sizeof num, "%.17g", json_real_value(v));
            s = num;
            n = strlen(num);
        }
        fah_buf joined = FAH_BUF_INIT;
        if (json_is_array(v)) { /* "body": ["para", "para"], "author": ["a", "b"] */
            size_t i;
            json_t *el;
            int body = strcmp(*names, "content") == 0 || strcmp(*names, "text") == 0 ||
                       strcmp(*names, "body") == 0 || strcmp(*names, "article") == 0 ||
                       strcmp(*names, "articleBody") == 0;
            json_array_foreach(v, i, el) {
                const char *es = json_is_string(el) ? json_string_value(el)
                                 : json_is_object(el) ? json_string_value(json_object_get(el, "name"))
                                                      : NULL;
                if (!es || !*es) continue;
                if (joined.len) fah_buf_puts(&joined, body ? "\n" : ", ");
                fah_buf_puts(&joined, es);
            }
            if (joined.len) {
                s = joined.data;
                n = joined.len;
            }
        } else if (json_is_object(v)) { /* "author": {"name": "..."} */
            json_t *nm = json_object_get(v, "name");
            if (json_is_string(nm)) {
                s = json_string_value(nm);
                n = strlen(s);
            }
        }
        if (!s) {
            fah_buf_free(&joined);
            continue;
        }
        int markup = strstr(s, "<p") || strstr(s, "<P") || strstr(s, "<br") || strstr(s, "</");
        char *r = fah_text_extract(s, n, markup);
        fah_buf_free(&joined);
        if (!r) {
            *oom = 1;
            return NULL;
        }
        if (!*r) {
            free(r);
            continue;
        }
        return r;
    }
    return NULL;
}

static int to_article(json_t *o, size_t record, size_t line, size_t offset, fah_article_cb cb,
                      void *ctx) {
    static const char *const f_id[] = {"id", "_id", "docno", "guid", NULL};
    static const char *const f_title[] = {"title", "headline", NULL};
    static const char *const f_body[] = {"content", "text", "body", "article", "articleBody", NULL};
    static const char *const f_abs[] = {"description", "summary", "lead", "abstract", NULL};
    static const char *const f_date[] = {"date", "published", "publish_date", "published_at",
                                         "date_extracted", "datePublished", "pubDate", "time",
                                         "timestamp", NULL};
    static const char *const f_src[] = {"source", "outlet", "site", "newspaper", "publisher", NULL};
    static const char *const f_url[] = {"url", "link", NULL};
    static const char *const f_author[] = {"author", "byline", "writer", NULL};
    static const char *const f_cat[] = {"category", "section", NULL};
    fah_article a;
    memset(&a, 0, sizeof a);
    int oom = 0;
    if (json_is_object(o)) {
        a.id = fah_one_line(field(o, f_id, &oom));
        a.title = fah_one_line(field(o, f_title, &oom));
        a.body = field(o, f_body, &oom);
        a.abstract = field(o, f_abs, &oom);
        a.date_raw = fah_one_line(field(o, f_date, &oom));
        a.source = fah_one_line(field(o, f_src, &oom));
        a.url = fah_one_line(field(o, f_url, &oom));
        a.author = fah_one_line(field(o, f_author, &oom));
        a.category = fah_one_line(field(o, f_cat, &oom));
    }
    a.record = record;
    a.line = line;
    a.offset = offset;
    if (oom) {
        fah_article_clear(&a);
        return -1;
    }
    return cb(ctx, &a);
}

static size_t skip_ws(const char *b, size_t len, size_t i, size_t *line) {
    while (i < len && isspace((unsigned char)b[i])) {
        if (b[i] == '\n') (*line)++;
        i++;
    }
    return i;
}

static void set_err(fah_json_error *err, size_t line, size_t off, size_t rec, const char *text) {
    err->line = line;
    err->offset = off;
    err->record = rec;
    snprintf(err->text, sizeof err->text, "%s", text);
}

/* Line of byte offset `off` counting from `from` at line `line`. */
static size_t line_at(const char *b, size_t from, size_t off, size_t line) {
    for (size_t k = from; k < off; k++) line += b[k] == '\n';
    return line;
}

int fah_json_multi(const char *b, size_t len) {
    size_t line = 1, i = skip_ws(b, len, 0, &line);
    if (i < len && b[i] == '[') {
        json_error_t je;
        json_t *first = json_loadb(b + i + 1, len - i - 1, JSON_DISABLE_EOF_CHECK, &je);
        if (!first) return 0;
        json_decref(first);
        size_t j = skip_ws(b, len, i + 1 + je.position, &line);
        return j < len && b[j] == ',';
    }
    size_t lines = 0;
    for (size_t k = i; k < len; k++)
        if (b[k] == '\n' && k + 1 < len && !isspace((unsigned char)b[k + 1])) lines++;
    return lines >= 1;
}

int fah_json_parse(const char *b, size_t len, fah_article_cb cb, void *ctx, fah_json_error *err) {
    memset(err, 0, sizeof *err);
    size_t line = 1, i = skip_ws(b, len, 0, &line), rec = 0;
    if (i >= len) return 0;
    json_error_t je;
    if (b[i] == '[') {
        i++;
        for (;;) {
            i = skip_ws(b, len, i, &line);
            if (i < len && b[i] == ']') return 0;
            if (i >= len) {
                set_err(err, line, i, rec, "the array is not closed (file cut short?)");
                return 1;
            }
            json_t *v = json_loadb(b + i, len - i, JSON_DISABLE_EOF_CHECK, &je);
            if (!v) {
                set_err(err, line_at(b, i, i + (size_t)je.position, line), i + (size_t)je.position,
                        rec, je.text);
                return 1;
            }
            size_t start_line = line;
            line = line_at(b, i, i + (size_t)je.position, line);
            size_t at = i;
            i += (size_t)je.position;
            int rc = to_article(v, ++rec, start_line, at, cb, ctx);
            json_decref(v);
            if (rc) return rc;
            i = skip_ws(b, len, i, &line);
            if (i < len && b[i] == ',') {
                i++;
                continue;
            }
            if (i < len && b[i] == ']') return 0;
            set_err(err, line, i, rec, "expected ',' or ']' after an array element");
            return 1;
        }
    }
    /* one object for the whole file: an export wrapping an array of
     * articles, or a single article */
    json_t *whole = json_loadb(b + i, len - i, 0, &je);
    if (whole && json_is_object(whole)) {
        static const char *const wrappers[] = {"articles", "items", "data", "results", "docs",
                                               "posts", NULL};
        for (const char *const *w = wrappers; *w; w++) {
            json_t *arr = json_object_get(whole, *w);
            if (!json_is_array(arr) || !json_is_object(json_array_get(arr, 0))) continue;
            size_t k;
            json_t *el;
            int rc = 0;
            json_array_foreach(arr, k, el) {
                rc = to_article(el, ++rec, line, i, cb, ctx);
                if (rc) break;
            }
            json_decref(whole);
            return rc;
        }
        int rc = to_article(whole, 1, line, i, cb, ctx);
        json_decref(whole);
        return rc;
    }
    json_decref(whole);
    /* JSON Lines */
    while (i < len) {
        const char *nl = memchr(b + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - b) : len;
        size_t k = i;
        while (k < end && isspace((unsigned char)b[k])) k++;
        if (k < end) {
            json_t *v = json_loadb(b + k, end - k, 0, &je);
            if (!v) { /* skip the bad line, go on with the next */
                if (err->bad_lines++ == 0) set_err(err, line, k + (size_t)je.position, rec, je.text);
                line++;
                i = end + 1;
                continue;
            }
            int rc = to_article(v, ++rec, line, k, cb, ctx);
            json_decref(v);
            if (rc) return rc;
        }
        line++;
        i = end + 1;
    }
    return err->bad_lines ? 1 : 0;
}
