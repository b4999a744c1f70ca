/**
 * What the supplier pages show, made once per language from the index (scripts/index/) when Eleventy paginates
 * (`pagination.before` in pages.ts): each page's head (title, description, ref) and its rows already joined to
 * the site (publisher names and pages, dataset titles, the URLs of accounts and departments), so that the layout
 * (templates/layouts/supplier.njk) only writes them out and a page costs no more than it must. The suppliers list
 * (`/leverantorer/`) and its pages per initial letter are made here too.
 */
import type { Language, MoneyText, SiteModel } from '../model.ts';
import type { RowsFile, SupplierEntry } from '../index/model.ts';
import { fill } from './filters/fill.ts';
import { localized } from './filters/localized.ts';
import { orgNumber } from './filters/org-number.ts';
import { accountUrl, datasetUrl, departmentUrl, hasPublisherPages, publisherUrl, supplierLetterUrl, supplierUrl } from './urls.ts';

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

export interface SupplierRecord {
  title: string;
  description: string;
  ref: string;
  supplier: SupplierView;
}

/** One of the site's publishers, in the order of site.json, with its page (`''` when the site has one). */
function publisherNames(model: SiteModel, lang: Language): Map<string, { name: string; url: string }> {
  return new Map(model.settings.publishers.map((p) => [p.id, { name: p.name, url: publisherUrl(p.id, lang, model) }]));
}

/** What every supplier page of a language shares: the site's publishers and datasets, looked up once. */
interface SiteContext {
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

export function supplierView(s: SupplierEntry, model: SiteModel, lang: Language, unnamed: string, context = siteContext(model, lang, unnamed)): SupplierView {
  const { publishers, several } = context;
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

/** Every supplier page's item (the head and what it shows), in the index's order (largest first). */
export function supplierRecords(model: SiteModel, texts: Texts, lang: Language): SupplierRecord[] {
  const t = texts.supplier;
  const unnamed = texts.chart.unnamed;
  const context = siteContext(model, lang, unnamed);
  return (model.index?.suppliers ?? []).map((s) => {
    const supplier = supplierView(s, model, lang, unnamed, context);
    const publishers = supplier.publishers.map((p) => p.name).join(', ');
    return { title: supplier.name, description: fill(t.description, { name: supplier.name, publishers }), ref: `supplier:${s.slug}`, supplier };
  });
}

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
