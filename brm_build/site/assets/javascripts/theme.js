// Repairs to the theme's markup for screen-reader users, found by the browser tests:
// the search dialog gets a name to announce (axe-core rule aria-dialog-name).
(function () {
  "use strict";

  function repair() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(
      function (dialog) { dialog.setAttribute("aria-label", "Search"); }
    );
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", repair);
  } else {
    repair();
  }
})();
