/**
 * Personal data never leaks. Properties (fast-check, bounded, running the real pipeline on small files): test
 * personnummer (test/helpers/pnr.ts) in every written form, in any text column, in any encoding and dialect, never
 * appear in any file the pipeline writes (CSV, JSON, summary, report, data package); and for any input rows,
 * valid + rejected = rows. Examples: a personnummer in the amount column, in a header line, as a sole trader's VAT
 * number. One full build (sample data + crafted rows): no file of the whole site, and no line the commands print,
 * carries a personnummer.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import PersonnummerModule from 'personnummer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DatasetMetadata, DatasetSource, Publisher } from '../scripts/model.ts';
import { publishDataset } from '../scripts/pipeline/dataset.ts';
import { readExport, UnusableFileError } from '../scripts/pipeline/read.ts';
import { safe } from '../scripts/privacy/safe.ts';
import { encodeText, type Enc } from './helpers/exports.ts';
import { arbPnr12, FORMS, testPnr, write, type Form } from './helpers/pnr.ts';
import { copySampleData, csvText, defaultMetadata, readTree, removeScratch, runCliAsync, SAMPLE_DATA, scratch } from './hostile/project.ts';

const Personnummer = ((PersonnummerModule as unknown as { default?: unknown }).default ?? PersonnummerModule) as { valid(s: string): boolean };

const SITE = JSON.parse(readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8'));
const PUBLISHER: Publisher = { ...SITE.publishers[0], orgNumber: SITE.publishers[0].orgNumber.replace('-', '') };

const COLUMNS = ['kopare_id', 'kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp', 'datum', 'forvaltning', 'fakturanummer', 'grund', 'avtal', 'kommun_id', 's_kod_nr'];
/** Every column but the amount (a personnummer there is its own example below). */
const TEXT_COLUMNS = COLUMNS.filter((c) => c !== 'belopp');

/** Every way a personnummer's digits can be written: the 10-digit core, bare or with `-`, `+` or a space. */
function writtenForms(pnr: string): string[] {
  const ten = pnr.replace(/\D/g, '').slice(-10);
  const a = ten.slice(0, 6);
  const b = ten.slice(6);
  // The 12-digit forms (YYYYMMDDNNNN, YYYYMMDD-NNNN) contain these, so they are found too.
  return [ten, `${a}-${b}`, `${a}+${b}`, `${a} ${b}`];
}

/** `file: form (context)` for every written form of every personnummer found in the texts. */
function leaks(texts: Map<string, string>, pnrs: string[]): string[] {
  const out: string[] = [];
  for (const [name, text] of texts) {
    for (const p of pnrs) {
      for (const f of writtenForms(p)) {
        const i = text.indexOf(f);
        if (i >= 0) out.push(`${name}: ${f} in ${JSON.stringify(text.slice(Math.max(0, i - 40), i + f.length + 20))}`);
      }
    }
  }
  return out;
}

function metadata(): DatasetMetadata {
  // Every output format, and any share of rejected rows (the tests write bad rows on purpose).
  return { ...(defaultMetadata() as unknown as DatasetMetadata), keywords: { sv: ['test'] }, series: 'yearly', json: true, maxRejectedShare: 1 };
}

/** Runs the real pipeline on one export file and returns every file it wrote (path → text). */
async function publish(bytes: Buffer, id = 'privacy'): Promise<{ files: Map<string, string>; summary: { rows: number; valid: number; rejected: number } }> {
  const root = scratch('insyn-privacy-');
  const dir = join(root, 'in');
  const out = join(root, 'out');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '2025-01.csv'), bytes);
  const source: DatasetSource = { id, dir, metadataPath: join(dir, 'dataset.json'), metadata: metadata(), files: [join(dir, '2025-01.csv')] };
  const build = await publishDataset(source, PUBLISHER, out);
  const files = new Map([...readTree(out)].map(([p, b]) => [p, b.toString('utf8')]));
  return { files, summary: build.summary };
}

// ---- arbitraries ----

type AnyForm = Form | 'YYMMDD NNNN' | 'YYYYMMDD NNNN';
const ALL_FORMS: AnyForm[] = [...FORMS, 'YYMMDD NNNN', 'YYYYMMDD NNNN'];

