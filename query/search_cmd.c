/*
 * search_cmd.c - `fahras search [--db PATH] [--limit N] [--offset N] [--json] QUERY...`
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
#include "parse.h"
#include "entjson.h"
#include "request.h"
#include "qterms.h"
#include "snippet.h"

#define SNIPPET_CHARS 200

static void usage(FILE *to) {
    fprintf(to,
            "usage: fahras search [--db PATH] [--limit N] [--offset N] [--json] [--source S]\n"
            "                     [--from D] [--to D] [--sort date|relevance] [--leader NAME]\n"
            "                     [--country NAME] [--topic NAME] [--rank-by-mentions] [QUERY...]\n"
            "\n"
            "Rank articles for QUERY (BM25 over title and text; every spelling variant and\n"
            "stem of each word matches) and print rank, title, date, source, id, path and a\n"
            "snippet with the matched words highlighted.\n"
            "  QUERY            words, and \"quoted phrases\" for consecutive words;\n"
            "                   leader:NAME, country:NAME, topic:NAME (or :\"two words\") filter\n"
            "  --db PATH        database (default $FAHRAS_DB, else $XDG_DATA_HOME/fahras/db,\n"
            "                   else ~/.local/share/fahras/db)\n"
            "  --limit N        how many results (default 10)\n"
            "  --offset N       skip the first N results\n"
            "  --json           JSON Lines: one \"hit\" object per result, then a \"summary\"\n"
            "  --source S       only articles from source S (spelling variants and case folded\n"
            "                   as for words: الأهرام = الاهرام)\n"
            "  --from D, --to D only articles dated in [D, D] (YYYY, YYYY-MM or YYYY-MM-DD, UTC,\n"
            "                   inclusive)\n"
            "  --sort date      newest first (default: relevance)\n"
            "  --leader NAME    only articles that mention this leader (an id, English or any\n"
            "                   Arabic spelling in the gazetteers: ماكرون, macron); repeatable\n"
            "  --country NAME   ... this country (العراق, Iraq, IQ; names and adjectives)\n"
            "  --topic NAME     ... about this topic (\"أزمة المياه\", water-crisis)\n"
            "  --rank-by-mentions  with QUERY: articles naming the entities more rank higher\n"
            "                   (without QUERY they are ranked by mentions anyway)\n"
            "Matched words are bold on a terminal (unless NO_COLOR is set), else in [ ].\n"
            "Exit: 0 found; 1 nothing found; 2 usage or query syntax; 3 database missing or\n"
            "      unreadable; 4 database built by another analyzer version\n");
}

static const char *jget(json_t *o, const char *k) {
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* "   قادة: ماكرون، الكاظمي · دول: ... · مواضيع: ..." from the entity blob,
 * with the gazetteer's Arabic names (ids when a name is unknown). */
static void print_entities(const char *blob, const fah_gazetteer *g) {
    static const struct { char k; const char *label; } kinds[] = {
        {'L', "leaders"}, {'C', "countries"}, {'T', "topics"}};
    int any = 0;
    for (size_t k = 0; k < 3; k++) {
        int n = 0;
        for (const char *p = blob ? blob : ""; *p;) {
            const char *nl = strchr(p, '\n');
            size_t l = nl ? (size_t)(nl - p) : strlen(p);
            const char *eq = memchr(p, '=', l);
            if (l > 2 && p[0] == kinds[k].k && p[1] == ':' && eq) {
                char key[300];
                snprintf(key, sizeof key, "%.*s", (int)(eq - p), p);
                long i = g ? fah_gazetteer_find_key(g, key) : -1;
                const fah_entity *e = i >= 0 ? fah_gazetteer_entity(g, (size_t)i) : NULL;
                printf("%s%s%s", n ? "، " : any ? " · " : "   ", n ? "" : kinds[k].label, n ? "" : ": ");
                printf("%s", e && e->ar ? e->ar : key + 2);
                n++;
                any = 1;
            }
            p += l + (nl ? 1 : 0);
        }
    }
    if (any) putchar('\n');
}

static void print_human(size_t rank, double score, json_t *d, const char *text,
                        const fah_snippet *sn, int tty) {
    const char *title = jget(d, "title");
    const char *date = jget(d, "date");
    const char *src = jget(d, "source");
    const char *id = jget(d, "id");
    const char *path = jget(d, "path");
    const char *bo = tty ? "\033[1m" : "[", *bc = tty ? "\033[0m" : "]";
    printf("%zu. %s%s%s\n", rank, tty ? "\033[1m" : "", title ? title : "(no title)",
           tty ? "\033[0m" : "");
    printf("   %.10s · %s · %s · score %.3f\n", date ? date : "(no date)", src ? src : "(no source)",
           id ? id : "?", score);
    if (path && (!id || strcmp(path, id) != 0)) printf("   %s\n", path);
    fputs("   ", stdout);
    if (sn->start > 0) fputs("…", stdout);
    size_t h = 0;
    for (size_t i = sn->start; i < sn->end; i++) {
        size_t rel = i - sn->start;
        if (h < sn->nhl && rel == sn->hl[h][0]) fputs(bo, stdout);
        char ch = text[i];
        putchar(ch == '\n' || ch == '\t' ? ' ' : ch);
        if (h < sn->nhl && rel + 1 == sn->hl[h][1]) {
            fputs(bc, stdout);
            h++;
        }
    }
    if (sn->end < strlen(text)) fputs("…", stdout);
    fputs("\n", stdout);
}

