/*
 * index_cmd.c - `fahras index [--db PATH] [options] [DIR...]`
 *
 * The command: options, the database directory (dbdir.h: lock, stub,
 * generations), the analyzer-version rule, then one fah_run (indexrun.h)
 * over the files, and the summary.  An incremental run writes into the
 * current generation; `--full` (or `--rebuild-if-needed` after an analyzer
 * upgrade) builds a new generation and swaps it in only when it is
 * complete, so a failed or killed rebuild leaves the old one in use.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/commands.h"
#include "../common/dbdir.h"
#include "../common/dbopen.h"
#include "../common/dbpath.h"
#include "../common/exitcodes.h"
#include "../common/progress.h"
#include "../common/schema.h"
#include "../stemmer/analyzer.h"
#include "../xap/fx.h"
#include "decode.h"
#include "../tagger/gazetteer.h"
#include "indexrun.h"
#include "parallel.h"
#include "manifest.h"
#include "walk.h"

/* Changed articles per commit, from `scripts/bench batch` and single
 * full builds of ant-multisource (31,525 articles) on 2026-11-29: batch 100
 * 80.5 s / peak RSS 40 MiB, 250 54.8 s / 48 MiB, 1,000 50.7 s / 88 MiB,
 * 2,000 55.9 s / 139 MiB.  1,000 is the fastest there and keeps memory and
 * the work a crash can lose small.  Changes reach the disk only in these
 * commits (fx_db_begin_batches). */
#define DEFAULT_BATCH 1000

/* paths a dry run's walk could not read: their files would be kept */
typedef struct {
    char **v;
    size_t n;
} pathlist;

static void dry_walk_err(void *ctx, const char *path, int failed, const char *why) {
    pathlist *pl = ctx;
    printf("%s\t%s\t%s\n", failed ? "error" : "note", path, why);
    if (!failed) return;
    char **v = realloc(pl->v, (pl->n + 1) * sizeof *v);
    if (!v) return;
    pl->v = v;
    if ((v[pl->n] = fah_abs_path(path)) != NULL) pl->n++;
}

/* --dry-run: what a run would add, re-read and delete, from file sizes and
 * modification times against the manifest; nothing is read or written. */
static int dry_run_report(const char *dbpath, char **dirs, int ndirs, int full_ok) {
    fx_db *db = NULL;
    fah_manifest *man = NULL;
    fx_error e;
    if (fx_db_open(dbpath, &db, &e) == FX_OK) {
        /* a run into a database of another analyzer version is refused */
        char *ver = NULL;
        size_t vl = 0;
        uint32_t count = 0;
        fx_db_doccount(db, &count, NULL);
        fx_db_get_metadata(db, FAH_META_ANALYZER, &ver, &vl, NULL);
        if (count && !full_ok && (!ver || strcmp(ver, FAH_ANALYZER_VERSION) != 0)) {
            fprintf(stderr,
                    "fahras index: dry run: database %s was built with analyzer version %s; this fahras "
                    "has %s,\n  so the run would exit 4: it needs --full (or --rebuild-if-needed), "
                    "which re-reads every file\n",
                    dbpath, ver ? ver : "(none)", FAH_ANALYZER_VERSION);
            free(ver);
            fx_db_close(db);
            return FAH_EXIT_VERSION;
        }
        free(ver);
        if (fah_manifest_load(db, &man, &e)) {
            fprintf(stderr, "fahras index: cannot read the file manifest of %s: %s\n", dbpath, e.msg);
            fx_db_close(db);
            return FAH_EXIT_DB;
        }
    }
    fah_filelist files = {0};
    pathlist failed = {NULL, 0};
    for (int i = 0; i < ndirs; i++) fah_walk(dirs[i], &files, dry_walk_err, &failed);
    size_t add = 0, reread = 0, same = 0, gone = 0;
    for (size_t i = 0; i < files.n; i++) {
        char abs[PATH_MAX];
        if (!realpath(files.v[i].path, abs)) snprintf(abs, sizeof abs, "%s", files.v[i].path);
        fah_mentry *m = man ? fah_manifest_find(man, abs) : NULL;
        long long mt = (long long)files.v[i].mtime * 1000000000LL + files.v[i].mtime_ns;
        if (!m) {
            printf("add\t%s\n", files.v[i].path);
            add++;
        } else if (m->size != (long long)files.v[i].size || m->mtime_ns != mt) {
            printf("reread\t%s\t(%zu article%s now)\n", files.v[i].path, m->nids, m->nids == 1 ? "" : "s");
            m->seen = 1;
            reread++;
        } else {
            m->seen = 1;
            same++;
        }
    }
    for (int i = 0; man && i < ndirs; i++) {
        char root[PATH_MAX];
        if (!realpath(dirs[i], root)) continue;
        for (size_t k = 0; k < fah_manifest_count(man); k++) {
            fah_mentry *m = fah_manifest_at(man, k);
            if (!m->path || m->seen) continue;
            int unreadable = 0; /* kept, as the real run keeps them */
            for (size_t j = 0; j < failed.n; j++) unreadable |= fah_path_under(m->path, failed.v[j]);
            if (unreadable) continue;
            if (fah_path_under(m->path, root)) {
                printf("delete\t%s\t(%zu article%s)\n", m->path, m->nids, m->nids == 1 ? "" : "s");
                m->seen = 1;
                gone++;
            }
        }
    }
    printf("dry run: %zu to add, %zu to re-read, %zu to delete, %zu unchanged (nothing written)\n", add,
           reread, gone, same);
    if (failed.n)
        printf("dry run: %zu path%s could not be read (listed as errors above); a run keeps their files' "
               "articles and exits 1\n", failed.n, failed.n == 1 ? "" : "s");
    int rc = failed.n ? FAH_EXIT_NOTHING : FAH_EXIT_OK;
    for (size_t j = 0; j < failed.n; j++) free(failed.v[j]);
    free(failed.v);
    fah_filelist_free(&files);
    fah_manifest_delete(man);
    fx_db_close(db);
    return rc;
}

