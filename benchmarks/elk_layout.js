// Lays out a batch of ELK graphs: a JSON array of graphs on stdin, the laid-out array on
// stdout (one node process for the whole batch). Used by benchmarks/elk_compare.py only;
// elkjs is found through ELKJS_DIR (default /tmp/elk/node_modules), never a project dependency.
const path = require("path");
const dir = process.env.ELKJS_DIR || "/tmp/elk/node_modules";
const ELK = require(path.join(dir, "elkjs", "lib", "elk.bundled.js"));
const elk = new ELK();
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => { input += c; });
process.stdin.on("end", async () => {
  const graphs = JSON.parse(input);
  const out = [];
  for (const g of graphs) {
    try {
      out.push(await elk.layout(g));
    } catch (err) {
      out.push({ id: g.id, error: String(err && err.message || err) });
    }
  }
  process.stdout.write(JSON.stringify(out));
});
