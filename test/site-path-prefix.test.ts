/**
 * Insyn's path-prefix transform (scripts/site/path-prefix.ts) gives what Eleventy's HtmlBasePlugin gives, which it
 * replaced on pages: on every page of the sample site and of the fixture site (hostile names) built at the domain
 * root, and on generated HTML (fast-check) in the forms Insyn writes. The plugin re-serialises the whole page
 * (`hidden` becomes `hidden=""`); both sides are compared after that one normalisation. Links stay as they are
 * at `/`; absolute URLs, fragments, `mailto:` and protocol-relative URLs never change.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { HtmlBasePlugin } from '@11ty/eleventy';
import { buildSite } from '../scripts/site/index.ts';
import { prefixRootUrls, writesOwnPrefix } from '../scripts/site/path-prefix.ts';
import { fixtureModel } from './fixtures/site/model.ts';
import { tempDir } from './helpers/paths.ts';
import { buildSample } from './helpers/sample-build.ts';

const PREFIX = '/repo/';

/** Eleventy's own transform, from the plugin itself (its `transformWithHtmlBase` filter, base `/repo/`). */
const eleventy: (html: string, pageUrl: string) => Promise<string> = (() => {
  const filters: Record<string, (...args: any[]) => any> = {};
  const config = {
    pathPrefix: PREFIX,
    addFilter: (name: string, fn: (...args: any[]) => any) => (filters[name] = fn),
    addAsyncFilter: (name: string, fn: (...args: any[]) => any) => (filters[name] = fn),
    htmlTransformer: { addUrlTransform() {} },
  };
  HtmlBasePlugin(config, {});
  return (html, pageUrl) => filters.transformWithHtmlBase.call({ page: { url: pageUrl } }, html);
})();

/** posthtml writes a boolean attribute as `name=""`: the only change it makes beyond the URLs. */
const normalise = (html: string) => html.replace(/(\s[a-zA-Z][a-zA-Z0-9-]*)=""/g, '$1');

async function pagesOf(dir: string): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.html')) continue;
    const file = relative(dir, join(e.parentPath, e.name)).split(sep).join('/');
    pages.set(`/${file.replace(/index\.html$/, '')}`, await readFile(join(e.parentPath, e.name), 'utf8'));
  }
  return pages;
}

async function sameAsEleventy(pages: Map<string, string>): Promise<string[]> {
  const failures: string[] = [];
  for (const [url, html] of pages) {
    const ours = normalise(prefixRootUrls(html, PREFIX));
    const theirs = normalise(await eleventy(html, url));
    if (ours !== theirs) {
      const at = [...ours].findIndex((c, i) => c !== theirs[i]);
      failures.push(`${url}: ours …${ours.slice(at - 60, at + 60)}… Eleventy's …${theirs.slice(at - 60, at + 60)}…`);
    }
  }
  return failures;
}

