#if canImport(Glibc)
import Glibc
#endif

/// Where emitted bytes go: memory, or a file descriptor.
public protocol OutputSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer)
}

/// Collects output in memory (tests, and files written atomically afterwards).
public struct MemorySink: OutputSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Writes to an open file descriptor, such as standard output, and remembers the first
/// failure (a full disk, a closed pipe) so that the caller can report it.
public struct DescriptorSink: OutputSink {
    public let descriptor: Int32
    public private(set) var failure: String? = nil

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Records a failure found outside `write`, such as in `close`.
    mutating func fail(_ reason: String) {
        if failure == nil { failure = reason }
    }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            #else
            let written = -1
            #endif
            if written < 0 {
                #if canImport(Glibc)
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno)).lowercased()
                #else
                failure = "write failed"
                #endif
                return
            }
            offset += written
        }
    }
}

/// A streaming writer: bytes are copied into a 64 KiB buffer that is handed to the sink when
/// full, so emitting a large journey never builds the whole output as one string. The buffer
/// is raw memory owned by a class, so appending is a bounds check and a copy.
public struct OutputWriter<Sink: OutputSink> {
    public private(set) var sink: Sink
    private let buffer = ByteBuffer(capacity: 1 << 16)

    public init(_ sink: Sink) {
        self.sink = sink
    }

    @inline(__always)
    public mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0) }
    }

    @inline(__always)
    public mutating func write(byte: UInt8) {
        if buffer.count == buffer.capacity { flush() }
        buffer.pointer[buffer.count] = byte
        buffer.count += 1
    }

    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if buffer.count + bytes.count > buffer.capacity { flush() }
        if bytes.count > buffer.capacity {
            sink.write(UnsafeRawBufferPointer(bytes))
            return
        }
        (buffer.pointer + buffer.count).update(from: base, count: bytes.count)
        buffer.count += bytes.count
    }

    /// Hands everything buffered to the sink.
    public mutating func flush() {
        guard buffer.count > 0 else { return }
        sink.write(UnsafeRawBufferPointer(start: buffer.pointer, count: buffer.count))
        buffer.count = 0
    }

    /// Flushes and returns the sink.
    public mutating func finish() -> Sink {
        flush()
        return sink
    }
}

/// Raw bytes with a fill count, freed with their owner.
final class ByteBuffer {
    let pointer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
    }

    deinit {
        pointer.deallocate()
    }
}
