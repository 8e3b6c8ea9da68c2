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
      // Saved: "Your questions are saved." beside the button that saved, focused (so it is
      // read out) and in view. Refused (too long, too many): the box, its error just above it.
      var refused = document.querySelector("#questions-to-bring .error-message");
      var saved = document.getElementById("questions-saved");
      var next = refused ? document.getElementById("own-question") : saved || document.getElementById("questions-title");
      if (next) next.focus({ preventScroll: true });
      if (refused || saved) (refused || saved).scrollIntoView({ block: "center" });
      return;
    }
    if (target && target.id === "main") showNewPage(document.title, event.detail.pathInfo);
  });

  // Whether the family has answers here (so something to save, and "your answers are saved"
  // is true): the server says so on every page, in data-has-answers, and on every htmx
  // response in this header, so the page knows however it was reached.
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var has = xhr && xhr.getResponseHeader("Decisionaid-Has-Answers");
    if (has) document.body.toggleAttribute("data-has-answers", has === "yes");
  });

  function showNewPage(title, pathInfo) {
    if (!showChangedRow(pathInfo && pathInfo.anchor)) focusPageStart();
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
    var errorMain = page.getElementById("main") || page.body;  // a full page, or a page's main partial
    var main = document.getElementById("main");
    if (!errorMain || !main) return;
    main.replaceChildren.apply(main, Array.prototype.slice.call(errorMain.childNodes));
    document.title = page.title;
    window.scrollTo(0, 0);
    showNewPage(page.title);
  });

  // After "Change" on check your answers, the family comes back to the row they changed (its
  // id is the address's #anchor): show it and move focus there, not to the top of a long page.
  // Without JavaScript the browser scrolls to the anchor itself.
  function showChangedRow(anchor) {
    var row = anchor && document.getElementById(anchor);
    if (!row || !row.hasAttribute("data-answer-row")) return false;
    row.setAttribute("tabindex", "-1");
    row.classList.add("summary-list__row--changed");
    row.scrollIntoView({ block: "start" });
    row.focus({ preventScroll: true });
    return true;
  }

  // The service could not be reached at all: say so where the family is looking.
  document.addEventListener("htmx:sendError", function () {
    var main = document.getElementById("main");
    if (!main || document.getElementById("offline-notice")) return;
    var notice = document.createElement("div");
    notice.id = "offline-notice";
    notice.className = "notice notice--error";
    notice.setAttribute("role", "alert");
    notice.setAttribute("tabindex", "-1");
    notice.textContent = "We could not reach the service just now. " +
      (document.body.hasAttribute("data-has-answers") ? "Your earlier answers are saved. " : "") +
      "Please check your internet connection, then try again.";
    main.insertBefore(notice, main.firstChild);
    notice.focus();
  });

  // A return link (from the QR code) carries the code after "#", which browsers never send to
  // the server: put it in the box, then take it out of the address bar.
  function fillReturnCode() {
    var input = document.getElementById("return-code");
    var code = location.hash.slice(1).replace(/-/g, " ");
    if (!input || !/^[a-z ]{3,80}$/i.test(code)) return;
    if (!input.value) input.value = code;
    history.replaceState(history.state, "", location.pathname + location.search);
  }

  // "Print the code" on a shared tablet's code page (the handout has its own, in handout.js).
  function showPrintButtons() {
    document.querySelectorAll(".js-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    fillReturnCode();
    showPrintButtons();
    // Like GOV.UK: a page that comes back with errors puts the family on the summary.
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
    else showChangedRow(location.hash.slice(1));
  });
})();
