#ifndef CXJ_SYSTEM_H
#define CXJ_SYSTEM_H

/// The few C library calls Swift's Glibc module leaves out (`malloc.h`, and `sched.h`'s GNU
/// part), called directly. They were looked up with `dlsym` before, which finds nothing in a
/// statically linked executable, and the release `cxj` is one (README, "A thirteenth round").

/// `mallopt(option, value)`: 1 when the option was taken, 0 otherwise (and on systems
/// without it).
int cxj_mallopt(int option, int value);

/// How many CPUs this process may run on (its affinity mask: `taskset`, a container's
/// cpuset), or 0 when that cannot be read.
int cxj_allowed_cpu_count(void);

#endif
