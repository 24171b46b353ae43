/// `cxj lsp`: a language server (LSP 3.17) over Content-Length framed JSON-RPC.
///
/// The server is a state machine: `handle` takes one message and returns the messages to
/// send, so it can be tested without any I/O; `LSPConnection` runs it over file descriptors.
/// Open documents are checked whole, with the tolerant checker, whenever they change; when
/// several edits are queued, only the latest state is checked (`checkPending`).
public final class LanguageServer {
    enum State { case starting, running, shuttingDown, exited }

    var state = State.starting
    var utf16 = true
    var documents = LSPDocuments()
    /// Documents edited since they were last checked.
    var dirty: [String] = []
    /// The last check, and for each open document its file index in it.
    var lastResult: CheckResult?
    var fileOfURI: [String: Int] = [:]
    /// Request ids a client cancelled before they were handled.
    var cancelled = Set<String>()
    /// Files whose diagnostics were published, so that they can be cleared.
    var published = Set<String>()
    /// Where `codeDescription` links point.
    let explanations = ExplanationFiles()

    public init() {}

    public var hasExited: Bool { state == .exited }
    public var exitCode: Int32 { state == .exited && sawShutdown ? 0 : 1 }
    var sawShutdown = false

    // MARK: - Messages

    /// Records a `$/cancelRequest` ahead of the messages queued before it.
    public func noteCancellation(_ body: [UInt8]) {
        guard let message = JSONValue.parse(body), message["method"]?.string == "$/cancelRequest",
              let target = message["params"]?["id"] else { return }
        cancelled.insert(target.serialized)
    }

    /// Handles one message body; returns the bodies to send.
    public func handle(_ body: [UInt8]) -> [JSONValue] {
        guard let message = JSONValue.parse(body), case .object = message else {
            return [LanguageServer.error(id: .null, code: -32700, message: "parse error: the message is not a JSON object")]
        }
        let id = message["id"]
        guard let method = message["method"]?.string else {
            // A response from the client (we send no requests), or junk.
            return id == nil ? [] : [LanguageServer.error(id: id!, code: -32600, message: "invalid request: no method")]
        }
        let params = message["params"] ?? .null
        if let id, cancelled.remove(id.serialized) != nil {
            return [LanguageServer.error(id: id, code: -32800, message: "request cancelled")]
        }
        if state == .starting && method != "initialize" && method != "exit" {
            guard let id else { return [] }
            return [LanguageServer.error(id: id, code: -32002, message: "the server is not initialized")]
        }
        if state == .shuttingDown && method != "exit" {
            guard let id else { return [] }
            return [LanguageServer.error(id: id, code: -32600, message: "the server is shutting down")]
        }
        switch method {
        case "initialize": return [respond(id, initialize(params))]
        case "initialized": return []
        case "shutdown":
            state = .shuttingDown
            sawShutdown = true
            return [respond(id, .null)]
        case "exit":
            state = .exited
            return []
        case "$/cancelRequest":
            if let target = params["id"] { cancelled.insert(target.serialized) }
            return []
        case "textDocument/didOpen": didOpen(params); return []
        case "textDocument/didChange": didChange(params); return []
        case "textDocument/didSave": markDirty(params["textDocument"]?["uri"]?.string); return []
        case "textDocument/didClose": return didClose(params)
        case "workspace/didChangeWatchedFiles":
            dirty += documents.open.keys.sorted()
            return []
        default:
            break
        }
        guard let id else { return [] }   // unknown notifications are ignored
        guard let request = Request(method: method) else {
            return [LanguageServer.error(id: id, code: -32601, message: "method not found: \(method)")]
        }
        if let uri = params["textDocument"]?["uri"]?.string, documents.document(uri) == nil {
            return [LanguageServer.error(id: id, code: -32602, message: "the document is not open: \(uri)")]
        }
        var out = checkPending()
        if request == .rename {
            switch rename(params) {
            case .success(let edit): out.append(respond(id, edit))
            case .failure(let refusal): out.append(LanguageServer.error(id: id, code: -32803, message: refusal.reason))
            }
            return out
        }
        out.append(respond(id, answer(request, params)))
        return out
    }

    enum Request {
        case definition, references, hover, documentSymbol, formatting, codeAction, completion, documentHighlight
        case prepareRename, rename, workspaceSymbol, semanticTokens

