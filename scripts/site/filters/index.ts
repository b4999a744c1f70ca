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
import { fraction } from './fraction.ts';
import { hasComparison } from './has-comparison.ts';
import { ledgersOf } from './ledgers-of.ts';
import { localized, localizedLang } from './localized.ts';
import { money } from './money.ts';
import { monthChart } from './month-chart.ts';
import { navState } from './nav-state.ts';
import { navStates } from './nav-states.ts';
import { number } from './number.ts';
import { ofYear } from './of-year.ts';
import { orgNumber } from './org-number.ts';
import { overHostLimit } from './over-host-limit.ts';
import { ownPathPrefix } from './own-path-prefix.ts';
import { ranked } from './ranked.ts';
import { remainder } from './remainder.ts';
import { reportPage } from './report-page.ts';
import { schemaOrgJson } from './schema-org-json.ts';
import { share } from './share.ts';
import { sitemapPages } from './sitemap-pages.ts';
import { splitAtHeading } from './split-at-heading.ts';
import { sumMoney } from './sum-money.ts';
import { supplierConcentration } from './supplier-concentration.ts';
import { supplierMain } from './supplier-main.ts';
import { translationUrl } from './translation-url.ts';
import * as urlFilters from './urls.ts';
import { catalogueByYear, catalogueYears, datasetYears } from './years.ts';
import { yearBars } from './year-bars.ts';
import { yearsOf } from './years-of.ts';
import { withoutPopulation } from './without-population.ts';

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
  fraction,
  hasComparison,
  isoDate,
  localized,
  ledgersOf,
  localizedLang,
  money,
  month,
  monthChart,
  navState,
  navStates,
  number,
  ofYear,
  orgNumber,
  overHostLimit,
  ownPathPrefix,
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
  withoutPopulation,
  yearBars,
  yearsOf,
  ...urlFilters,
};

/** Filters that return a promise: Nunjucks waits for them (a callback as the last argument). */
export const asyncFilters: Record<string, (...args: any[]) => Promise<unknown>> = {
  supplierMain,
};

interface NunjucksEnvironment {
  addFilter(name: string, fn: (...args: any[]) => unknown, isAsync?: boolean): void;
}

/**
 * Eleventy plugin: registers every filter above on Eleventy's Nunjucks environment itself. Eleventy's own
 * `addFilter` wraps each filter for every call (timers for its benchmarks, the page's data copied onto `this`)
 * and also makes it a "JavaScript function", which Eleventy copies for every permalink and computed value of
 * every page: on a site of 20,000 pages that was a tenth of a page's cost. Our filters need none of it; an error
 * still names the filter and the page.
 */
export default function filtersPlugin(eleventyConfig: { amendLibrary(engine: 'njk', fn: (env: NunjucksEnvironment) => void): void }): void {
  eleventyConfig.amendLibrary('njk', (env) => {
    for (const [name, fn] of Object.entries(filters)) env.addFilter(name, named(name, fn));
    for (const [name, fn] of Object.entries(asyncFilters)) env.addFilter(name, namedAsync(name, fn), true);
  });
}

/** An asynchronous filter as Nunjucks calls one (its callback last), its error named as `named` does. */
function namedAsync(name: string, fn: (...args: any[]) => Promise<unknown>) {
  return function (this: { ctx?: { page?: { inputPath?: string; url?: string } } } | undefined, ...args: unknown[]): void {
    const done = args.pop() as (error: Error | null, result?: unknown) => void;
    // The page by its template and its URL: one template writes thousands of pages (a supplier's each).
    const page = [this?.ctx?.page?.inputPath, this?.ctx?.page?.url].filter(Boolean).join(', ');
    fn(...args).then(
      (result) => done(null, result),
      (e) => done(new Error(`Error in Nunjucks Filter \`${name}\`${page ? ` (${page})` : ''}: ${e instanceof Error ? e.message : String(e)}`, { cause: e })),
    );
  };
}

/** `fn`, with an error that says which filter failed on which page. */
function named(name: string, fn: (...args: any[]) => unknown) {
  return function (this: { ctx?: { page?: { inputPath?: string } } } | undefined, ...args: unknown[]): unknown {
    try {
      return fn(...args);
    } catch (e) {
      const page = this?.ctx?.page?.inputPath;
      throw new Error(`Error in Nunjucks Filter \`${name}\`${page ? ` (${page})` : ''}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  };
}
