/** The thread of the search stage's Pagefind session (search-pagefind.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { servePagefind, type PagefindConfig } from './search-pagefind.ts';
import type { SearchRecord } from './search.ts';

if (parentPort) servePagefind(parentPort, workerData as { config: PagefindConfig; records: SearchRecord[]; session: string });
