/**
 * The schema.org markup for landing pages agrees with the DCAT catalogue: every `Dataset` in it (the series, each
 * year in `hasPart`, a cumulative dataset) is a DCAT dataset with the same IRI, identifier, title, description,
 * dates, time span, places, licence and files; the publisher carries a contact point; the variables are the
 * published columns. And safeJsonForScript output cannot break out of a `<script>` block.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Quad } from 'n3';
import type { Language, SiteModel } from '../scripts/model.ts';
import { buildCatalogGraph } from '../scripts/dcat/index.ts';
import { safeJsonForScript, schemaOrgDataset } from '../scripts/dcat/schema-org.ts';
import { buildDcatFixture } from './fixtures/dcat/model.ts';

type Json = Record<string, any>;

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';

const { model } = await buildDcatFixture();
const graph = buildCatalogGraph(model);
const BASE = model.baseUrl;

const values = (g: Quad[], s: string, p: string, lang?: string): string[] =>
  g
    .filter((q) => q.subject.value === s && q.predicate.value === p)
    .filter((q) => lang === undefined || (q.object as { language?: string }).language === lang)
    .map((q) => q.object.value)
    .sort();

/** Every `Dataset` node of a schema.org description: the top one and its parts. */
function datasetNodes(node: Json): Json[] {
  return [node, ...((node.hasPart as Json[] | undefined) ?? []).flatMap(datasetNodes)];
}

/** The IRIs a `spatialCoverage` names (`sameAs` of the place and of the places containing it). */
function placeIris(place: Json | undefined): string[] {
  if (!place) return [];
  return [...(place.sameAs ? [place.sameAs as string] : []), ...placeIris(place.containedInPlace)].sort();
}

/** Checks that every Dataset in `json` says what the DCAT graph `g` says about the same IRI. */
function assertAgrees(g: Quad[], json: Json, lang: Language, model: SiteModel): void {
  for (const node of datasetNodes(json)) {
    const iri = node['@id'] as string;
    const what = `${iri} (${lang})`;
    assert.ok(values(g, iri, DCT + 'title').length > 0, `${what} is a DCAT dataset`);
    assert.equal([node.identifier], values(g, iri, DCT + 'identifier'), `${what}: identifier`);
    const wanted = values(g, iri, DCT + 'title', lang)[0] ?? values(g, iri, DCT + 'title', 'sv')[0];
    assert.is(node.name, wanted, `${what}: name`);
    const description = values(g, iri, DCT + 'description', lang)[0] ?? values(g, iri, DCT + 'description', 'sv')[0];
    assert.is(node.description, description, `${what}: description`);
    assert.equal([node.datePublished], values(g, iri, DCT + 'issued'), `${what}: issued`);
    assert.equal([node.dateModified], values(g, iri, DCT + 'modified'), `${what}: modified`);
    const [temporal] = values(g, iri, DCT + 'temporal');
    assert.is(node.temporalCoverage, `${values(g, temporal, DCAT + 'startDate')[0]}/${values(g, temporal, DCAT + 'endDate')[0]}`, `${what}: time`);
    assert.equal(placeIris(node.spatialCoverage), values(g, iri, DCT + 'spatial'), `${what}: places agree with dct:spatial`);
    const distributions = values(g, iri, DCAT + 'distribution');
    const downloads = distributions.flatMap((d) => values(g, d, DCAT + 'downloadURL'));
    assert.equal((node.distribution as Json[]).map((d) => d.contentUrl).sort(), downloads, `${what}: files`);
    for (const d of distributions) assert.equal(values(g, d, DCT + 'license'), [node.license], `${what}: licence`);
    for (const part of (node.hasPart as Json[] | undefined) ?? []) {
      assert.equal(part.isPartOf, { '@id': iri }, `${part['@id']} is part of ${iri}`);
      assert.equal(values(g, part['@id'], DCAT + 'inSeries'), [iri], `${part['@id']}: dcat:inSeries`);
    }
    assert.is(node.includedInDataCatalog['@id'], BASE + 'datasets/#catalog');
    assert.is(node.includedInDataCatalog.name, model.settings.title[lang] ?? model.settings.title.sv);
  }
}

