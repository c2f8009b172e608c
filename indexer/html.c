#include "html.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/buf.h"
#include "textutil.h"

static int name_is(const xmlNode *n, const char *name) {
    return n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

static char *attr(const xmlNode *n, const char *name) {
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)name);
    if (!v) return NULL;
    char *r = strdup((const char *)v);
    xmlFree(v);
    return r;
}

static int has_prefix_ci(const char *s, const char *p) { return strncasecmp(s, p, strlen(p)) == 0; }

/* Element names whose content is never article text. */
static int skip_element(const xmlNode *n) {
    static const char *const names[] = {"script", "style", "noscript", "nav", "header", "footer",
                                        "aside", "form", "button", "iframe", "svg", "figcaption",
                                        "select", "template", "head", "title", NULL};
    for (const char *const *p = names; *p; p++)
        if (name_is(n, *p)) return 1;
    static const char *const clutter[] = {"menu", "nav", "footer", "header", "sidebar", "related",
                                          "share", "social", "cookie", "consent", "banner", "advert",
                                          "comment", "breadcrumb", "newsletter", "subscribe",
                                          "popup", "modal", "tags", "read-also", "readmore",
                                          "gdpr", "most-read", "mostread", "taboola", "outbrain",
                                          "sponsored", "promo", NULL};
    const char *attrs[] = {"class", "id"};
    for (int k = 0; k < 2; k++) {
        char *v = attr(n, attrs[k]);
        if (!v) continue;
        for (char *c = v; *c; c++) *c = (char)tolower((unsigned char)*c);
        int hit = 0;
        for (const char *const *p = clutter; *p && !hit; p++)
            if (strstr(v, *p)) hit = 1;
        /* "article-header" and similar hold the title, which we have; but a
         * class like "content main-body" must not match "nav" inside words
         * such as "canvas": require the word to start a token */
        if (hit) {
            hit = 0;
            for (const char *const *p = clutter; *p && !hit; p++) {
                const char *f = v;
                while ((f = strstr(f, *p)) != NULL) {
                    if (f == v || !isalpha((unsigned char)f[-1])) {
                        hit = 1;
                        break;
                    }
                    f++;
                }
            }
        }
        free(v);
        if (hit) return 1;
    }
    return 0;
}

static int is_block(const xmlNode *n) {
    static const char *const blocks[] = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4",
                                         "h5", "h6", "tr", "section", "article", "blockquote",
                                         "table", "main", "dd", "dt", "pre", NULL};
    for (const char *const *p = blocks; *p; p++)
        if (name_is(n, *p)) return 1;
    return 0;
}

static void text_of(const xmlNode *n, fah_buf *out, int skip_clutter);

/* Plain text of a node (no filtering), white space folded. */
static char *plain_text(const xmlNode *n) {
    fah_buf b = FAH_BUF_INIT;
    text_of(n, &b, 0);
    char *r = fah_one_line(fah_buf_steal(&b));
    return r;
}

static int starts_read_also(const xmlNode *n) {
    if (!(name_is(n, "h2") || name_is(n, "h3") || name_is(n, "h4") || name_is(n, "p") ||
          name_is(n, "strong") || name_is(n, "b") || name_is(n, "div") || name_is(n, "span")))
        return 0;
    char *t = plain_text(n->children);
    if (!t) return 0;
    /* drop harakat (U+064B-U+0652: D9 8B..D9 92) so اقرأ أيضاً matches */
    size_t o = 0;
    for (size_t i = 0; t[i]; i++) {
        if ((unsigned char)t[i] == 0xD9 && (unsigned char)t[i + 1] >= 0x8B &&
            (unsigned char)t[i + 1] <= 0x92) {
            i++;
            continue;
        }
        t[o++] = t[i];
    }
    t[o] = '\0';
    static const char *const marks[] = {"اقرأ أيضا", "اقرأ ايضا", "إقرأ أيضا", "إقرأ ايضا",
                                        "اقرا ايضا", "شاهد أيضا", "شاهد ايضا",
                                        "مواضيع ذات صلة", "أخبار ذات صلة", "اخبار ذات صلة",
                                        "مقالات ذات صلة", "Read also", "Read more", "Related", NULL};
    int hit = 0;
    for (const char *const *m = marks; *m && !hit; m++)
        if (has_prefix_ci(t, *m)) hit = 1;
    /* a short line only: a paragraph that merely starts so is text */
    if (hit && strlen(t) > 120) hit = 0;
    free(t);
    return hit;
}

