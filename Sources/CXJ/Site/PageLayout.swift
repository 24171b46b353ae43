/// The frame every page shares: the document head, the site's navigation, and the footer.
/// Pages sit at the top of the site or one folder down; `depth` says which, so that every
/// address is relative and the site works from `file://` and from any static host.
struct PageLayout {
    let title: String
    /// 0 for `index.html`, 1 for pages in a folder.
    let depth: Int
    /// The navigation entry of this page, marked `aria-current`.
    let section: String

    static let sections: [(name: String, page: String)] = [
        ("Journeys", "index.html"), ("Teams", "catalogue/teams.html"), ("Channels", "catalogue/channels.html"),
        ("Systems", "catalogue/systems.html"), ("Personas", "catalogue/personas.html"), ("Rules", "rules/index.html"),
    ]

    var root: String { String(repeating: "../", count: depth) }

    func page(_ body: String) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"cxj \(CXJVersion.tool)\">\n"
        out += "<title>\(HTMLText.escape(title)) · cxj</title>\n"
        out += "<link rel=\"stylesheet\" href=\"\(root)style.css\">\n</head>\n<body>\n"
        out += "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n"
        out += "<header class=\"site\"><nav aria-label=\"Site\"><ul>\n"
        for (name, page) in PageLayout.sections {
            let current = name == section ? " aria-current=\"page\"" : ""
            out += "<li><a href=\"\(root)\(page)\"\(current)>\(name)</a></li>\n"
        }
        out += "</ul></nav></header>\n<main id=\"main\">\n"
        out += body
        out += "</main>\n<footer class=\"site\"><p>Made by cxj \(CXJVersion.tool) from the journeys' source files.</p></footer>\n"
        out += "</body>\n</html>\n"
        return out
    }
}
