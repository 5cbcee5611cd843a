/* Organisation tree (/organisasi/): rows carry data-unit (materialised path) and data-induk (the
   parent's path). Collapse/expand per unit, open/close all, and a search box that shows the units whose
   name matches with their ancestors. Without JavaScript every row stays visible. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var table = document.getElementById("pohon-unit");
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.querySelectorAll("tr[data-unit]"));
    var byPath = {};
    rows.forEach(function (r) { byPath[r.getAttribute("data-unit")] = r; });
    var controls = document.querySelector("[data-pohon-kontrol]");
    var search = document.getElementById("cari-unit");
    var empty = table.querySelector("[data-pohon-kosong]");

    function isOpen(row) {
      var t = row.querySelector(".tree-toggle");
      return !t || t.getAttribute("aria-expanded") === "true";
    }
    function setOpen(row, open) {
      var t = row.querySelector(".tree-toggle");
      if (!t) { return; }
      t.setAttribute("aria-expanded", open ? "true" : "false");
      var icon = t.querySelector("i");
      icon.className = open ? "bi bi-chevron-down" : "bi bi-chevron-right";
    }
    function ancestorsOpen(row) {
      var parent = byPath[row.getAttribute("data-induk")];
      while (parent) {
        if (!isOpen(parent)) { return false; }
        parent = byPath[parent.getAttribute("data-induk")];
      }
      return true;
    }
    function render() {
      var q = search ? search.value.trim().toLowerCase() : "";
      var shown = 0;
      if (q) {
        var keep = {};
        rows.forEach(function (r) {
          if (r.getAttribute("data-nama").indexOf(q) === -1) { return; }
          var node = r;
          while (node) {
            keep[node.getAttribute("data-unit")] = true;
            node = byPath[node.getAttribute("data-induk")];
          }
        });
        rows.forEach(function (r) {
          r.hidden = !keep[r.getAttribute("data-unit")];
          if (!r.hidden) { shown += 1; }
        });
      } else {
        rows.forEach(function (r) {
          r.hidden = !ancestorsOpen(r);
          if (!r.hidden) { shown += 1; }
        });
      }
      if (empty) { empty.hidden = shown > 0 || rows.length === 0; }
    }

    rows.forEach(function (r) {
      // Start with the OPDs only.
      if (r.getAttribute("data-induk") === "") { setOpen(r, false); }
      var t = r.querySelector(".tree-toggle");
      if (t) {
        t.addEventListener("click", function () {
          setOpen(r, !isOpen(r));
          render();
        });
      }
    });
    if (controls) {
      controls.hidden = false;
      controls.querySelector("[data-pohon-buka]").addEventListener("click", function () {
        rows.forEach(function (r) { setOpen(r, true); });
        render();
      });
      controls.querySelector("[data-pohon-tutup]").addEventListener("click", function () {
        rows.forEach(function (r) { setOpen(r, false); });
        render();
      });
    }
    if (search) { search.addEventListener("input", render); }
    render();
  });
})();
