/**
 * The generated pages, one definition per kind. Each `content/<lang>/….11ty.js` file is a one-line call to one
 * of these, so a reader finds every generated page in `content/` at its place in the URL tree, and its URL,
 * `ref` (which pairs it with its translation), title and layout here. The markup is in `templates/layouts/`.
 */
import type { DatasetBuild, Language, Publisher, SiteModel } from '../model.ts';
import { fill } from './filters/fill.ts';
import { localized } from './filters/localized.ts';
import type { LedgerEntry, PublisherFigures } from '../index/model.ts';
import { hasComparison } from './filters/has-comparison.ts';
import { letterPageRecords, supplierRecords, suppliersListRecord, type LetterPageRecord, type SupplierRecord } from './supplier-pages.ts';
import { inPageOrder } from './supplier-main.ts';
import { accountUrl, catalogueUrl, compareUrl, datasetUrl, departmentUrl, newsUrl, publisherUrl, reportUrl, searchUrl, statisticsUrl, supplierLetterUrl, suppliersUrl, supplierUrl } from './urls.ts';

/** The part of the data cascade that page definitions read. `texts` is `content/_data/texts.json`. */
interface PageData {
  insyn: SiteModel;
  texts: Record<Language, Record<string, Record<string, string>>>;
  dataset: DatasetBuild;
  publisher: Publisher;
}

interface PageDefinition {
  data: Record<string, unknown>;
  render: () => string;
}

function page(data: Record<string, unknown>): PageDefinition {
  return { data, render: () => '' };
}

/** `datasets/` and `en/datasets/`: every dataset. */
export function cataloguePage(lang: Language): PageDefinition {
  return page({
    lang,
    layout: 'catalogue.njk',
    permalink: catalogueUrl(lang),
    ref: 'catalogue',
    eleventyComputed: {
      title: (d: PageData) => d.texts[lang].catalogue.title,
      description: (d: PageData) => d.texts[lang].catalogue.description,
    },
  });
}

/** `datasets/<id>/`: a dataset's landing page. */
export function datasetPage(lang: Language): PageDefinition {
  return page({
    lang,
    layout: 'dataset.njk',
    pagination: { data: 'insyn.datasets', size: 1, alias: 'dataset', addAllPagesToCollections: true },
    permalink: (d: PageData) => datasetUrl(d.dataset.id, lang),
    eleventyComputed: {
      ref: (d: PageData) => `dataset:${d.dataset.id}`,
      title: (d: PageData) => localized(d.dataset.metadata.title, lang),
      description: (d: PageData) => localized(d.dataset.metadata.description, lang),
    },
  });
}

/** `datasets/<id>/statistik/`: a dataset's summaries, charts beside tables. */
export function statisticsPage(lang: Language): PageDefinition {
  return page({
    lang,
    layout: 'statistics.njk',
    pagination: { data: 'insyn.datasets', size: 1, alias: 'dataset', addAllPagesToCollections: true },
    permalink: (d: PageData) => statisticsUrl(d.dataset.id, lang),
    eleventyComputed: {
      ref: (d: PageData) => `statistics:${d.dataset.id}`,
      title: (d: PageData) => `${d.texts[lang].statistics.title}: ${localized(d.dataset.metadata.title, lang)}`,
      description: (d: PageData) => d.texts[lang].statistics.description,
    },
  });
}

/** `datasets/<id>/rapport/`: a dataset's validation report, from its report.json (scripts/site/report-page.ts). */
export function reportPage(lang: Language): PageDefinition {
  return page({
    lang,
    layout: 'report.njk',
    pagination: { data: 'insyn.datasets', size: 1, alias: 'dataset', addAllPagesToCollections: true },
    permalink: (d: PageData) => reportUrl(d.dataset.id, lang),
    eleventyComputed: {
      ref: (d: PageData) => `report:${d.dataset.id}`,
      title: (d: PageData) => `${d.texts[lang].report.title}: ${localized(d.dataset.metadata.title, lang)}`,
      description: (d: PageData) => fill(d.texts[lang].report.description, { title: localized(d.dataset.metadata.title, lang) }),
    },
  });
}

/** `utgivare/<id>/`: a publisher's datasets and contact, when the site has several publishers. */
export function publisherPage(lang: Language): PageDefinition {
  return page({
    lang,
    layout: 'publisher.njk',
    pagination: {
      data: 'insyn.settings.publishers',
      size: 1,
      alias: 'publisher',
      addAllPagesToCollections: true,
      // No publisher pages for a single publisher: the catalogue is its page.
      before: (publishers: Publisher[]) => (publishers.length > 1 ? publishers : []),
    },
    permalink: (d: PageData) => publisherUrl(d.publisher.id, lang, d.insyn),
    eleventyComputed: {
      ref: (d: PageData) => `publisher:${d.publisher.id}`,
      title: (d: PageData) => d.publisher.name,
      description: (d: PageData) => fill(d.texts[lang].publisher.description, { name: d.publisher.name }),
    },
  });
}

/** What an account's or a department's page gets as its `record` (made once for all of them by `pagination.before`). */
export interface LedgerRecord {
  title: string;
  description: string;
  ref: string;
  kind: 'account' | 'department';
  entry: LedgerEntry;
  dataset: DatasetBuild;
}

/**
 * `datasets/<id>/konton/<slug>/` and `datasets/<id>/forvaltningar/<slug>/`: an account's or a department's total
 * over time and the suppliers paid on it, one page per account (department) per dataset, from the cross-dataset
 * index (none when the model has no index). The head of each page is in its `record` (see base.njk).
 */