function written(pnr12: string, form: AnyForm): string {
  if (form === 'YYMMDD NNNN') return `${pnr12.slice(2, 8)} ${pnr12.slice(8)}`;
  if (form === 'YYYYMMDD NNNN') return `${pnr12.slice(0, 8)} ${pnr12.slice(8)}`;
  return write(pnr12, form);
}

const EMBEDDINGS = ['{p}', 'Anna Test {p}', '{p} Anna Test', '({p})', 'pnr:{p}', 'Faktura {p}/2025', 'Enskild firma, {p}', 'Test {p} och {p}', ' {p} '];

const arbPlacement = fc.record({
  pnr12: arbPnr12,
  form: fc.constantFrom(...ALL_FORMS),
  column: fc.constantFrom(...TEXT_COLUMNS),
  embed: fc.constantFrom(...EMBEDDINGS),
});

const arbDialect = fc.record({
  enc: fc.constantFrom<Enc>('utf8', 'utf8bom', 'utf16le', 'cp1252'),
  sep: fc.constantFrom(';', ',', '\t'),
  eol: fc.constantFrom('\r\n', '\n', '\r'),
});

function cleanRow(n: number): Record<string, string> {
  return {
    kopare_id: PUBLISHER.orgNumber,
    kopare: PUBLISHER.name,
    verifikationsnummer: String(7000 + n),
    leverantor: `Leverantör ${n} AB`,
    leverantor_id: '5560360793',
    konto_nr: '4010',
    konto_text: 'Inköp av material',
    belopp: `${n * 37}.25`,
    datum: `2025-01-${String((n % 28) + 1).padStart(2, '0')}`,
    forvaltning: 'Kultur',
    fakturanummer: `F${n}`,
    grund: 'Ramavtal',
    avtal: 'AVT-1',
    kommun_id: '9901',
    s_kod_nr: '',
  };
}

function file(rows: Record<string, string>[], d: { enc: Enc; sep: string; eol: string }): Buffer {
  return encodeText(csvText([COLUMNS, ...rows.map((r) => COLUMNS.map((c) => r[c]))], d.sep, d.eol), d.enc);
}

// ---- properties ----

test('property: a personnummer in any form, in any text column, never reaches any file the pipeline writes', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(arbPlacement, { minLength: 0, maxLength: 2 }), { minLength: 1, maxLength: 5 }), arbDialect, async (rowsPlacements, dialect) => {
      const pnrs: string[] = [];
      const rows = rowsPlacements.map((placements, n) => {
        const r = cleanRow(n + 1);
        for (const p of placements) {
          r[p.column] = p.embed.replaceAll('{p}', written(p.pnr12, p.form));
          pnrs.push(p.pnr12);
        }
        return r;
      });
      if (pnrs.length === 0) return;
      const { files, summary } = await publish(file(rows, dialect));
      assert.is(summary.valid + summary.rejected, summary.rows);
      const found = leaks(files, pnrs);
      assert.equal(found, [], `personnummer published:\n  ${found.slice(0, 5).join('\n  ')}`);
    }),
    { numRuns: 30 },
  );
});

const AMOUNTS = ['100', '-12,50', '1 234,50', '12.345', 'tio', '', '1e5', '12,3,4', '--1', '99999999999999999', '0', '−5,00', '5-', '1.234.567', '12:50', ' '];
const DATES = ['2025-01-02', '2025-02-30', '20250102', '2025/01/02', '2025-13', '202501', '', '02-01-2025', '2025-01-02T10:00', 'i går'];
const SUPPLIERS = ['Bygg AB', '', 'Summa', 'Totalt', '"Citat" AB', 'Rad\nbrytning AB', 'A;B,C\tD', '*****', '[innehåller personuppgifter]'];

const arbBadRow = fc.record({
  belopp: fc.oneof(fc.constantFrom(...AMOUNTS), fc.string({ maxLength: 8 }).filter((s) => !s.includes('\u0000'))),
  datum: fc.oneof(fc.constantFrom(...DATES), fc.string({ maxLength: 10 }).filter((s) => !s.includes('\u0000'))),
  leverantor: fc.constantFrom(...SUPPLIERS),
  leverantor_id: fc.constantFrom('', '5560360793', '5560360794', 'abc'),
  konto_text: fc.string({ maxLength: 12 }).filter((s) => !s.includes('\u0000')),
  fieldDelta: fc.constantFrom(0, 0, 0, 0, -1, 1, -5, 3),
});

