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

    /// Collects into `storage`, emptied but keeping its capacity: buffers filled again and
    /// again (the blocks of `JSONWriter.elements`) are not allocated and faulted in each time.
    public init(reusing storage: [UInt8]) {
        bytes = storage
        bytes.removeAll(keepingCapacity: true)
    }

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
/// is raw memory owned by a class (which frees it); its address and fill count live in the
/// writer itself, so appending is a bounds check and a copy, with no reference to follow.
/// A writer is used in place (`inout`): a copy would share the buffer.
public struct OutputWriter<Sink: OutputSink> {
    public private(set) var sink: Sink
    private let storage = ByteBuffer(capacity: OutputWriter.capacity)
    private let base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private static var capacity: Int { 1 << 16 }

    public init(_ sink: Sink) {
        self.sink = sink
        base = storage.pointer
    }

    @inline(__always)
    public mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0) }
    }

    @inline(__always)
    public mutating func write(byte: UInt8) {
        if count == OutputWriter.capacity { flush() }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        let length = bytes.count
        guard length > 0, let source = bytes.baseAddress else { return }
        if count + length > OutputWriter.capacity {
            flush()
            if length > OutputWriter.capacity {
                sink.write(UnsafeRawBufferPointer(bytes))
                return
            }
        }
        if length <= 4 {
            // Short pieces (keys, separators, numbers) are most writes: a loop beats a call.
            var index = 0
            while index < length {
                base[count + index] = source[index]
                index += 1
            }
        } else {
            (base + count).update(from: source, count: length)
        }
        count += length
    }

    /// Writes `byte` `times` times, such as indentation.
    @inline(__always)
    public mutating func write(repeating byte: UInt8, times: Int) {
        guard times > 0 else { return }
        if count + times > OutputWriter.capacity { flush() }
        if times > OutputWriter.capacity {
            for _ in 0..<times { write(byte: byte) }
            return
        }
        (base + count).update(repeating: byte, count: times)
        count += times
    }

    /// Room for `length` more bytes in the buffer (flushing first when needed), to be filled
    /// by the caller and then counted with `commit`; nil when `length` exceeds the buffer.
    /// Lets a writer put several small pieces down behind one capacity check.
    @inline(__always)
    mutating func space(_ length: Int) -> UnsafeMutablePointer<UInt8>? {
        guard length <= OutputWriter.capacity else { return nil }
        if count + length > OutputWriter.capacity { flush() }
        return base + count
    }

    @inline(__always)
    mutating func commit(_ length: Int) {
        count += length
    }

    /// Hands everything buffered to the sink.
    public mutating func flush() {
        guard count > 0 else { return }
        withExtendedLifetime(storage) {
            sink.write(UnsafeRawBufferPointer(start: base, count: count))
        }
        count = 0
    }

    /// Flushes and returns the sink.
    public mutating func finish() -> Sink {
        flush()
        return sink
    }
}

/// Raw bytes, freed with their owner.
final class ByteBuffer {
    let pointer: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
    }

    deinit {
        pointer.deallocate()
    }
}
