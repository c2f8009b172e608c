/*
 * request.h - what `fahras search` and `fahras facets` were asked: free
 * text, source and date filters, and leader / country / topic filters
 * (from --leader/--country/--topic or `leader:NAME`, `country:NAME`,
 * `topic:NAME` inside the query; NAME a single word or "quoted words"), and
 * the Xapian query that answers it.
 *
 * Entity filters restrict to the articles tagged with the entity (schema.h
 * XL/XC/XT terms).  Ranking: with free text, BM25 (parse.h), plus the
 * entities' mention weight with --rank-by-mentions; without free text,
 * the mention weight alone (fx_query_mentions), so `--leader ماكرون` puts
 * the articles that name Macron most first.
 */
#ifndef FAHRAS_REQUEST_H
#define FAHRAS_REQUEST_H

#include <stddef.h>

#include "../common/buf.h"
#include "../stemmer/analyzer.h"
#include "../tagger/gazetteer.h"
#include "../xap/fx.h"
#include "qterms.h"

typedef struct fah_entity_ask {
    fah_ent_kind kind;
    char *name;          /* as typed */
} fah_entity_ask;

typedef struct fah_request {
    const char *source, *from, *to;  /* borrowed; NULL when not given */
    fah_entity_ask *ents;
    size_t nents;
    int rank_by_mentions;
    fah_buf text;                    /* the free text */
} fah_request;

/* Add an entity filter (name copied).  0 or -1 (memory). */
int fah_request_add_entity(fah_request *r, fah_ent_kind kind, const char *name);

/* Append query text: `leader:`, `country:` and `topic:` items become entity
 * filters, the rest free text.  0, or -1 with a message (an item with no
 * name, an unclosed quote). */
int fah_request_add_text(fah_request *r, const char *text, char *err, size_t errlen);

/* The command line's QUERY words argv[0..n) joined with spaces into
 * `joined` (the query as typed, for the summary line), then added as by
 * fah_request_add_text.  0 or -1 with a message. */
int fah_request_add_args(fah_request *r, char **argv, int n, fah_buf *joined, char *err, size_t errlen);

/* The gazetteer the database was tagged with: the built-in one plus the
 * user files its metadata lists.  0, or -1 with a message. */
int fah_request_gazetteer(fx_db *db, fah_analyzer *an, fah_gazetteer **out, char *err, size_t errlen);

/* Build the query.  `allow_empty`: no text and no filter means every
 * article (facets) rather than an error.  *gaz is loaded when entity
 * filters need it (else left NULL; the caller frees it).  Returns 0, or an
 * exit code (exitcodes.h) after printing a message prefixed with `cmd`. */
int fah_request_query(fah_request *r, const char *cmd, fx_db *db, fah_analyzer *an, int allow_empty,
                      fx_query **out, fah_qterms *qt, fah_gazetteer **gaz);

void fah_request_free(fah_request *r);

/* Before getopt: a query word written -كلمة (exclude it) would be taken for
 * an option; such arguments (a '-' then a non-ASCII byte) get a leading
 * space, which the query parser skips.  argv strings are replaced by static
 * copies (at most 64; the rest are left as they are). */
void fah_protect_dash_words(int argc, char **argv);

/* --from/--to value (YYYY, YYYY-MM, YYYY-MM-DD) to a date key (schema.h),
 * the period's first second, or its last when `end`.  0 or -1. */
int fah_period_key(const char *s, int end, char key[32]);

#endif
