/*
 * search_cmd.c - `fahras search [--db PATH] [--limit N] [--offset N] [--json] QUERY...`
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/jsonout.h"
#include "../common/buf.h"
#include "../common/commands.h"
#include "../common/dbopen.h"
#include "../common/dbpath.h"
#include "../common/record.h"
#include "../common/exitcodes.h"
#include "../common/progress.h"
#include "../common/schema.h"
#include "../stemmer/analyzer.h"
#include "../xap/fx.h"
#include "../indexer/signature.h"
#include "parse.h"
#include "entjson.h"
#include "request.h"
#include "spell.h"
#include "leadrank.h"
#include "qterms.h"
#include "snippet.h"

#define SNIPPET_CHARS 200

static void usage(FILE *to) {
    fprintf(to,
            "usage: fahras search [--db PATH] [--limit N] [--offset N] [--json] [--source S]\n"
            "                     [--from D] [--to D] [--sort date|relevance] [--leader NAME]\n"
            "                     [--country NAME] [--topic NAME] [--rank-by-mentions] [--count]\n"
            "                     [--explain] [--no-collapse] [--format text|json|csv]\n"
            "                     [--batch FILE] [QUERY...]\n"
            "\n"
            "Rank articles for QUERY (BM25 over title and text; every spelling variant and\n"
            "stem of each word matches; articles with the words in their headline and lead,\n"
            "and early, rank higher) and print rank, title, date, source, id, path and a\n"
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
            "  --from D, --to D only articles dated in [D, D] (YYYY, YYYY-MM or YYYY-MM-DD,\n"
            "                   inclusive; the date as the article shows it, in its own time zone)\n"
            "  --sort date      newest first (default: relevance)\n"
            "  --leader NAME    only articles that mention this leader (an id, English or any\n"
            "                   Arabic spelling in the gazetteers: ماكرون, macron); repeatable\n"
            "  --country NAME   ... this country (العراق, Iraq, IQ; names and adjectives)\n"
            "  --topic NAME     ... about this topic (\"أزمة المياه\", water-crisis)\n"
            "  --rank-by-mentions  with QUERY: articles naming the entities more rank higher\n"
            "                   (without QUERY they are ranked by mentions anyway)\n"
            "  --count          print only the number of matching articles (exact; copies counted)\n"
            "  --explain        the weight each word, phrase or entity, and the headline and\n"
            "                   lead, add to each hit's score (they add up to the score; JSON:\n"
            "                   an \"explain\" list per hit; not with --format csv)\n"
            "  --no-collapse    show copies and near copies too (by default a hit hides the\n"
            "                   articles that share 90%% of its word shingles, and says how many)\n"
            "  --format F       text (default), json (as --json) or csv (RFC 4180, a header row)\n"
            "  --batch FILE     one query per line (- for stdin; blank lines and lines starting\n"
            "                   with # are skipped), in one process: results as usual,\n"
            "                   then latency per query (p50, p95, p99) on stderr\n"
            "Matched words are bold on a terminal (unless NO_COLOR is set), else in [ ].\n"
            "Exit: 0 found; 1 nothing found; 2 usage or query syntax; 3 database missing or\n"
            "      unreadable; 4 database built by an analyzer version this fahras cannot search\n");
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
                           const fah_snippet *sn, const char *blob, uint32_t duplicates, json_t *explained) {
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
    json_object_set_new(o, "duplicates", json_integer(duplicates));
    if (explained) json_object_set_new(o, "explain", explained);
    fah_json_put_line(o);
}

/* RFC 4180 field: quoted when it holds a comma, quote or line break. */
static void csv_field(const char *v, size_t len, int last) {
    int quote = 0;
    for (size_t i = 0; i < len; i++)
        if (v[i] == ',' || v[i] == '"' || v[i] == '\n' || v[i] == '\r') quote = 1;
    if (quote) putchar('"');
    for (size_t i = 0; i < len; i++) {
        if (v[i] == '"') putchar('"');
        putchar(v[i]);
    }
    if (quote) putchar('"');
    fputs(last ? "\r\n" : ",", stdout);
}

