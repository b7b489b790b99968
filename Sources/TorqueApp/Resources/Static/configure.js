// The configurator recalculates on every change (the page also works with its Update button),
// and comes back to where the person was on the page instead of the top.
var form = document.getElementById('configurator');
if (form) {
  var key = 'torque-configure-scroll:' + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) { window.scrollTo(0, parseInt(saved, 10)); sessionStorage.removeItem(key); }
  form.addEventListener('change', function () {
    sessionStorage.setItem(key, String(window.scrollY));
    form.submit();
  });
}
