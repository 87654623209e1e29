// Runs the static site's search script under Node against a built site.
// `node static_search.js SITE INPUTS.json [search|code-tokens|prose]`,
// SITE being the site folder or the URL of a static server serving it
// prints JSON: for `search`, each query's hits, the bytes it downloaded
// (a fresh engine per query, as a first visit has) and its time; for
// `code-tokens` and `prose`, the tokens of each input.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, queriesFile, mode = "search"] = process.argv.slice(2);
const remote = /^https?:\/\//.test(site);
const context = { TextDecoder, URLSearchParams, Promise, console };
context.globalThis = context;
vm.createContext(context);

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
const fetchSite = remote ? (url) => fetch(new URL(url, site)) : fetchFile;

async function loadScripts() {
  let bytes = 0;
  for (const script of ["incidex-stem.js", "incidex-search.js"]) {
    const res = await fetchSite("/assets/" + script);
    if (!res.ok) throw new Error("cannot load " + script);
    const text = await res.text();
    bytes += Buffer.byteLength(text);
    vm.runInContext(text, context, { filename: script });
  }
  return bytes;
}

(async () => {
  const scriptBytes = await loadScripts();
  const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
  if (mode !== "search") {
    const fn = mode === "prose" ? context.incidexProse : context.incidexCodeTokens;
    process.stdout.write(JSON.stringify(queries.map((q) => fn(q))));
    return;
  }
  const out = [];
  for (const q of queries) {
    const engine = new context.IncidexSearch("/search/index/", { fetch: fetchSite });
    const started = process.hrtime.bigint();
    const res = await engine.search(q, 10);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    out.push({
      query: q,
      total: res.total,
      ids: res.hits.map((h) => h.id),
      urls: res.hits.map((h) => h.url),
      summaries: res.hits.map((h) => h.summary),
      bytes: engine.bytes + scriptBytes,
      ms,
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  console.error(String((e && e.stack) || e));
  process.exit(1);
});
