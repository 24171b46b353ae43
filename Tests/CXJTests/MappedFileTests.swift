import Foundation
import XCTest
@testable import CXJ

/// `check` and `compile` map a large file instead of reading it (`MappedFile`): what they show
/// is what they show for the file read; the pages a pass is done with are handed back and read
/// again unchanged; a file that changes or shrinks under the mapping is noticed, and a shrunk
/// one reads as zeros instead of ending the process.
final class MappedFileTests: XCTestCase {
    private var path = ""

    override func setUp() {
        path = NSTemporaryDirectory() + "cxj-mapped-\(getpid())-\(name.filter { $0.isLetter }).cxj"
    }

    override func tearDown() {
        unlink(path)
    }

    private func write(_ bytes: [UInt8]) {
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    }

    private func pseudoRandomBytes(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    private func mapped(_ provider: FileSystemProvider = FileSystemProvider(mapsLargeFiles: true)) -> SourceBytes? {
        guard case .success(let bytes) = provider.load(path) else { return nil }
        return bytes
    }

    func testOnlyALargeRegularFileIsMappedAndOnlyWhenAsked() throws {
        let large = AllocationPolicy.partedFileBytes
        XCTAssertEqual(FileSystemProvider.mappedFileBytes, large)
        for size in [large, large + 4_097] {
            let bytes = pseudoRandomBytes(size)
            write(bytes)
            let loaded = try XCTUnwrap(mapped())
            XCTAssertNotNil(loaded.mapping, "\(size) bytes: mapped")
            XCTAssertTrue(loaded.equals(bytes), "\(size) bytes: the file's")
            XCTAssertEqual(loaded[size - 1], bytes[size - 1])
            XCTAssertFalse(loaded.mapping!.hasChanged)
            XCTAssertNil(mapped(FileSystemProvider())?.mapping, "not asked: read")
            XCTAssertTrue(mapped(FileSystemProvider())!.equals(bytes))
            XCTAssertNil(FileSystemProvider(mapsLargeFiles: true).identityAndLoad(path).content.map { $0.mapping == nil ? nil : 1 }.failureOrNil,
                         "loaded with its identity")
        }
        write(pseudoRandomBytes(large - 1))
        XCTAssertNil(mapped()?.mapping, "a smaller file is read")
        if case .success = FileSystemProvider(maximumSize: large, mapsLargeFiles: true).load(path) {} else { XCTFail("within the limit") }
        write(pseudoRandomBytes(large + 1))
        guard case .failure(let error) = FileSystemProvider(maximumSize: large, mapsLargeFiles: true).load(path) else {
            return XCTFail("a file over the size limit is refused, mapped or not")
        }
        XCTAssertTrue(error.reason.contains("larger than"), error.reason)
        guard case .failure(let directory) = FileSystemProvider(mapsLargeFiles: true).load(NSTemporaryDirectory()) else {
            return XCTFail("a directory is refused")
        }
        XCTAssertEqual(directory.reason, "it is a directory")
    }

    func testAChangedFileIsNoticed() throws {
        write(pseudoRandomBytes(AllocationPolicy.largeFileBytes))
        let loaded = try XCTUnwrap(mapped()?.mapping)
        XCTAssertFalse(loaded.hasChanged)
        // In place, the same size: its modification time changes.
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data([1, 2, 3]))
        try handle.close()
        XCTAssertTrue(loaded.hasChanged)
    }

    func testAFileThatShrinksReadsAsZerosAndIsNoticed() throws {
        let size = AllocationPolicy.largeFileBytes + 12_345
        write([UInt8](repeating: 0x61, count: size))
        let loaded = try XCTUnwrap(mapped())
        XCTAssertEqual(loaded[size - 1], 0x61)
        XCTAssertNotNil(loaded.mapping)
        XCTAssertEqual(truncate(path, 4_096), 0)
        // Past the new end: a bus error without the guard.
        XCTAssertEqual(loaded[size - 1], 0)
        XCTAssertEqual(loaded[size / 2], 0)
        XCTAssertEqual(loaded[10], 0x61)
        XCTAssertTrue(loaded.mapping!.hasChanged)
        XCTAssertEqual(loaded.withUnsafeBufferPointer { $0.reduce(0) { $0 + Int($1) } }, 4_096 * 0x61)
    }

    /// The resident size of the mapping that starts at `address`, from `/proc/self/smaps`.
    private func residentKiB(of address: UnsafeRawPointer) -> Int? {
        guard let data = FileHandle(forReadingAtPath: "/proc/self/smaps")?.readDataToEndOfFile() else { return nil }
        let smaps = String(decoding: data, as: UTF8.self)
        let start = String(UInt(bitPattern: address), radix: 16)
        var inMapping = false
        for line in smaps.split(separator: "\n") {
            if let dash = line.firstIndex(of: "-"), line[..<dash].allSatisfy(\.isHexDigit) {
                inMapping = line[..<dash].drop { $0 == "0" } == start[...]
            } else if inMapping && line.hasPrefix("Rss:") {
                return Int(line.split(separator: " ")[1])
            }
        }
        return nil
    }

