// Parse BPMN files with bpmn-moddle (the bpmn.io parser); print every warning.
// node tests/bpmn_check.mjs FILE... -> one JSON line per file: {file, root, warnings, elements}
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", ".npm", "package.json"));
const { BpmnModdle } = await import(require.resolve("bpmn-moddle"));
const moddle = new BpmnModdle();
let bad = 0;
for (const file of process.argv.slice(2)) {
  try {
    const { rootElement, warnings, elementsById } = await moddle.fromXML(readFileSync(file, "utf8"));
    const types = {};
    for (const el of Object.values(elementsById)) types[el.$type] = (types[el.$type] || 0) + 1;
    if (warnings.length) bad++;
    console.log(JSON.stringify({ file, root: rootElement.$type, warnings: warnings.map(w => w.message), types }));
  } catch (err) {
    bad++;
    console.log(JSON.stringify({ file, error: String(err) }));
  }
}
process.exit(bad ? 1 : 0);
