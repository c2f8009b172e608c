#include "gazetteer.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>
#include <xxhash.h>

#include "../common/buf.h"
#include "embedded.h"
#include "strmap.h"


/* Title words before a leader's name (DESIGN.md; issue 6): longest first is
 * not needed, the tagger takes the longest match. */
static const char *const titles[] = {
    "الرئيس", "الرئيسة", "نائب الرئيس", "الملك", "العاهل", "ولي العهد", "الأمير", "أمير",
    "الشيخ", "السلطان", "المستشار", "المستشارة", "رئيس الوزراء", "رئيسة الوزراء", "رئيس الحكومة",
    "رئيسة الحكومة", "وزير الخارجية", "وزيرة الخارجية", "الأمين العام",
    "المرشد", "المرشد الأعلى", "الزعيم", "القائد", "رئيس مجلس النواب", "رئيس البرلمان",
    "رئيس المجلس الرئاسي", "رئيس المكتب السياسي", "رئيس مجلس الوزراء",
    "رئيس الجمهورية", "رئيسة الجمهورية", "رئيس مجلس السيادة", "رئيس السلطة الفلسطينية"};

/* ICU country names that are everyday words too: left out (the data file
 * adds unambiguous forms such as جمهورية مالي). */
static const char *const ambiguous_icu[] = {"مالي", "بنين", "عمان", "توغو", "جيرسي", "غيرنزي"};

struct fah_gazetteer {
    fah_entity *e;
    size_t n, cap;
    fah_strmap *names, *triggers, *labels, *name_first, *trigger_first, *ids;
    unsigned max_words;
    char version[96];
    fah_buf scratch;
};

typedef struct phrase_ctx {
    fah_buf norms, stems;   /* words separated by one space */
    unsigned nwords;
    size_t nstart[64], sstart[64]; /* where each word (with its space) starts */
} phrase_ctx;

#define PHRASE_CTX_INIT {FAH_BUF_INIT, FAH_BUF_INIT, 0, {0}, {0}}

static int on_phrase_token(void *vctx, const fah_token *t) {
    phrase_ctx *c = vctx;
    if (t->colocated) {
        /* a compound name joined (عبد الله -> عبدالله): it replaces its two words */
        if (c->nwords < 2) return 0;
        c->nwords -= 2;
        c->norms.len = c->nstart[c->nwords];
        c->stems.len = c->sstart[c->nwords];
        if (c->norms.data) c->norms.data[c->norms.len] = '\0';
        if (c->stems.data) c->stems.data[c->stems.len] = '\0';
    }
    if (c->nwords >= 64) return 0;
    c->nstart[c->nwords] = c->norms.len;
    c->sstart[c->nwords] = c->stems.len;
    if (c->nwords) {
        fah_buf_putc(&c->norms, ' ');
        fah_buf_putc(&c->stems, ' ');
    }
    fah_buf_append(&c->norms, t->norm, t->norm_len);
    fah_buf_append(&c->stems, t->stem, t->stem_len);
    c->nwords++;
    return 0;
}

/* Analyze a phrase into space-separated normalized words and stems. */
static int analyze(fah_analyzer *an, const char *s, size_t len, phrase_ctx *c) {
    fah_buf disp = FAH_BUF_INIT;
    fah_buf_reset(&c->norms);
    fah_buf_reset(&c->stems);
    c->nwords = 0;
    int rc = fah_analyzer_display(an, s, len, &disp);
    if (rc == 0) rc = fah_analyzer_tokenize(an, disp.data ? disp.data : "", disp.len, 1, on_phrase_token, c);
    fah_buf_free(&disp);
    if (!c->norms.data) fah_buf_puts(&c->norms, "");
    if (!c->stems.data) fah_buf_puts(&c->stems, "");
    return rc;
}

