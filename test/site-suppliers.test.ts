/**
 * Supplier pages and the suppliers list on the sample site, built by the real build: a supplier paid by both
 * municipalities shows both, each with its total, and the exact sum of the two (computed here from the published
 * period CSV files, not from the index); its rows file holds exactly its rows of those files; sole traders never
 * get a page, a name or a search record; every supplier is on exactly one page of the letters. In headless
 * Chromium: from the home page, type a supplier's name into the header search, press Enter, open the result with
 * the keyboard and see the total across both publishers and each of them named; axe (WCAG 2.1 AA and best
 * practices) finds nothing on a supplier page, the list and a letter page at 1280 and 375 px, and none scrolls
 * sideways. A property: hostile supplier names (Unicode, markup, quotes) are shown as text, under URL-safe,
 * unique slugs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { suite, test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { build } from '../scripts/build/build.ts';
import type { SiteModel } from '../scripts/model.ts';
import { oreToText, textToOre } from '../scripts/pipeline/money.ts';
import { SOLE_TRADER_NAME } from '../scripts/pipeline/redact.ts';
import { supplierIdKind } from '../scripts/privacy/personnummer.ts';
import { money } from '../scripts/site/filters/money.ts';
import { searchRecords } from '../scripts/site/search-records.ts';
import { LEDGER_PAGES, letterKey } from '../scripts/site/supplier-pages.ts';
import { accountUrl, departmentUrl } from '../scripts/site/urls.ts';
import { slugify } from '../scripts/index/index.ts';
import { axeViolations, chromiumPath, launchChromium, skipNotice } from './helpers/browser.ts';
import { tempDir } from './helpers/paths.ts';
import { freePort, serveStatic, type StaticServer } from './helpers/static-server.ts';
import { csvText, defaultMetadata, HEADER, makeDataDir, row } from './hostile/project.ts';

const port = await freePort();
const PREFIX = '/repo/';
const outDir = join(tempDir('insyn-suppliers-'), 'site');
const built = build({ dataDir: 'data', outputDir: outDir, baseUrl: `http://127.0.0.1:${port}${PREFIX}`, cacheDir: null });

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#92;/g, '\\')
    .replace(/&amp;/g, '&');

const page = (url: string) => readFileSync(join(outDir, url.replace(/^\//, ''), 'index.html'), 'utf8');

type Row = Record<string, string> & { publisher: string };

/** Every published row of the sample, from the period CSV files as published. */
function publishedRows(model: SiteModel): { rows: Row[]; records: Map<string, string[][]> } {
  const rows: Row[] = [];
  const records = new Map<string, string[][]>();
  for (const d of model.datasets) {
    for (const p of d.summary.periods) {
      for (const f of p.files.filter((x) => x.format === 'CSV')) {
        const cells = parse(readFileSync(join(outDir, f.path)), { bom: true }) as string[][];
        const header = cells[0];
        for (const r of cells.slice(1)) {
          const o = Object.fromEntries(header.map((h, i) => [h, r[i]])) as Row;
          o.publisher = d.publisher.id;
          rows.push(o);
          const id = o.leverantor_id;
          if (!records.has(id)) records.set(id, []);
          records.get(id)!.push(r);
        }
      }
    }
  }
  return { rows, records };
}

/** Suppliers by organisation number, their total per publisher (öre), from the published rows. */
function totalsByOrg(rows: Row[]): Map<string, Map<string, bigint>> {
  const out = new Map<string, Map<string, bigint>>();
  for (const r of rows) {
    if (!/^\d{10}$/.test(r.leverantor_id) || supplierIdKind(r.leverantor_id) !== null) continue;
    let m = out.get(r.leverantor_id);
    if (!m) out.set(r.leverantor_id, (m = new Map()));
    m.set(r.publisher, (m.get(r.publisher) ?? 0n) + textToOre(r.belopp));
  }
  return out;
}

