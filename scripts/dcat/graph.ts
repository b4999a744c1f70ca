/**
 * The catalogue as data: `buildCatalogGraph` turns the site model into the DCAT-AP-SE graph (n3 quads, no blank
 * nodes), sorted, which the serializers then write. Vocabulary IRIs it uses are typed in the graph itself.
 */
import { DataFactory, type Quad } from 'n3';
import type { DatasetBuild, LocalizedText, Publisher, PublishedFile, SiteModel } from '../model.ts';
import { buildDates, spanDates, type Dates } from './dates.ts';
import { buildEntries, type BuildEntries, type CatalogEntry } from './entries.ts';
import { baseIri, httpIri, mailtoIri, telIri } from './iri.ts';
import { stripXmlForbidden } from './literals.ts';
import {
  addressIri,
  catalogIri,
  contactIri,
  distributionIri,
  downloadUrl,
  landingPage,
  publisherIri,
  rightsIri,
} from './nodes.ts';
import { sortQuads } from './quads.ts';
import {
  DATA_PACKAGE_STANDARD_TITLE,
  dataPackageDescription,
  dataPackageTitle,
  distributionDescription,
  distributionTitle,
  publisherDescription,
  rightsStatement,
  STANDARD_TITLE,
} from './texts.ts';
import {
  ACCESS_PUBLIC,
  AVAILABILITY_STABLE,
  CATALOG_LICENCE,
  COUNTRY_SWE,
  fileTypeIri,
  frequencyIri,
  INVOICE_SPEC,
  LANGUAGE_SWE,
  LANGUAGES,
  LICENCES,
  mediaTypeIri,
  NS,
  publisherTypeIri,
  RDF_TYPE,
  schemeTitle,
  SKOS,
  SUPERCLASSES,
  TABULAR_DATA_PACKAGE,
  TERMS,
  THEME_TAXONOMY,
  THEMES,
} from './vocab.ts';

const { namedNode, literal, quad } = DataFactory;

const dcat = (local: string): string => NS.dcat + local;
const dct = (local: string): string => NS.dct + local;
const foaf = (local: string): string => NS.foaf + local;
const vcard = (local: string): string => NS.vcard + local;

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
  g.localized(agent, dct('description'), publisherDescription(publisher));
  g.iri(agent, dct('type'), publisherTypeIri(publisher.type));
  g.text(agent, dct('identifier'), publisher.orgNumber);
  if (publisher.homepage) {
    const homepage = httpIri(publisher.homepage, `Homepage of publisher "${publisher.id}"`);
    g.iri(agent, foaf('homepage'), homepage);
    g.type(homepage, foaf('Document'));
  }
  const contact = contactIri(base, publisher.id);
  g.type(contact, vcard('Organization'));
  g.text(contact, vcard('fn'), publisher.name);
  g.iri(contact, vcard('hasEmail'), mailtoIri(publisher.email));
  const tel = publisher.phone ? telIri(publisher.phone) : undefined;
  if (tel) g.iri(contact, vcard('hasTelephone'), tel);
  if (publisher.address) {
    const { street, postalCode, locality, country } = publisher.address;
    const address = addressIri(base, publisher.id);
    g.iri(contact, vcard('hasAddress'), address);
    g.type(address, vcard('Address'));
    g.text(address, vcard('street-address'), street);
    g.text(address, vcard('postal-code'), postalCode);
    g.text(address, vcard('locality'), locality);
    g.text(address, vcard('country-name'), country ?? 'Sverige');
  }
}

