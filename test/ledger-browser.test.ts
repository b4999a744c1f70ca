/**
 * The account, department, statistics and comparison pages of the sample site in headless Chromium (CHROMIUM_PATH,
 * else /usr/bin/chromium): from each statistics page every account's and department's page is reached and shows
 * its suppliers; a table sorts with the keyboard alone (aria-sort follows) and without JavaScript keeps the
 * server's order; the table download (content/assets/table-csv.js) saves exactly the table's rows, checked against
 * the sums over the published period CSVs; axe (WCAG 2.1 A/AA and best practices) finds nothing at 1280 and 375 px
 * and no page scrolls sideways.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SiteModel } from '../scripts/model.ts';
import { oreToText, textToOre } from '../scripts/pipeline/money.ts';
import { accountUrl, compareUrl, departmentUrl, statisticsUrl } from '../scripts/site/urls.ts';
import { axeViolations, browserOrSkip } from './helpers/browser.ts';
import { buildSample } from './helpers/sample-build.ts';
import { freePort, serveStatic, type StaticServer } from './helpers/static-server.ts';

const ledger = suite<{ browser: Browser | null; server?: StaticServer; outDir: string; model: SiteModel; base: string }>('account, department and comparison pages in the browser', {} as never);

ledger.before(async (context) => {
  context.browser = await browserOrSkip('the account and comparison pages in the browser');
  if (!context.browser) return;
  const port = await freePort();
  const { outDir, model } = await buildSample({ baseUrl: `http://127.0.0.1:${port}/` });
  context.server = await serveStatic(outDir, '/', port);
  context.outDir = outDir;
  context.model = model;
  context.base = context.server.url.replace(/\/$/, '');
});

ledger.after(async (context) => {
  await context.server?.close();
  await context.browser?.close();
});

async function pageAt(browser: Browser, width = 1280, javaScriptEnabled = true): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  return { page, problems };
}

/** Sums of one dataset's published rows by a column (the guard apostrophe taken off), as money text. */
function publishedSums(outDir: string, model: SiteModel, datasetId: string, column: string): Map<string, string> {
  const d = model.datasets.find((x) => x.id === datasetId)!;
  const ore = new Map<string, bigint>();
  for (const p of d.summary.periods) {
    for (const f of p.files.filter((x) => x.format === 'CSV')) {
      for (const r of parse(readFileSync(join(outDir, f.path)), { columns: true, bom: true }) as Record<string, string>[]) {
        const key = r[column].replace(/^'(?=[=+\-@\t\r])/, '');
        ore.set(key, (ore.get(key) ?? 0n) + textToOre(r.belopp));
      }
    }
  }
  return new Map([...ore].map(([k, v]) => [k, oreToText(v)]));
}

ledger('from each statistics page, every account and department is reached and shows its suppliers', async ({ browser, base, model }) => {
  if (!browser) return;
  const { page, problems } = await pageAt(browser);
  let visited = 0;
  for (const d of model.datasets) {
    await page.goto(base + statisticsUrl(d.id, 'sv'));
    const links = await page.$$eval('table.ledger-table tbody th a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    const expected = model.index!.accounts.filter((a) => a.dataset === d.id).length + model.index!.departments.filter((a) => a.dataset === d.id).length;
    assert.is(links.length, expected, `${d.id}: a link for every account and department`);
    for (const href of links) {
      const response = await page.goto(href);
      assert.is(response?.status(), 200, href);
      const rows = await page.locator('table.ledger-suppliers tbody tr').count();
      const none = await page.getByText('Inga leverantörer med namn har fått betalt här.').count();
      assert.ok(rows > 0 || none > 0, `${href}: its suppliers`);
      visited++;
    }
  }
  assert.ok(visited > 100, `${visited} pages`);
  assert.equal(problems, []);
});

ledger('a table sorts with the keyboard (aria-sort follows); without JavaScript it keeps the server’s order and has no download button', async ({ browser, base, model }) => {
  if (!browser) return;
  const d = model.datasets[0];
  const { page, problems } = await pageAt(browser);
  await page.goto(base + statisticsUrl(d.id, 'sv'));
  const table = page.locator(`table[data-csv="${d.id}-konton"]`);
  const names = () => table.locator('tbody th').allTextContents();
  const amounts = async () => (await table.locator('tbody tr td:nth-child(3)').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value') ?? ''))).map((v) => textToOre(v));
  const descending = (xs: bigint[]) => xs.every((x, i) => i === 0 || xs[i - 1] >= x);
  assert.ok(descending(await amounts()), 'sorted by amount, largest first');
  assert.is(await table.locator('th[aria-sort]').getAttribute('aria-sort'), 'descending');
  // Keyboard only: tab from the table's region to the header button "Konto", then Enter; Space reverses.
  const button = table.locator('thead th:nth-child(2) button');
  await page.locator(`.table-scroll:has(table[data-csv="${d.id}-konton"])`).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.ok(await button.evaluate((b) => b === document.activeElement), 'Tab reaches the sort button');
  await page.keyboard.press('Enter');
  const collator = new Intl.Collator('sv', { numeric: true, sensitivity: 'base' });
  const asc = await names();
  assert.equal(asc, [...asc].sort(collator.compare), 'by name, A first');
  assert.is(await table.locator('thead th:nth-child(2)').getAttribute('aria-sort'), 'ascending');
  assert.is(await table.locator('thead th:nth-child(3)').getAttribute('aria-sort'), null, 'the other column is no longer sorted');
  await page.keyboard.press('Space');
  assert.equal(await names(), [...asc].reverse());
  assert.is(await table.locator('thead th:nth-child(2)').getAttribute('aria-sort'), 'descending');
  await page.locator(`table[data-csv="${d.id}-konton"] thead th:nth-child(3) button`).press('Enter');
  assert.ok(descending(await amounts()), 'by amount again, largest first');
  await page.context().close();
  assert.equal(problems, []);

  const plain = await pageAt(browser, 1280, false);
  await plain.page.goto(base + statisticsUrl(d.id, 'sv'));
  assert.is(await plain.page.locator('.table-download__button').count(), 0, 'no download button without JavaScript');
  assert.is(await plain.page.locator('.sort-button').count(), 0);
  const plainAmounts = (await plain.page.locator(`table[data-csv="${d.id}-konton"] tbody tr td:nth-child(3)`).evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value') ?? ''))).map((v) => textToOre(v));
  assert.ok(descending(plainAmounts));
  await plain.page.context().close();
});

ledger('a downloaded table holds exactly its rows: account totals, a department’s suppliers and the dataset page’s preview as the published CSVs give them', async ({ browser, base, model, outDir }) => {
  if (!browser) return;
  const { page, problems } = await pageAt(browser);
  for (const d of model.datasets) {
    await page.goto(base + statisticsUrl(d.id, 'en'));
    const table = page.locator(`table[data-csv="${d.id}-konton"]`);
    // Sorted by name first: the file holds the rows as the reader sees them.
    await table.locator('thead th:nth-child(2) button').click();
    const shown = await table.locator('tbody tr td:first-child').allTextContents();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`.table-scroll:has(table[data-csv="${d.id}-konton"]) + .table-download button`).click()]);
    assert.is(download.suggestedFilename(), `${d.id}-konton.csv`);
    const bytes = readFileSync((await download.path())!);
    assert.ok(bytes[0] !== 0xef, 'no BOM, as the published CSV');
    const rows = parse(bytes, { columns: true }) as Record<string, string>[];
    assert.equal(Object.keys(rows[0]), ['konto_nr', 'konto_text', 'belopp', 'rader', 'belopp_2025', 'belopp_2026']);
    assert.equal(rows.map((r) => r.konto_nr), shown.map((s) => s.trim()), 'the rows in the order shown');
    const sums = publishedSums(outDir, model, d.id, 'konto_nr');
    assert.is(rows.length, sums.size);
    for (const r of rows) {
      assert.is(r.belopp, sums.get(r.konto_nr), `${d.id} ${r.konto_nr}`);
      assert.is(oreToText(textToOre(r.belopp_2025) + textToOre(r.belopp_2026)), r.belopp, 'the years make the whole');
    }
    const published = parse(readFileSync(join(outDir, `datasets/${d.id}/accounts.csv`)), { columns: true }) as Record<string, string>[];
    for (const p of published) assert.is(rows.find((r) => r.konto_nr === p.konto_nr)?.konto_text, p.konto_text.replace(/^'(?=[=+\-@\t\r])/, ''), p.konto_nr);
  }
  // A department's suppliers, sole traders on one line: together the department's total.
  const d = model.datasets[1];
  const dep = model.index!.departments.find((x) => x.dataset === d.id && x.redacted.rows > 0)!;
  await page.goto(base + departmentUrl(d.id, dep.slug, 'sv'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.table-scroll:has(table.ledger-suppliers) + .table-download button').click()]);
  const rows = parse(readFileSync((await download.path())!), { columns: true }) as Record<string, string>[];
  assert.equal(Object.keys(rows[0]), ['leverantor', 'belopp', 'rader']);
  assert.is(oreToText(rows.reduce((n, r) => n + textToOre(r.belopp), 0n)), publishedSums(outDir, model, d.id, 'forvaltning').get(dep.name));
  assert.ok(rows.some((r) => r.leverantor === 'Enskilda näringsidkare (uppgifterna skyddade)'));

  // The dataset page's preview: its file holds published rows, cell for cell as in the period CSVs.
  await page.goto(`${base}/datasets/${d.id}/`);
  const [preview] = await Promise.all([page.waitForEvent('download'), page.locator('.table-scroll:has(table.preview) + .table-download button').click()]);
  const previewText = readFileSync((await preview.path())!, 'utf8');
  const published = new Set<string>();
  for (const p of d.summary.periods) for (const f of p.files.filter((x) => x.format === 'CSV')) for (const line of readFileSync(join(outDir, f.path), 'utf8').split('\r\n')) published.add(line);
  const lines = previewText.split('\r\n').filter(Boolean);
  assert.is(lines[0], readFileSync(join(outDir, d.summary.periods[0].files.find((x) => x.format === 'CSV')!.path), 'utf8').split('\r\n')[0], 'the published header');
  assert.ok(lines.length > 1);
  for (const line of lines.slice(1)) assert.ok(published.has(line), `a published row: ${line}`);
  await page.context().close();
  assert.equal(problems, []);
});

ledger('axe finds nothing on an account, a department, the statistics and the comparison page at 1280 and 375 px; none scrolls sideways', async ({ browser, base, model }) => {
  if (!browser) return;
  const d = model.datasets[0];
  const account = model.index!.accounts.find((a) => a.dataset === d.id)!;
  const department = model.index!.departments.find((a) => a.dataset === d.id)!;
  const failures: string[] = [];
  for (const lang of ['sv', 'en'] as const) {
    for (const url of [accountUrl(d.id, account.slug, lang), departmentUrl(d.id, department.slug, lang), statisticsUrl(d.id, lang), compareUrl(lang)]) {
      for (const width of [1280, 375]) {
        const { page, problems } = await pageAt(browser, width);
        await page.goto(base + url);
        for (const v of await axeViolations(page)) failures.push(`${width}px ${url}: ${v}`);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        if (wide > width) failures.push(`${width}px ${url}: the page is ${wide}px wide`);
        failures.push(...problems);
        await page.context().close();
      }
    }
  }
  assert.equal(failures, [], failures.join('\n'));
});

ledger.run();
