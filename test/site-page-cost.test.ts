/**
 * What makes a site page cheap (scripts/bench/site.ts measures it) keeps the pages as they were: the footer
 * rendered once per language and build, the frozen model, a paginated page whose head comes from its items
 * (`record`) instead of eleventyComputed, filters registered on Nunjucks directly (an error still names the
 * filter and the page), and the fast paths of `absoluteUrl` and of the control-character transform, each held
 * to the slow way it replaced (fast-check).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { SiteModel } from '../scripts/model.ts';
import { buildSite } from '../scripts/site/index.ts';
import { stripControlCharacters, stripShell, withoutForbidden } from '../scripts/site/transforms.ts';
import { absoluteUrl } from '../scripts/site/urls.ts';
import { fixtureModel } from './fixtures/site/model.ts';
import { tempDir } from './helpers/paths.ts';

const footerOf = (html: string) => /<footer[\s\S]*<\/footer>/.exec(html)?.[0] ?? '';

async function page(dir: string, file: string): Promise<string> {
  return readFile(join(dir, file), 'utf8');
}

test('the footer: one per language, the same on every page, and each build its own', async () => {
  const a = tempDir('insyn-cost-');
  await buildSite(fixtureModel('https://insyn.example/'), a);
  const sv = footerOf(await page(a, 'index.html'));
  const en = footerOf(await page(a, 'en/index.html'));
  assert.match(sv, 'Kontakt');
  assert.match(en, 'Contact');
  assert.match(sv, 'href="mailto:opendata@exempelby.example"');
  for (const file of ['datasets/index.html', 'datasets/leverantorsfakturor/statistik/index.html', 'om-datan/index.html']) assert.is(footerOf(await page(a, file)), sv, file);
  assert.is(footerOf(await page(a, 'en/datasets/leverantorsfakturor/index.html')), en);
  // A second build in the same process, with another contact and prefix, gets its own footer.
  const b = tempDir('insyn-cost-');
  const other = fixtureModel('https://user.github.io/repo/');
  other.settings.contactEmail = 'annan@exempelby.example';
  await buildSite(other, b);
  const svB = footerOf(await page(b, 'index.html'));
  assert.match(svB, 'annan@exempelby.example');
  assert.match(svB, 'href="/repo/om-datan/"');
  assert.not.match(svB, 'opendata@exempelby.example');
});

test('the navigation, rendered once per language and current link: each page marks its own link and section', async () => {
  const dir = tempDir('insyn-cost-');
  await buildSite(fixtureModel('https://insyn.example/'), dir);
  const current = async (file: string) => [...((/<nav class="site-nav"[\s\S]*?<\/nav>/.exec(await page(dir, file)) ?? [''])[0]).matchAll(/<a href="([^"]+)"( aria-current="(\w+)")?/g)].filter((m) => m[3]).map((m) => `${m[1]}=${m[3]}`);
  assert.equal(await current('index.html'), ['/=page']);
  assert.equal(await current('datasets/index.html'), ['/datasets/=page']);
  assert.equal(await current('datasets/leverantorsfakturor/index.html'), ['/datasets/=true']);
  assert.equal(await current('om-datan/index.html'), ['/om-datan/=page']);
  assert.equal(await current('en/index.html'), ['/en/=page']);
  assert.equal(await current('404.html'), []);
});

test('the model is frozen by buildSite, and the site is built from it as it was', async () => {
  const model = fixtureModel();
  const dir = tempDir('insyn-cost-');
  await buildSite(model, dir);
  assert.ok(Object.isFrozen(model) && Object.isFrozen(model.datasets[0].summary.topSuppliers[0]) && Object.isFrozen(model.settings.publishers));
  assert.throws(() => {
    (model.settings as { contactEmail?: string }).contactEmail = 'x';
  });
  assert.match(await page(dir, 'datasets/leverantorsfakturor/statistik/index.html'), 'Byggbolaget i Exempelby AB');
});

/** A page per item, its head in the item (`record`), in both languages, as supplier pages can be made. */
function recordPages(lang: 'sv' | 'en') {
  const items = [
    { id: 'a', name: 'Alfa Bygg AB' },
    { id: 'b', name: 'Beta & Co <b>' },
  ];
  return {
    path: `${lang}-records.11ty.js`,
    content: {
      data: {
        lang,
        layout: 'base.njk',
        items,
        pagination: {
          data: 'items',
          size: 1,
          alias: 'record',
          addAllPagesToCollections: true,
          before: (list: typeof items) => list.map((s) => ({ title: s.name, description: `Om ${s.name}`, ref: `record:${s.id}`, item: s })),
        },
        permalink: (d: { record: { item: { id: string } } }) => `${lang === 'sv' ? '' : '/en'}/poster/${d.record.item.id}/`,
      },
      render: () => '',
    },
  };
}

