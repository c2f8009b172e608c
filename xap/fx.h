/*
 * fx.h - the C API over libxapian 1.4 that fahras uses.
 *
 * Everything Xapian does for fahras goes through this header; the C++ lives
 * only in fx.cc.  Rules, modelled on SQLite's C API:
 *   - every function that can fail returns an fx_status; FX_OK (0) is success;
 *   - on failure, if `err` is not NULL, err->msg holds a one-line message
 *     (Xapian's own description plus context) that the caller can print;
 *   - no C++ exception ever crosses this boundary (each entry point catches
 *     Xapian::Error, std::bad_alloc, std::exception and `...`);
 *   - handles are opaque; each *_new / *_open has a matching *_free / *_close
 *     that accepts NULL;
 *   - terms, values and data are byte strings with explicit lengths (they may
 *     contain NUL); strings returned through `char **` are malloc()ed and
 *     owned by the caller, who free()s them.
 */
#ifndef FAHRAS_FX_H
#define FAHRAS_FX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fx_status {
    FX_OK = 0,
    FX_ERR_NOT_FOUND,     /* no database at the path */
    FX_ERR_OPENING,       /* exists but cannot be opened (permissions, not a database) */
    FX_ERR_LOCKED,        /* another writer holds the database lock */
    FX_ERR_CORRUPT,       /* Xapian reports corruption */
    FX_ERR_VERSION,       /* database format Xapian cannot read */
    FX_ERR_MODIFIED,      /* the revision being read was overwritten; reopen and retry */
    FX_ERR_TERM_TOO_LONG, /* a term longer than FX_MAX_TERM_BYTES */
    FX_ERR_INVALID_ARG,   /* an argument Xapian rejects */
    FX_ERR_IO,            /* I/O failure, e.g. ENOSPC (disk full) */
    FX_ERR_NOMEM,         /* allocation failed */
    FX_ERR_NOT_FOUND_DOC, /* no such document / term */
    FX_ERR_OTHER
} fx_status;

/* Longest term a glass database accepts, in bytes (Xapian 1.4 glass limit:
 * 245 bytes for a term; the wrapper refuses longer ones before Xapian does). */
#define FX_MAX_TERM_BYTES 245

typedef struct fx_error {
    char msg[512];
} fx_error;

typedef uint32_t fx_docid;

typedef struct fx_db fx_db;
typedef struct fx_doc fx_doc;
typedef struct fx_query fx_query;
typedef struct fx_mset fx_mset;
typedef struct fx_stem fx_stem;

/* Name of a status, e.g. "locked"; never NULL, static storage. */
const char *fx_status_name(fx_status st);

/* ---- databases -------------------------------------------------------- */

/* Open the database at `path` read-only (a glass directory or a stub file/
 * directory that Xapian resolves).  *out receives a handle to fx_db_close().
 * Errors: FX_ERR_NOT_FOUND, FX_ERR_OPENING, FX_ERR_CORRUPT, FX_ERR_VERSION. */
fx_status fx_db_open(const char *path, fx_db **out, fx_error *err);

/* Open (creating it and missing parent directories' last component if needed
 * when `create` is non-zero) the database at `path` for writing, taking
 * Xapian's exclusive writer lock.  Errors: FX_ERR_LOCKED when another writer
 * holds it, FX_ERR_NOT_FOUND when `create` is 0 and nothing is there,
 * FX_ERR_OPENING, FX_ERR_IO. */
fx_status fx_db_open_writable(const char *path, int create, fx_db **out, fx_error *err);

/* As fx_db_open_writable(path, 1, ...) for a scratch database that nothing
 * reads until it is merged (a worker's part of a parallel build): Xapian's
 * DB_NO_SYNC, so commits skip fsync (a crash loses the part, which the run
 * redoes). */
fx_status fx_db_open_scratch(const char *path, fx_db **out, fx_error *err);

