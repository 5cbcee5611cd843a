/* Dashboard charts: data comes from <script type="application/json"> blocks rendered by Django. */
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var angka = new Intl.NumberFormat("id-ID");
  var TINGGI_BARIS = 22, PANJANG_LABEL = 32;
  function pendek(teks) {
    teks = String(teks);
    return teks.length > PANJANG_LABEL ? teks.slice(0, PANJANG_LABEL - 1) + "\u2026" : teks;
  }
  /* Every OPD gets a readable row: the box grows with the bars, long names are shortened on the axis
     and shown in full in the tooltip. */
  function barHorizontal(id, src) {
    var el = document.getElementById(id);
    if (!el || !src) { return; }
    var box = el.parentElement, perlu = src.labels.length * TINGGI_BARIS + 60;
    if (box && box.clientHeight < perlu) { box.style.height = perlu + "px"; }
    bar(id, src, {
      indexAxis: "y",
      scales: { y: { ticks: { autoSkip: false, callback: function (v) { return pendek(this.getLabelForValue(v)); } } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { title: function (items) { return items.length ? src.labels[items[0].dataIndex] : ""; } } }
      }
    });
  }
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
    barHorizontal("grafik-opd", g.opd);
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
