/**
 * Helpers for the hostile-input, failure and determinism tests: small data folders in a temp dir, a throwaway
 * copy of the project (for tests that need a hostile content page), reading whole output trees, and the checks
 * every answer must pass (no stack trace, no temporary folders left behind).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { CliResult } from '../helpers/cli.ts';
import { ROOT, tempDir } from '../helpers/paths.ts';

export const SAMPLE_DATA = join(ROOT, 'data');

const scratchDirs: string[] = [];

/** A temp dir that `removeScratch` deletes (the hostile tests write tens of MB per run). */
export function scratch(prefix = 'insyn-hostile-'): string {
  const dir = tempDir(prefix);
  scratchDirs.push(dir);
  return dir;
}

/** Deletes every scratch dir of this process; pass to uvu's `test.after`. Set INSYN_KEEP_TMP=1 to keep them. */
export function removeScratch(): void {
  if (process.env.INSYN_KEEP_TMP) return;
  for (const d of scratchDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** The publisher of the test datasets (from the sample `site.json`). */
export const PUBLISHER = { id: 'exempelby', orgNumber: '2120009903', name: 'Exempelby kommun' };

/** The spec 1.1 header most test exports use (`;`-separated unless a test says otherwise). */
export const HEADER = ['kopare_id', 'kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp', 'datum', 'forvaltning', 'fakturanummer'];

/** A clean row for HEADER; `over` replaces columns by name. */
export function row(n: number, over: Partial<Record<string, string>> = {}): string[] {
  const base: Record<string, string> = {
    kopare_id: PUBLISHER.orgNumber,
    kopare: PUBLISHER.name,
    verifikationsnummer: String(1000 + n),
    leverantor: 'Åkerö Bygg AB',
    leverantor_id: '5560360793',
    konto_nr: '4010',
    konto_text: 'Inköp av material',
    belopp: `${100 + n}.50`,
    datum: '2025-03-0' + ((n % 9) + 1),
    forvaltning: 'Samhällsbyggnadsförvaltningen',
    fakturanummer: `F-${n}`,
  };
  return HEADER.map((h) => over[h] ?? base[h]);
}

/** A CSV cell quoted when it needs to be (RFC 4180 style, for the given separator). */
export function cell(v: string, sep = ';'): string {
  return v.includes(sep) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvText(rows: string[][], sep = ';', eol = '\r\n'): string {
  return rows.map((r) => r.map((v) => cell(v, sep)).join(sep)).join(eol) + eol;
}

export interface DatasetSpec {
  id: string;
  /** dataset.json as an object, or raw text (for broken metadata). */
  metadata?: Record<string, unknown> | string;
  /** Export files: name → bytes. A `null` value makes a directory with that name. */
  files: Record<string, Buffer | string | null>;
}

export function defaultMetadata(title = 'Testdata'): Record<string, unknown> {
  return {
    title: { sv: title, en: title },
    description: { sv: 'Testdata för Insyns tester.', en: 'Test data for Insyn tests.' },
    publisher: PUBLISHER.id,
    license: 'CC0-1.0',
    frequency: 'MONTHLY',
  };
}

/** A data folder in a fresh temp dir: the sample `site.json` (or `site`) and the given datasets. */
export function makeDataDir(datasets: DatasetSpec[], opts: { site?: Record<string, unknown> | string; parent?: string } = {}): string {
  const dir = join(opts.parent ?? scratch('insyn-hostile-'), 'data');
  mkdirSync(join(dir, 'datasets'), { recursive: true });
  const site = opts.site ?? readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8');
  writeFileSync(join(dir, 'site.json'), typeof site === 'string' ? site : JSON.stringify(site, null, 2));
  for (const d of datasets) addDataset(dir, d);
  return dir;
}

export function addDataset(dataDir: string, d: DatasetSpec): void {
  const dsDir = join(dataDir, 'datasets', d.id);
  mkdirSync(dsDir, { recursive: true });
  const meta = d.metadata ?? defaultMetadata();
  writeFileSync(join(dsDir, 'dataset.json'), typeof meta === 'string' ? meta : JSON.stringify(meta, null, 2));
  for (const [name, bytes] of Object.entries(d.files)) {
    if (bytes === null) mkdirSync(join(dsDir, name), { recursive: true });
    else writeFileSync(join(dsDir, name), bytes);
  }
}

/** Copies the sample data folder (site.json and every dataset) into a temp dir. */
export function copySampleData(parent = scratch('insyn-data-')): string {
  const dir = join(parent, 'data');
  cpSync(SAMPLE_DATA, dir, { recursive: true });
  return dir;
}

/**
 * A throwaway copy of the project (scripts, content, templates, Eleventy config; node_modules linked) for tests
 * that must add a hostile content page: the real `content/` is never touched.
 */
export function copyProject(): string {
  const dir = join(scratch('insyn-project-'), 'project');
  mkdirSync(dir, { recursive: true });
  for (const p of ['scripts', 'content', 'templates', '.eleventy.js', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    if (existsSync(join(ROOT, p))) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Runs `tasks` two at a time (the machine has two cores). */
export async function pairwise<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

/** How long a command may run in a test before it is taken for hung (killed, and the test fails with its output). */
const COMMAND_TIMEOUT_MS = 240_000;

/** `runCli` (test/helpers/cli.ts) without blocking, so that two commands can run side by side. */
export function runCliAsync(script: 'validate' | 'build', args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(cwd, 'scripts/cli', `${script}.ts`), ...args], {
      cwd,
      env: { ...process.env, ...env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} did not finish in ${COMMAND_TIMEOUT_MS / 1000} s (hung?). stderr so far:\n${Buffer.concat(err).toString('utf8').slice(-3000)}`));
    }, COMMAND_TIMEOUT_MS);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Every file under `dir` (relative path with `/` → bytes), sorted by path. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** Every directory under `dir` (relative paths), for comparing tree shapes including empty folders. */
export function readDirs(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        out.push(relative(dir, p).split('\\').join('/'));
        walk(p);
      }
    }
  };
  walk(dir);
  return out;
}

export function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

/** The differences between two trees, one line each (`only in a: x`, `differs: y (first at byte n …)`). */
export function treeDiff(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const out: string[] = [];
  for (const [p, bytes] of a) {
    const other = b.get(p);
    if (!other) out.push(`only in the first: ${p}`);
    else if (!bytes.equals(other)) {
      let i = 0;
      while (i < bytes.length && i < other.length && bytes[i] === other[i]) i++;
      const show = (buf: Buffer) => JSON.stringify(buf.subarray(Math.max(0, i - 30), i + 50).toString('utf8'));
      out.push(`differs: ${p} (first at byte ${i}: ${show(bytes)} vs ${show(other)})`);
    }
  }
  for (const p of b.keys()) if (!a.has(p)) out.push(`only in the second: ${p}`);
  return out;
}

/** A stack trace line (`    at fn (file:1:2)`, also behind a prefix like `[11ty] `) anywhere in the text. */
export function stackTrace(text: string): string | null {
  const m = /^.* {4}at .*$/m.exec(text);
  return m ? m[0] : null;
}

/**
 * What a build left beside its output other than the output link and its builds folder (`.<name>.builds/`), and
 * inside that folder other than its marker, the current build, the previous one and the builds retired moments
 * ago (each with its `.retired-` link): temporary folders and links of builds that failed or were killed, stray
 * files.
 */
export function strays(outputDir: string): string[] {
  const parent = dirname(outputDir);
  if (!existsSync(parent)) return [];
  const own = basename(outputDir);
  const builds = `.${own}.builds`;
  const out = readdirSync(parent).filter((n) => n !== own && n !== builds);
  const dir = join(parent, builds);
  if (existsSync(dir)) {
    const keep = new Set(['.insyn-builds', 'previous']);
    const names = readdirSync(dir);
    for (const link of [outputDir, join(dir, 'previous')]) {
      try {
        keep.add(basename(readlinkSync(link)));
      } catch {
        // no such link
      }
    }
    for (const n of names) {
      if (n.startsWith('.retired-') && names.includes(n.slice('.retired-'.length))) {
        keep.add(n);
        keep.add(n.slice('.retired-'.length));
      }
    }
    for (const n of names) if (!keep.has(n)) out.push(`${builds}/${n}`);
  }
  return out;
}

/** C0 control characters other than tab, LF and CR (and DEL): forbidden in XML, parse errors in HTML. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A short excerpt around the first match of `needle` in `text`, for assertion messages. */
export function around(text: string, needle: string | RegExp, width = 60): string {
  const i = typeof needle === 'string' ? text.indexOf(needle) : text.search(needle);
  if (i < 0) return '';
  return JSON.stringify(text.slice(Math.max(0, i - width), i + width));
}