        init?(method: String) {
            switch method {
            case "textDocument/definition": self = .definition
            case "textDocument/references": self = .references
            case "textDocument/hover": self = .hover
            case "textDocument/documentSymbol": self = .documentSymbol
            case "textDocument/formatting": self = .formatting
            case "textDocument/codeAction": self = .codeAction
            case "textDocument/completion": self = .completion
            case "textDocument/documentHighlight": self = .documentHighlight
            case "textDocument/prepareRename": self = .prepareRename
            case "textDocument/rename": self = .rename
            case "workspace/symbol": self = .workspaceSymbol
            case "textDocument/semanticTokens/full": self = .semanticTokens
            default: return nil
            }
        }
    }

    private func answer(_ request: Request, _ params: JSONValue) -> JSONValue {
        switch request {
        case .definition: return definition(params)
        case .references: return references(params, includeDeclaration: params["context"]?["includeDeclaration"]?.bool ?? true)
        case .hover: return hover(params)
        case .documentSymbol: return documentSymbols(params)
        case .formatting: return formatting(params)
        case .codeAction: return codeActions(params)
        case .completion: return completion(params)
        case .documentHighlight: return highlights(params)
        case .prepareRename: return prepareRename(params)
        case .rename: return .null
        case .workspaceSymbol: return workspaceSymbols(params)
        case .semanticTokens: return semanticTokens(params)
        }
    }