test('property: for any rows, valid + rejected = rows, the published files hold exactly the valid rows, and the report counts every rejection', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(arbBadRow, { minLength: 1, maxLength: 25 }), arbDialect, async (bad, dialect) => {
      const lines = bad.map((b, n) => {
        const r: Record<string, string> = { ...cleanRow(n + 1), belopp: b.belopp, datum: b.datum, leverantor: b.leverantor, leverantor_id: b.leverantor_id, konto_text: b.konto_text };
        let cells = COLUMNS.map((c) => r[c]);
        if (b.fieldDelta < 0) cells = cells.slice(0, cells.length + b.fieldDelta);
        if (b.fieldDelta > 0) cells = [...cells, ...Array.from({ length: b.fieldDelta }, () => 'x')];
        // A row of one empty field would be an empty line, which is not a row.
        if (cells.length === 1 && cells[0] === '') cells = [' '];
        return cells;
      });
      let bytes: Buffer;
      try {
        bytes = encodeText(csvText([COLUMNS, ...lines], dialect.sep, dialect.eol), dialect.enc);
      } catch {
        return; // a random character Windows-1252 cannot hold
      }
      let published_: Awaited<ReturnType<typeof publish>>;
      try {
        published_ = await publish(bytes);
      } catch (e) {
        // Amounts that can be read two ways (12.345) with none that shows the decimal mark: unusable, on purpose.
        if (e instanceof UnusableFileError && /cannot be read for sure/.test(e.message)) return;
        throw e;
      }
      const { files, summary } = published_;
      assert.is(summary.rows, lines.length, 'every line is a row');
      assert.is(summary.valid + summary.rejected, summary.rows, 'valid + rejected = rows');
      let published = 0;
      for (const [p, text] of files) {
        if (/\/privacy(-\d{4})?\.csv$/.test(p)) published += (parse(text, { bom: true }) as string[][]).length - 1;
      }
      assert.is(published, summary.valid, 'the CSV files hold the valid rows');
      const report = JSON.parse(files.get('datasets/privacy/report.json') as string);
      const counted = (report.errorCounts as { count: number }[]).reduce((n, c) => n + c.count, 0);
      assert.is(counted, summary.rejected, 'the report counts every rejected row');
    }),
    { numRuns: 40 },
  );
});

// ---- examples ----

const P1 = testPnr(1985, 5, 17, 987);
const P2 = testPnr(1942, 11, 3, 991, true);

test('a personnummer in the amount column is not published (as an amount or otherwise)', async () => {
  const rows = [
    { ...cleanRow(1), belopp: write(P1, 'YYMMDDNNNN') },
    { ...cleanRow(2), belopp: write(P2, 'YYYYMMDDNNNN') },
  ];
  const { files } = await publish(file(rows, { enc: 'utf8', sep: ';', eol: '\n' }));
  assert.equal(leaks(files, [P1, P2]), []);
});

test("a sole trader's VAT number (SE + personnummer + 01) is treated as a personnummer", async () => {
  const ten = P1.slice(2);
  const rows = [
    { ...cleanRow(1), leverantor: 'Anna Test', leverantor_id: `SE${ten}01` },
    { ...cleanRow(2), leverantor: `Anna Test (SE${ten}01)`, fakturanummer: `SE${ten}01` },
  ];
  const { files } = await publish(file(rows, { enc: 'utf8', sep: ';', eol: '\n' }));
  assert.equal(leaks(files, [P1]), []);
});

