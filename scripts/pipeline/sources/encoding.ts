/**
 * Sources, CSV part 1: which character encoding an export uses, and a decoder to UTF-8 for the CSV parser.
 * Detection: a byte order mark (UTF-8, UTF-16LE, UTF-16BE), else strict UTF-8 over the whole file, else
 * Windows-1252 (the encoding of older Swedish exports).
 */
import type { FileHandle } from 'node:fs/promises';
import { isAscii, isUtf8 } from 'node:buffer';

export type Encoding = 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';

/** Bytes of the BOM for each encoding that has one. */
export function bomLength(encoding: Encoding): number {
  return encoding === 'UTF-8 with BOM' ? 3 : encoding === 'UTF-16LE' || encoding === 'UTF-16BE' ? 2 : 0;
}

function fromBom(head: Buffer): Encoding | null {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'UTF-8 with BOM';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'UTF-16LE';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'UTF-16BE';
  return null;
}

/** Length of an incomplete UTF-8 sequence at the end of `buf` (0–3 bytes), so a chunk can be checked alone. */
function incompleteTail(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

export interface Detected {
  encoding: Encoding;
  /** Bytes of byte order mark to skip at the start. */
  bomBytes: number;
  /** Whether UTF-16 was recognised without a byte order mark. */
  noBom: boolean;
  /** Whether the file holds any byte at all after the BOM. */
  empty: boolean;
  /** A binary file: an Excel workbook (zip) or something else that is not text. */
  binary: 'workbook' | 'binary' | null;
  /** Line of the first NUL byte in a text file (not UTF-16), or null. */
  nulLine: number | null;
  /** UTF-8 with a few bytes that are not valid UTF-8 (they become U+FFFD; the rows are flagged). */
  invalidBytes: boolean;
}

const PROBE = 65536;

/** UTF-16 without a BOM: most bytes at odd (LE) or even (BE) positions are NUL in Latin-script text. */
function utf16WithoutBom(probe: Buffer): 'UTF-16LE' | 'UTF-16BE' | null {
  if (probe.length < 8) return null;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < probe.length; i++) if (probe[i] === 0) (i % 2 ? odd++ : even++);
  const half = probe.length / 2;
  if (odd > half * 0.7 && even < half * 0.05) return 'UTF-16LE';
  if (even > half * 0.7 && odd < half * 0.05) return 'UTF-16BE';
  return null;
}

function looksBinary(probe: Buffer): boolean {
  let control = 0;
  for (let i = 0; i < probe.length; i++) {
    const b = probe[i];
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a)) control++;
  }
  return control > probe.length * 0.02 + 4;
}

/** The 1-based line that holds byte `offset` (line ends LF, CRLF or CR). */
async function lineAt(fh: FileHandle, offset: number): Promise<number> {
  const chunk = Buffer.allocUnsafe(1 << 20);
  let line = 1;
  let position = 0;
  let prevCr = false;
  while (position < offset) {
    const { bytesRead } = await fh.read(chunk, 0, Math.min(chunk.length, offset - position), position);
    if (bytesRead === 0) break;
    for (let i = 0; i < bytesRead; i++) {
      const b = chunk[i];
      if (b === 0x0a) {
        if (!prevCr) line++;
        prevCr = false;
      } else if (b === 0x0d) {
        line++;
        prevCr = true;
      } else prevCr = false;
    }
    position += bytesRead;
  }
  return line;
}

/**
 * Reads the file once (in 1 MiB chunks, constant memory) to decide its encoding and whether it is text at all.
 * A UTF-8 file with a few broken bytes (a stray Windows-1252 byte, a cut-off last character) stays UTF-8 when it
 * also holds valid multi-byte UTF-8: decoding it all as Windows-1252 would publish mojibake on every row.
 */