    static func error(id: JSONValue, code: Int, message: String) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id),
                 ("error", .object([("code", .number(Double(code))), ("message", .string(message))]))])
    }

    private func respond(_ id: JSONValue?, _ result: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id ?? .null), ("result", result)])
    }

    static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
    }

    // MARK: - Lifecycle

    private func initialize(_ params: JSONValue) -> JSONValue {
        let offered = params["capabilities"]?["general"]?["positionEncodings"]?.array?.compactMap { $0.string } ?? []
        utf16 = !offered.contains("utf-8")
        state = .running
        let capabilities: JSONValue = .object([
            ("positionEncoding", .string(utf16 ? "utf-16" : "utf-8")),
            ("textDocumentSync", .object([("openClose", .bool(true)), ("change", .number(2)), ("save", .bool(true))])),
            ("definitionProvider", .bool(true)),
            ("referencesProvider", .bool(true)),
            ("hoverProvider", .bool(true)),
            ("documentSymbolProvider", .bool(true)),
            ("documentFormattingProvider", .bool(true)),
            ("documentHighlightProvider", .bool(true)),
            ("renameProvider", .object([("prepareProvider", .bool(true))])),
            ("workspaceSymbolProvider", .bool(true)),
            ("semanticTokensProvider", .object([
                ("legend", .object([("tokenTypes", .array(LanguageServer.tokenTypes.map { .string($0) })),
                                    ("tokenModifiers", .array(LanguageServer.tokenModifiers.map { .string($0) }))])),
                ("full", .bool(true)),
            ])),
            ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix"), .string("source.addTouchpoint")]))])),
            ("completionProvider", .object([("triggerCharacters", .array([.string(" "), .string(">")]))])),
        ])
        return .object([("capabilities", capabilities),
                        ("serverInfo", .object([("name", .string("cxj")), ("version", .string(CXJVersion.tool))]))])
    }

    // MARK: - Document sync

    private func didOpen(_ params: JSONValue) {
        guard let item = params["textDocument"], let uri = item["uri"]?.string, let text = item["text"]?.string,
              let path = LSPDocuments.path(ofURI: uri) else { return }
        documents.set(.init(uri: uri, path: path, bytes: Array(text.utf8), version: item["version"]?.int ?? 0))
        markDirty(uri)
    }

    private func didChange(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.string, var document = documents.document(uri) else { return }
        for change in params["contentChanges"]?.array ?? [] {
            guard let text = change["text"]?.string else { continue }
            if let range = change["range"], let start = range["start"], let end = range["end"] {
                let from = LSPDocuments.offset(line: start["line"]?.int ?? 0, character: start["character"]?.int ?? 0,
                                               in: document.bytes, utf16: utf16)
                let to = LSPDocuments.offset(line: end["line"]?.int ?? 0, character: end["character"]?.int ?? 0,
                                             in: document.bytes, utf16: utf16)
                document.bytes.replaceSubrange(from..<max(from, to), with: Array(text.utf8))
            } else {
                document.bytes = Array(text.utf8)
            }
        }
        document.version = params["textDocument"]?["version"]?.int ?? document.version + 1
        documents.set(document)
        markDirty(uri)
    }

    private func didClose(_ params: JSONValue) -> [JSONValue] {
        guard let uri = params["textDocument"]?["uri"]?.string else { return [] }
        documents.close(uri)
        published.remove(uri)
        dirty.removeAll { $0 == uri }
        return [LanguageServer.notification("textDocument/publishDiagnostics",
                                            .object([("uri", .string(uri)), ("diagnostics", .array([]))]))]
    }

    private func markDirty(_ uri: String?) {
        guard let uri, !dirty.contains(uri) else { return }
        dirty.append(uri)
    }

    /// Whether edits wait to be checked.
    public var hasPendingWork: Bool { !dirty.isEmpty }

    /// Checks every open document if any changed, and publishes the diagnostics of each file
    /// of the check: open documents and what they import.
    public func checkPending() -> [JSONValue] {
        guard !dirty.isEmpty else { return [] }
        dirty = []
        var overlay: [String: [UInt8]] = [:]
        for document in documents.open.values { overlay[Paths.normalize(Paths.absolute(document.path))] = document.bytes }
        let provider = OverlayProvider(documents: overlay, disk: FileSystemProvider())
        let open = documents.open.values.sorted { $0.path < $1.path }
        var roots: [String: String] = [:]
        let finder = ConfigurationFinder()
        for document in open {
            let directory = Paths.directory(of: document.path)
            roots[document.path] = finder.projectRoot(for: document.path, fallback: directory.isEmpty ? "." : directory)
        }
        let result = Compiler.check(open.map { .path($0.path) }, provider: provider, policy: ImportPolicy(roots: roots))
        lastResult = result
        fileOfURI = [:]
        for (index, source) in result.sources.enumerated() { fileOfURI[LSPDocuments.uri(ofPath: source.path)] = index }
        for document in open where fileOfURI[document.uri] == nil {
            if let index = result.workspace.roots.first(where: { result.sources[$0].path == document.path }) { fileOfURI[document.uri] = index }
        }
        var out: [JSONValue] = []
        var now = Set<String>()
        for (uri, file) in fileOfURI.sorted(by: { $0.key < $1.key }) {
            let diagnostics = result.diagnostics.filter { $0.location.file == file }
            now.insert(uri)
            out.append(LanguageServer.notification("textDocument/publishDiagnostics", .object([
                ("uri", .string(uri)), ("version", documents.document(uri).map { .number(Double($0.version)) } ?? .null),
                ("diagnostics", .array(diagnostics.map { lspDiagnostic($0, result: result) })),
            ])))
        }
        for uri in published.subtracting(now).sorted() {
            out.append(LanguageServer.notification("textDocument/publishDiagnostics",
                                                   .object([("uri", .string(uri)), ("diagnostics", .array([]))])))
        }
        published = now
        return out
    }

    func lspDiagnostic(_ diagnostic: Diagnostic, result: CheckResult) -> JSONValue {
        let source = result.sources.file(at: diagnostic.location.file)
        var message = diagnostic.message
        for note in diagnostic.notes { message += "\nnote: " + note }
        if let help = diagnostic.help { message += "\nhelp: " + help }
        var fields: [(String, JSONValue)] = [
            ("range", LSPDocuments.range(diagnostic.location, in: source, utf16: utf16)),
            ("severity", .number(diagnostic.severity == .error ? 1 : diagnostic.severity == .warning ? 2 : 3)),
            ("code", .string(diagnostic.code.id)),
            ("source", .string("cxj")),
            ("message", .string(message)),
        ]
        if let link = explanations.uri(for: diagnostic.code) { fields.append(("codeDescription", .object([("href", .string(link))]))) }
        if diagnostic.code == .unusedDeclaration || diagnostic.code == .unusedAllow { fields.append(("tags", .array([.number(1)]))) }
        if !diagnostic.secondary.isEmpty {
            fields.append(("relatedInformation", .array(diagnostic.secondary.map { label in
                let labelSource = result.sources.file(at: label.location.file)
                return .object([("location", .object([("uri", .string(LSPDocuments.uri(ofPath: labelSource.path))),
                                                      ("range", LSPDocuments.range(label.location, in: labelSource, utf16: utf16))])),
                                 ("message", .string(label.message))])
            })))
        }
        return .object(fields)
    }
}
