/** The site's filters that hold logic: money, counts, sizes, shares, dates, ranking, URLs, translations, feeds. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { bytes } from '../scripts/site/filters/bytes.ts';
import { date, isoDate, month } from '../scripts/site/filters/date.ts';
import { editUrl } from '../scripts/site/filters/edit-url.ts';
import { feedEntries, feedUpdated } from '../scripts/site/filters/feed-entries.ts';
import { monthPublished } from '../scripts/site/month-entries.ts';
import { fill } from '../scripts/site/filters/fill.ts';
import { localized, localizedLang } from '../scripts/site/filters/localized.ts';
import { fromOre, money, moneyByOre, oreNumber, toOre } from '../scripts/site/filters/money.ts';
import { navState } from '../scripts/site/filters/nav-state.ts';
import { number } from '../scripts/site/filters/number.ts';
import { ranked } from '../scripts/site/filters/ranked.ts';
import { remainder } from '../scripts/site/filters/remainder.ts';
import { share } from '../scripts/site/filters/share.ts';
import { sitemapPages } from '../scripts/site/filters/sitemap-pages.ts';
import { sumMoney } from '../scripts/site/filters/sum-money.ts';
import { supplierConcentration } from '../scripts/site/filters/supplier-concentration.ts';
import { translationUrl } from '../scripts/site/filters/translation-url.ts';
import { catalogueByYear, catalogueYears, datasetYears } from '../scripts/site/filters/years.ts';
import { absoluteUrl, contentPageUrl, datasetUrl, publisherUrl, statisticsUrl } from '../scripts/site/urls.ts';
import { fixtureModel } from './fixtures/site/model.ts';

const NBSP = '\u00a0';
const MINUS = '\u2212';

test('money: Swedish grouping with no-break spaces, whole kronor, a real minus sign', () => {
  assert.is(money('1234567.00'), `1${NBSP}234${NBSP}567${NBSP}kr`);
  assert.is(money('-1234.50'), `${MINUS}1${NBSP}235${NBSP}kr`);
  assert.is(money('999.49'), `999${NBSP}kr`);
  assert.is(money('999.50'), `1${NBSP}000${NBSP}kr`);
  assert.is(money('-0.40'), `0${NBSP}kr`);
  assert.is(money('0.00'), `0${NBSP}kr`);
  assert.is(money('12.5'), `13${NBSP}kr`);
  assert.is(money('-1234.5', 'sv', true), `${MINUS}1${NBSP}234,50${NBSP}kr`);
  assert.is(money('1234567.05', 'en'), `SEK${NBSP}1,234,567`);
  assert.is(money('-1234567.05', 'en', true), `SEK${NBSP}${MINUS}1,234,567.05`);
});

test('money: exact beyond float precision', () => {
  // 2^53 + 1 öre cannot be held by a double; the text must still be exact.
  assert.is(money('90071992547409.93', 'sv', true), `90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,93${NBSP}kr`);
  assert.is(sumMoney(['90071992547409.93', '0.01', '-0.02']), '90071992547409.92');
  assert.is(sumMoney([{ total: '0.10' }, { total: '0.20' }]), '0.30');
  assert.is(sumMoney([]), '0.00');
});

test('money: refuses what is not an amount', () => {
  assert.throws(() => money('1 234,50'));
  assert.throws(() => money('12.345'));
  assert.throws(() => money('abc'));
});

test('money: the text way (no bigint) writes what integer öre give, for any amount as the data writes it (property)', () => {
  // Leading zeros, one or two decimals or none, zero with a minus sign, kronor beyond a double's precision.
  const amount = fc
    .tuple(fc.constantFrom('', '-'), fc.oneof(fc.stringMatching(/^\d{1,4}$/), fc.stringMatching(/^\d{1,22}$/), fc.constantFrom('0', '00', '0099', '9999999999999', '99999999999999999')), fc.option(fc.stringMatching(/^\d{1,2}$/)))
    .map(([sign, kronor, ore]) => `${sign}${kronor}${ore === null ? '' : `.${ore}`}`);
  fc.assert(
    fc.property(amount, fc.constantFrom('sv' as const, 'en' as const), fc.boolean(), (value, lang, decimals) => {
      assert.is(money(value, lang, decimals), moneyByOre(value, lang, decimals), value);
      assert.is(oreNumber(value), Number(toOre(value)), value);
    }),
    { numRuns: 5000 },
  );
});

test('money: round trip and rounding hold for any amount (property)', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (ore) => {
      const text = fromOre(ore);
      assert.is(toOre(text), ore);
      const shown = money(text, 'sv');
      const digits = BigInt(shown.replace(/[^0-9]/g, ''));
      const abs = ore < 0n ? -ore : ore;
      assert.is(digits, (abs + 50n) / 100n);
      assert.is(shown.startsWith(MINUS), ore < 0n && abs >= 50n);
      assert.not.match(shown, / /); // only no-break spaces
    }),
  );
});

test('number: grouping, negatives', () => {
  assert.is(number(0), '0');
  assert.is(number(2400), `2${NBSP}400`);
  assert.is(number(-1234567), `${MINUS}1${NBSP}234${NBSP}567`);
  assert.is(number(1234567, 'en'), '1,234,567');
  assert.throws(() => number(1.5));
});

test('bytes: decimal units, Swedish decimal comma', () => {
  assert.is(bytes(0), `0${NBSP}byte`);
  assert.is(bytes(999), `999${NBSP}byte`);
  assert.is(bytes(999, 'en'), `999${NBSP}bytes`);
  assert.is(bytes(1000), `1,0${NBSP}kB`);
  assert.is(bytes(1_234_567), `1,2${NBSP}MB`);
  assert.is(bytes(1_234_567, 'en'), `1.2${NBSP}MB`);
  assert.is(bytes(12_345_678), `12,3${NBSP}MB`);
  assert.is(bytes(123_456_789), `123${NBSP}MB`);
  assert.is(bytes(999_499), `999${NBSP}kB`);
  assert.is(bytes(999_500), `1,0${NBSP}MB`);
  assert.is(bytes(99_949), `99,9${NBSP}kB`);
  assert.is(bytes(99_950), `100${NBSP}kB`);
  assert.is(bytes(5_000_000_000), `5,0${NBSP}GB`);
  assert.throws(() => bytes(-1));
});

test('share: per mille on öre, Swedish percent', () => {
  assert.is(share('432.00', '1000.00'), `43,2${NBSP}%`);
  assert.is(share('1.00', '3.00', 'en'), '33.3%');
  assert.is(share('2.00', '3.00'), `66,7${NBSP}%`);
  assert.is(share('-1.00', '3.00'), `${MINUS}33,3${NBSP}%`);
  assert.is(share('5.00', '5.00'), `100,0${NBSP}%`);
  assert.is(share('1.00', '0.00'), '');
  assert.is(share('1.00', '-5.00'), '');
});

test('date and month: from the text, in both languages', () => {
  assert.is(date('2025-03-31'), `31${NBSP}mars 2025`);
  assert.is(date('2025-03-01', 'en'), `1${NBSP}March 2025`);
  assert.is(date(new Date(Date.UTC(2026, 1, 2))), `2${NBSP}februari 2026`);
  assert.is(isoDate(new Date(Date.UTC(2026, 1, 2))), '2026-02-02');
  assert.is(month('2025-12'), 'december 2025');
  assert.is(month('2025-05', 'sv', true), 'maj');
  assert.is(month('2025-05', 'en', true), 'May');
  assert.throws(() => date('2025-13-01'));
});

test('ranked: largest first by exact amount, ties by name, stable', () => {
  const items = [
    { name: 'b', total: '10.00' },
    { name: 'a', total: '10.00' },
    { name: 'c', total: '9.99' },
    { name: 'd', total: '100.00' },
    { name: 'e', total: '-5.00' },
  ];
  assert.equal(ranked(items).map((i) => i.name), ['d', 'a', 'b', 'c', 'e']);
  assert.equal(ranked(items, 2).map((i) => i.name), ['d', 'a']);
  assert.equal(remainder(items, 2), { count: 3, total: '14.99' });
  assert.equal(items[0].name, 'b', 'the input is not reordered');
});

test('supplierConcentration: the three groups add up to the total', () => {
  const summary = fixtureModel().datasets[0].summary;
  const groups = supplierConcentration(summary, 10, { top: 'De {n} största', others: 'Övriga', redacted: 'Maskerade' });
  assert.equal(groups.map((g) => g.name), ['De 10 största', 'Övriga', 'Maskerade']);
  assert.is(sumMoney(groups), summary.total);
  assert.is(groups[2].total, summary.redactedSuppliers.total);
  const none = supplierConcentration({ ...summary, redactedSuppliers: { rows: 0, total: '0.00' } }, 3, { top: '{n}', others: 'o', redacted: 'r' });
  assert.is(none.length, 2);
  assert.is(none[0].name, '3');
});

test('fill and localized', () => {
  assert.is(fill('Visar {shown} av {all}.', { shown: 2, all: 3 }), 'Visar 2 av 3.');
  assert.is(fill('{a} {missing}', { a: '<b>' }), '<b> {missing}');
  assert.is(localized({ sv: 'Hej', en: 'Hello' }, 'en'), 'Hello');
  assert.is(localized({ sv: 'Hej' }, 'en'), 'Hej');
  assert.is(localizedLang({ sv: 'Hej' }, 'en'), 'sv');
  assert.is(localizedLang({ sv: 'Hej', en: 'Hello' }, 'en'), 'en');
  assert.equal(localized({ sv: ['a', 'b'], en: ['c'] }, 'en'), ['c']);
  assert.equal(localized({ sv: ['a', 'b'] }, 'en'), ['a', 'b']);
});

test('URLs follow layout.md', () => {
  const model = fixtureModel();
  assert.is(datasetUrl('budget', 'sv'), '/datasets/budget/');
  assert.is(datasetUrl('budget', 'en'), '/en/datasets/budget/');
  assert.is(statisticsUrl('budget', 'sv'), '/datasets/budget/statistik/');
  assert.is(statisticsUrl('budget', 'en'), '/en/datasets/budget/statistics/');
  assert.is(publisherUrl('exempelby', 'sv', model), '/utgivare/exempelby/');
  assert.is(publisherUrl('exempelby', 'en', model), '/en/publishers/exempelby/');
  const single = { ...model, settings: { ...model.settings, publishers: model.settings.publishers.slice(0, 1) } };
  assert.is(publisherUrl('exempelby', 'sv', single), '');
  assert.is(contentPageUrl('/sv/index'), '/');
  assert.is(contentPageUrl('/en/index'), '/en/');
  assert.is(contentPageUrl('/sv/guider/juridik'), '/guider/juridik/');
  assert.is(contentPageUrl('/sv/guider/index'), '/guider/');
  assert.is(contentPageUrl('/en/about-the-data'), '/en/about-the-data/');
  assert.is(absoluteUrl('/datasets/', 'https://user.github.io/repo/'), 'https://user.github.io/repo/datasets/');
  assert.is(absoluteUrl('/', 'https://insyn.example/'), 'https://insyn.example/');
  assert.is(absoluteUrl('https://other.example/x', 'https://insyn.example/'), 'https://other.example/x');
});

test('editUrl: only for Markdown pages, and only with a repository', () => {
  const repo = { url: 'https://github.com/kommun/insyn/', branch: 'main' };
  assert.is(editUrl({ inputPath: './content/sv/om-datan.md' }, repo), 'https://github.com/kommun/insyn/edit/main/content/sv/om-datan.md');
  assert.is(editUrl({ inputPath: './content/sv/nyheter/2026-02-16-januari.md' }, repo), 'https://github.com/kommun/insyn/edit/main/content/sv/nyheter/2026-02-16-januari.md');
  assert.is(editUrl({ inputPath: './content/sv/datasets/dataset.11ty.js' }, repo), '');
  assert.is(editUrl({ inputPath: './content/sv/om-datan.md' }, undefined), '');
});

test('navState: the page, its section, never the home page for a section', () => {
  assert.is(navState('/datasets/', '/datasets/'), 'page');
  assert.is(navState('/datasets/', '/datasets/x/statistik/'), 'true');
  assert.is(navState('/', '/datasets/'), '');
  assert.is(navState('/en/', '/en/datasets/'), '');
  assert.is(navState('/en/', '/en/'), 'page');
  assert.is(navState('/guider/', '/nyheter/'), '');
});

test('translationUrl: pairs pages by ref and language', () => {
  const all = [
    { url: '/om-datan/', data: { ref: 'about-data', lang: 'sv' } },
    { url: '/en/about-the-data/', data: { ref: 'about-data', lang: 'en' } },
    { url: '/en/datasets/x/', data: { ref: 'dataset:x', lang: 'en' } },
    { url: false as const, data: { ref: 'hidden', lang: 'en' } },
  ];
  assert.is(translationUrl(all, 'about-data', 'en'), '/en/about-the-data/');
  assert.is(translationUrl(all, 'about-data', 'sv'), '/om-datan/');
  assert.is(translationUrl(all, 'dataset:x', 'en'), '/en/datasets/x/');
  assert.is(translationUrl(all, 'dataset:y', 'en'), '');
  assert.is(translationUrl(all, 'hidden', 'en'), '');
  assert.is(translationUrl(all, undefined, 'en'), '');
});

test('sitemapPages: HTML pages only, sorted, no 404', () => {
  const all = [
    { url: '/b/', data: {} },
    { url: '/a/', data: {} },
    { url: '/feed.xml', data: {} },
    { url: '/404.html', data: {} },
    { url: false as const, data: {} },
    { url: '/hidden/', data: { sitemap: false } },
  ];
  assert.equal(sitemapPages(all), ['/a/', '/b/']);
});

test('years: the years a dataset covers and the catalogue by year', () => {
  const model = fixtureModel();
  assert.equal(datasetYears(model.datasets[0]), ['2024', '2025']);
  assert.equal(catalogueYears(model.datasets), ['2026', '2025', '2024', '2023']);
  const byYear = catalogueByYear(model.datasets);
  assert.equal(byYear.map((g) => g.year), ['2026', '2025', '2024', '2023']);
  assert.equal(byYear.find((g) => g.year === '2023')?.entries.map((e) => [e.dataset.id, e.period.key]), [['bolagsfakturor', 'all']]);
});

const FEED_WORDS = {
  monthTitle: '{title}: {month}',
  monthSummary: '{rows} rader, totalt {total}.',
  monthMore: 'Det är {change} mer än i {previous}.',
  monthLess: 'Det är {change} mindre än i {previous}.',
  monthSame: 'Lika mycket som i {previous}.',
  monthFirst: 'Den första månaden i datamängden.',
};

test('feedEntries: news and one entry per published month, newest first, dated by the publication, not the last booking day', () => {
  const model = fixtureModel();
  const news = [{ url: '/nyheter/x/', date: new Date(Date.UTC(2025, 5, 1)), data: { title: 'Nyhet', description: 'Kort' } }];
  const entries = feedEntries(news, model, 'sv', FEED_WORDS);
  // 15 months of leverantorsfakturor, 1 of region-fakturor, 2 of bolagsfakturor, the empty dataset none.
  assert.is(entries.length, 1 + 15 + 1 + 2);
  assert.equal(entries.slice(0, 5).map((e) => e.date.toISOString().slice(0, 10)), ['2026-02-01', '2025-06-01', '2025-04-01', '2025-03-01', '2025-02-01']);
  assert.is(entries[0].title, 'Leverantörsfakturor Region Väst: januari 2026');
  assert.is(entries[0].url, '/datasets/region-fakturor/statistik/#month-2026-01');
  assert.is(entries[0].summary, `5 rader, totalt 5${NBSP}073${NBSP}719${NBSP}kr. Den första månaden i datamängden.`);
  const of = (month: string) => entries.find((e) => e.url === `/datasets/leverantorsfakturor/statistik/#month-${month}`);
  assert.is(of('2025-01')?.summary, `160 rader, totalt 7${NBSP}100${NBSP}000${NBSP}kr. Det är 16,9${NBSP}% mindre än i december 2024.`);
  assert.is(of('2025-02')?.summary, `140 rader, totalt −250${NBSP}001${NBSP}kr. Det är 103,5${NBSP}% mindre än i januari 2025.`);
  assert.is(of('2025-03')?.summary, `170 rader, totalt 6${NBSP}400${NBSP}000${NBSP}kr.`, 'no percentage of a negative total');
  assert.is(new Set(entries.map((e) => e.url + e.fragment)).size, entries.length, 'entry ids are unique');
  assert.is(feedUpdated(entries, '2020-01-01').toISOString(), '2026-02-01T00:00:00.000Z');
  assert.is(feedUpdated([], '2020-01-01').toISOString(), '2020-01-01T00:00:00.000Z');
  // A month keeps its date when later months come: the entries of 2024 are the same without 2025's months.
  const shorter = fixtureModel();
  const d = shorter.datasets[0];
  shorter.datasets[0] = { ...d, summary: { ...d.summary, byMonth: d.summary.byMonth.slice(0, 12) } }; // the fixture's objects are shared
  const before = feedEntries([], shorter, 'sv', FEED_WORDS).filter((e) => e.url.includes('#month-2024-'));
  const after = entries.filter((e) => e.url.includes('#month-2024-'));
  assert.equal(before.map((e) => [e.url, e.date.getTime(), e.summary]), after.map((e) => [e.url, e.date.getTime(), e.summary]));
});

test('feedEntries: issued later than a month\'s end dates it on issued; SOURCE_DATE_EPOCH before its end dates it then', () => {
  const model = fixtureModel();
  model.datasets[0] = { ...model.datasets[0], metadata: { ...model.datasets[0].metadata, issued: '2025-02-14' } };
  const dated = (entries: ReturnType<typeof feedEntries>, month: string) => entries.find((e) => e.url.endsWith(`#month-${month}`))?.date.toISOString().slice(0, 10);
  const entries = feedEntries([], model, 'sv', FEED_WORDS);
  assert.is(dated(entries, '2024-01'), '2025-02-14');
  assert.is(dated(entries, '2025-01'), '2025-02-14');
  assert.is(dated(entries, '2025-02'), '2025-03-01');
  const early = feedEntries([], model, 'sv', FEED_WORDS, '2026-01-20');
  assert.is(dated(early, '2026-01'), '2026-01-20', 'a month published before it ended');
  assert.is(dated(early, '2025-02'), '2025-03-01');
  assert.is(monthPublished('2026-01', undefined, '2025-12-01'), '2026-01-01', 'never before the month began');
  assert.is(monthPublished('2025-12', undefined, null), '2026-01-01');
});

test.run();
