#include "dbpath.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int fah_db_path(const char *opt, char *buf, size_t len) {
    const char *e;
    if (opt && *opt) {
        snprintf(buf, len, "%s", opt);
        return 0;
    }
    if ((e = getenv("FAHRAS_DB")) && *e) {
        snprintf(buf, len, "%s", e);
        return 0;
    }
    if ((e = getenv("XDG_DATA_HOME")) && *e) {
        snprintf(buf, len, "%s/fahras/db", e);
        return 0;
    }
    if ((e = getenv("HOME")) && *e) {
        snprintf(buf, len, "%s/.local/share/fahras/db", e);
        return 0;
    }
    return -1;
}

int fah_mkdir_parents(const char *path) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    size_t n = strlen(tmp);
    while (n > 1 && tmp[n - 1] == '/') tmp[--n] = '\0';
    char *slash = strrchr(tmp, '/');
    if (!slash || slash == tmp) return 0;
    *slash = '\0';
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(tmp, 0755) && errno != EEXIST) return -1;
        *p = '/';
    }
    if (mkdir(tmp, 0755) && errno != EEXIST) return -1;
    return 0;
}