static void usage(FILE *to) {
    fprintf(to,
            "usage: fahras index [--db PATH] [--full | --rebuild-if-needed] [--stemmer S] [--encoding ENC]\n"
            "                    [--format F] [--batch N] [--jobs N] [--wait S] [--dry-run] [--quiet]\n"
            "                    [--verbose]\n"
            "                    [--progress|--no-progress]\n"
            "                    [DIR...]\n"
            "\n"
            "Index every article under each DIR: SGML <DOC> records, JSON arrays and JSON Lines,\n"
            "HTML pages, RSS/Atom feeds and plain text, each optionally gzipped; UTF-8, UTF-16,\n"
            "Windows-1256 or ISO-8859-6, detected per file.  A run after the first only does\n"
            "what changed: new files are indexed, changed files re-read, renamed or moved\n"
            "files (same content) keep their articles, removed files' articles are deleted.\n"
            "Without DIR: the directories this database was built from.\n"
            "  --full           rebuild from scratch into a new generation and swap it in when\n"
            "                   done; searches keep using the old one meanwhile\n"
            "  --rebuild-if-needed  do a --full run when the database was built by another\n"
            "                   analyzer version (else such a run exits 4)\n"
            "  --db PATH        database (default $FAHRAS_DB, else $XDG_DATA_HOME/fahras/db,\n"
            "                   else ~/.local/share/fahras/db)\n"
            "  --gazetteer FILE more leaders, countries or topics (docs/gazetteers.md); its text\n"
            "                   is kept in the database for later runs and searches; a change\n"
            "                   needs --full; --gazetteer none drops them\n"
            "  --no-entities    do not tag leaders, countries and topics (faster; no entity\n"
            "                   filters or facets); kept by later runs until a --full run\n"
            "  --stemmer S      light (default), snowball (Xapian's Snowball arabic), none,\n"
            "                   or light10 (plain Larkey et al., the evaluation baseline);\n"
            "                   fixed when the database is created (or rebuilt with --full)\n"
            "  --encoding ENC   read every file in ENC (an ICU converter name, e.g. windows-1256)\n"
            "  --format F       read every file as F: text, sgml, json, jsonl, html, rss, atom\n"
            "  --batch N        changed articles per commit (default %d): a crash loses at\n"
            "                   most one batch, which the next run redoes\n"
            "  --jobs N         worker processes for a build from scratch (a new database or\n"
            "                   --full; default: one per core, up to 8): each indexes a share\n"
            "                   of the files, then Xapian's compaction merges them; such a\n"
            "                   build is all or nothing (--jobs 1 commits every --batch)\n"
            "  --dry-run        list the files a run would add, re-read and delete (from sizes\n"
            "                   and modification times); read and write nothing\n"
            "  --wait SECONDS   when another indexer holds the database, wait up to SECONDS\n"
            "                   for it (default: exit 5 at once)\n"
            "  --quiet          print nothing unless something failed\n"
            "  --verbose        list every file skipped or with a warning\n"
            "  --progress       show progress (default on a terminal)\n"
            "Exit: 0 ok; 1 some files failed (listed); 2 usage; 3 database unusable;\n"
            "      4 database built by another analyzer version; 5 locked by another indexer;\n"
            "      6 I/O error (disk full)\n",
            DEFAULT_BATCH);
}

/* The log keeps earlier runs (a file that failed is reported by one run
 * only, so its line must not vanish with the next run's notes); past this
 * size it is renamed to index.log.1 (the one before is dropped). */
#define LOG_ROTATE_BYTES (4L << 20)

/* Append every note and error of the run to $XDG_STATE_HOME/fahras/index.log
 * (else ~/.local/state/fahras/index.log) after a header line naming the
 * time and the database (one log serves all of a user's databases);
 * returns 0 and the path in buf, or -1. */
