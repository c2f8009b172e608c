#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucal.h>

#include "../common/buf.h"
#include "../stemmer/normalize.h"

static int month_num(const char *s) {
    static const char *m[] = {"jan", "feb", "mar", "apr", "may", "jun",
                              "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; i++)
        if (strncasecmp(s, m[i], 3) == 0) return i + 1;
    return 0;
}

static int days_in_month(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

static int build(int y, int mo, int d, int h, int mi, int s, int off, int has_time,
                 fah_date *out) {
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h < 0 ||
        h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60 || off < -14 * 60 || off > 14 * 60)
        return -1;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s > 59 ? 59 : s;
    out->utc = timegm(&tm) - (time_t)off * 60;
    out->offset_min = off;
    out->has_time = has_time;
    return 0;
}

/* Parse a zone at p: returns minutes and sets *ok. */
static int parse_zone(const char *p, int *ok) {
    while (*p == ' ') p++;
    *ok = 1;
    if (!*p || !strcasecmp(p, "GMT") || !strcasecmp(p, "UT") || !strcasecmp(p, "UTC") ||
        !strcasecmp(p, "Z"))
        return 0;
    /* RFC 822 section 5.1 zone names */
    static const struct { const char *n; int off; } zones[] = {
        {"EST", -300}, {"EDT", -240}, {"CST", -360}, {"CDT", -300},
        {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420},
    };
    for (size_t k = 0; k < sizeof zones / sizeof zones[0]; k++)
        if (!strcasecmp(p, zones[k].n)) return zones[k].off;
    if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1;
        p++;
        int hh = 0, mm = 0;
        if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1])) {
            hh = (p[0] - '0') * 10 + (p[1] - '0');
            p += 2;
            if (*p == ':') p++;
            if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1])) {
                mm = (p[0] - '0') * 10 + (p[1] - '0');
                p += 2;
            }
            while (*p == ' ') p++;
            if (*p == '\0' || *p == '(') return sign * (hh * 60 + mm);
        }
    }
    *ok = 0;
    return 0;
}

/* ---- dates written with Arabic month names ---------------------------- */

typedef struct month_name {
    const char *name;  /* normalized (normalize.h), one or two words */
    int month;         /* 1-12 */
    int hijri;
} month_name;

static const month_name months[] = {
    /* Egypt, the Gulf (from the European names) */
    {"يناير", 1, 0}, {"فبراير", 2, 0}, {"مارس", 3, 0}, {"ابريل", 4, 0}, {"مايو", 5, 0},
    {"يونيو", 6, 0}, {"يونيه", 6, 0}, {"يوليو", 7, 0}, {"يوليه", 7, 0}, {"اغسطس", 8, 0},
    {"سبتمبر", 9, 0}, {"اكتوبر", 10, 0}, {"نوفمبر", 11, 0}, {"ديسمبر", 12, 0},
    /* the Levant and Iraq (Syriac names) */
    {"كانون الثاني", 1, 0}, {"شباط", 2, 0}, {"اذار", 3, 0}, {"نيسان", 4, 0}, {"ايار", 5, 0},
    {"حزيران", 6, 0}, {"تموز", 7, 0}, {"اب", 8, 0}, {"ايلول", 9, 0}, {"تشرين الاول", 10, 0},
    {"تشرين الثاني", 11, 0}, {"كانون الاول", 12, 0},
    /* the Maghreb (from the French names) */
    {"جانفي", 1, 0}, {"فيفري", 2, 0}, {"افريل", 4, 0}, {"ماي", 5, 0}, {"جوان", 6, 0},
    {"جويليه", 7, 0}, {"اوت", 8, 0},
    /* Hijri */
    {"محرم", 1, 1}, {"صفر", 2, 1}, {"ربيع الاول", 3, 1}, {"ربيع الاخر", 4, 1},
    {"ربيع الثاني", 4, 1}, {"جمادي الاولي", 5, 1}, {"جمادي الاول", 5, 1},
    {"جمادي الاخره", 6, 1}, {"جمادي الثانيه", 6, 1}, {"جمادي الاخر", 6, 1}, {"رجب", 7, 1},
    {"شعبان", 8, 1}, {"رمضان", 9, 1}, {"شوال", 10, 1}, {"ذو القعده", 11, 1},
    {"ذي القعده", 11, 1}, {"ذو الحجه", 12, 1}, {"ذي الحجه", 12, 1},
};

/* Split s into normalized words (separators: space / ( ) , - and Arabic
 * comma); at most 16 words of 63 bytes. */
