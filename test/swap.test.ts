/**
 * The swap: at no moment is the output path missing or partial. A reader process polling the output in a tight
 * loop during hundreds of swaps of the real atomic output, and during real CLI builds (and a web server serving
 * it), never finds it missing or a file cut off; a build SIGKILLed at random points leaves the last good output
 * intact and the next build removes what it left. An earlier version's plain output folder is moved in once;
 * the previous build is kept for 30 s and removed during the next build that runs by then; GitHub's Pages upload (tar --dereference) sees the
 * site's files and no link.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, lutimesSync, mkdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RETIRED_GRACE_MS, stage } from '../scripts/build/atomic.ts';
import { ROOT } from './helpers/paths.ts';
import { serveStatic } from './helpers/static-server.ts';
import { SWAP_FILES } from './helpers/swap-loop.ts';
import { copySampleData, readTree, removeScratch, runCliAsync, scratch, stackTrace, strays, treeDiff } from './hostile/project.ts';

const ID = 'sjovik-leverantorsreskontra';
const SITE_FILES = ['index.html', '404.html', 'sitemap.xml', 'datasets/dcat.rdf', `datasets/${ID}/summary.json`, `datasets/${ID}/index.html`];

interface PollResult {
  rounds: number;
  missing: number;
  partial: number;
  examples: string[];
}

function startPoller(out: string, files: string[], mode = ''): { stop(): Promise<PollResult> } {
  const stopFile = join(scratch('insyn-swap-stop-'), 'stop');
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/poll-output.ts'), out, stopFile, JSON.stringify(files), mode], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b) => (stdout += b));
  child.stderr.on('data', (b) => (stderr += b));
  const done = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    async stop() {
      writeFileSync(stopFile, '');
      await done;
      if (!stdout.trim()) throw new Error(`the poller printed nothing: ${stderr}`);
      return JSON.parse(stdout);
    },
  };
}

function run(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every listed file of the output, complete (stamped, ending in END), all from one build. */
function assertComplete(out: string, what: string): void {
  let dir: string;
  try {
    dir = realpathSync(out);
  } catch {
    assert.unreachable(`${what}: the output path is missing`);
    return;
  }
  const stamps = new Set<string>();
  for (const rel of SWAP_FILES) {
    const p = join(dir, rel);
    assert.ok(existsSync(p), `${what}: ${rel} is missing`);
    const text = readFileSync(p, 'utf8');
    assert.ok(text.endsWith('END\n'), `${what}: ${rel} is cut off`);
    stamps.add(text.split('\n')[0]);
  }
  assert.is(stamps.size, 1, `${what}: the output mixes builds ${[...stamps].join(', ')}`);
}

test('a reader polling the output in a tight loop during 300 swaps never finds it missing or partial', async () => {
  const out = join(scratch('insyn-swap-'), 'out', 'site');
  const first = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/swap-loop.ts'), out, '1'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(first.status, 0, first.stderr);
  const poller = startPoller(out, SWAP_FILES, 'stamped');
  await sleep(500); // the poller is polling
  const loop = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/swap-loop.ts'), out, '300', '8'], { cwd: ROOT });
  let err = '';
  loop.stderr.on('data', (b) => (err += b));
  assert.is(await run(loop), 0, err);
  const r = await poller.stop();
  assert.ok(r.rounds > 1000, `the poller read the output only ${r.rounds} times`);
  assert.equal({ missing: r.missing, partial: r.partial }, { missing: 0, partial: 0 }, `in ${r.rounds} rounds: ${r.examples.join('; ')}`);
  assertComplete(out, 'after 300 swaps');
  assert.equal(strays(out), [], 'only the current and the previous build are kept');
});

test('a reader and a web server during real CLI builds never find the site missing or partial', async () => {
  const tmp = scratch('insyn-swap-cli-');
  const data = copySampleData(tmp);
  const out = join(tmp, 'out', 'site');
  const first = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
  assert.is(first.code, 0, first.stderr);
  const poller = startPoller(out, SITE_FILES);
  const server = await serveStatic(out, '/');
  let stopHttp = false;
  const http = { requests: 0, bad: [] as string[] };
  const httpLoop = (async () => {
    while (!stopHttp) {
      for (const path of ['', 'datasets/dcat.rdf', `datasets/${ID}/summary.json`]) {
        const res = await fetch(`${server.url}${path}`);
        const body = await res.text();
        http.requests++;
        if (res.status !== 200 || body.length === 0) http.bad.push(`${path || '/'}: ${res.status}`);
      }
    }
  })();
  for (let i = 0; i < 4; i++) {
    const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
    assert.is(r.code, 0, r.stderr);
  }
  stopHttp = true;
  await httpLoop;
  await server.close();
  const p = await poller.stop();
  assert.ok(p.rounds > 100, `the poller read the site only ${p.rounds} times`);
  assert.equal({ missing: p.missing, partial: p.partial }, { missing: 0, partial: 0 }, p.examples.join('; '));
  assert.ok(http.requests > 30, `only ${http.requests} requests`);
  assert.equal(http.bad.slice(0, 5), [], `the web server answered ${http.bad.length} of ${http.requests} requests wrongly`);
  assert.equal(strays(out), []);
});

