/**
 * Benchmark: the search page in headless Chromium over a site whose index holds N suppliers (site-search.ts):
 * what the first search transfers (every response after the words are submitted, the page itself not counted)
 * and how long a search takes warm (index and Pagefind loaded: submit to the results listed), median of several
 * queries. Usage: site-search-browser.ts SITE_DIR PATH_PREFIX → prints {firstBytes, firstFiles, firstMs, warmMs[]}.
 */
import { chromium } from 'playwright-core';
import { freePort, serveStatic } from '../preview/static-server.ts';

const [siteDir, prefix = '/'] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const port = await freePort();
const server = await serveStatic(siteDir, prefix, port);
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}sok/`);
  await page.waitForFunction(() => document.querySelector('[data-search-status]')?.textContent !== '');
  let counting = false;
  let firstBytes = 0;
  let firstFiles = 0;
  page.on('response', async (response) => {
    if (!counting) return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    firstBytes += body.length;
    firstFiles++;
  });
  /** Submits the words and waits for the results; milliseconds between the two. */
  const search = async (words: string): Promise<number> => {
    await page.fill('#search-q', words);
    return page.evaluate(async () => {
      const status = document.querySelector('[data-search-status]')!;
      const started = performance.now();
      document.querySelector<HTMLFormElement>('[data-search-form]')!.requestSubmit();
      // (No named functions in here: the page gets this code as it is, without tsx's helpers.)
      await new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (status.textContent !== '' && !/Söker|Searching/.test(status.textContent ?? '')) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(status, { childList: true, characterData: true, subtree: true });
      });
      return performance.now() - started;
    });
  };
  counting = true;
  const firstMs = await search('bygg');
  await page.waitForLoadState('networkidle');
  counting = false;
  const warmMs: number[] = [];
  for (const words of ['konsult lund', 'elservice', 'städ', 'data norr', 'transport', 'glas öst', 'rörpartner']) warmMs.push(await search(words));
  process.stdout.write(JSON.stringify({ firstBytes, firstFiles, firstMs, warmMs }));
} finally {
  await browser.close();
  await server.close();
}