test('a supplier paid by both municipalities: both named (and linked), each total and the exact sum, in both languages', async () => {
  const { model } = await built;
  const byOrg = totalsByOrg(publishedRows(model).rows);
  const names = new Map(model.settings.publishers.map((p) => [p.id, p.name]));
  const both = [...byOrg].filter(([, m]) => m.size === 2);
  assert.ok(both.length >= 200, `${both.length} suppliers paid by both`);
  for (const [org, m] of both) {
    for (const [lang, prefix] of [
      ['sv', '/leverantorer/'],
      ['en', '/en/suppliers/'],
    ] as const) {
      const html = page(`${prefix}${org}/`);
      const sum = [...m.values()].reduce((a, b) => a + b, 0n);
      const keyFigure = /<dd><data value="([^"]+)">([^<]+)<\/data><\/dd>/.exec(html);
      assert.is(keyFigure?.[1], oreToText(sum), `${org}: the exact total`);
      assert.is(keyFigure?.[2], money(oreToText(sum), lang), `${org}: the total as shown`);
      const table = html.slice(html.indexOf('id="by-publisher"'), html.indexOf('id="by-year"'));
      for (const [publisher, ore] of m) {
        const row = new RegExp(`<tr><th scope="row"><a href="${PREFIX}${lang === 'en' ? 'en/publishers' : 'utgivare'}/${publisher}/">([^<]+)</a></th>.*?<data value="([^"]+)">`).exec(table);
        assert.ok(row, `${org} (${lang}): ${publisher} named and linked to its page`);
        assert.is(row![1], names.get(publisher));
        assert.is(row![2], oreToText(ore), `${org}: ${publisher}'s total`);
      }
    }
  }
});

test('accounts and departments are linked by accountUrl/departmentUrl of the index’s entry when the site has their pages', async () => {
  const { model } = await built;
  for (const s of model.index!.suppliers.slice(0, 50)) {
    const html = page(`/leverantorer/${s.slug}/`);
    const accounts = html.slice(html.indexOf('id="by-account"'), html.indexOf('id="by-department"'));
    const departments = html.slice(html.indexOf('id="by-department"'), html.indexOf('id="names"'));
    const links = (part: string) => [...part.matchAll(/<th scope="row"><a href="([^"]+)">/g)].map((m) => m[1]);
    const want = (urls: string[]) => (LEDGER_PAGES ? urls.map((u) => `${PREFIX}${u.slice(1)}`) : []);
    assert.equal(links(accounts), want(s.accounts.map((a) => accountUrl(a.dataset, a.slug, 'sv'))), s.slug);
    assert.equal(links(departments), want(s.departments.map((a) => departmentUrl(a.dataset, a.slug, 'sv'))), s.slug);
    assert.is([...accounts.matchAll(/<tr><th scope="row">/g)].length, s.accounts.length);
  }
});

test('a supplier’s rows file holds exactly its rows of the published period files (the same multiset)', async () => {
  const { model } = await built;
  const { records } = publishedRows(model);
  let checked = 0;
  for (const s of model.index!.suppliers) {
    if (!s.orgNumber) continue;
    const html = page(`/leverantorer/${s.slug}/`);
    if (!s.rowsFile) {
      assert.match(html, /fler än 5 000 rader/);
      continue;
    }
    assert.ok(html.includes(`href="${PREFIX}leverantorer/${s.slug}.csv"`), `${s.slug}: links its file`);
    const cells = parse(readFileSync(join(outDir, s.rowsFile.path)), { bom: true }) as string[][];
    const own = cells.slice(1).map((r) => JSON.stringify(r)).sort();
    const expected = (records.get(s.orgNumber) ?? []).map((r) => JSON.stringify(r)).sort();
    assert.equal(own, expected, s.slug);
    checked++;
  }
  assert.ok(checked >= 250, `${checked} rows files checked`);
});

test('sole traders never get a page, a name on a page or a search record', async () => {
  const { model } = await built;
  const { rows } = publishedRows(model);
  const redacted = rows.filter((r) => r.leverantor === SOLE_TRADER_NAME);
  assert.ok(redacted.length > 100, `${redacted.length} redacted rows in the sample`);
  for (const s of model.index!.suppliers) {
    assert.not.ok(s.names.includes(SOLE_TRADER_NAME), s.slug);
    assert.ok(/^(\d{10}|namn-[a-z0-9-]+)$/.test(s.slug), s.slug);
    if (s.orgNumber) assert.is(supplierIdKind(s.orgNumber), null, s.slug);
  }
  for (const lang of ['leverantorer', 'en/suppliers']) {
    for (const name of readdirSync(join(outDir, lang))) {
      const slug = name.replace(/\.csv$/, '');
      assert.ok(slug === 'index.html' || slug === 'bokstav' || slug === 'letter' || model.index!.suppliers.some((s) => s.slug === slug), `${lang}/${name} belongs to a supplier`);
    }
  }
  const records = [...searchRecords(model)];
  const index = model.index!;
  assert.is(records.length, 2 * (index.suppliers.length + index.accounts.length + index.departments.length));
  assert.not.ok(records.some((r) => r.title === SOLE_TRADER_NAME || r.content.includes(SOLE_TRADER_NAME)));
  const first = records.find((r) => r.filters.kind === 'supplier' && r.meta?.orgNumber)!;
  assert.match(first.content, first.meta!.orgNumber);
  assert.match(first.content, first.meta!.orgNumber.replace('-', ''));
});