static void print_json_hit(size_t rank, double score, json_t *d, const char *text,
                           const fah_snippet *sn, const char *blob) {
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string("hit"));
    json_object_set_new(o, "rank", json_integer((json_int_t)rank));
    json_object_set_new(o, "score", json_real(score));
    const char *keys[] = {"id", "title", "date", "source", "url", "path"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        json_t *v = json_object_get(d, keys[i]);
        json_object_set(o, keys[i], v ? v : json_null());
    }
    json_t *snip = json_stringn(text + sn->start, sn->end - sn->start);
    json_object_set_new(o, "snippet", snip ? snip : json_string(""));
    json_t *hl = json_array();
    for (size_t i = 0; i < sn->nhl; i++) {
        json_t *pair = json_array();
        json_array_append_new(pair, json_integer((json_int_t)sn->hl[i][0]));
        json_array_append_new(pair, json_integer((json_int_t)sn->hl[i][1]));
        json_array_append_new(hl, pair);
    }
    json_object_set_new(o, "highlights", hl);
    json_t *ent = fah_entities_json(blob);
    json_object_set_new(o, "entities", ent);
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (s) {
        puts(s);
        free(s);
    }
    json_decref(o);
}

int fah_cmd_search(int argc, char **argv) {
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},     {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'o'}, {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},         {"version", no_argument, NULL, 'V'},
        {"source", required_argument, NULL, 's'}, {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},     {"sort", required_argument, NULL, 'S'},
        {"leader", required_argument, NULL, 'L'}, {"country", required_argument, NULL, 'C'},
        {"topic", required_argument, NULL, 'P'},  {"rank-by-mentions", no_argument, NULL, 'M'},
        {NULL, 0, NULL, 0}};
    const char *dbopt = NULL;
    fah_request req;
    memset(&req, 0, sizeof req);
    int sort_date = 0;
    long limit = 10, offset = 0;
    int json = 0, c;
    optind = 1;
    fah_protect_dash_words(argc, argv);
    while ((c = getopt_long(argc, argv, "d:n:o:jhVs:F:T:S:L:C:P:M", opts, NULL)) != -1) {
        char *end;
        switch (c) {
            case 's': req.source = optarg; break;
            case 'F': req.from = optarg; break;
            case 'T': req.to = optarg; break;
            case 'L': fah_request_add_entity(&req, FAH_ENT_LEADER, optarg); break;
            case 'C': fah_request_add_entity(&req, FAH_ENT_COUNTRY, optarg); break;
            case 'P': fah_request_add_entity(&req, FAH_ENT_TOPIC, optarg); break;
            case 'M': req.rank_by_mentions = 1; break;
            case 'S':
                if (strcmp(optarg, "date") == 0) sort_date = 1;
                else if (strcmp(optarg, "relevance") == 0) sort_date = 0;
                else {
                    fprintf(stderr, "fahras search: --sort takes date or relevance\n");
                    return FAH_EXIT_USAGE;
                }
                break;
            case 'd': dbopt = optarg; break;
            case 'n':
                limit = strtol(optarg, &end, 10);
                if (*end || limit < 0 || limit > 100000) {
                    fprintf(stderr, "fahras search: --limit needs a number from 0 to 100000\n");
                    return FAH_EXIT_USAGE;
                }
                break;
            case 'o':
                offset = strtol(optarg, &end, 10);
                if (*end || offset < 0) {
                    fprintf(stderr, "fahras search: --offset needs a number >= 0\n");
                    return FAH_EXIT_USAGE;
                }
                break;
            case 'j': json = 1; break;
            case 'h': usage(stdout); return FAH_EXIT_OK;
            case 'V': fah_print_version(); return FAH_EXIT_OK;
            default: usage(stderr); return FAH_EXIT_USAGE;
        }
    }
    char lo[32], hi[32];
    if ((req.from && fah_period_key(req.from, 0, lo)) || (req.to && fah_period_key(req.to, 1, hi))) {
        fprintf(stderr, "fahras search: --from/--to take YYYY, YYYY-MM or YYYY-MM-DD\n");
        fah_request_free(&req);
        return FAH_EXIT_USAGE;
    }
    if (optind >= argc && !req.nents) {
        fprintf(stderr, "fahras search: give a query, or a --leader, --country or --topic\n");
        usage(stderr);
        fah_request_free(&req);
        return FAH_EXIT_USAGE;
    }
    fah_buf qtext = FAH_BUF_INIT;
    {
        char perr[300];
        if (fah_request_add_args(&req, argv + optind, argc - optind, &qtext, perr, sizeof perr)) {
            fprintf(stderr, "fahras search: %s\n", perr);
            fah_request_free(&req);
            fah_buf_free(&qtext);
            return FAH_EXIT_USAGE;
        }
    }
    double t0 = fah_now();
    char dbpath[4096];
    fx_db *db = NULL;
    fah_stem_kind kind;
    int rc = fah_open_cmd_db("fahras search", dbopt, dbpath, sizeof dbpath, &db, &kind);
    if (rc) {
        fah_buf_free(&qtext);
        return rc;
    }
    fah_analyzer *an = NULL;
    char err[600];
    if (fah_analyzer_new(kind, &an, err, sizeof err)) {
        fprintf(stderr, "fahras search: %s\n", err);
        fx_db_close(db);
        fah_buf_free(&qtext);
        return FAH_EXIT_DB;
    }
    fah_qterms qt = {0};
    fx_query *q = NULL;
    fah_gazetteer *gaz = NULL;
    int gaz_failed = 0;
    rc = fah_request_query(&req, "fahras search", db, an, 0, &q, &qt, &gaz);
    if (rc) goto done;
    fx_search_opts so;
    memset(&so, 0, sizeof so);
    if (sort_date) {
        so.sort_by_value = 1;
        so.sort_slot = FAH_SLOT_DATE;
        so.sort_reverse = 1;
    }
    so.offset = (uint32_t)offset;
    so.limit = (uint32_t)limit;
    so.check_at_least = (uint32_t)(offset + limit > 100 ? offset + limit : 100);
    fx_mset *m = NULL;
    fx_error e;
    fx_status st = fx_search(db, q, &so, &m, &e);
    if (st != FX_OK) {
        fprintf(stderr, "fahras search: database %s: %s\n", dbpath, e.msg);
        rc = fah_exit_for_status(st);
        goto done;
    }
    const char *term = getenv("TERM");
    int tty = isatty(1) && !getenv("NO_COLOR") && !(term && strcmp(term, "dumb") == 0);
    uint32_t n = fx_mset_size(m);
    for (uint32_t i = 0; i < n; i++) {
        char *data = NULL;
        size_t dlen;
        if (fx_mset_data(m, i, &data, &dlen, &e) != FX_OK) {
            fprintf(stderr, "fahras search: database %s: %s\n", dbpath, e.msg);
            rc = FAH_EXIT_DB;
            break;
        }
        json_error_t je;
        json_t *d = json_loadb(data, dlen, 0, &je);
        free(data);
        if (!d) {
            fprintf(stderr, "fahras search: stored data of a document in %s is not JSON\n", dbpath);
            rc = FAH_EXIT_DB;
            break;
        }
        const char *text = jget(d, "body");
        if (!text || !*text) text = jget(d, "abstract");
        if (!text || !*text) text = jget(d, "title");
        if (!text) text = "";
        fah_snippet sn;
        if (fah_snippet_make(an, text, strlen(text), &qt, SNIPPET_CHARS, &sn)) memset(&sn, 0, sizeof sn);
        char *blob = NULL;
        size_t bl;
        if (json) fx_db_get_value(db, fx_mset_docid(m, i), FAH_SLOT_ENTITIES, &blob, &bl, NULL);
        if (json)
            print_json_hit((size_t)offset + i + 1, fx_mset_weight(m, i), d, text, &sn, blob);
        else
        {
            print_human((size_t)offset + i + 1, fx_mset_weight(m, i), d, text, &sn, tty);
            fx_db_get_value(db, fx_mset_docid(m, i), FAH_SLOT_ENTITIES, &blob, &bl, NULL);
            if (!gaz && !gaz_failed && fah_request_gazetteer(db, an, &gaz, err, sizeof err)) gaz_failed = 1;
            print_entities(blob, gaz);
            putchar('\n');
        }
        free(blob);
        fah_snippet_free(&sn);
        json_decref(d);
    }
    double ms = (fah_now() - t0) * 1000.0;
    if (json) {
        json_t *s = json_object();
        json_object_set_new(s, "type", json_string("summary"));
        json_object_set_new(s, "query", json_string(qtext.data ? qtext.data : ""));
        json_object_set_new(s, "total_estimate", json_integer(fx_mset_estimate(m)));
        json_object_set_new(s, "returned", json_integer(n));
        json_object_set_new(s, "elapsed_ms", json_real(ms));
        char *str = json_dumps(s, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (str) puts(str);
        free(str);
        json_decref(s);
    } else if (fx_mset_estimate(m) == 0) {
        fprintf(stderr, "fahras search: no article matches\n");
    } else if (n == 0) {
        printf("no results at offset %ld; about %u matches in all (%.1f ms)\n", offset,
               fx_mset_estimate(m), ms);
    } else {
        printf("%ld-%ld of about %u match%s (%.1f ms)\n", offset + 1, offset + (long)n,
               fx_mset_estimate(m), fx_mset_estimate(m) == 1 ? "" : "es", ms);
    }
    if (rc == 0 && fx_mset_estimate(m) == 0) rc = FAH_EXIT_NOTHING;
    fx_mset_free(m);
done:
    fah_gazetteer_delete(gaz);
    fah_request_free(&req);
    fx_query_free(q);
    fah_qterms_free(&qt);
    fah_analyzer_delete(an);
    fx_db_close(db);
    fah_buf_free(&qtext);
    return rc;
}
