import Foundation
import XCTest
@testable import CXJ

/// Huge pages are used unless told otherwise, or unless the kernel reports free 2 MiB blocks to
/// a hypervisor (`FreePageReporting`, read from the virtio balloon's devices).
final class FreePageReportingTests: XCTestCase {
    func testTheSettingWinsAndOtherwiseReportingDecides() {
        let table: [(setting: String?, reports: Bool, uses: Bool, asks: Bool)] = [
            (nil, false, true, true), (nil, true, false, true),
            ("1", true, true, false), ("1", false, true, false),
            ("0", false, false, false), ("0", true, false, false),
            // Anything else is the automatic choice.
            ("", true, false, true), ("yes", false, true, true), ("01", true, false, true), ("10", false, true, true),
            ("1 ", true, false, true), ("0\u{0}1", true, false, false), // read up to its NUL: "0"
        ]
        for row in table {
            var asked = false
            let decide = { (setting: UnsafePointer<CChar>?) in
                AllocationPolicy.usesHugePages(forced: AllocationPolicy.forcedHugePages(setting), reportsFreeBlocks: {
                    asked = true
                    return row.reports
                })
            }
            let uses = row.setting.map { $0.withCString(decide) } ?? decide(nil)
            XCTAssertEqual(uses, row.uses, "\(String(describing: row.setting)), reports \(row.reports)")
            XCTAssertEqual(asked, row.asks, "\(String(describing: row.setting)): looked at the machine")
        }
    }

    func testTheReportingBitIsTheSixthFeature() {
        let table: [(features: String, reports: Bool)] = [
            ("0110010100000000000000000000000010000000", true), // this machine's balloon
            ("0110000100000000000000000000000010000000", false),
            ("000001", true), ("00000", false), ("", false), ("11111011", false),
        ]
        for row in table {
            XCTAssertEqual(FreePageReporting.negotiatesReporting(Array(row.features.utf8)), row.reports, row.features)
        }
    }

    /// A folder laid out as sysfs lays out the balloon driver's: only a `virtio*` entry's
    /// regular `features` file counts; a link or a FIFO in its place is not read.
    func testDevicesAreReadFromTheDriversFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cxj-balloon-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        func device(_ name: String, features: String?) throws -> URL {
            let folder = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if let features { try Data((features + "\n").utf8).write(to: folder.appendingPathComponent("features")) }
            return folder
        }
        XCTAssertFalse(FreePageReporting.isActive(devicesIn: root.path), "no folder")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        XCTAssertFalse(FreePageReporting.isActive(devicesIn: root.path), "no device")
        _ = try device("module", features: "0000010")
        _ = try device("virtio0", features: "0110000")
        XCTAssertFalse(FreePageReporting.isActive(devicesIn: root.path), "no device reports")
        // A link to a file that says yes, and a FIFO, in the second device's place.
        let elsewhere = root.appendingPathComponent("elsewhere")
        try Data("0000010\n".utf8).write(to: elsewhere)
        let linked = try device("virtio1", features: nil)
        try FileManager.default.createSymbolicLink(at: linked.appendingPathComponent("features"), withDestinationURL: elsewhere)
        let fifo = try device("virtio2", features: nil)
        XCTAssertEqual(mkfifo(fifo.appendingPathComponent("features").path, 0o600), 0)
        XCTAssertFalse(FreePageReporting.isActive(devicesIn: root.path), "followed a link or read a FIFO")
        _ = try device("virtio3", features: "0110010100000000")
        XCTAssertTrue(FreePageReporting.isActive(devicesIn: root.path))
    }
}
