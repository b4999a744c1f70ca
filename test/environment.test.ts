/**
 * Errors of the environment are named as such, with their exit code (README: 2 the command or its environment
 * was set up wrong, 3 the machine failed), never "a bug in Insyn", never a stack trace, and the last good output
 * stays as it was with no temporary folder left: a full disk (a small tmpfs: in the pipeline's writes and inside
 * Eleventy; and a write stream on /dev/full), a read-only file system (for the output, and for the cache: then a
 * warning, exit 0), an --output whose parent is a file, a mount point as --output, SOURCE_DATE_EPOCH out of
 * range, a --base-url with a bare ? or # or with user:pass@, more than 50 years of data, and a preview port in use.
 * The tmpfs cases run in a private mount namespace (test/helpers/mount.ts) and are skipped, with a notice, where
 * mounting is not allowed.
 */
import { createServer } from 'node:net';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PeriodWriters } from '../scripts/pipeline/write.ts';
import { SPEC_COLUMNS } from '../scripts/pipeline/columns.ts';
import { Redactor } from '../scripts/pipeline/redact.ts';
import type { CliResult } from './helpers/cli.ts';
import { canMount, inMountNamespace } from './helpers/mount.ts';
import { ROOT, tempDir } from './helpers/paths.ts';
import { copyProject, csvText, HEADER, makeDataDir, readTree, removeScratch, row, runCliAsync, SAMPLE_DATA, scratch, stackTrace, strays, treeDiff } from './hostile/project.ts';

const BUILD = join(ROOT, 'scripts/cli/build.ts');

function assertEnvironment(r: CliResult, code: number, says: RegExp, what: string): void {
  const all = r.stdout + r.stderr;
  const bad: string[] = [];
  if (stackTrace(all)) bad.push(`a stack trace was printed: ${stackTrace(all)}`);
  if (/bug in Insyn/.test(all)) bad.push('reported as a bug in Insyn');
  if (r.code !== code) bad.push(`exit ${r.code}, expected ${code}`);
  if (!says.test(r.stderr)) bad.push(`the message does not match ${says}`);
  assert.equal(bad, [], `${what}:\n${r.stderr.slice(0, 1200)}`);
}

/**
 * Runs builds of the sample data in a mount namespace: `setup` mounts, then each step is one build (its output
 * and exit code kept in files), followed by a listing (sha256sum of every file below the mount, and `ls -A` of
 * the mount and its builds folder) so the test can compare what is left.
 */
function mounted(setup: string, steps: string[][], opts: { cwd?: string } = {}): { steps: CliResult[]; listings: string[] } {
  const box = tempDir('insyn-env-box-');
  const m = join(box, 'm');
  mkdirSync(m);
  let script = `set -u\nM="$1"; R="$2"\n${setup}\ncd "${opts.cwd ?? ROOT}"\n`;
  steps.forEach((args, i) => {
    const quoted = args.map((a) => `"${a.replace(/"/g, '\\"')}"`).join(' ');
    script += `node --import tsx "${opts.cwd ? join(opts.cwd, 'scripts/cli/build.ts') : BUILD}" ${quoted} >"$R/${i}.out" 2>"$R/${i}.err"; echo $? >"$R/${i}.rc"\n`;
    script += `(cd "$M" && find . -type f -exec sha256sum {} + | sort -k2; echo '--'; ls -A . ; ls -A .site.builds 2>/dev/null) >"$R/${i}.list" 2>&1\n`;
  });
  const r = inMountNamespace(`${script}exit 0\n`, [m, box]);
  assert.is(r.code, 0, `the namespace script failed: ${r.stderr}`);
  const read = (f: string) => (existsSync(join(box, f)) ? readFileSync(join(box, f), 'utf8') : '');
  return {
    steps: steps.map((_, i) => ({ code: Number(read(`${i}.rc`).trim()), stdout: read(`${i}.out`), stderr: read(`${i}.err`) })),
    listings: steps.map((_, i) => read(`${i}.list`)),
  };
}

/** The files (with their hashes) of a listing below `site/` seen through the link; and the mount's entries. */
function filesOf(listing: string): string {
  return listing.split('--')[0];
}

const mountable = canMount();
if (!mountable) console.log('notice: mounting a tmpfs is not allowed here; skipping the full-disk, read-only and mount-point cases (the /dev/full case still runs)');

test('a full disk during the first build (in the pipeline, and inside Eleventy): exit 3, named, nothing left on the disk', () => {
  if (!mountable) return;
  for (const size of ['256k', '1600k']) {
    const { steps, listings } = mounted(`mount -t tmpfs -o size=${size} tmpfs "$M"`, [['--data', SAMPLE_DATA, '--output', '${M}/site', '--no-cache', '--quiet']]);
    assertEnvironment(steps[0], 3, /disk is full/, `a ${size} disk`);
    assert.match(steps[0].stderr, /as it was before this build/);
    assert.is(listings[0].trim(), '--', `a ${size} disk: something was left on it: ${listings[0]}`);
  }
});

