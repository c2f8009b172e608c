#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    /* dd/mm/yyyy */
    if (sscanf(s, "%2d/%2d/%4d%n", &d, &mo, &y, &used) == 3 && s[used] == '\0')
        return build(y, mo, d, 0, 0, 0, 0, 0, out);
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
