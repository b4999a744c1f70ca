/**
 * Sources, CSV part 2: the bytes of a text export → records, streaming with constant memory.
 *
 * - The layout is decided from the first lines: Excel's `sep=;` line; the header row, which need not be the first
 *   line (a report title, a period line and a blank line above it): the first of the first 50 lines that maps at
 *   least three spec columns under one of the separators `;` `,` tab `|`; that separator. Without such a line, the
 *   first line is the header and the separator the one it holds most often.
 * - csv-parse splits records: quotes, separators and line breaks inside quotes, and line ends LF, CRLF and CR in
 *   any mix (each line ends where its own line end is).
 * - Nothing vanishes inside a quote: a quoted value that spans line breaks and holds as many separators as a whole
 *   row (a stray `"` that swallowed the rows after it) makes the file unusable, naming the lines, unless the dataset
 *   says its exports have multi-line values.
 * - The file is hashed as it is read; a file that changed while it was read (size or modification time) is refused.
 * - Blank lines, and lines of nothing but spaces, are not rows.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Parser, type CsvError, type Options } from 'csv-parse';
import { msg, quoted, safe, trusted, type Safe } from '../../privacy/safe.ts';
import { UnusableFileError } from '../unusable.ts';
import { utf8Transcoder, type Detected } from './encoding.ts';

export type Delimiter = ';' | ',' | '\t' | '|';
const DELIMITERS: Delimiter[] = [';', ',', '\t', '|'];

/** Largest record accepted, in characters. A bigger one is an unclosed quote or not a CSV file. */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

/** The header is looked for in this many first lines, within this many bytes. */
export const HEADER_SEARCH_LINES = 50;
const HEADER_SEARCH_BYTES = 256 * 1024;

export interface CsvOptions {
  /** How many spec columns a row would map as a header (the dataset's own mapping included). */
  headerScore(fields: string[]): number;
  /** The dataset says its exports have values spanning several lines: do not treat them as stray quotes. */
  multilineValues?: boolean;
}

export interface CsvLayout {
  delimiter: Delimiter;
  /** Line of the header row (1-based). */
  headerLine: number;
  /** Lines above the header that were not read (a title, a period, blank lines, Excel's `sep=` line). */
  skippedLines: number;
  /** The file starts with Excel's `sep=X` line. */
  sepLine: boolean;
}

export interface CsvSink {
  /** The layout, before the first record. */
  onLayout(layout: CsvLayout): void;
  /** The header record first, then every data record, with the lines it starts and ends on. */
  onRecord(fields: string[], line: number, endLine: number): void;
  onProgress?(bytesRead: number, totalBytes: number, records: number): void;
  drain?(): Promise<void> | void;
}

const PROGRESS_MS = 1000;

/** Splits one physical line on a separator, honouring quotes (for finding the header only). */
export function splitLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else q = false;
      } else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      q = true;
      cur = '';
    } else if (ch === delimiter) {
      fields.push(cur);
      cur = '';
    } else cur += ch;
  }
  fields.push(cur);
  return fields;
}

/** The separator a line holds most often outside quotes (ties: `;`, `,`, tab, `|`), or null. */
export function detectDelimiter(line: string): Delimiter | null {
  const counts: Record<Delimiter, number> = { ';': 0, ',': 0, '\t': 0, '|': 0 };
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (!q && (ch === ';' || ch === ',' || ch === '\t' || ch === '|')) counts[ch]++;
  }
  let best: Delimiter | null = null;
  for (const d of DELIMITERS) if (counts[d] > 0 && (best === null || counts[d] > counts[best])) best = d;
  return best;
}

/** Decides the separator and the header line from the first lines of the file. */
export function chooseLayout(prefix: string, complete: boolean, headerScore: (fields: string[]) => number): CsvLayout | null {
  const lines = prefix.split(/\r\n|\n|\r/);
  if (!complete && lines.length > 1) lines.pop(); // the last line may be cut
  let first = 0;
  let forced: Delimiter | null = null;
  const sep = /^sep=(.)\s*$/i.exec(lines[0] ?? '');
  if (sep && DELIMITERS.includes(sep[1] as Delimiter)) {
    forced = sep[1] as Delimiter;
    first = 1;
  }
  for (let li = first; li < Math.min(lines.length, HEADER_SEARCH_LINES); li++) {
    let best: { d: Delimiter; score: number } | null = null;
    for (const d of forced ? [forced] : DELIMITERS) {
      if (!lines[li].includes(d)) continue;
      const score = headerScore(splitLine(lines[li], d));
      if (score >= 3 && (best === null || score > best.score)) best = { d, score };
    }
    if (best) return { delimiter: best.d, headerLine: li + 1, skippedLines: li, sepLine: forced !== null };
  }
  // No line reads as a header: the first (non-blank) line is the header, and the required-columns check explains.
  let li = first;
  while (li < lines.length - 1 && lines[li].trim() === '') li++;
  const delimiter = forced ?? detectDelimiter(lines[li] ?? '');
  if (!delimiter) return null;
  return { delimiter, headerLine: li + 1, skippedLines: li, sepLine: forced !== null };
}

