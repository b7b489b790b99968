// "Print" buttons open the browser's print dialog (where "Save as PDF" makes the PDF).
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.addEventListener('click', function () { window.print(); });
});