static int add_entity(fah_gazetteer *g, fah_ent_kind kind, const char *id, size_t *idx) {
    char key[300];
    snprintf(key, sizeof key, "%c:%s", kind == FAH_ENT_LEADER ? 'L' : kind == FAH_ENT_COUNTRY ? 'C' : 'T', id);
    size_t n;
    const long *have = fah_strmap_get(g->ids, key, strlen(key), &n);
    if (have) {
        *idx = (size_t)have[0];
        return 0;
    }
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 256;
        fah_entity *e = realloc(g->e, cap * sizeof *e);
        if (!e) return -1;
        g->e = e;
        g->cap = cap;
    }
    fah_entity *e = &g->e[g->n];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->from = 0;
    e->to = 9999;
    if (!(e->id = strdup(id))) return -1;
    long v = (long)g->n;
    if (fah_strmap_add(g->ids, key, strlen(key), &v, 1)) return -1;
    *idx = g->n++;
    return 0;
}

static void set_str(char **dst, const char *s) {
    if (*dst || !s || !*s) return;
    *dst = strdup(s);
}

/* Register an analyzed phrase (c->norms) under its first-word variants. */
static int add_name_key(fah_gazetteer *g, const char *key, size_t len, fah_form f, unsigned nwords) {
    if (!len) return 0;
    if (fah_strmap_add(g->names, key, len, &f, 1)) return -1;
    const char *sp = memchr(key, ' ', len);
    size_t fl = sp ? (size_t)(sp - key) : len;
    char one = 1;
    if (fah_strmap_add(g->name_first, key, fl, &one, 1)) return -1;
    if (nwords > g->max_words) g->max_words = nwords;
    return 0;
}

static int add_name(fah_gazetteer *g, fah_analyzer *an, phrase_ctx *c, const char *text, long ent,
                    fah_form_kind kind) {
    if (analyze(an, text, strlen(text), c) || !c->nwords) return 0;
    fah_form f = {ent, kind};
    const char *k = c->norms.data;
    size_t len = c->norms.len;
    if (add_name_key(g, k, len, f, c->nwords)) return -1;
    /* for a country the article ال of the first word is optional (العراق /
     * عراق); not for people: ألباريس is not باريس, الشرع not شرع */
    if (ent >= 0 && g->e[ent].kind == FAH_ENT_COUNTRY && len > 4 && memcmp(k, "\xd8\xa7\xd9\x84", 4) == 0 &&
        k[4] != ' ')
        if (add_name_key(g, k + 4, len - 4, f, c->nwords)) return -1;
    return 0;
}

/* nisba forms of a masculine singular base: -ي, -يه (ة), -يون, -يين, -يات, -يان */
static int add_nisba(fah_gazetteer *g, fah_analyzer *an, phrase_ctx *c, const char *base, long ent) {
    static const char *const suf[] = {"", "ة", "ون", "ين", "ات", "ان"};
    for (size_t i = 0; i < sizeof suf / sizeof *suf; i++) {
        char w[400];
        snprintf(w, sizeof w, "%s%s", base, suf[i]);
        if (add_name(g, an, c, w, ent, FAH_FORM_NAME)) return -1;
    }
    return 0;
}

static int add_trigger(fah_gazetteer *g, fah_analyzer *an, phrase_ctx *c, const char *text, long ent,
                       fah_form_kind kind) {
    if (analyze(an, text, strlen(text), c) || !c->nwords) return 0;
    fah_form f = {ent, kind};
    if (fah_strmap_add(g->triggers, c->stems.data, c->stems.len, &f, 1)) return -1;
    const char *sp = memchr(c->stems.data, ' ', c->stems.len);
    size_t fl = sp ? (size_t)(sp - c->stems.data) : c->stems.len;
    char one = 1;
    if (fah_strmap_add(g->trigger_first, c->stems.data, fl, &one, 1)) return -1;
    if (c->nwords > g->max_words) g->max_words = c->nwords;
    return 0;
}