/** Whether a record is nothing but empty or blank fields (a blank line, or one of spaces): not a row. */
function blank(record: string[]): boolean {
  for (const f of record) if (f.trim() !== '') return false;
  return true;
}

/** Line breaks inside a record's values (CRLF counts once). */
function lineBreaksIn(record: string[]): number {
  let n = 0;
  for (const v of record) {
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && v.charCodeAt(i + 1) !== 0x0a)) n++;
    }
  }
  return n;
}

/** CR and LF characters inside a record's values, each counted (as csv-parse counts lines inside quotes). */
function charBreaksIn(record: string[]): number {
  let n = 0;
  for (const v of record) {
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 0x0a || c === 0x0d) n++;
    }
  }
  return n;
}

/** How many separators a value holds. */
function separatorsIn(value: string, delimiter: string): number {
  let n = 0;
  for (let i = value.indexOf(delimiter); i >= 0; i = value.indexOf(delimiter, i + 1)) n++;
  return n;
}

/**
 * Reads a text export from an open file (the same handle the encoding was detected on). Throws UnusableFileError
 * for what makes the file unusable; returns the SHA-256 of the bytes it read.
 */
export async function readCsv(fh: FileHandle, size: number, mtimeMs: number, detected: Detected, file: Safe, sink: CsvSink, opts: CsvOptions): Promise<{ sha256: string }> {
  const transcode = utf8Transcoder(detected.encoding);
  const hash = createHash('sha256');
  let layout: CsvLayout | null = null;
  let headerLength = 0;
  let header: string[] = [];
  let records = 0;
  let prevLines = 0; // lines consumed up to the end of the previous record
  let parserLines = 0; // the same as csv-parse counts them
  let failure: unknown = null;

  const onRecord = (record: string[], linesAfter: number) => {
    if (failure) return;
    // Where the record starts and ends. csv-parse counts lines right between records (blank lines included) but
    // counts every CR and every LF inside a quoted value as a line (a CRLF twice): correct for that.
    const delta = linesAfter - parserLines;
    parserLines = linesAfter;
    let line = prevLines + 1;
    let endLine = line;
    if (delta !== 1) {
      const counted = charBreaksIn(record);
      line = prevLines + (delta - counted);
      endLine = line + lineBreaksIn(record);
    }
    prevLines = endLine;
    try {
      const l = layout as CsvLayout;
      if (line < l.headerLine || blank(record)) return;
      if (headerLength === 0) {
        header = record;
        headerLength = record.length;
      } else if (endLine > line && !opts.multilineValues && headerLength > 1) {
        for (let i = 0; i < record.length; i++) {
          const v = record[i];
          if ((v.includes('\n') || v.includes('\r')) && separatorsIn(v, l.delimiter) >= headerLength - 1) {
            const column = header[i] !== undefined ? quoted(header[i].trim(), 60) : trusted(`${i + 1}`);
            throw new UnusableFileError(
              file,
              msg`A quoted value in column ${column} opens on line ${line} and closes on line ${endLine}: the lines between were read as one value, so whole rows would vanish inside it. A value probably starts with a stray quote ("). Remove the quote, or quote the whole value and double the quotes inside it (""), and export again. If your exports really have values over several lines, set "multilineValues": true in dataset.json.`,
              line,
            );
          }
        }
      }
      records++;
      sink.onRecord(record, line, endLine);
    } catch (e) {
      failure = e;
    }
  };

  let parser: RecordParser | null = null;
  let parseError: CsvError | null = null;
  // Bytes before the parser exists (until the layout is decided), kept as bytes: decoding them to text and back
  // would break a character split across two chunks.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const startParser = (complete: boolean) => {
    const text = Buffer.concat(pending).toString('utf8');
    const chosen = chooseLayout(text, complete, opts.headerScore);
    if (!chosen) {
      throw new UnusableFileError(
        file,
        msg`The header line has no separator (; , tab or |): this is not a CSV export with several columns, or the header line is missing.`,
        1,
      );
    }
    layout = chosen;
    sink.onLayout(chosen);
    parser = new RecordParser(
      {
        delimiter: chosen.delimiter,
        record_delimiter: ['\r\n', '\n', '\r'],
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
        max_record_size: MAX_RECORD_CHARS,
      },
      onRecord,
    );
    parser.on('error', (e: CsvError) => {
      parseError = e;
    });
    const bytes = Buffer.concat(pending);
    pending = [];
    parser.write(bytes);
  };

  // UTF-16 is decoded here; a NUL in it (a U+0000 character) is as unusable as a NUL byte in UTF-8.
  const utf16 = detected.encoding === 'UTF-16LE' || detected.encoding === 'UTF-16BE';
  let decodedLines = 1;
  const checkNul = (buf: Buffer) => {
    const nul = buf.indexOf(0);
    if (nul < 0) {
      for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) decodedLines++;
      return;
    }
    for (let i = buf.indexOf(0x0a); i >= 0 && i < nul; i = buf.indexOf(0x0a, i + 1)) decodedLines++;
    throw new UnusableFileError(
      file,
      msg`The file contains a NUL character (a zero, never part of a text export) on line ${decodedLines}: the file is damaged, or not a plain CSV export. Export it again from the finance system.`,
      decodedLines,
    );
  };

  const feed = (buf: Buffer) => {
    if (utf16) checkNul(buf);
    if (!parser) {
      pending.push(buf);
      pendingBytes += buf.length;
      let breaks = 0;
      for (const b of pending) for (let i = b.indexOf(0x0a); i >= 0 && breaks <= HEADER_SEARCH_LINES; i = b.indexOf(0x0a, i + 1)) breaks++;
      if (pendingBytes < HEADER_SEARCH_BYTES && breaks <= HEADER_SEARCH_LINES) {
        // CR-only files have no LF: count CRs too.
        let crs = 0;
        for (const b of pending) for (let i = b.indexOf(0x0d); i >= 0 && crs <= HEADER_SEARCH_LINES; i = b.indexOf(0x0d, i + 1)) crs++;
        if (crs <= HEADER_SEARCH_LINES) return;
      }
      startParser(false);
      return;
    }
    parser.write(buf);
  };

  let bytesRead = 0;
  let lastProgress = Date.now();
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (;;) {
    const { bytesRead: n } = await fh.read(chunk, 0, chunk.length, bytesRead);
    if (n === 0) break;
    const data = chunk.subarray(0, n);
    hash.update(data);
    const body = bytesRead < detected.bomBytes ? data.subarray(Math.min(n, detected.bomBytes - bytesRead)) : data;
    bytesRead += n;
    const text = transcode ? transcode(body, false) : Buffer.from(body);
    if (text.length) feed(text);
    if (failure) throw failure;
    if (parseError) break;
    if (sink.onProgress && Date.now() - lastProgress > PROGRESS_MS) {
      lastProgress = Date.now();
      sink.onProgress(bytesRead, size, records);
    }
    if (sink.drain) await sink.drain();
    if (failure) throw failure;
  }
  if (transcode && !parseError) {
    const rest = transcode(Buffer.alloc(0), true);
    if (rest.length) feed(rest);
  }
  if (!parser && !parseError) startParser(true);
  const p = parser as RecordParser | null;
  if (p && !parseError) {
    await new Promise<void>((resolve) => {
      p.on('finish', resolve);
      p.on('error', () => resolve());
      p.end();
    });
  }
  if (failure) throw failure;
  if (parseError) throw csvErrorToUnusable(parseError, file, prevLines);
  const after = await fh.stat();
  if (bytesRead !== size || after.size !== size || after.mtimeMs !== mtimeMs) {
    throw new UnusableFileError(
      file,
      msg`The file changed while it was being read (it was ${size} bytes, now ${after.size}): the finance system may still be writing it. Wait until the export is complete and try again.`,
    );
  }
  if (headerLength === 0) throw new UnusableFileError(file, msg`The file has no header line.`, 1);
  return { sha256: hash.digest('hex') };
}

/**
 * csv-parse's stream parser, taking each record synchronously as the parser emits it (instead of queueing it
 * on the readable side): no per-record stream overhead, and `info.lines` is exact for the record at hand.
 */
class RecordParser extends Parser {
  constructor(
    options: Options,
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
      return new UnusableFileError(file, msg`The file cannot be read as CSV near line ${line} (${safe(e.code)}).`, line);
  }
}
