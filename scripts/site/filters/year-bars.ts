/** `{{ entry.years | yearBars }}`: years as bars for the bar chart (`name` is the year), oldest first. */
import type { MoneyText } from '../../model.ts';

export function yearBars(years: readonly { year: string; rows: number; total: MoneyText }[] | undefined): { name: string; rows: number; total: MoneyText }[] {
  return (years ?? []).map((y) => ({ name: y.year, rows: y.rows, total: y.total }));
}
