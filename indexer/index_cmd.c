/*
 * index_cmd.c - `fahras index [--db PATH] [options] DIR...`
 *
 * Walks the directories, reads and decodes every file, parses its articles
 * (SGML records or plain text), builds one Xapian document per article and
 * commits in batches.  Bad files are reported (name, and byte offset or
 * record where it helps) and skipped; the run goes on.
 */
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/commands.h"
#include "../common/dbopen.h"
#include "../common/dbpath.h"
#include "../common/exitcodes.h"
#include "../common/progress.h"
#include "../common/schema.h"
#include "../stemmer/analyzer.h"
#include "../xap/fx.h"
#include "decode.h"
#include "docbuild.h"
#include "idtable.h"
#include "ingest.h"
#include "manifest.h"
#include "walk.h"

/* Documents per commit.  Xapian flushes by itself every 10,000 changes; a
 * smaller batch bounds what a crash loses and keeps memory flat. */
#define DEFAULT_BATCH 2000

typedef struct problem {
    char *path;
    char *why;
    int failed; /* 1 failed, 0 skipped or warning */
} problem;

typedef struct run {
    const char *dbpath;
    fx_db *db;
    fah_analyzer *an;
    fah_docbuilder *builder;
    fah_idtable *ids;
    fah_ingest *ingest;
    fah_manifest *man;
    char **cur_ids;        /* ids the current file produced */
    size_t ncur, capcur;
    size_t files_unchanged, deleted, files_removed;
    const char *forced_encoding;
    fah_format forced_format;
    int quiet, verbose;
    size_t batch;
    /* current file */
    const fah_file *file;
    size_t file_index;
    /* counters */
    size_t files_read, files_skipped, files_failed;
    size_t articles, empty, dup_same, renamed;
    size_t pending, committed;
    fx_status fatal;       /* a database error that ends the run */
    fx_error fatal_err;
    problem *probs;
    size_t nprobs, capprobs;
    fah_filelist files;
} run;

