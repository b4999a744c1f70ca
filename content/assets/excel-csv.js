// "CSV för Excel" on the dataset page: made in the browser from a period's published CSV, so that the site does
// not hold a second CSV of every period (the output budget: all downloads of a period at most 1.5x the export).
// The rules are those of scripts/pipeline/formats/excel-csv.ts, the server-side writer, and give the same bytes
// (test/formats-browser.test.ts runs both on the same CSV files): `;` between fields, a decimal comma in belopp,
// UTF-8 with a BOM, CRLF; text cells keep the published CSV's formula guard (a leading apostrophe) and are quoted
// when they hold `;`, `"`, CR or LF. The CSV is read as it arrives (fetch's stream) and parsed incrementally.
// Without a script the control stays hidden and the page says how to open the CSV in Excel.
(function () {
  'use strict';
  var FORMULA_START = /^[=+\-@\t\r]/;
  var NOT_A_FORMULA = /^(?:-+|[+-]?\d+(?:[.,]\d+)?)$/;
  var AMOUNT = /^-?\d+(?:\.\d{1,2})?$/;
  var NEEDS_QUOTES = /[";\r\n]/;

  /** One cell for `;` (excel-csv.ts `excelCell`, with write.ts `csvCell`'s guard). */
  function excelCell(value, numeric) {
    if (numeric) return value.replace('.', ',');
    var raw = value !== '' && FORMULA_START.test(value) && !NOT_A_FORMULA.test(value) ? "'" + value : value;
    return raw !== value || NEEDS_QUOTES.test(raw) ? '"' + raw.replace(/"/g, '""') + '"' : raw;
  }

  /** Parses the published CSV (`,`, `"` doubled inside quotes, CRLF) in pieces and writes the Excel form. */
  function Converter() {
    this.parts = ['\ufeff'];
    this.lines = [];
    this.record = [];
    this.field = '';
    this.quoted = false;
    this.quote = false; // a `"` inside a quoted field, not yet known to be doubled or closing
    this.started = false; // the field began (a quoted field may be empty)
    this.amount = -1;
    this.header = true;
    this.rows = 0;
    this.first = true;
  }
  Converter.prototype.endField = function () {
    this.record.push(this.field);
    this.field = '';
    this.started = false;
  };
  Converter.prototype.endRecord = function () {
    this.endField();
    var r = this.record;
    this.record = [];
    var cells = new Array(r.length);
    if (this.header) {
      this.amount = r.indexOf('belopp');
      for (var i = 0; i < r.length; i++) cells[i] = excelCell(r[i], false);
      this.header = false;
    } else {
      if (this.amount >= 0 && !AMOUNT.test(r[this.amount])) throw new Error('belopp ' + JSON.stringify(r[this.amount]) + ' is not an amount as published');
      for (var j = 0; j < r.length; j++) cells[j] = excelCell(r[j], j === this.amount);
      this.rows += 1;
    }
    this.lines.push(cells.join(';') + '\r\n');
    if (this.lines.length >= 2000) this.flush();
  };
  Converter.prototype.flush = function () {
    if (this.lines.length) this.parts.push(this.lines.join(''));
    this.lines = [];
  };
  Converter.prototype.push = function (text) {
    var i = 0;
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff) i = 1;
      if (text.length) this.first = false;
    }
    for (; i < text.length; i++) {
      var c = text[i];
      if (this.quoted) {
        if (this.quote) {
          this.quote = false;
          if (c === '"') {
            this.field += '"';
            continue;
          }
          this.quoted = false; // the quote closed the field: c is read as outside quotes
        } else if (c === '"') {
          this.quote = true;
          continue;
        } else {
          // A run of plain characters at once.
          var next = text.indexOf('"', i);
          var end = next === -1 ? text.length : next;
          this.field += text.slice(i, end);
          i = end - 1;
          continue;
        }
      }
      if (c === ',') this.endField();
      else if (c === '\n') this.endRecord();
      else if (c === '\r') continue;
      else if (c === '"' && !this.started && this.field === '') {
        this.quoted = true;
        this.started = true;
      } else {
        this.field += c;
        this.started = true;
      }
    }
  };
  /** The whole file as Blob parts (the BOM first). */
  Converter.prototype.end = function () {
    if (this.quote) {
      this.quote = false;
      this.quoted = false;
    }
    if (this.quoted) throw new Error('a quoted value is not closed');
    if (this.field !== '' || this.started || this.record.length) this.endRecord();
    if (this.header) throw new Error('empty (no header)');
    this.flush();
    return this.parts;
  };

  /** Converts a whole CSV text (for the tests). */
  function convertText(text) {
    var c = new Converter();
    c.push(text);
    return c.end().join('');
  }

  window.insynExcelCsv = { excelCell: excelCell, Converter: Converter, convertText: convertText };

  var buttons = document.querySelectorAll('[data-excel-csv]');
  if (!buttons.length || typeof fetch !== 'function' || typeof Blob !== 'function' || typeof TextDecoder !== 'function') return;
  var status = document.querySelector('[data-excel-csv-status]');
  var hint = document.querySelector('[data-excel-csv-hint]');
  if (hint) hint.hidden = false;
  function say(key, name, reason) {
    if (!status) return;
    status.textContent = (status.getAttribute('data-' + key) || '').replace('{name}', name).replace('{reason}', reason || '');
  }

  function convert(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      var converter = new Converter();
      var decoder = new TextDecoder('utf-8');
      if (!response.body || !response.body.getReader) {
        return response.text().then(function (text) {
          converter.push(text);
          return converter.end();
        });
      }
      var reader = response.body.getReader();
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) {
            converter.push(decoder.decode());
            return converter.end();
          }
          converter.push(decoder.decode(chunk.value, { stream: true }));
          return pump();
        });
      }
      return pump();
    });
  }

  Array.prototype.forEach.call(buttons, function (button) {
    var item = button.closest('[data-excel-csv-item]');
    // The CSV is the file linked in the item before this one (its address has the site's path prefix).
    var link = item && item.previousElementSibling ? item.previousElementSibling.querySelector('a[href$=".csv"]') : null;
    if (!item || !link) return;
    item.hidden = false;
    button.addEventListener('click', function () {
      var url = link.getAttribute('href');
      var name = decodeURIComponent(url.split('/').pop().split('?')[0]).replace(/\.csv$/, '') + '.excel.csv';
      button.disabled = true;
      say('working', name);
      convert(url)
        .then(function (parts) {
          var blob = new Blob(parts, { type: 'text/csv;charset=utf-8' });
          var a = document.createElement('a');
          a.href = URL.createObjectURL(blob);
          a.download = name;
          a.hidden = true;
          document.body.appendChild(a);
          a.click();
          setTimeout(function () {
            URL.revokeObjectURL(a.href);
            a.remove();
          }, 10000);
          say('done', name);
        })
        .catch(function (e) {
          say('failed', name, e && e.message ? e.message : String(e));
        })
        .then(function () {
          button.disabled = false;
          button.focus();
        });
    });
  });
})();
