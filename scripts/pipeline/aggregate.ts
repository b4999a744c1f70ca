/**
 * Stage "aggregate": exact totals (integer öre) over published rows.
 *
 * - `Totals`: the whole, the redacted rows, and by month and period. Small whatever the data (validate uses only
 *   this).
 * - `Breakdown`: by supplier, account and department (`KeyedSums`). Memory grows with the number of distinct
 *   suppliers, accounts and departments, never with rows: about 150 bytes per distinct key plus its text (measured
 *   on a million distinct suppliers, accounts and departments; README, Performance).
 * Redacted rows (sole traders) are summed into one anonymous bucket, never into a named supplier. A supplier is
 * identified by its organisation number when it has a valid one (in any written form), otherwise by its name
 * (normalised: case, spacing and punctuation), so that placeholder ids (`NULL`, `SAKNAS`, `0`), foreign VAT numbers
 * and internal supplier numbers never merge different suppliers into one.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AmountBucket } from '../model.ts';
import { COL } from './columns.ts';
import { orgNumberOf } from './identity.ts';
import { OreSum, oreToText, textToOre } from './money.ts';
import { openTextFile } from './write.ts';
import { dateSpan } from './parse.ts';
import type { PublishedRow } from './redact.ts';

class Bucket {
  rows = 0;
  readonly sum = new OreSum();
  add(ore: number): void {
    this.rows++;
    this.sum.add(ore);
  }
  toJSON(): AmountBucket {
    return { rows: this.rows, total: this.sum.text() };
  }
  absorb(b: AmountBucket): void {
    this.rows += b.rows;
    this.sum.addBig(textToOre(b.total));
  }
}

class PeriodBucket extends Bucket {
  first = '';
  last = '';
}

const SPILL = 2 ** 52;

/**
 * Exact sums and row counts per key, compactly: one Map from key to a slot, and typed arrays per slot (a sum is a
 * double holding integer öre until it could lose precision, then it spills into a BigInt, as OreSum does).
 */
export class KeyedSums {
  private readonly slots = new Map<string, number>();
  private keys: string[] = [];
  private names: string[] = [];
  private rows = new Int32Array(1024);
  private sums = new Float64Array(1024);
  private big: Map<number, bigint> | null = null;

  get size(): number {
    return this.keys.length;
  }

  /** Adds a row's öre to `key`; `name` is kept from the first row of the key. Returns the key's slot. */
  add(key: string, name: string, ore: number): number {
    let i = this.slots.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.slots.set(key, i);
      this.keys.push(key);
      this.names.push(name);
      if (i >= this.rows.length) {
        const rows = new Int32Array(this.rows.length * 2);
        rows.set(this.rows);
        this.rows = rows;
        const sums = new Float64Array(this.sums.length * 2);
        sums.set(this.sums);
        this.sums = sums;
      }
    }
    this.rows[i]++;
    const s = this.sums[i] + ore;
    if (s > SPILL || s < -SPILL) {
      this.big ??= new Map();
      this.big.set(i, (this.big.get(i) ?? 0n) + BigInt(s));
      this.sums[i] = 0;
    } else this.sums[i] = s;
    return i;
  }

  total(i: number): bigint {
    return BigInt(this.sums[i]) + (this.big?.get(i) ?? 0n);
  }

  /** Adds a whole entry (from another file's sums): `rows` rows summing to `total` öre. */
  addEntry(key: string, name: string, rows: number, total: bigint): number {
    const i = this.add(key, name, 0);
    this.rows[i] += rows - 1;
    if (total !== 0n) {
      const t = Number(total);
      const s = this.sums[i] + t;
      if (t <= SPILL && t >= -SPILL && s <= SPILL && s >= -SPILL) this.sums[i] = s;
      else {
        this.big ??= new Map();
        this.big.set(i, (this.big.get(i) ?? 0n) + total);
      }
    }
    return i;
  }

  /** Every entry, one JSON array a line (`[key, name, rows, "total", ...extra]`), streaming. */
  async write(path: string, extra?: (slot: number) => string): Promise<void> {
    const out = openTextFile(path);
    for (let i = 0; i < this.keys.length; i++) {
      const e = [this.keys[i], this.names[i], this.rows[i], oreToText(this.total(i))];
      if (extra) e.push(extra(i));
      out.write(`${JSON.stringify(e)}\n`);
      if (out.needsDrain) await out.drained();
    }
    await out.close();
  }

  /** Adds every entry of a file `write` made; `onExtra(slot, value)` gets the extra field. */
  async absorb(path: string, onExtra?: (slot: number, value: string) => void): Promise<void> {
    const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === '') continue;
      const [key, name, rows, total, extra] = JSON.parse(line) as [string, string, number, string, string?];
      const slot = this.addEntry(key, name, rows, textToOre(total));
      if (onExtra && extra !== undefined) onExtra(slot, extra);
    }
  }

  /** Slots by total, largest first (ties by key), at most `limit`. */
  ranked(limit = Infinity): number[] {
    const n = this.keys.length;
    const order = Array.from({ length: n }, (_, i) => i);
    // Sums are exact doubles unless one spilled into a BigInt; compare exactly only where doubles could mislead.
    const approx = new Float64Array(n);
    for (let i = 0; i < n; i++) approx[i] = this.sums[i];
    if (this.big) for (const [i, b] of this.big) approx[i] += Number(b);
    const big = this.big;
    order.sort((a, b) => {
      const d = approx[b] - approx[a];
      if (d !== 0 && (big === null || (!big.has(a) && !big.has(b)) || Math.abs(d) > 1)) return d;
      if (big !== null && (big.has(a) || big.has(b))) {
        const exact = this.total(b) - this.total(a);
        if (exact !== 0n) return exact > 0n ? 1 : -1;
      }
      return this.keys[a] < this.keys[b] ? -1 : this.keys[a] > this.keys[b] ? 1 : 0;
    });
    return order.length > limit ? order.slice(0, limit) : order;
  }

  entry(i: number): { key: string; name: string; rows: number; total: string } {
    return { key: this.keys[i], name: this.names[i], rows: this.rows[i], total: oreToText(this.total(i)) };
  }
}

