import Foundation
import XCTest
@testable import CXJ

/// The language server as a state machine: one message in, the messages out.
final class LanguageServerTests: XCTestCase {
    private func message(_ json: String) -> [UInt8] { Array(json.utf8) }

    private func started(utf8: Bool = false) -> LanguageServer {
        let server = LanguageServer()
        let encodings = utf8 ? "[\"utf-8\"]" : "[\"utf-16\"]"
        _ = server.handle(message(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"general":{"positionEncodings":\#(encodings)}}}}"#))
        return server
    }

    private func open(_ server: LanguageServer, _ text: String, path: String = "/tmp/cxj-lsp-test/journey.cxj") -> [JSONValue] {
        let escaped = JSONValue.string(text).serialized
        return server.handle(message(#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file://\#(path)","languageId":"cxj","version":1,"text":\#(escaped)}}}"#))
    }

    private func request(_ server: LanguageServer, _ id: Int, _ method: String, _ params: String) -> JSONValue? {
        server.handle(message(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#)).last
    }

    let journey = """
    team care "Care"
    journey j "J 😀" {
      stage s "S" {
        customer { step a "A" }
        organization { action x "X" { owner care } }
        touchpoint a <-> x
      }
    }

    """

    func testRobustness() {
        let server = LanguageServer()
        XCTAssertEqual(server.handle(message("{not json"))[0]["error"]?["code"]?.int, -32700)
        XCTAssertEqual(request(server, 1, "textDocument/hover", "{}")?["error"]?["code"]?.int, -32002, "before initialize")
        let running = started()
        XCTAssertEqual(request(running, 2, "textDocument/typeHierarchy", "{}")?["error"]?["code"]?.int, -32601)
        XCTAssertEqual(request(running, 3, "textDocument/hover",
                               #"{"textDocument":{"uri":"file:///nowhere.cxj"},"position":{"line":0,"character":0}}"#)?["error"]?["code"]?.int,
                       -32602, "a closed document")
        XCTAssertEqual(running.handle(message(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":4}}"#)).count, 0)
        XCTAssertEqual(request(running, 4, "workspace/symbol", #"{"query":""}"#)?["error"]?["code"]?.int, -32800, "cancelled")
        XCTAssertEqual(running.handle(message(#"{"jsonrpc":"2.0","id":5,"method":"shutdown"}"#)).first?["result"], .null)
        _ = running.handle(message(#"{"jsonrpc":"2.0","method":"exit"}"#))
        XCTAssertTrue(running.hasExited)
        XCTAssertEqual(running.exitCode, 0)
    }

    func testDiagnosticsRenameSymbolsAndTokens() throws {
        let server = started()
        _ = open(server, journey.replacingOccurrences(of: "owner care", with: "owner cear"))
        let published = server.checkPending()
        let diagnostics = try XCTUnwrap(published.first { $0["params"]?["uri"]?.string?.hasSuffix("journey.cxj") == true })
        XCTAssertEqual(diagnostics["params"]?["diagnostics"]?.array?.first?["code"]?.string, "CXJ101")

        let position = #"{"textDocument":{"uri":"file:///tmp/cxj-lsp-test/journey.cxj"},"position":{"line":3,"character":20}}"#
        let renamed = try XCTUnwrap(request(server, 10, "textDocument/rename", String(position.dropLast()) + #","newName":"ask"}"#))
        let edits = renamed["result"]?["changes"]?["file:///tmp/cxj-lsp-test/journey.cxj"]?.array ?? []
        XCTAssertEqual(edits.count, 2, "the declaration and the touchpoint: \(renamed.serialized)")
        let clash = request(server, 11, "textDocument/rename", String(position.dropLast()) + #","newName":"x"}"#)
        XCTAssertEqual(clash?["error"]?["code"]?.int, -32803, "a rename onto a declared name is refused")
        let invalid = request(server, 12, "textDocument/rename", String(position.dropLast()) + #","newName":"two words"}"#)
        XCTAssertEqual(invalid?["error"]?["code"]?.int, -32803)

        let symbols = request(server, 13, "workspace/symbol", #"{"query":"a"}"#)?["result"]?.array?.compactMap { $0["name"]?.string }
        XCTAssertEqual(symbols, ["care", "a", "x"].filter { $0.contains("a") })

        let tokens = try XCTUnwrap(request(server, 14, "textDocument/semanticTokens/full",
                                           #"{"textDocument":{"uri":"file:///tmp/cxj-lsp-test/journey.cxj"}}"#)?["result"]?["data"]?.array)
        XCTAssertEqual(tokens.count % 5, 0)
        let types = stride(from: 3, to: tokens.count, by: 5).compactMap { tokens[$0].int }
        for expected in [0, 1, 2, 3, 4, 6] { XCTAssertTrue(types.contains(expected), "token type \(LanguageServer.tokenTypes[expected])") }
    }

    func testEditsAreCoalescedAndPositionsFollowTheEncoding() throws {
        for utf8 in [false, true] {
            let server = started(utf8: utf8)
            _ = open(server, journey)
            // Two edits before any check: only the latest text is checked.
            let bad = JSONValue.string(journey.replacingOccurrences(of: "step a \"A\"", with: "step a \"A\" { emotion 9 }")).serialized
            _ = server.handle(message(#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///tmp/cxj-lsp-test/journey.cxj","version":2},"contentChanges":[{"text":\#(bad)}]}}"#))
            let published = server.checkPending()
            XCTAssertEqual(published.filter { $0["params"]?["uri"]?.string?.hasSuffix("journey.cxj") == true }.count, 1)
            let diagnostic = try XCTUnwrap(published.first?["params"]?["diagnostics"]?.array?.first { $0["code"]?.string == "CXJ104" })
            let line = journey.replacingOccurrences(of: "step a \"A\"", with: "step a \"A\" { emotion 9 }").split(separator: "\n")[3]
            let prefix = line[..<line.range(of: "9 }")!.lowerBound]
            XCTAssertEqual(diagnostic["range"]?["start"]?["character"]?.int, utf8 ? prefix.utf8.count : prefix.utf16.count)
            // An incremental edit: replace `9` by `2`.
            let column = utf8 ? prefix.utf8.count : prefix.utf16.count
            _ = server.handle(message(#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///tmp/cxj-lsp-test/journey.cxj","version":3},"contentChanges":[{"range":{"start":{"line":3,"character":\#(column)},"end":{"line":3,"character":\#(column + 1)}},"text":"2"}]}}"#))
            let fixed = server.checkPending()
            XCTAssertFalse(fixed.first?["params"]?["diagnostics"]?.array?.contains { $0["code"]?.string == "CXJ104" } ?? true)
        }
    }

    func testASourceActionAddsATouchpointForAnUnansweredStep() throws {
        let server = started()
        let text = journey.replacingOccurrences(of: "customer { step a \"A\" }", with: "customer { step a \"A\"; step b \"B\" }")
        _ = open(server, text)
        _ = server.checkPending()
        let actions = try XCTUnwrap(request(server, 20, "textDocument/codeAction",
            #"{"textDocument":{"uri":"file:///tmp/cxj-lsp-test/journey.cxj"},"range":{"start":{"line":0,"character":0},"end":{"line":8,"character":0}},"context":{"diagnostics":[]}}"#)?["result"]?.array)
        let add = try XCTUnwrap(actions.first { $0["kind"]?.string == "source.addTouchpoint" })
        XCTAssertEqual(add["title"]?.string, "Add a touchpoint for step `b`")
        let edit = try XCTUnwrap(add["edit"]?["changes"]?["file:///tmp/cxj-lsp-test/journey.cxj"]?.array?.first)
        let line = try XCTUnwrap(edit["range"]?["start"]?["line"]?.int)
        var lines = text.components(separatedBy: "\n")
        let character = try XCTUnwrap(edit["range"]?["start"]?["character"]?.int)
        let target = lines[line]
        let index = target.utf16.index(target.utf16.startIndex, offsetBy: character)
        lines[line] = String(target[..<index]) + (edit["newText"]?.string ?? "") + String(target[index...])
        let fixed = lines.joined(separator: "\n")
        XCTAssertFalse(TestSupport.codes(TestSupport.check(fixed)).contains("CXJ201"), fixed)
    }
}

/// `cxj explain WORD` and hover know every keyword and enumeration value.
final class WordDocumentationTests: XCTestCase {
    func testEveryWordIsExplained() {
        for keyword in Keyword.allCases {
            XCTAssertNotNil(WordDocumentation.render(keyword.spelling), keyword.spelling)
        }
        let values = Phase.spellings + Strategy.spellings + Layer.spellings + Automation.spellings + ChannelKind.spellings
            + OpportunityKind.spellings + Level.spellings
        for value in values { XCTAssertNotNil(WordDocumentation.render(value), value) }
        XCTAssertTrue(WordDocumentation.render("touchpoint")!.contains("Allowed in a `journey` block or in a `stage` block."))
    }
}

final class JSONValueTests: XCTestCase {
    func testEscapesIncludingSurrogatePairs() {
        XCTAssertEqual(JSONValue.parse(Array(#"{"t":"\ud83d\ude00 \u0e44\u0e17 \u4e2d \"q\" \\"}"#.utf8))?["t"]?.string, "😀 ไท 中 \"q\" \\")
        XCTAssertEqual(JSONValue.parse(Array(#""\ud83d""#.utf8))?.string, "\u{FFFD}", "a lone surrogate")
        XCTAssertEqual(JSONValue.string("a\u{1}\"😀").serialized, #""a\u0001\"😀""#)
    }
}
