// Panorama search: one box on every page over the chapters (titles,
// headings, text) and the projects (name, summary, tags, section).
//
// Projects rank by their name first: the name itself, then names that
// begin with the query, then names holding its words, then matches in
// other fields (chapters among these); each group says how many matched
// and lists more on request, so every match can be reached.
//
// The index is search-index.js, a script that says how many parts follow
// (search-index/0.js, 1.js, ...: an edit of one project makes one part
// again), loaded the first time the box is used: pages opened from file://
// may load scripts but not fetch files. Once every part is in, the whole
// index is window.PANORAMA_SEARCH. Matching is hand-written because readers
// type as they search and misspell: a query word matches a word it equals,
// a word it begins, or, allowing one typo from four letters and two from
// seven, a word whose beginning is that close (typo-tolerant prefixes,
// which MiniSearch, Lunr and FlexSearch do not offer: their fuzzy matching
// compares whole words).
//
// It loads first on every page, so it also gives the other scripts what
// they share, on window.Panorama: T (the interface's words in the page's
// language), root (the way to the page's language folder) and fold.
(function () {
  "use strict";
  var P = window.Panorama = window.Panorama || {};
  // The page gives the interface's words in its language, and the way to
  // its language's folder, which holds the index and the pages it links
  // (the scripts themselves are shared by every language).
  var WORDS = {};
  try { WORDS = JSON.parse(document.body.getAttribute("data-words") || "{}"); } catch { WORDS = {}; }
  P.T = function (s) { return WORDS[s] || s; };
  P.root = document.body.getAttribute("data-root") || "";
  var T = P.T, root = P.root;
  // fold takes accents and ligatures off, so "aenix" finds "Ænix" and
  // "cafe" "café"; the build folds slugs the same way.
  var LIGATURES = { "æ": "ae", "œ": "oe", "ø": "o", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i" };
  function fold(s) {
    return s.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[æœøßđłþðı]/g, function (c) { return LIGATURES[c]; });
  }
  // The directory's filters (filters.js, loaded after this file) fold
  // their text box with the same function.
  P.fold = fold;

  // A project page's badge box, from the badge's address and the Markdown
  // that shows it: a preview, and the snippet to copy. The note on
  // addresses is for a site built without its address, whose snippet
  // holds paths inside it.
  document.querySelectorAll("details[data-badge-md]").forEach(function (d) {
    var md = d.getAttribute("data-badge-md");
    var p = document.createElement("p");
    var img = document.createElement("img");
    img.src = d.getAttribute("data-badge");
    img.alt = "";
    img.height = 20;
    img.loading = "lazy";
    p.appendChild(img);
    var label = document.createElement("label");
    label.htmlFor = "badge-md";
    label.textContent = T("Markdown for the badge") +
      (md.indexOf("://") < 0 ? " (" + T("The addresses are paths inside the published site: put the site's address before them.") + ")" : "");
    var code = document.createElement("textarea");
    code.id = "badge-md";
    code.className = "embed-code";
    code.readOnly = true;
    code.rows = 2;
    code.spellcheck = false;
    code.value = md;
    d.append(p, label, code);
    d.hidden = false;
  });

  // The box is made here, not in every page's HTML: without this script
  // it could not search (a site's own header may still give it whole).
  // A header of the default templates gets it at its end; a site's own
  // header may place an element marked data-search for it.
  var box = document.querySelector("[data-search]");
  if (!box) {
    var header = document.querySelector(".site-header");
    if (!header) return;
    box = document.createElement("div");
    box.className = "search";
    box.setAttribute("data-search", "");
    header.appendChild(box);
  }
  if (!box.querySelector("input")) {
    var label = document.createElement("label");
    label.className = "visually-hidden";
    label.htmlFor = "search-input";
    label.textContent = T("Search the report");
    var field = document.createElement("input");
    field.id = "search-input";
    field.type = "text";
    field.placeholder = T("Search the report (press /)");
    field.autocomplete = "off";
    field.spellcheck = false;
    [["enterkeyhint", "search"], ["role", "combobox"], ["aria-expanded", "false"],
      ["aria-controls", "search-results"], ["aria-autocomplete", "list"]].forEach(function (a) { field.setAttribute(a[0], a[1]); });
    var panel = document.createElement("div");
    panel.id = "search-results";
    panel.className = "search-results";
    panel.setAttribute("role", "listbox");
    panel.setAttribute("aria-label", T("Search results"));
    panel.hidden = true;
    box.append(label, field, panel);
  }
  var input = box.querySelector("input");
  var list = box.querySelector("[role=listbox]");
  box.hidden = false;

  var WEIGHTS = { t: 6, a: 6, h: 4, g: 3, c: 2, s: 2, x: 1 };
  var index = null; // { docs, terms: Map(term -> Map(doc -> weight)), keys: [term] }
  var results = [];
  var active = -1;

  // words are a text's terms: its Latin words and numbers, and, in
  // Chinese, Japanese and Korean, which put no spaces between words, every
  // pair of neighbouring characters (a lone character is a term itself).
  // A query of two characters then matches where they stand together.
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+/g;
  function words(s) {
    var out = [];
    var rest = fold(s).replace(CJK, function (run) {
      if (run.length === 1) out.push(run);
      for (var i = 0; i + 1 < run.length; i++) out.push(run.substr(i, 2));
      return " ";
    });
    rest.split(/[^a-z0-9]+/).forEach(function (w) { if (w) out.push(w); });
    return out;
  }

  // unpack makes the documents of the index's arrays (the generator's
  // SearchIndex says their order): a chapter's passages, then projects,
  // each an object of the fields WEIGHTS names.
  function unpack(data) {
    var docs = [];
    (data.chapters || []).forEach(function (c) {
      c[2].forEach(function (p) {
        docs.push({ k: "c", t: c[0], u: p[1] ? c[1] + "#" + p[1] : c[1], h: p[0], x: p[2] });
      });
    });
    (data.projects || []).forEach(function (p) {
      docs.push({ k: "p", c: data.places[p[0]], t: p[1], u: p[2], x: p[3], s: p[4], g: p[5], a: p[6], r: p[7] });
    });
    return { docs: docs };
  }

  // joined makes one index of the parts, in their order.
  function joined(parts, n) {
    var docs = [];
    for (var k = 0; k < n; k++) docs = docs.concat(unpack(parts[k] || {}).docs);
    return { docs: docs };
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
    var keys = Array.from(terms.keys()).sort();
    var byFirst = new Map();
    keys.forEach(function (k) {
      var b = byFirst.get(k[0]);
      if (!b) byFirst.set(k[0], (b = []));
      b.push(k);
    });
    var names = data.docs.map(function (d) { return d.k === "p" ? " " + words(d.t).join(" ") + " " : ""; });
    // A project's short names (its repository's name, a landscape's slug)
    // as their words, for matching a query whole.
    var aliases = data.docs.map(function (d) { return (d.a || []).map(function (a) { return words(a).join(" "); }); });
    return { docs: data.docs, terms: terms, keys: keys, byFirst: byFirst, names: names, aliases: aliases };
  }

  // firstAtLeast is the index of the first key not below w in sorted keys.
  function firstAtLeast(keys, w) {
    var lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < w) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // panorama serve patched an edit into the page: the index may be out of
  // date, so the next query loads it again.
  document.addEventListener("panorama:patched", function () {
    indexPromise = null;
    index = null;
    window.PANORAMA_SEARCH = window.PANORAMA_SEARCH_HEAD = window.PANORAMA_SEARCH_PARTS = undefined;
    document.querySelectorAll("script[data-search-index]").forEach(function (s) { s.remove(); });
  });

  // loadIndex loads the index once and resolves to it; every query waits
  // on the same promise. A failed load is forgotten, so the next query
  // tries again.
  var indexPromise = null;
  function loadIndex() {
    if (indexPromise) return indexPromise;
    indexPromise = (window.PANORAMA_SEARCH ? Promise.resolve() : script("search-index.js").then(function () {
      var n = (window.PANORAMA_SEARCH_HEAD || {}).parts || 0, loads = [];
      for (var k = 0; k < n; k++) loads.push(script("search-index/" + k + ".js"));
      return Promise.all(loads).then(function () {
        window.PANORAMA_SEARCH = joined(window.PANORAMA_SEARCH_PARTS || {}, n);
      });
    })).then(function () { return build(window.PANORAMA_SEARCH); });
    indexPromise.then(function (built) { index = built; }, function () {
      indexPromise = null;
      show([], T("The search index could not be loaded."));
    });
    return indexPromise;
  }

  // script loads one of the index's scripts, from the language's folder.
  function script(path) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = root + path;
      s.setAttribute("data-search-index", "");
      s.onload = resolve;
      s.onerror = function () { s.remove(); reject(new Error("search index")); };
      document.head.appendChild(s);
    });
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



  // candidates calls f(term, how well it matches q) for the terms q may
  // mean: those it begins (found by binary search in the sorted keys), and
  // for typos those close to it that share its first letter.
  function candidates(q, f) {
    var keys = index.keys;
    for (var i = firstAtLeast(keys, q); i < keys.length && keys[i].lastIndexOf(q, 0) === 0; i++) {
      f(keys[i], keys[i] === q ? 1 : 0.8);
    }
    var max = q.length >= 7 ? 2 : q.length >= 4 ? 1 : 0;
    if (!max) return;
    (index.byFirst.get(q[0]) || []).forEach(function (w) {
      if (w.lastIndexOf(q, 0) === 0 || Math.abs(w.length - q.length) > 12) return;
      var d = prefixDistance(q, w, max);
      if (d <= max) f(w, 0.6 - 0.15 * d);
    });
  }

  // tier ranks a project by its name: 0 the name is the query, 1 one of
  // its short names is, 2 the name begins with it, 3 it holds the query's
  // words as words or word beginnings, 4 the match is elsewhere. Chapters
  // come after projects of tier 3.
  function tier(doc, qs, phrase) {
    var d = index.docs[doc];
    if (d.k !== "p") return 4;
    var name = index.names[doc];
    if (name === " " + phrase + " ") return 0;
    if (index.aliases[doc].indexOf(phrase) >= 0) return 1;
    if (name.lastIndexOf(" " + phrase, 0) === 0) return 2;
    if (name.indexOf(" " + phrase) >= 0) return 3;
    for (var i = 0; i < qs.length; i++) if (name.indexOf(" " + qs[i]) < 0) return 4;
    return 3;
  }

  var pool = [];
  function search(query) {
    var qs = words(query);
    if (!qs.length) return [];
    // One letter says little: it matches names and headings only, which
    // keeps the first keystroke as quick as the others.
    var minWeight = qs.length === 1 && qs[0].length === 1 ? WEIGHTS.h : 0;
    // Scores go into typed arrays kept between keystrokes, with the list of
    // documents each word touched: no map of thousands of entries is made
    // per keystroke for the garbage collector to pause over.
    var n = index.docs.length;
    var perWord = qs.map(function (q, k) {
      if (!pool[k] || pool[k].length !== n) pool[k] = new Float64Array(n);
      var scores = pool[k], touched = [];
      candidates(q, function (w, m) {
        index.terms.get(w).forEach(function (weight, doc) {
          if (weight < minWeight) return;
          var s = m * weight;
          if (scores[doc] === 0) touched.push(doc);
          if (scores[doc] < s) scores[doc] = s;
        });
      });
      return { scores: scores, touched: touched };
    });
    var phrase = qs.join(" ");
    // One number orders the results: tier, then score, then rank (featured
    // and mature projects first among equal matches), then shorter titles,
    // then index order; sorting numbers keeps a keystroke that matches
    // thousands of documents quick.
    var keys = [], M = Math.pow(10, String(index.docs.length).length);
    perWord[0].touched.forEach(function (doc) {
      var sum = perWord[0].scores[doc];
      for (var k = 1; k < perWord.length; k++) {
        var o = perWord[k].scores[doc];
        if (!o) return;
        sum += o;
      }
      var byScore = Math.max(0, 9999 - Math.round(sum * 10));
      var len = Math.min(index.docs[doc].t.length, 9999);
      var rank = 8 - Math.max(-1, Math.min(8, index.docs[doc].r || 0));
      keys.push((((tier(doc, qs, phrase) * 10000 + byScore) * 10 + rank) * 10000 + len) * M + doc);
    });
    perWord.forEach(function (p) { p.touched.forEach(function (doc) { p.scores[doc] = 0; }); });
    // A typed array sorts numbers natively, without calling back per pair.
    var sorted = Float64Array.from(keys).sort(), found = new Array(sorted.length);
    for (var i = 0; i < sorted.length; i++) found[i] = index.docs[sorted[i] % M];
    return found;
  }

  // Panorama.search(query) resolves to the titles of what the box would
  // list for the query, best first: for other scripts, and for tests that
  // hold the ranking to lists of queries.
  P.search = function (query) {
    return loadIndex().then(function () { return search(query).map(function (d) { return d.t; }); });
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // show lists the results by group, each group's first few, with the
  // total and a button that lists more of them.
  var SHOWN = { p: 8, c: 6 }, MORE = 50;
  var lastFound = [], limits = {};
  function show(found, message, keep) {
    if (!keep) limits = { p: SHOWN.p, c: SHOWN.c };
    lastFound = found;
    list.textContent = "";
    results = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    var groups = [["p", "Projects"], ["c", "Chapters"]]; // labels through T
    groups.forEach(function (g) {
      var all = found.filter(function (d) { return d.k === g[0]; });
      if (!all.length) return;
      var docs = all.slice(0, limits[g[0]]);
      var group = el("div", "search-group");
      group.setAttribute("role", "group");
      var label = el("div", "search-group-label", T(g[1]) + " · " + T("%d found").replace("%d", all.length));
      label.setAttribute("data-group", g[1]);
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
        var detail = d.k === "p" ? d.c + (d.s ? " · " + d.s : "") : (d.x || "").slice(0, 140);
        opt.appendChild(el("span", "search-detail", detail));
        group.appendChild(opt);
        results.push(opt);
      });
      if (all.length > docs.length) {
        var more = el("button", "search-more", T("Show %d more of %d").replace("%d", Math.min(MORE, all.length - docs.length)).replace("%d", all.length));
        more.type = "button";
        more.id = "search-result-" + results.length;
        more.setAttribute("role", "option");
        more.setAttribute("aria-selected", "false");
        more.tabIndex = -1;
        more.setAttribute("data-more", g[0]);
        group.appendChild(more);
        results.push(more);
      }
      list.appendChild(group);
    });
    if (!results.length) {
      var none = el("div", "search-none", message || T("Nothing found."));
      none.setAttribute("role", "presentation");
      list.appendChild(none);
    }
    open(true);
  }

  // showMore lists MORE further results of a group and keeps the
  // keyboard's place on the first of them.
  function showMore(kind) {
    var before = lastFound.filter(function (d) { return d.k === kind; }).slice(0, limits[kind]).length;
    limits[kind] += MORE;
    show(lastFound, "", true);
    var first = list.querySelectorAll("#search-group-" + kind + " ~ .search-result")[before];
    if (first) select(results.indexOf(first));
    input.focus();
  }
  list.addEventListener("mousedown", function (e) {
    var b = e.target.closest("[data-more]");
    if (b) { e.preventDefault(); showMore(b.getAttribute("data-more")); }
  });

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
    if (index) return show(search(q)); // loaded: at once, in this keystroke
    loadIndex().then(function () {
      if (input.value === q) show(search(q)); // only the newest query shows
    }, function () {});
  }

  input.addEventListener("focus", function () { loadIndex().catch(function () {}); });
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
        if (target.hasAttribute("data-more")) showMore(target.getAttribute("data-more"));
        else location.href = target.href;
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
