/**
 * Paths: dataset folder names, the output folder and content pages' permalinks cannot make the build write
 * outside its output folder, replace the data it reads, or overwrite another part of the site (the catalogue,
 * a dataset's files). Unsafe ids and colliding permalinks fail the build with a clear message (exit 1), an
 * output folder that overlaps the data or is not a folder is refused as a usage mistake (exit 2).
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliResult } from './helpers/cli.ts';
import { addDataset, copyProject, csvText, HEADER, makeDataDir, readTree, pairwise, removeScratch, row, runCliAsync, SAMPLE_DATA, scratch, sha256, stackTrace, strays, treeDiff } from './hostile/project.ts';

const GOOD_CSV = csvText([HEADER, row(1), row(2)]);

// ---- dataset ids ----

const BAD_IDS = ['a b', 'Å', 'CON', 'x.y'];

test('unsafe dataset folder names fail the build (exit 1) naming the folder and the rule; nothing is written', async () => {
  const runs = await pairwise(
    BAD_IDS.map((id) => async () => {
      const tmp = scratch('insyn-paths-id-');
      const data = makeDataDir([{ id, files: { '2025-01.csv': GOOD_CSV } }], { parent: tmp });
      const out = join(tmp, 'out', 'site');
      const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
      return { id, r, out };
    }),
  );
  const bad: string[] = [];
  for (const { id, r, out } of runs) {
    if (stackTrace(r.stderr)) bad.push(`${id}: a stack trace was printed`);
    if (r.code !== 1) bad.push(`${id}: exit ${r.code}`);
    if (!r.stderr.includes(id)) bad.push(`${id}: the message does not name the folder`);
    if (!/a-z/.test(r.stderr)) bad.push(`${id}: the message does not say which names are allowed`);
    if (existsSync(out)) bad.push(`${id}: an output folder was written`);
    if (strays(out).length) bad.push(`${id}: left ${strays(out)} beside the output`);
  }
  assert.equal(bad, []);
});

test('a hidden dataset folder is left out, and odd but valid ids (con, index) stay inside their own folders', async () => {
  const tmp = scratch('insyn-paths-hidden-');
  const data = makeDataDir(
    [
      { id: '.hidden', files: { '2025-01.csv': csvText([HEADER, row(1, { leverantor: 'Dold Leverantör AB' })]) } },
      { id: 'con', files: { '2025-01.csv': GOOD_CSV } },
      { id: 'index', files: { '2025-01.csv': GOOD_CSV } },
    ],
    { parent: tmp },
  );
  const out = join(tmp, 'out', 'site');
  const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
  assert.is(r.code, 0, r.stderr.slice(0, 1500));
  assert.equal(strays(out), [], 'nothing beside the output folder');
  const tree = readTree(out);
  const paths = [...tree.keys()];
  assert.not.ok(paths.some((p) => p.includes('hidden')), 'nothing of the hidden folder is published');
  assert.not.ok([...tree.values()].some((b) => b.includes('Dold Leverantör')), 'no row of the hidden folder is published');
  for (const id of ['con', 'index']) {
    assert.ok(tree.has(`datasets/${id}/${id}-2025.csv`), `${id}: its data file`);
    assert.ok(tree.has(`datasets/${id}/index.html`), `${id}: its landing page`);
  }
  // Every published file listed in a summary is where the summary says, with its bytes and hash.
  for (const id of ['con', 'index']) {
    const summary = JSON.parse((tree.get(`datasets/${id}/summary.json`) as Buffer).toString('utf8'));
    for (const f of summary.periods.flatMap((p: { files: { path: string; sha256: string; bytes: number }[] }) => p.files)) {
      assert.ok(f.path.startsWith(`datasets/${id}/`), `${f.path} is inside its dataset's folder`);
      const b = tree.get(f.path) as Buffer;
      assert.ok(b, `${f.path} exists`);
      assert.is(sha256(b), f.sha256, `${f.path}: the bytes are the ones the summary describes`);
    }
  }
});

// ---- the output folder ----

interface OutputCase {
  what: string;
  /** Returns the --output path, given the temp dir and the data folder in it. */
  output(tmp: string, data: string): string;
}

const OUTPUT_CASES: OutputCase[] = [
  { what: 'the data folder itself', output: (_t, data) => data },
  { what: 'the folder that holds the data folder', output: (tmp) => tmp },
  {
    what: 'an existing file',
    output: (tmp) => {
      writeFileSync(join(tmp, 'anteckningar.txt'), 'mina anteckningar\n');
      return join(tmp, 'anteckningar.txt');
    },
  },
  {
    what: 'an existing folder of other files, not an earlier Insyn build',
    output: (tmp) => {
      mkdirSync(join(tmp, 'dokument'), { recursive: true });
      writeFileSync(join(tmp, 'dokument', 'brev.txt'), 'ett brev\n');
      writeFileSync(join(tmp, 'dokument', 'budget.xlsx'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0]));
      return join(tmp, 'dokument');
    },
  },
];

