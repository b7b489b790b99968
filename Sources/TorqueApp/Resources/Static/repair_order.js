// Repair order page: check-in photos (shrunk on the phone before sending, so a 12-megapixel
// picture does not cross a shop's Wi-Fi whole) and the customer's signature drawn on a canvas.
// Both are sent as the request body to /api/v1/repair-orders/{id}/files with the session.
(function () {
  var box = document.getElementById('file-forms');
  if (!box) return;
  var note = box.querySelector('.js-only-note');
  if (note) note.style.display = 'none';
  var order = box.getAttribute('data-order');
  var csrf = box.getAttribute('data-csrf');
  var status = document.getElementById('photo-status');

  function send(blob, kind, text) {
    var url = '/api/v1/repair-orders/' + order + '/files?kind=' + kind + '&note=' + encodeURIComponent(text || '');
    return fetch(url, { method: 'POST', body: blob, credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf, 'Content-Type': blob.type || 'application/octet-stream' } })
      .then(function (r) {
        if (r.ok) return r.json();
        return r.json().then(function (e) {
          var fields = (e.error && e.error.fields) || {};
          var message = Object.keys(fields).map(function (k) { return k + ' ' + fields[k]; }).join('; ') || (e.error && e.error.message) || ('error ' + r.status);
          throw new Error(message);
        }, function () { throw new Error('error ' + r.status); });
      });
  }

  function shrink(file) {
    return new Promise(function (resolve) {
      if (!/^image\/(jpeg|png|webp)$/.test(file.type)) { resolve(file); return; }
      var img = new Image();
      img.onload = function () {
        var scale = Math.min(1, 1600 / Math.max(img.width, img.height));
        if (scale === 1 && file.size < 1500000) { resolve(file); return; }
        var c = document.createElement('canvas');
        c.width = Math.round(img.width * scale); c.height = Math.round(img.height * scale);
        c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
        c.toBlob(function (b) { resolve(b || file); }, 'image/jpeg', 0.85);
      };
      img.onerror = function () { resolve(file); };
      img.src = URL.createObjectURL(file);
    });
  }

  var input = document.getElementById('photo');
  if (input) input.addEventListener('change', function () {
    var files = Array.prototype.slice.call(input.files);
    var text = document.getElementById('photo_note').value;
    status.textContent = 'Sending ' + files.length + ' photo(s)…';
    files.reduce(function (chain, f) {
      return chain.then(function () { return shrink(f).then(function (b) { return send(b, 'photo', text); }); });
    }, Promise.resolve()).then(function () { window.location.reload(); }, function (e) {
      status.textContent = 'Not saved: ' + e.message;
      status.className = 'field-error';
    });
  });

  var pad = document.getElementById('signature');
  if (!pad) return;
  var ctx = pad.getContext('2d');
  var drawing = false, drawn = false;
  ctx.lineWidth = 2.5; ctx.lineCap = 'round'; ctx.strokeStyle = '#111';
  function point(e) {
    var r = pad.getBoundingClientRect();
    return { x: (e.clientX - r.left) * pad.width / r.width, y: (e.clientY - r.top) * pad.height / r.height };
  }
  pad.addEventListener('pointerdown', function (e) { drawing = true; var p = point(e); ctx.beginPath(); ctx.moveTo(p.x, p.y); pad.setPointerCapture(e.pointerId); });
  pad.addEventListener('pointermove', function (e) { if (!drawing) return; var p = point(e); ctx.lineTo(p.x, p.y); ctx.stroke(); drawn = true; });
  pad.addEventListener('pointerup', function () { drawing = false; });
  document.getElementById('signature-clear').addEventListener('click', function () { ctx.clearRect(0, 0, pad.width, pad.height); drawn = false; });
  document.getElementById('signature-save').addEventListener('click', function () {
    if (!drawn) { status.textContent = 'Ask the customer to sign in the box first.'; status.className = 'field-error'; return; }
    pad.toBlob(function (b) {
      send(b, 'signature', '').then(function () { window.location.reload(); }, function (e) {
        status.textContent = 'Signature not saved: ' + e.message;
        status.className = 'field-error';
      });
    }, 'image/png');
  });
})();
