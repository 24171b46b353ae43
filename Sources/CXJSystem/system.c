// See include/CXJSystem.h.
#if defined(__linux__)
#define _GNU_SOURCE
#include <malloc.h>
#include <sched.h>
#endif
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
