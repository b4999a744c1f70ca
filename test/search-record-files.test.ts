/**
 * The search records as pages (scripts/site/search-record-files.ts): drawn records, with the names finance systems
 * and clerks write (quotes, <, &, commas, no-break spaces, tabs, en dashes, å/ä/ö, emoji), become in the index
 * what Pagefind makes of the same records given its own way (`addCustomRecord`): the same URL, words, word count,
 * title and other meta, filters; the one difference, white space in a meta value written as one plain space
 * (`metaValue`), is applied to the reference and checked on its own. The folder they were written to is gone when
 * the index is, a folder left by a killed build is removed by the next, a place that cannot be used is left for
 * the next; a record whose URL cannot be a file's path is refused before anything is written; Pagefind killed
 * while it indexes is one clear error, without a stack trace.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { close, createIndex } from 'pagefind';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { metaValue, recordPath, recordPlaces, sweepRecordFolders, writeRecordFolder } from '../scripts/site/search-record-files.ts';
import { SearchIndexError, writeSearchIndex, type SearchRecord } from '../scripts/site/search.ts';
import { ROOT, tempDir } from './helpers/paths.ts';

const test = suite('search records as pages');

type Fragment = { url: string; content: string; word_count: number; meta: Record<string, string>; filters: Record<string, string[]> };

/** Every fragment of an index, by URL (Pagefind writes them one per file or several to a file). */
function fragments(files: { path: string; content: Uint8Array }[]): Map<string, Fragment> {
  const byUrl = new Map<string, Fragment>();
  for (const f of files) {
    if (!f.path.endsWith('.pf_fragment')) continue;
    const json = JSON.parse(gunzipSync(f.content).toString('utf8').replace(/^pagefind_dcd/, '')) as Fragment | Record<string, Fragment>;
    for (const fr of 'url' in json && typeof json.url === 'string' ? [json as Fragment] : Object.values(json as Record<string, Fragment>)) {
      byUrl.set(fr.url, { url: fr.url, content: fr.content, word_count: fr.word_count, meta: fr.meta, filters: Object.fromEntries(Object.entries(fr.filters).map(([k, v]) => [k, [...v].sort()])) });
    }
  }
  return byUrl;
}

async function filesBelow(dir: string) {
  const out: { path: string; content: Uint8Array }[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) out.push({ path: join(e.parentPath, e.name), content: await readFile(join(e.parentPath, e.name)) });
  return out;
}

/** What Pagefind makes of the records given one by one, its own way: the reference. */
async function reference(records: SearchRecord[]): Promise<Map<string, Fragment>> {
  const { index } = await createIndex({});
  if (!index) throw new Error('no Pagefind');
  for (const r of records) {
    // The one difference: a title's white space collapsed, as a page shows it (`A  B ` is `A B`).
    const meta = Object.fromEntries(Object.entries({ ...r.meta, title: r.title, kind: r.filters.kind }).map(([k, v]) => [k, metaValue(v)]));
    const filters = { kind: [r.filters.kind], ...(r.filters.publisher?.length ? { publisher: r.filters.publisher } : {}) };
    const added = await index.addCustomRecord({ url: r.url, content: r.content, language: r.lang, meta, filters });
    assert.equal(added.errors, []);
  }
  const { files } = await index.getFiles();
  await index.deleteIndex();
  return fragments(files.map((f) => ({ path: f.path, content: f.content })));
}

// What names are written with: letters a plain keyboard and Excel give, and the characters that break markup.
const char = fc.constantFrom(...'abcåäöÅÄÖéü019 -–—&<>"\'.,;:/()%#?+*@\t\n\u00a0\u2009\u200b\u00ad\ufeff€😀'.split(/(?:)/u));
const words = fc.array(char, { minLength: 1, maxLength: 40 }).map((cs) => cs.join('')).filter((s) => /[\p{L}\p{N}]/u.test(s));
const record = (i: number) =>
  fc.record({
    title: words,
    content: words,
    lang: fc.constantFrom('sv' as const, 'en' as const),
    kind: fc.constantFrom('supplier' as const, 'account' as const, 'department' as const),
    publisher: fc.uniqueArray(fc.constantFrom('exempelby', 'region-vast', 'sjovik'), { maxLength: 3 }),
    orgNumber: fc.option(fc.constantFrom('556036-0793', '212000-1355'), { nil: undefined }),
  }).map((r): SearchRecord => ({
    url: `${r.lang === 'en' ? '/en' : ''}/leverantorer/s${i}-${r.kind}/`,
    title: r.title,
    content: r.content,
    lang: r.lang,
    filters: { kind: r.kind, ...(r.publisher.length ? { publisher: r.publisher } : {}) },
    ...(r.orgNumber ? { meta: { orgNumber: r.orgNumber } } : {}),
  }));
const records = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => record(i))));