/* labels: what users may type for --leader/--country/--topic */
static int add_label(fah_gazetteer *g, fah_analyzer *an, phrase_ctx *c, const char *text, long ent,
                     int analyzed) {
    char low[400];
    size_t n = 0;
    if (analyzed) {
        if (analyze(an, text, strlen(text), c) || !c->nwords) return 0;
        fah_form f = {ent, FAH_FORM_NAME};
        return fah_strmap_add(g->labels, c->norms.data, c->norms.len, &f, 1);
    }
    for (const char *p = text; *p && n + 1 < sizeof low; p++) low[n++] = (char)tolower((unsigned char)*p);
    low[n] = '\0';
    fah_form f = {ent, FAH_FORM_NAME};
    return fah_strmap_add(g->labels, low, n, &f, 1);
}

typedef struct loader {
    fah_gazetteer *g;
    fah_analyzer *an;
    phrase_ctx c;
    char *err;
    size_t errlen;
} loader;

static int fail(loader *L, const char *file, size_t line, const char *fmt, ...) {
    char m[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    if (L->err) snprintf(L->err, L->errlen, "gazetteer %s, line %zu: %s", file, line, m);
    return -1;
}

/* Call fn for each '|'-separated item of v. */
static int each_item(loader *L, char *v, long ent, int (*fn)(loader *, const char *, long, int), int arg) {
    for (char *p = v; p;) {
        char *bar = strchr(p, '|');
        if (bar) *bar = '\0';
        while (*p == ' ') p++;
        size_t l = strlen(p);
        while (l && p[l - 1] == ' ') p[--l] = '\0';
        if (*p && fn(L, p, ent, arg)) return -1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

static int it_name(loader *L, const char *s, long ent, int kind) {
    if (add_name(L->g, L->an, &L->c, s, ent, (fah_form_kind)kind)) return -1;
    if (kind == FAH_FORM_NAME) return add_label(L->g, L->an, &L->c, s, ent, 1);
    return 0;
}
static int it_nisba(loader *L, const char *s, long ent, int arg) {
    (void)arg;
    return add_nisba(L->g, L->an, &L->c, s, ent);
}
static int it_trigger(loader *L, const char *s, long ent, int kind) {
    if (add_trigger(L->g, L->an, &L->c, s, ent, (fah_form_kind)kind)) return -1;
    if (kind == FAH_FORM_STRONG) return add_label(L->g, L->an, &L->c, s, ent, 1);
    return 0;
}

static int valid_id(const char *id, fah_ent_kind k) {
    if (!*id) return 0;
    for (const char *p = id; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (k == FAH_ENT_COUNTRY ? !(isupper(ch) || isdigit(ch) || ch == '-')
                                 : !(islower(ch) || isdigit(ch) || ch == '-'))
            return 0;
    }
    return 1;
}

static int load_text(loader *L, const char *file, const char *data, size_t len) {
    fah_gazetteer *g = L->g;
    size_t line = 0;
    char from[1024]; /* "# from PATH" lines (fah_gazetteer_user_text) name the file again */
    const char *p = data, *end = data + len;
    char *buf = NULL;
    int rc = 0;
    while (p < end && rc == 0) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line++;
        free(buf);
        buf = strndup(p, l);
        p = nl ? nl + 1 : end;
        if (!buf) return fail(L, file, line, "out of memory");
        size_t bl = strlen(buf);
        while (bl && (buf[bl - 1] == '\r' || buf[bl - 1] == ' ')) buf[--bl] = '\0';
        if (strncmp(buf, "# from ", 7) == 0) {
            snprintf(from, sizeof from, "%s", buf + 7);
            file = from;
            line = 0;
            continue;
        }
        if (!bl || buf[0] == '#') continue;
        char *f[64];
        size_t nf = 0;
        for (char *q = buf; q && nf < 64;) {
            f[nf++] = q;
            q = strchr(q, '\t');
            if (q) *q++ = '\0';
        }
        if (nf < 2) { rc = fail(L, file, line, "need at least a kind and an id, TAB-separated"); break; }
        fah_ent_kind k;
        if (!strcmp(f[0], "leader")) k = FAH_ENT_LEADER;
        else if (!strcmp(f[0], "country")) k = FAH_ENT_COUNTRY;
        else if (!strcmp(f[0], "topic")) k = FAH_ENT_TOPIC;
        else { rc = fail(L, file, line, "unknown kind '%s' (leader, country, topic)", f[0]); break; }
        if (!valid_id(f[1], k)) {
            rc = fail(L, file, line, "bad id '%s' (%s)", f[1],
                      k == FAH_ENT_COUNTRY ? "an ISO code in capitals" : "lower-case ASCII, digits, '-'");
            break;
        }
        size_t idx;
        if (add_entity(g, k, f[1], &idx)) { rc = fail(L, file, line, "out of memory"); break; }
        long ent = (long)idx;
        add_label(g, L->an, &L->c, f[1], ent, 0);
        for (size_t i = 2; i < nf && rc == 0; i++) {
            char *eq = strchr(f[i], '=');
            if (!eq) { rc = fail(L, file, line, "field '%s' is not key=value", f[i]); break; }
            *eq = '\0';
            const char *key = f[i];
            char *v = eq + 1;
            fah_entity *e = &g->e[idx];
            if (!strcmp(key, "en")) {
                set_str(&e->en, v);
                rc = add_label(g, L->an, &L->c, v, ent, 0);
                /* a leader's English surname alone (macron); ambiguous ones
                 * resolve to "ambiguous" */
                const char *sp = strrchr(v, ' ');
                if (rc == 0 && k == FAH_ENT_LEADER && sp && sp[1]) rc = add_label(g, L->an, &L->c, sp + 1, ent, 0);
            } else if (!strcmp(key, "ar")) {
                char *first = strndup(v, strcspn(v, "|"));
                if (first && k != FAH_ENT_COUNTRY) set_str(&e->ar, first);
                if (first && k == FAH_ENT_COUNTRY && !e->ar) set_str(&e->ar, first);
                free(first);
                rc = k == FAH_ENT_TOPIC ? each_item(L, v, ent, it_trigger, FAH_FORM_STRONG)
                                        : each_item(L, v, ent, it_name, FAH_FORM_NAME);
            } else if (k == FAH_ENT_LEADER && !strcmp(key, "alias")) {
                rc = each_item(L, v, ent, it_name, FAH_FORM_NAME);
            } else if (k == FAH_ENT_LEADER && !strcmp(key, "titled")) {
                rc = each_item(L, v, ent, it_name, FAH_FORM_TITLED);
            } else if (k == FAH_ENT_LEADER && !strcmp(key, "country")) {
                set_str(&e->country, v);
            } else if (k == FAH_ENT_LEADER && !strcmp(key, "role")) {
                set_str(&e->roles, v);
                /* years in office: the span of all role items "slug:FROM-TO" */
                int lo = 99999, hi = 0;
                for (const char *r = v; r && *r;) {
                    const char *colon = strchr(r, ':');
                    const char *bar = strchr(r, '|');
                    if (colon && (!bar || colon < bar)) {
                        int y1 = atoi(colon + 1), y2 = 9999;
                        const char *dash = strchr(colon, '-');
                        if (dash && (!bar || dash < bar) && dash[1] >= '0' && dash[1] <= '9') y2 = atoi(dash + 1);
                        if (y1 && y1 < lo) lo = y1;
                        if (y2 > hi) hi = y2;
                    }
                    r = bar ? bar + 1 : NULL;
                }
                if (hi) {
                    e->from = lo == 99999 ? 0 : lo;
                    e->to = hi;
                }
            } else if (k == FAH_ENT_COUNTRY && !strcmp(key, "nisba")) {
                rc = each_item(L, v, ent, it_nisba, 0);
            } else if (k == FAH_ENT_COUNTRY && !strcmp(key, "metonym")) {
                rc = each_item(L, v, ent, it_name, FAH_FORM_METONYM);
            } else if (k == FAH_ENT_COUNTRY && !strcmp(key, "not")) {
                rc = each_item(L, v, ent, it_name, FAH_FORM_NOT);
            } else if (k == FAH_ENT_TOPIC && !strcmp(key, "trigger")) {
                rc = each_item(L, v, ent, it_trigger, FAH_FORM_TRIGGER);
            } else if (k == FAH_ENT_TOPIC && !strcmp(key, "strong")) {
                rc = each_item(L, v, ent, it_trigger, FAH_FORM_STRONG);
            } else {
                rc = fail(L, file, line, "unknown key '%s' for a %s", key, f[0]);
            }
            if (rc && L->err && !strstr(L->err, "line")) fail(L, file, line, "out of memory");
        }
    }
    free(buf);
    return rc;
}

/* ICU's Arabic name of every ISO country. */
static int load_icu(loader *L) {
    const char *const *codes = uloc_getISOCountries();
    for (size_t i = 0; codes && codes[i]; i++) {
        char loc[16];
        snprintf(loc, sizeof loc, "und_%s", codes[i]);
        UChar u[256];
        UErrorCode st = U_ZERO_ERROR;
        int32_t ul = uloc_getDisplayCountry(loc, "ar", u, 256, &st);
        if (U_FAILURE(st) || ul <= 0) continue;
        char name[1024];
        int32_t nl = 0;
        st = U_ZERO_ERROR;
        u_strToUTF8(name, sizeof name, &nl, u, ul, &st);
        if (U_FAILURE(st)) continue;
        size_t idx;
        if (add_entity(L->g, FAH_ENT_COUNTRY, codes[i], &idx)) return -1;
        fah_entity *e = &L->g->e[idx];
        free(e->ar);
        e->ar = strdup(name); /* ICU's name is the display name */
        add_label(L->g, L->an, &L->c, codes[i], (long)idx, 0);
        /* compared after normalization: ICU writes عُمان with a damma */
        int skip = 0;
        if (analyze(L->an, name, strlen(name), &L->c) == 0) {
            fah_buf norm = FAH_BUF_INIT;
            fah_buf_append(&norm, L->c.norms.data, L->c.norms.len);
            for (size_t k = 0; k < sizeof ambiguous_icu / sizeof *ambiguous_icu && !skip; k++)
                if (analyze(L->an, ambiguous_icu[k], strlen(ambiguous_icu[k]), &L->c) == 0)
                    skip = norm.len == L->c.norms.len && memcmp(norm.data, L->c.norms.data, norm.len) == 0;
            fah_buf_free(&norm);
        }
        if (skip) continue;
        /* "هونغ كونغ الصينية (منطقة إدارية خاصة)": the part before '(' */
        char *paren = strstr(name, " (");
        if (paren) *paren = '\0';
        if (it_name(L, name, (long)idx, FAH_FORM_NAME)) return -1;
    }
    return 0;
}

static int read_file(const char *path, fah_buf *d, char *errbuf, size_t errlen) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errbuf) snprintf(errbuf, errlen, "cannot read gazetteer %s", path);
        return -1;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) fah_buf_append(d, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad && errbuf) snprintf(errbuf, errlen, "cannot read gazetteer %s (a directory?)", path);
    return bad ? -1 : 0;
}