static void print_csv_hit(size_t rank, double score, json_t *d, const char *text, const fah_snippet *sn) {
    char num[64];
    snprintf(num, sizeof num, "%zu", rank);
    csv_field(num, strlen(num), 0);
    snprintf(num, sizeof num, "%.4f", score);
    csv_field(num, strlen(num), 0);
    const char *keys[] = {"id", "title", "date", "source", "url", "path"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *v = jget(d, keys[i]);
        csv_field(v ? v : "", v ? strlen(v) : 0, 0);
    }
    csv_field(text + sn->start, sn->end - sn->start, 1);
}

enum { OUT_HUMAN, OUT_JSON, OUT_CSV };

typedef struct search_ctx {
    fx_db *db;
    fah_analyzer *an;
    fah_gazetteer *gaz;
    int gaz_failed;
    const char *dbpath;
    int out, count_only, sort_date, tty, no_collapse, explain;
    long limit, offset;
    int in_batch;     /* --batch: label each query's output */
    int csv_header_done;
    char *seed_sig;   /* similar: the article's signature; hits that are its copies are left out */
    size_t seed_siglen;
} search_ctx;

/* Near-duplicate collapsing: hits whose signatures (signature.h) agree on
 * at least this share of positions (an estimated Jaccard similarity of
 * their 3-word shingles) are copies of the higher-ranked one and hidden
 * behind it with a count. */
#define FAH_DUP_SIMILARITY 0.9
/* Hits fetched beyond offset + limit at first (more when copies leave the
 * page short). */
#define FAH_DUP_FETCH 20
/* once the page is full, hits examined past the last shown one for its copies */
#define FAH_DUP_TAIL 10

/* Run one query (the request `req`, typed as `typed`) and print its
 * results.  Returns an exit code; *ms gets the time it took. */
static int run_query(search_ctx *x, fx_query *q, fah_qterms *qtp, const fah_leadrank *lr, const char *typed,
                     double t0, double *ms);

static int run_one(search_ctx *x, fah_request *req, const char *typed, double *ms) {
    double t0 = fah_now();
    fah_qterms qt = {0};
    fx_query *q = NULL;
    fah_leadrank *lr = NULL;
    int rc = fah_request_query(req, "fahras search", x->db, x->an, 0, &q, &qt, &x->gaz);
    if (rc == 0 && !x->count_only && !x->sort_date) {
        /* relevance order: the headline and lead weigh too (leadrank.h) */
        fx_error e;
        fx_status st = fah_leadrank_new(x->db, x->an, &qt, &lr, &e);
        if (st != FX_OK) {
            fprintf(stderr, "fahras search: database %s: %s\n", x->dbpath, e.msg);
            rc = fah_exit_for_status(st);
        }
    }
    if (rc == 0) rc = run_query(x, q, &qt, lr, typed, t0, ms);
    else *ms = (fah_now() - t0) * 1000.0;
    fah_leadrank_delete(lr);
    fx_query_free(q);
    fah_qterms_free(&qt);
    return rc;
}

/* --explain: the weight each part of the query (qterms parts: words,
 * phrases, prefixes, entity mentions) gives the article with id term
 * `idterm`, each part searched alone over that article; BM25 weights of
 * OR/AND/AND_MAYBE subqueries add up, so the parts sum to the score
 * (excluded words and filters give nothing), then the headline-and-lead
 * weight `lead` when the query has one (lr).  JSON array or a text line. */
static json_t *explain(search_ctx *x, const fah_qterms *qt, const char *id, double score,
                       const fah_leadrank *lr, double lead, int print) {
    char term[4400];
    size_t tl = fah_id_term(id, term, sizeof term);
    fx_query *idq = NULL;
    json_t *arr = json_array();
    double sum = 0;
    if (fx_query_term(term, tl, 1, 0, &idq, NULL) != FX_OK) return arr;
    if (print) printf("   explain:");
    for (size_t i = 0; i < qt->nparts; i++) {
        fx_query *pair[2] = {qt->part_q[i], idq}, *f = NULL;
        fx_mset *m = NULL;
        fx_search_opts so;
        memset(&so, 0, sizeof so);
        so.limit = 1;
        double w = 0;
        if (fx_query_combine(FX_OP_FILTER, pair, 2, 0, &f, NULL) == FX_OK &&
            fx_search(x->db, f, &so, &m, NULL) == FX_OK && fx_mset_size(m))
            w = fx_mset_weight(m, 0);
        fx_mset_free(m);
        fx_query_free(f);
        sum += w;
        json_t *o = json_pack("{s:s,s:f}", "part", qt->part_label[i], "weight", w);
        if (o) json_array_append_new(arr, o);
        if (print) printf("%s %s %.3f", i ? " +" : "", qt->part_label[i], w);
    }
    if (lr) {
        sum += lead;
        json_t *o = json_pack("{s:s,s:f}", "part", "lead", "weight", lead);
        if (o) json_array_append_new(arr, o);
        if (print) printf("%s lead %.3f", qt->nparts ? " +" : "", lead);
    }
    if (print) printf(" = %.3f (score %.3f)\n", sum, score);
    fx_query_free(idq);
    return arr;
}

