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
    if (target && target.id === "main") showNewPage(document.title, event.detail.pathInfo);
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
    notice.textContent = "We could not reach the service just now. Your earlier answers are saved. " +
      "Please check your internet connection, then try again.";
    main.insertBefore(notice, main.firstChild);
    notice.focus();
  });

  // On a shared device: warn after a spell without use, then erase everything. Use is whatever
  // the family does (typing, scrolling, tapping), not only a new page. The server erases on its
  // own clock too (a tablet simply put down), so the page tells it, now and then, that the
  // device is in use: at most every minute, and always well before the server's time is up.
  function watchSharedDevice() {
    var body = document.body;
    var dialog = document.getElementById("still-here");
    if (!body.hasAttribute("data-shared-device") || !dialog || !dialog.showModal) return;
    var warnAfter = Number(body.getAttribute("data-warning-seconds")) * 1000;
    var grace = Number(body.getAttribute("data-grace-seconds")) * 1000;
    var tellEvery = Math.min(60000, warnAfter / 4);
    var stillHere = dialog.querySelector("form[data-still-here]");
    var timeLeft = dialog.querySelector("[data-time-left]");
    var lastUse = Date.now();
    var lastTold = lastUse;
    var telling = null;
    var erasing = false;

    function tellServer(extra) {
      clearTimeout(telling);
      telling = null;
      lastTold = Date.now();
      var data = new FormData(stillHere);
      if (extra) data.append(extra, "1");
      // Not following a redirect: if the server has erased meanwhile, the next page says so.
      return fetch(stillHere.action, { method: "POST", body: data, credentials: "same-origin", redirect: "manual" });
    }
    function used() {
      if (dialog.open) return;  // the dialog is answered with its buttons
      lastUse = Date.now();
      if (!telling) telling = setTimeout(tellServer, Math.max(0, lastTold + tellEvery - lastUse), "in_use");
    }
    function inWords(ms) {  // as decisionaid.context_processors.seconds_in_words
      var seconds = Math.max(0, Math.ceil(ms / 1000));
      if (seconds >= 120) return Math.ceil(seconds / 60) + " minutes";
      return seconds === 1 ? "1 second" : seconds + " seconds";
    }
    function erase() {
      var form = document.getElementById("start-over-form");
      if (!form || erasing) return;
      erasing = true;
      var reason = document.createElement("input");
      reason.type = "hidden";
      reason.name = "reason";
      reason.value = "not-in-use";
      form.appendChild(reason);
      form.submit();
    }
    // Checked every second against the clock, so a tablet that slept still keeps its word.
    function check() {
      var idle = Date.now() - lastUse;
      if (idle >= warnAfter + grace) return erase();
      if (idle < warnAfter) return;
      if (!dialog.open) dialog.showModal();
      timeLeft.textContent = inWords(warnAfter + grace - idle);
    }

    ["keydown", "input", "pointerdown", "touchstart", "wheel", "scroll"].forEach(function (type) {
      document.addEventListener(type, used, { capture: true, passive: true });
    });
    document.addEventListener("htmx:afterSettle", function () {  // a page the server has just served
      lastUse = lastTold = Date.now();
      var next = stillHere.querySelector("input[name=next]");
      if (next) next.value = location.pathname + location.search;
    });
    stillHere.addEventListener("submit", function (event) {
      event.preventDefault();
      tellServer().then(function () {
        lastUse = Date.now();
        dialog.close();
      });
    });
    setInterval(check, 1000);
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

  // "Print the code" on a shared tablet's code page (the handout has its own, in handout.js).
  function showPrintButtons() {
    document.querySelectorAll(".js-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    watchSharedDevice();
    fillReturnCode();
    showPrintButtons();
    // Like GOV.UK: a page that comes back with errors puts the family on the summary.
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
    else showChangedRow(location.hash.slice(1));
  });
})();