int fah_gazetteer_user_text(const char *const *files, size_t nfiles, fah_buf *out, char *errbuf,
                            size_t errlen) {
    fah_buf_reset(out);
    for (size_t i = 0; i < nfiles; i++) {
        fah_buf_printf(out, "# from %s\n", files[i]);
        if (read_file(files[i], out, errbuf, errlen)) return -1;
        if (out->len && out->data[out->len - 1] != '\n') fah_buf_putc(out, '\n');
    }
    return 0;
}

int fah_gazetteer_new(fah_analyzer *an, const char *const *files, size_t nfiles, const char *stored,
                      size_t stored_len, fah_gazetteer **out, char *errbuf, size_t errlen) {
    *out = NULL;
    fah_gazetteer *g = calloc(1, sizeof *g);
    if (!g) return -1;
    g->names = fah_strmap_new(sizeof(fah_form));
    g->triggers = fah_strmap_new(sizeof(fah_form));
    g->labels = fah_strmap_new(sizeof(fah_form));
    g->name_first = fah_strmap_new(1);
    g->trigger_first = fah_strmap_new(1);
    g->ids = fah_strmap_new(sizeof(long));
    loader L = {g, an, PHRASE_CTX_INIT, errbuf, errlen};
    XXH3_state_t *hs = XXH3_createState();
    int rc = (!g->names || !g->triggers || !g->labels || !g->name_first || !g->trigger_first ||
              !g->ids || !hs) ? -1 : 0;
    if (hs) XXH3_64bits_reset(hs);
    for (size_t i = 0; rc == 0 && i < sizeof titles / sizeof *titles; i++) {
        fah_form f = {-1, FAH_FORM_TITLE};
        if (analyze(an, titles[i], strlen(titles[i]), &L.c) == 0 && L.c.nwords)
            rc = add_name_key(g, L.c.norms.data, L.c.norms.len, f, L.c.nwords);
    }
    /* countries from ICU first, so the data files add to them */
    if (rc == 0) rc = load_icu(&L);
    for (size_t i = 0; rc == 0 && i < fah_gazetteer_nfiles; i++) {
        XXH3_64bits_update(hs, fah_gazetteer_files[i].data, fah_gazetteer_files[i].len);
        rc = load_text(&L, fah_gazetteer_files[i].name, fah_gazetteer_files[i].data, fah_gazetteer_files[i].len);
    }
    for (size_t i = 0; rc == 0 && i < nfiles; i++) {
        fah_buf d = FAH_BUF_INIT;
        rc = read_file(files[i], &d, errbuf, errlen);
        if (rc == 0) {
            XXH3_64bits_update(hs, d.data ? d.data : "", d.len);
            rc = load_text(&L, files[i], d.data ? d.data : "", d.len);
        }
        fah_buf_free(&d);
    }
    if (rc == 0 && stored && stored_len) {
        XXH3_64bits_update(hs, stored, stored_len);
        rc = load_text(&L, "(the user gazetteers kept in the database)", stored, stored_len);
    }
    if (rc == 0)
        snprintf(g->version, sizeof g->version, "%s.%s.%016llx", FAH_TAGGER_VERSION, U_ICU_VERSION,
                 (unsigned long long)XXH3_64bits_digest(hs));
    if (hs) XXH3_freeState(hs);
    fah_buf_free(&L.c.norms);
    fah_buf_free(&L.c.stems);
    if (rc) {
        if (errbuf && !errbuf[0]) snprintf(errbuf, errlen, "cannot build the gazetteer (out of memory)");
        fah_gazetteer_delete(g);
        return -1;
    }
    *out = g;
    return 0;
}

