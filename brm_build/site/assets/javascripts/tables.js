// Sortable and filterable tables for the generated pages. Shipped with the site: no
// library and nothing from another host, so that the site works offline.
(function () {
  "use strict";

  var NUMBER = /^[✗\s]*(-?[0-9][0-9,]*(\.[0-9]+)?)\s*%?\s*$/;

  function text(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === "") return 1;
    if (b === "") return -1;
    var x = NUMBER.exec(a), y = NUMBER.exec(b);
    if (x && y) return parseFloat(x[1].replace(/,/g, "")) - parseFloat(y[1].replace(/,/g, ""));
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function sortable(table) {
    var head = table.tHead, body = table.tBodies[0];
    if (!head || !body || table.dataset.brmSortable) return;
    table.dataset.brmSortable = "yes";
    Array.prototype.forEach.call(head.rows[0].cells, function (th, index) {
      th.setAttribute("role", "columnheader");
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.rows[0].cells, function (other) {
          other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r, s) {
          var order = compare(text(r, index), text(s, index));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }

  // A box that keeps the rows containing its text, and a menu per column listed in
  // data-facets (0-based) that keeps the rows whose cell contains the chosen value.
  function filterable(box) {
    var table = box.querySelector("table");
    if (!table || !table.tBodies[0] || box.dataset.brmFilterable) return;
    box.dataset.brmFilterable = "yes";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var bar = document.createElement("div");
    bar.className = "brm-filter-bar";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Filter rows";
    input.setAttribute("aria-label", "Filter the rows of this table");
    bar.appendChild(input);
    var facets = (box.dataset.facets || "").split(",").filter(Boolean).map(Number);
    var menus = facets.map(function (index) {
      var name = text(table.tHead.rows[0], index);
      var values = {};
      rows.forEach(function (row) {
        text(row, index).split(/,\s*/).forEach(function (v) { if (v) values[v] = true; });
      });
      var menu = document.createElement("select");
      menu.setAttribute("aria-label", "Show only rows with this " + name);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "Any " + name.toLowerCase();
      menu.appendChild(all);
      Object.keys(values).sort(compare).forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = v;
        menu.appendChild(option);
      });
      bar.appendChild(menu);
      return { index: index, menu: menu };
    });
    var count = document.createElement("span");
    count.className = "brm-filter-count";
    bar.appendChild(count);
    function apply() {
      var needle = input.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (row) {
        var keep = !needle || row.textContent.toLowerCase().indexOf(needle) !== -1;
        menus.forEach(function (f) {
          var want = f.menu.value;
          if (keep && want) keep = text(row, f.index).split(/,\s*/).indexOf(want) !== -1;
        });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " rows";
    }
    input.addEventListener("input", apply);
    menus.forEach(function (f) { f.menu.addEventListener("change", apply); });
    box.insertBefore(bar, box.firstChild);
    apply();
  }

  // A table of many columns reads as a stack of cards on a phone (brm.css): each cell
  // carries its column's name, shown before its value when the header row is hidden.
  var CARD_COLUMNS = 4;

  function cards(table) {
    var head = table.tHead;
    if (!head || !head.rows[0] || head.rows[0].cells.length < CARD_COLUMNS) return;
    var names = Array.prototype.map.call(head.rows[0].cells, function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, index) {
          if (names[index]) cell.setAttribute("data-label", names[index]);
        });
      });
    });
    table.setAttribute("data-brm-cards", "");
  }

  // A date is never broken at its hyphens: "2026-11-" over "04" reads as two values.
  var DATE = /^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$/;

  function dates(table) {
    Array.prototype.forEach.call(table.querySelectorAll("td"), function (cell) {
      if (DATE.test(cell.textContent.trim())) cell.classList.add("brm-nowrap");
    });
  }

  function setup() {
    document.querySelectorAll(".md-typeset table").forEach(dates);
    document.querySelectorAll(".md-typeset table").forEach(cards);
    document.querySelectorAll(".md-typeset table").forEach(sortable);
    document.querySelectorAll(".brm-filter").forEach(filterable);
  }

  // Material's instant loading swaps pages without a reload: follow it when present.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
