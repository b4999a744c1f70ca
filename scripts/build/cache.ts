/**
 * The build cache: a dataset whose metadata, publisher and export files are unchanged, built by the same code, is
 * not read again; its outputs are copied from the cache.
 *
 * - The key holds the SHA-256 of every export file (remembered with the file's size, mtime, ctime and inode, so an
 *   unchanged file is not even read to hash it) and a fingerprint of the code: every file that shapes the
 *   outputs (CODE_INPUTS), hashed once per build. A change to any of them (a privacy fix in the pipeline, a new
 *   dependency in the lock file) rebuilds every dataset; nothing is bumped by hand.
 * - Every entry records the SHA-256 of each of its files and of its build.json. A restore copies the files and
 *   checks every copy (and the exact list of files) against the record: a truncated or edited entry is never
 *   published; the dataset is built afresh and the log says why.
 * - The site and the cache never share a file: copies (reflinks where the file system has them), no hard links.
 * - A cache folder that cannot be used (not writable, a file in the way, damaged) never fails a build: the build
 *   goes on without the cache and says so in a warning.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { DatasetBuild, DatasetSource, Publisher } from '../model.ts';
import type { FormatStore, UnitStore } from '../pipeline/dataset.ts';
import { msg, safe, trusted, type Safe } from '../privacy/safe.ts';
import { makeFolder } from './atomic.ts';

/**
 * What the code fingerprint is computed from, relative to the project folder: folders are hashed whole. The
 * GitHub Actions workflow's cache key hashes the same list (a test checks that they agree). Content pages
 * (`content/sv`, `content/en`) are left out: they shape only pages, which are built on every build anyway.
 */
export const CODE_INPUTS = ['scripts', 'templates', 'content/_data', '.eleventy.js', 'package.json', 'package-lock.json', 'tsconfig.json'];

interface StatEntry {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  sha256: string;
}

interface Manifest {
  key: string;
  /** SHA-256 of build.json. */
  build: string;
  /** Path below `files/` (with `/`) → SHA-256. */
  files: Record<string, string>;
}

export type Restored = { build: DatasetBuild } | { damaged: Safe } | null;

/**
 * A file's SHA-256, read into a buffer the size of the file (at most 1 MiB, reused to its end). Not a read stream:
 * its 1 MiB buffer for every file, over the 3,700 files of a search index or the 40,000 of an index entry, is
 * gigabytes of short-lived memory, and V8 answered with a full collection every half second (measured: 12 s of
 * garbage collection in a rebuild with nothing changed).
 */
/**
 * SHA-256 of a file, read in pieces of at most 1 MB. Synchronous underneath: an entry is mostly small files (a
 * search index: 3,724 of them, 4.3 MB), and a round trip to the thread pool for each open, stat, read and close
 * cost more than the reading (0.37–0.51 s to check that entry, 0.11–0.13 s this way).
 */
async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    const buffer = Buffer.allocUnsafe(Math.min(Math.max(size, 1), 1 << 20));
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (!bytesRead) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p, base)));
    else if (entry.isFile()) out.push(relative(base, p).split(sep).join('/'));
    else throw Object.assign(new Error(`${relative(base, p)} is not a regular file`), { code: 'ENOTREG' });
  }
  return out;
}

/** Copies `rel` from one tree to another: a reflink where the file system can, else a real copy. Never a link. */
async function copyInto(from: string, to: string, rel: string): Promise<string> {
  const dst = join(to, ...rel.split('/'));
  await mkdir(join(dst, '..'), { recursive: true });
  await copyFile(join(from, ...rel.split('/')), dst, constants.COPYFILE_FICLONE);
  return dst;
}

async function walkCode(root: string, rel: string, out: string[]): Promise<void> {
  const abs = join(root, rel);
  const st = await stat(abs).catch(() => null);
  if (!st) return;
  if (st.isFile()) {
    out.push(rel);
    return;
  }
  if (!st.isDirectory()) return;
  for (const name of (await readdir(abs)).sort()) await walkCode(root, `${rel}/${name}`, out);
}

