/**
 * The build cache: a dataset whose metadata, publisher and export files are unchanged is not read again; its
 * outputs are copied from the cache. Files are identified by content hash (SHA-256); the hash is remembered with
 * the file's size, mtime and inode, so an unchanged file is not even read to hash it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DatasetBuild, DatasetSource, Publisher } from '../model.ts';

/** Bump when the pipeline's output for the same input changes. */
export const PIPELINE_VERSION = '1';

interface StatEntry {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

/**
 * Copies a folder tree by hard links (instant, no extra disk for large data files), falling back to copying where
 * links are not possible (another file system). Published files are never changed in place, so sharing is safe.
 */
async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isDirectory()) await linkTree(src, dst);
    else if (entry.isFile()) await link(src, dst).catch(() => copyFile(src, dst));
  }
}

export class BuildCache {
  private stats: Record<string, StatEntry> = {};
  private dirty = false;
  /** Export files whose bytes were read to hash them in this build (for the closing log and the tests). */
  hashedFiles = 0;

  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<BuildCache> {
    const cache = new BuildCache(resolve(dir));
    try {
      cache.stats = JSON.parse(await readFile(join(cache.dir, 'files.json'), 'utf8'));
    } catch {
      cache.stats = {};
    }
    return cache;
  }

  async fileHash(path: string): Promise<string> {
    const abs = resolve(path);
    const st = await stat(abs);
    const known = this.stats[abs];
    if (known && known.size === st.size && known.mtimeMs === st.mtimeMs && known.ino === st.ino) return known.sha256;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(abs, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
    const sha256 = hash.digest('hex');
    this.hashedFiles++;
    this.stats[abs] = { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, sha256 };
    this.dirty = true;
    return sha256;
  }

  async key(source: DatasetSource, publisher: Publisher): Promise<string> {
    const files: { name: string; sha256: string }[] = [];
    for (const f of source.files) files.push({ name: f.slice(source.dir.length + 1), sha256: await this.fileHash(f) });
    const material = JSON.stringify({ v: PIPELINE_VERSION, id: source.id, metadata: source.metadata, publisher, files });
    return createHash('sha256').update(material).digest('hex').slice(0, 32);
  }

  private entry(id: string, key: string): string {
    return join(this.dir, 'datasets', id, key);
  }

  /** Copies a cached dataset's outputs into `outRoot/datasets/<id>/` and returns its build, or null. */
  async restore(id: string, key: string, outRoot: string): Promise<DatasetBuild | null> {
    const entry = this.entry(id, key);
    let build: DatasetBuild;
    try {
      build = JSON.parse(await readFile(join(entry, 'build.json'), 'utf8'));
    } catch {
      return null;
    }
    await linkTree(join(entry, 'files'), join(outRoot, 'datasets', id));
    return build;
  }

  /** Stores a freshly published dataset (its output folder and build), replacing older entries for the id. */
  async store(id: string, key: string, outRoot: string, build: DatasetBuild): Promise<void> {
    const idDir = join(this.dir, 'datasets', id);
    for (const old of await readdir(idDir).catch(() => [] as string[])) await rm(join(idDir, old), { recursive: true, force: true });
    const entry = this.entry(id, key);
    await mkdir(entry, { recursive: true });
    await linkTree(join(outRoot, 'datasets', id), join(entry, 'files'));
    await writeFile(join(entry, 'build.json'), JSON.stringify(build));
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await mkdir(this.dir, { recursive: true });
    const sorted = Object.fromEntries(Object.entries(this.stats).sort(([a], [b]) => (a < b ? -1 : 1)));
    await writeFile(join(this.dir, 'files.json'), JSON.stringify(sorted));
    this.dirty = false;
  }
}
