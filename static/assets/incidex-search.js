// incidex static search: ranks incidents in the browser from the index
// exported at build time (search/index/), with the same tokenization as
// `incidex search`. Fetches only the term chunks a query needs and the
// metadata of the hits it shows; results are built as DOM text, never HTML.
(function (global) {
  "use strict";

  var FORMAT = 4;
  var MAX_QUERY_CHARS = 4096;
  var MAX_TERMS = 48;
  var MAX_TOKEN_BYTES = 64;
  // Term chunks one query may fetch: bounds what a long paste downloads.
  // Chunks are about 6 KB; 24 of them, the pair chunks below, the scripts
  // and the metadata stay under the 300 KB a query may download on a
  // 10,000-incident site (`cargo bench --bench static_search` measures it).
  var MAX_CHUNKS = 24;
  // Further chunks for word pairs, beyond those its words already fetch:
  // the first pairs of a long paste count, as the terminal's first do.
  var MAX_PAIR_CHUNKS = 6;
  // Candidates ranked by words that phrase scores reorder, as the
  // terminal's pool: max(limit * 5, MIN_POOL).
  var MIN_POOL = 50;
  // Candidates beyond the limit checked for a signature match.
  var SIGNATURE_POOL = 6;
  var SIGNATURE_BONUS = 1000;

  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var UPPER = /\p{Uppercase}/u;
  var LOWER = /\p{Lowercase}/u;
  var ALPHA = /\p{Alphabetic}/u;
  var DIGIT = /[0-9]/;

  function isJoiner(c) { return "_.:-/$@#".indexOf(c) >= 0; }
  function isWord(c) { return WORD.test(c) || isJoiner(c); }

  function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }

  // doSomething -> do, something; HTTPServer2 -> http, server, 2.
  function camelParts(chars, out) {
    var start = 0;
    for (var i = 1; i < chars.length; i++) {
      var prev = chars[i - 1], cur = chars[i];
      var nextLower = i + 1 < chars.length && LOWER.test(chars[i + 1]);
      var boundary = (LOWER.test(prev) && UPPER.test(cur)) ||
        (UPPER.test(prev) && UPPER.test(cur) && nextLower) ||
        (ALPHA.test(prev) !== ALPHA.test(cur) && (DIGIT.test(prev) || DIGIT.test(cur)));
      if (boundary) {
        out.push(chars.slice(start, i).join(""));
        start = i;
      }
    }
    if (start < chars.length) out.push(chars.slice(start).join(""));
  }

  // The code tokenizer of the index (src/index/tokenize.rs): each whole
  // code word, then its parts when it has more than one, lower-cased.
  function codeTokens(text) {
    var chars = Array.from(text);
    var out = [];
    var i = 0;
    while (i < chars.length) {
      if (!isWord(chars[i])) { i++; continue; }
      var j = i;
      while (j < chars.length && isWord(chars[j])) j++;
      var word = chars.slice(i, j);
      i = j;
      var a = 0, b = word.length;
      while (a < b && isJoiner(word[a])) a++;
      while (b > a && isJoiner(word[b - 1])) b--;
      if (a === b) continue;
      var trimmed = word.slice(a, b);
      var parts = [];
      var partStart = 0;
      for (var k = 0; k <= trimmed.length; k++) {
        if (k === trimmed.length || isJoiner(trimmed[k])) {
          if (k > partStart) camelParts(trimmed.slice(partStart, k), parts);
          partStart = k + 1;
        }
      }
      var all = [trimmed.join("")];
      if (parts.length > 1) all = all.concat(parts);
      all.forEach(function (t) {
        if (utf8Length(t) <= MAX_TOKEN_BYTES) out.push(t.toLowerCase());
      });
    }
    return out;
  }

  // Error signatures, as src/extract/signature.rs makes them: the message
  // without log prefix, exception class, numbers, ids, paths and hosts.
  var LEVEL_PREFIX = new RegExp("^\\s*" +
    "(?:\\[?\\d{4}-\\d{2}-\\d{2}[T\\s]\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d+)?\\s*(?:Z|UTC|GMT|[+-]\\d{2}:?\\d{2}|[A-Z]{3,4})?\\]?\\s*)?" +
    "(?:\\[[^\\]]{1,24}\\]\\s*)*" +
    "(?:(?:ERROR|FATAL|CRITICAL|CRIT|PANIC|SEVERE|WARN|WARNING|Error|Fatal|error|fatal|warning)(?:\\[[A-Z]?\\d+\\])?(?:\\s*[:!\\]]|\\s)\\s*)?");
  var EXCEPTION_PREFIX = /^\s*(?:[A-Za-z_][\w$]*\.)*[A-Za-z_][\w$]*(?:Error|Exception|Fault|Warning|Failure)\s*:\s*/;
  var VOLATILE = new RegExp([
    "https?:\\/\\/\\S+",
    "\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b",
    "\\b\\d{4}-\\d{2}-\\d{2}(?:[T\\s]\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?",
    "\\b\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\b",
    "\\b0x[0-9a-f]+\\b",
    "(?:^|[\\s'\"`(=\\[])(?:[a-z]:\\\\|~\\/|\\.\\/|\\.\\.\\/|\\/)[^\\s'\"`)\\]]*",
    "\\b[\\w.-]+(?:\\/[\\w.@\\[\\]-]+){2,}",
    "\\b[\\w.-]+:\\d{2,5}\\b",
    "\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b"
  ].join("|"), "gi");
  var SIGNATURE_WORDS = 16;

  function stripLogPrefix(line) {
    var m = LEVEL_PREFIX.exec(line);
    return m && m[0].length < line.length ? line.slice(m[0].length) : line;
  }

  // Numbers, numbers with units, hashes and ids are not words.
  function volatileToken(t) {
    var digits = (t.match(/[0-9]/g) || []).length;
    if (digits === t.length || /^[0-9]/.test(t)) return true;
    if (digits === 0) return false;
    var hexish = /^[0-9a-f]+$/.test(t);
    return (hexish && t.length >= 6) || t.length >= 10 || (digits * 2 >= t.length && t.length >= 5);
  }

  function signature(message) {
    var lines = String(message).split(/\r?\n|\r/);
    while (lines.length && !lines[0].trim()) lines.shift();
    if (!lines.length) return "";
    var text = stripLogPrefix(lines[0]).replace(EXCEPTION_PREFIX, "");
    for (var i = 1; i < lines.length; i++) text += " " + stripLogPrefix(lines[i]);
    text = text.replace(VOLATILE, " ").toLowerCase();
    return text.split(/[^a-z0-9]+/).filter(function (t) {
      return t && !volatileToken(t);
    }).slice(0, SIGNATURE_WORDS).join("-");
  }

  // A pasted error matches an indexed one when one signature holds the
  // other as a run of whole words.
  function signatureMatch(query, sigs) {
    if (query.split("-").length < 3) return false;
    var q = "-" + query + "-";
    return (sigs || []).some(function (s) {
      if (s.split("-").length < 3) return false;
      var t = "-" + s + "-";
      return q.indexOf(t) >= 0 || t.indexOf(q) >= 0;
    });
  }

  // UTF-8 byte order, which is code point order: the order of the chunks.
  function compare(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    if (i < a.length) return 1;
    return j < b.length ? -1 : 0;
  }

  function uniquePush(list, seen, t, limit) {
    if (!t || seen[t] || list.length >= limit || utf8Length(t) > MAX_TOKEN_BYTES) return;
    seen[t] = true;
    list.push(t);
  }

  function startsWith(s, p) { return s.slice(0, p.length) === p; }

  // Runs of letters and digits, lower-cased: the index's "default" analyzer.
  function rawWords(text) {
    var out = [], re = /[\p{Alphabetic}\p{N}]+/gu, m;
    while ((m = re.exec(text)) !== null) {
      if (utf8Length(m[0]) >= 40) continue;
      var lower = "";
      for (var c of m[0]) lower += c.toLowerCase();
      out.push(lower);
    }
    return out;
  }

  var PROSE = 0, RAW = 1, ERRORS = 2, CODE = 3, SYMPTOM = 4, PAIR = 5, SPACES = 6;
  var ALPHABETIC_WORD = /^\p{Alphabetic}+$/u;

  // What a query looks up, as `incidex search` builds it: prose stems, raw
  // words, code tokens (in the code fields only when code-shaped), then the
  // words reports use for a symptom that was typed. Each is
  // {term, space, weight}.
  function queryTerms(query, symptoms, shorthand) {
    var text = String(query).replace(/\0/g, "").slice(0, MAX_QUERY_CHARS);
    var stems = global.incidexProse ? global.incidexProse(text) : rawWords(text);
    var prose = [], raw = [], code = [];
    var seen = [{}, {}, {}];
    stems.forEach(function (t) { uniquePush(prose, seen[0], t, MAX_TERMS); });
    rawWords(text).forEach(function (t) { uniquePush(raw, seen[1], t, MAX_TERMS); });
    codeTokens(text).forEach(function (t) { uniquePush(code, seen[2], t, MAX_TERMS); });
    var allStems = {};
    stems.forEach(function (t) { allStems[t] = true; });
    var out = [];
    // A word the query says twice counts twice, as `incidex search` counts it.
    var times = {};
    stems.forEach(function (t) { times[t] = (times[t] || 0) + 1; });
    prose.forEach(function (t) {
      out.push({ term: t, space: PROSE, weight: times[t] });
      // Shorthand also asks for its full word ("config" for "configuration").
      var full = shorthand && Object.prototype.hasOwnProperty.call(shorthand, t) ? shorthand[t] : null;
      if (full && !seen[0][full]) out.push({ term: full, space: PROSE, weight: times[t] });
    });
    raw.forEach(function (t) { out.push({ term: t, space: RAW, weight: 1 }); });
    code.forEach(function (t) {
      out.push({ term: t, space: ERRORS, weight: 1 });
      if (!ALPHABETIC_WORD.test(t) || !allStems[t]) out.push({ term: t, space: CODE, weight: 1 });
    });
    var related = {};
    prose.forEach(function (t) {
      (symptoms || []).forEach(function (group) {
        if (!group.some(function (w) { return startsWith(t, w); })) return;
        group.forEach(function (w) {
          if (startsWith(t, w) || seen[0][w] || related[w]) return;
          related[w] = true;
          out.push({ term: w, space: SYMPTOM, weight: 1 });
        });
      });
    });
    return out;
  }

  // The word pairs whose phrase scores a query adds, as `incidex search`
  // forms them: each two neighbouring prose stems of the query (repeats
  // included, each adds again), the first MAX_TERMS, a word twice
  // skipped. Keys as the export writes them: "stemA stemB".
  function queryPairs(query) {
    var text = String(query).replace(/\0/g, "").slice(0, MAX_QUERY_CHARS);
    var stems = (global.incidexProse ? global.incidexProse(text) : rawWords(text))
      .filter(function (t) { return t && utf8Length(t) <= MAX_TOKEN_BYTES; });
    var out = [];
    for (var i = 0; i + 1 < stems.length && i < MAX_TERMS; i++) {
      if (stems[i] !== stems[i + 1]) out.push(stems[i] + " " + stems[i + 1]);
    }
    return out;
  }

  function Reader(bytes) { this.b = bytes; this.i = 0; }
  Reader.prototype.varint = function () {
    var v = 0, mul = 1, byte;
    do {
      if (this.i >= this.b.length) throw new Error("truncated search index chunk");
      byte = this.b[this.i++];
      v += (byte & 0x7f) * mul;
      mul *= 128;
    } while (byte & 0x80);
    return v;
  };

  var decoder = typeof TextDecoder !== "undefined" ? new TextDecoder() : null;

  // term -> per term space, [[incident, weight], ...] or null, for one chunk.
  function parseChunk(buffer) {
    var bytes = new Uint8Array(buffer);
    var r = new Reader(bytes);
    var terms = Object.create(null);
    while (r.i < bytes.length) {
      var len = r.varint();
      var term = decoder.decode(bytes.subarray(r.i, r.i + len));
      r.i += len;
      var mask = bytes[r.i++];
      var spaces = [];
      for (var sp = 0; sp < SPACES; sp++) {
        spaces.push(null);
        if (!(mask & (1 << sp))) continue;
        var count = r.varint();
        var list = new Array(count);
        var doc = 0;
        for (var k = 0; k < count; k++) {
          doc += r.varint();
          list[k] = [doc, bytes[r.i++]];
        }
        spaces[sp] = list;
      }
      terms[term] = spaces;
    }
    return terms;
  }

  function Engine(indexUrl, options) {
    this.url = indexUrl.replace(/\/?$/, "/");
    this.fetch = (options && options.fetch) || global.fetch.bind(global);
    this.chunks = {};
    this.docChunks = {};
    this.meta = null;
    this.bytes = 0;
  }

  Engine.prototype.get = function (path, kind) {
    var self = this;
    return this.fetch(this.url + path).then(function (res) {
      if (!res.ok) throw new Error("cannot load the search index (" + res.status + " for " + path + ")");
      return kind === "json" ? res.text().then(function (t) { self.bytes += utf8Length(t); return JSON.parse(t); })
        : res.arrayBuffer().then(function (b) { self.bytes += b.byteLength; return b; });
    });
  };

  Engine.prototype.load = function () {
    var self = this;
    if (!this.meta) {
      this.meta = this.get("meta.json", "json").then(function (meta) {
        if (meta.format !== FORMAT) throw new Error("the search index has another format; rebuild the site");
        return meta;
      });
    }
    return this.meta;
  };

  Engine.prototype.chunk = function (meta, n) {
    if (!this.chunks[n]) {
      this.chunks[n] = this.get("t" + n + ".bin?v=" + meta.version, "bin").then(parseChunk);
    }
    return this.chunks[n];
  };

  Engine.prototype.docs = function (meta, n) {
    if (!this.docChunks[n]) {
      this.docChunks[n] = this.get("d" + n + ".json?v=" + meta.version, "json");
    }
    return this.docChunks[n];
  };

  function chunkOf(meta, term) {
    var lo = 0, hi = meta.chunks.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (compare(meta.chunks[mid], term) <= 0) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  // Resolves to {total, hits: [{id, title, url, date, status, summary, score}]}.
  Engine.prototype.search = function (query, limit) {
    var self = this;
    limit = Math.max(1, Math.min(limit || 10, 100));
    return this.load().then(function (meta) {
      var terms = queryTerms(query, meta.symptoms, meta.shorthand);
      var pairs = queryPairs(query);
      var wanted = [], byChunk = {};
      terms.forEach(function (t) {
        var n = chunkOf(meta, t.term);
        if (n < 0) return;
        if (!(n in byChunk)) {
          if (wanted.length >= MAX_CHUNKS) return;
          byChunk[n] = [];
          wanted.push(n);
        }
        byChunk[n].push(t);
      });
      // Pairs in query order; one in no chunk fetched or allowed is left out.
      var pairChunks = 0, pairAt = [];
      pairs.forEach(function (key) {
        var n = chunkOf(meta, key);
        if (n < 0) return;
        if (!(n in byChunk)) {
          if (pairChunks >= MAX_PAIR_CHUNKS) return;
          pairChunks++;
          byChunk[n] = [];
          wanted.push(n);
        }
        pairAt.push([key, n]);
      });
      return Promise.all(wanted.map(function (n) { return self.chunk(meta, n); })).then(function (parsed) {
        var scores = Object.create(null);
        parsed.forEach(function (terms, k) {
          byChunk[wanted[k]].forEach(function (t) {
            var list = Object.prototype.hasOwnProperty.call(terms, t.term) ? terms[t.term][t.space] : null;
            if (!list) return;
            for (var i = 0; i < list.length; i++) {
              var doc = list[i][0];
              scores[doc] = (scores[doc] || 0) + t.weight * (Math.pow(2, list[i][1] / 32) - 1);
            }
          });
        });
        var ranked = Object.keys(scores).map(function (d) { return [Number(d), scores[d]]; });
        // Equal scores: newest first, as the site lists incidents.
        var byScore = function (a, b) { return b[1] - a[1] || a[0] - b[0]; };
        ranked.sort(byScore);
        // Words side by side in the query rank the pool's incidents that
        // have them side by side, by the phrase scores the export holds.
        var pool = ranked.slice(0, Math.max(limit * 5, MIN_POOL));
        var inPool = Object.create(null);
        pool.forEach(function (r) { inPool[r[0]] = r; });
        var parsedOf = {};
        wanted.forEach(function (n, k) { parsedOf[n] = parsed[k]; });
        pairAt.forEach(function (p) {
          var chunkTerms = parsedOf[p[1]];
          var list = Object.prototype.hasOwnProperty.call(chunkTerms, p[0]) ? chunkTerms[p[0]][PAIR] : null;
          if (!list) return;
          for (var i = 0; i < list.length; i++) {
            var r = inPool[list[i][0]];
            if (r) r[1] += Math.pow(2, list[i][1] / 32) - 1;
          }
        });
        pool.sort(byScore);
        ranked = pool.concat(ranked.slice(pool.length));
        // The best few are read in full: a signature match moves up among them.
        var top = ranked.slice(0, limit + SIGNATURE_POOL);
        var per = meta.docs_per_chunk;
        var need = [];
        top.forEach(function (r) {
          var n = Math.floor(r[0] / per);
          if (need.indexOf(n) < 0) need.push(n);
        });
        return Promise.all(need.map(function (n) { return self.docs(meta, n); })).then(function (rows) {
          var byN = {};
          need.forEach(function (n, k) { byN[n] = rows[k]; });
          var sig = signature(String(query).replace(/\0/g, "").slice(0, MAX_QUERY_CHARS));
          var hits = top.map(function (r) {
            var row = byN[Math.floor(r[0] / per)][r[0] % per] || [];
            // A pasted error shows the report's own line of it, as the terminal does.
            var matched = (row[6] || []).findIndex(function (s) { return signatureMatch(sig, [s]); });
            var score = r[1] + (matched >= 0 ? SIGNATURE_BONUS : 0);
            var summary = matched >= 0 && row[7] && row[7][matched] ? row[7][matched] : row[5];
            return { n: r[0], id: row[0], title: row[1], url: row[2], date: row[3], status: row[4], summary: summary, score: score };
          });
          hits.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
          hits = hits.slice(0, limit);
          return { total: ranked.length, hits: hits };
        });
      });
    });
  };

  global.incidexCodeTokens = codeTokens;
  global.incidexSignature = signature;
  global.incidexQueryTerms = queryTerms;
  global.incidexQueryPairs = queryPairs;
  global.IncidexSearch = Engine;

  if (typeof document === "undefined") return;

  // The search page.
  var form = document.querySelector("[data-search]");
  if (!form) return;
  var input = form.querySelector("[name=q]");
  var status = document.querySelector("[data-search-status]");
  var results = document.querySelector("[data-search-results]");
  var base = form.getAttribute("data-base") || "/";
  var engine = new Engine(form.getAttribute("data-index"));
  var latest = 0;

  function words(query) {
    return Array.from(new Set(String(query).toLowerCase().split(/[^\p{Alphabetic}\p{N}_]+/u)))
      .filter(function (w) { return w.length >= 3; })
      .sort(function (a, b) { return b.length - a.length; });
  }

  // Text with the query's words in <mark>, as DOM nodes (no HTML parsing).
  function marked(el, text, ws) {
    text = text || "";
    var lower = text.toLowerCase();
    var at = 0;
    while (at < text.length) {
      var best = -1, len = 0;
      ws.forEach(function (w) {
        var i = lower.indexOf(w, at);
        if (i >= 0 && (best < 0 || i < best)) { best = i; len = w.length; }
      });
      if (best < 0) break;
      el.appendChild(document.createTextNode(text.slice(at, best)));
      var m = document.createElement("mark");
      m.textContent = text.slice(best, best + len);
      el.appendChild(m);
      at = best + len;
    }
    el.appendChild(document.createTextNode(text.slice(at)));
  }

  function show(query, res) {
    results.textContent = "";
    var ws = words(query);
    res.hits.forEach(function (h) {
      var li = document.createElement("li");
      li.className = "search-hit";
      var a = document.createElement("a");
      a.href = base + String(h.url || "").replace(/^\//, "");
      marked(a, h.title, ws);
      var title = document.createElement("h2");
      title.appendChild(a);
      li.appendChild(title);
      var meta = [h.date, h.status].filter(Boolean).join(" · ");
      if (meta) {
        var p = document.createElement("p");
        p.className = "meta";
        p.textContent = meta;
        li.appendChild(p);
      }
      if (h.summary) {
        var s = document.createElement("p");
        marked(s, h.summary, ws);
        li.appendChild(s);
      }
      results.appendChild(li);
    });
    status.textContent = res.total === 0 ? "No incident matches." :
      res.total + " incident" + (res.total === 1 ? "" : "s") + " found" +
      (res.total > res.hits.length ? ", best " + res.hits.length + " shown." : ".");
  }

  function run() {
    var query = input.value;
    var ticket = ++latest;
    var params = new URLSearchParams(location.search);
    if (query.trim()) params.set("q", query); else params.delete("q");
    var qs = params.toString();
    history.replaceState(null, "", qs ? "?" + qs : location.pathname);
    if (!query.trim()) {
      results.textContent = "";
      status.textContent = "";
      return;
    }
    engine.search(query, 10).then(function (res) {
      if (ticket === latest) show(query, res);
    }, function (err) {
      if (ticket === latest) status.textContent = String(err && err.message || err);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 80);
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    run();
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey) {
      ev.preventDefault();
      run();
    }
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run();
  }
})(globalThis);
