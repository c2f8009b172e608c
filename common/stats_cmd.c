/*
 * stats_cmd.c - `fahras stats [--db PATH] [--json]`: what a database holds
 * (articles, files, terms, size, analyzer, last run).
 */
#include <dirent.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jsonout.h"
#include "../xap/fx.h"
#include "commands.h"
#include "dbdir.h"
#include "dbopen.h"
#include "dbpath.h"
#include "exitcodes.h"
#include "schema.h"

/* Count the manifest's file entries (metadata keys "fahras.f:..."). */
static int count_key(void *ctx, const char *key, size_t len) {
    (void)key;
    (void)len;
    (*(uint64_t *)ctx)++;
    return 0;
}

int fah_parse_db_opts(int argc, char **argv, const char *usage, const char **dbopt, int *json) {
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},     {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jhV", opts, NULL)) != -1) {
        switch (c) {
            case 'd': *dbopt = optarg; break;
            case 'j': *json = 1; break;
            case 'h': fputs(usage, stdout); return -FAH_EXIT_OK - 1;
            case 'V': fah_print_version(); return -FAH_EXIT_OK - 1;
            default: fputs(usage, stderr); return FAH_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "%s: unexpected argument '%s'\n", argv[0], argv[optind]);
        return FAH_EXIT_USAGE;
    }
    return 0;
}

int fah_cmd_stats(int argc, char **argv) {
    static const char usage[] =
        "usage: fahras stats [--db PATH] [--json]\n"
        "\n"
        "What the database holds: articles, files, distinct terms, size on disk, analyzer version\n"
        "and stemmer, and the last index run.\n"
        "Exit: 0 (whatever analyzer version built it); 2 usage; 3 database missing or unreadable\n";
    const char *dbopt = NULL;
    int json = 0;
    int rc = fah_parse_db_opts(argc, argv, usage, &dbopt, &json);
    if (rc) return rc < 0 ? FAH_EXIT_OK : rc;
    char dbpath[4096];
    fx_db *db;
    fah_stem_kind kind;
    if ((rc = fah_open_cmd_db_any_version("fahras stats", dbopt, dbpath, sizeof dbpath, &db, &kind)) != 0) return rc;
    uint32_t docs = 0;
    uint64_t terms = 0, total = 0;
    fx_error e;
    char *ver = NULL, *last = NULL, *gver = NULL;
    size_t n;
    if (fx_db_doccount(db, &docs, &e) != FX_OK || fx_db_term_stats(db, &terms, &total, &e) != FX_OK ||
        fx_db_get_metadata(db, FAH_META_ANALYZER, &ver, &n, &e) != FX_OK ||
        fx_db_get_metadata(db, FAH_META_LAST_RUN, &last, &n, &e) != FX_OK ||
        fx_db_get_metadata(db, FAH_META_GAZETTEER, &gver, &n, &e) != FX_OK) {
        fprintf(stderr, "fahras stats: database %s: %s\n", dbpath, e.msg);
        fx_db_close(db);
        return FAH_EXIT_DB;
    }
    fah_dbdir dd;
    char msg[600];
    unsigned long long bytes = 0;
    if (fah_dbdir_resolve(dbpath, &dd, msg, sizeof msg) == 0 && dd.glass[0])
        bytes = fah_dir_bytes(dd.glass);
    uint64_t files = 0;
    fx_db_metadata_keys(db, "fahras.f:", count_key, &files, NULL);
    json_error_t je;
    json_t *lr = last ? json_loads(last, 0, &je) : NULL;
    if (json) {
        json_t *o = json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:s,s:s}", "type", "stats", "db", dbpath,
                              "articles", (json_int_t)docs, "files", (json_int_t)files,
                              "terms", (json_int_t)terms,
                              "postings_wdf_total", (json_int_t)total, "size_bytes",
                              (json_int_t)bytes, "analyzer_version", ver ? ver : "",
                              "stemmer", fah_stem_kind_name(kind));
        json_object_set(o, "last_run", lr ? lr : json_null());
        json_object_set_new(o, "entities", json_string(!gver || strcmp(gver, "off") == 0 ? "off" : gver));
        fah_json_put_line(o);
    } else {
        printf("database   %s\n", dbpath);
        printf("articles   %u\n", docs);
        printf("files      %llu\n", (unsigned long long)files);
        printf("terms      %llu distinct (wdf total %llu)\n", (unsigned long long)terms,
               (unsigned long long)total);
        printf("size       %.1f MB", (double)bytes / 1e6);
        if (dd.kind == FAH_DBDIR_STUB) printf(" (generation %u)", dd.gen);
        printf("\n");
        printf("analyzer   version %s, stemmer %s", ver ? ver : "?", fah_stem_kind_name(kind));
        if (ver && strcmp(ver, FAH_ANALYZER_VERSION) != 0)
            printf(" (this fahras: version %s; %s until `fahras index --full` rebuilds it)",
                   FAH_ANALYZER_VERSION,
                   fah_analyzer_version_readable(ver) ? "searched without the newer ranking" : "search exits 4");
        printf("\n");
        printf("entities   %s\n", !gver || strcmp(gver, "off") == 0 ? "not tagged (--no-entities or older database)"
                                                                    : gver);
        if (lr) {
            json_t *fin = json_object_get(lr, "finished"), *full = json_object_get(lr, "full");
            printf("last run   %s: %lld files, %lld articles, %lld failed, %.1f s%s\n",
                   json_is_string(fin) ? json_string_value(fin) : "?",
                   (long long)json_integer_value(json_object_get(lr, "files")),
                   (long long)json_integer_value(json_object_get(lr, "articles")),
                   (long long)json_integer_value(json_object_get(lr, "failed")),
                   json_number_value(json_object_get(lr, "seconds")), json_is_true(full) ? " (--full)" : "");
        } else {
            printf("last run   (not recorded)\n");
        }
    }
    json_decref(lr);
    free(ver);
    free(last);
    free(gver);
    fx_db_close(db);
    return FAH_EXIT_OK;
}
