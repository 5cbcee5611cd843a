// Form behaviour driven by data-* attributes (no inline handlers: the Content-Security-Policy forbids them).
//   <select data-autosubmit>          submits its form when the choice changes
//   <form data-kirim-sekali>          disables its submit buttons once sent (no double submission)
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
    field.form.submit();
  }
});
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (event.defaultPrevented || !form.hasAttribute || !form.hasAttribute("data-kirim-sekali")) {
    return;
  }
  // After the submission has been built, so a clicked button's name/value is still sent.
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
      button.disabled = true;
    });
  }, 0);
});
