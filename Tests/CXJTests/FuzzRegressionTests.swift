import Foundation
import XCTest
@testable import CXJ

/// Replays every input the fuzzer ever found (Tests/CXJTests/Fixtures/fuzz), and every example
/// and fixture, through the fuzzer's body: none may crash or break the formatter's promises.
final class FuzzRegressionTests: XCTestCase {
    func testEveryFoundInputAndEverySeedPasses() throws {
        let directories = [TestSupport.fixtures + "/fuzz", TestSupport.fixtures + "/diagnostics", TestSupport.repository + "/Examples"]
        var count = 0
        for directory in directories {
            guard let enumerator = FileManager.default.enumerator(atPath: directory) else { continue }
            for case let name as String in enumerator where directory.hasSuffix("/fuzz") || name.hasSuffix(".cxj") {
                let path = directory + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                XCTAssertNil(PipelineExercise.run(bytes), name)
                count += 1
            }
        }
        XCTAssertGreaterThanOrEqual(count, 20)
    }
}
