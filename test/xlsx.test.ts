/**
 * The xlsx source (scripts/pipeline/sources/xlsx.ts): Örebro's real workbook, and generated workbooks for every rule
 * of how cells become text (numbers, dates in both systems, text kinds, sparse rows, namespaces, sheet choice).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { msg, safe } from '../scripts/privacy/safe.ts';
import { readWorkbook, type WorkbookInfo } from '../scripts/pipeline/sources/xlsx.ts';
import { UnusableFileError } from '../scripts/pipeline/unusable.ts';
import { needShared, SHARED, tempDir } from './helpers/paths.ts';
import { STYLE, writeXlsx, type Cell, type Row, type Workbook } from './helpers/xlsx.ts';
import PersonnummerModule from 'personnummer';

/** The `personnummer` package as the oracle for which ids are personnummer (its CommonJS default export). */
const Personnummer = ((PersonnummerModule as unknown as { default?: unknown }).default ?? PersonnummerModule) as { valid(s: string): boolean };

const dir = tempDir('insyn-xlsx-');
let counter = 0;

async function write(wb: Workbook): Promise<string> {
  const path = join(dir, `w${++counter}.xlsx`);
  await writeXlsx(path, wb);
  return path;
}

async function readAll(path: string, opts: { sheet?: string } = {}): Promise<{ rows: [number, string[]][]; info: WorkbookInfo }> {
  const rows: [number, string[]][] = [];
  const info = await readWorkbook(path, safe('test.xlsx'), { onRecord: (fields, n) => rows.push([n, fields]) }, opts);
  return { rows, info };
}

/** The cells of a one-sheet workbook of the given rows. */
async function cells(rows: (Cell[] | Row)[], wb: Partial<Workbook> = {}): Promise<string[][]> {
  const { rows: out } = await readAll(await write({ sheets: [{ name: 'Blad1', rows }], ...wb }));
  return out.map(([, f]) => f);
}

// ------------------------------------------------------------------------------------------------ Örebro

test('Örebro, March 2016 (real): sheet Blad2, header, 68,021 rows, UTFALL to the öre, ids as text', async () => {
  if (!needShared('the Örebro workbook test')) return;
  const path = join(SHARED, 'fixtures/real/orebro-2016-03.xlsx');
  const { rows, info } = await readAll(path);
  assert.is(info.sheet, 'Blad2');
  assert.equal(info.sheets, ['Blad2']);
  assert.is(info.date1904, false);
  assert.is(info.rows, 68_022);
  const [[headerRow, header], ...data] = rows;
  assert.is(headerRow, 1);
  assert.equal(header, ['RN1/FÖRVALTNING', 'LEVERANTÖR', 'ORGANISATIO', 'FAKT NR', 'KONTO', 'UTFALL']);
  assert.is(data.length, 68_021);
  assert.is(data[0][0], 2);
  assert.is(data[data.length - 1][0], 68_022);
  // Sum in integer öre from the cell texts: no floats anywhere.
  let ore = 0n;
  for (const [, f] of data) {
    const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(f[5]);
    assert.ok(m, `UTFALL ${f[5]} is a plain decimal with at most two decimals`);
    const v = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
    ore += m[1] ? -v : v;
  }
  assert.is(ore, 45_018_728_339n);
  const ids = data.map(([, f]) => f[2]);
  assert.ok(ids.includes('556626-7893'), 'org numbers are the cell text 556626-7893, not a number');
  assert.ok(data.some(([, f]) => f[1].includes(';')), 'the name with a ; inside is kept');
  assert.is(ids.filter((id) => Personnummer.valid(id)).length, 266);
  assert.is(ids.filter((id) => id === 'NULL').length, 16);
  assert.is(ids.filter((id) => id === 'SAKNAS').length, 4);
  assert.is(data.filter(([, f]) => (f[2] ?? '') === '').length, 2);
  assert.ok(data.every(([, f]) => f.length <= 6));
  assert.ok(data.every(([, f]) => /^\d+$/.test(f[3])), 'FAKT NR are integers');
  assert.ok(data.some(([, f]) => f[4] === '64400 Livsmedel'));
  assert.ok(data.some(([, f]) => f[1].endsWith(' ')), 'trailing spaces of names are kept as written');
});

