import Foundation
import XCTest

/// Runs the built `cxj` binary and captures what it prints.
enum CLI {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built binary, beside the test bundle in the build directory.
    static var binary: URL {
        var directory = Bundle(for: Marker.self).bundleURL
        while directory.pathExtension == "xctest" || directory.lastPathComponent.hasSuffix(".xctest") {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("cxj")
    }

    static let repository: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs the binary with `arguments`, or `executable` (a launcher such as `taskset`) when given.
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:],
                    directory: URL? = nil, executable: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repository
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes at once: a child that fills one while the other is being drained to
        // its end would otherwise block for ever.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    /// Runs a shell command line with `$CXJ` naming the built binary, for redirections.
    static func runShell(_ command: String, directory: URL) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["CXJ"] = binary.path
        process.environment = env
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: "", stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A small journey without findings: one step answered by one owned action.
    static let sampleJourney = """
    team care "Care"
    journey j "J" {
      allow no-repeat-loop
      stage s "S" {
        customer {
          step a "A"
        }
        organization {
          action x "X" { owner care }
        }
        touchpoint a <-> x
      }
    }
    """

    /// The sample journey with a delivery gap of 2 at line 11.
    static let journeyWithGap = sampleJourney.replacingOccurrences(of: "touchpoint a <-> x", with: "touchpoint a <-> x { claimed 5; perceived 3 }")

    /// A fresh temporary directory holding the given files (paths relative to it).
    static func write(_ files: [String: String]) throws -> URL {
        let directory = try temporaryDirectory()
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// A fresh temporary directory, under `scratch`.
    static func temporaryDirectory(_ prefix: String = "cli") throws -> URL {
        let url = scratch.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The one folder every CLI test writes under (`$TMPDIR/cxj-tests-PID-…`), removed when the
    /// test process exits: a run once left thousands of folders behind on the machine.
    /// `CXJ_KEEP_TEST_FILES=1` keeps it, for looking at what a test wrote.
    static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cxj-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        scratchPath = url.path
        if ProcessInfo.processInfo.environment["CXJ_KEEP_TEST_FILES"] != "1" {
            atexit { if let path = CLI.scratchPath { try? FileManager.default.removeItem(atPath: path) } }
        }
        return url
    }()

    nonisolated(unsafe) private static var scratchPath: String? = nil

    private final class Marker {}

    private final class DataBox: @unchecked Sendable {
        var data = Data()
    }
}