static int words_of(const char *s, char w[16][64]) {
    int n = 0;
    fah_buf b = FAH_BUF_INIT;
    const char *p = s;
    while (*p && n < 16) {
        while (*p && strchr(" \t/(),-|", *p)) p++;
        if (!strncmp(p, "\xd8\x8c", 2)) { /* ، */
            p += 2;
            continue;
        }
        const char *e = p;
        while (*e && !strchr(" \t/(),-|", *e) && strncmp(e, "\xd8\x8c", 2) != 0) e++;
        if (e > p) {
            if (fah_normalize_token(p, (size_t)(e - p), &b) == 0 && b.len && b.len < 64) {
                memcpy(w[n], b.data, b.len + 1);
                n++;
            }
        }
        p = e;
    }
    fah_buf_free(&b);
    return n;
}

static int number(const char *w, int *v) {
    if (!*w) return 0;
    int x = 0;
    for (const char *p = w; *p; p++) {
        if (!isdigit((unsigned char)*p)) return 0;
        if (x > 100000) return 0;
        x = x * 10 + (*p - '0');
    }
    *v = x;
    return 1;
}

/* Hijri (Umm al-Qura, ICU's "islamic-umalqura" calendar) date to time_t
 * at 00:00 UTC; -1 when ICU refuses it. */
static int hijri_to_utc(int y, int m, int d, time_t *out) {
    UErrorCode st = U_ZERO_ERROR;
    static const UChar utc[] = {'U', 'T', 'C', 0};
    UCalendar *cal = ucal_open(utc, -1, "ar@calendar=islamic-umalqura", UCAL_DEFAULT, &st);
    if (U_FAILURE(st)) return -1;
    ucal_clear(cal);
    ucal_setDate(cal, y, m - 1, d, &st);
    UDate ms = ucal_getMillis(cal, &st);
    ucal_close(cal);
    if (U_FAILURE(st)) return -1;
    *out = (time_t)(ms / 1000.0);
    return 0;
}

/* "15 أيلول/سبتمبر 2018", "الاثنين 23 تموز 2018 10:30", "15 رمضان 1436 هـ". */
static int parse_arabic(const char *s, fah_date *out) {
    char w[16][64];
    int n = words_of(s, w);
    int day = 0, month = 0, year = 0, hijri = 0, h = 0, mi = 0, has_time = 0;
    for (int i = 0; i < n; i++) {
        int v;
        if (strchr(w[i], ':')) {
            if (sscanf(w[i], "%d:%d", &h, &mi) == 2) has_time = 1;
            continue;
        }
        if (number(w[i], &v)) {
            if (v >= 1000 && !year) year = v;
            else if (v >= 1 && v <= 31 && !day) day = v;
            continue;
        }
        if (!strcmp(w[i], "ه") || !strcmp(w[i], "هـ") || !strcmp(w[i], "هجري") ||
            !strcmp(w[i], "هجريه")) {
            hijri = 1;
            continue;
        }
        /* 12-hour clock: م / مساء / pm after the time, ص / صباحا / am */
        if (has_time && (!strcmp(w[i], "م") || !strcmp(w[i], "مساء") || !strcmp(w[i], "مساءا") ||
                         !strcasecmp(w[i], "pm"))) {
            if (h < 12) h += 12;
            continue;
        }
        if (has_time && (!strcmp(w[i], "ص") || !strcmp(w[i], "صباحا") || !strcasecmp(w[i], "am"))) {
            if (h == 12) h = 0;
            continue;
        }
        /* a year with the Hijri mark glued on: 1440هـ */
        {
            size_t L = strlen(w[i]);
            if (L > 2 && (unsigned char)w[i][L - 2] == 0xD9 && (unsigned char)w[i][L - 1] == 0x87) {
                char num[64];
                memcpy(num, w[i], L - 2);
                num[L - 2] = '\0';
                if (number(num, &v) && v >= 1000) {
                    year = v;
                    hijri = 1;
                    continue;
                }
            }
        }
        if (month) continue;
        for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
            const char *mn = months[k].name;
            const char *sp = strchr(mn, ' ');
            int match = 0;
            if (!sp) match = !strcmp(w[i], mn);
            else if (i + 1 < n && strlen(w[i]) == (size_t)(sp - mn) &&
                     !strncmp(w[i], mn, (size_t)(sp - mn)) && !strcmp(w[i + 1], sp + 1))
                match = 2;
            if (match) {
                month = months[k].month;
                if (months[k].hijri) hijri = 1;
                if (match == 2) i++;
                break;
            }
        }
    }
    if (!day || !month || !year) return -1;
    if (hijri || year < 1600) {
        time_t t;
        if (year > 1600 || day > 30 || hijri_to_utc(year, month, day, &t)) return -1;
        out->utc = t + (has_time ? h * 3600 + mi * 60 : 0);
        out->offset_min = 0;
        out->has_time = has_time;
        return 0;
    }
    return build(year, month, day, h, mi, 0, 0, has_time, out);
}