test('swaps SIGKILLed at random points leave the last good output intact; the next build removes the leftovers', async () => {
  const out = join(scratch('insyn-swap-kill-'), 'site');
  const kills: number[] = [];
  for (let i = 0; i < 12; i++) {
    const loop = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/swap-loop.ts'), out], { cwd: ROOT });
    const exited = run(loop);
    // Wait for the first swap of this process, then kill it anywhere in the next ones.
    const started = Date.now();
    while (!existsSync(out) && Date.now() - started < 20_000) await sleep(5);
    const delay = Math.floor(Math.random() * 300);
    kills.push(delay);
    await sleep(delay);
    loop.kill('SIGKILL');
    await exited;
    assertComplete(out, `killed ${delay} ms into the swaps (kills so far: ${kills.join(', ')} ms)`);
  }
  // The next build (this process) removes what the killed ones left.
  const s = await stage(out);
  for (const rel of SWAP_FILES) {
    mkdirSync(join(s.dir, rel, '..'), { recursive: true });
    writeFileSync(join(s.dir, rel), 'build next\nEND\n');
  }
  await s.commit();
  assertComplete(out, 'the build after the kills');
  assert.equal(strays(out), [], 'the leftovers of the killed builds were removed');
});

test('real CLI builds SIGKILLed at random points leave the last good output byte for byte; the next build cleans up', async () => {
  const tmp = scratch('insyn-swap-clikill-');
  const data = copySampleData(tmp);
  const out = join(tmp, 'out', 'site');
  const started = Date.now();
  const first = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
  const took = Date.now() - started;
  assert.is(first.code, 0, first.stderr);
  const baseline = readTree(out);
  const kills: number[] = [];
  for (let i = 0; i < 6; i++) {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/cli/build.ts'), '--data', data, '--output', out, '--no-cache', '--quiet'], { cwd: ROOT });
    const exited = run(child);
    const delay = Math.floor(took * (0.3 + Math.random() * 0.9));
    kills.push(delay);
    await sleep(delay);
    child.kill('SIGKILL');
    await exited;
    assert.equal(treeDiff(baseline, readTree(out)), [], `killed after ${delay} ms (of about ${took}): the output changed`);
  }
  const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(treeDiff(baseline, readTree(out)), []);
  assert.equal(strays(out), [], `the next build removed what the killed ones (at ${kills.join(', ')} ms) left`);
});

test('the output path is a link to a complete build; a replaced build stays until a build starts 30 s later', async () => {
  const tmp = scratch('insyn-swap-layout-');
  const data = copySampleData(tmp);
  const out = join(tmp, 'out', 'site');
  const builds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
    assert.is(r.code, 0, r.stderr);
    assert.ok(lstatSync(out).isSymbolicLink(), 'the output path is a symbolic link');
    const target = readlinkSync(out);
    assert.match(target, /^\.site\.builds\/b-[0-9a-z]+-\d+-[0-9a-f]+$/, 'a relative link into the builds folder beside it');
    builds.push(basename(target));
  }
  const buildsDir = join(tmp, 'out', '.site.builds');
  assert.is(readlinkSync(join(buildsDir, 'previous')), builds[1], '"previous" names the build before the current one');
  assert.ok(existsSync(join(buildsDir, builds[1], 'index.html')), 'the previous build is complete');
  assert.ok(existsSync(join(buildsDir, builds[0], 'index.html')), 'a build replaced moments ago is kept (a reader may be in it)');
  // A minute passes for the first two builds' retirement (their .retired- links carry the time).
  const past = (Date.now() - 60_000) / 1000;
  for (const b of builds.slice(0, 2)) lutimesSync(join(buildsDir, `.retired-${b}`), past, past);
  const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
  assert.is(r.code, 0, r.stderr);
  assert.not.ok(existsSync(join(buildsDir, builds[0])), 'the build retired a minute ago was removed');
  assert.not.ok(existsSync(join(buildsDir, builds[1])), 'and the other one');
  assert.is(readlinkSync(join(buildsDir, 'previous')), builds[2], 'the build just replaced is the previous one');
  assert.ok(existsSync(join(buildsDir, builds[2], 'index.html')));
  assert.equal(strays(out), []);
});

