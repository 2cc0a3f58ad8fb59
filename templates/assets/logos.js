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
    setTimeout(step, 16);
  }

  function want(list) {
    wanted.push(list);
    later();
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
    var first = ns.previousElementSibling;
    if (ns.getAttribute("data-tiles") === "more" && list && first && first.matches(".tiles")) {
      // The rest of a list whose first tiles the page wrote out: into
      // that list, watched again for the logos it now holds.
      first.append.apply(first, [].slice.call(list.children));
      ns.remove();
      list = first;
      if (io) io.unobserve(list);
    } else {
      ns.replaceWith(t.content);
    }
    if (list) watch(list);
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
      setTimeout(function () { timer = false; nextList(); }, near.length ? 0 : 50);
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
    near = [];
    waiting = [];
  };

  // A printed map shows every tile and logo.
  window.addEventListener("beforeprint", function () {
    window.Panorama.allTiles();
    document.querySelectorAll(LOGOS).forEach(show);
  });
})();