/**
 * The fingerprint of the code: SHA-256 over the path and SHA-256 of every file in CODE_INPUTS (a missing input
 * counts as missing), and Node's version (its ICU and JSON shape the outputs too).
 */
export async function codeFingerprint(projectDir: string): Promise<{ sha256: string; files: number }> {
  const files: string[] = [];
  for (const input of CODE_INPUTS) await walkCode(projectDir, input, files);
  const hash = createHash('sha256').update(`node ${process.version}\n`);
  for (const f of files) hash.update(`${f}\0${createHash('sha256').update(await readFile(join(projectDir, f))).digest('hex')}\n`);
  return { sha256: hash.digest('hex'), files: files.length };
}

function reason(e: unknown): Safe {
  const err = e as NodeJS.ErrnoException;
  if (!err?.code) return safe(String((e as Error)?.message ?? e));
  return err.path ? msg`${safe(err.code)} on ${safe(String(err.path), 400)}` : safe(err.code);
}

/**
 * `entry` when it holds a manifest and every file matches it; null when there is none. A damaged entry is
 * removed, after `damaged` says why (the file entries and the other stages' entries share this).
 */
async function verifiedEntry(entry: string, damaged: (why: Safe) => void): Promise<string | null> {
  const manifestText = await readFile(join(entry, 'manifest.json'), 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (manifestText === null) return null;
  const why = await verifyEntry(entry, manifestText);
  if (why === null) return entry;
  damaged(why);
  await rm(entry, { recursive: true, force: true }).catch(() => {});
  return null;
}

/**
 * `fn` for every item, at most `n` at a time (the thread pool does the reading and writing: an entry of 3,700 small
 * files, one after another, is 3,700 round trips each way).
 */
async function inPool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

/**
 * Copies every file below `from` into `to` (made as needed), but those named in `skip` (paths with `/`): a reflink
 * where the file system can, else a real copy, never a link; a few files at a time.
 */
export async function copyFolder(from: string, to: string, skip: ReadonlySet<string> = new Set()): Promise<{ files: number; bytes: number }> {
  const files = (await listFiles(from)).filter((rel) => !skip.has(rel));
  await mkdir(to, { recursive: true });
  let bytes = 0;
  await inPool(files, 8, async (rel) => {
    // Its size once it is known: `bytes += await …` would add to the total as it was before the copy, and eight
    // copies at once lose each other's sizes.
    const size = (await stat(await copyInto(from, to, rel))).size;
    bytes += size;
  });
  return { files: files.length, bytes };
}

/** Checks a file entry against its manifest: null when every file is there, unchanged, and nothing else is. */
async function verifyEntry(entry: string, manifestText: string): Promise<Safe | null> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText);
  } catch {
    return trusted('its manifest.json is not valid JSON');
  }
  if (typeof manifest?.files !== 'object' || manifest.files === null) return trusted('its manifest.json is not the one Insyn wrote');
  let files: string[];
  try {
    files = (await listFiles(entry)).filter((f) => f !== 'manifest.json');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTREG') return safe((e as Error).message, 400);
    throw e;
  }
  const present = new Set(files);
  const extra = files.filter((f) => !Object.hasOwn(manifest.files, f));
  const missing = Object.keys(manifest.files).filter((f) => !present.has(f));
  if (extra.length) return msg`it holds a file that was never stored: ${safe(extra[0], 400)}`;
  if (missing.length) return msg`a file is missing: ${safe(missing[0], 400)}`;
  const differ = new Set<string>();
  await inPool(files, 8, async (rel) => {
    if ((await sha256File(join(entry, ...rel.split('/')))) !== manifest.files[rel]) differ.add(rel);
  });
  const first = files.find((rel) => differ.has(rel));
  return first === undefined ? null : msg`${safe(first, 400)} differs from what was stored (its SHA-256 does not match)`;
}

