/**
 * The download formats (scripts/pipeline/formats/) read back by a second reader and compared, row by row and in
 * the exact total, with the published CSV they were made from (written by the real writer, scripts/pipeline/
 * write.ts `csvLine`, from rows fast-check draws: formulas, quotes, `;` and `,`, line breaks, å/ä/ö, emoji, empty
 * fields, amounts from −10^13 to 10^13 kr with 0–2 decimals, dates or month-only dates):
 *   - Parquet: by hyparquet (pure JS) and by DuckDB; ZSTD; belopp DECIMAL(18,2), datum DATE only when every value
 *     is a full date;
 *   - CSV for Excel: by csv-parse with `;`: BOM, CRLF, decimal comma, the formula guard kept.
 * Each returns path, bytes and SHA-256 of what it wrote; a source that is not a published CSV is refused.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { SPEC_COLUMNS } from '../scripts/pipeline/columns.ts';
import { csvLine } from '../scripts/pipeline/write.ts';
import { DOWNLOAD_FORMATS, excelCsvWriter, parquetWriter, SourceCsvError } from '../scripts/pipeline/formats/index.ts';
import { tempDir } from './helpers/paths.ts';

const AMOUNT = SPEC_COLUMNS.indexOf('belopp');
const DATE = SPEC_COLUMNS.indexOf('datum');

const text = fc.oneof(
  fc.constantFrom('', 'Bygg & Måleri AB', '=HYPERLINK("http://evil.example/","x")', '+46 31 123', '-', '-12.50', '@SUM(A1)', '\tTab', 'semi;colon', 'comma, quote "x"', 'rad ett\r\nrad två', 'Åsa Öberg', '😀 emoji', "'apostrof", '[personnummer borttaget]'),
  fc.string({ maxLength: 12 }),
);
// Up to ±10^13 kr: hyparquet gives a DECIMAL as a float, exact below 2^53 öre (DuckDB reads it exactly anyway).
const amount = fc.tuple(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), fc.constantFrom(0, 1, 2)).map(([whole, decimals]) => {
  if (decimals === 0) return String(whole);
  const abs = whole < 0n ? -whole : whole;
  const frac = String(abs % 10n ** BigInt(decimals)).padStart(decimals, '0');
  return `${whole < 0n ? '-' : ''}${abs / 10n ** BigInt(decimals)}.${frac}`;
});
const day = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const row = (monthOnly: boolean) =>
  fc.tuple(fc.array(text, { minLength: SPEC_COLUMNS.length, maxLength: SPEC_COLUMNS.length }), amount, monthOnly ? fc.oneof(day, day.map((d) => d.slice(0, 7))) : day).map(([cells, a, d]) => {
    cells[AMOUNT] = a;
    cells[DATE] = d;
    return cells;
  });

/** A published CSV as the build writes it. */
function publishedCsv(dir: string, rows: string[][]): string {
  const path = join(dir, 'period.csv');
  writeFileSync(path, `${SPEC_COLUMNS.join(',')}\r\n${rows.map((r) => csvLine(r as never)).join('')}`);
  return path;
}

const ore = (a: string) => {
  const [w, f = ''] = a.replace('-', '').split('.');
  const v = BigInt(w) * 100n + BigInt(f.padEnd(2, '0'));
  return a.startsWith('-') ? -v : v;
};
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function checkParquet(csv: string, out: string, drawn: string[][]): Promise<void> {
  let rows = drawn;
  const written = await parquetWriter.write(csv, out);
  assert.equal(written, { path: out, bytes: readFileSync(out).length, sha256: sha(out) });
  // What the formats hold is the published CSV's values (its formula guard included).
  const source = parse(readFileSync(csv), { columns: false, from_line: 2 }) as string[][];
  assert.is(source.length, rows.length);
  const total = rows.reduce((s, r) => s + ore(r[AMOUNT]), 0n);
  rows = source;
  const fullDates = rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[DATE]));

  // hyparquet (pure JS): the schema, and every value.
  const file = await asyncBufferFromFile(out);
  const meta = await parquetMetadataAsync(file);
  const schema = Object.fromEntries(meta.schema.slice(1).map((e) => [e.name, e]));
  assert.equal(Object.keys(schema), [...SPEC_COLUMNS]);
  assert.is(schema.belopp.converted_type, 'DECIMAL');
  assert.equal([schema.belopp.precision, schema.belopp.scale], [18, 2]);
  assert.is(schema.datum.converted_type, fullDates ? 'DATE' : 'UTF8');
  assert.ok(meta.row_groups.every((g) => g.columns.every((c) => c.meta_data?.codec === 'ZSTD')), 'ZSTD');
  const objects = await parquetReadObjects({ file, compressors });
  assert.is(objects.length, rows.length);
  let hyTotal = 0n;
  objects.forEach((o, i) => {
    for (const [c, name] of SPEC_COLUMNS.entries()) {
      const v = o[name];
      if (name === 'belopp') {
        hyTotal += BigInt(Math.round(Number(v) * 100));
        assert.is(BigInt(Math.round(Number(v) * 100)), ore(rows[i][c]), `row ${i} belopp`);
      } else if (name === 'datum' && fullDates) assert.is((v as Date).toISOString().slice(0, 10), rows[i][c], `row ${i} datum`);
      else assert.is(v ?? '', rows[i][c], `row ${i} ${name}`);
    }
  });
  assert.is(hyTotal, total, 'hyparquet: the exact total');

  // DuckDB: every row, and the exact total in DECIMAL.
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const read = (await db.runAndReadAll(`SELECT * FROM read_parquet('${out}')`)).getRowObjectsJS();
  read.forEach((r, i) => {
    for (const [c, name] of SPEC_COLUMNS.entries()) {
      const v = r[name];
      if (name === 'belopp') continue; // exactly, as text, below
      if (name === 'datum' && fullDates) assert.is((v as Date).toISOString().slice(0, 10), rows[i][c]);
      else assert.is(v ?? '', rows[i][c], `duckdb row ${i} ${name}`);
    }
  });
  const exact = (await db.runAndReadAll(`SELECT CAST(sum(belopp) AS VARCHAR) AS total, list(CAST(belopp AS VARCHAR)) AS amounts FROM read_parquet('${out}')`)).getRowObjectsJS()[0];
  assert.is(ore(String(exact.total)), total, 'DuckDB: the exact total');
  assert.equal((exact.amounts as string[]).map(ore), rows.map((r) => ore(r[AMOUNT])), 'DuckDB: every amount exactly');
  db.closeSync();
  instance.closeSync();
}

