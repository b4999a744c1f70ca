/**
 * "CSV för Excel" in the browser (content/assets/excel-csv.js), in headless Chromium: on the built sample's
 * dataset page the control downloads a file that starts with a UTF-8 BOM and whose rows, read with `;` and the
 * decimal comma turned back, are the published CSV's; the script and the server-side writer
 * (scripts/pipeline/formats/excel-csv.ts) give the same bytes for published CSV files fast-check draws (formulas,
 * quotes, `;`, line breaks, å/ä/ö, emoji, amounts); without JavaScript the control is absent and the page says
 * how to open the CSV in Excel.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { SPEC_COLUMNS } from '../scripts/pipeline/columns.ts';
import { excelCsvWriter } from '../scripts/pipeline/formats/index.ts';
import { csvLine } from '../scripts/pipeline/write.ts';
import { browserOrSkip } from './helpers/browser.ts';
import { tempDir } from './helpers/paths.ts';
import { buildSample } from './helpers/sample-build.ts';
import { freePort, serveStatic } from './helpers/static-server.ts';

const browser: Browser | null = await browserOrSkip('CSV for Excel in the browser');
const PREFIX = '/insyn/';

if (browser) {
  const { outDir, model } = await buildSample();
  const server = await serveStatic(outDir, PREFIX, await freePort());
  const origin = `http://127.0.0.1:${server.port}`;
  const d = model.datasets[0];
  const pageUrl = `${origin}${PREFIX}datasets/${d.id}/`;

  test('the control downloads a CSV for Excel whose rows are the published CSV\'s, with a BOM', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pageUrl);
    const period = d.summary.periods[0];
    const csvFile = period.files.find((f) => f.format === 'CSV')!;
    const button = page.locator(`#period-${period.key} [data-excel-csv]`);
    assert.ok(await button.isVisible(), 'shown with a script');
    assert.ok(await page.locator('[data-excel-csv-hint]').isVisible(), 'what it is');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    assert.is(download.suggestedFilename(), csvFile.path.split('/').pop()!.replace(/\.csv$/, '.excel.csv'));
    const bytes = readFileSync((await download.path())!);
    assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const back = parse(bytes, { delimiter: ';', bom: true }) as string[][];
    const published = parse(readFileSync(join(outDir, csvFile.path))) as string[][];
    assert.equal(back[0], published[0], 'the header');
    assert.is(back.length, published.length, 'every row');
    const amount = published[0].indexOf('belopp');
    back.slice(1).forEach((r, i) => {
      assert.match(r[amount], /^-?\d+(,\d{1,2})?$/, 'decimal comma');
      assert.equal(r.map((v, c) => (c === amount ? v.replace(',', '.') : v)), published[i + 1], `row ${i + 1}`);
    });
    // The very bytes the server-side writer makes of the same CSV.
    const dir = tempDir('insyn-excel-');
    const server = join(dir, 'server.excel.csv');
    await excelCsvWriter.write(join(outDir, csvFile.path), server);
    assert.ok(readFileSync(server).equals(bytes), 'the same bytes as scripts/pipeline/formats/excel-csv.ts');
    await page.waitForFunction(() => /nedladdad/.test(document.querySelector('[data-excel-csv-status]')?.textContent ?? ''));
    assert.equal(errors, []);
    await context.close();
  });

  test("a period's Parquet downloaded from the dataset page holds exactly the published CSV's rows and total (hyparquet)", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(pageUrl);
    const period = d.summary.periods[0];
    const pq = period.files.find((f) => f.format === 'Parquet')!;
    const csvFile = period.files.find((f) => f.format === 'CSV')!;
    const link = page.locator(`a[href$="${pq.path.split('/').pop()}"]`);
    assert.is(await link.count(), 1, 'the page links the Parquet file');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const path = (await download.path())!;
    const objects = await parquetReadObjects({ file: await asyncBufferFromFile(path), compressors });
    const published = parse(readFileSync(join(outDir, csvFile.path)), { from_line: 2 }) as string[][];
    assert.is(objects.length, published.length, 'every row');
    const amount = SPEC_COLUMNS.indexOf('belopp');
    let total = 0n;
    let want = 0n;
    objects.forEach((o, i) => {
      for (const [c, col] of SPEC_COLUMNS.entries()) {
        if (c === amount) continue;
        const v = o[col];
        const text = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
        assert.is(text, published[i][c], `row ${i + 1} ${col}`);
      }
      total += BigInt(Math.round(Number(o.belopp) * 100));
      const [w, f = ''] = published[i][amount].replace('-', '').split('.');
      want += (published[i][amount].startsWith('-') ? -1n : 1n) * (BigInt(w) * 100n + BigInt(f.padEnd(2, '0')));
    });
    assert.is(total, want, 'the exact total');
    await context.close();
  });

  test('without JavaScript the control is absent and the page says how to open the CSV in Excel', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pageUrl);
    assert.is(await page.locator('[data-excel-csv]:visible').count(), 0);
    assert.ok(await page.getByText('Data → Från text/CSV').isVisible());
    await context.close();
  });

  const text = fc.oneof(
    fc.constantFrom('', 'Bygg & Måleri AB', '=HYPERLINK("http://evil.example/","x")', '+46 31 123', '-', '-12.50', '@SUM(A1)', '\tTab', 'semi;colon', 'comma, quote "x"', 'rad ett\r\nrad två', 'cr\ronly', 'Åsa Öberg', '😀 emoji', "'apostrof", '"', '""', ','),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
  );
  const amount = fc.tuple(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), fc.constantFrom(0, 1, 2)).map(([w, dec]) => {
    if (dec === 0) return String(w);
    const abs = w < 0n ? -w : w;
    return `${w < 0n ? '-' : ''}${abs / 10n ** BigInt(dec)}.${String(abs % 10n ** BigInt(dec)).padStart(dec, '0')}`;
  });
  const row = fc.tuple(fc.array(text, { minLength: SPEC_COLUMNS.length, maxLength: SPEC_COLUMNS.length }), amount).map(([cells, a]) => {
    cells[SPEC_COLUMNS.indexOf('belopp')] = a;
    return cells;
  });

  test('the script and the server-side writer give the same bytes for drawn published CSV files (fast-check)', async () => {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    const dir = tempDir('insyn-excel-prop-');
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 0, maxLength: 40 }), async (rows) => {
        const csv = join(dir, 'p.csv');
        const text = `${SPEC_COLUMNS.join(',')}\r\n${rows.map((r) => csvLine(r as never)).join('')}`;
        writeFileSync(csv, text);
        const out = join(dir, 'p.excel.csv');
        await excelCsvWriter.write(csv, out);
        const expected = readFileSync(out, 'utf8');
        // In pieces of every size, as a stream delivers them.
        const got = await page.evaluate((t) => {
          const w = window as unknown as { insynExcelCsv: { Converter: new () => { push(s: string): void; end(): string[] } } };
          const results: string[] = [];
          for (const size of [1, 7, 4096]) {
            const c = new w.insynExcelCsv.Converter();
            for (let i = 0; i < t.length; i += size) c.push(t.slice(i, i + size));
            results.push(c.end().join(''));
          }
          return results;
        }, text);
        for (const g of got) assert.is(g, expected);
      }),
      { numRuns: 60 },
    );
    await page.close();
  });

  test.after(async () => {
    await browser.close();
    await server.close();
  });
}

test.run();