test('an --output that would replace the data or other files is refused (exit 2) and everything stays as it was', async () => {
  const runs = await pairwise(
    OUTPUT_CASES.map((c) => async () => {
      const tmp = scratch('insyn-paths-out-');
      const data = makeDataDir([{ id: 'liten', files: { '2025-01.csv': GOOD_CSV } }], { parent: tmp });
      writeFileSync(join(data, 'README.md'), '# Våra data\n');
      const output = c.output(tmp, data);
      const before = readTree(tmp);
      const r = await runCliAsync('build', ['--data', data, '--output', output, '--no-cache', '--quiet']);
      const after = existsSync(tmp) ? readTree(tmp) : new Map<string, Buffer>();
      return { c, r, diff: treeDiff(before, after) };
    }),
  );
  const bad: string[] = [];
  for (const { c, r, diff } of runs) {
    if (stackTrace(r.stderr)) bad.push(`${c.what}: a stack trace was printed`);
    if (r.code !== 2) bad.push(`${c.what}: exit ${r.code} (expected 2, the command was called wrong)`);
    if (diff.length) bad.push(`${c.what}: files changed: ${diff.slice(0, 4).join('; ')}${diff.length > 4 ? ` and ${diff.length - 4} more` : ''}`);
  }
  assert.equal(bad, []);
});

// ---- content pages' permalinks (in a throwaway copy of the project; the real content/ is never touched) ----

const ID = 'sjovik-leverantorsreskontra';

interface PageCase {
  what: string;
  permalink: string;
}

const PAGE_CASES: PageCase[] = [
  { what: "a dataset's landing page", permalink: `/datasets/${ID}/index.html` },
  { what: 'a path outside the output folder', permalink: '../outside.html' },
  { what: 'the DCAT catalogue', permalink: '/datasets/dcat.rdf' },
  { what: "a dataset's published CSV", permalink: `/datasets/${ID}/${ID}-2026.csv` },
];

interface PageRun {
  c: PageCase;
  r: CliResult;
  out: string;
  tmp: string;
}

let pageRuns: Promise<PageRun[]> | null = null;

function runPages(): Promise<PageRun[]> {
  pageRuns ??= pairwise(
    PAGE_CASES.map((c) => async () => {
      const project = copyProject();
      const tmp = join(project, '..');
      const data = makeDataDir([], { parent: tmp });
      addDataset(data, {
        id: ID,
        metadata: readFileSync(join(SAMPLE_DATA, 'datasets', ID, 'dataset.json'), 'utf8'),
        files: { '2026-01.csv': readFileSync(join(SAMPLE_DATA, 'datasets', ID, '2026-01.csv')) },
      });
      writeFileSync(
        join(project, 'content', 'sv', 'kapning.md'),
        `---\ntitle: Kapning\ndescription: En sida som försöker skriva över en annan fil.\nref: kapning\npermalink: ${c.permalink}\n---\n\nKAPAD SIDA\n`,
      );
      const out = join(tmp, 'out', 'site');
      const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet'], {}, project);
      return { c, r, out, tmp };
    }),
  );
  return pageRuns;
}

function rdfTypes(text: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const types: string[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (q: { predicate: { value: string }; object: { value: string } }) => {
      if (q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type') types.push(q.object.value);
    });
    parser.on('error', reject);
    parser.on('end', () => resolve(types));
    parser.write(text);
    parser.end();
  });
}

