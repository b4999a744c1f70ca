/**
 * Stage "read": bytes of one export file → records, streaming with constant memory.
 * Detects the encoding (encoding.ts) and the separator (`;`, `,` or tab, from the header line), lets csv-parse
 * split records (quotes, separators and newlines inside quotes; line ends LF, CRLF or CR), and hands each record
 * to `onRecord` with its data row number and the line it starts on. Files that cannot be used at all raise an
 * `UnusableFileError` that names the file, the line and what to do.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Parser, type CsvError, type Options } from 'csv-parse';
import { detectEncoding, utf8Transcoder, type Encoding } from './encoding.ts';
import { msg, safe, type Safe } from '../privacy/safe.ts';

/** A file that cannot be used at all: which file, what is wrong and what to do, and the line where there is one. */
export class UnusableFileError extends Error {
  constructor(
    readonly file: Safe,
    readonly reason: Safe,
    readonly line?: number,
  ) {
    super(line ? msg`${file}, line ${line}: ${reason}` : msg`${file}: ${reason}`);
    this.name = 'UnusableFileError';
  }
}

/** The code of a system error (`ENOENT`), safe to show. */
export function errorCode(e: unknown): Safe {
  return safe(String((e as NodeJS.ErrnoException | undefined)?.code ?? 'error'));
}

export type Delimiter = ';' | ',' | '\t';

export interface ReadInfo {
  encoding: Encoding;
  delimiter: Delimiter;
  header: string[];
  bytes: number;
  /** UTF-8 with some invalid bytes: rows holding U+FFFD are flagged. */
  invalidBytes: boolean;
  /** UTF-16 recognised without a byte order mark. */
  noBom: boolean;
}

/** Largest record accepted, in characters. A bigger one is an unclosed quote or not a CSV file. */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

/** Picks the separator that occurs most often outside quotes in the header line (ties: `;`, then `,`). */
export function detectDelimiter(headerLine: string): Delimiter | null {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  const best = (Object.entries(counts) as [Delimiter, number][]).sort((a, b) => b[1] - a[1])[0];
  return best[1] > 0 ? best[0] : null;
}

