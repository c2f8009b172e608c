#include "docbuild.h"

#include "../common/record.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/buf.h"
#include "../common/lead.h"
#include "../common/schema.h"
#include "../tagger/tagger.h"
#include "date.h"
#include "signature.h"
#include "termtable.h"
#include <xxhash.h>

struct fah_docbuilder {
    fah_analyzer *an;
    fx_doc *doc;
    fah_termtable *terms;
    fah_buf title, abstract, body, term;
    uint64_t *words;              /* hashes of the article's words, for its signature */
    size_t nwords, capwords;
    fah_tagger *tagger;           /* NULL: no entity tagging */
    const fah_gazetteer *gaz;
    fah_buf blob;
    fah_lead lead;                /* the headline and lead's stems (lead.h) */
};

int fah_docbuilder_new(fah_analyzer *a, fah_docbuilder **out) {
    *out = NULL;
    fah_docbuilder *b = calloc(1, sizeof *b);
    if (!b) return -1;
    b->an = a;
    if (fx_doc_new(&b->doc, NULL) != FX_OK || fah_termtable_new(&b->terms)) {
        fx_doc_free(b->doc);
        free(b);
        return -1;
    }
    *out = b;
    return 0;
}

void fah_docbuilder_delete(fah_docbuilder *b) {
    if (!b) return;
    fx_doc_free(b->doc);
    fah_termtable_delete(b->terms);
    fah_buf_free(&b->title);
    fah_buf_free(&b->abstract);
    fah_buf_free(&b->body);
    fah_buf_free(&b->term);
    fah_buf_free(&b->blob);
    free(b->words);
    fah_tagger_delete(b->tagger);
    free(b);
}

int fah_docbuilder_set_gazetteer(fah_docbuilder *b, const fah_gazetteer *g) {
    fah_tagger_delete(b->tagger);
    b->tagger = NULL;
    b->gaz = g;
    return g ? fah_tagger_new(g, &b->tagger) : 0;
}

typedef struct {
    fah_docbuilder *b;
    unsigned wdf;
    unsigned last_pos;
    fx_status st;
    fx_error *err;
    int stemmed;
    const char *text;
} term_ctx;

static int add_token(void *vctx, const fah_token *t) {
    term_ctx *c = vctx;
    int rc = fah_termtable_add(c->b->terms, t->norm, t->norm_len, t->pos, c->wdf);
    if (rc == 0 && c->stemmed) {
        fah_buf *tb = &c->b->term;
        fah_buf_reset(tb);
        fah_buf_puts(tb, FAH_PREFIX_STEM);
        fah_buf_append(tb, t->stem, t->stem_len);
        rc = fah_termtable_add(c->b->terms, tb->data, tb->len, 0, c->wdf);
    }
    if (rc == 0 && c->wdf == FAH_TITLE_WDF) {
        /* the title: field (schema.h S terms) */
        fah_buf *tb = &c->b->term;
        fah_buf_reset(tb);
        fah_buf_puts(tb, FAH_PREFIX_TITLE);
        if (c->stemmed) fah_buf_append(tb, t->stem, t->stem_len);
        else fah_buf_append(tb, t->norm, t->norm_len);
        rc = fah_termtable_add(c->b->terms, tb->data, tb->len, t->pos, 1); /* positional: title:"a b" */
    }
    if (t->pos > c->last_pos) c->last_pos = t->pos;
    if (c->b->nwords <= FAH_LEAD_WORDS) {
        /* a split word's tokens share its index (nwords counts words) */
        unsigned word = (unsigned)c->b->nwords - (t->colocated ? 1u : 0u);
        fah_lead_add(&c->b->lead, c->stemmed ? fah_lead_hash(t->stem, t->stem_len)
                                             : fah_lead_hash(t->norm, t->norm_len), word);
    }
    if (rc == 0 && c->b->tagger) rc = fah_tagger_token(c->b->tagger, t, c->text);
    if (rc == 0 && !t->colocated) {
        fah_docbuilder *b = c->b;
        if (b->nwords == b->capwords) {
            size_t cap = b->capwords ? b->capwords * 2 : 1024;
            uint64_t *v = realloc(b->words, cap * sizeof *v);
            if (!v) rc = -1;
            else {
                b->words = v;
                b->capwords = cap;
            }
        }
        if (rc == 0) b->words[b->nwords++] = XXH3_64bits(t->norm, t->norm_len);
    }
    if (rc) {
        c->st = FX_ERR_NOMEM;
        snprintf(c->err->msg, sizeof c->err->msg, "out of memory");
        return 1;
    }
    return 0;
}

void fah_docbuild_clear(fah_docbuilder *b) {
    fx_doc_clear(b->doc);
    b->nwords = 0;
    fah_lead_reset(&b->lead);
    fah_termtable_reset(b->terms);
}

