/**
 * Generative tests of the xlsx source: random tables (any Unicode text with `;` `"` newlines, XML specials and
 * spaces at the ends; amounts with two decimals as number cells, written as Excel and other writers do; dates as
 * date-styled serials in both date systems; sparse cells), written with the test writer in random layouts (shared
 * or inline strings, part order, strict OOXML, prefixes, with or without references), read back cell for cell.
 * And one generated workbook read by a second, independent reader (SheetJS), so that the writer is not only
 * checked against our own reader.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as XLSX from '@e965/xlsx';
import { safe } from '../scripts/privacy/safe.ts';
import { readWorkbook } from '../scripts/pipeline/sources/xlsx.ts';
import { tempDir } from './helpers/paths.ts';
import { columnName, STYLE, writeXlsx, type Cell, type Row, type Workbook } from './helpers/xlsx.ts';

const dir = tempDir('insyn-xlsx-prop-');
let counter = 0;

/** A cell as drawn, with the text the reader must give for it. */
interface Drawn {
  cell: Cell;
  expect: string;
}

const DAY = 86_400_000;

/** Öre → the decimal text (`-0.05`, `1234.5`, `100`): integer arithmetic only. */
function oreText(ore: bigint): string {
  const neg = ore < 0n;
  const abs = neg ? -ore : ore;
  const kr = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  const text = frac ? `${kr}.${frac}` : `${kr}`;
  return neg && text !== '0' ? `-${text}` : text;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Excel's serial for a day: from 1899-12-31 before 1900-03-01 (its fictitious 1900-02-29 comes between), else 1899-12-30; 1904: from 1904-01-01. */
function serialOf(ms: number, date1904: boolean): number {
  if (date1904) return (ms - Date.UTC(1904, 0, 1)) / DAY;
  return ms < Date.UTC(1900, 2, 1) ? (ms - Date.UTC(1899, 11, 31)) / DAY : (ms - Date.UTC(1899, 11, 30)) / DAY;
}

function isoOf(ms: number, seconds: number): string {
  const d = new Date(ms);
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (seconds === 0) return day;
  return `${day} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 3, arbitrary: fc.constantFrom(';', '"', '\n', '\r\n', '\r', '<', '>', '&', '&amp;', "'", ' ', '  ', '\t', '_x0041_', '_x000D_', ']]>', '\u0000', '\uFFFE', '\uD800', 'Åkerö', '556626-7893', '\u00A0', '–') },
);
const text = fc.array(fragment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

const amount = (useStyle: boolean) =>
  fc
    .record({
      ore: fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
      form: fc.constantFrom('shortest', 'precision17', 'exponent'),
      style: useStyle ? fc.constantFrom(STYLE.amount, STYLE.general) : fc.constant(STYLE.general),
    })
    .map(({ ore, form, style }): Drawn => {
      const x = Number(ore) / 100;
      const v = form === 'shortest' ? String(x) : form === 'precision17' ? x.toPrecision(17) : x.toExponential();
      return { cell: { n: v, s: style }, expect: oreText(ore) };
    });

const date = (date1904: boolean) =>
  fc
    .record({
      ms: fc.integer({ min: date1904 ? Date.UTC(1904, 0, 1) / DAY : Date.UTC(1900, 0, 1) / DAY, max: Date.UTC(9999, 11, 31) / DAY }).map((d) => d * DAY),
      seconds: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 86_399 })),
      style: fc.constantFrom(STYLE.date, STYLE.isoDate, STYLE.datetime),
    })
    .map(({ ms, seconds, style }): Drawn => {
      const serial = serialOf(ms, date1904) + seconds / 86400;
      return { cell: { n: String(serial), s: style }, expect: isoOf(ms, seconds) };
    });

/** `formulaText`: formula results as text cells (`t="str"`), left out for SheetJS, which decodes their XML twice. */
const cellOf = (date1904: boolean, formulaText = true) =>
  fc.oneof(
    { weight: 4, arbitrary: text.map((t): Drawn => ({ cell: t, expect: t })) },
    { weight: 1, arbitrary: text.map((t): Drawn => ({ cell: { inline: t }, expect: t })) },
    { weight: formulaText ? 1 : 0, arbitrary: text.map((t): Drawn => ({ cell: { str: t }, expect: t })) },
    { weight: 3, arbitrary: amount(true) },
    { weight: 2, arbitrary: date(date1904) },
    { weight: 2, arbitrary: fc.constant<Drawn>({ cell: null, expect: '' }) },
    { weight: 1, arbitrary: fc.constant<Drawn>({ cell: '', expect: '' }) },
  );

const layout = fc.record({
  date1904: fc.boolean(),
  strings: fc.constantFrom<'shared' | 'inline'>('shared', 'inline'),
  sharedStringsLast: fc.boolean(),
  strict: fc.boolean(),
  prefix: fc.constantFrom(undefined, 'x', 'main'),
  cellRefs: fc.boolean(),
  rowRefs: fc.boolean(),
  compress: fc.boolean(),
});

const table = layout.chain((wb) =>
  fc.record({
    wb: fc.constant(wb),
    rows: fc.array(fc.array(cellOf(wb.date1904), { minLength: 0, maxLength: 7 }), { minLength: 0, maxLength: 25 }),
  }),
);

/** What the reader must give: rows up to their last non-empty cell, empty rows left out, with Excel's row numbers. */
function expected(rows: Drawn[][]): [number, string[]][] {
  const out: [number, string[]][] = [];
  rows.forEach((row, i) => {
    const fields = row.map((c) => c.expect);
    while (fields.length && fields[fields.length - 1] === '') fields.pop();
    if (fields.length) out.push([i + 1, fields]);
  });
  return out;
}

test('property: random tables written in random layouts read back cell for cell', async () => {
  await fc.assert(
    fc.asyncProperty(table, async ({ wb, rows }) => {
      const path = join(dir, `p${++counter}.xlsx`);
      // Without cell references a missing cell would shift the others: write an empty string cell instead.
      const cellsOf = (row: Drawn[]): Cell[] => row.map((c) => (wb.cellRefs || c.cell !== null ? c.cell : ''));
      await writeXlsx(path, { ...wb, sheets: [{ name: 'Blad1', rows: rows.map(cellsOf) }] });
      const got: [number, string[]][] = [];
      const info = await readWorkbook(path, safe('p.xlsx'), { onRecord: (f, n) => got.push([n, f]) });
      assert.is(info.date1904, wb.date1904);
      assert.equal(got, expected(rows));
    }),
    { numRuns: 150 },
  );
});

test('property: formatNumber and the date rules for single cells in 1,000 draws (one workbook)', async () => {
  // Many values in one workbook: amounts and dates in the 1900 system, one row each.
  const draws = fc.sample(fc.oneof(amount(true), date(false)), { numRuns: 1000, seed: 42 });
  const path = join(dir, 'many.xlsx');
  await writeXlsx(path, { sheets: [{ name: 'Blad1', rows: draws.map((d) => [d.cell]) }] });
  const got: string[] = [];
  await readWorkbook(path, safe('many.xlsx'), { onRecord: (f) => got.push(f[0]) });
  assert.equal(got, draws.map((d) => d.expect));
});

// ------------------------------------------------------------------------------------------------ independent reader

/** Reads a workbook with SheetJS and gives each cell as our rules say it should be. */
function sheetjsCells(path: string): { rows: Map<number, string[]>; date1904: boolean } {
  const wb = XLSX.read(readFileSync(path), { cellDates: false, cellNF: true, raw: false });
  const ws = wb.Sheets[wb.SheetNames[0]];
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const rows = new Map<number, string[]>();
  const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
  for (let r = range.s.r; r <= range.e.r; r++) {
    const fields: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) {
      const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
      let v = '';
      if (cell && cell.t === 's') v = String(cell.v);
      else if (cell && cell.t === 'n') {
        const fmt = typeof cell.z === 'string' ? cell.z : '';
        if (fmt && XLSX.SSF.is_date(fmt)) {
          const p = XLSX.SSF.parse_date_code(cell.v as number, { date1904 });
          const day = `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
          v = p.H || p.M || p.S ? `${day} ${pad(p.H)}:${pad(p.M)}:${pad(Math.round(p.S))}` : day;
        } else v = `#number:${cell.v}`;
      } else if (cell && cell.t === 'b') v = cell.v ? 'TRUE' : 'FALSE';
      fields[c] = v;
    }
    while (fields.length && fields[fields.length - 1] === '') fields.pop();
    if (fields.length) rows.set(r + 1, fields);
  }
  return { rows, date1904 };
}

