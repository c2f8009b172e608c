/*
 * lead.h - the words an article opens with (its headline and lead), kept
 * per article so ranking can tell an article that is about the query's
 * words from one that mentions them further down.
 *
 * News is written as an inverted pyramid: the headline and the first
 * sentences say what the article is about, and the position of a word's
 * first occurrence is a well-known relevance signal (Troy & Zhang,
 * "Enhancing relevance scoring with chronological term rank", SIGIR 2007).
 *
 * Layout of value slot FAH_SLOT_LEAD (schema.h): for each distinct stem
 * among the first FAH_LEAD_WORDS words of title, then abstract, then body
 * (words counted without field gaps), in order of first occurrence, 3
 * bytes: the stem's 16-bit hash (fah_lead_hash, little-endian) and the
 * index of the word where it first occurs (0 = the title's first word).
 * A word the analyzer splits (compound clitics: several tokens at one
 * position) gives each of its stems the same index.  16-bit hashes keep
 * the slot near 100 bytes an article; two stems share a hash with
 * probability 2^-16 (a query word then counts as present in a lead where
 * it is not, about once in 2,000 leads of 32 distinct stems).
 */
#ifndef FAHRAS_LEAD_H
#define FAHRAS_LEAD_H

#include <stddef.h>
#include <stdint.h>

/* How many opening words count as the headline and lead: ANT headlines
 * average 9 words and its leads 30 (measured on the eval pool). */
#define FAH_LEAD_WORDS 40
/* At most this many entries (distinct stems; split words add a few). */
#define FAH_LEAD_MAX 64

typedef struct fah_lead {
    unsigned char bytes[FAH_LEAD_MAX * 3];
    size_t n; /* entries */
} fah_lead;

/* The 16-bit hash of a stem's UTF-8 bytes (XXH3-64 folded). */
uint16_t fah_lead_hash(const char *stem, size_t len);

/* Empty l. */
void fah_lead_reset(fah_lead *l);

/* Record that stem hash h occurs at word index `word`: ignored when word
 * >= FAH_LEAD_WORDS, when h is already recorded (an earlier occurrence) or
 * when l is full. */
void fah_lead_add(fah_lead *l, uint16_t h, unsigned word);

/* The value slot's bytes: l->bytes[0 .. fah_lead_size(l)). */
size_t fah_lead_size(const fah_lead *l);

#endif
