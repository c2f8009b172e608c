/*
 * check_cmd.c - `fahras check [--db PATH] [--json]`: Xapian's own
 * consistency check of the current generation (Database::check), the
 * analyzer version, and the file manifest against the documents:
 *   - every id a manifest entry lists is exactly one document ("missing" /
 *     "duplicate" otherwise; an entry that a killed run left marked for
 *     re-reading, size -1, may list ids not written yet);
 *   - every document's id is listed by some entry ("orphan" otherwise: an
 *     article no run would ever delete).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/jsonout.h"
#include "../common/commands.h"
#include "../common/dbdir.h"
#include "../common/dbopen.h"
#include "../common/exitcodes.h"
#include "../common/schema.h"
#include "../xap/fx.h"
#include "manifest.h"

typedef struct consist {
    fx_db *db;
    fah_manifest *man;
    size_t missing, duplicate, orphan, pending, ids;
    char example[600];
} consist;

static void example(consist *c, const char *fmt, const char *a, const char *b) {
    if (!c->example[0]) snprintf(c->example, sizeof c->example, fmt, a, b);
}

/* every Q term: listed by the manifest? */
static int on_id_term(void *ctx, const char *term, size_t len, uint32_t tf) {
    consist *c = ctx;
    (void)tf;
    c->ids++;
    if (len > 1 && term[1] == '#') return 0; /* hashed long id: checked from the manifest side */
    char id[300];
    snprintf(id, sizeof id, "%.*s", (int)(len - 1), term + 1);
    if (fah_manifest_id_refs(c->man, id) == 0) {
        c->orphan++;
        example(c, "article %s is listed by no file of the manifest%s", id, "");
    }
    return 0;
}

static void check_manifest(consist *c) {
    for (size_t k = 0; k < fah_manifest_count(c->man); k++) {
        fah_mentry *m = fah_manifest_at(c->man, k);
        if (!m->path) continue;
        if (m->size < 0) c->pending++;
        for (size_t i = 0; i < m->nids; i++) {
            char term[4400];
            size_t tl = fah_id_term(m->ids[i], term, sizeof term);
            uint32_t tf = 0;
            fx_db_termfreq(c->db, term, tl, &tf, NULL);
            if (tf == 0 && m->size >= 0) {
                c->missing++;
                example(c, "%s lists article %s, which is not in the database", m->path, m->ids[i]);
            } else if (tf > 1) {
                c->duplicate++;
                example(c, "article %s is %s documents", m->ids[i], "several");
            }
        }
    }
}