for (const [i, c] of PAGE_CASES.entries()) {
  test(`a content page whose permalink is ${c.what} (${c.permalink}) cannot overwrite it or escape the output`, async () => {
    const run = (await runPages())[i];
    const { r, out } = run;
    const bad: string[] = [];
    if (strays(out).length) bad.push(`files were written beside the output folder: ${strays(out)}`);
    if (existsSync(join(run.tmp, 'outside.html'))) bad.push('a file was written outside the output folder');
    const trace = stackTrace(r.stderr);
    if (trace) bad.push(`a stack trace was printed: ${trace.trim()}`);
    if (r.code === 0) {
      // The build went through: then the page must not have replaced anything.
      const tree = readTree(out);
      if (c.permalink === '/datasets/dcat.rdf') {
        const types = await rdfTypes((tree.get('datasets/dcat.rdf') as Buffer).toString('utf8')).catch((e: Error) => [`unparsable: ${e.message}`]);
        if (!types.includes('http://www.w3.org/ns/dcat#Catalog')) bad.push(`dcat.rdf is no longer the catalogue (${types.slice(0, 2)})`);
      }
      const summary = JSON.parse((tree.get(`datasets/${ID}/summary.json`) as Buffer).toString('utf8'));
      for (const f of summary.periods.flatMap((p: { files: { path: string; sha256: string }[] }) => p.files)) {
        if (sha256(tree.get(f.path) as Buffer) !== f.sha256) bad.push(`${f.path} was overwritten by the page`);
      }
      const landing = (tree.get(`datasets/${ID}/index.html`) as Buffer).toString('utf8');
      if (landing.includes('KAPAD SIDA')) bad.push("the dataset's landing page was replaced by the content page");
    } else {
      if (r.code !== 1) bad.push(`exit ${r.code}`);
      if (!/kapning\.md/.test(r.stderr)) bad.push('the message does not name the page');
      if (/bug in Insyn/.test(r.stderr)) bad.push('a mistake in a content page is reported as "a bug in Insyn"');
      if (existsSync(out)) bad.push('a failed first build left an output folder');
    }
    assert.equal(bad, [], r.stderr.slice(0, 600));
  });
}

// ---- real paths: symbolic links into earlier builds and out of the data folder ----

test('--data given as a symbolic link into an earlier build (the current or the previous one) is refused (exit 2) and the data is kept', async () => {
  const bad: string[] = [];
  for (const where of ['current', 'previous']) {
    const tmp = scratch('insyn-paths-datalink-');
    const first = makeDataDir([{ id: 'liten', files: { '2025-01.csv': GOOD_CSV } }], { parent: tmp });
    const out = join(tmp, 'out', 'site');
    for (let i = 0; i < (where === 'previous' ? 2 : 1); i++) assert.is((await runCliAsync('build', ['--data', first, '--output', out, '--no-cache', '--quiet'])).code, 0);
    // The data folder lives inside a build (someone kept it there); a link elsewhere points at it.
    const previous = join(tmp, 'out', '.site.builds', 'previous');
    if (where === 'previous' && !existsSync(previous)) {
      bad.push('previous: no previous build is kept');
      continue;
    }
    const inBuild = realpathSync(where === 'current' ? out : previous);
    cpSync(first, join(inBuild, 'data'), { recursive: true });
    const link = join(tmp, 'min-data');
    symlinkSync(join(inBuild, 'data'), link);
    const before = readTree(join(inBuild, 'data'));
    const r = await runCliAsync('build', ['--data', link, '--output', out, '--no-cache', '--quiet']);
    if (stackTrace(r.stderr)) bad.push(`${where}: a stack trace was printed`);
    if (r.code !== 2) bad.push(`${where}: exit ${r.code} (expected 2)`);
    if (!/data folder/.test(r.stderr)) bad.push(`${where}: the message does not say it would replace the data folder: ${r.stderr.slice(0, 300)}`);
    if (!existsSync(join(inBuild, 'data', 'site.json'))) bad.push(`${where}: THE DATA FOLDER WAS DELETED`);
    else if (treeDiff(before, readTree(join(inBuild, 'data'))).length) bad.push(`${where}: the data changed`);
  }
  assert.equal(bad, []);
});

