// Runs the static site's search script under Node against a built site.
// `node static_search.js SITE_DIR INPUTS.json [search|code-tokens|prose]`
// prints JSON: for `search`, each query's hits, the bytes it downloaded
// (a fresh engine per query, as a first visit has) and its time; for
// `code-tokens` and `prose`, the tokens of each input.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, queriesFile, mode = "search"] = process.argv.slice(2);
const context = { TextDecoder, URLSearchParams, Promise, console };
context.globalThis = context;
vm.createContext(context);
for (const script of ["incidex-stem.js", "incidex-search.js"]) {
  const file = path.join(site, "assets", script);
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
}

// The site as a static host serves it: a URL path under the site folder.
function fetchFile(url) {
  const rel = decodeURIComponent(url.split("?")[0]).replace(/^\/+/, "");
  const file = path.join(site, rel);
  return new Promise((resolve) => {
    fs.readFile(file, (err, data) => {
      if (err) return resolve({ ok: false, status: 404 });
      resolve({
        ok: true,
        status: 200,
        text: () => Promise.resolve(data.toString("utf8")),
        arrayBuffer: () =>
          Promise.resolve(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
      });
    });
  });
}

const scriptBytes = ["incidex-stem.js", "incidex-search.js"]
  .map((s) => fs.statSync(path.join(site, "assets", s)).size)
  .reduce((a, b) => a + b, 0);

(async () => {
  const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
  if (mode !== "search") {
    const fn = mode === "prose" ? context.incidexProse : context.incidexCodeTokens;
    process.stdout.write(JSON.stringify(queries.map((q) => fn(q))));
    return;
  }
  const out = [];
  for (const q of queries) {
    const engine = new context.IncidexSearch("/search/index/", { fetch: fetchFile });
    const started = process.hrtime.bigint();
    const res = await engine.search(q, 10);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    out.push({
      query: q,
      total: res.total,
      ids: res.hits.map((h) => h.id),
      urls: res.hits.map((h) => h.url),
      bytes: engine.bytes + scriptBytes,
      ms,
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  console.error(String((e && e.stack) || e));
  process.exit(1);
});
