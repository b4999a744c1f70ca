/**
 * Parquet (ZSTD) of a published CSV, written by DuckDB (`@duckdb/node-api`, its prebuilt binary from npm): the
 * columns of the CSV in its order, `belopp` as DECIMAL(18,2) (exact: DuckDB reads the decimal text, no float on
 * the way), `datum` as DATE when every value is a full date (YYYY-MM-DD) and VARCHAR otherwise (a month-only
 * `2024-01` is published as it is, never given a day), the rest VARCHAR; an empty field is NULL. DuckDB streams
 * from the CSV to the file in row groups, on one thread with a memory limit: measured 232 MB peak at 200,000
 * rows, 291 MB at 1,000,000 (two threads: 456 MB), 2 s for 1,000,000 rows (scripts/bench/formats.ts).
 * The CSV is read three times: its columns, a check of every amount and date, the copy.
 */
import { rm } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe } from './hash.ts';
import { SourceCsvError, type FormatWriter } from './index.ts';

const sql = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export const parquetWriter: FormatWriter = {
  format: 'Parquet',
  mediaType: 'application/vnd.apache.parquet',
  suffix: '.parquet',
  async write(sourceCsv, outPath) {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '128MB', preserve_insertion_order: 'true' });
    const db = await instance.connect();
    try {
      // Everything as text, in the published dialect; a row with another number of fields is an error.
      const source = `read_csv(${sql(sourceCsv)}, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true, strict_mode = true, auto_detect = true)`;
      const columns = (await db.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjects().map((r) => String(r.column_name));
      const checks: string[] = [];
      if (columns.includes('belopp')) checks.push(`count(*) FILTER (WHERE belopp IS NULL OR NOT regexp_full_match(belopp, '-?[0-9]{1,16}([.][0-9]{1,2})?')) AS bad_amounts`);
      if (columns.includes('datum')) checks.push(`count(*) FILTER (WHERE datum IS NULL OR NOT regexp_full_match(datum, '[0-9]{4}-[0-9]{2}-[0-9]{2}') OR try_cast(datum AS DATE) IS NULL) AS not_dates`);
      const found = checks.length ? (await db.runAndReadAll(`SELECT ${checks.join(', ')} FROM ${source}`)).getRowObjects()[0] : {};
      if (Number(found.bad_amounts ?? 0) > 0) throw new SourceCsvError(`${sourceCsv}: ${found.bad_amounts} belopp values are not amounts as published (at most 16 digits and 2 decimals)`);
      const dates = columns.includes('datum') && Number(found.not_dates) === 0;
      const select = columns
        .map((c) => (c === 'belopp' ? `CAST(belopp AS DECIMAL(18,2)) AS belopp` : c === 'datum' && dates ? `CAST(datum AS DATE) AS datum` : ident(c)))
        .join(', ');
      await rm(outPath, { force: true });
      await db.run(`COPY (SELECT ${select} FROM ${source}) TO ${sql(outPath)} (FORMAT parquet, COMPRESSION zstd)`);
    } catch (e) {
      await rm(outPath, { force: true });
      if (e instanceof SourceCsvError) throw e;
      throw new SourceCsvError(`${sourceCsv}: could not be written as Parquet (${(e as Error).message.split('\n')[0]})`);
    } finally {
      db.closeSync();
      instance.closeSync();
    }
    return describe(outPath);
  },
};
