import Foundation
import XCTest

/// Hostile input against the real binary: files it must not overwrite, files it must not read,
/// bytes it must not print, and inputs that must not hang it or blow it up.
final class HardeningCommandTests: XCTestCase {
    private let journey = CLI.sampleJourney
    private let fileManager = FileManager.default

    private func path(_ directory: URL, _ name: String) -> String { directory.appendingPathComponent(name).path }

    private func mode(_ path: String) throws -> Int {
        (try fileManager.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    // MARK: - Writes

    func testOutputOntoASymbolicLinkIsRefusedAndItsTargetKept() throws {
        let directory = try CLI.write(["j.cxj": journey, "victim.txt": "precious\n"])
        try fileManager.createSymbolicLink(atPath: path(directory, "out.dot"), withDestinationPath: path(directory, "victim.txt"))
        let run = try CLI.run(["compile", "j.cxj", "--to", "dot", "-o", "out.dot"], directory: directory)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("symbolic link"), run.stderr)
        XCTAssertEqual(try String(contentsOfFile: path(directory, "victim.txt"), encoding: .utf8), "precious\n")
        XCTAssertEqual(try fileManager.destinationOfSymbolicLink(atPath: path(directory, "out.dot")), path(directory, "victim.txt"))
    }

    func testNoTemporaryFileNameIsPredictable() throws {
        // The old scheme wrote through `PATH.cxj-tmp-<pid>`; plant links under every such name a
        // run could pick and check that none is followed.
        let directory = try CLI.write(["j.cxj": journey.replacingOccurrences(of: "\n", with: "\n\n"), "victim.txt": "precious\n"])
        let victim = path(directory, "victim.txt")
        let maximum = (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 32_768
        let start = Int(ProcessInfo.processInfo.processIdentifier)
        for pid in start..<min(start + 400, maximum) {
            try fileManager.createSymbolicLink(atPath: path(directory, "j.cxj.cxj-tmp-\(pid)"), withDestinationPath: victim)
        }
        let run = try CLI.run(["fmt", "j.cxj"], directory: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "precious\n")
        let leftovers = try fileManager.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".j.cxj") }
        XCTAssertEqual(leftovers, [], "no temporary file is left behind")
    }