test('a yearly dataset: the series with each year as its own Dataset, all agreeing with DCAT, in sv and en', () => {
  const [yearly] = model.datasets;
  const series = BASE + 'datasets/leverantorsfakturor/#series';
  for (const lang of ['sv', 'en'] as const) {
    const json = schemaOrgDataset(model, yearly, lang) as Json;
    assert.is(json['@context'], 'https://schema.org');
    assert.is(json['@type'], 'Dataset');
    assert.is(json['@id'], series);
    assertAgrees(graph, json, lang, model);
    const members = graph.filter((q) => q.predicate.value === DCAT + 'inSeries' && q.object.value === series).map((q) => q.subject.value).sort();
    assert.equal(json.hasPart.map((p: Json) => p['@id']).sort(), members, 'one part per member dataset');
    assert.ok(json.hasPart.every((p: Json) => p['@type'] === 'Dataset' && p['@context'] === undefined));
  }
  const sv = schemaOrgDataset(model, yearly, 'sv') as Json;
  const en = schemaOrgDataset(model, yearly, 'en') as Json;
  assert.is(sv.name, 'Leverantörsfakturor');
  assert.is(en.name, 'Supplier invoices');
  assert.is(sv.url, BASE + 'datasets/leverantorsfakturor/');
  assert.is(en.url, BASE + 'en/datasets/leverantorsfakturor/');
  assert.equal(sv.hasPart.map((p: Json) => p.url), ['2024', '2025'].map((y) => `${BASE}datasets/leverantorsfakturor/#period-${y}`));
  assert.equal(sv.hasPart.map((p: Json) => p.name), ['Leverantörsfakturor 2024', 'Leverantörsfakturor 2025']);
  assert.is(sv.license, 'http://creativecommons.org/publicdomain/zero/1.0/');
  assert.is(sv.isAccessibleForFree, true);
  assert.is(sv.inLanguage, 'sv');
  assert.equal(sv.keywords, ['leverantörsreskontra', 'inköp']);
  assert.equal(en.keywords, ['supplier invoices']);
  assert.is(sv.temporalCoverage, '2024-01-15/2025-03-15');
  // The series' file is its data package; each year has its own files, with size and SHA-256.
  assert.equal(sv.distribution.map((d: Json) => d.contentUrl), [BASE + yearly.datapackage.path]);
  assert.is(sv.distribution[0].sha256, yearly.datapackage.sha256);
  for (const [i, period] of yearly.summary.periods.entries()) {
    const part = sv.hasPart[i];
    assert.is(part.distribution.length, period.files.length);
    for (const [j, file] of period.files.entries()) {
      const d = part.distribution[j];
      assert.is(d['@type'], 'DataDownload');
      assert.is(d.contentUrl, BASE + file.path);
      assert.is(d.encodingFormat, file.mediaType);
      assert.is(d.contentSize, `${file.bytes} B`);
      assert.is(d.sha256, file.sha256);
      assert.is(d.temporalCoverage, `${period.first}/${period.last}`);
    }
  }
});

test('the publisher: an Organization with a description, address and a contact point', () => {
  const sv = schemaOrgDataset(model, model.datasets[0], 'sv') as Json;
  assert.is(sv.publisher['@id'], 'http://dataportal.se/organisation/SE2120001355');
  assert.is(sv.publisher.name, 'Exempelby kommun');
  assert.is(sv.creator.name, 'Exempelby kommun');
  assert.is(sv.publisher.description, 'Exempelby kommun är en kommun i Sverige och publicerar sina leverantörsfakturor som öppna data.');
  assert.equal(sv.publisher.contactPoint, {
    '@type': 'ContactPoint',
    contactType: 'Frågor om data',
    email: 'kommun@exempelby.example',
    telephone: '+46 31-123 45 67',
    availableLanguage: ['sv', 'en'],
  });
  assert.equal(sv.publisher.address, {
    '@type': 'PostalAddress',
    streetAddress: 'Stadshusgatan 1 <b>',
    postalCode: '411 01',
    addressLocality: 'Exempelby',
    addressCountry: 'SE',
  });
  const region = schemaOrgDataset(model, model.datasets[1], 'en') as Json;
  assert.equal(region.publisher.contactPoint.email, 'region@region-vast.example');
  assert.is(region.publisher.contactPoint.telephone, undefined);
  assert.is(region.publisher.address, undefined);
});

