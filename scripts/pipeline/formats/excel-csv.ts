/**
 * CSV for Swedish Excel: `;` between fields (Excel's list separator in Swedish), decimal comma in `belopp`,
 * UTF-8 with a BOM (so that å, ä, ö show right on a double-click), CRLF, a header. Text cells get the published
 * CSV's formula guard (scripts/pipeline/write.ts `csvCell`: a leading apostrophe before `=`, `+`, `-`, `@`, tab
 * or CR), which the published values already carry, so it is applied as they are; `belopp` is never changed but
 * for its decimal mark. Streams the source row by row.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { csvCell } from '../write.ts';
import { describe } from './hash.ts';
import { SourceCsvError, type FormatWriter } from './index.ts';

/** One cell for `;`: the guard of `csvCell`, then quoted when it holds `;`, `"`, CR or LF (or was guarded). */
export function excelCell(value: string, numeric: boolean): string {
  if (numeric) return value.replace('.', ',');
  const guarded = csvCell(value, false);
  const raw = guarded.startsWith('"') ? guarded.slice(1, -1).replace(/""/g, '"') : guarded;
  return raw !== value || /[";\r\n]/.test(raw) ? `"${raw.replace(/"/g, '""')}"` : raw;
}

export const excelCsvWriter: FormatWriter = {
  format: 'CSV',
  mediaType: 'text/csv',
  suffix: '.excel.csv',
  async write(sourceCsv, outPath) {
    const out = createWriteStream(outPath);
    const done = once(out, 'finish');
    out.on('error', () => {}); // reported by `done`
    const parser = createReadStream(sourceCsv).pipe(parse({ delimiter: ',', bom: true, relax_column_count: false }));
    let amount = -1;
    let first = true;
    try {
      out.write('\ufeff');
      for await (const record of parser as AsyncIterable<string[]>) {
        const header = first;
        if (header) {
          amount = record.indexOf('belopp');
          first = false;
        } else if (amount >= 0 && !/^-?\d+(?:\.\d{1,2})?$/.test(record[amount])) {
          throw new SourceCsvError(`${sourceCsv}: belopp ${JSON.stringify(record[amount])} is not an amount as published`);
        }
        const line = `${record.map((v, i) => excelCell(v, !header && i === amount)).join(';')}\r\n`;
        if (!out.write(line)) await once(out, 'drain');
      }
      if (first) throw new SourceCsvError(`${sourceCsv}: empty (no header)`);
    } catch (e) {
      done.catch(() => {});
      out.destroy();
      await rm(outPath, { force: true });
      throw e instanceof SourceCsvError ? e : new SourceCsvError(`${sourceCsv}: ${(e as Error).message}`);
    }
    out.end();
    await done;
    return describe(outPath);
  },
};