export class BuildCache {
  private stats: Record<string, StatEntry> = {};
  private dirty = false;
  /** False once the cache failed: the rest of the build runs without it. */
  usable = true;
  /** Export files whose bytes were read to hash them in this build (for the closing log and the tests). */
  hashedFiles = 0;

  private constructor(
    readonly dir: string,
    readonly code: string,
    private readonly warn: (message: Safe) => void,
  ) {}

  /**
   * Opens (creates) the cache folder and checks that it can be written. Returns null, after a warning, when it
   * cannot be used: the build then runs without the cache.
   */
  static async open(dir: string, projectDir: string, warn: (message: Safe) => void): Promise<BuildCache | null> {
    const abs = resolve(dir);
    let code: string;
    try {
      code = (await codeFingerprint(projectDir)).sha256;
    } catch (e) {
      warn(msg`the build cache is not used: the code cannot be fingerprinted (${reason(e)}); every dataset is read afresh`);
      return null;
    }
    try {
      await makeFolder(abs);
      const probe = join(abs, `.probe-${process.pid}`);
      await writeFile(probe, '');
      await rm(probe, { force: true });
      const st = await lstat(join(abs, 'datasets')).catch(() => null);
      if (st && !st.isDirectory()) throw Object.assign(new Error('datasets is not a folder'), { code: 'ENOTDIR', path: join(abs, 'datasets') });
    } catch (e) {
      warn(msg`the build cache folder ${safe(dir, 400)} cannot be used (${reason(e)}): building without the cache, every dataset is read afresh. Remove the folder, or check its permissions and the disk.`);
      return null;
    }
    const cache = new BuildCache(abs, code, warn);
    let text: string | null = null;
    try {
      text = await readFile(join(abs, 'files.json'), 'utf8');
    } catch {
      // none yet
    }
    if (text !== null) {
      try {
        const parsed = JSON.parse(text);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        cache.stats = parsed;
      } catch {
        warn(msg`the build cache's ${safe(join(dir, 'files.json'), 400)} is damaged; it is written again (export files are hashed afresh)`);
        cache.dirty = true;
      }
    }
    return cache;
  }

  private disable(what: string, e: unknown): void {
    if (!this.usable) return;
    this.usable = false;
    this.warn(msg`the build cache ${safe(relative(process.cwd(), this.dir) || this.dir, 400)} failed while ${trusted(what)} (${reason(e)}): the rest of the build runs without it`);
  }

