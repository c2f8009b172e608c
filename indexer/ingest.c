#include "ingest.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xxhash.h>

#include "../common/utf8.h"
#include "decode.h"
#include "filetype.h"
#include "html.h"
#include "json.h"
#include "plaintext.h"
#include "sgml.h"
#include "textutil.h"

struct fah_ingest {
    const char *encoding;
    fah_format format;
    fah_buf raw, text;
    size_t bytes;
    int gz;     /* the bytes in raw came out of gzip */
    int ready;  /* raw holds a file read by fah_ingest_read, not yet parsed */
    int content_failed; /* the last read failed on the bytes themselves */
    const char *binary; /* the last parse skipped binary data: what it looked like */
    int cut;            /* raw is the readable part of a damaged gzip stream ... */
    char cut_msg[400];  /* ... and this says what was wrong */
};

int fah_ingest_content_failed(const fah_ingest *g) { return g->content_failed; }

const char *fah_ingest_binary(const fah_ingest *g) { return g->binary; }

int fah_format_parse(const char *name, fah_format *out) {
    static const struct { const char *n; fah_format f; } t[] = {
        {"text", FAH_FMT_TEXT}, {"sgml", FAH_FMT_SGML}, {"trec", FAH_FMT_SGML},
        {"json", FAH_FMT_JSON}, {"jsonl", FAH_FMT_JSON}, {"html", FAH_FMT_HTML},
        {"rss", FAH_FMT_FEED},  {"atom", FAH_FMT_FEED}, {"feed", FAH_FMT_FEED},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcasecmp(name, t[i].n) == 0) {
            *out = t[i].f;
            return 0;
        }
    return -1;
}

const char *fah_format_name(fah_format f) {
    switch (f) {
        case FAH_FMT_AUTO: return "auto";
        case FAH_FMT_TEXT: return "text";
        case FAH_FMT_SGML: return "sgml";
        case FAH_FMT_JSON: return "json";
        case FAH_FMT_HTML: return "html";
        case FAH_FMT_FEED: return "rss/atom";
    }
    return "?";
}

int fah_ingest_new(const char *enc, fah_format fmt, fah_ingest **out) {
    fah_ingest *g = calloc(1, sizeof *g);
    if (!g) return -1;
    g->encoding = enc;
    g->format = fmt;
    *out = g;
    return 0;
}

void fah_ingest_delete(fah_ingest *g) {
    if (!g) return;
    fah_buf_free(&g->raw);
    fah_buf_free(&g->text);
    free(g);
}

size_t fah_ingest_bytes(const fah_ingest *g) { return g->bytes; }

