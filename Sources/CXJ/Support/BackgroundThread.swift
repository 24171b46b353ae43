import CXJSystem
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one piece of work on a thread of its own and hands back its result on `join`.
///
/// A dedicated thread rather than a Dispatch queue: the work is waited for from inside
/// `Parallel.map`, whose tasks can occupy every worker of the global queues, and a job
/// queued behind them would then never start.
final class BackgroundThread<Result>: ThreadJob, @unchecked Sendable {
    private var thread: pthread_t? = nil
    private var work: (() -> Result)?
    private var result: Result? = nil
    private var joined = false
    /// Signalled when the work is done, for `isFinished(within:)`.
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    /// Starts `work`; when no thread can be made, it runs on `join` instead.
    init(_ work: @escaping () -> Result) {
        self.work = work
        super.init()
        // Started on another CPU than the caller's, as a pool worker is (`WorkerPool`), then
        // free to move: it is one piece of work, and whoever made it may be a pool worker.
        thread = startThread(pinnedAsHelper: 0)
    }

    override func run() {
        cxj_unpin_this_thread()
        result = work!()
        work = nil
        done.signal()
    }

    /// Whether the work is done, waiting for it at most `seconds`. A thread that could not be
    /// started does its work on `join`, so it is never found finished here.
    func isFinished(within seconds: Double) -> Bool {
        if finished { return true }
        guard thread != nil else { return false }
        if done.wait(timeout: .now() + .nanoseconds(Int(max(seconds, 0) * 1e9))) == .success {
            finished = true
        }
        return finished
    }

    /// Waits for the work to finish and hands over its result, keeping no reference to it:
    /// the caller may then change arrays in it without copying them.
    func take() -> Result {
        let taken = join()
        result = nil
        return taken
    }

    /// Waits for the work to finish and returns its result.
    func join() -> Result {
        if !joined {
            joined = true
            if let thread {
                pthread_join(thread, nil)
            } else if let work {
                result = work()
                self.work = nil
            }
        }
        return result!
    }
}

/// What the thread's entry point calls: a C function pointer cannot name a generic class.
class ThreadJob {
    func run() {}

    /// Starts a thread that calls `run`, keeping this object alive until it returns; nil when
    /// no thread could be made. `pinnedAsHelper` keeps the thread on one CPU other than the
    /// caller's (`cxj_pin_helper_attributes`): the `n`th helper's.
    final func startThread(pinnedAsHelper helper: Int? = nil) -> pthread_t? {
        var handle = pthread_t()
        let box = Unmanaged<ThreadJob>.passRetained(self)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        if let helper { _ = cxj_pin_helper_attributes(&attributes, Int32(helper)) }
        let started = pthread_create(&handle, &attributes, { raw in
            Unmanaged<ThreadJob>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, box.toOpaque())
        guard started == 0 else {
            box.release()
            return nil
        }
        return handle
    }
}
