/**
 * `{{ entry.years | ofYear("2025") }}`: the rows and total of one year in a list of years (an account's, a
 * department's, a publisher's), or none (0 rows, `0.00`) when the year has no rows.
 */
import type { MoneyText } from '../../model.ts';

export function ofYear(years: readonly { year: string; rows: number; total: MoneyText }[] | undefined, year: string): { rows: number; total: MoneyText } {
  const found = (years ?? []).find((y) => y.year === String(year));
  return found ? { rows: found.rows, total: found.total } : { rows: 0, total: '0.00' };
}
