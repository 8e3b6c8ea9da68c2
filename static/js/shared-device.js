// On a shared device, on every page (the site's own and the printable ones): warn after a spell
// without use, then erase everything, so the screen keeps nothing of the family's. Use is
// whatever the family does (typing, scrolling, tapping), not only a new page. The server erases
// on its own clock too (a tablet simply put down), so the page tells it, now and then, that the
// device is in use: at most every minute, and always well before the server's time is up.
// Without this file the page goes to the start page once the server has erased (a refresh in
// site/templates/site/_still_here_head.html).
(function () {
  "use strict";

  function watchSharedDevice() {
    var dialog = document.getElementById("still-here");
    if (!dialog || !dialog.showModal) return;
    var warnAfter = Number(dialog.getAttribute("data-warning-seconds")) * 1000;
    var grace = Number(dialog.getAttribute("data-grace-seconds")) * 1000;
    var tellEvery = Math.min(60000, warnAfter / 4);
    var stillHere = dialog.querySelector("form[data-still-here]");
    var save = dialog.querySelector("form[data-save]");
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
      if (erasing) return;
      erasing = true;
      // Nothing of the family's stays on screen, even while the start page is on its way.
      var main = document.getElementById("main");
      if (main) main.replaceChildren();
      dialog.querySelector("form[data-erase]").submit();
    }
    function warn() {
      // Offered whenever there is something to save, however the page was reached: the
      // server says so on every page (data-has-answers), htmx swaps included (app.js).
      save.hidden = !document.body.hasAttribute("data-has-answers");
      dialog.showModal();
    }
    // Checked every second against the clock, so a tablet that slept still keeps its word.
    function check() {
      var idle = Date.now() - lastUse;
      if (idle >= warnAfter + grace) return erase();
      if (idle < warnAfter) return;
      if (!dialog.open) warn();
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

  document.addEventListener("DOMContentLoaded", watchSharedDevice);
})();
