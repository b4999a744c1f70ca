/**
 * Örebro's real March 2016 workbook (../shared/fixtures/real/orebro-2016-03.xlsx, sole traders pseudonymised) read
 * as a municipality would: dropped into a dataset folder and built with the real CLI, and validated. The facts are
 * those of the fixture's README: 68,021 rows, 450,187,283.39 kr, 266 sole traders redacted, 22 rows with NULL,
 * SAKNAS or no id that must not merge into one supplier, and the month (from the file name) March 2016.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { needShared, SHARED } from './helpers/paths.ts';
import { defaultMetadata, makeDataDir, removeScratch, runCliAsync, scratch } from './hostile/project.ts';

const WORKBOOK = join(SHARED, 'fixtures/real/orebro-2016-03.xlsx');

if (needShared('the Örebro workbook tests')) {
  const root = scratch('insyn-orebro-');
  const data = makeDataDir([{ id: 'orebro', metadata: { ...defaultMetadata('Leverantörsfakturor, Örebro kommun'), publisher: 'exempelby' }, files: {} }], { parent: root });
  copyFileSync(WORKBOOK, join(data, 'datasets', 'orebro', 'Orebro.2016-03.xlsx'));
  const out = join(root, 'out', 'site');
  const runs = Promise.all([
    runCliAsync('build', ['--data', data, '--output', out, '--no-cache']),
    runCliAsync('validate', [WORKBOOK, '--json']),
  ]);

  test('validate: 68,021 rows, the exact total, 266 redacted, the month from the file name', async () => {
    const [, v] = await runs;
    assert.is(v.code, 0, v.stderr);
    const doc = JSON.parse(v.stdout);
    assert.is(doc.rows, 68_021);
    assert.is(doc.valid, 68_021);
    assert.is(doc.total, 450187283.39);
    assert.is(doc.redacted, 266);
    assert.equal(doc.period, { first: '2016-03-01', last: '2016-03-31' });
    const codes = doc.notes.map((n: { code: string }) => n.code);
    for (const c of ['header_mapping', 'date_from_period', 'supplier_id_not_orgnr', 'column_split']) assert.ok(codes.includes(c), c);
  });

  test('build: published as March 2016, every row accounted for, no day invented', async () => {
    const [b] = await runs;
    assert.is(b.code, 0, b.stderr);
    const summary = JSON.parse(readFileSync(join(out, 'datasets/orebro/summary.json'), 'utf8'));
    assert.is(summary.rows, 68_021);
    assert.is(summary.valid + summary.rejected, summary.rows);
    assert.is(summary.total, '450187283.39');
    assert.is(summary.redacted, 266);
    assert.equal(summary.byMonth.map((m: { month: string }) => m.month), ['2016-03']);
    const rows = parse(readFileSync(join(out, 'datasets/orebro/orebro-2016.csv')), { columns: true, bom: true }) as Record<string, string>[];
    assert.is(rows.length, 68_021);
    assert.ok(rows.every((r) => r.datum === '2016-03'), 'datum is the month');
    // KONTO "64400 Livsmedel" is split into number and name.
    assert.ok(rows.some((r) => r.konto_nr === '64400' && r.konto_text === 'Livsmedel'));
    // The buyer comes from the publisher's settings.
    assert.ok(rows.every((r) => r.kopare_id === '2120009903'));
  });

  test('the 22 rows with NULL, SAKNAS or no id are not merged into one supplier', async () => {
    await runs;
    const suppliers = parse(readFileSync(join(out, 'datasets/orebro/suppliers.csv')), { columns: true, bom: true }) as Record<string, string>[];
    const rows = parse(readFileSync(join(out, 'datasets/orebro/orebro-2016.csv')), { columns: true, bom: true }) as Record<string, string>[];
    const sole = 'Enskild näringsidkare (personuppgift borttagen)';
    const placeholder = rows.filter((r) => (r.leverantor_id === 'NULL' || r.leverantor_id === 'SAKNAS' || r.leverantor_id === '') && r.leverantor !== sole);
    assert.is(placeholder.length, 22);
    const names = new Set(placeholder.map((r) => r.leverantor.toUpperCase()));
    assert.ok(names.size > 10, `${names.size} different suppliers among them`);
    for (const name of names) {
      const entries = suppliers.filter((s) => s.leverantor.toUpperCase() === name);
      assert.ok(entries.length >= 1, `${name} is a supplier of its own`);
      assert.ok(entries.every((s) => s.leverantor_id === '' || /^\d{10}$/.test(s.leverantor_id)), 'no placeholder shown as an organisation number');
    }
    assert.not.ok(suppliers.some((s) => s.leverantor_id === 'NULL' || s.leverantor_id === 'SAKNAS'));
  });

  test.after(removeScratch);
}

test.run();
