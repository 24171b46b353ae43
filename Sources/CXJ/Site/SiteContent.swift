/// What a documentation site shows, worked out once from a check: the journeys of the inputs
/// without errors, each with its digest and page name; the inputs left out; and the sources
/// that pages link to. Page names are ASCII (`HTMLText.slug`), unique, and assigned in input
/// order, so the same inputs always give the same site.
struct SiteContent {
    struct Entry {
        let file: CheckedFile
        let index: Int
        let journey: Journey
        let digest: JourneyDigest
        let facts: JourneyFacts
        /// The page's path inside the site: `journeys/NAME.html`.
        let page: String
        let averageGap: Double?
    }

    /// A file left out of the site because it, or something it imports, has an error.
    struct LeftOut {
        let path: String
        let errors: Int
    }

    let entries: [Entry]
    let leftOut: [LeftOut]
    /// Source pages by source path: `sources/NAME.html`.
    let sourcePages: [(path: String, page: String, source: SourceFile)]
    private let pageOfSource: [String: String]

    init(result: CheckResult) {
        var used = Set<String>()
        func unique(_ base: String, in folder: String) -> String {
            var name = base
            var number = 2
            while used.contains(folder + name) {
                name = base + "-" + String(number)
                number += 1
            }
            used.insert(folder + name)
            return folder + name + ".html"
        }
        var entries: [Entry] = []
        var leftOut: [LeftOut] = []
        for root in result.workspace.roots {
            let file = result.files[root]
            if result.hasErrors(affecting: root) {
                let closure = Set(result.workspace.closure(of: root))
                let errors = result.diagnostics.filter { closure.contains($0.location.file) && $0.severity == .error }.count
                leftOut.append(LeftOut(path: result.sources[root].path, errors: errors))
                continue
            }
            for index in file.journeys.indices {
                let journey = file.journeys[index]
                let gaps = journey.touchpoints.compactMap { $0.deliveryGap }
                entries.append(Entry(file: file, index: index, journey: journey, digest: JourneyDigest(file: file, index: index),
                                     facts: JourneyFacts(journey),
                                     page: unique(HTMLText.slug(file.name(journey.id)), in: "journeys/"),
                                     averageGap: gaps.isEmpty ? nil : gaps.reduce(0, +) / Double(gaps.count)))
            }
        }
        self.entries = entries
        self.leftOut = leftOut

        // Every source a documented journey reads: its file and its imports.
        var pages: [(path: String, page: String, source: SourceFile)] = []
        var pageOfSource: [String: String] = [:]
        for root in Set(entries.map { $0.file.fileIndex }).sorted() {
            for fileIndex in result.workspace.closure(of: root) {
                let source = result.sources[fileIndex]
                guard pageOfSource[source.path] == nil else { continue }
                let base = source.path.split(separator: "/").last.map { String($0.hasSuffix(".cxj") ? $0.dropLast(4) : $0) } ?? "source"
                let page = unique(HTMLText.slug(base), in: "sources/")
                pageOfSource[source.path] = page
                pages.append((source.path, page, source))
            }
        }
        sourcePages = pages
        self.pageOfSource = pageOfSource
    }

    /// The address of a `path:line:column` location's line, from a page one folder down.
    func link(toLocation location: String) -> String? {
        let parts = location.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]) else { return nil }
        let path = parts.dropLast(2).joined(separator: ":")
        return pageOfSource[path].map { "../\($0)#L\(line)" }
    }

    func sourcePage(of path: String) -> String? { pageOfSource[path] }
}
