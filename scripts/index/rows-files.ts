/**
 * Stage "index", its last step: each supplier's rows file (`leverantorer/<slug>.csv`: the spec's header, then its
 * rows dataset by dataset in the order they were published), written from the index parts' bucket files one bucket
 * at a time (a supplier's rows are in the same bucket in every part): memory holds one bucket of every part, about
 * 1/ROW_BUCKETS of the rows.
 *
 * The site needs only each file's path and size, known from the parts before a byte is written, so the files are
 * written in a worker thread while Eleventy writes the pages (20,000 files: 2.4 s of the main thread otherwise).
 * Each file's size is checked against the one the page shows.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromWorkerError, startWorker, type WorkerError } from '../worker.ts';
import { bucketOf, ROW_BUCKETS, ROWS_HEADER } from './dataset-index.ts';

/** What the worker is given: plain data. */
export interface RowsFilesJob {
  /** The index parts' folders (their `rows/<bucket>.csv`), in the order the suppliers' `parts` count them. */
  dirs: string[];
  /** Each file to write: below `outDir`, the supplier's rows as (part, ordinal there), the size it must have. */
  files: { key: string; path: string; parts: [number, number][]; bytes: number }[];
  outDir: string;
}

/** The size of a supplier's rows file from the sizes of its rows (DatasetIndexFile's `rowBytes`). */
export const rowsFileBytes = (rowBytes: number): number => Buffer.byteLength(ROWS_HEADER) + rowBytes;

export async function writeRowsFiles(job: RowsFilesJob): Promise<void> {
  await mkdir(join(job.outDir, 'leverantorer'), { recursive: true });
  const inBuckets = Array.from({ length: ROW_BUCKETS }, () => [] as RowsFilesJob['files']);
  for (const f of job.files) inBuckets[bucketOf(f.key)].push(f);
  for (let b = 0; b < ROW_BUCKETS; b++) {
    const byPart = new Map<string, string>();
    for (const f of inBuckets[b]) for (const [part, ordinal] of f.parts) byPart.set(`${part}:${ordinal}`, f.key);
    if (!byPart.size) continue;
    const inBucket = new Map<string, Buffer[]>();
    for (const [part, dir] of job.dirs.entries()) {
      const path = join(dir, 'rows', `${b}.csv`);
      if (!existsSync(path)) continue;
      const bytes = await readFile(path);
      let at = 0;
      while (at < bytes.length) {
        const nl = bytes.indexOf(0x0a, at);
        const [ordinal, size] = bytes.toString('latin1', at, nl).split(' ');
        const start = nl + 1;
        const end = start + Number(size);
        at = end;
        const key = byPart.get(`${part}:${ordinal}`);
        if (key === undefined) continue;
        let lines = inBucket.get(key);
        if (!lines) inBucket.set(key, (lines = []));
        lines.push(bytes.subarray(start, end));
      }
    }
    for (const f of inBuckets[b]) {
      const bytes = Buffer.concat([Buffer.from(ROWS_HEADER), ...(inBucket.get(f.key) ?? [])]);
      if (bytes.length !== f.bytes) throw new Error(`${f.path}: ${bytes.length} bytes, not the ${f.bytes} its page shows (the index parts disagree)`);
      // Synchronously: 20,000 small files, each a round trip to the thread pool otherwise.
      writeFileSync(join(job.outDir, f.path), bytes);
    }
  }
}

/**
 * Starts writing the rows files in a worker thread (TypeScript through tsx, as the build itself runs); in this
 * thread when a worker cannot be started. The promise settles when every file is written.
 */
export function writeRowsFilesBeside(job: RowsFilesJob): Promise<void> {
  if (!job.files.length) return writeRowsFiles(job);
  const worker = startWorker(new URL('./rows-files-worker.ts', import.meta.url), job);
  if (!worker) return writeRowsFiles(job);
  return new Promise<void>((resolve, reject) => {
    let done = false;
    worker.on('message', (m: { ok: true } | WorkerError) => {
      done = true;
      if ('ok' in m) resolve();
      else reject(fromWorkerError(m));
    });
    worker.on('error', (e) => {
      done = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!done) reject(new Error(`the suppliers' rows files could not be written (the worker stopped, ${code})`));
    });
  });
}
