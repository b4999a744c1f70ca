// Benchmark reference, as a whole process: plain node and csv-parse over the file (records counted, nothing else).
// Plain JavaScript, so that it starts as fast as node can: what "bare csv-parse" costs a user.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const file = process.argv[2];
const started = process.hrtime.bigint();
let records = 0;
const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ delimiter: ';' }));
for await (const _record of parser) records++;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ records, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
