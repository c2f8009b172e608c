#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct word {
    size_t norm, normlen, stem, stemlen; /* offsets into the field's text buffer */
    size_t start, end;                   /* offsets in the field text */
    int gap;                             /* punctuation (not just spaces) before this word */
    int number;
} word;

struct fah_tagger {
    const fah_gazetteer *g;
    word *w;
    size_t n, cap;
    fah_buf chars;     /* the field's normalized words and stems */
    fah_buf key;
    fah_tag *tags;     /* one per entity, lazily */
    size_t ntags_cap;
    long *touched;     /* entities with a tag this article */
    size_t ntouched, captouched;
    fah_tag *out;
    size_t nout, capout;
    char **cand;
    unsigned *cand_n;
    size_t ncand, capcand;
    const char *prev_text;
    size_t prev_end;
    int year;          /* the article's year, 0 when unknown */
    size_t skip_before; /* this field's words before this byte offset are a dateline */
};

/* Words after a title that do not end the search for a name. */
static const char *const title_adjectives[] = {
    "السابق", "الاسبق", "الجديد", "المنتخب", "المخلوع", "الراحل", "المكلف", "المءقت", "الانتقالي",
    "الحالي", "المقبل", "الشرعي", "المستقيل",
};

/* Nouns that make "الملك عبدالله" after them part of a place's or a
 * prize's name (مدينة الملك عبدالله, جسر الملك فهد): not a mention. */
static const char *const named_after[] = {
    "مدينه", "جامعه", "مطار", "مستشفي", "شارع", "جسر", "ميناء", "مركز", "مجمع", "قاعده", "ملعب",
    "استاد", "مءسسه", "جاءزه", "كليه", "مدرسه", "حي", "ساحه", "قاعه", "مكتبه", "مسجد", "طريق", "محطه",
    "برنامج", "صندوق", "مشروع", "مبادره", "وقف", "معهد", "متحف", "منحه", "بعثه",
};

/* Words that cannot be part of a leader candidate's name: function words,
 * and the nouns that follow a title word in office names (رئيس مجلس
 * الوزراء, رئيس حركة ...).  Normalized forms (normalize.h: ة -> ه). */
static const char *const not_names[] = {
    "في", "من", "علي", "الي", "عن", "مع", "ان", "انه", "الذي", "التي", "هو", "هي", "قال", "وقال",
    "بعد", "قبل", "خلال", "لدي", "او", "و", "لم", "لا", "ما", "كما", "بين", "منذ", "حتي", "عبر",
    "مجلس", "المجلس", "حكومه", "الحكومه", "دوله", "الدوله", "الوزراء", "وزراء", "الجمهوريه",
    "البلاد", "حزب", "الحزب", "حركه", "الحركه", "الاتحاد", "منظمه", "المنظمه", "البرلمان", "هيئه",
    "الهيئه", "اللجنه", "لجنه", "الاركان", "اركان", "السلطه", "سلطه", "الاقليم", "اقليم", "الدفاع",
    "الداخليه", "الخارجيه", "الماليه", "العام", "الاعلي", "الوطني", "المكتب", "مكتب", "الشركه",
    "شركه", "النادي", "نادي", "الاتحادي", "البنك", "بنك", "المجمع", "الجامعه", "جامعه", "بلاده",
    "نظيره", "نظيرته", "الحالي", "ان", "الذين", "الا", "اذا", "امس", "اليوم", "السبت", "الاحد",
    "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "اليمين", "المتحده",
    /* verbs that follow "الرئيس الفرنسي" when the name was given before */
    "قد", "لقد", "كان", "اكد", "قال", "اعلن", "شدد", "دعا", "بحث", "استقبل", "تلقي", "اجري", "وصل",
    "زار", "عبر", "اشار", "اوضح", "اضاف", "ابدي", "اعرب", "يزور", "يستقبل", "التقي", "ترءس",
    "تطلعه", "حرص", "رحب", "هنا", "ابلغ", "طالب", "وجه", "اتصل", "اعتبر", "نفي",
    /* seen after titles in ant-5k (a fresh user's trial) */
    "قاءلا", "يوم", "بان", "بانه", "وزير", "وزيره", "رءيس", "ناءب", "امام", "لكره", "الي", "حيث",
    "الذي", "عندما", "اليوم", "الاسبوع", "الماضي", "الحاليه", "السابقه", "نفسه", "شخصيا",
};

