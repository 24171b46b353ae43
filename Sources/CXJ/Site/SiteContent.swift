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
        /// The order of touchpoints and actions, shared by the map and the touchpoints table.
        let order: DiagramOrder
        /// The page's path inside the site: `journeys/NAME.html`.
        let page: String

        var facts: JourneyFacts { digest.facts }
        var averageGap: Double? { digest.facts.averageDeliveryGap }
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
                entries.append(Entry(file: file, index: index, journey: journey, digest: JourneyDigest(file: file, index: index),
                                     order: DiagramOrder(journey),
                                     page: unique(HTMLText.slug(file.name(journey.id)), in: "journeys/")))
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

    /// The address of a line of a source file, from a page one folder down.
    func link(to path: String, line: Int) -> String? {
        pageOfSource[path].map { "../\($0)#L\(line)" }
    }

    func sourcePage(of path: String) -> String? { pageOfSource[path] }
}
