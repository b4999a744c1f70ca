/**
 * Stage "aggregate": exact totals (integer öre) over published rows, by month, account, department, supplier and
 * period. Memory grows with the number of distinct suppliers/accounts/months, never with rows.
 * Redacted rows (sole traders) are summed into one anonymous bucket, never into a named supplier.
 */
import type { AmountBucket, SupplierTotal } from '../model.ts';
import { COL } from './columns.ts';
import { OreSum } from './money.ts';
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
}

class Named extends Bucket {
  constructor(readonly name: string, readonly id = '') {
    super();
  }
}

class PeriodBucket extends Bucket {
  first = '';
  last = '';
}

function byTotalDesc<T extends Bucket>(a: [string, T], b: [string, T]): number {
  const d = b[1].sum.value() - a[1].sum.value();
  return d > 0n ? 1 : d < 0n ? -1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

export const TOP_SUPPLIERS = 25;

export class Aggregator {
  readonly all = new Bucket();
  readonly redacted = new Bucket();
  first = '';
  last = '';
  private readonly months = new Map<string, Bucket>();
  private readonly accounts = new Map<string, Named>();
  private readonly departments = new Map<string, Named>();
  private readonly suppliers = new Map<string, Named>();
  private readonly periods = new Map<string, PeriodBucket>();
  private lastMonth: Bucket | null = null;
  private lastMonthKey = '';
  private lastPeriod: PeriodBucket | null = null;

  constructor(private readonly periodOf: (date: string) => string) {}

  add(row: PublishedRow, ore: number, date: string, redacted: boolean): void {
    this.all.add(ore);
    const [from, to] = date.length === 10 ? [date, date] : dateSpan(date);
    if (this.first === '' || from < this.first) this.first = from;
    if (to > this.last) this.last = to;

    // Exports are mostly in date order: the bucket of the previous row is usually the right one.
    let m = this.lastMonth;
    if (m === null || !date.startsWith(this.lastMonthKey)) {
      const month = date.slice(0, 7);
      m = this.months.get(month) ?? null;
      if (!m) this.months.set(month, (m = new Bucket()));
      this.lastMonth = m;
      this.lastMonthKey = month;
      const periodKey = this.periodOf(date);
      let pb = this.periods.get(periodKey);
      if (!pb) this.periods.set(periodKey, (pb = new PeriodBucket()));
      this.lastPeriod = pb;
    }
    m.add(ore);
    const p = this.lastPeriod as PeriodBucket;
    p.add(ore);
    if (p.first === '' || from < p.first) p.first = from;
    if (to > p.last) p.last = to;

    const account = row[COL.konto_nr];
    let a = this.accounts.get(account);
    if (!a) this.accounts.set(account, (a = new Named(row[COL.konto_text])));
    a.add(ore);

    const dept = row[COL.forvaltning];
    let d = this.departments.get(dept);
    if (!d) this.departments.set(dept, (d = new Named(dept)));
    d.add(ore);

    if (redacted) {
      this.redacted.add(ore);
      return;
    }
    const id = row[COL.leverantor_id];
    const name = row[COL.leverantor];
    const key = id === '' ? `n:${name.toUpperCase()}` : id.length === 10 ? id : id.replace(/[-\s]/g, '');
    let s = this.suppliers.get(key);
    if (!s) this.suppliers.set(key, (s = new Named(name, id)));
    s.add(ore);
  }

  get supplierCount(): number {
    return this.suppliers.size;
  }

  topSuppliers(n = TOP_SUPPLIERS): SupplierTotal[] {
    return [...this.suppliers.entries()]
      .sort(byTotalDesc)
      .slice(0, n)
      .map(([, s]) => ({ name: s.name, id: s.id, ...s.toJSON() }));
  }

  byMonth() {
    return [...this.months.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, b]) => ({ month, ...b.toJSON() }));
  }

  byAccount() {
    return [...this.accounts.entries()].sort(byTotalDesc).map(([account, b]) => ({ account, name: b.name, ...b.toJSON() }));
  }

  byDepartment() {
    return [...this.departments.entries()].sort(byTotalDesc).map(([, b]) => ({ name: b.name, ...b.toJSON() }));
  }

  periodList(): { key: string; first: string; last: string; rows: number; total: string }[] {
    return [...this.periods.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([key, p]) => ({ key, first: p.first, last: p.last, ...p.toJSON() }));
  }
}
