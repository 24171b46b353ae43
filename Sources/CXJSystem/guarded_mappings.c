// See include/CXJSystem.h: read-only mappings of source files, kept readable when the file
// shrinks under them.
#if defined(__linux__)
#define _GNU_SOURCE
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#endif
#include "CXJSystem.h"

#if defined(__linux__)
#define GUARDED_SLOTS 64

static _Atomic(uintptr_t) slot_starts[GUARDED_SLOTS];
static _Atomic(uintptr_t) slot_ends[GUARDED_SLOTS];
static atomic_int slot_faulted[GUARDED_SLOTS];
static atomic_int handler_state; // 0 none, 1 installing, 2 installed, 3 failed
static struct sigaction previous_action;
static uintptr_t page_size;

// A bus error at an address of a guarded mapping means its file shrank: the page past the new
// end is replaced by a page of zeros, the mapping is marked, and the access is made again. Any
// other bus error goes to the handler there was before (or the default one, which ends the
// process): restored, it receives the same error when the access is made again.
static void on_bus_error(int signal, siginfo_t *info, void *context) {
    (void)signal;
    (void)context;
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int slot = 0; slot < GUARDED_SLOTS; slot++) {
        uintptr_t start = atomic_load(&slot_starts[slot]);
        if (start <= 1 || address < start || address >= atomic_load(&slot_ends[slot])) continue;
        void *page = (void *)(address & ~(page_size - 1));
        if (mmap(page, page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
            atomic_store(&slot_faulted[slot], 1);
            return;
        }
        break;
    }
    sigaction(SIGBUS, &previous_action, NULL);
}

static int install_handler(void) {
    int expected = 0;
    if (atomic_compare_exchange_strong(&handler_state, &expected, 1)) {
        page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
        struct sigaction action;
        action.sa_sigaction = on_bus_error;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_SIGINFO | SA_NODEFER;
        int ok = sigaction(SIGBUS, &action, &previous_action) == 0;
        atomic_store(&handler_state, ok ? 2 : 3);
        return ok;
    }
    while (atomic_load(&handler_state) == 1) {}
    return atomic_load(&handler_state) == 2;
}
#endif

int cxj_guard_mapping(const void *start, size_t length) {
#if defined(__linux__)
    if (start == NULL || length == 0 || !install_handler()) return -1;
    for (int slot = 0; slot < GUARDED_SLOTS; slot++) {
        // Claimed with a start of 1 (which no handler matches), filled, then published.
        uintptr_t expected = 0;
        if (!atomic_compare_exchange_strong(&slot_starts[slot], &expected, (uintptr_t)1)) continue;
        atomic_store(&slot_ends[slot], (uintptr_t)start + length);
        atomic_store(&slot_faulted[slot], 0);
        atomic_store(&slot_starts[slot], (uintptr_t)start);
        return slot;
    }
    return -1;
#else
    (void)start;
    (void)length;
    return -1;
#endif
}

int cxj_guarded_mapping_faulted(int slot) {
#if defined(__linux__)
    if (slot < 0 || slot >= GUARDED_SLOTS) return 0;
    return atomic_load(&slot_faulted[slot]);
#else
    (void)slot;
    return 0;
#endif
}

void cxj_unguard_mapping(int slot) {
#if defined(__linux__)
    if (slot < 0 || slot >= GUARDED_SLOTS) return;
    atomic_store(&slot_starts[slot], 0);
#else
    (void)slot;
#endif
}
