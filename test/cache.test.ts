/**
 * The build cache: keyed on the code as well as the data (a change to a script, a template or the lock file
 * reads every dataset again; a content page does not), verified before use (a truncated or edited entry is never
 * published: the dataset is rebuilt and the log says so), sharing no file with the site (copies, not hard
 * links), and never failing a build (a broken or unusable cache folder: a warning, exit 0). The CLI runs in a
 * throwaway copy of the project, whose `.cache/insyn` is the cache.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CODE_INPUTS } from '../scripts/build/cache.ts';
import type { CliResult } from './helpers/cli.ts';
import { ROOT } from './helpers/paths.ts';
import { copyProject, csvText, HEADER, makeDataDir, readTree, removeScratch, row, runCliAsync, scratch, sha256, stackTrace, treeDiff } from './hostile/project.ts';

const ID = 'cachad';
const FROM_CACHE = new RegExp(`${ID}: unchanged since the last build \\(taken from the cache`);
const READ_AGAIN = new RegExp(`${ID}: reading 2 export files`);

function rows(n: number, year: string): string[][] {
  return [HEADER, ...Array.from({ length: n }, (_, i) => row(i + 1, { datum: `${year}-0${(i % 9) + 1}-1${i % 9}` }))];
}

interface Setup {
  project: string;
  data: string;
  out: string;
  cache: string;
  build(): Promise<CliResult>;
}

let shared: string | null = null;

/** A data folder, an output and an empty cache, in a project copy of their own (`own`) or a shared one. */
function setup(own = false): Setup {
  const project = own ? copyProject() : (shared ??= copyProject());
  rmSync(join(project, '.cache'), { recursive: true, force: true });
  const data = makeDataDir([{ id: ID, files: { '2025.csv': csvText(rows(40, '2025')), '2026-01.csv': csvText(rows(10, '2026')) } }], { parent: scratch('insyn-cache-data-') });
  const out = join(data, '..', 'out', 'site');
  return {
    project,
    data,
    out,
    cache: join(project, '.cache', 'insyn'),
    build: () => runCliAsync('build', ['--data', data, '--output', out], {}, project),
  };
}

function ok(r: CliResult, what: string): void {
  assert.not.ok(stackTrace(r.stdout + r.stderr), `${what}: a stack trace was printed`);
  assert.is(r.code, 0, `${what}: exit ${r.code}\n${r.stderr.slice(0, 1500)}`);
}

/** The one entry of the dataset in the cache: its folder. */
function entryOf(cache: string): string {
  const dir = join(cache, 'datasets', ID);
  const entries = readdirSync(dir).filter((n) => !n.startsWith('.'));
  assert.is(entries.length, 1, `one entry for ${ID}: ${entries}`);
  return join(dir, entries[0]);
}

/** A cached file of the dataset (the entry's copy of `datasets/<id>/<name>`). */
function cachedFile(cache: string, name: string): string {
  const entry = entryOf(cache);
  const found = [join(entry, 'files', name), join(entry, name)].find((p) => existsSync(p));
  assert.ok(found, `${name} is in the cache entry`);
  return found as string;
}

test('a change to the code (a pipeline script, a template, content/_data, the lock file) reads every dataset again; a guide page does not', async () => {
  const s = setup(true);
  ok(await s.build(), 'first build');
  const second = await s.build();
  ok(second, 'second build');
  assert.match(second.stderr, FROM_CACHE, 'nothing changed: taken from the cache');
  const changes: [string, () => void, boolean][] = [
    ['a comment in scripts/pipeline/write.ts', () => appendFileSync(join(s.project, 'scripts/pipeline/write.ts'), '\n// a change that shapes nothing\n'), true],
    ['a template', () => appendFileSync(join(s.project, 'templates/layouts/dataset.njk'), '\n{# a change #}\n'), true],
    ['content/_data/texts.json', () => appendFileSync(join(s.project, 'content/_data/texts.json'), '\n'), true],
    ['package-lock.json', () => appendFileSync(join(s.project, 'package-lock.json'), '\n'), true],
    ['a guide page (content/sv/index.md)', () => appendFileSync(join(s.project, 'content/sv/index.md'), '\nEn mening till.\n'), false],
  ];
  const wrong: string[] = [];
  for (const [what, change, rebuilds] of changes) {
    change();
    const r = await s.build();
    ok(r, what);
    if (rebuilds && !READ_AGAIN.test(r.stderr)) wrong.push(`${what}: the dataset was taken from the cache`);
    if (!rebuilds && !FROM_CACHE.test(r.stderr)) wrong.push(`${what}: the dataset was read again`);
  }
  assert.equal(wrong, []);
});

test("the workflow's cache key hashes the same code as the build, and restores only a cache of the same code", () => {
  const yml = readFileSync(join(ROOT, '.github/workflows/pages.yml'), 'utf8');
  const key = /^\s*key:\s*(.+)$/m.exec(yml)?.[1] ?? '';
  const restore = /^\s*restore-keys:\s*(?:\|\s*\n\s*)?(.+)$/m.exec(yml)?.[1] ?? '';
  const code = /hashFiles\(([^)]*)\)/.exec(key)?.[1] ?? '';
  const globs = [...code.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  const expected = CODE_INPUTS.map((p) => (existsSync(join(ROOT, p)) && statSync(join(ROOT, p)).isDirectory() ? `${p}/**` : p));
  assert.equal(globs.sort(), expected.sort(), `the key's first hashFiles() is the code fingerprint's inputs: ${key}`);
  assert.match(key, /hashFiles\('data\/\*\*'\)/, 'and the data');
  assert.match(key, /node/i, "and Node's version");
  assert.ok(restore.includes(`hashFiles(${code})`), `restore-keys restores only a cache of the same code: ${restore}`);
});

