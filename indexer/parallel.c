#define _GNU_SOURCE
#include "parallel.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../common/dbdir.h"
#include "../common/schema.h"

#define MAX_JOBS 64

/* What a worker shows the parent while it runs (shared memory). */
typedef struct {
    volatile size_t files, articles;
} shard_progress;

/* The counters a worker reports, in the order of its result file's first line. */
#define NCOUNTERS 8
static size_t *counter(fah_run *r, int i) {
    size_t *c[NCOUNTERS] = {&r->files_read, &r->files_skipped, &r->files_failed, &r->articles,
                            &r->empty,      &r->dup_same,      &r->renamed,      &r->deleted};
    return c[i];
}

static void one_line(char *s) {
    for (; *s; s++)
        if (*s == '\t' || *s == '\n' || *s == '\r') *s = ' ';
}

/* The work a file stands for, in bytes of text: its size, or for a gzip
 * file the uncompressed size its trailer records (ISIZE, RFC 1952 section
 * 2.3.1: the size modulo 2^32), so that shards of compressed and plain
 * files get about equal text. */
static unsigned long long file_work(const fah_file *f) {
    size_t n = strlen(f->path);
    unsigned long long size = (unsigned long long)f->size;
    if (n > 3 && strcmp(f->path + n - 3, ".gz") == 0 && size >= 18) {
        FILE *fp = fopen(f->path, "rb");
        unsigned char t[4];
        if (fp && fseek(fp, -4, SEEK_END) == 0 && fread(t, 1, 4, fp) == 4) {
            unsigned long long isize = (unsigned long long)t[0] | (unsigned long long)t[1] << 8 |
                                       (unsigned long long)t[2] << 16 | (unsigned long long)t[3] << 24;
            if (isize > size) size = isize;
        }
        if (fp) fclose(fp);
    }
    return size + 1;
}

/* The worker: files [lo, hi) into part `dir`; never returns. */
static void worker(fah_run *r, const char *dir, size_t lo, size_t hi, shard_progress *sp) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1) _exit(3); /* the parent is already gone */
    /* the parent's notes and counters stay the parent's */
    r->nprobs = r->capprobs = 0;
    r->probs = NULL;
    for (int i = 0; i < NCOUNTERS; i++) *counter(r, i) = 0;
    r->pending = r->committed = 0;
    r->quiet = 1;
    r->verbose = 0;
    fx_error e;
    if (fx_db_open_scratch(dir, &r->db, &e) != FX_OK || fx_db_begin_batches(r->db, &e) != FX_OK) {
        fprintf(stderr, "fahras index: worker database %s: %s\n", dir, e.msg);
        _exit(2);
    }
    /* Xapian's part on a thread of its own (fx_db_start_writer): shards of
     * equal bytes take unequal times, and the worker left running when the
     * other is done then uses both cores */
    fx_db_start_writer(r->db, 0, NULL);
    for (size_t i = lo; i < hi && r->fatal == FX_OK; i++) {
        fah_run_file(r, i);
        sp->files = i + 1 - lo;
        sp->articles = r->articles;
    }
    if (r->fatal == FX_OK) fah_run_commit(r);
    if (r->fatal == FX_OK) {
        fx_status st = fx_db_sync(r->db, &e); /* the last commit done */
        if (st != FX_OK) {
            r->fatal = st;
            r->fatal_err = e;
        }
    }
    if (r->fatal != FX_OK) {
        fprintf(stderr, "fahras index: worker database %s: %s\n", dir, r->fatal_err.msg);
        _exit(r->fatal == FX_ERR_IO ? 4 : 2);
    }
    fx_db_close(r->db);
    char path[4300];
    snprintf(path, sizeof path, "%.4200s/result", dir);
    FILE *f = fopen(path, "w");
    if (!f) _exit(2);
    for (int i = 0; i < NCOUNTERS; i++) fprintf(f, "%zu%c", *counter(r, i), i + 1 < NCOUNTERS ? ' ' : '\n');
    for (size_t i = 0; i < r->nprobs; i++) {
        one_line(r->probs[i].path);
        one_line(r->probs[i].why);
        fprintf(f, "%d\t%s\t%s\n", r->probs[i].failed, r->probs[i].path, r->probs[i].why);
    }
    _exit(fclose(f) == 0 ? 0 : 2);
}