test('the list: the largest 100, every letter; every supplier on exactly one letter page, in its letter', async () => {
  const { model } = await built;
  const suppliers = model.index!.suppliers;
  for (const [lang, prefix, letter] of [
    ['sv', '/leverantorer/', 'bokstav'],
    ['en', '/en/suppliers/', 'letter'],
  ] as const) {
    const list = page(prefix);
    const largest = list.slice(list.indexOf('id="largest-suppliers"'));
    const links = [...largest.matchAll(/<th scope="row"><a href="([^"]+)">/g)].map((m) => m[1]);
    assert.equal(links, suppliers.slice(0, 100).map((s) => `${PREFIX}${prefix.slice(1)}${s.slug}/`));
    const seen = new Map<string, string>();
    for (const key of readdirSync(join(outDir, prefix, letter))) {
      const html = page(`${prefix}${letter}/${key}/`);
      const start = html.indexOf('class="supplier-list"');
      const list = html.slice(start, html.indexOf('</ul>', start));
      for (const m of list.matchAll(/<li><a href="[^"]+\/([^/"]+)\/">([^<]*)<\/a>/g)) {
        assert.not.ok(seen.has(m[1]), `${m[1]} listed twice`);
        seen.set(m[1], key);
        assert.is(letterKey(decode(m[2])), key, `${m[2]} under ${key}`);
      }
      assert.ok(html.includes(`href="${PREFIX}${prefix.slice(1)}${letter}/${key}/" aria-current="page"`), `${lang} ${key}: the current letter marked`);
    }
    assert.is(seen.size, suppliers.length, lang);
  }
  assert.match(page('/leverantorer/'), 'action="/repo/sok/"');
});

test('property: the initial letter of any name is one of the list’s letters; slugs are URL-safe', () => {
  const keys = new Set([...'abcdefghijklmnopqrstuvwxyz'.split(''), 'aa', 'ae', 'oe', '0']);
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (name) => {
      assert.ok(keys.has(letterKey(name)), JSON.stringify(name));
      assert.match(slugify(name), /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
    }),
    { numRuns: 2000 },
  );
  assert.is(letterKey('Åby Bygg'), 'aa');
  assert.is(letterKey('ärlig'), 'ae');
  assert.is(letterKey('  Östra'), 'oe');
  assert.is(letterKey('Écoles'), 'e');
  assert.is(letterKey('3M Svenska AB'), '0');
  assert.is(letterKey('"Citat" AB'), 'c');
});

test.run();

// Hostile names, through the real build.
const hostile = suite('hostile supplier names');
const HOSTILE_CHARS = ['<', '>', '&', '"', "'", '`', '/', '\\', '{{', '}}', '{%', '#', '?', '%20', 'å', 'Ö', 'é', 'ß', 'ﬁ', '\u00a0', '\u200b', '漢', '🙂', 'A', 'b', ' '];
const arbName = fc
  .array(fc.constantFrom(...HOSTILE_CHARS), { minLength: 1, maxLength: 12 })
  .map((parts) => `X${parts.join('')} AB`);

hostile('property: every name is shown as text on its page, under a URL-safe slug of its own', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uniqueArray(arbName, { minLength: 3, maxLength: 8 }), async (names) => {
      const rows = names.flatMap((name, i) => [row(i * 2, { leverantor: name, leverantor_id: '' }), row(i * 2 + 1, { leverantor: name, leverantor_id: '' })]);
      const data = makeDataDir([{ id: 'fakturor', metadata: { ...defaultMetadata(), maxRejectedShare: 1 }, files: { '2025-03.csv': csvText([HEADER, ...rows]) } }]);
      const out = join(tempDir('insyn-suppliers-hostile-'), 'site');
      const { model } = await build({ dataDir: data, outputDir: out, cacheDir: null });
      const suppliers = model.index!.suppliers;
      assert.ok(suppliers.length >= 1);
      const slugs = new Set<string>();
      for (const s of suppliers) {
        assert.match(s.slug, /^namn-[a-z0-9-]+$/);
        assert.not.ok(slugs.has(s.slug), `${s.slug} twice`);
        slugs.add(s.slug);
        for (const dir of ['leverantorer', 'en/suppliers']) {
          const html = readFileSync(join(out, dir, s.slug, 'index.html'), 'utf8');
          const h1 = /<h1>([\s\S]*?)<\/h1>/.exec(html)![1];
          assert.not.ok(/[<>"']/.test(h1), `${JSON.stringify(s.name)} escaped: ${h1}`);
          assert.is(decode(h1), s.name);
        }
      }
    }),
    { numRuns: 3 },
  );
});

