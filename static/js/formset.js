// "Tambah" buttons of Django formsets: clone <template id="<prefix>-kosong"> into #<prefix>-daftar,
// replacing __prefix__ with the next index and raising <prefix>-TOTAL_FORMS.
document.addEventListener("click", function (event) {
  var tombol = event.target.closest("[data-formset-tambah]");
  if (!tombol) {
    return;
  }
  var prefix = tombol.getAttribute("data-formset-tambah");
  var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  var template = document.getElementById(prefix + "-kosong");
  var index = parseInt(total.value, 10);
  var html = template.innerHTML.replace(/__prefix__/g, String(index));
  document.getElementById(prefix + "-daftar").insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
});
