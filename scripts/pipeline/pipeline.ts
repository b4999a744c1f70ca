/**
 * The pipeline for one export file, as a short line of named stages:
 * read (read.ts: CSV or workbook) → map (columns.ts) → parse and check (parse.ts, check.ts) → redact (redact.ts) →
 * aggregate (aggregate.ts) → write (write.ts, through `onRow`). A record flows forward through them once.
 * Used by `validate` (no writing) and by the build (dataset.ts).
 *
 * Amounts are read by the file's decimal mark, decided by the first amount that shows it (`136.98`, `1 234,50`):
 * rows whose amount could be read two ways (`35,000`) wait, in file order, until a later row shows the mark (at
 * most AMBIGUOUS_LIMIT rows); a file where no amount shows it is unusable, with what to do.
 */
import type { Publisher } from '../model.ts';
import type { Aggregator } from './aggregate.ts';
import { checkRecord, fileContext, fileNotes, type CheckedRow, type FileContext } from './check.ts';
import { ALIASES, headerScore, mapHeader, SPEC_COLUMNS, type SpecColumn } from './columns.ts';
import { parseAmount, periodFromName, type DecimalMark } from './parse.ts';
import { readExport, UnusableFileError, type Delimiter, type ReadInfo } from './read.ts';
import { Redactor, type PublishedRow, type Redaction } from './redact.ts';
import type { Report } from './report.ts';
import { msg, quoted, safe, safeJoin, trusted, type Safe } from '../privacy/safe.ts';

export interface FileOptions {
  /** The dataset's column mapping (header or `#position` → spec column). */
  columns?: Record<string, string>;
  /** The dataset's exports have values over several lines (`multilineValues` in dataset.json). */
  multilineValues?: boolean;
  /** The decimal mark of the dataset's exports when no amount shows it (`decimalMark` in dataset.json). */
  decimalMark?: DecimalMark;
  /** The month of exports without a date column whose name holds none (`period` in dataset.json, `YYYY-MM`). */
  period?: string;
  /** The workbook sheet to read (`sheet` in dataset.json). */
  sheet?: string;
  /** The file's own name (for the month in it), when `path` is not enough. */
  fileName?: string;
  /** Compute the file's SHA-256 while reading (default true; validate does not need it). */
  hash?: boolean;
  /** The dataset's publisher: fills buyer columns the export lacks, and checks `kopare_id`. */
  publisher?: Publisher;
  report: Report;
  aggregator: Aggregator;
  /** Receives each published (checked and redacted) row. */
  onRow?(row: PublishedRow, checked: CheckedRow, redaction: Redaction): void;
  onProgress?(bytesRead: number, totalBytes: number, rows: number): void;
  drain?(): Promise<void> | void;
}

export interface FileResult {
  file: Safe;
  encoding: string;
  delimiter: Delimiter | null;
  /** The sheet read, for a workbook (made safe: a sheet name is text from the file). */
  sheet?: Safe;
  bytes: number;
  /** SHA-256 of the file as read. */
  sha256: string;
  rows: number;
  valid: number;
  rejected: number;
  redacted: number;
}

export const DELIMITER_NAMES: Record<Delimiter, string> = { ';': 'semicolon', ',': 'comma', '\t': 'tab', '|': 'vertical bar' };

/** Rows whose amount can be read two ways that may wait for a later row to show the decimal mark. */
export const AMBIGUOUS_LIMIT = 20_000;