static void note(run *r, const char *path, int failed, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void note(run *r, const char *path, int failed, const char *fmt, ...) {
    char why[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (r->nprobs == r->capprobs) {
        size_t cap = r->capprobs ? r->capprobs * 2 : 32;
        problem *p = realloc(r->probs, cap * sizeof *p);
        if (!p) return;
        r->probs = p;
        r->capprobs = cap;
    }
    r->probs[r->nprobs].path = strdup(path);
    r->probs[r->nprobs].why = strdup(why);
    r->probs[r->nprobs].failed = failed;
    r->nprobs++;
    if (r->verbose || (failed && !r->quiet && isatty(2)))
        fprintf(stderr, "%s%s: %s: %s\n", isatty(2) ? "\r\033[K" : "", failed ? "error" : "note",
                path, why);
}

static void walk_err(void *ctx, const char *path, int failed, const char *why) {
    run *r = ctx;
    if (failed) r->files_failed++;
    note(r, path, failed, "%s", why);
}

static int commit(run *r) {
    fx_error e;
    fx_status st = fx_db_commit(r->db, &e);
    if (st != FX_OK) {
        r->fatal = st;
        r->fatal_err = e;
        return -1;
    }
    r->pending = 0;
    r->committed = r->articles;
    return 0;
}

/* Called for each parsed article of the current file. */
static int on_article(void *ctx, fah_article *a) {
    run *r = ctx;
    char idbuf[4096];
    const char *id;
    if (a->id && *a->id) {
        id = a->id;
    } else if (a->multi) {
        snprintf(idbuf, sizeof idbuf, "%s#%zu", r->file->rel, a->record);
        id = idbuf;
    } else {
        id = r->file->rel;
    }
    uint64_t fp = FAH_FNV_OFFSET;
    if (a->title) fp = fah_fnv1a(a->title, strlen(a->title), fp);
    fp = fah_fnv1a("\x1f", 1, fp);
    if (a->body) fp = fah_fnv1a(a->body, strlen(a->body), fp);
    size_t prev = 0;
    int seen = fah_idtable_add(r->ids, id, r->file_index, fp, &prev);
    char qualified[8300];
    if (seen < 0) {
        r->fatal = FX_ERR_NOMEM;
        snprintf(r->fatal_err.msg, sizeof r->fatal_err.msg, "out of memory");
        fah_article_clear(a);
        return 1;
    }
    if (seen == FAH_ID_SAME_CONTENT) {
        r->dup_same++;
    } else if (seen == FAH_ID_CONFLICT || seen == FAH_ID_SAME_FILE) {
        snprintf(qualified, sizeof qualified, "%s@%s#%zu", id, r->file->rel, a->record);
        note(r, r->file->path, 0, "record %zu (line %zu): id %s already used by %s; indexed as %s",
             a->record, a->line, id, r->files.v[prev].rel, qualified);
        r->renamed++;
        id = qualified;
    }
    fah_built built;
    fx_error e;
    fx_status st = fah_docbuild(r->builder, a, id, r->file->rel, &built, &e);
    if (st != FX_OK) {
        note(r, r->file->path, 1, "record %zu (line %zu): %s", a->record, a->line, e.msg);
        fah_article_clear(a);
        return 0;
    }
    if (built.empty) {
        r->empty++;
        if (r->verbose)
            note(r, r->file->path, 0, "record %zu (line %zu): no title and no text; not indexed",
                 a->record, a->line);
        fah_article_clear(a);
        return 0;
    }
    if (!built.date_ok) {
        note(r, r->file->path, 0, "record %zu (line %zu): date '%s' not understood; stored without date",
             a->record, a->line, a->date_raw);
    }
    /* remember the id for the manifest before the article (and id) is freed */
    if (r->ncur == r->capcur) {
        size_t cap = r->capcur ? r->capcur * 2 : 16;
        char **v = realloc(r->cur_ids, cap * sizeof *v);
        if (v) {
            r->cur_ids = v;
            r->capcur = cap;
        }
    }
    if (r->ncur < r->capcur) r->cur_ids[r->ncur++] = strdup(id);
    fah_article_clear(a);
    st = fx_db_replace_by_term(r->db, built.idterm, built.idterm_len, built.doc, NULL, &e);
    if (st != FX_OK) {
        r->fatal = st;
        r->fatal_err = e;
        return 1;
    }
    r->articles++;
    if (++r->pending >= r->batch && commit(r)) return 1;
    return 0;
}

/* Delete the article `id` unless another file in the manifest still
 * produces it. */
static void delete_article(run *r, const char *id) {
    if (fah_manifest_id_refs(r->man, id) > 1) return;
    char term[4400];
    size_t tl = fah_id_term(id, term, sizeof term);
    fx_error e;
    uint32_t n = 0;
    if (fx_db_termfreq(r->db, term, tl, &n, &e) != FX_OK || n == 0) return;
    fx_status st = fx_db_delete_by_term(r->db, term, tl, &e);
    if (st != FX_OK) {
        r->fatal = st;
        r->fatal_err = e;
        return;
    }
    r->deleted++;
    if (++r->pending >= r->batch) commit(r);
}

static void clear_cur(run *r) {
    for (size_t i = 0; i < r->ncur; i++) free(r->cur_ids[i]);
    r->ncur = 0;
}

static void on_note(void *ctx, int failed, const char *msg) {
    run *r = ctx;
    note(r, r->file->path, failed, "%s", msg);
}

static void index_file(run *r) {
    fah_ingest_cbs cb = {on_article, on_note, r};
    int stopped = 0;
    const fah_file *f = r->file;
    char abs[PATH_MAX];
    if (!realpath(f->path, abs)) snprintf(abs, sizeof abs, "%s", f->path);
    long long mt = (long long)f->mtime * 1000000000LL + f->mtime_ns;
    fah_mentry *old = fah_manifest_find(r->man, abs);
    if (old && old->size == (long long)f->size && old->mtime_ns == mt) {
        old->seen = 1; /* unchanged since the last run */
        r->files_unchanged++;
        return;
    }
    clear_cur(r);
    fah_outcome o = fah_ingest_file(r->ingest, r->file->path, r->file->rel, &cb, &stopped);
    if ((o == FAH_FILE_READ || o == FAH_FILE_SKIPPED) && r->fatal == FX_OK) {
        /* articles the file no longer has */
        old = fah_manifest_find(r->man, abs);
        for (size_t i = 0; old && i < old->nids && r->fatal == FX_OK; i++) {
            int kept = 0;
            for (size_t k = 0; k < r->ncur && !kept; k++) kept = strcmp(r->cur_ids[k], old->ids[i]) == 0;
            if (!kept) delete_article(r, old->ids[i]);
        }
        fx_error e;
        fx_status st = fah_manifest_put(r->man, r->db, abs, (long long)f->size, mt, r->cur_ids,
                                        r->ncur, &e);
        if (st != FX_OK && r->fatal == FX_OK) {
            r->fatal = st;
            r->fatal_err = e;
        }
    } else if (old) {
        old->seen = 1; /* a file that failed keeps its articles until it reads again */
    }
    switch (o) {
        case FAH_FILE_READ: r->files_read++; break;
        case FAH_FILE_SKIPPED: r->files_skipped++; break;
        case FAH_FILE_FAILED: r->files_failed++; break;
        case FAH_FILE_NOMEM:
            if (r->fatal == FX_OK) {
                r->fatal = FX_ERR_NOMEM;
                snprintf(r->fatal_err.msg, sizeof r->fatal_err.msg, "out of memory reading %s",
                         r->file->path);
            }
            break;
    }
}

static void dry_walk_err(void *ctx, const char *path, int failed, const char *why) {
    (void)ctx;
    printf("%s\t%s\t%s\n", failed ? "error" : "note", path, why);
}

/* --dry-run: what a run would add, re-read and delete, from file sizes and
 * modification times against the manifest; nothing is read or written. */
static int dry_run_report(const char *dbpath, char **dirs, int ndirs) {
    fx_db *db = NULL;
    fah_manifest *man = NULL;
    fx_error e;
    if (fx_db_open(dbpath, &db, &e) == FX_OK) {
        if (fah_manifest_load(db, &man, &e)) {
            fprintf(stderr, "fahras index: cannot read the file manifest of %s: %s\n", dbpath, e.msg);
            fx_db_close(db);
            return FAH_EXIT_DB;
        }
    }
    fah_filelist files = {0};
    for (int i = 0; i < ndirs; i++) fah_walk(dirs[i], &files, dry_walk_err, NULL);
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
        size_t rl = strlen(root);
        for (size_t k = 0; k < fah_manifest_count(man); k++) {
            fah_mentry *m = fah_manifest_at(man, k);
            if (!m->path || m->seen) continue;
            if (strcmp(m->path, root) == 0 || (strncmp(m->path, root, rl) == 0 && m->path[rl] == '/')) {
                printf("delete\t%s\t(%zu article%s)\n", m->path, m->nids, m->nids == 1 ? "" : "s");
                m->seen = 1;
                gone++;
            }
        }
    }
    printf("dry run: %zu to add, %zu to re-read, %zu to delete, %zu unchanged (nothing written)\n", add,
           reread, gone, same);
    fah_filelist_free(&files);
    fah_manifest_delete(man);
    fx_db_close(db);
    return FAH_EXIT_OK;
}

static void usage(FILE *to) {
    fprintf(to,
            "usage: fahras index [--db PATH] [--stemmer light|snowball|none|light10] [--encoding ENC]\n"
            "                    [--format F] [--batch N] [--wait S] [--dry-run] [--quiet] [--verbose]\n"
            "                    [--progress|--no-progress]\n"
            "                    DIR...\n"
            "\n"
            "Index every article under each DIR: SGML <DOC> records, JSON arrays and JSON Lines,\n"
            "HTML pages, RSS/Atom feeds and plain text, each optionally gzipped; UTF-8, UTF-16,\n"
            "Windows-1256 or ISO-8859-6, detected per file.\n"
            "  --db PATH        database (default $FAHRAS_DB, else $XDG_DATA_HOME/fahras/db,\n"
            "                   else ~/.local/share/fahras/db)\n"
            "  --stemmer S      light (default), snowball (Xapian's Snowball arabic), none,\n"
            "                   or light10 (plain Larkey et al., the evaluation baseline);\n"
            "                   fixed when the database is created\n"
            "  --encoding ENC   read every file in ENC (an ICU converter name, e.g. windows-1256)\n"
            "  --format F       read every file as F: text, sgml, json, jsonl, html, rss, atom\n"
            "  --batch N        articles per commit (default %d)\n"
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

/* Write every note and error of the run to $XDG_STATE_HOME/fahras/index.log
 * (else ~/.local/state/fahras/index.log), replacing the previous run's;
 * returns 0 and the path in buf, or -1. */
static int write_log(run *r, char *buf, size_t len) {
    const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
    if (x && *x) snprintf(buf, len, "%s/fahras/index.log", x);
    else if (h && *h) snprintf(buf, len, "%s/.local/state/fahras/index.log", h);
    else return -1;
    if (fah_mkdir_parents(buf)) return -1;
    FILE *f = fopen(buf, "w");
    if (!f) return -1;
    fprintf(f, "fahras index into %s\n", r->dbpath);
    for (size_t i = 0; i < r->nprobs; i++)
        fprintf(f, "%s\t%s\t%s\n", r->probs[i].failed ? "failed" : "note", r->probs[i].path,
                r->probs[i].why);
    return fclose(f) == 0 ? 0 : -1;
}

/* The files that failed, at most 20 (the log file has them all). */
static void print_failures(run *r, FILE *to) {
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

int fah_cmd_index(int argc, char **argv) {
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},      {"stemmer", required_argument, NULL, 's'},
        {"encoding", required_argument, NULL, 'e'}, {"batch", required_argument, NULL, 'b'},
        {"format", required_argument, NULL, 'f'},  {"wait", required_argument, NULL, 'w'},
        {"quiet", no_argument, NULL, 'q'},         {"verbose", no_argument, NULL, 'v'},
        {"dry-run", no_argument, NULL, 'n'},
        {"progress", no_argument, NULL, 'p'},      {"no-progress", no_argument, NULL, 'P'},
        {"help", no_argument, NULL, 'h'},          {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    run r;
    memset(&r, 0, sizeof r);
    r.batch = DEFAULT_BATCH;
    const char *dbopt = NULL, *stemopt = NULL;
    int progress = -1;
    int c;
    optind = 1;
    double wait_secs = 0;
    int dry_run = 0;
    while ((c = getopt_long(argc, argv, "d:s:e:b:f:w:nqvpPhV", opts, NULL)) != -1) {
        switch (c) {
            case 'w': {
                char *end;
                wait_secs = strtod(optarg, &end);
                if (*end || wait_secs < 0) {
                    fprintf(stderr, "fahras index: --wait needs a number of seconds\n");
                    return FAH_EXIT_USAGE;
                }
                break;
            }
            case 'f':
                if (fah_format_parse(optarg, &r.forced_format)) {
                    fprintf(stderr, "fahras index: unknown format '%s' (text, sgml, json, jsonl, html, rss, atom)\n",
                            optarg);
                    return FAH_EXIT_USAGE;
                }
                break;
            case 'd': dbopt = optarg; break;
            case 's': stemopt = optarg; break;
            case 'e': r.forced_encoding = optarg; break;
            case 'b': {
                char *end;
                long v = strtol(optarg, &end, 10);
                if (*end || v < 1) {
                    fprintf(stderr, "fahras index: --batch needs a positive number\n");
                    return FAH_EXIT_USAGE;
                }
                r.batch = (size_t)v;
                break;
            }
            case 'q': r.quiet = 1; break;
            case 'n': dry_run = 1; break;
            case 'v': r.verbose = 1; break;
            case 'p': progress = 1; break;
            case 'P': progress = 0; break;
            case 'h': usage(stdout); return FAH_EXIT_OK;
            case 'V': fah_print_version(); return FAH_EXIT_OK;
            default: usage(stderr); return FAH_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "fahras index: name at least one directory to index\n");
        usage(stderr);
        return FAH_EXIT_USAGE;
    }
    fah_stem_kind kind = FAH_STEM_LIGHT;
    if (stemopt && fah_stem_kind_parse(stemopt, &kind)) {
        fprintf(stderr, "fahras index: unknown stemmer '%s' (light, snowball, none or light10)\n", stemopt);
        return FAH_EXIT_USAGE;
    }
    if (r.forced_encoding && fah_check_encoding(r.forced_encoding)) {
        fprintf(stderr, "fahras index: unknown encoding '%s' (try windows-1256, ISO-8859-6, UTF-16LE)\n",
                r.forced_encoding);
        return FAH_EXIT_USAGE;
    }
    int usable = 0;
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0) usable++;
        else fprintf(stderr, "fahras index: cannot read %s: %s\n", argv[i], strerror(errno));
    }
    if (!usable) return FAH_EXIT_USAGE;
    char dbpath[4096];
    if (fah_db_path(dbopt, dbpath, sizeof dbpath)) {
        fprintf(stderr, "fahras index: no --db given and neither FAHRAS_DB nor HOME is set\n");
        return FAH_EXIT_USAGE;
    }
    r.dbpath = dbpath;
    if (dry_run) return dry_run_report(dbpath, argv + optind, argc - optind);
    if (fah_mkdir_parents(dbpath)) {
        fprintf(stderr, "fahras index: cannot create the directories for %s: %s\n", dbpath,
                strerror(errno));
        return errno == ENOSPC ? FAH_EXIT_IO : FAH_EXIT_DB;
    }
    fx_error e;
    fx_status st = fx_db_open_writable(dbpath, 1, &r.db, &e);
    for (double waited = 0; st == FX_ERR_LOCKED && waited < wait_secs; waited += 0.5) {
        struct timespec ts = {0, 500000000L};
        nanosleep(&ts, NULL);
        st = fx_db_open_writable(dbpath, 1, &r.db, &e);
    }
    if (st != FX_OK) {
        if (st == FX_ERR_LOCKED)
            fprintf(stderr,
                    "fahras index: database %s is locked by another indexer; try again later "
                    "(or use --wait SECONDS)\n",
                    dbpath);
        else
            fprintf(stderr, "fahras index: cannot open database %s for writing: %s\n"
                            "  check that the path is a fahras database or a new directory you may write to\n",
                    dbpath, e.msg);
        return fah_exit_for_status(st);
    }
    /* analyzer version and stemmer of an existing database */
    char *ver = NULL, *dbstem = NULL;
    size_t n;
    uint32_t count = 0;
    fx_db_doccount(r.db, &count, NULL);
    fx_db_get_metadata(r.db, FAH_META_ANALYZER, &ver, &n, NULL);
    fx_db_get_metadata(r.db, FAH_META_STEMMER, &dbstem, &n, NULL);
    int rc = FAH_EXIT_OK;
    if (count && (!ver || strcmp(ver, FAH_ANALYZER_VERSION) != 0)) {
        fprintf(stderr,
                "fahras index: database %s was built by analyzer version %s; this fahras uses %s.\n"
                "  rebuild it: rm -rf '%s' && fahras index --db '%s' DIR...\n",
                dbpath, ver ? ver : "(none)", FAH_ANALYZER_VERSION, dbpath, dbpath);
        rc = FAH_EXIT_VERSION;
    } else if (count && dbstem) {
        fah_stem_kind have;
        if (fah_stem_kind_parse(dbstem, &have) == 0) {
            if (stemopt && have != kind) {
                fprintf(stderr,
                        "fahras index: database %s uses --stemmer %s; use another --db for %s\n",
                        dbpath, dbstem, stemopt);
                rc = FAH_EXIT_USAGE;
            }
            kind = have;
        }
    }
    free(ver);
    free(dbstem);
    if (rc) {
        fx_db_close(r.db);
        return rc;
    }
    const char *kn = fah_stem_kind_name(kind);
    if (fx_db_set_metadata(r.db, FAH_META_ANALYZER, FAH_ANALYZER_VERSION,
                           strlen(FAH_ANALYZER_VERSION), &e) != FX_OK ||
        fx_db_set_metadata(r.db, FAH_META_STEMMER, kn, strlen(kn), &e) != FX_OK ||
        fx_db_set_metadata(r.db, FAH_META_SCHEMA, FAH_SCHEMA_VERSION, strlen(FAH_SCHEMA_VERSION),
                           &e) != FX_OK) {
        fprintf(stderr, "fahras index: cannot write to %s: %s\n", dbpath, e.msg);
        fx_db_close(r.db);
        return FAH_EXIT_IO;
    }
    char errbuf[256];
    if (fah_analyzer_new(kind, &r.an, errbuf, sizeof errbuf) ||
        fah_docbuilder_new(r.an, &r.builder) || fah_idtable_new(&r.ids) ||
        fah_ingest_new(r.forced_encoding, r.forced_format, &r.ingest)) {
        fprintf(stderr, "fahras index: cannot start the analyzer: %s\n", errbuf);
        fx_db_close(r.db);
        fah_analyzer_delete(r.an);
        return FAH_EXIT_DB;
    }

    if (fah_manifest_load(r.db, &r.man, &e)) {
        fprintf(stderr, "fahras index: cannot read the file manifest of %s: %s\n", dbpath, e.msg);
        fx_db_close(r.db);
        return FAH_EXIT_DB;
    }
    double t0 = fah_now();
    for (int i = optind; i < argc; i++) fah_walk(argv[i], &r.files, walk_err, &r);
    fah_progress prog;
    fah_progress_start(&prog, progress == 1 || (progress == -1 && !r.quiet && isatty(2)),
                       r.files.n);
    for (size_t i = 0; i < r.files.n && r.fatal == FX_OK; i++) {
        r.file = &r.files.v[i];
        r.file_index = i;
        index_file(&r);
        fah_progress_update(&prog, i + 1, r.articles);
    }
    /* files indexed before from these directories that are gone now */
    for (int i = optind; i < argc && r.fatal == FX_OK; i++) {
        char root[PATH_MAX];
        struct stat st;
        if (!realpath(argv[i], root) || stat(root, &st) != 0) continue; /* unreadable: keep all */
        size_t rl = strlen(root);
        for (size_t k = 0; k < fah_manifest_count(r.man) && r.fatal == FX_OK; k++) {
            fah_mentry *m = fah_manifest_at(r.man, k);
            if (!m->path || m->seen) continue;
            int under = strcmp(m->path, root) == 0 ||
                        (strncmp(m->path, root, rl) == 0 && (m->path[rl] == '/' || rl == 1));
            if (!under) continue;
            for (size_t j = 0; j < m->nids && r.fatal == FX_OK; j++) delete_article(&r, m->ids[j]);
            char *path = strdup(m->path);
            fah_manifest_remove(r.man, r.db, path, &e);
            free(path);
            r.files_removed++;
        }
    }
    if (r.fatal == FX_OK) {
        /* the run's record, committed with its last documents */
        char when[32];
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        char rec[256];
        snprintf(rec, sizeof rec,
                 "{\"finished\":\"%s\",\"files\":%zu,\"articles\":%zu,\"failed\":%zu,\"seconds\":%.1f}",
                 when, r.files.n, r.articles - r.dup_same, r.files_failed, fah_now() - t0);
        fx_db_set_metadata(r.db, FAH_META_LAST_RUN, rec, strlen(rec), NULL);
        commit(&r);
    }
    fah_progress_end(&prog);
    double secs = fah_now() - t0;

    uint32_t total = 0;
    fx_db_doccount(r.db, &total, NULL);
    if (r.fatal != FX_OK) {
        fprintf(stderr, "fahras index: database %s: %s\n", dbpath, r.fatal_err.msg);
        if (r.fatal == FX_ERR_IO)
            fprintf(stderr, "  the last committed state is kept; free disk space and run again\n");
        rc = r.fatal == FX_ERR_NOMEM ? FAH_EXIT_IO : fah_exit_for_status(r.fatal);
    } else if (r.files_failed) {
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
        if (r.files_unchanged || r.deleted || r.files_removed)
            fprintf(to, "incremental: %zu unchanged file%s skipped, %zu removed file%s, %zu article%s deleted\n",
                    r.files_unchanged, r.files_unchanged == 1 ? "" : "s", r.files_removed,
                    r.files_removed == 1 ? "" : "s", r.deleted, r.deleted == 1 ? "" : "s");
        fprintf(to, "database: %s (%u articles, stemmer %s)\n", dbpath, total, kn);
        if (notes && !r.verbose)
            fprintf(to, "%zu note%s (skipped files, encoding guesses, dates not understood)%s%s\n",
                    notes, notes == 1 ? "" : "s", logged ? ": all listed in " : "; --verbose lists them",
                    logged ? logpath : "");
        /* with --verbose every note was printed as it happened */
        if (r.files_failed && !r.verbose) print_failures(&r, to);
    }
    for (size_t i = 0; i < r.nprobs; i++) {
        free(r.probs[i].path);
        free(r.probs[i].why);
    }
    free(r.probs);
    fah_filelist_free(&r.files);
    fah_idtable_delete(r.ids);
    fah_ingest_delete(r.ingest);
    fah_manifest_delete(r.man);
    clear_cur(&r);
    free(r.cur_ids);
    fah_docbuilder_delete(r.builder);
    fah_analyzer_delete(r.an);
    fx_db_close(r.db);
    return rc;
}
