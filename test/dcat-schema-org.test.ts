/**
 * The schema.org Dataset for landing pages agrees with the DCAT catalogue (IRIs, identifier, licence, files), and
 * safeJsonForScript output cannot break out of a `<script>` block.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildCatalogGraph } from '../scripts/dcat/index.ts';
import { safeJsonForScript, schemaOrgDataset } from '../scripts/dcat/schema-org.ts';
import { buildDcatFixture } from './fixtures/dcat/model.ts';

const { model } = await buildDcatFixture();
const graph = buildCatalogGraph(model);
const BASE = model.baseUrl;
const value = (s: string, p: string) => graph.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);

type Json = Record<string, any>;

test('a yearly dataset: the series IRI and identifier, all files, Swedish and English texts', () => {
  const [yearly] = model.datasets;
  const sv = schemaOrgDataset(model, yearly, 'sv') as Json;
  const en = schemaOrgDataset(model, yearly, 'en') as Json;
  const series = BASE + 'datasets/leverantorsfakturor/#series';
  assert.is(sv['@context'], 'https://schema.org');
  assert.is(sv['@type'], 'Dataset');
  assert.is(sv['@id'], series);
  assert.equal([sv.identifier], value(series, 'http://purl.org/dc/terms/identifier'));
  assert.is(sv.name, 'Leverantörsfakturor');
  assert.is(en.name, 'Supplier invoices');
  assert.is(sv.url, BASE + 'datasets/leverantorsfakturor/');
  assert.is(en.url, BASE + 'en/datasets/leverantorsfakturor/');
  assert.is(sv.license, 'http://creativecommons.org/publicdomain/zero/1.0/');
  assert.is(sv.isAccessibleForFree, true);
  assert.is(sv.inLanguage, 'sv');
  assert.equal(sv.keywords, ['leverantörsreskontra', 'inköp']);
  assert.equal(en.keywords, ['supplier invoices']);
  assert.is(sv.temporalCoverage, '2024-01-15/2025-03-15');
  assert.is(sv.publisher.name, 'Exempelby kommun');
  assert.is(sv.publisher['@id'], 'http://dataportal.se/organisation/SE2120001355');
  assert.is(sv.creator.name, 'Exempelby kommun');
  assert.is(sv.spatialCoverage['@type'], 'AdministrativeArea');
  assert.is(sv.datePublished, value(series, 'http://purl.org/dc/terms/issued')[0]);
  assert.is(sv.dateModified, value(series, 'http://purl.org/dc/terms/modified')[0]);
  const files = yearly.summary.periods.flatMap((p) => p.files);
  assert.is(sv.distribution.length, files.length);
  for (const [i, file] of files.entries()) {
    const d = sv.distribution[i];
    assert.is(d['@type'], 'DataDownload');
    assert.is(d.contentUrl, BASE + file.path);
    assert.is(d.encodingFormat, file.mediaType);
    assert.is(d.contentSize, `${file.bytes} B`);
    assert.is(d.sha256, file.sha256);
  }
});

test('a cumulative dataset uses its single DCAT dataset, and falls back to Swedish text', () => {
  const cumulative = model.datasets[1];
  const en = schemaOrgDataset(model, cumulative, 'en') as Json;
  const iri = BASE + 'datasets/region-fakturor/#dataset-all';
  assert.is(en['@id'], iri);
  assert.equal([en.identifier], value(iri, 'http://purl.org/dc/terms/identifier'));
  assert.is(en.description, cumulative.metadata.description.sv, 'no English description → Swedish');
  assert.equal(en.keywords, cumulative.metadata.keywords.sv);
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