/* Merge the glass databases sources[0..n) into a new database at `dest`
 * (which must not exist) with Xapian's compaction (Database::compact,
 * DBCOMPACT_MULTIPASS): documents renumbered source after source (a
 * source's docids follow the previous source's last docid), postings,
 * positions and stored data copied into full blocks; user metadata of the
 * same key in two sources keeps the first source's value.  The result is
 * fsync()ed by Xapian's table writes.  FX_ERR_OPENING, FX_ERR_IO,
 * FX_ERR_NOMEM. */
fx_status fx_db_compact(const char *const *sources, size_t n, const char *dest, fx_error *err);

/* Release the handle (NULL is accepted).  As in Xapian, a writable handle's
 * pending changes are committed if possible, except in batch mode
 * (fx_db_begin_batches), where they are discarded; call fx_db_commit()
 * explicitly where it matters, and check its status. */
void fx_db_close(fx_db *db);

/* Batch mode for a writable handle: from now on changes (documents and
 * metadata) reach the disk only through fx_db_commit(); Xapian's automatic
 * flush (XAPIAN_FLUSH_THRESHOLD) is off, and fx_db_close() or an error
 * leaves the database at the last commit.  Implemented with Xapian's
 * flushed transactions (begin_transaction(true) / commit_transaction /
 * cancel_transaction).  Memory grows with the changes between commits. */
fx_status fx_db_begin_batches(fx_db *db, fx_error *err);

/* Re-open a read-only handle at the latest committed revision. */
fx_status fx_db_reopen(fx_db *db, fx_error *err);

/* Number of documents, and number of documents indexed by `term`. */
fx_status fx_db_doccount(fx_db *db, uint32_t *out, fx_error *err);
fx_status fx_db_termfreq(fx_db *db, const char *term, size_t len, uint32_t *out, fx_error *err);

/* Metadata (Xapian user metadata): key is a NUL-terminated string; a missing
 * key gives FX_OK with *val = NULL, *len = 0.  *val is malloc()ed. */
fx_status fx_db_get_metadata(fx_db *db, const char *key, char **val, size_t *len, fx_error *err);
fx_status fx_db_set_metadata(fx_db *db, const char *key, const char *val, size_t len, fx_error *err);

/* Call cb for every metadata key starting with `prefix`, in key order;
 * a non-zero return from cb stops the walk (and is not an error). */
fx_status fx_db_metadata_keys(fx_db *db, const char *prefix,
                              int (*cb)(void *ctx, const char *key, size_t len), void *ctx,
                              fx_error *err);

/* Add `doc`, replacing every document indexed by the unique term `term`
 * (Xapian replace_document(term, doc)).  *docid (if not NULL) gets its id
 * (0 with a writer thread, which takes the document's content and leaves
 * `doc` empty). */
fx_status fx_db_replace_by_term(fx_db *db, const char *term, size_t len, fx_doc *doc,
                                fx_docid *docid, fx_error *err);

/* Carry out this writable handle's replace, delete, set-metadata and commit
 * calls on a thread of their own, in call order, with at most `queue`
 * operations waiting (0: 64): the caller goes on (analysing the next
 * article) while Xapian files the previous one.  Those calls then return
 * at once; an error in one of them is returned by the next call on the
 * handle.  Every other call on the handle first waits for the queued work,
 * so Xapian never sees two threads; fx_db_sync waits without doing
 * anything else.  fx_db_close carries out what is queued, then closes.  A
 * run that stops on an error still closes the handle, which drops
 * everything since the last commit that succeeded, as without a thread. */
fx_status fx_db_start_writer(fx_db *db, unsigned queue, fx_error *err);

/* Wait until the writer thread's queue is empty; the first error of the
 * queued calls, if any (FX_OK without a writer thread). */
fx_status fx_db_sync(fx_db *db, fx_error *err);

/* Delete every document indexed by `term`. */
fx_status fx_db_delete_by_term(fx_db *db, const char *term, size_t len, fx_error *err);

/* Make all changes since the last commit durable (Xapian commit(), or
 * commit_transaction() and a new transaction in batch mode). */
fx_status fx_db_commit(fx_db *db, fx_error *err);

