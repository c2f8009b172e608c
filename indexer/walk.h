/*
 * walk.h - listing the files under the directories given to `index`.
 *
 * Directories are read recursively, entries in byte order of their names
 * (so runs are reproducible); names starting with '.' are skipped; symbolic
 * links are followed, and a directory already on the current path (a
 * symlink loop) is reported and not entered again.
 */
#ifndef FAHRAS_WALK_H
#define FAHRAS_WALK_H

#include <stddef.h>
#include <sys/types.h>

typedef struct fah_file {
    char *path;     /* as opened: root + "/" + rel (malloc()ed) */
    char *rel;      /* relative to the root given (malloc()ed) */
    off_t size;
    time_t mtime;
    long mtime_ns;  /* nanoseconds part of the modification time */
} fah_file;

typedef struct fah_filelist {
    fah_file *v;
    size_t n, cap;
} fah_filelist;

/* Called for a path that cannot be read (failed = 1) or that is passed over,
 * such as a symlink loop (failed = 0); `why` is a message. */
typedef void (*fah_walk_err_cb)(void *ctx, const char *path, int failed, const char *why);

/* Append every regular file under `root` (or `root` itself when it is a
 * file) to list.  Returns 0, -1 when root cannot be read at all (reported
 * through errcb) or memory runs out. */
int fah_walk(const char *root, fah_filelist *list, fah_walk_err_cb errcb, void *ctx);

/* An absolute form of `path` (malloc()ed; NULL when memory runs out):
 * realpath(3) when it resolves, else `path` itself when absolute, else the
 * working directory joined with it.  For comparing a path the walk could
 * not read with the manifest's absolute paths. */
char *fah_abs_path(const char *path);

/* Is `path` `root` itself or under it (both absolute, no trailing '/')? */
int fah_path_under(const char *path, const char *root);

void fah_filelist_free(fah_filelist *list);

#endif
