/**
 * Stage "read" (the sources room's entrance): one export file → its header and records, whatever it is.
 * Identifies the file (a CSV text in some encoding, an Excel workbook, or something that is not an export: a JSON,
 * XML or HTML file, an old .xls, a zip, an image) and hands it to its reader in `sources/`. Every reader gives the
 * same records: the header row (found among the first lines, not always the first), then each data record with
 * its data row number and the line (or sheet row) it starts on. What makes a file unusable raises an
 * UnusableFileError that names the file, the line and what to do.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { msg, quoted, type Safe } from '../privacy/safe.ts';
import { readCsv, type CsvLayout, type Delimiter } from './sources/csv.ts';
import { detectEncoding, type Encoding } from './sources/encoding.ts';
import { sniffText } from './sources/sniff.ts';
import { readWorkbook } from './sources/xlsx.ts';
import { errorCode, UnusableFileError } from './unusable.ts';

export { UnusableFileError, errorCode } from './unusable.ts';
export type { Delimiter } from './sources/csv.ts';
export { MAX_RECORD_CHARS } from './sources/csv.ts';

export interface ReadInfo {
  /** `csv` for text exports, `xlsx` for Excel workbooks. */
  kind: 'csv' | 'xlsx';
  /** The text encoding, or `Excel workbook`. */
  encoding: Encoding | 'Excel workbook';
  /** The separator (null for a workbook). */
  delimiter: Delimiter | null;
  /** The sheet read, for a workbook. */
  sheet?: string;
  header: string[];
  /** Line of the header row (1-based). */
  headerLine: number;
  /** Lines above the header that were not read (a report title, a period line, blank lines, `sep=`). */
  skippedLines: number;
  sepLine: boolean;
  bytes: number;
  /** UTF-8 with some invalid bytes: rows holding U+FFFD are flagged. */
  invalidBytes: boolean;
  /** UTF-16 recognised without a byte order mark. */
  noBom: boolean;
  /** SHA-256 of the bytes read (set when reading is done). */
  sha256: string;
}

export interface ReadHandlers {
  /** Called with the header row once; may throw an UnusableFileError (required columns missing). */
  onHeader(header: string[], info: ReadInfo): void;
  /** Called for every data record. `row` is 1-based (header not counted); `line` is where the record starts. */
  onRecord(fields: string[], row: number, line: number): void;
  /** Called about once a second on long files with bytes read so far. */
  onProgress?(bytesRead: number, totalBytes: number, rows: number): void;
  /** Awaited between chunks: lets writers drain (back-pressure). */
  drain?(): Promise<void> | void;
}

export interface ReadOptions {
  /** How many spec columns a row would map as a header (finds the header below a report heading). */
  headerScore?(fields: string[]): number;
  /** The dataset's exports have values over several lines (see sources/csv.ts). */
  multilineValues?: boolean;
  /** The workbook sheet to read (dataset.json `sheet`); else the first visible one. */
  sheet?: string;
  /** Compute the file's SHA-256 while reading (default true). */
  hash?: boolean;
}

/** The header is the first of this many first rows of a workbook that maps three spec columns. */
const HEADER_SEARCH_ROWS = 50;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(head: Buffer, magic: number[]): boolean {
  return head.length >= magic.length && magic.every((b, i) => head[i] === b);
}

