/*
 * dbopen.h - opening the database for reading with the checks every
 * reading command needs, mapped to Contract exit codes.
 */
#ifndef FAHRAS_DBOPEN_H
#define FAHRAS_DBOPEN_H

#include "../stemmer/analyzer.h"
#include "../xap/fx.h"

/* Open `path` read-only, check its analyzer version and read its stemmer.
 * On failure prints a message naming the path and what to do, and returns
 * the exit code (3 missing/unreadable/corrupt, 4 an analyzer version this
 * fahras cannot search: fah_analyzer_version_readable); on success returns
 * 0 with *db and *kind set (an older but readable version: after a note on
 * stderr that names the rebuild). */
int fah_open_for_reading(const char *path, fx_db **db, fah_stem_kind *kind);

/* For reading commands: resolve the database path from the --db value
 * (dbpath.h) into path[len] and open it as fah_open_for_reading does.
 * `cmd` ("fahras show") prefixes the messages.  Returns 0 or an exit code
 * (2 when no path can be made). */
int fah_open_cmd_db(const char *cmd, const char *dbopt, char *path, size_t len, fx_db **db,
                    fah_stem_kind *kind);

/* fah_open_cmd_db for commands that work whatever the analyzer version
 * (stats, check, compact): no version check, no note. */
int fah_open_cmd_db_any_version(const char *cmd, const char *dbopt, char *path, size_t len, fx_db **db,
                                fah_stem_kind *kind);

/* Set up analyzer a to analyze queries as the analyzer version that built
 * db did (fah_analyzer_match_version with db's stored version). */
void fah_db_match_analyzer(fx_db *db, fah_analyzer *a);

/* Exit code for an fx status from a database operation. */
int fah_exit_for_status(fx_status st);

#endif
