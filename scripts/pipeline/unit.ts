/**
 * One export file, published into a unit folder: what a dataset is assembled from (dataset.ts), and what the build
 * cache keeps per file, so that adding next month's export reads that export alone.
 *
 * A unit folder holds:
 * - `rows-<period>.csv` (and `rows-<period>.jsonl` when the dataset publishes JSON, each row after `,\n`): the
 *   file's published rows of each period, in file order, as lines of the period's data file;
 * - `suppliers.ndjson`, `accounts.ndjson`, `departments.ndjson`: the file's breakdown (aggregate.ts);
 * - `keys.bin`: the distinct keys of its rows, sorted (row-keys.ts), to find the same rows in two files;
 * - `unit.json`: the file's result (rows read, published, rejected, redacted; encoding; SHA-256), its report
 *   (listed problems capped per code, exact counts, notes), its totals by month and period, and the first rows.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetMetadata, Publisher } from '../model.ts';
import type { Safe } from '../privacy/safe.ts';
import { Aggregator, type TotalsData } from './aggregate.ts';
import { runFile, type FileResult } from './pipeline.ts';
import { Report, type ReportPart } from './report.ts';
import { RowKeyWriter } from './row-keys.ts';
import { csvLine, jsonLine, openTextFile, type HashedFile } from './write.ts';

export const PREVIEW_ROWS = 10;

export interface FileUnit {
  result: FileResult;
  report: ReportPart;
  totals: TotalsData;
  /** The periods the file has rows in, with how many (the fragments `rows-<key>.csv`). */
  periods: { key: string; rows: number }[];
  /** The first published rows (already redacted), for the landing page's preview. */
  preview: string[][];
  /** Some dates are months only (`2024-01`). */
  monthOnly: boolean;
  /** Distinct row keys in keys.bin. */
  keys: number;
  /** Whether the unit holds JSON fragments too. */
  json: boolean;
}

export interface UnitOptions {
  metadata: DatasetMetadata;
  publisher: Publisher;
  /** Write JSON fragments (the dataset publishes per-row JSON). */
  json: boolean;
  onProgress?(bytesRead: number, totalBytes: number, rows: number): void;
}

/** A dataset's period of a date: the year, or `all` for a cumulative dataset. */
export function periodOf(metadata: DatasetMetadata): (date: string) => string {
  return metadata.series === 'cumulative' ? () => 'all' : (date: string) => date.slice(0, 4);
}

export const fragment = (dir: string, period: string, kind: 'csv' | 'jsonl') => join(dir, `rows-${period}.${kind}`);

/** Runs one export file through the pipeline into `dir` (an empty folder). Throws UnusableFileError. */
export async function runUnit(path: string, displayName: Safe, dir: string, opts: UnitOptions): Promise<FileUnit> {
  const { metadata } = opts;
  const period = periodOf(metadata);
  const report = new Report();
  const aggregator = new Aggregator(period);
  const keys = new RowKeyWriter(join(dir, 'keys.bin'));
  const open = new Map<string, { csv: HashedFile; json: HashedFile | null; rows: number }>();
  const preview: string[][] = [];
  let monthOnly = false;
  try {
    const result = await runFile(path, displayName, {
      columns: metadata.columns,
      multilineValues: metadata.multilineValues,
      decimalMark: metadata.decimalMark,
      period: metadata.period,
      sheet: metadata.sheet,
      publisher: opts.publisher,
      report,
      aggregator,
      onRow(row, checked) {
        const key = period(checked.date);
        let f = open.get(key);
        if (!f) open.set(key, (f = { csv: openTextFile(fragment(dir, key, 'csv')), json: opts.json ? openTextFile(fragment(dir, key, 'jsonl')) : null, rows: 0 }));
        f.csv.write(csvLine(row));
        f.json?.write(`,\n${jsonLine(row)}`);
        f.rows++;
        keys.add(row);
        if (checked.date.length === 7) monthOnly = true;
        if (preview.length < PREVIEW_ROWS) preview.push(row.slice());
      },
      onProgress: opts.onProgress,
      async drain() {
        for (const f of open.values()) {
          await f.csv.drained();
          await f.json?.drained();
        }
      },
    });
    const periods: FileUnit['periods'] = [];
    for (const key of [...open.keys()].sort()) {
      const f = open.get(key) as { csv: HashedFile; json: HashedFile | null; rows: number };
      await f.csv.close();
      await f.json?.close();
      periods.push({ key, rows: f.rows });
    }
    open.clear();
    const distinct = keys.close();
    await (aggregator.breakdown as NonNullable<Aggregator['breakdown']>).write(dir);
    const unit: FileUnit = { result, report: report.toPart(), totals: aggregator.totals.toData(), periods, preview, monthOnly, keys: distinct, json: opts.json };
    await writeFile(join(dir, 'unit.json'), JSON.stringify(unit));
    return unit;
  } finally {
    for (const f of open.values()) {
      await f.csv.close().catch(() => {});
      await f.json?.close().catch(() => {});
    }
  }
}

/** A unit folder's unit.json (the caller has verified the folder). */
export async function loadUnit(dir: string): Promise<FileUnit> {
  return JSON.parse(await readFile(join(dir, 'unit.json'), 'utf8')) as FileUnit;
}
