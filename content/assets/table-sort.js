// Sortable tables, for readers with JavaScript: in a table marked `data-sortable`, each header cell with
// `data-sort` becomes a button that sorts the body's rows by that column (numbers by their `data-value`, text
// alphabetically in the page's language); a second press reverses the order. The header's aria-sort says how the
// table is sorted. Without JavaScript the table is as the server wrote it, sorted by amount, largest first.
(function () {
  'use strict';
  var collator = typeof Intl !== 'undefined' ? new Intl.Collator(document.documentElement.lang || 'sv', { numeric: true, sensitivity: 'base' }) : null;

  function valueOf(cell) {
    var raw = cell.getAttribute('data-value');
    return raw !== null ? raw : (cell.textContent || '').trim();
  }

  Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), function (table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[table.tHead.rows.length - 1].cells);
    heads.forEach(function (th, column) {
      var kind = th.getAttribute('data-sort');
      if (!kind) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', function () {
        var current = th.getAttribute('aria-sort');
        var first = kind === 'number' ? 'descending' : 'ascending';
        // First press: largest (numbers) or A (text) first; the next press on the same column reverses it.
        var order = current === first ? (first === 'ascending' ? 'descending' : 'ascending') : first;
        var sign = order === 'ascending' ? 1 : -1;
        Array.prototype.forEach.call(table.tBodies, function (body) {
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = valueOf(a.cells[column]);
            var y = valueOf(b.cells[column]);
            if (kind === 'number') return sign * ((parseFloat(x) || 0) - (parseFloat(y) || 0));
            return sign * (collator ? collator.compare(x, y) : x < y ? -1 : x > y ? 1 : 0);
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
        heads.forEach(function (other) { if (other !== th) other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', order);
      });
    });
  });
})();