int fah_cmd_check(int argc, char **argv) {
    static const char usage[] =
        "usage: fahras check [--db PATH] [--json]\n"
        "\n"
        "Check the database: Xapian's own consistency check (Database::check) of the\n"
        "current generation, the analyzer version, and that the file manifest and the\n"
        "articles agree (each listed article present once, no article outside the manifest).\n"
        "Exit: 0 sound; 2 usage; 3 missing, unreadable, corrupt or inconsistent (the\n"
        "problems are printed); 4 built by another analyzer version\n";
    const char *dbopt = NULL;
    int json = 0;
    int rc = fah_parse_db_opts(argc, argv, usage, &dbopt, &json);
    if (rc) return rc < 0 ? FAH_EXIT_OK : rc;
    char dbpath[4096];
    fx_db *db;
    fah_stem_kind kind;
    if ((rc = fah_open_cmd_db_any_version("fahras check", dbopt, dbpath, sizeof dbpath, &db, &kind)) != 0) return rc;
    /* any version opens, so the checks run; the version is judged at the end */
    char *ver = NULL;
    size_t vlen = 0;
    uint32_t ndocs = 0;
    fx_db_get_metadata(db, FAH_META_ANALYZER, &ver, &vlen, NULL);
    fx_db_doccount(db, &ndocs, NULL);
    int same_version = !ndocs || (ver && strcmp(ver, FAH_ANALYZER_VERSION) == 0);
    fah_dbdir dd;
    char msg[600];
    if (fah_dbdir_resolve(dbpath, &dd, msg, sizeof msg) || !dd.glass[0]) {
        fprintf(stderr, "fahras check: %s\n", msg[0] ? msg : "cannot find the database's glass directory");
        fx_db_close(db);
        free(ver);
        return FAH_EXIT_DB;
    }
    size_t errors = 0;
    char *report = NULL;
    fx_error e;
    fx_status st = fx_db_check(dd.glass, &errors, &report, &e);
    if (st != FX_OK) {
        fprintf(stderr, "fahras check: database %s: %s\n", dbpath, e.msg);
        fx_db_close(db);
        free(ver);
        return FAH_EXIT_DB;
    }
    if (errors) {
        fprintf(stderr, "fahras check: database %s has %zu problem(s) (Xapian check of %s):\n%s", dbpath,
                errors, dd.glass, report ? report : "");
        free(report);
        fx_db_close(db);
        free(ver);
        return FAH_EXIT_DB;
    }
    free(report);
    consist c;
    memset(&c, 0, sizeof c);
    c.db = db;
    if (fah_manifest_load(db, &c.man, &e)) {
        fprintf(stderr, "fahras check: cannot read the file manifest of %s: %s\n", dbpath, e.msg);
        fx_db_close(db);
        free(ver);
        return FAH_EXIT_DB;
    }
    check_manifest(&c);
    if ((st = fx_db_allterms(db, FAH_PREFIX_ID, 1, on_id_term, &c, &e)) != FX_OK) {
        fprintf(stderr, "fahras check: database %s: %s\n", dbpath, e.msg);
        rc = FAH_EXIT_DB;
    }
    size_t files = 0;
    for (size_t k = 0; k < fah_manifest_count(c.man); k++) files += fah_manifest_at(c.man, k)->path != NULL;
    size_t problems = c.missing + c.duplicate + c.orphan;
    if (json) {
        json_t *o = json_pack("{s:s,s:s,s:b,s:I,s:I,s:I,s:I,s:I,s:I}", "type", "check", "db", dbpath,
                              "sound", !problems && !rc, "articles", (json_int_t)c.ids, "files",
                              (json_int_t)files, "missing", (json_int_t)c.missing, "duplicate",
                              (json_int_t)c.duplicate, "orphan", (json_int_t)c.orphan,
                              "files_to_reread", (json_int_t)c.pending);
        fah_json_put_line(o);
    }
    if (problems) {
        fprintf(stderr,
                "fahras check: database %s: the file manifest and the articles disagree: %zu listed "
                "article(s) missing, %zu duplicated, %zu article(s) in no file; e.g. %s\n"
                "  rebuild it: fahras index --full --db '%s'\n",
                dbpath, c.missing, c.duplicate, c.orphan, c.example, dbpath);
        rc = FAH_EXIT_DB;
    } else if (!rc && !json) {
        printf("fahras check: %s is sound (Xapian check: no errors; %s; "
               "%zu articles from %zu files agree with the manifest%s)\n",
               dbpath, same_version ? "analyzer version matches" : "but see the analyzer version below",
               c.ids, files, c.pending ? "; some files will be re-read by the next run" : "");
    }
    if (!same_version && !rc) {
        /* sound, but built by another analyzer: the next index run needs --full */
        fprintf(stderr,
                "fahras check: database %s was built by analyzer version %s; this fahras has %s: %s;\n"
                "  rebuild it: fahras index --full --db '%s'\n",
                dbpath, ver ? ver : "(none)", FAH_ANALYZER_VERSION,
                fah_analyzer_version_readable(ver) ? "searches work, index runs exit 4"
                                                   : "searches and index runs exit 4",
                dbpath);
        rc = FAH_EXIT_VERSION;
    }
    free(ver);
    fah_manifest_delete(c.man);
    fx_db_close(db);
    return rc;
}
