"""End-to-end tests of `cxj lsp` with pytest-lsp, a real LSP client.

Run by Tests/CLITests/LSPTests.swift with CXJ_BINARY naming the built binary.
"""
import os
import pathlib
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

BINARY = os.environ.get("CXJ_BINARY", "cxj")
REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = REPOSITORY / "Examples" / "marathon-rescue.cxj"


def uri(path):
    return path.resolve().as_uri()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=uri(REPOSITORY)))
    yield
    await lsp_client.shutdown_session()


async def diagnostics_of(client, path, until=lambda diagnostics: True, timeout=20):
    """Waits until the published diagnostics of `path` satisfy `until`, and returns them."""
    import asyncio
    for _ in range(int(timeout / 0.02)):
        diagnostics = client.diagnostics.get(uri(path))
        if diagnostics is not None and until(diagnostics):
            return diagnostics
        await asyncio.sleep(0.02)
    raise AssertionError(f"no diagnostics of {path} as expected: {client.diagnostics.get(uri(path))}")


def open_document(client, path, text=None, version=1):
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri(path), language_id="cxj", version=version, text=text if text is not None else path.read_text())))


async def test_diagnostics_of_an_example(client: LanguageClient):
    open_document(client, EXAMPLE)
    diagnostics = await diagnostics_of(client, EXAMPLE)
    codes = sorted(d.code for d in diagnostics)
    assert "CXJ101" not in codes
    assert all(code.startswith("CXJ2") for code in codes)
    # Each code links to its explanation, written as a local file.
    for diagnostic in diagnostics:
        href = diagnostic.code_description.href
        assert href.startswith("file://")
        explanation = pathlib.Path(href[len("file://"):]).read_text()
        assert explanation.startswith("```text\n" + diagnostic.code + " ")


async def test_a_typo_appears_and_goes(client: LanguageClient):
    text = EXAMPLE.read_text()
    open_document(client, EXAMPLE, text)
    await diagnostics_of(client, EXAMPLE)
    line = next(i for i, l in enumerate(text.splitlines()) if "owner care" in l)
    column = text.splitlines()[line].index("owner care") + len("owner ")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(EXAMPLE), version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=line, character=column), end=types.Position(line=line, character=column + 4)),
            text="cxre")]))
    await diagnostics_of(client, EXAMPLE, until=lambda ds: "CXJ101" in [d.code for d in ds])
    fix = next(d for d in client.diagnostics[uri(EXAMPLE)] if d.code == "CXJ101")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(EXAMPLE)), range=fix.range,
        context=types.CodeActionContext(diagnostics=[fix])))
    assert actions and "care" in actions[0].title
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(EXAMPLE), version=3),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    await diagnostics_of(client, EXAMPLE, until=lambda ds: "CXJ101" not in [d.code for d in ds])


async def test_definition_and_references_across_an_import(client: LanguageClient):
    text = EXAMPLE.read_text()
    open_document(client, EXAMPLE, text)
    await diagnostics_of(client, EXAMPLE)
    line = next(i for i, l in enumerate(text.splitlines()) if "owner care" in l)
    column = text.splitlines()[line].index("owner care") + len("owner ") + 1
    position = types.Position(line=line, character=column)
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(EXAMPLE)), position=position))
    target = found if isinstance(found, types.Location) else found[0]
    assert target.uri.endswith("catalogue/stride.cxj")
    references = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri(EXAMPLE)), position=position,
        context=types.ReferenceContext(include_declaration=True)))
    assert any(r.uri.endswith("stride.cxj") for r in references)
    assert sum(1 for r in references if r.uri == uri(EXAMPLE)) >= 2


async def test_completion_after_owner_and_arrow(client: LanguageClient):
    text = 'import "catalogue/stride.cxj"\njourney j "J" {\n  stage s "S" {\n    customer { step a "A" }\n    organization {\n      action x "X" { owner \n    }\n    touchpoint a <-> \n  }\n}\n'
    path = REPOSITORY / "Examples" / "scratch-completion.cxj"
    open_document(client, path, text)
    await diagnostics_of(client, path)
    owners = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=types.Position(line=5, character=27)))
    labels = [item.label for item in (owners.items if hasattr(owners, "items") else owners)]
    assert "care" in labels and "logistics" in labels
    actions = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=types.Position(line=7, character=21)))
    labels = [item.label for item in (actions.items if hasattr(actions, "items") else actions)]
    assert labels == ["x"]


async def test_formatting_and_symbols(client: LanguageClient):
    path = REPOSITORY / "Examples" / "scratch-format.cxj"
    open_document(client, path, 'team care "Care"\njourney j "J" {\n      stage s "S" { phase recognize }\n}\n')
    await diagnostics_of(client, path)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert edits and "\n  stage s" in edits[0].new_text
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path))))
    assert [s.name for s in symbols] == ["care", "j"]
    assert [c.name for c in symbols[1].children] == ["s"]