// ------------------------------------------------------------------------------------------------ numbers

test('numbers: the stored value to 15 significant digits, never the display format, no exponent', async () => {
  const values = ['3270.4999999999995', '0.30000000000000004', '5566267893', '-1302.03', '1E-3', '1.5e+21', '-0', '123456789012345678', '0.1', '100', '2.5E-7', '9632'];
  const expected = ['3270.5', '0.3', '5566267893', '-1302.03', '0.001', '1500000000000000000000', '0', '123456789012346000', '0.1', '100', '0.00000025', '9632'];
  const styles = [STYLE.amount, STYLE.general, STYLE.text];
  for (const s of styles) {
    const got = await cells([values.map((n) => ({ n, s }))]);
    assert.equal(got, [expected], `style ${s}`);
  }
});

// ------------------------------------------------------------------------------------------------ dates

test('dates: date-styled serials in the 1900 system, with Excel\'s 1900-02-29', async () => {
  const row: Cell[] = [
    { n: 42430, s: STYLE.date }, // 2016-03-01
    { n: 42430, s: STYLE.isoDate },
    { n: '42430.5', s: STYLE.datetime },
    { n: 42430.75, s: STYLE.date }, // a date format with a time in the value: the time is there
    { n: 1, s: STYLE.date },
    { n: 59, s: STYLE.date },
    { n: 60, s: STYLE.date },
    { n: 61, s: STYLE.date },
    { n: 2958465, s: STYLE.date },
    { n: 0.5, s: STYLE.time },
    { n: 42430.999999, s: STYLE.datetime }, // rounds to the next midnight
    { n: -5, s: STYLE.date }, // no date: the number
    { n: 42430, s: STYLE.amount }, // not a date format: the number
  ];
  assert.equal(await cells([row]), [
    ['2016-03-01', '2016-03-01', '2016-03-01 12:00:00', '2016-03-01 18:00:00', '1900-01-01', '1900-02-28', '1900-02-29', '1900-03-01', '9999-12-31', '12:00:00', '2016-03-02', '-5', '42430'],
  ]);
});

test('dates: the 1904 system (workbookPr date1904)', async () => {
  const path = await write({
    date1904: true,
    sheets: [{ name: 'Blad1', rows: [[{ n: 0, s: STYLE.date }, { n: 40968, s: STYLE.date }, { n: 40968.25, s: STYLE.datetime }, 5]] }],
  });
  const { rows, info } = await readAll(path);
  assert.is(info.date1904, true);
  assert.equal(rows[0][1], ['1904-01-01', '2016-03-01', '2016-03-01 06:00:00', '5']);
});

test('dates: custom formats with d/m/y/h/s outside quotes and brackets; elapsed time, quoted letters and colours are not dates', async () => {
  const formats = [
    ['yyyy-mm-dd', true],
    ['[$-41D]d/m/yyyy', true],
    ['dd/mm/yy;@', true],
    ['[Red]yyyy\\-mm\\-dd', true],
    ['hh:mm', true],
    ['mmm yyyy', true],
    ['#,##0.00', false],
    ['#,##0.00\\ "kr"', false],
    ['0" dagar"', false],
    ['[Red]#,##0.00;[Blue]-#,##0.00', false],
    ['[h]:mm:ss', false],
    ['General', false],
    ['0.00E+00', false],
    ['"Datum: "0', false],
    ['_-* #,##0.00\\ _k_r_-;\\-* #,##0.00\\ _k_r_-', false],
  ] as const;
  const numFmts = formats.map(([code], i) => ({ id: 164 + i, code }));
  const cellXfs = [0, ...numFmts.map((f) => f.id)];
  const got = await cells([formats.map((_, i) => ({ n: 42430, s: i + 1 }))], { numFmts, cellXfs });
  const expectDate = formats.map(([code, isDate]) => [code, isDate ? '2016-03-01' : '42430']);
  assert.equal(
    got[0].map((v, i) => [formats[i][0], v]),
    expectDate,
  );
});

