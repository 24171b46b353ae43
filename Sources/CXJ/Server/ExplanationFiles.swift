#if canImport(Glibc)
import Glibc
#endif

/// The targets of diagnostics' `codeDescription` links: `cxj explain CODE` written once per
/// code and version into the user's cache directory (`$XDG_CACHE_HOME/cxj`, else
/// `~/.cache/cxj`), so that an editor opens the explanation with no network and no site.
/// Written atomically, never through links; when no cache directory can be used, diagnostics
/// carry no link.
final class ExplanationFiles {
    private let directory: String?
    private var written: [Code: String?] = [:]

    init(environment: (String) -> String? = { name in getenv(name).map { String(cString: $0) } }) {
        let base = environment("XDG_CACHE_HOME").flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? environment("HOME").flatMap { $0.hasPrefix("/") ? Paths.join($0, ".cache") : nil }
        directory = base.map { Paths.join($0, "cxj/explain-" + CXJVersion.tool) }
    }

    /// The `file://` URI of the explanation of a code, written on first use; nil if it cannot be.
    func uri(for code: Code) -> String? {
        if let known = written[code] { return known }
        var result: String? = nil
        if let directory {
            let path = Paths.join(directory, code.id + ".md")
            do {
                try AtomicFile.write(Array(("```text\n" + Explanation.render(code) + "```\n").utf8), to: path)
                result = LSPDocuments.uri(ofPath: path)
            } catch {
                result = nil
            }
        }
        written[code] = result
        return result
    }
}
