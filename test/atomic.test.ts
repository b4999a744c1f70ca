/**
 * Atomic builds: a build that fails (broken metadata, broken settings, an unusable export, an error thrown
 * halfway through from the `afterDatasets` hook, a later stage crashing on what the hook broke) leaves the
 * previous output byte for byte as it was, says why (exit 1), and leaves no temporary folder behind. A failed
 * first build leaves no output at all.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from '../scripts/build/build.ts';
import type { CliResult } from './helpers/cli.ts';
import { caseNamed } from './hostile/corpus.ts';
import { copySampleData, readDirs, readTree, removeScratch, runCliAsync, scratch, stackTrace, strays, treeDiff } from './hostile/project.ts';

const tmp = scratch('insyn-atomic-');
const data = copySampleData(tmp);
const out = join(tmp, 'out', 'site');
const ID = 'sjovik-leverantorsreskontra';

const first = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
const before = existsSync(out) ? readTree(out) : new Map<string, Buffer>();
const beforeDirs = existsSync(out) ? readDirs(out) : [];

function assertUnchanged(what: string): void {
  const diff = treeDiff(before, readTree(out));
  assert.equal(diff, [], `${what}: the previous output changed`);
  assert.equal(readDirs(out), beforeDirs, `${what}: the previous output's folders changed`);
  assert.equal(strays(out), [], `${what}: temporary folders were left beside the output`);
}

/** A copy of the sample data with one change, and the CLI build of it into the same output folder. */
async function breakAndBuild(change: (dataCopy: string) => void): Promise<CliResult> {
  const copy = copySampleData(scratch('insyn-atomic-data-'));
  change(copy);
  return runCliAsync('build', ['--data', copy, '--output', out, '--no-cache', '--quiet']);
}

function assertFailedClearly(r: CliResult, names: RegExp[]): void {
  assert.not.ok(stackTrace(r.stdout + r.stderr), `a stack trace was printed: ${stackTrace(r.stdout + r.stderr)}`);
  assert.is(r.code, 1, `exit ${r.code}: ${r.stderr.slice(0, 800)}`);
  for (const re of names) assert.match(r.stderr, re, `the message does not say ${re}: ${r.stderr.slice(0, 800)}`);
  assert.match(r.stderr, /nothing was published|as it was/i, 'the message says the previous output was kept');
}

test('the first build succeeds (the baseline the failures must leave as it was)', () => {
  assert.is(first.code, 0, first.stderr.slice(0, 1500));
  assert.ok(before.size > 40, `the baseline has ${before.size} files`);
  assert.equal(strays(out), []);
});

test('broken dataset metadata (invalid JSON): exit 1 naming the file and the line; the output is unchanged', async () => {
  const r = await breakAndBuild((d) => {
    const p = join(d, 'datasets', ID, 'dataset.json');
    writeFileSync(p, readFileSync(p, 'utf8').replace('"publisher": "sjovik",', '"publisher": "sjovik"'));
  });
  assertFailedClearly(r, [/dataset\.json/, new RegExp(ID), /line \d+/]);
  assertUnchanged('broken dataset.json');
});

test('dataset metadata with a wrong value: exit 1 naming the field and what is allowed; the output is unchanged', async () => {
  const r = await breakAndBuild((d) => {
    const p = join(d, 'datasets', ID, 'dataset.json');
    writeFileSync(p, readFileSync(p, 'utf8').replace('"CC-BY-4.0"', '"GPL"'));
  });
  assertFailedClearly(r, [/dataset\.json/, /license/, /CC0-1\.0/]);
  assertUnchanged('dataset.json with license GPL');
});

test('broken site settings (no publishers): exit 1 naming site.json and the field; the output is unchanged', async () => {
  const r = await breakAndBuild((d) => {
    const p = join(d, 'site.json');
    const s = JSON.parse(readFileSync(p, 'utf8'));
    delete s.publishers;
    writeFileSync(p, JSON.stringify(s));
  });
  assertFailedClearly(r, [/site\.json/, /publishers/]);
  assertUnchanged('site.json without publishers');
});

test('an unusable export (an Excel workbook named .csv): exit 1 naming the file; the output is unchanged', async () => {
  const r = await breakAndBuild((d) => {
    caseNamed('workbook.csv').make(join(d, 'datasets', ID));
  });
  assertFailedClearly(r, [/workbook\.csv/, /Excel/]);
  assertUnchanged('an Excel workbook in a dataset folder');
});

test('an unusable export in the second dataset, after the first was published: the output is unchanged', async () => {
  const r = await breakAndBuild((d) => {
    caseNamed('unclosed-quote.csv').make(join(d, 'datasets', ID));
  });
  assertFailedClearly(r, [/unclosed-quote\.csv/, /line 4/]);
  assertUnchanged('an unclosed quote in the second dataset');
});

test('an error thrown from afterDatasets (halfway through): the error comes out, the output is unchanged', async () => {
  let staged = '';
  const err = await build({
    dataDir: data,
    outputDir: out,
    cacheDir: null,
    afterDatasets(_model, stagingDir) {
      staged = stagingDir;
      // Write something into the staging folder first, as a half-done later stage would.
      mkdirSync(join(stagingDir, 'halvfardig'), { recursive: true });
      writeFileSync(join(stagingDir, 'halvfardig', 'index.html'), '<p>halvfärdig</p>');
      throw new Error('stopped halfway on purpose');
    },
  }).then(
    () => null,
    (e: Error) => e,
  );
  assert.ok(err, 'the build did not fail');
  assert.is((err as Error).message, 'stopped halfway on purpose');
  assert.ok(staged !== '' && !existsSync(staged), 'the staging folder was removed');
  assertUnchanged('an error from afterDatasets');
});

test('a later stage crashing on what afterDatasets broke (the catalogue or the site): the output is unchanged', async () => {
  const err = await build({
    dataDir: data,
    outputDir: out,
    cacheDir: null,
    afterDatasets(model) {
      (model.datasets[0] as unknown as { summary: unknown }).summary = null;
    },
  }).then(
    () => null,
    (e: Error) => e,
  );
  assert.ok(err, 'the build did not fail');
  assertUnchanged('a crash after afterDatasets');
});

test('after all the failures, a good build still replaces the output completely', async () => {
  const copy = copySampleData(scratch('insyn-atomic-data-'));
  const p = join(copy, 'datasets', ID, 'dataset.json');
  writeFileSync(p, readFileSync(p, 'utf8').replace('Leverantörsfakturor, Sjöviks kommun', 'Leverantörsfakturor, Sjöviks kommun (ny)'));
  const r = await runCliAsync('build', ['--data', copy, '--output', out, '--no-cache', '--quiet']);
  assert.is(r.code, 0, r.stderr.slice(0, 800));
  const after = readTree(out);
  assert.ok((after.get(`datasets/${ID}/index.html`) as Buffer).toString('utf8').includes('(ny)'), 'the new output is in place');
  // Exactly the files a fresh build of the same data writes (the search index's file names are hashes of their
  // content, so they differ from the build before): nothing of another build left in it.
  const fresh = join(scratch('insyn-atomic-fresh-'), 'site');
  const f = await runCliAsync('build', ['--data', copy, '--output', fresh, '--no-cache', '--quiet']);
  assert.is(f.code, 0, f.stderr.slice(0, 800));
  assert.equal([...after.keys()].sort(), [...readTree(fresh).keys()].sort(), 'no file of another build was left in the output');
  assert.equal(strays(out), []);
});

test.after(removeScratch);

test.run();
