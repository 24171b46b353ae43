import Foundation
import XCTest

/// `cxj lsp` with Neovim's built-in LSP client, headless (Tests/neovim/lsp_test.lua): the
/// diagnostics of an example, a jump to a definition in its catalogue, and formatting.
final class NeovimTests: XCTestCase {
    func testNeovimHeadless() throws {
        let nvim = ["/usr/bin/nvim", "/usr/local/bin/nvim"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let nvim else {
            if ProcessInfo.processInfo.environment["CXJ_REQUIRE_TOOLS"] == "1" { return XCTFail("required tool unavailable: Neovim") }
            throw XCTSkip("skipped: Neovim is not installed (apt-get install neovim, or run .ci/run)")
        }
        let output = try CLI.temporaryDirectory("nvim").appendingPathComponent("result.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nvim)
        process.arguments = ["--headless", "-u", "NONE", "-i", "NONE", "-c", "luafile Tests/neovim/lsp_test.lua"]
        process.currentDirectoryURL = CLI.repository
        var environment = ProcessInfo.processInfo.environment
        environment["CXJ_BINARY"] = CLI.binary.path
        environment["CXJ_FILE"] = "Examples/black-friday.cxj"
        environment["CXJ_OUT"] = output.path
        environment["HOME"] = try CLI.temporaryDirectory("nvim-home").path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: output)
        let result = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(result["errors"] as? [String], [])
        let expected = try CLI.run(["check", "Examples/black-friday.cxj", "--diagnostics", "short"]).stderr
            .split(separator: "\n").compactMap { line in line.range(of: "[CXJ").map { String(line[$0.upperBound...].prefix(3)) } }
        XCTAssertEqual((result["codes"] as? [String])?.sorted(), expected.map { "CXJ" + $0 }.sorted())
        XCTAssertTrue((result["definition"] as? String)?.hasSuffix("Examples/catalogue/stride.cxj") == true, "\(result)")
        XCTAssertEqual(result["formatted"] as? Bool, true)
    }
}
