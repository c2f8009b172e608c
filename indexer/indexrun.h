/*
 * indexrun.h - the work of one `fahras index` run over a listing of files,
 * against one writable glass database and its file manifest:
 *   - a file whose size and mtime match its manifest entry is skipped;
 *   - a file whose content hash matches its entry (touched, or rewritten
 *     with the same bytes) only gets its new mtime recorded;
 *   - a new path whose size and content hash match a manifest entry that
 *     vanished from the listing is a rename or move: its articles keep
 *     their terms, only the stored path (and a path-derived id, Contract
 *     "Article id") is rewritten;
 *   - any other file is read and parsed; its articles replace the earlier
 *     ones and the ids it no longer produces are deleted;
 *   - entries under the run's roots that are still unseen at the end are
 *     removed files: their articles are deleted.
 * Changes are committed every `batch` changed documents and at the end,
 * with the manifest entries in the same commit (Xapian commits metadata
 * and documents atomically), so a crash loses at most one batch and the
 * next run redoes it.
 */
#ifndef FAHRAS_INDEXRUN_H
#define FAHRAS_INDEXRUN_H

#include <stddef.h>

#include "../stemmer/analyzer.h"
#include "../xap/fx.h"
#include "docbuild.h"
#include "idtable.h"
#include "ingest.h"
#include "manifest.h"
#include "walk.h"

typedef struct fah_problem {
    char *path;
    char *why;
    int failed; /* 1 failed, 0 skipped or warning */
} fah_problem;

typedef struct fah_run {
    /* set by the caller */
    const char *dbpath;
    fx_db *db;
    fah_analyzer *an;
    fah_docbuilder *builder;
    fah_idtable *ids;
    fah_ingest *ingest;
    fah_manifest *man;
    int quiet, verbose;
    size_t batch;
    fah_filelist files;
    char **roots;          /* absolute roots of this run (realpath of the DIRs) */
    size_t nroots;
    /* per file */
    const fah_file *file;
    size_t file_index;
    char **abs;            /* absolute path of each listed file */
    char **cur_ids;        /* ids the current file produced */
    size_t ncur, capcur;
    size_t *moved;         /* manifest indexes of vanished entries with a content
                              hash, sorted by (size, hash) */
    int in_file;           /* a file is being re-read: its entry is not written yet */
    size_t nmoved;
    /* counters */
    size_t files_read, files_skipped, files_failed, files_unchanged, files_touched;
    size_t files_moved, files_removed;
    size_t articles, empty, dup_same, renamed, deleted, relocated;
    size_t pending, committed;
    fx_status fatal;       /* a database error that ends the run */
    fx_error fatal_err;
    fah_problem *probs;
    size_t nprobs, capprobs;
    /* paths the walk could not list or stat (absolute): the manifest's
     * files at or under them are kept, not taken for removed files */
    char **walk_failed;
    size_t nwalk_failed;
    int walk_failed_oom;
} fah_run;

/* Record a note or failure about `path` (printed at once with --verbose,
 * or for failures on a terminal). */
void fah_run_note(fah_run *r, const char *path, int failed, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* fah_walk error callback (ctx = fah_run). */
void fah_run_walk_err(void *ctx, const char *path, int failed, const char *why);

/* Before the files: absolute paths, manifest entries still listed marked
 * seen, the vanished ones under the roots indexed for rename detection.
 * 0, or -1 when out of memory. */
int fah_run_prepare(fah_run *r);

/* Do file r->files.v[i] (see the header comment). */
void fah_run_file(fah_run *r, size_t i);

/* After the files: delete the articles of entries under the roots that
 * were not listed, and forget them.  Roots that cannot be read now are left
 * alone (an unmounted disk must not empty the index). */
void fah_run_remove_vanished(fah_run *r);

/* Commit now.  0, or -1 with r->fatal set. */
int fah_run_commit(fah_run *r);

/* Free what the run allocated (not the handles the caller set). */
void fah_run_free(fah_run *r);

#endif
