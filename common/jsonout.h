/*
 * jsonout.h - one JSON object per line on standard output (the --json
 * output of every command: JSON Lines).
 */
#ifndef FAHRAS_JSONOUT_H
#define FAHRAS_JSONOUT_H

#include <jansson.h>

/* Significant digits of JSON numbers with a fraction (scores, seconds,
 * milliseconds): 12, not the 17 that round-trip a double (6.2 rather than
 * 6.2000000000000002); --explain's parts still add up to the score within
 * 1e-9. */
#define FAH_JSON_DIGITS 12

/* Print o compactly, keys in insertion order, then a newline, and release
 * o (json_decref; NULL prints nothing).  U+2028 and U+2029 (line and
 * paragraph separators, which news text carries) are written as \u2028 and
 * \u2029 escapes: the same JSON value, but a reader that splits lines on
 * every Unicode line break (Python's str.splitlines, JavaScript before
 * ES2019) still sees one object per line (RFC 8259 section 7 allows the
 * escape; JSON Lines needs it).  Returns 0, or -1 when out of memory. */
int fah_json_put_line(json_t *o);

#endif
