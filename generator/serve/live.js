// panorama serve: reload the page when the site is rebuilt.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = me && me.getAttribute("data-version");
  var events = new EventSource("/__panorama/events");
  events.addEventListener("version", function (e) {
    if (e.data !== version) {
      events.close();
      location.reload();
    }
  });
})();
