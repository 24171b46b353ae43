import Foundation
import XCTest
@testable import CXJ

/// A file's identity is its real path: the folder resolved once and the name appended agrees
/// with `realpath` for plain files, links to files, files in linked folders, `..`, relative
/// paths and files that do not exist.
final class ProviderIdentityTests: XCTestCase {
    /// The provider fits in an existential's three words, so `any SourceProvider` holds it in
    /// place, with no box on the heap; its size limit keeps the value it was given, clamped.
    func testTheProviderFitsInAnExistentialsBuffer() {
        XCTAssertLessThanOrEqual(MemoryLayout<FileSystemProvider>.size, 3 * MemoryLayout<Int>.size)
        XCTAssertEqual(FileSystemProvider(maximumSize: 1234).maximumSize, 1234)
        XCTAssertEqual(FileSystemProvider(maximumSize: -5).maximumSize, 0)
        XCTAssertEqual(FileSystemProvider(maximumSize: Int.max).maximumSize, FileSystemProvider.largestMaximumSize)
        var provider = FileSystemProvider()
        provider.maximumSize = Int(Int32.max) + 10
        XCTAssertEqual(provider.maximumSize, FileSystemProvider.largestMaximumSize)
    }

    func testIdentityAgreesWithRealPath() throws {
        let manager = FileManager.default
        let root = try folder(["real/a.cxj": "team a \"A\"\n", "real/sub/b.cxj": "team b \"B\"\n"],
                              links: ["linked": "real", "real/alias.cxj": "real/sub/b.cxj"])
        defer { try? manager.removeItem(atPath: root) }
        let provider = FileSystemProvider()
        let paths = ["real/a.cxj", "linked/a.cxj", "linked/sub/b.cxj", "real/alias.cxj", "linked/alias.cxj", "real/sub/../a.cxj",
                     "linked/sub/../a.cxj", "real/missing.cxj", "real/sub/", "real/.", "./real/a.cxj", "real//a.cxj"]
        forEachSpelling(of: paths, in: root) { name in
            XCTAssertEqual(provider.identity(of: name), FileSystemProvider.resolve(name), name)
            // Twice: the second answer comes from the folder cache.
            XCTAssertEqual(provider.identity(of: name), FileSystemProvider.resolve(name), name)
        }
        XCTAssertEqual(provider.identity(of: root + "/linked/a.cxj"), provider.identity(of: root + "/real/a.cxj"))
        XCTAssertEqual(provider.identity(of: root + "/real/alias.cxj"), provider.identity(of: root + "/real/sub/b.cxj"))
    }

    /// Reading a file with its identity in one step (a link in the last component is not
    /// followed by that step's `open`) gives what the two steps give: for plain files, links
    /// to files, files through linked folders, FIFOs, folders, missing files and odd spellings.
    func testIdentityAndReadAgreeWithTheTwoSteps() throws {
        let manager = FileManager.default
        let root = try folder(["real/a.cxj": "team a \"A\"\n", "real/sub/b.cxj": "team b \"B\"\n"],
                              links: ["linked": "real", "real/alias.cxj": "real/sub/b.cxj", "real/dangling.cxj": "real/none.cxj",
                                      "real/folder-link.cxj": "real/sub"])
        defer { try? manager.removeItem(atPath: root) }
        XCTAssertEqual(mkfifo(root + "/real/pipe.cxj", 0o600), 0)
        let provider = FileSystemProvider()
        let paths = ["real/a.cxj", "linked/a.cxj", "linked/sub/b.cxj", "real/alias.cxj", "linked/alias.cxj", "real/sub/../a.cxj",
                     "real/missing.cxj", "real/sub/", "real/sub", "real/.", "./real/a.cxj", "real//a.cxj", "real/pipe.cxj",
                     "real/dangling.cxj", "real/folder-link.cxj", "real/a.cxj/", ""]
        forEachSpelling(of: paths, in: root) { name in
            let together = provider.identityAndRead(name)
            XCTAssertEqual(together.identity, FileSystemProvider().identity(of: name), name)
            XCTAssertEqual(together.content, FileSystemProvider().read(name), name)
        }
        XCTAssertEqual(try provider.identityAndRead(root + "/linked/alias.cxj").content.get(), Array("team b \"B\"\n".utf8))
    }