static void text_of(const xmlNode *n, fah_buf *out, int skip_clutter) {
    for (const xmlNode *c = n; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            const char *s = (const char *)c->content;
            if (s) fah_buf_puts(out, s);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        if (skip_clutter && skip_element(c)) continue;
        if (skip_clutter && starts_read_also(c)) {
            /* drop it and the list or block right after it */
            const xmlNode *nx = c->next;
            while (nx && nx->type != XML_ELEMENT_NODE) nx = nx->next;
            if (nx && (name_is(nx, "ul") || name_is(nx, "ol") || name_is(nx, "div"))) c = nx;
            continue;
        }
        int block = is_block(c);
        if (block) fah_buf_putc(out, '\n');
        text_of(c->children, out, skip_clutter);
        if (block) fah_buf_putc(out, '\n');
    }
}

/* Tidy extracted text: fold spaces in lines, drop blank lines, trim. */
static char *tidy(fah_buf *b) {
    fah_buf o = FAH_BUF_INIT;
    const char *s = b->data ? b->data : "";
    size_t n = b->len;
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        char *line = fah_one_line(strndup(s + i, e - i));
        if (line && *line) {
            if (o.len) fah_buf_putc(&o, '\n');
            fah_buf_puts(&o, line);
        }
        free(line);
        i = e + 1;
    }
    fah_buf_reserve(&o, 0);
    return fah_buf_steal(&o);
}

static const xmlNode *find(const xmlNode *n, int (*pred)(const xmlNode *)) {
    for (const xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (pred(c)) return c;
        const xmlNode *r = find(c->children, pred);
        if (r) return r;
    }
    return NULL;
}

static int p_article(const xmlNode *n) { return name_is(n, "article"); }
static int p_body_prop(const xmlNode *n) {
    char *v = attr(n, "itemprop");
    int r = v && strcasecmp(v, "articleBody") == 0;
    free(v);
    return r;
}
static int p_main(const xmlNode *n) { return name_is(n, "main"); }
static int p_body(const xmlNode *n) { return name_is(n, "body"); }
static int p_h1(const xmlNode *n) { return name_is(n, "h1"); }
static int p_title(const xmlNode *n) { return name_is(n, "title"); }
static int p_time(const xmlNode *n) { return name_is(n, "time") && xmlHasProp((xmlNode *)n, (const xmlChar *)"datetime"); }

static void collect_articles(const xmlNode *n, const xmlNode **best, size_t *best_len) {
    for (const xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (p_article(c)) {
            fah_buf b = FAH_BUF_INIT;
            text_of(c->children, &b, 1);
            if (b.len > *best_len) {
                *best_len = b.len;
                *best = c;
            }
            fah_buf_free(&b);
        }
        collect_articles(c->children, best, best_len);
    }
}

static const xmlNode *largest_article(const xmlNode *root) {
    const xmlNode *best = NULL;
    size_t len = 0;
    collect_articles(root, &best, &len);
    return best;
}

typedef struct meta_map {
    const char *key; /* property / name / itemprop value */
    int slot;
} meta_map;

enum { M_TITLE, M_DATE, M_SOURCE, M_AUTHOR, M_CAT, M_URL, M_DESC, M_N };

/* schema.org JSON-LD: fill empty slots from a NewsArticle/Article object
 * (also inside "@graph" or a top-level array). */
static void ld_fill(json_t *o, char **m) {
    if (json_is_array(o)) {
        size_t i;
        json_t *e;
        json_array_foreach(o, i, e) ld_fill(e, m);
        return;
    }
    if (!json_is_object(o)) return;
    json_t *graph = json_object_get(o, "@graph");
    if (graph) ld_fill(graph, m);
    const char *type = json_string_value(json_object_get(o, "@type"));
    if (!type || !strstr(type, "Article")) return;
    struct { const char *key; int slot; } f[] = {{"headline", M_TITLE}, {"datePublished", M_DATE},
                                                 {"articleSection", M_CAT}, {"url", M_URL},
                                                 {"description", M_DESC}};
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) {
        const char *v = json_string_value(json_object_get(o, f[k].key));
        if (v && *v && !m[f[k].slot]) m[f[k].slot] = strdup(v);
    }
    json_t *who[2] = {json_object_get(o, "author"), json_object_get(o, "publisher")};
    int slots[2] = {M_AUTHOR, M_SOURCE};
    for (int k = 0; k < 2; k++) {
        json_t *w = who[k];
        if (json_is_array(w)) w = json_array_get(w, 0);
        const char *v = json_is_string(w) ? json_string_value(w)
                        : json_string_value(json_object_get(w, "name"));
        if (v && *v && !m[slots[k]]) m[slots[k]] = strdup(v);
    }
}