static void notef(const fah_ingest_cbs *cb, int failed, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void notef(const fah_ingest_cbs *cb, int failed, const char *fmt, ...) {
    char m[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    cb->note(cb->ctx, failed, m);
}

fah_format fah_detect_format(const char *t, size_t len) {
    if (fah_sgml_detect(t, len)) return FAH_FMT_SGML;
    size_t i = 0;
    if (len >= 3 && (unsigned char)t[0] == 0xEF && (unsigned char)t[1] == 0xBB) i = 3;
    while (i < len && isspace((unsigned char)t[i])) i++;
    if (i < len && (t[i] == '[' || t[i] == '{')) return FAH_FMT_JSON;
    if (fah_feed_detect(t + i, len - i)) return FAH_FMT_FEED;
    if (fah_html_detect(t, len)) return FAH_FMT_HTML;
    return FAH_FMT_TEXT;
}

/* Does the file name say JSON? */
static int json_name(const char *rel) {
    static const char *const ext[] = {".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz",
                                      ".ndjson.gz"};
    size_t n = strlen(rel);
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t e = strlen(ext[i]);
        if (n >= e && strcasecmp(rel + n - e, ext[i]) == 0) return 1;
    }
    return 0;
}

typedef struct relay {
    const fah_ingest_cbs *cb;
    int multi;
    size_t records;
    int stopped;
} relay;

static int relay_article(void *ctx, fah_article *a) {
    relay *r = ctx;
    a->multi = r->multi;
    r->records++;
    int rc = r->cb->article(r->cb->ctx, a);
    if (rc) r->stopped = 1;
    return rc;
}

fah_outcome fah_ingest_read(fah_ingest *g, const char *path, const char *rel,
                            const fah_ingest_cbs *cb, unsigned char hash[16], int *hashed) {
    *hashed = 0;
    g->ready = 0;
    g->content_failed = 0;
    const char *why = g->format == FAH_FMT_AUTO ? fah_skip_by_name(rel) : NULL;
    if (why) {
        notef(cb, 0, "skipped: %s", why);
        return FAH_FILE_SKIPPED;
    }
    char msg[400];
    fah_read_status rs = fah_read_file(path, &g->raw, &g->gz, msg, sizeof msg);
    if (rs == FAH_READ_NOMEM) return FAH_FILE_NOMEM;
    if (rs == FAH_READ_VANISHED) {
        notef(cb, 0, "skipped: %s", msg);
        return FAH_FILE_SKIPPED;
    }
    g->cut = 0;
    if (rs == FAH_READ_GZIP && g->raw.len > 0) {
        /* a truncated or damaged gzip stream: parse what came out of it
         * (fah_ingest_parse then reports the file as failed) */
        g->cut = 1;
        snprintf(g->cut_msg, sizeof g->cut_msg, "%s", msg);
    } else if (rs != FAH_READ_OK) {
        notef(cb, 1, "%s", msg);
        g->content_failed = rs == FAH_READ_GZIP || rs == FAH_READ_TOO_BIG;
        return FAH_FILE_FAILED;
    }
    XXH128_hash_t h = XXH3_128bits(g->raw.data ? g->raw.data : "", g->raw.len);
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, h);
    memcpy(hash, c.digest, 16);
    *hashed = 1;
    g->ready = 1;
    return FAH_FILE_READ;
}

fah_outcome fah_ingest_file(fah_ingest *g, const char *path, const char *rel,
                            const fah_ingest_cbs *cb, int *stopped) {
    unsigned char hash[16];
    int hashed;
    *stopped = 0;
    fah_outcome o = fah_ingest_read(g, path, rel, cb, hash, &hashed);
    return o == FAH_FILE_READ ? fah_ingest_parse(g, rel, cb, stopped) : o;
}

static fah_outcome parse_body(fah_ingest *g, const char *rel, const fah_ingest_cbs *cb, int *stopped);

fah_outcome fah_ingest_parse(fah_ingest *g, const char *rel, const fah_ingest_cbs *cb, int *stopped) {
    int cut = g->cut && g->ready;
    g->cut = 0;
    fah_outcome o = parse_body(g, rel, cb, stopped);
    if (cut && o != FAH_FILE_NOMEM) {
        /* the records read before the damage are indexed; the file fails
         * (once: content_failed) until it changes */
        notef(cb, 1, "%s; the records before it are kept", g->cut_msg);
        g->content_failed = 1;
        return FAH_FILE_FAILED;
    }
    return o;
}

