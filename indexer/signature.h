/*
 * signature.h - a MinHash signature of an article's words, to find copies
 * and near copies (re-crawls with another headline or footer) at search
 * time.
 *
 * The article's normalized words after its headline (abstract and body;
 * all of them, headline included, when fewer than FAH_SIG_MIN_BODY_WORDS
 * follow it) form 3-word shingles, so a re-crawl under another headline
 * is a copy; the signature is a MinHash (Broder, "On the resemblance and
 * containment of documents", 1997) computed with one permutation hashing
 * (Li, Owen & Zhang, NIPS 2012): one 64-bit hash per shingle, whose top 7
 * bits choose one of FAH_SIG_HASHES (128) bins and whose low 16 bits
 * compete for the bin's minimum; empty bins are filled by rotation
 * densification (Shrivastava & Li, ICML 2014).  One hash per shingle
 * instead of one per hash function (64 of them took 5.6% of indexing
 * time).  The share of equal bins in two signatures estimates the Jaccard
 * similarity of their shingle sets: standard error about 0.027 near 0.9
 * with 128 bins (16-bit values add a chance agreement of 1/65536 per bin).
 * Stored as 2-byte big-endian values in FAH_SLOT_SIGNATURE (schema.h),
 * 256 bytes per article.
 */
#ifndef FAHRAS_SIGNATURE_H
#define FAHRAS_SIGNATURE_H

#include <stddef.h>
#include <stdint.h>

#define FAH_SIG_HASHES 128
#define FAH_SIG_VALUE_BYTES 2
#define FAH_SIG_BYTES (FAH_SIG_HASHES * FAH_SIG_VALUE_BYTES)

/* Signature of the word hashes words[0..n) into out (FAH_SIG_BYTES).
 * Fewer than 3 words: the words themselves are the shingles; none: all
 * bytes 0xff. */
void fah_signature(const uint64_t *words, size_t n, unsigned char out[FAH_SIG_BYTES]);

/* Fewest words after the headline for the signature to leave the headline
 * out (a 10-word headline on a 100-word article is 10% of its shingles:
 * reworded, it kept a re-crawl under the 0.9 threshold). */
#define FAH_SIG_MIN_BODY_WORDS 20

/* The signature of an article whose words[0..n) begin with its headline's
 * `ntitle` words: fah_signature of words[ntitle..n) when n - ntitle >=
 * FAH_SIG_MIN_BODY_WORDS, else of all n. */
void fah_signature_article(const uint64_t *words, size_t n, size_t ntitle, unsigned char out[FAH_SIG_BYTES]);

/* Estimated Jaccard similarity (0..1) of two signatures; 0 when either is
 * missing or not FAH_SIG_BYTES long. */
double fah_signature_similarity(const char *a, size_t alen, const char *b, size_t blen);

#endif
