/**
 * The search records (scripts/site/search.ts) as Pagefind reads them fastest: a small HTML page each, at the path of
 * its URL (`/leverantorer/x/` → `leverantorer/x/index.html`) in a folder of their own, read with one `addDirectory`.
 *
 * Why not Pagefind's `addCustomRecord`: Pagefind 1.6 does work proportional to everything indexed so far for each
 * record added that way (it formats its whole list of pages for a log line, and searches it for the URL), so 40,000
 * records took 8.8 s to add and 20,000 took 2.7 s; read as files, 40,000 take 1.4 s. What a record becomes is the
 * same: its words (with its language's stemming), its title and other meta, its filters, its URL; only a title's
 * white space is collapsed (as a page shows it: `A  B ` is `A B`).
 *
 * The files are written in memory where the system has room for them (`/dev/shm`), in a worker thread, beside
 * Eleventy, and the folder is removed as soon as Pagefind has read it.
 */
import { accessSync, constants, mkdirSync, statfsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fromWorkerError, startWorker, type WorkerError } from '../worker.ts';
import type { SearchRecord } from './search.ts';

/** One record's page: below the folder, and its HTML. */
export interface RecordFile {
  path: string;
  html: string;
}

/** A URL Pagefind gives back unchanged from a file's path: root-relative, ending in `/` or `.html`, no `%`, `?`, `#`. */
const FILE_URL = /^\/(?:[^/?#%\\\u0000-\u001f]+\/)*(?:[^/?#%\\\u0000-\u001f]+\.html)?$/;
/** A meta or filter name: Pagefind's attribute syntax (`name[content]`) takes no other characters. */
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const text = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** A meta or filter value as Pagefind keeps one read from a page: its white space collapsed to one space, trimmed. */
export const metaValue = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/** Where a record's page goes below the folder (the path of its URL), or why it cannot. */
export function recordPath(url: string): string {
  const segments = url.split('/');
  if (!FILE_URL.test(url) || segments.some((s) => s === '.' || s === '..')) {
    throw new Error(`a search record's url must be root-relative, end in / or .html and have no %, ? or # (/leverantorer/…/): ${JSON.stringify(url)}`);
  }
  return url.endsWith('/') ? `${url.slice(1)}index.html` : url.slice(1);
}

/**
 * A record as a page: its language, its meta (title, kind and the rest) and filters as elements without text, its
 * words as the body's only text (in a <p>, Pagefind would end them with a full stop).
 */
export function recordFile(record: SearchRecord): RecordFile {
  const meta: Record<string, string> = { ...record.meta, title: record.title, kind: record.filters.kind };
  const filters: [string, string][] = [['kind', record.filters.kind], ...(record.filters.publisher ?? []).map((p): [string, string] => ['publisher', p])];
  for (const name of [...Object.keys(meta), ...filters.map(([n]) => n)]) {
    if (!NAME.test(name)) throw new Error(`a search record's meta or filter name must be letters, digits, - or _: ${JSON.stringify(name)}`);
  }
  let html = `<!doctype html><html lang="${attr(record.lang)}"><head><meta charset="utf-8"></head><body data-pagefind-body>`;
  for (const [name, value] of Object.entries(meta)) html += `<meta data-pagefind-meta="${name}[content]" content="${attr(metaValue(value))}">`;
  for (const [name, value] of filters) html += `<meta data-pagefind-filter="${name}[content]" content="${attr(metaValue(value))}">`;
  html += `${text(record.content)}</body></html>`;
  return { path: recordPath(record.url), html };
}

/** Writes the pages into `dir`, synchronously (40,000 small files: a round trip to the thread pool each otherwise). */
export function writeRecordFiles(dir: string, files: readonly RecordFile[]): void {
  const made = new Set<string>();
  for (const f of files) {
    const path = join(dir, f.path);
    const parent = dirname(path);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(path, f.html);
  }
}

/** The records' folder, written: read it, then `remove` it (always, also when reading failed). */
export interface RecordFolder {
  dir: string;
  remove(): Promise<void>;
}

/**
 * Where the folder can go, best first: memory (`/dev/shm`, when it has room for them twice over: 40,000 files take
 * 0.5 s to write there and 4 s on this machine's disk) and the system's temporary folder.
 */
function places(files: readonly RecordFile[]): string[] {
  const bytes = files.reduce((n, f) => n + 4096 + Buffer.byteLength(f.html), 0);
  const out: string[] = [];
  try {
    accessSync('/dev/shm', constants.W_OK);
    const shm = statfsSync('/dev/shm');
    if (shm.bavail * shm.bsize > 2 * bytes) out.push('/dev/shm');
  } catch {
    // no /dev/shm (Windows, macOS): the temporary folder
  }
  return [...out, tmpdir()];
}

/**
 * Writes the records' pages into a new folder, in a worker thread (in this thread when asked to, from a thread that
 * has nothing else to do, or when no worker can be started).
 * The worker stays to remove the folder when told; whatever way it ends, what is left of the folder is removed from
 * here. A place that turns out to be full (or not writable) is left for the next.
 */
export async function writeRecordFolder(records: readonly SearchRecord[], options: { inThisThread?: boolean } = {}): Promise<RecordFolder> {
  const files = records.map(recordFile);
  const where = places(files);
  for (const [i, place] of where.entries()) {
    try {
      return await writeIn(place, files, options.inThisThread ?? false);
    } catch (e) {
      if (!NOT_HERE.has(String((e as NodeJS.ErrnoException)?.code)) || i === where.length - 1) throw e;
    }
  }
  throw new Error('no place to write the search records');
}

/** What makes a place unusable but not the next one. */
const NOT_HERE = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS']);

async function writeIn(place: string, files: readonly RecordFile[], inThisThread: boolean): Promise<RecordFolder> {
  const dir = await mkdtemp(join(place, 'insyn-search-records-'));
  const removeHere = () => rm(dir, { recursive: true, force: true });
  const worker = inThisThread ? null : startWorker(new URL('./search-record-files-worker.ts', import.meta.url), { dir, files });
  if (!worker) {
    try {
      writeRecordFiles(dir, files);
    } catch (e) {
      await removeHere();
      throw e;
    }
    return { dir, remove: removeHere };
  }
  const exited = new Promise<void>((resolve) => worker.once('exit', () => void removeHere().then(resolve, resolve)));
  const written = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: { written: true } | WorkerError) => ('written' in m ? resolve() : reject(fromWorkerError(m))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the search records could not be written (the worker stopped, ${code})`)));
  });
  const remove = () => {
    worker.postMessage('remove');
    return exited;
  };
  try {
    await written;
  } catch (e) {
    await remove();
    throw e;
  }
  return { dir, remove };
}
