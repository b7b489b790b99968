// Sends the chosen file as the request body (no multipart parsing needed on the server) and
// follows the server's answer. Without JavaScript the paste box below still works.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('upload');
  if (!form) return;
  form.addEventListener('submit', function (event) {
    var input = document.getElementById('file');
    if (!input.files.length) return;
    event.preventDefault();
    var file = input.files[0];
    var button = form.querySelector('button');
    button.disabled = true;
    button.textContent = 'Uploading…';
    fetch('/imports/upload?filename=' + encodeURIComponent(file.name), {
      method: 'POST', body: file, credentials: 'same-origin',
      headers: { 'X-CSRF-Token': form.querySelector('input[name=_csrf]').value, 'Content-Type': 'application/octet-stream' }
    }).then(function (response) {
      if (response.redirected) { window.location = response.url; return; }
      return response.text().then(function (html) { document.open(); document.write(html); document.close(); });
    }).catch(function () {
      button.disabled = false;
      button.textContent = 'Upload';
      document.getElementById('upload-error').textContent = 'The upload failed: check the connection and try again.';
    });
  });
});