/* Search with q (borrowed) and print the page; qtp: the words to
 * highlight; lr: the headline-and-lead weight (NULL: BM25 order alone).
 * Returns an exit code; *ms the time since t0. */
static int run_query(search_ctx *x, fx_query *q, fah_qterms *qtp, const fah_leadrank *lr, const char *typed,
                     double t0, double *ms) {
    char err[600];
    fah_qterms qt = *qtp;
    fx_mset *m = NULL;
    int rc = 0;
    fx_search_opts so;
    memset(&so, 0, sizeof so);
    if (x->sort_date) {
        so.sort_by_value = 1;
        so.sort_slot = FAH_SLOT_DATE;
        so.sort_reverse = 1;
    }
    /* with collapsing, rank from 0 and fetch a few hits beyond offset +
     * limit (copies are found among the fetched hits); when copies leave the
     * page short and more hits exist, fetch again, twice as many */
    uint32_t want = (uint32_t)(x->offset + x->limit);
    uint32_t fetch = want + FAH_DUP_FETCH;
    if (lr) /* the lead weight reorders whole blocks of hits (leadrank.h) */
        fetch = (fetch + FAH_LEAD_BLOCK - 1) / FAH_LEAD_BLOCK * FAH_LEAD_BLOCK;
    /* Xapian's order for this page alone: --no-collapse without a lead weight */
    int xapian_page = x->no_collapse && !lr;
    /* --count: every match examined, so the count is exact */
    uint32_t all = 0;
    fx_db_doccount(x->db, &all, NULL);
    so.check_at_least = x->count_only ? all
                                      : (uint32_t)(x->offset + x->limit > 100 ? x->offset + x->limit : 100);
    fx_error e;
    uint32_t n = 0, nshow = 0, *show = NULL, *dups = NULL, *order = NULL;
    double *score = NULL, *lead = NULL;
    char **sigs = NULL;
    size_t *siglen = NULL;
again:
    so.offset = x->count_only ? 0 : xapian_page ? (uint32_t)x->offset : 0;
    so.limit = x->count_only ? 0 : xapian_page ? (uint32_t)x->limit : fetch;
    fx_status st = fx_search(x->db, q, &so, &m, &e);
    if (st != FX_OK) {
        fprintf(stderr, "fahras search: database %s: %s\n", x->dbpath, e.msg);
        rc = fah_exit_for_status(st);
        goto done;
    }
    n = fx_mset_size(m);
    /* which fetched hits to show (indexes into m) and how many copies each hides */
    show = calloc(n ? n : 1, sizeof *show);
    dups = calloc(n ? n : 1, sizeof *dups);
    sigs = calloc(n ? n : 1, sizeof *sigs);
    siglen = calloc(n ? n : 1, sizeof *siglen);
    order = calloc(n ? n : 1, sizeof *order);
    score = calloc(n ? n : 1, sizeof *score);
    lead = calloc(n ? n : 1, sizeof *lead);
    nshow = 0;
    if (!show || !dups || !sigs || !siglen || !order || !score || !lead) {
        rc = FAH_EXIT_IO;
        n = 0;
    }
    /* the order shown: by BM25 weight plus the lead weight */
    if (n && (st = fah_leadrank_rerank(x->count_only ? NULL : lr, x->db, m, n, score, lead, order, &e)) != FX_OK) {
        fprintf(stderr, "fahras search: database %s: %s\n", x->dbpath, e.msg);
        rc = fah_exit_for_status(st);
        n = 0;
    }
    uint32_t last_shown = 0, prefetched = 0;
    if (!x->no_collapse && !x->count_only && n && rc == 0) {
        /* the signatures of the hits the loop below usually reaches (a page
         * and its tail) in one pass, in docid order; any further ones one by one */
        prefetched = n < want + FAH_DUP_TAIL ? n : want + FAH_DUP_TAIL;
        fx_docid *ids = malloc(prefetched * sizeof *ids);
        char **v = calloc(prefetched, sizeof *v);
        size_t *vl = calloc(prefetched, sizeof *vl);
        if (ids && v && vl) {
            for (uint32_t k = 0; k < prefetched; k++) ids[k] = fx_mset_docid(m, order[k]);
            fx_db_get_values(x->db, FAH_SLOT_SIGNATURE, ids, prefetched, v, vl, NULL);
            for (uint32_t k = 0; k < prefetched; k++) {
                sigs[order[k]] = v[k];
                siglen[order[k]] = vl[k];
            }
        } else {
            prefetched = 0;
        }
        free(ids);
        free(v);
        free(vl);
    }
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = order[k]; /* k: rank in the order shown; i: hit of m */
        if (x->no_collapse || x->count_only) {
            show[nshow++] = i;
            continue;
        }
        /* the page is full: look a little further only for copies of it */
        if (nshow >= want && k >= last_shown + FAH_DUP_TAIL) break;
        if (k >= prefetched)
            fx_db_get_value(x->db, fx_mset_docid(m, i), FAH_SLOT_SIGNATURE, &sigs[i], &siglen[i], NULL);
        /* similar: a copy of the article asked about is not "like" it */
        if (x->seed_sig &&
            fah_signature_similarity(sigs[i], siglen[i], x->seed_sig, x->seed_siglen) >= FAH_DUP_SIMILARITY)
            continue;
        int copy = 0;
        for (uint32_t k = 0; k < nshow && !copy; k++) {
            uint32_t j = show[k];
            if (fah_signature_similarity(sigs[i], siglen[i], sigs[j], siglen[j]) >= FAH_DUP_SIMILARITY) {
                dups[k]++;
                copy = 1;
            }
        }
        if (!copy) {
            if (nshow < want) last_shown = k;
            show[nshow++] = i;
        }
    }
    if (!x->no_collapse && !x->count_only && nshow < want && n == fetch && fetch < 100000) {
        for (uint32_t i = 0; i < n; i++) free(sigs[i]);
        free(sigs);
        free(siglen);
        free(show);
        free(dups);
        free(order);
        free(score);
        free(lead);
        fx_mset_free(m);
        m = NULL;
        fetch *= 2;
        goto again;
    }
    /* the page: [offset, offset + limit) of the collapsed list */
    uint32_t first = xapian_page ? 0 : (uint32_t)x->offset;
    if (first > nshow) first = nshow;
    uint32_t last = xapian_page ? nshow : first + (uint32_t)x->limit;
    if (last > nshow) last = nshow;
    if (x->count_only) {
        if (x->out == OUT_JSON) {
            fah_json_put_line(json_pack("{s:s,s:s,s:I}", "type", "count", "query", typed, "count",
                                    (json_int_t)fx_mset_estimate(m)));
        } else {
            if (x->in_batch) printf("%u\t%s\n", fx_mset_estimate(m), typed);
            else printf("%u\n", fx_mset_estimate(m));
        }
        n = 0;
    }
    if (x->out == OUT_CSV && !x->count_only && x->offset == 0 && !x->csv_header_done) {
        fputs(x->in_batch ? "query,rank,score,id,title,date,source,url,path,snippet\r\n"
                          : "rank,score,id,title,date,source,url,path,snippet\r\n", stdout);
        x->csv_header_done = x->in_batch;
    }
    if (x->in_batch && x->out == OUT_HUMAN && !x->count_only) printf("### %s\n", typed);
    if (x->count_only) first = last = 0;
    /* the shown hits' entity blobs in one docid-ordered pass */
    char **blobs = NULL;
    size_t *bloblens = NULL;
    if (x->out != OUT_CSV && last > first) {
        uint32_t k = last - first;
        fx_docid *ids = malloc(k * sizeof *ids);
        blobs = calloc(k, sizeof *blobs);
        bloblens = calloc(k, sizeof *bloblens);
        if (ids && blobs && bloblens) {
            for (uint32_t r = first; r < last; r++) ids[r - first] = fx_mset_docid(m, show[r]);
            fx_db_get_values(x->db, FAH_SLOT_ENTITIES, ids, k, blobs, bloblens, NULL);
        }
        free(ids);
    }
    for (uint32_t r = first; r < last; r++) {
        uint32_t i = show[r];
        char *data = NULL;
        size_t dlen;
        if (fx_mset_data(m, i, &data, &dlen, &e) != FX_OK) {
            fprintf(stderr, "fahras search: database %s: %s\n", x->dbpath, e.msg);
            rc = FAH_EXIT_DB;
            break;
        }
        json_t *d = fah_record_json(data, dlen);
        free(data);
        if (!d) {
            fprintf(stderr, "fahras search: stored data of a document in %s is not JSON\n", x->dbpath);
            rc = FAH_EXIT_DB;
            break;
        }
        const char *text = jget(d, "body");
        if (!text || !*text) text = jget(d, "abstract");
        if (!text || !*text) text = jget(d, "title");
        if (!text) text = "";
        fah_snippet sn;
        if (fah_snippet_make(x->an, text, strlen(text), &qt, SNIPPET_CHARS, &sn))
            memset(&sn, 0, sizeof sn);
        const char *blob = blobs ? blobs[r - first] : NULL;
        size_t rank = (size_t)x->offset + (r - first) + 1;
        if (x->out == OUT_JSON) {
            json_t *ex = x->explain ? explain(x, &qt, jget(d, "id") ? jget(d, "id") : "", score[i], lr, lead[i], 0) : NULL;
            print_json_hit(rank, score[i], d, text, &sn, blob, dups[r], ex);
        } else if (x->out == OUT_CSV) {
            if (x->in_batch) csv_field(typed, strlen(typed), 0); /* the query column */
            print_csv_hit(rank, score[i], d, text, &sn);
        } else {
            print_human(rank, score[i], d, text, &sn, x->tty);
            if (x->explain) json_decref(explain(x, &qt, jget(d, "id") ? jget(d, "id") : "", score[i], lr, lead[i], 1));
            if (dups[r]) printf("   (+%u near-identical cop%s hidden; --no-collapse shows them)\n", dups[r],
                                dups[r] == 1 ? "y" : "ies");
            if (!x->gaz && !x->gaz_failed && fah_request_gazetteer(x->db, x->an, &x->gaz, err, sizeof err))
                x->gaz_failed = 1;
            print_entities(blob, x->gaz);
            putchar('\n');
        }
        fah_snippet_free(&sn);
        json_decref(d);
    }
    for (uint32_t r = first; blobs && r < last; r++) free(blobs[r - first]);
    free(blobs);
    free(bloblens);
    n = last - first;
    for (uint32_t i = 0; sigs && i < fx_mset_size(m); i++) free(sigs[i]);
    free(sigs);
    free(siglen);
    free(show);
    free(dups);
    free(order);
    free(score);
    free(lead);
    *ms = (fah_now() - t0) * 1000.0;
    uint32_t est = fx_mset_estimate(m);
    /* few results: a spelling suggestion from the index vocabulary */
    fah_buf suggestion = FAH_BUF_INIT;
    if (est < 3 && !x->count_only && qt.n && fah_spell_suggest(x->db, &qt, &suggestion) == 0)
        fah_buf_reset(&suggestion);
    if (x->count_only) {
    } else if (x->out == OUT_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string("summary"));
        json_object_set_new(o, "query", json_string(typed));
        json_object_set_new(o, "total_estimate", json_integer(est));
        json_object_set_new(o, "returned", json_integer(n));
        json_object_set_new(o, "elapsed_ms", json_real(*ms));
        if (suggestion.len) json_object_set_new(o, "suggestion", json_string(suggestion.data));
        fah_json_put_line(o);
    } else if (x->out == OUT_CSV) {
    } else if (est == 0) {
        fprintf(stderr, "fahras search: no article matches\n");
        if (suggestion.len) fprintf(stderr, "did you mean: %s\n", suggestion.data);
    } else if (n == 0) {
        printf("no results at offset %ld; about %u matches in all (%.1f ms)\n", x->offset, est, *ms);
    } else {
        printf("%ld-%ld of about %u match%s (%.1f ms)\n", x->offset + 1, x->offset + (long)n, est,
               est == 1 ? "" : "es", *ms);
    }
    if (x->out == OUT_HUMAN && est > 0 && suggestion.len) printf("did you mean: %s\n", suggestion.data);
    fah_buf_free(&suggestion);
    if (rc == 0 && est == 0) rc = FAH_EXIT_NOTHING;
