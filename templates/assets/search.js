// Panorama search: one box on every page over the chapters (titles,
// headings, text) and the projects (name, summary, tags, section).
//
// The index is search-index.js, a script that sets window.PANORAMA_SEARCH,
// loaded the first time the box is used: pages opened from file:// may load
// scripts but not fetch files. Matching is hand-written because readers
// type as they search and misspell: a query word matches a word it equals,
// a word it begins, or, allowing one typo from four letters and two from
// seven, a word whose beginning is that close (typo-tolerant prefixes,
// which MiniSearch, Lunr and FlexSearch do not offer: their fuzzy matching
// compares whole words).
(function () {
  "use strict";
  var me = document.currentScript;
  var root = me ? me.src.replace(/assets\/search\.js(\?.*)?$/, "") : "";
  var box = document.querySelector("[data-search]");
  if (!box) return;
  var input = box.querySelector("input");
  var list = box.querySelector("[role=listbox]");
  box.hidden = false;

  var WEIGHTS = { t: 6, h: 4, g: 3, c: 2, s: 2, x: 1 };
  var index = null; // { docs, terms: Map(term -> Map(doc -> weight)), keys: [term] }
  var loading = false;
  var results = [];
  var active = -1;

  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(s) {
    return fold(s).split(/[^a-z0-9]+/).filter(Boolean);
  }

  function build(data) {
    var terms = new Map();
    data.docs.forEach(function (d, i) {
      Object.keys(WEIGHTS).forEach(function (f) {
        var v = d[f];
        if (!v) return;
        var text = Array.isArray(v) ? v.join(" ") : v;
        var ws = words(text);
        // "IO.NET" is also found as "ionet".
        if (f === "t" && ws.length > 1) ws.push(ws.join(""));
        ws.forEach(function (w) {
          var m = terms.get(w);
          if (!m) terms.set(w, (m = new Map()));
          if ((m.get(i) || 0) < WEIGHTS[f]) m.set(i, WEIGHTS[f]);
        });
      });
    });
    return { docs: data.docs, terms: terms, keys: Array.from(terms.keys()) };
  }

  // panorama serve patched an edit into the page: the index may be out of
  // date, so the next query loads it again.
  document.addEventListener("panorama:patched", function () {
    index = null;
    loading = false;
    window.PANORAMA_SEARCH = undefined;
    var old = document.querySelector("script[data-search-index]");
    if (old) old.remove();
  });

  // load makes sure the index is there, then runs then; while the index
  // script loads, only the latest then is kept, so the newest query wins.
  var pending = null;
  function load(then) {
    if (index) return then();
    if (window.PANORAMA_SEARCH) {
      index = build(window.PANORAMA_SEARCH);
      return then();
    }
    pending = then;
    if (loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.setAttribute("data-search-index", "");
    s.onload = function () {
      index = build(window.PANORAMA_SEARCH || { docs: [] });
      if (pending) pending();
    };
    s.onerror = function () {
      loading = false;
      show([], "The search index could not be loaded.");
    };
    document.head.appendChild(s);
  }

  // prefixDistance is the fewest edits that turn q into some beginning of
  // w, or max+1 once it is sure to exceed max.
  function prefixDistance(q, w, max) {
    var prev = [], cur = [], i, j;
    for (j = 0; j <= w.length; j++) prev[j] = j;
    for (i = 1; i <= q.length; i++) {
      cur[0] = i;
      var rowMin = i;
      for (j = 1; j <= w.length; j++) {
        var cost = q.charCodeAt(i - 1) === w.charCodeAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (cur[j] < rowMin) rowMin = cur[j];
      }
      if (rowMin > max) return max + 1;
      var t = prev; prev = cur; cur = t;
    }
    return Math.min.apply(null, prev);
  }

  function match(q, w) {
    if (w === q) return 1;
    if (w.lastIndexOf(q, 0) === 0) return 0.8;
    var max = q.length >= 7 ? 2 : q.length >= 4 ? 1 : 0;
    if (!max || Math.abs(w.length - q.length) > 12) return 0;
    var d = prefixDistance(q, w, max);
    return d <= max ? 0.6 - 0.15 * d : 0;
  }

  function search(query) {
    var qs = words(query);
    if (!qs.length) return [];
    var perWord = qs.map(function (q) {
      var scores = new Map();
      index.keys.forEach(function (w) {
        var m = match(q, w);
        if (!m) return;
        index.terms.get(w).forEach(function (weight, doc) {
          var s = m * weight;
          if ((scores.get(doc) || 0) < s) scores.set(doc, s);
        });
      });
      return scores;
    });
    var total = new Map();
    perWord[0].forEach(function (s, doc) {
      var sum = s;
      for (var k = 1; k < perWord.length; k++) {
        var o = perWord[k].get(doc);
        if (!o) return;
        sum += o;
      }
      total.set(doc, sum);
    });
    return Array.from(total.entries())
      .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
      .map(function (e) { return index.docs[e[0]]; });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function show(found, message) {
    list.textContent = "";
    results = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    var groups = [["p", "Projects", 8], ["c", "Chapters", 6]];
    groups.forEach(function (g) {
      var docs = found.filter(function (d) { return d.k === g[0]; }).slice(0, g[2]);
      if (!docs.length) return;
      var group = el("div", "search-group");
      group.setAttribute("role", "group");
      var label = el("div", "search-group-label", g[1]);
      label.id = "search-group-" + g[0];
      label.setAttribute("role", "presentation");
      group.setAttribute("aria-labelledby", label.id);
      group.appendChild(label);
      docs.forEach(function (d) {
        var opt = el("a", "search-result");
        opt.id = "search-result-" + results.length;
        opt.setAttribute("role", "option");
        opt.setAttribute("aria-selected", "false");
        opt.href = root + d.u;
        opt.tabIndex = -1;
        opt.appendChild(el("span", "search-title", d.k === "c" && d.h ? d.t + " › " + d.h : d.t));
        var detail = d.k === "p" ? d.c + " · " + (d.s || "") : (d.x || "").slice(0, 140);
        opt.appendChild(el("span", "search-detail", detail));
        group.appendChild(opt);
        results.push(opt);
      });
      list.appendChild(group);
    });
    if (!results.length) {
      var none = el("div", "search-none", message || "Nothing found.");
      none.setAttribute("role", "presentation");
      list.appendChild(none);
    }
    open(true);
  }

  function open(yes) {
    list.hidden = !yes;
    input.setAttribute("aria-expanded", yes ? "true" : "false");
  }

  function select(i) {
    if (active >= 0 && results[active]) results[active].setAttribute("aria-selected", "false");
    active = i;
    if (i < 0 || !results[i]) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    results[i].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", results[i].id);
    results[i].scrollIntoView({ block: "nearest" });
  }

  function update() {
    var q = input.value;
    if (!q.trim()) {
      open(false);
      return;
    }
    load(function () {
      if (input.value === q) show(search(q));
    });
  }

  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", update);
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) update();
      if (!results.length) return;
      e.preventDefault();
      var n = results.length;
      select(e.key === "ArrowDown" ? (active + 1) % n : (active - 1 + n) % n);
    } else if (e.key === "Enter") {
      var target = results[active >= 0 ? active : 0];
      if (target && !list.hidden) {
        e.preventDefault();
        location.href = target.href;
      }
    } else if (e.key === "Escape") {
      if (!list.hidden) {
        open(false);
        select(-1);
      } else {
        input.value = "";
      }
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    input.focus();
  });
  document.addEventListener("click", function (e) {
    if (!box.contains(e.target)) open(false);
  });
})();