void fah_gazetteer_delete(fah_gazetteer *g) {
    if (!g) return;
    for (size_t i = 0; i < g->n; i++) {
        free(g->e[i].id);
        free(g->e[i].ar);
        free(g->e[i].en);
        free(g->e[i].country);
        free(g->e[i].roles);
    }
    free(g->e);
    fah_strmap_delete(g->names);
    fah_strmap_delete(g->triggers);
    fah_strmap_delete(g->labels);
    fah_strmap_delete(g->name_first);
    fah_strmap_delete(g->trigger_first);
    fah_strmap_delete(g->ids);
    fah_buf_free(&g->scratch);
    free(g);
}

const char *fah_gazetteer_version(const fah_gazetteer *g) { return g->version; }
size_t fah_gazetteer_count(const fah_gazetteer *g) { return g->n; }
const fah_entity *fah_gazetteer_entity(const fah_gazetteer *g, size_t i) { return &g->e[i]; }
unsigned fah_gazetteer_max_words(const fah_gazetteer *g) { return g->max_words; }

void fah_gazetteer_key(const fah_gazetteer *g, size_t i, char *buf, size_t len) {
    const fah_entity *e = &g->e[i];
    snprintf(buf, len, "%c:%s", e->kind == FAH_ENT_LEADER ? 'L' : e->kind == FAH_ENT_COUNTRY ? 'C' : 'T',
             e->id);
}

