/*
 * enospc.so - an LD_PRELOAD shim that makes writes fail with ENOSPC ("No
 * space left on device") once a byte budget is spent, as a full disk would.
 *
 * Environment:
 *   FAHRAS_ENOSPC_PATH   only files whose path starts with this are limited
 *                        (the database directory); others write normally
 *   FAHRAS_ENOSPC_AFTER  bytes those files may still receive (default 0)
 * Interposes write, pwrite, pwrite64, writev; a call that would pass the
 * budget fails whole (nothing written), like ENOSPC on a full filesystem.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long long budget = -1;
static const char *prefix;

static int limited(int fd, size_t n) {
    if (budget < 0) {
        const char *a = getenv("FAHRAS_ENOSPC_AFTER");
        budget = a ? atoll(a) : 0;
        prefix = getenv("FAHRAS_ENOSPC_PATH");
    }
    if (!prefix || !*prefix || fd < 0) return 0;
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t l = readlink(link, path, sizeof path - 1);
    if (l <= 0) return 0;
    path[l] = '\0';
    if (strncmp(path, prefix, strlen(prefix)) != 0) return 0;
    if ((long long)n > budget) return 1;
    budget -= (long long)n;
    return 0;
}

ssize_t write(int fd, const void *buf, size_t n) {
    static ssize_t (*real)(int, const void *, size_t);
    if (!real) real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (limited(fd, n)) {
        errno = ENOSPC;
        return -1;
    }
    return real(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) {
    static ssize_t (*real)(int, const void *, size_t, off_t);
    if (!real) real = (ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
    if (limited(fd, n)) {
        errno = ENOSPC;
        return -1;
    }
    return real(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off) {
    static ssize_t (*real)(int, const void *, size_t, off_t);
    if (!real) real = (ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite64");
    if (limited(fd, n)) {
        errno = ENOSPC;
        return -1;
    }
    return real(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt) {
    static ssize_t (*real)(int, const struct iovec *, int);
    if (!real) real = (ssize_t(*)(int, const struct iovec *, int))dlsym(RTLD_NEXT, "writev");
    size_t n = 0;
    for (int i = 0; i < cnt; i++) n += iov[i].iov_len;
    if (limited(fd, n)) {
        errno = ENOSPC;
        return -1;
    }
    return real(fd, iov, cnt);
}
