/*
 * exitcodes.h - exit codes shared by every fahras command (DESIGN.md,
 * Contract).
 */
#ifndef FAHRAS_EXITCODES_H
#define FAHRAS_EXITCODES_H

#define FAH_EXIT_OK 0
#define FAH_EXIT_NOTHING 1    /* search/facets found nothing; index: some files failed */
#define FAH_EXIT_USAGE 2      /* usage or query syntax error */
#define FAH_EXIT_DB 3         /* database missing, unreadable or corrupt */
#define FAH_EXIT_VERSION 4    /* built by another analyzer version: rebuild */
#define FAH_EXIT_LOCKED 5     /* another indexer holds the database */
#define FAH_EXIT_IO 6         /* I/O error such as a full disk */

#endif