/* First document indexed by `term`: FX_ERR_NOT_FOUND_DOC if none. */
fx_status fx_db_find_by_term(fx_db *db, const char *term, size_t len, fx_docid *out, fx_error *err);

/* A document's stored data and one value slot (malloc()ed copies).
 * fx_db_get_value does not check that document `id` exists (pass a hit's or
 * a fx_db_find_by_term docid): an absent one reads as an empty value. */
fx_status fx_db_get_data(fx_db *db, fx_docid id, char **data, size_t *len, fx_error *err);
/* Value `slot` of n documents at once (ids in any order, duplicates
 * allowed): vals[i] (malloc()ed, NULL when the document has none) and
 * lens[i].  Reads them in docid order through one value stream, which
 * shares B-tree block reads between documents (for the hits of a search).
 * On an error, vals[] may hold some copies already: the caller frees them. */
fx_status fx_db_get_values(fx_db *db, unsigned slot, const fx_docid *ids, size_t n, char **vals,
                           size_t *lens, fx_error *err);
fx_status fx_db_get_value(fx_db *db, fx_docid id, unsigned slot, char **val, size_t *len,
                          fx_error *err);

/* Number of distinct terms (walks the whole term list: proportional to
 * the vocabulary), and the sum of document lengths (wdf total). */
fx_status fx_db_term_stats(fx_db *db, uint64_t *distinct_terms, uint64_t *total_length,
                           fx_error *err);

/* Call cb(ctx, term, len, termfreq) for every term starting with `prefix`
 * (plen bytes; 0 for all), in byte order.  A non-zero return from cb stops
 * the walk (FX_OK is still returned). */
typedef int (*fx_term_cb)(void *ctx, const char *term, size_t len, uint32_t termfreq);
fx_status fx_db_allterms(fx_db *db, const char *prefix, size_t plen, fx_term_cb cb, void *ctx,
                         fx_error *err);

/* Call cb(ctx, term, len, wdf, positions, npos) for every term of document
 * `id`, in byte order; `positions` (npos entries, ascending) is only valid
 * during the call. */
typedef int (*fx_doc_term_cb)(void *ctx, const char *term, size_t len, uint32_t wdf,
                              const uint32_t *positions, size_t npos);
fx_status fx_db_doc_termlist(fx_db *db, fx_docid id, fx_doc_term_cb cb, void *ctx, fx_error *err);

/* The document indexed by `old_term` gets `new_term` in its place (when
 * they differ; both boolean, wdf 0) and `data` as its stored data; its
 * other terms, positions and values are kept, so Xapian rewrites only what
 * changed (a moved file: new path, new path-derived id).  Writable handles
 * only; FX_ERR_NOT_FOUND_DOC when no document has old_term. */
fx_status fx_db_relocate(fx_db *db, const char *old_term, size_t oldlen, const char *new_term,
                         size_t newlen, const char *data, size_t datalen, fx_error *err);

/* Xapian's own consistency check of the database at `path`
 * (Xapian::Database::check): *errors gets the number of problems found,
 * *report (malloc()ed, may be empty) Xapian's description of them.
 * FX_ERR_CORRUPT and friends when the database cannot even be opened. */
fx_status fx_db_check(const char *path, size_t *errors, char **report, fx_error *err);

/* ---- documents -------------------------------------------------------- */

fx_status fx_doc_new(fx_doc **out, fx_error *err);
void fx_doc_free(fx_doc *doc);

/* Add `term` at position `pos` (1-based word position), raising its wdf by
 * `wdfinc`.  FX_ERR_TERM_TOO_LONG when len > FX_MAX_TERM_BYTES, or len == 0. */
fx_status fx_doc_add_posting(fx_doc *doc, const char *term, size_t len, uint32_t pos,
                             uint32_t wdfinc, fx_error *err);
/* Add `term` without a position, raising its wdf by `wdfinc`. */
/* Add term `term` with within-document frequency `wdf` and the npos
 * positions pos[0..npos) (term positions, 1-based, any order) in one call:
 * the wdf is not the number of positions (title words count more).  npos 0
 * adds the term without positions. */
