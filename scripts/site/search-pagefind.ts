/**
 * The search stage's Pagefind session (scripts/site/search.ts): Pagefind (a process of its own) given the records
 * as soon as they are known, then the built pages, then told to write the index. Records first, then pages, always
 * in that order, and the pages one by one in the order of their paths: Pagefind numbers what it is given in the
 * order it reads it, and reading a folder (`addDirectory`) goes in its file system's own order (ext4: by a hash
 * of the names, seeded per file system), so the same site written on two disks gave two different indexes (21 of
 * the sample's files). The records' folder is written in their order into memory (/dev/shm), which reads back in
 * the order written (search-record-files.ts).
 *
 * The session runs in a thread of its own (search-pagefind-worker.ts): while Eleventy renders, the build's thread
 * answers nothing for seconds at a time (its pages are one long run of promises), and each step of the session
 * (the records' files written, Pagefind's answer to one request before the next) waits for a turn of that thread.
 * Measured in the month bench: the records, ready on the other core in 2 s, were in the index only after Eleventy.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { close, createIndex, type PagefindIndex } from 'pagefind';
import { randomBytes } from 'node:crypto';
import { fromWorkerError, startWorker, toWorkerError, type WorkerError } from '../worker.ts';
import { sweepRecordFolders, writeRecordFolder } from './search-record-files.ts';
import type { SearchRecord } from './search.ts';

/** The index could not be built (Pagefind failed, stopped, or is not installed for this platform): never an Insyn bug. */
export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

export type PagefindConfig = { maxFragments: number; excludeSelectors: string[] };

export interface PagefindCounts {
  /** Built pages indexed and records added. */
  pages: number;
  records: number;
  /** The index as written: files and bytes under its folder. */
  files: number;
  bytes: number;
}

export interface PagefindSession {
  /** Adds the built pages in `sections` (folders below `siteDir`) and writes the index to `outputPath`; then stops. */
  finish(siteDir: string, outputPath: string, sections: readonly string[]): Promise<PagefindCounts>;
  /** Stops Pagefind without writing anything (the build failed before the index was written). */
  stop(): Promise<void>;
}

/** An element with Pagefind's `data-pagefind-body` attribute. */
const MARKED = /<[a-z][^<>]*\sdata-pagefind-body(?:[\s=>\/])/i;

/** Pagefind's own search interfaces: the search page has its own (content/assets/search.js). */
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\.(?:js|css)$/;

/** The session in a thread of its own; in this thread when no worker can be started. */
export function startPagefindBeside(config: PagefindConfig, records: SearchRecord[]): PagefindSession {
  // Names the records' folder, so that this thread removes what the session's thread left, however it ended.
  const session = randomBytes(4).toString('hex');
  const worker = startWorker(new URL('./search-pagefind-worker.ts', import.meta.url), { config, records, session });
  if (!worker) return startPagefindHere(config, records, session);
  let failure: Error | null = null;
  // For the worker's whole life: an error in its thread is the session's failure, never this process's end.
  worker.on('error', (e) => void (failure ??= e));
  const ended = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      failure ??= new SearchIndexError('the search index could not be made: Pagefind stopped before it was written. Run the build again; if it stops again, see whether the machine ran out of memory.');
      void sweepRecordFolders(session).finally(resolve);
    }),
  );
  type Answer = { type: 'finished'; counts: PagefindCounts } | { type: 'stopped' } | { type: 'failed'; error: WorkerError & { name?: string } };
  const ask = (message: object) =>
    new Promise<Answer>((resolve, reject) => {
      if (failure) return reject(failure);
      const done = () => {
        worker.off('message', onMessage);
        worker.off('exit', onEnd);
        worker.off('error', onEnd);
      };
      const onMessage = (m: Answer) => {
        done();
        if (m.type !== 'failed') resolve(m);
        else reject(m.error.name === 'SearchIndexError' ? new SearchIndexError(m.error.error) : fromWorkerError(m.error));
      };
      const onEnd = () => {
        done();
        reject(failure ?? new SearchIndexError('the search index could not be made: Pagefind stopped before it was written. Run the build again; if it stops again, see whether the machine ran out of memory.'));
      };
      worker.on('message', onMessage);
      worker.on('exit', onEnd);
      worker.on('error', onEnd);
      worker.postMessage(message);
    });
  return {
    async finish(siteDir, outputPath, sections) {
      try {
        const answer = await ask({ type: 'finish', siteDir, outputPath, sections });
        return (answer as { counts: PagefindCounts }).counts;
      } finally {
        await ended;
      }
    },
    async stop() {
      await ask({ type: 'stop' }).catch(() => {});
      await ended;
    },
  };
}

