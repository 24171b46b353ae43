#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a command needs from its surroundings: output streams, standard input, environment.
/// Tests substitute a recording terminal.
struct Terminal: Sendable {
    var writeOut: @Sendable (String) -> Void
    /// Writes bytes to standard output as they are, for output that is already UTF-8.
    var writeOutBytes: @Sendable ([UInt8]) -> Void
    var writeError: @Sendable (String) -> Void
    /// Reads standard input, stopping once it holds more than the given number of bytes.
    var readInput: @Sendable (Int) -> [UInt8]
    /// Whether standard error is a terminal (for colour).
    var errorIsTerminal: Bool
    /// Whether standard output is a terminal.
    var outputIsTerminal: Bool
    var environment: @Sendable (String) -> String?

    static let system = Terminal(
        writeOut: { write(1, $0) },
        writeOutBytes: { bytes in bytes.withUnsafeBufferPointer { writeBuffer(1, $0) } },
        writeError: { write(2, $0) },
        readInput: readAll,
        errorIsTerminal: isatty(2) != 0,
        outputIsTerminal: isatty(1) != 0,
        environment: { name in getenv(name).map { String(cString: $0) } })

    /// Whether colour may be used on standard error: `--color`, then `NO_COLOR`, then a tty check.
    func colors(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let value = environment("NO_COLOR"), !value.isEmpty { return false }
            if environment("TERM") == "dumb" { return false }
            return errorIsTerminal
        }
    }
}

/// Why writing to standard output failed (a full disk, a closed pipe), or nil. Commands write
/// from the main thread only; `main` turns a failure into exit status 2.
nonisolated(unsafe) var standardOutputFailure: String? = nil

private func write(_ descriptor: Int32, _ text: String) {
    var text = text
    text.withUTF8 { writeBuffer(descriptor, $0) }
}

private func writeBuffer(_ descriptor: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
    guard let base = buffer.baseAddress else { return }
    var offset = 0
    while offset < buffer.count {
        let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            if descriptor == 1 && standardOutputFailure == nil {
                standardOutputFailure = String(cString: strerror(errno)).lowercased()
            }
            return
        }
        offset += written
    }
}

private func readAll(limit: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while bytes.count <= limit {
        let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
}
