/*
 * dbmeta - set one metadata entry of a fahras database's current
 * generation (tests: pretend an older analyzer version built it).
 * usage: dbmeta DBPATH KEY VALUE
 */
#include <stdio.h>
#include <string.h>

#include "../../common/dbdir.h"
#include "../../xap/fx.h"

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: dbmeta DBPATH KEY VALUE\n");
        return 2;
    }
    fah_dbdir d;
    char msg[600];
    if (fah_dbdir_resolve(argv[1], &d, msg, sizeof msg) || !d.glass[0]) {
        fprintf(stderr, "dbmeta: %s: no database (%s)\n", argv[1], msg);
        return 3;
    }
    fx_db *db;
    fx_error e;
    if (fx_db_open_writable(d.glass, 0, &db, &e) != FX_OK ||
        fx_db_set_metadata(db, argv[2], argv[3], strlen(argv[3]), &e) != FX_OK ||
        fx_db_commit(db, &e) != FX_OK) {
        fprintf(stderr, "dbmeta: %s\n", e.msg);
        return 3;
    }
    fx_db_close(db);
    return 0;
}