fx_status fx_doc_add_positions(fx_doc *doc, const char *term, size_t len, const uint32_t *pos,
                               size_t npos, uint32_t wdf, fx_error *err);
fx_status fx_doc_add_term(fx_doc *doc, const char *term, size_t len, uint32_t wdfinc,
                          fx_error *err);
/* Add a filter term (wdf 0, no position). */
fx_status fx_doc_add_boolean_term(fx_doc *doc, const char *term, size_t len, fx_error *err);
fx_status fx_doc_set_value(fx_doc *doc, unsigned slot, const char *val, size_t len, fx_error *err);
fx_status fx_doc_set_data(fx_doc *doc, const char *data, size_t len, fx_error *err);
/* Remove all terms, values and data (to reuse the handle). */
void fx_doc_clear(fx_doc *doc);

/* ---- queries ---------------------------------------------------------- */

typedef enum fx_query_op {
    FX_OP_AND,
    FX_OP_OR,
    FX_OP_AND_NOT,   /* first AND NOT (OR of the rest) */
    FX_OP_AND_MAYBE, /* first, weighted by the rest */
    FX_OP_FILTER,    /* first, filtered by the rest (the rest add no weight) */
    FX_OP_SYNONYM,   /* the subqueries weighted as one term */
    FX_OP_PHRASE,    /* in order, within `window` positions (0: number of subqueries) */
    FX_OP_NEAR       /* any order, within `window` positions (0: number of subqueries) */
} fx_query_op;

/* A term query; `wqf` the within-query frequency (>= 1), `pos` its query
 * position (0 if none). */
fx_status fx_query_term(const char *term, size_t len, uint32_t wqf, uint32_t pos, fx_query **out,
                        fx_error *err);
/* Combine `n` subqueries (not consumed: the caller still frees them). */
fx_status fx_query_combine(fx_query_op op, fx_query *const *subs, size_t n, uint32_t window,
                           fx_query **out, fx_error *err);
/* Multiply the weight of `q` by `factor` (>= 0). */
/* Every term that starts with prefix[0..len) (Xapian OP_WILDCARD), weighted
 * together as one term (OP_SYNONYM); when more than `max_expansion` terms
 * (0: no limit) start so, the most frequent ones
 * (WILDCARD_LIMIT_MOST_FREQUENT). */
fx_status fx_query_wildcard(const char *prefix, size_t len, unsigned max_expansion, fx_query **out,
                            fx_error *err);
fx_status fx_query_scale(const fx_query *q, double factor, fx_query **out, fx_error *err);
/* Documents whose value in `slot` lies in [lo, hi] (byte-wise comparison;
 * NULL lo or hi leaves that end open). */
fx_status fx_query_value_range(unsigned slot, const char *lo, size_t lolen, const char *hi,
                               size_t hilen, fx_query **out, fx_error *err);
/* Xapian's description of the query (for --explain / debugging), malloc()ed. */
fx_status fx_query_describe(const fx_query *q, char **out, fx_error *err);
void fx_query_free(fx_query *q);
/* A second handle on the same query (Xapian queries are shared, immutable). */
fx_status fx_query_copy(const fx_query *q, fx_query **out, fx_error *err);

/* ---- searching -------------------------------------------------------- */

typedef struct fx_search_opts {
    uint32_t offset;      /* first rank wanted (0-based) */
    uint32_t limit;       /* how many results */
    uint32_t check_at_least; /* for better estimates; 0 = Xapian's default */
    double bm25_k1, bm25_k2, bm25_k3, bm25_b, bm25_min_normlen; /* all 0: Xapian's defaults */
    int sort_by_value;    /* 1: sort by value slot `sort_slot`, then relevance */
    unsigned sort_slot;
    int sort_reverse;     /* with sort_by_value: descending */
} fx_search_opts;

