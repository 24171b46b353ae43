import CXJSystem
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The threads that run `Parallel.map`'s tasks beside the calling thread: one per core the
/// process may run on, less the caller's, started once and parked between passes.
///
/// `DispatchQueue.concurrentPerform` was used before. On this project's 2-core machine its
/// second thread missed whole passes: in 7 of 16 runs over 1,000 small files, reading them
/// (5–6 ms) ran on one core, its worker never woken in time. Here each pass wakes the parked
/// workers at once, and the caller takes tasks too, from one shared counter, so a late
/// worker costs nothing but its own share.
///
/// Each worker is started on, and kept to, a CPU other than the one the pool's maker runs on
/// (`ThreadJob.startThread(pinnedAsHelper:)`): on this project's virtual machine the kernel
/// often put a new worker beside the main thread, where its spin for the first pass held the
/// main thread back 1–3 ms (README, "A twenty-ninth round").
///
/// A pass started while another runs (a task that maps again, or a second thread) runs its
/// tasks on its own thread. Tasks never run after `forEach` returns: the caller waits for
/// every worker that took part, and one that wakes after the pass has closed takes nothing.
final class WorkerPool: ThreadJob, @unchecked Sendable {
    /// The pool for the process, made on first use (or by `Parallel.startWorkers`).
    static let shared = WorkerPool(workers: Parallel.coreCount - 1)

    let workers: Int
    /// Allocated, not stored properties: a pthread object must not move, and `&property` may
    /// pass a temporary copy.
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// The pass being run, guarded by `lock`.
    private var task: UnsafeRawPointer? = nil
    private var taskCount = 0
    private var generation = 0
    private var isClosed = true
    /// Workers inside the current pass, guarded by `lock`.
    private var working = 0
    /// The next task to take, shared by every thread of the pass.
    private let next = Atomic<Int>(0)
    /// `generation`, also published outside the lock for workers that spin (see `run`).
    private let published = Atomic<Int>(0)
    /// How long a worker spins for the next pass before it sleeps: after a pass, and at start
    /// when `startSpinning` asks. A virtual CPU that has gone idle can take milliseconds to be
    /// woken (a phase probe over 1,000 files saw passes of 5 ms run on one thread); the gaps
    /// between passes are a millisecond or two.
    static let spinSeconds = 0.003
    /// Whether workers spin at start, for the first pass (set before the pool is made).
    nonisolated(unsafe) static var startSpinning = false
    private let isBusy = Atomic<Bool>(false)
    /// Workers that have taken their `Parallel.threadSlot`.
    private let slots = Atomic<Int>(0)

    private init(workers: Int) {
        self.workers = max(0, workers)
        super.init()
        pthread_mutex_init(lock, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(finished, nil)
        for helper in 0..<self.workers {
            if let handle = startThread(pinnedAsHelper: helper) { pthread_detach(handle) }
        }
    }

    /// Runs `task(0) … task(count - 1)`, each once, on this thread and the workers; returns
    /// when all have run.
    func forEach(_ count: Int, _ task: (Int) -> Void) {
        guard workers > 0, count > 1, isBusy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            for index in 0..<count { task(index) }
            return
        }
        // The workers call the task through a pointer to it and take no reference: the
        // closure may not outlive this call, and `withoutActuallyEscaping` checks that it does
        // not.
        withoutActuallyEscaping(task) { escapable in
            withUnsafePointer(to: escapable) { task in
                pthread_mutex_lock(lock)
                self.task = UnsafeRawPointer(task)
                taskCount = count
                next.store(0, ordering: .relaxed)
                generation &+= 1
                published.store(generation, ordering: .releasing)
                isClosed = false
                pthread_cond_broadcast(wake)
                pthread_mutex_unlock(lock)
                take(task, count)
                pthread_mutex_lock(lock)
                isClosed = true
                while working > 0 { pthread_cond_wait(finished, lock) }
                self.task = nil
                pthread_mutex_unlock(lock)
            }
        }
        isBusy.store(false, ordering: .releasing)
    }

    /// Takes tasks from the shared counter until none is left.
    private func take(_ task: UnsafePointer<(Int) -> Void>, _ count: Int) {
        while true {
            let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < count else { return }
            task.pointee(index)
        }
    }

    /// A worker's life: wait for a pass, take part in it if it is still open, repeat.
    override func run() {
        cxj_set_thread_slot(Int32(slots.wrappingAdd(1, ordering: .relaxed).oldValue + 1))
        var seen = 0
        // The thread's heap is advised before any pass, not on its first task: backing its
        // first 2 MiB took 0.15–8 ms (`HeapAdvice`).
        HeapAdvice.adviseThisThreadsHeap()
        var spins = WorkerPool.startSpinning
        while true {
            if spins { spin(whileAt: seen) }
            spins = true
            pthread_mutex_lock(lock)
            while generation == seen { pthread_cond_wait(wake, lock) }
            seen = generation
            guard !isClosed, let task else {
                pthread_mutex_unlock(lock)
                continue
            }
            let count = taskCount
            working += 1
            pthread_mutex_unlock(lock)
            take(task.assumingMemoryBound(to: ((Int) -> Void).self), count)
            pthread_mutex_lock(lock)
            working -= 1
            if working == 0 { pthread_cond_signal(finished) }
            pthread_mutex_unlock(lock)
        }
    }

    /// Waits, awake, up to `spinSeconds` for a pass after `seen`.
    private func spin(whileAt seen: Int) {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        let deadline = Double(time.tv_sec) + Double(time.tv_nsec) / 1e9 + WorkerPool.spinSeconds
        var checks = 0
        while published.load(ordering: .acquiring) == seen {
            checks &+= 1
            if checks & 63 == 0 {
                clock_gettime(CLOCK_MONOTONIC, &time)
                if Double(time.tv_sec) + Double(time.tv_nsec) / 1e9 >= deadline { return }
            }
        }
    }
}
