// Progressive enhancement of the header's disclosures ("Meer", "Menu"); they work without it.
// Escape closes an open one and returns focus to its toggle; a click elsewhere or opening another closes it.
(function () {
  "use strict";

  function openDisclosures() {
    return Array.prototype.slice.call(document.querySelectorAll(".utrecht-page-header details[open]"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    openDisclosures().forEach(function (details) {
      var hadFocus = details.contains(document.activeElement);
      details.open = false;
      if (hadFocus) {
        details.querySelector("summary").focus();
      }
    });
  });

  document.addEventListener("click", function (event) {
    openDisclosures().forEach(function (details) {
      if (!details.contains(event.target)) {
        details.open = false;
      }
    });
  });

  document.addEventListener("focusin", function (event) {
    openDisclosures().forEach(function (details) {
      if (!details.contains(event.target)) {
        details.open = false;
      }
    });
  });
})();
