/// Why an import is refused before its file is opened (CXJ108).
enum ImportRefusal {
    case containsNul
    case notCXJ
    case outsideRoot

    /// The refusal of a path that is wrong on its face, or nil.
    static func check(_ written: String) -> ImportRefusal? {
        if written.utf8.contains(0) { return .containsNul }
        if !written.hasSuffix(".cxj") { return .notCXJ }
        return nil
    }

    func diagnostic(_ written: String, at location: SourceLocation, root: String?) -> Diagnostic {
        let quoted = "`" + Format.excerpt(written, limit: 80) + "`"
        switch self {
        case .containsNul:
            return Diagnostic(.importNotFound, "import path \(quoted) contains a NUL character", at: location,
                              label: "not a valid path", help: "remove the `\\u{0}` escape")
        case .notCXJ:
            return Diagnostic(.importNotFound, "cannot import \(quoted): an import must name a `.cxj` file", at: location,
                              label: "not a `.cxj` file", notes: ["only catalogue files written in cxj can be imported"])
        case .outsideRoot:
            return Diagnostic(.importNotFound, "cannot import \(quoted): it lies outside the project root", at: location,
                              label: "outside `\(root ?? ".")`",
                              notes: ["the project root is the directory of the nearest `cxj.json`, else the top of the git work tree, else the input's directory",
                                      "the file was not opened"],
                              help: "move the catalogue into the project, or allow its directory with `--allow-import-outside DIR` or `allowImportOutside` in `cxj.json`")
        }
    }
}