/** Runs one file through the pipeline. Throws UnusableFileError when the file cannot be used at all. */
export async function runFile(path: string, displayName: Safe, opts: FileOptions): Promise<FileResult> {
  const { report, aggregator } = opts;
  let ctx: FileContext | null = null;
  let rows = 0;
  let valid = 0;
  let rejected = 0;
  let redacted = 0;
  let maskedRow = 0;
  let maskedLine = 0;
  const redactor = new Redactor((column, original) =>
    report.warn(displayName, maskedRow, maskedLine, trusted(SPEC_COLUMNS[column]), 'personnummer_masked', msg`A personnummer in this column was replaced by a mask.`, original),
  );

  let invalidBytes = false;
  let amountIndex = -1;
  let waiting: [string[], number, number][] = [];

  const process = (fields: string[], rowNo: number, line: number) => {
    const c = ctx as FileContext;
    if (invalidBytes) {
      const bad = fields.findIndex((f) => f.includes('\uFFFD'));
      if (bad >= 0) report.warn(displayName, rowNo, line, c.mapping.sourceColumnName(bad), 'invalid_bytes', msg`This row holds bytes that are not valid UTF-8 (shown as \uFFFD).`, fields[bad]);
    }
    const checked = checkRecord(fields, rowNo, line, c);
    if (checked === null) {
      rejected++;
      return;
    }
    maskedRow = rowNo;
    maskedLine = line;
    const { row, why } = redactor.redact(checked.row);
    if (why !== null) redacted++;
    valid++;
    aggregator.add(row, checked.ore, checked.date, why !== null);
    opts.onRow?.(row, checked, why);
  };

  const info = await readExport(
    path,
    displayName,
    {
      onHeader(header, readInfo) {
        ctx = headerContext(header, readInfo, displayName, opts, path);
        amountIndex = ctx.mapping.sourceIndex.belopp;
        invalidBytes = readInfo.invalidBytes;
        if (readInfo.noBom) report.note(displayName, 'utf16_without_bom', msg`The file is ${trusted(readInfo.encoding)} without a byte order mark; it was recognised and read as ${trusted(readInfo.encoding)}.`);
        if (invalidBytes) {
          report.note(displayName, 'invalid_bytes', msg`The file is UTF-8 but some bytes are not valid UTF-8 (a character from another encoding, or a file cut off inside a character). They are shown as \uFFFD and the rows are listed as warnings: check them in the finance system.`);
        }
        if (readInfo.sepLine) report.note(displayName, 'sep_line', msg`The file starts with Excel's "sep=${trusted(readInfo.delimiter === '\t' ? '\\t' : (readInfo.delimiter ?? ''))}" line; it names the separator and was not read as data.`);
        const above = readInfo.skippedLines - (readInfo.sepLine ? 1 : 0);
        if (above > 0) {
          report.note(displayName, 'header_below_heading', msg`The header row is on line ${readInfo.headerLine}; the ${above} line(s) above it (a report title, a period, blank lines) were not read as data.`);
        }
      },
      onRecord(fields, rowNo, line) {
        const c = ctx as FileContext;
        rows++;
        if (c.mark === null && amountIndex >= 0 && amountIndex < fields.length) {
          const amount = parseAmount(fields[amountIndex].trim());
          if (!amount.ok && amount.code === 'amount_ambiguous') {
            waiting.push([fields, rowNo, line]);
            if (waiting.length > AMBIGUOUS_LIMIT) throw ambiguous(displayName, waiting);
            return;
          }
          if (amount.reveals) {
            c.mark = amount.reveals;
            c.markSeen = { line, value: fields[amountIndex].trim() };
            const before = waiting;
            waiting = [];
            for (const [f, r, l] of before) process(f, r, l);
          }
        }
        process(fields, rowNo, line);
      },
      onProgress: opts.onProgress,
      drain: opts.drain,
    },
    { headerScore: (fields) => headerScore(fields, opts.columns), multilineValues: opts.multilineValues, sheet: opts.sheet, hash: opts.hash },
  );
  if (waiting.length) throw ambiguous(displayName, waiting);
  if (ctx) fileNotes(ctx);
  if (rows === 0) report.note(displayName, 'no_rows', msg`The file has a header but no data rows.`);
  return { file: displayName, encoding: info.encoding, delimiter: info.delimiter, sheet: info.sheet === undefined ? undefined : safe(info.sheet), bytes: info.bytes, sha256: info.sha256, rows, valid, rejected, redacted };
}

/** A file whose amounts can be read two ways, with nothing in it that shows which. */
function ambiguous(file: Safe, waiting: [string[], number, number][]): UnusableFileError {
  const [, , line] = waiting[0];
  return new UnusableFileError(
    file,
    msg`The amounts cannot be read for sure: a value like the one on line ${line} can be thousands with a separator (35,000 = 35 000 kronor) or kronor with three decimals, and no amount in the file shows which mark it uses (like 136.98 or 1 234,50). Export amounts with two decimals, or say which mark the exports use with "decimalMark": "," (or ".") in dataset.json.`,
    line,
  );
}

