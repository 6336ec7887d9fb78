/* dangvu: the little behaviour the pages need beyond htmx. No inline scripts (strict CSP). */
(function () {
  "use strict";

  function allDetails(root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(".tree details"));
  }

  // "Mở tất cả" / "Thu gọn" above the organization tree (delegated: the tree is swapped by htmx).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-tree-toggle]");
    if (!button) return;
    var open = button.getAttribute("data-tree-toggle") === "open";
    allDetails(button.closest(".tree-section")).forEach(function (details) {
      details.open = open;
    });
  });

  // Print every level of the tree, then restore what the user had open.
  var closedBeforePrint = [];
  window.addEventListener("beforeprint", function () {
    closedBeforePrint = allDetails().filter(function (details) { return !details.open; });
    closedBeforePrint.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedBeforePrint.forEach(function (details) { details.open = false; });
    closedBeforePrint = [];
  });

  // Filters: leave the empty fields out of the address, so that a shared or bookmarked link stays short.
  document.addEventListener("htmx:configRequest", function (event) {
    var detail = event.detail;
    if (detail.verb !== "get" || !detail.elt || !detail.elt.closest("form.filters")) return;
    var params = detail.parameters;
    var empty = [];
    if (typeof params.forEach === "function" && typeof params.delete === "function") {
      params.forEach(function (value, key) { if (value === "") empty.push(key); });
      empty.forEach(function (key) { params.delete(key); });
    } else {
      Object.keys(params).forEach(function (key) { if (params[key] === "") delete params[key]; });
    }
  });

  // A form that came back with errors: bring the keyboard to the summary of what to fix.
  function focusErrors(root) {
    var summary = (root || document).querySelector(".error-summary");
    if (summary) {
      summary.focus();
      return;
    }
    var invalid = (root || document).querySelector("form.form [aria-invalid=true]");
    if (invalid) invalid.focus();
  }
  document.addEventListener("DOMContentLoaded", function () { focusErrors(); });
})();
