/// Results that are kept alive until the process exits.
///
/// A check of a large journey builds tens of megabytes of tree and model in many allocations.
/// Freeing them one by one just before `exit` only costs time, since the operating system
/// reclaims the whole address space at once; commands park their results here instead.
enum ExitWithoutTeardown {
    nonisolated(unsafe) static var kept: [Any] = []

    static func keep(_ value: Any) {
        kept.append(value)
    }
}