test('a paginated page takes its title, description and translation from its record', async () => {
  const dir = tempDir('insyn-cost-');
  await buildSite(fixtureModel('https://insyn.example/'), dir, { templates: [recordPages('sv'), recordPages('en')] });
  const sv = await page(dir, 'poster/b/index.html');
  assert.match(sv, '<title>Beta &amp; Co &lt;b&gt; – Exempelbys öppna data</title>');
  assert.match(sv, '<meta name="description" content="Om Beta &amp; Co &lt;b&gt;">');
  assert.match(sv, '<link rel="alternate" hreflang="en" href="https://insyn.example/en/poster/b/">');
  assert.match(sv, '<a class="lang-switch" href="/en/poster/b/"');
  assert.match(await page(dir, 'en/poster/a/index.html'), '<link rel="alternate" hreflang="sv" href="https://insyn.example/poster/a/">');
  assert.match(await page(dir, 'sitemap.xml'), 'https://insyn.example/poster/a/');
});

test('a filter that fails names the filter and the page', async () => {
  const model: SiteModel = fixtureModel();
  model.datasets[1] = { ...model.datasets[1], summary: { ...model.datasets[1].summary, total: 'inte ett belopp' } };
  const error = await buildSite(model, tempDir('insyn-cost-')).then(
    () => null,
    (e: Error) => e,
  );
  assert.ok(error, 'the build fails');
  assert.match(error!.message, /Error in Nunjucks Filter `money`/);
  assert.match(error!.message, /datasets|dataset\.11ty\.js|statisti/);
  assert.match(error!.message, 'Not a money amount: "inte ett belopp"');
});

test('absoluteUrl: the fast path gives what new URL() gives (fast-check)', () => {
  const slow = (url: string, base: string) => (/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : new URL(url.replace(/^\/+/, ''), base).href);
  const outcome = (f: () => string) => {
    try {
      return f();
    } catch {
      return 'throws';
    }
  };
  const path = fc.array(fc.constantFrom('a', 'Z', '0', '-', '_', '~', '.', '..', '/', '//', '%', '%41', ' ', 'å', '?', '#', ':', '\\', '@', '!'), { maxLength: 12 }).map((a) => a.join(''));
  const base = fc.constantFrom('https://x.github.io/repo/', 'https://insyn.example/', 'http://127.0.0.1:8080/a/b/', 'https://insyn.example/no-slash');
  fc.assert(fc.property(path, base, (u, b) => outcome(() => absoluteUrl(u, b)) === outcome(() => slow(u, b))), { numRuns: 20000 });
  assert.is(absoluteUrl('/datasets/x/', 'https://user.github.io/repo/'), 'https://user.github.io/repo/datasets/x/');
});

test('control characters: the quick test never lets one through (fast-check)', () => {
  const FULL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom('a', 'ö', '\u202e', '\ud83d\ude00', '\ud83d', '\ude00', '\u0000', '\t', '\n'));
  fc.assert(fc.property(fc.array(unit, { maxLength: 40 }).map((a) => a.join('')), (s) => stripControlCharacters(s) === s.replace(FULL, '')), { numRuns: 20000 });
});

test('control characters: data stripped once (withoutForbidden) and a page stripped around its <main> (stripShell) give what the whole-page strip gives (fast-check)', () => {
  const unit = fc.oneof(fc.constantFrom('a', 'ö', ' ', '<', '\u202e', '\u2066', '\u0000', '\u001b', '\u0085', '\ud83d\ude00', '\ud83d', '\t', '\n', '\uffff'));
  const text = fc.array(unit, { maxLength: 12 }).map((a) => a.join(''));
  const json = fc.letrec((tie) => ({ value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('a', 'b', 'name'), tie('value'), { maxKeys: 3 })) })).value;
  fc.assert(
    fc.property(json, (value) => {
      const frozen = JSON.parse(JSON.stringify(value));
      const clean = withoutForbidden(frozen);
      // Every string as the whole-page strip leaves it; the rest of the structure as it was.
      const strip = (v: unknown): unknown => (typeof v === 'string' ? stripControlCharacters(v) : Array.isArray(v) ? v.map(strip) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)])) : v);
      assert.equal(clean, strip(frozen));
      // Nothing to strip: the very same object back (frozen data stays as it is).
      if (JSON.stringify(strip(frozen)) === JSON.stringify(frozen)) assert.ok(clean === frozen);
    }),
    { numRuns: 3000 },
  );
  // A page whose <main> holds none: stripping around it is stripping the whole page.
  fc.assert(
    fc.property(text, text, text, (head, main, tail) => {
      const page = `<html><head><title>${head}</title></head><body><main id="main">${stripControlCharacters(main)}</main><footer>${tail}</footer></body></html>`;
      assert.is(stripShell(page), stripControlCharacters(page));
    }),
    { numRuns: 3000 },
  );
});

test.run();
