// Progressive enhancement only: every page works without this file.
// After htmx swaps the main panel, move focus to the new page's error summary or heading,
// and announce the new page title to screen readers.
(function () {
  "use strict";

  function focusPageStart() {
    var main = document.getElementById("main");
    if (!main) return;
    var target = main.querySelector(".error-summary") || main.querySelector("h1");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: false });
    }
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target && target.id === "questions-to-bring") {
      var saved = document.getElementById("questions-title");
      if (saved) saved.focus();
      return;
    }
    if (target && target.id === "main") {
      focusPageStart();
      var status = document.getElementById("page-status");
      if (status) status.textContent = document.title;
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    // Like GOV.UK: a page that comes back with errors puts the family on the summary.
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  });
})();
