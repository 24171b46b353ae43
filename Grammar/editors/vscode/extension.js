// Starts `cxj lsp` for .cxj files. Copy ../../cxj.tmLanguage.json to syntaxes/ before packaging
// (see Grammar/editors/README.md).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("cxj").get("path", "cxj");
  client = new LanguageClient("cxj", "cxj", { command, args: ["lsp"] }, { documentSelector: [{ language: "cxj" }] });
  client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
