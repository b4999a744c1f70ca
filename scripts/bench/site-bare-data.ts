/**
 * The data bare Eleventy's supplier pages are written from (site-bare.ts, site/bare-supplier.njk): each supplier
 * page's item as Insyn makes it (scripts/site/supplier-pages.ts), with every value already formatted and the
 * charts already drawn, so that bare Eleventy writes the same markup without Insyn's filters. Made before the
 * runs, outside the time measured.
 */
import type { Language, SiteModel } from '../model.ts';
import { barChart } from '../site/filters/bar-chart.ts';
import { bytes } from '../site/filters/bytes.ts';
import { date, month } from '../site/filters/date.ts';
import { fill } from '../site/filters/fill.ts';
import { money } from '../site/filters/money.ts';
import { monthChart } from '../site/filters/month-chart.ts';
import { number } from '../site/filters/number.ts';
import { supplierRecords, supplierViewOf } from '../site/supplier-pages.ts';
import { fileUrl } from '../site/urls.ts';

type Texts = Record<string, any>;

export function bareSuppliers(model: SiteModel, texts: Texts, lang: Language = 'sv') {
  const t = texts[lang];
  const m = (x: string) => money(x, lang);
  const n = (x: number) => number(x, lang);
  return supplierRecords(model, t, lang).map((record) => ({ record, s: supplierViewOf(record) })).map(({ record: { title, description }, s }) => ({
    title,
    description,
    slug: s.slug,
    name: s.name,
    intro: s.first ? fill(t.supplier.intro, { first: month(s.first, lang), last: month(s.last, lang) }) : '',
    totalValue: s.total,
    total: m(s.total),
    rows: n(s.rows),
    orgNumber: s.orgNumber || t.supplier.nameOnly,
    publishers: s.publishers.map((p) => ({ ...p, totalValue: p.total, total: m(p.total), rows: n(p.rows) })),
    several: s.publishers.length > 1,
    yearChart: barChart(s.years, { id: 'chart-years', title: t.supplier.byYear, lang, words: t.chart }),
    years: s.years.map((y) => ({ name: y.name, total: m(y.total), rows: n(y.rows) })),
    monthChart: monthChart(s.months, { id: 'chart-month', title: t.supplier.byMonth, lang, words: t.chart }),
    months: s.months.map((x) => ({ month: x.month, name: month(x.month, lang), total: m(x.total), rows: n(x.rows) })),
    accounts: s.accounts.map((a) => ({ ...a, total: m(a.total), rows: n(a.rows) })),
    departments: s.departments.map((a) => ({ ...a, total: m(a.total), rows: n(a.rows) })),
    names: s.names,
    largestCaption: fill(t.supplier.largestCaption, { n: s.largest.length }),
    largest: s.largest.map((p) => ({ ...p, dateText: date(p.date, lang), amount: m(p.amount) })),
    rowsFile: s.rowsFile ? { url: fileUrl(s.rowsFile.path), mediaType: s.rowsFile.mediaType, bytes: bytes(s.rowsFile.bytes, lang), link: fill(t.supplier.downloadLink, { name: s.name }) } : null,
  }));
}
