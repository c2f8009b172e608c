/*
 * dbdir.h - the database directory (Contract: "--db PATH", a directory that
 * Xapian's own tools open) and its generations.
 *
 * Layout that fahras creates:
 *   PATH/XAPIANDB     Xapian stub file, one line "glass gen-N" (a path
 *                     relative to PATH): Xapian, xapian-delve and every
 *                     reader open the current generation through it
 *   PATH/gen-N/       the glass database of generation N
 *   PATH/fahras.lock  flock()ed by an index run for the whole run, so a
 *                     second run (incremental or --full) fails fast
 * `index --full` builds generation N+1 beside N while searches go on reading
 * N, then renames a new stub over XAPIANDB (rename(2) is atomic) and
 * removes N.  A PATH that is itself a glass database (built before
 * generations existed) is used in place; --full turns it into the layout
 * above (the swap is the unlink of its `iamglass` file, after which Xapian
 * opens PATH through the stub).
 *
 * Functions return 0 on success and -1 with errno set (and a message in
 * `msg` where there is one) unless said otherwise.
 */
#ifndef FAHRAS_DBDIR_H
#define FAHRAS_DBDIR_H

#include <stddef.h>

typedef enum fah_dbdir_kind {
    FAH_DBDIR_NONE = 0, /* PATH missing or an empty directory */
    FAH_DBDIR_STUB,     /* PATH/XAPIANDB names gen-N */
    FAH_DBDIR_GLASS,    /* PATH is a glass database itself */
    FAH_DBDIR_OTHER     /* a directory with other files: not ours to write into */
} fah_dbdir_kind;

typedef struct fah_dbdir {
    fah_dbdir_kind kind;
    unsigned gen;        /* current generation (FAH_DBDIR_STUB), else 0 */
    char glass[4096];    /* the glass directory to open for writing or check */
} fah_dbdir;

/* Look at PATH and fill `d`.  Never creates anything.  -1 only when PATH
 * exists but cannot be read, or its stub is not one fahras wrote. */
int fah_dbdir_resolve(const char *path, fah_dbdir *d, char *msg, size_t msglen);

/* Take PATH/fahras.lock (creating PATH and the lock file as needed),
 * retrying every 0.5 s for up to wait_secs.  Returns 0 with *fd set (keep it
 * open for the run; closing or exiting releases it), 1 when another run
 * holds it, -1 on error (errno). */
int fah_dbdir_lock(const char *path, double wait_secs, int *fd);

/* Choose the next generation for PATH (one more than any gen-* there),
 * removing gen-* directories that the stub does not name (left by an
 * interrupted --full; call only while holding the lock).  Writes the glass
 * path into glass (len bytes) and the number into *gen. */
int fah_dbdir_next_generation(const char *path, const fah_dbdir *cur, char *glass, size_t len,
                              unsigned *gen);

/* Remove every PATH/gen-N but gen-`keep` (0: all), and put the highest N
 * seen (or keep) into *max_gen when not NULL.  Only under the lock. */
int fah_dbdir_remove_stale(const char *path, unsigned keep, unsigned *max_gen);

/* Point PATH/XAPIANDB at generation `gen` atomically (write, fsync,
 * rename, fsync the directory). */
int fah_dbdir_write_stub(const char *path, unsigned gen);

/* After fah_dbdir_write_stub: retire what `old` described (remove the old
 * generation, or the glass files of a PATH that was a glass database, its
 * `iamglass` first).  Readers that have it open keep reading their open
 * files.  Returns 0, or -1 when something could not be removed (the new
 * generation is live either way). */
int fah_dbdir_retire(const char *path, const fah_dbdir *old);

/* Remove a directory tree (no symlinks followed).  0 or -1. */
int fah_rmtree(const char *dir);

/* Total bytes of the regular files directly in `dir`. */
unsigned long long fah_dir_bytes(const char *dir);

#endif
