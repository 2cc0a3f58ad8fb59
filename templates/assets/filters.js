// Panorama project directory filters. Each facet (layer, section, tag,
// token, and the fields a site marks filterable) takes several values; a
// card shows when it has one of the chosen values of every facet and the
// text matches. Each value shows how many projects it would show under the
// other facets' choices, and values that would show none are hidden (unless
// chosen). The state lives in the address (#section=compute&section=data)
// so a filtered view can be shared and survives a reload. Without
// JavaScript the form stays hidden and the full list shows.
//
// The directory lists a project once per section it is in, so a card
// stands for a project in a place: its group gives the section and layer,
// the card the project's own values. Counts are of projects, not cards.
(function () {
  "use strict";
  // The page gives the interface's words in its language.
  var T = window.Panorama.T; // search.js, loaded first on every page
  var form = document.getElementById("filters");
  if (!form) return;
  var status = document.getElementById("filter-status");
  var none = document.getElementById("no-match");
  var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (d) {
    return {
      name: d.getAttribute("data-facet"),
      el: d,
      chosenLabel: d.querySelector(".facet-chosen"),
      boxes: Array.prototype.slice.call(d.querySelectorAll("input[type=checkbox]"))
    };
  });
  var names = ["q"].concat(facets.map(function (f) { return f.name; }));
  var cards = [], groups = [], projects = 0;
  form.hidden = false;

  var fold = window.Panorama.fold; // search.js, loaded first on every page
  function parse(json, fallback) {
    try { return JSON.parse(json) || fallback; } catch { return fallback; }
  }

  // Each project's values and sort keys, by slug: [values by facet, sort
  // keys]. The values come from map-facets.js (the map's filter reads it
  // too, and the page loads it before this script) but the layer and
  // section, which a card's group gives; the sort keys from the page
  // (FilterData).
  var data = {};
  (function () {
    var F = window.PANORAMA_FACETS || { f: [], p: {} };
    Object.keys(F.p).forEach(function (slug) {
      var values = {};
      F.f.forEach(function (f, i) {
        if (f.id === "layer" || f.id === "section") return;
        values[f.id] = F.p[slug][i].map(function (k) { return f.v[k][0]; });
      });
      data[slug] = [values, {}];
    });
    var keys = parse((document.getElementById("filter-data") || {}).textContent, {});
    Object.keys(keys).forEach(function (key) {
      Object.keys(keys[key]).forEach(function (slug) {
        if (data[slug]) data[slug][1][key] = keys[key][slug];
      });
    });
  })();

  // collect reads the cards once, into plain records kept beside the DOM.
  function collect() {
    cards = [];
    var slugs = new Map();
    groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]")).map(function (g) {
      return { el: g, count: g.querySelector("[data-count]"), sectionGroup: g.hasAttribute("data-section") };
    });
    document.querySelectorAll("[data-group][data-section]").forEach(function (g) {
      var section = g.getAttribute("data-section"), layer = g.getAttribute("data-layer");
      g.querySelectorAll(".card[data-slug]").forEach(function (c) {
        var slug = c.getAttribute("data-slug");
        if (!slugs.has(slug)) slugs.set(slug, slugs.size);
        var d = data[slug] || [];
        var values = Object.assign({}, d[0]);
        values.layer = [layer];
        values.section = [section];
        cards.push({ el: c, group: g, project: slugs.get(slug), text: fold(c.textContent), values: values, shown: !c.hidden,
          dates: d[1] || {}, order: cards.length });
      });
    });
    projects = slugs.size;
  }

  function chosen() {
    var s = { q: fold(form.elements.q.value.trim()) };
    facets.forEach(function (f) {
      s[f.name] = f.boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    });
    return s;
  }

  function has(values, want) {
    if (!want.length) return true;
    for (var i = 0; i < values.length; i++) if (want.indexOf(values[i]) >= 0) return true;
    return false;
  }

  function apply() {
    var s = chosen();
    var n = facets.length;
    // counts[f]: value -> Set of projects that the other facets let through.
    var counts = facets.map(function () { return new Map(); });
    var shownProjects = new Set();
    var groupProjects = new Map();
    cards.forEach(function (c) {
      var fails = 0, failed = -1;
      if (s.q && c.text.indexOf(s.q) < 0) fails = 2; // text failing hides the card from every count
      for (var i = 0; i < n && fails < 2; i++) {
        if (!has(c.values[facets[i].name] || [], s[facets[i].name])) { fails++; failed = i; }
      }
      if (fails < 2) {
        for (var k = 0; k < n; k++) {
          if (fails === 1 && k !== failed) continue;
          var vs = c.values[facets[k].name] || [];
          for (var j = 0; j < vs.length; j++) {
            var m = counts[k].get(vs[j]);
            if (!m) counts[k].set(vs[j], (m = new Set()));
            m.add(c.project);
          }
        }
      }
      var ok = fails === 0;
      if (ok !== c.shown) { c.el.hidden = !ok; c.shown = ok; }
      if (ok) {
        shownProjects.add(c.project);
        var gp = groupProjects.get(c.group);
        if (!gp) groupProjects.set(c.group, (gp = new Set()));
        gp.add(c.project);
      }
    });
    facets.forEach(function (f, i) {
      f.boxes.forEach(function (b) {
        var m = counts[i].get(b.value);
        var k = m ? m.size : 0;
        var label = b.parentNode;
        label.hidden = k === 0 && !b.checked;
        label.querySelector(".facet-n").textContent = "(" + k + ")";
      });
      var picked = s[f.name].length;
      f.chosenLabel.textContent = picked ? " · " + picked + " chosen" : "";
    });
    // Layer blocks hold section groups: count their shown projects.
    groups.forEach(function (g) {
      var k;
      if (g.sectionGroup) {
        var gp = groupProjects.get(g.el);
        k = gp ? gp.size : 0;
      } else {
        var inLayer = new Set();
        g.el.querySelectorAll("[data-group][data-section]").forEach(function (sg) {
          var gp = groupProjects.get(sg);
          if (gp) gp.forEach(function (p) { inLayer.add(p); });
        });
        k = inLayer.size;
      }
      g.el.hidden = k === 0;
      if (g.count && g.count.textContent !== String(k)) g.count.textContent = String(k);
    });
    none.hidden = shownProjects.size > 0;
    var filtered = names.some(function (nm) { return s[nm] && s[nm].length; });
    status.textContent = filtered ? T("Showing %d of %d projects.").replace("%d", shownProjects.size).replace("%d", projects) : "";
    return s;
  }

  function save() {
    var p = new URLSearchParams();
    var q = form.elements.q.value.trim();
    if (q) p.append("q", q);
    facets.forEach(function (f) {
      f.boxes.forEach(function (b) { if (b.checked) p.append(f.name, b.value); });
    });
    if (sortBox && sortBox.value) p.append("sort", sortBox.value);
    var hash = p.toString() ? "#" + p.toString() : "";
    if (location.hash !== hash) {
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
  }

  // read sets the form from the address; fragments that are plain anchors
  // (#s-compute) are left to the browser.
  function read() {
    var h = location.hash.slice(1);
    if (h.indexOf("=") < 0) return false;
    var p = new URLSearchParams(h);
    form.elements.q.value = p.get("q") || "";
    facets.forEach(function (f) {
      var want = p.getAll(f.name);
      f.boxes.forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
    });
    if (sortBox) sortBox.value = p.get("sort") || "";
    return true;
  }

  // sort orders each section's cards by a date, newest first (those
  // without it last, by name), or by name, as the page lists them.
  var sortBox = form.elements.sort;
  function sort() {
    var key = sortBox ? sortBox.value : "";
    var lists = new Map();
    cards.forEach(function (c) {
      var ul = c.el.parentNode;
      if (!lists.has(ul)) lists.set(ul, []);
      lists.get(ul).push(c);
    });
    lists.forEach(function (cs, ul) {
      var sorted = cs.slice().sort(function (a, b) {
        var da = key ? a.dates[key] || "" : "", db = key ? b.dates[key] || "" : "";
        if (da !== db) return da < db ? 1 : -1;
        return a.order - b.order;
      });
      // Cards already in that order are left as the page served them, so
      // panorama serve can still patch the page in place.
      var now = Array.prototype.filter.call(ul.children, function (el) { return el.classList.contains("card"); });
      if (sorted.every(function (c, i) { return now[i] === c.el; })) return;
      sorted.forEach(function (c) { ul.appendChild(c.el); });
    });
  }

  function update() { apply(); save(); }
  form.addEventListener("input", function (e) { if (e.target === sortBox) sort(); update(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { sort(); update(); }, 0); });
  window.addEventListener("hashchange", function () { if (read()) { sort(); apply(); } });
  // panorama serve patched an edit into the page: read the cards again.
  document.addEventListener("panorama:patched", function () { collect(); apply(); });
  // Facets open one at a time, like menus, and close on Escape or a
  // click elsewhere; a closed facet's summary says how many it chose.
  facets.forEach(function (f) {
    f.el.addEventListener("toggle", function () {
      if (f.el.open) facets.forEach(function (o) { if (o !== f) o.el.open = false; });
    });
  });
  document.addEventListener("click", function (e) {
    if (!e.target.closest || !e.target.closest("[data-facet]")) facets.forEach(function (f) { f.el.open = false; });
  });
  form.addEventListener("keydown", function (e) {
    var open = e.key === "Escape" && e.target.closest && e.target.closest("[data-facet]");
    if (open && open.open) {
      open.open = false;
      open.querySelector("summary").focus();
    }
  });
  collect();
  read();
  sort();
  apply();
})();
