// "Download the table (CSV)": every table marked `data-csv="<file name>"` gets a button that saves exactly the rows
// of its body as a CSV file, made in the browser from the page. Without JavaScript there is no button (the
// dataset's own files hold every row). The file follows the published CSV's conventions: UTF-8 without a BOM,
// comma, CRLF line ends, a quoted cell where it holds `"`, `,` or a line break, and a text cell that a spreadsheet
// would run as a formula (`=`, `+`, `-`, `@`, tab or CR first, other than a lone `-` or a plain number) written
// with a leading apostrophe, as scripts/pipeline/write.ts does. Column names are the header cells' `data-col`
// (the published files' names: konto_nr, belopp, rader …), values a cell's `data-value` (the raw, unformatted
// value: amounts as published decimal text) or else its text.
(function (root) {
  'use strict';
  var NEEDS_QUOTES = /[",\r\n]/;
  var FORMULA_START = /^[=+\-@\t\r]/;
  var NOT_A_FORMULA = /^(?:-+|[+-]?\d+(?:[.,]\d+)?)$/;

  function cell(value, numeric) {
    var v = String(value);
    if (!numeric && v !== '' && FORMULA_START.test(v) && !NOT_A_FORMULA.test(v)) v = "'" + v;
    return NEEDS_QUOTES.test(v) || v !== value ? '"' + v.replace(/"/g, '""') + '"' : v;
  }

  /** The CSV text of a header and rows (arrays of strings); `numeric[i]` for columns never guarded. */
  function csvText(header, rows, numeric) {
    var lines = [header.map(function (h) { return cell(h, false); }).join(',')];
    rows.forEach(function (row) {
      lines.push(row.map(function (v, i) { return cell(v, !!numeric[i]); }).join(','));
    });
    return lines.join('\r\n') + '\r\n';
  }

  function valueOf(el) {
    var raw = el.getAttribute('data-value');
    return raw !== null ? raw : (el.textContent || '').replace(/\s+/g, ' ').trim();
  }

  /** The table's header, rows and numeric columns as the CSV holds them. */
  function tableData(table) {
    var heads = Array.prototype.slice.call(table.tHead ? table.tHead.rows[table.tHead.rows.length - 1].cells : []);
    var header = heads.map(function (th) { return th.getAttribute('data-col') || valueOf(th); });
    var numeric = heads.map(function (th) { return th.getAttribute('data-type') === 'number'; });
    var rows = [];
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (tr) {
        rows.push(Array.prototype.map.call(tr.cells, valueOf));
      });
    });
    return { header: header, rows: rows, numeric: numeric };
  }

  root.insynTableCsv = { cell: cell, csvText: csvText };
  if (typeof document === 'undefined') return;

  Array.prototype.forEach.call(document.querySelectorAll('table[data-csv]'), function (table) {
    var label = table.getAttribute('data-csv-label');
    if (!label) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'table-download__button';
    button.textContent = label;
    button.addEventListener('click', function () {
      var data = tableData(table);
      var blob = new Blob([csvText(data.header, data.rows, data.numeric)], { type: 'text/csv;charset=utf-8' });
      var url = URL.createObjectURL(blob);
      var a = document.createElement('a');
      a.href = url;
      a.download = (table.getAttribute('data-csv') || 'tabell') + '.csv';
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 0);
    });
    var wrap = document.createElement('p');
    wrap.className = 'table-download';
    wrap.appendChild(button);
    var region = table.closest('.table-scroll') || table;
    region.parentNode.insertBefore(wrap, region.nextSibling);
  });
})(typeof window !== 'undefined' ? window : globalThis);