static int write_log(fah_run *r, char *buf, size_t len) {
    const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
    if (x && *x) snprintf(buf, len, "%s/fahras/index.log", x);
    else if (h && *h) snprintf(buf, len, "%s/.local/state/fahras/index.log", h);
    else return -1;
    if (fah_mkdir_parents(buf)) return -1;
    struct stat st;
    if (stat(buf, &st) == 0 && st.st_size > LOG_ROTATE_BYTES) {
        char old[4200];
        snprintf(old, sizeof old, "%s.1", buf);
        rename(buf, old);
    }
    FILE *f = fopen(buf, "a");
    if (!f) return -1;
    time_t now = time(NULL);
    struct tm tm;
    char when[32] = "";
    if (gmtime_r(&now, &tm)) strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    size_t failed = 0;
    for (size_t i = 0; i < r->nprobs; i++) failed += r->probs[i].failed != 0;
    fprintf(f, "== %s fahras index into %s: %zu failed, %zu note%s\n", when, r->dbpath, failed,
            r->nprobs - failed, r->nprobs - failed == 1 ? "" : "s");
    for (size_t i = 0; i < r->nprobs; i++)
        fprintf(f, "%s\t%s\t%s\n", r->probs[i].failed ? "failed" : "note", r->probs[i].path,
                r->probs[i].why);
    return fclose(f) == 0 ? 0 : -1;
}

/* The files that failed, at most 20 (the log file has them all). */
static void print_failures(fah_run *r, FILE *to) {
    size_t shown = 0;
    for (size_t i = 0; i < r->nprobs; i++) {
        if (!r->probs[i].failed) continue;
        if (shown == 20) {
            fprintf(to, "  ... and more; run with --verbose to list them all\n");
            break;
        }
        fprintf(to, "  %s: %s: %s\n", r->probs[i].failed ? "failed" : "note", r->probs[i].path,
                r->probs[i].why);
        shown++;
    }
}


/* The roots stored in the database (FAH_META_ROOTS), one per line. */
static size_t read_roots(fx_db *db, char ***out) {
    char *v = NULL;
    size_t n = 0, len;
    *out = NULL;
    if (!db || fx_db_get_metadata(db, FAH_META_ROOTS, &v, &len, NULL) != FX_OK || !v) return 0;
    for (char *p = v; *p;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        if (*p) {
            char **a = realloc(*out, (n + 1) * sizeof *a);
            if (!a) break;
            *out = a;
            (*out)[n++] = strdup(p);
        }
        if (!nl) break;
        p = nl + 1;
    }
    free(v);
    return n;
}

static void free_strv(char **v, size_t n) {
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* Add `s` to v (no duplicates). */
static void strv_add(char ***v, size_t *n, const char *s) {
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i], s) == 0) return;
    char **a = realloc(*v, (*n + 1) * sizeof *a);
    if (!a) return;
    *v = a;
    (*v)[(*n)++] = strdup(s);
}

static int is_locked_msg(const char *dbpath, double waited) {
    if (waited > 0)
        fprintf(stderr, "fahras index: database %s is still locked by another indexer after waiting %g s\n",
                dbpath, waited);
    else
        fprintf(stderr,
                "fahras index: database %s is locked by another indexer; try again later "
                "(or use --wait SECONDS)\n",
                dbpath);
    return FAH_EXIT_LOCKED;
}

/* Open `glass` for writing, retrying a Xapian lock for up to wait_secs
 * (a writer that does not know fahras.lock, or a lock child still exiting
 * after a kill). */
static fx_status open_writable(const char *glass, int create, double wait_secs, fx_db **db, fx_error *e) {
    fx_status st = fx_db_open_writable(glass, create, db, e);
    for (double waited = 0; st == FX_ERR_LOCKED && waited < wait_secs + 2; waited += 0.25) {
        struct timespec ts = {0, 250000000L};
        nanosleep(&ts, NULL);
        st = fx_db_open_writable(glass, create, db, e);
    }
    return st;
}

/* The analyzer, document builder and gazetteer of a run.  0, or an exit
 * code after a message. */
static int start_analysis(fah_run *r, fah_stem_kind kind, const fah_buf *user, int tagging,
                          fah_gazetteer **g) {
    char errbuf[400] = "";
    if (fah_analyzer_new(kind, &r->an, errbuf, sizeof errbuf) || fah_docbuilder_new(r->an, &r->builder)) {
        fprintf(stderr, "fahras index: cannot start the analyzer: %s\n", errbuf);
        return FAH_EXIT_DB;
    }
    if (fah_gazetteer_new(r->an, NULL, 0, user->data, user->len, g, errbuf, sizeof errbuf)) {
        fprintf(stderr, "fahras index: %s\n", errbuf);
        return FAH_EXIT_USAGE;
    }
    if (tagging && fah_docbuilder_set_gazetteer(r->builder, *g)) {
        fprintf(stderr, "fahras index: out of memory\n");
        return FAH_EXIT_IO;
    }
    return 0;
}

typedef struct opts opts;
static int version_change(const opts *o, const fah_run *r, const char *dbpath, const char *what,
                          const char *old, const char *now, const char *why, int dirs_given, int *full);

typedef struct opts {
    const char *dbopt, *stemopt;
    char **gaz;           /* --gazetteer files (absolute) */
    size_t ngaz;
    int gaz_none;         /* --gazetteer none: drop the user gazetteers */
    fah_buf user;         /* the user gazetteers' text (fah_gazetteer_user_text) */
    int progress, dry_run, full, rebuild_if_needed, no_entities;
    unsigned jobs;        /* --jobs (0: one per core, up to 8) */
    double wait_secs;
} opts;

/* The database was built with another analyzer or gazetteer version: with
 * --rebuild-if-needed switch to a --full run (*full = 1, returns 0), else
 * say what to do and return exit 4. */
