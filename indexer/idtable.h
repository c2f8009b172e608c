/*
 * idtable.h - article ids seen during one index run, to apply the
 * Contract's rule "if two files claim the same id, warn and qualify the
 * later one with its path": a record whose id was already produced by
 * another file in this run, with different content, is renamed
 * "<id>@<path>"; with identical content (a copy of the same article, as the
 * ant-5k files are of ant-multisource) it replaces the earlier one.
 */
#ifndef FAHRAS_IDTABLE_H
#define FAHRAS_IDTABLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct fah_idtable fah_idtable;

int fah_idtable_new(fah_idtable **out);
void fah_idtable_delete(fah_idtable *t);

typedef enum { FAH_ID_NEW, FAH_ID_SAME_FILE, FAH_ID_SAME_CONTENT, FAH_ID_CONFLICT } fah_id_seen;

/* Record `id` produced by file number `file` with content fingerprint
 * `fp`.  Returns how it relates to an earlier record of the same id (the
 * earlier one is kept in the table), or -1 when out of memory.  *prev_path
 * gets the earlier file's index for messages. */
int fah_idtable_add(fah_idtable *t, const char *id, size_t file, uint64_t fp, size_t *prev_file);

/* 64-bit FNV-1a over bytes, chained from `h` (start with FAH_FNV_OFFSET). */
#define FAH_FNV_OFFSET 14695981039346656037ULL
uint64_t fah_fnv1a(const void *p, size_t n, uint64_t h);

#endif