/** Where a publisher's data is about: its Geonames place (when site.json gives one) and Sweden. */
function places(publisher: Publisher): string[] {
  return publisher.geonames ? [publisher.geonames, COUNTRY_SWE] : [COUNTRY_SWE];
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
  for (const place of places(publisher)) g.iri(s, dct('spatial'), place);
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

/** What every distribution of a dataset build says: access, licence, rights, availability, dates. */
function describeFile(g: GraphBuilder, base: string, build: DatasetBuild, d: string, file: PublishedFile, dates: Dates): void {
  if (!Number.isSafeInteger(file.bytes) || file.bytes < 0) throw new Error(`File "${file.path}" has no byte size.`);
  g.type(d, dcat('Distribution'));
  g.iri(d, dcat('accessURL'), landingPage(base, build.id));
  g.iri(d, dcat('downloadURL'), downloadUrl(base, file.path));
  g.iri(d, dct('format'), fileTypeIri(file.format));
  g.iri(d, dcat('mediaType'), mediaTypeIri(file.mediaType));
  g.iri(d, dct('license'), LICENCES[build.metadata.license]);
  g.iri(d, dct('rights'), rightsIri(base, build.id));
  g.iri(d, NS.dcatap + 'availability', AVAILABILITY_STABLE);
  g.typed(d, dcat('byteSize'), String(file.bytes), NS.xsd + 'nonNegativeInteger');
  g.date(d, dct('issued'), dates.issued);
  g.date(d, dct('modified'), dates.modified);
}

/**
 * One published file as a distribution of `dataset`. The file's SHA-256 is not stated: DCAT-AP 2.1.1 and
 * DCAT-AP-SE allow only SHA-1 and SEMIC's 3.0.1 shape accepts no real SPDX IRI, so no validator would accept it
 * (datapackage.json and the schema.org markup carry it).
 */
function describeDistribution(g: GraphBuilder, base: string, build: DatasetBuild, entry: CatalogEntry, file: PublishedFile): void {
  const d = distributionIri(base, build.id, file.path);
  g.iri(entry.iri, dcat('distribution'), d);
  describeFile(g, base, build, d, file, entry.dates);
  g.localized(d, dct('title'), distributionTitle(entry.title, file.format));
  g.localized(d, dct('description'), distributionDescription(entry.title, file.format));
}

/**
 * The series' own distribution: its data package, the one file that describes the whole series (every year's CSV
 * file and the columns). So the series is a complete dataset also where it is read as a plain dataset (DCAT-AP
 * 2.1.1, which data.europa.eu converts to, has no series).
 */
function describeDataPackage(g: GraphBuilder, base: string, build: DatasetBuild, series: CatalogEntry): void {
  const d = distributionIri(base, build.id, build.datapackage.path);
  g.iri(series.iri, dcat('distribution'), d);
  describeFile(g, base, build, d, build.datapackage, series.dates);
  g.localized(d, dct('title'), dataPackageTitle(series.title));
  g.localized(d, dct('description'), dataPackageDescription(series.title));
  g.iri(d, dct('conformsTo'), TABULAR_DATA_PACKAGE);
  g.localized(TABULAR_DATA_PACKAGE, dct('title'), DATA_PACKAGE_STANDARD_TITLE);
}

/** The rights statement the distributions of `build` share: licence in words, attribution for CC BY. */
function describeRights(g: GraphBuilder, base: string, build: DatasetBuild): void {
  const rights = rightsIri(base, build.id);
  g.type(rights, dct('RightsStatement'));
  g.localized(rights, NS.rdfs + 'label', rightsStatement(build.metadata, build.publisher));
}

function describeBuild(g: GraphBuilder, base: string, catalog: string, entries: BuildEntries): void {
  const { build, series, datasets } = entries;
  describeRights(g, base, build);
  if (series) {
    g.iri(catalog, dcat('dataset'), series.iri);
    // DCAT 3 makes a series a dcat:Dataset; stating it lets the catalogue list it with dcat:dataset.
    g.type(series.iri, dcat('DatasetSeries'), dcat('Dataset'));
    describeEntry(g, base, build, series);
    describeDataPackage(g, base, build, series);
    // Ordered series, as DCAT 3 (and ckanext-dcat) navigate them: first and last on the series, prev and next on members.
    g.iri(series.iri, dcat('first'), datasets[0].iri);
    g.iri(series.iri, dcat('last'), datasets[datasets.length - 1].iri);
  }
  for (const [i, entry] of datasets.entries()) {
    g.iri(catalog, dcat('dataset'), entry.iri);
    g.type(entry.iri, dcat('Dataset'));
    describeEntry(g, base, build, entry);
    if (series) {
      g.iri(entry.iri, dcat('inSeries'), series.iri);
      if (i > 0) g.iri(entry.iri, dcat('prev'), datasets[i - 1].iri);
      if (i < datasets.length - 1) g.iri(entry.iri, dcat('next'), datasets[i + 1].iri);
    }
    for (const file of entry.period.files) if (CATALOGUED_FORMATS.has(file.format)) describeDistribution(g, base, build, entry, file);
  }
}

/**
 * The formats that are distributions in the catalogue. Parquet is not (yet) one: data.europa.eu's MQA counts a
 * distribution's format as machine-readable and non-proprietary only from its own lists (edp-vocabularies:
 * edp-machine-readable-format, edp-non-proprietary-format), which do not hold PARQUET, so under the strict reading
 * of test/fixtures/dcat/mqa.ts (every distribution must pass) a Parquet distribution would cost each period 20 of
 * its 405 points. The dataset page, summary.json, datapackage.json and the schema.org markup list it; add
 * 'Parquet' here once the lists have it (the vocabulary terms for it are in vocab.ts).
 */
export const CATALOGUED_FORMATS: ReadonlySet<PublishedFile['format']> = new Set(['CSV', 'JSON']);

/** Types, schemes and labels of the vocabulary IRIs used as objects in `quads`. */
function describeVocabulary(g: GraphBuilder): void {
  const used = new Set(g.quads.filter((q) => q.object.termType === 'NamedNode').map((q) => q.object.value));
  for (const [sub, sup] of Object.entries(SUPERCLASSES)) if (used.has(sub)) g.iri(sub, NS.rdfs + 'subClassOf', sup);
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

/** The languages of the literals in `quads`, Swedish first. */
function metadataLanguages(quads: Quad[]): ('sv' | 'en')[] {
  const tags = new Set(quads.map((q) => (q.object.termType === 'Literal' ? q.object.language : '')));
  return (['sv', 'en'] as const).filter((lang) => tags.has(lang));
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
  const spatial = new Set([...publishers.values()].flatMap(places));
  for (const place of [...spatial].sort()) {
    g.iri(catalog, dct('spatial'), place);
    if (place !== COUNTRY_SWE) g.type(place, dct('Location'));
  }

  const span = spanDates(builds.map(buildDates).filter((d) => d !== undefined));
  if (span) {
    g.date(catalog, dct('issued'), span.issued);
    g.date(catalog, dct('modified'), span.modified);
  }
  // Every language the catalogue's texts are written in (before the vocabulary adds its English labels).
  for (const lang of metadataLanguages(g.quads)) g.iri(catalog, dct('language'), LANGUAGES[lang]);
  describeVocabulary(g);
  return sortQuads(g.quads, catalog);
}
