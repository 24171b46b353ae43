import Foundation
import XCTest

/// The pipeline's folders form layers, and a lower layer never names a type of a higher one:
/// syntax knows nothing of output formats, emitters read only the checked model, renderers and
/// documentation sit at the top. The test reads the sources, finds the types each folder
/// declares, and looks for their names in the code (comments and strings left out) of every
/// lower folder.
final class LayeringTests: XCTestCase {
    /// Lowest first. Folders on one line are one layer and may name each other.
    static let layers: [[String]] = [
        ["Source"],
        ["Support"],
        ["Diagnostics"],
        ["Lexer"],
        ["Syntax"],
        ["Model"],
        ["Sema"],
        ["Lint"],
        ["Format", "Import"],
        ["Emit"],
        ["Driver"],
        ["Render", "Diff", "Server"],
        ["Site"],
    ]

    func testNoFolderNamesATypeOfAHigherOne() throws {
        let root = TestSupport.repository + "/Sources/CXJ"
        var rank: [String: Int] = [:]
        for (index, folders) in LayeringTests.layers.enumerated() { for folder in folders { rank[folder] = index } }
        let folders = try FileManager.default.contentsOfDirectory(atPath: root).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(Set(folders), Set(rank.keys), "every folder of Sources/CXJ has a layer")

        var files: [(folder: String, path: String, code: String)] = []
        var declared: [String: String] = [:]   // type name → folder
        let declaration = try NSRegularExpression(pattern: #"^(?:public |internal |private |fileprivate )?(?:final )?(?:struct|enum|class|protocol|actor|typealias) ([A-Z][A-Za-z0-9]*)"#, options: [.anchorsMatchLines])
        for folder in folders {
            let enumerator = FileManager.default.enumerator(atPath: root + "/" + folder)!
            for case let name as String in enumerator where name.hasSuffix(".swift") {
                let path = root + "/" + folder + "/" + name
                let text = try String(contentsOfFile: path, encoding: .utf8)
                let code = LayeringTests.strippingCommentsAndStrings(text)
                files.append((folder, path, code))
                let range = NSRange(code.startIndex..., in: code)
                for match in declaration.matches(in: code, range: range) {
                    let type = String(code[Range(match.range(at: 1), in: code)!])
                    declared[type] = folder
                }
            }
        }
        XCTAssertGreaterThan(declared.count, 100)
        var violations: [String] = []
        for file in files {
            let level = rank[file.folder]!
            let words = Set(file.code.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
            for word in words {
                guard let home = declared[word], rank[home]! > level else { continue }
                violations.append("\(file.folder)/\(URL(fileURLWithPath: file.path).lastPathComponent) names \(word) of \(home)")
            }
        }
        XCTAssertEqual(violations.sorted(), [], "lower layers name higher ones")
    }

    /// Code without `//` comments and without the contents of string literals.
    static func strippingCommentsAndStrings(_ text: String) -> String {
        var output = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var inString = false
            var previous: Character = " "
            var kept = ""
            var index = line.startIndex
            while index < line.endIndex {
                let character = line[index]
                if !inString && character == "/" && line[line.index(after: index)...].hasPrefix("/") { break }
                if character == "\"" && previous != "\\" { inString.toggle() } else if !inString { kept.append(character) }
                previous = character
                index = line.index(after: index)
            }
            output += kept + "\n"
        }
        return output
    }
}
