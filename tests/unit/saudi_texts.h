/* saudi_texts.h - hand every title and content string of the SaudiNewsNet
 * files (the .json.gz files of shared/corpus/saudinewsnet) to a function.
 * For tests. */
#ifndef FAHRAS_TEST_SAUDI_TEXTS_H
#define FAHRAS_TEST_SAUDI_TEXTS_H

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

static inline size_t saudi_gz_read(void *buf, size_t len, void *data) {
    int r = gzread((gzFile)data, buf, (unsigned)len);
    return r < 0 ? (size_t)-1 : (size_t)r;
}

/* Returns the number of files read, or 0 when none could be. */
static inline size_t for_each_saudi_text(const char *dir, void (*fn)(const char *s, size_t n, void *ctx),
                                  void *ctx) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    size_t files = 0;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 8 || strcmp(e->d_name + l - 8, ".json.gz") != 0) continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        gzFile gz = gzopen(path, "rb");
        if (!gz) continue;
        json_error_t je;
        json_t *arr = json_load_callback(saudi_gz_read, gz, 0, &je);
        gzclose(gz);
        if (!arr) continue;
        size_t i;
        json_t *rec;
        json_array_foreach(arr, i, rec) {
            const char *keys[] = {"title", "content"};
            for (int k = 0; k < 2; k++) {
                json_t *v = json_object_get(rec, keys[k]);
                if (json_is_string(v)) fn(json_string_value(v), json_string_length(v), ctx);
            }
        }
        json_decref(arr);
        files++;
    }
    closedir(d);
    return files;
}

#endif
