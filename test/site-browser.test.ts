/**
 * The built site in headless Chromium (CHROMIUM_PATH, else /usr/bin/chromium), served like GitHub Pages from
 * 127.0.0.1 at a domain root and under a project path (`/repo/`): axe-core finds no WCAG 2.1 A/AA or
 * best-practice violation on pages of every kind at 1280 and 375 px, and none scrolls sideways; every internal link
 * and asset of every page answers 200 (and every #fragment exists), no page asks another origin for anything,
 * the catalogue's filter works, and hostile supplier names stay text.
 */
import { readdir, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import type { SiteModel } from '../scripts/model.ts';
import { buildSite } from '../scripts/site/index.ts';
import { fixtureModel, HOSTILE_SCRIPT } from './fixtures/site/model.ts';
import { tempDir } from './helpers/paths.ts';
import { buildSample } from './helpers/sample-build.ts';
import { freePort, serveStatic, type StaticServer } from './helpers/static-server.ts';

import { AXE_TAGS, chromiumPath, launchChromium, skipNotice } from './helpers/browser.ts';

let browser: Browser;
const launch = launchChromium;
// Without a Chromium (CHROMIUM_PATH, else /usr/bin/chromium) every test here is skipped, and says why.
const haveBrowser = chromiumPath() !== null;
if (!haveBrowser) console.log(skipNotice('the site in the browser'));

/** Every HTML file of the output as a path below the site's base (`datasets/x/`, `404.html`). */
async function htmlPages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/').replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}

/** A page that fails the test on any request to another origin and on any script error or dialog. */
async function strictPage(origin: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    problems.push(`request to another origin: ${url}`);
    return route.abort();
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, problems };
}

interface Served {
  server: StaticServer;
  outDir: string;
  model: SiteModel;
}

/** Builds the sample data for a server on a free port under `prefix`, and serves it. */
async function serveSample(prefix: string): Promise<Served> {
  const port = await freePort();
  const { outDir, model } = await buildSample({ baseUrl: `http://127.0.0.1:${port}${prefix}` });
  return { server: await serveStatic(outDir, prefix, port), outDir, model };
}

/** One page of each kind, in both languages. */
function pagesOfEveryKind(model: SiteModel, all: string[]): string[] {
  const id = model.datasets[0].id;
  const publisher = model.settings.publishers[0].id;
  const post = (list: string) => all.find((p) => p.startsWith(list) && p !== list);
  const pages = [
    '', 'en/', 'datasets/', 'en/datasets/', `datasets/${id}/`, `en/datasets/${id}/`,
    `datasets/${id}/statistik/`, `en/datasets/${id}/statistics/`, `datasets/${id}/rapport/`, `en/datasets/${id}/report/`, 'nyheter/', 'en/news/',
    post('nyheter/'), post('en/news/'), 'guider/', 'guider/ekonomi/', 'guider/it-och-data/', 'en/guides/finance/',
    'en/about-the-data/', 'sok/', 'en/search/', '404.html',
  ];
  if (model.settings.publishers.length > 1) pages.push(`utgivare/${publisher}/`, `en/publishers/${publisher}/`);
  return pages.filter((p): p is string => p !== undefined);
}

