/*
 * progress.h - a one-line progress display for long runs on a terminal
 * (files done, articles/s, ETA), redrawn at most 5 times a second on
 * stderr; silent when disabled (not a terminal, --quiet, cron).
 */
#ifndef FAHRAS_PROGRESS_H
#define FAHRAS_PROGRESS_H

#include <stddef.h>

typedef struct fah_progress {
    int enabled;
    size_t total_files;
    double start, last_draw;
} fah_progress;

/* Monotonic clock in seconds. */
double fah_now(void);

void fah_progress_start(fah_progress *p, int enabled, size_t total_files);
void fah_progress_update(fah_progress *p, size_t files_done, size_t articles);
/* Erase the line. */
void fah_progress_end(fah_progress *p);

#endif