static fah_outcome parse_body(fah_ingest *g, const char *rel, const fah_ingest_cbs *cb, int *stopped) {
    *stopped = 0;
    g->binary = NULL;
    if (!g->ready) return FAH_FILE_SKIPPED;
    g->ready = 0;
    const char *why;
    char msg[400];
    int gz = g->gz;
    if (g->raw.len == 0) {
        notef(cb, 0, "skipped: empty file");
        return FAH_FILE_SKIPPED;
    }
    if ((why = fah_binary_reason(g->raw.data, g->raw.len)) != NULL) {
        notef(cb, 0, "skipped: %s%s", why, gz ? " (inside gzip)" : "");
        g->binary = why;
        return FAH_FILE_SKIPPED;
    }
    fah_decoded info;
    const unsigned char *u = (const unsigned char *)g->raw.data;
    int bom16 = g->raw.len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
    if (!g->encoding && !bom16 && !fah_utf16_guess(g->raw.data, g->raw.len) &&
        fah_utf8_invalid_at(g->raw.data, g->raw.len) == (size_t)-1) {
        /* UTF-8 already: use the bytes read, no second copy of the file */
        fah_buf tmp = g->text;
        g->text = g->raw;
        g->raw = tmp;
        if (g->text.len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
            memmove(g->text.data, g->text.data + 3, g->text.len - 2);
            g->text.len -= 3;
        }
        fah_normalize_newlines(&g->text);
        memset(&info, 0, sizeof info);
    } else if (fah_decode(g->raw.data, g->raw.len, g->encoding, &g->text, &info, msg, sizeof msg)) {
        notef(cb, 1, "cannot decode: %s", msg);
        return FAH_FILE_FAILED;
    }
    if (g->raw.cap > (16u << 20)) fah_buf_free(&g->raw); /* do not keep a big file's bytes */
    g->bytes += g->text.len;
    if (info.note[0]) notef(cb, 0, "%s", info.note);
    const char *t = g->text.data ? g->text.data : "";
    size_t len = g->text.len;
    fah_format fmt = g->format != FAH_FMT_AUTO ? g->format : fah_detect_format(t, len);
    relay r = {cb, 0, 0, 0};
    int rc = 0;
    switch (fmt) {
        case FAH_FMT_SGML: {
            size_t unterminated = 0, nrec = 0;
            const char *p = t, *end = t + len;
            while (nrec < 2 && (p = fah_memcasemem(p, (size_t)(end - p), "<DOC")) != NULL) {
                nrec++;
                p += 4;
            }
            r.multi = nrec > 1;
            rc = fah_sgml_parse(t, len, relay_article, &r, &unterminated);
            if (unterminated)
                notef(cb, 0, "%zu record(s) without </DOC>; each ended at the next <DOC> or the end of the file",
                      unterminated);
            if (r.records == 0 && rc == 0) notef(cb, 0, "no <DOC> record in this SGML file");
            break;
        }
        case FAH_FMT_JSON: {
            r.multi = fah_json_multi(t, len);
            fah_json_error je;
            rc = fah_json_parse(t, len, relay_article, &r, &je);
            if (rc == 1 && r.records == 0 && !json_name(rel) && g->format == FAH_FMT_AUTO) {
                /* "[فيديو] لحظة ..." : a text article that starts with a bracket */
                fah_article a;
                if (fah_plaintext_parse(t, len, &a)) return FAH_FILE_NOMEM;
                rc = relay_article(&r, &a);
                break;
            }
            if (rc == 1 && je.bad_lines) {
                notef(cb, 1, "%zu invalid JSON line(s), the first at line %zu (byte offset %zu): %s; "
                             "the other %zu record(s) are indexed",
                      je.bad_lines, je.line, je.offset, je.text, r.records);
                *stopped = r.stopped;
                return FAH_FILE_FAILED;
            }
            if (rc == 1) {
                notef(cb, 1, "invalid JSON at line %zu (byte offset %zu) after %zu record(s): %s%s",
                      je.line, je.offset, je.record, je.text,
                      je.record ? "; the records before it are indexed" : "");
                *stopped = r.stopped;
                return FAH_FILE_FAILED;
            }
            break;
        }
        case FAH_FMT_FEED: {
            r.multi = 1;
            rc = fah_feed_parse(t, len, relay_article, &r, msg, sizeof msg);
            if (msg[0]) notef(cb, 0, "%s", msg);
            if (r.records == 0 && rc == 0) notef(cb, 0, "feed without <item> or <entry>");
            break;
        }
        case FAH_FMT_HTML:
        case FAH_FMT_TEXT:
        case FAH_FMT_AUTO: {
            fah_article a;
            if (fmt == FAH_FMT_HTML ? fah_html_parse(t, len, &a) : fah_plaintext_parse(t, len, &a))
                return FAH_FILE_NOMEM;
            rc = relay_article(&r, &a);
            break;
        }
    }
    *stopped = r.stopped;
    if (rc < 0) return FAH_FILE_NOMEM;
    return FAH_FILE_READ;
}
