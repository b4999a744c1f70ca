/**
 * What the supplier pages show, made once per language from the index (scripts/index/) when Eleventy paginates
 * (`pagination.before` in pages.ts): each page's head (title, description, ref) and its rows already joined to
 * the site (publisher names and pages, dataset titles, the URLs of accounts and departments), so that the layout
 * (templates/layouts/supplier.njk) only writes them out and a page costs no more than it must. The suppliers list
 * (`/leverantorer/`) and its pages per initial letter are made here too.
 */
import type { Language, MoneyText, SiteModel } from '../model.ts';
import type { RowsFile, SupplierEntry } from '../index/model.ts';
import { barChart } from './filters/bar-chart.ts';
import { bytes } from './filters/bytes.ts';
import { date, month } from './filters/date.ts';
import { fill } from './filters/fill.ts';
import { localized } from './filters/localized.ts';
import { money } from './filters/money.ts';
import { monthChart } from './filters/month-chart.ts';
import { number } from './filters/number.ts';
import { orgNumber } from './filters/org-number.ts';
import { withPathPrefix } from './path-prefix.ts';
import { withoutForbidden } from './transforms.ts';
import { accountUrl, datasetUrl, departmentUrl, fileUrl, hasPublisherPages, homeUrl, publisherUrl, searchUrl, supplierLetterUrl, suppliersUrl, supplierUrl } from './urls.ts';

type Texts = Record<string, Record<string, string>>;

/** The site has account and department pages (pages.ts `ledgerPage`): a supplier's accounts and departments link to them. */
export const LEDGER_PAGES = true;

interface Bucket {
  name: string;
  total: MoneyText;
  rows: number;
}

export interface SupplierView {
  slug: string;
  name: string;
  /** `556036-0793`, or '' for a supplier known by name only. */
  orgNumber: string;
  total: MoneyText;
  rows: number;
  /** First and last month with payments (`2025-01`). */
  first: string;
  last: string;
  names: string[];
  publishers: (Bucket & { url: string; datasets: { title: string; url: string }[] })[];
  years: Bucket[];
  months: { month: string; total: MoneyText; rows: number }[];
  accounts: (Bucket & { account: string; url: string; publisher: string })[];
  departments: (Bucket & { url: string; publisher: string })[];
  largest: { date: string; amount: MoneyText; publisher: string; account: string; department: string; voucher: string }[];
  rowsFile: RowsFile | null;
  /** Where its rows are when it has no file of its own: the download sections of its datasets. */
  periodFiles: { title: string; url: string }[];
}

/**
 * A supplier page's item: its head, and the index's entry with what every page of its language shares. What the
 * page shows (SupplierView, then SupplierPageView) is made from these when the page is written (the
 * `supplierMain` filter, in its worker thread: supplier-main.ts), so that a site of 20,000 suppliers keeps 20,000 entries, not 20,000 pages' views, for
 * the whole build.
 */
export interface SupplierRecord {
  title: string;
  description: string;
  ref: string;
  slug: string;
  entry: SupplierEntry;
  context: SiteContext;
}

/** One of the site's publishers, in the order of site.json, with its page (`''` when the site has one). */
function publisherNames(model: SiteModel, lang: Language): Map<string, { name: string; url: string }> {
  return new Map(model.settings.publishers.map((p) => [p.id, { name: p.name, url: publisherUrl(p.id, lang, model) }]));
}

/** What every supplier page of a language shares: the site's publishers and datasets, looked up once. */
export interface SiteContext {
  lang: Language;
  unnamed: string;
  publishers: Map<string, { name: string; url: string }>;
  several: boolean;
  /** Each publisher's datasets, in the model's order, with their titles and pages. */
  datasets: Map<string, { id: string; title: string; url: string }[]>;
}

