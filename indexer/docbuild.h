/*
 * docbuild.h - turning an article into a Xapian document (schema.h).
 *
 * Stored data: a JSON object (RFC 8259) with the keys id, title, date (ISO
 * 8601 with the source's offset, or null), source, url, author, category,
 * path, abstract, body; title, abstract and body are display text
 * (display.h), the text snippets are cut from.
 */
#ifndef FAHRAS_DOCBUILD_H
#define FAHRAS_DOCBUILD_H

#include "../stemmer/analyzer.h"
#include "../xap/fx.h"
#include "article.h"

typedef struct fah_docbuilder fah_docbuilder;

/* New builder over analyzer `a` (borrowed; it must outlive the builder).
 * Returns 0 or -1 (out of memory). */
int fah_docbuilder_new(fah_analyzer *a, fah_docbuilder **out);
void fah_docbuilder_delete(fah_docbuilder *b);

/* Tag every built document with the entities of gazetteer g (borrowed; NULL
 * turns tagging off): filter terms and the FAH_SLOT_ENTITIES blob
 * (schema.h).  0 or -1 (memory). */
struct fah_gazetteer;
int fah_docbuilder_set_gazetteer(fah_docbuilder *b, const struct fah_gazetteer *g);

typedef struct fah_built {
    fx_doc *doc;          /* owned by the builder; valid until the next build */
    char idterm[320];
    size_t idterm_len;
    int date_ok;          /* 0 when the article had a date that did not parse */
    int empty;            /* 1 when title and body are both empty: not indexed */
} fah_built;

/* Build the document for article `art` with id `id`, read from `path`
 * (relative to the indexed directory).  Returns FX_OK or an fx status with
 * err set. */
fx_status fah_docbuild(fah_docbuilder *b, const fah_article *art, const char *id,
                       const char *path, fah_built *out, fx_error *err);

/* The term-generation steps alone (what fah_docbuild does): clear the
 * builder's document and term table; add the terms of display text
 * text[0..len) to the term table (termtable.h) with wdf increment `wdf`,
 * positions continuing from *pos (updated); hand the table's terms to the
 * Xapian document.  For benchmarks and tests; FX_OK or a status. */
void fah_docbuild_clear(fah_docbuilder *b);
fx_status fah_docbuild_add_text(fah_docbuilder *b, const char *text, size_t len, unsigned wdf,
                                unsigned *pos, fx_error *err);
fx_status fah_docbuild_finish_terms(fah_docbuilder *b, fx_error *err);

#endif
