import Foundation
import XCTest

/// Runs outside programs (Graphviz, Python) for tests that check cxj's output with real
/// consumers. When a program is missing the test is skipped with a message saying so, unless
/// CXJ_REQUIRE_TOOLS=1, as in CI, which turns the skip into a failure.
enum ExternalTools {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The full path of an executable found on PATH.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Fails under CXJ_REQUIRE_TOOLS=1, skips otherwise.
    static func unavailable(_ message: String, file: StaticString = #filePath, line: UInt = #line) throws -> Never {
        if TestSupport.requireTools {
            XCTFail("required tool unavailable: \(message)", file: file, line: line)
            throw XCTSkip("failed: \(message)")
        }
        throw XCTSkip("skipped: \(message) (install it, or run .ci/run, to run this test)")
    }

    /// The path of Graphviz `dot`, or a skip.
    static func dot() throws -> String {
        guard let path = find("dot") else { try unavailable("Graphviz `dot` is not installed") }
        return path
    }

    /// The path of a `python3` that can import jsonschema, or a skip.
    static func pythonWithJSONSchema() throws -> String {
        guard let python = find("python3") else { try unavailable("`python3` is not installed") }
        let check = try run(python, ["-c", "import jsonschema"])
        guard check.status == 0 else { try unavailable("Python's `jsonschema` is not installed (pip install jsonschema)") }
        return python
    }

    static func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        // Write input and read output concurrently, so large outputs cannot fill a pipe. Each
        // helper thread signals when it is done: what it wrote is read only after the wait,
        // which orders the two (polling `isExecuting` did not, for ThreadSanitizer).
        let done = DispatchSemaphore(value: 0)
        let writer = Thread {
            if let input { inPipe.fileHandleForWriting.write(input) }
            try? inPipe.fileHandleForWriting.close()
            done.signal()
        }
        writer.start()
        nonisolated(unsafe) var errData = Data()
        let reader = Thread {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        done.wait()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Validates a JSON document against a schema with Python's jsonschema; returns the errors.
    static func validate(json: [UInt8], schema: String) throws -> String? {
        let python = try pythonWithJSONSchema()
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        errors = sorted(cls(schema).iter_errors(json.load(sys.stdin)), key=lambda e: list(e.path))
        for error in errors[:5]:
            print("/".join(map(str, error.path)), error.message)
        sys.exit(1 if errors else 0)
        """
        let result = try run(python, ["-c", script, schema], input: Data(json))
        return result.status == 0 ? nil : result.stdout + result.stderr
    }
}
