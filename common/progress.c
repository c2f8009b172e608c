#include "progress.h"

#include <stdio.h>
#include <time.h>

double fah_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void fah_progress_start(fah_progress *p, int enabled, size_t total_files) {
    p->enabled = enabled;
    p->total_files = total_files;
    p->start = fah_now();
    p->last_draw = 0;
}

void fah_progress_update(fah_progress *p, size_t done, size_t articles) {
    if (!p->enabled) return;
    double now = fah_now();
    if (now - p->last_draw < 0.2 && done < p->total_files) return;
    p->last_draw = now;
    double el = now - p->start;
    double rate = el > 0 ? (double)articles / el : 0;
    double frate = el > 0 ? (double)done / el : 0;
    double eta = frate > 0 ? (double)(p->total_files - done) / frate : 0;
    fprintf(stderr, "\r\033[K  files %zu/%zu (%.0f%%)  articles %zu  %.0f articles/s  ETA %.0fs",
            done, p->total_files, p->total_files ? 100.0 * (double)done / (double)p->total_files : 100.0,
            articles, rate, eta);
    fflush(stderr);
}

void fah_progress_end(fah_progress *p) {
    if (!p->enabled) return;
    fprintf(stderr, "\r\033[K");
    fflush(stderr);
}
