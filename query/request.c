#include "request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/exitcodes.h"
#include "../common/schema.h"
#include "parse.h"

int fah_period_key(const char *s, int end, char key[32]) {
    int y = 0, m = 0, d = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && s[n] == '\0') {
    } else if (sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && s[n] == '\0') {
        d = 0;
    } else if (sscanf(s, "%4d%n", &y, &n) == 1 && s[n] == '\0' && n == 4) {
        m = 0;
    } else {
        return -1;
    }
    static const int dim[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 0 || m > 12 || d < 0 || (m && d > dim[m - 1]) || (!m && d)) return -1;
    if (end) snprintf(key, 32, "%04d%02d%02d235959", y, m ? m : 12, d ? d : 31);
    else snprintf(key, 32, "%04d%02d%02d000000", y, m ? m : 1, d ? d : 1);
    return 0;
}

int fah_request_add_entity(fah_request *r, fah_ent_kind kind, const char *name) {
    fah_entity_ask *v = realloc(r->ents, (r->nents + 1) * sizeof *v);
    if (!v) return -1;
    r->ents = v;
    if (!(v[r->nents].name = strdup(name))) return -1;
    v[r->nents++].kind = kind;
    return 0;
}

static const struct { const char *field; fah_ent_kind kind; } fields[] = {
    {"leader:", FAH_ENT_LEADER}, {"country:", FAH_ENT_COUNTRY}, {"topic:", FAH_ENT_TOPIC}};