fx_status fah_docbuild_finish_terms(fah_docbuilder *b, fx_error *err) {
    return fah_termtable_flush(b->terms, b->doc, err);
}

fx_status fah_docbuild_add_text(fah_docbuilder *b, const char *text, size_t len, unsigned wdf,
                                unsigned *pos, fx_error *err) {
    if (!len) return FX_OK;
    term_ctx c = {b, wdf, *pos, FX_OK, err,
                  fah_analyzer_stem_kind(b->an) != FAH_STEM_NONE, text};
    if (b->tagger && wdf != FAH_TITLE_WDF) fah_tagger_skip_dateline(b->tagger, text, len);
    int rc = fah_analyzer_tokenize(b->an, text, len, *pos + 1, add_token, &c);
    if (rc == 0 && b->tagger && fah_tagger_field_end(b->tagger)) rc = 1;
    if (rc < 0) {
        snprintf(err->msg, sizeof err->msg, "word break failed");
        return FX_ERR_OTHER;
    }
    if (c.st != FX_OK) return c.st;
    *pos = c.last_pos + FAH_FIELD_GAP;
    return FX_OK;
}

/* The article's tags: a filter term each (schema.h), and their counts in
 * the FAH_SLOT_ENTITIES blob for ranking and facets. */
static fx_status add_entities(fah_docbuilder *b, fx_error *err) {
    const fah_tag *tags;
    size_t n = fah_tagger_tags(b->tagger, &tags);
    fah_buf_reset(&b->blob);
    fx_status st;
    for (size_t i = 0; i < n; i++) {
        const fah_entity *e = fah_gazetteer_entity(b->gaz, (size_t)tags[i].entity);
        const char *prefix = e->kind == FAH_ENT_LEADER ? FAH_PREFIX_LEADER
                             : e->kind == FAH_ENT_COUNTRY ? FAH_PREFIX_COUNTRY : FAH_PREFIX_TOPIC;
        char k = e->kind == FAH_ENT_LEADER ? 'L' : e->kind == FAH_ENT_COUNTRY ? 'C' : 'T';
        if (tags[i].mentions && (e->kind != FAH_ENT_TOPIC || fah_tag_holds(b->gaz, &tags[i]))) {
            fah_buf_reset(&b->term);
            fah_buf_puts(&b->term, prefix);
            fah_buf_puts(&b->term, e->id);
            if ((st = fx_doc_add_boolean_term(b->doc, b->term.data, b->term.len, err)) != FX_OK) return st;
            fah_buf_printf(&b->blob, "%c:%s=%u\n", k, e->id, tags[i].mentions);
        }
        if (tags[i].metonyms) {
            fah_buf_reset(&b->term);
            fah_buf_puts(&b->term, FAH_PREFIX_METONYM);
            fah_buf_puts(&b->term, e->id);
            if ((st = fx_doc_add_boolean_term(b->doc, b->term.data, b->term.len, err)) != FX_OK) return st;
            fah_buf_printf(&b->blob, "M:%s=%u\n", e->id, tags[i].metonyms);
        }
    }
    const char *const *cn;
    const unsigned *cc;
    size_t nc = fah_tagger_candidates(b->tagger, &cn, &cc);
    for (size_t i = 0; i < nc; i++) {
        fah_buf_reset(&b->term);
        fah_buf_puts(&b->term, FAH_PREFIX_CANDIDATE);
        fah_buf_puts(&b->term, cn[i]);
        if (b->term.len <= FX_MAX_TERM_BYTES &&
            (st = fx_doc_add_boolean_term(b->doc, b->term.data, b->term.len, err)) != FX_OK)
            return st;
        fah_buf_printf(&b->blob, "K:%s=%u\n", cn[i], cc[i]);
    }
    if (b->blob.len && (st = fx_doc_set_value(b->doc, FAH_SLOT_ENTITIES, b->blob.data, b->blob.len, err)) != FX_OK)
        return st;
    return FX_OK;
}

static int clean(fah_docbuilder *b, const char *s, fah_buf *out) {
    if (!s) {
        fah_buf_reset(out);
        return 0;
    }
    return fah_analyzer_display(b->an, s, strlen(s), out);
}

