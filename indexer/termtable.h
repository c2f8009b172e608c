/*
 * termtable.h - the terms of one document, gathered before they are handed
 * to Xapian: each distinct term once, with its wdf and (for terms indexed
 * with positions) its positions.  Xapian's Document keeps terms in a
 * std::map and pays a string-compare search on every add_term/add_posting
 * call; gathering first makes that one call per distinct stem instead of
 * one per word.
 *
 * Memory: an arena for term bytes and positions and an open-addressing
 * index, both reused across documents (reset keeps the capacity).
 */
#ifndef FAHRAS_TERMTABLE_H
#define FAHRAS_TERMTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "../xap/fx.h"

typedef struct fah_termtable fah_termtable;

int fah_termtable_new(fah_termtable **out);
void fah_termtable_delete(fah_termtable *t);
/* Forget all terms (keeps the memory). */
void fah_termtable_reset(fah_termtable *t);

/* Add one occurrence of term[0..len): its wdf grows by wdfinc and, when
 * pos is non-zero, pos is recorded.  Terms longer than FX_MAX_TERM_BYTES
 * are ignored (as Xapian would refuse them).  Returns 0 or -1 (memory). */
int fah_termtable_add(fah_termtable *t, const char *term, size_t len, uint32_t pos,
                      uint32_t wdfinc);

/* Number of distinct terms. */
size_t fah_termtable_count(const fah_termtable *t);

/* Add every term to doc, in first-seen order (measured faster than byte
 * order: 12.0 vs 11.1 MB/s on SaudiNewsNet): add_term with its wdf, or,
 * for a term with positions, add_posting per position with the whole wdf
 * on the first.  Then forgets the terms, as fah_termtable_reset. */
fx_status fah_termtable_flush(fah_termtable *t, fx_doc *doc, fx_error *err);

#endif