test('dates: built-in date format ids 14–22, 27–36, 45–47, 50–58 are dates, others are not', async () => {
  const dateIds = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];
  const otherIds = [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 38, 39, 40, 48, 49];
  const ids = [...dateIds, ...otherIds];
  const got = await cells([ids.map((_, i) => ({ n: '42430.5', s: i }))], { cellXfs: ids, numFmts: [] });
  assert.equal(
    got[0],
    ids.map((id) => (dateIds.includes(id) ? '2016-03-01 12:00:00' : '42430.5')),
  );
});

test('dates: t="d" cells (ISO 8601) as YYYY-MM-DD, with the time when it is not midnight', async () => {
  assert.equal(await cells([[{ iso: '2016-03-01T00:00:00Z' }, { iso: '2016-03-01' }, { iso: '2016-03-01T12:30:05.250' }, { iso: 'inte ett datum' }]]), [
    ['2016-03-01', '2016-03-01', '2016-03-01 12:30:05', 'inte ett datum'],
  ]);
});

// ------------------------------------------------------------------------------------------------ text

test('text: shared, inline, formula results, rich text without phonetic runs, escapes, as written', async () => {
  const row: Cell[] = [
    '  Åkerö Bygg AB  ',
    { inline: 'Café "Blå" & <Söner>' },
    { str: 'formel; resultat', f: 'CONCATENATE("a";"b")' },
    { rich: [{ text: 'Fet ', bold: true }, { text: 'och smal' }], phonetic: 'フリガナ' },
    'rad 1\nrad 2\r\nrad 3\rslut',
    'tab\there',
    'bell\u0007 and _x0041_ literally',
    '&amp; as typed',
    '😀 emoji',
    { f: 'SUM(A1:A2)', n: '0.30000000000000004' },
    true,
    false,
    { error: '#N/A' },
    { error: '#DIV/0!' },
  ];
  assert.equal(await cells([row]), [
    [
      '  Åkerö Bygg AB  ',
      'Café "Blå" & <Söner>',
      'formel; resultat',
      'Fet och smal',
      'rad 1\nrad 2\r\nrad 3\rslut',
      'tab\there',
      'bell\u0007 and _x0041_ literally',
      '&amp; as typed',
      '😀 emoji',
      '0.3',
      'TRUE',
      'FALSE',
      '#N/A',
      '#DIV/0!',
    ],
  ]);
});

test('text: inline strings throughout (strings: inline), as some exporters write', async () => {
  assert.equal(await cells([['a', 'b; c'], ['  d ', 'e']], { strings: 'inline' }), [
    ['a', 'b; c'],
    ['  d ', 'e'],
  ]);
});

test('text: raw XML the writer does not make (CDATA, entities, xml:space, an <is> with runs and a phonetic run)', async () => {
  const raw: Cell[] = [
    { xml: '<c r="A1" t="str"><f>A2</f><v><![CDATA[<cdata> & text]]></v></c>' },
    { xml: '<c r="B1" t="inlineStr"><is><r><t>Run </t></r><r><rPr><b/></rPr><t xml:space="preserve">two </t></r><rPh sb="0" eb="1"><t>ふり</t></rPh></is></c>' },
    { xml: '<c r="C1" t="str"><v>&#x41;&#66;&lt;&apos;&quot;</v></c>' },
    { xml: '<c r="D1" t="n"/>' },
    { xml: '<c r="E1" s="0"><v></v></c>' },
    { xml: '<c r="F1" t="s"><v>0</v></c>' },
    { xml: '<c r="G1" t="s"><v></v></c>' }, // no index: empty, not string 0
    { xml: '<c r="H1" t="b"><v>1</v></c>' },
  ];
  assert.equal(await cells([['shared zero'], raw]), [['shared zero'], ['<cdata> & text', 'Run two ', 'AB<\'"', '', '', 'shared zero', '', 'TRUE']]);
});

