/** The worker thread of search-record-files.ts: writes the records' pages, says so, removes them when told. */
import { rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { toWorkerError } from '../worker.ts';
import { writeRecordFiles, type RecordFile } from './search-record-files.ts';

const job = workerData as { dir: string; files: RecordFile[] };
const port = parentPort;
if (port) {
  port.once('message', () => {
    rmSync(job.dir, { recursive: true, force: true });
    port.close();
  });
  try {
    writeRecordFiles(job.dir, job.files);
    port.postMessage({ written: true });
  } catch (e) {
    port.postMessage(toWorkerError(e));
  }
}
