import CXJ
import Foundation

// cxj-bench: generates benchmark journeys and times each stage of the pipeline in-process.
//
//   cxj-bench generate MEGABYTES OUTPUT      write a generated journey of about that size
//   cxj-bench many COUNT DIRECTORY           write COUNT small journeys sharing a catalogue
//   cxj-bench stages FILE [REPEATS]          time lexing+parsing and checking, best of REPEATS
//   cxj-bench memory FILE                    peak memory of a full check, in a fresh process
//
// Benchmarks/run.sh uses both, then times the real `cxj` binary. Build in release mode.

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func megabytesPerSecond(_ bytes: Int, _ time: Double) -> String {
    String(format: "%8.1f MB/s", Double(bytes) / 1e6 / time)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "generate" where arguments.count == 3:
    guard let megabytes = Double(arguments[1]) else { fatalError("MEGABYTES must be a number") }
    let bytes = JourneyGenerator.generate(bytes: Int(megabytes * 1_000_000))
    guard FileManager.default.createFile(atPath: arguments[2], contents: Data(bytes)) else { fatalError("cannot write \(arguments[2])") }
    print("wrote \(bytes.count) bytes to \(arguments[2])")
case "many" where arguments.count == 3:
    guard let count = Int(arguments[1]) else { fatalError("COUNT must be a number") }
    try ManyJourneys.write(count: count, to: arguments[2])
    print("wrote \(count) journeys and a catalogue to \(arguments[2])")
case "stages" where arguments.count >= 2:
    let path = arguments[1]
    let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
    guard case .success(let bytes) = FileSystemProvider().read(path) else { fatalError("cannot read \(path)") }
    var lex = Double.infinity
    var parse = Double.infinity
    var check = Double.infinity
    var diagnostics = 0
    for _ in 0..<repeats {
        let source = SourceFile(path: path, bytes: bytes)
        lex = min(lex, seconds { _ = Parser.countTokens(source) })
        parse = min(parse, seconds { _ = Parser.parse(source, fileIndex: 0) })
        check = min(check, seconds {
            let result = Compiler.check([.path(path)])
            diagnostics = result.diagnostics.count
        })
    }
    reportTreeSize(bytes)
    reportModelSizes()
    print("input: \(bytes.count) bytes, \(diagnostics) diagnostics, best of \(repeats)")
    print("lex only:           \(String(format: "%7.3f", lex)) s \(megabytesPerSecond(bytes.count, lex))")
    print("lex + parse:        \(String(format: "%7.3f", parse)) s \(megabytesPerSecond(bytes.count, parse))")
    print("full check:         \(String(format: "%7.3f", check)) s \(megabytesPerSecond(bytes.count, check))")
case "memory" where arguments.count == 2:
    // Peak resident memory of a full check, in a fresh process.
    let path = arguments[1]
    let before = peakMegabytes()
    var result: CheckResult? = nil
    let time = seconds { result = Compiler.check([.path(path)]) }
    let after = peakMegabytes()
    print(String(format: "cold check in a fresh process: %.3f s", time))
    guard let result else { exit(1) }
    let size = Double(result.sources[0].bytes.count) / 1_048_576
    print(String(format: "peak before: %.1f MB, after checking: %.1f MB (+%.1f MB = %.2f × the %.1f MB input)",
                 before, after, after - before, (after - before) / size, size))
default:
    print("usage: cxj-bench generate MEGABYTES OUTPUT | many COUNT DIRECTORY | stages FILE [REPEATS] | memory FILE")
    exit(2)
}
