/**
 * Search (scripts/site/search.ts, the header form on every page, the search page): the index holds the built
 * pages that mark their content and the records given to it, with their kind and publisher filters; the same
 * input gives the same index; a bad record is refused. In headless Chromium, under a project path (/repo/) and
 * with nothing from another origin: type words into any page's header and press Enter, see the result, filter
 * by publisher, follow it; a supplier's hostile name stays text; without JavaScript the form still leads to the
 * search page, which leads to the catalogue; axe (WCAG 2.1 AA and best practices) finds nothing on the search
 * page with results, at 1280 and 375 px.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { BuildCache } from '../scripts/build/cache.ts';
import type { Language } from '../scripts/model.ts';
import { buildSite, type ExtraTemplate } from '../scripts/site/index.ts';
import { SearchIndexError, writeSearchIndex, type SearchRecord } from '../scripts/site/search.ts';
import { fixtureModel, HOSTILE_SCRIPT } from './fixtures/site/model.ts';
import { AXE_TAGS, chromiumPath, launchChromium, skipNotice } from './helpers/browser.ts';
import { ROOT, tempDir } from './helpers/paths.ts';
import { freePort, serveStatic, type StaticServer } from './helpers/static-server.ts';

/** Suppliers as the lead's supplier pages will have them: one paid by both publishers, one with a hostile name. */
const SUPPLIERS = [
  { id: '5560360793', names: ['Byggbolaget i Exempelby AB', 'BYGGBOLAGET I EXEMPELBY AKTIEBOLAG'], publishers: ['exempelby', 'region-vast'] },
  { id: '5566310917', names: ['Ecoplan In Medio AB'], publishers: ['region-vast'] },
  { id: '5569224644', names: [HOSTILE_SCRIPT, 'Sensative <b>AB</b> & Co'], publishers: ['exempelby'] },
];

function records(): SearchRecord[] {
  return (['sv', 'en'] as Language[]).flatMap((lang) =>
    SUPPLIERS.map((s) => ({
      url: `${lang === 'en' ? '/en' : ''}/leverantorer/${s.id}/`,
      title: s.names[0],
      content: `${s.names.join(' ')} ${s.id}`,
      lang,
      filters: { publisher: s.publishers, kind: 'supplier' as const },
      meta: { orgNumber: s.id },
    })),
  );
}

/** A page per supplier, so that following a result lands somewhere (their head in `record`, see base.njk). */
function supplierPages(lang: Language): ExtraTemplate {
  return {
    path: `${lang}-suppliers.11ty.js`,
    content: {
      data: {
        lang,
        layout: 'base.njk',
        suppliers: SUPPLIERS,
        pagination: { data: 'suppliers', size: 1, alias: 'record', before: (list: typeof SUPPLIERS) => list.map((s) => ({ title: s.names[0], ref: `supplier:${s.id}`, id: s.id })) },
        permalink: (d: { record: { id: string } }) => `${lang === 'en' ? '/en' : ''}/leverantorer/${d.record.id}/`,
      },
      render: (d: { record: { title: string } }) => `<div class="wrap"><h1 data-supplier>${d.record.title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</h1></div>`,
    },
  };
}

async function buildSearchSite(baseUrl: string): Promise<{ dir: string; result: Awaited<ReturnType<typeof writeSearchIndex>> }> {
  const dir = tempDir('insyn-search-');
  await buildSite(fixtureModel(baseUrl), dir, { templates: [supplierPages('sv'), supplierPages('en')] });
  const result = await writeSearchIndex(dir, { records: records() });
  return { dir, result };
}

async function digest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  for (const f of files) hash.update(f.slice(dir.length)).update(await readFile(f));
  return hash.digest('hex');
}

const index = suite('the search index');

index('holds the marked pages and the records; Pagefind’s own interfaces are left out', async () => {
  const { dir, result } = await buildSearchSite('https://insyn.example/');
  assert.is(result.records, 6);
  // Datasets, statistics and publisher pages of both languages and the guides: not the home page, news or 404.
  assert.ok(result.pages >= 20, `${result.pages} pages`);
  const files = await readdir(join(dir, 'pagefind'));
  assert.ok(files.includes('pagefind.js') && files.some((f) => f.startsWith('pagefind.sv_')) && files.some((f) => f.startsWith('pagefind.en_')), files.join(' '));
  assert.not.ok(files.some((f) => /-ui\.|highlight/.test(f)), files.join(' '));
  assert.ok(result.bytes > 10_000 && result.files > 10);
});

index('the same input gives the same index, byte for byte', async () => {
  const a = await buildSearchSite('https://insyn.example/');
  const b = await buildSearchSite('https://insyn.example/');
  assert.is(await digest(join(a.dir, 'pagefind')), await digest(join(b.dir, 'pagefind')));
});