static void collect_ld(const xmlNode *n, char **m) {
    for (const xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (name_is(c, "script")) {
            char *type = attr(c, "type");
            if (type && strcasecmp(type, "application/ld+json") == 0) {
                xmlChar *t = xmlNodeGetContent((xmlNode *)c);
                json_error_t je;
                json_t *o = t ? json_loads((const char *)t, 0, &je) : NULL;
                if (o) ld_fill(o, m);
                json_decref(o);
                xmlFree(t);
            }
            free(type);
            continue;
        }
        collect_ld(c->children, m);
    }
}

static void collect_meta(const xmlNode *n, char **m, int *rank) {
    static const meta_map map[] = {
        {"og:title", M_TITLE}, {"twitter:title", M_TITLE},
        {"article:published_time", M_DATE}, {"datePublished", M_DATE}, {"date", M_DATE},
        {"pubdate", M_DATE}, {"publishdate", M_DATE}, {"DC.date.issued", M_DATE},
        {"og:published_time", M_DATE}, {"article:modified_time", M_DATE},
        {"og:site_name", M_SOURCE}, {"author", M_AUTHOR}, {"article:author", M_AUTHOR},
        {"article:section", M_CAT}, {"og:url", M_URL},
        {"description", M_DESC}, {"og:description", M_DESC},
    };
    for (const xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (name_is(c, "meta")) {
            char *k = attr(c, "property");
            if (!k) k = attr(c, "name");
            if (!k) k = attr(c, "itemprop");
            char *v = attr(c, "content");
            if (k && v && *v) {
                for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
                    if (strcasecmp(k, map[i].key) != 0) continue;
                    /* earlier entries of the map win over later ones */
                    if (!m[map[i].slot] || (int)i < rank[map[i].slot]) {
                        free(m[map[i].slot]);
                        m[map[i].slot] = strdup(v);
                        rank[map[i].slot] = (int)i;
                    }
                    break;
                }
            }
            free(k);
            free(v);
        } else if (name_is(c, "link")) {
            char *rel = attr(c, "rel");
            if (rel && strcasecmp(rel, "canonical") == 0 && !m[M_URL]) m[M_URL] = attr(c, "href");
            free(rel);
        }
        collect_meta(c->children, m, rank);
    }
}

int fah_html_detect(const char *buf, size_t len) {
    size_t i = 0;
    if (len >= 3 && (unsigned char)buf[0] == 0xEF) i = 3;
    while (i < len && isspace((unsigned char)buf[i])) i++;
    size_t probe = len - i < 4096 ? len - i : 4096;
    if (probe >= 5 && (strncasecmp(buf + i, "<!doc", 5) == 0 || strncasecmp(buf + i, "<html", 5) == 0))
        return 1;
    return probe >= 5 && buf[i] == '<' && (fah_memcasemem(buf + i, probe, "<body") ||
                                           fah_memcasemem(buf + i, probe, "<head"));
}

int fah_feed_detect(const char *buf, size_t len) {
    size_t probe = len < 4096 ? len : 4096;
    size_t i = 0;
    while (i < probe && isspace((unsigned char)buf[i])) i++;
    if (i >= probe || buf[i] != '<') return 0;
    return fah_memcasemem(buf, probe, "<rss") || fah_memcasemem(buf, probe, "<feed") ||
           fah_memcasemem(buf, probe, "<rdf:RDF");
}

int fah_html_parse(const char *buf, size_t len, fah_article *a) {
    memset(a, 0, sizeof *a);
    a->record = 1;
    a->line = 1;
    htmlDocPtr doc = htmlReadMemory(buf, (int)len, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET);
    if (!doc) return -1;
    xmlNode *root = xmlDocGetRootElement(doc);
    char *m[M_N] = {0};
    int rank[M_N];
    for (int i = 0; i < M_N; i++) rank[i] = 1 << 20;
    collect_meta(root, m, rank);
    collect_ld(root, m);
    /* the article's own text: [itemprop=articleBody], else the <article>
     * with the most text (sites also wrap teaser cards in <article>) */
    const xmlNode *container = find(root, p_body_prop);
    if (!container) container = largest_article(root);
    if (!container) container = find(root, p_main);
    if (!container) container = find(root, p_body);
    if (!container) container = root;
    if (!m[M_DATE]) {
        const xmlNode *t = find(container->children, p_time);
        if (!t) t = find(root, p_time);
        if (t) m[M_DATE] = attr(t, "datetime");
    }
    if (m[M_TITLE]) {
        a->title = fah_one_line(m[M_TITLE]);
        m[M_TITLE] = NULL;
    } else {
        const xmlNode *h = find(container->children, p_h1);
        if (!h) h = find(root, p_h1);
        if (!h) h = find(root, p_title);
        if (h) a->title = plain_text(h->children);
    }
    fah_buf b = FAH_BUF_INIT;
    text_of(container->children, &b, 1);
    a->body = tidy(&b);
    fah_buf_free(&b);
    /* the body starts with the title when it came from the article's <h1> */
    if (a->title && a->body && strncmp(a->body, a->title, strlen(a->title)) == 0) {
        size_t t = strlen(a->title);
        memmove(a->body, a->body + t, strlen(a->body + t) + 1);
        char *s = a->body;
        while (*s == '\n' || *s == ' ') s++;
        memmove(a->body, s, strlen(s) + 1);
    }
    a->date_raw = fah_one_line(m[M_DATE]);
    a->source = fah_one_line(m[M_SOURCE]);
    a->author = fah_one_line(m[M_AUTHOR]);
    a->category = fah_one_line(m[M_CAT]);
    a->url = fah_one_line(m[M_URL]);
    a->abstract = fah_one_line(m[M_DESC]);
    for (int i = M_DATE; i < M_N; i++) m[i] = NULL;
    free(m[M_TITLE]);
    xmlFreeDoc(doc);
    if (a->title && !*a->title) {
        free(a->title);
        a->title = NULL;
    }
    return 0;
}

