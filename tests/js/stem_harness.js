// Runs static/assets/incidex-stem.js under node for tests/js_stemmer.rs.
// usage: node stem_harness.js INCIDEX_STEM_JS INPUT_JSON OUTPUT_JSON
// INPUT_JSON: {"prose": [text, ...], "stem": [word, ...], "codepoints": bool}
// OUTPUT_JSON: {"prose": [[token, ...], ...], "stem": [stem, ...],
//   "codepoints": [incidexProse(char).join(" ") for every scalar value],
//   "errors": [problems with hostile input: throws, wrong types, slowness]}
"use strict";
const fs = require("fs");
const vm = require("vm");

const [script, input, output] = process.argv.slice(2);
vm.runInThisContext(fs.readFileSync(script, "utf8"), { filename: script });
const prose = globalThis.incidexProse;
const stem = globalThis.incidexStem;
const job = JSON.parse(fs.readFileSync(input, "utf8"));
const out = { prose: [], stem: [], codepoints: [], errors: [] };

if (typeof prose !== "function" || typeof stem !== "function") {
  out.errors.push("incidexProse or incidexStem is not defined on globalThis");
} else {
  out.prose = (job.prose || []).map((t) => prose(t));
  out.stem = (job.stem || []).map((w) => stem(w));
  if (job.codepoints) {
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      out.codepoints.push(prose(String.fromCodePoint(c)).join(" "));
    }
  }
  hostile();
}
fs.writeFileSync(output, JSON.stringify(out));

// Input a browser can hand over but Rust strings cannot hold (lone
// surrogates), values that are not strings, and big inputs: each call must
// return the right type, promptly, without throwing.
function hostile() {
  const big = "ab".repeat(50000);
  const cases = [
    "\ud800", "\udc00abc", "x\ud83dy\ude00z", "\ud83d\ude00", "\u0000ing\u0000",
    "\uffffies", "'''", "yyyyyyyyyy", "Y'sY", "a".repeat(100000),
    "y".repeat(100000), "'".repeat(100000), "\u00e9".repeat(100000),
    big, (big + " ").repeat(2), "sses".repeat(25000), "generational ".repeat(8000),
    null, undefined, 42, {}, [], { toString() { throw new Error("no"); } },
  ];
  for (const c of cases) {
    const label = typeof c === "string" ? JSON.stringify(c.slice(0, 12)) + "(" + c.length + ")" : String(typeof c);
    for (const [name, f, ok] of [
      ["incidexProse", prose, (r) => Array.isArray(r) && r.every((t) => typeof t === "string")],
      ["incidexStem", stem, (r) => typeof r === "string"],
    ]) {
      const t0 = Date.now();
      try {
        if (!ok(f(c))) out.errors.push(`${name}(${label}) returned the wrong type`);
      } catch (e) {
        out.errors.push(`${name}(${label}) threw ${e}`);
      }
      const ms = Date.now() - t0;
      if (ms > 2000) out.errors.push(`${name}(${label}) took ${ms} ms`);
    }
  }
  // Lone surrogates separate words; they are kept as they are by the stemmer.
  const split = prose("run\ud800ning").join(" ");
  if (split !== "run ning") out.errors.push(`a lone surrogate splits words: got ${split}`);
}
