import CXJSystem
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs independent work on all cores and returns the results in input order, so output
/// never depends on scheduling.
public enum Parallel {
    /// How many cores this process may run on: those of its CPU affinity (`taskset`, a
    /// container's cpuset), else those online (read once).
    static let coreCount: Int = {
        let allowed = Int(cxj_allowed_cpu_count())
        if allowed > 0 { return allowed }
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }()

    /// Whether this process may run on more than one core.
    static let hasSeveralCores = coreCount > 1

    /// Starts the worker threads now, while the caller does serial work (finding the inputs),
    /// so that the first parallel pass does not wait for them; `spinning`, they stay awake for
    /// it a few milliseconds (a run over many small files, whose first pass comes soon).
    public static func startWorkers(spinning: Bool = false) {
        guard hasSeveralCores else { return }
        WorkerPool.startSpinning = spinning
        _ = WorkerPool.shared
    }

    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        if inputs.count <= 1 { return inputs.map(transform) }
        let results = Slots<Output>(count: inputs.count)
        WorkerPool.shared.forEach(inputs.count) { index in
            results.store(transform(inputs[index]), at: index)
        }
        return results.collect()
    }

    /// Like `map`, for work with two results: each kind comes back in an array of its own,
    /// moved out of the buffers. Splitting an array of pairs afterwards copied every result,
    /// writing the reference counts of a thousand syntax trees made on the other core, on
    /// the serial path.
    static func mapPairs<Input: Sendable, First: Sendable, Second: Sendable>(
        _ inputs: [Input], _ transform: @Sendable (Input) -> (First, Second)) -> ([First], [Second]) {
        let first = Slots<First>(count: inputs.count)
        let second = Slots<Second>(count: inputs.count)
        if inputs.count <= 1 {
            for input in inputs {
                let (one, other) = transform(input)
                first.store(one, at: 0)
                second.store(other, at: 0)
            }
        } else {
            WorkerPool.shared.forEach(inputs.count) { index in
                let (one, other) = transform(inputs[index])
                first.store(one, at: index)
                second.store(other, at: index)
            }
        }
        return (first.collect(), second.collect())
    }
}

