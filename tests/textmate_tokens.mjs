// Tokenise files with the VS Code grammar, as VS Code does (vscode-textmate + vscode-oniguruma).
// node tests/textmate_tokens.mjs GRAMMAR.json FILE... -> one JSON line per file:
// {file, lines: [[[start, end, [scope, ...]], ...], ...]} (offsets in UTF-16 code units, per line)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", ".npm", "package.json"));
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const wasm = readFileSync(path.join(path.dirname(require.resolve("vscode-oniguruma")), "onig.wasm")).buffer;
await oniguruma.loadWASM(wasm);
const [grammarPath, ...files] = process.argv.slice(2);
const registry = new vsctm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async () => vsctm.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath),
});
const grammar = await registry.loadGrammar("source.flowdsl");
for (const file of files) {
  let text = readFileSync(file, "utf8");
  let state = vsctm.INITIAL;
  const lines = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const r = grammar.tokenizeLine(line, state);
    lines.push(r.tokens.map((t) => [t.startIndex, Math.min(t.endIndex, line.length), t.scopes]));
    state = r.ruleStack;
  }
  console.log(JSON.stringify({ file, lines }));
}
