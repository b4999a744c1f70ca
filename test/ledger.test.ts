/**
 * Account, department and comparison pages on the built sample site (scripts/site/pages.ts ledgerPage,
 * comparePage): every account and department of every dataset has a page in both languages whose totals by year
 * and by month, and whose suppliers plus sole traders, are the sums over the published period CSVs (exact, in
 * öre); the statistics page links every account and department found in those CSVs; the comparison page has every
 * publisher with its total and says where the population is missing. Hostile account and supplier names stay text
 * on the pages, and the table download's CSV code (content/assets/table-csv.js) round-trips any text through
 * csv-parse with the published files' formula guard (property tests).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LedgerEntry, SiteIndex } from '../scripts/index/model.ts';
import type { SiteModel } from '../scripts/model.ts';
import { oreToText, textToOre } from '../scripts/pipeline/money.ts';
import { SOLE_TRADER_NAME } from '../scripts/pipeline/redact.ts';
import { csvCell } from '../scripts/pipeline/write.ts';
import { fraction } from '../scripts/site/filters/fraction.ts';
import { ledgersOf } from '../scripts/site/filters/ledgers-of.ts';
import { ofYear } from '../scripts/site/filters/of-year.ts';
import { withoutPopulation } from '../scripts/site/filters/without-population.ts';
import { yearsOf } from '../scripts/site/filters/years-of.ts';
import { buildSite } from '../scripts/site/index.ts';
import { accountUrl, compareUrl, departmentUrl, statisticsUrl } from '../scripts/site/urls.ts';
import { fixtureModel, HOSTILE_FORMULA, HOSTILE_MARKUP, HOSTILE_SCRIPT } from './fixtures/site/model.ts';
import { ROOT, tempDir } from './helpers/paths.ts';
import { buildSample } from './helpers/sample-build.ts';

const LANGS = ['sv', 'en'] as const;
const file = (out: string, url: string) => readFileSync(join(out, url, 'index.html'), 'utf8');

/** Sums of the published rows of one dataset by a column: key → öre and rows. */
function sumsBy(out: string, model: SiteModel, datasetId: string, column: string, slice?: [number, number]): Map<string, { ore: bigint; rows: number }> {
  const d = model.datasets.find((x) => x.id === datasetId)!;
  const sums = new Map<string, { ore: bigint; rows: number }>();
  for (const p of d.summary.periods) {
    for (const f of p.files.filter((x) => x.format === 'CSV')) {
      for (const r of parse(readFileSync(join(out, f.path)), { columns: true, bom: true }) as Record<string, string>[]) {
        let key = r[column].replace(/^'(?=[=+\-@\t\r])/, '');
        if (slice) key = key.slice(...slice);
        const s = sums.get(key) ?? { ore: 0n, rows: 0 };
        s.ore += textToOre(r.belopp);
        s.rows++;
        sums.set(key, s);
      }
    }
  }
  return sums;
}

/** The data-value cells of one column of the table after `marker`, as text. */
function tableValues(html: string, marker: string, column: number): string[] {
  const start = html.indexOf(marker);
  assert.ok(start >= 0, `no ${marker}`);
  const body = html.slice(start).split('<tbody>')[1].split('</tbody>')[0];
  return body.split('<tr').slice(1).map((row) => [...row.matchAll(/data-value="([^"]*)"/g)][column]?.[1] ?? '');
}

const sumText = (values: string[]) => oreToText(values.reduce((n, v) => n + textToOre(v), 0n));

test('every account and department has a page in both languages whose totals are the sums over the published CSVs', async () => {
  const { outDir, model } = await buildSample();
  const ix = model.index!;
  let pages = 0;
  for (const [kind, list, column] of [
    ['account', ix.accounts, 'konto_nr'],
    ['department', ix.departments, 'forvaltning'],
  ] as const) {
    for (const d of model.datasets) {
      const own = list.filter((e) => e.dataset === d.id);
      const total = sumsBy(outDir, model, d.id, column);
      assert.equal(new Set(own.map((e) => (kind === 'account' ? e.account : e.name))), new Set(total.keys()), `${d.id}: every ${kind} of the CSVs and no other`);
      for (const e of own) {
        const key = kind === 'account' ? e.account : e.name;
        for (const lang of LANGS) {
          const html = file(outDir, (kind === 'account' ? accountUrl : departmentUrl)(d.id, e.slug, lang));
          pages++;
          const expected = oreToText(total.get(key)!.ore);
          assert.is(sumText(tableValues(html, 'id="chart-years-caption"', 1)), expected, `${d.id} ${key}: by year`);
          assert.is(sumText(tableValues(html, 'id="chart-month-caption"', 1)), expected, `${d.id} ${key}: by month`);
          const rowCount = tableValues(html, 'id="chart-years-caption"', 2).reduce((n, v) => n + Number(v), 0);
          assert.is(rowCount, total.get(key)!.rows);
          // Suppliers plus the one line of sole traders: the whole total (the sample's lists are not capped).
          assert.ok(e.supplierCount <= e.suppliers.length);
          const suppliers = tableValues(html, 'class="ledger-suppliers"', 1);
          assert.is(sumText(suppliers), expected, `${d.id} ${key}: suppliers + sole traders`);
          assert.not.ok(html.includes(SOLE_TRADER_NAME), 'sole traders are one unnamed line');
          if (e.redacted.rows) assert.ok(html.includes(lang === 'sv' ? 'Enskilda näringsidkare (uppgifterna skyddade)' : 'Sole traders (details protected)'));
          assert.ok(html.includes(`${lang === 'sv' ? '' : '/en'}/datasets/${d.id}/#downloads"`), 'links to the files');
        }
      }
    }
  }
  assert.ok(pages > 200, `${pages} pages`);
});

test('the statistics page links every account and department of the published CSVs, with a column per year', async () => {
  const { outDir, model } = await buildSample();
  const ix = model.index!;
  for (const d of model.datasets) {
    for (const lang of LANGS) {
      const html = file(outDir, statisticsUrl(d.id, lang));
      for (const [list, column, url] of [
        [ix.accounts, 'konto_nr', accountUrl],
        [ix.departments, 'forvaltning', departmentUrl],
      ] as const) {
        const linked = new Set([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/^\/insyn/, '')));
        const reached = list.filter((e) => e.dataset === d.id && linked.has(url(d.id, e.slug, lang)));
        const keys = new Set(reached.map((e) => (column === 'konto_nr' ? e.account : e.name)));
        assert.equal(keys, new Set(sumsBy(outDir, model, d.id, column).keys()), `${d.id} ${lang}: ${column}`);
      }
      assert.not.ok(/Övriga \(\d+ st\)|Others \(\d+\)/.test(html), 'no remainder line');
      for (const y of ['2025', '2026']) assert.ok(html.includes(`data-col="belopp_${y}"`), `a column for ${y}`);
      // The accounts table's whole-period amounts are accounts.csv's.
      const expected = parse(readFileSync(join(outDir, `datasets/${d.id}/accounts.csv`)), { columns: true }) as Record<string, string>[];
      assert.equal(tableValues(html, `data-csv="${d.id}-konton"`, 0), expected.map((r) => r.konto_nr.replace(/^'/, '')), 'the server\'s order is by amount, as accounts.csv');
      assert.equal(tableValues(html, `data-csv="${d.id}-konton"`, 2), expected.map((r) => r.belopp));
    }
  }
});

test('the comparison page: every publisher, its total, per year and per month, and what is not known', async () => {
  const { outDir, model } = await buildSample();
  for (const lang of LANGS) {
    const html = file(outDir, compareUrl(lang));
    for (const p of model.index!.publishers) {
      const own = model.datasets.filter((d) => d.publisher.id === p.id).reduce((n, d) => n + textToOre(d.summary.total), 0n);
      assert.is(p.total, oreToText(own));
      assert.ok(html.includes(`data-value="${p.total}"`), `${p.id}: total`);
      assert.is(oreToText(p.years.reduce((n, y) => n + textToOre(y.total), 0n)), p.total, `${p.id}: years`);
      assert.is(sumText(tableValues(html, `id="chart-month-${p.id}-caption"`, 1)), p.total, `${p.id}: months`);
      assert.ok(html.includes(p.name));
      // The sample's site.json gives each publisher's population: the total per inhabitant, exact to the öre.
      const population = model.settings.publishers.find((x) => x.id === p.id)?.population;
      assert.ok(population, `${p.id}: the sample gives a population`);
      assert.is(p.perInhabitant, oreToText(own / BigInt(population!)));
      assert.ok(html.includes(`data-value="${p.perInhabitant}"`), `${p.id}: per inhabitant shown`);
    }
    // (Without a population the page says "uppgift saknas" and how to add it: the withoutPopulation filter's test.)
    assert.ok(html.includes('kommun_id'), 'local suppliers: why the share is not shown');
    const home = file(outDir, lang === 'sv' ? '/' : '/en/');
    assert.ok(home.includes(`${compareUrl(lang)}"`), 'the home page links it');
  }
});

/** A fixture site with an index of hostile names: one account and one department of the fixture's first dataset. */
function hostileModel(account: string, name: string, supplier: string): SiteModel {
  const model = fixtureModel();
  const d = model.datasets[0];
  const entry = (kind: 'account' | 'department'): LedgerEntry => ({
    dataset: d.id,
    publisher: d.publisher.id,
    account: kind === 'account' ? account : '',
    name,
    slug: kind === 'account' ? 'a' : 'd',
    rows: 3,
    total: '-1234.50',
    years: [{ year: '2024', rows: 3, total: '-1234.50' }],
    months: [{ month: '2024-01', rows: 3, total: '-1234.50' }],
    suppliers: [{ name: supplier, slug: null, rows: 2, total: '-1300.00' }],
    supplierCount: 1,
    redacted: { rows: 1, total: '65.50' },
  });
  const index: SiteIndex = { suppliers: [], suppliersWithoutPage: 0, accounts: [entry('account')], departments: [entry('department')], publishers: [] };
  model.index = index;
  return model;
}

/** An attribute's value as a browser reads it: the named entities Nunjucks writes, and numeric ones (`&#92;` for `\`). */
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

test('hostile account, department and supplier names stay text on the pages (fast-check)', async () => {
  const hostile = fc.oneof(fc.constantFrom(HOSTILE_SCRIPT, HOSTILE_FORMULA, HOSTILE_MARKUP.replace(/[\u0000-\u001f]/g, ''), '"><img src=x onerror=alert(1)>', '{{ 7*7 }}{% raw %}'), fc.string({ minLength: 1, maxLength: 30 }).map((s) => `<i>${s.replace(/[\u0000-\u001f\ud800-\udfff]/g, '')}</i>`));
  await fc.assert(
    fc.asyncProperty(hostile, hostile, hostile, async (account, name, supplier) => {
      const model = hostileModel(account, name, supplier);
      const dir = tempDir('insyn-ledger-hostile-');
      await buildSite(model, dir);
      const d = model.datasets[0];
      for (const url of [accountUrl(d.id, 'a', 'sv'), departmentUrl(d.id, 'd', 'en'), statisticsUrl(d.id, 'sv')]) {
        const html = file(dir, url);
        const main = html.split('<main')[1].split('</main>')[0];
        for (const text of [account, name, supplier]) {
          if (url.includes('statistik') && text === supplier) continue;
          assert.not.ok(main.includes(text) && /[<>"&]/.test(text), `${url}: ${JSON.stringify(text)} as markup`);
        }
        assert.not.ok(/<script>alert|<img src=x|<i>/.test(main), `${url}: markup from the data`);
        const values = [...main.matchAll(/data-value="([^"]*)"/g)].map((m) => unescape(m[1]));
        if (!url.includes('statistik')) assert.ok(values.includes(supplier) || url.includes('forvaltningar') || url.includes('departments'), 'the raw value of a name is its text');
      }
    }),
    // A backslash, which Nunjucks writes as &#92; (found by a run in CI), is always tried.
    { numRuns: 4, examples: [['<i> </i>', '<i> </i>', '<i>\\ </i>']] },
  );
});

// The download's CSV code as the browser runs it, loaded from the asset without a DOM.
const sandbox: { insynTableCsv?: { cell(v: string, numeric: boolean): string; csvText(h: string[], rows: string[][], numeric: boolean[]): string } } = {};
runInNewContext(readFileSync(join(ROOT, 'content/assets/table-csv.js'), 'utf8'), { globalThis: sandbox, window: sandbox });
const csv = sandbox.insynTableCsv!;

test('the table download quotes and guards a cell exactly as the published CSV does (fast-check)', () => {
  const text = fc.oneof(fc.string(), fc.constantFrom('=SUM(A1)', '+1', '-', '-12.50', '@x', '\tx', '\rx', '"', ',', '\n', HOSTILE_FORMULA, HOSTILE_SCRIPT), fc.string({ unit: 'binary' }));
  fc.assert(fc.property(text, fc.boolean(), (v, numeric) => csv.cell(v, numeric) === csvCell(v, numeric)), { numRuns: 2000 });
});

test('a downloaded table round-trips through csv-parse: every value as it was, a formula-like text with the apostrophe in front', () => {
  const value = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('=1+1', '-', '"a,b"\r\n', '\u00a0', 'ÅÄÖ', "'+", "'=x"));
  fc.assert(
    fc.property(fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { maxLength: 20 }), (rows) => {
      const out = csv.csvText(['leverantor', 'belopp', 'rader'], rows, [false, true, true]);
      const back = parse(out, { relax_column_count: false }) as string[][];
      assert.equal(back[0], ['leverantor', 'belopp', 'rader']);
      assert.equal(back.length, rows.length + 1);
      rows.forEach((row, i) => {
        const got = back[i + 1];
        // A text a spreadsheet would run gets the apostrophe in front, nothing else changes (as in write.ts).
        const guarded = /^[=+\-@\t\r]/.test(row[0]) && !/^(?:-+|[+-]?\d+(?:[.,]\d+)?)$/.test(row[0]) ? `'${row[0]}` : row[0];
        assert.is(got[0], guarded);
        assert.equal(got.slice(1), row.slice(1), 'numeric columns are never changed');
      });
      assert.ok(out.endsWith('\r\n') && !out.startsWith('\ufeff'));
    }),
    { numRuns: 500 },
  );
});

test('the filters of these pages: a share as a percentage, a year looked up, a dataset’s entries, missing populations', () => {
  assert.is(fraction('0.4521', 'sv'), '45,2\u00a0%');
  assert.is(fraction('0.4525', 'en'), '45.3%');
  assert.is(fraction('1.0000', 'en'), '100.0%');
  assert.is(fraction('0.0004', 'sv'), '0,0\u00a0%');
  assert.is(fraction('x'), '');
  assert.equal(ofYear([{ year: '2025', rows: 2, total: '1.50' }], '2025'), { rows: 2, total: '1.50' });
  assert.equal(ofYear([{ year: '2025', rows: 2, total: '1.50' }], '2026'), { rows: 0, total: '0.00' });
  assert.equal(yearsOf([{ years: [{ year: '2026' }] }, { years: [{ year: '2024' }, { year: '2026' }] }]), ['2024', '2026']);
  const list = [{ dataset: 'a', name: '1' }, { dataset: 'b', name: '2' }, { dataset: 'a', name: '3' }] as unknown as LedgerEntry[];
  assert.equal(ledgersOf(list, 'a').map((e) => e.name), ['1', '3']);
  assert.equal(ledgersOf(undefined, 'a'), []);
  assert.equal(withoutPopulation([{ name: 'X', population: null }, { name: 'Y', population: 10 }]), ['X']);
});

test.run();
