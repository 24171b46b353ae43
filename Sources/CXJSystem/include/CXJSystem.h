#ifndef CXJ_SYSTEM_H
#define CXJ_SYSTEM_H

#include <stddef.h>

/// The few C library calls Swift's Glibc module leaves out (`malloc.h`, and `sched.h`'s GNU
/// part), called directly. They were looked up with `dlsym` before, which finds nothing in a
/// statically linked executable, and the release `cxj` is one (README, "A thirteenth round").

/// `mallopt(option, value)`: 1 when the option was taken, 0 otherwise (and on systems
/// without it).
int cxj_mallopt(int option, int value);

/// How many CPUs this process may run on (its affinity mask: `taskset`, a container's
/// cpuset), or 0 when that cannot be read.
int cxj_allowed_cpu_count(void);

/// Sets `attributes` (a `pthread_attr_t`) to start a thread on one CPU: the `helper`th (from 0)
/// of the CPUs this process may run on, counted from the one after the CPU the caller runs on
/// now, so that helpers never start on the caller's CPU. Returns that CPU, or -1 when it
/// cannot be told (the attributes are then left as they were).
int cxj_pin_helper_attributes(void *attributes, int helper);

/// Lets the calling thread run on every CPU the process's main thread may run on again (after
/// `cxj_pin_helper_attributes` started it on one).
void cxj_unpin_this_thread(void);

/// The CPU the calling thread runs on now (`sched_getcpu`), or -1.
int cxj_current_cpu(void);

/// The calling thread's slot among the threads of a parallel pass (`Parallel.threadSlot`): 0
/// unless `cxj_set_thread_slot` set it on this thread. A thread-local variable.
int cxj_thread_slot(void);

/// Sets the calling thread's slot.
void cxj_set_thread_slot(int slot);

/// Guards a read-only mapping of a file: a bus error inside it (the file shrank while mapped)
/// maps a page of zeros there instead of ending the process, and marks the mapping. Returns a
/// slot for the two calls below, or -1 when the mapping cannot be guarded (then it must not
/// be used). Call `cxj_unguard_mapping` before unmapping it.
int cxj_guard_mapping(const void *start, size_t length);

/// Whether a bus error was met in the mapping of `slot` since it was guarded.
int cxj_guarded_mapping_faulted(int slot);

/// Stops guarding the mapping of `slot`.
void cxj_unguard_mapping(int slot);

/// Opens an unnamed temporary file (`O_TMPFILE`) in `directory` for reading and writing,
/// mode 0600, closed on exec: a descriptor, or -1 (with `errno` set) where the system or the
/// directory's file system has no such files.
int cxj_open_unnamed_temporary(const char *directory);

/// Asks for the cache line at `address` ahead of a read (`__builtin_prefetch`): a hint, which
/// never faults, whatever the address.
static inline void cxj_prefetch(const void *address) {
    __builtin_prefetch(address);
}

#endif
