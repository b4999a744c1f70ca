/**
 * The validation report page (`datasets/<id>/rapport/`, `en/datasets/<id>/report/`), built by the real CLI from a
 * data folder with rejected rows of several kinds in several files, row warnings and file notes: per file the rows
 * read, published, rejected and masked; problems grouped by code with the exact count (also past report.json's
 * 100 listed rows), what it means and what to do (Swedish on the Swedish page), and example rows with masked
 * values. Codes the catalogue does not know, and notes about the whole dataset, still show. The page is linked from
 * the dataset page and passes axe (WCAG 2.1 A/AA and best practices) in Chromium at 1280 and 375 px.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { build } from '../scripts/build/build.ts';
import { containsPersonnummer } from '../scripts/privacy/personnummer.ts';
import { PROBLEMS } from '../scripts/site/problems.ts';
import { axeViolations, launchChromium } from './helpers/browser.ts';
import { testPnr, write } from './helpers/pnr.ts';
import { freePort, serveStatic, type StaticServer } from './helpers/static-server.ts';
import { csvText, defaultMetadata, HEADER, makeDataDir, removeScratch, row, runCliAsync, scratch } from './hostile/project.ts';

const PNR = write(testPnr(1985, 5, 17, 987), 'YYMMDD-NNNN');
const PAGES = { sv: 'datasets/ds/rapport/index.html', en: 'en/datasets/ds/report/index.html' } as const;

/** Three months: a few bad rows in January and February, 150 impossible dates in March (past the 100 listed). */
function files(): Record<string, string> {
  const jan = [HEADER, row(1), row(2, { datum: '2025-01-32' }), row(3, { konto_text: `Ersättning ${PNR}` }), HEADER.map((h) => (h === 'leverantor' ? 'Summa' : h === 'belopp' ? '1234.50' : '')), row(5)];
  const feb = [HEADER, row(10), row(11, { belopp: 'tusen' }), row(12, { belopp: '12,3,4' }), row(13, { leverantor: '', leverantor_id: '' }), row(14, { verifikationsnummer: '' })];
  const mar = [HEADER, row(20)];
  for (let i = 0; i < 150; i++) mar.push(row(100 + i, { datum: `2025-03-${40 + (i % 50)}` }));
  return { '2025-01.csv': csvText(jan), '2025-02.csv': csvText(feb), '2025-03.csv': csvText(mar) };
}

/** The text of the page's <main>, tags removed and whitespace collapsed. */
function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  return main
    .replace(/<\/?(a|time|strong|span|code)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
}

interface Built {
  out: string;
  server: StaticServer;
  sv: string;
  en: string;
}

const report = suite<{ built?: Built; browser?: Browser }>('the validation report page', {});

report.before(async (context) => {
  const port = await freePort();
  // 2025-03.csv is rejected on purpose (150 of 151 rows): the dataset allows it, to show every kind of problem.
  const data = makeDataDir([{ id: 'ds', metadata: { ...defaultMetadata(), maxRejectedShare: 1 }, files: files() }]);
  const out = join(scratch('insyn-report-'), 'site');
  const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--base-url', `http://127.0.0.1:${port}/`]);
  assert.is(r.code, 0, r.stderr);
  const server = await serveStatic(out, '/', port);
  context.built = { out, server, sv: readFileSync(join(out, PAGES.sv), 'utf8'), en: readFileSync(join(out, PAGES.en), 'utf8') };
});

report.after(async (context) => {
  await context.built?.server.close();
  await context.browser?.close();
  removeScratch();
});

report('per file: rows read, published, rejected and masked, in a table', ({ built }) => {
  const { sv } = built!;
  const table = /<caption id="report-files-caption">([\s\S]*?)<\/table>/.exec(sv)?.[1] ?? '';
  const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => mainText(`<main>${m[1]}</main>`));
  const rowOf = (file: string) => rows.find((r) => r.startsWith(`${file} `)) ?? `(no row for ${file} in ${rows.join(' | ')})`;
  assert.is(rowOf('2025-01.csv'), '2025-01.csv UTF-8, semikolon 5 3 2 (40,0 %) 0 1');
  assert.is(rowOf('2025-02.csv'), '2025-02.csv UTF-8, semikolon 5 2 3 (60,0 %) 0 1');
  assert.is(rowOf('2025-03.csv'), '2025-03.csv UTF-8, semikolon 151 1 150 (99,3 %) 0 0');
  assert.match(mainText(sv), '155 av 161 lästa rader avvisades och publicerades inte.');
});

report('problems are grouped by code with the exact count, what it means and what to do, in Swedish', ({ built }) => {
  const text = mainText(built!.sv);
  const dates = text.slice(text.indexOf('Ogiltigt datum Avvisade rader'));
  // 1 in January + 150 in March: report.json lists 100 of March's, and the count stays exact.
  assert.ok(dates.startsWith('Ogiltigt datum Avvisade rader 151 Kod date_invalid'), dates.slice(0, 120));
  assert.ok(dates.includes(`Vad det betyder: ${PROBLEMS.date_invalid.sv.meaning}`));
  assert.ok(dates.includes(`Vad du kan göra: ${PROBLEMS.date_invalid.sv.action}`));
  assert.match(dates, /2025-01\.csv 1 2025-03\.csv 150 /);
  assert.not.match(dates.slice(0, 800), /minst/);
  // The examples: file, row, line, column, value; at most 3 per file.
  assert.match(dates, /2025-01\.csv 2 3 datum 2025-01-32 2025-03\.csv 2 3 datum 2025-03-40 2025-03\.csv 3 4 datum 2025-03-41 2025-03\.csv 4 5 datum 2025-03-42 /);
  assert.ok(dates.includes('4 av 151 rader visas som exempel.'));
  for (const code of ['amount_invalid', 'sum_row', 'supplier_missing']) {
    assert.ok(text.includes(`${PROBLEMS[code].sv.title} Avvisade rader`), code);
    assert.ok(text.includes(PROBLEMS[code].sv.meaning), code);
  }
  assert.ok(text.includes('Beloppet är inte ett tal Avvisade rader 2 Kod amount_invalid'), 'two invalid amounts');
  // Warnings (published rows) and file notes, each group once.
  assert.ok(text.includes('Personnummer maskerat Rader med varning 1 Kod personnummer_masked'));
  assert.ok(text.includes('Obligatoriskt värde saknas Rader med varning 1 Kod required_empty'));
  assert.ok(text.includes('Problemen i korthet Ogiltigt datum: 151 avvisade rader'));
  assert.ok(text.includes('Personnummer maskerat: 1 rad med varning'));
});

report('no personnummer on the page: values are masked as in report.json', ({ built }) => {
  const { sv, en } = built!;
  for (const html of [sv, en]) {
    assert.not.ok(containsPersonnummer(mainText(html), 'name'), 'a personnummer on the report page');
    assert.not.ok(html.includes(PNR));
  }
});

report('the English page says the same in English; the dataset pages link to the reports', ({ built }) => {
  const { en, out } = built!;
  const text = mainText(en);
  assert.ok(text.includes('155 of 161 rows read were rejected and not published.'));
  assert.ok(text.includes(`Invalid date Rejected rows 151 Code date_invalid What it means: ${PROBLEMS.date_invalid.en.meaning}`));
  assert.ok(text.includes('2025-03.csv UTF-8, semicolon 151 1 150 (99.3%) 0 0'));
  const svDataset = readFileSync(join(out, 'datasets/ds/index.html'), 'utf8');
  const enDataset = readFileSync(join(out, 'en/datasets/ds/index.html'), 'utf8');
  assert.match(svDataset, /<a href="\/datasets\/ds\/rapport\/">Läs kontrollrapporten/);
  assert.match(enDataset, /<a href="\/en\/datasets\/ds\/report\/">Read the validation report/);
  assert.match(built!.sv, /<link rel="alternate" hreflang="en" href="http:\/\/127\.0\.0\.1:\d+\/en\/datasets\/ds\/report\/">/);
});

report('axe finds no WCAG 2.1 A/AA or best-practice violation at 1280 and 375 px, and the page reflows at 375 px', async (context) => {
  const { server } = context.built!;
  context.browser ??= await launchChromium();
  const failures: string[] = [];
  for (const width of [1280, 375]) {
    const page = await context.browser.newPage({ viewport: { width, height: 900 } });
    for (const path of ['datasets/ds/rapport/', 'en/datasets/ds/report/']) {
      await page.goto(server.url + path);
      for (const v of await axeViolations(page)) failures.push(`${path} at ${width} px: ${v}`);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scroll > width) failures.push(`${path} at ${width} px: the page scrolls sideways (${scroll} px wide)`);
    }
    await page.close();
  }
  assert.equal(failures, [], failures.join('\n'));
});

report.run();

const unknown = suite('codes the catalogue does not know, and notes about the whole dataset', {});

unknown.after(() => removeScratch());

unknown('still show, with the message report.json gives for them', async () => {
  // 2025-03.csv is rejected on purpose (150 of 151 rows): the dataset allows it, to show every kind of problem.
  const data = makeDataDir([{ id: 'ds', metadata: { ...defaultMetadata(), maxRejectedShare: 1 }, files: files() }]);
  const out = join(scratch('insyn-report-'), 'site');
  await build({
    dataDir: data,
    outputDir: out,
    cacheDir: null,
    afterDatasets(_model, staging) {
      // What a newer pipeline may write: a rejection code, a file note and a dataset note the catalogue lacks, and the
      // lead's dataset-level codes.
      const path = join(staging, 'datasets/ds/report.json');
      const r = JSON.parse(readFileSync(path, 'utf8'));
      r.errors.push({ file: '2025-02.csv', row: 5, line: 6, column: 'belopp', code: 'future_reject', message: 'A brand new reason to reject a row.', value: '17' });
      r.errorCounts.push({ code: 'future_reject', count: 1, unlisted: 0, message: 'A brand new reason to reject a row.' });
      r.notes.push({ file: '2025-01.csv', code: 'future_note', message: 'Something new about this file.' });
      r.notes.push({ code: 'month_gap', message: 'No data for 2025-04, between 2025-03 and 2025-05.' });
      r.datasetNotes = [{ code: 'future_dataset_note', message: 'Something new about the whole dataset.' }];
      writeFileSync(path, JSON.stringify(r));
    },
  });
  const sv = mainText(readFileSync(join(out, PAGES.sv), 'utf8'));
  const html = readFileSync(join(out, PAGES.sv), 'utf8');
  assert.ok(sv.includes('future_reject Avvisade rader 1 Kod future_reject Vad det betyder: A brand new reason to reject a row.'), sv);
  assert.match(html, /<span lang="en">A brand new reason to reject a row\.<\/span>/);
  assert.ok(sv.includes('Vad du kan göra: Läs meddelandet. Koden finns inte i Insyns förteckning'));
  assert.ok(sv.includes('future_note Kod future_note'));
  assert.ok(sv.includes('2025-01.csv: Something new about this file.'));
  const whole = sv.slice(sv.indexOf('Om hela datamängden'), sv.indexOf('Filerna Varje export'));
  assert.ok(whole.includes(`En månad saknas Kod month_gap Vad det betyder: ${PROBLEMS.month_gap.sv.meaning}`), whole);
  assert.ok(whole.includes('No data for 2025-04, between 2025-03 and 2025-05.'));
  assert.ok(whole.includes('future_dataset_note'));
  assert.ok(whole.includes('Something new about the whole dataset.'));
  assert.ok(sv.includes('Problemen i korthet En månad saknas (gäller hela datamängden)'));
});

unknown.run();
