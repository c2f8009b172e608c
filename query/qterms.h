/*
 * qterms.h - the words of a query as the analyzer saw them: their
 * normalized forms and stems.  Snippet highlighting marks every document
 * word whose normalized form or stem is in this set, so a match through any
 * variant or stem is highlighted (the same analyzer produced both sides).
 */
#ifndef FAHRAS_QTERMS_H
#define FAHRAS_QTERMS_H

#include <stddef.h>

struct fx_query;

typedef struct fah_qterms {
    char **norm;   /* malloc()ed strings */
    char **stem;   /* stem of norm[i] (may equal it) */
    unsigned char *excluded; /* 1: word i was only asked to be absent (-w, NOT w) */
    size_t n, cap;
    /* the query's parts for --explain: each word, phrase or prefix as a
     * query of its own (owned), with a label */
    char **part_label;
    struct fx_query **part_q;
    size_t nparts, capparts;
    /* the query's text part alone (words, phrases, prefixes and their
     * operators; no filters, no mention weights), owned; NULL without text:
     * the scale of the headline-and-lead weight (leadrank.h) */
    struct fx_query *text;
    /* word* prefixes (normalized forms, malloc()ed): a document word whose
     * normalized form starts with one matches it */
    char **prefix;
    size_t nprefix, capprefix;
} fah_qterms;

/* Add a word* prefix (its normalized form, copied).  0 or -1 (memory). */
int fah_qterms_add_prefix(fah_qterms *q, const char *norm, size_t nlen);

/* How many indexes fah_qterms_match can return: words then prefixes. */
size_t fah_qterms_count(const fah_qterms *q);

/* Add an explain part (label copied, q owned).  0 or -1 (memory; q freed). */
int fah_qterms_add_part(fah_qterms *q, const char *label, size_t len, struct fx_query *part);

/* Add a word; returns 0, -1 when out of memory. Duplicates are ignored. */
int fah_qterms_add(fah_qterms *q, const char *norm, size_t nlen, const char *stem, size_t slen);

/* Mark the words added since the count was `from` as excluded (the
 * parser calls it after an excluded item: -word, NOT word). */
void fah_qterms_exclude_from(fah_qterms *q, size_t from);

/* Index of the query word matched by a document word (by normalized form,
 * else by stem; [0, n)), else of the first prefix its normalized form
 * starts with (n + k), or -1. */
int fah_qterms_match(const fah_qterms *q, const char *norm, size_t nlen, const char *stem,
                     size_t slen);

void fah_qterms_free(fah_qterms *q);

#endif