/** `Bygg  AB` and `BYGG AB.` are one supplier when there is no organisation number to tell them apart. */
export function supplierNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.,;:'"()\-–—_/]+/g, ' ')
    .trim();
}

/** Totals of the whole, of redacted rows, by month and by period. */
export class Totals {
  readonly all = new Bucket();
  readonly redacted = new Bucket();
  first = '';
  last = '';
  private readonly months = new Map<string, Bucket>();
  private readonly periods = new Map<string, PeriodBucket>();
  private lastMonth: Bucket | null = null;
  private lastMonthKey = '';
  private lastPeriod: PeriodBucket | null = null;
  private readonly monthPeriod = new Map<string, [Bucket, PeriodBucket]>();

  constructor(private readonly periodOf: (date: string) => string) {}

  add(ore: number, date: string, redacted: boolean): void {
    this.all.add(ore);
    if (redacted) this.redacted.add(ore);
    const [from, to] = date.length === 10 ? [date, date] : dateSpan(date);
    if (this.first === '' || from < this.first) this.first = from;
    if (to > this.last) this.last = to;
    // Exports are mostly in date order: the bucket of the previous row is usually the right one; else the month's.
    let m = this.lastMonth;
    let p = this.lastPeriod as PeriodBucket;
    if (m === null || !date.startsWith(this.lastMonthKey)) {
      const month = date.slice(0, 7);
      const known = this.monthPeriod.get(month);
      if (known) {
        m = known[0];
        p = known[1];
      } else {
        m = this.months.get(month) ?? null;
        if (!m) this.months.set(month, (m = new Bucket()));
        const periodKey = this.periodOf(date);
        let pb = this.periods.get(periodKey);
        if (!pb) this.periods.set(periodKey, (pb = new PeriodBucket()));
        p = pb;
        this.monthPeriod.set(month, [m, p]);
      }
      this.lastMonth = m;
      this.lastMonthKey = month;
      this.lastPeriod = p;
    }
    m.add(ore);
    p.add(ore);
    if (p.first === '' || from < p.first) p.first = from;
    if (to > p.last) p.last = to;
  }

