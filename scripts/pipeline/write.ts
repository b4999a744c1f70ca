/**
 * Stage "write": published rows to files, streaming. Per period (calendar year, or `all` for a cumulative
 * dataset) one CSV (UTF-8, `,`, dot decimals, spec 1.1 column order) and one JSON file (an array of objects, one
 * row per line).
 *
 * Spreadsheet safety (CSV only): a text cell that starts with `=`, `+`, `-`, `@`, tab or carriage return would be
 * run as a formula by Excel or LibreOffice, so it is written with a leading apostrophe (`'=SUM(A1)`) and quoted.
 * `belopp` is a number and is never changed. The JSON files keep every value exactly as published.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { PublishedFile } from '../model.ts';
import { COL, SPEC_COLUMNS } from './columns.ts';
import type { PublishedRow } from './redact.ts';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
/** What starts like a formula but is none: a lone `-` (VGR's "no invoice number") and plain numbers (`-12.50`). */
const NOT_A_FORMULA = /^(?:-+|[+-]?\d+(?:[.,]\d+)?)$/;
const AMOUNT = COL.belopp;

/**
 * One CSV cell. A text value that a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab or CR first, other than a
 * lone `-` or a plain number) gets a leading apostrophe; numeric columns are never changed.
 */
export function csvCell(value: string, numeric: boolean): string {
  let v = value;
  if (!numeric && v !== '' && FORMULA_START.test(v) && !NOT_A_FORMULA.test(v)) v = `'${v}`;
  return NEEDS_QUOTES.test(v) || v !== value ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(row: PublishedRow): string {
  let line = csvCell(row[0], false);
  for (let c = 1; c < row.length; c++) line += `,${csvCell(row[c], c === AMOUNT)}`;
  return `${line}\r\n`;
}

const JSON_KEYS = SPEC_COLUMNS.map((c) => `${JSON.stringify(c)}:`);

/** Characters that JSON.stringify would escape (quotes, backslash, controls, surrogates): else quote as is. */
const JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

export function jsonLine(row: PublishedRow): string {
  let out = '{';
  for (let c = 0; c < row.length; c++) {
    if (c > 0) out += ',';
    out += JSON_KEYS[c];
    const v = row[c];
    out += c === AMOUNT ? v : JSON_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
  }
  return `${out}}`;
}

const FLUSH_AT = 64 * 1024;

/** A file written in large chunks, hashed as it is written. */
export class HashedFile {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private buffer = '';
  /** A write error (a full disk): kept, and thrown from the next call instead of crashing the process. */
  private error: Error | null = null;
  bytes = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (e: NodeJS.ErrnoException) => {
      e.path ??= path;
      this.error ??= e;
    });
  }

  write(text: string): void {
    if (this.error) throw this.error;
    this.buffer += text;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  /** Bytes as they are (a fragment copied into a data file). */
  writeBytes(buf: Buffer): void {
    if (this.error) throw this.error;
    this.flush();
    this.hash.update(buf);
    this.bytes += buf.length;
    this.stream.write(buf);
  }

  private flush(): void {
    if (this.buffer === '') return;
    const buf = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    this.hash.update(buf);
    this.bytes += buf.length;
    this.stream.write(buf);
  }

  get needsDrain(): boolean {
    return this.stream.writableNeedDrain;
  }

  drained(): Promise<void> {
    if (this.error) return Promise.reject(this.error);
    if (!this.needsDrain) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        if (this.error) reject(this.error);
        else resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
  }

  async close(): Promise<{ bytes: number; sha256: string }> {
    if (this.error) throw this.error;
    this.flush();
    await new Promise<void>((resolve, reject) => {
      if (this.error) return reject(this.error);
      this.stream.once('error', reject);
      this.stream.end(() => (this.error ? reject(this.error) : resolve()));
    });
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

interface PeriodFiles {
  csv: HashedFile;
  json: HashedFile;
  first: boolean;
}

/** Writes the published rows of one dataset, one CSV and one JSON file per period. */
export class PeriodWriters {
  private readonly open = new Map<string, PeriodFiles>();

  /**
   * @param dir absolute folder of the dataset in the output
   * @param relDir the same folder relative to the output root, with `/`
   * @param baseName file name stem (the dataset id)
   * @param cumulative one period `all` (files `<id>.csv`) instead of one per year (`<id>-2025.csv`)
   */
  constructor(
    private readonly dir: string,
    private readonly relDir: string,
    private readonly baseName: string,
    private readonly cumulative: boolean,
  ) {}

  fileStem(period: string): string {
    return this.cumulative ? this.baseName : `${this.baseName}-${period}`;
  }

  write(period: string, row: PublishedRow): void {
    let files = this.open.get(period);
    if (!files) {
      const stem = this.fileStem(period);
      files = { csv: new HashedFile(`${this.dir}/${stem}.csv`), json: new HashedFile(`${this.dir}/${stem}.json`), first: true };
      files.csv.write(`${SPEC_COLUMNS.join(',')}\r\n`);
      files.json.write('[\n');
      this.open.set(period, files);
    }
    files.csv.write(csvLine(row));
    files.json.write(files.first ? jsonLine(row) : `,\n${jsonLine(row)}`);
    files.first = false;
  }

  async drain(): Promise<void> {
    for (const f of this.open.values()) {
      await f.csv.drained();
      await f.json.drained();
    }
  }

  /** Closes every file and returns them by period (sorted), with sizes and SHA-256. */
  async close(): Promise<Map<string, PublishedFile[]>> {
    const out = new Map<string, PublishedFile[]>();
    for (const period of [...this.open.keys()].sort()) {
      const files = this.open.get(period) as PeriodFiles;
      files.json.write(files.first ? ']\n' : '\n]\n');
      const stem = this.fileStem(period);
      const csv = await files.csv.close();
      const json = await files.json.close();
      out.set(period, [
        { path: `${this.relDir}/${stem}.csv`, format: 'CSV', mediaType: 'text/csv', ...csv },
        { path: `${this.relDir}/${stem}.json`, format: 'JSON', mediaType: 'application/json', ...json },
      ]);
    }
    this.open.clear();
    return out;
  }
}

/**
 * A derived table (the full list of suppliers, accounts or departments) as CSV, written from values that came from
 * published rows. `numeric` marks the columns that hold numbers (never guarded against formulas).
 */
export async function writeTable(path: string, header: string[], numeric: boolean[], rows: Iterable<string[]>): Promise<{ bytes: number; sha256: string }> {
  const file = new HashedFile(path);
  file.write(`${header.join(',')}\r\n`);
  for (const r of rows) {
    let line = csvCell(r[0], numeric[0]);
    for (let c = 1; c < r.length; c++) line += `,${csvCell(r[c], numeric[c])}`;
    file.write(`${line}\r\n`);
    if (file.needsDrain) await file.drained();
  }
  return file.close();
}

/** A text file written in large chunks and hashed as it is written (write errors thrown, never crashing). */
export function openTextFile(path: string): HashedFile {
  return new HashedFile(path);
}

/** A CSV cell as it was published (already guarded), quoted when it must be (for copying published rows). */
export function quoteCsv(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
