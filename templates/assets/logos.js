// The logos of the map's tiles and of the directory's cards. Each is
// written inside <noscript>: without script the browser shows it as it
// is; with script the parser takes it for text, and this script puts the
// logos in as they near the screen, a few at a time: those of a list of
// tiles together, a card's on its own. Parsed as images, every logo of a
// page of thousands was a request the browser made in the parser's task:
// seconds of a phone's time before the page answered.
(function () {
  "use strict";
  var BATCH = 16; // logos put in per task: each is a request to start
  var LOGOS = ".tile > noscript, .card > h3 > noscript";
  var wanted = []; // lists of tiles and cards whose logos are wanted
  var queued = false;

  // show puts one logo in: the markup the page wrote inside the
  // noscript, which the parser kept as its text.
  function show(ns) {
    var t = document.createElement("template");
    t.innerHTML = ns.textContent;
    ns.replaceWith(t.content);
  }

  // nearest is the index of the wanted list or card nearest the screen:
  // a reader who jumps down the page sees those logos first.
  function nearest() {
    var best = 0, far = Infinity;
    for (var i = 0; i < wanted.length && far > 0; i++) {
      var r = wanted[i].getBoundingClientRect();
      var d = r.bottom < 0 ? -r.bottom : Math.max(0, r.top - innerHeight);
      if (d < far) {
        best = i;
        far = d;
      }
    }
    return best;
  }

  function step() {
    queued = false;
    for (var n = 0; wanted.length && n < BATCH; ) {
      // One list at a time: finding the nearest after each logo put in
      // would lay the page out again each time.
      var i = nearest();
      var logos = wanted[i].querySelectorAll(LOGOS);
      for (var k = 0; k < logos.length && n < BATCH; k++, n++) show(logos[k]);
      if (k === logos.length) wanted.splice(i, 1);
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
  var lists = document.querySelectorAll(".tiles, .cards > .card");
  if (!("IntersectionObserver" in window)) {
    lists.forEach(want);
  } else {
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) {
          io.unobserve(e.target);
          want(e.target);
        }
      });
    }, { rootMargin: "100% 0px" });
    lists.forEach(function (l) { io.observe(l); });
  }
  // A printed map shows every logo.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(LOGOS).forEach(show);
  });
})();
