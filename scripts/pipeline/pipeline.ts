/**
 * The pipeline for one export file, as a short line of named stages:
 * read (read.ts) → map (columns.ts) → parse and check (parse.ts, check.ts) → redact (redact.ts) → aggregate
 * (aggregate.ts) → write (write.ts, through `onRow`). A record flows forward through them once.
 * Used by `validate` (no writing) and by the build (dataset.ts).
 */
import type { Publisher } from '../model.ts';
import { Aggregator } from './aggregate.ts';
import { checkRecord, fileContext, type CheckedRow, type FileContext } from './check.ts';
import { mapHeader, SPEC_COLUMNS, type SpecColumn } from './columns.ts';
import { readExport, UnusableFileError, type Delimiter } from './read.ts';
import { Redactor, type Redaction } from './redact.ts';
import { safeText, type Report } from './report.ts';

export interface FileOptions {
  /** The dataset's column mapping (header → spec column). */
  columns?: Record<string, string>;
  /** The dataset's publisher: fills buyer columns the export lacks, and checks `kopare_id`. */
  publisher?: Publisher;
  report: Report;
  aggregator: Aggregator;
  /** Receives each published (checked and redacted) row. */
  onRow?(row: CheckedRow, redaction: Redaction): void;
  onProgress?(bytesRead: number, totalBytes: number, rows: number): void;
  drain?(): Promise<void> | void;
}

export interface FileResult {
  file: string;
  encoding: string;
  delimiter: Delimiter;
  bytes: number;
  rows: number;
  valid: number;
  rejected: number;
  redacted: number;
}

export const DELIMITER_NAMES: Record<Delimiter, string> = { ';': 'semicolon', ',': 'comma', '\t': 'tab' };

/** Runs one file through the pipeline. Throws UnusableFileError when the file cannot be used at all. */
export async function runFile(path: string, fileName: string, opts: FileOptions): Promise<FileResult> {
  const { report, aggregator } = opts;
  // A file name can hold a personnummer too ("faktura-8001019816.csv"): it is masked in every report and log.
  const displayName = safeText(fileName);
  let ctx: FileContext | null = null;
  let rows = 0;
  let valid = 0;
  let rejected = 0;
  let redacted = 0;
  let maskedRow = 0;
  let maskedLine = 0;
  let maskedValues: string[] = [];
  const redactor = new Redactor((column) =>
    report.warn(displayName, maskedRow, maskedLine, SPEC_COLUMNS[column], 'personnummer_masked', 'A personnummer in this column was replaced by a mask.', maskedValues[column]),
  );

  let invalidBytes = false;
  const info = await readExport(path, displayName, {
    onHeader(header, readInfo) {
      ctx = headerContext(header, displayName, opts);
      invalidBytes = readInfo.invalidBytes;
      if (readInfo.noBom) report.note(displayName, 'utf16_without_bom', `The file is ${readInfo.encoding} without a byte order mark; it was recognised and read as ${readInfo.encoding}.`);
      if (invalidBytes) {
        report.note(displayName, 'invalid_bytes', 'The file is UTF-8 but some bytes are not valid UTF-8 (a character from another encoding, or a file cut off inside a character). They are shown as \uFFFD and the rows are listed as warnings: check them in the finance system.');
      }
    },
    onRecord(fields, rowNo, line) {
      const c = ctx as FileContext;
      rows++;
      if (invalidBytes) {
        const bad = fields.findIndex((f) => f.includes('\uFFFD'));
        if (bad >= 0) report.warn(displayName, rowNo, line, c.mapping.sourceColumnName(bad), 'invalid_bytes', 'This row holds bytes that are not valid UTF-8 (shown as \uFFFD).', fields[bad]);
      }
      const checked = checkRecord(fields, rowNo, line, c);
      if (checked === null) {
        rejected++;
        return;
      }
      maskedRow = rowNo;
      maskedLine = line;
      maskedValues = checked.row;
      const why = redactor.redact(checked.row);
      if (why !== null) redacted++;
      valid++;
      aggregator.add(checked.row, checked.ore, checked.date, why !== null);
      opts.onRow?.(checked, why);
    },
    onProgress: opts.onProgress,
    drain: opts.drain,
  });
  if (rows === 0) report.note(displayName, 'no_rows', 'The file has a header but no data rows.');
  return { file: displayName, encoding: info.encoding, delimiter: info.delimiter, bytes: info.bytes, rows, valid, rejected, redacted };
}

