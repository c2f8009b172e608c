#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct ancestor {
    dev_t dev;
    ino_t ino;
    const struct ancestor *up;
} ancestor;

static int push(fah_filelist *l, const char *path, const char *rel, const struct stat *st) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        fah_file *v = realloc(l->v, cap * sizeof *v);
        if (!v) return -1;
        l->v = v;
        l->cap = cap;
    }
    fah_file *f = &l->v[l->n];
    f->path = strdup(path);
    f->rel = strdup(rel);
    if (!f->path || !f->rel) {
        free(f->path);
        free(f->rel);
        return -1;
    }
    f->size = st->st_size;
    f->mtime = st->st_mtime;
    f->mtime_ns = st->st_mtim.tv_nsec;
    l->n++;
    return 0;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(const char *path, const char *rel, const ancestor *up, fah_filelist *l,
                    fah_walk_err_cb errcb, void *ctx) {
    DIR *d = opendir(path);
    if (!d) {
        char why[300];
        snprintf(why, sizeof why, "cannot read directory: %s", strerror(errno));
        errcb(ctx, path, 1, why);
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                rc = -1;
                break;
            }
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = -1;
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == 0) qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t pl = strlen(path) + strlen(names[i]) + 2;
        size_t rl = strlen(rel) + strlen(names[i]) + 2;
        char *cp = malloc(pl), *cr = malloc(rl);
        if (!cp || !cr) {
            free(cp);
            free(cr);
            rc = -1;
            break;
        }
        snprintf(cp, pl, "%s/%s", path, names[i]);
        if (*rel) snprintf(cr, rl, "%s/%s", rel, names[i]);
        else snprintf(cr, rl, "%s", names[i]);
        struct stat st, lst;
        if (stat(cp, &st) != 0) {
            char why[300];
            if (lstat(cp, &lst) == 0 && S_ISLNK(lst.st_mode)) {
                errcb(ctx, cp, 0, "skipped: broken symbolic link");
            } else {
                snprintf(why, sizeof why, "cannot stat: %s", strerror(errno));
                errcb(ctx, cp, 1, why);
            }
        } else if (S_ISDIR(st.st_mode)) {
            int loop = 0;
            for (const ancestor *a = up; a; a = a->up)
                if (a->dev == st.st_dev && a->ino == st.st_ino) loop = 1;
            if (loop) {
                errcb(ctx, cp, 0, "symbolic link loop: directory already being read; not entered");
            } else {
                ancestor me = {st.st_dev, st.st_ino, up};
                rc = walk_dir(cp, cr, &me, l, errcb, ctx);
            }
        } else if (S_ISREG(st.st_mode)) {
            rc = push(l, cp, cr, &st);
        } else {
            errcb(ctx, cp, 0, "skipped: not a regular file (device, FIFO or socket)");
        }
        free(cp);
        free(cr);
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return rc;
}

int fah_walk(const char *root, fah_filelist *list, fah_walk_err_cb errcb, void *ctx) {
    struct stat st;
    if (stat(root, &st) != 0) {
        char why[300];
        snprintf(why, sizeof why, "cannot read: %s", strerror(errno));
        errcb(ctx, root, 1, why);
        return -1;
    }
    if (S_ISREG(st.st_mode)) {
        const char *base = strrchr(root, '/');
        return push(list, root, base ? base + 1 : root, &st);
    }
    if (!S_ISDIR(st.st_mode)) {
        errcb(ctx, root, 1, "not a directory or regular file");
        return -1;
    }
    char clean[4096];
    snprintf(clean, sizeof clean, "%s", root);
    size_t n = strlen(clean);
    while (n > 1 && clean[n - 1] == '/') clean[--n] = '\0';
    ancestor me = {st.st_dev, st.st_ino, NULL};
    return walk_dir(clean, "", &me, list, errcb, ctx);
}

void fah_filelist_free(fah_filelist *list) {
    for (size_t i = 0; i < list->n; i++) {
        free(list->v[i].path);
        free(list->v[i].rel);
    }
    free(list->v);
    memset(list, 0, sizeof *list);
}

char *fah_abs_path(const char *path) {
    char buf[PATH_MAX];
    if (realpath(path, buf)) return strdup(buf);
    if (path[0] == '/') return strdup(path);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return strdup(path);
    size_t n = strlen(cwd) + strlen(path) + 2;
    char *s = malloc(n);
    if (s) snprintf(s, n, "%s/%s", cwd, path);
    return s;
}

int fah_path_under(const char *path, const char *root) {
    size_t rl = strlen(root);
    return strncmp(path, root, rl) == 0 && (path[rl] == '\0' || path[rl] == '/' || rl == 1);
}
