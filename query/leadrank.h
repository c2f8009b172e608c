/*
 * leadrank.h - the headline-and-lead part of the ranking: an article whose
 * headline and lead (its first FAH_LEAD_WORDS words, common/lead.h) hold
 * the query's words, and early, is about them; one that names them further
 * down mentions them.  BM25 alone sees only how often a word occurs, and
 * for a query like ماكرون most articles about him and most that name him
 * in passing reach the same saturated weight.
 */
#ifndef FAHRAS_LEADRANK_H
#define FAHRAS_LEADRANK_H

#include "../stemmer/analyzer.h"
#include "../xap/fx.h"
#include "qterms.h"

/* Share of the query's largest possible BM25 weight (fx_mset_max_possible)
 * that an article gets when every query word is in its headline or lead,
 * and the share for a query word at word index 0, falling as 1 / (1 + i).
 * Chosen on the 20 development topics of ../shared/eval (nDCG@10; see
 * README "Ranking"): both 0.05. */
#define FAH_LEAD_COVER 0.05
#define FAH_LEAD_EARLY 0.05

/* Add the headline-and-lead weight to *text (a text query over db, owned;
 * replaced on success by text AND_MAYBE lead, so the matches are the
 * same): the query words of qt not excluded, each counting by its share of
 * their idf (log N/df of its stem term; a function word such as في counts
 * for almost nothing), scaled by the largest weight *text can give.
 * The lead query is also recorded as qt's --explain part "lead".
 * Nothing is added (and FX_OK returned) when the query has no such word or
 * the database is empty.  FX_OK, or a status with err set (*text kept). */
fx_status fah_leadrank_add(fx_db *db, fah_analyzer *an, fah_qterms *qt, fx_query **text,
                           fx_error *err);

#endif
