/* Generic charts: <canvas data-grafik="ID"> reads <script type="application/json" id="ID">
   {labels: [...], datasets: [{label, data, backgroundColor}], horizontal: bool, stacked: bool}. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Chart === "undefined") { return; }
    Chart.defaults.font.family = "system-ui, sans-serif";
    document.querySelectorAll("canvas[data-grafik]").forEach(function (el) {
      var src = document.getElementById(el.getAttribute("data-grafik"));
      if (!src) { return; }
      var g = JSON.parse(src.textContent);
      var sumbu = { x: { stacked: !!g.stacked }, y: { stacked: !!g.stacked, beginAtZero: true, ticks: { precision: 0 } } };
      new Chart(el, {
        type: "bar",
        data: { labels: g.labels, datasets: g.datasets },
        options: {
          indexAxis: g.horizontal ? "y" : "x",
          maintainAspectRatio: false,
          scales: sumbu,
          plugins: { legend: { display: g.datasets.length > 1 } }
        }
      });
    });
  });
})();