function siteContext(model: SiteModel, lang: Language, unnamed: string): SiteContext {
  const datasets = new Map<string, { id: string; title: string; url: string }[]>();
  for (const d of model.datasets) {
    let list = datasets.get(d.publisher.id);
    if (!list) datasets.set(d.publisher.id, (list = []));
    list.push({ id: d.id, title: localized(d.metadata.title, lang), url: datasetUrl(d.id, lang) });
  }
  return { lang, unnamed, publishers: publisherNames(model, lang), several: hasPublisherPages(model), datasets };
}

export function supplierView(s: SupplierEntry, context: SiteContext): SupplierView {
  const { lang, unnamed, publishers, several } = context;
  // The datasets it was paid from: those of its accounts, departments and payments (the lists are capped, so a
  // publisher with none named there gives all its datasets).
  const seen = new Set<string>([...s.accounts.map((a) => a.dataset), ...s.departments.map((a) => a.dataset), ...s.largest.map((p) => p.dataset)]);
  const datasetsOf = (publisher: string) => {
    const own = context.datasets.get(publisher) ?? [];
    const paid = own.filter((d) => seen.has(d.id));
    return (paid.length ? paid : own).map((d) => ({ title: d.title, url: d.url }));
  };
  const publisherName = (id: string) => publishers.get(id)?.name ?? id;
  return {
    slug: s.slug,
    name: s.name || unnamed,
    orgNumber: s.orgNumber ? orgNumber(s.orgNumber) : '',
    total: s.total,
    rows: s.rows,
    first: s.months[0]?.month ?? '',
    last: s.months[s.months.length - 1]?.month ?? '',
    names: s.names,
    publishers: s.publishers.map((p) => ({ name: p.name, total: p.total, rows: p.rows, url: several ? (publishers.get(p.id)?.url ?? '') : '', datasets: datasetsOf(p.id) })),
    years: s.years.map((y) => ({ name: y.year, total: y.total, rows: y.rows })),
    months: s.months,
    accounts: s.accounts.map((a) => ({
      account: a.account,
      name: a.name,
      total: a.total,
      rows: a.rows,
      url: LEDGER_PAGES && a.slug ? accountUrl(a.dataset, a.slug, lang) : '',
      publisher: publisherName(a.publisher),
    })),
    departments: s.departments.map((a) => ({ name: a.name, total: a.total, rows: a.rows, url: LEDGER_PAGES && a.slug ? departmentUrl(a.dataset, a.slug, lang) : '', publisher: publisherName(a.publisher) })),
    largest: s.largest.map((p) => ({
      date: p.datum,
      amount: p.belopp,
      publisher: publisherName(p.publisher),
      account: [p.konto_nr, p.konto_text].filter(Boolean).join(' '),
      department: p.forvaltning,
      voucher: p.verifikationsnummer,
    })),
    rowsFile: s.rowsFile,
    periodFiles: s.rowsFile ? [] : s.publishers.flatMap((p) => datasetsOf(p.id)).map((d) => ({ title: d.title, url: `${d.url}#downloads` })),
  };
}

/** Every supplier page's item (its head, the entry), in the index's order (largest first). */
export function supplierRecords(model: SiteModel, texts: Texts, lang: Language): SupplierRecord[] {
  const t = texts.supplier;
  const unnamed = texts.chart.unnamed;
  const context = siteContext(model, lang, unnamed);
  return (model.index?.suppliers ?? []).map((s) => {
    const name = s.name || unnamed;
    const publishers = s.publishers.map((p) => p.name).join(', ');
    return { title: name, description: fill(t.description, { name, publishers }), ref: `supplier:${s.slug}`, slug: s.slug, entry: s, context };
  });
}

/**
 * What a supplier page shows, from its item. Its strings hold none of the characters no page may hold
 * (transforms.ts `withoutForbidden`): the page's `<main>` is written from it and the site's texts alone, and the
 * transform strips only the rest of the page (`stripShell`).
 */
export function supplierViewOf(record: Pick<SupplierRecord, 'entry' | 'context'>): SupplierView {
  return withoutForbidden(supplierView(record.entry, record.context));
}

// --- What one supplier page writes, formatted ---------------------------------------------------------------

