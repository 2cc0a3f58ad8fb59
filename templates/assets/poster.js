// The map as a PNG image, drawn in the browser from posters/map.js: the
// poster's layout (bands, boxes, tiles, names) and each logo's data: URI
// once. It comes as a script, not a file to fetch: pages opened from
// file:// may load scripts, and images made from data: URIs can be drawn
// into a canvas and saved, where a file:// image would taint it.
(function () {
  "use strict";
  // The words and the way to the page's language folder, where its
  // poster's data is, from search.js, which every page loads first.
  var T = window.Panorama.T, root = window.Panorama.root;
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var TILE_W = 96, TILE_H = 78, LOGO_W = 84, LOGO_H = 40, BAND_HEAD = 32, PAD = 8;

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

  // Each logo decoded once; one that cannot be drawn is left out.
  function loadLogos(uris) {
    return Promise.all(uris.map(function (uri) {
      return new Promise(function (resolve) {
        var img = new Image();
        img.onload = function () { resolve(img); };
        img.onerror = function () { resolve(null); };
        img.src = uri;
      });
    }));
  }

  function roundRect(ctx, x, y, w, h, r) {
    ctx.beginPath();
    ctx.moveTo(x + r, y);
    ctx.arcTo(x + w, y, x + w, y + h, r);
    ctx.arcTo(x + w, y + h, x, y + h, r);
    ctx.arcTo(x, y + h, x, y, r);
    ctx.arcTo(x, y, x + w, y, r);
    ctx.closePath();
  }

  // Draws a logo inside its box as preserveAspectRatio="xMidYMid meet".
  function drawLogo(ctx, img, x, y) {
    var w = img.naturalWidth || img.width || LOGO_W, h = img.naturalHeight || img.height || LOGO_H;
    var s = Math.min(LOGO_W / w, LOGO_H / h);
    var dw = w * s, dh = h * s;
    ctx.drawImage(img, x + (LOGO_W - dw) / 2, y + (LOGO_H - dh) / 2, dw, dh);
  }

  function draw(p, logos, scale) {
    var canvas = document.createElement("canvas");
    canvas.width = Math.round(p.w * scale);
    canvas.height = Math.round(p.h * scale);
    var ctx = canvas.getContext("2d");
    ctx.scale(scale, scale);
    ctx.fillStyle = "#fbfbfa";
    ctx.fillRect(0, 0, p.w, p.h);
    ctx.textBaseline = "alphabetic";
    ctx.fillStyle = "#1c232b";
    ctx.font = "700 28px " + FONT;
    ctx.fillText(p.title, 24, 52);
    if (p.sub) { ctx.fillStyle = "#5b6672"; ctx.font = "15px " + FONT; ctx.fillText(p.sub, 24, 80); }
    p.bands.forEach(function (b) {
      roundRect(ctx, b.x, b.y, b.w, b.h, 6);
      ctx.fillStyle = "#ffffff"; ctx.fill();
      ctx.lineWidth = 2; ctx.strokeStyle = b.ink; ctx.stroke();
      roundRect(ctx, b.x, b.y, b.w, BAND_HEAD, 6);
      ctx.fillStyle = b.ink; ctx.fill();
      ctx.fillStyle = "#ffffff"; ctx.font = "700 16px " + FONT;
      ctx.fillText(b.name, b.x + 12, b.y + 21);
      var nw = ctx.measureText(b.name + " ").width;
      ctx.font = "16px " + FONT; ctx.fillText(b.count, b.x + 12 + nw, b.y + 21);
      b.boxes.forEach(function (bx) {
        roundRect(ctx, bx.x, bx.y, bx.w, bx.h, 4);
        ctx.fillStyle = bx.fill; ctx.fill();
        ctx.lineWidth = 1; ctx.strokeStyle = bx.stroke; ctx.stroke();
        ctx.fillStyle = "#1c232b"; ctx.font = "600 13px " + FONT; ctx.textAlign = "left";
        ctx.fillText(bx.name, bx.x + PAD, bx.y + 17);
        var sw = ctx.measureText(bx.name + " ").width;
        ctx.fillStyle = "#5b6672"; ctx.font = "13px " + FONT; ctx.fillText(String(bx.count), bx.x + PAD + sw, bx.y + 17);
        bx.tiles.forEach(function (t) {
          var tx = bx.x + t.x, ty = bx.y + t.y;
          ctx.globalAlpha = t.dimmed ? 0.45 : 1;
          roundRect(ctx, tx, ty, TILE_W, TILE_H, 3);
          ctx.fillStyle = "#ffffff"; ctx.fill();
          ctx.lineWidth = t.featured ? 2 : 1;
          ctx.strokeStyle = t.featured ? b.ink : "#dde2e7"; ctx.stroke();
          ctx.lineWidth = 1;
          var img = t.logo >= 0 ? logos[t.logo] : null;
          ctx.textAlign = "center";
          if (img) {
            drawLogo(ctx, img, tx + (TILE_W - LOGO_W) / 2, ty + 6);
          } else if (t.logo < 0) {
            var cx = tx + TILE_W / 2, cy = ty + 6 + LOGO_H / 2;
            ctx.beginPath(); ctx.arc(cx, cy, 18, 0, 2 * Math.PI); ctx.fillStyle = b.ink; ctx.fill();
            ctx.fillStyle = "#ffffff"; ctx.font = "700 13px " + FONT; ctx.fillText(t.mono || "", cx, cy + 5);
          }
          ctx.fillStyle = "#1c232b"; ctx.font = "11px " + FONT;
          ctx.fillText(t.name, tx + TILE_W / 2, ty + TILE_H - (t.featured ? 20 : 12));
          if (t.featured) {
            ctx.fillStyle = b.ink; ctx.fillRect(tx + 1, ty + TILE_H - 15, TILE_W - 2, 14);
            ctx.fillStyle = "#ffffff"; ctx.font = "600 9px " + FONT;
            ctx.fillText(t.featured, tx + TILE_W / 2, ty + TILE_H - 5);
          }
          ctx.textAlign = "left";
          ctx.globalAlpha = 1;
        });
      });
    });
    ctx.fillStyle = "#5b6672"; ctx.font = "12px " + FONT;
    ctx.fillText(p.footer, 24, p.h - 24);
    return canvas;
  }

  // panoramaPosterPNG resolves to a PNG Blob of the whole map, at twice
  // the poster's size (3,200 pixels wide) while the canvas stays within
  // what browsers draw (32,000 pixels a side, 200 million pixels).
  window.panoramaPosterPNG = function () {
    return loadPoster().then(function (p) {
      return loadLogos(p.logos).then(function (logos) {
        var scale = Math.min(2, 32000 / p.h, Math.sqrt(200e6 / (p.w * p.h)));
        var canvas = draw(p, logos, scale);
        return new Promise(function (resolve, reject) {
          canvas.toBlob(function (blob) {
            if (blob) resolve(blob); else reject(new Error("the browser could not make the image"));
          }, "image/png");
        });
      });
    });
  };

  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // panoramaLayerSVG resolves to the SVG text of one layer of the map,
  // with only the logos it shows: the poster's layout moved to the top.
  // Names are escaped; logos are the poster's data: URIs, drawn as images.
  window.panoramaLayerSVG = function (id) {
    return loadPoster().then(function (p) {
      var b = p.bands.filter(function (x) { return x.id === id; })[0];
      if (!b) throw new Error("no such layer on the map");
      var dy = b.y - 64, w = p.w, h = b.h + 64 + 24;
      var used = {}, out = [];
      b.boxes.forEach(function (bx) { bx.tiles.forEach(function (t) { if (t.logo >= 0) used[t.logo] = true; }); });
      out.push('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + h + '" viewBox="0 0 ' + w + ' ' + h + '" font-family="' + esc(FONT) + '">');
      out.push("<title>" + esc(p.title + ": " + b.name) + "</title>");
      out.push("<defs>");
      Object.keys(used).forEach(function (i) {
        out.push('<image id="l' + i + '" width="' + LOGO_W + '" height="' + LOGO_H + '" preserveAspectRatio="xMidYMid meet" href="' + esc(p.logos[i]) + '"/>');
      });
      out.push("</defs>");
      out.push('<rect width="' + w + '" height="' + h + '" fill="#fbfbfa"/>');
      out.push('<text x="24" y="44" font-size="24" font-weight="700" fill="#1c232b">' + esc(p.title) + "</text>");
      var y = b.y - dy;
      out.push('<g><rect x="' + b.x + '" y="' + y + '" width="' + b.w + '" height="' + b.h + '" rx="6" fill="#ffffff" stroke="' + esc(b.ink) + '" stroke-width="2"/>');
      out.push('<rect x="' + b.x + '" y="' + y + '" width="' + b.w + '" height="' + BAND_HEAD + '" rx="6" fill="' + esc(b.ink) + '"/>');
      out.push('<text x="' + (b.x + 12) + '" y="' + (y + 21) + '" font-size="16" font-weight="700" fill="#ffffff">' + esc(b.name) + ' <tspan font-weight="400">' + esc(b.count) + "</tspan></text>");
      b.boxes.forEach(function (bx) {
        var by = bx.y - dy;
        out.push('<rect x="' + bx.x + '" y="' + by + '" width="' + bx.w + '" height="' + bx.h + '" rx="4" fill="' + esc(bx.fill) + '" stroke="' + esc(bx.stroke) + '"/>');
        out.push('<text x="' + (bx.x + PAD) + '" y="' + (by + 17) + '" font-size="13" font-weight="600" fill="#1c232b">' + esc(bx.name) + ' <tspan fill="#5b6672" font-weight="400">' + bx.count + "</tspan></text>");
        bx.tiles.forEach(function (t) {
          var tx = bx.x + t.x, ty = by + t.y;
          var tile = (t.dimmed ? '<g opacity="0.45">' : "") + '<rect x="' + tx + '" y="' + ty + '" width="' + TILE_W + '" height="' + TILE_H + '" rx="3" fill="#ffffff" stroke="' + (t.featured ? esc(b.ink) + '" stroke-width="2' : "#dde2e7") + '"/>';
          if (t.logo >= 0) {
            tile += '<use href="#l' + t.logo + '" x="' + (tx + (TILE_W - LOGO_W) / 2) + '" y="' + (ty + 6) + '"/>';
          } else {
            var cx = tx + TILE_W / 2, cy = ty + 6 + LOGO_H / 2;
            tile += '<circle cx="' + cx + '" cy="' + cy + '" r="18" fill="' + esc(b.ink) + '"/><text x="' + cx + '" y="' + (cy + 5) + '" font-size="13" font-weight="700" fill="#ffffff" text-anchor="middle">' + esc(t.mono || "") + "</text>";
          }
          tile += '<text x="' + (tx + TILE_W / 2) + '" y="' + (ty + TILE_H - (t.featured ? 20 : 12)) + '" font-size="11" fill="#1c232b" text-anchor="middle">' + esc(t.name) + "</text>";
          if (t.featured) {
            tile += '<rect x="' + (tx + 1) + '" y="' + (ty + TILE_H - 15) + '" width="' + (TILE_W - 2) + '" height="14" fill="' + esc(b.ink) + '"/><text x="' + (tx + TILE_W / 2) + '" y="' + (ty + TILE_H - 5) + '" font-size="9" font-weight="600" fill="#ffffff" text-anchor="middle">' + esc(t.featured) + "</text>";
          }
          out.push(tile + (t.dimmed ? "</g>" : ""));
        });
      });
      out.push("</g>");
      out.push('<text x="24" y="' + (h - 8) + '" font-size="12" fill="#5b6672">' + esc(p.footer) + "</text>");
      out.push("</svg>\n");
      return out.join("\n");
    });
  };

  function save(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }

  document.addEventListener("click", function (e) {
    var layer = e.target.closest && e.target.closest("[data-layer-poster]");
    if (layer) {
      var st = document.getElementById(layer.getAttribute("aria-describedby"));
      layer.disabled = true;
      window.panoramaLayerSVG(layer.getAttribute("data-layer-poster")).then(function (svg) {
        save(new Blob([svg], { type: "image/svg+xml" }), layer.getAttribute("data-file"));
        if (st) st.textContent = "";
      }, function (err) {
        if (st) st.textContent = T("Sorry:") + " " + err.message + ".";
      }).then(function () { layer.disabled = false; });
      return;
    }
    var button = e.target.closest && e.target.closest("[data-poster-png]");
    if (!button) return;
    var status = document.getElementById(button.getAttribute("aria-describedby"));
    button.disabled = true;
    if (status) status.textContent = T("Making the image…");
    window.panoramaPosterPNG().then(function (blob) {
      save(blob, button.getAttribute("data-poster-png"));
      if (status) status.textContent = "";
    }, function (err) {
      if (status) status.textContent = T("Sorry:") + " " + err.message + ".";
    }).then(function () { button.disabled = false; });
  });
  document.querySelectorAll("[data-poster-png], [data-layer-poster]").forEach(function (b) { b.hidden = false; });
})();
