// See include/CXJSystem.h.
#if defined(__linux__)
#define _GNU_SOURCE
#include <malloc.h>
#include <sched.h>
#include <pthread.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "CXJSystem.h"

int cxj_mallopt(int option, int value) {
#if defined(__linux__) && defined(__GLIBC__)
    return mallopt(option, value);
#else
    (void)option;
    (void)value;
    return 0;
#endif
}

int cxj_allowed_cpu_count(void) {
#if defined(__linux__)
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    return CPU_COUNT(&set);
#else
    return 0;
#endif
}

int cxj_pin_helper_attributes(void *attributes, int helper) {
#if defined(__linux__) && defined(__GLIBC__)
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (helper < 0 || sched_getaffinity(0, sizeof allowed, &allowed) != 0) return -1;
    int count = CPU_COUNT(&allowed);
    int current = sched_getcpu();
    if (count < 2 || current < 0) return -1;
    // The allowed CPUs after `current`, wrapping around, skipping `current` itself.
    int step = helper % (count - 1);
    for (int offset = 1; offset < CPU_SETSIZE; offset++) {
        int cpu = (current + offset) % CPU_SETSIZE;
        if (cpu == current || !CPU_ISSET(cpu, &allowed)) continue;
        if (step-- > 0) continue;
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(cpu, &one);
        if (pthread_attr_setaffinity_np((pthread_attr_t *)attributes, sizeof one, &one) != 0) return -1;
        return cpu;
    }
    return -1;
#else
    (void)attributes;
    (void)helper;
    return -1;
#endif
}

static _Thread_local int thread_slot = 0;

int cxj_thread_slot(void) {
    return thread_slot;
}

void cxj_set_thread_slot(int slot) {
    thread_slot = slot;
}

int cxj_current_cpu(void) {
#if defined(__linux__) && defined(__GLIBC__)
    return sched_getcpu();
#else
    return -1;
#endif
}

void cxj_unpin_this_thread(void) {
#if defined(__linux__) && defined(__GLIBC__)
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(getpid(), sizeof allowed, &allowed) == 0) sched_setaffinity(0, sizeof allowed, &allowed);
#endif
}

int cxj_open_unnamed_temporary(const char *directory) {
#if defined(O_TMPFILE)
    return open(directory, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#else
    (void)directory;
    errno = EOPNOTSUPP;
    return -1;
#endif
}