test("--output given as the user's own symbolic link to an earlier build: the link stays, the build goes where it points", async () => {
  const tmp = scratch('insyn-paths-outlink-');
  const data = makeDataDir([{ id: 'liten', files: { '2025-01.csv': GOOD_CSV } }], { parent: tmp });
  const out = join(tmp, 'out', 'site');
  assert.is((await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet'])).code, 0);
  const www = join(tmp, 'www');
  symlinkSync(join('out', 'site'), www);
  writeFileSync(join(data, 'datasets', 'liten', '2025-02.csv'), csvText([HEADER, row(3, { datum: '2025-02-03' })]));
  const r = await runCliAsync('build', ['--data', data, '--output', www, '--no-cache', '--quiet']);
  assert.not.ok(stackTrace(r.stderr));
  assert.is(r.code, 0, r.stderr.slice(0, 800));
  assert.ok(lstatSync(www).isSymbolicLink(), 'the user\'s link was replaced by a folder');
  assert.is(readlinkSync(www), join('out', 'site'), 'the user\'s link still points where it did');
  const summary = JSON.parse(readFileSync(join(out, 'datasets', 'liten', 'summary.json'), 'utf8'));
  assert.is(summary.rows, 3, 'the new build is where the link points');
  assert.equal(strays(out), []);
  // A link to a plain folder of an earlier version: that folder becomes the build's link, the user's link stays.
  const plain = join(tmp, 'gammal', 'site');
  mkdirSync(plain, { recursive: true });
  writeFileSync(join(plain, '.insyn-site'), '');
  const old = join(tmp, 'gammal-lank');
  symlinkSync(plain, old);
  const r2 = await runCliAsync('build', ['--data', data, '--output', old, '--no-cache', '--quiet']);
  assert.is(r2.code, 0, r2.stderr.slice(0, 800));
  assert.is(readlinkSync(old), plain);
  assert.ok(existsSync(join(old, 'datasets', 'liten', 'index.html')));
});

test('an --output whose real path is inside the data folder is refused (exit 2)', async () => {
  const tmp = scratch('insyn-paths-outdata-');
  const data = makeDataDir([{ id: 'liten', files: { '2025-01.csv': GOOD_CSV } }], { parent: tmp });
  symlinkSync(join(data, 'datasets'), join(tmp, 'ut'));
  const before = readTree(data);
  const r = await runCliAsync('build', ['--data', data, '--output', join(tmp, 'ut', 'site'), '--no-cache', '--quiet']);
  assert.not.ok(stackTrace(r.stderr));
  assert.is(r.code, 2, r.stderr.slice(0, 400));
  assert.equal(treeDiff(before, readTree(data)), []);
});

test('an export symlinked from outside the data folder is refused, clearly; nothing of it is read or published', async () => {
  const tmp = scratch('insyn-paths-outside-');
  const outside = join(tmp, 'annanstans');
  mkdirSync(outside);
  writeFileSync(join(outside, 'export.csv'), csvText([HEADER, row(1, { leverantor: 'Utanför Datamappen AB' })]));
  // A credentials file, linked with an export's name: its first line must never be printed.
  writeFileSync(join(outside, 'credentials'), 'aws_access_key_id,aws_secret_access_key\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n');
  const data = makeDataDir([{ id: 'liten', files: { '2025-01.csv': GOOD_CSV } }], { parent: tmp });
  const dir = join(data, 'datasets', 'liten');
  symlinkSync(join(outside, 'export.csv'), join(dir, '2025-02.csv'));
  symlinkSync(join(outside, 'credentials'), join(dir, '2025-03.csv'));
  const out = join(tmp, 'out', 'site');
  const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
  const bad: string[] = [];
  if (stackTrace(r.stderr)) bad.push('a stack trace was printed');
  if (r.code !== 1) bad.push(`exit ${r.code}`);
  for (const n of ['2025-02.csv', '2025-03.csv']) if (!r.stderr.includes(n)) bad.push(`the message does not name ${n}`);
  if (!/outside the data folder/.test(r.stderr)) bad.push('the message does not say the link leaves the data folder');
  if (/aws_access_key_id|AKIA|wJalr/.test(r.stderr)) bad.push("the credentials file's content was printed");
  if (/Utanför/.test(r.stderr)) bad.push("the outside export's content was printed");
  if (existsSync(out) && [...readTree(out).values()].some((b) => b.includes('Utanför Datamappen'))) bad.push('the outside export was published');
  assert.equal(bad, [], r.stderr.slice(0, 1200));
});

test('a link inside the data folder named like an export but pointing at a non-export (site.json) is refused without printing it', async () => {
  const tmp = scratch('insyn-paths-inlink-');
  const data = makeDataDir([{ id: 'liten', files: { '2025-01.csv': GOOD_CSV } }], { parent: tmp });
  symlinkSync(join('..', '..', 'site.json'), join(data, 'datasets', 'liten', '2025-02.csv'));
  symlinkSync(join(tmp, 'finns-inte.csv'), join(data, 'datasets', 'liten', '2025-03.csv'));
  const site = JSON.parse(readFileSync(join(data, 'site.json'), 'utf8'));
  const r = await runCliAsync('build', ['--data', data, '--output', join(tmp, 'out', 'site'), '--no-cache', '--quiet']);
  assert.not.ok(stackTrace(r.stderr));
  assert.is(r.code, 1, r.stderr.slice(0, 800));
  assert.match(r.stderr, /2025-02\.csv: a symbolic link to site\.json, which is not an export file/);
  assert.match(r.stderr, /2025-03\.csv: a symbolic link to something that does not exist/);
  assert.not.ok(r.stderr.includes(site.publishers[0].name), 'the content of site.json was printed');
});

test.after(removeScratch);

test.run();
