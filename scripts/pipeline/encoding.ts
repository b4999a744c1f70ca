/**
 * Stage "read", part 1: which character encoding an export uses, and a decoder to UTF-8 for the CSV parser.
 * Detection: a byte order mark (UTF-8, UTF-16LE, UTF-16BE), else strict UTF-8 over the whole file, else
 * Windows-1252 (the encoding of older Swedish exports).
 */
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';

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
  /** Whether the file holds any byte at all after the BOM. */
  empty: boolean;
  /** Whether the file looks binary (NUL bytes in its first 64 KiB, outside UTF-16). */
  binary: boolean;
}

/** Reads the file once (in 1 MiB chunks, constant memory) to decide its encoding. */
export async function detectEncoding(path: string): Promise<Detected> {
  const fh = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let carry = Buffer.alloc(0);
    let { bytesRead } = await fh.read(chunk, 0, chunk.length, 0);
    const head = chunk.subarray(0, bytesRead);
    const bom = fromBom(head);
    const afterBom = bom ? bomLength(bom) : 0;
    const empty = bytesRead <= afterBom;
    const probe = head.subarray(afterBom, Math.min(bytesRead, 65536));
    if (bom === 'UTF-16LE' || bom === 'UTF-16BE') return { encoding: bom, empty, binary: false };
    const binary = probe.includes(0);
    if (bom) return { encoding: bom, empty, binary };
    let position = 0;
    let utf8 = true;
    for (;;) {
      ({ bytesRead } = await fh.read(chunk, 0, chunk.length, position));
      if (bytesRead === 0) {
        if (carry.length) utf8 = false; // the file ends inside a multi-byte sequence
        break;
      }
      position += bytesRead;
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      const tail = incompleteTail(data);
      if (!isUtf8(data.subarray(0, data.length - tail))) {
        utf8 = false;
        break;
      }
      carry = Buffer.from(data.subarray(data.length - tail));
    }
    return { encoding: utf8 ? 'UTF-8' : 'Windows-1252', empty, binary };
  } finally {
    await fh.close();
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
