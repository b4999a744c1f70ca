/**
 * Sources, CSV part 3: decoded text → records, with their lines, as csv-parse reads them, four times faster.
 *
 * A line without a quote character is a record whose fields are the text between separators: nothing csv-parse
 * could read differently (no quote can open), so it is split here (`String.split`, native). A record with a quote
 * is found whole (a quote opens only at the start of a field; `""` inside is a quote; a quote followed by a
 * separator or a line end closes) and parsed by csv-parse itself, with the reader's options; should csv-parse not
 * read it as exactly one record, the rest of the file is handed to a csv-parse stream parser, which then reads on
 * exactly as before (and raises the errors it raises). Line ends LF, CRLF and CR in any mix; a CRLF is one line
 * break; lines are counted in the file's own lines, blank lines included. test/records.test.ts compares this with
 * csv-parse on random texts.
 */
import { Parser, type CsvError, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

export type Emit = (record: string[], line: number, endLine: number) => void;

/** A problem csv-parse would raise: `CSV_QUOTE_NOT_CLOSED`, `CSV_MAX_RECORD_SIZE`, or its own error. */
export class SplitError extends Error {
  constructor(
    readonly code: string,
    /** The line the record starts on. */
    readonly line: number,
    message = code,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Line breaks inside a record's values (CRLF counts once). */
export function lineBreaksIn(record: string[]): number {
  let n = 0;
  for (const v of record) {
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === LF || (c === CR && v.charCodeAt(i + 1) !== LF)) n++;
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
      if (c === LF || c === CR) n++;
    }
  }
  return n;
}

/**
 * csv-parse's stream parser, taking each record synchronously as the parser emits it (no per-record stream
 * overhead), with lines counted from `offset` and corrected for csv-parse counting each CR and LF inside a quoted
 * value as a line.
 */
class FallbackParser extends Parser {
  private parserLines = 0;
  private lines: number;
  failed: CsvError | null = null;

  constructor(
    options: Options,
    offset: number,
    private readonly onRecord: Emit,
  ) {
    super(options);
    this.lines = offset;
    this.on('error', (e: CsvError) => {
      this.failed ??= e;
    });
  }

  override push(chunk: unknown): boolean {
    if (chunk === null) return super.push(null);
    const record = chunk as string[];
    const linesAfter = this.info.lines;
    const delta = linesAfter - this.parserLines;
    this.parserLines = linesAfter;
    let line = this.lines + 1;
    let endLine = line;
    if (delta !== 1) {
      line = this.lines + (delta - charBreaksIn(record));
      endLine = line + lineBreaksIn(record);
    }
    this.lines = endLine;
    this.onRecord(record, line, endLine);
    return true;
  }

  /** The line after the last record read (where an error is). */
  get at(): number {
    return this.lines + 1;
  }
}

export class RecordSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly options: Options;
  private rest = '';
  /** Lines consumed before `rest`. */
  private lines = 0;
  private fallback: FallbackParser | null = null;

  /** Records emitted so far (the test of the hand-over counts them). */
  private emitted = 0;

  constructor(
    private readonly delimiter: string,
    private readonly maxChars: number,
    private readonly emit: Emit,
    /** Hand the rest to csv-parse after this many records (the tests' way to read the hand-over itself). */
    private readonly handOverAfter = Infinity,
  ) {
    this.options = { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_quotes: true, relax_column_count: true, skip_empty_lines: true, max_record_size: maxChars };
  }

  /** UTF-8 bytes of the file, in order. Throws SplitError (or the emitter's error). */
  write(bytes: Buffer): void {
    if (this.fallback) return this.feedFallback(Buffer.from(this.decoder.decode(bytes, { stream: true }), 'utf8'));
    this.rest = this.split(this.rest + this.decoder.decode(bytes, { stream: true }), false);
  }

  /** The end of the file. */
  async end(): Promise<void> {
    if (this.fallback) {
      const tail = this.decoder.decode();
      if (tail) this.feedFallback(Buffer.from(tail, 'utf8'));
      const p = this.fallback;
      await new Promise<void>((resolve) => {
        p.on('finish', resolve);
        p.on('error', () => resolve());
        p.end();
      });
      const failed = p.failed as CsvError | null;
      if (failed) throw new SplitError(failed.code, p.at, failed.message);
      return;
    }
    this.rest = this.split(this.rest + this.decoder.decode(), true);
  }

  private feedFallback(bytes: Buffer): void {
    const p = this.fallback as FallbackParser;
    if (p.failed) return;
    p.write(bytes);
    const failed = p.failed as CsvError | null;
    if (failed) throw new SplitError(failed.code, p.at, failed.message);
  }

  /** Emits the complete records of `text`; returns the rest (an incomplete record). */
  private split(text: string, final: boolean): string {
    const n = text.length;
    const delimiter = this.delimiter;
    // The next CR, LF and quote at or after `from` (n when there is none); each looked up again only once passed.
    const next = (ch: string, from: number) => {
      const i = text.indexOf(ch, from);
      return i < 0 ? n : i;
    };
    let pos = 0;
    let cr = next('\r', 0);
    let lf = next('\n', 0);
    let quote = next('"', 0);
    while (pos < n) {
      if (this.emitted >= this.handOverAfter) return this.handOver(text.slice(pos));
      if (cr < pos) cr = next('\r', pos);
      if (lf < pos) lf = next('\n', pos);
      if (quote < pos) quote = next('"', pos);
      let end = cr < lf ? cr : lf;
      if (end === n && !final) break; // the line goes on in the next chunk
      if (end === n - 1 && end === cr && !final) break; // a CR last: maybe the first half of a CRLF
      if (quote >= end) {
        if (end - pos > this.maxChars) throw new SplitError('CSV_MAX_RECORD_SIZE', this.lines + 1);
        if (end > pos) {
          this.emit(text.slice(pos, end).split(delimiter), this.lines + 1, this.lines + 1);
          this.emitted++;
        }
        this.lines++;
        pos = end + (end === cr && lf === end + 1 ? 2 : 1);
        continue;
      }
      // A record with a quote: find its end, then let csv-parse read it.
      const found = this.quotedEnd(text, pos, final);
      if (found === null) {
        if (final) throw new SplitError('CSV_QUOTE_NOT_CLOSED', this.lines + 1);
        if (n - pos > this.maxChars) throw new SplitError('CSV_MAX_RECORD_SIZE', this.lines + 1);
        break;
      }
      end = found.end;
      const body = text.slice(pos, end);
      if (body.length > this.maxChars) throw new SplitError('CSV_MAX_RECORD_SIZE', this.lines + 1);
      let records: string[][] | null = null;
      try {
        records = parseSync(body, this.options) as string[][];
      } catch {
        records = null;
      }
      // Not one record as csv-parse reads it: csv-parse reads the rest of the file itself.
      if (records === null || records.length !== 1) return this.handOver(text.slice(pos));
      this.emit(records[0], this.lines + 1, this.lines + 1 + found.breaks);
      this.emitted++;
      this.lines += 1 + found.breaks;
      pos = end >= n ? n : end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
    }
    return text.slice(pos);
  }

  /** From here on csv-parse's stream parser reads the file (`rest` first). */
  private handOver(rest: string): string {
    this.fallback = new FallbackParser(this.options, this.lines, this.emit);
    this.feedFallback(Buffer.from(rest, 'utf8'));
    return '';
  }

  /**
   * Where a record that holds a quote ends (the index of its line break, or the text's end at the file's end), and
   * how many line breaks lie inside it; null when the text ends first.
   */
  private quotedEnd(text: string, pos: number, final: boolean): { end: number; breaks: number } | null {
    const n = text.length;
    const delim = this.delimiter.charCodeAt(0);
    let fieldStart = true;
    let inQuotes = false;
    let breaks = 0;
    for (let i = pos; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (c === QUOTE) {
          if (i + 1 >= n && !final) return null; // `""` or a closing quote: the next chunk tells
          if (text.charCodeAt(i + 1) === QUOTE) {
            i++;
            continue;
          }
          inQuotes = false;
        } else if (c === CR) {
          if (i + 1 >= n && !final) return null;
          breaks++;
          if (text.charCodeAt(i + 1) === LF) i++;
        } else if (c === LF) breaks++;
        continue;
      }
      if (c === QUOTE && fieldStart) {
        inQuotes = true;
        fieldStart = false;
      } else if (c === delim) fieldStart = true;
      else if (c === CR || c === LF) {
        if (c === CR && i + 1 >= n && !final) return null;
        return { end: i, breaks };
      } else fieldStart = false;
    }
    return final && !inQuotes ? { end: n, breaks } : null;
  }
}
