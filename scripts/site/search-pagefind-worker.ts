/** The thread of the search stage's Pagefind session (search-pagefind.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { servePagefind, type PagefindConfig } from './search-pagefind.ts';
import type { SearchRecord } from './search.ts';

// Pagefind's library prints "Service stopped" and the error's stack trace when its process ends under it (killed,
// out of memory). The build says so itself, once, with what to do (SearchIndexError): no stack trace for it.
const printError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (args[0] !== 'Service stopped') printError(...args);
};

if (parentPort) servePagefind(parentPort, workerData as { config: PagefindConfig; records: SearchRecord[]; session: string });
