// The configurator recalculates on every change (the page also works with its Update button).
var form = document.getElementById('configurator');
if (form) {
  form.addEventListener('change', function () { form.submit(); });
}
