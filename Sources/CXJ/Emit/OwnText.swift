/// A checked file's own bytes, for emitters that render elements in blocks on two threads
/// (`BlockWaves`): a plain string literal is read straight through a pointer, where
/// `CheckedFile.withText` would take a reference to the `SourceFile` — a reference count that
/// both threads would write for every label, one cache line bouncing between the cores.
struct OwnText {
    var file: CheckedFile
    /// The file's bytes, valid while `CheckedFile.withOwnText`'s body runs.
    var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    /// Calls `body` with a text's UTF-8: a plain string literal of this file straight from its
    /// bytes, anything else (an escape, a multi-line string, another file's text) decoded.
    func with<Result>(_ ref: TextRef, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if Int(ref.file) == file.fileIndex, let plain = ref.plainContents(in: bytes) { return body(plain) }
        return file.withText(ref, body)
    }
}

extension CheckedFile {
    /// Calls `body` with this file's texts read through a pointer to its bytes.
    func withOwnText<Result>(_ body: (OwnText) -> Result) -> Result {
        source.bytes.withUnsafeBufferPointer { body(OwnText(file: self, bytes: $0)) }
    }
}
