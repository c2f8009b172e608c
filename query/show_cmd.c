/*
 * show_cmd.c - `fahras show [--db PATH] [--json] ID...`: print stored
 * articles whole (the Contract's `show ID`).
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/jsonout.h"
#include "../common/commands.h"
#include "../common/dbopen.h"
#include "../common/dbpath.h"
#include "../common/record.h"
#include "../common/exitcodes.h"
#include "../common/schema.h"
#include "../xap/fx.h"
#include "entjson.h"

static void usage(FILE *to) {
    fprintf(to,
            "usage: fahras show [--db PATH] [--json] ID...\n"
            "\n"
            "Print each stored article whole: title, date, source, URL, path, author,\n"
            "category, lead and text; with --json one object per article (the stored fields\n"
            "plus \"type\":\"article\").\n"
            "Exit: 0 all shown; 1 some ID not found; 2 usage; 3 database missing or unreadable;\n"
            "      4 database built by another analyzer version\n");
}

static void print_human(json_t *d) {
    static const char *const keys[] = {"id", "date", "source", "url", "path", "author", "category"};
    json_t *t = json_object_get(d, "title");
    printf("%s\n", json_is_string(t) ? json_string_value(t) : "(no title)");
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        json_t *v = json_object_get(d, keys[i]);
        if (json_is_string(v)) printf("%-9s %s\n", keys[i], json_string_value(v));
    }
    json_t *a = json_object_get(d, "abstract"), *b = json_object_get(d, "body");
    if (json_is_string(a)) printf("\n%s\n", json_string_value(a));
    if (json_is_string(b)) printf("\n%s\n", json_string_value(b));
}

int fah_cmd_show(int argc, char **argv) {
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},     {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    const char *dbopt = NULL;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jhV", opts, NULL)) != -1) {
        switch (c) {
            case 'd': dbopt = optarg; break;
            case 'j': json = 1; break;
            case 'h': usage(stdout); return FAH_EXIT_OK;
            case 'V': fah_print_version(); return FAH_EXIT_OK;
            default: usage(stderr); return FAH_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "fahras show: give at least one article id\n");
        return FAH_EXIT_USAGE;
    }
    char dbpath[4096];
    fx_db *db;
    fah_stem_kind kind;
    int rc = fah_open_cmd_db("fahras show", dbopt, dbpath, sizeof dbpath, &db, &kind);
    if (rc) return rc;
    for (int i = optind; i < argc; i++) {
        char term[4400];
        size_t tl = fah_id_term(argv[i], term, sizeof term);
        fx_docid id;
        fx_error e;
        fx_status st = fx_db_find_by_term(db, term, tl, &id, &e);
        if (st == FX_ERR_NOT_FOUND_DOC) {
            fprintf(stderr, "fahras show: no article with id '%s' in %s\n", argv[i], dbpath);
            if (json) { /* a line per id asked for, so scripts can pair them */
                json_t *o = json_pack("{s:s,s:s}", "type", "not_found", "id", argv[i]);
                fah_json_put_line(o);
            }
            rc = FAH_EXIT_NOTHING;
            continue;
        }
        char *data = NULL;
        size_t dl;
        if (st != FX_OK || fx_db_get_data(db, id, &data, &dl, &e) != FX_OK) {
            fprintf(stderr, "fahras show: database %s: %s\n", dbpath, e.msg);
            rc = FAH_EXIT_DB;
            break;
        }
        json_t *d = fah_record_json(data, dl);
        free(data);
        if (!d) {
            fprintf(stderr, "fahras show: stored data of '%s' is not JSON\n", argv[i]);
            rc = FAH_EXIT_DB;
            continue;
        }
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "type", json_string("article"));
            json_object_update(o, d);
            char *blob = NULL;
            size_t bl;
            fx_db_get_value(db, id, FAH_SLOT_ENTITIES, &blob, &bl, NULL);
            json_object_set_new(o, "entities", fah_entities_json(blob));
            free(blob);
            fah_json_put_line(o);
        } else {
            if (i > optind) puts("\n----------------------------------------");
            print_human(d);
        }
        json_decref(d);
    }
    fx_db_close(db);
    return rc;
}