for (const prefix of ['/', '/repo/']) {
  const site = suite<{ served?: Served }>(`site served at ${prefix}`, {});
  const it = haveBrowser ? site : site.skip;

  site.before(async (context) => {
    if (!haveBrowser) return;
    browser ??= await launch();
    context.served = await serveSample(prefix);
  });

  site.after(async (context) => {
    await context.served?.server.close();
  });

  it('axe-core (WCAG 2.1 A/AA and best practices) finds nothing on pages of every kind, at 1280 and 375 px; no page scrolls sideways', async ({ served }) => {
    const { server, outDir, model } = served!;
    const all = await htmlPages(outDir);
    const pages = pagesOfEveryKind(model, all);
    assert.ok(pages.length >= 15, pages.join(', '));
    const failures: string[] = [];
    for (const width of [1280, 375]) {
      const { page, problems } = await strictPage(new URL(server.url).origin, width);
      for (const path of pages) {
        assert.ok(all.includes(path), `${path} was not built`);
        await page.goto(server.url + path);
        await page.addScriptTag({ content: axe.source });
        const result = await page.evaluate((tags) => (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
        for (const v of result.violations as { id: string; help: string; nodes: { target: string[] }[] }[]) {
          failures.push(`${width}px ${path}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        }
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        if (wide > width) failures.push(`${width}px ${path}: the page is ${wide}px wide`);
      }
      await page.context().close();
      failures.push(...problems);
    }
    assert.equal(failures, [], failures.join('\n'));
  });

  it('every internal link and asset of every page resolves, and every #fragment exists', async ({ served }) => {
    const { server, outDir } = served!;
    const origin = new URL(server.url).origin;
    const { page, problems } = await strictPage(origin);
    const links = new Map<string, string>(); // target URL → a page that links to it
    const ids = new Map<string, Set<string>>(); // page URL → its element ids
    for (const path of await htmlPages(outDir)) {
      const url = server.url + path;
      const response = await page.goto(url);
      assert.is(response?.status(), 200, url);
      const found = await page.evaluate(() => ({
        ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
        urls: [...document.querySelectorAll('[href], [src]')].map((e) => (e as HTMLAnchorElement).href || (e as HTMLScriptElement).src),
      }));
      ids.set(url, new Set(found.ids));
      for (const target of found.urls) if (target.startsWith(origin) && !links.has(target)) links.set(target, url);
    }
    await page.context().close();
    assert.ok(links.size > 50, `only ${links.size} internal links`);
    const failures: string[] = [];
    for (const [target, from] of links) {
      const [address, fragment] = target.split('#');
      if (!address.startsWith(server.url)) failures.push(`${from} → ${target}: outside the site's path ${server.url}`);
      const response = await fetch(address, { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status !== 200) failures.push(`${from} → ${target}: ${response.status}`);
      else if (fragment && ids.has(address) && !ids.get(address)!.has(decodeURIComponent(fragment))) failures.push(`${from} → ${target}: no element #${fragment}`);
    }
    assert.equal(failures, [], failures.join('\n'));
    assert.equal(problems, []);
  });

  it('feeds and sitemap are well-formed XML (Atom, sitemaps.org)', async ({ served }) => {
    const { server } = served!;
    const { page, problems } = await strictPage(new URL(server.url).origin);
    await page.goto(`${server.url}robots.txt`);
    for (const [path, root, namespace] of [
      ['feed.xml', 'feed', 'http://www.w3.org/2005/Atom'],
      ['en/feed.xml', 'feed', 'http://www.w3.org/2005/Atom'],
      ['sitemap.xml', 'urlset', 'http://www.sitemaps.org/schemas/sitemap/0.9'],
    ]) {
      const text = await (await fetch(server.url + path)).text();
      const parsed = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        const error = doc.querySelector('parsererror');
        return { error: error?.textContent ?? '', root: doc.documentElement.localName, ns: doc.documentElement.namespaceURI, entries: doc.getElementsByTagName('entry').length };
      }, text);
      assert.is(parsed.error, '', `${path} is not well-formed`);
      assert.is(parsed.root, root);
      assert.is(parsed.ns, namespace);
      if (root === 'feed') assert.ok(parsed.entries >= 1, `${path} has entries`);
    }
    await page.context().close();
    assert.equal(problems, []);
  });

  it('the catalogue filter narrows the list and keeps the choice in the address', async ({ served }) => {
    const { server, model } = served!;
    const { page, problems } = await strictPage(new URL(server.url).origin);
    await page.goto(`${server.url}datasets/`);
    assert.ok(await page.isVisible('[data-catalogue-filter]'), 'the filter shows when scripts run');
    const publisher = model.settings.publishers[1];
    const expected = model.datasets.filter((d) => d.publisher.id === publisher.id).length;
    await page.selectOption('#filter-publisher', publisher.id);
    assert.is(await page.locator('[data-dataset-list] > li:visible').count(), expected);
    assert.match(await page.textContent('[data-filter-status]') ?? '', `Visar ${expected} av ${model.datasets.length}`);
    assert.match(page.url(), `?publisher=${publisher.id}`);
    await page.goto(`${server.url}datasets/?publisher=${publisher.id}`);
    assert.is(await page.locator('[data-dataset-list] > li:visible').count(), expected, 'a shared address opens filtered');
    await page.context().close();
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`${server.url}datasets/`);
    assert.not.ok(await plain.isVisible('[data-catalogue-filter]'), 'without scripts the filter stays hidden');
    assert.is(await plain.locator('[data-dataset-list] > li:visible').count(), model.datasets.length);
    await noScript.close();
    assert.equal(problems, []);
  });

  site.run();
}

const forced = suite('forced colours');

(haveBrowser ? forced : forced.skip)('in forced-colors mode the charts’ text and bars take the system colours', async () => {
  browser ??= await launch();
  const { outDir } = await buildSample({ baseUrl: 'http://127.0.0.1:9/' });
  const port = await freePort();
  const served = await serveStatic(outDir, '/', port);
  const page = await browser.newPage();
  try {
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    await page.goto(`${served.url}datasets/exempelby-leverantorsreskontra/statistik/`);
    const colours = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'CanvasText';
      document.body.append(probe);
      const canvasText = getComputedStyle(probe).color;
      const axis = document.querySelector('.chart__axis')!;
      const label = document.querySelector('.chart__label')!;
      return { canvasText, axis: getComputedStyle(axis).fill, label: getComputedStyle(label).fill, forced: matchMedia('(forced-colors: active)').matches };
    });
    assert.ok(colours.forced, 'forced colours are on');
    assert.is(colours.axis, colours.canvasText, 'axis text');
    assert.is(colours.label, colours.canvasText, 'bar labels');
  } finally {
    await page.close();
    await served.close();
  }
});

forced.run();

const hostile = suite('hostile supplier names');

(haveBrowser ? hostile : hostile.skip)('stay text in the browser: no script runs, no markup appears', async () => {
  browser ??= await launch();
  const port = await freePort();
  const dir = tempDir('insyn-site-hostile-');
  await buildSite(fixtureModel(`http://127.0.0.1:${port}/`), dir);
  const server = await serveStatic(dir, '/', port);
  try {
    const { page, problems } = await strictPage(new URL(server.url).origin);
    for (const path of ['datasets/leverantorsfakturor/', 'datasets/leverantorsfakturor/statistik/', 'en/datasets/leverantorsfakturor/statistics/']) {
      await page.goto(server.url + path);
      assert.ok((await page.locator('main').innerText()).includes(HOSTILE_SCRIPT), `${path} shows the name as text`);
      assert.is(await page.locator('main b').count(), 0, `${path}: no <b> from the data`);
      // The page's own scripts only (the tables' sorting and download, the dataset page's CSV for Excel): none from the data.
      assert.is(await page.locator('main script:not([type="application/ld+json"]):not([src$="/assets/table-sort.js"]):not([src$="/assets/table-csv.js"]):not([src$="/assets/excel-csv.js"])').count(), 0);
    }
    await page.context().close();
    assert.equal(problems, []);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

hostile.after(async () => {
  await browser?.close();
});

hostile.run();