test('a replaced build whose 30 s end while the next build runs is removed during that build, not after it', async () => {
  const out = join(scratch('insyn-swap-sweep-'), 'out', 'site');
  const builds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await stage(out);
    writeFileSync(join(s.dir, 'index.html'), `build ${i}\n`);
    await s.commit();
    builds.push(basename(readlinkSync(out)));
  }
  const buildsDir = join(dirname(out), '.site.builds');
  // builds[0] was retired a minute ago (removed from the start of the next build), builds[1] 29.7 s ago (its time
  // is up 0.3 s into the next build), builds[2] is the current one.
  lutimesSync(join(buildsDir, `.retired-${builds[0]}`), (Date.now() - 60_000) / 1000, (Date.now() - 60_000) / 1000);
  const soon = (Date.now() - (RETIRED_GRACE_MS - 300)) / 1000;
  lutimesSync(join(buildsDir, `.retired-${builds[1]}`), soon, soon);
  const s = await stage(out);
  writeFileSync(join(s.dir, 'index.html'), 'build 3\n');
  let gone = false;
  for (let i = 0; i < 100 && !gone; i++) {
    await sleep(50);
    gone = !existsSync(join(buildsDir, builds[0])) && !existsSync(join(buildsDir, builds[1]));
  }
  assert.ok(gone, 'both earlier builds were removed while the build was still running (before its commit)');
  assert.is(readFileSync(join(out, 'index.html'), 'utf8'), 'build 2\n', 'the current build was never touched');
  await s.commit();
  assert.is(readFileSync(join(out, 'index.html'), 'utf8'), 'build 3\n');
  assert.is(readlinkSync(join(buildsDir, 'previous')), builds[2], 'the build just replaced is the previous one');
  assert.ok(existsSync(join(buildsDir, builds[2], 'index.html')), 'and it is kept');
  assert.equal(strays(out), []);
});

test("an earlier version's plain output folder is moved in once, as the previous build; its killed builds' leftovers go", async () => {
  const tmp = scratch('insyn-swap-migrate-');
  const data = copySampleData(tmp);
  const out = join(tmp, 'out', 'site');
  mkdirSync(join(out, 'gammalt'), { recursive: true });
  writeFileSync(join(out, '.insyn-site'), 'an earlier build\n');
  writeFileSync(join(out, 'gammalt', 'index.html'), '<p>gammal</p>');
  // What killed builds of the earlier layout left beside it.
  for (const left of ['.site.building-3999999', '.site.old-3999998']) {
    mkdirSync(join(out, '..', left, 'datasets'), { recursive: true });
    writeFileSync(join(out, '..', left, '.insyn-site'), '');
  }
  const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
  assert.is(r.code, 0, r.stderr);
  assert.ok(lstatSync(out).isSymbolicLink(), 'the plain folder became the link');
  assert.not.ok(existsSync(join(out, 'gammalt')), 'the old build is not in the new output');
  const previous = join(tmp, 'out', '.site.builds', readlinkSync(join(tmp, 'out', '.site.builds', 'previous')));
  assert.is(readFileSync(join(previous, 'gammalt', 'index.html'), 'utf8'), '<p>gammal</p>', 'the old build is kept as the previous one');
  const moved = basename(previous);
  const past = (Date.now() - 60_000) / 1000;
  lutimesSync(join(tmp, 'out', '.site.builds', `.retired-${moved}`), past, past);
  const again = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
  assert.is(again.code, 0, again.stderr);
  assert.not.ok(existsSync(previous), 'and removed by a build 30 s later');
  assert.equal(strays(out), []);
});

test("GitHub's Pages upload (its tar command) packs the current build's files, and no link", async () => {
  const tmp = scratch('insyn-swap-tar-');
  const data = copySampleData(tmp);
  const out = join(tmp, 'out', 'site');
  for (let i = 0; i < 2; i++) assert.is((await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet'])).code, 0);
  const tar = join(tmp, 'artifact.tar');
  // actions/upload-pages-artifact's Linux step, as written in its action.yml.
  const packed = spawnSync('tar', ['--dereference', '--hard-dereference', '--directory', out, '-cvf', tar, '--exclude=.git', '--exclude=.github', '.'], { encoding: 'utf8' });
  assert.is(packed.status, 0, packed.stderr);
  const listing = spawnSync('tar', ['-tvf', tar], { encoding: 'utf8' }).stdout.trim().split('\n');
  assert.equal(listing.filter((l) => !/^[-d]/.test(l)), [], 'only files and folders (Pages refuses links)');
  const files = listing.filter((l) => l.startsWith('-')).map((l) => l.split(/\s+/).slice(5).join(' ').replace(/^\.\//, '')).sort();
  const expected = [...readTree(out).keys()].sort();
  assert.equal(files, expected, 'the tar holds exactly the current build');
  assert.ok(expected.includes('index.html') && expected.includes('datasets/dcat.rdf'));
  assert.not.ok(stackTrace(packed.stderr));
  assert.is(dirname(out), join(tmp, 'out'));
});

test.after(removeScratch);

test.run();