/** A row's amount as it is (for `data-value`) and written out, and its count written out. */
interface Figures {
  total: MoneyText;
  totalText: string;
  rowsText: string;
}

/**
 * A supplier page's view: the page item's values (SupplierView) formatted for its language (money, counts,
 * months, dates, file sizes), its sentences filled in and both charts drawn, so that the layout
 * (templates/layouts/supplier.njk) writes them out with no filter call per value. Made when the page is written
 * (the `supplierMain` filter, in a worker thread beside Eleventy: supplier-main.ts), not kept: a site of 20,000 suppliers does not hold 20,000 pages' text at once.
 */
export interface SupplierPageView {
  name: string;
  orgNumber: string;
  /** The sentence under the heading (first and last month), or '' for a supplier without months. */
  intro: string;
  figures: Figures;
  rows: number;
  publishers: (SupplierView['publishers'][number] & Figures)[];
  several: boolean;
  /** Each table's region label (`Tabell: Per år`). */
  regions: Record<'publishers' | 'years' | 'months' | 'accounts' | 'departments' | 'largest', string>;
  yearChart: string;
  years: ({ name: string; rows: number } & Figures)[];
  monthChart: string;
  months: ({ month: string; name: string } & Figures)[];
  accounts: (SupplierView['accounts'][number] & Figures)[];
  /** The note under a capped list (`the 50 largest`), or ''. */
  accountsNote: string;
  departments: (SupplierView['departments'][number] & Figures)[];
  departmentsNote: string;
  names: string[];
  largestCaption: string;
  largest: (SupplierView['largest'][number] & { dateText: string; amountText: string })[];
  rowsFile: { url: string; mediaType: string; bytesText: string; link: string } | null;
  periodFiles: { title: string; url: string }[];
  /** The home page, the suppliers list and the search page. */
  links: { home: string; suppliers: string; search: string };
}

/** The lists on a supplier page hold at most this many (scripts/index/): at that length, the page says so. */
const CAPPED_AT = 50;

/** The region labels of a language's texts, made once per texts object. */
const regionsByTexts = new WeakMap<object, SupplierPageView['regions']>();

function regionsOf(t: Texts): SupplierPageView['regions'] {
  let regions = regionsByTexts.get(t);
  if (!regions) {
    const ts = t.supplier;
    const region = (name: string) => fill(t.chart.tableRegion, { name });
    regions = {
      publishers: region(ts.byPublisher),
      years: region(ts.byYear),
      months: region(ts.byMonth),
      accounts: region(ts.byAccount),
      departments: region(ts.byDepartment),
      largest: region(ts.largest),
    };
    regionsByTexts.set(t, regions);
  }
  return regions;
}

/**
 * `t`: the page's language's texts (`texts[lang]`). `prefix`: the path prefix the page writes into its URLs
 * (`/repo/`; `/`, the default, leaves them root-relative for the path-prefix transform; scripts/site/path-prefix.ts).
 */
