/**
 * Checks of a dataset's export files together (the monthly flow): a green build must mean the month was published.
 *
 * Failures (the build stops, naming the files and what to do):
 * - `rejected_share`: a file of which more than `maxRejectedShare` (dataset.json, default 20 %) of the rows are
 *   rejected, and at least MIN_REJECTED_FOR_SHARE rows: almost always a dialect or export problem (an Excel save with `,` separators and decimal commas), not
 *   bad data. The most common reason is named.
 * - `duplicate_file`: two files with the same bytes (a browser's `2026-02 (1).csv` beside `2026-02.csv`).
 * - `overlap`: two files sharing rows (the same voucher number and date), unless dataset.json says
 *   `"allowOverlap": true` (then only a note).
 * Notes (a warning on the page and in the CI summary, never a failure):
 * - `month_gap`: a month with no rows between two published months.
 * - `month_outlier`: a month whose total is far outside the dataset's usual month (under a quarter or over four
 *   times the median month, given at least four months).
 */
import type { AmountBucket, DatasetMetadata } from '../model.ts';
import { msg, quoted, safe, trusted, type Safe } from '../privacy/safe.ts';
import { oreToText, textToOre } from './money.ts';
import { sharedKeys } from './row-keys.ts';
import type { FileUnit } from './unit.ts';

export const DEFAULT_MAX_REJECTED_SHARE = 0.2;

/** A file needs at least this many rejected rows to fail on its share (a 3-row file with one bad row is not a dialect problem). */
export const MIN_REJECTED_FOR_SHARE = 5;

/** A dataset-level finding: a failure (the build stops) or a note (reported, published anyway). */
export interface DatasetNote {
  code: string;
  message: Safe;
}

/** The data read fine but cannot be published as it is: the message says which files and what to do. */
export class DatasetCheckError extends Error {
  override name = 'DatasetCheckError';
  constructor(
    readonly code: string,
    message: Safe,
  ) {
    super(message);
  }
}

export interface CheckedUnit {
  /** The file's name as shown (relative to the dataset folder). */
  name: Safe;
  unit: FileUnit;
  /** The unit's folder (its keys.bin). */
  dir: string;
}

const pct = (share: number) => `${Math.round(share * 1000) / 10} %`;

/** `12345678.90` → `12 345 679 kr` (rounded to whole kronor, for a message). */
function kronor(total: string): Safe {
  const ore = textToOre(total);
  const kr = (ore < 0n ? -ore : ore) / 100n + ((ore < 0n ? -ore : ore) % 100n >= 50n ? 1n : 0n);
  return trusted(`${ore < 0n ? '-' : ''}${kr.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} kr`);
}

/** Fails on what must not be published (see the module comment). */
export function checkUnits(folder: Safe, metadata: DatasetMetadata, units: CheckedUnit[]): DatasetNote[] {
  const notes: DatasetNote[] = [];
  const max = metadata.maxRejectedShare ?? DEFAULT_MAX_REJECTED_SHARE;
  for (const { name, unit } of units) {
    const { rows, rejected } = unit.result;
    if (rows === 0 || rejected < MIN_REJECTED_FOR_SHARE || rejected / rows <= max) continue;
    const top = [...unit.report.errors.counts].sort((a, b) => b[1].count - a[1].count)[0];
    throw new DatasetCheckError(
      'rejected_share',
      msg`${folder}/${name}: ${rejected} of ${rows} rows are rejected (${trusted(pct(rejected / rows))}, more than the ${trusted(pct(max))} a dataset allows): a file like that is almost always exported in the wrong dialect, not full of bad rows. The most common reason (${top[1].count} rows, ${trusted(top[0])}): ${top[1].message} Fix the export and push it again. (The share allowed is "maxRejectedShare" in dataset.json.)`,
    );
  }
  const bySha = new Map<string, Safe[]>();
  for (const { name, unit } of units) {
    const list = bySha.get(unit.result.sha256) ?? [];
    list.push(name);
    bySha.set(unit.result.sha256, list);
  }
  for (const group of bySha.values()) {
    if (group.length < 2) continue;
    // Name the copy as the copy: `2026-02 (1).csv`, `Kopia av …`, `… copy.csv`.
    const copy = (n: string) => (/\(\d+\)|kopia|copy/i.test(n) ? 1 : 0);
    const names = [...group].sort((a, b) => copy(a) - copy(b));
    throw new DatasetCheckError(
      'duplicate_file',
      msg`${folder}: ${quoted(names[1])} is the same file as ${quoted(names[0])} (the same bytes): the same export twice, as when a browser saves a second download as "… (1).csv". Remove one of them and push again.`,
    );
  }
  const withRows = units.filter((u) => u.unit.keys > 0);
  for (const [i, j, shared] of sharedKeys(withRows.map((u) => `${u.dir}/keys.bin`))) {
    const a = withRows[i];
    const b = withRows[j];
    const text = msg`${quoted(a.name)} and ${quoted(b.name)} have ${shared} rows in common (the same voucher number and date)`;
    if (metadata.allowOverlap) {
      notes.push({ code: 'overlap', message: msg`${text}; dataset.json says overlaps are intended ("allowOverlap": true), so both are published.` });
      continue;
    }
    throw new DatasetCheckError(
      'overlap',
      msg`${folder}: ${text}: the same rows would be published twice. Remove the file that repeats the other (a month exported twice?), or, if the overlap is intended, set "allowOverlap": true in dataset.json.`,
    );
  }
  return notes;
}

/** Months missing between published months, and months far outside the usual range. */
export function monthNotes(months: (AmountBucket & { month: string })[]): DatasetNote[] {
  const notes: DatasetNote[] = [];
  if (months.length >= 2) {
    const have = new Set(months.map((m) => m.month));
    let [y, m] = months[0].month.split('-').map(Number);
    const last = months[months.length - 1].month;
    const missing: string[] = [];
    for (;;) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      if (key >= last) break;
      if (!have.has(key)) missing.push(key);
      m++;
      if (m > 12) {
        m = 1;
        y++;
      }
    }
    if (missing.length) {
      const shown = missing.slice(0, 12).join(', ');
      notes.push({
        code: 'month_gap',
        message: msg`No rows for ${trusted(shown)}${missing.length > 12 ? msg` and ${missing.length - 12} more months` : msg``}, between ${trusted(months[0].month)} and ${trusted(last)}: is an export missing? Add it to the dataset folder when it comes.`,
      });
    }
  }
  if (months.length >= 4) {
    const totals = months.map((x) => Number(textToOre(x.total)));
    const sorted = [...totals].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    if (median > 0) {
      const medianText = oreToText(BigInt(Math.round(median)));
      for (const [i, x] of months.entries()) {
        const share = totals[i] / median;
        if (share >= 0.25 && share <= 4) continue;
        notes.push({
          code: 'month_outlier',
          message: msg`The total for ${trusted(x.month)} (${kronor(x.total)}, ${x.rows} rows) is ${trusted(pct(share))} of the dataset's usual month (the median, ${kronor(medianText)}): is the export complete, or from the right month?`,
        });
      }
    }
  }
  return notes;
}

/** A dataset note's message for a log line. */
export function noteLine(id: string, n: DatasetNote): Safe {
  return msg`${safe(id)}: ${n.message}`;
}
