/**
 * buildSite with the site's fixture model (hostile supplier names, two publishers, three datasets): the same
 * model gives byte-identical output; untrusted text is escaped on every page; every page carries its language,
 * canonical URL, DCAT link and translation; links follow the path prefix; sitemap, robots, feeds and 404.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SiteModel } from '../scripts/model.ts';
import { buildSite } from '../scripts/site/index.ts';
import { fixtureModel, HOSTILE_FORMULA, HOSTILE_MARKUP, HOSTILE_SCRIPT } from './fixtures/site/model.ts';
import { tempDir } from './helpers/paths.ts';

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

const dirs: string[] = [];

async function build(model: SiteModel): Promise<{ dir: string; html: Map<string, string> }> {
  const dir = tempDir('insyn-site-');
  dirs.push(dir);
  await buildSite(model, dir);
  const html = new Map<string, string>();
  for (const file of await files(dir)) if (file.endsWith('.html')) html.set(file, await readFile(join(dir, file), 'utf8'));
  return { dir, html };
}

/** The URL of an output file: `datasets/x/index.html` → `/datasets/x/`. */
const urlOf = (file: string): string => `/${file.replace(/index\.html$/, '')}`;

const root = build(fixtureModel('https://insyn.example/'));
const prefixed = build(fixtureModel('https://user.github.io/repo/'));

test('the same model gives byte-identical output', async () => {
  const a = await root;
  const b = await build(fixtureModel('https://insyn.example/'));
  const list = await files(a.dir);
  assert.equal(await files(b.dir), list);
  for (const file of list) {
    const [x, y] = await Promise.all([readFile(join(a.dir, file)), readFile(join(b.dir, file))]);
    assert.ok(x.equals(y), `${file} differs between two builds`);
  }
});

test('the pages of layout.md exist', async () => {
  const list = await files((await root).dir);
  for (const file of [
    'index.html', 'en/index.html', '404.html', 'sitemap.xml', 'robots.txt', 'feed.xml', 'en/feed.xml',
    'datasets/index.html', 'en/datasets/index.html',
    'datasets/leverantorsfakturor/index.html', 'en/datasets/leverantorsfakturor/index.html',
    'datasets/leverantorsfakturor/statistik/index.html', 'en/datasets/leverantorsfakturor/statistics/index.html',
    'utgivare/exempelby/index.html', 'en/publishers/region-vast/index.html',
    'nyheter/index.html', 'en/news/index.html', 'assets/site.css', 'assets/catalogue-filter.js',
  ]) {
    assert.ok(list.includes(file), `${file} is missing`);
  }
});