function firstLine(text: string): string {
  const m = /[\r\n]/.exec(text);
  return m ? text.slice(0, m.index) : text;
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

const PROGRESS_MS = 1000;

export async function readExport(path: string, displayName: Safe, handlers: ReadHandlers): Promise<ReadInfo> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new UnusableFileError(displayName, msg`This is a folder, not a file. Give the path of an export file.`);
    if (!st.isFile()) throw new UnusableFileError(displayName, msg`This is not a file. Give the path of an export file.`);
    size = st.size;
  } catch (e) {
    if (e instanceof UnusableFileError) throw e;
    throw new UnusableFileError(displayName, msg`The file cannot be read (${errorCode(e)}). Check the path and its permissions.`);
  }
  const detected = await detectEncoding(path);
  if (detected.empty) throw new UnusableFileError(displayName, msg`The file is empty. Export it again from the finance system.`);
  if (detected.binary === 'workbook') {
    throw new UnusableFileError(
      displayName,
      msg`This is an Excel workbook (or another zip file) saved with a .csv name, not a CSV export. Open it in Excel and save it as "CSV UTF-8" (or export CSV from the finance system), then try again.`,
      1,
    );
  }
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
  const { encoding } = detected;
  const transcode = utf8Transcoder(encoding);

  let info: ReadInfo | null = null;
  let row = 0;
  let prevLines = 0; // lines consumed up to the end of the previous record
  let failure: unknown = null;

  const onRecord = (record: string[], linesAfter: number) => {
    if (failure) return;
    try {
      if (info === null) {
        info = { encoding, delimiter: (parser as RecordParser).delimiter, header: record, bytes: size, invalidBytes: detected.invalidBytes, noBom: detected.noBom };
        handlers.onHeader(record, info);
      } else {
        row++;
        handlers.onRecord(record, row, prevLines + 1);
      }
    } catch (e) {
      failure = e;
    }
    prevLines = linesAfter;
  };
  const makeParser = (delimiter: Delimiter) =>
    new RecordParser(
      {
        delimiter,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
        max_record_size: MAX_RECORD_CHARS,
      },
      delimiter,
      onRecord,
    );

  let parser: RecordParser | null = null;
  let parseError: CsvError | null = null;
  // Bytes before the parser exists (until the header line is complete), kept as bytes: decoding them to text and
  // back would break a character split across two chunks.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const pendingText = () => Buffer.concat(pending).toString('utf8');
  const startParser = (delimiter: Delimiter) => {
    parser = makeParser(delimiter);
    parser.on('error', (e: CsvError) => {
      parseError = e;
    });
    const bytes = Buffer.concat(pending);
    pending = [];
    parser.write(bytes);
  };
  const stream = createReadStream(path, { highWaterMark: 1 << 20, start: detected.bomBytes });
  let bytesRead = detected.bomBytes;
  let lastProgress = Date.now();

  const feed = (buf: Buffer) => {
    if (!parser) {
      // Wait for the first line to pick the separator.
      pending.push(buf);
      pendingBytes += buf.length;
      const text = pendingText();
      const line = firstLine(text);
      if (line.length === text.length && pendingBytes < MAX_RECORD_CHARS) return;
      const delimiter = detectDelimiter(line);
      if (!delimiter) {
        throw new UnusableFileError(
          displayName,
          msg`The header line has no separator (; , or tab): this is not a CSV export with several columns, or the header line is missing.`,
          1,
        );
      }
      startParser(delimiter);
      return;
    }
    parser.write(buf);
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      feed(transcode ? transcode(chunk, false) : chunk);
      if (failure) throw failure;
      if (parseError) break;
      if (handlers.onProgress && Date.now() - lastProgress > PROGRESS_MS) {
        lastProgress = Date.now();
        handlers.onProgress(bytesRead, size, row);
      }
      if (handlers.drain) await handlers.drain();
    }
    if (transcode && !parseError) {
      const rest = transcode(Buffer.alloc(0), true);
      if (rest.length) feed(rest);
    }
    if (!parser && !parseError) {
      // The whole file is one line: the header, with no data rows.
      const delimiter = detectDelimiter(pendingText());
      if (!delimiter) {
        throw new UnusableFileError(displayName, msg`The file has a single column or no header line: this is not a CSV export of invoice rows.`, 1);
      }
      startParser(delimiter);
    }
    const p = parser as RecordParser | null;
    if (p && !parseError) {
      await new Promise<void>((resolve) => {
        p.on('finish', resolve);
        p.on('error', () => resolve());
        p.end();
      });
    }
    if (failure) throw failure;
  } finally {
    stream.destroy();
  }
  if (parseError) throw csvErrorToUnusable(parseError, displayName, prevLines);
  if (info === null) throw new UnusableFileError(displayName, msg`The file has no header line.`, 1);
  return info;
}

/**
 * csv-parse's stream parser, taking each record synchronously as the parser emits it (instead of queueing it
 * on the readable side): no per-record stream overhead, and `info.lines` is exact for the record at hand.
 */
class RecordParser extends Parser {
  constructor(
    options: Options,
    readonly delimiter: Delimiter,
    private readonly handle: (record: string[], linesAfter: number) => void,
  ) {
    super(options);
  }

  override push(chunk: unknown): boolean {
    if (chunk === null) return super.push(null);
    this.handle(chunk as string[], this.info.lines);
    return true;
  }
}

function csvErrorToUnusable(e: CsvError, file: Safe, prevLines: number): UnusableFileError {
  const line = prevLines + 1;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new UnusableFileError(
        file,
        msg`A quoted value that starts on line ${line} is never closed, so the rest of the file cannot be read. The file may be cut off, or a value contains a lone ". Fix the export (or the quote) and try again.`,
        line,
      );
    case 'CSV_MAX_RECORD_SIZE':
      return new UnusableFileError(
        file,
        msg`The row starting on line ${line} is larger than ${MAX_RECORD_CHARS / 1024 / 1024} MB: a quote is probably not closed, or this is not an export of invoice rows.`,
        line,
      );
    default:
      return new UnusableFileError(file, msg`The file cannot be read as CSV near line ${line} (${safe(e.code)}): ${safe(e.message)}`, line);
  }
}