export async function detectEncoding(fh: FileHandle): Promise<Detected> {
  {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let { bytesRead } = await fh.read(chunk, 0, chunk.length, 0);
    const head = Buffer.from(chunk.subarray(0, Math.min(bytesRead, PROBE)));
    const bom = fromBom(head);
    const bomBytes = bom ? bomLength(bom) : 0;
    const base = { bomBytes, noBom: false, empty: bytesRead <= bomBytes, binary: null, nulLine: null, invalidBytes: false };
    if (bom === 'UTF-16LE' || bom === 'UTF-16BE') return { ...base, encoding: bom };
    const probe = head.subarray(bomBytes);
    if (probe.length >= 4 && probe[0] === 0x50 && probe[1] === 0x4b && probe[2] === 0x03 && probe[3] === 0x04) {
      return { ...base, encoding: 'UTF-8', binary: 'workbook' };
    }
    if (!bom) {
      const u16 = utf16WithoutBom(probe);
      if (u16) return { ...base, encoding: u16, noBom: true };
    }
    if (looksBinary(probe)) return { ...base, encoding: 'UTF-8', binary: 'binary' };

    let position = 0;
    let carry = Buffer.alloc(0);
    let valid = true; // every chunk so far is valid UTF-8
    let multibyte = false; // some valid non-ASCII UTF-8 was seen
    let nulOffset = -1;
    for (;;) {
      ({ bytesRead } = await fh.read(chunk, 0, chunk.length, position));
      if (bytesRead === 0) break;
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      const nul = data.indexOf(0);
      if (nul >= 0) {
        nulOffset = position - carry.length + nul;
        break;
      }
      position += bytesRead;
      const tail = incompleteTail(data);
      const body = data.subarray(0, data.length - tail);
      if (isUtf8(body)) {
        if (!multibyte && !isAscii(body)) multibyte = true;
      } else {
        valid = false;
        // UTF-8 letters (å ä ö é: C3 followed by a continuation byte) next to the broken bytes: broken UTF-8.
        if (!multibyte && /\xC3[\x80-\xBF]/.test(body.toString('latin1'))) multibyte = true;
      }
      carry = Buffer.from(data.subarray(data.length - tail));
    }
    if (nulOffset >= 0) return { ...base, encoding: 'UTF-8', nulLine: await lineAt(fh, nulOffset) };
    if (valid && carry.length) return { ...base, encoding: bom ?? 'UTF-8', invalidBytes: true }; // cut inside a character
    if (valid) return { ...base, encoding: bom ?? 'UTF-8' };
    if (multibyte || bom) return { ...base, encoding: bom ?? 'UTF-8', invalidBytes: true };
    return { ...base, encoding: 'Windows-1252' };
  }
}

/** Windows-1252 bytes 0x80–0x9F (where it differs from Latin-1); undefined bytes map to U+FFFD. */
const CP1252_HIGH =
  '\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\uFFFD\u017D\uFFFD' +
  '\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\uFFFD\u017E\u0178';

/** Windows-1252 → string. Node's TextDecoder treats windows-1252 as Latin-1, so this maps 0x80–0x9F itself. */
export function decodeCp1252(buf: Buffer): string {
  const s = buf.toString('latin1');
  return /[\x80-\x9f]/.test(s) ? s.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]) : s;
}

/**
 * Returns a function turning the file's chunks (BOM already removed) into UTF-8 buffers for the CSV parser,
 * or null when the bytes can go to the parser as they are. Call it with `end = true` once at the end.
 */
export function utf8Transcoder(encoding: Encoding): ((chunk: Buffer, end: boolean) => Buffer) | null {
  if (encoding === 'UTF-8' || encoding === 'UTF-8 with BOM') return null;
  if (encoding === 'Windows-1252') return (chunk) => Buffer.from(decodeCp1252(chunk), 'utf8');
  const decoder = new TextDecoder(encoding === 'UTF-16LE' ? 'utf-16le' : 'utf-16be');
  return (chunk, end) => Buffer.from(decoder.decode(chunk, { stream: !end }), 'utf8');
}
