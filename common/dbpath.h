/*
 * dbpath.h - where the database lives (DESIGN.md, Contract):
 * --db PATH, else $FAHRAS_DB, else $XDG_DATA_HOME/fahras/db, else
 * $HOME/.local/share/fahras/db.  Never relative to the working directory
 * unless the user gave a relative --db or $FAHRAS_DB.
 */
#ifndef FAHRAS_DBPATH_H
#define FAHRAS_DBPATH_H

#include <stddef.h>

/* Resolve the path into buf (len bytes).  `opt` is the --db value or NULL.
 * Returns 0, or -1 when neither $XDG_DATA_HOME nor $HOME is set. */
int fah_db_path(const char *opt, char *buf, size_t len);

/* mkdir -p of the parent directories of `path` (mode 0755). 0 or -1 (errno). */
int fah_mkdir_parents(const char *path);

#endif
