// Panorama map filter: the directory's facets over the map. Choosing
// values hides the tiles of the projects that have none of them (in every
// facet with a choice), re-counts the sections and layers, and keeps the
// choice in the address (#section=compute&tag=gpu, as the directory
// does). The facets and each project's values come from map-facets.js,
// loaded when the filter is first opened (or when the address holds a
// choice). Without JavaScript the filter stays hidden and every tile shows.
(function () {
  "use strict";
  var P = window.Panorama; // search.js, loaded first on every page
  var T = P.T;
  var box = document.querySelector("[data-map-filter]");
  if (!box) return;
  var holder = box.querySelector("[data-map-facets]");
  var status = document.querySelector("[data-map-status]");
  var chosenLabel = box.querySelector(".facet-chosen");
  var data = null, loading = null, facets = [], tiles = [];
  box.hidden = false;
  status.hidden = false; // a live region, present before it speaks; empty, it takes no room (style.css)

  // load reads map-facets.js once, as a script so that file:// works.
  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = P.root + "map-facets.js";
      s.onload = function () { data = window.PANORAMA_FACETS; build(); resolve(); };
      s.onerror = reject;
      document.head.appendChild(s);
    });
    return loading;
  }

  // slugOf reads a tile's project from its link (projects/SLUG.html).
  function slugOf(a) {
    var m = /(?:^|\/)projects\/([^/]+)\.html$/.exec(a.getAttribute("href") || "");
    return m ? decodeURIComponent(m[1]) : null;
  }

  function build() {
    if (P.allTiles) P.allTiles(); // a large map's lists written for later (logos.js)
    tiles = [];
    document.querySelectorAll(".landscape .box").forEach(function (sec) {
      sec.querySelectorAll("a.tile").forEach(function (a) {
        var slug = slugOf(a);
        if (slug && data.p[slug]) tiles.push({ li: a.closest("li"), box: sec, band: sec.closest(".band"), slug: slug, values: data.p[slug] });
      });
    });
    facets = data.f.map(function (f, i) {
      var d = document.createElement("fieldset");
      d.className = "map-facet";
      var legend = document.createElement("legend");
      legend.textContent = f.label;
      d.appendChild(legend);
      var boxes = f.v.map(function (v, k) {
        var label = document.createElement("label");
        var input = document.createElement("input");
        input.type = "checkbox";
        input.name = f.id;
        input.value = v[0];
        input.dataset.k = k;
        var name = document.createElement("span");
        name.className = "facet-name";
        name.textContent = v[1];
        var n = document.createElement("span");
        n.className = "facet-n";
        label.append(input, " ", name, " ", n);
        d.appendChild(label);
        return input;
      });
      holder.appendChild(d);
      return { id: f.id, i: i, el: d, boxes: boxes };
    });
    read();
    apply();
  }

  function chosen() {
    return facets.map(function (f) {
      return f.boxes.filter(function (b) { return b.checked; }).map(function (b) { return Number(b.dataset.k); });
    });
  }

  function has(values, want) {
    if (!want.length) return true;
    for (var i = 0; i < values.length; i++) if (want.indexOf(values[i]) >= 0) return true;
    return false;
  }

  function apply() {
    var want = chosen();
    var counts = facets.map(function () { return new Map(); });
    var shown = new Set(), all = new Set(), perBox = new Map(), perBand = new Map();
    tiles.forEach(function (t) {
      all.add(t.slug);
      var fails = 0, failed = -1;
      for (var i = 0; i < facets.length && fails < 2; i++) {
        if (!has(t.values[i], want[i])) { fails++; failed = i; }
      }
      // A value's count is of the projects the other facets let through.
      if (fails < 2) {
        facets.forEach(function (f, k) {
          if (fails === 1 && k !== failed) return;
          t.values[k].forEach(function (v) {
            var m = counts[k].get(v);
            if (!m) counts[k].set(v, (m = new Set()));
            m.add(t.slug);
          });
        });
      }
      var ok = fails === 0;
      if (t.li.hidden === ok) t.li.hidden = !ok;
      if (ok) {
        shown.add(t.slug);
        perBox.set(t.box, (perBox.get(t.box) || 0) + 1);
        if (!perBand.has(t.band)) perBand.set(t.band, new Set());
        perBand.get(t.band).add(t.slug);
      }
    });
    document.querySelectorAll(".landscape .box").forEach(function (b) {
      var n = perBox.get(b) || 0;
      b.hidden = n === 0;
      // A box as wide as its shown tiles need, as the build sizes it.
      if (!b.dataset.w) b.dataset.w = b.style.getPropertyValue("--w");
      var w = Math.min(Number(b.dataset.w) || 12, Math.max(1, Math.ceil(Math.sqrt(n * 1.5))));
      b.style.setProperty("--w", String(w));
      var c = b.querySelector("h4 .count");
      if (c) c.textContent = String(n);
    });
    document.querySelectorAll(".landscape .band").forEach(function (b) {
      var n = perBand.has(b) ? perBand.get(b).size : 0;
      b.hidden = n === 0;
      var c = b.querySelector(".band-title .count");
      if (c) c.textContent = String(n);
    });
    var picked = 0;
    facets.forEach(function (f, i) {
      picked += want[i].length;
      var any = false;
      f.boxes.forEach(function (b) {
        var m = counts[i].get(Number(b.dataset.k));
        var k = m ? m.size : 0;
        b.parentNode.hidden = k === 0 && !b.checked;
        any = any || !b.parentNode.hidden;
        b.parentNode.querySelector(".facet-n").textContent = "(" + k + ")";
      });
      f.el.hidden = !any; // a facet none of the shown projects has
    });
    chosenLabel.textContent = picked ? " · " + picked + " chosen" : "";
    status.textContent = picked ? T("Showing %d of %d projects.").replace("%d", shown.size).replace("%d", all.size) : "";
  }

  function save() {
    var p = new URLSearchParams();
    facets.forEach(function (f) {
      f.boxes.forEach(function (b) { if (b.checked) p.append(f.id, b.value); });
    });
    var hash = p.toString() ? "#" + p.toString() : "";
    if (location.hash !== hash) history.replaceState(null, "", hash || location.pathname + location.search);
  }

  // read sets the boxes from the address; plain anchors (#map) are left
  // to the browser.
  function read() {
    var h = location.hash.slice(1);
    if (h.indexOf("=") < 0) return false;
    var p = new URLSearchParams(h);
    facets.forEach(function (f) {
      var want = p.getAll(f.id);
      f.boxes.forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
    });
    return true;
  }

  box.addEventListener("toggle", function () { if (box.open) load().catch(function () {}); });
  holder.addEventListener("input", function () { apply(); save(); });
  box.querySelector("[data-map-reset]").addEventListener("click", function () {
    facets.forEach(function (f) { f.boxes.forEach(function (b) { b.checked = false; }); });
    apply();
    save();
  });
  window.addEventListener("hashchange", function () { if (data && read()) apply(); });
  // A shared address with a choice filters the map as soon as it opens.
  if (location.hash.indexOf("=") >= 0) load().catch(function () {});
})();
