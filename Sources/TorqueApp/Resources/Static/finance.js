// Choosing loan or lease redraws the form with that kind's fields at once, without calculating
// (so a half-filled lease is not met with "residual is required"). Without JavaScript the
// choice takes effect on Calculate.
document.querySelectorAll('#finance input[name=kind]').forEach(function (radio) {
  radio.addEventListener('change', function () {
    var form = radio.form;
    var calc = form.querySelector('input[name=calc]');
    if (calc) { calc.remove(); }
    form.submit();
  });
});