/* Read worker k's result into r.  0 or -1. */
static int read_result(fah_run *r, const char *dir) {
    char path[4300];
    snprintf(path, sizeof path, "%.4200s/result", dir);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t v[NCOUNTERS];
    for (int i = 0; i < NCOUNTERS; i++)
        if (fscanf(f, "%zu", &v[i]) != 1) {
            fclose(f);
            return -1;
        }
    for (int i = 0; i < NCOUNTERS; i++) *counter(r, i) += v[i];
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] == '\n') line[n - 1] = '\0';
        char *p = strchr(line, '\t'), *w = p ? strchr(p + 1, '\t') : NULL;
        if (!w) continue;
        *p = *w = '\0';
        fah_run_note(r, p + 1, atoi(line), "%s", w + 1);
    }
    free(line);
    fclose(f);
    return 0;
}

typedef struct {
    char **v;
    size_t n, cap;
} idlist;

static int on_idterm(void *ctx, const char *term, size_t len, uint32_t tf) {
    (void)tf;
    idlist *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 1024;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v) return 1;
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n] = strndup(term, len))) return 1;
    l->n++;
    return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Is an article id term (Q...) in two parts?  1 yes, 0 no, -1 error. */
static int ids_shared(char parts[][4200], unsigned n) {
    idlist all = {0};
    int rc = 0;
    for (unsigned k = 0; k < n && rc == 0; k++) {
        fx_db *db = NULL;
        if (fx_db_open(parts[k], &db, NULL) != FX_OK ||
            fx_db_allterms(db, FAH_PREFIX_ID, strlen(FAH_PREFIX_ID), on_idterm, &all, NULL) != FX_OK)
            rc = -1;
        fx_db_close(db);
    }
    if (rc == 0) {
        qsort(all.v, all.n, sizeof *all.v, cmp_str);
        for (size_t i = 1; i < all.n && !rc; i++)
            if (strcmp(all.v[i - 1], all.v[i]) == 0) rc = 1;
    }
    for (size_t i = 0; i < all.n; i++) free(all.v[i]);
    free(all.v);
    return rc;
}

