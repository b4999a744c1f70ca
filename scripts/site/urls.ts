/**
 * The site's URL contract (docs/dev/layout.md) in one place. Every URL here is root-relative (`/datasets/x/`);
 * Eleventy's HtmlBasePlugin adds the path prefix in HTML, and `absoluteUrl` makes a full URL for feeds and the
 * sitemap.
 */
import type { Language, SiteModel } from '../model.ts';

const SEGMENTS = {
  sv: { home: '/', datasets: '/datasets/', statistics: 'statistik', report: 'rapport', publishers: '/utgivare/', news: '/nyheter/', guides: '/guider/', search: '/sok/', suppliers: '/leverantorer/', accounts: 'konton', departments: 'forvaltningar', compare: '/jamfor/', letter: 'bokstav' },
  en: { home: '/en/', datasets: '/en/datasets/', statistics: 'statistics', report: 'report', publishers: '/en/publishers/', news: '/en/news/', guides: '/en/guides/', search: '/en/search/', suppliers: '/en/suppliers/', accounts: 'accounts', departments: 'departments', compare: '/en/compare/', letter: 'letter' },
} as const;

export const homeUrl = (lang: Language): string => SEGMENTS[lang].home;
export const catalogueUrl = (lang: Language): string => SEGMENTS[lang].datasets;
export const datasetUrl = (id: string, lang: Language): string => `${SEGMENTS[lang].datasets}${id}/`;
export const statisticsUrl = (id: string, lang: Language): string => `${datasetUrl(id, lang)}${SEGMENTS[lang].statistics}/`;
export const reportUrl = (id: string, lang: Language): string => `${datasetUrl(id, lang)}${SEGMENTS[lang].report}/`;
export const newsUrl = (lang: Language): string => SEGMENTS[lang].news;
/** The guides' folder (content/sv/guider/, content/en/guides/): its index lists every guide page in it. */
export const guidesUrl = (lang: Language): string => SEGMENTS[lang].guides;
export const feedUrl = (lang: Language): string => `${SEGMENTS[lang].home}feed.xml`;
/** The search page; every page's header has a form that leads there (scripts/site/search.ts). */
export const searchUrl = (lang: Language): string => SEGMENTS[lang].search;

/** Every supplier of the site (the index, scripts/index/), and one supplier's page by its slug (`5560360793`). */
export const suppliersUrl = (lang: Language): string => SEGMENTS[lang].suppliers;
export const supplierUrl = (slug: string, lang: Language): string => `${SEGMENTS[lang].suppliers}${slug}/`;
/**
 * The suppliers whose names begin with one letter (scripts/site/supplier-letters.ts: `a`…`z`, `aa` for Å, `ae` for
 * Ä, `oe` for Ö, `0` for the rest), in pages of at most SUPPLIERS_PER_LETTER_PAGE: `/leverantorer/bokstav/s/`,
 * `/leverantorer/bokstav/s/2/`. `bokstav`/`letter` is never a supplier's slug (an organisation number or `namn-…`).
 */
export const supplierLetterUrl = (key: string, lang: Language, page = 1): string => `${SEGMENTS[lang].suppliers}${SEGMENTS[lang].letter}/${key}/${page > 1 ? `${page}/` : ''}`;
/** An account's and a department's page within a dataset, by the index's slug (LedgerEntry.slug). */
export const accountUrl = (datasetId: string, slug: string, lang: Language): string => `${datasetUrl(datasetId, lang)}${SEGMENTS[lang].accounts}/${slug}/`;
export const departmentUrl = (datasetId: string, slug: string, lang: Language): string => `${datasetUrl(datasetId, lang)}${SEGMENTS[lang].departments}/${slug}/`;
/** The publishers side by side: only on a site with several publishers. */
export const compareUrl = (lang: Language): string => SEGMENTS[lang].compare;

/** Publisher pages exist only when the site has several publishers. */
export const hasPublisherPages = (model: SiteModel): boolean => model.settings.publishers.length > 1;

/** The publisher's page, or `''` when the site has a single publisher (and so no publisher pages). */
export function publisherUrl(id: string, lang: Language, model: SiteModel): string {
  return hasPublisherPages(model) ? `${SEGMENTS[lang].publishers}${id}/` : '';
}

/** `/datasets/budget/budget-2025.csv` for a path relative to the output root. */
export const fileUrl = (path: string): string => `/${path.replace(/^\/+/, '')}`;

/** A path that `new URL()` would leave as it is: unreserved characters and `/`, no `.` or `..` segment. */
const PLAIN_PATH = /^(?:[A-Za-z0-9\-_~]|\/|\.(?!\.?(?:\/|$)))*$/;

/**
 * A root-relative URL made absolute against the model's base URL (which carries the path prefix). A plain path
 * is joined to the base as it is (what `new URL()` gives, without its cost on every link of every page).
 */
export function absoluteUrl(url: string, baseUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  const path = url.replace(/^\/+/, '');
  if (baseUrl.endsWith('/') && PLAIN_PATH.test(path) && !path.startsWith('.')) return baseUrl + path;
  return new URL(path, baseUrl).href;
}

/**
 * The URL of a Markdown content page from its input path: `content/sv/guider/juridik.md` → `/guider/juridik/`,
 * `content/en/index.md` → `/en/`. `filePathStem` is Eleventy's (`/sv/guider/juridik`).
 */
export function contentPageUrl(filePathStem: string): string {
  const [, lang, ...rest] = filePathStem.split('/');
  if (rest[rest.length - 1] === 'index') rest.pop();
  const prefix = lang === 'sv' ? '' : `/${lang}`;
  return rest.length === 0 ? `${prefix}/` : `${prefix}/${rest.join('/')}/`;
}
