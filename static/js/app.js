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
      // Saved: back to the section's heading. Refused (too long, too many): to the box, whose
      // error sits just above it, in view.
      var refused = document.querySelector("#questions-to-bring .error-message");
      var next = document.getElementById(refused ? "own-question" : "questions-title");
      if (next) next.focus();
      if (refused) refused.scrollIntoView({ block: "center" });
      return;
    }
    if (target && target.id === "main") showNewPage(document.title);
  });

  function showNewPage(title) {
    focusPageStart();
    var status = document.getElementById("page-status");
    if (status) status.textContent = title;
  }

  // htmx leaves error responses unswapped, so a click would seem to do nothing. Show the
  // error page's main panel instead (an expired form, server trouble, a request too large),
  // as the browser would without JavaScript.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.status < 400) return;
    event.detail.shouldSwap = false;
    var page = new DOMParser().parseFromString(xhr.responseText, "text/html");
    var errorMain = page.getElementById("main");
    var main = document.getElementById("main");
    if (!errorMain || !main) return;
    main.replaceChildren.apply(main, Array.prototype.slice.call(errorMain.childNodes));
    document.title = page.title;
    window.scrollTo(0, 0);
    showNewPage(page.title);
  });

  // The service could not be reached at all: say so where the family is looking.
  document.addEventListener("htmx:sendError", function () {
    var main = document.getElementById("main");
    if (!main || document.getElementById("offline-notice")) return;
    var notice = document.createElement("div");
    notice.id = "offline-notice";
    notice.className = "notice notice--error";
    notice.setAttribute("role", "alert");
    notice.setAttribute("tabindex", "-1");
    notice.textContent = "We could not reach the service just now. Your earlier answers are saved. " +
      "Please check your internet connection, then try again.";
    main.insertBefore(notice, main.firstChild);
    notice.focus();
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
