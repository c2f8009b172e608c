/*
 * parallel.h - a build from scratch (a new database, or `index --full`)
 * shared among worker processes.
 *
 * The listing is cut into `jobs` contiguous shards of about equal bytes of
 * text (a gzip file counts the uncompressed size in its trailer);
 * worker k (a fork()ed process with the run's analyzer, gazetteer and
 * listing) indexes its shard into its own scratch database DEST.part-K
 * (fx_db_open_scratch: no fsync), with its own manifest entries, and writes
 * its counters and notes to DEST.part-K/result; the parent shows their
 * progress, then merges the parts into DEST with Xapian's compaction
 * (fx_db_compact: docids follow the listing's order, as one process would
 * give them, and the result is compact).  Workers die with the parent
 * (PR_SET_PDEATHSIG), and a later run removes parts left by a killed one
 * (fah_dbdir_remove_stale).
 *
 * One article id produced by files of two shards (which one process would
 * qualify, indexrun.h) cannot be resolved after the fact: the parts are
 * then dropped and the caller indexes the listing in one process.
 */
#ifndef FAHRAS_PARALLEL_H
#define FAHRAS_PARALLEL_H

#include "../common/progress.h"
#include "indexrun.h"

typedef enum fah_parallel_result {
    FAH_PARALLEL_DONE = 0,   /* DEST holds every shard; r's counters and notes include the workers' */
    FAH_PARALLEL_SEQUENTIAL, /* ids shared across shards: nothing written, index in one process */
    FAH_PARALLEL_FAILED      /* a worker or the merge failed: r->fatal and r->fatal_err say why */
} fah_parallel_result;

/* Index r->files (prepared: fah_run_prepare) with `jobs` (>= 2) workers into
 * the glass database directory `dest`, which must not exist (the caller
 * closed and removed its empty database).  On FAH_PARALLEL_DONE r->db is
 * NULL and the caller opens `dest`.  `prog` is updated with the workers'
 * files and articles. */
fah_parallel_result fah_run_parallel(fah_run *r, const char *dest, unsigned jobs, fah_progress *prog);

#endif
