// Reads a chosen text file into the textarea named by data-fills, so the form posts it as text
// (the page works without this: the text can be pasted).
document.querySelectorAll('input[type=file][data-fills]').forEach(function (input) {
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    var target = document.getElementById(input.getAttribute('data-fills'));
    if (!file || !target) return;
    var reader = new FileReader();
    reader.onload = function () { target.value = reader.result; };
    reader.readAsText(file);
  });
});
