/*
 * dup_bench.c - how many articles of a corpus are copies or near copies of
 * another, by the signatures search collapses with (indexer/signature.h):
 * MinHash of 3-word shingles of the normalized words (fah_signature_article:
 * those after the headline when there are enough);
 * candidates found by locality-sensitive hashing (32 bands of 4 bins,
 * Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3), then
 * kept when the estimated similarity is at least the threshold.
 * Usage: dup_bench THRESHOLD DIR...     (THRESHOLD e.g. 0.9)
 * Prints: articles, exact copies (signature identical), near copies (an
 * earlier article at >= THRESHOLD but not identical), and their shares.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "../indexer/ingest.h"
#include "../indexer/signature.h"
#include "../indexer/walk.h"
#include "../stemmer/analyzer.h"

#define BANDS 32
#define ROWS 4
#define TABLE (1u << 22)

typedef struct {
    fah_analyzer *an;
    unsigned char *sigs;     /* FAH_SIG_BYTES per article */
    size_t n, cap;
    uint64_t *words;
    size_t nw, capw;
    fah_buf disp;
} bctx;

static int on_token(void *ctx, const fah_token *t) {
    bctx *c = ctx;
    if (t->colocated) return 0;
    if (c->nw == c->capw) {
        c->capw = c->capw ? c->capw * 2 : 4096;
        c->words = realloc(c->words, c->capw * sizeof *c->words);
        if (!c->words) return 1;
    }
    c->words[c->nw++] = XXH3_64bits(t->norm, t->norm_len);
    return 0;
}

static void add_text(bctx *c, const char *s) {
    if (!s || !*s) return;
    if (fah_analyzer_display(c->an, s, strlen(s), &c->disp)) return;
    fah_analyzer_tokenize(c->an, c->disp.data, c->disp.len, 1, on_token, c);
}

static int on_article(void *ctx, fah_article *a) {
    bctx *c = ctx;
    c->nw = 0;
    add_text(c, a->title);
    size_t ntitle = c->nw;
    add_text(c, a->abstract);
    add_text(c, a->body);
    if (c->nw) {
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 65536;
            c->sigs = realloc(c->sigs, c->cap * FAH_SIG_BYTES);
            if (!c->sigs) exit(1);
        }
        fah_signature_article(c->words, c->nw, ntitle, c->sigs + c->n * FAH_SIG_BYTES);
        c->n++;
    }
    fah_article_clear(a);
    return 0;
}

static void on_note(void *ctx, int failed, const char *msg) { (void)ctx, (void)failed, (void)msg; }
static void walk_err(void *ctx, const char *path, int failed, const char *why) {
    (void)ctx, (void)path, (void)failed, (void)why;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: dup_bench THRESHOLD DIR...\n");
        return 2;
    }
    double thr = atof(argv[1]);
    bctx c = {0};
    fah_ingest *g;
    if (fah_analyzer_new(FAH_STEM_NONE, &c.an, NULL, 0) || fah_ingest_new(NULL, FAH_FMT_AUTO, &g)) return 1;
    fah_filelist files = {0};
    for (int i = 2; i < argc; i++) fah_walk(argv[i], &files, walk_err, NULL);
    fah_ingest_cbs cb = {on_article, on_note, &c};
    for (size_t i = 0; i < files.n; i++) {
        int stopped;
        fah_ingest_file(g, files.v[i].path, files.v[i].rel, &cb, &stopped);
    }
    /* LSH: per band, a table from band hash to the last article with it */
    long *table = malloc(TABLE * sizeof *table);
    unsigned char *dup = calloc(c.n ? c.n : 1, 1); /* 1 exact, 2 near */
    for (int b = 0; b < BANDS; b++) {
        for (size_t k = 0; k < TABLE; k++) table[k] = -1;
        for (size_t i = 0; i < c.n; i++) {
            const unsigned char *s = c.sigs + i * FAH_SIG_BYTES + b * ROWS * FAH_SIG_VALUE_BYTES;
            size_t slot = XXH3_64bits(s, ROWS * FAH_SIG_VALUE_BYTES) & (TABLE - 1);
            long j = table[slot];
            if (j >= 0 && !dup[i]) {
                const char *a = (const char *)(c.sigs + i * FAH_SIG_BYTES), *o = (const char *)(c.sigs + (size_t)j * FAH_SIG_BYTES);
                double sim = fah_signature_similarity(a, FAH_SIG_BYTES, o, FAH_SIG_BYTES);
                if (sim >= 1.0) dup[i] = 1;
                else if (sim >= thr) dup[i] = 2;
            }
            table[slot] = (long)i;
        }
    }
    size_t exact = 0, near = 0;
    for (size_t i = 0; i < c.n; i++) exact += dup[i] == 1, near += dup[i] == 2;
    printf("articles %zu\texact copies %zu (%.2f%%)\tnear copies (>= %.2f) %zu (%.2f%%)\tall %.2f%%\n", c.n, exact,
           100.0 * (double)exact / (double)c.n, thr, near, 100.0 * (double)near / (double)c.n,
           100.0 * (double)(exact + near) / (double)c.n);
    return 0;
}
