#define _GNU_SOURCE /* qsort_r */
#include "indexrun.h"

#include "../common/record.h"

#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/schema.h"

void fah_run_note(fah_run *r, const char *path, int failed, const char *fmt, ...) {
    char why[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (r->nprobs == r->capprobs) {
        size_t cap = r->capprobs ? r->capprobs * 2 : 32;
        fah_problem *p = realloc(r->probs, cap * sizeof *p);
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

void fah_run_walk_err(void *ctx, const char *path, int failed, const char *why) {
    fah_run *r = ctx;
    if (failed) {
        r->files_failed++;
        char **v = realloc(r->walk_failed, (r->nwalk_failed + 1) * sizeof *v);
        char *abs = fah_abs_path(path);
        if (v) r->walk_failed = v;
        if (v && abs) r->walk_failed[r->nwalk_failed++] = abs;
        else free(abs); /* out of memory: see the check in fah_run_remove_vanished */
        if (!v || !abs) r->walk_failed_oom = 1;
    }
    fah_run_note(r, path, failed, "%s", why);
}

/* Was `path` (absolute) at or under a path the walk could not read? */
static int walk_failed_under(const fah_run *r, const char *path) {
    for (size_t i = 0; i < r->nwalk_failed; i++)
        if (fah_path_under(path, r->walk_failed[i])) return 1;
    return 0;
}

static void set_fatal(fah_run *r, fx_status st, const fx_error *e) {
    if (r->fatal != FX_OK) return;
    r->fatal = st;
    r->fatal_err = *e;
}

/* Before a commit in the middle of re-reading a file: an entry for the file
 * listing every id it had or has produced so far, with size -1 so that the
 * next run re-reads it.  Then a crash after this commit leaves no article
 * that the manifest does not know (a file deleted before the next run
 * still gets its articles deleted). */
static fx_status provisional_entry(fah_run *r, fx_error *e) {
    const char *abs = r->abs[r->file_index];
    fah_mentry *old = fah_manifest_find(r->man, abs);
    size_t nold = old ? old->nids : 0, n = 0;
    char **ids = calloc(nold + r->ncur + 1, sizeof *ids);
    if (!ids) return FX_ERR_NOMEM;
    for (size_t k = 0; k < nold; k++) ids[n++] = strdup(old->ids[k]);
    for (size_t k = 0; k < r->ncur; k++) {
        int dup = 0;
        for (size_t j = 0; j < nold && !dup; j++) dup = strcmp(ids[j], r->cur_ids[k]) == 0;
        if (!dup) ids[n++] = strdup(r->cur_ids[k]);
    }
    fx_status st = FX_OK;
    for (size_t k = 0; k < n; k++)
        if (!ids[k]) st = FX_ERR_NOMEM;
    if (st == FX_OK) st = fah_manifest_put(r->man, r->db, abs, -1, -1, NULL, ids, n, e);
    for (size_t k = 0; k < n; k++) free(ids[k]);
    free(ids);
    return st;
}

int fah_run_commit(fah_run *r) {
    fx_error e;
    fx_status st = r->in_file ? provisional_entry(r, &e) : FX_OK;
    if (r->verbose) fprintf(stderr, "commit: %zu changed articles\n", r->pending);
    if (st == FX_OK) st = fx_db_commit(r->db, &e);
    if (r->verbose && st == FX_OK) st = fx_db_sync(r->db, &e); /* a writer thread's commit done */
    if (r->verbose && st == FX_OK) fprintf(stderr, "committed\n");
    if (st != FX_OK) {
        set_fatal(r, st, &e);
        return -1;
    }
    r->pending = 0;
    r->committed = r->articles;
    return 0;
}

/* One more changed document; commit when the batch is full.  Callers only
 * call it where the manifest agrees with the documents. */
static void count_change(fah_run *r, size_t n) {
    r->pending += n;
    if (r->pending >= r->batch) fah_run_commit(r);
}

/* Called for each parsed article of the current file. */
static int on_article(void *ctx, fah_article *a) {
    fah_run *r = ctx;
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
        fah_run_note(r, r->file->path, 0, "record %zu (line %zu): id %s already used by %s; indexed as %s",
             a->record, a->line, id, r->files.v[prev].rel, qualified);
        r->renamed++;
        id = qualified;
    }
    fah_built built;
    fx_error e;
    fx_status st = fah_docbuild(r->builder, a, id, r->file->rel, &built, &e);
    if (st != FX_OK) {
        fah_run_note(r, r->file->path, 1, "record %zu (line %zu): %s", a->record, a->line, e.msg);
        fah_article_clear(a);
        return 0;
    }
    if (built.empty) {
        r->empty++;
        if (r->verbose)
            fah_run_note(r, r->file->path, 0, "record %zu (line %zu): no title and no text; not indexed",
                 a->record, a->line);
        fah_article_clear(a);
        return 0;
    }
    if (!built.date_ok) {
        fah_run_note(r, r->file->path, 0, "record %zu (line %zu): date '%s' not understood; stored without date",
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
    if (++r->pending >= r->batch && fah_run_commit(r)) return 1;
    return 0;
}

/* Delete the article `id` unless another file in the manifest still
 * produces it. */
static void delete_article(fah_run *r, const char *id) {
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
    if (++r->pending >= r->batch) fah_run_commit(r);
}

static void clear_cur(fah_run *r) {
    for (size_t i = 0; i < r->ncur; i++) free(r->cur_ids[i]);
    r->ncur = 0;
}

static void on_note(void *ctx, int failed, const char *msg) {
    fah_run *r = ctx;
    fah_run_note(r, r->file->path, failed, "%s", msg);
}

/* `path` is `root` or inside it (both absolute). */

static int under_roots(const fah_run *r, const char *path) {
    for (size_t i = 0; i < r->nroots; i++)
        if (fah_path_under(path, r->roots[i])) return 1;
    return 0;
}

static int cmp_moved(const fah_mentry *a, long long size, const unsigned char *hash) {
    if (a->size != size) return a->size < size ? -1 : 1;
    return memcmp(a->hash, hash, 16);
}

static int sort_moved(const void *x, const void *y, void *man) {
    const fah_mentry *a = fah_manifest_at(man, *(const size_t *)x);
    const fah_mentry *b = fah_manifest_at(man, *(const size_t *)y);
    return cmp_moved(a, b->size, b->hash);
}

int fah_run_prepare(fah_run *r) {
    r->abs = calloc(r->files.n ? r->files.n : 1, sizeof *r->abs);
    if (!r->abs) return -1;
    for (size_t i = 0; i < r->files.n; i++) {
        char abs[PATH_MAX];
        if (!realpath(r->files.v[i].path, abs)) snprintf(abs, sizeof abs, "%s", r->files.v[i].path);
        if (!(r->abs[i] = strdup(abs))) return -1;
        fah_mentry *m = fah_manifest_find(r->man, abs);
        if (m) m->seen = 1;
    }
    size_t n = fah_manifest_count(r->man);
    r->moved = calloc(n ? n : 1, sizeof *r->moved);
    if (!r->moved) return -1;
    for (size_t k = 0; k < n; k++) {
        fah_mentry *m = fah_manifest_at(r->man, k);
        if (m->path && !m->seen && m->has_hash && m->nids && under_roots(r, m->path))
            r->moved[r->nmoved++] = k;
    }
    qsort_r(r->moved, r->nmoved, sizeof *r->moved, sort_moved, r->man);
    return 0;
}

#define MOVED(r, i) fah_manifest_at((r)->man, (r)->moved[i])

/* Index of a vanished entry with this size and content, or (size_t)-1. */
static size_t find_moved(fah_run *r, long long size, const unsigned char *hash) {
    size_t lo = 0, hi = r->nmoved;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cmp_moved(MOVED(r, mid), size, hash) < 0) lo = mid + 1;
        else hi = mid;
    }
    for (; lo < r->nmoved && cmp_moved(MOVED(r, lo), size, hash) == 0; lo++)
        if (MOVED(r, lo)->path && !MOVED(r, lo)->seen) return r->moved[lo];
    return (size_t)-1;
}

/* The id an article of a file moved from old_rel to new_rel gets: a
 * path-derived id follows the path, a record's own id stays.  NULL (into
 * *out) when the id was qualified with the old path (the conflict it
 * settled may come out differently now: the file is re-read instead). */
static int moved_id(const char *id, const char *old_rel, const char *new_rel, char *out, size_t len) {
    size_t ol = strlen(old_rel);
    if (strcmp(id, old_rel) == 0) {
        snprintf(out, len, "%s", new_rel);
        return 0;
    }
    if (strncmp(id, old_rel, ol) == 0 && id[ol] == '#' && id[ol + 1] &&
        strspn(id + ol + 1, "0123456789") == strlen(id + ol + 1)) {
        snprintf(out, len, "%s%s", new_rel, id + ol);
        return 0;
    }
    const char *at = strchr(id, '@');
    if (at && strncmp(at + 1, old_rel, ol) == 0) return -1;
    snprintf(out, len, "%s", id);
    return 0;
}

/* File i has the content of vanished entry `m`: rewrite its articles'
 * stored path and path-derived ids instead of re-reading it.  Returns 1
 * when done, 0 when the move cannot be applied safely (the caller re-reads
 * the file; the entry is deleted as a removed file at the end). */
static int apply_move(fah_run *r, size_t mi, const unsigned char *hash, long long size,
                      long long mt) {
    fah_mentry *m = fah_manifest_at(r->man, mi); /* valid until the manifest grows */
    size_t n = m->nids;
    char **data = calloc(n, sizeof *data), **newids = calloc(n, sizeof *newids);
    size_t *dlens = calloc(n, sizeof *dlens);
    int ok = data && newids && dlens;
    fx_error e;
    for (size_t k = 0; ok && k < n; k++) {
        char term[4400], nterm[4400];
        size_t tl = fah_id_term(m->ids[k], term, sizeof term);
        fx_docid did;
        size_t dl;
        json_t *o = NULL;
        if (fah_manifest_id_refs(r->man, m->ids[k]) != 1 ||
            fx_db_find_by_term(r->db, term, tl, &did, &e) != FX_OK ||
            fx_db_get_data(r->db, did, &data[k], &dl, &e) != FX_OK ||
            !(o = fah_record_json(data[k], dl)) || !json_is_string(json_object_get(o, "path"))) {
            ok = 0;
        } else {
            char nid[8300];
            const char *old_rel = json_string_value(json_object_get(o, "path"));
            if (moved_id(m->ids[k], old_rel, r->file->rel, nid, sizeof nid)) {
                ok = 0;
            } else {
                uint32_t tf = 0;
                size_t nl = fah_id_term(nid, nterm, sizeof nterm);
                if (strcmp(nid, m->ids[k]) != 0 &&
                    (fx_db_termfreq(r->db, nterm, nl, &tf, &e) != FX_OK || tf))
                    ok = 0; /* the new id is taken */
                json_object_set_new(o, "id", json_string(nid));
                json_object_set_new(o, "path", json_string(r->file->rel));
                free(data[k]);
                data[k] = NULL;
                fah_buf rb = FAH_BUF_INIT;
                if (fah_record_from_json(o, &rb) == 0) {
                    data[k] = rb.data; /* the buffer's bytes, now owned here */
                    dlens[k] = rb.len;
                } else {
                    fah_buf_free(&rb);
                }
                newids[k] = strdup(nid);
                if (!data[k] || !newids[k]) ok = 0;
            }
        }
        json_decref(o);
    }
    for (size_t k = 0; ok && k < n && r->fatal == FX_OK; k++) {
        char term[4400], nterm[4400];
        size_t tl = fah_id_term(m->ids[k], term, sizeof term);
        size_t nl = fah_id_term(newids[k], nterm, sizeof nterm);
        fx_status st = fx_db_relocate(r->db, term, tl, nterm, nl, data[k], dlens[k], &e);
        if (st != FX_OK) set_fatal(r, st, &e);
    }
    if (ok && r->fatal == FX_OK) {
        char *oldpath = strdup(m->path);
        m->seen = 1;
        fx_status st = oldpath ? fah_manifest_remove(r->man, r->db, oldpath, &e) : FX_ERR_NOMEM;
        if (st == FX_OK)
            st = fah_manifest_put(r->man, r->db, r->abs[r->file_index], size, mt, hash, newids, n, &e);
        if (st != FX_OK) set_fatal(r, st, &e);
        r->files_moved++;
        r->relocated += n;
        if (r->verbose && oldpath)
            fah_run_note(r, r->file->path, 0, "moved from %s: %zu article%s kept, not re-read",
                         oldpath, n, n == 1 ? "" : "s");
        free(oldpath);
        count_change(r, n);
    }
    for (size_t k = 0; k < n; k++) {
        if (data) free(data[k]);
        if (newids) free(newids[k]);
    }
    free(data);
    free(dlens);
    free(newids);
    return ok;
}

/* The same bytes under a new mtime: record the mtime, keep the articles. */
static void touch_entry(fah_run *r, fah_mentry *m, const unsigned char *hash, long long mt) {
    fx_error e;
    fx_status st = fah_manifest_put(r->man, r->db, r->abs[r->file_index], m->size, mt, hash, m->ids,
                                    m->nids, &e);
    if (st != FX_OK) set_fatal(r, st, &e);
    r->files_touched++;
}

void fah_run_file(fah_run *r, size_t i) {
    fah_ingest_cbs cb = {on_article, on_note, r};
    int stopped = 0;
    r->file = &r->files.v[i];
    r->file_index = i;
    const fah_file *f = r->file;
    const char *abs = r->abs[i];
    long long mt = (long long)f->mtime * 1000000000LL + f->mtime_ns;
    long long size = (long long)f->size;
    fah_mentry *old = fah_manifest_find(r->man, abs);
    if (old && old->size == size && old->mtime_ns == mt) {
        r->files_unchanged++;
        return;
    }
    clear_cur(r);
    unsigned char hash[16];
    int hashed = 0;
    fah_outcome o = fah_ingest_read(r->ingest, f->path, f->rel, &cb, hash, &hashed);
    if (o == FAH_FILE_READ && hashed) {
        if (old && old->has_hash && old->size == size && memcmp(old->hash, hash, 16) == 0) {
            touch_entry(r, old, hash, mt);
            return;
        }
        size_t gone = old ? (size_t)-1 : find_moved(r, size, hash);
        if (gone != (size_t)-1 && apply_move(r, gone, hash, size, mt)) return;
    }
    r->in_file = 1;
    if (o == FAH_FILE_READ) o = fah_ingest_parse(r->ingest, f->rel, &cb, &stopped);
    old = fah_manifest_find(r->man, abs);
    if (o == FAH_FILE_SKIPPED && old && old->nids && fah_ingest_binary(r->ingest) && r->ncur == 0) {
        /* a file that held articles and is binary now (overwritten, damaged):
         * nothing already indexed is lost; it fails like a corrupt file, once */
        fah_run_note(r, f->path, 1, "it held %zu article%s and is now %s: %s kept until the file changes again",
                     old->nids, old->nids == 1 ? "" : "s", fah_ingest_binary(r->ingest),
                     old->nids == 1 ? "it is" : "they are");
        o = FAH_FILE_FAILED;
    }
    if ((o == FAH_FILE_READ || o == FAH_FILE_SKIPPED) && r->fatal == FX_OK) {
        /* articles the file no longer has */
        old = fah_manifest_find(r->man, abs);
        for (size_t k = 0; old && k < old->nids && r->fatal == FX_OK; k++) {
            int kept = 0;
            for (size_t j = 0; j < r->ncur && !kept; j++) kept = strcmp(r->cur_ids[j], old->ids[k]) == 0;
            if (!kept) delete_article(r, old->ids[k]);
        }
        fx_error e;
        fx_status st = fah_manifest_put(r->man, r->db, abs, size, mt, hashed ? hash : NULL,
                                        r->cur_ids, r->ncur, &e);
        if (st != FX_OK) set_fatal(r, st, &e);
    }
    else if (o == FAH_FILE_FAILED && r->fatal == FX_OK &&
             (r->ncur || hashed || fah_ingest_content_failed(r->ingest))) {
        /* a file that failed on its content (a bad JSON line, invalid JSON, a
         * corrupt gzip stream): the entry lists the articles it did produce,
         * with the old ones, so they are deleted with the file; same size and
         * mtime, so an unchanged file is not retried (reported once, not by
         * every cron run).  A file that could not be read (permissions, I/O)
         * gets no entry: it is retried. */
        fx_error e;
        fx_status st = provisional_entry(r, &e);
        fah_mentry *m = st == FX_OK ? fah_manifest_find(r->man, abs) : NULL;
        if (m) st = fah_manifest_put(r->man, r->db, abs, size, mt, hashed ? hash : NULL, m->ids, m->nids, &e);
        if (st != FX_OK) set_fatal(r, st, &e);
    }
    r->in_file = 0;
    switch (o) {
        case FAH_FILE_READ: r->files_read++; break;
        case FAH_FILE_SKIPPED: r->files_skipped++; break;
        case FAH_FILE_FAILED: r->files_failed++; break;
        case FAH_FILE_NOMEM:
            if (r->fatal == FX_OK) {
                r->fatal = FX_ERR_NOMEM;
                snprintf(r->fatal_err.msg, sizeof r->fatal_err.msg, "out of memory reading %s",
                         f->path);
            }
            break;
    }
    /* the batch boundary falls between files, where manifest and documents agree */
    if (r->pending >= r->batch && r->fatal == FX_OK) fah_run_commit(r);
}

void fah_run_remove_vanished(fah_run *r) {
    fx_error e;
    for (size_t i = 0; i < r->nroots && r->fatal == FX_OK; i++) {
        struct stat st;
        if (stat(r->roots[i], &st) != 0) continue; /* unreadable now: keep its articles */
        /* a DIR that held files and now lists none is an unmounted disk or a
         * moved archive far more often than a deliberate deletion: keep its
         * articles and say so (delete them with --full, or by removing the
         * files one by one) */
        /* a DIR that cannot be read at all was reported by the walk */
        if (walk_failed_under(r, r->roots[i])) continue;
        /* out of memory while noting an unreadable path: delete nothing */
        if (r->walk_failed_oom) continue;
        size_t listed = 0, known = 0;
        for (size_t f = 0; f < r->files.n; f++) listed += fah_path_under(r->abs[f], r->roots[i]);
        for (size_t k = 0; k < fah_manifest_count(r->man); k++) {
            fah_mentry *m = fah_manifest_at(r->man, k);
            known += m->path && fah_path_under(m->path, r->roots[i]);
        }
        if (!listed && known) {
            r->files_failed++;
            fah_run_note(r, r->roots[i], 1,
                         "the directory is empty now but %zu indexed file%s came from it (an unmounted "
                         "disk?); their articles are kept. If they were deleted on purpose, rebuild with "
                         "index --full",
                         known, known == 1 ? "" : "s");
            continue;
        }
        for (size_t k = 0; k < fah_manifest_count(r->man) && r->fatal == FX_OK; k++) {
            fah_mentry *m = fah_manifest_at(r->man, k);
            if (!m->path || m->seen || !fah_path_under(m->path, r->roots[i])) continue;
            /* under a directory that could not be read this time (permissions,
             * I/O): not removed, kept until a run can read it again */
            if (walk_failed_under(r, m->path)) continue;
            for (size_t j = 0; j < m->nids && r->fatal == FX_OK; j++) delete_article(r, m->ids[j]);
            char *path = strdup(m->path);
            fx_status s = path ? fah_manifest_remove(r->man, r->db, path, &e) : FX_ERR_NOMEM;
            if (s != FX_OK) set_fatal(r, s, &e);
            free(path);
            r->files_removed++;
            if (r->pending >= r->batch && r->fatal == FX_OK) fah_run_commit(r);
        }
    }
}

void fah_run_free(fah_run *r) {
    for (size_t i = 0; i < r->nprobs; i++) {
        free(r->probs[i].path);
        free(r->probs[i].why);
    }
    free(r->probs);
    for (size_t i = 0; i < r->nwalk_failed; i++) free(r->walk_failed[i]);
    free(r->walk_failed);
    for (size_t i = 0; r->abs && i < r->files.n; i++) free(r->abs[i]);
    free(r->abs);
    free(r->moved);
    clear_cur(r);
    free(r->cur_ids);
    fah_filelist_free(&r->files);
}
