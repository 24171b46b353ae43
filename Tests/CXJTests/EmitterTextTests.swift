import XCTest
@testable import CXJ

/// The emitters read texts and catalogue names through pointers (`OwnText`,
/// `CatalogueNames`); what they read must be what `CheckedFile` decodes, for every kind of text.
final class EmitterTextTests: XCTestCase {
    private let main = """
        import "shared.cxj"
        team care "Care ทีม"
        channel line_oa "LINE 官方账号 🙂" { kind digital }
        journey j "Journey" {
          note "plain"
          stage s "S" {
            note ""
            customer {
              step a "A" {
                channel line_oa
                needs "with \\"escape\\" and \\u{1F600}"
                pain \"\"\"
                  multi
                  line
                  \"\"\"
                thinks "ไทย 中文 🙂"
              }
            }
            organization { action x "X" { owner care; uses crm } }
            touchpoint a <-> x { via line_oa }
          }
        }
        """

    private func checked() -> CheckResult {
        Compiler.check([.path("main.cxj")], provider: InMemoryProvider([
            "main.cxj": main,
            "shared.cxj": "system crm \"CRM \\\"core\\\"\"\npersona ana \"Ana\"\n",
        ]))
    }

    func testOwnTextReadsWhatTheFileDecodes() throws {
        let result = checked()
        let file = try XCTUnwrap(result.files.first { $0.hasJourneys })
        let journey = file.journeys[0]
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map { $0.message }, [])
        var refs = journey.notes + journey.stages[0].notes + journey.texts.map { $0.text }
        refs += [journey.title, journey.steps[0].label, journey.actions[0].label]
        refs += file.catalogue.entries.map { $0.label }
        XCTAssertTrue(file.catalogue.entries.contains { $0.label.file != Int32(file.fileIndex) }, "a text of another file")
        XCTAssertTrue(refs.contains { $0.isMultiline })
        let texts = file.withOwnText { own in refs.map { own.with($0) { String(decoding: $0, as: UTF8.self) } } }
        XCTAssertEqual(texts, refs.map { file.text($0) })
        XCTAssertTrue(texts.contains("with \"escape\" and 😀"))
        XCTAssertTrue(texts.contains("CRM \"core\""))
        XCTAssertTrue(texts.contains("ไทย 中文 🙂"))
        XCTAssertTrue(texts.contains(""))
    }

    func testCatalogueNamesAreTheEntriesNames() throws {
        let result = checked()
        let file = try XCTUnwrap(result.files.first { $0.hasJourneys })
        let strings = ByteStrings(namesOf: file.catalogue)
        XCTAssertEqual(strings.count, file.catalogue.entries.count)
        let names = strings.withView { names in
            file.catalogue.entries.indices.map { String(decoding: names[$0], as: UTF8.self) }
        }
        XCTAssertEqual(names, file.catalogue.entries.map { $0.name })
        XCTAssertTrue(names.contains("line_oa") && names.contains("crm"))
        XCTAssertEqual(ByteStrings(namesOf: Catalogue()).withView { _ in 0 }, 0)
    }
}
