// An embedded view tells the page that embeds it how tall it is, so that
// page's own line of script can fit the frame to it. It sends a height and
// nothing else, to whichever page embeds it.
(function () {
  if (window.parent === window) return;
  var last = 0;
  function post() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h === last) return;
    last = h;
    window.parent.postMessage({ panoramaEmbedHeight: h }, '*');
  }
  window.addEventListener('load', post);
  window.addEventListener('resize', post);
  if ('ResizeObserver' in window) new ResizeObserver(post).observe(document.documentElement);
})();
