#include "request.h"

#include "../common/utf8.h"

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

/* Is the item at p the operator word op (followed by a space, '(' or the end)? */
static int op_word(const char *p, const char *op) {
    size_t l = strlen(op);
    return strncmp(p, op, l) == 0 && (!p[l] || p[l] == ' ' || p[l] == '\t' || p[l] == '(');
}

/* fah_request_add_text with `extract`: whether fields may become filters
 * of the whole query; *blocked set when one could not (inside ( ), next
 * to an operator). */
static int add_text(fah_request *r, const char *text, int extract, int *blocked, char *err, size_t errlen) {
    const char *p = text;
    int depth = 0, after_op = 0; /* parenthesis depth; the previous item was an operator */
    while (*p) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        size_t f;
        int hit = -1;
        for (f = 0; f < 3; f++) {
            size_t fl = strlen(fields[f].field);
            if (strncasecmp(p, fields[f].field, fl) == 0) {
                hit = (int)f;
                break;
            }
        }
        const char *v = hit >= 0 ? p + strlen(fields[hit].field) : NULL, *ve = NULL;
        if (hit >= 0) {
            if (*v == '"') {
                ve = strchr(v + 1, '"');
                if (!ve) {
                    snprintf(err, errlen, "%s at character %zu: the quote after it is not closed",
                             fields[hit].field, fah_utf8_count(text, (size_t)(p - text)) + 1);
                    return -1;
                }
                ve++;
            } else {
                ve = v;
                while (*ve && *ve != ' ' && *ve != '\t' && *ve != ')' && *ve != '(') ve++;
            }
            /* a filter for the whole query only at the top level and not an
             * operand of OR / NOT; otherwise the query parser takes it as an
             * item of its expression (parse.h) */
            const char *nx = ve;
            while (*nx == ' ' || *nx == '\t') nx++;
            if (depth > 0 || after_op || op_word(nx, "OR") || op_word(nx, "AND") || op_word(nx, "NOT")) {
                *blocked = 1;
                hit = -1;
            }
            if (!extract) hit = -1;
        }
        if (hit < 0) {
            /* copy one word (or a quoted phrase) of free text */
            const char *s = p;
            if (*p == '"') {
                const char *q = strchr(p + 1, '"');
                p = q ? q + 1 : p + strlen(p);
                while (*p && *p != ' ' && *p != '\t') p++; /* "a b"~2 */
            } else if (v && *v == '"') {
                p = ve; /* a field with a quoted value, kept whole */
            } else {
                while (*p && *p != ' ' && *p != '\t') {
                    if (*p == '"') { /* word"a b" */
                        const char *q = strchr(p + 1, '"');
                        p = q ? q : p + strlen(p) - 1;
                    } else if (*p == '(') {
                        depth++;
                    } else if (*p == ')' && depth > 0) {
                        depth--;
                    }
                    p++;
                }
            }
            after_op = op_word(s, "OR") || op_word(s, "NOT") || op_word(s, "AND");
            if (!after_op && (*s == '-' || *s == '+') && p - s > 1) {
                /* -leader:X excludes: the query parser takes it */
                for (size_t f2 = 0; f2 < 3; f2++)
                    if (strncasecmp(s + 1, fields[f2].field, strlen(fields[f2].field)) == 0) *blocked = 1;
            }
            if (p > s) {
                if (r->text.len) fah_buf_putc(&r->text, ' ');
                fah_buf_append(&r->text, s, (size_t)(p - s));
            }
            continue;
        }
        char name[512];
        if (*v == '"') snprintf(name, sizeof name, "%.*s", (int)(ve - v - 2), v + 1);
        else snprintf(name, sizeof name, "%.*s", (int)(ve - v), v);
        p = ve;
        after_op = 0;
        if (!name[0]) {
            snprintf(err, errlen, "%s at character %zu needs a name (%sNAME or %s\"two words\")",
                     fields[hit].field, fah_utf8_count(text, (size_t)(v - text - strlen(fields[hit].field))) + 1,
                     fields[hit].field,
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

int fah_request_add_text(fah_request *r, const char *text, char *err, size_t errlen) {
    /* all or nothing: when one field must stay in the expression (inside
     * parentheses, an operand of OR / AND / NOT, excluded with -), they all
     * do, so that "country:X -leader:Y" means X without Y */
    size_t len0 = r->text.len, n0 = r->nents;
    int blocked = 0;
    if (add_text(r, text, 1, &blocked, err, errlen)) return -1;
    if (!blocked) return 0;
    for (size_t i = n0; i < r->nents; i++) free(r->ents[i].name);
    r->nents = n0;
    r->text.len = len0;
    if (r->text.data) r->text.data[len0] = '\0';
    return add_text(r, text, 0, &blocked, err, errlen);
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

/* What an entity lookup needs: the database, its gazetteer (loaded on
 * first use), the explain parts. */
typedef struct ent_lookup {
    fx_db *db;
    fah_analyzer *an;
    fah_gazetteer **gaz;
    fah_qterms *qt;
    int rc; /* exit code of the failure */
} ent_lookup;

/* Resolve `name`: *term the entity's filter term query, *weight (when
 * non-NULL) its mention weight at `scale`, key its "K:id".  0, or an exit
 * code with a message in err. */
static int entity_queries(ent_lookup *L, fah_ent_kind kind, const char *name, double scale, fx_query **term,
                          fx_query **weight, char *key, size_t keylen, char *err, size_t errlen) {
    *term = NULL;
    if (weight) *weight = NULL;
    if (!*L->gaz) {
        char *gver = NULL;
        size_t gl;
        fx_db_get_metadata(L->db, FAH_META_GAZETTEER, &gver, &gl, NULL);
        int off = !gver || strcmp(gver, "off") == 0;
        free(gver);
        if (off) {
            /* never a silent empty result: this database has no tags */
            snprintf(err, errlen, "this database was indexed without leaders, countries and topics "
                                  "(index --no-entities, or before tagging existed); rebuild it with "
                                  "fahras index --full to use --leader/--country/--topic");
            return FAH_EXIT_USAGE;
        }
        if (fah_request_gazetteer(L->db, L->an, L->gaz, err, errlen)) return FAH_EXIT_USAGE;
    }
    long other;
    long k = fah_gazetteer_resolve(*L->gaz, L->an, kind, name, &other);
    if (k < 0) {
        if (k == -2)
            snprintf(err, errlen, "%s '%s' fits more than one entry (%s is one); give the full name or the id",
                     kind_word(kind), name, fah_gazetteer_entity(*L->gaz, (size_t)other)->id);
        else
            snprintf(err, errlen,
                     "no %s '%s' in the gazetteers (an id, English name or Arabic name; "
                     "`fahras facets` lists the ones found in articles)", kind_word(kind), name);
        return FAH_EXIT_USAGE;
    }
    const fah_entity *e = fah_gazetteer_entity(*L->gaz, (size_t)k);
    char tname[300];
    snprintf(tname, sizeof tname, "%s%s",
             e->kind == FAH_ENT_LEADER ? FAH_PREFIX_LEADER
             : e->kind == FAH_ENT_COUNTRY ? FAH_PREFIX_COUNTRY : FAH_PREFIX_TOPIC, e->id);
    fah_gazetteer_key(*L->gaz, (size_t)k, key, keylen);
    if (fx_query_term(tname, strlen(tname), 1, 0, term, NULL) != FX_OK ||
        (weight && fx_query_mentions(tname, strlen(tname), FAH_SLOT_ENTITIES, key, scale, weight, NULL) != FX_OK)) {
        fx_query_free(*term);
        *term = NULL;
        snprintf(err, errlen, "out of memory");
        return FAH_EXIT_IO;
    }
    return 0;
}

/* An --explain part: the mention weight w of entity `key` ("L:id"). */
static void mentions_part(fah_qterms *qt, const char *key, const fx_query *w) {
    char label[400];
    fx_query *copy = NULL;
    snprintf(label, sizeof label, "mentions of %s", key);
    if (fx_query_copy(w, &copy, NULL) == FX_OK) fah_qterms_add_part(qt, label, strlen(label), copy);
}

/* fah_entity_resolver for the query parser: leader:/country:/topic: inside
 * the expression. */
static int resolve_item(void *vctx, fah_ent_kind kind, const char *name, int weighted, fx_query **out,
                        char *err, size_t errlen) {
    ent_lookup *L = vctx;
    fx_query *term = NULL, *w = NULL;
    char key[300];
    int rc = entity_queries(L, kind, name, 1.0, &term, weighted ? &w : NULL, key, sizeof key, err, errlen);
    if (rc) {
        L->rc = rc;
        return -1;
    }
    if (weighted) {
        fx_query_free(term);
        *out = w;
        mentions_part(L->qt, key, w);
        return 0;
    }
    /* beside text: a condition, no weight */
    fx_status st = fx_query_scale(term, 0.0, out, NULL);
    fx_query_free(term);
    if (st != FX_OK) {
        snprintf(err, errlen, "out of memory");
        L->rc = FAH_EXIT_IO;
        return -1;
    }
    return 0;
}

int fah_request_query(fah_request *r, const char *cmd, fx_db *db, fah_analyzer *an, int allow_empty,
                      fx_query **out, fah_qterms *qt, fah_gazetteer **gaz) {
    *out = NULL;
    char err[800];
    fx_query *text_q = NULL;
    ent_lookup L = {db, an, gaz, qt, 0};
    fx_query *text_filter = NULL; /* the query's source:/date: when it has no words */
    if (r->text.len) {
        fah_entity_resolver res = {resolve_item, &L};
        fah_parse_status ps = fah_query_parse_with(an, r->text.data, &res, &text_q, qt, err, sizeof err);
        if (ps == FAH_PARSE_NOMEM) return FAH_EXIT_IO;
        if (ps == FAH_PARSE_FILTERS) {
            /* source:/date: only: they restrict whatever else was asked */
            text_filter = text_q;
            text_q = NULL;
            ps = FAH_PARSE_OK;
        }
        if (ps != FAH_PARSE_OK && !(ps == FAH_PARSE_EMPTY && (r->nents || allow_empty))) {
            fprintf(stderr, "%s: %s\n", cmd, err);
            return L.rc ? L.rc : FAH_EXIT_USAGE;
        }
        if (text_q && qt && !qt->text && fx_query_copy(text_q, &qt->text, NULL) != FX_OK) {
            fx_query_free(text_q);
            return FAH_EXIT_IO;
        }
    } else if (!r->nents && !allow_empty && !r->source && !r->from && !r->to) {
        fprintf(stderr, "%s: give a query, or a --leader, --country, --topic, --source or --from/--to\n", cmd);
        return FAH_EXIT_USAGE;
    }
    /* entity filters of the whole query and their mention weights */
    fx_query *ent_terms[32], *ent_weights[32];
    size_t ne = 0;
    for (size_t i = 0; i < r->nents && ne < 32; i++) {
        char key[300];
        int rc = entity_queries(&L, r->ents[i].kind, r->ents[i].name, text_q ? 10.0 : 1.0, &ent_terms[ne],
                                &ent_weights[ne], key, sizeof key, err, sizeof err);
        if (rc) {
            fprintf(stderr, "%s: %s\n", cmd, err);
            for (size_t j = 0; j < ne; j++) {
                fx_query_free(ent_terms[j]);
                fx_query_free(ent_weights[j]);
            }
            fx_query_free(text_q);
            return rc;
        }
        if (!text_q || r->rank_by_mentions) {
            mentions_part(qt, key, ent_weights[ne]);
        }
        ne++;
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
    if (!q) {
        fx_query_free(text_filter);
        return FAH_EXIT_IO;
    }
    if (text_filter) {
        fx_query *pair[2] = {q, text_filter}, *f = NULL;
        fx_status fs = fx_query_combine(FX_OP_FILTER, pair, 2, 0, &f, NULL);
        fx_query_free(text_filter);
        fx_query_free(q);
        if (fs != FX_OK) return FAH_EXIT_IO;
        q = f;
    }
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
        if ((r->from || r->to) && fx_query_value_range(FAH_SLOT_LOCAL_DATE, r->from ? lo : NULL, 14,
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
        /* -كلمة, and -leader:X / -title:X (a field excluded) */
        int field = 0;
        static const char *const fields_ex[] = {"leader:", "country:", "topic:", "title:", "source:", "date:"};
        for (size_t f = 0; a[0] == '-' && f < sizeof fields_ex / sizeof *fields_ex; f++)
            field |= strncasecmp((const char *)a + 1, fields_ex[f], strlen(fields_ex[f])) == 0;
        if (a[0] == '-' && (a[1] >= 0x80 || field) && strlen(argv[i]) + 2 <= sizeof buf[0]) {
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