test('Parquet: every row, every value and the exact total, read by hyparquet and by DuckDB (fast-check)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.boolean().chain((monthOnly) => fc.array(row(monthOnly), { minLength: 1, maxLength: 60 })), async (rows) => {
      const dir = tempDir('insyn-formats-');
      await checkParquet(publishedCsv(dir, rows), join(dir, 'period.parquet'), rows);
    }),
    { numRuns: 12 },
  );
});

test('CSV for Excel: BOM, CRLF, `;`, decimal comma, the guard kept; csv-parse with `;` reads back every row (fast-check)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(row(true), { minLength: 1, maxLength: 80 }), async (rows) => {
      const dir = tempDir('insyn-formats-');
      const csv = publishedCsv(dir, rows);
      const out = join(dir, 'period.excel.csv');
      const written = await excelCsvWriter.write(csv, out);
      const bytes = readFileSync(out);
      assert.equal(written, { path: out, bytes: bytes.length, sha256: sha(out) });
      assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
      const body = bytes.toString('utf8').slice(1);
      assert.ok(body.endsWith('\r\n') && !/[^\r]\n/.test(body.replace(/"(?:[^"]|"")*"/g, '')), 'CRLF line ends outside quoted values');
      const back = parse(bytes, { delimiter: ';', bom: true }) as string[][];
      assert.equal(back[0], [...SPEC_COLUMNS]);
      const published = parse(readFileSync(csv), { from_line: 2 }) as string[][];
      assert.is(back.length - 1, rows.length);
      let total = 0n;
      back.slice(1).forEach((r, i) => {
        assert.match(r[AMOUNT], /^-?\d+(,\d{1,2})?$/, 'decimal comma');
        total += ore(r[AMOUNT].replace(',', '.'));
        for (let c = 0; c < r.length; c++) {
          if (c === AMOUNT) continue;
          // The published value, guard and all; nothing a spreadsheet would run as a formula.
          assert.is(r[c], published[i][c], `row ${i} column ${SPEC_COLUMNS[c]}`);
          // (A signed number such as +0 is a number to a spreadsheet, not a formula: the guard leaves it, as write.ts does.)
          if (!/^[+-]?\d+(?:[.,]\d+)?$/.test(r[c])) assert.not.match(r[c], /^[=+@\t\r]/, `row ${i}: a formula`);
        }
      });
      assert.is(total, rows.reduce((s, r) => s + ore(r[AMOUNT]), 0n), 'the exact total');
    }),
    { numRuns: 40 },
  );
});

test('a source that is not a published CSV is refused by both, and nothing is left behind', async () => {
  const dir = tempDir('insyn-formats-');
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, `${SPEC_COLUMNS.join(',')}\r\n${csvLine(SPEC_COLUMNS.map((c) => (c === 'belopp' ? '12,50' : c === 'datum' ? '2025-01-01' : 'x')) as never)}`);
  for (const w of DOWNLOAD_FORMATS) {
    const out = join(dir, `bad${w.suffix}`);
    try {
      await w.write(bad, out);
      assert.unreachable(`${w.format} accepted it`);
    } catch (e) {
      assert.instance(e, SourceCsvError, (e as Error).message);
      assert.match((e as Error).message, 'belopp');
    }
  }
});

test.run();
