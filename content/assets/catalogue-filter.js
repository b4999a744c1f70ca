// The catalogue's filter by publisher and year, for readers with JavaScript. Without it every dataset is listed,
// and the publisher pages and the list of files by year do the same job. The choice is kept in the address
// (?publisher=…&year=…), so a filtered view can be shared.
(function () {
  'use strict';
  var form = document.querySelector('[data-catalogue-filter]');
  var list = document.querySelector('[data-dataset-list]');
  if (!form || !list) return;
  var cards = Array.prototype.slice.call(list.children);
  var status = form.querySelector('[data-filter-status]');
  var empty = document.querySelector('[data-filter-empty]');
  var selects = Array.prototype.slice.call(form.querySelectorAll('select'));

  function apply() {
    var chosen = {};
    selects.forEach(function (select) { chosen[select.name] = select.value; });
    var shown = 0;
    cards.forEach(function (card) {
      var years = (card.getAttribute('data-years') || '').split(' ');
      var match = (!chosen.publisher || card.getAttribute('data-publisher') === chosen.publisher) &&
        (!chosen.year || years.indexOf(chosen.year) !== -1);
      card.hidden = !match;
      if (match) shown += 1;
    });
    if (status) {
      status.textContent = status.getAttribute('data-template')
        .replace('{shown}', String(shown)).replace('{all}', String(cards.length));
    }
    if (empty) empty.hidden = shown > 0;
    var params = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
    var query = params.toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
  }

  var initial = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    var wanted = initial.get(select.name);
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
  });
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