/** Maps the header and decides what to fill in; throws when the file lacks what no row can do without. */
function headerContext(header: string[], file: string, opts: FileOptions): FileContext {
  const { report, publisher } = opts;
  const mapping = mapHeader(header, opts.columns);
  const has = (c: SpecColumn) => mapping.sourceIndex[c] >= 0;
  const missing: string[] = [];
  if (!has('belopp')) missing.push('belopp (amount; also read as nettobelopp)');
  if (!has('datum')) missing.push('datum (booking date; also read as bokforingsdatum)');
  if (!has('leverantor') && !has('leverantor_id')) missing.push('leverantor or leverantor_id (the supplier)');
  if (missing.length) {
    const shown = header.slice(0, 30).map((h) => JSON.stringify(h.trim())).join(', ');
    throw new UnusableFileError(
      file,
      `Required columns are missing: ${missing.join('; ')}. The header has: ${shown}${header.length > 30 ? ` and ${header.length - 30} more` : ''}. ` +
        'Export these columns, or map your header names to them with "columns" in the dataset.json (e.g. "columns": { "Bokf.dat": "datum" }).',
      1,
    );
  }
  if (mapping.unknown.length) {
    report.note(file, 'unknown_columns', `Columns that are not in the specification were left out of the published data: ${mapping.unknown.slice(0, 50).join(', ')}${mapping.unknown.length > 50 ? ` and ${mapping.unknown.length - 50} more` : ''}.`);
  }
  if (mapping.duplicates.length) {
    report.note(file, 'duplicate_columns', `These columns repeat a column found earlier in the header and were left out: ${mapping.duplicates.join(', ')}.`);
  }
  for (const r of mapping.renamed) report.note(file, 'renamed_column', `The column "${r.header}" was read as ${r.column}.`);

  const fill: Partial<Record<SpecColumn, string>> = {};
  const absent = SPEC_COLUMNS.filter((c) => !has(c));
  const splitAccount = !has('konto_text') && has('konto_nr');
  // Spec 1.0 had no kopare_id: its kopare column held the buyer's organisation number.
  const buyerNumberInName = !has('kopare_id') && has('kopare');
  if (buyerNumberInName) {
    report.note(file, 'spec_1_0_buyer', 'The export has kopare but no kopare_id (the spec 1.0 layout): where kopare holds an organisation number, it is published as kopare_id, with the buyer\'s name from the settings.');
  }
  if (publisher) {
    if (!has('kopare_id')) fill.kopare_id = publisher.orgNumber.replace('-', '');
    if (!has('kopare')) fill.kopare = publisher.name;
    if (!has('kommun_id') && publisher.type === 'municipality' && publisher.municipalityCode) fill.kommun_id = publisher.municipalityCode;
  }
  const required = new Set(['kopare_id', 'kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text']);
  for (const c of absent) {
    if (fill[c] !== undefined) {
      report.note(file, 'column_filled', `The export has no ${c} column; it was filled with "${fill[c]}" from the publisher's settings.`);
    } else if (c === 'konto_text' && splitAccount) {
      report.note(file, 'column_split', 'The export has no konto_text column; where konto_nr holds "number name" (e.g. "60150 Lokalhyror") it is split in two.');
    } else if (required.has(c)) {
      report.note(file, 'required_column_missing', `The export has no ${c} column, which the specification requires; it is published empty.`);
    }
  }
  return fileContext({ file, mapping, headerLength: header.length, publisher, report, fill, splitAccount, buyerNumberInName });
}