/* ---- feeds ---------------------------------------------------------- */

static const xmlNode *child(const xmlNode *n, const char *name) {
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0) return c;
    return NULL;
}

static char *child_text(const xmlNode *n, const char *name) {
    const xmlNode *c = child(n, name);
    if (!c) return NULL;
    xmlChar *t = xmlNodeGetContent((xmlNode *)c);
    if (!t) return NULL;
    char *r = strdup((const char *)t);
    xmlFree(t);
    return r;
}

/* Text of an HTML fragment (feed descriptions hold escaped HTML). */
static char *html_fragment_text(const char *s) {
    if (!s) return NULL;
    if (!strchr(s, '<')) return fah_text_extract(s, strlen(s), 0);
    htmlDocPtr d = htmlReadMemory(s, (int)strlen(s), NULL, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET);
    if (!d) return fah_text_extract(s, strlen(s), 1);
    fah_buf b = FAH_BUF_INIT;
    text_of(xmlDocGetRootElement(d), &b, 1);
    xmlFreeDoc(d);
    char *r = tidy(&b);
    fah_buf_free(&b);
    return r;
}

static char *first_of(const xmlNode *n, const char *const *names) {
    for (; *names; names++) {
        char *v = child_text(n, *names);
        if (v && *v) return v;
        free(v);
    }
    return NULL;
}

/* Copy of buf with every '&' that does not start a character or entity
 * reference written as "&amp;" (feeds in the wild carry raw '&' in titles
 * and URLs, which makes libxml2 drop entity decoding). */
static char *escape_amps(const char *buf, size_t len, size_t *outlen) {
    fah_buf b = FAH_BUF_INIT;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] != '&') {
            fah_buf_putc(&b, buf[i]);
            continue;
        }
        size_t k = i + 1;
        if (k < len && buf[k] == '#') {
            k++;
            if (k < len && (buf[k] == 'x' || buf[k] == 'X')) k++;
            while (k < len && isxdigit((unsigned char)buf[k])) k++;
        } else {
            while (k < len && isalnum((unsigned char)buf[k])) k++;
        }
        if (k < len && buf[k] == ';' && k > i + 1) fah_buf_putc(&b, '&');
        else fah_buf_puts(&b, "&amp;");
    }
    fah_buf_reserve(&b, 0);
    *outlen = b.len;
    return fah_buf_steal(&b);
}

typedef struct feed_ctx {
    fah_article_cb cb;
    void *ctx;
    const char *source;  /* channel or feed title */
    size_t records;
} feed_ctx;

