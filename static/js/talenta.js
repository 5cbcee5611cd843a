/* 9-box talent page: bar chart of the headcount per box from <script id="talenta-grafik-data">.
   Boxes of the succession group (kotak 7–9 in the data) are drawn green. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("talenta-grafik");
    var src = document.getElementById("talenta-grafik-data");
    if (!el || !src || typeof Chart === "undefined") { return; }
    var g = JSON.parse(src.textContent);
    Chart.defaults.font.family = "system-ui, sans-serif";
    new Chart(el, {
      type: "bar",
      data: {
        labels: g.labels,
        datasets: [{
          label: "Pegawai",
          data: g.data,
          backgroundColor: g.suksesi.map(function (s) { return s ? "#198754" : "#6c757d"; })
        }]
      },
      options: {
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  });
})();