test('a file whose first line is a data row with a personnummer: the messages do not print it', async () => {
  const root = scratch('insyn-privacy-header-');
  const line = (n: number, p: string) => ['Anna Test', write(p, 'YYMMDD-NNNN'), '4010', 'Material', `${n}00,00`, '2025-01-0' + n].join(';');
  const body = `${line(1, P1)}\n${line(2, P2)}\n`;
  const csv = join(root, 'utan-rubrik.csv');
  writeFileSync(csv, body);
  const data = join(root, 'data');
  mkdirSync(join(data, 'datasets', 'privacy'), { recursive: true });
  writeFileSync(join(data, 'site.json'), JSON.stringify(SITE));
  writeFileSync(join(data, 'datasets', 'privacy', 'dataset.json'), JSON.stringify({ ...defaultMetadata(), json: true, maxRejectedShare: 1 }));
  writeFileSync(join(data, 'datasets', 'privacy', '2025-01.csv'), body);
  const runs = await Promise.all([
    runCliAsync('validate', [csv]),
    runCliAsync('validate', [csv, '--json']),
    runCliAsync('build', ['--data', data, '--output', join(root, 'out', 'site'), '--no-cache']),
  ]);
  assert.equal(runs.map((r) => r.code), [2, 2, 1], 'the file is unusable (no header line)');
  const texts = new Map(runs.flatMap((r, i) => [[`run ${i} stdout`, r.stdout], [`run ${i} stderr`, r.stderr]] as [string, string][]));
  assert.equal(leaks(texts, [P1, P2]), []);
});

// ---- a full site build ----

/** Every personnummer (10 or 12 digits, with or without a separator) in the sample data, by the oracle. */
async function samplePersonnummer(dataDir: string): Promise<string[]> {
  const found = new Set<string>();
  const ids = ['exempelby-leverantorsreskontra', 'sjovik-leverantorsreskontra'];
  for (const id of ids) {
    const dir = join(dataDir, 'datasets', id);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
      const take = (v: string) => {
        for (const m of v.matchAll(/(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)/g)) if (Personnummer.valid(m[0].replace(' ', '-'))) found.add(m[0]);
      };
      await readExport(join(dir, name), safe(name), { onHeader: (h) => h.forEach(take), onRecord: (f) => f.forEach(take) });
    }
  }
  return [...found];
}

const CRAFTED: string[] = [];
function craftedRows(): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  let n = 0;
  TEXT_COLUMNS.forEach((column, ci) => {
    ALL_FORMS.forEach((form, fi) => {
      const p = testPnr(1930 + ci * 5 + fi, (fi % 12) + 1, (ci % 27) + 1, 980 + ((ci + fi) % 20), (ci + fi) % 3 === 0);
      CRAFTED.push(p);
      n++;
      rows.push({ ...cleanRow(n), [column]: EMBEDDINGS[(ci + fi) % EMBEDDINGS.length].replaceAll('{p}', written(p, form)) });
    });
  });
  return rows;
}

test('a full build (sample data + a personnummer in every text column in every form): no file of the site and no line printed carries one', async () => {
  const root = scratch('insyn-privacy-site-');
  const data = copySampleData(root);
  const dir = join(data, 'datasets', 'personuppgifter');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dataset.json'), JSON.stringify(defaultMetadata('Personuppgifter i alla kolumner')));
  writeFileSync(join(dir, '2025-06.csv'), file(craftedRows(), { enc: 'utf8bom', sep: ';', eol: '\r\n' }));
  const sample = await samplePersonnummer(data);
  assert.ok(sample.length > 10, `the sample data holds sole traders' personnummer (found ${sample.length})`);
  const out = join(root, 'out', 'site');
  const [b, v] = await Promise.all([
    runCliAsync('build', ['--data', data, '--output', out, '--no-cache']),
    runCliAsync('validate', [join(dir, '2025-06.csv'), join(data, 'datasets', 'sjovik-leverantorsreskontra', '2025.csv')]),
  ]);
  assert.is(b.code, 0, b.stderr.slice(0, 1500));
  const texts = new Map([...readTree(out)].map(([p, buf]) => [p, buf.toString('utf8')] as [string, string]));
  for (const [name, r] of [['build', b], ['validate', v]] as const) {
    texts.set(`${name} stdout`, r.stdout);
    texts.set(`${name} stderr`, r.stderr);
  }
  assert.ok(texts.size > 60, 'the whole site was read');
  const crafted = JSON.parse(texts.get('datasets/personuppgifter/summary.json') as string);
  assert.is(crafted.rows, CRAFTED.length, 'every crafted row was read');
  assert.ok(crafted.valid >= CRAFTED.length - ALL_FORMS.length, `the crafted rows were published (only those with a personnummer as the date are rejected): ${crafted.valid}`);
  const found = leaks(texts, [...CRAFTED, ...sample]);
  assert.equal(found, [], `personnummer in the output:\n  ${found.slice(0, 10).join('\n  ')}`);
});

test.after(removeScratch);

test.run();