export function supplierPageView(record: Pick<SupplierRecord, 'entry' | 'context'>, lang: Language, t: Texts, prefix = '/'): SupplierPageView {
  const s = supplierViewOf(record);
  const ts = t.supplier;
  const url = (u: string) => withPathPrefix(u, prefix);
  const words = t.chart as unknown as SupplierChartWords;
  // Plain loops and object literals, no spreads or closures: this runs once for every page of the site.
  const publishers: SupplierPageView['publishers'] = [];
  for (const p of s.publishers) {
    const datasets = p.datasets.map((d) => ({ title: d.title, url: url(d.url) }));
    publishers.push({ name: p.name, total: p.total, rows: p.rows, url: url(p.url), datasets, totalText: money(p.total, lang), rowsText: number(p.rows, lang) });
  }
  const years: SupplierPageView['years'] = [];
  for (const y of s.years) years.push({ name: y.name, rows: y.rows, total: y.total, totalText: money(y.total, lang), rowsText: number(y.rows, lang) });
  const months: SupplierPageView['months'] = [];
  for (const m of s.months) months.push({ month: m.month, name: month(m.month, lang), total: m.total, totalText: money(m.total, lang), rowsText: number(m.rows, lang) });
  const accounts: SupplierPageView['accounts'] = [];
  for (const a of s.accounts) {
    accounts.push({ account: a.account, name: a.name, total: a.total, rows: a.rows, url: url(a.url), publisher: a.publisher, totalText: money(a.total, lang), rowsText: number(a.rows, lang) });
  }
  const departments: SupplierPageView['departments'] = [];
  for (const a of s.departments) departments.push({ name: a.name, total: a.total, rows: a.rows, url: url(a.url), publisher: a.publisher, totalText: money(a.total, lang), rowsText: number(a.rows, lang) });
  const largest: SupplierPageView['largest'] = [];
  for (const p of s.largest) {
    largest.push({ date: p.date, amount: p.amount, publisher: p.publisher, account: p.account, department: p.department, voucher: p.voucher, dateText: date(p.date, lang), amountText: money(p.amount, lang) });
  }
  return {
    name: s.name,
    orgNumber: s.orgNumber,
    intro: s.first ? fill(ts.intro, { first: month(s.first, lang), last: month(s.last, lang) }) : '',
    figures: { total: s.total, totalText: money(s.total, lang), rowsText: number(s.rows, lang) },
    rows: s.rows,
    publishers,
    several: s.publishers.length > 1,
    regions: regionsOf(t),
    yearChart: barChart(s.years, { id: 'chart-years', title: ts.byYear, lang, words }),
    years,
    monthChart: monthChart(s.months, { id: 'chart-month', title: ts.byMonth, lang, words }),
    months,
    accounts,
    accountsNote: s.accounts.length >= CAPPED_AT ? fill(ts.capped, { n: s.accounts.length }) : '',
    departments,
    departmentsNote: s.departments.length >= CAPPED_AT ? fill(ts.capped, { n: s.departments.length }) : '',
    names: s.names,
    largestCaption: fill(ts.largestCaption, { n: s.largest.length }),
    largest,
    rowsFile: s.rowsFile ? { url: url(fileUrl(s.rowsFile.path)), mediaType: s.rowsFile.mediaType, bytesText: bytes(s.rowsFile.bytes, lang), link: fill(ts.downloadLink, { name: s.name }) } : null,
    periodFiles: s.periodFiles.map((d) => ({ title: d.title, url: url(d.url) })),
    links: { home: url(homeUrl(lang)), suppliers: url(suppliersUrl(lang)), search: url(searchUrl(lang)) },
  };
}

type SupplierChartWords = { highest: string; lowest: string; seeTable: string; unnamed: string };

// --- The suppliers list and its pages per initial letter ---------------------------------------------------

/** At most this many suppliers on one page of a letter (a page stays small on a phone). */
export const SUPPLIERS_PER_LETTER_PAGE = 500;
/** The largest suppliers on the list page. */
export const SUPPLIERS_LISTED_FIRST = 100;

/** Swedish alphabetical order: A–Z, Å, Ä, Ö, and last every name that begins with neither (digits, signs). */
const LETTERS: { key: string; letter: string }[] = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => ({ key: l.toLowerCase(), letter: l })),
  { key: 'aa', letter: 'Å' },
  { key: 'ae', letter: 'Ä' },
  { key: 'oe', letter: 'Ö' },
  { key: '0', letter: '0–9' },
];
const OWN: Record<string, string> = { Å: 'aa', Ä: 'ae', Æ: 'ae', Ö: 'oe', Ø: 'oe' };

/** The letter key a name is listed under: its first letter or digit (`Åby Bygg` → `aa`, `3M` → `0`). */
export function letterKey(name: string): string {
  const first = /[\p{L}\p{N}]/u.exec(name)?.[0];
  if (!first) return '0';
  const upper = first.toUpperCase();
  if (OWN[upper]) return OWN[upper];
  const base = upper.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return /^[A-Z]$/.test(base) ? base.toLowerCase() : '0';
}

