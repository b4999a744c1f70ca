/**
 * `build` on hostile exports in a dataset folder: an unusable file fails the build (exit 1) naming the dataset,
 * the file, the line and what to do, with no stack trace, no output and no temporary folder left; usable but
 * broken files build (exit 0) with an exact, capped, readable report and nothing false published (no mojibake).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliResult } from './helpers/cli.ts';
import { caseNamed, SMALL_HEAP, type HostileCase } from './hostile/corpus.ts';
import { defaultMetadata, makeDataDir, pairwise, removeScratch, runCliAsync, scratch, stackTrace, strays } from './hostile/project.ts';

const DATASET = 'hostile-export';
const LIST_LIMIT = 100;

interface Outcome {
  c: HostileCase;
  out: string;
  r: CliResult;
}

function buildCase(c: HostileCase): Promise<Outcome> {
  const tmp = scratch('insyn-hostile-build-');
  const data = makeDataDir([{ id: DATASET, files: {} }], { parent: tmp });
  c.make(join(data, 'datasets', DATASET));
  const out = join(tmp, 'out', 'site');
  return runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet'], c.big ? SMALL_HEAP : {}).then((r) => ({ c, out, r }));
}

// One unusable file of each kind of failure (the reading is the same code as validate, whose test covers every
// case): empty, binary, a NUL inside text, a parse error, a missing column, a huge first line, and a 20 MB field
// with a 256 MB heap. utf16le-no-bom may be read or refused, see below.
const failing = ['empty.csv', 'workbook.csv', 'nul-on-line-3.csv', 'unclosed-quote.csv', 'missing-columns.csv', 'huge-first-line.csv', 'huge-quoted-cell.csv'].map(caseNamed);
const outcomes = new Map<string, Outcome>();

test.before(async () => {
  for (const o of await pairwise(failing.map((c) => () => buildCase(c)))) outcomes.set(o.c.name, o);
});

for (const c of failing) {
  test(`build with ${c.name} (${c.what}): exit 1, the file, the line and why; nothing published`, () => {
    const { r, out } = outcomes.get(c.name) as Outcome;
    const trace = stackTrace(r.stdout + r.stderr);
    assert.not.ok(trace, `a stack trace was printed: ${trace}`);
    assert.not.match(r.stderr, /heap out of memory|Allocation failed/i, 'the process ran out of memory');
    assert.is(r.code, 1, `exit ${r.code}\n${r.stderr.slice(0, 1000)}`);
    assert.ok(r.stderr.includes(c.name), `the message does not name the file: ${r.stderr.slice(0, 500)}`);
    if (c.expect.line !== undefined) assert.ok(r.stderr.includes(`line ${c.expect.line}`), `the message does not name line ${c.expect.line}: ${r.stderr.slice(0, 500)}`);
    for (const re of c.expect.says ?? []) assert.match(r.stderr, re, `the message does not match ${re}: ${r.stderr.slice(0, 500)}`);
    assert.match(r.stderr, /nothing was published/i);
    assert.ok(r.stderr.length < 5000, `the message is ${r.stderr.length} characters long`);
    assert.not.ok(existsSync(out), 'a failed first build must not leave an output folder');
    assert.equal(strays(out), [], 'temporary folders were left beside the output');
  });
}

test('a failed build names the dataset folder the unusable file is in, not only its file name', () => {
  const { r } = outcomes.get('workbook.csv') as Outcome;
  assert.ok(r.stderr.includes(DATASET), `"${DATASET}" is not in the message, so two datasets' 2025-01.csv cannot be told apart: ${r.stderr.slice(0, 300)}`);
});

// ---- one build of every usable but broken file together ----

const USABLE = ['header-only.csv', 'ragged-rows.csv', 'truncated-mid-row.csv', 'many-bad-rows.csv', 'many-columns.csv', 'mixed-encoding.csv', 'truncated-utf8.csv'];
let usable: Promise<{ r: CliResult; site: string }> | null = null;

function usableBuild() {
  usable ??= (async () => {
    const tmp = scratch('insyn-hostile-usable-');
    // These files are broken on purpose (150 000 bad rows): the dataset allows any share of rejected rows, and the
    // same rows twice (several cases are small variants of one export).
    const data = makeDataDir([{ id: DATASET, metadata: { ...defaultMetadata(), maxRejectedShare: 1, allowOverlap: true }, files: {} }], { parent: tmp });
    for (const name of USABLE) caseNamed(name).make(join(data, 'datasets', DATASET));
    const site = join(tmp, 'out', 'site');
    const r = await runCliAsync('build', ['--data', data, '--output', site, '--no-cache'], SMALL_HEAP);
    return { r, site };
  })();
  return usable;
}

interface Problem {
  file: string;
  row: number;
  line: number;
  code: string;
}

test('usable broken files: the build succeeds (exit 0) and says where the rejected rows are listed', async () => {
  const { r, site } = await usableBuild();
  assert.not.ok(stackTrace(r.stdout + r.stderr), 'a stack trace was printed');
  assert.is(r.code, 0, r.stderr.slice(0, 2000));
  assert.match(r.stdout, /rejected/);
  assert.ok(r.stdout.includes(`datasets/${DATASET}/report.json`), 'the output names the report');
  assert.ok(existsSync(join(site, 'datasets', DATASET, 'index.html')), 'the dataset page was built');
  assert.equal(strays(site), [], 'temporary folders were left beside the output');
});

test('usable broken files: report.json is exact, capped at 100 listed rows per code and file, and readable', async () => {
  const { site } = await usableBuild();
  const text = readFileSync(join(site, 'datasets', DATASET, 'report.json'), 'utf8');
  assert.ok(text.length < 1_000_000, `report.json is ${text.length} bytes`);
  const report = JSON.parse(text);
  const counts = Object.fromEntries(report.errorCounts.map((c: { code: string; count: number }) => [c.code, c.count]));
  // many-bad-rows: 50 000 per code; ragged-rows 3, truncated-mid-row 1 and truncated-utf8 1 more field_count rows.
  assert.is(counts.amount_invalid, 50_000);
  assert.is(counts.date_invalid, 50_000);
  assert.is(counts.field_count, 50_005);
  for (const c of report.errorCounts as { code: string; count: number; unlisted: number }[]) {
    const listed = (report.errors as Problem[]).filter((e) => e.code === c.code);
    const perFileListed = new Map<string, number>();
    for (const e of listed) perFileListed.set(e.file, (perFileListed.get(e.file) ?? 0) + 1);
    for (const [file, n] of perFileListed) assert.ok(n <= LIST_LIMIT, `${c.code}: ${n} rows listed for ${file}`);
    assert.is(c.unlisted, c.count - listed.length, `${c.code} unlisted`);
  }
  // One file's 50 000 bad rows do not hide the few of the others: each file's rows are listed up to the cap.
  const fieldCount = (report.errors as Problem[]).filter((e) => e.code === 'field_count');
  assert.is(fieldCount.filter((e) => e.file === 'many-bad-rows.csv').length, LIST_LIMIT);
  assert.is(fieldCount.filter((e) => e.file === 'ragged-rows.csv').length, 3);
  assert.is(fieldCount.length, LIST_LIMIT + 5);
  assert.is(report.valid + report.rejected, report.rows, 'valid + rejected = rows');
  // Every listed row names its file and its line (many-bad-rows.csv has one line per row: line = row + 1).
  for (const e of (report.errors as Problem[]).filter((x) => x.file === 'many-bad-rows.csv')) {
    assert.is(e.line, e.row + 1, `row ${e.row} is on line ${e.row + 1}, not ${e.line}`);
  }
  const perFile = Object.fromEntries((report.files as { file: string; rejected: number }[]).map((f) => [f.file, f.rejected]));
  assert.is(perFile['ragged-rows.csv'], 3, 'the ragged rows are counted for their file');
  assert.is(perFile['many-bad-rows.csv'], 150_000);
  const notes = report.notes as { file: string; code: string }[];
  assert.ok(notes.some((n) => n.file === 'header-only.csv' && n.code === 'no_rows'), 'header-only.csv gets a no_rows note');
  const unknown = notes.find((n) => n.file === 'many-columns.csv' && n.code === 'unknown_columns') as { message: string } | undefined;
  assert.ok(unknown, 'many-columns.csv gets an unknown_columns note');
  assert.ok((unknown as { message: string }).message.length < 3000, 'the note about 29 989 unknown columns stays short');
});

test('usable broken files: the published data holds only the spec columns and the good rows', async () => {
  const { site } = await usableBuild();
  const summary = JSON.parse(readFileSync(join(site, 'datasets', DATASET, 'summary.json'), 'utf8'));
  const files = summary.periods.flatMap((p: { files: { path: string; format: string }[] }) => p.files).filter((f: { format: string }) => f.format === 'CSV');
  let published = 0;
  for (const f of files) {
    const rows: string[][] = parse(readFileSync(join(site, f.path)), { bom: true });
    assert.is(rows[0].length, 15, `${f.path}: the 15 spec columns, not the 30 000 of the export`);
    published += rows.length - 1;
  }
  assert.is(published, summary.valid);
  // 3 (ragged) + 3 (truncated-mid-row) + 3 (many-columns) + 4 (mixed-encoding) + 3 (truncated-utf8)
  assert.is(summary.valid, 16);
});

test('usable broken files: a UTF-8 export with one stray byte, or cut inside a character, is read as UTF-8 (no mojibake published, the broken row warned)', async () => {
  const { site } = await usableBuild();
  const summary = JSON.parse(readFileSync(join(site, 'datasets', DATASET, 'summary.json'), 'utf8'));
  const enc = Object.fromEntries(summary.sources.map((s: { file: string; encoding: string }) => [s.file, s.encoding]));
  const data = summary.periods
    .flatMap((p: { files: { path: string }[] }) => p.files)
    .map((f: { path: string }) => readFileSync(join(site, f.path), 'utf8'))
    .join('\n');
  const page = readFileSync(join(site, 'datasets', DATASET, 'statistik', 'index.html'), 'utf8');
  // UTF-8 read as Windows-1252: Å → Ã…, ö → Ã¶. (A single broken byte shown as U+FFFD, and warned, is honest.)
  const mojibake = /Ã[\u0080-\u00bf\u2026\u0152-\u2122]/;
  const problems: string[] = [];
  if (enc['mixed-encoding.csv'] !== 'UTF-8') problems.push(`mixed-encoding.csv read as ${enc['mixed-encoding.csv']}`);
  if (enc['truncated-utf8.csv'] !== 'UTF-8') problems.push(`truncated-utf8.csv read as ${enc['truncated-utf8.csv']}`);
  const m = mojibake.exec(data);
  if (m) problems.push(`the published data holds mojibake: ${JSON.stringify(data.slice(Math.max(0, m.index - 30), m.index + 30))}`);
  if (mojibake.test(page)) problems.push('the statistics page shows mojibake supplier names');
  const report = JSON.parse(readFileSync(join(site, 'datasets', DATASET, 'report.json'), 'utf8'));
  const flagged = [...report.errors, ...report.warnings].some((p: Problem) => p.file === 'mixed-encoding.csv' && p.line === 4);
  if (data.includes('\uFFFD') && !flagged) problems.push('a value with U+FFFD was published without a warning naming mixed-encoding.csv line 4');
  assert.equal(problems, []);
});

test('UTF-16LE without a BOM: published correctly, or refused with a message that names UTF-16', async () => {
  const o = await buildCase(caseNamed('utf16le-no-bom.csv'));
  assert.not.ok(stackTrace(o.r.stdout + o.r.stderr), 'a stack trace was printed');
  if (o.r.code === 0) {
    const summary = JSON.parse(readFileSync(join(o.out, 'datasets', DATASET, 'summary.json'), 'utf8'));
    assert.is(summary.valid, 2);
    assert.ok(summary.topSuppliers.some((s: { name: string }) => s.name === 'Åkerö Bygg AB'), 'the supplier name survives');
  } else {
    assert.is(o.r.code, 1);
    assert.match(o.r.stderr, /UTF-16/, `the message does not say the file is UTF-16 without a byte order mark: ${o.r.stderr.slice(0, 400)}`);
  }
});

// ---- usage ----

test('build: usage mistakes exit 2 (unknown option, stray argument, missing value, a --base-url that is not a URL)', async () => {
  const tmp = scratch('insyn-hostile-usage-');
  const data = makeDataDir([], { parent: tmp });
  const out = join(tmp, 'out', 'site');
  const cases = [['--nope'], ['extra'], ['--output'], ['--base-url', 'not a url', '--data', data, '--output', out]];
  const results = await pairwise(cases.map((args) => () => runCliAsync('build', args)));
  results.forEach((r, i) => {
    assert.not.ok(stackTrace(r.stderr), `build ${cases[i].join(' ')}: a stack trace was printed`);
    assert.is(r.code, 2, `build ${cases[i].join(' ')} exits ${r.code}: ${r.stderr.slice(0, 300)}`);
  });
});

test.after(removeScratch);

test.run();
