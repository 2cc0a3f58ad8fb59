// The map's zoom (Small, Medium, Large): the chosen button sets the map's
// data-zoom, by which style.css sizes the tiles. Selectors on
// :has(#zoom-s:checked) did it without script, but made the browser
// restyle every tile each time the parser added some: seconds of a
// phone's time on a map of thousands. Without script the control stays
// hidden and the map keeps the zoom it was built with.
(function () {
  "use strict";
  // Every map with a zoom: a site's own landscape.html made before
  // data-zoom gets it from here too.
  document.querySelectorAll(".map").forEach(function (map) {
    var zoom = map.querySelector(".zoom");
    if (!zoom) return;
    function apply() {
      var on = zoom.querySelector("input:checked");
      if (on) map.setAttribute("data-zoom", on.value);
    }
    zoom.addEventListener("change", apply);
    apply(); // a page opened again keeps the button chosen before
    zoom.hidden = false;
  });
})();
