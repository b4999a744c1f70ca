/**
 * data.europa.eu's Metadata Quality Assessment, as its methodology scores (test/fixtures/dcat/mqa.ts): the sample
 * build's catalogue gets the maximum, 405 points, for every dataset and series and so for the catalogue, both in
 * the DCAT-AP 3.0.1 graph and in the DCAT-AP 2.1.1 view data.europa.eu converts it to, with no SHACL violation in
 * either (nothing set aside). The distributions' URLs are fetched from the built site over HTTP. Then the scorer
 * and the converter are shown to fail what they should (so the maximum means something).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DataFactory, type Quad } from 'n3';
import { buildCatalogGraph } from '../scripts/dcat/index.ts';
import { toDcatAp2 } from './fixtures/dcat/dcat-ap-2.ts';
import { buildDcatFixture, loadSampleBuild } from './fixtures/dcat/model.ts';
import { MAX_POINTS, scoreCatalog, scoreTable, shortfalls, type CatalogScore } from './fixtures/dcat/mqa.ts';
import { assessQuads, assessSite } from './fixtures/dcat/mqa-assess.ts';
import { formatResult, sharedDcatDir } from './fixtures/dcat/shacl.ts';

const { namedNode, literal, quad } = DataFactory;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const SPDX = 'http://spdx.org/rdf/terms#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

function assertMaximum(name: string, score: CatalogScore): void {
  assert.equal(score.datasets.flatMap(shortfalls), [], `${name}: every indicator at its full weight`);
  for (const d of score.datasets) assert.is(d.points, MAX_POINTS, `${name}: ${d.iri}`);
  assert.is(score.mean, MAX_POINTS, `${name}: the catalogue's mean`);
  assert.is(score.rating, 'Excellent');
}

// The fixture's files exist but its landing pages do not (no site is built for it): every URL answers 200 here,
// and the tests below that need real answers use the sample build.
const everythingThere = async (): Promise<number> => 200;
const dir = sharedDcatDir();

test('the converter: series become plain datasets, DCAT 3 series links go, byteSize becomes an xsd:decimal', async () => {
  const { model } = await buildDcatFixture();
  const graph = buildCatalogGraph(model);
  const view = toDcatAp2(graph);
  assert.not.ok(view.some((q) => q.object.value === DCAT + 'DatasetSeries'), 'no dcat:DatasetSeries');
  for (const p of ['inSeries', 'first', 'last', 'prev', 'next']) assert.not.ok(view.some((q) => q.predicate.value === DCAT + p), p);
  const sizes = view.filter((q) => q.predicate.value === DCAT + 'byteSize');
  assert.is(sizes.length, 7);
  assert.ok(sizes.every((q) => q.object.termType === 'Literal' && q.object.datatype.value === XSD + 'decimal'));
  const series = 'https://insyn.example/exempelby/datasets/leverantorsfakturor/#series';
  assert.equal(view.filter((q) => q.subject.value === series && q.predicate.value === RDF_TYPE).map((q) => q.object.value), [DCAT + 'Dataset']);
  const kept = (g: Quad[]) => g.filter((q) => !['inSeries', 'first', 'last', 'prev', 'next', 'byteSize'].some((p) => q.predicate.value === DCAT + p) && q.object.value !== DCAT + 'DatasetSeries');
  assert.is(kept(view).length, kept(graph).length, 'everything else is kept');
});

if (!dir) {
  console.log('notice: ../shared/dcat-ap is missing; MQA tests skipped');
} else {
  const sample = await loadSampleBuild();
  if (!sample) console.log('notice: test/helpers/sample-build.ts not there yet; the MQA score is checked on the fixture only');
  else {
    test('the sample catalogue scores 405 of 405 for every dataset and series, in 3.0.1 and in its 2.1.1 view', async () => {
      const a = await assessSite(sample.outDir, sample.model.baseUrl, dir);
      console.log('\n' + scoreTable([{ name: 'DCAT-AP 3.0.1', score: a.v3 }, { name: 'DCAT-AP 2.1.1 view', score: a.v2 }]));
      assert.equal(a.shacl.v3.filter((r) => r.severity === 'Violation').map(formatResult), [], '3.0.1 + se-extra: no violation');
      assert.equal(a.shacl.v2.filter((r) => r.severity === 'Violation').map(formatResult), [], '2.1.1 rules: no violation');
      const builds = sample.model.datasets.filter((b) => b.summary.periods.length > 0);
      const expected = builds.reduce((n, b) => n + b.summary.periods.length + (b.metadata.series === 'yearly' ? 1 : 0), 0);
      assert.is(a.v3.datasets.length, expected, 'every dataset and series is scored');
      assert.is(a.v2.datasets.length, expected, 'the series are datasets in the 2.1.1 view');
      assert.ok(a.v3.datasets.some((d) => d.kind === 'series'));
      assertMaximum('3.0.1', a.v3);
      assertMaximum('2.1.1 view', a.v2);
    });
  }

  test('the fixture catalogue scores the maximum too (CC0 and CC BY, with and without Geonames)', async () => {
    for (const variant of [{}, { variant: { publisher: { type: 'agency' as const }, metadata: { license: 'CC-BY-4.0' as const } } }]) {
      const { model } = await buildDcatFixture(variant);
      const a = await assessQuads(buildCatalogGraph(model), dir, everythingThere);
      assertMaximum('3.0.1', a.v3);
      assertMaximum('2.1.1 view', a.v2);
    }
  });

  test('the scorer takes points away: a SHA-256 checksum, no rights, a series without files, a dead link', async () => {
    const { model } = await buildDcatFixture();
    const graph = buildCatalogGraph(model);
    const base = 'https://insyn.example/exempelby/datasets/leverantorsfakturor/';
    const y2025 = base + '#dataset-2025';
    const series = base + '#series';
    const csv = base + '#distribution-leverantorsfakturor-2025.csv';
    const points = (score: CatalogScore, iri: string) => score.datasets.find((d) => d.iri === iri)!.points;

    // The checksum main published: not DCAT-AP compliant in 3.0.1 (SEMIC's pattern) nor in 2.1.1 (SHA-1 only).
    const checksum = base + '#checksum';
    const withChecksum = [
      ...graph,
      quad(namedNode(csv), namedNode(SPDX + 'checksum'), namedNode(checksum)),
      quad(namedNode(checksum), namedNode(RDF_TYPE), namedNode(SPDX + 'Checksum')),
      quad(namedNode(checksum), namedNode(SPDX + 'algorithm'), namedNode(SPDX + 'checksumAlgorithm_sha256')),
      quad(namedNode(SPDX + 'checksumAlgorithm_sha256'), namedNode(RDF_TYPE), namedNode(SPDX + 'ChecksumAlgorithm')),
      quad(namedNode(checksum), namedNode(SPDX + 'checksumValue'), literal('ab'.repeat(32), namedNode(XSD + 'hexBinary'))),
    ];
    const a = await assessQuads(withChecksum, dir, everythingThere);
    assert.is(points(a.v3, y2025), MAX_POINTS - 30, '3.0.1: compliance lost');
    assert.is(points(a.v2, y2025), MAX_POINTS - 30, '2.1.1: compliance lost');
    assert.is(points(a.v3, base + '#dataset-2024'), MAX_POINTS, 'only the dataset the checksum belongs to');

    // No rights on one of two distributions: half of the 5 points.
    const noRights = graph.filter((q) => !(q.subject.value === csv && q.predicate.value === DCT + 'rights'));
    const b = await assessQuads(noRights, dir, everythingThere);
    assert.is(points(b.v3, y2025), MAX_POINTS - 2.5);

    // A series without its data package is a dataset without distributions in 2.1.1: 185 points.
    const bare = graph.filter((q) => !(q.subject.value === series && q.predicate.value === DCAT + 'distribution'));
    const c = await assessQuads(bare, dir, everythingThere);
    assert.is(points(c.v2, series), 185);
    assert.ok(c.v2.mean < 380);

    // A download URL that answers 404 loses its accessibility points.
    const dead = async (url: string) => (url.endsWith('leverantorsfakturor-2025.csv') ? 404 : 200);
    const d = await scoreCatalog(graph, { status: dead, shacl: [] });
    assert.is(points(d, y2025), MAX_POINTS - 15, 'half of the 30 points of DownloadURL accessibility');
  });
}

test.run();
