/*
 * analyze_cmd.c - `fahras analyze [--stemmer S] [--json] [TEXT...]`
 *
 * Shows what the analyzer does to text: one line per word with its original
 * spelling, normalized form and stem (tab-separated), or JSON Lines with
 * byte offsets.  Without TEXT, reads standard input line by line.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <string.h>

#include "../common/jsonout.h"
#include "../common/buf.h"
#include "../common/commands.h"
#include "../common/exitcodes.h"
#include "../common/utf8.h"
#include "analyzer.h"

typedef struct {
    const char *text;
    int json;
} actx;

static int print_token(void *vctx, const fah_token *t) {
    actx *c = vctx;
    if (c->json) {
        json_t *o = json_pack("{s:s%,s:s%,s:s%,s:I,s:I,s:I,s:b}", "word", c->text + t->start,
                              t->end - t->start, "norm", t->norm, t->norm_len, "stem", t->stem,
                              t->stem_len, "start", (json_int_t)t->start, "end", (json_int_t)t->end,
                              "pos", (json_int_t)t->pos, "number", t->is_number);
        fah_json_put_line(o);
    } else {
        printf("%.*s\t%.*s\t%.*s\n", (int)(t->end - t->start), c->text + t->start,
               (int)t->norm_len, t->norm, (int)t->stem_len, t->stem);
    }
    return 0;
}

static int analyze_text(fah_analyzer *an, const char *text, size_t len, int json, fah_buf *clean) {
    if (fah_analyzer_display(an, text, len, clean)) return -1;
    actx c = {clean->data ? clean->data : "", json};
    return fah_analyzer_tokenize(an, c.text, clean->len, 1, print_token, &c) < 0 ? -1 : 0;
}

static void usage(FILE *to) {
    fprintf(to,
            "usage: fahras analyze [--stemmer light|snowball|none|light10] [--json] [TEXT...]\n"
            "\n"
            "Print each word of TEXT (or of each line of standard input) as\n"
            "  original<TAB>normalized<TAB>stem\n"
            "or, with --json, one object per word: word, norm, stem, start, end (UTF-8 byte\n"
            "offsets in the display text), pos, number.\n");
}

int fah_cmd_analyze(int argc, char **argv) {
    static const struct option opts[] = {
        {"stemmer", required_argument, NULL, 's'}, {"json", no_argument, NULL, 'j'},
        {"db", required_argument, NULL, 'd'},      {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},       {NULL, 0, NULL, 0}};
    fah_stem_kind kind = FAH_STEM_LIGHT;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:jd:hV", opts, NULL)) != -1) {
        switch (c) {
            case 's':
                if (fah_stem_kind_parse(optarg, &kind)) {
                    fprintf(stderr, "fahras analyze: unknown stemmer '%s' (light, snowball, none or light10)\n", optarg);
                    return FAH_EXIT_USAGE;
                }
                break;
            case 'j': json = 1; break;
            case 'd': break; /* accepted for uniformity; analysis needs no database */
            case 'h': usage(stdout); return FAH_EXIT_OK;
            case 'V': fah_print_version(); return FAH_EXIT_OK;
            default: usage(stderr); return FAH_EXIT_USAGE;
        }
    }
    fah_analyzer *an;
    char err[300];
    if (fah_analyzer_new(kind, &an, err, sizeof err)) {
        fprintf(stderr, "fahras analyze: %s\n", err);
        return FAH_EXIT_DB;
    }
    fah_buf clean = FAH_BUF_INIT;
    int rc = FAH_EXIT_OK;
    if (optind < argc) {
        for (int i = optind; i < argc && rc == 0; i++) {
            size_t bad = fah_utf8_invalid_at(argv[i], strlen(argv[i]));
            if (bad != (size_t)-1) {
                fprintf(stderr, "fahras analyze: argument %d is not valid UTF-8 (byte %zu)\n",
                        i - optind + 1, bad);
                rc = FAH_EXIT_USAGE;
            } else if (analyze_text(an, argv[i], strlen(argv[i]), json, &clean)) {
                rc = FAH_EXIT_IO;
            }
        }
    } else {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getline(&line, &cap, stdin)) > 0)
            if (analyze_text(an, line, (size_t)n, json, &clean)) {
                rc = FAH_EXIT_IO;
                break;
            }
        free(line);
    }
    fah_buf_free(&clean);
    fah_analyzer_delete(an);
    return rc;
}
