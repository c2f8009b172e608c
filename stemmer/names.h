/*
 * names.h - the leaders' names that the light stemmer leaves whole.
 *
 * Light stemming takes suffixes off names as if they were words: ماكرون
 * became ماكر (cunning), السيسي and سيسيه (Cissé) both سيس, سلمان سلم
 * (peace).  A query for a leader then matches unrelated words.  The names
 * come from the gazetteers built into fahras (gazetteers/leaders*.tsv: the
 * one-word values of ar=, alias= and titled=, normalized, without the
 * article ال): a word that is such a name after its proclitics (و ف ب ك ل
 * ال) are removed keeps its suffix letters.  User gazetteers are not used:
 * stems must not depend on the database.
 */
#ifndef FAHRAS_NAMES_H
#define FAHRAS_NAMES_H

/* 1 when `word` (UTF-8 of normalized Arabic letters, NUL-terminated) is one
 * of those names.  The table is built once per process (thread-safe). */
int fah_stem_is_name(const char *word);

#endif