fx_status fah_docbuild(fah_docbuilder *b, const fah_article *art, const char *id,
                       const char *path, fah_built *out, fx_error *err) {
    memset(out, 0, sizeof *out);
    out->date_ok = 1;
    if (clean(b, art->title, &b->title) || clean(b, art->abstract, &b->abstract) ||
        clean(b, art->body, &b->body)) {
        snprintf(err->msg, sizeof err->msg, "Unicode normalization failed (out of memory?)");
        return FX_ERR_NOMEM;
    }
    /* a title is one line: no spaces at its ends (NBSP became space) */
    while (b->title.len && b->title.data[b->title.len - 1] == ' ') b->title.data[--b->title.len] = '\0';
    size_t lead = 0;
    while (lead < b->title.len && b->title.data[lead] == ' ') lead++;
    if (lead) {
        memmove(b->title.data, b->title.data + lead, b->title.len - lead + 1);
        b->title.len -= lead;
    }
    if (!b->title.len && !b->body.len && !b->abstract.len) {
        out->empty = 1;
        return FX_OK;
    }
    fah_docbuild_clear(b);
    if (b->tagger) {
        /* the article's year settles names two leaders share (الملك عبدالله) */
        int year = 0;
        fah_date d0;
        if (art->date_raw && fah_date_parse(art->date_raw, &d0) == 0) {
            struct tm tm;
            gmtime_r(&d0.utc, &tm);
            year = tm.tm_year + 1900;
        }
        fah_tagger_begin(b->tagger, year);
    }
    unsigned pos = 0;
    fx_status st;
    if ((st = fah_docbuild_add_text(b, b->title.data, b->title.len, FAH_TITLE_WDF, &pos, err)) != FX_OK)
        return st;
    size_t ntitle = b->nwords; /* the headline's words: left out of the signature */
    if ((st = fah_docbuild_add_text(b, b->abstract.data, b->abstract.len, 1, &pos, err)) != FX_OK ||
        (st = fah_docbuild_add_text(b, b->body.data, b->body.len, 1, &pos, err)) != FX_OK ||
        (st = fah_docbuild_finish_terms(b, err)) != FX_OK)
        return st;

    if (b->tagger && (st = add_entities(b, err)) != FX_OK) return st;
    {
        unsigned char sig[FAH_SIG_BYTES];
        fah_signature_article(b->words, b->nwords, ntitle, sig);
        if ((st = fx_doc_set_value(b->doc, FAH_SLOT_SIGNATURE, (const char *)sig, sizeof sig, err)) != FX_OK)
            return st;
    }
    if (b->lead.n && (st = fx_doc_set_value(b->doc, FAH_SLOT_LEAD, (const char *)b->lead.bytes,
                                             fah_lead_size(&b->lead), err)) != FX_OK)
        return st;

    out->idterm_len = fah_id_term(id, out->idterm, sizeof out->idterm);
    if ((st = fx_doc_add_boolean_term(b->doc, out->idterm, out->idterm_len, err)) != FX_OK)
        return st;

    char iso[48] = "", key[24] = "";
    if (art->date_raw) {
        fah_date d;
        if (fah_date_parse(art->date_raw, &d) == 0) {
            fah_date_iso(&d, iso);
            fah_date_key(&d, key);
            if ((st = fx_doc_set_value(b->doc, FAH_SLOT_DATE, key, strlen(key), err)) != FX_OK)
                return st;
            fah_date_local_key(&d, key);
            if ((st = fx_doc_set_value(b->doc, FAH_SLOT_LOCAL_DATE, key, strlen(key), err)) != FX_OK)
                return st;
        } else {
            out->date_ok = 0;
        }
    }
    if (art->source && *art->source) {
        fah_buf *tb = &b->term;
        if (fah_source_term(art->source, tb) == 0 && tb->len > 2 &&
            (st = fx_doc_add_boolean_term(b->doc, tb->data, tb->len, err)) != FX_OK)
            return st;
        if ((st = fx_doc_set_value(b->doc, FAH_SLOT_SOURCE, art->source, strlen(art->source),
                                   err)) != FX_OK)
            return st;
    }

    /* the stored data (common/record.h) */
    fah_buf *rb = &b->term;
    int bad = fah_record_begin(rb) || fah_record_put(rb, FAH_F_ID, id, strlen(id)) ||
              fah_record_put(rb, FAH_F_TITLE, b->title.len ? b->title.data : NULL, b->title.len) ||
              fah_record_put(rb, FAH_F_DATE, iso[0] ? iso : NULL, strlen(iso)) ||
              fah_record_put(rb, FAH_F_SOURCE, art->source, art->source ? strlen(art->source) : 0) ||
              fah_record_put(rb, FAH_F_URL, art->url, art->url ? strlen(art->url) : 0) ||
              fah_record_put(rb, FAH_F_AUTHOR, art->author, art->author ? strlen(art->author) : 0) ||
              fah_record_put(rb, FAH_F_CATEGORY, art->category, art->category ? strlen(art->category) : 0) ||
              fah_record_put(rb, FAH_F_PATH, path, strlen(path)) ||
              fah_record_put(rb, FAH_F_ABSTRACT, b->abstract.len ? b->abstract.data : NULL, b->abstract.len) ||
              fah_record_put(rb, FAH_F_BODY, b->body.data ? b->body.data : "", b->body.len);
    if (bad) {
        snprintf(err->msg, sizeof err->msg, "out of memory");
        return FX_ERR_NOMEM;
    }
    st = fx_doc_set_data(b->doc, rb->data, rb->len, err);
    if (st != FX_OK) return st;
    out->doc = b->doc;
    return FX_OK;
}