export async function readExport(path: string, displayName: Safe, handlers: ReadHandlers, options: ReadOptions = {}): Promise<ReadInfo> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw new UnusableFileError(displayName, msg`This is a folder, not a file. Give the path of an export file.`);
    throw new UnusableFileError(displayName, msg`The file cannot be read (${errorCode(e)}). Check the path and its permissions.`);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new UnusableFileError(displayName, msg`This is a folder, not a file. Give the path of an export file.`);
    if (!st.isFile()) throw new UnusableFileError(displayName, msg`This is not a file. Give the path of an export file.`);
    const head = Buffer.alloc(Math.min(st.size, 4096));
    await fh.read(head, 0, head.length, 0);
    if (startsWith(head, ZIP) || startsWith(head, OLE)) {
      // A workbook (or an .xls, .ods, a password-protected workbook, a zip: the workbook reader says which).
      await fh.close();
      return await readSheet(path, displayName, handlers, options);
    }
    const detected = await detectEncoding(fh);
    if (detected.empty) throw new UnusableFileError(displayName, msg`The file is empty. Export it again from the finance system.`);
    if (detected.binary) {
      throw new UnusableFileError(
        displayName,
        msg`This is not a text file: its first bytes are mostly control characters, as in an image, a PDF or a database file saved with a .csv name. Export the data as CSV and try again.`,
        1,
      );
    }
    if (detected.nulLine !== null) {
      throw new UnusableFileError(
        displayName,
        msg`The file contains a NUL byte (a zero byte, never part of a text export) on line ${detected.nulLine}: the file is damaged, or not a plain CSV export. Export it again from the finance system.`,
        detected.nulLine,
      );
    }
    const kind = sniffText(head, detected.encoding, detected.bomBytes);
    if (kind) throw new UnusableFileError(displayName, NOT_CSV[kind], 1);

    let info: ReadInfo | null = null;
    let layout: CsvLayout | null = null;
    let row = 0;
    const { sha256 } = await readCsv(fh, st.size, st.mtimeMs, detected, displayName, {
      onLayout(l) {
        layout = l;
      },
      onRecord(fields, line) {
        if (info === null) {
          const l = layout as CsvLayout;
          info = {
            kind: 'csv',
            encoding: detected.encoding,
            delimiter: l.delimiter,
            header: fields,
            headerLine: line,
            skippedLines: line - 1,
            sepLine: l.sepLine,
            bytes: st.size,
            invalidBytes: detected.invalidBytes,
            noBom: detected.noBom,
            sha256: '',
          };
          handlers.onHeader(fields, info);
        } else handlers.onRecord(fields, ++row, line);
      },
      onProgress: handlers.onProgress ? (b, t) => handlers.onProgress?.(b, t, row) : undefined,
      drain: handlers.drain,
    }, { headerScore: options.headerScore ?? (() => 0), multilineValues: options.multilineValues, hash: options.hash });
    if (info === null) throw new UnusableFileError(displayName, msg`The file has no header line.`, 1);
    (info as ReadInfo).sha256 = sha256;
    return info;
  } finally {
    await fh.close().catch(() => {});
  }
}

/** A workbook's first sheet (or the one dataset.json names): the header found among its first rows. */
async function readSheet(path: string, displayName: Safe, handlers: ReadHandlers, options: ReadOptions): Promise<ReadInfo> {
  const score = options.headerScore ?? (() => 0);
  let info: ReadInfo | null = null;
  let before: [string[], number][] = [];
  let row = 0;
  const start = (fields: string[], line: number, skipped: number) => {
    info = {
      kind: 'xlsx',
      encoding: 'Excel workbook',
      delimiter: null,
      header: fields,
      headerLine: line,
      skippedLines: skipped,
      sepLine: false,
      bytes: 0,
      invalidBytes: false,
      noBom: false,
      sha256: '',
    };
    handlers.onHeader(fields, info);
  };
  const flush = () => {
    // No row among the first ones reads as a header: the first row is the header (the required-columns check explains).
    const [first, ...rest] = before;
    before = [];
    start(first[0], first[1], 0);
    for (const [f, l] of rest) handlers.onRecord(f, ++row, l);
  };
  const book = await readWorkbook(
    path,
    displayName,
    {
      onRecord(fields, rowNumber) {
        if (info !== null) {
          handlers.onRecord(fields, ++row, rowNumber);
          return;
        }
        if (score(fields) >= 3) {
          const skipped = before.length;
          before = [];
          start(fields, rowNumber, skipped);
          return;
        }
        before.push([fields, rowNumber]);
        if (before.length >= HEADER_SEARCH_ROWS) flush();
      },
      onProgress: handlers.onProgress ? (b, t) => handlers.onProgress?.(b, t, row) : undefined,
      drain: handlers.drain,
    },
    { sheet: options.sheet },
  );
  if (info === null && before.length) flush();
  if (info === null) throw new UnusableFileError(displayName, msg`The workbook's sheet ${quoted(book.sheet)} has no rows.`, 1);
  const done = info as ReadInfo;
  done.bytes = book.bytes;
  done.sha256 = book.sha256;
  done.sheet = book.sheet;
  return done;
}

const NOT_CSV: Record<'json' | 'xml' | 'html', Safe> = {
  json: msg`This is a JSON file, not a CSV export of invoice rows. Export the data from the finance system as CSV (or as an Excel workbook), or save the table as CSV.`,
  xml: msg`This is an XML file, not a CSV export of invoice rows. Export the data from the finance system as CSV (or as an Excel workbook).`,
  html: msg`This is a web page (HTML) saved with the export's name, not the export itself. Download the CSV file itself (not the page that links to it), or export it again from the finance system.`,
};