index('the same site written in another order (another file system lists it otherwise) gives the same index', async () => {
  const { dir } = await buildSearchSite('https://insyn.example/');
  // Copies of the site, its files created in path order and in reverse: a memory file system (tmpfs) lists a
  // folder in the order its files were made, as Pagefind would read it; ext4 lists it by a hash of the names.
  const place = existsSync('/dev/shm') ? '/dev/shm' : undefined;
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && !join(e.parentPath, e.name).includes(`${join(dir, 'pagefind')}`)).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
  const copies: string[] = [];
  for (const order of [files, [...files].reverse()]) {
    const copy = tempDir('insyn-search-order-', place);
    for (const f of order) {
      mkdirSync(join(copy, f, '..'), { recursive: true });
      copyFileSync(join(dir, f), join(copy, f));
    }
    await writeSearchIndex(copy, { records: records() });
    copies.push(await digest(join(copy, 'pagefind')));
  }
  assert.is(copies[0], copies[1]);
});

index('with the build cache, started early or after Eleventy or copied, the index is the one made without a cache', async () => {
  const cacheDir = tempDir('insyn-search-cache-');
  const cache = await BuildCache.open(cacheDir, ROOT, (m) => assert.unreachable(String(m)));
  assert.ok(cache);
  const site = (await buildSearchSite('https://insyn.example/')).dir;
  const plain = await digest(join(site, 'pagefind'));
  const sizes: { files: number; bytes: number }[] = [];
  const again = async (inputs: string) => {
    await rm(join(site, 'pagefind'), { recursive: true, force: true });
    const r = await writeSearchIndex(site, { records: records(), cache, inputs });
    sizes.push({ files: r.files, bytes: r.bytes });
    return digest(join(site, 'pagefind'));
  };
  assert.is(await again('first'), plain, 'no hint yet: Pagefind started with the records before the pages');
  assert.ok(existsSync(join(cacheDir, 'search-hint', 'site')), 'the hint for these inputs is kept');
  assert.is(await again('first'), plain, 'the same inputs: copied from the cache');
  // The size reported for the copy is the index's (counted by eight copies at once, none lost).
  assert.equal(sizes[1], sizes[0]);
  // The same hint, but a page changed (a guide edited): Pagefind runs after all, and the index is that page's.
  const page = join(site, 'guider', 'index.html');
  writeFileSync(page, readFileSync(page, 'utf8').replace('</main>', '<p>Ett nytt stycke om upphandling.</p></main>'));
  const changed = await again('first');
  assert.is.not(changed, plain, 'the changed page is in the index');
  await rm(join(site, 'pagefind'), { recursive: true, force: true });
  await writeSearchIndex(site, { records: records() });
  assert.is(changed, await digest(join(site, 'pagefind')), 'and it is the index made without a cache');
});

index('a record whose URL is not root-relative is refused, saying which', async () => {
  const dir = tempDir('insyn-search-');
  await buildSite(fixtureModel(), dir);
  const bad: SearchRecord = { url: 'https://evil.example/', title: 'x', content: 'x', lang: 'sv', filters: { kind: 'supplier' } };
  try {
    await writeSearchIndex(dir, { records: [bad] });
    assert.unreachable('refused');
  } catch (e) {
    assert.instance(e, SearchIndexError);
    assert.match((e as Error).message, 'https://evil.example/');
  }
});

index.run();

// In the browser.
const haveBrowser = chromiumPath() !== null;
if (!haveBrowser) console.log(skipNotice('the search page in the browser'));
const browserSuite = suite<{ browser?: Browser; server?: StaticServer }>('search in the browser, under /repo/', {});
const it = haveBrowser ? browserSuite : browserSuite.skip;

browserSuite.before(async (context) => {
  if (!haveBrowser) return;
  const port = await freePort();
  const { dir } = await buildSearchSite(`http://127.0.0.1:${port}/repo/`);
  context.server = await serveStatic(dir, '/repo/', port);
  context.browser = await launchChromium();
});

browserSuite.after(async (context) => {
  await context.browser?.close();
  await context.server?.close();
});

async function strictPage(browser: Browser, origin: string, options: { width?: number; javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  const problems: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    problems.push(`request to another origin: ${url}`);
    return route.abort();
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, problems };
}

async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-search-status]')?.textContent ?? '';
    return s !== '' && !/Söker|Searching/.test(s);
  });
  return (await page.textContent('[data-search-status]')) ?? '';
}

