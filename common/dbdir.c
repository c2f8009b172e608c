#include "dbdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dbpath.h"

#define STUB "XAPIANDB"
#define LOCKFILE "fahras.lock"

static int exists(const char *dir, const char *name) {
    char p[4200];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    struct stat st;
    return lstat(p, &st) == 0;
}

/* "gen-N" -> N, else 0 */
static unsigned gen_number(const char *name) {
    if (strncmp(name, "gen-", 4) != 0 || !name[4]) return 0;
    char *end;
    unsigned long n = strtoul(name + 4, &end, 10);
    return *end || n == 0 || n > 999999999UL ? 0 : (unsigned)n;
}

/* A worker's part of a parallel build: gen-N.part-K (indexer/parallel.h). */
static int is_part(const char *name) { return strncmp(name, "gen-", 4) == 0 && strstr(name, ".part-") != NULL; }

int fah_dbdir_resolve(const char *path, fah_dbdir *d, char *msg, size_t msglen) {
    memset(d, 0, sizeof *d);
    if (msg && msglen) msg[0] = '\0';
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT) return 0;
        if (msg) snprintf(msg, msglen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        d->kind = FAH_DBDIR_OTHER;
        if (msg) snprintf(msg, msglen, "%s is a file, not a database directory", path);
        return 0;
    }
    if (exists(path, "iamglass")) {
        d->kind = FAH_DBDIR_GLASS;
        snprintf(d->glass, sizeof d->glass, "%s", path);
        return 0;
    }
    char p[4200];
    snprintf(p, sizeof p, "%s/" STUB, path);
    FILE *f = fopen(p, "r");
    if (f) {
        char line[512];
        unsigned gen = 0;
        while (fgets(line, sizeof line, f)) {
            if (line[0] == '#' || line[0] == '\n') continue;
            char name[400];
            if (sscanf(line, "glass %399s", name) == 1) gen = gen_number(name);
            break;
        }
        fclose(f);
        if (!gen) {
            d->kind = FAH_DBDIR_OTHER;
            if (msg)
                snprintf(msg, msglen, "%s holds a Xapian stub that fahras did not write (not \"glass gen-N\")",
                         path);
            return 0;
        }
        d->kind = FAH_DBDIR_STUB;
        d->gen = gen;
        snprintf(d->glass, sizeof d->glass, "%s/gen-%u", path, gen);
        return 0;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        if (msg) snprintf(msg, msglen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        const char *n = e->d_name;
        if (!strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, LOCKFILE) || gen_number(n) || is_part(n) ||
            !strcmp(n, STUB ".tmp"))
            continue;
        d->kind = FAH_DBDIR_OTHER;
        if (msg)
            snprintf(msg, msglen, "%s is a directory with other files in it (%s), not a fahras database",
                     path, n);
        break;
    }
    closedir(dir);
    return 0;
}

int fah_dbdir_lock(const char *path, double wait_secs, int *fd) {
    *fd = -1;
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        if (errno != ENOENT || fah_mkdir_parents(path) != 0 || mkdir(path, 0755) != 0) return -1;
    }
    char p[4200];
    snprintf(p, sizeof p, "%s/" LOCKFILE, path);
    int f = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (f < 0) return -1;
    for (double waited = 0;; waited += 0.5) {
        if (flock(f, LOCK_EX | LOCK_NB) == 0) {
            *fd = f;
            return 0;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int e = errno;
            close(f);
            errno = e;
            return -1;
        }
        if (waited >= wait_secs) break;
        struct timespec ts = {0, 500000000L};
        nanosleep(&ts, NULL);
    }
    close(f);
    return 1;
}

int fah_rmtree(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return errno == ENOENT ? 0 : -1;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char p[4200];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) rc |= fah_rmtree(p);
        else if (unlink(p) != 0) rc = -1;
    }
    closedir(d);
    if (rmdir(dir) != 0) rc = -1;
    return rc;
}

int fah_dbdir_remove_stale(const char *path, unsigned keep, unsigned *max_gen) {
    DIR *d = opendir(path);
    if (max_gen) *max_gen = keep;
    if (!d) return -1;
    struct dirent *e;
    char stale[64][256];
    int nstale = 0;
    while ((e = readdir(d)) != NULL) {
        if (is_part(e->d_name)) {
            /* a worker's part left by a killed parallel build (parallel.h) */
            if (nstale < 64) snprintf(stale[nstale++], sizeof stale[0], "%s", e->d_name);
            continue;
        }
        unsigned g = gen_number(e->d_name);
        if (!g) continue;
        if (max_gen && g > *max_gen) *max_gen = g;
        if (g != keep && nstale < 64) snprintf(stale[nstale++], sizeof stale[0], "%s", e->d_name);
    }
    closedir(d);
    int rc = 0;
    for (int i = 0; i < nstale; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%.3900s/%.255s", path, stale[i]);
        if (fah_rmtree(p)) rc = -1;
    }
    return rc;
}

int fah_dbdir_next_generation(const char *path, const fah_dbdir *cur, char *glass, size_t len,
                              unsigned *gen) {
    unsigned max = cur->gen;
    struct stat st;
    if (stat(path, &st) != 0) return -1;
    fah_dbdir_remove_stale(path, cur->gen, &max); /* an interrupted --full: nothing points at it */
    *gen = max + 1;
    snprintf(glass, len, "%s/gen-%u", path, *gen);
    return 0;
}

static int fsync_dir(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int fah_dbdir_write_stub(const char *path, unsigned gen) {
    char tmp[4200], fin[4200], line[64];
    snprintf(tmp, sizeof tmp, "%s/" STUB ".tmp", path);
    snprintf(fin, sizeof fin, "%s/" STUB, path);
    int n = snprintf(line, sizeof line, "glass gen-%u\n", gen);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return -1;
    if (write(fd, line, (size_t)n) != n || fsync(fd) != 0) {
        int e = errno ? errno : EIO;
        close(fd);
        unlink(tmp);
        errno = e;
        return -1;
    }
    if (close(fd) != 0 || rename(tmp, fin) != 0) {
        int e = errno;
        unlink(tmp);
        errno = e;
        return -1;
    }
    return fsync_dir(path);
}

int fah_dbdir_retire(const char *path, const fah_dbdir *old) {
    if (old->kind == FAH_DBDIR_STUB) {
        char p[4200];
        snprintf(p, sizeof p, "%s/gen-%u", path, old->gen);
        return fah_rmtree(p);
    }
    if (old->kind != FAH_DBDIR_GLASS) return 0;
    /* the swap itself: without iamglass Xapian opens PATH through the stub */
    char p[4200];
    snprintf(p, sizeof p, "%s/iamglass", path);
    if (unlink(p) != 0 && errno != ENOENT) return -1;
    fsync_dir(path);
    DIR *d = opendir(path);
    if (!d) return -1;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        int glassfile = (l > 6 && strcmp(e->d_name + l - 6, ".glass") == 0) ||
                        strcmp(e->d_name, "flintlock") == 0;
        if (!glassfile) continue;
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        if (unlink(p) != 0) rc = -1;
    }
    closedir(d);
    return rc;
}

unsigned long long fah_dir_bytes(const char *path) {
    DIR *d = opendir(path);
    if (!d) return 0;
    unsigned long long sum = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char p[4200];
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) sum += (unsigned long long)st.st_size;
    }
    closedir(d);
    return sum;
}
