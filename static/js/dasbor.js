/* Dashboard charts: data comes from <script type="application/json"> blocks rendered by Django. */
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var angka = new Intl.NumberFormat("id-ID");
  var warna = ["#0d6efd", "#20c997", "#ffc107", "#dc3545", "#6f42c1", "#fd7e14", "#198754", "#0dcaf0", "#6c757d", "#d63384"];
  function bar(id, src, opts) {
    var el = document.getElementById(id);
    if (!el || !src) { return; }
    new Chart(el, {
      type: "bar",
      data: { labels: src.labels, datasets: [{ label: "Pegawai", data: src.data, backgroundColor: "#0d6efd" }] },
      options: Object.assign({ plugins: { legend: { display: false } }, maintainAspectRatio: false }, opts || {})
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var g = data("grafik-data");
    if (!g || typeof Chart === "undefined") { return; }
    Chart.defaults.font.family = "system-ui, sans-serif";
    bar("grafik-opd", g.opd, { indexAxis: "y" });
    bar("grafik-golongan", g.golongan);
    var pend = document.getElementById("grafik-pendidikan");
    if (pend) {
      new Chart(pend, {
        type: "doughnut",
        data: { labels: g.pendidikan.labels, datasets: [{ data: g.pendidikan.data, backgroundColor: warna }] },
        options: { maintainAspectRatio: false, plugins: { legend: { position: "right" } } }
      });
    }
    var pir = document.getElementById("grafik-piramida");
    if (pir) {
      new Chart(pir, {
        type: "bar",
        data: {
          labels: g.piramida.labels,
          datasets: [
            { label: "Laki-laki", data: g.piramida.laki, backgroundColor: "#0d6efd" },
            { label: "Perempuan", data: g.piramida.perempuan, backgroundColor: "#d63384" }
          ]
        },
        options: {
          indexAxis: "y", maintainAspectRatio: false,
          scales: {
            x: { stacked: true, ticks: { callback: function (v) { return angka.format(Math.abs(v)); } } },
            y: { stacked: true, reverse: true }
          },
          plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + angka.format(Math.abs(c.raw)); } } } }
        }
      });
    }
  });
})();