  async fileHash(path: string): Promise<string> {
    const abs = resolve(path);
    const st = await stat(abs);
    const known = this.stats[abs];
    if (known && known.size === st.size && known.mtimeMs === st.mtimeMs && known.ctimeMs === st.ctimeMs && known.ino === st.ino && typeof known.sha256 === 'string') {
      return known.sha256;
    }
    const sha256 = await sha256File(abs);
    this.hashedFiles++;
    this.stats[abs] = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, sha256 };
    this.dirty = true;
    return sha256;
  }

  async key(source: DatasetSource, publisher: Publisher): Promise<string> {
    const files: { name: string; sha256: string }[] = [];
    for (const f of source.files) files.push({ name: f.slice(source.dir.length + 1), sha256: await this.fileHash(f) });
    const material = JSON.stringify({ code: this.code, id: source.id, metadata: source.metadata, publisher, files });
    return createHash('sha256').update(material).digest('hex').slice(0, 32);
  }

  private entry(id: string, key: string): string {
    return join(this.dir, 'datasets', id, key);
  }

  /**
   * Copies a cached dataset's outputs into `outRoot/datasets/<id>/`, checking every copy against the entry's
   * record. Returns the build; `{ damaged }` when the entry did not match its record (the copies are removed,
   * and so is the entry); null when there is no entry (or the cache failed).
   */
  async restore(id: string, key: string, outRoot: string): Promise<Restored> {
    if (!this.usable) return null;
    const entry = this.entry(id, key);
    const out = join(outRoot, 'datasets', id);
    let manifestText: string;
    try {
      manifestText = await readFile(join(entry, 'manifest.json'), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      this.disable('reading an entry', e);
      return null;
    }
    const damaged = async (why: Safe): Promise<Restored> => {
      await rm(out, { recursive: true, force: true });
      await rm(entry, { recursive: true, force: true }).catch(() => {});
      return { damaged: why };
    };
    try {
      let manifest: Manifest;
      try {
        manifest = JSON.parse(manifestText);
      } catch {
        return damaged(trusted('its manifest.json is not valid JSON'));
      }
      if (manifest?.key !== key || typeof manifest.build !== 'string' || typeof manifest.files !== 'object' || manifest.files === null) {
        return damaged(trusted('its manifest.json is not the one Insyn wrote'));
      }
      const buildText = await readFile(join(entry, 'build.json')).catch(() => null);
      if (buildText === null) return damaged(trusted('build.json is missing'));
      if (createHash('sha256').update(buildText).digest('hex') !== manifest.build) return damaged(trusted('build.json differs from what was stored (its SHA-256 does not match)'));
      let build: DatasetBuild;
      try {
        build = JSON.parse(buildText.toString('utf8'));
      } catch {
        return damaged(trusted('build.json is not valid JSON'));
      }
      let files: string[];
      try {
        files = await listFiles(join(entry, 'files'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOTREG') return damaged(safe((e as Error).message, 400));
        throw e;
      }
      const recorded = Object.keys(manifest.files).sort();
      const extra = files.filter((f) => !Object.hasOwn(manifest.files, f));
      const missing = recorded.filter((f) => !files.includes(f));
      if (extra.length) return damaged(msg`it holds a file that was never stored: ${safe(extra[0], 400)}`);
      if (missing.length) return damaged(msg`a file is missing: ${safe(missing[0], 400)}`);
      for (const rel of files) {
        const copy = await copyInto(join(entry, 'files'), out, rel);
        if ((await sha256File(copy)) !== manifest.files[rel]) return damaged(msg`${safe(rel, 400)} differs from what was stored (its SHA-256 does not match; truncated or edited)`);
      }
      return { build };
    } catch (e) {
      await rm(out, { recursive: true, force: true });
      this.disable('restoring a dataset', e);
      return null;
    }
  }

  /**
   * Stores a freshly published dataset (its output folder and build), replacing older entries for the id. `known`
   * gives the SHA-256 of files whose bytes the build hashed as it wrote them (the data files): their copies are
   * not read again.
   */
  async store(id: string, key: string, outRoot: string, build: DatasetBuild, known: Map<string, string> = new Map()): Promise<void> {
    if (!this.usable) return;
    const idDir = join(this.dir, 'datasets', id);
    const temp = join(idDir, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(temp, { recursive: true });
      const from = join(outRoot, 'datasets', id);
      const files: Record<string, string> = {};
      for (const rel of await listFiles(from)) {
        const copy = await copyInto(from, join(temp, 'files'), rel);
        files[rel] = known.get(rel) ?? (await sha256File(copy));
      }
      const buildText = Buffer.from(JSON.stringify(build), 'utf8');
      await writeFile(join(temp, 'build.json'), buildText);
      const manifest: Manifest = { key, build: createHash('sha256').update(buildText).digest('hex'), files };
      await writeFile(join(temp, 'manifest.json'), JSON.stringify(manifest));
      const entry = this.entry(id, key);
      await rm(entry, { recursive: true, force: true });
      await rename(temp, entry);
      for (const old of await readdir(idDir)) if (old !== key) await rm(join(idDir, old), { recursive: true, force: true });
    } catch (e) {
      await rm(temp, { recursive: true, force: true }).catch(() => {});
      this.disable('storing a dataset', e);
    }
  }

  /**
   * The file-level cache of one dataset: each export file's unit (unit.ts) is kept under `files/<id>/<key>/`, keyed
   * on the file's SHA-256, its name, the code, the dataset's reading settings and the publisher, and verified file
   * by file against its manifest before use. A dataset with one new export reads that export alone.
   */
  unitStore(source: DatasetSource, publisher: Publisher): UnitStore {
    const idDir = join(this.dir, 'files', source.id);
    const m = source.metadata;
    const reading = { columns: m.columns, multilineValues: m.multilineValues, decimalMark: m.decimalMark, period: m.period, sheet: m.sheet, series: m.series, json: m.json };
    const temps = new Set<string>();
    const keyOf = async (path: string) => {
      const name = path.slice(source.dir.length + 1);
      const material = JSON.stringify({ code: this.code, name, sha256: await this.fileHash(path), reading, publisher });
      return createHash('sha256').update(material).digest('hex').slice(0, 32);
    };
    const fallback = async (): Promise<string> => {
      const d = join(this.dir, 'files', source.id, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
      await mkdir(d, { recursive: true });
      temps.add(d);
      return d;
    };
    return {
      get: async (path) => {
        if (!this.usable) return null;
        try {
          return await verifiedEntry(join(idDir, await keyOf(path)), (why) =>
            this.warn(msg`${safe(source.id)}/${safe(path.slice(source.dir.length + 1), 400)}: the cached copy is damaged (${why}); the file is read again`),
          );
        } catch (e) {
          this.disable('reading a file entry', e);
          return null;
        }
      },
      create: async () => {
        if (!this.usable) return fallback();
        try {
          return await fallback();
        } catch (e) {
          this.disable('creating a file entry', e);
          const d = join(tmpdir(), `insyn-unit-${process.pid}-${randomBytes(6).toString('hex')}`);
          await mkdir(d, { recursive: true });
          temps.add(d);
          return d;
        }
      },
      keep: async (path, dir) => {
        if (!this.usable) return dir;
        try {
          const key = await keyOf(path);
          const files: Record<string, string> = {};
          for (const rel of await listFiles(dir)) files[rel] = await sha256File(join(dir, ...rel.split('/')));
          await writeFile(join(dir, 'manifest.json'), JSON.stringify({ key, build: '', files } satisfies Manifest));
          const entry = join(idDir, key);
          await rm(entry, { recursive: true, force: true });
          await rename(dir, entry);
          temps.delete(dir);
          return entry;
        } catch (e) {
          this.disable('storing a file entry', e);
          return dir;
        }
      },
      done: async (used) => {
        for (const t of temps) await rm(t, { recursive: true, force: true }).catch(() => {});
        temps.clear();
        if (used === null || !this.usable) return;
        // Entries of files the dataset no longer has (or had in another form) are dropped.
        const keep = new Set(used.map((u) => u.slice(idDir.length + 1)));
        for (const name of await readdir(idDir).catch(() => [] as string[])) {
          if (!keep.has(name)) await rm(join(idDir, name), { recursive: true, force: true }).catch(() => {});
        }
      },
    };
  }

  /**
   * The derived files (Parquet) of one dataset's periods: each kept under `formats/<id>/<name>/<key>/`, keyed on
   * the period CSV's SHA-256 and the code, verified against its manifest before use and checked again as copied.
   * A period whose CSV did not change (the other years, when a month is added) is copied, not written again.
   */
  formatStore(datasetId: string): FormatStore {
    const keyOf = (name: string, csvSha256: string) => createHash('sha256').update(JSON.stringify({ code: this.code, name, csv: csvSha256 })).digest('hex').slice(0, 32);
    return {
      restore: async (name, csvSha256, outPath) => {
        const entry = await this.getEntry('formats', `${datasetId}/${name}`, keyOf(name, csvSha256));
        if (entry === null) return null;
        try {
          const manifest = JSON.parse(await readFile(join(entry, 'manifest.json'), 'utf8')) as Manifest;
          await copyFile(join(entry, 'file'), outPath, constants.COPYFILE_FICLONE);
          const sha256 = await sha256File(outPath);
          if (sha256 !== manifest.files.file) {
            await rm(outPath, { force: true });
            return null;
          }
          return { path: outPath, bytes: (await stat(outPath)).size, sha256 };
        } catch (e) {
          await rm(outPath, { force: true }).catch(() => {});
          this.disable('restoring a derived file', e);
          return null;
        }
      },
      keep: async (name, csvSha256, file) => {
        if (!this.usable) return;
        const temp = join(this.dir, `.derived-${process.pid}-${randomBytes(4).toString('hex')}`);
        try {
          await mkdir(temp, { recursive: true });
          await copyFile(file, join(temp, 'file'), constants.COPYFILE_FICLONE);
          await this.putEntry('formats', `${datasetId}/${name}`, keyOf(name, csvSha256), temp);
        } catch (e) {
          this.disable('storing a derived file', e);
        } finally {
          await rm(temp, { recursive: true, force: true }).catch(() => {});
        }
      },
    };
  }

  /** Copies a verified entry's files (getEntry) into `to`, but those named in `skip` (its manifest, …). */
  copyOut(entry: string, to: string, skip: ReadonlySet<string>): Promise<{ files: number; bytes: number }> {
    return copyFolder(entry, to, skip);
  }

  /** The code fingerprint (for keys of other stages' entries). */
  get codeKey(): string {
    return this.code;
  }

  /**
   * A verified entry of another stage (`kind`: `index`), or null: every file checked against its manifest; a
   * damaged entry is removed, with a warning.
   */
  async getEntry(kind: string, id: string, key: string): Promise<string | null> {
    if (!this.usable) return null;
    try {
      return await verifiedEntry(join(this.dir, kind, id, key), (why) => this.warn(msg`${safe(id)}: the cached ${safe(kind)} is damaged (${why}); it is made again`));
    } catch (e) {
      this.disable(`reading a ${kind} entry`, e);
      return null;
    }
  }

  /**
   * Keeps `dir` (a complete folder of this build; none: only `extra`) and the `extra` files (name → text) as the
   * entry for `id` and `key`, replacing the id's others.
   */
  async putEntry(kind: string, id: string, key: string, dir: string | null, extra: Record<string, string> = {}): Promise<void> {
    if (!this.usable) return;
    const idDir = join(this.dir, kind, id);
    const temp = join(idDir, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(temp, { recursive: true });
      const hashes = new Map<string, string>();
      const listed = dir === null ? [] : await listFiles(dir);
      await inPool(listed, 8, async (rel) => void hashes.set(rel, await sha256File(await copyInto(dir as string, temp, rel))));
      for (const [rel, text] of Object.entries(extra)) {
        if (hashes.has(rel) || rel === 'manifest.json') throw new Error(`${rel} is in the folder stored as well`);
        await writeFile(join(temp, rel), text);
        hashes.set(rel, await sha256File(join(temp, rel)));
      }
      const files: Record<string, string> = Object.fromEntries([...hashes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
      await writeFile(join(temp, 'manifest.json'), JSON.stringify({ key, build: '', files } satisfies Manifest));
      const entry = join(idDir, key);
      await rm(entry, { recursive: true, force: true });
      await rename(temp, entry);
      for (const old of await readdir(idDir)) if (old !== key) await rm(join(idDir, old), { recursive: true, force: true });
    } catch (e) {
      await rm(temp, { recursive: true, force: true }).catch(() => {});
      this.disable(`storing a ${kind} entry`, e);
    }
  }

  /** Writes the remembered file hashes (never fails a build). */
  async save(): Promise<void> {
    if (!this.dirty || !this.usable) return;
    try {
      const sorted = Object.fromEntries(Object.entries(this.stats).sort(([a], [b]) => (a < b ? -1 : 1)));
      const temp = join(this.dir, `.files-${process.pid}.json`);
      await writeFile(temp, JSON.stringify(sorted));
      await rename(temp, join(this.dir, 'files.json'));
      this.dirty = false;
    } catch (e) {
      this.disable('saving files.json', e);
    }
  }
}
