/**
 * The sample-data generator (scripts/sample/): seeded randomness, invented identity numbers, the export dialects
 * (read back with csv-parse and the pipeline's header mapping), the benchmark file, and the sample data in `data/`.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import PersonnummerModule from 'personnummer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { datasetSchema, siteSchema } from '../scripts/config/schemas.ts';
import { mapHeader, type SpecColumn } from '../scripts/pipeline/columns.ts';
import { writeBenchFile } from '../scripts/sample/bench-file.ts';
import { EXEMPELBY, SJOVIK } from '../scripts/sample/catalog.ts';
import {
  decodeWindows1252,
  DIALECTS,
  dialectInfo,
  encodeWindows1252,
  exportBuffer,
  fitWindows1252,
  injectBadRows,
  type BadRowKind,
  type DialectName,
} from '../scripts/sample/dialects.ts';
import { generateRows, workingDays, type GenerateOptions, type SampleRow } from '../scripts/sample/generate.ts';
import { isTestPersonnummer, luhnCheckDigit, luhnValid, personnummerDigits } from '../scripts/sample/ids.ts';
import { makeSampleData, SAMPLE_DATASETS } from '../scripts/sample/make-sample-data.ts';
import { Random } from '../scripts/sample/random.ts';
import { tempDir } from './helpers/paths.ts';

/** The `personnummer` package (a CommonJS default export), the oracle for personnummer validity. */
const Personnummer = ((PersonnummerModule as unknown as { default?: unknown }).default ?? PersonnummerModule) as { valid(s: string): boolean };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'data');

const BUYER = { orgNumber: EXEMPELBY.orgNumber, name: EXEMPELBY.name, municipalityCode: EXEMPELBY.municipalityCode };
const OPTS: GenerateOptions = { seed: 11, rows: 20_000, from: '2025-01-01', to: '2025-12-31', buyer: BUYER };

function take<T>(items: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length >= n) break;
    out.push(item);
  }
  return out;
}

// ---- random ----

test('Random: the same seed gives the same sequence, another seed another one', () => {
  const a = new Random(42);
  const b = new Random(42);
  const c = new Random(43);
  const sa = Array.from({ length: 50 }, () => a.uint32());
  const sb = Array.from({ length: 50 }, () => b.uint32());
  const sc = Array.from({ length: 50 }, () => c.uint32());
  assert.equal(sa, sb);
  assert.not.equal(sa, sc);
  const r = new Random(1);
  for (let i = 0; i < 10_000; i++) {
    const x = r.int(3, 7);
    assert.ok(x >= 3 && x <= 7 && Number.isInteger(x));
    const f = r.next();
    assert.ok(f >= 0 && f < 1);
  }
});

test('Random: weighted picks follow the weights; lognormal has the given median', () => {
  const r = new Random(5);
  const counts = { a: 0, b: 0, c: 0 };
  for (let i = 0; i < 30_000; i++) counts[r.pickWeighted(['a', 'b', 'c'] as const, [1, 2, 7])]++;
  assert.ok(Math.abs(counts.a / 30_000 - 0.1) < 0.02, `a: ${counts.a}`);
  assert.ok(Math.abs(counts.c / 30_000 - 0.7) < 0.02, `c: ${counts.c}`);
  const values = Array.from({ length: 20_001 }, () => r.lognormal(5000, 1.2)).sort((x, y) => x - y);
  const median = values[10_000];
  assert.ok(median > 4500 && median < 5500, `median ${median}`);
});

// ---- identity numbers ----

test('luhn: known organisation numbers pass, a changed digit fails', () => {
  for (const n of ['2120001355', '2120002080', '2321000131', '5560360793']) {
    assert.ok(luhnValid(n), n);
    assert.is(luhnCheckDigit(n.slice(0, 9)), Number(n[9]));
  }
  assert.not.ok(luhnValid('5560360794'));
  assert.not.ok(luhnValid('556036079'));
});

test('isTestPersonnummer: only test-range birth numbers with a valid check digit', () => {
  // 121212-1212 is valid but not in the test range; serial 980–999 with a correct check digit is.
  assert.not.ok(isTestPersonnummer('121212-1212'));
  const ten = `121212998${luhnCheckDigit('121212998')}`;
  assert.ok(isTestPersonnummer(ten));
  assert.ok(isTestPersonnummer(`19${ten}`));
  assert.ok(isTestPersonnummer(`${ten.slice(0, 6)}+${ten.slice(6)}`));
  assert.not.ok(isTestPersonnummer(`121212998${(luhnCheckDigit('121212998') + 1) % 10}`));
  assert.is(personnummerDigits('19121212-9980'), '1212129980');
});

