/**
 * The catalogue as data: `buildCatalogGraph` turns the site model into the DCAT-AP-SE graph (n3 quads, no blank
 * nodes), sorted, which the serializers then write. Vocabulary IRIs it uses are typed in the graph itself.
 */
import { DataFactory, type Quad } from 'n3';
import type { DatasetBuild, LocalizedText, Publisher, PublishedFile, SiteModel } from '../model.ts';
import { buildDates, spanDates } from './dates.ts';
import { buildEntries, type BuildEntries, type CatalogEntry } from './entries.ts';
import { baseIri, httpIri, mailtoIri, telIri } from './iri.ts';
import { stripXmlForbidden } from './literals.ts';
import {
  catalogIri,
  checksumIri,
  contactIri,
  distributionIri,
  downloadUrl,
  landingPage,
  publisherIri,
} from './nodes.ts';
import { sortQuads } from './quads.ts';
import { distributionDescription, distributionTitle, STANDARD_TITLE } from './texts.ts';
import {
  ACCESS_PUBLIC,
  AVAILABILITY_STABLE,
  CATALOG_LICENCE,
  CHECKSUM_SHA256,
  COUNTRY_SWE,
  fileTypeIri,
  frequencyIri,
  INVOICE_SPEC,
  LANGUAGE_SWE,
  LICENCES,
  mediaTypeIri,
  NS,
  publisherTypeIri,
  RDF_TYPE,
  schemeTitle,
  SKOS,
  TERMS,
  THEME_TAXONOMY,
  THEMES,
} from './vocab.ts';

const { namedNode, literal, quad } = DataFactory;

const dcat = (local: string): string => NS.dcat + local;
const dct = (local: string): string => NS.dct + local;
const foaf = (local: string): string => NS.foaf + local;
const vcard = (local: string): string => NS.vcard + local;
const spdx = (local: string): string => NS.spdx + local;

/** Collects the statements about one subject at a time. */
class GraphBuilder {
  readonly quads: Quad[] = [];

  iri(s: string, p: string, o: string): void {
    this.quads.push(quad(namedNode(s), namedNode(p), namedNode(o)));
  }

  type(s: string, ...classes: string[]): void {
    for (const c of classes) this.iri(s, RDF_TYPE, c);
  }

  text(s: string, p: string, value: string, language?: string): void {
    this.quads.push(quad(namedNode(s), namedNode(p), literal(stripXmlForbidden(value), language)));
  }

  localized(s: string, p: string, value: LocalizedText): void {
    this.text(s, p, value.sv, 'sv');
    if (value.en !== undefined && value.en.trim() !== '') this.text(s, p, value.en, 'en');
  }

  typed(s: string, p: string, value: string, datatype: string): void {
    this.quads.push(quad(namedNode(s), namedNode(p), literal(stripXmlForbidden(value), namedNode(datatype))));
  }

  date(s: string, p: string, value: string): void {
    this.typed(s, p, value, NS.xsd + 'date');
  }
}

function describePublisher(g: GraphBuilder, base: string, publisher: Publisher): void {
  const agent = publisherIri(publisher.orgNumber);
  g.type(agent, foaf('Agent'), foaf('Organization'));
  g.text(agent, foaf('name'), publisher.name);
  g.iri(agent, dct('type'), publisherTypeIri(publisher.type));
  g.text(agent, dct('identifier'), publisher.orgNumber);
  if (publisher.homepage) {
    const homepage = httpIri(publisher.homepage, `Homepage of publisher "${publisher.id}"`);
    g.iri(agent, foaf('homepage'), homepage);
    g.type(homepage, foaf('Document'));
  }
  const contact = contactIri(base, publisher.id);
  g.type(contact, vcard('Organization'), vcard('Kind'));
  g.text(contact, vcard('fn'), publisher.name);
  g.iri(contact, vcard('hasEmail'), mailtoIri(publisher.email));
  const tel = publisher.phone ? telIri(publisher.phone) : undefined;
  if (tel) g.iri(contact, vcard('hasTelephone'), tel);
}

/** What a series and its member datasets (or a cumulative dataset) share. */
function describeEntry(g: GraphBuilder, base: string, build: DatasetBuild, entry: CatalogEntry): void {
  const { metadata, publisher } = build;
  const s = entry.iri;
  g.text(s, dct('identifier'), entry.uuid);
  g.localized(s, dct('title'), entry.title);
  g.localized(s, dct('description'), entry.description);
  g.iri(s, dct('publisher'), publisherIri(publisher.orgNumber));
  g.iri(s, dcat('contactPoint'), contactIri(base, publisher.id));
  for (const keyword of metadata.keywords.sv) g.text(s, dcat('keyword'), keyword, 'sv');
  for (const keyword of metadata.keywords.en ?? []) g.text(s, dcat('keyword'), keyword, 'en');
  for (const theme of THEMES) g.iri(s, dcat('theme'), theme);
  g.iri(s, dct('accessRights'), ACCESS_PUBLIC);
  g.iri(s, dct('accrualPeriodicity'), frequencyIri(metadata.frequency));
  g.iri(s, dct('conformsTo'), INVOICE_SPEC);
  g.iri(s, dct('language'), LANGUAGE_SWE);
  g.iri(s, dct('spatial'), COUNTRY_SWE);
  const landing = landingPage(base, build.id);
  g.iri(s, dcat('landingPage'), landing);
  g.type(landing, foaf('Document'));
  g.date(s, dct('issued'), entry.dates.issued);
  g.date(s, dct('modified'), entry.dates.modified);
  const { iri: temporal, first, last } = entry.temporal;
  g.iri(s, dct('temporal'), temporal);
  g.type(temporal, dct('PeriodOfTime'));
  g.date(temporal, dcat('startDate'), first);
  g.date(temporal, dcat('endDate'), last);
}

