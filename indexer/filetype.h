/*
 * filetype.h - which files are not articles, by name.
 */
#ifndef FAHRAS_FILETYPE_H
#define FAHRAS_FILETYPE_H

/* A reason to skip files that are not articles (documentation, images,
 * PDFs, office files, archives), or NULL. */
const char *fah_skip_by_name(const char *name);

#endif
