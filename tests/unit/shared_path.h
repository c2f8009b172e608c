/* shared_path.h - how unit tests find ../shared (DESIGN.md, Contract):
 * $FAHRAS_SHARED, else <source dir>/../shared.  When it is absent the test
 * exits 77 (skipped), or fails when CI=true. */
#ifndef FAHRAS_TEST_SHARED_PATH_H
#define FAHRAS_TEST_SHARED_PATH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FAHRAS_SOURCE_DIR
#define FAHRAS_SOURCE_DIR "."
#endif

/* Path of `sub` under the shared folder into buf, or exit 77 / 1. */
static inline void shared_path(const char *sub, char *buf, size_t len) {
    const char *env = getenv("FAHRAS_SHARED");
    if (env && *env) snprintf(buf, len, "%s/%s", env, sub);
    else snprintf(buf, len, "%s/../shared/%s", FAHRAS_SOURCE_DIR, sub);
    struct stat st;
    if (stat(buf, &st) == 0) return;
    const char *ci = getenv("CI");
    if (ci && strcmp(ci, "true") == 0) {
        fprintf(stderr, "FAIL: %s is absent, and CI=true requires the real-data tests\n", buf);
        exit(1);
    }
    fprintf(stderr, "SKIP: %s is absent (set FAHRAS_SHARED)\n", buf);
    exit(77);
}

#endif
