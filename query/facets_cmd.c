/*
 * facets_cmd.c - `fahras facets [filters] [QUERY]`: the leaders, countries,
 * topics, sources and months most present among the articles that match,
 * with exact document counts (fx_facets), as a table or JSON Lines.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/jsonout.h"
#include "../common/buf.h"
#include "../common/commands.h"
#include "../common/dbopen.h"
#include "../common/exitcodes.h"
#include "../common/progress.h"
#include "../common/schema.h"
#include "../stemmer/analyzer.h"
#include "../tagger/gazetteer.h"
#include "../xap/fx.h"
#include "request.h"

typedef struct facet {
    char *key;     /* "L:emmanuel-macron", "S:okaz", "D:2018-07" */
    uint32_t n;
} facet;

typedef struct facets {
    facet *v;
    size_t n, cap;
} facets;

static int on_facet(void *ctx, const char *key, size_t len, uint32_t n) {
    facets *f = ctx;
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 256;
        facet *v = realloc(f->v, cap * sizeof *v);
        if (!v) return 1;
        f->v = v;
        f->cap = cap;
    }
    if (!(f->v[f->n].key = strndup(key, len))) return 1;
    f->v[f->n++].n = n;
    return 0;
}

static int by_count(const void *a, const void *b) {
    const facet *x = a, *y = b;
    if (x->n != y->n) return x->n < y->n ? 1 : -1;
    return strcmp(x->key, y->key);
}

static int by_key(const void *a, const void *b) {
    return strcmp(((const facet *)a)->key, ((const facet *)b)->key);
}

static const struct { char k; const char *name, *title; } groups[] = {
    {'L', "leaders", "leaders"},     {'C', "countries", "countries"},
    {'M', "country_metonyms", "countries named by a capital or seat of power (واشنطن, الكرملين)"},
    {'T', "topics", "topics"},       {'S', "sources", "sources"},
    {'D', "months", "months"},       {'K', "leader_candidates", "leader candidates (a title, then a name not in the gazetteer)"},
};

static void usage(FILE *to) {
    fprintf(to,
            "usage: fahras facets [--db PATH] [--leader NAME] [--country NAME] [--topic NAME]\n"
            "                     [--source S] [--from D] [--to D] [--top N] [--by FACET] [--json]\n"
            "                     [QUERY...]\n"
            "\n"
            "Count, over the articles that match (all articles when nothing is asked), the\n"
            "leaders, countries, topics, sources and months they mention or belong to, and\n"
            "print the most frequent of each with the number of articles (exact counts).\n"
            "  --top N          how many per facet (default 10)\n"
            "  --by FACET       only this facet: leaders, countries, country_metonyms, topics,\n"
            "                   sources, months (listed by month, oldest first), leader_candidates\n"
            "  --json           JSON Lines: {\"type\":\"facet\",\"facet\",\"key\",\"name\",\"count\"},\n"
            "                   then {\"type\":\"summary\",\"matches\",\"elapsed_ms\"}\n"
            "Filters and QUERY as for `fahras search`.\n"
            "Exit: 0; 1 nothing matches; 2 usage; 3 database missing or unreadable; 4 database\n"
            "      built by another analyzer version\n");
}

/* Display name of a facet key. */
static const char *display(const fah_gazetteer *g, const char *key) {
    if (key[0] == 'L' || key[0] == 'C' || key[0] == 'T' || key[0] == 'M') {
        char k[300];
        snprintf(k, sizeof k, "%c:%s", key[0] == 'M' ? 'C' : key[0], key + 2);
        long i = g ? fah_gazetteer_find_key(g, k) : -1;
        if (i >= 0) {
            const fah_entity *e = fah_gazetteer_entity(g, (size_t)i);
            return e->ar ? e->ar : e->id;
        }
    }
    return key + 2;
}

