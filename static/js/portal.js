/* The portal's page behaviour, loaded on every page (no inline scripts: see the Content-Security-Policy).
 * - The main navigation collapses behind a "Menu" disclosure button on narrow screens.
 * - Data tables get a label on every cell, so that CSS can show each row as a card on a phone.
 * Without JavaScript the navigation stays open and wide tables scroll inside their frame. */
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 700px)");

  function setUpNavigation() {
    var button = document.querySelector(".nav-toggle");
    var nav = document.getElementById("site-nav");
    if (!button || !nav) return;
    var header = button.closest(".site-header");
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      header.classList.toggle("nav-open", open);
    }
    header.classList.add("nav-collapsible");
    button.hidden = false;
    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && NARROW.matches && header.classList.contains("nav-open")) {
        setOpen(false);
        button.focus();
      }
    });
  }

  function cellText(cell) {
    var copy = cell.cloneNode(true);
    copy.querySelectorAll(".visually-hidden").forEach(function (hidden) { hidden.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function labelTable(table) {
    if (table.classList.contains("no-stack") || !table.tHead) return;
    var headerRow = table.tHead.rows[table.tHead.rows.length - 1];
    var labels = [];
    Array.prototype.forEach.call(headerRow.cells, function (th) {
      var span = th.colSpan || 1;
      for (var i = 0; i < span; i++) labels.push(cellText(th));
    });
    if (labels.length < 3) return;
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var label = labels[column];
          if (label && cell.colSpan === 1 && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", label);
          column += cell.colSpan || 1;
        });
      });
    });
    table.classList.add("stack");
  }

  function init() {
    setUpNavigation();
    document.querySelectorAll("main table").forEach(labelTable);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