static int in_list(const char *const *list, size_t n, const char *s, size_t len) {
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0) return 1;
    return 0;
}

/* A word that cannot be part of a candidate name: in not_names, with or
 * without a leading و or ف. */
static int not_name(const char *s, size_t len) {
    size_t n = sizeof not_names / sizeof *not_names;
    if (in_list(not_names, n, s, len)) return 1;
    if (len > 2 && ((unsigned char)s[0] == 0xd9 && ((unsigned char)s[1] == 0x88 || (unsigned char)s[1] == 0x81)))
        return in_list(not_names, n, s + 2, len - 2);
    return 0;
}

int fah_tagger_new(const fah_gazetteer *g, fah_tagger **out) {
    fah_tagger *t = calloc(1, sizeof *t);
    if (!t) return -1;
    t->g = g;
    t->ntags_cap = fah_gazetteer_count(g);
    if (!(t->tags = calloc(t->ntags_cap ? t->ntags_cap : 1, sizeof *t->tags))) {
        free(t);
        return -1;
    }
    *out = t;
    return 0;
}

static void clear_candidates(fah_tagger *t) {
    for (size_t i = 0; i < t->ncand; i++) free(t->cand[i]);
    t->ncand = 0;
}

void fah_tagger_delete(fah_tagger *t) {
    if (!t) return;
    clear_candidates(t);
    free(t->cand);
    free(t->cand_n);
    free(t->w);
    fah_buf_free(&t->chars);
    fah_buf_free(&t->key);
    free(t->tags);
    free(t->touched);
    free(t->out);
    free(t);
}

void fah_tagger_begin(fah_tagger *t, int year) {
    t->year = year;
    for (size_t i = 0; i < t->ntouched; i++) memset(&t->tags[t->touched[i]], 0, sizeof(fah_tag));
    t->ntouched = 0;
    t->n = 0;

    fah_buf_reset(&t->chars);
    clear_candidates(t);
    t->prev_text = NULL;
}

void fah_tagger_skip_dateline(fah_tagger *t, const char *text, size_t len) {
    /* "دبي، الإمارات العربية المتحدة (CNN)-- ...", "بغداد - (رويترز) -": up to
     * ~8 words, a comma or dash among them, then a parenthesized source */
    t->skip_before = 0;
    size_t lim = len < 160 ? len : 160;
    const char *open = memchr(text, '(', lim);
    if (!open) return;
    const char *close = memchr(open, ')', lim - (size_t)(open - text));
    if (!close || close - open > 40) return;
    int words = 0, sep = 0;
    for (const char *p = text; p < open; p++) {
        if (*p == ' ' && p > text && p[-1] != ' ') words++;
        if (*p == ',' || *p == '-' || (p + 1 < open && (unsigned char)p[0] == 0xd8 && (unsigned char)p[1] == 0x8c))
            sep = 1;
        if (*p == '\n') return;
    }
    if (words > 8 || !sep) return;
    /* the parentheses hold a source: Latin letters (CNN, AFP) or a news agency */
    static const char *const agencies[] = {"رويترز", "ا ف ب", "أ ف ب", "أ.ف.ب", "د ب أ", "د.ب.أ", "واس", "وام",
                                           "قنا", "كونا", "بترا", "سانا", "الأناضول", "الاناضول", "بنا", "العمانية"};
    int latin = 1, agency = 0;
    for (const char *p = open + 1; p < close; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == ' ' || *p == '.')) latin = 0;
    for (size_t i = 0; i < sizeof agencies / sizeof *agencies && !agency; i++) {
        size_t al = strlen(agencies[i]);
        for (const char *p = open + 1; p + al <= close && !agency; p++) agency = memcmp(p, agencies[i], al) == 0;
    }
    if (!(latin && close > open + 1) && !agency) return;
    /* then a dash or colon */
    const char *q = close + 1, *end = text + len;
    while (q < end && *q == ' ') q++;
    if (!(q < end && (*q == '-' || *q == ':' || (q + 2 < end && (unsigned char)q[0] == 0xe2 && (unsigned char)q[1] == 0x80))))
        return;
    t->skip_before = (size_t)(close - text) + 1;
}