int fah_request_add_text(fah_request *r, const char *text, char *err, size_t errlen) {
    const char *p = text;
    while (*p) {
        const char *ws = p;
        while (*p == ' ' || *p == '\t') p++;
        size_t f;
        int hit = -1;
        for (f = 0; f < 3; f++) {
            size_t fl = strlen(fields[f].field);
            if (strncasecmp(p, fields[f].field, fl) == 0 && (p == text || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '(')) {
                hit = (int)f;
                break;
            }
        }
        if (hit < 0) {
            /* copy one word (or a quoted phrase) of free text */
            const char *s = p;
            if (*p == '"') {
                const char *q = strchr(p + 1, '"');
                p = q ? q + 1 : p + strlen(p);
                while (*p && *p != ' ' && *p != '\t') p++; /* "a b"~2 */
            } else {
                while (*p && *p != ' ' && *p != '\t') p++;
            }
            if (p > s) {
                if (r->text.len) fah_buf_putc(&r->text, ' ');
                fah_buf_append(&r->text, s, (size_t)(p - s));
            }
            (void)ws;
            continue;
        }
        const char *v = p + strlen(fields[hit].field);
        const char *ve;
        char name[512];
        if (*v == '"') {
            ve = strchr(v + 1, '"');
            if (!ve) {
                snprintf(err, errlen, "%s at byte %zu: the quote after it is not closed",
                         fields[hit].field, (size_t)(p - text));
                return -1;
            }
            snprintf(name, sizeof name, "%.*s", (int)(ve - v - 1), v + 1);
            p = ve + 1;
        } else {
            ve = v;
            while (*ve && *ve != ' ' && *ve != '\t') ve++;
            snprintf(name, sizeof name, "%.*s", (int)(ve - v), v);
            p = ve;
        }
        if (!name[0]) {
            snprintf(err, errlen, "%s at byte %zu needs a name (%sNAME or %s\"two words\")",
                     fields[hit].field, (size_t)(v - text - strlen(fields[hit].field)), fields[hit].field,
                     fields[hit].field);
            return -1;
        }
        if (fah_request_add_entity(r, fields[hit].kind, name)) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    return 0;
}

int fah_request_add_args(fah_request *r, char **argv, int n, fah_buf *joined, char *err, size_t errlen) {
    for (int i = 0; i < n; i++) {
        if (i) fah_buf_putc(joined, ' ');
        fah_buf_puts(joined, argv[i]);
    }
    return fah_request_add_text(r, joined->data ? joined->data : "", err, errlen);
}

int fah_request_gazetteer(fx_db *db, fah_analyzer *an, fah_gazetteer **out, char *err, size_t errlen) {
    char *user = NULL;
    size_t n = 0;
    fx_db_get_metadata(db, FAH_META_GAZETTEER_USER, &user, &n, NULL);
    int rc = fah_gazetteer_new(an, NULL, 0, user, user ? n : 0, out, err, errlen);
    free(user);
    return rc;
}

static const char *kind_word(fah_ent_kind k) {
    return k == FAH_ENT_LEADER ? "leader" : k == FAH_ENT_COUNTRY ? "country" : "topic";
}

int fah_request_query(fah_request *r, const char *cmd, fx_db *db, fah_analyzer *an, int allow_empty,
                      fx_query **out, fah_qterms *qt, fah_gazetteer **gaz) {
    *out = NULL;
    char err[600];
    fx_query *text_q = NULL;
    if (r->text.len) {
        fah_parse_status ps = fah_query_parse(an, r->text.data, &text_q, qt, err, sizeof err);
        if (ps == FAH_PARSE_NOMEM) return FAH_EXIT_IO;
        if (ps != FAH_PARSE_OK && !(ps == FAH_PARSE_EMPTY && (r->nents || allow_empty))) {
            fprintf(stderr, "%s: %s\n", cmd, err);
            return FAH_EXIT_USAGE;
        }
    } else if (!r->nents && !allow_empty) {
        fprintf(stderr, "%s: give a query, or a --leader, --country or --topic\n", cmd);
        return FAH_EXIT_USAGE;
    }
    /* entity filters and their mention weights */
    fx_query *ent_terms[32], *ent_weights[32];
    size_t ne = 0;
    if (r->nents) {
        char *gver = NULL;
        size_t gl;
        fx_db_get_metadata(db, FAH_META_GAZETTEER, &gver, &gl, NULL);
        int off = !gver || strcmp(gver, "off") == 0;
        free(gver);
        if (off) {
            /* never a silent empty result: this database has no tags */
            fprintf(stderr, "%s: this database was indexed without leaders, countries and topics "
                            "(index --no-entities, or before tagging existed); rebuild it with "
                            "fahras index --full to use --leader/--country/--topic\n", cmd);
            fx_query_free(text_q);
            return FAH_EXIT_USAGE;
        }
        if (!*gaz && fah_request_gazetteer(db, an, gaz, err, sizeof err)) {
            fprintf(stderr, "%s: %s\n", cmd, err);
            fx_query_free(text_q);
            return FAH_EXIT_USAGE;
        }
        for (size_t i = 0; i < r->nents && ne < 32; i++) {
            long other;
            long k = fah_gazetteer_resolve(*gaz, an, r->ents[i].kind, r->ents[i].name, &other);
            if (k < 0) {
                if (k == -2)
                    fprintf(stderr, "%s: %s '%s' fits more than one entry (%s is one); give the full name or the id\n",
                            cmd, kind_word(r->ents[i].kind), r->ents[i].name,
                            fah_gazetteer_entity(*gaz, (size_t)other)->id);
                else
                    fprintf(stderr,
                            "%s: no %s '%s' in the gazetteers (an id, English name or Arabic name; "
                            "`fahras facets` lists the ones found in articles)\n",
                            cmd, kind_word(r->ents[i].kind), r->ents[i].name);
                for (size_t j = 0; j < ne; j++) {
                    fx_query_free(ent_terms[j]);
                    fx_query_free(ent_weights[j]);
                }
                fx_query_free(text_q);
                return FAH_EXIT_USAGE;
            }
            const fah_entity *e = fah_gazetteer_entity(*gaz, (size_t)k);
            char term[300], key[300];
            snprintf(term, sizeof term, "%s%s",
                     e->kind == FAH_ENT_LEADER ? FAH_PREFIX_LEADER
                     : e->kind == FAH_ENT_COUNTRY ? FAH_PREFIX_COUNTRY : FAH_PREFIX_TOPIC, e->id);
            fah_gazetteer_key(*gaz, (size_t)k, key, sizeof key);
            if (fx_query_term(term, strlen(term), 1, 0, &ent_terms[ne], NULL) != FX_OK ||
                fx_query_mentions(term, strlen(term), FAH_SLOT_ENTITIES, key,
                                  text_q ? 10.0 : 1.0, &ent_weights[ne], NULL) != FX_OK)
                return FAH_EXIT_IO;
            if (!text_q || r->rank_by_mentions) {
                /* an --explain part: the entity's mention weight */
                char label[400];
                fx_query *copy = NULL;
                snprintf(label, sizeof label, "mentions of %s", key);
                if (fx_query_copy(ent_weights[ne], &copy, NULL) == FX_OK)
                    fah_qterms_add_part(qt, label, strlen(label), copy);
            }
            ne++;
        }
    }
    fx_query *q = NULL;
    if (text_q && ne) {
        fx_query *filter = NULL, *pair[2];
        fx_query_combine(FX_OP_AND, ent_terms, ne, 0, &filter, NULL);
        pair[0] = text_q;
        pair[1] = filter;
        fx_query_combine(FX_OP_FILTER, pair, 2, 0, &q, NULL);
        fx_query_free(filter);
        if (r->rank_by_mentions) {
            fx_query *w = NULL, *q2 = NULL, *pr[2];
            fx_query_combine(FX_OP_AND, ent_weights, ne, 0, &w, NULL);
            pr[0] = q;
            pr[1] = w;
            fx_query_combine(FX_OP_AND, pr, 2, 0, &q2, NULL);
            fx_query_free(w);
            fx_query_free(q);
            q = q2;
        }
        fx_query_free(text_q);
    } else if (ne) {
        fx_query_combine(FX_OP_AND, ent_weights, ne, 0, &q, NULL);
    } else if (text_q) {
        q = text_q;
    } else {
        fx_query_value_range(FAH_SLOT_DATE, NULL, 0, NULL, 0, &q, NULL); /* every article */
    }
    for (size_t j = 0; j < ne; j++) {
        fx_query_free(ent_terms[j]);
        fx_query_free(ent_weights[j]);
    }
    if (!q) return FAH_EXIT_IO;
    /* source and dates: they restrict, they add no weight */
    char lo[32], hi[32];
    if ((r->from && fah_period_key(r->from, 0, lo)) || (r->to && fah_period_key(r->to, 1, hi))) {
        fprintf(stderr, "%s: --from/--to take YYYY, YYYY-MM or YYYY-MM-DD\n", cmd);
        fx_query_free(q);
        return FAH_EXIT_USAGE;
    }
    if (r->from && r->to && strcmp(lo, hi) > 0) {
        fprintf(stderr, "%s: --from %s is after --to %s\n", cmd, r->from, r->to);
        fx_query_free(q);
        return FAH_EXIT_USAGE;
    }
    if (r->source || r->from || r->to) {
        fx_query *f[3];
        size_t nf = 0;
        if (r->source) {
            fah_buf t = FAH_BUF_INIT;
            if (fah_source_term(r->source, &t) == 0 && fx_query_term(t.data, t.len, 1, 0, &f[nf], NULL) == FX_OK)
                nf++;
            fah_buf_free(&t);
        }
        if ((r->from || r->to) && fx_query_value_range(FAH_SLOT_DATE, r->from ? lo : NULL, 14,
                                                       r->to ? hi : NULL, 14, &f[nf], NULL) == FX_OK)
            nf++;
        fx_query *filter = NULL, *filtered = NULL;
        if (nf == 1) filter = f[0];
        else fx_query_combine(FX_OP_AND, f, nf, 0, &filter, NULL);
        fx_query *pair[2] = {q, filter};
        if (filter && fx_query_combine(FX_OP_FILTER, pair, 2, 0, &filtered, NULL) == FX_OK) {
            fx_query_free(q);
            q = filtered;
        }
        if (nf > 1) fx_query_free(filter);
        for (size_t i = 0; i < nf; i++) fx_query_free(f[i]);
    }
    *out = q;
    return 0;
}

void fah_protect_dash_words(int argc, char **argv) {
    static char buf[64][512];
    int used = 0;
    for (int i = 1; i < argc && used < 64; i++) {
        const unsigned char *a = (const unsigned char *)argv[i];
        if (a[0] == '-' && a[1] >= 0x80 && strlen(argv[i]) + 2 <= sizeof buf[0]) {
            snprintf(buf[used], sizeof buf[0], " %s", argv[i]);
            argv[i] = buf[used++];
        }
    }
}

void fah_request_free(fah_request *r) {
    for (size_t i = 0; i < r->nents; i++) free(r->ents[i].name);
    free(r->ents);
    fah_buf_free(&r->text);
}
