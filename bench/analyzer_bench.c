/*
 * analyzer_bench.c - throughput of fahras's analysis (display clean-up,
 * word break, normalization, stemming) producing the terms it indexes, into
 * an in-memory Xapian document; no database.
 *
 * Input: a file of articles separated by the byte 0x1E (scripts/bench makes
 * it from SaudiNewsNet).
 * Usage: analyzer_bench FILE [light|snowball|none|light10] [table|document]
 *   table     terms end in fahras's per-document term table (termtable.h),
 *             the form the indexer gathers them in (default)
 *   document  ... and are then handed to an in-memory Xapian::Document, as
 *             the indexer does before writing
 * Prints: bytes, articles, seconds, MB/s, terms (postings) produced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/progress.h"
#include "../indexer/docbuild.h"
#include "../stemmer/analyzer.h"

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: analyzer_bench FILE [light|snowball|none] [REPEAT]\n");
        return 2;
    }
    fah_stem_kind kind = FAH_STEM_LIGHT;
    if (argc > 2 && fah_stem_kind_parse(argv[2], &kind)) return 2;
    int to_doc = argc > 3 && strcmp(argv[3], "document") == 0;
    int repeat = 1;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fah_buf in = FAH_BUF_INIT;
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) fah_buf_append(&in, tmp, n);
    fclose(f);
    fah_analyzer *an;
    fah_docbuilder *b;
    if (fah_analyzer_new(kind, &an, NULL, 0) || fah_docbuilder_new(an, &b)) return 1;
    fah_buf clean = FAH_BUF_INIT;
    size_t articles = 0;
    double t0 = fah_now();
    for (int r = 0; r < repeat; r++) {
        const char *p = in.data, *end = in.data + in.len;
        while (p < end) {
            const char *e = memchr(p, 0x1e, (size_t)(end - p));
            if (!e) e = end;
            fah_analyzer_display(an, p, (size_t)(e - p), &clean);
            fah_docbuild_clear(b);
            unsigned pos = 0;
            fx_error err;
            if (fah_docbuild_add_text(b, clean.data, clean.len, 1, &pos, &err) != FX_OK ||
                (to_doc && fah_docbuild_finish_terms(b, &err) != FX_OK)) {
                fprintf(stderr, "error: %s\n", err.msg);
                return 1;
            }
            articles++;
            p = e + 1;
        }
    }
    double secs = fah_now() - t0;
    double mb = (double)in.len * repeat / 1e6;
    printf("fahras-%s-%s\tbytes %zu\tarticles %zu\tseconds %.3f\tMB/s %.2f\n", fah_stem_kind_name(kind),
           to_doc ? "document" : "table", in.len * (size_t)repeat, articles, secs, mb / secs);
    fah_buf_free(&clean);
    fah_buf_free(&in);
    fah_docbuilder_delete(b);
    fah_analyzer_delete(an);
    return 0;
}