/** The session in this thread: the records go to Pagefind now; `finish` or `stop` later. */
export function startPagefindHere(config: PagefindConfig, list: SearchRecord[], session: string): PagefindSession {
  let index: PagefindIndex | null = null;
  const added = (async () => {
    const created = await createIndex(config).catch((e: unknown) => {
      throw new SearchIndexError(`the search index could not be started (Pagefind: ${e instanceof Error ? e.message : String(e)}). Run npm ci: it installs Pagefind's program for this platform.`);
    });
    if (!created.index) throw new SearchIndexError(`the search index could not be started: ${created.errors.join('; ')}`);
    index = created.index;
    return addRecords(index, list, session);
  })();
  added.catch(() => {}); // reported by finish
  const stop = async () => {
    await (await added.catch(() => null))?.removed;
    await index?.deleteIndex().catch(() => {});
    await close().catch(() => {});
  };
  return {
    stop,
    async finish(siteDir, outputPath, sections) {
      try {
        const { records } = await added;
        const ready = index as PagefindIndex | null;
        if (!ready) throw new SearchIndexError('the search index could not be started');
        // One by one, in the order of their paths, whatever order the file system lists them in; only those that
        // mark what is to be found (data-pagefind-body, as the records do). Pagefind leaves out a page without the
        // mark when others have it, but a page given this way replaces a record of the same URL first (an account's
        // page and its record).
        let pages = 0;
        for (const page of await sectionPages(siteDir, sections)) {
          const content = await readFile(join(siteDir, page), 'utf8');
          if (!MARKED.test(content)) continue;
          check(`the built page ${page} could not be indexed`, (await ready.addHTMLFile({ sourcePath: page, content }).catch(stopped)).errors);
          pages++;
        }
        check('the search index could not be written', (await ready.writeFiles({ outputPath }).catch(stopped)).errors);
        const size = await removeUnused(outputPath);
        return { pages, records, ...size };
      } finally {
        await stop();
      }
    },
  };
}

/**
 * Adds the records: written as pages into a folder of their own and read at once (search-record-files.ts: Pagefind's
 * own way of adding a record costs more with every record already added). The folder is removed as soon as it is
 * read, while Pagefind goes on (`removed`, awaited when the session stops).
 */
async function addRecords(index: PagefindIndex, records: readonly SearchRecord[], session: string): Promise<{ records: number; removed: Promise<void> }> {
  if (!records.length) return { records: 0, removed: Promise.resolve() };
  await sweepRecordFolders(); // those of builds killed while Pagefind read them
  const folder = await writeRecordFolder(records, session).catch((e: unknown) => {
    // A full disk keeps its code (the build reports it as such); anything else is a record the index cannot take.
    throw (e as NodeJS.ErrnoException)?.code ? e : new SearchIndexError(e instanceof Error ? e.message : String(e));
  });
  let added: Awaited<ReturnType<PagefindIndex['addDirectory']>>;
  try {
    added = await index.addDirectory({ path: folder.dir }).catch(stopped);
  } catch (e) {
    await folder.remove();
    throw e;
  }
  const removed = folder.remove();
  removed.catch(() => {}); // what is left is removed when the session's thread ends
  if (added.errors.length) {
    await removed;
    check('the search records could not be indexed', added.errors);
  }
  return { records: added.page_count, removed };
}

/** A Pagefind request that failed without an answer: its process ended (killed, out of memory) or cannot be reached. */
function stopped(e: unknown): never {
  if ((e as NodeJS.ErrnoException)?.code || e instanceof SearchIndexError) throw e;
  throw new SearchIndexError(`Pagefind stopped while making the search index (${e instanceof Error ? e.message : String(e)}). Run the build again; if it stops again, see whether the machine ran out of memory.`);
}

function check(what: string, errors: string[]): void {
  if (errors.length) throw new SearchIndexError(`${what}: ${errors.join('; ')}`);
}

/** The HTML files in `sections` (folders below `siteDir`), as paths relative to it with `/`, sorted. */
export async function sectionPages(siteDir: string, sections: readonly string[]): Promise<string[]> {
  const pages: string[] = [];
  for (const section of sections) {
    const entries = await readdir(join(siteDir, section), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isFile() && e.name.endsWith('.html')) pages.push(relative(siteDir, join(e.parentPath, e.name)).split(sep).join('/'));
  }
  return pages.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Removes Pagefind's own interfaces from the output; the size of what stays. */
async function removeUnused(dir: string): Promise<{ files: number; bytes: number }> {
  for (const name of await readdir(dir)) if (UNUSED.test(name)) await rm(join(dir, name));
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

/** In the session's thread (search-pagefind-worker.ts): the session, answering `finish` or `stop` once, then ending. */
export function servePagefind(port: { postMessage(m: unknown): void; once(event: 'message', f: (m: { type: string; siteDir?: string; outputPath?: string; sections?: string[] }) => void): void; close(): void }, job: { config: PagefindConfig; records: SearchRecord[]; session: string }): void {
  const session = startPagefindHere(job.config, job.records, job.session);
  port.once('message', (m) => {
    const work =
      m.type === 'finish'
        ? session.finish(String(m.siteDir), String(m.outputPath), m.sections ?? []).then((counts) => ({ type: 'finished', counts }))
        : session.stop().then(() => ({ type: 'stopped' }));
    void work
      .catch((e: unknown) => ({ type: 'failed', error: { ...toWorkerError(e), name: e instanceof SearchIndexError ? 'SearchIndexError' : undefined } }))
      .then((answer) => {
        port.postMessage(answer);
        port.close();
      });
  });
}
