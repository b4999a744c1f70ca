/**
 * Supplier pages' `<main>` is written beside Eleventy, in a worker thread (scripts/site/supplier-main.ts): the
 * pages hold exactly what the same function writes in the test's own thread (the entries went to the worker as
 * JSON, its context and texts as structured clones: nothing may change on the way), in both languages and under a
 * project path; a page the worker cannot write fails the build with the filter and the page named, without a
 * hang, and the next build in the same process starts its own worker and succeeds.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Language, SiteModel } from '../scripts/model.ts';
import { buildSite } from '../scripts/site/index.ts';
import { deepFreeze } from '../scripts/site/freeze.ts';
import { renderSupplierMain } from '../scripts/site/supplier-main-render.ts';
import { supplierRecords } from '../scripts/site/supplier-pages.ts';
import { withoutForbidden } from '../scripts/site/transforms.ts';
import { supplierUrl } from '../scripts/site/urls.ts';
import { ROOT, tempDir } from './helpers/paths.ts';
import { buildSample } from './helpers/sample-build.ts';

/** The site's texts as Eleventy reads them (.eleventy.js: stripped, frozen). */
const texts = deepFreeze(withoutForbidden(JSON.parse(readFileSync(join(ROOT, 'content/_data/texts.json'), 'utf8')))) as Record<Language, Record<string, Record<string, string>>>;

const BASE = 'https://example.github.io/repo/';

test('every supplier page holds what the in-thread function writes, in both languages, under a project path', async () => {
  const { outDir, model } = await buildSample({ baseUrl: BASE });
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
  // The worker of the failed build is gone; this build starts its own and writes the page.
  const out = tempDir('insyn-supplier-main-');
  await buildSite(structuredClone(model) as SiteModel, out);
  const page = await readFile(join(out, supplierUrl(victim.slug, 'sv'), 'index.html'), 'utf8');
  assert.match(page, '<h1>');
});

test.run();