// ------------------------------------------------------------------------------------------------ rows and cells

test('sparse rows by cell reference: gaps filled with \'\', row numbers as Excel shows them, empty rows skipped', async () => {
  const path = await write({
    sheets: [
      {
        name: 'Blad1',
        rows: [
          { r: 3, cells: ['Rapport: leverantörsreskontra'] },
          { r: 4, cells: [null, null, null] },
          { r: 5, cells: ['', '', ''] }, // empty strings only: an empty row
          { r: 7, cells: ['a', null, 'c', null, null] },
          { r: 8, cells: [null, null, null, 'd'] },
          { r: 9, cells: ['x', '', '', ''] }, // trailing empty cells are not fields
        ],
      },
    ],
  });
  const { rows, info } = await readAll(path);
  assert.equal(rows, [
    [3, ['Rapport: leverantörsreskontra']],
    [7, ['a', '', 'c']],
    [8, ['', '', '', 'd']],
    [9, ['x']],
  ]);
  assert.is(info.rows, 4);
});

test('rows without r are counted on; cells without r follow the previous cell', async () => {
  const path = await write({
    rowRefs: false,
    cellRefs: false,
    sheets: [{ name: 'Blad1', rows: [['h1', 'h2', 'h3'], ['a', 'b', 'c'], { r: 10, cells: ['j'] }, ['k', 'l']] }],
  });
  const { rows } = await readAll(path);
  assert.equal(rows, [
    [1, ['h1', 'h2', 'h3']],
    [2, ['a', 'b', 'c']],
    [3, ['j']], // rowRefs: false leaves every r out
    [4, ['k', 'l']],
  ]);
  const mixed = await write({
    sheets: [
      {
        name: 'Blad1',
        rows: [
          { r: 2, cells: ['a', 'b'] },
          { r: null, cells: [{ xml: '<c r="C3"><v>1</v></c>' }, { xml: '<c><v>2</v></c>' }, { xml: '<c r="F3"><v>3</v></c>' }, { xml: '<c><v>4</v></c>' }] },
        ],
      },
    ],
  });
  assert.equal((await readAll(mixed)).rows, [
    [2, ['a', 'b']],
    [3, ['', '', '1', '2', '', '3', '4']],
  ]);
});

test('namespaces matched by local name: strict OOXML and prefixed elements read like transitional', async () => {
  const rows: Cell[][] = [
    ['leverantor', 'belopp', 'datum'],
    ['Åkerö AB', { n: '1234.5', s: STYLE.amount }, { n: 42430, s: STYLE.date }],
  ];
  const expected = [
    ['leverantor', 'belopp', 'datum'],
    ['Åkerö AB', '1234.5', '2016-03-01'],
  ];
  for (const wb of [{}, { strict: true }, { prefix: 'x' }, { strict: true, prefix: 'main', date1904: false }] as Partial<Workbook>[]) {
    assert.equal(await cells(rows, wb), expected, JSON.stringify(wb));
  }
});

test('sharedStrings after the sheet in the zip, and parts found without their relationships', async () => {
  const rows: Cell[][] = [['a', 'b'], ['c', { n: 1, s: STYLE.date }]];
  assert.equal(await cells(rows, { sharedStringsLast: true }), [['a', 'b'], ['c', '1900-01-01']]);
  assert.equal(await cells(rows, { omitPartRels: true }), [['a', 'b'], ['c', '1900-01-01']]);
  assert.equal(await cells(rows, { compress: false }), [['a', 'b'], ['c', '1900-01-01']]);
});

// ------------------------------------------------------------------------------------------------ sheets

