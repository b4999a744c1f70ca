/** The worker thread of rows-files.ts: writes the rows files it is given and says when it is done. */
import { parentPort, workerData } from 'node:worker_threads';
import { writeRowsFiles, type RowsFilesJob } from './rows-files.ts';

try {
  await writeRowsFiles(workerData as RowsFilesJob);
  parentPort?.postMessage({ ok: true });
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  parentPort?.postMessage({ error: String(err?.message ?? e), code: err?.code, path: err?.path });
}
