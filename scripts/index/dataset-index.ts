/**
 * The index of one dataset (or one part of it: one period file), made from what it published: its period CSV files, read back row by row. Per supplier
 * (by organisation number, else by normalised name, as the pipeline groups them; never a sole trader): its names,
 * totals by year, month, account and department, its largest payments, and its rows (kept for a download when there
 * are at most SUPPLIER_ROWS_FILE_CAP); per account and department: totals by year and month and the suppliers paid.
 * Memory grows with distinct suppliers, accounts and pairs of them (up to INDEX_SUPPLIER_CAP suppliers a dataset),
 * never with rows. The rows go to ROW_BUCKETS bucket files (`rows/<b>.csv`, a supplier's rows all in bucket
 * `bucketOf(key)`, the same in every dataset; each row as `<ordinal> <bytes>\n` and its CSV line, so that the
 * merge cuts it out without parsing CSV), a few large files instead of one per supplier:
 * the merge reads one bucket of every dataset at a time and writes the suppliers' files from it.
 */
import { closeSync, createReadStream, mkdirSync, openSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetBuild, PublishedFile } from '../model.ts';
import { supplierNameKey } from '../pipeline/aggregate.ts';
import { COL, SPEC_COLUMNS } from '../pipeline/columns.ts';
import { orgNumberOf } from '../pipeline/identity.ts';
import { oreToText } from '../pipeline/money.ts';
import { parseAmount } from '../pipeline/parse.ts';
import { SOLE_TRADER_NAME } from '../pipeline/redact.ts';
import { RecordSplitter } from '../pipeline/sources/records.ts';
import { quoteCsv } from '../pipeline/write.ts';
import type { Payment } from './model.ts';

/** A supplier with more rows than this gets no single rows file (the period files hold them). */
export const SUPPLIER_ROWS_FILE_CAP = 5000;
/** Suppliers tracked per dataset (the largest sites have 25,000; beyond this, only accounts and departments count). */
export const INDEX_SUPPLIER_CAP = 200_000;
/** Bucket files of rows per dataset. */
export const ROW_BUCKETS = 64;
const BUCKET_BUFFER = 256 * 1024;

/** The bucket of a supplier's rows, from its key (FNV-1a): the same for the same supplier in every dataset. */
export function bucketOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % ROW_BUCKETS;
}
const LARGEST = 10;

const SPILL = 2 ** 52;

/** rows and an exact sum of öre (a double until it could lose precision, then a BigInt). */
class Acc {
  rows = 0;
  small = 0;
  big = 0n;
  add(ore: number): void {
    this.rows++;
    const s = this.small + ore;
    if (s > SPILL || s < -SPILL) {
      this.big += BigInt(s);
      this.small = 0;
    } else this.small = s;
  }
  value(): bigint {
    return this.big + BigInt(this.small);
  }
  text(): string {
    return oreToText(this.value());
  }
}

/**
 * A string of its own: the fields come from splitting a large chunk of the file, and V8 keeps a slice of a string
 * pointing into the whole chunk. What the index keeps past the row (a map's key, a name, a payment) is copied, or
 * 184,000 suppliers would hold every chunk of the file in memory (measured: 2.6 GB on 1M rows).
 */
function own(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

function accIn(map: Map<string, Acc>, key: string): Acc {
  let a = map.get(key);
  if (!a) map.set(own(key), (a = new Acc()));
  return a;
}

interface SupplierAcc {
  key: string;
  org: string;
  names: Map<string, number>;
  acc: Acc;
  years: Map<string, Acc>;
  months: Map<string, Acc>;
  accounts: Map<string, { name: string; acc: Acc }>;
  departments: Map<string, Acc>;
  largest: { abs: number; payment: Payment }[];
  /** Its position in the index file, and its rows' bucket (bucketOf). */
  ordinal: number;
  bucket: number;
  /** The bytes of its CSV lines in the bucket file. */
  rowBytes: number;
}

interface LedgerAcc {
  account: string;
  name: string;
  acc: Acc;
  years: Map<string, Acc>;
  months: Map<string, Acc>;
  suppliers: Map<string, Acc>;
  redacted: Acc;
}

type Triple = [string, number, string];
const triples = (m: Map<string, Acc>): Triple[] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, a]) => [k, a.rows, a.text()]);

