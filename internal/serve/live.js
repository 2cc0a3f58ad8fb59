// panorama serve: show each rebuild in the open page.
//
// After a rebuild that changed only content, the page fetches itself again
// and applies the differences between the page as it was served and as it
// is served now to the open page, in place: the scroll position, focus and
// whatever the page's scripts set up stay, and the edit shows within a few
// milliseconds. Whatever cannot be patched safely reloads the page instead:
// a rebuild after a change of templates or static files (a stylesheet or
// script may differ with no change in the page), a changed <script>, or a
// part of the page that a script has changed since it was served. After a
// patch the document gets a "panorama:patched" event, for scripts that
// keep data they read from the page.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) return;
  var version = Number(me.getAttribute("data-version"));
  // The version differs in every build; taken off here and from each
  // fetched copy, it does not count as a difference.
  me.removeAttribute("data-version");
  var served = null; // the page as served for version, parsed
  var latest = null; // the newest build announced: [version, last reload]
  var busy = false;

  function reload() {
    events.close();
    location.reload();
  }

  // fetchPage gets the open page again with the build it comes from.
  function fetchPage() {
    return fetch(location.href, { cache: "no-store" }).then(function (res) {
      return res.text().then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        var live = doc.querySelector("script[data-version]");
        if (live) live.removeAttribute("data-version");
        return { version: Number(res.headers.get("X-Panorama-Version")), doc: doc };
      });
    });
  }

  function update() {
    if (busy || !latest || latest[0] === version) return;
    if (!served || latest[1] > version) return reload();
    busy = true;
    fetchPage().then(function (page) {
      if (page.version < latest[0] || !patch(served.documentElement, page.doc.documentElement, document.documentElement)) {
        return reload();
      }
      served = page.doc;
      version = page.version;
      busy = false;
      document.dispatchEvent(new Event("panorama:patched"));
      update(); // a build that came in meanwhile
    }, reload);
  }

  function same(live, old) {
    return live && live.nodeType === old.nodeType && live.nodeName === old.nodeName;
  }

  function hasScript(node) {
    return node.nodeName === "SCRIPT" || (node.nodeType === 1 && node.querySelector("script") !== null);
  }

  // replace puts copies of next in place of the live nodes, which must
  // still be exactly as served (old). It refuses to add scripts, which
  // would not run.
  function replace(parent, live, old, next, before) {
    for (var i = 0; i < old.length; i++) {
      if (!live[i].isEqualNode(old[i])) return false;
    }
    if (next.some(hasScript)) return false;
    next.forEach(function (n) {
      parent.insertBefore(document.importNode(n, true), before);
    });
    live.forEach(function (n) {
      parent.removeChild(n);
    });
    return true;
  }

  // patch makes live, which was served as old, look as next. It returns
  // false when it cannot; the page is then reloaded.
  function patch(old, next, live) {
    if (old.isEqualNode(next)) return true;
    if (!same(live, old)) return false;
    if (old.nodeType !== 1 || old.nodeName !== next.nodeName || old.nodeName === "SCRIPT") {
      return replace(live.parentNode, [live], [old], [next], live.nextSibling);
    }
    var names = {};
    [old, next].forEach(function (el) {
      for (var i = 0; i < el.attributes.length; i++) names[el.attributes[i].name] = true;
    });
    for (var name in names) {
      var was = old.getAttribute(name), now = next.getAttribute(name);
      if (was === now) continue;
      if (live.getAttribute(name) !== was) return false;
      if (now === null) live.removeAttribute(name);
      else live.setAttribute(name, now);
    }
    var o = Array.prototype.slice.call(old.childNodes);
    var n = Array.prototype.slice.call(next.childNodes);
    var l = Array.prototype.slice.call(live.childNodes);
    if (l.length !== o.length) return false;
    // Unchanged children at both ends stay; those between are patched
    // one by one or, when their number changed, replaced.
    var pre = 0, suf = 0, min = Math.min(o.length, n.length);
    while (pre < min && o[pre].isEqualNode(n[pre])) pre++;
    while (suf < min - pre && o[o.length - 1 - suf].isEqualNode(n[n.length - 1 - suf])) suf++;
    var om = o.slice(pre, o.length - suf), nm = n.slice(pre, n.length - suf), lm = l.slice(pre, l.length - suf);
    if (om.length !== nm.length) {
      return replace(live, lm, om, nm, l[l.length - suf] || null);
    }
    for (var i = 0; i < om.length; i++) {
      if (!patch(om[i], nm[i], lm[i])) return false;
    }
    return true;
  }

  var events = new EventSource(me.getAttribute("data-events"));
  events.addEventListener("version", function (e) {
    latest = e.data.split(" ").map(Number);
    update();
  });
  fetchPage().then(function (page) {
    if (page.version === version) served = page.doc;
    update();
  }, function () {});
})();
