#include "article.h"

#include <stdlib.h>
#include <string.h>

void fah_article_clear(fah_article *a) {
    free(a->id);
    free(a->title);
    free(a->date_raw);
    free(a->source);
    free(a->url);
    free(a->author);
    free(a->category);
    free(a->abstract);
    free(a->body);
    memset(a, 0, sizeof *a);
}
