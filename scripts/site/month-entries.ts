/**
 * The feed's news about data: one entry per published month of a dataset (its rows, its total, and how it compares
 * with the month before), so that a feed reader tells its reader about each new month. Until now the entry was per
 * year (`#period-2026`), which each new month rewrote, so most readers never said anything.
 *
 * A month's date (the entry's `updated`) is its publication, made from the data alone so that builds stay
 * deterministic and a month's date never changes when later months are added:
 *   the first day after the month (the earliest its data can be complete), or the dataset's `issued` date when
 *   that is later (months published all at once when the dataset was first published);
 *   but not later than SOURCE_DATE_EPOCH when that is set (a month published before it ended), and never before
 *   the month's first day.
 * Never the last booking date, never the clock. (The export file's commit date would be closer to the day it was
 * pushed, but GitHub's checkout is shallow by default, which would date every month at the latest push.)
 */
import { dayAfterMonth } from '../dcat/dates.ts';
import type { DatasetBuild, MoneyText } from '../model.ts';
import { toOre } from './filters/money.ts';

/** Months per dataset in the feed: the latest two years. */
export const FEED_MONTHS = 24;

export interface MonthEntry {
  datasetId: string;
  /** `2026-02` */
  month: string;
  rows: number;
  total: MoneyText;
  /** The month before in the data (not always the calendar month before: a month may be missing). */
  previous?: { month: string; rows: number; total: MoneyText };
  /** The change of the total against `previous`, in per mille (rounded half away from zero); none when the previous total is not positive. */
  changePermille?: number;
  /** YYYY-MM-DD, see above. */
  published: string;
}

/** The date a month counts as published: see the module's comment. */
export function monthPublished(month: string, issued: string | undefined, sourceDate: string | null | undefined): string {
  const first = `${month}-01`;
  let date = dayAfterMonth(first);
  if (issued && issued > date) date = issued;
  if (sourceDate && sourceDate < date) date = sourceDate > first ? sourceDate : first;
  return date;
}

function permille(part: bigint, whole: bigint): number {
  const scaled = part * 2000n;
  return Number((scaled >= 0n ? scaled + whole : scaled - whole) / (2n * whole));
}

/** The dataset's latest FEED_MONTHS months, newest first. */
export function monthEntries(dataset: DatasetBuild, sourceDate: string | null | undefined, limit = FEED_MONTHS): MonthEntry[] {
  const months = dataset.summary.byMonth;
  const out: MonthEntry[] = [];
  for (let i = months.length - 1; i >= 0 && out.length < limit; i--) {
    const m = months[i];
    const prev = i > 0 ? months[i - 1] : undefined;
    const prevOre = prev ? toOre(prev.total) : 0n;
    out.push({
      datasetId: dataset.id,
      month: m.month,
      rows: m.rows,
      total: m.total,
      ...(prev ? { previous: { month: prev.month, rows: prev.rows, total: prev.total } } : {}),
      ...(prev && prevOre > 0n ? { changePermille: permille(toOre(m.total) - prevOre, prevOre) } : {}),
      published: monthPublished(m.month, dataset.metadata.issued, sourceDate),
    });
  }
  return out;
}
