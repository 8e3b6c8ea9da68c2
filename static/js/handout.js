// The Print button needs JavaScript, so it stays hidden without it.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".js-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    // With a Print button, the hint about the browser's own Print menu is not needed.
    document.querySelectorAll(".js-print-hint").forEach(function (hint) { hint.hidden = true; });
  });
})();
