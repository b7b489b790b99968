// Workshop agenda: drag a booking's bar to another time or row. The drop point becomes a start
// time (15-minute steps) and a technician or bay, sent to the same PATCH the API offers; a
// clash or a time outside the hours comes back as the server's message and the bar returns.
(function () {
  var box = document.getElementById('gantt');
  var svg = box && box.querySelector('svg[data-rows]');
  if (!svg) return;
  var status = document.getElementById('gantt-status');
  var n = function (name) { return Number(svg.getAttribute('data-' + name)); };
  var days = n('days'), dayStart = n('day-start'), dayEnd = n('day-end'), labelWidth = n('label-width');
  var rowHeight = n('row-height'), top = n('top'), width = n('width');
  var rows = svg.getAttribute('data-rows').split(',');
  var rowField = svg.getAttribute('data-row-field');
  var fromDay = svg.getAttribute('data-from-day');
  var dayWidth = (width - labelWidth) / days, perMinute = dayWidth / (dayEnd - dayStart);
  var drag = null;

  function scale() { return width / svg.getBoundingClientRect().width; }
  function pad(v) { return (v < 10 ? '0' : '') + v; }
  function dayPlus(day, add) {
    var d = new Date(day + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + add);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
  }

  svg.querySelectorAll('rect.movable').forEach(function (bar) {
    bar.addEventListener('pointerdown', function (e) {
      drag = { bar: bar, x: e.clientX, y: e.clientY, x0: Number(bar.getAttribute('x')), y0: Number(bar.getAttribute('y')), moved: false };
      bar.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    bar.addEventListener('pointermove', function (e) {
      if (!drag || drag.bar !== bar) return;
      var dx = (e.clientX - drag.x) * scale(), dy = (e.clientY - drag.y) * scale();
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      bar.setAttribute('transform', 'translate(' + dx + ',' + dy + ')');
    });
    bar.addEventListener('click', function (e) { if (bar.dataset.dragged) { e.preventDefault(); delete bar.dataset.dragged; } });
    bar.addEventListener('pointerup', function (e) {
      if (!drag || drag.bar !== bar) return;
      var d = drag; drag = null;
      if (!d.moved) { bar.removeAttribute('transform'); return; }
      bar.dataset.dragged = '1';
      var x = d.x0 + (e.clientX - d.x) * scale(), y = d.y0 + (e.clientY - d.y) * scale();
      var day = Math.max(0, Math.min(days - 1, Math.floor((x - labelWidth) / dayWidth)));
      var minute = dayStart + (x - labelWidth - day * dayWidth) / perMinute;
      minute = Math.max(dayStart, Math.min(dayEnd - 15, Math.round(minute / 15) * 15));
      var row = Math.max(0, Math.min(rows.length - 1, Math.floor((y - top) / rowHeight)));
      var startsAt = dayPlus(fromDay, day) + 'T' + pad(Math.floor(minute / 60)) + ':' + pad(minute % 60);
      var body = { starts_at: startsAt };
      body[rowField] = Number(rows[row]);
      status.textContent = 'Moving to ' + startsAt.replace('T', ' ') + '…';
      status.className = 'small';
      fetch('/api/v1/service/appointments/' + bar.getAttribute('data-booking'), {
        method: 'PATCH', credentials: 'same-origin', body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': box.getAttribute('data-csrf') }
      }).then(function (r) {
        if (r.ok) { window.location.reload(); return; }
        return r.json().then(function (err) {
          var fields = (err.error && err.error.fields) || {};
          var text = Object.keys(fields).map(function (k) { return k.replace('_id', '').replace('_', ' ') + ' ' + fields[k]; }).join('; ');
          throw new Error(text || (err.error && err.error.message) || ('error ' + r.status));
        });
      }).catch(function (err) {
        bar.removeAttribute('transform');
        status.textContent = 'Not moved: ' + err.message;
        status.className = 'small field-error';
      });
    });
  });
})();