/** Maps the header and decides what to fill in; throws when the file lacks what no row can do without. */
function headerContext(header: string[], info: ReadInfo, file: Safe, opts: FileOptions, path: string): FileContext {
  const { report, publisher } = opts;
  const headerLine = info.headerLine;
  const mapping = mapHeader(header, opts.columns);
  const has = (c: SpecColumn) => mapping.sourceIndex[c] >= 0;
  const fileName = opts.fileName ?? path.split(/[\\/]/).pop() ?? '';
  const period = !has('datum') ? (periodFromName(fileName) ?? opts.period ?? null) : null;
  const missing: Safe[] = [];
  const aliases = (c: SpecColumn) => safeJoin(ALIASES[c].map((a) => quoted(a)), ', ');
  if (!has('belopp')) missing.push(msg`belopp, the amount (read from ${aliases('belopp')})`);
  if (!has('datum') && period === null) {
    missing.push(msg`datum, the booking date (read from ${aliases('datum')}; an export without dates can name its month in the file name, like 2016-03.csv, or in dataset.json as "period": "2016-03")`);
  }
  if (!has('leverantor') && !has('leverantor_id')) missing.push(msg`leverantor or leverantor_id, the supplier (read from ${aliases('leverantor')} or ${aliases('leverantor_id')})`);
  if (missing.length) {
    const shown = safeJoin(header.slice(0, 30).map((h) => quoted(h.trim(), 60)), ', ');
    throw new UnusableFileError(
      file,
      msg`Required columns are missing: ${safeJoin(missing, '; ')}. The header (line ${headerLine}) has: ${shown}${header.length > 30 ? msg` and ${header.length - 30} more` : msg``}. Export these columns, or map your header names to them with "columns" in the dataset.json (e.g. "columns": { "Bokf.dat": "datum" }).`,
      headerLine,
    );
  }
  if (mapping.unknown.length) {
    report.note(file, 'unknown_columns', msg`Columns that are not in the specification were left out of the published data: ${listed(mapping.unknown)}.`);
  }
  if (mapping.duplicates.length) {
    report.note(file, 'duplicate_columns', msg`These columns repeat a column found earlier in the header and were left out: ${listed(mapping.duplicates)}.`);
  }
  const renamed = mapping.mapped.filter((m) => m.how !== 'spec');
  if (renamed.length) {
    report.note(
      file,
      'header_mapping',
      msg`Columns read by another name: ${safeJoin(renamed.map((m) => msg`${quoted(m.header, 60)} → ${trusted(m.column)}${m.how === 'dataset' ? msg` (dataset.json)` : m.how === 'pair' ? msg` (the second of two columns with that name)` : msg``}`), ', ')}.`,
    );
  }

  const fill: Partial<Record<SpecColumn, string>> = {};
  const absent = SPEC_COLUMNS.filter((c) => !has(c));
  const splitAccount = !has('konto_text') && has('konto_nr');
  // Spec 1.0 had no kopare_id: its kopare column held the buyer's organisation number.
  const buyerNumberInName = !has('kopare_id') && has('kopare');
  if (period !== null) fill.datum = period;
  if (publisher) {
    if (!has('kopare_id')) fill.kopare_id = publisher.orgNumber.replace('-', '');
    if (!has('kopare')) fill.kopare = publisher.name;
    if (!has('kommun_id') && publisher.type === 'municipality' && publisher.municipalityCode) fill.kommun_id = publisher.municipalityCode;
  }
  const required = new Set(['kopare_id', 'kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text']);
  for (const c of absent) {
    if (c === 'datum') continue; // said by the date_from_period note
    if (fill[c] !== undefined) {
      report.note(file, 'column_filled', msg`The export has no ${trusted(c)} column; it was filled with ${quoted(fill[c] as string)} from the publisher's settings.`);
    } else if (c === 'konto_text' && splitAccount) {
      report.note(file, 'column_split', msg`The export has no konto_text column; where konto_nr holds "number name" (e.g. "60150 Lokalhyror") it is split in two.`);
    } else if (required.has(c)) {
      report.note(file, 'required_column_missing', msg`The export has no ${trusted(c)} column, which the specification requires; it is published empty.`);
    }
  }
  return fileContext({
    file,
    mapping,
    headerLength: header.length,
    delimiter: info.delimiter,
    workbook: info.kind === 'xlsx',
    publisher,
    report,
    fill,
    splitAccount,
    buyerNumberInName,
    // Number cells of a workbook are written with a decimal point.
    mark: opts.decimalMark ?? (info.kind === 'xlsx' ? '.' : null),
  });
}

/** Up to 50 header names, each safe and cut, and how many more there are. */
function listed(names: string[]): Safe {
  const shown = safeJoin(names.slice(0, 50).map((n) => safe(n, 60)), ', ');
  return names.length > 50 ? msg`${shown} and ${names.length - 50} more` : shown;
}