test('places: the Geonames place within Sweden when site.json gives one, the publisher within Sweden otherwise', () => {
  const sv = schemaOrgDataset(model, model.datasets[0], 'sv') as Json;
  assert.equal(sv.spatialCoverage, {
    '@type': 'AdministrativeArea',
    name: 'Exempelby kommun',
    sameAs: 'https://sws.geonames.org/2711537/',
    containedInPlace: { '@type': 'Country', name: 'Sverige', sameAs: 'http://publications.europa.eu/resource/authority/country/SWE' },
  });
  const en = schemaOrgDataset(model, model.datasets[1], 'en') as Json;
  assert.equal(placeIris(en.spatialCoverage), ['http://publications.europa.eu/resource/authority/country/SWE']);
  assert.is(en.spatialCoverage.containedInPlace.name, 'Sweden');
});

test('variableMeasured: the published columns, described in the page language, the amount in SEK', () => {
  const sv = schemaOrgDataset(model, model.datasets[0], 'sv') as Json;
  const en = schemaOrgDataset(model, model.datasets[0], 'en') as Json;
  assert.equal(sv.variableMeasured.map((v: Json) => v.name), model.datasets[0].columns);
  for (const node of datasetNodes(sv)) assert.equal(node.variableMeasured, sv.variableMeasured);
  const amount = en.variableMeasured.find((v: Json) => v.name === 'belopp');
  assert.equal(amount, { '@type': 'PropertyValue', name: 'belopp', description: 'Amount excluding VAT in SEK, negative for credit notes', unitText: 'SEK' });
  assert.ok(sv.variableMeasured.every((v: Json) => v['@type'] === 'PropertyValue' && v.description.length > 0));
});

test('a cumulative dataset uses its single DCAT dataset, and falls back to Swedish text', () => {
  const cumulative = model.datasets[1];
  const en = schemaOrgDataset(model, cumulative, 'en') as Json;
  const iri = BASE + 'datasets/region-fakturor/#dataset-all';
  assert.is(en['@id'], iri);
  assert.is(en.hasPart, undefined);
  assert.is(en.isPartOf, undefined);
  assertAgrees(graph, en, 'en', model);
  assert.ok(en.description.startsWith(cumulative.metadata.description.sv), 'no English description → Swedish');
  assert.equal([...en.keywords].sort(), values(graph, iri, DCAT + 'keyword'), 'the Swedish keywords, as DCAT has them');
});

test('a dataset without published periods still gets a Dataset, without dates or files', () => {
  const [yearly] = model.datasets;
  const empty = { ...yearly, summary: { ...yearly.summary, periods: [], period: null } };
  const sv = schemaOrgDataset(model, empty, 'sv') as Json;
  assert.is(sv['@type'], 'Dataset');
  assert.is(sv.name, 'Leverantörsfakturor');
  assert.ok(sv.description.length >= 50);
  assert.is(sv.distribution, undefined);
  assert.is(sv.datePublished, undefined);
});

test('safeJsonForScript escapes what could end the script element, and stays the same JSON', () => {
  const hostile = { name: '</script><script>alert(1)</script>', note: '<!-- a & b --> \u2028\u2029 ]]> "q"', n: 1 };
  const json = safeJsonForScript(hostile);
  assert.not.match(json, /[<>&\u2028\u2029]/);
  assert.ok(json.includes('\\u003c/script\\u003e'));
  assert.equal(JSON.parse(json), hostile);
  const page = safeJsonForScript(schemaOrgDataset(model, model.datasets[1], 'sv'));
  assert.not.match(page, /[<>&\u2028\u2029]/, 'the hostile fixture title is escaped too');
  assert.equal(JSON.parse(page), schemaOrgDataset(model, model.datasets[1], 'sv'));
  assert.is(safeJsonForScript(undefined), 'null');
});

test.run();
