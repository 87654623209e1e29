// incidex: small enhancements. Every page works without this script.
(function () {
  "use strict";

  // Copy buttons on error messages.
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest ? ev.target.closest("button.copy") : null;
    if (!btn) return;
    var target = document.getElementById(btn.getAttribute("data-copy"));
    if (!target) return;
    var text = target.textContent;
    var done = function () {
      var old = btn.textContent;
      btn.textContent = "Copied";
      setTimeout(function () { btn.textContent = old; }, 1500);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { selectText(target); });
    } else {
      selectText(target);
    }
  });

  function selectText(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  // Home page filters: technology, service, status, severity and words.
  // They cover every incident, not just the cards of this page: the values
  // and each value's incidents come from search/facets (written by the
  // build), words go through the static search, and the incidents shown are
  // read from the search export's incident files, a few at a time.
  var panel = document.querySelector("[data-filters]");
  var listing = document.querySelector("[data-listing]");
  var filtered = document.querySelector("[data-filtered]");
  if (!panel || !listing || !filtered || !window.fetch || !window.Promise) return;
  var facetsUrl = filtered.getAttribute("data-facets");
  var base = filtered.getAttribute("data-base") || "/";
  var more = document.querySelector("[data-more]");
  var empty = document.querySelector("[data-empty]");
  var counter = panel.querySelector("[data-filter-count]");
  var controls = panel.querySelectorAll("[data-filter]");
  var KINDS = ["technology", "service", "status", "severity"];
  var BATCH = 50;
  var WORD_HITS = 100;
  var files = {};
  var engine = null;
  var ticket = 0;
  var matches = [];
  var shown = 0;

  function getJson(url) {
    if (!files[url]) {
      files[url] = fetch(url).then(function (res) {
        if (res.status === 404) return null;
        if (!res.ok) throw new Error(res.status + " for " + url);
        return res.json();
      });
    }
    return files[url];
  }

  function search() {
    // The search script loads after this one; both are deferred.
    if (!engine && window.IncidexSearch) engine = new window.IncidexSearch(filtered.getAttribute("data-index"));
    if (!engine) throw new Error("the search script is missing");
    return engine;
  }

  function control(name) {
    return panel.querySelector('[data-filter="' + name + '"]');
  }

  function value(name) {
    var el = control(name);
    return el ? el.value.trim() : "";
  }

  // Whether sorted `list` holds `n`.
  function has(list, n) {
    var lo = 0, hi = list.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] === n) return true;
      if (list[mid] < n) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }

  function card(row) {
    var li = document.createElement("li");
    li.className = "card";
    var article = document.createElement("article");
    var h = document.createElement("h2");
    h.className = "card-title";
    var a = document.createElement("a");
    a.href = base + String(row[2] || "").replace(/^\//, "");
    a.textContent = row[1];
    h.appendChild(a);
    article.appendChild(h);
    var meta = [row[3], row[4]].filter(Boolean).join(" · ");
    if (meta) {
      var p = document.createElement("p");
      p.className = "meta";
      p.textContent = meta;
      article.appendChild(p);
    }
    if (row[5]) {
      var s = document.createElement("p");
      s.className = "summary";
      s.textContent = row[5];
      article.appendChild(s);
    }
    li.appendChild(article);
    return li;
  }

  // Shows the next batch of matching incidents.
  function showMore() {
    var mine = ticket;
    var batch = matches.slice(shown, shown + BATCH);
    shown += batch.length;
    more.hidden = true;
    var eng = search();
    return eng.load().then(function (meta) {
      return Promise.all(batch.map(function (n) {
        return eng.docs(meta, Math.floor(n / meta.docs_per_chunk)).then(function (rows) {
          return rows[n % meta.docs_per_chunk];
        });
      }));
    }).then(function (rows) {
      if (mine !== ticket) return;
      rows.forEach(function (row) { if (row) filtered.appendChild(card(row)); });
      more.hidden = shown >= matches.length;
    });
  }

  function apply() {
    var want = {};
    KINDS.forEach(function (k) { want[k] = value(k); });
    var words = value("text");
    var params = new URLSearchParams();
    KINDS.forEach(function (k) { if (want[k]) params.set(k, want[k]); });
    if (words) params.set("q", words);
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);

    var mine = ++ticket;
    var active = KINDS.filter(function (k) { return want[k]; });
    if (!active.length && !words) {
      listing.hidden = false;
      filtered.hidden = true;
      filtered.textContent = "";
      more.hidden = true;
      empty.hidden = true;
      counter.textContent = "";
      return;
    }
    counter.textContent = "Filtering…";
    var lists = Promise.all(active.map(function (k) {
      return getJson(facetsUrl + "/" + k + "/" + encodeURIComponent(want[k]) + ".json").then(function (l) { return l || []; });
    }));
    var ranked = words ? search().search(words, WORD_HITS) : Promise.resolve(null);
    Promise.all([lists, ranked]).then(function (r) {
      if (mine !== ticket) return;
      var sets = r[0], res = r[1];
      var candidates;
      if (res) {
        candidates = res.hits.map(function (h) { return h.n; });
      } else {
        // The shortest list, in site order (newest first), checked against the rest.
        candidates = sets.slice().sort(function (a, b) { return a.length - b.length; })[0];
      }
      matches = candidates.filter(function (n) {
        return sets.every(function (l) { return has(l, n); });
      });
      shown = 0;
      filtered.textContent = "";
      listing.hidden = true;
      filtered.hidden = false;
      empty.hidden = matches.length > 0;
      var capped = res && res.total > res.hits.length;
      counter.textContent = matches.length + " incident" + (matches.length === 1 ? "" : "s") +
        (capped ? " among the best " + res.hits.length + " for these words" : "");
      return showMore();
    }).catch(function (err) {
      if (mine === ticket) counter.textContent = "Filters are unavailable: " + String(err && err.message || err);
    });
  }

  more.addEventListener("click", function () { showMore(); });

  // A technology chip on a card filters in place instead of leaving the page.
  listing.addEventListener("click", function (ev) {
    var chip = ev.target.closest ? ev.target.closest("[data-technology-link]") : null;
    var select = control("technology");
    if (!chip || !select || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    var slug = chip.getAttribute("data-technology-link");
    if (!select.querySelector('option[value="' + slug + '"]')) return;
    ev.preventDefault();
    select.value = slug;
    apply();
    select.focus();
  });

  // The values, then the state in the address (?technology=redis), so
  // filtered views can be linked.
  getJson(facetsUrl + ".json").then(function (facets) {
    KINDS.forEach(function (k) {
      var select = control(k);
      if (!select || !facets || !facets[k]) return;
      facets[k].forEach(function (f) {
        var option = document.createElement("option");
        option.value = f.slug;
        option.textContent = f.name + " (" + f.count + ")";
        select.appendChild(option);
      });
    });
    var initial = new URLSearchParams(location.search);
    Array.prototype.forEach.call(controls, function (el) {
      var key = el.getAttribute("data-filter") === "text" ? "q" : el.getAttribute("data-filter");
      if (initial.get(key)) el.value = initial.get(key);
      var timer = null;
      el.addEventListener(el.tagName === "SELECT" ? "change" : "input", function () {
        clearTimeout(timer);
        timer = setTimeout(apply, el.tagName === "SELECT" ? 0 : 120);
      });
    });
    panel.hidden = false;
    // The filter's words search every incident: the header's box beside
    // it would be a second search box for the same thing.
    var header = document.querySelector(".site-search");
    if (header) header.hidden = true;
    if (initial.toString()) apply();
  }, function (err) {
    counter.textContent = "Filters are unavailable: " + String(err && err.message || err);
  });
})();
