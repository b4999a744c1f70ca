/**
 * The download formats in the real build (issue 11, "Download what you see"): the sample built with the real
 * build, and every period's Parquet read back by hyparquet (pure JS) and by DuckDB holds exactly the rows of the
 * published period CSV, field by field, and its exact total; summary.json, datapackage.json and the schema.org
 * markup list it with its size and SHA-256, and the catalogue leaves it out (scripts/dcat/graph.ts
 * CATALOGUED_FORMATS says why). Two builds write byte-identical Parquet; with the cache, a month added to the
 * last year writes that year's Parquet again and copies the others (checked against their SHA-256); a period file
 * over 25 MiB gets a dataset notice.
 */
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'csv-parse/sync';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { build } from '../scripts/build/build.ts';
import { SPEC_COLUMNS } from '../scripts/pipeline/columns.ts';
import { HOST_FILE_LIMIT } from '../scripts/pipeline/formats/limits.ts';
import { ROOT, tempDir } from './helpers/paths.ts';
import { buildSample } from './helpers/sample-build.ts';

const ore = (a: string): bigint => {
  const [w, f = ''] = a.replace('-', '').split('.');
  const v = BigInt(w) * 100n + BigInt(f.padEnd(2, '0'));
  return a.startsWith('-') ? -v : v;
};
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** DuckDB's DECIMAL as exact text → öre. */
const oreOfDecimal = (v: unknown) => ore(String(v));

/** Every row of a Parquet file as published-CSV text, read by hyparquet; amounts in öre. */
async function readHyparquet(path: string): Promise<{ rows: string[][]; amounts: bigint[] }> {
  const file = await asyncBufferFromFile(path);
  const meta = await parquetMetadataAsync(file);
  assert.equal(meta.schema.slice(1).map((e) => e.name), [...SPEC_COLUMNS], 'the columns of the CSV, in its order');
  const objects = await parquetReadObjects({ file, compressors });
  const rows: string[][] = [];
  const amounts: bigint[] = [];
  for (const o of objects) {
    rows.push(
      SPEC_COLUMNS.map((c) => {
        const v = o[c];
        if (v === null || v === undefined) return '';
        if (c === 'datum' && v instanceof Date) return v.toISOString().slice(0, 10);
        if (c === 'belopp') return '';
        return String(v);
      }),
    );
    // hyparquet gives a DECIMAL(18,2) as a number: exact in öre below 2^53.
    amounts.push(BigInt(Math.round(Number(o.belopp) * 100)));
  }
  return { rows, amounts };
}

