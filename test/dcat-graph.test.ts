/**
 * The catalogue graph's content: IRIs, identifiers, series and cumulative datasets, publishers, distributions,
 * dates and vocabulary typing, as DCAT-AP-SE and the Swedish data portal's harvester expect them.
 */
import type { Quad } from 'n3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SiteModel } from '../scripts/model.ts';
import { buildCatalogGraph } from '../scripts/dcat/index.ts';
import { telIri } from '../scripts/dcat/iri.ts';
import { uuidV5 } from '../scripts/dcat/uuid.ts';
import { buildDcatFixture } from './fixtures/dcat/model.ts';
import { ntriplesInOrder } from './fixtures/dcat/rdf.ts';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const BASE = 'https://insyn.example/exempelby/';

const objects = (quads: Quad[], s: string, p: string): string[] =>
  quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value).sort();
const subjectsOfType = (quads: Quad[], type: string): string[] =>
  quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value).sort();
const one = (values: string[], what: string): string => {
  assert.is(values.length, 1, `exactly one ${what}, got ${JSON.stringify(values)}`);
  return values[0];
};

const { model } = await buildDcatFixture();
const graph = buildCatalogGraph(model);
const CATALOG = BASE + 'datasets/#catalog';
const SERIES = BASE + 'datasets/leverantorsfakturor/#series';
const Y2024 = BASE + 'datasets/leverantorsfakturor/#dataset-2024';
const Y2025 = BASE + 'datasets/leverantorsfakturor/#dataset-2025';
const CUMULATIVE = BASE + 'datasets/region-fakturor/#dataset-all';
const GEONAMES = 'https://sws.geonames.org/2711537/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';

test('phone numbers become global tel: IRIs (RFC 3966), Swedish national numbers with +46', () => {
  for (const phone of ['+46 31-123 45 67', '031-123 45 67', '0046 31 123 45 67', '(0)31 123 45 67']) {
    assert.is(telIri(phone), 'tel:+46311234567', phone);
  }
  assert.is(telIri('+1 212 555 0100'), 'tel:+12125550100');
  assert.is(telIri('- -'), undefined);
});

