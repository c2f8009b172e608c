/*
 * strmap.h - a string-keyed hash map (open addressing, XXH3) from byte
 * strings to lists of small records, for the gazetteer's phrase tables.
 * Keys and records are copied; lookups never allocate.
 */
#ifndef FAHRAS_STRMAP_H
#define FAHRAS_STRMAP_H

#include <stddef.h>

typedef struct fah_strmap fah_strmap;

/* A map whose records are `recsize` bytes each.  NULL when out of memory. */
fah_strmap *fah_strmap_new(size_t recsize);
void fah_strmap_delete(fah_strmap *m);

/* Append a copy of `rec` to the list of key[0..len); 0 or -1 (memory).
 * `unique`: do not append a record equal (memcmp) to one already listed. */
int fah_strmap_add(fah_strmap *m, const char *key, size_t len, const void *rec, int unique);

/* The records of key[0..len) and their number, or NULL. */
const void *fah_strmap_get(const fah_strmap *m, const char *key, size_t len, size_t *n);

#endif