fah_parallel_result fah_run_parallel(fah_run *r, const char *dest, unsigned jobs, fah_progress *prog) {
    if (jobs > MAX_JOBS) jobs = MAX_JOBS;
    if (jobs > r->files.n) jobs = (unsigned)r->files.n;
    /* contiguous shards of about equal bytes (at least one file each) */
    size_t bounds[MAX_JOBS + 1];
    unsigned long long total = 0, acc = 0;
    unsigned long long *work = malloc(r->files.n * sizeof *work);
    if (!work) {
        r->fatal = FX_ERR_NOMEM;
        snprintf(r->fatal_err.msg, sizeof r->fatal_err.msg, "out of memory");
        return FAH_PARALLEL_FAILED;
    }
    for (size_t i = 0; i < r->files.n; i++) total += work[i] = file_work(&r->files.v[i]);
    bounds[0] = 0;
    unsigned k = 1;
    for (size_t i = 0; i < r->files.n && k < jobs; i++) {
        acc += work[i];
        if (acc * jobs >= total * k && r->files.n - (i + 1) >= jobs - k && i + 1 > bounds[k - 1])
            bounds[k++] = i + 1;
    }
    free(work);
    jobs = k;
    bounds[jobs] = r->files.n;

    char parts[MAX_JOBS][4200];
    for (unsigned j = 0; j < jobs; j++) {
        snprintf(parts[j], sizeof parts[j], "%s.part-%u", dest, j + 1);
        fah_rmtree(parts[j]);
    }
    shard_progress *sp = mmap(NULL, sizeof *sp * jobs, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sp == MAP_FAILED) {
        r->fatal = FX_ERR_NOMEM;
        snprintf(r->fatal_err.msg, sizeof r->fatal_err.msg, "cannot share memory with workers: %s", strerror(errno));
        return FAH_PARALLEL_FAILED;
    }
    memset((void *)sp, 0, sizeof *sp * jobs);
    pid_t pid[MAX_JOBS];
    unsigned started = 0;
    fflush(NULL);
    for (unsigned j = 0; j < jobs; j++) {
        pid[j] = fork();
        if (pid[j] == 0) worker(r, parts[j], bounds[j], bounds[j + 1], &sp[j]);
        if (pid[j] < 0) break;
        started++;
    }
    int failed = started < jobs;
    if (failed) {
        r->fatal = FX_ERR_NOMEM;
        snprintf(r->fatal_err.msg, sizeof r->fatal_err.msg, "cannot start worker processes: %s", strerror(errno));
    }
    /* wait, showing the workers' progress */
    unsigned running = started;
    int status[MAX_JOBS];
    int done[MAX_JOBS] = {0};
    while (running) {
        for (unsigned j = 0; j < started; j++) {
            if (done[j]) continue;
            pid_t w = waitpid(pid[j], &status[j], WNOHANG);
            if (w == pid[j] || (w < 0 && errno != EINTR)) {
                done[j] = 1;
                running--;
                if (w < 0 || !WIFEXITED(status[j]) || WEXITSTATUS(status[j]) != 0) {
                    if (!failed) {
                        int code = w < 0 ? -1 : WIFEXITED(status[j]) ? WEXITSTATUS(status[j]) : -1;
                        r->fatal = code == 4 ? FX_ERR_IO : FX_ERR_OTHER;
                        if (w > 0 && WIFSIGNALED(status[j]))
                            snprintf(r->fatal_err.msg, sizeof r->fatal_err.msg, "worker %u of %u was killed (%s)",
                                     j + 1, jobs, strsignal(WTERMSIG(status[j])));
                        else
                            snprintf(r->fatal_err.msg, sizeof r->fatal_err.msg, "worker %u of %u %s", j + 1, jobs,
                                     code == 4 ? "ran out of disk space" : "failed (its message is above)");
                    }
                    failed = 1;
                    for (unsigned o = 0; o < started; o++)
                        if (!done[o]) kill(pid[o], SIGKILL);
                }
            }
        }
        size_t files = 0, articles = 0;
        for (unsigned j = 0; j < jobs; j++) {
            files += sp[j].files;
            articles += sp[j].articles;
        }
        fah_progress_update(prog, files, articles);
        if (running) {
            struct timespec ts = {0, 50000000L};
            nanosleep(&ts, NULL);
        }
    }
    munmap((void *)sp, sizeof *sp * jobs);
    fah_parallel_result res = FAH_PARALLEL_FAILED;
    if (!failed) {
        int shared = ids_shared(parts, jobs);
        if (shared == 1) {
            res = FAH_PARALLEL_SEQUENTIAL;
        } else if (shared < 0) {
            r->fatal = FX_ERR_OTHER;
            snprintf(r->fatal_err.msg, sizeof r->fatal_err.msg, "cannot read the workers' databases");
        } else {
            for (unsigned j = 0; j < jobs && res != FAH_PARALLEL_DONE; j++)
                if (read_result(r, parts[j])) {
                    r->fatal = FX_ERR_OTHER;
                    snprintf(r->fatal_err.msg, sizeof r->fatal_err.msg, "worker %u left no result", j + 1);
                    break;
                }
            if (r->fatal == FX_OK) {
                const char *src[MAX_JOBS];
                for (unsigned j = 0; j < jobs; j++) src[j] = parts[j];
                fx_error e;
                double t0 = fah_now();
                if (prog->enabled) fprintf(stderr, "\r\033[Kmerging the %u workers' databases ...", jobs);
                fx_status st = fx_db_compact(src, jobs, dest, &e);
                if (r->verbose) fprintf(stderr, "merged %u parts in %.1f s\n", jobs, fah_now() - t0);
                if (st == FX_OK) {
                    res = FAH_PARALLEL_DONE;
                    r->committed = r->articles;
                } else {
                    r->fatal = st;
                    r->fatal_err = e;
                }
            }
        }
    }
    for (unsigned j = 0; j < jobs; j++) fah_rmtree(parts[j]);
    return res;
}
