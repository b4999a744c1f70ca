/**
 * A schema.org `Dataset` (JSON-LD) for a dataset's landing page, so that search engines find it: built from the
 * same entries as the DCAT catalogue (same IRIs, identifier, dates and licence), and `safeJsonForScript` to embed
 * it in a `<script type="application/ld+json">` block.
 */
import type { DatasetBuild, Language, LocalizedText, Publisher, SiteModel } from '../model.ts';
import { buildEntries } from './entries.ts';
import { baseIri, httpIri } from './iri.ts';
import { catalogIri, downloadUrl, landingPage, publisherIri } from './nodes.ts';
import { LICENCES } from './vocab.ts';

function text(value: LocalizedText, lang: Language): string {
  return (lang === 'en' ? value.en : undefined) ?? value.sv;
}

function organization(publisher: Publisher): Record<string, unknown> {
  return {
    '@type': 'Organization',
    '@id': publisherIri(publisher.orgNumber),
    name: publisher.name,
    identifier: publisher.orgNumber,
    url: httpIri(publisher.homepage, `Homepage of publisher "${publisher.id}"`),
    email: publisher.email,
  };
}

function place(publisher: Publisher, lang: Language): Record<string, unknown> {
  const sweden = { '@type': 'Country', name: lang === 'sv' ? 'Sverige' : 'Sweden' };
  if (publisher.type === 'agency') return sweden;
  return { '@type': 'AdministrativeArea', name: publisher.name, containedInPlace: sweden };
}

/** The schema.org description of `build` for its landing page in `lang`. */
export function schemaOrgDataset(model: SiteModel, build: DatasetBuild, lang: Language): Record<string, unknown> {
  const base = baseIri(model.baseUrl);
  const { series, datasets } = buildEntries(base, build);
  const main = series ?? datasets[0];
  const { metadata, publisher, summary } = build;
  const files = datasets.flatMap((d) => d.period.files.map((file) => ({ file, entry: d })));
  const keywords = (lang === 'en' ? metadata.keywords.en : undefined) ?? metadata.keywords.sv;
  const org = organization(publisher);
  const result: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    ...(main ? { '@id': main.iri, identifier: main.uuid } : {}),
    name: text(metadata.title, lang),
    description: text(metadata.description, lang),
    url: landingPage(base, build.id, lang),
    license: LICENCES[metadata.license],
    isAccessibleForFree: true,
    inLanguage: 'sv',
    keywords,
    creator: org,
    publisher: org,
    ...(main ? { datePublished: main.dates.issued, dateModified: main.dates.modified } : {}),
    ...(summary.period ? { temporalCoverage: `${summary.period.first}/${summary.period.last}` } : {}),
    spatialCoverage: place(publisher, lang),
    includedInDataCatalog: {
      '@type': 'DataCatalog',
      '@id': catalogIri(base),
      name: text(model.settings.title, lang),
      url: base + (lang === 'en' ? 'en/' : '') + 'datasets/',
    },
    distribution: files.map(({ file, entry }) => ({
      '@type': 'DataDownload',
      name: `${text(entry.title, lang)} (${file.format})`,
      contentUrl: downloadUrl(base, file.path),
      encodingFormat: file.mediaType,
      contentSize: `${file.bytes} B`,
      sha256: file.sha256,
      temporalCoverage: `${entry.period.first}/${entry.period.last}`,
    })),
  };
  return result;
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
