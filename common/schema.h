/*
 * schema.h - how fahras lays articles out in a Xapian database.
 *
 * Terms (Xapian's prefix convention: an upper-case prefix, then the term):
 *   <norm>     normalized surface form of a word, with positions (phrases,
 *              exact-form boost); no prefix
 *   Z<stem>    stem of a word, no positions (recall); absent with --stemmer none
 *   S<stem>    stem of a title word (the normalized form with --stemmer
 *              none), with positions: the title: field and its phrases
 *   Q<id>      the article id (unique; "Q#" + hash when too long: see
 *              fah_id_term())
 *   XS<src>    source, normalized as a word (fah_source_term) (filter)
 *   XL<id>     the article mentions leader <id> (gazetteer id) (filter)
 *   XC<code>   ... country <ISO code> by name or adjective (filter)
 *   XM<code>   ... country <ISO code> by a metonym (واشنطن, الكرملين)
 *   XT<id>     ... is about topic <id> (tagger.h rule)
 *   XK<name>   ... names a leader candidate <name> (a title word then a
 *              name not in the gazetteer; normalized words)
 * Values:
 *   FAH_SLOT_DATE    "YYYYMMDDHHMMSS" in UTC (sorts byte-wise): --sort date
 *   FAH_SLOT_LOCAL_DATE  the same in the source's own UTC offset, i.e. the
 *                    date and time an article shows ("2018-04-13T02:47+04:00"
 *                    is 20180413024700): date filters and month facets, so
 *                    filtering on the date a reader sees finds the article
 *   FAH_SLOT_SOURCE  source as stored
 *   FAH_SLOT_ENTITIES  mention counts, one "K:id=count" line per tag, K one
 *                    of L (leader), C (country), M (country metonym), T
 *                    (topic), K (leader candidate): for ranking by mentions
 *                    and for facets
 *   FAH_SLOT_SIGNATURE  MinHash signature of the words (signature.h), to
 *                    collapse copies and near copies in results
 *   FAH_SLOT_LEAD    the stems of the article's first words (headline and
 *                    lead) with where each first occurs (lead.h): ranking
 * Data: the article's stored fields (common/record.h).
 * Metadata keys: FAH_META_*.
 */
#ifndef FAHRAS_SCHEMA_H
#define FAHRAS_SCHEMA_H

#include <stddef.h>

#define FAH_SLOT_DATE 0
#define FAH_SLOT_SOURCE 1
#define FAH_SLOT_ENTITIES 2
#define FAH_SLOT_SIGNATURE 3
#define FAH_SLOT_LOCAL_DATE 4
#define FAH_SLOT_LEAD 5

#define FAH_PREFIX_STEM "Z"
#define FAH_PREFIX_TITLE "S"
#define FAH_PREFIX_ID "Q"
#define FAH_PREFIX_SOURCE "XS"
#define FAH_PREFIX_LEADER "XL"
#define FAH_PREFIX_COUNTRY "XC"
#define FAH_PREFIX_METONYM "XM"
#define FAH_PREFIX_TOPIC "XT"
#define FAH_PREFIX_CANDIDATE "XK"

#define FAH_META_ANALYZER "fahras.analyzer_version"
#define FAH_META_STEMMER "fahras.stemmer"
#define FAH_META_SCHEMA "fahras.schema_version"
/* JSON: {"finished": ISO 8601 UTC, "files", "articles", "failed", "seconds"} */
#define FAH_META_LAST_RUN "fahras.last_run"
/* The DIRs indexed into this database, absolute, one per line: what
 * `fahras index` (incremental or --full) works on when no DIR is given. */
#define FAH_META_ROOTS "fahras.roots"
/* fah_gazetteer_version() of the tagging ("off" with --no-entities), and
 * the user gazetteers' text (fah_gazetteer_user_text) that every later run
 * and search loads again. */
#define FAH_META_GAZETTEER "fahras.gazetteer_version"
#define FAH_META_GAZETTEER_USER "fahras.gazetteer_user"
#define FAH_SCHEMA_VERSION "1"

/* Term-position gap between fields, so phrases never span two fields. */
#define FAH_FIELD_GAP 100
/* wdf increment of a title word (body words count 1): the title weighs
 * more in BM25. */
#define FAH_TITLE_WDF 3

/* Write the unique id term for `id` into buf (at least 64 + strlen(id)
 * bytes): "Q" + id, or, when that would pass Xapian's term limit,
 * "Q#" + 32 hex digits of two 64-bit FNV-1a hashes of the id. Returns its
 * length. */
size_t fah_id_term(const char *id, char *buf, size_t buflen);

/* The filter term of a source name: "XS" + the name with white space
 * folded and every character normalized as words are (normalize.h: case,
 * hamza, ى, ة, tashkeel), so الأهرام and الاهرام, BBC and bbc are one
 * source.  Returns 0 or -1 (memory); out is reset first. */
struct fah_buf;
int fah_source_term(const char *source, struct fah_buf *out);

#endif
