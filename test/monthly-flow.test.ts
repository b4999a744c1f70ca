/**
 * The monthly flow (issue 10): "drop next month's file into the folder and push". A green build must mean the month
 * was published, so each mistake that used to build green now fails (a file most of whose rows are rejected, the
 * same file twice, files sharing rows) or is reported (a month missing, a month far outside the usual range); and a
 * month costs a month: with the build cache, only the new or changed export is read. The real CLI, on data folders
 * shaped like each case.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyProject, defaultMetadata, makeDataDir, readTree, removeScratch, runCliAsync, scratch, stackTrace, treeDiff } from './hostile/project.ts';

const HEADER = 'kopare_id;kopare;verifikationsnummer;leverantor;leverantor_id;konto_nr;konto_text;belopp;datum';

/** A month's export: `rows` rows, voucher numbers unique to the month, amounts around `scale` kronor. */
function month(ym: string, rows = 20, scale = 1000): string {
  const lines = [HEADER];
  const [y, m] = ym.split('-');
  for (let i = 1; i <= rows; i++) {
    const day = String(((i - 1) % 28) + 1).padStart(2, '0');
    lines.push(`2120009903;Exempelby kommun;${y}${m}${String(i).padStart(4, '0')};Leverantör ${i % 7} AB;5560360793;4010;Material;${scale + i},50;${ym}-${day}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

function build(data: string, out: string, extra: string[] = [], cwd?: string) {
  return runCliAsync('build', ['--data', data, '--output', out, ...extra], {}, cwd);
}

test('a month whose rows are nearly all rejected fails the build, naming the file, the share and the likely cause', async () => {
  const root = scratch('insyn-flow-share-');
  // An Excel save with "," separators and decimal commas: every amount falls apart into two fields.
  const excel = ['kopare_id,kopare,verifikationsnummer,leverantor,leverantor_id,konto_nr,konto_text,belopp,datum'];
  for (let i = 1; i <= 55; i++) excel.push(`2120009903,Exempelby kommun,${9000 + i},Bygg AB,5560360793,4010,Material,${100 + i},50,2026-03-0${(i % 9) + 1}`);
  const files = { '2026-02.csv': month('2026-02'), '2026-03.csv': `${excel.join('\r\n')}\r\n` };
  const data = makeDataDir([{ id: 'fakturor', files }], { parent: root });
  const r = await build(data, join(root, 'out', 'site'), ['--no-cache']);
  assert.is(r.code, 1, r.stderr);
  assert.not.ok(stackTrace(r.stderr), r.stderr);
  assert.match(r.stderr, /2026-03\.csv: 55 of 55 rows are rejected \(100 %, more than the 20 %/);
  assert.match(r.stderr, /decimal commas in unquoted amounts/);
  assert.match(r.stderr, /maxRejectedShare/);
  // A dataset that allows it (its exports are known to be rough) builds, and reports the rows.
  const lenient = makeDataDir([{ id: 'fakturor', metadata: { ...defaultMetadata(), maxRejectedShare: 1 }, files }], { parent: scratch('insyn-flow-share2-') });
  const ok = await build(lenient, join(lenient, '..', 'out', 'site'), ['--no-cache']);
  assert.is(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /20 rows published, 55 rejected/);
});

test("the browser's re-download beside the original (the same bytes) fails the build", async () => {
  const root = scratch('insyn-flow-dup-');
  const data = makeDataDir([{ id: 'fakturor', files: { '2026-01.csv': month('2026-01'), '2026-02.csv': month('2026-02'), '2026-02 (1).csv': month('2026-02') } }], { parent: root });
  const r = await build(data, join(root, 'out', 'site'), ['--no-cache']);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /"2026-02 \(1\)\.csv" is the same file as "2026-02\.csv"/);
  assert.match(r.stderr, /Remove one of them/);
});

test('files that share rows (the same voucher number and date) fail, unless dataset.json says the overlap is intended', async () => {
  const root = scratch('insyn-flow-overlap-');
  // February exported again a week later: the same rows and a few more (other bytes).
  const again = month('2026-02', 26);
  const files = { '2026-01.csv': month('2026-01'), '2026-02.csv': month('2026-02'), '2026-02-ny.csv': again };
  const data = makeDataDir([{ id: 'fakturor', files }], { parent: root });
  const r = await build(data, join(root, 'out', 'site'), ['--no-cache']);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /"2026-02-ny\.csv" and "2026-02\.csv" have 20 rows in common|"2026-02\.csv" and "2026-02-ny\.csv" have 20 rows in common/);
  assert.match(r.stderr, /"allowOverlap": true/);
  const allowed = makeDataDir([{ id: 'fakturor', metadata: { ...defaultMetadata(), allowOverlap: true }, files }], { parent: scratch('insyn-flow-overlap2-') });
  const out = join(allowed, '..', 'out', 'site');
  const ok = await build(allowed, out, ['--no-cache']);
  assert.is(ok.code, 0, ok.stderr);
  const summary = JSON.parse(readFileSync(join(out, 'datasets/fakturor/summary.json'), 'utf8'));
  assert.ok(summary.notices.some((n: { code: string }) => n.code === 'overlap'), 'the intended overlap is still reported');
});

test('a month missing between published months, and a month far outside the usual range, are reported (not failures)', async () => {
  const root = scratch('insyn-flow-gap-');
  const files = { '2025-01.csv': month('2025-01'), '2025-02.csv': month('2025-02'), '2025-04.csv': month('2025-04'), '2025-05.csv': month('2025-05'), '2025-06.csv': month('2025-06', 20, 1) };
  const data = makeDataDir([{ id: 'fakturor', files }], { parent: root });
  const out = join(root, 'out', 'site');
  const r = await build(data, out, ['--no-cache']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: fakturor: No rows for 2025-03, between 2025-01 and 2025-06: is an export missing\?/);
  assert.match(r.stderr, /warning: fakturor: The total for 2025-06 \(/);
  const summary = JSON.parse(readFileSync(join(out, 'datasets/fakturor/summary.json'), 'utf8'));
  assert.equal(summary.notices.map((n: { code: string }) => n.code), ['month_gap', 'month_outlier']);
  const report = JSON.parse(readFileSync(join(out, 'datasets/fakturor/report.json'), 'utf8'));
  assert.equal(report.datasetNotes.map((n: { code: string }) => n.code), ['month_gap', 'month_outlier']);
});

test('a month costs a month: with the cache, only the new export is read, and the output is what a full build gives', async () => {
  const root = scratch('insyn-flow-cache-');
  const months = ['2025-01', '2025-02', '2025-03'];
  const data = makeDataDir([{ id: 'fakturor', files: Object.fromEntries(months.map((m) => [`${m}.csv`, month(m, 40)])) }], { parent: root });
  const project = copyProject(); // the cache lives in the project's .cache/insyn
  const out = join(root, 'out', 'site');
  const first = await build(data, out, [], project);
  assert.is(first.code, 0, first.stderr);
  // Next month.
  writeFileSync(join(data, 'datasets/fakturor/2025-04.csv'), month('2025-04', 40));
  const second = await build(data, out, [], project);
  assert.is(second.code, 0, second.stderr);
  const fromCache = second.stderr.split('\n').filter((l) => /unchanged: from the cache/.test(l));
  assert.equal(fromCache.map((l) => l.trim().split(':')[0]).sort(), ['2025-01.csv', '2025-02.csv', '2025-03.csv'], second.stderr);
  assert.match(second.stderr, /2025-04\.csv: 40 rows, 40 published/);
  // The same output as a build that reads everything.
  const full = join(root, 'full', 'site');
  const fresh = await build(data, full, ['--no-cache'], project);
  assert.is(fresh.code, 0, fresh.stderr);
  assert.equal(treeDiff(readTree(out), readTree(full)), [], 'the cached build and the full build differ');
  // A changed export is read again; the others still come from the cache.
  writeFileSync(join(data, 'datasets/fakturor/2025-02.csv'), month('2025-02', 41));
  const third = await build(data, out, [], project);
  assert.is(third.code, 0, third.stderr);
  assert.match(third.stderr, /2025-02\.csv: 41 rows, 41 published, 0 rejected, 0 redacted \(UTF-8, ";"\)\n/);
  assert.equal(third.stderr.split('\n').filter((l) => /unchanged: from the cache/.test(l)).length, 3);
});

test("a damaged file entry in the cache is not used: the export is read again and the output is right", async () => {
  const root = scratch('insyn-flow-damaged-');
  const data = makeDataDir([{ id: 'fakturor', files: { '2025-01.csv': month('2025-01'), '2025-02.csv': month('2025-02') } }], { parent: root });
  const project = copyProject();
  const out = join(root, 'out', 'site');
  assert.is((await build(data, out, [], project)).code, 0);
  // Truncate one cached fragment, then add a month (so the dataset is assembled from the file entries).
  const entries = join(project, '.cache/insyn/files/fakturor');
  const entry = readdirSync(entries)[0];
  const fragment = readdirSync(join(entries, entry)).find((f) => f.startsWith('rows-')) as string;
  writeFileSync(join(entries, entry, fragment), readFileSync(join(entries, entry, fragment)).subarray(0, 50));
  writeFileSync(join(data, 'datasets/fakturor/2025-03.csv'), month('2025-03'));
  const r = await build(data, out, [], project);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /the cached copy is damaged .*differs from what was stored/);
  const full = join(root, 'full', 'site');
  assert.is((await build(data, full, ['--no-cache'], project)).code, 0);
  assert.equal(treeDiff(readTree(out), readTree(full)), []);
  rmSync(join(project, '.cache'), { recursive: true, force: true });
});

test.after(removeScratch);

test.run();
