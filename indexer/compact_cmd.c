/*
 * compact_cmd.c - `fahras compact [--db PATH] [--wait S] [--quiet] [--json]`
 * (Contract: one of the commands).
 *
 * Rewrites the current generation with Xapian's compaction
 * (Database::compact: every B-tree block filled, free space dropped) into
 * the next generation and swaps it in as `index --full` does (dbdir.h): the
 * new stub is renamed over XAPIANDB, then the old generation is removed.
 * Searches go on meanwhile (they read the old generation until they reopen),
 * and a compaction that fails (a full disk, a kill) leaves the database as
 * it was; its unfinished generation is removed by the next run that takes
 * the lock.  Documents, terms, positions, values, stored data and metadata
 * (the file manifest, analyzer version, directories) are copied unchanged,
 * so the next `index` run finds nothing to redo.
 *
 * Why: a database grown by incremental runs (or built by one writer) keeps
 * its B-tree blocks part-empty and is about twice the size of a compacted
 * one; a build with workers is already compacted by its merge.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/jsonout.h"
#include "../common/commands.h"
#include "../common/dbdir.h"
#include "../common/dbopen.h"
#include "../common/dbpath.h"
#include "../common/exitcodes.h"
#include "../common/progress.h"
#include "../xap/fx.h"

static const char usage[] =
    "usage: fahras compact [--db PATH] [--wait SECONDS] [--quiet] [--json]\n"
    "\n"
    "Rewrite the database compactly (Xapian's compaction: full B-tree blocks, no free\n"
    "space) into a new generation and switch to it; searches go on meanwhile, and a\n"
    "failure leaves the database as it was.  Worth running after many incremental\n"
    "runs, or after a build with --jobs 1 (a build with workers is compacted already).\n"
    "Needs free disk space for a second copy of the database while it runs.\n"
    "  --wait SECONDS   when an indexer holds the database, wait up to SECONDS for it\n"
    "  --quiet          print nothing unless something failed\n"
    "  --json           print the result as one JSON object\n"
    "Exit: 0 compacted; 2 usage; 3 database missing, unreadable or corrupt; 4 built by\n"
    "      another analyzer version (rebuild with index --full instead); 5 locked by an\n"
    "      indexer; 6 I/O error such as a full disk (the database is unchanged)\n";

int fah_cmd_compact(int argc, char **argv) {
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"wait", required_argument, NULL, 'w'},
        {"quiet", no_argument, NULL, 'q'},    {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},     {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    const char *dbopt = NULL;
    double wait_secs = 0;
    int quiet = 0, json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:w:qjhV", opts, NULL)) != -1) {
        switch (c) {
            case 'd': dbopt = optarg; break;
            case 'w': {
                char *end;
                wait_secs = strtod(optarg, &end);
                if (*end || wait_secs < 0) {
                    fprintf(stderr, "fahras compact: --wait needs a number of seconds\n");
                    return FAH_EXIT_USAGE;
                }
                break;
            }
            case 'q': quiet = 1; break;
            case 'j': json = 1; break;
            case 'h': fputs(usage, stdout); return FAH_EXIT_OK;
            case 'V': fah_print_version(); return FAH_EXIT_OK;
            default: fputs(usage, stderr); return FAH_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "fahras compact: unexpected argument '%s'\n", argv[optind]);
        return FAH_EXIT_USAGE;
    }
    /* a database that opens, of this analyzer version (exit 3 or 4 otherwise) */
    char dbpath[4096];
    fx_db *db;
    fah_stem_kind kind;
    int rc = fah_open_cmd_db_any_version("fahras compact", dbopt, dbpath, sizeof dbpath, &db, &kind);
    if (rc) return rc;
    fx_db_close(db);

    int lockfd = -1;
    int lk = fah_dbdir_lock(dbpath, wait_secs, &lockfd);
    if (lk == 1) {
        if (wait_secs > 0)
            fprintf(stderr, "fahras compact: database %s is still locked by an indexer after waiting %g s\n",
                    dbpath, wait_secs);
        else
            fprintf(stderr, "fahras compact: database %s is locked by an indexer; try again later "
                            "(or use --wait SECONDS)\n", dbpath);
        return FAH_EXIT_LOCKED;
    }
    if (lk < 0) {
        int err = errno;
        fprintf(stderr, "fahras compact: cannot lock the database directory %s: %s\n", dbpath, strerror(err));
        return err == ENOSPC || err == EDQUOT || err == EIO ? FAH_EXIT_IO : FAH_EXIT_DB;
    }
    fah_dbdir cur;
    char msg[600];
    if (fah_dbdir_resolve(dbpath, &cur, msg, sizeof msg) || !cur.glass[0] ||
        (cur.kind != FAH_DBDIR_STUB && cur.kind != FAH_DBDIR_GLASS)) {
        fprintf(stderr, "fahras compact: %s\n", msg[0] ? msg : "no fahras database there");
        close(lockfd);
        return FAH_EXIT_DB;
    }
    char target[4200];
    unsigned newgen = 0;
    if (fah_dbdir_next_generation(dbpath, &cur, target, sizeof target, &newgen)) {
        int err = errno;
        fprintf(stderr, "fahras compact: cannot prepare a new generation in %s: %s\n", dbpath, strerror(err));
        close(lockfd);
        return err == ENOSPC || err == EDQUOT ? FAH_EXIT_IO : FAH_EXIT_DB;
    }
    unsigned long long before = fah_dir_bytes(cur.glass);
    int tty = !quiet && !json && isatty(STDERR_FILENO);
    if (tty) fprintf(stderr, "compacting %s (%.1f MB) ...", dbpath, (double)before / 1e6);
    double t0 = fah_now();
    const char *src[1] = {cur.glass};
    fx_error e;
    fx_status st = fx_db_compact(src, 1, target, &e);
    if (tty) fputs("\r\033[K", stderr);
    if (st != FX_OK) {
        fprintf(stderr, "fahras compact: database %s: %s\n  the database is as it was before this run\n",
                dbpath, e.msg);
        fah_rmtree(target);
        close(lockfd);
        return fah_exit_for_status(st);
    }
    if (fah_dbdir_write_stub(dbpath, newgen)) {
        int err = errno;
        fprintf(stderr, "fahras compact: cannot write %s/XAPIANDB: %s; the old database stays in use\n",
                dbpath, strerror(err));
        fah_rmtree(target);
        close(lockfd);
        return err == ENOSPC || err == EDQUOT || err == EIO ? FAH_EXIT_IO : FAH_EXIT_DB;
    }
    if (fah_dbdir_retire(dbpath, &cur))
        fprintf(stderr, "fahras compact: note: could not remove all of the old generation in %s\n", dbpath);
    double secs = fah_now() - t0;
    unsigned long long after = fah_dir_bytes(target);
    close(lockfd);
    if (json) {
        json_t *o = json_pack("{s:s,s:s,s:I,s:I,s:f}", "type", "compact", "db", dbpath, "bytes_before",
                              (json_int_t)before, "bytes_after", (json_int_t)after, "seconds", secs);
        fah_json_put_line(o);
    } else if (!quiet) {
        printf("fahras compact: %s: %.1f MB -> %.1f MB (%.0f%%) in %.1f s\n", dbpath, (double)before / 1e6,
               (double)after / 1e6, before ? 100.0 * (double)after / (double)before : 100.0, secs);
    }
    return FAH_EXIT_OK;
}
