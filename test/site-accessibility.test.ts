/**
 * The accessibility statement has what DIGG requires, in both languages, filled from site.json: the public body's
 * and the service's names, the compliance level (helt/delvis/inte förenlig), the content that is not accessible
 * with reasons, the sections for 12 § and 9 § even when they list nothing, the dates of the assessment and of the
 * last update, the method, a feedback route and DIGG's reporting form. Settings that contradict each other are
 * refused with a message; a site.json without the new fields still loads. axe-core finds nothing on the pages.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import axe from 'axe-core';
import { ConfigError, loadProject } from '../scripts/config/load.ts';
import type { AccessibilitySettings, SiteModel } from '../scripts/model.ts';
import { buildSite } from '../scripts/site/index.ts';
import { fixtureModel } from './fixtures/site/model.ts';
import { ROOT, tempDir } from './helpers/paths.ts';
import { freePort, serveStatic } from './helpers/static-server.ts';
import { AXE_TAGS, chromiumPath, launchChromium, skipNotice } from './helpers/browser.ts';

const PAGES = { sv: 'tillganglighet/index.html', en: 'en/accessibility/index.html' } as const;

/** The text of the page's <main>, tags removed and whitespace collapsed. */
function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  return main
    .replace(/<\/?(a|time|strong|span|code)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();
}

async function build(model: SiteModel): Promise<{ dir: string; sv: string; en: string }> {
  const dir = tempDir('insyn-a11y-');
  await buildSite(model, dir);
  return { dir, sv: await readFile(join(dir, PAGES.sv), 'utf8'), en: await readFile(join(dir, PAGES.en), 'utf8') };
}

function withAccessibility(accessibility: AccessibilitySettings): SiteModel {
  const model = fixtureModel();
  model.settings.accessibility = accessibility;
  return model;
}

const ISSUES: AccessibilitySettings = {
  compliance: 'partial',
  nonCompliant: [
    { content: { sv: 'Diagrammet över månader saknar mönster.', en: 'The monthly chart has no patterns.' }, reason: { sv: 'Färg är enda skillnaden (WCAG 1.4.1).', en: 'Colour is the only difference (WCAG 1.4.1).' } },
    { content: { sv: 'Gamla PDF-rapporter är inte taggade.' }, reason: { sv: 'De är skannade.' } },
  ],
  disproportionateBurden: [{ content: { sv: 'Arkivet av inskannade fakturor.' }, reason: { sv: 'Att tolka 40 000 sidor vore oskäligt betungande.' } }],
  outOfScope: [{ content: { sv: 'Kartan över kommunen.', en: 'The map of the municipality.' }, reason: { sv: 'Kartor undantas (9 § 4).', en: 'Maps are exempted (section 9(4)).' } }],
  method: 'third-party',
  assessor: 'Tillgänglighetsbyrån AB',
  assessed: '2026-04-01',
  updated: '2026-04-02',
  published: '2025-12-01',
  feedback: { email: 'tillganglighet@exempelby.example', phone: '031-123 45 67', url: 'https://exempelby.example/synpunkter' },
  responseDays: 3,
};

test('defaults: what DIGG requires is there, in Swedish and English, with the 12 § and 9 § sections saying "none"', async () => {
  const { sv, en } = await build(fixtureModel());
  const s = mainText(sv);
  for (const wanted of [
    'Exempelby kommun står bakom webbplatsen Exempelbys öppna data.',
    'Webbplatsen publicerar också data från Region Väst.',
    'Webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service.',
    'Bristande förenlighet med lagkraven Vi känner inte till något innehåll som inte uppfyller lagkraven.',
    'Oskäligt betungande anpassning (12 §) Exempelby kommun åberopar inte undantaget för oskäligt betungande anpassning',
    'Innehåll som inte omfattas av lagkraven (9 §) Webbplatsen har inget innehåll som undantas från lagkraven enligt 9 §',
    'Vi har gjort en självskattning (intern testning) av webbplatsen.',
    'axe-core',
    'Den senaste bedömningen gjordes 9\u00a0mars 2026.',
    'Redogörelsen uppdaterades senast 9\u00a0mars 2026.',
  ]) {
    assert.ok(s.includes(wanted), `sv: ${wanted}`);
  }
  assert.match(sv, '<a href="https://www.digg.se/tdosanmalan">anmäla det till Digg</a>');
  assert.match(sv, 'E-post: <a href="mailto:opendata@exempelby.example">opendata@exempelby.example</a>', "the site's contact address");
  assert.match(sv, 'Telefon: <a href="tel:+46311234567">+46 31 123 45 67</a>', "the responsible publisher's phone");
  assert.not.ok(s.includes('publicerades'), 'no publication date unless site.json gives one');
  const e = mainText(en);
  for (const wanted of [
    'Exempelby kommun is responsible for the website Exempelby open data.',
    'The website is fully compliant with the Act on accessibility to digital public services.',
    'Disproportionate burden (section 12)',
    'Content not within the scope of the legal requirements (section 9)',
    'The latest assessment was made on 9\u00a0March 2026.',
  ]) {
    assert.ok(e.includes(wanted), `en: ${wanted}`);
  }
  assert.match(en, '<a href="https://www.digg.se/tdosanmalan" hreflang="sv">report it to Digg</a>');
});

