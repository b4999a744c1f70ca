/**
 * Guide pages and links, on a throwaway copy of the project built by the real CLI: a new guide page is listed on
 * the guide index by being in the folder (ordered by `order`, named by `shortTitle`), and its translation is found
 * by `ref`. A Markdown page with an internal link to a page that does not exist fails the build (exit 1), naming
 * the page and the link, and nothing is published; links that resolve (root-relative, relative, to files, in raw
 * HTML too, under a path prefix) build.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { internalTarget } from '../scripts/site/links.ts';
import { copyProject, removeScratch, runCliAsync, SAMPLE_DATA, stackTrace } from './hostile/project.ts';

const GUIDE_SV = (links: string) => `---
title: Guide för kommunikatörer
description: Hur du berättar om de publicerade fakturorna.
ref: guide-communication
shortTitle: Kommunikation
order: 2.5
---

Läs först [guiden för ekonomi](../ekonomi/) och [om datan](/om-datan/). Nyhetsflödet är [här](/feed.xml).

${links}
`;

const GUIDE_EN = `---
title: Guide for communicators
description: How to tell people about the published invoices.
ref: guide-communication
shortTitle: Communication
order: 2.5
---

Read the [finance guide](/en/guides/finance/) first.
`;

function build(project: string, baseUrl?: string) {
  const out = join(project, '..', `site-${Math.random().toString(36).slice(2)}`);
  return runCliAsync('build', ['--data', SAMPLE_DATA, '--output', out, '--no-cache', ...(baseUrl ? ['--base-url', baseUrl] : [])], {}, project).then((r) => ({ r, out }));
}

/** The names of the guides the index lists (the links of its article, not the navigation's). */
const guideList = (html: string) => [...(/<article class="prose">([\s\S]*?)<\/article>/.exec(html)?.[1] ?? '').matchAll(/<li><a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => m[2]);
const mainText = (html: string) => (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test.after(() => removeScratch());

test('internalTarget: what a link points to inside the site, without the path prefix', () => {
  assert.is(internalTarget('/guider/ekonomi/', '/guider/x/', '/'), '/guider/ekonomi/');
  assert.is(internalTarget('../ekonomi/#kolumnerna', '/guider/x/', '/'), '/guider/ekonomi/');
  assert.is(internalTarget('/repo/guider/?a=1', '/guider/x/', '/repo/'), '/guider/');
  assert.is(internalTarget('https://example.se/', '/', '/'), null);
  assert.is(internalTarget('mailto:a@b.se', '/', '/'), null);
  assert.is(internalTarget('#top', '/', '/'), null);
  assert.is(internalTarget('//cdn.example/x.js', '/', '/'), null);
});

test('a broken internal link fails the build, naming the page and the link; nothing is published', async () => {
  const project = copyProject();
  writeFileSync(join(project, 'content/sv/guider/kommunikation.md'), GUIDE_SV('Se också [statistiken](/guider/statistik/) och <a href="/nyheter/finns-inte/">en nyhet</a>. Det här finns: [katalogen](/datasets/dcat.rdf).'));
  const { r, out } = await build(project);
  assert.is(r.code, 1, r.stderr);
  assert.not.ok(stackTrace(r.stderr), r.stderr);
  assert.match(r.stderr, /content\/sv\/guider\/kommunikation\.md: the link "\/guider\/statistik\/" goes to a page that does not exist on the site/);
  assert.match(r.stderr, /content\/sv\/guider\/kommunikation\.md: the link "\/nyheter\/finns-inte\/" goes to a page that does not exist on the site/);
  assert.not.match(r.stderr, /dcat\.rdf"|ekonomi\/"|feed\.xml"/, 'links that resolve are not named');
  assert.match(r.stderr, /Correct the address/);
  assert.not.ok(existsSync(out), 'nothing was published');
});

test('a new guide page is listed on the guide index, in order, and its translation found by ref; links under a path prefix resolve', async () => {
  const project = copyProject();
  writeFileSync(join(project, 'content/sv/guider/kommunikation.md'), GUIDE_SV(''));
  writeFileSync(join(project, 'content/en/guides/communication.md'), GUIDE_EN);
  for (const baseUrl of [undefined, 'https://user.github.io/repo/']) {
    const { r, out } = await build(project, baseUrl);
    assert.is(r.code, 0, r.stderr);
    const index = readFileSync(join(out, 'guider/index.html'), 'utf8');
    assert.equal(guideList(index), ['Beslutsfattare', 'Juridik', 'Kommunikation', 'Ekonomi', 'IT och data']);
    assert.ok(mainText(index).includes('Kommunikation : Hur du berättar om de publicerade fakturorna.'));
    assert.equal(guideList(readFileSync(join(out, 'en/guides/index.html'), 'utf8')), ['Decision makers', 'Legal', 'Communication', 'Finance', 'IT and data']);
    const page = readFileSync(join(out, 'guider/kommunikation/index.html'), 'utf8');
    const prefix = baseUrl ? '/repo' : '/insyn'; // site.json's baseUrl is https://example.github.io/insyn/
    assert.match(page, new RegExp(`<a class="lang-switch" href="${prefix}/en/guides/communication/"`), 'the language switch goes to the translation');
  }
});

test.run();
