/// `cxj doc`: a static documentation site made from checked journeys. It needs no JavaScript
/// and loads nothing from the network; every address is relative, so it works from `file://`
/// and on any static host. Pages are produced in a fixed order and are byte-stable.
public struct DocumentationSite {
    let content: SiteContent

    public init(_ result: CheckResult) {
        content = SiteContent(result: result)
    }

    /// How many journeys the site documents, and how many inputs it leaves out for errors.
    public var journeyCount: Int { content.entries.count }
    public var leftOutCount: Int { content.leftOut.count }

    /// Every file of the site: its path inside the site (forward slashes, ASCII) and its bytes.
    public func files() -> [(path: String, bytes: [UInt8])] {
        var files: [(String, String)] = [("style.css", SiteStyle.css + "\n"), ("index.html", IndexPage(content: content).html())]
        for entry in content.entries { files.append((entry.page, JourneyPage(entry: entry, content: content).html())) }
        for source in content.sourcePages { files.append((source.page, SourcePage(path: source.path, source: source.source).html())) }
        files += CataloguePages(content: content).pages()
        files += RulePages.pages()
        return files.map { ($0.0, Array($0.1.utf8)) }
    }
}
