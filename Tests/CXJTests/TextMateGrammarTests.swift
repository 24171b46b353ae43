import Foundation
import XCTest
@testable import CXJ

/// Grammar/cxj.tmLanguage.json: its words are the language's, and PyPI's
/// textmate-grammar-python scopes every example as in the goldens (Fixtures/scopes).
final class TextMateGrammarTests: XCTestCase {
    func testKeywordsAndValuesAreTheLanguages() throws {
        let text = try String(contentsOfFile: TestSupport.repository + "/Grammar/cxj.tmLanguage.json", encoding: .utf8)
        for keyword in Keyword.allCases {
            XCTAssertTrue(text.contains("|" + keyword.spelling + "|") || text.contains("(" + keyword.spelling + "|")
                          || text.contains("|" + keyword.spelling + ")"), "keyword \(keyword.spelling)")
        }
        for value in Phase.spellings + Strategy.spellings + Layer.spellings + Automation.spellings + Level.spellings {
            XCTAssertTrue(text.contains("|" + value + "|") || text.contains("(" + value + "|") || text.contains("|" + value + ")"), value)
        }
    }

    func testScopesOfEveryExample() throws {
        guard let python = ExternalTools.find("python3") else { try ExternalTools.unavailable("`python3` is not installed") }
        guard try ExternalTools.run(python, ["-c", "import textmate_grammar"]).status == 0 else {
            try ExternalTools.unavailable("PyPI's `textmate-grammar-python` is not installed (pip install textmate-grammar-python)")
        }
        let run = try ExternalTools.run(python, [TestSupport.repository + "/Tests/textmate/scopes.py"])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("7 examples, 0 differing"), run.stdout)
    }
}
