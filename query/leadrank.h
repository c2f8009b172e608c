/*
 * leadrank.h - the headline-and-lead part of the ranking: an article whose
 * headline and lead (its first FAH_LEAD_WORDS words, common/lead.h) hold
 * the query's words, and early, is about them; one that names them further
 * down mentions them.  BM25 alone sees only how often a word occurs, and
 * for a query like ماكرون most articles about him and most that name him
 * in passing reach the same saturated weight.
 *
 * The weight reorders BM25's order within consecutive blocks of
 * FAH_LEAD_BLOCK hits (ranks 1-50, 51-100, ...), not across all matches:
 * Xapian would otherwise read the lead slot of every candidate document (a
 * PostingSource under AND_MAYBE cost 62% more instructions per search,
 * callgrind), and 10% of the largest weight seldom lifts an article from
 * beyond the best 50.  Fixed blocks make one order that does not depend on
 * the page asked for, so pages never repeat or skip an article.
 */
#ifndef FAHRAS_LEADRANK_H
#define FAHRAS_LEADRANK_H

#include <stdint.h>

#include "../stemmer/analyzer.h"
#include "../xap/fx.h"
#include "qterms.h"

/* Share of the largest possible BM25 weight of the query's text
 * (fx_mset_max_possible of qterms.h's `text`: entity mention weights left
 * out) that an article gets when every query word is in its headline or lead,
 * and the share for a query word at word index 0, falling as 1 / (1 + i).
 * Chosen on the 20 development topics of ../shared/eval (nDCG@10; README
 * "Ranking"): both 0.05. */
#define FAH_LEAD_COVER 0.05
#define FAH_LEAD_EARLY 0.05
/* The size of the blocks of BM25's order that the lead weight reorders
 * (on the 210 benchmark queries, 6 of 208 top-10 lists differ from
 * reordering every match; blocks of 100: 4, of 30: 19). */
#define FAH_LEAD_BLOCK 50

typedef struct fah_leadrank fah_leadrank;

/* The query's words for the lead weight: those of qt not excluded (-w,
 * NOT w), one per stem (the normalized form with --stemmer none), each
 * counting by its share of their idf, log(N / df) of its stem term in db,
 * so a function word such as في counts for almost nothing; the scale is
 * the largest weight qt->text can give (a search of no documents).  *out is
 * NULL (and FX_OK returned) when there is no such word or text or db is
 * empty; else free it with fah_leadrank_delete.  FX_OK or a status with err
 * set. */
fx_status fah_leadrank_new(fx_db *db, fah_analyzer *an, const fah_qterms *qt, fah_leadrank **out,
                           fx_error *err);
void fah_leadrank_delete(fah_leadrank *lr);

/* The lead weight of an article whose FAH_SLOT_LEAD value is val[0..len)
 * (NULL/0: none), as a share of the query's largest weight:
 *   sum over query words i in the lead of share_i (FAH_LEAD_COVER +
 *   FAH_LEAD_EARLY / (1 + first_i))
 * with first_i the word index where i first occurs; in [0, COVER + EARLY]. */
double fah_leadrank_weight(const fah_leadrank *lr, const char *val, size_t len);

/* Reorder the n hits of m (n <= fx_mset_size(m), the first n of Xapian's
 * BM25 order): score[i] = the BM25 weight of hit i + lead[i], lead[i] =
 * the query's scale (fah_leadrank_new) * fah_leadrank_weight(its slot);
 * order[0..n) = hit indexes, each block of FAH_LEAD_BLOCK hits (0-49,
 * 50-99, ...) by score, highest first (ties keep Xapian's order), the
 * blocks in turn.  Caller-owned arrays of n.
 * FX_OK or a status (err set; the arrays then hold Xapian's order). */
fx_status fah_leadrank_rerank(const fah_leadrank *lr, fx_db *db, fx_mset *m, uint32_t n, double *score,
                              double *lead, uint32_t *order, fx_error *err);

#endif