test('uuidV5 matches the RFC test vector (python.org in the DNS namespace)', () => {
  assert.is(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
});

test('every node is an absolute, plain-ASCII IRI; no blank nodes; no CatalogRecord', () => {
  for (const q of graph) {
    for (const term of [q.subject, q.predicate, q.object]) {
      assert.is.not(term.termType, 'BlankNode');
      if (term.termType !== 'NamedNode') continue;
      assert.ok(/^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/.test(term.value), `clean IRI: ${term.value}`);
      assert.ok(/^(https?|mailto|tel):/.test(term.value), `absolute IRI: ${term.value}`);
    }
  }
  assert.equal(subjectsOfType(graph, DCAT + 'CatalogRecord'), []);
});

test('the catalogue: one publisher (the first in settings), CC0, Swedish, dates span its datasets', () => {
  assert.equal(subjectsOfType(graph, DCAT + 'Catalog'), [CATALOG]);
  assert.is(one(objects(graph, CATALOG, DCT + 'publisher'), 'publisher'), 'http://dataportal.se/organisation/SE2120001355');
  assert.equal(objects(graph, CATALOG, DCT + 'license'), ['http://creativecommons.org/publicdomain/zero/1.0/']);
  // Every language the metadata is written in.
  assert.equal(objects(graph, CATALOG, DCT + 'language'), ['ENG', 'SWE'].map((l) => 'http://publications.europa.eu/resource/authority/language/' + l));
  assert.equal(objects(graph, CATALOG, DCT + 'spatial'), ['http://publications.europa.eu/resource/authority/country/SWE', GEONAMES]);
  assert.equal(objects(graph, CATALOG, FOAF + 'homepage'), [BASE]);
  assert.equal(objects(graph, CATALOG, DCAT + 'themeTaxonomy'), ['http://publications.europa.eu/resource/authority/data-theme']);
  assert.equal(objects(graph, CATALOG, DCAT + 'dataset'), [Y2024, Y2025, SERIES, CUMULATIVE]);
  // Earliest issued: the cumulative dataset's first month ends 2023-01 → 2023-02-01; latest modified: 2025-03-15.
  assert.equal(objects(graph, CATALOG, DCT + 'issued'), ['2023-02-01']);
  assert.equal(objects(graph, CATALOG, DCT + 'modified'), ['2025-03-15']);
  const titles = graph.filter((q) => q.subject.value === CATALOG && q.predicate.value === DCT + 'title');
  assert.equal(titles.map((q) => (q.object as { language: string }).language).sort(), ['en', 'sv']);
});

test('a yearly dataset is a series with one member per year; a cumulative one is a single dataset', () => {
  assert.equal(subjectsOfType(graph, DCAT + 'DatasetSeries'), [SERIES]);
  assert.equal(objects(graph, Y2024, DCAT + 'inSeries'), [SERIES]);
  assert.equal(objects(graph, Y2025, DCAT + 'inSeries'), [SERIES]);
  assert.equal(objects(graph, CUMULATIVE, DCAT + 'inSeries'), []);
  assert.ok(objects(graph, Y2024, DCT + 'title').every((t) => t.endsWith(' 2024')), 'the year is in the titles');
  const temporal = one(objects(graph, Y2025, DCT + 'temporal'), 'temporal');
  assert.is(temporal, BASE + 'datasets/leverantorsfakturor/#temporal-2025');
  assert.equal(objects(graph, temporal, DCAT + 'startDate'), ['2025-01-15']);
  assert.equal(objects(graph, temporal, DCAT + 'endDate'), ['2025-03-15']);
  // issued = metadata.issued (2025-02-10) as it is later than the day after January 2025; modified = last date.
  assert.equal(objects(graph, Y2025, DCT + 'issued'), ['2025-02-10']);
  assert.equal(objects(graph, Y2025, DCT + 'modified'), ['2025-03-15']);
  assert.equal(objects(graph, CUMULATIVE, DCT + 'issued'), ['2023-02-01']);
  for (const d of [Y2024, Y2025, CUMULATIVE, SERIES]) {
    assert.equal(objects(graph, d, DCAT + 'theme').map((t) => t.split('/').pop()), ['ECON', 'GOVE']);
    assert.equal(objects(graph, d, DCT + 'conformsTo'), ['https://lankadedata.se/spec/leverantorsreskontra']);
    assert.equal(objects(graph, d, DCT + 'accessRights'), ['http://publications.europa.eu/resource/authority/access-right/PUBLIC']);
    assert.ok(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(one(objects(graph, d, DCT + 'identifier'), 'identifier')));
  }
  assert.equal(objects(graph, Y2024, DCAT + 'landingPage'), [BASE + 'datasets/leverantorsfakturor/']);
  assert.equal(objects(graph, CUMULATIVE, DCT + 'accrualPeriodicity'), ['http://publications.europa.eu/resource/authority/frequency/QUARTERLY']);
});

test('identifiers survive a move to another base URL; they differ per dataset and period', async () => {
  const moved = buildCatalogGraph({ ...model, baseUrl: 'http://other.example/x/' });
  const ids = (g: Quad[]) => g.filter((q) => q.predicate.value === DCT + 'identifier' && !q.subject.value.startsWith('http://dataportal.se/'));
  const before = ids(graph).map((q) => q.object.value).sort();
  const after = ids(moved).map((q) => q.object.value).sort();
  assert.is(before.length, 4);
  assert.equal(after, before);
  assert.is(new Set(before).size, 4, 'all different');
  assert.ok(ids(moved).every((q) => q.subject.value.startsWith('http://other.example/x/datasets/')));
});

test('publishers: described once each, typed, with the portal IRI, type, org number and a description', () => {
  const agents = subjectsOfType(graph, FOAF + 'Agent');
  assert.equal(agents, ['http://dataportal.se/organisation/SE2120001355', 'http://dataportal.se/organisation/SE2321000131']);
  for (const agent of agents) {
    one(objects(graph, agent, FOAF + 'name'), 'name');
    assert.equal(objects(graph, agent, RDF_TYPE), [FOAF + 'Agent', FOAF + 'Organization']);
    assert.equal(objects(graph, agent, DCT + 'type'), ['http://purl.org/adms/publishertype/LocalAuthority']);
    assert.equal(objects(graph, agent, DCT + 'identifier'), [agent.slice(-10)]);
    assert.is(objects(graph, agent, DCT + 'description').length, 2, 'a description in sv and en');
  }
  assert.ok(objects(graph, agents[0], DCT + 'description').includes('Exempelby kommun är en kommun i Sverige och publicerar sina leverantörsfakturor som öppna data.'));
  const own = { ...model.settings.publishers[1], description: { sv: 'Regionen i väst.' } };
  const described = buildCatalogGraph({ ...model, datasets: [{ ...model.datasets[1], publisher: own }] });
  assert.equal(objects(described, agents[1], DCT + 'description'), ['Regionen i väst.'], "site.json's description wins");
  assert.equal(objects(graph, CUMULATIVE, DCT + 'publisher'), ['http://dataportal.se/organisation/SE2321000131']);
  const contact = one(objects(graph, CUMULATIVE, DCAT + 'contactPoint'), 'contact');
  assert.is(contact, BASE + 'datasets/#contact-region-vast');
  assert.equal(objects(graph, contact, VCARD + 'hasEmail'), ['mailto:region@region-vast.example']);
  assert.equal(objects(graph, contact, VCARD + 'hasTelephone'), [], 'no phone in site.json, none in the catalogue');
  assert.equal(objects(graph, contact, VCARD + 'hasAddress'), []);
});

test('contact points: one type (vcard:Organization, a vcard:Kind by vCard), phone and address when given', () => {
  const contact = one(objects(graph, Y2025, DCAT + 'contactPoint'), 'contact');
  assert.equal(objects(graph, contact, RDF_TYPE), [VCARD + 'Organization']);
  assert.equal(objects(graph, VCARD + 'Organization', 'http://www.w3.org/2000/01/rdf-schema#subClassOf'), [VCARD + 'Kind']);
  assert.equal(objects(graph, contact, VCARD + 'hasTelephone'), ['tel:+46311234567']);
  const address = one(objects(graph, contact, VCARD + 'hasAddress'), 'address');
  assert.is(address, BASE + 'datasets/#address-exempelby');
  assert.equal(objects(graph, address, RDF_TYPE), [VCARD + 'Address']);
  assert.equal(objects(graph, address, VCARD + 'street-address'), ['Stadshusgatan 1 <b>']);
  assert.equal(objects(graph, address, VCARD + 'postal-code'), ['411 01']);
  assert.equal(objects(graph, address, VCARD + 'locality'), ['Exempelby']);
  assert.equal(objects(graph, address, VCARD + 'country-name'), ['Sverige']);
});

test("spatial: the publisher's Geonames place (typed dct:Location) and Sweden; Sweden alone without one", () => {
  for (const d of [SERIES, Y2024, Y2025]) {
    assert.equal(objects(graph, d, DCT + 'spatial'), ['http://publications.europa.eu/resource/authority/country/SWE', GEONAMES]);
  }
  assert.equal(objects(graph, GEONAMES, RDF_TYPE), [DCT + 'Location']);
  assert.equal(objects(graph, CUMULATIVE, DCT + 'spatial'), ['http://publications.europa.eu/resource/authority/country/SWE']);
});

test('series: first and last on the series, prev and next on its members, in year order', () => {
  assert.equal(objects(graph, SERIES, DCAT + 'first'), [Y2024]);
  assert.equal(objects(graph, SERIES, DCAT + 'last'), [Y2025]);
  assert.equal(objects(graph, Y2024, DCAT + 'prev'), []);
  assert.equal(objects(graph, Y2024, DCAT + 'next'), [Y2025]);
  assert.equal(objects(graph, Y2025, DCAT + 'prev'), [Y2024]);
  assert.equal(objects(graph, Y2025, DCAT + 'next'), []);
  for (const p of ['first', 'last', 'prev', 'next', 'inSeries']) assert.equal(objects(graph, CUMULATIVE, DCAT + p), [], p);
  // The model's period order does not matter.
  const build = model.datasets[0];
  const periods = [...build.summary.periods].reverse();
  const reversed = buildCatalogGraph({ ...model, datasets: [{ ...build, summary: { ...build.summary, periods } }, model.datasets[1]] });
  assert.equal(ntriplesInOrder(reversed), ntriplesInOrder(graph));
});

test('distributions: one per file, exactly one accessURL and format, the real download URL and size, dates, rights', () => {
  const distributions = subjectsOfType(graph, DCAT + 'Distribution');
  assert.is(distributions.length, 7, "six files and the series' data package");
  const files = model.datasets.flatMap((b) => b.summary.periods.flatMap((p) => p.files.map((file) => ({ file, build: b, key: p.key }))));
  for (const { file, build, key } of files) {
    const d = distributions.find((x) => objects(graph, x, DCAT + 'downloadURL')[0] === BASE + file.path);
    assert.ok(d, `distribution of ${file.path}`);
    one(objects(graph, d, DCAT + 'accessURL'), 'accessURL');
    assert.equal(objects(graph, d, DCT + 'format'), [`http://publications.europa.eu/resource/authority/file-type/${file.format}`]);
    assert.equal(objects(graph, d, DCAT + 'mediaType'), [`http://www.iana.org/assignments/media-types/${file.mediaType}`]);
    assert.equal(objects(graph, d, DCAT + 'byteSize'), [String(file.bytes)]);
    const dataset = BASE + `datasets/${build.id}/#dataset-${key}`;
    assert.equal(objects(graph, d, DCT + 'issued'), objects(graph, dataset, DCT + 'issued'));
    assert.equal(objects(graph, d, DCT + 'modified'), objects(graph, dataset, DCT + 'modified'));
    assert.equal(objects(graph, d, DCT + 'rights'), [BASE + `datasets/${build.id}/#rights`]);
  }
  assert.not.ok(graph.some((q) => q.predicate.value.startsWith('http://spdx.org/')), 'no checksum: no validator accepts SHA-256');
});

test("the series' distribution is its data package: JSON, Tabular Data Package, the real size, the series' dates", () => {
  const [build] = model.datasets;
  const d = one(objects(graph, SERIES, DCAT + 'distribution'), 'series distribution');
  assert.is(d, BASE + 'datasets/leverantorsfakturor/#distribution-datapackage.json');
  assert.equal(objects(graph, d, DCAT + 'downloadURL'), [BASE + build.datapackage.path]);
  assert.equal(objects(graph, d, DCAT + 'accessURL'), [BASE + 'datasets/leverantorsfakturor/']);
  assert.equal(objects(graph, d, DCT + 'format'), ['http://publications.europa.eu/resource/authority/file-type/JSON']);
  assert.equal(objects(graph, d, DCAT + 'byteSize'), [String(build.datapackage.bytes)]);
  assert.equal(objects(graph, d, DCT + 'conformsTo'), ['https://specs.frictionlessdata.io/tabular-data-package/']);
  assert.equal(objects(graph, d, DCT + 'issued'), objects(graph, SERIES, DCT + 'issued'));
  assert.equal(objects(graph, d, DCT + 'modified'), objects(graph, SERIES, DCT + 'modified'));
  assert.ok(objects(graph, 'https://specs.frictionlessdata.io/tabular-data-package/', RDF_TYPE).includes(DCT + 'Standard'));
  assert.equal(objects(graph, CUMULATIVE, DCAT + 'distribution').length, 2, 'a cumulative dataset has its two files only');
});

test('rights: one statement per dataset, CC0 says no attribution is needed, CC BY gives the attribution', async () => {
  const rights = BASE + 'datasets/leverantorsfakturor/#rights';
  assert.equal(objects(graph, rights, RDF_TYPE), [DCT + 'RightsStatement']);
  assert.equal(objects(graph, rights, 'http://www.w3.org/2000/01/rdf-schema#label'), [
    'Exempelby kommun har avstått från alla rättigheter till datamängden (CC0 1.0). Du får använda den fritt, utan att ange källan.',
    'Exempelby kommun has waived all rights to the dataset (CC0 1.0). You may use it freely, without attribution.',
  ].sort());
  const { model: byModel } = await buildDcatFixture({ variant: { metadata: { license: 'CC-BY-4.0' } } });
  const labels = buildCatalogGraph(byModel).filter(
    (q) => q.subject.value === BASE + 'datasets/region-fakturor/#rights' && q.predicate.value === 'http://www.w3.org/2000/01/rdf-schema#label',
  );
  const text = (lang: string) => labels.find((q) => (q.object as { language: string }).language === lang)?.object.value ?? '';
  assert.match(text('sv'), /^Ange källan när du använder datamängden: ”Fakturor <b>&amp;<\/b>.*”, Region Väst & "Co" <test>, licens CC BY 4\.0/s);
  assert.match(text('en'), 'Attribute the source when you use the dataset: "Region invoices", Region Väst & "Co" <test>, licensed under CC BY 4.0');
});

test('another publisher kind, licence and frequency are typed in the output itself', async () => {
  const { model: variant } = await buildDcatFixture({
    variant: { publisher: { type: 'agency' }, metadata: { license: 'CC-BY-4.0', frequency: 'WEEKLY' } },
  });
  const g = buildCatalogGraph(variant);
  assert.equal(objects(g, 'http://dataportal.se/organisation/SE2321000131', DCT + 'type'), ['http://purl.org/adms/publishertype/NationalAuthority']);
  const weekly = 'http://publications.europa.eu/resource/authority/frequency/WEEKLY';
  assert.ok(objects(g, weekly, RDF_TYPE).includes(DCT + 'Frequency'));
  assert.ok(objects(g, 'http://creativecommons.org/licenses/by/4.0/', RDF_TYPE).includes(DCT + 'LicenseDocument'));
  assert.ok(objects(g, 'http://purl.org/adms/publishertype/NationalAuthority', RDF_TYPE).includes('http://www.w3.org/2004/02/skos/core#Concept'));
  // The catalogue itself stays CC0 whatever the datasets' licence.
  assert.equal(objects(g, CATALOG, DCT + 'license'), ['http://creativecommons.org/publicdomain/zero/1.0/']);
});

test('ids with spaces and non-ASCII letters give percent-encoded IRIs', () => {
  const odd: SiteModel = { ...model, datasets: [{ ...model.datasets[1], id: 'fakturor å 2' }] };
  const g = buildCatalogGraph(odd);
  assert.ok(g.some((q) => q.subject.value === BASE + 'datasets/fakturor%20%C3%A5%202/#dataset-all'));
});

test('the order of datasets in the model does not change the graph', () => {
  const reversed = buildCatalogGraph({ ...model, datasets: [...model.datasets].reverse() });
  assert.equal(ntriplesInOrder(reversed), ntriplesInOrder(graph));
});

test('more than 50 yearly periods is an error that says what to do', () => {
  const build = model.datasets[0];
  const periods = Array.from({ length: 51 }, (_, i) => ({ ...build.summary.periods[0], key: String(1970 + i) }));
  const big: SiteModel = { ...model, datasets: [{ ...build, summary: { ...build.summary, periods } }] };
  assert.throws(() => buildCatalogGraph(big), /51 yearly periods.*at most 50/);
});

test.run();
