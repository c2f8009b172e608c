/*
 * manifest.h - the files an index was built from, kept inside the Xapian
 * database as metadata (so it is committed in the same commit as the
 * documents it describes): for each file its absolute path, size,
 * modification time, content hash and the ids of the articles it produced.
 *
 * Metadata key: "fahras.f:" + 32 hex digits of two 64-bit FNV-1a hashes of
 * the path; value: "2\t<size>\t<mtime ns>\t<hash>\t<path>" then "\n<id>"
 * per article, where <hash> is 32 hex digits of XXH3-128 of the file's
 * content (after gzip decompression; "-" when the file was not read).
 * Version-1 values (no hash field) are still read.  An id shared by several files (the same DOCNO in two copies)
 * is counted, so deleting one file keeps the article while another file
 * still produces it.
 */
#ifndef FAHRAS_MANIFEST_H
#define FAHRAS_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "../xap/fx.h"

typedef struct fah_mentry {
    char *path;
    long long size;
    long long mtime_ns;   /* seconds * 1e9 + nanoseconds */
    char **ids;
    size_t nids;
    unsigned char hash[16];
    int has_hash;         /* 0: content hash unknown */
    int seen;             /* met in this run's listing */
} fah_mentry;

typedef struct fah_manifest fah_manifest;

/* Load every entry of db.  0, or -1 with err set. */
int fah_manifest_load(fx_db *db, fah_manifest **out, fx_error *err);
void fah_manifest_delete(fah_manifest *m);

fah_mentry *fah_manifest_find(fah_manifest *m, const char *path);
size_t fah_manifest_count(const fah_manifest *m);
fah_mentry *fah_manifest_at(fah_manifest *m, size_t i);

/* How many manifest entries list `id`. */
size_t fah_manifest_id_refs(fah_manifest *m, const char *id);

/* Record (or replace) the entry for `path` in memory and in db (not yet
 * committed).  `path`, `ids` and `hash` (16 bytes, or NULL) are copied and
 * may point into the entry being replaced.  Entries may move in memory:
 * fah_mentry pointers are valid only until the next put. */
fx_status fah_manifest_put(fah_manifest *m, fx_db *db, const char *path, long long size,
                           long long mtime_ns, const unsigned char *hash, char *const *ids,
                           size_t nids, fx_error *err);

/* Forget `path` (in memory and in db). */
fx_status fah_manifest_remove(fah_manifest *m, fx_db *db, const char *path, fx_error *err);

#endif
