// The libFuzzer target over the whole pipeline. It is compiled together with the library's
// sources into one module (see Benchmarks/fuzz.sh). `PipelineExercise` parses, checks, lints,
// renders every diagnostic format, emits every output format and formats the input; a broken
// promise of the formatter traps here, so libFuzzer keeps the input as a crash.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let failure = PipelineExercise.run(Array(UnsafeBufferPointer(start: data, count: size))) {
        fatalError(failure)
    }
    return 0
}