test('from settings: partial compliance, every list with reasons, a third-party review, dates and feedback routes', async () => {
  const { sv, en } = await build(withAccessibility({ ...ISSUES, responsible: 'region-vast' }));
  const s = mainText(sv);
  for (const wanted of [
    'Region Väst står bakom webbplatsen',
    'Webbplatsen publicerar också data från Exempelby kommun.',
    'Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service',
    'Vi vet att delar av webbplatsen inte är helt tillgängliga.',
    'Diagrammet över månader saknar mönster. Färg är enda skillnaden (WCAG 1.4.1).',
    'Gamla PDF-rapporter är inte taggade. De är skannade.',
    'Region Väst åberopar 12 § lagen (2018:1937)',
    'Arkivet av inskannade fakturor. Att tolka 40 000 sidor vore oskäligt betungande.',
    'Kartan över kommunen. Kartor undantas (9 § 4).',
    'Webbplatsen har granskats av en extern part, Tillgänglighetsbyrån AB.',
    'Den senaste bedömningen gjordes 1\u00a0april 2026.',
    'Webbplatsen publicerades 1\u00a0december 2025. Redogörelsen uppdaterades senast 2\u00a0april 2026.',
    'Vi svarar normalt inom 3 arbetsdagar.',
  ]) {
    assert.ok(s.includes(wanted), `sv: ${wanted}`);
  }
  assert.match(sv, 'Formulär: <a href="https://exempelby.example/synpunkter">');
  assert.match(sv, '<a href="mailto:tillganglighet@exempelby.example">');
  assert.match(sv, '<a href="tel:+46311234567">031-123 45 67</a>');
  // An item written in Swedish only is marked as Swedish on the English page.
  assert.match(en, '<li lang="sv">Gamla PDF-rapporter är inte taggade. De är skannade.</li>');
  assert.match(en, '<li>The monthly chart has no patterns. Colour is the only difference (WCAG 1.4.1).</li>');
  assert.ok(mainText(en).includes('The website is partially compliant'));
  const none = await build(withAccessibility({ compliance: 'none', nonCompliant: ISSUES.nonCompliant, assessed: '2026-05-04' }));
  assert.ok(mainText(none.sv).includes('Redogörelsen uppdaterades senast 4\u00a0maj 2026.'), 'updated defaults to the assessment');
  assert.ok(mainText(none.sv).includes('Webbplatsen är inte förenlig med lagen'));
  assert.ok(mainText(none.en).includes('The website is not compliant with the Act'));
});

function copyOfSample(change: (site: any) => void): string {
  const dir = tempDir('insyn-a11y-config-');
  const site = JSON.parse(readFileSync(join(ROOT, 'data/site.json'), 'utf8'));
  change(site);
  writeFileSync(join(dir, 'site.json'), JSON.stringify(site, null, 2));
  mkdirSync(join(dir, 'datasets/good'), { recursive: true });
  writeFileSync(join(dir, 'datasets/good/dataset.json'), JSON.stringify({ title: { sv: 'T' }, description: { sv: 'D' }, publisher: 'exempelby' }));
  cpSync(join(ROOT, 'data/datasets/exempelby-leverantorsreskontra/2025-01.csv'), join(dir, 'datasets/good/2025-01.csv'));
  return dir;
}