export function ledgerPage(kind: 'account' | 'department', lang: Language): PageDefinition {
  return page({
    lang,
    layout: 'ledger.njk',
    pagination: {
      data: 'insyn.datasets',
      size: 1,
      alias: 'record',
      addAllPagesToCollections: true,
      before: (datasets: DatasetBuild[], d: PageData): LedgerRecord[] => {
        const byId = new Map(datasets.map((x) => [x.id, x]));
        const words = d.texts[lang].ledger;
        const entries = (kind === 'account' ? d.insyn.index?.accounts : d.insyn.index?.departments) ?? [];
        return entries.flatMap((entry) => {
          const dataset = byId.get(entry.dataset);
          if (!dataset) return [];
          const name = entry.name || d.texts[lang].chart.unnamed;
          const datasetTitle = localized(dataset.metadata.title, lang);
          return [{
            title: kind === 'account' ? fill(words.accountTitle, { account: entry.account, name }) : name,
            description: fill(kind === 'account' ? words.accountDescription : words.departmentDescription, { account: entry.account, name, dataset: datasetTitle }),
            ref: `${kind}:${entry.dataset}:${entry.slug}`,
            kind,
            entry,
            dataset,
          }];
        });
      },
    },
    permalink: (d: { record: LedgerRecord }) => (kind === 'account' ? accountUrl : departmentUrl)(d.record.entry.dataset, d.record.entry.slug, lang),
  });
}

/** `jamfor/` and `en/compare/`: the publishers side by side, only on a site of several (filters/has-comparison.ts). */
export function comparePage(lang: Language): PageDefinition {
  return page({
    lang,
    layout: 'compare.njk',
    pagination: {
      data: 'insyn.settings.publishers',
      size: 1,
      alias: 'record',
      addAllPagesToCollections: true,
      // One page or none: a single record when the site compares its publishers.
      before: (_: Publisher[], d: PageData): { title: string; description: string; ref: string; publishers: PublisherFigures[] }[] =>
        hasComparison(d.insyn) ? [{ title: d.texts[lang].compare.title, description: d.texts[lang].compare.description, ref: 'compare', publishers: d.insyn.index?.publishers ?? [] }] : [],
    },
    permalink: () => compareUrl(lang),
  });
}

/**
 * `leverantorer/<slug>/` and `en/suppliers/<slug>/`: a supplier across every publisher and year (the index,
 * scripts/index/). Paginated over the site model as a whole (`insyn`, whose index a model built without the index
 * stage lacks): `before` makes every page's item once (scripts/site/supplier-pages.ts), head included.
 */
export function supplierPage(lang: Language): PageDefinition {
  return page({
    lang,
    layout: 'supplier.njk',
    pagination: {
      data: 'insyn',
      size: 1,
      alias: 'record',
      addAllPagesToCollections: true,
      // In page order, so that the pages after the one being written are made ahead (supplier-main.ts).
      before: (_keys: unknown, d: PageData): SupplierRecord[] => inPageOrder(supplierRecords(d.insyn, d.texts[lang], lang)),
    },
    permalink: (d: { record: SupplierRecord }) => supplierUrl(d.record.slug, lang),
  });
}

/** `leverantorer/` and `en/suppliers/`: the largest suppliers, the letters, the way to the search. */
export function suppliersPage(lang: Language): PageDefinition {
  return page({
    lang,
    layout: 'suppliers.njk',
    pagination: {
      data: 'insyn',
      size: 1,
      alias: 'record',
      // No list on a site without suppliers (no index, or no named supplier).
      before: (_keys: unknown, d: PageData) => (d.insyn.index?.suppliers.length ? [suppliersListRecord(d.insyn, d.texts[lang], lang)] : []),
    },
    permalink: suppliersUrl(lang),
  });
}

/** `leverantorer/bokstav/<key>/[<n>/]`: the suppliers whose names begin with a letter, in alphabetical order. */
export function supplierLetterPage(lang: Language): PageDefinition {
  return page({
    lang,
    layout: 'supplier-letter.njk',
    pagination: {
      data: 'insyn',
      size: 1,
      alias: 'record',
      addAllPagesToCollections: true,
      before: (_keys: unknown, d: PageData): LetterPageRecord[] => letterPageRecords(d.insyn, d.texts[lang], lang),
    },
    permalink: (d: { record: LetterPageRecord }) => supplierLetterUrl(d.record.key, lang, d.record.page),
  });
}

/** `nyheter/` and `en/news/`: the news posts, newest first. */
export function newsListPage(lang: Language): PageDefinition {
  return page({
    lang,
    layout: 'news-list.njk',
    permalink: newsUrl(lang),
    ref: 'news',
    eleventyComputed: {
      title: (d: PageData) => d.texts[lang].news.title,
      description: (d: PageData) => d.texts[lang].news.description,
    },
  });
}

/** `sok/` and `en/search/`: search results (scripts/site/search.ts); not in the sitemap. */
export function searchPage(lang: Language): PageDefinition {
  return page({
    lang,
    layout: 'search.njk',
    permalink: searchUrl(lang),
    ref: 'search',
    sitemap: false,
    eleventyComputed: {
      title: (d: PageData) => d.texts[lang].search.title,
      description: (d: PageData) => d.texts[lang].search.description,
    },
  });
}

/** `404.html`: one page for every missing URL, in Swedish and English. */
export function notFoundPage(): PageDefinition {
  return page({
    lang: 'sv',
    layout: 'not-found.njk',
    permalink: '/404.html',
    noindex: true,
    eleventyExcludeFromCollections: true,
    eleventyComputed: {
      title: (d: PageData) => d.texts.sv.notFound.title,
    },
  });
}