    /// Inputs are resolved and read in one parallel pass: a file given again under another
    /// path is kept once, at the place of its first spelling, and a missing input is still a
    /// failure of its own.
    func testAFileGivenUnderSeveralPathsIsCheckedOnce() throws {
        let root = try folder(["real/a.cxj": "team a \"A\"\nteam a \"Again\"\n", "real/b.cxj": "team b \"B\"\n"],
                              links: ["linked": "real"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let paths = ["real/b.cxj", "real/a.cxj", "linked/a.cxj", "real/missing.cxj", "real/./a.cxj", "linked/b.cxj"]
        let result = Compiler.check(paths.map { .path(root + "/" + $0) }, policy: ImportPolicy(defaultRoot: root))
        XCTAssertEqual(result.sources.map(\.path), [root + "/real/b.cxj", root + "/real/a.cxj"])
        XCTAssertEqual(result.workspace.roots, [0, 1])
        XCTAssertEqual(result.failures.map(\.path), [root + "/real/missing.cxj"])
        XCTAssertEqual(result.diagnostics.map(\.code.id), ["CXJ102"], "the duplicate team is reported once")
    }

    /// A small input of `check` or `compile` is read by the task that parses it
    /// (`identityDeferringRead`, then `readDeferred`): only a plain file under the mapping size
    /// is deferred, with the identity and, later, the content that reading at once gives. A
    /// link, a FIFO, a folder, a missing or a large file is read at once, as before.
    func testDeferredReadsAgreeWithReadingAtOnce() throws {
        let large = String(repeating: "// ข้อความ 📱\n", count: FileSystemProvider.mappedFileBytes / 10)
        let root = try folder(["real/a.cxj": "\u{FEFF}team a \"A\"\n", "real/sub/b.cxj": "team b \"B\"\n", "real/large.cxj": large],
                              links: ["linked": "real", "real/alias.cxj": "real/sub/b.cxj", "real/dangling.cxj": "real/none.cxj",
                                      "real/folder-link.cxj": "real/sub"])
        XCTAssertEqual(mkfifo(root + "/real/pipe.cxj", 0o600), 0)
        let deferring = FileSystemProvider(defersSmallInputs: true)
        let deferred = ["real/a.cxj", "linked/a.cxj", "linked/sub/b.cxj", "real/sub/../a.cxj", "./real/a.cxj", "real//a.cxj"]
        let paths = deferred + ["real/alias.cxj", "linked/alias.cxj", "real/missing.cxj", "real/sub/", "real/sub", "real/.",
                                "real/pipe.cxj", "real/dangling.cxj", "real/folder-link.cxj", "real/a.cxj/", "", "real/large.cxj"]
        forEachSpelling(of: paths, in: root) { name in
            let relative = name.hasPrefix(root) ? String(name.dropFirst(root.count + 1)) : name
            let identity = deferring.identityDeferringRead(name)
            XCTAssertEqual(identity != nil, deferred.contains(relative), "\(name) deferred or not")
            XCTAssertNil(FileSystemProvider().identityDeferringRead(name), "\(name): deferred without being asked")
            guard let identity else { return }
            XCTAssertEqual(identity, FileSystemProvider().identity(of: name), name)
            XCTAssertEqual(deferring.readDeferred(name).map(\.array), FileSystemProvider().read(name), name)
        }
    }

    /// Checking a folder with its small inputs read late reports what reading them at once
    /// reports, byte order marks and repeated spellings included; a file that stops being a
    /// plain file between its `lstat` and its read (here: a FIFO, then a link) is reported as
    /// changed while it was read, never read through, and never blocks.
    func testAFolderReadLateChecksAsOneReadAtOnce() throws {
        let journey = "\u{FEFF}persona shopper \"ผู้ซื้อ\"\njourney j \"旅程 🛒\" {\n  stage s \"S\" { customer { step a \"A\" { channel nowhere } } }\n}\n"
        let root = try folder(["real/a.cxj": journey, "real/b.cxj": "team b \"B\"\nteam b \"Again\"\n", "real/c.cxj": "team c \"C\"\n"],
                              links: ["linked": "real"])
        let paths = ["real/a.cxj", "real/b.cxj", "linked/b.cxj", "real/c.cxj", "real/missing.cxj"].map { SourceInput.path(root + "/" + $0) }
        let atOnce = Compiler.check(paths, policy: ImportPolicy(defaultRoot: root))
        let late = Compiler.check(paths, provider: FileSystemProvider(defersSmallInputs: true), policy: ImportPolicy(defaultRoot: root))
        XCTAssertEqual(late.sources.map(\.path), atOnce.sources.map(\.path))
        XCTAssertEqual(late.failures.map(\.path), atOnce.failures.map(\.path))
        XCTAssertEqual(TestSupport.positions(late), TestSupport.positions(atOnce))
        XCTAssertTrue(late.diagnostics == atOnce.diagnostics)
        XCTAssertEqual(late.sources.map(\.contentStart), [3, 0, 0])
        XCTAssertFalse(late.sources.contains { $0.hasChanged })
        for swap in ["fifo", "link"] {
            let swapping = SwappingProvider(base: FileSystemProvider(defersSmallInputs: true), victim: root + "/real/c.cxj", swap: swap)
            let result = Compiler.check(paths, provider: swapping, policy: ImportPolicy(defaultRoot: root))
            let changed = result.sources.filter(\.hasChanged).map(\.path)
            XCTAssertEqual(changed, [root + "/real/c.cxj"], swap)
            XCTAssertTrue(result.sources.first { $0.path == root + "/real/c.cxj" }!.bytes.isEmpty, swap)
            XCTAssertTrue(result.diagnostics == atOnce.diagnostics.filter { result.sources[$0.location.file].path != root + "/real/c.cxj" }, swap)
            unlink(root + "/real/c.cxj")
            XCTAssertTrue(FileManager.default.createFile(atPath: root + "/real/c.cxj", contents: Data("team c \"C\"\n".utf8)))
        }
    }

    /// A folder of many inputs named in one call (`identitiesDeferringRead`): the run keeps the
    /// order, drops a file given again under another spelling (a link, `..`) at its first place,
    /// and fails a missing one, as a run that names each input as it reads it.
    func testManyInputsKeepTheirOrderAndRepeats() throws {
        var files: [String: String] = [:]
        let count = 600
        for index in 0..<count { files[String(format: "many/journey-%04d.cxj", index)] = "team t\(index) \"ทีม \(index)\"\n" }
        let root = try folder(files, links: ["many/zz-alias.cxj": "many/journey-0003.cxj"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        var plain: [String] = []
        let listed = InputDiscovery.expandWithDirectories([root + "/many"], standardInput: { [] }, maximumSize: 4_096,
                                                          excluding: { _ in false }, plainFiles: &plain)
        XCTAssertEqual(listed.inputs.count, count + 1)
        let inputs = listed.inputs + [.path(root + "/many/../many/journey-0007.cxj"), .path(root + "/many/missing.cxj"),
                                      .path(root + "/many/journey-0001.cxj")]
        let deferred = FileSystemProvider(maximumSize: 4_096, defersSmallInputs: true, listedPlainFiles: plain)
        let inPieces = Compiler.check(inputs, provider: deferred, policy: ImportPolicy(defaultRoot: root))
        let oneByOne = Compiler.check(inputs, provider: FileSystemProvider(maximumSize: 4_096), policy: ImportPolicy(defaultRoot: root))
        XCTAssertEqual(inPieces.sources.map(\.path), oneByOne.sources.map(\.path))
        XCTAssertEqual(inPieces.workspace.roots, oneByOne.workspace.roots)
        XCTAssertEqual(inPieces.failures.map(\.path), [root + "/many/missing.cxj"])
        XCTAssertEqual(inPieces.failures.map(\.path), oneByOne.failures.map(\.path))
        XCTAssertTrue(inPieces.diagnostics == oneByOne.diagnostics)
        // The alias and the second spellings are the files given first: one source each.
        XCTAssertEqual(inPieces.sources.count, count)
        XCTAssertEqual(inPieces.sources.map(\.path), listed.inputs.prefix(count).map { input -> String in
            guard case .path(let path) = input else { return "" }
            return path
        })
    }

    /// A folder's listing gives its plain files (`DT_REG`), which are deferred without an
    /// `lstat`: links are left out, whatever they point at. Such a file is read late whatever its
    /// size; one over the limit, or swapped for a link meanwhile, is not read and says why, and
    /// a run counts it as a file it could not read, as it does when reading at once.
    func testAFolderListingsPlainFilesAreReadLateWithoutAStatus() throws {
        let root = try folder(["real/a.cxj": "team a \"ก\"\n", "real/sub/b.cxj": "team b \"B\"\nteam b \"B\"\n",
                               "real/large.cxj": "// " + String(repeating: "ข", count: 3_000) + "\n"],
                              links: ["real/alias.cxj": "real/sub/b.cxj"])
        var plain: [String] = []
        let listed = InputDiscovery.expandWithDirectories([root + "/real"], standardInput: { [] }, maximumSize: 4_096,
                                                          excluding: { _ in false }, plainFiles: &plain)
        XCTAssertEqual(listed.inputs.count, 4)
        XCTAssertEqual(plain, [root + "/real/a.cxj", root + "/real/large.cxj", root + "/real/sub/b.cxj"])
        let provider = FileSystemProvider(maximumSize: 4_096, defersSmallInputs: true, listedPlainFiles: plain)
        for path in plain {
            XCTAssertEqual(provider.identityDeferringRead(path), FileSystemProvider().identity(of: path), path)
        }
        XCTAssertNil(provider.identityDeferringRead(root + "/real/alias.cxj"))
        // Named in one call, the inputs get the identities they get one at a time: listed or
        // not, a link, a folder, odd spellings, paths of several folders in a run.
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(root + "/real")
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let named: [String?] = Array(plain).sorted() + [root + "/real/alias.cxj", nil, root + "/real", root + "/real/", "a.cxj", "./a.cxj",
                                                        "sub/../a.cxj", "sub/b.cxj", root + "/real/sub/../a.cxj", "", ".", "..", "/",
                                                        root + "/real/a.cxj\u{0}", root + "/real/missing.cxj", root + "/real/a.cxj"]
        let listedToo = FileSystemProvider(maximumSize: 4_096, defersSmallInputs: true,
                                           listedPlainFiles: plain + ["a.cxj", "./a.cxj", "sub/../a.cxj", "sub/b.cxj", ".", "..", "/", "",
                                                                          root + "/real/sub/../a.cxj", root + "/real/missing.cxj"])
        for candidate in [provider, listedToo, FileSystemProvider(), FileSystemProvider(defersSmallInputs: true)] {
            // In the listing's order, against it (each path found in the set of the listing), and mixed.
            for paths in [named, named.reversed(), named + named] {
                XCTAssertEqual(candidate.identitiesDeferringRead(paths), paths.map { $0.flatMap { candidate.identityDeferringRead($0) } })
            }
        }
        XCTAssertEqual(listedToo.identitiesDeferringRead(["a.cxj", "sub/b.cxj"]),
                       [FileSystemProvider().identity(of: "a.cxj"), FileSystemProvider().identity(of: "sub/b.cxj")])
        let atOnce = Compiler.check(listed.inputs, provider: FileSystemProvider(maximumSize: 4_096), policy: ImportPolicy(defaultRoot: root))
        let late = Compiler.check(listed.inputs, provider: provider, policy: ImportPolicy(defaultRoot: root))
        XCTAssertEqual(atOnce.failures.map(\.path), [root + "/real/large.cxj"])
        XCTAssertTrue(late.diagnostics == atOnce.diagnostics)
        XCTAssertEqual(TestSupport.positions(late), TestSupport.positions(atOnce))
        let large = late.sources.first { $0.path == root + "/real/large.cxj" }
        XCTAssertEqual(large?.wasNotRead, true)
        XCTAssertEqual(large?.readFailure, atOnce.failures.first?.error.reason)
        XCTAssertEqual(late.sources.filter { !$0.wasNotRead }.map(\.path), atOnce.sources.map(\.path))
        let swapping = SwappingProvider(base: provider, victim: root + "/real/a.cxj", swap: "link")
        let swapped = Compiler.check(listed.inputs, provider: swapping, policy: ImportPolicy(defaultRoot: root))
        XCTAssertEqual(swapped.sources.first { $0.path == root + "/real/a.cxj" }?.readFailure, "it changed while it was read")
    }

    /// Swaps a file for a FIFO or a link to `/dev/zero` once its identity is taken, before its read.
    private struct SwappingProvider: SourceProvider {
        let base: FileSystemProvider
        let victim: String
        let swap: String
        func read(_ path: String) -> Result<[UInt8], SourceReadError> { base.read(path) }
        func identity(of path: String) -> String { base.identity(of: path) }
        func cxjFiles(in directory: String) -> [String] { base.cxjFiles(in: directory) }
        func identityAndRead(_ path: String) -> (identity: String, content: Result<[UInt8], SourceReadError>) { base.identityAndRead(path) }
        func load(_ path: String) -> Result<SourceBytes, SourceReadError> { base.load(path) }
        func identityAndLoad(_ path: String) -> (identity: String, content: Result<SourceBytes, SourceReadError>) { base.identityAndLoad(path) }
        func readDeferred(_ path: String) -> Result<SourceBytes, SourceReadError> { base.readDeferred(path) }
        func identityDeferringRead(_ path: String) -> String? {
            let identity = base.identityDeferringRead(path)
            if path == victim {
                unlink(path)
                if swap == "fifo" { mkfifo(path, 0o600) } else { symlink("/dev/zero", path) }
            }
            return identity
        }
    }

    /// A fresh temporary folder holding `files` (paths relative to it) and symbolic links
    /// (link → target, both relative to it); returns its path.
    /// Calls `body` with each path as it is (relative, from inside `root`) and made absolute.
    private func forEachSpelling(of paths: [String], in root: String, _ body: (String) -> Void) {
        let manager = FileManager.default
        let previous = manager.currentDirectoryPath
        XCTAssertTrue(manager.changeCurrentDirectoryPath(root))
        defer { _ = manager.changeCurrentDirectoryPath(previous) }
        for path in paths {
            body(path)
            body(root + "/" + path)
        }
    }

    /// An input listed in a folder named as its real path is its own identity, one string for
    /// the two (a second string of every input was 64 KB over 1,000 journeys); in a folder
    /// named otherwise, its identity is a string of its own, the folder's real path and the name.
    func testAnInputInAFolderNamedAsItsRealPathIsItsOwnIdentity() throws {
        let root = try folder(["real/journey-with-a-long-name.cxj": "team a \"A\"\n"], links: [:])
        let real = FileSystemProvider().identity(of: root + "/real")
        let path = real + "/journey-with-a-long-name.cxj"
        let spelledOtherwise = real + "/./journey-with-a-long-name.cxj"
        let provider = FileSystemProvider(maximumSize: 4_096, defersSmallInputs: true, listedPlainFiles: [path, spelledOtherwise])
        let identities = provider.identitiesDeferringRead([path, spelledOtherwise])
        XCTAssertEqual(identities, [path, path])
        XCTAssertTrue(TestSupport.sharesStorage(identities[0]!, path), "the identity is a second string of the path")
        XCTAssertFalse(TestSupport.sharesStorage(identities[1]!, spelledOtherwise))
    }

    /// Every import of one file gets the strings of its first: its path, and its identity,
    /// the path's string when they are spelled the same.
    func testTheImportsOfOneFileShareItsPathAndIdentity() {
        let identities = ImportIdentities()
        let provider = InMemoryProvider([:])
        let spelled = "journeys/shared/catalogue-of-the-team.cxj"
        let first = identities.resolve(String(decoding: Array(spelled.utf8), as: UTF8.self), provider: provider)
        let second = identities.resolve(String(decoding: Array(spelled.utf8), as: UTF8.self), provider: provider)
        XCTAssertEqual(first.path, spelled)
        XCTAssertEqual(first.identity, provider.identity(of: spelled))
        XCTAssertTrue(TestSupport.sharesStorage(first.path, second.path), "each import kept a path of its own")
        XCTAssertTrue(TestSupport.sharesStorage(second.identity, second.path), "an identity spelled as the path is a second string")
        let other = identities.resolve("journeys/shared/../shared/catalogue-of-the-team.cxj", provider: provider)
        XCTAssertEqual(other.identity, first.identity)
        XCTAssertFalse(TestSupport.sharesStorage(other.identity, other.path))
    }

    private func folder(_ files: [String: String], links: [String: String]) throws -> String {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("cxj-identity-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            try manager.createDirectory(atPath: Paths.directory(of: root + "/" + path), withIntermediateDirectories: true)
            try text.write(toFile: root + "/" + path, atomically: false, encoding: .utf8)
        }
        for (link, target) in links.sorted(by: { $0.key < $1.key }) {
            try manager.createSymbolicLink(atPath: root + "/" + link, withDestinationPath: root + "/" + target)
        }
        return root
    }
}

/// A large file is read in two halves at once (`FileSystemProvider.readsInHalves`): the bytes
/// are the file's, whatever its size, including sizes that do not divide into pages.
final class ProviderReadTests: XCTestCase {
    func testALargeFileReadInHalvesIsTheFile() throws {
        let path = NSTemporaryDirectory() + "cxj-read-halves-\(getpid()).cxj"
        defer { unlink(path) }
        let large = AllocationPolicy.largeFileBytes
        for size in [large, large + 1, large + 4_095, 2 * large + 12_345, 100, 0] {
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(size + 1)
            let bytes = (0..<size).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            if Parallel.hasSeveralCores { XCTAssertEqual(FileSystemProvider.readsInHalves(size: size), size >= large) }
            guard case .success(let read) = FileSystemProvider().read(path) else { return XCTFail("\(size): not read") }
            XCTAssertEqual(read.count, size)
            XCTAssertTrue(read == bytes, "\(size): the bytes differ")
        }
    }
}
