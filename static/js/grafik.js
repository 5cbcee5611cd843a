/* Generic charts: <canvas data-grafik="ID"> reads <script type="application/json" id="ID">
   {labels: [...], datasets: [{label, data, backgroundColor}], horizontal: bool, stacked: bool}.
   A horizontal chart shows every label: its box grows with the number of bars (40 OPDs stay readable),
   long names are shortened on the axis and shown in full in the tooltip. */
(function () {
  "use strict";
  var TINGGI_BARIS = 22, PANJANG_LABEL = 32;
  function pendek(teks) {
    teks = String(teks);
    return teks.length > PANJANG_LABEL ? teks.slice(0, PANJANG_LABEL - 1) + "\u2026" : teks;
  }
  function cukupTinggi(el, jumlah) {
    var box = el.parentElement, perlu = jumlah * TINGGI_BARIS + 80;
    if (box && box.clientHeight < perlu) { box.style.height = perlu + "px"; }
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Chart === "undefined") { return; }
    Chart.defaults.font.family = "system-ui, sans-serif";
    document.querySelectorAll("canvas[data-grafik]").forEach(function (el) {
      var src = document.getElementById(el.getAttribute("data-grafik"));
      if (!src) { return; }
      var g = JSON.parse(src.textContent);
      var sumbu = { x: { stacked: !!g.stacked }, y: { stacked: !!g.stacked, beginAtZero: true, ticks: { precision: 0 } } };
      var tooltip = {};
      if (g.horizontal) {
        cukupTinggi(el, g.labels.length);
        sumbu.x.ticks = { precision: 0 };
        sumbu.y.ticks = {
          autoSkip: false,
          callback: function (value) { return pendek(this.getLabelForValue(value)); }
        };
        tooltip = { callbacks: { title: function (items) { return items.length ? g.labels[items[0].dataIndex] : ""; } } };
      }
      new Chart(el, {
        type: "bar",
        data: { labels: g.labels, datasets: g.datasets },
        options: {
          indexAxis: g.horizontal ? "y" : "x",
          maintainAspectRatio: false,
          scales: sumbu,
          plugins: { legend: { display: g.datasets.length > 1 }, tooltip: tooltip }
        }
      });
    });
  });
})();