    func testReleasedPagesStopCountingAndReadTheSame() throws {
        let bytes = pseudoRandomBytes(AllocationPolicy.largeFileBytes + 5_000)
        write(bytes)
        let loaded = try XCTUnwrap(mapped())
        let mapping = try XCTUnwrap(loaded.mapping)
        XCTAssertTrue(loaded.equals(bytes))
        guard let touched = residentKiB(of: mapping.base) else { throw XCTSkip("no /proc/self/smaps") }
        XCTAssertGreaterThan(touched, AllocationPolicy.largeFileBytes / 1024 - 64, "every page read")
        mapping.releasePages(in: 0..<bytes.count / 2)
        let half = try XCTUnwrap(residentKiB(of: mapping.base))
        XCTAssertLessThan(half, touched - AllocationPolicy.largeFileBytes / 2048 + 8, "the first half handed back")
        XCTAssertGreaterThan(half, touched / 2 - 8, "the second half kept")
        mapping.releasePages(in: 0..<bytes.count)
        XCTAssertLessThan(try XCTUnwrap(residentKiB(of: mapping.base)), 8)
        XCTAssertTrue(loaded.equals(bytes), "read again, the same bytes")
        XCTAssertFalse(mapping.hasChanged)
        // Pages partly inside a range are kept.
        mapping.releasePages(in: 1..<4_096)
        mapping.releasePages(in: 5_000..<5_001)
        XCTAssertTrue(loaded.equals(bytes))
    }

    /// A pass hands back what it is done with a stretch at a time: an eighth of the file, from
    /// 128 KiB to 1 MiB.
    func testAPassHandsBackItsFileAnEighthAtATime() throws {
        for (size, stretch) in [(0, 128 << 10), (1_000_000, 128 << 10), (2_000_000, 250_000), (8 << 20, 1 << 20), (40_000_000, 1 << 20)] {
            XCTAssertEqual(ReleaseBehind.stretch(forFileOf: size), stretch, "\(size) bytes")
        }
        let bytes = pseudoRandomBytes(1_000_000)
        write(bytes)
        let loaded = try XCTUnwrap(mapped())
        let mapping = try XCTUnwrap(loaded.mapping)
        XCTAssertTrue(loaded.equals(bytes))
        guard let touched = residentKiB(of: mapping.base) else { throw XCTSkip("no /proc/self/smaps") }
        XCTAssertGreaterThan(touched, 1_000_000 / 1024 - 64, "every page read")
        var release = ReleaseBehind(SourceFile(path: path, content: loaded))
        release.done(from: 0, to: 100_000)
        XCTAssertGreaterThan(try XCTUnwrap(residentKiB(of: mapping.base)), touched - 8, "less than a stretch: kept")
        release.done(from: 0, to: 300_000)
        let afterStretch = try XCTUnwrap(residentKiB(of: mapping.base))
        XCTAssertLessThan(afterStretch, touched - 280, "a stretch on: handed back")
        release.done(from: 0, to: 400_000)
        XCTAssertGreaterThan(try XCTUnwrap(residentKiB(of: mapping.base)), afterStretch - 8, "less than a stretch more: kept")
        release.done(from: 0, to: 450_000, final: true)
        XCTAssertLessThan(try XCTUnwrap(residentKiB(of: mapping.base)), touched - 430, "the end of the pass: handed back")
        XCTAssertTrue(loaded.equals(bytes), "read again, the same bytes")
    }

    /// A large journey checked and compiled from the file mapped and from the file read: the
    /// same diagnostics and outputs, lowered in parts (whose pages are handed back as they go),
    /// with errors of meaning inside parts.
    func testCheckingAMappedFileShowsWhatCheckingItReadShows() throws {
        let saved = FileSystemProvider.mappedFileBytes
        FileSystemProvider.mappedFileBytes = 64 << 10
        defer { FileSystemProvider.mappedFileBytes = saved }
        var text = StagedJourney.catalogue + "journey j \"J\" {\n  persona ana\n  owner care\n  allow no-repeat-loop \"generated\"\n"
        for index in 0..<240 {
            text += StagedJourney.stage(index, title: " 🙂", unit: "min")
                .replacingOccurrences(of: index == 30 ? "channel shop" : "@", with: "channel nowhere")
        }
        text += "}\n"
        write(Array(text.utf8))
        XCTAssertGreaterThan(text.utf8.count, 128 << 10)
        func shown(mapping: Bool) -> [UInt8] {
            PipelineExercise.loweredInHalves({ _ in
                let result = Compiler.check([.path(self.path)], provider: FileSystemProvider(mapsLargeFiles: mapping),
                                            policy: ImportPolicy(defaultRoot: NSTemporaryDirectory()))
                XCTAssertEqual(result.sources[0].bytes.mapping != nil, mapping)
                XCTAssertFalse(result.sources[0].hasChanged)
                return result
            }, [], inPartsOf: 8 << 10)
        }
        let partsBefore = FileChecker.loweredParts.load(ordering: .relaxed)
        let read = shown(mapping: false)
        let mapped = shown(mapping: true)
        XCTAssertGreaterThan(FileChecker.loweredParts.load(ordering: .relaxed) - partsBefore, 20, "lowered in parts")
        XCTAssertTrue(String(decoding: read, as: UTF8.self).contains("nowhere"), "an error inside a part")
        XCTAssertEqual(String(decoding: mapped, as: UTF8.self), String(decoding: read, as: UTF8.self))
    }
}

private extension Result {
    var failureOrNil: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
