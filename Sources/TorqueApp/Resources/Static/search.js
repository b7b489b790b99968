// Results as you type in the top-bar customer search (CUS-7). The form still works without it:
// Enter opens the full result list.
document.addEventListener('DOMContentLoaded', function () {
  var box = document.getElementById('global-search');
  if (!box) return;
  var list = document.createElement('ul');
  list.id = 'search-results';
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  box.setAttribute('autocomplete', 'off');
  box.setAttribute('aria-controls', 'search-results');
  box.parentNode.appendChild(list);
  var timer = null, asked = '', active = -1;

  function close() { list.hidden = true; active = -1; }
  function mark(i) {
    var items = list.querySelectorAll('a');
    if (!items.length) return;
    active = (i + items.length) % items.length;
    items.forEach(function (a, j) { a.setAttribute('aria-selected', j === active ? 'true' : 'false'); });
  }
  function show(customers, q) {
    if (q !== box.value.trim()) return;  // an older answer
    list.textContent = '';
    customers.forEach(function (c) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '/customers/' + c.id;
      a.setAttribute('role', 'option');
      a.textContent = c.display_name;
      var extra = document.createElement('span');
      extra.className = 'muted small';
      extra.textContent = ' ' + [c.number, c.phone, c.email, c.city].filter(Boolean).join(' · ');
      a.appendChild(extra);
      li.appendChild(a);
      list.appendChild(li);
    });
    if (!customers.length) {
      var none = document.createElement('li');
      none.className = 'muted';
      none.textContent = 'Nobody matches “' + q + '”.';
      list.appendChild(none);
    }
    list.hidden = false;
    active = -1;
  }
  box.addEventListener('input', function () {
    var q = box.value.trim();
    clearTimeout(timer);
    if (q.length < 2) { close(); return; }
    timer = setTimeout(function () {
      asked = q;
      fetch('/api/v1/customers?limit=8&q=' + encodeURIComponent(q), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : { data: [] }; })
        .then(function (body) { show(body.data || [], asked); })
        .catch(close);
    }, 150);
  });
  box.addEventListener('keydown', function (e) {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') { mark(active + 1); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { mark(active - 1); e.preventDefault(); }
    else if (e.key === 'Escape') { close(); }
    else if (e.key === 'Enter' && active >= 0) { window.location = list.querySelectorAll('a')[active].href; e.preventDefault(); }
  });
  document.addEventListener('click', function (e) { if (!list.contains(e.target) && e.target !== box) close(); });
});