it('from a page’s header, with the keyboard: type, Enter, see the result with both publishers, follow it', async ({ browser, server }) => {
  const { page, problems } = await strictPage(browser!, new URL(server!.url).origin);
  await page.goto(`${server!.url}datasets/leverantorsfakturor/`);
  await page.focus('#site-search-q');
  await page.keyboard.type('byggbolaget');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/repo\/sok\/\?q=byggbolaget$/);
  assert.match(await settled(page), /^\d+ träffar? för ”byggbolaget”/);
  // The statistics pages name the supplier too: its own result is the one that leads to its page.
  const result = page.locator('.search-result', { has: page.locator('a[href="/repo/leverantorer/5560360793/"]') });
  assert.is(await result.locator('a').innerText(), 'Byggbolaget i Exempelby AB');
  assert.match(await result.innerText(), 'Leverantör · Exempelby kommun · Region Väst');
  assert.is(await page.inputValue('#search-q'), 'byggbolaget');
  assert.is(await page.inputValue('#site-search-q'), 'byggbolaget', 'the header shows the words too');
  // Follow it with the keyboard.
  await result.locator('a').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${server!.url}leverantorer/5560360793/`);
  assert.is(await page.textContent('[data-supplier]'), 'Byggbolaget i Exempelby AB');
  await page.context().close();
  assert.equal(problems, []);
});

it('every name a supplier was written with finds it; a filter by publisher narrows; English has its own index', async ({ browser, server }) => {
  const { page, problems } = await strictPage(browser!, new URL(server!.url).origin);
  await page.goto(`${server!.url}sok/?q=aktiebolag`);
  await settled(page);
  assert.ok((await page.locator('.search-result__title').allInnerTexts()).includes('Byggbolaget i Exempelby AB'), 'found by its other name');
  await page.goto(`${server!.url}sok/?q=ab`);
  await settled(page);
  const all = await page.locator('.search-result').count();
  assert.ok(all >= 3, `${all} results for "ab"`);
  await page.selectOption('#search-publisher', 'region-vast');
  await settled(page);
  await page.waitForURL(/publisher=region-vast/);
  const titles = await page.locator('.search-result__title').allInnerTexts();
  assert.ok(titles.includes('Ecoplan In Medio AB') && titles.includes('Byggbolaget i Exempelby AB'), titles.join(' | '));
  assert.not.ok(titles.some((t) => t.includes('Sensative')), titles.join(' | '));
  await page.goto(`${server!.url}en/search/?q=ecoplan`);
  assert.match(await settled(page), /^\d+ results? for “ecoplan”/);
  const hrefs = await page.locator('.search-result a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.includes('/repo/en/leverantorer/5566310917/'), hrefs.join(' '));
  assert.ok(hrefs.every((h) => h?.startsWith('/repo/en/')), `English results lead to English pages: ${hrefs.join(' ')}`);
  await page.context().close();
  assert.equal(problems, []);
});

it('a hostile supplier name is shown as text, in the title and the excerpt', async ({ browser, server }) => {
  const { page, problems } = await strictPage(browser!, new URL(server!.url).origin);
  await page.goto(`${server!.url}sok/?q=sensative`);
  await settled(page);
  // The statistics pages name the supplier too: the supplier's own result is the one that leads to its page.
  const result = page.locator('.search-result', { has: page.locator('a[href="/repo/leverantorer/5569224644/"]') });
  assert.is(await result.locator('a').innerText(), HOSTILE_SCRIPT);
  assert.match(await result.locator('.search-result__excerpt').innerText(), 'Sensative <b>AB</b> & Co');
  assert.is(await page.locator('.search-results script, .search-results b').count(), 0);
  await page.context().close();
  assert.equal(problems, []);
});

it('without JavaScript the header form leads to the search page, and it to the catalogue', async ({ browser, server }) => {
  const { page, problems } = await strictPage(browser!, new URL(server!.url).origin, { javaScriptEnabled: false });
  await page.goto(server!.url);
  await page.fill('#site-search-q', 'bygg');
  await page.press('#site-search-q', 'Enter');
  await page.waitForURL(/\/repo\/sok\/\?q=bygg$/);
  const fallback = page.locator('[data-search-noscript]');
  assert.ok(await fallback.isVisible());
  await fallback.locator('a').click();
  await page.waitForURL(`${server!.url}datasets/`);
  await page.context().close();
  assert.equal(problems, []);
});

it('axe finds nothing on the search page with results, at 1280 and 375 px; no page scrolls sideways', async ({ browser, server }) => {
  const failures: string[] = [];
  for (const width of [1280, 375]) {
    const { page, problems } = await strictPage(browser!, new URL(server!.url).origin, { width });
    for (const path of ['sok/?q=ab', 'en/search/?q=ab', 'sok/?q=finnsinte', '']) {
      await page.goto(server!.url + path);
      if (path) await settled(page);
      await page.addScriptTag({ content: axe.source });
      const result = await page.evaluate((tags) => (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
      for (const v of result.violations as { id: string; nodes: { target: string[] }[] }[]) failures.push(`${width}px ${path}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > width) failures.push(`${width}px ${path}: the page is ${wide}px wide`);
    }
    await page.context().close();
    failures.push(...problems);
  }
  assert.equal(failures, []);
});

browserSuite.run();
