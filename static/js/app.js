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

  // On a shared device: warn after a spell without use, then erase everything (the server
  // erases too, on its own clock, if the tablet is simply put down).
  function watchSharedDevice() {
    var body = document.body;
    if (!body.hasAttribute("data-shared-device")) return;
    var warnAfter = Number(body.getAttribute("data-warning-seconds")) * 1000;
    var grace = Number(body.getAttribute("data-grace-seconds")) * 1000;
    var dialog = document.getElementById("still-here");
    var warnTimer, eraseTimer;
    function schedule() {
      clearTimeout(warnTimer);
      clearTimeout(eraseTimer);
      warnTimer = setTimeout(warn, warnAfter);
      var next = dialog && dialog.querySelector("input[name=next]");
      if (next) next.value = location.pathname + location.search;
    }
    function warn() {
      if (dialog && dialog.showModal) dialog.showModal();
      eraseTimer = setTimeout(function () {
        var form = document.getElementById("start-over-form");
        if (form) form.submit();
      }, grace);
    }
    var stillHere = dialog && dialog.querySelector("form");
    if (stillHere) {
      stillHere.addEventListener("submit", function (event) {
        event.preventDefault();
        fetch(stillHere.action, { method: "POST", body: new FormData(stillHere), credentials: "same-origin" })
          .then(function () { dialog.close(); schedule(); });
      });
    }
    document.addEventListener("htmx:afterSettle", schedule);
    schedule();
  }

  // A return link (from the QR code) carries the code after "#", which browsers never send to
  // the server: put it in the box, then take it out of the address bar.
  function fillReturnCode() {
    var input = document.getElementById("return-code");
    var code = location.hash.slice(1).replace(/-/g, " ");
    if (!input || !/^[a-z ]{3,80}$/i.test(code)) return;
    if (!input.value) input.value = code;
    history.replaceState(history.state, "", location.pathname + location.search);
  }

  document.addEventListener("DOMContentLoaded", function () {
    watchSharedDevice();
    fillReturnCode();
    // Like GOV.UK: a page that comes back with errors puts the family on the summary.
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  });
})();