/* Run `q` over `db` with BM25.  A DatabaseModifiedError makes the wrapper
 * reopen the database and retry (up to 3 times). */
fx_status fx_search(fx_db *db, const fx_query *q, const fx_search_opts *opts, fx_mset **out,
                    fx_error *err);
uint32_t fx_mset_size(const fx_mset *m);
uint32_t fx_mset_estimate(const fx_mset *m);
fx_docid fx_mset_docid(const fx_mset *m, uint32_t i);
double fx_mset_weight(const fx_mset *m, uint32_t i);
/* The largest weight any document could get from the search's query
 * (Xapian's MSet::get_max_possible(): the weighting scheme's upper bounds,
 * known without reading postings, so a search with limit 0 gives it
 * cheaply); 0 for NULL. */
double fx_mset_max_possible(const fx_mset *m);
/* Stored data of hit i (malloc()ed). */
fx_status fx_mset_data(fx_mset *m, uint32_t i, char **data, size_t *len, fx_error *err);
void fx_mset_free(fx_mset *m);

/* Articles like document `id`: Xapian's query expansion (Enquire::get_eset
 * with the document as the relevance set, Robertson's term selection) picks
 * its `nterms` best terms among those starting with `prefix` (plen bytes;
 * e.g. the stem prefix), and *out gets their OR, the document itself
 * excluded (AND_NOT its `idterm`).  FX_ERR_NOT_FOUND_DOC if no such
 * document. */
fx_status fx_query_similar(fx_db *db, fx_docid id, const char *prefix, size_t plen, unsigned nterms,
                           const char *idterm, size_t idlen, fx_query **out, fx_error *err);

/* ---- entity counts (fx_entities.cc) --------------------------------- */

/* A query matching the documents indexed by `term` (e.g. "XLemmanuel-macron"),
 * each weighted like BM25's term-frequency part, scale * c (k1 + 1) /
 * (c + k1 (1 - b + b dl / avgdl)) with k1 = 1.2, b = 0.75, where c is the
 * count of `key` (e.g. "L:emmanuel-macron") in the "K:id=count" lines of
 * value slot `slot` and dl the document length (a Xapian::PostingSource):
 * an article naming a leader ten times outranks one naming him once, and
 * a short article about him one that names him as often in passing.
 * Combine with text queries through fx_query_combine. */
fx_status fx_query_mentions(const char *term, size_t tlen, unsigned slot, const char *key,
                            double scale, fx_query **out, fx_error *err);

/* Facets: run `q` over every document of db (unranked) and call
 * cb(ctx, key, len, documents) for every entity key found in the blob of
 * `blob_slot` ("L:...", "C:...", "M:...", "T:...", "K:..."), every source
 * ("S:" + value of `source_slot`) and every month ("D:YYYY-MM" from the
 * date value of `date_slot`), in no particular order.  The counts are
 * exact: the matcher is asked to examine every matching document
 * (check_at_least = the database's document count), at a cost proportional
 * to the number of matches.  *matches gets the number of matching documents. */
typedef int (*fx_facet_cb)(void *ctx, const char *key, size_t len, uint32_t documents);
fx_status fx_facets(fx_db *db, const fx_query *q, unsigned blob_slot, unsigned source_slot,
                    unsigned date_slot, uint32_t *matches, fx_facet_cb cb, void *ctx,
                    fx_error *err);

/* ---- Snowball stemmer (Xapian::Stem) ---------------------------------- */

/* A stemmer for `lang` (e.g. "arabic").  FX_ERR_INVALID_ARG if unknown. */
fx_status fx_stem_new(const char *lang, fx_stem **out, fx_error *err);
/* Stem `word`; *out is malloc()ed (NUL-terminated), *outlen its length. */
fx_status fx_stem_apply(fx_stem *s, const char *word, size_t len, char **out, size_t *outlen,
                        fx_error *err);
void fx_stem_free(fx_stem *s);

/* Xapian's version string, e.g. "1.4.22". */
const char *fx_xapian_version(void);

#ifdef __cplusplus
}
#endif
#endif
