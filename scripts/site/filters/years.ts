/**
 * The calendar years a dataset's data covers (`datasetYears`), and all years of a list of datasets, newest first
 * (`catalogueYears`), for the catalogue's year filter.
 */
import type { DatasetBuild } from '../../model.ts';

export function datasetYears(dataset: DatasetBuild): string[] {
  const period = dataset.summary.period;
  if (!period) return [];
  const years: string[] = [];
  for (let y = Number(period.first.slice(0, 4)); y <= Number(period.last.slice(0, 4)); y++) years.push(String(y));
  return years;
}

export function catalogueYears(datasets: DatasetBuild[]): string[] {
  return [...new Set((datasets ?? []).flatMap(datasetYears))].sort().reverse();
}

/**
 * The catalogue's "by year" view: for each year (newest first), the datasets with data in it and the period
 * that holds that year (the year's own period, or the cumulative one).
 */
export function catalogueByYear(datasets: DatasetBuild[]): { year: string; entries: { dataset: DatasetBuild; period: DatasetBuild['summary']['periods'][number] }[] }[] {
  return catalogueYears(datasets).map((year) => ({
    year,
    entries: (datasets ?? []).flatMap((dataset) => {
      const period = dataset.summary.periods.find((p) => p.key === year) ?? dataset.summary.periods.find((p) => p.key === 'all' && p.first.slice(0, 4) <= year && year <= p.last.slice(0, 4));
      return period ? [{ dataset, period }] : [];
    }),
  })).filter((group) => group.entries.length > 0);
}
