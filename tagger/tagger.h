/*
 * tagger.h - find the leaders, countries and topics an article mentions,
 * from the token stream the analyzer produces for it (the same tokens its
 * terms come from), against a gazetteer (gazetteer.h).
 *
 * Rules (docs/gazetteers.md; FAH_TAGGER_VERSION):
 *   - names are matched on normalized words, longest phrase first, left to
 *     right; the first word may carry the proclitics و ف, then ب ك ل, then
 *     the article ال (وبالعراق, للعراق); a phrase never spans punctuation;
 *   - a `not` phrase (جورج واشنطن) covers its words: no mention inside it;
 *   - `titled` forms count only after a title word (الرئيس الأسد), with at
 *     most two country words or adjectives (السوري, السابق) in between;
 *   - after a title word, a name-like run of one or two words that is not
 *     a known leader is recorded as a leader *candidate* (never a leader);
 *   - countries: names and nisba forms are mentions; metonyms (واشنطن,
 *     الكرملين) are counted apart;
 *   - topics: triggers matched on stems; a topic is tagged with two
 *     `strong` trigger mentions, one strong among three mentions, or four
 *     mentions (chosen on the tagging evaluation set, tests/data/tagging:
 *     one strong or two mentions gave precision 0.59 / recall 0.90, this
 *     rule 0.79 / 0.82).
 */
#ifndef FAHRAS_TAGGER_H
#define FAHRAS_TAGGER_H

#include <stddef.h>

#include "../common/buf.h"
#include "../stemmer/analyzer.h"
#include "gazetteer.h"

typedef struct fah_tag {
    long entity;          /* gazetteer entity index */
    unsigned mentions;    /* name mentions (leaders, countries) or trigger mentions (topics) */
    unsigned metonyms;    /* countries: metonym mentions */
    unsigned strong;      /* topics: strong trigger mentions */
} fah_tag;

typedef struct fah_tagger fah_tagger;

/* A tagger over gazetteer g (borrowed).  0 or -1 (memory). */
int fah_tagger_new(const fah_gazetteer *g, fah_tagger **out);
void fah_tagger_delete(fah_tagger *t);

/* Start a new article dated in `year` (0: unknown).  A name that two
 * leaders share (الملك عبدالله) goes to those in office that year, when
 * that settles it (gazetteer `role` years). */
void fah_tagger_begin(fah_tagger *t, int year);
/* One token of the current field; `text` is the text its offsets refer to
 * (to see punctuation between words).  0 or -1 (memory). */
int fah_tagger_token(fah_tagger *t, const fah_token *tok, const char *text);
/* Before a field's tokens: when the field text[0..len) opens with a
 * dateline ("دبي، الإمارات العربية المتحدة (CNN)--"), its words are not
 * mentions (the place a story was filed from is not what it is about). */
void fah_tagger_skip_dateline(fah_tagger *t, const char *text, size_t len);

/* The field is complete: match its words.  0 or -1 (memory). */
int fah_tagger_field_end(fah_tagger *t);

/* What the article mentions, after its last field: tags whose rule holds
 * (countries with a name mention or a metonym, topics per the rule above),
 * in gazetteer order; pointers valid until the next fah_tagger_begin. */
size_t fah_tagger_tags(fah_tagger *t, const fah_tag **out);
/* Leader candidates (normalized words) and their counts. */
size_t fah_tagger_candidates(fah_tagger *t, const char *const **names, const unsigned **counts);

/* Whether a tag holds by the rules above (topics: see the header; a
 * country or leader needs a mention or metonym). */
int fah_tag_holds(const fah_gazetteer *g, const fah_tag *tag);

#endif
