#include "dbopen.h"

#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "dbpath.h"
#include "exitcodes.h"
#include "schema.h"

int fah_exit_for_status(fx_status st) {
    switch (st) {
        case FX_OK: return FAH_EXIT_OK;
        case FX_ERR_LOCKED: return FAH_EXIT_LOCKED;
        case FX_ERR_IO: return FAH_EXIT_IO;
        case FX_ERR_NOT_FOUND:
        case FX_ERR_OPENING:
        case FX_ERR_CORRUPT:
        case FX_ERR_VERSION:
            return FAH_EXIT_DB;
        default:
            return FAH_EXIT_DB;
    }
}

static int open_db(const char *path, fx_db **db, fah_stem_kind *kind, int any_version) {
    fx_error e;
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        /* Xapian would read it as a stub file and say "Bad line" */
        *db = NULL;
        fprintf(stderr,
                "fahras: %s is a file, not a database directory\n"
                "  give --db the directory that fahras index built (or set FAHRAS_DB)\n",
                path);
        return FAH_EXIT_DB;
    }
    fx_status st = fx_db_open(path, db, &e);
    if (st != FX_OK) {
        if (st == FX_ERR_NOT_FOUND)
            fprintf(stderr,
                    "fahras: no database at %s\n"
                    "  build one with: fahras index --db %s DIR   (or set FAHRAS_DB)\n",
                    path, path);
        else
            fprintf(stderr, "fahras: cannot open database %s: %s\n", path, e.msg);
        return FAH_EXIT_DB;
    }
    char *ver = NULL, *stem = NULL;
    size_t n;
    if (fx_db_get_metadata(*db, FAH_META_ANALYZER, &ver, &n, &e) != FX_OK ||
        fx_db_get_metadata(*db, FAH_META_STEMMER, &stem, &n, &e) != FX_OK) {
        fprintf(stderr, "fahras: cannot read database %s: %s\n", path, e.msg);
        fx_db_close(*db);
        *db = NULL;
        return FAH_EXIT_DB;
    }
    int rc = 0;
    if (!ver && !any_version) {
        uint32_t count = 0;
        fx_db_doccount(*db, &count, NULL);
        if (count) {
            fprintf(stderr,
                    "fahras: %s is a Xapian database without fahras's analyzer version: it was "
                    "not built by fahras index\n",
                    path);
            rc = FAH_EXIT_DB;
        }
    } else if (strcmp(ver, FAH_ANALYZER_VERSION) != 0 && !any_version) {
        /* a database from before fahras kept its directories needs them named */
        char *roots = NULL;
        size_t rl = 0;
        fx_db_get_metadata(*db, FAH_META_ROOTS, &roots, &rl, NULL);
        const char *dirs = roots && rl ? "" : " DIR...   (the directories it was built from)";
        if (fah_analyzer_version_readable(ver)) {
            fprintf(stderr,
                    "fahras: note: database %s was built by analyzer version %s, this fahras uses "
                    "version %s;\n  until it is rebuilt it is searched as that version analyzed "
                    "and ranked (searches go on during the rebuild):\n  fahras index --full --db '%s'%s\n",
                    path, ver, FAH_ANALYZER_VERSION, path, dirs);
        } else if (fah_analyzer_version_newer(ver)) {
            fprintf(stderr,
                    "fahras: database %s was built by a newer fahras (analyzer version %s; this fahras "
                    "uses version %s).\n"
                    "  use that fahras or a later one; rebuilding it with this one goes back a version:\n"
                    "  fahras index --full --db '%s'%s\n",
                    path, ver, FAH_ANALYZER_VERSION, path, dirs);
            rc = FAH_EXIT_VERSION;
        } else {
            fprintf(stderr,
                    "fahras: database %s was built by analyzer version %s, this fahras uses version "
                    "%s; searching it would miss matches.\n"
                    "  rebuild it (searches keep exiting 4 until it is done):\n"
                    "  fahras index --full --db '%s'%s\n",
                    path, ver, FAH_ANALYZER_VERSION, path, dirs);
            rc = FAH_EXIT_VERSION;
        }
        free(roots);
    }
    *kind = FAH_STEM_LIGHT;
    if (rc == 0 && stem && fah_stem_kind_parse(stem, kind) != 0) {
        fprintf(stderr, "fahras: database %s names an unknown stemmer '%s'\n", path, stem);
        rc = FAH_EXIT_VERSION;
    }
    free(ver);
    free(stem);
    if (rc) {
        fx_db_close(*db);
        *db = NULL;
    }
    return rc;
}

int fah_open_for_reading(const char *path, fx_db **db, fah_stem_kind *kind) {
    return open_db(path, db, kind, 0);
}

static int open_cmd(const char *cmd, const char *dbopt, char *path, size_t len, fx_db **db,
                    fah_stem_kind *kind, int any_version) {
    *db = NULL;
    if (fah_db_path(dbopt, path, len)) {
        fprintf(stderr, "%s: no --db given and neither FAHRAS_DB nor HOME is set\n", cmd);
        return FAH_EXIT_USAGE;
    }
    return open_db(path, db, kind, any_version);
}

int fah_open_cmd_db(const char *cmd, const char *dbopt, char *path, size_t len, fx_db **db,
                    fah_stem_kind *kind) {
    return open_cmd(cmd, dbopt, path, len, db, kind, 0);
}

int fah_open_cmd_db_any_version(const char *cmd, const char *dbopt, char *path, size_t len, fx_db **db,
                                fah_stem_kind *kind) {
    return open_cmd(cmd, dbopt, path, len, db, kind, 1);
}

void fah_db_match_analyzer(fx_db *db, fah_analyzer *a) {
    char *ver = NULL;
    size_t n = 0;
    if (fx_db_get_metadata(db, FAH_META_ANALYZER, &ver, &n, NULL) == FX_OK) fah_analyzer_match_version(a, ver);
    free(ver);
}
