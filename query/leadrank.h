/*
 * leadrank.h - the headline-and-lead part of the ranking: an article whose
 * headline and lead (its first FAH_LEAD_WORDS words, common/lead.h) hold
 * the query's words, and early, is about them; one that names them further
 * down mentions them.  BM25 alone sees only how often a word occurs, and
 * for a query like ماكرون most articles about him and most that name him
 * in passing reach the same saturated weight.
 *
 * The weight reorders the best BM25 hits a search fetches (at least
 * FAH_LEAD_DEPTH of them) rather than every match: Xapian would otherwise
 * read the lead slot of every candidate document (a PostingSource under
 * AND_MAYBE cost 62% more instructions per search, callgrind), and 10% of
 * the largest weight seldom lifts an article from beyond the best 100.
 */
#ifndef FAHRAS_LEADRANK_H
#define FAHRAS_LEADRANK_H

#include <stdint.h>

#include "../stemmer/analyzer.h"
#include "../xap/fx.h"
#include "qterms.h"

/* Share of the query's largest possible BM25 weight (fx_mset_max_possible)
 * that an article gets when every query word is in its headline or lead,
 * and the share for a query word at word index 0, falling as 1 / (1 + i).
 * Chosen on the 20 development topics of ../shared/eval (nDCG@10; README
 * "Ranking"): both 0.05. */
#define FAH_LEAD_COVER 0.05
#define FAH_LEAD_EARLY 0.05
/* The fewest BM25 hits reordered; a search that pages further reorders
 * FAH_LEAD_DEPTH * 2^k, the smallest that holds its page (so pages within
 * one such window agree with each other). */
#define FAH_LEAD_DEPTH 50

typedef struct fah_leadrank fah_leadrank;

/* The query's words for the lead weight: those of qt not excluded (-w,
 * NOT w), one per stem (the normalized form with --stemmer none), each
 * counting by its share of their idf, log(N / df) of its stem term in db,
 * so a function word such as في counts for almost nothing.  *out is NULL
 * (and FX_OK returned) when there is no such word or db is empty; else
 * free it with fah_leadrank_delete.  FX_OK or a status with err set. */
fx_status fah_leadrank_new(fx_db *db, fah_analyzer *an, const fah_qterms *qt, fah_leadrank **out,
                           fx_error *err);
void fah_leadrank_delete(fah_leadrank *lr);

/* The lead weight of an article whose FAH_SLOT_LEAD value is val[0..len)
 * (NULL/0: none), as a share of the query's largest weight:
 *   sum over query words i in the lead of share_i (FAH_LEAD_COVER +
 *   FAH_LEAD_EARLY / (1 + first_i))
 * with first_i the word index where i first occurs; in [0, COVER + EARLY]. */
double fah_leadrank_weight(const fah_leadrank *lr, const char *val, size_t len);

/* Reorder the n hits of m (n <= fx_mset_size(m)): score[i] = the BM25
 * weight of hit i + lead[i], lead[i] = fx_mset_max_possible(m) *
 * fah_leadrank_weight(its slot); order[0..n) = hit indexes by score,
 * highest first (ties keep Xapian's order).  Caller-owned arrays of n.
 * FX_OK or a status (err set; the arrays then hold Xapian's order). */
fx_status fah_leadrank_rerank(const fah_leadrank *lr, fx_db *db, fx_mset *m, uint32_t n, double *score,
                              double *lead, uint32_t *order, fx_error *err);

#endif
