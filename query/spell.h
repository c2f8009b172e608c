/*
 * spell.h - "did you mean": for a query word that the index does not know,
 * the indexed normalized word closest to it (Levenshtein distance over code
 * points, at most 1 for words of up to 4 letters, 2 beyond; the most
 * frequent among the closest), searched among the terms that start with
 * the same letter (the index vocabulary, no separate spelling table).
 */
#ifndef FAHRAS_SPELL_H
#define FAHRAS_SPELL_H

#include "../common/buf.h"
#include "../xap/fx.h"
#include "qterms.h"

/* For every query word in `qt` with no document, the suggestion; `out`
 * gets the query words with unknown ones replaced (space-separated), and
 * the function returns how many were replaced (0: no suggestion). */
int fah_spell_suggest(fx_db *db, const fah_qterms *qt, fah_buf *out);

#endif
