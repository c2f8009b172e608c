/*
 * article.h - one news article as read from a corpus file, before analysis.
 *
 * Every string field is a malloc()ed, NUL-terminated UTF-8 string or NULL;
 * fah_article_clear() frees them all.
 */
#ifndef FAHRAS_ARTICLE_H
#define FAHRAS_ARTICLE_H

#include <stddef.h>

typedef struct fah_article {
    char *id;        /* the record's own id (DOCNO, JSON id) or NULL */
    char *title;
    char *date_raw;  /* the date as written in the source */
    char *source;
    char *url;
    char *author;
    char *category;
    char *abstract;  /* lead paragraph */
    char *body;
    size_t record;   /* record number in its file, from 1 */
    size_t offset;   /* byte offset of the record in the (decompressed) file */
    size_t line;     /* line number of the record's start, from 1 */
    int multi;       /* set by the reader: the file holds more than one record */
} fah_article;

void fah_article_clear(fah_article *a);

/* Callback for parsers: one complete article.  Return 0 to go on, non-zero
 * to stop parsing (the parser then returns that value). */
typedef int (*fah_article_cb)(void *ctx, fah_article *a);

#endif