static int version_change(const opts *o, const fah_run *r, const char *dbpath, const char *what,
                          const char *old, const char *now, const char *why, int dirs_given, int *full) {
    int newer = strcmp(what, "analyzer version") == 0 && fah_analyzer_version_newer(old);
    if (o->rebuild_if_needed && newer) {
        /* cron must not take a database back to an older analyzer */
        fprintf(stderr,
                "fahras index: database %s was built by a newer fahras (analyzer version %s; this one "
                "has %s): not rebuilding it.\n"
                "  use that fahras or a later one (or rebuild it by hand: fahras index --full --db '%s'%s)\n",
                dbpath, old, now, dbpath, dirs_given ? " DIR..." : "");
        return FAH_EXIT_VERSION;
    }
    if (o->rebuild_if_needed) {
        if (!r->quiet)
            fprintf(stderr, "fahras index: %s was built with %s %s, this fahras has %s: rebuilding it "
                            "(--rebuild-if-needed)\n",
                    dbpath, what, old ? old : "(none)", now);
        *full = 1;
        return 0;
    }
    /* what searches do until the rebuild swaps in (dbopen.c) */
    int searchable = strcmp(what, "analyzer version") != 0 || fah_analyzer_version_readable(old);
    fprintf(stderr,
            "fahras index: database %s was built with %s %s; this fahras has %s (%s),\n"
            "  so it needs a full rebuild (%s):\n"
            "  fahras index --full --db '%s'%s\n",
            dbpath, what, old ? old : "(none)", now, why,
            searchable ? "searches go on answering from it meanwhile" : "searches refuse it until it is done",
            dbpath, dirs_given ? " DIR..." : "");
    return FAH_EXIT_VERSION;
}

/* The database's metadata for this run: analyzer, stemmer and schema
 * versions, the roots, the gazetteer version and the user gazetteers. */
static fx_status write_meta(fx_db *db, fah_stem_kind kind, char **roots, size_t nroots, const char *gazver,
                            const fah_buf *user, fx_error *e) {
    const char *kn = fah_stem_kind_name(kind);
    fah_buf rv = FAH_BUF_INIT;
    for (size_t i = 0; i < nroots; i++) {
        fah_buf_puts(&rv, roots[i]);
        fah_buf_putc(&rv, '\n');
    }
    fx_status st;
    if ((st = fx_db_set_metadata(db, FAH_META_ANALYZER, FAH_ANALYZER_VERSION, strlen(FAH_ANALYZER_VERSION), e)) ==
            FX_OK &&
        (st = fx_db_set_metadata(db, FAH_META_STEMMER, kn, strlen(kn), e)) == FX_OK &&
        (st = fx_db_set_metadata(db, FAH_META_SCHEMA, FAH_SCHEMA_VERSION, strlen(FAH_SCHEMA_VERSION), e)) == FX_OK &&
        (st = fx_db_set_metadata(db, FAH_META_ROOTS, rv.data ? rv.data : "", rv.len, e)) == FX_OK &&
        (st = fx_db_set_metadata(db, FAH_META_GAZETTEER, gazver, strlen(gazver), e)) == FX_OK)
        st = fx_db_set_metadata(db, FAH_META_GAZETTEER_USER, user->data ? user->data : "", user->len, e);
    fah_buf_free(&rv);
    return st;
}

