/*
 * ingest_bench.c - ingestion throughput without Xapian writes: walk the
 * directories, read, decode, detect, parse, analyze and build each
 * article's Xapian document in memory (what `fahras index` does before
 * replace_document).  Usage: ingest_bench DIR...
 * Prints: files, articles, MB of decoded text, seconds, MB/s, articles/s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/progress.h"
#include "../indexer/docbuild.h"
#include "../indexer/ingest.h"
#include "../tagger/gazetteer.h"
#include "../indexer/walk.h"
#include "../stemmer/analyzer.h"

typedef struct {
    fah_docbuilder *b;
    const char *rel;
    size_t articles, errors;
} bctx;

static int on_article(void *ctx, fah_article *a) {
    bctx *c = ctx;
    fah_built built;
    fx_error e;
    if (fah_docbuild(c->b, a, a->id ? a->id : c->rel, c->rel, &built, &e) != FX_OK) c->errors++;
    else if (!built.empty) c->articles++;
    fah_article_clear(a);
    return 0;
}

static void on_note(void *ctx, int failed, const char *msg) {
    (void)ctx, (void)failed, (void)msg;
}

static void walk_err(void *ctx, const char *path, int failed, const char *why) {
    (void)ctx, (void)path, (void)failed, (void)why;
}

int main(int argc, char **argv) {
    /* --no-tagging: without the gazetteer (to measure what tagging costs) */
    int tagging = 1, first = 1;
    if (argc > 1 && strcmp(argv[1], "--no-tagging") == 0) {
        tagging = 0;
        first = 2;
    }
    if (argc <= first) {
        fprintf(stderr, "usage: ingest_bench [--no-tagging] DIR...\n");
        return 2;
    }
    fah_analyzer *an;
    fah_ingest *g;
    bctx c = {0};
    if (fah_analyzer_new(FAH_STEM_LIGHT, &an, NULL, 0) || fah_docbuilder_new(an, &c.b) ||
        fah_ingest_new(NULL, FAH_FMT_AUTO, &g))
        return 1;
    fah_gazetteer *gaz = NULL;
    char err[300];
    if (tagging && (fah_gazetteer_new(an, NULL, 0, NULL, 0, &gaz, err, sizeof err) ||
                    fah_docbuilder_set_gazetteer(c.b, gaz))) {
        fprintf(stderr, "ingest_bench: %s\n", err);
        return 1;
    }
    fah_filelist files = {0};
    for (int i = first; i < argc; i++) fah_walk(argv[i], &files, walk_err, NULL);
    double t0 = fah_now();
    fah_ingest_cbs cb = {on_article, on_note, &c};
    for (size_t i = 0; i < files.n; i++) {
        int stopped;
        c.rel = files.v[i].rel;
        fah_ingest_file(g, files.v[i].path, files.v[i].rel, &cb, &stopped);
    }
    double secs = fah_now() - t0;
    double mb = (double)fah_ingest_bytes(g) / 1e6;
    printf("files %zu\tarticles %zu\tMB %.1f\tseconds %.2f\tMB/s %.2f\tarticles/s %.0f\n", files.n,
           c.articles, mb, secs, mb / secs, (double)c.articles / secs);
    fah_filelist_free(&files);
    fah_ingest_delete(g);
    fah_docbuilder_delete(c.b);
    fah_gazetteer_delete(gaz);
    fah_analyzer_delete(an);
    return 0;
}