test('sheet: the first visible one in workbook order, or the one named', async () => {
  const path = await write({
    sheets: [
      { name: 'Dold', state: 'hidden', rows: [['hidden']] },
      { name: 'Diagram', chart: true, rows: [] },
      { name: 'Data', rows: [['data']], part: 'sheet9.xml' },
      { name: 'Blad 3', rows: [['third']], part: 'sheet0.xml' }, // part names need not follow the order
    ],
  });
  let r = await readAll(path);
  assert.is(r.info.sheet, 'Data');
  assert.equal(r.info.sheets, ['Dold', 'Diagram', 'Data', 'Blad 3']);
  assert.equal(r.rows, [[1, ['data']]]);
  r = await readAll(path, { sheet: 'Blad 3' });
  assert.is(r.info.sheet, 'Blad 3');
  assert.equal(r.rows, [[1, ['third']]]);
  r = await readAll(path, { sheet: 'Dold' });
  assert.equal(r.rows, [[1, ['hidden']]]);
  r = await readAll(path, { sheet: 'blad 3' }); // Excel's sheet names ignore case
  assert.is(r.info.sheet, 'Blad 3');
  for (const [sheet, words] of [
    ['Blad2', ['no sheet named "Blad2"', '"Dold", "Diagram", "Data", "Blad 3"']],
    ['Diagram', ['chart', '"Data"']],
  ] as const) {
    try {
      await readAll(path, { sheet });
      assert.unreachable(sheet);
    } catch (e) {
      assert.instance(e, UnusableFileError);
      for (const w of words) assert.ok((e as Error).message.includes(w), (e as Error).message);
    }
  }
});

test('the file is hashed (SHA-256 of its bytes); a file that changes while it is read is refused', async () => {
  const rows = Array.from({ length: 50 }, (_, i) => [`rad ${i}`, i]);
  const path = await write({ sheets: [{ name: 'Blad1', rows }] });
  const { info } = await readAll(path);
  assert.is(info.sha256, createHash('sha256').update(readFileSync(path)).digest('hex'));
  assert.is(info.bytes, statSync(path).size);
  try {
    await readWorkbook(path, safe('growing.xlsx'), {
      onRecord: (_f, n) => {
        if (n === 10) appendFileSync(path, 'more bytes from a writer that is not done');
      },
    });
    assert.unreachable('a changed file was read');
  } catch (e) {
    assert.instance(e, UnusableFileError);
    assert.match((e as Error).message, /growing\.xlsx: The file changed while it was being read/);
  }
});

test('an empty sheet gives no rows (the caller says there is no header)', async () => {
  const { rows, info } = await readAll(await write({ sheets: [{ name: 'Tom', rows: [] }] }));
  assert.equal(rows, []);
  assert.is(info.rows, 0);
});

// ------------------------------------------------------------------------------------------------ streaming

test('drain is awaited between chunks, progress comes about once a second, an onRecord error stops the read as it is', async () => {
  const many = () => Array.from({ length: 30_000 }, (_, i) => [`Leverantör ${i % 500}`, `rad ${i} med lite text`, { n: i / 100, s: STYLE.amount }] as Cell[]);
  const path = await write({ sheets: [{ name: 'Blad1', rows: many }] });
  let drains = 0;
  const progress: [number, number, number][] = [];
  let records = 0;
  const info = await readWorkbook(path, safe('x.xlsx'), {
    onRecord: () => records++,
    onProgress: (b, t, r) => progress.push([b, t, r]),
    drain: async () => {
      drains++;
      if (drains === 1) await new Promise((r) => setTimeout(r, 1100));
    },
  });
  assert.is(records, 30_000);
  assert.is(info.rows, 30_000);
  assert.ok(drains >= 2, `drain called ${drains} times`);
  assert.ok(progress.length >= 1, 'a progress report after a slow second');
  for (const [b, t, r] of progress) {
    assert.is(t, info.bytes);
    assert.ok(b > 0 && b <= t && r > 0 && r <= 30_000, JSON.stringify([b, t, r]));
  }
  const stop = new UnusableFileError(safe('x.xlsx'), msg`no header`, 1);
  try {
    await readWorkbook(path, safe('x.xlsx'), {
      onRecord: (_f, n) => {
        if (n === 10) throw stop;
      },
    });
    assert.unreachable();
  } catch (e) {
    assert.is(e, stop);
  }
});

test.run();