long fah_gazetteer_find_key(const fah_gazetteer *g, const char *key) {
    size_t n;
    const long *v = fah_strmap_get(g->ids, key, strlen(key), &n);
    return v ? v[0] : -1;
}

const fah_form *fah_gazetteer_names(const fah_gazetteer *g, const char *key, size_t len, size_t *n) {
    return fah_strmap_get(g->names, key, len, n);
}
const fah_form *fah_gazetteer_triggers(const fah_gazetteer *g, const char *key, size_t len, size_t *n) {
    return fah_strmap_get(g->triggers, key, len, n);
}
int fah_gazetteer_name_start(const fah_gazetteer *g, const char *w, size_t len) {
    size_t n;
    return fah_strmap_get(g->name_first, w, len, &n) != NULL;
}
int fah_gazetteer_trigger_start(const fah_gazetteer *g, const char *w, size_t len) {
    size_t n;
    return fah_strmap_get(g->trigger_first, w, len, &n) != NULL;
}

static long pick(const fah_gazetteer *g, const fah_form *f, size_t n, fah_ent_kind kind, long *other) {
    long found = -1;
    for (size_t i = 0; i < n; i++) {
        if (f[i].entity < 0 || g->e[f[i].entity].kind != kind) continue;
        if (found >= 0 && found != f[i].entity) {
            *other = f[i].entity;
            return -2;
        }
        found = f[i].entity;
    }
    return found;
}

