/**
 * The catalogue validates against SEMIC's DCAT-AP 3.0.1 SHACL shapes (mandatory, recommended, range, controlled
 * vocabularies, deprecated URIs) and the Swedish rules in se-extra.ttl (`../shared/dcat-ap`): no sh:Violation,
 * with nothing set aside; warnings are printed. Skips with a notice when `../shared` is missing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DataFactory, type Quad } from 'n3';
import { buildCatalogGraph } from '../scripts/dcat/index.ts';
import { buildDcatFixture, loadSampleBuild } from './fixtures/dcat/model.ts';
import { formatResult, sharedDcatDir, validateCatalog, type ShaclResult } from './fixtures/dcat/shacl.ts';

const { namedNode, literal, quad } = DataFactory;

/** Prints the results and returns the violations. */
function report(name: string, results: ShaclResult[]): ShaclResult[] {
  const warnings = results.filter((r) => r.severity !== 'Violation');
  const violations = results.filter((r) => r.severity === 'Violation');
  console.log(`\n${name}: ${violations.length} violations, ${warnings.length} warnings`);
  for (const r of [...violations, ...warnings]) console.log('  ' + formatResult(r));
  return violations;
}

const dir = sharedDcatDir();
if (!dir) {
  console.log('notice: ../shared/dcat-ap is missing; DCAT SHACL tests skipped');
} else {
  const { model } = await buildDcatFixture();
  const graph = buildCatalogGraph(model);

  test('the fixture catalogue has no SHACL violations (DCAT-AP 3.0.1 + se-extra, with vocab-stubs)', async () => {
    const violations = report('fixture', await validateCatalog(dir, graph));
    assert.equal(violations.map(formatResult), []);
  });

  test('an agency with CC BY and other frequencies validates without vocab-stubs (the output types its terms)', async () => {
    for (const frequency of ['WEEKLY', 'DAILY', 'ANNUAL', 'IRREG']) {
      const { model: variant } = await buildDcatFixture({
        variant: { publisher: { type: 'agency' }, metadata: { license: 'CC-BY-4.0', frequency } },
      });
      const results = await validateCatalog(dir, buildCatalogGraph(variant), { stubs: false });
      assert.equal(results.filter((r) => r.severity === 'Violation').map(formatResult), [], frequency);
    }
  });

  test('a publisher without phone, address or Geonames place, and a site in Swedish only, validate too', async () => {
    const { model: plain } = await buildDcatFixture();
    const [owner, region] = plain.settings.publishers;
    const bare = { ...owner, phone: undefined, address: undefined, geonames: undefined };
    const swedish = {
      ...plain,
      settings: { ...plain.settings, title: { sv: plain.settings.title.sv }, description: { sv: plain.settings.description.sv }, publishers: [bare, region] },
      datasets: plain.datasets.map((b) => ({ ...b, publisher: b.publisher.id === owner.id ? bare : b.publisher })),
    };
    const results = await validateCatalog(dir, buildCatalogGraph(swedish), { stubs: false });
    assert.equal(results.filter((r) => r.severity === 'Violation').map(formatResult), []);
  });

  test('the validation catches a broken catalogue (so a pass means something)', async () => {
    const distribution = graph.find((q) => q.object.value === 'http://www.w3.org/ns/dcat#Distribution')!.subject;
    const dataset = graph.find((q) => q.object.value === 'http://www.w3.org/ns/dcat#Dataset')!.subject;
    const broken: Quad[] = [
      ...graph.filter((q) => !(q.subject.equals(distribution) && q.predicate.value === 'http://purl.org/dc/terms/format')),
      quad(distribution, namedNode('http://purl.org/dc/terms/format'), literal('text/csv')),
      quad(dataset, namedNode('http://purl.org/dc/terms/issued'), literal('2025-13-45')),
      quad(dataset, namedNode('http://purl.org/dc/terms/publisher'), namedNode('http://dataportal.se/organisation/SE0000000000')),
    ];
    const violations = (await validateCatalog(dir, broken)).filter((r) => r.severity === 'Violation');
    const paths = new Set(violations.map((r) => r.path));
    assert.ok(paths.has('http://purl.org/dc/terms/format'), 'literal dct:format');
    assert.ok(paths.has('http://purl.org/dc/terms/issued'), 'untyped date');
    assert.ok(paths.has('http://purl.org/dc/terms/publisher'), 'two publishers');
  });

  const sample = await loadSampleBuild();
  if (!sample) console.log('notice: test/helpers/sample-build.ts not there yet; SHACL checked on the fixture only');
  else {
    test('the sample build catalogue has no SHACL violations', async () => {
      const violations = report('sample build', await validateCatalog(dir, buildCatalogGraph(sample.model)));
      assert.equal(violations.map(formatResult), []);
    });
  }
}

test.run();