test('drawn records are in the index as Pagefind makes them from addCustomRecord', async () => {
  try {
    await fc.assert(
      fc.asyncProperty(records, async (list) => {
        const site = tempDir('insyn-record-site-');
        const result = await writeSearchIndex(site, { records: list });
        assert.is(result.records, list.length);
        const got = fragments(await filesBelow(join(site, 'pagefind')));
        const want = await reference(list);
        assert.equal([...got.keys()].sort(), [...want.keys()].sort());
        for (const [url, w] of want) assert.equal(got.get(url), w, url);
      }),
      { numRuns: 25 },
    );
  } finally {
    await close();
  }
});

test('the records’ folder is gone when the index is written, and a URL that cannot be a path is refused', async () => {
  // Where the folders go: memory (/dev/shm), else the temporary folder; this process's only (others may be building).
  const left = async () => (await Promise.all(['/dev/shm', tmpdir()].map(async (d) => (await readdir(d).catch(() => [])).filter((n) => n.startsWith(`insyn-search-records-${process.pid}-`)).map((n) => join(d, n))))).flat();
  const before = new Set(await left());
  const site = tempDir('insyn-record-site-');
  const one: SearchRecord = { url: '/leverantorer/a/', title: 'A', content: 'A AB', lang: 'sv', filters: { kind: 'supplier' } };
  await writeSearchIndex(site, { records: [one, { ...one, url: '/en/leverantorer/a/', lang: 'en' }] });
  const after = (await left()).filter((n) => !before.has(n));
  assert.equal(after, []);
  for (const url of ['/leverantörer/a/', '/a b/', `/${'a'.repeat(201)}/`, 'leverantorer/a/', '//evil.example/', '/a/../b/', '/a%2Fb/', '/a?q=1', '/a', '/a/b.htm', '/a/b.html', '/a/index.html/', '/a\u0007/']) {
    assert.throws(() => recordPath(url), /root-relative/, url);
    try {
      await writeSearchIndex(tempDir('insyn-record-site-'), { records: [{ ...one, url }] });
      assert.unreachable(url);
    } catch (e) {
      assert.instance(e, SearchIndexError, url);
    }
  }
  assert.is(recordPath('/leverantorer/a/'), 'leverantorer/a/index.html');
  assert.is(recordPath('/'), 'index.html');
  // A place that does not exist is left for the next.
  const folder = await writeRecordFolder([one], 'test', [join(tmpdir(), 'insyn-no-such-place', 'x'), tempDir('insyn-record-place-')]);
  assert.ok(existsSync(join(folder.dir, 'leverantorer/a/index.html')));
  await folder.remove();
  assert.not.ok(existsSync(folder.dir));
});

test('a folder left by a process that is gone is removed by the next build; a running one’s is kept', async () => {
  const place = recordPlaces()[0];
  let dead = 4_000_000;
  while (dead > 1 && (() => { try { process.kill(dead, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; } })()) dead--;
  const gone = join(place, `insyn-search-records-${dead}-abcd-Xy12`);
  const mine = join(place, `insyn-search-records-${process.pid}-keep-Xy12`);
  const other = join(place, `insyn-search-records-${process.pid}-gone-Xy12`);
  for (const d of [gone, mine, other]) mkdirSync(join(d, 'leverantorer', 'a'), { recursive: true });
  await sweepRecordFolders();
  assert.not.ok(existsSync(gone));
  assert.ok(existsSync(mine));
  await sweepRecordFolders('gone');
  assert.not.ok(existsSync(other));
  assert.ok(existsSync(mine));
  rmSync(mine, { recursive: true, force: true });
});

test('white space in a meta value is one plain space', () => {
  assert.is(metaValue(' Acme\u00a0 AB\t\n Bygg\u2009 '), 'Acme AB Bygg');
  assert.is(metaValue('Acme\u00a0AB'), 'Acme AB');
});

/** The processes whose parent is `pid` and whose command line holds `name` (Linux: /proc). */
function childrenNamed(pid: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(name)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

test('Pagefind killed while it indexes: the build says so once, with what to do, and prints no stack trace', async () => {
  if (!existsSync('/proc/self/stat')) {
    console.log('notice: no /proc on this system, skipping the test that kills Pagefind');
    return;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/fixtures/search/index-many.ts'), tempDir('insyn-search-killed-')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const ended = new Promise<void>((resolve) => child.on('close', () => resolve()));
  // Pagefind is a process of the child's (started from its search thread): killed once it has had a moment to work.
  let killed = false;
  for (let waited = 0; waited < 60_000 && !killed && child.exitCode === null; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
    const pagefind = childrenNamed(child.pid as number, 'pagefind');
    if (pagefind.length) {
      await new Promise((r) => setTimeout(r, 300));
      for (const pid of pagefind) process.kill(pid, 'SIGKILL');
      killed = true;
    }
  }
  await ended;
  assert.ok(killed, `Pagefind was never seen running: ${stdout} ${stderr}`);
  assert.match(stdout, /^SearchIndexError: .*(Pagefind|search index).*Run the build again/m, stdout);
  assert.not.match(stderr, /^\s+at /m, `a stack trace: ${stderr}`);
  assert.not.match(stderr, /Service stopped/, stderr);
});

test.run();