/* Hand over every <item>/<entry> child of `scope`. */
static int feed_items(const xmlNode *scope, feed_ctx *f) {
    static const char *const f_title[] = {"title", NULL};
    static const char *const f_date[] = {"pubDate", "date", "published", "updated", "issued", NULL};
    static const char *const f_body[] = {"encoded", "content", "description", "summary", NULL};
    static const char *const f_author[] = {"creator", "author", NULL};
    static const char *const f_id[] = {"guid", "id", NULL};
    int rc = 0;
    for (const xmlNode *c = scope ? scope->children : NULL; c && rc == 0; c = c->next) {
        if (c->type != XML_ELEMENT_NODE ||
            (strcmp((const char *)c->name, "item") != 0 && strcmp((const char *)c->name, "entry") != 0))
            continue;
        fah_article a;
        memset(&a, 0, sizeof a);
        char *rawt = first_of(c, f_title);
        a.title = fah_one_line(html_fragment_text(rawt));
        free(rawt);
        char *raw = first_of(c, f_body);
        a.body = html_fragment_text(raw);
        free(raw);
        a.date_raw = fah_one_line(first_of(c, f_date));
        a.author = fah_one_line(first_of(c, f_author));
        const xmlNode *cat = child(c, "category");
        if (cat) {
            char *term = attr(cat, "term"); /* Atom: <category term="..."/> */
            a.category = fah_one_line(term ? term : child_text(c, "category"));
        }
        a.id = fah_one_line(first_of(c, f_id));
        /* link: RSS text, or Atom <link href> */
        const xmlNode *l = child(c, "link");
        if (l) {
            char *href = attr(l, "href");
            a.url = href ? href : fah_one_line(child_text(c, "link"));
        }
        a.source = f->source ? strdup(f->source) : NULL;
        a.record = ++f->records;
        a.line = (size_t)xmlGetLineNo(c);
        rc = f->cb(f->ctx, &a);
    }
    return rc;
}

/* Parse XML, telling whether libxml2 had to recover from errors. */
static xmlDocPtr read_xml(const char *buf, size_t len, int *wellformed) {
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) return NULL;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, "UTF-8",
                                      XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                          XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    *wellformed = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    return doc;
}

/* Feeds libxml2 cannot read whole: cut them at <item>/<entry> tags and
 * read each item on its own (an item without its closing tag ends where
 * the next one starts). */
static int feed_items_by_tags(const char *buf, size_t len, feed_ctx *f) {
    const char *tag = fah_memcasemem(buf, len, "<entry") ? "entry" : "item";
    char open[16], close[16];
    snprintf(open, sizeof open, "<%s", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *p = buf, *end = buf + len;
    int rc = 0;
    while (rc == 0 && (p = fah_memcasemem(p, (size_t)(end - p), open)) != NULL) {
        const char *after = p + strlen(open);
        if (after < end && *after != '>' && !isspace((unsigned char)*after)) {
            p = after;
            continue;
        }
        const char *next = after;
        for (;;) { /* the next real opening tag */
            next = fah_memcasemem(next, (size_t)(end - next), open);
            if (!next || next + strlen(open) >= end || next[strlen(open)] == '>' ||
                isspace((unsigned char)next[strlen(open)]))
                break;
            next += strlen(open);
        }
        const char *stop = next ? next : end;
        const char *c = fah_memcasemem(after, (size_t)(stop - after), close);
        const char *e = c ? c + strlen(close) : stop;
        fah_buf one = FAH_BUF_INIT;
        fah_buf_puts(&one, "<wrap xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                           "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">");
        fah_buf_append(&one, p, (size_t)(e - p));
        if (!c) fah_buf_puts(&one, close);
        fah_buf_puts(&one, "</wrap>");
        int wf;
        xmlDocPtr d = read_xml(one.data, one.len, &wf);
        fah_buf_free(&one);
        if (d) {
            rc = feed_items(xmlDocGetRootElement(d), f);
            xmlFreeDoc(d);
        }
        p = e;
    }
    return rc;
}

int fah_feed_parse(const char *buf, size_t len, fah_article_cb cb, void *ctx, char *msg,
                   size_t msglen) {
    size_t elen;
    char *esc = escape_amps(buf, len, &elen);
    if (!esc) return -1;
    msg[0] = '\0';
    int wellformed = 0;
    xmlDocPtr doc = read_xml(esc, elen, &wellformed);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    const xmlNode *scope = root;
    char *source = NULL;
    if (root && strcmp((const char *)root->name, "rss") == 0) {
        scope = child(root, "channel");
        source = child_text(scope, "title");
    } else if (root && (strcmp((const char *)root->name, "feed") == 0 ||
                        strcmp((const char *)root->name, "RDF") == 0)) {
        const xmlNode *ch = child(root, "channel"); /* RSS 1.0 keeps its title there */
        source = child_text(ch ? ch : root, "title");
    }
    feed_ctx f = {cb, ctx, source ? fah_one_line(source) : NULL, 0};
    int rc;
    if (doc && wellformed) {
        rc = feed_items(scope, &f);
    } else {
        /* not well-formed: read item by item, so one broken item costs only itself */
        rc = feed_items_by_tags(esc, elen, &f);
        snprintf(msg, msglen, "not well-formed XML: read item by item (%zu items recovered)",
                 f.records);
    }
    free(source);
    if (doc) xmlFreeDoc(doc);
    free(esc);
    return rc;
}
