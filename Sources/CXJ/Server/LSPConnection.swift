#if canImport(Glibc)
import Glibc
#endif

/// Runs a `LanguageServer` over file descriptors with LSP's base protocol: each message is a
/// `Content-Length: N` header, an empty line, and N bytes of JSON.
///
/// Every message already received is handled before documents are checked, so a burst of
/// edits is checked once, at its latest state; nothing waits on a timer. A header that is
/// not understood, or a length over 64 MiB, ends the connection.
public enum LSPConnection {
    public static let largestMessage = 64 << 20

    /// Serves until `exit` or the end of the input; returns the exit status LSP asks for.
    public static func run(input: Int32, output: Int32, log: (String) -> Void) -> Int32 {
        let server = LanguageServer()
        var buffer: [UInt8] = []
        var chunk = [UInt8](filling: 0, count: 1 << 16)
        var ended = false
        while !server.hasExited {
            // Take every complete message in the buffer; note cancellations first, so that a
            // request cancelled while it waited in the queue is answered as cancelled.
            var bodies: [[UInt8]] = []
            while let (body, consumed) = nextMessage(buffer) {
                buffer.removeFirst(consumed)
                guard let body else {
                    log("cxj lsp: malformed header; closing")
                    return 1
                }
                bodies.append(body)
            }
            for body in bodies { server.noteCancellation(body) }
            for body in bodies {
                for reply in server.handle(body) { send(reply, to: output) }
                if server.hasExited { return server.exitCode }
            }
            if ended { break }
            // Check only when no more input is waiting: the latest edit wins.
            if server.hasPendingWork && !inputIsReady(input) {
                for reply in server.checkPending() { send(reply, to: output) }
                continue
            }
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                ended = true
                continue
            }
            buffer.append(contentsOf: chunk[0..<count])
        }
        return server.exitCode
    }

    /// The next message in `buffer`: its body (nil when the header is malformed) and how many
    /// bytes it took; nil when the message is not complete yet.
    static func nextMessage(_ buffer: [UInt8]) -> ([UInt8]?, Int)? {
        guard let end = findHeaderEnd(buffer) else {
            return buffer.count > 8192 ? (nil, buffer.count) : nil
        }
        let header = String(decoding: buffer[0..<end], as: UTF8.self)
        var length: Int? = nil
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].drop { $0 == " " })
            }
        }
        guard let length, length >= 0, length <= largestMessage else { return (nil, buffer.count) }
        let start = end + 4
        guard buffer.count >= start + length else { return nil }
        return (Array(buffer[start..<start + length]), start + length)
    }

    private static func findHeaderEnd(_ buffer: [UInt8]) -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4) where buffer[index] == 0x0D && buffer[index + 1] == 0x0A
            && buffer[index + 2] == 0x0D && buffer[index + 3] == 0x0A {
            return index
        }
        return nil
    }

    private static func inputIsReady(_ descriptor: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, 0) > 0
    }

    static func send(_ message: JSONValue, to descriptor: Int32) {
        let body = Array(message.serialized.utf8)
        var bytes = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        bytes += body
        var sink = DescriptorSink(descriptor: descriptor)
        bytes.withUnsafeBytes { sink.write($0) }
    }
}