int fah_tagger_token(fah_tagger *t, const fah_token *tok, const char *text) {
    if (tok->start < t->skip_before) return 0;
    if (tok->colocated) {
        /* a compound name joined: it replaces its two words (gazetteer.c does the same) */
        if (t->n < 2) return 0;
        word first = t->w[t->n - 2];
        t->n -= 2;
        t->chars.len = first.norm;
        if (t->chars.data) t->chars.data[t->chars.len] = '\0';
        if (t->n == t->cap) return -1; /* cannot happen: we just freed two */
        word *w = &t->w[t->n];
        w->gap = first.gap;
        w->start = first.start;
        w->end = tok->end;
        w->number = 0;
        w->norm = t->chars.len;
        w->normlen = tok->norm_len;
        if (fah_buf_append(&t->chars, tok->norm, tok->norm_len) || fah_buf_putc(&t->chars, '\0')) return -1;
        w->stem = t->chars.len;
        w->stemlen = tok->stem_len;
        if (fah_buf_append(&t->chars, tok->stem, tok->stem_len) || fah_buf_putc(&t->chars, '\0')) return -1;
        t->n++;
        return 0;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        word *nw = realloc(t->w, cap * sizeof *nw);
        if (!nw) return -1;
        t->w = nw;
        t->cap = cap;
    }
    word *w = &t->w[t->n];
    w->gap = 0;
    if (t->n && t->prev_text == text) {
        for (size_t i = t->prev_end; i < tok->start; i++) {
            unsigned char c = (unsigned char)text[i];
            if (c != ' ' && c != '\n' && c != '\t') {
                w->gap = 1;
                break;
            }
        }
    }
    w->start = tok->start;
    w->end = tok->end;
    w->number = tok->is_number;
    w->norm = t->chars.len;
    w->normlen = tok->norm_len;
    if (fah_buf_append(&t->chars, tok->norm, tok->norm_len) || fah_buf_putc(&t->chars, '\0')) return -1;
    w->stem = t->chars.len;
    w->stemlen = tok->stem_len;
    if (fah_buf_append(&t->chars, tok->stem, tok->stem_len) || fah_buf_putc(&t->chars, '\0')) return -1;
    t->prev_text = text;
    t->prev_end = tok->end;
    t->n++;
    return 0;
}

static fah_tag *tag_of(fah_tagger *t, long e) {
    fah_tag *tg = &t->tags[e];
    if (!tg->mentions && !tg->metonyms && !tg->strong && tg->entity == 0) {
        if (t->ntouched == t->captouched) {
            size_t cap = t->captouched ? t->captouched * 2 : 32;
            long *nt = realloc(t->touched, cap * sizeof *nt);
            if (!nt) return NULL;
            t->touched = nt;
            t->captouched = cap;
        }
        t->touched[t->ntouched++] = e;
        tg->entity = e + 1; /* marks "touched"; fixed up in fah_tagger_tags */
    }
    return tg;
}

static int add_candidate(fah_tagger *t, const char *name, size_t len) {
    for (size_t i = 0; i < t->ncand; i++)
        if (strlen(t->cand[i]) == len && memcmp(t->cand[i], name, len) == 0) {
            t->cand_n[i]++;
            return 0;
        }
    if (t->ncand == t->capcand) {
        size_t cap = t->capcand ? t->capcand * 2 : 8;
        char **nc = realloc(t->cand, cap * sizeof *nc);
        if (!nc) return -1;
        t->cand = nc;
        unsigned *nn = realloc(t->cand_n, cap * sizeof *nn);
        if (!nn) return -1;
        t->cand_n = nn;
        t->capcand = cap;
    }
    if (!(t->cand[t->ncand] = strndup(name, len))) return -1;
    t->cand_n[t->ncand++] = 1;
    return 0;
}

