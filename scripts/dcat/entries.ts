/**
 * What a dataset build becomes in the catalogue: for `series: "yearly"` a dataset series and one dataset per
 * calendar year, for `cumulative` one dataset. Shared by the DCAT graph and the schema.org description so the
 * two always agree on IRIs, identifiers, titles and dates.
 */
import type { DatasetBuild, LocalizedText, Period } from '../model.ts';
import { periodDates, spanDates, type Dates } from './dates.ts';
import { datasetIri, seriesIri, temporalIri } from './nodes.ts';
import { cumulativeDescription, seriesDescription, yearDescription, yearTitle } from './texts.ts';
import { datasetUuid } from './uuid.ts';

/** DCAT-AP-SE: a dataset series has at most 50 member datasets. */
export const MAX_SERIES_MEMBERS = 50;

export interface CatalogEntry {
  iri: string;
  uuid: string;
  title: LocalizedText;
  description: LocalizedText;
  dates: Dates;
  temporal: { iri: string; first: string; last: string };
}

export interface PeriodEntry extends CatalogEntry {
  period: Period;
}

export interface BuildEntries {
  build: DatasetBuild;
  /** Present for a yearly dataset. */
  series?: CatalogEntry;
  /** In period order (oldest first): a series' first member is `datasets[0]`. */
  datasets: PeriodEntry[];
}

export function buildEntries(base: string, build: DatasetBuild): BuildEntries {
  const { id, metadata, publisher, summary } = build;
  const periods = summary.periods;
  const yearly = metadata.series === 'yearly';
  if (yearly && periods.length > MAX_SERIES_MEMBERS) {
    throw new Error(
      `Dataset "${id}" has ${periods.length} yearly periods, but a DCAT dataset series may have at most ` +
        `${MAX_SERIES_MEMBERS} members: split the dataset or publish it as "series": "cumulative".`,
    );
  }
  if (!yearly && periods.length > 1) {
    throw new Error(`Cumulative dataset "${id}" has ${periods.length} periods; expected one (key "all").`);
  }
  const keys = periods.map((p) => p.key);
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated !== undefined) throw new Error(`Dataset "${id}" has period "${repeated}" twice.`);
  const datasets = [...periods].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((period): PeriodEntry => {
    const key = period.key;
    return {
      period,
      iri: datasetIri(base, id, key),
      uuid: datasetUuid(publisher.orgNumber, id, key),
      title: yearly ? yearTitle(metadata.title, key) : metadata.title,
      description: yearly ? yearDescription(metadata.description, key) : cumulativeDescription(metadata.description),
      dates: periodDates(build, period),
      temporal: { iri: temporalIri(base, id, key), first: period.first, last: period.last },
    };
  });
  const span = spanDates(datasets.map((d) => d.dates));
  if (!yearly || !span) return { build, datasets };
  const first = periods.map((p) => p.first).reduce((a, b) => (a < b ? a : b));
  const last = periods.map((p) => p.last).reduce((a, b) => (a > b ? a : b));
  return {
    build,
    datasets,
    series: {
      iri: seriesIri(base, id),
      uuid: datasetUuid(publisher.orgNumber, id, 'series'),
      title: metadata.title,
      description: seriesDescription(metadata.description),
      dates: span,
      temporal: { iri: temporalIri(base, id, 'series'), first, last },
    },
  };
}
