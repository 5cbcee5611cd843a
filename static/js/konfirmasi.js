// Forms with data-confirm ask before they submit (destructive or final actions).
// With data-confirm-jika="<selector>" they ask only when the form contains a match (e.g. a ticked
// "hapus" box).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var pesan = form.getAttribute && form.getAttribute("data-confirm");
  if (!pesan) {
    return;
  }
  var jika = form.getAttribute("data-confirm-jika");
  if (jika && !form.querySelector(jika)) {
    return;
  }
  if (!window.confirm(pesan)) {
    event.preventDefault();
  }
}, true);
