/**
 * Deterministic builds: the sample data built twice into different folders gives byte-identical trees, also
 * when the two builds differ in everything that must not matter (output path, a fresh copy of the data with
 * other mtimes, time zone, locale), with and without the build cache, and with SOURCE_DATE_EPOCH set. The wall
 * clock never reaches the output.
 */
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from '../scripts/build/build.ts';
import { copySampleData, readDirs, readTree, removeScratch, runCliAsync, SAMPLE_DATA, scratch, treeDiff } from './hostile/project.ts';

/** Sets every file's and folder's mtime under `dir` to `when` (a different checkout of the same data). */
function touchAll(dir: string, when: Date): void {
  for (const p of readDirs(dir)) utimesSync(join(dir, p), when, when);
  for (const p of readTree(dir).keys()) utimesSync(join(dir, p), when, when);
}

function assertSame(a: string, b: string, what: string): void {
  const diff = treeDiff(readTree(a), readTree(b));
  assert.equal(diff, [], `${what}: ${diff.length} files differ:\n  ${diff.slice(0, 20).join('\n  ')}`);
  assert.equal(readDirs(a), readDirs(b), `${what}: the folders differ`);
}

const base = scratch('insyn-determinism-');
const A = join(base, 'a', 'site');
const B = join(base, 'b', 'deeper', 'other-name');
const copy = copySampleData(scratch('insyn-determinism-data-'));
touchAll(copy, new Date('2001-02-03T04:05:06Z'));

// Two CLI builds side by side: A from data/ in UTC and the C locale, B from a fresh copy (other mtimes, other
// folder) in a time zone a day ahead and a Swedish locale.
const [ra, rb] = await Promise.all([
  runCliAsync('build', ['--data', SAMPLE_DATA, '--output', A, '--no-cache', '--quiet'], { TZ: 'UTC', LC_ALL: 'C', LANG: 'C' }),
  runCliAsync('build', ['--data', copy, '--output', B, '--no-cache', '--quiet'], { TZ: 'Pacific/Kiritimati', LC_ALL: 'sv_SE.UTF-8', LANG: 'sv_SE.UTF-8' }),
]);

test('two builds of the sample data into different folders (other mtimes, time zone, locale) are byte-identical', () => {
  assert.is(ra.code, 0, ra.stderr.slice(0, 1000));
  assert.is(rb.code, 0, rb.stderr.slice(0, 1000));
  assertSame(A, B, 'A (data/, UTC) vs B (a copy, UTC+14, sv_SE)');
});

test('with the build cache: a build that fills the cache and one served from it equal the uncached build', async () => {
  const cacheDir = join(scratch('insyn-determinism-cache-'), 'cache');
  const C = join(base, 'c', 'site');
  const D = join(base, 'd', 'site');
  const c = await build({ dataDir: SAMPLE_DATA, outputDir: C, cacheDir });
  assert.equal(c.cached, [], 'the first build publishes afresh');
  const d = await build({ dataDir: copy, outputDir: D, cacheDir });
  assert.equal(d.cached.sort(), ['exempelby-leverantorsreskontra', 'sjovik-leverantorsreskontra'], 'the second build takes both datasets from the cache');
  assertSame(A, C, 'A (no cache) vs C (filling the cache)');
  assertSame(A, D, 'A (no cache) vs D (from the cache)');
});

test('with SOURCE_DATE_EPOCH set, two builds (in different time zones) are byte-identical', async () => {
  const E = join(base, 'e', 'site');
  const F = join(base, 'f', 'x', 'site');
  const env = { SOURCE_DATE_EPOCH: '1772323200' }; // 2026-03-01T00:00:00Z
  const [re, rf] = await Promise.all([
    runCliAsync('build', ['--data', SAMPLE_DATA, '--output', E, '--no-cache', '--quiet'], { ...env, TZ: 'America/Los_Angeles' }),
    runCliAsync('build', ['--data', copy, '--output', F, '--no-cache', '--quiet'], { ...env, TZ: 'Asia/Tokyo' }),
  ]);
  assert.is(re.code, 0, re.stderr.slice(0, 1000));
  assert.is(rf.code, 0, rf.stderr.slice(0, 1000));
  assertSame(E, F, 'E vs F (SOURCE_DATE_EPOCH)');
});

test('the wall clock never reaches the output (no file carries today\'s date)', () => {
  const now = new Date();
  const iso = now.toISOString().slice(0, 10);
  const latestData = '2026-02-28';
  if (iso <= latestData) {
    console.log(`notice: today (${iso}) is within the sample data's dates; skipping the wall-clock check`);
    return;
  }
  const months = { sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'], en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] };
  const d = now.getUTCDate();
  const m = now.getUTCMonth();
  const y = now.getUTCFullYear();
  const forms = [iso, `${d} ${months.sv[m]} ${y}`, `${d} ${months.en[m]} ${y}`, `${months.en[m]} ${d}, ${y}`];
  const hits: string[] = [];
  for (const [p, b] of readTree(A)) {
    const t = b.toString('utf8');
    for (const f of forms) if (t.includes(f)) hits.push(`${p}: ${f}`);
  }
  assert.equal(hits, []);
});

test.after(removeScratch);

test.run();
