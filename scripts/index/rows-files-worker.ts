/** The worker thread of rows-files.ts: writes the rows files it is given and says when it is done. */
import { parentPort, workerData } from 'node:worker_threads';
import { toWorkerError } from '../worker.ts';
import { writeRowsFiles, type RowsFilesJob } from './rows-files.ts';

try {
  await writeRowsFiles(workerData as RowsFilesJob);
  parentPort?.postMessage({ ok: true });
} catch (e) {
  parentPort?.postMessage(toWorkerError(e));
}
