/**
 * Download formats beside a period's published CSV (spec 1.1 columns, UTF-8, `,`, dot decimals, CRLF, a header):
 * each a writer with one interface, `write(sourceCsv, outPath)`, that reads the published CSV and writes the same
 * rows in its format, returning what the catalogue needs: path, bytes, SHA-256.
 *   - `parquetWriter` (parquet.ts): Parquet with ZSTD, typed (belopp DECIMAL(18,2), datum DATE when every value
 *     is a full date), written by DuckDB. For DuckDB, pandas, R, Arrow.
 *   - `excelCsvWriter` (excel-csv.ts): CSV that Swedish Excel opens with a double-click: `;`, decimal comma,
 *     UTF-8 with BOM, CRLF, the published CSV's formula guard.
 * Both stream: memory does not grow with the rows. The values are those of the published CSV as they are (its
 * formula guard included: `'=HYPERLINK(…)` stays text in every format).
 *
 * Usage (scripts/pipeline/dataset.ts, per period, after the CSV is written):
 *   for (const w of DOWNLOAD_FORMATS) files.push(await w.write(csvPath, csvPath.replace(/\.csv$/, w.suffix)));
 */
import { excelCsvWriter } from './excel-csv.ts';
import { parquetWriter } from './parquet.ts';

export interface WrittenFile {
  /** As given to `write`. */
  path: string;
  bytes: number;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
}

export interface FormatWriter {
  /** What the catalogue and the page call it. */
  format: 'Parquet' | 'CSV';
  mediaType: string;
  /** What replaces `.csv` in the published file's name: `.parquet`, `.excel.csv`. */
  suffix: string;
  /** Reads the published CSV at `sourceCsv`, writes `outPath` (replacing it). */
  write(sourceCsv: string, outPath: string): Promise<WrittenFile>;
}

/** A published CSV that does not have the published form (a header, the same number of fields in every row…). */
export class SourceCsvError extends Error {
  override name = 'SourceCsvError';
}

export const DOWNLOAD_FORMATS: readonly FormatWriter[] = [parquetWriter, excelCsvWriter];
export { excelCsvWriter, parquetWriter };
