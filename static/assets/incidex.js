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
  var panel = document.querySelector("[data-filters]");
  var list = document.querySelector("[data-cards]");
  if (!panel || !list) return;
  panel.hidden = false;
  var cards = Array.prototype.slice.call(list.children);
  var controls = panel.querySelectorAll("[data-filter]");
  var empty = document.querySelector("[data-empty]");
  var counter = panel.querySelector("[data-filter-count]");

  function value(name) {
    var el = panel.querySelector('[data-filter="' + name + '"]');
    return el ? el.value.trim().toLowerCase() : "";
  }

  function apply() {
    var want = {
      technology: value("technology"), service: value("service"),
      status: value("status"), severity: value("severity")
    };
    var words = value("text").split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var ok = Object.keys(want).every(function (k) {
        if (!want[k]) return true;
        return (" " + (card.getAttribute("data-" + k) || "") + " ").indexOf(" " + want[k] + " ") >= 0;
      });
      if (ok && words.length) {
        var text = card.textContent.toLowerCase();
        ok = words.every(function (w) { return text.indexOf(w) >= 0; });
      }
      card.hidden = !ok;
      if (ok) shown++;
    });
    if (empty) empty.hidden = shown > 0;
    if (counter) counter.textContent = shown === cards.length ? "" : shown + " of " + cards.length + " incidents";
    var params = new URLSearchParams();
    Object.keys(want).forEach(function (k) { if (want[k]) params.set(k, want[k]); });
    if (words.length) params.set("q", value("text"));
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  // Start from the address (?technology=redis), so filtered views can be linked.
  var initial = new URLSearchParams(location.search);
  Array.prototype.forEach.call(controls, function (el) {
    var key = el.getAttribute("data-filter") === "text" ? "q" : el.getAttribute("data-filter");
    if (initial.get(key)) el.value = initial.get(key);
    el.addEventListener(el.tagName === "SELECT" ? "change" : "input", apply);
  });

  // A technology chip on a card filters in place instead of leaving the page.
  list.addEventListener("click", function (ev) {
    var chip = ev.target.closest ? ev.target.closest("[data-technology-link]") : null;
    if (!chip || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    var select = panel.querySelector('[data-filter="technology"]');
    if (!select) return;
    ev.preventDefault();
    select.value = chip.getAttribute("data-technology-link");
    apply();
    select.focus();
  });

  apply();
})();