test('a cached CSV truncated to 200 bytes is not published: the dataset is rebuilt and the log says so', async () => {
  const s = setup();
  ok(await s.build(), 'first build');
  const fresh = readTree(s.out);
  const csv = cachedFile(s.cache, `${ID}-2025.csv`);
  truncateSync(csv, 200);
  const r = await s.build();
  ok(r, 'build with a truncated cache entry');
  assert.match(r.stderr, new RegExp(`${ID}: the cached copy is damaged \\(${ID}-2025\\.csv differs`), r.stderr.slice(0, 800));
  assert.match(r.stderr, READ_AGAIN);
  assert.equal(treeDiff(fresh, readTree(s.out)), [], 'the output is the fresh build, byte for byte');
  const again = await s.build();
  assert.match(again.stderr, FROM_CACHE, 'the rebuilt entry is used next time');
});

test('a personnummer written into a cached JSON file, an edited build.json, or a file added to an entry: never published', async () => {
  const s = setup();
  ok(await s.build(), 'first build');
  const fresh = readTree(s.out);
  const cases: [string, () => void, RegExp][] = [
    [
      'summary.json with a personnummer',
      () => {
        const p = cachedFile(s.cache, 'summary.json');
        writeFileSync(p, readFileSync(p, 'utf8').replace('Åkerö Bygg AB', '850517-9872 Åkerö Bygg'));
      },
      /summary\.json differs/,
    ],
    [
      'build.json with another total',
      () => {
        const p = join(entryOf(s.cache), 'build.json');
        writeFileSync(p, readFileSync(p, 'utf8').replace(/"total":"(\d)/, '"total":"9$1'));
      },
      /build\.json differs/,
    ],
    [
      'an extra file in the entry',
      () => {
        const dir = join(entryOf(s.cache), 'files');
        writeFileSync(join(existsSync(dir) ? dir : entryOf(s.cache), 'extra.html'), '<p>smuggled</p>');
      },
      /never stored: extra\.html/,
    ],
  ];
  for (const [what, damage, says] of cases) {
    ok(await s.build(), `${what}: the entry is good again`);
    damage();
    const r = await s.build();
    ok(r, what);
    assert.match(r.stderr, says, `${what}: ${r.stderr.slice(0, 600)}`);
    assert.match(r.stderr, READ_AGAIN, what);
    assert.equal(treeDiff(fresh, readTree(s.out)), [], `${what}: the output is the fresh build`);
    assert.not.ok([...readTree(s.out).values()].some((b) => b.includes('850517-9872') || b.includes('smuggled')), `${what}: the damage was published`);
  }
});

test('the site and the cache share no file: editing one never changes the other (after storing and after restoring)', async () => {
  const s = setup();
  const csvName = `${ID}-2025.csv`;
  const site = () => join(s.out, 'datasets', ID, csvName);
  for (const when of ['after storing', 'after restoring']) {
    ok(await s.build(), when);
    if (when === 'after restoring') {
      const r = await s.build();
      assert.match(r.stderr, FROM_CACHE);
    }
    const cached = cachedFile(s.cache, csvName);
    const cacheBefore = readFileSync(cached);
    assert.is(statSync(site()).nlink, 1, `${when}: the site's CSV has no other name (no hard link)`);
    appendFileSync(site(), 'edited in the site\n');
    assert.ok(readFileSync(cached).equals(cacheBefore), `${when}: editing the site changed the cache`);
    const siteBefore = readFileSync(site());
    appendFileSync(cached, 'edited in the cache\n');
    assert.ok(readFileSync(site()).equals(siteBefore), `${when}: editing the cache changed the site`);
    rmSync(s.cache, { recursive: true, force: true });
  }
});

test('an unusable or broken cache folder: the build goes on without it, warns, and exits 0', async () => {
  const cases: [string, (cache: string) => void, RegExp][] = [
    [
      '.cache/insyn is a file',
      (cache) => {
        mkdirSync(join(cache, '..'), { recursive: true });
        writeFileSync(cache, 'not a folder\n');
      },
      /cache folder .* cannot be used \(E(NOTDIR|EXIST)/,
    ],
    [
      '.cache is a file',
      (cache) => {
        mkdirSync(join(cache, '..', '..'), { recursive: true });
        writeFileSync(join(cache, '..'), 'not a folder\n');
      },
      /cache folder .* cannot be used/,
    ],
    [
      'its datasets folder is a file',
      (cache) => {
        mkdirSync(cache, { recursive: true });
        writeFileSync(join(cache, 'datasets'), 'not a folder\n');
      },
      /cannot be used \(ENOTDIR/,
    ],
    [
      'files.json is not JSON',
      (cache) => {
        mkdirSync(cache, { recursive: true });
        writeFileSync(join(cache, 'files.json'), '{"half": ');
      },
      /files\.json is damaged/,
    ],
  ];
  const wrong: string[] = [];
  for (const [what, breakIt, says] of cases) {
    const s = setup();
    breakIt(s.cache);
    const r = await s.build();
    if (stackTrace(r.stdout + r.stderr)) wrong.push(`${what}: a stack trace`);
    if (/bug in Insyn/.test(r.stderr)) wrong.push(`${what}: reported as a bug in Insyn`);
    if (r.code !== 0) wrong.push(`${what}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
    if (!says.test(r.stderr)) wrong.push(`${what}: the warning does not match ${says}: ${r.stderr.slice(0, 300)}`);
    if (!existsSync(join(s.out, 'datasets', ID, 'index.html'))) wrong.push(`${what}: the site was not built`);
  }
  assert.equal(wrong, []);
});

test.after(removeScratch);

test.run();