async def test_unicode_positions(client: LanguageClient):
    path = REPOSITORY / "Examples" / "scratch-unicode.cxj"
    text = 'team care "Care"\njourney j "J 😀 ไทย 中文" { stage s "S" { customer { step 担心 "😀😀" { emotion 9 } } } }\n'
    open_document(client, path, text)
    diagnostics = await diagnostics_of(client, path, until=lambda ds: any(d.code == "CXJ104" for d in ds))
    emotion = next(d for d in diagnostics if d.code == "CXJ104")
    line = text.splitlines()[1]
    utf16_column = len(line[:line.index("9 }")].encode("utf-16-le")) // 2
    assert emotion.range.start.line == 1 and emotion.range.start.character == utf16_column


async def test_rename_and_semantic_tokens(client: LanguageClient):
    path = REPOSITORY / "Examples" / "scratch-rename.cxj"
    text = 'team care "Care"\njourney j "J" {\n  stage s "S" {\n    customer { step a "A" }\n    organization { action x "X" { owner care } }\n    touchpoint a <-> x\n  }\n}\n'
    open_document(client, path, text)
    await diagnostics_of(client, path)
    edit = await client.text_document_rename_async(types.RenameParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=types.Position(line=3, character=20), new_name="ask"))
    assert len(edit.changes[uri(path)]) == 2
    tokens = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path))))
    assert len(tokens.data) % 5 == 0 and len(tokens.data) >= 5 * 20
    assert 0 in tokens.data[3::5]  # keywords


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp"]))
async def utf8_client(lsp_client: LanguageClient):
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general = types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16])
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities, root_uri=uri(REPOSITORY)))
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


async def test_unicode_positions_in_utf8(utf8_client: LanguageClient):
    path = REPOSITORY / "Examples" / "scratch-unicode-8.cxj"
    text = 'team care "Care"\njourney j "J 😀 ไทย 中文" { stage s "S" { customer { step 担心 "😀😀" { emotion 9 } } } }\n'
    open_document(utf8_client, path, text)
    diagnostics = await diagnostics_of(utf8_client, path, until=lambda ds: any(d.code == "CXJ104" for d in ds))
    emotion = next(d for d in diagnostics if d.code == "CXJ104")
    line = text.splitlines()[1]
    assert emotion.range.start.character == len(line[:line.index("9 }")].encode("utf-8"))


async def test_hover_kind_completion_and_a_fix_applied(client: LanguageClient):
    path = REPOSITORY / "Examples" / "scratch-hover.cxj"
    text = ('team care "Care"\nchannel app "App" { kind digital }\njourney j "J" {\n  allow no-repeat-loop\n  stage s "S" {\n'
            '    customer { step a "Asks" { emotion -1; channel ap } }\n    organization { action x "X" { owner care } }\n'
            '    touchpoint a <-> x\n  }\n  opportunity o "O" { addresses a; kind  }\n}\n')
    open_document(client, path, text)
    diagnostics = await diagnostics_of(client, path, until=lambda ds: any(d.code == "CXJ101" for d in ds))
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=types.Position(line=7, character=15)))
    assert "answered by `x`" in hover.contents.value and "emotion -1" in hover.contents.value
    kinds = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)),
        position=types.Position(line=9, character=text.split("\n")[9].index("kind ") + 5)))
    labels = [item.label for item in (kinds.items if hasattr(kinds, "items") else kinds)]
    assert labels == ["fix", "personalize", "predict", "automate", "coach"]
    unknown = next(d for d in diagnostics if d.code == "CXJ101")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), range=unknown.range,
        context=types.CodeActionContext(diagnostics=[unknown])))
    edit = actions[0].edit.changes[uri(path)][0]
    lines = text.split("\n")
    line = lines[edit.range.start.line]
    lines[edit.range.start.line] = line[:edit.range.start.character] + edit.new_text + line[edit.range.end.character:]
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text="\n".join(lines))]))
    await diagnostics_of(client, path, until=lambda ds: not any(d.code == "CXJ101" for d in ds))


def test_cancel_a_queued_request():
    """A request cancelled while it waits in the queue is answered with RequestCancelled (-32800)."""
    import json
    import subprocess
    server = subprocess.Popen([BINARY, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def frame(message):
        body = json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def receive():
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            header += server.stdout.read(1)
        return json.loads(server.stdout.read(int(header.split(b":")[1].split(b"\r\n")[0])))

    server.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}))
    server.stdin.flush()
    receive()
    server.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "workspace/symbol", "params": {"query": ""}})
                       + frame({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 2}})
                       + frame({"jsonrpc": "2.0", "id": 3, "method": "workspace/symbol", "params": {"query": ""}}))
    server.stdin.flush()
    assert receive()["error"]["code"] == -32800
    assert receive() == {"jsonrpc": "2.0", "id": 3, "result": []}
    server.stdin.write(frame({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}) + frame({"jsonrpc": "2.0", "method": "exit"}))
    server.stdin.flush()
    assert receive()["result"] is None
    assert server.wait(10) == 0
