// The Copy buttons of the embed page; without script the code stays
// selectable in its box.
(function () {
  var T = window.Panorama.T; // search.js, loaded first on every page
  var buttons = document.querySelectorAll('[data-copy]');
  for (var i = 0; i < buttons.length; i++) {
    (function (b) {
      var box = document.getElementById(b.getAttribute('data-copy'));
      if (!box || !navigator.clipboard) return;
      b.hidden = false;
      b.addEventListener('click', function () {
        navigator.clipboard.writeText(box.value).then(function () { b.textContent = T('Copied'); },
          function () { box.select(); });
      });
    })(buttons[i]);
  }
})();