test('every period of the sample as Parquet: hyparquet and DuckDB read exactly the published CSV rows and total', async () => {
  const { outDir, model } = await buildSample();
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  let periods = 0;
  for (const d of model.datasets) {
    const pkg = JSON.parse(readFileSync(join(outDir, d.datapackage.path), 'utf8'));
    for (const p of d.summary.periods) {
      periods++;
      const csvFile = p.files.find((f) => f.format === 'CSV')!;
      const pq = p.files.find((f) => f.format === 'Parquet');
      assert.ok(pq, `${d.id} ${p.key}: a Parquet file`);
      assert.is(pq.path, csvFile.path.replace(/\.csv$/, '.parquet'));
      assert.is(pq.mediaType, 'application/vnd.apache.parquet');
      const path = join(outDir, pq.path);
      assert.equal([readFileSync(path).length, sha(path)], [pq.bytes, pq.sha256], 'summary.json: its size and SHA-256');
      const resource = pkg.resources.find((r: { path: string }) => r.path === pq.path.split('/').pop());
      assert.ok(resource, 'datapackage.json lists it');
      assert.equal([resource.format, resource.mediatype, resource.bytes, resource.hash], ['parquet', 'application/vnd.apache.parquet', pq.bytes, `sha256:${pq.sha256}`]);

      const published = parse(readFileSync(join(outDir, csvFile.path)), { from_line: 2 }) as string[][];
      assert.is(published.length, p.rows, 'the CSV holds the period rows');
      const belopp = SPEC_COLUMNS.indexOf('belopp');
      const hy = await readHyparquet(path);
      assert.is(hy.rows.length, published.length, `${pq.path}: as many rows as the CSV`);
      hy.rows.forEach((r, i) => {
        const expected = published[i].map((v, c) => (c === belopp ? '' : v));
        assert.equal(r, expected, `${pq.path} row ${i + 1}: every field`);
        assert.is(hy.amounts[i], ore(published[i][belopp]), `${pq.path} row ${i + 1}: belopp`);
      });
      const total = published.reduce((s, r) => s + ore(r[belopp]), 0n);
      assert.is(total, ore(p.total), 'the CSV sums to the period total');
      assert.is(hy.amounts.reduce((s, a) => s + a, 0n), total, 'hyparquet: the exact total');

      const sql = `'${path.replace(/'/g, "''")}'`;
      const exact = (await db.runAndReadAll(`SELECT count(*) AS n, CAST(sum(belopp) AS VARCHAR) AS total FROM read_parquet(${sql})`)).getRowObjectsJS()[0];
      assert.equal([Number(exact.n), oreOfDecimal(exact.total)], [published.length, total], 'DuckDB: the rows and the exact total');
      const types = (await db.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${sql}))`)).getRowObjectsJS();
      assert.equal(types.find((t) => t.column_name === 'belopp')?.column_type, 'DECIMAL(18,2)');
    }
  }
  db.closeSync();
  instance.closeSync();
  assert.ok(periods >= 4, 'the sample has periods');
});

test('the catalogue leaves the Parquet files out; the schema.org markup lists them', async () => {
  const { outDir, model } = await buildSample();
  const rdf = readFileSync(join(outDir, 'datasets', 'dcat.rdf'), 'utf8');
  assert.not.match(rdf, '.parquet');
  const page = readFileSync(join(outDir, 'datasets', model.datasets[0].id, 'index.html'), 'utf8');
  assert.match(page, '"encodingFormat":"application/vnd.apache.parquet"');
});

test('the dataset page: the Parquet link beside each CSV, what it is for, and the Excel control for scripts only', async () => {
  const { outDir, model } = await buildSample();
  for (const [lang, prefix, hint] of [['sv', '', 'DuckDB, pandas (Python) och R'], ['en', 'en/', 'DuckDB, pandas (Python) and R']] as const) {
    const d = model.datasets[0];
    const html = readFileSync(join(outDir, prefix, 'datasets', d.id, 'index.html'), 'utf8');
    for (const p of d.summary.periods) {
      const pq = p.files.find((f) => f.format === 'Parquet')!;
      assert.match(html, `href="/insyn/${pq.path}" type="application/vnd.apache.parquet">Parquet`, `${lang}: ${pq.path}`);
    }
    assert.match(html, hint);
    assert.match(html, /<li data-excel-csv-item hidden><button type="button"/, `${lang}: hidden until the script shows it`);
    assert.match(html, lang === 'sv' ? 'Data → Från text/CSV' : 'Data → From Text/CSV');
  }
});

test('Parquet is deterministic: a second build (no cache) writes byte-identical files', async () => {
  const { outDir, model } = await buildSample();
  const again = join(tempDir('insyn-formats-again-'), 'site');
  await build({ dataDir: join(ROOT, 'data'), outputDir: again, cacheDir: null, baseUrl: undefined });
  for (const d of model.datasets) {
    for (const p of d.summary.periods) {
      const pq = p.files.find((f) => f.format === 'Parquet')!;
      assert.is(sha(join(again, pq.path)), pq.sha256, `${pq.path}: the same bytes`);
    }
  }
});

test('with the cache, a month added to the last year rewrites that year\'s Parquet only; a large file gets a notice', async () => {
  const root = tempDir('insyn-formats-month-');
  const data = join(root, 'data');
  cpSync(join(ROOT, 'data'), data, { recursive: true });
  const ds = join(data, 'datasets', 'exempelby-leverantorsreskontra');
  const last = readdirSync(ds).filter((f) => /^2026-\d\d\.csv$/.test(f)).sort().pop()!;
  const held = readFileSync(join(ds, last)); // left out of the first build, then added as "the new month"
  rmSync(join(ds, last));
  const cache = join(root, 'cache');
  const out = join(root, 'site');
  const first = await build({ dataDir: data, outputDir: out, cacheDir: cache });
  const before = new Map(first.model.datasets.flatMap((d) => d.summary.periods.flatMap((p) => p.files.filter((f) => f.format === 'Parquet').map((f) => [f.path, f.sha256] as const))));
  writeFileSync(join(ds, last), held);
  const lines: string[] = [];
  const second = await build({ dataDir: data, outputDir: out, cacheDir: cache, log: (m) => lines.push(m) });
  const id = 'exempelby-leverantorsreskontra';
  assert.ok(lines.includes(`  ${id}-2025.parquet: its CSV is unchanged: from the cache`), lines.join('\n'));
  assert.ok(lines.includes(`  ${id}-2026.parquet: written`), lines.join('\n'));
  assert.ok(second.cached.includes('sjovik-leverantorsreskontra'), 'the other dataset is taken whole from the cache');
  const exempelby = second.model.datasets.find((d) => d.id === id)!;
  for (const p of exempelby.summary.periods) {
    const f = p.files.find((x) => x.format === 'Parquet')!;
    assert.is(sha(join(out, f.path)), f.sha256, `${f.path}: as recorded`);
    if (p.key === '2025') assert.is(f.sha256, before.get(f.path), '2025: the same file');
    else assert.is.not(f.sha256, before.get(f.path), '2026: written again with the new month');
  }
  // Its content is what a fresh build writes.
  const fresh = join(root, 'fresh');
  const r = await build({ dataDir: data, outputDir: fresh, cacheDir: null });
  for (const d of r.model.datasets) for (const p of d.summary.periods) for (const f of p.files) assert.is(sha(join(out, f.path)), f.sha256, `${f.path}: the cached build equals a fresh one`);
  assert.is(HOST_FILE_LIMIT, 25 * 1024 * 1024);
  assert.not.ok(exempelby.summary.notices.some((n) => n.code === 'large_file'), 'the sample has no file over 25 MiB');
});

test.run();
