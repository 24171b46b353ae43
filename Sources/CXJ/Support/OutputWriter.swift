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
    private let storage: ByteBuffer
    private let base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private static var capacity: Int { ByteBuffer.writerCapacity }

    public init(_ sink: Sink) {
        self.init(sink, buffer: ByteBuffer(capacity: ByteBuffer.writerCapacity))
    }

    /// A writer whose buffer is `buffer`, which no other writer uses while this one does
    /// (`BlockScratch`).
    init(_ sink: Sink, buffer: ByteBuffer) {
        precondition(buffer.capacity == ByteBuffer.writerCapacity)
        self.sink = sink
        storage = buffer
        base = buffer.pointer
    }

    /// Writes a string. Disfavoured, so that a literal (and a choice between literals) is
    /// written as a `StaticString`: no retain, release or check of the string's form.
    @_disfavoredOverload
    @inline(__always)
    public mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0) }
    }

    @inline(__always)
    public mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { write(bytes: $0) }
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
        // Short pieces (keys, separators, numbers) are most writes: no call for them.
        OutputWriter.copySmall(source, to: base + count, count: length)
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

    /// Copies a few bytes without a call: two overlapping loads and stores for 4 to 16 bytes,
    /// single bytes below, `memcpy` above. Keys and short labels are most copies.
    @inline(__always)
    static func copySmall(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        if count >= 8 {
            if count > 16 {
                target.update(from: source, count: count)
                return
            }
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        } else {
            var index = 0
            while index < count {
                target[index] = source[index]
                index &+= 1
            }
        }
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
final class ByteBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// The size of an `OutputWriter`'s buffer.
    static var writerCapacity: Int { 1 << 16 }

    init(capacity: Int) {
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
    }

    deinit {
        pointer.deallocate()
    }
}
