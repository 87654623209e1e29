// incidex: the search page's copy of the index's prose analyzer, tantivy's
// "en_stem": runs of Unicode letters and digits, tokens of 40 or more UTF-8
// bytes dropped, lower-cased code point by code point, then the Snowball
// English stemmer as tantivy 0.27 runs it: frostem 1.20260821, generated from
// Snowball 3.1.1's english.sbl, which has rules the older Porter2 of
// rust-stemmers lacks. tests/js_stemmer.rs checks both functions against
// the Rust analyzer, word for word.
//   incidexProse(text) -> [token, ...]   incidexStem(lowerCasedWord) -> stem
(function (g) {
  "use strict";

  var has = Object.prototype.hasOwnProperty;
  // Whole words with a fixed stem (Snowball's exception1).
  var EXC = {
    skis: "ski", skies: "sky", sky: "sky", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", news: "news",
    andes: "andes", atlas: "atlas", bias: "bias", cosmos: "cosmos", howe: "howe"
  };
  var S2 = {
    ational: "ate", tional: "tion", enci: "ence", anci: "ance", abli: "able",
    entli: "ent", izer: "ize", ization: "ize", ation: "ate", ator: "ate",
    alism: "al", aliti: "al", alli: "al", fulness: "ful", fulli: "ful",
    ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble",
    bli: "ble", ogist: "og", ogi: "og", lessli: "less", li: ""
  };
  var S3 = {
    ational: "ate", tional: "tion", alize: "al", icate: "ic", iciti: "ic",
    ical: "ic", ative: "", ful: "", ness: ""
  };
  var S4 = {};
  ("ic ance ence able ible ate ive ize iti al ism ion er ous ant ent ment ement")
    .split(" ").forEach(function (k) { S4[k] = ""; });
  var K2 = keys(S2), K3 = keys(S3), K4 = keys(S4);
  var K1B = ["eedly", "ingly", "edly", "eed", "ing", "ed"];

  // Suffix tables are matched longest first, with no fallback to a shorter
  // suffix when the longest one's condition fails (Snowball's among).
  function keys(t) {
    return Object.keys(t).sort(function (a, b) { return b.length - a.length; });
  }
  function longest(s, list) {
    for (var i = 0; i < list.length; i++) if (s.endsWith(list[i])) return list[i];
    return null;
  }
  function isV(c) { return c !== undefined && "aeiouy".indexOf(c) >= 0; }
  // After the first non-vowel that follows a vowel, from i (else s.length).
  function region(s, i) {
    while (i < s.length && !isV(s[i])) i++;
    i++;
    while (i < s.length && isV(s[i])) i++;
    return i < s.length ? i + 1 : s.length;
  }
  // Does s[0..e) end in a short syllable?
  function shortv(s, e) {
    return (e > 2 && "aeiouwxyY".indexOf(s[e - 1]) < 0 && isV(s[e - 2]) && !isV(s[e - 3])) ||
      (e === 2 && !isV(s[1]) && isV(s[0])) ||
      s.slice(0, e).endsWith("past");
  }

  function stem(word) {
    word = str(word);
    if (has.call(EXC, word)) return EXC[word];
    // Non-ASCII code points never match a rule and are never changed: stand
    // one UTF-16 unit in for each, so indexes count code points, and put
    // them back at the end.
    var keep = [], s = "", c, i, k, b, pre, p1, p2, yFound = false;
    for (c of word) {
      if (c < "\x80") s += c;
      else { keep.push(c); s += "\uffff"; }
    }
    if (s.length < 3) return word;

    if (s[0] === "'") s = s.slice(1);
    var a = s.split("");
    for (i = 0; i < a.length; i++) {
      if (a[i] === "y" && (i === 0 || isV(a[i - 1]))) { a[i] = "Y"; yFound = true; }
    }
    s = a.join("");
    k = /^(?:gener|commun|arsen|emerg|inter|later|organ|past|univers)/.exec(s);
    p1 = k ? k[0].length : region(s, 0);
    p2 = region(s, p1);

    // Step 1a: possessives and plurals.
    s = s.replace(/'(?:s'?)?$/, "");
    if (s.endsWith("sses")) s = s.slice(0, -2);
    else if (s.endsWith("ied") || s.endsWith("ies")) s = s.slice(0, -3) + (s.length > 4 ? "i" : "ie");
    else if (s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us") && /[aeiouy]/.test(s.slice(0, -2))) {
      s = s.slice(0, -1);
    }

    // Step 1b: -ed, -ing and friends.
    k = longest(s, K1B);
    if (k) {
      b = s.length - k.length;
      pre = s.slice(0, b);
      if (k.slice(0, 2) === "ee") {
        if (b >= p1 && !/^(?:succ|proc|exc)$/.test(pre)) s = pre + "ee";
      } else if (k === "ing" && /^[^aeiouy]y$/.test(pre)) {
        s = pre[0] + "ie";
      } else if (!(k === "ing" && /^(?:even|cann|inn|earr|herr|out)$/.test(pre)) && /[aeiouy]/.test(pre)) {
        s = pre;
        c = s[s.length - 1];
        if (/(?:at|bl|iz)$/.test(s)) s += "e";
        else if (c === s[s.length - 2] && "bdfgmnprt".indexOf(c) >= 0) {
          if (!(s.length === 3 && "aeo".indexOf(s[0]) >= 0)) s = s.slice(0, -1);
        } else if (s.length === p1 && shortv(s, s.length)) s += "e";
      }
    }

    // Step 1c: y after a non-vowel (not the first letter) becomes i.
    i = s.length;
    if (i > 2 && (s[i - 1] === "y" || s[i - 1] === "Y") && !isV(s[i - 2])) s = s.slice(0, -1) + "i";

    // Steps 2 to 4: suffixes inside R1 or R2.
    k = longest(s, K2);
    if (k !== null) {
      b = s.length - k.length;
      if (b >= p1 && (k === "ogi" ? s[b - 1] === "l" : k !== "li" || "cdeghkmnrt".indexOf(s[b - 1]) >= 0)) {
        s = s.slice(0, b) + S2[k];
      }
    }
    k = longest(s, K3);
    if (k !== null) {
      b = s.length - k.length;
      if (b >= p1 && (k !== "ative" || b >= p2)) s = s.slice(0, b) + S3[k];
    }
    k = longest(s, K4);
    if (k !== null) {
      b = s.length - k.length;
      if (b >= p2 && (k !== "ion" || s[b - 1] === "s" || s[b - 1] === "t")) s = s.slice(0, b);
    }

    // Step 5: a final e, or the second l of -ll.
    i = s.length - 1;
    if (s[i] === "e" ? i >= p2 || (i >= p1 && !shortv(s, i)) : s[i] === "l" && i >= p2 && s[i - 1] === "l") {
      s = s.slice(0, i);
    }

    if (yFound) s = s.replace(/Y/g, "y");
    if (keep.length) {
      i = 0;
      s = s.replace(/\uffff/g, function () { return keep[i++]; });
    }
    return s;
  }

  function prose(text) {
    var out = [], re = /[\p{Alphabetic}\p{N}]+/gu, m, t, c, lower;
    text = str(text);
    while ((m = re.exec(text)) !== null) {
      t = m[0];
      if (t.length >= 40 || utf8len(t) >= 40) continue;
      lower = "";
      for (c of t) lower += c.toLowerCase(); // per code point: no final sigma
      out.push(stem(lower));
    }
    return out;
  }

  function utf8len(t) {
    for (var n = 0, i = 0, u; i < t.length; i++) {
      u = t.charCodeAt(i);
      n += u < 0x80 ? 1 : u < 0x800 || (u >= 0xd800 && u < 0xe000) ? 2 : 3;
    }
    return n;
  }

  function str(x) {
    if (typeof x === "string") return x;
    try { return x == null ? "" : String(x); } catch (e) { return ""; }
  }

  g.incidexProse = prose;
  g.incidexStem = stem;
})(globalThis);
