/*
 * ingest.h - from one corpus file to its articles: read (gzip too), reject
 * what is not an article (by name, by binary content), decode to UTF-8,
 * detect the format by content (or take the forced one), and parse.  Used by
 * `fahras index` and by the ingestion benchmark.
 *
 * Formats: SGML records (sgml.h), JSON array / JSON Lines / single object
 * (json.h), HTML page, RSS/Atom feed (html.h), plain text (plaintext.h).
 * Detection order: SGML (<DOC>), JSON ('[' or '{'), feed (<rss, <feed,
 * <rdf:RDF), HTML (<!doctype, <html, or <head>/<body> near the start),
 * else plain text.
 *
 * Memory: a file is read whole (at most FAH_MAX_FILE_BYTES after
 * decompression) and decoded once, so a file costs about 2-3 times its
 * decompressed size while it is read; JSON is parsed one record at a time.
 */
#ifndef FAHRAS_INGEST_H
#define FAHRAS_INGEST_H

#include <stddef.h>

#include "../common/buf.h"
#include "article.h"

typedef enum fah_format {
    FAH_FMT_AUTO = 0,
    FAH_FMT_TEXT,
    FAH_FMT_SGML,
    FAH_FMT_JSON,  /* array, lines or one object */
    FAH_FMT_HTML,
    FAH_FMT_FEED
} fah_format;

/* "text" "sgml" "json" "jsonl" "html" "rss" "atom" -> format; -1 if unknown. */
int fah_format_parse(const char *name, fah_format *out);
const char *fah_format_name(fah_format f);

/* The format of decoded text, by content (the detection order above). */
fah_format fah_detect_format(const char *text, size_t len);

typedef enum fah_outcome {
    FAH_FILE_READ,     /* read and parsed (it may still hold no article) */
    FAH_FILE_SKIPPED,  /* not an article file: note says why */
    FAH_FILE_FAILED,   /* could not be read or parsed: note says why */
    FAH_FILE_NOMEM
} fah_outcome;

typedef struct fah_ingest_cbs {
    /* one article (the callee owns and clears its fields); non-zero stops */
    int (*article)(void *ctx, fah_article *a);
    /* a message about the file: failed = 1 for an error, 0 for a note */
    void (*note)(void *ctx, int failed, const char *msg);
    void *ctx;
} fah_ingest_cbs;

typedef struct fah_ingest fah_ingest;

/* `forced_encoding` (ICU name) and `forced_format` apply to every file; NULL
 * / FAH_FMT_AUTO to detect.  Returns 0 or -1 (memory). */
int fah_ingest_new(const char *forced_encoding, fah_format forced_format, fah_ingest **out);
void fah_ingest_delete(fah_ingest *g);

/* Read and parse the file at `path` (`rel` is its name for skip rules):
 * fah_ingest_read then fah_ingest_parse.  *stopped is set when the article
 * callback asked to stop. */
fah_outcome fah_ingest_file(fah_ingest *g, const char *path, const char *rel,
                            const fah_ingest_cbs *cb, int *stopped);

/* First half: read the file (gzip decompressed) into the handle and put
 * the XXH3-128 hash of those bytes (canonical, big-endian) into hash[16],
 * setting *hashed.  FAH_FILE_READ when the bytes wait for fah_ingest_parse;
 * SKIPPED (skipped by name, vanished; a note says why), FAILED, NOMEM
 * otherwise.  An empty file is READ (its hash is known) and then skipped
 * by the parse. */
fah_outcome fah_ingest_read(fah_ingest *g, const char *path, const char *rel,
                            const fah_ingest_cbs *cb, unsigned char hash[16], int *hashed);

/* Second half: reject binary content, decode, detect the format and parse
 * the bytes of the last fah_ingest_read, calling cb for each article. */
fah_outcome fah_ingest_parse(fah_ingest *g, const char *rel, const fah_ingest_cbs *cb, int *stopped);

/* Bytes of text decoded so far (for throughput figures). */
size_t fah_ingest_bytes(const fah_ingest *g);

/* Did the last fah_ingest_read fail on the file's bytes (a corrupt or
 * truncated gzip stream, a file over the size limit) rather than on reading
 * them (permissions, I/O)?  Such a file fails again until it changes. */
int fah_ingest_content_failed(const fah_ingest *g);

/* After fah_ingest_parse skipped the file as binary data (a PDF, an image,
 * random bytes): what it looked like (static string); else NULL. */
const char *fah_ingest_binary(const fah_ingest *g);

#endif