long fah_gazetteer_resolve(const fah_gazetteer *g, fah_analyzer *an, fah_ent_kind kind,
                           const char *name, long *other) {
    *other = -1;
    char low[400];
    size_t n = 0, cnt;
    for (const char *p = name; *p && n + 1 < sizeof low; p++) low[n++] = (char)tolower((unsigned char)*p);
    low[n] = '\0';
    const fah_form *f = fah_strmap_get(g->labels, low, n, &cnt);
    long r = f ? pick(g, f, cnt, kind, other) : -1;
    if (r != -1) return r;
    /* an ISO code typed in lower case */
    if (kind == FAH_ENT_COUNTRY && n == 2) {
        char key[8] = {'C', ':', (char)toupper((unsigned char)low[0]), (char)toupper((unsigned char)low[1]), 0};
        long k = fah_gazetteer_find_key(g, key);
        if (k >= 0) return k;
    }
    phrase_ctx c = PHRASE_CTX_INIT;
    r = -1;
    if (analyze(an, name, strlen(name), &c) == 0 && c.nwords) {
        const char *k = c.norms.data;
        size_t kl = c.norms.len;
        for (int pass = 0; pass < 2 && r == -1; pass++) {
            if ((f = fah_strmap_get(g->labels, k, kl, &cnt))) r = pick(g, f, cnt, kind, other);
            if (r == -1 && (f = fah_strmap_get(g->names, k, kl, &cnt))) r = pick(g, f, cnt, kind, other);
            if (r == -1 && kind == FAH_ENT_TOPIC && (f = fah_strmap_get(g->triggers, c.stems.data, c.stems.len, &cnt)))
                r = pick(g, f, cnt, kind, other);
            /* without the article: عراق for العراق */
            if (kl > 4 && memcmp(k, "\xd8\xa7\xd9\x84", 4) == 0) {
                k += 4;
                kl -= 4;
            } else {
                break;
            }
        }
    }
    fah_buf_free(&c.norms);
    fah_buf_free(&c.stems);
    return r;
}
