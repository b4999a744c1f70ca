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
import { JSON_LIMIT, jsonRows } from './sources/json.ts';
import { decodeCp1252 } from './sources/encoding.ts';
import { createHash } from 'node:crypto';
import { errorCode, UnusableFileError } from './unusable.ts';

export { UnusableFileError, errorCode } from './unusable.ts';
export type { Delimiter } from './sources/csv.ts';
export { MAX_RECORD_CHARS } from './sources/csv.ts';

export interface ReadInfo {
  /** `csv` for text exports, `xlsx` for Excel workbooks, `json` for a JSON array of rows. */
  kind: 'csv' | 'xlsx' | 'json';
  /** The text encoding, or `Excel workbook`. */
  encoding: Encoding | 'Excel workbook';
  /** The separator (null for a workbook or JSON). */
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
    if (kind === 'json') return await readJson(fh, st.size, st.mtimeMs, detected.encoding, displayName, handlers, options);
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

/** The text of a whole file in its encoding (BOM left out). */
function decodeAll(buf: Buffer, encoding: Encoding): string {
  switch (encoding) {
    case 'UTF-8':
      return buf.toString('utf8');
    case 'UTF-8 with BOM':
      return buf.subarray(3).toString('utf8');
    case 'UTF-16LE':
      return buf.subarray(buf[0] === 0xff && buf[1] === 0xfe ? 2 : 0).toString('utf16le');
    case 'UTF-16BE': {
      const body = Buffer.from(buf.subarray(buf[0] === 0xfe && buf[1] === 0xff ? 2 : 0));
      return body.swap16().toString('utf16le');
    }
    default:
      return decodeCp1252(buf);
  }
}

/**
 * A JSON file: an array of row objects, or one wrapped as EntryScape's rowstore writes it (sources/json.ts). Each
 * object is a row; its "line" is its position in the list plus one (the header counts as line 1).
 */
async function readJson(fh: FileHandle, size: number, mtimeMs: number, encoding: Encoding, displayName: Safe, handlers: ReadHandlers, options: ReadOptions): Promise<ReadInfo> {
  if (size > JSON_LIMIT) {
    throw new UnusableFileError(
      displayName,
      msg`This is a JSON file of ${Math.round(size / 1024 ** 2)} MB; Insyn reads JSON exports up to ${JSON_LIMIT / 1024 ** 2} MB, as it reads them whole. Export the data as CSV (or as an Excel workbook), which is read in any size.`,
      1,
    );
  }
  const buf = Buffer.alloc(size);
  await fh.read(buf, 0, size, 0);
  const after = await fh.stat();
  if (after.size !== size || after.mtimeMs !== mtimeMs) {
    throw new UnusableFileError(displayName, msg`The file changed while it was being read: the finance system may still be writing it. Wait until the export is complete and try again.`);
  }
  let rows: ReturnType<typeof jsonRows>;
  try {
    rows = jsonRows(decodeAll(buf, encoding));
  } catch {
    throw new UnusableFileError(
      displayName,
      msg`This is a JSON file, but it is not valid JSON (it may have been cut off while downloading). Download or export it again; or export the data as CSV.`,
      1,
    );
  }
  if (rows === null) throw new UnusableFileError(displayName, msg`This is a JSON file, but it holds no list of rows (objects with the same fields, as an array or under "results"). Export the data from the finance system as CSV (or as an Excel workbook), or save the table as CSV.`, 1);
  const info: ReadInfo = {
    kind: 'json',
    encoding,
    delimiter: null,
    header: rows.header,
    headerLine: 1,
    skippedLines: 0,
    sepLine: false,
    bytes: size,
    invalidBytes: false,
    noBom: false,
    sha256: options.hash === false ? '' : createHash('sha256').update(buf).digest('hex'),
  };
  handlers.onHeader(rows.header, info);
  let total = 0;
  for (const [i, fields] of rows.rows.entries()) {
    handlers.onRecord(fields, i + 1, i + 2);
    if (handlers.drain && ++total % 10_000 === 0) await handlers.drain();
  }
  return info;
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
