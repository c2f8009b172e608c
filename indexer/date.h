/*
 * date.h - article dates.
 *
 * Accepted forms (leading/trailing space ignored):
 *   RFC 822 / 2822 (section 3.3): "Sun, 18 Feb 2018 12:26:59 GMT", with
 *     zones GMT UT UTC Z, EST EDT CST CDT MST MDT PST PDT or +HHMM / -HHMM,
 *     the weekday and seconds optional;
 *   ISO 8601: "2018-02-18", "2018-02-18T12:26:59Z", "...+03:00", "+0300",
 *     fractional seconds ignored, and "YYYY-MM-DD HH:MM[:SS]";
 *   "dd/mm/yyyy", "dd-mm-yyyy", "dd.mm.yyyy" (day first, as in
 *   Arabic-language sources) and "yyyy/mm/dd";
 *   Arabic month names in day-month-year order, with or without weekday and
 *   time: Egyptian/Gulf (يناير ... ديسمبر), Levantine/Iraqi (كانون الثاني ...
 *   كانون الأول), Maghrebi (جانفي ... أوت) and pairs such as أيلول/سبتمبر;
 *   Hijri dates (محرم ... ذو الحجة, or a year below 1600, or a هـ mark),
 *   converted with ICU's Umm al-Qura calendar ("islamic-umalqura"), with
 *   the هـ mark spaced or glued to the year; a time followed by م / مساء / pm
 *   is afternoon, ص / صباحا / am morning.
 * Arabic-Indic and Persian digits are read as ASCII digits.
 * A date without a zone is taken as UTC.
 */
#ifndef FAHRAS_DATE_H
#define FAHRAS_DATE_H

#include <stddef.h>
#include <time.h>

typedef struct fah_date {
    time_t utc;       /* seconds since the epoch */
    int offset_min;   /* the source's UTC offset, minutes */
    int has_time;     /* 0 when only a day was given */
} fah_date;

/* Parse s; returns 0 on success, -1 when it is not a date form above or
 * not a valid calendar date. */
int fah_date_parse(const char *s, fah_date *out);

/* ISO 8601 in the source's offset: "2018-02-18T12:26:59+00:00", or
 * "2018-02-18" without time.  buf must hold 48 bytes. */
void fah_date_iso(const fah_date *d, char *buf);

/* Sort key: UTC "YYYYMMDDHHMMSS" (14 bytes + NUL; buf must hold 24), which
 * sorts byte-wise in time order. */
void fah_date_key(const fah_date *d, char *buf);

/* The same key in the source's own offset (the wall-clock date and time the
 * article shows; a date without a zone is UTC): for date filters. */
void fah_date_local_key(const fah_date *d, char *buf);

#endif