  byMonth(): (AmountBucket & { month: string })[] {
    return [...this.months.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, b]) => ({ month, ...b.toJSON() }));
  }

  periodList(): { key: string; first: string; last: string; rows: number; total: string }[] {
    return [...this.periods.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([key, p]) => ({ key, first: p.first, last: p.last, ...p.toJSON() }));
  }

  toData(): TotalsData {
    return { all: this.all.toJSON(), redacted: this.redacted.toJSON(), first: this.first, last: this.last, months: this.byMonth(), periods: this.periodList() };
  }

  /** Adds another file's totals. */
  absorb(d: TotalsData): void {
    this.all.absorb(d.all);
    this.redacted.absorb(d.redacted);
    if (d.first !== '' && (this.first === '' || d.first < this.first)) this.first = d.first;
    if (d.last > this.last) this.last = d.last;
    for (const m of d.months) {
      let b = this.months.get(m.month);
      if (!b) this.months.set(m.month, (b = new Bucket()));
      b.absorb(m);
    }
    for (const p of d.periods) {
      let b = this.periods.get(p.key);
      if (!b) this.periods.set(p.key, (b = new PeriodBucket()));
      b.absorb(p);
      if (p.first !== '' && (b.first === '' || p.first < b.first)) b.first = p.first;
      if (p.last > b.last) b.last = p.last;
    }
    this.lastMonth = null;
    this.monthPeriod.clear();
  }
}

/** Totals as a file keeps them (unit.json). */
export interface TotalsData {
  all: AmountBucket;
  redacted: AmountBucket;
  first: string;
  last: string;
  months: (AmountBucket & { month: string })[];
  periods: { key: string; first: string; last: string; rows: number; total: string }[];
}

/** By supplier (named suppliers only), account and department. */
export class Breakdown {
  readonly suppliers = new KeyedSums();
  readonly accounts = new KeyedSums();
  readonly departments = new KeyedSums();
  /** For each supplier slot, its organisation number ('' when it has none). */
  private readonly orgNumbers: string[] = [];
  private lastId = '\u0000';
  private lastOrg: string | null = null;

  add(row: PublishedRow, ore: number, redacted: boolean): void {
    this.accounts.add(row[COL.konto_nr], row[COL.konto_text], ore);
    const dept = row[COL.forvaltning];
    this.departments.add(dept, dept, ore);
    if (redacted) return;
    const id = row[COL.leverantor_id];
    const name = row[COL.leverantor];
    if (id !== this.lastId) {
      this.lastId = id;
      this.lastOrg = id === '' ? null : orgNumberOf(id);
    }
    const org = this.lastOrg;
    const slot = this.suppliers.add(org ?? `n:${supplierNameKey(name)}`, name, ore);
    if (slot === this.orgNumbers.length) this.orgNumbers.push(org ?? '');
  }

  orgNumber(slot: number): string {
    return this.orgNumbers[slot];
  }

  /** The three lists as files in `dir` (suppliers.ndjson, accounts.ndjson, departments.ndjson). */
  async write(dir: string): Promise<void> {
    await this.suppliers.write(`${dir}/suppliers.ndjson`, (i) => this.orgNumbers[i]);
    await this.accounts.write(`${dir}/accounts.ndjson`);
    await this.departments.write(`${dir}/departments.ndjson`);
  }

  /** Adds another file's lists (written by `write`). */
  async absorb(dir: string): Promise<void> {
    await this.suppliers.absorb(`${dir}/suppliers.ndjson`, (slot, org) => {
      if (slot === this.orgNumbers.length) this.orgNumbers.push(org);
    });
    await this.accounts.absorb(`${dir}/accounts.ndjson`);
    await this.departments.absorb(`${dir}/departments.ndjson`);
  }
}

/** Totals, and (unless `breakdown: false`, as validate asks) the breakdown by supplier, account and department. */
export class Aggregator {
  readonly totals: Totals;
  readonly breakdown: Breakdown | null;

  constructor(periodOf: (date: string) => string, opts: { breakdown?: boolean } = {}) {
    this.totals = new Totals(periodOf);
    this.breakdown = opts.breakdown === false ? null : new Breakdown();
  }

  get all(): Bucket {
    return this.totals.all;
  }

  get redacted(): Bucket {
    return this.totals.redacted;
  }

  get first(): string {
    return this.totals.first;
  }

  get last(): string {
    return this.totals.last;
  }

  add(row: PublishedRow, ore: number, date: string, redacted: boolean): void {
    this.totals.add(ore, date, redacted);
    this.breakdown?.add(row, ore, redacted);
  }
}
