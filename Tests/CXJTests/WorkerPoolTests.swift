import Foundation
import Synchronization
import XCTest
import CXJSystem
@testable import CXJ

/// `Parallel.map`'s workers (`WorkerPool`): every task runs once, on several threads when the
/// process may use several cores, a pass inside a pass or beside another runs on its own
/// thread, and the pool is as large as the CPU affinity allows.
final class WorkerPoolTests: XCTestCase {
    /// Each task writes its own slot; the caller reads them once `forEach` has returned (the
    /// pool's lock orders the two, which ThreadSanitizer checks).
    private final class Slots: @unchecked Sendable {
        let values: UnsafeMutableBufferPointer<UInt>
        init(_ count: Int) { values = .allocate(capacity: count); values.initialize(repeating: 0) }
        deinit { values.deallocate() }
    }

    func testEveryTaskRunsOnceAndWorkersTakePart() {
        let pool = WorkerPool.shared
        for count in [0, 1, 2, 3, 64, 5_000] {
            let runs = Slots(count)
            pool.forEach(count) { runs.values[$0] += 1 }
            XCTAssertEqual(Array(runs.values), [UInt](repeating: 1, count: count), "\(count) tasks")
        }
        guard Parallel.hasSeveralCores else { return }
        // Tasks that wait a little, so that a worker wakes before the caller has taken them all.
        let threads = Slots(200)
        pool.forEach(200) { index in
            usleep(200)
            threads.values[index] = UInt(pthread_self())
        }
        XCTAssertGreaterThan(Set(threads.values).count, 1, "no worker took part")
    }

    func testPassesInsideAndBesideAPassRunOnTheirOwnThread() {
        let total = Atomic<Int>(0)
        let outer = Parallel.map(Array(0..<50)) { index -> Int in
            let inner = Parallel.map(Array(0..<20)) { $0 + index }
            total.add(inner.count, ordering: .relaxed)
            return inner.reduce(0, +)
        }
        XCTAssertEqual(outer, (0..<50).map { index in (0..<20).reduce(0) { $0 + $1 + index } })
        XCTAssertEqual(total.load(ordering: .relaxed), 1_000)
        // Two threads mapping at once: one of them runs its tasks alone.
        let side = BackgroundThread { Parallel.map(Array(0..<2_000)) { $0 * 3 } }
        let mine = Parallel.map(Array(0..<2_000)) { $0 * 5 }
        XCTAssertEqual(side.join(), (0..<2_000).map { $0 * 3 })
        XCTAssertEqual(mine, (0..<2_000).map { $0 * 5 })
    }

    /// Under `taskset -c 0` the process may run on one core: no workers, no second threads for
    /// a split parse or lowering in halves. Checked in a child of this test bundle.
    func testTheCoreCountFollowsTheAffinity() throws {
        #if os(Linux)
        if ProcessInfo.processInfo.environment["CXJ_AFFINITY_CHILD"] == "1" {
            XCTAssertEqual(Parallel.coreCount, 1)
            XCTAssertFalse(Parallel.hasSeveralCores)
            XCTAssertEqual(WorkerPool.shared.workers, 0)
            return
        }
        XCTAssertGreaterThanOrEqual(Parallel.coreCount, 1)
        XCTAssertLessThanOrEqual(Parallel.coreCount, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        guard let taskset = ["/usr/bin/taskset", "/bin/taskset"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            if TestSupport.requireTools { return XCTFail("required tool unavailable: taskset (util-linux)") }
            throw XCTSkip("taskset is not installed")
        }
        try TestSupport.runInChild("CXJTests.WorkerPoolTests/testTheCoreCountFollowsTheAffinity",
                                   setting: "CXJ_AFFINITY_CHILD", through: [taskset, "-c", "0"])
        #endif
    }

    /// A helper thread starts on a CPU other than its maker's: a new thread placed on the
    /// maker's CPU (as the kernel of a virtual machine often did, the other CPU's host thread
    /// asleep) waited there up to 3 ms while the pool worker spun. A pool worker stays there;
    /// a `BackgroundThread` is free to move once it runs.
    func testHelpersStartOnAnotherCPU() {
        #if os(Linux)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        XCTAssertEqual(cxj_pin_helper_attributes(&attributes, -1), -1)
        let cpu = cxj_pin_helper_attributes(&attributes, 0)
        guard Parallel.hasSeveralCores else { return XCTAssertEqual(cpu, -1) }
        XCTAssertGreaterThanOrEqual(cpu, 0)
        // A pinned pool task runs where it was pinned: every task a worker took ran on one CPU.
        final class Seen: @unchecked Sendable {
            let lock = Mutex<[pthread_t: Set<Int32>]>([:])
        }
        let seen = Seen()
        WorkerPool.shared.forEach(400) { _ in
            usleep(50)
            seen.lock.withLock { $0[pthread_self(), default: []].insert(cxj_current_cpu()) }
        }
        let byThread = seen.lock.withLock { $0 }
        for (thread, cpus) in byThread where pthread_equal(thread, pthread_self()) == 0 {
            XCTAssertEqual(cpus.count, 1, "a pool worker moved between CPUs: \(cpus.sorted())")
        }
        // A background thread may run anywhere the process may, once started.
        let allowed = BackgroundThread { cxj_allowed_cpu_count() }.join()
        XCTAssertEqual(Int(allowed), Parallel.coreCount)
        #endif
    }

    /// Each worker has a slot of its own, the calling thread 0; a value's per-thread copies are
    /// equal, in storage of their own, and a thread reads its own.
    func testEachThreadOfAPassReadsItsOwnCopy() {
        final class Seen: @unchecked Sendable {
            let lock = Mutex<[pthread_t: Set<Int>]>([:])
        }
        let seen = Seen()
        let values = Array(0..<64)
        let copies = PerThreadCopies(values) { $0.map { $0 } }
        let addresses = Mutex<Set<Int>>([])
        WorkerPool.shared.forEach(400) { _ in
            usleep(20)
            let mine = copies.mine
            XCTAssertEqual(mine, values)
            addresses.withLock { _ = $0.insert(mine.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }) }
            seen.lock.withLock { $0[pthread_self(), default: []].insert(Parallel.threadSlot) }
        }
        let byThread = seen.lock.withLock { $0 }
        var slots = Set<Int>()
        for (thread, threadSlots) in byThread {
            XCTAssertEqual(threadSlots.count, 1, "a thread changed its slot")
            if pthread_equal(thread, pthread_self()) != 0 { XCTAssertEqual(threadSlots, [0]) }
            slots.formUnion(threadSlots)
        }
        XCTAssertEqual(slots.count, byThread.count, "two threads shared a slot")
        XCTAssertTrue(slots.allSatisfy { $0 >= 0 && $0 < Parallel.coreCount })
        // A copy per thread that took part, none shared with another's.
        XCTAssertEqual(addresses.withLock { $0.count }, byThread.count)
        // This thread (slot 0) reads the value it gave.
        XCTAssertEqual(copies.mine.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) },
                       values.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) })
        XCTAssertEqual(Parallel.threadSlot, 0)
    }
}
