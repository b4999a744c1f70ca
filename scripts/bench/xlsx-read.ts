/**
 * One measured process of the xlsx benchmark: `xlsx-read.ts FILE` reads the workbook's sheet with the xlsx source
 * (rows counted, nothing else); `xlsx-read.ts FILE --bare` is the reference: the same zip entry inflated and parsed
 * by saxes with no cell handling (what any reader on these libraries must spend at least). Prints
 * `{ records, seconds, maxRssMB }` (maxRSS is getrusage's ru_maxrss, the figure `/usr/bin/time -v` reports).
 */
import { SaxesParser } from 'saxes';
import { safe } from '../privacy/safe.ts';
import { readWorkbook } from '../pipeline/sources/xlsx.ts';
import { openZip } from '../pipeline/sources/zip.ts';

const file = process.argv[2];
const bare = process.argv.includes('--bare');
const started = process.hrtime.bigint();
let records = 0;
if (bare) {
  const zip = await openZip(file);
  const entry = [...zip.entries.entries()].find(([name]) => /^xl\/worksheets\/[^/]+\.xml$/.test(name))?.[1];
  if (!entry) throw new Error('no sheet');
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag) => {
    if (tag.name === 'row') records++;
  });
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of zip.chunks(entry)) parser.write(decoder.decode(chunk, { stream: true }));
  parser.close();
  zip.close();
} else {
  await readWorkbook(file, safe(file), {
    onRecord: () => {
      records++;
    },
  });
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ records, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