test('a full disk during a later build: exit 3, and the last good output is byte for byte as it was', () => {
  if (!mountable) return;
  // A disk that holds one build of the sample and half of a second beside it: the sample's build is measured first
  // on a roomy tmpfs (du, in blocks), then the disk is mounted again at 1.5 times that.
  const args = ['--data', SAMPLE_DATA, '--output', '${M}/site', '--no-cache', '--quiet'];
  const probe = `node --import tsx "${BUILD}" --data "${SAMPLE_DATA}" --output "$M/site" --no-cache --quiet >/dev/null 2>&1`;
  const setup = `mount -t tmpfs -o size=256m tmpfs "$M"\ncd "${ROOT}" && ${probe}\nK=$(du -sk "$M" | cut -f1)\numount "$M"\nmount -t tmpfs -o size=$((K * 3 / 2))k tmpfs "$M"`;
  const { steps, listings } = mounted(setup, [args, args]);
  assert.is(steps[0].code, 0, steps[0].stderr);
  assertEnvironment(steps[1], 3, /disk is full/, 'the second build');
  assert.is(filesOf(listings[1]), filesOf(listings[0]), 'the output changed');
  const entries = listings[1].split('--')[1].trim().split('\n');
  assert.equal(entries.filter((e) => !['.site.builds', 'site', '.insyn-builds'].includes(e) && !/^b-/.test(e)).length, 0, `left: ${entries}`);
  assert.is(entries.filter((e) => /^b-/.test(e)).length, 1, `one build folder, the current one: ${entries}`);
});

test('a write stream on a full device (/dev/full) rejects with ENOSPC instead of crashing the process', async () => {
  const dir = scratch('insyn-env-devfull-');
  symlinkSync('/dev/full', join(dir, 'x.csv'));
  symlinkSync('/dev/full', join(dir, 'x.json'));
  const writers = new PeriodWriters(dir, 'datasets/x', 'x', true);
  const line = () => new Redactor().redact(SPEC_COLUMNS.map(() => 'ett värde som fyller')).row;
  let err: NodeJS.ErrnoException | null = null;
  try {
    for (let i = 0; i < 20_000; i++) {
      writers.write('all', line());
      if (i % 500 === 0) await writers.drain();
    }
    await writers.close();
  } catch (e) {
    err = e as NodeJS.ErrnoException;
  }
  assert.ok(err, 'writing to a full device did not fail');
  assert.is(err?.code, 'ENOSPC');
  assert.ok(String(err?.path).endsWith('x.csv') || String(err?.path).endsWith('x.json'), `the error names the file: ${err?.path}`);
});

test('a read-only file system: exit 3 naming it', () => {
  if (!mountable) return;
  const { steps } = mounted('mount -t tmpfs -o size=16m,ro tmpfs "$M"', [['--data', SAMPLE_DATA, '--output', '${M}/site', '--no-cache', '--quiet']]);
  assertEnvironment(steps[0], 3, /read-only/, 'a read-only disk');
});

test('a read-only file system after a good build: exit 3, the output as it was', () => {
  if (!mountable) return;
  const box = tempDir('insyn-env-ro-');
  const m = join(box, 'm');
  mkdirSync(m);
  const build = `node --import tsx "${BUILD}" --data "${SAMPLE_DATA}" --output "$M/site" --no-cache --quiet`;
  const list = `(cd "$M" && find . -type f -exec sha256sum {} + | sort -k2)`;
  const r = inMountNamespace(
    `set -u\nM="$1"\ncd "${ROOT}"\nmount -t tmpfs -o size=256m tmpfs "$M"\n${build} || exit 90\n${list} >"$2/before"\nmount -o remount,ro "$M"\n${build} >"$2/out" 2>"$2/err"; echo $? >"$2/rc"\n${list} >"$2/after"\n`,
    [m, box],
  );
  assert.is(r.code, 0, r.stderr);
  const read = (f: string) => readFileSync(join(box, f), 'utf8');
  assertEnvironment({ code: Number(read('rc')), stdout: read('out'), stderr: read('err') }, 3, /read-only/, 'remounted read-only');
  assert.is(read('after'), read('before'), 'the output changed');
});

