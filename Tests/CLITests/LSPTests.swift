import Foundation
import XCTest

/// `cxj lsp` driven by a real client: PyPI's pytest-lsp runs Tests/lsp/test_cxj_lsp.py against
/// the built binary. Skipped (failed under CXJ_REQUIRE_TOOLS=1) when pytest-lsp is missing.
final class LSPTests: XCTestCase {
    func testWithPytestLSP() throws {
        let python = "/usr/bin/env"
        let check = Process()
        check.executableURL = URL(fileURLWithPath: python)
        check.arguments = ["python3", "-c", "import pytest_lsp"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        if check.terminationStatus != 0 {
            if ProcessInfo.processInfo.environment["CXJ_REQUIRE_TOOLS"] == "1" {
                return XCTFail("required tool unavailable: PyPI's pytest-lsp")
            }
            throw XCTSkip("skipped: PyPI's pytest-lsp is not installed (pip install pytest-lsp, or run .ci/run)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "Tests/lsp/test_cxj_lsp.py"]
        process.currentDirectoryURL = CLI.repository
        var environment = ProcessInfo.processInfo.environment
        environment["CXJ_BINARY"] = CLI.binary.path
        // Explanations behind `codeDescription` links go to a cache of the test's own.
        environment["XDG_CACHE_HOME"] = try CLI.temporaryDirectory("lsp-cache").path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, String(decoding: data, as: UTF8.self))
    }
}
