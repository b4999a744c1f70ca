/**
 * The search records (scripts/site/search.ts) as Pagefind reads them fastest: a small HTML page each, at the path of
 * its URL (`/leverantorer/x/` → `leverantorer/x/index.html`) in a folder of their own, read with one `addDirectory`.
 *
 * Why not Pagefind's `addCustomRecord`: Pagefind 1.6 does work proportional to everything indexed so far for each
 * record added that way (it formats its whole list of pages for a log line, and searches it for the URL), so 40,000
 * records took 8.8 s to add and 20,000 took 2.7 s; read as files, 40,000 take 1.4 s. What a record becomes is the
 * same: its words (with its language's stemming), its title and other meta, its filters, its URL; only white
 * space in a title or other meta value is written as one plain space (`A\u00a0 B ` is `A B`: `metaValue`).
 *
 * The files are written in memory where the system has it (`/dev/shm`), in a thread beside Eleventy (the search
 * stage's own, search-pagefind.ts), and the folder is removed as soon as Pagefind has read it; a folder left by a
 * process that was killed meanwhile is removed by the next build (`sweepRecordFolders`).
 */
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { alive } from '../temp-folders.ts';
import type { SearchRecord } from './search.ts';

/** One record's page: below the folder, and its HTML. */
export interface RecordFile {
  path: string;
  html: string;
}

/**
 * A URL that comes back from a file's path as it is: root-relative, ending in `/`, segments of letters, digits and
 * `.`, `_`, `~`, `-` only (Pagefind percent-encodes other characters of a path, and drops `index.html` wherever it
 * stands), at most 200 characters each. The site's URLs are slugs (scripts/index/index.ts `slugify`).
 */
const FILE_URL = /^\/(?:[A-Za-z0-9._~-]{1,200}\/)*$/;
/** A meta or filter name: Pagefind's attribute syntax (`name[content]`) takes no other characters. */
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const text = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/**
 * A meta or filter value as the record's page gives it: every run of white space (a single no-break space or tab
 * too) one plain space, trimmed. Pagefind collapses runs and trims a value read from a page but keeps a single
 * odd space; written this way, what it reads is what it keeps.
 */
export const metaValue = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/** Where a record's page goes below the folder (the path of its URL), or why it cannot. */
export function recordPath(url: string): string {
  const segments = url.split('/');
  if (!FILE_URL.test(url) || url.includes('index.html') || segments.some((s) => s === '.' || s === '..')) {
    throw new Error(`a search record's url must be root-relative, end in / and be made of letters, digits, ., _, ~ and - (/leverantorer/…/): ${JSON.stringify(url)}`);
  }
  return `${url.slice(1)}index.html`;
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

/** A records' folder's name: the process that made it, so that a folder left by a process gone is known as such. */
const FOLDER = 'insyn-search-records-';
const folderPrefix = (pid: number, session: string) => `${FOLDER}${pid}-${session}-`;

/**
 * Where the folder can go, in order: memory (`/dev/shm`, where it exists and can be written: 40,000 files take 0.5 s
 * to write there and 4 s on this machine's disk), then the system's temporary folder. Chosen by what exists, not by
 * free space, so that a machine always puts them in the same place: Pagefind reads a folder in its file system's
 * own order (tmpfs: as written; ext4: by a hash of the names), and that order is the index's.
 */
export function recordPlaces(): string[] {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return ['/dev/shm', tmpdir()];
  } catch {
    return [tmpdir()]; // no /dev/shm (Windows, macOS)
  }
}

/**
 * Removes the records' folders of processes that are gone (killed while Pagefind read them), and with `session`,
 * those of that session of this process (its thread ended, however).
 */
export async function sweepRecordFolders(session?: string): Promise<void> {
  const own = session === undefined ? null : folderPrefix(process.pid, session);
  for (const place of recordPlaces()) {
    for (const name of await readdir(place).catch(() => [] as string[])) {
      if (!name.startsWith(FOLDER)) continue;
      const owner = Number(name.slice(FOLDER.length).split('-')[0]);
      const gone = Number.isInteger(owner) && owner > 0 && owner !== process.pid && !alive(owner);
      if (gone || (own !== null && name.startsWith(own))) await rm(join(place, name), { recursive: true, force: true });
    }
  }
}

/**
 * Writes the records' pages into a new folder, in this thread (the search stage's own, search-pagefind.ts). A place
 * that turns out to be full or not writable is left for the next (a machine whose /dev/shm is too small for them
 * falls back every time). The folder's name holds this process's id and `session` (`sweepRecordFolders`).
 */
export async function writeRecordFolder(records: readonly SearchRecord[], session = 'x', places: readonly string[] = recordPlaces()): Promise<RecordFolder> {
  const files = records.map(recordFile);
  for (const [i, place] of places.entries()) {
    const dir = await mkdtemp(join(place, folderPrefix(process.pid, session))).catch((e: unknown) => {
      if (NOT_HERE.has(String((e as NodeJS.ErrnoException)?.code)) && i < places.length - 1) return null;
      throw e;
    });
    if (dir === null) continue;
    const remove = () => rm(dir, { recursive: true, force: true });
    try {
      writeRecordFiles(dir, files);
      return { dir, remove };
    } catch (e) {
      await remove();
      if (!NOT_HERE.has(String((e as NodeJS.ErrnoException)?.code)) || i === places.length - 1) throw e;
    }
  }
  throw new Error('no place to write the search records');
}

/** What makes a place unusable but not the next one. */
const NOT_HERE = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR']);
