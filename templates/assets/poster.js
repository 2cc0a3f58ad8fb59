// The map as a PNG image, made in the browser from the poster's SVG. The
// SVG comes as a script (posters/map.js), not as a file to fetch: pages
// opened from file:// may load scripts, and an image made from a string
// (a data: URL) can be drawn into a canvas and saved, where a file://
// image would taint the canvas.
(function () {
  "use strict";
  // The page gives the interface's words in its language.
  var WORDS = {};
  try { WORDS = JSON.parse(document.body.getAttribute("data-words") || "{}"); } catch (e) { WORDS = {}; }
  function T(s) { return WORDS[s] || s; }
  var me = document.currentScript;
  // The poster is in the page's language, in its language's folder.
  var root = document.body.hasAttribute("data-root") ? document.body.getAttribute("data-root") : me ? me.src.replace(/assets\/poster\.js(\?.*)?$/, "") : "";

  function loadPoster() {
    return new Promise(function (resolve, reject) {
      if (window.PANORAMA_POSTER) return resolve(window.PANORAMA_POSTER);
      var s = document.createElement("script");
      s.src = root + "posters/map.js";
      s.onload = function () { resolve(window.PANORAMA_POSTER); };
      s.onerror = function () { reject(new Error("the poster could not be loaded")); };
      document.head.appendChild(s);
    });
  }

  // panoramaPosterPNG resolves to a PNG Blob of the whole map, at twice
  // the poster's size when that stays under 16,000 pixels a side.
  window.panoramaPosterPNG = function () {
    return loadPoster().then(function (svg) {
      return new Promise(function (resolve, reject) {
        var img = new Image();
        img.onload = function () {
          var w = img.naturalWidth || 1600, h = img.naturalHeight || 1000;
          var scale = Math.min(2, 16000 / Math.max(w, h));
          var canvas = document.createElement("canvas");
          canvas.width = Math.round(w * scale);
          canvas.height = Math.round(h * scale);
          var ctx = canvas.getContext("2d");
          ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
          canvas.toBlob(function (blob) {
            if (blob) resolve(blob); else reject(new Error("the browser could not make the image"));
          }, "image/png");
        };
        img.onerror = function () { reject(new Error("the poster could not be drawn")); };
        img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
      });
    });
  };

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-poster-png]");
    if (!button) return;
    var status = document.getElementById(button.getAttribute("aria-describedby"));
    button.disabled = true;
    if (status) status.textContent = T("Making the image…");
    window.panoramaPosterPNG().then(function (blob) {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = button.getAttribute("data-poster-png");
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
      if (status) status.textContent = "";
    }, function (err) {
      if (status) status.textContent = T("Sorry:") + " " + err.message + ".";
    }).then(function () { button.disabled = false; });
  });
  document.querySelectorAll("[data-poster-png]").forEach(function (b) { b.hidden = false; });
})();
