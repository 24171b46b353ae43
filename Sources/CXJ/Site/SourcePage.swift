/// A source file as a page, every line with an anchor (`#L12`) that findings link to.
struct SourcePage {
    let path: String
    let source: SourceFile

    func html() -> String {
        var body = "<h1><code>\(HTMLText.escape(path))</code></h1>\n<pre class=\"source\">"
        let text = String(decoding: source.bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // A final newline ends the last line; it does not start another.
        if text.hasSuffix("\n") { lines.removeLast() }
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            let content = line.hasSuffix("\r") ? line.dropLast() : line
            body += "<span class=\"line\" id=\"L\(number)\"><a class=\"ln\" href=\"#L\(number)\">\(number)</a>\(HTMLText.escape(String(content)))</span>"
        }
        body += "</pre>\n"
        return PageLayout(title: path, depth: 1, section: "").page(body)
    }
}