done:
    if (!*ms) *ms = (fah_now() - t0) * 1000.0;
    fx_mset_free(m);
    return rc;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* --batch FILE: one query per line (the command line's filters apply to
 * each), results as usual, then per-query latency percentiles on stderr. */
static int run_batch(search_ctx *x, const fah_request *base, const char *path) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "fahras search: cannot read %s\n", path);
        return FAH_EXIT_USAGE;
    }
    char line[8192];
    double *lat = NULL;
    size_t nq = 0, cap = 0, lineno = 0, failed = 0, empty = 0;
    int worst = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r')) line[--l] = '\0';
        if (!l || line[0] == '#') continue;
        fah_request req = *base;
        req.ents = NULL;
        req.nents = 0;
        memset(&req.text, 0, sizeof req.text);
        for (size_t i = 0; i < base->nents; i++) fah_request_add_entity(&req, base->ents[i].kind, base->ents[i].name);
        char perr[300];
        double ms = 0;
        int rc;
        if (fah_request_add_text(&req, line, perr, sizeof perr)) {
            fprintf(stderr, "fahras search: %s line %zu: %s\n", path, lineno, perr);
            rc = FAH_EXIT_USAGE;
        } else {
            rc = run_one(x, &req, line, &ms);
        }
        fah_request_free(&req);
        if (rc && rc != FAH_EXIT_NOTHING) {
            /* the query's output says it failed (the message went to stderr) */
            if (x->out == OUT_JSON) {
                fah_json_put_line(json_pack("{s:s,s:s,s:i}", "type", "error", "query", line, "exit", rc));
            } else if (x->count_only) {
                printf("error\t%s\n", line);
            } else if (x->out == OUT_HUMAN) {
                printf("### %s\n(failed: exit %d)\n", line, rc);
            }
        }
        if (rc == FAH_EXIT_NOTHING) empty++;
        else if (rc) {
            failed++;
            if (rc > worst) worst = rc;
            continue;
        }
        if (nq == cap) {
            cap = cap ? cap * 2 : 256;
            double *v = realloc(lat, cap * sizeof *v);
            if (!v) break;
            lat = v;
        }
        lat[nq++] = ms;
    }
    if (f != stdin) fclose(f);
    if (nq) {
        qsort(lat, nq, sizeof *lat, cmp_double);
#define PCT(p) lat[(size_t)((p) / 100.0 * (double)(nq - 1) + 0.5)]
        fprintf(stderr,
                "fahras search: batch of %zu queries (%zu found nothing, %zu failed): latency per query, "
                "with snippets, in this process: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                nq + failed, empty, failed, PCT(50), PCT(95), PCT(99), lat[nq - 1]);
#undef PCT
    }
    free(lat);
    return worst ? worst : FAH_EXIT_OK;
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
        {"count", no_argument, NULL, 'c'},        {"format", required_argument, NULL, 'f'},
        {"batch", required_argument, NULL, 'b'},  {"no-collapse", no_argument, NULL, 'A'},
        {"explain", no_argument, NULL, 'E'},
        {NULL, 0, NULL, 0}};
    const char *dbopt = NULL, *batch = NULL;
    fah_request req;
    memset(&req, 0, sizeof req);
    search_ctx x;
    memset(&x, 0, sizeof x);
    x.limit = 10;
    int c;
    optind = 1;
    fah_protect_dash_words(argc, argv);
    while ((c = getopt_long(argc, argv, "d:n:o:jhVs:F:T:S:L:C:P:Mcf:b:AE", opts, NULL)) != -1) {
        char *end;
        switch (c) {
            case 's': req.source = optarg; break;
            case 'F': req.from = optarg; break;
            case 'T': req.to = optarg; break;
            case 'L': fah_request_add_entity(&req, FAH_ENT_LEADER, optarg); break;
            case 'C': fah_request_add_entity(&req, FAH_ENT_COUNTRY, optarg); break;
            case 'P': fah_request_add_entity(&req, FAH_ENT_TOPIC, optarg); break;
            case 'M': req.rank_by_mentions = 1; break;
            case 'c': x.count_only = 1; break;
            case 'b': batch = optarg; break;
            case 'A': x.no_collapse = 1; break;
            case 'E': x.explain = 1; break;
            case 'f':
                if (strcmp(optarg, "csv") == 0) x.out = OUT_CSV;
                else if (strcmp(optarg, "json") == 0) x.out = OUT_JSON;
                else if (strcmp(optarg, "text") == 0) x.out = OUT_HUMAN;
                else {
                    fprintf(stderr, "fahras search: --format takes text, json or csv\n");
                    fah_request_free(&req);
                    return FAH_EXIT_USAGE;
                }
                break;
            case 'S':
                if (strcmp(optarg, "date") == 0) x.sort_date = 1;
                else if (strcmp(optarg, "relevance") == 0) x.sort_date = 0;
                else {
                    fprintf(stderr, "fahras search: --sort takes date or relevance\n");
                    fah_request_free(&req);
                    return FAH_EXIT_USAGE;
                }
                break;
            case 'd': dbopt = optarg; break;
            case 'n':
                x.limit = strtol(optarg, &end, 10);
                if (*end || x.limit < 0 || x.limit > 100000) {
                    fprintf(stderr, "fahras search: --limit needs a number from 0 to 100000\n");
                    fah_request_free(&req);
                    return FAH_EXIT_USAGE;
                }
                break;
            case 'o':
                x.offset = strtol(optarg, &end, 10);
                if (*end || x.offset < 0) {
                    fprintf(stderr, "fahras search: --offset needs a number >= 0\n");
                    fah_request_free(&req);
                    return FAH_EXIT_USAGE;
                }
                break;
            case 'j': x.out = OUT_JSON; break;
            case 'h': usage(stdout); fah_request_free(&req); return FAH_EXIT_OK;
            case 'V': fah_print_version(); fah_request_free(&req); return FAH_EXIT_OK;
            default: usage(stderr); fah_request_free(&req); return FAH_EXIT_USAGE;
        }
    }
    char lo[32], hi[32];
    if ((req.from && fah_period_key(req.from, 0, lo)) || (req.to && fah_period_key(req.to, 1, hi))) {
        fprintf(stderr, "fahras search: --from/--to take YYYY, YYYY-MM or YYYY-MM-DD\n");
        fah_request_free(&req);
        return FAH_EXIT_USAGE;
    }
    if (optind >= argc && !req.nents && !batch && !req.source && !req.from && !req.to) {
        fprintf(stderr, "fahras search: give a query, or a --leader, --country, --topic, --source or --from/--to\n");
        usage(stderr);
        fah_request_free(&req);
        return FAH_EXIT_USAGE;
    }
    if (x.explain && x.count_only) {
        fprintf(stderr, "fahras search: --explain explains hits; --count prints none\n");
        fah_request_free(&req);
        return FAH_EXIT_USAGE;
    }
    if (x.explain && x.out == OUT_CSV) {
        fprintf(stderr, "fahras search: --explain has no column in --format csv: use --json or text output\n");
        fah_request_free(&req);
        return FAH_EXIT_USAGE;
    }
    if (batch && optind < argc) {
        fprintf(stderr, "fahras search: --batch reads the queries from its file; give no QUERY too\n");
        fah_request_free(&req);
        return FAH_EXIT_USAGE;
    }
    fah_buf qtext = FAH_BUF_INIT;
    char perr[600];
    if (!batch && fah_request_add_args(&req, argv + optind, argc - optind, &qtext, perr, sizeof perr)) {
        fprintf(stderr, "fahras search: %s\n", perr);
        fah_request_free(&req);
        fah_buf_free(&qtext);
        return FAH_EXIT_USAGE;
    }
    char dbpath[4096];
    fah_stem_kind kind;
    int rc = fah_open_cmd_db("fahras search", dbopt, dbpath, sizeof dbpath, &x.db, &kind);
    if (rc == 0 && fah_analyzer_new(kind, &x.an, perr, sizeof perr)) {
        fprintf(stderr, "fahras search: %s\n", perr);
        rc = FAH_EXIT_DB;
    }
    if (rc == 0) fah_db_match_analyzer(x.db, x.an); /* an older readable version: its stems */
    if (rc == 0) {
        x.dbpath = dbpath;
        const char *term = getenv("TERM");
        x.tty = isatty(1) && !getenv("NO_COLOR") && !(term && strcmp(term, "dumb") == 0);
        double ms = 0;
        x.in_batch = batch != NULL;
        rc = batch ? run_batch(&x, &req, batch) : run_one(&x, &req, qtext.data ? qtext.data : "", &ms);
    }
    fah_gazetteer_delete(x.gaz);
    fah_analyzer_delete(x.an);
    fx_db_close(x.db);
    fah_request_free(&req);
    fah_buf_free(&qtext);
    return rc;
}