// ---- generated rows ----

test('generateRows: exact count, date order, working days in the period, buyer fields', () => {
  const rows = [...generateRows(OPTS)];
  assert.is(rows.length, OPTS.rows);
  const days = new Set(workingDays(OPTS.from, OPTS.to));
  assert.not.ok(days.has('2025-06-20'), 'Midsummer Eve 2025 is a holiday');
  assert.not.ok(days.has('2025-04-18'), 'Good Friday 2025 is a holiday');
  assert.ok(days.has('2025-06-19'));
  let previous = '';
  for (const row of rows) {
    assert.ok(days.has(row.datum), row.datum);
    assert.ok(row.datum >= previous);
    previous = row.datum;
    assert.ok(Number.isSafeInteger(row.belopp) && row.belopp !== 0);
    assert.is(row.kopare_id, BUYER.orgNumber);
    assert.is(row.kommun_id, '9901');
    assert.is.not(row.leverantor_id, BUYER.orgNumber);
  }
  const months = new Set(rows.map((r) => r.datum.slice(0, 7)));
  assert.is(months.size, 12);
});

test('generateRows: every organisation number passes Luhn, every sole trader has a test-range personnummer', () => {
  const firstDigits = new Set<string>();
  const forms = new Set<string>();
  let sole = 0;
  let credit = 0;
  for (const row of generateRows(OPTS)) {
    if (row.belopp < 0) credit++;
    if (row.soleTrader) {
      sole++;
      assert.ok(isTestPersonnummer(row.leverantor_id), row.leverantor_id);
      assert.ok(Personnummer.valid(row.leverantor_id), `personnummer package rejects ${row.leverantor_id}`);
      const serial = Number(personnummerDigits(row.leverantor_id)!.slice(6, 9));
      assert.ok(serial >= 980 && serial <= 999, row.leverantor_id);
      forms.add(row.leverantor_id.replace(/\d/g, 'N'));
    } else {
      assert.match(row.leverantor_id, /^\d{10}$/);
      assert.ok(luhnValid(row.leverantor_id), row.leverantor_id);
      assert.ok(Number(row.leverantor_id[2]) >= 2, `third digit of ${row.leverantor_id}`);
      assert.not.ok(isTestPersonnummer(row.leverantor_id));
      firstDigits.add(row.leverantor_id[0]);
    }
  }
  assert.equal([...forms].sort(), ['NNNNNN+NNNN', 'NNNNNN-NNNN', 'NNNNNNNN-NNNN', 'NNNNNNNNNN', 'NNNNNNNNNNNN']);
  for (const d of ['2', '5', '8']) assert.ok(firstDigits.has(d), `no org number starting with ${d}`);
  assert.ok(sole / OPTS.rows > 0.035 && sole / OPTS.rows < 0.065, `sole-trader share ${sole / OPTS.rows}`);
  assert.ok(credit / OPTS.rows > 0.01 && credit / OPTS.rows < 0.06, `credit share ${credit / OPTS.rows}`);
});

test('generateRows: amounts mostly 500–50 000 kr with a long tail', () => {
  const kr = [...generateRows(OPTS)].map((r) => Math.abs(r.belopp) / 100);
  const inRange = kr.filter((x) => x >= 500 && x <= 50_000).length / kr.length;
  assert.ok(inRange > 0.7, `share in 500–50 000 kr: ${inRange}`);
  assert.ok(Math.max(...kr) > 1_000_000, 'no amount over a million');
});

test('generateRows: same options → same rows; a lazy generator (a billion rows can start)', () => {
  assert.equal(take(generateRows(OPTS), 500), take(generateRows(OPTS), 500));
  assert.not.equal(take(generateRows({ ...OPTS, seed: 12 }), 50), take(generateRows(OPTS), 50));
  const first = take(generateRows({ ...OPTS, rows: 1_000_000_000 }), 5);
  assert.is(first.length, 5);
});

test('generateRows: buyers sharing a pool seed share suppliers', () => {
  const a = new Set([...generateRows({ ...OPTS, rows: 3000, poolSeed: 7 })].map((r) => r.leverantor_id));
  const b = new Set(
    [...generateRows({ ...OPTS, rows: 3000, seed: 99, poolSeed: 7, buyer: { ...BUYER, orgNumber: SJOVIK.orgNumber } })].map((r) => r.leverantor_id),
  );
  const shared = [...a].filter((id) => b.has(id)).length;
  assert.ok(shared > a.size / 3, `only ${shared} of ${a.size} suppliers shared`);
});