#define NORM(t, i) ((t)->chars.data + (t)->w[i].norm)
#define STEM(t, i) ((t)->chars.data + (t)->w[i].stem)

/* The longest name phrase starting at word i: its length in words (0 if
 * none) and forms. */
static size_t longest_name(fah_tagger *t, size_t i, const fah_form **forms, size_t *nforms) {
    /* proclitics: و ف, then ب ك ل, then the article ال (ل + ال is written لل) */
    static const struct { const char *p; size_t len; } pre[] = {
        {"", 0},          {"ال", 4},    {"و", 2},     {"وال", 6},   {"ف", 2},     {"فال", 6},
        {"ب", 2},         {"بال", 6},   {"ك", 2},     {"كال", 6},   {"ل", 2},     {"لل", 4},
        {"وب", 4},        {"وبال", 8},  {"وك", 4},    {"وكال", 8},  {"ول", 4},    {"ولل", 6},
        {"فب", 4},        {"فبال", 8},  {"فك", 4},    {"فكال", 8},  {"فل", 4},    {"فلل", 6}};
    const char *w = NORM(t, i);
    size_t wl = t->w[i].normlen, best = 0;
    unsigned maxw = fah_gazetteer_max_words(t->g);
    /* only words that start with و ف ك ل ب or ا can carry a proclitic */
    const unsigned char *u = (const unsigned char *)w;
    int clitic = wl >= 2 && ((u[0] == 0xd9 && (u[1] == 0x88 || u[1] == 0x81 || u[1] == 0x83 || u[1] == 0x84)) ||
                             (u[0] == 0xd8 && (u[1] == 0xa8 || u[1] == 0xa7)));
    size_t npre = clitic ? sizeof pre / sizeof *pre : 1;
    for (size_t a = 0; a < npre; a++) {
        size_t pl = pre[a].len;
        if (pl) {
            if (wl < pl + 4) continue; /* keep two letters */
            /* prefixes are 2-8 bytes: an inline compare, not a memcmp call per entry */
            size_t j = 0;
            while (j < pl && w[j] == pre[a].p[j]) j++;
            if (j < pl) continue;
        }
        const char *rest = w + pl;
        size_t rl = wl - pl;
        if (!fah_gazetteer_name_start(t->g, rest, rl)) continue;
        fah_buf_reset(&t->key);
        fah_buf_append(&t->key, rest, rl);
        for (size_t k = 1; k <= maxw && i + k - 1 < t->n; k++) {
            if (k > 1) {
                if (t->w[i + k - 1].gap) break;
                fah_buf_putc(&t->key, ' ');
                fah_buf_append(&t->key, NORM(t, i + k - 1), t->w[i + k - 1].normlen);
            }
            size_t n;
            const fah_form *f = fah_gazetteer_names(t->g, t->key.data, t->key.len, &n);
            if (f && k > best) {
                best = k;
                *forms = f;
                *nforms = n;
            }
        }
    }
    return best;
}

/* Whether a known leader's name (not a titled form) starts at word i. */
static int starts_leader(fah_tagger *t, size_t i) {
    const fah_form *f = NULL;
    size_t nf = 0;
    if (!longest_name(t, i, &f, &nf)) return 0;
    for (size_t k = 0; k < nf; k++)
        if (f[k].entity >= 0 && f[k].kind == FAH_FORM_NAME &&
            fah_gazetteer_entity(t->g, (size_t)f[k].entity)->kind == FAH_ENT_LEADER)
            return 1;
    return 0;
}

