/**
 * Publication dates derived from the data only, never from the clock, so that they change only when the data
 * does. A period's dataset is issued the day after its first month (no data can be published earlier) or on
 * `metadata.issued` when that is later; it is modified on its last date (or when issued, if that is later).
 */
import type { DatasetBuild, Period } from '../model.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(date: string, what: string): string {
  if (!DATE.test(date) || Number.isNaN(Date.parse(date + 'T00:00:00Z'))) {
    throw new Error(`${what} is not a date (YYYY-MM-DD): "${date}"`);
  }
  return date;
}

/** The first day of the month after the month of `date`. */
export function dayAfterMonth(date: string): string {
  const [year, month] = date.split('-').map(Number);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

const later = (a: string, b: string): string => (a > b ? a : b);

export interface Dates {
  issued: string;
  modified: string;
}

/** Issued and modified dates of the dataset for one period of `build`. */
export function periodDates(build: DatasetBuild, period: Period): Dates {
  const what = `Dataset "${build.id}", period ${period.key}`;
  const first = checkDate(period.first, `${what}: first date`);
  const last = checkDate(period.last, `${what}: last date`);
  const declared = build.metadata.issued ? checkDate(build.metadata.issued, `Dataset "${build.id}": issued`) : '';
  const issued = later(dayAfterMonth(first), declared);
  return { issued, modified: later(last, issued) };
}

/** The span of several dates: the earliest issued and the latest modified. */
export function spanDates(all: Dates[]): Dates | undefined {
  if (all.length === 0) return undefined;
  return {
    issued: all.map((d) => d.issued).reduce((a, b) => (a < b ? a : b)),
    modified: all.map((d) => d.modified).reduce(later),
  };
}

/** Dates of a whole dataset (all its periods). */
export function buildDates(build: DatasetBuild): Dates | undefined {
  return spanDates(build.summary.periods.map((p) => periodDates(build, p)));
}
