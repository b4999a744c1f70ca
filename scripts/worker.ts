/**
 * A module of the build in a worker thread, run as the build itself runs (TypeScript through tsx), and what its
 * errors become in this thread. Used for work that goes on beside Eleventy: the suppliers' rows files
 * (scripts/index/rows-files.ts) and the search index's Pagefind session (scripts/site/search-pagefind.ts).
 */
import { Worker } from 'node:worker_threads';

/** Starts `entry` (a .ts module's URL) in a worker thread with `workerData`; null when no worker can be started. */
export function startWorker(entry: URL, workerData: unknown): Worker | null {
  try {
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry.href)});`;
    return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData });
  } catch {
    return null;
  }
}

/** An error as a worker posts it: plain data. */
export interface WorkerError {
  error: string;
  code?: string;
  path?: string;
}

export function toWorkerError(e: unknown): WorkerError {
  const err = e as NodeJS.ErrnoException;
  return { error: String(err?.message ?? e), ...(err?.code ? { code: err.code } : {}), ...(err?.path ? { path: err.path } : {}) };
}

/** The worker's error as the same kind of error here (a full disk keeps its code: the build reports it as such). */
export function fromWorkerError(m: WorkerError): Error {
  return Object.assign(new Error(m.error), m.code ? { code: m.code } : {}, m.path ? { path: m.path } : {});
}
