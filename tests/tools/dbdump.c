/*
 * dbdump - print everything a fahras database holds about its articles, in
 * a canonical order, so that two databases can be compared with diff
 * (tests: an incremental or interrupted build must equal a fresh one).
 *
 * usage: dbdump DBPATH > out
 * For each article, ordered by id term: the id term, its values (slots 0-2
 * as text), its stored data, then each term with its wdf and positions.
 * Xapian document numbers, revisions and the manifest (metadata) are left
 * out: they legitimately differ between equal databases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/schema.h"
#include "../../xap/fx.h"

typedef struct {
    char **v;
    size_t n, cap;
} strv;

static int on_id(void *ctx, const char *term, size_t len, uint32_t tf) {
    strv *s = ctx;
    (void)tf;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v) exit(3);
    }
    s->v[s->n++] = strndup(term, len);
    return 0;
}

static int on_term(void *ctx, const char *term, size_t len, uint32_t wdf, const uint32_t *pos,
                   size_t npos) {
    (void)ctx;
    printf("  %.*s wdf=%u", (int)len, term, wdf);
    for (size_t i = 0; i < npos; i++) printf("%c%u", i ? ',' : ' ', pos[i]);
    putchar('\n');
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: dbdump DBPATH\n");
        return 2;
    }
    fx_db *db;
    fx_error e;
    if (fx_db_open(argv[1], &db, &e) != FX_OK) {
        fprintf(stderr, "dbdump: %s: %s\n", argv[1], e.msg);
        return 3;
    }
    strv ids = {0};
    if (fx_db_allterms(db, FAH_PREFIX_ID, 1, on_id, &ids, &e) != FX_OK) {
        fprintf(stderr, "dbdump: %s\n", e.msg);
        return 3;
    }
    uint32_t count = 0;
    fx_db_doccount(db, &count, NULL);
    printf("documents %u, id terms %zu\n", count, ids.n);
    for (size_t i = 0; i < ids.n; i++) {
        fx_docid did;
        if (fx_db_find_by_term(db, ids.v[i], strlen(ids.v[i]), &did, &e) != FX_OK) return 3;
        printf("%s\n", ids.v[i]);
        for (unsigned slot = 0; slot < 3; slot++) {
            char *v;
            size_t vl;
            if (fx_db_get_value(db, did, slot, &v, &vl, &e) != FX_OK) return 3;
            printf("  value %u: %.*s\n", slot, (int)vl, v);
            free(v);
        }
        char *data;
        size_t dl;
        if (fx_db_get_data(db, did, &data, &dl, &e) != FX_OK) return 3;
        printf("  data: %.*s\n", (int)dl, data);
        free(data);
        if (fx_db_doc_termlist(db, did, on_term, NULL, &e) != FX_OK) return 3;
        free(ids.v[i]);
    }
    free(ids.v);
    fx_db_close(db);
    return 0;
}