    func testFormatRefusesLinksAndReadOnlyFilesAndKeepsTheMode() throws {
        let messy = "team care \"Care\"\njourney j \"J\" {\n      stage s \"S\" { phase recognize }\n}\n"
        let directory = try CLI.write(["link-target.cxj": messy, "hard.cxj": messy, "readonly.cxj": messy, "private.cxj": messy])
        try fileManager.createSymbolicLink(atPath: path(directory, "soft.cxj"), withDestinationPath: "link-target.cxj")
        try fileManager.linkItem(atPath: path(directory, "hard.cxj"), toPath: path(directory, "hard-2.cxj"))
        try fileManager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path(directory, "readonly.cxj"))
        try fileManager.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path(directory, "private.cxj"))

        let soft = try CLI.run(["fmt", "soft.cxj"], directory: directory)
        XCTAssertEqual(soft.status, 2)
        XCTAssertTrue(soft.stderr.contains("symbolic link"), soft.stderr)
        XCTAssertEqual(try fileManager.destinationOfSymbolicLink(atPath: path(directory, "soft.cxj")), "link-target.cxj")
        XCTAssertEqual(try String(contentsOfFile: path(directory, "link-target.cxj"), encoding: .utf8), messy)

        let hard = try CLI.run(["fmt", "hard.cxj"], directory: directory)
        XCTAssertEqual(hard.status, 2)
        XCTAssertTrue(hard.stderr.contains("hard links"), hard.stderr)
        XCTAssertEqual(try String(contentsOfFile: path(directory, "hard-2.cxj"), encoding: .utf8), messy)

        let readOnly = try CLI.run(["fmt", "readonly.cxj"], directory: directory)
        XCTAssertEqual(readOnly.status, 2)
        XCTAssertTrue(readOnly.stderr.contains("read-only"), readOnly.stderr)
        XCTAssertEqual(try String(contentsOfFile: path(directory, "readonly.cxj"), encoding: .utf8), messy)

        let kept = try CLI.run(["fmt", "private.cxj"], directory: directory)
        XCTAssertEqual(kept.status, 0, kept.stderr)
        XCTAssertNotEqual(try String(contentsOfFile: path(directory, "private.cxj"), encoding: .utf8), messy)
        XCTAssertEqual(try mode(path(directory, "private.cxj")), 0o640)
    }

    func testDevicesAreWrittenInPlaceAndNeverReplaced() throws {
        var device = stat()
        guard stat("/dev/null", &device) == 0, device.st_mode & S_IFMT == S_IFCHR else {
            throw XCTSkip("skipped: /dev/null is not a device here")
        }
        let directory = try CLI.write(["j.cxj": journey])
        try fileManager.createSymbolicLink(atPath: path(directory, "null-link"), withDestinationPath: "/dev/null")
        for target in ["/dev/null", "null-link"] {
            let run = try CLI.run(["compile", "j.cxj", "--to", "json", "-o", target], directory: directory)
            XCTAssertEqual(run.status, 0, "\(target): \(run.stderr)")
        }
        var info = stat()
        XCTAssertEqual(stat("/dev/null", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a device")
        XCTAssertEqual(try fileManager.destinationOfSymbolicLink(atPath: path(directory, "null-link")), "/dev/null")
    }

    func testAFullDiskIsExitStatusTwo() throws {
        var device = stat()
        guard stat("/dev/full", &device) == 0, device.st_mode & S_IFMT == S_IFCHR else {
            throw XCTSkip("skipped: this system has no /dev/full device")
        }
        let directory = try CLI.write(["j.cxj": journey])
        let toFile = try CLI.run(["compile", "j.cxj", "--to", "json", "-o", "/dev/full"], directory: directory)
        XCTAssertEqual(toFile.status, 2)
        XCTAssertTrue(toFile.stderr.contains("/dev/full"), toFile.stderr)
        let toStdout = try CLI.runShell("\"$CXJ\" compile j.cxj --to json > /dev/full", directory: directory)
        XCTAssertEqual(toStdout.status, 2)
        XCTAssertTrue(toStdout.stderr.contains("standard output"), toStdout.stderr)
        let checkToStdout = try CLI.runShell("\"$CXJ\" check j.cxj --diagnostics json > /dev/full", directory: directory)
        XCTAssertEqual(checkToStdout.status, 2, checkToStdout.stderr)
    }

    // MARK: - Reads

    func testImportsOutsideTheProjectRootAreRefusedUnread() throws {
        try FileManager.default.createDirectory(atPath: NSTemporaryDirectory(), withIntermediateDirectories: true)
        let directory = try CLI.write(["project/j.cxj": "", "secret/secret.cxj": "team leaked \"TOPSECRET-LINE\"\n", "secret/secret.txt": "TOPSECRET-TEXT\n"])
        let imports = ["/proc/self/environ", "/etc/shadow", path(directory, "secret/secret.txt"), path(directory, "secret/secret.cxj"),
                       "../secret/secret.cxj", "../secret/secret.txt"]
        for target in imports {
            try ("import \"\(target)\"\n" + journey).write(toFile: path(directory, "project/j.cxj"), atomically: false, encoding: .utf8)
            for format in ["human", "json", "sarif", "github"] {
                let run = try CLI.run(["check", "project/j.cxj", "--diagnostics", format], environment: ["CXJ_SECRET": "TOPSECRET-ENV"],
                                      directory: directory)
                XCTAssertEqual(run.status, 1, "\(target) \(format): \(run.stderr)")
                let all = run.stdout + run.stderr
                XCTAssertTrue(all.contains("CXJ108"), "\(target) \(format): \(all)")
                XCTAssertFalse(all.contains("TOPSECRET"), "\(target) \(format) leaked: \(all)")
            }
        }
    }

    func testTheProjectRootAndItsWideningOnPurpose() throws {
        let directory = try CLI.write([
            "shared/common.cxj": "team care \"Care\"\n",
            "repo/cxj.json": "{}",
            "repo/catalogue/base.cxj": "import \"../teams.cxj\"\n",
            "repo/teams.cxj": "channel app \"App\"\n",
            "repo/journeys/j.cxj": "import \"../catalogue/base.cxj\"\nimport \"../../shared/common.cxj\"\n" + journey.replacingOccurrences(of: "team care \"Care\"\n", with: ""),
        ])
        let refused = try CLI.run(["check", "repo/journeys/j.cxj", "--diagnostics", "short"], directory: directory)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("CXJ108"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("common.cxj"), refused.stderr)
        XCTAssertFalse(refused.stderr.contains("base.cxj"), "a catalogue may import `../` inside the root: \(refused.stderr)")

        let widened = try CLI.run(["check", "repo/journeys/j.cxj", "--allow-import-outside", "shared"], directory: directory)
        XCTAssertFalse(widened.stderr.contains("CXJ108"), widened.stderr)

        try #"{"allowImportOutside": ["../shared"]}"#.write(toFile: path(directory, "repo/cxj.json"), atomically: true, encoding: .utf8)
        let configured = try CLI.run(["check", "repo/journeys/j.cxj"], directory: directory)
        XCTAssertFalse(configured.stderr.contains("CXJ108"), configured.stderr)
    }

    func testANulInAnImportPathIsAnError() throws {
        let directory = try CLI.write(["j.cxj": "import \"a\\u{0}.cxj\"\n" + journey])
        let run = try CLI.run(["check", "j.cxj", "--diagnostics", "short"], directory: directory)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("CXJ108") && run.stderr.contains("NUL"), run.stderr)
    }

    func testConfigurationStopsAtTheGitTopAndSkipsUnsafeFiles() throws {
        let directory = try CLI.write([
            "cxj.json": "{\"rules\": {\"delivery-gap\": \"off\"}}",
            "repo/j.cxj": CLI.journeyWithGap,
        ])
        try fileManager.createDirectory(atPath: path(directory, "repo/.git"), withIntermediateDirectories: true)
        let inRepository = try CLI.run(["check", "repo/j.cxj", "--diagnostics", "short"], directory: directory)
        XCTAssertTrue(inRepository.stderr.contains("CXJ204"), "the cxj.json above the git top must not apply: \(inRepository.stderr)")

        let shared = try CLI.write(["shared/cxj.json": "{\"rules\": {\"delivery-gap\": \"off\"}}", "shared/j.cxj": CLI.journeyWithGap])
        try fileManager.setAttributes([.posixPermissions: 0o666], ofItemAtPath: path(shared, "shared/cxj.json"))
        let unsafe = try CLI.run(["check", "shared/j.cxj", "--diagnostics", "short"], directory: shared)
        XCTAssertTrue(unsafe.stderr.contains("CXJ204"), unsafe.stderr)
        XCTAssertTrue(unsafe.stderr.contains("ignoring") && unsafe.stderr.contains("writable"), unsafe.stderr)
    }

    func testSpecialFilesAreNeverRead() throws {
        let directory = try CLI.write(["j.cxj": "import \"fifo.cxj\"\nimport \"zero.cxj\"\n" + journey, "scan/ok.cxj": journey])
        XCTAssertEqual(mkfifo(path(directory, "fifo.cxj"), 0o644), 0)
        try fileManager.createSymbolicLink(atPath: path(directory, "zero.cxj"), withDestinationPath: "/dev/zero")
        try fileManager.createSymbolicLink(atPath: path(directory, "scan/urandom.cxj"), withDestinationPath: "/dev/urandom")
        let started = Date()
        let imports = try CLI.run(["check", "j.cxj", "--diagnostics", "short"], directory: directory)
        XCTAssertEqual(imports.status, 1, imports.stderr)
        XCTAssertEqual(imports.stderr.components(separatedBy: "CXJ108").count - 1, 2, imports.stderr)
        XCTAssertTrue(imports.stderr.contains("FIFO"), imports.stderr)
        let scanned = try CLI.run(["check", "scan"], directory: directory)
        XCTAssertEqual(scanned.status, 2, scanned.stderr)
        XCTAssertTrue(scanned.stderr.contains("urandom.cxj"), scanned.stderr)
        let named = try CLI.run(["check", "/dev/zero", "fifo.cxj"], directory: directory)
        XCTAssertEqual(named.status, 2)
        XCTAssertTrue(named.stderr.contains("character device") && named.stderr.contains("FIFO"), named.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "nothing blocks or reads without end")
    }

    func testFilesOverTheSizeLimitAreRefused() throws {
        let directory = try CLI.write(["small.cxj": journey])
        let big = path(directory, "big.cxj")
        XCTAssertTrue(fileManager.createFile(atPath: big, contents: nil))
        XCTAssertEqual(truncate(big, 3 << 30), 0, "a sparse 3 GiB file")
        let run = try CLI.run(["check", "big.cxj"], directory: directory)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("larger than 64 MiB"), run.stderr)
        let limited = try CLI.run(["check", "small.cxj", "--max-file-size", "100"], directory: directory)
        XCTAssertEqual(limited.status, 2)
        XCTAssertTrue(limited.stderr.contains("larger than 100 bytes"), limited.stderr)
        let tooHigh = try CLI.run(["check", "big.cxj", "--max-file-size", "3G"], directory: directory)
        XCTAssertEqual(tooHigh.status, 2)
        XCTAssertTrue(tooHigh.stderr.contains("invalid size"), tooHigh.stderr)
        let stdin = try CLI.run(["check", "-", "--max-file-size", "10"], input: journey)
        XCTAssertEqual(stdin.status, 2)
        XCTAssertTrue(stdin.stderr.contains("standard input is larger"), stdin.stderr)
    }

    // MARK: - What reaches a terminal

    func testControlCharactersNeverReachTheTerminalRaw() throws {
        let hostile = journey
            .replacingOccurrences(of: "journey j \"J\"", with: "journey j \"J\\u{1B}]0;title\\u{7}\"")
            .replacingOccurrences(of: "step a \"A\"", with: "step a \"A\\u{1B}]0;pwned\\u{7}\\u{1B}[2J\\u{202E}\"")
            .replacingOccurrences(of: "touchpoint a <-> x", with: "touchpoint a <-> x { claimed 5; perceived 2 }")
            + "\n# a comment with a raw escape \u{1B}[31m and a bell \u{07}\n"
            + "team \u{1B}[31mred \"x\"\n"
        let directory = try CLI.write(["j\u{1B}[1m.cxj": hostile])
        let name = "j\u{1B}[1m.cxj"
        var outputs: [String: String] = [:]
        for format in ["human", "short", "github"] {
            let run = try CLI.run(["check", name, "--diagnostics", format, "--color", "never"], directory: directory)
            outputs["check " + format] = run.stdout + run.stderr
        }
        let fixed = hostile.replacingOccurrences(of: "team \u{1B}[31mred \"x\"\n", with: "")
        try fixed.write(toFile: path(directory, "clean.cxj"), atomically: true, encoding: .utf8)
        for format in ["report", "text"] {
            let run = try CLI.run(["compile", "clean.cxj", "--to", format], directory: directory)
            XCTAssertEqual(run.status, 0, run.stderr)
            outputs["compile " + format] = run.stdout
        }
        for (what, text) in outputs {
            for bad in ["\u{1B}", "\u{07}", "\u{202E}", "\u{0}"] {
                XCTAssertFalse(text.contains(bad), "\(what) prints \(bad.unicodeScalars.first!.value) raw:\n\(text)")
            }
        }
        XCTAssertTrue(outputs["compile text"]!.contains("\\u{1B}"), "escaped visibly")
        XCTAssertTrue(outputs["check human"]!.contains("\\u{1B}") || outputs["check human"]!.contains("␛"))
    }

    // MARK: - Output size

    func testBadBytesAndLongLinesDoNotBlowUpTheOutput() throws {
        let directory = try CLI.write(["at.cxj": String(repeating: "@", count: 6_000) + "\n",
                                       "spaced.cxj": String(repeating: "@ ", count: 3_000) + "\n"])
        XCTAssertTrue(fileManager.createFile(atPath: path(directory, "nul.cxj"), contents: Data(count: 10_000_000)))
        let at = try CLI.run(["check", "at.cxj"], directory: directory)
        XCTAssertEqual(at.status, 1)
        XCTAssertLessThan(at.stderr.utf8.count, 2_000, at.stderr)
        XCTAssertTrue(at.stderr.contains("…"), "a long line is cut to a window")
        let nul = try CLI.run(["check", "nul.cxj"], directory: directory)
        XCTAssertLessThan(nul.stderr.utf8.count, 2_000, String(nul.stderr.prefix(500)))
        let spaced = try CLI.run(["check", "spaced.cxj"], directory: directory)
        XCTAssertEqual(spaced.stderr.components(separatedBy: "error[CXJ005]").count - 1, 200)
        XCTAssertTrue(spaced.stderr.contains("2800 more diagnostics in `spaced.cxj` not shown"), String(spaced.stderr.suffix(400)))
        XCTAssertTrue(spaced.stderr.hasSuffix("3000 errors, 0 warnings in 1 file\n"), String(spaced.stderr.suffix(200)))
        let limited = try CLI.run(["check", "spaced.cxj", "--max-diagnostics", "5", "--diagnostics", "json"], directory: directory)
        XCTAssertTrue(limited.stdout.contains("\"omitted\": 2995"), String(limited.stdout.suffix(300)))
    }

    // MARK: - Configuration

    func testDeepOrHugeConfigurationIsAUsageError() throws {
        let deep = String(repeating: "[", count: 70_000) + String(repeating: "]", count: 70_000)
        let directory = try CLI.write(["deep/cxj.json": "{\"exclude\": \(deep)}", "deep/j.cxj": journey,
                                       "glob/cxj.json": "{\"exclude\": [\"\(String(repeating: "*", count: 100_000))\", \"*a*a*a*a*a*a*b\", \"\(String(repeating: "**/", count: 12))x\"]}",
                                       "glob/\(String(repeating: "a", count: 60)).cxj": journey])
        let started = Date()
        let run = try CLI.run(["check", "deep"], directory: directory)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("nested more than 64 levels"), run.stderr)
        let globbed = try CLI.run(["check", "glob"], directory: directory)
        XCTAssertEqual(globbed.status, 0, globbed.stderr)
        XCTAssertTrue(globbed.stderr.contains("in 0 files"), "every file is excluded: \(globbed.stderr)")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }
}