static int match_names(fah_tagger *t) {
    int title_left = 0, candidate = 0;
    for (size_t i = 0; i < t->n;) {
        const fah_form *f = NULL;
        size_t nf = 0, len = longest_name(t, i, &f, &nf);
        int is_not = 0, is_title = 0, leader = 0, country = 0;
        for (size_t k = 0; k < nf; k++) {
            if (f[k].kind == FAH_FORM_NOT) is_not = 1;
            if (f[k].kind == FAH_FORM_TITLE) is_title = 1;
        }
        /* a key that names a leader and a country (كاميرون: Cameron, and
         * الكاميرون without its article): the leader */
        int names_leader = 0;
        for (size_t k = 0; k < nf; k++)
            if (f[k].entity >= 0 && f[k].kind == FAH_FORM_NAME &&
                fah_gazetteer_entity(t->g, (size_t)f[k].entity)->kind == FAH_ENT_LEADER)
                names_leader = 1;
        /* several leaders for one name: those in office in the article's year */
        int in_office = 0, leaders = 0;
        for (size_t k = 0; k < nf; k++) {
            if (f[k].entity < 0) continue;
            const fah_entity *e = fah_gazetteer_entity(t->g, (size_t)f[k].entity);
            if (e->kind != FAH_ENT_LEADER) continue;
            leaders++;
            in_office += t->year && e->from <= t->year && t->year <= e->to;
        }
        int by_year = leaders > 1 && in_office >= 1;
        if (len && !is_not) {
            for (size_t k = 0; k < nf; k++) {
                if (f[k].entity < 0) continue;
                const fah_entity *fe = fah_gazetteer_entity(t->g, (size_t)f[k].entity);
                if (names_leader && fe->kind == FAH_ENT_COUNTRY) continue;
                if (by_year && fe->kind == FAH_ENT_LEADER && !(fe->from <= t->year && t->year <= fe->to))
                    continue;
                fah_tag *tg;
                switch (f[k].kind) {
                    case FAH_FORM_NAME:
                        if (!(tg = tag_of(t, f[k].entity))) return -1;
                        tg->mentions++;
                        if (fah_gazetteer_entity(t->g, (size_t)f[k].entity)->kind == FAH_ENT_LEADER) leader = 1;
                        else country = 1;
                        break;
                    case FAH_FORM_TITLED:
                        if (title_left > 0) {
                            if (!(tg = tag_of(t, f[k].entity))) return -1;
                            tg->mentions++;
                            leader = 1;
                        }
                        break;
                    case FAH_FORM_METONYM:
                        if (!(tg = tag_of(t, f[k].entity))) return -1;
                        tg->metonyms++;
                        country = 1;
                        break;
                    default: break;
                }
            }
        }
        if (len && is_title && !leader) {
            if (i > 0 && !t->w[i].gap &&
                in_list(named_after, sizeof named_after / sizeof *named_after, NORM(t, i - 1), t->w[i - 1].normlen)) {
                /* مدينة الملك عبدالله: skip the title and the name after it */
                i += len;
                size_t nf2 = 0;
                const fah_form *f2 = NULL;
                size_t l2 = i < t->n ? longest_name(t, i, &f2, &nf2) : 0;
                i += l2 ? l2 : 1;
                title_left = candidate = 0;
                continue;
            }
            title_left = 3;
            candidate = 1;
            i += len;
            continue;
        }
        if (len && (leader || is_not)) {
            title_left = candidate = 0;
            i += len;
            continue;
        }
        if (len && country) {
            if (title_left) title_left--;
            i += len;
            continue;
        }
        /* a word no phrase starts at (or a titled form without a title) */
        if (title_left > 0 && !t->w[i].gap &&
            in_list(title_adjectives, sizeof title_adjectives / sizeof *title_adjectives, NORM(t, i),
                    t->w[i].normlen)) {
            title_left--;
            i++;
            continue;
        }
        if (title_left > 0 && !t->w[i].gap && t->w[i].normlen > 4 &&
            memcmp(NORM(t, i), "\xd9\x84\xd9\x84", 4) == 0) {
            /* a genitive after the title (الأمين العام للأمم المتحدة ...): skip it
             * and an adjective after it */
            i++;
            if (i < t->n && !t->w[i].gap && t->w[i].normlen > 4 && memcmp(NORM(t, i), "\xd8\xa7\xd9\x84", 4) == 0 &&
                !fah_gazetteer_name_start(t->g, NORM(t, i), t->w[i].normlen))
                i++;
            title_left--;
            continue;
        }
        if (candidate && title_left > 0 && !t->w[i].gap && !t->w[i].number && t->w[i].normlen >= 4 &&
            i + 1 < t->n && !t->w[i + 1].gap && starts_leader(t, i + 1)) {
            /* a first name before a known leader's surname (دونالد ترمب, رجب طيب أردوغان) */
            title_left = 2;
            i++;
            continue;
        }
        if (candidate && title_left > 0 && !t->w[i].gap && !t->w[i].number && t->w[i].normlen >= 4 &&
            (unsigned char)NORM(t, i)[0] >= 0xd8 &&
            !not_name(NORM(t, i), t->w[i].normlen)) {
            size_t k = 1;
            if (i + 1 < t->n && !t->w[i + 1].gap && !t->w[i + 1].number &&
                (unsigned char)NORM(t, i + 1)[0] >= 0xd8 &&
                !not_name(NORM(t, i + 1), t->w[i + 1].normlen))
                k = 2;
            fah_buf_reset(&t->key);
            for (size_t j = 0; j < k; j++) {
                if (j) fah_buf_putc(&t->key, ' ');
                fah_buf_append(&t->key, NORM(t, i + j), t->w[i + j].normlen);
            }
            if (add_candidate(t, t->key.data, t->key.len)) return -1;
            title_left = candidate = 0;
            i += k;
            continue;
        }
        title_left = candidate = 0;
        i++;
    }
    return 0;
}