hostile.run();

// In the browser.
const haveBrowser = chromiumPath() !== null;
if (!haveBrowser) console.log(skipNotice('the supplier pages in the browser'));
const browserSuite = suite<{ browser?: Browser; server?: StaticServer }>('supplier pages in the browser', {});
const it = haveBrowser ? browserSuite : browserSuite.skip;

browserSuite.before(async (context) => {
  if (!haveBrowser) return;
  await built;
  context.server = await serveStatic(outDir, PREFIX, port);
  context.browser = await launchChromium();
});

browserSuite.after(async (context) => {
  await context.browser?.close();
  await context.server?.close();
});

it('from the home page: search a supplier both paid, open it with the keyboard, see the total across both and each named', async ({ browser, server }) => {
  const { model } = await built;
  const byOrg = totalsByOrg(publishedRows(model).rows);
  const s = model.index!.suppliers.find((x) => x.orgNumber && byOrg.get(x.orgNumber)?.size === 2 && /^[A-Za-zÅÄÖåäö ]+ AB$/.test(x.name))!;
  const total = [...byOrg.get(s.orgNumber!)!.values()].reduce((a, b) => a + b, 0n);
  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  const problems: string[] = [];
  p.on('pageerror', (e) => problems.push(e.message));
  await p.goto(server!.url);
  await p.focus('#site-search-q');
  await p.keyboard.type(s.name);
  await p.keyboard.press('Enter');
  await p.waitForURL(/\/repo\/sok\/\?q=/);
  const link = p.locator(`.search-result a[href="${PREFIX}leverantorer/${s.slug}/"]`);
  await link.waitFor();
  // With the keyboard: Tab from the search field until the result's link has the focus, then Enter.
  await p.focus('#search-q');
  for (let i = 0; i < 40; i++) {
    await p.keyboard.press('Tab');
    if (await link.evaluate((a) => a === document.activeElement)) break;
  }
  assert.ok(await link.evaluate((a) => a === document.activeElement), 'the result reached with Tab');
  await p.keyboard.press('Enter');
  await p.waitForURL(`${server!.url}leverantorer/${s.slug}/`);
  assert.is(await p.textContent('h1'), s.name);
  assert.is(await p.textContent('.key-figures dd data'), money(oreToText(total), 'sv'));
  const publishers = await p.locator('#by-publisher ~ .table-scroll tbody th').allInnerTexts();
  assert.equal(publishers.sort(), model.settings.publishers.map((x) => x.name).sort());
  await context.close();
  assert.equal(problems, []);
});

it('axe finds nothing on a supplier page, the list and a letter page at 1280 and 375 px; none scrolls sideways', async ({ browser, server }) => {
  const { model } = await built;
  const named = model.index!.suppliers.find((x) => !x.orgNumber);
  const urls = ['leverantorer/', 'en/suppliers/', `leverantorer/${model.index!.suppliers[0].slug}/`, 'en/suppliers/letter/s/', 'leverantorer/bokstav/aa/'];
  if (named) urls.push(`leverantorer/${named.slug}/`);
  for (const width of [1280, 375]) {
    const context = await browser!.newContext({ viewport: { width, height: 900 } });
    const p = await context.newPage();
    for (const url of urls) {
      await p.goto(`${server!.url}${url}`);
      assert.equal(await axeViolations(p), [], `${url} at ${width} px`);
      const [scroll, client] = await p.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client, `${url} at ${width} px: ${scroll} px wide in ${client}`);
    }
    await context.close();
  }
  assert.ok(existsSync(join(outDir, 'leverantorer', 'bokstav', 'aa', 'index.html')));
});

browserSuite.run();