/** `YYYY-MM-DD[ hh:mm:ss]` as seconds since 1970 (NaN when not a date). */
function dateSeconds(text: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d))?$/.exec(text);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => Number(x ?? 0));
  return Date.UTC(y, mo - 1, d) / 1000 + h * 3600 + mi * 60 + se;
}

for (const date1904 of [false, true]) {
  test(`independent reader (SheetJS) agrees on a generated workbook (${date1904 ? '1904' : '1900'} date system)`, async () => {
    const wbShape: Partial<Workbook> = { date1904, sharedStringsLast: date1904 };
    const rowsDrawn = fc.sample(fc.array(cellOf(date1904, false), { minLength: 1, maxLength: 6 }), { numRuns: 300, seed: date1904 ? 7 : 3 });
    const rows: (Cell[] | Row)[] = [['leverantor', 'belopp', 'datum', 'text'], ...rowsDrawn.map((r) => r.map((d) => d.cell))];
    const path = join(dir, `sheetjs-${date1904}.xlsx`);
    await writeXlsx(path, { ...wbShape, sheets: [{ name: 'Data', rows }] });
    const ours = new Map<number, string[]>();
    const info = await readWorkbook(path, safe('x.xlsx'), { onRecord: (f, n) => ours.set(n, f) });
    const theirs = sheetjsCells(path);
    assert.is(theirs.date1904, date1904);
    assert.is(info.date1904, date1904);
    assert.equal([...ours.keys()], [...theirs.rows.keys()]);
    let numbers = 0;
    let dates = 0;
    const texts = { compared: 0 };
    for (const [n, fields] of ours) {
      const other = theirs.rows.get(n)!;
      assert.is(fields.length, other.length, `row ${n}`);
      fields.forEach((v, c) => {
        const w = other[c];
        if (w.startsWith('#number:')) {
          numbers++;
          assert.is(Number(v), Number(w.slice(8)), `${columnName(c)}${n}: ${v} vs ${w}`);
        } else {
          if (/^\d{4}-\d\d-\d\d/.test(w)) {
            // SheetJS truncates a time of day to the second where we round (serials carry float noise): 1 s apart at most.
            dates++;
            assert.ok(Math.abs(dateSeconds(v) - dateSeconds(w)) <= 1, `${columnName(c)}${n}: date ${v} vs ${w}`);
          } else {
            texts.compared++;
            // SheetJS turns \r\n into \n in text; Excel keeps what was written, and so do we.
            assert.is(v.replace(/\r\n/g, '\n'), w, `${columnName(c)}${n}: ${JSON.stringify(n > 1 ? rowsDrawn[n - 2][c] : null)}`);
          }
        }
      });
    }
    assert.ok(numbers > 50 && dates > 50 && texts.compared > 200, `numbers ${numbers}, dates ${dates}, texts ${JSON.stringify(texts)}`);
  });
}

test.run();
