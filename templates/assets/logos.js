// The logos of the map's tiles and of the directory's cards, and the
// lists of tiles of a large map. Each logo is written inside <noscript>:
// without script the browser shows it as it is; with script the parser
// takes it for text, and this script puts the logos in as they near the
// screen, a few at a time: those of a list of tiles together, a card's on
// its own. Parsed as images, every logo of a page of thousands was a
// request the browser made in the parser's task: seconds of a phone's
// time before the page answered. Past its first screen, a large map
// writes each section's whole list so (<noscript data-tiles>, its logos
// plain images; a huge first section, the rest of its list): a list is
// put in as it nears the screen, the nearest first, and the rest a few
// at a time while the page is idle, so that find-in-page and assistive
// technology come to see every tile.
(function () {
  "use strict";
  var BATCH = 16; // logos put in per task: each is a request to start
  var LOGOS = ".tile > noscript, .card > h3 > noscript, .tile > img[data-src]";
  var wanted = []; // lists of tiles and cards whose logos are wanted
  var queued = false;

  // show puts one logo in: the markup the page wrote inside the
  // noscript, which the parser kept as its text, or the address a list
  // put in later held back (putList).
  function show(ns) {
    if (ns.tagName === "IMG") {
      ns.src = ns.getAttribute("data-src");
      ns.removeAttribute("data-src");
      return;
    }
    var t = document.createElement("template");
    t.innerHTML = markup(ns);
    ns.replaceWith(t.content);
  }

  // markup is what a <noscript> holds: as the page's parser kept it, its
  // text; as panorama serve patches it in (parsed without script), its
  // elements. innerHTML gives either as markup.
  function markup(ns) {
    return ns.innerHTML;
  }

  // nearest is the index of the item whose box (boxOf) is nearest the
  // screen, one no longer in the page counting as on it: a reader who
  // jumps down the page sees those logos and lists first.
  function nearest(items, boxOf) {
    var best = 0, far = Infinity;
    for (var i = 0; i < items.length && far > 0; i++) {
      var box = boxOf(items[i]);
      var r = box ? box.getBoundingClientRect() : null;
      var d = !r ? 0 : r.bottom < 0 ? -r.bottom : Math.max(0, r.top - innerHeight);
      if (d < far) {
        best = i;
        far = d;
      }
    }
    return best;
  }
  function itself(el) { return el; }
  function parent(el) { return el.parentNode; }

  // The logos of the list being done not yet put in, those nearest the
  // middle of the screen first: in a list of hundreds, a reader who
  // jumped into its middle sees those first. Scrolling sorts them again.
  var queue = [];
  window.addEventListener("scroll", function () { queue = []; }, { passive: true });

  function byNearness(nodes) {
    var mid = innerHeight / 2;
    return [].slice.call(nodes).map(function (el) {
      var r = el.parentNode.getBoundingClientRect(); // a <noscript> has no box of its own
      return { d: Math.abs(r.top + r.height / 2 - mid), el: el };
    }).sort(function (a, b) { return a.d - b.d; }).map(function (x) { return x.el; });
  }

  function step() {
    queued = false;
    for (var n = 0; n < BATCH; ) {
      if (!queue.length) {
        // One list at a time: finding the nearest after each logo put in
        // would lay the page out again each time.
        if (!wanted.length) break;
        var i = nearest(wanted, itself);
        var pending = wanted[i].querySelectorAll(LOGOS);
        if (!pending.length) {
          wanted.splice(i, 1);
          continue;
        }
        queue = byNearness(pending);
      }
      var el = queue.shift();
      if (el.isConnected && (el.tagName !== "IMG" || el.hasAttribute("data-src"))) {
        show(el);
        n++;
      }
    }
    if (wanted.length) later();
  }

  // later runs the next step in a task of its own a frame later: the
  // browser starts the requests of the logos put in together, in a task
  // of their own, and on a slow phone a few dozen make it long.
  function later() {
    if (queued) return;
    queued = true;
    byFrame(step);
  }

  // Whatever changes the map's lists runs a piece a frame, in a task of
  // its own after the browser drew what the last piece put in: two
  // pieces between frames were drawn in one long task, and a piece that
  // asked where boxes are made the browser lay out the other's tiles.
  var pieces = [], pumping = false;
  function byFrame(fn, first) {
    if (first) pieces.unshift(fn);
    else pieces.push(fn);
    if (!pumping) {
      pumping = true;
      afterFrame(pump);
    }
  }
  function pump() {
    var fn = pieces.shift();
    if (fn) fn();
    if (pieces.length) afterFrame(pump);
    else pumping = false;
  }

  // afterFrame runs fn in a task of its own once the browser has had a
  // frame to draw.
  function afterFrame(fn) {
    if ("requestAnimationFrame" in window) requestAnimationFrame(function () { setTimeout(fn, 0); });
    else setTimeout(fn, 16);
  }

  function want(list) {
    wanted.push(list);
    later();
  }

  // fit gives each box of a map the height its list of tiles will take
  // (--box-h, inside its padding) from the width the box has. style.css
  // estimates it from the tiles the build meant a row to hold, but a box
  // grows to fill its row; a box that shrank as its list came in moved
  // those below onto the screen, and the browser drew all their tiles in
  // one long task. The heights are rules of a sheet of the script's own,
  // not the boxes' style attributes: panorama serve patches an edit into
  // the page only where it is as served.
  // (An older browser keeps style.css's estimate.)
  var rules = "", fits = 0;
  var sheet = "adoptedStyleSheets" in document && window.CSSStyleSheet && "replaceSync" in CSSStyleSheet.prototype ? new CSSStyleSheet() : null;
  if (sheet) document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
  function fit() {
    if (!sheet) return;
    var next = [];
    document.querySelectorAll(".landscape").forEach(function (land) {
      var boxes = land.querySelectorAll(".box");
      if (!boxes.length) return;
      // The sizes style.css gives, as this screen and zoom resolve them.
      var probe = document.createElement("div");
      probe.style.cssText = "position:absolute;visibility:hidden;width:var(--tile);height:var(--tile-h);margin-left:var(--gap);margin-top:var(--box-head)";
      land.appendChild(probe);
      var ps = getComputedStyle(probe);
      var tile = parseFloat(ps.width), tileH = parseFloat(ps.height), gap = parseFloat(ps.marginLeft), head = parseFloat(ps.marginTop);
      probe.remove();
      // A box's heading and edges as a list the page wrote out shows them
      // (above the list; a box is as high as the highest of its row).
      var bs = getComputedStyle(boxes[0]);
      var shown = [].find.call(land.querySelectorAll(".box > ul.tiles"), function (u) { return drawn(u.parentNode); });
      if (shown) head = shown.getBoundingClientRect().top - shown.parentNode.getBoundingClientRect().top - parseFloat(bs.paddingTop) - parseFloat(bs.borderTopWidth);
      var sides = parseFloat(bs.paddingLeft) + parseFloat(bs.paddingRight) + parseFloat(bs.borderLeftWidth) + parseFloat(bs.borderRightWidth);
      boxes.forEach(function (b) {
        var w = b.getBoundingClientRect().width - sides;
        if (w <= 0 || !(tile > 0)) return; // hidden by the map's filter
        var n = parseFloat(b.style.getPropertyValue("--n")) || 0;
        var rows = Math.ceil(n / Math.max(1, Math.floor((w + gap) / (tile + gap) + 1e-6)));
        var h = (head + rows * (tileH + gap) - (rows ? gap : 0)).toFixed(1) + "px";
        if (b.dataset.section) next.push('.landscape .box[data-section="' + CSS.escape(b.dataset.section) + '"] { --box-h: ' + h + "; }");
      });
    });
    var text = next.join("\n");
    if (text === rules) return;
    sheet.replaceSync((rules = text));
    // A box without its list drawn for a frame at its new height (see
    // style.css): the browser forgets the one it remembered.
    // (Only the last fit's frames end it.)
    var maps = document.querySelectorAll(".landscape"), mine = ++fits;
    maps.forEach(function (l) { l.classList.add("refit"); });
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        if (mine === fits) maps.forEach(function (l) { l.classList.remove("refit"); });
      });
    });
  }
  byFrame(fit);
  // Again when a box's width or the map's zoom changes.
  var fitting = false;
  function refit() {
    if (fitting) return;
    fitting = true;
    byFrame(function () { fitting = false; fit(); }, true);
  }
  if ("ResizeObserver" in window) {
    var widths = new WeakMap();
    var ro = new ResizeObserver(function (entries) {
      entries.forEach(function (e) {
        var was = widths.get(e.target), w = e.contentRect.width;
        widths.set(e.target, w);
        if (was !== undefined && Math.abs(was - w) > 0.5) refit();
      });
    });
    document.querySelectorAll(".landscape .box").forEach(function (b) { ro.observe(b); });
  }
  if ("MutationObserver" in window) {
    var mo = new MutationObserver(refit);
    document.querySelectorAll(".map").forEach(function (m) { mo.observe(m, { attributes: true, attributeFilter: ["data-zoom"] }); });
  }

  // A card is watched on its own: the directory's filters hide cards,
  // and a list of thousands is always near the screen.
  var watch = want;
  if ("IntersectionObserver" in window) {
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) {
          io.unobserve(e.target);
          want(e.target);
        }
      });
    }, { rootMargin: "100% 0px" });
    watch = function (l) { io.observe(l); };
  }
  document.querySelectorAll(".tiles, .cards > .card").forEach(function (l) { watch(l); });
  // The lists written for later, each put in whole, one a task.
  var waiting = [].slice.call(document.querySelectorAll("noscript[data-tiles]"));
  var near = []; // those near the screen, waiting their turn

  // putList puts a list written for later in, its logos' addresses held
  // back: step gives them a few at a time once the list nears the screen,
  // as it gives the others.
  function putList(ns) {
    if (!ns.parentNode) return;
    var t = document.createElement("template");
    t.innerHTML = markup(ns);
    t.content.querySelectorAll(".tile > img[src]").forEach(function (img) {
      img.setAttribute("data-src", img.getAttribute("src"));
      img.removeAttribute("src");
    });
    var list = t.content.querySelector(".tiles");
    // A box the browser draws takes its tiles CHUNK at a time, a frame
    // apart: it draws those it is given in one task.
    var box = ns.parentNode;
    var rest = list && list.children.length > CHUNK && (onScreen(box) || drawn(box)) ? [].slice.call(list.children, CHUNK) : [];
    rest.forEach(function (li) { li.remove(); });
    var first = ns.previousElementSibling;
    if (ns.getAttribute("data-tiles") === "more" && list && first && first.matches(".tiles")) {
      // The rest of a list whose first tiles the page wrote out: into
      // that list, watched again for the logos it now holds.
      first.append.apply(first, [].slice.call(list.children));
      ns.remove();
      list = first;
    } else {
      ns.replaceWith(t.content);
    }
    if (list) rewatch(list);
    if (rest.length) {
      if (!unput.length) byFrame(putMore);
      unput.push({ list: list, items: rest });
    }
  }

  // drawn tells whether the browser draws a box's contents (it skips
  // those of a box far from the screen: content-visibility).
  function drawn(box) {
    var h = box.firstElementChild;
    return !h || !h.checkVisibility || h.checkVisibility({ contentVisibilityAuto: true });
  }

  // onScreen tells whether a box is within a screen of the screen: the
  // browser draws its contents as its list comes in, or soon after.
  function onScreen(box) {
    var r = box.getBoundingClientRect();
    return r.bottom > -innerHeight && r.top < 2 * innerHeight;
  }

  // The tiles of lists put in part way, the rest of each to come.
  var CHUNK = 64;
  var unput = [];
  function putMore() {
    var u = unput[0];
    if (!u) return;
    if (u.list.isConnected) {
      u.list.append.apply(u.list, u.items.splice(0, CHUNK));
      rewatch(u.list);
    } else {
      u.items = [];
    }
    if (!u.items.length) unput.shift();
    if (unput.length) byFrame(putMore);
  }

  // putAllNow puts every rest in at once.
  function putAllNow() {
    unput.forEach(function (u) {
      if (u.list.isConnected) u.list.append.apply(u.list, u.items);
    });
    unput = [];
  }

  // rewatch watches a list again for the logos it now holds.
  function rewatch(list) {
    if (io) io.unobserve(list);
    watch(list);
  }

  // nextList puts in the list nearest the screen, else the next ones for
  // the idle time given (or, when none came within 200 ms, as the page
  // loads its logos, for 20 ms).
  function nextList(deadline) {
    var until = performance.now() + (deadline && !deadline.didTimeout ? deadline.timeRemaining() : 20);
    if (near.length) {
      putList(near.splice(nearest(near, parent), 1)[0]);
    } else {
      do {
        while (waiting.length && !waiting[0].parentNode) waiting.shift();
        if (!waiting.length) return;
        putList(waiting.shift());
      } while (deadline && performance.now() < until - 5 && !near.length);
    }
    if (near.length || waiting.length) nextSoon();
  }

  // nextSoon puts the next list in: a list near the screen in a task of
  // its own at once, the rest while the page is idle.
  var timer = false, idle = false;
  function nextSoon() {
    if (near.length || !("requestIdleCallback" in window)) {
      if (timer) return;
      timer = true;
      // A list near the screen a frame after the last: two put in
      // between frames were drawn in one task.
      var next = function () { timer = false; nextList(); };
      if (near.length) byFrame(next);
      else setTimeout(next, 50);
    } else if (!idle) {
      idle = true;
      requestIdleCallback(function (deadline) { idle = false; nextList(deadline); }, { timeout: 200 });
    }
  }

  var lio = null;
  function watchBox(ns) {
    if (!lio) near.push(ns);
    else lio.observe(ns.parentNode);
  }
  if ("IntersectionObserver" in window) {
    lio = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (!e.isIntersecting) return;
        lio.unobserve(e.target);
        var ns = e.target.querySelector("noscript[data-tiles]");
        if (ns) near.push(ns);
      });
      if (near.length) nextSoon();
    }, { rootMargin: "100% 0px" });
  }
  waiting.forEach(watchBox);
  // Idle time comes once the page has loaded.
  if (waiting.length) {
    if (document.readyState === "complete") nextSoon();
    else window.addEventListener("load", nextSoon);
  }

  // panorama serve patched an edit into the page: a list or logo it
  // added is taken as the page's own.
  document.addEventListener("panorama:patched", function () {
    document.querySelectorAll("noscript[data-tiles]").forEach(function (ns) {
      if (waiting.indexOf(ns) < 0) {
        waiting.push(ns);
        watchBox(ns);
      }
    });
    document.querySelectorAll(".tiles, .cards > .card").forEach(function (l) {
      if (l.querySelector(LOGOS)) watch(l);
    });
    if (waiting.length) nextSoon();
  });

  // allTiles puts every list in at once: for the map's filter, which
  // counts and hides tiles, and for printing.
  (window.Panorama || (window.Panorama = {})).allTiles = function () {
    document.querySelectorAll("noscript[data-tiles]").forEach(putList);
    putAllNow();
    near = [];
    waiting = [];
  };

  // A printed map shows every tile and logo.
  window.addEventListener("beforeprint", function () {
    window.Panorama.allTiles();
    document.querySelectorAll(LOGOS).forEach(show);
  });
})();
