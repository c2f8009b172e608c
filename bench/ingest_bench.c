/*
 * ingest_bench.c - ingestion throughput without Xapian writes: walk the
 * directories, read, decode, detect, parse, analyze and build each
 * article's Xapian document in memory (what `fahras index` does before
 * replace_document).  Usage: ingest_bench DIR...
 * Prints: files, articles, MB of decoded text, seconds, MB/s, articles/s.
 * ingest_bench --dump FILE DIR... writes instead every article the way
 * fahras reads it, for the peers of `scripts/bench index|query`: records
 * "id 0x1F title 0x1F text 0x1E" (text = lead paragraph and body; the
 * control bytes removed from the fields), and prints the same line.
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
    FILE *dump;
    size_t nid; /* records without an id of their own: rel#N */
} bctx;

static void put_field(FILE *f, const char *s) {
    for (; s && *s; s++)
        if (*s != 0x1E && *s != 0x1F) fputc(*s, f);
}

static int on_article(void *ctx, fah_article *a) {
    bctx *c = ctx;
    fah_built built;
    fx_error e;
    if (c->dump) {
        if ((a->title && *a->title) || (a->body && *a->body) || (a->abstract && *a->abstract)) {
            if (a->id) put_field(c->dump, a->id);
            else fprintf(c->dump, "%s#%zu", c->rel, ++c->nid);
            fputc(0x1F, c->dump);
            put_field(c->dump, a->title);
            fputc(0x1F, c->dump);
            put_field(c->dump, a->abstract);
            if (a->abstract && *a->abstract) fputc('\n', c->dump);
            put_field(c->dump, a->body);
            fputc(0x1E, c->dump);
            c->articles++;
        }
        fah_article_clear(a);
        return 0;
    }
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
    const char *dump = NULL;
    if (argc > 1 && strcmp(argv[1], "--no-tagging") == 0) {
        tagging = 0;
        first = 2;
    } else if (argc > 2 && strcmp(argv[1], "--dump") == 0) {
        dump = argv[2];
        tagging = 0;
        first = 3;
    }
    if (argc <= first) {
        fprintf(stderr, "usage: ingest_bench [--no-tagging | --dump FILE] DIR...\n");
        return 2;
    }
    bctx c = {0};
    if (dump && !(c.dump = fopen(dump, "w"))) {
        perror(dump);
        return 1;
    }
    fah_analyzer *an;
    fah_ingest *g;
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
        c.nid = 0;
        fah_ingest_file(g, files.v[i].path, files.v[i].rel, &cb, &stopped);
    }
    double secs = fah_now() - t0;
    double mb = (double)fah_ingest_bytes(g) / 1e6;
    printf("files %zu\tarticles %zu\tMB %.1f\tseconds %.2f\tMB/s %.2f\tarticles/s %.0f\n", files.n,
           c.articles, mb, secs, mb / secs, (double)c.articles / secs);
    if (c.dump && fclose(c.dump)) {
        perror(dump);
        return 1;
    }
    fah_filelist_free(&files);
    fah_ingest_delete(g);
    fah_docbuilder_delete(c.b);
    fah_gazetteer_delete(gaz);
    fah_analyzer_delete(an);
    return 0;
}
