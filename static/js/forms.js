// Progressive enhancement for answers and text boxes; every form works without this file.
// Listeners sit on the document, so they also serve what htmx swaps in later.
(function () {
  "use strict";

  // ---- Answers that stand alone ("I'm not sure", "None that we know of") -------------------
  // Ticking one unticks the others, and ticking another unticks it; the page says which, in
  // words, through the group's status line (read out politely by screen readers). Without
  // JavaScript the server refuses such an answer with an error instead.

  function labelText(input) {
    var label = input.labels && input.labels[0];
    return label ? label.textContent.trim() : input.value;
  }

  function quoted(texts) {
    var marks = texts.map(function (text) { return "\u201c" + text + "\u201d"; });
    if (marks.length === 1) return marks[0];
    return marks.slice(0, -1).join(", ") + " and " + marks[marks.length - 1];
  }

  document.addEventListener("change", function (event) {
    var ticked = event.target;
    if (!ticked.matches || !ticked.matches(".choice__input[type=checkbox]") || !ticked.checked) return;
    var group = ticked.closest("[data-exclusive-group]");
    if (!group) return;
    var standsAlone = ticked.hasAttribute("data-exclusive");
    var unticked = [];
    group.querySelectorAll(".choice__input[type=checkbox]:checked").forEach(function (other) {
      if (other === ticked || !(standsAlone || other.hasAttribute("data-exclusive"))) return;
      other.checked = false;
      unticked.push(labelText(other));
    });
    var status = group.querySelector("[data-exclusive-status]");
    if (!status || !unticked.length) return;
    status.textContent = standsAlone
      ? "\u201c" + labelText(ticked) + "\u201d cannot go with other answers, so we unticked " + quoted(unticked) + "."
      : "We unticked " + quoted(unticked) + ", because it cannot go with other answers.";
  });

  // ---- Characters left in a text box ------------------------------------------------------
  // Shown as the family types; screen readers hear it once typing pauses, not at every key.
  // The box has no maxlength, so nothing typed is cut off: too long a text gets the
  // server's error, as it does without JavaScript.

  var SPOKEN_AFTER_MS = 1000;

  function countMessage(left) {
    var number = Math.abs(left).toLocaleString("en-GB");
    var characters = Math.abs(left) === 1 ? " character" : " characters";
    return left >= 0 ? "You have " + number + characters + " left" : "You have " + number + characters + " too many";
  }

  function setUpCount(box) {
    if (box.hasAttribute("data-count-ready")) return;
    box.setAttribute("data-count-ready", "");
    var shown = document.createElement("p");
    shown.className = "character-count";
    shown.id = box.id + "-count";
    shown.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("p");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", spoken);
    box.insertAdjacentElement("afterend", shown);
    var limit = Number(box.getAttribute("data-character-count"));
    var timer;
    function update(speak) {
      var left = limit - box.value.length;
      shown.textContent = countMessage(left);
      shown.classList.toggle("character-count--over", left < 0);
      clearTimeout(timer);
      if (speak) timer = setTimeout(function () { spoken.textContent = countMessage(left); }, SPOKEN_AFTER_MS);
    }
    box.addEventListener("input", function () { update(true); });
    update(false);
  }

  function setUpCounts() {
    document.querySelectorAll("textarea[data-character-count]").forEach(setUpCount);
  }

  document.addEventListener("DOMContentLoaded", setUpCounts);
  document.addEventListener("htmx:afterSettle", setUpCounts);

  // ---- Ask before erasing -----------------------------------------------------------------
  // "Start over and erase my answers" is a link to a page that asks first; here it opens the
  // same question in a dialog instead, with "No, keep my answers" focused.

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-opens-dialog]");
    if (!link) return;
    var dialog = document.getElementById(link.getAttribute("data-opens-dialog"));
    if (!dialog || !dialog.showModal) return; // the link's own page asks instead
    event.preventDefault();
    dialog.showModal();
  });
})();
