/**
 * schema.org `Dataset` markup (JSON-LD) for a dataset's landing page, so that search engines find it: built from
 * the same entries as the DCAT catalogue, so the two agree on IRIs, identifiers, texts, dates, licence, places
 * and files. A yearly dataset is its series with each year as a `Dataset` of its own (`hasPart` on the series,
 * `isPartOf` on each year); a cumulative one is a single `Dataset`. `safeJsonForScript` embeds it in a
 * `<script type="application/ld+json">` block.
 */
import type { DatasetBuild, Language, LocalizedText, Publisher, PublishedFile, SiteModel } from '../model.ts';
import { COLUMN_DOCS } from '../pipeline/columns.ts';
import { buildEntries, type CatalogEntry, type PeriodEntry } from './entries.ts';
import { baseIri, httpIri } from './iri.ts';
import { stripXmlForbidden } from './literals.ts';
import { catalogIri, downloadUrl, landingPage, publisherIri } from './nodes.ts';
import {
  CONTACT_TYPE,
  cumulativeDescription,
  dataPackageTitle,
  MEASUREMENT_TECHNIQUE,
  publisherDescription,
  seriesDescription,
} from './texts.ts';
import { datasetUuid } from './uuid.ts';
import { COUNTRY_SWE, LICENCES } from './vocab.ts';

type Json = Record<string, unknown>;

/** The text in `lang` (else Swedish), without the characters the DCAT literals leave out, so the two agree. */
function text(value: LocalizedText, lang: Language): string {
  return stripXmlForbidden((lang === 'en' ? value.en : undefined) ?? value.sv);
}

function organization(model: SiteModel, publisher: Publisher, lang: Language): Json {
  const address = publisher.address;
  return {
    '@type': 'Organization',
    '@id': publisherIri(publisher.orgNumber),
    name: publisher.name,
    description: text(publisherDescription(publisher), lang),
    identifier: publisher.orgNumber,
    url: httpIri(publisher.homepage, `Homepage of publisher "${publisher.id}"`),
    email: publisher.email,
    ...(publisher.phone ? { telephone: publisher.phone } : {}),
    ...(address
      ? {
          address: {
            '@type': 'PostalAddress',
            streetAddress: address.street,
            postalCode: address.postalCode,
            addressLocality: address.locality,
            addressCountry: address.country ?? 'SE',
          },
        }
      : {}),
    contactPoint: {
      '@type': 'ContactPoint',
      contactType: text(CONTACT_TYPE, lang),
      email: publisher.email,
      ...(publisher.phone ? { telephone: publisher.phone } : {}),
      availableLanguage: model.settings.languages,
    },
  };
}

/** The places the data is about, as DCAT's `dct:spatial` has them: Sweden, and the publisher's Geonames place. */
function place(publisher: Publisher, lang: Language): Json {
  const sweden = { '@type': 'Country', name: lang === 'sv' ? 'Sverige' : 'Sweden', sameAs: COUNTRY_SWE };
  if (publisher.type === 'agency' && !publisher.geonames) return sweden;
  return {
    '@type': 'AdministrativeArea',
    name: publisher.name,
    ...(publisher.geonames ? { sameAs: publisher.geonames } : {}),
    containedInPlace: sweden,
  };
}

/** The published columns as the variables the dataset measures. */
function variables(build: DatasetBuild, lang: Language): Json[] {
  return build.columns.flatMap((name) =>
    COLUMN_DOCS.filter((doc) => doc.name === name).map((doc) => ({
      '@type': 'PropertyValue',
      name: doc.name,
      description: doc[lang],
      ...(doc.name === 'belopp' ? { unitText: 'SEK' } : {}),
    })),
  );
}

function download(name: string, url: string, file: PublishedFile, entry: CatalogEntry): Json {
  return {
    '@type': 'DataDownload',
    name,
    contentUrl: url,
    encodingFormat: file.mediaType,
    contentSize: `${file.bytes} B`,
    sha256: file.sha256,
    temporalCoverage: `${entry.temporal.first}/${entry.temporal.last}`,
  };
}

/** The schema.org description of `build` for its landing page in `lang`. */
export function schemaOrgDataset(model: SiteModel, build: DatasetBuild, lang: Language): Json {
  const base = baseIri(model.baseUrl);
  const { series, datasets } = buildEntries(base, build);
  const { metadata, publisher } = build;
  const org = organization(model, publisher, lang);
  const landing = landingPage(base, build.id, lang);
  const shared: Json = {
    license: LICENCES[metadata.license],
    isAccessibleForFree: true,
    inLanguage: 'sv',
    keywords: ((lang === 'en' ? metadata.keywords.en : undefined) ?? metadata.keywords.sv).map(stripXmlForbidden),
    creator: org,
    publisher: org,
    spatialCoverage: place(publisher, lang),
    variableMeasured: variables(build, lang),
    measurementTechnique: text(MEASUREMENT_TECHNIQUE, lang),
    includedInDataCatalog: {
      '@type': 'DataCatalog',
      '@id': catalogIri(base),
      name: text(model.settings.title, lang),
      url: base + (lang === 'en' ? 'en/' : '') + 'datasets/',
    },
  };
  const describe = (entry: CatalogEntry, url: string): Json => ({
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': entry.iri,
    identifier: entry.uuid,
    name: text(entry.title, lang),
    description: text(entry.description, lang),
    url,
    ...shared,
    datePublished: entry.dates.issued,
    dateModified: entry.dates.modified,
    temporalCoverage: `${entry.temporal.first}/${entry.temporal.last}`,
  });
  const files = (entry: PeriodEntry): Json[] =>
    entry.period.files.map((file) => download(`${text(entry.title, lang)} (${file.format})`, downloadUrl(base, file.path), file, entry));

  if (!series) {
    const [only] = datasets;
    if (!only) {
      // Nothing published yet: the dataset as its metadata describes it, without dates or files.
      const description = metadata.series === 'yearly' ? seriesDescription(metadata.description) : cumulativeDescription(metadata.description);
      return {
        '@context': 'https://schema.org',
        '@type': 'Dataset',
        identifier: datasetUuid(publisher.orgNumber, build.id, metadata.series === 'yearly' ? 'series' : 'all'),
        name: text(metadata.title, lang),
        description: text(description, lang),
        url: landing,
        ...shared,
      };
    }
    return { ...describe(only, landing), distribution: files(only) };
  }
  const parts = datasets.map((entry) => {
    const { '@context': _, ...part } = describe(entry, `${landing}#period-${encodeURIComponent(entry.period.key)}`);
    return { ...part, isPartOf: { '@id': series.iri }, distribution: files(entry) };
  });
  const dataPackage = download(text(dataPackageTitle(series.title), lang), downloadUrl(base, build.datapackage.path), build.datapackage, series);
  return { ...describe(series, landing), distribution: [dataPackage], hasPart: parts };
}

const SCRIPT_UNSAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>`, `&` and the line separators U+2028/2029 are
 * written as `\u` escapes, so no text in the data can close the script element or open a comment in it.
 */
export function safeJsonForScript(obj: unknown): string {
  const json = JSON.stringify(obj) ?? 'null';
  return json.replace(/[<>&\u2028\u2029]/g, (ch) => SCRIPT_UNSAFE[ch]);
}
