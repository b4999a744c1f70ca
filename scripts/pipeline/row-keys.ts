/**
 * Row keys, to find the same rows in two export files (the same month twice: `2026-02 (1).csv` beside
 * `2026-02.csv`). A row's key is its voucher number and date (or, without a voucher number, its supplier, invoice,
 * date, amount and account), hashed to 64 bits. Each file's distinct keys are kept sorted on disk, written in runs
 * of at most RUN_KEYS keys and merged, so memory stays bounded (8 MB) however many rows a file has; the files of a
 * dataset are compared in one merge over their key files.
 */
import { closeSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { COL } from './columns.ts';
import type { PublishedRow } from './redact.ts';

const RUN_KEYS = 1 << 20;
const READ_KEYS = 8192;

function fnv(text: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The 64-bit key of a published row. */
export function rowKey(row: PublishedRow): bigint {
  const voucher = row[COL.verifikationsnummer];
  const text =
    voucher !== ''
      ? `v${voucher}\u0000${row[COL.datum]}`
      : `r${row[COL.leverantor_id]}\u0000${row[COL.leverantor]}\u0000${row[COL.fakturanummer]}\u0000${row[COL.datum]}\u0000${row[COL.belopp]}\u0000${row[COL.konto_nr]}`;
  return (BigInt(fnv(text, 0x811c9dc5)) << 32n) | BigInt(fnv(text, 0x050c5d1f));
}

/** Reads a sorted key file in chunks. */
class KeyReader {
  private readonly fd: number;
  private readonly buf = new BigUint64Array(READ_KEYS);
  private n = 0;
  private at = 0;
  private offset = 0;
  current: bigint | null = null;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.advance();
  }

  advance(): void {
    if (this.at >= this.n) {
      const bytes = readSync(this.fd, new Uint8Array(this.buf.buffer), 0, this.buf.byteLength, this.offset);
      this.offset += bytes;
      this.n = Math.floor(bytes / 8);
      this.at = 0;
      if (this.n === 0) {
        this.current = null;
        return;
      }
    }
    this.current = this.buf[this.at++];
  }

  close(): void {
    closeSync(this.fd);
  }
}

function writeKeys(fd: number, keys: BigUint64Array): void {
  const bytes = new Uint8Array(keys.buffer, keys.byteOffset, keys.byteLength);
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}

/** Merges sorted key files into one of distinct keys (in order). */
function mergeRuns(runs: string[], target: string): number {
  const readers = runs.map((r) => new KeyReader(r));
  const fd = openSync(target, 'w');
  const out = new BigUint64Array(READ_KEYS);
  let n = 0;
  let distinct = 0;
  let last: bigint | null = null;
  try {
    for (;;) {
      let min: KeyReader | null = null;
      for (const r of readers) if (r.current !== null && (min === null || r.current < (min.current as bigint))) min = r;
      if (min === null) break;
      const k = min.current as bigint;
      min.advance();
      if (k === last) continue;
      last = k;
      out[n++] = k;
      distinct++;
      if (n === out.length) {
        writeKeys(fd, out);
        n = 0;
      }
    }
    if (n) writeKeys(fd, out.subarray(0, n));
  } finally {
    closeSync(fd);
    for (const r of readers) r.close();
  }
  return distinct;
}

/** The distinct keys of one file's published rows, sorted, in `path`. */
export class RowKeyWriter {
  private buf = new BigUint64Array(1024);
  private n = 0;
  private readonly runs: string[] = [];

  constructor(readonly path: string) {}

  add(row: PublishedRow): void {
    if (this.n === this.buf.length) {
      if (this.buf.length < RUN_KEYS) {
        const bigger = new BigUint64Array(this.buf.length * 2);
        bigger.set(this.buf);
        this.buf = bigger;
      } else this.spill();
    }
    this.buf[this.n++] = rowKey(row);
  }

  private spill(): void {
    const run = `${this.path}.run${this.runs.length}`;
    const keys = this.buf.subarray(0, this.n).sort();
    const fd = openSync(run, 'w');
    try {
      writeKeys(fd, keys);
    } finally {
      closeSync(fd);
    }
    this.runs.push(run);
    this.n = 0;
  }

  /** Writes the file; returns how many distinct keys it holds. */
  close(): number {
    this.spill();
    let distinct: number;
    if (this.runs.length === 1) {
      // One run: drop repeated keys (a voucher's several lines) while moving it into place.
      distinct = mergeRuns(this.runs, `${this.path}.tmp`);
      renameSync(`${this.path}.tmp`, this.path);
    } else distinct = mergeRuns(this.runs, this.path);
    for (const r of this.runs) rmSync(r, { force: true });
    this.buf = new BigUint64Array(0);
    return distinct;
  }
}

/** For files of one dataset (their key files), how many keys each pair shares: `[i, j, shared]` with i < j. */
export function sharedKeys(paths: string[]): [number, number, number][] {
  const readers = paths.map((p) => new KeyReader(p));
  const pairs = new Map<string, number>();
  try {
    for (;;) {
      let min: bigint | null = null;
      for (const r of readers) if (r.current !== null && (min === null || r.current < min)) min = r.current;
      if (min === null) break;
      const holders: number[] = [];
      readers.forEach((r, i) => {
        if (r.current === min) {
          holders.push(i);
          r.advance();
        }
      });
      if (holders.length > 1) {
        for (let a = 0; a < holders.length; a++) {
          for (let b = a + 1; b < holders.length; b++) {
            const k = `${holders[a]},${holders[b]}`;
            pairs.set(k, (pairs.get(k) ?? 0) + 1);
          }
        }
      }
    }
  } finally {
    for (const r of readers) r.close();
  }
  return [...pairs.entries()].map(([k, n]) => {
    const [i, j] = k.split(',').map(Number);
    return [i, j, n] as [number, number, number];
  });
}