async function problems(dir: string): Promise<string> {
  try {
    await loadProject(dir);
  } catch (e) {
    assert.instance(e, ConfigError);
    return (e as Error).message;
  }
  return '';
}

test('settings that contradict each other are refused, each with what to do', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ responsible: 'nobody' }, /accessibility\.responsible: "nobody" is not the id of a publisher \(use one of "exempelby", "sjovik"\)/],
    [{ method: 'third-party' }, /accessibility\.assessor: say who reviewed the site/],
    [{ assessed: '2026-05-01', updated: '2026-04-01' }, /accessibility\.updated: 2026-04-01 is before the assessment \(2026-05-01\)/],
    [{ published: '2026-05-01', updated: '2026-04-01', assessed: '2026-03-01' }, /is before the site was published/],
    [{ compliance: 'full', nonCompliant: ISSUES.nonCompliant }, /"full" \(helt förenlig\), but nonCompliant lists content/],
    [{ compliance: 'partial' }, /"partial" needs the content that is not accessible/],
    [{ compliance: 'helt' }, /accessibility\.compliance: must be one of "full", "partial", "none"/],
    [{ assessed: '2026-13-01' }, /accessibility\.assessed: must be a date written YYYY-MM-DD, like "2026-03-09" \(got "2026-13-01"\): there is no month 13/],
    [{ updated: '2026-02-30' }, /accessibility\.updated: "2026-02-30" is not a date: 2026-02-30 does not exist \(the month has 28 days\)/],
    [{ nonCompliant: [{ content: { sv: 'x' } }] }, /accessibility\.nonCompliant\[0\] \(the first item of accessibility\.nonCompliant\): the field "reason" is required/],
    [{ colour: 'red' }, /accessibility: unknown field "colour"/],
  ];
  for (const [accessibility, expected] of cases) {
    const msg = await problems(copyOfSample((site) => (site.accessibility = accessibility)));
    assert.match(msg, /site\.json/);
    assert.match(msg, expected);
  }
});

test("the publisher's new fields are checked, and a site.json without any of them still loads", async () => {
  const geonames = await problems(copyOfSample((site) => (site.publishers[0].geonames = 'https://www.geonames.org/2711537/goteborg.html')));
  assert.match(geonames, /publishers\[0\]\.geonames \(the first publisher\): must be the place's Geonames address, https:\/\/sws\.geonames\.org\/<number>\//);
  const address = await problems(copyOfSample((site) => (site.publishers[0].address = { street: 'Storgatan 1' })));
  assert.match(address, /publishers\[0\]\.address \(the first publisher\): the field "postalCode" is required/);
  const plain = copyOfSample((site) => {
    delete site.accessibility;
    for (const p of site.publishers) for (const key of ['address', 'geonames', 'description']) delete p[key];
  });
  assert.is(await problems(plain), '', 'loads');
  const good = copyOfSample((site) => {
    site.publishers[0].geonames = 'https://sws.geonames.org/2711537/';
    site.publishers[0].description = { sv: 'Kommunen.', en: 'The municipality.' };
  });
  assert.is(await problems(good), '');
});

if (!chromiumPath()) console.log(skipNotice('axe on the accessibility statement'));
(chromiumPath() ? test : test.skip)('axe-core finds no WCAG 2.1 A/AA or best-practice violation on the statement, with and without listed content', async () => {
  const browser = await launchChromium();
  try {
    const failures: string[] = [];
    for (const model of [fixtureModel(), withAccessibility(ISSUES)]) {
      const { dir } = await build(model);
      const server = await serveStatic(dir, '/', await freePort());
      const page = await browser.newPage();
      for (const path of ['tillganglighet/', 'en/accessibility/']) {
        const response = await page.goto(server.url + path);
        assert.is(response?.status(), 200);
        await page.addScriptTag({ content: axe.source });
        const result = await page.evaluate((tags) => (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
        for (const v of result.violations as { id: string; help: string }[]) failures.push(`${path}: ${v.id} (${v.help})`);
      }
      await page.close();
      await server.close();
    }
    assert.equal(failures, []);
  } finally {
    await browser.close();
  }
});

test.run();