static int match_triggers(fah_tagger *t) {
    unsigned maxw = fah_gazetteer_max_words(t->g);
    for (size_t i = 0; i < t->n; i++) {
        if (!fah_gazetteer_trigger_start(t->g, STEM(t, i), t->w[i].stemlen)) continue;
        fah_buf_reset(&t->key);
        size_t best = 0, nbest = 0;
        const fah_form *bf = NULL;
        for (size_t k = 1; k <= maxw && i + k - 1 < t->n; k++) {
            if (k > 1) {
                if (t->w[i + k - 1].gap) break;
                fah_buf_putc(&t->key, ' ');
            }
            fah_buf_append(&t->key, STEM(t, i + k - 1), t->w[i + k - 1].stemlen);
            size_t n;
            const fah_form *f = fah_gazetteer_triggers(t->g, t->key.data, t->key.len, &n);
            if (f) {
                best = k;
                bf = f;
                nbest = n;
            }
        }
        for (size_t k = 0; k < nbest; k++) {
            fah_tag *tg = tag_of(t, bf[k].entity);
            if (!tg) return -1;
            tg->mentions++;
            if (bf[k].kind == FAH_FORM_STRONG) tg->strong++;
        }
        if (best > 1) i += best - 1;
    }
    return 0;
}

int fah_tagger_field_end(fah_tagger *t) {
    int rc = 0;
    if (t->n) rc = match_names(t) || match_triggers(t) ? -1 : 0;
    t->n = 0;
    t->skip_before = 0;
    fah_buf_reset(&t->chars);
    t->prev_text = NULL;
    return rc;
}

int fah_tag_holds(const fah_gazetteer *g, const fah_tag *tag) {
    const fah_entity *e = fah_gazetteer_entity(g, (size_t)tag->entity);
    if (e->kind == FAH_ENT_TOPIC) return tag->strong >= 2 || (tag->strong >= 1 && tag->mentions >= 3) || tag->mentions >= 4;
    return tag->mentions >= 1 || tag->metonyms >= 1;
}

static int cmp_long(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

size_t fah_tagger_tags(fah_tagger *t, const fah_tag **out) {
    qsort(t->touched, t->ntouched, sizeof *t->touched, cmp_long);
    if (t->capout < t->ntouched) {
        fah_tag *o = realloc(t->out, t->ntouched * sizeof *o);
        if (!o) {
            *out = NULL;
            return 0;
        }
        t->out = o;
        t->capout = t->ntouched;
    }
    t->nout = 0;
    for (size_t i = 0; i < t->ntouched; i++) {
        fah_tag tg = t->tags[t->touched[i]];
        tg.entity = t->touched[i];
        if (fah_tag_holds(t->g, &tg)) t->out[t->nout++] = tg;
    }
    *out = t->out;
    return t->nout;
}

size_t fah_tagger_candidates(fah_tagger *t, const char *const **names, const unsigned **counts) {
    *names = (const char *const *)t->cand;
    *counts = t->cand_n;
    return t->ncand;
}