int fah_cmd_index(int argc, char **argv) {
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},      {"stemmer", required_argument, NULL, 's'},
        {"encoding", required_argument, NULL, 'e'}, {"batch", required_argument, NULL, 'b'},
        {"format", required_argument, NULL, 'f'},  {"wait", required_argument, NULL, 'w'},
        {"quiet", no_argument, NULL, 'q'},         {"verbose", no_argument, NULL, 'v'},
        {"dry-run", no_argument, NULL, 'n'},       {"full", no_argument, NULL, 'F'},
        {"rebuild-if-needed", no_argument, NULL, 'R'}, {"gazetteer", required_argument, NULL, 'g'},
        {"no-entities", no_argument, NULL, 'E'},   {"jobs", required_argument, NULL, 'j'},
        {"progress", no_argument, NULL, 'p'},      {"no-progress", no_argument, NULL, 'P'},
        {"help", no_argument, NULL, 'h'},          {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    fah_run r;
    memset(&r, 0, sizeof r);
    r.batch = DEFAULT_BATCH;
    opts o = {0};
    o.progress = -1;
    const char *forced_encoding = NULL;
    fah_format forced_format = FAH_FMT_AUTO;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:s:e:b:f:w:g:j:nqvpPhVFRE", longopts, NULL)) != -1) {
        switch (c) {
            case 'w': {
                char *end;
                o.wait_secs = strtod(optarg, &end);
                if (*end || o.wait_secs < 0) {
                    fprintf(stderr, "fahras index: --wait needs a number of seconds\n");
                    return FAH_EXIT_USAGE;
                }
                break;
            }
            case 'f':
                if (fah_format_parse(optarg, &forced_format)) {
                    fprintf(stderr, "fahras index: unknown format '%s' (text, sgml, json, jsonl, html, rss, atom)\n",
                            optarg);
                    return FAH_EXIT_USAGE;
                }
                break;
            case 'd': o.dbopt = optarg; break;
            case 's': o.stemopt = optarg; break;
            case 'e': forced_encoding = optarg; break;
            case 'b': {
                char *end;
                long v = strtol(optarg, &end, 10);
                if (*end || v < 1 || v > 1000000) {
                    fprintf(stderr, "fahras index: --batch needs a number from 1 to 1000000\n");
                    return FAH_EXIT_USAGE;
                }
                r.batch = (size_t)v;
                break;
            }
            case 'j': {
                char *end;
                long v = strtol(optarg, &end, 10);
                if (*end || v < 1 || v > 64) {
                    fprintf(stderr, "fahras index: --jobs needs a number from 1 to 64\n");
                    return FAH_EXIT_USAGE;
                }
                o.jobs = (unsigned)v;
                break;
            }
            case 'q': r.quiet = 1; break;
            case 'n': o.dry_run = 1; break;
            case 'F': o.full = 1; break;
            case 'R': o.rebuild_if_needed = 1; break;
            case 'E': o.no_entities = 1; break;
            case 'g': {
                if (strcmp(optarg, "none") == 0) {
                    o.gaz_none = 1;
                    break;
                }
                char abs[PATH_MAX];
                if (!realpath(optarg, abs)) {
                    fprintf(stderr, "fahras index: cannot read gazetteer %s: %s\n", optarg, strerror(errno));
                    return FAH_EXIT_USAGE;
                }
                strv_add(&o.gaz, &o.ngaz, abs);
                break;
            }
            case 'v': r.verbose = 1; break;
            case 'p': o.progress = 1; break;
            case 'P': o.progress = 0; break;
            case 'h': usage(stdout); return FAH_EXIT_OK;
            case 'V': fah_print_version(); return FAH_EXIT_OK;
            default: usage(stderr); return FAH_EXIT_USAGE;
        }
    }
    if (o.ngaz) {
        char gerr[400] = "";
        if (fah_gazetteer_user_text((const char *const *)o.gaz, o.ngaz, &o.user, gerr, sizeof gerr)) {
            fprintf(stderr, "fahras index: %s\n", gerr);
            free_strv(o.gaz, o.ngaz);
            fah_buf_free(&o.user);
            return FAH_EXIT_USAGE;
        }
    }
    fah_stem_kind kind = FAH_STEM_LIGHT;
    if (o.stemopt && fah_stem_kind_parse(o.stemopt, &kind)) {
        fprintf(stderr, "fahras index: unknown stemmer '%s' (light, snowball, none or light10)\n", o.stemopt);
        return FAH_EXIT_USAGE;
    }
    if (forced_encoding && fah_check_encoding(forced_encoding)) {
        fprintf(stderr, "fahras index: unknown encoding '%s' (try windows-1256, ISO-8859-6, UTF-16LE)\n",
                forced_encoding);
        return FAH_EXIT_USAGE;
    }
    char dbpath[4096];
    if (fah_db_path(o.dbopt, dbpath, sizeof dbpath)) {
        fprintf(stderr, "fahras index: no --db given and neither FAHRAS_DB nor HOME is set\n");
        return FAH_EXIT_USAGE;
    }
    r.dbpath = dbpath;

    /* the directories: those given, else those the database was built from */
    char **dirs = NULL;
    size_t ndirs = 0;
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0) strv_add(&dirs, &ndirs, argv[i]);
        else fprintf(stderr, "fahras index: cannot read %s: %s\n", argv[i], strerror(errno));
    }
    if (optind < argc && !ndirs) return FAH_EXIT_USAGE;
    if (optind >= argc) {
        fx_db *rdb = NULL;
        if (fx_db_open(dbpath, &rdb, NULL) == FX_OK) ndirs = read_roots(rdb, &dirs);
        fx_db_close(rdb);
        if (!ndirs) {
            fprintf(stderr, "fahras index: name at least one directory to index (the database %s "
                            "does not list any yet)\n", dbpath);
            usage(stderr);
            return FAH_EXIT_USAGE;
        }
    }
    if (o.dry_run) {
        int rc = dry_run_report(dbpath, dirs, (int)ndirs, o.full || o.rebuild_if_needed);
        free_strv(dirs, ndirs);
        return rc;
    }

    fah_dbdir cur;
    char msg[600];
    if (fah_dbdir_resolve(dbpath, &cur, msg, sizeof msg) || cur.kind == FAH_DBDIR_OTHER) {
        /* before the lock file is created: leave a stranger's directory alone */
        fprintf(stderr, "fahras index: %s\n  give --db a new directory or an existing fahras database\n", msg);
        free_strv(dirs, ndirs);
        return FAH_EXIT_DB;
    }
    /* the run's lock, held until exit */
    int lockfd = -1;
    int lk = fah_dbdir_lock(dbpath, o.wait_secs, &lockfd);
    if (lk == 1) {
        free_strv(dirs, ndirs);
        return is_locked_msg(dbpath, o.wait_secs);
    }
    if (lk < 0) {
        int err = errno;
        fprintf(stderr, "fahras index: cannot create or lock the database directory %s: %s\n",
                dbpath, strerror(err));
        free_strv(dirs, ndirs);
        return err == ENOSPC || err == EDQUOT || err == EIO ? FAH_EXIT_IO : FAH_EXIT_DB;
    }
    if (fah_dbdir_resolve(dbpath, &cur, msg, sizeof msg) || cur.kind == FAH_DBDIR_OTHER) {
        fprintf(stderr, "fahras index: %s\n  give --db a new directory or an existing fahras database\n", msg);
        close(lockfd);
        free_strv(dirs, ndirs);
        return FAH_EXIT_DB;
    }
    fx_error e;
    fx_status st;
    int rc = FAH_EXIT_OK;
    char **roots = NULL; /* what the database will list */
    size_t nroots = 0;
    char target[4200];
    unsigned newgen = 0;
    int full = o.full;
    fah_gazetteer *gaz = NULL;
    if (cur.kind != FAH_DBDIR_NONE) {
        st = open_writable(cur.glass, 0, o.wait_secs, &r.db, &e);
        if (st != FX_OK) {
            if (st == FX_ERR_LOCKED) rc = is_locked_msg(dbpath, o.wait_secs);
            else {
                fprintf(stderr, "fahras index: cannot open database %s for writing: %s\n", dbpath, e.msg);
                rc = fah_exit_for_status(st);
            }
            goto out;
        }
        char *ver = NULL, *dbstem = NULL;
        size_t n;
        uint32_t count = 0;
        fx_db_doccount(r.db, &count, NULL);
        fx_db_get_metadata(r.db, FAH_META_ANALYZER, &ver, &n, NULL);
        fx_db_get_metadata(r.db, FAH_META_STEMMER, &dbstem, &n, NULL);
        if (dbstem) {
            fah_stem_kind have;
            if (fah_stem_kind_parse(dbstem, &have) == 0) {
                if (o.stemopt && have != kind && count && !full) {
                    fprintf(stderr,
                            "fahras index: database %s uses --stemmer %s; rebuild it with --full "
                            "--stemmer %s, or use another --db\n",
                            dbpath, dbstem, o.stemopt);
                    rc = FAH_EXIT_USAGE;
                }
                if (!o.stemopt) kind = have;
            }
        }
        /* user gazetteers: those given, else those the database keeps */
        if (!o.ngaz && !o.gaz_none) {
            char *gu = NULL;
            fx_db_get_metadata(r.db, FAH_META_GAZETTEER_USER, &gu, &n, NULL);
            if (gu) fah_buf_append(&o.user, gu, n);
            free(gu);
        }
        char *gver = NULL;
        fx_db_get_metadata(r.db, FAH_META_GAZETTEER, &gver, &n, NULL);
        /* a database built --no-entities stays so until a --full run */
        if (gver && strcmp(gver, "off") == 0 && !full && count) o.no_entities = 1;
        if (!rc) rc = start_analysis(&r, kind, &o.user, !o.no_entities, &gaz);
        const char *want = o.no_entities ? "off" : rc ? "" : fah_gazetteer_version(gaz);
        if (!rc && count && !full && (!ver || strcmp(ver, FAH_ANALYZER_VERSION) != 0))
            rc = version_change(&o, &r, dbpath, "analyzer version", ver, FAH_ANALYZER_VERSION,
                                fah_analyzer_version_readable(ver)
                                    ? "its articles lack what the newer ranking reads"
                                    : "searching it would miss matches",
                                optind < argc, &full);
        else if (!rc && count && !full && (!gver || strcmp(gver, want) != 0))
            rc = version_change(&o, &r, dbpath, "gazetteer version", gver, want,
                                "leader, country and topic filters would disagree between old and new articles",
                                optind < argc, &full);
        free(gver);
        free(ver);
        free(dbstem);
        if (!full) nroots = read_roots(r.db, &roots);
        if (rc) goto out;
        if (full) {
            fx_db_close(r.db); /* the old generation stays as it is */
            r.db = NULL;
        } else {
            snprintf(target, sizeof target, "%s", cur.glass);
            fah_dbdir_remove_stale(dbpath, cur.gen, NULL); /* left by a killed --full */
        }
    }
    /* workers for a build from scratch (parallel.h) */
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned jobs = o.jobs ? o.jobs : ncpu < 1 ? 1 : ncpu > 8 ? 8 : (unsigned)ncpu;
    if (cur.kind == FAH_DBDIR_NONE || full) {
        if (fah_dbdir_next_generation(dbpath, &cur, target, sizeof target, &newgen)) {
            fprintf(stderr, "fahras index: cannot prepare a new generation in %s: %s\n", dbpath, strerror(errno));
            rc = errno == ENOSPC ? FAH_EXIT_IO : FAH_EXIT_DB;
            goto out;
        }
        st = open_writable(target, 1, 0, &r.db, &e);
        if (st != FX_OK) {
            fprintf(stderr, "fahras index: cannot create database %s: %s\n", target, e.msg);
            rc = fah_exit_for_status(st);
            goto out;
        }
    }
    if ((st = fx_db_begin_batches(r.db, &e)) != FX_OK) {
        fprintf(stderr, "fahras index: database %s: %s\n", dbpath, e.msg);
        rc = fah_exit_for_status(st);
        goto out;
    }
    for (size_t i = 0; i < ndirs; i++) {
        char abs[PATH_MAX];
        if (realpath(dirs[i], abs)) {
            strv_add(&roots, &nroots, abs);
            strv_add(&r.roots, &r.nroots, abs);
        }
    }
    if (r.an && fah_analyzer_stem_kind(r.an) != kind) {
        /* --full --stemmer X over a database of another stemmer */
        fah_gazetteer_delete(gaz);
        gaz = NULL;
        fah_docbuilder_delete(r.builder);
        r.builder = NULL;
        fah_analyzer_delete(r.an);
        r.an = NULL;
    }
    if (!r.an && (rc = start_analysis(&r, kind, &o.user, !o.no_entities, &gaz)) != 0) goto out;
    if (fah_idtable_new(&r.ids) || fah_ingest_new(forced_encoding, forced_format, &r.ingest)) {
        fprintf(stderr, "fahras index: out of memory\n");
        rc = FAH_EXIT_IO;
        goto out;
    }
    const char *gazver = o.no_entities ? "off" : fah_gazetteer_version(gaz);
    if ((st = write_meta(r.db, kind, roots, nroots, gazver, &o.user, &e)) != FX_OK) {
        fprintf(stderr, "fahras index: cannot write to %s: %s\n", dbpath, e.msg);
        rc = fah_exit_for_status(st);
        goto out;
    }
    if (fah_manifest_load(r.db, &r.man, &e)) {
        fprintf(stderr, "fahras index: cannot read the file manifest of %s: %s\n", dbpath, e.msg);
        rc = FAH_EXIT_DB;
        goto out;
    }

    double t0 = fah_now();
    for (size_t i = 0; i < ndirs; i++) fah_walk(dirs[i], &r.files, fah_run_walk_err, &r);
    if (fah_run_prepare(&r)) {
        fprintf(stderr, "fahras index: out of memory listing %zu files\n", r.files.n);
        rc = FAH_EXIT_IO;
        goto out;
    }
    fah_progress prog;
    fah_progress_start(&prog, o.progress == 1 || (o.progress == -1 && !r.quiet && isatty(2)),
                       r.files.n);
    /* a build from scratch with workers; default only for listings worth it */
    int parallel = (cur.kind == FAH_DBDIR_NONE || full) && jobs > 1 && r.files.n >= (o.jobs ? jobs : 64);
    /* a new database built in one process: readers see it (empty, then
     * batch by batch) from the start, and a killed run resumes; built by
     * workers, its stub is written when the merge is complete, as --full's */
    int defer_stub = cur.kind == FAH_DBDIR_NONE && parallel;
    if (cur.kind == FAH_DBDIR_NONE && !full && !parallel && fah_dbdir_write_stub(dbpath, newgen)) {
        fprintf(stderr, "fahras index: cannot write %s/XAPIANDB: %s\n", dbpath, strerror(errno));
        rc = errno == ENOSPC ? FAH_EXIT_IO : FAH_EXIT_DB;
        goto out;
    }
    if (parallel) {
        fx_db_close(r.db); /* empty: the workers' merge replaces it */
        r.db = NULL;
        fah_rmtree(target);
        fah_parallel_result pr = fah_run_parallel(&r, target, jobs, &prog);
        if (pr != FAH_PARALLEL_FAILED) {
            st = open_writable(target, pr == FAH_PARALLEL_SEQUENTIAL, 0, &r.db, &e);
            if (st == FX_OK) st = fx_db_begin_batches(r.db, &e);
            if (st == FX_OK) st = write_meta(r.db, kind, roots, nroots, gazver, &o.user, &e);
            if (st != FX_OK) {
                r.fatal = st;
                r.fatal_err = e;
            } else if (pr == FAH_PARALLEL_SEQUENTIAL && !r.quiet) {
                fprintf(stderr, "fahras index: an article id comes from files given to different workers; "
                                "indexing in one process\n");
            }
        }
        /* the files are done (the merged manifest lists them; r.man, empty,
         * has nothing to remove) */
        if (pr != FAH_PARALLEL_SEQUENTIAL) parallel = 2;
    }
    /* one process writing: Xapian's work (about 60% of it) on a thread of
     * its own while this one reads and analyses the next articles
     * (fx_db_start_writer; the workers of a parallel build each use a core
     * already).  Without it, the same calls run in place. */
    if (parallel != 2 && r.db && r.fatal == FX_OK && ncpu > 1) fx_db_start_writer(r.db, 0, NULL);
    for (size_t i = 0; parallel != 2 && i < r.files.n && r.fatal == FX_OK; i++) {
        fah_run_file(&r, i);
        fah_progress_update(&prog, i + 1, r.articles);
    }
    if (r.fatal == FX_OK) fah_run_remove_vanished(&r);
    if (r.fatal == FX_OK) {
        /* the run's record, committed with its last documents */
        char when[32];
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        char rec[320];
        snprintf(rec, sizeof rec,
                 "{\"finished\":\"%s\",\"files\":%zu,\"articles\":%zu,\"failed\":%zu,\"seconds\":%.1f,"
                 "\"full\":%s}",
                 when, r.files.n, r.articles - r.dup_same, r.files_failed, fah_now() - t0,
                 full ? "true" : "false");
        fx_db_set_metadata(r.db, FAH_META_LAST_RUN, rec, strlen(rec), NULL);
        fah_run_commit(&r);
    }
    /* the writer thread's last commit done, and its outcome */
    if (r.fatal == FX_OK && r.db && (st = fx_db_sync(r.db, &e)) != FX_OK) {
        r.fatal = st;
        r.fatal_err = e;
    }
    fah_progress_end(&prog);
    double secs = fah_now() - t0;
    uint32_t total = 0;
    if (r.db) fx_db_doccount(r.db, &total, NULL);
    int swapped = 0;
    if (full || defer_stub) {
        fx_db_close(r.db);
        r.db = NULL;
        if (r.fatal == FX_OK) {
            if (fah_dbdir_write_stub(dbpath, newgen)) {
                fprintf(stderr, "fahras index: cannot write %s/XAPIANDB: %s; the old database stays in use\n",
                        dbpath, strerror(errno));
                rc = errno == ENOSPC ? FAH_EXIT_IO : FAH_EXIT_DB;
                fah_rmtree(target);
            } else {
                swapped = 1;
                if (fah_dbdir_retire(dbpath, &cur))
                    fprintf(stderr, "fahras index: note: could not remove all of the old generation in %s\n", dbpath);
            }
        } else {
            fah_rmtree(target); /* the old generation stays in use */
        }
    }
    if (r.fatal != FX_OK) {
        fprintf(stderr, "fahras index: database %s: %s\n", dbpath, r.fatal_err.msg);
        if (full)
            fprintf(stderr, "  the rebuild was abandoned; the database is as it was before this run\n");
        else if (r.fatal == FX_ERR_IO)
            fprintf(stderr, "  the disk holding %s is full or failing; the last committed state is kept:\n"
                            "  free space and run again (the run picks up where it stopped)\n", dbpath);
        rc = r.fatal == FX_ERR_NOMEM ? FAH_EXIT_IO : fah_exit_for_status(r.fatal);
    } else if (!rc && r.files_failed) {
        rc = FAH_EXIT_NOTHING;
    }
    char logpath[4096];
    int logged = r.nprobs && write_log(&r, logpath, sizeof logpath) == 0;
    if (!r.quiet || rc) {
        FILE *to = rc ? stderr : stdout;
        size_t notes = 0;
        for (size_t i = 0; i < r.nprobs; i++) notes += !r.probs[i].failed;
        fprintf(to,
                "fahras index: %zu file%s (%zu read, %zu skipped, %zu failed); %zu articles %s"
                " (%zu empty records not indexed, %zu identical copies of an earlier record merged,"
                " %zu ids qualified); %.1f s, %.0f articles/s\n",
                r.files.n, r.files.n == 1 ? "" : "s", r.files_read, r.files_skipped,
                r.files_failed, (r.fatal == FX_OK ? r.articles : r.committed) - r.dup_same,
                r.fatal == FX_OK ? "indexed" : "committed before the error", r.empty, r.dup_same,
                r.renamed, secs, secs > 0 ? (double)r.articles / secs : 0.0);
        if (r.files_unchanged || r.deleted || r.files_removed || r.files_moved || r.files_touched) {
            fprintf(to, "incremental: %zu unchanged file%s skipped", r.files_unchanged,
                    r.files_unchanged == 1 ? "" : "s");
            if (r.files_touched)
                fprintf(to, ", %zu touched (same content, not re-read)", r.files_touched);
            if (r.files_moved)
                fprintf(to, ", %zu moved or renamed (%zu article%s kept, not re-read)", r.files_moved,
                        r.relocated, r.relocated == 1 ? "" : "s");
            fprintf(to, ", %zu removed file%s, %zu article%s deleted\n", r.files_removed,
                    r.files_removed == 1 ? "" : "s", r.deleted, r.deleted == 1 ? "" : "s");
        }
        if (swapped && full)
            fprintf(to, "full rebuild: generation %u is now in use (%s/gen-%u)\n", newgen, dbpath, newgen);
        if (!full || swapped)
            fprintf(to, "database: %s (%u article%s, stemmer %s)\n", dbpath, total, total == 1 ? "" : "s",
                    fah_stem_kind_name(kind));
        if (notes && !r.verbose)
            fprintf(to, "%zu note%s (skipped files, encoding guesses, dates not understood)%s%s\n",
                    notes, notes == 1 ? "" : "s", logged ? ": all listed in " : "; --verbose lists them",
                    logged ? logpath : "");
        /* with --verbose every note was printed as it happened */
        if (r.files_failed && !r.verbose) print_failures(&r, to);
    }
out:
    fx_db_close(r.db);
    fah_run_free(&r);
    fah_idtable_delete(r.ids);
    fah_ingest_delete(r.ingest);
    fah_manifest_delete(r.man);
    fah_docbuilder_delete(r.builder);
    fah_gazetteer_delete(gaz);
    fah_analyzer_delete(r.an);
    free_strv(roots, nroots);
    free_strv(o.gaz, o.ngaz);
    fah_buf_free(&o.user);
    free_strv(r.roots, r.nroots);
    free_strv(dirs, ndirs);
    if (lockfd >= 0) close(lockfd);
    return rc;
}