// ---- dialects ----

function decode(bytes: Buffer, dialect: DialectName): string {
  const { encoding } = dialectInfo(dialect);
  if (encoding === 'utf16le-bom') return new TextDecoder('utf-16le').decode(bytes);
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

function readRecords(bytes: Buffer, dialect: DialectName): string[][] {
  return parse(decode(bytes, dialect), {
    delimiter: dialectInfo(dialect).delimiter,
    bom: true,
    relax_column_count: true,
    record_delimiter: dialect === 'vgr' ? '\r' : '\r\n',
  }) as string[][];
}

/** Reads a dialect's amount text back as öre. */
function amountOre(text: string): number {
  const clean = text.replace(/[ \u00A0]/g, '').replace(',', '.');
  assert.match(clean, /^-?\d+(\.\d{1,2})?$/);
  const [kr, dec = ''] = clean.replace('-', '').split('.');
  const ore = Number(kr) * 100 + Number(dec.padEnd(2, '0'));
  return clean.startsWith('-') ? -ore : ore;
}

/** The text a dialect writes for a row's field. */
function expectedText(dialect: DialectName, column: SpecColumn, row: SampleRow): string {
  const value = row[column] as string;
  if (dialect === 'vgr' && column === 'fakturanummer' && value === '') return '-';
  if (dialect === 'vgr' && column === 'kopare') return value.toLocaleUpperCase('sv-SE');
  if (dialect === 'legacy1252' && column === 'leverantor_id' && !row.soleTrader) return `${value.slice(0, 6)}-${value.slice(6)}`;
  if (dialect === 'legacy1252') return fitWindows1252(value);
  return value;
}

const PLAN: { at: number; kind: BadRowKind }[] = [
  { at: 3, kind: 'impossible-date' },
  { at: 10, kind: 'month-13' },
  { at: 20, kind: 'missing-amount' },
  { at: 30, kind: 'amount-garbled' },
  { at: 40, kind: 'amount-text' },
  { at: 50, kind: 'no-supplier' },
  { at: 60, kind: 'extra-field' },
];

for (const dialect of DIALECTS) {
  test(`dialect ${dialect}: same seed → identical bytes, other seed → other bytes`, () => {
    const make = (seed: number) =>
      exportBuffer(injectBadRows(generateRows({ ...OPTS, seed, rows: 1500, messyText: 0.02 }), PLAN, { sumRow: true }), dialect).bytes;
    assert.ok(make(3).equals(make(3)));
    assert.not.ok(make(3).equals(make(4)));
  });

  test(`dialect ${dialect}: reads back with csv-parse and the pipeline's header mapping`, () => {
    const rows = [...generateRows({ ...OPTS, rows: 3000, messyText: 0.02 })];
    const headers = dialect === 'excel' ? { forvaltning: 'Ansvar' } : undefined;
    const { bytes, stats } = exportBuffer(injectBadRows(rows, PLAN, { sumRow: true }), dialect, { headers });
    assert.is(stats.bytes, bytes.length);
    const records = readRecords(bytes, dialect);
    const [header, ...data] = records;
    assert.is(data.length, stats.records);
    assert.is(stats.records, rows.length + 1);
    const mapping = mapHeader(header, { Ansvar: 'forvaltning' });
    assert.equal(mapping.unknown, []);
    assert.equal(mapping.duplicates, []);
    const mapped = (Object.keys(mapping.sourceIndex) as SpecColumn[]).filter((c) => mapping.sourceIndex[c] >= 0);
    for (const required of ['leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp', 'datum', 'verifikationsnummer'] as const) {
      assert.ok(mapped.includes(required), `${required} not found in ${dialect} header`);
    }
    const badAt = new Map(stats.badRows.map((b) => [b.record - 1, b.kind]));
    assert.is(badAt.size, PLAN.length);
    let total = 0;
    rows.forEach((row, i) => {
      const cells = data[i];
      const kind = badAt.get(i);
      const cell = (c: SpecColumn) => cells[mapping.sourceIndex[c]];
      if (kind === undefined) {
        assert.is(cells.length, header.length, `row ${i + 1}`);
        for (const column of mapped) {
          if (column === 'belopp') assert.is(amountOre(cell('belopp')), row.belopp);
          else assert.is(cell(column), expectedText(dialect, column, row), `${dialect} row ${i + 1} ${column}`);
        }
        total += row.belopp;
      } else if (kind === 'impossible-date') assert.match(cell('datum'), /^\d{4}-02-30$/);
      else if (kind === 'month-13') assert.match(cell('datum'), /^\d{4}-13-\d{2}$/);
      else if (kind === 'missing-amount') assert.is(cell('belopp'), '');
      else if (kind === 'amount-garbled') assert.is(cell('belopp'), '12,3,4');
      else if (kind === 'amount-text') assert.is(cell('belopp'), 'abc');
      else if (kind === 'no-supplier') assert.equal([cell('leverantor'), cell('leverantor_id')], ['', '']);
      else if (kind === 'extra-field') assert.is(cells.length, header.length + 1);
    });
    const sumRow = data[data.length - 1];
    assert.is(sumRow[0], 'Summa');
    assert.is(amountOre(sumRow[mapping.sourceIndex.belopp]), total);
    assert.is(stats.totalOre, total);
    assert.ok(stats.soleTraderRows > 0);
    assert.is(stats.soleTraderRows, rows.filter((r, i) => r.soleTrader && !badAt.has(i)).length);
  });
}

test('dialects: line ends, byte order marks and encodings', () => {
  const rows = [...generateRows({ ...OPTS, rows: 400 })];
  const vgr = exportBuffer(rows, 'vgr').bytes;
  assert.not.ok(vgr.includes(0x0a), 'vgr has a LF');
  assert.is(vgr[vgr.length - 1], 0x0d);
  assert.is.not(vgr[0], 0xef);
  const gbg = exportBuffer(rows, 'goteborg').bytes;
  assert.equal([...gbg.subarray(0, 2)], [0xff, 0xfe]);
  assert.ok(gbg.subarray(0, 400).toString('utf16le').includes('s_kod_nr\r\n'));
  assert.match(gbg.toString('utf16le'), /,"-?\d+,\d\d",/);
  const excel = exportBuffer(rows, 'excel').bytes;
  assert.equal([...excel.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.is(excel.toString('utf8').split('\r\n').length, 402);
  const legacy = exportBuffer(rows, 'legacy1252').bytes;
  assert.ok(legacy.subarray(0, 120).toString('latin1').startsWith('Leverant\u00f6r;Organisationsnummer;Konto;Kontotext;Belopp;Bokf\u00f6ringsdatum'));
  assert.match(decode(legacy, 'legacy1252'), /;-?\d{1,3}( \d{3})+,\d\d;/);
  assert.ok(legacy.includes(0xa0), 'no no-break space in any amount');
});

test('encodeWindows1252: Swedish letters and the 0x80–0x9F range; no silent loss', () => {
  assert.equal([...encodeWindows1252('åäöÅÄÖé€’–')], [0xe5, 0xe4, 0xf6, 0xc5, 0xc4, 0xd6, 0xe9, 0x80, 0x92, 0x96]);
  assert.is(decodeWindows1252(encodeWindows1252('åäöÅÄÖé€’–')), 'åäöÅÄÖé€’–');
  assert.throws(() => encodeWindows1252('Jovanović'));
  assert.is(fitWindows1252('Jovanović'), 'Jovanovic');
});

// ---- benchmark file ----

test('writeBenchFile: a vgr export of the requested rows at ~150–170 bytes a row', async () => {
  const dir = tempDir('insyn-sample-');
  try {
    const path = join(dir, 'bench.csv');
    const { bytes } = await writeBenchFile(path, 5000);
    const buf = await readFile(path);
    assert.is(buf.length, bytes);
    assert.not.ok(buf.includes(0x0a));
    const lines = buf.toString('utf8').split('\r');
    assert.is(lines.length, 5002);
    assert.is(lines[0], 'kopare_id;kopare;verifikationsnummer;leverantor;leverantor_id;konto_nr;konto_text;bokforingsdatum;forvaltning;fakturanummer;nettobelopp;grund;avtal;kommun_id;s_kod_nr');
    const perRow = bytes / 5000;
    assert.ok(perRow > 140 && perRow < 180, `${perRow} bytes a row`);
    const again = join(dir, 'again.csv');
    await writeBenchFile(again, 5000);
    assert.ok(buf.equals(await readFile(again)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// ---- the sample data in data/ ----

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out.sort();
}

test('data/: site.json and every dataset.json validate against the schemas', async () => {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, formats: { email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ } });
  const site = JSON.parse(await readFile(join(DATA, 'site.json'), 'utf8'));
  const validSite = ajv.compile(siteSchema);
  assert.ok(validSite(site), ajv.errorsText(validSite.errors));
  for (const p of site.publishers) {
    assert.ok(luhnValid(p.orgNumber.replace('-', '')), p.orgNumber);
    assert.match(p.municipalityCode, /^99\d\d$/);
  }
  const publisherIds = new Set(site.publishers.map((p: { id: string }) => p.id));
  const validDataset = ajv.compile(datasetSchema);
  const dirs = await readdir(join(DATA, 'datasets'));
  assert.equal(dirs.sort(), SAMPLE_DATASETS.map((d) => d.id).sort());
  for (const id of dirs) {
    const metadata = JSON.parse(await readFile(join(DATA, 'datasets', id, 'dataset.json'), 'utf8'));
    assert.ok(validDataset(metadata), `${id}: ${ajv.errorsText(validDataset.errors)}`);
    assert.ok(publisherIds.has(metadata.publisher), `${id}: unknown publisher ${metadata.publisher}`);
  }
});

test('data/: the legacy file is Windows-1252, the vgr file has CR-only line ends, all under 1.5 MB', async () => {
  const legacy = await readFile(join(DATA, 'datasets', 'exempelby-leverantorsreskontra', '2025-01.csv'));
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(legacy));
  assert.is(legacy[8], 0xf6, 'ö of "Leverantör" is not 0xF6');
  const text = decodeWindows1252(legacy);
  assert.ok(text.includes('å') && text.includes('ö'));
  assert.ok(legacy.includes(0xe5));
  assert.ok(encodeWindows1252(text).equals(legacy), 'the file is not plain Windows-1252');
  const vgr = await readFile(join(DATA, 'datasets', 'sjovik-leverantorsreskontra', '2025.csv'));
  assert.not.ok(vgr.includes(0x0a));
  assert.ok(vgr.toString('utf8').split('\r').length > 2000);
  let size = 0;
  for (const file of await listFiles(DATA)) size += (await stat(file)).size;
  assert.ok(size < 1.5 * 1024 * 1024, `data/ is ${size} bytes`);
});

test('data/: regenerating gives identical bytes, matching the committed exports and the README counts', async () => {
  const a = tempDir('insyn-sample-a-');
  const b = tempDir('insyn-sample-b-');
  try {
    const reports = await makeSampleData(a);
    await makeSampleData(b);
    const filesA = (await listFiles(a)).map((f) => f.slice(a.length));
    assert.equal((await listFiles(b)).map((f) => f.slice(b.length)), filesA);
    for (const f of filesA) assert.ok((await readFile(a + f)).equals(await readFile(b + f)), `${f} differs between runs`);
    for (const f of filesA.filter((f) => f.endsWith('.csv'))) {
      assert.ok((await readFile(a + f)).equals(await readFile(DATA + f)), `data${f} is not what make-sample-data writes`);
    }
    // Every export holds sole traders, whose ids are all test-range personnummer; all other ids are org numbers.
    let plusForm = 0;
    for (const r of reports) {
      const bytes = await readFile(join(a, 'datasets', r.dataset, r.file));
      const [header, ...data] = readRecords(bytes, r.dialect);
      assert.is(data.length, r.records, r.file);
      const idAt = mapHeader(header, { Ansvar: 'forvaltning' }).sourceIndex.leverantor_id;
      const bad = new Set(r.badRows.map((x) => x.record - 1));
      let sole = 0;
      data.forEach((cells, i) => {
        const id = cells[idAt] ?? '';
        if (bad.has(i) || (r.sumRow && i === data.length - 1)) return;
        if (isTestPersonnummer(id)) {
          sole++;
          if (id.includes('+')) plusForm++;
        } else assert.ok(luhnValid(id.replace('-', '')) && Number(id[2]) >= 2, `${r.file} row ${i + 1}: ${id}`);
      });
      assert.is(sole, r.soleTraderRows, r.file);
      assert.ok(sole > 0, `${r.file} has no sole traders`);
    }
    assert.ok(plusForm > 0, 'no personnummer written with +');
    const readme = await readFile(join(DATA, 'README.md'), 'utf8');
    for (const r of reports) assert.ok(readme.includes(`| \`${r.dataset}/${r.file}\` |`), r.file);
    assert.ok(readme.includes(`| ${reports.reduce((n, r) => n + r.records, 0)} |`));
  } finally {
    await rm(a, { recursive: true, force: true });
    await rm(b, { recursive: true, force: true });
  }
});

test.run();
