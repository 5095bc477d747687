// The flowdsl extension: the grammar and language configuration are declared in
// package.json; this starts the language server, `flowdsl lsp`, for .flow files.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function serverOptions(config) {
  const command = config.get("command", "flowdsl");
  return { command, args: ["lsp"] };
}

function activate(context) {
  const config = vscode.workspace.getConfiguration("flowdsl");
  const server = serverOptions(vscode.workspace.getConfiguration("flowdsl.server"));
  client = new LanguageClient("flowdsl", "flowdsl", { run: server, debug: server }, {
    documentSelector: [{ language: "flowdsl" }],
    initializationOptions: { lang: config.get("lang", "both"), debounceMs: config.get("debounceMs", 200) },
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverOptions };
