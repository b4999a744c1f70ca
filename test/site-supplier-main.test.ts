/**
 * Supplier pages' `<main>` is written beside Eleventy, in a worker thread (scripts/site/supplier-main.ts): the
 * pages hold exactly what the same function writes in the test's own thread (the entries went to the worker as
 * JSON, its context and texts as structured clones: nothing may change on the way), in both languages and under a
 * project path, and a worker wrote them; a page the worker cannot write fails the build with the filter and the
 * page named, and the next build in the same process starts its own worker and succeeds; a worker that stops in
 * the middle of a build fails it with a clear message instead of leaving it waiting.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Language, SiteModel } from '../scripts/model.ts';
import { buildSite } from '../scripts/site/index.ts';
import { deepFreeze } from '../scripts/site/freeze.ts';
import { crashSupplierWorker, supplierMainCounts } from '../scripts/site/supplier-main.ts';
import { renderSupplierMain } from '../scripts/site/supplier-main-render.ts';
import { benchIndex } from '../scripts/bench/site-records.ts';
import { supplierRecords } from '../scripts/site/supplier-pages.ts';
import { withoutForbidden } from '../scripts/site/transforms.ts';
import { supplierUrl } from '../scripts/site/urls.ts';
import { ROOT, tempDir } from './helpers/paths.ts';
import { buildSample } from './helpers/sample-build.ts';

/** The site's texts as Eleventy reads them (.eleventy.js: stripped, frozen). */
const texts = deepFreeze(withoutForbidden(JSON.parse(readFileSync(join(ROOT, 'content/_data/texts.json'), 'utf8')))) as Record<Language, Record<string, Record<string, string>>>;

const BASE = 'https://example.github.io/repo/';

test('every supplier page holds what the in-thread function writes, in both languages, under a project path', async () => {
  const before = supplierMainCounts();
  const { outDir, model } = await buildSample({ baseUrl: BASE });
  // The pages came from a worker thread (not the fallback in the build's thread), one answer a page.
  const after = supplierMainCounts();
  assert.is(after.workers - before.workers, 1, 'one worker for the build');
  assert.is(after.written - before.written, 2 * (model.index?.suppliers.length ?? 0), 'every supplier page of both languages written by it');
  assert.is(model.pathPrefix, '/repo/');
  let compared = 0;
  for (const lang of model.settings.languages) {
    for (const record of supplierRecords(model, texts[lang], lang)) {
      const page = await readFile(join(outDir, supplierUrl(record.slug, lang), 'index.html'), 'utf8');
      const main = renderSupplierMain(record, texts[lang], model.pathPrefix);
      assert.ok(main.length > 2000 && main.includes('href="/repo/'), record.slug);
      if (!page.includes(main)) {
        const inPage = page.slice(page.indexOf('<main'));
        const at = [...main].findIndex((c, i) => c !== inPage[inPage.indexOf('<div') + i]);
        assert.unreachable(`${lang} ${record.slug}: the page differs from the in-thread HTML at ${at}: …${main.slice(at - 80, at + 80)}…`);
      }
      compared++;
    }
  }
  assert.ok(compared >= 2 * (model.index?.suppliers.length ?? 0) && compared > 100, `${compared} pages compared`);
});

test('a supplier page the worker cannot write fails the build, naming the filter and the page; the next build succeeds', async () => {
  const { model } = await buildSample({ baseUrl: BASE });
  const broken = structuredClone(model) as SiteModel;
  const victim = broken.index!.suppliers.find((s) => s.largest.length > 0)!;
  // A date only the supplier page writes out (its largest payments).
  victim.largest[0].datum = 'igår';
  const error = await buildSite(broken, tempDir('insyn-supplier-main-')).then(
    () => null,
    (e: Error) => e,
  );
  assert.ok(error, 'the build failed');
  assert.match(error!.message, /supplierMain/);
  assert.match(error!.message, /Not a date: "igår"/);
  assert.match(error!.message, /leverantor\.11ty\.js|supplier\.11ty\.js/);
  assert.ok(error!.message.includes(`/${victim.slug}/`), `the page's URL: ${error!.message}`);
  // The worker of the failed build is gone; this build starts its own and writes the page.
  const out = tempDir('insyn-supplier-main-');
  await buildSite(structuredClone(model) as SiteModel, out);
  const page = await readFile(join(out, supplierUrl(victim.slug, 'sv'), 'index.html'), 'utf8');
  assert.match(page, '<h1>');
});

test('the worker stopping in the middle of a build fails the build with a clear message, and does not hang it', async () => {
  const { model } = await buildSample({ baseUrl: BASE });
  // 3,000 generated suppliers (scripts/bench/site-records.ts): the build is still writing their pages when the worker is stopped.
  const big = { ...(structuredClone(model) as SiteModel), index: benchIndex(3000, model) };
  const start = supplierMainCounts().written;
  let settled = false;
  const built = buildSite(big, tempDir('insyn-supplier-main-')).then(
    () => null,
    (e: Error) => e,
  );
  void built.then(() => (settled = true));
  while (!settled && supplierMainCounts().written - start < 200) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.not.ok(settled, 'the build was still writing pages');
  await crashSupplierWorker();
  // A build left waiting for the stopped worker fails here instead of hanging the test run.
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<Error>((resolve) => (timer = setTimeout(() => resolve(new Error('the build still waits 60 s after its worker stopped')), 60_000)));
  const error = await Promise.race([built, waited]);
  clearTimeout(timer);
  assert.ok(error, 'the build failed');
  assert.match(error!.message, /the thread that writes the supplier pages stopped/);
  assert.not.match(error!.message, /\n\s+at /);
});

test.run();
