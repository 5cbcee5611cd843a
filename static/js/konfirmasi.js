// Forms with data-confirm ask before they submit (destructive or final actions).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var pesan = form.getAttribute && form.getAttribute("data-confirm");
  if (pesan && !window.confirm(pesan)) {
    event.preventDefault();
  }
}, true);