function describeDistribution(
  g: GraphBuilder,
  base: string,
  build: DatasetBuild,
  dataset: string,
  datasetTitle: LocalizedText,
  file: PublishedFile,
): void {
  if (!/^[0-9a-f]{64}$/i.test(file.sha256)) throw new Error(`File "${file.path}" has no SHA-256 checksum.`);
  if (!Number.isSafeInteger(file.bytes) || file.bytes < 0) throw new Error(`File "${file.path}" has no byte size.`);
  const d = distributionIri(base, build.id, file.path);
  g.iri(dataset, dcat('distribution'), d);
  g.type(d, dcat('Distribution'));
  g.localized(d, dct('title'), distributionTitle(datasetTitle, file.format));
  g.localized(d, dct('description'), distributionDescription(datasetTitle, file.format));
  g.iri(d, dcat('accessURL'), landingPage(base, build.id));
  g.iri(d, dcat('downloadURL'), downloadUrl(base, file.path));
  g.iri(d, dct('format'), fileTypeIri(file.format));
  g.iri(d, dcat('mediaType'), mediaTypeIri(file.mediaType));
  g.iri(d, dct('license'), LICENCES[build.metadata.license]);
  g.iri(d, NS.dcatap + 'availability', AVAILABILITY_STABLE);
  g.typed(d, dcat('byteSize'), String(file.bytes), NS.xsd + 'nonNegativeInteger');
  const checksum = checksumIri(base, build.id, file.path);
  g.iri(d, spdx('checksum'), checksum);
  g.type(checksum, spdx('Checksum'));
  g.iri(checksum, spdx('algorithm'), CHECKSUM_SHA256);
  g.typed(checksum, spdx('checksumValue'), file.sha256.toLowerCase(), NS.xsd + 'hexBinary');
}

function describeBuild(g: GraphBuilder, base: string, catalog: string, entries: BuildEntries): void {
  const { build, series, datasets } = entries;
  if (series) {
    g.iri(catalog, dcat('dataset'), series.iri);
    // DCAT 3 makes a series a dcat:Dataset; stating it lets the catalogue list it with dcat:dataset.
    g.type(series.iri, dcat('DatasetSeries'), dcat('Dataset'));
    describeEntry(g, base, build, series);
  }
  for (const entry of datasets) {
    g.iri(catalog, dcat('dataset'), entry.iri);
    g.type(entry.iri, dcat('Dataset'));
    describeEntry(g, base, build, entry);
    if (series) g.iri(entry.iri, dcat('inSeries'), series.iri);
    for (const file of entry.period.files) describeDistribution(g, base, build, entry.iri, entry.title, file);
  }
}

/** Types, schemes and labels of the vocabulary IRIs used as objects in `quads`. */
function describeVocabulary(g: GraphBuilder): void {
  const used = new Set(g.quads.filter((q) => q.object.termType === 'NamedNode').map((q) => q.object.value));
  const schemes = new Set<string>();
  for (const iri of [...used].sort()) {
    const term = TERMS[iri];
    if (!term) continue;
    g.type(iri, ...term.classes);
    if (term.label) g.text(iri, NS.skos + 'prefLabel', term.label, 'en');
    if (term.scheme) {
      g.iri(iri, NS.skos + 'inScheme', term.scheme);
      schemes.add(term.scheme);
    }
    if (term.classes.includes(SKOS.scheme)) schemes.add(iri);
  }
  for (const scheme of schemes) {
    g.type(scheme, SKOS.scheme);
    const title = schemeTitle(scheme);
    if (title) g.text(scheme, dct('title'), title, 'en');
  }
}

/** The DCAT-AP-SE catalogue of `model` as sorted quads in the default graph. */
export function buildCatalogGraph(model: SiteModel): Quad[] {
  const base = baseIri(model.baseUrl);
  const { settings } = model;
  const owner = settings.publishers[0];
  if (!owner) throw new Error('site.json lists no publisher: the catalogue needs one (the site owner).');
  const g = new GraphBuilder();
  const catalog = catalogIri(base);

  g.type(catalog, dcat('Catalog'));
  g.localized(catalog, dct('title'), settings.title);
  g.localized(catalog, dct('description'), settings.description);
  g.iri(catalog, dct('publisher'), publisherIri(owner.orgNumber));
  g.iri(catalog, dct('license'), CATALOG_LICENCE);
  g.iri(catalog, dct('language'), LANGUAGE_SWE);
  g.iri(catalog, dct('spatial'), COUNTRY_SWE);
  g.iri(catalog, foaf('homepage'), base);
  g.type(base, foaf('Document'));
  g.iri(catalog, dcat('themeTaxonomy'), THEME_TAXONOMY);
  g.localized(INVOICE_SPEC, dct('title'), STANDARD_TITLE);

  const publishers = new Map<string, Publisher>([[owner.id, owner]]);
  const builds = model.datasets.filter((b) => b.summary.periods.length > 0);
  for (const build of builds) {
    publishers.set(build.publisher.id, build.publisher);
    describeBuild(g, base, catalog, buildEntries(base, build));
  }
  for (const publisher of publishers.values()) describePublisher(g, base, publisher);

  const span = spanDates(builds.map(buildDates).filter((d) => d !== undefined));
  if (span) {
    g.date(catalog, dct('issued'), span.issued);
    g.date(catalog, dct('modified'), span.modified);
  }
  describeVocabulary(g);
  return sortQuads(g.quads, catalog);
}