export interface ListedSupplier {
  name: string;
  url: string;
  orgNumber: string;
  total: MoneyText;
}

export interface LetterLink {
  key: string;
  letter: string;
  count: number;
  url: string;
}

export interface LetterPageRecord {
  title: string;
  description: string;
  ref: string;
  key: string;
  letter: string;
  page: number;
  pages: number;
  suppliers: ListedSupplier[];
  letters: LetterLink[];
  /** Links to the other pages of the letter (`{ page, url }`), when it has several. */
  pageLinks: { page: number; url: string }[];
}

export interface SuppliersListRecord {
  title: string;
  description: string;
  ref: string;
  count: number;
  withoutPage: number;
  largest: ListedSupplier[];
  letters: LetterLink[];
}

const collator = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });

function listed(s: SupplierEntry, lang: Language, unnamed: string): ListedSupplier {
  return { name: s.name || unnamed, url: supplierUrl(s.slug, lang), orgNumber: s.orgNumber ? orgNumber(s.orgNumber) : '', total: s.total };
}

function groups(model: SiteModel, lang: Language, unnamed: string): { key: string; letter: string; suppliers: ListedSupplier[] }[] {
  const byKey = new Map<string, ListedSupplier[]>();
  for (const s of model.index?.suppliers ?? []) {
    const key = letterKey(s.name);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(listed(s, lang, unnamed));
  }
  return LETTERS.filter((l) => byKey.has(l.key)).map((l) => ({
    ...l,
    suppliers: (byKey.get(l.key) ?? []).sort((a, b) => collator.compare(a.name, b.name) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)),
  }));
}

function letterLinks(gs: { key: string; letter: string; suppliers: ListedSupplier[] }[], lang: Language): LetterLink[] {
  return gs.map((g) => ({ key: g.key, letter: g.letter, count: g.suppliers.length, url: supplierLetterUrl(g.key, lang) }));
}

/** The list page's one item: the largest suppliers and the letters. */
export function suppliersListRecord(model: SiteModel, texts: Texts, lang: Language): SuppliersListRecord {
  const t = texts.suppliers;
  const suppliers = model.index?.suppliers ?? [];
  return {
    title: t.title,
    description: t.description,
    ref: 'suppliers',
    count: suppliers.length,
    withoutPage: model.index?.suppliersWithoutPage ?? 0,
    largest: suppliers.slice(0, SUPPLIERS_LISTED_FIRST).map((s) => listed(s, lang, texts.chart.unnamed)),
    letters: letterLinks(groups(model, lang, texts.chart.unnamed), lang),
  };
}

/** Every page of every letter, in alphabetical order. */
export function letterPageRecords(model: SiteModel, texts: Texts, lang: Language): LetterPageRecord[] {
  const t = texts.suppliers;
  const gs = groups(model, lang, texts.chart.unnamed);
  const letters = letterLinks(gs, lang);
  const out: LetterPageRecord[] = [];
  for (const g of gs) {
    const pages = Math.ceil(g.suppliers.length / SUPPLIERS_PER_LETTER_PAGE);
    const pageLinks = pages > 1 ? Array.from({ length: pages }, (_, i) => ({ page: i + 1, url: supplierLetterUrl(g.key, lang, i + 1) })) : [];
    for (let page = 1; page <= pages; page++) {
      const title = pages > 1 ? fill(t.letterTitlePage, { letter: g.letter, page, pages }) : fill(t.letterTitle, { letter: g.letter });
      out.push({
        title,
        description: fill(t.letterDescription, { letter: g.letter, count: g.suppliers.length }),
        ref: `suppliers:${g.key}:${page}`,
        key: g.key,
        letter: g.letter,
        page,
        pages,
        suppliers: g.suppliers.slice((page - 1) * SUPPLIERS_PER_LETTER_PAGE, page * SUPPLIERS_PER_LETTER_PAGE),
        letters,
        pageLinks,
      });
    }
  }
  return out;
}
