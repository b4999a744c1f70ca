import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { writeExport } from './helpers/exports.ts';
import { runCli } from './helpers/cli.ts';
import { needShared, SHARED, tempDir } from './helpers/paths.ts';
import { testPnr, write } from './helpers/pnr.ts';

const dir = tempDir();
const H = ['kopare_id', 'kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp', 'datum'];
const pnr = write(testPnr(1985, 5, 17, 987), 'YYMMDD-NNNN');
const good = writeExport(dir, 'good.csv', [
  H,
  ['2120001355', 'Exempelby kommun', '1', 'Bygg AB', '5560360793', '4010', 'Material', '100.10', '2025-01-02'],
  ['2120001355', 'Exempelby kommun', '2', 'Anna Test', pnr, '6420', 'Konsult', '0.20', '2025-01-03'],
], { sep: ';', eol: '\r\n', enc: 'utf8' });
const bad = writeExport(dir, 'bad.csv', [
  H,
  ['2120001355', 'Exempelby kommun', '1', 'Bygg AB', '5560360793', '4010', 'Material', '100.10', '2025-01-02'],
  ['2120001355', 'Exempelby kommun', '2', 'Bygg AB', '5560360793', '4010', 'Material', 'tio kronor', '2025-01-02'],
  ['2120001355', 'Exempelby kommun', '3', 'Bygg AB', '5560360793', '4010', 'Material', '1', '2024-02-30'],
  ['2120001355', 'Exempelby kommun', '4', '', '', '4010', 'Material', '1', '2024-02-01'],
  ['2120001355', 'Exempelby kommun', '5', 'Bygg AB', '5560360793', '4010', 'Material', '1', '2024-13-01', 'extra'],
  ['2120001355', 'Exempelby kommun', '6', `Anna ${pnr}`, pnr, '4010', '', '1', '2024-12-01'],
], { sep: ';', eol: '\n', enc: 'utf8' });

test('clean file: exit 0, one JSON document with exact totals', () => {
  const r = runCli('validate', [good, '--json']);
  assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.is(doc.rows, 2);
  assert.is(doc.valid, 2);
  assert.is(doc.rejected, 0);
  assert.is(doc.redacted, 1);
  assert.match(r.stdout, /"total": 100\.30\b/);
  assert.is(doc.encoding, 'UTF-8');
  assert.is(doc.delimiter, ';');
  assert.equal(doc.errors, []);
  assert.ok(Array.isArray(doc.warnings));
});

test('rejected rows: exit 1, each listed with row, column, code, message and value; no personnummer anywhere', () => {
  const r = runCli('validate', [bad, '--json']);
  assert.is(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.is(doc.rows, 6);
  assert.is(doc.valid + doc.rejected, doc.rows);
  assert.is(doc.rejected, 4);
  const byRow = Object.fromEntries(doc.errors.map((e: { row: number }) => [e.row, e]));
  assert.is(byRow[2].column, 'belopp');
  assert.is(byRow[2].code, 'amount_invalid');
  assert.is(byRow[2].value, 'tio kronor');
  assert.is(byRow[3].code, 'date_invalid');
  assert.is(byRow[3].value, '2024-02-30');
  assert.is(byRow[4].code, 'supplier_missing');
  assert.is(byRow[5].code, 'field_count');
  for (const e of doc.errors) for (const k of ['row', 'column', 'code', 'message']) assert.ok(k in e, k);
  assert.is(doc.redacted, 1);
  assert.ok(doc.warnings.some((w: { code: string }) => w.code === 'required_empty'));
  const digits = pnr.replace('-', '');
  for (const out of [r.stdout, r.stderr]) {
    assert.not.ok(out.includes(pnr));
    assert.not.ok(out.includes(digits));
  }
  const human = runCli('validate', [bad]);
  assert.is(human.code, 1);
  assert.match(human.stdout, /row 2 \(line 3\), belopp: "tio kronor"/);
  assert.not.ok(human.stdout.includes(pnr));
});

test('unusable files: exit 2 with the file and what to do, never a stack trace', () => {
  const empty = writeExport(dir, 'empty.csv', [], { sep: ';', eol: '', enc: 'utf8', trailingEol: false });
  const missing = join(dir, 'does-not-exist.csv');
  const nocols = writeExport(dir, 'nocols.csv', [['a', 'b'], ['1', '2']], { sep: ';', eol: '\n', enc: 'utf8' });
  for (const f of [empty, missing, nocols]) {
    const r = runCli('validate', [f]);
    assert.is(r.code, 2, f);
    assert.ok(r.stdout.includes(f), r.stdout);
    assert.match(r.stdout, /UNUSABLE/);
    assert.not.match(r.stdout + r.stderr, /\n\s+at .*\.ts:\d+/);
    const j = runCli('validate', [f, '--json']);
    assert.is(j.code, 2);
    const doc = JSON.parse(j.stdout);
    assert.is(doc.usable, false);
    assert.ok(doc.error.length > 10);
  }
});

test('several files: the worst exit code wins; usage errors exit 2', () => {
  assert.is(runCli('validate', [good, bad]).code, 1);
  const r = runCli('validate', [good, bad, '--json']);
  const doc = JSON.parse(r.stdout);
  assert.is(doc.files.length, 2);
  assert.is(runCli('validate', []).code, 2);
  assert.is(runCli('validate', ['--nope', good]).code, 2);
});

test('a personnummer in a file name is masked in every message', () => {
  const digits = pnr.replace('-', '');
  const named = writeExport(dir, `leverantor-${digits}.csv`, [H, ['2120001355', 'K', '1', 'Bygg AB', '5560360793', '4010', 'M', 'x', '2025-01-02']], { sep: ';', eol: '\n', enc: 'utf8' });
  for (const args of [[named], [named, '--json']]) {
    const r = runCli('validate', args);
    assert.is(r.code, 1);
    assert.not.ok((r.stdout + r.stderr).includes(digits), r.stdout);
    assert.match(r.stdout, /personnummer borttaget/);
  }
});

test('the real VGR excerpt validates clean', () => {
  if (!needShared('the real-file CLI test')) return;
  const r = runCli('validate', [join(SHARED, 'fixtures/real/vgr-2026-01-excerpt.csv'), '--json']);
  assert.is(r.code, 0);
  const doc = JSON.parse(r.stdout);
  assert.is(doc.rows, 4);
  assert.match(r.stdout, /"total": 5047504\.73\b/);
});

test.run();