test('untrusted text is escaped everywhere', async () => {
  const { html } = await root;
  const stats = html.get('datasets/leverantorsfakturor/statistik/index.html') ?? '';
  const landing = html.get('datasets/leverantorsfakturor/index.html') ?? '';
  assert.match(stats, '&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.match(stats, 'Bygg &amp; Måleri &lt;b&gt;AB&lt;/b&gt;');
  assert.match(landing, '&lt;script&gt;alert(1)&lt;/script&gt;', 'the preview shows the hostile name as text');
  assert.match(landing, '&quot;=HYPERLINK(&quot;&quot;http://evil.example/');
  for (const [file, page] of html) {
    assert.not.match(page, HOSTILE_SCRIPT, `${file}: raw <script> from the data`);
    assert.not.match(page, HOSTILE_MARKUP, `${file}: raw markup from the data`);
    assert.not.match(page, HOSTILE_FORMULA, `${file}: raw formula from the data`);
    const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    for (const tag of scripts) {
      assert.ok(tag === '<script type="application/ld+json">' || /^<script src="\/assets\/(catalogue-filter|table-sort|table-csv)\.js" defer>$/.test(tag) || (tag === '<script src="/assets/excel-csv.js" defer>' && /^(en\/)?datasets\/[^/]+\/index\.html$/.test(file)) || (tag === '<script type="module" src="/assets/search.js">' && /search\/|sok\//.test(file)), `${file}: unexpected ${tag}`);
    }
  }
});

test('no control characters from the data reach a page, feed or sitemap', async () => {
  const { dir } = await root;
  for (const file of await files(dir)) {
    if (!/\.(html|xml|txt)$/.test(file)) continue;
    const text = await readFile(join(dir, file), 'utf8');
    assert.not.match(text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/, file);
  }
  const stats = (await root).html.get('datasets/leverantorsfakturor/statistik/index.html') ?? '';
  assert.match(stats, "Bygg &amp; Måleri &lt;b&gt;AB&lt;/b&gt; &#39;citat&#39; [31m", 'the rest of the name stays');
});

test('every page: language, title, one h1, skip link, DCAT link, canonical URL', async () => {
  const { html } = await root;
  for (const [file, page] of html) {
    const lang = file.startsWith('en/') ? 'en' : 'sv';
    assert.match(page, `<html lang="${lang}">`, file);
    assert.match(page, /<title>[^<]+<\/title>/, file);
    assert.is((page.match(/<h1[\s>]/g) ?? []).length, 1, `${file}: one h1`);
    assert.match(page, '<a class="skip-link" href="#main">', file);
    assert.match(page, '<main id="main"', file);
    assert.match(page, '<link rel="alternate" type="application/rdf+xml" href="https://insyn.example/datasets/dcat.rdf"', file);
    if (file === '404.html') {
      assert.match(page, '<meta name="robots" content="noindex">');
      assert.not.match(page, 'rel="canonical"');
    } else {
      assert.match(page, `<link rel="canonical" href="https://insyn.example${urlOf(file)}">`, file);
      assert.match(page, `<link rel="alternate" hreflang="${lang}" href="https://insyn.example${urlOf(file)}">`, file);
    }
  }
});

test('the language switcher goes to the translation, or to the other home page', async () => {
  const { html } = await root;
  const switcher = (file: string) => /<a class="lang-switch" href="([^"]*)" hreflang="(\w+)"/.exec(html.get(file) ?? '')?.slice(1);
  assert.equal(switcher('datasets/leverantorsfakturor/index.html'), ['/en/datasets/leverantorsfakturor/', 'en']);
  assert.equal(switcher('en/datasets/leverantorsfakturor/statistics/index.html'), ['/datasets/leverantorsfakturor/statistik/', 'sv']);
  assert.equal(switcher('utgivare/region-vast/index.html'), ['/en/publishers/region-vast/', 'en']);
  assert.equal(switcher('datasets/index.html'), ['/en/datasets/', 'en']);
  assert.equal(switcher('en/news/index.html'), ['/nyheter/', 'sv']);
  assert.equal(switcher('index.html'), ['/en/', 'en']);
  assert.equal(switcher('404.html'), ['/en/', 'en']);
  assert.match(html.get('datasets/index.html') ?? '', '<link rel="alternate" hreflang="en" href="https://insyn.example/en/datasets/">');
});

test('the dataset page: facts, downloads with sizes, columns, preview, quality, DCAT, JSON-LD', async () => {
  const page = (await root).html.get('datasets/leverantorsfakturor/index.html') ?? '';
  assert.match(page, '<a href="/utgivare/exempelby/">Exempelby kommun</a>');
  assert.match(page, 'href="https://creativecommons.org/publicdomain/zero/1.0/deed.sv" rel="license"');
  assert.match(page, '<a href="/datasets/leverantorsfakturor/leverantorsfakturor-2024.csv" type="text/csv">CSV');
  assert.match(page, '1,2\u00a0MB');
  assert.match(page, '<a href="/datasets/leverantorsfakturor/datapackage.json"');
  assert.match(page, '<a href="/datasets/leverantorsfakturor/report.json"');
  assert.match(page, '<code>leverantor_id</code>');
  assert.match(page, 'Leverantörens organisationsnummer (tomt för enskilda firmor)');
  assert.match(page, '<a href="/datasets/dcat.rdf" type="application/rdf+xml">');
  const jsonLd = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(page)?.[1] ?? '';
  const data = JSON.parse(jsonLd);
  assert.is(data['@type'], 'Dataset');
  assert.is(data.url, 'https://insyn.example/datasets/leverantorsfakturor/');
  const region = (await root).html.get('en/datasets/region-fakturor/index.html') ?? '';
  assert.match(region, '<h1 lang="sv">Leverantörsfakturor Region Väst</h1>', 'a Swedish title on an English page is marked');
  assert.match(region, 'https://creativecommons.org/licenses/by/4.0/');
});

test('the statistics page: amounts the Swedish way, charts beside tables', async () => {
  const page = (await root).html.get('datasets/leverantorsfakturor/statistik/index.html') ?? '';
  assert.match(page, '<dd>98\u00a0765\u00a0432\u00a0kr</dd>');
  assert.match(page, '\u2212250\u00a0001\u00a0kr', 'a negative month with a minus sign');
  const charts = page.match(/<svg class="chart[^"]*" id="[^"]+" role="img" aria-labelledby="[^"]+-title"/g) ?? [];
  assert.is(charts.length, 5);
  const tables = page.match(/<div class="chart-pair__table table-scroll" role="region"/g) ?? [];
  assert.is(tables.length, 5);
  assert.match(page, 'Andel till de 10 största</dt><dd>39,9\u00a0%</dd>');
  const en = (await root).html.get('en/datasets/leverantorsfakturor/statistics/index.html') ?? '';
  assert.match(en, '<dd>SEK\u00a098,765,432</dd>');
});

test('a dataset without published rows: pages say so instead of drawing empty charts', async () => {
  const { html } = await root;
  const stats = html.get('datasets/tom-datamangd/statistik/index.html') ?? '';
  assert.match(stats, 'Datamängden har inga publicerade rader ännu');
  assert.not.match(stats, '<svg');
  const landing = html.get('en/datasets/tom-datamangd/index.html') ?? '';
  assert.match(landing, 'There are no files to download yet.');
  assert.not.match(landing, 'id="downloads-caption"');
  assert.match(landing, '<td>tab</td>', 'a tab delimiter is named, not shown as white space');
});

test('under a project path every link and asset carries the prefix', async () => {
  const { html } = await prefixed;
  for (const [file, page] of html) {
    for (const [, attr, url] of page.matchAll(/\s(href|src)="([^"]*)"/g)) {
      if (/^(https?:|mailto:|tel:|#)/.test(url)) {
        if (url.startsWith('https://user.github.io/')) assert.ok(url.startsWith('https://user.github.io/repo/'), `${file}: ${attr}=${url}`);
        continue;
      }
      assert.ok(url.startsWith('/repo/'), `${file}: ${attr}="${url}" lacks the path prefix`);
    }
  }
  const home = html.get('index.html') ?? '';
  assert.match(home, '<link rel="stylesheet" href="/repo/assets/site.css">');
  assert.match(home, '<link rel="canonical" href="https://user.github.io/repo/">');
  const notFound = html.get('404.html') ?? '';
  assert.match(notFound, '<a href="/repo/datasets/">', 'the 404 page links from the root, wherever it is served');
});

test('sitemap, robots and feeds use absolute URLs and dates from the data', async () => {
  const { dir } = await prefixed;
  const sitemap = await readFile(join(dir, 'sitemap.xml'), 'utf8');
  const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
  assert.ok(locs.length > 20);
  assert.equal([...locs].sort(), locs);
  for (const loc of locs) assert.ok(loc.startsWith('https://user.github.io/repo/'), loc);
  assert.ok(locs.includes('https://user.github.io/repo/datasets/leverantorsfakturor/statistik/'));
  assert.ok(!locs.some((l) => l.includes('404')));
  const robots = await readFile(join(dir, 'robots.txt'), 'utf8');
  assert.match(robots, 'Sitemap: https://user.github.io/repo/sitemap.xml');
  const feed = await readFile(join(dir, 'feed.xml'), 'utf8');
  assert.match(feed, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="sv">/);
  assert.match(feed, '<link href="https://user.github.io/repo/feed.xml" rel="self" type="application/atom+xml"/>');
  assert.match(feed, '<id>https://user.github.io/repo/datasets/region-fakturor/statistik/#month-2026-01</id>');
  const ids = [...feed.matchAll(/<id>([^<]*)<\/id>/g)].map((m) => m[1]);
  assert.is(new Set(ids).size, ids.length, 'entry ids are unique');
  const updated = [...feed.matchAll(/<updated>([^<]*)<\/updated>/g)].map((m) => m[1]);
  assert.ok(updated.every((u) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(u)));
  // The feed's own date is its newest entry's: a news post from the content, or the data's last day.
  assert.is(updated[0], [...updated.slice(1)].sort().reverse()[0]);
  for (const [, content] of feed.matchAll(/<content type="html">([\s\S]*?)<\/content>/g)) {
    assert.not.match(content, /href=&quot;\/(?!repo\/)/, 'links inside news posts are absolute');
  }
  const en = await readFile(join(dir, 'en/feed.xml'), 'utf8');
  assert.match(en, 'xml:lang="en"');
  assert.match(en, '<title>Leverantörsfakturor Region Väst: January 2026</title>');
});

test('edit links on Markdown pages only, when a repository is set', async () => {
  const { html } = await root;
  assert.match(html.get('om-datan/index.html') ?? '', 'href="https://github.com/exempelby/insyn-data/edit/main/content/sv/om-datan.md"');
  assert.not.match(html.get('datasets/index.html') ?? '', '/edit/main/');
  const post = [...html.keys()].find((f) => f.startsWith('nyheter/') && f !== 'nyheter/index.html');
  assert.ok(post, 'a news post was built');
  assert.match(html.get(post!) ?? '', /\/edit\/main\/content\/sv\/nyheter\/\d{4}-\d{2}-\d{2}-[^"]+\.md"/, 'the file name keeps its date');
  const model = fixtureModel();
  delete model.settings.repository;
  const { html: none } = await build(model);
  assert.not.match(none.get('om-datan/index.html') ?? '', '/edit/');
});

test('one publisher, one language: no publisher pages, no English, no switcher', async () => {
  const model = fixtureModel();
  model.settings.languages = ['sv'];
  model.settings.publishers = model.settings.publishers.slice(0, 1);
  model.datasets = model.datasets.filter((d) => d.publisher.id === 'exempelby');
  const { dir, html } = await build(model);
  const list = await files(dir);
  assert.not.ok(list.some((f) => f.startsWith('utgivare/') || f.startsWith('en/')), list.join(', '));
  for (const [file, page] of html) {
    assert.not.match(page, 'class="lang-switch"', file);
    assert.not.match(page, 'hreflang="en"', file);
    assert.not.match(page, 'href="/utgivare/', file);
  }
  assert.not.match(html.get('datasets/index.html') ?? '', 'id="filter-publisher"');
});

test.after(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

test.run();
