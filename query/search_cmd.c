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
#include "qterms.h"
#include "snippet.h"

#define SNIPPET_CHARS 200

static void usage(FILE *to) {
    fprintf(to,
            "usage: fahras search [--db PATH] [--limit N] [--offset N] [--json] [--source S]\n"
            "                     [--from D] [--to D] [--sort date|relevance] QUERY...\n"
            "\n"
            "Rank articles for QUERY (BM25 over title and text; every spelling variant and\n"
            "stem of each word matches) and print rank, title, date, source, id, path and a\n"
            "snippet with the matched words highlighted.\n"
            "  QUERY            words, and \"quoted phrases\" for consecutive words\n"
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
            "Matched words are bold on a terminal (unless NO_COLOR is set), else in [ ].\n"
            "Exit: 0 found; 1 nothing found; 2 usage or query syntax; 3 database missing or\n"
            "      unreadable; 4 database built by another analyzer version\n");
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" to the first (end = 0) or last
 * (end = 1) second of that period as a date value key (schema.h);
 * -1 when malformed. */
static int period_key(const char *s, int end, char key[32]) {
    int y = 0, m = 0, d = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && s[n] == '\0') {
    } else if (sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && s[n] == '\0') {
        d = 0;
    } else if (sscanf(s, "%4d%n", &y, &n) == 1 && s[n] == '\0' && n == 4) {
        m = 0;
    } else {
        return -1;
    }
    static const int dim[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 0 || m > 12 || d < 0 || (m && d > dim[m - 1]) || (!m && d)) return -1;
    if (end) snprintf(key, 32, "%04d%02d%02d235959", y, m ? m : 12, d ? d : 31);
    else snprintf(key, 32, "%04d%02d%02d000000", y, m ? m : 1, d ? d : 1);
    return 0;
}

static const char *jget(json_t *o, const char *k) {
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
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
    fputs("\n\n", stdout);
}

static void print_json_hit(size_t rank, double score, json_t *d, const char *text,
                           const fah_snippet *sn) {
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
    json_t *ent = json_object();
    json_object_set_new(ent, "leaders", json_array());
    json_object_set_new(ent, "countries", json_array());
    json_object_set_new(ent, "topics", json_array());
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
        {NULL, 0, NULL, 0}};
    const char *dbopt = NULL, *source = NULL, *from = NULL, *to = NULL;
    int sort_date = 0;
    long limit = 10, offset = 0;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:n:o:jhVs:F:T:S:", opts, NULL)) != -1) {
        char *end;
        switch (c) {
            case 's': source = optarg; break;
            case 'F': from = optarg; break;
            case 'T': to = optarg; break;
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
    if ((from && period_key(from, 0, lo)) || (to && period_key(to, 1, hi))) {
        fprintf(stderr, "fahras search: --from/--to take YYYY, YYYY-MM or YYYY-MM-DD\n");
        return FAH_EXIT_USAGE;
    }
    if (optind >= argc) {
        fprintf(stderr, "fahras search: give a query\n");
        usage(stderr);
        return FAH_EXIT_USAGE;
    }
    fah_buf qtext = FAH_BUF_INIT;
    for (int i = optind; i < argc; i++) {
        if (i > optind) fah_buf_putc(&qtext, ' ');
        fah_buf_puts(&qtext, argv[i]);
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
    fah_parse_status ps = fah_query_parse(an, qtext.data, &q, &qt, err, sizeof err);
    if (ps != FAH_PARSE_OK) {
        fprintf(stderr, "fahras search: %s\n", err);
        rc = ps == FAH_PARSE_NOMEM ? FAH_EXIT_IO : FAH_EXIT_USAGE;
        goto done;
    }
    /* filters: they restrict, they add no weight */
    if (source || from || to) {
        fx_query *f[3];
        size_t nf = 0;
        if (source) {
            fah_buf t = FAH_BUF_INIT;
            if (fah_source_term(source, &t) == 0 && fx_query_term(t.data, t.len, 1, 0, &f[nf], NULL) == FX_OK)
                nf++;
            fah_buf_free(&t);
        }
        if ((from || to) && fx_query_value_range(FAH_SLOT_DATE, from ? lo : NULL, 14, to ? hi : NULL,
                                                 14, &f[nf], NULL) == FX_OK)
            nf++;
        fx_query *filter = NULL, *filtered = NULL;
        if (nf == 1) filter = f[0];
        else fx_query_combine(FX_OP_AND, f, nf, 0, &filter, NULL);
        fx_query *pair[2] = {q, filter};
        if (filter && fx_query_combine(FX_OP_FILTER, pair, 2, 0, &filtered, NULL) == FX_OK) {
            fx_query_free(q);
            q = filtered;
        }
        if (nf > 1) fx_query_free(filter);
        for (size_t i = 0; i < nf; i++) fx_query_free(f[i]);
    }
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
        if (json)
            print_json_hit((size_t)offset + i + 1, fx_mset_weight(m, i), d, text, &sn);
        else
            print_human((size_t)offset + i + 1, fx_mset_weight(m, i), d, text, &sn, tty);
        fah_snippet_free(&sn);
        json_decref(d);
    }
    double ms = (fah_now() - t0) * 1000.0;
    if (json) {
        json_t *s = json_object();
        json_object_set_new(s, "type", json_string("summary"));
        json_object_set_new(s, "query", json_string(qtext.data));
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
    fx_query_free(q);
    fah_qterms_free(&qt);
    fah_analyzer_delete(an);
    fx_db_close(db);
    fah_buf_free(&qtext);
    return rc;
}
