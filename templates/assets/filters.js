// Panorama project directory filters: by layer, section, tag, token and
// text. The state lives in the URL fragment (#layer=…&tag=…) so a filtered
// view can be shared and survives a reload. Without JavaScript the form
// stays hidden and the full list shows.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var cards, groups;
  var status = document.getElementById("filter-status");
  var none = document.getElementById("no-match");
  var names = ["q", "layer", "section", "tag", "token"];
  form.hidden = false;

  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  // collect reads the cards once, for filtering as the reader types.
  function collect() {
    cards = Array.prototype.slice.call(document.querySelectorAll(".card[data-layer]"));
    groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]"));
    cards.forEach(function (c) {
      c._text = fold(c.textContent);
      try { c._tags = JSON.parse(c.dataset.tags) || []; } catch (e) { c._tags = []; }
    });
  }
  collect();

  function state() {
    var s = {};
    names.forEach(function (n) { s[n] = form.elements[n].value; });
    return s;
  }

  function apply() {
    var s = state();
    // Sections of other layers are not offered once a layer is chosen.
    Array.prototype.forEach.call(form.elements.section.options, function (o) {
      o.hidden = !!(s.layer && o.dataset.layer && o.dataset.layer !== s.layer);
    });
    var q = fold(s.q.trim());
    var shown = 0;
    cards.forEach(function (c) {
      var ok = (!s.layer || c.dataset.layer === s.layer) &&
        (!s.section || c.dataset.section === s.section) &&
        (!s.tag || c._tags.indexOf(s.tag) >= 0) &&
        (!s.token || c.dataset.token === s.token) &&
        (!q || c._text.indexOf(q) >= 0);
      c.hidden = !ok;
      if (ok) shown++;
    });
    groups.slice().reverse().forEach(function (g) {
      g.hidden = !g.querySelector(".card:not([hidden])");
    });
    none.hidden = shown > 0;
    var filtered = names.some(function (n) { return s[n]; });
    status.textContent = filtered ? "Showing " + shown + " of " + cards.length + " projects." : "";
    return s;
  }

  function save(s) {
    var parts = [];
    names.forEach(function (n) {
      if (s[n]) parts.push(n + "=" + encodeURIComponent(s[n]));
    });
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (location.hash !== hash) {
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
  }

  // read sets the form from the fragment; fragments that are plain anchors
  // (#s-compute) are left to the browser.
  function read() {
    var h = location.hash.slice(1);
    if (h.indexOf("=") < 0) return false;
    var s = {};
    h.split("&").forEach(function (p) {
      var kv = p.split("=");
      try { s[kv[0]] = decodeURIComponent(kv[1] || ""); } catch (e) { /* ignore a bad part */ }
    });
    names.forEach(function (n) {
      var el = form.elements[n];
      var v = s[n] || "";
      if (el.tagName === "SELECT" && v && !el.querySelector('option[value="' + CSS.escape(v) + '"]')) v = "";
      el.value = v;
    });
    return true;
  }

  form.addEventListener("input", function () { save(apply()); });
  form.addEventListener("change", function () { save(apply()); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { save(apply()); }, 0);
  });
  window.addEventListener("hashchange", function () { if (read()) apply(); });
  // panorama serve patched an edit into the page: read the cards again.
  document.addEventListener("panorama:patched", function () { collect(); apply(); });
  read();
  apply();
})();