/** What a dataset's index file holds (index.json in its folder; rows/<n>.csv beside it). */
export interface DatasetIndexFile {
  dataset: string;
  publisher: string;
  suppliers: {
    key: string;
    org: string;
    names: [string, number][];
    rows: number;
    total: string;
    years: Triple[];
    months: Triple[];
    accounts: [string, string, number, string][];
    departments: Triple[];
    /** The largest payments as PaymentTuple (the dataset and publisher are the file's). */
    largest: PaymentTuple[];
    /** Its rows are all in its bucket file (it has at most SUPPLIER_ROWS_FILE_CAP). */
    fileable: boolean;
    /** The bytes of its rows' CSV lines in the bucket file (its rows file's size is known before it is written). */
    rowBytes: number;
  }[];
  /** Suppliers not tracked (past INDEX_SUPPLIER_CAP). */
  untracked: number;
  accounts: LedgerFile[];
  departments: LedgerFile[];
}

export interface LedgerFile {
  account: string;
  name: string;
  rows: number;
  total: string;
  years: Triple[];
  months: Triple[];
  suppliers: Triple[];
  supplierCount: number;
  redacted: [number, string];
}

/** A payment in the index file: datum, belopp, konto_nr, konto_text, forvaltning, verifikationsnummer, fakturanummer. */
export type PaymentTuple = [string, string, string, string, string, string, string];

export function paymentOf(t: PaymentTuple, publisher: string, dataset: string): Payment {
  const [datum, belopp, konto_nr, konto_text, forvaltning, verifikationsnummer, fakturanummer] = t;
  return { publisher, dataset, datum, belopp, konto_nr, konto_text, forvaltning, verifikationsnummer, fakturanummer };
}

/** A published CSV value without the spreadsheet guard (`'=…` is `=…`). */
function unguard(v: string): string {
  return v.charCodeAt(0) === 0x27 && /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

/** Reads one published CSV (spec columns, header first; or a bucket file, without one) record by record. */
export async function readPublished(path: string, onRow: (fields: string[]) => void, hasHeader = true): Promise<void> {
  let header = hasHeader;
  const splitter = new RecordSplitter(',', 64 * 1024 * 1024, (record) => {
    if (header) {
      header = false;
      return;
    }
    onRow(record);
  });
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) splitter.write(chunk);
  await splitter.end();
}

