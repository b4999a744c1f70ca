/**
 * Every filter of the site, one file each, registered by one plugin (`.eleventy.js` adds it). A template's
 * `{{ x | money(lang) }}` is `money(x, lang)` in `./money.ts`.
 */
import { absoluteUrl } from './absolute-url.ts';
import { accessibilityStatement } from './accessibility-statement.ts';
import { barChart } from './bar-chart.ts';
import { bytes } from './bytes.ts';
import { columnDocs } from './column-docs.ts';
import { date, isoDate, month } from './date.ts';
import { datasetsOf } from './datasets-of.ts';
import { editUrl } from './edit-url.ts';
import { feedEntries, feedUpdated } from './feed-entries.ts';
import { fill } from './fill.ts';
import { localized, localizedLang } from './localized.ts';
import { money } from './money.ts';
import { monthChart } from './month-chart.ts';
import { navState } from './nav-state.ts';
import { number } from './number.ts';
import { orgNumber } from './org-number.ts';
import { ranked } from './ranked.ts';
import { remainder } from './remainder.ts';
import { reportPage } from './report-page.ts';
import { schemaOrgJson } from './schema-org-json.ts';
import { share } from './share.ts';
import { sitemapPages } from './sitemap-pages.ts';
import { splitAtHeading } from './split-at-heading.ts';
import { sumMoney } from './sum-money.ts';
import { supplierConcentration } from './supplier-concentration.ts';
import { translationUrl } from './translation-url.ts';
import * as urlFilters from './urls.ts';
import { catalogueByYear, catalogueYears, datasetYears } from './years.ts';

// Filters take plain values and return plain values; none reads `this` or the clock.
export const filters: Record<string, (...args: any[]) => unknown> = {
  absoluteUrl,
  accessibilityStatement,
  barChart,
  bytes,
  catalogueByYear,
  catalogueYears,
  columnDocs,
  datasetYears,
  datasetsOf,
  date,
  editUrl,
  feedEntries,
  feedUpdated,
  fill,
  isoDate,
  localized,
  localizedLang,
  money,
  month,
  monthChart,
  navState,
  number,
  orgNumber,
  ranked,
  remainder,
  reportPage,
  schemaOrgJson,
  share,
  sitemapPages,
  splitAtHeading,
  sumMoney,
  supplierConcentration,
  translationUrl,
  ...urlFilters,
};

/** Eleventy plugin: registers every filter above. */
export default function filtersPlugin(eleventyConfig: { addFilter(name: string, fn: (...args: any[]) => unknown): void }): void {
  for (const [name, fn] of Object.entries(filters)) eleventyConfig.addFilter(name, fn);
}
