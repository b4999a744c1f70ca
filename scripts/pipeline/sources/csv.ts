/**
 * Sources, CSV part 2: the bytes of a text export → records, streaming with constant memory.
 *
 * - The layout is decided from the first lines: Excel's `sep=;` line; the header row, which need not be the first
 *   line (a report title, a period line and a blank line above it): the first of the first 50 lines that maps at
 *   least three spec columns under one of the separators `;` `,` tab `|`; that separator. Without such a line, the
 *   first line is the header and the separator the one it holds most often.
 * - records.ts splits records (quotes, separators and line breaks inside quotes; line ends LF, CRLF and CR in any
 *   mix): lines without a quote by itself, records with one by csv-parse.
 * - Nothing vanishes inside a quote: a quoted value that spans line breaks and holds as many separators as a whole
 *   row (a stray `"` that swallowed the rows after it) makes the file unusable, naming the lines, unless the dataset
 *   says its exports have multi-line values.
 * - The file is hashed as it is read; a file that changed while it was read (size or modification time) is refused.
 * - Blank lines, and lines of nothing but spaces, are not rows.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { msg, quoted, safe, trusted, type Safe } from '../../privacy/safe.ts';
import { UnusableFileError } from '../unusable.ts';
import { utf8Transcoder, type Detected } from './encoding.ts';
import { RecordSplitter, SplitError } from './records.ts';

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
  /** Hash the bytes read (default true; validate, which keeps no cache, does not need it). */
  hash?: boolean;
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
  const hash = opts.hash === false ? null : createHash('sha256');
  let layout: CsvLayout | null = null;
  let headerLength = 0;
  let header: string[] = [];
  let records = 0;
  let failure: unknown = null;

  const onRecord = (record: string[], line: number, endLine: number) => {
    if (failure) return;
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

  let parser: RecordSplitter | null = null;
  let parseError: SplitError | null = null;
  // Bytes before the parser exists (until the layout is decided), kept as bytes: decoding them to text and back
  // would break a character split across two chunks.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const write = (bytes: Buffer) => {
    try {
      (parser as RecordSplitter).write(bytes);
    } catch (e) {
      if (e instanceof SplitError) parseError ??= e;
      else throw e;
    }
  };
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
    parser = new RecordSplitter(chosen.delimiter, MAX_RECORD_CHARS, onRecord);
    const bytes = Buffer.concat(pending);
    pending = [];
    write(bytes);
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
    write(buf);
  };

  let bytesRead = 0;
  let lastProgress = Date.now();
  // Read ahead: the next chunk is read (into a buffer of its own, which the parser may keep) while this one is parsed.
  const CHUNK = 1 << 20;
  const readAt = (position: number) => {
    const buf = Buffer.allocUnsafe(CHUNK);
    return fh.read(buf, 0, CHUNK, position).then((r) => buf.subarray(0, r.bytesRead));
  };
  let next = readAt(0);
  let position = 0;
  try {
    for (;;) {
      const data = await next;
      const n = data.length;
      if (n === 0) break;
      position += n;
      next = readAt(position);
      hash?.update(data);
      const body = bytesRead < detected.bomBytes ? data.subarray(Math.min(n, detected.bomBytes - bytesRead)) : data;
      bytesRead += n;
      const text = transcode ? transcode(body, false) : body;
      if (text.length) feed(text);
      if (failure) break;
      if (parseError) break;
      if (sink.onProgress && Date.now() - lastProgress > PROGRESS_MS) {
        lastProgress = Date.now();
        sink.onProgress(bytesRead, size, records);
      }
      if (sink.drain) await sink.drain();
      if (failure) break;
    }
  } finally {
    // A read still under way when the loop stopped (an unusable file): wait for it before the file is closed.
    await next.catch(() => {});
  }
  if (failure) throw failure;
  if (transcode && !parseError) {
    const rest = transcode(Buffer.alloc(0), true);
    if (rest.length) feed(rest);
  }
  if (!parser && !parseError) startParser(true);
  const p = parser as RecordSplitter | null;
  if (p && !parseError && !failure) {
    try {
      await p.end();
    } catch (e) {
      if (e instanceof SplitError) parseError = e;
      else throw e;
    }
  }
  if (failure) throw failure;
  if (parseError) throw splitErrorToUnusable(parseError, file);
  const after = await fh.stat();
  if (bytesRead !== size || after.size !== size || after.mtimeMs !== mtimeMs) {
    throw new UnusableFileError(
      file,
      msg`The file changed while it was being read (it was ${size} bytes, now ${after.size}): the finance system may still be writing it. Wait until the export is complete and try again.`,
    );
  }
  if (headerLength === 0) throw new UnusableFileError(file, msg`The file has no header line.`, 1);
  return { sha256: hash?.digest('hex') ?? '' };
}

function splitErrorToUnusable(e: SplitError, file: Safe): UnusableFileError {
  const line = e.line;
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