test('every page of the sample site: the same as Eleventy’s HtmlBasePlugin', async () => {
  const { outDir } = await buildSample({ baseUrl: 'http://127.0.0.1:9/' });
  const pages = await pagesOf(outDir);
  assert.ok(pages.size > 30, `${pages.size} pages`);
  assert.equal(await sameAsEleventy(pages), []);
  // What the transform leaves to the plugin's lists, Insyn does not write (a page with one must fail here).
  for (const [url, html] of pages) assert.not.match(html, /\s(srcset|ping)=|http-equiv="?refresh/i, url);
  // And it did prefix: the style sheet, the navigation.
  const home = prefixRootUrls(pages.get('/')!, PREFIX);
  assert.match(home, 'href="/repo/assets/site.css"');
  assert.match(home, '<a href="/repo/datasets/">');
});

test('every page of the fixture site (hostile names, three datasets): the same as Eleventy’s', async () => {
  const dir = tempDir('insyn-prefix-');
  await buildSite(fixtureModel('https://insyn.example/'), dir);
  assert.equal(await sameAsEleventy(await pagesOf(dir)), []);
});

test('supplier pages write their own prefix in <main>: the same pages as the whole transform gives', async () => {
  // The sample site at the root, prefixed by the whole transform, against the same site built at /repo/, where
  // the transform prefixes only the shell of a supplier page (scripts/site/path-prefix.ts writesOwnPrefix).
  const root = await pagesOf((await buildSample({ baseUrl: 'http://127.0.0.1:9/' })).outDir);
  const prefixed = await pagesOf((await buildSample({ baseUrl: `http://127.0.0.1:9${PREFIX}` })).outDir);
  const supplierPage = /^\/(leverantorer|en\/suppliers)\/(?!bokstav\/|letter\/)[^/]+\/$/;
  let compared = 0;
  for (const [url, html] of root) {
    if (!supplierPage.test(url)) continue;
    const own = prefixed.get(`${url}`);
    assert.ok(own, url);
    // Absolute URLs (canonical, feeds) carry the base URL, not the transform: the one other difference.
    assert.fixture(own!.replaceAll(`http://127.0.0.1:9${PREFIX}`, 'http://127.0.0.1:9/'), prefixRootUrls(html, PREFIX), url);
    compared++;
  }
  assert.ok(compared > 20, `${compared} supplier pages compared`);
  const first = [...prefixed.keys()].find((u) => supplierPage.test(u))!;
  assert.match(prefixed.get(first)!, `<a href="${PREFIX}datasets/`);
});

test('the pages that write their own prefix are the supplier pages, each named by its input file', async () => {
  const files = (await readdir('content', { recursive: true })).map((f) => `content/${String(f).split(sep).join('/')}`).filter((f) => f.endsWith('.js'));
  const own = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    assert.is(writesOwnPrefix({ inputPath: `./${file}` }, PREFIX), /\bsupplierPage\(/.test(text), file);
    if (/\bsupplierPage\(/.test(text)) own.push(file);
  }
  assert.is(own.length, 2);
  // A prefix that HTML escaping would change is left to the whole transform.
  assert.not.ok(writesOwnPrefix({ inputPath: `./${own[0]}` }, '/a&b/'));
});

test('a site at the domain root is left as it is', () => {
  const html = '<a href="/datasets/">x</a><link href="/assets/site.css">';
  assert.is(prefixRootUrls(html, '/'), html);
});

// Generated HTML in the forms Insyn writes: double-quoted attributes, escaped text, raw-text elements and comments.
// Not an empty URL: Eleventy turns `href=""` (this page) into the site's root, this transform leaves it.
const url = fc.constantFrom('/', '/datasets/', '/datasets/x/statistik/', '/a?b=1&amp;c=2#d', '/å/', ' /padded/ ', '//cdn.example/x.js', 'https://other.example/', 'http://x/', '#main', 'mailto:a@b.example', 'tel:+4631', 'relative/', '../up/', '/', 'x:y');
const text = fc.constantFrom('Bygg &amp; Måleri', 'a = /b', 'href=/x', '&lt;a href="/x"&gt;', '–', ' ', 'Öppna inköp', '1 234 kr');
const tagWithUrl = fc.constantFrom('a:href', 'link:href', 'script:src', 'img:src', 'form:action', 'area:href', 'iframe:src', 'source:src', 'video:poster', 'blockquote:cite', 'object:data', 'button:formaction', 'input:src', 'track:src', 'embed:src', 'audio:src', 'q:cite', 'div:href', 'span:src', 'td:data');
const other = fc.constantFrom('class="x"', 'title="a href=/x"', 'aria-label="/datasets/"', 'data-url="/x/"', 'hidden', 'title="a > b"', 'id="y"');
const element: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(tagWithUrl, url, fc.uniqueArray(other, { maxLength: 2, selector: (a) => a.split('=')[0] }), fc.boolean(), text).map(([tagAttr, u, extra, before, t]) => {
    const [tag, attr] = tagAttr.split(':');
    const attrs = before ? [...extra, `${attr}="${u}"`] : [`${attr}="${u}"`, ...extra];
    return ['img', 'link', 'source', 'track', 'input', 'embed', 'area'].includes(tag) ? `<${tag} ${attrs.join(' ')}>` : `<${tag} ${attrs.join(' ')}>${t}</${tag}>`;
  }),
  text,
  fc.tuple(url, text).map(([u, t]) => `<script type="application/ld+json">{"url":"${u}","html":"<a href='${u}'>"}</script><p>${t}</p>`),
  fc.tuple(url).map(([u]) => `<style>a[href="${u}"]{color:red}</style>`),
  fc.tuple(url).map(([u]) => `<!-- <a href="${u}">old</a> -->`),
  fc.tuple(url, text).map(([u, t]) => `<title>${t} href="${u}"</title>`),
);

test('generated HTML: the same as Eleventy’s (fast-check)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(element, { minLength: 1, maxLength: 8 }), async (parts) => {
      const html = `<!doctype html><html><head></head><body>${parts.join('\n')}</body></html>`;
      assert.is(normalise(prefixRootUrls(html, PREFIX)), normalise(await eleventy(html, '/page/')), html);
    }),
    { numRuns: 400 },
  );
});

test.run();
