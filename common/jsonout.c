#include "jsonout.h"

#include <stdio.h>
#include <stdlib.h>

int fah_json_put_line(json_t *o) {
    if (!o) return 0;
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(FAH_JSON_DIGITS));
    json_decref(o);
    if (!s) return -1;
    /* jansson leaves U+2028/U+2029 raw (E2 80 A8 / E2 80 A9); inside a
     * JSON text they can only occur in strings, so escaping them in place
     * keeps the value */
    for (const char *p = s; *p; p++) {
        if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9)) {
            fputs((unsigned char)p[2] == 0xA8 ? "\\u2028" : "\\u2029", stdout);
            p += 2;
        } else {
            putchar(*p);
        }
    }
    putchar('\n');
    free(s);
    return 0;
}