/** Builds the index of a dataset into `dir` (index.json and rows/). `root` is the output the dataset was written to. */
export async function indexDataset(d: DatasetBuild, root: string, dir: string, only?: PublishedFile[]): Promise<DatasetIndexFile> {
  mkdirSync(join(dir, 'rows'), { recursive: true });
  const suppliers = new Map<string, SupplierAcc>();
  const accounts = new Map<string, LedgerAcc>();
  const departments = new Map<string, LedgerAcc>();
  let untracked = 0;
  const untrackedKeys = new Set<string>();
  const fds = Array.from({ length: ROW_BUCKETS }, (_, b) => openSync(join(dir, 'rows', `${b}.csv`), 'w'));
  const pending: string[] = Array.from({ length: ROW_BUCKETS }, () => '');
  const flush = (b: number) => {
    if (pending[b]) writeSync(fds[b], pending[b]);
    pending[b] = '';
  };
  const ledger = (map: Map<string, LedgerAcc>, key: string, account: string, name: string): LedgerAcc => {
    let l = map.get(key);
    if (!l) map.set(own(key), (l = { account: own(account), name: own(name), acc: new Acc(), years: new Map(), months: new Map(), suppliers: new Map(), redacted: new Acc() }));
    return l;
  };

  try {
    for (const period of d.summary.periods) {
      for (const file of period.files.filter((f) => f.format === 'CSV' && (!only || only.includes(f)))) {
        await readPublished(join(root, file.path), (fields) => {
          const amount = parseAmount(fields[COL.belopp], '.');
          if (!amount.ok) return; // the pipeline wrote only amounts it read
          const ore = amount.ore;
          const datum = fields[COL.datum];
          const year = datum.slice(0, 4);
          const month = datum.slice(0, 7);
          const id = fields[COL.leverantor_id];
          const name = unguard(fields[COL.leverantor]);
          const redacted = id === '' && name === SOLE_TRADER_NAME;
          const konto = unguard(fields[COL.konto_nr]);
          const kontoText = unguard(fields[COL.konto_text]);
          const dept = unguard(fields[COL.forvaltning]);
          const key = redacted ? '' : (orgNumberOf(id) ?? `n:${supplierNameKey(name)}`);
          for (const [map, k, account, label] of [
            [accounts, konto, konto, kontoText],
            [departments, dept, '', dept],
          ] as const) {
            const l = ledger(map, k, account, label);
            l.acc.add(ore);
            accIn(l.years, year).add(ore);
            accIn(l.months, month).add(ore);
            if (redacted) l.redacted.add(ore);
            else accIn(l.suppliers, key).add(ore);
          }
          if (redacted) return;
          let s = suppliers.get(key);
          if (!s) {
            if (suppliers.size >= INDEX_SUPPLIER_CAP) {
              if (!untrackedKeys.has(key) && untrackedKeys.size < INDEX_SUPPLIER_CAP) untrackedKeys.add(own(key));
              untracked = untrackedKeys.size;
              return;
            }
            const k = own(key);
            s = {
              key: k,
              org: k.startsWith('n:') ? '' : k,
              names: new Map(),
              acc: new Acc(),
              years: new Map(),
              months: new Map(),
              accounts: new Map(),
              departments: new Map(),
              largest: [],
              ordinal: suppliers.size,
              bucket: bucketOf(key),
              rowBytes: 0,
            };
            suppliers.set(k, s);
          }
          const seen = s.names.get(name);
          s.names.set(seen === undefined ? own(name) : name, (seen ?? 0) + 1);
          s.acc.add(ore);
          accIn(s.years, year).add(ore);
          accIn(s.months, month).add(ore);
          let a = s.accounts.get(konto);
          if (!a) s.accounts.set(own(konto), (a = { name: own(kontoText), acc: new Acc() }));
          a.acc.add(ore);
          accIn(s.departments, dept).add(ore);
          const abs = Math.abs(ore);
          if (s.largest.length < LARGEST || abs > s.largest[s.largest.length - 1].abs) {
            s.largest.push({
              abs,
              payment: {
                publisher: d.publisher.id,
                dataset: d.id,
                datum: own(datum),
                belopp: own(fields[COL.belopp]),
                konto_nr: own(konto),
                konto_text: own(kontoText),
                forvaltning: own(dept),
                verifikationsnummer: own(unguard(fields[COL.verifikationsnummer])),
                fakturanummer: own(unguard(fields[COL.fakturanummer])),
              },
            });
            s.largest.sort((x, y) => y.abs - x.abs || (x.payment.datum < y.payment.datum ? -1 : x.payment.datum > y.payment.datum ? 1 : 0));
            if (s.largest.length > LARGEST) s.largest.pop();
          }
          if (s.acc.rows <= SUPPLIER_ROWS_FILE_CAP) {
            const b = s.bucket;
            const line = `${fields.map(quoteCsv).join(',')}\r\n`;
            const size = Buffer.byteLength(line);
            s.rowBytes += size;
            pending[b] += `${s.ordinal} ${size}\n${line}`;
            if (pending[b].length > BUCKET_BUFFER) flush(b);
          }
        });
      }
    }
    for (let b = 0; b < ROW_BUCKETS; b++) flush(b);
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  const ledgerFile = (l: LedgerAcc): LedgerFile => {
    const sup = [...l.suppliers.entries()].sort((a, b) => {
      const d = b[1].value() - a[1].value();
      return d > 0n ? 1 : d < 0n ? -1 : a[0] < b[0] ? -1 : 1;
    });
    return {
      account: l.account,
      name: l.name,
      rows: l.acc.rows,
      total: l.acc.text(),
      years: triples(l.years),
      months: triples(l.months),
      // All of them: a part is one period, the merge sums the periods and names the largest.
      suppliers: sup.map(([k, a]) => [k, a.rows, a.text()]),
      supplierCount: sup.length,
      redacted: [l.redacted.rows, l.redacted.text()],
    };
  };
  const file: DatasetIndexFile = {
    dataset: d.id,
    publisher: d.publisher.id,
    suppliers: [...suppliers.values()].map((s) => ({
      key: s.key,
      org: s.org,
      names: [...s.names.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 20),
      rows: s.acc.rows,
      total: s.acc.text(),
      years: triples(s.years),
      months: triples(s.months),
      accounts: [...s.accounts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, a]) => [k, a.name, a.acc.rows, a.acc.text()]),
      departments: triples(s.departments),
      largest: s.largest.map(({ payment: p }) => [p.datum, p.belopp, p.konto_nr, p.konto_text, p.forvaltning, p.verifikationsnummer, p.fakturanummer] as PaymentTuple),
      fileable: s.acc.rows <= SUPPLIER_ROWS_FILE_CAP,
      rowBytes: s.rowBytes,
    })),
    untracked,
    accounts: [...accounts.values()].map(ledgerFile),
    departments: [...departments.values()].map(ledgerFile),
  };
  await writeFile(join(dir, 'index.json'), JSON.stringify(file));
  return file;
}

/** The header line of a supplier's rows file. */
export const ROWS_HEADER = `${SPEC_COLUMNS.join(',')}\r\n`;