int fah_date_parse(const char *in, fah_date *out) {
    char s[128];
    while (isspace((unsigned char)*in)) in++;
    /* copy, folding Arabic-Indic (U+0660-0669) and Persian (U+06F0-06F9)
     * digits to ASCII */
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
        if (n + 1 >= sizeof s) return -1;
        if ((p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) ||
            (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9)) {
            s[n++] = (char)('0' + (p[1] & 0x0F));
            p++;
            continue;
        }
        s[n++] = (char)*p;
    }
    while (n && isspace((unsigned char)s[n - 1])) n--;
    if (n == 0) return -1;
    s[n] = '\0';
    int y, mo, d, h = 0, mi = 0, sec = 0, used = 0, ok;
    /* ISO 8601 */
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) == 3 && used == 10) {
        const char *p = s + used;
        if (*p == '\0') return build(y, mo, d, 0, 0, 0, 0, 0, out);
        if (*p != 'T' && *p != 't' && *p != ' ') return -1;
        p++;
        int u2 = 0;
        if (sscanf(p, "%2d:%2d%n", &h, &mi, &u2) != 2) return -1;
        p += u2;
        if (*p == ':') {
            int u3 = 0;
            if (sscanf(p + 1, "%2d%n", &sec, &u3) != 1) return -1;
            p += 1 + u3;
            if (*p == '.' || *p == ',') {
                p++;
                while (isdigit((unsigned char)*p)) p++;
            }
        }
        int off = parse_zone(p, &ok);
        if (!ok) return -1;
        return build(y, mo, d, h, mi, sec, off, 1, out);
    }
    /* dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (day first, as Arabic sources
     * write them), and yyyy/mm/dd */
    char sep;
    if (sscanf(s, "%2d%c%2d%*c%4d%n", &d, &sep, &mo, &y, &used) == 4 && s[used] == '\0' &&
        (sep == '/' || sep == '-' || sep == '.') && s[used - 5] == sep)
        return build(y, mo, d, 0, 0, 0, 0, 0, out);
    if (sscanf(s, "%4d/%2d/%2d%n", &y, &mo, &d, &used) == 3 && s[used] == '\0')
        return build(y, mo, d, 0, 0, 0, 0, 0, out);
    /* Arabic month names and Hijri dates */
    for (const char *q = s; *q; q++)
        if ((unsigned char)*q >= 0x80) return parse_arabic(s, out);
    /* RFC 822: [Day,] DD Mon YYYY HH:MM[:SS] zone */
    const char *p = s;
    const char *comma = strchr(s, ',');
    if (comma) p = comma + 1;
    while (*p == ' ') p++;
    char mon[16];
    used = 0;
    if (sscanf(p, "%2d %15s %4d%n", &d, mon, &y, &used) != 3) return -1;
    mo = month_num(mon);
    if (!mo) return -1;
    p += used;
    while (*p == ' ') p++;
    if (*p == '\0') return build(y, mo, d, 0, 0, 0, 0, 0, out);
    int u2 = 0;
    if (sscanf(p, "%2d:%2d%n", &h, &mi, &u2) != 2) return -1;
    p += u2;
    if (*p == ':') {
        int u3 = 0;
        if (sscanf(p + 1, "%2d%n", &sec, &u3) != 1) return -1;
        p += 1 + u3;
    }
    int off = parse_zone(p, &ok);
    if (!ok) return -1;
    return build(y, mo, d, h, mi, sec, off, 1, out);
}

void fah_date_iso(const fah_date *d, char *buf) {
    time_t local = d->utc + (time_t)d->offset_min * 60;
    struct tm tm;
    gmtime_r(&local, &tm);
    if (!d->has_time) {
        snprintf(buf, 48, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        return;
    }
    int off = d->offset_min < 0 ? -d->offset_min : d->offset_min;
    snprintf(buf, 48, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
             d->offset_min < 0 ? '-' : '+', off / 60, off % 60);
}

void fah_date_key(const fah_date *d, char *buf) {
    struct tm tm;
    gmtime_r(&d->utc, &tm);
    strftime(buf, 24, "%Y%m%d%H%M%S", &tm);
}

void fah_date_local_key(const fah_date *d, char *buf) {
    time_t local = d->utc + (time_t)d->offset_min * 60;
    struct tm tm;
    gmtime_r(&local, &tm);
    strftime(buf, 24, "%Y%m%d%H%M%S", &tm);
}