int fah_cmd_facets(int argc, char **argv) {
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},     {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},         {"version", no_argument, NULL, 'V'},
        {"source", required_argument, NULL, 's'}, {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},     {"top", required_argument, NULL, 'n'},
        {"by", required_argument, NULL, 'b'},
        {"leader", required_argument, NULL, 'L'}, {"country", required_argument, NULL, 'C'},
        {"topic", required_argument, NULL, 'P'},  {NULL, 0, NULL, 0}};
    const char *dbopt = NULL, *by = NULL;
    fah_request req;
    memset(&req, 0, sizeof req);
    long top = 10;
    int json = 0, c;
    optind = 1;
    fah_protect_dash_words(argc, argv);
    while ((c = getopt_long(argc, argv, "d:jhVs:F:T:n:b:L:C:P:", opts, NULL)) != -1) {
        char *end;
        switch (c) {
            case 'd': dbopt = optarg; break;
            case 'j': json = 1; break;
            case 's': req.source = optarg; break;
            case 'F': req.from = optarg; break;
            case 'T': req.to = optarg; break;
            case 'L': fah_request_add_entity(&req, FAH_ENT_LEADER, optarg); break;
            case 'C': fah_request_add_entity(&req, FAH_ENT_COUNTRY, optarg); break;
            case 'P': fah_request_add_entity(&req, FAH_ENT_TOPIC, optarg); break;
            case 'n':
                top = strtol(optarg, &end, 10);
                if (*end || top < 1 || top > 100000) {
                    fprintf(stderr, "fahras facets: --top needs a number from 1 to 100000\n");
                    fah_request_free(&req);
                    return FAH_EXIT_USAGE;
                }
                break;
            case 'b': {
                /* singular forms too: --by month, --by country */
                static const char *const singular[][2] = {
                    {"leader", "leaders"}, {"country", "countries"}, {"country_metonym", "country_metonyms"},
                    {"topic", "topics"},   {"source", "sources"},    {"month", "months"},
                    {"leader_candidate", "leader_candidates"}};
                for (size_t i = 0; i < sizeof singular / sizeof *singular; i++)
                    if (strcmp(optarg, singular[i][0]) == 0) optarg = (char *)singular[i][1];
                int ok = 0;
                for (size_t i = 0; i < sizeof groups / sizeof *groups; i++) ok |= strcmp(optarg, groups[i].name) == 0;
                if (!ok) {
                    fprintf(stderr, "fahras facets: --by takes leaders, countries, country_metonyms, topics, "
                                    "sources, months or leader_candidates\n");
                    fah_request_free(&req);
                    return FAH_EXIT_USAGE;
                }
                by = optarg;
                break;
            }
            case 'h': usage(stdout); fah_request_free(&req); return FAH_EXIT_OK;
            case 'V': fah_print_version(); fah_request_free(&req); return FAH_EXIT_OK;
            default: usage(stderr); fah_request_free(&req); return FAH_EXIT_USAGE;
        }
    }
    char err[600];
    fah_buf qtext = FAH_BUF_INIT;
    if (fah_request_add_args(&req, argv + optind, argc - optind, &qtext, err, sizeof err)) {
        fprintf(stderr, "fahras facets: %s\n", err);
        fah_request_free(&req);
        fah_buf_free(&qtext);
        return FAH_EXIT_USAGE;
    }
    double t0 = fah_now();
    char dbpath[4096];
    fx_db *db = NULL;
    fah_stem_kind kind;
    int rc = fah_open_cmd_db("fahras facets", dbopt, dbpath, sizeof dbpath, &db, &kind);
    fah_analyzer *an = NULL;
    fah_gazetteer *gaz = NULL;
    fx_query *q = NULL;
    fah_qterms qt = {0};
    facets f = {0};
    if (rc) goto done;
    if (fah_analyzer_new(kind, &an, err, sizeof err)) {
        fprintf(stderr, "fahras facets: %s\n", err);
        rc = FAH_EXIT_DB;
        goto done;
    }
    fah_db_match_analyzer(db, an); /* an older readable version: its stems */
    if ((rc = fah_request_query(&req, "fahras facets", db, an, 1, &q, &qt, &gaz)) != 0) goto done;
    if (!gaz && fah_request_gazetteer(db, an, &gaz, err, sizeof err)) {
        fprintf(stderr, "fahras facets: %s\n", err);
        rc = FAH_EXIT_USAGE;
        goto done;
    }
    uint32_t matches = 0;
    fx_error e;
    fx_status st = fx_facets(db, q, FAH_SLOT_ENTITIES, FAH_SLOT_SOURCE, FAH_SLOT_LOCAL_DATE, &matches, on_facet, &f, &e);
    if (st != FX_OK) {
        fprintf(stderr, "fahras facets: database %s: %s\n", dbpath, e.msg);
        rc = fah_exit_for_status(st);
        goto done;
    }
    qsort(f.v, f.n, sizeof *f.v, by_count);
    for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
        if (by && strcmp(by, groups[g].name) != 0) continue;
        /* this group's facets, most frequent first (months: in time order) */
        facet *sel = malloc((f.n + 1) * sizeof *sel);
        size_t ns = 0;
        for (size_t i = 0; sel && i < f.n; i++)
            if (f.v[i].key[0] == groups[g].k && f.v[i].key[1] == ':') sel[ns++] = f.v[i];
        if (!sel) break;
        if (ns > (size_t)top) ns = (size_t)top;
        if (groups[g].k == 'D') qsort(sel, ns, sizeof *sel, by_key);
        if (!json && ns) printf("%s%s\n", g && !by ? "\n" : "", groups[g].title);
        for (size_t i = 0; i < ns; i++) {
            const char *name = display(gaz, sel[i].key);
            if (json) {
                json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:I}", "type", "facet", "facet", groups[g].name,
                                      "key", sel[i].key + 2, "name", name, "count", (json_int_t)sel[i].n);
                fah_json_put_line(o);
            } else {
                printf("  %6u  %s", sel[i].n, name);
                if (strcmp(name, sel[i].key + 2) != 0) printf("  (%s)", sel[i].key + 2);
                printf("\n");
            }
        }
        free(sel);
    }
    double ms = (fah_now() - t0) * 1000.0;
    if (json) {
        json_t *o = json_pack("{s:s,s:s,s:I,s:f}", "type", "summary", "query", qtext.data ? qtext.data : "",
                              "matches", (json_int_t)matches, "elapsed_ms", ms);
        fah_json_put_line(o);
    } else {
        printf("\n%u matching article%s (%.1f ms)\n", matches, matches == 1 ? "" : "s", ms);
    }
    if (!matches) rc = FAH_EXIT_NOTHING;
done:
    for (size_t i = 0; i < f.n; i++) free(f.v[i].key);
    free(f.v);
    fx_query_free(q);
    fah_qterms_free(&qt);
    fah_gazetteer_delete(gaz);
    fah_analyzer_delete(an);
    fx_db_close(db);
    fah_request_free(&req);
    fah_buf_free(&qtext);
    return rc;
}
