/*
 * filetype.h - which files are articles, and in which format.
 */
#ifndef FAHRAS_FILETYPE_H
#define FAHRAS_FILETYPE_H

#include <stddef.h>

typedef enum fah_format {
    FAH_FMT_TEXT = 0,  /* plaintext.h */
    FAH_FMT_SGML,      /* sgml.h */
    FAH_FMT_UNSUPPORTED
} fah_format;

/* By name: a reason to skip files that are not articles (documentation,
 * images, PDFs, office files, archives), or NULL. */
const char *fah_skip_by_name(const char *name);

/* By content (decoded UTF-8 text): the format, and for FAH_FMT_UNSUPPORTED a
 * reason in *why. */
fah_format fah_detect_format(const char *text, size_t len, const char **why);

#endif