test('a read-only cache folder: the build warns and goes on without the cache (exit 0)', () => {
  if (!mountable) return;
  const project = copyProject();
  mkdirSync(join(project, '.cache', 'insyn'), { recursive: true });
  const out = join(project, '..', 'out', 'site');
  const { steps } = mounted(`mount -t tmpfs -o size=1m,ro tmpfs "${join(project, '.cache', 'insyn')}"`, [['--data', SAMPLE_DATA, '--output', out, '--quiet']], { cwd: project });
  assertEnvironment(steps[0], 0, /warning: the build cache folder .* cannot be used \(EROFS/, 'a read-only cache');
  assert.ok(existsSync(join(out, 'index.html')), 'the site was built');
});

test('a mount point as --output: refused (exit 2) with what to do, nothing changed', () => {
  if (!mountable) return;
  const { steps, listings } = mounted('mkdir -p "$M/site" && mount -t tmpfs -o size=8m tmpfs "$M/site"', [['--data', SAMPLE_DATA, '--output', '${M}/site', '--no-cache', '--quiet']]);
  assertEnvironment(steps[0], 2, /mount point[\s\S]*a folder inside the mount/, 'a mount point');
  assert.is(listings[0].split('--')[1].trim(), 'site', `only the mount point is there: ${listings[0]}`);
});

// ---- without mounting ----

async function buildSmall(args: string[], env: Record<string, string> = {}, site?: Record<string, unknown>): Promise<{ r: CliResult; out: string; tmp: string }> {
  const tmp = scratch('insyn-env-');
  const data = makeDataDir([{ id: 'liten', files: { '2025-01.csv': csvText([HEADER, row(1), row(2)]) } }], { parent: tmp, site });
  const out = join(tmp, 'out', 'site');
  const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet', ...args], env);
  return { r, out, tmp };
}

test('an --output whose parent is a file: exit 2, saying so', async () => {
  const tmp = scratch('insyn-env-parent-');
  writeFileSync(join(tmp, 'fil.txt'), 'en fil\n');
  const data = makeDataDir([{ id: 'liten', files: { '2025-01.csv': csvText([HEADER, row(1)]) } }], { parent: tmp });
  const before = readTree(tmp);
  const r = await runCliAsync('build', ['--data', data, '--output', join(tmp, 'fil.txt', 'site'), '--no-cache', '--quiet']);
  assertEnvironment(r, 2, /fil\.txt is a file, not a folder/, '--output below a file');
  assert.equal(treeDiff(before, readTree(tmp)), []);
});

test('SOURCE_DATE_EPOCH that is not a usable time (99999999999999, not a number): exit 2 naming it, before anything is written', async () => {
  for (const value of ['99999999999999', 'igår', '-1']) {
    const { r, out } = await buildSmall([], { SOURCE_DATE_EPOCH: value });
    assertEnvironment(r, 2, /SOURCE_DATE_EPOCH: .* whole seconds since 1970/, `SOURCE_DATE_EPOCH=${value}`);
    assert.not.ok(existsSync(out), 'nothing was written');
    assert.equal(strays(out), []);
  }
});

test('--base-url with a bare ? or #, or with user:pass@: exit 2, and the password is never printed', async () => {
  const cases = ['https://example.se/insyn/?', 'https://example.se/insyn/#', 'https://example.se/insyn?x=1', 'https://anna:hemligt123@example.se/insyn/'];
  for (const url of cases) {
    const { r, out } = await buildSmall(['--base-url', url]);
    assertEnvironment(r, 2, url.includes('@') ? /user name or password/ : /\?query or #fragment/, `--base-url ${url}`);
    assert.not.ok(r.stderr.includes('hemligt123'), 'the password was printed');
    assert.not.ok(existsSync(out));
  }
});

test('a baseUrl with user:pass@ in site.json: the build fails naming site.json, and never prints the password', async () => {
  const site = JSON.parse(readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8'));
  site.baseUrl = 'https://anna:hemligt123@example.se/insyn/';
  const { r, out } = await buildSmall([], {}, site);
  assertEnvironment(r, 1, /site\.json \(baseUrl\)[\s\S]*user name or password/, 'site.json baseUrl with a password');
  assert.not.ok(r.stderr.includes('hemligt123'), 'the password was printed');
  assert.not.ok(existsSync(out));
});

test('more than 50 years of data: exit 1, saying what DCAT-AP-SE allows and what to do', async () => {
  const tmp = scratch('insyn-env-years-');
  const rows = [HEADER, ...Array.from({ length: 51 }, (_, i) => row(i + 1, { datum: `${1975 + i}-06-15` }))];
  const data = makeDataDir([{ id: 'lang-serie', files: { 'alla-ar.csv': csvText(rows) } }], { parent: tmp });
  const out = join(tmp, 'out', 'site');
  const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
  assertEnvironment(r, 1, /lang-serie: 51 years of data \(1975–2025\)[\s\S]*at most 50[\s\S]*"series": "cumulative"/, '51 years');
  assert.not.ok(existsSync(out));
});

test('npm run preview on a port in use: a clear message and exit 3, no stack trace, nothing built', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  const project = copyProject();
  cpSync(SAMPLE_DATA, join(project, 'data'), { recursive: true });
  try {
    const r = await new Promise<CliResult>((resolve) => {
      import('node:child_process').then(({ spawn }) => {
        const child = spawn(process.execPath, ['--import', 'tsx', join(project, 'scripts/cli/preview.ts'), '--port', String(port)], { cwd: project });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (b) => (stdout += b));
        child.stderr.on('data', (b) => (stderr += b));
        const timer = setTimeout(() => child.kill('SIGINT'), 60_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code: code ?? -1, stdout, stderr });
        });
      });
    });
    assertEnvironment(r, 3, new RegExp(`port ${port} is already in use[\\s\\S]*--port`), 'a port in use');
    assert.not.ok(existsSync(join(project, '_preview')), 'the site was built before the port was checked');
  } finally {
    blocker.close();
  }
});

test.after(removeScratch);

test.run();
