/*
 * textutil.h - small string helpers for corpus parsers.
 */
#ifndef FAHRAS_TEXTUTIL_H
#define FAHRAS_TEXTUTIL_H

#include <stddef.h>

/* Case-insensitive (ASCII) search for needle in hay[0..len); NULL if absent. */
const char *fah_memcasemem(const char *hay, size_t len, const char *needle);

/* malloc()ed copy of s[0..len) with ASCII white space trimmed at both ends,
 * SGML/HTML character references (&amp; &lt; &gt; &quot; &apos; &nbsp;
 * &#N; &#xH;) decoded and, when strip_tags is set, <...> markup such as
 * <P> replaced by a newline.  NULL when out of memory. */
char *fah_text_extract(const char *s, size_t len, int strip_tags);

/* Fold every run of ASCII white space in s (malloc()ed, may be NULL) to
 * one space, in place; returns s. */
char *fah_one_line(char *s);

/* Number of '\n' in s[0..len). */
size_t fah_count_lines(const char *s, size_t len);

#endif