int fah_cmd_similar(int argc, char **argv) {
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},   {"limit", required_argument, NULL, 'n'},
        {"json", no_argument, NULL, 'j'},       {"format", required_argument, NULL, 'f'},
        {"no-collapse", no_argument, NULL, 'A'}, {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},    {NULL, 0, NULL, 0}};
    static const char usage_text[] =
        "usage: fahras similar [--db PATH] [--limit N] [--json | --format text|json|csv] [--no-collapse] ID\n"
        "\n"
        "Articles like article ID: the 30 terms (stems) that best tell it apart, chosen by\n"
        "Xapian's query expansion with the article as the relevant set, searched with BM25;\n"
        "copies and near copies of the article itself are left out (unless --no-collapse).\n"
        "Exit: 0 found; 1 no such article or nothing similar; 2 usage; 3 database missing\n";
    const char *dbopt = NULL;
    search_ctx x;
    memset(&x, 0, sizeof x);
    x.limit = 10;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:n:jf:AhV", opts, NULL)) != -1) {
        char *end;
        switch (c) {
            case 'd': dbopt = optarg; break;
            case 'n':
                x.limit = strtol(optarg, &end, 10);
                if (*end || x.limit < 0 || x.limit > 100000) {
                    fprintf(stderr, "fahras similar: --limit needs a number from 0 to 100000\n");
                    return FAH_EXIT_USAGE;
                }
                break;
            case 'j': x.out = OUT_JSON; break;
            case 'f':
                x.out = strcmp(optarg, "csv") == 0 ? OUT_CSV : strcmp(optarg, "json") == 0 ? OUT_JSON : OUT_HUMAN;
                break;
            case 'A': x.no_collapse = 1; break;
            case 'h': fputs(usage_text, stdout); return FAH_EXIT_OK;
            case 'V': fah_print_version(); return FAH_EXIT_OK;
            default: fputs(usage_text, stderr); return FAH_EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        fputs(usage_text, stderr);
        return FAH_EXIT_USAGE;
    }
    char dbpath[4096], err[600];
    fah_stem_kind kind;
    int rc = fah_open_cmd_db("fahras similar", dbopt, dbpath, sizeof dbpath, &x.db, &kind);
    if (rc) return rc;
    x.dbpath = dbpath;
    double t0 = fah_now(), ms = 0;
    char term[4400];
    size_t tl = fah_id_term(argv[optind], term, sizeof term);
    fx_docid id;
    fx_error e;
    fx_query *q = NULL;
    fah_qterms qt = {0};
    if (fx_db_find_by_term(x.db, term, tl, &id, &e) != FX_OK) {
        fprintf(stderr, "fahras similar: no article with id '%s' in %s\n", argv[optind], dbpath);
        rc = FAH_EXIT_NOTHING;
    } else if (fah_analyzer_new(kind, &x.an, err, sizeof err)) {
        fprintf(stderr, "fahras similar: %s\n", err);
        rc = FAH_EXIT_DB;
    } else {
        fah_db_match_analyzer(x.db, x.an);
        const char *prefix = kind == FAH_STEM_NONE ? "" : FAH_PREFIX_STEM;
        fx_status st = fx_query_similar(x.db, id, prefix, strlen(prefix), 30, term, tl, &q, &e);
        if (st != FX_OK) {
            fprintf(stderr, "fahras similar: database %s: %s\n", dbpath, e.msg);
            rc = fah_exit_for_status(st);
        } else {
            const char *tty_term = getenv("TERM");
            x.tty = isatty(1) && !getenv("NO_COLOR") && !(tty_term && strcmp(tty_term, "dumb") == 0);
            fx_db_get_value(x.db, id, FAH_SLOT_SIGNATURE, &x.seed_sig, &x.seed_siglen, NULL);
            rc = run_query(&x, q, &qt, NULL, argv[optind], t0, &ms); /* similarity order alone */
            free(x.seed_sig);
        }
    }
    fx_query_free(q);
    fah_qterms_free(&qt);
    fah_gazetteer_delete(x.gaz);
    fah_analyzer_delete(x.an);
    fx_db_close(x.db);
    return rc;
}
