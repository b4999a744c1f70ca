import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { build } from '../scripts/build/build.ts';
import type { DatasetSummary } from '../scripts/model.ts';
import { SPEC_COLUMNS } from '../scripts/pipeline/columns.ts';
import { textToOre, oreToText } from '../scripts/pipeline/money.ts';
import { buildSample } from './helpers/sample-build.ts';
import { ROOT, tempDir } from './helpers/paths.ts';

test('every row is accounted for and totals are exact, in every published file', async () => {
  const { outDir, model } = await buildSample();
  assert.ok(model.datasets.length >= 2);
  for (const d of model.datasets) {
    const s: DatasetSummary = JSON.parse(readFileSync(join(outDir, 'datasets', d.id, 'summary.json'), 'utf8'));
    assert.is(s.valid + s.rejected, s.rows, d.id);
    assert.ok(s.rejected > 0, 'the sample has bad rows');
    assert.ok(s.redacted > 0, 'the sample has sole traders');
    let csvRows = 0;
    let fileTotal = 0n;
    let periodTotal = 0n;
    for (const p of s.periods) {
      periodTotal += textToOre(p.total);
      const csvFile = p.files.find((f) => f.format === 'CSV');
      const jsonFile = p.files.find((f) => f.format === 'JSON');
      assert.ok(csvFile);
      // Per-row JSON only where dataset.json asks for it ("json": true; the Sjövik sample does).
      assert.is(Boolean(jsonFile), d.metadata.json === true, `${d.id}: JSON published iff asked for`);
      const csvText = readFileSync(join(outDir, csvFile.path), 'utf8');
      const records: string[][] = parse(csvText);
      assert.equal(records[0], [...SPEC_COLUMNS], 'spec 1.1 column order');
      const body = records.slice(1);
      csvRows += body.length;
      const csvSum = body.reduce((n, r) => n + textToOre(r[7]), 0n);
      assert.is(oreToText(csvSum), p.total, `${d.id} ${p.key} (CSV)`);
      if (!jsonFile) {
        assert.is(body.length, p.rows);
        fileTotal += csvSum;
        continue;
      }
      const jsonText = readFileSync(join(outDir, jsonFile.path), 'utf8');
      const rows: Record<string, unknown>[] = JSON.parse(jsonText);
      assert.is(rows.length, body.length);
      assert.is(rows.length, p.rows);
      // Amounts summed from the JSON text itself (no float): exact.
      let sum = 0n;
      for (const m of jsonText.matchAll(/"belopp":(-?\d+\.\d{2})[,}]/g)) sum += textToOre(m[1]);
      assert.is(oreToText(sum), p.total, `${d.id} ${p.key}`);
      fileTotal += sum;
      // CSV and JSON hold the same rows (CSV text cells may carry the formula guard apostrophe).
      body.forEach((r, i) => {
        assert.match(r[7], /^-?\d+\.\d{2}$/);
        assert.is(Number(r[7]), rows[i].belopp);
        assert.is(r[8], rows[i].datum);
        assert.is(r[3].replace(/^'(?=[=+\-@\t\r])/, ''), rows[i].leverantor);
      });
      for (const r of rows) for (const k of SPEC_COLUMNS) assert.ok(k in r, k);
    }
    assert.is(csvRows, s.valid);
    assert.is(oreToText(fileTotal), s.total);
    assert.is(oreToText(periodTotal), s.total);
    const monthTotal = s.byMonth.reduce((n, m) => n + textToOre(m.total), 0n);
    assert.is(oreToText(monthTotal), s.total);
    const accountTotal = s.byAccount.reduce((n, m) => n + textToOre(m.total), 0n);
    assert.is(oreToText(accountTotal), s.total);
    assert.is(s.byMonth.reduce((n, m) => n + m.rows, 0), s.valid);
    for (const t of s.topSuppliers) assert.not.match(t.name, /Enskild näringsidkare/);
    assert.is(s.redactedSuppliers.rows, s.redacted);
    const report = JSON.parse(readFileSync(join(outDir, 'datasets', d.id, 'report.json'), 'utf8'));
    assert.is(report.errorCounts.reduce((n: number, c: { count: number }) => n + c.count, 0), s.rejected);
    const pkg = JSON.parse(readFileSync(join(outDir, 'datasets', d.id, 'datapackage.json'), 'utf8'));
    assert.is(pkg.profile, 'tabular-data-package');
    assert.is(pkg.resources[0].schema.fields.length, SPEC_COLUMNS.length);
  }
});

test('the sample data: exact counts the generator put in', async () => {
  const { model } = await buildSample();
  const byId = Object.fromEntries(model.datasets.map((d) => [d.id, d.summary]));
  const e = byId['exempelby-leverantorsreskontra'];
  const s = byId['sjovik-leverantorsreskontra'];
  assert.is(e.rows + s.rows, 5562);
  assert.is(e.rejected + s.rejected, 16, '14 bad rows + 2 sum rows');
  assert.is(e.redacted + s.redacted, 305, '303 sole traders + 2 names masked at the source');
  assert.is(e.warnings + s.warnings, 4, '2 empty account texts + 2 wrong check digits');
  assert.equal(e.periods.map((p) => p.key), ['2025', '2026']);
});

test('a rebuild with no changed export reads no export again; a changed one is read again', async () => {
  const data = join(tempDir(), 'data');
  cpSync(join(ROOT, 'data'), data, { recursive: true });
  const cacheDir = join(tempDir(), 'cache');
  const out = join(tempDir(), 'site');
  const first = await build({ dataDir: data, outputDir: out, cacheDir });
  assert.is(first.cached.length, 0);
  const before = readFileSync(join(out, 'datasets/sjovik-leverantorsreskontra/summary.json'), 'utf8');
  const second = await build({ dataDir: data, outputDir: out, cacheDir });
  assert.equal(second.published, [], 'nothing re-read');
  assert.is(second.hashedFiles, 0, 'unchanged files are not even hashed');
  assert.is(readFileSync(join(out, 'datasets/sjovik-leverantorsreskontra/summary.json'), 'utf8'), before);
  // A new month dropped into one folder: only that dataset is read again.
  const src = join(data, 'datasets/sjovik-leverantorsreskontra/2026-02.csv');
  const copy = join(data, 'datasets/sjovik-leverantorsreskontra/2026-03.csv');
  // The next month: the same shape (UTF-16LE with BOM, as Sjövik exports), other dates.
  const bytes = readFileSync(src);
  assert.equal([...bytes.subarray(0, 2)], [0xff, 0xfe]);
  writeFileSync(copy, Buffer.from(bytes.toString('utf16le').replace(/2026-02-/g, '2026-03-'), 'utf16le'));
  const third = await build({ dataDir: data, outputDir: out, cacheDir });
  assert.equal(third.published, ['sjovik-leverantorsreskontra']);
  assert.equal(third.cached, ['exempelby-leverantorsreskontra']);
  assert.ok(existsSync(join(out, 'datasets/dcat.rdf')));
});

test('--base-url decides every absolute link and IRI', async () => {
  const { outDir } = await buildSample({ baseUrl: 'https://kommun.example.se/oppna-data' });
  const rdf = readFileSync(join(outDir, 'datasets/dcat.rdf'), 'utf8');
  assert.match(rdf, /https:\/\/kommun\.example\.se\/oppna-data\/datasets\/sjovik-leverantorsreskontra\/sjovik-leverantorsreskontra-2025\.csv/);
  assert.not.match(rdf, /example\.github\.io/);
  const sitemap = readFileSync(join(outDir, 'sitemap.xml'), 'utf8');
  assert.match(sitemap, /<loc>https:\/\/kommun\.example\.se\/oppna-data\//);
});

test.run();
