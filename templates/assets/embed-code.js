// The Copy buttons of the embed page; without script the code stays
// selectable in its box.
(function () {
  // The page gives the interface's words in its language.
  var WORDS = {};
  try { WORDS = JSON.parse(document.body.getAttribute('data-words') || '{}'); } catch (e) { WORDS = {}; }
  var buttons = document.querySelectorAll('[data-copy]');
  for (var i = 0; i < buttons.length; i++) {
    (function (b) {
      var box = document.getElementById(b.getAttribute('data-copy'));
      if (!box || !navigator.clipboard) return;
      b.hidden = false;
      b.addEventListener('click', function () {
        navigator.clipboard.writeText(box.value).then(function () { b.textContent = WORDS.Copied || 'Copied'; },
          function () { box.select(); });
      });
    })(buttons[i]);
  }
})();
