// Load editors/vscode/extension.js with stand-ins for `vscode` and `vscode-languageclient`
// and print, as JSON, how it starts the language client (id, server command, options).
"use strict";
const Module = require("module");
const path = require("path");
const started = [];
const stubs = {
  vscode: { workspace: { getConfiguration: () => ({ get: (key, fallback) => fallback }) } },
  "vscode-languageclient/node": {
    LanguageClient: class {
      constructor(id, name, server, client) { started.push({ id, name, server, client }); }
      start() { return Promise.resolve(); }
      stop() { return Promise.resolve(); }
    },
  },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return Object.prototype.hasOwnProperty.call(stubs, request) ? stubs[request] : load.call(this, request, ...rest);
};
const extension = require(path.join(__dirname, "..", "editors", "vscode", "extension.js"));
const context = { subscriptions: [] };
extension.activate(context);
console.log(JSON.stringify({ started, subscriptions: context.subscriptions.length }));
